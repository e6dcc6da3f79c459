// Exercise 18-window: your implementation.  See statement.tex.
#include "window.h"

void
ex_split(const ex_window *w, int64_t *mutatorTime, int64_t *gcTime)
{
    (void)w;
    *mutatorTime = 0; // TODO: the window's CPU, less the idle time, less the collector's
    *gcTime = 0;      // TODO: assists, and the workers' share while the collector is on
}
