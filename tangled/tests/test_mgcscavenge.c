// tangled from chapters/19-mgcscavenge.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Tests of the scavenger (chapter 19).
#define _GNU_SOURCE
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testing.h"
#include "runtime.h"

static void
test_fillAligned(void)
{
    uint64 seed = 88172645463325252ull;
    for (int n = 0; n < 4000; n++) {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        uint64 sparse = seed & (seed >> (n % 7));
        uint64 x = n < 64 ? 1ull << n : sparse; // single bits, then sparse words
        for (uintptr m = 1; m <= 64; m *= 2) {
            uint64 want = 0;
            for (uintptr g = 0; g < 64; g += m) {
                uint64 mask = m == 64 ? ~0ull : ((1ull << m) - 1) << g;
                if (x & mask)
                    want |= mask;
            }
            CU_ASSERT_EQUAL(fillAligned(x, m), want);
        }
    }
}

// A chunk whose pages [free0, free1) are free, the rest allocated, and [scav0, scav1) released.
static void
chunkWith(pallocData *d, uintptr free0, uintptr free1, uintptr scav0, uintptr scav1)
{
    memset(d, 0, sizeof *d);
    for (uintptr i = 0; i < pallocChunkPages; i++) {
        if (i < free0 || i >= free1)
            pageBits_set(&d->pallocBits, i);
        else if (i >= scav0 && i < scav1)
            pageBits_set(&d->scavenged, i);
    }
}

static void
test_findScavengeCandidate(void)
{
    enum { P = pallocChunkPages };
    static const struct {
        uintptr free0, free1, scav0, scav1; // the chunk
        uintptr huge;                       // physHugePageSize for the case
        uintptr search, min, max;
        uintptr start, size;                // the answer
    } cases[] = {
        {0, P, 0, 0, 0, P - 1, 1, 1, P - 1, 1},        // all free: the top page
        {0, P, 0, 0, 0, P - 1, 1, 20, P - 20, 20},
        {0, P, 0, 0, 0, 100, 1, 5, 123, 5},            // from 100: its whole 64-page word counts
        {100, 110, 0, 0, 0, P - 1, 1, 64, 100, 10},    // one run: all of it
        {100, 110, 0, 0, 0, P - 1, 4, 64, 100, 8},     // whole groups of 4 only: 100..107
        {100, 110, 0, 0, 0, 63, 1, 64, 0, 0},          // nothing in the words searched
        {0, 300, 290, 300, 0, P - 1, 1, 8, 282, 8},    // released pages are no candidates
        {0, P, 0, 0, 2 << 20, P - 1, 1, 1, 256, 256},  // huge pages: a whole one
        {100, 110, 0, 0, 2 << 20, P - 1, 1, 64, 100, 10}, // no huge page inside the run
        {0, 260, 0, 0, 2 << 20, P - 1, 1, 8, 0, 260},  // the run covers the huge page below it
    };
    uintptr saved = physHugePageSize;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        pallocData d;
        chunkWith(&d, cases[i].free0, cases[i].free1, cases[i].scav0, cases[i].scav1);
        physHugePageSize = cases[i].huge;
        uintptr start = 99, size = 99;
        pallocData_findScavengeCandidate(&d, cases[i].search, cases[i].min, cases[i].max, &start, &size);
        CU_ASSERT(start == cases[i].start && size == cases[i].size);
        if (start != cases[i].start || size != cases[i].size)
            printf("\ncase %zu: got (%lu, %lu), want (%lu, %lu)\n", i, (unsigned long)start, (unsigned long)size,
                   (unsigned long)cases[i].start, (unsigned long)cases[i].size);
    }
    physHugePageSize = saved;
}

static uintptr
residentBytes(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    unsigned long size = 0, resident = 0;
    if (f != NULL) {
        if (fscanf(f, "%lu %lu", &size, &resident) != 2)
            resident = 0;
        fclose(f);
    }
    return (uintptr)resident * (uintptr)sysconf(_SC_PAGESIZE);
}

enum { bigObject = 1 << 20 };

static void *held[256]; // the large objects, alive until dropped

