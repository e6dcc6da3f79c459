// Exercise 16-bytecount: GOMEMLIMIT's byte counts, as Go 1.19 reads them
// (string.go:parseByteCount, mgcpacer.go:readGOMEMLIMIT).
#ifndef EX_BYTECOUNT_H
#define EX_BYTECOUNT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

// Reads the len bytes at s as a byte count: decimal digits, optionally
// preceded by '-' (the value must still not be negative), optionally
// followed by B, KiB, MiB, GiB or TiB.  On success stores the count in
// *out and returns true; otherwise returns false and leaves *out alone.
bool ex_parseByteCount(const char *s, size_t len, int64_t *out);

// The limit GOMEMLIMIT's value v sets: INT64_MAX for NULL, "" and "off";
// otherwise the byte count; a malformed value: returns -1 (where Go stops
// the program).
int64_t ex_readGOMEMLIMIT(const char *v);

#endif
