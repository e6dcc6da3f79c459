// Exercise 19-retained: the scavenger's goals (Go 1.19's mgcscavenge.go: gcPaceScavenger).
#ifndef EX_RETAINED_H
#define EX_RETAINED_H
#include <stdint.h>

#define ex_retainExtraPercent 10
#define ex_reduceExtraPercent 5
#define ex_physPageSize 4096
#define ex_none UINT64_MAX

// The GOGC goal for retained memory: ex_none when there is no last goal, or
// when retained memory is under the goal or within a physical page of it.
uint64_t ex_gcPercentGoal(uint64_t lastHeapInUse, uint64_t heapGoal, uint64_t lastHeapGoal, uint64_t retained);

// The memory limit's goal as Go 1.19.8 computes it, and as it was meant:
// ex_none when mapped memory is at or under it.
uint64_t ex_memoryLimitGoal119(int64_t memoryLimit, uint64_t mappedReady);
uint64_t ex_memoryLimitGoalMeant(int64_t memoryLimit, uint64_t mappedReady);

#endif
