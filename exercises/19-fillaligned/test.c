// Exercise 19-fillaligned: graded tests.  Each test's name starts with its points.
#include "grade.h"
#include "fillaligned.h"

static void
test_fill(void)
{
    CU_ASSERT_EQUAL(ex_fillAligned(0, 8), 0);
    CU_ASSERT_EQUAL(ex_fillAligned(0x10, 1), 0x10);
    CU_ASSERT_EQUAL(ex_fillAligned(0x10, 2), 0x30);
    CU_ASSERT_EQUAL(ex_fillAligned(0x10, 4), 0xf0);
    CU_ASSERT_EQUAL(ex_fillAligned(0x10, 8), 0xff);
    CU_ASSERT_EQUAL(ex_fillAligned(0x8000000000000001ull, 8), 0xff000000000000ffull);
    CU_ASSERT_EQUAL(ex_fillAligned(0x0100000000000000ull, 64), ~0ull);
    CU_ASSERT_EQUAL(ex_fillAligned(0x0000000100000000ull, 32), 0xffffffff00000000ull);
    uint64_t seed = 88172645463325252ull;
    int bad = 0;
    for (int n = 0; n < 2000; n++) {
        seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
        uint64_t x = seed & (seed >> 3) & (seed >> 9);
        for (unsigned m = 1; m <= 64; m *= 2) {
            uint64_t want = 0;
            for (unsigned g = 0; g < 64; g += m) {
                uint64_t mask = m == 64 ? ~0ull : ((1ull << m) - 1) << g;
                if (x & mask)
                    want |= mask;
            }
            bad += ex_fillAligned(x, m) != want;
        }
    }
    CU_ASSERT_EQUAL(bad, 0);
}

static void
busyBut(uint64_t b[8], unsigned free0, unsigned free1)
{
    for (int i = 0; i < 8; i++)
        b[i] = ~0ull;
    for (unsigned p = free0; p < free1; p++)
        b[p / 64] &= ~(1ull << (p % 64));
}

static void
check(unsigned free0, unsigned free1, unsigned search, unsigned min, unsigned max, unsigned wantStart,
      unsigned wantSize)
{
    uint64_t b[8];
    busyBut(b, free0, free1);
    unsigned start = 99, size = 99;
    ex_findCandidate(b, search, min, max, &start, &size);
    CU_ASSERT(start == wantStart && size == wantSize);
}

static void
test_find(void)
{
    check(0, 512, 511, 1, 1, 511, 1);
    check(0, 512, 511, 1, 20, 492, 20);
    check(0, 512, 100, 1, 5, 123, 5); // the whole word of page 100
    check(100, 110, 511, 1, 64, 100, 10);
    check(100, 110, 511, 4, 64, 100, 8);
    check(100, 110, 511, 1, 0, 109, 1); // max 0: min
    check(100, 110, 63, 1, 64, 0, 0);
    check(0, 300, 511, 1, 400, 0, 300); // a run across several words
    check(30, 200, 511, 8, 512, 32, 168); // groups of 8: 32..199
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("19-fillaligned", NULL, NULL);
    CU_add_test(s, "[5] fillAligned", test_fill);
    CU_add_test(s, "[5] findCandidate", test_find);
}
