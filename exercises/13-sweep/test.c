// Exercise 13-sweep: graded tests.  Each test's name starts with its points.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "grade.h"
#include "sweep.h"

// Every bitmap the tests make, so that they can free them all.
static uint8_t **bitmaps;
static size_t nbitmaps, capBitmaps;
static uint64_t newMarkBitsCalls;

static uint8_t *
newBits(uintptr_t nelems)
{
    if (nbitmaps == capBitmaps) {
        capBitmaps = capBitmaps ? 2 * capBitmaps : 64;
        bitmaps = realloc(bitmaps, capBitmaps * sizeof *bitmaps);
    }
    return bitmaps[nbitmaps++] = calloc((nelems + 63) / 64 * 8, 1);
}

uint8_t *
ex_newMarkBits(uintptr_t nelems)
{
    newMarkBitsCalls++;
    return newBits(nelems);
}

static void
freeBitmaps(void)
{
    for (size_t i = 0; i < nbitmaps; i++)
        free(bitmaps[i]);
    free(bitmaps);
    bitmaps = NULL;
    nbitmaps = capBitmaps = 0;
}

static void
set(uint8_t *bits, uintptr_t i)
{
    bits[i / 8] |= (uint8_t)(1 << i % 8);
}

static int
get(const uint8_t *bits, uintptr_t i)
{
    return bits[i / 8] >> (i % 8) & 1;
}

// A span of nelems slots of elemsize bytes, its memory filled with a
// pattern that depends on the slot.
static ex_span
newSpan(uintptr_t nelems, uintptr_t elemsize, uintptr_t freeindex)
{
    ex_span s = {0};
    s.nelems = nelems;
    s.elemsize = elemsize;
    s.large = false;
    s.freeindex = freeindex;
    s.allocBits = newBits(nelems);
    s.gcmarkBits = newBits(nelems);
    s.mem = malloc(nelems * elemsize);
    for (uintptr_t i = 0; i < nelems * elemsize; i++)
        s.mem[i] = (uint8_t)(i / elemsize * 7 + 1);
    return s;
}

static int
allocated(const ex_span *s, uintptr_t i)
{
    return i < s->freeindex || get(s->allocBits, i);
}

// allocCount as it must be: the allocated slots.
static void
countAllocated(ex_span *s)
{
    uint16_t n = 0;
    for (uintptr_t i = 0; i < s->nelems; i++)
        n += (uint16_t)allocated(s, i);
    s->allocCount = n;
}

static void
test_clobberfree(void)
{
    uint32_t buf[16];
    for (int i = 0; i < 16; i++)
        buf[i] = (uint32_t)i;
    ex_clobberfree(&buf[2], 24);
    for (int i = 0; i < 16; i++)
        CU_ASSERT_EQUAL(buf[i], i >= 2 && i < 8 ? 0xdeadbeefu : (uint32_t)i);
    ex_clobberfree(&buf[12], 4);
    CU_ASSERT_EQUAL(buf[12], 0xdeadbeefu);
    CU_ASSERT_EQUAL(buf[13], 13);
    uint8_t bytes[8] = {0};
    ex_clobberfree(bytes, 8);
    CU_ASSERT(bytes[0] == 0xef && bytes[1] == 0xbe && bytes[2] == 0xad && bytes[3] == 0xde); // little-endian
}

