// tangled from chapters/81-binarytrees.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The binary-trees program of the chapter "Measuring the whole heap: binary trees", for the
// allocators other than gomm.  Compiled once per allocator: -DTREES_MALLOC (the program
// frees each tree after checking it; the library on the link line picks the malloc) or
// -DTREES_BOEHM (the Boehm collector), and -DTREES_NAME=name for its messages.
//   usage: binarytrees-NAME [DEPTH]   (10 by default); BT_STATS=1: "gc cycles: N" and
//   "gc pauses: -" on stderr (these allocators give no pauses of their own)
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <sched.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STR(x) STR1(x)
#define STR1(x) #x

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
#if defined(TREES_MALLOC)
static void
treesInit(void)
{
    const char *want = strcmp(STR(TREES_NAME), "glibc") == 0 ? "/libc.so" : "/lib" STR(TREES_NAME);
    Dl_info info;
    if (dladdr((void *)malloc, &info) == 0 || strstr(info.dli_fname, want) == NULL) {
        fprintf(stderr, "binarytrees-%s: malloc comes from %s, not from %s*\n", STR(TREES_NAME),
                info.dli_fname ? info.dli_fname : "?", want);
        exit(2);
    }
}

static void waitBegin(void) {}
static void waitEnd(void) {}

#define allocNode() malloc(sizeof(struct node))

static void
freeTree(struct node *t)
{
    if (t->left != NULL) {
        freeTree(t->left);
        freeTree(t->right);
    }
    free(t);
}

static long
gcCount(void)
{
    return -1; // no collector
}

static struct pauses
gcPauses(void)
{
    return (struct pauses){.n = -1}; // no collector, no pauses
}
#elif defined(TREES_BOEHM)
#define GC_THREADS
#include <gc.h>

static void
treesInit(void)
{
    GC_INIT();
}

static void waitBegin(void) {}
static void waitEnd(void) {}

#define allocNode() GC_MALLOC(sizeof(struct node))

static void
freeTree(struct node *t)
{
    (void)t; // the collector's work
}

static long
gcCount(void)
{
    return (long)GC_get_gc_no();
}

static struct pauses
gcPauses(void)
{
    return (struct pauses){.n = -1}; // the collector keeps no pause of each collection
}
#else
#error "define TREES_MALLOC or TREES_BOEHM"
#endif
static struct node *
bottomUp(int depth)
{
    struct node *l = NULL, *r = NULL;
    if (depth > 0) {
        l = bottomUp(depth - 1);
        r = bottomUp(depth - 1);
    }
    struct node *n = allocNode();
    if (n == NULL) {
        fprintf(stderr, "binarytrees-%s: out of memory\n", STR(TREES_NAME));
        exit(2);
    }
    n->left = l;
    n->right = r;
    return n;
}
static int
numCPU(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) != 0)
        return 1;
    return CPU_COUNT(&set);
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
