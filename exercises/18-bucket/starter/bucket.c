// Exercise 18-bucket: your implementation.  See statement.tex.
#include "bucket.h"

void
ex_accumulate(ex_bucket *b, int64_t mutatorTime, int64_t gcTime, uint32_t numgc)
{
    (void)b, (void)mutatorTime, (void)gcTime, (void)numgc; // TODO: fill, drain, overflow, on and off
}
