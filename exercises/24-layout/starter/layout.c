// Lab 24-layout: the program to fix.  Each item is a record of two pointers, to its name
// and to a box holding its value; the table is an array of pointers to the records.
#include <stdio.h>
#include <string.h>
#include "gomm.h"
#include "layout.h"

typedef struct item {
    char *name;
    uint64_t *value;
} item;
GOMM_TYPE(itemType, item, offsetof(item, name), offsetof(item, value));

typedef struct itemRef {
    item *p;
} itemRef;
GOMM_TYPE(itemRefType, itemRef, offsetof(itemRef, p));

static itemRef *table;
static size_t ntable;

void
lab_build(size_t n)
{
    GOMM_STORE(table, (itemRef *)runtime_newarray(&itemRefType, (intptr_t)n));
    ntable = n;
    for (size_t i = 0; i < n; i++) {
        item *it = runtime_new(&itemType);
        char *name = runtime_mallocgc(16, NULL, 1);
        snprintf(name, 16, "item-%u", (unsigned)i);
        GOMM_STORE(it->name, name);
        uint64_t *box = runtime_mallocgc(sizeof(uint64_t), NULL, 0);
        *box = i * 7 + 3;
        GOMM_STORE(it->value, box);
        GOMM_STORE(table[i].p, it);
    }
}

uint64_t
lab_total(void)
{
    uint64_t sum = 0;
    for (size_t i = 0; i < ntable; i++) {
        const char *name = table[i].p->name;
        if (name[strlen(name) - 1] == '7')
            sum += *table[i].p->value;
    }
    return sum;
}
