// Exercise 08-ptrmask: your implementation.  See statement.tex.
#include <string.h>
#include "ptrmask.h"

int
ex_typeMask(uintptr_t size, const uintptr_t *offs, size_t n, uintptr_t *ptrdata, uint8_t *mask,
            size_t masklen)
{
    (void)size, (void)offs, (void)n, (void)mask, (void)masklen;
    *ptrdata = size; // TODO: conservative, but the collector would scan every word
    return 0;
}

uintptr_t
ex_scanSize(uintptr_t dataSize, uintptr_t typeSize, uintptr_t ptrdata)
{
    (void)typeSize, (void)ptrdata;
    return dataSize; // TODO
}

int
ex_arrayMask(uintptr_t elemSize, uintptr_t elemPtrdata, const uint8_t *elemMask, uintptr_t n,
             uintptr_t *ptrdata, uint8_t *mask, size_t masklen)
{
    (void)elemPtrdata, (void)elemMask, (void)mask, (void)masklen;
    *ptrdata = n * elemSize; // TODO
    return 0;
}