static void
test_counting(void)
{
    ex_span s = newSpan(20, 16, 6);
    static const uintptr_t alloc[] = {2, 8, 9, 15}, mark[] = {0, 3, 8, 15};
    for (int k = 0; k < 4; k++) {
        set(s.allocBits, alloc[k]);
        set(s.gcmarkBits, mark[k]);
    }
    CU_ASSERT_EQUAL(ex_countAlloc(&s), 4);
    CU_ASSERT_FALSE(ex_hasZombies(&s)); // 0 and 3 are below freeindex: allocated whatever their bit
    uintptr_t out[20], want[] = {1, 2, 4, 5, 9};
    CU_ASSERT_EQUAL(ex_freedSlots(&s, out), 5);
    for (int k = 0; k < 5; k++)
        CU_ASSERT_EQUAL(out[k], want[k]);
    set(s.gcmarkBits, 7); // free (at or above freeindex, alloc bit clear) and marked
    CU_ASSERT(ex_hasZombies(&s));
    s.gcmarkBits[0] &= (uint8_t)~(1 << 7);
    set(s.gcmarkBits, 5); // below freeindex, in freeindex's byte: no zombie
    CU_ASSERT_FALSE(ex_hasZombies(&s));
    set(s.gcmarkBits, 19); // in a later byte
    CU_ASSERT(ex_hasZombies(&s));
    // Many 64-bit words, and freeindex at the end.
    ex_span t = newSpan(200, 8, 200);
    for (uintptr_t i = 0; i < 200; i += 3)
        set(t.gcmarkBits, i);
    CU_ASSERT_EQUAL(ex_countAlloc(&t), 67);
    CU_ASSERT_FALSE(ex_hasZombies(&t));
    t.freeindex = 198;
    CU_ASSERT(ex_hasZombies(&t)); // 198 is marked and free
    uintptr_t out2[200];
    CU_ASSERT_EQUAL(ex_freedSlots(&t, out2), 198 - 66); // below 198, the unmarked
    free(s.mem);
    free(t.mem);
    freeBitmaps();
}

static void
test_sweepSmall(void)
{
    uintptr_t nfreed = 99;
    // Some survive: partial.
    ex_span s = newSpan(16, 32, 4);
    set(s.allocBits, 6);
    set(s.allocBits, 9);
    countAllocated(&s); // 0-3, 6, 9
    set(s.gcmarkBits, 1);
    set(s.gcmarkBits, 9);
    uint8_t *marks = s.gcmarkBits, *allocs = s.allocBits;
    newMarkBitsCalls = 0;
    CU_ASSERT_EQUAL(ex_sweep(&s, false, false, &nfreed), ex_partialSwept);
    CU_ASSERT_EQUAL(nfreed, 4);
    CU_ASSERT_EQUAL(s.allocCount, 2);
    CU_ASSERT_EQUAL(s.freeindex, 0);
    CU_ASSERT_PTR_EQUAL(s.allocBits, marks); // the marks become the allocation bits
    CU_ASSERT(s.gcmarkBits != marks && s.gcmarkBits != allocs);
    CU_ASSERT_EQUAL(newMarkBitsCalls, 1);
    CU_ASSERT(s.gcmarkBits != NULL && memcmp(s.gcmarkBits, "\0\0\0\0\0\0\0\0", 8) == 0);
    CU_ASSERT_EQUAL(s.needzero, 1);
    // The next cycle: everything allocated and marked: full, nothing to zero.
    for (uintptr_t i = 0; i < 16; i++)
        set(s.allocBits, i), set(s.gcmarkBits, i);
    s.allocCount = 16;
    s.needzero = 0;
    CU_ASSERT_EQUAL(ex_sweep(&s, false, false, &nfreed), ex_fullSwept);
    CU_ASSERT_EQUAL(nfreed, 0);
    CU_ASSERT_EQUAL(s.needzero, 0);
    CU_ASSERT_EQUAL(s.allocCount, 16);
    // Nothing marked: the span goes back to the heap.
    ex_span e = newSpan(10, 48, 7);
    countAllocated(&e);
    CU_ASSERT_EQUAL(ex_sweep(&e, false, false, &nfreed), ex_freeToHeap);
    CU_ASSERT_EQUAL(nfreed, 7);
    CU_ASSERT_EQUAL(e.allocCount, 0);
    // The same kept by a lazy sweeper that wants to allocate from it.
    ex_span p = newSpan(10, 48, 7);
    countAllocated(&p);
    CU_ASSERT_EQUAL(ex_sweep(&p, true, false, &nfreed), ex_kept);
    CU_ASSERT_EQUAL(nfreed, 7);
    CU_ASSERT_EQUAL(p.allocCount, 0);
    CU_ASSERT_EQUAL(p.freeindex, 0);
    // A zombie: refused, nothing changed.
    ex_span z = newSpan(12, 16, 3);
    set(z.allocBits, 5);
    countAllocated(&z);
    set(z.gcmarkBits, 5);
    set(z.gcmarkBits, 8);
    ex_span before = z;
    newMarkBitsCalls = 0;
    CU_ASSERT_EQUAL(ex_sweep(&z, false, false, &nfreed), ex_zombies);
    CU_ASSERT(memcmp(&before, &z, sizeof z) == 0);
    CU_ASSERT_EQUAL(newMarkBitsCalls, 0);
    // More marks than objects counted: refused, nothing changed.
    ex_span c = newSpan(12, 16, 3);
    set(c.gcmarkBits, 0);
    set(c.gcmarkBits, 1);
    c.allocCount = 1;
    before = c;
    CU_ASSERT_EQUAL(ex_sweep(&c, false, false, &nfreed), ex_badCount);
    CU_ASSERT(memcmp(&before, &c, sizeof c) == 0);
    CU_ASSERT_EQUAL(newMarkBitsCalls, 0);
    free(s.mem), free(e.mem), free(p.mem), free(z.mem), free(c.mem);
    freeBitmaps();
}

