// Lab 24-layout: a reference solution.  The items are stored inline, name and value, in
// one array without pointers: one object, which the collector marks without scanning.
#include <stdio.h>
#include <string.h>
#include "gomm.h"
#include "layout.h"

typedef struct item {
    uint64_t value;
    char name[16];
} item;

static item *table;
static size_t ntable;

void
lab_build(size_t n)
{
    GOMM_STORE(table, (item *)runtime_mallocgc(n * sizeof(item), NULL, 1));
    ntable = n;
    for (size_t i = 0; i < n; i++) {
        snprintf(table[i].name, sizeof table[i].name, "item-%u", (unsigned)i);
        table[i].value = i * 7 + 3;
    }
}

uint64_t
lab_total(void)
{
    uint64_t sum = 0;
    for (size_t i = 0; i < ntable; i++)
        if (table[i].name[strlen(table[i].name) - 1] == '7')
            sum += table[i].value;
    return sum;
}
