// Lab 26-bench: graded tests.  Each test's name starts with its points.
#include <stdint.h>
#include "grade.h"
#include "labchild.h"
#include "bench.h"

enum { n = 1 << 21 };

int
labChild(const char *mode)
{
    (void)mode;
    alarm(120);
    runtime_ThreadAttach();
    static const uint64_t w[3] = {3, 5, 7};
    runtime_MemStats m0, m1;
    runtime_ReadMemStats(&m0);
    uint64_t got = lab_run(n, w);
    runtime_ReadMemStats(&m1);
    uint64_t want = 0; // the same sum, computed here
    for (uint64_t i = 0; i < n; i++)
        want += (3 * i) * (3 * i) + (10 * i) * (10 * i) + (21 * i) * (21 * i);
    printf("\ncorrect=%d\nmallocs=%llu\nbytes=%llu\njobCycles=%u\n", got == want,
           (unsigned long long)(m1.Mallocs - m0.Mallocs), (unsigned long long)(m1.TotalAlloc - m0.TotalAlloc),
           m1.NumGC - m0.NumGC);
    labReport();
    return 0;
}

static char out[1 << 14];
static int ran;

static void
run(void)
{
    if (!ran)
        ran = labRun("bench", NULL, out, sizeof out) == 0 ? 1 : -1;
}

static void
test_noAllocations(void)
{
    run();
    CU_ASSERT(ran == 1 && labValue(out, "correct") == 1 && labValue(out, "mallocs") >= 0
              && labValue(out, "mallocs") <= 16);
    printf("\n  %.0f allocations, %.0f bytes, for %d iterations ", labValue(out, "mallocs"),
           labValue(out, "bytes"), n);
}

static void
test_noCycles(void)
{
    run();
    CU_ASSERT(ran == 1 && labValue(out, "correct") == 1 && labValue(out, "jobCycles") == 0);
    printf("\n  %.0f collection cycles during the loop ", labValue(out, "jobCycles"));
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("26-bench", NULL, NULL);
    CU_add_test(s, "[5] the right sum, with at most 16 allocations", test_noAllocations);
    CU_add_test(s, "[5] the right sum, with no collection cycle during the loop", test_noCycles);
}
