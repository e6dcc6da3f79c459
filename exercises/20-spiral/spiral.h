// Lab 20-spiral: a death spiral, and the GC CPU limiter bounding it (chapters 16, 18 and 20).
#ifndef LAB_SPIRAL_H
#define LAB_SPIRAL_H

#define lab_limitMiB 32 // the test runs lab_spiral with GOMEMLIMIT=32MiB

// Keep more live heap than the limit allows, allocate, and go on long enough for the
// limiter to turn on and for the collector's share of the CPU to come down; then return.
void lab_spiral(void);

#endif
