// Exercise 16-bytecount: graded tests.  Each test's name starts with its points.
#include <string.h>
#include "grade.h"
#include "bytecount.h"

struct bcase {
    const char *in;
    bool ok;
    int64_t want;
};

static int
check(const struct bcase *c, size_t n)
{
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        int64_t got = -42;
        bool ok = ex_parseByteCount(c[i].in, strlen(c[i].in), &got);
        bad += ok != c[i].ok || (ok && got != c[i].want) || (!ok && got != -42);
    }
    return bad;
}

static void
test_plain(void)
{
    static const struct bcase c[] = {
        {"0", true, 0},       {"1", true, 1},          {"4096", true, 4096}, {"007", true, 7},
        {"123B", true, 123},  {"0B", true, 0},         {"-0", true, 0},      {"-0B", true, 0},
        {"", false, 0},       {"B", false, 0},         {"-", false, 0},      {"-1", false, 0},
        {"-7B", false, 0},    {"+1", false, 0},        {" 1", false, 0},     {"1 ", false, 0},
        {"1.5", false, 0},    {"0x10", false, 0},      {"1b", false, 0},
    };
    CU_ASSERT_EQUAL(check(c, sizeof c / sizeof c[0]), 0);
}

static void
test_units(void)
{
    static const struct bcase c[] = {
        {"1KiB", true, 1024},         {"3MiB", true, 3 << 20},   {"2GiB", true, 2LL << 30},
        {"5TiB", true, 5LL << 40},    {"0KiB", true, 0},         {"-0MiB", true, 0},
        {"1K", false, 0},             {"1KB", false, 0},         {"1G", false, 0},
        {"1GB", false, 0},            {"1kiB", false, 0},        {"1PiB", false, 0},
        {"1EiB", false, 0},           {"KiB", false, 0},         {"iB", false, 0},
        {"1.5GiB", false, 0},         {"1 GiB", false, 0},       {"1Ki", false, 0},
        {"1iB", false, 0},
    };
    CU_ASSERT_EQUAL(check(c, sizeof c / sizeof c[0]), 0);
}

static void
test_overflow(void)
{
    static const struct bcase c[] = {
        {"9223372036854775807", true, INT64_MAX},
        {"9223372036854775807B", true, INT64_MAX},
        {"9223372036854775808", false, 0},
        {"-9223372036854775808", false, 0},
        {"18446744073709551616", false, 0},
        {"8388607TiB", true, 8388607LL << 40},
        {"8388608TiB", false, 0},
        {"9007199254740991KiB", true, 9007199254740991LL * 1024},
        {"9007199254740992KiB", false, 0},  // 2^63: fits 64 unsigned bits, not int64
        {"18014398509481984KiB", false, 0}, // 2^64: beyond even 64 unsigned bits
        {"99999999999999999999KiB", false, 0},
    };
    CU_ASSERT_EQUAL(check(c, sizeof c / sizeof c[0]), 0);
}

static void
test_read(void)
{
    CU_ASSERT_EQUAL(ex_readGOMEMLIMIT(NULL), INT64_MAX);
    CU_ASSERT_EQUAL(ex_readGOMEMLIMIT(""), INT64_MAX);
    CU_ASSERT_EQUAL(ex_readGOMEMLIMIT("off"), INT64_MAX);
    CU_ASSERT_EQUAL(ex_readGOMEMLIMIT("Off"), -1);
    CU_ASSERT_EQUAL(ex_readGOMEMLIMIT("64MiB"), 64 << 20);
    CU_ASSERT_EQUAL(ex_readGOMEMLIMIT("1G"), -1);
    CU_ASSERT_EQUAL(ex_readGOMEMLIMIT("-0"), 0);
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("16-bytecount", NULL, NULL);
    CU_add_test(s, "[3] plain counts and B: digits, signs, spaces", test_plain);
    CU_add_test(s, "[3] KiB, MiB, GiB, TiB, and what is not a unit", test_units);
    CU_add_test(s, "[2] overflow of int64, before and after the unit", test_overflow);
    CU_add_test(s, "[2] readGOMEMLIMIT: unset, empty, off, malformed", test_read);
}
