// tangled from chapters/25-trace.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The execution tracer: Go 1.19's trace format, for go tool trace (Go's runtime/trace.go).
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "runtime.h"

static inline uint64
traceTicks(void)
{
    return (uint64)nanotime();
}

enum { traceTicksPerSecond = 1000 * 1000 * 1000 };
uint32 traceEnabled;

static struct {
    mutex lock;
    struct traceBuf *empty;
    struct traceBuf *fullHead, *fullTail;
    uint32 fullNote;
    bool shutdown;
    uint32 writerDone;
    FILE *w;
    bool werr;                 // a write failed
    mutex bufLock;
    struct traceBuf *buf;
    uint32 gen;
    uint64 seqGC;              // the next GCStart's sequence number
    uint64 markWorkerLabels[4]; // string ids of Go's gcMarkWorkerModeStrings
    struct m *workers[traceMaxWorkers]; // the mark workers, by number - 1
    uint32 nworkers;           // how many have a number (atomic; kept from trace to trace)
} trace;

static const char *const gcMarkWorkerModeStrings[4] = {"Not worker", "GC (dedicated)", "GC (fractional)",
                                                        "GC (idle)"};

static inline int32
tracePid(struct p *pp)
{
    return pp->id < maxGomaxprocs ? pp->id : pp->id + traceMaxWorkers;
}
enum { traceBufSize = 64 << 10 };

struct traceBuf {
    struct traceBuf *link; // in trace.empty or in the full queue
    uint64 lastTicks;      // the time of the last event written
    int32 pos;             // the next byte of arr to write
    byte arr[traceBufSize - 2 * sizeof(uint64) - sizeof(int64)];
};
_Static_assert(sizeof(struct traceBuf) == traceBufSize, "a trace buffer is 64 KiB");

static inline void
traceBuf_byte(struct traceBuf *buf, byte v)
{
    buf->arr[buf->pos++] = v;
}

static inline void
traceBuf_varint(struct traceBuf *buf, uint64 v)
{
    for (; v >= 0x80; v >>= 7)
        buf->arr[buf->pos++] = 0x80 | (byte)v;
    buf->arr[buf->pos++] = (byte)v;
}
static void
traceFullQueue(struct traceBuf *buf)
{
    buf->link = NULL;
    if (trace.fullHead == NULL)
        trace.fullHead = buf;
    else
        trace.fullTail->link = buf;
    trace.fullTail = buf;
    __atomic_add_fetch(&trace.fullNote, 1, __ATOMIC_SEQ_CST);
    futexwakeup(&trace.fullNote, 1);
}

static struct traceBuf *
traceFullDequeue(void)
{
    struct traceBuf *buf = trace.fullHead;
    if (buf == NULL)
        return NULL;
    trace.fullHead = buf->link;
    if (trace.fullHead == NULL)
        trace.fullTail = NULL;
    buf->link = NULL;
    return buf;
}

static struct traceBuf *
traceFlush(struct traceBuf *buf, int32 pid)
{
    lock(&trace.lock);
    if (buf != NULL)
        traceFullQueue(buf);
    if (trace.empty != NULL) {
        buf = trace.empty;
        trace.empty = buf->link;
    } else {
        buf = sysAlloc(sizeof(struct traceBuf), &memstats.other_sys);
        if (buf == NULL)
            throw("trace: out of memory");
    }
    buf->link = NULL;
    buf->pos = 0;
    uint64 ticks = traceTicks();
    if (ticks <= buf->lastTicks)
        ticks = buf->lastTicks + 1;
    buf->lastTicks = ticks;
    traceBuf_byte(buf, traceEvBatch | 1 << traceArgCountShift);
    traceBuf_varint(buf, (uint64)(int64)pid);
    traceBuf_varint(buf, ticks);
    unlock(&trace.lock);
    return buf;
}
static struct traceBuf **
traceAcquireBuffer(struct m *mp, int32 *pid)
{
    acquirem();
    struct p *pp = mp->p;
    if (pp != NULL && __atomic_load_n(&mp->syscallsp, __ATOMIC_SEQ_CST) == 0) {
        *pid = tracePid(pp);
        return &pp->tracebuf;
    }
    if (mp->traceworker != 0) {
        *pid = maxGomaxprocs + (int32)mp->traceworker - 1;
        return &mp->tracebuf;
    }
    lock(&trace.bufLock);
    *pid = traceGlobProc;
    return &trace.buf;
}

