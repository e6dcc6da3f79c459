// Lab 24-leak: the program to fix.  Each request is served by a helper thread that builds
// the response and hands back its sum; the helper then waits for the caller to
// acknowledge the answer, which the caller never does.
#include <pthread.h>
#include "gomm.h"
#include "leak.h"

typedef struct mailbox {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    uint64_t r, sum;
    int ready, acked;
} mailbox;

static volatile uint8_t sink;

static void *
helper(void *arg)
{
    mailbox *mb = arg;
    runtime_ThreadAttach();
    uint8_t *response = runtime_mallocgc(lab_responseSize, NULL, 0);
    uint64_t sum = 0;
    for (uint64_t i = 0; i < lab_responseSize; i++) {
        response[i] = (uint8_t)((mb->r + i) * 31);
        sum += response[i];
    }
    runtime_entersyscall(); // it only waits from here on
    pthread_mutex_lock(&mb->mu);
    mb->sum = sum;
    mb->ready = 1;
    pthread_cond_broadcast(&mb->cv);
    while (!mb->acked) // the response stays reachable from this frame meanwhile
        pthread_cond_wait(&mb->cv, &mb->mu);
    pthread_mutex_unlock(&mb->mu);
    runtime_exitsyscall();
    sink = response[lab_responseSize - 1]; // the response is used after the wait: it stays live
    runtime_ThreadDetach();
    return NULL;
}

uint64_t
lab_serve(uint64_t r)
{
    static mailbox boxes[64];
    mailbox *mb = &boxes[r % 64];
    pthread_mutex_init(&mb->mu, NULL);
    pthread_cond_init(&mb->cv, NULL);
    mb->r = r;
    mb->ready = mb->acked = 0;
    pthread_t t;
    pthread_create(&t, NULL, helper, mb);
    pthread_detach(t);
    runtime_entersyscall();
    pthread_mutex_lock(&mb->mu);
    while (!mb->ready)
        pthread_cond_wait(&mb->cv, &mb->mu);
    uint64_t sum = mb->sum;
    pthread_mutex_unlock(&mb->mu);
    runtime_exitsyscall();
    return sum;
}
