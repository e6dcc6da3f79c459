// Exercise 03-mutex: the runtime's futex mutex, with Go's three states.
#ifndef EX_MUTEX_H
#define EX_MUTEX_H
#include <stdint.h>

enum {
    ex_unlocked = 0, // mutex_unlocked
    ex_locked = 1,   // mutex_locked: held, nobody asleep
    ex_sleeping = 2, // mutex_sleeping: held, and a thread may be asleep on it
};

typedef struct {
    uint32_t key; // ex_unlocked, ex_locked or ex_sleeping; a zero mutex is unlocked
} ex_mutex;

// Take l, waiting as lock_futex.go's lock2 does: spin, yield, then sleep.
void ex_lock(ex_mutex *l);
// Release l and wake one sleeper if one may be waiting.  Return 0, or -1
// if l was not locked (Go's "unlock of unlocked lock", fatal there).
int ex_unlock(ex_mutex *l);

// Provided by the tests (do not define them): the futex system calls.
// ex_futexsleep sleeps while *addr == val (it may return early, for no
// reason); ex_futexwakeup wakes at most cnt threads asleep on addr.
void ex_futexsleep(uint32_t *addr, uint32_t val);
void ex_futexwakeup(uint32_t *addr, uint32_t cnt);

#endif
