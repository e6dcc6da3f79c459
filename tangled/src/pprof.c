// tangled from chapters/23-mprof.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Writing heap profiles as runtime/pprof does: profile.proto in gzip, and the text form.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include "runtime.h"

// The shortest "%g" form that reads back as x: what Go's %v prints for a float64.
static const char *
shortestFloat(double x, char *buf, size_t len)
{
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, len, "%.*g", prec, x);
        if (strtod(buf, NULL) == x)
            break;
    }
    return buf;
}
static void printStackRecord(FILE *w, const uintptr_t *stk, int n);
static int
byInUse(const void *a, const void *b)
{
    const runtime_MemProfileRecord *x = a, *y = b;
    int64_t ix = x->AllocBytes - x->FreeBytes, iy = y->AllocBytes - y->FreeBytes;
    return ix > iy ? -1 : ix < iy;
}

static runtime_MemProfileRecord *
readMemProfile(int *n)
{
    int ok = 0;
    runtime_MemProfileRecord *p = NULL;
    *n = runtime_MemProfile(NULL, 0, 1, &ok);
    for (;;) {
        free(p);
        p = calloc((size_t)*n + 50, sizeof *p);
        if (p == NULL)
            throw("pprof: out of memory");
        *n = runtime_MemProfile(p, *n + 50, 1, &ok);
        if (ok)
            return p;
    }
}

