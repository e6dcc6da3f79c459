// tangled from chapters/23-mprof.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The heap profiler: sampling, buckets, cycles and special records (Go's mprof.go).
#define _GNU_SOURCE
#include <execinfo.h>
#include <stdlib.h>
#include <ucontext.h>
#include "runtime.h"

uint32
fastrand(void)
{
    struct m *mp = getm();
    if (mp->fastrand == 0)
        mp->fastrand = (uint64)nanotime() ^ (uint64)(uintptr)mp;
    mp->fastrand += 0xa0761d6478bd642full;
    __uint128_t r = (__uint128_t)mp->fastrand * (mp->fastrand ^ 0xe7037ed1a0b428dbull);
    return (uint32)((uint64)(r >> 64) ^ (uint64)r);
}

// log2(x) for x >= 1: the exponent, then the mantissa's bits one by one.
static double
log2Bits(double x)
{
    double r = 0;
    while (x >= 2) {
        x /= 2;
        r += 1;
    }
    double bit = 0.5;
    for (int i = 0; i < 40; i++, bit /= 2) {
        x *= x;
        if (x >= 2) {
            x /= 2;
            r += bit;
        }
    }
    return r;
}

int32
fastexprand(int64 mean)
{
    if (mean > 0x7000000)
        mean = 0x7000000;
    else if (mean == 0)
        return 0;
    enum { randomBitCount = 26 };
    uint64 scaled = (uint64)fastrand() * ((uint64)1 << randomBitCount); // fastrandn(1 << 26)
    uint32 q = (uint32)(scaled >> 32) + 1;
    double qlog = log2Bits((double)q) - randomBitCount;
    if (qlog > 0)
        qlog = 0;
    const double minusLog2 = -0.6931471805599453;
    return (int32)(qlog * (minusLog2 * (double)mean)) + 1;
}

uintptr
nextSample(void)
{
    int64 rate = __atomic_load_n(&MemProfileRate, __ATOMIC_RELAXED);
    if (rate == 1)
        return 0;
    if (rate == 0)
        return ~(uintptr)0; // never: see runtime_SetMemProfileRate
    return (uintptr)fastexprand(rate);
}
void
profilealloc(struct mcache *c, void *x, uintptr size)
{
    c->nextSample = nextSample();
    mProf_Malloc(x, size);
}
int
runtime_SetMemProfileRate(int rate)
{
    if (rate < 0)
        return (int)__atomic_load_n(&MemProfileRate, __ATOMIC_RELAXED);
    stopTheWorld();
    int old = (int)__atomic_exchange_n(&MemProfileRate, (int64)rate, __ATOMIC_SEQ_CST);
    for (uint32 i = 0; i < nallp; i++)
        allp[i]->mcache->nextSample = nextSample();
    startTheWorld();
    return old;
}
mutex profInsertLock, profMemActiveLock, profMemFutureLock[3];
bucket *mbuckets;
static bucket **buckhash; // buckHashSize chains (atomic)

static void
memRecordCycle_add(memRecordCycle *a, const memRecordCycle *b)
{
    a->allocs += b->allocs;
    a->frees += b->frees;
    a->alloc_bytes += b->alloc_bytes;
    a->free_bytes += b->free_bytes;
}

static bucket *
newBucket(int typ, uintptr nstk)
{
    if (typ != memProfile)
        throw("invalid profile bucket type");
    uintptr size = sizeof(bucket) + nstk * sizeof(uintptr) + sizeof(memRecord);
    bucket *b = persistentalloc(size, 0, &memstats.buckhash_sys);
    b->typ = typ;
    b->nstk = nstk;
    return b;
}

static bool
bucket_matches(bucket *b, int typ, uintptr h, uintptr size, const uintptr *stk, uintptr nstk)
{
    return b->typ == typ && b->hash == h && b->size == size && b->nstk == nstk
           && memcmp(bucket_stk(b), stk, nstk * sizeof *stk) == 0;
}

