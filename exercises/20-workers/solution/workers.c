// Lab 20-workers: a reference solution.
#include "gomm.h"
#include "workers.h"

void
lab_plan(int procs, int *dedicated, double *fractional)
{
    double total = procs * 0.25;
    int d = (int)(total + 0.5);
    double err = d / total - 1;
    *fractional = 0;
    if (err < -0.3 || err > 0.3) {
        if (d > total)
            d--;
        *fractional = (total - d) / procs;
    }
    *dedicated = d;
}

void
lab_markCost(int procs, int cycles, lab_mark *m)
{
    runtime_GOMAXPROCS(procs);
    lab_build();
    runtime_PacerStats s0, s1;
    runtime_ReadPacerStats(&s0);
    for (int i = 0; i < cycles; i++)
        runtime_GC();
    runtime_ReadPacerStats(&s1);
    m->cycles = (uint32_t)(s1.Cycles - s0.Cycles);
    m->backgroundNs = s1.BackgroundCPUNs - s0.BackgroundCPUNs;
    m->idleNs = s1.IdleCPUNs - s0.IdleCPUNs;
    m->assistNs = s1.AssistCPUNs - s0.AssistCPUNs;
}
