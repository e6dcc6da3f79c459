// tangled from chapters/13-mgcsweep.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Tests of the collector: chapters 11 (the cycle), 12 (marking), 13 (sweeping).
#define _GNU_SOURCE
#include <pthread.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "testing.h"
#include "runtime.h"

#define DISGUISE ((uintptr)0x5a5a5a5a5a5a5a5aULL)

struct node {
    struct node *next;
    struct node *other;
    uint64 value;
    uint64 check; // value * 2654435761 + 1
};
GOMM_TYPE(nodeType, struct node, offsetof(struct node, next), offsetof(struct node, other));

static struct node *
newNode(uint64 v)
{
    struct node *n = runtime_new(&nodeType);
    n->value = v;
    n->check = v * 2654435761u + 1;
    return n;
}

static bool
nodeOK(struct node *n)
{
    return n->check == n->value * 2654435761u + 1;
}

__attribute__((noinline)) static uintptr
allocDisguised(uintptr size)
{
    return (uintptr)runtime_mallocgc(size, NULL, 1) ^ DISGUISE;
}

// Read and write through a disguised address in functions of their own, so that the
// caller never holds the real address in a register across a collection.
__attribute__((noinline)) static void
fillDisguised(uintptr d, int c, uintptr n)
{
    memset((void *)(d ^ DISGUISE), c, n);
}

__attribute__((noinline)) static uint32
peekDisguised(uintptr d, uintptr off)
{
    return *(uint32 *)((d ^ DISGUISE) + off);
}

static bool
isFreed(uintptr disguised)
{
    uintptr p = disguised ^ DISGUISE;
    mspan *s = spanOfHeap(p);
    if (s == NULL)
        return true;
    return mspan_isFree(s, mspan_objIndex(s, p));
}

static void *globalRoots[10];
static void
test_freesUnreachable(void)
{
    uintptr d[100];
    for (int i = 0; i < 100; i++)
        d[i] = allocDisguised(48 + i % 3 * 100);
    uintptr large[10];
    for (int i = 0; i < 10; i++)
        large[i] = allocDisguised((1 << 20) + i * 4096);
    runtime_GC();
    int freed = 0, freedLarge = 0;
    for (int i = 0; i < 100; i++)
        freed += isFreed(d[i]);
    for (int i = 0; i < 10; i++)
        freedLarge += isFreed(large[i]);
    CU_ASSERT(freed >= 90);
    CU_ASSERT(freedLarge >= 7);
}

__attribute__((noinline)) static void **
mallocHolder(uintptr *disguised)
{
    void **holder = malloc(sizeof(void *));
    *holder = runtime_mallocgc(64, NULL, 1);
    *disguised = (uintptr)*holder ^ DISGUISE;
    return holder;
}

static void
test_mallocIsNotARoot(void)
{
    int freed = 0;
    void **holders[20];
    uintptr d[20];
    for (int i = 0; i < 20; i++)
        holders[i] = mallocHolder(&d[i]);
    runtime_GC();
    for (int i = 0; i < 20; i++) {
        freed += isFreed(d[i]);
        free(holders[i]);
    }
    CU_ASSERT(freed >= 18);
}

__attribute__((noinline)) static uintptr
rootInGlobal(int i)
{
    byte *p = runtime_mallocgc(256, NULL, 1);
    memset(p, 7, 256);
    GOMM_STORE(globalRoots[i], p + 100); // an interior pointer, stored with the barrier
    return (uintptr)p ^ DISGUISE;
}

