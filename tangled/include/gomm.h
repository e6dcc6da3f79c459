// tangled from chapters/01-memory.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
/**
 * \file gomm.h
 * \brief The public interface of gomm, a C implementation of the memory
 * manager and garbage collector of Go 1.19.8's runtime.
 *
 * Names follow Go's user-facing API with the package as a prefix:
 * runtime_GC() is Go's runtime.GC(), debug_SetGCPercent() is
 * runtime/debug.SetGCPercent().  Each function's documentation cites the
 * Go function it mirrors and says where the C version differs.
 */
#ifndef GOMM_H
#define GOMM_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * \brief The runtime's version string, as runtime_Version() returns it.
 *
 * Mirrors the variable runtime.buildVersion.  Its address is taken below so
 * that every program including this header links the runtime's start-up
 * code (see proc.c), which a static library would otherwise leave out.
 */
extern const char runtime_buildVersion[];
/** \cond */
static const char *const gomm_linkStartup __attribute__((used)) = runtime_buildVersion;
/** \endcond */

/**
 * \brief The version of the Go runtime this library mirrors, and of the
 * library itself: "go1.19.8 gomm/" followed by the library version.
 *
 * Mirrors runtime.Version().
 */
const char *runtime_Version(void);

/**
 * \brief The number of logical CPUs the process may run on, read once at
 * start-up from the affinity mask (sched_getaffinity).
 *
 * Mirrors runtime.NumCPU().
 */
int runtime_NumCPU(void);

/**
 * \brief Sets the number of P's (Go's logical processors) and returns the
 * previous setting; n < 1 only queries.
 *
 * Mirrors runtime.GOMAXPROCS().  At start-up the value comes from the
 * environment variable GOMAXPROCS, as in Go, and defaults to
 * runtime_NumCPU().  Unlike Go, it does not limit how many threads
 * allocate at once: a thread that finds no idle P gets a new one; and
 * values above 1024 are taken as 1024.
 */
int runtime_GOMAXPROCS(int n);

/**
 * \brief Gives the calling thread a P (a per-processor allocation cache)
 * now, rather than at its first allocation.
 *
 * Go's threads acquire a P in the scheduler; a C thread acquires one
 * implicitly on its first allocation, or explicitly with this call.
 */
void runtime_ThreadAttach(void);

/**
 * \brief Gives the calling thread's P back, with its caches, for another
 * thread to use.  A thread's P is given back when it exits in any case.
 */
void runtime_ThreadDetach(void);

/**
 * \brief A type descriptor: what the runtime knows of a C type whose
 * values it allocates, mirroring Go's runtime._type.
 *
 * Define one with GOMM_TYPE() or GOMM_TYPE_NOPTR(); the fields after
 * nptrs are the runtime's, filled in on first use.
 */
typedef struct runtime_Type {
    size_t size;            /**< sizeof the type */
    size_t align;           /**< its alignment */
    const char *name;       /**< its name, for error messages */
    const size_t *ptroffs;  /**< offsets of the pointer fields */
    size_t nptrs;           /**< how many there are */
    size_t ptrdata;         /**< bytes of the prefix that may hold pointers (runtime) */
    const uint8_t *gcdata;  /**< one bit per word of that prefix, 1 = pointer (runtime) */
    uint32_t state;         /**< 0 new, 1 being completed, 2 ready (runtime) */
} runtime_Type;

/**
 * \brief Defines a type descriptor `name` for the C type `T`, whose pointer
 * fields are at the offsets given (use offsetof).
 */
