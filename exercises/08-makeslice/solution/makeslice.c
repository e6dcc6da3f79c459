// Exercise 08-makeslice: reference solution.
#include "runtime.h" // the size-class tables of chapter 2
#include "makeslice.h"

uintptr_t
ex_mulUintptr(uintptr_t a, uintptr_t b, int *overflow)
{
    // Both below 2^32: the product fits, no division needed.
    if ((a | b) < ((uintptr_t)1 << 32) || a == 0) {
        *overflow = 0;
        return a * b;
    }
    *overflow = b > UINTPTR_MAX / a;
    return a * b;
}

int
ex_makeslice(uintptr_t elemSize, intptr_t len, intptr_t cap, uintptr_t *mem)
{
    int overflow;
    uintptr_t m = ex_mulUintptr(elemSize, (uintptr_t)cap, &overflow);
    if (overflow || m > EX_MAXALLOC || len < 0 || len > cap) {
        // Something is wrong: blame len if len alone is bad, cap otherwise
        // (make([]T, n) passes n as both, and "len" is the clearer message).
        uintptr_t lmem = ex_mulUintptr(elemSize, (uintptr_t)len, &overflow);
        if (overflow || lmem > EX_MAXALLOC || len < 0)
            return ex_errLen;
        return ex_errCap;
    }
    *mem = m;
    return ex_sliceOK;
}

uintptr_t
ex_roundupsize(uintptr_t size)
{
    if (size < _MaxSmallSize) {
        if (size <= smallSizeMax - 8)
            return class_to_size[size_to_class8[divRoundUp(size, smallSizeDiv)]];
        return class_to_size[size_to_class128[divRoundUp(size - smallSizeMax, largeSizeDiv)]];
    }
    if (size + _PageSize < size)
        return size;
    return alignUp(size, _PageSize);
}
