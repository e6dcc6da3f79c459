// Exercise 10-tricolor: graded tests.  Each test's name starts with its points.
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "grade.h"
#include "tricolor.h"

static ex_graph *
newGraph(int n)
{
    ex_graph *g = calloc(1, sizeof *g);
    g->n = n;
    g->field = malloc((size_t)n * sizeof *g->field);
    g->color = calloc((size_t)n, 1);
    g->allocated = malloc((size_t)n);
    g->grey = malloc((size_t)n * sizeof *g->grey);
    memset(g->allocated, 1, (size_t)n);
    for (int i = 0; i < n; i++)
        g->field[i][0] = g->field[i][1] = ex_nil;
    return g;
}

static void
freeGraph(ex_graph *g)
{
    free(g->field);
    free(g->color);
    free(g->allocated);
    free(g->grey);
    free(g);
}

// The tests' own reachability, with a queue: r[i] = 1 if i is reachable from the roots.
static int
reachable(const ex_graph *g, const int *roots, int nroots, uint8_t *r)
{
    int *queue = malloc((size_t)g->n * sizeof *queue), head = 0, tail = 0;
    memset(r, 0, (size_t)g->n);
    for (int i = 0; i < nroots; i++)
        if (roots[i] != ex_nil && !r[roots[i]])
            r[roots[i]] = 1, queue[tail++] = roots[i];
    while (head < tail) {
        int o = queue[head++];
        for (int f = 0; f < ex_nfields; f++) {
            int p = g->field[o][f];
            if (p != ex_nil && !r[p])
                r[p] = 1, queue[tail++] = p;
        }
    }
    free(queue);
    return tail;
}

// The strong tri-color invariant: no black object points to a white one.
static int
blackToWhite(const ex_graph *g)
{
    int bad = 0;
    for (int i = 0; i < g->n; i++)
        for (int f = 0; f < ex_nfields; f++)
            if (g->color[i] == ex_black && g->field[i][f] != ex_nil && g->color[g->field[i][f]] == ex_white)
                bad++;
    return bad;
}

// The grey objects are exactly the ones on the grey stack, each once.
static int
greyMismatch(const ex_graph *g)
{
    int bad = 0, ngrey = 0;
    uint8_t *seen = calloc((size_t)g->n, 1);
    for (int k = 0; k < g->ngrey; k++) {
        int o = g->grey[k];
        if (o < 0 || o >= g->n || seen[o]++ || g->color[o] != ex_grey)
            bad++;
    }
    for (int i = 0; i < g->n; i++)
        ngrey += g->color[i] == ex_grey;
    free(seen);
    return bad + (ngrey != g->ngrey);
}

static void
test_shade(void)
{
    ex_graph *g = newGraph(4);
    ex_shade(g, 2);
    CU_ASSERT_EQUAL(g->color[2], ex_grey);
    CU_ASSERT_EQUAL(g->ngrey, 1);
    CU_ASSERT_EQUAL(g->grey[0], 2);
    ex_shade(g, 2); // grey already: not pushed twice
    ex_shade(g, ex_nil);
    g->color[3] = ex_black;
    ex_shade(g, 3); // black: left alone
    CU_ASSERT_EQUAL(g->ngrey, 1);
    CU_ASSERT_EQUAL(g->color[3], ex_black);
    int roots[] = {1, 1, ex_nil, 0, 3};
    ex_markRoots(g, roots, 5);
    CU_ASSERT_EQUAL(g->ngrey, 3);
    CU_ASSERT_EQUAL(g->grey[1], 1);
    CU_ASSERT_EQUAL(g->grey[2], 0);
    CU_ASSERT_EQUAL(greyMismatch(g), 0);
    freeGraph(g);
}

// 0 -> 1, 2; 1 -> 3; 2 -> 3, 4; 3 -> 0; 4 -> 4; 5 -> 0 (garbage); 6 alone (garbage).
static ex_graph *
smallGraph(void)
{
    ex_graph *g = newGraph(7);
    static const int edges[7][2] = {{1, 2}, {3, ex_nil}, {3, 4}, {0, ex_nil}, {4, ex_nil}, {0, ex_nil}, {ex_nil, ex_nil}};
    memcpy(g->field, edges, sizeof edges);
    return g;
}

