// tangled from chapters/16-mgcpacer.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The pacer (Go's mgcpacer.go): the heap goal and the memory limit.
#include <math.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include "runtime.h"

uint64
gcControllerState_memoryLimitHeapGoal(void)
{
    struct gcControllerState *c = &gcController;
    uint64 heapFree = 0, heapAlloc = 0, mappedReady = 0;
    int64 since = 0;
    for (int try = 0;; try++) {
        heapFree = sysMemStat_load(&c->heapFree);
        heapAlloc = atomic_Load64(&c->totalAlloc) - atomic_Load64(&c->totalFree);
        mappedReady = atomic_Load64(&c->mappedReady);
        if (heapFree + heapAlloc <= mappedReady)
            break;
        if (try < 100)
            continue;
        // The thread in the middle of its update may have lost its CPU: let it run.
        if (since == 0)
            since = nanotime();
        if (nanotime() - since > 1000 * 1000 * 1000) {
            print("runtime: heapFree=%lu heapAlloc=%lu mappedReady=%lu\n", (unsigned long)heapFree,
                  (unsigned long)heapAlloc, (unsigned long)mappedReady);
            throw("memoryLimitHeapGoal: heap memory exceeds mapped memory");
        }
        sched_yield();
    }
    uint64 memoryLimit = (uint64)atomic_Load64((uint64 *)&c->memoryLimit);
    uint64 nonHeapMemory = mappedReady - heapFree - heapAlloc;
    uint64 overage = mappedReady > memoryLimit ? mappedReady - memoryLimit : 0;
    uint64 heapMarked = atomic_Load64(&c->heapMarked);
    if (nonHeapMemory + overage >= memoryLimit)
        return heapMarked; // the rest alone is over the limit: collect continuously
    uint64 goal = memoryLimit - (nonHeapMemory + overage);
    const uint64 headroom = memoryLimitHeapGoalHeadroom;
    if (goal < headroom || goal - headroom < headroom)
        goal = headroom;
    else
        goal -= headroom;
    if (goal < heapMarked)
        goal = heapMarked;
    return goal;
}
bool
parseByteCount(const char *s, size_t len, int64 *out)
{
    if (len == 0)
        return false;
    char last = s[len - 1];
    if (last >= '0' && last <= '9') {
        int64 n;
        if (!atoi64(s, len, &n) || n < 0)
            return false;
        *out = n;
        return true;
    }
    if (last != 'B' || len < 2)
        return false;
    char c = s[len - 2];
    if (c >= '0' && c <= '9') { // a plain B
        int64 n;
        if (!atoi64(s, len - 1, &n) || n < 0)
            return false;
        *out = n;
        return true;
    }
    if (c != 'i' || len < 4) // a unit, and at least one digit before it
        return false;
    int power;
    switch (s[len - 3]) {
    case 'K': power = 1; break;
    case 'M': power = 2; break;
    case 'G': power = 3; break;
    case 'T': power = 4; break;
    default: return false;
    }
    uint64 m = 1;
    for (int i = 0; i < power; i++)
        m *= 1024;
    int64 n;
    if (!atoi64(s, len - 3, &n) || n < 0)
        return false;
    uint64 un = (uint64)n;
    if (un > UINT64_MAX / m)
        return false;
    un *= m;
    if (un > (uint64)INT64_MAX)
        return false;
    *out = (int64)un;
    return true;
}

int64
readGOMEMLIMIT(void)
{
    const char *p = getenv("GOMEMLIMIT");
    if (p == NULL || *p == '\0' || strcmp(p, "off") == 0)
        return INT64_MAX;
    int64 n;
    if (!parseByteCount(p, strlen(p), &n)) {
        print("GOMEMLIMIT=%s\n", p);
        throw("malformed GOMEMLIMIT; see `go doc runtime/debug.SetMemoryLimit`");
    }
    return n;
}
int64
gcControllerState_setMemoryLimit(int64 in)
{
    int64 out = (int64)atomic_Load64((uint64 *)&gcController.memoryLimit);
    if (in >= 0)
        atomic_Store64((uint64 *)&gcController.memoryLimit, (uint64)in);
    return out;
}

