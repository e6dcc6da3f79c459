// Lab 20-spiral: graded tests.  Each test's name starts with its points.
#include <stdint.h>
#include "grade.h"
#include "labchild.h"
#include "spiral.h"

int
labChild(const char *mode)
{
    (void)mode;
    alarm(120); // a program that never returns fails, it does not hang the grader
    lab_spiral();
    labReport();
    return 0;
}

static char out[1 << 14];
static int ran;

static void
run(void)
{
    if (!ran) {
        char env[64];
        snprintf(env, sizeof env, "GOMEMLIMIT=%dMiB", lab_limitMiB);
        ran = labRun("spiral", env, out, sizeof out) == 0 ? 1 : -1;
    }
}

static void
test_overTheLimit(void)
{
    run();
    CU_ASSERT(ran == 1 && labValue(out, "peakMarked") > (double)((uint64_t)lab_limitMiB << 20));
    printf("\n  largest marked heap %.1f MiB (limit %d MiB), %d cycles\n", labValue(out, "peakMarked") / (1 << 20),
           lab_limitMiB, (int)labValue(out, "cycles"));
}

static void
test_limiterOn(void)
{
    run();
    CU_ASSERT(ran == 1 && labValue(out, "peakMarked") > (double)((uint64_t)lab_limitMiB << 20)
              && labValue(out, "limiterLastOn") > 0 && labValue(out, "cycles") >= 40);
}

static void
test_bounded(void)
{
    run();
    double f = labValue(out, "gcCPUFraction");
    CU_ASSERT(ran == 1 && labValue(out, "limiterLastOn") > 0 && labValue(out, "cycles") >= 40 && f >= 0 && f < 0.6);
    printf("\n  the collector's share of the CPU since start-up: %.0f %%\n", 100 * f);
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("20-spiral", NULL, NULL);
    CU_add_test(s, "[3] the marked heap exceeds the limit", test_overTheLimit);
    CU_add_test(s, "[3] the limiter turns on, and 40 cycles run", test_limiterOn);
    CU_add_test(s, "[4] the collector's share of the CPU stays under 60 %", test_bounded);
}
