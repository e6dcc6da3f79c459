// tangled from chapters/05-zz-stub.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
#include "runtime.h"
void pageAlloc_init(pageAlloc *p, mutex *l, sysMemStat *s) { (void)s; p->l = l; }
uintptr pageAlloc_alloc(pageAlloc *p, uintptr npages, uintptr *scav) {
  *scav = 0; if (p->base + npages*pageSize > p->end) return 0; uintptr b = p->base; p->base += npages*pageSize; *scav = npages*pageSize; return b; }
void pageAlloc_grow(pageAlloc *p, uintptr base, uintptr size) { if (base != p->end) p->base = base; p->end = base + size; }
pageCache pageAlloc_allocToCache(pageAlloc *p) { pageCache c = {0,0,0}; uintptr scav; c.base = pageAlloc_alloc(p, 64, &scav); if (c.base) { c.cache = ~(uint64)0; c.scav = ~(uint64)0; } return c; }
uintptr pageCache_alloc(pageCache *c, uintptr npages, uintptr *scav) {
  *scav = 0; for (unsigned i = 0; i + npages <= 64; i++) { uint64 m = (npages == 64 ? ~(uint64)0 : (((uint64)1 << npages) - 1)) << i; if ((c->cache & m) == m) { c->cache &= ~m; *scav = npages * pageSize; return c->base + i * pageSize; } } return 0; }
