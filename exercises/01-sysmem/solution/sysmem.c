// Exercise 01-sysmem: reference solution.
#define _GNU_SOURCE
#include <sys/mman.h>
#include <unistd.h>
#include "sysmem.h"

void *
ex_reserve(uintptr_t n)
{
    void *p = mmap(NULL, n, PROT_NONE, MAP_ANONYMOUS | MAP_PRIVATE, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

void
ex_map(ex_accounts *a, void *v, uintptr_t n)
{
    if (mmap(v, n, PROT_READ | PROT_WRITE, MAP_ANONYMOUS | MAP_PRIVATE | MAP_FIXED, -1, 0) == v)
        a->stat += n;
}

void
ex_used(ex_accounts *a, void *v, uintptr_t n)
{
    (void)v; // on Linux, Prepared and Ready are the same mapping
    a->ready += n;
}

int
ex_unused(ex_accounts *a, void *v, uintptr_t n)
{
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    if (((uintptr_t)v & (page - 1)) != 0 || (n & (page - 1)) != 0)
        return -1;
    madvise(v, n, MADV_DONTNEED);
    a->ready -= n;
    return 0;
}

void
ex_free(ex_accounts *a, void *v, uintptr_t n)
{
    munmap(v, n);
    a->stat -= n;
    a->ready -= n;
}
