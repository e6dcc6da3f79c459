// tangled from chapters/16-mgcpacer.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Prints the memory limit gomm read from GOMEMLIMIT, as debug_SetMemoryLimit(-1)
// returns it: the same line as Go's program (tangled/go/memlimit).
#include <stdio.h>
#include "gomm.h"

int
main(void)
{
    printf("%lld\n", (long long)debug_SetMemoryLimit(-1));
    return 0;
}
