// Exercise 14-restart: restartable barrier sequences, the site tables of
// chapter 14 (mbarrier.c: runtime_registerBarrierSites, wbRestartSequence).
#ifndef EX_RESTART_H
#define EX_RESTART_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { ex_maxModules = 256 }; // modules that may register a table

// A module's table is an array of words, start[0] up to stop: pairs
// (first address, end address) of its barrier sites, one pair per site,
// in any order; sites do not overlap.  A trailing odd word is ignored.
//
// Registers the table: sorts its pairs in place by first address and
// publishes it.  Returns true if this call registered it; false, changing
// nothing, if start is NULL, the table holds no pair, the same start was
// registered already, or ex_maxModules tables are registered.  Safe to call
// from several threads at once.
bool ex_registerSites(uintptr_t *start, uintptr_t *stop);

// Tables registered so far.
size_t ex_modules(void);

// Where a thread interrupted at pc must resume: the first address of the
// site that holds pc strictly inside (first < pc < end), or pc itself.
// Never takes a lock: it runs in a signal handler.  It reads every word of
// a table through ex_load.
uintptr_t ex_restartPC(uintptr_t pc);

// Forgets every table (the tests call it between tests, never concurrently).
void ex_forgetSites(void);

// Provided by the tests (do not define it): returns *word, and counts the read.
uintptr_t ex_load(const uintptr_t *word);

#endif