static void
writeHeapText(FILE *out)
{
    char *text = NULL;
    size_t textLen = 0;
    FILE *w = open_memstream(&text, &textLen);
    if (w == NULL)
        throw("pprof: out of memory");
    runtime_MemStats s;
    runtime_ReadMemStats(&s);
    char fbuf[32];
    int n;
    runtime_MemProfileRecord *p = readMemProfile(&n);
    qsort(p, (size_t)n, sizeof *p, byInUse);
    runtime_MemProfileRecord total = {0};
    for (int i = 0; i < n; i++) {
        total.AllocBytes += p[i].AllocBytes;
        total.AllocObjects += p[i].AllocObjects;
        total.FreeBytes += p[i].FreeBytes;
        total.FreeObjects += p[i].FreeObjects;
    }
    int rate = runtime_SetMemProfileRate(-1);
    fprintf(w, "heap profile: %lld: %lld [%lld: %lld] @ heap/%d\n",
            (long long)(total.AllocObjects - total.FreeObjects), (long long)(total.AllocBytes - total.FreeBytes),
            (long long)total.AllocObjects, (long long)total.AllocBytes, 2 * rate);
    for (int i = 0; i < n; i++) {
        runtime_MemProfileRecord *r = &p[i];
        fprintf(w, "%lld: %lld [%lld: %lld] @", (long long)(r->AllocObjects - r->FreeObjects),
                (long long)(r->AllocBytes - r->FreeBytes), (long long)r->AllocObjects, (long long)r->AllocBytes);
        for (int k = 0; k < 32 && r->Stack0[k] != 0; k++)
            fprintf(w, " %#lx", (unsigned long)r->Stack0[k]);
        fprintf(w, "\n");
        int nstk = 0;
        while (nstk < 32 && r->Stack0[nstk] != 0)
            nstk++;
        printStackRecord(w, r->Stack0, nstk);
    }
    fprintf(w, "\n# runtime.MemStats\n");
    fprintf(w, "# Alloc = %llu\n", (unsigned long long)s.Alloc);
    fprintf(w, "# TotalAlloc = %llu\n", (unsigned long long)s.TotalAlloc);
    fprintf(w, "# Sys = %llu\n", (unsigned long long)s.Sys);
    fprintf(w, "# Lookups = %llu\n", (unsigned long long)s.Lookups);
    fprintf(w, "# Mallocs = %llu\n", (unsigned long long)s.Mallocs);
    fprintf(w, "# Frees = %llu\n", (unsigned long long)s.Frees);
    fprintf(w, "# HeapAlloc = %llu\n", (unsigned long long)s.HeapAlloc);
    fprintf(w, "# HeapSys = %llu\n", (unsigned long long)s.HeapSys);
    fprintf(w, "# HeapIdle = %llu\n", (unsigned long long)s.HeapIdle);
    fprintf(w, "# HeapInuse = %llu\n", (unsigned long long)s.HeapInuse);
    fprintf(w, "# HeapReleased = %llu\n", (unsigned long long)s.HeapReleased);
    fprintf(w, "# HeapObjects = %llu\n", (unsigned long long)s.HeapObjects);
    fprintf(w, "# Stack = %llu / %llu\n", (unsigned long long)s.StackInuse, (unsigned long long)s.StackSys);
    fprintf(w, "# MSpan = %llu / %llu\n", (unsigned long long)s.MSpanInuse, (unsigned long long)s.MSpanSys);
    fprintf(w, "# MCache = %llu / %llu\n", (unsigned long long)s.MCacheInuse, (unsigned long long)s.MCacheSys);
    fprintf(w, "# BuckHashSys = %llu\n", (unsigned long long)s.BuckHashSys);
    fprintf(w, "# GCSys = %llu\n", (unsigned long long)s.GCSys);
    fprintf(w, "# OtherSys = %llu\n", (unsigned long long)s.OtherSys);
    fprintf(w, "# NextGC = %llu\n", (unsigned long long)s.NextGC);
    fprintf(w, "# LastGC = %llu\n", (unsigned long long)s.LastGC);
    fprintf(w, "# PauseNs = [");
    for (int i = 0; i < 256; i++)
        fprintf(w, i == 0 ? "%llu" : " %llu", (unsigned long long)s.PauseNs[i]);
    fprintf(w, "]\n");
    fprintf(w, "# PauseEnd = [");
    for (int i = 0; i < 256; i++)
        fprintf(w, i == 0 ? "%llu" : " %llu", (unsigned long long)s.PauseEnd[i]);
    fprintf(w, "]\n");
    fprintf(w, "# NumGC = %u\n", s.NumGC);
    fprintf(w, "# NumForcedGC = %u\n", s.NumForcedGC);
    fprintf(w, "# GCCPUFraction = %s\n", shortestFloat(s.GCCPUFraction, fbuf, sizeof fbuf));
    fprintf(w, "# DebugGC = false\n");
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    fprintf(w, "# MaxRSS = %llu\n", (unsigned long long)ru.ru_maxrss * 1024);
    free(p);
    fclose(w);
    tabwriterCopy(out, text, textLen);
    free(text);
}
// One frame a line, as Go's printStackRecord, then a blank line.
static void
printStackRecord(FILE *w, const uintptr_t *stk, int n)
{
    runtime_Frames frames = runtime_CallersFrames(stk, n);
    for (int more = n > 0; more;) {
        runtime_Frame f;
        more = runtime_Frames_Next(&frames, &f);
        if (f.Function == NULL)
            fprintf(w, "#\t%#lx\n", (unsigned long)f.PC);
        else
            fprintf(w, "#\t%#lx\t%s+%#lx\t%s:%d\n", (unsigned long)f.PC, f.Function,
                    (unsigned long)(f.PC - f.Entry), f.File != NULL ? f.File : "?", f.Line);
    }
    fprintf(w, "\n");
}
typedef struct twCell {
    const char *text;
    int size;
} twCell;

typedef struct twLine {
    twCell *cells; // the last one is the text after the last tab
    int n;
} twLine;

enum { twMinWidth = 1, twTabWidth = 8, twPadding = 1 };

static void
twWriteLines(FILE *w, const twLine *lines, int line0, int line1, const int *widths, int nwidths)
{
    for (int i = line0; i < line1; i++) {
        for (int j = 0; j < lines[i].n; j++) {
            const twCell *c = &lines[i].cells[j];
            fwrite(c->text, 1, (size_t)c->size, w);
            if (j < nwidths) {
                int cellw = (widths[j] + twTabWidth - 1) / twTabWidth * twTabWidth;
                for (int t = (cellw - c->size + twTabWidth - 1) / twTabWidth; t > 0; t--)
                    fputc('\t', w);
            }
        }
        fputc('\n', w);
    }
}

