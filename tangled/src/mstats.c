// tangled from chapters/21-mstats.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Statistics: the consistent counters, the pause histogram and ReadMemStats (Go's mstats.go, histogram.go).
#include "runtime.h"

mutex metricsLock;

heapStatsDelta *
consistentHeapStats_acquire(consistentHeapStats *m)
{
    struct m *mp = getm();
    mp->locks++;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    if (mp->p != NULL) {
        uint32 seq = __atomic_add_fetch(&mp->p->statsSeq, 1, __ATOMIC_SEQ_CST);
        if (seq % 2 == 0) {
            print("runtime: seq=%u\n", seq);
            throw("bad sequence number");
        }
    } else {
        lock(&m->noPLock);
    }
    return &m->stats[atomic_Load(&m->gen) % 3];
}

void
consistentHeapStats_release(consistentHeapStats *m)
{
    struct m *mp = getm();
    if (mp->p != NULL) {
        uint32 seq = __atomic_add_fetch(&mp->p->statsSeq, 1, __ATOMIC_SEQ_CST);
        if (seq % 2 != 0) {
            print("runtime: seq=%u\n", seq);
            throw("bad sequence number");
        }
    } else {
        unlock(&m->noPLock);
    }
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    mp->locks--;
}
static void
heapStatsDelta_merge(heapStatsDelta *a, const heapStatsDelta *b)
{
    a->committed += b->committed;
    a->released += b->released;
    a->inHeap += b->inHeap;
    a->tinyAllocCount += b->tinyAllocCount;
    a->largeAlloc += b->largeAlloc;
    a->largeAllocCount += b->largeAllocCount;
    a->largeFree += b->largeFree;
    a->largeFreeCount += b->largeFreeCount;
    for (int i = 0; i < _NumSizeClasses; i++) {
        a->smallAllocCount[i] += b->smallAllocCount[i];
        a->smallFreeCount[i] += b->smallFreeCount[i];
    }
}

void
consistentHeapStats_read(consistentHeapStats *m, heapStatsDelta *out)
{
    struct m *mp = acquirem();
    uint32 currGen = atomic_Load(&m->gen);
    uint32 prevGen = currGen == 0 ? 2 : currGen - 1;
    lock(&m->noPLock);
    __atomic_exchange_n(&m->gen, (currGen + 1) % 3, __ATOMIC_SEQ_CST);
    unlock(&m->noPLock);
    lock(&sched.lock);
    uint32 n = nallp;
    unlock(&sched.lock);
    for (uint32 i = 0; i < n; i++)
        while (atomic_Load(&allp[i]->statsSeq) % 2 != 0)
            sched_yield();
    heapStatsDelta_merge(&m->stats[currGen], &m->stats[prevGen]);
    memset(&m->stats[prevGen], 0, sizeof m->stats[prevGen]);
    *out = m->stats[currGen];
    releasem(mp);
}
// The sweeper's count of a span's frees: nfreed objects of a small size class, or one large object.
void
countSweptFrees(spanClass spc, uintptr nfreed, uintptr elemsize)
{
    heapStatsDelta *stats = consistentHeapStats_acquire(&memstats.heapStats);
    if (spanClass_sizeclass(spc) != 0) {
        __atomic_add_fetch(&stats->smallFreeCount[spanClass_sizeclass(spc)], (uint64)nfreed, __ATOMIC_SEQ_CST);
    } else {
        __atomic_add_fetch(&stats->largeFree, (uint64)elemsize, __ATOMIC_SEQ_CST);
        __atomic_add_fetch(&stats->largeFreeCount, 1, __ATOMIC_SEQ_CST);
    }
    consistentHeapStats_release(&memstats.heapStats);
}
void
timeHistogram_record(timeHistogram *h, int64 duration)
{
    if (duration < 0) {
        __atomic_add_fetch(&h->underflow, 1, __ATOMIC_SEQ_CST);
        return;
    }
    uint32 superBucket = 0, subBucket;
    if (duration >= timeHistNumSubBuckets) {
        superBucket = (uint32)(64 - __builtin_clzll((uint64)duration)) - timeHistSubBucketBits;
        if (superBucket * timeHistNumSubBuckets >= timeHistNumSuperBuckets * timeHistNumSubBuckets) {
            superBucket = timeHistNumSuperBuckets - 1;
            subBucket = timeHistNumSubBuckets - 1;
        } else {
            subBucket = (uint32)((duration >> (superBucket - 1)) % timeHistNumSubBuckets);
        }
    } else {
        subBucket = (uint32)duration;
    }
    __atomic_add_fetch(&h->counts[superBucket * timeHistNumSubBuckets + subBucket], 1, __ATOMIC_SEQ_CST);
}
// Takes work.gcsema, waiting in a blocking call so that the world can stop meanwhile.
void
gcsemaAcquire(void)
{
    struct m *mp = getm();
    if (mp->p == NULL)
        acquirep();
    bool enter = __atomic_load_n(&mp->syscallsp, __ATOMIC_SEQ_CST) == 0;
    if (enter)
        runtime_entersyscall();
    semacquire(&work.gcsema);
    if (enter)
        runtime_exitsyscall();
}

