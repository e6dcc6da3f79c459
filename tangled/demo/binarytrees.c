// tangled from chapters/81-binarytrees.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The binary-trees program of the Computer Language Benchmarks Game, on gomm's heap;
// chapter "Measuring the whole heap: binary trees".
//   usage: binarytrees [DEPTH]   (10 by default)
//   With BT_STATS=1 in the environment, it also prints on standard error the number of
//   garbage collections the run completed: "gc cycles: N", or "gc cycles: -" if the
//   library does not count them; and the largest, the 99th-percentile and the median
//   stop-the-world pause of a cycle, in microseconds:
//   "gc pauses: max_us=M p99_us=P p50_us=Q (last N cycles)", or "gc pauses: -".
#define _GNU_SOURCE
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "gomm.h"

struct node {
    struct node *left, *right;
};
// A run's pause figures: the largest, the 99th-percentile and the median pause of its
// last n cycles, in ns; n <= 0: no figures.
struct pauses {
    int n;
    uint64_t maxNs, p99Ns, p50Ns;
};

// Prints "gc pauses: max_us=M p99_us=P p50_us=Q (last N cycles)" on standard error, in
// microseconds rounded to the nearest, or "gc pauses: -" if there are no figures.
static void
printPauses(struct pauses p)
{
    if (p.n <= 0) {
        fprintf(stderr, "gc pauses: -\n");
        return;
    }
    fprintf(stderr, "gc pauses: max_us=%llu p99_us=%llu p50_us=%llu (last %d cycle%s)\n",
            (unsigned long long)((p.maxNs + 500) / 1000),
            (unsigned long long)((p.p99Ns + 500) / 1000),
            (unsigned long long)((p.p50Ns + 500) / 1000), p.n, p.n == 1 ? "" : "s");
}
GOMM_TYPE(nodeType, struct node, offsetof(struct node, left), offsetof(struct node, right));

static void
treesInit(void)
{
}

// main waits for the workers in an announced blocking call, as Go's main goroutine parks
// in wg.Wait: a stop of the world then need not wake it.
static void waitBegin(void) { runtime_entersyscall(); }
static void waitEnd(void) { runtime_exitsyscall(); }

static struct node *
bottomUp(int depth)
{
    if (depth <= 0)
        return runtime_new(&nodeType);
    struct node *l = bottomUp(depth - 1), *r = bottomUp(depth - 1);
    struct node *n = runtime_new(&nodeType);
    GOMM_STORE(n->left, l);
    GOMM_STORE(n->right, r);
    return n;
}

static void
freeTree(struct node *t)
{
    (void)t; // the collector's work: a tree no longer referenced is garbage
}

static int
numCPU(void)
{
    return runtime_NumCPU();
}
enum { pauseRing = 256 }; // the cycles whose pauses runtime_MemStats keeps

// The pause figures of the cycles whose pauses ms still holds: the last min(NumGC, 256).
static struct pauses
pauseFigures(const runtime_MemStats *ms)
{
    uint64_t v[pauseRing];
    int n = ms->NumGC < pauseRing ? (int)ms->NumGC : pauseRing;
    for (int i = 0; i < n; i++) {
        uint32_t cycle = ms->NumGC - (uint32_t)i;                 // numbered from 1
        uint64_t x = ms->PauseNs[(cycle + pauseRing - 1) % pauseRing]; // Go's (N+255)%256
        int j = i;
        for (; j > 0 && v[j - 1] > x; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
    struct pauses p = {.n = n};
    if (n > 0) {
        p.maxNs = v[n - 1];
        p.p99Ns = v[(99 * n + 99) / 100 - 1];
        p.p50Ns = v[(50 * n + 99) / 100 - 1];
    }
    return p;
}
static long
gcCount(void)
{
    runtime_MemStats ms;
    runtime_ReadMemStats(&ms);
    return (long)ms.NumGC;
}

static struct pauses
gcPauses(void)
{
    runtime_MemStats ms;
    runtime_ReadMemStats(&ms);
    return pauseFigures(&ms);
}
static long
itemCheck(const struct node *t)
{
    if (t->left == NULL)
        return 1;
    return 1 + itemCheck(t->left) + itemCheck(t->right);
}
enum { minDepth = 4, maxDepthLimit = 30, lineLen = 80 };

// The depths, shared by the workers: each takes the next one with an atomic add.
struct depths {
    int maxDepth;
    int next;
    char line[maxDepthLimit + 1][lineLen]; // each depth's line of output
};

static void *
worker(void *arg)
{
    struct depths *d = arg;
    for (;;) {
        int depth = __atomic_fetch_add(&d->next, 2, __ATOMIC_RELAXED);
        if (depth > d->maxDepth)
            return NULL;
        long iterations = 1L << (d->maxDepth - depth + minDepth);
        long check = 0;
        for (long i = 0; i < iterations; i++) {
            struct node *t = bottomUp(depth);
            check += itemCheck(t);
            freeTree(t);
        }
        snprintf(d->line[depth], lineLen, "%ld\t trees of depth %d\t check: %ld\n",
                 iterations, depth, check);
    }
}

static __attribute__((noinline)) long
stretch(int depth)
{
    struct node *t = bottomUp(depth);
    long check = itemCheck(t);
    freeTree(t);
    return check;
}

int
main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 10;
    int maxDepth = n > minDepth + 2 ? n : minDepth + 2;
    if (maxDepth > maxDepthLimit) {
        fprintf(stderr, "%s: the depth must be at most %d\n", argv[0], maxDepthLimit);
        return 2;
    }
    treesInit();
    printf("stretch tree of depth %d\t check: %ld\n", maxDepth + 1, stretch(maxDepth + 1));

    struct node *longLived = bottomUp(maxDepth);

    struct depths d = {.maxDepth = maxDepth, .next = minDepth};
    pthread_t threads[maxDepthLimit];
    int nthreads = numCPU(), ndepths = (maxDepth - minDepth) / 2 + 1;
    if (nthreads > ndepths)
        nthreads = ndepths;
    for (int i = 0; i < nthreads; i++) {
        if (pthread_create(&threads[i], NULL, worker, &d) != 0) {
            perror("pthread_create");
            return 2;
        }
    }
    waitBegin();
    for (int i = 0; i < nthreads; i++)
        pthread_join(threads[i], NULL);
    waitEnd();
    for (int depth = minDepth; depth <= maxDepth; depth += 2)
        fputs(d.line[depth], stdout);

    printf("long lived tree of depth %d\t check: %ld\n", maxDepth, itemCheck(longLived));
    freeTree(longLived);
    const char *stats = getenv("BT_STATS");
    if (stats != NULL && strcmp(stats, "1") == 0) {
        long gcs = gcCount();
        if (gcs < 0)
            fprintf(stderr, "gc cycles: -\n");
        else
            fprintf(stderr, "gc cycles: %ld\n", gcs);
        printPauses(gcPauses());
    }
    return 0;
}
