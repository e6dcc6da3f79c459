// Exercise 19-fillaligned: your implementation.  See statement.tex.
#include "fillaligned.h"

uint64_t
ex_fillAligned(uint64_t x, unsigned m)
{
    (void)m;
    return x; // TODO: every aligned group of m bits that has a one becomes all ones
}

void
ex_findCandidate(const uint64_t busy[ex_chunkPages / 64], unsigned searchIdx, unsigned min, unsigned max,
                 unsigned *start, unsigned *size)
{
    (void)busy, (void)searchIdx, (void)min, (void)max;
    *start = *size = 0; // TODO: the top of the highest free run, at most max pages
}
