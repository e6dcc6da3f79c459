// tangled from chapters/01-memory.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// CUnit tests of the OS layer: the four states, their accounting, GODEBUG.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <sched.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include "testing.h"
#include "runtime.h"

static uintptr pageSizeSeenEarly;
static int cpusSeenEarly;

__attribute__((constructor)) static void
earlyConstructor(void)
{
    pageSizeSeenEarly = physPageSize;
    cpusSeenEarly = runtime_NumCPU();
}

static void
test_startup_order(void)
{
    CU_ASSERT_NOT_EQUAL(physPageSize, 0);
    CU_ASSERT_EQUAL(pageSizeSeenEarly, physPageSize);
    CU_ASSERT_EQUAL(cpusSeenEarly, runtime_NumCPU());
}

enum { maxTestCPUs = 64 * 1024 };

static void
oneCPU(void)
{
    size_t size = CPU_ALLOC_SIZE(maxTestCPUs);
    cpu_set_t *set = CPU_ALLOC(maxTestCPUs);
    if (set == NULL || sched_getaffinity(0, size, set) != 0)
        _exit(3);
    int first = 0;
    while (first < maxTestCPUs && !CPU_ISSET_S(first, size, set))
        first++;
    CPU_ZERO_S(size, set);
    CPU_SET_S(first, size, set);
    if (sched_setaffinity(0, size, set) != 0)
        _exit(4);
    osinit();
    _exit(ncpu == 1 ? 0 : 5);
}

static void
test_numcpu(void)
{
    size_t size = CPU_ALLOC_SIZE(maxTestCPUs);
    cpu_set_t *set = CPU_ALLOC(maxTestCPUs);
    CU_ASSERT_FATAL(set != NULL);
    CU_ASSERT_FATAL(sched_getaffinity(0, size, set) == 0);
    CU_ASSERT_EQUAL(runtime_NumCPU(), CPU_COUNT_S(size, set));
    CPU_FREE(set);
    CU_ASSERT_EQUAL(inchild(oneCPU), 0);
}
static const char *
mapping(void *p)
{
    static char perms[8];
    unsigned long lo, hi, a = (unsigned long)p;
    char line[512];
    FILE *f = fopen("/proc/self/maps", "r");
    strcpy(perms, "none");
    while (f != NULL && fgets(line, sizeof line, f) != NULL)
        if (sscanf(line, "%lx-%lx %7s", &lo, &hi, perms) == 3 && lo <= a && a < hi)
            break;
        else
            strcpy(perms, "none");
    if (f != NULL)
        fclose(f);
    return perms;
}

static int
vmflag(void *p, const char *flag)
{
    unsigned long lo, hi, a = (unsigned long)p;
    char line[512];
    int in = 0, found = 0;
    FILE *f = fopen("/proc/self/smaps", "r");
    while (f != NULL && fgets(line, sizeof line, f) != NULL) {
        if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2 && strchr(line, '-') < strchr(line, ' '))
            in = lo <= a && a < hi;
        else if (in && strncmp(line, "VmFlags:", 8) == 0) {
            char want[8];
            snprintf(want, sizeof want, " %s", flag);
            found = strstr(line, want) != NULL;
            break;
        }
    }
    if (f != NULL)
        fclose(f);
    return found;
}

static uintptr
resident(void *v, uintptr n)
{
    uintptr pages = n / physPageSize, count = 0;
    unsigned char *vec = malloc(pages);
    CU_ASSERT_FATAL(vec != NULL);
    CU_ASSERT_FATAL(mincore(v, n, vec) == 0);
    for (uintptr i = 0; i < pages; i++)
        count += vec[i] & 1;
    free(vec);
    return count;
}
enum { regionBytes = 8 << 20 };

static uintptr
regionAlign(void)
{
    return physHugePageSize != 0 ? physHugePageSize : physPageSize;
}

static void *
reserveAligned(uintptr n)
{
    uintptr align = regionAlign();
    byte *p = sysReserve(NULL, n + align);
    CU_ASSERT_FATAL(p != NULL);
    byte *a = (byte *)alignUp((uintptr)p, align);
    if (a > p)
        munmap(p, (uintptr)(a - p));
    munmap(a + n, (uintptr)(p + align - a));
    return a;
}

