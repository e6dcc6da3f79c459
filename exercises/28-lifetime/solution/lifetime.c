// Lab 28-lifetime: a reference solution.  One pass over the lines: the first tracealloc
// record with the address gives the size, the type and (from its stack) the function; after
// it, each tracegc() marker is a cycle, until the first tracefree record with the address.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lifetime.h"

// The next line of *p, without its newline, into line; 0 at the end of the text.
static int
nextLine(const char **p, char *line, size_t len)
{
    if (**p == '\0')
        return 0;
    size_t n = strcspn(*p, "\n");
    snprintf(line, len, "%.*s", (int)n, *p);
    *p += (*p)[n] == '\n' ? n + 1 : n; // past the newline, if any
    return 1;
}

// The record "name(0xADDR, 0xSIZE[, TYPE])" of line, if line starts with name.
static int
parseRecord(const char *line, const char *name, uintptr_t *addr, uint64_t *size, char *type, size_t typeLen)
{
    size_t k = strlen(name);
    if (strncmp(line, name, k) != 0 || line[k] != '(')
        return 0;
    char *end;
    *addr = (uintptr_t)strtoull(line + k + 1, &end, 16);
    if (*end != ',')
        return 0;
    *size = strtoull(end + 1, &end, 16);
    if (type != NULL) {
        type[0] = '\0';
        if (end[0] == ',' && end[1] == ' ')
            snprintf(type, typeLen, "%.*s", (int)strcspn(end + 2, ")"), end + 2);
    }
    return 1;
}

// The allocating function: in the stack that follows a record, frames are pairs of lines,
// "function(...)" then a tab and "file:line ..."; the first frame whose file is not the
// runtime's.
static void
allocatingFunction(const char **p, char *function, size_t len)
{
    char name[256], file[256];
    function[0] = '\0';
    if (!nextLine(p, name, sizeof name) || strncmp(name, "goroutine ", 10) != 0)
        return;
    while (nextLine(p, name, sizeof name) && name[0] != '\0' && nextLine(p, file, sizeof file)) {
        if (strncmp(file, "\ttangled/src/", 13) != 0) {
            snprintf(function, len, "%.*s", (int)strcspn(name, "("), name);
            return;
        }
    }
}

int
lab_lifetime(const char *trace, uintptr_t addr, lab_life *out)
{
    const char *p = trace;
    char line[512], type[64];
    uintptr_t a;
    uint64_t size;
    int found = 0, markers = 0;
    lab_life life;
    memset(&life, 0, sizeof life);
    while (nextLine(&p, line, sizeof line)) {
        if (!found) {
            if (parseRecord(line, "tracealloc", &a, &size, type, sizeof type) && a == addr) {
                found = 1;
                life.size = size;
                snprintf(life.type, sizeof life.type, "%s", type);
                allocatingFunction(&p, life.function, sizeof life.function);
            }
        } else if (strcmp(line, "tracegc()") == 0) {
            markers++;
        } else if (parseRecord(line, "tracefree", &a, &size, NULL, 0) && a == addr) {
            life.freed = 1;
            break;
        }
    }
    if (!found)
        return -1;
    // The cycle that found the object unreachable printed the last marker before its free.
    life.survived = life.freed && markers > 0 ? markers - 1 : markers;
    *out = life;
    return 0;
}
