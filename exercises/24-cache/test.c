// Lab 24-cache: graded tests.  Each test's name starts with its points.
#include <stdint.h>
#include "grade.h"
#include "labchild.h"
#include "cache.h"

// Two million requests: nine in ten for one of 1000 hot items, one in ten for an item
// never asked for before.
enum { nRequests = 2000000, nHot = 1000 };
static uint64_t computed;

uint64_t
lab_compute(uint64_t item)
{
    computed++;
    uint64_t x = item;
    for (int i = 0; i < 200; i++)
        x = x * 6364136223846793005ull + 1442695040888963407ull;
    return x;
}

int
labChild(const char *mode)
{
    (void)mode;
    alarm(120);
    runtime_ThreadAttach();
    uint64_t seed = 88172645463325252ull, bad = 0, cold = 1u << 20;
    for (int r = 0; r < nRequests; r++) {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        uint64_t item = seed % 10 == 0 ? cold++ : seed / 10 % nHot;
        uint64_t x = item;
        for (int i = 0; i < 200; i++)
            x = x * 6364136223846793005ull + 1442695040888963407ull;
        bad += lab_price(item) != x;
    }
    runtime_GC();
    runtime_MemStats m;
    runtime_ReadMemStats(&m);
    printf("\nbad=%llu\ncomputedPerRequest=%f\nheapAfter=%llu\n", (unsigned long long)bad,
           (double)computed / nRequests, (unsigned long long)m.HeapAlloc);
    labReport();
    return 0;
}

static char out[1 << 14];
static int ran;

static void
run(void)
{
    if (!ran)
        ran = labRun("cache", NULL, out, sizeof out) == 0 ? 1 : -1;
}

static void
test_boundedHeap(void)
{
    run();
    CU_ASSERT(ran == 1 && labValue(out, "bad") == 0 && labValue(out, "heapAfter") >= 0
              && labValue(out, "heapAfter") <= 8 << 20);
    printf("\n  heap after the run %.1f MiB, peak marked %.1f MiB ", labValue(out, "heapAfter") / (1 << 20),
           labValue(out, "peakMarked") / (1 << 20));
}

static void
test_stillACache(void)
{
    run();
    double c = labValue(out, "computedPerRequest");
    CU_ASSERT(ran == 1 && labValue(out, "bad") == 0 && c >= 0 && c <= 0.20
              && labValue(out, "peakMarked") <= 16 << 20);
    printf("\n  %.3f computations per request ", c);
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("24-cache", NULL, NULL);
    CU_add_test(s, "[5] the right prices, and at most 8 MiB of heap kept after the run", test_boundedHeap);
    CU_add_test(s, "[5] the right prices, still cached (at most 20 % computed), "
                   "and at most 16 MiB marked in any cycle", test_stillACache);
}
