// Exercise 04-arena: reference solution.
#include <stddef.h>
#include "arena.h"

ex_arenaIdx
ex_arenaIndex(const ex_geometry *g, uintptr_t p)
{
    // Unsigned: an address below baseOffset wraps around, which puts the
    // upper half of the address space before the lower one.
    return (p - g->baseOffset) >> g->logArenaBytes;
}

uintptr_t
ex_arenaBase(const ex_geometry *g, ex_arenaIdx i)
{
    return (i << g->logArenaBytes) + g->baseOffset;
}

uintptr_t
ex_arenaL1(const ex_geometry *g, ex_arenaIdx i)
{
    return g->l1Bits == 0 ? 0 : i >> g->l2Bits;
}

uintptr_t
ex_arenaL2(const ex_geometry *g, ex_arenaIdx i)
{
    return g->l1Bits == 0 ? i : i & (((uintptr_t)1 << g->l2Bits) - 1);
}

void *
ex_spanOf(const ex_heap *h, uintptr_t p)
{
    const ex_geometry *g = &h->g;
    ex_arenaIdx ri = ex_arenaIndex(g, p);
    // Without a first level only l2 can be out of range; with one, only l1.
    if (g->l1Bits == 0) {
        if (ex_arenaL2(g, ri) >= (uintptr_t)1 << g->l2Bits)
            return NULL;
    } else if (ex_arenaL1(g, ri) >= (uintptr_t)1 << g->l1Bits) {
        return NULL;
    }
    ex_heapArena **l2 = h->arenas[ex_arenaL1(g, ri)];
    if (l2 == NULL)
        return NULL;
    ex_heapArena *ha = l2[ex_arenaL2(g, ri)];
    if (ha == NULL)
        return NULL;
    uintptr_t pagesPerArena = (uintptr_t)1 << (g->logArenaBytes - g->logPageSize);
    return ha->spans[(p >> g->logPageSize) % pagesPerArena];
}

void
ex_pageIndexOf(const ex_geometry *g, uintptr_t p, uintptr_t *pageIdx, uint8_t *pageMask)
{
    uintptr_t page = p >> g->logPageSize;
    uintptr_t pagesPerArena = (uintptr_t)1 << (g->logArenaBytes - g->logPageSize);
    *pageIdx = (page / 8) % (pagesPerArena / 8);
    *pageMask = (uint8_t)(1 << (page % 8));
}
