// Exercise 11-gctrace: reference solution.
#include <stdbool.h>
#include <string.h>
#include "gctrace.h"

char *
ex_itoaDiv(char *buf, size_t len, uint64_t val, int dec)
{
    // Go's loop, with i an index: the last digit goes to buf[len-2].
    ptrdiff_t i = (ptrdiff_t)len - 2, idec = i - dec;
    buf[len - 1] = '\0';
    while (val >= 10 || i >= idec) {
        buf[i--] = (char)('0' + val % 10);
        if (i == idec)
            buf[i--] = '.';
        val /= 10;
    }
    buf[i] = (char)('0' + val);
    return buf + i;
}

char *
ex_fmtNSAsMS(char *buf, size_t len, uint64_t ns)
{
    if (ns >= 10000000)
        return ex_itoaDiv(buf, len, ns / 1000000, 0); // whole milliseconds
    uint64_t x = ns / 1000;                            // microseconds
    if (x == 0) {
        buf[0] = '0';
        buf[1] = '\0';
        return buf;
    }
    int dec = 3;
    while (x >= 100) { // keep two significant digits
        x /= 10;
        dec--;
    }
    return ex_itoaDiv(buf, len, x, dec);
}

// Go's string.go:atoi64: an optional '-', then decimal digits only.
static bool
atoi64(const char *s, int64_t *out)
{
    if (*s == '\0')
        return false;
    bool neg = false;
    if (*s == '-') {
        neg = true;
        s++;
    }
    uint64_t un = 0;
    for (; *s != '\0'; s++) {
        if (*s < '0' || *s > '9')
            return false;
        if (un > UINT64_MAX / 10)
            return false;
        un *= 10;
        uint64_t un1 = un + (uint64_t)(*s - '0');
        if (un1 < un)
            return false;
        un = un1;
    }
    if (!neg && un > (uint64_t)INT64_MAX)
        return false;
    if (neg && un > (uint64_t)INT64_MAX + 1)
        return false;
    *out = neg ? (int64_t)(0 - un) : (int64_t)un;
    return true;
}

int32_t
ex_readGOGC(const char *value)
{
    if (value == NULL)
        value = ""; // gogetenv returns "" for an unset variable
    if (strcmp(value, "off") == 0)
        return -1;
    int64_t n;
    if (atoi64(value, &n) && n == (int32_t)n)
        return (int32_t)n;
    return 100;
}

uint64_t
ex_heapGoal(uint64_t marked, int32_t gcpercent)
{
    if (gcpercent < 0)
        return UINT64_MAX;
    uint64_t goal = marked + marked * (uint64_t)gcpercent / 100;
    uint64_t minimum = (uint64_t)(4 << 20) * (uint64_t)gcpercent / 100;
    return goal < minimum ? minimum : goal;
}
