// Exercise 04-arena: graded tests.  Each test's name starts with its points.
#include <stdlib.h>
#include "grade.h"
#include "arena.h"

// linux/amd64, linux/arm64, and a geometry with a first level (like
// windows/amd64's 6 bits, here 2 bits over a 48-bit space).
static const ex_geometry amd64 = {0xffff800000000000, 26, 0, 22, 13};
static const ex_geometry arm64 = {0, 26, 0, 22, 13};
static const ex_geometry twoLevel = {0, 26, 2, 20, 13};

enum { pagesPerArena = 8192 };
#define MiB64 ((uintptr_t)64 << 20)

static void
test_index(void)
{
    CU_ASSERT_EQUAL(ex_arenaIndex(&amd64, 0xc000000000), 0x203000);
    CU_ASSERT_EQUAL(ex_arenaIndex(&amd64, 0xc000000000 + MiB64 - 1), 0x203000);
    CU_ASSERT_EQUAL(ex_arenaIndex(&amd64, 0xc000000000 + MiB64), 0x203001);
    CU_ASSERT_EQUAL(ex_arenaIndex(&amd64, 0), 0x200000);
    CU_ASSERT_EQUAL(ex_arenaIndex(&amd64, 0x7fffffffffff), 0x3fffff);
    CU_ASSERT_EQUAL(ex_arenaIndex(&arm64, 0x4000000000), 0x1000);
    CU_ASSERT_EQUAL(ex_arenaBase(&amd64, 0x203000), 0xc000000000);
    CU_ASSERT_EQUAL(ex_arenaBase(&arm64, 0x1000), 0x4000000000);
    for (uintptr_t p = 0x1234567; p < ((uintptr_t)1 << 47); p = p * 3 + 12345) {
        CU_ASSERT_EQUAL(ex_arenaBase(&amd64, ex_arenaIndex(&amd64, p)), p & ~(MiB64 - 1));
        CU_ASSERT_EQUAL(ex_arenaBase(&arm64, ex_arenaIndex(&arm64, p)), p & ~(MiB64 - 1));
    }
}

static void
test_kernelHalf(void)
{
    // On amd64 the upper half (sign-extended addresses) comes first.
    CU_ASSERT_EQUAL(ex_arenaIndex(&amd64, 0xffff800000000000), 0);
    CU_ASSERT_EQUAL(ex_arenaIndex(&amd64, 0xffffffffffffe000), 0x1fffff);
    CU_ASSERT_EQUAL(ex_arenaBase(&amd64, 0x1fffff), 0xfffffffffc000000);
}

static void
test_levels(void)
{
    CU_ASSERT_EQUAL(ex_arenaL1(&amd64, 0x203000), 0);
    CU_ASSERT_EQUAL(ex_arenaL2(&amd64, 0x203000), 0x203000);
    CU_ASSERT_EQUAL(ex_arenaL1(&twoLevel, 0x312345), 3);
    CU_ASSERT_EQUAL(ex_arenaL2(&twoLevel, 0x312345), 0x12345);
    CU_ASSERT_EQUAL(ex_arenaL1(&twoLevel, 0x12345), 0);
    CU_ASSERT_EQUAL(ex_arenaL2(&twoLevel, 0x12345), 0x12345);
}

// An arena whose page k has the span entry base + k.
static ex_heapArena *
newArena(uintptr_t base)
{
    ex_heapArena *a = malloc(sizeof *a);
    a->spans = malloc(pagesPerArena * sizeof(void *));
    for (uintptr_t k = 0; k < pagesPerArena; k++)
        a->spans[k] = (void *)(base + k);
    return a;
}

static void
test_spanOf(void)
{
    ex_heap h = {amd64, calloc(1, sizeof(ex_heapArena **))};
    h.arenas[0] = calloc((size_t)1 << 22, sizeof(ex_heapArena *));
    CU_ASSERT_FATAL(h.arenas[0] != NULL);
    h.arenas[0][0x203000] = newArena(0x100000);
    h.arenas[0][0x203001] = newArena(0x200000);
    uintptr_t heap = 0xc000000000;
    CU_ASSERT_PTR_EQUAL(ex_spanOf(&h, heap), (void *)0x100000);
    CU_ASSERT_PTR_EQUAL(ex_spanOf(&h, heap + 5 * 8192 + 100), (void *)0x100005);
    CU_ASSERT_PTR_EQUAL(ex_spanOf(&h, heap + MiB64 - 1), (void *)(0x100000 + pagesPerArena - 1));
    CU_ASSERT_PTR_EQUAL(ex_spanOf(&h, heap + MiB64 + 8192), (void *)0x200001);
    CU_ASSERT_PTR_NULL(ex_spanOf(&h, heap + 2 * MiB64)); // no such arena
    CU_ASSERT_PTR_NULL(ex_spanOf(&h, heap - 1));
    CU_ASSERT_PTR_NULL(ex_spanOf(&h, 0x1000));
    CU_ASSERT_PTR_NULL(ex_spanOf(&h, (uintptr_t)1 << 48)); // outside the index
    // 2^58 above the heap: an index truncated to 32 bits would land in it.
    CU_ASSERT_PTR_NULL(ex_spanOf(&h, heap + ((uintptr_t)1 << 58)));
}

static void
test_spanOfTwoLevels(void)
{
    ex_heap h = {twoLevel, calloc(4, sizeof(ex_heapArena **))};
    h.arenas[3] = calloc((size_t)1 << 20, sizeof(ex_heapArena *));
    CU_ASSERT_FATAL(h.arenas[3] != NULL);
    h.arenas[3][5] = newArena(0x300000);
    uintptr_t base = ((uintptr_t)3 << 46) + 5 * MiB64;
    CU_ASSERT_PTR_EQUAL(ex_spanOf(&h, base + 3 * 8192), (void *)0x300003);
    CU_ASSERT_PTR_NULL(ex_spanOf(&h, base + MiB64));           // arena missing
    CU_ASSERT_PTR_NULL(ex_spanOf(&h, 5 * MiB64));              // second level missing
    CU_ASSERT_PTR_NULL(ex_spanOf(&h, base + ((uintptr_t)1 << 48))); // first level out of range
}

static void
test_pageIndexOf(void)
{
    uintptr_t idx;
    uint8_t mask;
    ex_pageIndexOf(&amd64, 0xc000000000 + 13 * 8192 + 5, &idx, &mask);
    CU_ASSERT_EQUAL(idx, 1);
    CU_ASSERT_EQUAL(mask, 1 << 5);
    ex_pageIndexOf(&amd64, 0xc000000000 + 8191 * 8192, &idx, &mask);
    CU_ASSERT_EQUAL(idx, 1023);
    CU_ASSERT_EQUAL(mask, 0x80);
    ex_pageIndexOf(&amd64, 0xc000000000 + MiB64 + 8192, &idx, &mask);
    CU_ASSERT_EQUAL(idx, 0);
    CU_ASSERT_EQUAL(mask, 2);
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("04-arena", NULL, NULL);
    CU_add_test(s, "[2] arenaIndex and arenaBase", test_index);
    CU_add_test(s, "[1] arenaBaseOffset puts the upper half first", test_kernelHalf);
    CU_add_test(s, "[1] the two levels of an index", test_levels);
    CU_add_test(s, "[3] spanOf in a one-level index", test_spanOf);
    CU_add_test(s, "[2] spanOf in a two-level index", test_spanOfTwoLevels);
    CU_add_test(s, "[1] pageIndexOf", test_pageIndexOf);
}
