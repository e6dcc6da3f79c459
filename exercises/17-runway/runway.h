// Exercise 17-runway: the runway, and the trigger placed by it
// (Go 1.19's mgcpacer.go: commit, heapGoalInternal, trigger).
#ifndef EX_RUNWAY_H
#define EX_RUNWAY_H
#include <stdbool.h>
#include <stdint.h>

#define ex_triggerRatioDen 64
#define ex_minTriggerRatioNum 45
#define ex_maxTriggerRatioNum 61
#define ex_defaultHeapMinimum ((uint64_t)4 << 20)
#define ex_sweepMinHeapDistance ((uint64_t)1 << 20)
#define ex_minRunway ((uint64_t)64 << 10)
#define ex_gcGoalUtilization 0.25

// What the pacer knows; bytes, except consMark.
typedef struct ex_pacer {
    double consMark;            // the cons/mark estimate
    uint64_t lastHeapScan;      // the last cycle's scan work: heap,
    uint64_t lastStackScan;     // stacks,
    uint64_t globalsScan;       // and globals
    uint64_t heapMarked;        // marked by the last cycle
    uint64_t heapLive;          // live now
    uint64_t gcPercentHeapGoal; // GOGC's goal
    uint64_t memoryLimitGoal;   // the memory limit's goal (UINT64_MAX: no limit)
    bool sweepDone;             // whether the last cycle's sweep is done
    uint64_t triggered;         // the trigger the running mark started at; UINT64_MAX outside a mark
} ex_pacer;

// commit's two numbers: the runway (0 if it would be negative) and the
// sweeper's distance (0 once the sweep is done).
uint64_t ex_runway(const ex_pacer *p);
uint64_t ex_sweepDistMinTrigger(const ex_pacer *p);

// The goal in force and the trigger for it, given commit's two numbers.
void ex_goalAndTrigger(const ex_pacer *p, uint64_t runway, uint64_t sweepDistMinTrigger, uint64_t *goal,
                       uint64_t *trigger);

#endif
