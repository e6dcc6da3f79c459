// tangled from chapters/83-collectors.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The program of the chapter "Other languages' collectors", built with -DCOLL_BOEHM (the
// Boehm collector, -lgc) or -DCOLL_GOMM (libgomm.a).
//   usage: collectors-gc pause MIB...            (forced collections as the heap grows)
//          collectors-gc young OLDMIB STEPS [incremental]   (young lists beside an old heap)
//   Prints CSV rows on standard output; the Boehm build describes its mode on standard error.
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#if defined(COLL_BOEHM)
#define GC_THREADS
#include <gc/gc.h>
#elif defined(COLL_GOMM)
#include "gomm.h"
#else
#error "build with -DCOLL_BOEHM or -DCOLL_GOMM"
#endif

enum {
    nlists = 4096,    // the live heap's lists
    cyclesPerSize = 3, // forced collections at each size
    youngLen = 64,    // objects in a young list
    maxStops = 4096,  // the stop-the-world times a run keeps
};

// A node: a link and a value, 16 bytes.
struct node {
    struct node *next;
    uint64_t value;
};

static struct node **oldLists; // the heads of the old lists: the live heap's root
static struct node *youngList;  // the young list being built

static uint64_t
nowNs(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}
#ifdef COLL_BOEHM
static const char *rtName = "boehm";
static uint64_t stopStart, stoppedNs;
static uint64_t stopNs[maxStops]; // stopNs[i]: the time of stop number stopsFrom + i
static uint64_t nstops, stopsFrom; // the stops so far; the first one kept

static void GC_CALLBACK
onEvent(GC_EventType e)
{
    if (e == GC_EVENT_PRE_STOP_WORLD) {
        stopStart = nowNs();
    } else if (e == GC_EVENT_POST_START_WORLD) {
        uint64_t d = nowNs() - stopStart;
        stoppedNs += d;
        if (nstops - stopsFrom < maxStops)
            stopNs[nstops - stopsFrom] = d;
        nstops++;
    }
}

static void
rtInit(int incremental)
{
    GC_INIT();
    if (incremental) {
        GC_enable_incremental();
        rtName = "boehm-incremental";
    }
    GC_start_mark_threads();
    GC_set_on_collection_event(onEvent);
    oldLists = GC_MALLOC(nlists * sizeof *oldLists);
}

static struct node *
rtNew(void)
{
    return GC_MALLOC(sizeof(struct node));
}

#define RT_STORE(lhs, rhs) ((lhs) = (rhs))

static uint64_t
rtCollect(void)
{
    uint64_t before = stoppedNs;
    GC_gcollect();
    return stoppedNs - before;
}

// The times of the stops after the first `since` ones (since: the count the last call
// returned, or 0), in v; returns their number, at most maxStops.  *count: the stops so far.
// From here on, only the stops after *count are kept.
static int
rtStops(uint64_t since, uint64_t *v, uint64_t *count)
{
    int n = 0;
    for (uint64_t i = since; i < nstops; i++)
        if (i >= stopsFrom && i - stopsFrom < maxStops)
            v[n++] = stopNs[i - stopsFrom];
    *count = stopsFrom = nstops;
    return n;
}

static size_t
rtSlot(void *p)
{
    return GC_size(p);
}

static void
rtDescribe(void)
{
    fprintf(stderr, "boehm: marker threads besides the collecting one: %d; incremental: %d;"
            " pages write-protected: %s\n", GC_get_parallel(), GC_is_incremental_mode(),
            GC_is_incremental_mode() && GC_incremental_protection_needs() != GC_PROTECTS_NONE
                ? "yes" : "no");
}
#else
static const char *rtName = "gomm";
GOMM_TYPE(nodeType, struct node, offsetof(struct node, next));
GOMM_TYPE(listsType, struct node *, 0);

static void
rtInit(int incremental)
{
    (void)incremental;
    GOMM_STORE(oldLists, (struct node **)runtime_newarray(&listsType, nlists));
}

static struct node *
rtNew(void)
{
    return runtime_new(&nodeType);
}

#define RT_STORE(lhs, rhs) GOMM_STORE(lhs, rhs)

static uint64_t
rtCollect(void)
{
    runtime_MemStats ms;
    runtime_GC();
    runtime_ReadMemStats(&ms);
    return ms.PauseNs[(ms.NumGC + 255) % 256];
}

static int
rtStops(uint64_t since, uint64_t *v, uint64_t *count)
{
    static runtime_MemStats ms; // large: not on the stack
    int n = 0;
    runtime_ReadMemStats(&ms);
    for (uint64_t c = since + 1; c <= ms.NumGC; c++)
        if (ms.NumGC - c < 256)
            v[n++] = ms.PauseNs[(c + 255) % 256];
    *count = ms.NumGC;
    return n;
}

