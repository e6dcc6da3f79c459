// Lab 20-ceiling: a reference solution.  GOGC alone, as high as the ceiling allows with a
// margin.  A limit at the ceiling does worse here: it counts everything mapped, the
// runtime's own structures too, so its goal for the heap is lower than GOGC=30's, and the
// cycles are more (try GOGC off and a limit of 62 MiB).
#include <stdint.h>
#include "ceiling.h"

void
lab_settings(int *gogc, int64_t *memoryLimit)
{
    *gogc = 30;
    *memoryLimit = INT64_MAX;
}
