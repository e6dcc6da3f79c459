// Exercise 11-gctrace: the numbers of the gctrace line, and GOGC (Go 1.19's mgc.go, mgcpacer.go).
#ifndef EX_GCTRACE_H
#define EX_GCTRACE_H
#include <stddef.h>
#include <stdint.h>

// Writes val / 10^dec with exactly dec decimals at the end of buf, as
// Go's itoaDiv does: the string ends at buf[len-2], its NUL is buf[len-1].
// Returns a pointer to its first character.  len is large enough (24).
char *ex_itoaDiv(char *buf, size_t len, uint64_t val, int dec);

// ns nanoseconds as milliseconds, as Go's fmtNSAsMS formats them: whole
// milliseconds from 10 ms on, else two significant digits with at most
// three decimals ("0" under a microsecond).  Returns a pointer into buf to
// the NUL-terminated string.  len is large enough (24).
char *ex_fmtNSAsMS(char *buf, size_t len, uint64_t ns);

// The GOGC percentage for the value of the environment variable (NULL: not
// set), as Go's readGOGC computes it: "off" is -1, a number that Go's
// atoi32 accepts is that number, anything else is 100.
int32_t ex_readGOGC(const char *value);

// The heap goal after a cycle that marked `marked` bytes, with GOGC =
// gcpercent: marked + marked * gcpercent / 100 in 64-bit unsigned
// arithmetic, and at least the heap minimum, 4 MiB * gcpercent / 100;
// UINT64_MAX if gcpercent < 0 (the collector is off).
uint64_t ex_heapGoal(uint64_t marked, int32_t gcpercent);

#endif
