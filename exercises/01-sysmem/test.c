// Exercise 01-sysmem: graded tests.  Each test's name starts with its points.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include "grade.h"
#include "sysmem.h"

enum { N = 4 << 20 };

// The protection of the mapping containing p, from /proc/self/maps, or "none".
static const char *
perms(void *p)
{
    static char buf[8];
    unsigned long lo, hi, a = (unsigned long)p;
    char line[512];
    FILE *f = fopen("/proc/self/maps", "r");
    strcpy(buf, "none");
    while (f != NULL && fgets(line, sizeof line, f) != NULL)
        if (sscanf(line, "%lx-%lx %7s", &lo, &hi, buf) == 3 && lo <= a && a < hi)
            break;
        else
            strcpy(buf, "none");
    if (f != NULL)
        fclose(f);
    return buf;
}

static long
resident(void *v, uintptr_t n)
{
    long page = sysconf(_SC_PAGESIZE), count = 0;
    unsigned char vec[N / 4096];
    if (mincore(v, n, vec) != 0)
        return -1;
    for (uintptr_t i = 0; i < n / (uintptr_t)page; i++)
        count += vec[i] & 1;
    return count;
}

static void
test_reserve(void)
{
    char *v = ex_reserve(N);
    CU_ASSERT_FATAL(v != NULL);
    CU_ASSERT_STRING_EQUAL(perms(v), "---p");
    CU_ASSERT_STRING_EQUAL(perms(v + N - 1), "---p");
}

static void
test_map(void)
{
    ex_accounts a = {0, 0};
    char *v = ex_reserve(N);
    CU_ASSERT_FATAL(v != NULL);
    ex_map(&a, v, N);
    CU_ASSERT_STRING_EQUAL(perms(v), "rw-p");
    CU_ASSERT_EQUAL(a.stat, N);
    CU_ASSERT_EQUAL(a.ready, 0);
    CU_ASSERT_EQUAL(resident(v, N), 0);
}

static void
test_used(void)
{
    ex_accounts a = {0, 0};
    char *v = ex_reserve(N);
    CU_ASSERT_FATAL(v != NULL);
    ex_map(&a, v, N);
    ex_used(&a, v, N);
    CU_ASSERT_EQUAL(a.ready, N);
    CU_ASSERT_EQUAL(a.stat, N);
    CU_ASSERT_STRING_EQUAL(perms(v), "rw-p");
    memset(v, 7, N);
    CU_ASSERT_EQUAL(resident(v, N), N / sysconf(_SC_PAGESIZE));
}

static void
test_unused(void)
{
    ex_accounts a = {0, 0};
    char *v = ex_reserve(N);
    CU_ASSERT_FATAL(v != NULL);
    ex_map(&a, v, N);
    ex_used(&a, v, N);
    CU_ASSERT_FATAL(strcmp(perms(v), "rw-p") == 0);
    memset(v, 7, N);
    CU_ASSERT_EQUAL(ex_unused(&a, v, N / 2), 0);
    CU_ASSERT_EQUAL(resident(v, N / 2), 0);
    CU_ASSERT_EQUAL(resident(v + N / 2, N / 2), N / 2 / sysconf(_SC_PAGESIZE));
    CU_ASSERT_EQUAL(a.ready, N / 2);
    CU_ASSERT_EQUAL(a.stat, N);
    CU_ASSERT_EQUAL(v[100], 0);
    CU_ASSERT_EQUAL(v[N / 2 + 100], 7);
}

static void
test_unaligned(void)
{
    ex_accounts a = {0, 0};
    char *v = ex_reserve(N);
    CU_ASSERT_FATAL(v != NULL);
    ex_map(&a, v, N);
    ex_used(&a, v, N);
    CU_ASSERT_FATAL(strcmp(perms(v), "rw-p") == 0);
    memset(v, 7, N);
    CU_ASSERT_EQUAL(ex_unused(&a, v + 100, 8192), -1);
    CU_ASSERT_EQUAL(ex_unused(&a, v, 8000), -1);
    CU_ASSERT_EQUAL(a.ready, N);
    CU_ASSERT_EQUAL(v[0], 7);
    CU_ASSERT_EQUAL(v[8191], 7);
}

static void
test_free(void)
{
    ex_accounts a = {0, 0};
    char *v = ex_reserve(N);
    CU_ASSERT_FATAL(v != NULL);
    ex_map(&a, v, N);
    ex_used(&a, v, N);
    ex_free(&a, v, N);
    CU_ASSERT_STRING_EQUAL(perms(v), "none");
    CU_ASSERT_EQUAL(a.stat, 0);
    CU_ASSERT_EQUAL(a.ready, 0);
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("01-sysmem", NULL, NULL);
    CU_add_test(s, "[2] ex_reserve: None -> Reserved, inaccessible", test_reserve);
    CU_add_test(s, "[2] ex_map: Reserved -> Prepared, charged to stat", test_map);
    CU_add_test(s, "[1] ex_used: Prepared -> Ready, counted", test_used);
    CU_add_test(s, "[3] ex_unused: pages released at once, zero after", test_unused);
    CU_add_test(s, "[1] ex_unused: unaligned ranges refused", test_unaligned);
    CU_add_test(s, "[1] ex_free: Ready -> None", test_free);
}
