// Exercise 17-assist: your implementation.  See statement.tex.
#include "assist.h"

double
ex_assistWorkPerByte(const ex_mark *m)
{
    (void)m;
    return 0; // TODO: the scan work expected less the work done, over the heap left before the goal
}

int64_t
ex_flushBgCredit(ex_queue *q, int64_t scanWork, double assistBytesPerWork, double assistWorkPerByte)
{
    (void)q, (void)assistBytesPerWork, (void)assistWorkPerByte;
    return scanWork; // TODO: pay the waiting threads first, in order
}
