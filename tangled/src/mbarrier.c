// tangled from chapters/14-mbarrier.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The write barrier (Go's mbarrier.go, mwbbuf.go, mbitmap.go:bulkBarrierPreWrite).
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>
#include "runtime.h"

enum { maxBarrierModules = 256 };

static struct {
    uintptr *start, *stop; // pairs: the first and the end address of a fast path
} barrierModules[maxBarrierModules];
static uint32 nbarrierModules; // published entries (atomic)
static uint32 barrierModulesLock;

static int
cmpSite(const void *a, const void *b)
{
    uintptr x = *(const uintptr *)a, y = *(const uintptr *)b;
    return x < y ? -1 : x > y;
}

void
runtime_registerBarrierSites(uintptr *start, uintptr *stop)
{
    if (start == NULL || stop <= start)
        return;
    while (__atomic_exchange_n(&barrierModulesLock, 1, __ATOMIC_ACQUIRE) != 0)
        sched_yield();
    uint32 n = atomic_Load(&nbarrierModules);
    for (uint32 i = 0; i < n; i++)
        if (barrierModules[i].start == start) {
            __atomic_store_n(&barrierModulesLock, 0, __ATOMIC_RELEASE);
            return;
        }
    if (n == maxBarrierModules)
        throw("runtime: too many modules with write barriers");
    qsort(start, (size_t)(stop - start) / 2, 2 * sizeof(uintptr), cmpSite);
    barrierModules[n].start = start;
    barrierModules[n].stop = stop;
    atomic_Store(&nbarrierModules, n + 1);
    __atomic_store_n(&barrierModulesLock, 0, __ATOMIC_RELEASE);
}

// The preemption signal's handler: a thread interrupted inside a fast path,
// after its test and before its store, goes back to the test.
void
wbRestartSequence(void *ucontext)
{
    ucontext_t *uc = ucontext;
#if defined(__x86_64__)
    uintptr *pcp = (uintptr *)&uc->uc_mcontext.gregs[REG_RIP];
#else
    uintptr *pcp = (uintptr *)&uc->uc_mcontext.pc;
#endif
    uintptr pc = *pcp;
    uint32 n = atomic_Load(&nbarrierModules);
    for (uint32 i = 0; i < n; i++) {
        uintptr *t = barrierModules[i].start;
        size_t lo = 0, hi = (size_t)(barrierModules[i].stop - t) / 2;
        while (lo < hi) { // the first site that starts at or after pc
            size_t mid = lo + (hi - lo) / 2;
            if (t[2 * mid] < pc)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo > 0 && pc < t[2 * (lo - 1) + 1]) { // inside the site before it
            *pcp = t[2 * (lo - 1)];
            return;
        }
    }
}
void
runtime_gcWriteBarrier(void **slot, void *ptr)
{
    struct m *mp = acquirem();
    if (__builtin_expect(mp->p == NULL, 0)) {
        releasem(mp);
        acquirep();
        mp = acquirem();
    }
    if (writeBarrier.enabled)
        wbBuf_put(mp->p, (uintptr)__atomic_load_n(slot, __ATOMIC_RELAXED), (uintptr)ptr);
    __atomic_store_n(slot, ptr, __ATOMIC_RELAXED);
    releasem(mp);
}
void
wbBuf_reset(wbBuf *b)
{
    b->next = &b->buf[0];
    b->end = &b->buf[wbBufEntries * wbBufEntryPointers];
}

bool
wbBuf_empty(wbBuf *b)
{
    return b->next == &b->buf[0];
}

void
wbBufFlush1(struct p *pp)
{
    uintptr *ptrs = pp->wbBuf.buf;
    uintptr n = (uintptr)(pp->wbBuf.next - ptrs);
    pp->wbBuf.next = ptrs;
    if (useCheckmark) {
        for (uintptr i = 0; i < n; i++)
            if (ptrs[i] != 0)
                shade(ptrs[i]);
        wbBuf_reset(&pp->wbBuf);
        return;
    }
    struct gcWork *gcw = pp->gcw;
    uintptr pos = 0;
    for (uintptr i = 0; i < n; i++) {
        uintptr ptr = ptrs[i];
        if (ptr < minLegalPointer)
            continue;
        mspan *span;
        uintptr objIndex;
        uintptr obj = findObject(ptr, 0, 0, &span, &objIndex);
        if (obj == 0)
            continue;
        markBits mbits = mspan_markBitsForIndex(span, objIndex);
        if (markBits_isMarked(mbits))
            continue;
        markBits_setMarked(mbits);
        setPageMark(span);
        if (spanClass_noscan(span->spanclass)) {
            gcw->bytesMarked += span->elemsize;
            continue;
        }
        ptrs[pos++] = obj;
    }
    gcWork_putBatch(gcw, ptrs, pos);
    wbBuf_reset(&pp->wbBuf);
}

