// tangled from chapters/28-optimize.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Benchmarks: a harness after Go's testing.B (testing/benchmark.go), on the public API only.
#define _GNU_SOURCE
#include <pthread.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "gomm.h"

static int64_t
benchNow(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static runtime_MemStats memStats; // one at a time: benchmarks run under benchmarkLock

void
testing_B_StartTimer(testing_B *b)
{
    if (!b->timerOn) {
        runtime_ReadMemStats(&memStats);
        b->startAllocs = memStats.Mallocs;
        b->startBytes = memStats.TotalAlloc;
        b->start = benchNow();
        b->timerOn = 1;
    }
}

void
testing_B_StopTimer(testing_B *b)
{
    if (b->timerOn) {
        b->duration += benchNow() - b->start;
        runtime_ReadMemStats(&memStats);
        b->netAllocs += memStats.Mallocs - b->startAllocs;
        b->netBytes += memStats.TotalAlloc - b->startBytes;
        b->timerOn = 0;
    }
}

void
testing_B_ResetTimer(testing_B *b)
{
    if (b->timerOn) {
        runtime_ReadMemStats(&memStats);
        b->startAllocs = memStats.Mallocs;
        b->startBytes = memStats.TotalAlloc;
        b->start = benchNow();
    }
    b->duration = 0;
    b->netAllocs = 0;
    b->netBytes = 0;
}

void
testing_B_SetBytes(testing_B *b, int64_t n)
{
    b->bytes = n;
}

void
testing_B_ReportAllocs(testing_B *b)
{
    b->showAllocResult = 1;
}
static pthread_mutex_t benchmarkLock = PTHREAD_MUTEX_INITIALIZER;

static void
runN(testing_B *b, int64_t n)
{
    pthread_mutex_lock(&benchmarkLock);
    runtime_GC(); // a comparable start: the last run's garbage is gone
    b->N = n;
    testing_B_ResetTimer(b);
    testing_B_StartTimer(b);
    b->benchFunc(b);
    testing_B_StopTimer(b);
    pthread_mutex_unlock(&benchmarkLock);
}

static int64_t min64(int64_t x, int64_t y) { return x < y ? x : y; }
static int64_t max64(int64_t x, int64_t y) { return x > y ? x : y; }

static void
launch(testing_B *b)
{
    if (b->benchTimeN > 0) {
        if (b->benchTimeN > 1) // run1 made the run of 1
            runN(b, b->benchTimeN);
    } else {
        int64_t d = b->benchTimeD;
        for (int64_t n = 1; b->duration < d && n < 1000000000;) {
            int64_t last = n;
            int64_t prevIters = b->N, prevns = b->duration;
            if (prevns <= 0)
                prevns = 1;
            n = (int64_t)((__int128)d * prevIters / prevns); // multiply first: see the text
            n += n / 5;
            n = min64(n, 100 * last);
            n = max64(n, last + 1);
            n = min64(n, 1000000000);
            runN(b, n);
        }
    }
    b->result = (testing_BenchmarkResult){b->N, b->duration, b->bytes, b->netAllocs, b->netBytes};
}

static int64_t benchTimeN = 0, benchTimeD = 1000000000; // -test.benchtime: 1 s unless set

static testing_B
newB(void (*f)(testing_B *), void *arg)
{
    return (testing_B){.Arg = arg, .benchFunc = f, .benchTimeN = benchTimeN, .benchTimeD = benchTimeD};
}

// One benchmark: the run of 1 (Go's run1), then the runs launch chooses (doBench).
static void
run(testing_B *b)
{
    runN(b, 1);
    launch(b);
}

testing_BenchmarkResult
testing_Benchmark(void (*f)(testing_B *), void *arg)
{
    testing_B b = newB(f, arg);
    run(&b);
    return b.result;
}
int64_t
testing_BenchmarkResult_NsPerOp(testing_BenchmarkResult r)
{
    return r.N <= 0 ? 0 : r.T / r.N;
}

int64_t
testing_BenchmarkResult_AllocsPerOp(testing_BenchmarkResult r)
{
    return r.N <= 0 ? 0 : (int64_t)r.MemAllocs / r.N;
}

int64_t
testing_BenchmarkResult_AllocedBytesPerOp(testing_BenchmarkResult r)
{
    return r.N <= 0 ? 0 : (int64_t)r.MemBytes / r.N;
}

static int
prettyPrint(char *buf, size_t len, double x, const char *unit)
{
    double y = x < 0 ? -x : x;
    int width, prec;
    if (y == 0 || y >= 999.95)
        width = 10, prec = 0;
    else if (y >= 99.995)
        width = 12, prec = 1;
    else if (y >= 9.9995)
        width = 13, prec = 2;
    else if (y >= 0.99995)
        width = 14, prec = 3;
    else if (y >= 0.099995)
        width = 15, prec = 4;
    else if (y >= 0.0099995)
        width = 16, prec = 5;
    else if (y >= 0.00099995)
        width = 17, prec = 6;
    else
        width = 18, prec = 7;
    return snprintf(buf, len, "%*.*f %s", width, prec, x, unit);
}

void
testing_BenchmarkResult_String(testing_BenchmarkResult r, char *buf, size_t len)
{
    size_t k = (size_t)snprintf(buf, len, "%8lld", (long long)r.N);
    double ns = r.N > 0 ? (double)r.T / (double)r.N : 0;
    if (ns != 0 && k < len) {
        buf[k++] = '\t';
        k += (size_t)prettyPrint(buf + k, len - k, ns, "ns/op");
    }
    if (r.Bytes > 0 && r.T > 0 && r.N > 0 && k < len) // mbPerSec
        snprintf(buf + k, len - k, "\t%7.2f MB/s", ((double)r.Bytes * (double)r.N / 1e6) / ((double)r.T / 1e9));
}

void
testing_BenchmarkResult_MemString(testing_BenchmarkResult r, char *buf, size_t len)
{
    snprintf(buf, len, "%8lld B/op\t%8lld allocs/op", (long long)testing_BenchmarkResult_AllocedBytesPerOp(r),
             (long long)testing_BenchmarkResult_AllocsPerOp(r));
}
static int64_t
parseDuration(const char *s)
{
    static const struct { const char *unit; double ns; } units[] = {
        {"ns", 1}, {"us", 1e3}, {"\xc2\xb5s", 1e3}, {"ms", 1e6}, {"s", 1e9}, {"m", 60e9}, {"h", 3600e9},
    };
    char *end;
    double v = strtod(s, &end);
    if (end == s || !(v >= 0))
        return -1;
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strcmp(end, units[i].unit) == 0)
            return (int64_t)(v * units[i].ns);
    return strcmp(s, "0") == 0 ? 0 : -1;
}

