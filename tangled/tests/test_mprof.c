// tangled from chapters/23-mprof.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Tests of the heap profiler and the thread profile (chapter 23).
#define _GNU_SOURCE
#include <pthread.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testing.h"
#include "runtime.h"

static void *sink; // stored with GOMM_STORE, as every global that holds a heap pointer

// Allocate n bytes in objects of size sz, dropped at once.
__attribute__((noinline)) static void
allocBig(size_t n, size_t sz)
{
    for (size_t done = 0; done < n; done += sz)
        GOMM_STORE(sink, runtime_mallocgc(sz, NULL, 0));
}

__attribute__((noinline)) static void
allocSmall(size_t n, size_t sz)
{
    for (size_t done = 0; done < n; done += sz)
        GOMM_STORE(sink, runtime_mallocgc(sz, NULL, 1)); // zeroed: a body of its own, which the compiler cannot merge
}

// The two callers of the pprof test, used by no other test; different bodies again.
__attribute__((noinline)) static void
allocThree(void)
{
    for (int i = 0; i < 3 * 8192; i++)
        GOMM_STORE(sink, runtime_mallocgc(2000, NULL, 0));
}

__attribute__((noinline)) static void
allocOne(void)
{
    for (int i = 0; i < 8192; i++)
        GOMM_STORE(sink, runtime_mallocgc(2000, NULL, 1));
}

// The scaled bytes allocated by buckets of object size sz.
static double
scaledAllocBytes(size_t sz, int64 rate)
{
    int ok, n = runtime_MemProfile(NULL, 0, 1, &ok);
    runtime_MemProfileRecord *p = calloc((size_t)n + 16, sizeof *p);
    n = runtime_MemProfile(p, n + 16, 1, &ok);
    CU_ASSERT_FATAL(ok);
    double total = 0;
    for (int i = 0; i < n; i++)
        if (p[i].AllocObjects > 0 && (size_t)(p[i].AllocBytes / p[i].AllocObjects) == sz) {
            double x = -(double)sz / (double)rate, e = 1, term = 1;
            for (int k = 1; k < 30; k++) { // e^x by its series: x is small here
                term *= x / k;
                e += term;
            }
            double scale = 1 / (1 - e);
            total += (double)p[i].AllocBytes * scale;
        }
    free(p);
    return total;
}
// What `go tool pprof ARGS PROFILE` prints, in out.
static void
goToolPprof(const char *args, const char *profile, char *out, size_t len)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "go tool pprof %s %s 2>&1", args, profile);
    FILE *pp = popen(cmd, "r");
    CU_ASSERT_FATAL(pp != NULL);
    size_t n = fread(out, 1, len - 1, pp);
    out[n] = '\0';
    pclose(pp);
}
static pthread_mutex_t releaseLock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t releaseCond = PTHREAD_COND_INITIALIZER;
static int releaseWorkers; // 1 lets the workers go (under releaseLock)

__attribute__((noinline)) static void
parkForever(void)
{
    runtime_entersyscall();
    pthread_mutex_lock(&releaseLock);
    while (!releaseWorkers)
        pthread_cond_wait(&releaseCond, &releaseLock);
    pthread_mutex_unlock(&releaseLock);
    runtime_exitsyscall();
}

static void *
leakyWorker(void *arg)
{
    (void)arg;
    runtime_ThreadAttach();
    void *volatile kept = runtime_mallocgc(64, NULL, 0); // the worker's object, held by its stack
    parkForever();
    (void)kept;
    runtime_ThreadDetach();
    return NULL;
}

static char *
profileText(const char *name, int debug)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    CU_ASSERT_FATAL(f != NULL);
    CU_ASSERT_EQUAL(pprof_WriteTo(name, f, debug), 0);
    fclose(f);
    return buf;
}

