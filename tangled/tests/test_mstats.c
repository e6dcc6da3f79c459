// tangled from chapters/21-mstats.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Tests of the statistics: ReadMemStats and runtime/metrics (chapter 21).
#define _GNU_SOURCE
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testing.h"
#include "runtime.h"

typedef struct node {
    struct node *next;
    char pad[40];
} node;
GOMM_TYPE(nodeType, node, offsetof(node, next));

static void *sink; // stored with GOMM_STORE, as every global that holds a heap pointer

// The value of one Uint64 metric.
static uint64
metric(const char *name)
{
    metrics_Sample s = {.Name = name};
    metrics_Read(&s, 1);
    CU_ASSERT_EQUAL(s.Value.Kind, metrics_KindUint64);
    return s.Value.Uint64;
}

// The MemStats invariants that hold for every snapshot; counts violations.
static int
checkMemStats(const runtime_MemStats *m)
{
    int bad = 0;
    bad += m->HeapObjects != m->Mallocs - m->Frees;
    bad += m->Alloc != m->HeapAlloc;
    bad += m->HeapInuse < m->HeapAlloc;
    bad += m->HeapSys != m->HeapInuse + m->HeapIdle;
    bad += m->HeapIdle < m->HeapReleased;
    bad += m->Sys != m->HeapSys + m->StackSys + m->MSpanSys + m->MCacheSys + m->BuckHashSys + m->GCSys + m->OtherSys;
    bad += m->MSpanInuse > m->MSpanSys || m->MCacheInuse > m->MCacheSys;
    uint64 bySize = 0;
    for (int i = 0; i < 61; i++)
        bySize += m->BySize[i].Mallocs;
    bad += bySize > m->Mallocs;
    if (bad)
        printf("\nbad MemStats: Mallocs %llu Frees %llu HeapObjects %llu HeapAlloc %llu HeapInuse %llu Sys %llu\n",
               (unsigned long long)m->Mallocs, (unsigned long long)m->Frees, (unsigned long long)m->HeapObjects,
               (unsigned long long)m->HeapAlloc, (unsigned long long)m->HeapInuse, (unsigned long long)m->Sys);
    return bad;
}
static void
test_exactCounts(void)
{
    runtime_ThreadAttach();
    runtime_MemStats m0, m1;
    runtime_ReadMemStats(&m0);
    uint64 tiny0 = metric("/gc/heap/tiny/allocs:objects");
    enum { n = 1001 };
    for (int i = 0; i < n; i++)
        GOMM_STORE(sink, runtime_new(&nodeType));
    runtime_ReadMemStats(&m1);
    int cls = 0;
    while (cls < 61 && m1.BySize[cls].Size != sizeof(node))
        cls++;
    CU_ASSERT_FATAL(cls < 61);
    CU_ASSERT_EQUAL(m1.Mallocs - m0.Mallocs, n);
    CU_ASSERT_EQUAL(m1.TotalAlloc - m0.TotalAlloc, n * sizeof(node));
    CU_ASSERT_EQUAL(m1.BySize[cls].Mallocs - m0.BySize[cls].Mallocs, n);
    for (int i = 0; i < 10; i++)
        GOMM_STORE(sink, runtime_mallocgc(100000, NULL, 1));
    runtime_ReadMemStats(&m0);
    CU_ASSERT_EQUAL(m0.Mallocs - m1.Mallocs, 10);
    CU_ASSERT_EQUAL(m0.TotalAlloc - m1.TotalAlloc, 10 * divRoundUp(100000, pageSize) * pageSize);
    for (int i = 0; i < n; i++)
        GOMM_STORE(sink, runtime_mallocgc(8, NULL, 0)); // noscan and under 16 bytes: tiny
    runtime_ReadMemStats(&m1);
    // Two 8-byte objects share a 16-byte block: the first takes a new block (an object
    // of its own), the second is a tiny allocation, counted as allocated and freed.
    uint64 tiny = metric("/gc/heap/tiny/allocs:objects") - tiny0;
    CU_ASSERT(tiny >= n / 2 - 1 && tiny <= n / 2 + 1);
    CU_ASSERT_EQUAL(m1.Mallocs - m0.Mallocs, n);
    CU_ASSERT_EQUAL(m1.HeapObjects - m0.HeapObjects, n - tiny);
    runtime_ThreadDetach();
}
static void
test_invariants(void)
{
    runtime_ThreadAttach();
    node *list = NULL;
    for (int i = 0; i < 100000; i++) {
        node *x = runtime_new(&nodeType);
        if (i % 4 == 0) {
            GOMM_STORE(x->next, list);
            list = x;
        }
    }
    GOMM_STORE(sink, list);
    runtime_GC();
    runtime_MemStats m;
    bool quiet = false;
    for (int attempt = 0; attempt < 50 && !quiet; attempt++) {
        runtime_ReadMemStats(&m);
        CU_ASSERT_EQUAL(checkMemStats(&m), 0);
        quiet = m.HeapInuse == sysMemStat_load(&gcController.heapInUse)
                && m.HeapReleased == sysMemStat_load(&gcController.heapReleased)
                && m.HeapSys - m.HeapReleased
                       == sysMemStat_load(&gcController.heapInUse) + sysMemStat_load(&gcController.heapFree)
                && m.TotalAlloc == atomic_Load64(&gcController.totalAlloc)
                && m.TotalAlloc - m.HeapAlloc == atomic_Load64(&gcController.totalFree)
                && m.Sys - m.HeapReleased == atomic_Load64(&gcController.mappedReady);
        if (!quiet)
            usleep(20000);
    }
    CU_ASSERT(quiet);
    if (!quiet)
        printf("\nnot quiet: HeapInuse %llu/%llu Released %llu/%llu Sys-Released %llu mappedReady %llu\n",
               (unsigned long long)m.HeapInuse, (unsigned long long)sysMemStat_load(&gcController.heapInUse),
               (unsigned long long)m.HeapReleased, (unsigned long long)sysMemStat_load(&gcController.heapReleased),
               (unsigned long long)(m.Sys - m.HeapReleased),
               (unsigned long long)atomic_Load64(&gcController.mappedReady));
    CU_ASSERT(m.NumGC >= 1 && m.LastGC != 0 && m.EnableGC == 1 && m.Lookups == 0);
    GOMM_STORE(sink, NULL);
    runtime_ThreadDetach();
}

