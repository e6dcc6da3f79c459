// Exercise 09-setbits: graded tests.  Each test's name starts with its points.
#include <stdlib.h>
#include <string.h>
#include "grade.h"
#include "setbits.h"

static int
bit(const uint8_t *bm, uintptr_t word, int scan)
{
    return bm[word / 4] >> (word % 4 + (scan ? 4 : 0)) & 1;
}

// The model: checks the words of the slot [start, start+size) and that nothing else changed:
// the n described words, then dead (both bits clear) words to the end of the slot.
static int
check(const uint8_t *before, const uint8_t *after, size_t len, uintptr_t start, uintptr_t size,
      uintptr_t data, const ex_type *t)
{
    uintptr_t count = data / t->sizeWords, n = (count - 1) * t->sizeWords + t->ptrWords;
    for (uintptr_t word = 0; word < len * 4; word++) {
        int p = bit(after, word, 0), s = bit(after, word, 1);
        if (word < start || word >= start + size) {
            if (p != bit(before, word, 0) || s != bit(before, word, 1))
                return 0; // touched a word it must not
        } else if (word >= start + n) {
            if (p || s)
                return 0; // the dead word and the rest of the slot
        } else {
            uintptr_t w = (word - start) % t->sizeWords;
            int wantp = w < t->ptrWords && (t->mask[w / 8] >> (w % 8) & 1);
            if (p != wantp || !s)
                return 0;
        }
    }
    return 1;
}

static int
run(uintptr_t start, uintptr_t size, uintptr_t data, const ex_type *t, uint8_t fill)
{
    uint8_t before[64], after[64];
    memset(before, fill, sizeof before);
    memcpy(after, before, sizeof after);
    ex_setType(after, start, size, data, t);
    return check(before, after, sizeof after, start, size, data, t);
}

static const uint8_t m5[] = {0x05};  // words 0 and 2: struct node
static const uint8_t m1[] = {0x01};
static const uint8_t m7[] = {0x41};  // words 0 and 6
static const uint8_t m2[] = {0x02};  // word 1

static void
test_described(void)
{
    ex_type node = {5, 3, m5}, p = {1, 1, m1};
    CU_ASSERT_EQUAL(ex_describedWords(5, &node), 3);
    CU_ASSERT_EQUAL(ex_describedWords(10, &node), 8);
    CU_ASSERT_EQUAL(ex_describedWords(2, &p), 2);
    ex_type s7 = {7, 7, m7};
    CU_ASSERT_EQUAL(ex_describedWords(21, &s7), 21);
}

static void
test_single(void)
{
    ex_type node = {5, 3, m5};
    CU_ASSERT(run(0, 6, 5, &node, 0x00));
    CU_ASSERT(run(6, 6, 5, &node, 0x00)); // starts in the middle of a byte
    CU_ASSERT(run(12, 6, 5, &node, 0x00));
}

static void
test_neighbours(void)
{
    ex_type node = {5, 3, m5};
    CU_ASSERT(run(6, 6, 5, &node, 0xff)); // neighbours' bits all set: keep them
    CU_ASSERT(run(2, 2, 2, &(ex_type){2, 2, m2}, 0xff));
    CU_ASSERT(run(1, 3, 3, &(ex_type){3, 2, m2}, 0xa5));
}

static void
test_arrays(void)
{
    ex_type node = {5, 3, m5}, s7 = {7, 7, m7}, p = {1, 1, m1};
    CU_ASSERT(run(0, 48, 45, &node, 0x00));
    CU_ASSERT(run(6, 36, 35, &s7, 0x33));
    CU_ASSERT(run(4, 16, 16, &p, 0x00)); // fully described: no dead word
    CU_ASSERT(run(3, 20, 15, &node, 0xff));
}

static void
test_random(void)
{
    unsigned seed = 12345;
    for (int k = 0; k < 2000; k++) {
        seed = seed * 1103515245 + 12345;
        uint8_t mask[2] = {(uint8_t)(seed >> 8 | 1), (uint8_t)(seed >> 16)};
        uintptr_t typw = 1 + seed % 12, ptrw = 1 + (seed >> 4) % typw;
        if (!(mask[(ptrw - 1) / 8] >> ((ptrw - 1) % 8) & 1))
            mask[(ptrw - 1) / 8] |= (uint8_t)(1 << ((ptrw - 1) % 8)); // ptrdata ends with a pointer
        uintptr_t count = 1 + (seed >> 8) % 5, data = count * typw;
        uintptr_t size = data + (seed >> 12) % 4, start = (seed >> 16) % 40;
        if (start + size > 240)
            continue;
        ex_type t = {typw, ptrw, mask};
        if (!run(start, size, data, &t, (uint8_t)(seed >> 24))) {
            CU_FAIL("random shape");
            return;
        }
    }
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("09-setbits", NULL, NULL);
    CU_add_test(s, "[2] how many words are described", test_described);
    CU_add_test(s, "[2] one object, at any position in a byte", test_single);
    CU_add_test(s, "[2] neighbours' bits are kept", test_neighbours);
    CU_add_test(s, "[2] arrays repeat the mask", test_arrays);
    CU_add_test(s, "[2] 2000 random shapes against the model", test_random);
}