static void
test_threadProfile(void)
{
    runtime_ThreadAttach();
    int before = runtime_NumGoroutine();
    pthread_t t[3];
    releaseWorkers = 0;
    for (int i = 0; i < 3; i++)
        CU_ASSERT_FATAL(pthread_create(&t[i], NULL, leakyWorker, NULL) == 0);
    for (int i = 0; i < 500 && runtime_NumGoroutine() < before + 3; i++)
        usleep(10000);
    usleep(100000); // and into parkForever
    CU_ASSERT_EQUAL(runtime_NumGoroutine(), before + 3);
    char *text = profileText("goroutine", 1);
    int total = 0;
    CU_ASSERT(sscanf(text, "goroutine profile: total %d", &total) == 1 && total == before + 3);
    regex_t three;
    CU_ASSERT_FATAL(regcomp(&three, "\n3 @( 0x[0-9a-f]+)+\n(#\t[^\n]*\n)*#\t0x[0-9a-f]+\tparkForever\\+", REG_EXTENDED) == 0);
    CU_ASSERT(regexec(&three, text, 0, NULL, 0) == 0);
    regfree(&three);
    char *traces = profileText("goroutine", 2);
    CU_ASSERT(strstr(traces, " [syscall]:\n") != NULL && strstr(traces, "\nparkForever(...)\n") != NULL
              && strstr(traces, "\ncreated by leakyWorker\n") != NULL);
    char *created = profileText("threadcreate", 1);
    CU_ASSERT(strstr(created, "threadcreate profile: total ") == created && strstr(created, "\tleakyWorker+") != NULL);
    if (strstr(traces, "created by leakyWorker") == NULL)
        printf("\n%s\n%s", text, traces);
    free(text);
    free(traces);
    free(created);
    if (system("go version > /dev/null 2>&1") == 0) {
        char path[] = "/tmp/gomm-goroutine-XXXXXX";
        int fd = mkstemp(path);
        FILE *f = fdopen(fd, "w");
        CU_ASSERT_EQUAL(pprof_WriteTo("goroutine", f, 0), 0);
        fclose(f);
        static char out[1 << 16];
        goToolPprof("-top", path, out, sizeof out);
        CU_ASSERT(strstr(out, "Type: goroutine") != NULL && strstr(out, "parkForever") != NULL);
        unlink(path);
    }
    pthread_mutex_lock(&releaseLock);
    releaseWorkers = 1;
    pthread_cond_broadcast(&releaseCond);
    pthread_mutex_unlock(&releaseLock);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    CU_ASSERT_EQUAL(runtime_NumGoroutine(), before);
    runtime_ThreadDetach();
}
static void
test_fastexprand(void)
{
    runtime_ThreadAttach();
    double sum = 0;
    enum { n = 200000 };
    for (int i = 0; i < n; i++)
        sum += fastexprand(4096);
    double mean = sum / n;
    CU_ASSERT(mean > 4096 * 0.97 && mean < 4096 * 1.03);
    printf("\nmean of %d draws at 4096: %.1f ", n, mean);
    runtime_ThreadDetach();
}

static void
test_estimate(void)
{
    runtime_ThreadAttach();
    int old = runtime_SetMemProfileRate(64 << 10);
    allocBig(64 << 20, 2048); // a size class of its own: the bytes are exact
    allocSmall(16 << 20, 96);
    runtime_GC();
    runtime_GC();
    double big = scaledAllocBytes(2048, 64 << 10), small = scaledAllocBytes(96, 64 << 10);
    printf("\nestimated %.1f MiB of 64, %.1f MiB of 16 ", big / (1 << 20), small / (1 << 20));
    CU_ASSERT(big > 64 * 0.85 * (1 << 20) && big < 64 * 1.15 * (1 << 20));
    CU_ASSERT(small > 16 * 0.8 * (1 << 20) && small < 16 * 1.2 * (1 << 20));
    runtime_SetMemProfileRate(old);
    runtime_ThreadDetach();
}

typedef struct cell {
    struct cell *next;
    char pad[3000 - sizeof(struct cell *)];
} cell;
GOMM_TYPE(cellType, cell, offsetof(cell, next));
static cell *kept;

__attribute__((noinline)) static void
keepSome(int n)
{
    for (int i = 0; i < n; i++) {
        cell *c = runtime_new(&cellType);
        GOMM_STORE(c->next, kept);
        GOMM_STORE(kept, c);
    }
}

