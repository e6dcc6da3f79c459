// tangled from chapters/09-mbitmap.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// CUnit tests of the heap bitmap, mark bits and findObject.
#define _GNU_SOURCE
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "testing.h"
#include "runtime.h"

static int
compareBits(runtime_Type *t, intptr_t count, byte *x, uintptr size)
{
    uintptr dataSize = t->size * (uintptr)count;
    uintptr typw = t->size / ptrSize, ptrw = t->ptrdata / ptrSize;
    uintptr n = (uintptr)(count - 1) * typw + ptrw;
    heapBits h = heapBitsForAddr((uintptr)x);
    int bad = 0;
    for (uintptr i = 0; i < size / ptrSize; i++, h = heapBits_next(h)) {
        uintptr w = i % typw;
        bool wantPtr = i < n && w < ptrw && (t->gcdata[w / 8] >> (w % 8) & 1);
        bool wantScan = i < n;
        if (size == ptrSize)
            wantPtr = wantScan = true;
        if (heapBits_isPointer(h) != wantPtr || heapBits_morePointers(h) != wantScan) {
            if (bad++ < 3)
                printf("\n  %s x%ld (size %lu, dataSize %lu) word %lu: ptr=%d scan=%d, want %d %d",
                       t->name, (long)count, (unsigned long)size, (unsigned long)dataSize,
                       (unsigned long)i, heapBits_isPointer(h), heapBits_morePointers(h), wantPtr, wantScan);
        }
    }
    return bad;
}

static int
checkBits(runtime_Type *t, intptr_t count)
{
    byte *x = count == 1 ? runtime_new(t) : runtime_newarray(t, count);
    uintptr size = spanOfHeap((uintptr)x)->elemsize;
    int bad = compareBits(t, count, x, size);
    if (size == ptrSize)
        return bad;
    uintptr n = (uintptr)(count - 1) * (t->size / ptrSize) + t->ptrdata / ptrSize;
    heapBits h = heapBits_forward(heapBitsForAddr((uintptr)x), n);
    for (uintptr i = n; i < size / ptrSize; i++, h = heapBits_next(h))
        *h.bitp |= (uint8)((bitPointer | bitScan) << h.shift);
    heapBitsSetType((uintptr)x, size, t->size * (uintptr)count, t);
    return bad + compareBits(t, count, x, size);
}
struct p1 { void *a; };
struct p2 { void *a, *b; };
struct ps { void *a; long x; };
struct sp { long x; void *a; };
struct s3 { long x; void *a; long y; };
struct node { struct node *left; long key; struct node *right; char name[24]; };
struct s7 { void *a; long x[5]; void *b; };
struct hdr { void *next; char buf[4096]; };
struct np { long x[3]; };
GOMM_TYPE(p1Type, struct p1, 0);
GOMM_TYPE(p2Type, struct p2, 0, 8);
GOMM_TYPE(psType, struct ps, 0);
GOMM_TYPE(spType, struct sp, 8);
GOMM_TYPE(s3Type, struct s3, 8);
GOMM_TYPE(nodeType, struct node, offsetof(struct node, left), offsetof(struct node, right));
GOMM_TYPE(s7Type, struct s7, 0, 48);
GOMM_TYPE(hdrType, struct hdr, 0);
GOMM_TYPE_NOPTR(npType, struct np);

static runtime_Type *shapes[] = {&p1Type, &p2Type, &psType, &spType, &s3Type, &nodeType, &s7Type, &hdrType};

static void
test_shapes(void)
{
    static const intptr_t counts[] = {1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 100, 1000, 5000};
    int bad = 0;
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++)
        for (size_t j = 0; j < sizeof counts / sizeof counts[0]; j++)
            bad += checkBits(shapes[i], counts[j]);
    CU_ASSERT_EQUAL(bad, 0);
}

static void
test_large_and_arenas(void)
{
    int bad = checkBits(&nodeType, 1024);                      // 48 KiB: a large object
    bad += checkBits(&s7Type, (70 << 20) / sizeof(struct s7)); // 70 MiB: crosses an arena
    CU_ASSERT_EQUAL(bad, 0);
}

