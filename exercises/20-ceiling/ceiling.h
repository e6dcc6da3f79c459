// Lab 20-ceiling: meet a memory ceiling with the fewest cycles (chapters 16 and 20).
#ifndef LAB_CEILING_H
#define LAB_CEILING_H
#include <stdint.h>

#define lab_ceiling ((uint64_t)64 << 20) // mapped memory must never exceed this at the end of a mark

// Choose GOGC (-1: off) and the memory limit (INT64_MAX: none) for test.c's workload.
void lab_settings(int *gogc, int64_t *memoryLimit);

#endif