int64_t
debug_SetMemoryLimit(int64_t limit)
{
    lock(&mheap_.lock);
    int64 out = gcControllerState_setMemoryLimit(limit);
    if (limit >= 0 && out != limit)
        gcControllerCommit();
    unlock(&mheap_.lock);
    return out;
}
bool
piController_next(struct piController *c, double input, double setpoint, double period, double *out)
{
    double rawOutput = c->kp * (setpoint - input) + c->errIntegral;
    if (isinf(rawOutput) || isnan(rawOutput)) {
        c->errIntegral = 0;
        c->inputOverflow = true;
        *out = c->min;
        return false;
    }
    double output = rawOutput < c->min ? c->min : rawOutput > c->max ? c->max : rawOutput;
    if (c->ti != 0 && c->tt != 0) {
        c->errIntegral += (c->kp * period / c->ti) * (setpoint - input) + (period / c->tt) * (output - rawOutput);
        if (isinf(c->errIntegral) || isnan(c->errIntegral)) {
            c->errIntegral = 0;
            c->errOverflow = true;
            *out = c->min;
            return false;
        }
    }
    *out = output;
    return true;
}

void
gcControllerState_endCycle(int64 now, int32 procs)
{
    struct gcControllerState *c = &gcController;
    int64 assistDuration = now - c->markStartTime;
    double utilization = gcBackgroundUtilization;
    if (assistDuration > 0)
        utilization += (double)atomic_Load64((uint64 *)&c->assistTime) / (double)(assistDuration * procs);
    uint64 heapLive = atomic_Load64(&c->heapLive);
    if (heapLive <= c->triggered)
        return; // a mark so short that nothing was allocated: nothing to learn
    double idleUtilization = 0;
    if (assistDuration > 0)
        idleUtilization = (double)atomic_Load64((uint64 *)&c->idleMarkTime) / (double)(assistDuration * procs);
    uint64 heapScanWork = (uint64)atomic_Load64((uint64 *)&c->heapScanWork);
    uint64 stackScanWork = atomic_Load64(&c->stackScan), globalsScanWork = c->globalsScan;
    uint64 scanWork = heapScanWork + stackScanWork + globalsScanWork;
    double currentConsMark = ((double)(heapLive - c->triggered) * (utilization + idleUtilization))
                             / ((double)scanWork * (1 - utilization));
    double oldConsMark = c->consMark;
    bool ok = piController_next(&c->consMarkController, c->consMark, currentConsMark, 1.0, &c->consMark);
    if (!ok)
        c->consMark = 0;
    if (debug.gcpacertrace > 0) {
        print("pacer: %d%% CPU (%d exp.) for %lu+%lu+%lu B work (%lu B exp.) in %lu B -> %lu B (\u2206goal %ld, cons/mark ",
              (int)(utilization * 100), (int)(gcGoalUtilization * 100), (unsigned long)heapScanWork,
              (unsigned long)stackScanWork, (unsigned long)globalsScanWork,
              (unsigned long)(c->lastHeapScan + c->lastStackScan + c->globalsScan), (unsigned long)c->triggered,
              (unsigned long)heapLive, (long)((int64)heapLive - (int64)gcControllerState_heapGoal()));
        printfloat(oldConsMark);
        print(")%s\n", ok ? "" : "[controller reset]");
    }
}
void
printfloat(double v)
{
    if (v != v) {
        print("NaN");
        return;
    }
    if (v + v == v && v > 0) {
        print("+Inf");
        return;
    }
    if (v + v == v && v < 0) {
        print("-Inf");
        return;
    }
    enum { n = 7 }; // digits printed
    char buf[n + 8];
    buf[0] = '+';
    int e = 0;
    if (v == 0) {
        if (1 / v < 0)
            buf[0] = '-';
    } else {
        if (v < 0) {
            v = -v;
            buf[0] = '-';
        }
        while (v >= 10) {
            e++;
            v /= 10;
        }
        while (v < 1) {
            e--;
            v *= 10;
        }
        double h = 5.0;
        for (int i = 0; i < n; i++)
            h /= 10;
        v += h;
        if (v >= 10) {
            e++;
            v /= 10;
        }
    }
    for (int i = 0; i < n; i++) {
        int s = (int)v;
        buf[i + 2] = (char)(s + '0');
        v -= s;
        v *= 10;
    }
    buf[1] = buf[2];
    buf[2] = '.';
    buf[n + 2] = 'e';
    buf[n + 3] = '+';
    if (e < 0) {
        e = -e;
        buf[n + 3] = '-';
    }
    buf[n + 4] = (char)(e / 100 + '0');
    buf[n + 5] = (char)(e / 10 % 10 + '0');
    buf[n + 6] = (char)(e % 10 + '0');
    buf[n + 7] = '\0';
    print("%s", buf);
}