// Go's Writer.format: lay out lines [line0, line1) given the widths of the columns to the left.
static void
twFormat(FILE *w, const twLine *lines, int line0, int line1, int *widths, int nwidths)
{
    int column = nwidths;
    for (int this = line0; this < line1; this++) {
        if (column >= lines[this].n - 1)
            continue;
        twWriteLines(w, lines, line0, this, widths, nwidths);
        line0 = this;
        int width = twMinWidth;
        for (; this < line1 && column < lines[this].n - 1; this++)
            if (lines[this].cells[column].size + twPadding > width)
                width = lines[this].cells[column].size + twPadding;
        widths[nwidths] = width;
        twFormat(w, lines, line0, this, widths, nwidths + 1);
        line0 = this;
        this--; // the loop's increment: look at the line that ended the block again
    }
    twWriteLines(w, lines, line0, line1, widths, nwidths);
}

// Writes text, lines ending in newlines, to w as Go's tabwriter would lay it out.
void
tabwriterCopy(FILE *w, const char *text, size_t len)
{
    int nlines = 0, maxCells = 1;
    for (size_t i = 0; i < len; i++)
        nlines += text[i] == '\n';
    twLine *lines = calloc((size_t)nlines + 1, sizeof *lines);
    twCell *cells = calloc(len + (size_t)nlines + 1, sizeof *cells);
    if (lines == NULL || cells == NULL)
        throw("pprof: out of memory");
    const char *p = text, *end = text + len;
    twCell *next = cells;
    for (int l = 0; l < nlines; l++) {
        lines[l].cells = next;
        for (;;) {
            const char *q = p;
            while (q < end && *q != '\t' && *q != '\n')
                q++;
            *next++ = (twCell){p, (int)(q - p)};
            lines[l].n++;
            p = q + 1;
            if (q >= end || *q == '\n')
                break;
        }
        if (lines[l].n > maxCells)
            maxCells = lines[l].n;
    }
    int *widths = calloc((size_t)maxCells + 1, sizeof *widths);
    if (widths == NULL)
        throw("pprof: out of memory");
    twFormat(w, lines, 0, nlines, widths, 0);
    free(widths);
    free(cells);
    free(lines);
}
// e^-x for x >= 0, without the math library: e^x = 2^k e^r with r in [0, ln 2).
static double
expNeg(double x)
{
    if (x > 700)
        return 0;
    const double ln2 = 0.6931471805599453;
    int k = (int)(x / ln2);
    double r = x - k * ln2, term = 1, sum = 1;
    for (int i = 1; i < 25; i++) {
        term *= r / i;
        sum += term;
    }
    while (k-- > 0)
        sum *= 2;
    return 1 / sum;
}

static void
scaleHeapSample(int64_t count, int64_t size, int64_t rate, int64_t *outCount, int64_t *outSize)
{
    if (count == 0 || size == 0) {
        *outCount = *outSize = 0;
        return;
    }
    if (rate <= 1) {
        *outCount = count;
        *outSize = size;
        return;
    }
    double avgSize = (double)size / (double)count;
    double scale = 1 / (1 - expNeg(avgSize / (double)rate));
    *outCount = (int64_t)((double)count * scale);
    *outSize = (int64_t)((double)size * scale);
}
typedef struct pbuf {
    uint8_t *data;
    size_t len, cap;
} pbuf;

static void
pbuf_grow(pbuf *b, size_t n)
{
    if (b->len + n <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + n)
        cap *= 2;
    uint8_t *d = realloc(b->data, cap);
    if (d == NULL)
        throw("pprof: out of memory");
    b->data = d;
    b->cap = cap;
}

static void
pbuf_varint(pbuf *b, uint64_t x)
{
    pbuf_grow(b, 10);
    while (x >= 0x80) {
        b->data[b->len++] = (uint8_t)(x | 0x80);
        x >>= 7;
    }
    b->data[b->len++] = (uint8_t)x;
}

static void
pbuf_length(pbuf *b, int tag, size_t len)
{
    pbuf_varint(b, (uint64_t)tag << 3 | 2);
    pbuf_varint(b, len);
}

static void
pbuf_uint64(pbuf *b, int tag, uint64_t x)
{
    pbuf_varint(b, (uint64_t)tag << 3);
    pbuf_varint(b, x);
}

static void
pbuf_uint64Opt(pbuf *b, int tag, uint64_t x)
{
    if (x != 0)
        pbuf_uint64(b, tag, x);
}

