// Exercise 13-sweep: the bit work of sweeping one span (Go 1.19's mgcsweep.go, sweep).
#ifndef EX_SWEEP_H
#define EX_SWEEP_H
#include <stdbool.h>
#include <stdint.h>

// The parts of an mspan that sweeping reads and writes.  Slot i's bit is
// bit i % 8 of byte i / 8; a bitmap has (nelems + 63) / 64 * 8 bytes, and
// its bits from nelems on are zero.
typedef struct ex_span {
    uintptr_t nelems;
    uintptr_t elemsize;   // bytes per slot, a multiple of 4
    bool large;           // a large object's span (size class 0): one slot
    uintptr_t freeindex;  // every slot below it was allocated in this cycle
    uint16_t allocCount;  // allocated objects
    uint8_t needzero;     // the free slots may hold old data
    uint8_t *allocBits;   // from freeindex on, set: allocated
    uint8_t *gcmarkBits;  // set: marked by the last mark
    uint8_t *mem;         // the slots, nelems * elemsize bytes
} ex_span;

// What sweeping does with the span (or why it refused).
typedef enum {
    ex_freeToHeap,   // no object left: its pages go back to the heap
    ex_partialSwept, // to the partial swept set of its class: it has free slots
    ex_fullSwept,    // to the full swept set
    ex_kept,         // preserve: the caller keeps it
    ex_zombies,      // a marked slot was free: Go's "found pointer to free object"
    ex_badCount,     // more marks than allocCount: Go's "sweep increased allocation count"
} ex_sweepResult;

// Provided by the tests (do not define it): a fresh, zeroed mark bitmap
// for nelems slots, Go's newMarkBits.  The tests own every bitmap: never
// free one.
uint8_t *ex_newMarkBits(uintptr_t nelems);

// The number of marked slots (Go's countAlloc, which counts the mark bits).
uintptr_t ex_countAlloc(const ex_span *s);
// True if a marked slot was free: at or above freeindex, alloc bit clear.
bool ex_hasZombies(const ex_span *s);
// The slots this sweep frees, allocated (below freeindex, or alloc bit set)
// and not marked: stores their indices in out, in increasing order, and
// returns how many.  out has room for nelems.
uintptr_t ex_freedSlots(const ex_span *s, uintptr_t *out);
// Go's clobberfree: fills size bytes at x with the 32-bit word 0xdeadbeef.
void ex_clobberfree(void *x, uintptr_t size);
// Sweeps s, as Go's sweep does (the steps are in the statement); stores the
// number of objects freed in *nfreed unless it refuses.
ex_sweepResult ex_sweep(ex_span *s, bool preserve, bool clobber, uintptr_t *nfreed);

#endif
