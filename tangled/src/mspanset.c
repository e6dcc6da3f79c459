// tangled from chapters/06-mcentral.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Lock-free sets of spans (Go's mspanset.go).
#include <string.h>
#include "runtime.h"

static inline uint32 headOf(uint64 ht) { return (uint32)(ht >> 32); }
static inline uint32 tailOf(uint64 ht) { return (uint32)ht; }

static uint64
incTail(uint64 *index)
{
    uint64 ht = atomic_Xadd64(index, 1);
    if (tailOf(ht) == 0) {
        print("runtime: head = %u, tail = %u\n", headOf(ht), tailOf(ht));
        throw("headTailIndex overflow");
    }
    return ht;
}
static lfstack spanSetBlockPool;

static spanSetBlock *
spanSetBlockAlloc(void)
{
    spanSetBlock *s = (spanSetBlock *)lfstack_pop(&spanSetBlockPool);
    if (s != NULL)
        return s;
    return persistentalloc(sizeof(spanSetBlock), cacheLinePadSize, &memstats.gcMiscSys);
}

static void
spanSetBlockFree(spanSetBlock *block)
{
    atomic_Store(&block->popped, 0);
    lfstack_push(&spanSetBlockPool, &block->lfnode);
}
void
spanSet_push(spanSet *b, mspan *s)
{
    uintptr cursor = (uintptr)tailOf(incTail(&b->index)) - 1;
    uintptr top = cursor / spanSetBlockEntries, bottom = cursor % spanSetBlockEntries;
    uintptr spineLen = __atomic_load_n(&b->spineLen, __ATOMIC_SEQ_CST);
    spanSetBlock *block;
retry:
    if (top < spineLen) {
        spanSetBlock **spine = __atomic_load_n(&b->spine, __ATOMIC_SEQ_CST);
        block = __atomic_load_n(&spine[top], __ATOMIC_SEQ_CST);
    } else {
        lock(&b->spineLock);
        spineLen = __atomic_load_n(&b->spineLen, __ATOMIC_SEQ_CST);
        if (top < spineLen) {
            unlock(&b->spineLock);
            goto retry;
        }
        while (spineLen <= top) {
            if (spineLen == b->spineCap) {
                uintptr newCap = b->spineCap * 2;
                if (newCap == 0)
                    newCap = spanSetInitSpineCap;
                spanSetBlock **newSpine = persistentalloc(newCap * ptrSize, cacheLinePadSize, &memstats.gcMiscSys);
                for (uintptr i = 0; i < b->spineCap; i++)
                    __atomic_store_n(&newSpine[i], __atomic_load_n(&b->spine[i], __ATOMIC_SEQ_CST),
                                     __ATOMIC_RELAXED);
                __atomic_store_n(&b->spine, newSpine, __ATOMIC_SEQ_CST);
                b->spineCap = newCap;
            }
            __atomic_store_n(&b->spine[spineLen], spanSetBlockAlloc(), __ATOMIC_SEQ_CST);
            spineLen++;
            __atomic_store_n(&b->spineLen, spineLen, __ATOMIC_SEQ_CST);
        }
        block = b->spine[top];
        unlock(&b->spineLock);
    }
    __atomic_store_n(&block->spans[bottom], s, __ATOMIC_SEQ_CST);
}
mspan *
spanSet_pop(spanSet *b)
{
    uint32 head, tail;
    for (;;) {
        uint64 headtail = __atomic_load_n(&b->index, __ATOMIC_SEQ_CST);
        head = headOf(headtail), tail = tailOf(headtail);
        if (head >= tail)
            return NULL;
        uintptr spineLen = __atomic_load_n(&b->spineLen, __ATOMIC_SEQ_CST);
        if (spineLen <= (uintptr)head / spanSetBlockEntries)
            return NULL;
        if (atomic_Cas64(&b->index, headtail, (uint64)(head + 1) << 32 | tail))
            break;
    }
    uintptr top = head / spanSetBlockEntries, bottom = head % spanSetBlockEntries;
    spanSetBlock **spine = __atomic_load_n(&b->spine, __ATOMIC_SEQ_CST);
    spanSetBlock *block = __atomic_load_n(&spine[top], __ATOMIC_SEQ_CST);
    mspan *s;
    while ((s = __atomic_load_n(&block->spans[bottom], __ATOMIC_SEQ_CST)) == NULL)
        ;
    __atomic_store_n(&block->spans[bottom], NULL, __ATOMIC_SEQ_CST);
    if (__atomic_add_fetch(&block->popped, 1, __ATOMIC_SEQ_CST) == spanSetBlockEntries) {
        __atomic_store_n(&spine[top], NULL, __ATOMIC_SEQ_CST);
        spanSetBlockFree(block);
    }
    return s;
}
void
spanSet_reset(spanSet *b)
{
    uint64 ht = __atomic_load_n(&b->index, __ATOMIC_SEQ_CST);
    uint32 head = headOf(ht), tail = tailOf(ht);
    if (head < tail) {
        print("head = %u, tail = %u\n", head, tail);
        throw("attempt to clear non-empty span set");
    }
    uintptr top = head / spanSetBlockEntries;
    if (top < b->spineLen) {
        spanSetBlock *block = b->spine[top];
        if (block != NULL) {
            if (block->popped == 0)
                throw("span set block with unpopped elements found in reset");
            if (block->popped == spanSetBlockEntries)
                throw("fully empty unfreed span set block found in reset");
            __atomic_store_n(&b->spine[top], NULL, __ATOMIC_SEQ_CST);
            spanSetBlockFree(block);
        }
    }
    __atomic_store_n(&b->index, 0, __ATOMIC_SEQ_CST);
    __atomic_store_n(&b->spineLen, 0, __ATOMIC_SEQ_CST);
}