static int loadDone; // (atomic)

static void *
churn(void *arg)
{
    (void)arg;
    runtime_ThreadAttach();
    node *keep = NULL;
    for (int i = 0; !__atomic_load_n(&loadDone, __ATOMIC_RELAXED); i++) {
        node *x = runtime_new(&nodeType);
        if (i % 8 == 0) {
            GOMM_STORE(x->next, keep);
            keep = x;
        }
        if (i % 20000 == 0)
            keep = NULL;
        if (i % 5000 == 0)
            (void)runtime_mallocgc(40000, NULL, 1); // a large object, dropped at once
    }
    runtime_ThreadDetach();
    return NULL;
}

static void
test_underLoad(void)
{
    pthread_t t[2];
    __atomic_store_n(&loadDone, 0, __ATOMIC_RELAXED);
    for (int i = 0; i < 2; i++)
        CU_ASSERT_FATAL(pthread_create(&t[i], NULL, churn, NULL) == 0);
    static const char *const leaves[] = {
        "/memory/classes/heap/free:bytes", "/memory/classes/heap/objects:bytes",
        "/memory/classes/heap/released:bytes", "/memory/classes/heap/stacks:bytes",
        "/memory/classes/heap/unused:bytes", "/memory/classes/metadata/mcache/free:bytes",
        "/memory/classes/metadata/mcache/inuse:bytes", "/memory/classes/metadata/mspan/free:bytes",
        "/memory/classes/metadata/mspan/inuse:bytes", "/memory/classes/metadata/other:bytes",
        "/memory/classes/os-stacks:bytes", "/memory/classes/other:bytes",
        "/memory/classes/profiling/buckets:bytes", "/memory/classes/total:bytes",
        "/gc/heap/allocs:objects", "/gc/heap/frees:objects", "/gc/heap/objects:objects",
        "/gc/heap/allocs:bytes", "/gc/heap/frees:bytes",
    };
    enum { nleaves = sizeof leaves / sizeof leaves[0] };
    metrics_Sample s[nleaves];
    int bad = 0, reads = 0;
    uint32 gc0 = atomic_Load(&memstats.numgc);
    int64 start = nanotime();
    for (; nanotime() - start < 20 * (int64)1000000000
           && (reads < 100 || atomic_Load(&memstats.numgc) - gc0 < 3); reads++) {
        runtime_MemStats m;
        runtime_ReadMemStats(&m);
        bad += checkMemStats(&m);
        for (int i = 0; i < nleaves; i++)
            s[i] = (metrics_Sample){.Name = leaves[i]};
        metrics_Read(s, nleaves);
        uint64 sum = 0;
        for (int i = 0; i < 13; i++)
            sum += s[i].Value.Uint64;
        bad += sum != s[13].Value.Uint64;                                  // the classes add up
        bad += s[4].Value.Uint64 > (uint64)1 << 62;                        // unused is not negative
        bad += s[16].Value.Uint64 != s[14].Value.Uint64 - s[15].Value.Uint64; // objects
        bad += s[1].Value.Uint64 != s[17].Value.Uint64 - s[18].Value.Uint64;  // objects' bytes
        if (bad) {
            printf("\nread %d: classes %llu total %llu unused %llu\n", reads, (unsigned long long)sum,
                   (unsigned long long)s[13].Value.Uint64, (unsigned long long)s[4].Value.Uint64);
            break;
        }
    }
    __atomic_store_n(&loadDone, 1, __ATOMIC_RELAXED);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    printf("\n%d reads, %u cycles meanwhile ", reads, atomic_Load(&memstats.numgc) - gc0);
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT(atomic_Load(&memstats.numgc) - gc0 >= 3);
}
static void
test_metricKinds(void)
{
    size_t n;
    const metrics_Description *d = metrics_All(&n);
    CU_ASSERT_EQUAL(n, 33); // Go 1.19's runtime/metrics.All()
    metrics_Sample *s = calloc(n + 1, sizeof *s);
    for (size_t i = 0; i < n; i++) {
        s[i].Name = d[i].Name;
        CU_ASSERT(i == 0 || strcmp(d[i - 1].Name, d[i].Name) < 0); // Go's order: sorted
    }
    s[n].Name = "/gc/heap/nonesuch:bytes";
    metrics_Read(s, n + 1);
    metrics_Read(s, n + 1); // the second read reuses the histograms' arrays
    uint64 allocs = 0, bySize = 0;
    for (size_t i = 0; i < n; i++) {
        CU_ASSERT_EQUAL(s[i].Value.Kind, d[i].Kind);
        if (strcmp(d[i].Name, "/gc/heap/allocs:objects") == 0)
            allocs = s[i].Value.Uint64;
        if (strcmp(d[i].Name, "/gc/heap/allocs-by-size:bytes") == 0) {
            CU_ASSERT_EQUAL(s[i].Value.Histogram.NCounts, 68);
            CU_ASSERT_EQUAL(s[i].Value.Histogram.Buckets[0], 1);
            CU_ASSERT_EQUAL(s[i].Value.Histogram.Buckets[1], 9);
            CU_ASSERT(isinf(s[i].Value.Histogram.Buckets[68]));
            for (size_t k = 0; k < s[i].Value.Histogram.NCounts; k++)
                bySize += s[i].Value.Histogram.Counts[k];
        }
    }
    CU_ASSERT(allocs > 0);
    CU_ASSERT_EQUAL(bySize, allocs);
    CU_ASSERT_EQUAL(s[n].Value.Kind, metrics_KindBad);
    for (size_t i = 0; i <= n; i++)
        if (s[i].Value.Kind == metrics_KindFloat64Histogram)
            metrics_FreeHistogram(&s[i].Value.Histogram);
    free(s);
}

