// Exercise 08-ptrmask: reference solution.
#include <string.h>
#include "ptrmask.h"

enum { ptrSize = 8 };

int
ex_typeMask(uintptr_t size, const uintptr_t *offs, size_t n, uintptr_t *ptrdata, uint8_t *mask,
            size_t masklen)
{
    uintptr_t end = 0;
    for (size_t i = 0; i < n; i++) {
        if (offs[i] % ptrSize != 0 || offs[i] + ptrSize > size)
            return -1;
        if (offs[i] + ptrSize > end)
            end = offs[i] + ptrSize;
    }
    size_t nbytes = (end / ptrSize + 7) / 8;
    if (nbytes > masklen)
        return -1;
    memset(mask, 0, nbytes);
    for (size_t i = 0; i < n; i++) {
        uintptr_t w = offs[i] / ptrSize;
        mask[w / 8] |= (uint8_t)(1 << (w % 8));
    }
    *ptrdata = end;
    return 0;
}

uintptr_t
ex_scanSize(uintptr_t dataSize, uintptr_t typeSize, uintptr_t ptrdata)
{
    // All elements but the last in full, the last up to its last pointer.
    if (dataSize > typeSize)
        return dataSize - typeSize + ptrdata;
    return ptrdata;
}

int
ex_arrayMask(uintptr_t elemSize, uintptr_t elemPtrdata, const uint8_t *elemMask, uintptr_t n,
             uintptr_t *ptrdata, uint8_t *mask, size_t masklen)
{
    if (n == 0 || elemPtrdata == 0) {
        *ptrdata = 0;
        return 0;
    }
    if (elemSize % ptrSize != 0)
        return -1;
    uintptr_t end = (n - 1) * elemSize + elemPtrdata, words = end / ptrSize;
    size_t nbytes = (words + 7) / 8;
    if (nbytes > masklen)
        return -1;
    memset(mask, 0, nbytes);
    uintptr_t elemWords = elemSize / ptrSize;
    for (uintptr_t w = 0; w < words; w++) {
        uintptr_t e = w % elemWords; // the word's place in its element
        if (elemMask[e / 8] >> (e % 8) & 1)
            mask[w / 8] |= (uint8_t)(1 << (w % 8));
    }
    *ptrdata = end;
    return 0;
}
