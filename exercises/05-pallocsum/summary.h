// Exercise 05-pallocsum: packed summaries of page bitmaps, from scratch.
// Implement these in summary.c without using libgomm's page allocator.
#ifndef EX_SUMMARY_H
#define EX_SUMMARY_H
#include <stdint.h>

// A summary of a region of pages: the free pages at its start, the longest
// run of free pages anywhere in it, the free pages at its end.
typedef struct {
    unsigned start, max, end;
} ex_sum;

// Pack a summary into 64 bits as Go's pallocSum does: start in bits 0-20,
// max in bits 21-41, end in bits 42-62.  Every count is at most 1 << 21, and
// it can be 1 << 21 only when all three are; that summary packs to
// 1 << 63 alone.  ex_unpack undoes ex_pack.
uint64_t ex_pack(ex_sum s);
ex_sum ex_unpack(uint64_t p);

// The index of the lowest bit that starts a run of n consecutive 1 bits in
// c, or 64 if there is none.  1 <= n <= 64.
unsigned ex_findBitRange64(uint64_t c, unsigned n);

// The summary of a chunk of 512 pages.  Page i is allocated when bit i % 64
// of bits[i / 64] is 1, free when it is 0.
ex_sum ex_summarize(const uint64_t bits[8]);

// The summary of n >= 1 adjacent regions of (1 << logPages) pages each,
// computed from their summaries alone, first region first.
ex_sum ex_merge(const ex_sum *sums, int n, unsigned logPages);

#endif
