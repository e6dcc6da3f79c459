// tangled from chapters/04-mheap.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The allocator's entry points and the heap's address space (Go's malloc.go).
#include <string.h>
#include "runtime.h"

void
mallocinit(void)
{
    if (class_to_size[_TinySizeClass] != _TinySize)
        throw("bad TinySizeClass");
    if (physPageSize == 0)
        throw("failed to get system page size");
    if (physPageSize > maxPhysPageSize) {
        print("system page size (%lu) is larger than maximum page size (%lu)\n",
              (unsigned long)physPageSize, (unsigned long)maxPhysPageSize);
        throw("bad system page size");
    }
    if (physPageSize < minPhysPageSize) {
        print("system page size (%lu) is smaller than minimum page size (%lu)\n",
              (unsigned long)physPageSize, (unsigned long)minPhysPageSize);
        throw("bad system page size");
    }
    if ((physPageSize & (physPageSize - 1)) != 0) {
        print("system page size (%lu) must be a power of 2\n", (unsigned long)physPageSize);
        throw("bad system page size");
    }
    if ((physHugePageSize & (physHugePageSize - 1)) != 0) {
        print("system huge page size (%lu) must be a power of 2\n", (unsigned long)physHugePageSize);
        throw("bad system huge page size");
    }
    mheap_init(&mheap_);
    // later chapters initialise their caches here
    for (int i = 0x7f; i >= 0; i--) {
#if defined(__aarch64__)
        uintptr p = (uintptr)i << 40 | (uintptr)0x0040 << 32;
#else
        uintptr p = (uintptr)i << 40 | (uintptr)0x00c0 << 32;
#endif
        arenaHint *hint = fixalloc_alloc(&mheap_.arenaHintAlloc);
        hint->addr = p;
        hint->next = mheap_.arenaHints;
        mheap_.arenaHints = hint;
    }
}
void *
sysReserveAligned(void *v, uintptr size, uintptr align, uintptr *got)
{
    uintptr p = (uintptr)sysReserve(v, size + align);
    if (p == 0)
        return NULL;
    if ((p & (align - 1)) == 0) {
        *got = size + align;
        return (void *)p;
    }
    uintptr pAligned = alignUp(p, align);
    sysFreeOS((void *)p, pAligned - p);
    uintptr end = pAligned + size;
    uintptr endLen = (p + size + align) - end;
    if (endLen > 0)
        sysFreeOS((void *)end, endLen);
    *got = size;
    return (void *)pAligned;
}
void *
mheap_sysAlloc(struct mheap *h, uintptr n, uintptr *size)
{
    n = alignUp(n, heapArenaBytes);
    void *v = NULL;
    *size = 0;
    while (h->arenaHints != NULL) {
        arenaHint *hint = h->arenaHints;
        uintptr p = hint->addr;
        if (hint->down)
            p -= n;
        if (p + n < p || arenaIndex(p + n - 1) >= (1u << arenaBits))
            v = NULL;
        else
            v = sysReserve((void *)p, n);
        if ((uintptr)v == p && v != NULL) {
            if (!hint->down)
                p += n;
            hint->addr = p;
            *size = n;
            break;
        }
        if (v != NULL)
            sysFreeOS(v, n);
        h->arenaHints = hint->next;
        fixalloc_free(&h->arenaHintAlloc, hint);
    }
    if (*size == 0) {
        v = sysReserveAligned(NULL, n, heapArenaBytes, size);
        if (v == NULL)
            return NULL;
        arenaHint *down = fixalloc_alloc(&h->arenaHintAlloc);
        down->addr = (uintptr)v;
        down->down = true;
        down->next = h->arenaHints;
        h->arenaHints = down;
        arenaHint *up = fixalloc_alloc(&h->arenaHintAlloc);
        up->addr = (uintptr)v + *size;
        up->down = false;
        up->next = h->arenaHints;
        h->arenaHints = up;
    }
    {
        const char *bad = NULL;
        uintptr p = (uintptr)v;
        if (p + *size < p)
            bad = "region exceeds uintptr range";
        else if (arenaIndex(p) >= (1u << arenaBits))
            bad = "base outside usable address space";
        else if (arenaIndex(p + *size - 1) >= (1u << arenaBits))
            bad = "end outside usable address space";
        if (bad != NULL) {
            print("runtime: memory allocated by OS [%p, %p) not in usable address space: %s\n",
                  v, (void *)(p + *size), bad);
            throw("memory reservation exceeds address space limit");
        }
        if ((p & (heapArenaBytes - 1)) != 0)
            throw("misrounded allocation in sysAlloc");
    }
    for (arenaIdx ri = arenaIndex((uintptr)v); ri <= arenaIndex((uintptr)v + *size - 1); ri++) {
        heapArena **l2 = h->arenas[arenaIdx_l1(ri)];
        if (l2 == NULL) {
            l2 = sysAllocOS(sizeof(heapArena *) << arenaL2Bits);
            if (l2 == NULL)
                throw("out of memory allocating heap arena map");
            __atomic_store_n(&h->arenas[arenaIdx_l1(ri)], l2, __ATOMIC_SEQ_CST);
        }
        if (l2[arenaIdx_l2(ri)] != NULL)
            throw("arena already initialized");
        heapArena *r = persistentalloc(sizeof(heapArena), ptrSize, &memstats.gcMiscSys);
        if (h->nallArenas == h->capallArenas) {
            uintptr ncap = h->capallArenas ? 2 * h->capallArenas : physPageSize / sizeof(arenaIdx);
            arenaIdx *na = persistentalloc(ncap * sizeof(arenaIdx), ptrSize, &memstats.gcMiscSys);
            if (h->nallArenas > 0)
                memcpy(na, h->allArenas, h->nallArenas * sizeof(arenaIdx));
            h->allArenas = na; // the old array is persistent: Go leaks it too
            h->capallArenas = ncap;
        }
        h->allArenas[h->nallArenas++] = ri;
        __atomic_store_n(&l2[arenaIdx_l2(ri)], r, __ATOMIC_SEQ_CST);
    }
    return v;
}

