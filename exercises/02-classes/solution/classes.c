// Exercise 02-classes: reference solution.
#include "classes.h"

enum { pageSize = 8192, maxSmallSize = 32768, largeSizeDiv = 128 };

static int
powerOfTwo(int x)
{
    return x != 0 && (x & (x - 1)) == 0;
}

int
ex_nextAlign(int size, int align)
{
    if (!powerOfTwo(size))
        return align;
    if (size >= 2048)
        return 256;
    if (size >= 128)
        return size / 8;
    if (size >= 32)
        return 16;
    return align;
}

int
ex_spanPages(int size)
{
    int allocsize = pageSize;
    while (allocsize % size > allocsize / 8)
        allocsize += pageSize;
    return allocsize / pageSize;
}

int
ex_makeClasses(ex_class *classes, int max, int grow)
{
    if (max < 1)
        return -1;
    int n = 1;
    classes[0] = (ex_class){0, 0};
    int align = 8;
    for (int size = align; size <= maxSmallSize; size += align) {
        align = ex_nextAlign(size, align);
        int npages = ex_spanPages(size);
        int allocsize = npages * pageSize;
        ex_class *prev = &classes[n - 1];
        // Step 3: as many objects in the same span as the previous class:
        // the previous class grows instead.
        if (n > 1 && npages == prev->npages && allocsize / size == allocsize / prev->size) {
            prev->size = size;
            continue;
        }
        if (n == max)
            return -1;
        classes[n++] = (ex_class){size, npages};
    }
    if (grow) {
        // Step 4: the largest size with the same count, a multiple of 128.
        for (int i = 1; i < n; i++) {
            int psize = classes[i].npages * pageSize;
            int newSize = (psize / (psize / classes[i].size)) & ~(largeSizeDiv - 1);
            if (newSize > classes[i].size)
                classes[i].size = newSize;
        }
    }
    return n;
}
