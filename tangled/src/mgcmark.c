// tangled from chapters/12-mgcmark.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Marking: roots, scanning, greying, checkmarks (Go's mgcmark.go, mcheckmark.go).
#define _GNU_SOURCE
#include <link.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include "runtime.h"

enum { rootBlockBytes = 256 << 10 }; // a root job scans at most this much

static void
addDataRoot(uintptr base, uintptr limit)
{
    base = alignUp(base, ptrSize);
    limit = alignDown(limit, ptrSize);
    for (; base < limit; base += rootBlockBytes) {
        if (work.nDataRoots == work.capDataRoots) {
            uint32 ncap = work.capDataRoots ? 2 * work.capDataRoots : 256;
            struct dataRoot *n = sysAlloc(ncap * sizeof *n, &memstats.gcMiscSys);
            if (n == NULL)
                throw("runtime: cannot allocate the root list");
            if (work.nDataRoots > 0)
                memcpy(n, work.dataRoots, work.nDataRoots * sizeof *n);
            if (work.capDataRoots > 0)
                sysFree(work.dataRoots, work.capDataRoots * sizeof *n, &memstats.gcMiscSys);
            work.dataRoots = n;
            work.capDataRoots = ncap;
        }
        uintptr n = limit - base < rootBlockBytes ? limit - base : rootBlockBytes;
        work.dataRoots[work.nDataRoots++] = (struct dataRoot){base, n};
    }
}

static bool
skipObject(const char *name)
{
    static const char *const skip[] = {"libasan.", "libtsan.", "libubsan.", "liblsan.", "libclang_rt.", "linux-vdso", "linux-gate"};
    for (size_t i = 0; i < sizeof skip / sizeof skip[0]; i++)
        if (strstr(name, skip[i]) != NULL)
            return true;
    return false;
}

// The runtime's own globals: not roots (see the text).  The sections exist when the
// library was built by the Makefile, which renames them; else only mheap_ is left out.
extern char __start_gomm_data[] __attribute__((weak)), __stop_gomm_data[] __attribute__((weak));
extern char __start_gomm_bss[] __attribute__((weak)), __stop_gomm_bss[] __attribute__((weak));

// The ranges left out of the roots, sorted, not overlapping; the same for every object.
struct rootHoles {
    addrRange r[2];
    int n;
};

// Add [base, limit) less the holes.
static void
addDataRootExcept(uintptr base, uintptr limit, const addrRange *holes, int nholes)
{
    for (int i = 0; i < nholes && base < limit; i++) {
        uintptr lo = holes[i].base.a, hi = holes[i].limit.a;
        if (hi <= base || lo >= limit)
            continue;
        if (lo > base)
            addDataRoot(base, lo);
        base = hi;
    }
    if (base < limit)
        addDataRoot(base, limit);
}

static int
addObjectRoots(struct dl_phdr_info *info, size_t size, void *arg)
{
    (void)size;
    const struct rootHoles *holes = arg;
    if (info->dlpi_name != NULL && skipObject(info->dlpi_name))
        return 0;
    uintptr relro = 0, relroEnd = 0;
    for (int i = 0; i < info->dlpi_phnum; i++)
        if (info->dlpi_phdr[i].p_type == PT_GNU_RELRO) {
            relro = info->dlpi_addr + info->dlpi_phdr[i].p_vaddr;
            relroEnd = relro + info->dlpi_phdr[i].p_memsz;
        }
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD || (ph->p_flags & PF_W) == 0)
            continue;
        uintptr base = info->dlpi_addr + ph->p_vaddr, limit = base + ph->p_memsz;
        if (relro <= base && base < relroEnd)
            base = relroEnd < limit ? relroEnd : limit;
        addDataRootExcept(base, limit, holes->r, holes->n);
    }
    return 0;
}