static void
pbuf_uint64s(pbuf *b, int tag, const uint64_t *x, size_t n)
{
    if (n > 2) {
        pbuf tmp = {0};
        for (size_t i = 0; i < n; i++)
            pbuf_varint(&tmp, x[i]);
        pbuf_length(b, tag, tmp.len);
        pbuf_grow(b, tmp.len);
        memcpy(b->data + b->len, tmp.data, tmp.len);
        b->len += tmp.len;
        free(tmp.data);
        return;
    }
    for (size_t i = 0; i < n; i++)
        pbuf_uint64(b, tag, x[i]);
}

static void
pbuf_string(pbuf *b, int tag, const char *s)
{
    size_t n = strlen(s);
    pbuf_length(b, tag, n);
    pbuf_grow(b, n);
    memcpy(b->data + b->len, s, n);
    b->len += n;
}

static size_t
pbuf_startMessage(pbuf *b)
{
    return b->len;
}

static void
pbuf_endMessage(pbuf *b, int tag, size_t start)
{
    size_t n = b->len - start;
    pbuf hdr = {0};
    pbuf_length(&hdr, tag, n);
    pbuf_grow(b, hdr.len);
    memmove(b->data + start + hdr.len, b->data + start, n);
    memcpy(b->data + start, hdr.data, hdr.len);
    b->len += hdr.len;
    free(hdr.data);
}
static uint32_t
crc32Update(uint32_t crc, const uint8_t *p, size_t n)
{
    static uint32_t table[256];
    static int ready; // (atomic)
    if (!__atomic_load_n(&ready, __ATOMIC_ACQUIRE)) {
        for (uint32_t i = 0; i < 256; i++) {
            uint32_t c = i;
            for (int k = 0; k < 8; k++)
                c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        __atomic_store_n(&ready, 1, __ATOMIC_RELEASE);
    }
    crc = ~crc;
    for (size_t i = 0; i < n; i++)
        crc = table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
    return ~crc;
}

static int
writeGzipStored(FILE *w, const uint8_t *data, size_t n)
{
    static const uint8_t header[10] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255};
    if (fwrite(header, 1, sizeof header, w) != sizeof header)
        return -1;
    size_t off = 0;
    do {
        size_t len = n - off > 65535 ? 65535 : n - off;
        uint8_t hdr[5] = {off + len == n ? 1 : 0, (uint8_t)len, (uint8_t)(len >> 8), (uint8_t)~len,
                          (uint8_t)(~len >> 8)};
        if (fwrite(hdr, 1, 5, w) != 5 || fwrite(data + off, 1, len, w) != len)
            return -1;
        off += len;
    } while (off < n);
    uint32_t crc = crc32Update(0, data, n), size = (uint32_t)n;
    uint8_t trailer[8] = {(uint8_t)crc, (uint8_t)(crc >> 8), (uint8_t)(crc >> 16), (uint8_t)(crc >> 24),
                          (uint8_t)size, (uint8_t)(size >> 8), (uint8_t)(size >> 16), (uint8_t)(size >> 24)};
    return fwrite(trailer, 1, 8, w) == 8 ? 0 : -1;
}
typedef struct mapping {
    uint64_t start, end, offset;
    char file[512];
} mapping;

static int
readMappings(mapping *m, int max)
{
    FILE *f = fopen("/proc/self/maps", "r");
    if (f == NULL)
        return 0;
    int n = 0;
    char line[1024];
    while (n < max && fgets(line, sizeof line, f) != NULL) {
        unsigned long long lo, hi, off;
        char perm[8], path[512] = "";
        if (sscanf(line, "%llx-%llx %7s %llx %*s %*s %511[^\n]", &lo, &hi, perm, &off, path) < 4)
            continue;
        if (perm[2] != 'x' || path[0] == '\0')
            continue;
        char *deleted = strstr(path, " (deleted)");
        if (deleted != NULL)
            *deleted = '\0';
        m[n] = (mapping){lo, hi, off, ""};
        snprintf(m[n].file, sizeof m[n].file, "%s", path);
        n++;
    }
    fclose(f);
    return n;
}
enum {
    tagProfile_SampleType = 1, tagProfile_Sample = 2, tagProfile_Mapping = 3, tagProfile_Location = 4,
    tagProfile_StringTable = 6, tagProfile_TimeNanos = 9, tagProfile_PeriodType = 11, tagProfile_Period = 12,
    tagProfile_DefaultSampleType = 14,
    tagValueType_Type = 1, tagValueType_Unit = 2,
    tagSample_Location = 1, tagSample_Value = 2, tagSample_Label = 3,
    tagLabel_Key = 1, tagLabel_Str = 2, tagLabel_Num = 3,
    tagProfile_Function = 5,
    tagMapping_ID = 1, tagMapping_Start = 2, tagMapping_Limit = 3, tagMapping_Offset = 4,
    tagMapping_Filename = 5, tagMapping_BuildID = 6, tagMapping_HasFunctions = 7, tagMapping_HasFilenames = 8,
    tagMapping_HasLineNumbers = 9,
    tagLocation_ID = 1, tagLocation_MappingID = 2, tagLocation_Address = 3, tagLocation_Line = 4,
    tagLine_FunctionID = 1, tagLine_Line = 2,
    tagFunction_ID = 1, tagFunction_Name = 2, tagFunction_SystemName = 3, tagFunction_Filename = 4,
};

