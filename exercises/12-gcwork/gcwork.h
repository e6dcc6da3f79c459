// Exercise 12-gcwork: a P's cache of grey objects, Go 1.19's gcWork (mgcwork.go).
#ifndef EX_GCWORK_H
#define EX_GCWORK_H
#include <stdbool.h>
#include <stdint.h>

enum { ex_workbufObjs = (2048 - 24) / 8 }; // 253 objects in a 2 KiB buffer, as Go's

// A work buffer: a stack of grey objects, obj[0] to obj[nobj-1].
typedef struct ex_workbuf {
    struct ex_workbuf *next; // the global lists' link (Go's lfnode): the tests' business
    uintptr_t pushcnt;
    uintptr_t nobj; // objects in the buffer
    uintptr_t obj[ex_workbufObjs];
} ex_workbuf;

// A gcWork: two buffers, both NULL before the first use and after a dispose.
typedef struct ex_gcWork {
    ex_workbuf *wbuf1, *wbuf2; // the primary and the secondary buffer
    uint64_t bytesMarked;      // marked bytes not yet added to ex_workBytesMarked
    bool flushedWork;          // set whenever this gcWork gives a buffer to the full list
} ex_gcWork;

// Provided by the tests (do not define them): the global lists, safe to
// call from any thread, as Go's getempty, putempty, putfull, trygetfull.
ex_workbuf *ex_getempty(void);   // an empty buffer, from the empty list or new
void ex_putempty(ex_workbuf *b); // b must be empty
void ex_putfull(ex_workbuf *b);  // b must hold at least one object
ex_workbuf *ex_trygetfull(void); // a buffer with objects from the full list, or NULL
extern uint64_t ex_workBytesMarked; // Go's work.bytesMarked: add to it atomically

// To write, as Go's methods of the same names.  Objects are never 0.
void ex_put(ex_gcWork *w, uintptr_t obj);
bool ex_putFast(ex_gcWork *w, uintptr_t obj);  // false if it needs ex_put
uintptr_t ex_tryGet(ex_gcWork *w);             // 0: no work here nor on the full list
uintptr_t ex_tryGetFast(ex_gcWork *w);         // 0 if it needs ex_tryGet
void ex_dispose(ex_gcWork *w);
void ex_balance(ex_gcWork *w);
bool ex_empty(const ex_gcWork *w);

#endif
