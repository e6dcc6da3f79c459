// Exercise 13-sweepgen: graded tests.  Each test's name starts with its points.
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <time.h>
#include "grade.h"
#include "sweepgen.h"

static void
test_spanState(void)
{
    static const uint32_t gens[] = {0, 2, 4, 100, 0xfffffffcu, 0xfffffffeu};
    for (size_t k = 0; k < sizeof gens / sizeof gens[0]; k++) {
        uint32_t g = gens[k];
        CU_ASSERT_EQUAL(ex_spanState(g - 2, g), ex_needsSweeping);
        CU_ASSERT_EQUAL(ex_spanState(g - 1, g), ex_beingSwept);
        CU_ASSERT_EQUAL(ex_spanState(g, g), ex_swept);
        CU_ASSERT_EQUAL(ex_spanState(g + 1, g), ex_cachedStale);
        CU_ASSERT_EQUAL(ex_spanState(g + 3, g), ex_cachedSwept);
        CU_ASSERT_EQUAL(ex_spanState(g + 2, g), ex_badSweepgen);
        CU_ASSERT_EQUAL(ex_spanState(g + 4, g), ex_badSweepgen);
        CU_ASSERT_EQUAL(ex_spanState(g - 3, g), ex_badSweepgen);
        CU_ASSERT_EQUAL(ex_spanState(g - 4, g), ex_badSweepgen);
        CU_ASSERT_EQUAL(ex_spanState(g + 0x80000000u, g), ex_badSweepgen);
    }
    // Across the wrap: the heap at 0, a span left from two cycles ago.
    CU_ASSERT_EQUAL(ex_spanState(0xfffffffeu, 0), ex_needsSweeping);
    CU_ASSERT_EQUAL(ex_spanState(0xffffffffu, 0), ex_beingSwept);
    CU_ASSERT_EQUAL(ex_spanState(1, 0xfffffffeu), ex_cachedSwept);
    CU_ASSERT_EQUAL(ex_spanState(0xffffffffu, 0xfffffffeu), ex_cachedStale);
}

static void
test_tryAcquire(void)
{
    static const uint32_t gens[] = {10, 0, 2, 0xfffffffeu};
    for (size_t k = 0; k < sizeof gens / sizeof gens[0]; k++) {
        uint32_t g = gens[k];
        ex_sweepLocker l = {g, true};
        uint32_t s = g - 2;
        CU_ASSERT(ex_tryAcquire(&l, &s));
        CU_ASSERT_EQUAL(s, g - 1);
        CU_ASSERT_FALSE(ex_tryAcquire(&l, &s)); // claimed already
        CU_ASSERT_EQUAL(s, g - 1);
        static const int32_t others[] = {0, 1, 3, -3, 2, -4};
        for (int j = 0; j < 6; j++) {
            s = g + (uint32_t)others[j];
            CU_ASSERT_FALSE(ex_tryAcquire(&l, &s)); // swept, cached, or nonsense: not claimed
            CU_ASSERT_EQUAL(s, g + (uint32_t)others[j]);
        }
        ex_sweepLocker invalid = {g, false};
        s = g - 2;
        CU_ASSERT_FALSE(ex_tryAcquire(&invalid, &s));
        CU_ASSERT_EQUAL(s, g - 2);
    }
}