typedef struct profileBuilder {
    pbuf pb;
    const char **strings;
    size_t nstrings, capstrings;
    uintptr_t *locs; // locs[i] is the address of location i+1
    size_t nlocs, caplocs;
    mapping maps[128];
    bool mapFuncs[128], mapFiles[128]; // some location of the mapping has a name, a file and line
    int nmaps;
    const char **funcs; // funcs[i] and funcFiles[i]: function i+1's name and file
    const char **funcFiles;
    size_t nfuncs, capfuncs;
} profileBuilder;

static int64_t
stringIndex(profileBuilder *b, const char *s)
{
    for (size_t i = 0; i < b->nstrings; i++)
        if (strcmp(b->strings[i], s) == 0)
            return (int64_t)i;
    if (b->nstrings == b->capstrings) {
        b->capstrings = b->capstrings ? 2 * b->capstrings : 64;
        b->strings = realloc(b->strings, b->capstrings * sizeof *b->strings);
        if (b->strings == NULL)
            throw("pprof: out of memory");
    }
    b->strings[b->nstrings] = s;
    return (int64_t)b->nstrings++;
}

static void
pbValueType(profileBuilder *b, int tag, const char *type, const char *unit)
{
    size_t start = pbuf_startMessage(&b->pb);
    pbuf_uint64Opt(&b->pb, tagValueType_Type, (uint64_t)stringIndex(b, type));
    pbuf_uint64Opt(&b->pb, tagValueType_Unit, (uint64_t)stringIndex(b, unit));
    pbuf_endMessage(&b->pb, tag, start);
}

// The function ID of (name, file), written to the profile when first seen.
static uint64_t
functionFor(profileBuilder *b, const char *name, const char *file)
{
    for (size_t i = 0; i < b->nfuncs; i++)
        if (strcmp(b->funcs[i], name) == 0 && strcmp(b->funcFiles[i], file) == 0)
            return i + 1;
    if (b->nfuncs == b->capfuncs) {
        b->capfuncs = b->capfuncs ? 2 * b->capfuncs : 256;
        b->funcs = realloc(b->funcs, b->capfuncs * sizeof *b->funcs);
        b->funcFiles = realloc(b->funcFiles, b->capfuncs * sizeof *b->funcFiles);
        if (b->funcs == NULL || b->funcFiles == NULL)
            throw("pprof: out of memory");
    }
    b->funcs[b->nfuncs] = name;
    b->funcFiles[b->nfuncs] = file;
    uint64_t id = ++b->nfuncs;
    size_t start = pbuf_startMessage(&b->pb);
    pbuf_uint64Opt(&b->pb, tagFunction_ID, id);
    pbuf_uint64Opt(&b->pb, tagFunction_Name, (uint64_t)stringIndex(b, name));
    pbuf_uint64Opt(&b->pb, tagFunction_SystemName, (uint64_t)stringIndex(b, name));
    pbuf_uint64Opt(&b->pb, tagFunction_Filename, (uint64_t)stringIndex(b, file));
    pbuf_endMessage(&b->pb, tagProfile_Function, start);
    return id;
}

