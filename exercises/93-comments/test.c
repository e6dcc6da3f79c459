// Exercise 93-comments: graded tests.  Each test's name starts with its points.
// Each question's answer, in TREE/answers.txt, must be the expected citation
// (a leading "runtime/" is accepted for a runtime file), and tangled/tools/checkcites.sh
// must find it declared in Go 1.19.8's source ($GOROOT, or `go env GOROOT`).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "grade.h"

extern const char lab_treeFile[]; // the tree's answers.c: exercises/93-comments/TREE/answers.c

// The expected answers; where a question has several right answers they are
// separated by '|'.
static const char *const want[] = {
    "mheap.go:allocNeedsZero",
    "mcentral.go:partialUnswept",
    "mgc.go:gcMarkDone",
    "mwbbuf.go:wbBufFlush",
    "mgcpacer.go:gcOverAssistWork",
    "mgclimit.go:resetCapacity",
    "mprof.go:mProf_NextCycle",
    "sync/pool.go:pin",
    "lockrank.go:lockRankMheap",
    "mheap.go:recordspan",
};

// Question n's answer: what follows "Qn:" on its line in answers.txt, without
// surrounding blanks and without a leading "runtime/"; "" if there is none.
static void
answer(int n, char *out, size_t len)
{
    char dir[512], path[600], line[512], tag[16];
    snprintf(dir, sizeof dir, "%s", lab_treeFile);
    *strrchr(dir, '/') = '\0';
    snprintf(path, sizeof path, "%s/answers.txt", dir);
    snprintf(tag, sizeof tag, "Q%d:", n);
    out[0] = '\0';
    FILE *f = fopen(path, "r");
    while (f != NULL && fgets(line, sizeof line, f) != NULL) {
        if (strncmp(line, tag, strlen(tag)) != 0)
            continue;
        char *s = line + strlen(tag), *e = s + strlen(s);
        while (*s == ' ' || *s == '\t')
            s++;
        while (e > s && (e[-1] == '\n' || e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
            *--e = '\0';
        if (strncmp(s, "runtime/", 8) == 0 && strchr(s + 8, '/') == NULL)
            s += 8;
        snprintf(out, len, "%s", s);
        break;
    }
    if (f != NULL)
        fclose(f);
}

// Whether got is one of the '|'-separated alternatives of w.
static int
matches(const char *got, const char *w)
{
    size_t n = strlen(got);
    while (n > 0) {
        const char *bar = strchr(w, '|');
        size_t k = bar != NULL ? (size_t)(bar - w) : strlen(w);
        if (k == n && strncmp(got, w, n) == 0)
            return 1;
        if (bar == NULL)
            break;
        w = bar + 1;
    }
    return 0;
}

// Whether checkcites.sh finds the citation declared in Go's source.
static int
declared(const char *cite)
{
    char file[] = "/tmp/ex93-comments-XXXXXX", cmd[256], out[512];
    int fd = mkstemp(file);
    if (fd < 0)
        return 0;
    FILE *f = fdopen(fd, "w");
    fprintf(f, "%s\n", cite);
    fclose(f);
    snprintf(cmd, sizeof cmd, "sh tangled/tools/checkcites.sh %s 2>&1", file);
    FILE *p = popen(cmd, "r");
    size_t n = p != NULL ? fread(out, 1, sizeof out - 1, p) : 0;
    out[n] = '\0';
    int status = p != NULL ? pclose(p) : -1;
    unlink(file);
    return status == 0 && strstr(out, "checkcites: 1 citations, 0 unresolved") != NULL;
}

static void
check(int n)
{
    char got[256];
    answer(n, got, sizeof got);
    int right = matches(got, want[n - 1]);
    int ok = right && declared(got);
    printf("\n  Q%d: \"%s\"%s ", n, got, ok ? "" : right ? " (not found in Go's source)" : "");
    CU_ASSERT(ok);
}

static void q1(void) { check(1); }
static void q2(void) { check(2); }
static void q3(void) { check(3); }
static void q4(void) { check(4); }
static void q5(void) { check(5); }
static void q6(void) { check(6); }
static void q7(void) { check(7); }
static void q8(void) { check(8); }
static void q9(void) { check(9); }
static void q10(void) { check(10); }

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("93-comments", NULL, NULL);
    CU_add_test(s, "[1] Q1: the function that decides whether a span's pages must be zeroed", q1);
    CU_add_test(s, "[1] Q2: the span set of partial unswept spans for a sweep generation", q2);
    CU_add_test(s, "[1] Q3: the function named by step 2e of mgc.go's walk", q3);
    CU_add_test(s, "[1] Q4: the write barrier's slow path", q4);
    CU_add_test(s, "[1] Q5: the scan work an assist does in advance", q5);
    CU_add_test(s, "[1] Q6: the limiter's capacity from GOMAXPROCS", q6);
    CU_add_test(s, "[1] Q7: the heap profile's cheap cycle step at mark termination", q7);
    CU_add_test(s, "[1] Q8: the pool method that pins a goroutine to its P", q8);
    CU_add_test(s, "[1] Q9: the rank of the heap lock", q9);
    CU_add_test(s, "[1] Q10: the allspans recorder without write barriers", q10);
}
