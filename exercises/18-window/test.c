// Exercise 18-window: graded tests.  Each test's name starts with its points.
#include "grade.h"
#include "window.h"

static void
check(ex_window w, int64_t wantMutator, int64_t wantGC)
{
    int64_t m = -1, g = -1;
    ex_split(&w, &m, &g);
    CU_ASSERT_EQUAL(m, wantMutator);
    CU_ASSERT_EQUAL(g, wantGC);
}

static void
test_busy(void)
{
    // 10 ms on 2 P's, every CPU busy.
    check((ex_window){10000000, 2, false, 0, 0, 20000000}, 20000000, 0);       // no collector
    check((ex_window){10000000, 2, true, 0, 0, 20000000}, 15000000, 5000000);  // the workers' quarter
    check((ex_window){10000000, 2, true, 6000000, 0, 20000000}, 9000000, 11000000); // and assists
    check((ex_window){10000000, 2, false, 0, 0, -1}, 20000000, 0);            // no clock: no idle time
}

static void
test_idle(void)
{
    // One CPU of two unused: it is nobody's.
    check((ex_window){10000000, 2, false, 0, 0, 10000000}, 10000000, 0);
    check((ex_window){10000000, 2, true, 0, 0, 10000000}, 5000000, 5000000);
    // An idle worker's time is idle time too, though the process used it.
    check((ex_window){10000000, 2, true, 0, 4000000, 14000000}, 5000000, 5000000);
    // More than the window was idle (the pools run late): at most the window.
    check((ex_window){10000000, 2, false, 0, 15000000, 10000000}, 0, 0);
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("18-window", NULL, NULL);
    CU_add_test(s, "[5] a busy window: the workers' share and the assists", test_busy);
    CU_add_test(s, "[5] idle time: unused CPU and idle workers", test_idle);
}
