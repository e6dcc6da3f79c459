// tangled from chapters/27-pool.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// sync.Pool: per-P pools of temporary objects, emptied by the collector (Go's sync/pool.go, poolqueue.go).
#include "runtime.h"

enum { dequeueBits = 32 };
#define dequeueLimit ((uint32)1 << 30) // (1 << dequeueBits) / 4: a ring never gets larger

typedef struct poolDequeue {
    uint64 headTail; // head << 32 | tail (atomic)
    void **vals;     // the ring: a heap array of pointers, nvals long, a power of two
    uint32 nvals;
} poolDequeue;

static void
poolDequeue_unpack(uint64 ptrs, uint32 *head, uint32 *tail)
{
    *head = (uint32)(ptrs >> dequeueBits);
    *tail = (uint32)ptrs;
}

static uint64
poolDequeue_pack(uint32 head, uint32 tail)
{
    return (uint64)head << dequeueBits | tail;
}
static void
atomicstorep(void **slot, void *ptr)
{
    struct m *mp = acquirem();
    if (mp->p == NULL)
        throw("sync.Pool: the thread holds no P");
    if (writeBarrier.enabled)
        wbBuf_put(mp->p, (uintptr)__atomic_load_n(slot, __ATOMIC_RELAXED), (uintptr)ptr);
    __atomic_store_n(slot, ptr, __ATOMIC_RELEASE);
    releasem(mp);
}
static bool
poolDequeue_pushHead(poolDequeue *d, void *val)
{
    uint64 ptrs = __atomic_load_n(&d->headTail, __ATOMIC_ACQUIRE);
    uint32 head, tail;
    poolDequeue_unpack(ptrs, &head, &tail);
    if (tail + d->nvals == head)
        return false; // full
    void **slot = &d->vals[head & (d->nvals - 1)];
    if (__atomic_load_n(slot, __ATOMIC_ACQUIRE) != NULL)
        return false; // a consumer has taken it but not yet cleared it
    atomicstorep(slot, val);
    __atomic_add_fetch(&d->headTail, (uint64)1 << dequeueBits, __ATOMIC_SEQ_CST);
    return true;
}
static void *
poolDequeue_popHead(poolDequeue *d)
{
    void **slot;
    for (;;) {
        uint64 ptrs = __atomic_load_n(&d->headTail, __ATOMIC_ACQUIRE);
        uint32 head, tail;
        poolDequeue_unpack(ptrs, &head, &tail);
        if (tail == head)
            return NULL; // empty
        head--;
        if (__atomic_compare_exchange_n(&d->headTail, &ptrs, poolDequeue_pack(head, tail), false, __ATOMIC_SEQ_CST,
                                        __ATOMIC_SEQ_CST)) {
            slot = &d->vals[head & (d->nvals - 1)];
            break;
        }
    }
    void *val = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
    atomicstorep(slot, NULL);
    return val;
}

