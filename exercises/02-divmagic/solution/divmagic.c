// Exercise 02-divmagic: reference solution.
#include "divmagic.h"

uint32_t
ex_divMagic(uint32_t d)
{
    return d == 0 ? 0 : UINT32_MAX / d + 1;
}

uint32_t
ex_divide(uint32_t n, uint32_t magic)
{
    return (uint32_t)(((uint64_t)n * magic) >> 32); // the product needs 64 bits
}

static int
bitsLen(uint64_t x)
{
    int n = 0;
    for (; x != 0; x >>= 1)
        n++;
    return n;
}

int
ex_fracBits(uint32_t d, uint32_t max)
{
    if ((d & (d - 1)) == 0) {
        int k = 0;
        while ((UINT32_C(1) << k) != d)
            k++;
        return k;
    }
    int N = bitsLen(max);
    for (int L = 0;; L++)
        if ((uint64_t)d <= ((UINT64_C(1) << (N + L)) % d) + (UINT64_C(1) << L))
            return N + L;
}

int
ex_magicExact(uint32_t d, uint32_t max)
{
    uint32_t m = ex_divMagic(d);
    for (uint64_t n = 0; n <= max; n++)
        if (ex_divide((uint32_t)n, m) != (uint32_t)n / d)
            return 0;
    return 1;
}

static uint8_t
classOf(const uint16_t *sizes, int nclasses, int size)
{
    for (int c = 0; c < nclasses; c++)
        if (sizes[c] >= size)
            return (uint8_t)c;
    return 0;
}

void
ex_buildLookup(const uint16_t *sizes, int nclasses, uint8_t class8[129], uint8_t class128[249])
{
    for (int i = 0; i < 129; i++)
        class8[i] = classOf(sizes, nclasses, 8 * i);
    for (int i = 0; i < 249; i++)
        class128[i] = classOf(sizes, nclasses, 1024 + 128 * i);
}
