// tangled from chapters/05-pagealloc.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The page allocator: a radix tree of summaries over per-chunk bitmaps (Go's mpagealloc.go).
#include <string.h>
#include "runtime.h"

pallocSum
mergeSummaries(pallocSum *sums, int n, uintptr logMaxPagesPerSum)
{
    uintptr start, max, end;
    pallocSum_unpack(sums[0], &start, &max, &end);
    for (int i = 1; i < n; i++) {
        uintptr si, mi, ei;
        pallocSum_unpack(sums[i], &si, &mi, &ei);
        if (start == (uintptr)i << logMaxPagesPerSum)
            start += si;
        if (end + si > max)
            max = end + si;
        if (mi > max)
            max = mi;
        if (ei == (uintptr)1 << logMaxPagesPerSum)
            end += (uintptr)1 << logMaxPagesPerSum;
        else
            end = ei;
    }
    return packPallocSum(start, max, end);
}
void
pageAlloc_init(pageAlloc *p, mutex *mheapLock, sysMemStat *sysStat)
{
    _Static_assert(logPallocChunkPages + (summaryLevels - 1) * summaryLevelBits
                       <= logMaxPackedValue,
                   "the root level's page count must fit in a summary");
    memset(p, 0, sizeof *p);
    p->sysStat = sysStat;
    addrRanges_init(&p->inUse, sysStat);
    pageAlloc_sysInit(p);
    p->searchAddr = maxSearchAddr();
    p->mheapLock = mheapLock;
}
void
pageAlloc_grow(pageAlloc *p, uintptr base, uintptr size)
{
    assertLockHeld(p->mheapLock);
    uintptr limit = alignUp(base + size, pallocChunkBytes);
    base = alignDown(base, pallocChunkBytes);
    pageAlloc_sysGrow(p, base, limit);
    bool firstGrowth = p->start == 0;
    chunkIdx start = chunkIndex(base), end = chunkIndex(limit);
    if (firstGrowth || start < p->start)
        p->start = start;
    if (end > p->end)
        p->end = end;
    addrRanges_add(&p->inUse, makeAddrRange(base, limit));
    if (offAddr_lessThan((offAddr){base}, p->searchAddr))
        p->searchAddr = (offAddr){base};
    for (chunkIdx c = chunkIndex(base); c < chunkIndex(limit); c++) {
        if (p->chunks[chunkIdx_l1(c)] == NULL) {
            uintptr bytes = sizeof(pallocData) << pallocChunksL2Bits;
            pallocData *r = sysAlloc(bytes, p->sysStat);
            if (r == NULL) {
                print("runtime: cannot allocate %lu bytes of chunk bitmaps\n",
                      (unsigned long)bytes);
                throw("pageAlloc: out of memory");
            }
            __atomic_store_n(&p->chunks[chunkIdx_l1(c)], r, __ATOMIC_SEQ_CST);
        }
        pageBits_setRange(&pageAlloc_chunkOf(p, c)->scavenged, 0, pallocChunkPages);
    }
    pageAlloc_update(p, base, (limit - base) / pageSize, true, false);
}
void
pageAlloc_update(pageAlloc *p, uintptr base, uintptr npages, bool contig, bool alloc)
{
    assertLockHeld(p->mheapLock);
    uintptr limit = base + npages * pageSize - 1;
    chunkIdx sc = chunkIndex(base), ec = chunkIndex(limit);
    pallocSum *leaves = p->summary[summaryLevels - 1];
    debugAssert(ec < (chunkIdx)p->summaryLen[summaryLevels - 1], "summary index out of range");
    if (sc == ec) {
        pallocSum sum = pallocBits_summarize(&pageAlloc_chunkOf(p, sc)->pallocBits);
        if (leaves[sc] == sum)
            return;
        leaves[sc] = sum;
    } else if (contig) {
        leaves[sc] = pallocBits_summarize(&pageAlloc_chunkOf(p, sc)->pallocBits);
        for (chunkIdx c = sc + 1; c < ec; c++)
            leaves[c] = alloc ? 0 : freeChunkSum;
        leaves[ec] = pallocBits_summarize(&pageAlloc_chunkOf(p, ec)->pallocBits);
    } else {
        for (chunkIdx c = sc; c <= ec; c++)
            leaves[c] = pallocBits_summarize(&pageAlloc_chunkOf(p, c)->pallocBits);
    }
    bool changed = true;
    for (int l = summaryLevels - 2; l >= 0 && changed; l--) {
        changed = false;
        uintptr logEntriesPerBlock = levelBits[l + 1], logMaxPages = levelLogPages[l + 1];
        int lo, hi;
        addrsToSummaryRange(l, base, limit + 1, &lo, &hi);
        debugAssert(hi <= p->summaryLen[l], "summary index out of range");
        for (int i = lo; i < hi; i++) {
            pallocSum *children = &p->summary[l + 1][(uintptr)i << logEntriesPerBlock];
            pallocSum sum = mergeSummaries(children, 1 << logEntriesPerBlock, logMaxPages);
            if (p->summary[l][i] != sum) {
                changed = true;
                p->summary[l][i] = sum;
            }
        }
    }
}
uintptr
pageAlloc_allocRange(pageAlloc *p, uintptr base, uintptr npages)
{
    assertLockHeld(p->mheapLock);
    uintptr limit = base + npages * pageSize - 1;
    chunkIdx sc = chunkIndex(base), ec = chunkIndex(limit);
    uintptr si = chunkPageIndex(base), ei = chunkPageIndex(limit);
    uintptr scav = 0;
    if (sc == ec) {
        pallocData *chunk = pageAlloc_chunkOf(p, sc);
        scav += pageBits_popcntRange(&chunk->scavenged, si, ei + 1 - si);
        pallocData_allocRange(chunk, si, ei + 1 - si);
    } else {
        pallocData *chunk = pageAlloc_chunkOf(p, sc);
        scav += pageBits_popcntRange(&chunk->scavenged, si, pallocChunkPages - si);
        pallocData_allocRange(chunk, si, pallocChunkPages - si);
        for (chunkIdx c = sc + 1; c < ec; c++) {
            chunk = pageAlloc_chunkOf(p, c);
            scav += pageBits_popcntRange(&chunk->scavenged, 0, pallocChunkPages);
            pallocData_allocAll(chunk);
        }
        chunk = pageAlloc_chunkOf(p, ec);
        scav += pageBits_popcntRange(&chunk->scavenged, 0, ei + 1);
        pallocData_allocRange(chunk, 0, ei + 1);
    }
    pageAlloc_update(p, base, npages, true, true);
    return scav * pageSize;
}
offAddr
pageAlloc_findMappedAddr(pageAlloc *p, offAddr addr)
{
    assertLockHeld(p->mheapLock);
    uintptr vAddr;
    if (addrRanges_findAddrGreaterEqual(&p->inUse, addr.a, &vAddr))
        return (offAddr){vAddr};
    return maxOffAddr;
}
struct firstFree {
    offAddr base, bound; // the first free page of the heap is in [base, bound]
};

