// Lab 25-forced: a batch job that forces a collection after every batch (chapter 25).
#ifndef LAB_FORCED_H
#define LAB_FORCED_H
#include <stdint.h>

// Runs the job: builds the reference table, then processes nbatch batches of records against
// it.  Returns the job's checksum.
uint64_t lab_job(int nbatch);

#endif