void
stopTheWorld(void)
{
    gcsemaAcquire();
    stopTheWorldWithSema();
}

void
startTheWorld(void)
{
    startTheWorldWithSema();
    semrelease(&work.gcsema);
}

static void
flushallmcaches(void)
{
    for (uint32 i = 0; i < nallp; i++)
        mcache_releaseAll(allp[i]->mcache);
}

void
runtime_ReadMemStats(runtime_MemStats *m)
{
    stopTheWorld();
    flushallmcaches();
    readmemstats_m(m);
    startTheWorld();
}
void
readmemstats_m(runtime_MemStats *stats)
{
    heapStatsDelta consStats;
    lock(&metricsLock);
    consistentHeapStats_read(&memstats.heapStats, &consStats);
    unlock(&metricsLock);
    uint64 totalAlloc = consStats.largeAlloc, nMalloc = consStats.largeAllocCount;
    uint64 totalFree = consStats.largeFree, nFree = consStats.largeFreeCount;
    memset(stats, 0, sizeof *stats);
    for (int i = 0; i < _NumSizeClasses; i++) {
        uint64 a = consStats.smallAllocCount[i], f = consStats.smallFreeCount[i];
        totalAlloc += a * class_to_size[i];
        nMalloc += a;
        totalFree += f * class_to_size[i];
        nFree += f;
        if (i < (int)(sizeof stats->BySize / sizeof stats->BySize[0])) {
            stats->BySize[i].Size = class_to_size[i];
            stats->BySize[i].Mallocs = a;
            stats->BySize[i].Frees = f;
        }
    }
    nFree += consStats.tinyAllocCount;
    nMalloc += consStats.tinyAllocCount;
    uint64 heapInUse = (uint64)consStats.inHeap;
    uint64 heapReleased = (uint64)consStats.released;
    uint64 heapFree = (uint64)(consStats.committed - consStats.inHeap);
    uint64 totalMapped = heapInUse + heapFree + heapReleased + sysMemStat_load(&memstats.mspan_sys)
                         + sysMemStat_load(&memstats.mcache_sys) + sysMemStat_load(&memstats.buckhash_sys)
                         + sysMemStat_load(&memstats.gcMiscSys) + sysMemStat_load(&memstats.other_sys);
    stats->Alloc = totalAlloc - totalFree;
    stats->TotalAlloc = totalAlloc;
    stats->Sys = totalMapped;
    stats->Lookups = 0;
    stats->Mallocs = nMalloc;
    stats->Frees = nFree;
    stats->HeapAlloc = totalAlloc - totalFree;
    stats->HeapSys = heapInUse + heapFree + heapReleased;
    stats->HeapIdle = heapFree + heapReleased;
    stats->HeapInuse = heapInUse;
    stats->HeapReleased = heapReleased;
    stats->HeapObjects = nMalloc - nFree;
    stats->StackInuse = 0;
    stats->StackSys = 0;
    lock(&mheap_.lock);
    stats->MSpanInuse = mheap_.spanalloc.inuse;
    stats->MCacheInuse = mheap_.cachealloc.inuse;
    unlock(&mheap_.lock);
    stats->MSpanSys = sysMemStat_load(&memstats.mspan_sys);
    stats->MCacheSys = sysMemStat_load(&memstats.mcache_sys);
    stats->BuckHashSys = sysMemStat_load(&memstats.buckhash_sys);
    stats->GCSys = sysMemStat_load(&memstats.gcMiscSys);
    stats->OtherSys = sysMemStat_load(&memstats.other_sys);
    stats->NextGC = gcControllerState_heapGoal();
    uint32 n = atomic_Load(&memstats.numgc);
    stats->LastGC = n == 0 ? 0 : __atomic_load_n(&memstats.pause_end[(n + 255) % 256], __ATOMIC_SEQ_CST);
    stats->PauseTotalNs = memstats.pause_total_ns;
    memcpy(stats->PauseNs, memstats.pause_ns, sizeof stats->PauseNs);
    memcpy(stats->PauseEnd, memstats.pause_end, sizeof stats->PauseEnd);
    stats->NumGC = n;
    stats->NumForcedGC = memstats.numforcedgc;
    __atomic_load(&memstats.gc_cpu_fraction, &stats->GCCPUFraction, __ATOMIC_SEQ_CST);
    stats->EnableGC = 1;
    stats->DebugGC = 0;
}