static void
test_states(void)
{
    sysMemStat stat = 0;
    byte *v = reserveAligned(regionBytes);
    CU_ASSERT_STRING_EQUAL(mapping(v), "---p");
    CU_ASSERT_EQUAL(resident(v, regionBytes), 0);
    sysMap(v, regionBytes, &stat);
    CU_ASSERT_STRING_EQUAL(mapping(v), "rw-p");
    CU_ASSERT_EQUAL(resident(v, regionBytes), 0);
    sysUsed(v, regionBytes, regionBytes);
    memset(v, 0xAB, regionBytes);
    CU_ASSERT_EQUAL(resident(v, regionBytes), regionBytes / physPageSize);
    sysUnused(v, regionBytes);
    CU_ASSERT_EQUAL(resident(v, regionBytes), 0);
    CU_ASSERT_STRING_EQUAL(mapping(v), "rw-p");
    CU_ASSERT_EQUAL(v[12345], 0); // released pages come back zeroed
    sysUsed(v, regionBytes, regionBytes);
    sysFault(v, regionBytes);
    CU_ASSERT_STRING_EQUAL(mapping(v), "---p");
    sysUsed(v, regionBytes, regionBytes); // keep mappedReady balanced for sysFree
    sysFree(v, regionBytes, &stat);
    CU_ASSERT_STRING_EQUAL(mapping(v), "none");
    CU_ASSERT_EQUAL(stat, 0);
}

static void
test_sysAlloc(void)
{
    sysMemStat stat = 0;
    byte *p = sysAlloc(1 << 20, &stat);
    CU_ASSERT_FATAL(p != NULL);
    CU_ASSERT_STRING_EQUAL(mapping(p), "rw-p");
    p[0] = 1, p[(1 << 20) - 1] = 2;
    CU_ASSERT_EQUAL(stat, 1 << 20);
    sysFree(p, 1 << 20, &stat);
    CU_ASSERT_STRING_EQUAL(mapping(p), "none");
    CU_ASSERT_EQUAL(stat, 0);
    // An impossible request fails without changing the accounts.
    uint64 before = atomic_Load64(&gcController.mappedReady);
    CU_ASSERT_PTR_NULL(sysAlloc((uintptr)1 << 62, &stat));
    CU_ASSERT_EQUAL(stat, 0);
    CU_ASSERT_EQUAL(atomic_Load64(&gcController.mappedReady), before);
}

static void
test_reserve_hint(void)
{
    byte *want = reserveAligned(regionBytes);
    munmap(want, regionBytes);
    byte *got = sysReserve(want, regionBytes);
    CU_ASSERT_PTR_EQUAL(got, want); // a free hint is honoured
    CU_ASSERT_STRING_EQUAL(mapping(got), "---p");
    munmap(got, regionBytes);
}

static uintptr
sysfsHugePageSize(void)
{
    unsigned long v = 0;
    FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/hpage_pmd_size", "r");
    if (f != NULL) {
        if (fscanf(f, "%lu", &v) != 1)
            v = 0;
        fclose(f);
    }
    return v;
}

