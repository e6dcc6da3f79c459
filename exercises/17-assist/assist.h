// Exercise 17-assist: the assist ratio and the background credit
// (Go 1.19's mgcpacer.go: revise; mgcmark.go: gcFlushBgCredit).
#ifndef EX_ASSIST_H
#define EX_ASSIST_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

// What revise reads, in bytes (scan work is counted in bytes scanned).
typedef struct ex_mark {
    int32_t gcPercent;          // GOGC; negative: off
    int64_t heapLive;           // live now
    int64_t heapScan;           // the scannable heap at the start of the mark
    int64_t workDone;           // scan work done so far: heap, stacks and globals
    int64_t heapGoal;           // the goal in force
    int64_t lastScanWork;       // the last cycle's scan work: heap, stacks and globals
    int64_t stacksAndGlobals;   // this runtime's worst case for stacks plus the globals
    int64_t triggered;          // the trigger the mark started at
} ex_mark;

// revise: the scan work an assist owes per byte allocated.
double ex_assistWorkPerByte(const ex_mark *m);

// A thread waiting for credit, in a queue, oldest first.
typedef struct ex_waiter {
    int64_t assistBytes; // its balance, negative: its debt
    bool woken;          // set when its debt is paid in full
    struct ex_waiter *next;
} ex_waiter;
typedef struct ex_queue {
    ex_waiter *head, *tail;
} ex_queue;

// gcFlushBgCredit: pay the queue with scanWork units of work; return the
// work left over for the background credit.
int64_t ex_flushBgCredit(ex_queue *q, int64_t scanWork, double assistBytesPerWork, double assistWorkPerByte);

#endif
