// Exercise 07-nextfree: finding a free slot with allocCache.
#ifndef EX_NEXTFREE_H
#define EX_NEXTFREE_H
#include <stdint.h>

// The fields of an mspan that allocation uses.
typedef struct {
    uintptr_t base;          // startAddr
    uintptr_t elemsize;
    uintptr_t nelems;
    uintptr_t freeindex;     // slots below are not free; 0 <= freeindex <= nelems
    uint64_t allocCache;     // complement of allocBits from freeindex; bit 0 = slot freeindex
    const uint8_t *allocBits; // 1 = allocated; bit n is bit n%8 of byte n/8; whole 8-byte words
    uint16_t allocCount;
} ex_span;

// Load allocCache from the 8 bytes of allocBits from byte whichByte,
// complemented: bit i of the cache is 1 if slot 8*whichByte + i is free.
void ex_refillAllocCache(ex_span *s, uintptr_t whichByte);

// Position allocCache at freeindex, as mcentral's cacheSpan does for a
// span it hands out.
void ex_initAllocCache(ex_span *s);

// malloc.go:nextFreeFast: the address of a free slot found in allocCache
// alone, counted in allocCount; or 0, changing nothing, when the cache has
// no free slot below nelems or when the slot found is the last of a group
// of 64 but not of the span.
uintptr_t ex_nextFreeFast(ex_span *s);

// mbitmap.go:nextFreeIndex: the index of the next free slot at or after
// freeindex, reading further words of allocBits as needed, with freeindex
// moved past it and allocCache kept in step; nelems (with freeindex ==
// nelems) if there is none.  It does not count allocCount.
uintptr_t ex_nextFreeIndex(ex_span *s);

#endif
