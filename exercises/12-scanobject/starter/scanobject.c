// Exercise 12-scanobject: your implementation.  See statement.tex.
#include "scanobject.h"

void
ex_greyobject(ex_heap *h, uintptr_t obj, ex_span *span, uintptr_t objIndex, ex_gcWork *gcw)
{
    (void)h, (void)obj, (void)span, (void)objIndex, (void)gcw; // TODO
}

void
ex_scanobject(ex_heap *h, uintptr_t b, ex_gcWork *gcw)
{
    (void)h, (void)b, (void)gcw; // TODO: oblets, then the words up to the first dead one
}

void
ex_scanConservative(ex_heap *h, uintptr_t b, uintptr_t n, ex_gcWork *gcw)
{
    (void)h, (void)b, (void)n, (void)gcw; // TODO
}
