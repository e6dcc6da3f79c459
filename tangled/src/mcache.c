// tangled from chapters/07-mcache.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The per-P allocation cache (Go's mcache.go).
#include "runtime.h"

struct mspan emptymspan;

struct mcache *
allocmcache(void)
{
    lock(&mheap_.lock);
    struct mcache *c = fixalloc_alloc(&mheap_.cachealloc);
    c->flushGen = mheap_.sweepgen;
    unlock(&mheap_.lock);
    for (int i = 0; i < numSpanClasses; i++)
        c->alloc[i] = &emptymspan;
    // The profiler's hook: choose the first profiling sample
    c->nextSample = nextSample();
    return c;
}
void
mcache_refill(struct mcache *c, spanClass spc)
{
    mspan *s = c->alloc[spc];
    if ((uintptr)s->allocCount != s->nelems)
        throw("refill of span with free space remaining");
    if (s != &emptymspan) {
        if (atomic_Load(&s->sweepgen) != atomic_Load(&mheap_.sweepgen) + 3)
            throw("bad sweepgen in refill");
        mcentral_uncacheSpan(&mheap_.central[spc].mcentral, s);
        // The statistics' hook: count the span's new allocations, and the tiny ones
        atomic_Xadd64(&gcController.totalAlloc,
                      (int64)(s->allocCount - s->allocCountBeforeCache) * (int64)s->elemsize);
        {
            heapStatsDelta *stats = consistentHeapStats_acquire(&memstats.heapStats);
            __atomic_add_fetch(&stats->smallAllocCount[spanClass_sizeclass(spc)],
                               (uint64)(s->allocCount - s->allocCountBeforeCache), __ATOMIC_SEQ_CST);
            if (spc == tinySpanClass)
                __atomic_add_fetch(&stats->tinyAllocCount, (uint64)c->tinyAllocs, __ATOMIC_SEQ_CST);
            consistentHeapStats_release(&memstats.heapStats);
        }
        s->allocCountBeforeCache = 0;
        if (spc == tinySpanClass)
            c->tinyAllocs = 0;
    }
    s = mcentral_cacheSpan(&mheap_.central[spc].mcentral);
    if (s == NULL)
        throw("out of memory");
    if ((uintptr)s->allocCount == s->nelems)
        throw("span has no free space");
    atomic_Store(&s->sweepgen, mheap_.sweepgen + 3);
    s->allocCountBeforeCache = s->allocCount;
    uintptr usedBytes = (uintptr)s->allocCount * s->elemsize;
    gcControllerState_update((int64)(s->npages * pageSize) - (int64)usedBytes, (int64)c->scanAlloc);
    c->scanAlloc = 0;
    c->alloc[spc] = s;
}
mspan *
mcache_allocLarge(struct mcache *c, uintptr size, bool noscan)
{
    (void)c;
    if (size + _PageSize < size)
        throw("out of memory");
    uintptr npages = size >> _PageShift;
    if ((size & (_PageSize - 1)) != 0)
        npages++;
    // The sweeper's hook: pay the sweep credit
    deductSweepCredit(npages * _PageSize, npages);
    spanClass spc = makeSpanClass(0, noscan);
    mspan *s = mheap_alloc(&mheap_, npages, spc);
    if (s == NULL) {
        print("runtime: cannot allocate %lu-byte object\n", (unsigned long)size);
        throw("out of memory");
    }
    gcControllerState_update((int64)(s->npages * pageSize), 0);
    // The statistics' hook: count the allocation
    atomic_Xadd64(&gcController.totalAlloc, (int64)(s->npages * pageSize));
    {
        heapStatsDelta *stats = consistentHeapStats_acquire(&memstats.heapStats);
        __atomic_add_fetch(&stats->largeAlloc, (uint64)(s->npages * pageSize), __ATOMIC_SEQ_CST);
        __atomic_add_fetch(&stats->largeAllocCount, 1, __ATOMIC_SEQ_CST);
        consistentHeapStats_release(&memstats.heapStats);
    }
    spanSet_push(mcentral_fullSwept(&mheap_.central[spc].mcentral, mheap_.sweepgen), s);
    __atomic_store_n(&s->limit, mspan_base(s) + size, __ATOMIC_RELEASE);
    // The bitmap chapter's hook: initialise the heap bits of the new span s
    if (!spanClass_noscan(s->spanclass))
        heapBits_initSpan(heapBitsForAddr(mspan_base(s)), s);
    return s;
}
void
mcache_releaseAll(struct mcache *c)
{
    int64 scanAlloc = (int64)c->scanAlloc;
    c->scanAlloc = 0;
    uint32 sg = atomic_Load(&mheap_.sweepgen);
    int64 dHeapLive = 0;
    for (int i = 0; i < numSpanClasses; i++) {
        mspan *s = c->alloc[i];
        if (s != &emptymspan) {
            // The statistics' hook: count the span's new allocations
            atomic_Xadd64(&gcController.totalAlloc,
                          (int64)(s->allocCount - s->allocCountBeforeCache) * (int64)s->elemsize);
            {
                heapStatsDelta *stats = consistentHeapStats_acquire(&memstats.heapStats);
                __atomic_add_fetch(&stats->smallAllocCount[spanClass_sizeclass((spanClass)i)],
                                   (uint64)(s->allocCount - s->allocCountBeforeCache), __ATOMIC_SEQ_CST);
                consistentHeapStats_release(&memstats.heapStats);
            }
            s->allocCountBeforeCache = 0;
            if (atomic_Load(&s->sweepgen) != sg + 1)
                dHeapLive -= (int64)(s->nelems - s->allocCount) * (int64)s->elemsize;
            mcentral_uncacheSpan(&mheap_.central[i].mcentral, s);
            c->alloc[i] = &emptymspan;
        }
    }
    c->tiny = 0;
    c->tinyoffset = 0;
    // The statistics' hook: count the tiny allocations
    {
        heapStatsDelta *stats = consistentHeapStats_acquire(&memstats.heapStats);
        __atomic_add_fetch(&stats->tinyAllocCount, (uint64)c->tinyAllocs, __ATOMIC_SEQ_CST);
        consistentHeapStats_release(&memstats.heapStats);
    }
    c->tinyAllocs = 0;
    gcControllerState_update(dHeapLive, scanAlloc);
}
uint32 gcBlackenEnabled;

void
gcControllerState_update(int64 dHeapLive, int64 dHeapScan)
{
    if (dHeapLive != 0) {
        atomic_Xadd64(&gcController.heapLive, dHeapLive);
        // The tracer's hook: trace the new heapLive
        if (atomic_Load(&traceEnabled) != 0)
            traceHeapAlloc();
    }
    if (__atomic_load_n(&gcBlackenEnabled, __ATOMIC_RELAXED) == 0) {
        if (dHeapScan != 0)
            atomic_Xadd64(&gcController.heapScan, dHeapScan);
    } else {
        // The pacer's hook: revise the assist ratio while marking
        gcControllerState_revise();
    }
}
