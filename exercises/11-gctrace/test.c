// Exercise 11-gctrace: graded tests.  Each test's name starts with its points.
// The expected values were printed by Go 1.19.8 itself, with a program that
// calls the runtime's own functions (an empty .s file in the package allows
// the bodyless declarations):
//
//     //go:linkname itoaDiv runtime.itoaDiv
//     func itoaDiv(buf []byte, val uint64, dec int) []byte
//     //go:linkname fmtNSAsMS runtime.fmtNSAsMS
//     func fmtNSAsMS(buf []byte, ns uint64) []byte
//     //go:linkname atoi32 runtime.atoi32
//     func atoi32(s string) (int32, bool)
//
// readGOGC(p) being "off" -> -1, else atoi32(p) if ok, else 100; and the goal
// computed as mgcpacer.go's commit and setGCPercent do, without stacks and
// globals: marked + marked*uint64(gcPercent)/100, at least
// defaultHeapMinimum*uint64(gcPercent)/100, ^uint64(0) when gcPercent < 0.
#include <stdio.h>
#include <string.h>
#include "grade.h"
#include "gctrace.h"

enum { bufLen = 24 };

static const struct {
    uint64_t val;
    int dec;
    const char *want;
} itoaCases[] = {
    {0u, 0, "00"}, // dec = 0 writes a digit and then the leading one: Go's quirk
    {7u, 0, "07"},
    {10u, 0, "10"},
    {12345u, 0, "12345"},
    {12345u, 3, "12.345"},
    {5u, 3, "0.005"},
    {7u, 1, "0.7"},
    {100u, 2, "1.00"},
    {0u, 3, "0.000"},
    {1u, 1, "0.1"},
    {999u, 3, "0.999"},
    {1000u, 3, "1.000"},
    {42u, 2, "0.42"},
    {10u, 1, "1.0"},
    {18446744073709551615u, 0, "18446744073709551615"},
    {18446744073709551615u, 5, "184467440737095.51615"},
};

static void
test_itoaDiv(void)
{
    for (size_t k = 0; k < sizeof itoaCases / sizeof itoaCases[0]; k++) {
        char buf[bufLen];
        memset(buf, 'x', sizeof buf);
        char *s = ex_itoaDiv(buf, sizeof buf, itoaCases[k].val, itoaCases[k].dec);
        CU_ASSERT_FATAL(s >= buf && s < buf + bufLen);
        CU_ASSERT_EQUAL(buf[bufLen - 1], '\0');
        CU_ASSERT_STRING_EQUAL(s, itoaCases[k].want);
        CU_ASSERT_PTR_EQUAL(s + strlen(s), buf + bufLen - 1); // right-aligned, as Go's slice
    }
}

static const struct {
    uint64_t ns;
    const char *want;
} nsCases[] = {
    {0u, "0"},
    {1u, "0"},
    {999u, "0"},
    {1000u, "0.001"},
    {1001u, "0.001"},
    {1999u, "0.001"},
    {5000u, "0.005"},
    {12345u, "0.012"},
    {99999u, "0.099"},
    {100000u, "0.10"},
    {123456u, "0.12"},
    {999999u, "0.99"},
    {1000000u, "1.0"},
    {1234567u, "1.2"},
    {9999999u, "9.9"},
    {10000000u, "10"},
    {10000001u, "10"},
    {10999999u, "10"},
    {123456789u, "123"},
    {3600000000000u, "3600000"},
    {18446744073709551615u, "18446744073709"},
};

static void
test_fmtNSAsMS(void)
{
    for (size_t k = 0; k < sizeof nsCases / sizeof nsCases[0]; k++) {
        char buf[bufLen];
        memset(buf, 'x', sizeof buf);
        char *s = ex_fmtNSAsMS(buf, sizeof buf, nsCases[k].ns);
        CU_ASSERT_FATAL(s >= buf && s < buf + bufLen);
        CU_ASSERT_STRING_EQUAL(s, nsCases[k].want);
    }
}

static const struct {
    const char *value;
    int32_t want;
} gogcCases[] = {
    {"off", -1},
    {"OFF", 100},
    {"off ", 100},
    {"100", 100},
    {"50", 50},
    {"0", 0},
    {"007", 7},
    {"-1", -1},
    {"-5", -5}, // negative, and kept as it is: any negative value turns the collector off
    {"2147483647", 2147483647},
    {"2147483648", 100}, // does not fit in an int32
    {"-2147483648", -2147483647 - 1},
    {"-2147483649", 100},
    {"", 100},
    {"+20", 100}, // atoi64 takes no '+'
    {"abc", 100},
    {"12a", 100},
    {" 50", 100},
    {"50 ", 100},
    {"-", 0}, // a '-' and no digits: atoi64 accepts it as 0
    {"--5", 100},
    {"0x10", 100},
    {"1e3", 100},
    {"99999999999", 100},
    {"9223372036854775808", 100},
    {"-9223372036854775808", 100}, // an int64, not an int32
    {"18446744073709551616", 100}, // overflows uint64
};

static void
test_readGOGC(void)
{
    for (size_t k = 0; k < sizeof gogcCases / sizeof gogcCases[0]; k++) {
        int32_t got = ex_readGOGC(gogcCases[k].value);
        CU_ASSERT_EQUAL(got, gogcCases[k].want);
        if (got != gogcCases[k].want)
            printf("\n  GOGC=\"%s\": got %d, want %d", gogcCases[k].value, got, gogcCases[k].want);
    }
    CU_ASSERT_EQUAL(ex_readGOGC(NULL), 100); // not set
}

static const struct {
    uint64_t marked;
    int32_t gcpercent;
    uint64_t want;
} goalCases[] = {
    {0u, 100, 4194304u}, // before the first cycle: the heap minimum
    {0u, 50, 2097152u},
    {0u, 0, 0u},
    {0u, -1, 18446744073709551615u},
    {104857600u, -1, 18446744073709551615u},
    {104857600u, -5, 18446744073709551615u},
    {10485760u, 100, 20971520u},
    {10485760u, 0, 10485760u},
    {3145728u, 100, 6291456u},
    {1048576u, 100, 4194304u},
    {4194303u, 100, 8388606u},
    {4194305u, 0, 4194305u},
    {10000099u, 33, 13300131u}, // multiply, then divide
    {199u, 150, 6291456u},
    {5242880u, 1, 5295308u},
    {123456789u, 250, 432098761u},
    {1099511627776u, 100, 2199023255552u},
    {7u, 2147483647, 90071992505466u},
};

static void
test_heapGoal(void)
{
    for (size_t k = 0; k < sizeof goalCases / sizeof goalCases[0]; k++)
        CU_ASSERT_EQUAL(ex_heapGoal(goalCases[k].marked, goalCases[k].gcpercent), goalCases[k].want);
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("11-gctrace", NULL, NULL);
    CU_add_test(s, "[2] itoaDiv: digits, the decimal point, right-aligned", test_itoaDiv);
    CU_add_test(s, "[3] fmtNSAsMS: whole ms from 10 ms, else two significant digits", test_fmtNSAsMS);
    CU_add_test(s, "[3] readGOGC: off, atoi32's numbers, 100 for anything else", test_readGOGC);
    CU_add_test(s, "[2] the heap goal and the heap minimum", test_heapGoal);
}