// The location ID of return address ret (the call is at ret-1), written when first seen.
static uint64_t
locationFor(profileBuilder *b, uintptr_t ret)
{
    uintptr_t addr = ret - 1;
    for (size_t i = 0; i < b->nlocs; i++)
        if (b->locs[i] == addr)
            return i + 1;
    if (b->nlocs == b->caplocs) {
        b->caplocs = b->caplocs ? 2 * b->caplocs : 256;
        b->locs = realloc(b->locs, b->caplocs * sizeof *b->locs);
        if (b->locs == NULL)
            throw("pprof: out of memory");
    }
    b->locs[b->nlocs++] = addr;
    uint64_t id = b->nlocs, mappingID = 0;
    for (int m = 0; m < b->nmaps; m++)
        if (addr >= b->maps[m].start && addr < b->maps[m].end)
            mappingID = (uint64_t)m + 1;
    runtime_Frames frames = runtime_CallersFrames(&ret, 1);
    runtime_Frame f;
    runtime_Frames_Next(&frames, &f);
    uint64_t funcID = 0;
    if (f.Function != NULL) {
        funcID = functionFor(b, f.Function, f.File != NULL ? f.File : "");
        if (mappingID != 0) {
            b->mapFuncs[mappingID - 1] = true;
            b->mapFiles[mappingID - 1] |= f.File != NULL;
        }
    }
    size_t start = pbuf_startMessage(&b->pb);
    pbuf_uint64Opt(&b->pb, tagLocation_ID, id);
    pbuf_uint64Opt(&b->pb, tagLocation_MappingID, mappingID);
    pbuf_uint64Opt(&b->pb, tagLocation_Address, addr);
    if (funcID != 0) {
        size_t lstart = pbuf_startMessage(&b->pb);
        pbuf_uint64Opt(&b->pb, tagLine_FunctionID, funcID);
        pbuf_uint64Opt(&b->pb, tagLine_Line, (uint64_t)f.Line);
        pbuf_endMessage(&b->pb, tagLocation_Line, lstart);
    }
    pbuf_endMessage(&b->pb, tagProfile_Location, start);
    return id;
}
static int
finishProfile(FILE *w, profileBuilder *b)
{
    for (int m = 0; m < b->nmaps; m++) {
        size_t start = pbuf_startMessage(&b->pb);
        pbuf_uint64Opt(&b->pb, tagMapping_ID, (uint64_t)m + 1);
        pbuf_uint64Opt(&b->pb, tagMapping_Start, b->maps[m].start);
        pbuf_uint64Opt(&b->pb, tagMapping_Limit, b->maps[m].end);
        pbuf_uint64Opt(&b->pb, tagMapping_Offset, b->maps[m].offset);
        pbuf_uint64Opt(&b->pb, tagMapping_Filename, (uint64_t)stringIndex(b, b->maps[m].file));
        pbuf_uint64Opt(&b->pb, tagMapping_HasFunctions, b->mapFuncs[m]);
        pbuf_uint64Opt(&b->pb, tagMapping_HasFilenames, b->mapFiles[m]);
        pbuf_uint64Opt(&b->pb, tagMapping_HasLineNumbers, b->mapFiles[m]);
        pbuf_endMessage(&b->pb, tagProfile_Mapping, start);
    }
    for (size_t i = 0; i < b->nstrings; i++)
        pbuf_string(&b->pb, tagProfile_StringTable, b->strings[i]);
    int err = writeGzipStored(w, b->pb.data, b->pb.len);
    free(b->pb.data);
    free(b->strings);
    free(b->locs);
    free(b->funcs);
    free(b->funcFiles);
    return err;
}
typedef struct countedStack {
    const uintptr_t *stk;
    int n, count;
} countedStack;

static int
byCount(const void *a, const void *b)
{
    const countedStack *x = a, *y = b;
    return y->count - x->count;
}

// The distinct stacks among n (stacks[i] of lens[i] frames), with their counts, most first.
static countedStack *
countStacks(const uintptr_t *const *stacks, const int *lens, int n, int *nout)
{
    countedStack *c = calloc((size_t)n + 1, sizeof *c);
    if (c == NULL)
        throw("pprof: out of memory");
    int m = 0;
    for (int i = 0; i < n; i++) {
        int j = 0;
        while (j < m && !(c[j].n == lens[i] && memcmp(c[j].stk, stacks[i], (size_t)lens[i] * sizeof(uintptr_t)) == 0))
            j++;
        if (j == m)
            c[m++] = (countedStack){stacks[i], lens[i], 0};
        c[j].count++;
    }
    qsort(c, (size_t)m, sizeof *c, byCount);
    *nout = m;
    return c;
}

