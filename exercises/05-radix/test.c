// Exercise 05-radix: graded tests.  Each test's name starts with its points.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "grade.h"
#include "radix.h"

static uint64_t state = 0x13198a2e03707344ULL;

static uint64_t
rnd(void)
{
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return state * 0x2545f4914f6cdd1dULL;
}

static int
allocated(const ex_tree *t, long p)
{
    return (t->bits[p / 64] >> (p % 64)) & 1;
}

static ex_rsum
brute(const ex_tree *t, long first, long n)
{
    ex_rsum s = {0, 0, 0};
    unsigned cur = 0;
    int atStart = 1;
    for (long p = first; p < first + n; p++) {
        if (allocated(t, p)) {
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

static long
bruteFind(const ex_tree *t, unsigned n)
{
    unsigned run = 0;
    for (long p = 0; p < ex_pages; p++) {
        run = allocated(t, p) ? 0 : run + 1;
        if (run == n)
            return p + 1 - n;
    }
    return -1;
}

// Summaries computed by the test itself, so that ex_find is graded alone.
static void
buildSums(ex_tree *t)
{
    static const long entries[3] = {8, 64, 512}, pages[3] = {4096, 512, 64};
    for (int l = 0; l < 3; l++)
        for (long i = 0; i < entries[l]; i++)
            t->sum[l][i] = brute(t, i * pages[l], pages[l]);
}

static int
same(ex_rsum a, ex_rsum b)
{
    return a.start == b.start && a.max == b.max && a.end == b.end;
}

// Free and allocated runs of random lengths up to a random bound.
static void
randomTree(ex_tree *t)
{
    static const unsigned bounds[] = {3, 40, 300, 3000};
    unsigned bound = bounds[rnd() % 4];
    int used = (int)(rnd() & 1);
    memset(t, 0, sizeof *t);
    for (long p = 0; p < ex_pages;) {
        for (unsigned n = 1 + (unsigned)(rnd() % bound); n > 0 && p < ex_pages; n--, p++)
            if (used)
                t->bits[p / 64] |= (uint64_t)1 << (p % 64);
        used = !used;
    }
}

static int
checkAll(ex_tree *t)
{
    static const long entries[3] = {8, 64, 512}, pages[3] = {4096, 512, 64};
    for (int l = 0; l < 3; l++)
        for (long i = 0; i < entries[l]; i++)
            if (!same(t->sum[l][i], brute(t, i * pages[l], pages[l]))) {
                fprintf(stderr, "sum[%d][%ld] = (%u, %u, %u), want (%u, %u, %u)\n", l, i, t->sum[l][i].start,
                        t->sum[l][i].max, t->sum[l][i].end, brute(t, i * pages[l], pages[l]).start,
                        brute(t, i * pages[l], pages[l]).max, brute(t, i * pages[l], pages[l]).end);
                return 1;
            }
    return 0;
}

static void
test_update(void)
{
    ex_tree *t = malloc(sizeof *t);
    CU_ASSERT_FATAL(t != NULL);
    int bad = 0;
    for (int iter = 0; iter < 20 && bad == 0; iter++) {
        randomTree(t);
        for (int w = ex_words - 1; w >= 0; w--)
            ex_update(t, w);
        bad += checkAll(t);
        for (int k = 0; k < 50 && bad == 0; k++) { // change single words, update only them
            int w = (int)(rnd() % ex_words);
            t->bits[w] = k % 3 == 0 ? 0 : k % 3 == 1 ? ~(uint64_t)0 : rnd();
            ex_update(t, w);
            bad += checkAll(t);
        }
    }
    CU_ASSERT_EQUAL(bad, 0);
    free(t);
}

static void
test_find(void)
{
    static const unsigned sizes[] = {1, 2, 5, 31, 63, 64, 65, 100, 511, 512, 513, 1000, 4095, 4096, 4097, 9000};
    ex_tree *t = malloc(sizeof *t);
    CU_ASSERT_FATAL(t != NULL);
    int bad = 0;
    for (int iter = 0; iter < 150; iter++) {
        randomTree(t);
        buildSums(t);
        for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
            long got = ex_find(t, sizes[k]), want = bruteFind(t, sizes[k]);
            if (got != want && bad++ == 0)
                fprintf(stderr, "ex_find(%u) = %ld, want %ld\n", sizes[k], got, want);
        }
    }
    CU_ASSERT_EQUAL(bad, 0);
    free(t);
}

static void
test_exact(void)
{
    ex_tree *t = malloc(sizeof *t);
    CU_ASSERT_FATAL(t != NULL);
    int bad = 0;
    for (int iter = 0; iter < 100; iter++) {
        unsigned n = 1 + (unsigned)(rnd() % (iter % 2 ? 64 : 6000));
        long at = (long)(rnd() % (ex_pages - n + 1));
        memset(t, 0xff, sizeof t->bits);
        for (long p = at; p < at + (long)n; p++)
            t->bits[p / 64] &= ~((uint64_t)1 << (p % 64));
        buildSums(t);
        bad += ex_find(t, n) != at;
        bad += ex_find(t, n + 1) != -1;
    }
    CU_ASSERT_EQUAL(bad, 0);
    free(t);
}

static void
test_trust(void)
{
    ex_tree *t = calloc(1, sizeof *t);
    CU_ASSERT_FATAL(t != NULL);
    // All bits free, but every summary says "allocated": the search must
    // believe the summaries.
    CU_ASSERT_EQUAL(ex_find(t, 1), -1);
    buildSums(t);
    CU_ASSERT_EQUAL(ex_find(t, 1), 0);
    CU_ASSERT_EQUAL(ex_find(t, ex_pages), 0);
    free(t);
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("05-radix", NULL, NULL);
    CU_add_test(s, "[3] ex_update keeps every level exact", test_update);
    CU_add_test(s, "[4] ex_find is first fit, on random trees", test_find);
    CU_add_test(s, "[1] ex_find: one run of exactly the size", test_exact);
    CU_add_test(s, "[2] ex_find trusts the summaries", test_trust);
}
