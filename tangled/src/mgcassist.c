// tangled from chapters/17-mgcassist.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The pacer's runway and assist ratio, and mutator assists (Go's mgcpacer.go: revise;
// mgcmark.go: gcAssistAlloc, gcDrainN, gcParkAssist, gcFlushBgCredit, gcWakeAllAssists).
#include "runtime.h"

void
gcControllerState_revise(void)
{
    struct gcControllerState *c = &gcController;
    int32 gcPercent = __atomic_load_n(&c->gcPercent, __ATOMIC_RELAXED);
    if (gcPercent < 0)
        gcPercent = 100000; // a forced cycle with GOGC off: as if GOGC were huge
    int64 live = (int64)atomic_Load64(&c->heapLive);
    int64 scan = (int64)atomic_Load64(&c->heapScan);
    int64 work = (int64)atomic_Load64((uint64 *)&c->heapScanWork) + (int64)atomic_Load64(&c->stackScan)
                 + (int64)atomic_Load64(&c->globalsScanWork);
    int64 heapGoal = (int64)gcControllerState_heapGoal();
    int64 scanWorkExpected = (int64)(c->lastHeapScan + c->lastStackScan + c->globalsScan);
    int64 maxScanWork = scan + (int64)(c->lastStackScan + c->globalsScan);
    if (work > scanWorkExpected) {
        int64 hardGoal = (int64)((1.0 + (double)gcPercent / 100.0) * (double)heapGoal);
        int64 extHeapGoal = hardGoal;
        if (scanWorkExpected > 0) {
            int64 triggered = (int64)atomic_Load64(&c->triggered);
            extHeapGoal = (int64)((double)(heapGoal - triggered) / (double)scanWorkExpected
                                  * (double)maxScanWork) + triggered;
        }
        scanWorkExpected = maxScanWork;
        if (extHeapGoal > hardGoal)
            extHeapGoal = hardGoal;
        heapGoal = extHeapGoal;
    }
    if (live > heapGoal) {
        const double maxOvershoot = 1.1;
        heapGoal = (int64)((double)heapGoal * maxOvershoot);
        scanWorkExpected = maxScanWork;
    }
    int64 scanWorkRemaining = scanWorkExpected - work;
    if (scanWorkRemaining < 1000)
        scanWorkRemaining = 1000;
    int64 heapRemaining = heapGoal - live;
    if (heapRemaining <= 0)
        heapRemaining = 1;
    storeFloat64(&c->assistWorkPerByte, (double)scanWorkRemaining / (double)heapRemaining);
    storeFloat64(&c->assistBytesPerWork, (double)heapRemaining / (double)scanWorkRemaining);
}
void
gcAssistCharge(uintptr size)
{
    struct m *mp = getm();
    uint32 cycle = atomic_Load(&work.cycles);
    if (mp->gcAssistCycle != cycle) {
        mp->gcAssistCycle = cycle;
        mp->gcAssistBytes = 0;
    }
    mp->gcAssistBytes -= (int64)size;
    if (mp->gcAssistBytes < 0)
        gcAssistAlloc(mp);
}
static bool gcAssistAlloc1(struct m *mp, int64 scanWork);
static bool gcParkAssist(struct m *mp);

