// tangled from chapters/80-bench.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The allocation benchmark of the chapter "Measuring the allocator", in C.
// Compiled once per allocator: -DALLOC_GOMM, -DALLOC_FASTPATH, -DALLOC_MALLOC, -DALLOC_BOEHM
// or -DALLOC_BUMP, and -DALLOC_NAME=name for the output.
//   usage: alloc-NAME THREADS SIZE ALLOCS RUNS
//   prints NAME,THREADS,SIZE,NS_PER_ALLOC,FAULTS_PER_1000 for the best of RUNS runs, each
//   of ALLOCS allocations per thread: the run's wall-clock time / ALLOCS, and the process's
//   minor page faults from the workers' start to their end per 1000 allocations.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#define STR(x) STR1(x)
#define STR1(x) #x

#if defined(ALLOC_GOMM) || defined(ALLOC_FASTPATH)
#include "gomm.h"
#if defined(ALLOC_FASTPATH)
#include "runtime.h"
#endif

static void
benchInit(void)
{
#if defined(ALLOC_FASTPATH)
    runtime_SetMemProfileRate(0); // a reset span's slots are handed out again unswept
#endif
    runtime_ThreadDetach();
}

static void
threadStart(size_t bytes)
{
    (void)bytes;
    runtime_ThreadAttach();
}

static void *
benchAlloc(size_t size)
{
#if defined(ALLOC_FASTPATH)
    mspan *s = getm()->p->mcache->alloc[makeSpanClass(sizeToClass(size), true)];
    if (s != &emptymspan && (uintptr)s->allocCount == s->nelems) {
        s->freeindex = 0;
        s->allocCache = ~(uint64)0;
        s->allocCount = 0;
        __atomic_store_n(&s->freeIndexForScan, 0, __ATOMIC_RELEASE);
    }
#endif
    return runtime_mallocgc(size, NULL, 0);
}

static void
benchFree(void **batch, int n)
{
    (void)batch;
    (void)n;
}
#elif defined(ALLOC_MALLOC)
static void
benchInit(void)
{
    const char *want = strcmp(STR(ALLOC_NAME), "glibc") == 0 ? "/libc.so" : "/lib" STR(ALLOC_NAME);
    Dl_info info;
    if (dladdr((void *)malloc, &info) == 0 || strstr(info.dli_fname, want) == NULL) {
        fprintf(stderr, "alloc-%s: malloc comes from %s, not from %s*\n", STR(ALLOC_NAME),
                info.dli_fname ? info.dli_fname : "?", want);
        exit(2);
    }
}

static void
threadStart(size_t bytes)
{
    (void)bytes;
}

static void *
benchAlloc(size_t size)
{
    return malloc(size);
}

static void
benchFree(void **batch, int n)
{
    for (int i = 0; i < n; i++)
        free(batch[i]);
}
#elif defined(ALLOC_BOEHM)
#define GC_THREADS
#include <gc.h>

static void
benchInit(void)
{
    GC_INIT();
}

static void
threadStart(size_t bytes)
{
    (void)bytes;
}

static void *
benchAlloc(size_t size)
{
    return GC_MALLOC_ATOMIC(size);
}

static void
benchFree(void **batch, int n)
{
    (void)batch;
    (void)n;
}
#elif defined(ALLOC_BUMP)
#include <sys/mman.h>

static __thread char *bumpNext;

static void
benchInit(void)
{
}

static void
threadStart(size_t bytes)
{
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
        perror("mmap");
        exit(2);
    }
    bumpNext = p;
}

static void *
benchAlloc(size_t size)
{
    void *p = bumpNext;
    bumpNext += size;
    return p;
}

static void
benchFree(void **batch, int n)
{
    (void)batch;
    (void)n;
}
#else
#error "define ALLOC_GOMM, ALLOC_FASTPATH, ALLOC_MALLOC, ALLOC_BOEHM or ALLOC_BUMP"
#endif

