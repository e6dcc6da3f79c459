// tangled from chapters/25-trace.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Tests of the execution tracer (chapter 25), read back with Go 1.19's go tool trace.
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "testing.h"
#include "runtime.h"

static int haveGo;

// Runs `go tool trace -d file` into out (Go's parser prints every event it accepted); its status.
static int
goToolTraceD(const char *file, char *out, size_t outlen)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "go tool trace -d '%s' 2>&1", file);
    FILE *pp = popen(cmd, "r");
    CU_ASSERT_FATAL(pp != NULL);
    size_t n = fread(out, 1, outlen - 1, pp);
    out[n] = '\0';
    int status = pclose(pp);
    CU_ASSERT(n < outlen - 1); // the whole output was read
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// The events named name (the line's second field) whose line also holds extra, if given.
static int
countEvents(const char *out, const char *name, const char *extra)
{
    int n = 0;
    size_t len = strlen(name);
    for (const char *line = out; *line != '\0';) {
        const char *end = strchr(line, '\n');
        if (end == NULL)
            end = line + strlen(line);
        const char *sp = memchr(line, ' ', (size_t)(end - line));
        if (sp != NULL && (size_t)(end - sp) > len && strncmp(sp + 1, name, len) == 0 && sp[1 + len] == ' ') {
            if (extra == NULL)
                n++;
            else {
                char buf[512];
                size_t k = (size_t)(end - line) < sizeof buf - 1 ? (size_t)(end - line) : sizeof buf - 1;
                memcpy(buf, line, k);
                buf[k] = '\0';
                n += strstr(buf, extra) != NULL;
            }
        }
        line = *end ? end + 1 : end;
    }
    return n;
}

typedef struct node {
    struct node *next;
    uint64_t pad[7];
} node;
GOMM_TYPE(nodeType, node, offsetof(node, next));
GOMM_TYPE(slotType, node *, 0);

// A thread's work: a table of lists, entries replaced at random, and now and then a blocking call.
static void *
churn(void *arg)
{
    uintptr_t exitAttached = (uintptr_t)arg;
    runtime_ThreadAttach();
    enum { slots = 1 << 14 };
    node **table = runtime_makeslice(&slotType, slots, slots);
    uint64_t x = 88172645463325252ull + exitAttached;
    for (int i = 0; i < 300000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        node *n = runtime_new(&nodeType);
        GOMM_STORE(n->next, table[x % slots] != NULL ? table[x % slots]->next : NULL);
        GOMM_STORE(table[x % slots], n);
        if (i % 100000 == 0) {
            runtime_entersyscall();
            nanosleep(&(struct timespec){0, 1000 * 1000}, NULL);
            runtime_exitsyscall();
        }
    }
    if (!exitAttached)
        runtime_ThreadDetach();
    return NULL; // an attached thread exits holding its P: its goroutine ends
}

