// tangled from chapters/17-mgcassist.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Tests of the runway and the assists (chapter 17).
#define _GNU_SOURCE
#include <pthread.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testing.h"
#include "runtime.h"

static void
test_flushBgCredit(void)
{
    static const struct {
        int n;              // threads waiting
        int64 debt[3];      // their balances (negative)
        int64 scanWork;     // the work flushed, at 2 bytes per unit of work
        bool woken[3];      // who is woken
        int64 after[3];     // the balances after
        int order[3];       // the queue after, by index; -1 ends it
        int64 credit;       // bgScanCredit after (from 0)
    } cases[] = {
        {0, {0}, 500, {0}, {0}, {-1}, 500},
        {1, {-1000}, 600, {true}, {0}, {-1}, 100},           // 1200 bytes: 200 left, 100 of work
        {1, {-5000}, 1000, {false}, {-3000}, {0, -1}, 0},    // paid in part, stays
        {2, {-1000, -1000}, 600, {true, false}, {0, -800}, {1, -1}, 0},
        {3, {-400, -5000, -100}, 1000, {true, false, false}, {0, -3400, -100}, {2, 1, -1}, 0},
        {2, {-200, -300}, 1000, {true, true}, {0, 0}, {-1}, 750}, // 1500 bytes left: 750 of work
    };
    double wpb = loadFloat64(&gcController.assistWorkPerByte);
    double bpw = loadFloat64(&gcController.assistBytesPerWork);
    int64 credit = gcController.bgScanCredit;
    storeFloat64(&gcController.assistWorkPerByte, 0.5);
    storeFloat64(&gcController.assistBytesPerWork, 2.0);
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        static struct m ms[3];
        memset(ms, 0, sizeof ms);
        work.assistQueue.head = work.assistQueue.tail = NULL;
        for (int i = 0; i < cases[c].n; i++) {
            ms[i].gcAssistBytes = cases[c].debt[i];
            ms[i].assistParked = 1;
            if (i > 0)
                ms[i - 1].assistNext = &ms[i];
        }
        if (cases[c].n > 0) {
            work.assistQueue.head = &ms[0];
            work.assistQueue.tail = &ms[cases[c].n - 1];
        }
        gcController.bgScanCredit = 0;
        gcFlushBgCredit(cases[c].scanWork);
        for (int i = 0; i < cases[c].n; i++) {
            CU_ASSERT_EQUAL(ms[i].assistParked == 0, cases[c].woken[i]);
            CU_ASSERT_EQUAL(ms[i].gcAssistBytes, cases[c].after[i]);
        }
        struct m *q = work.assistQueue.head;
        for (int k = 0; k < 3 && cases[c].order[k] >= 0; k++) {
            CU_ASSERT_PTR_EQUAL(q, &ms[cases[c].order[k]]);
            if (q == NULL)
                break;
            if (q->assistNext == NULL)
                CU_ASSERT_PTR_EQUAL(work.assistQueue.tail, q);
            q = q->assistNext;
        }
        if (q != NULL && cases[c].order[0] >= 0)
            CU_ASSERT_PTR_NULL(q);
        if (cases[c].order[0] < 0)
            CU_ASSERT_PTR_NULL(work.assistQueue.head);
        CU_ASSERT_EQUAL(gcController.bgScanCredit, cases[c].credit);
        if (gcController.bgScanCredit != cases[c].credit)
            printf("\ncase %zu: credit %ld, want %ld\n", c, (long)gcController.bgScanCredit, (long)cases[c].credit);
    }
    work.assistQueue.head = work.assistQueue.tail = NULL;
    gcController.bgScanCredit = credit;
    storeFloat64(&gcController.assistWorkPerByte, wpb);
    storeFloat64(&gcController.assistBytesPerWork, bpw);
}

// The live set of the children: small objects held from a global array.
struct obj {
    struct obj *next;
    uint64 pad[7];
};
GOMM_TYPE(objType, struct obj, offsetof(struct obj, next));
enum { nLive = 1 << 18 }; // 16 MiB of 64-byte objects
static struct obj *live[nLive];
enum { nAnchor = 1024 };
static struct obj *anchor[nAnchor]; // objects that live for the whole run
static uint32 stopCycle; // the children stop when work.cycles reaches it

static void *
replacer(void *arg)
{
    uint64 seed = (uint64)(uintptr)arg * 2654435761u + 1;
    while (atomic_Load(&work.cycles) < atomic_Load(&stopCycle)) {
        for (int k = 0; k < 1024; k++) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            struct obj *o = runtime_new(&objType);
            GOMM_STORE(o->next, anchor[(seed >> 32) % nAnchor]); // pointers to follow, and a steady heap
            GOMM_STORE(live[seed % nLive], o);
        }
    }
    return NULL;
}

static int
assistChild(uint32 cycles)
{
    for (int i = 0; i < nAnchor; i++)
        GOMM_STORE(anchor[i], (struct obj *)runtime_new(&objType));
    for (int i = 0; i < nLive; i++)
        GOMM_STORE(live[i], (struct obj *)runtime_new(&objType));
    atomic_Store(&stopCycle, atomic_Load(&work.cycles) + cycles);
    pthread_t t[2];
    for (uintptr i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, replacer, (void *)(i + 1));
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return 0;
}