void
gcMarkRootCollectData(void)
{
    work.nDataRoots = 0;
    struct rootHoles holes = {.n = 0};
    if (__start_gomm_data != NULL && __stop_gomm_data != NULL)
        holes.r[holes.n++] = makeAddrRange((uintptr)__start_gomm_data, (uintptr)__stop_gomm_data);
    if (__start_gomm_bss != NULL && __stop_gomm_bss != NULL)
        holes.r[holes.n++] = makeAddrRange((uintptr)__start_gomm_bss, (uintptr)__stop_gomm_bss);
    if (holes.n == 0)
        holes.r[holes.n++] = makeAddrRange((uintptr)&mheap_, (uintptr)(&mheap_ + 1));
    if (holes.n == 2 && holes.r[1].base.a < holes.r[0].base.a) {
        addrRange t = holes.r[0];
        holes.r[0] = holes.r[1], holes.r[1] = t;
    }
    dl_iterate_phdr(addObjectRoots, &holes);
    uint64 n = 0;
    for (uint32 i = 0; i < work.nDataRoots; i++)
        n += work.dataRoots[i].n;
    gcController.globalsScan = n;
}
void
gcMarkRootPrepare(void)
{
    uint32 n = 0;
    if (work.capStackRoots < nallp) {
        uint32 ncap = nallp < 64 ? 64 : 2 * nallp;
        work.stackRoots = persistentalloc(ncap * sizeof(struct p *), ptrSize, &memstats.gcMiscSys);
        work.capStackRoots = ncap;
    }
    for (uint32 i = 0; i < nallp; i++)
        if (allp[i]->m != NULL)
            work.stackRoots[n++] = allp[i];
    work.nStackRoots = n;
    work.baseStacks = work.nDataRoots;
    atomic_Store(&work.markrootNext, 0); // idle workers may still test for work
    atomic_Store(&work.markrootJobs, work.baseStacks + work.nStackRoots);
    atomic_Store64(&gcController.stackScan, 0);
}

void
markroot(struct gcWork *gcw, uint32 i)
{
    if (i < work.baseStacks) {
        scanConservative(work.dataRoots[i].base, work.dataRoots[i].n, gcw);
        // The pacer's hook: count the globals' scan work
        atomic_Xadd64(&gcController.globalsScanWork, (int64)work.dataRoots[i].n);
    } else if (i < work.markrootJobs) {
        struct p *pp = work.stackRoots[i - work.baseStacks];
        // The concurrent collector's hook: with the world running, ask the P's thread to scan its stack
        if (atomic_Load(&sched.gcwaiting) == 0) {
            requestStackScan(pp);
            return;
        }
        scanstack(pp->m, gcw);
    } else {
        throw("markroot: bad index");
    }
}
__attribute__((noinline)) void
scanstack(struct m *mp, struct gcWork *gcw)
{
    uintptr lo;
    if (mp == getm()) {
        __builtin_unwind_init();
        lo = getsp();
    } else if ((lo = __atomic_load_n(&mp->syscallsp, __ATOMIC_SEQ_CST)) != 0) {
        scanConservative((uintptr)mp->syscallregs, sizeof mp->syscallregs, gcw);
    } else {
        lo = __atomic_load_n(&mp->stopsp, __ATOMIC_SEQ_CST);
    }
    lo = alignDown(lo, ptrSize);
    if (lo < mp->stacklo || lo >= mp->stackhi) {
        print("runtime: m=%p sp=0x%lx stack=[0x%lx, 0x%lx)\n", (void *)mp, (unsigned long)lo,
              (unsigned long)mp->stacklo, (unsigned long)mp->stackhi);
        throw("scanstack: stack pointer out of the thread's stack");
    }
    atomic_Xadd64(&gcController.stackScan, (int64)(mp->stackhi - lo)); // markers scan stacks at once
    // The concurrent collector's hook: in a checkmark after a concurrent mark, trust the stack's marked words only
    if (useCheckmark && work.mode == gcBackgroundMode) {
        scanConservativeMarked(lo, mp->stackhi - lo, gcw);
        lo = mp->stackhi;
    }
    scanConservative(lo, mp->stackhi - lo, gcw);
    keepFrame(); // the registers saved above must stay on the stack until the scan is done
}
__attribute__((no_sanitize_address, no_sanitize_thread, always_inline)) static inline void
scanConservative1(uintptr b, uintptr n, struct gcWork *gcw, bool onlyMarked)
{
    for (uintptr i = 0; i < n; i += ptrSize) {
        uintptr val = *(volatile uintptr *)(b + i);
        mspan *span = spanOfHeap(val);
        if (span == NULL)
            continue;
        uintptr idx = mspan_objIndex(span, val);
        if (mspan_isFree(span, idx))
            continue;
        if (onlyMarked && !markBits_isMarked(mspan_markBitsForIndex(span, idx)))
            continue;
        uintptr obj = mspan_base(span) + idx * span->elemsize;
        greyobject(obj, b, i, span, gcw, idx);
    }
}

