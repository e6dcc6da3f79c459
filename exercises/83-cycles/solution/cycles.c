// Exercise 83-cycles: reference solution.
#include <stdlib.h>
#include <string.h>
#include "cycles.h"

void
ex_updateRefs(ex_heap *h)
{
    for (int i = 0; i < h->n; i++)
        if (h->gen[i])
            h->gcrefs[i] = h->refcnt[i];
}

void
ex_subtractRefs(ex_heap *h)
{
    for (int i = 0; i < h->n; i++) {
        if (!h->gen[i])
            continue;
        for (int f = 0; f < ex_nfields; f++) {
            int j = h->field[i][f];
            if (j != ex_nil && h->gen[j])
                h->gcrefs[j]--;
        }
    }
}

// The reachable objects are marked by setting gcrefs to -1 once they are on
// the stack (their count is not needed any more); the stack holds each at most once.
int
ex_moveUnreachable(ex_heap *h, uint8_t *unreachable)
{
    int *stack = malloc((size_t)(h->n > 0 ? h->n : 1) * sizeof *stack), top = 0;
    for (int i = 0; i < h->n; i++)
        if (h->gen[i] && h->gcrefs[i] > 0) {
            h->gcrefs[i] = -1;
            stack[top++] = i;
        }
    while (top > 0) {
        int o = stack[--top];
        for (int f = 0; f < ex_nfields; f++) {
            int j = h->field[o][f];
            if (j != ex_nil && h->gen[j] && h->gcrefs[j] != -1) {
                h->gcrefs[j] = -1;
                stack[top++] = j;
            }
        }
    }
    free(stack);
    int n = 0;
    for (int i = 0; i < h->n; i++) {
        unreachable[i] = h->gen[i] && h->gcrefs[i] != -1;
        n += unreachable[i];
    }
    return n;
}

int
ex_collect(ex_heap *h, uint8_t *unreachable)
{
    ex_updateRefs(h);
    ex_subtractRefs(h);
    return ex_moveUnreachable(h, unreachable);
}
