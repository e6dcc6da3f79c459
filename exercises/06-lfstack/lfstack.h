// Exercise 06-lfstack: a lock-free stack with a counter against ABA.
#ifndef EX_LFSTACK_H
#define EX_LFSTACK_H
#include <stdint.h>

enum {
    ex_addrBits = 48,                    // significant bits of an address
    ex_cntBits = 64 - ex_addrBits + 3,   // 19 bits of push count
};

// A node; the nodes of a stack are 8-byte aligned and never freed.
typedef struct ex_lfnode {
    uint64_t next;     // the packed head below this node (atomic)
    uintptr_t pushcnt; // how many times this node was pushed
} ex_lfnode;

// The head of a stack: 0 when empty, otherwise a packed (node, count).
typedef uint64_t ex_lfstack;

// The node's address shifted left by 64 - ex_addrBits (its bits 3 to 47,
// the low three being zero, land in bits 19 to 63), or-ed with the count
// modulo 2^ex_cntBits in bits 0 to 18.
uint64_t ex_lfstackPack(ex_lfnode *node, uintptr_t cnt);
// The node back, its address sign-extended from bit 47 (as amd64 does).
ex_lfnode *ex_lfstackUnpack(uint64_t val);

void ex_lfstack_push(ex_lfstack *head, ex_lfnode *node);
ex_lfnode *ex_lfstack_pop(ex_lfstack *head); // NULL if empty

#endif
