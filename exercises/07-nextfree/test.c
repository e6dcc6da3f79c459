// Exercise 07-nextfree: graded tests.  Each test's name starts with its points.
#include <stdlib.h>
#include <string.h>
#include "grade.h"
#include "nextfree.h"

enum { maxElems = 1024 };
static uint8_t bits[maxElems / 8];

static int
allocated(uintptr_t i)
{
    return bits[i / 8] >> (i % 8) & 1;
}

static void
setAllocated(uintptr_t i)
{
    bits[i / 8] |= (uint8_t)(1 << (i % 8));
}

static uint64_t
word(uintptr_t i) // the 64 allocation bits of the group that holds slot i
{
    uint64_t w;
    memcpy(&w, bits + i / 64 * 8, 8); // little-endian machines only; fine for a test
    return w;
}

// A bitmap of nelems slots, each allocated with probability 1/2, and whole
// words allocated at the given groups; bits past nelems stay 0.
static void
randomBits(uintptr_t nelems, uint64_t seed, const int *fullGroups, int nfull)
{
    memset(bits, 0, sizeof bits);
    for (uintptr_t i = 0; i < nelems; i++) {
        seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
        if (seed & 1)
            setAllocated(i);
    }
    for (int g = 0; g < nfull; g++)
        for (uintptr_t i = fullGroups[g] * 64; i < (uintptr_t)fullGroups[g] * 64 + 64 && i < nelems; i++)
            setAllocated(i);
}

static ex_span
newSpan(uintptr_t nelems, uintptr_t elemsize)
{
    return (ex_span){.base = 0x10000, .elemsize = elemsize, .nelems = nelems, .freeindex = 0,
                     .allocCache = ~(uint64_t)0, .allocBits = bits, .allocCount = 0};
}

static void
test_refill(void)
{
    memset(bits, 0, sizeof bits);
    bits[0] = 0x01, bits[7] = 0x80, bits[8] = 0xff, bits[10] = 0x0f;
    ex_span s = newSpan(128, 16);
    ex_refillAllocCache(&s, 0);
    CU_ASSERT_EQUAL(s.allocCache, ~UINT64_C(0x8000000000000001));
    ex_refillAllocCache(&s, 8);
    CU_ASSERT_EQUAL(s.allocCache, ~UINT64_C(0x0f00ff));
}

static void
test_initCache(void)
{
    randomBits(200, 42, NULL, 0);
    ex_span s = newSpan(200, 32);
    s.freeindex = 70;
    ex_initAllocCache(&s);
    CU_ASSERT_EQUAL(s.allocCache, ~word(70) >> 6);
    s.freeindex = 64;
    ex_initAllocCache(&s);
    CU_ASSERT_EQUAL(s.allocCache, ~word(64));
    s.freeindex = 0;
    ex_initAllocCache(&s);
    CU_ASSERT_EQUAL(s.allocCache, ~word(0));
}

static void
test_fast(void)
{
    memset(bits, 0, sizeof bits);
    ex_span s = newSpan(100, 48);
    for (uintptr_t i = 0; i < 63; i++) {
        CU_ASSERT_EQUAL(ex_nextFreeFast(&s), 0x10000 + i * 48);
        CU_ASSERT_EQUAL(s.freeindex, i + 1);
        CU_ASSERT_EQUAL(s.allocCount, i + 1);
    }
    // Slot 63 ends a group but not the span: the fast path gives up.
    CU_ASSERT_EQUAL(ex_nextFreeFast(&s), 0);
    CU_ASSERT_EQUAL(s.freeindex, 63);
    CU_ASSERT_EQUAL(s.allocCache, 1);
    CU_ASSERT_EQUAL(s.allocCount, 63);
    // Slot 63 ends the span: taken, and the cache is shifted by 64 in all.
    s = newSpan(64, 128);
    for (uintptr_t i = 0; i < 64; i++)
        CU_ASSERT_EQUAL(ex_nextFreeFast(&s), 0x10000 + i * 128);
    CU_ASSERT_EQUAL(s.allocCache, 0);
    CU_ASSERT_EQUAL(ex_nextFreeFast(&s), 0);
    // The same, with slot 63 the only free one: one shift by 64 in all.
    memset(bits, 0xff, 8);
    bits[7] = 0x7f;
    s = newSpan(64, 128);
    ex_initAllocCache(&s);
    CU_ASSERT_EQUAL(ex_nextFreeFast(&s), 0x10000 + 63 * 128);
    CU_ASSERT_EQUAL(s.allocCache, 0);
    CU_ASSERT_EQUAL(s.freeindex, 64);
    memset(bits, 0, sizeof bits);
    // Bits past nelems read as free; they must not be handed out.
    s = newSpan(10, 8);
    for (int i = 0; i < 10; i++)
        ex_nextFreeFast(&s);
    CU_ASSERT_EQUAL(ex_nextFreeFast(&s), 0);
    CU_ASSERT_EQUAL(s.allocCount, 10);
    // Allocated slots are skipped.
    setAllocated(0), setAllocated(1), setAllocated(3);
    s = newSpan(20, 16);
    ex_initAllocCache(&s);
    CU_ASSERT_EQUAL(ex_nextFreeFast(&s), 0x10000 + 2 * 16);
    CU_ASSERT_EQUAL(ex_nextFreeFast(&s), 0x10000 + 4 * 16);
    CU_ASSERT_EQUAL(s.freeindex, 5);
}

