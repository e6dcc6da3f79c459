// Lab 20-ceiling: your settings.  See statement.tex.
#include <stdint.h>
#include "ceiling.h"

void
lab_settings(int *gogc, int64_t *memoryLimit)
{
    *gogc = 100;             // TODO: Go's defaults: the workload's peak is over the ceiling
    *memoryLimit = INT64_MAX;
}