static void
traceReleaseBuffer(struct m *mp, int32 pid)
{
    if (pid == traceGlobProc)
        unlock(&trace.bufLock);
    releasem(mp);
}

static inline bool
traceWriting(struct m *mp)
{
    return atomic_Load(&traceEnabled) != 0 || mp->startingtrace;
}
static void
traceEventLocked(struct traceBuf **bufp, int32 pid, byte ev, bool hasStack, uint64 stack, int nargs,
                 const uint64 *args)
{
    enum { maxSize = 2 + 5 * traceBytesPerNumber };
    struct traceBuf *buf = *bufp;
    if (buf == NULL || (int32)sizeof buf->arr - buf->pos < maxSize)
        *bufp = buf = traceFlush(buf, pid);
    uint64 ticks = traceTicks();
    if (ticks <= buf->lastTicks)
        ticks = buf->lastTicks + 1;
    uint64 tickDiff = ticks - buf->lastTicks;
    buf->lastTicks = ticks;
    int narg = nargs + (hasStack ? 1 : 0);
    if (narg > 3)
        narg = 3;
    int32 start = buf->pos;
    traceBuf_byte(buf, ev | (byte)(narg << traceArgCountShift));
    byte *lenp = NULL;
    if (narg == 3) {
        traceBuf_varint(buf, 0);
        lenp = &buf->arr[buf->pos - 1];
    }
    traceBuf_varint(buf, tickDiff);
    for (int i = 0; i < nargs; i++)
        traceBuf_varint(buf, args[i]);
    if (hasStack)
        traceBuf_varint(buf, stack);
    int32 size = buf->pos - start;
    if (size > maxSize) {
        print("trace: event %d of %d bytes\n", ev, size);
        throw("invalid length of trace event");
    }
    if (lenp != NULL)
        *lenp = (byte)(size - 2);
}
enum { traceNoStack, traceEmptyStack, traceCallerStack };

static uint32 traceStackID(void);

static void
traceEvent(byte ev, int stack, int nargs, ...)
{
    uint64 args[4];
    va_list ap;
    va_start(ap, nargs);
    for (int i = 0; i < nargs; i++)
        args[i] = va_arg(ap, uint64);
    va_end(ap);
    struct m *mp = getm();
    uint32 id = stack == traceCallerStack ? traceStackID() : 0;
    int32 pid;
    struct traceBuf **bufp = traceAcquireBuffer(mp, &pid);
    if (traceWriting(mp))
        traceEventLocked(bufp, pid, ev, stack != traceNoStack, id, nargs, args);
    traceReleaseBuffer(mp, pid);
}
struct traceAllocBlock {
    struct traceAllocBlock *next;
    byte data[(64 << 10) - sizeof(void *)];
};

static struct {
    mutex lock;
    struct traceAllocBlock *head;
    uintptr off; // the next free byte of head->data
} traceMem;

static void *
traceAlloc(uintptr n)
{
    n = alignUp(n, sizeof(void *));
    if (n > sizeof(((struct traceAllocBlock *)0)->data))
        throw("trace: alloc too large");
    lock(&traceMem.lock);
    if (traceMem.head == NULL || traceMem.off + n > sizeof traceMem.head->data) {
        struct traceAllocBlock *b = sysAlloc(sizeof *b, &memstats.other_sys);
        if (b == NULL)
            throw("trace: out of memory");
        b->next = traceMem.head;
        traceMem.head = b;
        traceMem.off = 0;
    }
    void *p = traceMem.head->data + traceMem.off;
    traceMem.off += n;
    unlock(&traceMem.lock);
    return p;
}

static void
traceAlloc_drop(void)
{
    while (traceMem.head != NULL) {
        struct traceAllocBlock *b = traceMem.head;
        traceMem.head = b->next;
        sysFree(b, sizeof *b, &memstats.other_sys);
    }
    traceMem.off = 0;
}
struct traceStack {
    struct traceStack *link;
    uint64 hash;
    uint32 id;
    int32 n;
    uintptr stk[]; // the return addresses, innermost first
};

