// Exercise 12-scanobject: graded tests.  Each test's name starts with its points.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "grade.h"
#include "scanobject.h"

// ---- The model heap, built by the tests ----

enum { arenaPages = 128, maxSpans = 64 };

static uint64_t findCalls;
static uintptr_t outside[16]; // memory that is not the heap

void
ex_put(ex_gcWork *w, uintptr_t obj)
{
    if (w->n == w->cap) {
        w->cap = w->cap ? 2 * w->cap : 256;
        w->obj = realloc(w->obj, w->cap * sizeof *w->obj);
    }
    w->obj[w->n++] = obj;
}

ex_span *
ex_spanOfHeap(const ex_heap *h, uintptr_t p)
{
    for (int i = 0; i < h->nspans; i++)
        if (h->spans[i].base <= p && p < h->spans[i].limit)
            return &h->spans[i];
    return NULL;
}

uintptr_t
ex_findObject(const ex_heap *h, uintptr_t p, ex_span **spanp, uintptr_t *objIndex)
{
    findCalls++;
    ex_span *s = ex_spanOfHeap(h, p);
    if (s == NULL)
        return 0;
    *spanp = s;
    *objIndex = (p - s->base) / s->elemsize;
    return s->base + *objIndex * s->elemsize;
}

static ex_heap *
newHeap(void)
{
    ex_heap *h = calloc(1, sizeof *h);
    h->start = (uintptr_t)aligned_alloc(ex_pageSize, arenaPages * ex_pageSize);
    h->end = h->start + arenaPages * ex_pageSize;
    memset((void *)h->start, 0, arenaPages * ex_pageSize);
    h->bitmap = calloc(arenaPages * ex_pageSize / ex_ptrSize / 4, 1);
    h->spans = calloc(maxSpans, sizeof *h->spans);
    return h;
}

static void
freeHeap(ex_heap *h)
{
    for (int i = 0; i < h->nspans; i++) {
        free(h->spans[i].allocBits);
        free(h->spans[i].markBits);
    }
    free((void *)h->start);
    free(h->bitmap);
    free(h->spans);
    free(h);
}

// A span of npages pages at page `page` of the arena.
static ex_span *
addSpan(ex_heap *h, uintptr_t page, uintptr_t npages, uintptr_t elemsize, bool noscan)
{
    ex_span *s = &h->spans[h->nspans++];
    s->base = h->start + page * ex_pageSize;
    s->npages = npages;
    s->elemsize = elemsize;
    s->nelems = npages * ex_pageSize / elemsize;
    s->limit = s->base + s->nelems * elemsize;
    s->noscan = noscan;
    s->allocBits = calloc((s->nelems + 63) / 64 * 8, 1);
    s->markBits = calloc((s->nelems + 63) / 64 * 8, 1);
    return s;
}

static void
setAlloc(ex_span *s, uintptr_t i)
{
    s->allocBits[i / 8] |= (uint8_t)(1 << i % 8);
}

static bool
isAllocated(const ex_span *s, uintptr_t i)
{
    return i < s->freeindex || (s->allocBits[i / 8] >> (i % 8) & 1);
}

static bool
isMarked(const ex_span *s, uintptr_t i)
{
    return s->markBits[i / 8] >> (i % 8) & 1;
}

static uintptr_t
slot(const ex_span *s, uintptr_t i)
{
    return s->base + i * s->elemsize;
}

// Sets the heap bits of the word at a.
static void
setBits(ex_heap *h, uintptr_t a, bool ptr, bool scan)
{
    uintptr_t w = (a - h->start) / ex_ptrSize;
    uint8_t *b = &h->bitmap[w / 4];
    *b &= (uint8_t)~(0x11 << w % 4);
    *b |= (uint8_t)(((ptr ? 1 : 0) | (scan ? 0x10 : 0)) << w % 4);
}

static unsigned
bitsOf(const ex_heap *h, uintptr_t a)
{
    uintptr_t w = (a - h->start) / ex_ptrSize;
    return (unsigned)(h->bitmap[w / 4] >> (w % 4)) & 0x11;
}

// A word of an object: its value and its bits.
static void
word(ex_heap *h, uintptr_t a, uintptr_t val, bool ptr, bool scan)
{
    *(uintptr_t *)a = val;
    setBits(h, a, ptr, scan);
}

