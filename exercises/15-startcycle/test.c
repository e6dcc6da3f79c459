// Exercise 15-startcycle: graded tests.  Each test's name starts with its points.
#include <math.h>
#include "grade.h"
#include "startcycle.h"

enum { us = 1000, ms = 1000 * 1000 };

static void
test_table(void)
{
    // Worked out by hand from the rule: round procs/4 to the nearest whole
    // worker; more than 30% off (procs 1, 2, 3, 6) means one worker fewer if
    // the rounding went up, and a fractional worker for the remainder.
    static const struct {
        int32_t procs;
        int64_t dedicated;
        double fractional;
        int32_t idle;
    } want[] = {
        {1, 0, 0.25, 1},       // 0.25: rounds to 0, 100% off; the fractional worker takes a quarter of the one P
        {2, 0, 0.25, 2},       // 0.5: rounds to 1, 100% off and up: 0, and a quarter of each P
        {3, 0, 0.25, 3},       // 0.75: rounds to 1, 33% off and up: 0
        {4, 1, 0, 3},          // exact
        {5, 1, 0, 4},          // 1.25: rounds to 1, 20% off: kept
        {6, 1, 0.5 / 6, 5},    // 1.5: rounds to 2, 33% off and up: 1, and half a P spread over 6
        {7, 2, 0, 5},          // 1.75: rounds to 2, 14% off
        {8, 2, 0, 6},
        {9, 2, 0, 7},          // 2.25: 11% off
        {10, 3, 0, 7},         // 2.5: rounds up to 3, 20% off
        {14, 4, 0, 10},        // 3.5: rounds up to 4, 14% off
        {16, 4, 0, 12},
        {64, 16, 0, 48},
    };
    int bad = 0;
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        ex_workerCounts c = ex_startCycle(want[i].procs, 0);
        bad += c.dedicatedMarkWorkersNeeded != want[i].dedicated;
        bad += fabs(c.fractionalUtilizationGoal - want[i].fractional) > 1e-12;
        bad += c.maxIdleMarkWorkers != want[i].idle;
    }
    CU_ASSERT_EQUAL(bad, 0);
}

