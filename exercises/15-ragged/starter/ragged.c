// Exercise 15-ragged: your implementation.  See statement.tex.
#include "ragged.h"

void
ex_prepare(ex_work *w)
{
    (void)w; // TODO
}

bool
ex_forEachPFlush(ex_work *w)
{
    (void)w;
    return false; // TODO: each P at its safe point: its items to the global queue, its flag
}

bool
ex_markDone(ex_work *w)
{
    (void)w;
    return false; // TODO
}

void
ex_worker(ex_work *w, ex_P *pp)
{
    (void)w, (void)pp; // TODO: count out of nwait, drain, count back in, maybe markDone; until done
}
