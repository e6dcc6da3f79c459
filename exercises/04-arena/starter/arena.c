// Exercise 04-arena: your implementation.  See statement.tex.
#include <stddef.h>
#include "arena.h"

ex_arenaIdx
ex_arenaIndex(const ex_geometry *g, uintptr_t p)
{
    (void)g, (void)p;
    return 0; // TODO
}

uintptr_t
ex_arenaBase(const ex_geometry *g, ex_arenaIdx i)
{
    (void)g, (void)i;
    return 0; // TODO
}

uintptr_t
ex_arenaL1(const ex_geometry *g, ex_arenaIdx i)
{
    (void)g, (void)i;
    return 0; // TODO
}

uintptr_t
ex_arenaL2(const ex_geometry *g, ex_arenaIdx i)
{
    (void)g;
    return i; // TODO: right only without a first level
}

void *
ex_spanOf(const ex_heap *h, uintptr_t p)
{
    (void)h, (void)p;
    return NULL; // TODO
}

void
ex_pageIndexOf(const ex_geometry *g, uintptr_t p, uintptr_t *pageIdx, uint8_t *pageMask)
{
    (void)g, (void)p;
    *pageIdx = 0; // TODO
    *pageMask = 0;
}
