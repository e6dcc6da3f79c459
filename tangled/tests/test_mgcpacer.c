// tangled from chapters/16-mgcpacer.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Tests of the pacer: the memory limit (chapter 16).
#include <math.h>
#include <regex.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "testing.h"
#include "runtime.h"

static void
test_parseByteCount(void)
{
    static const struct {
        const char *in;
        bool ok;
        int64 want;
    } cases[] = {
        {"0", true, 0},
        {"1", true, 1},
        {"123B", true, 123},
        {"1KiB", true, 1024},
        {"3MiB", true, 3 << 20},
        {"2GiB", true, 2LL << 30},
        {"5TiB", true, 5LL << 40},
        {"9223372036854775807", true, INT64_MAX},
        {"9223372036854775807B", true, INT64_MAX},
        {"8388607TiB", true, 8388607LL << 40},
        {"-0", true, 0},
        {"-0B", true, 0},
        {"-", false, 0},
        {"", false, 0},
        {"B", false, 0},
        {"KiB", false, 0},
        {"iB", false, 0},
        {"1G", false, 0},
        {"1GB", false, 0},
        {"1K", false, 0},
        {"1kiB", false, 0},
        {"1PiB", false, 0},
        {"-1", false, 0},
        {"-1B", false, 0},
        {"+1", false, 0},
        {" 1", false, 0},
        {"1 ", false, 0},
        {"9223372036854775808", false, 0},
        {"8388608TiB", false, 0},
        {"18446744073709551616KiB", false, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64 n = -42;
        bool ok = parseByteCount(cases[i].in, strlen(cases[i].in), &n);
        CU_ASSERT_EQUAL(ok, cases[i].ok);
        if (ok != cases[i].ok || (ok && n != cases[i].want))
            fprintf(stderr, "parseByteCount(\"%s\") = %lld, %d\n", cases[i].in, (long long)n, ok);
        if (ok)
            CU_ASSERT_EQUAL(n, cases[i].want);
    }
}

static void
test_setMemoryLimit(void)
{
    CU_ASSERT_EQUAL(debug_SetMemoryLimit(-1), INT64_MAX); // the tests run without GOMEMLIMIT
    CU_ASSERT_EQUAL(debug_SetMemoryLimit(1LL << 40), INT64_MAX);
    CU_ASSERT_EQUAL(debug_SetMemoryLimit(-5), 1LL << 40);
    CU_ASSERT_EQUAL(debug_SetMemoryLimit(INT64_MAX), 1LL << 40);
    CU_ASSERT_EQUAL(debug_SetMemoryLimit(-1), INT64_MAX);
}

// With GOGC off, the limit alone paces the collector.
static void
test_limitKeepsMemoryUnder(void)
{
    runtime_GC();
    uint64 ready0 = atomic_Load64(&gcController.mappedReady);
    int64 limit = (int64)ready0 + (48 << 20);
    int oldPercent = debug_SetGCPercent(-1);
    debug_SetMemoryLimit(limit);
    runtime_MemStats ms0, ms1;
    runtime_ReadMemStats(&ms0);
    enum { nkeep = 64 };
    static void *keep[nkeep]; // 64 x 64 KiB = 4 MiB live, in a global root
    uint64 maxReady = 0;
    for (int i = 0; i < 8192; i++) { // 512 MiB of garbage, ten times the room
        void *p = runtime_mallocgc(64 << 10, NULL, 1);
        GOMM_STORE(keep[i % nkeep], p);
        uint64 r = atomic_Load64(&gcController.mappedReady);
        if (r > maxReady)
            maxReady = r;
    }
    runtime_ReadMemStats(&ms1);
    CU_ASSERT(ms1.NumGC - ms0.NumGC >= 5);
    uint64 bound = (uint64)limit + (uint64)limit / 16; // Go's own test allows 16 MiB over 256 MiB
    CU_ASSERT(maxReady <= bound);
    if (getenv("GOMM_TEST_VERBOSE") || maxReady > bound || ms1.NumGC - ms0.NumGC < 5)
        fprintf(stderr, "limit %lld: mapped ready at most %llu, %u cycles\n", (long long)limit,
                (unsigned long long)maxReady, ms1.NumGC - ms0.NumGC);
    CU_ASSERT(ms1.NextGC <= (uint64)limit);
    runtime_memclrHasPointers(keep, sizeof keep);
    debug_SetMemoryLimit(INT64_MAX);
    debug_SetGCPercent(oldPercent);
}

static void
readMalformed(void)
{
    setenv("GOMEMLIMIT", "1G", 1);
    readGOMEMLIMIT();
}

static void
test_malformedGOMEMLIMIT(void)
{
    CU_ASSERT_EQUAL(inchild(readMalformed), 2);
    CU_ASSERT_STRING_EQUAL(childerr,
                           "GOMEMLIMIT=1G\n"
                           "fatal error: malformed GOMEMLIMIT; see `go doc runtime/debug.SetMemoryLimit`\n");
}

// What Go 1.19's println prints for the same values (print.go:printfloat).
static void
test_printfloat(void)
{
    static const struct {
        double v;
        const char *want;
    } cases[] = {
        {0, "+0.000000e+000"},          {1, "+1.000000e+000"},          {0.1569332, "+1.569332e-001"},
        {-2.5, "-2.500000e+000"},       {123456789, "+1.234568e+008"},  {9.9999999, "+1.000000e+001"},
        {1e-300, "+1.000000e-300"},     {0.25, "+2.500000e-001"},       {-0.0, "-0.000000e+000"},
        {INFINITY, "+Inf"},             {-INFINITY, "-Inf"},            {NAN, "NaN"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int fd[2];
        CU_ASSERT_FATAL(pipe(fd) == 0);
        int saved = dup(2);
        dup2(fd[1], 2);
        printfloat(cases[i].v);
        dup2(saved, 2);
        close(saved);
        close(fd[1]);
        char got[64] = {0};
        ssize_t n = read(fd[0], got, sizeof got - 1);
        close(fd[0]);
        CU_ASSERT(n > 0 && strcmp(got, cases[i].want) == 0);
        if (n <= 0 || strcmp(got, cases[i].want) != 0)
            fprintf(stderr, "printfloat: got %s, want %s\n", got, cases[i].want);
    }
}

// The pacer: line, field by field (GODEBUG=gcpacertrace=1), of a child whose allocation
// starts its cycles (a forced cycle may start below the trigger, and Go then prints nothing).
// Its live heap, 16 MiB of linked 64-byte objects, makes each mark long enough for the
// allocation to go on during it: a mark in which nothing is allocated prints no line.
struct pacerNode {
    struct pacerNode *next;
    uint64 pad[7];
};
GOMM_TYPE(pacerNodeType, struct pacerNode, offsetof(struct pacerNode, next));
static struct pacerNode *pacerList;

static int
pacerChild(void)
{
    for (int i = 0; i < 262144; i++) {
        struct pacerNode *n = runtime_new(&pacerNodeType);
        GOMM_STORE(n->next, pacerList);
        GOMM_STORE(pacerList, n);
    }
    for (int i = 0; i < 200000; i++) // 200 MiB of garbage: about ten cycles
        runtime_mallocgc(1024, NULL, 1);
    return 0;
}

static void
test_pacertrace(void)
{
    char out[8192];
    CU_ASSERT_EQUAL(runself("pacertrace", "GODEBUG=gcpacertrace=1", out, sizeof out), 0);
    regex_t re;
    CU_ASSERT_FATAL(regcomp(&re,
                            "^pacer: [0-9]+% CPU \\(25 exp\\.\\) for [0-9]+\\+[0-9]+\\+[0-9]+ B work "
                            "\\([0-9]+ B exp\\.\\) in [0-9]+ B -> [0-9]+ B \\(\u2206goal -?[0-9]+, "
                            "cons/mark [+-][0-9]\\.[0-9]{6}e[+-][0-9]{3}\\)$",
                            REG_EXTENDED | REG_NEWLINE) == 0);
    int lines = 0;
    for (char *l = strtok(out, "\n"); l != NULL; l = strtok(NULL, "\n")) {
        if (strncmp(l, "pacer: assist ratio=", 20) == 0)
            continue; // the line of a mark's start: chapter 17's, tested there
        lines++;
        CU_ASSERT(regexec(&re, l, 0, NULL, 0) == 0);
        if (regexec(&re, l, 0, NULL, 0) != 0)
            printf("\n%s\n", l);
    }
    CU_ASSERT(lines >= 2);
    if (lines < 2)
        printf("\n%d lines: %s\n", lines, out);
    regfree(&re);
}

int
main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "pacertrace") == 0)
        return pacerChild();
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite s = CU_add_suite("mgcpacer", NULL, NULL);
    CU_add_test(s, "parseByteCount as Go's", test_parseByteCount);
    CU_add_test(s, "a malformed GOMEMLIMIT stops the program with Go's message", test_malformedGOMEMLIMIT);
    CU_add_test(s, "debug_SetMemoryLimit returns the previous limit", test_setMemoryLimit);
    CU_add_test(s, "with GOGC off, the limit keeps mapped memory under it", test_limitKeepsMemoryUnder);
    CU_add_test(s, "printfloat prints as Go's println", test_printfloat);
    CU_add_test(s, "the pacer: line of GODEBUG=gcpacertrace=1", test_pacertrace);
    return runTests();
}
