// Exercise 12-gcwork: your implementation.  See statement.tex.
#include <stddef.h>
#include "gcwork.h"

void
ex_put(ex_gcWork *w, uintptr_t obj)
{
    (void)w, (void)obj; // TODO: the first use, a full primary, a full secondary
}

bool
ex_putFast(ex_gcWork *w, uintptr_t obj)
{
    (void)w, (void)obj;
    return false; // TODO
}

uintptr_t
ex_tryGet(ex_gcWork *w)
{
    (void)w;
    return 0; // TODO
}

uintptr_t
ex_tryGetFast(ex_gcWork *w)
{
    (void)w;
    return 0; // TODO
}

void
ex_dispose(ex_gcWork *w)
{
    (void)w; // TODO
}

void
ex_balance(ex_gcWork *w)
{
    (void)w; // TODO
}

bool
ex_empty(const ex_gcWork *w)
{
    (void)w;
    return false; // TODO
}
