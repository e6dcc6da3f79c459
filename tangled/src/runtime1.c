// tangled from chapters/01-memory.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// GODEBUG: the runtime's debugging switches (Go's runtime1.go).
#include <stdlib.h>
#include <string.h>
#include "runtime.h"

struct debugVars debug;
int64 MemProfileRate = 512 * 1024;

static const struct {
    const char *name;
    int32 *value;
} dbgvars[] = {
    {"allocfreetrace", &debug.allocfreetrace},
    {"clobberfree", &debug.clobberfree},
    {"efence", &debug.efence},
    {"gccheckmark", &debug.gccheckmark},
    {"gcpacertrace", &debug.gcpacertrace},
    {"gcstoptheworld", &debug.gcstoptheworld},
    {"gctrace", &debug.gctrace},
    {"invalidptr", &debug.invalidptr},
    {"madvdontneed", &debug.madvdontneed},
    {"sbrk", &debug.sbrk},
    {"scavtrace", &debug.scavtrace},
    {"harddecommit", &debug.harddecommit},
};
bool
atoi64(const char *s, size_t len, int64 *out)
{
    if (len == 0)
        return false;
    bool neg = false;
    if (s[0] == '-') {
        neg = true;
        s++, len--;
    }
    uint64 un = 0;
    const uint64 max = (uint64)INT64_MAX + neg;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        uint64 d = (uint64)(s[i] - '0');
        if (un > (max - d) / 10)
            return false;
        un = un * 10 + d;
    }
    *out = neg ? (int64)(0 - un) : (int64)un;
    return true;
}
void
parsedebugvars(void)
{
    memset(&debug, 0, sizeof debug);
    debug.invalidptr = 1;
    debug.madvdontneed = 1; // Linux: RSS drops at once, which monitoring expects
    const char *p = getenv("GODEBUG");
    while (p != NULL && *p != '\0') {
        const char *comma = strchr(p, ',');
        size_t flen = comma ? (size_t)(comma - p) : strlen(p);
        const char *eq = memchr(p, '=', flen);
        if (eq != NULL) {
            size_t klen = (size_t)(eq - p), vlen = flen - klen - 1;
            int64 n;
            if (klen == strlen("memprofilerate") && memcmp(p, "memprofilerate", klen) == 0) {
                if (atoi64(eq + 1, vlen, &n))
                    MemProfileRate = n;
            } else {
                for (size_t i = 0; i < sizeof dbgvars / sizeof dbgvars[0]; i++)
                    if (strlen(dbgvars[i].name) == klen && memcmp(dbgvars[i].name, p, klen) == 0
                        && atoi64(eq + 1, vlen, &n) && n >= INT32_MIN && n <= INT32_MAX)
                        *dbgvars[i].value = (int32)n;
            }
        }
        p = comma ? comma + 1 : NULL;
    }
    debug.malloc = (debug.allocfreetrace | debug.sbrk) != 0;
}
