// Exercise 11-stw: graded tests.  Each test's name starts with its points.
//
// The threads are real: a worker thread holds a P, "works" (counts) and
// polls gcwaiting between two units of work, its safe point; a blocked
// thread waits in a "blocking call" for the test to release it.  Only the
// test's own thread calls CUnit; the others leave their results in memory.
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "grade.h"
#include "stw.h"

enum { maxP = 8 };
static ex_p ps[maxP];
static ex_sched sched;

// The atomics the exercise uses.  While shaking is on (the tests with
// threads), each yields the processor before or after the operation, one
// time in eight, and sleeps for 30 microseconds one time in a hundred,
// which widens the windows where a race can strike.
static uint32_t shaking;
static __thread unsigned shakeSeed;

static void
shake(void)
{
    if (!__atomic_load_n(&shaking, __ATOMIC_RELAXED))
        return;
    if (shakeSeed == 0)
        shakeSeed = (unsigned)(uintptr_t)&shakeSeed | 1;
    shakeSeed = shakeSeed * 1103515245u + 12345u;
    unsigned r = (shakeSeed >> 16) % 800;
    if (r < 8) {
        struct timespec ts = {0, 30000};
        nanosleep(&ts, NULL);
    } else if (r % 8 == 0) {
        sched_yield();
    }
}

uint32_t
ex_load(const uint32_t *addr)
{
    shake();
    uint32_t v = __atomic_load_n(addr, __ATOMIC_SEQ_CST);
    shake();
    return v;
}

void
ex_store(uint32_t *addr, uint32_t val)
{
    shake();
    __atomic_store_n(addr, val, __ATOMIC_SEQ_CST);
    shake();
}

