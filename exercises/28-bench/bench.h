// Lab 28-bench: two benchmarks to write with the harness of chapter 28.
#ifndef LAB_BENCH_H
#define LAB_BENCH_H
#include <stdint.h>
#include "gomm.h"

// The code to measure (given, in test.c): a hash table of n keys, its lookup and its insert.
typedef struct lab_table lab_table;
lab_table *lab_newTable(int n);                 // allocates the table and n entries
uint64_t lab_lookup(lab_table *t, uint64_t key); // allocates nothing
void lab_insert(lab_table *t, uint64_t key);     // allocates one 32-byte entry

// Your benchmarks: each measures only its operation, b->N times.
void lab_BenchmarkLookup(testing_B *b); // lab_lookup, in a table of 100000 keys
void lab_BenchmarkInsert(testing_B *b); // lab_insert, each time into a fresh table of 1000 keys
#endif
