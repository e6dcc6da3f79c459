// Exercise 12-scanobject: scanning objects precisely, with oblets, and memory
// conservatively, on a model heap (Go 1.19's mgcmark.go).
#ifndef EX_SCANOBJECT_H
#define EX_SCANOBJECT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
    ex_ptrSize = 8,
    ex_pageSize = 8192,
    ex_maxObletBytes = 128 << 10, // Go's maxObletBytes
    ex_bitPointer = 1 << 0,       // in a word's heap bits: a pointer
    ex_bitScan = 1 << 4,          // in a word's heap bits: scan (clear: dead, no pointer from here on)
};

// A span in use: nelems slots of elemsize bytes from base.  A large
// object's span has one slot, of all its pages.
typedef struct ex_span {
    uintptr_t base;      // the address of the first slot
    uintptr_t npages;
    uintptr_t elemsize;  // bytes per slot
    uintptr_t nelems;
    uintptr_t limit;     // base + nelems * elemsize: the end of the last slot
    bool noscan;         // objects without pointers: never scanned, and their heap bits are not kept
    uintptr_t freeindex; // every slot below it is allocated (Go's freeIndexForScan)
    uint8_t *allocBits;  // from freeindex on: slot i allocated if bit i % 8 of allocBits[i / 8] is set
    uint8_t *markBits;   // slot i marked if bit i % 8 of markBits[i / 8] is set
} ex_span;

// The heap: one arena [start, end) of pages, some of them in spans, and
// its heap bitmap, as in chapter 9: the word at address a, w = (a - start)
// / ex_ptrSize, has its pointer bit at bit w % 4 of bitmap[w / 4] and its
// scan bit at bit 4 + w % 4 (that is, (bitmap[w / 4] >> (w % 4)) masked
// with ex_bitPointer and ex_bitScan).
typedef struct ex_heap {
    uintptr_t start, end;
    uint8_t *bitmap;
    ex_span *spans;
    int nspans;
} ex_heap;

// A gcWork reduced to what scanning needs: a stack of grey objects (and
// oblets), obj[0] to obj[n-1], and the two counters.
typedef struct ex_gcWork {
    uintptr_t *obj;
    size_t n, cap;
    uint64_t bytesMarked; // bytes of objects marked and scanned, or blackened at once
    int64_t heapScanWork; // bytes of heap scanned: up to where each scan stopped
} ex_gcWork;

// Provided by the tests (do not define them).
void ex_put(ex_gcWork *w, uintptr_t obj); // push a grey object or an oblet
// The span whose [base, limit) holds p, or NULL: Go's spanOfHeap.
ex_span *ex_spanOfHeap(const ex_heap *h, uintptr_t p);
// Go's findObject: if p is in a span's [base, limit), the base of the slot
// it points into, with the span and the slot's index; else 0.  Allocated
// or not: findObject does not look.  The tests count the calls.
uintptr_t ex_findObject(const ex_heap *h, uintptr_t p, ex_span **spanp, uintptr_t *objIndex);

// To write.
// Go's greyobject: mark the slot objIndex of span (obj is its base) if it
// is not marked yet; a noscan object is black at once (its elemsize goes to
// bytesMarked), another is pushed.
void ex_greyobject(ex_heap *h, uintptr_t obj, ex_span *span, uintptr_t objIndex, ex_gcWork *gcw);
// Go's scanobject: b is the base of a marked object, or an oblet of one.
void ex_scanobject(ex_heap *h, uintptr_t b, ex_gcWork *gcw);
// Go's scanConservative without the pointer mask: every word of [b, b+n).
void ex_scanConservative(ex_heap *h, uintptr_t b, uintptr_t n, ex_gcWork *gcw);

#endif
