// Exercise 06-lfstack: reference solution.
#include <stdbool.h>
#include <stddef.h>
#include "lfstack.h"

uint64_t
ex_lfstackPack(ex_lfnode *node, uintptr_t cnt)
{
    return (uint64_t)(uintptr_t)node << (64 - ex_addrBits) | (uint64_t)(cnt & (((uintptr_t)1 << ex_cntBits) - 1));
}

ex_lfnode *
ex_lfstackUnpack(uint64_t val)
{
    // An arithmetic shift right brings back the address's sign extension
    // (GCC and Clang shift signed values arithmetically); the low 3 bits
    // of an aligned node are zero.  The left shift is done unsigned: on a
    // negative value it would be undefined.
    return (ex_lfnode *)((uintptr_t)((int64_t)val >> ex_cntBits) << 3);
}

void
ex_lfstack_push(ex_lfstack *head, ex_lfnode *node)
{
    node->pushcnt++;
    uint64_t new = ex_lfstackPack(node, node->pushcnt);
    for (;;) {
        uint64_t old = __atomic_load_n(head, __ATOMIC_SEQ_CST);
        __atomic_store_n(&node->next, old, __ATOMIC_SEQ_CST);
        if (__atomic_compare_exchange_n(head, &old, new, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
            return;
    }
}

ex_lfnode *
ex_lfstack_pop(ex_lfstack *head)
{
    for (;;) {
        uint64_t old = __atomic_load_n(head, __ATOMIC_SEQ_CST);
        if (old == 0)
            return NULL;
        ex_lfnode *node = ex_lfstackUnpack(old);
        // node may be popped and pushed again by another thread right now:
        // then next is stale, but the head's count has changed too, and the
        // compare-and-swap fails.
        uint64_t next = __atomic_load_n(&node->next, __ATOMIC_SEQ_CST);
        if (__atomic_compare_exchange_n(head, &old, next, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
            return node;
    }
}
