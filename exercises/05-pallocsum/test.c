// Exercise 05-pallocsum: graded tests.  Each test's name starts with its points.
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "grade.h"
#include "summary.h"

static uint64_t state = 0x243f6a8885a308d3ULL;

static uint64_t
rnd(void)
{
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return state * 0x2545f4914f6cdd1dULL;
}

// Bitmaps with long runs as well as short ones: runs of random lengths.
static void
randomRuns(uint64_t *bits, int npages)
{
    static const unsigned bounds[] = {2, 9, 70, 400};
    unsigned bound = bounds[rnd() % 4];
    int used = (int)(rnd() & 1);
    memset(bits, 0, (size_t)npages / 8);
    for (int i = 0; i < npages;) {
        for (unsigned n = 1 + (unsigned)(rnd() % bound); n > 0 && i < npages; n--, i++)
            if (used)
                bits[i / 64] |= (uint64_t)1 << (i % 64);
        used = !used;
    }
}

static ex_sum
brute(const uint64_t *bits, int first, int n)
{
    ex_sum s = {0, 0, 0};
    unsigned cur = 0;
    int atStart = 1;
    for (int i = first; i < first + n; i++) {
        if ((bits[i / 64] >> (i % 64)) & 1) {
            cur = 0;
            atStart = 0;
            continue;
        }
        cur++;
        s.start += atStart;
        if (cur > s.max)
            s.max = cur;
    }
    s.end = cur;
    return s;
}

static int
same(ex_sum a, ex_sum b)
{
    return a.start == b.start && a.max == b.max && a.end == b.end;
}

static void
test_pack(void)
{
    CU_ASSERT_EQUAL(ex_pack((ex_sum){1, 2, 3}), 1 | (uint64_t)2 << 21 | (uint64_t)3 << 42);
    CU_ASSERT_EQUAL(ex_pack((ex_sum){512, 512, 512}), 512 | (uint64_t)512 << 21 | (uint64_t)512 << 42);
    CU_ASSERT_EQUAL(ex_pack((ex_sum){1u << 21, 1u << 21, 1u << 21}), (uint64_t)1 << 63);
    CU_ASSERT(same(ex_unpack((uint64_t)1 << 63), (ex_sum){1u << 21, 1u << 21, 1u << 21}));
    CU_ASSERT(same(ex_unpack(7 | (uint64_t)9 << 21), (ex_sum){7, 9, 0}));
    int bad = 0;
    for (int i = 0; i < 20000; i++) {
        ex_sum s = {(unsigned)(rnd() % (1u << 21)), (unsigned)(rnd() % (1u << 21)), (unsigned)(rnd() % (1u << 21))};
        bad += !same(ex_unpack(ex_pack(s)), s);
    }
    CU_ASSERT_EQUAL(bad, 0);
}

static void
test_findBitRange64(void)
{
    CU_ASSERT_EQUAL(ex_findBitRange64(0, 1), 64);
    CU_ASSERT_EQUAL(ex_findBitRange64(~(uint64_t)0, 64), 0);
    CU_ASSERT_EQUAL(ex_findBitRange64(0xff00ff0f, 8), 8);
    CU_ASSERT_EQUAL(ex_findBitRange64(0xff00ff0f, 9), 64);
    int bad = 0;
    for (int iter = 0; iter < 2000; iter++) {
        uint64_t c = rnd();
        if (iter % 3 == 1)
            c |= rnd() | rnd();
        else if (iter % 3 == 2)
            c = ~(uint64_t)0 >> (rnd() % 64) << (rnd() % 64);
        for (unsigned n = 1; n <= 64; n++) {
            unsigned want = 64;
            for (unsigned i = 0; i + n <= 64 && want == 64; i++) {
                uint64_t m = (n == 64 ? ~(uint64_t)0 : ((uint64_t)1 << n) - 1) << i;
                if ((c & m) == m)
                    want = i;
            }
            if (ex_findBitRange64(c, n) != want && bad++ == 0)
                fprintf(stderr, "ex_findBitRange64(%#llx, %u) = %u, want %u\n", (unsigned long long)c, n,
                        ex_findBitRange64(c, n), want);
        }
    }
    CU_ASSERT_EQUAL(bad, 0);
}

static void
test_summarize(void)
{
    uint64_t bits[8];
    memset(bits, 0, sizeof bits);
    CU_ASSERT(same(ex_summarize(bits), (ex_sum){512, 512, 512}));
    memset(bits, 0xff, sizeof bits);
    CU_ASSERT(same(ex_summarize(bits), (ex_sum){0, 0, 0}));
    int bad = 0;
    for (int len = 1; len <= 62; len++) { // a run hidden inside one word
        memset(bits, 0xff, sizeof bits);
        int w = (int)(rnd() % 8), off = 1 + (int)(rnd() % (unsigned)(63 - len));
        for (int i = off; i < off + len; i++)
            bits[w] &= ~((uint64_t)1 << i);
        bad += !same(ex_summarize(bits), brute(bits, 0, 512));
    }
    for (int iter = 0; iter < 3000; iter++) {
        if (iter % 2)
            randomRuns(bits, 512);
        else
            for (int i = 0; i < 8; i++)
                bits[i] = rnd() | rnd();
        ex_sum got = ex_summarize(bits), want = brute(bits, 0, 512);
        if (!same(got, want) && bad++ == 0)
            fprintf(stderr, "ex_summarize = (%u, %u, %u), want (%u, %u, %u)\n", got.start, got.max, got.end,
                    want.start, want.max, want.end);
    }
    CU_ASSERT_EQUAL(bad, 0);
}

static void
test_merge(void)
{
    enum { n = 8 };
    uint64_t bits[n * 8];
    ex_sum sums[n];
    int bad = 0;
    for (int iter = 0; iter < 1000; iter++) {
        randomRuns(bits, n * 512);
        for (int i = 0; i < n; i++) {
            unsigned kind = (unsigned)(rnd() % 4);
            if (kind < 2)
                memset(&bits[8 * i], kind == 0 ? 0 : 0xff, 64);
            sums[i] = brute(bits, 512 * i, 512);
        }
        int k = 1 + (int)(rnd() % n);
        ex_sum got = ex_merge(sums, k, 9), want = brute(bits, 0, 512 * k);
        if (!same(got, want) && bad++ == 0)
            fprintf(stderr, "ex_merge of %d = (%u, %u, %u), want (%u, %u, %u)\n", k, got.start, got.max, got.end,
                    want.start, want.max, want.end);
        // 64 pages as eight regions of 8 pages
        for (int i = 0; i < n; i++)
            sums[i] = brute(bits, 8 * i, 8);
        bad += !same(ex_merge(sums, n, 3), brute(bits, 0, 64));
    }
    CU_ASSERT_EQUAL(bad, 0);
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("05-pallocsum", NULL, NULL);
    CU_add_test(s, "[2] ex_pack and ex_unpack, and the flag", test_pack);
    CU_add_test(s, "[2] ex_findBitRange64 against brute force", test_findBitRange64);
    CU_add_test(s, "[3] ex_summarize against brute force", test_summarize);
    CU_add_test(s, "[3] ex_merge against brute force", test_merge);
}
