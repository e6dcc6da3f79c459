// Exercise 08-tiny: your implementation.  See statement.tex.
#include <string.h>
#include "tiny.h"

uintptr_t
ex_tinyAlign(uintptr_t off, uintptr_t size)
{
    (void)size;
    return off; // TODO
}

uintptr_t
ex_tinyAlloc(ex_tinycache *c, uintptr_t size)
{
    (void)size;
    return c->newBlock(c->arg); // TODO: one block per object wastes most of it
}
