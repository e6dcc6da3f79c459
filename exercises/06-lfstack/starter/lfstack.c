// Exercise 06-lfstack: your implementation.  See statement.tex.
#include <stddef.h>
#include "lfstack.h"

uint64_t
ex_lfstackPack(ex_lfnode *node, uintptr_t cnt)
{
    (void)node, (void)cnt;
    return 0; // TODO
}

ex_lfnode *
ex_lfstackUnpack(uint64_t val)
{
    (void)val;
    return NULL; // TODO
}

void
ex_lfstack_push(ex_lfstack *head, ex_lfnode *node)
{
    (void)head, (void)node; // TODO: a compare-and-swap loop
}

ex_lfnode *
ex_lfstack_pop(ex_lfstack *head)
{
    (void)head;
    return NULL; // TODO: a compare-and-swap loop
}
