// Exercise 08-tiny: the tiny allocator's combining and alignment rule.
#ifndef EX_TINY_H
#define EX_TINY_H
#include <stdint.h>

enum { ex_maxTinySize = 16 };

// The tiny state of an mcache, and where its 16-byte blocks come from.
typedef struct {
    uintptr_t tiny;       // the current block, or 0
    uintptr_t tinyoffset; // where its free part starts
    uintptr_t tinyAllocs; // objects placed in the current block without a new one
    // A new 16-byte block, 16-byte aligned; its contents are garbage.
    uintptr_t (*newBlock)(void *arg);
    void *arg;
} ex_tinycache;

// The offset at which an object of size bytes goes when the free part of
// the block starts at off: off rounded up to 8 if size is a multiple of 8,
// else to 4 if size is a multiple of 4, else to 2 if it is even.
uintptr_t ex_tinyAlign(uintptr_t off, uintptr_t size);

// The address of a new pointer-free object of size bytes (1 to 15), zeroed,
// as mallocgc's tiny path places it.
uintptr_t ex_tinyAlloc(ex_tinycache *c, uintptr_t size);

#endif
