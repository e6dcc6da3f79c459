// Exercise 12-scanobject: reference solution.
#include "scanobject.h"

void
ex_greyobject(ex_heap *h, uintptr_t obj, ex_span *span, uintptr_t objIndex, ex_gcWork *gcw)
{
    (void)h;
    uint8_t *bytep = &span->markBits[objIndex / 8], mask = (uint8_t)(1 << objIndex % 8);
    if (*bytep & mask)
        return; // marked already: grey or black
    *bytep |= mask;
    if (span->noscan) { // nothing to scan: black at once
        gcw->bytesMarked += span->elemsize;
        return;
    }
    ex_put(gcw, obj);
}

// The heap bits of the word at address a: ex_bitPointer | ex_bitScan, as
// Go's heapBits.bits.
static unsigned
heapBits(const ex_heap *h, uintptr_t a)
{
    uintptr_t w = (a - h->start) / ex_ptrSize;
    return (unsigned)(h->bitmap[w / 4] >> (w % 4)) & (ex_bitPointer | ex_bitScan);
}

void
ex_scanobject(ex_heap *h, uintptr_t b, ex_gcWork *gcw)
{
    ex_span *s = ex_spanOfHeap(h, b);
    uintptr_t n = s->elemsize;
    if (n > ex_maxObletBytes) {
        // A large object: the first visit, at its base, queues the other
        // oblets; every visit scans one oblet.
        if (b == s->base) {
            if (s->noscan) {
                gcw->bytesMarked += n;
                return;
            }
            for (uintptr_t oblet = b + ex_maxObletBytes; oblet < s->base + s->elemsize; oblet += ex_maxObletBytes)
                ex_put(gcw, oblet);
        }
        n = s->base + s->elemsize - b;
        if (n > ex_maxObletBytes)
            n = ex_maxObletBytes;
    }
    uintptr_t i;
    for (i = 0; i < n; i += ex_ptrSize) {
        unsigned bits = heapBits(h, b + i);
        if ((bits & ex_bitScan) == 0)
            break; // no more pointers in this object
        if ((bits & ex_bitPointer) == 0)
            continue; // a scalar
        uintptr_t obj = *(uintptr_t *)(b + i);
        // Not nil, and not into this object (or oblet): unsigned arithmetic
        // makes both one test.
        if (obj != 0 && obj - b >= n) {
            ex_span *span;
            uintptr_t objIndex;
            if ((obj = ex_findObject(h, obj, &span, &objIndex)) != 0)
                ex_greyobject(h, obj, span, objIndex, gcw);
        }
    }
    gcw->bytesMarked += n;
    gcw->heapScanWork += (int64_t)i;
}

void
ex_scanConservative(ex_heap *h, uintptr_t b, uintptr_t n, ex_gcWork *gcw)
{
    for (uintptr_t i = 0; i < n; i += ex_ptrSize) {
        uintptr_t val = *(uintptr_t *)(b + i);
        ex_span *span = ex_spanOfHeap(h, val);
        if (span == NULL)
            continue;
        uintptr_t idx = (val - span->base) / span->elemsize;
        // Go's isFree: below freeindex everything is allocated; above, the
        // alloc bit says.
        if (idx >= span->freeindex && (span->allocBits[idx / 8] >> (idx % 8) & 1) == 0)
            continue;
        ex_greyobject(h, span->base + idx * span->elemsize, span, idx, gcw);
    }
}
