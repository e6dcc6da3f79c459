// tangled from chapters/20-tuning.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Tuning labs: run a lab's workload in a fresh process and read its figures (chapter 20).
#ifndef GOMM_LABCHILD_H
#define GOMM_LABCHILD_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "gomm.h"

// In the child: the test's labChild(mode) runs, its status is the process's.
int labChild(const char *mode);

__attribute__((constructor(200))) static void
labChildStart(void)
{
    const char *mode = getenv("GOMM_LAB_CHILD");
    if (mode == NULL || *mode == '\0')
        return;
    const char *tracefile = getenv("GOMM_LAB_TRACE"); // an execution trace of the run, for a reader (chapter 25)
    FILE *tf = NULL;
    if (tracefile != NULL && *tracefile != '\0') {
        runtime_ThreadAttach();
        if ((tf = fopen(tracefile, "wb")) == NULL || trace_Start(tf) != 0)
            perror(tracefile);
    }
    int status = labChild(mode);
    if (tf != NULL && (trace_Stop() != 0 || fclose(tf) != 0))
        perror(tracefile);
    fflush(NULL);
    _exit(status);
}

// In the parent: run the child in mode with env (VAR=value ...), its output into out.
static inline int
labRun(const char *mode, const char *env, char *out, size_t outlen)
{
    char cmd[1024], self[512];
    ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
    if (len <= 0)
        return -1;
    self[len] = '\0';
    snprintf(cmd, sizeof cmd, "GOMM_LAB_CHILD=%s %s '%s' 2>&1", mode, env ? env : "", self);
    FILE *f = popen(cmd, "r");
    if (f == NULL)
        return -1;
    size_t n = fread(out, 1, outlen - 1, f);
    out[n] = '\0';
    int status = pclose(f);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// The value of a line "key=value" in out (every such line follows a newline), or -1.
static inline double
labValue(const char *out, const char *key)
{
    char k[64];
    snprintf(k, sizeof k, "\n%s=", key);
    const char *p = strstr(out, k);
    return p == NULL ? -1 : atof(p + strlen(k));
}

// Print the figures every lab reports.
static inline void
labReport(void)
{
    runtime_MemStats m;
    runtime_PacerStats s;
    runtime_ReadMemStats(&m);
    runtime_ReadPacerStats(&s);
    printf("\ncycles=%u\npauseNs=%llu\nassistNs=%llu\nbackgroundNs=%llu\nidleNs=%llu\ngcNs=%llu\n"
           "peakHeap=%llu\npeakMapped=%llu\npeakMarked=%llu\nlimiterLastOn=%u\ngcCPUFraction=%f\n",
           m.NumGC, (unsigned long long)m.PauseTotalNs, (unsigned long long)s.AssistCPUNs,
           (unsigned long long)s.BackgroundCPUNs, (unsigned long long)s.IdleCPUNs,
           (unsigned long long)s.TotalCPUNs, (unsigned long long)s.PeakHeap,
           (unsigned long long)s.PeakMapped, (unsigned long long)s.PeakMarked, s.LimiterLastEnabledCycle,
           m.GCCPUFraction);
    printf("mallocs=%llu\ntotalAlloc=%llu\nheapObjects=%llu\nlastHeapScan=%llu\n", (unsigned long long)m.Mallocs,
           (unsigned long long)m.TotalAlloc, (unsigned long long)m.HeapObjects, (unsigned long long)s.LastHeapScan);
    const char *profile = getenv("GOMM_LAB_PROFILE"); // the profiles, for a reader (chapter 24)
    if (profile != NULL && *profile != '\0') {
        char threads[600];
        snprintf(threads, sizeof threads, "%s.goroutine.txt", profile);
        FILE *f = fopen(profile, "w"), *g = fopen(threads, "w");
        if (f == NULL || pprof_WriteTo("allocs", f, 0) != 0)
            perror(profile);
        if (g == NULL || pprof_WriteTo("goroutine", g, 2) != 0)
            perror(threads);
        if (f != NULL)
            fclose(f);
        if (g != NULL)
            fclose(g);
    }
}

// Zero the stack below the caller's frame, with volatile stores (a memset of a dead array may
// be left out).  The collection the caller starts next uses that area, and the stack is scanned
// conservatively: an address a finished call left there would keep its object alive.
__attribute__((noinline, unused)) static void
labClearStack(void)
{
    volatile uintptr_t area[8 << 10];
    for (size_t i = 0; i < sizeof area / sizeof area[0]; i++)
        area[i] = 0;
}
#endif
