// Exercise 17-runway: your implementation.  See statement.tex.
#include "runway.h"

uint64_t
ex_runway(const ex_pacer *p)
{
    (void)p;
    return 0; // TODO: consMark weighed by (1-u)/u, times the last cycle's scan work
}

uint64_t
ex_sweepDistMinTrigger(const ex_pacer *p)
{
    (void)p;
    return 0; // TODO: 0 once the sweep is done, else the live heap plus the sweeper's distance
}

void
ex_goalAndTrigger(const ex_pacer *p, uint64_t runway, uint64_t sweepDistMinTrigger, uint64_t *goal,
                  uint64_t *trigger)
{
    (void)runway, (void)sweepDistMinTrigger;
    *goal = p->gcPercentHeapGoal; // TODO: the limit's goal, the sweeper's distance, the minimum runway
    *trigger = *goal;             // TODO: the bounds, and the runway between them
}
