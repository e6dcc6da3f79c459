// Exercise 12-gcwork: graded tests.  Each test's name starts with its points.
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "grade.h"
#include "gcwork.h"

// The global lists: two stacks under a mutex.  Every call is counted, and
// every misuse (an empty buffer put on the full list, a buffer put on a
// list twice, ...) is counted too.  pushcnt says whether a buffer is on a list.
static pthread_mutex_t listLock = PTHREAD_MUTEX_INITIALIZER;
static ex_workbuf *fullList, *emptyList;
static ex_workbuf **allBufs;
static size_t nallBufs, capBufs;
static uint64_t nGetempty, nPutempty, nPutfull, nTrygetfull, misuse;
uint64_t ex_workBytesMarked;

static void
push(ex_workbuf **list, ex_workbuf *b)
{
    b->next = *list;
    b->pushcnt = 1;
    *list = b;
}

static ex_workbuf *
pop(ex_workbuf **list)
{
    ex_workbuf *b = *list;
    if (b != NULL) {
        *list = b->next;
        b->next = NULL;
        b->pushcnt = 0;
    }
    return b;
}

ex_workbuf *
ex_getempty(void)
{
    pthread_mutex_lock(&listLock);
    nGetempty++;
    ex_workbuf *b = pop(&emptyList);
    if (b == NULL) {
        b = calloc(1, sizeof *b);
        if (nallBufs == capBufs) {
            capBufs = capBufs ? 2 * capBufs : 64;
            allBufs = realloc(allBufs, capBufs * sizeof *allBufs);
        }
        allBufs[nallBufs++] = b;
    }
    pthread_mutex_unlock(&listLock);
    return b;
}

void
ex_putempty(ex_workbuf *b)
{
    pthread_mutex_lock(&listLock);
    nPutempty++;
    if (b == NULL || b->nobj != 0 || b->pushcnt != 0)
        misuse++;
    else
        push(&emptyList, b);
    pthread_mutex_unlock(&listLock);
}

void
ex_putfull(ex_workbuf *b)
{
    pthread_mutex_lock(&listLock);
    nPutfull++;
    if (b == NULL || b->nobj == 0 || b->nobj > ex_workbufObjs || b->pushcnt != 0)
        misuse++;
    else
        push(&fullList, b);
    pthread_mutex_unlock(&listLock);
}

ex_workbuf *
ex_trygetfull(void)
{
    pthread_mutex_lock(&listLock);
    nTrygetfull++;
    ex_workbuf *b = pop(&fullList);
    pthread_mutex_unlock(&listLock);
    return b;
}

static uint64_t
calls(void)
{
    pthread_mutex_lock(&listLock);
    uint64_t n = nGetempty + nPutempty + nPutfull + nTrygetfull;
    pthread_mutex_unlock(&listLock);
    return n;
}

static size_t
length(const ex_workbuf *list)
{
    size_t n = 0;
    for (; list != NULL; list = list->next)
        n++;
    return n;
}

static int
fullListEmpty(void)
{
    pthread_mutex_lock(&listLock);
    int empty = fullList == NULL;
    pthread_mutex_unlock(&listLock);
    return empty;
}

// Every buffer ever made is on a list or held by one of the gcWorks.
static int
accounted(const ex_gcWork *ws, int n)
{
    size_t held = 0;
    for (int i = 0; i < n; i++)
        held += (ws[i].wbuf1 != NULL) + (ws[i].wbuf2 != NULL);
    return length(fullList) + length(emptyList) + held == nallBufs;
}

static void
freeAll(void)
{
    for (size_t i = 0; i < nallBufs; i++)
        free(allBufs[i]);
    free(allBufs);
    allBufs = NULL;
    nallBufs = capBufs = 0;
    fullList = emptyList = NULL;
}

