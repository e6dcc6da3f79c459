// Exercise 19-fillaligned: finding pages to release (Go 1.19's mgcscavenge.go:
// fillAligned, findScavengeCandidate, without huge pages).
#ifndef EX_FILLALIGNED_H
#define EX_FILLALIGNED_H
#include <stdint.h>

#define ex_chunkPages 512

// Each aligned group of m bits (m a power of two, 1 to 64) of x: all ones if
// any bit of the group is one, else all zeros.
uint64_t ex_fillAligned(uint64_t x, unsigned m);

// In a chunk whose busy pages (allocated or already released) are the one bits
// of busy[0..7], search down from the 64-page word holding page searchIdx for
// the highest run of free groups of min pages (min a power of two, at most 8);
// return at most max pages (rounded up to a multiple of min; 0 means min) from
// the top of that run: *start, *size; *size 0 if there is none.
void ex_findCandidate(const uint64_t busy[ex_chunkPages / 64], unsigned searchIdx, unsigned min, unsigned max,
                      unsigned *start, unsigned *size);

#endif