static int
writeCountProfile(FILE *w, const char *name, const uintptr_t *const *stacks, const int *lens, int n, int debug)
{
    int m;
    countedStack *c = countStacks(stacks, lens, n, &m);
    int err = 0;
    if (debug > 0) {
        char *text = NULL;
        size_t textLen = 0;
        FILE *tw = open_memstream(&text, &textLen);
        if (tw == NULL)
            throw("pprof: out of memory");
        fprintf(tw, "%s profile: total %d\n", name, n);
        for (int i = 0; i < m; i++) {
            fprintf(tw, "%d @", c[i].count);
            for (int k = 0; k < c[i].n; k++)
                fprintf(tw, " %#lx", (unsigned long)c[i].stk[k]);
            fprintf(tw, "\n");
            printStackRecord(tw, c[i].stk, c[i].n);
        }
        fclose(tw);
        tabwriterCopy(w, text, textLen);
        free(text);
    } else {
        profileBuilder b = {0};
        stringIndex(&b, "");
        b.nmaps = readMappings(b.maps, 128);
        pbValueType(&b, tagProfile_PeriodType, name, "count");
        pbuf_uint64Opt(&b.pb, tagProfile_Period, 1);
        pbValueType(&b, tagProfile_SampleType, name, "count");
        uint64_t locs[64];
        for (int i = 0; i < m; i++) {
            size_t nlocs = 0;
            for (int k = 0; k < c[i].n && k < 64; k++)
                locs[nlocs++] = locationFor(&b, c[i].stk[k]);
            uint64_t v = (uint64_t)c[i].count;
            size_t start = pbuf_startMessage(&b.pb);
            pbuf_uint64s(&b.pb, tagSample_Value, &v, 1);
            pbuf_uint64s(&b.pb, tagSample_Location, locs, nlocs);
            pbuf_endMessage(&b.pb, tagProfile_Sample, start);
        }
        err = finishProfile(w, &b);
    }
    free(c);
    return err;
}

// Go's traceback of every thread, with its status and where it started.
static void
writeThreadStacks(FILE *w, const threadRecord *t, int n)
{
    for (int i = 0; i < n; i++) {
        fprintf(w, "%sgoroutine %lld [%s]:\n", i > 0 ? "\n" : "", (long long)t[i].id, t[i].status);
        runtime_Frames frames = runtime_CallersFrames(t[i].stack, t[i].nstack);
        for (int k = 0; k < t[i].nstack; k++) {
            runtime_Frame f;
            runtime_Frames_Next(&frames, &f);
            if (f.Function == NULL)
                fprintf(w, "?(...)\n\t?:0 pc=%#lx\n", (unsigned long)t[i].stack[k]);
            else
                fprintf(w, "%s(...)\n\t%s:%d +%#lx\n", f.Function, f.File ? f.File : "?", f.Line,
                        (unsigned long)(t[i].stack[k] - f.Entry));
        }
        for (int k = t[i].ncreate; k-- > 0;) {
            runtime_Frame f;
            runtime_Frames frames = runtime_CallersFrames(&t[i].create[k], 1);
            runtime_Frames_Next(&frames, &f);
            if (f.Function != NULL && f.File != NULL) {
                fprintf(w, "created by %s\n\t%s:%d +%#lx\n", f.Function, f.File, f.Line,
                        (unsigned long)(t[i].create[k] - f.Entry));
                break;
            }
        }
    }
}

