// Lab 24-append: a slice grown one element at a time (chapter 24).
#ifndef LAB_APPEND_H
#define LAB_APPEND_H
#include <stddef.h>
#include <stdint.h>

// The first n values of the sequence x(0) = 1, x(i+1) = x(i) * 6364136223846793005 +
// 1442695040888963407, in an array on the garbage-collected heap of at least n
// elements (the first n are the values).
uint64_t *lab_collect(size_t n);

#endif
