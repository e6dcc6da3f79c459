// Lab 20-ceiling: graded tests.  Each test's name starts with its points.
#include <stdint.h>
#include "grade.h"
#include "labchild.h"
#include "ceiling.h"

// The workload: 32 MiB of 64-byte objects live in a global array, replaced at random
// 8 million times (512 MiB allocated); each object carries a check of its index.
struct obj {
    struct obj *next;
    uint64_t index, check, pad[5];
};
GOMM_TYPE(objType, struct obj, offsetof(struct obj, next));
enum { nLive = 1 << 19 };
static struct obj *live[nLive];

static struct obj *
newObj(uint64_t i)
{
    struct obj *o = runtime_new(&objType);
    o->index = i;
    o->check = i * 2654435761u + 7;
    return o;
}

int
labChild(const char *mode)
{
    (void)mode;
    int gogc;
    int64_t limit;
    lab_settings(&gogc, &limit);
    debug_SetGCPercent(gogc);
    debug_SetMemoryLimit(limit);
    for (uint64_t i = 0; i < nLive; i++)
        GOMM_STORE(live[i], newObj(i));
    uint64_t seed = 88172645463325252ull, bad = 0;
    for (int n = 0; n < 8 << 20; n++) {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        uint64_t i = seed % nLive;
        struct obj *o = live[i];
        bad += o->index != i || o->check != i * 2654435761u + 7;
        GOMM_STORE(live[i], newObj(i));
    }
    labReport();
    printf("bad=%llu\n", (unsigned long long)bad);
    return 0;
}

static char out[1 << 14];
static int ran;

static void
run(void)
{
    if (!ran)
        ran = labRun("ceiling", NULL, out, sizeof out) == 0 ? 1 : -1;
}

static int
metCeiling(void)
{
    run();
    return ran == 1 && labValue(out, "bad") == 0 && labValue(out, "peakMapped") > 0
           && labValue(out, "peakMapped") <= (double)lab_ceiling;
}

static void
test_ceiling(void)
{
    CU_ASSERT(metCeiling());
    printf("\n  peak mapped %.1f MiB (ceiling %llu MiB), %d cycles\n", labValue(out, "peakMapped") / (1 << 20),
           (unsigned long long)(lab_ceiling >> 20), (int)labValue(out, "cycles"));
}

static void
test_fewCycles(void)
{
    CU_ASSERT(metCeiling() && labValue(out, "cycles") <= 75);
}

static void
test_fewestCycles(void)
{
    CU_ASSERT(metCeiling() && labValue(out, "cycles") <= 55);
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("20-ceiling", NULL, NULL);
    CU_add_test(s, "[4] the ceiling holds and no object is lost", test_ceiling);
    CU_add_test(s, "[3] at most 75 cycles", test_fewCycles);
    CU_add_test(s, "[3] at most 55 cycles", test_fewestCycles);
}
