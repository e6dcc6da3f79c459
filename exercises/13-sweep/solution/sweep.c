// Exercise 13-sweep: reference solution.
#include <stddef.h>
#include "sweep.h"

static bool
bit(const uint8_t *bits, uintptr_t i)
{
    return bits[i / 8] >> (i % 8) & 1;
}

uintptr_t
ex_countAlloc(const ex_span *s)
{
    // Whole 64-bit words, as Go does: the bits past nelems are zero.
    uintptr_t count = 0, bytes = (s->nelems + 63) / 64 * 8;
    for (uintptr_t i = 0; i < bytes; i += 8) {
        uint64_t w = 0;
        for (int j = 0; j < 8; j++)
            w |= (uint64_t)s->gcmarkBits[i + j] << (8 * j);
        count += (uintptr_t)__builtin_popcountll(w);
    }
    return count;
}

bool
ex_hasZombies(const ex_span *s)
{
    if (s->freeindex >= s->nelems)
        return false; // everything below freeindex is allocated
    // Go's two steps: the byte of freeindex, from its bit on, then the
    // following bytes whole.
    uintptr_t obj = s->freeindex;
    if (((s->gcmarkBits[obj / 8] & ~s->allocBits[obj / 8]) & 0xff) >> (obj % 8) != 0)
        return true;
    for (uintptr_t i = obj / 8 + 1; i < (s->nelems + 7) / 8; i++)
        if ((s->gcmarkBits[i] & ~s->allocBits[i] & 0xff) != 0)
            return true;
    return false;
}

uintptr_t
ex_freedSlots(const ex_span *s, uintptr_t *out)
{
    uintptr_t n = 0;
    for (uintptr_t i = 0; i < s->nelems; i++)
        if (!bit(s->gcmarkBits, i) && (i < s->freeindex || bit(s->allocBits, i)))
            out[n++] = i;
    return n;
}

void
ex_clobberfree(void *x, uintptr_t size)
{
    for (uintptr_t i = 0; i < size; i += 4)
        *(uint32_t *)((uint8_t *)x + i) = 0xdeadbeef;
}

ex_sweepResult
ex_sweep(ex_span *s, bool preserve, bool clobber, uintptr_t *nfreed)
{
    if (clobber) { // debug.clobberfree: before anything else, as in Go
        for (uintptr_t i = 0; i < s->nelems; i++)
            if (!bit(s->gcmarkBits, i) && (i < s->freeindex || bit(s->allocBits, i)))
                ex_clobberfree(s->mem + i * s->elemsize, s->elemsize);
    }
    if (ex_hasZombies(s))
        return ex_zombies;
    uintptr_t nalloc = ex_countAlloc(s);
    if (nalloc > s->allocCount)
        return ex_badCount;
    *nfreed = s->allocCount - nalloc;
    s->allocCount = (uint16_t)nalloc;
    s->freeindex = 0;
    s->allocBits = s->gcmarkBits; // the marks are the new allocation bits
    s->gcmarkBits = ex_newMarkBits(s->nelems);
    if (!s->large) {
        if (*nfreed > 0)
            s->needzero = 1; // freed slots hold old objects
        if (preserve)
            return ex_kept;
        if (nalloc == 0)
            return ex_freeToHeap;
        return nalloc == s->nelems ? ex_fullSwept : ex_partialSwept;
    }
    if (preserve)
        return ex_kept;
    return *nfreed != 0 ? ex_freeToHeap : ex_fullSwept;
}
