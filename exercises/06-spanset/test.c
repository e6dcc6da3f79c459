// Exercise 06-spanset: graded tests.  Each test's name starts with its points.
#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#include "grade.h"
#include "spanset.h"

// The block pool: fresh zero blocks, counted; freed blocks are recorded.
// ex_blockFree runs in the poppers' threads, and CUnit's assertions are not
// thread-safe, so it only counts what is wrong with a block; every test
// that frees blocks asserts the counts in its own thread (blocksFreedWell).
static uint32_t nalloc, nfree;
static uint32_t freedUnpopped; // blocks freed with a slot not popped
static uint32_t freedMiscounted; // blocks freed with popped != ex_blockEntries
static ex_block *lastFreed;

ex_block *
ex_blockAlloc(void)
{
    __atomic_add_fetch(&nalloc, 1, __ATOMIC_SEQ_CST);
    return calloc(1, sizeof(ex_block));
}

void
ex_blockFree(ex_block *block)
{
    for (int i = 0; i < ex_blockEntries; i++)
        if (__atomic_load_n(&block->spans[i], __ATOMIC_SEQ_CST) != NULL) {
            __atomic_add_fetch(&freedUnpopped, 1, __ATOMIC_SEQ_CST);
            break;
        }
    if (__atomic_load_n(&block->popped, __ATOMIC_SEQ_CST) != ex_blockEntries)
        __atomic_add_fetch(&freedMiscounted, 1, __ATOMIC_SEQ_CST);
    __atomic_add_fetch(&nfree, 1, __ATOMIC_SEQ_CST);
    __atomic_store_n(&lastFreed, block, __ATOMIC_SEQ_CST);
}

// Called by the tests, in the test's thread, once no other thread runs.
static void
blocksFreedWell(void)
{
    CU_ASSERT_EQUAL(__atomic_load_n(&freedUnpopped, __ATOMIC_SEQ_CST), 0);
    CU_ASSERT_EQUAL(__atomic_load_n(&freedMiscounted, __ATOMIC_SEQ_CST), 0);
}

static void
test_parity(void)
{
    CU_ASSERT_EQUAL(ex_sweptIndex(0), 0);
    CU_ASSERT_EQUAL(ex_unsweptIndex(0), 1);
    CU_ASSERT_EQUAL(ex_sweptIndex(2), 1);
    CU_ASSERT_EQUAL(ex_unsweptIndex(2), 0);
    CU_ASSERT_EQUAL(ex_sweptIndex(4), 0);
    CU_ASSERT_EQUAL(ex_sweptIndex(0xfffffffe), 1);
    // Each cycle, the swept set becomes the unswept one without a move.
    for (uint32_t sg = 0; sg < 100; sg += 2)
        CU_ASSERT_EQUAL(ex_unsweptIndex(sg + 2), ex_sweptIndex(sg));
}

static void
test_sweepState(void)
{
    CU_ASSERT_EQUAL(ex_sweepState(8, 10), ex_needsSweep);
    CU_ASSERT_EQUAL(ex_sweepState(9, 10), ex_beingSwept);
    CU_ASSERT_EQUAL(ex_sweepState(10, 10), ex_swept);
    CU_ASSERT_EQUAL(ex_sweepState(11, 10), ex_cachedUnswept);
    CU_ASSERT_EQUAL(ex_sweepState(13, 10), ex_cachedSwept);
    CU_ASSERT_EQUAL(ex_sweepState(12, 10), ex_badSweepgen);
    CU_ASSERT_EQUAL(ex_sweepState(7, 10), ex_badSweepgen);
    CU_ASSERT_EQUAL(ex_sweepState(0, 10), ex_badSweepgen);
    // The generations wrap around.
    CU_ASSERT_EQUAL(ex_sweepState(0xfffffffe, 0), ex_needsSweep);
    CU_ASSERT_EQUAL(ex_sweepState(0xffffffff, 0), ex_beingSwept);
    CU_ASSERT_EQUAL(ex_sweepState(1, 0), ex_cachedUnswept);
    CU_ASSERT_EQUAL(ex_sweepState(1, 0xfffffffe), ex_cachedSwept);
}

#define SPAN(i) ((void *)(uintptr_t)(0x1000 + 8 * (i)))

static void
test_fifo(void)
{
    static ex_spanSet b;
    for (int i = 0; i < 100; i++)
        ex_spanSet_push(&b, SPAN(i));
    CU_ASSERT_EQUAL(b.index, (uint64_t)0 << 32 | 100);
    for (int i = 0; i < 100; i++)
        CU_ASSERT_PTR_EQUAL(ex_spanSet_pop(&b), SPAN(i));
    CU_ASSERT_PTR_NULL(ex_spanSet_pop(&b));
    CU_ASSERT_EQUAL(b.index, (uint64_t)100 << 32 | 100);
    ex_spanSet_push(&b, SPAN(7));
    CU_ASSERT_PTR_EQUAL(ex_spanSet_pop(&b), SPAN(7));
    CU_ASSERT_PTR_NULL(ex_spanSet_pop(&b));
    blocksFreedWell();
}

