// Lab 26-predict: predictions of the compiler's escape analysis (chapter 26).
#ifndef LAB_PREDICT_H
#define LAB_PREDICT_H

enum { lab_nsnippets = 5 };

// For snippets/p1.go to p5.go: the lines go build -gcflags='-m -l' prints, in its order, each as
// "LINE:COL: message" followed by a newline (without the file name).
extern const char *const lab_predictions[lab_nsnippets];

#endif
