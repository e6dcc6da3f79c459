// tangled from chapters/15-mgcconc.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Concurrent mark (Go's mgc.go: gcBgMarkWorker, gcMarkDone; mgcpacer.go: startCycle; proc.go: forEachP).
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/resource.h>
#include "runtime.h"

uint32 gcMarkDoneFlushed;

static void
safePointDone(uint32 *pending)
{
    if (__atomic_sub_fetch(pending, 1, __ATOMIC_SEQ_CST) == 0)
        futexwakeup(pending, INT32_MAX);
    __atomic_add_fetch(&work.markWake, 1, __ATOMIC_SEQ_CST); // the work is on the global list
    futexwakeup(&work.markWake, INT32_MAX);
}

// Flush the P's buffers to the global lists; the caller owns the P.
static void
flushP(struct p *pp)
{
    wbBufFlush1(pp);
    gcWork_dispose(pp->gcw);
    if (pp->gcw->flushedWork) {
        __atomic_add_fetch(&gcMarkDoneFlushed, 1, __ATOMIC_SEQ_CST);
        pp->gcw->flushedWork = false;
    }
}

// The functions pending on pp.  mp is the thread whose stack a scan reads: the caller,
// or a thread blocked in a call, whose P the caller has borrowed.
static void
doSafePointFn(struct p *pp, struct m *mp)
{
    uint32 fn = __atomic_exchange_n(&pp->safePointFn, 0, __ATOMIC_SEQ_CST);
    if (fn & safePointScanStack) {
        scanstack(mp, pp->gcw);
        gcWork_dispose(pp->gcw);
        safePointDone(&work.stackScansPending);
    }
    if (fn & safePointFlush) {
        flushP(pp);
        safePointDone(&work.forEachPPending);
    }
}

void
runSafePointFn(struct p *pp)
{
    struct m *mp = getm();
    mp->locks++; // a signal meanwhile only leaves preemptPending
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    doSafePointFn(pp, mp);
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    mp->locks--;
}

// Give back a P borrowed from a thread in a blocking call; stop it if a stop began.
static void
returnBorrowedP(struct p *pp)
{
    atomic_Store(&pp->status, _Psyscall);
    futexwakeup(&pp->status, INT32_MAX); // its thread may wait in runtime_exitsyscall
    entersyscall_gcwait(pp);
}

// Under sched.lock: borrow pp if its thread is in a blocking call.
static bool
borrowP(struct p *pp)
{
    return pp->m != NULL && pp->m != getm()
           && __atomic_compare_exchange_n(&pp->status, &(uint32){_Psyscall}, _Pborrowed, false, __ATOMIC_SEQ_CST,
                                          __ATOMIC_SEQ_CST);
}

static void
requestSafePointFn(struct p *pp, uint32 fn, uint32 *pending)
{
    lock(&sched.lock);
    struct m *mp = pp->m;
    if (mp == NULL) { // idle: no stack; the buffers are ours while we hold sched.lock
        if (fn & safePointFlush)
            flushP(pp);
        unlock(&sched.lock);
        return;
    }
    __atomic_add_fetch(pending, 1, __ATOMIC_SEQ_CST);
    __atomic_or_fetch(&pp->safePointFn, fn, __ATOMIC_SEQ_CST);
    if (mp == getm()) { // an assist's own P: do it here
        unlock(&sched.lock);
        runSafePointFn(pp);
    } else if (borrowP(pp)) {
        unlock(&sched.lock);
        doSafePointFn(pp, mp);
        returnBorrowedP(pp);
    } else {
        preemptM(mp);
        unlock(&sched.lock);
    }
}

// Ask again: a signal that found its thread busy may have been the only one, and a
// thread may have entered a blocking call since.
static void
resendSafePointSignals(void)
{
    struct p *borrowed[64];
    uint32 nb = 0;
    lock(&sched.lock);
    for (uint32 i = 0; i < nallp; i++) {
        struct p *pp = allp[i];
        if (atomic_Load(&pp->safePointFn) == 0 || pp->m == NULL || pp->m == getm())
            continue;
        if (nb < 64 && borrowP(pp))
            borrowed[nb++] = pp;
        else
            preemptM(pp->m);
    }
    unlock(&sched.lock);
    for (uint32 i = 0; i < nb; i++) {
        doSafePointFn(borrowed[i], borrowed[i]->m);
        returnBorrowedP(borrowed[i]);
    }
}

void
requestStackScan(struct p *pp)
{
    requestSafePointFn(pp, safePointScanStack, &work.stackScansPending);
}

