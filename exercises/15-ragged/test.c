// Exercise 15-ragged: graded tests.  Each test's name starts with its points.
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "grade.h"
#include "ragged.h"

// Every item's story, checked at each step: made private or local by
// ex_process (or by a test), put on the global queue, taken from it, handled.
enum { sNone, sPriv, sLocal, sGlobal, sTaken, sDone };
enum { maxItems = 1 << 15 };
static uint8_t state[maxItems];
static uint32_t nitems;    // the tree: items 1 to nitems-1, item k's children 2k and 2k+1
static uint64_t errors, handled, nputs;
static ex_P ps[ex_maxP];
static ex_work work;

static void
bad(void)
{
    __atomic_add_fetch(&errors, 1, __ATOMIC_SEQ_CST);
}

// Moves item from one of the states in from (a bit set) to state to.
static void
move(uint32_t item, unsigned from, uint8_t to)
{
    if (item == 0 || item >= maxItems) {
        bad();
        return;
    }
    uint8_t was = __atomic_exchange_n(&state[item], to, __ATOMIC_SEQ_CST);
    if ((from & (1u << was)) == 0)
        bad();
}

// The global queue: a stack under a mutex.
static pthread_mutex_t globalLock = PTHREAD_MUTEX_INITIALIZER;
static uint32_t global[maxItems + 64];
static uint32_t nglobal;

void
ex_globalPut(uint32_t item)
{
    move(item, 1u << sPriv | 1u << sLocal | 1u << sTaken, sGlobal);
    pthread_mutex_lock(&globalLock);
    if (nglobal < sizeof global / sizeof global[0])
        global[nglobal++] = item;
    else
        bad();
    nputs++;
    pthread_mutex_unlock(&globalLock);
}

static __thread int myP = -1; // the P of a worker thread

bool
ex_globalGet(uint32_t *item)
{
    if (myP >= 0 && pthread_mutex_trylock(&ps[myP].lock) != EBUSY) { // a worker takes work into its P
        pthread_mutex_unlock(&ps[myP].lock);
        bad();
    }
    pthread_mutex_lock(&globalLock);
    bool ok = nglobal > 0;
    if (ok) {
        *item = global[--nglobal];
        move(*item, 1u << sGlobal, sTaken);
    }
    pthread_mutex_unlock(&globalLock);
    return ok;
}

bool
ex_globalEmpty(void)
{
    pthread_mutex_lock(&globalLock);
    bool empty = nglobal == 0;
    pthread_mutex_unlock(&globalLock);
    return empty;
}

static uint32_t privEvery = 3;

static bool
toPriv(uint32_t c)
{
    return c % privEvery == 0; // one item in privEvery is made private, while there is room
}

void
ex_process(ex_P *pp, uint32_t item)
{
    if (pthread_mutex_trylock(&pp->lock) != EBUSY) { // the P's lock must be held
        pthread_mutex_unlock(&pp->lock);
        bad();
    }
    move(item, 1u << sLocal | 1u << sTaken, sDone); // never a private item, never one still on the queue
    __atomic_add_fetch(&handled, 1, __ATOMIC_SEQ_CST);
    for (uint32_t c = 2 * item; c <= 2 * item + 1 && c < nitems; c++) {
        if (toPriv(c) && pp->npriv < ex_privCap) {
            move(c, 1u << sNone, sPriv);
            pp->priv[pp->npriv++] = c;
        } else if (pp->nlocal < ex_localCap) {
            move(c, 1u << sNone, sLocal);
            pp->local[pp->nlocal++] = c;
        } else {
            bad();
        }
    }
}

static int terminations;
static uint64_t handledAtEnd, leftAtEnd;

void
ex_terminated(ex_work *w)
{
    __atomic_add_fetch(&terminations, 1, __ATOMIC_SEQ_CST);
    handledAtEnd = __atomic_load_n(&handled, __ATOMIC_SEQ_CST);
    uint64_t left = ex_globalEmpty() ? 0 : 1;
    for (uint32_t i = 0; i < w->nP; i++)
        left += __atomic_load_n(&w->allp[i].npriv, __ATOMIC_SEQ_CST) + __atomic_load_n(&w->allp[i].nlocal, __ATOMIC_SEQ_CST);
    leftAtEnd = left;
}

// A fresh mark on nP P's, with no item anywhere.
static void
reset(uint32_t nP, uint32_t items)
{
    memset(state, 0, sizeof state);
    nitems = items;
    errors = handled = nputs = 0;
    terminations = 0;
    handledAtEnd = leftAtEnd = 0;
    nglobal = 0;
    for (int i = 0; i < ex_maxP; i++) {
        ps[i].npriv = ps[i].nlocal = 0;
        ps[i].flushedWork = false;
        pthread_mutex_init(&ps[i].lock, NULL);
    }
    memset(&work, 0x5a, sizeof work); // ex_prepare must set what it owns
    work.nP = nP;
    work.allp = ps;
    pthread_mutex_init(&work.markDoneLock, NULL);
}

