// tangled from chapters/01-memory.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Helpers shared by the runtime's CUnit test programs.
#ifndef GOMM_TESTING_H
#define GOMM_TESTING_H
#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>
#include <CUnit/Basic.h>

static char childerr[4096];

static inline int
inchild(void (*fn)(void))
{
    int fd[2];
    CU_ASSERT_FATAL(pipe(fd) == 0);
    fflush(NULL);
    pid_t pid = fork();
    CU_ASSERT_FATAL(pid >= 0);
    if (pid == 0) {
        dup2(fd[1], 2);
        close(fd[0]);
        fn();
        _exit(0);
    }
    close(fd[1]);
    size_t len = 0;
    ssize_t r;
    while (len < sizeof childerr - 1 && (r = read(fd[0], childerr + len, sizeof childerr - 1 - len)) > 0)
        len += (size_t)r;
    childerr[len] = '\0';
    close(fd[0]);
    int status;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static inline int
runself(const char *mode, const char *env, char *out, size_t outlen)
{
    char cmd[1024], self[512];
    ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
    CU_ASSERT_FATAL(len > 0);
    self[len] = '\0';
    snprintf(cmd, sizeof cmd, "%s '%s' %s 2>&1", env ? env : "", self, mode);
    FILE *f = popen(cmd, "r");
    CU_ASSERT_FATAL(f != NULL);
    size_t n = fread(out, 1, outlen - 1, f);
    out[n] = '\0';
    int status = pclose(f);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static inline int
runTests(void)
{
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    int failed = (int)(CU_get_number_of_failures() + CU_get_number_of_tests_failed());
    CU_cleanup_registry();
    return failed != 0;
}

#endif
