// tangled from chapters/06-mcentral.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// A lock-free stack with ABA protection (Go's lfstack.go, lfstack_64bit.go).
#include "runtime.h"

enum {
    addrBits = 48,
    cntBits = 64 - addrBits + 3,
};

static uint64
lfstackPack(lfnode *node, uintptr cnt)
{
    return (uint64)(uintptr)node << (64 - addrBits) | (uint64)(cnt & ((1u << cntBits) - 1));
}

static lfnode *
lfstackUnpack(uint64 val)
{
#if defined(__x86_64__)
    return (lfnode *)((uintptr)((int64)val >> cntBits) << 3);
#else
    return (lfnode *)((uintptr)(val >> cntBits) << 3);
#endif
}

void
lfstack_push(lfstack *head, lfnode *node)
{
    node->pushcnt++;
    uint64 new = lfstackPack(node, node->pushcnt);
    if (lfstackUnpack(new) != node) {
        print("runtime: lfstack.push invalid packing: node=%p cnt=0x%lx packed=0x%llx -> node=%p\n",
              (void *)node, (unsigned long)node->pushcnt, (unsigned long long)new, (void *)lfstackUnpack(new));
        throw("lfstack.push");
    }
    for (;;) {
        uint64 old = __atomic_load_n(head, __ATOMIC_SEQ_CST);
        __atomic_store_n(&node->next, old, __ATOMIC_SEQ_CST);
        if (__atomic_compare_exchange_n(head, &old, new, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
            break;
    }
}

lfnode *
lfstack_pop(lfstack *head)
{
    for (;;) {
        uint64 old = __atomic_load_n(head, __ATOMIC_SEQ_CST);
        if (old == 0)
            return NULL;
        lfnode *node = lfstackUnpack(old);
        uint64 next = __atomic_load_n(&node->next, __ATOMIC_SEQ_CST);
        if (__atomic_compare_exchange_n(head, &old, next, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
            return node;
    }
}