static struct {
    mutex lock;
    uint32 seq;
    struct traceStack *tab[1 << 13];
} traceStackTab;

static uint64
traceHash(const void *p, size_t n)
{
    uint64 h = 14695981039346656037ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ ((const byte *)p)[i]) * 1099511628211ull;
    return h;
}

static uint32
traceStackTable_put(const uintptr *pcs, int n)
{
    if (n <= 0)
        return 0;
    uint64 h = traceHash(pcs, (size_t)n * sizeof(uintptr));
    struct traceStack **bucket = &traceStackTab.tab[h % (sizeof traceStackTab.tab / sizeof traceStackTab.tab[0])];
    lock(&traceStackTab.lock);
    for (struct traceStack *s = *bucket; s != NULL; s = s->link)
        if (s->hash == h && s->n == n && memcmp(s->stk, pcs, (size_t)n * sizeof(uintptr)) == 0) {
            unlock(&traceStackTab.lock);
            return s->id;
        }
    struct traceStack *s = traceAlloc(sizeof *s + (uintptr)n * sizeof(uintptr));
    s->hash = h;
    s->id = ++traceStackTab.seq;
    s->n = n;
    memcpy(s->stk, pcs, (size_t)n * sizeof(uintptr));
    s->link = *bucket;
    *bucket = s;
    unlock(&traceStackTab.lock);
    return s->id;
}

static uint32
traceStackID(void)
{
    uintptr pcs[traceStackSize];
    return traceStackTable_put(pcs, callers(pcs, traceStackSize));
}
struct traceStringEntry {
    struct traceStringEntry *link;
    uint64 id;
    char s[];
};

static struct {
    mutex lock;
    uint64 seq;
    struct traceStringEntry *tab[1 << 12];
} traceStrings;

static uint64
traceStringID(const char *s, bool *isNew)
{
    *isNew = false;
    if (s == NULL || *s == '\0')
        return 0;
    size_t len = strlen(s);
    uint64 h = traceHash(s, len);
    struct traceStringEntry **bucket = &traceStrings.tab[h % (sizeof traceStrings.tab / sizeof traceStrings.tab[0])];
    lock(&traceStrings.lock);
    struct traceStringEntry *e;
    for (e = *bucket; e != NULL; e = e->link)
        if (strcmp(e->s, s) == 0)
            break;
    if (e == NULL) {
        e = traceAlloc(sizeof *e + len + 1);
        memcpy(e->s, s, len + 1);
        e->id = ++traceStrings.seq;
        e->link = *bucket;
        *bucket = e;
        *isNew = true;
    }
    unlock(&traceStrings.lock);
    return e->id;
}

// Write the dictionary entry of a new string; at most 1000 bytes of it, well below the reader's limit.
static void
traceBuf_string(struct traceBuf *buf, uint64 id, const char *s)
{
    size_t len = strlen(s);
    if (len > 1000)
        len = 1000;
    traceBuf_byte(buf, traceEvString);
    traceBuf_varint(buf, id);
    traceBuf_varint(buf, len);
    memcpy(buf->arr + buf->pos, s, len);
    buf->pos += (int32)len;
}
static void traceWrite(const void *p, size_t n);

static void
traceDumpFlush(struct traceBuf *buf, int32 room)
{
    if ((int32)sizeof buf->arr - buf->pos < room) {
        traceWrite(buf->arr, (size_t)buf->pos);
        buf->pos = 0;
    }
}

