// Exercise 01-align: your implementation.  See statement.tex.
#include "align.h"

uintptr_t
ex_alignUp(uintptr_t n, uintptr_t a)
{
    (void)a;
    return n; // TODO
}

uintptr_t
ex_alignDown(uintptr_t n, uintptr_t a)
{
    (void)a;
    return n; // TODO
}

uintptr_t
ex_minAlign(uintptr_t size)
{
    (void)size;
    return 1; // TODO
}

long
ex_roundupWaste(uintptr_t n, const uint16_t *classes, int nclasses)
{
    (void)n, (void)classes, (void)nclasses;
    return -1; // TODO
}

uintptr_t
ex_tailWaste(uintptr_t spanBytes, uintptr_t objSize)
{
    (void)spanBytes, (void)objSize;
    return 0; // TODO
}

double
ex_externalFrag(const uint8_t *free, int npages, int *largest)
{
    (void)free, (void)npages;
    *largest = -1; // TODO
    return -1;
}
