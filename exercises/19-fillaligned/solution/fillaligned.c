// Exercise 19-fillaligned: a reference solution.
#include "fillaligned.h"

uint64_t
ex_fillAligned(uint64_t x, unsigned m)
{
    uint64_t c;
    switch (m) {
    case 1: return x;
    case 2: c = 0x5555555555555555; break;
    case 4: c = 0x7777777777777777; break;
    case 8: c = 0x7f7f7f7f7f7f7f7f; break;
    case 16: c = 0x7fff7fff7fff7fff; break;
    case 32: c = 0x7fffffff7fffffff; break;
    default: c = 0x7fffffffffffffff; break;
    }
    x = ~((((x & c) + c) | x) | c);
    return ~((x - (x >> (m - 1))) | x);
}

static unsigned
lz(uint64_t x)
{
    return x == 0 ? 64 : (unsigned)__builtin_clzll(x);
}

void
ex_findCandidate(const uint64_t busy[ex_chunkPages / 64], unsigned searchIdx, unsigned min, unsigned max,
                 unsigned *start, unsigned *size)
{
    max = max == 0 ? min : (max + min - 1) / min * min;
    int i = (int)(searchIdx / 64);
    for (; i >= 0; i--)
        if (ex_fillAligned(busy[i], min) != ~(uint64_t)0)
            break;
    if (i < 0) {
        *start = *size = 0;
        return;
    }
    uint64_t x = ex_fillAligned(busy[i], min);
    unsigned z1 = lz(~x), run, end = (unsigned)i * 64 + (64 - z1);
    if (x << z1 != 0) {
        run = lz(x << z1);
    } else {
        run = 64 - z1;
        for (int j = i - 1; j >= 0; j--) {
            uint64_t y = ex_fillAligned(busy[j], min);
            run += lz(y);
            if (y != 0)
                break;
        }
    }
    *size = run < max ? run : max;
    *start = end - *size;
}