static void
test_keepsReachable(void)
{
    uintptr d[10];
    for (int i = 0; i < 10; i++)
        d[i] = rootInGlobal(i);
    struct node *onStack = newNode(42);
    runtime_GC();
    runtime_GC();
    int kept = 0;
    for (int i = 0; i < 10; i++)
        kept += !isFreed(d[i]) && peekDisguised(d[i], 252) == 0x07070707;
    CU_ASSERT_EQUAL(kept, 10);
    CU_ASSERT(nodeOK(onStack) && onStack->value == 42);
    runtime_memclrHasPointers(globalRoots, sizeof globalRoots);
    runtime_GC();
    int freed = 0;
    for (int i = 0; i < 10; i++)
        freed += isFreed(d[i]);
    CU_ASSERT(freed >= 8);
}
static void
test_longList(void)
{
    struct node *head = NULL;
    for (uint64 i = 0; i < 1000000; i++) {
        struct node *n = newNode(i);
        GOMM_STORE(n->next, head);
        head = n;
    }
    runtime_GC();
    uint64 count = 0, bad = 0;
    for (struct node *n = head; n != NULL; n = n->next, count++)
        bad += !nodeOK(n) || n->value != 999999 - count;
    CU_ASSERT_EQUAL(count, 1000000);
    CU_ASSERT_EQUAL(bad, 0);
    // Cut every link: a stale copy of a pointer to a node, left on the stack and found by a
    // conservative scan in a later test, then keeps one node, not the list.
    for (struct node *n = head, *next; n != NULL; n = next) {
        next = n->next;
        GOMM_STORE(n->next, (struct node *)NULL);
    }
}

__attribute__((noinline)) static uintptr
makeCycle(void)
{
    struct node *a = newNode(1), *b = newNode(2);
    GOMM_STORE(a->next, b);
    GOMM_STORE(b->next, a);
    return (uintptr)a ^ DISGUISE;
}

static void
test_cycles(void)
{
    uintptr d[50];
    for (int i = 0; i < 50; i++)
        d[i] = makeCycle();
    struct node *kept = newNode(3);
    GOMM_STORE(kept->next, newNode(4));
    GOMM_STORE(kept->next->next, kept);
    runtime_GC();
    int freed = 0;
    for (int i = 0; i < 50; i++)
        freed += isFreed(d[i]);
    CU_ASSERT(freed >= 45);
    CU_ASSERT(nodeOK(kept) && nodeOK(kept->next) && kept->next->next == kept);
}

static void
test_oblets(void)
{
    enum { n = 100000 }; // 800 KB of pointers: seven oblets
    GOMM_TYPE(ptrType, struct node *, 0);
    struct node **arr = runtime_newarray(&ptrType, n);
    for (int i = 0; i < n; i++)
        GOMM_STORE(arr[i], newNode((uint64)i));
    runtime_GC();
    int bad = 0;
    for (int i = 0; i < n; i++)
        bad += !nodeOK(arr[i]) || arr[i]->value != (uint64)i;
    CU_ASSERT_EQUAL(bad, 0);
    // A stale copy of arr on the stack would keep the nodes for later tests: drop them.
    runtime_memclrHasPointers(arr, n * sizeof *arr);
}
static long
rssKiB(void)
{
    long pages = 0, rss = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f != NULL) {
        if (fscanf(f, "%ld %ld", &pages, &rss) != 2)
            rss = 0;
        fclose(f);
    }
    return rss * (sysconf(_SC_PAGESIZE) / 1024);
}

static void
test_boundedMemory(void)
{
    runtime_MemStats ms0, ms1;
    runtime_ReadMemStats(&ms0);
    long rss0 = 0;
    uint64 inuse0 = 0;
    for (int i = 0; i < 400000; i++) {
        struct node *n = newNode((uint64)i);
        GOMM_STORE(n->other, newNode((uint64)i + 1));
        if (i % 1000 == 0)
            runtime_mallocgc(200 << 10, NULL, 1);
        if (i == 100000) {
            rss0 = rssKiB();
            inuse0 = sysMemStat_load(&gcController.heapInUse);
        }
    }
    runtime_ReadMemStats(&ms1);
    CU_ASSERT(ms1.NumGC - ms0.NumGC >= 20);
    CU_ASSERT(sysMemStat_load(&gcController.heapInUse) <= inuse0 + (8 << 20));
    CU_ASSERT(rssKiB() <= rss0 + 16 * 1024);
}
static int stopMutators; // read and written atomically
#define STOPPED() __atomic_load_n(&stopMutators, __ATOMIC_RELAXED)

