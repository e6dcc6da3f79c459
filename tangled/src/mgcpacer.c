// tangled from chapters/16-mgcpacer.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The pacer (Go's mgcpacer.go): the heap goal and the memory limit.
#include <stdlib.h>
#include <string.h>
#include "runtime.h"

uint64
gcControllerState_memoryLimitHeapGoal(void)
{
    struct gcControllerState *c = &gcController;
    uint64 heapFree = 0, heapAlloc = 0, mappedReady = 0;
    for (int try = 0;; try++) {
        heapFree = sysMemStat_load(&c->heapFree);
        heapAlloc = atomic_Load64(&c->totalAlloc) - atomic_Load64(&c->totalFree);
        mappedReady = atomic_Load64(&c->mappedReady);
        if (heapFree + heapAlloc <= mappedReady)
            break;
        if (try == 1000) {
            print("runtime: heapFree=%lu heapAlloc=%lu mappedReady=%lu\n", (unsigned long)heapFree,
                  (unsigned long)heapAlloc, (unsigned long)mappedReady);
            throw("memoryLimitHeapGoal: heap memory exceeds mapped memory");
        }
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
