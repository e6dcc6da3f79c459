// Lab 26-stack: names this tree for the tests; leave it as it is.
const char lab_treeFile[] = __FILE__;
