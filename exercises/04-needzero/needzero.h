// Exercise 04-needzero: which new spans must be zeroed (mheap.go:allocNeedsZero).
#ifndef EX_NEEDZERO_H
#define EX_NEEDZERO_H
#include <stdbool.h>
#include <stdint.h>

enum { ex_pageSize = 8192 };
#define EX_ARENA_BYTES ((uintptr_t)64 << 20)

// A toy heap of narenas contiguous 64 MiB arenas from heapBase, a multiple
// of 64 MiB.  zeroedBase[i] is arena i's heapArena.zeroedBase: the offset
// in the arena below which pages may have been handed out before; above
// it, pages are fresh from mmap, hence zero.
typedef struct {
    uintptr_t heapBase;
    uintptr_t *zeroedBase; // narenas entries, read and updated atomically
    int narenas;
} ex_zheap;

// Whether the npage pages from base (page-aligned, inside the heap, maybe
// over several arenas) may hold old data, so that a span made of them
// must be zeroed before use.  Advance each arena's zeroedBase past the
// part of the range in that arena, never moving it back.
bool ex_allocNeedsZero(ex_zheap *h, uintptr_t base, uintptr_t npage);

#endif