static const char *benchPattern = "."; // -test.bench
static int benchmem;                   // -test.benchmem
static long benchCount = 1;            // -test.count

// Go's strconv.ParseBool: 1 or 0, or -1 for anything else.
static int
parseBool(const char *v)
{
    static const char *const yes[] = {"1", "t", "T", "TRUE", "true", "True"};
    static const char *const no[] = {"0", "f", "F", "FALSE", "false", "False"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        if (strcmp(v, yes[i]) == 0)
            return 1;
        if (strcmp(v, no[i]) == 0)
            return 0;
    }
    return -1;
}

// Sets one flag, as Go's flag.Set does: NULL, or why the value is bad.
static const char *
setFlag(const char *name, const char *v)
{
    if (strncmp(name, "test.", 5) == 0)
        name += 5;
    if (strcmp(name, "bench") == 0) {
        benchPattern = v;
    } else if (strcmp(name, "benchmem") == 0) {
        if ((benchmem = parseBool(v)) < 0)
            return benchmem = 0, "parse error";
    } else if (strcmp(name, "benchtime") == 0) {
        size_t l = strlen(v);
        if (l > 0 && v[l - 1] == 'x') {
            char *end;
            long long c = strtoll(v, &end, 10);
            if (end != v + l - 1 || c <= 0)
                return "invalid count";
            benchTimeN = c, benchTimeD = 0;
        } else {
            int64_t d = parseDuration(v);
            if (d <= 0)
                return "invalid duration";
            benchTimeN = 0, benchTimeD = d;
        }
    } else if (strcmp(name, "count") == 0) {
        char *end;
        long c = strtol(v, &end, 10);
        if (*v == '\0' || *end != '\0' || c <= 0)
            return "parse error";
        benchCount = c;
    } else
        return "no such flag";
    return NULL;
}