static void
traceDumpStacks(struct traceBuf *buf)
{
    enum { frameMax = 4 * traceBytesPerNumber, stackMax = 2 * traceBytesPerNumber + traceStackSize * frameMax };
    static byte tmp[stackMax]; // the writer is the only caller
    for (size_t b = 0; b < sizeof traceStackTab.tab / sizeof traceStackTab.tab[0]; b++)
        for (struct traceStack *s = traceStackTab.tab[b]; s != NULL; s = s->link) {
            struct traceBuf t = {.pos = 0};
            struct traceBuf *tp = &t; // the payload is built in tmp through a buffer's writers
            int32 pos = 0;
            runtime_Frames frames = runtime_CallersFrames(s->stk, s->n);
            uint64 head[2] = {s->id, (uint64)s->n};
            for (int i = 0; i < 2; i++) {
                tp->pos = 0;
                traceBuf_varint(tp, head[i]);
                memcpy(tmp + pos, tp->arr, (size_t)tp->pos);
                pos += tp->pos;
            }
            for (int k = 0; k < s->n; k++) {
                runtime_Frame f;
                runtime_Frames_Next(&frames, &f);
                bool isNew;
                uint64 fn = traceStringID(f.Function, &isNew);
                if (isNew) {
                    traceDumpFlush(buf, 1 + 2 * traceBytesPerNumber + 1000);
                    traceBuf_string(buf, fn, f.Function);
                }
                uint64 file = traceStringID(f.File, &isNew);
                if (isNew) {
                    traceDumpFlush(buf, 1 + 2 * traceBytesPerNumber + 1000);
                    traceBuf_string(buf, file, f.File);
                }
                uint64 v[4] = {f.PC, fn, file, (uint64)f.Line};
                tp->pos = 0;
                for (int i = 0; i < 4; i++)
                    traceBuf_varint(tp, v[i]);
                memcpy(tmp + pos, tp->arr, (size_t)tp->pos);
                pos += tp->pos;
            }
            traceDumpFlush(buf, 1 + traceBytesPerNumber + pos);
            traceBuf_byte(buf, traceEvStack | 3 << traceArgCountShift);
            traceBuf_varint(buf, (uint64)pos);
            memcpy(buf->arr + buf->pos, tmp, (size_t)pos);
            buf->pos += pos;
        }
}
enum { traceGnone, traceGrunnable, traceGrunning, traceGwaiting, traceGsyscall };

static inline uint32
traceStatus(struct m *mp)
{
    return mp->tracegen == atomic_Load(&trace.gen) ? mp->tracestatus : traceGnone;
}

static inline void
traceSetStatus(struct m *mp, uint32 status)
{
    mp->tracegen = atomic_Load(&trace.gen);
    mp->tracestatus = status;
}
static void
traceGoCreateLocked(struct traceBuf **bufp, int32 pid, struct m *mp)
{
    uintptr pc = mp->tracestartpc != 0 ? mp->tracestartpc : (uintptr)traceGoCreateLocked;
    uint32 id = mp->ncreateStack > 0 ? traceStackTable_put(mp->createStack, mp->ncreateStack)
                                     : traceStackTable_put(&pc, 1);
    traceEventLocked(bufp, pid, traceEvGoCreate, true, 0, 2, (uint64[]){(uint64)mp->id, id});
    mp->traceseq = 0;
    traceSetStatus(mp, traceGrunnable);
}
static void
traceGoRunLocked(struct traceBuf **bufp, int32 pid, struct m *mp, int mode)
{
    traceEventLocked(bufp, pid, traceEvProcStart, false, 0, 1, (uint64[]){(uint64)mp->id});
    switch (traceStatus(mp)) {
    case traceGnone:
        traceGoCreateLocked(bufp, pid, mp);
        break;
    case traceGwaiting:
        traceEventLocked(bufp, pid, traceEvGoUnblock, true, 0, 2, (uint64[]){(uint64)mp->id, ++mp->traceseq});
        break;
    case traceGsyscall:
        traceEventLocked(bufp, pid, traceEvGoSysExit, false, 0, 3, (uint64[]){(uint64)mp->id, ++mp->traceseq, 0});
        break;
    }
    if (mode != 0)
        traceEventLocked(bufp, pid, traceEvGoStartLabel, false, 0, 3,
                         (uint64[]){(uint64)mp->id, ++mp->traceseq, trace.markWorkerLabels[mode]});
    else
        traceEventLocked(bufp, pid, traceEvGoStart, false, 0, 2, (uint64[]){(uint64)mp->id, ++mp->traceseq});
    traceSetStatus(mp, traceGrunning);
}

