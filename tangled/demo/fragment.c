// tangled from chapters/28-optimize.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Fragmentation in a heap that never moves an object (chapter 28).
#include <stdint.h>
#include <stdio.h>
#include "gomm.h"

typedef struct obj64 { struct obj64 *self; uint64_t pad[7]; } obj64;
GOMM_TYPE(obj64Type, obj64, offsetof(obj64, self));
typedef struct obj512 { uint64_t pad[64]; } obj512;
GOMM_TYPE_NOPTR(obj512Type, obj512);
typedef struct slot { void *p; } slot;
GOMM_TYPE(slotType, slot, offsetof(slot, p));
enum { objs = 1 << 20 };

static slot *live; // every object the program holds: the root

static void
row(const char *what)
{
    runtime_MemStats m;
    runtime_GC();
    runtime_ReadMemStats(&m);
    printf("%-40s %9.1f %9.1f %9.1f %9.1f\n", what, (double)m.HeapAlloc / (1 << 20),
           (double)m.HeapInuse / (1 << 20), (double)m.HeapIdle / (1 << 20), (double)m.HeapReleased / (1 << 20));
}

static slot *more; // the 512-byte objects of the last row

static void
fragment(int sameClass)
{
    GOMM_STORE(live, (slot *)runtime_makeslice(&slotType, objs, objs));
    for (int i = 0; i < objs; i++)
        GOMM_STORE(live[i].p, runtime_new(&obj64Type));
    if (sameClass)
        row("64 MiB of 64-byte objects");
    uint64_t seed = 88172645463325252ull;
    int freed = 0;
    for (int i = 0; i < objs; i++) {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        if (seed % 8 != 0) {
            GOMM_STORE(live[i].p, NULL); // seven in eight, at random
            freed++;
        }
    }
    debug_FreeOSMemory();
    if (sameClass) {
        row("7 in 8 freed, then FreeOSMemory");
        for (int i = 0; i < objs; i++)
            if (live[i].p == NULL)
                GOMM_STORE(live[i].p, runtime_new(&obj64Type));
        row("as many 64-byte objects again");
    } else {
        int n = freed / 8; // the same bytes, in objects eight times larger
        GOMM_STORE(more, (slot *)runtime_makeslice(&slotType, n, n));
        for (int i = 0; i < n; i++)
            GOMM_STORE(more[i].p, runtime_new(&obj512Type));
        row("instead, the same bytes in 512-byte ones");
        GOMM_STORE(more, NULL);
    }
    GOMM_STORE(live, NULL);
    runtime_GC();
}

int
main(void)
{
    runtime_ThreadAttach();
    printf("%-40s %9s %9s %9s %9s\n", "MiB", "HeapAlloc", "HeapInuse", "HeapIdle", "Released");
    fragment(1);
    fragment(0);
    return 0;
}
