// tangled from chapters/05-pagealloc.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// CUnit tests of the page allocator: bitmaps, summaries, the radix tree, the page cache.
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "testing.h"
#include "runtime.h"

static uint64 rngState = 0x9e3779b97f4a7c15ULL;

static uint64
rand64(void)
{
    rngState ^= rngState >> 12;
    rngState ^= rngState << 25;
    rngState ^= rngState >> 27;
    return rngState * 0x2545f4914f6cdd1dULL;
}

static uintptr
randn(uintptr n)
{
    return (uintptr)(rand64() % n);
}

static void
randomBits(pageBits *b, int kind)
{
    static const uintptr bounds[] = {3, 20, 100, 600};
    switch (kind % 4) {
    case 0:
        for (int i = 0; i < pallocChunkPages / 64; i++)
            b->b[i] = rand64();
        break;
    case 1: {
        uintptr bound = bounds[randn(4)], i = 0;
        bool used = randn(2);
        pageBits_clearAll(b);
        while (i < pallocChunkPages) {
            for (uintptr n = 1 + randn(bound); n > 0 && i < pallocChunkPages; n--, i++)
                if (used)
                    pageBits_set(b, i);
            used = !used;
        }
        break;
    }
    case 2:
        pageBits_clearAll(b);
        for (uintptr k = randn(6); k > 0; k--)
            pageBits_set(b, randn(pallocChunkPages));
        break;
    default:
        pageBits_setAll(b);
        for (uintptr k = randn(6); k > 0; k--)
            pageBits_clear(b, randn(pallocChunkPages));
        break;
    }
}
static bool
isSet(const pageBits *b, uintptr i)
{
    return (b->b[i / 64] >> (i % 64)) & 1;
}

static void
bruteSummary(const pageBits *b, uintptr *start, uintptr *max, uintptr *end)
{
    uintptr cur = 0;
    *start = *max = 0;
    bool atStart = true;
    for (uintptr i = 0; i < pallocChunkPages; i++) {
        if (isSet(b, i)) {
            cur = 0;
            atStart = false;
            continue;
        }
        cur++;
        if (atStart)
            (*start)++;
        if (cur > *max)
            *max = cur;
    }
    *end = cur;
}

static uintptr
bruteFind(const pageBits *b, uintptr npages, uintptr from)
{
    uintptr run = 0;
    for (uintptr i = from; i < pallocChunkPages; i++) {
        run = isSet(b, i) ? 0 : run + 1;
        if (run == npages)
            return i + 1 - npages;
    }
    return ~(uintptr)0;
}

// For each bit of c, the length of the run of 1s that starts there.
static void
runsOfOnes(uint64 c, uintptr runs[65])
{
    runs[64] = 0;
    for (int i = 63; i >= 0; i--)
        runs[i] = (c >> i) & 1 ? runs[i + 1] + 1 : 0;
}
static void
test_findBitRange64(void)
{
    CU_ASSERT(findBitRange64(0, 1) >= 64);
    CU_ASSERT_EQUAL(findBitRange64(~(uint64)0, 64), 0);
    CU_ASSERT_EQUAL(findBitRange64(0xf0, 4), 4);
    CU_ASSERT(findBitRange64(0xf0, 5) >= 64);
    CU_ASSERT_EQUAL(findBitRange64(0x8000000000000000ULL, 1), 63);
    CU_ASSERT_EQUAL(findBitRange64(0xff00ff0fULL, 8), 8); // the first run of 8, not the first 1
    int bad = 0;
    for (int iter = 0; iter < 3000; iter++) {
        uint64 c = rand64();
        switch (iter % 4) {
        case 1: c |= rand64() | rand64(); break;  // dense
        case 2: c &= rand64() & rand64(); break;  // sparse
        case 3: c = ~(uint64)0 >> randn(64) << randn(64); break;
        }
        uintptr runs[65];
        runsOfOnes(c, runs);
        for (uintptr n = 1; n <= 64; n++) {
            uintptr want = 64;
            for (uintptr i = 0; i + n <= 64; i++)
                if (runs[i] >= n) {
                    want = i;
                    break;
                }
            uintptr got = findBitRange64(c, n);
            if (want == 64 ? got < 64 : got != want) {
                if (bad++ == 0)
                    fprintf(stderr, "\nfindBitRange64(0x%llx, %lu) = %lu, want %lu\n",
                            (unsigned long long)c, (unsigned long)n, (unsigned long)got,
                            (unsigned long)want);
            }
        }
    }
    CU_ASSERT_EQUAL(bad, 0);
}

static void
test_pageBits_ranges(void)
{
    int bad = 0;
    for (int iter = 0; iter < 3000; iter++) {
        pageBits b, want;
        randomBits(&b, iter);
        uintptr i = randn(pallocChunkPages), n = 1 + randn(pallocChunkPages - i);
        if (iter % 5 == 0) // a whole aligned word
            i = 64 * randn(pallocChunkPages / 64), n = 64;
        uintptr count = 0;
        for (uintptr k = i; k < i + n; k++)
            count += isSet(&b, k);
        if (pageBits_popcntRange(&b, i, n) != count)
            bad++;
        want = b;
        for (uintptr k = i; k < i + n; k++)
            pageBits_set(&want, k);
        pageBits test = b;
        pageBits_setRange(&test, i, n);
        bad += memcmp(&test, &want, sizeof want) != 0;
        for (uintptr k = i; k < i + n; k++)
            pageBits_clear(&want, k);
        test = b;
        pageBits_clearRange(&test, i, n);
        bad += memcmp(&test, &want, sizeof want) != 0;
        if (bad != 0) {
            fprintf(stderr, "\nrange [%lu, %lu) of a bitmap of kind %d\n", (unsigned long)i,
                    (unsigned long)(i + n), iter % 4);
            break;
        }
    }
    CU_ASSERT_EQUAL(bad, 0);
}

static int
checkSummary(pageBits *b)
{
    uintptr start, max, end;
    bruteSummary(b, &start, &max, &end);
    pallocSum got = pallocBits_summarize(b), want = packPallocSum(start, max, end);
    if (got == want)
        return 0;
    fprintf(stderr, "\nsummarize = (%lu, %lu, %lu), want (%lu, %lu, %lu)\n",
            (unsigned long)pallocSum_start(got), (unsigned long)pallocSum_max(got),
            (unsigned long)pallocSum_end(got), (unsigned long)start, (unsigned long)max,
            (unsigned long)end);
    return 1;
}

