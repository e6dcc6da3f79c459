// Lab 20-gogc: a reference solution.
#include "gomm.h"
#include "gogc.h"

void
lab_measure(int gogc, lab_result *r)
{
    debug_SetGCPercent(gogc);
    runtime_MemStats m0, m1;
    runtime_PacerStats s0, s1;
    runtime_ReadMemStats(&m0);
    runtime_ReadPacerStats(&s0);
    lab_work();
    runtime_ReadMemStats(&m1);
    runtime_ReadPacerStats(&s1);
    r->cycles = m1.NumGC - m0.NumGC;
    r->pauseNs = m1.PauseTotalNs - m0.PauseTotalNs;
    r->assistNs = s1.AssistCPUNs - s0.AssistCPUNs;
    r->gcNs = s1.TotalCPUNs - s0.TotalCPUNs;
    r->peakHeap = s1.PeakHeap;
}
