// tangled from chapters/20-tuning.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The programs behind chapter 20's figures: "churn" (8 MiB live, 512 MiB allocated),
// "spiral" (32 MiB live, replaced from two threads that also compute, for 2.5 s), "rss" and
// "rss-off" (the resident set every 100 ms after a 128 MiB heap falls to 8 MiB, with and
// without the scavenger).  Every object is written, so that its page is resident.
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "runtime.h"

struct obj {
    struct obj *next;
    uint64 pad[3];
};
GOMM_TYPE(objType, struct obj, offsetof(struct obj, next));
struct big {
    struct big *next;
    uint64 pad[15];
};
GOMM_TYPE(bigType, struct big, offsetof(struct big, next));
enum { maxLive = 1 << 20 };
static void *live[maxLive];
static int nlive = 1 << 18;
static int stop;
static uint64 sink;

static uint64
xorshift(uint64 *seed)
{
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    return *seed;
}

// Replace n random live objects; with work, compute a while before each allocation.
static void
replace(uint64 *seed, int n, runtime_Type *t, int work)
{
    for (int k = 0; k < n; k++) {
        uint64 x = xorshift(seed);
        for (int w = 0; w < work; w++)
            x = x * 6364136223846793005u + 1442695040888963407u;
        struct obj *o = runtime_new(t);
        o->pad[0] = x;
        runtime_writePointer(&live[x % (uint64)nlive], o);
    }
    __atomic_add_fetch(&sink, *seed, __ATOMIC_RELAXED);
}

static void *
replacer(void *arg)
{
    uint64 seed = (uint64)(uintptr)arg * 2654435761u + 1;
    while (!__atomic_load_n(&stop, __ATOMIC_RELAXED))
        replace(&seed, 1024, &objType, 400);
    return NULL;
}

static uintptr
rssMiB(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    unsigned long size = 0, resident = 0;
    if (f != NULL) {
        if (fscanf(f, "%lu %lu", &size, &resident) != 2)
            resident = 0;
        fclose(f);
    }
    return (uintptr)resident * (uintptr)sysconf(_SC_PAGESIZE) >> 20;
}

static void
fill(runtime_Type *t)
{
    for (int i = 0; i < nlive; i++) {
        struct obj *o = runtime_new(t);
        o->pad[0] = (uint64)i;
        runtime_writePointer(&live[i], o);
    }
}

int
main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "churn";
    uint64 seed = 88172645463325252ull;
    if (strcmp(mode, "churn") == 0) {
        fill(&objType);
        replace(&seed, 16 << 20, &objType, 0);
    } else if (strcmp(mode, "spiral") == 0) {
        nlive = 1 << 20; // 32 MiB
        fill(&objType);
        pthread_t t[2];
        for (uintptr i = 0; i < 2; i++)
            pthread_create(&t[i], NULL, replacer, (void *)(i + 1));
        runtime_entersyscall();
        usleep(2500 * 1000);
        runtime_exitsyscall();
        __atomic_store_n(&stop, 1, __ATOMIC_RELAXED);
        for (int i = 0; i < 2; i++)
            pthread_join(t[i], NULL);
    } else if (strcmp(mode, "rss") == 0 || strcmp(mode, "rss-off") == 0) {
        if (strcmp(mode, "rss-off") == 0)
            scavengeOff = 1;
        nlive = 1 << 20; // 128 MiB of 128-byte objects
        fill(&bigType);
        nlive = 1 << 16; // 8 MiB: the rest is garbage
        for (int i = nlive; i < (1 << 20); i++)
            runtime_writePointer(&live[i], NULL);
        printf("t,rss\n");
        int64 start = nanotime();
        for (int sample = 0; sample <= 40; sample++) {
            while (nanotime() - start < (int64)sample * 100 * 1000000)
                replace(&seed, 256, &bigType, 100);
            printf("%.1f,%lu\n", (double)sample / 10, (unsigned long)rssMiB());
        }
    } else {
        fprintf(stderr, "usage: pacerdemo churn|spiral|rss|rss-off\n");
        return 2;
    }
    return 0;
}
