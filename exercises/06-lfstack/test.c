// Exercise 06-lfstack: graded tests.  Each test's name starts with its points.
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include "grade.h"
#include "lfstack.h"

// The tests' own unpacking, to walk a stack without trusting the exercise's.
static ex_lfnode *
unpack(uint64_t val)
{
    return (ex_lfnode *)((uintptr_t)((int64_t)val >> ex_cntBits) << 3);
}

static void
test_pack(void)
{
    CU_ASSERT_EQUAL(ex_lfstackPack((ex_lfnode *)0xc000000000, 5), 0x00c0000000000005);
    CU_ASSERT_EQUAL(ex_lfstackPack((ex_lfnode *)0x7ffffffffff8, 0), 0x7ffffffffff80000);
    ex_lfnode local, *heap = malloc(sizeof *heap);
    ex_lfnode *nodes[] = {&local, heap, (ex_lfnode *)0xc000000000, (ex_lfnode *)0x7ffffffffff8, (ex_lfnode *)8};
    uintptr_t counts[] = {0, 1, 12345, (1 << ex_cntBits) - 1, 1 << ex_cntBits, ~(uintptr_t)0};
    for (int i = 0; i < 5; i++)
        for (int j = 0; j < 6; j++) {
            uint64_t v = ex_lfstackPack(nodes[i], counts[j]);
            CU_ASSERT_PTR_EQUAL(ex_lfstackUnpack(v), nodes[i]);
            CU_ASSERT_EQUAL(v & ((1 << ex_cntBits) - 1), counts[j] & ((1 << ex_cntBits) - 1));
        }
    // The count wraps: only 19 bits of it are kept.
    CU_ASSERT_EQUAL(ex_lfstackPack(heap, 7 + (1 << ex_cntBits)), ex_lfstackPack(heap, 7));
    CU_ASSERT_NOT_EQUAL(ex_lfstackPack(heap, 7), ex_lfstackPack(heap, 8));
}

static void
test_signExtend(void)
{
    ex_lfnode *high = (ex_lfnode *)0xffff800000001000;
    CU_ASSERT_EQUAL(ex_lfstackPack(high, 3), 0x8000000010000003);
    CU_ASSERT_PTR_EQUAL(ex_lfstackUnpack(0x8000000010000003), high);
    CU_ASSERT_PTR_EQUAL(ex_lfstackUnpack(0x00c0000000000005), (ex_lfnode *)0xc000000000);
}

static void
test_pushPop(void)
{
    ex_lfstack head = 0;
    static ex_lfnode a, b, c;
    ex_lfstack_push(&head, &a);
    CU_ASSERT_EQUAL(head, ex_lfstackPack(&a, 1));
    CU_ASSERT_EQUAL(a.next, 0);
    ex_lfstack_push(&head, &b);
    CU_ASSERT_EQUAL(b.next, ex_lfstackPack(&a, 1)); // the head below b
    ex_lfstack_push(&head, &c);
    CU_ASSERT_PTR_EQUAL(ex_lfstack_pop(&head), &c);
    CU_ASSERT_PTR_EQUAL(ex_lfstack_pop(&head), &b);
    CU_ASSERT_PTR_EQUAL(ex_lfstack_pop(&head), &a);
    CU_ASSERT_PTR_NULL(ex_lfstack_pop(&head));
    CU_ASSERT_EQUAL(head, 0);
    ex_lfstack_push(&head, &a); // again: a new count
    CU_ASSERT_EQUAL(a.pushcnt, 2);
    CU_ASSERT_EQUAL(b.pushcnt, 1);
    CU_ASSERT_EQUAL(head, ex_lfstackPack(&a, 2));
    CU_ASSERT_PTR_EQUAL(ex_lfstack_pop(&head), &a);
    CU_ASSERT_PTR_NULL(ex_lfstack_pop(&head));
}

static void
test_aba(void)
{
    static ex_lfnode a, b;
    ex_lfstack head = 0;
    ex_lfstack_push(&head, &b);
    ex_lfstack_push(&head, &a);
    // A popper reads the head (a) and the link below it (b), and stalls...
    uint64_t old = head, next = unpack(old)->next;
    // ...while others pop a and b and push a again: the top is a again...
    CU_ASSERT_PTR_EQUAL(ex_lfstack_pop(&head), &a);
    CU_ASSERT_PTR_EQUAL(ex_lfstack_pop(&head), &b);
    ex_lfstack_push(&head, &a);
    CU_ASSERT_PTR_EQUAL(unpack(head), &a);
    // ...but not the same head, so the stalled compare-and-swap fails and
    // b, which another thread owns now, is not put back on top.
    CU_ASSERT_FALSE(__atomic_compare_exchange_n(&head, &old, next, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST));
    CU_ASSERT_PTR_EQUAL(ex_lfstack_pop(&head), &a);
    CU_ASSERT_PTR_NULL(ex_lfstack_pop(&head));
}

enum { nnodes = 16, nthreads = 4, nrounds = 100000 };
static ex_lfnode pool[nnodes];
static uint32_t owned[nnodes];
static ex_lfstack shared;

static void *
churn(void *arg)
{
    long bad = 0;
    (void)arg;
    for (int i = 0; i < nrounds; i++) {
        ex_lfnode *n = ex_lfstack_pop(&shared);
        if (n == NULL || n < pool || n >= pool + nnodes) { // at least 12 nodes are in the stack
            bad++;
            continue;
        }
        if (__atomic_exchange_n(&owned[n - pool], 1, __ATOMIC_SEQ_CST) != 0)
            bad++; // two threads popped the same node
        __atomic_store_n(&owned[n - pool], 0, __ATOMIC_SEQ_CST);
        ex_lfstack_push(&shared, n);
    }
    return (void *)bad;
}

static void
test_threads(void)
{
    for (int i = 0; i < nnodes; i++)
        ex_lfstack_push(&shared, &pool[i]);
    pthread_t t[nthreads];
    for (int i = 0; i < nthreads; i++)
        CU_ASSERT_FATAL(pthread_create(&t[i], NULL, churn, NULL) == 0);
    for (int i = 0; i < nthreads; i++) {
        void *bad;
        pthread_join(t[i], &bad);
        CU_ASSERT_PTR_NULL(bad);
    }
    // Every node is in the stack exactly once, and every push was counted.
    int seen[nnodes] = {0}, n = 0;
    uintptr_t pushes = 0;
    for (uint64_t v = shared; v != 0 && n <= nnodes; v = unpack(v)->next, n++) {
        ex_lfnode *node = unpack(v);
        CU_ASSERT_FATAL(node >= pool && node < pool + nnodes);
        seen[node - pool]++;
    }
    CU_ASSERT_EQUAL(n, nnodes);
    for (int i = 0; i < nnodes; i++) {
        CU_ASSERT_EQUAL(seen[i], 1);
        pushes += pool[i].pushcnt;
    }
    CU_ASSERT_EQUAL(pushes, nnodes + (uintptr_t)nthreads * nrounds);
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("06-lfstack", NULL, NULL);
    CU_add_test(s, "[2] packing a node and a count into 64 bits", test_pack);
    CU_add_test(s, "[1] unpacking sign-extends the address", test_signExtend);
    CU_add_test(s, "[2] push and pop, last in first out", test_pushPop);
    CU_add_test(s, "[2] the count defeats ABA", test_aba);
    CU_add_test(s, "[3] four threads popping and pushing", test_threads);
}