static void
resetGcw(ex_gcWork *w)
{
    free(w->obj);
    memset(w, 0, sizeof *w);
}

static int
queued(const ex_gcWork *w, uintptr_t obj)
{
    int n = 0;
    for (size_t i = 0; i < w->n; i++)
        n += w->obj[i] == obj;
    return n;
}

// ---- Unit tests ----

static void
test_greyobject(void)
{
    ex_heap *h = newHeap();
    ex_span *s = addSpan(h, 0, 1, 64, false), *ns = addSpan(h, 1, 1, 32, true);
    setAlloc(s, 3);
    setAlloc(ns, 5);
    ex_gcWork w = {0};
    ex_greyobject(h, slot(s, 3), s, 3, &w);
    CU_ASSERT(isMarked(s, 3));
    CU_ASSERT_EQUAL(w.n, 1);
    CU_ASSERT_EQUAL(queued(&w, slot(s, 3)), 1);
    ex_greyobject(h, slot(s, 3), s, 3, &w); // grey already: not twice
    CU_ASSERT_EQUAL(w.n, 1);
    CU_ASSERT_EQUAL(w.bytesMarked, 0); // counted when scanned
    ex_greyobject(h, slot(ns, 5), ns, 5, &w); // noscan: black at once
    CU_ASSERT(isMarked(ns, 5));
    CU_ASSERT_EQUAL(w.n, 1);
    CU_ASSERT_EQUAL(w.bytesMarked, 32);
    ex_greyobject(h, slot(ns, 5), ns, 5, &w);
    CU_ASSERT_EQUAL(w.bytesMarked, 32);
    int others = 0;
    for (uintptr_t i = 0; i < s->nelems; i++)
        others += isMarked(s, i) && i != 3;
    CU_ASSERT_EQUAL(others, 0);
    resetGcw(&w);
    freeHeap(h);
}

static void
test_scanSmall(void)
{
    ex_heap *h = newHeap();
    ex_span *s = addSpan(h, 0, 1, 64, false), *t = addSpan(h, 1, 1, 48, false);
    for (uintptr_t i = 0; i < 8; i++)
        setAlloc(s, i);
    for (uintptr_t i = 0; i < 8; i++)
        setAlloc(t, i);
    uintptr_t x = slot(s, 0), y = slot(s, 1), z = slot(t, 2), u = slot(t, 3), v = slot(t, 4);
    s->markBits[0] = 1; // x is marked (it is being scanned)
    word(h, x + 0, y, true, true);                     // a pointer: y
    word(h, x + 8, z, false, true);                    // a scalar that looks like a pointer: not followed
    word(h, x + 16, x + 24, true, true);               // into x itself: not looked up
    word(h, x + 24, 0, true, true);                    // nil: not looked up
    word(h, x + 32, (uintptr_t)&outside[3], true, true); // not the heap: looked up, nothing found
    word(h, x + 40, u + 17, true, true);               // an interior pointer: u
    word(h, x + 48, v, true, false);                   // the dead word (its pointer bit is stale): stop
    word(h, x + 56, v, true, true);                    // beyond the dead word: never read
    ex_gcWork w = {0};
    findCalls = 0;
    ex_scanobject(h, x, &w);
    CU_ASSERT_EQUAL(w.n, 2);
    CU_ASSERT(w.n == 2 && w.obj[0] == y && w.obj[1] == u); // in the order of the words
    CU_ASSERT(isMarked(s, 1) && isMarked(t, 3));
    CU_ASSERT(!isMarked(t, 2) && !isMarked(t, 4));
    CU_ASSERT_EQUAL(findCalls, 3);
    CU_ASSERT_EQUAL(w.bytesMarked, 64);
    CU_ASSERT_EQUAL(w.heapScanWork, 48); // stopped at the dead word, the 7th
    // An object whose every word has its scan bit: scanned to the end.
    for (uintptr_t i = 0; i < 6; i++)
        word(h, slot(t, 5) + i * 8, i == 5 ? v : 0, i == 5, true);
    ex_scanobject(h, slot(t, 5), &w);
    CU_ASSERT(isMarked(t, 4));
    CU_ASSERT_EQUAL(w.bytesMarked, 64 + 48);
    CU_ASSERT_EQUAL(w.heapScanWork, 48 + 48);
    // An object whose first word is dead: nothing at all.
    word(h, slot(t, 6), y, true, false);
    size_t n = w.n;
    ex_scanobject(h, slot(t, 6), &w);
    CU_ASSERT_EQUAL(w.n, n);
    CU_ASSERT_EQUAL(w.heapScanWork, 96);
    CU_ASSERT_EQUAL(w.bytesMarked, 64 + 48 + 48);
    resetGcw(&w);
    freeHeap(h);
}

