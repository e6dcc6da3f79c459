// Exercise 13-sweepgen: who sweeps a span, and when the sweep is done
// (Go 1.19's mheap.go sweepgen rules, mgcsweep.go activeSweep and sweepLocker).
#ifndef EX_SWEEPGEN_H
#define EX_SWEEPGEN_H
#include <stdbool.h>
#include <stdint.h>

// What a span's sweepgen says, given the heap's (mheap.go's comment on mspan.sweepgen).
typedef enum {
    ex_needsSweeping, // span == heap - 2
    ex_beingSwept,    // span == heap - 1
    ex_swept,         // span == heap: swept, ready to use
    ex_cachedStale,   // span == heap + 1: cached before the sweep began, still cached, needs sweeping
    ex_cachedSwept,   // span == heap + 3: swept, then cached, still cached
    ex_badSweepgen,   // anything else
} ex_spanSweepState;

// All the arithmetic is modulo 2^32: the heap's sweepgen wraps around.
ex_spanSweepState ex_spanState(uint32_t spanSweepgen, uint32_t heapSweepgen);

enum { ex_sweepDrainedMask = 1u << 31 };

// A registered (or refused) sweeper: Go's sweepLocker.
typedef struct ex_sweepLocker {
    uint32_t sweepGen; // the heap's sweepgen when it registered, valid or not
    bool valid;        // false: the sweep was drained already, nothing to claim
} ex_sweepLocker;

// Go's activeSweep: the number of sweepers at work, and in the top bit,
// ex_sweepDrainedMask, whether every unswept span has been handed out.
typedef struct ex_activeSweep {
    uint32_t state; // atomic
} ex_activeSweep;

// Registers a sweeper for the heap's sweepgen heapSweepgen, unless the
// sweep is drained (then the locker is not valid, and state is unchanged).
ex_sweepLocker ex_begin(ex_activeSweep *a, uint32_t heapSweepgen);
// Unregisters a valid sweeper.  Go throws on an end from another
// generation, or without a sweeper registered: return false then, and
// change nothing; true otherwise.
bool ex_end(ex_activeSweep *a, ex_sweepLocker sl, uint32_t heapSweepgen);
// Sets the drained bit; true if this call set it.
bool ex_markDrained(ex_activeSweep *a);
// The sweepers at work.
uint32_t ex_sweepers(ex_activeSweep *a);
// Drained, and no sweeper at work: the sweep is over.
bool ex_isDone(ex_activeSweep *a);
// A new sweep: not drained, no sweeper (the world is stopped).
void ex_reset(ex_activeSweep *a);
// Claims the span whose sweepgen is *spanSweepgen for sweeping: from
// l->sweepGen - 2 to l->sweepGen - 1 with a compare-and-swap; true if this
// call claimed it.  An invalid locker claims nothing (Go throws).
bool ex_tryAcquire(const ex_sweepLocker *l, uint32_t *spanSweepgen);

#endif
