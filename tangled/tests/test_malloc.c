// tangled from chapters/08-malloc.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// CUnit tests of the allocator: size classes, mallocgc, the heap, P's.
#define _GNU_SOURCE
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "testing.h"
#include "runtime.h"

static uint64
xorshift(uint64 *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static uintptr
alignOf(uintptr elemsize)
{
    uintptr a = elemsize & -elemsize;
    return a > pageSize ? pageSize : a;
}

struct pair { void *p, *q; long n; };
GOMM_TYPE(pairType, struct pair, offsetof(struct pair, p), offsetof(struct pair, q));
GOMM_TYPE_NOPTR(longType, long);
static void
test_fastpath(void)
{
    byte *v = mallocgc(64, NULL, true);
    mspan *s = spanOfHeap((uintptr)v);
    CU_ASSERT_FATAL(s != NULL && s->freeindex < s->nelems - 2);
    CU_ASSERT_PTR_EQUAL(getm()->p->mcache->alloc[s->spanclass], s);
    // Pretend the span's pages held old objects: the next slots have garbage.
    uint8 saved = s->needzero;
    s->needzero = 1;
    memset(v + 64, 0xaa, 128);
    byte *z = mallocgc(64, NULL, true);
    byte *g = mallocgc(64, NULL, false);
    s->needzero = saved;
    CU_ASSERT_PTR_EQUAL(z, v + 64);
    CU_ASSERT_PTR_EQUAL(g, v + 128);
    CU_ASSERT(z[0] == 0 && z[63] == 0);      // zeroed: the caller asked and the span needs it
    CU_ASSERT(g[0] == 0xaa && g[63] == 0xaa); // not zeroed: the caller did not ask
    CU_ASSERT_EQUAL(s->freeIndexForScan, s->freeindex);
    // A descriptor seen for the first time goes through the general path, which completes it.
    static GOMM_TYPE_NOPTR(fresh, struct { long a[5]; });
    CU_ASSERT_EQUAL(fresh.state, 0);
    long *a = runtime_new(&fresh), *b = runtime_new(&fresh);
    CU_ASSERT_EQUAL(fresh.state, 2);
    CU_ASSERT(spanClass_noscan(spanOfHeap((uintptr)a)->spanclass));
    CU_ASSERT_PTR_EQUAL(spanOfHeap((uintptr)a), spanOfHeap((uintptr)b));
    // A scan object takes the scan shortcut: zeroed when the span needs it, counted, published.
    typedef struct { void *next; long v; void *data; } node;
    GOMM_TYPE(nodeType, node, offsetof(node, next), offsetof(node, data));
    node *n0 = runtime_new(&nodeType); // completes the descriptor
    mspan *ns = spanOfHeap((uintptr)n0);
    CU_ASSERT_FATAL(!spanClass_noscan(ns->spanclass) && ns->elemsize == sizeof(node));
    CU_ASSERT_FATAL(ns->freeindex < ns->nelems - 2);
    struct mcache *c = getm()->p->mcache;
    uint64 scanAlloc = c->scanAlloc;
    saved = ns->needzero;
    ns->needzero = 1;
    memset(n0 + 1, 0xaa, 2 * sizeof(node));
    node *n1 = runtime_new(&nodeType);
    node *n2 = runtime_mallocgc(sizeof(node), &nodeType, 0); // zeroed all the same: it has pointers
    ns->needzero = saved;
    CU_ASSERT_PTR_EQUAL(n1, n0 + 1);
    CU_ASSERT_PTR_EQUAL(n2, n0 + 2);
    CU_ASSERT(n1->next == NULL && n1->v == 0 && n1->data == NULL);
    CU_ASSERT(n2->next == NULL && n2->v == 0 && n2->data == NULL);
    CU_ASSERT_EQUAL(c->scanAlloc - scanAlloc, 2 * nodeType.ptrdata);
    CU_ASSERT_EQUAL(nodeType.ptrdata, sizeof(node));
    CU_ASSERT_EQUAL(ns->freeIndexForScan, ns->freeindex);
}

static void
test_sizeToClass(void)
{
    for (uintptr size = 1; size <= _MaxSmallSize; size++) {
        uint8 cl = sizeToClass(size);
        if (class_to_size[cl] < size || class_to_size[cl - 1] >= size) {
            CU_FAIL("size maps to the wrong class");
            printf("size %lu -> class %u (%u bytes)\n", (unsigned long)size, cl, class_to_size[cl]);
            return;
        }
    }
    CU_ASSERT_EQUAL(class_to_size[_NumSizeClasses - 1], _MaxSmallSize);
    for (int i = 1; i < _NumSizeClasses; i++) {
        uintptr d = class_to_size[i], max = class_to_allocnpages[i] * pageSize;
        for (uintptr n = 0; n <= max; n += 8)
            if ((uintptr)(((uint64)n * class_to_divmagic[i]) >> 32) != n / d) {
                CU_FAIL("bad divmagic");
                return;
            }
    }
}

static void
test_alignment(void)
{
    for (uintptr size = 1; size <= 3 * _MaxSmallSize; size += size < 1024 ? 1 : 61) {
        uintptr p = (uintptr)mallocgc(size, size >= 16 ? &longType : NULL, true);
        mspan *s = spanOfHeap(p);
        CU_ASSERT_FATAL(s != NULL);
        uintptr want;
        if (size < maxTinySize)
            want = (size & 7) == 0 ? 8 : (size & 3) == 0 ? 4 : (size & 1) == 0 ? 2 : 1;
        else if (size <= _MaxSmallSize)
            want = alignOf(s->elemsize);
        else
            want = pageSize;
        if (p % want != 0 || s->elemsize < size) {
            CU_FAIL("misaligned or short object");
            printf("size %lu at 0x%lx (elemsize %lu)\n", (unsigned long)size, (unsigned long)p,
                   (unsigned long)s->elemsize);
            return;
        }
    }
    CU_ASSERT_PTR_EQUAL(mallocgc(0, NULL, true), &zerobase);
}
enum { nobjs = 20000 };

static int
stress(uint64 seed, int n)
{
    void **objs = malloc(n * sizeof *objs);
    uintptr *sizes = malloc(n * sizeof *sizes);
    int bad = 0;
    for (int i = 0; i < n; i++) {
        uint64 r = xorshift(&seed);
        uintptr size = r % 100 < 40 ? 1 + r % 15 : r % 100 < 97 ? 16 + r % 2048 : _MaxSmallSize + r % 100000;
        sizes[i] = size;
        objs[i] = mallocgc(size, NULL, true);
        for (uintptr j = 0; j < size; j++)
            if (((byte *)objs[i])[j] != 0)
                bad++;
        memset(objs[i], (byte)(i * 7 + 1), size);
        mspan *s = spanOfHeap((uintptr)objs[i]);
        if (s == NULL || (uintptr)objs[i] + size > s->limit)
            bad++;
    }
    for (int i = 0; i < n; i++)
        for (uintptr j = 0; j < sizes[i]; j++)
            if (((byte *)objs[i])[j] != (byte)(i * 7 + 1)) {
                bad++;
                break;
            }
    free(objs);
    free(sizes);
    return bad;
}

static void
test_nooverlap(void)
{
    CU_ASSERT_EQUAL(stress(12345, nobjs), 0);
}

static void
test_tiny(void)
{
    byte *a = mallocgc(4, NULL, true);
    byte *b = mallocgc(4, NULL, true);
    byte *c = mallocgc(8, NULL, true);
    CU_ASSERT((uintptr)a / 16 == (uintptr)b / 16 || b == a + 4 || (uintptr)b % 16 == 0);
    if ((uintptr)a / 16 == (uintptr)b / 16)
        CU_ASSERT_PTR_EQUAL(b, a + 4);
    CU_ASSERT_EQUAL((uintptr)c % 8, 0);
    // Sixteen one-byte objects: at most two blocks.
    byte *first = mallocgc(1, NULL, true), *last = first;
    for (int i = 0; i < 15; i++)
        last = mallocgc(1, NULL, true);
    CU_ASSERT(last - first < 32 && last - first > -32);
    // Objects with pointers are never tiny: they get their own slot.
    struct pair *p1 = runtime_new(&pairType), *p2 = runtime_new(&pairType);
    CU_ASSERT(spanClass_noscan(spanOfHeap((uintptr)p1)->spanclass) == false);
    CU_ASSERT((byte *)p2 - (byte *)p1 >= (ptrdiff_t)sizeof(struct pair) ||
              (byte *)p1 - (byte *)p2 >= (ptrdiff_t)sizeof(struct pair));
    CU_ASSERT(spanClass_sizeclass(spanOfHeap((uintptr)a)->spanclass) == _TinySizeClass);
}

static void
test_large(void)
{
    uintptr sizes[] = {_MaxSmallSize + 1, 1 << 20, (100 << 20) + 3};
    for (int i = 0; i < 3; i++) {
        byte *p = mallocgc(sizes[i], NULL, true);
        mspan *s = spanOfHeap((uintptr)p);
        CU_ASSERT_FATAL(s != NULL);
        CU_ASSERT_EQUAL((uintptr)p % pageSize, 0);
        CU_ASSERT_PTR_EQUAL(p, (byte *)mspan_base(s));
        CU_ASSERT_EQUAL(spanClass_sizeclass(s->spanclass), 0);
        CU_ASSERT(spanClass_noscan(s->spanclass));
        CU_ASSERT_EQUAL(s->npages, divRoundUp(sizes[i], pageSize));
        CU_ASSERT_EQUAL(s->limit, (uintptr)p + sizes[i]);
        CU_ASSERT_PTR_NULL(spanOfHeap((uintptr)p + sizes[i])); // past the limit
        CU_ASSERT_EQUAL(p[0], 0);
        CU_ASSERT_EQUAL(p[sizes[i] - 1], 0);
        memset(p, 0xee, sizes[i]);
    }
}
static void
test_arenas(void)
{
    uintptr before = mheap_.nallArenas;
    for (int i = 0; i < 3; i++)
        memset(mallocgc(48 << 20, NULL, true), 1, 1);
    CU_ASSERT(mheap_.nallArenas >= before + 2);
    CU_ASSERT(mheap_.nallArenas >= 2);
    for (uintptr i = 0; i < mheap_.nallArenas; i++) {
        arenaIdx ai = mheap_.allArenas[i];
        CU_ASSERT_PTR_NOT_NULL(mheap_.arenas[arenaIdx_l1(ai)][arenaIdx_l2(ai)]);
    }
#if defined(__aarch64__)
    const uintptr firstHint = (uintptr)0x0040 << 32;
#else
    const uintptr firstHint = (uintptr)0x00c0 << 32;
#endif
    if (!underSanitizer)
        CU_ASSERT_EQUAL(arenaBase(mheap_.allArenas[0]), firstHint);
    CU_ASSERT_PTR_NULL(spanOf(0x1000));
    CU_ASSERT_PTR_NULL(spanOf(firstHint + ((uintptr)1 << 58))); // must not wrap onto an arena
    CU_ASSERT_PTR_NULL(spanOfHeap((uintptr)&before));
}

static void
test_heapstats(void)
{
    uint64 inuse = sysMemStat_load(&gcController.heapInUse);
    uint64 live = atomic_Load64(&gcController.heapLive);
    byte *p = mallocgc(1 << 20, NULL, false);
    CU_ASSERT_EQUAL(sysMemStat_load(&gcController.heapInUse), inuse + (1 << 20));
    CU_ASSERT_EQUAL(atomic_Load64(&gcController.heapLive), live + (1 << 20));
    (void)p;
    // A refill counts the whole span as live; releasing the cache takes the rest back.
    struct mcache *c = getm()->p->mcache;
    mcache_releaseAll(c);
    live = atomic_Load64(&gcController.heapLive);
    void *o = mallocgc(1024, NULL, false);
    mspan *s = spanOfHeap((uintptr)o);
    uintptr counted = s->npages * pageSize - (uintptr)s->allocCountBeforeCache * s->elemsize;
    CU_ASSERT_EQUAL(atomic_Load64(&gcController.heapLive), live + counted);
    uintptr tail = s->npages * pageSize - s->nelems * s->elemsize;
    mcache_releaseAll(c);
    CU_ASSERT_EQUAL(atomic_Load64(&gcController.heapLive), live + s->elemsize + tail);
    CU_ASSERT_PTR_NOT_NULL(mallocgc(1024, NULL, false)); // reuses the partial span
    CU_ASSERT_PTR_EQUAL(spanOfHeap((uintptr)mallocgc(1024, NULL, false)), s);
}
enum { nthreads = 4 };

static void *
stressThread(void *arg)
{
    return (void *)(intptr_t)stress((uint64)(uintptr)arg * 7919 + 1, nobjs / 4);
}

static void
test_threads(void)
{
    pthread_t t[nthreads];
    for (int i = 0; i < nthreads; i++)
        CU_ASSERT_FATAL(pthread_create(&t[i], NULL, stressThread, (void *)(uintptr)(i + 1)) == 0);
    for (int i = 0; i < nthreads; i++) {
        void *bad;
        pthread_join(t[i], &bad);
        CU_ASSERT_EQUAL((intptr_t)bad, 0);
    }
    CU_ASSERT(nallp >= 2);
    // Exited threads gave their P's back: this thread can take one and return it.
    runtime_ThreadDetach();
    CU_ASSERT_PTR_NULL(getm()->p);
    runtime_ThreadAttach();
    CU_ASSERT_PTR_NOT_NULL(getm()->p);
}
static pthread_key_t lateKey;

static void
lateDestructor(void *arg)
{
    (void)arg;
    void *p = mallocgc(64, NULL, true);
    CU_ASSERT_PTR_NOT_NULL(p);
}

static void *
lateThread(void *arg)
{
    (void)arg;
    pthread_setspecific(lateKey, &lateKey);
    return mallocgc(64, NULL, true);
}

static int
runningPs(void)
{
    int n = 0;
    for (uint32 i = 0; i < __atomic_load_n(&nallp, __ATOMIC_ACQUIRE); i++)
        n += __atomic_load_n(&allp[i]->status, __ATOMIC_ACQUIRE) == _Prunning;
    return n;
}

static void
test_threadexit(void)
{
    CU_ASSERT_FATAL(pthread_key_create(&lateKey, lateDestructor) == 0);
    CU_ASSERT_EQUAL(runningPs(), 1);
    for (int i = 0; i < 3; i++) {
        pthread_t t;
        CU_ASSERT_FATAL(pthread_create(&t, NULL, lateThread, NULL) == 0);
        pthread_join(t, NULL);
        CU_ASSERT_EQUAL(runningPs(), 1);
    }
    pthread_key_delete(lateKey);
}
static void
test_badinput(void)
{
    char out[1024];
    CU_ASSERT_EQUAL(runself("makeslice-len", NULL, out, sizeof out), 2);
    CU_ASSERT_STRING_EQUAL(out, "panic: runtime error: makeslice: len out of range\n");
    CU_ASSERT_EQUAL(runself("makeslice-cap", NULL, out, sizeof out), 2);
    CU_ASSERT_STRING_EQUAL(out, "panic: runtime error: makeslice: cap out of range\n");
    CU_ASSERT_EQUAL(runself("badsize", NULL, out, sizeof out), 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "runtime: size=12 type long of size 8\n"
                                       "fatal error: runtime_mallocgc: size is not a multiple"));
    CU_ASSERT_EQUAL(runself("badtype", NULL, out, sizeof out), 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "runtime: type struct bad: size=12 pointer offset=4\n"
                                       "fatal error: bad pointer offset in type descriptor\n"));
    CU_ASSERT_EQUAL(runself("gomaxprocs", "GOMAXPROCS=3", out, sizeof out), 0);
    CU_ASSERT_STRING_EQUAL(out, "3\n");
    char want[16];
    snprintf(want, sizeof want, "%d\n", runtime_NumCPU());
    CU_ASSERT_EQUAL(runself("gomaxprocs", "GOMAXPROCS=abc", out, sizeof out), 0);
    CU_ASSERT_STRING_EQUAL(out, want);
    // Go's atoi32 takes no plus sign, no space, nothing beyond 32 bits (runself's env is shell).
    const char *bad[] = {"GOMAXPROCS=-1", "GOMAXPROCS=+3", "GOMAXPROCS=' 3'", "GOMAXPROCS='3 '",
                         "GOMAXPROCS=0", "GOMAXPROCS=4294967299", "GOMAXPROCS="};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CU_ASSERT_EQUAL(runself("gomaxprocs", bad[i], out, sizeof out), 0);
        CU_ASSERT_STRING_EQUAL(out, want);
    }
    CU_ASSERT_EQUAL(runself("gomaxprocs", "GOMAXPROCS=5000", out, sizeof out), 0);
    CU_ASSERT_STRING_EQUAL(out, "1024\n"); // gomm's cap; Go has none
    CU_ASSERT_EQUAL(runself("sbrk", "GODEBUG=sbrk=1", out, sizeof out), 0);
    CU_ASSERT_STRING_EQUAL(out, "persistent 1 heap 0 aligned 1\n");
    CU_ASSERT_EQUAL(runself("sbrk", NULL, out, sizeof out), 0);
    CU_ASSERT_STRING_EQUAL(out, "persistent 0 heap 1 aligned 1\n");
    int prev = runtime_GOMAXPROCS(0);
    CU_ASSERT_EQUAL(runtime_GOMAXPROCS(prev + 3), prev);
    CU_ASSERT_EQUAL(runtime_GOMAXPROCS(0), prev + 3);
    CU_ASSERT(nallp >= (uint32)prev + 3);
    CU_ASSERT_EQUAL(runtime_GOMAXPROCS(prev), prev + 3);
    int64 *s = runtime_makeslice(&longType, 3, 10);
    CU_ASSERT_EQUAL(s[9], 0);
    CU_ASSERT_PTR_NOT_NULL(runtime_makeslice(&longType, 0, 0));
}