__attribute__((no_sanitize_address, no_sanitize_thread, noinline)) void
scanConservative(uintptr b, uintptr n, struct gcWork *gcw)
{
    scanConservative1(b, n, gcw, false);
}

__attribute__((no_sanitize_address, no_sanitize_thread, noinline)) void
scanConservativeMarked(uintptr b, uintptr n, struct gcWork *gcw)
{
    scanConservative1(b, n, gcw, true);
}
int32 gcTestBreakMark;

void
scanobject(uintptr b, struct gcWork *gcw)
{
    __builtin_prefetch((void *)b);
    heapBits hbits = heapBitsForAddr(b);
    mspan *s = spanOfUnchecked(b);
    uintptr n = s->elemsize;
    if (n == 0)
        throw("scanobject n == 0");
    if (n > maxObletBytes) {
        if (b == mspan_base(s)) {
            if (spanClass_noscan(s->spanclass)) {
                gcw->bytesMarked += n;
                return;
            }
            for (uintptr oblet = b + maxObletBytes; oblet < mspan_base(s) + s->elemsize; oblet += maxObletBytes)
                if (!gcWork_putFast(gcw, oblet))
                    gcWork_put(gcw, oblet);
        }
        n = mspan_base(s) + s->elemsize - b;
        if (n > maxObletBytes)
            n = maxObletBytes;
    }
    uintptr i;
    for (i = 0; i < n; i += ptrSize) {
        if (i != 0)
            hbits = heapBits_next(hbits);
        uint32 bits = heapBits_bits(hbits);
        if ((bits & bitScan) == 0)
            break;
        if ((bits & bitPointer) == 0)
            continue;
        uintptr obj = __atomic_load_n((uintptr *)(b + i), __ATOMIC_RELAXED); // a mutator may store meanwhile
        if (__builtin_expect(gcTestBreakMark != 0, 0) && !useCheckmark && i == ptrSize)
            continue;
        if (obj != 0 && obj - b >= n) {
            mspan *span;
            uintptr objIndex;
            if ((obj = findObject(obj, b, i, &span, &objIndex)) != 0)
                greyobject(obj, b, i, span, gcw, objIndex);
        }
    }
    gcw->bytesMarked += n;
    gcw->heapScanWork += (int64)i;
}
// The span has a marked object: set its first page's bit in the arena's pageMarks.
void
setPageMark(mspan *span)
{
    heapArena *arena;
    uintptr pageIdx;
    uint8 pageMask;
    pageIndexOf(mspan_base(span), &arena, &pageIdx, &pageMask);
    if ((__atomic_load_n(&arena->pageMarks[pageIdx], __ATOMIC_RELAXED) & pageMask) == 0)
        __atomic_or_fetch(&arena->pageMarks[pageIdx], pageMask, __ATOMIC_SEQ_CST);
}

void
greyobject(uintptr obj, uintptr base, uintptr off, mspan *span, struct gcWork *gcw, uintptr objIndex)
{
    if ((obj & (ptrSize - 1)) != 0)
        throw("greyobject: obj not pointer-aligned");
    markBits mbits = mspan_markBitsForIndex(span, objIndex);
    if (useCheckmark) {
        if (setCheckmark(obj, base, off, mbits) || spanClass_noscan(span->spanclass))
            return; // already checked; or noscan, whose heap bits are not kept (ch. 9)
    } else {
        if (debug.gccheckmark > 0 && mspan_isFree(span, objIndex)) {
            print("runtime: marking free object 0x%lx found at *(0x%lx+0x%lx)\n", (unsigned long)obj,
                  (unsigned long)base, (unsigned long)off);
            gcDumpObject("base", base, off);
            gcDumpObject("obj", obj, ~(uintptr)0);
            throw("marking free object");
        }
        if (markBits_isMarked(mbits))
            return;
        markBits_setMarked(mbits);
        setPageMark(span);
        if (spanClass_noscan(span->spanclass)) {
            gcw->bytesMarked += span->elemsize;
            return;
        }
    }
    __builtin_prefetch((void *)obj); // as Go's sys.Prefetch: it will be scanned soon
    if (!gcWork_putFast(gcw, obj))
        gcWork_put(gcw, obj);
}
void
shade(uintptr b)
{
    mspan *span;
    uintptr objIndex;
    uintptr obj = findObject(b, 0, 0, &span, &objIndex);
    if (obj != 0) {
        struct p *pp = getm()->p;
        greyobject(obj, 0, 0, span, pp->gcw, objIndex);
    }
}
void
gcmarknewobject(mspan *span, uintptr obj, uintptr size)
{
    if (useCheckmark)
        throw("gcmarknewobject called while doing checkmark");
    uintptr objIndex = mspan_objIndex(span, obj);
    markBits_setMarked(mspan_markBitsForIndex(span, objIndex));
    setPageMark(span);
    getm()->p->gcw->bytesMarked += size;
}

