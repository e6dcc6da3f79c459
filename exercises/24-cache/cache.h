// Lab 24-cache: a cache that never evicts (chapter 24).
#ifndef LAB_CACHE_H
#define LAB_CACHE_H
#include <stdint.h>

// The expensive function the cache saves calls to (the test defines it, and counts calls).
uint64_t lab_compute(uint64_t item);

// The price of an item: lab_compute(item), from a cache when it can.
uint64_t lab_price(uint64_t item);

#endif
