// Exercise 13-sweepgen: reference solution.
#include "sweepgen.h"

ex_spanSweepState
ex_spanState(uint32_t spanSweepgen, uint32_t heapSweepgen)
{
    uint32_t s = spanSweepgen, g = heapSweepgen; // unsigned: wraps as Go's uint32 does
    if (s == g - 2)
        return ex_needsSweeping;
    if (s == g - 1)
        return ex_beingSwept;
    if (s == g)
        return ex_swept;
    if (s == g + 1)
        return ex_cachedStale;
    if (s == g + 3)
        return ex_cachedSwept;
    return ex_badSweepgen;
}

static uint32_t
load(uint32_t *p)
{
    return __atomic_load_n(p, __ATOMIC_SEQ_CST);
}

static bool
cas(uint32_t *p, uint32_t old, uint32_t new)
{
    return __atomic_compare_exchange_n(p, &old, new, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

ex_sweepLocker
ex_begin(ex_activeSweep *a, uint32_t heapSweepgen)
{
    for (;;) {
        uint32_t state = load(&a->state);
        if ((state & ex_sweepDrainedMask) != 0)
            return (ex_sweepLocker){heapSweepgen, false};
        if (cas(&a->state, state, state + 1))
            return (ex_sweepLocker){heapSweepgen, true};
    }
}

bool
ex_end(ex_activeSweep *a, ex_sweepLocker sl, uint32_t heapSweepgen)
{
    if (sl.sweepGen != heapSweepgen)
        return false; // "sweeper left outstanding across sweep generations"
    for (;;) {
        uint32_t state = load(&a->state);
        // No sweeper: the count is 0, and 0 - 1 wraps to the top.
        if ((state & ~ex_sweepDrainedMask) - 1 >= ex_sweepDrainedMask)
            return false; // "mismatched begin/end of activeSweep"
        if (cas(&a->state, state, state - 1))
            return true;
    }
}

bool
ex_markDrained(ex_activeSweep *a)
{
    for (;;) {
        uint32_t state = load(&a->state);
        if ((state & ex_sweepDrainedMask) != 0)
            return false;
        if (cas(&a->state, state, state | ex_sweepDrainedMask))
            return true;
    }
}

uint32_t
ex_sweepers(ex_activeSweep *a)
{
    return load(&a->state) & ~ex_sweepDrainedMask;
}

bool
ex_isDone(ex_activeSweep *a)
{
    return load(&a->state) == ex_sweepDrainedMask;
}

void
ex_reset(ex_activeSweep *a)
{
    __atomic_store_n(&a->state, 0, __ATOMIC_SEQ_CST);
}

bool
ex_tryAcquire(const ex_sweepLocker *l, uint32_t *spanSweepgen)
{
    if (!l->valid)
        return false; // "use of invalid sweepLocker"
    if (load(spanSweepgen) != l->sweepGen - 2) // look before the compare-and-swap
        return false;
    return cas(spanSweepgen, l->sweepGen - 2, l->sweepGen - 1);
}