#define GOMM_TYPE(name, T, ...)                                                 \
    static const size_t name##_ptroffs[] = {__VA_ARGS__};                       \
    runtime_Type name = {sizeof(T), _Alignof(T), #T, name##_ptroffs,            \
                         sizeof(name##_ptroffs) / sizeof(size_t), 0, 0, 0}

/** \brief Defines a type descriptor `name` for the C type `T`, which holds no pointers. */
#define GOMM_TYPE_NOPTR(name, T) runtime_Type name = {sizeof(T), _Alignof(T), #T, 0, 0, 0, 0, 0}

/**
 * \brief Allocates a zeroed object of type t on the garbage-collected heap.
 *
 * Mirrors new(T), which Go compiles to runtime.newobject.
 */
void *runtime_new(runtime_Type *t);

/**
 * \brief Allocates size bytes (zeroed if needzero) for values of type t,
 * or of no pointer type if t is NULL.
 *
 * Mirrors runtime.mallocgc.  size must be a multiple of t->size (one
 * value or an array of them); anything else is a fatal error.  Memory for
 * a type with pointers is zeroed even if needzero is 0, since the
 * collector must never read old bytes as pointers.
 */
void *runtime_mallocgc(size_t size, runtime_Type *t, int needzero);

/**
 * \brief Allocates the zeroed backing array of a slice of cap elements of
 * type elem, checking len and cap as Go's make([]T, len, cap) does.
 *
 * Mirrors runtime.makeslice: a negative or too large len or cap panics
 * with Go's message ("makeslice: len out of range") and exit status 2.
 */
void *runtime_makeslice(runtime_Type *elem, intptr_t len, intptr_t cap);

/**
 * \brief Allocates a zeroed array of n values of type t.
 *
 * Mirrors runtime.newarray (make of an array, or new([n]T)): a negative n
 * or a size that overflows panics with Go's message.
 */
void *runtime_newarray(runtime_Type *t, intptr_t n);

/**
 * \brief Copies a value of type t from src to dst, telling the collector
 * about the pointers it overwrites.
 *
 * Mirrors runtime.typedmemmove, which Go uses for every assignment of a
 * value with pointers that the compiler does not open-code.
 */
void runtime_typedmemmove(runtime_Type *t, void *dst, const void *src);

/** \brief Zeroes a value of type t at p (runtime.typedmemclr). */
void runtime_typedmemclr(runtime_Type *t, void *p);
/**
 * \name Garbage collection
 *
 * The heap is garbage-collected, as Go's is (Go 1.19.8's mgc.go).  An
 * object stays alive while it is reachable from a \b root:
 *  - the stack and registers of every thread that holds a P (a thread
 *    gets one on its first allocation, or with runtime_ThreadAttach(),
 *    and keeps it until runtime_ThreadDetach() or its exit), scanned
 *    conservatively: any word that points into an allocated object,
 *    interior pointers included, keeps it alive;
 *  - the writable data and bss of the program and of every shared
 *    library loaded (but not of the sanitizer runtimes), scanned
 *    conservatively too;
 *  - and, transitively, the pointer fields of reachable heap objects,
 *    scanned precisely with their type (GOMM_TYPE()): only the fields
 *    declared as pointers are read, and objects without pointers are
 *    never scanned.
 *
 * Nothing else is a root.  In particular, memory from malloc(), mmap() or
 * any allocator other than this one is \b not scanned: a heap object
 * whose only reference is stored there will be freed.  Neither are the
 * stacks of threads that hold no P, thread-local (__thread) variables,
 * nor the heap pointers hidden by arithmetic (XOR lists, tagged pointers
 * beyond the object's bounds).  An optimizing C compiler may hide one
 * too: with the object's own address dead, it may keep only an address
 * derived from it (p - i, for a loop that indexes p[i + k]) that lies
 * outside the object, and the object is freed while in use.  Where a
 * function uses an object after its last plain use of the pointer, call
 * runtime_KeepAlive(p) after that use, as Go programs call
 * runtime.KeepAlive.
 *
 * The collector marks concurrently with the program, as Go's does: it
 * stops the world twice per cycle, briefly, and marks in threads of its
 * own meanwhile.  While it marks, every store of a heap pointer into a
 * heap object or a global must go through the write barrier
 * (runtime_writePointer(), GOMM_STORE(), runtime_typedmemmove(),
 * runtime_typedslicecopy(), runtime_memclrHasPointers()); a store that
 * bypasses it may lose a live object.  Objects allocated while it marks
 * are kept until the next cycle.
 *
 * While it marks, an allocating thread pays for what it allocates with
 * mark work of its own (Go's mutator assists), in proportion, so that
 * the mark ends about when the heap reaches its goal.  Any allocation may
 * therefore take longer during a mark; when there is no work left to do
 * and the collector's threads have not yet earned the thread's debt, the
 * allocation waits for them (inside a blocking call, so the collector
 * never waits for the thread in turn).  A thread holding a runtime lock
 * never assists.
 *
 * The collector signals threads with SIGURG, as Go does: to stop the
 * world, and, while it marks, to have each thread that holds a P scan its
 * own stack and flush its barrier buffer at a safe point (in the signal
 * handler).  A program must not install its own SIGURG handler, nor block
 * SIGURG in threads that hold a P.  As in Go since 1.14, a thread that
 * holds a P may see a slow system call that SA_RESTART does not restart
 * (a sleep, poll, select, a wait with a timeout) fail with EINTR; retry
 * it.  A thread blocked in a call announced with runtime_entersyscall()
 * is not waited for by a stop, but may still be signalled to scan its
 * stack.  GOGC, GOMEMLIMIT (see debug_SetMemoryLimit) and GODEBUG
 * (gctrace=1, gcpacertrace=1, gccheckmark=1, clobberfree=1,
 * gcstoptheworld=1|2, which mark with the world stopped) are read at
 * start-up as Go reads them.
 * @{
 */

/**
 * \brief Runs a garbage collection, blocking the caller until it is
 * complete, and finishes sweeping before it returns.
 *
 * Mirrors runtime.GC().  With GODEBUG=gctrace=1 its line ends in
 * " (forced)".
 */
void runtime_GC(void);

/**
 * \brief Keeps p, and so the object it points into, reachable from this
 * thread up to the point of the call (Go's runtime.KeepAlive).
 *
 * It costs nothing but keeping p in a register or the frame until then.
 */
static inline void
runtime_KeepAlive(const void *p)
{
    __asm__ volatile("" : : "r"(p) : "memory");
}

/** \brief The write barrier's flag, Go's runtime.writeBarrier: set while
 * the collector needs to see pointer stores. */
struct runtime_writeBarrierFlags {
    uint8_t enabled; /**< the barrier is on: stores call runtime_gcWriteBarrier() */
    uint8_t pad[3];  /**< Go's padding, kept so that the layout is Go's */
    uint8_t needed;  /**< the phase needs it (the runtime's own view) */
    uint8_t cgo;     /**< Go's flag for cgo checks; unused here */
    uint64_t alignme; /**< Go's alignment filler */
};
/** \brief The write barrier's flag. */
extern struct runtime_writeBarrierFlags runtime_writeBarrier;

/**
 * \brief Stores ptr in *slot with the collector's barrier: the slow half
 * of runtime_writePointer(), Go's gcWriteBarrier.
 */
void runtime_gcWriteBarrier(void **slot, void *ptr);

/** \cond INTERNAL */
#if defined(__x86_64__)
#define GOMM_WB_FASTPATH(slot, ptr, slow)                                       \
    __asm__ goto("1:\n\tcmpb $0, %0\n\tjne %l[" #slow "]\n\tmovq %2, (%1)\n2:\n"    \
                 "\t.pushsection gomm_wbseq,\"aw\"\n\t.balign 8\n\t.quad 1b, 2b\n\t.popsection" \
                 : : "m"(runtime_writeBarrier.enabled), "r"(slot), "r"(ptr)     \
                 : "memory", "cc" : slow)
#elif defined(__aarch64__)
#define GOMM_WB_FASTPATH(slot, ptr, slow)                                       \
    __asm__ goto("1:\n\tldrb w16, %0\n\tcbnz w16, %l[" #slow "]\n\tstr %2, [%1]\n2:\n" \
                 "\t.pushsection gomm_wbseq,\"aw\"\n\t.balign 8\n\t.quad 1b, 2b\n\t.popsection" \
                 : : "Q"(runtime_writeBarrier.enabled), "r"(slot), "r"(ptr)     \
                 : "memory", "x16" : slow)
#else
#error "gomm: the write barrier's fast path knows amd64 and arm64 only"
#endif

// The whole barrier, as a statement: the fast path, and the call of the slow one.
#define GOMM_WB_STORE_(slot, ptr)                                               \
    do {                                                                        \
        GOMM_WB_FASTPATH(slot, ptr, gomm_wb_slow_);                             \
        return;                                                                 \
    gomm_wb_slow_:                                                              \
        runtime_gcWriteBarrier(slot, ptr);                                      \
    } while (0)

extern uintptr_t __start_gomm_wbseq[] __attribute__((weak, visibility("hidden")));
extern uintptr_t __stop_gomm_wbseq[] __attribute__((weak, visibility("hidden")));
void runtime_registerBarrierSites(uintptr_t *start, uintptr_t *stop);

/* Every file that includes gomm.h registers its module's barrier sites;
 * the runtime keeps each module once. */
__attribute__((constructor(101), used)) static void
gomm_registerBarrierSites(void)
{
    runtime_registerBarrierSites(__start_gomm_wbseq, __stop_gomm_wbseq);
}
/** \endcond */

/**
 * \brief Stores the pointer ptr into *slot, where slot is a field of a
 * heap object or a global variable: what Go's compiler emits for every
 * such store.
 *
 * \b Every store of a pointer into a heap object allocated by this
 * runtime, or into a global or static variable, must go through this
 * function or GOMM_STORE(); so must copies of values with pointers
 * (runtime_typedmemmove(), runtime_typedslicecopy()) and clears
 * (runtime_memclrHasPointers()).  Stores into local variables (the
 * stack) need no barrier, nor do stores of non-pointer data.  A store
 * into an object just allocated may skip the barrier only while the slot
 * still holds NULL and the value stored is not a pointer into this heap
 * (NULL, or the address of a global), as Go's compiler does.
 *
 * While the collector does not mark, the barrier is one load and a
 * branch; while it marks, the old and the new pointer are recorded in a
 * per-P buffer (Go's wbBuf).
 */
static inline void
runtime_writePointer(void **slot, void *ptr)
{
    GOMM_WB_STORE_(slot, ptr);
}

/**
 * \brief Stores rhs into the pointer lvalue lhs with the write barrier:
 * `GOMM_STORE(n->left, child)` is Go's `n.left = child`.  The types are
 * checked as for a plain assignment.
 */
#define GOMM_STORE(lhs, rhs)                                                    \
    do {                                                                        \
        (void)sizeof((lhs) = (rhs));                                            \
        runtime_writePointer((void **)&(lhs), (void *)(rhs));                   \
    } while (0)

/**
 * \brief Announces that the calling thread is about to block (read a
 * socket, wait for a lock or another thread, sleep): the collector will
 * not wait for it to stop the world.
 *
 * Mirrors runtime.entersyscall, which Go's system-call wrappers call.
 * Until runtime_exitsyscall() the thread must not allocate, nor read or
 * write heap objects; its stack is scanned from this call up, with the
 * registers it had.  The thread must hold a P.
 */
void runtime_entersyscall(void);

/**
 * \brief Ends a blocking call announced by runtime_entersyscall(); waits
 * first if the world is stopped.  Mirrors runtime.exitsyscall.
 */
void runtime_exitsyscall(void);

/** @} */
/**
 * \brief Sets the collection target percentage (GOGC) and returns the
 * previous one; a negative value turns the collector off.
 *
 * Mirrors runtime/debug.SetGCPercent(): the new goal takes effect at
 * once; turning the collector off waits for a cycle in progress to end.
 */
int debug_SetGCPercent(int percent);

/**
 * \brief Copies min(dstLen, srcLen) values of type t from src to dst with
 * the write barrier, and returns how many: Go's copy() of slices whose
 * elements hold pointers (runtime.typedslicecopy).
 */
size_t runtime_typedslicecopy(runtime_Type *t, void *dst, size_t dstLen, const void *src, size_t srcLen);

/**
 * \brief Zeroes n bytes at p, which may hold pointers into the heap, with
 * the write barrier (runtime.memclrHasPointers); n and p are
 * pointer-aligned.
 */
void runtime_memclrHasPointers(void *p, size_t n);

/**
 * \brief Sets the soft memory limit, in bytes, and returns the previous
 * one; a negative limit changes nothing and only returns the current one
 * (runtime/debug.SetMemoryLimit).
 *
 * The limit is on the memory the runtime has mapped and not released:
 * heap objects, free heap pages not yet returned, and the runtime's own
 * structures.  INT64_MAX, the default, means no limit.  The environment
 * variable GOMEMLIMIT sets the initial limit, read at start-up as Go
 * reads it: a byte count with an optional unit B, KiB, MiB, GiB or TiB,
 * or "off"; any other value stops the program with Go's message.  The
 * collector runs as often as it must to keep the heap under the goal
 * this limit implies, with GOGC off too (debug_SetGCPercent(-1)), which
 * is how Go programs use a limit alone.
 */
int64_t debug_SetMemoryLimit(int64_t limit);
/**
 * \brief Runs a garbage collection, then returns as much memory to the
 * operating system as possible.
 *
 * Mirrors runtime/debug.FreeOSMemory().  A background scavenger returns
 * free memory on its own too, at about 1 % of one CPU, whenever the heap
 * holds more than about 10 % over what it is expected to need (GODEBUG
 * scavtrace=1 prints one line per cycle about it).
 */
void debug_FreeOSMemory(void);
/**
 * \brief The collector's account of its own cost and of the heap's peaks,
 * summed or taken over every cycle since start-up (gomm's own: Go 1.19
 * prints these figures per cycle in GODEBUG=gctrace=1 lines).
 */
typedef struct runtime_PacerStats {
    uint64_t Cycles;          /**< cycles counted here: NumGC */
    uint64_t AssistCPUNs;     /**< CPU time of mutator assists */
    uint64_t BackgroundCPUNs; /**< of dedicated and fractional mark workers */
    uint64_t IdleCPUNs;       /**< of idle mark workers */
    uint64_t PauseCPUNs;      /**< of the stopped phases: each pause times the P's */
    uint64_t TotalCPUNs;      /**< AssistCPUNs + BackgroundCPUNs + PauseCPUNs, gctrace's "%" numerator */
    uint64_t PeakHeap;        /**< the largest heap at the end of a mark (gctrace's second MB figure) */
    uint64_t PeakMapped;      /**< the largest mapped memory at the end of a mark */
    uint64_t PeakMarked;      /**< the largest marked heap (gctrace's third MB figure) */
    uint64_t LastHeapGoal;    /**< the goal of the last cycle */
    uint32_t LimiterLastEnabledCycle; /**< the CPU limiter was last on before this cycle; 0: never */
    uint64_t LastHeapScan;    /**< the heap scan work of the last cycle, bytes (gcpacertrace's first work figure) */
} runtime_PacerStats;

/** \brief Fills *s (see runtime_PacerStats). */
void runtime_ReadPacerStats(runtime_PacerStats *s);
/**
 * \brief Statistics of the memory allocator and collector: Go's
 * runtime.MemStats, field for field.
 */
typedef struct runtime_MemStats {
    /* General statistics. */
    uint64_t Alloc;        /**< bytes of allocated heap objects (= HeapAlloc) */
    uint64_t TotalAlloc;   /**< cumulative bytes allocated for heap objects */
    uint64_t Sys;          /**< bytes of memory obtained from the OS: the sum of the *Sys fields */
    uint64_t Lookups;      /**< always 0, as in Go */
    uint64_t Mallocs;      /**< cumulative heap objects allocated (tiny ones included) */
    uint64_t Frees;        /**< cumulative heap objects freed (tiny ones counted as freed at once) */
    /* Heap memory statistics. */
    uint64_t HeapAlloc;    /**< bytes of allocated heap objects, reachable or not yet swept */
    uint64_t HeapSys;      /**< bytes of heap memory mapped: HeapInuse + HeapIdle */
    uint64_t HeapIdle;     /**< bytes in free heap pages, released or not */
    uint64_t HeapInuse;    /**< bytes in in-use spans */
    uint64_t HeapReleased; /**< bytes of free heap pages returned to the OS */
    uint64_t HeapObjects;  /**< allocated heap objects: Mallocs - Frees */
    /* Stack memory statistics. */
    uint64_t StackInuse;   /**< always 0: the threads' stacks are the C library's */
    uint64_t StackSys;     /**< always 0, likewise */
    /* Off-heap memory statistics. */
    uint64_t MSpanInuse;   /**< bytes of mspan structures in use */
    uint64_t MSpanSys;     /**< bytes mapped for mspan structures */
    uint64_t MCacheInuse;  /**< bytes of mcache structures in use */
    uint64_t MCacheSys;    /**< bytes mapped for mcache structures */
    uint64_t BuckHashSys;  /**< bytes of the heap profiler's buckets and hash table */
    uint64_t GCSys;        /**< bytes of the collector's metadata (bitmaps, work buffers, page summaries) */
    uint64_t OtherSys;     /**< bytes of other runtime structures */
    /* Garbage collector statistics. */
    uint64_t NextGC;       /**< the heap goal of the next cycle */
    uint64_t LastGC;       /**< when the last cycle ended, ns since 1970; 0 if none */
    uint64_t PauseTotalNs; /**< cumulative ns the collector stopped the world */
    uint64_t PauseNs[256]; /**< recent cycles' stop-the-world time, ns: cycle N's (both
                                pauses) is at [(N+255)%256] */
    uint64_t PauseEnd[256]; /**< when those pauses ended, ns since 1970 */
    uint32_t NumGC;        /**< cycles completed */
    uint32_t NumForcedGC;  /**< of them, forced by runtime_GC() */
    double GCCPUFraction;  /**< the collector's share of the CPU time available since start-up */
    int EnableGC;          /**< always 1, as in Go */
    int DebugGC;           /**< always 0, as in Go */
    /** Allocations by size class: BySize[i] counts the objects of Size
     * bytes, those of more than BySize[i-1].Size; objects larger than
     * BySize[60].Size are not here (as in Go). */
    struct {
        uint32_t Size;    /**< the size class's object size */
        uint64_t Mallocs; /**< cumulative objects of that size allocated */
        uint64_t Frees;   /**< cumulative objects of that size freed */
    } BySize[61];
} runtime_MemStats;

/**
 * \brief Fills *m with the current statistics (runtime.ReadMemStats()).
 *
 * As Go's, it stops the world and flushes every P's cache, so that every
 * allocation so far is counted; the figures are one consistent snapshot.
 * Called while a cycle's concurrent mark runs, it waits for the mark to
 * end (see the book, chapter "Statistics").  The calling thread needs no
 * P (the call attaches one), and may be inside runtime_entersyscall().
 */
void runtime_ReadMemStats(runtime_MemStats *m);
/** \brief The kind of a metric's value (runtime/metrics.ValueKind). */
typedef enum metrics_ValueKind {
    metrics_KindBad = 0,           /**< no such metric */
    metrics_KindUint64,            /**< Value.Uint64 */
    metrics_KindFloat64,           /**< Value.Float64 */
    metrics_KindFloat64Histogram,  /**< Value.Histogram */
} metrics_ValueKind;

/**
 * \brief A histogram (runtime/metrics.Float64Histogram): Counts[i] counts
 * the values in [Buckets[i], Buckets[i+1]); there are NCounts counts and
 * NCounts+1 bucket bounds, the first possibly -Inf and the last +Inf.
 * metrics_Read allocates both arrays with malloc() when Counts is NULL,
 * and reuses them otherwise; free them with metrics_FreeHistogram().
 */
typedef struct metrics_Float64Histogram {
    uint64_t *Counts; /**< NCounts counts */
    double *Buckets;  /**< NCounts+1 bounds, increasing */
    size_t NCounts;   /**< the number of counts */
} metrics_Float64Histogram;

/** \brief A metric's value (runtime/metrics.Value). */
typedef struct metrics_Value {
    metrics_ValueKind Kind;             /**< which of the three fields holds the value */
    uint64_t Uint64;                    /**< the value of a metrics_KindUint64 metric */
    double Float64;                     /**< the value of a metrics_KindFloat64 metric */
    metrics_Float64Histogram Histogram; /**< the value of a metrics_KindFloat64Histogram metric */
} metrics_Value;

/** \brief A name and its value (runtime/metrics.Sample). */
typedef struct metrics_Sample {
    const char *Name;    /**< the metric's name, which the caller sets */
    metrics_Value Value; /**< its value, which metrics_Read sets */
} metrics_Sample;

/** \brief A metric's description (runtime/metrics.Description). */
typedef struct metrics_Description {
    const char *Name;        /**< the metric's name: a path, a colon and a unit */
    const char *Description; /**< what it measures, here */
    metrics_ValueKind Kind;  /**< the kind of its value */
    int Cumulative;          /**< 1 if the value only grows */
} metrics_Description;

/**
 * \brief The metrics this runtime supports, *n of them: Go 1.19's list
 * (runtime/metrics.All), in the same order.
 */
const metrics_Description *metrics_All(size_t *n);

/**
 * \brief Fills the values of n samples, whose names the caller set
 * (runtime/metrics.Read).  Does not stop the world; the heap figures of
 * one call are one consistent snapshot.  A name not in metrics_All()
 * gets metrics_KindBad.  Calls may come from any thread.
 */
void metrics_Read(metrics_Sample *samples, size_t n);

/** \brief Frees the arrays metrics_Read allocated for a histogram. */
void metrics_FreeHistogram(metrics_Float64Histogram *h);
/** \brief One frame of a call stack (runtime.Frame). */
typedef struct runtime_Frame {
    uintptr_t PC;         /**< the program counter: for a return address, the call's (one byte back) */
    const char *Function; /**< the function's name, or NULL if unknown */
    const char *File;     /**< the source file, or NULL without DWARF line information (build with -g) */
    int Line;             /**< the line, or 0 */
    uintptr_t Entry;      /**< the function's entry address, or 0 */
} runtime_Frame;

/** \brief An iterator over the frames of a stack (runtime.Frames). */
typedef struct runtime_Frames {
    const uintptr_t *pcs; /**< the return addresses, innermost first */
    int n;                /**< how many */
    int i;                /**< the next one */
} runtime_Frames;

/**
 * \brief The frames of a stack of return addresses, such as
 * runtime_MemProfileRecord.Stack0 (runtime.CallersFrames).  Names come
 * from the executable's symbol table and the dynamic loader, files and
 * lines from its DWARF line table.
 */
runtime_Frames runtime_CallersFrames(const uintptr_t *pcs, int n);

/**
 * \brief Fills *frame with the next frame and returns whether more follow
 * (runtime.Frames.Next); past the end, fills a zero frame and returns 0.
 */
int runtime_Frames_Next(runtime_Frames *ci, runtime_Frame *frame);
/**
 * \brief Sets the heap profile's sampling rate and returns the previous
 * one; a negative rate changes nothing (runtime.MemProfileRate).
 *
 * On average one allocation per rate bytes allocated is recorded, with
 * its call stack; 1 records every allocation, 0 none.  The default is
 * 512 KiB, or GODEBUG=memprofilerate=N.  The call stops the world.
 */
int runtime_SetMemProfileRate(int rate);
/** \brief One bucket of the heap profile (runtime.MemProfileRecord). */
typedef struct runtime_MemProfileRecord {
    int64_t AllocBytes;   /**< bytes allocated (sampled, not scaled) */
    int64_t FreeBytes;    /**< bytes freed (sampled) */
    int64_t AllocObjects; /**< objects allocated (sampled) */
    int64_t FreeObjects;  /**< objects freed (sampled) */
    uintptr_t Stack0[32];              /**< the call stack, innermost first; ends at the first 0 */
} runtime_MemProfileRecord;

/**
 * \brief Copies the heap profile (runtime.MemProfile): returns the number
 * of records n, and if n <= len fills p[0..n) and sets *ok to 1; else
 * sets *ok to 0 (call again with a longer array).  With inuseZero,
 * records whose objects were all freed are included too.  The profile
 * is as of the last completed collection cycle.
 */
int runtime_MemProfile(runtime_MemProfileRecord *p, int len, int inuseZero, int *ok);
/**
 * \brief Writes the named profile to w (runtime/pprof's
 * Lookup(name).WriteTo(w, debug)): "heap" (in-use and allocated, by call
 * stack), "allocs" (the same data, shown as allocations by default),
 * "goroutine" (every thread that uses the runtime, by current stack;
 * debug 2 prints each thread's traceback) or "threadcreate" (the same
 * threads, by the stack they had when they first took a P).  The
 * goroutine profile signals every other thread to find its stack: a
 * blocking call in progress may return early with EINTR, as calls in Go
 * programs may since Go 1.14's preemption signal.
 *
 * debug 0 writes gzipped profile.proto for `go tool pprof`, which reads
 * the functions, files and lines from the program's DWARF information
 * (build with -g); debug 1 writes Go's text form.  Returns 0, or -1 for
 * an unknown name or a write error.  Stops the world briefly.
 */
int pprof_WriteTo(const char *name, FILE *w, int debug);

/** \brief pprof_WriteTo("heap", w, 0) (runtime/pprof.WriteHeapProfile). */
int pprof_WriteHeapProfile(FILE *w);
/**
 * \brief The number of threads that use the runtime: that took a P and
 * have not exited (runtime.NumGoroutine; here a goroutine is a thread).
 */
int runtime_NumGoroutine(void);
/**
 * \brief Starts tracing the program into w, in Go 1.19's execution
 * trace format, which `go tool trace` reads (runtime/trace.Start).
 *
 * The trace records, with nanosecond times, the collector's cycles,
 * its stops of the world, the mark workers' turns, the assists, the
 * sweeps that threads do as they allocate, the live heap and its goal,
 * and for each thread that uses the runtime (a goroutine, in the trace)
 * when it runs on a P, blocks, enters a blocking call and leaves it.
 * A thread of the runtime writes w until trace_Stop returns: the
 * program must not use w meanwhile.  The call stops the world, and
 * waits for a collection in progress to end.  Returns 0, or -1 if a
 * trace is already being taken.
 */
int trace_Start(FILE *w);
/**
 * \brief Stops the trace, and returns once all of it is written and w
 * flushed (runtime/trace.Stop).  Returns 0, -1 if a write to w failed,
 * and 0 without doing anything if no trace is being taken.
 */
int trace_Stop(void);
/** \brief Whether a trace is being taken: 1 or 0 (runtime/trace.IsEnabled). */
int trace_IsEnabled(void);
/**
 * \brief A set of temporary objects that may be saved and taken back
 * individually (sync.Pool).  Its zero value is an empty pool; set New
 * to make values when it is empty.
 *
 * A pool is safe for use by several threads at once.  It must be a
 * global, a static, or a field of a heap object, and must not be
 * copied after first use.  The collector empties it: what is put in a
 * pool may be freed once two cycles have passed without a Get taking
 * it.  The runtime keeps every pool that has been used in a list, so a
 * pool in a heap object lives at least as long as the list holds it.
 */
typedef struct sync_Pool {
    void *local;           /**< the runtime's: the per-P storage, on the heap */
    uintptr_t localSize;   /**< the runtime's: how many P's it has slots for */
    void *victim;          /**< the runtime's: the storage of the last cycle */
    uintptr_t victimSize;  /**< the runtime's: its number of slots */
    void *(*New)(void);    /**< makes a value for Get when the pool is empty; may be NULL */
} sync_Pool;

/**
 * \brief Adds x, a pointer to a heap object of this runtime, to the pool
 * (sync.Pool.Put).  A NULL x is ignored.  The calling thread must hold a
 * P (runtime_ThreadAttach), and not be inside runtime_entersyscall.
 */
void sync_Pool_Put(sync_Pool *p, void *x);

/**
 * \brief Takes an arbitrary object out of the pool and returns it
 * (sync.Pool.Get): one the caller or another thread put, or, if the
 * pool is empty, what New returns (NULL without New).  The caller must
 * not assume anything about the object's contents.  The same rules as
 * for sync_Pool_Put apply to the calling thread.
 */
void *sync_Pool_Get(sync_Pool *p);
/**
 * \name Benchmarks (Go's testing.B)
 *
 * A benchmark function runs the operation it measures b->N times.  The
 * harness calls it with growing N until the run takes the benchmark
 * time (1 s, or -test.benchtime), and reports the time, the bytes and
 * the heap objects allocated per operation, read from
 * runtime_ReadMemStats.  Allocation between StopTimer and StartTimer,
 * or before ResetTimer, is not counted.  The calling thread must be
 * attached (runtime_ThreadAttach); one benchmark runs at a time.
 * @{
 */
/** \brief A running benchmark (testing.B); see struct testing_B. */
typedef struct testing_B testing_B;

/** \brief A benchmark's result (testing.BenchmarkResult). */
typedef struct testing_BenchmarkResult {
    int64_t N;          /**< the number of iterations of the last run */
    int64_t T;          /**< its time, in nanoseconds */
    int64_t Bytes;      /**< bytes processed in one iteration (SetBytes) */
    uint64_t MemAllocs; /**< heap objects allocated in the run */
    uint64_t MemBytes;  /**< bytes allocated in the run */
} testing_BenchmarkResult;

/** \brief A running benchmark (testing.B). */
struct testing_B {
    int64_t N;                      /**< run the operation this many times */
    void *Arg;                      /**< the benchmark's argument (C has no closures) */
    void (*benchFunc)(testing_B *); /**< the harness's: the function */
    int64_t benchTimeN;             /**< the harness's: -test.benchtime=Nx, or 0 */
    int64_t benchTimeD;             /**< the harness's: -test.benchtime as a duration, ns */
    int64_t bytes;                  /**< the harness's: SetBytes */
    int timerOn;                    /**< the harness's: the timer runs */
    int showAllocResult;            /**< the harness's: ReportAllocs was called */
    int64_t start;                  /**< the harness's: when the timer last started, ns */
    int64_t duration;               /**< the harness's: the time measured so far, ns */
    uint64_t startAllocs;           /**< the harness's: Mallocs when the timer started */
    uint64_t startBytes;            /**< the harness's: TotalAlloc when the timer started */
    uint64_t netAllocs;             /**< the harness's: objects the timed parts allocated */
    uint64_t netBytes;              /**< the harness's: bytes the timed parts allocated */
    testing_BenchmarkResult result; /**< the harness's: the result of the last run */
};

/** \brief Starts timing (B.StartTimer); the harness calls it before the function. */
void testing_B_StartTimer(testing_B *b);
/** \brief Stops timing, for set-up that must not be measured (B.StopTimer). */
void testing_B_StopTimer(testing_B *b);
/** \brief Zeroes the time and allocation counts so far (B.ResetTimer). */
void testing_B_ResetTimer(testing_B *b);
/** \brief Records the bytes one iteration processes, for MB/s (B.SetBytes). */
void testing_B_SetBytes(testing_B *b, int64_t n);
/** \brief Reports B/op and allocs/op for this benchmark even without -test.benchmem. */
void testing_B_ReportAllocs(testing_B *b);

/** \brief Runs f as a benchmark, with arg as b->Arg (testing.Benchmark). */
testing_BenchmarkResult testing_Benchmark(void (*f)(testing_B *), void *arg);

/** \brief ns/op (BenchmarkResult.NsPerOp). */
int64_t testing_BenchmarkResult_NsPerOp(testing_BenchmarkResult r);
/** \brief allocs/op (BenchmarkResult.AllocsPerOp). */
int64_t testing_BenchmarkResult_AllocsPerOp(testing_BenchmarkResult r);
/** \brief B/op (BenchmarkResult.AllocedBytesPerOp). */
int64_t testing_BenchmarkResult_AllocedBytesPerOp(testing_BenchmarkResult r);
/** \brief Writes Go's "N  x ns/op" summary into buf (BenchmarkResult.String). */
void testing_BenchmarkResult_String(testing_BenchmarkResult r, char *buf, size_t len);
/** \brief Writes Go's "x B/op  y allocs/op" into buf (BenchmarkResult.MemString). */
void testing_BenchmarkResult_MemString(testing_BenchmarkResult r, char *buf, size_t len);

/** \brief A named benchmark function (testing.InternalBenchmark), with its argument. */
typedef struct testing_InternalBenchmark {
    const char *Name;          /**< "BenchmarkSomething" */
    void (*F)(testing_B *b);   /**< the function */
    void *Arg;                 /**< its b->Arg */
} testing_InternalBenchmark;

/**
 * \brief Runs the benchmarks that -test.bench selects (all without it) and
 * prints Go's lines: "goos:", "goarch:", "cpu:", a line per benchmark, "PASS".
 *
 * Flags (also without "test."): -test.bench=regexp (POSIX extended),
 * -test.benchtime=1s|100ms|500x, -test.benchmem, -test.count=n.  A bad
 * flag prints Go's message and the program exits with status 2.
 * Returns 0.
 */
int testing_Main(int argc, char **argv, const testing_InternalBenchmark *benchmarks, int n);

/**
 * \brief Sets one of the flags testing_Main takes ("test.benchtime",
 * "test.benchmem", ...) from a program, as Go's flag.Set does; it also
 * governs testing_Benchmark.  Returns 0, or -1 with a message on standard
 * error for an unknown flag or a bad value.
 */
int testing_SetFlag(const char *name, const char *value);
/** @} */

#ifdef __cplusplus
}
#endif

#endif /* GOMM_H */
