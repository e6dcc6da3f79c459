// tangled from chapters/22-symtab.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Tests of the frames: names, files and lines (chapter 22).
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include "testing.h"
#include "runtime.h"

__attribute__((noinline)) static uintptr_t
returnAddress(void)
{
    return (uintptr_t)__builtin_return_address(0);
}

__attribute__((noinline)) static void
test_frames(void)
{
    uintptr_t pcs[2];
    pcs[0] = returnAddress(); int line = __LINE__;
    pcs[1] = (uintptr_t)&snprintf + 1; // one byte into the C library's snprintf
    runtime_Frames frames = runtime_CallersFrames(pcs, 2);
    runtime_Frame f;
    int more = runtime_Frames_Next(&frames, &f);
    CU_ASSERT(more);
    CU_ASSERT(f.Function != NULL && strcmp(f.Function, "test_frames") == 0);
    const char *base = strrchr(__FILE__, '/') ? strrchr(__FILE__, '/') + 1 : __FILE__; // the chapter, with -L
    CU_ASSERT(f.File != NULL && strlen(f.File) >= strlen(base)
              && strcmp(f.File + strlen(f.File) - strlen(base), base) == 0);
    CU_ASSERT_EQUAL(f.Line, line);
    CU_ASSERT(f.Entry != 0 && f.Entry <= f.PC && f.PC == pcs[0] - 1);
    printf("\n%s %s:%d ", f.Function ? f.Function : "?", f.File ? f.File : "?", f.Line);
    more = runtime_Frames_Next(&frames, &f);
    CU_ASSERT(!more);
    CU_ASSERT(f.Function != NULL && strstr(f.Function, "printf") != NULL);
    CU_ASSERT(f.File == NULL && f.Line == 0);
    printf("%s ", f.Function ? f.Function : "?");
    CU_ASSERT_EQUAL(runtime_Frames_Next(&frames, &f), 0);
    CU_ASSERT(f.Function == NULL && f.PC == 0);
}

int
main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite s = CU_add_suite("symtab", NULL, NULL);
    CU_add_test(s, "a return address names its function, file and line", test_frames);
    return runTests();
}
