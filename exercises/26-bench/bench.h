// Lab 26-bench: a loop whose temporaries need not be on the heap (chapter 26).
#ifndef LAB_BENCH_H
#define LAB_BENCH_H
#include <stdint.h>

// The sum over i < n of the squared length of the vector (i, 2i, 3i) scaled by the weights w.
uint64_t lab_run(int n, const uint64_t w[3]);

#endif