static void *
mutator(void *arg)
{
    uint64 seed = (uint64)(uintptr)arg * 7919 + 1;
    struct node *lists[16] = {0};
    uint64 bad = 0;
    for (int round = 0; !STOPPED() || round < 2000; round++) {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        int i = (int)(seed % 16);
        // Build a short list, replace list i with it (dropping the old one).
        struct node *head = NULL;
        for (int k = 0; k < 20; k++) {
            struct node *n = newNode(seed + (uint64)k);
            GOMM_STORE(n->next, head);
            if (k % 5 == 0 && lists[(i + 1) % 16] != NULL)
                GOMM_STORE(n->other, lists[(i + 1) % 16]); // share with another list
            head = n;
        }
        lists[i] = head;
        for (int j = 0; j < 16; j++) {
            int len = 0;
            for (struct node *n = lists[j]; n != NULL && len <= 20; n = n->next, len++)
                bad += !nodeOK(n) || (n->other != NULL && !nodeOK(n->other));
            bad += len > 20; // a freed node reused in another list makes a longer one, or a loop
        }
        if (round > 100000)
            break;
    }
    return (void *)(uintptr)bad;
}

static void *
collector(void *arg)
{
    (void)arg;
    while (!STOPPED()) {
        runtime_GC();
        usleep(1000);
    }
    return NULL;
}

static void *
shortLived(void *arg)
{
    (void)arg;
    struct node *n = newNode(5);
    for (int i = 0; i < 1000; i++)
        GOMM_STORE(n->next, newNode((uint64)i));
    return (void *)(uintptr)!nodeOK(n);
}

static uint64 spinSink;

// ThreadSanitizer delivers a signal only when the thread next enters its runtime (an
// intercepted call, an atomic operation): a thread spinning with no call at all never
// gets it, so under TSan the second spinner allocates too.
#if defined(__SANITIZE_THREAD__) || __has_feature(thread_sanitizer)
enum { underTSan = 1 };
#else
enum { underTSan = 0 };
#endif

static void *
spinner(void *arg)
{
    runtime_ThreadAttach();
    uint64 x = 0;
    if (arg != NULL) {
        while (!STOPPED())
            x += (uintptr)runtime_mallocgc(16, NULL, 1) & 1; // the fast path, back to back
    } else {
        while (!STOPPED())
            x = x * 6364136223846793005u + 1; // no call at all
    }
    __atomic_add_fetch(&spinSink, x, __ATOMIC_RELAXED);
    return NULL;
}

static int syscallPipe[2];

static void *
blocker(void *arg)
{
    (void)arg;
    struct node *mine = newNode(77);
    char c;
    runtime_entersyscall();
    ssize_t r = read(syscallPipe[0], &c, 1);
    runtime_exitsyscall();
    (void)r;
    struct node *fresh = newNode(78); // reuses freed memory if mine had been freed
    return (void *)(uintptr)(!nodeOK(mine) || mine->value != 77 || fresh == mine);
}

static uint64
stress(void)
{
    if (pipe(syscallPipe) != 0)
        return 1;
    __atomic_store_n(&stopMutators, 0, __ATOMIC_RELAXED);
    pthread_t m[4], c, spin[2], blk;
    pthread_create(&blk, NULL, blocker, NULL);
    for (int i = 0; i < 4; i++)
        pthread_create(&m[i], NULL, mutator, (void *)(uintptr)(i + 1));
    pthread_create(&c, NULL, collector, NULL);
    pthread_create(&spin[0], NULL, spinner, (void *)1);
    pthread_create(&spin[1], NULL, spinner, underTSan ? (void *)1 : NULL);
    uint64 bad = 0;
    runtime_MemStats ms0, ms1;
    runtime_ReadMemStats(&ms0);
    for (int i = 0; i < 40; i++) {
        pthread_t t;
        void *r;
        pthread_create(&t, NULL, shortLived, NULL);
        pthread_join(t, &r);
        if ((uintptr)r != 0)
            printf("a short-lived thread found a bad node\n");
        bad += (uintptr)r;
    }
    for (runtime_ReadMemStats(&ms1); ms1.NumGC - ms0.NumGC < 30; runtime_ReadMemStats(&ms1))
        usleep(10000); // may end early with EINTR: the signal that stops the world interrupts it
    __atomic_store_n(&stopMutators, 1, __ATOMIC_RELAXED);
    for (int i = 0; i < 4; i++) {
        void *r;
        pthread_join(m[i], &r);
        if ((uintptr)r != 0)
            printf("mutator %d: %lu bad nodes\n", i, (unsigned long)(uintptr)r);
        bad += (uintptr)r;
    }
    pthread_join(c, NULL);
    pthread_join(spin[0], NULL);
    pthread_join(spin[1], NULL);
    bad += write(syscallPipe[1], "x", 1) != 1;
    void *r;
    pthread_join(blk, &r);
    if ((uintptr)r != 0)
        printf("the blocked thread's object was lost\n");
    bad += (uintptr)r;
    runtime_ReadMemStats(&ms1);
    bad += ms1.NumGC - ms0.NumGC < 30;
    close(syscallPipe[0]);
    close(syscallPipe[1]);
    return bad;
}

