// tangled from chapters/22-symtab.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Names, files and lines for program counters: the executable's ELF symbol table and
// DWARF line table (the role of Go's symtab.go).
#define _GNU_SOURCE
#include <dlfcn.h>
#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include "runtime.h"

typedef struct symFunc {
    uintptr entry, end; // link-time addresses: [entry, end)
    const char *name;
} symFunc;

typedef struct lineRow {
    uintptr addr;  // link-time address
    uint32 file;   // index into symtab.files
    uint32 line;   // 0: no line from here on (the end of a sequence)
} lineRow;

static struct {
    mutex lock;
    uint32 loaded;  // 1 once the tables are built (atomic)
    uintptr bias;   // run-time address - link-time address
    uintptr lo, hi; // the executable's run-time address range
    symFunc *funcs;
    size_t nfuncs;
    lineRow *rows;
    size_t nrows, caprows;
    char **files;
    size_t nfiles, capfiles;
} symtab;
static int
findExecutable(struct dl_phdr_info *info, size_t size, void *arg)
{
    (void)size;
    (void)arg;
    symtab.bias = info->dlpi_addr;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD)
            continue;
        uintptr lo = info->dlpi_addr + ph->p_vaddr, hi = lo + ph->p_memsz;
        if (symtab.lo == 0 || lo < symtab.lo)
            symtab.lo = lo;
        if (hi > symtab.hi)
            symtab.hi = hi;
    }
    return 1; // the first entry is the executable: stop
}
typedef struct elfFile {
    const uint8 *data;
    size_t size;
    const ElfW(Shdr) *sh;
    size_t nsh;
    const char *shstr;
} elfFile;

static const uint8 *
elfSection(const elfFile *f, const char *name, size_t *len)
{
    for (size_t i = 0; i < f->nsh; i++) {
        const ElfW(Shdr) *s = &f->sh[i];
        if (s->sh_type == SHT_NOBITS || s->sh_offset + s->sh_size > f->size)
            continue;
        if (strcmp(f->shstr + s->sh_name, name) == 0) {
            *len = s->sh_size;
            return f->data + s->sh_offset;
        }
    }
    *len = 0;
    return NULL;
}

static bool
elfOpen(elfFile *f, const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    struct stat st;
    void *p = MAP_FAILED;
    if (fstat(fd, &st) == 0 && st.st_size > (off_t)sizeof(ElfW(Ehdr)))
        p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (p == MAP_FAILED)
        return false;
    f->data = p;
    f->size = (size_t)st.st_size;
    const ElfW(Ehdr) *eh = p;
    if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 || eh->e_shoff == 0
        || eh->e_shoff + (size_t)eh->e_shnum * sizeof(ElfW(Shdr)) > f->size || eh->e_shstrndx >= eh->e_shnum)
        return false;
    f->sh = (const ElfW(Shdr) *)(f->data + eh->e_shoff);
    f->nsh = eh->e_shnum;
    if (f->sh[eh->e_shstrndx].sh_offset >= f->size)
        return false;
    f->shstr = (const char *)f->data + f->sh[eh->e_shstrndx].sh_offset;
    return true;
}
static int
bySymEntry(const void *a, const void *b)
{
    const symFunc *x = a, *y = b;
    return x->entry < y->entry ? -1 : x->entry > y->entry;
}

static void
loadFuncs(const elfFile *f)
{
    size_t symlen, strlen_;
    const uint8 *syms = elfSection(f, ".symtab", &symlen);
    const char *strs = (const char *)elfSection(f, ".strtab", &strlen_);
    if (syms == NULL || strs == NULL) {
        syms = elfSection(f, ".dynsym", &symlen);
        strs = (const char *)elfSection(f, ".dynstr", &strlen_);
    }
    if (syms == NULL || strs == NULL)
        return;
    size_t n = symlen / sizeof(ElfW(Sym));
    symtab.funcs = malloc(n * sizeof *symtab.funcs);
    if (symtab.funcs == NULL)
        return;
    for (size_t i = 0; i < n; i++) {
        const ElfW(Sym) *s = (const ElfW(Sym) *)syms + i;
        if (ELF64_ST_TYPE(s->st_info) != STT_FUNC || s->st_size == 0 || s->st_name >= strlen_)
            continue;
        symtab.funcs[symtab.nfuncs++] = (symFunc){s->st_value, s->st_value + s->st_size, strs + s->st_name};
    }
    qsort(symtab.funcs, symtab.nfuncs, sizeof *symtab.funcs, bySymEntry);
}
typedef struct reader {
    const uint8 *p, *end;
    bool bad;
} reader;

