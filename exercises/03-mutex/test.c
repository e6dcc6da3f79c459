// Exercise 03-mutex: graded tests.  Each test's name starts with its points.
#define _GNU_SOURCE
#include <linux/futex.h>
#include <pthread.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "grade.h"
#include "mutex.h"

// The futex calls the exercise makes, counted.
static uint32_t nsleeps, nwakes;

void
ex_futexsleep(uint32_t *addr, uint32_t val)
{
    __atomic_add_fetch(&nsleeps, 1, __ATOMIC_SEQ_CST);
    syscall(SYS_futex, addr, FUTEX_WAIT_PRIVATE, val, NULL, NULL, 0);
}

void
ex_futexwakeup(uint32_t *addr, uint32_t cnt)
{
    __atomic_add_fetch(&nwakes, 1, __ATOMIC_SEQ_CST);
    syscall(SYS_futex, addr, FUTEX_WAKE_PRIVATE, cnt, NULL, NULL, 0);
}

static uint32_t
load(uint32_t *p)
{
    return __atomic_load_n(p, __ATOMIC_SEQ_CST);
}

static void
test_uncontended(void)
{
    ex_mutex l = {0};
    ex_lock(&l);
    CU_ASSERT_EQUAL(l.key, ex_locked);
    CU_ASSERT_EQUAL(ex_unlock(&l), 0);
    CU_ASSERT_EQUAL(l.key, ex_unlocked);
    for (int i = 0; i < 1000; i++) {
        ex_lock(&l);
        ex_unlock(&l);
    }
    CU_ASSERT_EQUAL(nsleeps + nwakes, 0); // no system call without contention
}

static void
test_unlockWakes(void)
{
    ex_mutex l = {ex_sleeping};
    CU_ASSERT_EQUAL(ex_unlock(&l), 0);
    CU_ASSERT_EQUAL(l.key, ex_unlocked);
    CU_ASSERT_EQUAL(nwakes, 1); // a sleeper may be waiting: wake one
    l.key = ex_locked;
    CU_ASSERT_EQUAL(ex_unlock(&l), 0);
    CU_ASSERT_EQUAL(l.key, ex_unlocked);
    CU_ASSERT_EQUAL(nwakes, 1); // nobody can be asleep: no system call
}

static void
test_unlockUnlocked(void)
{
    ex_mutex l = {0};
    CU_ASSERT_EQUAL(ex_unlock(&l), -1);
    CU_ASSERT_EQUAL(l.key, ex_unlocked);
    CU_ASSERT_EQUAL(nwakes, 0);
}

static ex_mutex shared;
static uint32_t keyWhenTaken, taken;

static void *
waiter(void *arg)
{
    (void)arg;
    ex_lock(&shared);
    keyWhenTaken = load(&shared.key);
    __atomic_store_n(&taken, 1, __ATOMIC_SEQ_CST);
    ex_unlock(&shared);
    return NULL;
}

// Wait up to two seconds for *p to reach at least v.
static int
waitFor(uint32_t *p, uint32_t v)
{
    for (int i = 0; i < 2000 && load(p) < v; i++)
        nanosleep(&(struct timespec){0, 1000000}, NULL);
    return load(p) >= v;
}

static void
test_sleeper(void)
{
    pthread_t t;
    ex_lock(&shared);
    CU_ASSERT_FATAL(pthread_create(&t, NULL, waiter, NULL) == 0);
    // The waiter spins a little, then must go to sleep, saying so in the key.
    CU_ASSERT_FATAL(waitFor(&nsleeps, 1));
    CU_ASSERT_EQUAL(load(&shared.key), ex_sleeping);
    CU_ASSERT_EQUAL(load(&taken), 0);
    CU_ASSERT_EQUAL(ex_unlock(&shared), 0); // must wake the waiter, or the join times out
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += 2;
    CU_ASSERT_FATAL(pthread_timedjoin_np(t, NULL, &deadline) == 0);
    // A thread that slept takes the lock as "sleeping", since other threads
    // may still sleep; so its unlock makes a (here useless) wake-up call
    // after ours.
    CU_ASSERT_EQUAL(keyWhenTaken, ex_sleeping);
    CU_ASSERT_EQUAL(load(&nwakes), 2);
    CU_ASSERT_EQUAL(load(&shared.key), ex_unlocked);
}

enum { nthreads = 4, nrounds = 50000 };
static unsigned long counter;
static int inside, broken;

static void *
hammer(void *arg)
{
    (void)arg;
    for (int i = 0; i < nrounds; i++) {
        ex_lock(&shared);
        if (load(&shared.key) == ex_unlocked || inside)
            broken = 1;
        inside = 1;
        counter++;
        inside = 0;
        ex_unlock(&shared);
    }
    return NULL;
}

static void
test_exclusion(void)
{
    pthread_t t[nthreads];
    for (int i = 0; i < nthreads; i++)
        CU_ASSERT_FATAL(pthread_create(&t[i], NULL, hammer, NULL) == 0);
    for (int i = 0; i < nthreads; i++)
        pthread_join(t[i], NULL);
    CU_ASSERT_EQUAL(broken, 0);
    CU_ASSERT_EQUAL(counter, (unsigned long)nthreads * nrounds);
    CU_ASSERT_EQUAL(shared.key, ex_unlocked);
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("03-mutex", NULL, NULL);
    CU_add_test(s, "[2] uncontended: two exchanges, no system call", test_uncontended);
    CU_add_test(s, "[2] unlock wakes a sleeper only in state 2", test_unlockWakes);
    CU_add_test(s, "[1] unlock of an unlocked lock is refused", test_unlockUnlocked);
    CU_add_test(s, "[3] a waiter sleeps, is woken, and keeps state 2", test_sleeper);
    CU_add_test(s, "[2] mutual exclusion under 4 threads", test_exclusion);
}
