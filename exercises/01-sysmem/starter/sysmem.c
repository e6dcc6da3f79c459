// Exercise 01-sysmem: your implementation.  See statement.tex.
#define _GNU_SOURCE
#include <sys/mman.h>
#include <unistd.h>
#include "sysmem.h"

void *
ex_reserve(uintptr_t n)
{
    (void)n;
    return NULL; // TODO: a PROT_NONE, private, anonymous mapping
}

void
ex_map(ex_accounts *a, void *v, uintptr_t n)
{
    (void)a, (void)v, (void)n; // TODO: read-write, in place (MAP_FIXED); account
}

void
ex_used(ex_accounts *a, void *v, uintptr_t n)
{
    (void)a, (void)v, (void)n; // TODO: account
}

int
ex_unused(ex_accounts *a, void *v, uintptr_t n)
{
    (void)a, (void)v, (void)n; // TODO: check alignment; MADV_DONTNEED; account
    return 0;
}

void
ex_free(ex_accounts *a, void *v, uintptr_t n)
{
    (void)a, (void)v, (void)n; // TODO: unmap; account
}
