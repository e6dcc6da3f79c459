// tangled from chapters/04-mheap.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The heap: spans, arenas, growth (Go's mheap.go).
#include <string.h>
#include "runtime.h"

struct mheap mheap_;

static void
recordspan(void *vh, void *p)
{
    struct mheap *h = vh;
    if (h->nallspans >= h->capallspans) {
        uintptr n = 64 * 1024 / ptrSize;
        if (n < h->capallspans * 3 / 2)
            n = h->capallspans * 3 / 2;
        mspan **na = sysAlloc(n * ptrSize, &memstats.other_sys);
        if (na == NULL)
            throw("runtime: cannot allocate memory");
        if (h->nallspans > 0)
            memcpy(na, h->allspans, h->nallspans * ptrSize);
        if (h->capallspans != 0)
            sysFree(h->allspans, h->capallspans * ptrSize, &memstats.other_sys);
        h->allspans = na;
        h->capallspans = n;
    }
    h->allspans[h->nallspans++] = p;
}

void
mheap_init(struct mheap *h)
{
    fixalloc_init(&h->spanalloc, sizeof(mspan), recordspan, h, &memstats.mspan_sys);
    fixalloc_init(&h->cachealloc, sizeof(struct mcache), NULL, NULL, &memstats.mcache_sys);
    fixalloc_init(&h->arenaHintAlloc, sizeof(arenaHint), NULL, NULL, &memstats.other_sys);
    h->spanalloc.zero = false;
    for (int i = 0; i < numSpanClasses; i++)
        mcentral_init(&h->central[i].mcentral, (spanClass)i);
    pageAlloc_init(&h->pages, &h->lock, &memstats.gcMiscSys);
}
static uintptr
mheap_grow(struct mheap *h, uintptr npage, bool *ok)
{
    uintptr ask = alignUp(npage, pallocChunkPages) * pageSize;
    uintptr totalGrowth = 0;
    uintptr end = h->curArena.base + ask;
    uintptr nBase = alignUp(end, physPageSize);
    if (nBase > h->curArena.end || end < h->curArena.base) {
        uintptr asize;
        void *av = mheap_sysAlloc(h, ask, &asize);
        if (av == NULL) {
            uint64 inUse = sysMemStat_load(&gcController.heapFree) + sysMemStat_load(&gcController.heapReleased)
                           + sysMemStat_load(&gcController.heapInUse);
            print("runtime: out of memory: cannot allocate %lu-byte block (%llu in use)\n",
                  (unsigned long)ask, (unsigned long long)inUse);
            *ok = false;
            return 0;
        }
        if ((uintptr)av == h->curArena.end) {
            h->curArena.end = (uintptr)av + asize;
        } else {
            uintptr size = h->curArena.end - h->curArena.base;
            if (size != 0) {
                sysMap((void *)h->curArena.base, size, &gcController.heapReleased);
                uintptr grown = size;
                (void)grown; // the statistics' hook: count the new memory as released
                {
                    heapStatsDelta *stats = consistentHeapStats_acquire(&memstats.heapStats);
                    __atomic_add_fetch(&stats->released, (int64)grown, __ATOMIC_SEQ_CST);
                    consistentHeapStats_release(&memstats.heapStats);
                }
                pageAlloc_grow(&h->pages, h->curArena.base, size);
                totalGrowth += size;
            }
            h->curArena.base = (uintptr)av;
            h->curArena.end = (uintptr)av + asize;
        }
        nBase = alignUp(h->curArena.base + ask, physPageSize);
    }
    uintptr v = h->curArena.base;
    h->curArena.base = nBase;
    sysMap((void *)v, nBase - v, &gcController.heapReleased);
    uintptr grown = nBase - v;
    (void)grown; // the statistics' hook: count the new memory as released
    {
        heapStatsDelta *stats = consistentHeapStats_acquire(&memstats.heapStats);
        __atomic_add_fetch(&stats->released, (int64)grown, __ATOMIC_SEQ_CST);
        consistentHeapStats_release(&memstats.heapStats);
    }
    pageAlloc_grow(&h->pages, v, nBase - v);
    totalGrowth += nBase - v;
    *ok = true;
    return totalGrowth;
}
static mspan *
tryAllocMSpan(struct mheap *h)
{
    (void)h;
    struct p *pp = getm()->p;
    if (pp == NULL || pp->mspancache.len == 0)
        return NULL;
    return pp->mspancache.buf[--pp->mspancache.len];
}

