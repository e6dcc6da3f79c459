// tangled from chapters/02-sizeclasses.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// LD_PRELOAD=malloctrace.so MALLOCTRACE=FILE prog: histogram of the program's malloc sizes.
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);

enum { maxTraced = 32768 };
static uint64_t counts[maxTraced + 2]; // [n] requests of n bytes; [maxTraced+1] larger ones

static void
record(size_t n)
{
    __atomic_add_fetch(&counts[n <= maxTraced ? n : maxTraced + 1], 1, __ATOMIC_RELAXED);
}

void *
malloc(size_t n)
{
    record(n);
    return __libc_malloc(n);
}

void *
calloc(size_t a, size_t b)
{
    record(a * b);
    return __libc_calloc(a, b);
}

void *
realloc(void *p, size_t n)
{
    record(n);
    return __libc_realloc(p, n);
}

__attribute__((destructor)) static void
dump(void)
{
    const char *path = getenv("MALLOCTRACE");
    FILE *f = path ? fopen(path, "w") : NULL;
    if (f == NULL)
        return;
    for (size_t n = 1; n <= maxTraced + 1; n++)
        if (counts[n] != 0)
            fprintf(f, "%zu %llu\n", n, (unsigned long long)counts[n]);
    fclose(f);
}
