// tangled from chapters/82-pauses.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The churn benchmark of the chapter "Measuring the collector: pauses and mark throughput",
// on gomm's heap: two threads keep a table of lists alive, 556 MiB, and replace lists of it
// while they build and drop short-lived ones.
//   usage: churn [STEPS]   (1000000 by default: the steps of both threads together)
//   Prints on standard output the live structure's size and a check of all it built; on
//   standard error "gc cycles: N" and "gc pauses: max_us=M p99_us=P p50_us=Q (last N cycles)".
#define _GNU_SOURCE
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "gomm.h"

enum {
    nworkers = 2,                       // mutator threads, whatever the machine
    nslots = 1 << 16,                   // the table's lists
    listLen = 20,                       // records in a list
    slotsPerWorker = nslots / nworkers, // a worker owns a contiguous half of the table
    recClass = 48,                      // the size class of a record
};

// A record: a link of its list, a payload without pointers (Go's []byte: a pointer, a
// length and a capacity), and a key, which is also written at the start of the payload.
struct rec {
    struct rec *next;
    uint8_t *data;
    intptr_t len, cap;
    uint64_t key;
};
_Static_assert(sizeof(struct rec) == 40, "a record is the size of the Go struct");
GOMM_TYPE(recType, struct rec, offsetof(struct rec, next), offsetof(struct rec, data));
GOMM_TYPE(tableType, struct rec *, 0);

static struct rec **table; // nslots lists: the live structure's only root

// The payload size of the record at position pos (slot * listLen + its place in the list).
static size_t
payloadSize(uint64_t pos)
{
    return (size_t)64 << (pos % 5);
}
// A new list of listLen records, keyed *key+1, *key+2, ..., whose payloads have the
// sizes of the positions pos, pos+1, ...; its head is the record made last.
static struct rec *
newList(uint64_t *key, uint64_t pos)
{
    struct rec *head = NULL;
    for (int i = 0; i < listLen; i++) {
        size_t size = payloadSize(pos + (uint64_t)i);
        uint8_t *data = runtime_mallocgc(size, NULL, 1);
        struct rec *r = runtime_new(&recType);
        r->key = ++*key;
        memcpy(data, &r->key, sizeof r->key);
        GOMM_STORE(r->next, head);
        GOMM_STORE(r->data, data);
        r->len = r->cap = (intptr_t)size;
        head = r;
    }
    return head;
}

// The sum of a list's keys; counts in *bad the records whose payload does not start with
// their key.
static uint64_t
listCheck(const struct rec *r, uint64_t *bad)
{
    uint64_t sum = 0;
    for (; r != NULL; r = r->next) {
        uint64_t k;
        memcpy(&k, r->data, sizeof k);
        *bad += k != r->key;
        sum += r->key;
    }
    return sum;
}
struct worker {
    int id;
    long steps;
    uint64_t seed, key, check, bad;
    pthread_t thread;
};

static uint64_t
xorshift(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static void *
churn(void *arg)
{
    struct worker *w = arg;
    uint64_t lo = (uint64_t)w->id * slotsPerWorker;
    for (uint64_t s = lo; s < lo + slotsPerWorker; s++)
        GOMM_STORE(table[s], newList(&w->key, s * listLen));
    for (long i = 0; i < w->steps; i++) {
        struct rec *t = newList(&w->key, (uint64_t)i * listLen); // dies at once
        w->check += listCheck(t, &w->bad);
        uint64_t s = lo + xorshift(&w->seed) % slotsPerWorker;
        GOMM_STORE(table[s], newList(&w->key, s * listLen)); // the old list is garbage
    }
    return NULL;
}
// A run's pause figures: the largest, the 99th-percentile and the median pause of its
// last n cycles, in ns; n <= 0: no figures.
struct pauses {
    int n;
    uint64_t maxNs, p99Ns, p50Ns;
};

// Prints "gc pauses: max_us=M p99_us=P p50_us=Q (last N cycles)" on standard error, in
// microseconds rounded to the nearest, or "gc pauses: -" if there are no figures.
static void
printPauses(struct pauses p)
{
    if (p.n <= 0) {
        fprintf(stderr, "gc pauses: -\n");
        return;
    }
    fprintf(stderr, "gc pauses: max_us=%llu p99_us=%llu p50_us=%llu (last %d cycle%s)\n",
            (unsigned long long)((p.maxNs + 500) / 1000),
            (unsigned long long)((p.p99Ns + 500) / 1000),
            (unsigned long long)((p.p50Ns + 500) / 1000), p.n, p.n == 1 ? "" : "s");
}
enum { pauseRing = 256 }; // the cycles whose pauses runtime_MemStats keeps

// The pause figures of the cycles whose pauses ms still holds: the last min(NumGC, 256).
static struct pauses
pauseFigures(const runtime_MemStats *ms)
{
    uint64_t v[pauseRing];
    int n = ms->NumGC < pauseRing ? (int)ms->NumGC : pauseRing;
    for (int i = 0; i < n; i++) {
        uint32_t cycle = ms->NumGC - (uint32_t)i;                 // numbered from 1
        uint64_t x = ms->PauseNs[(cycle + pauseRing - 1) % pauseRing]; // Go's (N+255)%256
        int j = i;
        for (; j > 0 && v[j - 1] > x; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
    struct pauses p = {.n = n};
    if (n > 0) {
        p.maxNs = v[n - 1];
        p.p99Ns = v[(99 * n + 99) / 100 - 1];
        p.p50Ns = v[(50 * n + 99) / 100 - 1];
    }
    return p;
}
int
main(int argc, char **argv)
{
    long steps = argc > 1 ? atol(argv[1]) : 1000000;
    GOMM_STORE(table, (struct rec **)runtime_newarray(&tableType, nslots));
    struct worker w[nworkers];
    for (int i = 0; i < nworkers; i++) {
        w[i] = (struct worker){.id = i, .steps = steps / nworkers,
                               .seed = 88172645463325252u + (uint64_t)i, .key = (uint64_t)i << 40};
        if (pthread_create(&w[i].thread, NULL, churn, &w[i]) != 0) {
            perror("pthread_create");
            return 2;
        }
    }
    runtime_entersyscall(); // joining blocks: no stop of the world waits for this thread
    for (int i = 0; i < nworkers; i++)
        pthread_join(w[i].thread, NULL);
    runtime_exitsyscall();
    uint64_t check = 0, bad = 0, live = 0;
    for (int i = 0; i < nworkers; i++) {
        check += w[i].check;
        bad += w[i].bad;
    }
    for (uint64_t s = 0; s < nslots; s++)
        check += listCheck(table[s], &bad);
    for (uint64_t pos = 0; pos < (uint64_t)nslots * listLen; pos++)
        live += recClass + payloadSize(pos);
    printf("live: %d records, %llu bytes (%.1f MiB)\n", nslots * listLen, (unsigned long long)live,
           (double)live / (1 << 20));
    printf("steps: %ld, check: %llu, bad records: %llu\n", steps / nworkers * nworkers,
           (unsigned long long)check, (unsigned long long)bad);
    runtime_MemStats ms;
    runtime_ReadMemStats(&ms);
    fprintf(stderr, "gc cycles: %u\n", ms.NumGC);
    printPauses(pauseFigures(&ms));
    return bad != 0;
}
