// tangled from chapters/05-pagealloc.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Offset addresses and sorted sets of address ranges (Go's mranges.go).
#include <string.h>
#include "runtime.h"

addrRange
makeAddrRange(uintptr base, uintptr limit)
{
    if ((base - arenaBaseOffset >= base) != (limit - arenaBaseOffset >= limit)) {
        print("runtime: base=0x%lx limit=0x%lx\n", (unsigned long)base, (unsigned long)limit);
        throw("addr range base and limit are not in the same memory segment");
    }
    return (addrRange){{base}, {limit}};
}

addrRange
addrRange_subtract(addrRange a, addrRange b)
{
    if (offAddr_lessEqual(b.base, a.base) && offAddr_lessEqual(a.limit, b.limit))
        return (addrRange){{0}, {0}};
    if (offAddr_lessThan(a.base, b.base) && offAddr_lessThan(b.limit, a.limit)) {
        print("runtime: a=[0x%lx, 0x%lx) b=[0x%lx, 0x%lx)\n", (unsigned long)a.base.a,
              (unsigned long)a.limit.a, (unsigned long)b.base.a, (unsigned long)b.limit.a);
        throw("bad prune");
    }
    if (offAddr_lessThan(b.limit, a.limit) && offAddr_lessThan(a.base, b.limit))
        a.base = b.limit;
    else if (offAddr_lessThan(a.base, b.base) && offAddr_lessThan(b.base, a.limit))
        a.limit = b.base;
    return a;
}
void
addrRanges_init(addrRanges *a, sysMemStat *sysStat)
{
    a->len = 0;
    a->cap = 16;
    a->ranges = persistentalloc(sizeof(addrRange) * (uintptr)a->cap, ptrSize, sysStat);
    a->sysStat = sysStat;
    a->totalBytes = 0;
}
int
addrRanges_findSucc(addrRanges *a, uintptr addr)
{
    enum { iterMax = 8 };
    offAddr base = {addr};
    int bot = 0, top = a->len;
    while (top - bot > iterMax) {
        int i = bot + (top - bot) / 2;
        if (addrRange_contains(a->ranges[i], addr))
            return i + 1;
        if (offAddr_lessThan(base, a->ranges[i].base))
            top = i;     // i may be the successor; look below it first
        else
            bot = i + 1; // the whole of range i lies below addr
    }
    for (int i = bot; i < top; i++)
        if (offAddr_lessThan(base, a->ranges[i].base))
            return i;
    return top;
}

bool
addrRanges_findAddrGreaterEqual(addrRanges *a, uintptr addr, uintptr *found)
{
    int i = addrRanges_findSucc(a, addr);
    if (a->len == 0)
        return false;
    if (i == 0) {
        *found = a->ranges[0].base.a;
        return true;
    }
    if (addrRange_contains(a->ranges[i - 1], addr)) {
        *found = addr;
        return true;
    }
    if (i < a->len) {
        *found = a->ranges[i].base.a;
        return true;
    }
    return false;
}

bool
addrRanges_contains(addrRanges *a, uintptr addr)
{
    int i = addrRanges_findSucc(a, addr);
    return i > 0 && addrRange_contains(a->ranges[i - 1], addr);
}
void
addrRanges_add(addrRanges *a, addrRange r)
{
    if (addrRange_size(r) == 0) {
        print("runtime: range = {0x%lx, 0x%lx}\n", (unsigned long)r.base.a,
              (unsigned long)r.limit.a);
        throw("attempted to add zero-sized address range");
    }
    int i = addrRanges_findSucc(a, r.base.a);
    bool coalescesDown = i > 0 && offAddr_equal(a->ranges[i - 1].limit, r.base);
    bool coalescesUp = i < a->len && offAddr_equal(r.limit, a->ranges[i].base);
    if (coalescesDown && coalescesUp) {
        a->ranges[i - 1].limit = a->ranges[i].limit;
        memmove(&a->ranges[i], &a->ranges[i + 1],
                sizeof(addrRange) * (uintptr)(a->len - i - 1));
        a->len--;
    } else if (coalescesDown) {
        a->ranges[i - 1].limit = r.limit;
    } else if (coalescesUp) {
        a->ranges[i].base = r.base;
    } else {
        if (a->len == a->cap) {
            addrRange *old = a->ranges;
            a->cap *= 2;
            a->ranges = persistentalloc(sizeof(addrRange) * (uintptr)a->cap, ptrSize, a->sysStat);
            memcpy(a->ranges, old, sizeof(addrRange) * (uintptr)i);
            memcpy(&a->ranges[i + 1], &old[i], sizeof(addrRange) * (uintptr)(a->len - i));
        } else {
            memmove(&a->ranges[i + 1], &a->ranges[i], sizeof(addrRange) * (uintptr)(a->len - i));
        }
        a->len++;
        a->ranges[i] = r;
    }
    a->totalBytes += addrRange_size(r);
}
