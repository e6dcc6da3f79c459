// Exercise 10-tricolor: marking a graph with an explicit grey stack, then sweeping it.
#ifndef EX_TRICOLOR_H
#define EX_TRICOLOR_H
#include <stdint.h>

enum {
    ex_nil = -1,    // a nil pointer
    ex_nfields = 2, // every object has two pointer fields
};
enum { ex_white, ex_grey, ex_black };

// A heap of n objects, numbered 0 to n-1.  The arrays have n entries each
// (grey has room for n, which is enough: an object turns grey at most once
// in a cycle).
typedef struct ex_graph {
    int n;
    int (*field)[ex_nfields]; // field[i][f]: an object, or ex_nil
    uint8_t *color;           // ex_white, ex_grey or ex_black
    uint8_t *allocated;       // 1 for an object in use, 0 for a free slot
    int *grey;                // the grey objects, a stack: grey[0] is the bottom
    int ngrey;                // its height
} ex_graph;

// Shades obj: a white object turns grey and is pushed on the grey stack;
// ex_nil and grey or black objects are left alone.
void ex_shade(ex_graph *g, int obj);
// Shades each of the n roots.
void ex_markRoots(ex_graph *g, const int *roots, int n);
// Scans the grey object on top of the stack: pops it, shades its fields in
// order (field 0, then field 1) and blackens it.  Returns the object, or
// ex_nil if there was none.
int ex_markStep(ex_graph *g);
// A whole mark: the roots, then steps until no grey object is left.
// Returns the number of objects scanned.  No recursion: a chain of a
// million objects must not need a deeper C stack than a chain of two.
int ex_mark(ex_graph *g, const int *roots, int n);
// Frees every allocated white object (allocated = 0, fields ex_nil), turns
// the black ones white again for the next cycle, and returns the number freed.
int ex_sweep(ex_graph *g);

#endif
