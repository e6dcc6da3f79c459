// tangled from chapters/07-mcache.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The heap bitmap and the allocation and mark bits of spans (Go's mbitmap.go).
#include <string.h>
#include "runtime.h"

void
mspan_refillAllocCache(mspan *s, uintptr whichByte)
{
    uint64 aCache;
    memcpy(&aCache, gcBits_bytep(s->allocBits, whichByte), sizeof aCache);
    s->allocCache = ~aCache;
}

uintptr
mspan_nextFreeIndex(mspan *s)
{
    uintptr sfreeindex = s->freeindex, snelems = s->nelems;
    if (sfreeindex == snelems)
        return sfreeindex;
    if (sfreeindex > snelems)
        throw("s.freeindex > s.nelems");
    uint64 aCache = s->allocCache;
    unsigned bitIndex = aCache ? (unsigned)__builtin_ctzll(aCache) : 64;
    while (bitIndex == 64) {
        sfreeindex = (sfreeindex + 64) & ~(uintptr)(64 - 1);
        if (sfreeindex >= snelems) {
            s->freeindex = snelems;
            return snelems;
        }
        mspan_refillAllocCache(s, sfreeindex / 8);
        aCache = s->allocCache;
        bitIndex = aCache ? (unsigned)__builtin_ctzll(aCache) : 64;
    }
    uintptr result = sfreeindex + bitIndex;
    if (result >= snelems) {
        s->freeindex = snelems;
        return snelems;
    }
    s->allocCache = s->allocCache >> bitIndex >> 1;
    sfreeindex = result + 1;
    if (sfreeindex % 64 == 0 && sfreeindex != snelems)
        mspan_refillAllocCache(s, sfreeindex / 8);
    s->freeindex = sfreeindex;
    return result;
}
