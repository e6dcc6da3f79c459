// Exercise 08-makeslice: makeslice's checks, with error codes instead of panics.
#ifndef EX_MAKESLICE_H
#define EX_MAKESLICE_H
#include <stdint.h>

enum {
    ex_sliceOK = 0,
    ex_errLen = 1, // "makeslice: len out of range"
    ex_errCap = 2, // "makeslice: cap out of range"
};
#define EX_MAXALLOC ((uintptr_t)1 << 48) // malloc.go:maxAlloc on 64-bit Linux

// a * b, and in *overflow whether it overflowed (runtime/internal/math's
// MulUintptr), without a compiler builtin.
uintptr_t ex_mulUintptr(uintptr_t a, uintptr_t b, int *overflow);

// The checks of slice.go:makeslice for make([]T, len, cap) with
// sizeof(T) == elemSize: ex_sliceOK with the bytes to allocate in *mem, or
// the error Go would panic with (*mem is then left alone).
int ex_makeslice(uintptr_t elemSize, intptr_t len, intptr_t cap, uintptr_t *mem);

// The bytes mallocgc hands out for a request of size bytes (msize.go:
// roundupsize): the size of its class for a small request, whole pages for
// a large one, and size itself if rounding up would overflow.
uintptr_t ex_roundupsize(uintptr_t size);

#endif