void
gcMarkTinyAllocs(void)
{
    for (uint32 i = 0; i < nallp; i++) {
        struct mcache *c = allp[i]->mcache;
        if (c == NULL || c->tiny == 0)
            continue;
        mspan *span;
        uintptr objIndex;
        if (findObject(c->tiny, 0, 0, &span, &objIndex) != 0)
            greyobject(c->tiny, 0, 0, span, getm()->p->gcw, objIndex);
    }
}
bool (*gcDrainCheck[2])(void);

void
gcDrain(struct gcWork *gcw, int flags)
{
    bool (*check)(void) = NULL;
    if (flags & gcDrainIdle)
        check = gcDrainCheck[0];
    else if (flags & gcDrainFractional)
        check = gcDrainCheck[1];
    int64 initScanWork = gcw->heapScanWork; // work done before this drain: not its own to give
    int64 checkWork = check != NULL ? initScanWork + drainCheckThreshold : INT64_MAX;
    while (atomic_Load(&work.markrootNext) < work.markrootJobs) {
        uint32 job = __atomic_fetch_add(&work.markrootNext, 1, __ATOMIC_SEQ_CST);
        if (job >= work.markrootJobs)
            break;
        markroot(gcw, job);
        if (check != NULL && check())
            goto done;
    }
    for (;;) {
        if (lfstack_empty(&work.full))
            gcWork_balance(gcw);
        uintptr b = gcWork_tryGetFast(gcw);
        if (b == 0) {
            b = gcWork_tryGet(gcw);
            if (b == 0)
                break;
        }
        scanobject(b, gcw);
        if (gcw->heapScanWork >= gcCreditSlack) {
            atomic_Xadd64((uint64 *)&gcController.heapScanWork, gcw->heapScanWork);
            if (flags & gcDrainFlushBgCredit) {
                // The assists' hook: give the assists gcw->heapScanWork - initScanWork of credit
                gcFlushBgCredit(gcw->heapScanWork - initScanWork);
            }
            initScanWork = 0;
            checkWork -= gcw->heapScanWork;
            gcw->heapScanWork = 0;
            if (checkWork <= 0) {
                checkWork += drainCheckThreshold;
                if (check != NULL && check())
                    break;
            }
        }
    }
done:
    if (gcw->heapScanWork > 0) {
        atomic_Xadd64((uint64 *)&gcController.heapScanWork, gcw->heapScanWork);
        if (flags & gcDrainFlushBgCredit) {
            // The assists' hook: give the assists gcw->heapScanWork - initScanWork of credit
            gcFlushBgCredit(gcw->heapScanWork - initScanWork);
        }
        initScanWork = 0;
        gcw->heapScanWork = 0;
    }
}
enum { maxMarkHelpers = 63 };

static struct {
    uint32 started;          // helpers created
    uint32 gen;              // a futex word: moves when a mark starts
    uint32 done;             // helpers finished with this mark (atomic; a futex word)
    uint32 nhelpers;         // helpers taking part in this mark
    struct gcWork gcw[maxMarkHelpers];
} markHelpers;

bool
gcMarkWorkAvailable(void)
{
    return !lfstack_empty(&work.full) || atomic_Load(&work.markrootNext) < atomic_Load(&work.markrootJobs)
           || atomic_Load(&work.stackScansPending) != 0; // stacks being scanned will bring work
}

