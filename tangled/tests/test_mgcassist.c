// tangled from chapters/17-mgcassist.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Tests of the runway and the assists (chapter 17).
#define _GNU_SOURCE
#include <math.h>
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
    print("limiter last on before cycle %u\n", atomic_Load(&gcCPULimiter.lastEnabledCycle));
    return 0;
}

static void
test_assistsHoldTheGoal(void)
{
    static char out[1 << 16];
    CU_ASSERT_EQUAL_FATAL(runself("assists", "GOGC=50 GODEBUG=gctrace=1", out, sizeof out), 0);
    int n = 0, within = 0, withinHard = 0;
    unsigned limiterOn = 0;
    double assist = 0;
    for (char *l = strtok(out, "\n"); l != NULL; l = strtok(NULL, "\n")) {
        unsigned long gc, h0, h1, h2, goal;
        sscanf(l, "limiter last on before cycle %u", &limiterOn);
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
    CU_ASSERT(withinHard == n || limiterOn > 0); // assists stop while the CPU limiter is on (chapter 18)
    CU_ASSERT(assist > 0);
    if (n < 20 || within * 2 < n || (withinHard != n && limiterOn == 0) || assist <= 0)
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

// The pacer on a simulated program, after Go's mgcpacer_test.go: no real heap; each cycle
// sets the pacer's inputs by hand (the live heap, the allocation during the mark, the scan
// work done), in steps of 0.1 ms of a machine with 8 P's, and the pacer's own functions
// (trigger, startCycle, revise, endCycle, commit) compute the rest.  The mutator allocates
// allocRate bytes per ns of its CPU; its debt, by the assist ratio, is paid first from the
// workers' credit, and the rest it marks itself at the collector's rate of one byte per ns.
struct simCase {
    const char *name;
    int32 gogc;
    int64 limit;        // bytes; INT64_MAX: none
    double liveMiB;     // the live heap at the start
    double growthMiB;   // added to it every cycle
    double allocRate;   // bytes per ns of mutator CPU
    double allocRate2;  // from cycle `step` on
    int step, cycles;
};
struct simCycle {
    double goalRatio;   // the heap at the end of the mark over the goal
    double util;        // the mark's CPU share: the workers' quarter and the assists
    uint64 goal, peak, mapped;
};
enum { simProcs = 8, simOverhead = 4 << 20, simGlobals = 1 << 20 };
static int64 simNow = 1000000000;

// What the memory limit's goal reads: the heap and a fixed overhead, nothing free.
static void
simSetMemory(uint64 heap)
{
    atomic_Store64(&gcController.mappedReady, heap + simOverhead);
    atomic_Store64(&gcController.heapFree, 0);
    atomic_Store64(&gcController.heapReleased, 0);
    atomic_Store64(&gcController.totalAlloc, heap);
    atomic_Store64(&gcController.totalFree, 0);
}

static void
simOneCycle(const struct simCase *sc, int n, double live, struct simCycle *r)
{
    struct gcControllerState *c = &gcController;
    const double scanRate = 1.0, dt = 100e3;
    double allocRate = n >= sc->step ? sc->allocRate2 : sc->allocRate;
    uint64 trigger = gcControllerState_trigger();
    double heap = (double)trigger, work = 0, total = live * (1 << 20), assistCPU = 0;
    atomic_Store64(&c->heapLive, trigger);
    atomic_Store64(&c->heapScan, (uint64)total);
    simSetMemory(trigger);
    c->globalsScan = simGlobals;
    c->assistTime = c->idleMarkTime = 0;
    atomic_Store64((uint64 *)&c->heapScanWork, 0);
    int64 start = simNow, t = start;
    gcControllerState_startCycle(start, simProcs);
    atomic_Store64(&c->globalsScanWork, simGlobals); // the globals first, at once
    double credit = 0; // the workers' scan work that no assist has claimed (bgScanCredit)
    while (work < total) {
        double ratio = loadFloat64(&c->assistWorkPerByte);
        double bg = scanRate * gcBackgroundUtilization * simProcs * dt;
        double m = (1 - gcBackgroundUtilization) * simProcs * dt;
        credit += bg;
        double a = allocRate * m, assistWork = 0;
        if (a * ratio <= credit) { // the debt is paid from the credit
            credit -= a * ratio;
        } else { // the rest is marked by the mutator, at the cost of its allocation
            a = allocRate * (m + credit / scanRate) / (1 + allocRate * ratio / scanRate);
            assistWork = a * ratio - credit;
            credit = 0;
        }
        work += bg + assistWork;
        heap += a;
        assistCPU += assistWork / scanRate;
        t += (int64)dt;
        atomic_Store64(&c->heapLive, (uint64)heap);
        atomic_Store64((uint64 *)&c->heapScanWork, (uint64)(work < total ? work : total));
        atomic_Store64((uint64 *)&c->assistTime, (uint64)assistCPU);
        simSetMemory((uint64)heap);
        gcControllerState_revise();
    }
    r->goal = gcControllerState_heapGoal();
    r->peak = (uint64)heap;
    r->mapped = (uint64)heap + simOverhead;
    r->goalRatio = heap / (double)r->goal;
    r->util = gcBackgroundUtilization + assistCPU / ((double)(t - start) * simProcs);
    gcControllerState_endCycle(t, simProcs);
    // The end of the cycle, as gcMark and gcMarkTermination leave it: what was allocated
    // during the mark is marked too.
    uint64 marked = (uint64)(total + (heap - (double)trigger));
    atomic_Store64(&c->heapMarked, marked);
    atomic_Store64(&c->heapLive, marked);
    c->lastHeapScan = (uint64)total;
    c->lastStackScan = 0;
    atomic_Store64(&c->triggered, ~(uint64)0);
    c->lastHeapGoal = r->goal;
    simSetMemory(marked);
    gcControllerCommit();
    simNow = t + 1000000;
}

static bool
simRun(const struct simCase *sc)
{
    memstats.enablegc = false; // no real cycle may start: this process only simulates
    debug_SetGCPercent(sc->gogc);
    debug_SetMemoryLimit(sc->limit);
    gcController.consMark = 0;
    gcController.consMarkController.errIntegral = 0;
    atomic_Store64(&gcController.heapMarked, 0);
    gcControllerCommit();
    struct simCycle r[64];
    double live = sc->liveMiB;
    for (int n = 0; n < sc->cycles; n++, live += sc->growthMiB)
        simOneCycle(sc, n, live, &r[n]);
    int last = sc->cycles - 1;
    // Go's checks of a settled pacer: the heap meets the goal within 5 %, the mark takes the
    // quarter of the CPU it aims for, and the last two cycles agree.
    bool ok = r[last].goalRatio >= 0.95 && r[last].goalRatio <= 1.05 && fabs(r[last].util - gcGoalUtilization) <= 0.01
              && fabs(r[last].util - r[last - 1].util) <= 0.005;
    if (sc->limit != INT64_MAX) { // the limit's goal: the limit less the rest of the memory and the headroom
        ok = ok && r[last].goal == (uint64)sc->limit - simOverhead - memoryLimitHeapGoalHeadroom;
        for (int n = 2; n < sc->cycles; n++)
            ok = ok && r[n].mapped <= (uint64)sc->limit;
    }
    printf("sim %-8s goal %6.1f MiB, heap at the end of the mark %6.1f MiB (ratio %.3f), "
           "mark CPU %.3f, last-but-one %.3f%s\n", sc->name, (double)r[last].goal / (1 << 20),
           (double)r[last].peak / (1 << 20), r[last].goalRatio, r[last].util, r[last - 1].util, ok ? "" : "  FAILED");
    return ok;
}

static int
simChild(void)
{
    static const struct simCase cases[] = {
        {"steady", 100, INT64_MAX, 64, 0, 0.03, 0.03, 0, 30},
        {"step", 100, INT64_MAX, 64, 0, 0.03, 0.09, 15, 40},   // the allocation rate triples
        {"growing", 100, INT64_MAX, 32, 2, 0.03, 0.03, 0, 30}, // 2 MiB more live every cycle
        {"gogc50", 50, INT64_MAX, 64, 0, 0.03, 0.03, 0, 30},
        {"limit", -1, 96 << 20, 64, 0, 0.03, 0.03, 0, 30},     // GOGC off: the limit's goal
    };
    int bad = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        bad += !simRun(&cases[i]);
    return bad;
}

static void
test_pacerSimulation(void)
{
    static char out[8192];
    int status = runself("sim", NULL, out, sizeof out);
    CU_ASSERT_EQUAL(status, 0);
    printf("\n%s", out);
}

int
main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "sim") == 0)
        return simChild();
    if (argc == 2 && strcmp(argv[1], "assists") == 0)
        return assistChild(32);
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite s = CU_add_suite("mgcassist", NULL, NULL);
    CU_add_test(s, "gcFlushBgCredit pays the queue in order, as Go's", test_flushBgCredit);
    CU_add_test(s, "assists hold the heap to its goal", test_assistsHoldTheGoal);
    CU_add_test(s, "GOGC=50 runs more than twice the cycles of GOGC=200", test_gogcCycles);
    CU_add_test(s, "the pacer: assist ratio= line of GODEBUG=gcpacertrace=1", test_assistRatioLine);
    CU_add_test(s, "the pacer on simulated programs: steady, a step, growth, GOGC=50, a limit", test_pacerSimulation);
    return runTests();
}