static void
test_invariants(void)
{
    int bad = 0, withFractional = 0;
    for (int32_t procs = 1; procs <= 256; procs++) {
        ex_workerCounts c = ex_startCycle(procs, 0);
        int64_t d = c.dedicatedMarkWorkersNeeded;
        double f = c.fractionalUtilizationGoal, goal = procs * 0.25;
        bad += d < 0 || d > procs;
        bad += c.maxIdleMarkWorkers != procs - d;
        bad += f < 0 || f * procs >= 1; // less than one P's worth
        if (f > 0) {
            withFractional++;
            bad += procs != 1 && procs != 2 && procs != 3 && procs != 6;
            bad += fabs((double)d + f * procs - goal) > 1e-9; // exactly a quarter, in all
            bad += (double)d > goal;
        } else {
            bad += d != (int64_t)(goal + 0.5);       // rounded to the nearest
            bad += fabs((double)d / goal - 1) > 0.3; // and close enough
        }
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(withFractional, 4);
}

static void
test_stopped(void)
{
    int bad = 0;
    for (int32_t stw = 1; stw <= 2; stw++)
        for (int32_t procs = 1; procs <= 64; procs++) {
            ex_workerCounts c = ex_startCycle(procs, stw);
            bad += c.dedicatedMarkWorkersNeeded != procs || c.fractionalUtilizationGoal != 0;
            bad += c.maxIdleMarkWorkers != 0;
        }
    CU_ASSERT_EQUAL(bad, 0);
}

static void
test_exit(void)
{
    // Two P's, a goal of 0.25 each: a share of half a CPU; it stops above 0.6.
    CU_ASSERT(ex_fractionalWorkerExit(1000, 1000, 0, 0.25, 2));  // no time has passed
    CU_ASSERT(ex_fractionalWorkerExit(1000, 999, 0, 0.25, 2));   // nor less than none
    CU_ASSERT_FALSE(ex_fractionalWorkerExit(0, 10 * ms, 0, 0.25, 2));
    CU_ASSERT_FALSE(ex_fractionalWorkerExit(0, 10 * ms, 5 * ms, 0.25, 2));
    CU_ASSERT_FALSE(ex_fractionalWorkerExit(0, 10 * ms, 5900 * us, 0.25, 2));
    CU_ASSERT(ex_fractionalWorkerExit(0, 10 * ms, 6100 * us, 0.25, 2));
    CU_ASSERT(ex_fractionalWorkerExit(0, 10 * ms, 7 * ms, 0.25, 2));
    // The mark started at 5 ms: 10 ms have passed at 15 ms.
    CU_ASSERT_FALSE(ex_fractionalWorkerExit(5 * ms, 15 * ms, 5900 * us, 0.25, 2));
    CU_ASSERT(ex_fractionalWorkerExit(5 * ms, 15 * ms, 6100 * us, 0.25, 2));
    // One P: a quarter of it, stopping above 0.3.
    CU_ASSERT_FALSE(ex_fractionalWorkerExit(0, 10 * ms, 2900 * us, 0.25, 1));
    CU_ASSERT(ex_fractionalWorkerExit(0, 10 * ms, 3100 * us, 0.25, 1));
    // Six P's, a goal of 1/12 each: half a CPU again.
    CU_ASSERT_FALSE(ex_fractionalWorkerExit(0, 10 * ms, 5900 * us, 0.5 / 6, 6));
    CU_ASSERT(ex_fractionalWorkerExit(0, 10 * ms, 6100 * us, 0.5 / 6, 6));
    // Large clocks: one second into a mark that began at 10^18 ns.
    int64_t t0 = 1000000000000000000;
    CU_ASSERT(ex_fractionalWorkerExit(t0, t0 + 1000 * ms, 700 * ms, 0.25, 2));
    CU_ASSERT_FALSE(ex_fractionalWorkerExit(t0, t0 + 1000 * ms, 500 * ms, 0.25, 2));
}

static int
near(int64_t got, int64_t want)
{
    return got >= want - 1 && got <= want + 1;
}

static void
test_sleep(void)
{
    // Ahead of its share of half a CPU: 7 ms of marking is its share of 14 ms.
    CU_ASSERT(near(ex_fractionalSleep(0, 10 * ms, 7 * ms, 0.25, 2), 4 * ms));
    CU_ASSERT(near(ex_fractionalSleep(5 * ms, 15 * ms, 7 * ms, 0.25, 2), 4 * ms));
    CU_ASSERT(near(ex_fractionalSleep(0, 10 * ms, 3 * ms, 0.25, 1), 2 * ms));    // 3 ms is a quarter of 12 ms
    CU_ASSERT(near(ex_fractionalSleep(0, 10 * ms, 7500 * us, 0.5 / 6, 6), 5 * ms));
    CU_ASSERT(near(ex_fractionalSleep(0, 10 * ms, 5300 * us, 0.25, 2), 600 * us));
    // Clamped: at least 100 us, at most 10 ms.
    CU_ASSERT_EQUAL(ex_fractionalSleep(0, 10 * ms, 5020 * us, 0.25, 2), 100 * us); // 40 us
    CU_ASSERT_EQUAL(ex_fractionalSleep(0, 10 * ms, 1 * ms, 0.25, 2), 100 * us);    // behind: -8 ms
    CU_ASSERT_EQUAL(ex_fractionalSleep(0, 10 * ms, 20 * ms, 0.25, 2), 10 * ms);    // 30 ms
    CU_ASSERT(near(ex_fractionalSleep(0, 10 * ms, 10 * ms, 0.25, 2), 10 * ms));    // exactly 10 ms
    CU_ASSERT_EQUAL(ex_fractionalSleep(0, 10 * ms, 5 * ms, 0.25, 2), 100 * us);    // on time: 0
    CU_ASSERT_EQUAL(ex_fractionalSleep(0, 10 * ms, 5 * ms, 0, 2), 10 * ms);        // no share
    CU_ASSERT_EQUAL(ex_fractionalSleep(0, 0, 1 * ms, 0.25, 2), 2 * ms);            // at the very start
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("15-startcycle", NULL, NULL);
    CU_add_test(s, "[3] startCycle: GOMAXPROCS 1 to 10, 14, 16, 64, worked out by hand", test_table);
    CU_add_test(s, "[2] startCycle: GOMAXPROCS 1 to 256, a quarter in all, fractional only for 1, 2, 3, 6", test_invariants);
    CU_add_test(s, "[1] startCycle with gcstoptheworld: every P dedicated", test_stopped);
    CU_add_test(s, "[2] pollFractionalWorkerExit: more than 1.2 times the share", test_exit);
    CU_add_test(s, "[2] the fractional worker's sleep: until its share catches up, clamped", test_sleep);
}