static void
test_noscan(void)
{
    struct np *a = runtime_new(&npType);
    mspan *s = spanOfHeap((uintptr)a);
    CU_ASSERT(spanClass_noscan(s->spanclass));
    // The bitmap of a noscan object is never written: it stays zero.
    heapBits h = heapBitsForAddr((uintptr)a);
    for (int i = 0; i < 3; i++, h = heapBits_next(h))
        CU_ASSERT_EQUAL(heapBits_bits(h) & (bitPointer | bitScan), 0);
    CU_ASSERT_EQUAL(npType.ptrdata, 0);
    CU_ASSERT_EQUAL(nodeType.ptrdata, 24);
    CU_ASSERT_EQUAL(s7Type.ptrdata, 56);
    CU_ASSERT_EQUAL(s7Type.gcdata[0], 0x41);
}
static void
test_findObject(void)
{
    int bad = 0;
    for (int cl = 1; cl < _NumSizeClasses; cl++) {
        uintptr size = class_to_size[cl];
        for (int noscan = 0; noscan < 2; noscan++) {
            uintptr x = (uintptr)mallocgc(size, noscan ? NULL : &p1Type, true);
            if (size < maxTinySize && noscan)
                continue; // tiny: several objects share a block
            for (uintptr off = 0; off < size; off++) {
                mspan *s;
                uintptr idx;
                uintptr base = findObject(x + off, 0, 0, &s, &idx);
                if (base != x || s != spanOfHeap(x) || mspan_base(s) + idx * s->elemsize != x)
                    bad++;
            }
        }
    }
    uintptr big = (uintptr)mallocgc(100000, NULL, false);
    mspan *s;
    uintptr idx;
    for (uintptr off = 0; off < 100000; off += 997)
        bad += findObject(big + off, 0, 0, &s, &idx) != big || idx != 0;
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(findObject((uintptr)&bad, 0, 0, &s, &idx), 0); // not in the heap
    CU_ASSERT_PTR_NULL(s);
}
static void
test_markbits(void)
{
    uintptr objs[70];
    for (int i = 0; i < 70; i++)
        objs[i] = (uintptr)mallocgc(64, NULL, false);
    mspan *s = spanOfHeap(objs[0]);
    int before = mspan_countAlloc(s);
    markBits m = markBitsForAddr(objs[5] + 13);
    CU_ASSERT(!markBits_isMarked(m));
    markBits_setMarked(m);
    CU_ASSERT(markBits_isMarked(markBitsForAddr(objs[5])));
    CU_ASSERT_EQUAL(mspan_countAlloc(s), before + 1);
    markBits_clearMarked(m);
    CU_ASSERT(!markBits_isMarked(m));
    markBits b = mspan_markBitsForBase(s);
    for (int i = 0; i < 9; i++)
        markBits_advance(&b);
    CU_ASSERT_EQUAL(b.index, 9);
    CU_ASSERT_PTR_EQUAL(b.bytep, s->gcmarkBits + 1);
    CU_ASSERT_EQUAL(b.mask, 2);
    markBits_setMarkedNonAtomic(b);
    CU_ASSERT(markBits_isMarked(mspan_markBitsForIndex(s, 9)));
    CU_ASSERT(!mspan_isFree(s, 0)); // below freeIndexForScan: allocated
    CU_ASSERT(mspan_isFree(s, s->nelems - 1) || s->freeIndexForScan == s->nelems);
}

static void
test_rotation(void)
{
    gcBits *a = newMarkBits(100);
    a[0] = 0xff;
    nextMarkBitArenaEpoch(); // a's arena: next -> current
    gcBits *b = newMarkBits(100);
    CU_ASSERT_EQUAL(a[0], 0xff); // still in use
    CU_ASSERT(b != a);
    nextMarkBitArenaEpoch(); // a: current -> previous
    nextMarkBitArenaEpoch(); // a: previous -> free
    gcBits *reused = NULL;
    for (int i = 0; i < 2000 && reused == NULL; i++) {
        gcBits *c = newMarkBits(64 * 8);
        if ((uintptr)c / (64 << 10) == (uintptr)a / (64 << 10))
            reused = c;
    }
    CU_ASSERT_PTR_NOT_NULL(reused); // a's arena came back from the free list...
    if (reused != NULL)
        CU_ASSERT_EQUAL(a[0], 0); // ...cleared
}
static void
test_badpointer(void)
{
    char out[8192];
    CU_ASSERT_EQUAL(runself("badptr", NULL, out, sizeof out), 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, " to unused region of span span.base()=0x"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "runtime: found in object at *(0x"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, " s.spanclass=") );
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "s.state=mSpanInUse\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, " *(object+0) = 0x0\n")); // Go's hex of zero
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "+8) = 0x"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, " <==\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "fatal error: found bad pointer in Go heap (incorrect use of unsafe or cgo?)\n"));
    CU_ASSERT_EQUAL(runself("badptr", "GODEBUG=invalidptr=0", out, sizeof out), 0);
    CU_ASSERT_STRING_EQUAL(out, "ignored\n");
    CU_ASSERT_EQUAL(runself("newarray-negative", NULL, out, sizeof out), 2);
    CU_ASSERT_STRING_EQUAL(out, "panic: runtime: allocation size out of range\n");
}

int
main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "badptr") == 0) {
        byte *big = mallocgc((48 << 10) - 100, NULL, false);
        uintptr *holder = runtime_new(&p2Type);
        holder[1] = (uintptr)big + (48 << 10) - 50;
        mspan *s;
        uintptr idx;
        uintptr base = findObject(holder[1], (uintptr)holder, 8, &s, &idx);
        printf("%s\n", base == 0 ? "ignored" : "found");
        return 0;
    }
    if (argc == 2 && strcmp(argv[1], "newarray-negative") == 0) {
        runtime_newarray(&p2Type, -1);
        return 0;
    }
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite s = CU_add_suite("mbitmap", NULL, NULL);
    CU_add_test(s, "heap bits of many shapes and arrays", test_shapes);
    CU_add_test(s, "heap bits of large objects, across arenas", test_large_and_arenas);
    CU_add_test(s, "noscan objects: no bits; type descriptors", test_noscan);
    CU_add_test(s, "findObject at every offset of every class", test_findObject);
    CU_add_test(s, "mark bits", test_markbits);
    CU_add_test(s, "gcBits arenas rotate across cycles", test_rotation);
    CU_add_test(s, "badPointer under GODEBUG=invalidptr", test_badpointer);
    return runTests();
}