static uint64
readU(reader *r, int n)
{
    if (r->p + n > r->end) {
        r->bad = true;
        r->p = r->end;
        return 0;
    }
    uint64 v = 0;
    for (int i = 0; i < n; i++)
        v |= (uint64)r->p[i] << (8 * i);
    r->p += n;
    return v;
}

static uint64
readULEB(reader *r)
{
    uint64 v = 0;
    for (int shift = 0; r->p < r->end; shift += 7) {
        uint8 b = *r->p++;
        if (shift < 64)
            v |= (uint64)(b & 0x7f) << shift;
        if ((b & 0x80) == 0)
            return v;
    }
    r->bad = true;
    return v;
}

static int64
readSLEB(reader *r)
{
    int64 v = 0;
    int shift = 0;
    uint8 b = 0x80;
    while (r->p < r->end && (b & 0x80) != 0) {
        b = *r->p++;
        if (shift < 64)
            v |= (int64)(b & 0x7f) << shift;
        shift += 7;
    }
    if (shift < 64 && (b & 0x40) != 0)
        v |= -((int64)1 << shift);
    return v;
}

static const char *
readString(reader *r)
{
    const char *s = (const char *)r->p;
    while (r->p < r->end && *r->p != 0)
        r->p++;
    if (r->p >= r->end) {
        r->bad = true;
        return "";
    }
    r->p++;
    return s;
}
enum {
    DW_FORM_block = 0x09, DW_FORM_data1 = 0x0b, DW_FORM_data2 = 0x05, DW_FORM_data4 = 0x06,
    DW_FORM_data8 = 0x07, DW_FORM_data16 = 0x1e, DW_FORM_string = 0x08, DW_FORM_strp = 0x0e,
    DW_FORM_line_strp = 0x1f, DW_FORM_udata = 0x0f, DW_FORM_strx = 0x1a,
    DW_LNCT_path = 1, DW_LNCT_directory_index = 2,
};

typedef struct dwarfStrings {
    const uint8 *str, *lineStr;
    size_t strLen, lineStrLen;
} dwarfStrings;

// Reads one (content, form) value: a string for a path, a number for an index.
static bool
readForm(reader *r, uint64 form, int offsetSize, const dwarfStrings *ds, const char **s, uint64 *n)
{
    *s = NULL;
    *n = 0;
    switch (form) {
    case DW_FORM_string:
        *s = readString(r);
        return true;
    case DW_FORM_strp:
    case DW_FORM_line_strp: {
        uint64 off = readU(r, offsetSize);
        const uint8 *base = form == DW_FORM_strp ? ds->str : ds->lineStr;
        size_t len = form == DW_FORM_strp ? ds->strLen : ds->lineStrLen;
        if (base == NULL || off >= len)
            return false;
        *s = (const char *)base + off;
        return true;
    }
    case DW_FORM_udata:
        *n = readULEB(r);
        return true;
    case DW_FORM_data1:
        *n = readU(r, 1);
        return true;
    case DW_FORM_data2:
        *n = readU(r, 2);
        return true;
    case DW_FORM_data4:
        *n = readU(r, 4);
        return true;
    case DW_FORM_data8:
        *n = readU(r, 8);
        return true;
    case DW_FORM_data16:
        r->p = r->p + 16 <= r->end ? r->p + 16 : r->end;
        return true;
    case DW_FORM_block: {
        uint64 len = readULEB(r);
        r->p = len <= (uint64)(r->end - r->p) ? r->p + len : r->end;
        return true;
    }
    default:
        return false; // a form this reader does not know: give the unit up
    }
}
static uint32
addFile(const char *dir, const char *name)
{
    char path[1024];
    if (name[0] == '/' || dir == NULL || dir[0] == '\0')
        snprintf(path, sizeof path, "%s", name);
    else
        snprintf(path, sizeof path, "%s/%s", dir, name);
    for (size_t i = symtab.nfiles; i-- > 0;)
        if (strcmp(symtab.files[i], path) == 0)
            return (uint32)i;
    if (symtab.nfiles == symtab.capfiles) {
        size_t cap = symtab.capfiles ? 2 * symtab.capfiles : 256;
        char **nf = realloc(symtab.files, cap * sizeof *nf);
        if (nf == NULL)
            return 0;
        symtab.files = nf;
        symtab.capfiles = cap;
    }
    symtab.files[symtab.nfiles] = strdup(path);
    return (uint32)symtab.nfiles++;
}

