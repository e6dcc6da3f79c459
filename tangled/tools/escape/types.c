// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Types: their sizes as on amd64, whether they hold pointers, and how Go prints them (cmd/compile/internal/types).
#include "esc.h"

Type *types[KBLANK + 1];

Type *
newType(int kind)
{
    Type *t = xmalloc(sizeof *t);
    t->kind = kind;
    t->size = t->align = -1;
    t->underlying = t;
    return t;
}

Type *
ptrTo(Type *t)
{
    Type *p = newType(KPTR);
    p->elem = t;
    return p;
}

Type *
sliceOf(Type *t)
{
    Type *s = newType(KSLICE);
    s->elem = t;
    return s;
}

Type *
under(Type *t)
{
    return t->underlying;
}

bool
isInterface(Type *t)
{
    return t->kind == KINTER;
}

bool
isUntyped(Type *t)
{
    return t->kind == KUNTYPEDINT || t->kind == KUNTYPEDSTRING || t->kind == KUNTYPEDBOOL || t->kind == KNIL;
}
static void
computeSize(Type *t)
{
    if (t->size >= 0)
        return;
    int64_t size = 8, align = 8;
    switch (t->kind) {
    case KBOOL: case KINT8: case KUINT8:
        size = align = 1;
        break;
    case KINT16: case KUINT16:
        size = align = 2;
        break;
    case KINT32: case KUINT32:
        size = align = 4;
        break;
    case KSTRING: case KINTER:
        size = 16;
        break;
    case KSLICE:
        size = 24;
        break;
    case KARRAY:
        size = t->bound * typeSize(t->elem);
        align = typeAlign(t->elem);
        break;
    case KSTRUCT: {
        int64_t off = 0;
        align = 1;
        for (int i = 0; i < t->fields.n; i++) {
            Field *f = &t->fields.v[i];
            int64_t a = typeAlign(f->type);
            off = (off + a - 1) / a * a;
            f->offset = off;
            off += typeSize(f->type);
            if (a > align)
                align = a;
        }
        size = (off + align - 1) / align * align;
        break;
    }
    }
    t->size = size;
    t->align = align;
}

int64_t
typeSize(Type *t)
{
    computeSize(t);
    return t->size;
}

int64_t
typeAlign(Type *t)
{
    computeSize(t);
    return t->align;
}
bool
hasPointers(Type *t)
{
    switch (t->kind) {
    case KPTR: case KSLICE: case KMAP: case KCHAN: case KFUNC: case KINTER: case KSTRING: case KUNTYPEDSTRING:
    case KNIL:
        return true;
    case KARRAY:
        return t->bound > 0 && hasPointers(t->elem);
    case KSTRUCT:
        for (int i = 0; i < t->fields.n; i++)
            if (hasPointers(t->fields.v[i].type))
                return true;
        return false;
    }
    return false;
}

// A type stored directly in an interface's data word: pointer-shaped (types.IsDirectIface).
bool
isDirectIface(Type *t)
{
    switch (t->kind) {
    case KPTR: case KMAP: case KCHAN: case KFUNC:
        return true;
    case KARRAY:
        return t->bound == 1 && isDirectIface(t->elem);
    case KSTRUCT:
        return t->fields.n == 1 && isDirectIface(t->fields.v[0].type);
    }
    return false;
}
bool
identical(Type *a, Type *b)
{
    if (a == b)
        return true;
    if (a->defined || b->defined)
        return false; // a type the program declares is identical only to itself
    if (a->kind == b->kind && a->kind <= KSTRING)
        return true; // basic types: byte is uint8 and rune int32
    if (a->kind != b->kind || a->name != NULL || b->name != NULL)
        return false; // a named type is identical only to itself
    switch (a->kind) {
    case KPTR: case KSLICE:
        return identical(a->elem, b->elem);
    case KARRAY:
        return a->bound == b->bound && identical(a->elem, b->elem);
    case KMAP:
        return identical(a->key, b->key) && identical(a->elem, b->elem);
    case KINTER:
        return a->methods.n == 0 && b->methods.n == 0;
    case KSTRUCT:
        if (a->fields.n != b->fields.n)
            return false;
        for (int i = 0; i < a->fields.n; i++)
            if (strcmp(a->fields.v[i].name, b->fields.v[i].name) != 0
                || !identical(a->fields.v[i].type, b->fields.v[i].type))
                return false;
        return true;
    case KFUNC:
        if (a->fields.n != b->fields.n || a->results.n != b->results.n || a->variadic != b->variadic)
            return false;
        for (int i = 0; i < a->fields.n; i++)
            if (!identical(a->fields.v[i].type, b->fields.v[i].type))
                return false;
        for (int i = 0; i < a->results.n; i++)
            if (!identical(a->results.v[i].type, b->results.v[i].type))
                return false;
        return true;
    }
    return false;
}
static char *
fieldList(Fields *fs, bool variadic, const char *sep, bool names)
{
    char *s = xprintf("%s", "");
    for (int i = 0; i < fs->n; i++) {
        Field *f = &fs->v[i];
        char *ts = f->ddd && variadic ? xprintf("...%s", typeString(f->type->elem)) : typeString(f->type);
        s = xprintf("%s%s%s%s%s", s, i > 0 ? sep : "", names && f->name ? f->name : "", names && f->name ? " " : "", ts);
    }
    return s;
}

// As Go's %v prints a type (types.Type.String).
char *
typeString(Type *t)
{
    if (t->name != NULL)
        return xprintf("%s", t->name);
    switch (t->kind) {
    case KPTR:
        return xprintf("*%s", typeString(t->elem));
    case KSLICE:
        return xprintf("[]%s", typeString(t->elem));
    case KARRAY:
        return xprintf("[%lld]%s", (long long)t->bound, typeString(t->elem));
    case KMAP:
        return xprintf("map[%s]%s", typeString(t->key), typeString(t->elem));
    case KINTER:
        if (t->methods.n == 0)
            return xprintf("interface {}");
        {
            char *s = xprintf("interface {");
            for (int i = 0; i < t->methods.n; i++) {
                char *sig = typeString(t->methods.v[i].type);
                s = xprintf("%s %s%s;", s, t->methods.v[i].name, sig + 4);
            }
            s[strlen(s) - 1] = ' ';
            return xprintf("%s}", s);
        }
    case KSTRUCT:
        if (t->fields.n == 0)
            return xprintf("struct {}");
        return xprintf("struct { %s }", fieldList(&t->fields, false, "; ", true));
    case KFUNC: {
        char *s = xprintf("func(%s)", fieldList(&t->fields, t->variadic, ", ", false));
        if (t->results.n == 1)
            return xprintf("%s %s", s, typeString(t->results.v[0].type));
        if (t->results.n > 1)
            return xprintf("%s (%s)", s, fieldList(&t->results, false, ", ", false));
        return s;
    }
    case KUNTYPEDINT:
        return xprintf("untyped int");
    case KUNTYPEDSTRING:
        return xprintf("untyped string");
    case KUNTYPEDBOOL:
        return xprintf("untyped bool");
    case KNIL:
        return xprintf("untyped nil");
    }
    return xprintf("?");
}
