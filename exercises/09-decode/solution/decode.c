// Exercise 09-decode: reference solution.
#include "decode.h"

void
ex_decode(uint8_t b, int w, int *ptr, int *scan)
{
    *ptr = b >> w & 1;       // pointer bits: the low nibble
    *scan = b >> (w + 4) & 1; // scan bits: the high nibble
}

int
ex_pointerWords(const uint8_t *bitmap, uintptr_t start, uintptr_t maxWords, uintptr_t *ptrs)
{
    int n = 0;
    for (uintptr_t i = 0; i < maxWords; i++) {
        int ptr, scan;
        uintptr_t word = start + i;
        ex_decode(bitmap[word / 4], (int)(word % 4), &ptr, &scan);
        if (!scan)
            break; // dead: no more pointers in this object
        if (ptr)
            ptrs[n++] = i;
    }
    return n;
}

uint8_t
ex_encode(unsigned ptrs, unsigned scans)
{
    return (uint8_t)((ptrs & 0xf) | (scans & 0xf) << 4);
}
