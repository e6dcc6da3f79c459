// tangled from chapters/01-memory.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Start-up, threads and P's (Go's proc.go).
#define _GNU_SOURCE
#include <pthread.h>
#include <stdlib.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include "runtime.h"

void
schedinit(void)
{
    parsedebugvars();
    mallocinit();
    {
        int32 procs = ncpu;
        const char *env = getenv("GOMAXPROCS");
        int64 n;
        if (env != NULL && atoi64(env, strlen(env), &n) && n <= INT32_MAX && n > 0)
            procs = n > maxGomaxprocs ? maxGomaxprocs : (int32)n;
        procresize(procs);
        acquirep();
    }
    initsig();
    runtimeInitTime = nanotime();
    gcinit();
    memstats.enablegc = true;
    work.markDoneSema = 1; // as Go's gcinit
}

__attribute__((constructor(101))) static void
rt0_go(void)
{
    osinit();
    schedinit();
}

const char runtime_buildVersion[] = "go1.19.8 gomm/0.1";

const char *
runtime_Version(void)
{
    return runtime_buildVersion;
}

int
runtime_NumCPU(void)
{
    return ncpu;
}

__thread struct m m_tls;
struct p **allp;
uint32 nallp;
int32 gomaxprocs;

struct schedt sched;

static struct p *
newp(int32 id)
{
    struct p *pp = persistentalloc(sizeof(struct p), cacheLinePadSize, &memstats.other_sys);
    pp->id = id;
    pp->status = _Pidle;
    pp->mcache = allocmcache();
    // Later chapters' fields: the collector's work cache, the write barrier's buffer
    pp->gcw = persistentalloc(sizeof(struct gcWork), cacheLinePadSize, &memstats.gcMiscSys);
    wbBuf_reset(&pp->wbBuf);
    return pp;
}

static struct p *appendp(void);

int32
procresize(int32 nprocs)
{
    lock(&sched.lock);
    // The collector's hook: wait while the world is stopped
    schedWaitWorld();
    while ((int32)nallp < nprocs) {
        struct p *pp = appendp();
        pp->link = sched.pidle;
        sched.pidle = pp;
        sched.npidle++;
    }
    int32 prev = gomaxprocs;
    gomaxprocs = nprocs;
    // The limiter's hook: size the CPU limiter's bucket for nprocs
    gcCPULimiterState_resetCapacity(&gcCPULimiter, nanotime(), nprocs);
    unlock(&sched.lock);
    // The tracer's hook: trace the new GOMAXPROCS
    if (atomic_Load(&traceEnabled) != 0)
        traceGomaxprocs(nprocs);
    return prev;
}

static struct p *
appendp(void)
{
    if (nallp == sched.capallp) {
        uint32 ncap = sched.capallp ? 2 * sched.capallp : 8;
        struct p **na = persistentalloc(ncap * sizeof(struct p *), 0, &memstats.other_sys);
        for (uint32 i = 0; i < nallp; i++)
            na[i] = allp[i];
        __atomic_store_n(&allp, na, __ATOMIC_SEQ_CST);
        sched.capallp = ncap;
    }
    struct p *pp = newp((int32)nallp);
    allp[nallp] = pp;
    __atomic_store_n(&nallp, nallp + 1, __ATOMIC_SEQ_CST);
    return pp;
}
static pthread_key_t mexitKey;
static pthread_once_t mexitOnce = PTHREAD_ONCE_INIT;

static void
mexit(void *arg)
{
    (void)arg;
    struct m *mp = getm();
    mp->registered = false;
    // The profiler's hook: unregister the thread
    lock(&allmLock);
    for (struct m **l = &allm; *l != NULL; l = &(*l)->allnext)
        if (*l == mp) {
            *l = mp->allnext;
            break;
        }
    unlock(&allmLock);
    if (mp->p != NULL)
        releasep();
}

static void
mexitInit(void)
{
    if (pthread_key_create(&mexitKey, mexit) != 0)
        throw("runtime: cannot create the thread-exit key");
}

