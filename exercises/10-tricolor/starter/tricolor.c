// Exercise 10-tricolor: your implementation.  See statement.tex.
#include <stddef.h>
#include "tricolor.h"

void
ex_shade(ex_graph *g, int obj)
{
    (void)g, (void)obj; // TODO
}

void
ex_markRoots(ex_graph *g, const int *roots, int n)
{
    (void)g, (void)roots, (void)n; // TODO
}

int
ex_markStep(ex_graph *g)
{
    (void)g;
    return ex_nil; // TODO
}

int
ex_mark(ex_graph *g, const int *roots, int n)
{
    (void)g, (void)roots, (void)n;
    return 0; // TODO: with a loop over ex_markStep, not recursion
}

int
ex_sweep(ex_graph *g)
{
    (void)g;
    return 0; // TODO
}
