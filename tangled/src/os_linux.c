// tangled from chapters/01-memory.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// What the runtime learns from Linux at start-up (Go's os_linux.go).
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "runtime.h"

uintptr physPageSize;
uintptr physHugePageSize;
int32 ncpu;

static int32
getproccount(void)
{
    enum { maxCPUs = 64 * 1024 };
    uint8 buf[maxCPUs / 8];
    long r = syscall(SYS_sched_getaffinity, 0, sizeof buf, buf);
    if (r < 0)
        return 1;
    int32 n = 0;
    for (long i = 0; i < r && i < (long)sizeof buf; i++)
        n += __builtin_popcount(buf[i]);
    return n > 0 ? n : 1;
}
static uintptr
getHugePageSize(void)
{
    char buf[32];
    int fd = open("/sys/kernel/mm/transparent_hugepage/hpage_pmd_size", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return 0;
    uintptr v = 0;
    for (ssize_t i = 0; i < n && buf[i] >= '0' && buf[i] <= '9'; i++)
        v = v * 10 + (uintptr)(buf[i] - '0');
    return (v & (v - 1)) == 0 ? v : 0;
}

void
osinit(void)
{
    ncpu = getproccount();
    physHugePageSize = getHugePageSize();
    physPageSize = (uintptr)getauxval(AT_PAGESZ);
    if (physPageSize == 0 || (physPageSize & (physPageSize - 1)) != 0) {
        print("runtime: physical page size=%lu\n", (unsigned long)physPageSize);
        throw("failed to get system page size");
    }
}
