// Lab 25-forced: a solution.  A reference table stays live; each batch builds a list of
// records, sums what it finds in the table, and drops the list.  The job forces no
// collection: the pacer starts one when the heap has grown by GOGC per cent of what the
// last one found live, which here is many batches apart.
#include "gomm.h"
#include "forced.h"

typedef struct rec {
    struct rec *next;
    uint64_t key, val;
    uint8_t pad[40];
} rec;
GOMM_TYPE(recType, rec, offsetof(rec, next));
GOMM_TYPE(recRefType, rec *, 0);

enum { tableSize = 1 << 16, batchSize = 10000 };

static rec **table; // the reference data: live for the whole job

static void
buildTable(void)
{
    GOMM_STORE(table, (rec **)runtime_newarray(&recRefType, tableSize));
    for (uint64_t i = 0; i < tableSize; i++) {
        rec *r = runtime_new(&recType);
        r->key = i;
        r->val = i * 3 + 1;
        GOMM_STORE(table[i], r);
    }
}

__attribute__((noinline)) static uint64_t
processBatch(int b)
{
    rec *head = NULL; // a local: the stack is a root
    for (int i = 0; i < batchSize; i++) {
        rec *r = runtime_new(&recType);
        r->key = ((uint64_t)b * batchSize + (uint64_t)i) * 2654435761u % tableSize;
        GOMM_STORE(r->next, head);
        head = r;
    }
    uint64_t sum = 0;
    for (rec *r = head; r != NULL; r = r->next)
        sum += table[r->key]->val;
    return sum;
}

uint64_t
lab_job(int nbatch)
{
    buildTable();
    uint64_t sum = 0;
    for (int b = 0; b < nbatch; b++) {
        sum += processBatch(b);
    }
    return sum;
}