static void
putPriv(ex_P *pp, uint32_t item)
{
    move(item, 1u << sNone, sPriv);
    pp->priv[pp->npriv++] = item;
}

static void
putLocal(ex_P *pp, uint32_t item)
{
    move(item, 1u << sNone, sLocal);
    pp->local[pp->nlocal++] = item;
}

static bool
onGlobal(uint32_t item)
{
    for (uint32_t i = 0; i < nglobal; i++)
        if (global[i] == item)
            return true;
    return false;
}

static void
test_prepare(void)
{
    reset(2, 0);
    ex_prepare(&work);
    CU_ASSERT_EQUAL(work.nproc, 0xffffffffu); // no worker counted: both at the top
    CU_ASSERT_EQUAL(work.nwait, 0xffffffffu);
    CU_ASSERT_EQUAL(work.done, 0);
    CU_ASSERT_EQUAL(work.nP, 2);
}

static void
test_flush(void)
{
    reset(3, 100);
    ex_prepare(&work);
    putPriv(&ps[0], 11);
    putPriv(&ps[0], 12);
    putLocal(&ps[0], 13);
    ps[1].flushedWork = true; // P 1 published work since the last barrier
    CU_ASSERT(ex_forEachPFlush(&work));
    CU_ASSERT_EQUAL(nglobal, 3);
    CU_ASSERT(onGlobal(11) && onGlobal(12) && onGlobal(13));
    int dirty = 0;
    for (int i = 0; i < 3; i++)
        dirty += ps[i].npriv + ps[i].nlocal + ps[i].flushedWork;
    CU_ASSERT_EQUAL(dirty, 0);
    CU_ASSERT_FALSE(ex_forEachPFlush(&work)); // nothing since
    CU_ASSERT_EQUAL(nputs, 3);
    ps[2].flushedWork = true; // the flag alone is work flushed
    CU_ASSERT(ex_forEachPFlush(&work));
    CU_ASSERT_FALSE(ps[2].flushedWork);
    CU_ASSERT_EQUAL(nputs, 3);
    putLocal(&ps[1], 20); // items alone too
    CU_ASSERT(ex_forEachPFlush(&work));
    CU_ASSERT(nglobal == 4 && onGlobal(20));
    CU_ASSERT_FALSE(ps[1].flushedWork);
    CU_ASSERT_FALSE(ex_forEachPFlush(&work));
    CU_ASSERT_EQUAL(errors, 0);
}

static volatile int flushReturned;
static bool flushResult;

static void *
flusher(void *arg)
{
    (void)arg;
    flushResult = ex_forEachPFlush(&work);
    __atomic_store_n(&flushReturned, 1, __ATOMIC_SEQ_CST);
    return NULL;
}

static void
test_flushWaits(void)
{
    reset(3, 100);
    ex_prepare(&work);
    flushReturned = 0;
    pthread_mutex_lock(&ps[1].lock); // P 1's worker is handling an item: not at a safe point
    pthread_t t;
    CU_ASSERT_FATAL(pthread_create(&t, NULL, flusher, NULL) == 0);
    nanosleep(&(struct timespec){0, 100 * 1000 * 1000}, NULL);
    CU_ASSERT_EQUAL(__atomic_load_n(&flushReturned, __ATOMIC_SEQ_CST), 0); // the barrier waits for P 1
    putPriv(&ps[1], 30); // what the item made
    pthread_mutex_unlock(&ps[1].lock);
    pthread_join(t, NULL);
    CU_ASSERT(flushResult);
    CU_ASSERT(nglobal == 1 && onGlobal(30));
    CU_ASSERT_EQUAL(errors, 0);
}

static uint32_t
pop(void)
{
    uint32_t item = 0;
    ex_globalGet(&item);
    return item;
}