// The thread's goroutine runs on its P (or a mark worker's trace P); nothing if it already does.
static void
traceThreadRun(int mode)
{
    struct m *mp = getm();
    int32 pid;
    struct traceBuf **bufp = traceAcquireBuffer(mp, &pid);
    if (traceWriting(mp) && pid != traceGlobProc && traceStatus(mp) != traceGrunning)
        traceGoRunLocked(bufp, pid, mp, mode);
    traceReleaseBuffer(mp, pid);
}

void
traceThreadStart(void)
{
    traceThreadRun(0);
}
void
traceThreadStop(byte ev, bool stack)
{
    struct m *mp = getm();
    bool hasStack = ev == traceEvGoBlock || ev == traceEvGoPreempt || ev == traceEvGoSched;
    uint32 id = hasStack && stack && traceStatus(mp) == traceGrunning ? traceStackID() : 0;
    int32 pid;
    struct traceBuf **bufp = traceAcquireBuffer(mp, &pid);
    if (traceWriting(mp) && pid != traceGlobProc && traceStatus(mp) == traceGrunning) {
        if (ev == traceEvGoSysBlock)
            traceEventLocked(bufp, pid, traceEvGoSysCall, true, 0, 0, NULL);
        traceEventLocked(bufp, pid, ev, hasStack, id, 0, NULL);
        traceEventLocked(bufp, pid, traceEvProcStop, false, 0, 0, NULL);
        traceSetStatus(mp, ev == traceEvGoEnd        ? traceGnone
                           : ev == traceEvGoSysBlock ? traceGsyscall
                           : ev == traceEvGoBlock    ? traceGwaiting
                                                     : traceGrunnable);
    }
    traceReleaseBuffer(mp, pid);
}
void
traceMarkWorkerStart(int mode)
{
    struct m *mp = getm();
    if (mp->traceworker == 0) {
        lock(&sched.lock);
        if (mp->id == 0)
            mp->id = ++sched.mnext;
        unlock(&sched.lock);
        uint32 n = __atomic_add_fetch(&trace.nworkers, 1, __ATOMIC_SEQ_CST);
        if (n > traceMaxWorkers)
            throw("trace: too many mark workers");
        mp->tracestartpc = (uintptr)__builtin_return_address(0);
        __atomic_store_n(&trace.workers[n - 1], mp, __ATOMIC_SEQ_CST);
        mp->traceworker = n;
    }
    traceThreadRun(mode);
}
void
traceGCStart(void)
{
    traceEvent(traceEvGCStart, traceCallerStack, 1, trace.seqGC);
    trace.seqGC++;
}

void
traceGCDone(void)
{
    traceEvent(traceEvGCDone, traceNoStack, 0);
}

void
traceGCSTWStart(int kind)
{
    traceEvent(traceEvGCSTWStart, traceNoStack, 1, (uint64)kind);
}

void
traceGCSTWDone(void)
{
    traceEvent(traceEvGCSTWDone, traceNoStack, 0);
}

void
traceHeapAlloc(void)
{
    traceEvent(traceEvHeapAlloc, traceNoStack, 1, atomic_Load64(&gcController.heapLive));
}

void
traceHeapGoal(void)
{
    uint64 goal = gcControllerState_heapGoal();
    traceEvent(traceEvHeapGoal, traceNoStack, 1, goal == ~(uint64)0 ? (uint64)0 : goal);
}

void
traceGomaxprocs(int32 procs)
{
    traceEvent(traceEvGomaxprocs, traceCallerStack, 1, (uint64)procs);
}
void
traceGCMarkAssistStart(void)
{
    if (traceStatus(getm()) == traceGrunning)
        traceEvent(traceEvGCMarkAssistStart, traceCallerStack, 0);
}

void
traceGCMarkAssistDone(void)
{
    if (traceStatus(getm()) == traceGrunning)
        traceEvent(traceEvGCMarkAssistDone, traceNoStack, 0);
}
static struct p *
traceSweepP(void)
{
    struct m *mp = getm();
    if (mp->p == NULL || __atomic_load_n(&mp->syscallsp, __ATOMIC_SEQ_CST) != 0)
        return NULL;
    if (mp->p->traceSweepGen != atomic_Load(&trace.gen))
        mp->p->traceSweep = 0; // left open by an earlier trace
    return mp->p;
}

