// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The microbenchmark pair of chapter 26: one computation, its temporary on the stack or on the heap.
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include "gomm.h"

typedef struct vec {
    uint64_t x, y, z;
} vec;
GOMM_TYPE_NOPTR(vecType, vec);

typedef struct node {
    struct node *next; // a temporary with a pointer: the collector must scan it
    uint64_t v;
} node;
GOMM_TYPE(nodeType, node, offsetof(node, next));

static uint64_t
dot(const vec *a, const vec *b)
{
    return a->x * b->x + a->y * b->y + a->z * b->z;
}

// The vector in the frame: what Go does with a value that does not escape.
__attribute__((noinline)) static uint64_t
onStack(int n)
{
    uint64_t sum = 0;
    for (int i = 0; i < n; i++) {
        vec v = {(uint64_t)i, 2 * (uint64_t)i, 3 * (uint64_t)i};
        sum += dot(&v, &v);
    }
    return sum;
}

// The vector from runtime_new: what Go does with a value that escapes.
__attribute__((noinline)) static uint64_t
onHeap(int n)
{
    uint64_t sum = 0;
    for (int i = 0; i < n; i++) {
        vec *v = runtime_new(&vecType);
        *v = (vec){(uint64_t)i, 2 * (uint64_t)i, 3 * (uint64_t)i};
        sum += dot(v, v);
    }
    return sum;
}

static node *volatile keep; // each temporary node is stored here, briefly, as a Go pointer would be

// A temporary with a pointer, on the heap: it costs the mark some work too.
__attribute__((noinline)) static uint64_t
onHeapPointers(int n)
{
    uint64_t sum = 0;
    for (int i = 0; i < n; i++) {
        node *p = runtime_new(&nodeType);
        p->v = (uint64_t)i;
        GOMM_STORE(keep, p);
        sum += keep->v;
    }
    GOMM_STORE(keep, NULL);
    return sum;
}

static void
bench(const char *name, uint64_t (*fn)(int), int n)
{
    runtime_MemStats m0, m1;
    runtime_GC();
    runtime_ReadMemStats(&m0);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    uint64_t r = fn(n);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    runtime_ReadMemStats(&m1);
    double ns = (double)(t1.tv_sec - t0.tv_sec) * 1e9 + (double)(t1.tv_nsec - t0.tv_nsec);
    printf("%-22s %9d %8.2f ns/op %6.1f B/op %6.2f allocs/op %4u cycles  (sum %llu)\n", name, n, ns / n,
           (double)(m1.TotalAlloc - m0.TotalAlloc) / n, (double)(m1.Mallocs - m0.Mallocs) / n,
           m1.NumGC - m0.NumGC, (unsigned long long)(r % 1000));
}

int
main(void)
{
    runtime_ThreadAttach();
    enum { n = 1 << 22 };
    bench("BenchmarkStack", onStack, n);
    bench("BenchmarkHeap", onHeap, n);
    bench("BenchmarkHeapPointers", onHeapPointers, n);
    return 0;
}
