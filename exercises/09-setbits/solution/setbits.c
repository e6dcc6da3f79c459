// Exercise 09-setbits: reference solution.
#include "setbits.h"

uintptr_t
ex_describedWords(uintptr_t dataWords, const ex_type *t)
{
    uintptr_t count = dataWords / t->sizeWords;
    return (count - 1) * t->sizeWords + t->ptrWords;
}

static void
setEntry(uint8_t *bitmap, uintptr_t word, int ptr, int scan)
{
    unsigned shift = word % 4;
    uint8_t b = bitmap[word / 4];
    b &= (uint8_t)~(0x11u << shift);
    b |= (uint8_t)(((ptr ? 1u : 0u) | (scan ? 0x10u : 0u)) << shift);
    bitmap[word / 4] = b;
}

void
ex_setType(uint8_t *bitmap, uintptr_t start, uintptr_t sizeWords, uintptr_t dataWords, const ex_type *t)
{
    uintptr_t n = ex_describedWords(dataWords, t);
    for (uintptr_t i = 0; i < n; i++) {
        uintptr_t w = i % t->sizeWords;
        int ptr = w < t->ptrWords && (t->mask[w / 8] >> (w % 8) & 1);
        setEntry(bitmap, start + i, ptr, 1);
    }
    for (uintptr_t i = n; i < sizeWords; i++)
        setEntry(bitmap, start + i, 0, 0); // the dead word, then the rest of the slot
}