static void
test_hugepages(void)
{
    sysMemStat stat = 0;
    uintptr H = physHugePageSize, P = physPageSize;
    CU_ASSERT_EQUAL(H, sysfsHugePageSize()); // osinit read the kernel's size
    if (H == 0) {
        printf("\n    skipped: no transparent huge pages (physHugePageSize is 0); "
               "checked only that sysHugePage is a no-op ");
        byte *v = reserveAligned(regionBytes);
        sysMap(v, regionBytes, &stat);
        sysUsed(v, regionBytes, regionBytes);
        sysHugePage(v, regionBytes);
        CU_ASSERT(!vmflag(v, "hg"));
        sysFree(v, regionBytes, &stat);
        return;
    }
    CU_ASSERT_FATAL(H > P && H % P == 0);
    uintptr n = 4 * H;
    byte *v = reserveAligned(n);
    sysMap(v, n, &stat);
    sysHugePage(v + P, 3 * H); // rounds inwards: huge pages 1 and 2 only
    CU_ASSERT(!vmflag(v, "hg"));
    CU_ASSERT(vmflag(v + H, "hg"));
    CU_ASSERT(vmflag(v + 2 * H, "hg"));
    CU_ASSERT(!vmflag(v + 3 * H, "hg"));
    sysUsed(v, n, n); // re-enables every whole huge page
    CU_ASSERT(vmflag(v, "hg") && vmflag(v + 3 * H, "hg"));
    // Releasing an unaligned range marks the huge pages at its ends only.
    sysUnused(v + P, H);
    CU_ASSERT(vmflag(v, "nh"));
    CU_ASSERT(vmflag(v + H, "nh"));
    CU_ASSERT(vmflag(v + 2 * H, "hg"));
    sysUsed(v + P, H, H);
    sysNoHugePage(v + 3 * H, H);
    CU_ASSERT(vmflag(v + 3 * H, "nh"));
    sysFree(v, n, &stat);
}
static void
test_accounting(void)
{
    sysMemStat stat = 0;
    byte *v = reserveAligned(regionBytes);
    uint64 r0 = atomic_Load64(&gcController.mappedReady);
    sysMap(v, regionBytes, &stat);
    CU_ASSERT_EQUAL(stat, regionBytes);
    CU_ASSERT_EQUAL(atomic_Load64(&gcController.mappedReady), r0);
    sysUsed(v, regionBytes, regionBytes);
    CU_ASSERT_EQUAL(atomic_Load64(&gcController.mappedReady), r0 + regionBytes);
    sysUnused(v, regionBytes / 2);
    CU_ASSERT_EQUAL(atomic_Load64(&gcController.mappedReady), r0 + regionBytes / 2);
    sysUsed(v, regionBytes, regionBytes / 2); // half of it was Prepared
    CU_ASSERT_EQUAL(atomic_Load64(&gcController.mappedReady), r0 + regionBytes);
    sysFree(v, regionBytes, &stat);
    CU_ASSERT_EQUAL(stat, 0);
    CU_ASSERT_EQUAL(atomic_Load64(&gcController.mappedReady), r0);
}

enum { nthreads = 4, nadds = 100000 };
static sysMemStat shared;

static void *
adder(void *arg)
{
    (void)arg;
    for (int i = 0; i < nadds; i++) {
        sysMemStat_add(&shared, 3);
        sysMemStat_add(&shared, -1);
    }
    return NULL;
}

static void
test_stat_concurrent(void)
{
    pthread_t t[nthreads];
    for (int i = 0; i < nthreads; i++)
        CU_ASSERT_FATAL(pthread_create(&t[i], NULL, adder, NULL) == 0);
    for (int i = 0; i < nthreads; i++)
        pthread_join(t[i], NULL);
    CU_ASSERT_EQUAL(sysMemStat_load(&shared), (uint64)nthreads * nadds * 2);
}
static void
setgodebug(const char *v)
{
    if (v == NULL)
        unsetenv("GODEBUG");
    else
        setenv("GODEBUG", v, 1);
    parsedebugvars();
}

static void
test_godebug_parse(void)
{
    setgodebug(NULL);
    CU_ASSERT_EQUAL(debug.madvdontneed, 1);
    CU_ASSERT_EQUAL(debug.invalidptr, 1);
    CU_ASSERT_EQUAL(debug.gctrace, 0);
    setgodebug("gctrace=1,madvdontneed=0,bogus=7,,noequals,harddecommit=x");
    CU_ASSERT_EQUAL(debug.gctrace, 1);
    CU_ASSERT_EQUAL(debug.madvdontneed, 0);
    CU_ASSERT_EQUAL(debug.harddecommit, 0); // not a number: default kept
    setgodebug("gctrace=2,gctrace=-3,invalidptr=99999999999,sbrk=1,memprofilerate=1");
    CU_ASSERT_EQUAL(debug.gctrace, -3);     // the last one wins
    CU_ASSERT_EQUAL(debug.invalidptr, 1);   // out of range: default kept
    CU_ASSERT_EQUAL(debug.sbrk, 1);
    CU_ASSERT(debug.malloc);
    CU_ASSERT_EQUAL(MemProfileRate, 1);
    setgodebug("gctrace=");
    CU_ASSERT_EQUAL(debug.gctrace, 0);
    setgodebug("invalidptr=-"); // Go's atoi64 reads a lone minus as zero
    CU_ASSERT_EQUAL(debug.invalidptr, 0);
    int64 n = 7;
    CU_ASSERT(atoi64("-", 1, &n) && n == 0);
    CU_ASSERT(!atoi64("", 0, &n));
    CU_ASSERT(!atoi64("--1", 3, &n));
    CU_ASSERT(atoi64("-9223372036854775808", 20, &n) && n == INT64_MIN);
    CU_ASSERT(!atoi64("9223372036854775808", 19, &n));
    MemProfileRate = 512 * 1024;
    setgodebug(NULL);
}