static void
test_pauseHistogram(void)
{
    runtime_ThreadAttach();
    for (int i = 0; i < 5; i++)
        runtime_GC();
    runtime_MemStats m;
    runtime_entersyscall(); // a thread inside a blocking call may read the statistics too
    runtime_ReadMemStats(&m);
    runtime_exitsyscall();
    metrics_Sample s = {.Name = "/gc/pauses:seconds"};
    metrics_Read(&s, 1);
    CU_ASSERT_FATAL(s.Value.Kind == metrics_KindFloat64Histogram);
    metrics_Float64Histogram *h = &s.Value.Histogram;
    CU_ASSERT_EQUAL(h->NCounts, timeHistTotalBuckets);
    uint64 count = 0;
    double lo = 0, hi = 0;
    for (size_t i = 1; i < h->NCounts; i++) {
        if (h->Counts[i] == 0)
            continue;
        count += h->Counts[i];
        lo += (double)h->Counts[i] * h->Buckets[i];
        hi += (double)h->Counts[i] * h->Buckets[i + 1];
    }
    CU_ASSERT_EQUAL(h->Counts[0], 0);
    CU_ASSERT(count >= 2 * (uint64)m.NumGC);
    double total = (double)m.PauseTotalNs / 1e9;
    CU_ASSERT(lo <= total * (1 + 1e-9) && total <= hi * (1 + 1e-9));
    printf("\n%llu pauses in %u cycles: %.6f <= %.6f <= %.6f s ", (unsigned long long)count, m.NumGC, lo, total, hi);
    metrics_FreeHistogram(h);
    runtime_ThreadDetach();
}

