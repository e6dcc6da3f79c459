// Exercise 18-window: a reference solution.
#include "window.h"

void
ex_split(const ex_window *w, int64_t *mutatorTime, int64_t *gcTime)
{
    int64_t total = w->wall * w->nprocs;
    int64_t idle = w->idleMarkTime;
    if (w->processCPU >= 0) {
        int64_t unused = total - w->processCPU;
        if (unused > 0)
            idle += unused;
        if (idle > total)
            idle = total;
    }
    int64_t gc = w->assistTime;
    if (w->gcEnabled)
        gc += (int64_t)((double)total * ex_gcBackgroundUtilization);
    *gcTime = gc;
    *mutatorTime = total - idle - gc;
}
