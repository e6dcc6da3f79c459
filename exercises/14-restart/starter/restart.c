// Exercise 14-restart: your implementation.  See statement.tex.
#include "restart.h"

bool
ex_registerSites(uintptr_t *start, uintptr_t *stop)
{
    (void)start, (void)stop;
    return false; // TODO: refuse, deduplicate, sort in place, publish
}

size_t
ex_modules(void)
{
    return 0; // TODO
}

uintptr_t
ex_restartPC(uintptr_t pc)
{
    return pc; // TODO: a binary search in each table
}

void
ex_forgetSites(void)
{
    // TODO
}
