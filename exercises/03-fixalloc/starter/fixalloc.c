// Exercise 03-fixalloc: your implementation.  See statement.tex.
#include <string.h>
#include "fixalloc.h"

void
ex_fixalloc_init(ex_fixalloc *f, uintptr_t size, void (*first)(void *arg, void *p), void *arg,
                 ex_chunkSource chunkAlloc, void *carg)
{
    (void)f, (void)size, (void)first, (void)arg, (void)chunkAlloc, (void)carg; // TODO
}

void *
ex_fixalloc_alloc(ex_fixalloc *f)
{
    (void)f;
    return NULL; // TODO
}

void
ex_fixalloc_free(ex_fixalloc *f, void *p)
{
    (void)f, (void)p; // TODO
}
