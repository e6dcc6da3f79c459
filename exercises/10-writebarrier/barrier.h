// Exercise 10-writebarrier: write barriers on a model of the heap, its roots and a mark in progress.
#ifndef EX_BARRIER_H
#define EX_BARRIER_H
#include <stdbool.h>
#include <stdint.h>

enum {
    ex_maxObjs = 16, // objects 0 to 15
    ex_nfields = 2,  // pointer fields per object
    ex_nglobals = 2, // global pointer variables
    ex_nstacks = 2,  // goroutines
    ex_nlocals = 3,  // pointer slots on each goroutine's stack
    ex_nil = -1,
};
enum { ex_white, ex_grey, ex_black };

// The heap, the roots and the collector's state, in the middle of a mark.
typedef struct ex_world {
    int nobj;                            // objects 0 .. nobj-1 exist
    int field[ex_maxObjs][ex_nfields];   // heap pointers: written with a barrier
    int global[ex_nglobals];             // globals: written with a barrier too
    int local[ex_nstacks][ex_nlocals];   // stack slots: written without one
    uint8_t color[ex_maxObjs];           // ex_white, ex_grey or ex_black
    bool stackScanned[ex_nstacks];       // goroutine g's stack is black once scanned, grey before
    bool globalsScanned;                 // (the collector's business)
    int grey[ex_maxObjs];                // the grey objects, a stack
    int ngrey;
} ex_world;

// Provided by the tests: shades obj (an object, or ex_nil): a white object
// turns grey and goes on the grey stack; anything else is left alone.
void ex_shade(ex_world *w, int obj);

// Yours.  Goroutine g stores ptr (an object, or ex_nil) into *slot, a field
// of a heap object or a global, while the collector is marking.  Each
// function runs its barrier, then does the store.
void ex_dijkstraWrite(ex_world *w, int g, int *slot, int ptr); // shade(ptr)
void ex_yuasaWrite(ex_world *w, int g, int *slot, int ptr);    // shade(*slot)
void ex_hybridWrite(ex_world *w, int g, int *slot, int ptr);   // shade(*slot); if g's stack is grey, shade(ptr)

#endif
