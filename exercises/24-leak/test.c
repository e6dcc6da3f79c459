// Lab 24-leak: graded tests.  Each test's name starts with its points.
#include <stdint.h>
#include "grade.h"
#include "labchild.h"
#include "leak.h"

enum { nRequests = 32 };

int
labChild(const char *mode)
{
    (void)mode;
    alarm(120);
    runtime_ThreadAttach();
    int bad = 0;
    for (uint64_t r = 0; r < nRequests; r++) {
        uint64_t want = 0;
        for (uint64_t i = 0; i < lab_responseSize; i++)
            want += (uint8_t)((r + i) * 31);
        bad += lab_serve(r) != want;
    }
    runtime_GC();
    runtime_GC();
    runtime_MemStats m;
    runtime_ReadMemStats(&m);
    printf("\nbad=%d\nthreads=%d\nheapAfter=%llu\n", bad, runtime_NumGoroutine(), (unsigned long long)m.HeapAlloc);
    labReport();
    return 0;
}

static char out[1 << 14];
static int ran;

static void
run(void)
{
    if (!ran)
        ran = labRun("leak", NULL, out, sizeof out) == 0 ? 1 : -1;
}

static void
test_noThreadLeft(void)
{
    run();
    CU_ASSERT(ran == 1 && labValue(out, "bad") == 0 && labValue(out, "threads") == 1);
    printf("\n  %.0f threads use the runtime after %d requests ", labValue(out, "threads"), nRequests);
}

static void
test_noResponseKept(void)
{
    run();
    CU_ASSERT(ran == 1 && labValue(out, "bad") == 0 && labValue(out, "heapAfter") >= 0
              && labValue(out, "heapAfter") <= 4 << 20);
    printf("\n  %.1f MiB of heap kept ", labValue(out, "heapAfter") / (1 << 20));
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("24-leak", NULL, NULL);
    CU_add_test(s, "[5] the right sums, and no helper thread left", test_noThreadLeft);
    CU_add_test(s, "[5] the right sums, and at most 4 MiB of heap kept after the run", test_noResponseKept);
}
