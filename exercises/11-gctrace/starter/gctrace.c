// Exercise 11-gctrace: your implementation.  See statement.tex.
#include "gctrace.h"

char *
ex_itoaDiv(char *buf, size_t len, uint64_t val, int dec)
{
    (void)val, (void)dec;
    buf[len - 1] = '\0';
    return buf + len - 1; // TODO: the digits, and the point
}

char *
ex_fmtNSAsMS(char *buf, size_t len, uint64_t ns)
{
    (void)ns;
    buf[len - 1] = '\0';
    return buf + len - 1; // TODO
}

int32_t
ex_readGOGC(const char *value)
{
    (void)value;
    return 0; // TODO: "off", then atoi32's rules
}

uint64_t
ex_heapGoal(uint64_t marked, int32_t gcpercent)
{
    (void)marked, (void)gcpercent;
    return 0; // TODO
}
