// tangled from chapters/21-mstats.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// runtime/metrics: the names, their values, and the two histograms (Go's metrics.go, runtime/metrics).
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "runtime.h"

#define mU metrics_KindUint64
#define mH metrics_KindFloat64Histogram
static const metrics_Description allDesc[] = {
    {"/cgo/go-to-c-calls:calls", "Calls from Go to C; always 0 here (a C program has no cgo).", mU, 1},
    {"/gc/cycles/automatic:gc-cycles", "Cycles the runtime started on its own.", mU, 1},
    {"/gc/cycles/forced:gc-cycles", "Cycles a program forced with runtime_GC.", mU, 1},
    {"/gc/cycles/total:gc-cycles", "All completed cycles.", mU, 1},
    {"/gc/heap/allocs-by-size:bytes", "Heap allocations by approximate size (tiny blocks, not tiny objects).", mH, 1},
    {"/gc/heap/allocs:bytes", "Cumulative bytes of heap objects allocated.", mU, 1},
    {"/gc/heap/allocs:objects", "Cumulative heap objects allocated (tiny blocks, not tiny objects).", mU, 1},
    {"/gc/heap/frees-by-size:bytes", "Heap frees by approximate size (tiny blocks, not tiny objects).", mH, 1},
    {"/gc/heap/frees:bytes", "Cumulative bytes of heap objects freed by the sweeper.", mU, 1},
    {"/gc/heap/frees:objects", "Cumulative heap objects freed (tiny blocks, not tiny objects).", mU, 1},
    {"/gc/heap/goal:bytes", "The heap size the next cycle aims to end at.", mU, 0},
    {"/gc/heap/objects:objects", "Heap objects allocated and not yet freed, live or not yet swept.", mU, 0},
    {"/gc/heap/tiny/allocs:objects", "Allocations packed into a tiny block already allocated (the block counts once in allocs:objects).", mU, 1},
    {"/gc/limiter/last-enabled:gc-cycle", "The cycle in which the GC CPU limiter was last on; 0 if never.", mU, 0},
    {"/gc/pauses:seconds", "The collector's stops of the world, by duration.", mH, 1},
    {"/gc/stack/starting-size:bytes", "A new goroutine's stack size; always 0 here (no goroutine stacks).", mU, 0},
    {"/memory/classes/heap/free:bytes", "Free heap memory still mapped and Ready.", mU, 0},
    {"/memory/classes/heap/objects:bytes", "Heap memory of objects allocated and not yet freed.", mU, 0},
    {"/memory/classes/heap/released:bytes", "Free heap memory returned to the OS.", mU, 0},
    {"/memory/classes/heap/stacks:bytes", "Heap memory of goroutine stacks; always 0 here.", mU, 0},
    {"/memory/classes/heap/unused:bytes", "Heap memory in in-use spans but not in objects.", mU, 0},
    {"/memory/classes/metadata/mcache/free:bytes", "Memory mapped for mcaches and not in use.", mU, 0},
    {"/memory/classes/metadata/mcache/inuse:bytes", "Memory of mcaches in use.", mU, 0},
    {"/memory/classes/metadata/mspan/free:bytes", "Memory mapped for mspans and not in use.", mU, 0},
    {"/memory/classes/metadata/mspan/inuse:bytes", "Memory of mspans in use.", mU, 0},
    {"/memory/classes/metadata/other:bytes", "Memory of the collector's and allocator's other metadata.", mU, 0},
    {"/memory/classes/os-stacks:bytes", "Stack memory from the OS for the runtime; always 0 here.", mU, 0},
    {"/memory/classes/other:bytes", "Memory of the runtime's other structures.", mU, 0},
    {"/memory/classes/profiling/buckets:bytes", "Memory of the heap profiler's buckets.", mU, 0},
    {"/memory/classes/total:bytes", "All memory the runtime has mapped: the sum of /memory/classes.", mU, 0},
    {"/sched/gomaxprocs:threads", "GOMAXPROCS: the number of P's.", mU, 0},
    {"/sched/goroutines:goroutines", "Threads that use the runtime: that took a P and have not exited.", mU, 0},
    {"/sched/latencies:seconds", "Time goroutines waited to run; always empty here (no scheduler).", mH, 1},
};
enum { numMetrics = sizeof allDesc / sizeof allDesc[0] };

const metrics_Description *
metrics_All(size_t *n)
{
    *n = numMetrics;
    return allDesc;
}
typedef struct statAggregate {
    heapStatsDelta heap;
    uint64 totalAllocs, totalFrees, totalAllocated, totalFreed, inObjects, numObjects;
    uint64 mSpanSys, mSpanInUse, mCacheSys, mCacheInUse, buckHashSys, gcMiscSys, otherSys;
    uint64 heapGoal, gcCyclesDone, gcCyclesForced, threads;
} statAggregate;