void
gcWork_putBatch(struct gcWork *w, uintptr *obj, uintptr n)
{
    for (uintptr i = 0; i < n; i++)
        if (!gcWork_putFast(w, obj[i]))
            gcWork_put(w, obj[i]);
}
// A word that may be a pointer, from memory scanned conservatively.
static inline uintptr
conservativePointer(uintptr v)
{
    mspan *s = spanOfHeap(v);
    if (s == NULL)
        return 0;
    return mspan_isFree(s, mspan_objIndex(s, v)) ? 0 : v;
}

void
bulkBarrierPreWrite(uintptr dst, uintptr src, uintptr size, _type *typ)
{
    if (((dst | src | size) & (ptrSize - 1)) != 0)
        throw("bulkBarrierPreWrite: unaligned arguments");
    if (!writeBarrier.needed)
        return;
    struct m *mp = acquirem();
    struct p *pp = mp->p;
    if (pp == NULL)
        throw("bulkBarrierPreWrite: the thread holds no P");
    mspan *s = spanOf(dst);
    if (s != NULL) {
        if (mSpanStateBox_get(&s->state) != mSpanInUse || dst < mspan_base(s) || s->limit <= dst) {
            releasem(mp);
            return;
        }
        heapBits h = heapBitsForAddr(dst);
        for (uintptr i = 0; i < size; i += ptrSize, h = heapBits_next(h))
            if (heapBits_isPointer(h))
                wbBuf_put(pp, *(uintptr *)(dst + i), src ? *(uintptr *)(src + i) : 0);
    } else {
        for (uintptr i = 0; i < size; i += ptrSize) {
            if (typ != NULL) {
                uintptr w = (i % typ->size) / ptrSize;
                if (w >= typ->ptrdata / ptrSize || (typ->gcdata[w / 8] >> (w % 8) & 1) == 0)
                    continue;
            }
            uintptr old = conservativePointer(*(uintptr *)(dst + i));
            uintptr new = src ? conservativePointer(*(uintptr *)(src + i)) : 0;
            if (old != 0 || new != 0)
                wbBuf_put(pp, old, new);
        }
    }
    releasem(mp);
}

uintptr
typedslicecopy(_type *typ, void *dstPtr, uintptr dstLen, const void *srcPtr, uintptr srcLen)
{
    uintptr n = dstLen < srcLen ? dstLen : srcLen;
    if (n == 0 || dstPtr == srcPtr)
        return n;
    uintptr size = n * typ->size;
    struct m *mp = acquirem();
    if (writeBarrier.needed && typeptrdata(typ) != 0)
        bulkBarrierPreWrite((uintptr)dstPtr, (uintptr)srcPtr, size - typ->size + typ->ptrdata, typ);
    memmove(dstPtr, srcPtr, size);
    releasem(mp);
    return n;
}

void
memclrHasPointers(void *ptr, uintptr n)
{
    struct m *mp = acquirem();
    bulkBarrierPreWrite((uintptr)ptr, 0, n, NULL);
    memclrNoHeapPointers(ptr, n);
    releasem(mp);
}

size_t
runtime_typedslicecopy(runtime_Type *t, void *dst, size_t dstLen, const void *src, size_t srcLen)
{
    if (getm()->p == NULL)
        acquirep(); // the barrier needs the thread's P
    return typedslicecopy(t, dst, dstLen, src, srcLen);
}

void
runtime_memclrHasPointers(void *p, size_t n)
{
    if ((((uintptr)p | n) & (ptrSize - 1)) != 0)
        throw("runtime_memclrHasPointers: unaligned arguments");
    if (getm()->p == NULL)
        acquirep();
    memclrHasPointers(p, n);
}