static void
test_sweepLarge(void)
{
    uintptr_t nfreed = 99;
    ex_span live = newSpan(1, 40960, 1);
    live.large = true;
    live.allocCount = 1;
    set(live.gcmarkBits, 0);
    CU_ASSERT_EQUAL(ex_sweep(&live, false, false, &nfreed), ex_fullSwept);
    CU_ASSERT_EQUAL(nfreed, 0);
    CU_ASSERT_EQUAL(live.allocCount, 1);
    CU_ASSERT_EQUAL(live.freeindex, 0);
    CU_ASSERT(get(live.allocBits, 0));
    ex_span dead = newSpan(1, 40960, 1);
    dead.large = true;
    dead.allocCount = 1;
    CU_ASSERT_EQUAL(ex_sweep(&dead, false, false, &nfreed), ex_freeToHeap);
    CU_ASSERT_EQUAL(nfreed, 1);
    CU_ASSERT_EQUAL(dead.allocCount, 0);
    ex_span kept = newSpan(1, 40960, 1);
    kept.large = true;
    kept.allocCount = 1;
    CU_ASSERT_EQUAL(ex_sweep(&kept, true, false, &nfreed), ex_kept);
    CU_ASSERT_EQUAL(nfreed, 1);
    free(live.mem), free(dead.mem), free(kept.mem);
    freeBitmaps();
}

static int
slotIs(const ex_span *s, uintptr_t i, int clobbered)
{
    const uint8_t *p = s->mem + i * s->elemsize;
    for (uintptr_t b = 0; b < s->elemsize; b++) {
        uint8_t want = clobbered ? (uint8_t)(0xdeadbeefu >> (8 * (b % 4))) : (uint8_t)(i * 7 + 1);
        if (p[b] != want)
            return 0;
    }
    return 1;
}

static void
test_clobber(void)
{
    uintptr_t nfreed;
    for (int clobber = 0; clobber <= 1; clobber++) {
        ex_span s = newSpan(24, 48, 5);
        set(s.allocBits, 10);
        set(s.allocBits, 11);
        countAllocated(&s);
        set(s.gcmarkBits, 2);
        set(s.gcmarkBits, 11);
        CU_ASSERT_EQUAL(ex_sweep(&s, false, clobber, &nfreed), ex_partialSwept);
        CU_ASSERT_EQUAL(nfreed, 5);
        int bad = 0;
        for (uintptr_t i = 0; i < 24; i++) {
            int freed = i == 0 || i == 1 || i == 3 || i == 4 || i == 10;
            bad += !slotIs(&s, i, clobber && freed); // live and never-allocated slots untouched
        }
        CU_ASSERT_EQUAL(bad, 0);
        free(s.mem);
    }
    freeBitmaps();
}

// Random spans against the tests' own sweep.
static uint64_t rng;