void
traceGCSweepStart(void)
{
    struct p *pp = traceSweepP();
    if (pp == NULL)
        return;
    if (pp->traceSweep++ == 0) {
        pp->traceSweepGen = atomic_Load(&trace.gen);
        pp->traceSwept = pp->traceReclaimed = 0;
    }
}

void
traceGCSweepSpan(uintptr bytesSwept)
{
    struct p *pp = traceSweepP();
    if (pp == NULL || pp->traceSweep == 0)
        return;
    if (pp->traceSwept == 0)
        traceEvent(traceEvGCSweepStart, traceCallerStack, 0);
    pp->traceSwept += bytesSwept;
}

void
traceGCSweepReclaimed(uintptr bytes)
{
    struct p *pp = traceSweepP();
    if (pp != NULL && pp->traceSweep != 0)
        pp->traceReclaimed += bytes;
}

void
traceGCSweepDone(void)
{
    struct p *pp = traceSweepP();
    if (pp == NULL || pp->traceSweep == 0 || --pp->traceSweep != 0)
        return;
    if (pp->traceSwept != 0)
        traceEvent(traceEvGCSweepDone, traceNoStack, 2, (uint64)pp->traceSwept, (uint64)pp->traceReclaimed);
}
static void
traceWrite(const void *p, size_t n)
{
    if (n > 0 && fwrite(p, 1, n, trace.w) != n)
        trace.werr = true;
}

