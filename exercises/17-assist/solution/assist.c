// Exercise 17-assist: a reference solution.
#include "assist.h"

double
ex_assistWorkPerByte(const ex_mark *m)
{
    int32_t gcPercent = m->gcPercent < 0 ? 100000 : m->gcPercent;
    int64_t heapGoal = m->heapGoal;
    int64_t expected = m->lastScanWork;
    int64_t maxScanWork = m->heapScan + m->stacksAndGlobals;
    if (m->workDone > expected) {
        int64_t hardGoal = (int64_t)((1.0 + (double)gcPercent / 100.0) * (double)heapGoal);
        int64_t ext = hardGoal;
        if (expected > 0)
            ext = (int64_t)((double)(heapGoal - m->triggered) / (double)expected * (double)maxScanWork)
                  + m->triggered;
        expected = maxScanWork;
        heapGoal = ext > hardGoal ? hardGoal : ext;
    }
    if (m->heapLive > heapGoal) {
        heapGoal = (int64_t)((double)heapGoal * 1.1);
        expected = maxScanWork;
    }
    int64_t remaining = expected - m->workDone;
    if (remaining < 1000)
        remaining = 1000;
    int64_t heapRemaining = heapGoal - m->heapLive;
    if (heapRemaining <= 0)
        heapRemaining = 1;
    return (double)remaining / (double)heapRemaining;
}

int64_t
ex_flushBgCredit(ex_queue *q, int64_t scanWork, double assistBytesPerWork, double assistWorkPerByte)
{
    if (q->head == NULL)
        return scanWork;
    int64_t scanBytes = (int64_t)((double)scanWork * assistBytesPerWork);
    while (q->head != NULL && scanBytes > 0) {
        ex_waiter *w = q->head;
        q->head = w->next;
        if (q->head == NULL)
            q->tail = NULL;
        w->next = NULL;
        if (scanBytes + w->assistBytes >= 0) {
            scanBytes += w->assistBytes;
            w->assistBytes = 0;
            w->woken = true;
        } else {
            w->assistBytes += scanBytes;
            scanBytes = 0;
            if (q->tail != NULL)
                q->tail->next = w;
            else
                q->head = w;
            q->tail = w;
            break;
        }
    }
    return scanBytes > 0 ? (int64_t)((double)scanBytes * assistWorkPerByte) : 0;
}
