// tangled from chapters/06-mcentral.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The central list of spans of one span class (Go's mcentral.go).
#include <string.h>
#include "runtime.h"

void
mcentral_init(mcentral *c, spanClass spc)
{
    memset(c, 0, sizeof *c);
    c->spanclass = spc;
}

mspan *
mcentral_cacheSpan(mcentral *c)
{
    // The sweeper's hook: pay the sweep credit
    deductSweepCredit(class_to_allocnpages[spanClass_sizeclass(c->spanclass)] * _PageSize, 0);
    // The tracer's hook: begin a traced sweep
    if (atomic_Load(&traceEnabled) != 0)
        traceGCSweepStart();
    mspan *s;
    uint32 sg = __atomic_load_n(&mheap_.sweepgen, __ATOMIC_SEQ_CST);
    if ((s = spanSet_pop(mcentral_partialSwept(c, sg))) != NULL)
        goto havespan;
    // The sweeper's hook: try unswept spans
    {
        int spanBudget = 100;
        sweepLocker sl = activeSweep_begin();
        if (sl.valid) {
            for (; spanBudget >= 0; spanBudget--) {
                s = spanSet_pop(mcentral_partialUnswept(c, sg));
                if (s == NULL)
                    break;
                if (sweepLocker_tryAcquire(&sl, s)) {
                    mspan_sweep(s, true);
                    activeSweep_end(sl);
                    goto havespan;
                }
            }
            for (; spanBudget >= 0; spanBudget--) {
                s = spanSet_pop(mcentral_fullUnswept(c, sg));
                if (s == NULL)
                    break;
                if (sweepLocker_tryAcquire(&sl, s)) {
                    mspan_sweep(s, true);
                    uintptr freeIndex = mspan_nextFreeIndex(s);
                    if (freeIndex != s->nelems) {
                        s->freeindex = freeIndex;
                        activeSweep_end(sl);
                        goto havespan;
                    }
                    spanSet_push(mcentral_fullSwept(c, sg), s);
                }
            }
            activeSweep_end(sl);
        }
    }
    // The tracer's hook: end the traced sweep
    if (atomic_Load(&traceEnabled) != 0)
        traceGCSweepDone();
    s = mcentral_grow(c);
    if (s == NULL)
        return NULL;
havespan:
    // The tracer's hook: end the traced sweep
    if (atomic_Load(&traceEnabled) != 0)
        traceGCSweepDone();
    {
        intptr_t n = (intptr_t)s->nelems - (intptr_t)s->allocCount;
        if (n == 0 || s->freeindex == s->nelems || (uintptr)s->allocCount == s->nelems) {
            print("runtime: span %p nelems=%lu allocCount=%u freeindex=%lu\n", (void *)s,
                  (unsigned long)s->nelems, s->allocCount, (unsigned long)s->freeindex);
            throw("span has no free objects");
        }
        uintptr freeByteBase = s->freeindex & ~(uintptr)(64 - 1);
        mspan_refillAllocCache(s, freeByteBase / 8);
        s->allocCache >>= s->freeindex % 64;
    }
    return s;
}
void
mcentral_uncacheSpan(mcentral *c, mspan *s)
{
    if (s->allocCount == 0)
        throw("uncaching span but s.allocCount == 0");
    uint32 sg = __atomic_load_n(&mheap_.sweepgen, __ATOMIC_SEQ_CST);
    bool stale = atomic_Load(&s->sweepgen) == sg + 1;
    atomic_Store(&s->sweepgen, stale ? sg - 1 : sg);
    if (stale) {
        // The sweeper's hook: sweep the stale span
        mspan_sweep(s, false);
    } else if ((intptr_t)s->nelems - (intptr_t)s->allocCount > 0) {
        spanSet_push(mcentral_partialSwept(c, sg), s);
    } else {
        spanSet_push(mcentral_fullSwept(c, sg), s);
    }
}
mspan *
mcentral_grow(mcentral *c)
{
    int8 sizeclass = spanClass_sizeclass(c->spanclass);
    uintptr npages = class_to_allocnpages[sizeclass];
    uintptr size = class_to_size[sizeclass];
    mspan *s = mheap_alloc(&mheap_, npages, c->spanclass);
    if (s == NULL)
        return NULL;
    uintptr n = mspan_divideByElemSize(s, npages << _PageShift);
    __atomic_store_n(&s->limit, mspan_base(s) + size * n, __ATOMIC_RELEASE);
    // The bitmap chapter's hook: initialise the heap bits of the new span s
    if (!spanClass_noscan(s->spanclass))
        heapBits_initSpan(heapBitsForAddr(mspan_base(s)), s);
    return s;
}