bool
ex_cas(uint32_t *addr, uint32_t old, uint32_t new)
{
    shake();
    bool ok = __atomic_compare_exchange_n(addr, &old, new, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    shake();
    return ok;
}

uint32_t
ex_xadd(uint32_t *addr, int32_t delta)
{
    shake();
    uint32_t v = __atomic_add_fetch(addr, (uint32_t)delta, __ATOMIC_SEQ_CST);
    shake();
    return v;
}

void
ex_lock(uint32_t *l)
{
    shake();
    uint32_t free = 0;
    while (!__atomic_compare_exchange_n(l, &free, 1, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
        free = 0;
        sched_yield();
    }
    shake();
}

void
ex_unlock(uint32_t *l)
{
    shake();
    __atomic_store_n(l, 0, __ATOMIC_SEQ_CST);
    shake();
}

static uint32_t
load(const uint32_t *p)
{
    return __atomic_load_n(p, __ATOMIC_SEQ_CST);
}

static void
store(uint32_t *p, uint32_t v)
{
    __atomic_store_n(p, v, __ATOMIC_SEQ_CST);
}

static void
sleepUS(long us)
{
    struct timespec ts = {us / 1000000, us % 1000000 * 1000};
    nanosleep(&ts, NULL);
}

static double
now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

// A world of n P's in the given states; hasM set for the running and syscall ones.
static void
setup(int n, const uint32_t *status)
{
    memset(ps, 0, sizeof ps);
    memset(&sched, 0, sizeof sched);
    sched.allp = ps;
    sched.nallp = n;
    for (int i = 0; i < n; i++) {
        ps[i].status = status[i];
        ps[i].hasM = status[i] == ex_Prunning || status[i] == ex_Psyscall;
        ps[i].insyscall = status[i] == ex_Psyscall;
    }
}

// ex_stopTheWorld, run by a helper thread so that a stop that never ends
// fails the test in a few seconds rather than hanging it.
static ex_p *stopSelfP;
static uint32_t stopDone, stopOK;
static int stoppedOK(void);

static void *
stopper(void *arg)
{
    (void)arg;
    ex_stopTheWorld(&sched, stopSelfP);
    store(&stopOK, (uint32_t)stoppedOK()); // at once: stopped when it returns, not a little later
    store(&stopDone, 1);
    return NULL;
}

static int
stopWorld(ex_p *self, double seconds)
{
    pthread_t t;
    stopSelfP = self;
    store(&stopDone, 0);
    if (pthread_create(&t, NULL, stopper, NULL) != 0)
        return 0;
    double end = now() + seconds;
    while (!load(&stopDone) && now() < end)
        sleepUS(50);
    if (!load(&stopDone)) {
        pthread_detach(t);
        return 0;
    }
    pthread_join(t, NULL);
    return load(&stopOK) ? 1 : -1;
}

// The state a stopped world must be in.
static int
stoppedOK(void)
{
    int ok = load(&sched.gcwaiting) == 1 && load(&sched.stopwait) == 0 && load(&sched.stopnote) == 1;
    for (int i = 0; i < sched.nallp; i++)
        ok &= load(&ps[i].status) == ex_Pgcstop;
    return ok;
}

static void
test_noThreads(void)
{
    static const uint32_t st[] = {ex_Prunning, ex_Pidle, ex_Pidle, ex_Psyscall, ex_Pidle};
    setup(5, st);
    CU_ASSERT_FALSE(ex_stopSelf(&sched, &ps[0])); // the world is not stopping
    CU_ASSERT_EQUAL(ps[0].status, ex_Prunning);
    CU_ASSERT_FATAL(stopWorld(&ps[0], 5) == 1); // ps[0] is the stopper's own P
    CU_ASSERT(stoppedOK());
    CU_ASSERT_FALSE(ex_stopSelf(&sched, &ps[3])); // not running: nothing to stop
    CU_ASSERT_EQUAL(sched.stopwait, 0);
    CU_ASSERT_EQUAL(sched.lock, 0);
    ex_startTheWorld(&sched);
    CU_ASSERT_EQUAL(sched.lock, 0);
    static const uint32_t back[] = {ex_Prunning, ex_Pidle, ex_Pidle, ex_Psyscall, ex_Pidle};
    for (int i = 0; i < 5; i++)
        CU_ASSERT_EQUAL(ps[i].status, back[i]);
    CU_ASSERT_EQUAL(sched.gcwaiting, 0);
    CU_ASSERT_EQUAL(sched.stopgen, 1);
    // A stopper without a P, twice.
    static const uint32_t st2[] = {ex_Pidle, ex_Psyscall, ex_Psyscall, ex_Pidle};
    setup(4, st2);
    for (uint32_t round = 1; round <= 2; round++) {
        CU_ASSERT_FATAL(stopWorld(NULL, 5) == 1);
        CU_ASSERT(stoppedOK());
        ex_startTheWorld(&sched);
        for (int i = 0; i < 4; i++)
            CU_ASSERT_EQUAL(ps[i].status, st2[i]);
        CU_ASSERT_EQUAL(sched.stopgen, round);
    }
}

// The threads.
enum { modeRun, modeBlocked, modeEnterOnStop };

typedef struct worker {
    pthread_t t;
    ex_p *pp;
    int mode;
    int syscalls;       // modeRun: make short blocking calls now and then
    unsigned seed;
    uint64_t work;      // units of work done (atomic)
    uint64_t stops;     // times ex_stopSelf returned true (atomic)
    uint64_t errors;    // work done while the thread's P was not running (atomic)
    uint32_t entered;   // in the long blocking call (atomic)
    uint32_t release;   // the test ends the long blocking call (atomic)
    uint32_t exited;    // back from it (atomic)
    uint32_t done;      // the thread has finished (atomic)
} worker;

static worker workers[maxP];
static int nworkers;
static uint32_t quit;

// A unit of work.  Whoever works holds a running P: nobody but its thread
// may take a running P away.
static void
work(worker *w)
{
    __atomic_add_fetch(&w->work, 1, __ATOMIC_SEQ_CST);
    if (load(&w->pp->status) != ex_Prunning)
        __atomic_add_fetch(&w->errors, 1, __ATOMIC_SEQ_CST);
}

// A long blocking call, which the test ends.
static void
longCall(worker *w)
{
    ex_entersyscall(&sched, w->pp);
    store(&w->entered, 1);
    while (!load(&w->release))
        sched_yield();
    ex_exitsyscall(&sched, w->pp);
    store(&w->exited, 1);
    work(w); // back with a running P: work before the next safe point
}

static void *
workerMain(void *arg)
{
    worker *w = arg;
    int entered = 0;
    if (w->mode == modeBlocked)
        longCall(w);
    while (!load(&quit)) {
        if (load(&sched.gcwaiting)) { // the safe point
            if (w->mode == modeEnterOnStop && !entered) {
                entered = 1;
                longCall(w); // block instead of stopping: the world must not wait
            } else if (ex_stopSelf(&sched, w->pp)) {
                __atomic_add_fetch(&w->stops, 1, __ATOMIC_SEQ_CST);
            } else {
                sched_yield();
            }
            continue;
        }
        work(w);
        if (w->syscalls && rand_r(&w->seed) % 16 == 0) {
            ex_entersyscall(&sched, w->pp);
            for (int i = rand_r(&w->seed) % 8; i > 0; i--)
                sched_yield(); // blocked: no work and no safe point
            ex_exitsyscall(&sched, w->pp);
            work(w);
        }
    }
    store(&w->done, 1);
    return NULL;
}

static void
startWorker(int p, int mode, int syscalls)
{
    worker *w = &workers[nworkers++];
    w->pp = &ps[p];
    w->mode = mode;
    w->syscalls = syscalls;
    w->seed = (unsigned)p * 7919u + 1;
    store(&shaking, 1);
    pthread_create(&w->t, NULL, workerMain, w);
}

static uint64_t base[maxP];

static void
markWork(void)
{
    for (int i = 0; i < nworkers; i++)
        base[i] = __atomic_load_n(&workers[i].work, __ATOMIC_SEQ_CST);
}

// Waits until every worker that is not blocked for long has worked since
// markWork, or seconds pass.
static int
allWorked(double seconds)
{
    double end = now() + seconds;
    for (;;) {
        int all = 1;
        for (int i = 0; i < nworkers; i++)
            all &= workers[i].mode == modeBlocked || __atomic_load_n(&workers[i].work, __ATOMIC_SEQ_CST) > base[i];
        if (all)
            return 1;
        if (now() > end)
            return 0;
        sched_yield();
    }
}

static uint64_t
totalWork(void)
{
    uint64_t n = 0;
    for (int i = 0; i < nworkers; i++)
        n += __atomic_load_n(&workers[i].work, __ATOMIC_SEQ_CST);
    return n;
}

static uint64_t
totalErrors(void)
{
    uint64_t n = 0;
    for (int i = 0; i < nworkers; i++)
        n += __atomic_load_n(&workers[i].errors, __ATOMIC_SEQ_CST);
    return n;
}

static int
waitFlag(uint32_t *flag, double seconds)
{
    double end = now() + seconds;
    while (!load(flag) && now() < end)
        sleepUS(100);
    return load(flag);
}

// Ends the threads; 0 if some never did (stuck in a wait that never ends).
static int
finish(void)
{
    for (int i = 0; i < nworkers; i++)
        store(&workers[i].release, 1);
    store(&quit, 1);
    for (int i = 0; i < nworkers; i++)
        if (!waitFlag(&workers[i].done, 5))
            return 0;
    for (int i = 0; i < nworkers; i++)
        pthread_join(workers[i].t, NULL);
    return 1;
}

static void
test_runningStopThemselves(void)
{
    static const uint32_t st[] = {ex_Prunning, ex_Prunning, ex_Prunning, ex_Prunning, ex_Pidle};
    setup(5, st);
    for (int p = 1; p <= 3; p++)
        startWorker(p, modeRun, 0);
    for (uint64_t round = 1; round <= 3; round++) {
        markWork();
        CU_ASSERT_FATAL(allWorked(5));
        CU_ASSERT_FATAL(stopWorld(&ps[0], 5) == 1);
        uint64_t before = totalWork();
        sleepUS(20000);
        CU_ASSERT_EQUAL(totalWork(), before); // stopped means stopped
        CU_ASSERT(stoppedOK());
        ex_startTheWorld(&sched);
        for (int i = 0; i < 5; i++)
            CU_ASSERT_EQUAL(load(&ps[i].status), st[i]);
        markWork();
        CU_ASSERT(allWorked(5)); // every worker runs again
        for (int i = 0; i < nworkers; i++)
            CU_ASSERT_EQUAL(__atomic_load_n(&workers[i].stops, __ATOMIC_SEQ_CST), round);
    }
    CU_ASSERT(finish());
    CU_ASSERT_EQUAL(totalErrors(), 0);
}

static void
test_blockingCalls(void)
{
    static const uint32_t st[] = {ex_Prunning, ex_Prunning, ex_Prunning, ex_Prunning};
    setup(4, st);
    startWorker(1, modeRun, 0);
    startWorker(2, modeBlocked, 0);     // blocked from the start
    startWorker(3, modeEnterOnStop, 0); // blocks when it sees the stop
    worker *blocked = &workers[1], *enterer = &workers[2];
    markWork();
    CU_ASSERT_FATAL(allWorked(5));
    CU_ASSERT_FATAL(waitFlag(&blocked->entered, 5));
    // Neither thread in a blocking call is waited for: one was there before
    // the stop, the other went there during it.
    if (stopWorld(&ps[0], 5) != 1) {
        CU_FAIL("the world did not stop while two threads were blocked");
        finish();
        return;
    }
    CU_ASSERT(waitFlag(&enterer->entered, 5));
    // A call that ends while the world is stopped waits for the restart.
    store(&blocked->release, 1);
    uint64_t before = totalWork();
    sleepUS(20000);
    CU_ASSERT_EQUAL(load(&blocked->exited), 0);
    CU_ASSERT_EQUAL(load(&ps[2].status), ex_Pgcstop);
    CU_ASSERT_EQUAL(totalWork(), before);
    CU_ASSERT(stoppedOK());
    ex_startTheWorld(&sched);
    CU_ASSERT_EQUAL(load(&ps[0].status), ex_Prunning);
    CU_ASSERT_EQUAL(load(&ps[3].status), ex_Psyscall); // still in its call
    CU_ASSERT(waitFlag(&blocked->exited, 5));
    CU_ASSERT_EQUAL(load(&ps[2].status), ex_Prunning);
    CU_ASSERT_EQUAL(load(&ps[2].insyscall), 0);
    store(&enterer->release, 1);
    CU_ASSERT(waitFlag(&enterer->exited, 5));
    CU_ASSERT_EQUAL(load(&ps[3].status), ex_Prunning);
    CU_ASSERT(finish());
    CU_ASSERT_EQUAL(totalErrors(), 0);
}

// Many stops and starts while threads work and make short blocking calls.
// A thread of its own stops and starts, and starts again as soon as it has
// checked, so that restarts come fast; after each, every thread must work
// again before the next stop (one that slept through the restart would not).
static struct {
    int rounds, notStopped, notFrozen, stuck;
    uint32_t done;
} stress;

static void *
stressMain(void *arg)
{
    (void)arg;
    double end = now() + 4;
    for (; stress.rounds < 1000 && now() < end; stress.rounds++) {
        ex_stopTheWorld(&sched, &ps[0]);
        stress.notStopped += !stoppedOK();
        markWork();
        if (stress.rounds % 8 == 0) {
            uint64_t before = totalWork();
            sleepUS(200);
            stress.notFrozen += totalWork() != before;
            stress.notStopped += !stoppedOK(); // no late count either
        }
        ex_startTheWorld(&sched);
        if (!allWorked(2)) {
            stress.stuck++;
            break;
        }
    }
    store(&stress.done, 1);
    return NULL;
}

static void
test_stress(void)
{
    static const uint32_t st[] = {ex_Prunning, ex_Prunning, ex_Prunning, ex_Prunning,
                                  ex_Prunning, ex_Pidle, ex_Pidle, ex_Prunning};
    setup(8, st);
    for (int p = 1; p <= 4; p++)
        startWorker(p, modeRun, 1);
    startWorker(7, modeBlocked, 0); // blocked all along
    pthread_t t;
    CU_ASSERT_FATAL(pthread_create(&t, NULL, stressMain, NULL) == 0);
    if (!waitFlag(&stress.done, 12)) {
        CU_FAIL("a stop never ended");
        return;
    }
    pthread_join(t, NULL);
    CU_ASSERT(stress.rounds >= 100);
    CU_ASSERT_EQUAL(stress.notStopped, 0);
    CU_ASSERT_EQUAL(stress.notFrozen, 0);
    CU_ASSERT_EQUAL(stress.stuck, 0);
    CU_ASSERT(finish());
    CU_ASSERT_EQUAL(totalErrors(), 0);
    uint64_t stops = 0;
    for (int i = 0; i < nworkers; i++)
        stops += workers[i].stops;
    CU_ASSERT(stops > 0 && stops <= (uint64_t)stress.rounds * 4);
    CU_ASSERT_EQUAL(ps[7].status, ex_Prunning); // the blocked thread got its P back at the end
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("11-stw", NULL, NULL);
    CU_add_test(s, "[2] idle P's and P's in blocking calls are stopped for their threads", test_noThreads);
    CU_add_test(s, "[2] running P's stop themselves, nothing runs, all run again", test_runningStopThemselves);
    CU_add_test(s, "[3] blocking calls: not waited for, and ended only after the restart", test_blockingCalls);
    CU_add_test(s, "[3] hundreds of stops and starts under threads that block now and then", test_stress);
}
