// tangled from chapters/19-mgcscavenge.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The scavenger (Go's mgcscavenge.go): returning free heap memory to the operating system.
#include "runtime.h"

struct scavengeGoals scavenge;

uint64
heapRetained(void)
{
    return sysMemStat_load(&gcController.heapInUse) + sysMemStat_load(&gcController.heapFree);
}

void
gcPaceScavenger(int64 memoryLimit, uint64 heapGoal, uint64 lastHeapGoal)
{
    uint64 memoryLimitGoal = (uint64)((double)memoryLimit * (100.0 - reduceExtraPercent)); // Go 1.19.8's
    if (atomic_Load64(&gcController.mappedReady) <= memoryLimitGoal)
        atomic_Store64(&scavenge.memoryLimitGoal, ~(uint64)0);
    else
        atomic_Store64(&scavenge.memoryLimitGoal, memoryLimitGoal);
    if (lastHeapGoal == 0) {
        atomic_Store64(&scavenge.gcPercentGoal, ~(uint64)0);
        return;
    }
    double goalRatio = (double)heapGoal / (double)lastHeapGoal;
    uint64 gcPercentGoal = (uint64)((double)memstats.lastHeapInUse * goalRatio);
    gcPercentGoal += (uint64)((double)gcPercentGoal / (1.0 / (retainExtraPercent / 100.0)));
    gcPercentGoal = alignUp(gcPercentGoal, physPageSize);
    uint64 retained = heapRetained();
    if (retained <= gcPercentGoal || retained - gcPercentGoal < physPageSize)
        atomic_Store64(&scavenge.gcPercentGoal, ~(uint64)0);
    else
        atomic_Store64(&scavenge.gcPercentGoal, gcPercentGoal);
}
void
atomicOffAddr_clear(int64 *b)
{
    for (;;) {
        int64 old = __atomic_load_n(b, __ATOMIC_SEQ_CST);
        if (old < 0)
            return; // marked: a free has news, keep it
        if (__atomic_compare_exchange_n(b, &old, (int64)(minOffAddr.a - arenaBaseOffset), false,
                                        __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
            return;
    }
}

void
atomicOffAddr_storeMin(int64 *b, uintptr addr)
{
    int64 new = (int64)(addr - arenaBaseOffset);
    for (;;) {
        int64 old = __atomic_load_n(b, __ATOMIC_SEQ_CST);
        if (old < new)
            return;
        if (__atomic_compare_exchange_n(b, &old, new, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
            return;
    }
}

void
atomicOffAddr_storeUnmark(int64 *b, uintptr markedAddr, uintptr newAddr)
{
    int64 old = -(int64)(markedAddr - arenaBaseOffset);
    __atomic_compare_exchange_n(b, &old, (int64)(newAddr - arenaBaseOffset), false, __ATOMIC_SEQ_CST,
                                __ATOMIC_SEQ_CST);
}

void
atomicOffAddr_storeMarked(int64 *b, uintptr addr)
{
    __atomic_store_n(b, -(int64)(addr - arenaBaseOffset), __ATOMIC_SEQ_CST);
}

uintptr
atomicOffAddr_load(int64 *b, bool *marked)
{
    int64 v = __atomic_load_n(b, __ATOMIC_SEQ_CST);
    *marked = v < 0;
    if (v < 0)
        v = -v;
    return (uintptr)v + arenaBaseOffset;
}

uintptr
scavengeIndex_grow(struct scavengeIndex *s, uintptr base, uintptr limit, sysMemStat *sysStat)
{
    if (base % pallocChunkBytes != 0 || limit % pallocChunkBytes != 0) {
        print("runtime: base = 0x%lx, limit = 0x%lx\n", (unsigned long)base, (unsigned long)limit);
        throw("sysGrow bounds not aligned to pallocChunkBytes");
    }
    int32 haveMin = __atomic_load_n(&s->min, __ATOMIC_SEQ_CST), haveMax = __atomic_load_n(&s->max, __ATOMIC_SEQ_CST);
    int32 needMin = (int32)alignDown(chunkIndex(base) / 8, physPageSize);
    int32 needMax = (int32)alignUp((chunkIndex(limit) + 7) / 8, physPageSize);
    if (needMax < haveMin)
        needMax = haveMin; // keep the mapped bytes one range: map what lies between too
    if (needMin > haveMax)
        needMin = haveMax;
    uintptr chunks = (uintptr)s->chunks, mapped = 0;
    int32 lo[2] = {needMin, haveMax}, hi[2] = {needMax, needMax}; // nothing mapped yet: one range
    if (haveMax != 0) // else: what is needed below the mapped bytes, and above them
        hi[0] = needMin < haveMin ? haveMin : needMin, lo[1] = haveMax;
    else
        lo[1] = hi[1];
    for (int i = 0; i < 2; i++) {
        if (hi[i] <= lo[i])
            continue;
        uintptr n = (uintptr)(hi[i] - lo[i]);
        sysMap((void *)(chunks + (uintptr)lo[i]), n, sysStat);
        sysUsed((void *)(chunks + (uintptr)lo[i]), n, n);
        mapped += n;
    }
    s->mapped += mapped;
    if (mapped != 0) {
        if (haveMin == 0 || needMin < haveMin)
            __atomic_store_n(&s->min, needMin, __ATOMIC_SEQ_CST);
        if (haveMax == 0 || needMax > haveMax)
            __atomic_store_n(&s->max, needMax, __ATOMIC_SEQ_CST);
    }
    int32 minHeapIdx = __atomic_load_n(&s->minHeapIdx, __ATOMIC_SEQ_CST);
    int32 baseIdx = (int32)(chunkIndex(base) / 8);
    if (minHeapIdx == 0 || baseIdx < minHeapIdx)
        __atomic_store_n(&s->minHeapIdx, baseIdx, __ATOMIC_SEQ_CST);
    return mapped;
}

chunkIdx
scavengeIndex_find(struct scavengeIndex *s, uintptr *pageIdx)
{
    bool marked;
    uintptr searchAddr = atomicOffAddr_load(&s->searchAddr, &marked);
    if (searchAddr == minOffAddr.a)
        return 0; // nothing to do
    int32 min = __atomic_load_n(&s->minHeapIdx, __ATOMIC_SEQ_CST);
    chunkIdx searchChunk = chunkIndex(searchAddr);
    for (int32 i = (int32)(searchChunk / 8); i >= min; i--) {
        uint8 chunks = __atomic_load_n(&s->chunks[i], __ATOMIC_SEQ_CST);
        if (chunks == 0)
            continue;
        int n = 31 - __builtin_clz(chunks); // the highest set bit
        chunkIdx ci = (chunkIdx)i * 8 + (chunkIdx)n;
        if (ci == searchChunk) {
            *pageIdx = chunkPageIndex(searchAddr);
            return ci;
        }
        uintptr newSearchAddr = chunkBase(ci) + pallocChunkBytes - pageSize;
        if (marked)
            atomicOffAddr_storeUnmark(&s->searchAddr, searchAddr, newSearchAddr);
        else
            atomicOffAddr_storeMin(&s->searchAddr, newSearchAddr);
        *pageIdx = pallocChunkPages - 1;
        return ci;
    }
    atomicOffAddr_clear(&s->searchAddr);
    return 0;
}

void
scavengeIndex_mark(struct scavengeIndex *s, uintptr base, uintptr limit)
{
    chunkIdx start = chunkIndex(base), end = chunkIndex(limit - pageSize);
    for (chunkIdx ci = start; ci <= end; ci++) {
        if (ci % 8 == 0 && ci + 8 <= end + 1) { // a whole byte at once
            __atomic_store_n(&s->chunks[ci / 8], (uint8)0xff, __ATOMIC_SEQ_CST);
            ci += 7;
            continue;
        }
        __atomic_fetch_or(&s->chunks[ci / 8], (uint8)(1 << (ci % 8)), __ATOMIC_SEQ_CST);
    }
    uintptr newSearchAddr = limit - pageSize;
    bool marked;
    uintptr searchAddr = atomicOffAddr_load(&s->searchAddr, &marked);
    if (offAddr_lessThan((offAddr){searchAddr}, (offAddr){newSearchAddr}))
        atomicOffAddr_storeMarked(&s->searchAddr, newSearchAddr);
}

void
scavengeIndex_clear(struct scavengeIndex *s, chunkIdx ci)
{
    __atomic_fetch_and(&s->chunks[ci / 8], (uint8) ~(1 << (ci % 8)), __ATOMIC_SEQ_CST);
}
uint64
fillAligned(uint64 x, uintptr m)
{
    uint64 c;
    switch (m) {
    case 1:
        return x;
    case 2: c = 0x5555555555555555; break;
    case 4: c = 0x7777777777777777; break;
    case 8: c = 0x7f7f7f7f7f7f7f7f; break;
    case 16: c = 0x7fff7fff7fff7fff; break;
    case 32: c = 0x7fffffff7fffffff; break;
    case 64: c = 0x7fffffffffffffff; break;
    default:
        throw("bad m value");
    }
    x = ~((((x & c) + c) | x) | c); // a group's top bit: 1 if the group was all zero
    return ~((x - (x >> (m - 1))) | x);
}

static inline uintptr
leadingZeros64(uint64 x)
{
    return x == 0 ? 64 : (uintptr)__builtin_clzll(x);
}

void
pallocData_findScavengeCandidate(pallocData *m, uintptr searchIdx, uintptr min, uintptr max,
                                 uintptr *start, uintptr *size)
{
    if (min == 0 || (min & (min - 1)) != 0) {
        print("runtime: min = %lu\n", (unsigned long)min);
        throw("min must be a non-zero power of 2");
    } else if (min > maxPagesPerPhysPage) {
        print("runtime: min = %lu\n", (unsigned long)min);
        throw("min too large");
    }
    max = max == 0 ? min : alignUp(max, min);
    int i = (int)(searchIdx / 64);
    for (; i >= 0; i--)
        if (fillAligned(m->scavenged.b[i] | m->pallocBits.b[i], min) != ~(uint64)0)
            break;
    if (i < 0) {
        *start = *size = 0;
        return;
    }
    uint64 x = fillAligned(m->scavenged.b[i] | m->pallocBits.b[i], min);
    uintptr z1 = leadingZeros64(~x); // set bits above the free run
    uintptr run = 0, end = (uintptr)i * 64 + (64 - z1);
    if (x << z1 != 0) {
        run = leadingZeros64(x << z1);
    } else {
        run = 64 - z1; // the run goes on into the words below
        for (int j = i - 1; j >= 0; j--) {
            uint64 y = fillAligned(m->scavenged.b[j] | m->pallocBits.b[j], min);
            run += leadingZeros64(y);
            if (y != 0)
                break;
        }
    }
    uintptr sz = run < max ? run : max;
    uintptr st = end - sz;
    if (physHugePageSize > pageSize && physHugePageSize > physPageSize) {
        uintptr pagesPerHugePage = physHugePageSize / pageSize;
        uintptr hugePageAbove = alignUp(st, pagesPerHugePage);
        if (hugePageAbove <= end) {
            uintptr hugePageBelow = alignDown(st, pagesPerHugePage);
            if (hugePageBelow >= end - run) {
                sz += st - hugePageBelow;
                st = hugePageBelow;
            }
        }
    }
    *start = st;
    *size = sz;
}
int32 scavengeOff;

static uintptr
scavengeOne(pageAlloc *p, chunkIdx ci, uintptr searchIdx, uintptr max)
{
    uintptr maxPages = divRoundUp(max, pageSize);
    uintptr minPages = physPageSize / pageSize;
    if (minPages < 1)
        minPages = 1;
    lock(p->mheapLock);
    if (pallocSum_max(p->summary[summaryLevels - 1][ci]) >= minPages) {
        uintptr base, npages;
        pallocData_findScavengeCandidate(pageAlloc_chunkOf(p, ci), searchIdx, minPages, maxPages, &base, &npages);
        if (npages != 0) {
            uintptr addr = chunkBase(ci) + base * pageSize;
            if (pageAlloc_allocRange(p, addr, npages) != 0)
                throw("double scavenge");
            unlock(p->mheapLock);
            if (!p->test) {
                uintptr nbytes = npages * pageSize;
                sysUnused((void *)addr, nbytes);
                sysMemStat_add(&gcController.heapReleased, (int64)nbytes);
                sysMemStat_add(&gcController.heapFree, -(int64)nbytes);
                // The statistics' hook: count the released memory
                {
                    heapStatsDelta *stats = consistentHeapStats_acquire(&memstats.heapStats);
                    __atomic_add_fetch(&stats->committed, -(int64)nbytes, __ATOMIC_SEQ_CST);
                    __atomic_add_fetch(&stats->released, (int64)nbytes, __ATOMIC_SEQ_CST);
                    consistentHeapStats_release(&memstats.heapStats);
                }
            }
            lock(p->mheapLock);
            pageAlloc_free(p, addr, npages, true);
            pageBits_setRange(&pageAlloc_chunkOf(p, ci)->scavenged, base, npages);
            unlock(p->mheapLock);
            return npages * pageSize;
        }
    }
    scavengeIndex_clear(&p->scav.index, ci);
    unlock(p->mheapLock);
    return 0;
}

uintptr
pageAlloc_scavenge(pageAlloc *p, uintptr nbytes, bool (*shouldStop)(void))
{
    uintptr released = 0;
    if (__builtin_expect(scavengeOff != 0, 0))
        return 0; // the tuning chapter's figure, without the scavenger
    while (released < nbytes) {
        uintptr pageIdx;
        chunkIdx ci = scavengeIndex_find(&p->scav.index, &pageIdx);
        if (ci == 0)
            break;
        released += scavengeOne(p, ci, pageIdx, nbytes - released);
        if (shouldStop != NULL && shouldStop())
            break;
    }
    return released;
}
bool
scavengeStopForLimiter(void)
{
    return gcCPULimiterState_limiting(&gcCPULimiter);
}
struct scavengerState scavenger;

void
scavengerState_ready(void)
{
    __atomic_store_n(&scavenger.wake, 1, __ATOMIC_SEQ_CST);
    futexwakeup(&scavenger.wake, 1);
}

static bool
scavengerShouldStop(void)
{
    return heapRetained() <= atomic_Load64(&scavenge.gcPercentGoal)
           && atomic_Load64(&gcController.mappedReady) <= atomic_Load64(&scavenge.memoryLimitGoal);
}

static void
scavengerPark(void)
{
    while (__atomic_exchange_n(&scavenger.wake, 0, __ATOMIC_SEQ_CST) == 0)
        futexsleep(&scavenger.wake, 0, -1);
}

static void
scavengerSleep(double worked)
{
    if (worked < minScavWorkTime)
        worked = minScavWorkTime;
    worked *= 1 + scavengeCostRatio;
    int64 sleepTime = (int64)(worked / scavenger.sleepRatio);
    int64 start = nanotime();
    if (__atomic_exchange_n(&scavenger.wake, 0, __ATOMIC_SEQ_CST) == 0)
        futexsleep(&scavenger.wake, 0, sleepTime); // a wake cuts it short
    __atomic_store_n(&scavenger.wake, 0, __ATOMIC_SEQ_CST);
    int64 slept = nanotime() - start;
    if (scavenger.controllerCooldown > 0) {
        int64 t = slept + (int64)worked;
        scavenger.controllerCooldown = t > scavenger.controllerCooldown ? 0 : scavenger.controllerCooldown - t;
        return;
    }
    double idealFraction = (double)scavengePercent / 100.0;
    double cpuFraction = worked / (((double)slept + worked) * (double)gomaxprocs);
    if (!piController_next(&scavenger.sleepController, cpuFraction, idealFraction, (double)slept + worked,
                           &scavenger.sleepRatio)) {
        scavenger.sleepRatio = startingScavSleepRatio;
        scavenger.controllerCooldown = 5000000000LL;
        lock(&scavenger.lock);
        scavenger.printControllerReset = true;
        unlock(&scavenger.lock);
    }
}

static uintptr
scavengerRun(double *worked)
{
    uintptr released = 0;
    *worked = 0;
    while (*worked < minScavWorkTime) {
        if (scavengerShouldStop())
            break;
        int64 start = nanotime();
        uintptr r = pageAlloc_scavenge(&mheap_.pages, scavengeQuantum, NULL);
        int64 end = nanotime();
        if (end > start)
            *worked += (double)(end - start);
        else
            *worked += 10e3 * (double)(r / physPageSize); // a clock too coarse: Go's estimate per page
        released += r;
        if (r < scavengeQuantum)
            break;
    }
    if (released > 0 && released < physPageSize)
        throw("released less than one physical page of memory");
    return released;
}

static void *
bgscavenge(void *arg)
{
    (void)arg;
    scavenger.sleepController = (struct piController){
        .kp = 0.3375, .ti = 3.2e6, .tt = 1e9, .min = 0.001, .max = 1000.0};
    scavenger.sleepRatio = startingScavSleepRatio;
    scavengerPark();
    for (;;) {
        double worked;
        uintptr released = scavengerRun(&worked);
        if (released == 0) {
            scavengerPark();
            continue;
        }
        __atomic_add_fetch(&mheap_.pages.scav.released, released, __ATOMIC_SEQ_CST);
        scavengerSleep(worked);
    }
    return NULL;
}

void
bgscavengeStart(void)
{
    if (scavenger.started)
        return;
    scavenger.started = true;
    if (newosproc(bgscavenge, NULL) != 0)
        throw("runtime: cannot start the background scavenger");
}
void
printScavTrace(uintptr released, bool forced)
{
    uint64 retained = heapRetained();
    print("scav %lu KiB work, %lu KiB total, %lu%% util", (unsigned long)(released >> 10),
          (unsigned long)(sysMemStat_load(&gcController.heapReleased) >> 10),
          (unsigned long)(retained ? sysMemStat_load(&gcController.heapInUse) * 100 / retained : 100));
    if (forced)
        print(" (forced)");
    else if (scavenger.printControllerReset) {
        print(" [controller reset]");
        scavenger.printControllerReset = false;
    }
    print("\n");
}
void
debug_FreeOSMemory(void)
{
    runtime_GC();
    struct m *mp = getm();
    mp->mallocing++;
    uintptr released = pageAlloc_scavenge(&mheap_.pages, ~(uintptr)0, NULL);
    mp->mallocing--;
    if (debug.scavtrace > 0) {
        lock(&scavenger.lock);
        printScavTrace(released, true);
        unlock(&scavenger.lock);
    }
}
