// tangled from chapters/12-mgcmark.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The collector's work buffers (Go's mgcwork.go).
#include <string.h>
#include "runtime.h"

static void
gcWork_init(struct gcWork *w)
{
    w->wbuf1 = getempty();
    workbuf *wbuf2 = trygetfull();
    if (wbuf2 == NULL)
        wbuf2 = getempty();
    w->wbuf2 = wbuf2;
}

void
gcWork_put(struct gcWork *w, uintptr obj)
{
    workbuf *wbuf = w->wbuf1;
    if (wbuf == NULL) {
        gcWork_init(w);
        wbuf = w->wbuf1;
    } else if (wbuf->hdr.nobj == workbufObjs) {
        w->wbuf1 = w->wbuf2;
        w->wbuf2 = wbuf;
        wbuf = w->wbuf1;
        if (wbuf->hdr.nobj == workbufObjs) {
            putfull(wbuf);
            w->flushedWork = true;
            wbuf = getempty();
            w->wbuf1 = wbuf;
        }
    }
    wbuf->obj[wbuf->hdr.nobj++] = obj;
}

uintptr
gcWork_tryGet(struct gcWork *w)
{
    workbuf *wbuf = w->wbuf1;
    if (wbuf == NULL) {
        gcWork_init(w);
        wbuf = w->wbuf1;
    }
    if (wbuf->hdr.nobj == 0) {
        w->wbuf1 = w->wbuf2;
        w->wbuf2 = wbuf;
        wbuf = w->wbuf1;
        if (wbuf->hdr.nobj == 0) {
            workbuf *owbuf = wbuf;
            wbuf = trygetfull();
            if (wbuf == NULL)
                return 0;
            putempty(owbuf);
            w->wbuf1 = wbuf;
        }
    }
    return wbuf->obj[--wbuf->hdr.nobj];
}
void
gcWork_dispose(struct gcWork *w)
{
    workbuf *bufs[2] = {w->wbuf1, w->wbuf2};
    for (int i = 0; i < 2; i++) {
        if (bufs[i] == NULL)
            continue;
        if (bufs[i]->hdr.nobj == 0) {
            putempty(bufs[i]);
        } else {
            putfull(bufs[i]);
            w->flushedWork = true;
        }
    }
    w->wbuf1 = w->wbuf2 = NULL;
    if (w->bytesMarked != 0) {
        atomic_Xadd64(&work.bytesMarked, (int64)w->bytesMarked);
        w->bytesMarked = 0;
    }
    if (w->heapScanWork != 0) {
        atomic_Xadd64((uint64 *)&gcController.heapScanWork, w->heapScanWork);
        w->heapScanWork = 0;
    }
}

void
gcWork_balance(struct gcWork *w)
{
    if (w->wbuf1 == NULL)
        return;
    if (w->wbuf2->hdr.nobj != 0) {
        putfull(w->wbuf2);
        w->flushedWork = true;
        w->wbuf2 = getempty();
    } else if (w->wbuf1->hdr.nobj > 4) {
        w->wbuf1 = handoff(w->wbuf1);
        w->flushedWork = true;
    }
}

bool
gcWork_empty(struct gcWork *w)
{
    return w->wbuf1 == NULL || (w->wbuf1->hdr.nobj == 0 && w->wbuf2->hdr.nobj == 0);
}
workbuf *
getempty(void)
{
    workbuf *b = (workbuf *)lfstack_pop(&work.empty);
    if (b == NULL) {
        byte *chunk = persistentalloc(workbufAlloc, _WorkbufSize, &memstats.gcMiscSys);
        for (uintptr j = _WorkbufSize; j < workbufAlloc; j += _WorkbufSize)
            putempty((workbuf *)(chunk + j));
        b = (workbuf *)chunk;
    }
    if (b->hdr.nobj != 0) {
        print("runtime: workbuf %p nobj=%lu\n", (void *)b, (unsigned long)b->hdr.nobj);
        throw("workbuf is not empty");
    }
    return b;
}

void
putempty(workbuf *b)
{
    if (b->hdr.nobj != 0)
        throw("putempty: workbuf is not empty");
    lfstack_push(&work.empty, &b->hdr.node);
}

void
putfull(workbuf *b)
{
    if (b->hdr.nobj == 0)
        throw("putfull: workbuf is empty");
    lfstack_push(&work.full, &b->hdr.node);
}

workbuf *
trygetfull(void)
{
    return (workbuf *)lfstack_pop(&work.full);
}

workbuf *
handoff(workbuf *b)
{
    workbuf *b1 = getempty();
    uintptr n = b->hdr.nobj / 2;
    b->hdr.nobj -= n;
    b1->hdr.nobj = n;
    memmove(b1->obj, &b->obj[b->hdr.nobj], n * sizeof b1->obj[0]);
    putfull(b);
    return b1;
}
