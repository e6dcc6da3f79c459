// tangled from chapters/11-mgc.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The collector's cycle (Go's mgc.go): phases, trigger, gcStart, mark termination, GC, gctrace.
#define _GNU_SOURCE
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "runtime.h"

struct workType work;

uint32 gcphase;
struct runtime_writeBarrierFlags runtime_writeBarrier;

void
setGCPhase(uint32 x)
{
    atomic_Store(&gcphase, x);
    writeBarrier.needed = gcphase == _GCmark || gcphase == _GCmarktermination;
    __atomic_store_n(&writeBarrier.enabled, writeBarrier.needed, __ATOMIC_SEQ_CST);
}
void
semacquire(uint32 *addr)
{
    for (;;) {
        uint32 v = atomic_Load(addr);
        if (v > 0 && __atomic_compare_exchange_n(addr, &v, v - 1, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
            return;
        if (v == 0)
            futexsleep(addr, 0, -1);
    }
}

void
semrelease(uint32 *addr)
{
    __atomic_add_fetch(addr, 1, __ATOMIC_SEQ_CST);
    futexwakeup(addr, 1);
}

int64 runtimeInitTime;

int64
nanotime(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int64
unixnanotime(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int64
threadCPUTime(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (int64)ts.tv_sec * 1000000000 + ts.tv_nsec;
}
bool
atoi32(const char *s, size_t len, int32 *out)
{
    int64 n;
    if (!atoi64(s, len, &n) || n != (int32)n)
        return false;
    *out = (int32)n;
    return true;
}

int32
readGOGC(void)
{
    const char *p = getenv("GOGC");
    if (p == NULL)
        p = "";
    if (strcmp(p, "off") == 0)
        return -1;
    int32 n;
    if (atoi32(p, strlen(p), &n))
        return n;
    return 100;
}

void
gcControllerCommit(void)
{
    struct gcControllerState *c = &gcController;
    uint64 goal = ~(uint64)0;
    if (c->gcPercent >= 0) {
        goal = c->heapMarked + c->heapMarked * (uint64)c->gcPercent / 100;
        // The pacer's hook: count the stacks and globals in GOGC's goal
        goal += (atomic_Load64(&c->lastStackScan) + c->globalsScan) * (uint64)c->gcPercent / 100;
        if (goal < c->heapMinimum)
            goal = c->heapMinimum;
    }
    atomic_Store64(&c->gcPercentHeapGoal, goal);
    // The pacer's hook: the sweeper's distance, the runway and the assist ratio
    atomic_Store64(&c->sweepDistMinTrigger,
                   isSweepDone() ? 0 : atomic_Load64(&c->heapLive) + sweepMinHeapDistance);
    double runway = c->consMark * (1 - gcGoalUtilization) / gcGoalUtilization
                    * (double)(c->lastHeapScan + c->lastStackScan + c->globalsScan);
    atomic_Store64(&c->runway, runway >= 0 ? (uint64)runway : (uint64)(int64)runway); // Go on amd64
    if (atomic_Load(&gcphase) != _GCoff)
        gcControllerState_revise();
    gcPaceSweeper(gcControllerState_trigger()); // as Go's gcControllerCommit: a new trigger re-paces the sweeper
    // The scavenger's hook: pace the scavenger
    gcPaceScavenger(atomic_Load64((uint64 *)&c->memoryLimit), gcControllerState_heapGoal(), c->lastHeapGoal);
    // The tracer's hook: trace the new heap goal
    if (atomic_Load(&traceEnabled) != 0)
        traceHeapGoal();
}

// The heap goal of the next cycle, and the lowest trigger it allows (mgcpacer.go:heapGoalInternal):
// GOGC's goal, unless the pacer moves it.
uint64
gcControllerState_heapGoalInternal(uint64 *minTrigger)
{
    uint64 goal = atomic_Load64(&gcController.gcPercentHeapGoal);
    *minTrigger = 0;
    // The pacer's hook: the memory limit's goal, if lower
    uint64 limitGoal = gcControllerState_memoryLimitHeapGoal();
    if (limitGoal < goal) {
        goal = limitGoal;
    } else {
        // The runway's hook: leave room for the sweeper and the assists
        uint64 sweepDistTrigger = atomic_Load64(&gcController.sweepDistMinTrigger);
        if (sweepDistTrigger > goal)
            goal = sweepDistTrigger;
        *minTrigger = sweepDistTrigger;
        uint64 triggered = atomic_Load64(&gcController.triggered);
        if (triggered != ~(uint64)0 && goal < triggered + minRunway)
            goal = triggered + minRunway;
    }
    return goal;
}

uint64
gcControllerState_heapGoal(void)
{
    uint64 minTrigger;
    return gcControllerState_heapGoalInternal(&minTrigger);
}

// The heap size at which the next cycle starts, for the goal in force (mgcpacer.go:trigger).
uint64
gcControllerState_trigger(void)
{
    uint64 minTrigger;
    uint64 goal = gcControllerState_heapGoalInternal(&minTrigger);
    uint64 trigger = goal;
    // The concurrent collector's hook: start early enough to mark concurrently
    uint64 marked = atomic_Load64(&gcController.heapMarked);
    if (debug.gcstoptheworld == 0 && goal > marked) {
        if (minTrigger < marked)
            minTrigger = marked;
        uint64 triggerLowerBound = marked + (goal - marked) / triggerRatioDen * minTriggerRatioNum;
        if (minTrigger < triggerLowerBound)
            minTrigger = triggerLowerBound;
        trigger = minTrigger;
        // The runway's hook: place the trigger a runway before the goal
        uint64 maxTrigger = marked + (goal - marked) / triggerRatioDen * maxTriggerRatioNum;
        if (goal > defaultHeapMinimum && goal - defaultHeapMinimum > maxTrigger)
            maxTrigger = goal - defaultHeapMinimum;
        if (maxTrigger < minTrigger)
            maxTrigger = minTrigger;
        uint64 runway = atomic_Load64(&gcController.runway);
        trigger = runway > goal ? minTrigger : goal - runway;
        if (trigger < minTrigger)
            trigger = minTrigger;
        if (trigger > maxTrigger)
            trigger = maxTrigger;
        if (trigger > goal) {
            print("trigger=%lu heapGoal=%lu\n", (unsigned long)trigger, (unsigned long)goal);
            print("minTrigger=%lu maxTrigger=%lu\n", (unsigned long)minTrigger, (unsigned long)maxTrigger);
            throw("produced a trigger greater than the heap goal");
        }
    }
    return trigger;
}

void
gcinit(void)
{
    gcController.gcPercent = readGOGC();
    if (gcController.gcPercent < 0)
        gcController.gcPercent = -1; // as setGCPercent does
    gcController.heapMinimum = gcController.gcPercent < 0 ? 0
        : (uint64)defaultHeapMinimum * (uint64)gcController.gcPercent / 100;
    // The pacer's hook: the memory limit and the pacer's state
    gcController.memoryLimit = readGOMEMLIMIT();
    gcController.triggered = ~(uint64)0;
    gcController.consMarkController =
        (struct piController){.kp = 0.9, .ti = 4.0, .tt = 1000, .min = -1000, .max = 1000};
    gcControllerCommit();
    work.startSema = 1;
    work.gcsema = 1;
}
bool
gcTrigger_test(gcTrigger t)
{
    if (!memstats.enablegc || atomic_Load(&gcphase) != _GCoff)
        return false;
    switch (t.kind) {
    case gcTriggerHeap:
        return atomic_Load64(&gcController.heapLive) >= gcControllerState_trigger();
    case gcTriggerCycle:
        return (int32)(t.n - atomic_Load(&work.cycles)) > 0;
    default:
        return false;
    }
}
static char *
itoaDiv(char *buf, size_t len, uint64 val, int dec)
{
    char *p = buf + len - 1;
    *p = '\0';
    char *idec = p - 1 - dec;
    char *q = p - 1;
    while (val >= 10 || q >= idec) {
        *q-- = (char)('0' + val % 10);
        if (q == idec) {
            *q-- = '.';
        }
        val /= 10;
    }
    *q = (char)('0' + val);
    return q;
}

static char *
fmtNSAsMS(char *buf, size_t len, uint64 ns)
{
    if (ns >= 10000000)
        return itoaDiv(buf, len, ns / 1000000, 0);
    uint64 x = ns / 1000;
    if (x == 0) {
        buf[0] = '0';
        buf[1] = '\0';
        return buf;
    }
    int dec = 3;
    while (x >= 100) {
        x /= 10;
        dec--;
    }
    return itoaDiv(buf, len, x, dec);
}

static void
printGCTrace(int64 sweepTermCpu, int64 markTermCpu, int64 now)
{
    struct gcControllerState *c = &gcController;
    int64 totalCpu = (now - runtimeInitTime) * (int64)gomaxprocs;
    int util = totalCpu > 0 ? (int)((double)work.totaltime / (double)totalCpu * 100) : 0;
    char b[9][24];
    print("gc %u @%ss %d%%: %s+%s+%s ms clock, %s+%s/%s/%s+%s ms cpu, "
          "%llu->%llu->%llu MB, %llu MB goal, %llu MB stacks, %llu MB globals, %d P%s\n",
          memstats.numgc, itoaDiv(b[0], 24, (uint64)(work.tSweepTerm - runtimeInitTime) / 1000000, 3), util,
          fmtNSAsMS(b[1], 24, (uint64)(work.tMark - work.tSweepTerm)),
          fmtNSAsMS(b[2], 24, (uint64)(work.tMarkTerm - work.tMark)),
          fmtNSAsMS(b[3], 24, (uint64)(work.tEnd - work.tMarkTerm)),
          fmtNSAsMS(b[4], 24, (uint64)sweepTermCpu), fmtNSAsMS(b[5], 24, (uint64)c->assistTime),
          fmtNSAsMS(b[6], 24, (uint64)(c->dedicatedMarkTime + c->fractionalMarkTime)),
          fmtNSAsMS(b[7], 24, (uint64)c->idleMarkTime), fmtNSAsMS(b[8], 24, (uint64)markTermCpu),
          (unsigned long long)(work.heap0 >> 20), (unsigned long long)(work.heap1 >> 20),
          (unsigned long long)(work.heap2 >> 20), (unsigned long long)(gcController.lastHeapGoal >> 20),
          (unsigned long long)(gcController.stackScan >> 20), (unsigned long long)(gcController.globalsScan >> 20),
          work.maxprocs, work.userForced ? " (forced)" : "");
}
static void gcMarkDoneStopped(void);

void
gcStart(gcTrigger trigger)
{
    struct m *mp = getm();
    if (mp->locks > 0 || mp->mallocing != 0 || mp->p == NULL)
        return;
    while (gcTrigger_test(trigger) && sweepone() != ~(uintptr)0)
        __atomic_add_fetch(&sweep.nbgsweep, 1, __ATOMIC_RELAXED);
    runtime_entersyscall();
    semacquire(&work.startSema);
    runtime_exitsyscall();
    if (!gcTrigger_test(trigger)) {
        semrelease(&work.startSema);
        return;
    }
    runtime_entersyscall();
    semacquire(&work.gcsema); // the last cycle's termination may still be printing its trace
    runtime_exitsyscall();
    work.userForced = trigger.kind == gcTriggerCycle;
    gcenable();
    // The tracer's hook: trace the cycle's start
    if (atomic_Load(&traceEnabled) != 0)
        traceGCStart();
    gcMode mode = gcBackgroundMode;
    if (debug.gcstoptheworld == 1)
        mode = gcForceMode;
    else if (debug.gcstoptheworld == 2)
        mode = gcForceBlockMode;
    // The concurrent collector's hook: wait for the last cycle's workers to park
    runtime_entersyscall();
    gcBgMarkWaitParked();
    runtime_exitsyscall();
    uint32 np = __atomic_load_n(&nallp, __ATOMIC_ACQUIRE); // P's may still be made: the world runs
    struct p **ps = __atomic_load_n(&allp, __ATOMIC_ACQUIRE);
    for (uint32 i = 0; i < np; i++) {
        uint32 fg = __atomic_load_n(&ps[i]->mcache->flushGen, __ATOMIC_SEQ_CST);
        uint32 sg = atomic_Load(&mheap_.sweepgen);
        if (fg != sg) {
            print("runtime: p %d flushGen %u != sweepgen %u\n", ps[i]->id, fg, sg);
            throw("p mcache not flushed");
        }
    }
    gcResetMarkState();
    work.stwprocs = work.maxprocs = gomaxprocs;
    if (work.stwprocs > ncpu)
        work.stwprocs = ncpu;
    gcMarkRootCollectData();
    if (mode == gcBackgroundMode) {
        // The concurrent collector's hook: make the background mark workers
        if (!gcBgMarkStartWorkers())
            mode = gcForceMode; // no thread to mark with: mark with the world stopped
    }
    if (mode != gcBackgroundMode)
        gcMarkHelpersStart();
    work.heap0 = atomic_Load64(&gcController.heapLive);
    work.pauseNS = 0;
    gcController.assistTime = gcController.dedicatedMarkTime = 0;
    gcController.fractionalMarkTime = gcController.idleMarkTime = 0;
    work.mode = mode;
    int64 now = nanotime();
    work.tSweepTerm = now;
    work.pauseStart = now;
    // The tracer's hook: trace the stop for the sweep termination
    if (atomic_Load(&traceEnabled) != 0)
        traceGCSTWStart(1);
    stopTheWorldWithSema();
    finishsweep_m();
    // sync.Pool's hook: empty the pools' victims, and make their contents the victims
    clearpools();
    __atomic_add_fetch(&work.cycles, 1, __ATOMIC_SEQ_CST);
    // The concurrent collector's hook: start the cycle's accounting
    gcControllerState_startCycle(work.tSweepTerm, gomaxprocs);
    if (mode == gcBackgroundMode)
        gcBgMarkPrepare();
    // The limiter's hook: tell the CPU limiter that the collector starts
    gcCPULimiterState_startGCTransition(&gcCPULimiter, true, work.tSweepTerm);
    setGCPhase(_GCmark);
    gcMarkRootPrepare();
    gcMarkTinyAllocs();
    atomic_Store(&gcBlackenEnabled, 1);
    if (mode == gcBackgroundMode) {
        // The concurrent collector's hook: start the world and let the workers mark
        gcWork_dispose(mp->p->gcw);
        startTheWorldWithSema();
        // The tracer's hook: trace the start of the world
        if (atomic_Load(&traceEnabled) != 0)
            traceGCSTWDone();
        now = nanotime();
        // The statistics' hook: record the pause in the pause histogram
        timeHistogram_record(&memstats.gcPauseDist, now - work.pauseStart);
        work.pauseNS += now - work.pauseStart;
        work.tMark = now;
        // The limiter's hook: tell the CPU limiter the world runs again
        gcCPULimiterState_finishGCTransition(&gcCPULimiter, now);
        gcBgMarkWake();
    } else {
        work.tMark = nanotime();
        gcMarkParallel();
        gcController.dedicatedMarkTime += work.markCPU; // Go's stopped modes mark with dedicated workers
        gcMarkDoneStopped();
    }
    semrelease(&work.startSema);
}
static void
gcMarkDoneStopped(void)
{
    if (!lfstack_empty(&work.full) || work.markrootNext < work.markrootJobs)
        throw("gcMarkDone: work left with the world stopped");
    atomic_Store(&gcBlackenEnabled, 0);
    work.tMarkTerm = nanotime();
    // The limiter's hook: tell the CPU limiter the stopped mark is over
    gcCPULimiterState_finishGCTransition(&gcCPULimiter, work.tMarkTerm);
    gcCPULimiterState_startGCTransition(&gcCPULimiter, false, work.tMarkTerm);
    gcMarkTermination();
}
void
gcMarkTermination(void)
{
    setGCPhase(_GCmarktermination);
    work.heap1 = atomic_Load64(&gcController.heapLive);
    int64 startTime = nanotime();
    gcMark(startTime);
    work.heap2 = atomic_Load64(&work.bytesMarked);
    if (debug.gccheckmark > 0) {
        startCheckmarks();
        gcResetMarkState();
        gcMarkRootPrepare();
        static struct gcWork checkmarkGcw; // the stopper may hold no P (a mark worker)
        struct gcWork *gcw = &checkmarkGcw;
        gcDrain(gcw, 0);
        gcWork_dispose(gcw);
        endCheckmarks();
    }
    setGCPhase(_GCoff);
    gcSweep(work.mode);
    for (uint32 i = 0; i < nallp; i++)
        mcache_prepareForSweep(allp[i]->mcache);
    // The scavenger's hook: note the heap in use for the scavenger
    memstats.lastHeapInUse = sysMemStat_load(&gcController.heapInUse);
    gcController.lastHeapGoal = gcControllerState_heapGoal();
    gcControllerCommit();
    int64 now = nanotime();
    // The statistics' hook: record the pause in the pause histogram
    timeHistogram_record(&memstats.gcPauseDist, now - work.pauseStart);
    work.pauseNS += now - work.pauseStart;
    work.tEnd = now;
    memstats.pause_total_ns += (uint64)work.pauseNS;
    memstats.pause_ns[memstats.numgc % 256] = (uint64)work.pauseNS;
    memstats.pause_end[memstats.numgc % 256] = (uint64)unixnanotime();
    int64 sweepTermCpu = (int64)work.stwprocs * (work.tMark - work.tSweepTerm);
    struct gcControllerState *c = &gcController;
    int64 markCpu = c->assistTime + c->dedicatedMarkTime + c->fractionalMarkTime;
    int64 markTermCpu = (int64)work.stwprocs * (work.tEnd - work.tMarkTerm);
    __atomic_add_fetch(&work.totaltime, sweepTermCpu + markCpu + markTermCpu, __ATOMIC_SEQ_CST); // read at any time
    // The statistics' hook: record the cycle's figures
    {
        int64 total = (now - runtimeInitTime) * (int64)gomaxprocs;
        double f = total > 0 ? (double)__atomic_load_n(&work.totaltime, __ATOMIC_SEQ_CST) / (double)total : 0;
        __atomic_store(&memstats.gc_cpu_fraction, &f, __ATOMIC_SEQ_CST);
        atomic_Xadd64(&pacerStats.assistCPU, gcController.assistTime);
        atomic_Xadd64(&pacerStats.backgroundCPU, gcController.dedicatedMarkTime + gcController.fractionalMarkTime);
        atomic_Xadd64(&pacerStats.idleCPU, gcController.idleMarkTime);
        atomic_Xadd64(&pacerStats.pauseCPU, sweepTermCpu + markTermCpu);
        atomic_Xadd64(&pacerStats.totalCPU, sweepTermCpu + markCpu + markTermCpu);
        if (work.heap1 > atomic_Load64(&pacerStats.peakHeap))
            atomic_Store64(&pacerStats.peakHeap, work.heap1);
        if (work.heap2 > atomic_Load64(&pacerStats.peakMarked))
            atomic_Store64(&pacerStats.peakMarked, work.heap2);
        uint64 mapped = atomic_Load64(&gcController.mappedReady);
        if (mapped > atomic_Load64(&pacerStats.peakMapped))
            atomic_Store64(&pacerStats.peakMapped, mapped);
    }
    __atomic_store_n(&sweep.nbgsweep, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&sweep.npausesweep, 0, __ATOMIC_RELAXED);
    if (work.userForced)
        memstats.numforcedgc++;
    __atomic_add_fetch(&memstats.numgc, 1, __ATOMIC_SEQ_CST);
    // The limiter's hook: tell the CPU limiter the collector is done
    gcCPULimiterState_finishGCTransition(&gcCPULimiter, now);
    // The profiler's hook: end the heap profile's cycle
    mProf_NextCycle();
    // The tracer's hook: trace the cycle's end
    if (atomic_Load(&traceEnabled) != 0)
        traceGCDone();
    startTheWorldWithSema();
    // The tracer's hook: trace the start of the world
    if (atomic_Load(&traceEnabled) != 0)
        traceGCSTWDone();
    // The profiler's hook: flush the heap profile
    mProf_Flush();
    if (debug.gctrace > 0)
        printGCTrace(sweepTermCpu, markTermCpu, now);
    __atomic_add_fetch(&work.markDoneGen, 1, __ATOMIC_SEQ_CST); // gcWaitOnMark's sleepers wake,
    futexwakeup(&work.markDoneGen, INT32_MAX);                  // after the trace line is out
    semrelease(&work.gcsema);
}
void
runtime_GC(void)
{
    acquirep();
    uint32 n = atomic_Load(&work.cycles);
    gcWaitOnMark(n);
    gcStart((gcTrigger){gcTriggerCycle, n + 1});
    gcWaitOnMark(n + 1);
    while (atomic_Load(&work.cycles) == n + 1 && sweepone() != ~(uintptr)0)
        __atomic_add_fetch(&sweep.nbgsweep, 1, __ATOMIC_RELAXED);
    while (atomic_Load(&work.cycles) == n + 1 && !isSweepDone())
        sched_yield();
    // The profiler's hook: publish the heap profile
    {
        struct m *mp = acquirem();
        uint32 cycle = atomic_Load(&work.cycles);
        if (cycle == n + 1 || (atomic_Load(&gcphase) == _GCmark && cycle == n + 2))
            mProf_PostSweep();
        releasem(mp);
    }
}

void
gcWaitOnMark(uint32 n)
{
    for (;;) {
        uint32 gen = atomic_Load(&work.markDoneGen);
        uint32 nMarks = atomic_Load(&work.cycles);
        if (atomic_Load(&gcphase) != _GCmark)
            nMarks++; // this cycle's mark is over already
        if ((int32)(nMarks - n) > 0)
            return;
        runtime_entersyscall();
        futexsleep(&work.markDoneGen, gen, -1);
        runtime_exitsyscall();
    }
}
int
debug_SetGCPercent(int percent)
{
    int32 in = percent < 0 ? -1 : percent > INT32_MAX ? INT32_MAX : (int32)percent;
    lock(&mheap_.lock);
    int32 out = gcController.gcPercent;
    gcController.heapMinimum = in < 0 ? 0 : (uint64)defaultHeapMinimum * (uint64)in / 100;
    gcController.gcPercent = in;
    gcControllerCommit();
    unlock(&mheap_.lock);
    if (in < 0) {
        if (getm()->p == NULL)
            acquirep();
        gcWaitOnMark(atomic_Load(&work.cycles));
    }
    return out;
}

