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

heapBits
heapBits_nextArena(uint32 arena)
{
    heapBits h = {0};
    heapArena *ha = arenaOf(arena + 1);
    if (ha == NULL)
        return h;
    h.bitp = &ha->bitmap[0];
    h.shift = 0;
    h.arena = arena + 1;
    h.last = &ha->bitmap[heapArenaBitmapBytes - 1];
    return h;
}

heapBits
heapBits_forward(heapBits h, uintptr n)
{
    n += h.shift / heapBitsShift;
    uintptr nbitp = (uintptr)h.bitp + n / 4;
    h.shift = (uint32)(n % 4) * heapBitsShift;
    if (nbitp <= (uintptr)h.last) {
        h.bitp = (uint8 *)nbitp;
        return h;
    }
    uintptr past = nbitp - ((uintptr)h.last + 1);
    h.arena += 1 + (uint32)(past / heapArenaBitmapBytes);
    heapArena *a = arenaOf(h.arena);
    if (a != NULL) {
        h.bitp = &a->bitmap[past % heapArenaBitmapBytes];
        h.last = &a->bitmap[heapArenaBitmapBytes - 1];
    } else {
        h.bitp = h.last = NULL;
    }
    return h;
}

void
heapBits_initSpan(heapBits h, mspan *s)
{
    uintptr nw = (s->npages << _PageShift) / ptrSize;
    if (nw % wordsPerBitmapByte != 0)
        throw("initSpan: unaligned length");
    if (h.shift != 0)
        throw("initSpan: unaligned base");
    bool isPtrs = s->elemsize == ptrSize;
    while (nw > 0) {
        uintptr room = 4 * ((uintptr)h.last + 1 - (uintptr)h.bitp); // words left in this arena
        uintptr anw = nw < room ? nw : room;
        heapBits hNext = heapBits_forward(h, anw);
        memset(h.bitp, isPtrs ? bitPointerAll | bitScanAll : 0, anw / wordsPerBitmapByte);
        h = hNext;
        nw -= anw;
    }
}

static inline bool
maskBit(const uint8 *mask, uintptr ptrw, uintptr w)
{
    return w < ptrw && (mask[w / 8] >> (w % 8) & 1) != 0;
}
static inline void
setEntry(heapBits h, bool ptr, bool scan)
{
    uint8 b = __atomic_load_n(h.bitp, __ATOMIC_RELAXED);
    b &= (uint8)~((bitPointer | bitScan) << h.shift);
    b |= (uint8)(((ptr ? bitPointer : 0) | (scan ? bitScan : 0)) << h.shift);
    __atomic_store_n(h.bitp, b, __ATOMIC_RELAXED);
}

void
heapBitsSetType(uintptr x, uintptr size, uintptr dataSize, _type *typ)
{
    if (size == ptrSize)
        return; // initSpan set the word to pointer and scan
    heapBits h = heapBitsForAddr(x);
    const uint8 *ptrmask = typ->gcdata;
    if (size == 2 * ptrSize) {
        uint32 hb;
        if (typ->size == ptrSize) {
            hb = bitPointer | bitScan | (bitPointer | bitScan) << heapBitsShift;
        } else {
            hb = (uint32)ptrmask[0] & 3;
            hb |= bitScanAll & ((bitScan << (typ->ptrdata / ptrSize)) - 1);
        }
        uint8 old = __atomic_load_n(h.bitp, __ATOMIC_RELAXED);
        old &= (uint8)~((bitPointer | bitScan | (bitPointer | bitScan) << heapBitsShift) << h.shift);
        __atomic_store_n(h.bitp, (uint8)(old | hb << h.shift), __ATOMIC_RELAXED);
        return;
    }
    uintptr typw = typ->size / ptrSize, ptrw = typ->ptrdata / ptrSize;
    uintptr n = dataSize == typ->size ? ptrw : (dataSize / typ->size - 1) * typw + ptrw;
    uintptr sizew = size / ptrSize;
    if (n == 0) {
        print("runtime: heapBitsSetType size=%lu typ.size=%lu typ.ptrdata=0\n",
              (unsigned long)size, (unsigned long)typ->size);
        throw("heapBitsSetType: called with non-pointer type");
    }
    uintptr w = 0;
    for (uintptr i = 0; i < n;) {
        if (h.shift == 0 && n - i >= 4) {
            uint8 b = bitScanAll;
            for (int k = 0; k < 4; k++) {
                if (maskBit(ptrmask, ptrw, w))
                    b |= (uint8)(bitPointer << k);
                if (++w == typw)
                    w = 0;
            }
            __atomic_store_n(h.bitp, b, __ATOMIC_RELAXED);
            h = heapBits_forward(h, 4);
            i += 4;
        } else {
            setEntry(h, maskBit(ptrmask, ptrw, w), true);
            if (++w == typw)
                w = 0;
            h = heapBits_next(h);
            i++;
        }
    }
    for (uintptr i = n; i < sizew;) {
        if (h.shift == 0 && sizew - i >= 4) {
            __atomic_store_n(h.bitp, (uint8)0, __ATOMIC_RELAXED);
            h = heapBits_forward(h, 4);
            i += 4;
        } else {
            setEntry(h, false, false);
            h = heapBits_next(h);
            i++;
        }
    }
}

markBits
markBitsForAddr(uintptr p)
{
    mspan *s = spanOf(p);
    return mspan_markBitsForIndex(s, mspan_objIndex(s, p));
}

