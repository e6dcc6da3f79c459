// Lab 24-hotloop: graded tests.  Each test's name starts with its points.
#include <stdint.h>
#include "grade.h"
#include "labchild.h"
#include "hotloop.h"

enum { nRecords = 1 << 18 };
static uint8_t records[nRecords * lab_recordSize];

// The checksum computed here, without the runtime.
static uint64_t
expected(void)
{
    uint64_t sum = 0;
    for (size_t r = 0; r < nRecords; r++) {
        uint64_t h = 14695981039346656037ull;
        for (size_t i = 0; i < lab_recordSize; i++) {
            h ^= records[r * lab_recordSize + lab_recordSize - 1 - i];
            h *= 1099511628211ull;
        }
        sum += h;
    }
    return sum;
}

int
labChild(const char *mode)
{
    (void)mode;
    alarm(120);
    uint64_t seed = 88172645463325252ull;
    for (size_t i = 0; i < sizeof records; i++) {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        records[i] = (uint8_t)seed;
    }
    runtime_ThreadAttach();
    runtime_MemStats m0, m1;
    runtime_ReadMemStats(&m0);
    uint64_t got = lab_checksum(records, nRecords);
    runtime_ReadMemStats(&m1);
    printf("\ncorrect=%d\nmallocs=%llu\nbytes=%llu\n", got == expected(),
           (unsigned long long)(m1.Mallocs - m0.Mallocs), (unsigned long long)(m1.TotalAlloc - m0.TotalAlloc));
    labReport();
    return 0;
}

static char out[1 << 14];
static int ran;

static void
run(void)
{
    if (!ran)
        ran = labRun("hotloop", NULL, out, sizeof out) == 0 ? 1 : -1;
}

static void
test_fewAllocations(void)
{
    run();
    CU_ASSERT(ran == 1 && labValue(out, "correct") == 1 && labValue(out, "mallocs") <= 100);
    printf("\n  %.0f allocations for %d records ", labValue(out, "mallocs"), nRecords);
}

static void
test_fewBytes(void)
{
    run();
    CU_ASSERT(ran == 1 && labValue(out, "correct") == 1 && labValue(out, "bytes") <= 64 << 10);
    printf("\n  %.0f bytes allocated ", labValue(out, "bytes"));
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("24-hotloop", NULL, NULL);
    CU_add_test(s, "[5] the right checksum, with at most 100 allocations", test_fewAllocations);
    CU_add_test(s, "[5] the right checksum, with at most 64 KiB allocated", test_fewBytes);
}