static void
addRow(uintptr addr, uint32 file, uint32 line)
{
    if (symtab.nrows == symtab.caprows) {
        size_t cap = symtab.caprows ? 2 * symtab.caprows : 4096;
        lineRow *nr = realloc(symtab.rows, cap * sizeof *nr);
        if (nr == NULL)
            return;
        symtab.rows = nr;
        symtab.caprows = cap;
    }
    symtab.rows[symtab.nrows++] = (lineRow){addr, file, line};
}
enum { maxUnitFiles = 4096, maxUnitDirs = 1024 };

typedef struct lineHeader {
    int version, offsetSize;
    uint8 minInstLength, defaultIsStmt, lineRange, opcodeBase;
    int8 lineBase;
    uint8 stdLengths[256];
    uint32 files[maxUnitFiles]; // global indices
    uint32 nfiles, firstFile;
} lineHeader;

static bool
readEntryFormats(reader *r, uint64 *content, uint64 *form, int *n)
{
    *n = (int)readU(r, 1);
    if (*n > 8)
        return false;
    for (int i = 0; i < *n; i++) {
        content[i] = readULEB(r);
        form[i] = readULEB(r);
    }
    return !r->bad;
}

static bool
readLineHeader(reader *r, lineHeader *h, const dwarfStrings *ds)
{
    static const char *dirs[maxUnitDirs];
    uint32 ndirs = 0;
    h->version = (int)readU(r, 2);
    if (h->version < 2 || h->version > 5)
        return false;
    if (h->version >= 5) {
        readU(r, 1); // address size
        readU(r, 1); // segment selector size
    }
    uint64 headerLength = readU(r, h->offsetSize);
    const uint8 *program = r->p + headerLength;
    h->minInstLength = (uint8)readU(r, 1);
    if (h->version >= 4)
        readU(r, 1); // maximum operations per instruction: 1 on every machine this runs on
    h->defaultIsStmt = (uint8)readU(r, 1);
    h->lineBase = (int8)readU(r, 1);
    h->lineRange = (uint8)readU(r, 1);
    h->opcodeBase = (uint8)readU(r, 1);
    if (h->lineRange == 0 || h->opcodeBase == 0)
        return false;
    for (int i = 1; i < h->opcodeBase; i++)
        h->stdLengths[i] = (uint8)readU(r, 1);
    h->nfiles = 0;
    if (h->version >= 5) {
        uint64 content[8], form[8];
        int n;
        if (!readEntryFormats(r, content, form, &n))
            return false;
        uint64 count = readULEB(r);
        for (uint64 i = 0; i < count && !r->bad; i++) {
            const char *path = NULL;
            for (int k = 0; k < n; k++) {
                const char *s;
                uint64 v;
                if (!readForm(r, form[k], h->offsetSize, ds, &s, &v))
                    return false;
                if (content[k] == DW_LNCT_path)
                    path = s;
            }
            if (ndirs < maxUnitDirs)
                dirs[ndirs++] = path != NULL ? path : "";
        }
        if (!readEntryFormats(r, content, form, &n))
            return false;
        count = readULEB(r);
        for (uint64 i = 0; i < count && !r->bad; i++) {
            const char *path = NULL;
            uint64 dir = 0;
            for (int k = 0; k < n; k++) {
                const char *s;
                uint64 v;
                if (!readForm(r, form[k], h->offsetSize, ds, &s, &v))
                    return false;
                if (content[k] == DW_LNCT_path)
                    path = s;
                else if (content[k] == DW_LNCT_directory_index)
                    dir = v;
            }
            if (h->nfiles < maxUnitFiles)
                h->files[h->nfiles++] = addFile(dir < ndirs ? dirs[dir] : NULL, path != NULL ? path : "?");
        }
        h->firstFile = 0;
    } else {
        dirs[ndirs++] = ""; // directory 0: the unit's own, which these versions leave unnamed
        for (;;) {
            const char *d = readString(r);
            if (r->bad || d[0] == '\0')
                break;
            if (ndirs < maxUnitDirs)
                dirs[ndirs++] = d;
        }
        for (;;) {
            const char *name = readString(r);
            if (r->bad || name[0] == '\0')
                break;
            uint64 dir = readULEB(r);
            readULEB(r); // modification time
            readULEB(r); // length
            if (h->nfiles < maxUnitFiles)
                h->files[h->nfiles++] = addFile(dir < ndirs ? dirs[dir] : NULL, name);
        }
        h->firstFile = 1;
    }
    if (r->bad || program > r->end)
        return false;
    r->p = program;
    return true;
}
enum {
    DW_LNS_copy = 1, DW_LNS_advance_pc, DW_LNS_advance_line, DW_LNS_set_file, DW_LNS_set_column,
    DW_LNS_negate_stmt, DW_LNS_set_basic_block, DW_LNS_const_add_pc, DW_LNS_fixed_advance_pc,
    DW_LNE_end_sequence = 1, DW_LNE_set_address = 2,
};

