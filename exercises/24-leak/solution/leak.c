// Lab 24-leak: a reference solution.  The caller acknowledges the answer and joins the
// helper, which then detaches from the runtime and exits: no thread outlives its request,
// and the response becomes garbage with it.
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
    runtime_entersyscall();
    pthread_mutex_lock(&mb->mu);
    mb->sum = sum;
    mb->ready = 1;
    pthread_cond_broadcast(&mb->cv);
    while (!mb->acked)
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
    mailbox mb = {.r = r};
    pthread_mutex_init(&mb.mu, NULL);
    pthread_cond_init(&mb.cv, NULL);
    pthread_t t;
    pthread_create(&t, NULL, helper, &mb);
    runtime_entersyscall();
    pthread_mutex_lock(&mb.mu);
    while (!mb.ready)
        pthread_cond_wait(&mb.cv, &mb.mu);
    uint64_t sum = mb.sum;
    mb.acked = 1;
    pthread_cond_broadcast(&mb.cv);
    pthread_mutex_unlock(&mb.mu);
    pthread_join(t, NULL);
    runtime_exitsyscall();
    pthread_mutex_destroy(&mb.mu);
    pthread_cond_destroy(&mb.cv);
    return sum;
}
