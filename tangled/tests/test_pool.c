// tangled from chapters/27-pool.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Tests of sync_Pool (chapter 27).
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include "testing.h"
#include "runtime.h"

typedef struct item {
    uint64_t id;
    uint32_t owner; // the thread that holds it, or 0 (atomic)
} item;
GOMM_TYPE_NOPTR(itemType, item);

static uint64_t made; // items made by New (atomic)

static void *
newItem(void)
{
    item *it = runtime_new(&itemType);
    it->id = __atomic_add_fetch(&made, 1, __ATOMIC_SEQ_CST);
    return it;
}

static sync_Pool pool, bare; // globals: roots, as the pool's rules want

static void
test_getPut(void)
{
    runtime_ThreadAttach();
    pool.New = newItem;
    CU_ASSERT_PTR_NULL(sync_Pool_Get(&bare));
    uint64_t m0 = made;
    item *a = sync_Pool_Get(&pool);
    CU_ASSERT(a != NULL && made == m0 + 1);
    item *b = sync_Pool_Get(&pool);
    CU_ASSERT(b != NULL && b != a);
    sync_Pool_Put(&pool, a);
    sync_Pool_Put(&pool, b);
    sync_Pool_Put(&pool, NULL); // ignored
    CU_ASSERT_PTR_EQUAL(sync_Pool_Get(&pool), a); // the private slot first
    CU_ASSERT_PTR_EQUAL(sync_Pool_Get(&pool), b); // then the queue's head
    CU_ASSERT_EQUAL(made, m0 + 2);
}

static void
test_queue(void)
{
    runtime_ThreadAttach();
    static poolChain chain; // a global: its rings are found through it
    item *its[100];
    for (int i = 0; i < 100; i++) {
        its[i] = runtime_new(&itemType);
        its[i]->id = (uint64_t)i;
        poolChain_pushHead(&chain, its[i]);
    }
    CU_ASSERT(chain.head != chain.tail); // more than one ring (the first holds 8)
    for (int i = 99; i >= 50; i--)
        CU_ASSERT_PTR_EQUAL(poolChain_popHead(&chain), its[i]);
    for (int i = 0; i < 50; i++)
        CU_ASSERT_PTR_EQUAL(poolChain_popTail(&chain), its[i]);
    CU_ASSERT_PTR_NULL(poolChain_popTail(&chain));
    CU_ASSERT_PTR_NULL(poolChain_popHead(&chain));
    GOMM_STORE(chain.head, NULL);
    GOMM_STORE(chain.tail, NULL);
}

static void
test_victim(void)
{
    runtime_ThreadAttach();
    static sync_Pool vp;
    vp.New = newItem;
    item *x = sync_Pool_Get(&vp);
    x->id = 424242;
    sync_Pool_Put(&vp, x);
    runtime_GC(); // the pool's storage becomes its victim
    item *y = sync_Pool_Get(&vp);
    CU_ASSERT_PTR_EQUAL(y, x);
    CU_ASSERT(y != NULL && y->id == 424242);
    sync_Pool_Put(&vp, y);
    runtime_GC();
    runtime_GC(); // two cycles: dropped
    uint64_t m0 = made;
    item *z = sync_Pool_Get(&vp);
    CU_ASSERT(z != NULL && z->id != 424242 && made == m0 + 1);
}

enum { nworkers = 4, rounds = 20000 };
static uint32_t stop, failures; // atomic

static void *
worker(void *arg)
{
    uint32_t self = (uint32_t)(uintptr_t)arg;
    runtime_ThreadAttach();
    item *held[4];
    for (int r = 0; r < rounds; r++) {
        int n = r % 4 + 1;
        for (int i = 0; i < n; i++) {
            held[i] = sync_Pool_Get(&pool);
            uint32_t zero = 0;
            if (!__atomic_compare_exchange_n(&held[i]->owner, &zero, self, false, __ATOMIC_SEQ_CST,
                                             __ATOMIC_SEQ_CST))
                __atomic_add_fetch(&failures, 1, __ATOMIC_SEQ_CST); // another thread holds it
        }
        for (int i = 0; i < n; i++) {
            __atomic_store_n(&held[i]->owner, 0, __ATOMIC_SEQ_CST);
            sync_Pool_Put(&pool, held[i]);
        }
    }
    runtime_ThreadDetach();
    return NULL;
}

static void *
collector(void *arg)
{
    (void)arg;
    runtime_ThreadAttach();
    while (!__atomic_load_n(&stop, __ATOMIC_SEQ_CST))
        runtime_GC();
    runtime_ThreadDetach();
    return NULL;
}

static void
test_concurrent(void)
{
    runtime_ThreadAttach();
    pool.New = newItem;
    uint32_t cycles0 = 0;
    runtime_MemStats m;
    runtime_ReadMemStats(&m);
    cycles0 = m.NumGC;
    pthread_t t[nworkers], gc;
    pthread_create(&gc, NULL, collector, NULL);
    for (uintptr_t i = 0; i < nworkers; i++)
        pthread_create(&t[i], NULL, worker, (void *)(i + 1));
    runtime_entersyscall();
    for (int i = 0; i < nworkers; i++)
        pthread_join(t[i], NULL);
    __atomic_store_n(&stop, 1, __ATOMIC_SEQ_CST);
    pthread_join(gc, NULL);
    runtime_exitsyscall();
    runtime_ReadMemStats(&m);
    printf("\n    %u cycles; %llu items made for %d gets\n", m.NumGC - cycles0, (unsigned long long)made,
           nworkers * rounds * 5 / 2);
    CU_ASSERT_EQUAL(failures, 0);
    CU_ASSERT(m.NumGC - cycles0 >= 1);
    CU_ASSERT(made < (uint64_t)nworkers * rounds); // the pool served most gets
}

int
main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite s = CU_add_suite("pool", NULL, NULL);
    CU_add_test(s, "Get, Put and New on one thread", test_getPut);
    CU_add_test(s, "the queue: LIFO at the head, FIFO at the tail, across rings", test_queue);
    CU_add_test(s, "a value survives one cycle in the victim cache, not two", test_victim);
    CU_add_test(s, "four threads and a collector: no value handed out twice", test_concurrent);
    return runTests();
}