static void
test_summarize(void)
{
    pageBits b;
    pageBits_clearAll(&b);
    CU_ASSERT_EQUAL(pallocBits_summarize(&b), freeChunkSum);
    pageBits_setAll(&b);
    CU_ASSERT_EQUAL(pallocBits_summarize(&b), 0);
    int bad = 0;
    for (uintptr i = 0; i < pallocChunkPages && bad == 0; i++) { // one free page
        pageBits_setAll(&b);
        pageBits_clear(&b, i);
        bad += checkSummary(&b);
    }
    for (uintptr len = 1; len <= 62 && bad == 0; len++) { // interior runs only
        pageBits_setAll(&b);
        uintptr w = randn(pallocChunkPages / 64), off = 1 + randn(63 - len);
        pageBits_clearRange(&b, 64 * w + off, len);
        if (len > 1)
            pageBits_clearRange(&b, 64 * ((w + 3) % 8) + 1, len - 1);
        bad += checkSummary(&b);
    }
    for (int iter = 0; iter < 4000 && bad == 0; iter++) {
        randomBits(&b, iter);
        bad += checkSummary(&b);
    }
    CU_ASSERT_EQUAL(bad, 0);
}

static void
test_find(void)
{
    static const uintptr sizes[] = {1,  2,   3,   5,   8,   13,  31,  32,  33,  63,
                                    64, 65, 100, 127, 128, 129, 200, 300, 511, 512};
    int bad = 0;
    for (int iter = 0; iter < 2000 && bad == 0; iter++) {
        pageBits b;
        randomBits(&b, iter);
        for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
            uintptr n = sizes[k], newIdx = 12345;
            uintptr searchIdx = iter % 2 ? randn(pallocChunkPages) : 0;
            uintptr from = alignDown(searchIdx, 64);
            uintptr got = pallocBits_find(&b, n, searchIdx, &newIdx);
            uintptr want = bruteFind(&b, n, from);
            bool ok = got == want && (want == ~(uintptr)0 || newIdx == bruteFind(&b, 1, from));
            if (!ok && bad++ == 0)
                fprintf(stderr, "\nfind(%lu, %lu) = %ld (next %ld), "
                                "want %ld (next %ld), kind %d\n",
                        (unsigned long)n, (unsigned long)searchIdx, (long)got, (long)newIdx,
                        (long)want, (long)bruteFind(&b, 1, from), iter % 4);
        }
    }
    CU_ASSERT_EQUAL(bad, 0);
}
static void
test_packing(void)
{
    CU_ASSERT_EQUAL(packPallocSum(0, 0, 0), 0);
    CU_ASSERT_EQUAL(packPallocSum(512, 512, 512), freeChunkSum);
    pallocSum all = packPallocSum(maxPackedValue, maxPackedValue, maxPackedValue);
    CU_ASSERT_EQUAL(all, (pallocSum)1 << 63);
    CU_ASSERT_EQUAL(pallocSum_start(all), maxPackedValue);
    CU_ASSERT_EQUAL(pallocSum_max(all), maxPackedValue);
    CU_ASSERT_EQUAL(pallocSum_end(all), maxPackedValue);
    int bad = 0;
    for (int iter = 0; iter < 100000; iter++) {
        uintptr s = randn(maxPackedValue), m = randn(maxPackedValue), e = randn(maxPackedValue);
        uintptr s2, m2, e2;
        pallocSum_unpack(packPallocSum(s, m, e), &s2, &m2, &e2);
        bad += s != s2 || m != m2 || e != e2;
    }
    CU_ASSERT_EQUAL(bad, 0);
}

static void
test_mergeSummaries(void)
{
    enum { n = 8, total = n * pallocChunkPages };
    int bad = 0;
    for (int iter = 0; iter < 400 && bad == 0; iter++) {
        pageBits chunk[n];
        pallocSum sums[n];
        for (int i = 0; i < n; i++) {
            uintptr kind = randn(6);
            if (kind == 4)
                pageBits_clearAll(&chunk[i]);
            else if (kind == 5)
                pageBits_setAll(&chunk[i]);
            else
                randomBits(&chunk[i], (int)kind);
            sums[i] = pallocBits_summarize(&chunk[i]);
        }
        uintptr start = 0, max = 0, cur = 0;
        bool atStart = true;
        for (uintptr p = 0; p < total; p++) {
            if (isSet(&chunk[p / pallocChunkPages], p % pallocChunkPages)) {
                cur = 0;
                atStart = false;
                continue;
            }
            cur++;
            start += atStart;
            if (cur > max)
                max = cur;
        }
        pallocSum got = mergeSummaries(sums, n, logPallocChunkPages);
        if (got != packPallocSum(start, max, cur)) {
            bad++;
            fprintf(stderr, "\nmerge = (%lu, %lu, %lu), want (%lu, %lu, %lu)\n",
                    (unsigned long)pallocSum_start(got), (unsigned long)pallocSum_max(got),
                    (unsigned long)pallocSum_end(got), (unsigned long)start, (unsigned long)max,
                    (unsigned long)cur);
        }
    }
    CU_ASSERT_EQUAL(bad, 0);
}
#define heapBase ((uintptr)0xc000000000)

typedef struct testHeap {
    pageAlloc p;
    mutex lock;
    sysMemStat stat;
} testHeap;

static testHeap *
newTestHeap(void)
{
    testHeap *h = calloc(1, sizeof *h);
    if (h == NULL)
        abort();
    pageAlloc_init(&h->p, &h->lock, &h->stat);
    h->p.test = true;
    lock(&h->lock);
    return h;
}

static void
freeTestHeap(testHeap *h)
{
    pageAlloc *p = &h->p;
    for (int l = 0; l < summaryLevels; l++) {
        uintptr entries = (uintptr)1 << (heapAddrBits - levelShift[l]);
        sysFreeOS(p->summary[l], alignUp(entries * sizeof(pallocSum), physPageSize));
    }
    atomic_Xadd64(&gcController.mappedReady, -(int64)p->summaryMappedReady);
    sysMemStat_add(p->sysStat, -(int64)p->summaryMappedReady);
    for (int i = 0; i < 1 << pallocChunksL1Bits; i++)
        if (p->chunks[i] != NULL)
            sysFree(p->chunks[i], sizeof(pallocData) << pallocChunksL2Bits, p->sysStat);
    if (atomic_Load(&h->lock.key) != 0)
        unlock(&h->lock);
    free(h);
}

static uintptr
pg(uintptr base, uintptr n)
{
    return base + n * pageSize;
}
static uintptr
laterMapped(pageAlloc *p)
{
    uintptr n = 0;
    (void)p;
    // Later chapters' hooks: what they map as the heap grows
    n += p->scav.index.mapped;
    return n;
}