static void
test_blocks(void)
{
    static ex_spanSet b;
    ex_spanSet_push(&b, SPAN(0));
    CU_ASSERT_EQUAL(nalloc, 1);
    CU_ASSERT_EQUAL(b.spineLen, 1);
    for (int i = 1; i < ex_blockEntries; i++)
        ex_spanSet_push(&b, SPAN(i));
    CU_ASSERT_EQUAL(nalloc, 1);
    ex_spanSet_push(&b, SPAN(64));
    CU_ASSERT_EQUAL(nalloc, 2);
    CU_ASSERT_EQUAL(b.spineLen, 2);
    ex_block *first = b.spine[0];
    CU_ASSERT_PTR_NOT_NULL_FATAL(first);
    CU_ASSERT_PTR_EQUAL(first->spans[5], SPAN(5));
    for (int i = 0; i < ex_blockEntries - 1; i++)
        ex_spanSet_pop(&b);
    CU_ASSERT_EQUAL(nfree, 0);
    CU_ASSERT_PTR_NULL(first->spans[5]); // a popped slot is cleared
    CU_ASSERT_EQUAL(first->popped, ex_blockEntries - 1);
    CU_ASSERT_PTR_EQUAL(ex_spanSet_pop(&b), SPAN(63));
    CU_ASSERT_EQUAL(nfree, 1); // the last pop of a block frees it
    CU_ASSERT_PTR_EQUAL(lastFreed, first);
    CU_ASSERT_PTR_NULL(b.spine[0]);
    CU_ASSERT_PTR_EQUAL(ex_spanSet_pop(&b), SPAN(64));
    CU_ASSERT_EQUAL(nfree, 1);
    blocksFreedWell();
}

enum { nproducers = 4, nconsumers = 4, perProducer = 1000, total = nproducers * perProducer };
static ex_spanSet shared;
static uint32_t received, seen[total];
static struct timespec deadline;

static int
late(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec > deadline.tv_sec || (now.tv_sec == deadline.tv_sec && now.tv_nsec > deadline.tv_nsec);
}

static void *
producer(void *arg)
{
    uintptr_t first = (uintptr_t)arg * perProducer;
    for (uintptr_t i = first; i < first + perProducer; i++)
        ex_spanSet_push(&shared, SPAN(i));
    return NULL;
}

static void *
consumer(void *arg)
{
    (void)arg;
    while (__atomic_load_n(&received, __ATOMIC_SEQ_CST) < total && !late()) {
        void *s = ex_spanSet_pop(&shared);
        if (s == NULL)
            continue;
        uintptr_t i = ((uintptr_t)s - 0x1000) / 8;
        if (i < total)
            __atomic_add_fetch(&seen[i], 1, __ATOMIC_SEQ_CST);
        __atomic_add_fetch(&received, 1, __ATOMIC_SEQ_CST);
    }
    return NULL;
}

static void
test_threads(void)
{
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += 2;
    pthread_t t[nproducers + nconsumers];
    for (int i = 0; i < nconsumers; i++)
        CU_ASSERT_FATAL(pthread_create(&t[i], NULL, consumer, NULL) == 0);
    for (int i = 0; i < nproducers; i++)
        CU_ASSERT_FATAL(pthread_create(&t[nconsumers + i], NULL, producer, (void *)(uintptr_t)i) == 0);
    for (int i = 0; i < nproducers + nconsumers; i++)
        pthread_join(t[i], NULL);
    CU_ASSERT_EQUAL(received, total);
    int once = 1;
    for (int i = 0; i < total; i++)
        once &= seen[i] == 1;
    CU_ASSERT(once); // every span popped exactly once
    CU_ASSERT_PTR_NULL(ex_spanSet_pop(&shared));
    CU_ASSERT_EQUAL(nalloc, (total + ex_blockEntries - 1) / ex_blockEntries);
    CU_ASSERT_EQUAL(nfree, total / ex_blockEntries);
    blocksFreedWell();
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("06-spanset", NULL, NULL);
    CU_add_test(s, "[1] the swept set flips with sweepgen/2", test_parity);
    CU_add_test(s, "[2] what a span's sweepgen says", test_sweepState);
    CU_add_test(s, "[2] push and pop, first in first out", test_fifo);
    CU_add_test(s, "[2] blocks are added on demand and freed when empty", test_blocks);
    CU_add_test(s, "[3] four pushers and four poppers at once", test_threads);
}
