// Exercise 07-nextfree: reference solution.
#include <string.h>
#include "nextfree.h"

void
ex_refillAllocCache(ex_span *s, uintptr_t whichByte)
{
    uint64_t w = 0;
    for (int i = 7; i >= 0; i--) // little-endian, on any machine
        w = w << 8 | s->allocBits[whichByte + (uintptr_t)i];
    s->allocCache = ~w;
}

void
ex_initAllocCache(ex_span *s)
{
    ex_refillAllocCache(s, (s->freeindex & ~(uintptr_t)63) / 8);
    s->allocCache >>= s->freeindex % 64;
}

static unsigned
ctz64(uint64_t x)
{
    return x == 0 ? 64 : (unsigned)__builtin_ctzll(x);
}

uintptr_t
ex_nextFreeFast(ex_span *s)
{
    unsigned theBit = ctz64(s->allocCache);
    if (theBit < 64) {
        uintptr_t result = s->freeindex + theBit;
        if (result < s->nelems) {
            uintptr_t freeidx = result + 1;
            if (freeidx % 64 == 0 && freeidx != s->nelems)
                return 0; // allocCache must be refilled: nextFreeIndex's job
            s->allocCache = s->allocCache >> theBit >> 1; // theBit + 1 may be 64
            s->freeindex = freeidx;
            s->allocCount++;
            return s->base + result * s->elemsize;
        }
    }
    return 0;
}

uintptr_t
ex_nextFreeIndex(ex_span *s)
{
    uintptr_t sfreeindex = s->freeindex, snelems = s->nelems;
    if (sfreeindex == snelems)
        return sfreeindex;
    unsigned bitIndex = ctz64(s->allocCache);
    while (bitIndex == 64) {
        // Nothing free in the cache: the next group of 64 slots.
        sfreeindex = (sfreeindex + 64) & ~(uintptr_t)63;
        if (sfreeindex >= snelems) {
            s->freeindex = snelems;
            return snelems;
        }
        ex_refillAllocCache(s, sfreeindex / 8);
        bitIndex = ctz64(s->allocCache);
    }
    uintptr_t result = sfreeindex + bitIndex;
    if (result >= snelems) {
        s->freeindex = snelems;
        return snelems;
    }
    s->allocCache = s->allocCache >> bitIndex >> 1;
    sfreeindex = result + 1;
    if (sfreeindex % 64 == 0 && sfreeindex != snelems)
        ex_refillAllocCache(s, sfreeindex / 8);
    s->freeindex = sfreeindex;
    return result;
}
