// Exercise 11-stw: reference solution.
#include <sched.h>
#include "stw.h"

// One P is stopped: count it off; the last one tells the stopper.
static void
stopwaitDone(ex_sched *s)
{
    if (ex_xadd(&s->stopwait, -1) == 0)
        ex_store(&s->stopnote, 1);
}

void
ex_stopTheWorld(ex_sched *s, ex_p *self)
{
    ex_lock(&s->lock);
    ex_store(&s->stopnote, 0);
    // stopwait before gcwaiting: a thread that sees gcwaiting may count
    // itself off at once, and must find the full count.
    ex_store(&s->stopwait, (uint32_t)s->nallp);
    ex_store(&s->gcwaiting, 1);
    if (self != NULL) {
        ex_store(&self->status, ex_Pgcstop); // our own: nobody else changes it
        stopwaitDone(s);
    }
    for (int i = 0; i < s->nallp; i++) {
        ex_p *pp = &s->allp[i];
        uint32_t st = ex_load(&pp->status);
        // A compare-and-swap: the thread of a P in a blocking call may take it
        // back at the same moment, without the lock.
        if ((st == ex_Psyscall || st == ex_Pidle) && ex_cas(&pp->status, st, ex_Pgcstop))
            stopwaitDone(s);
    }
    ex_unlock(&s->lock);
    while (ex_load(&s->stopnote) == 0)
        sched_yield();
}

void
ex_startTheWorld(ex_sched *s)
{
    ex_lock(&s->lock);
    for (int i = 0; i < s->nallp; i++) {
        ex_p *pp = &s->allp[i];
        uint32_t st = ex_Pidle;
        if (ex_load(&pp->hasM))
            st = ex_load(&pp->insyscall) ? ex_Psyscall : ex_Prunning;
        ex_store(&pp->status, st);
    }
    ex_store(&s->gcwaiting, 0);
    ex_xadd(&s->stopgen, 1); // the stopped threads go
    ex_unlock(&s->lock);
}

bool
ex_stopSelf(ex_sched *s, ex_p *pp)
{
    ex_lock(&s->lock);
    // gcwaiting again, under the lock: the thread saw it without the lock,
    // and the world may have started since (its P given back while it was
    // ending a blocking call).  Stopping it now would count it off a stop
    // that is over.
    if (ex_load(&s->gcwaiting) == 0 || !ex_cas(&pp->status, ex_Prunning, ex_Pgcstop)) {
        ex_unlock(&s->lock);
        return false;
    }
    uint32_t gen = ex_load(&s->stopgen); // before the lock goes: then the world may restart
    stopwaitDone(s);
    ex_unlock(&s->lock);
    while (ex_load(&s->stopgen) == gen)
        sched_yield();
    return true;
}

void
ex_entersyscall(ex_sched *s, ex_p *pp)
{
    ex_store(&pp->insyscall, 1); // before the status: a restart must see it
    ex_store(&pp->status, ex_Psyscall);
    // The stopper may have passed this P while it was running; then nobody
    // else will stop it.  Under the lock, stopwait > 0 means a stop that
    // is not over (it cannot end while the lock is held), and the P is
    // either still ex_Psyscall or taken by the stopper already.
    ex_lock(&s->lock);
    if (ex_load(&s->stopwait) > 0 && ex_cas(&pp->status, ex_Psyscall, ex_Pgcstop))
        stopwaitDone(s);
    ex_unlock(&s->lock);
}

void
ex_exitsyscall(ex_sched *s, ex_p *pp)
{
    for (;;) {
        uint32_t gen = ex_load(&s->stopgen); // before the attempt, as in ex_stopSelf
        if (ex_cas(&pp->status, ex_Psyscall, ex_Prunning))
            break;
        while (ex_load(&s->stopgen) == gen)
            sched_yield();
    }
    ex_store(&pp->insyscall, 0);
}
