// Exercise 09-decode: graded tests.  Each test's name starts with its points.
#include <string.h>
#include "grade.h"
#include "decode.h"

static void
test_decode(void)
{
    int p, s;
    ex_decode(0x3b, 0, &p, &s);
    CU_ASSERT(p == 1 && s == 1);
    ex_decode(0x3b, 1, &p, &s);
    CU_ASSERT(p == 1 && s == 1);
    ex_decode(0x3b, 2, &p, &s);
    CU_ASSERT(p == 0 && s == 0);
    ex_decode(0x3b, 3, &p, &s);
    CU_ASSERT(p == 1 && s == 0);
    ex_decode(0xc4, 2, &p, &s);
    CU_ASSERT(p == 1 && s == 1);
    ex_decode(0xc4, 3, &p, &s);
    CU_ASSERT(p == 0 && s == 1);
}

static void
test_decode_all(void)
{
    for (int b = 0; b < 256; b++)
        for (int w = 0; w < 4; w++) {
            int p, s;
            ex_decode((uint8_t)b, w, &p, &s);
            if (p != (b >> w & 1) || s != (b >> (4 + w) & 1)) {
                CU_FAIL("wrong bits");
                return;
            }
        }
}

static void
test_encode(void)
{
    CU_ASSERT_EQUAL(ex_encode(0x5, 0x7), 0x75);
    CU_ASSERT_EQUAL(ex_encode(0x4, 0xc), 0xc4);
    CU_ASSERT_EQUAL(ex_encode(0, 0), 0);
    for (unsigned v = 0; v < 256; v++) {
        int p, s;
        unsigned ptrs = 0, scans = 0;
        for (int w = 0; w < 4; w++) {
            ex_decode((uint8_t)v, w, &p, &s);
            ptrs |= (unsigned)(p & 1) << w;
            scans |= (unsigned)(s & 1) << w;
        }
        if (ex_encode(ptrs, scans) != v) {
            CU_FAIL("encode is not the inverse of decode");
            return;
        }
    }
}

// The bitmap chapter 9's showbits printed: three 6-word tree nodes.
static const uint8_t nodes[] = {0x75, 0xc4, 0x11, 0x75, 0x00};

static void
test_pointerWords(void)
{
    uintptr_t ptrs[8];
    CU_ASSERT_EQUAL(ex_pointerWords(nodes, 0, 6, ptrs), 2);
    CU_ASSERT(ptrs[0] == 0 && ptrs[1] == 2);
    memset(ptrs, 0xff, sizeof ptrs);
    CU_ASSERT_EQUAL(ex_pointerWords(nodes, 6, 6, ptrs), 2); // starts mid-byte
    CU_ASSERT(ptrs[0] == 0 && ptrs[1] == 2);
    CU_ASSERT_EQUAL(ex_pointerWords(nodes, 12, 6, ptrs), 2);
    CU_ASSERT_EQUAL(ex_pointerWords(nodes, 3, 3, ptrs), 0); // a dead word first
}

static void
test_pointerWords_limits(void)
{
    // A fully described 8-word object: all scan, pointers at 1, 6 and 7.
    const uint8_t full[] = {0xf2, 0xfc, 0xff};
    uintptr_t ptrs[8];
    CU_ASSERT_EQUAL(ex_pointerWords(full, 0, 8, ptrs), 3);
    CU_ASSERT(ptrs[0] == 1 && ptrs[1] == 6 && ptrs[2] == 7);
    CU_ASSERT_EQUAL(ex_pointerWords(full, 0, 7, ptrs), 2); // stops at maxWords
    // A stale pointer bit after the dead word is not reported.
    const uint8_t stale[] = {0x1b};
    CU_ASSERT_EQUAL(ex_pointerWords(stale, 0, 4, ptrs), 1);
    CU_ASSERT_EQUAL(ptrs[0], 0);
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("09-decode", NULL, NULL);
    CU_add_test(s, "[2] decode 0x3b and 0xc4", test_decode);
    CU_add_test(s, "[2] decode every byte", test_decode_all);
    CU_add_test(s, "[2] encode is decode's inverse", test_encode);
    CU_add_test(s, "[2] the pointer words of objects", test_pointerWords);
    CU_add_test(s, "[2] dead words, stale bits and limits", test_pointerWords_limits);
}