static mspan *
allocMSpanLocked(struct mheap *h)
{
    struct p *pp = getm()->p;
    if (pp == NULL)
        return fixalloc_alloc(&h->spanalloc);
    if (pp->mspancache.len == 0) {
        enum { refillCount = sizeof pp->mspancache.buf / sizeof pp->mspancache.buf[0] / 2 };
        for (int i = 0; i < refillCount; i++)
            pp->mspancache.buf[i] = fixalloc_alloc(&h->spanalloc);
        pp->mspancache.len = refillCount;
    }
    return pp->mspancache.buf[--pp->mspancache.len];
}

void
freeMSpanLocked(struct mheap *h, mspan *s)
{
    struct p *pp = getm()->p;
    enum { cap = sizeof pp->mspancache.buf / sizeof pp->mspancache.buf[0] };
    if (pp != NULL && pp->mspancache.len < cap) {
        pp->mspancache.buf[pp->mspancache.len++] = s;
        return;
    }
    fixalloc_free(&h->spanalloc, s);
}
static bool
allocNeedsZero(struct mheap *h, uintptr base, uintptr npage)
{
    bool needZero = false;
    while (npage > 0) {
        arenaIdx ai = arenaIndex(base);
        heapArena *ha = h->arenas[arenaIdx_l1(ai)][arenaIdx_l2(ai)];
        uintptr zeroedBase = __atomic_load_n(&ha->zeroedBase, __ATOMIC_SEQ_CST);
        uintptr arenaBase = base % heapArenaBytes;
        if (arenaBase < zeroedBase)
            needZero = true;
        uintptr arenaLimit = arenaBase + npage * pageSize;
        if (arenaLimit > heapArenaBytes)
            arenaLimit = heapArenaBytes;
        while (arenaLimit > zeroedBase) {
            if (__atomic_compare_exchange_n(&ha->zeroedBase, &zeroedBase, arenaLimit, false,
                                            __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
                break;
            if (zeroedBase <= arenaLimit && zeroedBase > arenaBase)
                throw("potentially overlapping in-use allocations detected");
        }
        base += arenaLimit - arenaBase;
        npage -= (arenaLimit - arenaBase) / pageSize;
    }
    return needZero;
}

static void
setSpans(struct mheap *h, uintptr base, uintptr npage, mspan *s)
{
    uintptr p = base / pageSize;
    arenaIdx ai = arenaIndex(base);
    heapArena *ha = h->arenas[arenaIdx_l1(ai)][arenaIdx_l2(ai)];
    for (uintptr n = 0; n < npage; n++) {
        uintptr i = (p + n) % pagesPerArena;
        if (i == 0) {
            ai = arenaIndex(base + n * pageSize);
            ha = h->arenas[arenaIdx_l1(ai)][arenaIdx_l2(ai)];
        }
        __atomic_store_n(&ha->spans[i], s, __ATOMIC_RELEASE);
    }
}
mspan *
mheap_alloc(struct mheap *h, uintptr npages, spanClass spanclass)
{
    // The sweeper's hook: reclaim pages before allocating
    if (!isSweepDone())
        mheap_reclaim(h, npages);
    return mheap_allocSpan(h, npages, spanclass);
}
mspan *
mheap_allocSpan(struct mheap *h, uintptr npages, spanClass spanclass)
{
    uintptr base = 0, scav = 0, growth = 0;
    mspan *s = NULL;
    struct p *pp = getm()->p;
    if (pp != NULL && npages < pageCachePages / 4) {
        pageCache *c = &pp->pcache;
        if (pageCache_empty(c)) {
            lock(&h->lock);
            *c = pageAlloc_allocToCache(&h->pages);
            unlock(&h->lock);
        }
        base = pageCache_alloc(c, npages, &scav);
        if (base != 0) {
            s = tryAllocMSpan(h);
            if (s != NULL)
                goto HaveSpan;
        }
    }
    lock(&h->lock);
    if (base == 0) {
        base = pageAlloc_alloc(&h->pages, npages, &scav);
        if (base == 0) {
            bool ok;
            growth = mheap_grow(h, npages, &ok);
            if (!ok) {
                unlock(&h->lock);
                return NULL;
            }
            base = pageAlloc_alloc(&h->pages, npages, &scav);
            if (base == 0)
                throw("grew heap, but no adequate free space found");
        }
    }
    if (s == NULL)
        s = allocMSpanLocked(h);
    unlock(&h->lock);
HaveSpan:
    mspan_init(s, base, npages);
    if (allocNeedsZero(h, base, npages))
        s->needzero = 1;
    uintptr nbytes = npages * pageSize;
    s->spanclass = spanclass;
    int8 sizeclass = spanClass_sizeclass(spanclass);
    if (sizeclass == 0) {
        s->elemsize = nbytes;
        s->nelems = 1;
        s->divMul = 0;
    } else {
        s->elemsize = class_to_size[sizeclass];
        s->nelems = nbytes / s->elemsize;
        s->divMul = class_to_divmagic[sizeclass];
    }
    s->freeindex = 0;
    s->freeIndexForScan = 0;
    s->allocCache = ~(uint64)0;
    s->gcmarkBits = newMarkBits(s->nelems);
    s->allocBits = newAllocBits(s->nelems);
    atomic_Store(&s->sweepgen, h->sweepgen);
    mSpanStateBox_set(&s->state, mSpanInUse);
    // The scavenger's hook: scavenge to respect the memory limit
    {
    uintptr bytesToScavenge = 0;
    int64 limit = (int64)atomic_Load64((uint64 *)&gcController.memoryLimit);
    if (!gcCPULimiterState_limiting(&gcCPULimiter)) {
        uint64 inuse = atomic_Load64(&gcController.mappedReady);
        if ((uint64)scav + inuse > (uint64)limit)
            bytesToScavenge = (uintptr)((uint64)scav + inuse - (uint64)limit);
    }
    uint64 goal = atomic_Load64(&scavenge.gcPercentGoal);
    if (goal != ~(uint64)0 && growth > 0) {
        uint64 retained = heapRetained();
        if (retained + growth > goal) {
            uintptr todo = growth;
            uintptr overage = (uintptr)(retained + growth - goal);
            if (todo > overage)
                todo = overage;
            if (todo > bytesToScavenge)
                bytesToScavenge = todo;
        }
    }
    if (pp != NULL && bytesToScavenge > 0) {
        int64 start = nanotime();
        pageAlloc_scavenge(&h->pages, bytesToScavenge, scavengeStopForLimiter);
        int64 now = nanotime();
        gcCPULimiterState_addAssistTime(&gcCPULimiter, now - start);
        __atomic_add_fetch(&h->pages.scav.assistTime, now - start, __ATOMIC_SEQ_CST);
    }
    }
    if (scav != 0) {
        sysUsed((void *)base, nbytes, scav);
        sysMemStat_add(&gcController.heapReleased, -(int64)scav);
    }
    sysMemStat_add(&gcController.heapFree, -(int64)(nbytes - scav));
    sysMemStat_add(&gcController.heapInUse, (int64)nbytes);
    // The statistics' hook: count the span's memory
    {
        heapStatsDelta *stats = consistentHeapStats_acquire(&memstats.heapStats);
        __atomic_add_fetch(&stats->committed, (int64)scav, __ATOMIC_SEQ_CST);
        __atomic_add_fetch(&stats->released, -(int64)scav, __ATOMIC_SEQ_CST);
        __atomic_add_fetch(&stats->inHeap, (int64)nbytes, __ATOMIC_SEQ_CST);
        consistentHeapStats_release(&memstats.heapStats);
    }
    setSpans(h, mspan_base(s), npages, s);
    heapArena *arena;
    uintptr pageIdx;
    uint8 pageMask;
    pageIndexOf(mspan_base(s), &arena, &pageIdx, &pageMask);
    __atomic_or_fetch(&arena->pageInUse[pageIdx], pageMask, __ATOMIC_SEQ_CST);
    atomic_Xadd64(&h->pagesInUse, (int64)npages);
    (void)growth; // how much the heap grew: the scavenger's hook above will use it
    return s;
}
mspan *
spanOfHeap(uintptr p)
{
    mspan *s = spanOf(p);
    if (s == NULL || mSpanStateBox_get(&s->state) != mSpanInUse || p < mspan_base(s)
        || p >= __atomic_load_n(&s->limit, __ATOMIC_RELAXED)) // a new span's limit is stored atomically
        return NULL;
    return s;
}

bool
inheap(uintptr b)
{
    return spanOfHeap(b) != NULL;
}
void
mspan_init(mspan *span, uintptr base, uintptr npages)
{
    span->next = NULL;
    span->prev = NULL;
    span->list = NULL;
    span->startAddr = base;
    span->npages = npages;
    span->allocCount = 0;
    span->spanclass = 0;
    span->elemsize = 0;
    span->needzero = 0;
    span->freeindex = 0;
    span->freeIndexForScan = 0;
    span->allocBits = NULL;
    span->gcmarkBits = NULL;
    mSpanStateBox_set(&span->state, mSpanDead);
    // later chapters reset their fields here
    span->specials = NULL;
    span->speciallock = (mutex){0};
}
enum { gcBitsChunkBytes = 64 << 10, gcBitsHeaderBytes = 2 * ptrSize };

typedef struct gcBitsArena {
    uintptr free; // offset in bits[] where the next allocation starts; atomic
    struct gcBitsArena *next;
    gcBits bits[gcBitsChunkBytes - gcBitsHeaderBytes];
} gcBitsArena;

static struct {
    mutex lock;
    gcBitsArena *free;
    gcBitsArena *next; // loads are atomic, with or without the lock; stores are atomic, under it
    gcBitsArena *current;
    gcBitsArena *previous;
} gcBitsArenas;

static gcBits *
gcBitsArena_tryAlloc(gcBitsArena *b, uintptr bytes)
{
    if (b == NULL || __atomic_load_n(&b->free, __ATOMIC_SEQ_CST) + bytes > sizeof b->bits)
        return NULL;
    uintptr end = __atomic_add_fetch(&b->free, bytes, __ATOMIC_SEQ_CST);
    if (end > sizeof b->bits)
        return NULL;
    return &b->bits[end - bytes];
}

static gcBitsArena *
newArenaMayUnlock(void)
{
    gcBitsArena *result;
    if (gcBitsArenas.free == NULL) {
        unlock(&gcBitsArenas.lock);
        result = sysAlloc(gcBitsChunkBytes, &memstats.gcMiscSys);
        if (result == NULL)
            throw("runtime: cannot allocate memory");
        lock(&gcBitsArenas.lock);
    } else {
        result = gcBitsArenas.free;
        gcBitsArenas.free = result->next;
        memset(result, 0, gcBitsChunkBytes);
    }
    result->next = NULL;
    result->free = 0; // bits starts 8-byte aligned: the header is two words
    return result;
}
gcBits *
newMarkBits(uintptr nelems)
{
    uintptr bytesNeeded = (nelems + 63) / 64 * 8;
    gcBitsArena *head = __atomic_load_n(&gcBitsArenas.next, __ATOMIC_SEQ_CST);
    gcBits *p = gcBitsArena_tryAlloc(head, bytesNeeded);
    if (p != NULL)
        return p;
    lock(&gcBitsArenas.lock);
    if ((p = gcBitsArena_tryAlloc(gcBitsArenas.next, bytesNeeded)) != NULL) {
        unlock(&gcBitsArenas.lock);
        return p;
    }
    gcBitsArena *fresh = newArenaMayUnlock();
    // While the lock was dropped, another thread may have added an arena.
    if ((p = gcBitsArena_tryAlloc(gcBitsArenas.next, bytesNeeded)) != NULL) {
        fresh->next = gcBitsArenas.free;
        gcBitsArenas.free = fresh;
        unlock(&gcBitsArenas.lock);
        return p;
    }
    p = gcBitsArena_tryAlloc(fresh, bytesNeeded);
    if (p == NULL)
        throw("markBits overflow");
    fresh->next = gcBitsArenas.next;
    __atomic_store_n(&gcBitsArenas.next, fresh, __ATOMIC_SEQ_CST);
    unlock(&gcBitsArenas.lock);
    return p;
}

gcBits *
newAllocBits(uintptr nelems)
{
    return newMarkBits(nelems);
}
void
nextMarkBitArenaEpoch(void)
{
    lock(&gcBitsArenas.lock);
    if (gcBitsArenas.previous != NULL) {
        if (gcBitsArenas.free == NULL) {
            gcBitsArenas.free = gcBitsArenas.previous;
        } else {
            gcBitsArena *last = gcBitsArenas.previous;
            while (last->next != NULL)
                last = last->next;
            last->next = gcBitsArenas.free;
            gcBitsArenas.free = gcBitsArenas.previous;
        }
    }
    gcBitsArenas.previous = gcBitsArenas.current;
    gcBitsArenas.current = gcBitsArenas.next;
    __atomic_store_n(&gcBitsArenas.next, NULL, __ATOMIC_SEQ_CST);
    unlock(&gcBitsArenas.lock);
}
