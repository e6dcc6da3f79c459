// Exercise 17-assist: graded tests.  Each test's name starts with its points.
#include <math.h>
#include "grade.h"
#include "assist.h"

#define M(x) ((int64_t)(x) << 20)

static ex_mark
base(void)
{
    return (ex_mark){.gcPercent = 100, .heapLive = M(150), .heapScan = M(20), .workDone = M(4),
                     .heapGoal = M(200), .lastScanWork = M(10), .stacksAndGlobals = 0, .triggered = M(170)};
}

static bool
near(double got, double want)
{
    return fabs(got - want) <= 1e-12 * fabs(want);
}

static void
test_steadyAndGrowing(void)
{
    ex_mark m = base();
    CU_ASSERT(near(ex_assistWorkPerByte(&m), 6.0 / 50)); // 6 MiB of work left, 50 MiB of heap
    m.workDone = M(12), m.heapLive = M(190);              // more work than expected: the goal moves to 230 MiB
    CU_ASSERT(near(ex_assistWorkPerByte(&m), 8.0 / 40));
    m.gcPercent = 10;                                      // but never beyond (1 + GOGC/100) times the goal
    CU_ASSERT(near(ex_assistWorkPerByte(&m), 8.0 / 30));
    m.gcPercent = -1;                                      // GOGC off: as if it were 100000
    CU_ASSERT(near(ex_assistWorkPerByte(&m), 8.0 / 40));
}

static void
test_overshootAndFloors(void)
{
    ex_mark m = base();
    m.heapLive = M(210); // past the goal: aim 10 % beyond it, with the worst-case work
    CU_ASSERT(near(ex_assistWorkPerByte(&m), 16.0 / 10));
    m.workDone = M(12), m.heapLive = M(240); // past the extended goal too
    CU_ASSERT(near(ex_assistWorkPerByte(&m), 8.0 / 13));
    m = base();
    m.workDone = M(10); // all the work expected is done: at least 1000 bytes remain
    CU_ASSERT(near(ex_assistWorkPerByte(&m), 1000.0 / (double)M(50)));
    m = base();
    m.heapLive = M(230); // beyond even 110 %: one byte of heap left
    CU_ASSERT(near(ex_assistWorkPerByte(&m), (double)M(16)));
    m = base();
    m.lastScanWork = 0, m.workDone = M(5); // the first cycle: no proportion, the hard goal
    CU_ASSERT(near(ex_assistWorkPerByte(&m), 15.0 / 250));
}

static void
queue(ex_queue *q, ex_waiter *w, int n, const int64_t *debts)
{
    q->head = q->tail = NULL;
    for (int i = 0; i < n; i++) {
        w[i] = (ex_waiter){.assistBytes = debts[i]};
        if (q->tail != NULL)
            q->tail->next = &w[i];
        else
            q->head = &w[i];
        q->tail = &w[i];
    }
}

static void
test_flushTable(void)
{
    ex_queue q;
    ex_waiter w[3];
    CU_ASSERT_EQUAL(ex_flushBgCredit(&(ex_queue){0}, 500, 2, 0.5), 500); // no one waits
    queue(&q, w, 1, (int64_t[]){-1000});
    CU_ASSERT_EQUAL(ex_flushBgCredit(&q, 600, 2, 0.5), 100); // 1200 bytes: 200 left over, 100 of work
    CU_ASSERT(w[0].woken && w[0].assistBytes == 0 && q.head == NULL && q.tail == NULL);
    queue(&q, w, 1, (int64_t[]){-5000});
    CU_ASSERT_EQUAL(ex_flushBgCredit(&q, 1000, 2, 0.5), 0); // paid in part
    CU_ASSERT(!w[0].woken && w[0].assistBytes == -3000 && q.head == &w[0] && q.tail == &w[0]);
    queue(&q, w, 2, (int64_t[]){-200, -300});
    CU_ASSERT_EQUAL(ex_flushBgCredit(&q, 1000, 2, 0.5), 750); // both paid, 1500 bytes over
    CU_ASSERT(w[0].woken && w[1].woken && q.head == NULL);
}

static void
test_flushOrder(void)
{
    ex_queue q;
    ex_waiter w[3];
    queue(&q, w, 3, (int64_t[]){-400, -5000, -100});
    CU_ASSERT_EQUAL(ex_flushBgCredit(&q, 1000, 2, 0.5), 0);
    // The first is paid; the second is paid in part and goes to the back, behind the third.
    CU_ASSERT(w[0].woken && !w[1].woken && !w[2].woken);
    CU_ASSERT(w[1].assistBytes == -3400 && w[2].assistBytes == -100);
    CU_ASSERT(q.head == &w[2] && w[2].next == &w[1] && w[1].next == NULL && q.tail == &w[1]);
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("17-assist", NULL, NULL);
    CU_add_test(s, "[3] revise: the steady state, and a growing heap", test_steadyAndGrowing);
    CU_add_test(s, "[2] revise: past the goal, and the floors", test_overshootAndFloors);
    CU_add_test(s, "[3] gcFlushBgCredit: who is paid, and the credit left", test_flushTable);
    CU_add_test(s, "[2] gcFlushBgCredit: the order of the queue after", test_flushOrder);
}
