// Lab 26-bench: the loop to fix.  Each iteration makes its vector with runtime_new, as a Go
// program does when the vector escapes; here nothing keeps it past the iteration.
#include "gomm.h"
#include "bench.h"

typedef struct vec {
    uint64_t x, y, z;
} vec;
GOMM_TYPE_NOPTR(vecType, vec);

static uint64_t
dot(const vec *a, const vec *b)
{
    return a->x * b->x + a->y * b->y + a->z * b->z;
}

uint64_t
lab_run(int n, const uint64_t w[3])
{
    uint64_t sum = 0;
    for (int i = 0; i < n; i++) {
        vec *v = runtime_new(&vecType);
        v->x = w[0] * i;
        v->y = w[1] * 2 * i;
        v->z = w[2] * 3 * i;
        sum += dot(v, v);
    }
    return sum;
}
