// Exercise 14-wbbuf: graded tests.  Each test's name starts with its points.
#include <stdlib.h>
#include <string.h>
#include "grade.h"
#include "wbbuf.h"

// The model heap: object i at 0x100000 + i*0x1000, of 16, 32, 64 or 128
// bytes, every third one noscan; the gaps between them are no object.
enum { nobjs = 300, heapBase = 0x100000, stride = 0x1000 };
static ex_object objs[nobjs];
static uint8_t marks[nobjs];
static ex_heap heap;

static void
makeHeap(void)
{
    for (int i = 0; i < nobjs; i++)
        objs[i] = (ex_object){heapBase + (uintptr_t)i * stride, (uintptr_t)16 << (i % 4), i % 3 == 0};
    memset(marks, 0, sizeof marks);
    heap = (ex_heap){objs, nobjs, marks, 0};
}

static uintptr_t
base(int i)
{
    return objs[i].base;
}

// ex_putBatch records every batch: how many calls, where the objects were,
// and every object queued, in order; queuedCount[i] counts object i.
static int batches;
static const uintptr_t *lastBatchPtr;
static size_t lastBatchLen;
static uintptr_t queued[4096];
static size_t nqueued;
static int queuedCount[nobjs], strange;

void
ex_putBatch(const uintptr_t *o, size_t n)
{
    batches++;
    lastBatchPtr = o;
    lastBatchLen = n;
    for (size_t i = 0; i < n; i++) {
        if (nqueued < sizeof queued / sizeof queued[0])
            queued[nqueued++] = o[i];
        uintptr_t k = (o[i] - heapBase) / stride;
        if (o[i] < heapBase || k >= nobjs || o[i] != base((int)k))
            strange++; // not the base of an object
        else
            queuedCount[k]++;
    }
}

static void
clearLog(void)
{
    batches = 0;
    lastBatchPtr = NULL;
    lastBatchLen = nqueued = 0;
    memset(queuedCount, 0, sizeof queuedCount);
    strange = 0;
}

static ex_wbBuf *
newBuf(void)
{
    ex_wbBuf *b = malloc(sizeof *b);
    memset(b, 0xa5, sizeof *b); // garbage, as a new P's memory would not be
    ex_reset(b);
    return b;
}

static void
test_reset(void)
{
    ex_wbBuf *b = newBuf();
    CU_ASSERT_PTR_EQUAL(b->next, &b->buf[0]);
    CU_ASSERT_PTR_EQUAL(b->end, &b->buf[ex_wbBufEntries * ex_wbBufEntryPointers]);
    CU_ASSERT(ex_empty(b));
    CU_ASSERT(ex_putFast(b, 0, 0x5000));
    CU_ASSERT_FALSE(ex_empty(b));
    ex_reset(b);
    CU_ASSERT(ex_empty(b));
    CU_ASSERT_PTR_EQUAL(b->next, &b->buf[0]);
    free(b);
}

