// Exercise 10-writebarrier: graded tests.  Each test's name starts with its points.
//
// The tests play the collector and the goroutines (the mutator) on the model
// of barrier.h, with the exercise's barriers on every store into a heap
// object or a global, and at the end of marking look for objects that are
// reachable but white: the sweep would free them while still in use.
#include <stdio.h>
#include <string.h>
#include "grade.h"
#include "barrier.h"

typedef void writeFn(ex_world *w, int g, int *slot, int ptr);

static void
noBarrierWrite(ex_world *w, int g, int *slot, int ptr)
{
    (void)w, (void)g;
    *slot = ptr;
}

void
ex_shade(ex_world *w, int obj)
{
    if (obj != ex_nil && w->color[obj] == ex_white) {
        w->color[obj] = ex_grey;
        w->grey[w->ngrey++] = obj;
    }
}

static void
initWorld(ex_world *w, int nobj)
{
    memset(w, 0, sizeof *w);
    memset(w->field, 0xff, sizeof w->field);
    memset(w->global, 0xff, sizeof w->global);
    memset(w->local, 0xff, sizeof w->local);
    w->nobj = nobj;
}

// ---- the collector
static void
scanGlobals(ex_world *w)
{
    w->globalsScanned = true;
    for (int i = 0; i < ex_nglobals; i++)
        ex_shade(w, w->global[i]);
}

static void
scanStack(ex_world *w, int g)
{
    w->stackScanned[g] = true;
    for (int i = 0; i < ex_nlocals; i++)
        ex_shade(w, w->local[g][i]);
}

// Scans grey object number k of the grey stack (not necessarily the top).
static void
scanGrey(ex_world *w, int k)
{
    int o = w->grey[k];
    w->grey[k] = w->grey[--w->ngrey];
    w->color[o] = ex_black;
    for (int f = 0; f < ex_nfields; f++)
        ex_shade(w, w->field[o][f]);
}

static void
scanObject(ex_world *w, int o)
{
    for (int k = 0; k < w->ngrey; k++)
        if (w->grey[k] == o) {
            scanGrey(w, k);
            return;
        }
    CU_FAIL("scanObject: not grey");
}

// Marks to the end: the roots not yet scanned, then the grey objects.  With
// rescan, then scans every stack again (Go 1.5 to 1.7, with the world
// stopped) and drains again.
static void
finish(ex_world *w, bool rescan)
{
    if (!w->globalsScanned)
        scanGlobals(w);
    for (int g = 0; g < ex_nstacks; g++)
        if (!w->stackScanned[g])
            scanStack(w, g);
    while (w->ngrey > 0)
        scanGrey(w, w->ngrey - 1);
    if (rescan) {
        for (int g = 0; g < ex_nstacks; g++)
            scanStack(w, g);
        while (w->ngrey > 0)
            scanGrey(w, w->ngrey - 1);
    }
}

// The number of objects reachable from the roots that are still white.
static int
lost(const ex_world *w)
{
    bool reach[ex_maxObjs] = {false};
    int work[ex_maxObjs], n = 0, nlost = 0;
    for (int i = 0; i < ex_nglobals + ex_nstacks * ex_nlocals; i++) {
        int o = i < ex_nglobals ? w->global[i] : w->local[(i - ex_nglobals) / ex_nlocals][(i - ex_nglobals) % ex_nlocals];
        if (o != ex_nil && !reach[o])
            reach[o] = true, work[n++] = o;
    }
    while (n > 0) {
        int o = work[--n];
        for (int f = 0; f < ex_nfields; f++) {
            int p = w->field[o][f];
            if (p != ex_nil && !reach[p])
                reach[p] = true, work[n++] = p;
        }
    }
    for (int o = 0; o < w->nobj; o++)
        nlost += reach[o] && w->color[o] == ex_white;
    return nlost;
}

// ---- the scenarios of chapter 10 (gcsim -list)
enum { A, B, C, D, E, F, G, H, I, J, K, L };
enum { l, r };          // fields
enum { a, b, c };       // stack slots
enum { M1, M2 };        // goroutines