static void
test_markStep(void)
{
    ex_graph *g = smallGraph();
    int root = 0;
    CU_ASSERT_EQUAL(ex_markStep(g), ex_nil); // nothing grey yet
    ex_markRoots(g, &root, 1);
    static const int order[] = {0, 2, 4, 3, 1};
    for (int k = 0; k < 5; k++) {
        int o = ex_markStep(g);
        CU_ASSERT_EQUAL(o, order[k]);
        if (o >= 0 && o < g->n)
            CU_ASSERT_EQUAL(g->color[o], ex_black);
        CU_ASSERT_EQUAL(blackToWhite(g), 0);
        CU_ASSERT_EQUAL(greyMismatch(g), 0);
    }
    CU_ASSERT_EQUAL(ex_markStep(g), ex_nil);
    CU_ASSERT_EQUAL(g->ngrey, 0);
    for (int i = 0; i < 7; i++)
        CU_ASSERT_EQUAL(g->color[i], i < 5 ? ex_black : ex_white);
    freeGraph(g);
}

static void
test_mark(void)
{
    srand(10);
    for (int round = 0; round < 200; round++) {
        int n = 1 + rand() % 300;
        ex_graph *g = newGraph(n);
        for (int i = 0; i < n; i++)
            for (int f = 0; f < ex_nfields; f++)
                g->field[i][f] = rand() % 3 == 0 ? ex_nil : rand() % n;
        int roots[4];
        for (int k = 0; k < 4; k++)
            roots[k] = rand() % 4 == 0 ? ex_nil : rand() % n;
        uint8_t *r = malloc((size_t)n);
        int want = reachable(g, roots, 4, r);
        int got = ex_mark(g, roots, 4);
        CU_ASSERT_EQUAL(got, want);
        CU_ASSERT_EQUAL(g->ngrey, 0);
        int bad = 0;
        for (int i = 0; i < n; i++)
            bad += g->color[i] != (r[i] ? ex_black : ex_white);
        CU_ASSERT_EQUAL(bad, 0);
        free(r);
        freeGraph(g);
    }
}

// A chain 0 -> 1 -> ... -> n-1, through field 0 and field 1 in turn, marked
// on a thread whose stack is 64 KiB: recursion would overflow it and crash.
enum { chainLength = 1000000 };

static void *
markChain(void *arg)
{
    ex_graph *g = arg;
    int root = 0;
    return (void *)(intptr_t)ex_mark(g, &root, 1);
}

static void
test_chain(void)
{
    ex_graph *g = newGraph(chainLength);
    for (int i = 0; i + 1 < chainLength; i++)
        g->field[i][i % 2] = i + 1;
    pthread_attr_t attr;
    pthread_t t;
    void *scanned;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 64 << 10);
    CU_ASSERT_FATAL(pthread_create(&t, &attr, markChain, g) == 0);
    pthread_join(t, &scanned);
    CU_ASSERT_EQUAL((intptr_t)scanned, chainLength);
    int white = 0;
    for (int i = 0; i < chainLength; i++)
        white += g->color[i] != ex_black;
    CU_ASSERT_EQUAL(white, 0);
    freeGraph(g);
}

static void
test_sweep(void)
{
    ex_graph *g = smallGraph();
    int root = 0;
    CU_ASSERT_EQUAL(ex_mark(g, &root, 1), 5);
    CU_ASSERT_EQUAL(ex_sweep(g), 2); // 5 and 6
    CU_ASSERT(!g->allocated[5] && !g->allocated[6]);
    CU_ASSERT_EQUAL(g->field[5][0], ex_nil);
    for (int i = 0; i < 5; i++)
        CU_ASSERT(g->allocated[i] && g->color[i] == ex_white);
    // Next cycle: 0 drops 2, which takes 4 with it; 3 stays, through 1.
    g->field[0][1] = ex_nil;
    CU_ASSERT_EQUAL(ex_mark(g, &root, 1), 3);
    CU_ASSERT_EQUAL(ex_sweep(g), 2); // 2 and 4; 5 and 6 were free already
    CU_ASSERT(!g->allocated[2] && !g->allocated[4] && g->allocated[3]);
    CU_ASSERT_EQUAL(ex_mark(g, &root, 1), 3);
    CU_ASSERT_EQUAL(ex_sweep(g), 0);
    freeGraph(g);
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("10-tricolor", NULL, NULL);
    CU_add_test(s, "[2] shade: a white object turns grey and is pushed once", test_shade);
    CU_add_test(s, "[3] markStep: the top grey object, fields in order; the invariant after every step", test_markStep);
    CU_add_test(s, "[2] mark: black exactly the reachable objects of random graphs", test_mark);
    CU_add_test(s, "[2] mark a chain of a million objects on a 64 KiB stack", test_chain);
    CU_add_test(s, "[1] sweep: free the white, whiten the black, cycle after cycle", test_sweep);
}
