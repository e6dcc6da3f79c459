// tangled from chapters/01-memory.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The runtime's internal interface, shared by the files of the library.
#ifndef GOMM_RUNTIME_H
#define GOMM_RUNTIME_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "gomm.h"

typedef int8_t int8;
typedef int16_t int16;
typedef int32_t int32;
typedef int64_t int64;
typedef uint8_t uint8;
typedef uint16_t uint16;
typedef uint32_t uint32;
typedef uint64_t uint64;
typedef uintptr_t uintptr;
typedef unsigned char byte;
enum { ptrSize = 8, _64bit = 1 };
#define heapAddrBits 48
extern uintptr physPageSize;     // bytes in a page of the MMU; set by osinit
extern uintptr physHugePageSize; // bytes in a transparent huge page, or 0; set by osinit
extern int32 ncpu;               // CPUs in the affinity mask; set by osinit
static inline uintptr alignUp(uintptr n, uintptr a) { return (n + a - 1) & ~(a - 1); }
static inline uintptr alignDown(uintptr n, uintptr a) { return n & ~(a - 1); }
static inline uintptr divRoundUp(uintptr n, uintptr a) { return (n + a - 1) / a; }
#ifndef __has_feature
#define __has_feature(x) 0
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__) \
    || __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
enum { underSanitizer = 1 };
#else
enum { underSanitizer = 0 };
#endif
static inline uint32 atomic_Load(const uint32 *p) { return __atomic_load_n(p, __ATOMIC_SEQ_CST); }
static inline void atomic_Store(uint32 *p, uint32 v) { __atomic_store_n(p, v, __ATOMIC_SEQ_CST); }
static inline uint64 atomic_Load64(const uint64 *p) { return __atomic_load_n(p, __ATOMIC_SEQ_CST); }
static inline void atomic_Store64(uint64 *p, uint64 v) { __atomic_store_n(p, v, __ATOMIC_SEQ_CST); }
static inline uint64 atomic_Xadd64(uint64 *p, int64 d) { return __atomic_add_fetch(p, (uint64)d, __ATOMIC_SEQ_CST); }
static inline bool atomic_Cas64(uint64 *p, uint64 old, uint64 new)
{ return __atomic_compare_exchange_n(p, &old, new, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); }
void print(const char *format, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void throw(const char *s);

#ifndef GOMM_DEBUG
#define GOMM_DEBUG 0
#endif
#define debugAssert(cond, msg) \
    do { if (GOMM_DEBUG && !(cond)) { print("runtime: failed: %s\n", #cond); throw(msg); } } while (0)
struct debugVars {
    int32 allocfreetrace;   // trace every allocation and free
    int32 clobberfree;      // overwrite freed objects with a pattern
    int32 efence;           // one object per span, never reused
    int32 gccheckmark;      // verify marking with a second, STW mark
    int32 gcpacertrace;     // print the pacer's state
    int32 gcstoptheworld;   // 1: no concurrent mark; 2: no concurrent sweep either
    int32 gctrace;          // one line per collection
    int32 invalidptr;       // crash on a pointer into freed or unused memory
    int32 madvdontneed;     // release memory with MADV_DONTNEED, not MADV_FREE
    int32 sbrk;             // never free: a trivial allocator
    int32 scavtrace;        // one line per scavenger cycle
    int32 harddecommit;     // also remove access to released memory
    bool malloc;            // any of allocfreetrace, sbrk: take mallocgc's slow checks
};
extern struct debugVars debug;
extern int64 MemProfileRate; // GODEBUG=memprofilerate=N; for the heap profiler (still to come)
void parsedebugvars(void);
bool atoi64(const char *s, size_t len, int64 *out);
typedef uint64 sysMemStat;

static inline uint64 sysMemStat_load(sysMemStat *s) { return atomic_Load64(s); }

static inline void sysMemStat_add(sysMemStat *s, int64 n)
{
    uint64 val = atomic_Xadd64(s, n);
    if ((n > 0 && (int64)val < n) || (n < 0 && (int64)val + n < n)) {
        print("runtime: val=%llu n=%lld\n", (unsigned long long)val, (long long)n);
        throw("sysMemStat overflow");
    }
}
struct gcControllerState {
    uint64 mappedReady; // bytes of address space in the Ready state (atomic)
    sysMemStat heapInUse;    // bytes in in-use spans
    sysMemStat heapFree;     // bytes of free pages that are Ready
    sysMemStat heapReleased; // bytes of free pages that are Prepared (mapped, released)
    uint64 heapLive;         // bytes live at the last mark plus allocated since (atomic)
    uint64 heapScan; // bytes of the heap that may hold pointers; fixed while marking (atomic)
    int32 gcPercent;      // GOGC; negative: off
    uint64 heapMinimum;   // the smallest goal
    uint64 heapMarked;    // bytes marked by the last cycle
    uint64 gcPercentHeapGoal; // the goal GOGC sets for the next cycle (atomic)
    uint64 lastHeapGoal;  // the goal of the cycle that just ended
    uint64 stackScan;     // bytes of stack scanned in the last cycle (atomic)
    uint64 globalsScan;   // bytes of data and bss scanned
    int64 assistTime;         // CPU time of this cycle's assists, ns (atomic)
    int64 dedicatedMarkTime;  // of its dedicated mark workers (atomic)
    int64 fractionalMarkTime; // of its fractional mark worker (atomic)
    int64 idleMarkTime;       // of its idle mark workers (atomic)
    int64 heapScanWork;   // bytes of heap scanned this cycle (atomic)
    int64 dedicatedMarkWorkersNeeded;  // dedicated workers this cycle
    double fractionalUtilizationGoal;  // the fractional worker's share of each P
    int32 maxIdleMarkWorkers;          // idle workers allowed this cycle
    int64 markStartTime;               // when this mark began (nanotime)
    int64 memoryLimit;  // GOMEMLIMIT, bytes; INT64_MAX when there is none (atomic)
    uint64 totalAlloc;  // bytes of heap objects allocated, counted as spans leave caches (atomic)
    uint64 totalFree;   // bytes of heap objects the sweeper freed (atomic)
    double consMark;       // the allocation rate over the mark rate, smoothed (endCycle)
    struct piController {  // mgcpacer.go:piController
        double kp, ti, tt;  // gain, integral time and reset time
        double min, max;    // the output's bounds
        double errIntegral; // the integral of the error so far
        bool errOverflow, inputOverflow;
    } consMarkController;
    uint64 triggered;      // the trigger the mark started at; ~0 outside a mark (atomic)
    uint64 lastHeapScan;   // the heap scan work of the last cycle
    uint64 lastStackScan;  // the stack scan work of the last cycle
    uint64 runway;              // the heap growth a mark is expected to take (atomic)
    uint64 sweepDistMinTrigger; // the lowest trigger that leaves the sweeper its distance (atomic)
    double assistWorkPerByte;  // scan work an assist owes per byte allocated (atomic)
    double assistBytesPerWork; // its inverse (atomic)
    int64 bgScanCredit;        // the workers' scan work that no assist has claimed (atomic)
    uint64 globalsScanWork;    // bytes of data and bss scanned this cycle (atomic)
};
extern struct gcControllerState gcController;
void *sysAlloc(uintptr n, sysMemStat *sysStat);
void sysFree(void *v, uintptr n, sysMemStat *sysStat);
void *sysReserve(void *v, uintptr n);
void sysMap(void *v, uintptr n, sysMemStat *sysStat);
void sysUsed(void *v, uintptr n, uintptr prepared);
void sysUnused(void *v, uintptr n);
void sysFault(void *v, uintptr n);
void sysHugePage(void *v, uintptr n);
void sysNoHugePage(void *v, uintptr n);

void *sysAllocOS(uintptr n);
void sysFreeOS(void *v, uintptr n);
void *sysReserveOS(void *v, uintptr n);
void sysMapOS(void *v, uintptr n);
void sysUsedOS(void *v, uintptr n);
void sysUnusedOS(void *v, uintptr n);
void sysFaultOS(void *v, uintptr n);
void sysHugePageOS(void *v, uintptr n);
void sysNoHugePageOS(void *v, uintptr n);
extern uint32 adviseUnused; // MADV_FREE, or MADV_DONTNEED once the kernel refused MADV_FREE
void osinit(void);
void schedinit(void);
enum { maxGomaxprocs = 1024 };
#include "sizeclasses.h"

enum {
    _TinySize = 16,      // objects below this, without pointers, share 16-byte blocks
    _TinySizeClass = 2,  // the class of a tiny block
    maxTinySize = _TinySize,
    numSpanClasses = _NumSizeClasses << 1,
    tinySpanClass = _TinySizeClass << 1 | 1,
};

static inline uint8 sizeToClass(uintptr size)
{
    if (size <= smallSizeMax - 8)
        return size_to_class8[divRoundUp(size, smallSizeDiv)];
    return size_to_class128[divRoundUp(size - smallSizeMax, largeSizeDiv)];
}
typedef struct mutex {
    uint32 key; // mutex_unlocked, mutex_locked or mutex_sleeping
} mutex;

void lock(mutex *l);
void unlock(mutex *l);
void futexsleep(uint32 *addr, uint32 val, int64 ns);
void futexwakeup(uint32 *addr, uint32 cnt);
enum { persistentChunkSize = 256 << 10 };

// The types that later chapters' statistics hold
typedef struct heapStatsDelta {
    // Memory, in bytes (deltas: a single delta may be negative).
    int64 committed; // heap memory made Ready: in spans, or free and not released
    int64 released;  // heap memory released to the OS (Prepared), free
    int64 inHeap;    // heap memory in in-use spans
    // Allocations and frees, cumulative.
    uint64 tinyAllocCount;                    // tiny allocations (chapter 8), each also in smallAllocCount's block
    uint64 largeAlloc;                        // bytes of large objects allocated
    uint64 largeAllocCount;                   // large objects allocated
    uint64 smallAllocCount[_NumSizeClasses];  // small objects allocated, by size class
    uint64 largeFree;                         // bytes of large objects freed
    uint64 largeFreeCount;                    // large objects freed
    uint64 smallFreeCount[_NumSizeClasses];   // small objects freed, by size class
} heapStatsDelta;

typedef struct consistentHeapStats {
    heapStatsDelta stats[3]; // writers add to stats[gen]; see the chapter
    uint32 gen;              // 0, 1 or 2 (atomic)
    mutex noPLock;           // for writers without a P, and the reader's move of gen
} consistentHeapStats;

enum {
    timeHistSubBucketBits = 4,
    timeHistNumSubBuckets = 1 << timeHistSubBucketBits,
    timeHistNumSuperBuckets = 45,
    timeHistTotalBuckets = timeHistNumSuperBuckets * timeHistNumSubBuckets + 1,
};

typedef struct timeHistogram {
    uint64 counts[timeHistNumSuperBuckets * timeHistNumSubBuckets]; // (atomic)
    uint64 underflow;                                               // negative durations (atomic)
} timeHistogram;

enum { memProfile = 1, buckHashSize = 179999, maxStack = 32 };

typedef struct memRecordCycle {
    uintptr allocs, frees;
    uintptr alloc_bytes, free_bytes;
} memRecordCycle;

typedef struct memRecord {
    memRecordCycle active;    // the published cycles' counts (under profMemActiveLock)
    memRecordCycle future[3]; // cycles C, C+1, C+2 at [C%3] ... (under profMemFutureLock[i])
} memRecord;

typedef struct bucket {
    struct bucket *next;    // the next bucket in this hash chain
    struct bucket *allnext; // the next bucket of all (mbuckets)
    int typ;                // memProfile: the only kind here
    uintptr hash;
    uintptr size;           // the objects' size
    uintptr nstk;           // the number of program counters that follow
} bucket;
enum { _KindSpecialProfile = 2 };

typedef struct special {
    struct special *next; // sorted by offset, then kind
    uint16 offset;        // the object's offset in its span
    uint8 kind;
} special;

typedef struct specialprofile {
    special special;
    struct bucket *b;
} specialprofile;
struct mstats {
    sysMemStat other_sys; // memory of the runtime's own that no other statistic counts
    sysMemStat mspan_sys;  // mspan structures
    sysMemStat mcache_sys; // mcache structures
    sysMemStat gcMiscSys;  // arena metadata, gcBits, the page allocator's summaries
    bool enablegc;  // the collector may run: set at the end of start-up
    uint32 numgc;   // cycles finished
    uint32 numforcedgc; // of them, forced by runtime_GC
    uint64 pause_total_ns;
    uint64 pause_ns[256];  // the pause of each recent cycle, a ring indexed by numgc
    uint64 pause_end[256]; // when each ended, ns since 1970
    uint64 nfreed; // objects freed by the sweeper (atomic)
    uint64 lastHeapInUse; // heapInUse at the last mark termination
    double gc_cpu_fraction; // the collector's share of the CPU since start-up, at the last cycle
    consistentHeapStats heapStats; // the consistent statistics
    timeHistogram gcPauseDist; // the collector's stops of the world, ns
    sysMemStat buckhash_sys; // the heap profiler's buckets and their hash table
};
extern struct mstats memstats;

void *persistentalloc(uintptr size, uintptr align, sysMemStat *sysStat);
bool inPersistentAlloc(uintptr p);
enum { _FixAllocChunk = 16 << 10 };

typedef struct mlink {
    struct mlink *next;
} mlink;

typedef struct fixalloc {
    uintptr size;
    void (*first)(void *arg, void *p);
    void *arg;
    mlink *list;
    uintptr chunk;
    uint32 nchunk;
    uint32 nalloc; // bytes in a new chunk: _FixAllocChunk rounded down to a multiple of size
    uintptr inuse;
    sysMemStat *stat;
    bool zero;
} fixalloc;

void fixalloc_init(fixalloc *f, uintptr size, void (*first)(void *arg, void *p), void *arg, sysMemStat *stat);
void *fixalloc_alloc(fixalloc *f);
void fixalloc_free(fixalloc *f, void *p);
enum {
    _PageSize = 1 << _PageShift,
    pageShift = _PageShift,
    pageSize = _PageSize,
    logHeapArenaBytes = 26,
    pagesPerArena = (1 << logHeapArenaBytes) / pageSize,
    heapArenaBitmapBytes = (1 << logHeapArenaBytes) / ptrSize / 4, // 2 bits per word
    arenaL1Bits = 0,
    arenaL2Bits = heapAddrBits - logHeapArenaBytes - arenaL1Bits,
    arenaL1Shift = arenaL2Bits,
    arenaBits = arenaL1Bits + arenaL2Bits,
    minPhysPageSize = 4096,      // the MMU pages the runtime accepts: at least this,
    maxPhysPageSize = 512 << 10, // at most this, and a power of two
};
#define heapArenaBytes ((uintptr)1 << logHeapArenaBytes)
#define heapArenaWords (heapArenaBytes / ptrSize)
#if defined(__x86_64__)
#define arenaBaseOffset ((uintptr)0xffff800000000000)
#else
#define arenaBaseOffset ((uintptr)0)
#endif
typedef uint8 spanClass;
static inline spanClass makeSpanClass(uint8 sizeclass, bool noscan) { return (spanClass)(sizeclass << 1 | (noscan ? 1 : 0)); }
static inline int8 spanClass_sizeclass(spanClass sc) { return (int8)(sc >> 1); }
static inline bool spanClass_noscan(spanClass sc) { return (sc & 1) != 0; }

typedef enum { mSpanDead, mSpanInUse, mSpanManual } mSpanState;
typedef struct { uint8 s; } mSpanStateBox;
static inline void mSpanStateBox_set(mSpanStateBox *b, mSpanState s) { __atomic_store_n(&b->s, (uint8)s, __ATOMIC_SEQ_CST); }
static inline mSpanState mSpanStateBox_get(mSpanStateBox *b) { return (mSpanState)__atomic_load_n(&b->s, __ATOMIC_SEQ_CST); }

// gcBits are the bytes of a span's allocation or mark bitmap: bit n of the
// bitmap is bit n%8 of byte n/8.
typedef uint8 gcBits;
static inline uint8 *gcBits_bytep(gcBits *b, uintptr n) { return b + n; }
typedef struct mspan {
    struct mspan *next;        // in an mSpanList, or NULL
    struct mspan *prev;
    struct mSpanList *list;    // the list it is in (for checking)

    uintptr startAddr;         // the first byte of the span: mspan_base
    uintptr npages;            // length in pages

    uintptr freeindex;         // slots below are not free (see above); 0 <= freeindex <= nelems
    uintptr nelems;            // objects in the span
    uint64 allocCache;         // complement of allocBits from freeindex, bit 0 = slot freeindex
    gcBits *allocBits;         // 1 = allocated, as of the last sweep
    gcBits *gcmarkBits;        // 1 = marked in the current cycle; becomes allocBits at sweep

    uint32 sweepgen;           // see the cases above
    uint32 divMul;             // class_to_divmagic[sizeclass]: n / elemsize = n * divMul >> 32
    uint16 allocCount;         // allocated objects
    spanClass spanclass;       // size class and noscan
    mSpanStateBox state;       // mSpanInUse etc., atomic
    uint8 needzero;            // the pages must be zeroed before use
    uint16 allocCountBeforeCache; // allocCount when an mcache took the span
    uintptr elemsize;          // object size: class_to_size, or npages*pageSize for a large span
    uintptr limit;             // end of the data: base + nelems*elemsize
    uintptr freeIndexForScan;  // like freeindex, but updated only once the new objects are visible to the GC
    // fields that later chapters add
    struct special *specials; // special records, sorted by offset (atomic head)
    mutex speciallock;        // guards specials
} mspan;

typedef struct mSpanList {
    mspan *first;
    mspan *last;
} mSpanList;
static inline uintptr mspan_base(mspan *s) { return s->startAddr; }
static inline void mspan_layout(mspan *s, uintptr *size, uintptr *n, uintptr *total)
{ *total = s->npages << _PageShift; *size = s->elemsize; *n = s->elemsize ? *total / s->elemsize : 0; }
void mSpanList_init(mSpanList *list);
bool mSpanList_isEmpty(mSpanList *list);
void mSpanList_remove(mSpanList *list, mspan *span);
void mSpanList_insert(mSpanList *list, mspan *span);
void mSpanList_insertBack(mSpanList *list, mspan *span);
void mSpanList_takeAll(mSpanList *list, mSpanList *other);
gcBits *newMarkBits(uintptr nelems);
gcBits *newAllocBits(uintptr nelems);
void nextMarkBitArenaEpoch(void);
typedef struct heapArena {
    uint8 bitmap[heapArenaBitmapBytes];
    mspan *spans[pagesPerArena];
    uint8 pageInUse[pagesPerArena / 8];
    uint8 pageMarks[pagesPerArena / 8];
    uint8 pageSpecials[pagesPerArena / 8];
    uintptr zeroedBase;
    // fields that later chapters add
    uint8 *checkmarks; // GODEBUG=gccheckmark: one bit per word, or NULL
} heapArena;

typedef uintptr arenaIdx;
static inline arenaIdx arenaIndex(uintptr p) { return (p - arenaBaseOffset) / heapArenaBytes; }
static inline uintptr arenaBase(arenaIdx i) { return i * heapArenaBytes + arenaBaseOffset; }
static inline uintptr arenaIdx_l1(arenaIdx i) { return arenaL1Bits == 0 ? 0 : i >> arenaL1Shift; }
static inline uintptr arenaIdx_l2(arenaIdx i) { return arenaL1Bits == 0 ? i : i & (((uintptr)1 << arenaL2Bits) - 1); }

typedef struct arenaHint {
    uintptr addr;
    bool down;
    struct arenaHint *next;
} arenaHint;
static inline uintptr sys_TrailingZeros64(uint64 x) { return x ? __builtin_ctzll(x) : 64; }
static inline uintptr sys_LeadingZeros64(uint64 x) { return x ? __builtin_clzll(x) : 64; }
static inline uintptr sys_OnesCount64(uint64 x) { return __builtin_popcountll(x); }
enum {
    logPallocChunkPages = 9,
    pallocChunkPages = 1 << logPallocChunkPages,
    logPallocChunkBytes = logPallocChunkPages + pageShift,
    pallocChunkBytes = pallocChunkPages * pageSize,
    summaryLevels = 5,
    summaryLevelBits = 3,
    summaryL0Bits = heapAddrBits - logPallocChunkBytes - (summaryLevels - 1) * summaryLevelBits,
    pallocChunksL1Bits = 13,
    pallocChunksL2Bits = heapAddrBits - logPallocChunkBytes - pallocChunksL1Bits,
    pallocChunksL1Shift = pallocChunksL2Bits,
    logMaxPackedValue = logPallocChunkPages + (summaryLevels - 1) * summaryLevelBits,
    maxPackedValue = 1 << logMaxPackedValue,
    pageCachePages = 8 * sizeof(uint64),
};
typedef struct offAddr {
    uintptr a; // the virtual address; compare through offAddr_lessThan and friends
} offAddr;

#define minOffAddr ((offAddr){arenaBaseOffset})
#define maxOffAddr ((offAddr){(((uintptr)1 << heapAddrBits) - 1) + arenaBaseOffset})

static inline offAddr offAddr_add(offAddr l, uintptr bytes) { return (offAddr){l.a + bytes}; }
static inline offAddr offAddr_sub(offAddr l, uintptr bytes) { return (offAddr){l.a - bytes}; }
static inline uintptr offAddr_diff(offAddr l1, offAddr l2) { return l1.a - l2.a; }
static inline bool offAddr_lessThan(offAddr l1, offAddr l2)
{
    return l1.a - arenaBaseOffset < l2.a - arenaBaseOffset;
}
static inline bool offAddr_lessEqual(offAddr l1, offAddr l2)
{
    return l1.a - arenaBaseOffset <= l2.a - arenaBaseOffset;
}
static inline bool offAddr_equal(offAddr l1, offAddr l2) { return l1.a == l2.a; }
static inline uintptr offAddr_addr(offAddr l) { return l.a; }

typedef struct addrRange {
    offAddr base, limit; // [base, limit)
} addrRange;

addrRange makeAddrRange(uintptr base, uintptr limit);
addrRange addrRange_subtract(addrRange a, addrRange b);

static inline uintptr addrRange_size(addrRange a)
{
    if (!offAddr_lessThan(a.base, a.limit))
        return 0;
    return offAddr_diff(a.limit, a.base);
}

static inline bool addrRange_contains(addrRange a, uintptr addr)
{
    offAddr o = {addr};
    return offAddr_lessEqual(a.base, o) && offAddr_lessThan(o, a.limit);
}

typedef struct addrRanges {
    addrRange *ranges;     // sorted by base; disjoint; never touching
    int len, cap;          // ranges[0:len] are in use, cap are allocated
    uintptr totalBytes;    // the sum of the ranges' sizes
    sysMemStat *sysStat;   // charged for the array
} addrRanges;

void addrRanges_init(addrRanges *a, sysMemStat *sysStat);
int addrRanges_findSucc(addrRanges *a, uintptr addr);
bool addrRanges_findAddrGreaterEqual(addrRanges *a, uintptr addr, uintptr *found);
bool addrRanges_contains(addrRanges *a, uintptr addr);
void addrRanges_add(addrRanges *a, addrRange r);
typedef uint64 pallocSum;

#define freeChunkSum                                                                        \
    ((pallocSum)pallocChunkPages | (pallocSum)pallocChunkPages << logMaxPackedValue            \
     | (pallocSum)pallocChunkPages << (2 * logMaxPackedValue))

static inline pallocSum packPallocSum(uintptr start, uintptr max, uintptr end)
{
    const uint64 mask = maxPackedValue - 1;
    if (max == maxPackedValue)
        return (pallocSum)1 << 63;
    return ((uint64)start & mask) | ((uint64)max & mask) << logMaxPackedValue
           | ((uint64)end & mask) << (2 * logMaxPackedValue);
}

static inline uintptr pallocSum_start(pallocSum p)
{
    if (p >> 63)
        return maxPackedValue;
    return (uintptr)p & (maxPackedValue - 1);
}
static inline uintptr pallocSum_max(pallocSum p)
{
    if (p >> 63)
        return maxPackedValue;
    return (uintptr)(p >> logMaxPackedValue) & (maxPackedValue - 1);
}
static inline uintptr pallocSum_end(pallocSum p)
{
    if (p >> 63)
        return maxPackedValue;
    return (uintptr)(p >> (2 * logMaxPackedValue)) & (maxPackedValue - 1);
}

static inline void pallocSum_unpack(pallocSum p, uintptr *start, uintptr *max, uintptr *end)
{
    *start = pallocSum_start(p);
    *max = pallocSum_max(p);
    *end = pallocSum_end(p);
}

pallocSum mergeSummaries(pallocSum *sums, int n, uintptr logMaxPagesPerSum);
typedef struct pageBits {
    uint64 b[pallocChunkPages / 64];
} pageBits;

typedef pageBits pallocBits; // 1 = page in use

typedef struct pallocData {
    pallocBits pallocBits; // which pages are allocated
    pageBits scavenged;    // which free pages have been released to the OS
} pallocData;

static inline uintptr pageBits_get(pageBits *b, uintptr i) { return b->b[i / 64] >> i % 64 & 1; }
static inline uint64 pageBits_block64(pageBits *b, uintptr i) { return b->b[i / 64]; }
static inline void pageBits_set(pageBits *b, uintptr i) { b->b[i / 64] |= 1ULL << i % 64; }
static inline void pageBits_clear(pageBits *b, uintptr i) { b->b[i / 64] &= ~(1ULL << i % 64); }
static inline void pageBits_setBlock64(pageBits *b, uintptr i, uint64 v) { b->b[i / 64] |= v; }
static inline void pageBits_clearBlock64(pageBits *b, uintptr i, uint64 v) { b->b[i / 64] &= ~v; }

void pageBits_setRange(pageBits *b, uintptr i, uintptr n);
void pageBits_setAll(pageBits *b);
void pageBits_clearRange(pageBits *b, uintptr i, uintptr n);
void pageBits_clearAll(pageBits *b);
uintptr pageBits_popcntRange(pageBits *b, uintptr i, uintptr n);

uintptr findBitRange64(uint64 c, uintptr n);
pallocSum pallocBits_summarize(pallocBits *b);
uintptr pallocBits_find(pallocBits *b, uintptr npages, uintptr searchIdx, uintptr *newIdx);
uintptr pallocBits_find1(pallocBits *b, uintptr searchIdx);
uintptr pallocBits_findSmallN(pallocBits *b, uintptr npages, uintptr searchIdx, uintptr *newIdx);
uintptr pallocBits_findLargeN(pallocBits *b, uintptr npages, uintptr searchIdx, uintptr *newIdx);
void pallocBits_allocRange(pallocBits *b, uintptr i, uintptr n);
void pallocBits_allocAll(pallocBits *b);
void pallocBits_free1(pallocBits *b, uintptr i);
void pallocBits_free(pallocBits *b, uintptr i, uintptr n);
void pallocBits_freeAll(pallocBits *b);
uint64 pallocBits_pages64(pallocBits *b, uintptr i);
void pallocBits_allocPages64(pallocBits *b, uintptr i, uint64 alloc);
void pallocData_allocRange(pallocData *m, uintptr i, uintptr n);
void pallocData_allocAll(pallocData *m);
typedef uintptr chunkIdx; // the number of a chunk in the offset address space

extern const uintptr levelBits[summaryLevels];     // log2 of the entries in a block
extern const uintptr levelShift[summaryLevels];    // offset address >> levelShift[l]: entry
extern const uintptr levelLogPages[summaryLevels]; // log2 of the pages under one entry

static inline chunkIdx chunkIndex(uintptr p) { return (p - arenaBaseOffset) / pallocChunkBytes; }
static inline uintptr chunkBase(chunkIdx ci) { return ci * pallocChunkBytes + arenaBaseOffset; }
static inline uintptr chunkPageIndex(uintptr p) { return p % pallocChunkBytes / pageSize; }
static inline uintptr chunkIdx_l1(chunkIdx i) { return i >> pallocChunksL1Shift; }
static inline uintptr chunkIdx_l2(chunkIdx i) { return i & ((1 << pallocChunksL2Bits) - 1); }

static inline int offAddrToLevelIndex(int level, offAddr addr)
{
    return (int)((addr.a - arenaBaseOffset) >> levelShift[level]);
}
static inline offAddr levelIndexToOffAddr(int level, int idx)
{
    return (offAddr){((uintptr)idx << levelShift[level]) + arenaBaseOffset};
}

static inline void addrsToSummaryRange(int level, uintptr base, uintptr limit, int *lo, int *hi)
{
    *lo = (int)((base - arenaBaseOffset) >> levelShift[level]);
    *hi = (int)(((limit - 1) - arenaBaseOffset) >> levelShift[level]) + 1;
}

static inline void blockAlignSummaryRange(int level, int *lo, int *hi)
{
    uintptr e = (uintptr)1 << levelBits[level];
    *lo = (int)alignDown((uintptr)*lo, e);
    *hi = (int)alignUp((uintptr)*hi, e);
}
typedef struct pageAlloc {
    pallocSum *summary[summaryLevels];           // each level, reserved whole
    int summaryLen[summaryLevels];               // entries of each level ever needed
    pallocData *chunks[1 << pallocChunksL1Bits]; // NULL, or 1 << pallocChunksL2Bits bitmaps
    offAddr searchAddr;                          // no free page below it
    chunkIdx start, end;                         // chunks ever grown into: [start, end)
    addrRanges inUse;                            // the address space given to grow
    // the scavenger's state (chapter 19)
    struct {
        struct scavengeIndex {
            uint8 *chunks;     // one bit per chunk: may have pages to release (atomic bytes)
            int64 searchAddr;  // an atomicOffAddr: offset of the next search; negative: marked
            int32 minHeapIdx;  // the lowest byte of chunks the heap has used
            int32 min, max;    // the mapped bytes of chunks: [min, max) (see the text)
            uintptr mapped;    // bytes of chunks mapped (this runtime's count, for the tests)
        } index;
        uintptr released;      // bytes released since the last scav line (atomic)
        int64 assistTime;      // ns spent releasing in allocations this cycle (atomic)
    } scav;
    mutex *mheapLock;                            // mheap_.lock; held by the callers
    sysMemStat *sysStat;                         // charged for the metadata
    uintptr summaryMappedReady;                  // bytes of summaries mapped Ready
    bool test;                                   // made by a test
} pageAlloc;

static inline void assertLockHeld(mutex *l)
{
    debugAssert(atomic_Load(&l->key) != 0, "heap lock not held");
}
static inline offAddr maxSearchAddr(void) { return maxOffAddr; }

static inline pallocData *pageAlloc_tryChunkOf(pageAlloc *p, chunkIdx ci)
{
    pallocData *l2 = __atomic_load_n(&p->chunks[chunkIdx_l1(ci)], __ATOMIC_SEQ_CST);
    return l2 == NULL ? NULL : &l2[chunkIdx_l2(ci)];
}

static inline pallocData *pageAlloc_chunkOf(pageAlloc *p, chunkIdx ci)
{
    return &p->chunks[chunkIdx_l1(ci)][chunkIdx_l2(ci)];
}

void pageAlloc_init(pageAlloc *p, mutex *mheapLock, sysMemStat *sysStat);
void pageAlloc_sysInit(pageAlloc *p);
void pageAlloc_sysGrow(pageAlloc *p, uintptr base, uintptr limit);
void pageAlloc_grow(pageAlloc *p, uintptr base, uintptr size);
void pageAlloc_update(pageAlloc *p, uintptr base, uintptr npages, bool contig, bool alloc);
uintptr pageAlloc_allocRange(pageAlloc *p, uintptr base, uintptr npages);
offAddr pageAlloc_findMappedAddr(pageAlloc *p, offAddr addr);
uintptr pageAlloc_find(pageAlloc *p, uintptr npages, offAddr *searchAddr);
uintptr pageAlloc_alloc(pageAlloc *p, uintptr npages, uintptr *scav);
void pageAlloc_free(pageAlloc *p, uintptr base, uintptr npages, bool scavenged);
typedef struct pageCache {
    uintptr base;  // the address of the block of pageCachePages pages, aligned to its size
    uint64 cache;  // bit i: page i is free and the cache's (1 = free)
    uint64 scav;   // bit i: page i is free and scavenged; a subset of cache
} pageCache;

static inline bool pageCache_empty(pageCache *c) { return c->cache == 0; }

uintptr pageCache_alloc(pageCache *c, uintptr npages, uintptr *scav);
uintptr pageCache_allocN(pageCache *c, uintptr npages, uintptr *scav);
void pageCache_flush(pageCache *c, pageAlloc *p);
pageCache pageAlloc_allocToCache(pageAlloc *p);
typedef struct lfnode {
    uint64 next;    // the packed head value below this node (atomic)
    uintptr pushcnt;
} lfnode;
typedef uint64 lfstack;

void lfstack_push(lfstack *head, lfnode *node);
lfnode *lfstack_pop(lfstack *head);
static inline bool lfstack_empty(lfstack *head) { return __atomic_load_n(head, __ATOMIC_SEQ_CST) == 0; }
enum {
    spanSetBlockEntries = 512, // 4 KiB of pointers
    spanSetInitSpineCap = 256, // blocks: enough for 1 GiB of 8 KiB spans
};

typedef struct spanSetBlock {
    lfnode lfnode;             // for the pool: must be first
    uint32 popped;             // slots popped from this block (atomic)
    struct mspan *spans[spanSetBlockEntries];
} spanSetBlock;

typedef struct spanSet {
    mutex spineLock;
    spanSetBlock **spine;      // atomic
    uintptr spineLen;          // atomic
    uintptr spineCap;          // under spineLock
    uint64 index;              // head << 32 | tail (atomic)
} spanSet;

void spanSet_push(spanSet *b, struct mspan *s);
struct mspan *spanSet_pop(spanSet *b);
void spanSet_reset(spanSet *b);
typedef struct mcentral {
    spanClass spanclass;
    spanSet partial[2]; // spans with a free slot: [sweepgen/2%2] swept, the other unswept
    spanSet full[2];    // spans with no free slot, likewise
} mcentral;

static inline spanSet *mcentral_partialUnswept(mcentral *c, uint32 sg) { return &c->partial[1 - sg / 2 % 2]; }
static inline spanSet *mcentral_partialSwept(mcentral *c, uint32 sg) { return &c->partial[sg / 2 % 2]; }
static inline spanSet *mcentral_fullUnswept(mcentral *c, uint32 sg) { return &c->full[1 - sg / 2 % 2]; }
static inline spanSet *mcentral_fullSwept(mcentral *c, uint32 sg) { return &c->full[sg / 2 % 2]; }

void mcentral_init(mcentral *c, spanClass spc);
struct mspan *mcentral_cacheSpan(mcentral *c);
void mcentral_uncacheSpan(mcentral *c, struct mspan *s);
struct mspan *mcentral_grow(mcentral *c);
struct mcache;

enum { _Pidle = 0, _Prunning = 1, _Psyscall = 2, _Pgcstop = 3 };

struct p {
    int32 id;
    uint32 status;           // _Pidle, _Prunning, _Psyscall or _Pgcstop (atomic)
    struct m *m;             // the thread holding it, or NULL
    struct p *link;          // in the idle list
    struct mcache *mcache;
    pageCache pcache;        // pages for small spans, without the heap lock
    struct {
        uint32 len;
        struct mspan *buf[128];
    } mspancache;            // span structures, without the heap lock
    // fields that later chapters add
    struct gcWork *gcw; // the collector's work cache
    struct wbBuf {
        uintptr *next;    // the next free word of buf
        uintptr *end;     // one past the last word that may be used
        uintptr buf[512]; // wbBufEntries * wbBufEntryPointers; pairs (old, new)
    } wbBuf;              // the write barrier's buffer (chapter 14)
    uint32 safePointFn; // safePointScanStack | safePointFlush asked of the P (atomic; chapter 15)
    uint32 statsSeq; // odd while this P's thread is in a statistics section (atomic)
    struct traceBuf *tracebuf; // the P's trace buffer, or NULL
    int32 traceSweep;          // the depth of traced sweep loops on this P
    uint32 traceSweepGen;      // the trace that traceSweep, traceSwept and traceReclaimed belong to
    uintptr traceSwept;        // bytes swept by the current traced sweep
    uintptr traceReclaimed;    // bytes freed by it
};

struct m {
    struct p *p;             // the P this thread holds, or NULL
    int64 id;
    bool registered;         // the thread-exit hook is installed
    // fields that later chapters add
    int32 mallocing; // inside mallocgc: a nested call is a fatal error
    int32 locks;             // runtime locks held: not a safe point while > 0
    uint32 preemptPending;   // a stop was asked for while not at a safe point
    uint32 signalPending;    // a preemption signal is on its way (atomic)
    pthread_t thread;        // for pthread_kill
    uintptr stacklo, stackhi; // the thread's stack: [stacklo, stackhi)
    uintptr stopsp;          // stopped: the stack is scanned from here up
    uintptr syscallsp;       // in a blocking call: the stack pointer at entry, else 0
    uintptr syscallregs[11]; // and the callee-saved registers at entry (savedRegs of them)
    int64 gcAssistBytes;   // assist balance in bytes: > 0 credit, < 0 debt (this thread's own)
    uint32 gcAssistCycle;  // the cycle the balance belongs to
    uint32 assistParked;   // 1 while it waits in work.assistQueue (atomic; a futex word)
    struct m *assistNext;  // the next in the queue
    uint64 fastrand; // the state of fastrand's Weyl sequence
    struct m *allnext;        // the next thread in allm
    uintptr createStack[32];  // the stack when the thread first took a P (return addresses)
    int32 ncreateStack;
    uintptr profStack[64];    // the stack a thread profile's signal found
    int32 nprofStack;
    uint32 profWanted;        // 1: record the stack at the next signal (atomic; a futex word)
    uint32 tracegen;            // the trace (trace.gen) that the next three fields describe
    uint32 tracestatus;         // traceGrunnable, traceGrunning, traceGwaiting or traceGsyscall there
    uint64 traceseq;            // the goroutine's last sequence number there
    uintptr tracestartpc;       // where a mark worker's goroutine starts, for its GoCreate
    bool startingtrace;         // trace_Start's thread, writing before the trace is on
    uint32 traceworker;         // a mark worker's number from 1 (its trace P), else 0
    struct traceBuf *tracebuf;  // a mark worker's trace buffer
};

extern __thread struct m m_tls;
static inline struct m *getm(void) { return &m_tls; }

extern struct p **allp;      // all P's; len nallp; under sched.lock
extern uint32 nallp;
extern int32 gomaxprocs;

struct schedt {
    mutex lock;
    struct p *pidle; // idle P's
    uint32 npidle;
    int64 mnext;     // the id of the next M
    uint32 capallp;
    // fields that later chapters add
    uint32 gcwaiting; // 1 while the world is stopping or stopped (atomic)
    int32 stopwait;   // P's still to stop (atomic)
    uint32 stopnote;  // futex word: 1 once stopwait reached 0
    uint32 stopgen;   // the number of restarts of the world (atomic; a futex word)
    struct m *stopper; // the thread that stopped the world (atomic)
};
extern struct schedt sched;

int32 procresize(int32 nprocs);
struct p *acquirep(void);
void releasep(void);
struct mcache {
    uintptr nextSample;
    uintptr scanAlloc;
    uintptr tiny;
    uintptr tinyoffset;
    uintptr tinyAllocs;
    struct mspan *alloc[numSpanClasses];
    uint32 flushGen;
};

extern struct mspan emptymspan;

struct mcache *allocmcache(void);
void mcache_refill(struct mcache *c, spanClass spc);
struct mspan *mcache_allocLarge(struct mcache *c, uintptr size, bool noscan);
void mcache_releaseAll(struct mcache *c);
void gcControllerState_update(int64 dHeapLive, int64 dHeapScan);
extern uint32 gcBlackenEnabled; // 1 while the collector marks (atomic)
static inline uintptr mspan_divideByElemSize(struct mspan *s, uintptr n) { return (uintptr)(((uint64)n * s->divMul) >> 32); }
static inline uintptr mspan_objIndex(struct mspan *s, uintptr p) { return mspan_divideByElemSize(s, p - s->startAddr); }
void mspan_refillAllocCache(struct mspan *s, uintptr whichByte);
uintptr mspan_nextFreeIndex(struct mspan *s);

static inline uintptr nextFreeFast(struct mspan *s)
{
    unsigned theBit = s->allocCache ? (unsigned)__builtin_ctzll(s->allocCache) : 64;
    if (theBit < 64) {
        uintptr result = s->freeindex + theBit;
        if (result < s->nelems) {
            uintptr freeidx = result + 1;
            if (freeidx % 64 == 0 && freeidx != s->nelems)
                return 0;
            s->allocCache = s->allocCache >> theBit >> 1;
            s->freeindex = freeidx;
            s->allocCount++;
            return result * s->elemsize + s->startAddr;
        }
    }
    return 0;
}

uintptr mcache_nextFree(struct mcache *c, spanClass spc, struct mspan **sp, bool *shouldhelpgc);
typedef runtime_Type _type;
void typeinit(_type *t);
static inline uintptr typeptrdata(_type *t)
{
    if (__builtin_expect(__atomic_load_n(&t->state, __ATOMIC_ACQUIRE) != 2, 0))
        typeinit(t);
    return t->ptrdata;
}
void *mallocgc(uintptr size, _type *typ, bool needzero);
extern uintptr zerobase;
static inline void
publicationBarrier(void)
{
#if !defined(__SANITIZE_THREAD__)
    __atomic_thread_fence(__ATOMIC_RELEASE);
#endif
}
#define maxAlloc ((uintptr)1 << heapAddrBits)
enum {
    bitPointer = 1 << 0,
    bitScan = 1 << 4,
    heapBitsShift = 1,        // between the bits of successive words
    wordsPerBitmapByte = 8 / 2,
    bitScanAll = bitScan | bitScan << heapBitsShift | bitScan << (2 * heapBitsShift) | bitScan << (3 * heapBitsShift),
    bitPointerAll = bitPointer | bitPointer << heapBitsShift | bitPointer << (2 * heapBitsShift) | bitPointer << (3 * heapBitsShift),
};

typedef struct heapBits {
    uint8 *bitp;  // the byte holding this word's bits
    uint32 shift; // which of its four words: 0..3
    uint32 arena; // index of the arena the bitmap belongs to
    uint8 *last;  // the arena bitmap's last byte
} heapBits;

static inline heapBits heapBitsForAddr(uintptr addr); // defined after arenaOf (chapter 4)
heapBits heapBits_nextArena(uint32 arena);
// Inline: the collector's scanobject steps through every word of every object with it.
static inline heapBits
heapBits_next(heapBits h)
{
    if (h.shift < 3 * heapBitsShift) {
        h.shift += heapBitsShift;
    } else if (h.bitp != h.last) {
        h.bitp++;
        h.shift = 0;
    } else {
        h = heapBits_nextArena(h.arena);
    }
    return h;
}
heapBits heapBits_forward(heapBits h, uintptr n);
static inline uint32 heapBits_bits(heapBits h) { return (uint32)__atomic_load_n(h.bitp, __ATOMIC_RELAXED) >> (h.shift & 31); }
static inline bool heapBits_isPointer(heapBits h) { return (heapBits_bits(h) & bitPointer) != 0; }
static inline bool heapBits_morePointers(heapBits h) { return (heapBits_bits(h) & bitScan) != 0; }

void heapBits_initSpan(heapBits h, struct mspan *s);
void heapBitsSetType(uintptr x, uintptr size, uintptr dataSize, _type *typ);
typedef struct markBits {
    uint8 *bytep;
    uint8 mask;
    uintptr index;
} markBits;

static inline markBits mspan_allocBitsForIndex(struct mspan *s, uintptr i) { return (markBits){gcBits_bytep(s->allocBits, i / 8), (uint8)(1 << (i % 8)), i}; }
static inline markBits mspan_markBitsForIndex(struct mspan *s, uintptr i) { return (markBits){gcBits_bytep(s->gcmarkBits, i / 8), (uint8)(1 << (i % 8)), i}; }
static inline markBits mspan_markBitsForBase(struct mspan *s) { return (markBits){s->gcmarkBits, 1, 0}; }
static inline bool markBits_isMarked(markBits m) { return (__atomic_load_n(m.bytep, __ATOMIC_RELAXED) & m.mask) != 0; }
static inline void markBits_setMarked(markBits m) { __atomic_or_fetch(m.bytep, m.mask, __ATOMIC_SEQ_CST); }
static inline void markBits_setMarkedNonAtomic(markBits m) { *m.bytep |= m.mask; }
static inline void markBits_clearMarked(markBits m) { __atomic_and_fetch(m.bytep, (uint8)~m.mask, __ATOMIC_SEQ_CST); }
static inline void markBits_advance(markBits *m)
{
    if (m->mask == 1 << 7) {
        m->bytep++;
        m->mask = 1;
    } else {
        m->mask <<= 1;
    }
    m->index++;
}

markBits markBitsForAddr(uintptr p);
markBits markBitsForSpan(uintptr base);
bool mspan_isFree(struct mspan *s, uintptr index);
int mspan_countAlloc(struct mspan *s);
#define clobberdeadPtr ((uintptr)0xdeaddeaddeaddeadULL)
uintptr findObject(uintptr p, uintptr refBase, uintptr refOff, struct mspan **sp, uintptr *objIndex);
_Noreturn void badPointer(struct mspan *s, uintptr p, uintptr refBase, uintptr refOff);
void gcDumpObject(const char *label, uintptr obj, uintptr off);
static inline void memclrNoHeapPointers(void *p, uintptr n) { memset(p, 0, n); }
void typedmemmove(_type *typ, void *dst, const void *src);
void typedmemclr(_type *typ, void *ptr);
static inline struct m *stopperM(void) { return __atomic_load_n(&sched.stopper, __ATOMIC_SEQ_CST); }
void gcPreemptPark(void);
static inline struct m *acquirem(void)
{
    struct m *mp = getm();
    mp->locks++;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    return mp;
}
static inline void releasem(struct m *mp)
{
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    if (--mp->locks == 0 && __builtin_expect(mp->preemptPending != 0, 0))
        gcPreemptPark();
}
#if defined(__x86_64__)
enum { savedRegs = 6 };
#elif defined(__aarch64__)
enum { savedRegs = 11 }; // x29 and x19-x28
#else
#error "gomm: saveCalleeSaved knows amd64 and arm64 only"
#endif
_Static_assert(savedRegs <= sizeof ((struct m *)0)->syscallregs / sizeof(uintptr), "m.syscallregs is too small");
static inline __attribute__((always_inline)) void
keepFrame(void)
{
    __asm__ __volatile__("" : : : "memory");
}

static inline __attribute__((always_inline)) uintptr
getsp(void)
{
    uintptr sp;
#if defined(__x86_64__)
    __asm__ __volatile__("movq %%rsp, %0" : "=r"(sp));
#else
    __asm__ __volatile__("mov %0, sp" : "=r"(sp));
#endif
    return sp;
}
void initsig(void);
void stopwaitDone(void);
void preemptM(struct m *mp);
void entersyscall_gcwait(struct p *pp);
void schedWaitWorld(void);
int newosproc(void *(*fn)(void *), void *arg);
void entersyscall_regs(uintptr *frame);
void stopTheWorldWithSema(void);
void startTheWorldWithSema(void);
enum { _GCoff = 0, _GCmark = 1, _GCmarktermination = 2 };
extern uint32 gcphase;
#define writeBarrier runtime_writeBarrier
void setGCPhase(uint32 x);
typedef enum { gcBackgroundMode, gcForceMode, gcForceBlockMode } gcMode;

struct dataRoot {
    uintptr base, n; // a block of writable data, at most rootBlockBytes
};

struct workType {
    lfstack full;           // workbufs with grey objects (chapter 12)
    lfstack empty;          // empty workbufs
    uint32 nproc;           // threads marking
    uint32 nwait;           // of them, waiting for work (atomic)
    uint32 markrootNext;    // the next root job (atomic)
    uint32 markrootJobs;    // the number of root jobs
    uint32 nDataRoots;      // jobs [0, nDataRoots) scan data blocks
    uint32 nStackRoots;     // jobs [baseStacks, markrootJobs) scan stacks
    uint32 baseStacks;
    struct dataRoot *dataRoots; // the blocks of this cycle
    uint32 capDataRoots;
    struct p **stackRoots;  // the P's whose threads' stacks are roots
    uint32 capStackRoots;
    uint64 bytesMarked;     // bytes of heap marked this cycle (atomic)
    uint32 startSema;       // a semaphore: 0 while a cycle starts or runs
    uint32 gcsema;          // a semaphore: held from gcStart to the end of gcMarkTermination
    uint32 cycles;          // cycles started (atomic)
    gcMode mode;
    bool userForced;
    int32 stwprocs, maxprocs;
    int64 tSweepTerm, tMark, tMarkTerm, tEnd; // nanotime of the phases
    int64 pauseNS, pauseStart;
    int64 markCPU;          // CPU time of marking (ns)
    uint64 heap0, heap1, heap2; // heapLive at start and at mark termination; marked
    int64 totaltime;        // CPU time of the collector since start-up (ns)
    uint32 markDoneGen;     // mark terminations (a futex word for gcWaitOnMark)
    // fields that later chapters add
    uint32 stackScansPending; // stack scans asked for and not done (atomic; a futex word)
    uint32 forEachPPending;   // flushes asked for by forEachPFlush and not done (likewise)
    uint32 markWake;          // moves when mark work may have appeared (a futex word)
    uint32 markDoneSema;      // a semaphore: one gcMarkDone at a time
    struct {
        mutex lock;
        struct m *head, *tail; // threads waiting for credit, oldest first (head atomic)
    } assistQueue;
};
extern struct workType work;
void semacquire(uint32 *addr);
void semrelease(uint32 *addr);
int64 nanotime(void);
int64 threadCPUTime(void);
int64 unixnanotime(void);
extern int64 runtimeInitTime;
enum { defaultHeapMinimum = 4 << 20 };
int32 readGOGC(void);
void gcControllerCommit(void);
uint64 gcControllerState_heapGoalInternal(uint64 *minTrigger);
uint64 gcControllerState_heapGoal(void);
uint64 gcControllerState_trigger(void);
void gcinit(void);
bool atoi32(const char *s, size_t len, int32 *out);
typedef enum { gcTriggerHeap, gcTriggerTime, gcTriggerCycle } gcTriggerKind;
typedef struct gcTrigger {
    gcTriggerKind kind;
    uint32 n; // gcTriggerCycle: the cycle to start
} gcTrigger;
bool gcTrigger_test(gcTrigger t);
void gcStart(gcTrigger trigger);
void gcWaitOnMark(uint32 n);
void gcMarkTermination(void);
void setPageMark(mspan *span);
enum {
    _WorkbufSize = 2048,     // bytes in a workbuf
    workbufAlloc = 32 << 10, // bytes allocated at once for workbufs
};

typedef struct workbufhdr {
    lfnode node; // must be first
    uintptr nobj;
} workbufhdr;

typedef struct workbuf {
    workbufhdr hdr;
    uintptr obj[(_WorkbufSize - sizeof(workbufhdr)) / ptrSize];
} workbuf;

enum { workbufObjs = (_WorkbufSize - sizeof(workbufhdr)) / ptrSize };

struct gcWork {
    workbuf *wbuf1, *wbuf2; // the primary and secondary buffers, or both NULL
    uint64 bytesMarked;     // bytes marked by this gcWork, not yet in work.bytesMarked
    int64 heapScanWork;     // bytes of heap scanned, not yet in gcController.heapScanWork
    bool flushedWork;       // work was moved to the global list since the last check
};

void gcWork_put(struct gcWork *w, uintptr obj);
uintptr gcWork_tryGet(struct gcWork *w);
void gcWork_dispose(struct gcWork *w);
void gcWork_balance(struct gcWork *w);
bool gcWork_empty(struct gcWork *w);

static inline bool gcWork_putFast(struct gcWork *w, uintptr obj)
{
    workbuf *wbuf = w->wbuf1;
    if (wbuf == NULL || wbuf->hdr.nobj == workbufObjs)
        return false;
    wbuf->obj[wbuf->hdr.nobj++] = obj;
    return true;
}

static inline uintptr gcWork_tryGetFast(struct gcWork *w)
{
    workbuf *wbuf = w->wbuf1;
    if (wbuf == NULL || wbuf->hdr.nobj == 0)
        return 0;
    return wbuf->obj[--wbuf->hdr.nobj];
}
workbuf *getempty(void);
void putempty(workbuf *b);
void putfull(workbuf *b);
workbuf *trygetfull(void);
workbuf *handoff(workbuf *b);
enum {
    gcDrainUntilPreempt = 1 << 0,
    gcDrainFlushBgCredit = 1 << 1,
    gcDrainIdle = 1 << 2,
    gcDrainFractional = 1 << 3,
    drainCheckThreshold = 100000, // bytes of scan work between two tests of the stop condition
    gcCreditSlack = 2000,         // bytes of scan work a drain keeps before it publishes them
};
extern bool (*gcDrainCheck[2])(void); // [0]: idle, [1]: fractional
bool gcMarkWorkAvailable(void);
enum { maxObletBytes = 128 << 10 };
extern bool useCheckmark;
extern int32 gcTestBreakMark;
void gcMarkRootCollectData(void);
void gcMarkRootPrepare(void);
void markroot(struct gcWork *gcw, uint32 i);
void scanstack(struct m *mp, struct gcWork *gcw);
void scanConservative(uintptr b, uintptr n, struct gcWork *gcw);
void scanConservativeMarked(uintptr b, uintptr n, struct gcWork *gcw);
void scanobject(uintptr b, struct gcWork *gcw);
void greyobject(uintptr obj, uintptr base, uintptr off, mspan *span, struct gcWork *gcw, uintptr objIndex);
void shade(uintptr b);
void gcmarknewobject(mspan *span, uintptr obj, uintptr size);
void gcMarkTinyAllocs(void);
void gcDrain(struct gcWork *gcw, int flags);
void gcMarkHelpersStart(void);
void gcMarkParallel(void);
void gcResetMarkState(void);
void gcMark(int64 startTime);
void startCheckmarks(void);
void endCheckmarks(void);
bool setCheckmark(uintptr obj, uintptr base, uintptr off, markBits mbits);
struct mheap;
enum { sweepDrainedMask = 1u << 31 };

typedef struct sweepLocker {
    uint32 sweepGen; // the heap's sweepgen when the sweeper registered
    bool valid;      // false: the sweep was done already
} sweepLocker;

struct sweepdata {
    mutex lock;
    uint32 parked;       // the background sweeper sleeps (a futex word)
    bool started;        // the background sweeper exists
    uint32 nbgsweep;     // spans swept by bgsweep and by gcStart
    uint32 npausesweep;  // spans swept with the world stopped
    uint32 active;       // activeSweep: sweepers at work | sweepDrainedMask (atomic)
    uint32 centralIndex; // the next sweep class to look at (atomic)
};
extern struct sweepdata sweep;

sweepLocker activeSweep_begin(void);
void activeSweep_end(sweepLocker sl);
bool sweepLocker_tryAcquire(sweepLocker *l, mspan *s);
bool isSweepDone(void);
uintptr sweepone(void);
bool mspan_sweep(mspan *s, bool preserve);
void finishsweep_m(void);
void gcSweep(gcMode mode);
void gcenable(void);
void gcPaceSweeper(uint64 trigger);
void deductSweepCredit(uintptr spanBytes, uintptr callerSweepPages);
void mheap_freeSpan(struct mheap *h, mspan *s);
void mheap_reclaim(struct mheap *h, uintptr npage);
void mcache_prepareForSweep(struct mcache *c);
void wbRestartSequence(void *ucontext);
enum {
    wbBufEntries = 256,      // barriers between flushes
    wbBufEntryPointers = 2,  // pointers recorded by each: the old and the new
    minLegalPointer = 4096,  // Go's: smaller values are never pointers
};
typedef struct wbBuf wbBuf;
void wbBuf_reset(wbBuf *b);
void wbBufFlush1(struct p *pp);
bool wbBuf_empty(wbBuf *b);

// Record a barrier: the old pointer (the deletion half) and the new one (the insertion
// half); flush when full.  The test builds (-DGOMM_TEST_NO_...) drop one half.
static inline void
wbBuf_put(struct p *pp, uintptr old, uintptr new)
{
    wbBuf *b = &pp->wbBuf;
#if defined(GOMM_TEST_NO_DELETION)
    old = 0;
#endif
#if defined(GOMM_TEST_NO_INSERTION)
    new = 0;
#endif
    b->next[0] = old;
    b->next[1] = new;
    b->next += 2;
    if (b->next == b->end)
        wbBufFlush1(pp);
}
_Static_assert(sizeof ((struct p *)0)->wbBuf.buf == wbBufEntries * wbBufEntryPointers * sizeof(uintptr),
               "p.wbBuf has Go's size");
void gcWork_putBatch(struct gcWork *w, uintptr *obj, uintptr n);
void bulkBarrierPreWrite(uintptr dst, uintptr src, uintptr size, _type *typ);
uintptr typedslicecopy(_type *typ, void *dstPtr, uintptr dstLen, const void *srcPtr, uintptr srcLen);
void memclrHasPointers(void *ptr, uintptr n);
enum {
    safePointScanStack = 1 << 0, // scan the stack of the P's thread
    safePointFlush = 1 << 1,     // flush the P's write barrier buffer and work cache
};
enum { _Pborrowed = 4 };         // a P in _Psyscall that a marker works on (chapter 15)
void runSafePointFn(struct p *pp);
void runSafePointFnFromSignal(struct p *pp);
void requestStackScan(struct p *pp);
void forEachPFlush(void);
extern uint32 gcMarkDoneFlushed;
#define gcBackgroundUtilization 0.25
void gcControllerState_startCycle(int64 markStartTime, int32 procs);
bool gcBgMarkStartWorkers(void);
void gcBgMarkPrepare(void);
void gcBgMarkWake(void);
void gcBgMarkWaitParked(void);
void gcMarkDone(void);
enum { triggerRatioDen = 64, minTriggerRatioNum = 45, maxTriggerRatioNum = 61 };
enum { memoryLimitHeapGoalHeadroom = 1 << 20 };
uint64 gcControllerState_memoryLimitHeapGoal(void);
bool parseByteCount(const char *s, size_t len, int64 *out);
int64 readGOMEMLIMIT(void);
int64 gcControllerState_setMemoryLimit(int64 in);
#define gcGoalUtilization gcBackgroundUtilization // the mark's CPU share the pacer aims for
bool piController_next(struct piController *c, double input, double setpoint, double period, double *out);
void gcControllerState_endCycle(int64 now, int32 procs);
void printfloat(double v);
enum { sweepMinHeapDistance = 1 << 20 };
enum { minRunway = 64 << 10 };
static inline double
loadFloat64(double *p)
{
    double v;
    __atomic_load(p, &v, __ATOMIC_RELAXED);
    return v;
}

static inline void
storeFloat64(double *p, double v)
{
    __atomic_store(p, &v, __ATOMIC_RELAXED);
}
void gcControllerState_revise(void);
enum { gcOverAssistWork = 64 << 10 };
void gcAssistCharge(uintptr size);
void gcAssistAlloc(struct m *mp);
int64 gcDrainN(struct gcWork *gcw, int64 scanWork);
void gcFlushBgCredit(int64 scanWork);
void gcWakeAllAssists(void);
struct gcCPULimiterState {
    uint32 lock;    // 0 or 1: taken with a compare-and-swap (atomic)
    uint32 enabled; // the bucket is full: assists stop (atomic)
    struct {
        uint64 fill, capacity; // CPU-ns; fill <= capacity
    } bucket;
    uint64 overflow;        // CPU-ns that arrived at a full bucket
    bool gcEnabled;         // the collector is on: between the start of a cycle and the end of its mark
    bool transitioning;     // between startGCTransition and finishGCTransition
    int64 assistTimePool;   // assist time not yet in the bucket, ns (atomic)
    int64 idleTimePool;     // idle mark workers' time not yet in the bucket, ns (atomic)
    int64 lastUpdate;       // nanotime of the last update (atomic)
    int64 lastCPUTime;      // the process's CPU time at the last update (not in test mode)
    uint32 lastEnabledCycle; // the cycle after the last one in which the bucket filled (atomic)
    int32 nprocs;           // GOMAXPROCS: the bucket's capacity and the window's width
    bool test;              // a limiter of the tests: no clock of the process is read
};
extern struct gcCPULimiterState gcCPULimiter;
enum { gcCPULimiterUpdatePeriod = 10 * 1000 * 1000 }; // ns
#define capacityPerProc 1e9                            // CPU-ns of bucket per P: one second
bool gcCPULimiterState_limiting(struct gcCPULimiterState *l);
void gcCPULimiterState_startGCTransition(struct gcCPULimiterState *l, bool enableGC, int64 now);
void gcCPULimiterState_finishGCTransition(struct gcCPULimiterState *l, int64 now);
bool gcCPULimiterState_needUpdate(struct gcCPULimiterState *l, int64 now);
void gcCPULimiterState_addAssistTime(struct gcCPULimiterState *l, int64 t);
void gcCPULimiterState_addIdleTime(struct gcCPULimiterState *l, int64 t);
void gcCPULimiterState_update(struct gcCPULimiterState *l, int64 now);
void gcCPULimiterState_resetCapacity(struct gcCPULimiterState *l, int64 now, int32 nprocs);
enum {
    scavengePercent = 1,     // the background scavenger's share of one CPU, percent
    retainExtraPercent = 10, // retained memory kept above the GOGC goal's heap, percent
    reduceExtraPercent = 5,  // and below the memory limit, percent
    maxPagesPerPhysPage = maxPhysPageSize / pageSize,
};
#define scavengeCostRatio 0.0 // extra cost of releasing, as a share of the work: none on Linux
extern struct scavengeGoals {
    uint64 gcPercentGoal;   // retained memory to work down to for GOGC; ~0: none (atomic)
    uint64 memoryLimitGoal; // mapped memory to work down to for the limit; ~0: none (atomic)
} scavenge;
uint64 heapRetained(void);
void gcPaceScavenger(int64 memoryLimit, uint64 heapGoal, uint64 lastHeapGoal);
void atomicOffAddr_clear(int64 *b);
void atomicOffAddr_storeMin(int64 *b, uintptr addr);
void atomicOffAddr_storeUnmark(int64 *b, uintptr markedAddr, uintptr newAddr);
void atomicOffAddr_storeMarked(int64 *b, uintptr addr);
uintptr atomicOffAddr_load(int64 *b, bool *marked);
uintptr scavengeIndex_grow(struct scavengeIndex *s, uintptr base, uintptr limit, sysMemStat *sysStat);
chunkIdx scavengeIndex_find(struct scavengeIndex *s, uintptr *pageIdx);
void scavengeIndex_mark(struct scavengeIndex *s, uintptr base, uintptr limit);
void scavengeIndex_clear(struct scavengeIndex *s, chunkIdx ci);
uint64 fillAligned(uint64 x, uintptr m);
void pallocData_findScavengeCandidate(pallocData *m, uintptr searchIdx, uintptr min, uintptr max,
                                      uintptr *start, uintptr *size);
uintptr pageAlloc_scavenge(pageAlloc *p, uintptr nbytes, bool (*shouldStop)(void));
extern int32 scavengeOff; // not Go's: 1 turns all releasing off (chapter 20's figure)
#define startingScavSleepRatio 0.001
#define minScavWorkTime 1e6 // ns
enum { scavengeQuantum = 64 << 10 };
struct scavengerState {
    mutex lock;
    uint32 wake;             // 1: someone asked for the scavenger (atomic; a futex word)
    bool started;
    double sleepRatio;       // time asleep per unit of work
    struct piController sleepController;
    int64 controllerCooldown; // ns the controller rests after a reset
    bool printControllerReset;
};
extern struct scavengerState scavenger;
void scavengerState_ready(void);
void bgscavengeStart(void);
void printScavTrace(uintptr released, bool forced);
bool scavengeStopForLimiter(void);
extern struct pacerStats {
    uint64 assistCPU, backgroundCPU, idleCPU, pauseCPU, totalCPU; // ns (atomic)
    uint64 peakHeap, peakMapped, peakMarked;                      // bytes (atomic)
} pacerStats;
heapStatsDelta *consistentHeapStats_acquire(consistentHeapStats *m);
void consistentHeapStats_release(consistentHeapStats *m);
void consistentHeapStats_read(consistentHeapStats *m, heapStatsDelta *out);
void countSweptFrees(spanClass spc, uintptr nfreed, uintptr elemsize);
void timeHistogram_record(timeHistogram *h, int64 duration);
extern mutex metricsLock; // one reader of the consistent statistics at a time
void readmemstats_m(runtime_MemStats *stats);
void gcsemaAcquire(void); // as a blocking call: no cycle runs until semrelease(&work.gcsema)
void stopTheWorld(void);  // for readers of the runtime's state: waits out a cycle's mark
void startTheWorld(void);
bool funcInfo(uintptr pc, runtime_Frame *fr);
uint32 fastrand(void);
int32 fastexprand(int64 mean);
uintptr nextSample(void);
static inline uintptr *bucket_stk(bucket *b) { return (uintptr *)(b + 1); }
static inline memRecord *bucket_mp(bucket *b) { return (memRecord *)(bucket_stk(b) + b->nstk); }
bucket *stkbucket(int typ, uintptr size, const uintptr *stk, uintptr nstk, bool alloc);
extern bucket *mbuckets; // all buckets (atomic)
bool inRuntimeText(uintptr pc);
int callers(uintptr *pcs, int max);
void mProf_NextCycle(void);
void mProf_Flush(void);
void mProf_PostSweep(void);
void mProf_Malloc(void *p, uintptr size);
void mProf_Free(bucket *b, uintptr size);
void profilealloc(struct mcache *c, void *x, uintptr size);
void setprofilebucket(void *p, bucket *b);
void sweepSpecials(mspan *s, uintptr size);
void sigprofStack(struct m *mp, void *ucontext);
extern mutex allmLock;
extern struct m *allm; // the threads that took a P, under allmLock
typedef struct threadRecord {
    int64 id;
    const char *status;
    uintptr stack[64];
    int nstack;
    uintptr create[32];
    int ncreate;
} threadRecord;
threadRecord *threadRecords(int *n, bool current);
void tabwriterCopy(FILE *w, const char *text, size_t len); // Go's text/tabwriter, minwidth 1, tabwidth 8, padding 1, '\t'
void tracealloc(void *p, uintptr size, _type *typ);
void tracefree(void *p, uintptr size);
void tracegc(void);
extern uint32 traceEnabled; // 1 while a trace is taken (atomic): every hook tests it first
void traceThreadStart(void);
void traceThreadStop(byte ev, bool stack);
void traceMarkWorkerStart(int mode);
void traceGCStart(void);
void traceGCDone(void);
void traceGCSTWStart(int kind);
void traceGCSTWDone(void);
void traceHeapAlloc(void);
void traceHeapGoal(void);
void traceGomaxprocs(int32 procs);
void traceGCMarkAssistStart(void);
void traceGCMarkAssistDone(void);
void traceGCSweepStart(void);
void traceGCSweepSpan(uintptr bytesSwept);
void traceGCSweepReclaimed(uintptr bytes);
void traceGCSweepDone(void);
enum {
    traceEvBatch = 1,              // start of a batch [P, absolute ticks]
    traceEvFrequency = 2,          // ticks per second [frequency]
    traceEvStack = 3,              // a stack [id, n, n x (pc, function id, file id, line)]
    traceEvGomaxprocs = 4,         // [ticks, GOMAXPROCS, stack]
    traceEvProcStart = 5,          // a P starts [ticks, thread id]
    traceEvProcStop = 6,           // a P stops [ticks]
    traceEvGCStart = 7,            // [ticks, cycle sequence number, stack]
    traceEvGCDone = 8,             // [ticks]
    traceEvGCSTWStart = 9,         // [ticks, kind: 0 mark termination, 1 sweep termination]
    traceEvGCSTWDone = 10,         // [ticks]
    traceEvGCSweepStart = 11,      // [ticks, stack]
    traceEvGCSweepDone = 12,       // [ticks, bytes swept, bytes reclaimed]
    traceEvGoCreate = 13,          // [ticks, goroutine, its start stack, stack]
    traceEvGoStart = 14,           // [ticks, goroutine, sequence number]
    traceEvGoEnd = 15,             // [ticks]
    traceEvGoSched = 17,           // [ticks, stack]
    traceEvGoPreempt = 18,         // [ticks, stack]
    traceEvGoBlock = 20,           // [ticks, stack]
    traceEvGoUnblock = 21,         // [ticks, goroutine, sequence number, stack]
    traceEvGoSysCall = 28,         // [ticks, stack]
    traceEvGoSysExit = 29,         // [ticks, goroutine, sequence number, real ticks or 0]
    traceEvGoSysBlock = 30,        // [ticks]
    traceEvGoWaiting = 31,         // blocked when tracing starts [ticks, goroutine]
    traceEvGoInSyscall = 32,       // in a system call when tracing starts [ticks, goroutine]
    traceEvHeapAlloc = 33,         // heapLive changed [ticks, bytes]
    traceEvHeapGoal = 34,          // the heap goal changed [ticks, bytes]
    traceEvString = 37,            // dictionary entry [id, length, bytes]
    traceEvGoStartLabel = 41,      // [ticks, goroutine, sequence number, label's string id]
    traceEvGCMarkAssistStart = 43, // [ticks, stack]
    traceEvGCMarkAssistDone = 44,  // [ticks]
};

enum {
    traceArgCountShift = 6,   // the argument count's place in the first byte
    traceBytesPerNumber = 10, // the longest varint of a 64-bit number
    traceStackSize = 128,     // the deepest stack recorded
    traceGlobProc = -1,       // the P of the global buffer
    traceMaxWorkers = 128,    // trace P's set aside for the mark workers (chapter 15 has at most 2 x 64)
};
void clearpools(void); // at the start of a cycle, with the world stopped (mgc.go:clearpools)
typedef struct poolChainElt poolChainElt;
typedef struct poolChain {
    poolChainElt *head; // only the owner uses it
    poolChainElt *tail; // any P (atomic)
} poolChain;
void poolChain_pushHead(poolChain *c, void *val);
void *poolChain_popHead(poolChain *c);
void *poolChain_popTail(poolChain *c);
enum { cacheLinePadSize = 64 };

struct mheap {
    mutex lock;
    pageAlloc pages;
    uint32 sweepgen;
    mspan **allspans;
    uintptr nallspans, capallspans;
    uint64 pagesInUse; // atomic
    heapArena **arenas[1 << arenaL1Bits];
    arenaHint *arenaHints;
    arenaIdx *allArenas;
    uintptr nallArenas, capallArenas;
    struct {
        uintptr base, end;
    } curArena;
    struct {
        _Alignas(cacheLinePadSize) mcentral mcentral;
    } central[numSpanClasses];
    fixalloc spanalloc;
    fixalloc cachealloc;
    fixalloc arenaHintAlloc;
    // fields that later chapters add
    double sweepPagesPerByte;    // proportional sweep ratio; 0: none (atomic)
    uint64 pagesSwept;           // pages swept this cycle (atomic)
    uint64 pagesSweptBasis;      // pagesSwept when the ratio was set (atomic)
    uint64 sweepHeapLiveBasis;   // heapLive when the ratio was set (atomic)
    uint64 reclaimIndex;         // next page to examine in sweepArenas; >= 1<<63: done (atomic)
    uintptr reclaimCredit;       // spare pages the reclaimer found (atomic)
    arenaIdx *sweepArenas;       // allArenas at the start of the sweep
    uintptr nsweepArenas;
};
extern struct mheap mheap_;
void mallocinit(void);
void mheap_init(struct mheap *h);
void *mheap_sysAlloc(struct mheap *h, uintptr n, uintptr *size);
void *sysReserveAligned(void *v, uintptr size, uintptr align, uintptr *got);
mspan *mheap_alloc(struct mheap *h, uintptr npages, spanClass spanclass);
mspan *mheap_allocSpan(struct mheap *h, uintptr npages, spanClass spanclass);
void freeMSpanLocked(struct mheap *h, mspan *s);
void mspan_init(mspan *span, uintptr base, uintptr npages);
// The arena of index ai, or NULL; acquire loads (see spanOf).  Inline: the bitmap code calls it
// for every scan object it describes.
static inline heapArena *
arenaOf(arenaIdx ai)
{
    heapArena **l2 = __atomic_load_n(&mheap_.arenas[arenaIdx_l1(ai)], __ATOMIC_ACQUIRE);
    return l2 == NULL ? NULL : __atomic_load_n(&l2[arenaIdx_l2(ai)], __ATOMIC_ACQUIRE);
}
// Inline, as the collector looks up a span for every pointer it follows.
static inline mspan *
spanOf(uintptr p)
{
    arenaIdx ri = arenaIndex(p);
    if (arenaIdx_l2(ri) >= (1u << arenaL2Bits) || arenaIdx_l1(ri) >= (1u << arenaL1Bits))
        return NULL;
    heapArena *ha = arenaOf(ri);
    if (ha == NULL)
        return NULL;
    return __atomic_load_n(&ha->spans[(p / pageSize) % pagesPerArena], __ATOMIC_ACQUIRE);
}

static inline mspan *
spanOfUnchecked(uintptr p)
{
    heapArena *ha = arenaOf(arenaIndex(p));
    return __atomic_load_n(&ha->spans[(p / pageSize) % pagesPerArena], __ATOMIC_ACQUIRE);
}
mspan *spanOfHeap(uintptr p);
bool inheap(uintptr b);
// Inline too: the collector's greyobject calls it for every object it marks.
static inline void
pageIndexOf(uintptr p, heapArena **arena, uintptr *pageIdx, uint8 *pageMask)
{
    *arena = arenaOf(arenaIndex(p));
    *pageIdx = ((p / pageSize) / 8) % (pagesPerArena / 8);
    *pageMask = (uint8)(1 << ((p / pageSize) % 8));
}
static inline heapBits
heapBitsForAddr(uintptr addr)
{
    heapBits h = {0};
    arenaIdx ai = arenaIndex(addr);
    heapArena *ha = arenaOf(ai);
    if (ha == NULL)
        return h;
    h.bitp = &ha->bitmap[(addr / (ptrSize * 4)) % heapArenaBitmapBytes];
    h.shift = (uint32)((addr / ptrSize) & 3);
    h.arena = ai;
    h.last = &ha->bitmap[heapArenaBitmapBytes - 1];
    return h;
}

#endif /* GOMM_RUNTIME_H */
