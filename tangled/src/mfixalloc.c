// tangled from chapters/03-fixalloc.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// A free-list allocator of fixed-size runtime metadata (Go's mfixalloc.go).
#include <string.h>
#include "runtime.h"

void
fixalloc_init(fixalloc *f, uintptr size, void (*first)(void *arg, void *p), void *arg, sysMemStat *stat)
{
    if (size > _FixAllocChunk)
        throw("runtime: fixalloc size too large");
    if (size < sizeof(mlink))
        size = sizeof(mlink);
    *f = (fixalloc){
        .size = size,
        .first = first,
        .arg = arg,
        .nalloc = (uint32)(_FixAllocChunk / size * size),
        .stat = stat,
        .zero = true,
    };
}

void *
fixalloc_alloc(fixalloc *f)
{
    if (f->size == 0) {
        print("runtime: use of FixAlloc_Alloc before FixAlloc_Init\n");
        throw("runtime: internal error");
    }
    if (f->list != NULL) {
        void *v = f->list;
        f->list = f->list->next;
        f->inuse += f->size;
        if (f->zero)
            memset(v, 0, f->size);
        return v;
    }
    if (f->nchunk < f->size) {
        f->chunk = (uintptr)persistentalloc(f->nalloc, 0, f->stat);
        f->nchunk = f->nalloc;
    }
    void *v = (void *)f->chunk;
    if (f->first != NULL)
        f->first(f->arg, v);
    f->chunk += f->size;
    f->nchunk -= (uint32)f->size;
    f->inuse += f->size;
    return v;
}

void
fixalloc_free(fixalloc *f, void *p)
{
    f->inuse -= f->size;
    mlink *v = p;
    v->next = f->list;
    f->list = v;
}
