// tangled from chapters/25-trace.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The program whose execution trace chapter 25 reads: two threads that serve a cache.
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include "gomm.h"

typedef struct entry {
    struct entry *next; // a chain of versions
    uint64_t key;
    uint8_t value[112];
} entry;
GOMM_TYPE(entryType, entry, offsetof(entry, next));
GOMM_TYPE(slotType, entry *, 0);

enum { slots = 1 << 15, requests = 400000 };

typedef struct shard {
    entry **table; // slots pointers, in the heap
    uint64_t seed;
} shard;
static shard shards[2];

static uint64_t
xorshift(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

// One request: replace an entry, keeping its previous version; now and then, wait on the disk.
__attribute__((noinline)) static void
serve(shard *sh, int i)
{
    uint64_t k = xorshift(&sh->seed);
    entry *e = runtime_new(&entryType);
    e->key = k;
    entry **slot = &sh->table[k % slots];
    GOMM_STORE(e->next, *slot != NULL ? (*slot)->next == NULL ? *slot : NULL : NULL);
    GOMM_STORE(*slot, e);
    if (i % 50000 == 0) {
        runtime_entersyscall();
        nanosleep(&(struct timespec){0, 2 * 1000 * 1000}, NULL);
        runtime_exitsyscall();
    }
}

static void *
server(void *arg)
{
    shard *sh = arg;
    runtime_ThreadAttach();
    GOMM_STORE(sh->table, runtime_makeslice(&slotType, slots, slots));
    for (int i = 0; i < requests; i++)
        serve(sh, i);
    runtime_ThreadDetach();
    return NULL;
}

int
main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: tracedemo TRACEFILE\n");
        return 2;
    }
    runtime_ThreadAttach();
    FILE *f = fopen(argv[1], "wb");
    if (f == NULL || trace_Start(f) != 0) {
        perror(argv[1]);
        return 1;
    }
    runtime_MemStats m0, m1;
    runtime_ReadMemStats(&m0);
    pthread_t t[2];
    for (int i = 0; i < 2; i++) {
        shards[i].seed = 88172645463325252ull + (uint64_t)i;
        pthread_create(&t[i], NULL, server, &shards[i]);
    }
    runtime_entersyscall();
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    runtime_exitsyscall();
    runtime_GC();
    runtime_ReadMemStats(&m1);
    if (trace_Stop() != 0 || fclose(f) != 0) {
        perror(argv[1]);
        return 1;
    }
    printf("%u cycles, %llu MiB allocated\n", m1.NumGC - m0.NumGC,
           (unsigned long long)((m1.TotalAlloc - m0.TotalAlloc) >> 20));
    return 0;
}
