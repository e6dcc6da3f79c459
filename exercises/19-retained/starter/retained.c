// Exercise 19-retained: your implementation.  See statement.tex.
#include "retained.h"

uint64_t
ex_gcPercentGoal(uint64_t lastHeapInUse, uint64_t heapGoal, uint64_t lastHeapGoal, uint64_t retained)
{
    (void)lastHeapInUse, (void)heapGoal, (void)lastHeapGoal, (void)retained;
    return ex_none; // TODO: scale, add 10 %, round up to a page, compare
}

uint64_t
ex_memoryLimitGoal119(int64_t memoryLimit, uint64_t mappedReady)
{
    (void)memoryLimit, (void)mappedReady;
    return ex_none; // TODO: Go 1.19.8's formula
}

uint64_t
ex_memoryLimitGoalMeant(int64_t memoryLimit, uint64_t mappedReady)
{
    (void)memoryLimit, (void)mappedReady;
    return ex_none; // TODO: 95 % of the limit
}
