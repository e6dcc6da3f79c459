// Exercise 06-spanset: your implementation.  See statement.tex.
#include "spanset.h"

int
ex_sweptIndex(uint32_t sg)
{
    (void)sg;
    return 0; // TODO
}

int
ex_unsweptIndex(uint32_t sg)
{
    (void)sg;
    return 0; // TODO
}

int
ex_sweepState(uint32_t spanSg, uint32_t heapSg)
{
    (void)spanSg, (void)heapSg;
    return ex_badSweepgen; // TODO
}

void
ex_spanSet_push(ex_spanSet *b, void *s)
{
    (void)b, (void)s; // TODO
}

void *
ex_spanSet_pop(ex_spanSet *b)
{
    (void)b;
    return NULL; // TODO
}
