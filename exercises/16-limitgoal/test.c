// Exercise 16-limitgoal: graded tests.  Each test's name starts with its points.
#include "grade.h"
#include "limitgoal.h"

#define MiB ((uint64_t)1 << 20)

static void
test_goal(void)
{
    // 100 MiB limit, 60 MiB mapped: 20 MiB objects, 30 MiB free pages, so 10 MiB
    // of other memory; the goal is 100 - 10 - 1 = 89 MiB.
    ex_memory m = {100 * MiB, 60 * MiB, 30 * MiB, 20 * MiB, 8 * MiB};
    CU_ASSERT_EQUAL(ex_memoryLimitHeapGoal(m), 89 * MiB);
    // No free pages: the same 10 MiB of other memory.
    m = (ex_memory){100 * MiB, 30 * MiB, 0, 20 * MiB, 8 * MiB};
    CU_ASSERT_EQUAL(ex_memoryLimitHeapGoal(m), 89 * MiB);
    // 110 MiB mapped, 10 over: 100 - (10 + 10) - 1 = 79 MiB.
    m = (ex_memory){100 * MiB, 110 * MiB, 0, 100 * MiB, 8 * MiB};
    CU_ASSERT_EQUAL(ex_memoryLimitHeapGoal(m), 79 * MiB);
    // A goal below the marked heap is raised to it.
    m = (ex_memory){100 * MiB, 110 * MiB, 0, 100 * MiB, 85 * MiB};
    CU_ASSERT_EQUAL(ex_memoryLimitHeapGoal(m), 85 * MiB);
}

static void
test_floors(void)
{
    // Other memory alone at the limit: the marked heap, whatever it is.
    ex_memory m = {50 * MiB, 60 * MiB, 0, 10 * MiB, 3 * MiB};
    CU_ASSERT_EQUAL(ex_memoryLimitHeapGoal(m), 3 * MiB);
    m = (ex_memory){50 * MiB, 50 * MiB, 0, 0, 0};
    CU_ASSERT_EQUAL(ex_memoryLimitHeapGoal(m), 0);
    // Less than twice the headroom left: the headroom itself.
    m = (ex_memory){10 * MiB, 8 * MiB + 4096, 0, 0, 0}; // 2 MiB - 4 KiB of room: 1 MiB
    CU_ASSERT_EQUAL(ex_memoryLimitHeapGoal(m), 1 * MiB);
    m = (ex_memory){10 * MiB, 8 * MiB, 0, 0, 0}; // exactly 2 MiB of room: 1 MiB
    CU_ASSERT_EQUAL(ex_memoryLimitHeapGoal(m), 1 * MiB);
    m = (ex_memory){10 * MiB, 7 * MiB, 0, 0, 0}; // 3 MiB: 2 MiB
    CU_ASSERT_EQUAL(ex_memoryLimitHeapGoal(m), 2 * MiB);
    // No limit at all: a goal near INT64_MAX, never a wrap-around.
    m = (ex_memory){INT64_MAX, 64 * MiB, 8 * MiB, 32 * MiB, 16 * MiB};
    CU_ASSERT_EQUAL(ex_memoryLimitHeapGoal(m), (uint64_t)INT64_MAX - 24 * MiB - MiB);
}

static void
test_trigger(void)
{
    uint64_t goal, trigger;
    // GOGC's goal is lower: it and its trigger stand.
    ex_memory m = {1024 * MiB, 60 * MiB, 0, 50 * MiB, 32 * MiB};
    ex_goalAndTrigger(m, 64 * MiB, 55 * MiB, false, &goal, &trigger);
    CU_ASSERT(goal == 64 * MiB && trigger == 55 * MiB);
    // The limit's goal is lower: 96 - 10 - 1 = 85 MiB, with 21 MiB marked the
    // trigger is 21 + 64 / 64 * 45 = 66 MiB.
    m = (ex_memory){96 * MiB, 60 * MiB, 0, 50 * MiB, 21 * MiB};
    ex_goalAndTrigger(m, 200 * MiB, 150 * MiB, false, &goal, &trigger);
    CU_ASSERT(goal == 85 * MiB && trigger == 66 * MiB);
    // The same with the world stopped to mark: the trigger is the goal.
    ex_goalAndTrigger(m, 200 * MiB, 150 * MiB, true, &goal, &trigger);
    CU_ASSERT(goal == 85 * MiB && trigger == 85 * MiB);
    // GOGC off (its goal the largest integer): the limit alone.
    ex_goalAndTrigger(m, UINT64_MAX, UINT64_MAX, false, &goal, &trigger);
    CU_ASSERT(goal == 85 * MiB && trigger == 66 * MiB);
    // A goal at the marked heap: collect at once.
    m = (ex_memory){50 * MiB, 60 * MiB, 0, 10 * MiB, 30 * MiB};
    ex_goalAndTrigger(m, UINT64_MAX, UINT64_MAX, false, &goal, &trigger);
    CU_ASSERT(goal == 30 * MiB && trigger == 30 * MiB);
    // A stored trigger above a lower GOGC goal is cut to it.
    m = (ex_memory){INT64_MAX, 60 * MiB, 0, 50 * MiB, 21 * MiB};
    ex_goalAndTrigger(m, 40 * MiB, 45 * MiB, false, &goal, &trigger);
    CU_ASSERT(goal == 40 * MiB && trigger == 40 * MiB);
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("16-limitgoal", NULL, NULL);
    CU_add_test(s, "[4] memoryLimitHeapGoal: non-heap memory, overage, headroom", test_goal);
    CU_add_test(s, "[3] memoryLimitHeapGoal: the floors, and no limit", test_floors);
    CU_add_test(s, "[3] the goal and trigger in force", test_trigger);
}