// A large object of 40 pages (320 KiB: oblets of 128, 128 and 64 KiB).
static void
test_oblets(void)
{
    ex_heap *h = newHeap();
    ex_span *big = addSpan(h, 0, 40, 40 * ex_pageSize, false);
    ex_span *s = addSpan(h, 40, 1, 32, false);
    ex_span *exact = addSpan(h, 41, 16, 16 * ex_pageSize, false); // 128 KiB: one oblet
    ex_span *bignoscan = addSpan(h, 57, 20, 20 * ex_pageSize, true);
    big->freeindex = exact->freeindex = bignoscan->freeindex = 1;
    s->freeindex = s->nelems;
    uintptr_t x = big->base, a = slot(s, 1), b = slot(s, 2), c = slot(s, 3), d = slot(s, 4);
    for (uintptr_t off = 0; off < big->elemsize; off += 8)
        setBits(h, x + off, false, true); // scan all along
    word(h, x + 0, a, true, true);
    word(h, x + 8, x + 300000, true, true); // into itself, another oblet: looked up, marked already
    word(h, x + 20000 * 8, b, true, true);  // in the second oblet
    word(h, x + 40000 * 8, c, true, true);  // in the third
    big->markBits[0] = 1;
    ex_gcWork w = {0};
    findCalls = 0;
    ex_scanobject(h, x, &w);
    CU_ASSERT_EQUAL(w.n, 3);
    CU_ASSERT(w.n == 3 && w.obj[0] == x + ex_maxObletBytes && w.obj[1] == x + 2 * ex_maxObletBytes
              && w.obj[2] == a); // the other oblets first, then what the first one points to
    CU_ASSERT_EQUAL(findCalls, 2);
    CU_ASSERT_EQUAL(w.bytesMarked, ex_maxObletBytes);
    CU_ASSERT_EQUAL(w.heapScanWork, ex_maxObletBytes);
    CU_ASSERT(isMarked(s, 1) && !isMarked(s, 2) && !isMarked(s, 3));
    w.n = 0;
    ex_scanobject(h, x + ex_maxObletBytes, &w); // an oblet queues no oblets
    CU_ASSERT(w.n == 1 && w.obj[0] == b);
    ex_scanobject(h, x + 2 * ex_maxObletBytes, &w); // the last one, 64 KiB
    CU_ASSERT(w.n == 2 && w.obj[1] == c);
    CU_ASSERT_EQUAL(w.bytesMarked, big->elemsize);
    CU_ASSERT_EQUAL(w.heapScanWork, (int64_t)big->elemsize);
    // The same object with its pointers ending at word 100: the oblets are
    // queued all the same, and end at once (their first words are dead).
    for (uintptr_t off = 100 * 8; off < big->elemsize; off += 8)
        setBits(h, x + off, false, false);
    word(h, x + 99 * 8, d, true, true);
    w.n = 0;
    w.bytesMarked = 0;
    w.heapScanWork = 0;
    ex_scanobject(h, x, &w);
    CU_ASSERT(w.n == 3 && w.obj[2] == d);
    CU_ASSERT_EQUAL(w.heapScanWork, 800);
    ex_scanobject(h, x + ex_maxObletBytes, &w);
    ex_scanobject(h, x + 2 * ex_maxObletBytes, &w);
    CU_ASSERT_EQUAL(w.n, 3);
    CU_ASSERT_EQUAL(w.heapScanWork, 800);
    CU_ASSERT_EQUAL(w.bytesMarked, big->elemsize);
    // Exactly 128 KiB: one piece, no oblets.
    for (uintptr_t off = 0; off < exact->elemsize; off += 8)
        setBits(h, exact->base + off, false, true);
    uintptr_t e = slot(s, 5);
    word(h, exact->base + exact->elemsize - 8, e, true, true);
    w.n = 0;
    w.heapScanWork = 0;
    ex_scanobject(h, exact->base, &w);
    CU_ASSERT(w.n == 1 && w.obj[0] == e);
    CU_ASSERT_EQUAL(w.heapScanWork, ex_maxObletBytes);
    // A large noscan object: counted, not read (its bits are stale).
    for (uintptr_t off = 0; off < 64; off += 8)
        word(h, bignoscan->base + off, slot(s, 6), true, true);
    w.n = 0;
    w.bytesMarked = 0;
    w.heapScanWork = 0;
    ex_scanobject(h, bignoscan->base, &w);
    CU_ASSERT_EQUAL(w.n, 0);
    CU_ASSERT_EQUAL(w.bytesMarked, bignoscan->elemsize);
    CU_ASSERT_EQUAL(w.heapScanWork, 0);
    CU_ASSERT(!isMarked(s, 6));
    resetGcw(&w);
    freeHeap(h);
}