void
forEachPFlush(void)
{
    uint32 n = __atomic_load_n(&nallp, __ATOMIC_ACQUIRE);
    struct p **ps = __atomic_load_n(&allp, __ATOMIC_ACQUIRE);
    for (uint32 i = 0; i < n; i++)
        requestSafePointFn(ps[i], safePointFlush, &work.forEachPPending);
    for (uint32 v; (v = atomic_Load(&work.forEachPPending)) != 0;) {
        futexsleep(&work.forEachPPending, v, 1000 * 1000);
        if (atomic_Load(&work.forEachPPending) != 0)
            resendSafePointSignals();
    }
}

void
runSafePointFnFromSignal(struct p *pp)
{
    if (atomic_Load(&pp->status) == _Prunning) {
        runSafePointFn(pp);
        return;
    }
    if (!__atomic_compare_exchange_n(&pp->status, &(uint32){_Psyscall}, _Prunning, false, __ATOMIC_SEQ_CST,
                                     __ATOMIC_SEQ_CST))
        return; // stopped: asked again later
    runSafePointFn(pp);
    atomic_Store(&pp->status, _Psyscall);
    entersyscall_gcwait(pp);
}
void
gcControllerState_startCycle(int64 markStartTime, int32 procs)
{
    struct gcControllerState *c = &gcController;
    c->markStartTime = markStartTime;
    double totalUtilizationGoal = (double)procs * gcBackgroundUtilization;
    c->dedicatedMarkWorkersNeeded = (int64)(totalUtilizationGoal + 0.5);
    double utilError = (double)c->dedicatedMarkWorkersNeeded / totalUtilizationGoal - 1;
    const double maxUtilError = 0.3;
    if (utilError < -maxUtilError || utilError > maxUtilError) {
        if ((double)c->dedicatedMarkWorkersNeeded > totalUtilizationGoal)
            c->dedicatedMarkWorkersNeeded--;
        c->fractionalUtilizationGoal = (totalUtilizationGoal - (double)c->dedicatedMarkWorkersNeeded) / procs;
    } else {
        c->fractionalUtilizationGoal = 0;
    }
    if (debug.gcstoptheworld > 0) {
        c->dedicatedMarkWorkersNeeded = procs;
        c->fractionalUtilizationGoal = 0;
    }
    c->maxIdleMarkWorkers = procs - (int32)c->dedicatedMarkWorkersNeeded;
    // The pacer's hook: note the trigger
    uint64 heapGoal = gcControllerState_heapGoal(); // before the trigger is noted: see heapGoalInternal
    atomic_Store64(&c->triggered, gcControllerState_trigger());
    // The assists' hook: the first assist ratio
    atomic_Store64((uint64 *)&c->bgScanCredit, 0);
    atomic_Store64(&c->globalsScanWork, 0);
    atomic_Store64(&c->stackScan, 0);
    gcControllerState_revise();
    if (debug.gcpacertrace > 0) {
        print("pacer: assist ratio=");
        printfloat(loadFloat64(&c->assistWorkPerByte));
        print(" (scan %lu MB in %lu->%lu MB) workers=%ld+", (unsigned long)(atomic_Load64(&c->heapScan) >> 20),
              (unsigned long)(work.heap0 >> 20), (unsigned long)(heapGoal >> 20), (long)c->dedicatedMarkWorkersNeeded);
        printfloat(c->fractionalUtilizationGoal);
        print("\n");
    }
}
enum {
    maxBgMarkWorkers = 64,
    gcMarkWorkerDedicatedMode = 1,
    gcMarkWorkerFractionalMode = 2,
    gcMarkWorkerIdleMode = 3,
};

static struct {
    uint32 started[2];   // threads made: [0] background, [1] idle
    uint32 gen;          // moves when a mark starts (a futex word)
    uint32 running;      // workers taking part in the mark, not yet parked (atomic; a futex word)
    uint32 draining;     // workers in gcDrain now (atomic)
    uint32 start[2][maxBgMarkWorkers]; // the mark each worker is to take part in (atomic)
    int mode[2][maxBgMarkWorkers];     // and in which mode
    uint32 ndedicated;   // this cycle's dedicated workers
    bool fractional;     // and whether a fractional one runs
    uint32 nidle;        // and how many idle ones
    int32 procs;         // GOMAXPROCS of this cycle
    int64 fractionalTime;  // CPU time the fractional worker has marked this cycle
    int64 fractionalStart; // its thread CPU time when its current drain began
    struct gcWork gcw[2][maxBgMarkWorkers];
} bgMark;
static double
fractionalShare(void)
{
    return gcController.fractionalUtilizationGoal * bgMark.procs;
}

