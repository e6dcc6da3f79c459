// tangled from chapters/28-optimize.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Tests of the benchmark harness (chapter 28).
#include <stdio.h>
#include <string.h>
#include "testing.h"
#include "runtime.h"

typedef struct obj48 { void *p; uint64_t pad[5]; } obj48;
GOMM_TYPE(obj48Type, obj48, offsetof(obj48, p));
static void *volatile sinkP;
static int64_t calls; // iterations run, over all runs

static void
threePerOp(testing_B *b)
{
    for (int64_t i = 0; i < b->N; i++)
        for (int k = 0; k < 3; k++)
            sinkP = runtime_new(&obj48Type);
    calls += b->N;
}

static void
setupExcluded(testing_B *b)
{
    for (int k = 0; k < 100; k++) // counted, then reset
        sinkP = runtime_new(&obj48Type);
    testing_B_ResetTimer(b);
    for (int64_t i = 0; i < b->N; i++) {
        testing_B_StopTimer(b);
        for (int k = 0; k < 10; k++) // not counted
            sinkP = runtime_new(&obj48Type);
        testing_B_StartTimer(b);
        sinkP = runtime_new(&obj48Type);
    }
}

static void
test_counts(void)
{
    runtime_ThreadAttach();
    CU_ASSERT_EQUAL(testing_SetFlag("test.benchtime", "1000x"), 0);
    calls = 0;
    testing_BenchmarkResult r = testing_Benchmark(threePerOp, NULL);
    CU_ASSERT_EQUAL(r.N, 1000);
    CU_ASSERT_EQUAL(calls, 1001); // the run of 1, then the run of 1000
    CU_ASSERT_EQUAL(r.MemAllocs, 3000);
    CU_ASSERT_EQUAL(r.MemBytes, 3000 * 48);
    CU_ASSERT_EQUAL(testing_BenchmarkResult_AllocsPerOp(r), 3);
    CU_ASSERT_EQUAL(testing_BenchmarkResult_AllocedBytesPerOp(r), 144);
    r = testing_Benchmark(setupExcluded, NULL);
    CU_ASSERT_EQUAL(r.MemAllocs, 1000);
    CU_ASSERT_EQUAL(r.MemBytes, 1000 * 48);
}

static void
test_time(void)
{
    CU_ASSERT_EQUAL(testing_SetFlag("benchtime", "50ms"), 0);
    testing_BenchmarkResult r = testing_Benchmark(threePerOp, NULL);
    CU_ASSERT(r.N > 1 && r.T >= 50 * 1000 * 1000);
    CU_ASSERT_EQUAL(testing_BenchmarkResult_NsPerOp(r), r.T / r.N);
    printf("\n  %lld iterations in %lld ns ", (long long)r.N, (long long)r.T);
}

// Go 1.19 prints these lines for these figures (String and MemString of BenchmarkResult).
static void
test_format(void)
{
    static const struct { testing_BenchmarkResult r; const char *line, *mem; } cases[] = {
        {{100, 12345, 0, 300, 4800}, "     100\t       123.5 ns/op", "      48 B/op\t       3 allocs/op"},
        {{3000000, 94500000, 0, 0, 0}, " 3000000\t        31.50 ns/op", "       0 B/op\t       0 allocs/op"},
        {{5, 5000000000, 0, 5, 5}, "       5\t1000000000 ns/op", "       1 B/op\t       1 allocs/op"},
        {{1000, 500, 0, 0, 0}, "    1000\t         0.5000 ns/op", "       0 B/op\t       0 allocs/op"},
        {{10, 1000, 1024, 0, 0}, "      10\t       100.0 ns/op\t10240.00 MB/s", "       0 B/op\t       0 allocs/op"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char line[128], mem[128];
        testing_BenchmarkResult_String(cases[i].r, line, sizeof line);
        testing_BenchmarkResult_MemString(cases[i].r, mem, sizeof mem);
        CU_ASSERT_STRING_EQUAL(line, cases[i].line);
        CU_ASSERT_STRING_EQUAL(mem, cases[i].mem);
    }
}

static void
test_flags(void)
{
    CU_ASSERT_EQUAL(testing_SetFlag("test.benchtime", "0x"), -1);
    CU_ASSERT_EQUAL(testing_SetFlag("test.benchtime", "-1s"), -1);
    CU_ASSERT_EQUAL(testing_SetFlag("test.benchtime", "1fortnight"), -1);
    CU_ASSERT_EQUAL(testing_SetFlag("test.count", "two"), -1);
    CU_ASSERT_EQUAL(testing_SetFlag("test.benchmem", "maybe"), -1);
    CU_ASSERT_EQUAL(testing_SetFlag("test.nosuchflag", "1"), -1);
    CU_ASSERT_EQUAL(testing_SetFlag("test.benchtime", "1.5us"), 0);
    CU_ASSERT_EQUAL(testing_SetFlag("test.benchmem", "true"), 0);
}

int
main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite s = CU_add_suite("bench", NULL, NULL);
    CU_add_test(s, "allocations per op counted exactly, set-up excluded", test_counts);
    CU_add_test(s, "a timed run grows N to the benchmark time", test_time);
    CU_add_test(s, "lines in Go's format", test_format);
    CU_add_test(s, "bad flags refused", test_flags);
    return runTests();
}
