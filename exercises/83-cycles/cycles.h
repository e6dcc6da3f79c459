// Exercise 83-cycles: CPython's cycle detection on a small model of its heap.
#ifndef EX_CYCLES_H
#define EX_CYCLES_H
#include <stdint.h>

enum {
    ex_nil = -1,    // a null reference
    ex_nfields = 2, // every object has two reference fields
};

// A heap of n container objects, numbered 0 to n-1, each with a reference
// count as CPython keeps it.  The arrays have n entries each.
typedef struct ex_heap {
    int n;
    int (*field)[ex_nfields]; // field[i][f]: an object, or ex_nil
    int *refcnt;              // every reference to i: the fields of all the objects
                              // (in the generation or not) plus those from outside
                              // the heap (variables, C code); never changed here
    uint8_t *gen;             // 1: i is in the generation being collected
    int *gcrefs;              // scratch, one per object: CPython's gc_refs
} ex_heap;

// Step 1 (update_refs): gcrefs[i] = refcnt[i] for every object of the
// generation; the others' gcrefs are left alone.
void ex_updateRefs(ex_heap *h);
// Step 2 (subtract_refs): for every reference from a field of an object of
// the generation to an object of the generation, one less in the target's
// gcrefs.  Afterwards gcrefs[i] counts the references to i from outside the
// generation.
void ex_subtractRefs(ex_heap *h);
// Step 3 (move_unreachable): an object of the generation is reachable if its
// gcrefs is above 0, or if a field of a reachable object of the generation
// refers to it.  Sets unreachable[i] to 1 for the other objects of the
// generation and to 0 for every other object, and returns how many it set to
// 1.  May change gcrefs.  No recursion: a chain of a million objects must not
// need a deeper C stack than a chain of two.
int ex_moveUnreachable(ex_heap *h, uint8_t *unreachable);
// The three steps in order: returns the number of objects of the generation
// that are cyclic garbage, and marks them in unreachable.  Changes neither
// refcnt nor the fields.
int ex_collect(ex_heap *h, uint8_t *unreachable);

#endif