void
gcAssistAlloc(struct m *mp)
{
    if (mp->locks > 0 || mp->mallocing != 0 || mp->p == NULL)
        return;
    for (;;) { // Go's retry label
        // The limiter's hook: no assist while the CPU limiter holds the collector back
        if (gcCPULimiterState_limiting(&gcCPULimiter))
            return;
        double assistWorkPerByte = loadFloat64(&gcController.assistWorkPerByte);
        double assistBytesPerWork = loadFloat64(&gcController.assistBytesPerWork);
        int64 debtBytes = -mp->gcAssistBytes;
        int64 scanWork = (int64)(assistWorkPerByte * (double)debtBytes);
        if (scanWork < gcOverAssistWork) {
            scanWork = gcOverAssistWork;
            debtBytes = (int64)(assistBytesPerWork * (double)scanWork);
        }
        int64 bgScanCredit = (int64)atomic_Load64((uint64 *)&gcController.bgScanCredit);
        if (bgScanCredit > 0) {
            int64 stolen;
            if (bgScanCredit < scanWork) {
                stolen = bgScanCredit;
                mp->gcAssistBytes += 1 + (int64)(assistBytesPerWork * (double)stolen);
            } else {
                stolen = scanWork;
                mp->gcAssistBytes += debtBytes;
            }
            atomic_Xadd64((uint64 *)&gcController.bgScanCredit, -stolen);
            scanWork -= stolen;
            if (scanWork == 0)
                return;
        }
        if (gcAssistAlloc1(mp, scanWork))
            gcMarkDone(); // re-checks under markDoneSema: a worker may have ended the mark first
        if (mp->gcAssistBytes >= 0 || gcParkAssist(mp))
            return;
    }
}
static bool
gcAssistAlloc1(struct m *mp, int64 scanWork)
{
    acquirem(); // from the test of the phase on: no stop may end the mark in between
    if (atomic_Load(&gcBlackenEnabled) == 0) {
        mp->gcAssistBytes = 0; // the mark is over: the debt need not be paid
        releasem(mp);
        return false;
    }
    // The tracer's hook: trace the assist's start
    if (atomic_Load(&traceEnabled) != 0)
        traceGCMarkAssistStart();
    int64 startTime = nanotime();
    uint32 decnwait = __atomic_sub_fetch(&work.nwait, 1, __ATOMIC_SEQ_CST);
    if (decnwait == work.nproc) {
        print("runtime: work.nwait=%u work.nproc=%u\n", decnwait, work.nproc);
        throw("nwait > work.nprocs");
    }
    struct gcWork *gcw = mp->p->gcw;
    int64 workDone = gcDrainN(gcw, scanWork);
    gcWork_dispose(gcw);
    mp->gcAssistBytes += 1 + (int64)(loadFloat64(&gcController.assistBytesPerWork) * (double)workDone);
    uint32 incnwait = __atomic_add_fetch(&work.nwait, 1, __ATOMIC_SEQ_CST);
    if (incnwait > work.nproc) {
        print("runtime: work.nwait=%u work.nproc=%u\n", incnwait, work.nproc);
        throw("work.nwait > work.nproc");
    }
    bool completed = incnwait == work.nproc && !gcMarkWorkAvailable();
    int64 duration = nanotime() - startTime;
    __atomic_add_fetch(&gcController.assistTime, duration, __ATOMIC_SEQ_CST);
    // The limiter's hook: tell the limiter of duration of assist
    gcCPULimiterState_addAssistTime(&gcCPULimiter, duration);
    gcCPULimiterState_update(&gcCPULimiter, startTime + duration);
    // The tracer's hook: trace the assist's end
    if (atomic_Load(&traceEnabled) != 0)
        traceGCMarkAssistDone();
    releasem(mp);
    return completed;
}
int64
gcDrainN(struct gcWork *gcw, int64 scanWork)
{
    if (atomic_Load(&gcphase) != _GCmark)
        throw("gcDrainN phase incorrect");
    int64 workFlushed = -gcw->heapScanWork;
    while (workFlushed + gcw->heapScanWork < scanWork) {
        // The limiter's hook: stop when the CPU limiter turns on
        if (gcCPULimiterState_limiting(&gcCPULimiter))
            break;
        if (lfstack_empty(&work.full))
            gcWork_balance(gcw);
        uintptr b = gcWork_tryGetFast(gcw);
        if (b == 0)
            b = gcWork_tryGet(gcw);
        if (b == 0) {
            if (atomic_Load(&work.markrootNext) < work.markrootJobs) {
                uint32 job = __atomic_fetch_add(&work.markrootNext, 1, __ATOMIC_SEQ_CST);
                if (job < work.markrootJobs) {
                    markroot(gcw, job);
                    continue;
                }
            }
            break;
        }
        scanobject(b, gcw);
        if (gcw->heapScanWork >= gcCreditSlack) {
            atomic_Xadd64((uint64 *)&gcController.heapScanWork, gcw->heapScanWork);
            workFlushed += gcw->heapScanWork;
            gcw->heapScanWork = 0;
        }
    }
    return workFlushed + gcw->heapScanWork;
}
static void
assistQueue_pushBack(struct m *mp)
{
    mp->assistNext = NULL;
    if (work.assistQueue.tail != NULL)
        work.assistQueue.tail->assistNext = mp;
    else
        __atomic_store_n(&work.assistQueue.head, mp, __ATOMIC_SEQ_CST);
    work.assistQueue.tail = mp;
}

