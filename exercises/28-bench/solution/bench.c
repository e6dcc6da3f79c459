// Lab 28-bench: a solution.  Set-up is kept out of the measurement.
#include "bench.h"

static uint64_t sink;

void
lab_BenchmarkLookup(testing_B *b)
{
    lab_table *t = lab_newTable(100000);
    testing_B_ResetTimer(b); // the table's allocations and time are forgotten
    for (int64_t i = 0; i < b->N; i++)
        sink += lab_lookup(t, (uint64_t)i % 100000);
}

void
lab_BenchmarkInsert(testing_B *b)
{
    for (int64_t i = 0; i < b->N; i++) {
        testing_B_StopTimer(b); // a fresh table per insert, not measured
        lab_table *t = lab_newTable(1000);
        testing_B_StartTimer(b);
        lab_insert(t, 1000 + (uint64_t)i);
    }
}
