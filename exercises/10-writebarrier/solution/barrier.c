// Exercise 10-writebarrier: reference solution.
#include "barrier.h"

void
ex_dijkstraWrite(ex_world *w, int g, int *slot, int ptr)
{
    (void)g;
    ex_shade(w, ptr);
    *slot = ptr;
}

void
ex_yuasaWrite(ex_world *w, int g, int *slot, int ptr)
{
    (void)g;
    ex_shade(w, *slot);
    *slot = ptr;
}

void
ex_hybridWrite(ex_world *w, int g, int *slot, int ptr)
{
    ex_shade(w, *slot);
    if (!w->stackScanned[g])
        ex_shade(w, ptr);
    *slot = ptr;
}