static int
writeThreadProfile(const char *name, FILE *w, int debug)
{
    int n;
    bool creation = strcmp(name, "threadcreate") == 0;
    threadRecord *t = threadRecords(&n, !creation);
    const uintptr_t **stacks = calloc((size_t)n + 1, sizeof *stacks);
    int *lens = calloc((size_t)n + 1, sizeof *lens);
    if (t == NULL || stacks == NULL || lens == NULL)
        throw("pprof: out of memory");
    for (int i = 0; i < n; i++) {
        stacks[i] = creation ? t[i].create : t[i].stack;
        lens[i] = creation ? t[i].ncreate : t[i].nstack;
    }
    int err = 0;
    if (!creation && debug >= 2)
        writeThreadStacks(w, t, n);
    else
        err = writeCountProfile(w, name, stacks, lens, n, debug);
    free(stacks);
    free(lens);
    free(t);
    return err;
}
static int
writeHeapProto(FILE *w, const runtime_MemProfileRecord *p, int n, int64_t rate, const char *defaultSampleType)
{
    profileBuilder b = {0};
    stringIndex(&b, "");
    b.nmaps = readMappings(b.maps, 128);
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    pbValueType(&b, tagProfile_PeriodType, "space", "bytes");
    pbuf_uint64Opt(&b.pb, tagProfile_Period, (uint64_t)rate);
    pbValueType(&b, tagProfile_SampleType, "alloc_objects", "count");
    pbValueType(&b, tagProfile_SampleType, "alloc_space", "bytes");
    pbValueType(&b, tagProfile_SampleType, "inuse_objects", "count");
    pbValueType(&b, tagProfile_SampleType, "inuse_space", "bytes");
    if (defaultSampleType != NULL)
        pbuf_uint64Opt(&b.pb, tagProfile_DefaultSampleType, (uint64_t)stringIndex(&b, defaultSampleType));
    pbuf_uint64Opt(&b.pb, tagProfile_TimeNanos, (uint64_t)now.tv_sec * 1000000000 + (uint64_t)now.tv_nsec);
    uint64_t locs[32];
    for (int i = 0; i < n; i++) {
        const runtime_MemProfileRecord *r = &p[i];
        size_t nlocs = 0;
        for (int k = 0; k < 32 && r->Stack0[k] != 0; k++)
            locs[nlocs++] = locationFor(&b, r->Stack0[k]);
        int64_t v[4];
        scaleHeapSample(r->AllocObjects, r->AllocBytes, rate, &v[0], &v[1]);
        scaleHeapSample(r->AllocObjects - r->FreeObjects, r->AllocBytes - r->FreeBytes, rate, &v[2], &v[3]);
        int64_t blockSize = r->AllocObjects > 0 ? r->AllocBytes / r->AllocObjects : 0;
        size_t start = pbuf_startMessage(&b.pb);
        uint64_t uv[4] = {(uint64_t)v[0], (uint64_t)v[1], (uint64_t)v[2], (uint64_t)v[3]};
        pbuf_uint64s(&b.pb, tagSample_Value, uv, 4);
        pbuf_uint64s(&b.pb, tagSample_Location, locs, nlocs);
        if (blockSize != 0) {
            size_t lstart = pbuf_startMessage(&b.pb);
            pbuf_uint64Opt(&b.pb, tagLabel_Key, (uint64_t)stringIndex(&b, "bytes"));
            pbuf_uint64Opt(&b.pb, tagLabel_Num, (uint64_t)blockSize);
            pbuf_endMessage(&b.pb, tagSample_Label, lstart);
        }
        pbuf_endMessage(&b.pb, tagProfile_Sample, start);
    }
    return finishProfile(w, &b);
}

int
pprof_WriteTo(const char *name, FILE *w, int debug)
{
    const char *defaultSampleType;
    if (strcmp(name, "goroutine") == 0 || strcmp(name, "threadcreate") == 0) {
        int err = writeThreadProfile(name, w, debug);
        return fflush(w) != 0 ? -1 : err;
    }
    if (strcmp(name, "heap") == 0)
        defaultSampleType = NULL;
    else if (strcmp(name, "allocs") == 0)
        defaultSampleType = "alloc_space";
    else
        return -1;
    int err = 0;
    if (debug != 0) {
        writeHeapText(w);
    } else {
        int n;
        runtime_MemProfileRecord *p = readMemProfile(&n);
        err = writeHeapProto(w, p, n, runtime_SetMemProfileRate(-1), defaultSampleType);
        free(p);
    }
    return fflush(w) != 0 ? -1 : err;
}

int
pprof_WriteHeapProfile(FILE *w)
{
    return pprof_WriteTo("heap", w, 0);
}
