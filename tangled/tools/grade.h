// tangled from chapters/90-building.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
#ifndef GOMM_GRADE_H
#define GOMM_GRADE_H
#include <CUnit/CUnit.h>

// Provided by each exercise's test.c: add its suites and tests to the
// CUnit registry.  Each test's name starts with "[N] ", its worth in points.
void exercise_register(void);

#endif