static void
test_beginEnd(void)
{
    ex_activeSweep a = {ex_sweepDrainedMask}; // before the first cycle: done
    CU_ASSERT(ex_isDone(&a));
    ex_sweepLocker l = ex_begin(&a, 6);
    CU_ASSERT_FALSE(l.valid);
    CU_ASSERT_EQUAL(l.sweepGen, 6);
    CU_ASSERT_EQUAL(a.state, ex_sweepDrainedMask);
    ex_reset(&a); // gcSweep
    CU_ASSERT_EQUAL(a.state, 0);
    CU_ASSERT_FALSE(ex_isDone(&a)); // nothing is drained yet
    ex_sweepLocker l1 = ex_begin(&a, 8), l2 = ex_begin(&a, 8);
    CU_ASSERT(l1.valid && l2.valid);
    CU_ASSERT_EQUAL(l1.sweepGen, 8);
    CU_ASSERT_EQUAL(a.state, 2);
    CU_ASSERT_EQUAL(ex_sweepers(&a), 2);
    CU_ASSERT(ex_markDrained(&a));
    CU_ASSERT_FALSE(ex_markDrained(&a)); // once
    CU_ASSERT_EQUAL(a.state, ex_sweepDrainedMask | 2);
    CU_ASSERT_EQUAL(ex_sweepers(&a), 2);
    CU_ASSERT_FALSE(ex_isDone(&a)); // drained, but two sweepers are at work
    ex_sweepLocker l3 = ex_begin(&a, 8);
    CU_ASSERT_FALSE(l3.valid); // nothing left to hand out
    CU_ASSERT_EQUAL(l3.sweepGen, 8);
    CU_ASSERT_EQUAL(a.state, ex_sweepDrainedMask | 2);
    CU_ASSERT(ex_end(&a, l1, 8));
    CU_ASSERT_EQUAL(a.state, ex_sweepDrainedMask | 1);
    CU_ASSERT_FALSE(ex_isDone(&a));
    CU_ASSERT(ex_end(&a, l2, 8));
    CU_ASSERT_EQUAL(a.state, ex_sweepDrainedMask);
    CU_ASSERT(ex_isDone(&a));
    CU_ASSERT_EQUAL(ex_sweepers(&a), 0);
    // Without the drain, sweepers come and go and the sweep is not done.
    ex_reset(&a);
    for (int i = 0; i < 5; i++) {
        ex_sweepLocker t = ex_begin(&a, 10);
        CU_ASSERT(t.valid);
        CU_ASSERT(ex_end(&a, t, 10));
    }
    CU_ASSERT_EQUAL(a.state, 0);
    CU_ASSERT_FALSE(ex_isDone(&a));
    CU_ASSERT(ex_markDrained(&a));
    CU_ASSERT(ex_isDone(&a)); // drained with nobody at work
}

static void
test_endMismatch(void)
{
    ex_activeSweep a;
    ex_reset(&a);
    ex_sweepLocker l = ex_begin(&a, 20);
    CU_ASSERT(l.valid);
    CU_ASSERT_FALSE(ex_end(&a, l, 22)); // the heap has moved on: another generation
    CU_ASSERT_EQUAL(a.state, 1);
    CU_ASSERT(ex_end(&a, l, 20));
    CU_ASSERT_EQUAL(a.state, 0);
    CU_ASSERT_FALSE(ex_end(&a, l, 20)); // no sweeper left: mismatched
    CU_ASSERT_EQUAL(a.state, 0);
    CU_ASSERT(ex_markDrained(&a));
    CU_ASSERT_FALSE(ex_end(&a, l, 20)); // drained, no sweeper: still mismatched
    CU_ASSERT_EQUAL(a.state, ex_sweepDrainedMask);
    CU_ASSERT(ex_isDone(&a));
}

// Threads sweep 20000 spans, cycle after cycle, as Go's sweepers do: register,
// claim a span, sweep it, unregister; the first to find nothing left marks
// the sweep drained.  Half of them walk the spans in order from a shared
// hint (sweepone), the others start anywhere (the reclaimer, lazy sweeping).
enum { nspans = 20000, nthreads = 6, ncycles = 12 };
static uint32_t spanGen[nspans], swept[nspans];
static uint32_t heapGen, nextHint;
static ex_activeSweep active;
static uint64_t errors, drains;

