// Lab 28-pool: a request handler that pools its request objects.
#ifndef LAB_POOL_H
#define LAB_POOL_H
#include <stddef.h>
#include <stdint.h>
#include "gomm.h"

// A message: a payload (a heap object of the caller's, or NULL) and the buffer size it needs.
typedef struct lab_msg {
    uint8_t *payload;
    size_t payloadLen;
    size_t need; // bytes of scratch buffer the handling needs
    uint64_t id;
} lab_msg;

// Handles m and returns its checksum: lab_work's result for a scratch buffer of at least m->need bytes.
uint64_t lab_handle(const lab_msg *m);

// The work (given, in test.c): fills buf[0..m->need) and sums it with the payload.
uint64_t lab_work(uint8_t *buf, const lab_msg *m);
#endif
