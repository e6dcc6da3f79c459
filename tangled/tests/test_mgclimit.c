// tangled from chapters/18-mgclimit.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Tests of the GC CPU limiter (chapter 18).
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testing.h"
#include "runtime.h"

// Under the sanitizers a cycle takes long and its CPU share is the sanitizer's as much as
// the collector's: the death spiral must still be bounded and run, but its CPU is not measured.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
enum { sanitized = 1 };
#else
enum { sanitized = 0 };
#endif

enum { procs = 14 };
static int64 ticks;

static int64
advance(int64 d)
{
    ticks += d;
    return ticks;
}

// The assist time of a share frac of all procs over a wall time d.
static int64
assistShare(int64 d, double frac)
{
    return (int64)(frac * (double)d * procs);
}

static void
test_bucket(void)
{
    static struct gcCPULimiterState lim;
    struct gcCPULimiterState *l = &lim;
    const int64 ms = 1000 * 1000, s = 1000 * ms, cap = (int64)capacityPerProc;
    l->test = true;
    gcCPULimiterState_resetCapacity(l, ticks, procs);
    uint64 baseOverflow = 0;
    for (int iter = 0; iter < 2; iter++) { // twice: no state may leak from one round to the next
        CU_ASSERT_EQUAL(l->bucket.capacity, (uint64)procs * (uint64)cap);
        CU_ASSERT_EQUAL(l->bucket.fill, 0);
        // The program's time alone never fills it.
        gcCPULimiterState_update(l, advance(10 * ms));
        gcCPULimiterState_update(l, advance(s));
        gcCPULimiterState_update(l, advance(3600 * s));
        CU_ASSERT_EQUAL(l->bucket.fill, 0);
        // needUpdate waits for its period.
        CU_ASSERT_FALSE(gcCPULimiterState_needUpdate(l, advance(gcCPULimiterUpdatePeriod / 2)));
        CU_ASSERT_TRUE(gcCPULimiterState_needUpdate(l, advance(gcCPULimiterUpdatePeriod)));
        gcCPULimiterState_update(l, advance(0));
        CU_ASSERT_FALSE(gcCPULimiterState_needUpdate(l, advance(0)));
        // A cycle's first pause is all the collector's.
        gcCPULimiterState_startGCTransition(l, true, advance(109 * ms));
        gcCPULimiterState_finishGCTransition(l, advance(2 * ms + 1000));
        int64 fill = (2 * ms + 1000) * procs;
        CU_ASSERT_EQUAL(l->bucket.fill, (uint64)fill);
        // A mark without assists drains half of each window: down to procs CPU-ns exactly.
        double factor = 1 / (1 - 2 * gcBackgroundUtilization);
        gcCPULimiterState_update(l, advance((int64)(factor * (double)(fill - procs) / procs)));
        CU_ASSERT_EQUAL(l->bucket.fill, procs);
        gcCPULimiterState_update(l, advance(2 * procs * cap));
        CU_ASSERT_EQUAL(l->bucket.fill, 0);
        // Exactly half of the CPU for the collector: the bucket does not move.
        gcCPULimiterState_addAssistTime(l, assistShare(10 * ms, 0.5 - gcBackgroundUtilization));
        gcCPULimiterState_update(l, advance(10 * ms));
        CU_ASSERT_EQUAL(l->bucket.fill, 0);
        // All of it: the bucket fills by the whole window.
        gcCPULimiterState_addAssistTime(l, assistShare(ms, 1.0 - gcBackgroundUtilization));
        gcCPULimiterState_update(l, advance(ms));
        CU_ASSERT_EQUAL(l->bucket.fill, (uint64)(procs * ms));
        CU_ASSERT_FALSE(gcCPULimiterState_limiting(l));
        // To the brim: on, and nothing overflows.
        gcCPULimiterState_addAssistTime(l, assistShare(cap - ms, 1.0 - gcBackgroundUtilization));
        gcCPULimiterState_update(l, advance(cap - ms));
        CU_ASSERT_EQUAL(l->bucket.fill, l->bucket.capacity);
        CU_ASSERT_TRUE(gcCPULimiterState_limiting(l));
        CU_ASSERT_EQUAL(l->overflow, baseOverflow);
        // Half again while full: still on, still no overflow.
        gcCPULimiterState_addAssistTime(l, assistShare(s, 0.5 - gcBackgroundUtilization));
        gcCPULimiterState_update(l, advance(s));
        CU_ASSERT_EQUAL(l->bucket.fill, l->bucket.capacity);
        CU_ASSERT_TRUE(gcCPULimiterState_limiting(l));
        CU_ASSERT_EQUAL(l->overflow, baseOverflow);
        // The workers alone for a second: half drained, off.
        gcCPULimiterState_update(l, advance(cap));
        CU_ASSERT_EQUAL(l->bucket.fill, l->bucket.capacity / 2);
        CU_ASSERT_FALSE(gcCPULimiterState_limiting(l));
        // All of the CPU for a second: full again, and half a bucket overflows.
        gcCPULimiterState_addAssistTime(l, assistShare(cap, 1.0 - gcBackgroundUtilization));
        gcCPULimiterState_update(l, advance(cap));
        CU_ASSERT_EQUAL(l->bucket.fill, l->bucket.capacity);
        CU_ASSERT_TRUE(gcCPULimiterState_limiting(l));
        CU_ASSERT_EQUAL(l->overflow, baseOverflow + l->bucket.capacity / 2);
        baseOverflow = l->overflow;
        // The mark ends; the program alone drains the bucket, and the limiter turns off.
        gcCPULimiterState_startGCTransition(l, false, advance(0));
        gcCPULimiterState_finishGCTransition(l, advance(0));
        gcCPULimiterState_update(l, advance(2 * cap));
        CU_ASSERT_EQUAL(l->bucket.fill, 0);
        CU_ASSERT_FALSE(gcCPULimiterState_limiting(l));
    }
}

