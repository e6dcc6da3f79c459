// Exercise 14-wbbuf: a P's write barrier buffer, Go 1.19's wbBuf (mwbbuf.go).
#ifndef EX_WBBUF_H
#define EX_WBBUF_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
    ex_wbBufEntries = 256,     // barriers recorded between two flushes
    ex_wbBufEntryPointers = 2, // words recorded by each: the old value and the new one
    ex_minLegalPointer = 4096, // a smaller value is never a pointer
};

// The buffer: pairs (old, new) from buf[0] up to next; end is one past
// the last word that may be written.
typedef struct ex_wbBuf {
    uintptr_t *next;
    uintptr_t *end;
    uintptr_t buf[ex_wbBufEntries * ex_wbBufEntryPointers];
} ex_wbBuf;

// One object of the model heap: the bytes [base, base+size).
typedef struct ex_object {
    uintptr_t base;
    uintptr_t size;
    bool noscan; // holds no pointers: black as soon as it is marked
} ex_object;

// The model heap: a table of objects sorted by base, none overlapping, and
// one mark byte per object.  An address inside no object is not a pointer
// into the heap (free pages, a stack, a global, a number).
typedef struct ex_heap {
    const ex_object *objs;
    size_t nobjs;
    uint8_t *marked;      // marked[i] != 0: objs[i] is marked
    uint64_t bytesMarked; // bytes of the noscan objects the flushes marked (Go's gcWork.bytesMarked)
} ex_heap;

// Provided by the tests (do not define it): queue n grey objects for
// scanning, Go's gcWork.putBatch.
void ex_putBatch(const uintptr_t *objs, size_t n);

// To write.
void ex_reset(ex_wbBuf *b);                                 // empty, ready for ex_wbBufEntries pairs
bool ex_empty(const ex_wbBuf *b);                           // no pair recorded
bool ex_putFast(ex_wbBuf *b, uintptr_t old, uintptr_t new); // false: full now, flush before the next
void ex_flush(ex_wbBuf *b, ex_heap *h);                     // shade what is recorded, then reset
// The barrier's slow path: record (*slot, ptr) if enabled, flushing when the
// buffer fills, then store ptr into *slot.
void ex_writePointer(ex_wbBuf *b, ex_heap *h, bool enabled, uintptr_t *slot, uintptr_t ptr);

#endif
