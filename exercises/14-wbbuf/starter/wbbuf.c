// Exercise 14-wbbuf: your implementation.  See statement.tex.
#include "wbbuf.h"

void
ex_reset(ex_wbBuf *b)
{
    (void)b; // TODO
}

bool
ex_empty(const ex_wbBuf *b)
{
    (void)b;
    return false; // TODO
}

bool
ex_putFast(ex_wbBuf *b, uintptr_t old, uintptr_t new)
{
    (void)b, (void)old, (void)new;
    return false; // TODO
}

void
ex_flush(ex_wbBuf *b, ex_heap *h)
{
    (void)b, (void)h; // TODO: filter, mark once, count the noscan objects, queue the rest in one batch, reset
}

void
ex_writePointer(ex_wbBuf *b, ex_heap *h, bool enabled, uintptr_t *slot, uintptr_t ptr)
{
    (void)b, (void)h, (void)enabled, (void)slot, (void)ptr; // TODO
}
