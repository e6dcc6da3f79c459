// Lab 20-gogc: graded tests.  Each test's name starts with its points.
#include <stdint.h>
#include "grade.h"
#include "labchild.h"
#include "gogc.h"

struct obj {
    struct obj *next;
    uint64_t pad[3];
};
GOMM_TYPE(objType, struct obj, offsetof(struct obj, next));
enum { nLive = 1 << 18 }; // 8 MiB of 32-byte objects
static struct obj *live[nLive];

void
lab_work(void)
{
    for (int i = 0; i < nLive; i++)
        GOMM_STORE(live[i], (struct obj *)runtime_new(&objType));
    uint64_t seed = 88172645463325252ull;
    for (int n = 0; n < 8 << 20; n++) { // 256 MiB allocated
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        GOMM_STORE(live[seed % nLive], (struct obj *)runtime_new(&objType));
    }
}

int
labChild(const char *mode)
{
    lab_result r = {0};
    lab_measure(atoi(mode), &r);
    labReport(); // the whole process's figures: the run is almost all of it
    printf("\nr.cycles=%u\nr.pauseNs=%llu\nr.assistNs=%llu\nr.gcNs=%llu\nr.peakHeap=%llu\n", r.cycles,
           (unsigned long long)r.pauseNs, (unsigned long long)r.assistNs, (unsigned long long)r.gcNs,
           (unsigned long long)r.peakHeap);
    return 0;
}

static char out50[1 << 14], out400[1 << 14];
static int ran;

static void
run(void)
{
    if (ran == 0)
        ran = labRun("50", NULL, out50, sizeof out50) == 0 && labRun("400", NULL, out400, sizeof out400) == 0 ? 1 : -1;
}

// The reader's figures against the whole process's: the same, but for what happened before
// the run (start-up allocates almost nothing, and no cycle runs).
static int
matches(const char *out)
{
    double c = labValue(out, "cycles"), rc = labValue(out, "r.cycles");
    double g = labValue(out, "gcNs"), rg = labValue(out, "r.gcNs");
    double a = labValue(out, "assistNs"), ra = labValue(out, "r.assistNs");
    double p = labValue(out, "pauseNs"), rp = labValue(out, "r.pauseNs");
    return rc > 0 && rc <= c && c - rc <= 1 && rg > 0 && rg <= g && g - rg <= g / 20 + 1e6 && ra <= a
           && a - ra <= a / 20 + 1e6 && rp <= p && p - rp <= p / 20 + 1e6
           && labValue(out, "r.peakHeap") == labValue(out, "peakHeap");
}

static void
test_measure50(void)
{
    run();
    CU_ASSERT(ran == 1 && matches(out50));
}

static void
test_measure400(void)
{
    run();
    CU_ASSERT(ran == 1 && matches(out400));
}

static void
test_tradeoff(void)
{
    run();
    CU_ASSERT(ran == 1 && matches(out50) && matches(out400)
              && labValue(out50, "r.cycles") > 2 * labValue(out400, "r.cycles")
              && labValue(out50, "r.peakHeap") < labValue(out400, "r.peakHeap")
              && labValue(out50, "r.gcNs") > labValue(out400, "r.gcNs"));
    printf("\n  GOGC  cycles  pause ms  assist ms  GC CPU ms  peak MiB\n");
    for (int i = 0; i < 2; i++) {
        const char *o = i == 0 ? out50 : out400;
        printf("  %4d  %6.0f  %8.2f  %9.1f  %9.1f  %8.1f\n", i == 0 ? 50 : 400, labValue(o, "r.cycles"),
               labValue(o, "r.pauseNs") / 1e6, labValue(o, "r.assistNs") / 1e6, labValue(o, "r.gcNs") / 1e6,
               labValue(o, "r.peakHeap") / (1 << 20));
    }
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("20-gogc", NULL, NULL);
    CU_add_test(s, "[3] GOGC=50: the run's costs, from the counters", test_measure50);
    CU_add_test(s, "[3] GOGC=400: likewise", test_measure400);
    CU_add_test(s, "[4] fewer cycles and less GC CPU at 400, a higher peak", test_tradeoff);
}
