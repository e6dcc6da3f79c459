// Lab 28-reuse: the encoder to fix.  Each value is formatted into a fresh buffer, and each
// byte is appended to an array one byte longer than the last, as `out = append(out, c)`
// would do if Go grew a slice by one.
#include <stdio.h>
#include <string.h>
#include "gomm.h"
#include "reuse.h"

enum { bufSize = 64 };

// append(s, c), if it grew s by one byte: a new array each time, the old one copied.
// (Not inlined, and len in memory: so that the compiler keeps the buffer's own address
// while appendRecord reads it, not an address computed from len, which a conservative
// collector could not recognise.)
__attribute__((noinline)) static uint8_t *
appendByte(uint8_t *s, size_t *len, uint8_t c)
{
    uint8_t *grown = runtime_mallocgc(*len + 1, NULL, 0);
    if (*len > 0)
        memcpy(grown, s, *len);
    grown[(*len)++] = c;
    return grown;
}

static uint8_t *
appendRecord(uint8_t *s, size_t *len, const char *record, int k)
{
    for (int j = 0; j < k; j++)
        s = appendByte(s, len, (uint8_t)record[j]);
    return s;
}

static uint64_t
checksum(const uint8_t *p, size_t len)
{
    uint64_t h = 14695981039346656037ull;
    for (size_t i = 0; i < len; i++)
        h = (h ^ p[i]) * 1099511628211ull;
    return h;
}

uint64_t
lab_encode(const uint64_t *values, size_t n)
{
    uint8_t *out = NULL;
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        char *buf = runtime_mallocgc(bufSize, NULL, 1); // a fresh buffer per value
        int k = snprintf(buf, bufSize, "%016llx", (unsigned long long)values[i]);
        out = appendRecord(out, &len, buf, k);
    }
    return checksum(out, len);
}