static void
foundFree(struct firstFree *w, offAddr addr, uintptr size)
{
    offAddr last = offAddr_add(addr, size - 1);
    if (offAddr_lessEqual(w->base, addr) && offAddr_lessEqual(last, w->bound)) {
        w->base = addr;
        w->bound = last;
    } else if (!(offAddr_lessThan(last, w->base) || offAddr_lessThan(w->bound, addr))) {
        print("runtime: addr = 0x%lx, size = %lu\n", (unsigned long)addr.a, (unsigned long)size);
        print("runtime: base = 0x%lx, bound = 0x%lx\n", (unsigned long)w->base.a,
              (unsigned long)w->bound.a);
        throw("range partially overlaps");
    }
}

uintptr
pageAlloc_find(pageAlloc *p, uintptr npages, offAddr *searchAddr)
{
    assertLockHeld(p->mheapLock);
    int i = 0; // the index of the first entry of the block searched at this level
    struct firstFree firstFree = {minOffAddr, maxOffAddr};
    pallocSum lastSum = packPallocSum(0, 0, 0); // the entry we came down through
    int lastSumIdx = -1;
    for (int l = 0; l < summaryLevels; l++) {
        int entriesPerBlock = 1 << levelBits[l];
        uintptr logMaxPages = levelLogPages[l];
        i <<= levelBits[l];
        pallocSum *entries = &p->summary[l][i];
        int j0 = 0;
        int searchIdx = offAddrToLevelIndex(l, p->searchAddr);
        if ((searchIdx & ~(entriesPerBlock - 1)) == i)
            j0 = searchIdx & (entriesPerBlock - 1);
        uintptr base = 0, size = 0;
        bool descend = false;
        for (int j = j0; j < entriesPerBlock; j++) {
            pallocSum sum = entries[j];
            if (sum == 0) {
                size = 0;
                continue;
            }
            foundFree(&firstFree, levelIndexToOffAddr(l, i + j), (uintptr)pageSize << logMaxPages);
            uintptr s = pallocSum_start(sum);
            if (size + s >= npages) {
                if (size == 0)
                    base = (uintptr)j << logMaxPages;
                size += s;
                break;
            }
            if (pallocSum_max(sum) >= npages) {
                i += j;
                lastSumIdx = i;
                lastSum = sum;
                descend = true;
                break;
            }
            if (size == 0 || s < (uintptr)1 << logMaxPages) {
                size = pallocSum_end(sum);
                base = ((uintptr)(j + 1) << logMaxPages) - size;
                continue;
            }
            size += (uintptr)1 << logMaxPages;
        }
        if (descend)
            continue;
        if (size >= npages) {
            *searchAddr = pageAlloc_findMappedAddr(p, firstFree.base);
            return offAddr_add(levelIndexToOffAddr(l, i), base * pageSize).a;
        }
        if (l == 0) {
            *searchAddr = maxSearchAddr();
            return 0;
        }
        print("runtime: summary[%d][%d] = %lu, %lu, %lu\n", l - 1, lastSumIdx,
              (unsigned long)pallocSum_start(lastSum), (unsigned long)pallocSum_max(lastSum),
              (unsigned long)pallocSum_end(lastSum));
        print("runtime: level = %d, npages = %lu, j0 = %d\n", l, (unsigned long)npages, j0);
        print("runtime: p.searchAddr = 0x%lx, i = %d\n", (unsigned long)p->searchAddr.a, i);
        print("runtime: levelShift[level] = %lu, levelBits[level] = %lu\n",
              (unsigned long)levelShift[l], (unsigned long)levelBits[l]);
        for (int j = 0; j < entriesPerBlock; j++)
            print("runtime: summary[%d][%d] = (%lu, %lu, %lu)\n", l, i + j,
                  (unsigned long)pallocSum_start(entries[j]), (unsigned long)pallocSum_max(entries[j]),
                  (unsigned long)pallocSum_end(entries[j]));
        throw("bad summary data");
    }
    chunkIdx ci = (chunkIdx)i;
    uintptr searchIdx;
    uintptr j = pallocBits_find(&pageAlloc_chunkOf(p, ci)->pallocBits, npages, 0, &searchIdx);
    if (j == ~(uintptr)0) {
        pallocSum sum = p->summary[summaryLevels - 1][i];
        print("runtime: summary[%d][%d] = (%lu, %lu, %lu)\n", summaryLevels - 1, i,
              (unsigned long)pallocSum_start(sum), (unsigned long)pallocSum_max(sum),
              (unsigned long)pallocSum_end(sum));
        print("runtime: npages = %lu\n", (unsigned long)npages);
        throw("bad summary data");
    }
    uintptr addr = chunkBase(ci) + j * pageSize;
    uintptr firstFreePage = chunkBase(ci) + searchIdx * pageSize;
    foundFree(&firstFree, (offAddr){firstFreePage}, chunkBase(ci + 1) - firstFreePage);
    *searchAddr = pageAlloc_findMappedAddr(p, firstFree.base);
    return addr;
}
uintptr
pageAlloc_alloc(pageAlloc *p, uintptr npages, uintptr *scav)
{
    assertLockHeld(p->mheapLock);
    *scav = 0;
    if (chunkIndex(p->searchAddr.a) >= p->end)
        return 0;
    uintptr addr = 0;
    offAddr searchAddr = minOffAddr;
    if (pallocChunkPages - chunkPageIndex(p->searchAddr.a) >= npages) {
        chunkIdx i = chunkIndex(p->searchAddr.a);
        uintptr max = pallocSum_max(p->summary[summaryLevels - 1][i]);
        if (max >= npages) {
            uintptr searchIdx, from = chunkPageIndex(p->searchAddr.a);
            uintptr j = pallocBits_find(&pageAlloc_chunkOf(p, i)->pallocBits, npages, from, &searchIdx);
            if (j == ~(uintptr)0) {
                print("runtime: max = %lu, npages = %lu\n", (unsigned long)max, (unsigned long)npages);
                print("runtime: searchIdx = %lu, p.searchAddr = 0x%lx\n", (unsigned long)from,
                      (unsigned long)p->searchAddr.a);
                throw("bad summary data");
            }
            addr = chunkBase(i) + j * pageSize;
            searchAddr = (offAddr){chunkBase(i) + searchIdx * pageSize};
        }
    }
    if (addr == 0) {
        addr = pageAlloc_find(p, npages, &searchAddr);
        if (addr == 0) {
            if (npages == 1)
                p->searchAddr = maxSearchAddr();
            return 0;
        }
    }
    *scav = pageAlloc_allocRange(p, addr, npages);
    if (offAddr_lessThan(p->searchAddr, searchAddr))
        p->searchAddr = searchAddr;
    return addr;
}
void
pageAlloc_free(pageAlloc *p, uintptr base, uintptr npages, bool scavenged)
{
    assertLockHeld(p->mheapLock);
    if (offAddr_lessThan((offAddr){base}, p->searchAddr))
        p->searchAddr = (offAddr){base};
    uintptr limit = base + npages * pageSize - 1;
    // The scavenger's hook: tell its index about the freed pages
    (void)scavenged; // read by the scavenger's hook
    if (!scavenged)
        scavengeIndex_mark(&p->scav.index, base, limit + 1);
    if (npages == 1) {
        pallocData *chunk = pageAlloc_chunkOf(p, chunkIndex(base));
        pallocBits_free1(&chunk->pallocBits, chunkPageIndex(base));
    } else {
        chunkIdx sc = chunkIndex(base), ec = chunkIndex(limit);
        uintptr si = chunkPageIndex(base), ei = chunkPageIndex(limit);
        if (sc == ec) {
            pallocBits_free(&pageAlloc_chunkOf(p, sc)->pallocBits, si, ei + 1 - si);
        } else {
            pallocBits_free(&pageAlloc_chunkOf(p, sc)->pallocBits, si, pallocChunkPages - si);
            for (chunkIdx c = sc + 1; c < ec; c++)
                pallocBits_freeAll(&pageAlloc_chunkOf(p, c)->pallocBits);
            pallocBits_free(&pageAlloc_chunkOf(p, ec)->pallocBits, 0, ei + 1);
        }
    }
    pageAlloc_update(p, base, npages, true, false);
}