static void
statAggregate_compute(statAggregate *a)
{
    lock(&metricsLock);
    consistentHeapStats_read(&memstats.heapStats, &a->heap);
    unlock(&metricsLock);
    a->totalAllocs = a->heap.largeAllocCount;
    a->totalFrees = a->heap.largeFreeCount;
    a->totalAllocated = a->heap.largeAlloc;
    a->totalFreed = a->heap.largeFree;
    for (int i = 0; i < _NumSizeClasses; i++) {
        a->totalAllocs += a->heap.smallAllocCount[i];
        a->totalFrees += a->heap.smallFreeCount[i];
        a->totalAllocated += a->heap.smallAllocCount[i] * class_to_size[i];
        a->totalFreed += a->heap.smallFreeCount[i] * class_to_size[i];
    }
    a->inObjects = a->totalAllocated - a->totalFreed;
    a->numObjects = a->totalAllocs - a->totalFrees;
    a->buckHashSys = sysMemStat_load(&memstats.buckhash_sys);
    a->gcMiscSys = sysMemStat_load(&memstats.gcMiscSys);
    a->otherSys = sysMemStat_load(&memstats.other_sys);
    a->heapGoal = gcControllerState_heapGoal();
    a->gcCyclesDone = atomic_Load(&memstats.numgc);
    a->gcCyclesForced = __atomic_load_n(&memstats.numforcedgc, __ATOMIC_SEQ_CST);
    lock(&mheap_.lock);
    a->mSpanSys = sysMemStat_load(&memstats.mspan_sys);
    a->mSpanInUse = mheap_.spanalloc.inuse;
    a->mCacheSys = sysMemStat_load(&memstats.mcache_sys);
    a->mCacheInUse = mheap_.cachealloc.inuse;
    unlock(&mheap_.lock);
    a->threads = (uint64)runtime_NumGoroutine();
}
static double sizeClassBuckets[_NumSizeClasses + 1];
static double timeHistBuckets[timeHistTotalBuckets + 1];

static void
initMetricsBuckets(void)
{
    sizeClassBuckets[0] = 1;
    for (int i = 1; i < _NumSizeClasses; i++)
        sizeClassBuckets[i] = (double)(class_to_size[i] + 1);
    sizeClassBuckets[_NumSizeClasses] = INFINITY;
    timeHistBuckets[0] = -INFINITY;
    for (int i = 0; i < timeHistNumSubBuckets; i++)
        timeHistBuckets[i + 1] = (double)i / 1e9;
    for (int i = 0; i < timeHistNumSuperBuckets - 1; i++)
        for (int j = 0; j < timeHistNumSubBuckets; j++) {
            uint64 bucketNanos = (uint64)1 << (i + timeHistSubBucketBits);
            bucketNanos |= (uint64)j << i;
            timeHistBuckets[(i + 1) * timeHistNumSubBuckets + j + 1] = (double)bucketNanos / 1e9;
        }
    timeHistBuckets[timeHistTotalBuckets] = INFINITY;
}

static metrics_Float64Histogram *
float64HistOrInit(metrics_Value *v, const double *buckets, size_t nbuckets)
{
    metrics_Float64Histogram *h = &v->Histogram;
    if (v->Kind != metrics_KindFloat64Histogram || h->Counts == NULL || h->NCounts != nbuckets - 1) {
        metrics_FreeHistogram(h);
        h->Counts = calloc(nbuckets - 1, sizeof *h->Counts);
        h->Buckets = malloc(nbuckets * sizeof *h->Buckets);
        if (h->Counts == NULL || h->Buckets == NULL)
            throw("metrics_Read: out of memory for a histogram");
        h->NCounts = nbuckets - 1;
    }
    memcpy(h->Buckets, buckets, nbuckets * sizeof *buckets);
    memset(h->Counts, 0, h->NCounts * sizeof *h->Counts);
    v->Kind = metrics_KindFloat64Histogram;
    return h;
}

