// Exercise 11-stw: stopping the world, a model with P states (Go 1.19's proc.go).
#ifndef EX_STW_H
#define EX_STW_H
#include <stdbool.h>
#include <stdint.h>

// The states of a P, as Go's _Pidle, _Prunning, _Psyscall and _Pgcstop.
enum { ex_Pidle, ex_Prunning, ex_Psyscall, ex_Pgcstop };

typedef struct ex_p {
    uint32_t status;    // ex_Pidle, ... (atomic)
    uint32_t hasM;      // 1 if a thread holds this P (it runs, or is in a blocking call)
    uint32_t insyscall; // 1 from the start of ex_entersyscall to the end of ex_exitsyscall (atomic)
} ex_p;

typedef struct ex_sched {
    ex_p *allp; // the P's
    int nallp;
    uint32_t lock;      // sched.lock, for ex_lock and ex_unlock
    uint32_t gcwaiting; // 1 while the world is stopping or stopped (atomic)
    uint32_t stopwait;  // P's still to stop (atomic; Go's is an int32)
    uint32_t stopnote;  // set to 1 by whoever brings stopwait to 0 (atomic)
    uint32_t stopgen;   // the number of restarts of the world so far (atomic)
} ex_sched;

// Provided by the tests (do not define them): the atomic operations, all
// sequentially consistent, to use for every access to the shared words
// (the fields marked atomic), and a lock.  They may yield the processor
// before or after the operation, at random, so that the tests meet more
// interleavings.  Waiting is a loop that calls sched_yield().
uint32_t ex_load(const uint32_t *addr);
void ex_store(uint32_t *addr, uint32_t val);
bool ex_cas(uint32_t *addr, uint32_t old, uint32_t new); // true if *addr was old, and is new now
uint32_t ex_xadd(uint32_t *addr, int32_t delta);         // adds delta, returns the new value
void ex_lock(uint32_t *l);
void ex_unlock(uint32_t *l);

// Stops the world, as proc.go's stopTheWorldWithSema: under the lock,
// counts every P in stopwait, raises gcwaiting, stops self (the caller's
// own running P; NULL if it has none), and every idle P and P in a
// blocking call, each with a compare-and-swap to ex_Pgcstop, counting each
// off; then, without the lock, waits until the others (the running P's)
// have stopped themselves.
void ex_stopTheWorld(ex_sched *s, ex_p *self);

// Starts the world, under the lock: every P gets its state back (ex_Pidle if
// no thread holds it, ex_Psyscall if its thread is in a blocking call, else
// ex_Prunning), gcwaiting falls, and stopgen counts the restart.
void ex_startTheWorld(ex_sched *s);

// Called by the thread that holds pp at a safe point, when it sees
// gcwaiting set (proc.go's gcstopm).  Under the lock: if the world is
// still stopping and pp is running, moves pp from ex_Prunning to
// ex_Pgcstop with a compare-and-swap and counts it off stopwait (setting
// stopnote if it was the last); then, without the lock, waits for the
// restart and returns true.  Otherwise returns false at once.
bool ex_stopSelf(ex_sched *s, ex_p *pp);

// The thread that holds pp (running) is about to block: pp goes to
// ex_Psyscall, and the world will not wait for it.  If a stop is under way
// (stopwait > 0, read under the lock), the thread stops its P itself, as
// proc.go's entersyscall_gcwait does.
void ex_entersyscall(ex_sched *s, ex_p *pp);

// The blocking call is over: takes pp back, ex_Psyscall to ex_Prunning with
// a compare-and-swap and no lock; if the world stopped it meanwhile, waits
// for the restart and tries again.  Returns with pp running.
void ex_exitsyscall(ex_sched *s, ex_p *pp);

#endif