static void
test_markDone(void)
{
    reset(2, 100);
    ex_prepare(&work);
    putPriv(&ps[0], 40);
    work.nwait = work.nproc - 1; // a worker is at work: not over, nothing flushed
    CU_ASSERT_FALSE(ex_markDone(&work));
    CU_ASSERT_EQUAL(ps[0].npriv, 1);
    work.nwait = work.nproc;
    state[41] = sLocal;
    ex_globalPut(41); // work on the global queue: not over, nothing flushed
    CU_ASSERT_FALSE(ex_markDone(&work));
    CU_ASSERT_EQUAL(ps[0].npriv, 1);
    CU_ASSERT_EQUAL(pop(), 41);
    CU_ASSERT_FALSE(ex_markDone(&work)); // 40 is private: the barrier finds it
    CU_ASSERT_EQUAL(ps[0].npriv, 0);
    CU_ASSERT(nglobal == 1 && onGlobal(40));
    CU_ASSERT_FALSE(ps[0].flushedWork);
    CU_ASSERT_EQUAL(pop(), 40);
    ps[1].flushedWork = true; // P 1 published work since: someone may hold it
    CU_ASSERT_FALSE(ex_markDone(&work));
    CU_ASSERT_FALSE(ps[1].flushedWork);
    CU_ASSERT_EQUAL(terminations, 0);
    CU_ASSERT_EQUAL(work.done, 0);
    CU_ASSERT(ex_markDone(&work)); // nothing anywhere: over
    CU_ASSERT_EQUAL(work.done, 1);
    CU_ASSERT_EQUAL(terminations, 1);
    CU_ASSERT_FALSE(ex_markDone(&work)); // once
    CU_ASSERT_EQUAL(terminations, 1);
    CU_ASSERT_EQUAL(errors, 0);
}

// The workers mark a tree; the root is in the last P's private buffer, so
// that nothing is visible until the first barrier.
static uint32_t finished;

static void *
workerThread(void *arg)
{
    myP = (int)(uintptr_t)arg;
    ex_worker(&work, &ps[myP]);
    __atomic_add_fetch(&finished, 1, __ATOMIC_SEQ_CST);
    return NULL;
}

static double
now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

// One mark; returns the number of failed checks.
static int
run(uint32_t nP, uint32_t items, uint32_t every)
{
    reset(nP, items);
    privEvery = every;
    ex_prepare(&work);
    if (items > 1)
        putPriv(&ps[nP - 1], 1);
    finished = 0;
    pthread_t t[ex_maxP];
    for (uintptr_t i = 0; i < nP; i++)
        pthread_create(&t[i], NULL, workerThread, (void *)i);
    // Wait for the workers; if nothing moves for three seconds, stop them.
    double last = now();
    uint64_t seen = 0;
    int forced = 0;
    while (__atomic_load_n(&finished, __ATOMIC_SEQ_CST) < nP) {
        nanosleep(&(struct timespec){0, 1000 * 1000}, NULL);
        uint64_t h = __atomic_load_n(&handled, __ATOMIC_SEQ_CST);
        if (h != seen) {
            seen = h;
            last = now();
        } else if (now() > last + 3 && !forced) {
            forced = 1;
            __atomic_store_n(&work.done, 1, __ATOMIC_SEQ_CST);
        }
    }
    for (uint32_t i = 0; i < nP; i++)
        pthread_join(t[i], NULL);
    int failed = forced + (terminations != 1) + (errors != 0);
    uint64_t want = items > 1 ? items - 1 : 0;
    failed += handled != want || handledAtEnd != want || leftAtEnd != 0; // over only when all is done
    for (uint32_t i = 1; i < items; i++)
        failed += state[i] != sDone;
    failed += work.nwait != work.nproc || work.nproc != 0xffffffffu; // every worker counted back in
    return failed;
}

static void
test_fewWorkers(void)
{
    int failed = 0;
    failed += run(1, 1, 3) + run(2, 1, 3); // nothing to do at all
    for (int k = 0; k < 5; k++)
        failed += run(1, 5000, 3) + run(2, 20000, 3) + run(2, 3000, 1);
    CU_ASSERT_EQUAL(failed, 0);
}

static void
test_manyWorkers(void)
{
    int failed = 0;
    for (int k = 0; k < 10; k++) {
        failed += run(4, maxItems, 3) + run(8, maxItems, 3) + run(3, 1000 + 997 * (uint32_t)k, 3);
        failed += run(4, 5000, 1) + run(8, 5000, 1); // every item private while there is room: barrier after barrier
    }
    CU_ASSERT_EQUAL(failed, 0);
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("15-ragged", NULL, NULL);
    CU_add_test(s, "[1] prepare: nproc and nwait at the top", test_prepare);
    CU_add_test(s, "[2] forEachPFlush: every P's items to the global queue, and the flags", test_flush);
    CU_add_test(s, "[1] forEachPFlush waits for each P's safe point", test_flushWaits);
    CU_add_test(s, "[2] markDone: not while work is visible, not after a flush, then once", test_markDone);
    CU_add_test(s, "[2] one and two workers mark a tree, or nothing", test_fewWorkers);
    CU_add_test(s, "[2] three, four and eight workers, ten marks each: every item once, over once", test_manyWorkers);
}
