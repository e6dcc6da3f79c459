// Lab 24-layout: a pointer-heavy layout that makes marking slow (chapter 24).
#ifndef LAB_LAYOUT_H
#define LAB_LAYOUT_H
#include <stddef.h>
#include <stdint.h>

// Builds a table of n items on the collected heap: item i is named "item-<i>" and has the
// value i * 7 + 3.  The table stays live until lab_total returns.
void lab_build(size_t n);

// The sum of the values of the items whose name ends in '7'.
uint64_t lab_total(void);

#endif
