// tangled from chapters/01-memory.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Start-up: the runtime initialises itself before main (Go's proc.go:schedinit).
#include "runtime.h"

void
schedinit(void)
{
    parsedebugvars();
    
}

__attribute__((constructor)) static void
rt0_go(void)
{
    osinit();
    schedinit();
}

const char runtime_buildVersion[] = "go1.19.8 gomm/0.1";

const char *
runtime_Version(void)
{
    return runtime_buildVersion;
}

int
runtime_NumCPU(void)
{
    return ncpu;
}