static uint64_t
rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static void
test_random(void)
{
    rng = 0x2545f4914f6cdd1du;
    int bad = 0, results[6] = {0};
    for (int round = 0; round < 3000 && bad == 0; round++) {
        bool large = rnd() % 8 == 0;
        uintptr_t nelems = large ? 1 : 1 + rnd() % (rnd() % 2 ? 16 : 1024);
        uintptr_t elemsize = large ? 8192 * (1 + rnd() % 3) : 4 * (1 + rnd() % 16);
        ex_span s = newSpan(nelems, elemsize, large ? 1 : rnd() % (nelems + 1)); // a large object is allocated
        s.large = large;
        uint64_t density = 1 + rnd() % 4;
        for (uintptr_t i = 0; i < nelems; i++)
            if (rnd() % density != 0)
                set(s.allocBits, i);
        countAllocated(&s);
        for (uintptr_t i = 0; i < nelems; i++)
            if (allocated(&s, i) && rnd() % density == 0)
                set(s.gcmarkBits, i);
        if (rnd() % 10 == 0) { // a zombie
            uintptr_t i = rnd() % nelems;
            if (!allocated(&s, i))
                set(s.gcmarkBits, i);
        }
        bool preserve = rnd() % 4 == 0, clobber = rnd() % 2;
        // The expected result.
        uintptr_t marked = 0, zombies = 0, freed = 0;
        uint8_t *isFreed = calloc(nelems, 1);
        for (uintptr_t i = 0; i < nelems; i++) {
            marked += get(s.gcmarkBits, i);
            zombies += get(s.gcmarkBits, i) && !allocated(&s, i);
            if (!get(s.gcmarkBits, i) && allocated(&s, i))
                isFreed[i] = 1, freed++;
        }
        ex_sweepResult want;
        if (zombies)
            want = ex_zombies;
        else if (preserve)
            want = ex_kept;
        else if (marked == 0)
            want = ex_freeToHeap;
        else
            want = marked == nelems ? ex_fullSwept : ex_partialSwept; // a live large object: full
        uintptr_t *out = malloc(nelems * sizeof *out), nout = ex_freedSlots(&s, out);
        int b = nout != freed;
        for (uintptr_t k = 0; k < nout && k < nelems; k++)
            b += out[k] >= nelems || !isFreed[out[k]] || (k > 0 && out[k] <= out[k - 1]);
        b += ex_countAlloc(&s) != marked;
        b += ex_hasZombies(&s) != (zombies != 0);
        uint8_t *marks = s.gcmarkBits;
        uint16_t oldCount = s.allocCount;
        uintptr_t nfreed = 12345;
        ex_sweepResult got = ex_sweep(&s, preserve, clobber, &nfreed);
        b += got != want;
        if (want != ex_zombies) {
            b += nfreed != freed || s.allocCount != marked || s.freeindex != 0 || s.allocBits != marks;
            b += s.gcmarkBits == marks || s.gcmarkBits == NULL;
            for (uintptr_t i = 0; i < nelems && s.gcmarkBits != NULL; i++)
                b += get(s.gcmarkBits, i);
            b += !large && s.needzero != (freed > 0);
            b += oldCount - freed != marked;
            for (uintptr_t i = 0; i < nelems; i++)
                b += !slotIs(&s, i, clobber && isFreed[i]);
        }
        if (b) {
            bad++;
            printf("\n  round %d: nelems %lu, %lu marked, %lu freed, %lu zombies, preserve %d, large %d: "
                   "result %d (want %d)", round, (unsigned long)nelems, (unsigned long)marked, (unsigned long)freed,
                   (unsigned long)zombies, preserve, large, got, want);
        }
        results[want]++;
        free(isFreed);
        free(out);
        free(s.mem);
        freeBitmaps();
    }
    CU_ASSERT_EQUAL(bad, 0);
    for (int r = 0; r < 6; r++)
        CU_ASSERT(r == ex_badCount || results[r] > 20); // every outcome was met
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("13-sweep", NULL, NULL);
    CU_add_test(s, "[1] clobberfree: 0xdeadbeef, word by word", test_clobberfree);
    CU_add_test(s, "[2] countAlloc, the freed slots, zombies (freeindex's byte and after)", test_counting);
    CU_add_test(s, "[2] sweeping a small span: bits, counts, where it goes, refusals", test_sweepSmall);
    CU_add_test(s, "[1] sweeping a large span: freed if its object is dead", test_sweepLarge);
    CU_add_test(s, "[2] clobberfree in the sweep: freed slots only", test_clobber);
    CU_add_test(s, "[2] 3000 random spans against the tests' sweep", test_random);
}
