// Exercise 14-restart: graded tests.  Each test's name starts with its points.
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "grade.h"
#include "restart.h"

static __thread uint64_t loads; // ex_load's count, per thread

uintptr_t
ex_load(const uintptr_t *word)
{
    loads++;
    return *word;
}

static int
sortedPairs(const uintptr_t *t, size_t npairs)
{
    for (size_t i = 1; i < npairs; i++)
        if (t[2 * i - 2] >= t[2 * i])
            return 0;
    return 1;
}

static void
test_register(void)
{
    ex_forgetSites();
    uintptr_t t[] = {300, 310, 100, 112, 200, 215, 310, 320, 50, 60};
    CU_ASSERT_FALSE(ex_registerSites(NULL, NULL));
    CU_ASSERT_FALSE(ex_registerSites(NULL, t + 4));
    CU_ASSERT_FALSE(ex_registerSites(t, t));     // empty
    CU_ASSERT_FALSE(ex_registerSites(t + 2, t)); // stop before start
    CU_ASSERT_FALSE(ex_registerSites(t, t + 1)); // one word: no pair
    CU_ASSERT_EQUAL(ex_modules(), 0);
    CU_ASSERT_EQUAL(t[0], 300);                  // refused tables are left alone
    CU_ASSERT(ex_registerSites(t, t + 10));
    CU_ASSERT_EQUAL(ex_modules(), 1);
    static const uintptr_t sorted[] = {50, 60, 100, 112, 200, 215, 300, 310, 310, 320};
    CU_ASSERT(memcmp(t, sorted, sizeof t) == 0); // sorted in place, pairs kept together
    CU_ASSERT_FALSE(ex_registerSites(t, t + 10)); // once per module
    CU_ASSERT_FALSE(ex_registerSites(t, t + 6));  // the same module, whatever its stop
    CU_ASSERT_EQUAL(ex_modules(), 1);
    uintptr_t u[] = {9000, 9008, 7000, 7004, 8000, 8010, 12345}; // a trailing odd word
    CU_ASSERT(ex_registerSites(u, u + 7));
    CU_ASSERT_EQUAL(ex_modules(), 2);
    CU_ASSERT(u[0] == 7000 && u[1] == 7004 && u[2] == 8000 && u[3] == 8010 && u[4] == 9000 && u[5] == 9008);
    CU_ASSERT_EQUAL(u[6], 12345);
    CU_ASSERT_EQUAL(ex_restartPC(8005), 8000);
    ex_forgetSites();
    CU_ASSERT_EQUAL(ex_modules(), 0);
    CU_ASSERT_EQUAL(ex_restartPC(8005), 8005);
}

static void
test_edges(void)
{
    ex_forgetSites();
    uintptr_t a[] = {300, 310, 100, 112, 200, 215, 310, 320, 50, 60};
    uintptr_t b[] = {5000, 5004, 1000, 1010};
    uintptr_t c[] = {1 << 20, (1 << 20) + 2};
    CU_ASSERT_FATAL(ex_registerSites(a, a + 10) && ex_registerSites(b, b + 4) && ex_registerSites(c, c + 2));
    static const uintptr_t cases[][2] = {
        {105, 100}, {101, 100}, {111, 100}, // strictly inside: back to the first address
        {100, 100}, {112, 112},             // at the first address, at the end: unchanged
        {113, 113}, {150, 150}, {199, 199}, // between sites
        {49, 49},   {0, 0},   {1, 1},       // before the first
        {320, 320}, {321, 321}, {999, 999}, // after the last of the module
        {51, 50},   {59, 50},   {60, 60},   // the first site
        {309, 300}, {310, 310}, {311, 310}, {319, 310}, // two sites that touch
        {214, 200}, {215, 215},
        {1001, 1000}, {1009, 1000}, {1010, 1010}, {5003, 5000}, {5004, 5004}, {4999, 4999}, // the second module
        {(1 << 20) + 1, 1 << 20}, {(1 << 20) + 2, (1 << 20) + 2}, // the third, of one site
        {UINTPTR_MAX, UINTPTR_MAX},
    };
    int bad = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        bad += ex_restartPC(cases[i][0]) != cases[i][1];
    CU_ASSERT_EQUAL(bad, 0);
    ex_forgetSites();
}

// Three modules of 100000 sites each, shuffled: site i of module m starts at
// base[m] + 16 i and is 1 to 15 bytes long.
enum { nsites = 100000, nmods = 3, nlookups = 300000 };
static const uintptr_t modBase[nmods] = {0x400000, 0x7f0000000000, 0x10000000};

static uint8_t
siteLen(int m, size_t i)
{
    return (uint8_t)(1 + (i * 2654435761u + (uint32_t)m * 97) % 15);
}