static void
test_cycles(void)
{
    runtime_ThreadAttach();
    int old = runtime_SetMemProfileRate(1);
    runtime_GC();
    keepSome(500);        // 3072-byte objects, kept
    allocBig(1 << 20, 5000); // 5376-byte objects, dropped
    runtime_GC();
    runtime_GC();
    int ok, n = runtime_MemProfile(NULL, 0, 1, &ok);
    runtime_MemProfileRecord *p = calloc((size_t)n + 16, sizeof *p);
    n = runtime_MemProfile(p, n + 16, 1, &ok);
    int64 keptIn = 0, droppedAlloc = 0, droppedFree = 0;
    for (int i = 0; i < n; i++) {
        if (p[i].AllocObjects == 0)
            continue;
        int64 sz = p[i].AllocBytes / p[i].AllocObjects;
        if (sz == 3072)
            keptIn += p[i].AllocObjects - p[i].FreeObjects;
        if (sz == 5376) {
            droppedAlloc += p[i].AllocObjects;
            droppedFree += p[i].FreeObjects;
        }
    }
    printf("\nkept in use %lld of 500; dropped %lld of %lld freed ", (long long)keptIn, (long long)droppedFree,
           (long long)droppedAlloc);
    CU_ASSERT(keptIn >= 500);
    CU_ASSERT(droppedAlloc >= (1 << 20) / 5000 && droppedFree >= droppedAlloc - 4);
    // Objects allocated after the last cycle are not in the profile yet.
    keepSome(100);
    int m = runtime_MemProfile(p, n + 16, 1, &ok);
    int64 keptNow = 0;
    for (int i = 0; i < m; i++)
        if (p[i].AllocObjects != 0 && p[i].AllocBytes / p[i].AllocObjects == 3072)
            keptNow += p[i].AllocObjects - p[i].FreeObjects;
    CU_ASSERT_EQUAL(keptNow, keptIn);
    runtime_GC();
    runtime_GC();
    m = runtime_MemProfile(p, n + 16, 1, &ok);
    keptNow = 0;
    for (int i = 0; i < m; i++)
        if (p[i].AllocObjects != 0 && p[i].AllocBytes / p[i].AllocObjects == 3072)
            keptNow += p[i].AllocObjects - p[i].FreeObjects;
    CU_ASSERT(keptNow >= keptIn + 100);
    free(p);
    runtime_SetMemProfileRate(old);
    runtime_ThreadDetach();
}

static void
test_text(void)
{
    runtime_ThreadAttach();
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    CU_ASSERT_FATAL(f != NULL);
    CU_ASSERT_EQUAL(pprof_WriteTo("heap", f, 1), 0);
    fclose(f);
    regex_t header, record;
    CU_ASSERT_FATAL(regcomp(&header, "^heap profile: [0-9]+: [0-9]+ \\[[0-9]+: [0-9]+\\] @ heap/[0-9]+\n", REG_EXTENDED) == 0);
    CU_ASSERT_FATAL(regcomp(&record, "\n[0-9]+: [0-9]+ \\[[0-9]+: [0-9]+\\] @( 0x[0-9a-f]+)+\n#\t0x", REG_EXTENDED) == 0);
    CU_ASSERT(regexec(&header, buf, 0, NULL, 0) == 0);
    CU_ASSERT(regexec(&record, buf, 0, NULL, 0) == 0);
    CU_ASSERT(strstr(buf, "\n# runtime.MemStats\n# Alloc = ") != NULL);
    CU_ASSERT(strstr(buf, "\n# NumGC = ") != NULL && strstr(buf, "\n# MaxRSS = ") != NULL);
    CU_ASSERT_EQUAL(pprof_WriteTo("goroutine-nonesuch", stdout, 1), -1);
    regfree(&header);
    regfree(&record);
    free(buf);
    runtime_ThreadDetach();
}
static void
test_tabwriter(void)
{
    static const char in[] = "head\n#\t0x1\tf+0x1\ta.c:1\n#\t0x2\tlongfunctionname+0x2\tb.c:2\n#\t0x3\n\n"
                             "#\t0x10\tg+0x3\tc.c:3\n";
    static const char want[] = "head\n#\t0x1\tf+0x1\t\t\ta.c:1\n#\t0x2\tlongfunctionname+0x2\tb.c:2\n#\t0x3\n\n"
                               "#\t0x10\tg+0x3\tc.c:3\n";
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    CU_ASSERT_FATAL(f != NULL);
    tabwriterCopy(f, in, sizeof in - 1);
    fclose(f);
    CU_ASSERT_STRING_EQUAL(buf, want);
    free(buf);
}
static double
flatShare(const char *out, const char *fn)
{
    const char *line = strstr(out, fn);
    if (line == NULL)
        return -1;
    while (line > out && line[-1] != '\n')
        line--;
    double flat, pct;
    char unit[8];
    if (sscanf(line, " %lf%7[a-zA-Z] %lf%%", &flat, unit, &pct) != 3)
        return -1;
    return pct;
}

