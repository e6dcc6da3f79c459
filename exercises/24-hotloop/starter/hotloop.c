// Lab 24-hotloop: the program to fix.  Find where it allocates with the heap profile.
#include "gomm.h"
#include "hotloop.h"

static uint64_t
fnv1a(const uint8_t *p, size_t n)
{
    uint64_t h = 14695981039346656037ull;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 1099511628211ull;
    }
    return h;
}

uint64_t
lab_checksum(const uint8_t *records, size_t n)
{
    uint64_t sum = 0;
    for (size_t r = 0; r < n; r++) {
        const uint8_t *rec = records + r * lab_recordSize;
        uint8_t *reversed = runtime_mallocgc(lab_recordSize, NULL, 0);
        for (size_t i = 0; i < lab_recordSize; i++)
            reversed[i] = rec[lab_recordSize - 1 - i];
        sum += fnv1a(reversed, lab_recordSize);
    }
    return sum;
}
