// Lab 20-gogc: throughput against latency across GOGC values (chapters 11, 17 and 20).
#ifndef LAB_GOGC_H
#define LAB_GOGC_H
#include <stdint.h>

// What one run of the workload cost, from the runtime's counters.
typedef struct lab_result {
    uint32_t cycles;   // collections
    uint64_t pauseNs;  // total stop-the-world time (MemStats.PauseTotalNs)
    uint64_t assistNs; // CPU time of mutator assists (PacerStats.AssistCPUNs)
    uint64_t gcNs;     // the collector's CPU time (PacerStats.TotalCPUNs)
    uint64_t peakHeap; // the largest heap at the end of a mark (PacerStats.PeakHeap)
} lab_result;

// Provided by test.c: the workload, a fixed amount of allocation over a fixed live heap.
void lab_work(void);

// Set GOGC to gogc, run lab_work() once, and fill *r with what it cost: the differences of
// the counters over the run (the peak as it is after the run).
void lab_measure(int gogc, lab_result *r);

#endif