static bool
pollFractionalWorkerExit(void)
{
    int64 delta = nanotime() - gcController.markStartTime;
    if (delta <= 0)
        return true;
    int64 selfTime = bgMark.fractionalTime + (threadCPUTime() - bgMark.fractionalStart);
    return (double)selfTime / (double)delta > 1.2 * fractionalShare();
}

static __thread long idleSwitches; // the idle worker's involuntary switches when its drain began
static __thread bool inDrain;      // and whether it is draining (counted in bgMark.draining)

static long
involuntarySwitches(void)
{
    struct rusage ru;
    getrusage(RUSAGE_THREAD, &ru);
    return ru.ru_nivcsw;
}

// Whether the program's other threads (not its mark workers) want every CPU: the number
// of runnable threads in the whole system, from /proc/loadavg (this thread included),
// less the mark workers draining now.
static bool
cpusWanted(void)
{
    static __thread int fd = -2; // each idle worker keeps its own, open for its life
    if (fd == -2)
        fd = open("/proc/loadavg", O_RDONLY | O_CLOEXEC);
    char buf[128];
    ssize_t n = fd >= 0 ? pread(fd, buf, sizeof buf - 1, 0) : -1;
    if (n <= 0)
        return false; // not known: rely on the involuntary switches alone
    buf[n] = '\0';
    const char *p = buf;
    for (int fields = 0; fields < 3 && *p != '\0'; p++)
        if (*p == ' ')
            fields++;
    long others = atol(p) - (long)atomic_Load(&bgMark.draining);
    if (!inDrain)
        others--; // this thread, running but not draining
    return others >= ncpu;
}

static bool
pollIdleWorkerExit(void)
{
    return involuntarySwitches() != idleSwitches || cpusWanted();
}

static void
markWorkerStop(int mode, int64 duration)
{
    switch (mode) {
    case gcMarkWorkerDedicatedMode:
        __atomic_add_fetch(&gcController.dedicatedMarkTime, duration, __ATOMIC_SEQ_CST);
        break;
    case gcMarkWorkerFractionalMode:
        __atomic_add_fetch(&gcController.fractionalMarkTime, duration, __ATOMIC_SEQ_CST);
        bgMark.fractionalTime += duration;
        break;
    case gcMarkWorkerIdleMode:
        __atomic_add_fetch(&gcController.idleMarkTime, duration, __ATOMIC_SEQ_CST);
        break;
    default:
        throw("markWorkerStop: unknown mark worker mode");
    }
}

