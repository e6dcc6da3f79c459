// Exercise 14-restart: reference solution.
#include <sched.h>
#include <stdlib.h>
#include "restart.h"

static struct {
    uintptr_t *start; // the table's pairs
    size_t npairs;
} modules[ex_maxModules];
static uint32_t nmodules;   // entries published: read without the lock
static uint32_t modulesLock; // a spin lock: registration may come before anything is set up

static int
byFirst(const void *a, const void *b)
{
    uintptr_t x = *(const uintptr_t *)a, y = *(const uintptr_t *)b;
    return (x > y) - (x < y);
}

bool
ex_registerSites(uintptr_t *start, uintptr_t *stop)
{
    if (start == NULL || stop == NULL || stop - start < 2)
        return false;
    while (__atomic_exchange_n(&modulesLock, 1, __ATOMIC_ACQUIRE) != 0)
        sched_yield();
    uint32_t n = __atomic_load_n(&nmodules, __ATOMIC_RELAXED);
    bool ok = n < ex_maxModules;
    for (uint32_t i = 0; i < n && ok; i++)
        ok = modules[i].start != start;
    if (ok) {
        size_t npairs = (size_t)(stop - start) / 2;
        qsort(start, npairs, 2 * sizeof *start, byFirst); // before anyone can see it
        modules[n].start = start;
        modules[n].npairs = npairs;
        __atomic_store_n(&nmodules, n + 1, __ATOMIC_RELEASE); // the entry is complete: publish it
    }
    __atomic_store_n(&modulesLock, 0, __ATOMIC_RELEASE);
    return ok;
}

size_t
ex_modules(void)
{
    return __atomic_load_n(&nmodules, __ATOMIC_ACQUIRE);
}

uintptr_t
ex_restartPC(uintptr_t pc)
{
    uint32_t n = __atomic_load_n(&nmodules, __ATOMIC_ACQUIRE);
    for (uint32_t m = 0; m < n; m++) {
        const uintptr_t *t = modules[m].start;
        size_t lo = 0, hi = modules[m].npairs;
        while (lo < hi) { // the first site whose first address is pc or above
            size_t mid = lo + (hi - lo) / 2;
            if (ex_load(&t[2 * mid]) < pc)
                lo = mid + 1;
            else
                hi = mid;
        }
        // Only the site just before it can hold pc strictly inside.
        if (lo > 0 && pc < ex_load(&t[2 * lo - 1]))
            return ex_load(&t[2 * lo - 2]);
    }
    return pc;
}

void
ex_forgetSites(void)
{
    __atomic_store_n(&nmodules, 0, __ATOMIC_RELEASE);
}
