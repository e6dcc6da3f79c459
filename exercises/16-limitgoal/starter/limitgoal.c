// Exercise 16-limitgoal: your implementation.  See statement.tex.
#include "limitgoal.h"

uint64_t
ex_memoryLimitHeapGoal(ex_memory m)
{
    (void)m;
    return 0; // TODO: non-heap memory, overage, headroom, floors
}

void
ex_goalAndTrigger(ex_memory m, uint64_t gcPercentGoal, uint64_t gcPercentTrigger, bool stw, uint64_t *goal,
                  uint64_t *trigger)
{
    (void)m, (void)gcPercentGoal, (void)stw;
    *goal = gcPercentGoal;       // TODO: the lower goal wins
    *trigger = gcPercentTrigger; // TODO: the trigger for it
}
