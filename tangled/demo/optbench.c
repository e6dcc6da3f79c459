// tangled from chapters/28-optimize.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Allocation strategies compared with the benchmark harness (chapter 28): reuse, preallocation, a pool.
#include <stdint.h>
#include <string.h>
#include "gomm.h"

GOMM_TYPE_NOPTR(u64Type, uint64_t);

enum { bufSize = 4096, records = 64, appendLen = 1000 };

// One record formatted into buf: the "work" of an op, the same in every version.
static size_t
formatRecord(uint8_t *buf, uint64_t r)
{
    size_t n = 0;
    for (int i = 0; i < 64; i++)
        buf[n++] = (uint8_t)(r >> (i % 8 * 8)) ^ (uint8_t)i;
    return n;
}

static uint64_t sink; // results go here, so that the compiler keeps the work

static void
BenchmarkBuildNew(testing_B *b)
{
    for (int64_t i = 0; i < b->N; i++)
        for (uint64_t r = 0; r < records; r++) {
            uint8_t *buf = runtime_mallocgc(bufSize, NULL, 1); // a fresh buffer per record
            sink += formatRecord(buf, r) + buf[r];
        }
}

static void
BenchmarkBuildReuse(testing_B *b)
{
    uint8_t *buf = runtime_mallocgc(bufSize, NULL, 1); // one buffer, reset per record
    testing_B_ResetTimer(b);
    for (int64_t i = 0; i < b->N; i++)
        for (uint64_t r = 0; r < records; r++)
            sink += formatRecord(buf, r) + buf[r];
}

// append(s, x) for a []uint64, growing as Go 1.19's growslice does (before rounding to a class).
static uint64_t *
appendU64(uint64_t *s, size_t *len, size_t *cap, uint64_t x)
{
    if (*len == *cap) {
        size_t newcap = *cap, doublecap = 2 * *cap;
        if (*len + 1 > doublecap)
            newcap = *len + 1;
        else if (*cap < 256)
            newcap = doublecap;
        else
            while (newcap < *len + 1)
                newcap += (newcap + 3 * 256) / 4;
        uint64_t *grown = runtime_makeslice(&u64Type, (intptr_t)*len, (intptr_t)newcap);
        memcpy(grown, s, *len * sizeof *s);
        s = grown, *cap = newcap;
    }
    s[(*len)++] = x;
    return s;
}

static void
BenchmarkAppendGrow(testing_B *b)
{
    for (int64_t i = 0; i < b->N; i++) {
        uint64_t *s = NULL;
        size_t len = 0, cap = 0;
        for (uint64_t k = 0; k < appendLen; k++)
            s = appendU64(s, &len, &cap, k);
        sink += s[len - 1];
    }
}

static void
BenchmarkAppendPrealloc(testing_B *b)
{
    for (int64_t i = 0; i < b->N; i++) {
        size_t len = 0, cap = appendLen;
        uint64_t *s = runtime_makeslice(&u64Type, 0, appendLen); // make([]uint64, 0, 1000)
        for (uint64_t k = 0; k < appendLen; k++)
            s = appendU64(s, &len, &cap, k);
        sink += s[len - 1];
    }
}
static void *
newBuffer(void)
{
    return runtime_mallocgc(bufSize, NULL, 0);
}

static sync_Pool bufPool = {.New = newBuffer};

static void
BenchmarkBufferNew(testing_B *b)
{
    for (int64_t i = 0; i < b->N; i++) {
        uint8_t *buf = newBuffer();
        sink += formatRecord(buf, (uint64_t)i) + buf[i % 64];
    }
}

static void
BenchmarkBufferPool(testing_B *b)
{
    for (int64_t i = 0; i < b->N; i++) {
        uint8_t *buf = sync_Pool_Get(&bufPool);
        sink += formatRecord(buf, (uint64_t)i) + buf[i % 64];
        sync_Pool_Put(&bufPool, buf);
    }
}

static const testing_InternalBenchmark benchmarks[] = {
    {"BenchmarkBuildNew", BenchmarkBuildNew, NULL},
    {"BenchmarkBuildReuse", BenchmarkBuildReuse, NULL},
    {"BenchmarkAppendGrow", BenchmarkAppendGrow, NULL},
    {"BenchmarkAppendPrealloc", BenchmarkAppendPrealloc, NULL},
    {"BenchmarkBufferNew", BenchmarkBufferNew, NULL},
    {"BenchmarkBufferPool", BenchmarkBufferPool, NULL},
};

int
main(int argc, char **argv)
{
    runtime_ThreadAttach();
    return testing_Main(argc, argv, benchmarks, sizeof benchmarks / sizeof benchmarks[0]);
}
