// Exercise 15-startcycle: how many mark workers, and when the fractional
// one stops (Go 1.19's mgcpacer.go:startCycle, mgc.go:pollFractionalWorkerExit).
#ifndef EX_STARTCYCLE_H
#define EX_STARTCYCLE_H
#include <stdbool.h>
#include <stdint.h>

#define ex_gcBackgroundUtilization 0.25 // the collector's share of GOMAXPROCS
#define ex_maxUtilError 0.3             // the most the rounding may be off, relatively

// What startCycle decides for a cycle.
typedef struct ex_workerCounts {
    int64_t dedicatedMarkWorkersNeeded; // whole P's that mark for the whole cycle
    double fractionalUtilizationGoal;   // the fractional worker's share of each P (0: none)
    int32_t maxIdleMarkWorkers;         // P's left, on which idle workers may run
} ex_workerCounts;

// procs is GOMAXPROCS (at least 1), gcstoptheworld the GODEBUG setting (0, 1 or 2).
ex_workerCounts ex_startCycle(int32_t procs, int32_t gcstoptheworld);

// The fractional worker, which has marked for selfTime ns since the mark
// began at markStartTime (ns): true when it is more than 1.2 times ahead
// of its share, goal * procs, of the time since; always true if no time
// has passed (now <= markStartTime).
bool ex_fractionalWorkerExit(int64_t markStartTime, int64_t now, int64_t selfTime, double goal, int32_t procs);

// How long (ns) it then sleeps: until selfTime is exactly its share of the
// time since markStartTime, clamped to [100 us, 10 ms]; 10 ms if it has no
// share (goal * procs <= 0).
int64_t ex_fractionalSleep(int64_t markStartTime, int64_t now, int64_t selfTime, double goal, int32_t procs);

#endif