static void
runLineProgram(reader *r, const lineHeader *h)
{
    uintptr addr = 0;
    uint64 file = 1;
    int64 line = 1;
    while (r->p < r->end && !r->bad) {
        uint8 op = (uint8)readU(r, 1);
        uint32 gfile = file >= h->firstFile && file - h->firstFile < h->nfiles ? h->files[file - h->firstFile] : 0;
        if (op >= h->opcodeBase) {
            uint8 adj = op - h->opcodeBase;
            addr += (uintptr)(adj / h->lineRange) * h->minInstLength;
            line += h->lineBase + adj % h->lineRange;
            addRow(addr, gfile, line > 0 ? (uint32)line : 1);
            continue;
        }
        switch (op) {
        case 0: { // extended opcode
            uint64 len = readULEB(r);
            const uint8 *next = len <= (uint64)(r->end - r->p) ? r->p + len : r->end;
            uint8 sub = len > 0 ? (uint8)readU(r, 1) : 0;
            if (sub == DW_LNE_end_sequence) {
                addRow(addr, gfile, 0);
                addr = 0;
                file = 1;
                line = 1;
            } else if (sub == DW_LNE_set_address) {
                addr = (uintptr)readU(r, (int)(len - 1 <= 8 ? len - 1 : 8));
            }
            r->p = next;
            break;
        }
        case DW_LNS_copy:
            addRow(addr, gfile, line > 0 ? (uint32)line : 1);
            break;
        case DW_LNS_advance_pc:
            addr += (uintptr)readULEB(r) * h->minInstLength;
            break;
        case DW_LNS_advance_line:
            line += readSLEB(r);
            break;
        case DW_LNS_set_file:
            file = readULEB(r);
            break;
        case DW_LNS_const_add_pc:
            addr += (uintptr)((255 - h->opcodeBase) / h->lineRange) * h->minInstLength;
            break;
        case DW_LNS_fixed_advance_pc:
            addr += (uintptr)readU(r, 2);
            break;
        default: // set_column, negate_stmt, and the rest: skip their operands
            for (int i = 0; i < h->stdLengths[op]; i++)
                readULEB(r);
            break;
        }
    }
}
static int
byRowAddr(const void *a, const void *b)
{
    const lineRow *x = a, *y = b;
    if (x->addr != y->addr)
        return x->addr < y->addr ? -1 : 1;
    return (x->line == 0) - (y->line == 0); // at one address, an end before a start
}

