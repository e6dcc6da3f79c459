// Exercise 09-decode: your implementation.  See statement.tex.
#include "decode.h"

void
ex_decode(uint8_t b, int w, int *ptr, int *scan)
{
    (void)b, (void)w;
    *ptr = *scan = -1; // TODO
}

int
ex_pointerWords(const uint8_t *bitmap, uintptr_t start, uintptr_t maxWords, uintptr_t *ptrs)
{
    (void)bitmap, (void)start, (void)maxWords, (void)ptrs;
    return -1; // TODO
}

uint8_t
ex_encode(unsigned ptrs, unsigned scans)
{
    (void)ptrs, (void)scans;
    return 0xff; // TODO
}