// The death spiral: 32 MiB live under a 24 MiB limit, replaced from two threads.
struct spiralObj {
    struct spiralObj *next;
    uint64 pad[7];
};
GOMM_TYPE(spiralObjType, struct spiralObj, offsetof(struct spiralObj, next));
enum { nSpiral = 1 << 19 };
static struct spiralObj *spiralLive[nSpiral];
static uint32 spiralStop; // the threads stop when it is set

static void *
spiralReplacer(void *arg)
{
    uint64 seed = (uint64)(uintptr)arg * 2654435761u + 1;
    while (atomic_Load(&spiralStop) == 0) {
        for (int k = 0; k < 1024; k++) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            GOMM_STORE(spiralLive[seed % nSpiral], (struct spiralObj *)runtime_new(&spiralObjType));
        }
    }
    return NULL;
}

// The collector's CPU time so far, as gctrace's percentage counts it, and the clock.
static void
gcCPU(int64 *gc, int64 *now)
{
    *gc = __atomic_load_n(&work.totaltime, __ATOMIC_SEQ_CST);
    *now = nanotime();
}

static int
spiralChild(void)
{
    for (int i = 0; i < nSpiral; i++)
        GOMM_STORE(spiralLive[i], (struct spiralObj *)runtime_new(&spiralObjType));
    pthread_t t[2];
    for (uintptr i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, spiralReplacer, (void *)(i + 1));
    runtime_entersyscall(); // this thread sleeps from here on: the collector need not wait for it
    int64 start = nanotime(), gc0 = 0, t0 = 0, gc1, t1;
    uint32 on = 0, c0 = 0, want = sanitized ? 2 : 20;
    while ((on = atomic_Load(&gcCPULimiter.lastEnabledCycle)) == 0 && nanotime() - start < 30LL * 1000000000)
        usleep(10 * 1000);
    if (on != 0) {
        gcCPU(&gc0, &t0);
        c0 = atomic_Load(&work.cycles);
        // The limiter at work, for a number of cycles (not a time, which depends on the build).
        int64 t = nanotime();
        while (atomic_Load(&work.cycles) - c0 < want && nanotime() - t < 30LL * 1000000000)
            usleep(10 * 1000);
    }
    gcCPU(&gc1, &t1);
    uint32 c1 = atomic_Load(&work.cycles);
    runtime_exitsyscall();
    atomic_Store(&spiralStop, 1);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    print("limiter: on before cycle %u; then %u cycles in %d ms, GC CPU %d%%\n", on, c1 - c0, (int)((t1 - t0) / 1000000),
          on != 0 ? (int)(100 * (double)(gc1 - gc0) / ((double)(t1 - t0) * gomaxprocs)) : -1);
    return 0;
}

static void
test_deathSpiral(void)
{
    static char out[1 << 20];
    CU_ASSERT_EQUAL_FATAL(runself("spiral", "GOMEMLIMIT=24MiB GODEBUG=gctrace=1", out, sizeof out), 0);
    unsigned on = 0, cycles = 0;
    int pct = -1, ms = -1;
    int over = 0, total = 0;
    for (char *l = strtok(out, "\n"); l != NULL; l = strtok(NULL, "\n")) {
        unsigned long h0, h1, h2, goal;
        const char *mb = strstr(l, " ms cpu, ");
        // Once the live set is in place, the marked heap does not fit: the spiral is real.
        if (mb != NULL && sscanf(mb + 9, "%lu->%lu->%lu MB, %lu MB goal", &h0, &h1, &h2, &goal) == 4
            && (total > 0 || h2 > 24))
            total++, over += h2 > 24;
        sscanf(l, "limiter: on before cycle %u; then %u cycles in %d ms, GC CPU %d%%", &on, &cycles, &ms, &pct);
    }
    CU_ASSERT(on > 0);
    CU_ASSERT(cycles >= (sanitized ? 2 : 20));
    CU_ASSERT(pct >= 0 && (sanitized || pct < 60));
    CU_ASSERT(over * 10 >= total * 9);
    printf("\nthe limiter on before cycle %u; then %u cycles in %d ms, GC CPU %d%%\n", on, cycles, ms, pct);
}

int
main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "spiral") == 0)
        return spiralChild();
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite s = CU_add_suite("mgclimit", NULL, NULL);
    CU_add_test(s, "the bucket fills, drains and overflows as Go's", test_bucket);
    CU_add_test(s, "a live heap over GOMEMLIMIT keeps running, GC CPU bounded", test_deathSpiral);
    return runTests();
}