static void
theHeap(ex_world *w)
{
    initWorld(w, 12);
    w->global[0] = A;
    w->field[A][l] = B;
    w->field[B][l] = C, w->field[B][r] = D;
    w->field[C][l] = E;
    w->field[D][l] = F, w->field[D][r] = G;
    w->field[H][l] = I;
    w->field[J][l] = K, w->field[K][l] = J;
    w->local[M1][a] = A;
    w->local[M2][a] = H;
    // The collector has scanned the globals, M1's stack and A.
    scanGlobals(w);
    scanStack(w, M1);
    scanObject(w, A);
}

// A black object gets the only pointer to a white one: M1 moves C from B.l to A.r.
static int
example(writeFn *write)
{
    ex_world w;
    theHeap(&w);
    w.local[M1][b] = w.field[A][l];             // b = A.l
    w.local[M1][c] = w.field[B][l];             // c = B.l
    write(&w, M1, &w.field[A][r], w.local[M1][c]); // A.r = c
    write(&w, M1, &w.field[B][l], ex_nil);      // B.l = nil
    w.local[M1][c] = ex_nil;                    // c = nil
    finish(&w, false);
    return lost(&w);
}

// A scanned stack keeps the only pointer to a white object: M1 loads C, then unlinks it.
static int
blackStack(writeFn *write)
{
    ex_world w;
    theHeap(&w);
    w.local[M1][b] = w.field[A][l];
    w.local[M1][c] = w.field[B][l];
    write(&w, M1, &w.field[B][l], ex_nil);
    finish(&w, false);
    return lost(&w);
}

// A stack not yet scanned hands its only pointer to a black object: M2 moves H into A.r.
static int
greyStack(writeFn *write)
{
    ex_world w;
    theHeap(&w);
    w.local[M2][b] = w.global[0];               // b = g1 (A)
    write(&w, M2, &w.field[A][r], w.local[M2][a]); // A.r = a (H)
    w.local[M2][a] = ex_nil;                    // a = nil
    finish(&w, false);
    return lost(&w);
}

// ---- random schedules
// anyOrder: roots and objects in any order, concurrently with the mutator (Go since 1.8);
// stacksAtStart: every stack scanned before the mutator runs, as with the world stopped
// (Yuasa's snapshot); rescanStacks: any order, then every stack scanned again, world
// stopped (Go 1.5 to 1.7).
typedef enum { anyOrder, stacksAtStart, rescanStacks } policy;

static uint32_t rng;

static int
rnd(int n)
{
    rng ^= rng << 13, rng ^= rng >> 17, rng ^= rng << 5;
    return (int)(rng % (uint32_t)n);
}

static int
randomPtr(const ex_world *w)
{
    return rnd(3) == 0 ? ex_nil : rnd(w->nobj);
}

// An object goroutine g can touch: one it holds in a local or a global points to.
static int
heldBy(const ex_world *w, int g)
{
    int held[ex_nlocals + ex_nglobals], n = 0;
    for (int i = 0; i < ex_nlocals; i++)
        if (w->local[g][i] != ex_nil)
            held[n++] = w->local[g][i];
    for (int i = 0; i < ex_nglobals; i++)
        if (w->global[i] != ex_nil)
            held[n++] = w->global[i];
    return n == 0 ? ex_nil : held[rnd(n)];
}

