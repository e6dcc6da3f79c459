// tangled from chapters/08-malloc.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The public allocation calls (Go's malloc.go:newobject and slice.go:makeslice).
#include <unistd.h>
#include "runtime.h"

void *
runtime_new(runtime_Type *t)
{
    return mallocgc(t->size, t, true);
}

void *
runtime_mallocgc(size_t size, runtime_Type *t, int needzero)
{
    if (t != NULL && (t->size == 0 ? size != 0 : size % t->size != 0)) {
        print("runtime: size=%lu type %s of size %lu\n", (unsigned long)size, t->name,
              (unsigned long)t->size);
        throw("runtime_mallocgc: size is not a multiple of the type's size");
    }
    return mallocgc(size, t, needzero != 0 || (t != NULL && t->nptrs != 0));
}

static _Noreturn void
panicmakeslicelen(void)
{
    print("panic: runtime error: makeslice: len out of range\n");
    _exit(2);
}

static _Noreturn void
panicmakeslicecap(void)
{
    print("panic: runtime error: makeslice: cap out of range\n");
    _exit(2);
}

void *
runtime_makeslice(runtime_Type *et, intptr_t len, intptr_t cap)
{
    uintptr mem;
    bool overflow = __builtin_mul_overflow((uintptr)cap, (uintptr)et->size, &mem);
    if (overflow || mem > maxAlloc || len < 0 || len > cap) {
        uintptr lmem;
        bool loverflow = __builtin_mul_overflow((uintptr)len, (uintptr)et->size, &lmem);
        if (loverflow || lmem > maxAlloc || len < 0)
            panicmakeslicelen();
        panicmakeslicecap();
    }
    return mallocgc(mem, et, true);
}

void *
runtime_newarray(runtime_Type *t, intptr_t n)
{
    if (n == 1)
        return mallocgc(t->size, t, true);
    uintptr mem;
    if (n < 0 || __builtin_mul_overflow(t->size, (uintptr)n, &mem) || mem > maxAlloc) {
        print("panic: runtime: allocation size out of range\n");
        _exit(2);
    }
    return mallocgc(mem, t, true);
}

void
runtime_typedmemmove(runtime_Type *t, void *dst, const void *src)
{
    if (getm()->p == NULL)
        acquirep(); // the barrier needs the thread's P, as an allocation does
    typedmemmove(t, dst, src);
}

void
runtime_typedmemclr(runtime_Type *t, void *p)
{
    if (getm()->p == NULL)
        acquirep();
    typedmemclr(t, p);
}
