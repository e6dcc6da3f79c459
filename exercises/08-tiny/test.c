// Exercise 08-tiny: graded tests.  Each test's name starts with its points.
#include <string.h>
#include "grade.h"
#include "tiny.h"

// Blocks are handed out in order from a pool, dirty, as reused memory is.
enum { poolBlocks = 8192 };
static _Alignas(16) unsigned char pool[poolBlocks][16];
static int nblocks;

static uintptr_t
newBlock(void *arg)
{
    CU_ASSERT_PTR_EQUAL(arg, pool);
    CU_ASSERT_FATAL(nblocks < poolBlocks);
    memset(pool[nblocks], 0xaa, 16);
    return (uintptr_t)pool[nblocks++];
}

static ex_tinycache
newCache(void)
{
    return (ex_tinycache){0, 0, 0, newBlock, pool};
}

#define BLOCK(i) ((uintptr_t)pool[i])

static void
test_align(void)
{
    CU_ASSERT_EQUAL(ex_tinyAlign(0, 8), 0);
    CU_ASSERT_EQUAL(ex_tinyAlign(1, 8), 8);
    CU_ASSERT_EQUAL(ex_tinyAlign(1, 4), 4);
    CU_ASSERT_EQUAL(ex_tinyAlign(5, 12), 8);
    CU_ASSERT_EQUAL(ex_tinyAlign(3, 2), 4);
    CU_ASSERT_EQUAL(ex_tinyAlign(9, 6), 10);
    CU_ASSERT_EQUAL(ex_tinyAlign(3, 3), 3);
    CU_ASSERT_EQUAL(ex_tinyAlign(7, 15), 7);
    CU_ASSERT_EQUAL(ex_tinyAlign(12, 4), 12);
}

static void
test_combine(void)
{
    ex_tinycache c = newCache();
    CU_ASSERT_EQUAL(ex_tinyAlloc(&c, 4), BLOCK(0));
    CU_ASSERT_EQUAL(ex_tinyAlloc(&c, 4), BLOCK(0) + 4);
    CU_ASSERT_EQUAL(ex_tinyAlloc(&c, 8), BLOCK(0) + 8);
    CU_ASSERT_EQUAL(nblocks, 1);
    CU_ASSERT_EQUAL(c.tinyoffset, 16);
    CU_ASSERT_EQUAL(c.tinyAllocs, 2);
    // Sixteen one-byte objects fill exactly one block.
    c = newCache();
    for (int i = 0; i < 16; i++)
        CU_ASSERT_EQUAL(ex_tinyAlloc(&c, 1), BLOCK(1) + (uintptr_t)i);
    CU_ASSERT_EQUAL(nblocks, 2);
    CU_ASSERT_EQUAL(c.tinyAllocs, 15);
    // Alignment leaves holes: after 1 byte, 8 bytes go at offset 8.
    c = newCache();
    CU_ASSERT_EQUAL(ex_tinyAlloc(&c, 1), BLOCK(2));
    CU_ASSERT_EQUAL(ex_tinyAlloc(&c, 8), BLOCK(2) + 8);
    CU_ASSERT_EQUAL(ex_tinyAlloc(&c, 2), BLOCK(3));
}

static void
test_replace(void)
{
    // 12 bytes, then 8 that do not fit: the new block has more room left.
    ex_tinycache c = newCache();
    CU_ASSERT_EQUAL(ex_tinyAlloc(&c, 12), BLOCK(0));
    CU_ASSERT_EQUAL(ex_tinyAlloc(&c, 8), BLOCK(1));
    CU_ASSERT_EQUAL(c.tiny, BLOCK(1));
    CU_ASSERT_EQUAL(c.tinyoffset, 8);
    CU_ASSERT_EQUAL(ex_tinyAlloc(&c, 4), BLOCK(1) + 8);
    // 2 bytes, then 15: the old block has more room left, and stays.
    c = newCache();
    CU_ASSERT_EQUAL(ex_tinyAlloc(&c, 2), BLOCK(2));
    CU_ASSERT_EQUAL(ex_tinyAlloc(&c, 15), BLOCK(3));
    CU_ASSERT_EQUAL(c.tiny, BLOCK(2));
    CU_ASSERT_EQUAL(c.tinyoffset, 2);
    CU_ASSERT_EQUAL(ex_tinyAlloc(&c, 1), BLOCK(2) + 2);
    CU_ASSERT_EQUAL(c.tinyAllocs, 1);
}

static void
test_zero(void)
{
    ex_tinycache c = newCache();
    unsigned char *a = (unsigned char *)ex_tinyAlloc(&c, 3);
    for (int i = 0; i < 3; i++)
        CU_ASSERT_EQUAL(a[i], 0);
    memset(a, 0x55, 3);
    unsigned char *b = (unsigned char *)ex_tinyAlloc(&c, 5);
    CU_ASSERT_PTR_EQUAL(b, a + 3);
    for (int i = 0; i < 5; i++)
        CU_ASSERT_EQUAL(b[i], 0);
    unsigned char *d = (unsigned char *)ex_tinyAlloc(&c, 10);
    CU_ASSERT_EQUAL(nblocks, 2);
    for (int i = 0; i < 10; i++)
        CU_ASSERT_EQUAL(d[i], 0);
}

// 5000 random sizes against a model of the rule: the same placements, every
// object aligned, inside one block, and no byte handed out twice.
static void
test_random(void)
{
    static unsigned char used[poolBlocks][16];
    ex_tinycache c = newCache();
    int mblock = -1, mblocks = 0; // the model's current block and block count
    uintptr_t moff = 0;
    uint64_t seed = 2022;
    for (int n = 0; n < 5000; n++) {
        seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
        uintptr_t size = 1 + seed % 15;
        uintptr_t a = (size & 7) == 0 ? 8 : (size & 3) == 0 ? 4 : (size & 1) == 0 ? 2 : 1;
        uintptr_t off = (moff + a - 1) / a * a, want;
        if (mblock >= 0 && off + size <= 16) {
            want = BLOCK(mblock) + off;
            moff = off + size;
        } else {
            want = BLOCK(mblocks);
            if (size < moff || mblock < 0)
                mblock = mblocks, moff = size;
            mblocks++;
        }
        uintptr_t p = ex_tinyAlloc(&c, size);
        if (p != want || p % a != 0) {
            CU_FAIL("an object is misplaced or misaligned");
            return;
        }
        uintptr_t b = (p - BLOCK(0)) / 16, o = (p - BLOCK(0)) % 16;
        for (uintptr_t i = o; i < o + size; i++)
            if (used[b][i]++ != 0) {
                CU_FAIL("a byte was handed out twice");
                return;
            }
    }
    CU_ASSERT_EQUAL(nblocks, mblocks);
    CU_ASSERT_EQUAL(c.tinyAllocs + (uintptr_t)nblocks, 5000);
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("08-tiny", NULL, NULL);
    CU_add_test(s, "[2] the alignment of a tiny object", test_align);
    CU_add_test(s, "[2] objects share a block while they fit", test_combine);
    CU_add_test(s, "[2] the block with more room left is kept", test_replace);
    CU_add_test(s, "[1] tiny objects are zeroed", test_zero);
    CU_add_test(s, "[3] 5000 random sizes, placed by the rule", test_random);
}
