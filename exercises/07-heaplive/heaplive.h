// Exercise 07-heaplive: the pacer's books when an mcache takes and returns spans.
#ifndef EX_HEAPLIVE_H
#define EX_HEAPLIVE_H
#include <stdint.h>

enum { ex_pageSize = 8192, ex_numSpanClasses = 8 };

// The fields of an mspan that the accounting reads and writes.
typedef struct {
    uintptr_t npages, nelems, elemsize;
    uint16_t allocCount;            // objects allocated
    uint16_t allocCountBeforeCache; // allocCount when the span was cached
    uint32_t sweepgen;
} ex_cspan;

// An mcache: its spans (NULL stands for Go's emptymspan) and the
// scannable bytes allocated since the last flush.
typedef struct {
    ex_cspan *alloc[ex_numSpanClasses];
    uintptr_t scanAlloc;
} ex_mcache;

// The global side: gcController's counters and the heap's sweepgen.
typedef struct {
    int64_t heapLive;   // live at the last mark, plus allocated since (an overestimate)
    int64_t heapScan;   // scannable bytes allocated since the last mark
    int64_t totalAlloc; // bytes actually handed out by the mcaches
    uint32_t sweepgen;
} ex_books;

// heapLive's change when an mcache caches s (mcache.go:refill).
int64_t ex_refillDelta(const ex_cspan *s);
// heapLive's change when an mcache gives s back in the cycle of heap
// sweepgen sg (mcache.go:releaseAll).
int64_t ex_releaseDelta(const ex_cspan *s, uint32_t sg);
// heapLive's change for a large object of size bytes (mcache.go:allocLarge).
int64_t ex_largeDelta(uintptr_t size);

// Replace c->alloc[spc] by fresh, as refill does, doing the books.  Return
// -1 and change nothing if the cached span is not full, or was not cached
// in this cycle, or if fresh is full; otherwise 0.
int ex_refill(ex_books *b, ex_mcache *c, int spc, ex_cspan *fresh);
// Give every cached span back, as releaseAll does, doing the books.
void ex_releaseAll(ex_books *b, ex_mcache *c);

#endif
