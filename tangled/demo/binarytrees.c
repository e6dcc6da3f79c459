// tangled from chapters/81-binarytrees.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The binary-trees program of the Computer Language Benchmarks Game, on gomm's heap;
// chapter "Measuring the whole heap: binary trees".
//   usage: binarytrees [DEPTH]   (10 by default)
//   With BT_STATS=1 in the environment, it also prints on standard error the number of
//   garbage collections the run completed: "gc cycles: N", or "gc cycles: -" if the
//   library does not count them.
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
GOMM_TYPE(nodeType, struct node, offsetof(struct node, left), offsetof(struct node, right));

static void
treesInit(void)
{
}

static struct node *
bottomUp(int depth)
{
    struct node *n = runtime_new(&nodeType);
    if (depth > 0) {
        GOMM_STORE(n->left, bottomUp(depth - 1));
        GOMM_STORE(n->right, bottomUp(depth - 1));
    }
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
static long
gcCount(void)
{
    runtime_MemStats ms;
    runtime_ReadMemStats(&ms);
    return (long)ms.NumGC;
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
    for (int i = 0; i < nthreads; i++)
        pthread_join(threads[i], NULL);
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
    }
    return 0;
}
