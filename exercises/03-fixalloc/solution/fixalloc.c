// Exercise 03-fixalloc: reference solution.
#include <string.h>
#include "fixalloc.h"

void
ex_fixalloc_init(ex_fixalloc *f, uintptr_t size, void (*first)(void *arg, void *p), void *arg,
                 ex_chunkSource chunkAlloc, void *carg)
{
    if (size < sizeof(ex_link))
        size = sizeof(ex_link);
    *f = (ex_fixalloc){
        .size = size,
        .first = first,
        .arg = arg,
        .nalloc = (uint32_t)(ex_fixAllocChunk / size * size), // no tail shorter than an object
        .chunkAlloc = chunkAlloc,
        .carg = carg,
        .zero = true,
    };
}

void *
ex_fixalloc_alloc(ex_fixalloc *f)
{
    if (f->list != NULL) {
        void *v = f->list;
        f->list = f->list->next;
        f->inuse += f->size;
        if (f->zero)
            memset(v, 0, f->size);
        return v;
    }
    if (f->nchunk < f->size) {
        f->chunk = (uintptr_t)f->chunkAlloc(f->carg, f->nalloc);
        f->nchunk = f->nalloc;
    }
    void *v = (void *)f->chunk; // never handed out: still zero
    if (f->first != NULL)
        f->first(f->arg, v);
    f->chunk += f->size;
    f->nchunk -= (uint32_t)f->size;
    f->inuse += f->size;
    return v;
}

void
ex_fixalloc_free(ex_fixalloc *f, void *p)
{
    f->inuse -= f->size;
    ex_link *v = p;
    v->next = f->list;
    f->list = v;
}
