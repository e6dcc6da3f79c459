// Exercise 03-fixalloc: graded tests.  Each test's name starts with its points.
#include <stdlib.h>
#include <string.h>
#include "grade.h"
#include "fixalloc.h"

// The chunk source: zeroed memory from calloc, with a record of the calls.
static int nchunks;
static uintptr_t lastChunkBytes;
static int sourceArg;

static void *
source(void *carg, uintptr_t n)
{
    CU_ASSERT_PTR_EQUAL(carg, &sourceArg);
    nchunks++;
    lastChunkBytes = n;
    return calloc(1, n);
}

static int nfirst;
static void *lastFirst;

static void
countFirst(void *arg, void *p)
{
    CU_ASSERT_PTR_EQUAL(arg, &nfirst);
    nfirst++;
    lastFirst = p;
}

static void
test_init(void)
{
    ex_fixalloc f;
    memset(&f, 0xff, sizeof f);
    ex_fixalloc_init(&f, 40, countFirst, &nfirst, source, &sourceArg);
    CU_ASSERT_EQUAL(f.size, 40);
    CU_ASSERT_EQUAL(f.nalloc, 16360); // 409 objects, no tail
    CU_ASSERT_PTR_NULL(f.list);
    CU_ASSERT_EQUAL(f.nchunk, 0);
    CU_ASSERT_EQUAL(f.inuse, 0);
    CU_ASSERT(f.zero);
    CU_ASSERT(f.first == countFirst && f.arg == &nfirst && f.chunkAlloc == source && f.carg == &sourceArg);
    CU_ASSERT_EQUAL(nchunks, 0); // no chunk before the first allocation
    ex_fixalloc_init(&f, 3, NULL, NULL, source, &sourceArg);
    CU_ASSERT_EQUAL(f.size, sizeof(ex_link)); // room for the link
    CU_ASSERT_EQUAL(f.nalloc, 16384);
    ex_fixalloc_init(&f, 48, NULL, NULL, source, &sourceArg);
    CU_ASSERT_EQUAL(f.nalloc, 16368);
}

static void
test_fresh(void)
{
    enum { n = 1000, size = 40 };
    static unsigned char *objs[n];
    ex_fixalloc f;
    ex_fixalloc_init(&f, size, countFirst, &nfirst, source, &sourceArg);
    for (int i = 0; i < n; i++) {
        objs[i] = ex_fixalloc_alloc(&f);
        CU_ASSERT_PTR_NOT_NULL_FATAL(objs[i]);
        CU_ASSERT_PTR_EQUAL(lastFirst, objs[i]);
        for (int j = 0; j < size; j++)
            if (objs[i][j] != 0) {
                CU_FAIL("a fresh object is not zero");
                return;
            }
        memset(objs[i], i & 0xff, size);
    }
    CU_ASSERT_EQUAL(nfirst, n);
    CU_ASSERT_EQUAL(nchunks, 3); // 409 objects a chunk
    CU_ASSERT_EQUAL(lastChunkBytes, 16360);
    for (int i = 0; i < 408; i++)
        CU_ASSERT_PTR_EQUAL(objs[i + 1], objs[i] + size); // carved in order
    for (int i = 0; i < n; i++)
        for (int j = 0; j < size; j++)
            if (objs[i][j] != (i & 0xff)) {
                CU_FAIL("objects overlap");
                return;
            }
}

static void
test_reuse(void)
{
    ex_fixalloc f;
    ex_fixalloc_init(&f, 24, countFirst, &nfirst, source, &sourceArg);
    unsigned char *a = ex_fixalloc_alloc(&f), *b = ex_fixalloc_alloc(&f), *c = ex_fixalloc_alloc(&f);
    CU_ASSERT_FATAL(a != NULL && b != NULL && c != NULL);
    CU_ASSERT_EQUAL(nfirst, 3);
    ex_fixalloc_free(&f, a);
    ex_fixalloc_free(&f, b);
    CU_ASSERT_PTR_EQUAL(f.list, (ex_link *)b); // the list goes through the objects
    CU_ASSERT_PTR_EQUAL(f.list->next, (ex_link *)a);
    CU_ASSERT_PTR_EQUAL(ex_fixalloc_alloc(&f), b); // last freed, first reused
    CU_ASSERT_PTR_EQUAL(ex_fixalloc_alloc(&f), a);
    CU_ASSERT_PTR_EQUAL(ex_fixalloc_alloc(&f), c + 24); // then the chunk again
    CU_ASSERT_EQUAL(nfirst, 4); // first() only for fresh objects
    CU_ASSERT_EQUAL(nchunks, 1);
}

static void
test_zero(void)
{
    ex_fixalloc f;
    ex_fixalloc_init(&f, 64, NULL, NULL, source, &sourceArg);
    unsigned char *a = ex_fixalloc_alloc(&f);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    memset(a, 0xab, 64);
    ex_fixalloc_free(&f, a);
    CU_ASSERT_PTR_EQUAL_FATAL(ex_fixalloc_alloc(&f), a);
    for (int j = 0; j < 64; j++)
        CU_ASSERT_EQUAL(a[j], 0); // zeroed on reuse, the link word too
    f.zero = false;
    memset(a, 0xab, 64);
    ex_fixalloc_free(&f, a);
    CU_ASSERT_PTR_EQUAL_FATAL(ex_fixalloc_alloc(&f), a);
    for (int j = sizeof(ex_link); j < 64; j++)
        CU_ASSERT_EQUAL(a[j], 0xab); // left alone when zero is off
}

static void
test_inuse(void)
{
    ex_fixalloc f;
    ex_fixalloc_init(&f, 96, NULL, NULL, source, &sourceArg);
    void *p[300];
    for (int i = 0; i < 300; i++)
        p[i] = ex_fixalloc_alloc(&f);
    CU_ASSERT_EQUAL(f.inuse, 300 * 96);
    CU_ASSERT_EQUAL(nchunks, 2); // 170 objects a chunk
    for (int i = 0; i < 300; i += 3)
        ex_fixalloc_free(&f, p[i]);
    CU_ASSERT_EQUAL(f.inuse, 200 * 96);
    ex_fixalloc_alloc(&f);
    CU_ASSERT_EQUAL(f.inuse, 201 * 96);
}

static void
test_big(void)
{
    ex_fixalloc f;
    ex_fixalloc_init(&f, 10000, NULL, NULL, source, &sourceArg);
    CU_ASSERT_EQUAL(f.nalloc, 10000);
    unsigned char *a = ex_fixalloc_alloc(&f), *b = ex_fixalloc_alloc(&f);
    CU_ASSERT_FATAL(a != NULL && b != NULL);
    CU_ASSERT_EQUAL(nchunks, 2); // one object a chunk: the 6384-byte tail is never taken
    CU_ASSERT_EQUAL(lastChunkBytes, 10000);
    memset(a, 1, 10000);
    memset(b, 2, 10000);
    CU_ASSERT(a[9999] == 1 && b[0] == 2);
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("03-fixalloc", NULL, NULL);
    CU_add_test(s, "[2] init: the size, whole objects per chunk", test_init);
    CU_add_test(s, "[2] fresh objects are carved from chunks, with first()", test_fresh);
    CU_add_test(s, "[2] freed objects are reused, last in first out", test_reuse);
    CU_add_test(s, "[2] reused objects are zeroed unless zero is off", test_zero);
    CU_add_test(s, "[1] inuse counts the bytes allocated", test_inuse);
    CU_add_test(s, "[1] objects larger than half a chunk", test_big);
}
