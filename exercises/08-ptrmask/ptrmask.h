// Exercise 08-ptrmask: a type's ptrdata and pointer mask, from its pointer offsets.
#ifndef EX_PTRMASK_H
#define EX_PTRMASK_H
#include <stddef.h>
#include <stdint.h>

// Complete a type of size bytes whose pointer fields are at offs[0..n), in
// any order (typeinit's job): *ptrdata is the length of the prefix that
// holds all the pointers; the mask has one bit per word of that prefix,
// bit w%8 of mask[w/8] set if word w is a pointer.  Exactly
// ceil(ptrdata/8/8) bytes of mask are written.  Return 0; or -1, writing
// nothing, if an offset is not a multiple of 8 or its pointer does not fit
// in the type, or if the mask would need more than masklen bytes.
int ex_typeMask(uintptr_t size, const uintptr_t *offs, size_t n, uintptr_t *ptrdata, uint8_t *mask,
                size_t masklen);

// The bytes of an allocation of dataSize bytes (one value of the type, or
// an array of them) that may hold pointers, as mallocgc counts them in
// scanAlloc.
uintptr_t ex_scanSize(uintptr_t dataSize, uintptr_t typeSize, uintptr_t ptrdata);

// The same as ex_typeMask, for an array of n elements of a type of
// elemSize bytes (a multiple of 8 if it has pointers) with elemPtrdata and
// elemMask: the mask the heap bitmap of such an array repeats.
int ex_arrayMask(uintptr_t elemSize, uintptr_t elemPtrdata, const uint8_t *elemMask, uintptr_t n,
                 uintptr_t *ptrdata, uint8_t *mask, size_t masklen);

#endif
