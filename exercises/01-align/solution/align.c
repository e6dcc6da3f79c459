// Exercise 01-align: reference solution.
#include "align.h"

uintptr_t
ex_alignUp(uintptr_t n, uintptr_t a)
{
    return (n + a - 1) & ~(a - 1);
}

uintptr_t
ex_alignDown(uintptr_t n, uintptr_t a)
{
    return n & ~(a - 1);
}

uintptr_t
ex_minAlign(uintptr_t size)
{
    if (size == 0)
        return 8192;
    uintptr_t a = size & -size; // the lowest set bit
    return a > 8192 ? 8192 : a;
}

long
ex_roundupWaste(uintptr_t n, const uint16_t *classes, int nclasses)
{
    for (int i = 0; i < nclasses; i++)
        if (classes[i] >= n)
            return (long)(classes[i] - n);
    return -1;
}

uintptr_t
ex_tailWaste(uintptr_t spanBytes, uintptr_t objSize)
{
    return spanBytes % objSize;
}

double
ex_externalFrag(const uint8_t *free, int npages, int *largest)
{
    int total = 0, run = 0;
    *largest = 0;
    for (int i = 0; i < npages; i++) {
        run = free[i] ? run + 1 : 0;
        total += free[i] != 0;
        if (run > *largest)
            *largest = run;
    }
    return total == 0 ? 0 : 1 - (double)*largest / total;
}
