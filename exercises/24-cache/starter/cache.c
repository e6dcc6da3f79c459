// Lab 24-cache: the program to fix.  Every price computed is remembered, for ever, in a
// hash table on the collected heap; each entry also keeps a description of its item.
#include <stdio.h>
#include "gomm.h"
#include "cache.h"

typedef struct entry {
    struct entry *next;
    uint64_t item, price;
    char description[232];
} entry;
GOMM_TYPE(entryType, entry, offsetof(entry, next));

enum { nBuckets = 1 << 16 };
static entry *buckets[nBuckets];

uint64_t
lab_price(uint64_t item)
{
    entry **b = &buckets[item % nBuckets];
    for (entry *e = *b; e != NULL; e = e->next)
        if (e->item == item)
            return e->price;
    entry *e = runtime_new(&entryType);
    e->item = item;
    e->price = lab_compute(item);
    snprintf(e->description, sizeof e->description, "item %llu", (unsigned long long)item);
    GOMM_STORE(e->next, *b);
    GOMM_STORE(*b, e);
    return e->price;
}