static void
test_goToolPprof(void)
{
    if (system("go version > /dev/null 2>&1") != 0) {
        printf("\nskipped: no go command ");
        return;
    }
    runtime_ThreadAttach();
    int old = runtime_SetMemProfileRate(16 << 10);
    allocThree(); // 48 MiB
    allocOne();   // 16 MiB
    runtime_GC();
    runtime_GC();
    char path[] = "/tmp/gomm-heap-XXXXXX";
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    FILE *f = fdopen(fd, "w");
    CU_ASSERT_EQUAL(pprof_WriteHeapProfile(f), 0);
    fclose(f);
    runtime_SetMemProfileRate(old);
    static char out[1 << 16];
    goToolPprof("-top -sample_index=alloc_space", path, out, sizeof out);
    double big = flatShare(out, "allocThree"), small = flatShare(out, "allocOne");
    printf("\nallocThree %.1f%%, allocOne %.1f%% ", big, small);
    CU_ASSERT(big > 0 && small > 0 && big / small > 3 * 0.8 && big / small < 3 * 1.2);
    if (!(big > 0 && small > 0))
        printf("\n%s", out);
    goToolPprof("-top -lines -sample_index=alloc_space", path, out, sizeof out);
    // "allocThree FILE:LINE", where FILE is this test's source, or its chapter in a build
    // tangled with -L (make debug), whose line numbers are the chapter's.
    regex_t withLine;
    CU_ASSERT_FATAL(regcomp(&withLine, "allocThree [^ \n]*(test_mprof\\.c|-mprof\\.nw):[0-9]+\n", REG_EXTENDED) == 0);
    bool found = regexec(&withLine, out, 0, NULL, 0) == 0;
    CU_ASSERT(found);
    if (!found)
        printf("\n%s", out);
    regfree(&withLine);
    unlink(path);
    runtime_ThreadDetach();
}
static void *traced;

__attribute__((noinline)) static void
allocTraced(void)
{
    GOMM_STORE(traced, runtime_new(&cellType));
    printf("object %p\n", traced);
    fflush(stdout);
}

static int
traceChild(void)
{
    runtime_ThreadAttach();
    allocTraced();
    GOMM_STORE(traced, NULL);
    runtime_GC();
    runtime_GC();
    return 0;
}

static void
test_allocfreetrace(void)
{
    static char out[1 << 20];
    int status = runself("trace", "GODEBUG=allocfreetrace=1", out, sizeof out);
    CU_ASSERT_EQUAL(status, 0);
    char *obj = strstr(out, "object 0x");
    CU_ASSERT_FATAL(obj != NULL);
    char addr[32], want[128];
    sscanf(obj + 7, "%31s", addr);
    snprintf(want, sizeof want, "tracealloc(%s, 0xc00, cell)\ngoroutine ", addr);
    char *rec = strstr(out, want);
    CU_ASSERT(rec != NULL);
    regex_t frame;
    CU_ASSERT_FATAL(regcomp(&frame, "\nallocTraced\\(\\.\\.\\.\\)\n\t[^\n]*:[0-9]+ \\+0x[0-9a-f]+ pc=0x[0-9a-f]+\n",
                            REG_EXTENDED) == 0);
    CU_ASSERT(rec != NULL && regexec(&frame, rec, 0, NULL, 0) == 0);
    regfree(&frame);
    CU_ASSERT(strstr(out, "tracegc()\nend tracegc\n") != NULL);
    snprintf(want, sizeof want, "tracefree(%s, 0xc00)\ngoroutine ", addr);
    CU_ASSERT(strstr(out, want) != NULL);
    if (rec == NULL || strstr(out, want) == NULL)
        printf("\n%.2000s", out);
}

int
main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "trace") == 0)
        return traceChild();
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite s = CU_add_suite("mprof", NULL, NULL);
    CU_add_test(s, "fastexprand's mean is the rate", test_fastexprand);
    CU_add_test(s, "the scaled samples estimate the bytes allocated within 15 %", test_estimate);
    CU_add_test(s, "in use, freed, and not yet published (rate 1)", test_cycles);
    CU_add_test(s, "the text form", test_text);
    CU_add_test(s, "the text forms' columns are laid out as Go's tabwriter lays them out", test_tabwriter);
    CU_add_test(s, "go tool pprof -top names the allocating functions, 3 to 1", test_goToolPprof);
    CU_add_test(s, "GODEBUG=allocfreetrace=1 prints Go's records", test_allocfreetrace);
    CU_add_test(s, "the thread profile finds three parked threads", test_threadProfile);
    return runTests();
}
