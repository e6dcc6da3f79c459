// tangled from chapters/28-optimize.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The traps of sync.Pool, each measured with its fix (chapter 28).
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "gomm.h"

typedef struct pbuf {
    uint8_t *data; // the buffer's bytes (no pointers in them)
    size_t cap;
} pbuf;
GOMM_TYPE(pbufType, pbuf, offsetof(pbuf, data));

static void *newPbuf(void) { return runtime_new(&pbufType); }
static sync_Pool pbufPool = {.New = newPbuf};
static int capPooled; // the fix: do not put back a buffer grown beyond 64 KiB
enum { burst = 8, bursts = 256, small = 1 << 10, large = 1 << 20, maxPooled = 64 << 10 };

static void *
varyingSizes(void *arg)
{
    (void)arg;
    runtime_ThreadAttach();
    pbuf *held[burst];
    for (int k = 0; k < bursts; k++) {
        for (int j = 0; j < burst; j++) {
            size_t need = (k * burst + j) % 16 == 0 ? large : small; // one request in 16 is large
            pbuf *b = sync_Pool_Get(&pbufPool);
            if (b->cap < need) {
                GOMM_STORE(b->data, runtime_mallocgc(need, NULL, 0));
                b->cap = need;
            }
            memset(b->data, k, need);
            held[j] = b;
        }
        for (int j = 0; j < burst; j++)
            if (!capPooled || held[j]->cap <= maxPooled)
                sync_Pool_Put(&pbufPool, held[j]);
    }
    runtime_ThreadDetach();
    return NULL;
}

static void
runVaryingSizes(int fix)
{
    capPooled = fix;
    runtime_MemStats m0, m1;
    runtime_GC();
    runtime_GC(); // the last run's pool is gone
    runtime_ReadMemStats(&m0);
    pthread_t t[4];
    runtime_entersyscall(); // this thread waits: the collector need not stop it
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, varyingSizes, NULL);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    runtime_exitsyscall();
    runtime_GC(); // what the pool keeps: live until the next cycle (the victim)
    runtime_ReadMemStats(&m1);
    double requests = 4.0 * bursts * burst;
    printf("%-34s %10.1f %14.0f\n", fix ? "put back only up to 64 KiB" : "put back every buffer",
           (double)(m1.TotalAlloc - m0.TotalAlloc) / requests / 1024, (double)m1.HeapAlloc / 1024);
}
typedef struct request {
    uint8_t *payload; // 256 KiB, the request's own
    uint64_t id;
} request;
GOMM_TYPE(requestType, request, offsetof(request, payload));

static void *newRequest(void) { return runtime_new(&requestType); }
static sync_Pool requestPool = {.New = newRequest};
enum { inFlight = 16, payloadSize = 256 << 10 };

static void
runPooledPointers(int fix)
{
    runtime_MemStats m1, m2;
    runtime_GC();
    runtime_GC();
    request *held[inFlight];
    for (int k = 0; k < 8; k++) {
        for (int j = 0; j < inFlight; j++) {
            request *r = sync_Pool_Get(&requestPool);
            GOMM_STORE(r->payload, runtime_mallocgc(payloadSize, NULL, 0));
            r->id = (uint64_t)(k * inFlight + j);
            memset(r->payload, (int)r->id, payloadSize);
            held[j] = r;
        }
        for (int j = 0; j < inFlight; j++) {
            if (fix)
                GOMM_STORE(held[j]->payload, NULL); // the fix: the pool keeps the request, not its payload
            sync_Pool_Put(&requestPool, held[j]);
        }
    }
    // Only the pool holds the requests now, not this frame: the stack is scanned conservatively.
    // (KeepAlive reads the array, as far as the compiler knows: the zeroing is not left out.)
    memset(held, 0, sizeof held);
    runtime_KeepAlive(held);
    runtime_GC();
    runtime_ReadMemStats(&m1);
    runtime_GC();
    runtime_ReadMemStats(&m2);
    printf("%-34s %10.0f %14.0f\n", fix ? "payload pointer cleared" : "payload pointer kept",
           (double)m1.HeapAlloc / 1024, (double)m2.HeapAlloc / 1024);
}
enum { countedSize = 4096, burstSize = 64, countedBursts = 100, chunk = 32 << 10 };
static uint64_t news; // calls of New

static void *
newCounted(void)
{
    news++;
    return runtime_mallocgc(countedSize, NULL, 0);
}

static sync_Pool countedPool = {.New = newCounted};

static void
runFrequentCycles(size_t garbage)
{
    runtime_MemStats m0, m1;
    runtime_GC();
    runtime_GC();
    news = 0;
    runtime_ReadMemStats(&m0);
    void *held[burstSize];
    for (int k = 0; k < countedBursts; k++) {
        for (int j = 0; j < burstSize; j++)
            held[j] = sync_Pool_Get(&countedPool);
        for (int j = 0; j < burstSize; j++)
            sync_Pool_Put(&countedPool, held[j]);
        for (size_t g = 0; g < garbage; g += chunk)
            ((uint8_t *volatile)runtime_mallocgc(chunk, NULL, 0))[0] = 1;
    }
    runtime_ReadMemStats(&m1);
    printf("%10zu KiB %16.2f %15.1f\n", garbage >> 10, (double)(m1.NumGC - m0.NumGC) / countedBursts,
           100.0 * (double)news / (countedBursts * burstSize));
}

int
main(void)
{
    runtime_ThreadAttach();
    printf("Objects of varying size (4 threads x %d bursts of %d; 1 request in 16 needs 1 MiB, the rest 1 KiB)\n",
           bursts, burst);
    printf("%-34s %10s %14s\n", "", "KiB/request", "KiB live after");
    printf("%-34s %10s %14s\n", "", "allocated", "one cycle");
    runVaryingSizes(0);
    runVaryingSizes(1);
    printf("\nPooled pointers (8 rounds of %d requests, each with a 256 KiB payload)\n", inFlight);
    printf("%-34s %10s %14s\n", "", "KiB live after", "KiB live after");
    printf("%-34s %10s %14s\n", "", "one cycle", "two cycles");
    runPooledPointers(0);
    runPooledPointers(1);
    printf("\nFrequent cycles (%d bursts of %d Gets and Puts of 4 KiB buffers)\n", countedBursts, burstSize);
    printf("%14s %16s %15s\n", "garbage/burst", "cycles/burst", "Gets calling New %");
    static const size_t garbage[] = {0, 256 << 10, 1 << 20, 4 << 20, 16 << 20};
    for (size_t i = 0; i < sizeof garbage / sizeof garbage[0]; i++)
        runFrequentCycles(garbage[i]);
    return 0;
}