// Every free slot, in order, by nextFreeIndex alone.
static void
checkIndexSequence(uintptr_t nelems, uintptr_t freeindex)
{
    ex_span s = newSpan(nelems, 64);
    s.freeindex = freeindex;
    ex_initAllocCache(&s);
    uintptr_t want = freeindex;
    for (;;) {
        while (want < nelems && allocated(want))
            want++;
        uintptr_t got = ex_nextFreeIndex(&s);
        CU_ASSERT_EQUAL(got, want);
        if (got != want || got == nelems)
            break;
        CU_ASSERT_EQUAL(s.freeindex, got + 1);
        want++;
    }
    CU_ASSERT_EQUAL(s.freeindex, nelems);
    CU_ASSERT_EQUAL(ex_nextFreeIndex(&s), nelems);
}

static void
test_index(void)
{
    static const int full[] = {1, 3};
    randomBits(300, 7, full, 2);
    checkIndexSequence(300, 0);
    checkIndexSequence(300, 70);
    // Everything allocated but the last slot, the last of its group.
    memset(bits, 0xff, sizeof bits);
    bits[15] = 0x7f;
    ex_span s = newSpan(128, 8);
    ex_initAllocCache(&s);
    CU_ASSERT_EQUAL(ex_nextFreeIndex(&s), 127);
    CU_ASSERT_EQUAL(s.freeindex, 128);
    CU_ASSERT_EQUAL(s.allocCache, 0);
    CU_ASSERT_EQUAL(ex_nextFreeIndex(&s), 128);
}

// mallocgc's way: the fast path, then nextFreeIndex, checking the
// allocCache invariant after every step.
static void
test_together(void)
{
    static const int full[] = {2, 5, 6};
    enum { nelems = 1000 };
    randomBits(nelems, 99, full, 3);
    ex_span s = newSpan(nelems, 24);
    ex_initAllocCache(&s);
    uintptr_t want = 0, n = 0;
    for (;;) {
        while (want < nelems && allocated(want))
            want++;
        uintptr_t got, v = ex_nextFreeFast(&s);
        if (v != 0) {
            got = (v - s.base) / s.elemsize;
        } else {
            got = ex_nextFreeIndex(&s);
            if (got == nelems)
                break;
            s.allocCount++;
        }
        n++;
        if (got != want) {
            CU_FAIL("a free slot was skipped or an allocated one handed out");
            return;
        }
        if (s.freeindex < nelems && s.allocCache != ~word(s.freeindex) >> (s.freeindex % 64)) {
            CU_FAIL("allocCache is not the complement of allocBits from freeindex");
            return;
        }
        want++;
    }
    CU_ASSERT_EQUAL(want, nelems);
    CU_ASSERT_EQUAL(s.allocCount, n);
    CU_ASSERT(n > 300 && n < 400); // a sanity check of the test itself
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("07-nextfree", NULL, NULL);
    CU_add_test(s, "[1] refillAllocCache loads 64 bits, complemented", test_refill);
    CU_add_test(s, "[2] allocCache positioned at freeindex", test_initCache);
    CU_add_test(s, "[2] nextFreeFast, and when it gives up", test_fast);
    CU_add_test(s, "[3] nextFreeIndex finds every free slot in order", test_index);
    CU_add_test(s, "[2] fast and slow paths together keep the invariant", test_together);
}