static void
mutatorStep(ex_world *w, writeFn *write)
{
    int g = rnd(ex_nstacks), i = rnd(ex_nlocals), o = heldBy(w, g);
    int v = rnd(4) == 0 ? ex_nil : w->local[g][rnd(ex_nlocals)];
    switch (rnd(6)) {
    case 0: // load a field
        if (o != ex_nil)
            w->local[g][i] = w->field[o][rnd(ex_nfields)];
        break;
    case 1: // load a global
        w->local[g][i] = w->global[rnd(ex_nglobals)];
        break;
    case 2: // store into a field: the barrier
        if (o != ex_nil)
            write(w, g, &w->field[o][rnd(ex_nfields)], v);
        break;
    case 3: // store into a global: the barrier
        write(w, g, &w->global[rnd(ex_nglobals)], v);
        break;
    case 4: // a stack slot: no barrier
        w->local[g][i] = v;
        break;
    case 5: // allocate: black while marking
        if (w->nobj < ex_maxObjs) {
            w->color[w->nobj] = ex_black;
            w->local[g][i] = w->nobj++;
        }
        break;
    }
}

// One collector step: scan a root or a grey object, chosen at random.
// Returns false when there is nothing left to scan.
static bool
collectorStep(ex_world *w)
{
    int choices[1 + ex_nstacks + ex_maxObjs], n = 0;
    if (!w->globalsScanned)
        choices[n++] = -1;
    for (int g = 0; g < ex_nstacks; g++)
        if (!w->stackScanned[g])
            choices[n++] = -2 - g;
    for (int k = 0; k < w->ngrey; k++)
        choices[n++] = k;
    if (n == 0)
        return false;
    int ch = choices[rnd(n)];
    if (ch == -1)
        scanGlobals(w);
    else if (ch < -1)
        scanStack(w, -2 - ch);
    else
        scanGrey(w, ch);
    return true;
}

static int
randomRun(writeFn *write, uint32_t seed, policy pol)
{
    ex_world w;
    rng = seed * 2654435761u + 1;
    initWorld(&w, 4 + rnd(9));
    for (int o = 0; o < w.nobj; o++)
        for (int f = 0; f < ex_nfields; f++)
            w.field[o][f] = randomPtr(&w);
    for (int i = 0; i < ex_nglobals; i++)
        w.global[i] = randomPtr(&w);
    for (int g = 0; g < ex_nstacks; g++)
        for (int i = 0; i < ex_nlocals; i++)
            w.local[g][i] = randomPtr(&w);
    if (pol == stacksAtStart)
        for (int g = 0; g < ex_nstacks; g++)
            scanStack(&w, g);
    for (int step = 0; step < 80; step++) {
        if (rnd(2) == 0)
            mutatorStep(&w, write);
        else if (!collectorStep(&w))
            break;
    }
    while (collectorStep(&w))
        ;
    finish(&w, pol == rescanStacks);
    return lost(&w);
}

enum { nruns = 20000 };

// How many of the random schedules lose an object.
static int
losing(writeFn *write, policy pol)
{
    int n = 0;
    for (uint32_t seed = 0; seed < nruns; seed++)
        n += randomRun(write, seed, pol) > 0;
    return n;
}

// ---- the tests
static void
test_dijkstra(void)
{
    ex_world w;
    initWorld(&w, 3);
    w.field[0][0] = 1;
    ex_dijkstraWrite(&w, M1, &w.field[0][0], 2); // shades the new pointer, 2
    CU_ASSERT_EQUAL(w.field[0][0], 2);
    CU_ASSERT_EQUAL(w.color[2], ex_grey);
    CU_ASSERT_EQUAL(w.color[1], ex_white);
    ex_dijkstraWrite(&w, M1, &w.global[1], ex_nil);
    CU_ASSERT_EQUAL(w.ngrey, 1);
    CU_ASSERT_EQUAL(example(ex_dijkstraWrite), 0);
    CU_ASSERT_EQUAL(blackStack(ex_dijkstraWrite), 2); // C and E: the stack must be rescanned
    CU_ASSERT_EQUAL(greyStack(ex_dijkstraWrite), 0);
}

