// Exercise 07-heaplive: reference solution.
#include <stddef.h>
#include "heaplive.h"

int64_t
ex_refillDelta(const ex_cspan *s)
{
    // Every free slot counts as allocated from now on, and so does the
    // tail of the span that no object uses.
    return (int64_t)(s->npages * ex_pageSize) - (int64_t)s->allocCount * (int64_t)s->elemsize;
}

int64_t
ex_releaseDelta(const ex_cspan *s, uint32_t sg)
{
    if (s->sweepgen == sg + 1)
        return 0; // cached before this cycle's sweep: heapLive was recomputed since
    return -(int64_t)(s->nelems - s->allocCount) * (int64_t)s->elemsize;
}

int64_t
ex_largeDelta(uintptr_t size)
{
    uintptr_t npages = size / ex_pageSize + (size % ex_pageSize != 0);
    return (int64_t)(npages * ex_pageSize);
}

// mcentral.go:uncacheSpan, as far as the books go.
static void
uncache(ex_cspan *s, uint32_t sg)
{
    s->sweepgen = s->sweepgen == sg + 1 ? sg - 1 : sg;
}

int
ex_refill(ex_books *b, ex_mcache *c, int spc, ex_cspan *fresh)
{
    ex_cspan *s = c->alloc[spc];
    if (s != NULL && (s->allocCount != s->nelems || s->sweepgen != b->sweepgen + 3))
        return -1;
    if (fresh->allocCount == fresh->nelems)
        return -1;
    if (s != NULL) {
        uncache(s, b->sweepgen);
        b->totalAlloc += (int64_t)(s->allocCount - s->allocCountBeforeCache) * (int64_t)s->elemsize;
        s->allocCountBeforeCache = 0;
    }
    fresh->sweepgen = b->sweepgen + 3;
    fresh->allocCountBeforeCache = fresh->allocCount;
    b->heapLive += ex_refillDelta(fresh);
    b->heapScan += (int64_t)c->scanAlloc;
    c->scanAlloc = 0;
    c->alloc[spc] = fresh;
    return 0;
}

void
ex_releaseAll(ex_books *b, ex_mcache *c)
{
    int64_t dHeapLive = 0;
    for (int i = 0; i < ex_numSpanClasses; i++) {
        ex_cspan *s = c->alloc[i];
        if (s == NULL)
            continue;
        b->totalAlloc += (int64_t)(s->allocCount - s->allocCountBeforeCache) * (int64_t)s->elemsize;
        s->allocCountBeforeCache = 0;
        dHeapLive += ex_releaseDelta(s, b->sweepgen);
        uncache(s, b->sweepgen);
        c->alloc[i] = NULL;
    }
    b->heapLive += dHeapLive;
    b->heapScan += (int64_t)c->scanAlloc;
    c->scanAlloc = 0;
}
