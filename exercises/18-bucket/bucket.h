// Exercise 18-bucket: the GC CPU limiter's leaky bucket (Go 1.19's mgclimit.go: accumulate).
#ifndef EX_BUCKET_H
#define EX_BUCKET_H
#include <stdbool.h>
#include <stdint.h>

typedef struct ex_bucket {
    uint64_t fill, capacity; // CPU-ns, fill <= capacity
    uint64_t overflow;       // CPU-ns that arrived at a full bucket
    bool enabled;            // the limiter is on
    uint32_t lastEnabledCycle; // set to numgc + 1 when the limiter turns on
} ex_bucket;

// Account for a window in which the program used mutatorTime and the collector
// gcTime (CPU-ns; either may be zero); numgc is the number of cycles finished.
void ex_accumulate(ex_bucket *b, int64_t mutatorTime, int64_t gcTime, uint32_t numgc);

#endif