static void
test_grow(void)
{
    testHeap *h = newTestHeap();
    pageAlloc *p = &h->p;
    uintptr scav;
    uint64 stat0 = sysMemStat_load(&h->stat);
    CU_ASSERT_EQUAL(stat0, 16 * sizeof(addrRange));
    CU_ASSERT(offAddr_equal(p->searchAddr, maxSearchAddr()));
    CU_ASSERT_EQUAL(pageAlloc_alloc(p, 1, &scav), 0);
    pageAlloc_grow(p, heapBase, pallocChunkBytes);
    CU_ASSERT_EQUAL(p->start, chunkIndex(heapBase));
    CU_ASSERT_EQUAL(p->end, chunkIndex(heapBase) + 1);
    CU_ASSERT_EQUAL(p->inUse.len, 1);
    CU_ASSERT_EQUAL(p->inUse.totalBytes, pallocChunkBytes);
    CU_ASSERT_EQUAL(p->searchAddr.a, heapBase);
    CU_ASSERT_EQUAL(p->summary[summaryLevels - 1][chunkIndex(heapBase)], freeChunkSum);
    for (int l = 0; l < summaryLevels - 1; l++) {
        int idx = offAddrToLevelIndex(l, (offAddr){heapBase});
        CU_ASSERT_EQUAL(p->summary[l][idx], packPallocSum(512, 512, 0));
    }
    uintptr root = ((uintptr)1 << summaryL0Bits) * sizeof(pallocSum);
    uintptr mapped = alignUp(root, physPageSize) + 4 * physPageSize;
    uintptr l2bytes = sizeof(pallocData) << pallocChunksL2Bits;
    CU_ASSERT_EQUAL(p->summaryMappedReady - laterMapped(p), mapped);
    CU_ASSERT_EQUAL(sysMemStat_load(&h->stat), stat0 + mapped + l2bytes + laterMapped(p));
    pallocData *chunk = pageAlloc_chunkOf(p, chunkIndex(heapBase));
    CU_ASSERT_EQUAL(pageBits_popcntRange(&chunk->scavenged, 0, 512), 512);
    CU_ASSERT_EQUAL(pageBits_popcntRange(&chunk->pallocBits, 0, 512), 0);

    pageAlloc_grow(p, heapBase + pallocChunkBytes, pallocChunkBytes);
    CU_ASSERT_EQUAL(p->summaryMappedReady - laterMapped(p), mapped);
    CU_ASSERT_EQUAL(p->inUse.len, 1);
    int root0 = offAddrToLevelIndex(0, (offAddr){heapBase});
    CU_ASSERT_EQUAL(p->summary[0][root0], packPallocSum(1024, 1024, 0));

    uintptr far = heapBase + ((uintptr)1 << 40), extra = 0;
    for (int l = 1; l < summaryLevels; l++) {
        uintptr a = (uintptr)offAddrToLevelIndex(l, (offAddr){heapBase}) * sizeof(pallocSum);
        uintptr b = (uintptr)offAddrToLevelIndex(l, (offAddr){far}) * sizeof(pallocSum);
        extra += a / physPageSize != b / physPageSize ? physPageSize : 0;
    }
    CU_ASSERT(extra > 0);
    pageAlloc_grow(p, far + 5 * pageSize, 3 * pageSize); // rounded out to one whole chunk
    CU_ASSERT_EQUAL(p->summaryMappedReady - laterMapped(p), mapped + extra);
    CU_ASSERT_EQUAL(p->inUse.len, 2);
    CU_ASSERT_EQUAL(p->inUse.ranges[1].base.a, far);
    CU_ASSERT_EQUAL(p->inUse.ranges[1].limit.a, far + pallocChunkBytes);
    CU_ASSERT_EQUAL(p->summary[summaryLevels - 1][chunkIndex(far)], freeChunkSum);
    CU_ASSERT_EQUAL(p->searchAddr.a, heapBase);

    uintptr farther = far + 2 * (uintptr)pallocChunkBytes;
    pageAlloc_grow(p, farther - pageSize, 2 * pageSize); // two chunks; both must be visible
    CU_ASSERT_EQUAL(p->summary[summaryLevels - 1][chunkIndex(farther) - 1], freeChunkSum);
    CU_ASSERT_EQUAL(p->summary[summaryLevels - 1][chunkIndex(farther)], freeChunkSum);
    CU_ASSERT_EQUAL(p->end, chunkIndex(farther) + 1);
    CU_ASSERT_EQUAL(pageAlloc_alloc(p, 1, &scav), heapBase);
    CU_ASSERT_EQUAL(scav, pageSize);
    freeTestHeap(h);
}

static void
test_maxPacked(void)
{
    testHeap *h = newTestHeap();
    pageAlloc *p = &h->p;
    uintptr base = (uintptr)0x400000000000, size = (uintptr)1 << 34, scav;
    pageAlloc_grow(p, base, size);
    int r = offAddrToLevelIndex(0, (offAddr){base});
    CU_ASSERT_EQUAL(p->summary[0][r], (pallocSum)1 << 63);
    CU_ASSERT_EQUAL(pageAlloc_alloc(p, maxPackedValue, &scav), base);
    CU_ASSERT_EQUAL(scav, size);
    CU_ASSERT_EQUAL(p->summary[0][r], 0);
    CU_ASSERT_EQUAL(pageAlloc_alloc(p, 1, &scav), 0);
    pageAlloc_free(p, base, maxPackedValue, false);
    CU_ASSERT_EQUAL(p->summary[0][r], (pallocSum)1 << 63);
    CU_ASSERT_EQUAL(pageAlloc_alloc(p, 1, &scav), base);
    CU_ASSERT_EQUAL(scav, 0); // freed pages are not scavenged
    CU_ASSERT_EQUAL(p->summary[0][r], packPallocSum(0, maxPackedValue - 1, maxPackedValue - 1));
    freeTestHeap(h);
}

