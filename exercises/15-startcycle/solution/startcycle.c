// Exercise 15-startcycle: reference solution.
#include "startcycle.h"

ex_workerCounts
ex_startCycle(int32_t procs, int32_t gcstoptheworld)
{
    ex_workerCounts c = {0, 0, 0};
    double goal = procs * ex_gcBackgroundUtilization; // in P's
    c.dedicatedMarkWorkersNeeded = (int64_t)(goal + 0.5);
    double off = (double)c.dedicatedMarkWorkersNeeded / goal - 1; // relative error of the rounding
    if (off > ex_maxUtilError || off < -ex_maxUtilError) {
        // Too coarse: never more than the goal in whole workers, and a
        // fractional worker makes up the rest.
        if ((double)c.dedicatedMarkWorkersNeeded > goal)
            c.dedicatedMarkWorkersNeeded -= 1;
        c.fractionalUtilizationGoal = (goal - (double)c.dedicatedMarkWorkersNeeded) / procs;
    }
    if (gcstoptheworld > 0) { // the mark has every P to itself
        c.dedicatedMarkWorkersNeeded = procs;
        c.fractionalUtilizationGoal = 0;
    }
    c.maxIdleMarkWorkers = procs - (int32_t)c.dedicatedMarkWorkersNeeded;
    return c;
}

bool
ex_fractionalWorkerExit(int64_t markStartTime, int64_t now, int64_t selfTime, double goal, int32_t procs)
{
    int64_t elapsed = now - markStartTime;
    if (elapsed <= 0)
        return true;
    return (double)selfTime / (double)elapsed > 1.2 * goal * procs;
}

int64_t
ex_fractionalSleep(int64_t markStartTime, int64_t now, int64_t selfTime, double goal, int32_t procs)
{
    enum { shortest = 100 * 1000, longest = 10 * 1000 * 1000 };
    double share = goal * procs;
    if (share <= 0)
        return longest;
    // The share catches up when the elapsed time reaches selfTime / share.
    double due = (double)selfTime / share;
    if (due >= 4e18)
        return longest; // too far ahead to count in nanoseconds
    int64_t wait = (int64_t)due - (now - markStartTime);
    return wait < shortest ? shortest : wait > longest ? longest : wait;
}