void
metrics_FreeHistogram(metrics_Float64Histogram *h)
{
    free(h->Counts);
    free(h->Buckets);
    h->Counts = NULL;
    h->Buckets = NULL;
    h->NCounts = 0;
}
static void
compute(const char *name, const statAggregate *a, metrics_Value *out)
{
    const heapStatsDelta *h = &a->heap;
    uint64 v = 0;
    if (strcmp(name, "/gc/heap/allocs-by-size:bytes") == 0 || strcmp(name, "/gc/heap/frees-by-size:bytes") == 0) {
        bool allocs = strcmp(name, "/gc/heap/allocs-by-size:bytes") == 0;
        metrics_Float64Histogram *hist = float64HistOrInit(out, sizeClassBuckets, _NumSizeClasses + 1);
        hist->Counts[hist->NCounts - 1] = allocs ? h->largeAllocCount : h->largeFreeCount;
        for (int i = 1; i < _NumSizeClasses; i++)
            hist->Counts[i - 1] = allocs ? h->smallAllocCount[i] : h->smallFreeCount[i];
        return;
    }
    if (strcmp(name, "/gc/pauses:seconds") == 0 || strcmp(name, "/sched/latencies:seconds") == 0) {
        metrics_Float64Histogram *hist = float64HistOrInit(out, timeHistBuckets, timeHistTotalBuckets + 1);
        if (strcmp(name, "/gc/pauses:seconds") == 0) { // the scheduler's latencies stay empty
            hist->Counts[0] = __atomic_load_n(&memstats.gcPauseDist.underflow, __ATOMIC_SEQ_CST);
            for (int i = 0; i < timeHistNumSuperBuckets * timeHistNumSubBuckets; i++)
                hist->Counts[i + 1] = __atomic_load_n(&memstats.gcPauseDist.counts[i], __ATOMIC_SEQ_CST);
        }
        return;
    }
    if (strcmp(name, "/gc/cycles/automatic:gc-cycles") == 0)
        v = a->gcCyclesDone - a->gcCyclesForced;
    else if (strcmp(name, "/gc/cycles/forced:gc-cycles") == 0)
        v = a->gcCyclesForced;
    else if (strcmp(name, "/gc/cycles/total:gc-cycles") == 0)
        v = a->gcCyclesDone;
    else if (strcmp(name, "/gc/heap/allocs:bytes") == 0)
        v = a->totalAllocated;
    else if (strcmp(name, "/gc/heap/allocs:objects") == 0)
        v = a->totalAllocs;
    else if (strcmp(name, "/gc/heap/frees:bytes") == 0)
        v = a->totalFreed;
    else if (strcmp(name, "/gc/heap/frees:objects") == 0)
        v = a->totalFrees;
    else if (strcmp(name, "/gc/heap/goal:bytes") == 0)
        v = a->heapGoal;
    else if (strcmp(name, "/gc/heap/objects:objects") == 0)
        v = a->numObjects;
    else if (strcmp(name, "/gc/heap/tiny/allocs:objects") == 0)
        v = h->tinyAllocCount;
    else if (strcmp(name, "/gc/limiter/last-enabled:gc-cycle") == 0)
        v = atomic_Load(&gcCPULimiter.lastEnabledCycle);
    else if (strcmp(name, "/memory/classes/heap/free:bytes") == 0)
        v = (uint64)(h->committed - h->inHeap);
    else if (strcmp(name, "/memory/classes/heap/objects:bytes") == 0)
        v = a->inObjects;
    else if (strcmp(name, "/memory/classes/heap/released:bytes") == 0)
        v = (uint64)h->released;
    else if (strcmp(name, "/memory/classes/heap/unused:bytes") == 0)
        v = (uint64)h->inHeap - a->inObjects;
    else if (strcmp(name, "/memory/classes/metadata/mcache/free:bytes") == 0)
        v = a->mCacheSys - a->mCacheInUse;
    else if (strcmp(name, "/memory/classes/metadata/mcache/inuse:bytes") == 0)
        v = a->mCacheInUse;
    else if (strcmp(name, "/memory/classes/metadata/mspan/free:bytes") == 0)
        v = a->mSpanSys - a->mSpanInUse;
    else if (strcmp(name, "/memory/classes/metadata/mspan/inuse:bytes") == 0)
        v = a->mSpanInUse;
    else if (strcmp(name, "/memory/classes/metadata/other:bytes") == 0)
        v = a->gcMiscSys;
    else if (strcmp(name, "/memory/classes/other:bytes") == 0)
        v = a->otherSys;
    else if (strcmp(name, "/memory/classes/profiling/buckets:bytes") == 0)
        v = a->buckHashSys;
    else if (strcmp(name, "/memory/classes/total:bytes") == 0)
        v = (uint64)(h->committed + h->released) + a->mSpanSys + a->mCacheSys + a->buckHashSys
            + a->gcMiscSys + a->otherSys;
    else if (strcmp(name, "/sched/gomaxprocs:threads") == 0)
        v = (uint64)__atomic_load_n(&gomaxprocs, __ATOMIC_SEQ_CST);
    else if (strcmp(name, "/sched/goroutines:goroutines") == 0)
        v = a->threads;
    if (out->Kind == metrics_KindFloat64Histogram)
        metrics_FreeHistogram(&out->Histogram);
    out->Kind = metrics_KindUint64;
    out->Uint64 = v;
}

void
metrics_Read(metrics_Sample *samples, size_t n)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, initMetricsBuckets);
    statAggregate a;
    statAggregate_compute(&a);
    for (size_t i = 0; i < n; i++) {
        metrics_Value *out = &samples[i].Value;
        const char *name = samples[i].Name;
        bool known = false;
        for (int k = 0; k < numMetrics && !known; k++)
            known = name != NULL && strcmp(name, allDesc[k].Name) == 0;
        if (!known) {
            if (out->Kind == metrics_KindFloat64Histogram)
                metrics_FreeHistogram(&out->Histogram);
            out->Kind = metrics_KindBad;
            continue;
        }
        compute(name, &a, out);
    }
}
