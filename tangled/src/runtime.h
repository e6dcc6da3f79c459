// tangled from chapters/01-memory.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The runtime's internal interface, shared by the files of the library.
#ifndef GOMM_RUNTIME_H
#define GOMM_RUNTIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
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
extern int64 MemProfileRate; // GODEBUG=memprofilerate=N; the profiling chapter uses it
void parsedebugvars(void);
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
enum { persistentChunkSize = 256 << 10 };

struct mstats {
    sysMemStat other_sys; // memory of the runtime's own that no other statistic counts
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
};
#define heapArenaBytes ((uintptr)1 << logHeapArenaBytes)
#define heapArenaWords (heapArenaBytes / ptrSize)
#if defined(__x86_64__)
#define arenaBaseOffset ((uintptr)0xffff800000000000)
#else
#define arenaBaseOffset ((uintptr)0)
#endif
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
void pageAlloc_free(pageAlloc *p, uintptr base, uintptr npages);
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

#endif /* GOMM_RUNTIME_H */
