// Exercise 10-tricolor: reference solution.
#include <stddef.h>
#include "tricolor.h"

void
ex_shade(ex_graph *g, int obj)
{
    if (obj != ex_nil && g->color[obj] == ex_white) {
        g->color[obj] = ex_grey;
        g->grey[g->ngrey++] = obj;
    }
}

void
ex_markRoots(ex_graph *g, const int *roots, int n)
{
    for (int i = 0; i < n; i++)
        ex_shade(g, roots[i]);
}

int
ex_markStep(ex_graph *g)
{
    if (g->ngrey == 0)
        return ex_nil;
    int obj = g->grey[--g->ngrey];
    for (int f = 0; f < ex_nfields; f++)
        ex_shade(g, g->field[obj][f]);
    g->color[obj] = ex_black;
    return obj;
}

int
ex_mark(ex_graph *g, const int *roots, int n)
{
    int scanned = 0;
    ex_markRoots(g, roots, n);
    while (ex_markStep(g) != ex_nil)
        scanned++;
    return scanned;
}

int
ex_sweep(ex_graph *g)
{
    int freed = 0;
    for (int i = 0; i < g->n; i++) {
        if (!g->allocated[i])
            continue;
        if (g->color[i] == ex_white) {
            g->allocated[i] = 0;
            for (int f = 0; f < ex_nfields; f++)
                g->field[i][f] = ex_nil;
            freed++;
        } else {
            g->color[i] = ex_white;
        }
    }
    return freed;
}
