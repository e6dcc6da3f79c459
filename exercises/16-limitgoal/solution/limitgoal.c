// Exercise 16-limitgoal: a reference solution.
#include "limitgoal.h"

uint64_t
ex_memoryLimitHeapGoal(ex_memory m)
{
    uint64_t nonHeap = m.mappedReady - m.heapFree - m.heapAlloc;
    uint64_t overage = m.mappedReady > m.memoryLimit ? m.mappedReady - m.memoryLimit : 0;
    if (nonHeap + overage >= m.memoryLimit)
        return m.heapMarked;
    uint64_t goal = m.memoryLimit - (nonHeap + overage);
    const uint64_t h = ex_memoryLimitHeapGoalHeadroom;
    goal = goal < h || goal - h < h ? h : goal - h;
    return goal < m.heapMarked ? m.heapMarked : goal;
}

void
ex_goalAndTrigger(ex_memory m, uint64_t gcPercentGoal, uint64_t gcPercentTrigger, bool stw, uint64_t *goal,
                  uint64_t *trigger)
{
    uint64_t g = gcPercentGoal, t = gcPercentTrigger, lg = ex_memoryLimitHeapGoal(m);
    if (lg < g) {
        g = lg;
        t = g;
        if (!stw && g > m.heapMarked)
            t = m.heapMarked + (g - m.heapMarked) / ex_triggerRatioDen * ex_minTriggerRatioNum;
    }
    *goal = g;
    *trigger = t > g ? g : t;
}
