// Exercise 08-tiny: reference solution.
#include <string.h>
#include "tiny.h"

uintptr_t
ex_tinyAlign(uintptr_t off, uintptr_t size)
{
    uintptr_t a = (size & 7) == 0 ? 8 : (size & 3) == 0 ? 4 : (size & 1) == 0 ? 2 : 1;
    return (off + a - 1) & ~(a - 1);
}

uintptr_t
ex_tinyAlloc(ex_tinycache *c, uintptr_t size)
{
    uintptr_t off = ex_tinyAlign(c->tinyoffset, size);
    if (off + size <= ex_maxTinySize && c->tiny != 0) {
        // It fits in the current block.  The block was zeroed when it was
        // new, and no byte of the free part has been handed out since.
        c->tinyoffset = off + size;
        c->tinyAllocs++;
        return c->tiny + off;
    }
    uintptr_t x = c->newBlock(c->arg);
    memset((void *)x, 0, ex_maxTinySize);
    // Keep whichever block has more room left.
    if (size < c->tinyoffset || c->tiny == 0) {
        c->tiny = x;
        c->tinyoffset = size;
    }
    return x;
}
