// Lab 24-append: the program to fix.  Each value is appended to an array one element
// larger than the last, as `s = append(s, x)` would be if Go grew a slice by one.
#include <string.h>
#include "gomm.h"
#include "append.h"

uint64_t *
lab_collect(size_t n)
{
    uint64_t *values = NULL;
    uint64_t x = 1;
    for (size_t len = 0; len < n; len++) {
        uint64_t *grown = runtime_mallocgc((len + 1) * sizeof(uint64_t), NULL, 0);
        if (len > 0)
            memcpy(grown, values, len * sizeof(uint64_t));
        grown[len] = x;
        values = grown;
        x = x * 6364136223846793005ull + 1442695040888963407ull;
    }
    return values;
}
