// tangled from chapters/01-memory.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Demo: move 64 MiB through Go's four address-space states, showing RSS.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "runtime.h"

enum { regionBytes = 64 << 20 };
static sysMemStat demoStat;

static double
residentBytes(void *v, uintptr n)
{
    uintptr pages = n / physPageSize, count = 0;
    unsigned char *vec = malloc(pages);
    if (vec == NULL || mincore(v, n, vec) != 0) {
        free(vec);
        return 0;
    }
    for (uintptr i = 0; i < pages; i++)
        count += vec[i] & 1;
    free(vec);
    return (double)(count * physPageSize);
}

static double
rssBytes(void)
{
    long size = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f != NULL) {
        if (fscanf(f, "%ld %ld", &size, &resident) != 2)
            resident = 0;
        fclose(f);
    }
    return (double)resident * (double)physPageSize;
}
static void
row(const char *step, void *v)
{
    printf("%-36s %10.1f %12.1f %12.1f %10.1f\n", step,
           sysMemStat_load(&demoStat) / 1048576.0,
           atomic_Load64(&gcController.mappedReady) / 1048576.0,
           v != NULL ? residentBytes(v, regionBytes) / 1048576.0 : 0.0, rssBytes() / 1048576.0);
}

int
main(void)
{
    printf("%-36s %10s %12s %12s %10s\n", "step (sizes in MiB)", "sysStat", "mappedReady", "resident", "RSS");
    void *v = sysReserve(NULL, regionBytes);
    if (v == NULL) {
        fprintf(stderr, "memstates: cannot reserve %d bytes\n", regionBytes);
        return 1;
    }
    row("sysReserve: None -> Reserved", v);
    sysMap(v, regionBytes, &demoStat);
    row("sysMap: Reserved -> Prepared", v);
    sysUsed(v, regionBytes, regionBytes);
    row("sysUsed: Prepared -> Ready", v);
    memset(v, 1, regionBytes);
    row("write every byte", v);
    sysUnused(v, regionBytes);
    row("sysUnused: Ready -> Prepared", v);
    sysUsed(v, regionBytes, regionBytes);
    memset(v, 2, regionBytes / 2);
    row("sysUsed, write half", v);
    sysFree(v, regionBytes, &demoStat);
    row("sysFree: Ready -> None", NULL);
    setenv("GODEBUG", "madvdontneed=0", 1);
    parsedebugvars();
    printf("with GODEBUG=madvdontneed=0 (MADV_FREE):\n");
    v = sysReserve(NULL, regionBytes);
    if (v == NULL) {
        fprintf(stderr, "memstates: cannot reserve %d bytes again\n", regionBytes);
        return 1;
    }
    sysMap(v, regionBytes, &demoStat);
    sysUsed(v, regionBytes, regionBytes);
    memset(v, 3, regionBytes);
    row("sysUsed, write every byte", v);
    sysUnused(v, regionBytes);
    row("sysUnused: Ready -> Prepared", v);
    sysUsed(v, regionBytes, regionBytes);
    sysFree(v, regionBytes, &demoStat);
    return 0;
}
