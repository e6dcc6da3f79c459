// Exercise 83-cycles: graded tests.  Each test's name starts with its points.
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "cycles.h"
#include "grade.h"

enum { unset = -12345 }; // what gcrefs holds before the code under test runs

// A heap of n objects, all in the generation, no fields, no references.
static ex_heap *
newHeap(int n)
{
    ex_heap *h = calloc(1, sizeof *h);
    h->n = n;
    h->field = malloc((size_t)n * sizeof *h->field);
    h->refcnt = calloc((size_t)n, sizeof *h->refcnt);
    h->gen = malloc((size_t)n);
    h->gcrefs = malloc((size_t)n * sizeof *h->gcrefs);
    memset(h->gen, 1, (size_t)n);
    for (int i = 0; i < n; i++) {
        h->field[i][0] = h->field[i][1] = ex_nil;
        h->gcrefs[i] = unset;
    }
    return h;
}

static void
freeHeap(ex_heap *h)
{
    free(h->field);
    free(h->refcnt);
    free(h->gen);
    free(h->gcrefs);
    free(h);
}

// i's field f refers to j: one more reference to j, as CPython counts it.
static void
link(ex_heap *h, int i, int f, int j)
{
    h->field[i][f] = j;
    h->refcnt[j]++;
}

// The tests' own answer: the objects of the generation that no reference from
// outside the generation reaches, by a breadth-first walk.
static int
oracle(const ex_heap *h, uint8_t *garbage)
{
    int n = h->n, *ext = calloc((size_t)n, sizeof *ext), *queue = malloc((size_t)n * sizeof *queue);
    uint8_t *seen = calloc((size_t)n, 1);
    int head = 0, tail = 0, count = 0;
    for (int i = 0; i < n; i++)
        ext[i] = h->refcnt[i];
    for (int i = 0; i < n; i++)
        for (int f = 0; f < ex_nfields; f++)
            if (h->gen[i] && h->field[i][f] != ex_nil)
                ext[h->field[i][f]]--;
    for (int i = 0; i < n; i++)
        if (h->gen[i] && ext[i] > 0)
            seen[i] = 1, queue[tail++] = i;
    while (head < tail) {
        int o = queue[head++];
        for (int f = 0; f < ex_nfields; f++) {
            int j = h->field[o][f];
            if (j != ex_nil && h->gen[j] && !seen[j])
                seen[j] = 1, queue[tail++] = j;
        }
    }
    for (int i = 0; i < n; i++) {
        garbage[i] = h->gen[i] && !seen[i];
        count += garbage[i];
    }
    free(ext);
    free(queue);
    free(seen);
    return count;
}

// Runs ex_collect on h, checks it against want (n entries, 0 or 1) and checks
// that it changed neither the counts nor the fields.
static void
checkCollect(ex_heap *h, const uint8_t *want)
{
    int n = h->n, nwant = 0, bad = 0;
    int *refcnt = malloc((size_t)n * sizeof *refcnt), (*field)[ex_nfields] = malloc((size_t)n * sizeof *field);
    memcpy(refcnt, h->refcnt, (size_t)n * sizeof *refcnt);
    memcpy(field, h->field, (size_t)n * sizeof *field);
    uint8_t *got = malloc((size_t)n);
    memset(got, 7, (size_t)n);
    int ngot = ex_collect(h, got);
    for (int i = 0; i < n; i++) {
        nwant += want[i];
        bad += got[i] != want[i];
    }
    CU_ASSERT_EQUAL(ngot, nwant);
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT(memcmp(refcnt, h->refcnt, (size_t)n * sizeof *refcnt) == 0);
    CU_ASSERT(memcmp(field, h->field, (size_t)n * sizeof *field) == 0);
    free(refcnt);
    free(field);
    free(got);
}

// 0 <-> 1 a cycle held by a variable (0), 2 -> 3 -> 2 a garbage cycle that
// refers to 1 as well, 4 a self-loop, 5 held, both its fields on 6.
static ex_heap *
smallHeap(void)
{
    ex_heap *h = newHeap(7);
    link(h, 0, 0, 1), link(h, 1, 0, 0), h->refcnt[0]++;
    link(h, 2, 0, 3), link(h, 3, 0, 2), link(h, 3, 1, 1);
    link(h, 4, 0, 4);
    link(h, 5, 0, 6), link(h, 5, 1, 6), h->refcnt[5]++;
    return h;
}

static void
test_refs(void)
{
    ex_heap *h = smallHeap();
    h->gen[5] = 0; // 5 is older: its two references to 6 come from outside the generation
    ex_updateRefs(h);
    static const int counts[7] = {2, 2, 1, 1, 1, unset, 2};
    for (int i = 0; i < 7; i++)
        CU_ASSERT_EQUAL(h->gcrefs[i], counts[i]);
    ex_subtractRefs(h);
    static const int outside[7] = {1, 0, 0, 0, 0, unset, 2};
    for (int i = 0; i < 7; i++)
        CU_ASSERT_EQUAL(h->gcrefs[i], outside[i]);
    freeHeap(h);
}