static void *
sweeper(void *arg)
{
    unsigned seed = (unsigned)(uintptr_t)arg * 2654435761u + 1;
    uint32_t g = __atomic_load_n(&heapGen, __ATOMIC_SEQ_CST);
    for (long rounds = 0;; rounds++) {
        if (rounds > 4 * nspans) { // the sweep never ends: begin never refuses
            __atomic_add_fetch(&errors, 1, __ATOMIC_SEQ_CST);
            break;
        }
        ex_sweepLocker sl = ex_begin(&active, g);
        if (!sl.valid)
            break;
        int claimed = -1;
        uint32_t start = (uintptr_t)arg % 2 ? __atomic_load_n(&nextHint, __ATOMIC_SEQ_CST) : (uint32_t)rand_r(&seed) % nspans;
        for (uint32_t k = 0; k < nspans && claimed < 0; k++) {
            uint32_t i = (start + k) % nspans;
            if (ex_tryAcquire(&sl, &spanGen[i]))
                claimed = (int)i;
        }
        if (claimed < 0) {
            if (ex_markDrained(&active))
                __atomic_add_fetch(&drains, 1, __ATOMIC_SEQ_CST);
        } else {
            // Sweeping: the span is ours, and the sweep cannot be done.
            if (ex_isDone(&active) || __atomic_load_n(&spanGen[claimed], __ATOMIC_SEQ_CST) != g - 1)
                __atomic_add_fetch(&errors, 1, __ATOMIC_SEQ_CST);
            __atomic_add_fetch(&swept[claimed], 1, __ATOMIC_SEQ_CST);
            __atomic_store_n(&spanGen[claimed], g, __ATOMIC_SEQ_CST);
            uint32_t hint = __atomic_load_n(&nextHint, __ATOMIC_SEQ_CST);
            while (hint < (uint32_t)claimed
                   && !__atomic_compare_exchange_n(&nextHint, &hint, (uint32_t)claimed, false, __ATOMIC_SEQ_CST,
                                                   __ATOMIC_SEQ_CST))
                ;
        }
        if (!ex_end(&active, sl, g))
            __atomic_add_fetch(&errors, 1, __ATOMIC_SEQ_CST);
    }
    return NULL;
}

static void
test_concurrent(void)
{
    uint32_t g = 0xfffffff2u; // the cycles cross the wrap of sweepgen
    for (int i = 0; i < nspans; i++)
        spanGen[i] = g; // swept in the last cycle
    int badSpans = 0, badState = 0;
    for (int cycle = 0; cycle < ncycles; cycle++) {
        g += 2; // gcSweep: every span needs sweeping at once
        __atomic_store_n(&heapGen, g, __ATOMIC_SEQ_CST);
        __atomic_store_n(&nextHint, 0, __ATOMIC_SEQ_CST);
        ex_reset(&active);
        for (int i = 0; i < nspans; i++)
            swept[i] = 0;
        drains = 0;
        pthread_t t[nthreads];
        for (int i = 0; i < nthreads; i++)
            pthread_create(&t[i], NULL, sweeper, (void *)(uintptr_t)i);
        for (int i = 0; i < nthreads; i++)
            pthread_join(t[i], NULL);
        for (int i = 0; i < nspans; i++)
            badSpans += swept[i] != 1 || spanGen[i] != g; // each swept exactly once
        badState += !ex_isDone(&active) || active.state != ex_sweepDrainedMask || drains != 1;
    }
    CU_ASSERT_EQUAL(badSpans, 0);
    CU_ASSERT_EQUAL(badState, 0);
    CU_ASSERT_EQUAL(errors, 0);
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("13-sweepgen", NULL, NULL);
    CU_add_test(s, "[2] the five cases of a span's sweepgen, across the wrap", test_spanState);
    CU_add_test(s, "[1] tryAcquire: from g-2 to g-1, once", test_tryAcquire);
    CU_add_test(s, "[2] begin, end, markDrained, isDone: the state word", test_beginEnd);
    CU_add_test(s, "[2] end refuses another generation, and an end without a begin", test_endMismatch);
    CU_add_test(s, "[3] six threads, twelve cycles: every span swept exactly once", test_concurrent);
}
