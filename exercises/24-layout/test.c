// Lab 24-layout: graded tests.  Each test's name starts with its points.
#include <stdint.h>
#include "grade.h"
#include "labchild.h"
#include "layout.h"

enum { n = 200000 };

int
labChild(const char *mode)
{
    (void)mode;
    alarm(120);
    runtime_ThreadAttach();
    runtime_MemStats m0, m1;
    runtime_ReadMemStats(&m0);
    lab_build(n);
    runtime_GC();
    runtime_GC();
    runtime_ReadMemStats(&m1);
    runtime_PacerStats ps;
    runtime_ReadPacerStats(&ps);
    uint64_t want = 0;
    for (uint64_t i = 0; i < n; i++)
        if (i % 10 == 7)
            want += i * 7 + 3;
    printf("\ncorrect=%d\nobjects=%lld\nheapScan=%llu\n", lab_total() == want,
           (long long)(m1.HeapObjects - m0.HeapObjects), (unsigned long long)ps.LastHeapScan);
    labReport();
    return 0;
}

static char out[1 << 14];
static int ran;

static void
run(void)
{
    if (!ran)
        ran = labRun("layout", NULL, out, sizeof out) == 0 ? 1 : -1;
}

static void
test_littleScanWork(void)
{
    run();
    CU_ASSERT(ran == 1 && labValue(out, "correct") == 1 && labValue(out, "heapScan") >= 0
              && labValue(out, "heapScan") <= 256 << 10);
    printf("\n  heap scan work of a cycle %.0f KiB ", labValue(out, "heapScan") / 1024);
}

static void
test_fewObjects(void)
{
    run();
    CU_ASSERT(ran == 1 && labValue(out, "correct") == 1 && labValue(out, "objects") <= 1000);
    printf("\n  %.0f heap objects for %d items ", labValue(out, "objects"), n);
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("24-layout", NULL, NULL);
    CU_add_test(s, "[5] the right total, and a cycle scans at most 256 KiB of heap", test_littleScanWork);
    CU_add_test(s, "[5] the right total, with at most 1000 heap objects", test_fewObjects);
}