static void
test_stress(void)
{
    CU_ASSERT_EQUAL(stress(), 0);
}

// A pointer held only in a callee-saved register of a thread that the signal stops:
// the register is saved in the signal frame on the thread's stack, which is scanned.
#if defined(__x86_64__)
#define KEEPREG "r15"
#else
#define KEEPREG "x27"
#endif
static int regPhase; // 0: spinning, 1: release

__attribute__((noinline)) static uintptr
inRegisterOnly(void)
{
    register uintptr keep asm(KEEPREG) = allocDisguised(sizeof(struct node)) ^ DISGUISE;
    ((struct node *)keep)->value = 99;
    ((struct node *)keep)->check = 99 * 2654435761u + 1;
    while (__atomic_load_n(&regPhase, __ATOMIC_RELAXED) == 0)
        __asm__ __volatile__("" : "+r"(keep)); // the pointer stays in the register
    return keep ^ DISGUISE;
}

static void *
registerThread(void *arg)
{
    (void)arg;
    runtime_ThreadAttach();
    return (void *)inRegisterOnly();
}

static void
test_registerOnly(void)
{
    __atomic_store_n(&regPhase, 0, __ATOMIC_RELAXED);
    pthread_t t;
    pthread_create(&t, NULL, registerThread, NULL);
    usleep(20000);
    for (int i = 0; i < 3; i++) {
        runtime_GC();
        for (int k = 0; k < 1000; k++)
            newNode((uint64)k); // reuse freed slots, so that a lost object would be overwritten
    }
    __atomic_store_n(&regPhase, 1, __ATOMIC_RELAXED);
    void *r;
    pthread_join(t, &r);
    uintptr d = (uintptr)r;
    CU_ASSERT(!isFreed(d));
    CU_ASSERT_EQUAL(peekDisguised(d, offsetof(struct node, value)), 99);
}
static void
test_stressCheckmark(void)
{
    char out[8192];
    int status = runself("stress", "GODEBUG=gccheckmark=1", out, sizeof out);
    CU_ASSERT_EQUAL(status, 0);
    if (status != 0)
        printf("\n%s\n", out);
}
__attribute__((noinline)) static struct node *
brokenList(void)
{
    struct node *head = NULL;
    for (int i = 0; i < 1000; i++) {
        struct node *n = newNode((uint64)i);
        GOMM_STORE(n->other, head); // the second word: the broken mark skips it
        head = n;
    }
    return head;
}

static void
test_checkmarkCatchesABrokenMark(void)
{
    char out[8192];
    int status = runself("brokenmark", "GODEBUG=gccheckmark=1", out, sizeof out);
    CU_ASSERT_EQUAL(status, 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "fatal error: checkmark found unmarked object"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "runtime: checkmarks found unexpected unmarked object obj=0x"));
    // Without the checker, the runtime does not notice the same broken mark: no fatal error.
    // (The program may notice: its freed nodes read as garbage once their pages are reused
    // or released, status 1; or not, status 0.)
    status = runself("brokenmark", "GODEBUG=gccheckmark=0", out, sizeof out);
    CU_ASSERT(status == 0 || status == 1);
    CU_ASSERT_PTR_NULL(strstr(out, "fatal error"));
}

static void
test_clobberfree(void)
{
    char out[512];
    CU_ASSERT_EQUAL(runself("clobberfree", "GODEBUG=clobberfree=1", out, sizeof out), 0);
    CU_ASSERT_STRING_EQUAL(out, "deadbeef\n");
}