bucket *
stkbucket(int typ, uintptr size, const uintptr *stk, uintptr nstk, bool alloc)
{
    bucket **bh = __atomic_load_n(&buckhash, __ATOMIC_ACQUIRE);
    if (bh == NULL) {
        lock(&profInsertLock);
        bh = __atomic_load_n(&buckhash, __ATOMIC_ACQUIRE);
        if (bh == NULL) {
            bh = sysAlloc(buckHashSize * sizeof(bucket *), &memstats.buckhash_sys);
            if (bh == NULL)
                throw("runtime: cannot allocate memory");
            __atomic_store_n(&buckhash, bh, __ATOMIC_RELEASE);
        }
        unlock(&profInsertLock);
    }
    uintptr h = 0;
    for (uintptr i = 0; i < nstk; i++) {
        h += stk[i];
        h += h << 10;
        h ^= h >> 6;
    }
    h += size;
    h += h << 10;
    h ^= h >> 6;
    h += h << 3;
    h ^= h >> 11;
    uintptr i = h % buckHashSize;
    for (bucket *b = __atomic_load_n(&bh[i], __ATOMIC_ACQUIRE); b != NULL; b = b->next)
        if (bucket_matches(b, typ, h, size, stk, nstk))
            return b;
    if (!alloc)
        return NULL;
    lock(&profInsertLock);
    for (bucket *b = __atomic_load_n(&bh[i], __ATOMIC_ACQUIRE); b != NULL; b = b->next)
        if (bucket_matches(b, typ, h, size, stk, nstk)) {
            unlock(&profInsertLock);
            return b;
        }
    bucket *b = newBucket(typ, nstk);
    memcpy(bucket_stk(b), stk, nstk * sizeof *stk);
    b->hash = h;
    b->size = size;
    b->next = bh[i];
    b->allnext = mbuckets;
    __atomic_store_n(&bh[i], b, __ATOMIC_RELEASE);
    __atomic_store_n(&mbuckets, b, __ATOMIC_RELEASE);
    unlock(&profInsertLock);
    return b;
}
extern char __start_gomm_text[] __attribute__((weak)), __stop_gomm_text[] __attribute__((weak));
extern char __start_gomm_text_cold[] __attribute__((weak)), __stop_gomm_text_cold[] __attribute__((weak));

bool
inRuntimeText(uintptr pc)
{
    return (pc >= (uintptr)__start_gomm_text && pc < (uintptr)__stop_gomm_text)
           || (pc >= (uintptr)__start_gomm_text_cold && pc < (uintptr)__stop_gomm_text_cold);
}

int
callers(uintptr *pcs, int max)
{
    void *buf[maxStack + 64];
    int n = backtrace(buf, maxStack + 64);
    int i = 0;
    while (i < n && !inRuntimeText((uintptr)buf[i]))
        i++;
    while (i < n && inRuntimeText((uintptr)buf[i]))
        i++;
    int k = 0;
    for (; i < n && k < max; i++)
        pcs[k++] = (uintptr)buf[i];
    return k;
}
enum { mProfCycleWrap = 3 * (2 << 24) };
static uint32 mProfCycle; // the cycle << 1 | flushed (atomic)

static uint32
mProfCycle_read(void)
{
    return atomic_Load(&mProfCycle) >> 1;
}

