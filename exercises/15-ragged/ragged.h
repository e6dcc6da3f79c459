// Exercise 15-ragged: when is the mark over?  Go 1.19's work.nwait and
// work.nproc, the ragged barrier of forEachP and gcMarkDone (mgc.go, proc.go).
#ifndef EX_RAGGED_H
#define EX_RAGGED_H
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

enum {
    ex_maxP = 8,            // P's, one worker thread on each
    ex_privCap = 16,        // a P's private buffer (its write barrier buffer)
    ex_localCap = 1 << 16,  // a P's work cache: room for every item of the tests
};

// A P.  Its worker holds lock while it handles an item and while it touches
// local, priv or flushedWork; between two items, the P is at a safe point,
// where a flush may take the lock.
typedef struct ex_P {
    pthread_mutex_t lock;
    uint32_t npriv, priv[ex_privCap];    // private items: no worker may take them; only a flush moves them
    uint32_t nlocal, local[ex_localCap]; // the work cache: its worker takes from here first, last in first out
    bool flushedWork;                    // set whenever the P moves items to the global queue
} ex_P;

// The mark.  The tests set nP and allp, and initialise the locks.
typedef struct ex_work {
    uint32_t nproc, nwait;         // Go's work.nproc, work.nwait (atomic)
    uint32_t nP;                   // P's: allp[0] to allp[nP-1]
    ex_P *allp;
    pthread_mutex_t markDoneLock;  // one ex_markDone at a time (Go's work.markDoneSema)
    uint32_t done;                 // atomic: the mark is over, the workers return
} ex_work;

// Provided by the tests (do not define them).
void ex_globalPut(uint32_t item); // the global queue, safe from any thread
bool ex_globalGet(uint32_t *item); // false if it is empty
bool ex_globalEmpty(void);
// Handles one item for the P's worker, which holds pp->lock: its children
// go to pp->priv, if there is room and the tests say so, or to pp->local.
void ex_process(ex_P *pp, uint32_t item);
// ex_markDone calls it, once, when it declares the mark over.
void ex_terminated(ex_work *w);

// To write.
void ex_prepare(ex_work *w);       // before the workers start: nproc, nwait, done
bool ex_forEachPFlush(ex_work *w); // the ragged barrier: true if any P had flushed work
bool ex_markDone(ex_work *w);      // true if this call declared the mark over
void ex_worker(ex_work *w, ex_P *pp); // the worker of P pp; returns when the mark is over

#endif
