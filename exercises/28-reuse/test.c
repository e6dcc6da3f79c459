// Lab 28-reuse: graded tests.  Each test's name starts with its points.
#include <stdint.h>
#include "grade.h"
#include "labchild.h"
#include "reuse.h"

enum { n = 256, recordSize = 16, bufSize = 64, maxBytes = 5120 };

static uint64_t values[n];
static uint64_t want; // the checksum, computed here without the code under test
static int wrong;     // set if any call of the benchmark returned another checksum

static uint64_t
expected(void)
{
    static const char digits[] = "0123456789abcdef";
    uint64_t h = 14695981039346656037ull;
    for (size_t i = 0; i < n; i++)
        for (int shift = 60; shift >= 0; shift -= 4)
            h = (h ^ (uint8_t)digits[values[i] >> shift & 15]) * 1099511628211ull;
    return h;
}

static void
BenchmarkEncode(testing_B *b)
{
    for (int64_t i = 0; i < b->N; i++)
        if (lab_encode(values, n) != want)
            wrong = 1;
}

int
labChild(const char *mode)
{
    (void)mode;
    alarm(60);
    runtime_ThreadAttach();
    uint64_t x = 88172645463325252ull;
    for (size_t i = 0; i < n; i++) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        values[i] = x >> (i % 61); // values of every length, small ones too
    }
    want = expected();
    // go test -bench=Encode -benchtime=200ms -benchmem: Go's line, with B/op and allocs/op
    static const testing_InternalBenchmark benchmarks[] = {{"BenchmarkEncode", BenchmarkEncode, NULL}};
    char *argv[] = {"28-reuse", "-test.benchtime=200ms", "-test.benchmem", NULL};
    testing_Main(3, argv, benchmarks, 1);
    printf("\ncorrect=%d\n", !wrong);
    labReport();
    return 0;
}

static char out[1 << 14];
static int ran;

// The benchmark's line, "BenchmarkEncode[-P]  N  T ns/op  B B/op  A allocs/op": its figures.
static long long iterations = -1, bytesPerOp = -1, allocsPerOp = -1;
static char line[256];

static void
readLine(void)
{
    const char *p = strstr(out, "\nBenchmarkEncode");
    if (p == NULL)
        return;
    snprintf(line, sizeof line, "%.*s", (int)strcspn(p + 1, "\n"), p + 1);
    double ns;
    if (sscanf(line, "%*s %lld %lf ns/op %lld B/op %lld allocs/op", &iterations, &ns, &bytesPerOp, &allocsPerOp) != 4)
        iterations = bytesPerOp = allocsPerOp = -1;
}

static void
run(void)
{
    if (!ran)
        ran = labRun("reuse", NULL, out, sizeof out) == 0 ? 1 : -1;
    readLine();
}

static void
test_fewAllocations(void)
{
    run();
    CU_ASSERT(ran == 1 && labValue(out, "correct") == 1 && iterations > 0 && allocsPerOp >= 0 && allocsPerOp <= 2);
    printf("\n  %s\n  %lld allocs/op for %d values ", line, allocsPerOp, n);
}

static void
test_fewBytes(void)
{
    run();
    CU_ASSERT(ran == 1 && labValue(out, "correct") == 1 && iterations > 0 && bytesPerOp >= 0 && bytesPerOp <= maxBytes);
    printf("\n  %lld B/op for %d values (an output of %d bytes, a buffer of %d) ", bytesPerOp, n, n * recordSize,
           bufSize);
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("28-reuse", NULL, NULL);
    CU_add_test(s, "[5] the right checksum, with at most 2 allocs/op", test_fewAllocations);
    CU_add_test(s, "[5] the right checksum, with at most 5120 B/op", test_fewBytes);
}
