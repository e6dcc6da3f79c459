// Lab 20-spiral: a reference solution.  48 MiB live under a 32 MiB limit, replaced from
// two threads until 250 cycles have run.
#include <pthread.h>
#include <unistd.h>
#include <stddef.h>
#include <stdint.h>
#include "gomm.h"
#include "spiral.h"

struct obj {
    struct obj *next;
    uint64_t pad[7];
};
GOMM_TYPE(objType, struct obj, offsetof(struct obj, next));
enum { nLive = 3 << 18 }; // 48 MiB of 64-byte objects
static struct obj *live[nLive];
static int stop;

static void *
replacer(void *arg)
{
    uint64_t seed = (uint64_t)(uintptr_t)arg * 2654435761u + 1;
    while (!__atomic_load_n(&stop, __ATOMIC_RELAXED)) {
        for (int k = 0; k < 1024; k++) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            GOMM_STORE(live[seed % nLive], (struct obj *)runtime_new(&objType));
        }
    }
    return NULL;
}

void
lab_spiral(void)
{
    for (int i = 0; i < nLive; i++)
        GOMM_STORE(live[i], (struct obj *)runtime_new(&objType));
    pthread_t t[2];
    for (uintptr_t i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, replacer, (void *)(i + 1));
    runtime_entersyscall(); // this thread only waits
    for (;;) {
        runtime_MemStats m;
        runtime_ReadMemStats(&m);
        if (m.NumGC >= 250)
            break;
        usleep(10000);
    }
    runtime_exitsyscall();
    __atomic_store_n(&stop, 1, __ATOMIC_RELAXED);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
}
