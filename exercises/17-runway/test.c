// Exercise 17-runway: graded tests.  Each test's name starts with its points.
#include "grade.h"
#include "runway.h"

#define M(x) ((uint64_t)(x) << 20)
#define LOWER(marked, goal) ((marked) + ((goal) - (marked)) / 64 * 45)
#define UPPER(marked, goal) ((marked) + ((goal) - (marked)) / 64 * 61)

static ex_pacer
base(void)
{
    return (ex_pacer){.consMark = 0, .heapMarked = M(100), .heapLive = M(150), .gcPercentHeapGoal = M(200),
                      .memoryLimitGoal = UINT64_MAX, .sweepDone = true, .triggered = UINT64_MAX};
}

static void
test_commit(void)
{
    ex_pacer p = base();
    p.consMark = 0.5;
    p.lastHeapScan = M(10), p.lastStackScan = M(1), p.globalsScan = M(1);
    CU_ASSERT_EQUAL(ex_runway(&p), M(18)); // 0.5 * 0.75 / 0.25 * 12 MiB
    p.consMark = 2;
    CU_ASSERT_EQUAL(ex_runway(&p), M(72));
    p.consMark = -0.25;
    CU_ASSERT_EQUAL(ex_runway(&p), 0);
    p.consMark = 0;
    CU_ASSERT_EQUAL(ex_runway(&p), 0);
    CU_ASSERT_EQUAL(ex_sweepDistMinTrigger(&p), 0);
    p.sweepDone = false;
    CU_ASSERT_EQUAL(ex_sweepDistMinTrigger(&p), M(151));
}

static void
check(const ex_pacer *p, uint64_t runway, uint64_t sweepDist, uint64_t wantGoal, uint64_t wantTrigger)
{
    uint64_t goal = 0, trigger = 0;
    ex_goalAndTrigger(p, runway, sweepDist, &goal, &trigger);
    CU_ASSERT_EQUAL(goal, wantGoal);
    CU_ASSERT_EQUAL(trigger, wantTrigger);
}

static void
test_bounds(void)
{
    ex_pacer p = base();
    check(&p, 0, 0, M(200), M(196));                             // no runway: the goal less the 4 MiB minimum
    check(&p, M(10), 0, M(200), M(190));                         // within the bounds: the goal less the runway
    check(&p, M(50), 0, M(200), LOWER(M(100), M(200)));          // too long: the lower bound
    check(&p, M(300), 0, M(200), LOWER(M(100), M(200)));         // longer than the goal
    p.heapMarked = M(2), p.gcPercentHeapGoal = M(4);             // a small heap: the upper bound is 61/64
    check(&p, 0, 0, M(4), UPPER(M(2), M(4)));
    p.heapMarked = M(5);                                         // marked past the goal
    check(&p, 0, 0, M(4), M(4));
}

static void
test_sweepAndMinRunway(void)
{
    ex_pacer p = base();
    check(&p, M(10), M(195), M(200), M(195)); // the sweeper's distance raises the trigger
    check(&p, M(10), M(201), M(201), M(201)); // and the goal with it
    p.triggered = M(200) - (32 << 10);        // in a mark triggered 32 KiB under the goal
    check(&p, M(10), 0, M(200) + (32 << 10), M(200) + (32 << 10) - M(10));
}

static void
test_limit(void)
{
    ex_pacer p = base();
    p.memoryLimitGoal = M(150);
    check(&p, 0, M(160), M(150), UPPER(M(100), M(150))); // the limit ignores the sweeper's distance
    p.triggered = M(149);
    check(&p, 0, 0, M(150), UPPER(M(100), M(150)));      // and the minimum runway
    check(&p, M(5), 0, M(150), M(145));
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("17-runway", NULL, NULL);
    CU_add_test(s, "[2] commit: the runway and the sweeper's distance", test_commit);
    CU_add_test(s, "[3] the trigger's bounds, and the runway between them", test_bounds);
    CU_add_test(s, "[3] the sweeper's distance and the minimum runway", test_sweepAndMinRunway);
    CU_add_test(s, "[2] under the memory limit, neither applies", test_limit);
}