static void *
traceWriter(void *arg)
{
    (void)arg;
    traceWrite("go 1.19 trace\0\0\0", 16);
    for (;;) {
        uint32 note = atomic_Load(&trace.fullNote);
        lock(&trace.lock);
        struct traceBuf *buf = traceFullDequeue();
        bool shutdown = trace.shutdown;
        unlock(&trace.lock);
        if (buf != NULL) {
            traceWrite(buf->arr, (size_t)buf->pos);
            lock(&trace.lock);
            buf->link = trace.empty;
            trace.empty = buf;
            unlock(&trace.lock);
            continue;
        }
        if (shutdown)
            break;
        futexsleep(&trace.fullNote, note, -1);
    }
    struct traceBuf *buf = sysAlloc(sizeof(struct traceBuf), &memstats.other_sys);
    if (buf == NULL)
        throw("trace: out of memory");
    traceBuf_byte(buf, traceEvFrequency | 0 << traceArgCountShift);
    traceBuf_varint(buf, traceTicksPerSecond);
    traceDumpStacks(buf);
    traceWrite(buf->arr, (size_t)buf->pos);
    sysFree(buf, sizeof(struct traceBuf), &memstats.other_sys);
    if (fflush(trace.w) != 0)
        trace.werr = true;
    atomic_Store(&trace.writerDone, 1);
    futexwakeup(&trace.writerDone, 1);
    return NULL;
}
int
trace_Start(FILE *w)
{
    if (w == NULL)
        throw("trace_Start: w is NULL");
    stopTheWorld();
    lock(&trace.bufLock);
    if (atomic_Load(&traceEnabled) != 0 || trace.shutdown) {
        unlock(&trace.bufLock);
        startTheWorld();
        return -1;
    }
    trace.w = w;
    trace.werr = false;
    trace.writerDone = 0;
    trace.seqGC = 0;
    atomic_Store(&trace.gen, trace.gen + 1);
    if (newosproc(traceWriter, NULL) != 0)
        throw("trace_Start: cannot start the writer thread");
    struct m *self = getm();
    self->startingtrace = true;
    unlock(&trace.bufLock); // the caller's events below may go to the global buffer
    {
        int32 pid;
        struct traceBuf **bufp = traceAcquireBuffer(self, &pid);
        lock(&allmLock);
        for (struct m *mp = allm; mp != NULL; mp = mp->allnext) {
            if (mp == self && mp->p != NULL && __atomic_load_n(&mp->syscallsp, __ATOMIC_SEQ_CST) == 0)
                continue; // the caller runs: below
            traceGoCreateLocked(bufp, pid, mp);
            if (mp->p == NULL) {
                traceEventLocked(bufp, pid, traceEvGoWaiting, false, 0, 1, (uint64[]){(uint64)mp->id});
                mp->traceseq++;
                traceSetStatus(mp, traceGwaiting);
            } else if (__atomic_load_n(&mp->syscallsp, __ATOMIC_SEQ_CST) != 0) {
                traceEventLocked(bufp, pid, traceEvGoInSyscall, false, 0, 1, (uint64[]){(uint64)mp->id});
                mp->traceseq++;
                traceSetStatus(mp, traceGsyscall);
            }
        }
        unlock(&allmLock);
        traceReleaseBuffer(self, pid);
    }
    traceThreadRun(0);
    {
        int32 pid;
        struct traceBuf **bufp = traceAcquireBuffer(self, &pid);
        for (int i = 1; i < 4; i++) {
            bool isNew;
            trace.markWorkerLabels[i] = traceStringID(gcMarkWorkerModeStrings[i], &isNew);
            if (*bufp == NULL || (int32)sizeof(*bufp)->arr - (*bufp)->pos < 64)
                *bufp = traceFlush(*bufp, pid);
            if (isNew)
                traceBuf_string(*bufp, trace.markWorkerLabels[i], gcMarkWorkerModeStrings[i]);
        }
        traceReleaseBuffer(self, pid);
    }
    self->startingtrace = false;
    atomic_Store(&traceEnabled, 1);
    traceGomaxprocs(gomaxprocs);
    startTheWorld();
    return 0;
}
int
trace_Stop(void)
{
    stopTheWorld();
    if (atomic_Load(&traceEnabled) == 0) {
        startTheWorld();
        return 0;
    }
    traceThreadStop(traceEvGoSched, true);
    lock(&trace.bufLock);
    lock(&trace.lock);
    for (uint32 i = 0; i < nallp; i++)
        if (allp[i]->tracebuf != NULL) {
            traceFullQueue(allp[i]->tracebuf);
            allp[i]->tracebuf = NULL;
        }
    uint32 nw = atomic_Load(&trace.nworkers);
    for (uint32 i = 0; i < nw && i < traceMaxWorkers; i++) {
        struct m *mp = __atomic_load_n(&trace.workers[i], __ATOMIC_SEQ_CST);
        if (mp != NULL && mp->tracebuf != NULL) {
            traceFullQueue(mp->tracebuf);
            mp->tracebuf = NULL;
        }
    }
    if (trace.buf != NULL) {
        traceFullQueue(trace.buf);
        trace.buf = NULL;
    }
    atomic_Store(&traceEnabled, 0);
    trace.shutdown = true;
    __atomic_add_fetch(&trace.fullNote, 1, __ATOMIC_SEQ_CST);
    futexwakeup(&trace.fullNote, 1);
    unlock(&trace.lock);
    unlock(&trace.bufLock);
    startTheWorld();
    bool enter = __atomic_load_n(&getm()->syscallsp, __ATOMIC_SEQ_CST) == 0;
    if (enter) // the writer may take a while: let the world stop meanwhile
        runtime_entersyscall();
    while (atomic_Load(&trace.writerDone) == 0)
        futexsleep(&trace.writerDone, 0, -1);
    if (enter)
        runtime_exitsyscall();
    lock(&trace.lock);
    if (trace.fullHead != NULL)
        throw("trace: non-empty full trace buffer");
    while (trace.empty != NULL) {
        struct traceBuf *buf = trace.empty;
        trace.empty = buf->link;
        sysFree(buf, sizeof *buf, &memstats.other_sys);
    }
    lock(&traceStackTab.lock);
    memset(traceStackTab.tab, 0, sizeof traceStackTab.tab);
    traceStackTab.seq = 0;
    unlock(&traceStackTab.lock);
    lock(&traceStrings.lock);
    memset(traceStrings.tab, 0, sizeof traceStrings.tab);
    traceStrings.seq = 0;
    unlock(&traceStrings.lock);
    traceAlloc_drop();
    trace.shutdown = false;
    unlock(&trace.lock);
    return trace.werr ? -1 : 0;
}

int
trace_IsEnabled(void)
{
    return atomic_Load(&traceEnabled) != 0;
}
