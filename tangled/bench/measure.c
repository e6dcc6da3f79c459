// tangled from chapters/81-binarytrees.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Runs a program and measures it from outside; chapter "Measuring the whole heap: binary trees".
//   usage: measure OUT ERR PROGRAM [ARG...]
//   Runs PROGRAM with its standard output to the file OUT and its standard error to ERR,
//   waits for it and prints WALL_S,CPU_S,MAXRSS_MIB: its wall-clock time, its user+system
//   time, and its peak resident set size.  Exits with 1 if PROGRAM did not exit with 0.
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double
seconds(struct timeval tv)
{
    return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

int
main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: %s OUT ERR PROGRAM [ARG...]\n", argv[0]);
        return 2;
    }
    int out = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    int err = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (out < 0 || err < 0) {
        perror("measure: open");
        return 2;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid < 0) {
        perror("measure: fork");
        return 2;
    }
    if (pid == 0) {
        if (dup2(out, 1) < 0 || dup2(err, 2) < 0)
            _exit(127);
        execvp(argv[3], argv + 3);
        perror(argv[3]);
        _exit(127);
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0) {
        perror("measure: wait4");
        return 2;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double wall = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    double cpu = seconds(ru.ru_utime) + seconds(ru.ru_stime);
    printf("%.3f,%.3f,%.1f\n", wall, cpu, (double)ru.ru_maxrss / 1024);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "measure: %s did not exit with status 0\n", argv[3]);
        return 1;
    }
    return 0;
}
