// tangled from chapters/01-memory.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Start-up, threads and P's (Go's proc.go).
#include <pthread.h>
#include <stdlib.h>
#include "runtime.h"

void
schedinit(void)
{
    parsedebugvars();
    mallocinit();
    {
        int32 procs = ncpu;
        const char *env = getenv("GOMAXPROCS");
        int64 n;
        if (env != NULL && atoi64(env, strlen(env), &n) && n <= INT32_MAX && n > 0)
            procs = n > maxGomaxprocs ? maxGomaxprocs : (int32)n;
        procresize(procs);
        acquirep();
    }
}

__attribute__((constructor(101))) static void
rt0_go(void)
{
    osinit();
    schedinit();
}

const char runtime_buildVersion[] = "go1.19.8 gomm/0.1";

const char *
runtime_Version(void)
{
    return runtime_buildVersion;
}

int
runtime_NumCPU(void)
{
    return ncpu;
}

__thread struct m m_tls;
struct p **allp;
uint32 nallp;
int32 gomaxprocs;

static struct {
    mutex lock;
    struct p *pidle; // idle P's
    uint32 npidle;
    int64 mnext;     // the id of the next M
    uint32 capallp;
} sched;

static struct p *
newp(int32 id)
{
    struct p *pp = persistentalloc(sizeof(struct p), cacheLinePadSize, &memstats.other_sys);
    pp->id = id;
    pp->status = _Pidle;
    pp->mcache = allocmcache();
    return pp;
}

static struct p *appendp(void);

int32
procresize(int32 nprocs)
{
    lock(&sched.lock);
    while ((int32)nallp < nprocs) {
        struct p *pp = appendp();
        pp->link = sched.pidle;
        sched.pidle = pp;
        sched.npidle++;
    }
    int32 prev = gomaxprocs;
    gomaxprocs = nprocs;
    unlock(&sched.lock);
    return prev;
}

static struct p *
appendp(void)
{
    if (nallp == sched.capallp) {
        uint32 ncap = sched.capallp ? 2 * sched.capallp : 8;
        struct p **na = persistentalloc(ncap * sizeof(struct p *), 0, &memstats.other_sys);
        for (uint32 i = 0; i < nallp; i++)
            na[i] = allp[i];
        __atomic_store_n(&allp, na, __ATOMIC_SEQ_CST);
        sched.capallp = ncap;
    }
    struct p *pp = newp((int32)nallp);
    allp[nallp] = pp;
    __atomic_store_n(&nallp, nallp + 1, __ATOMIC_SEQ_CST);
    return pp;
}
static pthread_key_t mexitKey;
static pthread_once_t mexitOnce = PTHREAD_ONCE_INIT;

static void
mexit(void *arg)
{
    (void)arg;
    struct m *mp = getm();
    mp->registered = false;
    if (mp->p != NULL)
        releasep();
}

static void
mexitInit(void)
{
    if (pthread_key_create(&mexitKey, mexit) != 0)
        throw("runtime: cannot create the thread-exit key");
}

struct p *
acquirep(void)
{
    struct m *mp = getm();
    if (mp->p != NULL)
        return mp->p;
    if (!mp->registered) {
        pthread_once(&mexitOnce, mexitInit);
        pthread_setspecific(mexitKey, mp);
        mp->registered = true;
    }
    lock(&sched.lock);
    if (mp->id == 0)
        mp->id = ++sched.mnext;
    struct p *pp = NULL, **link = NULL;
    for (struct p **l = &sched.pidle; *l != NULL; l = &(*l)->link)
        if (pp == NULL || (*l)->id < pp->id)
            pp = *l, link = l;
    if (pp != NULL) {
        *link = pp->link;
        pp->link = NULL;
        sched.npidle--;
    } else {
        pp = appendp();
    }
    pp->status = _Prunning;
    pp->m = mp;
    mp->p = pp;
    unlock(&sched.lock);
    // The sweeper's hook: flush a cache that missed a sweep
    return pp;
}

void
releasep(void)
{
    struct m *mp = getm();
    struct p *pp = mp->p;
    if (pp == NULL || pp->m != mp || pp->status != _Prunning) {
        print("releasep: m=%p m->p=%p p->m=%p p->status=%u\n", (void *)mp, (void *)pp,
              pp ? (void *)pp->m : NULL, pp ? pp->status : 0);
        throw("releasep: invalid p state");
    }
    lock(&sched.lock);
    mp->p = NULL;
    pp->m = NULL;
    pp->status = _Pidle;
    pp->link = sched.pidle;
    sched.pidle = pp;
    sched.npidle++;
    unlock(&sched.lock);
}
int
runtime_GOMAXPROCS(int n)
{
    if (n < 1) {
        lock(&sched.lock);
        int prev = gomaxprocs;
        unlock(&sched.lock);
        return prev;
    }
    return procresize(n > maxGomaxprocs ? maxGomaxprocs : n);
}

void
runtime_ThreadAttach(void)
{
    acquirep();
}

void
runtime_ThreadDetach(void)
{
    if (getm()->p != NULL)
        releasep();
}
