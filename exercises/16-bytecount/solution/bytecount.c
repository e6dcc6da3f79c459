// Exercise 16-bytecount: a reference solution.
#include <string.h>
#include "bytecount.h"

// Go's atoi64: an optional '-', then digits, no overflow.
static bool
atoi64(const char *s, size_t len, int64_t *out)
{
    if (len == 0)
        return false;
    bool neg = s[0] == '-';
    if (neg)
        s++, len--;
    uint64_t un = 0, max = (uint64_t)INT64_MAX + neg;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        uint64_t d = (uint64_t)(s[i] - '0');
        if (un > (max - d) / 10)
            return false;
        un = un * 10 + d;
    }
    *out = neg ? (int64_t)(0 - un) : (int64_t)un;
    return true;
}

bool
ex_parseByteCount(const char *s, size_t len, int64_t *out)
{
    if (len == 0)
        return false;
    int64_t n;
    char last = s[len - 1];
    if (last >= '0' && last <= '9') {
        if (!atoi64(s, len, &n) || n < 0)
            return false;
        *out = n;
        return true;
    }
    if (last != 'B' || len < 2)
        return false;
    char c = s[len - 2];
    if (c >= '0' && c <= '9') {
        if (!atoi64(s, len - 1, &n) || n < 0)
            return false;
        *out = n;
        return true;
    }
    if (c != 'i' || len < 4)
        return false;
    const char *units = "KMGT", *u = memchr(units, s[len - 3], 4);
    if (u == NULL)
        return false;
    uint64_t m = 1;
    for (int i = 0; i <= u - units; i++)
        m *= 1024;
    if (!atoi64(s, len - 3, &n) || n < 0 || (uint64_t)n > UINT64_MAX / m || (uint64_t)n * m > (uint64_t)INT64_MAX)
        return false;
    *out = (int64_t)((uint64_t)n * m);
    return true;
}

int64_t
ex_readGOMEMLIMIT(const char *v)
{
    if (v == NULL || *v == '\0' || strcmp(v, "off") == 0)
        return INT64_MAX;
    int64_t n;
    return ex_parseByteCount(v, strlen(v), &n) ? n : -1;
}
