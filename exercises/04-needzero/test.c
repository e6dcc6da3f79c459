// Exercise 04-needzero: graded tests.  Each test's name starts with its points.
#include "grade.h"
#include "needzero.h"

#define P ((uintptr_t)ex_pageSize)
#define A EX_ARENA_BYTES
enum { arenaPages = 8192 };

static uintptr_t zb[3];
static ex_zheap h = {0xc000000000, zb, 3};
#define HB ((uintptr_t)0xc000000000)

static void
test_fresh(void)
{
    CU_ASSERT_EQUAL(ex_allocNeedsZero(&h, HB, 4), false);
    CU_ASSERT_EQUAL(zb[0], 4 * P);
    CU_ASSERT_EQUAL(ex_allocNeedsZero(&h, HB + 4 * P, 2), false);
    CU_ASSERT_EQUAL(zb[0], 6 * P);
    // A range above zeroedBase is fresh; the pages skipped below it are
    // counted as used from now on.
    CU_ASSERT_EQUAL(ex_allocNeedsZero(&h, HB + 10 * P, 1), false);
    CU_ASSERT_EQUAL(zb[0], 11 * P);
    CU_ASSERT_EQUAL(zb[1], 0);
}

static void
test_reuse(void)
{
    zb[0] = 100 * P;
    CU_ASSERT_EQUAL(ex_allocNeedsZero(&h, HB + 10 * P, 5), true);
    CU_ASSERT_EQUAL(zb[0], 100 * P); // never moves back
    CU_ASSERT_EQUAL(ex_allocNeedsZero(&h, HB + 99 * P, 1), true);
    CU_ASSERT_EQUAL(zb[0], 100 * P);
    CU_ASSERT_EQUAL(ex_allocNeedsZero(&h, HB + 100 * P, 1), false);
    CU_ASSERT_EQUAL(zb[0], 101 * P);
}

static void
test_straddle(void)
{
    zb[0] = 6 * P;
    CU_ASSERT_EQUAL(ex_allocNeedsZero(&h, HB + 4 * P, 4), true); // pages 4 and 5 were used
    CU_ASSERT_EQUAL(zb[0], 8 * P);
    CU_ASSERT_EQUAL(ex_allocNeedsZero(&h, HB + 8 * P, 4), false);
    CU_ASSERT_EQUAL(zb[0], 12 * P);
}

static void
test_arenas(void)
{
    // The last two pages of arena 0 and three of arena 1, both fresh.
    zb[0] = (arenaPages - 2) * P;
    CU_ASSERT_EQUAL(ex_allocNeedsZero(&h, HB + A - 2 * P, 5), false);
    CU_ASSERT_EQUAL(zb[0], A); // the end of the arena, no further
    CU_ASSERT_EQUAL(zb[1], 3 * P);
    // Used pages in one arena make the whole range dirty.
    CU_ASSERT_EQUAL(ex_allocNeedsZero(&h, HB + A + 3 * P, 1), false);
    CU_ASSERT_EQUAL(ex_allocNeedsZero(&h, HB + A - P, 3), true);
    CU_ASSERT_EQUAL(zb[1], 4 * P);
}

static void
test_large(void)
{
    // 150 MiB from the middle of arena 0: three arenas.
    zb[0] = 1000 * P;
    uintptr_t npage = (150 << 20) / P;
    CU_ASSERT_EQUAL(ex_allocNeedsZero(&h, HB + 1000 * P, npage), false);
    CU_ASSERT_EQUAL(zb[0], A);
    CU_ASSERT_EQUAL(zb[1], A);
    CU_ASSERT_EQUAL(zb[2], 1000 * P + npage * P - 2 * A);
    CU_ASSERT_EQUAL(ex_allocNeedsZero(&h, HB + 2 * A - P, 2), true);
    CU_ASSERT_EQUAL(zb[2], 1000 * P + npage * P - 2 * A);
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("04-needzero", NULL, NULL);
    CU_add_test(s, "[2] fresh pages need no zeroing; zeroedBase advances", test_fresh);
    CU_add_test(s, "[2] reused pages need zeroing; zeroedBase never moves back", test_reuse);
    CU_add_test(s, "[2] a range across zeroedBase", test_straddle);
    CU_add_test(s, "[2] a range across two arenas", test_arenas);
    CU_add_test(s, "[2] a large span over three arenas", test_large);
}