int
testing_SetFlag(const char *name, const char *value)
{
    const char *err = setFlag(name, value);
    if (err != NULL)
        fprintf(stderr, "invalid value \"%s\" for flag -%s: %s\n", value, name, err);
    return err != NULL ? -1 : 0;
}

static void
usage(void)
{
    fprintf(stderr, "usage: [-test.bench regexp] [-test.benchtime d|Nx] [-test.benchmem] [-test.count n]\n");
    exit(2);
}

#if defined(__x86_64__)
static const char goarch[] = "amd64";
#elif defined(__aarch64__)
static const char goarch[] = "arm64";
#else
static const char goarch[] = "unknown";
#endif

static void
cpuName(char *buf, size_t len)
{
    buf[0] = '\0';
    FILE *f = fopen("/proc/cpuinfo", "r");
    char line[512];
    while (f != NULL && fgets(line, sizeof line, f) != NULL) {
        char *colon = strchr(line, ':');
        if (strncmp(line, "model name", 10) == 0 && colon != NULL) {
            snprintf(buf, len, "%s", colon + 2);
            buf[strcspn(buf, "\n")] = '\0';
            break;
        }
    }
    if (f != NULL)
        fclose(f);
}

int
testing_Main(int argc, char **argv, const testing_InternalBenchmark *benchmarks, int n)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || a[1] == '\0') {
            fprintf(stderr, "unexpected argument: %s\n", a);
            usage();
        }
        a += a[1] == '-' ? 2 : 1;
        char name[64];
        const char *eq = strchr(a, '='), *v;
        snprintf(name, sizeof name, "%.*s", eq != NULL ? (int)(eq - a) : (int)strlen(a), a);
        const char *bare = strncmp(name, "test.", 5) == 0 ? name + 5 : name;
        if (strcmp(bare, "bench") != 0 && strcmp(bare, "benchtime") != 0 && strcmp(bare, "benchmem") != 0
            && strcmp(bare, "count") != 0) {
            fprintf(stderr, "flag provided but not defined: -%s\n", name);
            usage();
        }
        if (eq != NULL)
            v = eq + 1;
        else if (strcmp(bare, "benchmem") == 0) // a boolean flag takes no separate value
            v = "true";
        else if (i + 1 < argc)
            v = argv[++i];
        else {
            fprintf(stderr, "flag needs an argument: -%s\n", name);
            usage();
        }
        if (testing_SetFlag(name, v) != 0)
            usage();
    }
    regex_t re;
    if (regcomp(&re, benchPattern, REG_EXTENDED | REG_NOSUB) != 0) {
        fprintf(stderr, "testing: invalid regexp for -test.bench: %s\n", benchPattern);
        exit(1);
    }
    char cpu[256];
    cpuName(cpu, sizeof cpu);
    printf("goos: linux\ngoarch: %s\n", goarch);
    if (cpu[0] != '\0')
        printf("cpu: %s\n", cpu);
    int procs = runtime_GOMAXPROCS(0);
    size_t maxLen = 0;
    for (int i = 0; i < n; i++)
        maxLen = strlen(benchmarks[i].Name) + 3 > maxLen ? strlen(benchmarks[i].Name) + 3 : maxLen;
    for (int i = 0; i < n; i++) {
        if (regexec(&re, benchmarks[i].Name, 0, NULL, 0) != 0)
            continue;
        for (long c = 0; c < benchCount; c++) {
            char name[256], line[256], mem[128];
            if (procs != 1)
                snprintf(name, sizeof name, "%s-%d", benchmarks[i].Name, procs);
            else
                snprintf(name, sizeof name, "%s", benchmarks[i].Name);
            testing_B b = newB(benchmarks[i].F, benchmarks[i].Arg);
            run(&b);
            testing_BenchmarkResult_String(b.result, line, sizeof line);
            printf("%-*s\t%s", (int)maxLen, name, line);
            if (benchmem || b.showAllocResult) {
                testing_BenchmarkResult_MemString(b.result, mem, sizeof mem);
                printf("\t%s", mem);
            }
            printf("\n");
            fflush(stdout);
        }
    }
    regfree(&re);
    printf("PASS\n");
    return 0;
}
