// Exercise 13-sweepgen: your implementation.  See statement.tex.
#include "sweepgen.h"

ex_spanSweepState
ex_spanState(uint32_t spanSweepgen, uint32_t heapSweepgen)
{
    (void)spanSweepgen, (void)heapSweepgen;
    return ex_badSweepgen; // TODO
}

ex_sweepLocker
ex_begin(ex_activeSweep *a, uint32_t heapSweepgen)
{
    (void)a, (void)heapSweepgen;
    return (ex_sweepLocker){0, false}; // TODO
}

bool
ex_end(ex_activeSweep *a, ex_sweepLocker sl, uint32_t heapSweepgen)
{
    (void)a, (void)sl, (void)heapSweepgen;
    return false; // TODO
}

bool
ex_markDrained(ex_activeSweep *a)
{
    (void)a;
    return false; // TODO
}

uint32_t
ex_sweepers(ex_activeSweep *a)
{
    (void)a;
    return 0; // TODO
}

bool
ex_isDone(ex_activeSweep *a)
{
    (void)a;
    return false; // TODO
}

void
ex_reset(ex_activeSweep *a)
{
    (void)a; // TODO
}

bool
ex_tryAcquire(const ex_sweepLocker *l, uint32_t *spanSweepgen)
{
    (void)l, (void)spanSweepgen;
    return false; // TODO
}
