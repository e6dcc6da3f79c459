// Exercise 16-limitgoal: the memory limit's heap goal and the trigger for it
// (Go 1.19's mgcpacer.go: memoryLimitHeapGoal, heapGoalInternal, trigger).
#ifndef EX_LIMITGOAL_H
#define EX_LIMITGOAL_H
#include <stdbool.h>
#include <stdint.h>

#define ex_memoryLimitHeapGoalHeadroom ((uint64_t)1 << 20)
#define ex_triggerRatioDen 64
#define ex_minTriggerRatioNum 45

// What the pacer reads: all in bytes, with heapFree + heapAlloc <= mappedReady.
typedef struct ex_memory {
    uint64_t memoryLimit; // the limit (INT64_MAX: none)
    uint64_t mappedReady; // mapped memory in the Ready state
    uint64_t heapFree;    // free heap pages still Ready
    uint64_t heapAlloc;   // bytes of heap objects in use
    uint64_t heapMarked;  // bytes the last cycle marked
} ex_memory;

// The memory limit's heap goal, as the chapter computes it.
uint64_t ex_memoryLimitHeapGoal(ex_memory m);

// The goal and trigger in force, given GOGC's goal and the trigger the rule
// gives for it (passed in, so that the two cases can be told apart): the lower goal wins; under a lower limit goal the trigger is
// placed for it (45/64 of the way from heapMarked, or the goal itself when
// the world is stopped to mark, stw true); never above the goal.
void ex_goalAndTrigger(ex_memory m, uint64_t gcPercentGoal, uint64_t gcPercentTrigger, bool stw, uint64_t *goal,
                       uint64_t *trigger);

#endif
