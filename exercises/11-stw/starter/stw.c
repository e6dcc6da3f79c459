// Exercise 11-stw: your implementation.  See statement.tex.
#include <sched.h>
#include "stw.h"

void
ex_stopTheWorld(ex_sched *s, ex_p *self)
{
    (void)s, (void)self; // TODO: count, raise gcwaiting, take what needs no thread, wait
}

void
ex_startTheWorld(ex_sched *s)
{
    (void)s; // TODO
}

bool
ex_stopSelf(ex_sched *s, ex_p *pp)
{
    (void)s, (void)pp;
    return false; // TODO
}

void
ex_entersyscall(ex_sched *s, ex_p *pp)
{
    (void)s, (void)pp; // TODO
}

void
ex_exitsyscall(ex_sched *s, ex_p *pp)
{
    (void)s, (void)pp; // TODO
}
