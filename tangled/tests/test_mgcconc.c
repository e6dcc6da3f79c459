// tangled from chapters/15-mgcconc.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Tests of the concurrent mark and the write barrier: chapters 14 and 15.
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "testing.h"
#include "runtime.h"

// The sanitizers' builds and the -O0 debug build run a shorter stress, and no pause test.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__) || (defined(GOMM_DEBUG) && GOMM_DEBUG)
enum { slowBuild = 1 };
#else
enum { slowBuild = 0 };
#endif

struct node {
    struct node *next;
    uint64 value;
    uint64 check; // value * 2654435761 + 1
};
GOMM_TYPE(nodeType, struct node, offsetof(struct node, next));
GOMM_TYPE(ptrType, struct node *, 0);

static struct node *
newNode(uint64 v)
{
    struct node *n = runtime_new(&nodeType);
    n->value = v;
    n->check = v * 2654435761u + 1;
    return n;
}

static bool
nodeOK(struct node *n)
{
    return n != NULL && n->check == n->value * 2654435761u + 1;
}

enum {
    nmutators = 4,
    arrLen = slowBuild ? 1 << 18 : 4 << 20, // the heap array: 32 MiB of pointers (2 MiB when slow)
    perMutator = arrLen / nmutators,
    globalLen = (slowBuild ? 4 << 20 : 64 << 20) / sizeof(void *), // the global array: 64 MiB, mostly zero
    slotsPerMutator = 64,             // the global slots each mutator uses, at the start
    held = 64,                        // nodes a mutator keeps on its stack, of each kind
};

static struct node *globalSlots[globalLen]; // first, so that its start is scanned early
static struct node **arr;                    // the heap array, reachable from here
static int stopMutators, failed;

