// Lab 20-spiral: your program.  See statement.tex.
#include "gomm.h"
#include "spiral.h"

void
lab_spiral(void)
{
    // TODO: a live heap over the limit, allocation, and time
}
