// Lab 24-append: graded tests.  Each test's name starts with its points.
#include <stdint.h>
#include "grade.h"
#include "labchild.h"
#include "append.h"

enum { n = 12000 };

int
labChild(const char *mode)
{
    (void)mode;
    alarm(120);
    runtime_ThreadAttach();
    runtime_MemStats m0, m1;
    runtime_ReadMemStats(&m0);
    uint64_t *values = lab_collect(n);
    runtime_ReadMemStats(&m1);
    int correct = values != NULL;
    uint64_t x = 1;
    for (size_t i = 0; i < n && correct; i++) {
        correct = values[i] == x;
        x = x * 6364136223846793005ull + 1442695040888963407ull;
    }
    printf("\ncorrect=%d\nmallocs=%llu\nbytes=%llu\n", correct, (unsigned long long)(m1.Mallocs - m0.Mallocs),
           (unsigned long long)(m1.TotalAlloc - m0.TotalAlloc));
    labReport();
    return 0;
}

static char out[1 << 14];
static int ran;

static void
run(void)
{
    if (!ran)
        ran = labRun("append", NULL, out, sizeof out) == 0 ? 1 : -1;
}

static void
test_fewBytes(void)
{
    run();
    CU_ASSERT(ran == 1 && labValue(out, "correct") == 1 && labValue(out, "bytes") <= 4.0 * n * sizeof(uint64_t));
    printf("\n  %.0f bytes allocated for %d values (%zu bytes) ", labValue(out, "bytes"), n, n * sizeof(uint64_t));
}

static void
test_fewAllocations(void)
{
    run();
    CU_ASSERT(ran == 1 && labValue(out, "correct") == 1 && labValue(out, "mallocs") <= 40);
    printf("\n  %.0f allocations ", labValue(out, "mallocs"));
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("24-append", NULL, NULL);
    CU_add_test(s, "[5] the right values, with at most 4 times their size allocated", test_fewBytes);
    CU_add_test(s, "[5] the right values, with at most 40 allocations", test_fewAllocations);
}
