// tangled from chapters/90-building.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
#include <sys/wait.h>
#include <CUnit/Basic.h>
#include "grade.h"

static int
points(const char *name)
{
    int n;
    if (sscanf(name, "[%d]", &n) != 1 || n <= 0) {
        fprintf(stderr, "grade: test \"%s\" has no [points] prefix\n", name);
        exit(2);
    }
    return n;
}
enum { testSeconds = 20 };

static int
runone(CU_pSuite s, CU_pTest t)
{
    fflush(stdout);
    int fd[2];
    if (pipe(fd) != 0) {
        perror("pipe");
        exit(2);
    }
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        exit(2);
    }
    if (pid == 0) {
        close(fd[0]);
        alarm(testSeconds);
        CU_basic_set_mode(CU_BRM_SILENT);
        int passed = CU_run_test(s, t) == CUE_SUCCESS && CU_get_number_of_failures() == 0
                     && CU_get_number_of_suites_failed() == 0;
        fflush(stdout); // what the test printed (its figures), before _exit drops it
        if (passed && write(fd[1], "passed", 6) != 6)
            _exit(1);
        _exit(passed ? 0 : 1);
    }
    close(fd[1]);
    char verdict[8] = "";
    ssize_t n = read(fd[0], verdict, sizeof verdict - 1);
    close(fd[0]);
    int status;
    if (waitpid(pid, &status, 0) < 0) {
        perror("waitpid");
        exit(2);
    }
    return n == 6 && memcmp(verdict, "passed", 6) == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

int
main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s EXERCISE JSONFILE\n", argv[0]);
        return 2;
    }
    if (CU_initialize_registry() != CUE_SUCCESS) {
        fprintf(stderr, "grade: cannot initialise CUnit: %s\n", CU_get_error_msg());
        return 2;
    }
    exercise_register();
    int got = 0, total = 0, ntests = 0, npassed = 0;
    FILE *json = fopen(argv[2], "w");
    if (json == NULL) {
        perror(argv[2]);
        return 2;
    }
    fprintf(json, "{\"exercise\": \"%s\", \"tests\": [", argv[1]);
    for (CU_pSuite s = CU_get_registry()->pSuite; s != NULL; s = s->pNext) {
        for (CU_pTest t = s->pTest; t != NULL; t = t->pNext) {
            int worth = points(t->pName);
            int ok = runone(s, t);
            total += worth;
            got += ok ? worth : 0;
            npassed += ok;
            printf("  %s %s\n", ok ? "PASS" : "FAIL", t->pName);
            fprintf(json, "%s\n  {\"name\": \"%s\", \"points\": %d, \"passed\": %s}",
                    ntests ? "," : "", t->pName, worth, ok ? "true" : "false");
            ntests++;
        }
    }
    fprintf(json, "],\n \"score\": %d, \"total\": %d}\n", got, total);
    fclose(json);
    printf("%s: %d passed, %d failed\n", argv[1], npassed, ntests - npassed);
    printf("%s: Score: %d/%d\n", argv[1], got, total);
    CU_cleanup_registry();
    return 0;
}