static struct m *
assistQueue_pop(void)
{
    struct m *mp = work.assistQueue.head;
    if (mp != NULL) {
        __atomic_store_n(&work.assistQueue.head, mp->assistNext, __ATOMIC_SEQ_CST);
        if (mp->assistNext == NULL)
            work.assistQueue.tail = NULL;
        mp->assistNext = NULL;
    }
    return mp;
}

static void
assistReady(struct m *mp)
{
    __atomic_store_n(&mp->assistParked, 0, __ATOMIC_RELEASE);
    futexwakeup(&mp->assistParked, 1);
}

static bool
gcParkAssist(struct m *mp)
{
    lock(&work.assistQueue.lock);
    if (atomic_Load(&gcBlackenEnabled) == 0) {
        unlock(&work.assistQueue.lock);
        return true;
    }
    struct m *oldTail = work.assistQueue.tail;
    assistQueue_pushBack(mp);
    if ((int64)atomic_Load64((uint64 *)&gcController.bgScanCredit) > 0) {
        work.assistQueue.tail = oldTail; // credit appeared: take it instead
        if (oldTail != NULL)
            oldTail->assistNext = NULL;
        else
            __atomic_store_n(&work.assistQueue.head, NULL, __ATOMIC_SEQ_CST);
        unlock(&work.assistQueue.lock);
        return false;
    }
    __atomic_store_n(&mp->assistParked, 1, __ATOMIC_RELAXED);
    unlock(&work.assistQueue.lock);
    runtime_entersyscall();
    while (__atomic_load_n(&mp->assistParked, __ATOMIC_ACQUIRE) != 0)
        futexsleep(&mp->assistParked, 1, -1);
    runtime_exitsyscall();
    return true;
}

void
gcFlushBgCredit(int64 scanWork)
{
    if (__atomic_load_n(&work.assistQueue.head, __ATOMIC_SEQ_CST) == NULL) {
        atomic_Xadd64((uint64 *)&gcController.bgScanCredit, scanWork);
        return;
    }
    int64 scanBytes = (int64)((double)scanWork * loadFloat64(&gcController.assistBytesPerWork));
    lock(&work.assistQueue.lock);
    while (work.assistQueue.head != NULL && scanBytes > 0) {
        struct m *mp = assistQueue_pop();
        if (scanBytes + mp->gcAssistBytes >= 0) { // paid in full
            scanBytes += mp->gcAssistBytes;
            mp->gcAssistBytes = 0;
            assistReady(mp);
        } else { // paid in part: to the back of the queue
            mp->gcAssistBytes += scanBytes;
            scanBytes = 0;
            assistQueue_pushBack(mp);
            break;
        }
    }
    if (scanBytes > 0)
        atomic_Xadd64((uint64 *)&gcController.bgScanCredit,
                      (int64)((double)scanBytes * loadFloat64(&gcController.assistWorkPerByte)));
    unlock(&work.assistQueue.lock);
}

void
gcWakeAllAssists(void)
{
    lock(&work.assistQueue.lock);
    struct m *mp;
    while ((mp = assistQueue_pop()) != NULL)
        assistReady(mp);
    unlock(&work.assistQueue.lock);
}