uintptr
mcache_nextFree(struct mcache *c, spanClass spc, mspan **sp, bool *shouldhelpgc)
{
    mspan *s = c->alloc[spc];
    *shouldhelpgc = false;
    uintptr freeIndex = mspan_nextFreeIndex(s);
    if (freeIndex == s->nelems) {
        if ((uintptr)s->allocCount != s->nelems) {
            print("runtime: s.allocCount=%u s.nelems=%lu\n", s->allocCount, (unsigned long)s->nelems);
            throw("s.allocCount != s.nelems && freeIndex == s.nelems");
        }
        mcache_refill(c, spc);
        *shouldhelpgc = true;
        s = c->alloc[spc];
        freeIndex = mspan_nextFreeIndex(s);
    }
    if (freeIndex >= s->nelems)
        throw("freeIndex is not valid");
    uintptr v = freeIndex * s->elemsize + mspan_base(s);
    s->allocCount++;
    if ((uintptr)s->allocCount > s->nelems) {
        print("s.allocCount=%u s.nelems=%lu\n", s->allocCount, (unsigned long)s->nelems);
        throw("s.allocCount > s.nelems");
    }
    *sp = s;
    return v;
}

uintptr zerobase;

static void *mallocgcGeneral(uintptr size, _type *typ, bool needzero);
static void *mallocgcSmall(struct p *pp, uintptr size, _type *typ, bool needzero);

static inline void
publishObject(struct mcache *c, mspan *span, void *x, uintptr size, uintptr dataSize, _type *typ,
              bool noscan)
{
    uintptr scanSize = 0;
    if (!noscan) {
        // The bitmap chapter's hook: write the heap bitmap of a scan object
        heapBitsSetType((uintptr)x, size, dataSize, typ);
        if (dataSize > typ->size)
            scanSize = dataSize - typ->size + typ->ptrdata;
        else
            scanSize = typ->ptrdata;
        c->scanAlloc += scanSize;
    }
    publicationBarrier();
    __atomic_store_n(&span->freeIndexForScan, span->freeindex, __ATOMIC_RELEASE);
    // The collector's hook: allocate black while the collector marks
    if (__builtin_expect(atomic_Load(&gcphase) != _GCoff, 0))
        gcmarknewobject(span, (uintptr)x, size);
}

