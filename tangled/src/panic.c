// tangled from chapters/01-memory.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Fatal errors: print and throw (Go's panic.go and print.go).
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>
#include "runtime.h"

void
print(const char *format, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, format);
    int n = vsnprintf(buf, sizeof buf, format, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n >= sizeof buf)
        n = sizeof buf - 1;
    for (char *p = buf; n > 0;) {
        ssize_t w = write(2, p, n);
        if (w <= 0)
            break;
        p += w;
        n -= w;
    }
}
_Noreturn void
throw(const char *s)
{
    print("fatal error: %s\n", s);
    _exit(2);
}