int
main(int argc, char **argv)
{
    debug_SetGCPercent(-1); // the allocator alone: nothing may be freed under these tests
    if (argc == 2) {
        struct bad { int a; void *p; };
        GOMM_TYPE(badType, struct bad, 4);
        if (strcmp(argv[1], "makeslice-len") == 0)
            runtime_makeslice(&longType, -1, 10);
        else if (strcmp(argv[1], "makeslice-cap") == 0)
            runtime_makeslice(&longType, 1, (intptr_t)1 << 62);
        else if (strcmp(argv[1], "badtype") == 0) {
            badType.size = 12;
            runtime_new(&badType);
        } else if (strcmp(argv[1], "badsize") == 0) {
            runtime_mallocgc(12, &longType, 1);
        } else if (strcmp(argv[1], "gomaxprocs") == 0) {
            printf("%d\n", runtime_GOMAXPROCS(0));
        } else if (strcmp(argv[1], "sbrk") == 0) {
            uintptr p = (uintptr)mallocgc(100, &longType, true);
            // A C type that asks for 16-byte alignment gets it, after odd-sized objects.
            typedef struct { long double x; } wide;
            static GOMM_TYPE_NOPTR(wideType, wide);
            int aligned = 1;
            for (int i = 0; i < 8; i++) {
                mallocgc(3, &longType, true);
                aligned &= (uintptr)runtime_new(&wideType) % _Alignof(wide) == 0;
            }
            printf("persistent %d heap %d aligned %d\n", inPersistentAlloc(p), spanOfHeap(p) != NULL,
                   aligned);
        }
        return 0;
    }
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite s = CU_add_suite("malloc", NULL, NULL);
    CU_add_test(s, "the fast path: zeroing, new type descriptors", test_fastpath);
    CU_add_test(s, "every size maps to the smallest class that fits", test_sizeToClass);
    CU_add_test(s, "alignment of tiny, small and large objects", test_alignment);
    CU_add_test(s, "random objects never overlap", test_nooverlap);
    CU_add_test(s, "tiny objects are combined, noscan only", test_tiny);
    CU_add_test(s, "large objects", test_large);
    CU_add_test(s, "the heap grows past one arena, from 0xc000000000", test_arenas);
    CU_add_test(s, "heapInUse and heapLive accounting", test_heapstats);
    CU_add_test(s, "four threads allocating at once", test_threads);
    CU_add_test(s, "an exiting thread gives its P back, even after a late destructor allocates",
                test_threadexit);
    CU_add_test(s, "bad input, GOMAXPROCS, GODEBUG=sbrk=1", test_badinput);
    return runTests();
}