markBits
markBitsForSpan(uintptr base)
{
    markBits m = markBitsForAddr(base);
    if (m.mask != 1)
        throw("markBitsForSpan: unaligned start");
    return m;
}

bool
mspan_isFree(mspan *s, uintptr index)
{
    if (index < __atomic_load_n(&s->freeIndexForScan, __ATOMIC_ACQUIRE))
        return false;
    markBits m = mspan_allocBitsForIndex(s, index);
    return (*m.bytep & m.mask) == 0;
}

int
mspan_countAlloc(mspan *s)
{
    int count = 0;
    uintptr bytes = divRoundUp(s->nelems, 8);
    for (uintptr i = 0; i < bytes; i += 8) {
        uint64 w;
        memcpy(&w, gcBits_bytep(s->gcmarkBits, i), sizeof w);
        count += __builtin_popcountll(w);
    }
    return count;
}

uintptr
findObject(uintptr p, uintptr refBase, uintptr refOff, mspan **sp, uintptr *objIndex)
{
    mspan *s = spanOf(p);
    *sp = NULL;
    *objIndex = 0;
    if (s == NULL) {
        if (p == clobberdeadPtr && debug.invalidptr != 0)
            badPointer(s, p, refBase, refOff);
        return 0;
    }
    mSpanState state = mSpanStateBox_get(&s->state);
    if (state != mSpanInUse || p < mspan_base(s) || p >= __atomic_load_n(&s->limit, __ATOMIC_RELAXED)) {
        if (state == mSpanManual)
            return 0;
        if (debug.invalidptr != 0)
            badPointer(s, p, refBase, refOff);
        return 0;
    }
    *sp = s;
    *objIndex = mspan_objIndex(s, p);
    return mspan_base(s) + *objIndex * s->elemsize;
}

// Go's names, including mSpanFree, a state Go 1.19 no longer uses.
static const char *const mSpanStateNames[] = {"mSpanDead", "mSpanInUse", "mSpanManual", "mSpanFree"};

_Noreturn void
badPointer(mspan *s, uintptr p, uintptr refBase, uintptr refOff)
{
    print("runtime: pointer 0x%lx", (unsigned long)p);
    if (s != NULL) {
        mSpanState state = mSpanStateBox_get(&s->state);
        print(state != mSpanInUse ? " to unallocated span" : " to unused region of span");
        print(" span.base()=0x%lx span.limit=0x%lx span.state=%d", (unsigned long)mspan_base(s),
              (unsigned long)s->limit, (int)state);
    }
    print("\n");
    if (refBase != 0) {
        print("runtime: found in object at *(0x%lx+0x%lx)\n", (unsigned long)refBase, (unsigned long)refOff);
        gcDumpObject("object", refBase, refOff);
    }
    throw("found bad pointer in Go heap (incorrect use of unsafe or cgo?)");
}

void
gcDumpObject(const char *label, uintptr obj, uintptr off)
{
    mspan *s = spanOf(obj);
    print("%s=0x%lx", label, (unsigned long)obj);
    if (s == NULL) {
        print(" s=nil\n");
        return;
    }
    mSpanState state = mSpanStateBox_get(&s->state);
    print(" s.base()=0x%lx s.limit=0x%lx s.spanclass=%d s.elemsize=%lu s.state=",
          (unsigned long)mspan_base(s), (unsigned long)s->limit, s->spanclass, (unsigned long)s->elemsize);
    if ((unsigned)state < sizeof mSpanStateNames / sizeof mSpanStateNames[0])
        print("%s\n", mSpanStateNames[state]);
    else
        print("unknown(%d)\n", (int)state);
    bool skipped = false;
    for (uintptr i = 0; i < s->elemsize; i += ptrSize) {
        if (!(i < 128 * ptrSize || (off - 16 * ptrSize < i && i < off + 16 * ptrSize))) {
            skipped = true;
            continue;
        }
        if (skipped) {
            print(" ...\n");
            skipped = false;
        }
        print(" *(%s+%lu) = 0x%lx%s\n", label, (unsigned long)i, (unsigned long)*(uintptr *)(obj + i),
              i == off ? " <==" : "");
    }
    if (skipped)
        print(" ...\n");
}

void
typedmemmove(_type *typ, void *dst, const void *src)
{
    if (dst == src)
        return;
    // The write barrier's hook: no stop from the barrier to the copy
    struct m *mp = acquirem();
    if (typeptrdata(typ) != 0) {
        // The write barrier's hook: shade the destination's pointers
        if (writeBarrier.needed)
            bulkBarrierPreWrite((uintptr)dst, (uintptr)src, typ->ptrdata, typ);
    }
    memmove(dst, src, typ->size);
    // The write barrier's hook: the end of the region without stops
    releasem(mp);
}

void
typedmemclr(_type *typ, void *ptr)
{
    // The write barrier's hook: no stop from the barrier to the copy
    struct m *mp = acquirem();
    if (typeptrdata(typ) != 0) {
        // The write barrier's hook: shade the pointers about to be cleared
        if (writeBarrier.needed)
            bulkBarrierPreWrite((uintptr)ptr, 0, typ->ptrdata, typ);
    }
    memclrNoHeapPointers(ptr, typ->size);
    // The write barrier's hook: the end of the region without stops
    releasem(mp);
}
