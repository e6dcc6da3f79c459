// Exercise 03-fixalloc: a free-list allocator of fixed-size objects.
#ifndef EX_FIXALLOC_H
#define EX_FIXALLOC_H
#include <stdbool.h>
#include <stdint.h>

enum { ex_fixAllocChunk = 16 << 10 }; // _FixAllocChunk

// A freed object: its first word links it to the next one.
typedef struct ex_link {
    struct ex_link *next;
} ex_link;

// Where chunks come from: chunkAlloc(carg, n) returns n zero bytes,
// aligned to 8, that are never given back (like persistentalloc).
typedef void *(*ex_chunkSource)(void *carg, uintptr_t n);

typedef struct ex_fixalloc {
    uintptr_t size;                     // object size, at least a pointer
    void (*first)(void *arg, void *p);  // called once per fresh object, or NULL
    void *arg;
    ex_link *list;                      // freed objects
    uintptr_t chunk;                    // the unused tail of the current chunk...
    uint32_t nchunk;                    // ...and its length in bytes
    uint32_t nalloc;                    // bytes of a new chunk
    uintptr_t inuse;                    // bytes allocated and not freed
    ex_chunkSource chunkAlloc;
    void *carg;
    bool zero;                          // zero a freed object before handing it out again
} ex_fixalloc;

// Set up f for objects of size bytes; take no chunk yet.
void ex_fixalloc_init(ex_fixalloc *f, uintptr_t size, void (*first)(void *arg, void *p), void *arg,
                      ex_chunkSource chunkAlloc, void *carg);
// An object: a freed one if there is one, otherwise the next one of the
// current chunk, or of a new chunk.
void *ex_fixalloc_alloc(ex_fixalloc *f);
// Give p back to f.
void ex_fixalloc_free(ex_fixalloc *f, void *p);

#endif