static void
test_twoArenas(void)
{
    testHeap *h = newTestHeap();
    pageAlloc *p = &h->p;
    uintptr A = heapArenaBytes, scav;
    void *r = sysReserve(NULL, 4 * A);
    CU_ASSERT_FATAL(r != NULL);
    uintptr base = alignUp((uintptr)r, A);
    pageAlloc_grow(p, base, A);
    pageAlloc_grow(p, base + 2 * A, A);
    CU_ASSERT_EQUAL(p->inUse.len, 2);
    CU_ASSERT_EQUAL(pageAlloc_alloc(p, pagesPerArena + 1, &scav), 0);
    CU_ASSERT_EQUAL(pageAlloc_alloc(p, pagesPerArena, &scav), base);
    CU_ASSERT_EQUAL(scav, A);
    CU_ASSERT_EQUAL(pageAlloc_alloc(p, pagesPerArena, &scav), base + 2 * A);
    CU_ASSERT_EQUAL(pageAlloc_alloc(p, 1, &scav), 0);
    CU_ASSERT(offAddr_equal(p->searchAddr, maxSearchAddr()));
    pageAlloc_grow(p, base + A, A);
    CU_ASSERT_EQUAL(p->inUse.len, 1);
    CU_ASSERT_EQUAL(p->inUse.totalBytes, 3 * A);
    CU_ASSERT_EQUAL(p->searchAddr.a, base + A);
    CU_ASSERT_EQUAL(pageAlloc_alloc(p, pagesPerArena, &scav), base + A);
    CU_ASSERT_EQUAL(scav, A);
    pageAlloc_free(p, base, 3 * pagesPerArena, false);
    CU_ASSERT_EQUAL(pageAlloc_alloc(p, 3 * pagesPerArena, &scav), base);
    CU_ASSERT_EQUAL(scav, 0);
    CU_ASSERT_EQUAL(pageAlloc_alloc(p, 1, &scav), 0);
    sysFreeOS(r, 4 * A);
    freeTestHeap(h);
}
static void
test_allocPages(void)
{
    testHeap *h = newTestHeap();
    pageAlloc *p = &h->p;
    uintptr scav;
    int bad = 0;
    pageAlloc_grow(p, heapBase, pallocChunkBytes);
    for (uintptr i = 0; i < pallocChunkPages; i++) {
        bad += pageAlloc_alloc(p, 1, &scav) != pg(heapBase, i) || scav != pageSize;
        bad += p->searchAddr.a != pg(heapBase, i); // the first free page the search saw
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(p->summary[summaryLevels - 1][chunkIndex(heapBase)], 0);
    CU_ASSERT_EQUAL(pageAlloc_alloc(p, 1, &scav), 0);
    CU_ASSERT(offAddr_equal(p->searchAddr, maxSearchAddr()));
    pageAlloc_grow(p, heapBase + pallocChunkBytes, pallocChunkBytes);
    CU_ASSERT_EQUAL(p->searchAddr.a, heapBase + pallocChunkBytes);
    CU_ASSERT_EQUAL(pageAlloc_alloc(p, pallocChunkPages, &scav), heapBase + pallocChunkBytes);
    CU_ASSERT_EQUAL(scav, pallocChunkBytes);
    freeTestHeap(h);
}

static void
test_crossChunks(void)
{
    testHeap *h = newTestHeap();
    pageAlloc *p = &h->p;
    uintptr scav;
    chunkIdx c0 = chunkIndex(heapBase);
    pallocSum *leaves = p->summary[summaryLevels - 1];
    pageAlloc_grow(p, heapBase, 3 * pallocChunkBytes);
    CU_ASSERT_EQUAL(pageAlloc_alloc(p, 300, &scav), heapBase);
    CU_ASSERT_EQUAL(pageAlloc_alloc(p, 400, &scav), pg(heapBase, 300));
    CU_ASSERT_EQUAL(scav, 400 * pageSize);
    CU_ASSERT_EQUAL(leaves[c0], 0);
    CU_ASSERT_EQUAL(leaves[c0 + 1], packPallocSum(0, 324, 324));
    CU_ASSERT_EQUAL(leaves[c0 + 2], freeChunkSum);
    int l3 = offAddrToLevelIndex(3, (offAddr){heapBase});
    CU_ASSERT_EQUAL(p->summary[3][l3], packPallocSum(0, 836, 0));
    CU_ASSERT_EQUAL(pageAlloc_alloc(p, 800, &scav), pg(heapBase, 700));
    CU_ASSERT_EQUAL(pageAlloc_alloc(p, 37, &scav), 0);
    CU_ASSERT_FALSE(offAddr_equal(p->searchAddr, maxSearchAddr())); // smaller runs may remain
    CU_ASSERT_EQUAL(pageAlloc_alloc(p, 36, &scav), pg(heapBase, 1500));
    CU_ASSERT_EQUAL(pageAlloc_alloc(p, 1, &scav), 0);
    CU_ASSERT(offAddr_equal(p->searchAddr, maxSearchAddr()));
    pageAlloc_free(p, pg(heapBase, 300), 400, false);
    CU_ASSERT_EQUAL(p->searchAddr.a, pg(heapBase, 300));
    CU_ASSERT_EQUAL(pageAlloc_alloc(p, 401, &scav), 0);
    CU_ASSERT_EQUAL(pageAlloc_alloc(p, 400, &scav), pg(heapBase, 300));
    CU_ASSERT_EQUAL(scav, 0);
    freeTestHeap(h);
}

static void
test_firstFit(void)
{
    testHeap *h = newTestHeap();
    pageAlloc *p = &h->p;
    uintptr scav;
    int bad = 0;
    pageAlloc_grow(p, heapBase, pallocChunkBytes);
    CU_ASSERT_EQUAL(pageAlloc_alloc(p, pallocChunkPages, &scav), heapBase);
    pageAlloc_free(p, pg(heapBase, 200), 10, false);
    pageAlloc_free(p, pg(heapBase, 100), 3, false);
    pageAlloc_free(p, pg(heapBase, 10), 5, false);
    CU_ASSERT_EQUAL(pageAlloc_alloc(p, 3, &scav), pg(heapBase, 10));
    CU_ASSERT_EQUAL(pageAlloc_alloc(p, 3, &scav), pg(heapBase, 100));
    CU_ASSERT_EQUAL(pageAlloc_alloc(p, 3, &scav), pg(heapBase, 200));
    CU_ASSERT_EQUAL(pageAlloc_alloc(p, 8, &scav), 0);
    CU_ASSERT_EQUAL(pageAlloc_alloc(p, 7, &scav), pg(heapBase, 203));
    CU_ASSERT_EQUAL(pageAlloc_alloc(p, 2, &scav), pg(heapBase, 13));
    CU_ASSERT_EQUAL(pageAlloc_alloc(p, 1, &scav), 0);
    for (uintptr i = pallocChunkPages - 1; i >= 257; i -= 2)
        pageAlloc_free(p, pg(heapBase, i), 1, false);
    CU_ASSERT_EQUAL(p->summary[4][chunkIndex(heapBase)], packPallocSum(0, 1, 1));
    CU_ASSERT_EQUAL(pageAlloc_alloc(p, 2, &scav), 0);
    for (uintptr i = 257; i < pallocChunkPages; i += 2)
        bad += pageAlloc_alloc(p, 1, &scav) != pg(heapBase, i);
    CU_ASSERT_EQUAL(bad, 0);
    pageAlloc_free(p, pg(heapBase, 301), 1, false);
    pageAlloc_free(p, pg(heapBase, 300), 1, false);
    CU_ASSERT_EQUAL(pageAlloc_alloc(p, 2, &scav), pg(heapBase, 300));
    freeTestHeap(h);
}

static void
test_allocRange(void)
{
    testHeap *h = newTestHeap();
    pageAlloc *p = &h->p;
    uintptr scav;
    pageAlloc_grow(p, heapBase, pallocChunkBytes);
    CU_ASSERT_EQUAL(pageAlloc_allocRange(p, pg(heapBase, 10), 20), 20 * pageSize);
    CU_ASSERT_EQUAL(p->searchAddr.a, heapBase);
    CU_ASSERT_EQUAL(pageAlloc_alloc(p, 15, &scav), pg(heapBase, 30));
    CU_ASSERT_EQUAL(scav, 15 * pageSize);
    pageAlloc_free(p, pg(heapBase, 10), 20, false);
    CU_ASSERT_EQUAL(pageAlloc_alloc(p, 25, &scav), heapBase);
    CU_ASSERT_EQUAL(scav, 10 * pageSize);
    CU_ASSERT_EQUAL(pageAlloc_allocRange(p, pg(heapBase, 25), 5), 0);
    freeTestHeap(h);
}
static void
test_pageCache(void)
{
    testHeap *h = newTestHeap();
    pageAlloc *p = &h->p;
    uintptr scav;
    pageAlloc_grow(p, heapBase, 2 * pallocChunkBytes);
    pallocData *chunk = pageAlloc_chunkOf(p, chunkIndex(heapBase));
    CU_ASSERT_EQUAL(pageAlloc_allocRange(p, pg(heapBase, 3), 2), 2 * pageSize);
    CU_ASSERT_EQUAL(pageAlloc_allocRange(p, pg(heapBase, 70), 1), pageSize);
    CU_ASSERT_EQUAL(pageAlloc_allocRange(p, pg(heapBase, 1), 2), 2 * pageSize);
    pageAlloc_free(p, pg(heapBase, 1), 2, false); // pages 1 and 2: free, not scavenged

    pageCache c = pageAlloc_allocToCache(p);
    CU_ASSERT_EQUAL(c.base, heapBase);
    CU_ASSERT_EQUAL(c.cache, ~(uint64)0x18);
    CU_ASSERT_EQUAL(c.scav, ~(uint64)0x1e);
    CU_ASSERT_EQUAL(p->searchAddr.a, pg(heapBase, 63));
    CU_ASSERT_EQUAL(pallocBits_pages64(&chunk->pallocBits, 0), ~(uint64)0);
    CU_ASSERT_EQUAL(pageBits_block64(&chunk->scavenged, 0), 0);
    CU_ASSERT_EQUAL(pageCache_alloc(&c, 1, &scav), heapBase);
    CU_ASSERT_EQUAL(scav, pageSize);
    CU_ASSERT_EQUAL(pageCache_alloc(&c, 1, &scav), pg(heapBase, 1));
    CU_ASSERT_EQUAL(scav, 0);
    CU_ASSERT_EQUAL(pageCache_alloc(&c, 3, &scav), pg(heapBase, 5));
    CU_ASSERT_EQUAL(scav, 3 * pageSize);

    pageCache d = pageAlloc_allocToCache(p);
    CU_ASSERT_EQUAL(d.base, pg(heapBase, 64));
    CU_ASSERT_EQUAL(d.cache, ~((uint64)1 << 6));
    CU_ASSERT_EQUAL(pageCache_alloc(&d, 64, &scav), 0);
    CU_ASSERT_FALSE(pageCache_empty(&d));
    CU_ASSERT_EQUAL(pageCache_alloc(&d, 6, &scav), pg(heapBase, 64));

    pageCache_flush(&c, p);
    CU_ASSERT(pageCache_empty(&c));
    CU_ASSERT_EQUAL(p->searchAddr.a, heapBase);
    CU_ASSERT_EQUAL(pageAlloc_alloc(p, 1, &scav), pg(heapBase, 2));
    CU_ASSERT_EQUAL(scav, 0);
    CU_ASSERT_EQUAL(pageAlloc_alloc(p, 1, &scav), pg(heapBase, 8));
    CU_ASSERT_EQUAL(scav, pageSize); // its scavenged bit came back with the flush
    pageCache_flush(&d, p);
    CU_ASSERT_EQUAL(pageAlloc_alloc(p, 57, &scav), pg(heapBase, 71));

    CU_ASSERT_NOT_EQUAL(pageAlloc_alloc(p, 1, &scav), 0);
    while (pageAlloc_alloc(p, 1, &scav) != 0)
        ;
    pageCache e = pageAlloc_allocToCache(p);
    CU_ASSERT(pageCache_empty(&e));
    CU_ASSERT(offAddr_equal(p->searchAddr, maxSearchAddr()));
    freeTestHeap(h);
}

static void
test_pageCacheAlloc(void)
{
    uintptr scav;
    pageCache f = {heapBase, ~(uint64)0, 0x8000000000000005ULL};
    CU_ASSERT_EQUAL(pageCache_alloc(&f, 63, &scav), heapBase);
    CU_ASSERT_EQUAL(scav, 2 * pageSize);
    CU_ASSERT_EQUAL(f.cache, (uint64)1 << 63);
    CU_ASSERT_EQUAL(f.scav, (uint64)1 << 63);
    CU_ASSERT_EQUAL(pageCache_alloc(&f, 2, &scav), 0);
    CU_ASSERT_EQUAL(pageCache_alloc(&f, 1, &scav), pg(heapBase, 63));
    CU_ASSERT_EQUAL(scav, pageSize);
    CU_ASSERT(pageCache_empty(&f));
    CU_ASSERT_EQUAL(pageCache_alloc(&f, 1, &scav), 0);
    pageCache g = {heapBase, ~(uint64)0, 0};
    CU_ASSERT_EQUAL(pageCache_alloc(&g, 64, &scav), heapBase);
    CU_ASSERT(pageCache_empty(&g));
    pageCache k = {heapBase, 0xf0f0f0f0f0f0f0f0ULL, 0x00000000f0000000ULL};
    CU_ASSERT_EQUAL(pageCache_alloc(&k, 4, &scav), pg(heapBase, 4));
    CU_ASSERT_EQUAL(scav, 0);
    CU_ASSERT_EQUAL(pageCache_alloc(&k, 5, &scav), 0);
    CU_ASSERT_EQUAL(pageCache_alloc(&k, 3, &scav), pg(heapBase, 12));
    CU_ASSERT_EQUAL(pageCache_alloc(&k, 4, &scav), pg(heapBase, 20));
    CU_ASSERT_EQUAL(pageCache_alloc(&k, 4, &scav), pg(heapBase, 28));
    CU_ASSERT_EQUAL(scav, 4 * pageSize);
    CU_ASSERT_EQUAL(pageCache_alloc(&k, 1, &scav), pg(heapBase, 15));
}

enum { cacheThreads = 4, cacheRounds = 300 };
static testHeap *cacheHeap;
static uint8 pageHeld[pallocChunkPages];
static uint32 cacheErrors;

static void *
cacheWorker(void *arg)
{
    pageAlloc *p = &cacheHeap->p;
    for (int round = 0; round < cacheRounds; round++) {
        lock(&cacheHeap->lock);
        pageCache c = pageAlloc_allocToCache(p);
        unlock(&cacheHeap->lock);
        uintptr got[pageCachePages], k = 0, a, scav;
        uintptr npages = 1 + (uintptr)(round + (intptr_t)arg) % 3;
        while ((a = pageCache_alloc(&c, npages, &scav)) != 0) {
            uint8 *held = &pageHeld[(a - heapBase) / pageSize];
            got[k++] = a;
            for (uintptr i = 0; i < npages; i++)
                if (__atomic_exchange_n(&held[i], 1, __ATOMIC_SEQ_CST) != 0)
                    __atomic_add_fetch(&cacheErrors, 1, __ATOMIC_SEQ_CST);
        }
        for (uintptr j = 0; j < k; j++)
            for (uintptr i = 0; i < npages; i++)
                __atomic_store_n(&pageHeld[(got[j] - heapBase) / pageSize + i], 0,
                                 __ATOMIC_SEQ_CST);
        lock(&cacheHeap->lock);
        for (uintptr j = 0; j < k; j++)
            pageAlloc_free(p, got[j], npages, false);
        pageCache_flush(&c, p);
        unlock(&cacheHeap->lock);
    }
    return NULL;
}

static void
test_pageCacheThreads(void)
{
    cacheHeap = newTestHeap();
    pageAlloc_grow(&cacheHeap->p, heapBase, pallocChunkBytes);
    unlock(&cacheHeap->lock);
    pthread_t t[cacheThreads];
    for (intptr_t i = 0; i < cacheThreads; i++)
        CU_ASSERT_FATAL(pthread_create(&t[i], NULL, cacheWorker, (void *)i) == 0);
    for (int i = 0; i < cacheThreads; i++)
        pthread_join(t[i], NULL);
    lock(&cacheHeap->lock);
    CU_ASSERT_EQUAL(cacheErrors, 0);
    CU_ASSERT_EQUAL(cacheHeap->p.summary[4][chunkIndex(heapBase)], freeChunkSum);
    CU_ASSERT_EQUAL(cacheHeap->p.searchAddr.a, heapBase);
    freeTestHeap(cacheHeap);
}
static void
test_addrRanges(void)
{
    sysMemStat stat = 0;
    addrRanges a;
    addrRanges_init(&a, &stat);
    CU_ASSERT_EQUAL(stat, 16 * sizeof(addrRange));
    const uintptr B = heapBase, M = 1 << 20;
    addrRanges_add(&a, makeAddrRange(B + 2 * M, B + 3 * M));
    addrRanges_add(&a, makeAddrRange(B + 5 * M, B + 6 * M));
    CU_ASSERT_EQUAL(a.len, 2);
    addrRanges_add(&a, makeAddrRange(B + 3 * M, B + 4 * M)); // touches the one below
    CU_ASSERT_EQUAL(a.len, 2);
    CU_ASSERT_EQUAL(a.ranges[0].limit.a, B + 4 * M);
    addrRanges_add(&a, makeAddrRange(B + 4 * M, B + 5 * M)); // fills the gap
    CU_ASSERT_EQUAL(a.len, 1);
    addrRanges_add(&a, makeAddrRange(B + M, B + 2 * M));     // touches the one above
    CU_ASSERT_EQUAL(a.len, 1);
    CU_ASSERT_EQUAL(a.ranges[0].base.a, B + M);
    CU_ASSERT_EQUAL(a.ranges[0].limit.a, B + 6 * M);
    CU_ASSERT_EQUAL(a.totalBytes, 5 * M);
    CU_ASSERT(addrRanges_contains(&a, B + M));
    CU_ASSERT(!addrRanges_contains(&a, B + M - 1));
    CU_ASSERT(!addrRanges_contains(&a, B + 6 * M));
    uintptr x;
    CU_ASSERT(addrRanges_findAddrGreaterEqual(&a, B, &x) && x == B + M);
    CU_ASSERT(addrRanges_findAddrGreaterEqual(&a, B + 3 * M, &x) && x == B + 3 * M);
    CU_ASSERT(!addrRanges_findAddrGreaterEqual(&a, B + 6 * M, &x));

    enum { n = 40 };
    int order[n];
    for (int i = 0; i < n; i++)
        order[i] = i;
    for (int i = n - 1; i > 0; i--) {
        int j = (int)randn((uintptr)i + 1), t = order[i];
        order[i] = order[j], order[j] = t;
    }
    for (int i = 0; i < n; i++) {
        uintptr base = B + (100 + 2 * (uintptr)order[i]) * M;
        addrRanges_add(&a, makeAddrRange(base, base + M));
    }
    CU_ASSERT_EQUAL(a.len, n + 1);
    CU_ASSERT_EQUAL(a.cap, 64);
    CU_ASSERT_EQUAL(stat, (16 + 32 + 64) * sizeof(addrRange));
    CU_ASSERT_EQUAL(a.totalBytes, (5 + n) * M);
    int bad = 0;
    for (int i = 1; i <= n; i++) {
        uintptr base = B + (100 + 2 * (uintptr)(i - 1)) * M;
        bad += a.ranges[i].base.a != base || a.ranges[i].limit.a != base + M;
        bad += addrRanges_findSucc(&a, base) != i + 1;     // inside range i
        bad += addrRanges_findSucc(&a, base - 1) != i;     // in the gap below it
        bad += addrRanges_findSucc(&a, base + M) != i + 1; // in the gap above it
        bad += !addrRanges_findAddrGreaterEqual(&a, base - 1, &x) || x != base;
    }
    CU_ASSERT_EQUAL(bad, 0);

    addrRange r = makeAddrRange(B + 10, B + 20), d;
    CU_ASSERT_EQUAL(addrRange_size(addrRange_subtract(r, makeAddrRange(B, B + 30))), 0);
    d = addrRange_subtract(r, makeAddrRange(B + 15, B + 30));
    CU_ASSERT(d.base.a == B + 10 && d.limit.a == B + 15);
    d = addrRange_subtract(r, makeAddrRange(B, B + 15));
    CU_ASSERT(d.base.a == B + 15 && d.limit.a == B + 20);
    d = addrRange_subtract(r, makeAddrRange(B + 30, B + 40));
    CU_ASSERT(d.base.a == B + 10 && d.limit.a == B + 20);
#if defined(__x86_64__)
    CU_ASSERT(offAddr_lessThan((offAddr){0xffff900000000000}, (offAddr){0x1000}));
    CU_ASSERT(offAddr_lessThan(minOffAddr, (offAddr){0}));
    CU_ASSERT_EQUAL(maxOffAddr.a, 0x00007fffffffffff);
#endif
}
enum { modelChunks = 12, modelPages = modelChunks * pallocChunkPages, modelOps = 4000 };

static struct {
    uint8 grown[modelPages], used[modelPages], scav[modelPages];
    struct { uintptr page, n; } runs[modelPages]; // allocated and not yet freed
    int nruns;
    int op; // the operation under way, for messages
} model;

static bool
modelFree(intptr_t i)
{
    return i >= 0 && i < modelPages && model.grown[i] && !model.used[i];
}

static intptr_t
modelFirstFit(uintptr n)
{
    uintptr run = 0;
    for (intptr_t i = 0; i < modelPages; i++) {
        run = modelFree(i) ? run + 1 : 0;
        if (run == n)
            return i + 1 - (intptr_t)n;
    }
    return -1;
}

// Marks n pages allocated; returns how many were scavenged.
static uintptr
modelAlloc(uintptr page, uintptr n)
{
    uintptr s = 0;
    for (uintptr i = page; i < page + n; i++) {
        s += model.scav[i];
        model.used[i] = 1;
        model.scav[i] = 0;
    }
    model.runs[model.nruns].page = page;
    model.runs[model.nruns++].n = n;
    return s;
}

static void
expect(bool ok, const char *what, long long got, long long want)
{
    if (!ok) {
        fprintf(stderr, "\nop %d: %s: got %lld, want %lld\n", model.op, what, got, want);
        CU_FAIL_FATAL("the page allocator and the model disagree");
    }
}

static pallocSum
modelSummary(intptr_t lo, intptr_t n)
{
    uintptr start = 0, max = 0, cur = 0;
    bool atStart = lo >= 0;
    for (intptr_t i = lo < 0 ? 0 : lo; i < lo + n && i < modelPages; i++) {
        if (!modelFree(i)) {
            cur = 0;
            atStart = false;
            continue;
        }
        cur++;
        start += atStart;
        if (cur > max)
            max = cur;
    }
    return packPallocSum(start, max, lo + n > modelPages ? 0 : cur);
}

static void
checkSearchAddr(pageAlloc *p)
{
    if (offAddr_equal(p->searchAddr, maxSearchAddr())) {
        expect(modelFirstFit(1) < 0, "a free page, searchAddr at max", modelFirstFit(1), -1);
        return;
    }
    expect(addrRanges_contains(&p->inUse, p->searchAddr.a), "searchAddr in inUse",
           (long long)p->searchAddr.a, 0);
    intptr_t below = (intptr_t)(p->searchAddr.a - heapBase) / pageSize;
    for (intptr_t i = 0; i < below && i < modelPages; i++)
        expect(!modelFree(i), "a free page below searchAddr", i, below);
}

static void
checkModel(pageAlloc *p)
{
    for (uintptr i = 0; i < modelPages; i++) {
        if (!model.grown[i])
            continue;
        pallocData *chunk = pageAlloc_chunkOf(p, chunkIndex(pg(heapBase, i)));
        uintptr j = i % pallocChunkPages;
        expect(pageBits_get(&chunk->pallocBits, j) == model.used[i], "allocation bit",
               (long long)i, model.used[i]);
        expect(pageBits_get(&chunk->scavenged, j) == model.scav[i], "scavenged bit",
               (long long)i, model.scav[i]);
    }
    for (int l = 0; l < summaryLevels; l++) {
        int lo, hi;
        addrsToSummaryRange(l, heapBase, pg(heapBase, modelPages), &lo, &hi);
        for (int idx = lo; idx < hi; idx++) {
            intptr_t first = (intptr_t)(levelIndexToOffAddr(l, idx).a - heapBase) / pageSize;
            pallocSum want = modelSummary(first, (intptr_t)1 << levelLogPages[l]);
            expect(p->summary[l][idx] == want, "summary", (long long)p->summary[l][idx],
                   (long long)want);
        }
    }
}

static void
opAlloc(pageAlloc *p)
{
    uintptr r = randn(100), scav;
    uintptr n = r < 30 ? 1 : r < 60 ? 1 + randn(16) : r < 90 ? 1 + randn(300) : 1 + randn(1536);
    uintptr addr = pageAlloc_alloc(p, n, &scav);
    intptr_t want = modelFirstFit(n);
    expect(addr == (want < 0 ? 0 : pg(heapBase, (uintptr)want)), "alloc address (in pages)",
           addr == 0 ? -1 : (long long)(addr - heapBase) / pageSize, want);
    if (want >= 0)
        expect(scav == modelAlloc((uintptr)want, n) * pageSize, "alloc scav", (long long)scav,
               -1);
}

static void
opFree(pageAlloc *p)
{
    int k = (int)randn((uintptr)model.nruns);
    uintptr page = model.runs[k].page, n = model.runs[k].n;
    model.runs[k] = model.runs[--model.nruns];
    if (n > 2 && randn(2)) { // free a middle piece; the ends stay allocated as two runs
        uintptr off = 1 + randn(n - 2), len = 1 + randn(n - 1 - off);
        model.runs[model.nruns].page = page;
        model.runs[model.nruns++].n = off;
        model.runs[model.nruns].page = page + off + len;
        model.runs[model.nruns++].n = n - off - len;
        page += off, n = len;
    }
    pageAlloc_free(p, pg(heapBase, page), n, false);
    for (uintptr i = page; i < page + n; i++)
        model.used[i] = 0;
}

static void
opAllocRange(pageAlloc *p)
{
    intptr_t start = (intptr_t)randn(modelPages);
    while (start < modelPages && !modelFree(start))
        start++;
    uintptr n = 0;
    while (modelFree(start + (intptr_t)n) && n < 100)
        n++;
    if (n == 0)
        return;
    n = 1 + randn(n);
    uintptr scav = pageAlloc_allocRange(p, pg(heapBase, (uintptr)start), n);
    expect(scav == modelAlloc((uintptr)start, n) * pageSize, "allocRange scav",
           (long long)scav, -1);
}

static void
opPageCache(pageAlloc *p)
{
    pageCache c = pageAlloc_allocToCache(p);
    intptr_t first = modelFirstFit(1);
    if (first < 0) {
        expect(pageCache_empty(&c), "empty cache", (long long)c.cache, 0);
        return;
    }
    uintptr block = alignDown((uintptr)first, 64);
    uint64 wantCache = 0, wantScav = 0;
    uint8 cacheScav[64];
    for (uintptr i = 0; i < 64; i++) {
        cacheScav[i] = model.scav[block + i];
        if (modelFree((intptr_t)(block + i))) {
            wantCache |= (uint64)1 << i;
            wantScav |= (uint64)model.scav[block + i] << i;
            model.used[block + i] = 1;
            model.scav[block + i] = 0;
        }
    }
    expect(c.base == pg(heapBase, block), "cache base (in pages)",
           (long long)(c.base - heapBase) / pageSize, (long long)block);
    expect(c.cache == wantCache && c.scav == wantScav, "cache bits", (long long)c.cache,
           (long long)wantCache);
    for (uintptr k = randn(8); k > 0; k--) {
        uintptr n = 1 + randn(4), scav, s = 0;
        uintptr want = findBitRange64(wantCache, n), addr = pageCache_alloc(&c, n, &scav);
        if (want >= 64) {
            expect(addr == 0, "cache alloc", (long long)addr, 0);
            continue;
        }
        for (uintptr i = want; i < want + n; i++) {
            s += cacheScav[i] & (wantScav >> i);
            wantCache &= ~((uint64)1 << i);
        }
        expect(addr == pg(heapBase, block + want), "cache alloc (in pages)",
               (long long)(addr - heapBase) / pageSize, (long long)(block + want));
        expect(scav == s * pageSize, "cache alloc scav", (long long)scav,
               (long long)(s * pageSize));
        model.runs[model.nruns].page = block + want;
        model.runs[model.nruns++].n = n;
    }
    pageCache_flush(&c, p);
    for (uintptr i = 0; i < 64; i++)
        if ((wantCache >> i) & 1) {
            model.used[block + i] = 0;
            model.scav[block + i] = cacheScav[i];
        }
}

static void
growModel(pageAlloc *p, uintptr firstChunk, uintptr nchunks)
{
    pageAlloc_grow(p, heapBase + firstChunk * pallocChunkBytes, nchunks * pallocChunkBytes);
    uintptr first = firstChunk * pallocChunkPages, limit = first + nchunks * pallocChunkPages;
    for (uintptr i = first; i < limit; i++)
        model.grown[i] = model.scav[i] = 1;
}

static void
test_randomAgainstModel(void)
{
    testHeap *h = newTestHeap();
    pageAlloc *p = &h->p;
    memset(&model, 0, sizeof model);
    growModel(p, 0, 6);
    checkModel(p);
    for (model.op = 0; model.op < modelOps; model.op++) {
        if (model.op == modelOps / 3) {
            growModel(p, 8, 4);
            expect(p->inUse.len == 2, "inUse ranges", p->inUse.len, 2);
            checkModel(p);
        }
        if (model.op == 2 * modelOps / 3) {
            growModel(p, 6, 2);
            expect(p->inUse.len == 1, "inUse ranges", p->inUse.len, 1);
            checkModel(p);
        }
        uintptr r = randn(100);
        if (r < 50 || model.nruns == 0)
            opAlloc(p);
        else if (r < 88)
            opFree(p);
        else if (r < 94)
            opAllocRange(p);
        else
            opPageCache(p);
        checkSearchAddr(p);
        if (model.op % 100 == 0)
            checkModel(p);
    }
    checkModel(p);
    freeTestHeap(h);
}
static void
lyingLeaf(void)
{
    testHeap *h = newTestHeap();
    uintptr scav;
    pageAlloc_grow(&h->p, heapBase, pallocChunkBytes);
    pageAlloc_allocRange(&h->p, heapBase, pallocChunkPages);
    h->p.summary[summaryLevels - 1][chunkIndex(heapBase)] = packPallocSum(0, 10, 0);
    pageAlloc_alloc(&h->p, 5, &scav);
}

static void
lyingRoot(void)
{
    testHeap *h = newTestHeap();
    uintptr scav;
    pageAlloc_grow(&h->p, heapBase, pallocChunkBytes);
    pageAlloc_allocRange(&h->p, heapBase, pallocChunkPages);
    h->p.summary[0][offAddrToLevelIndex(0, (offAddr){heapBase})] = packPallocSum(0, 100, 0);
    pageAlloc_alloc(&h->p, 5, &scav);
}

static void
zeroRange(void)
{
    sysMemStat stat = 0;
    addrRanges a;
    addrRanges_init(&a, &stat);
    addrRanges_add(&a, makeAddrRange(0x1000, 0x1000));
}

static void
test_fatal(void)
{
    CU_ASSERT_EQUAL(inchild(lyingLeaf), 2);
    CU_ASSERT_STRING_EQUAL(childerr, "runtime: max = 10, npages = 5\n"
                                     "runtime: searchIdx = 0, p.searchAddr = 0xc000000000\n"
                                     "fatal error: bad summary data\n");
    // The lying root entry and the first of its children, computed from the constants.
    uintptr off = heapBase - arenaBaseOffset;
    unsigned long root = off >> (logPallocChunkBytes + (summaryLevels - 1) * summaryLevelBits);
    unsigned long child = off >> (logPallocChunkBytes + (summaryLevels - 2) * summaryLevelBits);
    CU_ASSERT_EQUAL(child, root << summaryLevelBits);
#if defined(__x86_64__)
    CU_ASSERT_EQUAL(root, 8240); // what Go prints on amd64: heapBase's offset is 2^47 + 768 GiB
    CU_ASSERT_EQUAL(child, 65920);
#endif
    char want[128];
    CU_ASSERT_EQUAL(inchild(lyingRoot), 2);
    snprintf(want, sizeof want, "runtime: summary[0][%lu] = 0, 100, 0\n"
                                "runtime: level = 1, npages = 5, j0 = 0\n", root);
    CU_ASSERT_PTR_NOT_NULL(strstr(childerr, want));
    snprintf(want, sizeof want, "runtime: summary[1][%lu] = (0, 0, 0)\n", child);
    CU_ASSERT_PTR_NOT_NULL(strstr(childerr, want));
    CU_ASSERT_PTR_NOT_NULL(strstr(childerr, "\nfatal error: bad summary data\n"));
    CU_ASSERT_EQUAL(inchild(zeroRange), 2);
    CU_ASSERT_STRING_EQUAL(childerr,
                           "runtime: range = {0x1000, 0x1000}\n"
                           "fatal error: attempted to add zero-sized address range\n");
}

int
main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite s = CU_add_suite("pagealloc", NULL, NULL);
    CU_add_test(s, "findBitRange64 against brute force", test_findBitRange64);
    CU_add_test(s, "pageBits: setRange, clearRange, popcntRange", test_pageBits_ranges);
    CU_add_test(s, "pallocBits_summarize against brute force", test_summarize);
    CU_add_test(s, "pallocBits_find against first fit", test_find);
    CU_add_test(s, "pallocSum packing and the max-packed flag", test_packing);
    CU_add_test(s, "mergeSummaries against brute force", test_mergeSummaries);
    CU_add_test(s, "grow: summaries, mapping, accounting, rounding", test_grow);
    CU_add_test(s, "a free 16 GiB root entry: the packed flag", test_maxPacked);
    CU_add_test(s, "two arenas and a hole between them", test_twoArenas);
    CU_add_test(s, "one page at a time, to exhaustion", test_allocPages);
    CU_add_test(s, "runs across chunk boundaries", test_crossChunks);
    CU_add_test(s, "address-ordered first fit on fragmented chunks", test_firstFit);
    CU_add_test(s, "allocRange and scavenged bytes", test_allocRange);
    CU_add_test(s, "page cache: fill, allocate, flush", test_pageCache);
    CU_add_test(s, "page cache: allocation by bit arithmetic", test_pageCacheAlloc);
    CU_add_test(s, "page caches of 4 threads", test_pageCacheThreads);
    CU_add_test(s, "addrRanges: coalescing, search, subtraction", test_addrRanges);
    CU_add_test(s, "4000 random operations against a model heap", test_randomAgainstModel);
    CU_add_test(s, "fatal errors: lying summaries, an empty range", test_fatal);
    return runTests();
}
