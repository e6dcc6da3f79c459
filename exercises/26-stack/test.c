// Lab 26-stack: graded tests.  Each test's name starts with its points.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "grade.h"

extern const char lab_treeFile[]; // the tree's tree.c: exercises/26-stack/TREE/tree.c

static char dir[512];

static void
run(const char *cmd, char *out, size_t len)
{
    FILE *p = popen(cmd, "r");
    size_t n = p != NULL ? fread(out, 1, len - 1, p) : 0;
    out[n] = '\0';
    if (p != NULL)
        pclose(p);
}

// A function's lines in stack.go: from "func NAME(" to the "}" that ends it.
static void
funcLines(const char *name, int *first, int *last)
{
    char path[600], line[512], want[64];
    snprintf(path, sizeof path, "%s/stack.go", dir);
    snprintf(want, sizeof want, "func %s(", name);
    FILE *f = fopen(path, "r");
    *first = *last = -1;
    for (int n = 1; f != NULL && fgets(line, sizeof line, f) != NULL; n++) {
        if (strncmp(line, want, strlen(want)) == 0)
            *first = n;
        else if (*first > 0 && *last < 0 && strcmp(line, "}\n") == 0)
            *last = n;
    }
    if (f != NULL)
        fclose(f);
}

// The lines of out (the compiler's or the tool's, "FILE:LINE:COL: message") in [first, last].
static void
linesIn(const char *out, int first, int last, char *sel, size_t len)
{
    size_t n = 0;
    sel[0] = '\0';
    for (const char *l = out; *l;) {
        const char *end = strchr(l, '\n');
        size_t k = end ? (size_t)(end - l) + 1 : strlen(l);
        const char *c = memchr(l, ':', k);
        int line = c ? atoi(c + 1) : 0;
        if (line >= first && line <= last && n + k < len) {
            memcpy(sel + n, l, k);
            n += k;
            sel[n] = '\0';
        }
        l += k;
    }
}

static char goOut[8192], toolOut[8192], runOut[1024];
static int ready;

static void
prepare(void)
{
    if (ready)
        return;
    ready = 1;
    snprintf(dir, sizeof dir, "%s", lab_treeFile);
    *strrchr(dir, '/') = '\0';
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "cd %s && go run stack.go 2>&1", dir);
    run(cmd, runOut, sizeof runOut);
    snprintf(cmd, sizeof cmd,
             "cd %s && go build -gcflags='-m -l' -o /dev/null stack.go 2>&1 | grep -v '^#' | sed 's|^\\./||'", dir);
    run(cmd, goOut, sizeof goOut);
    const char *b = getenv("B");
    char tool[600];
    snprintf(tool, sizeof tool, "%s/rel/tools/escape", b != NULL && *b ? b : "build");
    char *abs = realpath(tool, NULL);
    snprintf(cmd, sizeof cmd, "cd %s && %s stack.go 2>&1", dir, abs != NULL ? abs : tool);
    free(abs);
    run(cmd, toolOut, sizeof toolOut);
}

// The functions' lines: no value moved to the heap, the program's output unchanged, and the
// tool agreeing with the compiler.
static void
grade(const char *const *names, int n)
{
    prepare();
    int ok = strcmp(runOut, "total 10\ndistance 25\nchecksum 625\n") == 0;
    if (!ok)
        printf("\n  go run stack.go printed:\n%s", runOut);
    for (int i = 0; i < n; i++) {
        int first, last;
        funcLines(names[i], &first, &last);
        char g[4096], t[4096];
        linesIn(goOut, first, last, g, sizeof g);
        linesIn(toolOut, first, last, t, sizeof t);
        if (first < 0 || last < 0) {
            printf("\n  no function %s in stack.go", names[i]);
            ok = 0;
        }
        if (strstr(g, "moved to heap") != NULL || strstr(g, "escapes to heap") != NULL) {
            printf("\n  %s, as the compiler sees it:\n%s", names[i], g);
            ok = 0;
        }
        if (strcmp(g, t) != 0) {
            printf("\n  %s: the tool says\n%sand the compiler\n%s", names[i], t, g);
            ok = 0;
        }
    }
    CU_ASSERT(ok);
}

static void
test_total(void)
{
    grade((const char *const[]){"add", "total"}, 2);
}

static void
test_distance(void)
{
    grade((const char *const[]){"mid", "distance"}, 2);
}

static void
test_checksum(void)
{
    grade((const char *const[]){"checksum"}, 1);
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("26-stack", NULL, NULL);
    CU_add_test(s, "[3] total and add keep everything on the stack", test_total);
    CU_add_test(s, "[3] distance and mid keep everything on the stack", test_distance);
    CU_add_test(s, "[4] checksum allocates nothing", test_checksum);
}