void *
mallocgc(uintptr size, _type *typ, bool needzero)
{
    if (__builtin_expect(size - maxTinySize <= _MaxSmallSize - maxTinySize && !debug.malloc
                         && (typ == NULL || __atomic_load_n(&typ->state, __ATOMIC_ACQUIRE) == 2), 1)) {
        struct m *mp = getm();
        struct p *pp = mp->p;
        if (__builtin_expect(pp != NULL && __atomic_load_n(&sched.gcwaiting, __ATOMIC_RELAXED) == 0
                                        && pp->mcache->nextSample > _MaxSmallSize, 1)) {
            if ((typ != NULL && typ->ptrdata != 0) || __builtin_expect(__atomic_load_n(&gcphase, __ATOMIC_RELAXED) != _GCoff, 0))
                return mallocgcSmall(pp, size, typ, needzero);
            uint8 sizeclass = sizeToClass(size);
            mp->mallocing = 1;
            __atomic_signal_fence(__ATOMIC_SEQ_CST);
            mspan *span = pp->mcache->alloc[makeSpanClass(sizeclass, true)];
            uintptr v = nextFreeFast(span);
            if (__builtin_expect(v != 0, 1)) {
                // The profiler's hook: count the allocation toward the next sample
                pp->mcache->nextSample -= class_to_size[sizeclass];
                publicationBarrier();
                __atomic_store_n(&span->freeIndexForScan, span->freeindex, __ATOMIC_RELEASE);
                bool zero = needzero && span->needzero != 0;
                __atomic_signal_fence(__ATOMIC_SEQ_CST);
                mp->mallocing = 0;
                __atomic_signal_fence(__ATOMIC_SEQ_CST);
                if (__builtin_expect(mp->preemptPending != 0, 0))
                    gcPreemptPark();
                if (zero)
                    return memset((void *)v, 0, class_to_size[sizeclass]);
                return (void *)v;
            }
            __atomic_signal_fence(__ATOMIC_SEQ_CST);
            mp->mallocing = 0;
        }
    }
    return mallocgcGeneral(size, typ, needzero);
}

__attribute__((noinline)) static void *
mallocgcSmall(struct p *pp, uintptr size, _type *typ, bool needzero)
{
    bool noscan = typ == NULL || typ->ptrdata == 0;
    uintptr dataSize = size;
    // The collector's hook: charge the allocation to the thread's assist debt
    if (__builtin_expect(atomic_Load(&gcBlackenEnabled) != 0, 0))
        gcAssistCharge(size);
    struct m *mp = getm();
    mp->mallocing = 1;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    struct mcache *c = pp->mcache;
    uint8 sizeclass = sizeToClass(size);
    mspan *span = c->alloc[makeSpanClass(sizeclass, noscan)];
    uintptr v = nextFreeFast(span);
    if (__builtin_expect(v == 0, 0)) {
        __atomic_signal_fence(__ATOMIC_SEQ_CST);
        mp->mallocing = 0;
        // The collector's hook: take back the charge, which the general path makes again
        if (__builtin_expect(atomic_Load(&gcBlackenEnabled) != 0, 0))
            mp->gcAssistBytes += (int64)size;
        return mallocgcGeneral(size, typ, needzero);
    }
    void *x = (void *)v;
    size = class_to_size[sizeclass];
    if (needzero && span->needzero != 0)
        memset(x, 0, size);
    publishObject(c, span, x, size, dataSize, typ, noscan);
    // The profiler's hook: count the allocation toward the next sample
    c->nextSample -= size;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    mp->mallocing = 0;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    if (__builtin_expect(mp->preemptPending != 0, 0))
        gcPreemptPark();
    return x;
}

