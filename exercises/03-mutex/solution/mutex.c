// Exercise 03-mutex: reference solution.
#define _GNU_SOURCE
#include <sched.h>
#include <stdbool.h>
#include "mutex.h"

enum { activeSpin = 4, activeSpinCnt = 30, passiveSpin = 1 };

static void
procyield(int cycles)
{
    for (int i = 0; i < cycles; i++) {
#if defined(__x86_64__)
        __builtin_ia32_pause();
#elif defined(__aarch64__)
        __asm__ __volatile__("yield");
#endif
    }
}

// Take l if it is free, writing wait: the highest state this thread has seen.
static bool
tryTake(ex_mutex *l, uint32_t wait)
{
    while (__atomic_load_n(&l->key, __ATOMIC_SEQ_CST) == ex_unlocked) {
        uint32_t free = ex_unlocked;
        if (__atomic_compare_exchange_n(&l->key, &free, wait, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
            return true;
    }
    return false;
}

void
ex_lock(ex_mutex *l)
{
    uint32_t v = __atomic_exchange_n(&l->key, ex_locked, __ATOMIC_SEQ_CST);
    if (v == ex_unlocked)
        return;
    // v is ex_locked or ex_sleeping.  If we swapped ex_sleeping for
    // ex_locked, a sleeper may be left without a waker, so every later
    // write of ours must be at least v.
    uint32_t wait = v;
    for (;;) {
        for (int i = 0; i < activeSpin; i++) {
            if (tryTake(l, wait))
                return;
            procyield(activeSpinCnt);
        }
        for (int i = 0; i < passiveSpin; i++) {
            if (tryTake(l, wait))
                return;
            sched_yield();
        }
        v = __atomic_exchange_n(&l->key, ex_sleeping, __ATOMIC_SEQ_CST);
        if (v == ex_unlocked)
            return;
        wait = ex_sleeping;
        ex_futexsleep(&l->key, ex_sleeping);
    }
}

int
ex_unlock(ex_mutex *l)
{
    uint32_t v = __atomic_exchange_n(&l->key, ex_unlocked, __ATOMIC_SEQ_CST);
    if (v == ex_unlocked)
        return -1;
    if (v == ex_sleeping)
        ex_futexwakeup(&l->key, 1);
    return 0;
}
