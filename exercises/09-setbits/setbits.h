// Exercise 09-setbits: writing an object's heap bits (Go 1.19's heapBitsSetType).
#ifndef EX_SETBITS_H
#define EX_SETBITS_H
#include <stdint.h>

// A type as the bitmap sees it: its size and ptrdata in words, and its
// 1-bit pointer mask (bit w of mask[w/8] is word w; ptrWords bits are valid).
typedef struct {
    uintptr_t sizeWords;
    uintptr_t ptrWords;
    const uint8_t *mask;
} ex_type;

// Write into bitmap (word i described by byte i/4: pointer bit at bit i%4,
// scan bit at bit 4+i%4) the bits of an object whose first word is word
// `start`, whose slot is sizeWords long, and which holds
// dataWords / t->sizeWords values of type t (dataWords <= sizeWords).
// Change no bit of any word outside [start, start + sizeWords).
void ex_setType(uint8_t *bitmap, uintptr_t start, uintptr_t sizeWords, uintptr_t dataWords, const ex_type *t);

// The number of words whose bits ex_setType must describe (the rest of
// the object is beyond its dead word).
uintptr_t ex_describedWords(uintptr_t dataWords, const ex_type *t);

#endif