static void
test_madvfree(void)
{
    sysMemStat stat = 0;
    byte *v = reserveAligned(regionBytes);
    sysMap(v, regionBytes, &stat);
    sysUsed(v, regionBytes, regionBytes);
    memset(v, 1, regionBytes);
    setgodebug("madvdontneed=0");
    sysUnused(v, regionBytes);
    if (atomic_Load(&adviseUnused) == MADV_FREE) {
        CU_ASSERT(resident(v, regionBytes) > 0);
    } else {
        CU_ASSERT_EQUAL(resident(v, regionBytes), 0);
    }
    setgodebug(NULL);
    sysUsed(v, regionBytes, regionBytes);
    sysFree(v, regionBytes, &stat);
}

static void
test_harddecommit(void)
{
    sysMemStat stat = 0;
    byte *v = reserveAligned(regionBytes);
    sysMap(v, regionBytes, &stat);
    sysUsed(v, regionBytes, regionBytes);
    setgodebug("harddecommit=1");
    sysUnused(v, regionBytes);
    CU_ASSERT_STRING_EQUAL(mapping(v), "---p");
    sysUsed(v, regionBytes, regionBytes);
    CU_ASSERT_STRING_EQUAL(mapping(v), "rw-p");
    v[0] = 1;
    setgodebug(NULL);
    sysFree(v, regionBytes, &stat);
}
static void
mapTooMuch(void)
{
    void *v = sysReserve(NULL, 1 << 20);
    munmap(v, 1 << 20); // a free address: sysMap's mmap must add a mapping there
    struct rlimit r;
    getrlimit(RLIMIT_AS, &r);
    long pages = 0, ignored;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f == NULL || fscanf(f, "%ld %ld", &pages, &ignored) != 2)
        _exit(99);
    fclose(f);
    r.rlim_cur = (rlim_t)pages * physPageSize + (256 << 10);
    setrlimit(RLIMIT_AS, &r);
    static sysMemStat stat;
    sysMap(v, 1 << 20, &stat);
}

static void
unalignedUnused(void)
{
    sysUnused((void *)(uintptr)0x1000001, physPageSize);
}

static void
statUnderflow(void)
{
    static sysMemStat stat = 100;
    sysMemStat_add(&stat, -101);
}

static void
test_fatal(void)
{
    if (!underSanitizer) {
        CU_ASSERT_EQUAL(inchild(mapTooMuch), 2);
        CU_ASSERT_PTR_NOT_NULL(strstr(childerr, "runtime: cannot map 1048576 bytes at 0x"));
        CU_ASSERT_PTR_NOT_NULL(strstr(childerr, "\nfatal error: runtime: out of memory\n"));
    }
    char want[128];
    snprintf(want, sizeof want, "runtime: v=0x1000001 n=%lu\nfatal error: unaligned sysUnused\n",
             (unsigned long)physPageSize);
    CU_ASSERT_EQUAL(inchild(unalignedUnused), 2);
    CU_ASSERT_STRING_EQUAL(childerr, want);
    CU_ASSERT_EQUAL(inchild(statUnderflow), 2);
    CU_ASSERT_STRING_EQUAL(childerr, "runtime: val=18446744073709551615 n=-101\nfatal error: sysMemStat overflow\n");
}

int
main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite s = CU_add_suite("mem", NULL, NULL);
    CU_add_test(s, "the runtime starts before the program's constructors", test_startup_order);
    CU_add_test(s, "NumCPU counts the affinity mask", test_numcpu);
    CU_add_test(s, "four states, as the kernel sees them", test_states);
    CU_add_test(s, "sysAlloc and sysFree", test_sysAlloc);
    CU_add_test(s, "sysReserve honours a free hint", test_reserve_hint);
    CU_add_test(s, "huge pages: inwards, and ends of releases", test_hugepages);
    CU_add_test(s, "sysMemStat and mappedReady", test_accounting);
    CU_add_test(s, "sysMemStat under 4 threads", test_stat_concurrent);
    CU_add_test(s, "GODEBUG parsing", test_godebug_parse);
    CU_add_test(s, "GODEBUG=madvdontneed=0 uses MADV_FREE", test_madvfree);
    CU_add_test(s, "GODEBUG=harddecommit=1 removes access", test_harddecommit);
    CU_add_test(s, "fatal errors: out of memory, unaligned, overflow", test_fatal);
    return runTests();
}
