// Lab 28-lifetime: one object's life, read from a GODEBUG=allocfreetrace=1 trace (chapter 28).
#ifndef LAB_LIFETIME_H
#define LAB_LIFETIME_H
#include <stdint.h>

// What the trace says of the first object allocated at an address.
typedef struct lab_life {
    uint64_t size;     // the size in its tracealloc record
    char type[64];     // the type name in that record, or "" if the record has none
    char function[64]; // the allocating function: the first frame of the record's stack
                       // whose file does not start with "tangled/src/"
    int freed;         // 1 if a tracefree record with the address follows, else 0
    int survived;      // the cycles that found it reachable (see the statement)
} lab_life;

// Reads trace, the output of a run with GODEBUG=allocfreetrace=1 (other lines may be mixed
// in), and fills *out for the first object allocated at addr.  Returns 0, or -1 (and leaves
// *out alone) if no tracealloc record has the address addr.
int lab_lifetime(const char *trace, uintptr_t addr, lab_life *out);

#endif
