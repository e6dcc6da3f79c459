// Exercise 02-classes: the size classes, from the four rules.
#ifndef EX_CLASSES_H
#define EX_CLASSES_H

// One size class: the object size and the pages of a span of the class.
typedef struct {
    int size;
    int npages;
} ex_class;

// The alignment makeClasses uses from size on, when it was align just
// before: it changes only when size is a power of two (16 from 32 bytes,
// size/8 from 128 bytes, 256 from 2048 bytes).
int ex_nextAlign(int size, int align);

// The smallest number of 8 KiB pages whose span, cut into objects of size
// bytes, leaves at most 1/8 of the span unused.
int ex_spanPages(int size);

// Fill classes[0..) with Go's size classes, class 0 being {0, 0}, and
// return how many there are (68).  With grow == 0, skip the last step
// (growing each class to fill its span).  If more than max classes would
// be needed, return -1 without writing past classes[max - 1].
int ex_makeClasses(ex_class *classes, int max, int grow);

#endif
