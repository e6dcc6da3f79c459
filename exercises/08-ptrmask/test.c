// Exercise 08-ptrmask: graded tests.  Each test's name starts with its points.
#include <string.h>
#include "grade.h"
#include "ptrmask.h"

static void
test_noPointers(void)
{
    uint8_t mask[4] = {0xee, 0xee, 0xee, 0xee};
    uintptr_t ptrdata = 99;
    CU_ASSERT_EQUAL(ex_typeMask(24, NULL, 0, &ptrdata, mask, sizeof mask), 0);
    CU_ASSERT_EQUAL(ptrdata, 0);
    CU_ASSERT_EQUAL(mask[0], 0xee); // no byte of mask written
}

static void
test_small(void)
{
    uint8_t mask[4];
    uintptr_t ptrdata;
    // struct pair { void *p, *q; long n; }
    static const uintptr_t pair[] = {0, 8};
    memset(mask, 0xee, sizeof mask);
    CU_ASSERT_EQUAL(ex_typeMask(24, pair, 2, &ptrdata, mask, sizeof mask), 0);
    CU_ASSERT_EQUAL(ptrdata, 16);
    CU_ASSERT_EQUAL(mask[0], 0x03);
    CU_ASSERT_EQUAL(mask[1], 0xee);
    // struct { long a; void *p; long b, c; void *q; long d; }, offsets in any order
    static const uintptr_t mixed[] = {32, 8};
    memset(mask, 0xee, sizeof mask);
    CU_ASSERT_EQUAL(ex_typeMask(48, mixed, 2, &ptrdata, mask, sizeof mask), 0);
    CU_ASSERT_EQUAL(ptrdata, 40);
    CU_ASSERT_EQUAL(mask[0], 0x12);
    static const uintptr_t twice[] = {8, 8};
    CU_ASSERT_EQUAL(ex_typeMask(16, twice, 2, &ptrdata, mask, sizeof mask), 0);
    CU_ASSERT_EQUAL(ptrdata, 16);
    CU_ASSERT_EQUAL(mask[0], 0x02);
}

static void
test_large(void)
{
    // 20 words, pointers in words 0, 9 and 17: 18 words of ptrdata, 3 bytes of mask.
    static const uintptr_t offs[] = {136, 0, 72};
    uint8_t mask[4] = {0xff, 0xff, 0xff, 0xee};
    uintptr_t ptrdata = 99;
    CU_ASSERT_EQUAL(ex_typeMask(160, offs, 3, &ptrdata, mask, 2), -1); // no room
    CU_ASSERT_EQUAL(ptrdata, 99);
    CU_ASSERT_EQUAL(ex_typeMask(160, offs, 3, &ptrdata, mask, sizeof mask), 0);
    CU_ASSERT_EQUAL(ptrdata, 144);
    CU_ASSERT_EQUAL(mask[0], 0x01);
    CU_ASSERT_EQUAL(mask[1], 0x02);
    CU_ASSERT_EQUAL(mask[2], 0x02);
    CU_ASSERT_EQUAL(mask[3], 0xee);
}

static void
test_bad(void)
{
    uint8_t mask[4] = {0xee, 0xee, 0xee, 0xee};
    uintptr_t ptrdata = 99;
    static const uintptr_t four[] = {4}, eight[] = {8}, sixteen[] = {16}, some[] = {0, 8, 20};
    CU_ASSERT_EQUAL(ex_typeMask(12, four, 1, &ptrdata, mask, sizeof mask), -1);   // misaligned
    CU_ASSERT_EQUAL(ex_typeMask(12, eight, 1, &ptrdata, mask, sizeof mask), -1);  // past the end
    CU_ASSERT_EQUAL(ex_typeMask(16, sixteen, 1, &ptrdata, mask, sizeof mask), -1);
    CU_ASSERT_EQUAL(ex_typeMask(32, some, 3, &ptrdata, mask, sizeof mask), -1);   // one bad of three
    CU_ASSERT_EQUAL(ptrdata, 99);
    CU_ASSERT_EQUAL(mask[0], 0xee);
    CU_ASSERT_EQUAL(ex_typeMask(16, eight, 1, &ptrdata, mask, sizeof mask), 0);   // the last word
    CU_ASSERT_EQUAL(ptrdata, 16);
}

static void
test_scanSize(void)
{
    CU_ASSERT_EQUAL(ex_scanSize(24, 24, 16), 16);
    CU_ASSERT_EQUAL(ex_scanSize(240, 24, 16), 9 * 24 + 16);
    CU_ASSERT_EQUAL(ex_scanSize(8, 8, 8), 8);
    CU_ASSERT_EQUAL(ex_scanSize(4096, 64, 8), 4096 - 64 + 8);
}

static void
test_array(void)
{
    uint8_t mask[4];
    uintptr_t ptrdata;
    static const uint8_t pairMask[] = {0x03}, ptrMask[] = {0x01};
    memset(mask, 0xee, sizeof mask);
    CU_ASSERT_EQUAL(ex_arrayMask(24, 16, pairMask, 4, &ptrdata, mask, sizeof mask), 0);
    CU_ASSERT_EQUAL(ptrdata, 3 * 24 + 16);
    CU_ASSERT_EQUAL(mask[0], 0xdb);
    CU_ASSERT_EQUAL(mask[1], 0x06);
    CU_ASSERT_EQUAL(mask[2], 0xee);
    CU_ASSERT_EQUAL(ptrdata, ex_scanSize(4 * 24, 24, 16));
    CU_ASSERT_EQUAL(ex_arrayMask(24, 16, pairMask, 1, &ptrdata, mask, sizeof mask), 0);
    CU_ASSERT_EQUAL(ptrdata, 16);
    CU_ASSERT_EQUAL(mask[0], 0x03);
    CU_ASSERT_EQUAL(ex_arrayMask(24, 16, pairMask, 0, &ptrdata, mask, sizeof mask), 0);
    CU_ASSERT_EQUAL(ptrdata, 0);
    memset(mask, 0, sizeof mask);
    CU_ASSERT_EQUAL(ex_arrayMask(8, 8, ptrMask, 20, &ptrdata, mask, sizeof mask), 0); // [20]*T
    CU_ASSERT_EQUAL(ptrdata, 160);
    CU_ASSERT(mask[0] == 0xff && mask[1] == 0xff && mask[2] == 0x0f && mask[3] == 0);
    CU_ASSERT_EQUAL(ex_arrayMask(8, 8, ptrMask, 40, &ptrdata, mask, sizeof mask), -1); // 5 bytes
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("08-ptrmask", NULL, NULL);
    CU_add_test(s, "[1] a type without pointers", test_noPointers);
    CU_add_test(s, "[2] ptrdata and mask of small structs", test_small);
    CU_add_test(s, "[2] a mask of several bytes, exactly", test_large);
    CU_add_test(s, "[2] bad offsets are refused", test_bad);
    CU_add_test(s, "[1] the scan size of a value and of an array", test_scanSize);
    CU_add_test(s, "[2] the mask of an array", test_array);
}
