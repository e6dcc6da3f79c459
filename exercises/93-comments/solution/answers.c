// Exercise 93-comments: names this tree for the tests; leave it as it is.
// The answers are in answers.txt, next to this file.
const char lab_treeFile[] = __FILE__;
