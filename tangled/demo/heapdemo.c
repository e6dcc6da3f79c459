// tangled from chapters/24-diagnostics.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The program that chapter 24 profiles: a word index with three memory problems.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "gomm.h"

enum { nLines = 200000, nVocab = 64, wordsPerLine = 8 };

// The posting lists: for each word of the vocabulary, the lines it appears in.
static uint32_t *postings[nVocab];
static size_t npostings[nVocab];

// The summaries remembered, a linked list that only grows.
typedef struct summary {
    struct summary *next;
    uint64_t line;
    char text[88];
} summary;
GOMM_TYPE(summaryType, summary, offsetof(summary, next));
static summary *remembered;

static uint64_t
word(uint64_t line, int k)
{
    uint64_t x = line * 0x9e3779b97f4a7c15ull + (uint64_t)k * 0xbf58476d1ce4e5b9ull;
    x ^= x >> 29;
    return x % 1024; // a word is a number; those under nVocab are in the vocabulary
}

// Splits a line into words, copying each one: the copies live for one iteration.
__attribute__((noinline)) static int
tokenize(uint64_t line, char **out)
{
    for (int k = 0; k < wordsPerLine; k++) {
        char *w = runtime_mallocgc(24, NULL, 0);
        snprintf(w, 24, "w%llu", (unsigned long long)word(line, k));
        out[k] = w;
    }
    return wordsPerLine;
}

// Appends a line to a word's posting list, one element at a time.
__attribute__((noinline)) static void
addPosting(int w, uint32_t line)
{
    size_t n = npostings[w];
    uint32_t *grown = runtime_mallocgc((n + 1) * sizeof(uint32_t), NULL, 0);
    if (n > 0)
        memcpy(grown, postings[w], n * sizeof(uint32_t));
    grown[n] = line;
    GOMM_STORE(postings[w], grown);
    npostings[w] = n + 1;
}

// Remembers a summary of a line, for ever.
__attribute__((noinline)) static void
remember(uint64_t line, int hits)
{
    summary *s = runtime_new(&summaryType);
    s->line = line;
    snprintf(s->text, sizeof s->text, "line %llu: %d words of the vocabulary", (unsigned long long)line, hits);
    GOMM_STORE(s->next, remembered);
    GOMM_STORE(remembered, s);
}

int
main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: heapdemo PROFILE\n");
        return 2;
    }
    runtime_ThreadAttach();
    runtime_SetMemProfileRate(64 << 10);
    char *words[wordsPerLine];
    for (uint64_t line = 0; line < nLines; line++) {
        int n = tokenize(line, words), hits = 0;
        for (int k = 0; k < n; k++) {
            int w = atoi(words[k] + 1);
            if (w < nVocab) {
                addPosting(w, (uint32_t)line);
                hits++;
            }
        }
        if (line % 4 == 0)
            remember(line, hits);
    }
    runtime_GC();
    runtime_MemStats m;
    runtime_ReadMemStats(&m);
    printf("TotalAlloc %llu MB, HeapAlloc %llu MB, Mallocs %llu, NumGC %u\n",
           (unsigned long long)(m.TotalAlloc >> 20), (unsigned long long)(m.HeapAlloc >> 20),
           (unsigned long long)m.Mallocs, m.NumGC);
    FILE *f = fopen(argv[1], "w");
    if (f == NULL || pprof_WriteHeapProfile(f) != 0) {
        perror(argv[1]);
        return 1;
    }
    fclose(f);
    return 0;
}
