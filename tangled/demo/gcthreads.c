// tangled from chapters/11-mgc.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// A multi-threaded program on the collected heap: usage: gcthreads [THREADS [ROUNDS]]
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "gomm.h"

struct item {
    struct item *next;
    long value;
};
GOMM_TYPE(itemType, struct item, offsetof(struct item, next));

enum { listsPerThread = 64, listLength = 100 };

static long rounds = 100000;

static void *
worker(void *arg)
{
    long id = (long)(intptr_t)arg, bad = 0;
    struct item *lists[listsPerThread] = {0};
    for (long r = 0; r < rounds; r++) {
        long which = (r * 7 + id) % listsPerThread;
        struct item *head = NULL;
        for (long k = 0; k < listLength; k++) {
            struct item *it = runtime_new(&itemType);
            it->value = r * listLength + k;
            GOMM_STORE(it->next, head);
            head = it;
        }
        lists[which] = head;
        // Check the new list and an old one: each holds listLength consecutive values.
        for (int l = 0; l < 2; l++) {
            struct item *first = lists[(which + l * (listsPerThread / 2)) % listsPerThread];
            if (first == NULL)
                continue;
            long expect = first->value, n = 0;
            for (struct item *it = first; it != NULL; it = it->next, expect--, n++)
                bad += it->value != expect;
            bad += n != listLength || (first->value + 1) % listLength != 0;
        }
    }
    return (void *)(intptr_t)bad;
}

static int blockPipe[2];

static void *
blocked(void *arg)
{
    (void)arg;
    struct item *mine = runtime_new(&itemType);
    mine->value = 12345;
    char c;
    runtime_entersyscall(); // the world need not wait for this thread
    ssize_t n = read(blockPipe[0], &c, 1);
    runtime_exitsyscall();
    return (void *)(intptr_t)(n != 1 || mine->value != 12345);
}

int
main(int argc, char **argv)
{
    int nthreads = argc > 1 ? atoi(argv[1]) : 4;
    if (argc > 2)
        rounds = atol(argv[2]);
    if (nthreads < 1 || nthreads > 64 || rounds < 1 || pipe(blockPipe) != 0) {
        fprintf(stderr, "usage: gcthreads [THREADS (1-64) [ROUNDS]]\n");
        return 2;
    }
    pthread_t t[64], b;
    pthread_create(&b, NULL, blocked, NULL);
    for (int i = 0; i < nthreads; i++)
        pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i);
    long bad = 0;
    runtime_entersyscall(); // joining blocks: announce it, as Go's wg.Wait parks the goroutine
    for (int i = 0; i < nthreads; i++) {
        void *r;
        pthread_join(t[i], &r);
        bad += (long)(intptr_t)r;
    }
    runtime_exitsyscall();
    if (write(blockPipe[1], "x", 1) != 1)
        bad++;
    void *r;
    pthread_join(b, &r);
    bad += (long)(intptr_t)r;
    runtime_MemStats ms;
    runtime_ReadMemStats(&ms);
    printf("%d threads, %ld rounds each: %ld objects allocated, %ld corrupted\n", nthreads, rounds,
           (long)nthreads * rounds * listLength + 1, bad);
    printf("collections: %u (forced %u), total pause %.3f ms, next goal %.1f MB\n", ms.NumGC, ms.NumForcedGC,
           ms.PauseTotalNs / 1e6, ms.NextGC / 1048576.0);
    return bad != 0;
}
