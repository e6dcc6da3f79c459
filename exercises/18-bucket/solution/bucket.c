// Exercise 18-bucket: a reference solution.
#include "bucket.h"

void
ex_accumulate(ex_bucket *b, int64_t mutatorTime, int64_t gcTime, uint32_t numgc)
{
    uint64_t headroom = b->capacity - b->fill;
    bool enabled = headroom == 0;
    int64_t change = gcTime - mutatorTime;
    if (change > 0 && headroom <= (uint64_t)change) {
        b->overflow += (uint64_t)change - headroom;
        b->fill = b->capacity;
        if (!enabled) {
            b->enabled = true;
            b->lastEnabledCycle = numgc + 1;
        }
        return;
    }
    if (change < 0 && b->fill <= (uint64_t)(-change))
        b->fill = 0;
    else
        b->fill -= (uint64_t)(-change);
    if (change != 0 && enabled)
        b->enabled = false;
}
