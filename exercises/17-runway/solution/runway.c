// Exercise 17-runway: a reference solution.
#include "runway.h"

uint64_t
ex_runway(const ex_pacer *p)
{
    double r = p->consMark * (1 - ex_gcGoalUtilization) / ex_gcGoalUtilization
               * (double)(p->lastHeapScan + p->lastStackScan + p->globalsScan);
    return r > 0 ? (uint64_t)r : 0;
}

uint64_t
ex_sweepDistMinTrigger(const ex_pacer *p)
{
    return p->sweepDone ? 0 : p->heapLive + ex_sweepMinHeapDistance;
}

void
ex_goalAndTrigger(const ex_pacer *p, uint64_t runway, uint64_t sweepDistMinTrigger, uint64_t *goal,
                  uint64_t *trigger)
{
    uint64_t g = p->gcPercentHeapGoal, minTrigger = 0;
    if (p->memoryLimitGoal < g) {
        g = p->memoryLimitGoal;
    } else {
        if (sweepDistMinTrigger > g)
            g = sweepDistMinTrigger;
        minTrigger = sweepDistMinTrigger;
        if (p->triggered != UINT64_MAX && g < p->triggered + ex_minRunway)
            g = p->triggered + ex_minRunway;
    }
    *goal = g;
    uint64_t marked = p->heapMarked;
    if (marked >= g) {
        *trigger = g;
        return;
    }
    if (minTrigger < marked)
        minTrigger = marked;
    uint64_t lower = marked + (g - marked) / ex_triggerRatioDen * ex_minTriggerRatioNum;
    if (minTrigger < lower)
        minTrigger = lower;
    uint64_t maxTrigger = marked + (g - marked) / ex_triggerRatioDen * ex_maxTriggerRatioNum;
    if (g > ex_defaultHeapMinimum && g - ex_defaultHeapMinimum > maxTrigger)
        maxTrigger = g - ex_defaultHeapMinimum;
    if (maxTrigger < minTrigger)
        maxTrigger = minTrigger;
    uint64_t t = runway > g ? minTrigger : g - runway;
    if (t < minTrigger)
        t = minTrigger;
    if (t > maxTrigger)
        t = maxTrigger;
    *trigger = t;
}
