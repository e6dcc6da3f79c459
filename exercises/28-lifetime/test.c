// Lab 28-lifetime: graded tests.  Each test's name starts with its points.
#include <stdint.h>
#include "grade.h"
#include "labchild.h"
#include "lifetime.h"

// The child: objects with known lives, traced with GODEBUG=allocfreetrace=1.
typedef struct labNode {
    struct labNode *next;
    uint64_t value[3];
} labNode; // 32 bytes: size class 32
GOMM_TYPE(labNodeType, labNode, offsetof(labNode, next));

typedef struct labTable {
    struct labTable *left, *right;
    uint64_t keys[4];
} labTable; // 48 bytes: size class 48
GOMM_TYPE(labTableType, labTable, offsetof(labTable, left), offsetof(labTable, right));

static labNode *keepList, *keepAgain; // globals: each keeps its object reachable until cleared
static uint8_t *keepBuffer;
static labTable *keepForever;

// Each object's address is printed as soon as it is made, as text: a copy kept in a variable
// would look like a pointer to the conservative scan and keep the object alive.
static void
show(const char *name, void *p)
{
    fprintf(stderr, "%s=%p\n\n", name, p);
}

__attribute__((noinline)) static void
makeTemp(void)
{
    show("addr0", runtime_new(&labNodeType)); // dropped at once
}

__attribute__((noinline)) static void
makeBuffer(void)
{
    uint8_t *b = runtime_mallocgc(100, NULL, 1); // no type: 112 bytes, its size class
    show("addr1", b);
    GOMM_STORE(keepBuffer, b);
}

__attribute__((noinline)) static void
makeList(void)
{
    labNode *n = runtime_new(&labNodeType);
    show("addr2", n);
    GOMM_STORE(keepList, n);
}

__attribute__((noinline)) static void
makeForever(void)
{
    labTable *t = runtime_new(&labTableType);
    show("addr3", t);
    GOMM_STORE(keepForever, t);
}

__attribute__((noinline)) static void
makeAgain(void)
{
    labNode *n = runtime_new(&labNodeType); // may take a slot freed by the first cycle
    show("again", n);
    GOMM_STORE(keepAgain, n);
}

int
labChild(const char *mode)
{
    (void)mode;
    alarm(60);
    runtime_ThreadAttach();
    makeTemp();
    makeBuffer();
    makeList();
    makeForever();
    labClearStack();
    runtime_GC(); // cycle 1: addr0 freed
    makeAgain();
    GOMM_STORE(keepBuffer, NULL);
    labClearStack();
    runtime_GC(); // cycle 2: addr1 freed
    GOMM_STORE(keepList, NULL);
    GOMM_STORE(keepAgain, NULL);
    labClearStack();
    runtime_GC(); // cycle 3: addr2 freed; addr3 is never freed
    fprintf(stderr, "done\n");
    return 0;
}

// The parent: the truth about each object, against lab_lifetime's reading of the trace.
static const struct {
    const char *key;
    uint64_t size;
    const char *type, *function;
    int freed, survived;
} truth[] = {
    {"addr0", 32, "labNode", "makeTemp", 1, 0},
    {"addr1", 112, "", "makeBuffer", 1, 1},
    {"addr2", 32, "labNode", "makeList", 1, 2},
    {"addr3", 48, "labTable", "makeForever", 0, 3},
};
enum { nobjects = sizeof truth / sizeof truth[0] };

static char out[4 << 20];
static int ran;

static void
run(void)
{
    if (!ran)
        ran = labRun("lifetime", "GODEBUG=allocfreetrace=1", out, sizeof out) == 0
                      && strstr(out, "\ndone\n") != NULL ? 1 : -1;
}

static uintptr_t
address(const char *key)
{
    char k[64];
    snprintf(k, sizeof k, "\n%s=", key);
    const char *p = strstr(out, k);
    return p == NULL ? 0 : (uintptr_t)strtoull(p + strlen(k), NULL, 16);
}

static void
test_allocation(void)
{
    run();
    int right = ran == 1;
    for (int i = 0; i < nobjects && ran == 1; i++) {
        lab_life life;
        memset(&life, 0, sizeof life);
        int r = lab_lifetime(out, address(truth[i].key), &life);
        int ok = r == 0 && life.size == truth[i].size && strcmp(life.type, truth[i].type) == 0
                 && strcmp(life.function, truth[i].function) == 0;
        printf("\n  %s: %s size %llu type \"%s\" function %s (want %llu \"%s\" %s) ", truth[i].key,
               ok ? "right" : "wrong", (unsigned long long)life.size, life.type, life.function,
               (unsigned long long)truth[i].size, truth[i].type, truth[i].function);
        right = right && ok && address(truth[i].key) != 0;
    }
    lab_life none;
    right = right && lab_lifetime(out, 0x10, &none) == -1; // no object there
    CU_ASSERT(right);
}

static void
test_life(void)
{
    run();
    int right = ran == 1;
    for (int i = 0; i < nobjects && ran == 1; i++) {
        lab_life life;
        memset(&life, 0, sizeof life);
        int r = lab_lifetime(out, address(truth[i].key), &life);
        int ok = r == 0 && life.freed == truth[i].freed && life.survived == truth[i].survived;
        printf("\n  %s: %s freed %d survived %d (want %d %d) ", truth[i].key, ok ? "right" : "wrong", life.freed,
               life.survived, truth[i].freed, truth[i].survived);
        right = right && ok && address(truth[i].key) != 0;
    }
    CU_ASSERT(right);
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("28-lifetime", NULL, NULL);
    CU_add_test(s, "[4] each object's size, type and allocating function", test_allocation);
    CU_add_test(s, "[6] each object's cycles survived, and whether it was freed", test_life);
}
