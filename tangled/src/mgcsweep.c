// tangled from chapters/13-mgcsweep.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Sweeping (Go's mgcsweep.go, mgc.go:gcSweep, mheap.go's reclaimer and freeSpan).
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include "runtime.h"

struct sweepdata sweep = {.active = sweepDrainedMask};
static double loadSweepPagesPerByte(void);
static void storeSweepPagesPerByte(double r);
sweepLocker
activeSweep_begin(void)
{
    for (;;) {
        uint32 state = atomic_Load(&sweep.active);
        if ((state & sweepDrainedMask) != 0)
            return (sweepLocker){atomic_Load(&mheap_.sweepgen), false};
        if (__atomic_compare_exchange_n(&sweep.active, &state, state + 1, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
            return (sweepLocker){atomic_Load(&mheap_.sweepgen), true};
    }
}

void
activeSweep_end(sweepLocker sl)
{
    if (sl.sweepGen != atomic_Load(&mheap_.sweepgen))
        throw("sweeper left outstanding across sweep generations");
    for (;;) {
        uint32 state = atomic_Load(&sweep.active);
        if ((state & ~sweepDrainedMask) - 1 >= sweepDrainedMask)
            throw("mismatched begin/end of activeSweep");
        if (__atomic_compare_exchange_n(&sweep.active, &state, state - 1, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
            return;
    }
}

static bool
activeSweep_markDrained(void)
{
    for (;;) {
        uint32 state = atomic_Load(&sweep.active);
        if ((state & sweepDrainedMask) != 0)
            return false;
        if (__atomic_compare_exchange_n(&sweep.active, &state, state | sweepDrainedMask, false,
                                        __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
            return true;
    }
}

static uint32
activeSweep_sweepers(void)
{
    return atomic_Load(&sweep.active) & ~sweepDrainedMask;
}

bool
isSweepDone(void)
{
    return atomic_Load(&sweep.active) == sweepDrainedMask;
}

bool
sweepLocker_tryAcquire(sweepLocker *l, mspan *s)
{
    if (!l->valid)
        throw("use of invalid sweepLocker");
    uint32 old = l->sweepGen - 2;
    if (atomic_Load(&s->sweepgen) != old)
        return false;
    return __atomic_compare_exchange_n(&s->sweepgen, &old, l->sweepGen - 1, false, __ATOMIC_SEQ_CST,
                                       __ATOMIC_SEQ_CST);
}
static void
clobberfree(void *x, uintptr size)
{
    for (uintptr i = 0; i < size; i += 4)
        *(uint32 *)((byte *)x + i) = 0xdeadbeef;
}

static _Noreturn void
reportZombies(mspan *s)
{
    print("runtime: marked free object in span %p, elemsize=%lu freeindex=%lu\n", (void *)s,
          (unsigned long)s->elemsize, (unsigned long)s->freeindex);
    markBits mbits = mspan_markBitsForBase(s), abits = mspan_allocBitsForIndex(s, 0);
    for (uintptr i = 0; i < s->nelems; i++) {
        bool alloc = i < s->freeindex || markBits_isMarked(abits);
        bool marked = markBits_isMarked(mbits);
        if (marked && !alloc)
            print("0x%lx: marked free object\n", (unsigned long)(mspan_base(s) + i * s->elemsize));
        markBits_advance(&mbits);
        markBits_advance(&abits);
    }
    throw("found pointer to free object");
}

bool
mspan_sweep(mspan *s, bool preserve)
{
    uint32 sweepgen = atomic_Load(&mheap_.sweepgen);
    if (mSpanStateBox_get(&s->state) != mSpanInUse || atomic_Load(&s->sweepgen) != sweepgen - 1) {
        print("mspan.sweep: state=%d sweepgen=%u mheap.sweepgen=%u\n", (int)mSpanStateBox_get(&s->state),
              atomic_Load(&s->sweepgen), sweepgen);
        throw("mspan.sweep: bad span state");
    }
    atomic_Xadd64(&mheap_.pagesSwept, (int64)s->npages);
    // The tracer's hook: count the span in the traced sweep
    if (atomic_Load(&traceEnabled) != 0)
        traceGCSweepSpan(s->npages * _PageSize);
    spanClass spc = s->spanclass;
    uintptr size = s->elemsize;
    // The profiler's hook: free the special records of dead objects
    if (__atomic_load_n(&s->specials, __ATOMIC_ACQUIRE) != NULL)
        sweepSpecials(s, size);
    if (debug.clobberfree != 0 || debug.allocfreetrace != 0) {
        markBits mbits = mspan_markBitsForBase(s), abits = mspan_allocBitsForIndex(s, 0);
        for (uintptr i = 0; i < s->nelems; i++) {
            if (!markBits_isMarked(mbits) && (abits.index < s->freeindex || markBits_isMarked(abits))) {
                // The profiler's hook: trace the free for GODEBUG=allocfreetrace=1
                if (debug.allocfreetrace != 0)
                    tracefree((void *)(mspan_base(s) + i * size), size);
                if (debug.clobberfree != 0)
                    clobberfree((void *)(mspan_base(s) + i * size), size);
            }
            markBits_advance(&mbits);
            markBits_advance(&abits);
        }
    }
    if (s->freeindex < s->nelems) {
        uintptr obj = s->freeindex;
        if (((*gcBits_bytep(s->gcmarkBits, obj / 8) & ~*gcBits_bytep(s->allocBits, obj / 8)) >> (obj % 8)) != 0)
            reportZombies(s);
        for (uintptr i = obj / 8 + 1; i < divRoundUp(s->nelems, 8); i++)
            if ((*gcBits_bytep(s->gcmarkBits, i) & ~*gcBits_bytep(s->allocBits, i)) != 0)
                reportZombies(s);
    }
    uint16 nalloc = (uint16)mspan_countAlloc(s);
    uint16 nfreed = (uint16)(s->allocCount - nalloc);
    if (nalloc > s->allocCount) {
        print("runtime: nelems=%lu nalloc=%u previous allocCount=%u nfreed=%u\n", (unsigned long)s->nelems,
              nalloc, s->allocCount, nfreed);
        throw("sweep increased allocation count");
    }
    s->allocCount = nalloc;
    // The tracer's hook: count the bytes reclaimed in the traced sweep
    if (atomic_Load(&traceEnabled) != 0)
        traceGCSweepReclaimed((uintptr)nfreed * s->elemsize);
    s->freeindex = 0;
    __atomic_store_n(&s->freeIndexForScan, 0, __ATOMIC_RELEASE);
    s->allocBits = s->gcmarkBits;
    s->gcmarkBits = newMarkBits(s->nelems);
    mspan_refillAllocCache(s, 0);
    atomic_Store(&s->sweepgen, sweepgen);
    if (spanClass_sizeclass(spc) != 0) {
        if (nfreed > 0) {
            s->needzero = 1;
            atomic_Xadd64(&memstats.nfreed, nfreed);
            // The statistics' hook: count the freed bytes
            atomic_Xadd64(&gcController.totalFree, (int64)nfreed * (int64)s->elemsize);
            countSweptFrees(spc, nfreed, s->elemsize);
        }
        if (!preserve) {
            if (nalloc == 0) {
                mheap_freeSpan(&mheap_, s);
                return true;
            }
            mcentral *c = &mheap_.central[spc].mcentral;
            if ((uintptr)nalloc == s->nelems)
                spanSet_push(mcentral_fullSwept(c, sweepgen), s);
            else
                spanSet_push(mcentral_partialSwept(c, sweepgen), s);
        }
    } else if (!preserve) {
        if (nfreed != 0) {
            atomic_Xadd64(&memstats.nfreed, 1);
            // The statistics' hook: count the freed bytes
            atomic_Xadd64(&gcController.totalFree, (int64)nfreed * (int64)s->elemsize);
            countSweptFrees(spc, nfreed, s->elemsize);
            mheap_freeSpan(&mheap_, s);
            return true;
        }
        spanSet_push(mcentral_fullSwept(&mheap_.central[spc].mcentral, sweepgen), s);
    }
    return false;
}
void
mheap_freeSpan(struct mheap *h, mspan *s)
{
    lock(&h->lock);
    if (mSpanStateBox_get(&s->state) != mSpanInUse || s->allocCount != 0 || atomic_Load(&s->sweepgen) != h->sweepgen) {
        print("mheap.freeSpanLocked - span %p ptr 0x%lx allocCount %u sweepgen %u/%u\n", (void *)s,
              (unsigned long)mspan_base(s), s->allocCount, atomic_Load(&s->sweepgen), h->sweepgen);
        throw("mheap.freeSpanLocked - invalid free");
    }
    atomic_Xadd64(&h->pagesInUse, -(int64)s->npages);
    heapArena *arena;
    uintptr pageIdx;
    uint8 pageMask;
    pageIndexOf(mspan_base(s), &arena, &pageIdx, &pageMask);
    __atomic_and_fetch(&arena->pageInUse[pageIdx], (uint8)~pageMask, __ATOMIC_SEQ_CST);
    uintptr nbytes = s->npages * pageSize;
    sysMemStat_add(&gcController.heapInUse, -(int64)nbytes);
    sysMemStat_add(&gcController.heapFree, (int64)nbytes);
    // The statistics' hook: count the span's memory
    {
        heapStatsDelta *stats = consistentHeapStats_acquire(&memstats.heapStats);
        __atomic_add_fetch(&stats->inHeap, -(int64)nbytes, __ATOMIC_SEQ_CST);
        consistentHeapStats_release(&memstats.heapStats);
    }
    pageAlloc_free(&h->pages, mspan_base(s), s->npages, false);
    mSpanStateBox_set(&s->state, mSpanDead);
    freeMSpanLocked(h, s);
    unlock(&h->lock);
}
enum { numSweepClasses = numSpanClasses * 2, sweepClassDone = ~0u };

static mspan *
mheap_nextSpanForSweep(struct mheap *h)
{
    uint32 sg = atomic_Load(&h->sweepgen);
    for (uint32 sc = atomic_Load(&sweep.centralIndex); sc < numSweepClasses; sc++) {
        mcentral *c = &h->central[sc >> 1].mcentral;
        mspan *s = (sc & 1) == 0 ? spanSet_pop(mcentral_fullUnswept(c, sg)) : spanSet_pop(mcentral_partialUnswept(c, sg));
        if (s != NULL) {
            uint32 old = atomic_Load(&sweep.centralIndex);
            while (old < sc && !__atomic_compare_exchange_n(&sweep.centralIndex, &old, sc, false,
                                                            __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
                ;
            return s;
        }
    }
    atomic_Store(&sweep.centralIndex, sweepClassDone);
    return NULL;
}

uintptr
sweepone(void)
{
    struct m *mp = acquirem();
    sweepLocker sl = activeSweep_begin();
    if (!sl.valid) {
        releasem(mp);
        return ~(uintptr)0;
    }
    uintptr npages = ~(uintptr)0;
    bool noMoreWork = false;
    for (;;) {
        mspan *s = mheap_nextSpanForSweep(&mheap_);
        if (s == NULL) {
            noMoreWork = activeSweep_markDrained();
            break;
        }
        if (mSpanStateBox_get(&s->state) != mSpanInUse) {
            uint32 sg = atomic_Load(&s->sweepgen);
            if (!(sg == sl.sweepGen || sg == sl.sweepGen + 3)) {
                print("runtime: bad span s.state=%d s.sweepgen=%u sweepgen=%u\n",
                      (int)mSpanStateBox_get(&s->state), sg, sl.sweepGen);
                throw("non in-use span in unswept list");
            }
            continue;
        }
        if (sweepLocker_tryAcquire(&sl, s)) {
            npages = s->npages;
            if (mspan_sweep(s, false))
                __atomic_add_fetch(&mheap_.reclaimCredit, npages, __ATOMIC_SEQ_CST);
            else
                npages = 0;
            break;
        }
    }
    activeSweep_end(sl);
    if (noMoreWork) {
        // The scavenger's hook: the last span is swept: report, and wake the scavenger
        if (debug.scavtrace > 0) {
            lock(&scavenger.lock);
            uintptr released = __atomic_exchange_n(&mheap_.pages.scav.released, 0, __ATOMIC_SEQ_CST);
            printScavTrace(released, false);
            unlock(&scavenger.lock);
        }
        scavengerState_ready();
    }
    releasem(mp);
    return npages;
}
void
gcSweep(gcMode mode)
{
    if (atomic_Load(&gcphase) != _GCoff)
        throw("gcSweep being done but phase is not GCoff");
    lock(&mheap_.lock);
    atomic_Store(&mheap_.sweepgen, mheap_.sweepgen + 2);
    atomic_Store64(&mheap_.pagesSwept, 0);
    mheap_.sweepArenas = mheap_.allArenas;
    mheap_.nsweepArenas = mheap_.nallArenas;
    atomic_Store64(&mheap_.reclaimIndex, 0);
    __atomic_store_n(&mheap_.reclaimCredit, 0, __ATOMIC_SEQ_CST);
    atomic_Store(&sweep.centralIndex, 0);
    unlock(&mheap_.lock);
    atomic_Store(&sweep.active, 0); // last: from here on a sweeper may register
    if (mode == gcForceBlockMode) {
        storeSweepPagesPerByte(0);
        while (sweepone() != ~(uintptr)0)
            __atomic_add_fetch(&sweep.npausesweep, 1, __ATOMIC_RELAXED);
        // The profiler's hook: publish the heap profile
        mProf_NextCycle();
        mProf_Flush();
        return;
    }
    lock(&sweep.lock);
    if (atomic_Load(&sweep.parked) != 0) {
        atomic_Store(&sweep.parked, 0);
        futexwakeup(&sweep.parked, 1);
    }
    unlock(&sweep.lock);
}
void
finishsweep_m(void)
{
    while (sweepone() != ~(uintptr)0)
        __atomic_add_fetch(&sweep.npausesweep, 1, __ATOMIC_RELAXED);
    while (activeSweep_sweepers() != 0)
        sched_yield();
    uint32 sg = mheap_.sweepgen;
    for (int i = 0; i < numSpanClasses; i++) {
        mcentral *c = &mheap_.central[i].mcentral;
        spanSet_reset(mcentral_partialUnswept(c, sg));
        spanSet_reset(mcentral_fullUnswept(c, sg));
    }
    // The scavenger's hook: wake the scavenger: the sweep is done
    scavengerState_ready();
    nextMarkBitArenaEpoch();
}
static void *
bgsweep(void *arg)
{
    (void)arg;
    for (;;) {
        while (sweepone() != ~(uintptr)0) {
            __atomic_add_fetch(&sweep.nbgsweep, 1, __ATOMIC_RELAXED);
            sched_yield();
        }
        lock(&sweep.lock);
        if (!isSweepDone()) {
            unlock(&sweep.lock);
            continue;
        }
        atomic_Store(&sweep.parked, 1);
        unlock(&sweep.lock);
        while (atomic_Load(&sweep.parked) != 0)
            futexsleep(&sweep.parked, 1, -1);
    }
    return NULL;
}

void
gcenable(void)
{
    lock(&sweep.lock);
    if (!sweep.started) {
        sweep.started = true;
        if (newosproc(bgsweep, NULL) != 0)
            throw("runtime: cannot start the background sweeper");
        // The scavenger's hook: start the background scavenger
        bgscavengeStart();
    }
    unlock(&sweep.lock);
}
void
mcache_prepareForSweep(struct mcache *c)
{
    uint32 sg = atomic_Load(&mheap_.sweepgen);
    uint32 flushGen = atomic_Load(&c->flushGen);
    if (flushGen == sg)
        return;
    if (flushGen != sg - 2) {
        print("bad flushGen %u in prepareForSweep; sweepgen %u\n", flushGen, sg);
        throw("bad flushGen");
    }
    mcache_releaseAll(c);
    atomic_Store(&c->flushGen, sg);
}
// The ratio is read by every allocating thread without a lock, as in Go; here the
// reads and writes are atomic, so that the race is a defined one.
static double
loadSweepPagesPerByte(void)
{
    double r;
    __atomic_load(&mheap_.sweepPagesPerByte, &r, __ATOMIC_RELAXED);
    return r;
}

static void
storeSweepPagesPerByte(double r)
{
    __atomic_store(&mheap_.sweepPagesPerByte, &r, __ATOMIC_RELAXED);
}

void
gcPaceSweeper(uint64 trigger)
{
    if (isSweepDone()) {
        storeSweepPagesPerByte(0);
        return;
    }
    uint64 heapLiveBasis = atomic_Load64(&gcController.heapLive);
    int64 heapDistance = (int64)trigger - (int64)heapLiveBasis;
    heapDistance -= 1024 * 1024;
    if (heapDistance < _PageSize)
        heapDistance = _PageSize;
    uint64 pagesSwept = atomic_Load64(&mheap_.pagesSwept);
    uint64 pagesInUse = atomic_Load64(&mheap_.pagesInUse);
    int64 sweepDistancePages = (int64)pagesInUse - (int64)pagesSwept;
    if (sweepDistancePages <= 0) {
        storeSweepPagesPerByte(0);
    } else {
        storeSweepPagesPerByte((double)sweepDistancePages / (double)heapDistance);
        atomic_Store64(&mheap_.sweepHeapLiveBasis, heapLiveBasis);
        atomic_Store64(&mheap_.pagesSweptBasis, pagesSwept);
    }
}

void
deductSweepCredit(uintptr spanBytes, uintptr callerSweepPages)
{
    bool retry = loadSweepPagesPerByte() != 0;
    // The tracer's hook: begin a traced sweep
    if (retry && atomic_Load(&traceEnabled) != 0)
        traceGCSweepStart();
    while (retry) {
        retry = false;
        uint64 sweptBasis = atomic_Load64(&mheap_.pagesSweptBasis);
        uint64 live = atomic_Load64(&gcController.heapLive);
        uint64 liveBasis = atomic_Load64(&mheap_.sweepHeapLiveBasis);
        uintptr newHeapLive = spanBytes;
        if (liveBasis < live)
            newHeapLive += (uintptr)(live - liveBasis);
        int64 pagesTarget = (int64)(loadSweepPagesPerByte() * (double)newHeapLive) - (int64)callerSweepPages;
        while (pagesTarget > (int64)(atomic_Load64(&mheap_.pagesSwept) - sweptBasis)) {
            if (sweepone() == ~(uintptr)0) {
                storeSweepPagesPerByte(0);
                break;
            }
            if (atomic_Load64(&mheap_.pagesSweptBasis) != sweptBasis) {
                retry = true; // the ratio was reset by a new cycle: start over with its basis
                break;
            }
        }
    }
    // The tracer's hook: end the traced sweep
    if (atomic_Load(&traceEnabled) != 0)
        traceGCSweepDone();
}
enum { pagesPerReclaimerChunk = 512 };

static uintptr
mheap_reclaimChunk(struct mheap *h, arenaIdx *arenas, uintptr pageIdx, uintptr n)
{
    uintptr nFreed = 0;
    sweepLocker sl = activeSweep_begin();
    if (!sl.valid)
        return 0;
    while (n > 0) {
        heapArena *ha = arenaOf(arenas[pageIdx / pagesPerArena]);
        uintptr arenaPage = pageIdx % pagesPerArena;
        uint8 *inUse = &ha->pageInUse[arenaPage / 8];
        uint8 *marked = &ha->pageMarks[arenaPage / 8];
        uintptr len = (pagesPerArena - arenaPage) / 8;
        if (len > n / 8)
            len = n / 8;
        for (uintptr i = 0; i < len; i++) {
            uint8 inUseUnmarked = __atomic_load_n(&inUse[i], __ATOMIC_SEQ_CST) & ~marked[i];
            if (inUseUnmarked == 0)
                continue;
            for (unsigned j = 0; j < 8; j++) {
                if ((inUseUnmarked & (1 << j)) == 0)
                    continue;
                mspan *s = __atomic_load_n(&ha->spans[arenaPage + i * 8 + j], __ATOMIC_ACQUIRE);
                if (sweepLocker_tryAcquire(&sl, s)) {
                    uintptr npages = s->npages;
                    unlock(&h->lock);
                    if (mspan_sweep(s, false))
                        nFreed += npages;
                    lock(&h->lock);
                    inUseUnmarked = __atomic_load_n(&inUse[i], __ATOMIC_SEQ_CST) & ~marked[i];
                }
            }
        }
        pageIdx += len * 8;
        n -= len * 8;
    }
    activeSweep_end(sl);
    return nFreed;
}

void
mheap_reclaim(struct mheap *h, uintptr npage)
{
    if (atomic_Load64(&h->reclaimIndex) >= (uint64)1 << 63)
        return;
    struct m *mp = acquirem();
    // The tracer's hook: begin a traced sweep
    if (atomic_Load(&traceEnabled) != 0)
        traceGCSweepStart();
    lock(&h->lock);
    arenaIdx *arenas = h->sweepArenas;
    uintptr narenas = h->nsweepArenas;
    unlock(&h->lock);
    bool locked = false;
    while (npage > 0) {
        uintptr credit = __atomic_load_n(&h->reclaimCredit, __ATOMIC_SEQ_CST);
        if (credit > 0) {
            uintptr take = credit > npage ? npage : credit;
            if (__atomic_compare_exchange_n(&h->reclaimCredit, &credit, credit - take, false,
                                            __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
                npage -= take;
            continue;
        }
        uintptr idx = (uintptr)(atomic_Xadd64(&h->reclaimIndex, pagesPerReclaimerChunk) - pagesPerReclaimerChunk);
        if (idx / pagesPerArena >= narenas) {
            atomic_Store64(&h->reclaimIndex, (uint64)1 << 63);
            break;
        }
        if (!locked) {
            lock(&h->lock);
            locked = true;
        }
        uintptr nfound = mheap_reclaimChunk(h, arenas, idx, pagesPerReclaimerChunk);
        if (nfound <= npage) {
            npage -= nfound;
        } else {
            __atomic_add_fetch(&h->reclaimCredit, nfound - npage, __ATOMIC_SEQ_CST);
            npage = 0;
        }
    }
    if (locked)
        unlock(&h->lock);
    // The tracer's hook: end the traced sweep
    if (atomic_Load(&traceEnabled) != 0)
        traceGCSweepDone();
    releasem(mp);
}
