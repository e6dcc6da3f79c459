// Exercise 15-ragged: reference solution.
#include <sched.h>
#include <time.h>
#include "ragged.h"

void
ex_prepare(ex_work *w)
{
    // No worker counted yet: both at the top, so that nwait == nproc means
    // every worker that counted itself out has counted itself back in.
    __atomic_store_n(&w->nproc, ~(uint32_t)0, __ATOMIC_SEQ_CST);
    __atomic_store_n(&w->nwait, ~(uint32_t)0, __ATOMIC_SEQ_CST);
    __atomic_store_n(&w->done, 0, __ATOMIC_SEQ_CST);
}

// Moves everything the P holds to the global queue; the caller holds its lock.
static void
flushP(ex_P *pp)
{
    for (uint32_t i = 0; i < pp->npriv; i++)
        ex_globalPut(pp->priv[i]);
    for (uint32_t i = 0; i < pp->nlocal; i++)
        ex_globalPut(pp->local[i]);
    if (pp->npriv + pp->nlocal > 0)
        pp->flushedWork = true;
    pp->npriv = pp->nlocal = 0;
}

bool
ex_forEachPFlush(ex_work *w)
{
    bool flushed = false;
    for (uint32_t i = 0; i < w->nP; i++) {
        ex_P *pp = &w->allp[i];
        pthread_mutex_lock(&pp->lock); // waits for the P's safe point
        flushP(pp);
        flushed |= pp->flushedWork; // work it made public since the last barrier counts too
        pp->flushedWork = false;
        pthread_mutex_unlock(&pp->lock);
    }
    return flushed;
}

static bool
quiet(ex_work *w)
{
    return __atomic_load_n(&w->nwait, __ATOMIC_SEQ_CST) == w->nproc && ex_globalEmpty();
}

bool
ex_markDone(ex_work *w)
{
    bool over = false;
    pthread_mutex_lock(&w->markDoneLock);
    if (!__atomic_load_n(&w->done, __ATOMIC_SEQ_CST) && quiet(w) && !ex_forEachPFlush(w)) {
        // No P held an item or had published one since the previous barrier,
        // and nothing was public before it: no item is left anywhere.
        __atomic_store_n(&w->done, 1, __ATOMIC_SEQ_CST);
        ex_terminated(w);
        over = true;
    }
    pthread_mutex_unlock(&w->markDoneLock);
    return over;
}

// Handles items until the P has none and the global queue is empty; true if
// it handled any.  The lock is dropped between two items: a safe point.
static bool
drain(ex_P *pp)
{
    bool any = false;
    for (;;) {
        pthread_mutex_lock(&pp->lock);
        uint32_t item;
        if (pp->nlocal > 0)
            item = pp->local[--pp->nlocal];
        else if (!ex_globalGet(&item)) {
            pthread_mutex_unlock(&pp->lock);
            return any;
        }
        ex_process(pp, item);
        any = true;
        if (pp->nlocal > 4 && ex_globalEmpty()) { // others may be idle: give half away
            uint32_t half = pp->nlocal / 2;
            for (uint32_t i = 0; i < half; i++)
                ex_globalPut(pp->local[i]);
            for (uint32_t i = half; i < pp->nlocal; i++)
                pp->local[i - half] = pp->local[i];
            pp->nlocal -= half;
            pp->flushedWork = true;
        }
        pthread_mutex_unlock(&pp->lock);
    }
}

void
ex_worker(ex_work *w, ex_P *pp)
{
    int idle = 0;
    for (;;) {
        __atomic_sub_fetch(&w->nwait, 1, __ATOMIC_SEQ_CST);
        if (__atomic_load_n(&w->done, __ATOMIC_SEQ_CST)) {
            __atomic_add_fetch(&w->nwait, 1, __ATOMIC_SEQ_CST);
            return;
        }
        bool worked = drain(pp);
        uint32_t incnwait = __atomic_add_fetch(&w->nwait, 1, __ATOMIC_SEQ_CST);
        if (incnwait == w->nproc && ex_globalEmpty()) {
            ex_markDone(w); // the last one out looks for the end of the mark
            continue;
        }
        if (worked) {
            idle = 0;
        } else if (++idle < 64) {
            sched_yield();
        } else {
            nanosleep(&(struct timespec){0, 20 * 1000}, NULL); // nothing for a while: doze
        }
    }
}