static void
test_timeHistogram(void)
{
    metrics_Sample s = {.Name = "/gc/pauses:seconds"};
    metrics_Read(&s, 1);
    const double *b = s.Value.Histogram.Buckets;
    uint64 seed = 88172645463325252ull;
    for (int n = 0; n < 20000; n++) {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        int64 d = n < 100 ? n : (int64)(seed >> (seed % 63)) & INT64_MAX;
        timeHistogram h;
        memset(&h, 0, sizeof h);
        timeHistogram_record(&h, d);
        int k = 0;
        while (h.counts[k] == 0)
            k++;
        // counts[k] is the metric's bucket k+1: [b[k+1], b[k+2])
        double sec = (double)d / 1e9;
        bool ok = b[k + 1] <= sec * (1 + 1e-12) && (sec < b[k + 2] * (1 + 1e-12) || k == timeHistTotalBuckets - 2);
        if (!ok) {
            printf("\nduration %lld ns: bucket %d [%g, %g)\n", (long long)d, k, b[k + 1], b[k + 2]);
            CU_FAIL("a duration outside its bucket");
            break;
        }
    }
    metrics_FreeHistogram(&s.Value.Histogram);
}

int
main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite s = CU_add_suite("mstats", NULL, NULL);
    CU_add_test(s, "Mallocs, TotalAlloc and BySize count every allocation exactly", test_exactCounts);
    CU_add_test(s, "MemStats's invariants, and Go's checks once quiet", test_invariants);
    CU_add_test(s, "ReadMemStats and metrics_Read are consistent under load", test_underLoad);
    CU_add_test(s, "every metric of metrics_All has its kind; an unknown name is bad", test_metricKinds);
    CU_add_test(s, "the pause histogram bounds PauseTotalNs", test_pauseHistogram);
    CU_add_test(s, "timeHistogram_record picks the bucket that encloses the duration", test_timeHistogram);
    return runTests();
}