static size_t
rtSlot(void *p)
{
    (void)p;
    return sizeof(struct node); // 16 is a size class
}

static void
rtDescribe(void)
{
}
#endif
static uint64_t oldNodes; // objects in the old lists

// Adds objects to the old lists until they hold mib MiB of 16-byte objects.
static void
growTo(long mib)
{
    uint64_t want = ((uint64_t)mib << 20) / sizeof(struct node);
    for (; oldNodes < want; oldNodes++) {
        struct node *x = rtNew();
        x->value = oldNodes;
        RT_STORE(x->next, oldLists[oldNodes % nlists]);
        RT_STORE(oldLists[oldNodes % nlists], x);
    }
}

// For each size: grow, then collect cyclesPerSize times; one CSV row per collection:
// program,live_mib,slot_bytes,cycle,wall_us,stopped_us
static void
pauseRun(int n, char **sizes)
{
    for (int a = 0; a < n; a++) {
        growTo(atol(sizes[a]));
        for (int c = 1; c <= cyclesPerSize; c++) {
            uint64_t t0 = nowNs();
            uint64_t stopped = rtCollect();
            uint64_t wall = nowNs() - t0;
            printf("%s,%s,%zu,%d,%llu,%llu\n", rtName, sizes[a], rtSlot(oldLists[0]), c,
                   (unsigned long long)(wall / 1000), (unsigned long long)(stopped / 1000));
        }
    }
}
// Grows the old heap to oldMib, then runs steps steps; one CSV row:
// program,old_mib,steps,stops,wall_s,stopped_total_ms,stopped_max_ms,stopped_median_ms,
// longest_step_ms,steps_over_1ms
static void
youngRun(long oldMib, long steps)
{
    static uint64_t v[maxStops];
    uint64_t since, longest = 0, slow = 0, sum = 0;
    growTo(oldMib);
    rtStops(0, v, &since);
    uint64_t start = nowNs(), last = start;
    for (long s = 0; s < steps; s++) {
        RT_STORE(youngList, NULL);
        for (int k = 0; k < youngLen; k++) {
            struct node *x = rtNew();
            x->value = (uint64_t)k;
            RT_STORE(x->next, youngList);
            RT_STORE(youngList, x);
        }
        for (const struct node *x = youngList; x != NULL; x = x->next)
            sum += x->value;
        uint64_t t = nowNs(), d = t - last;
        last = t;
        longest = d > longest ? d : longest;
        slow += d >= 1000000;
    }
    uint64_t wall = nowNs() - start, count, total = 0;
    int n = rtStops(since, v, &count);
    for (int i = 1; i < n; i++) // insertion sort: a few hundred at most
        for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
            uint64_t t = v[j];
            v[j] = v[j - 1], v[j - 1] = t;
        }
    for (int i = 0; i < n; i++)
        total += v[i];
    printf("%s,%ld,%ld,%llu,%.3f,%.1f,%.1f,%.1f,%.1f,%llu\n", rtName, oldMib, steps,
           (unsigned long long)(count - since), wall / 1e9, total / 1e6, n ? v[n - 1] / 1e6 : 0.0,
           n ? v[(n + 1) / 2 - 1] / 1e6 : 0.0, longest / 1e6, (unsigned long long)slow);
    if (sum != (uint64_t)steps * youngLen * (youngLen - 1) / 2) {
        fprintf(stderr, "collectors-gc: young lists lost objects\n");
        exit(1);
    }
}

int
main(int argc, char **argv)
{
    int isYoung = argc > 1 && strcmp(argv[1], "young") == 0;
    if (argc < 3 || (!isYoung && strcmp(argv[1], "pause") != 0) || (isYoung && argc < 4)) {
        fprintf(stderr, "usage: collectors-gc pause MIB... | young OLDMIB STEPS [incremental]\n");
        return 2;
    }
    rtInit(isYoung && argc > 4 && strcmp(argv[4], "incremental") == 0);
    if (isYoung)
        youngRun(atol(argv[2]), atol(argv[3]));
    else
        pauseRun(argc - 2, argv + 2);
    rtDescribe();
    uint64_t count = 0;
    for (int l = 0; l < nlists; l++)
        for (const struct node *x = oldLists[l]; x != NULL; x = x->next)
            count++;
    if (count != oldNodes) {
        fprintf(stderr, "collectors-gc: %llu objects in the old lists, not %llu\n",
                (unsigned long long)count, (unsigned long long)oldNodes);
        return 1;
    }
    return 0;
}
