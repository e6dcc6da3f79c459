// Lab 24-append: a reference solution.  The array doubles when full, as Go's append
// grows a small slice: n appends cost O(n) copies and O(log n) allocations.  (Knowing n,
// one allocation of n elements would do, as make([]uint64, 0, n) does in Go.)
#include <string.h>
#include "gomm.h"
#include "append.h"

uint64_t *
lab_collect(size_t n)
{
    uint64_t *values = NULL;
    size_t cap = 0;
    uint64_t x = 1;
    for (size_t len = 0; len < n; len++) {
        if (len == cap) {
            size_t ncap = cap == 0 ? 4 : 2 * cap;
            uint64_t *grown = runtime_mallocgc(ncap * sizeof(uint64_t), NULL, 0);
            if (len > 0)
                memcpy(grown, values, len * sizeof(uint64_t));
            values = grown;
            cap = ncap;
        }
        values[len] = x;
        x = x * 6364136223846793005ull + 1442695040888963407ull;
    }
    return values;
}
