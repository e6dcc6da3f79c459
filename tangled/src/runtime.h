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

#endif /* GOMM_RUNTIME_H */