// Drain, then wait with the other markers until none has work and none is left.
static void
gcDrainShared(struct gcWork *gcw)
{
    for (;;) {
        gcDrain(gcw, 0);
        gcWork_dispose(gcw);
        uint32 nwait = __atomic_add_fetch(&work.nwait, 1, __ATOMIC_SEQ_CST);
        for (;;) {
            if (nwait == work.nproc && !gcMarkWorkAvailable())
                return; // everyone is idle and nothing is left: the mark is over
            if (gcMarkWorkAvailable()) {
                __atomic_sub_fetch(&work.nwait, 1, __ATOMIC_SEQ_CST);
                break;
            }
            sched_yield();
            nwait = __atomic_load_n(&work.nwait, __ATOMIC_SEQ_CST);
        }
    }
}

static void *
gcMarkHelper(void *arg)
{
    // The argument is the helper's number and the mark generation when it was made: it
    // takes part in the first mark after that, never in one already under way.
    uint32 id = (uint32)(uintptr)arg, gen = (uint32)((uintptr)arg >> 32);
    for (;;) {
        while (atomic_Load(&markHelpers.gen) == gen)
            futexsleep(&markHelpers.gen, gen, -1);
        gen = atomic_Load(&markHelpers.gen);
        if (id < markHelpers.nhelpers) {
            int64 cpu0 = threadCPUTime();
            gcDrainShared(&markHelpers.gcw[id]);
            __atomic_add_fetch(&work.markCPU, threadCPUTime() - cpu0, __ATOMIC_SEQ_CST);
            __atomic_add_fetch(&markHelpers.done, 1, __ATOMIC_SEQ_CST);
            futexwakeup(&markHelpers.done, 1);
        }
    }
    return NULL;
}

// Called before the world stops: thread creation may take locks a stopped thread holds.
void
gcMarkHelpersStart(void)
{
    uint32 want = (uint32)(gomaxprocs < ncpu ? gomaxprocs : ncpu) - 1;
    if (want > maxMarkHelpers)
        want = maxMarkHelpers;
    while (markHelpers.started < want) {
        uintptr arg = (uintptr)atomic_Load(&markHelpers.gen) << 32 | markHelpers.started;
        if (newosproc(gcMarkHelper, (void *)arg) != 0)
            break; // mark with fewer helpers
        markHelpers.started++;
    }
}

__attribute__((noinline)) void
gcMarkParallel(void)
{
    struct m *mp = getm();
    __builtin_unwind_init();
    __atomic_store_n(&mp->stopsp, getsp(), __ATOMIC_SEQ_CST); // the stopper's stack, for any marker
    uint32 want = (uint32)(gomaxprocs < ncpu ? gomaxprocs : ncpu) - 1;
    markHelpers.nhelpers = want < markHelpers.started ? want : markHelpers.started;
    work.nproc = 1 + markHelpers.nhelpers;
    atomic_Store(&work.nwait, 0);
    atomic_Store(&markHelpers.done, 0);
    work.markCPU = 0;
    if (markHelpers.nhelpers > 0) {
        __atomic_add_fetch(&markHelpers.gen, 1, __ATOMIC_SEQ_CST);
        futexwakeup(&markHelpers.gen, INT32_MAX);
    }
    int64 cpu0 = threadCPUTime();
    gcDrainShared(mp->p->gcw);
    __atomic_add_fetch(&work.markCPU, threadCPUTime() - cpu0, __ATOMIC_SEQ_CST);
    for (uint32 d; (d = atomic_Load(&markHelpers.done)) < markHelpers.nhelpers;)
        futexsleep(&markHelpers.done, d, -1);
    keepFrame();
}
void
gcResetMarkState(void)
{
    lock(&mheap_.lock);
    uintptr n = mheap_.nallArenas;
    arenaIdx *arenas = mheap_.allArenas;
    unlock(&mheap_.lock);
    for (uintptr i = 0; i < n; i++) {
        heapArena *ha = arenaOf(arenas[i]);
        memset(ha->pageMarks, 0, sizeof ha->pageMarks);
    }
    lock(&sched.lock); // the world may run: P's may be made meanwhile
    for (uint32 i = 0; i < nallp; i++)
        if (allp[i]->gcw == NULL)
            allp[i]->gcw = persistentalloc(sizeof(struct gcWork), cacheLinePadSize, &memstats.gcMiscSys);
    unlock(&sched.lock);
    atomic_Store64(&work.bytesMarked, 0);
    atomic_Store64((uint64 *)&gcController.heapScanWork, 0);
}

