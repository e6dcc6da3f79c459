// Exercise 01-sysmem: the four states of address space, from scratch.
// Implement these in sysmem.c with mmap, madvise and munmap only (not with
// libgomm's sys* functions).  Sizes and addresses are multiples of the
// physical page size unless a comment says otherwise.
#ifndef EX_SYSMEM_H
#define EX_SYSMEM_H
#include <stdint.h>

// The two counts of chapter 1: bytes mapped for this subsystem (like a
// sysMemStat) and bytes in the Ready state (like gcController.mappedReady).
typedef struct {
    uint64_t stat;
    uint64_t ready;
} ex_accounts;

// None -> Reserved: n bytes anywhere the kernel likes; NULL on failure.
void *ex_reserve(uintptr_t n);
// Reserved -> Prepared: readable and writable; charged to a->stat.
void ex_map(ex_accounts *a, void *v, uintptr_t n);
// Prepared -> Ready: counted in a->ready.
void ex_used(ex_accounts *a, void *v, uintptr_t n);
// Ready -> Prepared: the pages go back to the kernel at once (RSS drops)
// and read as zero afterwards.  If v or n is not page-aligned, change
// nothing and return -1; otherwise return 0.
int ex_unused(ex_accounts *a, void *v, uintptr_t n);
// Ready -> None.
void ex_free(ex_accounts *a, void *v, uintptr_t n);

#endif
