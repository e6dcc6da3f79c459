// Exercise 19-retained: a reference solution.
#include "retained.h"

uint64_t
ex_gcPercentGoal(uint64_t lastHeapInUse, uint64_t heapGoal, uint64_t lastHeapGoal, uint64_t retained)
{
    if (lastHeapGoal == 0)
        return ex_none;
    uint64_t goal = (uint64_t)((double)lastHeapInUse * ((double)heapGoal / (double)lastHeapGoal));
    goal += (uint64_t)((double)goal / (1.0 / (ex_retainExtraPercent / 100.0)));
    goal = (goal + ex_physPageSize - 1) / ex_physPageSize * ex_physPageSize;
    if (retained <= goal || retained - goal < ex_physPageSize)
        return ex_none;
    return goal;
}

static uint64_t
limitGoal(double goal, uint64_t mappedReady)
{
    uint64_t g = (uint64_t)goal;
    return mappedReady <= g ? ex_none : g;
}

uint64_t
ex_memoryLimitGoal119(int64_t memoryLimit, uint64_t mappedReady)
{
    return limitGoal((double)memoryLimit * (100.0 - ex_reduceExtraPercent), mappedReady);
}

uint64_t
ex_memoryLimitGoalMeant(int64_t memoryLimit, uint64_t mappedReady)
{
    return limitGoal((double)memoryLimit * ((100.0 - ex_reduceExtraPercent) / 100.0), mappedReady);
}