static void
test_conservative(void)
{
    ex_heap *h = newHeap();
    ex_span *s = addSpan(h, 0, 1, 48, false);   // 170 slots, 32 bytes of tail
    ex_span *ns = addSpan(h, 2, 1, 1024, true); // page 1 has no span
    s->freeindex = 10;
    setAlloc(s, 20);
    setAlloc(ns, 3);
    uintptr_t roots[] = {
        slot(s, 2),          // below freeindex: allocated although its bit is clear
        slot(s, 20) + 47,    // an interior pointer, to the last byte
        slot(s, 21),         // free
        slot(s, 5) + 8,      // allocated, interior
        slot(s, 2) + 1,      // the same object again: greyed once
        s->limit,            // the tail after the last slot
        s->limit + 31,
        h->start + ex_pageSize + 64, // a page without a span
        slot(ns, 3) + 100,   // a noscan object: black at once
        slot(ns, 4),         // free
        (uintptr_t)&outside[0],
        0,
        12345,
        slot(s, 7) - 1,      // the last byte of slot 6
    };
    uintptr_t *mem = malloc(sizeof roots + sizeof(uintptr_t));
    memcpy(mem, roots, sizeof roots);
    mem[sizeof roots / sizeof roots[0]] = slot(s, 9); // just past the region: not scanned
    ex_gcWork w = {0};
    ex_scanConservative(h, (uintptr_t)mem, sizeof roots, &w);
    uintptr_t want[] = {2, 20, 5, 6};
    int bad = 0;
    for (uintptr_t i = 0; i < s->nelems; i++) {
        bool should = i == 2 || i == 20 || i == 5 || i == 6;
        bad += isMarked(s, i) != should;
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(w.n, 4);
    for (int k = 0; k < 4; k++)
        CU_ASSERT_EQUAL(queued(&w, slot(s, want[k])), 1); // the object's base, not the pointer
    CU_ASSERT(isMarked(ns, 3) && !isMarked(ns, 4));
    CU_ASSERT_EQUAL(w.bytesMarked, 1024);
    CU_ASSERT(!isMarked(s, 9)); // the word after the region
    free(mem);
    resetGcw(&w);
    freeHeap(h);
}

// ---- Random heaps against the tests' own marking ----

static uint64_t rng;

static uint64_t
rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static uintptr_t
randomObject(ex_heap *h, bool interior)
{
    for (;;) {
        ex_span *s = &h->spans[rnd() % (uint64_t)h->nspans];
        uintptr_t i = rnd() % s->nelems;
        if (isAllocated(s, i))
            return slot(s, i) + (interior ? rnd() % s->elemsize : 0);
    }
}

// Any value: a heap address of any kind, or not.
static uintptr_t
randomValue(ex_heap *h)
{
    ex_span *s = &h->spans[rnd() % (uint64_t)h->nspans];
    switch (rnd() % 8) {
    case 0:
        return 0;
    case 1:
        return rnd() % 100000;
    case 2:
        return (uintptr_t)&outside[rnd() % 16];
    case 3:
        return s->limit + rnd() % (s->base + s->npages * ex_pageSize - s->limit + 1); // tail, or next page
    case 4:
        return h->start + rnd() % (h->end - h->start);
    default:
        return s->base + rnd() % (s->limit - s->base); // a slot, allocated or free
    }
}

typedef struct {
    uintptr_t page, npages, elemsize;
    bool noscan;
} spanSpec;

static const spanSpec layout[] = {
    {0, 1, 16, false},   {1, 1, 32, false},    {2, 1, 48, false},    {3, 1, 64, true},
    {4, 1, 96, false},   {5, 1, 128, false},   {6, 1, 256, false},   {7, 1, 512, true},
    {8, 1, 1024, false}, {9, 3, 3072, false},  {12, 1, 8192, false}, {14, 2, 80, false}, // page 13: no span
    {16, 40, 40 * 8192, false}, {56, 17, 17 * 8192, false}, {73, 16, 16 * 8192, false},
    {89, 20, 20 * 8192, true},  {109, 4, 4 * 8192, false},  {113, 2, 112, false},
};

static ex_heap *
randomHeap(void)
{
    ex_heap *h = newHeap();
    for (size_t k = 0; k < sizeof layout / sizeof layout[0]; k++) {
        const spanSpec *sp = &layout[k];
        ex_span *s = addSpan(h, sp->page, sp->npages, sp->elemsize, sp->noscan);
        s->freeindex = rnd() % (s->nelems + 1);
        for (uintptr_t i = s->freeindex; i < s->nelems; i++)
            if (rnd() % 3 != 0)
                setAlloc(s, i);
        if (s->nelems == 1 && rnd() % 4 == 0)
            s->freeindex = 1; // most large objects are live
    }
    // Garbage everywhere first: contents and bits.  Free slots and noscan
    // objects keep it; it must never be read as pointers.
    for (uintptr_t a = h->start; a < h->end; a += 8) {
        *(uintptr_t *)a = rnd() % 2 ? randomValue(h) : rnd();
        setBits(h, a, rnd() % 2, rnd() % 2);
    }
    for (int k = 0; k < h->nspans; k++) {
        ex_span *s = &h->spans[k];
        if (s->noscan)
            continue;
        bool large = s->nelems == 1;
        uintptr_t nwords = s->elemsize / 8;
        for (uintptr_t i = 0; i < s->nelems; i++) {
            if (!isAllocated(s, i))
                continue;
            uintptr_t base = slot(s, i);
            // Words [0, scan) have the scan bit, word `scan` is dead; a large
            // object's bits are clear after it (its span's bits were cleared).
            uintptr_t scan = rnd() % 3 == 0 ? nwords : rnd() % (nwords + 1);
            uintptr_t density = 1 + rnd() % 8;
            for (uintptr_t wi = 0; wi < nwords; wi++) {
                uintptr_t a = base + wi * 8;
                if (wi < scan) {
                    bool ptr = rnd() % density == 0;
                    uintptr_t v;
                    if (!ptr)
                        v = randomValue(h); // a scalar: may look like anything
                    else if (rnd() % 4 == 0)
                        v = 0;
                    else if (rnd() % 10 == 0)
                        v = (uintptr_t)&outside[rnd() % 16];
                    else if (rnd() % 10 == 0)
                        v = base + rnd() % s->elemsize; // into itself
                    else
                        v = randomObject(h, rnd() % 2);
                    word(h, a, v, ptr, true);
                } else if (wi == scan || large) {
                    setBits(h, a, false, false);
                }
            }
        }
    }
    return h;
}

// The tests' marking: what must be marked, and the counters.
typedef struct {
    uint8_t *marked[maxSpans];
    uint64_t bytesMarked;
    int64_t scanWork;
} reference;

static void
refMark(ex_heap *h, reference *r, ex_span *s, uintptr_t i, uintptr_t **stack, size_t *n)
{
    int k = (int)(s - h->spans);
    if (r->marked[k][i])
        return;
    r->marked[k][i] = 1;
    r->bytesMarked += s->elemsize;
    if (!s->noscan)
        (*stack)[(*n)++] = slot(s, i);
}

static void
refMarkAll(ex_heap *h, reference *r, const uintptr_t *roots, size_t nroots)
{
    size_t total = 0;
    for (int k = 0; k < h->nspans; k++) {
        r->marked[k] = calloc(h->spans[k].nelems, 1);
        total += h->spans[k].nelems;
    }
    uintptr_t *stack = malloc(total * sizeof *stack);
    size_t n = 0;
    for (size_t j = 0; j < nroots; j++) {
        ex_span *s = ex_spanOfHeap(h, roots[j]);
        if (s == NULL)
            continue;
        uintptr_t i = (roots[j] - s->base) / s->elemsize;
        if (isAllocated(s, i))
            refMark(h, r, s, i, &stack, &n);
    }
    while (n > 0) {
        uintptr_t o = stack[--n];
        ex_span *s = ex_spanOfHeap(h, o);
        // Each piece of at most maxObletBytes is scanned up to its first dead word.
        for (uintptr_t piece = 0; piece < s->elemsize; piece += ex_maxObletBytes) {
            uintptr_t end = piece + ex_maxObletBytes < s->elemsize ? piece + ex_maxObletBytes : s->elemsize;
            uintptr_t off;
            for (off = piece; off < end && (bitsOf(h, o + off) & ex_bitScan); off += 8) {
                if (!(bitsOf(h, o + off) & ex_bitPointer))
                    continue;
                uintptr_t v = *(uintptr_t *)(o + off);
                ex_span *t = ex_spanOfHeap(h, v);
                if (t != NULL)
                    refMark(h, r, t, (v - t->base) / t->elemsize, &stack, &n);
            }
            r->scanWork += (int64_t)(off - piece);
        }
    }
    free(stack);
}

static void
test_random(void)
{
    rng = 0x9e3779b97f4a7c15u;
    int badHeaps = 0, markedTotal = 0;
    for (int round = 0; round < 40; round++) {
        ex_heap *h = randomHeap();
        enum { nroots = 96 };
        uintptr_t *roots = malloc(nroots * sizeof *roots);
        for (int j = 0; j < nroots; j++)
            roots[j] = rnd() % 3 == 0 ? randomObject(h, true) : randomValue(h);
        reference r = {0};
        refMarkAll(h, &r, roots, nroots);
        ex_gcWork w = {0};
        ex_scanConservative(h, (uintptr_t)roots, nroots * sizeof *roots, &w);
        size_t steps = 0;
        while (w.n > 0 && steps++ < 1000000) {
            uintptr_t b = w.obj[--w.n];
            ex_scanobject(h, b, &w);
        }
        int bad = w.n != 0;
        for (int k = 0; k < h->nspans; k++)
            for (uintptr_t i = 0; i < h->spans[k].nelems; i++) {
                bad += isMarked(&h->spans[k], i) != r.marked[k][i];
                markedTotal += r.marked[k][i];
            }
        bad += w.bytesMarked != r.bytesMarked;
        bad += w.heapScanWork != r.scanWork;
        if (bad && badHeaps++ == 0)
            printf("\n  heap %d: %d differences; bytesMarked %llu (want %llu), heapScanWork %lld (want %lld)", round,
                   bad, (unsigned long long)w.bytesMarked, (unsigned long long)r.bytesMarked,
                   (long long)w.heapScanWork, (long long)r.scanWork);
        for (int k = 0; k < h->nspans; k++)
            free(r.marked[k]);
        free(roots);
        resetGcw(&w);
        freeHeap(h);
    }
    CU_ASSERT_EQUAL(badHeaps, 0);
    CU_ASSERT(markedTotal > 1000); // the heaps are not trivial
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("12-scanobject", NULL, NULL);
    CU_add_test(s, "[1] greyobject: mark once; noscan is black at once", test_greyobject);
    CU_add_test(s, "[2] scanobject: pointer words only, to the first dead word, not into itself", test_scanSmall);
    CU_add_test(s, "[2] oblets: the first visit queues the others; each scans 128 KiB at most", test_oblets);
    CU_add_test(s, "[2] scanConservative: allocated slots only, interior pointers mark the object", test_conservative);
    CU_add_test(s, "[3] 40 random heaps: the marked set and the counters against the tests' marking", test_random);
}
