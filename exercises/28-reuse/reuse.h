// Lab 28-reuse: a buffer per value, and an output grown by one byte (chapter 28).
#ifndef LAB_REUSE_H
#define LAB_REUSE_H
#include <stddef.h>
#include <stdint.h>

// The values as text: each value's record, its 16 lowercase hexadecimal digits (printf's
// "%016llx", no terminating NUL), is formatted into a buffer, then appended to an output
// array of bytes on the garbage-collected heap.  Returns the 64-bit FNV-1a hash of the
// whole output, n * 16 bytes: h = 14695981039346656037, then for each byte c,
// h = (h ^ c) * 1099511628211, modulo 2^64.
uint64_t lab_encode(const uint64_t *values, size_t n);

#endif
