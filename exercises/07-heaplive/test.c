// Exercise 07-heaplive: graded tests.  Each test's name starts with its points.
#include <stddef.h>
#include "grade.h"
#include "heaplive.h"

// Spans of Go's classes: 48 bytes (1 page, 170 objects, 32 bytes of tail)
// and 9472 bytes (7 pages, 6 objects).
static ex_cspan
span48(uint16_t allocCount, uint32_t sweepgen)
{
    return (ex_cspan){1, 170, 48, allocCount, 0, sweepgen};
}

static void
test_refillDelta(void)
{
    ex_cspan s = span48(0, 10);
    CU_ASSERT_EQUAL(ex_refillDelta(&s), 8192);
    s.allocCount = 100;
    CU_ASSERT_EQUAL(ex_refillDelta(&s), 8192 - 100 * 48);
    ex_cspan big = {7, 6, 9472, 2, 0, 10};
    CU_ASSERT_EQUAL(ex_refillDelta(&big), 7 * 8192 - 2 * 9472);
}

static void
test_releaseDelta(void)
{
    ex_cspan s = span48(120, 13); // cached in the cycle of sweepgen 10
    CU_ASSERT_EQUAL(ex_releaseDelta(&s, 10), -50 * 48);
    s.allocCount = 170;
    CU_ASSERT_EQUAL(ex_releaseDelta(&s, 10), 0);
    s = span48(120, 11); // cached before the sweep of this cycle: stale
    CU_ASSERT_EQUAL(ex_releaseDelta(&s, 10), 0);
    // Cached with 20 objects, given back with 120, in one cycle: heapLive
    // grew by the 100 objects and the span's tail.
    s = span48(20, 13);
    int64_t up = ex_refillDelta(&s);
    s.allocCount = 120;
    CU_ASSERT_EQUAL(up + ex_releaseDelta(&s, 10), 100 * 48 + 32);
}

static void
test_largeDelta(void)
{
    CU_ASSERT_EQUAL(ex_largeDelta(32769), 40960);
    CU_ASSERT_EQUAL(ex_largeDelta(1 << 20), 1 << 20);
    CU_ASSERT_EQUAL(ex_largeDelta((100 << 20) + 3), (100 << 20) + 8192);
}

static void
test_refill(void)
{
    ex_books b = {0, 0, 0, 10};
    ex_mcache c = {{NULL}, 500};
    ex_cspan a = span48(0, 10);
    CU_ASSERT_EQUAL_FATAL(ex_refill(&b, &c, 3, &a), 0);
    CU_ASSERT_PTR_EQUAL(c.alloc[3], &a);
    CU_ASSERT_EQUAL(a.sweepgen, 13); // cached in this cycle
    CU_ASSERT_EQUAL(b.heapLive, 8192);
    CU_ASSERT_EQUAL(b.heapScan, 500); // scanAlloc flushed
    CU_ASSERT_EQUAL(c.scanAlloc, 0);
    // Not full yet: refused, nothing changes.
    a.allocCount = 100;
    c.scanAlloc = 4800;
    ex_cspan fresh = span48(150, 4);
    CU_ASSERT_EQUAL(ex_refill(&b, &c, 3, &fresh), -1);
    CU_ASSERT(c.alloc[3] == &a && fresh.sweepgen == 4 && b.heapLive == 8192 && c.scanAlloc == 4800);
    // Full: a goes back swept, its allocations are counted, fresh comes in.
    a.allocCount = 170;
    CU_ASSERT_EQUAL_FATAL(ex_refill(&b, &c, 3, &fresh), 0);
    CU_ASSERT_PTR_EQUAL(c.alloc[3], &fresh);
    CU_ASSERT_EQUAL(a.sweepgen, 10);
    CU_ASSERT_EQUAL(a.allocCountBeforeCache, 0);
    CU_ASSERT_EQUAL(b.totalAlloc, 170 * 48);
    CU_ASSERT_EQUAL(fresh.sweepgen, 13);
    CU_ASSERT_EQUAL(fresh.allocCountBeforeCache, 150);
    CU_ASSERT_EQUAL(b.heapLive, 8192 + 8192 - 150 * 48);
    CU_ASSERT_EQUAL(b.heapScan, 500 + 4800);
    // A full span cached in another cycle, or a full fresh span: refused.
    fresh.allocCount = 170;
    fresh.sweepgen = 11;
    ex_cspan other = span48(0, 10);
    CU_ASSERT_EQUAL(ex_refill(&b, &c, 3, &other), -1);
    fresh.sweepgen = 13;
    other.allocCount = 170;
    CU_ASSERT_EQUAL(ex_refill(&b, &c, 3, &other), -1);
    CU_ASSERT_EQUAL(b.totalAlloc, 170 * 48);
}

static void
test_releaseAll(void)
{
    ex_books b = {100000, 0, 0, 10};
    ex_cspan x = {1, 512, 16, 100, 40, 13};  // cached in this cycle with 40 objects
    ex_cspan y = {2, 11, 1408, 3, 1, 11};    // cached in the last cycle: stale
    ex_mcache c = {{NULL}, 1234};
    c.alloc[1] = &x;
    c.alloc[5] = &y;
    ex_releaseAll(&b, &c);
    for (int i = 0; i < ex_numSpanClasses; i++)
        CU_ASSERT_PTR_NULL(c.alloc[i]);
    CU_ASSERT_EQUAL(b.heapLive, 100000 - (512 - 100) * 16); // not y's free slots
    CU_ASSERT_EQUAL(b.totalAlloc, 60 * 16 + 2 * 1408);       // both spans' new objects
    CU_ASSERT_EQUAL(b.heapScan, 1234);
    CU_ASSERT_EQUAL(c.scanAlloc, 0);
    CU_ASSERT_EQUAL(x.sweepgen, 10); // swept
    CU_ASSERT_EQUAL(y.sweepgen, 9);  // handed to the sweeper
    CU_ASSERT_EQUAL(x.allocCountBeforeCache, 0);
    CU_ASSERT_EQUAL(y.allocCountBeforeCache, 0);
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("07-heaplive", NULL, NULL);
    CU_add_test(s, "[2] caching a span counts all its free slots", test_refillDelta);
    CU_add_test(s, "[2] returning it takes the unused ones back, unless stale", test_releaseDelta);
    CU_add_test(s, "[1] a large object counts whole pages", test_largeDelta);
    CU_add_test(s, "[3] refill: checks, sweepgen and the books", test_refill);
    CU_add_test(s, "[2] releaseAll: every span back, stale ones apart", test_releaseAll);
}
