// Lab 28-pool: graded tests.  Each test's name starts with its points.
#include <stdint.h>
#include <string.h>
#include "grade.h"
#include "labchild.h"
#include "pool.h"

enum { msgs = 256, small = 1 << 10, large = 1 << 20, payloadSize = 256 << 10, bound = 128 << 10 };

uint64_t
lab_work(uint8_t *buf, const lab_msg *m)
{
    uint64_t sum = 0;
    for (size_t i = 0; i < m->need; i++)
        sum += buf[i] = (uint8_t)(m->id + i);
    for (size_t j = 0; j < m->payloadLen; j += 512)
        sum += m->payload[j];
    return sum;
}

// What lab_handle must return for m, computed without any buffer.
static uint64_t
expected(uint64_t id, size_t need, size_t payloadLen)
{
    uint64_t sum = 0;
    for (size_t i = 0; i < need; i++)
        sum += (uint8_t)(id + i);
    return sum + (payloadLen / 512) * (id & 0xff);
}

// The messages, handled in a function of their own: when it returns, no pointer to a payload
// is left in the frames the collector scans.
__attribute__((noinline)) static int
handleAll(int withPayload)
{
    int right = 1;
    for (uint64_t i = 0; i < msgs; i++) {
        lab_msg m = {NULL, 0, small, i};
        if (withPayload) {
            m.payload = runtime_mallocgc(payloadSize, NULL, 0);
            m.payloadLen = payloadSize;
            memset(m.payload, (int)(i & 0xff), payloadSize);
        } else if (i % 32 == 0)
            m.need = large;
        right &= lab_handle(&m) == expected(i, m.need, m.payloadLen);
    }
    return right;
}

int
labChild(const char *mode)
{
    alarm(60);
    runtime_ThreadAttach();
    int withPayload = strcmp(mode, "payload") == 0;
    runtime_MemStats m0, m1;
    runtime_GC();
    runtime_ReadMemStats(&m0);
    int right = handleAll(withPayload);
    labClearStack(); // runtime_GC's frames will lie where handleAll's were
    runtime_GC(); // one cycle: what the pool holds is now its victim, still alive
    runtime_ReadMemStats(&m1);
    double allocs = (double)(m1.Mallocs - m0.Mallocs) - (withPayload ? msgs : 0);
    printf("\ncorrect=%d\nlive=%lld\nallocsPerMsg=%f\n", right, (long long)m1.HeapAlloc - (long long)m0.HeapAlloc,
           allocs / msgs);
    labReport();
    return 0;
}

static void
check(const char *mode, double maxAllocs)
{
    static char out[1 << 14];
    int ran = labRun(mode, NULL, out, sizeof out) == 0;
    CU_ASSERT(ran && labValue(out, "correct") == 1 && labValue(out, "allocsPerMsg") <= maxAllocs
              && labValue(out, "live") <= bound);
    printf("\n  %s: correct %.0f, %.3f allocations per message, %.0f KiB live after one cycle ", mode,
           labValue(out, "correct"), labValue(out, "allocsPerMsg"), labValue(out, "live") / 1024);
}

static void
test_payload(void)
{
    check("payload", 0.5);
}

static void
test_large(void)
{
    check("large", 0.5);
}

void
exercise_register(void)
{
    CU_pSuite s = CU_add_suite("28-pool", NULL, NULL);
    CU_add_test(s, "[5] pooled, and the pool keeps no payload alive (at most 128 KiB live after a cycle)",
                test_payload);
    CU_add_test(s, "[5] pooled, and the pool keeps no 1 MiB buffer (at most 128 KiB live after a cycle)", test_large);
}
