// Exercise 02-divmagic: division by multiplication, and the lookup tables.
#ifndef EX_DIVMAGIC_H
#define EX_DIVMAGIC_H
#include <stdint.h>

// The magic multiplier of divisor d >= 2: floor((2^32 - 1) / d) + 1.
// ex_divMagic(0) is 0 (size class 0 has no objects).
uint32_t ex_divMagic(uint32_t d);

// n / d computed as (n * magic) / 2^32, magic being ex_divMagic(d).
uint32_t ex_divide(uint32_t n, uint32_t magic);

// The fractional bits F the formula needs to be exact for every n in
// [0, max] (computeDivMagic's F): log2(d) for a power of two, otherwise
// N + L for the smallest L with d <= (2^(N+L) mod d) + 2^L, N being the
// bit length of max.
int ex_fracBits(uint32_t d, uint32_t max);

// 1 if ex_divide(n, ex_divMagic(d)) == n / d for every n in [0, max], else 0.
int ex_magicExact(uint32_t d, uint32_t max);

// The two lookup tables of mallocgc, for the ascending class sizes
// sizes[0..nclasses), sizes[0] being 0: class8[i] (i in 0..128) is the
// smallest class whose size is at least 8*i, class128[i] (i in 0..248) the
// smallest class whose size is at least 1024 + 128*i (0 if none is).
void ex_buildLookup(const uint16_t *sizes, int nclasses, uint8_t class8[129], uint8_t class128[249]);

#endif
