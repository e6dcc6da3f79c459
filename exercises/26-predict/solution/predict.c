// Lab 26-predict: a solution, with why each line is there.
#include "predict.h"

const char *const lab_predictions[lab_nsnippets] = {
    // p1.go: head is stored into a new node, which is returned: the node, and so head, reach the
    // heap (the result is a pointer the caller keeps in a variable declared outside its loop).
    "8:11: leaking param: head\n"
    "9:9: &node{...} escapes to heap\n",
    // p2.go: sum only reads its slice; the literal stays in main's frame.
    "3:10: xs does not escape\n"
    "12:13: []int{...} does not escape\n",
    // p3.go: q is only dereferenced, so p stays on the stack; but q.x, an int, is converted to an
    // interface for Println, whose argument's content leaks: its box escapes.
    "10:13: ... argument does not escape\n"
    "10:15: q.x escapes to heap\n",
    // p4.go: &x is appended to a global slice.
    "6:2: moved to heap: x\n",
    // p5.go: the closure is returned, and it captures sum by reference (it assigns it), so sum
    // moves to the heap; apply only calls f.
    "4:2: moved to heap: sum\n"
    "5:9: func literal escapes to heap\n"
    "11:12: f does not escape\n",
};