static void
test_putFast(void)
{
    ex_wbBuf *b = newBuf();
    int bad = 0;
    for (int i = 0; i < ex_wbBufEntries; i++) {
        bool ok = ex_putFast(b, 1000 + (uintptr_t)i, 50000 + (uintptr_t)i);
        bad += ok != (i != ex_wbBufEntries - 1); // false exactly at the 256th pair
        bad += b->next != &b->buf[2 * (i + 1)];
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_PTR_EQUAL(b->next, b->end);
    for (int i = 0; i < ex_wbBufEntries; i++)
        bad += b->buf[2 * i] != 1000 + (uintptr_t)i || b->buf[2 * i + 1] != 50000 + (uintptr_t)i; // old, then new
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_PTR_EQUAL(b->end, &b->buf[ex_wbBufEntries * ex_wbBufEntryPointers]); // putFast never moves end
    free(b);
}

static void
test_flushFilter(void)
{
    makeHeap();
    clearLog();
    ex_wbBuf *b = newBuf();
    // Objects 1 (32 bytes), 2 (64) and 5 (32) can hold pointers; 3 (128) is noscan.
    ex_putFast(b, 0, 1);                            // nil and a small number
    ex_putFast(b, 4095, base(1));                   // below minLegalPointer; object 1's base
    ex_putFast(b, base(2) + 63, heapBase - 8);      // object 2's last byte; before the first object
    ex_putFast(b, base(5) + objs[5].size, base(5) + 8); // just past object 5 (a gap); inside object 5
    ex_putFast(b, base(nobjs - 1) + stride, base(7) + 0x800); // past the last object; a gap
    ex_putFast(b, 4096 + 0x10, base(3) + 100);      // a legal value in no object; noscan object 3
    ex_flush(b, &heap);
    CU_ASSERT_EQUAL(batches, 1);                    // one batch
    CU_ASSERT_PTR_EQUAL(lastBatchPtr, &b->buf[0]);  // gathered in the buffer itself
    CU_ASSERT_EQUAL(lastBatchLen, 3);
    if (nqueued == 3) {                             // in the order they were found
        CU_ASSERT_EQUAL(queued[0], base(1));
        CU_ASSERT_EQUAL(queued[1], base(2));
        CU_ASSERT_EQUAL(queued[2], base(5));
    }
    CU_ASSERT_EQUAL(strange, 0);
    int bad = 0;
    for (int i = 0; i < nobjs; i++)
        bad += marks[i] != (i == 1 || i == 2 || i == 3 || i == 5);
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(heap.bytesMarked, 128);         // object 3, counted, not queued
    CU_ASSERT(ex_empty(b));                         // reset after the flush
    CU_ASSERT_PTR_EQUAL(b->end, &b->buf[ex_wbBufEntries * ex_wbBufEntryPointers]);
    free(b);
}

static void
test_flushOnce(void)
{
    makeHeap();
    clearLog();
    ex_wbBuf *b = newBuf();
    marks[8] = 1; // marked already (by a worker, or an earlier flush)
    ex_putFast(b, base(8), base(10) + 4);
    ex_putFast(b, base(10), base(10) + 31);  // object 10 three times: queued once
    ex_putFast(b, base(9) + 1, base(9) + 2); // noscan object 9 twice: counted once
    ex_putFast(b, base(11) + 3, 0);
    ex_flush(b, &heap);
    CU_ASSERT_EQUAL(batches, 1);
    CU_ASSERT_EQUAL(lastBatchLen, 2);
    CU_ASSERT(nqueued == 2 && queued[0] == base(10) && queued[1] == base(11));
    CU_ASSERT_EQUAL(heap.bytesMarked, objs[9].size);
    CU_ASSERT(marks[8] && marks[9] && marks[10] && marks[11]);
    // A second flush of the same objects finds them marked: nothing new.
    ex_putFast(b, base(10), base(11) + 1);
    ex_putFast(b, base(9), base(13) + 5);    // but object 13 is new: queued
    ex_flush(b, &heap);
    CU_ASSERT_EQUAL(batches, 2);
    CU_ASSERT_EQUAL(lastBatchLen, 1);
    CU_ASSERT(nqueued == 3 && queued[2] == base(13));
    CU_ASSERT_EQUAL(heap.bytesMarked, objs[9].size);
    CU_ASSERT_EQUAL(queuedCount[10], 1);
    // An empty flush still hands over its (empty) batch, once, and stays empty.
    ex_flush(b, &heap);
    CU_ASSERT_EQUAL(batches, 3);
    CU_ASSERT_EQUAL(lastBatchLen, 0);
    CU_ASSERT(ex_empty(b));
    CU_ASSERT_EQUAL(strange, 0);
    free(b);
}

static void
test_flushFull(void)
{
    makeHeap();
    clearLog();
    ex_wbBuf *b = newBuf();
    // 256 pairs over all 300 objects, many twice, in a scrambled order.
    for (int i = 0; i < ex_wbBufEntries; i++) {
        int o = (i * 37) % nobjs, n = (i * 101 + 7) % nobjs;
        ex_putFast(b, base(o) + (uintptr_t)(i % 16), base(n));
    }
    uint8_t expectMark[nobjs] = {0};
    uint64_t noscanBytes = 0;
    int scan = 0;
    for (int i = 0; i < 2 * ex_wbBufEntries; i++) {
        int k = (int)((b->buf[i] - heapBase) / stride);
        if (!expectMark[k]) {
            expectMark[k] = 1;
            if (objs[k].noscan)
                noscanBytes += objs[k].size;
            else
                scan++;
        }
    }
    ex_flush(b, &heap);
    CU_ASSERT_EQUAL(batches, 1);
    CU_ASSERT_EQUAL(lastBatchLen, (size_t)scan);
    CU_ASSERT_EQUAL(heap.bytesMarked, noscanBytes);
    int bad = 0;
    for (int i = 0; i < nobjs; i++)
        bad += marks[i] != expectMark[i] || queuedCount[i] != (expectMark[i] && !objs[i].noscan);
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(strange, 0);
    CU_ASSERT(ex_empty(b));
    free(b);
}

static void
test_writePointer(void)
{
    makeHeap();
    clearLog();
    ex_wbBuf *b = newBuf();
    uintptr_t slots[8] = {0};
    ex_writePointer(b, &heap, false, &slots[0], base(1)); // no mark: just the store
    CU_ASSERT_EQUAL(slots[0], base(1));
    CU_ASSERT(ex_empty(b));
    // With the barrier on: the old value and the new are recorded, then stored.
    int bad = 0;
    for (int i = 0; i < ex_wbBufEntries - 1; i++) {
        uintptr_t *s = &slots[i % 8], old = *s, new = base((i % 100) + 100);
        ex_writePointer(b, &heap, true, s, new);
        bad += *s != new || b->next[-2] != old || b->next[-1] != new;
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(batches, 0); // 255 pairs: not full yet
    CU_ASSERT_PTR_EQUAL(b->next, &b->buf[2 * (ex_wbBufEntries - 1)]);
    uintptr_t old = slots[255 % 8];
    ex_writePointer(b, &heap, true, &slots[255 % 8], base(250)); // the 256th fills it: flushed
    CU_ASSERT_EQUAL(batches, 1);
    CU_ASSERT(ex_empty(b));
    CU_ASSERT_EQUAL(slots[255 % 8], base(250));
    CU_ASSERT(marks[250]);                                       // the last pair was shaded too
    CU_ASSERT(marks[(old - heapBase) / stride]);
    CU_ASSERT(marks[1]);                                         // the old value of the first store with the barrier on
    ex_writePointer(b, &heap, true, &slots[0], 0);
    CU_ASSERT_PTR_EQUAL(b->next, &b->buf[2]);
    CU_ASSERT_EQUAL(slots[0], 0);
    CU_ASSERT_EQUAL(strange, 0);
    free(b);
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("14-wbbuf", NULL, NULL);
    CU_add_test(s, "[1] reset and empty", test_reset);
    CU_add_test(s, "[2] putFast: pairs (old, new), false at the 256th", test_putFast);
    CU_add_test(s, "[2] flush: below minLegalPointer, outside every object, interior pointers", test_flushFilter);
    CU_add_test(s, "[2] flush: each object marked and queued once, noscan counted, empty flushes", test_flushOnce);
    CU_add_test(s, "[1] flush a full buffer: 512 words, one batch", test_flushFull);
    CU_add_test(s, "[2] writePointer: record, flush when full, store", test_writePointer);
}
