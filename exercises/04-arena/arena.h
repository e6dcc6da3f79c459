// Exercise 04-arena: the arena index, from an address to its span.
#ifndef EX_ARENA_H
#define EX_ARENA_H
#include <stdint.h>

// The geometry of a heap: Go's constants, as parameters.
typedef struct {
    uintptr_t baseOffset;   // arenaBaseOffset, subtracted from an address before dividing
    unsigned logArenaBytes; // logHeapArenaBytes (26: 64 MiB arenas)
    unsigned l1Bits;        // arenaL1Bits (0 on linux/amd64)
    unsigned l2Bits;        // arenaL2Bits (22 on linux/amd64)
    unsigned logPageSize;   // pageShift (13: 8 KiB pages)
} ex_geometry;

// An arena index, Go's arenaIdx: a uint, so 64 bits here.
typedef uintptr_t ex_arenaIdx;

// The index of the arena that contains p, and the first address of arena i.
ex_arenaIdx ex_arenaIndex(const ex_geometry *g, uintptr_t p);
uintptr_t ex_arenaBase(const ex_geometry *g, ex_arenaIdx i);
// The two halves of an index: the entry of the first level of the index
// (0 when there is no first level) and the entry of the second.
uintptr_t ex_arenaL1(const ex_geometry *g, ex_arenaIdx i);
uintptr_t ex_arenaL2(const ex_geometry *g, ex_arenaIdx i);

// A toy heap: of each arena, only the span of each page (heapArena.spans,
// 2^(logArenaBytes - logPageSize) entries).
typedef struct {
    void **spans;
} ex_heapArena;

// The two-level arena index: arenas has 2^l1Bits entries, each NULL or an
// array of 2^l2Bits entries, each NULL or an arena.
typedef struct {
    ex_geometry g;
    ex_heapArena ***arenas;
} ex_heap;

// The span entry of the page that contains p, or NULL if p is outside the
// index or in an arena that does not exist (mheap.go:spanOf).
void *ex_spanOf(const ex_heap *h, uintptr_t p);

// The byte of the arena's pageInUse bitmap for p's page, and the bit in it.
void ex_pageIndexOf(const ex_geometry *g, uintptr_t p, uintptr_t *pageIdx, uint8_t *pageMask);

#endif