enum { batchLen = 1000, maxThreads = 64 };

struct worker {
    pthread_t thread;
    size_t size;
    long allocs;
    pthread_barrier_t *ready, *start;
    struct timespec t0, t1;  // when this worker started and finished its loop
};

static long
minorFaults(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_minflt;
}

static void *
worker(void *arg)
{
    struct worker *w = arg;
    void *batch[batchLen];
    threadStart(w->size * (size_t)w->allocs);
    pthread_barrier_wait(w->ready);
    pthread_barrier_wait(w->start);
    clock_gettime(CLOCK_MONOTONIC, &w->t0);
    for (long done = 0; done < w->allocs; done += batchLen) {
        for (int i = 0; i < batchLen; i++) {
            uintptr_t *p = benchAlloc(w->size);
            if (p == NULL) {
                fprintf(stderr, "alloc-%s: out of memory\n", STR(ALLOC_NAME));
                exit(2);
            }
            *p = (uintptr_t)i;
            batch[i] = p;
        }
        __asm__ volatile("" : : "r"(batch) : "memory");
        benchFree(batch, batchLen);
    }
    clock_gettime(CLOCK_MONOTONIC, &w->t1);
    return NULL;
}
static double
nsec(struct timespec t)
{
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static double
timeRun(int threads, size_t size, long allocs, double *faultsPer1000)
{
    struct worker w[maxThreads];
    pthread_barrier_t ready, start;
    pthread_barrier_init(&ready, NULL, (unsigned)threads + 1);
    pthread_barrier_init(&start, NULL, (unsigned)threads + 1);
    for (int i = 0; i < threads; i++) {
        w[i] = (struct worker){.size = size, .allocs = allocs, .ready = &ready, .start = &start};
        if (pthread_create(&w[i].thread, NULL, worker, &w[i]) != 0) {
            perror("pthread_create");
            exit(2);
        }
    }
    pthread_barrier_wait(&ready);
    long faults = minorFaults();
    pthread_barrier_wait(&start);
    for (int i = 0; i < threads; i++)
        pthread_join(w[i].thread, NULL);
    faults = minorFaults() - faults;
    pthread_barrier_destroy(&ready);
    pthread_barrier_destroy(&start);
    double t0 = nsec(w[0].t0), t1 = nsec(w[0].t1);
    for (int i = 1; i < threads; i++) {
        if (nsec(w[i].t0) < t0)
            t0 = nsec(w[i].t0);
        if (nsec(w[i].t1) > t1)
            t1 = nsec(w[i].t1);
    }
    *faultsPer1000 = 1000.0 * (double)faults / ((double)allocs * threads);
    return (t1 - t0) / (double)allocs;
}

int
main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: %s THREADS SIZE ALLOCS RUNS\n", argv[0]);
        return 2;
    }
    int threads = atoi(argv[1]);
    size_t size = strtoul(argv[2], NULL, 10);
    long allocs = atol(argv[3]);
    int runs = atoi(argv[4]);
    if (threads < 1 || threads > maxThreads || size < sizeof(uintptr_t) || allocs < batchLen ||
        allocs % batchLen != 0 || runs < 1) {
        fprintf(stderr, "%s: bad arguments (threads 1..%d, size >= %zu, allocs a multiple of %d)\n",
                argv[0], maxThreads, sizeof(uintptr_t), batchLen);
        return 2;
    }
#if defined(ALLOC_FASTPATH)
    if (size > _MaxSmallSize)
        return 0; // a large object has no fast path: no figure
#endif
    benchInit();
    double best = 0, bestFaults = 0;
    for (int r = 0; r < runs; r++) {
        double faults;
        double ns = timeRun(threads, size, allocs, &faults);
        if (r == 0 || ns < best) {
            best = ns;
            bestFaults = faults;
        }
    }
    printf("%s,%d,%zu,%.1f,%.1f\n", STR(ALLOC_NAME), threads, size, best, bestFaults);
    return 0;
}