struct p *
acquirep(void)
{
    struct m *mp = getm();
    if (mp->p != NULL)
        return mp->p;
    if (!mp->registered) {
        pthread_once(&mexitOnce, mexitInit);
        pthread_setspecific(mexitKey, mp);
        mp->registered = true;
        // The collector's hook: record the thread's identity and stack
        mp->thread = pthread_self();
        {
            pthread_attr_t attr;
            void *addr;
            size_t size;
            if (pthread_getattr_np(mp->thread, &attr) != 0 || pthread_attr_getstack(&attr, &addr, &size) != 0)
                throw("runtime: cannot find the thread's stack");
            pthread_attr_destroy(&attr);
            mp->stacklo = (uintptr)addr;
            mp->stackhi = (uintptr)addr + size;
        }
        // The profiler's hook: register the thread for the thread profile
        mp->ncreateStack = callers(mp->createStack, 32);
        lock(&allmLock);
        mp->allnext = allm;
        allm = mp;
        unlock(&allmLock);
    }
    lock(&sched.lock);
    // The collector's hook: wait while the world is stopped
    schedWaitWorld();
    if (mp->id == 0)
        mp->id = ++sched.mnext;
    struct p *pp = NULL, **link = NULL;
    for (struct p **l = &sched.pidle; *l != NULL; l = &(*l)->link)
        if (pp == NULL || (*l)->id < pp->id)
            pp = *l, link = l;
    if (pp != NULL) {
        *link = pp->link;
        pp->link = NULL;
        sched.npidle--;
    } else {
        pp = appendp();
    }
    atomic_Store(&pp->status, _Prunning);
    pp->m = mp;
    mp->p = pp;
    unlock(&sched.lock);
    // The sweeper's hook: flush a cache that missed a sweep
    mcache_prepareForSweep(pp->mcache);
    // The tracer's hook: run the thread's goroutine on the P in the trace
    if (atomic_Load(&traceEnabled) != 0)
        traceThreadStart();
    return pp;
}

void
releasep(void)
{
    struct m *mp = getm();
    struct p *pp = mp->p;
    if (pp == NULL || pp->m != mp || atomic_Load(&pp->status) != _Prunning) {
        print("releasep: m=%p m->p=%p p->m=%p p->status=%u\n", (void *)mp, (void *)pp,
              pp ? (void *)pp->m : NULL, pp ? pp->status : 0);
        throw("releasep: invalid p state");
    }
    // The tracer's hook: stop the thread's goroutine in the trace
    if (atomic_Load(&traceEnabled) != 0)
        traceThreadStop(mp->registered ? traceEvGoBlock : traceEvGoEnd, true);
    lock(&sched.lock);
    // The concurrent collector's hook: run the functions asked of the P before giving it back
    while (atomic_Load(&pp->safePointFn) != 0) {
        unlock(&sched.lock);
        runSafePointFn(pp);
        lock(&sched.lock);
    }
    mp->p = NULL;
    pp->m = NULL;
    atomic_Store(&pp->status, _Pidle);
    // The collector's hook: a P given back while the world stops is stopped
    if (atomic_Load(&sched.gcwaiting) != 0) {
        atomic_Store(&pp->status, _Pgcstop);
        stopwaitDone();
    }
    mp->preemptPending = 0;
    pp->link = sched.pidle;
    sched.pidle = pp;
    sched.npidle++;
    unlock(&sched.lock);
}
int
runtime_GOMAXPROCS(int n)
{
    if (n < 1) {
        lock(&sched.lock);
        int prev = gomaxprocs;
        unlock(&sched.lock);
        return prev;
    }
    return procresize(n > maxGomaxprocs ? maxGomaxprocs : n);
}

void
runtime_ThreadAttach(void)
{
    acquirep();
}

void
runtime_ThreadDetach(void)
{
    if (getm()->p != NULL)
        releasep();
}

void
stopwaitDone(void)
{
    if (__atomic_sub_fetch(&sched.stopwait, 1, __ATOMIC_SEQ_CST) == 0) {
        atomic_Store(&sched.stopnote, 1);
        futexwakeup(&sched.stopnote, 1);
    }
}

