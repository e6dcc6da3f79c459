// Exercise 05-radix: reference solution.
#include "radix.h"

enum { fanout = 8 };

// log2 of the pages under one entry of each level; the bitmap words are level 2.
static const unsigned logPages[3] = {12, 9, 6};

static ex_rsum
summarizeWord(uint64_t x)
{
    ex_rsum s = {0, 0, 0};
    unsigned cur = 0;
    int atStart = 1;
    for (int i = 0; i < 64; i++) {
        if ((x >> i) & 1) {
            cur = 0;
            atStart = 0;
            continue;
        }
        cur++;
        s.start += atStart;
        if (cur > s.max)
            s.max = cur;
    }
    s.end = cur;
    return s;
}

static ex_rsum
merge(const ex_rsum *c, unsigned logChild)
{
    unsigned size = 1u << logChild;
    ex_rsum r = c[0];
    for (int i = 1; i < fanout; i++) {
        if (r.start == (unsigned)i * size)
            r.start += c[i].start;
        if (r.end + c[i].start > r.max)
            r.max = r.end + c[i].start;
        if (c[i].max > r.max)
            r.max = c[i].max;
        r.end = c[i].end == size ? r.end + size : c[i].end;
    }
    return r;
}

void
ex_update(ex_tree *t, int w)
{
    t->sum[2][w] = summarizeWord(t->bits[w]);
    int i1 = w / fanout, i0 = i1 / fanout;
    t->sum[1][i1] = merge(&t->sum[2][i1 * fanout], logPages[2]);
    t->sum[0][i0] = merge(&t->sum[1][i0 * fanout], logPages[1]);
}

// The lowest run of n 1 bits in c, or 64.
static unsigned
bitRange(uint64_t c, unsigned n)
{
    for (unsigned i = 0; i + n <= 64; i++) {
        uint64_t m = (n == 64 ? ~(uint64_t)0 : ((uint64_t)1 << n) - 1) << i;
        if ((c & m) == m)
            return i;
    }
    return 64;
}

long
ex_find(const ex_tree *t, unsigned npages)
{
    int first = 0; // the first entry of the block to scan at this level
    for (int l = 0; l < 3; l++) {
        unsigned entryPages = 1u << logPages[l];
        unsigned size = 0;  // free pages of the run reaching the current entry
        long start = 0;     // where that run starts
        int down = -1;
        for (int j = first; j < first + fanout; j++) {
            ex_rsum s = t->sum[l][j];
            if (size + s.start >= npages) { // a run straddling entries ends here
                if (size == 0)
                    start = (long)j * entryPages;
                return start;
            }
            if (s.max >= npages) { // the run is inside entry j
                down = j;
                break;
            }
            if (s.start == entryPages) { // all free: the run goes on
                size += entryPages;
            } else {
                size = s.end;
                start = (long)(j + 1) * entryPages - s.end;
            }
        }
        if (down < 0)
            return -1;
        if (l == 2) { // down is a word of the bitmap
            unsigned i = bitRange(~t->bits[down], npages);
            return i < 64 ? (long)down * 64 + i : -1;
        }
        first = down * fanout;
    }
    return -1;
}