static void *
poolDequeue_popTail(poolDequeue *d)
{
    void **slot;
    for (;;) {
        uint64 ptrs = __atomic_load_n(&d->headTail, __ATOMIC_ACQUIRE);
        uint32 head, tail;
        poolDequeue_unpack(ptrs, &head, &tail);
        if (tail == head)
            return NULL; // empty
        if (__atomic_compare_exchange_n(&d->headTail, &ptrs, poolDequeue_pack(head, tail + 1), false,
                                        __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
            slot = &d->vals[tail & (d->nvals - 1)];
            break;
        }
    }
    void *val = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
    atomicstorep(slot, NULL); // the slot is free: the producer may reuse it
    return val;
}
struct poolChainElt {
    poolDequeue d;
    struct poolChainElt *next, *prev; // next: toward the head (newer), prev: toward the tail
};
GOMM_TYPE(poolChainEltType, poolChainElt, offsetof(poolChainElt, d.vals), offsetof(poolChainElt, next),
          offsetof(poolChainElt, prev));
GOMM_TYPE(poolSlotType, void *, 0);

static poolChainElt *
newPoolChainElt(uint32 size, poolChainElt *prev)
{
    poolChainElt *d = runtime_new(&poolChainEltType);
    atomicstorep((void **)&d->d.vals, runtime_makeslice(&poolSlotType, size, size));
    d->d.nvals = size;
    atomicstorep((void **)&d->prev, prev);
    return d;
}

void
poolChain_pushHead(poolChain *c, void *val)
{
    poolChainElt *d = c->head;
    if (d == NULL) {
        d = newPoolChainElt(8, NULL);
        atomicstorep((void **)&c->head, d);
        atomicstorep((void **)&c->tail, d);
    }
    if (poolDequeue_pushHead(&d->d, val))
        return;
    uint32 newSize = d->d.nvals * 2;
    if (newSize >= dequeueLimit)
        newSize = dequeueLimit;
    poolChainElt *d2 = newPoolChainElt(newSize, d);
    atomicstorep((void **)&c->head, d2);
    atomicstorep((void **)&d->next, d2);
    poolDequeue_pushHead(&d2->d, val);
}

void *
poolChain_popHead(poolChain *c)
{
    for (poolChainElt *d = c->head; d != NULL; d = __atomic_load_n(&d->prev, __ATOMIC_ACQUIRE)) {
        void *val = poolDequeue_popHead(&d->d);
        if (val != NULL)
            return val;
    }
    return NULL;
}

void *
poolChain_popTail(poolChain *c)
{
    poolChainElt *d = __atomic_load_n(&c->tail, __ATOMIC_ACQUIRE);
    if (d == NULL)
        return NULL;
    for (;;) {
        // The successor is read before the pop: if the ring is empty and has no successor now,
        // nothing was pushed into a newer ring before it either.
        poolChainElt *d2 = __atomic_load_n(&d->next, __ATOMIC_ACQUIRE);
        void *val = poolDequeue_popTail(&d->d);
        if (val != NULL)
            return val;
        if (d2 == NULL)
            return NULL;
        // d is empty and d2 is newer: drop d, unless another consumer has done so.
        poolChainElt *old = d;
        if (__atomic_load_n(&c->tail, __ATOMIC_ACQUIRE) == old) {
            struct m *mp = acquirem();
            if (writeBarrier.enabled)
                wbBuf_put(mp->p, (uintptr)old, (uintptr)d2);
            if (__atomic_compare_exchange_n(&c->tail, &old, d2, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
                atomicstorep((void **)&d2->prev, NULL); // the producer will not walk back into d
            releasem(mp);
        }
        d = d2;
    }
}
typedef struct poolLocalInternal {
    void *private_;  // the P's own value (private is a word reserved by some C++ compilers)
    poolChain shared; // the P pushes and pops the head; any P pops the tail
} poolLocalInternal;

typedef struct poolLocal {
    poolLocalInternal l;
    byte pad[128 - sizeof(poolLocalInternal) % 128];
} poolLocal;
GOMM_TYPE(poolLocalType, poolLocal, offsetof(poolLocal, l.private_), offsetof(poolLocal, l.shared.head),
          offsetof(poolLocal, l.shared.tail));

static poolLocal *
indexLocal(void *l, uintptr i)
{
    return (poolLocal *)l + i;
}
static mutex allPoolsMu;
// Heap arrays of pointers to the pools.  The runtime's globals are not roots (chapter 12), so
// these two live in a section of their own, which the build leaves alone: the collector scans
// it with the program's globals, and the lists keep their pools, and the arrays, alive.
static sync_Pool **allPools __attribute__((section("gomm_roots")));
static sync_Pool **oldPools __attribute__((section("gomm_roots")));
static uintptr nallPools, capallPools, noldPools;

static poolLocal *
pinSlow(sync_Pool *p, int32 *pid)
{
    releasem(getm());
    lock(&allPoolsMu);
    struct m *mp = acquirem();
    *pid = mp->p->id;
    uintptr s = p->localSize;
    void *l = p->local;
    if ((uintptr)*pid < s) {
        unlock(&allPoolsMu);
        return indexLocal(l, (uintptr)*pid);
    }
    if (p->local == NULL) { // first use: join allPools
        if (nallPools == capallPools) {
            uintptr ncap = capallPools ? 2 * capallPools : 16;
            sync_Pool **na = runtime_makeslice(&poolSlotType, (intptr_t)ncap, (intptr_t)ncap);
            for (uintptr i = 0; i < nallPools; i++)
                atomicstorep((void **)&na[i], allPools[i]);
            atomicstorep((void **)&allPools, na);
            capallPools = ncap;
        }
        atomicstorep((void **)&allPools[nallPools++], p);
    }
    uintptr size = __atomic_load_n(&nallp, __ATOMIC_ACQUIRE);
    if (size <= (uintptr)*pid)
        size = (uintptr)*pid + 1;
    poolLocal *local = runtime_makeslice(&poolLocalType, (intptr_t)size, (intptr_t)size);
    atomicstorep(&p->local, local);
    __atomic_store_n(&p->localSize, size, __ATOMIC_RELEASE);
    unlock(&allPoolsMu);
    return &local[*pid];
}

static poolLocal *
pin(sync_Pool *p, int32 *pid)
{
    struct m *mp = acquirem();
    if (mp->p == NULL || __atomic_load_n(&mp->syscallsp, __ATOMIC_RELAXED) != 0) {
        print("sync.Pool: p=%p m->p=%p\n", (void *)p, (void *)mp->p);
        throw("sync.Pool used by a thread that holds no P, or inside runtime_entersyscall");
    }
    *pid = mp->p->id;
    uintptr s = __atomic_load_n(&p->localSize, __ATOMIC_ACQUIRE);
    void *l = __atomic_load_n(&p->local, __ATOMIC_ACQUIRE);
    if ((uintptr)*pid < s)
        return indexLocal(l, (uintptr)*pid);
    return pinSlow(p, pid);
}
void
sync_Pool_Put(sync_Pool *p, void *x)
{
    if (x == NULL)
        return;
    int32 pid;
    poolLocal *l = pin(p, &pid);
    if (l->l.private_ == NULL)
        atomicstorep(&l->l.private_, x);
    else
        poolChain_pushHead(&l->l.shared, x);
    releasem(getm());
}

static void *getSlow(sync_Pool *p, int32 pid);

void *
sync_Pool_Get(sync_Pool *p)
{
    int32 pid;
    poolLocal *l = pin(p, &pid);
    void *x = l->l.private_;
    if (x != NULL)
        atomicstorep(&l->l.private_, NULL);
    else if ((x = poolChain_popHead(&l->l.shared)) == NULL)
        x = getSlow(p, pid);
    releasem(getm());
    if (x == NULL && p->New != NULL)
        x = p->New();
    return x;
}
static void *
getSlow(sync_Pool *p, int32 pid)
{
    uintptr size = __atomic_load_n(&p->localSize, __ATOMIC_ACQUIRE);
    void *locals = __atomic_load_n(&p->local, __ATOMIC_ACQUIRE);
    for (uintptr i = 0; i < size; i++) {
        poolLocal *l = indexLocal(locals, ((uintptr)pid + i + 1) % size);
        void *x = poolChain_popTail(&l->l.shared);
        if (x != NULL)
            return x;
    }
    size = __atomic_load_n(&p->victimSize, __ATOMIC_ACQUIRE);
    if ((uintptr)pid >= size)
        return NULL;
    locals = __atomic_load_n(&p->victim, __ATOMIC_ACQUIRE);
    poolLocal *l = indexLocal(locals, (uintptr)pid);
    void *x = l->l.private_;
    if (x != NULL) {
        atomicstorep(&l->l.private_, NULL);
        return x;
    }
    for (uintptr i = 0; i < size; i++) {
        l = indexLocal(locals, ((uintptr)pid + i) % size);
        if ((x = poolChain_popTail(&l->l.shared)) != NULL)
            return x;
    }
    __atomic_store_n(&p->victimSize, 0, __ATOMIC_RELEASE); // nothing left: do not look again
    return NULL;
}
static void
poolCleanup(void)
{
    for (uintptr i = 0; i < noldPools; i++) {
        sync_Pool *p = oldPools[i];
        atomicstorep(&p->victim, NULL);
        p->victimSize = 0;
    }
    for (uintptr i = 0; i < nallPools; i++) {
        sync_Pool *p = allPools[i];
        atomicstorep(&p->victim, p->local);
        p->victimSize = p->localSize;
        atomicstorep(&p->local, NULL);
        p->localSize = 0;
    }
    atomicstorep((void **)&oldPools, allPools); // the previous list is garbage now
    noldPools = nallPools;
    atomicstorep((void **)&allPools, NULL);
    nallPools = capallPools = 0;
}

void
clearpools(void)
{
    poolCleanup();
}
