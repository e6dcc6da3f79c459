// Exercise 06-spanset: reference solution.
#include "spanset.h"

int
ex_sweptIndex(uint32_t sg)
{
    return (int)(sg / 2 % 2);
}

int
ex_unsweptIndex(uint32_t sg)
{
    return 1 - ex_sweptIndex(sg);
}

int
ex_sweepState(uint32_t spanSg, uint32_t heapSg)
{
    // Unsigned arithmetic: the generations wrap around like Go's uint32.
    if (spanSg == heapSg - 2)
        return ex_needsSweep;
    if (spanSg == heapSg - 1)
        return ex_beingSwept;
    if (spanSg == heapSg)
        return ex_swept;
    if (spanSg == heapSg + 1)
        return ex_cachedUnswept;
    if (spanSg == heapSg + 3)
        return ex_cachedSwept;
    return ex_badSweepgen;
}

static uint32_t headOf(uint64_t ht) { return (uint32_t)(ht >> 32); }
static uint32_t tailOf(uint64_t ht) { return (uint32_t)ht; }

void
ex_spanSet_push(ex_spanSet *b, void *s)
{
    // Claim a slot: tail is the low half, so adding 1 to the word adds 1 to it.
    uintptr_t cursor = tailOf(__atomic_add_fetch(&b->index, 1, __ATOMIC_SEQ_CST)) - 1;
    uintptr_t top = cursor / ex_blockEntries, bottom = cursor % ex_blockEntries;
    ex_block *block;
    if (top < __atomic_load_n(&b->spineLen, __ATOMIC_SEQ_CST)) {
        block = __atomic_load_n(&b->spine[top], __ATOMIC_SEQ_CST);
    } else {
        // The slot's block may not exist yet: add blocks under the lock
        // (another pusher may have added ours meanwhile).
        lock(&b->spineLock);
        uintptr_t spineLen = __atomic_load_n(&b->spineLen, __ATOMIC_SEQ_CST);
        while (top >= spineLen) {
            __atomic_store_n(&b->spine[spineLen], ex_blockAlloc(), __ATOMIC_SEQ_CST);
            __atomic_store_n(&b->spineLen, ++spineLen, __ATOMIC_SEQ_CST);
        }
        block = __atomic_load_n(&b->spine[top], __ATOMIC_SEQ_CST);
        unlock(&b->spineLock);
    }
    __atomic_store_n(&block->spans[bottom], s, __ATOMIC_SEQ_CST);
}

void *
ex_spanSet_pop(ex_spanSet *b)
{
    uint32_t head;
    for (;;) {
        uint64_t ht = __atomic_load_n(&b->index, __ATOMIC_SEQ_CST);
        head = headOf(ht);
        uint32_t tail = tailOf(ht);
        if (head >= tail)
            return NULL; // empty
        if (__atomic_load_n(&b->spineLen, __ATOMIC_SEQ_CST) <= head / ex_blockEntries)
            return NULL; // the slot's pusher has not added its block yet
        if (__atomic_compare_exchange_n(&b->index, &ht, (uint64_t)(head + 1) << 32 | tail, false,
                                        __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
            break;
    }
    uintptr_t top = head / ex_blockEntries, bottom = head % ex_blockEntries;
    ex_block *block = __atomic_load_n(&b->spine[top], __ATOMIC_SEQ_CST);
    void *s;
    while ((s = __atomic_load_n(&block->spans[bottom], __ATOMIC_SEQ_CST)) == NULL)
        ; // the pusher has claimed the slot but not written it yet
    __atomic_store_n(&block->spans[bottom], NULL, __ATOMIC_SEQ_CST);
    if (__atomic_add_fetch(&block->popped, 1, __ATOMIC_SEQ_CST) == ex_blockEntries) {
        __atomic_store_n(&b->spine[top], NULL, __ATOMIC_SEQ_CST);
        ex_blockFree(block);
    }
    return s;
}
