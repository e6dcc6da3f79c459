// Exercise 14-wbbuf: reference solution.
#include "wbbuf.h"

void
ex_reset(ex_wbBuf *b)
{
    b->next = &b->buf[0];
    b->end = &b->buf[ex_wbBufEntries * ex_wbBufEntryPointers];
}

bool
ex_empty(const ex_wbBuf *b)
{
    return b->next == &b->buf[0];
}

bool
ex_putFast(ex_wbBuf *b, uintptr_t old, uintptr_t new)
{
    b->next[0] = old;
    b->next[1] = new;
    b->next += ex_wbBufEntryPointers;
    return b->next != b->end;
}

// The index of the object that holds address p, or -1: the last object
// starting at or below p, if p falls before its end.
static long
lookup(const ex_heap *h, uintptr_t p)
{
    size_t lo = 0, hi = h->nobjs; // find the first object whose base is above p
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (h->objs[mid].base <= p)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return -1;
    const ex_object *o = &h->objs[lo - 1];
    return p - o->base < o->size ? (long)(lo - 1) : -1;
}

void
ex_flush(ex_wbBuf *b, ex_heap *h)
{
    uintptr_t *words = b->buf;
    size_t n = (size_t)(b->next - words), kept = 0;
    b->next = words; // whatever happens below, nothing is recorded twice
    for (size_t i = 0; i < n; i++) {
        uintptr_t p = words[i];
        if (p < ex_minLegalPointer)
            continue; // nil, mostly: the old value of a fresh slot
        long k = lookup(h, p);
        if (k < 0 || h->marked[k])
            continue;
        h->marked[k] = 1;
        if (h->objs[k].noscan) {
            h->bytesMarked += h->objs[k].size; // black at once: nothing to scan
            continue;
        }
        words[kept++] = h->objs[k].base; // the greyed objects gather at the front of the buffer
    }
    ex_putBatch(words, kept);
    ex_reset(b);
}

void
ex_writePointer(ex_wbBuf *b, ex_heap *h, bool enabled, uintptr_t *slot, uintptr_t ptr)
{
    if (enabled && !ex_putFast(b, *slot, ptr))
        ex_flush(b, h);
    *slot = ptr;
}
