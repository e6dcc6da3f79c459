// Lab 25-forced: graded tests.  Each test's name starts with its points.
#include <stdint.h>
#include "grade.h"
#include "labchild.h"
#include "forced.h"

enum { nbatch = 400 };

int
labChild(const char *mode)
{
    (void)mode;
    alarm(120);
    runtime_ThreadAttach();
    runtime_MemStats m0, m1;
    runtime_ReadMemStats(&m0);
    uint64_t sum = lab_job(nbatch);
    runtime_ReadMemStats(&m1);
    uint64_t want = 0; // the same sums, without the heap
    for (uint64_t b = 0; b < nbatch; b++)
        for (uint64_t i = 0; i < 10000; i++)
            want += (b * 10000 + i) * 2654435761u % (1 << 16) * 3 + 1;
    printf("\ncorrect=%d\njobCycles=%u\njobForced=%u\nheapSys=%llu\n", sum == want, m1.NumGC - m0.NumGC,
           m1.NumForcedGC - m0.NumForcedGC, (unsigned long long)m1.HeapSys);
    labReport();
    return 0;
}

static char out[1 << 14];
static int ran;

static void
run(void)
{
    if (!ran)
        ran = labRun("forced", NULL, out, sizeof out) == 0 ? 1 : -1;
}

static void
test_fewCycles(void)
{
    run();
    CU_ASSERT(ran == 1 && labValue(out, "correct") == 1 && labValue(out, "jobCycles") >= 0
              && labValue(out, "jobCycles") <= 120);
    printf("\n  %.0f cycles during the job, %.0f of them forced ", labValue(out, "jobCycles"),
           labValue(out, "jobForced"));
}

static void
test_pacedAndBounded(void)
{
    run();
    CU_ASSERT(ran == 1 && labValue(out, "correct") == 1 && labValue(out, "jobForced") == 0
              && labValue(out, "heapSys") >= 0 && labValue(out, "heapSys") <= 32 << 20);
    printf("\n  %.0f forced cycles; %.1f MiB of heap memory from the system ", labValue(out, "jobForced"),
           labValue(out, "heapSys") / (1 << 20));
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("25-forced", NULL, NULL);
    CU_add_test(s, "[5] the right checksum, with at most 120 cycles during the job", test_fewCycles);
    CU_add_test(s, "[5] the right checksum, no cycle forced, and at most 32 MiB of heap memory", test_pacedAndBounded);
}
