// Lab 20-workers: graded tests.  Each test's name starts with its points.
#include <stdint.h>
#include "grade.h"
#include "labchild.h"
#include "runtime.h"
#include "workers.h"

struct node {
    struct node *next, *other;
    uint64_t pad[2];
};
GOMM_TYPE(nodeType, struct node, offsetof(struct node, next), offsetof(struct node, other));
static struct node *root;

void
lab_build(void)
{
    for (int i = 0; i < 2 << 20; i++) { // 64 MiB of 32-byte nodes, in a list
        struct node *n = runtime_new(&nodeType);
        GOMM_STORE(n->next, root);
        GOMM_STORE(root, n);
    }
}

int
labChild(const char *mode)
{
    if (strcmp(mode, "plan") == 0) { // the runtime's own plan, for 1 to 8 P's
        for (int p = 1; p <= 8; p++) {
            gcControllerState_startCycle(nanotime(), p);
            printf("\nd%d=%ld\nf%d=%.6f\n", p, (long)gcController.dedicatedMarkWorkersNeeded, p,
                   gcController.fractionalUtilizationGoal);
        }
        return 0;
    }
    lab_mark m = {0};
    lab_markCost(atoi(mode), 5, &m);
    labReport();
    printf("\nm.cycles=%u\nm.backgroundNs=%llu\nm.idleNs=%llu\nm.assistNs=%llu\nprocs=%d\n", m.cycles,
           (unsigned long long)m.backgroundNs, (unsigned long long)m.idleNs, (unsigned long long)m.assistNs,
           runtime_GOMAXPROCS(0));
    return 0;
}

static void
test_plan(void)
{
    static char out[4096];
    CU_ASSERT_FATAL(labRun("plan", NULL, out, sizeof out) == 0);
    int bad = 0;
    for (int p = 1; p <= 8; p++) {
        int d = -1;
        double f = -1;
        lab_plan(p, &d, &f);
        char k[8];
        snprintf(k, sizeof k, "d%d", p);
        bad += d != (int)labValue(out, k);
        snprintf(k, sizeof k, "f%d", p);
        bad += f < labValue(out, k) - 1e-6 || f > labValue(out, k) + 1e-6;
    }
    CU_ASSERT_EQUAL(bad, 0);
}

// The reader's figures against the process's: with only forced cycles, the same (a cycle
// that lab_build's allocation started may fall before the measurement: allowed).
static int
measured(const char *out, int procs)
{
    double bg = labValue(out, "backgroundNs"), rbg = labValue(out, "m.backgroundNs");
    double idle = labValue(out, "idleNs"), ridle = labValue(out, "m.idleNs");
    double cycles = labValue(out, "m.cycles");
    return labValue(out, "procs") == procs && cycles >= 5 && cycles <= 6 && rbg + ridle > 0 && rbg <= bg
           && ridle <= idle && labValue(out, "m.assistNs") <= labValue(out, "assistNs");
}

static void
test_oneP(void)
{
    static char out[1 << 14];
    CU_ASSERT(labRun("1", NULL, out, sizeof out) == 0 && measured(out, 1));
    printf("\n  1 P: background %.1f ms, idle %.1f ms over 5 cycles\n", labValue(out, "m.backgroundNs") / 1e6,
           labValue(out, "m.idleNs") / 1e6);
}

static void
test_twoPs(void)
{
    static char out[1 << 14];
    CU_ASSERT(labRun("2", NULL, out, sizeof out) == 0 && measured(out, 2));
    printf("\n  2 P's: background %.1f ms, idle %.1f ms over 5 cycles\n", labValue(out, "m.backgroundNs") / 1e6,
           labValue(out, "m.idleNs") / 1e6);
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("20-workers", NULL, NULL);
    CU_add_test(s, "[4] the plan for 1 to 8 P's, as startCycle makes it", test_plan);
    CU_add_test(s, "[3] the mark's CPU with one P, from the counters", test_oneP);
    CU_add_test(s, "[3] and with two", test_twoPs);
}