static void
loadLines(const elfFile *f)
{
    size_t len;
    const uint8 *sec = elfSection(f, ".debug_line", &len);
    if (sec == NULL)
        return;
    dwarfStrings ds;
    ds.str = elfSection(f, ".debug_str", &ds.strLen);
    ds.lineStr = elfSection(f, ".debug_line_str", &ds.lineStrLen);
    static lineHeader h;
    reader all = {sec, sec + len, false};
    while (all.p < all.end && !all.bad) {
        uint64 unitLength = readU(&all, 4);
        h.offsetSize = 4;
        if (unitLength == 0xffffffff) {
            unitLength = readU(&all, 8);
            h.offsetSize = 8;
        }
        if (all.bad || unitLength > (uint64)(all.end - all.p))
            break;
        reader unit = {all.p, all.p + unitLength, false};
        all.p += unitLength;
        if (readLineHeader(&unit, &h, &ds))
            runLineProgram(&unit, &h);
    }
    qsort(symtab.rows, symtab.nrows, sizeof *symtab.rows, byRowAddr);
}
static void
symtabLoad(void)
{
    if (atomic_Load(&symtab.loaded) != 0)
        return;
    lock(&symtab.lock);
    if (atomic_Load(&symtab.loaded) == 0) {
        dl_iterate_phdr(findExecutable, NULL);
        elfFile f = {0};
        if (elfOpen(&f, "/proc/self/exe")) {
            loadFuncs(&f);
            loadLines(&f);
        }
        atomic_Store(&symtab.loaded, 1);
    }
    unlock(&symtab.lock);
}

bool
funcInfo(uintptr pc, runtime_Frame *fr)
{
    symtabLoad();
    *fr = (runtime_Frame){.PC = pc};
    if (pc < symtab.lo || pc >= symtab.hi) {
        Dl_info info;
        if (dladdr((void *)pc, &info) == 0 || info.dli_sname == NULL)
            return false;
        fr->Function = info.dli_sname;
        fr->Entry = (uintptr_t)info.dli_saddr;
        return true;
    }
    uintptr a = pc - symtab.bias;
    size_t lo = 0, hi = symtab.nfuncs;
    while (lo < hi) { // the first function that starts above a
        size_t mid = (lo + hi) / 2;
        if (symtab.funcs[mid].entry <= a)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo > 0 && a < symtab.funcs[lo - 1].end) {
        fr->Function = symtab.funcs[lo - 1].name;
        fr->Entry = symtab.funcs[lo - 1].entry + symtab.bias;
    }
    lo = 0;
    hi = symtab.nrows;
    while (lo < hi) { // the first row above a
        size_t mid = (lo + hi) / 2;
        if (symtab.rows[mid].addr <= a)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo > 0 && symtab.rows[lo - 1].line != 0) {
        fr->File = symtab.files[symtab.rows[lo - 1].file];
        fr->Line = (int)symtab.rows[lo - 1].line;
    }
    return fr->Function != NULL;
}
runtime_Frames
runtime_CallersFrames(const uintptr_t *pcs, int n)
{
    return (runtime_Frames){pcs, n, 0};
}

int
runtime_Frames_Next(runtime_Frames *ci, runtime_Frame *frame)
{
    if (ci->i >= ci->n) {
        *frame = (runtime_Frame){0};
        return 0;
    }
    funcInfo(ci->pcs[ci->i++] - 1, frame);
    return ci->i < ci->n;
}
