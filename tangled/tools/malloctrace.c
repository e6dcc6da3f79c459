// tangled from chapters/02-sizeclasses.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// LD_PRELOAD=malloctrace.so MALLOCTRACE=FILE prog: histogram of the program's malloc sizes.
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);

enum {
    maxTraced = 32 << 10, // Go's maxSmallSize: larger requests are large objects
    goPageSize = 8 << 10, // Go's runtime page, the unit of a large object
};
static uint64_t counts[maxTraced + 1]; // [n]: requests of n bytes
static uint64_t largeCount;     // requests over maxTraced
static uint64_t largeBytes;     // the bytes they asked for
static uint64_t largePageBytes; // the same, each rounded up to whole pages

static void
record(size_t n)
{
    if (n <= maxTraced) {
        __atomic_add_fetch(&counts[n], 1, __ATOMIC_RELAXED);
        return;
    }
    __atomic_add_fetch(&largeCount, 1, __ATOMIC_RELAXED);
    __atomic_add_fetch(&largeBytes, n, __ATOMIC_RELAXED);
    uint64_t pages = (n + goPageSize - 1) / goPageSize;
    __atomic_add_fetch(&largePageBytes, pages * goPageSize, __ATOMIC_RELAXED);
}

void *
malloc(size_t n)
{
    void *p = __libc_malloc(n);
    if (p != NULL)
        record(n);
    return p;
}

void *
calloc(size_t a, size_t b)
{
    void *p = __libc_calloc(a, b);
    if (p != NULL)
        record(a * b); // the C library checked that the product does not overflow
    return p;
}

void *
realloc(void *old, size_t n)
{
    void *p = __libc_realloc(old, n);
    if (p != NULL)
        record(n);
    return p;
}

__attribute__((destructor)) static void
dump(void)
{
    const char *path = getenv("MALLOCTRACE");
    FILE *f = path ? fopen(path, "w") : NULL;
    if (f == NULL)
        return;
    for (size_t n = 1; n <= maxTraced; n++)
        if (counts[n] != 0)
            fprintf(f, "%zu %llu\n", n, (unsigned long long)counts[n]);
    fprintf(f, "large %llu %llu %llu\n", (unsigned long long)largeCount, (unsigned long long)largeBytes,
            (unsigned long long)largePageBytes);
    fclose(f);
}