// Allocate n bytes in large objects, touch every page, keep them all, then let them go;
// return the resident set while they were alive.
__attribute__((noinline)) static uintptr
allocateAndDrop(uintptr n)
{
    for (uintptr i = 0; i < n / bigObject; i++) {
        char *p = runtime_mallocgc(bigObject, NULL, 0);
        for (uintptr off = 0; off < bigObject; off += 4096)
            p[off] = 1;
        runtime_writePointer(&held[i], p);
    }
    uintptr rss = residentBytes();
    for (uintptr i = 0; i < n / bigObject; i++)
        runtime_writePointer(&held[i], NULL);
    return rss;
}

static int
freeOSMemoryChild(void)
{
    const uintptr n = 128 << 20;
    uintptr rss0 = allocateAndDrop(n);
    runtime_GC();
    runtime_GC();
    debug_FreeOSMemory();
    uintptr rss1 = residentBytes();
    uint64 released = sysMemStat_load(&gcController.heapReleased);
    uint64 ready = sysMemStat_load(&gcController.heapFree);
    printf("rss %lu -> %lu MiB, released %lu MiB, free and not released %lu KiB\n", (unsigned long)(rss0 >> 20),
           (unsigned long)(rss1 >> 20), (unsigned long)(released >> 20), (unsigned long)(ready >> 10));
    fflush(stdout);
    return rss0 - rss1 >= n / 10 * 8 && released >= n / 10 * 8 && ready < 1 << 20 ? 0 : 1;
}

static void
test_freeOSMemory(void)
{
    char out[4096];
    int status = runself("free", "GODEBUG=scavtrace=1", out, sizeof out);
    CU_ASSERT_EQUAL(status, 0);
    regex_t forced, plain;
    CU_ASSERT_FATAL(regcomp(&forced, "^scav [0-9]+ KiB work, [0-9]+ KiB total, [0-9]+% util \\(forced\\)$",
                            REG_EXTENDED | REG_NEWLINE) == 0);
    CU_ASSERT_FATAL(regcomp(&plain, "^scav [0-9]+ KiB work, [0-9]+ KiB total, [0-9]+% util$",
                            REG_EXTENDED | REG_NEWLINE) == 0);
    CU_ASSERT(regexec(&forced, out, 0, NULL, 0) == 0); // debug_FreeOSMemory's
    CU_ASSERT(regexec(&plain, out, 0, NULL, 0) == 0);  // the end of a sweep's
    regfree(&forced);
    regfree(&plain);
    const char *l = strstr(out, "rss ");
    printf("\n%s", status == 0 && l != NULL ? l : out);
}

// Without scavtrace, nothing resets the count of what the background scavenger released.
static int
backgroundChild(void)
{
    const uintptr n = 32 << 20;
    allocateAndDrop(n);
    runtime_GC();
    runtime_GC();
    runtime_GC();
    int64 start = nanotime();
    uintptr released = 0;
    while ((released = __atomic_load_n(&mheap_.pages.scav.released, __ATOMIC_SEQ_CST)) < n / 2
           && nanotime() - start < 10LL * 1000000000)
        usleep(10 * 1000);
    printf("the background scavenger released %lu MiB\n", (unsigned long)(released >> 20));
    fflush(stdout);
    return released >= n / 2 ? 0 : 1;
}

static void
test_background(void)
{
    char out[4096];
    int status = runself("background", NULL, out, sizeof out);
    CU_ASSERT_EQUAL(status, 0);
    printf("\n%s", out);
}

int
main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "free") == 0)
        return freeOSMemoryChild();
    if (argc == 2 && strcmp(argv[1], "background") == 0)
        return backgroundChild();
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite s = CU_add_suite("mgcscavenge", NULL, NULL);
    CU_add_test(s, "fillAligned against its definition", test_fillAligned);
    CU_add_test(s, "findScavengeCandidate, with and without huge pages", test_findScavengeCandidate);
    CU_add_test(s, "debug_FreeOSMemory: the resident set falls by what was freed", test_freeOSMemory);
    CU_add_test(s, "the background scavenger releases freed memory on its own", test_background);
    return runTests();
}
