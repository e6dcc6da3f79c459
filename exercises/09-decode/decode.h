// Exercise 09-decode: reading Go 1.19's 2-bit heap bitmap.
#ifndef EX_DECODE_H
#define EX_DECODE_H
#include <stdint.h>

// The two bits of word w (0..3) of the four words described by bitmap byte b.
void ex_decode(uint8_t b, int w, int *ptr, int *scan);

// The pointer words of the object whose first word is word `start` of a
// bitmap (word i is described by byte i/4, position i%4), at most maxWords
// long: store the indexes, relative to start, of its pointer words in
// ptrs[] and return how many there are.  Scanning stops at the first dead
// word (scan bit 0) or after maxWords words.
int ex_pointerWords(const uint8_t *bitmap, uintptr_t start, uintptr_t maxWords, uintptr_t *ptrs);

// The inverse of ex_decode: the byte describing four words, given their
// pointer and scan bits (bit w of ptrs and of scans is word w's).
uint8_t ex_encode(unsigned ptrs, unsigned scans);

#endif