static void
test_assistsHoldTheGoal(void)
{
    static char out[1 << 16];
    CU_ASSERT_EQUAL_FATAL(runself("assists", "GOGC=50 GODEBUG=gctrace=1", out, sizeof out), 0);
    int n = 0, within = 0, withinHard = 0;
    double assist = 0;
    for (char *l = strtok(out, "\n"); l != NULL; l = strtok(NULL, "\n")) {
        unsigned long gc, h0, h1, h2, goal;
        double a;
        const char *cpu = strstr(l, " ms clock, ");
        if (sscanf(l, "gc %lu", &gc) != 1 || cpu == NULL || sscanf(strchr(cpu + 11, '+') + 1, "%lf", &a) != 1)
            continue;
        const char *mb = strstr(l, " ms cpu, ");
        if (mb == NULL || sscanf(mb + 9, "%lu->%lu->%lu MB, %lu MB goal", &h0, &h1, &h2, &goal) != 4)
            continue;
        if (h2 < 15 || strstr(l, "(forced)") != NULL)
            continue; // the live set is not in place yet
        n++;
        assist += a;
        within += h1 <= goal + goal / 10 + 1;               // 10 % past the goal
        withinHard += h1 <= goal + goal / 2 + goal * 3 / 20 + 1; // (1 + GOGC/100) * 1.1 of it
    }
    CU_ASSERT(n >= 20);
    CU_ASSERT(within * 2 >= n);
    CU_ASSERT(withinHard == n);
    CU_ASSERT(assist > 0);
    if (n < 20 || within * 2 < n || withinHard != n || assist <= 0)
        printf("\n%d cycles, %d within 10 %% of the goal, %d within the hard goal, assist CPU %.3f ms\n", n,
               within, withinHard, assist);
}

// The same allocation at two values of GOGC, in this process.
static uint32
cyclesAt(int percent)
{
    int old = debug_SetGCPercent(percent);
    runtime_GC();
    uint32 c0 = atomic_Load(&work.cycles);
    for (int i = 0; i < (1 << 20); i++) // 64 MiB
        GOMM_STORE(live[i % 4096], (struct obj *)runtime_new(&objType));
    uint32 n = atomic_Load(&work.cycles) - c0;
    debug_SetGCPercent(old);
    return n;
}

static void
test_gogcCycles(void)
{
    for (int i = 0; i < (1 << 17); i++) // 8 MiB live
        GOMM_STORE(live[i], (struct obj *)runtime_new(&objType));
    uint32 c50 = cyclesAt(50), c200 = cyclesAt(200);
    CU_ASSERT(c50 > 2 * c200);
    if (c50 <= 2 * c200)
        printf("\nGOGC=50: %u cycles, GOGC=200: %u\n", c50, c200);
}

static void
test_assistRatioLine(void)
{
    static char out[1 << 16];
    CU_ASSERT_EQUAL(runself("assists", "GODEBUG=gcpacertrace=1", out, sizeof out), 0);
    regex_t re;
    CU_ASSERT_FATAL(regcomp(&re,
                            "^pacer: assist ratio=[+-][0-9]\\.[0-9]{6}e[+-][0-9]{3} \\(scan [0-9]+ MB in "
                            "[0-9]+->[0-9]+ MB\\) workers=[0-9]+\\+[+-][0-9]\\.[0-9]{6}e[+-][0-9]{3}$",
                            REG_EXTENDED | REG_NEWLINE) == 0);
    int starts = 0, ends = 0;
    bool open = false;
    for (char *l = strtok(out, "\n"); l != NULL; l = strtok(NULL, "\n")) {
        if (strncmp(l, "pacer: assist ratio=", 20) == 0) {
            starts++;
            CU_ASSERT(regexec(&re, l, 0, NULL, 0) == 0);
            if (regexec(&re, l, 0, NULL, 0) != 0)
                printf("\n%s\n", l);
            open = true;
        } else if (strncmp(l, "pacer: ", 7) == 0) {
            ends++;
            CU_ASSERT(open); // the end of a mark follows its start
            open = false;
        }
    }
    CU_ASSERT(starts >= 20);
    CU_ASSERT(ends >= 1 && ends <= starts); // a mark in which nothing was allocated prints no end
    if (starts < 20 || ends < 1 || ends > starts)
        printf("\n%d starts, %d ends\n", starts, ends);
    regfree(&re);
}

int
main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "assists") == 0)
        return assistChild(32);
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite s = CU_add_suite("mgcassist", NULL, NULL);
    CU_add_test(s, "gcFlushBgCredit pays the queue in order, as Go's", test_flushBgCredit);
    CU_add_test(s, "assists hold the heap to its goal", test_assistsHoldTheGoal);
    CU_add_test(s, "GOGC=50 runs more than twice the cycles of GOGC=200", test_gogcCycles);
    CU_add_test(s, "the pacer: assist ratio= line of GODEBUG=gcpacertrace=1", test_assistRatioLine);
    return runTests();
}
