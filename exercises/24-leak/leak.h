// Lab 24-leak: a thread that leaks and keeps its objects alive (chapter 24).
#ifndef LAB_LEAK_H
#define LAB_LEAK_H
#include <stdint.h>

enum { lab_responseSize = 1 << 20 };

// The response to request r: lab_responseSize bytes, byte i being (r + i) * 31 mod 256,
// built on the collected heap; the result is the sum of its bytes.  Each call may use a
// helper thread, and must leave no thread and no response behind.
uint64_t lab_serve(uint64_t r);

#endif
