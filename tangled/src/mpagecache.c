// tangled from chapters/05-pagealloc.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The per-P cache of free pages, used without the heap lock (Go's mpagecache.go).
#include "runtime.h"

uintptr
pageCache_alloc(pageCache *c, uintptr npages, uintptr *scav)
{
    *scav = 0;
    if (c->cache == 0)
        return 0;
    if (npages == 1) {
        uintptr i = sys_TrailingZeros64(c->cache);
        *scav = (uintptr)((c->scav >> i) & 1) * pageSize;
        c->cache &= ~((uint64)1 << i);
        c->scav &= ~((uint64)1 << i);
        return c->base + i * pageSize;
    }
    return pageCache_allocN(c, npages, scav);
}

uintptr
pageCache_allocN(pageCache *c, uintptr npages, uintptr *scav)
{
    *scav = 0;
    uintptr i = findBitRange64(c->cache, npages);
    if (i >= 64)
        return 0;
    uint64 mask = (npages >= 64 ? ~(uint64)0 : ((uint64)1 << npages) - 1) << i;
    *scav = sys_OnesCount64(c->scav & mask) * pageSize;
    c->cache &= ~mask;
    c->scav &= ~mask;
    return c->base + i * pageSize;
}
void
pageCache_flush(pageCache *c, pageAlloc *p)
{
    assertLockHeld(p->mheapLock);
    if (pageCache_empty(c))
        return;
    pallocData *chunk = pageAlloc_chunkOf(p, chunkIndex(c->base));
    uintptr pi = chunkPageIndex(c->base);
    for (uintptr i = 0; i < 64; i++) {
        if ((c->cache >> i) & 1)
            pallocBits_free1(&chunk->pallocBits, pi + i);
        if ((c->scav >> i) & 1)
            pageBits_set(&chunk->scavenged, pi + i);
    }
    if (offAddr_lessThan((offAddr){c->base}, p->searchAddr))
        p->searchAddr = (offAddr){c->base};
    pageAlloc_update(p, c->base, pageCachePages, false, false);
    *c = (pageCache){.base = 0};
}
pageCache
pageAlloc_allocToCache(pageAlloc *p)
{
    assertLockHeld(p->mheapLock);
    if (chunkIndex(p->searchAddr.a) >= p->end)
        return (pageCache){.base = 0};
    pageCache c;
    chunkIdx ci = chunkIndex(p->searchAddr.a);
    pallocData *chunk;
    if (p->summary[summaryLevels - 1][ci] != 0) {
        chunk = pageAlloc_chunkOf(p, ci);
        uintptr ignored, from = chunkPageIndex(p->searchAddr.a);
        uintptr j = pallocBits_find(&chunk->pallocBits, 1, from, &ignored);
        if (j == ~(uintptr)0) {
            print("runtime: p.searchAddr = 0x%lx, summary = 0x%llx\n",
                  (unsigned long)p->searchAddr.a,
                  (unsigned long long)p->summary[summaryLevels - 1][ci]);
            throw("bad summary data");
        }
        c = (pageCache){
            .base = chunkBase(ci) + alignDown(j, 64) * pageSize,
            .cache = ~pallocBits_pages64(&chunk->pallocBits, j),
            .scav = pageBits_block64(&chunk->scavenged, j),
        };
    } else {
        offAddr ignored;
        uintptr addr = pageAlloc_find(p, 1, &ignored);
        if (addr == 0) {
            p->searchAddr = maxSearchAddr();
            return (pageCache){.base = 0};
        }
        chunk = pageAlloc_chunkOf(p, chunkIndex(addr));
        c = (pageCache){
            .base = alignDown(addr, 64 * pageSize),
            .cache = ~pallocBits_pages64(&chunk->pallocBits, chunkPageIndex(addr)),
            .scav = pageBits_block64(&chunk->scavenged, chunkPageIndex(addr)),
        };
    }
    uintptr cpi = chunkPageIndex(c.base);
    pallocBits_allocPages64(&chunk->pallocBits, cpi, c.cache);
    pageBits_clearBlock64(&chunk->scavenged, cpi, c.cache & c.scav);
    pageAlloc_update(p, c.base, pageCachePages, false, true);
    p->searchAddr = (offAddr){c.base + pageSize * (pageCachePages - 1)};
    return c;
}
