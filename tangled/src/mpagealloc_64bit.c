// tangled from chapters/05-pagealloc.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Reserving and mapping the summary levels on 64-bit platforms (Go's mpagealloc_64bit.go).
#include "runtime.h"

const uintptr levelBits[summaryLevels] = {
    summaryL0Bits, summaryLevelBits, summaryLevelBits, summaryLevelBits, summaryLevelBits,
};
const uintptr levelShift[summaryLevels] = {
    heapAddrBits - summaryL0Bits,
    heapAddrBits - summaryL0Bits - 1 * summaryLevelBits,
    heapAddrBits - summaryL0Bits - 2 * summaryLevelBits,
    heapAddrBits - summaryL0Bits - 3 * summaryLevelBits,
    heapAddrBits - summaryL0Bits - 4 * summaryLevelBits,
};
const uintptr levelLogPages[summaryLevels] = {
    logPallocChunkPages + 4 * summaryLevelBits,
    logPallocChunkPages + 3 * summaryLevelBits,
    logPallocChunkPages + 2 * summaryLevelBits,
    logPallocChunkPages + 1 * summaryLevelBits,
    logPallocChunkPages,
};
void
pageAlloc_sysInit(pageAlloc *p)
{
    for (int l = 0; l < summaryLevels; l++) {
        uintptr entries = (uintptr)1 << (heapAddrBits - levelShift[l]);
        uintptr b = alignUp(entries * sizeof(pallocSum), physPageSize);
        void *r = sysReserve(NULL, b);
        if (r == NULL) {
            print("runtime: cannot reserve %lu bytes for summary level %d\n",
                  (unsigned long)b, l);
            throw("failed to reserve page summary memory");
        }
        p->summary[l] = r;
        p->summaryLen[l] = 0;
    }
    // The scavenger's hook: reserve its index
    uintptr nchunkBytes = ((uintptr)1 << heapAddrBits) / pallocChunkBytes / 8;
    p->scav.index.chunks = sysReserve(NULL, nchunkBytes);
    if (p->scav.index.chunks == NULL)
        throw("failed to reserve the scavenger's index");
}
static void
addrRangeToSummaryRange(int level, addrRange r, int *lo, int *hi)
{
    addrsToSummaryRange(level, r.base.a, r.limit.a, lo, hi);
    blockAlignSummaryRange(level, lo, hi);
}

static addrRange
summaryRangeToSumAddrRange(pageAlloc *p, int level, int sumIdxBase, int sumIdxLimit)
{
    uintptr baseOffset = alignDown((uintptr)sumIdxBase * sizeof(pallocSum), physPageSize);
    uintptr limitOffset = alignUp((uintptr)sumIdxLimit * sizeof(pallocSum), physPageSize);
    uintptr base = (uintptr)p->summary[level];
    return (addrRange){{base + baseOffset}, {base + limitOffset}};
}

static addrRange
addrRangeToSumAddrRange(pageAlloc *p, int level, addrRange r)
{
    int lo, hi;
    addrRangeToSummaryRange(level, r, &lo, &hi);
    return summaryRangeToSumAddrRange(p, level, lo, hi);
}
void
pageAlloc_sysGrow(pageAlloc *p, uintptr base, uintptr limit)
{
    if (base % pallocChunkBytes != 0 || limit % pallocChunkBytes != 0) {
        print("runtime: base = 0x%lx, limit = 0x%lx\n", (unsigned long)base,
              (unsigned long)limit);
        throw("sysGrow bounds not aligned to pallocChunkBytes");
    }
    int inUseIndex = addrRanges_findSucc(&p->inUse, base); // where [base, limit) will go
    for (int l = 0; l < summaryLevels; l++) {
        int needIdxBase, needIdxLimit;
        addrRangeToSummaryRange(l, makeAddrRange(base, limit), &needIdxBase, &needIdxLimit);
        if (needIdxLimit > p->summaryLen[l])
            p->summaryLen[l] = needIdxLimit;
        addrRange need = summaryRangeToSumAddrRange(p, l, needIdxBase, needIdxLimit);
        addrRange *r = p->inUse.ranges;
        if (inUseIndex > 0)
            need = addrRange_subtract(need, addrRangeToSumAddrRange(p, l, r[inUseIndex - 1]));
        if (inUseIndex < p->inUse.len)
            need = addrRange_subtract(need, addrRangeToSumAddrRange(p, l, r[inUseIndex]));
        uintptr size = addrRange_size(need);
        if (size == 0)
            continue;
        sysMap((void *)need.base.a, size, p->sysStat);
        sysUsed((void *)need.base.a, size, size);
        p->summaryMappedReady += size;
    }
    // The scavenger's hook: grow its index
    p->summaryMappedReady += scavengeIndex_grow(&p->scav.index, base, limit, p->sysStat);
}
