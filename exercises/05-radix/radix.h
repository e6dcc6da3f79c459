// Exercise 05-radix: a small radix tree of summaries and its first-fit search.
// Implement these in radix.c without using libgomm's page allocator.
#ifndef EX_RADIX_H
#define EX_RADIX_H
#include <stdint.h>

enum {
    ex_words = 512,           // words of the bitmap, 64 pages each
    ex_pages = ex_words * 64, // 32768 pages in all
};

// A summary of a region of pages, as in exercise 05-pallocsum, unpacked.
typedef struct {
    unsigned start, max, end;
} ex_rsum;

// The tree has three levels of summaries above the bitmap:
//   sum[2][w], w < 512: the 64 pages of bits[w];
//   sum[1][i], i < 64:  the 512 pages of sum[2][8i .. 8i+7];
//   sum[0][i], i < 8:   the 4096 pages of sum[1][8i .. 8i+7].
// Page p is allocated when bit p % 64 of bits[p / 64] is 1.
typedef struct {
    uint64_t bits[ex_words];
    ex_rsum sum[3][ex_words];
} ex_tree;

// bits[w] has changed: recompute sum[2][w], then the summary of level 1
// above it, then the one of level 0 above that.
void ex_update(ex_tree *t, int w);

// The first page of the lowest-addressed run of npages free pages, or -1 if
// there is none; 1 <= npages <= ex_pages.  Search as the page allocator does:
// scan the 8 entries of level 0, then the 8 children of the entry chosen,
// then the 8 words below that, reading only summaries, and look at bits only
// inside the one word the summaries lead to.
long ex_find(const ex_tree *t, unsigned npages);

#endif
