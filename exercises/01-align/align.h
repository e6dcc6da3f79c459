// Exercise 01-align: alignment and the two kinds of fragmentation.
#ifndef EX_ALIGN_H
#define EX_ALIGN_H
#include <stdint.h>

// Round n up (down) to a multiple of a, a power of two.
uintptr_t ex_alignUp(uintptr_t n, uintptr_t a);
uintptr_t ex_alignDown(uintptr_t n, uintptr_t a);

// The largest power of two dividing size, capped at 8192 (Go's page size):
// the alignment every object of a size class with this object size gets.
// ex_minAlign(0) is 8192.
uintptr_t ex_minAlign(uintptr_t size);

// Internal fragmentation of one request: classes[0..nclasses) is an
// ascending table of object sizes; return the bytes wasted when n (>= 1)
// is served from the smallest class that fits, or -1 if none fits.
long ex_roundupWaste(uintptr_t n, const uint16_t *classes, int nclasses);

// Tail waste of a span of spanBytes holding objects of objSize bytes.
uintptr_t ex_tailWaste(uintptr_t spanBytes, uintptr_t objSize);

// External fragmentation of a run of npages pages, free[i] != 0 when page i
// is free: store the longest run of free pages in *largest and return
// 1 - largest / (free pages), or 0 when no page is free.
double ex_externalFrag(const uint8_t *free, int npages, int *largest);

#endif
