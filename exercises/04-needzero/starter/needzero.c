// Exercise 04-needzero: your implementation.  See statement.tex.
#include "needzero.h"

bool
ex_allocNeedsZero(ex_zheap *h, uintptr_t base, uintptr_t npage)
{
    (void)h, (void)base, (void)npage;
    return true; // TODO: safe, but clears every fresh page for nothing
}
