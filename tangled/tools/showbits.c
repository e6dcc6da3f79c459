// tangled from chapters/09-mbitmap.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Prints the heap bitmap of a few objects, as chapter 9 draws it; -dot: as a Graphviz figure.
#include <stdio.h>
#include <string.h>
#include "runtime.h"

struct node {
    struct node *left;
    long key;
    struct node *right;
    char name[24];
};
GOMM_TYPE(nodeType, struct node, offsetof(struct node, left), offsetof(struct node, right));

static const char *
wordName(uintptr w, uintptr objw)
{
    static const char *fields[] = {"left", "key", "right", "name[0:8]", "name[8:16]", "name[16:24]"};
    return w % objw < 6 ? fields[w % objw] : "-";
}

static void
textOut(uintptr first, uintptr words, uintptr objw)
{
    printf("word  object.field      ptr scan   byte  scan|ptr\n");
    heapBits h = heapBitsForAddr(first);
    for (uintptr w = 0; w < words; w++, h = heapBits_next(h)) {
        uint8 b = *h.bitp;
        printf("%4lu  obj%lu.%-12s %3d %4d", (unsigned long)w, (unsigned long)(w / objw),
               wordName(w, objw), heapBits_isPointer(h), heapBits_morePointers(h));
        if (h.shift == 0)
            printf("   0x%02x  %d%d%d%d|%d%d%d%d", b, b >> 7 & 1, b >> 6 & 1, b >> 5 & 1, b >> 4 & 1,
                   b >> 3 & 1, b >> 2 & 1, b >> 1 & 1, b & 1);
        printf("\n");
    }
}
static void
dotOut(uintptr first, uintptr words, uintptr objw)
{
    printf("digraph heapbits {\n  node [shape=plaintext, fontname=\"Helvetica\", fontsize=9];\n");
    heapBits h = heapBitsForAddr(first);
    for (uintptr w = 0; w < words; w += 4) {
        uint8 b = *h.bitp;
        printf("  b%lu [label=<<table border=\"0\" cellborder=\"1\" cellspacing=\"0\"><tr>"
               "<td>byte %lu<br/>0x%02x</td>", (unsigned long)w / 4, (unsigned long)w / 4, b);
        for (int bit = 7; bit >= 0; bit--) {
            uintptr word = w + (uintptr)(bit % 4);
            printf("<td%s>%s %lu<br/>obj%lu.%s</td>", (b >> bit & 1) ? " bgcolor=\"#c8d8e8\"" : "",
                   bit >= 4 ? "scan" : "ptr", (unsigned long)word, (unsigned long)(word / objw),
                   wordName(word, objw));
        }
        printf("</tr></table>>];\n");
        if (w > 0)
            printf("  b%lu -> b%lu [style=invis];\n", (unsigned long)w / 4 - 1, (unsigned long)w / 4);
        h = heapBits_forward(h, 4);
    }
    printf("}\n");
}

int
main(int argc, char **argv)
{
    enum { nobj = 3 };
    uintptr objs[nobj];
    for (int i = 0; i < nobj; i++)
        objs[i] = (uintptr)runtime_new(&nodeType);
    mspan *s = spanOfHeap(objs[0]);
    uintptr first = objs[0], words = (objs[nobj - 1] - objs[0]) / ptrSize + s->elemsize / ptrSize;
    if (argc > 1 && strcmp(argv[1], "-dot") == 0)
        dotOut(first, words, s->elemsize / ptrSize);
    else
        textOut(first, words, s->elemsize / ptrSize);
    return 0;
}
