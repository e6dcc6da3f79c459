// tangled from chapters/03-fixalloc.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Memory for the runtime's metadata that is never freed (Go's malloc.go:persistentalloc).
#include "runtime.h"

struct mstats memstats;

static struct {
    mutex lock;
    byte *base; // the current chunk
    uintptr off; // the first free byte of it
} globalAlloc;

static uintptr persistentChunks; // the list of chunks, linked through their first words

void *
persistentalloc(uintptr size, uintptr align, sysMemStat *sysStat)
{
    enum { maxBlock = 64 << 10 };
    if (size == 0)
        throw("persistentalloc: size == 0");
    if (align != 0) {
        if ((align & (align - 1)) != 0)
            throw("persistentalloc: align is not a power of 2");
        if (align > (1 << _PageShift))
            throw("persistentalloc: align is too large");
    } else {
        align = 8;
    }
    if (size >= maxBlock) {
        void *p = sysAlloc(size, sysStat);
        if (p == NULL) {
            print("runtime: cannot allocate %lu bytes of metadata\n", (unsigned long)size);
            throw("out of memory");
        }
        return p;
    }
    lock(&globalAlloc.lock);
    globalAlloc.off = alignUp(globalAlloc.off, align);
    if (globalAlloc.base == NULL || globalAlloc.off + size > persistentChunkSize) {
        globalAlloc.base = sysAlloc(persistentChunkSize, &memstats.other_sys);
        if (globalAlloc.base == NULL) {
            unlock(&globalAlloc.lock);
            throw("runtime: cannot allocate memory");
        }
        for (;;) {
            uintptr chunks = __atomic_load_n(&persistentChunks, __ATOMIC_SEQ_CST);
            *(uintptr *)globalAlloc.base = chunks;
            if (__atomic_compare_exchange_n(&persistentChunks, &chunks, (uintptr)globalAlloc.base, false,
                                            __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
                break;
        }
        globalAlloc.off = alignUp(ptrSize, align);
    }
    byte *p = globalAlloc.base + globalAlloc.off;
    globalAlloc.off += size;
    unlock(&globalAlloc.lock);
    if (sysStat != &memstats.other_sys) {
        sysMemStat_add(sysStat, (int64)size);
        sysMemStat_add(&memstats.other_sys, -(int64)size);
    }
    return p;
}
bool
inPersistentAlloc(uintptr p)
{
    uintptr chunk = __atomic_load_n(&persistentChunks, __ATOMIC_SEQ_CST);
    while (chunk != 0) {
        if (p >= chunk && p < chunk + persistentChunkSize)
            return true;
        chunk = *(uintptr *)chunk;
    }
    return false;
}
