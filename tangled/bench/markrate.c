// tangled from chapters/82-pauses.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The mark-throughput benchmark of the chapter "Measuring the collector: pauses and mark
// throughput", on gomm's heap: MIB MiB of 16-byte objects in linked lists, then CYCLES
// forced collections.  Run it with GODEBUG=gctrace=1: each forced cycle's line ends in
// "(forced)".
//   usage: markrate [MIB [CYCLES]]   (256 and 5 by default)
//   Prints on standard output the number of objects and the sum of their values.
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "gomm.h"

enum { nlists = 4096 };

struct node {
    struct node *next;
    uint64_t value;
};
GOMM_TYPE(linkType, struct node, offsetof(struct node, next));
GOMM_TYPE(listsType, struct node *, 0);

static struct node **lists; // the heads of the nlists lists, in a heap array

int
main(int argc, char **argv)
{
    long mib = argc > 1 ? atol(argv[1]) : 256;
    int cycles = argc > 2 ? atoi(argv[2]) : 5;
    uint64_t n = ((uint64_t)mib << 20) / sizeof(struct node);
    GOMM_STORE(lists, (struct node **)runtime_newarray(&listsType, nlists));
    for (uint64_t i = 0; i < n; i++) {
        struct node *x = runtime_new(&linkType);
        x->value = i;
        GOMM_STORE(x->next, lists[i % nlists]);
        GOMM_STORE(lists[i % nlists], x);
    }
    for (int c = 0; c < cycles; c++)
        runtime_GC();
    uint64_t count = 0, sum = 0;
    for (int l = 0; l < nlists; l++)
        for (const struct node *x = lists[l]; x != NULL; x = x->next) {
            count++;
            sum += x->value;
        }
    printf("objects: %llu, sum of values: %llu\n", (unsigned long long)count,
           (unsigned long long)sum);
    return count != n;
}