static void
stopSelf(struct m *mp, uintptr sp)
{
    struct p *pp = mp->p;
    lock(&sched.lock);
    if (atomic_Load(&sched.gcwaiting) == 0 || __atomic_load_n(&sched.stopwait, __ATOMIC_SEQ_CST) <= 0
        || !__atomic_compare_exchange_n(&pp->status, &(uint32){_Prunning}, _Pgcstop, false,
                                        __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
        unlock(&sched.lock); // no stop in progress, or this P is not running: nothing to do
        return;
    }
    __atomic_store_n(&mp->stopsp, sp, __ATOMIC_SEQ_CST);
    // The tracer's hook: stop the thread's goroutine in the trace
    if (atomic_Load(&traceEnabled) != 0)
        traceThreadStop(traceEvGoPreempt, false);
    uint32 gen = atomic_Load(&sched.stopgen);
    stopwaitDone();
    unlock(&sched.lock);
    while (atomic_Load(&sched.stopgen) == gen)
        futexsleep(&sched.stopgen, gen, -1);
    // The tracer's hook: run the thread's goroutine again in the trace
    if (atomic_Load(&traceEnabled) != 0)
        traceThreadStart();
}
static bool
isAsyncSafePoint(struct m *mp)
{
    return mp->p != NULL && mp->locks == 0 && mp->mallocing == 0 && mp != stopperM()
           && atomic_Load(&mp->p->status) == _Prunning;
}

static void
doSigPreempt(int sig, siginfo_t *info, void *ctxt)
{
    (void)sig, (void)info, (void)ctxt;
    int saved = errno;
    struct m *mp = getm();
    __atomic_store_n(&mp->signalPending, 0, __ATOMIC_SEQ_CST);
    // The profiler's hook: record the stack for the thread profile
    if (__atomic_load_n(&mp->profWanted, __ATOMIC_ACQUIRE) != 0)
        sigprofStack(mp, ctxt);
    // The write barrier's hook: restart a barrier sequence caught between its test and its store
    wbRestartSequence(ctxt);
    if (atomic_Load(&sched.gcwaiting) != 0 && mp->p != NULL) {
        if (isAsyncSafePoint(mp)) {
            mp->locks++; // no nested stop, whoever delivers the next signal
            __atomic_signal_fence(__ATOMIC_SEQ_CST);
            stopSelf(mp, getsp());
            __atomic_signal_fence(__ATOMIC_SEQ_CST);
            mp->locks--;
        } else {
            __atomic_store_n(&mp->preemptPending, 1, __ATOMIC_RELAXED);
        }
    }
    // The concurrent collector's hook: run the functions asked of the thread's P
    if (mp->p != NULL && atomic_Load(&mp->p->safePointFn) != 0 && atomic_Load(&sched.gcwaiting) == 0) {
        if (mp->locks == 0 && mp->mallocing == 0)
            runSafePointFnFromSignal(mp->p);
        else
            __atomic_store_n(&mp->preemptPending, 1, __ATOMIC_RELAXED);
    }
    errno = saved;
}
__attribute__((noinline)) void
gcPreemptPark(void)
{
    struct m *mp = getm();
    if (mp->locks != 0 || mp->mallocing != 0)
        return;
    __builtin_unwind_init();
    for (;;) {
        __atomic_store_n(&mp->preemptPending, 0, __ATOMIC_RELAXED);
        if (atomic_Load(&sched.gcwaiting) == 0 || mp->p == NULL || mp == stopperM())
            break;
        mp->locks++; // a signal now must not stop the thread a second time, inside stopSelf
        __atomic_signal_fence(__ATOMIC_SEQ_CST);
        stopSelf(mp, getsp());
        __atomic_signal_fence(__ATOMIC_SEQ_CST);
        mp->locks--;
        if (__atomic_load_n(&mp->preemptPending, __ATOMIC_RELAXED) == 0)
            break; // otherwise a new stop asked for this thread while it slept
    }
    // The concurrent collector's hook: run the functions asked of the thread's P
    if (mp->p != NULL && atomic_Load(&mp->p->safePointFn) != 0 && atomic_Load(&sched.gcwaiting) == 0)
        runSafePointFn(mp->p);
    keepFrame();
}
enum { sigPreempt = SIGURG };

void
initsig(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = doSigPreempt;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&sa.sa_mask);
    if (sigaction(sigPreempt, &sa, NULL) != 0)
        throw("runtime: cannot install the preemption signal handler");
}

void
preemptM(struct m *mp)
{
    // One signal at a time, as Go's preemptM (m.signalPending): a stopper asking
    // again every 100 us must not queue a storm of signals on a slow thread.
    if (!__atomic_compare_exchange_n(&mp->signalPending, &(uint32){0}, 1, false, __ATOMIC_SEQ_CST,
                                     __ATOMIC_SEQ_CST))
        return;
    int err = pthread_kill(mp->thread, sigPreempt);
    if (err != 0) {
        print("runtime: pthread_kill m=%p error=%d\n", (void *)mp, err);
        throw("runtime: cannot signal a thread to stop");
    }
}