static void
test_yuasa(void)
{
    ex_world w;
    initWorld(&w, 3);
    w.field[0][1] = 1;
    ex_yuasaWrite(&w, M2, &w.field[0][1], 2); // shades the old pointer, 1
    CU_ASSERT_EQUAL(w.field[0][1], 2);
    CU_ASSERT_EQUAL(w.color[1], ex_grey);
    CU_ASSERT_EQUAL(w.color[2], ex_white);
    ex_yuasaWrite(&w, M2, &w.global[0], 0);
    CU_ASSERT_EQUAL(w.global[0], 0);
    CU_ASSERT_EQUAL(w.ngrey, 1);
    CU_ASSERT_EQUAL(example(ex_yuasaWrite), 0);
    CU_ASSERT_EQUAL(blackStack(ex_yuasaWrite), 0);
    CU_ASSERT_EQUAL(greyStack(ex_yuasaWrite), 2); // H and I: stacks must be scanned first
}

static void
test_hybrid(void)
{
    ex_world w;
    initWorld(&w, 5);
    w.field[0][0] = 1;
    w.stackScanned[M1] = true; // M1's stack is black, M2's grey
    ex_hybridWrite(&w, M1, &w.field[0][0], 2);
    CU_ASSERT_EQUAL(w.field[0][0], 2);
    CU_ASSERT_EQUAL(w.color[1], ex_grey);  // the old pointer, always
    CU_ASSERT_EQUAL(w.color[2], ex_white); // not the new one: M1's stack is black
    ex_hybridWrite(&w, M2, &w.field[0][0], 3);
    CU_ASSERT_EQUAL(w.field[0][0], 3);
    CU_ASSERT_EQUAL(w.color[2], ex_grey);  // the old pointer
    CU_ASSERT_EQUAL(w.color[3], ex_grey);  // and the new one: M2's stack is grey
    ex_hybridWrite(&w, M2, &w.global[0], 4);
    CU_ASSERT_EQUAL(w.global[0], 4);
    CU_ASSERT_EQUAL(w.ngrey, 4);
    CU_ASSERT_EQUAL(example(ex_hybridWrite), 0);
    CU_ASSERT_EQUAL(blackStack(ex_hybridWrite), 0);
    CU_ASSERT_EQUAL(greyStack(ex_hybridWrite), 0);
}

static void
test_randomHybrid(void)
{
    int none = losing(noBarrierWrite, anyOrder), hybrid = losing(ex_hybridWrite, anyOrder);
    if (hybrid != 0)
        printf("\n  the hybrid barrier lost objects in %d of %d schedules", hybrid, nruns);
    CU_ASSERT(none > 0); // the tests can catch a lost object...
    CU_ASSERT_EQUAL(hybrid, 0); // ...and the hybrid barrier loses none
}

static void
test_randomRemedies(void)
{
    int dijkstra = losing(ex_dijkstraWrite, anyOrder), dijkstraRescan = losing(ex_dijkstraWrite, rescanStacks);
    int yuasa = losing(ex_yuasaWrite, anyOrder), yuasaAtStart = losing(ex_yuasaWrite, stacksAtStart);
    if (dijkstraRescan != 0 || yuasaAtStart != 0)
        printf("\n  lost objects: Dijkstra with a rescan in %d, Yuasa with stacks scanned first in %d of %d schedules",
               dijkstraRescan, yuasaAtStart, nruns);
    CU_ASSERT(dijkstra > 0);
    CU_ASSERT_EQUAL(dijkstraRescan, 0);
    CU_ASSERT(yuasa > 0);
    CU_ASSERT_EQUAL(yuasaAtStart, 0);
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("10-writebarrier", NULL, NULL);
    CU_add_test(s, "[2] Dijkstra: shade the new pointer; a black stack defeats it", test_dijkstra);
    CU_add_test(s, "[2] Yuasa: shade the old pointer; a grey stack defeats it", test_yuasa);
    CU_add_test(s, "[2] hybrid: the old pointer, and the new one while the stack is grey", test_hybrid);
    CU_add_test(s, "[2] 20000 random schedules: the hybrid barrier never loses an object", test_randomHybrid);
    CU_add_test(s, "[2] random schedules: Dijkstra needs a rescan at the end, Yuasa the stacks at the start", test_randomRemedies);
}
