// Exercise 10-writebarrier: your implementation.  See statement.tex.
#include "barrier.h"

void
ex_dijkstraWrite(ex_world *w, int g, int *slot, int ptr)
{
    (void)w, (void)g;
    *slot = ptr; // TODO: the insertion barrier first
}

void
ex_yuasaWrite(ex_world *w, int g, int *slot, int ptr)
{
    (void)w, (void)g;
    *slot = ptr; // TODO: the deletion barrier first
}

void
ex_hybridWrite(ex_world *w, int g, int *slot, int ptr)
{
    (void)w, (void)g;
    *slot = ptr; // TODO: Go's hybrid barrier first
}
