// Exercise 04-needzero: reference solution.
#include "needzero.h"

bool
ex_allocNeedsZero(ex_zheap *h, uintptr_t base, uintptr_t npage)
{
    bool needZero = false;
    while (npage > 0) {
        uintptr_t *zb = &h->zeroedBase[(base - h->heapBase) / EX_ARENA_BYTES];
        uintptr_t zeroedBase = __atomic_load_n(zb, __ATOMIC_SEQ_CST);
        uintptr_t arenaBase = base % EX_ARENA_BYTES; // the range's offset in this arena
        if (arenaBase < zeroedBase)
            needZero = true; // some page was handed out before
        uintptr_t arenaLimit = arenaBase + npage * ex_pageSize;
        if (arenaLimit > EX_ARENA_BYTES)
            arenaLimit = EX_ARENA_BYTES;
        // Move zeroedBase up to arenaLimit, unless another thread moved it
        // further already.
        while (arenaLimit > zeroedBase)
            if (__atomic_compare_exchange_n(zb, &zeroedBase, arenaLimit, false, __ATOMIC_SEQ_CST,
                                            __ATOMIC_SEQ_CST))
                break;
        base += arenaLimit - arenaBase;
        npage -= (arenaLimit - arenaBase) / ex_pageSize;
    }
    return needZero;
}