void
gcMark(int64 startTime)
{
    (void)startTime;
    // The profiler's hook: trace the cycle for GODEBUG=allocfreetrace=1
    if (debug.allocfreetrace > 0)
        tracegc();
    if (atomic_Load(&gcphase) != _GCmarktermination)
        throw("in gcMark expecting to see gcphase as _GCmarktermination");
    if (!lfstack_empty(&work.full) || work.markrootNext < work.markrootJobs) {
        print("runtime: next=%u jobs=%u nDataRoots=%u nStackRoots=%u\n", work.markrootNext,
              work.markrootJobs, work.nDataRoots, work.nStackRoots);
        throw("non-empty mark queue after concurrent mark");
    }
    for (uint32 i = 0; i < nallp; i++) {
        // The write barrier's hook: flush or drop the P's write barrier buffer
        if (debug.gccheckmark > 0)
            wbBufFlush1(allp[i]);
        else
            wbBuf_reset(&allp[i]->wbBuf);
        struct gcWork *gcw = allp[i]->gcw;
        if (gcw != NULL && !gcWork_empty(gcw)) {
            print("runtime: P %d has %lu+%lu objects\n", allp[i]->id, (unsigned long)gcw->wbuf1->hdr.nobj,
                  (unsigned long)gcw->wbuf2->hdr.nobj);
            throw("P has cached GC work at end of mark termination");
        }
        if (gcw != NULL)
            gcWork_dispose(gcw);
        allp[i]->mcache->scanAlloc = 0;
    }
    uint64 marked = atomic_Load64(&work.bytesMarked);
    // The pacer's hook: end the pacer's cycle
    gcControllerState_endCycle(work.tMarkTerm, gomaxprocs);
    atomic_Store64(&gcController.heapMarked, marked); // the pacer reads it at any time (chapter 16)
    atomic_Store64(&gcController.heapLive, marked);
    // The tracer's hook: trace the new heapLive
    if (atomic_Load(&traceEnabled) != 0)
        traceHeapAlloc();
    atomic_Store64(&gcController.heapScan, (uint64)atomic_Load64((uint64 *)&gcController.heapScanWork));
    // The pacer's hook: remember the cycle's scan work
    gcController.lastHeapScan = (uint64)atomic_Load64((uint64 *)&gcController.heapScanWork);
    gcController.lastStackScan = atomic_Load64(&gcController.stackScan);
    atomic_Store64(&gcController.triggered, ~(uint64)0);
}
bool useCheckmark;

void
startCheckmarks(void)
{
    for (uintptr i = 0; i < mheap_.nallArenas; i++) {
        heapArena *arena = arenaOf(mheap_.allArenas[i]);
        uintptr bytes = heapArenaBytes / ptrSize / 8;
        if (arena->checkmarks == NULL) {
            arena->checkmarks = persistentalloc(bytes, 0, &memstats.gcMiscSys);
            if (arena->checkmarks == NULL)
                throw("out of memory allocating checkmarks bitmap");
        } else {
            memset(arena->checkmarks, 0, bytes);
        }
    }
    useCheckmark = true;
}

void
endCheckmarks(void)
{
    if (!lfstack_empty(&work.full))
        throw("GC work not flushed");
    useCheckmark = false;
}

bool
setCheckmark(uintptr obj, uintptr base, uintptr off, markBits mbits)
{
    if (!markBits_isMarked(mbits)) {
        print("runtime: checkmarks found unexpected unmarked object obj=0x%lx\n", (unsigned long)obj);
        print("runtime: found obj at *(0x%lx+0x%lx)\n", (unsigned long)base, (unsigned long)off);
        gcDumpObject("base", base, off);
        gcDumpObject("obj", obj, ~(uintptr)0);
        throw("checkmark found unmarked object");
    }
    heapArena *arena = arenaOf(arenaIndex(obj));
    uintptr word = (obj - arenaBase(arenaIndex(obj))) / ptrSize;
    uint8 *bytep = &arena->checkmarks[word / 8];
    uint8 mask = (uint8)(1 << (word % 8));
    if ((__atomic_load_n(bytep, __ATOMIC_RELAXED) & mask) != 0)
        return true;
    __atomic_or_fetch(bytep, mask, __ATOMIC_SEQ_CST);
    return false;
}
