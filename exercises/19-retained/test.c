// Exercise 19-retained: graded tests.  Each test's name starts with its points.
#include "grade.h"
#include "retained.h"

#define M(x) ((uint64_t)(x) << 20)

static void
test_gcPercent(void)
{
    CU_ASSERT_EQUAL(ex_gcPercentGoal(M(100), M(200), 0, M(500)), ex_none);           // no last goal
    CU_ASSERT_EQUAL(ex_gcPercentGoal(M(100), M(200), M(200), M(500)), M(110));       // steady: 110 %
    CU_ASSERT_EQUAL(ex_gcPercentGoal(M(100), M(100), M(200), M(500)), M(55));        // the goal halved
    CU_ASSERT_EQUAL(ex_gcPercentGoal(M(100), M(200), M(200), M(110)), ex_none);      // at the goal
    CU_ASSERT_EQUAL(ex_gcPercentGoal(M(100), M(200), M(200), M(110) + 4095), ex_none); // within a page
    CU_ASSERT_EQUAL(ex_gcPercentGoal(M(100), M(200), M(200), M(110) + 4096), M(110));
    CU_ASSERT_EQUAL(ex_gcPercentGoal(1000, 3, 3, M(1)), 4096);                        // rounded up to a page
}

static void
test_limit(void)
{
    CU_ASSERT_EQUAL(ex_memoryLimitGoal119(M(100), M(200)), ex_none); // 95 times the limit: never reached
    CU_ASSERT_EQUAL(ex_memoryLimitGoal119(M(1), M(96)), M(95));      // unless the limit is tiny
    CU_ASSERT_EQUAL(ex_memoryLimitGoalMeant(M(100), M(200)), M(95));
    CU_ASSERT_EQUAL(ex_memoryLimitGoalMeant(M(100), M(95)), ex_none);
    CU_ASSERT_EQUAL(ex_memoryLimitGoalMeant(M(100), M(96)), M(95));
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("19-retained", NULL, NULL);
    CU_add_test(s, "[6] the GOGC goal for retained memory", test_gcPercent);
    CU_add_test(s, "[4] the memory limit's goal, as 1.19.8 has it and as meant", test_limit);
}
