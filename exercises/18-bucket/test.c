// Exercise 18-bucket: graded tests.  Each test's name starts with its points.
#include "grade.h"
#include "bucket.h"

enum { S = 1000000000 };

static ex_bucket
empty(void)
{
    return (ex_bucket){.capacity = 2ull * S};
}

static void
test_fillAndDrain(void)
{
    ex_bucket b = empty();
    ex_accumulate(&b, S, 0, 0); // the program alone: stays empty
    CU_ASSERT(b.fill == 0 && !b.enabled);
    ex_accumulate(&b, 100, 700, 0); // the collector ahead by 600
    CU_ASSERT_EQUAL(b.fill, 600);
    ex_accumulate(&b, 500, 500, 0); // even: no change
    CU_ASSERT_EQUAL(b.fill, 600);
    ex_accumulate(&b, 900, 400, 0); // the program ahead by 500
    CU_ASSERT_EQUAL(b.fill, 100);
    ex_accumulate(&b, 1000, 0, 0); // more than is left: empty, not below
    CU_ASSERT_EQUAL(b.fill, 0);
    CU_ASSERT(!b.enabled && b.overflow == 0);
}

static void
test_full(void)
{
    ex_bucket b = empty();
    ex_accumulate(&b, 0, 2ll * S, 7); // exactly full: on, no overflow, the next cycle noted
    CU_ASSERT(b.fill == b.capacity && b.enabled && b.overflow == 0 && b.lastEnabledCycle == 8);
    ex_accumulate(&b, S, S, 9); // even while full: stays on
    CU_ASSERT(b.enabled && b.fill == b.capacity && b.lastEnabledCycle == 8);
    ex_accumulate(&b, 0, 300, 9); // more while full: overflow; already on, the cycle kept
    CU_ASSERT(b.overflow == 300 && b.enabled && b.lastEnabledCycle == 8);
    ex_accumulate(&b, 1, 0, 9); // the smallest drain turns it off
    CU_ASSERT(!b.enabled && b.fill == b.capacity - 1);
    ex_accumulate(&b, 0, 11, 12); // over the brim again: 10 overflow, on, cycle 13
    CU_ASSERT(b.enabled && b.overflow == 310 && b.lastEnabledCycle == 13);
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("18-bucket", NULL, NULL);
    CU_add_test(s, "[5] fill and drain between empty and full", test_fillAndDrain);
    CU_add_test(s, "[5] full: on, overflow, off again", test_full);
}
