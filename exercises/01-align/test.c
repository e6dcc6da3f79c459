// Exercise 01-align: graded tests.  Each test's name starts with its points.
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "grade.h"
#include "align.h"

// The first 20 object sizes of Go's size classes (sizeclasses.go), class 1 on.
static const uint16_t goClasses[] = {8, 16, 24, 32, 48, 64, 80, 96, 112, 128,
                                     144, 160, 176, 192, 208, 224, 240, 256, 288, 320};
enum { nGoClasses = sizeof goClasses / sizeof goClasses[0] };

static void
test_align(void)
{
    CU_ASSERT_EQUAL(ex_alignUp(0, 8), 0);
    CU_ASSERT_EQUAL(ex_alignUp(1, 8), 8);
    CU_ASSERT_EQUAL(ex_alignUp(8, 8), 8);
    CU_ASSERT_EQUAL(ex_alignUp(8193, 8192), 16384);
    CU_ASSERT_EQUAL(ex_alignUp(0x1234567, 1 << 21), 0x1400000);
    CU_ASSERT_EQUAL(ex_alignDown(0, 8), 0);
    CU_ASSERT_EQUAL(ex_alignDown(15, 8), 8);
    CU_ASSERT_EQUAL(ex_alignDown(0x1234567, 1 << 21), 0x1200000);
    CU_ASSERT_EQUAL(ex_alignDown(UINTPTR_MAX, 4096), UINTPTR_MAX - 4095);
    for (uintptr_t n = 0; n < 5000; n += 7)
        for (uintptr_t a = 1; a <= 4096; a *= 2) {
            uintptr_t u = ex_alignUp(n, a), d = ex_alignDown(n, a);
            CU_ASSERT(u % a == 0 && u >= n && u - n < a);
            CU_ASSERT(d % a == 0 && d <= n && n - d < a);
        }
}

static void
test_minAlign(void)
{
    CU_ASSERT_EQUAL(ex_minAlign(48), 16);
    CU_ASSERT_EQUAL(ex_minAlign(8), 8);
    CU_ASSERT_EQUAL(ex_minAlign(24), 8);
    CU_ASSERT_EQUAL(ex_minAlign(1152), 128);
    CU_ASSERT_EQUAL(ex_minAlign(8192), 8192);
    CU_ASSERT_EQUAL(ex_minAlign(32768), 8192);
    CU_ASSERT_EQUAL(ex_minAlign(0), 8192);
}

static void
test_roundupWaste(void)
{
    CU_ASSERT_EQUAL(ex_roundupWaste(33, goClasses, nGoClasses), 15);
    CU_ASSERT_EQUAL(ex_roundupWaste(1, goClasses, nGoClasses), 7);
    CU_ASSERT_EQUAL(ex_roundupWaste(48, goClasses, nGoClasses), 0);
    CU_ASSERT_EQUAL(ex_roundupWaste(257, goClasses, nGoClasses), 31);
    CU_ASSERT_EQUAL(ex_roundupWaste(321, goClasses, nGoClasses), -1);
    // Every request is served by the smallest class that fits; above 128
    // bytes, by Go's 12.5% rule, no request wastes more than 1/8 of its block.
    for (uintptr_t n = 1; n <= 320; n++) {
        long w = ex_roundupWaste(n, goClasses, nGoClasses);
        int i = 0;
        while (goClasses[i] < n)
            i++;
        CU_ASSERT_EQUAL(w, (long)(goClasses[i] - n));
        if (n > 128)
            CU_ASSERT((uintptr_t)w * 8 <= n + (uintptr_t)w);
    }
}

static void
test_tailWaste(void)
{
    CU_ASSERT_EQUAL(ex_tailWaste(8192, 48), 32);
    CU_ASSERT_EQUAL(ex_tailWaste(8192, 8), 0);
    CU_ASSERT_EQUAL(ex_tailWaste(3 * 8192, 1152), 384);
}

static void
test_externalFrag(void)
{
    int largest;
    const uint8_t allFree[8] = {1, 1, 1, 1, 1, 1, 1, 1};
    CU_ASSERT_DOUBLE_EQUAL(ex_externalFrag(allFree, 8, &largest), 0.0, 1e-9);
    CU_ASSERT_EQUAL(largest, 8);
    const uint8_t none[4] = {0, 0, 0, 0};
    CU_ASSERT_DOUBLE_EQUAL(ex_externalFrag(none, 4, &largest), 0.0, 1e-9);
    CU_ASSERT_EQUAL(largest, 0);
    const uint8_t checker[8] = {1, 0, 1, 0, 1, 0, 1, 0};
    CU_ASSERT_DOUBLE_EQUAL(ex_externalFrag(checker, 8, &largest), 0.75, 1e-9);
    CU_ASSERT_EQUAL(largest, 1);
    const uint8_t mixed[10] = {0, 1, 1, 0, 1, 1, 1, 0, 0, 1};
    CU_ASSERT_DOUBLE_EQUAL(ex_externalFrag(mixed, 10, &largest), 1 - 3.0 / 6, 1e-9);
    CU_ASSERT_EQUAL(largest, 3);
    const uint8_t tail[5] = {0, 0, 1, 1, 1};
    CU_ASSERT_DOUBLE_EQUAL(ex_externalFrag(tail, 5, &largest), 0.0, 1e-9);
    CU_ASSERT_EQUAL(largest, 3);
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("01-align", NULL, NULL);
    CU_add_test(s, "[2] alignUp and alignDown", test_align);
    CU_add_test(s, "[2] minimum alignment of a size class", test_minAlign);
    CU_add_test(s, "[3] internal fragmentation of rounding", test_roundupWaste);
    CU_add_test(s, "[1] tail waste of a span", test_tailWaste);
    CU_add_test(s, "[2] external fragmentation of free pages", test_externalFrag);
}
