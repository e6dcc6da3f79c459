// Exercise 06-spanset: which set is swept, and a lock-free span set.
#ifndef EX_SPANSET_H
#define EX_SPANSET_H
#include <stdint.h>
#include "runtime.h" // mutex, lock, unlock (chapter 3)

// An mcentral's partial[2] and full[2]: the index of the set that holds
// the spans swept in the cycle of heap sweepgen sg, and of the other.
int ex_sweptIndex(uint32_t sg);
int ex_unsweptIndex(uint32_t sg);

// What a span's sweepgen says, relative to the heap's (chapter 4).
enum {
    ex_needsSweep,     // sg - 2
    ex_beingSwept,     // sg - 1
    ex_swept,          // sg
    ex_cachedUnswept,  // sg + 1: cached before the sweep began
    ex_cachedSwept,    // sg + 3: swept, then cached
    ex_badSweepgen,    // anything else
};
int ex_sweepState(uint32_t spanSg, uint32_t heapSg);

// A span set with a spine of fixed capacity (Go's grows by doubling):
// at most ex_spineCap * ex_blockEntries pushes in a set's life.
enum { ex_blockEntries = 64, ex_spineCap = 64 };

typedef struct ex_block {
    uint32_t popped;                 // slots popped (atomic)
    void *spans[ex_blockEntries];    // NULL until pushed, NULL again once popped
} ex_block;

typedef struct {
    mutex spineLock;                 // held to add a block
    ex_block *spine[ex_spineCap];    // entries atomic
    uintptr_t spineLen;              // blocks added (atomic)
    uint64_t index;                  // head << 32 | tail (atomic)
} ex_spanSet;                        // a zero ex_spanSet is empty

// Provided by the tests (do not define them): a new zero block, and the
// end of a block whose slots have all been popped.
ex_block *ex_blockAlloc(void);
void ex_blockFree(ex_block *block);

// Add s (not NULL); any number of threads may push and pop at once.
void ex_spanSet_push(ex_spanSet *b, void *s);
// Remove and return the oldest span, or NULL if there is none.
void *ex_spanSet_pop(ex_spanSet *b);

#endif
