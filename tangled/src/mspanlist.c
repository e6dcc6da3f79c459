// tangled from chapters/04-mheap.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Doubly linked lists of spans (Go's mheap.go:mSpanList).
#include "runtime.h"

void
mSpanList_init(mSpanList *list)
{
    list->first = NULL;
    list->last = NULL;
}

bool
mSpanList_isEmpty(mSpanList *list)
{
    return list->first == NULL;
}

void
mSpanList_remove(mSpanList *list, mspan *span)
{
    if (span->list != list) {
        print("runtime: failed mSpanList.remove span.npages=%lu span=%p prev=%p span.list=%p list=%p\n",
              (unsigned long)span->npages, (void *)span, (void *)span->prev, (void *)span->list, (void *)list);
        throw("mSpanList.remove");
    }
    if (list->first == span)
        list->first = span->next;
    else
        span->prev->next = span->next;
    if (list->last == span)
        list->last = span->prev;
    else
        span->next->prev = span->prev;
    span->next = NULL;
    span->prev = NULL;
    span->list = NULL;
}

static void
checkUnlisted(mspan *span, const char *op)
{
    if (span->next != NULL || span->prev != NULL || span->list != NULL) {
        print("runtime: failed %s %p %p %p %p\n", op, (void *)span, (void *)span->next,
              (void *)span->prev, (void *)span->list);
        throw(op);
    }
}

void
mSpanList_insert(mSpanList *list, mspan *span)
{
    checkUnlisted(span, "mSpanList.insert");
    span->next = list->first;
    if (list->first != NULL)
        list->first->prev = span;
    else
        list->last = span;
    list->first = span;
    span->list = list;
}

void
mSpanList_insertBack(mSpanList *list, mspan *span)
{
    checkUnlisted(span, "mSpanList.insertBack");
    span->prev = list->last;
    if (list->last != NULL)
        list->last->next = span;
    else
        list->first = span;
    list->last = span;
    span->list = list;
}

void
mSpanList_takeAll(mSpanList *list, mSpanList *other)
{
    if (mSpanList_isEmpty(other))
        return;
    for (mspan *s = other->first; s != NULL; s = s->next)
        s->list = list;
    if (mSpanList_isEmpty(list)) {
        *list = *other;
    } else {
        other->last->next = list->first;
        list->first->prev = other->last;
        list->first = other->first;
    }
    other->first = other->last = NULL;
}