static uint32
mProfCycle_setFlushed(bool *alreadyFlushed)
{
    uint32 prev = atomic_Load(&mProfCycle);
    while (!__atomic_compare_exchange_n(&mProfCycle, &prev, prev | 1, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
    }
    *alreadyFlushed = (prev & 1) != 0;
    return prev >> 1;
}

void
mProf_NextCycle(void)
{
    uint32 prev = atomic_Load(&mProfCycle);
    for (;;) {
        uint32 next = (((prev >> 1) + 1) % mProfCycleWrap) << 1;
        if (__atomic_compare_exchange_n(&mProfCycle, &prev, next, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
            return;
    }
}

static void
mProf_FlushLocked(uint32 index)
{
    for (bucket *b = __atomic_load_n(&mbuckets, __ATOMIC_ACQUIRE); b != NULL; b = b->allnext) {
        memRecord *mp = bucket_mp(b);
        memRecordCycle_add(&mp->active, &mp->future[index]);
        memset(&mp->future[index], 0, sizeof mp->future[index]);
    }
}

void
mProf_Flush(void)
{
    bool alreadyFlushed;
    uint32 cycle = mProfCycle_setFlushed(&alreadyFlushed);
    if (alreadyFlushed)
        return;
    uint32 index = cycle % 3;
    lock(&profMemActiveLock);
    lock(&profMemFutureLock[index]);
    mProf_FlushLocked(index);
    unlock(&profMemFutureLock[index]);
    unlock(&profMemActiveLock);
}

void
mProf_PostSweep(void)
{
    uint32 index = (mProfCycle_read() + 1) % 3;
    lock(&profMemActiveLock);
    lock(&profMemFutureLock[index]);
    mProf_FlushLocked(index);
    unlock(&profMemFutureLock[index]);
    unlock(&profMemActiveLock);
}
void
mProf_Malloc(void *p, uintptr size)
{
    uintptr stk[maxStack];
    int nstk = callers(stk, maxStack);
    uint32 index = (mProfCycle_read() + 2) % 3;
    bucket *b = stkbucket(memProfile, size, stk, (uintptr)nstk, true);
    memRecordCycle *mpc = &bucket_mp(b)->future[index];
    lock(&profMemFutureLock[index]);
    mpc->allocs++;
    mpc->alloc_bytes += size;
    unlock(&profMemFutureLock[index]);
    setprofilebucket(p, b);
}

void
mProf_Free(bucket *b, uintptr size)
{
    uint32 index = (mProfCycle_read() + 1) % 3;
    memRecordCycle *mpc = &bucket_mp(b)->future[index];
    lock(&profMemFutureLock[index]);
    mpc->frees++;
    mpc->free_bytes += size;
    unlock(&profMemFutureLock[index]);
}
static mutex speciallock; // the heap's: guards specialprofilealloc
static fixalloc specialprofilealloc;
static bool specialprofileallocReady;

static bool
addspecial(void *p, special *s)
{
    mspan *span = spanOfHeap((uintptr)p);
    if (span == NULL)
        throw("addspecial on invalid pointer");
    uintptr offset = (uintptr)p - mspan_base(span);
    lock(&span->speciallock);
    special **t = &span->specials;
    for (special *x; (x = *t) != NULL; t = &x->next) {
        if (offset == x->offset && s->kind == x->kind) {
            unlock(&span->speciallock);
            return false;
        }
        if (offset < x->offset || (offset == x->offset && s->kind < x->kind))
            break;
    }
    s->offset = (uint16)offset;
    s->next = *t;
    __atomic_store_n(t, s, __ATOMIC_RELEASE);
    unlock(&span->speciallock);
    return true;
}

void
setprofilebucket(void *p, bucket *b)
{
    lock(&speciallock);
    if (!specialprofileallocReady) {
        fixalloc_init(&specialprofilealloc, sizeof(specialprofile), NULL, NULL, &memstats.other_sys);
        specialprofileallocReady = true;
    }
    specialprofile *s = fixalloc_alloc(&specialprofilealloc);
    unlock(&speciallock);
    s->special.kind = _KindSpecialProfile;
    s->b = b;
    if (!addspecial(p, &s->special))
        throw("setprofilebucket: profile already set");
}

static void
freeSpecial(special *s, uintptr size)
{
    if (s->kind != _KindSpecialProfile)
        throw("bad special kind");
    specialprofile *sp = (specialprofile *)s;
    mProf_Free(sp->b, size);
    lock(&speciallock);
    fixalloc_free(&specialprofilealloc, sp);
    unlock(&speciallock);
}
void
sweepSpecials(mspan *s, uintptr size)
{
    lock(&s->speciallock);
    special **pp = &s->specials;
    while (*pp != NULL) {
        special *sp = *pp;
        uintptr objIndex = sp->offset / size;
        if (!markBits_isMarked(mspan_markBitsForIndex(s, objIndex))) {
            *pp = sp->next;
            freeSpecial(sp, size);
        } else {
            pp = &sp->next;
        }
    }
    unlock(&s->speciallock);
}
static void
record(runtime_MemProfileRecord *r, bucket *b)
{
    memRecord *mp = bucket_mp(b);
    r->AllocBytes = (int64_t)mp->active.alloc_bytes;
    r->FreeBytes = (int64_t)mp->active.free_bytes;
    r->AllocObjects = (int64_t)mp->active.allocs;
    r->FreeObjects = (int64_t)mp->active.frees;
    memset(r->Stack0, 0, sizeof r->Stack0);
    memcpy(r->Stack0, bucket_stk(b), b->nstk * sizeof(uintptr));
}

int
runtime_MemProfile(runtime_MemProfileRecord *p, int len, int inuseZero, int *ok)
{
    uint32 index = mProfCycle_read() % 3;
    lock(&profMemActiveLock);
    lock(&profMemFutureLock[index]);
    mProf_FlushLocked(index);
    unlock(&profMemFutureLock[index]);
    bool clear = true;
    int n = 0;
    bucket *head = __atomic_load_n(&mbuckets, __ATOMIC_ACQUIRE);
    for (bucket *b = head; b != NULL; b = b->allnext) {
        memRecord *mp = bucket_mp(b);
        if (inuseZero || mp->active.alloc_bytes != mp->active.free_bytes)
            n++;
        if (mp->active.allocs != 0 || mp->active.frees != 0)
            clear = false;
    }
    if (clear) {
        n = 0;
        for (bucket *b = head; b != NULL; b = b->allnext) {
            memRecord *mp = bucket_mp(b);
            for (int c = 0; c < 3; c++) {
                lock(&profMemFutureLock[c]);
                memRecordCycle_add(&mp->active, &mp->future[c]);
                memset(&mp->future[c], 0, sizeof mp->future[c]);
                unlock(&profMemFutureLock[c]);
            }
            if (inuseZero || mp->active.alloc_bytes != mp->active.free_bytes)
                n++;
        }
    }
    *ok = n <= len;
    if (*ok) {
        int idx = 0;
        for (bucket *b = head; b != NULL; b = b->allnext) {
            memRecord *mp = bucket_mp(b);
            if (inuseZero || mp->active.alloc_bytes != mp->active.free_bytes)
                record(&p[idx++], b);
        }
    }
    unlock(&profMemActiveLock);
    return n;
}
static mutex tracelock;

// Prints the stack pcs (return addresses, innermost first) as Go's traceback does.
static void
printTraceback(uintptr *pcs, int n)
{
    runtime_Frames frames = runtime_CallersFrames(pcs, n);
    for (int i = 0; i < n; i++) {
        runtime_Frame f;
        runtime_Frames_Next(&frames, &f);
        if (f.Function == NULL) {
            print("?(...)\n\t?:0 pc=%#lx\n", (unsigned long)pcs[i]);
            continue;
        }
        print("%s(...)\n\t%s:%d +%#lx pc=%#lx\n", f.Function, f.File != NULL ? f.File : "?", f.Line,
              (unsigned long)(pcs[i] - f.Entry), (unsigned long)pcs[i]);
    }
}

// The caller's stack, from the function that called the caller of this one.
__attribute__((noinline)) static int
tracebackHere(uintptr *pcs, int max)
{
    void *buf[64];
    int n = backtrace(buf, 64);
    int k = 0;
    for (int i = 2; i < n && k < max; i++) // skip this function and the tracer
        pcs[k++] = (uintptr)buf[i];
    return k;
}

__attribute__((noinline)) void
tracealloc(void *p, uintptr size, _type *typ)
{
    uintptr pcs[64];
    int n = tracebackHere(pcs, 64);
    lock(&tracelock);
    if (typ == NULL)
        print("tracealloc(%p, %#lx)\n", p, (unsigned long)size);
    else
        print("tracealloc(%p, %#lx, %s)\n", p, (unsigned long)size, typ->name);
    print("goroutine %lld [running]:\n", (long long)getm()->id);
    printTraceback(pcs, n);
    print("\n");
    unlock(&tracelock);
}

__attribute__((noinline)) void
tracefree(void *p, uintptr size)
{
    uintptr pcs[64];
    int n = tracebackHere(pcs, 64);
    lock(&tracelock);
    print("tracefree(%p, %#lx)\n", p, (unsigned long)size);
    print("goroutine %lld [running]:\n", (long long)getm()->id);
    printTraceback(pcs, n);
    print("\n");
    unlock(&tracelock);
}

void
tracegc(void)
{
    lock(&tracelock);
    print("tracegc()\n");
    print("end tracegc\n");
    print("\n");
    unlock(&tracelock);
}
void
sigprofStack(struct m *mp, void *ucontext)
{
    ucontext_t *uc = ucontext;
#if defined(__x86_64__)
    uintptr pc = (uintptr)uc->uc_mcontext.gregs[REG_RIP];
#else
    uintptr pc = (uintptr)uc->uc_mcontext.pc;
#endif
    void *buf[64 + 16];
    int n = backtrace(buf, 64 + 16), i = 0;
    while (i < n && (uintptr)buf[i] != pc)
        i++;
    if (i == n) { // not found: skip the handler's frames and the trampoline
        for (i = 0; i < n && inRuntimeText((uintptr)buf[i]); i++) {
        }
        i++;
    }
    int k = 0;
    for (; i < n && k < 64; i++)
        mp->profStack[k++] = (uintptr)buf[i];
    mp->nprofStack = k;
    __atomic_store_n(&mp->profWanted, 0, __ATOMIC_RELEASE);
    futexwakeup(&mp->profWanted, 1);
}
mutex allmLock;
struct m *allm;

int
runtime_NumGoroutine(void)
{
    int n = 0;
    lock(&allmLock);
    for (struct m *mp = allm; mp != NULL; mp = mp->allnext)
        n++;
    unlock(&allmLock);
    return n;
}
// The records of every thread that uses the runtime, or NULL; *n is their number.  With
// current, each thread's current stack too.
threadRecord *
threadRecords(int *n, bool current)
{
    gcsemaAcquire();
    struct m *self = getm();
    lock(&allmLock);
    int count = 0;
    for (struct m *mp = allm; mp != NULL; mp = mp->allnext)
        count++;
    threadRecord *r = calloc((size_t)count + 1, sizeof *r);
    for (struct m *mp = allm; current && r != NULL && mp != NULL; mp = mp->allnext)
        if (mp != self) {
            __atomic_store_n(&mp->profWanted, 1, __ATOMIC_RELEASE);
            preemptM(mp); // one signal in flight serves both purposes
        }
    int64 deadline = nanotime() + 1000000000;
    int k = 0;
    for (struct m *mp = allm; r != NULL && mp != NULL; mp = mp->allnext, k++) {
        threadRecord *t = &r[k];
        lock(&sched.lock); // acquirep and releasep set these under it
        t->id = mp->id;
        t->status = mp->p == NULL ? "idle"
                    : __atomic_load_n(&mp->syscallsp, __ATOMIC_SEQ_CST) != 0 ? "syscall" : "running";
        unlock(&sched.lock);
        if (!current) {
            // the creation stack only
        } else if (mp == self) {
            t->nstack = callers(t->stack, 64);
        } else {
            int64 now;
            while (__atomic_load_n(&mp->profWanted, __ATOMIC_ACQUIRE) != 0 && (now = nanotime()) < deadline)
                futexsleep(&mp->profWanted, 1, deadline - now);
            if (__atomic_exchange_n(&mp->profWanted, 0, __ATOMIC_ACQ_REL) == 0) {
                t->nstack = mp->nprofStack;
                memcpy(t->stack, mp->profStack, (size_t)t->nstack * sizeof(uintptr));
            }
        }
        t->ncreate = mp->ncreateStack;
        memcpy(t->create, mp->createStack, (size_t)t->ncreate * sizeof(uintptr));
    }
    unlock(&allmLock);
    semrelease(&work.gcsema);
    *n = r != NULL ? count : 0;
    return r;
}
