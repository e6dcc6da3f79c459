// tangled from chapters/01-memory.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The OS half of the four states, on Linux (Go's mem_linux.go).
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
#include "runtime.h"

void *
sysAllocOS(uintptr n)
{
    void *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_ANONYMOUS | MAP_PRIVATE, -1, 0);
    if (p == MAP_FAILED) {
        if (errno == EACCES) {
            print("runtime: mmap: access denied\n");
            _exit(2);
        }
        if (errno == EAGAIN) {
            print("runtime: mmap: too much locked memory (check 'ulimit -l').\n");
            _exit(2);
        }
        return NULL;
    }
    return p;
}

void
sysFreeOS(void *v, uintptr n)
{
    munmap(v, n);
}
void *
sysReserveOS(void *v, uintptr n)
{
    void *p = mmap(v, n, PROT_NONE, MAP_ANONYMOUS | MAP_PRIVATE, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

void
sysMapOS(void *v, uintptr n)
{
    void *p = mmap(v, n, PROT_READ | PROT_WRITE, MAP_ANONYMOUS | MAP_FIXED | MAP_PRIVATE, -1, 0);
    int err = p == MAP_FAILED ? errno : 0;
    if (err == ENOMEM) {
        print("runtime: cannot map %lu bytes at %p: errno %d\n", (unsigned long)n, v, err);
        throw("runtime: out of memory");
    }
    if (p != v || err != 0) {
        print("runtime: mmap(%p, %lu) returned %p, errno %d\n", v, (unsigned long)n, p, err);
        throw("runtime: cannot map pages in arena address space");
    }
}

void
sysFaultOS(void *v, uintptr n)
{
    mmap(v, n, PROT_NONE, MAP_ANONYMOUS | MAP_PRIVATE | MAP_FIXED, -1, 0);
}
void
sysHugePageOS(void *v, uintptr n)
{
    if (physHugePageSize != 0) {
        uintptr beg = alignUp((uintptr)v, physHugePageSize);
        uintptr end = alignDown((uintptr)v + n, physHugePageSize);
        if (beg < end)
            madvise((void *)beg, end - beg, MADV_HUGEPAGE);
    }
}

void
sysNoHugePageOS(void *v, uintptr n)
{
    if (((uintptr)v & (physPageSize - 1)) != 0) {
        print("runtime: v=%p n=%lu\n", v, (unsigned long)n);
        throw("unaligned sysNoHugePageOS");
    }
    madvise(v, n, MADV_NOHUGEPAGE);
}
uint32 adviseUnused = MADV_FREE;

static void
noHugePageEnds(uintptr v, uintptr n)
{
    if (physHugePageSize == 0)
        return;
    uintptr head = 0, tail = 0;
    if ((v & (physHugePageSize - 1)) != 0)
        head = alignDown(v, physHugePageSize);
    if (((v + n) & (physHugePageSize - 1)) != 0)
        tail = alignDown(v + n - 1, physHugePageSize);
    if (head != 0 && head + physHugePageSize == tail) {
        madvise((void *)head, 2 * physHugePageSize, MADV_NOHUGEPAGE);
    } else {
        if (head != 0)
            madvise((void *)head, physHugePageSize, MADV_NOHUGEPAGE);
        if (tail != 0 && tail != head)
            madvise((void *)tail, physHugePageSize, MADV_NOHUGEPAGE);
    }
}

void
sysUnusedOS(void *v, uintptr n)
{
    noHugePageEnds((uintptr)v, n);
    if (((uintptr)v & (physPageSize - 1)) != 0 || (n & (physPageSize - 1)) != 0) {
        print("runtime: v=%p n=%lu\n", v, (unsigned long)n);
        throw("unaligned sysUnused");
    }
    uint32 advise = debug.madvdontneed != 0 ? MADV_DONTNEED : atomic_Load(&adviseUnused);
    if (madvise(v, n, (int)advise) != 0 && advise == MADV_FREE) {
        atomic_Store(&adviseUnused, MADV_DONTNEED);
        madvise(v, n, MADV_DONTNEED);
    }
    if (debug.harddecommit > 0) {
        void *p = mmap(v, n, PROT_NONE, MAP_ANONYMOUS | MAP_FIXED | MAP_PRIVATE, -1, 0);
        if (p != v)
            throw("runtime: cannot disable permissions in address space");
    }
}

void
sysUsedOS(void *v, uintptr n)
{
    if (debug.harddecommit > 0) {
        void *p = mmap(v, n, PROT_READ | PROT_WRITE, MAP_ANONYMOUS | MAP_FIXED | MAP_PRIVATE, -1, 0);
        int err = p == MAP_FAILED ? errno : 0;
        if (err == ENOMEM) {
            print("runtime: cannot remap %lu bytes at %p: errno %d\n", (unsigned long)n, v, err);
            throw("runtime: out of memory");
        }
        if (p != v || err != 0)
            throw("runtime: cannot remap pages in address space");
        return;
    }
    sysHugePageOS(v, n);
}
