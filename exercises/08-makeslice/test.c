// Exercise 08-makeslice: graded tests.  Each test's name starts with its points.
#include "grade.h"
#include "runtime.h"
#include "makeslice.h"

#define MAX UINTPTR_MAX

static void
test_mul(void)
{
    int o = -1;
    CU_ASSERT_EQUAL(ex_mulUintptr(3, 5, &o), 15);
    CU_ASSERT_EQUAL(o, 0);
    CU_ASSERT_EQUAL(ex_mulUintptr(0, MAX, &o), 0);
    CU_ASSERT_EQUAL(o, 0);
    ex_mulUintptr(MAX, 0, &o);
    CU_ASSERT_EQUAL(o, 0);
    ex_mulUintptr((uintptr_t)1 << 32, (uintptr_t)1 << 32, &o);
    CU_ASSERT_EQUAL(o, 1);
    CU_ASSERT_EQUAL(ex_mulUintptr(0xffffffff, 0x100000001, &o), MAX); // just fits
    CU_ASSERT_EQUAL(o, 0);
    ex_mulUintptr(3, MAX / 3, &o);
    CU_ASSERT_EQUAL(o, 0);
    ex_mulUintptr(3, MAX / 3 + 1, &o);
    CU_ASSERT_EQUAL(o, 1);
    ex_mulUintptr(2, (uintptr_t)1 << 63, &o);
    CU_ASSERT_EQUAL(o, 1);
    CU_ASSERT_EQUAL(ex_mulUintptr((uintptr_t)1 << 31, (uintptr_t)1 << 31, &o), (uintptr_t)1 << 62);
    CU_ASSERT_EQUAL(o, 0);
}

static void
test_ok(void)
{
    uintptr_t mem = 12345;
    CU_ASSERT_EQUAL(ex_makeslice(8, 3, 10, &mem), ex_sliceOK);
    CU_ASSERT_EQUAL(mem, 80);
    CU_ASSERT_EQUAL(ex_makeslice(24, 5, 5, &mem), ex_sliceOK);
    CU_ASSERT_EQUAL(mem, 120);
    CU_ASSERT_EQUAL(ex_makeslice(8, 0, 0, &mem), ex_sliceOK);
    CU_ASSERT_EQUAL(mem, 0);
    CU_ASSERT_EQUAL(ex_makeslice(0, (intptr_t)1 << 62, (intptr_t)1 << 62, &mem), ex_sliceOK);
    CU_ASSERT_EQUAL(mem, 0); // make([]struct{}, 1<<62) is fine
    CU_ASSERT_EQUAL(ex_makeslice(8, 0, (intptr_t)1 << 45, &mem), ex_sliceOK);
    CU_ASSERT_EQUAL(mem, EX_MAXALLOC); // exactly maxAlloc
}

static void
test_len(void)
{
    uintptr_t mem = 777;
    CU_ASSERT_EQUAL(ex_makeslice(8, -1, 10, &mem), ex_errLen);
    CU_ASSERT_EQUAL(ex_makeslice(8, -1, -1, &mem), ex_errLen);
    CU_ASSERT_EQUAL(ex_makeslice(0, -1, 5, &mem), ex_errLen);
    // make([]T, n) with n too large: len and cap are both bad; len is blamed.
    CU_ASSERT_EQUAL(ex_makeslice(8, (intptr_t)1 << 62, (intptr_t)1 << 62, &mem), ex_errLen);
    CU_ASSERT_EQUAL(ex_makeslice(8, ((intptr_t)1 << 45) + 1, ((intptr_t)1 << 45) + 1, &mem), ex_errLen);
    CU_ASSERT_EQUAL(mem, 777); // untouched
}

static void
test_cap(void)
{
    uintptr_t mem = 777;
    CU_ASSERT_EQUAL(ex_makeslice(8, 11, 10, &mem), ex_errCap);
    CU_ASSERT_EQUAL(ex_makeslice(0, 6, 5, &mem), ex_errCap);
    CU_ASSERT_EQUAL(ex_makeslice(8, 1, (intptr_t)1 << 62, &mem), ex_errCap); // overflows
    CU_ASSERT_EQUAL(ex_makeslice(8, 5, -1, &mem), ex_errCap);
    CU_ASSERT_EQUAL(ex_makeslice(1, 0, -1, &mem), ex_errCap);
    CU_ASSERT_EQUAL(ex_makeslice(8, 0, ((intptr_t)1 << 45) + 1, &mem), ex_errCap); // above maxAlloc
    CU_ASSERT_EQUAL(mem, 777);
}

static void
test_roundupsize(void)
{
    CU_ASSERT_EQUAL(ex_roundupsize(0), 0);
    for (uintptr_t size = 1; size <= _MaxSmallSize; size++) {
        int c = 1;
        while (class_to_size[c] < size)
            c++;
        if (ex_roundupsize(size) != class_to_size[c]) {
            CU_FAIL("a small size is not rounded to its class");
            return;
        }
    }
    CU_ASSERT_EQUAL(ex_roundupsize(_MaxSmallSize + 1), 40960);
    CU_ASSERT_EQUAL(ex_roundupsize(1 << 20), 1 << 20);
    CU_ASSERT_EQUAL(ex_roundupsize((1 << 20) + 1), (1 << 20) + 8192);
    CU_ASSERT_EQUAL(ex_roundupsize(MAX - 100), MAX - 100);
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("08-makeslice", NULL, NULL);
    CU_add_test(s, "[2] MulUintptr detects overflow", test_mul);
    CU_add_test(s, "[2] good slices: the bytes to allocate", test_ok);
    CU_add_test(s, "[2] len out of range", test_len);
    CU_add_test(s, "[2] cap out of range", test_cap);
    CU_add_test(s, "[2] roundupsize: what mallocgc really hands out", test_roundupsize);
}
