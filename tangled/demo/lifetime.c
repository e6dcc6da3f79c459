// tangled from chapters/28-optimize.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// One object's life, for GODEBUG=allocfreetrace=1 (chapter 28).
#include <stdint.h>
#include <stdio.h>
#include "gomm.h"

typedef struct lifeNode {
    struct lifeNode *next;
    uint64_t value[3];
} lifeNode;
GOMM_TYPE(lifeNodeType, lifeNode, offsetof(lifeNode, next));

static lifeNode *keep; // the global that keeps the object alive through the first cycle

// The steps go to standard error, where the runtime writes its records, each as a paragraph.
static void
step(const char *what)
{
    fprintf(stderr, "lifetime: %s\n\n", what);
}

__attribute__((noinline)) static void
allocate(void)
{
    lifeNode *p = runtime_new(&lifeNodeType);
    // The address, printed now: kept as a number it would look like a pointer to the collector.
    fprintf(stderr, "lifetime: watching %p\n\n", (void *)p);
    GOMM_STORE(keep, p);
}

int
main(void)
{
    runtime_ThreadAttach();
    step("allocating the object, kept in a global");
    allocate();
    runtime_GC();
    step("first cycle done: the object was reachable");
    GOMM_STORE(keep, NULL);
    step("the global cleared");
    runtime_GC();
    step("second cycle done");
    return 0;
}
