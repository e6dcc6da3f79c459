// tangled from chapters/06-mcentral.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// CUnit tests of lfstack, spanSet and mcentral.
#include <pthread.h>
#include <stdlib.h>
#include "testing.h"
#include "runtime.h"

enum { nthreads = 4, nops = 100000, nnodes = 8 };

struct tnode {
    lfnode node;
    int owner; // -1 when on the stack
};
static struct tnode *tnodes;
static lfstack stack;

static void *
churn(void *arg)
{
    int id = (int)(intptr_t)arg, bad = 0;
    for (int i = 0; i < nops; i++) {
        struct tnode *n = (struct tnode *)lfstack_pop(&stack);
        if (n == NULL)
            continue;
        if (__atomic_exchange_n(&n->owner, id, __ATOMIC_SEQ_CST) != -1)
            bad++; // two threads hold the same node
        __atomic_store_n(&n->owner, -1, __ATOMIC_SEQ_CST);
        lfstack_push(&stack, &n->node);
    }
    return (void *)(intptr_t)bad;
}

static void
test_lfstack(void)
{
    tnodes = persistentalloc(nnodes * sizeof *tnodes, 8, &memstats.other_sys);
    for (int i = 0; i < nnodes; i++) {
        tnodes[i].owner = -1;
        lfstack_push(&stack, &tnodes[i].node);
    }
    pthread_t t[nthreads];
    for (int i = 0; i < nthreads; i++)
        CU_ASSERT_FATAL(pthread_create(&t[i], NULL, churn, (void *)(intptr_t)i) == 0);
    intptr_t bad = 0;
    for (int i = 0; i < nthreads; i++) {
        void *r;
        pthread_join(t[i], &r);
        bad += (intptr_t)r;
    }
    CU_ASSERT_EQUAL(bad, 0);
    int n = 0;
    while (lfstack_pop(&stack) != NULL)
        n++;
    CU_ASSERT_EQUAL(n, nnodes);
    CU_ASSERT(lfstack_empty(&stack));
}

enum { perPusher = 20000 };
static spanSet set;
static mspan *fakes;    // distinct addresses to push
static int *seen;       // pops per fake span
static int popped;      // total pops

static void *
pusher(void *arg)
{
    int id = (int)(intptr_t)arg;
    for (int i = 0; i < perPusher; i++)
        spanSet_push(&set, &fakes[id * perPusher + i]);
    return NULL;
}

static void *
popper(void *arg)
{
    (void)arg;
    while (__atomic_load_n(&popped, __ATOMIC_SEQ_CST) < nthreads * perPusher) {
        mspan *s = spanSet_pop(&set);
        if (s != NULL) {
            __atomic_add_fetch(&seen[s - fakes], 1, __ATOMIC_SEQ_CST);
            __atomic_add_fetch(&popped, 1, __ATOMIC_SEQ_CST);
        }
    }
    return NULL;
}

static void
test_spanset(void)
{
    fakes = calloc(nthreads * perPusher, sizeof *fakes);
    seen = calloc(nthreads * perPusher, sizeof *seen);
    pthread_t t[2 * nthreads];
    for (int i = 0; i < nthreads; i++) {
        CU_ASSERT_FATAL(pthread_create(&t[i], NULL, pusher, (void *)(intptr_t)i) == 0);
        CU_ASSERT_FATAL(pthread_create(&t[nthreads + i], NULL, popper, NULL) == 0);
    }
    for (int i = 0; i < 2 * nthreads; i++)
        pthread_join(t[i], NULL);
    int once = 0;
    for (int i = 0; i < nthreads * perPusher; i++)
        once += seen[i] == 1;
    CU_ASSERT_EQUAL(once, nthreads * perPusher);
    CU_ASSERT_PTR_NULL(spanSet_pop(&set));
    spanSet_reset(&set);
    CU_ASSERT_EQUAL(set.index, 0);
    CU_ASSERT_EQUAL(set.spineLen, 0);
    // A pusher two blocks ahead gets every block up to its own.
    static spanSet ahead;
    ahead.index = 2 * spanSetBlockEntries + 5;
    spanSet_push(&ahead, &fakes[0]);
    CU_ASSERT_EQUAL(ahead.spineLen, 3);
    CU_ASSERT(ahead.spine[0] != NULL && ahead.spine[1] != NULL && ahead.spine[2] != NULL);
    CU_ASSERT_PTR_EQUAL(ahead.spine[2]->spans[5], &fakes[0]);
    free(fakes);
    free(seen);
}

static void
test_mcentral(void)
{
    spanClass spc = makeSpanClass(5, true); // 48-byte noscan objects
    mcentral *c = &mheap_.central[spc].mcentral;
    mspan *s = mcentral_cacheSpan(c);
    CU_ASSERT_FATAL(s != NULL);
    CU_ASSERT_EQUAL(s->spanclass, spc);
    CU_ASSERT_EQUAL(s->elemsize, 48);
    CU_ASSERT_EQUAL(s->nelems, 170);
    CU_ASSERT_EQUAL(s->limit, mspan_base(s) + 170 * 48);
    CU_ASSERT_EQUAL(s->allocCache, ~(uint64)0);
    s->sweepgen = mheap_.sweepgen + 3; // as mcache_refill marks it
    uintptr first = nextFreeFast(s);
    CU_ASSERT_EQUAL(first, mspan_base(s));
    mcentral_uncacheSpan(c, s);
    CU_ASSERT_EQUAL(s->sweepgen, mheap_.sweepgen);
    mspan *again = mcentral_cacheSpan(c); // the partial swept span comes back first
    CU_ASSERT_PTR_EQUAL(again, s);
    CU_ASSERT_EQUAL(again->freeindex, 1);
    CU_ASSERT_EQUAL(again->allocCache & 1, 1); // positioned at freeindex: slot 1 is free
}

int
main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite s = CU_add_suite("mcentral", NULL, NULL);
    CU_add_test(s, "lfstack under 4 threads", test_lfstack);
    CU_add_test(s, "spanSet: 4 pushers, 4 poppers, reset, far pushers", test_spanset);
    CU_add_test(s, "mcentral: cacheSpan, uncacheSpan", test_mcentral);
    return runTests();
}
