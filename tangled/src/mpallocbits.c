// tangled from chapters/05-pagealloc.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// A chunk's bitmaps: ranges of bits, summaries, searches (Go's mpallocbits.go).
#include <string.h>
#include "runtime.h"

// The n low bits set, for 0 <= n <= 64.
static inline uint64 mask64(uintptr n) { return n >= 64 ? ~(uint64)0 : ((uint64)1 << n) - 1; }
void
pageBits_setRange(pageBits *b, uintptr i, uintptr n)
{
    if (n == 1) {
        pageBits_set(b, i);
        return;
    }
    uintptr j = i + n - 1; // the last bit of the range
    if (i / 64 == j / 64) {
        b->b[i / 64] |= mask64(n) << (i % 64);
        return;
    }
    b->b[i / 64] |= ~(uint64)0 << (i % 64);
    for (uintptr k = i / 64 + 1; k < j / 64; k++)
        b->b[k] = ~(uint64)0;
    b->b[j / 64] |= mask64(j % 64 + 1);
}

void
pageBits_setAll(pageBits *b)
{
    memset(b->b, 0xff, sizeof b->b);
}

void
pageBits_clearRange(pageBits *b, uintptr i, uintptr n)
{
    if (n == 1) {
        pageBits_clear(b, i);
        return;
    }
    uintptr j = i + n - 1;
    if (i / 64 == j / 64) {
        b->b[i / 64] &= ~(mask64(n) << (i % 64));
        return;
    }
    b->b[i / 64] &= ~(~(uint64)0 << (i % 64));
    for (uintptr k = i / 64 + 1; k < j / 64; k++)
        b->b[k] = 0;
    b->b[j / 64] &= ~mask64(j % 64 + 1);
}

void
pageBits_clearAll(pageBits *b)
{
    memset(b->b, 0, sizeof b->b);
}

uintptr
pageBits_popcntRange(pageBits *b, uintptr i, uintptr n)
{
    uintptr j = i + n - 1;
    if (i / 64 == j / 64)
        return sys_OnesCount64((b->b[i / 64] >> (i % 64)) & mask64(n));
    uintptr s = sys_OnesCount64(b->b[i / 64] >> (i % 64));
    for (uintptr k = i / 64 + 1; k < j / 64; k++)
        s += sys_OnesCount64(b->b[k]);
    return s + sys_OnesCount64(b->b[j / 64] & mask64(j % 64 + 1));
}
uintptr
findBitRange64(uint64 c, uintptr n)
{
    uintptr p = n - 1; // how many more bits every run must lose
    uintptr k = 1;     // every gap of 0s between runs is at least this long
    while (p > 0) {
        if (p <= k) {
            c &= c >> (p & 63);
            break;
        }
        c &= c >> (k & 63);
        if (c == 0)
            return 64;
        p -= k;
        k *= 2;
    }
    return sys_TrailingZeros64(c);
}
// The length of the longest run of 0s strictly inside x (with 1s on both
// sides) if it is longer than max, else max.  x is not 0.
static uintptr
longerInteriorRun(uint64 x, uintptr max)
{
    x >>= sys_TrailingZeros64(x) & 63;
    if ((x & (x + 1)) == 0)
        return max;
    uintptr p = max, k = 1;
    for (;;) {
        while (p > 0) { // shrink every run of 0s by p
            uintptr s = p <= k ? p : k;
            x |= x >> (s & 63);
            if ((x & (x + 1)) == 0)
                return max;
            if (p <= k)
                break;
            p -= k;
            k *= 2;
        }
        uintptr ones = sys_TrailingZeros64(~x); // the run of 1s at the bottom
        x >>= ones & 63;
        uintptr j = sys_TrailingZeros64(x);     // the lowest surviving run of 0s
        x >>= j & 63;
        max += j;
        if ((x & (x + 1)) == 0)
            return max;
        p = j;
    }
}