__attribute__((noinline)) static void *
mallocgcGeneral(uintptr size, _type *typ, bool needzero)
{
    if (size == 0)
        return &zerobase;
    if (__builtin_expect(debug.malloc, 0)) {
        if (debug.sbrk != 0) {
            uintptr align = 16;
            if (typ != NULL) {
                if ((size & 7) == 0)
                    align = 8;
                else if ((size & 3) == 0)
                    align = 4;
                else if ((size & 1) == 0)
                    align = 2;
                else
                    align = 1;
                if (typ->align > align)
                    align = typ->align;
            }
            return persistentalloc(size, align, &memstats.other_sys);
        }
    }
    // The collector's hook: charge the allocation to the thread's assist debt
    if (__builtin_expect(atomic_Load(&gcBlackenEnabled) != 0, 0))
        gcAssistCharge(size);
    struct m *mp = getm();
    struct p *pp = mp->p;
    if (__builtin_expect(pp == NULL, 0))
        pp = acquirep();
    // The collector's hook: stop here if the world is stopping
    if (__builtin_expect(atomic_Load(&sched.gcwaiting) != 0, 0) && mp->p != NULL && mp->locks == 0)
        gcPreemptPark();
    if (mp->mallocing != 0)
        throw("malloc deadlock");
    mp->mallocing = 1;
    bool shouldhelpgc = false;
    uintptr dataSize = size;
    struct mcache *c = pp->mcache;
    mspan *span;
    void *x;
    bool noscan = typ == NULL || typeptrdata(typ) == 0;
    if (size <= _MaxSmallSize) {
        if (noscan && size < maxTinySize) {
            uintptr off = c->tinyoffset;
            if ((size & 7) == 0)
                off = alignUp(off, 8);
            else if ((size & 3) == 0)
                off = alignUp(off, 4);
            else if ((size & 1) == 0)
                off = alignUp(off, 2);
            if (off + size <= maxTinySize && c->tiny != 0) {
                x = (void *)(c->tiny + off);
                c->tinyoffset = off + size;
                c->tinyAllocs++;
                mp->mallocing = 0;
                return x;
            }
            span = c->alloc[tinySpanClass];
            uintptr v = nextFreeFast(span);
            if (v == 0)
                v = mcache_nextFree(c, tinySpanClass, &span, &shouldhelpgc);
            x = (void *)v;
            ((uint64 *)x)[0] = 0;
            ((uint64 *)x)[1] = 0;
            if (size < c->tinyoffset || c->tiny == 0) {
                c->tiny = (uintptr)x;
                c->tinyoffset = size;
            }
            size = maxTinySize;
        } else {
            uint8 sizeclass = sizeToClass(size);
            size = class_to_size[sizeclass];
            spanClass spc = makeSpanClass(sizeclass, noscan);
            span = c->alloc[spc];
            uintptr v = nextFreeFast(span);
            if (v == 0)
                v = mcache_nextFree(c, spc, &span, &shouldhelpgc);
            x = (void *)v;
            if (needzero && span->needzero != 0)
                memset(x, 0, size);
        }
    } else {
        shouldhelpgc = true;
        span = mcache_allocLarge(c, size, noscan);
        span->freeindex = 1;
        span->allocCount = 1;
        size = span->elemsize;
        x = (void *)mspan_base(span);
        if (needzero && span->needzero != 0)
            memset(x, 0, size);
    }
    publishObject(c, span, x, size, dataSize, typ, noscan);
    // The profiler's hook: sample the allocation for the heap profile
    {
        int64 rate = __atomic_load_n(&MemProfileRate, __ATOMIC_RELAXED);
        if (rate > 0) {
            if (rate != 1 && size < c->nextSample)
                c->nextSample -= size;
            else
                profilealloc(c, x, size);
        } else if (c->nextSample != ~(uintptr)0) {
            c->nextSample = ~(uintptr)0;
        }
    }
    mp->mallocing = 0;
    // The collector's hook: honour a stop asked for while allocating
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    if (__builtin_expect(mp->preemptPending != 0, 0))
        gcPreemptPark();
    // The profiler's hook: trace the allocation for GODEBUG=allocfreetrace=1
    if (__builtin_expect(debug.malloc, 0) && debug.allocfreetrace != 0)
        tracealloc(x, size, typ);
    if (shouldhelpgc) {
        // The pacer's hook: start a collection if the heap has reached its trigger
        if (gcTrigger_test((gcTrigger){gcTriggerHeap, 0}))
            gcStart((gcTrigger){gcTriggerHeap, 0});
    }
    return x;
}