static void
wakeMarkWorkers(void)
{
    __atomic_add_fetch(&work.markWake, 1, __ATOMIC_SEQ_CST);
    futexwakeup(&work.markWake, INT32_MAX);
}
static void
gcBgMarkWorkerMark(int mode, struct gcWork *gcw)
{
    static const int flags[] = {
        [gcMarkWorkerDedicatedMode] = gcDrainUntilPreempt | gcDrainFlushBgCredit,
        [gcMarkWorkerFractionalMode] = gcDrainFractional | gcDrainUntilPreempt | gcDrainFlushBgCredit,
        [gcMarkWorkerIdleMode] = gcDrainIdle | gcDrainUntilPreempt | gcDrainFlushBgCredit,
    };
    for (;;) {
        uint32 wake = atomic_Load(&work.markWake);
        uint32 decnwait = __atomic_sub_fetch(&work.nwait, 1, __ATOMIC_SEQ_CST);
        if (decnwait == work.nproc) {
            print("runtime: work.nwait=%u work.nproc=%u\n", decnwait, work.nproc);
            throw("work.nwait was > work.nproc");
        }
        if (atomic_Load(&gcBlackenEnabled) == 0) { // the mark is over
            __atomic_add_fetch(&work.nwait, 1, __ATOMIC_SEQ_CST);
            return;
        }
        if (mode == gcMarkWorkerIdleMode && cpusWanted()) { // no idle CPU: back off at once
            __atomic_add_fetch(&work.nwait, 1, __ATOMIC_SEQ_CST);
            futexsleep(&work.markWake, wake, 2 * 1000 * 1000);
            continue;
        }
        // The tracer's hook: the worker's goroutine runs in the trace
        if (atomic_Load(&traceEnabled) != 0)
            traceMarkWorkerStart(mode);
        int64 cpu0 = threadCPUTime();
        if (mode == gcMarkWorkerFractionalMode)
            bgMark.fractionalStart = cpu0;
        if (mode == gcMarkWorkerIdleMode)
            idleSwitches = involuntarySwitches();
        __atomic_add_fetch(&bgMark.draining, 1, __ATOMIC_SEQ_CST);
        inDrain = true;
        gcDrain(gcw, flags[mode]);
        inDrain = false;
        __atomic_sub_fetch(&bgMark.draining, 1, __ATOMIC_SEQ_CST);
        gcWork_dispose(gcw);
        // The tracer's hook: the worker's goroutine blocks in the trace
        if (atomic_Load(&traceEnabled) != 0)
            traceThreadStop(traceEvGoBlock, false);
        int64 duration = threadCPUTime() - cpu0;
        markWorkerStop(mode, duration);
        // The limiter's hook: tell the CPU limiter of the drain
        if (mode == gcMarkWorkerIdleMode)
            gcCPULimiterState_addIdleTime(&gcCPULimiter, duration);
        int64 now = nanotime();
        if (gcCPULimiterState_needUpdate(&gcCPULimiter, now))
            gcCPULimiterState_update(&gcCPULimiter, now);
        uint32 incnwait = __atomic_add_fetch(&work.nwait, 1, __ATOMIC_SEQ_CST);
        if (incnwait > work.nproc) {
            print("runtime: work.nwait=%u work.nproc=%u\n", incnwait, work.nproc);
            throw("work.nwait > work.nproc");
        }
        if (incnwait == work.nproc && !gcMarkWorkAvailable()) {
            gcMarkDone();
            continue;
        }
        if (mode == gcMarkWorkerFractionalMode && pollFractionalWorkerExit()) {
            int64 delta = nanotime() - gcController.markStartTime;
            int64 ahead = (int64)((double)bgMark.fractionalTime / fractionalShare()) - delta;
            if (ahead < 100 * 1000)
                ahead = 100 * 1000;
            if (ahead > 10 * 1000 * 1000)
                ahead = 10 * 1000 * 1000;
            futexsleep(&work.markWake, wake, ahead);
            continue;
        }
        if (mode == gcMarkWorkerIdleMode && pollIdleWorkerExit()) {
            futexsleep(&work.markWake, atomic_Load(&work.markWake), 2 * 1000 * 1000); // the CPU is wanted
            continue;
        }
        if (!gcMarkWorkAvailable() || atomic_Load(&work.stackScansPending) != 0)
            futexsleep(&work.markWake, wake, 1000 * 1000);
        if (atomic_Load(&work.stackScansPending) != 0)
            resendSafePointSignals();
    }
}

static void *
gcBgMarkWorker(void *arg)
{
    // The argument: the worker's number, its kind (0 background, 1 idle) and its
    // counter when it was made; it joins the first mark that moves the counter.
    uint32 id = (uint32)(uintptr)arg & 0xff, idle = ((uint32)(uintptr)arg >> 8) & 1;
    uint32 last = (uint32)((uintptr)arg >> 32);
    struct gcWork *gcw = &bgMark.gcw[idle][id];
    for (;;) {
        uint32 start;
        while ((start = atomic_Load(&bgMark.start[idle][id])) == last) {
            uint32 g = atomic_Load(&bgMark.gen);
            if (atomic_Load(&bgMark.start[idle][id]) == last)
                futexsleep(&bgMark.gen, g, -1);
        }
        last = start;
        gcBgMarkWorkerMark(__atomic_load_n(&bgMark.mode[idle][id], __ATOMIC_ACQUIRE), gcw);
        if (__atomic_sub_fetch(&bgMark.running, 1, __ATOMIC_SEQ_CST) == 0)
            futexwakeup(&bgMark.running, INT32_MAX);
    }
    return NULL;
}
static void
startWorkers(uint32 kind, uint32 want)
{
    if (want > maxBgMarkWorkers)
        want = maxBgMarkWorkers;
    while (bgMark.started[kind] < want) {
        uint32 id = bgMark.started[kind];
        uintptr arg = (uintptr)atomic_Load(&bgMark.start[kind][id]) << 32 | kind << 8 | id;
        if (newosproc(gcBgMarkWorker, (void *)arg) != 0)
            break;
        bgMark.started[kind]++;
    }
}

bool
gcBgMarkStartWorkers(void)
{
    int32 procs = gomaxprocs;
    startWorkers(0, (uint32)(procs * gcBackgroundUtilization + 0.5) + 1);
    startWorkers(1, (uint32)procs);
    return bgMark.started[0] + bgMark.started[1] > 0;
}

