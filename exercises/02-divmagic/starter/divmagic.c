// Exercise 02-divmagic: your implementation.  See statement.tex.
#include "divmagic.h"

uint32_t
ex_divMagic(uint32_t d)
{
    (void)d;
    return 0; // TODO
}

uint32_t
ex_divide(uint32_t n, uint32_t magic)
{
    (void)n, (void)magic;
    return 0; // TODO: one multiplication, one shift
}

int
ex_fracBits(uint32_t d, uint32_t max)
{
    (void)d, (void)max;
    return 0; // TODO
}

int
ex_magicExact(uint32_t d, uint32_t max)
{
    (void)d, (void)max;
    return 1; // TODO: check by brute force
}

void
ex_buildLookup(const uint16_t *sizes, int nclasses, uint8_t class8[129], uint8_t class128[249])
{
    (void)sizes, (void)nclasses, (void)class8, (void)class128; // TODO
}