static void
test_gctrace(void)
{
    char out[8192];
    CU_ASSERT_EQUAL(runself("gctrace", "GODEBUG=gctrace=1 GOGC=50", out, sizeof out), 0);
    regex_t re;
    CU_ASSERT_FATAL(regcomp(&re,
                            "^gc 1 @[0-9]+\\.[0-9]{3}s [0-9]+%: [0-9.]+\\+[0-9.]+\\+[0-9.]+ ms clock, "
                            "[0-9.]+\\+[0-9.]+/[0-9.]+/[0-9.]+\\+[0-9.]+ ms cpu, [0-9]+->[0-9]+->[0-9]+ MB, 2 MB goal, "
                            "[0-9]+ MB stacks, [0-9]+ MB globals, [0-9]+ P \\(forced\\)$",
                            REG_EXTENDED | REG_NEWLINE) == 0);
    CU_ASSERT(regexec(&re, out, 0, NULL, 0) == 0);
    if (regexec(&re, out, 0, NULL, 0) != 0)
        printf("\n%s\n", out);
    regfree(&re);
}

static void
test_readGOGC(void)
{
    const char *in[] = {"off", "50", "0", "-5", "abc", "", "+20", "99999999999"};
    int32 want[] = {-1, 50, 0, -5, 100, 100, 100, 100}; // Go's atoi takes no '+'
    for (int i = 0; i < 8; i++) {
        setenv("GOGC", in[i], 1);
        CU_ASSERT_EQUAL(readGOGC(), want[i]);
    }
    unsetenv("GOGC");
    CU_ASSERT_EQUAL(readGOGC(), 100);
}

int
main(int argc, char **argv)
{
    if (argc == 2) {
        if (strcmp(argv[1], "stress") == 0) {
            uint64 bad = stress();
            if (bad != 0)
                printf("stress: %llu failures\n", (unsigned long long)bad);
            return bad != 0;
        } else if (strcmp(argv[1], "brokenmark") == 0) {
            gcTestBreakMark = 1;
            struct node *head = brokenList();
            runtime_GC();
            for (struct node *n = head; n != NULL; n = n->other)
                if (!nodeOK(n))
                    return 1;
            return 0;
        } else if (strcmp(argv[1], "clobberfree") == 0) {
            // A live object allocated just before keeps the span in use: an empty span goes back
            // to the heap, where the scavenger may release its pages, which then read as zeros.
            runtime_writePointer(&globalRoots[0], runtime_mallocgc(64, NULL, 1));
            uintptr d[10];
            for (int i = 0; i < 10; i++) {
                d[i] = allocDisguised(64);
                fillDisguised(d[i], 1, 64);
            }
            runtime_GC();
            int clobbered = 0;
            for (int i = 0; i < 10; i++)
                clobbered += peekDisguised(d[i], 0) == 0xdeadbeef && peekDisguised(d[i], 60) == 0xdeadbeef;
            printf("%s\n", clobbered >= 8 ? "deadbeef" : "not clobbered");
            return 0;
        } else if (strcmp(argv[1], "gctrace") == 0) {
            runtime_GC();
            return 0;
        }
    }
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite s = CU_add_suite("mgc", NULL, NULL);
    CU_add_test(s, "runtime_GC frees unreachable objects, small and large", test_freesUnreachable);
    CU_add_test(s, "memory from malloc is not a root", test_mallocIsNotARoot);
    CU_add_test(s, "globals, stacks and interior pointers keep objects", test_keepsReachable);
    CU_add_test(s, "a list of a million nodes (no recursion)", test_longList);
    CU_add_test(s, "unreachable cycles are freed, reachable ones kept", test_cycles);
    CU_add_test(s, "an array larger than an oblet", test_oblets);
    CU_add_test(s, "bounded heap and RSS in a steady loop", test_boundedMemory);
    CU_add_test(s, "threads: mutators, GC loop, churn, spinners, a blocked thread", test_stress);
    CU_add_test(s, "an object reachable only from a register of a stopped thread", test_registerOnly);
    CU_add_test(s, "the same under GODEBUG=gccheckmark=1", test_stressCheckmark);
    CU_add_test(s, "gccheckmark catches a broken mark", test_checkmarkCatchesABrokenMark);
    CU_add_test(s, "clobberfree fills freed objects", test_clobberfree);
    CU_add_test(s, "the gctrace line", test_gctrace);
    CU_add_test(s, "GOGC as Go 1.19 reads it", test_readGOGC);
    return runTests();
}