void
gcBgMarkPrepare(void)
{
    struct gcControllerState *c = &gcController;
    bgMark.procs = gomaxprocs;
    bgMark.ndedicated = (uint32)c->dedicatedMarkWorkersNeeded;
    if (bgMark.ndedicated > bgMark.started[0])
        bgMark.ndedicated = bgMark.started[0];
    bgMark.fractional = c->fractionalUtilizationGoal > 0 && bgMark.started[0] > bgMark.ndedicated;
    bgMark.nidle = c->maxIdleMarkWorkers > 0 ? (uint32)c->maxIdleMarkWorkers : 0;
    if (bgMark.nidle > bgMark.started[1])
        bgMark.nidle = bgMark.started[1];
    bgMark.fractionalTime = 0;
    gcDrainCheck[0] = pollIdleWorkerExit;
    gcDrainCheck[1] = pollFractionalWorkerExit;
    work.nproc = ~(uint32)0;
    work.nwait = ~(uint32)0;
    atomic_Store(&gcMarkDoneFlushed, 0);
}

static void
startWorker(uint32 kind, uint32 id, int mode)
{
    __atomic_store_n(&bgMark.mode[kind][id], mode, __ATOMIC_RELEASE);
    __atomic_add_fetch(&bgMark.start[kind][id], 1, __ATOMIC_SEQ_CST);
}

void
gcBgMarkWake(void)
{
    atomic_Store(&bgMark.running, bgMark.ndedicated + bgMark.fractional + bgMark.nidle);
    for (uint32 i = 0; i < bgMark.ndedicated; i++)
        startWorker(0, i, gcMarkWorkerDedicatedMode);
    if (bgMark.fractional)
        startWorker(0, bgMark.ndedicated, gcMarkWorkerFractionalMode);
    for (uint32 i = 0; i < bgMark.nidle; i++)
        startWorker(1, i, gcMarkWorkerIdleMode);
    __atomic_add_fetch(&bgMark.gen, 1, __ATOMIC_SEQ_CST);
    futexwakeup(&bgMark.gen, INT32_MAX);
}

void
gcBgMarkWaitParked(void)
{
    for (uint32 v; (v = atomic_Load(&bgMark.running)) != 0;) {
        wakeMarkWorkers();
        futexsleep(&bgMark.running, v, 1000 * 1000);
    }
}
void
gcMarkDone(void)
{
    if (getm()->p != NULL) { // an assist
        runtime_entersyscall();
        semacquire(&work.markDoneSema);
        runtime_exitsyscall();
    } else {
        semacquire(&work.markDoneSema);
    }
top:
    if (!(atomic_Load(&gcphase) == _GCmark && atomic_Load(&work.nwait) == work.nproc
          && !gcMarkWorkAvailable())) {
        semrelease(&work.markDoneSema);
        return;
    }
    atomic_Store(&gcMarkDoneFlushed, 0);
    forEachPFlush();
    if (atomic_Load(&gcMarkDoneFlushed) != 0) {
        wakeMarkWorkers();
        goto top;
    }
    int64 now = nanotime();
    work.tMarkTerm = now;
    work.pauseStart = now;
    // The tracer's hook: trace the stop for the mark termination
    if (atomic_Load(&traceEnabled) != 0)
        traceGCSTWStart(0);
    stopTheWorldWithSema();
    bool restart = false;
    for (uint32 i = 0; i < nallp; i++) {
        wbBufFlush1(allp[i]);
        if (!gcWork_empty(allp[i]->gcw)) {
            restart = true;
            break;
        }
    }
    if (restart) {
        startTheWorldWithSema();
        // The tracer's hook: trace the start of the world
        if (atomic_Load(&traceEnabled) != 0)
            traceGCSTWDone();
        now = nanotime();
        // The statistics' hook: record the pause in the pause histogram
        timeHistogram_record(&memstats.gcPauseDist, now - work.pauseStart);
        work.pauseNS += now - work.pauseStart;
        goto top;
    }
    atomic_Store(&gcBlackenEnabled, 0);
    // The limiter's hook: tell the CPU limiter the assists cease
    gcCPULimiterState_startGCTransition(&gcCPULimiter, false, work.tMarkTerm);
    // The assists' hook: wake the assists that wait for credit
    gcWakeAllAssists();
    while (atomic_Load(&work.nwait) != work.nproc)
        sched_yield(); // a worker that slipped in before the flag: its drain finds nothing
    gcMarkTermination();
    semrelease(&work.markDoneSema); // after the phase has moved on: see the text
}
