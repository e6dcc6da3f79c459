// tangled from chapters/02-sizeclasses.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Generates the size-class tables of the allocator (Go's mksizeclasses.go).
// usage: mksizeclasses [-comment] > sizeclasses.h
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    maxSmallSize = 32 << 10, // the largest small object
    smallSizeDiv = 8,        // size_to_class8 has one entry per 8 bytes...
    smallSizeMax = 1024,     // ...up to 1 KiB
    largeSizeDiv = 128,      // size_to_class128 has one per 128 bytes beyond
    pageShift = 13,
    pageSize = 1 << pageShift,
    numClasses = 68,
};

struct class {
    int size;   // the object size: the largest request of the class
    int npages; // pages per span
};
static struct class classes[numClasses];
static int nclasses;
static bool
powerOfTwo(int x)
{
    return x != 0 && (x & (x - 1)) == 0;
}

static void
makeClasses(void)
{
    nclasses = 1; // class 0 stays {0, 0}
    int align = 8;
    for (int size = align; size <= maxSmallSize; size += align) {
        if (powerOfTwo(size)) {
            if (size >= 2048)
                align = 256;
            else if (size >= 128)
                align = size / 8;
            else if (size >= 32)
                align = 16;
        }
        if (!powerOfTwo(align)) {
            fprintf(stderr, "mksizeclasses: incorrect alignment %d\n", align);
            exit(1);
        }
        int allocsize = pageSize;
        while (allocsize % size > allocsize / 8)
            allocsize += pageSize;
        int npages = allocsize / pageSize;
        struct class *prev = &classes[nclasses - 1];
        if (nclasses > 1 && npages == prev->npages && allocsize / size == allocsize / prev->size) {
            prev->size = size;
            continue;
        }
        if (nclasses == numClasses) {
            fprintf(stderr, "mksizeclasses: more than %d size classes\n", numClasses);
            exit(1);
        }
        classes[nclasses++] = (struct class){size, npages};
    }
    for (int i = 1; i < nclasses; i++) {
        struct class *c = &classes[i];
        int psize = c->npages * pageSize;
        int newSize = (psize / (psize / c->size)) & ~(largeSizeDiv - 1);
        if (newSize > c->size)
            c->size = newSize;
    }
    if (nclasses != numClasses) {
        fprintf(stderr, "mksizeclasses: %d size classes, want %d\n", nclasses, numClasses);
        exit(1);
    }
}
static int
bitsLen(unsigned x)
{
    int n = 0;
    for (; x != 0; x >>= 1)
        n++;
    return n;
}

static void
computeDivMagic(const struct class *c)
{
    int d = c->size;
    if (d == 0)
        return;
    int max = c->npages * pageSize;
    int N = bitsLen((unsigned)max), F;
    if (powerOfTwo(d)) {
        F = 0;
        while ((1 << F) != d)
            F++;
    } else {
        for (int L = 0;; L++) {
            if ((uint64_t)d <= ((UINT64_C(1) << (N + L)) % (uint64_t)d) + (UINT64_C(1) << L)) {
                F = N + L;
                break;
            }
        }
    }
    if (F > 32) {
        fprintf(stderr, "mksizeclasses: d=%d max=%d N=%d F=%d: more than 32 bits\n", d, max, N, F);
        exit(1);
    }
    uint32_t m = UINT32_MAX / (uint32_t)d + 1;
    for (int n = 0; n <= max; n++) {
        if ((uint32_t)(((uint64_t)n * m) >> 32) != (uint32_t)(n / d)) {
            fprintf(stderr, "mksizeclasses: d=%d max=%d m=%u n=%d: bad 32-bit multiply magic\n",
                    d, max, m, n);
            exit(1);
        }
    }
}
static int
trailingZeros(unsigned x)
{
    int n = 0;
    for (; (x & 1) == 0; x >>= 1)
        n++;
    return n;
}

static void
printComment(FILE *w)
{
    fprintf(w, "// %-5s  %-9s  %-10s  %-7s  %-10s  %-9s  %-9s\n", "class", "bytes/obj",
            "bytes/span", "objects", "tail waste", "max waste", "min align");
    int prevSize = 0;
    int minAligns[pageShift + 1] = {0};
    for (int i = 1; i < nclasses; i++) {
        const struct class *c = &classes[i];
        int spanSize = c->npages * pageSize;
        int objects = spanSize / c->size;
        int tailWaste = spanSize - c->size * (spanSize / c->size);
        double maxWaste = (double)((c->size - prevSize - 1) * objects + tailWaste) / spanSize;
        int alignBits = trailingZeros((unsigned)c->size);
        if (alignBits > pageShift)
            alignBits = pageShift;
        for (int b = 0; b <= pageShift; b++) {
            if (b > alignBits)
                minAligns[b] = 0;
            else if (minAligns[b] == 0)
                minAligns[b] = c->size;
        }
        prevSize = c->size;
        fprintf(w, "// %5d  %9d  %10d  %7d  %10d  %8.2f%%  %9d\n", i, c->size, spanSize, objects,
                tailWaste, 100 * maxWaste, 1 << alignBits);
    }
    fprintf(w, "\n");
    fprintf(w, "// %-9s  %-4s  %-12s\n", "alignment", "bits", "min obj size");
    for (int b = 0; b <= pageShift; b++) {
        if (minAligns[b] == 0)
            break;
        if (b + 1 <= pageShift && minAligns[b] == minAligns[b + 1])
            continue;
        fprintf(w, "// %9d  %4d  %12d\n", 1 << b, b, minAligns[b]);
    }
    fprintf(w, "\n");
}
static void
printLookup(FILE *w, const char *name, const char *len, int first, int step, int n)
{
    fprintf(w, "static const uint8 %s[%s] = {", name, len);
    for (int i = 0; i < n; i++) {
        int size = first + i * step, cl = 0;
        for (int j = 0; j < nclasses; j++)
            if (classes[j].size >= size) {
                cl = j;
                break;
            }
        fprintf(w, "%s%d", i % 16 ? ", " : (i ? ",\n    " : "\n    "), cl);
    }
    fprintf(w, "\n};\n");
}