static uint64
xorshift(uint64 *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

// The mutator's state, on its stack: nodes it holds there only.
struct hold {
    struct node *keep[held];  // taken from the heap array during a mark (the deletion move)
    struct node *carry[held]; // taken while no mark runs, to be stored during one (the insertion move)
    int nkeep, ncarry;
    int marksEnded;           // marks seen to end since keep was filled
    bool marking;             // the barrier was on at the last round
};

// One round: a move, then check everything held, on the stack and in the slots.
__attribute__((noinline)) static uint64
mutatorRound(int id, uint64 *seed, struct hold *h, uint64 *next)
{
    uint64 bad = 0;
    bool marking = __atomic_load_n(&runtime_writeBarrier.enabled, __ATOMIC_RELAXED) != 0;
    if (h->marking && !marking && ++h->marksEnded == 2) {
        memset(h->keep, 0, sizeof h->keep); // two sweeps later: a lost node would show by now
        h->nkeep = 0;
        h->marksEnded = 0;
    }
    h->marking = marking;
    uintptr j = (uintptr)id * perMutator + perMutator / 2 + xorshift(seed) % (perMutator / 2);
    struct node *x = arr[j];
    if (marking && h->nkeep < held && x != NULL) {
        // Deletion: the only reference moves from a slot the mark may not have
        // scanned yet to a stack it has scanned (or will not scan again).
        GOMM_STORE(arr[j], (struct node *)NULL);
        h->keep[h->nkeep++] = x;
    } else if (!marking && h->ncarry < held && x != NULL) {
        GOMM_STORE(arr[j], (struct node *)NULL); // no mark: nothing shades it
        h->carry[h->ncarry++] = x;
    } else if (marking && h->ncarry > 0) {
        // Insertion: the only reference moves from a stack the mark may not have
        // scanned yet into a global slot it has scanned already.
        int g = id * slotsPerMutator + (int)(xorshift(seed) % slotsPerMutator);
        GOMM_STORE(globalSlots[g], h->carry[--h->ncarry]);
        h->carry[h->ncarry] = NULL;
    }
    // Churn: a new node replaces one of the heap array (the old one is garbage).
    uintptr k = (uintptr)id * perMutator + xorshift(seed) % perMutator;
    GOMM_STORE(arr[k], newNode((*next)++));
    for (int i = 0; i < held; i++)
        bad += (h->keep[i] != NULL && !nodeOK(h->keep[i])) + (h->carry[i] != NULL && !nodeOK(h->carry[i]));
    for (int i = 0; i < slotsPerMutator; i++) {
        struct node *n = globalSlots[id * slotsPerMutator + i];
        bad += n != NULL && !nodeOK(n);
    }
    return bad;
}

static void *
mutator(void *arg)
{
    int id = (int)(uintptr)arg;
    uint64 seed = (uint64)id * 7919 + 1, next = (uint64)id << 40, bad = 0;
    struct hold h;
    memset(&h, 0, sizeof h);
    while (!__atomic_load_n(&stopMutators, __ATOMIC_RELAXED) && bad == 0)
        bad += mutatorRound(id, &seed, &h, &next);
    if (bad != 0) {
        fprintf(stderr, "mutator %d: %lu bad nodes\n", id, (unsigned long)bad);
        __atomic_store_n(&failed, 1, __ATOMIC_RELAXED);
    }
    return (void *)(uintptr)bad;
}

// Fill the heap array with nodes, then run the mutators while cycles run back to back.
static uint64
stress(int cycles)
{
    struct node **a = runtime_newarray(&ptrType, arrLen);
    GOMM_STORE(arr, a);
    for (uint64 i = 0; i < arrLen; i++)
        GOMM_STORE(arr[i], newNode(i));
    runtime_MemStats ms0, ms1;
    runtime_ReadMemStats(&ms0);
    pthread_t m[nmutators];
    for (int i = 0; i < nmutators; i++)
        pthread_create(&m[i], NULL, mutator, (void *)(uintptr)i);
    uint64 bad = 0;
    do {
        runtime_GC();
        runtime_ReadMemStats(&ms1);
    } while ((int)(ms1.NumGC - ms0.NumGC) < cycles && !__atomic_load_n(&failed, __ATOMIC_RELAXED));
    __atomic_store_n(&stopMutators, 1, __ATOMIC_RELAXED);
    for (int i = 0; i < nmutators; i++) {
        void *r;
        pthread_join(m[i], &r);
        bad += (uintptr)r;
    }
    return bad;
}

static void
test_stress(void)
{
    char out[4096];
    int rc = runself("stress", "GOGC=400 GODEBUG=gccheckmark=1,clobberfree=1", out, sizeof out);
    if (rc != 0)
        printf("\n%s\n", out);
    CU_ASSERT_EQUAL(rc, 0);
}

static void
test_stressOneP(void)
{
    char out[4096];
    int rc = runself("stress", "GOGC=400 GOMAXPROCS=1 STRESS_CYCLES=8 GODEBUG=gccheckmark=1,clobberfree=1", out, sizeof out);
    if (rc != 0)
        printf("\n%s\n", out);
    CU_ASSERT_EQUAL(rc, 0);
}
// Keep about mib MiB live in nodes reachable from a global array of lists; run
// forced cycles; the largest and the smallest pause of a cycle, in ns.
static struct node **lists;

struct pauseRange {
    uint64 min, max;
};

static struct pauseRange
maxPause(int mib, int cycles)
{
    enum { nlists = 1024 };
    uint64 nodes = ((uint64)mib << 20) / 32; // a node takes a 32-byte slot
    struct node **l = runtime_newarray(&ptrType, nlists);
    GOMM_STORE(lists, l);
    for (uint64 i = 0; i < nodes; i++) {
        struct node *n = newNode(i);
        GOMM_STORE(n->next, lists[i % nlists]);
        GOMM_STORE(lists[i % nlists], n);
    }
    runtime_GC();
    runtime_MemStats ms;
    struct pauseRange r = {UINT64_MAX, 0};
    for (int c = 0; c < cycles; c++) {
        runtime_GC();
        runtime_ReadMemStats(&ms);
        uint64 p = ms.PauseNs[(ms.NumGC + 255) % 256];
        if (p > r.max)
            r.max = p;
        if (p < r.min)
            r.min = p;
    }
    GOMM_STORE(lists, (struct node **)NULL);
    runtime_GC();
    return r;
}

// Fails if the largest pause grows with the live heap, or the smallest does, each counted
// above the smallest pause with almost nothing live (what every pause costs whatever the
// heap: the roots, this program's 64 MiB of globals among them).
static int
pauses(void)
{
    struct pauseRange base = maxPause(1, 5), small = maxPause(32, 5), large = maxPause(512, 5);
    printf("largest pause: %lu us at 32 MiB live, %lu us at 512 MiB live; smallest: %lu us, %lu us; "
           "at 1 MiB: %lu us\n",
           (unsigned long)(small.max / 1000), (unsigned long)(large.max / 1000), (unsigned long)(small.min / 1000),
           (unsigned long)(large.min / 1000), (unsigned long)(base.min / 1000));
    int64 b = (int64)base.min;
    int64 smax = (int64)small.max - b, lmax = (int64)large.max - b;
    int64 smin = (int64)small.min - b, lmin = (int64)large.min - b;
    bool grows = lmax > 4 * (smax > 0 ? smax : 0) + 1000 * 1000 || lmin > 4 * (smin > 0 ? smin : 0) + 1000 * 1000;
    return grows ? 1 : 0;
}

static void
test_pauses(void)
{
    if (slowBuild) {
        printf("(optimised builds only) ");
        return;
    }
    char out[512];
    int rc = runself("pauses", NULL, out, sizeof out);
    printf("%s", out);
    CU_ASSERT_EQUAL(rc, 0);
}

static void
test_pausesSTW(void)
{
    if (slowBuild) {
        printf("(optimised builds only) ");
        return;
    }
    char out[512];
    int rc = runself("pauses", "GODEBUG=gcstoptheworld=1", out, sizeof out);
    printf("%s", out);
    CU_ASSERT_EQUAL(rc, 1);
}

int
main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "stress") == 0)
        return stress(getenv("STRESS_CYCLES") ? atoi(getenv("STRESS_CYCLES")) : slowBuild ? 8 : 20) != 0;
    if (argc == 2 && strcmp(argv[1], "pauses") == 0)
        return pauses();
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite s = CU_add_suite("mgcconc", NULL, NULL);
    CU_add_test(s, "the barrier stress: 4 mutators, cycles back to back, gccheckmark", test_stress);
    CU_add_test(s, "the barrier stress with GOMAXPROCS=1", test_stressOneP);
    CU_add_test(s, "pauses do not grow with the live heap (64 and 512 MiB)", test_pauses);
    CU_add_test(s, "the same test fails when the world is stopped to mark", test_pausesSTW);
    return runTests();
}
