// Lab 26-extend: the tool's switch statement.  Compiled into the tool only (ESC_TOOL is defined
// when the tests build it); define here the three hooks that esc.h declares:
//
//   Node *parseSwitchStmt(Parser *p);              // at the word "switch"
//   void checkSwitchStmt(Checker *c, Node *n);     // n->op == OSWITCH
//   void escapeSwitchStmt(Escape *e, Node *n);
//
// Until you do, the tool's own weak definitions refuse every switch as outside the subset.
#ifdef ESC_TOOL
#include "esc.h"
#endif