static void
test_small(void)
{
    ex_heap *h = smallHeap();
    static const uint8_t want[7] = {0, 0, 1, 1, 1, 0, 0};
    checkCollect(h, want);
    freeHeap(h);
    // Without the variable's reference, the cycle 0 <-> 1 is garbage too.
    h = smallHeap();
    h->refcnt[0]--;
    static const uint8_t want2[7] = {1, 1, 1, 1, 1, 0, 0};
    checkCollect(h, want2);
    freeHeap(h);
}

// The first objects scanned look unreachable until a later one turns out to be
// held: 0 -> 1 -> 2 -> 0 and 3 -> 0, with only 3 held from outside.  And a
// garbage cycle 4 <-> 5 whose 5 refers to the held cycle.
static void
test_tentative(void)
{
    ex_heap *h = newHeap(6);
    link(h, 0, 0, 1), link(h, 1, 0, 2), link(h, 2, 0, 0), link(h, 3, 0, 0), h->refcnt[3]++;
    link(h, 4, 0, 5), link(h, 5, 0, 4), link(h, 5, 1, 1);
    uint8_t got[6];
    ex_updateRefs(h);
    ex_subtractRefs(h);
    CU_ASSERT_EQUAL(ex_moveUnreachable(h, got), 2);
    for (int i = 0; i < 6; i++)
        CU_ASSERT_EQUAL(got[i], i >= 4);
    freeHeap(h);
}

// Only part of the heap is the generation: an older object's reference keeps
// a young cycle alive, and older objects are never reported.
static void
test_generation(void)
{
    ex_heap *h = newHeap(8);
    // 0 (old) -> 1 <-> 2 (young): kept by 0.  3 <-> 4 young garbage.  5 <-> 6 old garbage
    // (not this generation's business).  7 (young) -> 5: no help to 5 and 6.
    link(h, 0, 0, 1), link(h, 1, 0, 2), link(h, 2, 0, 1), h->refcnt[0]++;
    link(h, 3, 0, 4), link(h, 4, 0, 3);
    link(h, 5, 0, 6), link(h, 6, 0, 5), link(h, 7, 0, 5);
    h->gen[0] = h->gen[5] = h->gen[6] = 0;
    static const uint8_t want[8] = {0, 0, 0, 1, 1, 0, 0, 1};
    checkCollect(h, want);
    freeHeap(h);
}

static void
test_random(void)
{
    srand(83);
    for (int round = 0; round < 200; round++) {
        int n = 1 + rand() % 300;
        ex_heap *h = newHeap(n);
        for (int i = 0; i < n; i++) {
            h->gen[i] = rand() % 4 != 0;
            for (int f = 0; f < ex_nfields; f++)
                if (rand() % 3 != 0)
                    link(h, i, f, rand() % n);
            if (rand() % 8 == 0)
                h->refcnt[i] += 1 + rand() % 2;
        }
        uint8_t *want = malloc((size_t)n);
        oracle(h, want);
        checkCollect(h, want);
        free(want);
        freeHeap(h);
    }
}

// A ring of a million objects, garbage, then the same ring held by one
// variable, collected on a thread whose stack is 64 KiB.
enum { ringLength = 1000000 };

static void *
collectRing(void *arg)
{
    ex_heap *h = arg;
    uint8_t *got = malloc((size_t)h->n);
    intptr_t n = ex_collect(h, got);
    free(got);
    return (void *)n;
}

static intptr_t
onSmallStack(ex_heap *h)
{
    pthread_attr_t attr;
    pthread_t t;
    void *n = (void *)(intptr_t)-1;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 64 << 10);
    if (pthread_create(&t, &attr, collectRing, h) == 0)
        pthread_join(t, &n);
    return (intptr_t)n;
}

static void
test_ring(void)
{
    ex_heap *h = newHeap(ringLength);
    for (int i = 0; i < ringLength; i++)
        link(h, i, i % 2, (i + 1) % ringLength);
    CU_ASSERT_EQUAL(onSmallStack(h), ringLength);
    h->refcnt[ringLength / 2]++;
    CU_ASSERT_EQUAL(onSmallStack(h), 0);
    freeHeap(h);
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("83-cycles", NULL, NULL);
    CU_add_test(s, "[2] updateRefs and subtractRefs: the references from outside the generation", test_refs);
    CU_add_test(s, "[3] collect: garbage cycles, held cycles, a self-loop, a doubled reference", test_small);
    CU_add_test(s, "[2] moveUnreachable: objects that look unreachable until a held one reaches them", test_tentative);
    CU_add_test(s, "[1] a generation: older objects keep young ones, and are never collected", test_generation);
    CU_add_test(s, "[1] collect: exactly the oracle's garbage on 200 random heaps", test_random);
    CU_add_test(s, "[1] a ring of a million objects on a 64 KiB stack", test_ring);
}
