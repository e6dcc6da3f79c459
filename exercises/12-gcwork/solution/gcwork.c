// Exercise 12-gcwork: reference solution.
#include <stddef.h>
#include <string.h>
#include "gcwork.h"

static void
init(ex_gcWork *w)
{
    w->wbuf1 = ex_getempty();
    ex_workbuf *wbuf2 = ex_trygetfull(); // start with work if there is some
    if (wbuf2 == NULL)
        wbuf2 = ex_getempty();
    w->wbuf2 = wbuf2;
}

void
ex_put(ex_gcWork *w, uintptr_t obj)
{
    ex_workbuf *wbuf = w->wbuf1;
    if (wbuf == NULL) {
        init(w);
        wbuf = w->wbuf1;
    } else if (wbuf->nobj == ex_workbufObjs) {
        w->wbuf1 = w->wbuf2; // swap: the secondary may have room
        w->wbuf2 = wbuf;
        wbuf = w->wbuf1;
        if (wbuf->nobj == ex_workbufObjs) { // both full: one goes to the full list
            ex_putfull(wbuf);
            w->flushedWork = true;
            wbuf = ex_getempty();
            w->wbuf1 = wbuf;
        }
    }
    wbuf->obj[wbuf->nobj++] = obj;
}

bool
ex_putFast(ex_gcWork *w, uintptr_t obj)
{
    ex_workbuf *wbuf = w->wbuf1;
    if (wbuf == NULL || wbuf->nobj == ex_workbufObjs)
        return false;
    wbuf->obj[wbuf->nobj++] = obj;
    return true;
}

uintptr_t
ex_tryGet(ex_gcWork *w)
{
    ex_workbuf *wbuf = w->wbuf1;
    if (wbuf == NULL) {
        init(w);
        wbuf = w->wbuf1;
    }
    if (wbuf->nobj == 0) {
        w->wbuf1 = w->wbuf2; // swap: the secondary may have objects
        w->wbuf2 = wbuf;
        wbuf = w->wbuf1;
        if (wbuf->nobj == 0) { // both empty: take a full buffer
            ex_workbuf *owbuf = wbuf;
            wbuf = ex_trygetfull();
            if (wbuf == NULL)
                return 0;
            ex_putempty(owbuf);
            w->wbuf1 = wbuf;
        }
    }
    return wbuf->obj[--wbuf->nobj];
}

uintptr_t
ex_tryGetFast(ex_gcWork *w)
{
    ex_workbuf *wbuf = w->wbuf1;
    if (wbuf == NULL || wbuf->nobj == 0)
        return 0;
    return wbuf->obj[--wbuf->nobj];
}

static void
giveBack(ex_gcWork *w, ex_workbuf *b)
{
    if (b->nobj == 0) {
        ex_putempty(b);
    } else {
        ex_putfull(b);
        w->flushedWork = true;
    }
}

void
ex_dispose(ex_gcWork *w)
{
    if (w->wbuf1 != NULL) {
        giveBack(w, w->wbuf1);
        giveBack(w, w->wbuf2);
        w->wbuf1 = w->wbuf2 = NULL;
    }
    if (w->bytesMarked != 0) {
        __atomic_add_fetch(&ex_workBytesMarked, w->bytesMarked, __ATOMIC_SEQ_CST);
        w->bytesMarked = 0;
    }
}

// Go's handoff: the top half of b goes into a new buffer, which is
// returned; b, with the bottom half, goes to the full list.
static ex_workbuf *
handoff(ex_workbuf *b)
{
    ex_workbuf *b1 = ex_getempty();
    uintptr_t n = b->nobj / 2;
    b->nobj -= n;
    b1->nobj = n;
    memmove(b1->obj, &b->obj[b->nobj], n * sizeof b1->obj[0]);
    ex_putfull(b);
    return b1;
}

void
ex_balance(ex_gcWork *w)
{
    if (w->wbuf1 == NULL)
        return;
    if (w->wbuf2->nobj != 0) {
        ex_putfull(w->wbuf2);
        w->flushedWork = true;
        w->wbuf2 = ex_getempty();
    } else if (w->wbuf1->nobj > 4) {
        w->wbuf1 = handoff(w->wbuf1);
        w->flushedWork = true;
    }
}

bool
ex_empty(const ex_gcWork *w)
{
    return w->wbuf1 == NULL || (w->wbuf1->nobj == 0 && w->wbuf2->nobj == 0);
}
