// Exercise 15-startcycle: your implementation.  See statement.tex.
#include "startcycle.h"

ex_workerCounts
ex_startCycle(int32_t procs, int32_t gcstoptheworld)
{
    (void)procs, (void)gcstoptheworld;
    return (ex_workerCounts){0, 0, 0}; // TODO: round, check the error, fractional, stopped mode, idle
}

bool
ex_fractionalWorkerExit(int64_t markStartTime, int64_t now, int64_t selfTime, double goal, int32_t procs)
{
    (void)markStartTime, (void)now, (void)selfTime, (void)goal, (void)procs;
    return false; // TODO
}

int64_t
ex_fractionalSleep(int64_t markStartTime, int64_t now, int64_t selfTime, double goal, int32_t procs)
{
    (void)markStartTime, (void)now, (void)selfTime, (void)goal, (void)procs;
    return 0; // TODO
}
