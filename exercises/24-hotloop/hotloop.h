// Lab 24-hotloop: an allocation in a hot loop (chapter 24).
#ifndef LAB_HOTLOOP_H
#define LAB_HOTLOOP_H
#include <stddef.h>
#include <stdint.h>

enum { lab_recordSize = 64 };

// The checksum of n records of lab_recordSize bytes: each record's bytes, reversed, are
// hashed with FNV-1a (64-bit), and the hashes are summed.
uint64_t lab_checksum(const uint8_t *records, size_t n);

#endif
