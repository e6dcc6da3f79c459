// tangled from chapters/28-optimize.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// What the mark costs for different layouts of the same data, and for one list in two orders (chapter 28).
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "gomm.h"

enum { items = 1 << 19 };

typedef struct name16 { char s[16]; } name16;
GOMM_TYPE_NOPTR(name16Type, name16);

typedef struct itemP { name16 *name; uint64_t value; } itemP; // the name elsewhere
GOMM_TYPE(itemPType, itemP, offsetof(itemP, name));
typedef struct itemPtr { itemP *p; } itemPtr; // a slot of the table of pointers
GOMM_TYPE(itemPtrType, itemPtr, offsetof(itemPtr, p));

typedef struct itemV { name16 name; uint64_t value; } itemV; // the name inline
GOMM_TYPE_NOPTR(itemVType, itemV);

static void *table; // the layout being measured: the only root

// The collector's CPU time and wall time of one forced cycle, and its scan work.
static void
forcedCycle(double *cpuMs, double *wallMs, uint64_t *scan)
{
    runtime_PacerStats p0, p1;
    runtime_ReadPacerStats(&p0);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    runtime_GC();
    clock_gettime(CLOCK_MONOTONIC, &t1);
    runtime_ReadPacerStats(&p1);
    *cpuMs = (double)(p1.TotalCPUNs + p1.IdleCPUNs - p0.TotalCPUNs - p0.IdleCPUNs) / 1e6;
    *wallMs = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    *scan = p1.LastHeapScan;
}

static int
cmpDouble(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

// The median of five measurements (the array is sorted in place).
static double
median5(double v[5])
{
    qsort(v, 5, sizeof v[0], cmpDouble);
    return v[2];
}

// The median of five forced cycles, printed as a row.
static void
measure(const char *layout, uint64_t objects)
{
    double cpu[5], wall[5];
    uint64_t scan = 0;
    for (int i = 0; i < 5; i++)
        forcedCycle(&cpu[i], &wall[i], &scan);
    printf("%-14s %10llu %14.0f %12.2f %12.2f\n", layout, (unsigned long long)objects, (double)scan / 1024,
           median5(cpu), median5(wall));
}

static uint64_t
heapObjects(void)
{
    runtime_MemStats m;
    runtime_GC();
    runtime_ReadMemStats(&m);
    return m.HeapObjects;
}

// Each layout is built by a function of its own, so that no frame that stays live
// keeps a pointer to it: the stack is scanned conservatively (section on roots).
__attribute__((noinline)) static void
buildPointers(void)
{
    itemPtr *tp = runtime_makeslice(&itemPtrType, items, items);
    GOMM_STORE(table, tp);
    for (int i = 0; i < items; i++) {
        itemP *it = runtime_new(&itemPType);
        GOMM_STORE(it->name, (name16 *)runtime_new(&name16Type));
        snprintf(it->name->s, sizeof it->name->s, "item%d", i);
        it->value = (uint64_t)i;
        GOMM_STORE(tp[i].p, it);
    }
}

__attribute__((noinline)) static void
buildValues(void)
{
    itemP *tv = runtime_makeslice(&itemPType, items, items);
    GOMM_STORE(table, tv);
    for (int i = 0; i < items; i++) {
        GOMM_STORE(tv[i].name, (name16 *)runtime_new(&name16Type));
        snprintf(tv[i].name->s, sizeof tv[i].name->s, "item%d", i);
        tv[i].value = (uint64_t)i;
    }
}

__attribute__((noinline)) static void
buildNoPointers(void)
{
    itemV *tn = runtime_makeslice(&itemVType, items, items);
    GOMM_STORE(table, tn);
    for (int i = 0; i < items; i++) {
        snprintf(tn[i].name.s, sizeof tn[i].name.s, "item%d", i);
        tn[i].value = (uint64_t)i;
    }
}

// The frames the collection will use lie where the builder's were: zero them (volatile
// stores, which the compiler must make), so that no stale address there looks like a root.
__attribute__((noinline)) static void
clearStack(void)
{
    volatile uintptr_t area[8 << 10];
    for (size_t i = 0; i < sizeof area / sizeof area[0]; i++)
        area[i] = 0;
}

static void
layouts(void)
{
    static const struct { const char *name; void (*build)(void); } layout[] = {
        {"pointers", buildPointers}, {"values", buildValues}, {"no pointers", buildNoPointers},
    };
    printf("%-14s %10s %14s %12s %12s\n", "layout", "objects", "scan work KiB", "GC CPU ms", "GC wall ms");
    for (size_t k = 0; k < sizeof layout / sizeof layout[0]; k++) {
        clearStack(); // the last layout's addresses too
        uint64_t base = heapObjects();
        layout[k].build();
        clearStack();
        measure(layout[k].name, heapObjects() - base);
        GOMM_STORE(table, NULL);
    }
}
typedef struct lnode {
    struct lnode *next;
    uint64_t pad[3];
} lnode;
GOMM_TYPE(lnodeType, lnode, offsetof(lnode, next));
enum { nodes = 1 << 20 };

static lnode *list;  // the list's head: the root
static lnode **all; // the nodes, while the list is built: a heap slice, so a root too

typedef struct lnodePtr { lnode *p; } lnodePtr;
GOMM_TYPE(lnodePtrType, lnodePtr, offsetof(lnodePtr, p));

static double
walk(void)
{
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    uint64_t n = 0;
    for (lnode *p = list; p != NULL; p = p->next)
        n += p->pad[0];
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (n != (uint64_t)nodes * (nodes - 1) / 2)
        printf("walk: wrong sum %llu\n", (unsigned long long)n);
    return (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
}

__attribute__((noinline)) static void
buildList(int shuffled)
{
    // Not C's heap: the collector does not read it, and would free the nodes under it.
    GOMM_STORE(all, (lnode **)runtime_makeslice(&lnodePtrType, nodes, nodes));
    for (int i = 0; i < nodes; i++) {
        GOMM_STORE(all[i], (lnode *)runtime_new(&lnodeType));
        all[i]->pad[0] = (uint64_t)i;
    }
    uint64_t seed = 88172645463325252ull;
    for (int i = nodes - 1; shuffled && i > 0; i--) {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        int j = (int)(seed % (uint64_t)(i + 1));
        lnode *t = all[i];
        GOMM_STORE(all[i], all[j]);
        GOMM_STORE(all[j], t);
    }
    GOMM_STORE(list, all[0]);
    for (int i = 0; i + 1 < nodes; i++)
        GOMM_STORE(all[i]->next, all[i + 1]);
    GOMM_STORE(all, NULL); // from here the list is reachable only from its head
}

static void
locality(int shuffled)
{
    buildList(shuffled);
    clearStack();
    double cpu[5], wall[5], w[5];
    uint64_t scan = 0;
    for (int i = 0; i < 5; i++) {
        forcedCycle(&cpu[i], &wall[i], &scan);
        w[i] = walk();
    }
    printf("%-14s %10d %14.0f %12.2f %12.2f %10.2f\n", shuffled ? "shuffled" : "in order", nodes,
           (double)scan / 1024, median5(cpu), median5(wall), median5(w));
    GOMM_STORE(list, NULL);
    runtime_GC();
}

int
main(int argc, char **argv)
{
    runtime_ThreadAttach();
    if (argc == 2 && argv[1][0] == 'l') {
        printf("%-14s %10s %14s %12s %12s %10s\n", "list", "nodes", "scan work KiB", "GC CPU ms", "GC wall ms",
               "walk ms");
        locality(0);
        locality(1);
    } else
        layouts();
    return 0;
}