static void
test_fast(void)
{
    ex_gcWork w = {0};
    CU_ASSERT_FALSE(ex_putFast(&w, 1)); // no buffer yet: the slow path must make them
    CU_ASSERT_EQUAL(ex_tryGetFast(&w), 0);
    CU_ASSERT(ex_empty(&w));
    CU_ASSERT_EQUAL(calls(), 0);
    ex_put(&w, 1);
    CU_ASSERT_FATAL(w.wbuf1 != NULL && w.wbuf2 != NULL && w.wbuf1 != w.wbuf2);
    CU_ASSERT_EQUAL(w.wbuf1->nobj, 1);
    CU_ASSERT_EQUAL(nGetempty, 2);
    CU_ASSERT_EQUAL(nTrygetfull, 1);
    CU_ASSERT_FALSE(ex_empty(&w));
    for (uintptr_t i = 2; i <= ex_workbufObjs; i++)
        CU_ASSERT(ex_putFast(&w, i));
    CU_ASSERT_FALSE(ex_putFast(&w, 1000)); // the primary is full
    CU_ASSERT_EQUAL(w.wbuf1->nobj, ex_workbufObjs);
    CU_ASSERT_EQUAL(w.wbuf2->nobj, 0);
    int bad = 0;
    for (uintptr_t i = ex_workbufObjs; i >= 1; i--)
        bad += ex_tryGetFast(&w) != i; // last in, first out
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(ex_tryGetFast(&w), 0);
    CU_ASSERT(ex_empty(&w));
    CU_ASSERT_EQUAL(calls(), 3); // the fast paths never touch the lists
    freeAll();
}

static void
test_putGet(void)
{
    ex_gcWork w = {0};
    enum { n = 3 * ex_workbufObjs + 7 };
    for (uintptr_t i = 1; i <= n; i++)
        ex_put(&w, i);
    CU_ASSERT_EQUAL(nPutfull, 2); // two buffers went to the full list, two are held
    CU_ASSERT_EQUAL(length(fullList), 2);
    CU_ASSERT(accounted(&w, 1));
    int bad = 0;
    for (uintptr_t i = n; i >= 1; i--)
        bad += ex_tryGet(&w) != i; // the full list is a stack too: last in, first out throughout
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(ex_tryGet(&w), 0);
    CU_ASSERT_EQUAL(ex_tryGet(&w), 0);
    CU_ASSERT(ex_empty(&w));
    CU_ASSERT(accounted(&w, 1));
    CU_ASSERT_EQUAL(misuse, 0);
    // A gcWork that starts on a tryGet takes a full buffer for its secondary.
    ex_gcWork w2 = {0};
    ex_workbuf *b = ex_getempty();
    b->obj[0] = 77;
    b->obj[1] = 78;
    b->nobj = 2;
    ex_putfull(b);
    CU_ASSERT_EQUAL(ex_tryGet(&w2), 78);
    CU_ASSERT_EQUAL(ex_tryGet(&w2), 77);
    CU_ASSERT_EQUAL(ex_tryGet(&w2), 0);
    CU_ASSERT(accounted((ex_gcWork[]){w, w2}, 2));
    CU_ASSERT_EQUAL(misuse, 0);
    freeAll();
}