static void
preemptall(void)
{
    for (uint32 i = 0; i < nallp; i++) {
        struct p *pp = allp[i];
        if (atomic_Load(&pp->status) == _Prunning && pp->m != NULL && pp->m != stopperM())
            preemptM(pp->m);
    }
}
int
newosproc(void *(*fn)(void *), void *arg)
{
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old); // the new thread inherits the mask
    pthread_t t;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    int err = pthread_create(&t, &attr, fn, arg);
    pthread_attr_destroy(&attr);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return err;
}
__attribute__((noinline)) void
stopTheWorldWithSema(void)
{
    struct m *mp = getm();
    if (mp->locks > 0)
        throw("stopTheWorld: holding locks");
    __builtin_unwind_init();
    mp->stopsp = getsp();
    lock(&sched.lock);
    __atomic_store_n(&sched.stopper, mp, __ATOMIC_SEQ_CST);
    atomic_Store(&sched.stopnote, 0);
    __atomic_store_n(&sched.stopwait, (int32)nallp, __ATOMIC_SEQ_CST);
    atomic_Store(&sched.gcwaiting, 1);
    preemptall();
    if (mp->p != NULL) {
        atomic_Store(&mp->p->status, _Pgcstop);
        stopwaitDone();
    }
    for (uint32 i = 0; i < nallp; i++) {
        struct p *pp = allp[i];
        uint32 s = atomic_Load(&pp->status);
        if ((s == _Psyscall || s == _Pidle)
            && __atomic_compare_exchange_n(&pp->status, &s, _Pgcstop, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
            stopwaitDone();
    }
    bool wait = __atomic_load_n(&sched.stopwait, __ATOMIC_SEQ_CST) > 0;
    unlock(&sched.lock);
    while (wait && atomic_Load(&sched.stopnote) == 0) {
        futexsleep(&sched.stopnote, 0, 100 * 1000);
        if (atomic_Load(&sched.stopnote) != 0)
            break;
        lock(&sched.lock);
        preemptall();
        unlock(&sched.lock);
    }
    if (__atomic_load_n(&sched.stopwait, __ATOMIC_SEQ_CST) != 0)
        throw("stopTheWorld: not stopped (stopwait != 0)");
    for (uint32 i = 0; i < nallp; i++)
        if (atomic_Load(&allp[i]->status) != _Pgcstop)
            throw("stopTheWorld: not stopped (status != _Pgcstop)");
}
void
startTheWorldWithSema(void)
{
    lock(&sched.lock);
    atomic_Store(&sched.gcwaiting, 0);
    for (uint32 i = 0; i < nallp; i++) {
        struct p *pp = allp[i];
        if (atomic_Load(&pp->status) != _Pgcstop)
            throw("startTheWorld: P not stopped");
        uint32 s = _Pidle;
        if (pp->m != NULL)
            s = __atomic_load_n(&pp->m->syscallsp, __ATOMIC_SEQ_CST) != 0 ? _Psyscall : _Prunning;
        atomic_Store(&pp->status, s);
    }
    __atomic_store_n(&sched.stopper, NULL, __ATOMIC_SEQ_CST);
    __atomic_add_fetch(&sched.stopgen, 1, __ATOMIC_SEQ_CST);
    futexwakeup(&sched.stopgen, INT32_MAX);
    unlock(&sched.lock);
}
void
schedWaitWorld(void)
{
    while (atomic_Load(&sched.gcwaiting) != 0 && stopperM() != getm()) {
        uint32 gen = atomic_Load(&sched.stopgen);
        unlock(&sched.lock);
        if (getm()->p != NULL)
            gcPreemptPark();
        else
            futexsleep(&sched.stopgen, gen, -1);
        lock(&sched.lock);
    }
}
// A P just moved to _Psyscall while the world stops: stop it, as proc.go:entersyscall_gcwait
// does, under the lock, since the stop may have ended meanwhile.
void
entersyscall_gcwait(struct p *pp)
{
    if (atomic_Load(&sched.gcwaiting) == 0)
        return;
    lock(&sched.lock);
    if (atomic_Load(&sched.gcwaiting) != 0 && __atomic_load_n(&sched.stopwait, __ATOMIC_SEQ_CST) > 0
        && __atomic_compare_exchange_n(&pp->status, &(uint32){_Psyscall}, _Pgcstop, false, __ATOMIC_SEQ_CST,
                                       __ATOMIC_SEQ_CST))
        stopwaitDone();
    unlock(&sched.lock);
}

void
entersyscall_regs(uintptr *frame)
{
    struct m *mp = acquirem();
    struct p *pp = mp->p;
    if (pp == NULL)
        throw("entersyscall: the thread holds no P (call runtime_ThreadAttach)");
    if (mp->syscallsp != 0)
        throw("entersyscall: already in a blocking call");
#if defined(__x86_64__)
    // frame[0..5]: r15, r14, r13, r12, rbx, rbp; frame[6]: the return address
    for (int i = 0; i < savedRegs; i++)
        mp->syscallregs[i] = frame[i];
    uintptr callersp = (uintptr)(frame + 7);
#else
    // frame[0]: x29; frame[1]: x30, the return address; frame[2..11]: x19-x28
    mp->syscallregs[0] = frame[0];
    for (int i = 1; i < savedRegs; i++)
        mp->syscallregs[i] = frame[i + 1];
    uintptr callersp = (uintptr)(frame + 12);
#endif
    // The tracer's hook: the goroutine enters a blocking call in the trace
    if (atomic_Load(&traceEnabled) != 0)
        traceThreadStop(traceEvGoSysBlock, false);
    __atomic_store_n(&mp->syscallsp, callersp, __ATOMIC_SEQ_CST);
    atomic_Store(&pp->status, _Psyscall);
    entersyscall_gcwait(pp);
    mp->preemptPending = 0;
    mp->locks--;
}

void
runtime_exitsyscall(void)
{
    struct m *mp = acquirem();
    struct p *pp = mp->p;
    if (pp == NULL || mp->syscallsp == 0)
        throw("exitsyscall: not in a blocking call");
    for (;;) {
        uint32 gen = atomic_Load(&sched.stopgen);
        if (__atomic_compare_exchange_n(&pp->status, &(uint32){_Psyscall}, _Prunning, false,
                                        __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
            break;
        // The concurrent collector's hook: wait while a marker has borrowed the P
        if (atomic_Load(&pp->status) == _Pborrowed) {
            futexsleep(&pp->status, _Pborrowed, -1);
            continue;
        }
        futexsleep(&sched.stopgen, gen, -1);
    }
    __atomic_store_n(&mp->syscallsp, 0, __ATOMIC_SEQ_CST);
    // The tracer's hook: the goroutine leaves the blocking call in the trace
    if (atomic_Load(&traceEnabled) != 0)
        traceThreadStart();
    releasem(mp);
}
#if defined(__x86_64__)
__asm__(".text\n"
        ".globl runtime_entersyscall\n"
        ".type runtime_entersyscall, @function\n"
        "runtime_entersyscall:\n"
        "\tpushq %rbp\n\tpushq %rbx\n\tpushq %r12\n\tpushq %r13\n\tpushq %r14\n\tpushq %r15\n"
        "\tmovq %rsp, %rdi\n"
        "\tsubq $8, %rsp\n"
        "\tcall entersyscall_regs\n"
        "\taddq $8, %rsp\n"
        "\tpopq %r15\n\tpopq %r14\n\tpopq %r13\n\tpopq %r12\n\tpopq %rbx\n\tpopq %rbp\n"
        "\tret\n"
        ".size runtime_entersyscall, .-runtime_entersyscall\n");
#else
__asm__(".text\n"
        ".globl runtime_entersyscall\n"
        ".type runtime_entersyscall, %function\n"
        "runtime_entersyscall:\n"
        "\tstp x29, x30, [sp, #-96]!\n"
        "\tstp x19, x20, [sp, #16]\n\tstp x21, x22, [sp, #32]\n\tstp x23, x24, [sp, #48]\n"
        "\tstp x25, x26, [sp, #64]\n\tstp x27, x28, [sp, #80]\n"
        "\tmov x0, sp\n"
        "\tbl entersyscall_regs\n"
        "\tldp x19, x20, [sp, #16]\n\tldp x21, x22, [sp, #32]\n\tldp x23, x24, [sp, #48]\n"
        "\tldp x25, x26, [sp, #64]\n\tldp x27, x28, [sp, #80]\n"
        "\tldp x29, x30, [sp], #96\n"
        "\tret\n"
        ".size runtime_entersyscall, .-runtime_entersyscall\n");
#endif
