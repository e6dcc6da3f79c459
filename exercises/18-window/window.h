// Exercise 18-window: the limiter's view of a window of time (Go 1.19's mgclimit.go: updateLocked).
#ifndef EX_WINDOW_H
#define EX_WINDOW_H
#include <stdbool.h>
#include <stdint.h>

#define ex_gcBackgroundUtilization 0.25

typedef struct ex_window {
    int64_t wall;          // the window's length, ns
    int32_t nprocs;        // GOMAXPROCS
    bool gcEnabled;        // the collector is on for the whole window
    int64_t assistTime;    // assists' time in the window
    int64_t idleMarkTime;  // idle mark workers' CPU time in the window
    int64_t processCPU;    // the CPU time the whole process used in the window (-1: not known)
} ex_window;

// The program's and the collector's CPU time in the window, as this
// runtime's updateLocked splits it.
void ex_split(const ex_window *w, int64_t *mutatorTime, int64_t *gcTime);

#endif
