// Exercise 05-pallocsum: reference solution.
#include "summary.h"

enum { logMax = 21, fieldMask = (1u << logMax) - 1 };

uint64_t
ex_pack(ex_sum s)
{
    if (s.max == 1u << logMax)
        return (uint64_t)1 << 63;
    return (uint64_t)(s.start & fieldMask) | (uint64_t)(s.max & fieldMask) << logMax
           | (uint64_t)(s.end & fieldMask) << (2 * logMax);
}

ex_sum
ex_unpack(uint64_t p)
{
    if (p >> 63)
        return (ex_sum){1u << logMax, 1u << logMax, 1u << logMax};
    return (ex_sum){(unsigned)(p & fieldMask), (unsigned)(p >> logMax & fieldMask),
                    (unsigned)(p >> (2 * logMax) & fieldMask)};
}

// Each step c &= c >> s shortens every run of 1s by s from the top and
// lengthens every gap between two runs by s; a shift no longer than the
// shortest gap cannot join two runs.  Gaps start at least 1 long, so after
// shifts of 1, 2, ..., step/2 (step - 1 in all) the next one may be step.
unsigned
ex_findBitRange64(uint64_t c, unsigned n)
{
    unsigned todo = n - 1, step = 1;
    while (todo > 0 && c != 0) {
        unsigned s = todo < step ? todo : step;
        c &= c >> s;
        todo -= s;
        step *= 2;
    }
    return c == 0 ? 64 : (unsigned)__builtin_ctzll(c);
}

// The longest run of 0s in x that has a 1 on both sides.
static unsigned
interior(uint64_t x)
{
    unsigned best = 0, run = 0;
    int seenOne = 0;
    for (int i = 0; i < 64; i++) {
        if ((x >> i) & 1) {
            if (seenOne && run > best)
                best = run;
            seenOne = 1;
            run = 0;
        } else {
            run++;
        }
    }
    return best;
}

ex_sum
ex_summarize(const uint64_t bits[8])
{
    unsigned start = 0, max = 0, cur = 0;
    int started = 0;
    for (int i = 0; i < 8; i++) {
        uint64_t x = bits[i];
        if (x == 0) {
            cur += 64;
            continue;
        }
        cur += (unsigned)__builtin_ctzll(x);
        if (!started)
            start = cur, started = 1;
        if (cur > max)
            max = cur;
        unsigned in = interior(x);
        if (in > max)
            max = in;
        cur = (unsigned)__builtin_clzll(x);
    }
    if (!started)
        return (ex_sum){512, 512, 512};
    if (cur > max)
        max = cur;
    return (ex_sum){start, max, cur};
}

ex_sum
ex_merge(const ex_sum *sums, int n, unsigned logPages)
{
    unsigned size = 1u << logPages;
    ex_sum r = sums[0];
    for (int i = 1; i < n; i++) {
        ex_sum s = sums[i];
        if (r.start == (unsigned)i * size) // everything so far is free
            r.start += s.start;
        if (r.end + s.start > r.max)
            r.max = r.end + s.start;
        if (s.max > r.max)
            r.max = s.max;
        r.end = s.end == size ? r.end + size : s.end;
    }
    return r;
}
