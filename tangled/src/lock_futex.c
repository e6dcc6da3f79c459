// tangled from chapters/03-fixalloc.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The runtime's mutex: one word and a futex (Go's lock_futex.go).
#define _GNU_SOURCE
#include <errno.h>
#include <time.h>
#include <linux/futex.h>
#include <sched.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "runtime.h"

enum {
    mutex_unlocked = 0,
    mutex_locked = 1,
    mutex_sleeping = 2,
    active_spin = 4,
    active_spin_cnt = 30,
    passive_spin = 1,
};

void
futexsleep(uint32 *addr, uint32 val, int64 ns)
{
    struct timespec ts = {ns / 1000000000, ns % 1000000000};
    syscall(SYS_futex, addr, FUTEX_WAIT_PRIVATE, val, ns < 0 ? NULL : &ts, NULL, 0);
}

void
futexwakeup(uint32 *addr, uint32 cnt)
{
    long ret = syscall(SYS_futex, addr, FUTEX_WAKE_PRIVATE, cnt, NULL, NULL, 0);
    if (ret < 0) {
        print("futexwakeup addr=%p returned %ld errno=%d\n", (void *)addr, ret, errno);
        throw("runtime: futexwakeup failed");
    }
}

static inline void
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
void
lock(mutex *l)
{
    // The collector's hook: count the lock the thread holds
    getm()->locks++;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    uint32 v = __atomic_exchange_n(&l->key, mutex_locked, __ATOMIC_SEQ_CST);
    if (v == mutex_unlocked)
        return;
    uint32 wait = v;
    int spin = ncpu > 1 ? active_spin : 0;
    for (;;) {
        for (int i = 0; i < spin; i++) {
            while (atomic_Load(&l->key) == mutex_unlocked)
                if (__atomic_compare_exchange_n(&l->key, &(uint32){mutex_unlocked}, wait, false,
                                                __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
                    return;
            procyield(active_spin_cnt);
        }
        for (int i = 0; i < passive_spin; i++) {
            while (atomic_Load(&l->key) == mutex_unlocked)
                if (__atomic_compare_exchange_n(&l->key, &(uint32){mutex_unlocked}, wait, false,
                                                __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
                    return;
            sched_yield();
        }
        v = __atomic_exchange_n(&l->key, mutex_sleeping, __ATOMIC_SEQ_CST);
        if (v == mutex_unlocked)
            return;
        wait = mutex_sleeping;
        futexsleep(&l->key, mutex_sleeping, -1);
    }
}
void
unlock(mutex *l)
{
    uint32 v = __atomic_exchange_n(&l->key, mutex_unlocked, __ATOMIC_SEQ_CST);
    if (v == mutex_unlocked)
        throw("unlock of unlocked lock");
    if (v == mutex_sleeping)
        futexwakeup(&l->key, 1);
    // The collector's hook: count the lock released
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    struct m *mp = getm();
    if (--mp->locks == 0 && __builtin_expect(mp->preemptPending != 0, 0))
        gcPreemptPark();
}
