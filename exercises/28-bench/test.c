// Lab 28-bench: graded tests.  Each test's name starts with its points.
#include <stdint.h>
#include <stdio.h>
#include "grade.h"
#include "bench.h"

// The code under measurement: a chained hash table of 32-byte entries.
typedef struct entry {
    struct entry *next;
    uint64_t key, value, pad;
} entry;
GOMM_TYPE(entryType, entry, offsetof(entry, next));
typedef struct bucket { entry *head; } bucket;
GOMM_TYPE(bucketType, bucket, offsetof(bucket, head));
struct lab_table {
    bucket *buckets; // 1024 of them
    uint64_t n;
};
GOMM_TYPE(tableType, struct lab_table, offsetof(struct lab_table, buckets));
enum { nbuckets = 1024 };
static int64_t lookups, inserts; // calls, so that a benchmark that skips its work is caught

lab_table *
lab_newTable(int n)
{
    lab_table *t = runtime_new(&tableType);
    GOMM_STORE(t->buckets, (bucket *)runtime_makeslice(&bucketType, nbuckets, nbuckets));
    for (int i = 0; i < n; i++) {
        entry *e = runtime_new(&entryType);
        e->key = (uint64_t)i, e->value = (uint64_t)i * 3;
        GOMM_STORE(e->next, t->buckets[i % nbuckets].head);
        GOMM_STORE(t->buckets[i % nbuckets].head, e);
    }
    t->n = (uint64_t)n;
    return t;
}

uint64_t
lab_lookup(lab_table *t, uint64_t key)
{
    lookups++;
    for (entry *e = t->buckets[key % nbuckets].head; e != NULL; e = e->next)
        if (e->key == key)
            return e->value;
    return 0;
}

void
lab_insert(lab_table *t, uint64_t key)
{
    inserts++;
    entry *e = runtime_new(&entryType);
    e->key = key, e->value = key * 3;
    GOMM_STORE(e->next, t->buckets[key % nbuckets].head);
    GOMM_STORE(t->buckets[key % nbuckets].head, e);
    t->n++;
}

static void
test_lookup(void)
{
    runtime_ThreadAttach();
    testing_SetFlag("test.benchtime", "20000x");
    lookups = 0;
    testing_BenchmarkResult r = testing_Benchmark(lab_BenchmarkLookup, NULL);
    CU_ASSERT(r.N == 20000 && lookups == 20001 && r.MemAllocs == 0 && r.MemBytes == 0);
    printf("\n  N=%lld, %lld lookups; measured: %llu allocations, %llu bytes ", (long long)r.N, (long long)lookups,
           (unsigned long long)r.MemAllocs, (unsigned long long)r.MemBytes);
}

static void
test_insert(void)
{
    runtime_ThreadAttach();
    testing_SetFlag("test.benchtime", "200x");
    inserts = 0;
    testing_BenchmarkResult r = testing_Benchmark(lab_BenchmarkInsert, NULL);
    CU_ASSERT(r.N == 200 && inserts == 201 && r.MemAllocs == 200 && r.MemBytes == 200 * sizeof(entry));
    printf("\n  N=%lld, %lld inserts; measured: %llu allocations, %llu bytes ", (long long)r.N, (long long)inserts,
           (unsigned long long)r.MemAllocs, (unsigned long long)r.MemBytes);
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("28-bench", NULL, NULL);
    CU_add_test(s, "[5] BenchmarkLookup measures the lookups alone: no allocation counted", test_lookup);
    CU_add_test(s, "[5] BenchmarkInsert measures the inserts alone: one 32-byte entry per op", test_insert);
}