static void
printClasses(FILE *w)
{
    fprintf(w, "// Generated by tangled/tools/mksizeclasses.c (chapter 2); do not edit.\n");
    fprintf(w, "// The size classes of Go 1.19.8's runtime/sizeclasses.go.\n\n");
    printComment(w);
    fprintf(w, "enum {\n    _MaxSmallSize = %d,\n    smallSizeDiv = %d,\n    smallSizeMax = %d,\n"
               "    largeSizeDiv = %d,\n    _NumSizeClasses = %d,\n    _PageShift = %d,\n};\n\n",
            maxSmallSize, smallSizeDiv, smallSizeMax, largeSizeDiv, nclasses, pageShift);
    fprintf(w, "static const uint16 class_to_size[_NumSizeClasses] = {");
    for (int i = 0; i < nclasses; i++)
        fprintf(w, "%s%d", i % 12 ? ", " : (i ? ",\n    " : "\n    "), classes[i].size);
    fprintf(w, "\n};\n");
    fprintf(w, "static const uint8 class_to_allocnpages[_NumSizeClasses] = {");
    for (int i = 0; i < nclasses; i++)
        fprintf(w, "%s%d", i % 16 ? ", " : (i ? ",\n    " : "\n    "), classes[i].npages);
    fprintf(w, "\n};\n");
    fprintf(w, "static const uint32 class_to_divmagic[_NumSizeClasses] = {");
    for (int i = 0; i < nclasses; i++)
        fprintf(w, "%s%uu", i % 6 ? ", " : (i ? ",\n    " : "\n    "),
                classes[i].size ? UINT32_MAX / (uint32_t)classes[i].size + 1 : 0);
    fprintf(w, "\n};\n");
    printLookup(w, "size_to_class8", "smallSizeMax / smallSizeDiv + 1", 0, smallSizeDiv,
                smallSizeMax / smallSizeDiv + 1);
    printLookup(w, "size_to_class128", "(_MaxSmallSize - smallSizeMax) / largeSizeDiv + 1",
                smallSizeMax, largeSizeDiv, (maxSmallSize - smallSizeMax) / largeSizeDiv + 1);
}
static int
measureFragmentation(const char *path)
{
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        perror(path);
        return 1;
    }
    static unsigned long long count[numClasses], req[numClasses], got[numClasses];
    unsigned long long n, c, large = 0, largeReq = 0, largeGot = 0;
    char line[128];
    while (fgets(line, sizeof line, f) != NULL) {
        if (sscanf(line, "large %llu %llu %llu", &large, &largeReq, &largeGot) == 3)
            continue;
        if (sscanf(line, "%llu %llu", &n, &c) != 2 || n > maxSmallSize) {
            fprintf(stderr, "mksizeclasses: %s: bad line: %s", path, line);
            fclose(f);
            return 1;
        }
        if (n == 0)
            continue;
        int cl = 1;
        while (classes[cl].size < (int)n)
            cl++;
        count[cl] += c, req[cl] += n * c, got[cl] += (unsigned long long)classes[cl].size * c;
    }
    fclose(f);
    unsigned long long treq = 0, tgot = 0, tcount = 0;
    printf("class,size,requests,requested,allocated,waste\n");
    for (int i = 1; i < nclasses; i++) {
        if (count[i] == 0)
            continue;
        printf("%d,%d,%llu,%llu,%llu,%.2f\n", i, classes[i].size, count[i], req[i], got[i],
               100.0 * (double)(got[i] - req[i]) / (double)got[i]);
        treq += req[i], tgot += got[i], tcount += count[i];
    }
    fprintf(stderr, "small: %llu requests, %llu bytes requested, %llu allocated, %.2f%% wasted\n"
            "large: %llu requests, %llu bytes requested, %llu in whole pages, %.2f%% wasted\n",
            tcount, treq, tgot, tgot ? 100.0 * (double)(tgot - treq) / (double)tgot : 0.0,
            large, largeReq, largeGot,
            largeGot ? 100.0 * (double)(largeGot - largeReq) / (double)largeGot : 0.0);
    return 0;
}

int
main(int argc, char **argv)
{
    makeClasses();
    for (int i = 0; i < nclasses; i++)
        computeDivMagic(&classes[i]);
    if (argc > 1 && strcmp(argv[1], "-comment") == 0)
        printComment(stdout);
    else if (argc > 2 && strcmp(argv[1], "-frag") == 0)
        return measureFragmentation(argv[2]);
    else
        printClasses(stdout);
    return 0;
}