static void
test_hysteresis(void)
{
    ex_gcWork w = {0};
    uintptr_t next = 1;
    for (; next <= ex_workbufObjs; next++)
        ex_put(&w, next); // the primary is exactly full, the secondary empty
    uint64_t before = calls();
    int bad = 0;
    for (int k = 0; k < 1000; k++) { // across the boundary and back, a thousand times
        uintptr_t a = next++;
        ex_put(&w, a);             // the primary is full: swap
        bad += ex_tryGet(&w) != a; // the primary is empty now: swap back
        uintptr_t t = ex_tryGet(&w);
        bad += t != ex_workbufObjs;
        ex_put(&w, t);
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(calls(), before); // never the global lists
    // And the other way: the primary empty, the secondary full.
    ex_put(&w, next);
    CU_ASSERT_EQUAL(ex_tryGet(&w), next);
    next++;
    before = calls();
    for (int k = 0; k < 1000; k++) {
        uintptr_t t = ex_tryGet(&w); // swap
        bad += t != ex_workbufObjs;
        ex_put(&w, t);
        uintptr_t a = next++;
        ex_put(&w, a); // swap back
        bad += ex_tryGet(&w) != a;
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(calls(), before);
    for (uintptr_t i = ex_workbufObjs; i >= 1; i--)
        bad += ex_tryGet(&w) != i; // nothing lost, nothing reordered
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(ex_tryGet(&w), 0);
    CU_ASSERT_EQUAL(misuse, 0);
    freeAll();
}

static void
test_dispose(void)
{
    ex_gcWork w = {0};
    w.bytesMarked = 100;
    ex_dispose(&w); // never used: only the bytes are published
    CU_ASSERT_EQUAL(calls(), 0);
    CU_ASSERT_EQUAL(ex_workBytesMarked, 100);
    CU_ASSERT_EQUAL(w.bytesMarked, 0);
    CU_ASSERT_FALSE(w.flushedWork);
    for (uintptr_t i = 1; i <= 5; i++)
        ex_put(&w, i);
    w.bytesMarked = 40;
    ex_dispose(&w); // the primary with 5 objects to the full list, the empty secondary to the empty list
    CU_ASSERT(w.wbuf1 == NULL && w.wbuf2 == NULL);
    CU_ASSERT(w.flushedWork);
    CU_ASSERT_EQUAL(ex_workBytesMarked, 140);
    CU_ASSERT_EQUAL(length(fullList), 1);
    CU_ASSERT_EQUAL(length(emptyList), 1);
    if (fullList != NULL)
        CU_ASSERT(fullList->nobj == 5 && fullList->obj[4] == 5);
    CU_ASSERT(accounted(&w, 1));
    // Used and emptied: both buffers to the empty list, no work flushed.
    ex_gcWork e = {0};
    ex_put(&e, 9);
    CU_ASSERT_EQUAL(ex_tryGet(&e), 9); // its secondary is the buffer of 5 objects: drain it too
    while (ex_tryGet(&e) != 0)
        ;
    e.flushedWork = false;
    size_t empties = length(emptyList);
    ex_dispose(&e);
    CU_ASSERT_FALSE(e.flushedWork);
    CU_ASSERT_EQUAL(length(emptyList), empties + 2);
    CU_ASSERT_EQUAL(length(fullList), 0);
    // 300 objects disposed of by one gcWork are all found by another.
    ex_gcWork a = {0}, b = {0};
    for (uintptr_t i = 1; i <= 300; i++)
        ex_put(&a, i);
    ex_dispose(&a);
    uint8_t seen[301] = {0};
    int bad = 0;
    for (uintptr_t o; (o = ex_tryGet(&b)) != 0;)
        bad += o > 300 || seen[o]++;
    for (int i = 1; i <= 300; i++)
        bad += seen[i] != 1;
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT(accounted((ex_gcWork[]){w, e, a, b}, 4));
    CU_ASSERT_EQUAL(misuse, 0);
    freeAll();
}

static void
test_balance(void)
{
    ex_gcWork w = {0};
    ex_balance(&w); // no buffers: nothing to do
    CU_ASSERT_EQUAL(calls(), 0);
    // A secondary with work goes to the full list whole.
    for (uintptr_t i = 1; i <= ex_workbufObjs + 10; i++)
        ex_put(&w, i);
    ex_workbuf *full = w.wbuf2, *primary = w.wbuf1;
    CU_ASSERT_FATAL(full != NULL && full->nobj == ex_workbufObjs);
    ex_balance(&w);
    CU_ASSERT(w.flushedWork);
    CU_ASSERT_PTR_EQUAL(fullList, full);
    CU_ASSERT_PTR_EQUAL(w.wbuf1, primary);
    CU_ASSERT(w.wbuf2 != NULL && w.wbuf2 != full && w.wbuf2->nobj == 0);
    CU_ASSERT(accounted(&w, 1));
    freeAll();
    // An empty secondary and 11 objects: the bottom 6 go, the top 5 stay, in order.
    ex_gcWork h = {0};
    for (uintptr_t i = 1; i <= 11; i++)
        ex_put(&h, i);
    ex_workbuf *old = h.wbuf1;
    ex_balance(&h);
    CU_ASSERT(h.flushedWork);
    CU_ASSERT_PTR_EQUAL(fullList, old);
    CU_ASSERT(old->nobj == 6 && old->obj[0] == 1 && old->obj[5] == 6);
    CU_ASSERT(h.wbuf1 != old && h.wbuf1->nobj == 5);
    for (uintptr_t i = 11; i >= 7; i--)
        CU_ASSERT_EQUAL(ex_tryGetFast(&h), i);
    CU_ASSERT_EQUAL(ex_tryGetFast(&h), 0);
    CU_ASSERT(accounted(&h, 1));
    freeAll();
    // Four objects or fewer: kept.
    ex_gcWork f = {0};
    for (uintptr_t i = 1; i <= 4; i++)
        ex_put(&f, i);
    uint64_t before = calls();
    ex_balance(&f);
    CU_ASSERT_EQUAL(calls(), before);
    CU_ASSERT_FALSE(f.flushedWork);
    CU_ASSERT_EQUAL(f.wbuf1->nobj, 4);
    CU_ASSERT_EQUAL(misuse, 0);
    freeAll();
}

// Two threads mark a binary tree of n objects: object b has children 2b
// and 2b+1.  Each gets objects, "scans" them (puts their children), and
// balances when the full list is empty; thread 0 starts with the root.
enum { treeObjects = 200000 };
static uint8_t *treeSeen;
static uint64_t outstanding, duplicates, got[2];
static uint32_t giveUp;
static ex_gcWork tw[2];

static void *
marker(void *arg)
{
    int id = (int)(intptr_t)arg;
    ex_gcWork *w = &tw[id];
    while (__atomic_load_n(&outstanding, __ATOMIC_SEQ_CST) > 0 && !__atomic_load_n(&giveUp, __ATOMIC_SEQ_CST)) {
        if (fullListEmpty())
            ex_balance(w);
        uintptr_t b = ex_tryGetFast(w);
        if (b == 0)
            b = ex_tryGet(w);
        if (b == 0) {
            sched_yield();
            continue;
        }
        if (b >= treeObjects || __atomic_exchange_n(&treeSeen[b], 1, __ATOMIC_SEQ_CST) != 0)
            __atomic_add_fetch(&duplicates, 1, __ATOMIC_SEQ_CST);
        __atomic_add_fetch(&got[id], 1, __ATOMIC_RELAXED);
        w->bytesMarked += 8;
        for (uintptr_t c = 2 * b; c <= 2 * b + 1 && b < treeObjects && c < treeObjects; c++) {
            __atomic_add_fetch(&outstanding, 1, __ATOMIC_SEQ_CST);
            if (!ex_putFast(w, c))
                ex_put(w, c);
        }
        __atomic_sub_fetch(&outstanding, 1, __ATOMIC_SEQ_CST);
    }
    ex_dispose(w);
    return NULL;
}

static double
now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
test_twoThreads(void)
{
    treeSeen = calloc(treeObjects, 1);
    outstanding = 1;
    ex_put(&tw[0], 1);
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        CU_ASSERT_FATAL(pthread_create(&t[i], NULL, marker, (void *)(intptr_t)i) == 0);
    // Wait until all is marked, or nothing has moved for two seconds.
    double last = now();
    uint64_t seen = 0;
    while (__atomic_load_n(&outstanding, __ATOMIC_SEQ_CST) > 0 && now() < last + 2) {
        struct timespec ts = {0, 1000000};
        nanosleep(&ts, NULL);
        uint64_t n = __atomic_load_n(&got[0], __ATOMIC_RELAXED) + __atomic_load_n(&got[1], __ATOMIC_RELAXED);
        if (n != seen) {
            seen = n;
            last = now();
        }
    }
    __atomic_store_n(&giveUp, 1, __ATOMIC_SEQ_CST); // objects lost: stop the threads
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    CU_ASSERT_EQUAL(outstanding, 0);
    CU_ASSERT_EQUAL(duplicates, 0);
    int missing = 0;
    for (uintptr_t i = 1; i < treeObjects; i++)
        missing += treeSeen[i] != 1;
    CU_ASSERT_EQUAL(missing, 0);
    CU_ASSERT_EQUAL(got[0] + got[1], treeObjects - 1);
    CU_ASSERT_EQUAL(ex_workBytesMarked, 8 * (uint64_t)(treeObjects - 1));
    CU_ASSERT(nPutfull > 0); // work went through the full list
    CU_ASSERT(tw[0].wbuf1 == NULL && tw[1].wbuf1 == NULL);
    CU_ASSERT_EQUAL(length(fullList), 0);
    CU_ASSERT(accounted(tw, 2));
    CU_ASSERT_EQUAL(misuse, 0);
    free(treeSeen);
    freeAll();
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("12-gcwork", NULL, NULL);
    CU_add_test(s, "[1] putFast and tryGetFast: the primary buffer only", test_fast);
    CU_add_test(s, "[2] put and tryGet: swap, then the full list; last in, first out", test_putGet);
    CU_add_test(s, "[2] hysteresis: across a buffer boundary without the global lists", test_hysteresis);
    CU_add_test(s, "[2] dispose: full buffers to the full list, empty ones back, bytes published", test_dispose);
    CU_add_test(s, "[1] balance: the secondary, or half of the primary, to the full list", test_balance);
    CU_add_test(s, "[2] two threads mark a tree of 200000 objects: each exactly once", test_twoThreads);
}
