// tangled from chapters/08-malloc.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Type descriptors, completed on first use (Go's type.go: the compiler's job in Go).
#include "runtime.h"

void
typeinit(_type *t)
{
    uint32 want = 0;
    if (!__atomic_compare_exchange_n(&t->state, &want, 1, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
        while (__atomic_load_n(&t->state, __ATOMIC_ACQUIRE) != 2)
            ;
        return;
    }
    uintptr ptrdata = 0;
    for (size_t i = 0; i < t->nptrs; i++) {
        uintptr off = t->ptroffs[i];
        if (off % ptrSize != 0 || off + ptrSize > t->size) {
            print("runtime: type %s: size=%lu pointer offset=%lu\n", t->name ? t->name : "?",
                  (unsigned long)t->size, (unsigned long)off);
            throw("bad pointer offset in type descriptor");
        }
        if (off + ptrSize > ptrdata)
            ptrdata = off + ptrSize;
    }
    if (ptrdata != 0) {
        uint8 *mask = persistentalloc(divRoundUp(ptrdata / ptrSize, 8), 1, &memstats.other_sys);
        for (size_t i = 0; i < t->nptrs; i++) {
            uintptr w = t->ptroffs[i] / ptrSize;
            mask[w / 8] |= (uint8)(1 << (w % 8));
        }
        t->gcdata = mask;
    }
    t->ptrdata = ptrdata;
    __atomic_store_n(&t->state, 2, __ATOMIC_RELEASE);
}
