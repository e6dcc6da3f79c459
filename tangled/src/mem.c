// tangled from chapters/01-memory.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The four states of address space and their accounting (Go's mem.go).
#include "runtime.h"

struct gcControllerState gcController;

void *
sysAlloc(uintptr n, sysMemStat *sysStat)
{
    void *p = sysAllocOS(n);
    if (p != NULL) {
        sysMemStat_add(sysStat, (int64)n);
        atomic_Xadd64(&gcController.mappedReady, (int64)n);
    }
    return p;
}

void
sysFree(void *v, uintptr n, sysMemStat *sysStat)
{
    sysMemStat_add(sysStat, -(int64)n);
    atomic_Xadd64(&gcController.mappedReady, -(int64)n);
    sysFreeOS(v, n);
}
void *
sysReserve(void *v, uintptr n)
{
    return sysReserveOS(v, n);
}

void
sysMap(void *v, uintptr n, sysMemStat *sysStat)
{
    sysMemStat_add(sysStat, (int64)n);
    sysMapOS(v, n);
}
void
sysUsed(void *v, uintptr n, uintptr prepared)
{
    debugAssert(prepared <= n, "sysUsed: more bytes prepared than used");
    atomic_Xadd64(&gcController.mappedReady, (int64)prepared);
    sysUsedOS(v, n);
}

void
sysUnused(void *v, uintptr n)
{
    atomic_Xadd64(&gcController.mappedReady, -(int64)n);
    sysUnusedOS(v, n);
}

void
sysFault(void *v, uintptr n)
{
    atomic_Xadd64(&gcController.mappedReady, -(int64)n);
    sysFaultOS(v, n);
}
void
sysHugePage(void *v, uintptr n)
{
    sysHugePageOS(v, n);
}

void
sysNoHugePage(void *v, uintptr n)
{
    sysNoHugePageOS(v, n);
}
