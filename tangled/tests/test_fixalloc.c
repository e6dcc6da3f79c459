// tangled from chapters/03-fixalloc.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// CUnit tests of the runtime's mutex, persistentalloc and fixalloc.
#include <pthread.h>
#include <string.h>
#include "testing.h"
#include "runtime.h"

enum { nthreads = 4, nlocks = 200000 };
static mutex mu;
static uint64 counter; // protected by mu

static void *
locker(void *arg)
{
    (void)arg;
    for (int i = 0; i < nlocks; i++) {
        lock(&mu);
        counter++;
        unlock(&mu);
    }
    return NULL;
}

static void
test_lock(void)
{
    pthread_t t[nthreads];
    for (int i = 0; i < nthreads; i++)
        CU_ASSERT_FATAL(pthread_create(&t[i], NULL, locker, NULL) == 0);
    for (int i = 0; i < nthreads; i++)
        pthread_join(t[i], NULL);
    CU_ASSERT_EQUAL(counter, (uint64)nthreads * nlocks);
    CU_ASSERT_EQUAL(mu.key, 0);
}

static void
test_persistentalloc(void)
{
    sysMemStat stat = 0;
    uint64 other = sysMemStat_load(&memstats.other_sys);
    byte *a = persistentalloc(24, 0, &stat);
    byte *b = persistentalloc(100, 64, &stat);
    byte *c = persistentalloc(1 << 20, 0, &stat); // large: straight from sysAlloc
    CU_ASSERT_FATAL(a != NULL && b != NULL && c != NULL);
    CU_ASSERT_EQUAL((uintptr)a % 8, 0);
    CU_ASSERT_EQUAL((uintptr)b % 64, 0);
    CU_ASSERT(b >= a + 24 || b + 100 <= a);
    CU_ASSERT_EQUAL(stat, 24 + 100 + (1 << 20));
    CU_ASSERT(inPersistentAlloc((uintptr)a));
    CU_ASSERT(inPersistentAlloc((uintptr)b + 99));
    CU_ASSERT(!inPersistentAlloc((uintptr)&stat));
    for (int i = 0; i < 24; i++)
        CU_ASSERT_EQUAL(a[i], 0);
    // other_sys grew by whole chunks and lost what was charged elsewhere.
    uint64 now = sysMemStat_load(&memstats.other_sys);
    CU_ASSERT((now + 124 - other) % persistentChunkSize == 0);
}

static int firsts;
static void
countFirst(void *arg, void *p)
{
    (void)p;
    CU_ASSERT_PTR_EQUAL(arg, &firsts);
    firsts++;
}

static void
test_fixalloc(void)
{
    enum { n = 3000, size = 40 };
    static byte *objs[n];
    sysMemStat stat = 0;
    fixalloc f;
    fixalloc_init(&f, size, countFirst, &firsts, &stat);
    for (int i = 0; i < n; i++) {
        objs[i] = fixalloc_alloc(&f);
        memset(objs[i], i & 0xff, size);
    }
    CU_ASSERT_EQUAL(firsts, n);
    CU_ASSERT_EQUAL(f.inuse, (uintptr)n * size);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < size; j++)
            if (objs[i][j] != (i & 0xff)) {
                CU_FAIL("fixalloc objects overlap");
                return;
            }
    CU_ASSERT(stat >= (uint64)n * size && stat < (uint64)n * size + 2 * _FixAllocChunk);
    byte *freed = objs[17];
    fixalloc_free(&f, freed);
    byte *again = fixalloc_alloc(&f);
    CU_ASSERT_PTR_EQUAL(again, freed); // last freed, first reused
    for (int j = 0; j < size; j++)
        CU_ASSERT_EQUAL(again[j], 0);  // zeroed on reuse
    CU_ASSERT_EQUAL(firsts, n);        // first() only for fresh objects
    f.zero = false;
    memset(again, 0x5a, size);
    fixalloc_free(&f, again);
    again = fixalloc_alloc(&f);
    CU_ASSERT_EQUAL(again[size - 1], 0x5a); // not zeroed when zero is off
}

int
main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite s = CU_add_suite("fixalloc", NULL, NULL);
    CU_add_test(s, "the futex mutex under 4 threads", test_lock);
    CU_add_test(s, "persistentalloc", test_persistentalloc);
    CU_add_test(s, "fixalloc", test_fixalloc);
    return runTests();
}