static FILE *
openTrace(char *path)
{
    strcpy(path, "/tmp/gomm-trace-XXXXXX");
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    FILE *f = fdopen(fd, "w+b");
    CU_ASSERT_FATAL(f != NULL);
    return f;
}
static void
test_startStop(void)
{
    runtime_ThreadAttach();
    for (int round = 0; round < 2; round++) {
        char path[64];
        FILE *f = openTrace(path);
        CU_ASSERT_EQUAL(trace_IsEnabled(), 0);
        CU_ASSERT_EQUAL(trace_Start(f), 0);
        CU_ASSERT_EQUAL(trace_IsEnabled(), 1);
        CU_ASSERT_EQUAL(trace_Start(f), -1);
        runtime_GC();
        CU_ASSERT_EQUAL(trace_Stop(), 0);
        CU_ASSERT_EQUAL(trace_IsEnabled(), 0);
        CU_ASSERT_EQUAL(trace_Stop(), 0);
        char head[16];
        rewind(f);
        CU_ASSERT_EQUAL(fread(head, 1, 16, f), 16);
        CU_ASSERT(memcmp(head, "go 1.19 trace\0\0\0", 16) == 0);
        fclose(f);
        if (system("go version > /dev/null 2>&1") == 0) {
            haveGo = 1;
            static char out[64 << 10];
            CU_ASSERT_EQUAL(goToolTraceD(path, out, sizeof out), 0);
            CU_ASSERT_EQUAL(countEvents(out, "GCStart", NULL), 1);
            CU_ASSERT_EQUAL(countEvents(out, "GCDone", NULL), 1);
        }
        unlink(path);
    }
}
static void
test_concurrent(void)
{
    if (!haveGo) {
        printf("\n    (no go command: skipped)\n");
        return;
    }
    runtime_ThreadAttach();
    char path[64];
    FILE *f = openTrace(path);
    CU_ASSERT_FATAL(trace_Start(f) == 0);
    runtime_MemStats m0, m1;
    runtime_PacerStats p0, p1;
    runtime_ReadMemStats(&m0);
    runtime_ReadPacerStats(&p0);
    pthread_t t[2];
    for (uintptr_t i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, churn, (void *)i);
    runtime_entersyscall();
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    runtime_exitsyscall();
    runtime_GC();
    CU_ASSERT_EQUAL(trace_Stop(), 0);
    fclose(f);
    runtime_ReadMemStats(&m1);
    runtime_ReadPacerStats(&p1);
    char *out = malloc(64 << 20); // not a global: the runtime would scan it, and count it in the goal
    CU_ASSERT_FATAL(out != NULL);
    CU_ASSERT_EQUAL_FATAL(goToolTraceD(path, out, 64 << 20), 0);
    unlink(path);
    int cycles = (int)(m1.NumGC - m0.NumGC);
    int assists = countEvents(out, "GCMarkAssistStart", NULL);
    int turns = countEvents(out, "GoStartLabel", "label=GC (");
    printf("\n    %d cycles: %d assists, %d worker turns, %d sweeps, %d HeapAlloc\n", cycles, assists, turns,
           countEvents(out, "GCSweepStart", NULL), countEvents(out, "HeapAlloc", NULL));
    CU_ASSERT(cycles >= 2);
    CU_ASSERT_EQUAL(countEvents(out, "GCStart", NULL), cycles);
    CU_ASSERT_EQUAL(countEvents(out, "GCDone", NULL), cycles);
    CU_ASSERT_EQUAL(countEvents(out, "GCSTWStart", "kind=sweep termination"), cycles);
    CU_ASSERT(countEvents(out, "GCSTWStart", "kind=mark termination") >= 1);
    CU_ASSERT_EQUAL(countEvents(out, "GCSTWStart", NULL), countEvents(out, "GCSTWDone", NULL));
    CU_ASSERT_EQUAL(assists > 0, p1.AssistCPUNs > p0.AssistCPUNs);
    CU_ASSERT_EQUAL(countEvents(out, "GCMarkAssistDone", NULL), assists);
    CU_ASSERT_EQUAL(turns > 0, p1.BackgroundCPUNs + p1.IdleCPUNs > p0.BackgroundCPUNs + p0.IdleCPUNs);
    CU_ASSERT(countEvents(out, "GCSweepStart", NULL) >= 1);
    CU_ASSERT_EQUAL(countEvents(out, "GCSweepStart", NULL), countEvents(out, "GCSweepDone", NULL));
    CU_ASSERT(countEvents(out, "HeapAlloc", NULL) >= 1);
    CU_ASSERT(countEvents(out, "HeapGoal", NULL) >= cycles);
    CU_ASSERT(countEvents(out, "GoSysCall", NULL) >= 3);
    CU_ASSERT_EQUAL(countEvents(out, "GoSysCall", NULL), countEvents(out, "GoSysBlock", NULL));
    CU_ASSERT(countEvents(out, "GoEnd", NULL) >= 1);
    CU_ASSERT_EQUAL(countEvents(out, "ProcStart", NULL), countEvents(out, "ProcStop", NULL));
    free(out);
}
static int
stwChild(const char *path)
{
    runtime_ThreadAttach();
    FILE *f = fopen(path, "wb");
    if (f == NULL || trace_Start(f) != 0)
        return 1;
    runtime_MemStats m0, m1;
    runtime_ReadMemStats(&m0);
    churn((void *)0);
    runtime_GC();
    runtime_ReadMemStats(&m1);
    if (trace_Stop() != 0 || fclose(f) != 0)
        return 1;
    printf("cycles %u\n", m1.NumGC - m0.NumGC);
    return 0;
}

static void
test_stoppedWorld(void)
{
    if (!haveGo) {
        printf("\n    (no go command: skipped)\n");
        return;
    }
    char path[64], mode[128], child[256];
    fclose(openTrace(path));
    snprintf(mode, sizeof mode, "stw '%s'", path);
    CU_ASSERT_EQUAL_FATAL(runself(mode, "GODEBUG=gcstoptheworld=1", child, sizeof child), 0);
    int cycles = 0;
    const char *c = strstr(child, "cycles ");
    CU_ASSERT_FATAL(c != NULL);
    sscanf(c, "cycles %d", &cycles);
    char *out = malloc(64 << 20); // not a global: the runtime would scan it, and count it in the goal
    CU_ASSERT_FATAL(out != NULL);
    CU_ASSERT_EQUAL_FATAL(goToolTraceD(path, out, 64 << 20), 0);
    unlink(path);
    CU_ASSERT(cycles >= 2);
    CU_ASSERT_EQUAL(countEvents(out, "GCStart", NULL), cycles);
    CU_ASSERT_EQUAL(countEvents(out, "GCSTWStart", "kind=sweep termination"), cycles);
    CU_ASSERT_EQUAL(countEvents(out, "GCSTWStart", NULL), cycles);
    CU_ASSERT_EQUAL(countEvents(out, "GCSTWDone", NULL), cycles);
    CU_ASSERT_EQUAL(countEvents(out, "GoStartLabel", NULL), 0);
    free(out);
}

int
main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "stw") == 0)
        return stwChild(argv[2]);
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite s = CU_add_suite("trace", NULL, NULL);
    CU_add_test(s, "trace_Start and trace_Stop", test_startStop);
    CU_add_test(s, "go tool trace reads a trace of a concurrent collection", test_concurrent);
    CU_add_test(s, "with gcstoptheworld=1 a cycle is one stop of the world", test_stoppedWorld);
    return runTests();
}
