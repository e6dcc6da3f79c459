// tangled from chapters/20-tuning.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The statistics the tuning labs read (chapter 20): runtime_ReadPacerStats.
#include "runtime.h"

struct pacerStats pacerStats;

void
runtime_ReadPacerStats(runtime_PacerStats *s)
{
    s->Cycles = atomic_Load(&memstats.numgc);
    s->AssistCPUNs = atomic_Load64(&pacerStats.assistCPU);
    s->BackgroundCPUNs = atomic_Load64(&pacerStats.backgroundCPU);
    s->IdleCPUNs = atomic_Load64(&pacerStats.idleCPU);
    s->PauseCPUNs = atomic_Load64(&pacerStats.pauseCPU);
    s->TotalCPUNs = atomic_Load64(&pacerStats.totalCPU);
    s->PeakHeap = atomic_Load64(&pacerStats.peakHeap);
    s->PeakMapped = atomic_Load64(&pacerStats.peakMapped);
    s->PeakMarked = atomic_Load64(&pacerStats.peakMarked);
    s->LastHeapGoal = __atomic_load_n(&gcController.lastHeapGoal, __ATOMIC_SEQ_CST);
    s->LimiterLastEnabledCycle = atomic_Load(&gcCPULimiter.lastEnabledCycle);
    s->LastHeapScan = __atomic_load_n(&gcController.lastHeapScan, __ATOMIC_SEQ_CST);
}
