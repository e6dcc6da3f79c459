// Exercise 83-cycles: your implementation.  See statement.tex.
#include <stddef.h>
#include "cycles.h"

void
ex_updateRefs(ex_heap *h)
{
    (void)h; // TODO
}

void
ex_subtractRefs(ex_heap *h)
{
    (void)h; // TODO
}

int
ex_moveUnreachable(ex_heap *h, uint8_t *unreachable)
{
    (void)h, (void)unreachable;
    return 0; // TODO: with an explicit stack or list, not recursion
}

int
ex_collect(ex_heap *h, uint8_t *unreachable)
{
    (void)h, (void)unreachable;
    return 0; // TODO
}
