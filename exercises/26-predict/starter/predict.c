// Lab 26-predict: your predictions.  Write, for each snippet, the lines you expect
// go build -gcflags='-m -l' to print, before running the compiler or the tool.
#include "predict.h"

const char *const lab_predictions[lab_nsnippets] = {
    // p1.go
    "",
    // p2.go
    "",
    // p3.go
    "",
    // p4.go
    "",
    // p5.go
    "",
};
