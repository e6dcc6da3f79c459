// Lab 20-workers: what concurrent marking costs, with one P and with two (chapters 15 and 20).
#ifndef LAB_WORKERS_H
#define LAB_WORKERS_H
#include <stdint.h>

// The mark's CPU time by kind over some cycles, from the runtime's counters.
typedef struct lab_mark {
    uint32_t cycles;       // collections
    uint64_t backgroundNs; // dedicated and fractional workers (PacerStats.BackgroundCPUNs)
    uint64_t idleNs;       // idle workers (PacerStats.IdleCPUNs)
    uint64_t assistNs;     // assists (PacerStats.AssistCPUNs)
} lab_mark;

// Provided by test.c: builds a 64 MiB linked structure, kept alive by a global.
void lab_build(void);

// Go's plan for a mark with procs P's (mgcpacer.go:startCycle): how many dedicated
// workers, and the fractional workers' goal as a share of each P.
void lab_plan(int procs, int *dedicated, double *fractional);

// With GOMAXPROCS set to procs, call lab_build(), then force `cycles` collections,
// and fill *m with the mark's costs over those collections.
void lab_markCost(int procs, int cycles, lab_mark *m);

#endif