pallocSum
pallocBits_summarize(pallocBits *b)
{
    const uintptr notSetYet = ~(uintptr)0;
    const int nwords = sizeof b->b / sizeof b->b[0];
    uintptr start = notSetYet, max = 0, cur = 0;
    for (int i = 0; i < nwords; i++) {
        uint64 x = b->b[i];
        if (x == 0) {
            cur += 64;
            continue;
        }
        cur += sys_TrailingZeros64(x); // the run in progress ends here
        if (start == notSetYet)
            start = cur;
        if (cur > max)
            max = cur;
        cur = sys_LeadingZeros64(x); // a new run starts at the top of x
    }
    if (start == notSetYet)
        return packPallocSum(pallocChunkPages, pallocChunkPages, pallocChunkPages);
    if (cur > max)
        max = cur;
    if (max < 64 - 2)
        for (int i = 0; i < nwords; i++)
            max = longerInteriorRun(b->b[i], max);
    return packPallocSum(start, max, cur);
}
uintptr
pallocBits_find1(pallocBits *b, uintptr searchIdx)
{
    for (uintptr i = searchIdx / 64; i < pallocChunkPages / 64; i++) {
        uint64 x = b->b[i];
        if (~x != 0)
            return i * 64 + sys_TrailingZeros64(~x);
    }
    return ~(uintptr)0;
}

uintptr
pallocBits_findSmallN(pallocBits *b, uintptr npages, uintptr searchIdx, uintptr *newSearchIdx)
{
    uintptr end = 0; // free pages at the top of the previous word
    *newSearchIdx = ~(uintptr)0;
    for (uintptr i = searchIdx / 64; i < pallocChunkPages / 64; i++) {
        uint64 bi = b->b[i];
        if (~bi == 0) {
            end = 0;
            continue;
        }
        if (*newSearchIdx == ~(uintptr)0)
            *newSearchIdx = i * 64 + sys_TrailingZeros64(~bi);
        uintptr start = sys_TrailingZeros64(bi);
        if (end + start >= npages)
            return i * 64 - end;
        uintptr j = findBitRange64(~bi, npages);
        if (j < 64)
            return i * 64 + j;
        end = sys_LeadingZeros64(bi);
    }
    return ~(uintptr)0;
}

uintptr
pallocBits_findLargeN(pallocBits *b, uintptr npages, uintptr searchIdx, uintptr *newSearchIdx)
{
    uintptr start = ~(uintptr)0, size = 0; // the run being followed
    *newSearchIdx = ~(uintptr)0;
    for (uintptr i = searchIdx / 64; i < pallocChunkPages / 64; i++) {
        uint64 x = b->b[i];
        if (x == ~(uint64)0) {
            size = 0;
            continue;
        }
        if (*newSearchIdx == ~(uintptr)0)
            *newSearchIdx = i * 64 + sys_TrailingZeros64(~x);
        if (size == 0) {
            size = sys_LeadingZeros64(x);
            start = i * 64 + 64 - size;
            continue;
        }
        uintptr s = sys_TrailingZeros64(x);
        if (s + size >= npages)
            return start;
        if (s < 64) { // x has a 1: the run ends; a new one may start at its top
            size = sys_LeadingZeros64(x);
            start = i * 64 + 64 - size;
            continue;
        }
        size += 64;
    }
    return size < npages ? ~(uintptr)0 : start;
}

uintptr
pallocBits_find(pallocBits *b, uintptr npages, uintptr searchIdx, uintptr *newSearchIdx)
{
    if (npages == 1) {
        uintptr addr = pallocBits_find1(b, searchIdx);
        *newSearchIdx = addr;
        return addr;
    }
    if (npages <= 64)
        return pallocBits_findSmallN(b, npages, searchIdx, newSearchIdx);
    return pallocBits_findLargeN(b, npages, searchIdx, newSearchIdx);
}
void
pallocBits_allocRange(pallocBits *b, uintptr i, uintptr n)
{
    pageBits_setRange(b, i, n);
}

void
pallocBits_allocAll(pallocBits *b)
{
    pageBits_setAll(b);
}

void
pallocBits_free1(pallocBits *b, uintptr i)
{
    pageBits_clear(b, i);
}

void
pallocBits_free(pallocBits *b, uintptr i, uintptr n)
{
    pageBits_clearRange(b, i, n);
}

void
pallocBits_freeAll(pallocBits *b)
{
    pageBits_clearAll(b);
}

uint64
pallocBits_pages64(pallocBits *b, uintptr i)
{
    return pageBits_block64(b, i);
}

void
pallocBits_allocPages64(pallocBits *b, uintptr i, uint64 alloc)
{
    pageBits_setBlock64(b, i, alloc);
}

void
pallocData_allocRange(pallocData *m, uintptr i, uintptr n)
{
    pallocBits_allocRange(&m->pallocBits, i, n);
    pageBits_clearRange(&m->scavenged, i, n);
}

void
pallocData_allocAll(pallocData *m)
{
    pallocBits_allocAll(&m->pallocBits);
    pageBits_clearAll(&m->scavenged);
}