static uint64_t
xorshift(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static uintptr_t
expected(uintptr_t pc)
{
    for (int m = 0; m < nmods; m++) {
        if (pc < modBase[m] || pc >= modBase[m] + 16 * (uintptr_t)nsites)
            continue;
        uintptr_t off = pc - modBase[m], i = off / 16, in = off % 16;
        if (in > 0 && in < siteLen(m, i))
            return pc - in;
    }
    return pc;
}

static void
test_large(void)
{
    ex_forgetSites();
    uint64_t seed = 88172645463325252ull;
    uintptr_t *tables[nmods];
    for (int m = 0; m < nmods; m++) {
        uintptr_t *t = tables[m] = malloc(2 * nsites * sizeof *t);
        for (size_t i = 0; i < nsites; i++) {
            t[2 * i] = modBase[m] + 16 * i;
            t[2 * i + 1] = t[2 * i] + siteLen(m, i);
        }
        for (size_t i = nsites - 1; i > 0; i--) { // shuffle the pairs
            size_t j = xorshift(&seed) % (i + 1);
            uintptr_t s = t[2 * i], e = t[2 * i + 1];
            t[2 * i] = t[2 * j], t[2 * i + 1] = t[2 * j + 1];
            t[2 * j] = s, t[2 * j + 1] = e;
        }
        CU_ASSERT_FATAL(ex_registerSites(t, t + 2 * nsites));
        CU_ASSERT(sortedPairs(t, nsites));
    }
    CU_ASSERT_EQUAL(ex_modules(), nmods);
    int bad = 0, inside = 0;
    loads = 0;
    for (int k = 0; k < nlookups; k++) {
        int m = (int)(xorshift(&seed) % (nmods + 1)); // one lookup in four misses every module
        uintptr_t pc = m < nmods ? modBase[m] + xorshift(&seed) % (16 * (uintptr_t)nsites + 32) - 16 : xorshift(&seed);
        uintptr_t want = expected(pc);
        inside += want != pc;
        bad += ex_restartPC(pc) != want;
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT(inside > nlookups / 4); // the test itself: many lookups fall inside a site
    // A binary search reads about 17 words a table; a scan, 100000.
    CU_ASSERT(loads >= (uint64_t)nlookups);
    CU_ASSERT(loads <= (uint64_t)nlookups * nmods * 40);
    for (int m = 0; m < nmods; m++)
        free(tables[m]);
    ex_forgetSites();
}

// Registration from several threads at once, as constructors of libraries
// loaded by several threads would do, while a reader looks up the sites of
// a table registered before they started.
enum { nsmall = 200, nregistrars = 4 };
static uintptr_t small[nsmall][6];
static uintptr_t first[4] = {0x9000, 0x9010, 0x8000, 0x8004};
static int registered, stopReader, readerBad, readerRounds;

static void *
registrar(void *arg)
{
    int id = (int)(intptr_t)arg, n = 0;
    for (int k = 0; k < nsmall; k++) {
        int i = id % 2 ? k : nsmall - 1 - k;
        n += ex_registerSites(small[i], small[i] + 6);
    }
    __atomic_add_fetch(&registered, n, __ATOMIC_SEQ_CST);
    return NULL;
}

static void *
reader(void *arg)
{
    (void)arg;
    while (!__atomic_load_n(&stopReader, __ATOMIC_SEQ_CST)) {
        readerBad += ex_restartPC(0x8002) != 0x8000 || ex_restartPC(0x9005) != 0x9000 || ex_restartPC(0x8004) != 0x8004;
        readerRounds++;
    }
    return NULL;
}

static void
test_concurrent(void)
{
    ex_forgetSites();
    for (int i = 0; i < nsmall; i++) {
        uintptr_t b = 0x100000 + 0x100 * (uintptr_t)i;
        uintptr_t t[6] = {b + 0x40, b + 0x48, b, b + 0x10, b + 0x20, b + 0x24};
        memcpy(small[i], t, sizeof t);
    }
    CU_ASSERT_FATAL(ex_registerSites(first, first + 4));
    pthread_t r, t[nregistrars];
    pthread_create(&r, NULL, reader, NULL);
    for (int i = 0; i < nregistrars; i++)
        pthread_create(&t[i], NULL, registrar, (void *)(intptr_t)i);
    for (int i = 0; i < nregistrars; i++)
        pthread_join(t[i], NULL);
    __atomic_store_n(&stopReader, 1, __ATOMIC_SEQ_CST);
    pthread_join(r, NULL);
    CU_ASSERT_EQUAL(registered, nsmall); // each table once
    CU_ASSERT_EQUAL(ex_modules(), nsmall + 1);
    CU_ASSERT_EQUAL(readerBad, 0);
    CU_ASSERT(readerRounds > 0);
    int bad = 0;
    for (int i = 0; i < nsmall; i++) {
        uintptr_t b = 0x100000 + 0x100 * (uintptr_t)i;
        bad += !sortedPairs(small[i], 3);
        bad += ex_restartPC(b + 0x05) != b || ex_restartPC(b + 0x23) != b + 0x20 || ex_restartPC(b + 0x47) != b + 0x40;
        bad += ex_restartPC(b + 0x10) != b + 0x10 || ex_restartPC(b + 0x30) != b + 0x30;
    }
    CU_ASSERT_EQUAL(bad, 0);
    // Room for ex_maxModules tables, and no more.
    static uintptr_t more[ex_maxModules][2];
    int accepted = 0;
    for (int i = 0; i < ex_maxModules; i++) {
        more[i][0] = 0x800000 + 16 * (uintptr_t)i;
        more[i][1] = more[i][0] + 4;
        accepted += ex_registerSites(more[i], more[i] + 2);
    }
    CU_ASSERT_EQUAL(accepted, ex_maxModules - nsmall - 1);
    CU_ASSERT_EQUAL(ex_modules(), ex_maxModules);
    CU_ASSERT_EQUAL(ex_restartPC(more[50][0] + 1), more[50][0]);
    ex_forgetSites();
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("14-restart", NULL, NULL);
    CU_add_test(s, "[2] registration: refusals, once per module, sorted in place", test_register);
    CU_add_test(s, "[3] restartPC: strictly inside, at the ends, between, before, after, several modules", test_edges);
    CU_add_test(s, "[3] three tables of 100000 sites: right answers, by binary search", test_large);
    CU_add_test(s, "[2] registration from four threads while a reader looks up; at most 256 tables", test_concurrent);
}
