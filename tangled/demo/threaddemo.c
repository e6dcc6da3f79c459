// tangled from chapters/24-diagnostics.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The program whose thread profile chapter 24 reads: helper threads that never end.
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include "gomm.h"

typedef struct request {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int id, ready, acked;
    uint64_t answer;
} request;

static request requests[8];

// Waits for the caller's acknowledgement, keeping the answer's buffer alive meanwhile.
__attribute__((noinline)) static void
awaitAck(request *r, volatile uint8_t *buf)
{
    runtime_entersyscall();
    pthread_mutex_lock(&r->mu);
    r->ready = 1;
    pthread_cond_broadcast(&r->cv);
    while (!r->acked)
        pthread_cond_wait(&r->cv, &r->mu);
    pthread_mutex_unlock(&r->mu);
    runtime_exitsyscall();
    buf[0] = 0;
}

static void *
helper(void *arg)
{
    request *r = arg;
    runtime_ThreadAttach();
    uint8_t *buf = runtime_mallocgc(256 << 10, NULL, 1);
    for (int i = 0; i < 256 << 10; i++)
        r->answer += buf[i] = (uint8_t)(i * r->id);
    awaitAck(r, buf);
    runtime_ThreadDetach();
    return NULL;
}

int
main(void)
{
    runtime_ThreadAttach();
    pthread_t t[8];
    for (int i = 0; i < 8; i++) {
        request *r = &requests[i];
        pthread_mutex_init(&r->mu, NULL);
        pthread_cond_init(&r->cv, NULL);
        r->id = i;
        pthread_create(&t[i], NULL, helper, r);
        runtime_entersyscall();
        pthread_mutex_lock(&r->mu);
        while (!r->ready)
            pthread_cond_wait(&r->cv, &r->mu);
        r->acked = i % 2 == 0; // the bug: odd requests are never acknowledged
        pthread_cond_broadcast(&r->cv);
        pthread_mutex_unlock(&r->mu);
        runtime_exitsyscall();
    }
    runtime_entersyscall();
    for (int i = 0; i < 8; i += 2) // the acknowledged helpers end
        pthread_join(t[i], NULL);
    runtime_exitsyscall();
    runtime_GC();
    runtime_MemStats m;
    runtime_ReadMemStats(&m);
    printf("NumGoroutine %d, HeapAlloc %llu KiB\n", runtime_NumGoroutine(), (unsigned long long)(m.HeapAlloc >> 10));
    return pprof_WriteTo("goroutine", stdout, 1) != 0;
}
