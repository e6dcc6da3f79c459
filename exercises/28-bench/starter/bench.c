// Lab 28-bench: the benchmarks to fix.  Each measures more than its operation.
#include "bench.h"

static uint64_t sink;

void
lab_BenchmarkLookup(testing_B *b)
{
    lab_table *t = lab_newTable(100000); // set-up: measured with the lookups
    for (int64_t i = 0; i < b->N; i++)
        sink += lab_lookup(t, (uint64_t)i % 100000);
}

void
lab_BenchmarkInsert(testing_B *b)
{
    for (int64_t i = 0; i < b->N; i++) {
        lab_table *t = lab_newTable(1000); // set-up: measured with each insert
        lab_insert(t, 1000 + (uint64_t)i);
    }
}
