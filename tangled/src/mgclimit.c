// tangled from chapters/18-mgclimit.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The GC CPU limiter (Go's mgclimit.go): a leaky bucket of GC CPU time that turns
// assists off while the collector would use more than half of the CPU.
#define _GNU_SOURCE
#include <sched.h>
#include <time.h>
#include "runtime.h"

struct gcCPULimiterState gcCPULimiter;

bool
gcCPULimiterState_limiting(struct gcCPULimiterState *l)
{
    return atomic_Load(&l->enabled) != 0;
}

static bool
tryLock(struct gcCPULimiterState *l)
{
    uint32 unlocked = 0;
    return __atomic_compare_exchange_n(&l->lock, &unlocked, 1, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

static void
unlockLimiter(struct gcCPULimiterState *l)
{
    if (__atomic_exchange_n(&l->lock, 0, __ATOMIC_RELEASE) != 1)
        throw("double unlock");
}

static void
lockForTransition(struct gcCPULimiterState *l)
{
    int64 start = nanotime();
    while (!tryLock(l)) { // a mark worker is updating: it is not stopped with the world
        if (nanotime() - start > 1000 * 1000 * 1000)
            throw("failed to acquire lock to start a GC transition");
        sched_yield();
    }
}

static void
accumulate(struct gcCPULimiterState *l, int64 mutatorTime, int64 gcTime)
{
    uint64 headroom = l->bucket.capacity - l->bucket.fill;
    bool enabled = headroom == 0;
    int64 change = gcTime - mutatorTime;
    if (change > 0 && headroom <= (uint64)change) {
        l->overflow += (uint64)change - headroom;
        l->bucket.fill = l->bucket.capacity;
        if (!enabled) {
            atomic_Store(&l->enabled, 1);
            atomic_Store(&l->lastEnabledCycle, atomic_Load(&memstats.numgc) + 1);
        }
        return;
    }
    if (change < 0 && l->bucket.fill <= (uint64)(-change))
        l->bucket.fill = 0;
    else
        l->bucket.fill -= (uint64)(-change); // change > 0 here adds, in unsigned arithmetic
    if (change != 0 && enabled)
        atomic_Store(&l->enabled, 0);
}
static int64
processCPUTime(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (int64)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void
updateLocked(struct gcCPULimiterState *l, int64 now)
{
    int64 lastUpdate = atomic_Load64((uint64 *)&l->lastUpdate);
    if (now < lastUpdate)
        return; // another thread's clock reading went first: nothing to add
    int64 windowTotalTime = (now - lastUpdate) * (int64)l->nprocs;
    atomic_Store64((uint64 *)&l->lastUpdate, (uint64)now);
    int64 assistTime = (int64)atomic_Load64((uint64 *)&l->assistTimePool);
    if (assistTime != 0)
        atomic_Xadd64((uint64 *)&l->assistTimePool, -assistTime);
    int64 idleTime = (int64)atomic_Load64((uint64 *)&l->idleTimePool);
    if (idleTime != 0)
        atomic_Xadd64((uint64 *)&l->idleTimePool, -idleTime);
    if (!l->test) {
        int64 cpu = processCPUTime();
        int64 unused = windowTotalTime - (cpu - l->lastCPUTime);
        l->lastCPUTime = cpu;
        if (unused > 0)
            idleTime += unused;
        if (idleTime > windowTotalTime)
            idleTime = windowTotalTime;
    }
    int64 windowGCTime = assistTime;
    if (l->gcEnabled)
        windowGCTime += (int64)((double)windowTotalTime * gcBackgroundUtilization);
    windowTotalTime -= idleTime;
    accumulate(l, windowTotalTime - windowGCTime, windowGCTime);
}

bool
gcCPULimiterState_needUpdate(struct gcCPULimiterState *l, int64 now)
{
    return now - (int64)atomic_Load64((uint64 *)&l->lastUpdate) > gcCPULimiterUpdatePeriod;
}

void
gcCPULimiterState_addAssistTime(struct gcCPULimiterState *l, int64 t)
{
    atomic_Xadd64((uint64 *)&l->assistTimePool, t);
}

void
gcCPULimiterState_addIdleTime(struct gcCPULimiterState *l, int64 t)
{
    atomic_Xadd64((uint64 *)&l->idleTimePool, t);
}

void
gcCPULimiterState_update(struct gcCPULimiterState *l, int64 now)
{
    if (!tryLock(l))
        return; // someone else is updating: the next update catches up
    if (l->transitioning)
        throw("update during transition");
    updateLocked(l, now);
    unlockLimiter(l);
}
void
gcCPULimiterState_startGCTransition(struct gcCPULimiterState *l, bool enableGC, int64 now)
{
    lockForTransition(l);
    if (l->gcEnabled == enableGC)
        throw("transitioning GC to the same state as before?");
    updateLocked(l, now);
    l->gcEnabled = enableGC;
    l->transitioning = true;
}

void
gcCPULimiterState_finishGCTransition(struct gcCPULimiterState *l, int64 now)
{
    if (!l->transitioning)
        throw("finishGCTransition called without starting one?");
    int64 lastUpdate = (int64)atomic_Load64((uint64 *)&l->lastUpdate);
    if (now >= lastUpdate)
        accumulate(l, 0, (now - lastUpdate) * (int64)l->nprocs);
    atomic_Store64((uint64 *)&l->lastUpdate, (uint64)now);
    if (!l->test)
        l->lastCPUTime = processCPUTime();
    l->transitioning = false;
    unlockLimiter(l);
}

void
gcCPULimiterState_resetCapacity(struct gcCPULimiterState *l, int64 now, int32 nprocs)
{
    lockForTransition(l);
    if (l->nprocs == 0) { // the first call: the windows start now
        atomic_Store64((uint64 *)&l->lastUpdate, (uint64)now);
        if (!l->test)
            l->lastCPUTime = processCPUTime();
    }
    updateLocked(l, now);
    l->nprocs = nprocs;
    l->bucket.capacity = (uint64)nprocs * (uint64)capacityPerProc;
    if (l->bucket.fill > l->bucket.capacity) {
        l->bucket.fill = l->bucket.capacity;
        atomic_Store(&l->enabled, 1);
        atomic_Store(&l->lastEnabledCycle, atomic_Load(&memstats.numgc) + 1);
    } else if (l->bucket.fill < l->bucket.capacity) {
        atomic_Store(&l->enabled, 0);
    }
    unlockLimiter(l);
}
