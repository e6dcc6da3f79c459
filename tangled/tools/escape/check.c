// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The checker: names, types and Go's implicit operations, turning syntax into the IR that escape
// analysis reads (a stand-in for types2, noder's irgen and typecheck).
#include "esc.h"

struct Scope {
    Scope *outer;
    VEC(Node *) names; // ONAME nodes, types as OTYPE nodes
};

static const char *file;
static Scope universe;
static Func *fmtFuncs[8];
enum { BNEW = 1, BMAKE, BAPPEND, BLEN, BCAP, BCOPY, BPANIC, BPRINTLN, BPRINT };

Node *
newNode(int op, Pos pos)
{
    Node *n = xmalloc(sizeof *n);
    n->op = op;
    n->pos = pos;
    return n;
}

Node *
newName(const char *sym, int class, Type *t, Pos pos)
{
    Node *n = newNode(ONAME, pos);
    n->sym = sym;
    n->class = class;
    n->type = t;
    return n;
}

static void
declare(Scope *s, Node *n)
{
    if (strcmp(n->sym, "_") == 0)
        return;
    for (int i = 0; i < s->names.n; i++)
        if (strcmp(s->names.v[i]->sym, n->sym) == 0)
            errorAt(file, n->pos, "%s redeclared in this block", n->sym);
    vpush(s->names, n);
}

static Node *
lookup(Checker *c, const char *sym)
{
    for (Scope *s = c->scope; s != NULL; s = s->outer)
        for (int i = s->names.n - 1; i >= 0; i--)
            if (strcmp(s->names.v[i]->sym, sym) == 0)
                return s->names.v[i];
    return NULL;
}

void
pushScope(Checker *c)
{
    Scope *s = xmalloc(sizeof *s);
    s->outer = c->scope;
    c->scope = s;
}

void
popScope(Checker *c)
{
    c->scope = c->scope->outer;
}
// ---- the universe

static Type *
basic(int kind, const char *name)
{
    Type *t = newType(kind);
    t->name = name;
    return t;
}

static void
declareType(Scope *s, const char *name, Type *t)
{
    Node *n = newNode(OTYPE, (Pos){0, 0});
    n->sym = name;
    n->type = t;
    vpush(s->names, n);
}

static Func *
fmtFunc(const char *name)
{
    Func *fn = xmalloc(sizeof *fn);
    fn->name = name;
    fn->external = true;
    fn->esc = 3; // tagged
    fn->type = newType(KFUNC);
    fn->nname = newName(name, PFUNC, fn->type, (Pos){0, 0});
    fn->nname->fn = fn;
    return fn;
}

void
initUniverse(void)
{
    static const struct {
        const char *name;
        int kind;
    } basics[] = {{"bool", KBOOL},     {"int", KINT},       {"int8", KINT8},     {"int16", KINT16},
                  {"int32", KINT32},   {"int64", KINT64},   {"uint", KUINT},     {"uint8", KUINT8},
                  {"uint16", KUINT16}, {"uint32", KUINT32}, {"uint64", KUINT64}, {"uintptr", KUINTPTR},
                  {"float64", KFLOAT64}, {"string", KSTRING}, {"byte", KUINT8},  {"rune", KINT32}};
    for (size_t i = 0; i < sizeof basics / sizeof basics[0]; i++) {
        Type *t = basic(basics[i].kind, basics[i].name);
        declareType(&universe, basics[i].name, t);
        if (strcmp(basics[i].name, "byte") != 0 && strcmp(basics[i].name, "rune") != 0)
            types[basics[i].kind] = t;
    }
    Type *any = newType(KINTER);
    declareType(&universe, "any", any);
    types[KINTER] = any;
    types[KUNTYPEDINT] = newType(KUNTYPEDINT);
    types[KUNTYPEDSTRING] = newType(KUNTYPEDSTRING);
    types[KUNTYPEDBOOL] = newType(KUNTYPEDBOOL);
    types[KNIL] = newType(KNIL);
    static const char *const builtins[] = {NULL, "new", "make", "append", "len", "cap", "copy", "panic",
                                           "println", "print"};
    for (int i = BNEW; i <= BPRINT; i++) {
        Node *n = newName(builtins[i], PNONE, NULL, (Pos){0, 0});
        n->ival = i; // which builtin
        vpush(universe.names, n);
    }
    Node *nil = newNode(ONIL, (Pos){0, 0});
    nil->sym = "nil";
    nil->type = types[KNIL];
    vpush(universe.names, nil);
    for (int b = 0; b < 2; b++) {
        Node *n = newNode(OLITERAL, (Pos){0, 0});
        n->sym = b ? "true" : "false";
        n->sval = n->sym;
        n->type = types[KUNTYPEDBOOL];
        vpush(universe.names, n);
    }
    // fmt's printing functions, with the parameter tags Go 1.19 gives them (the chapter shows how to
    // read them with go build -gcflags='fmt=-m'): the ...any argument leaks its content to the heap,
    // a format string does not escape.
    static const char *const fmtNames[] = {"Println", "Print", "Printf", "Sprintf", "Sprint", "Sprintln"};
    for (int i = 0; i < 6; i++) {
        Func *fn = fmtFuncs[i] = fmtFunc(xprintf("fmt.%s", fmtNames[i]));
        Type *ft = fn->type;
        bool format = i == 2 || i == 3;
        if (format) {
            vpush(ft->fields, ((Field){.name = "format", .type = types[KSTRING]}));
            vpush(fn->tags, (Leaks){{0}});
        }
        vpush(ft->fields, ((Field){.name = "a", .type = sliceOf(any), .ddd = true}));
        vpush(fn->tags, (Leaks){{2}}); // heap at derefs 1: "leaking param content: a"
        ft->variadic = true;
        if (i >= 3)
            vpush(ft->results, ((Field){.type = types[KSTRING]}));
        else {
            Type *errT = newType(KINTER);
            errT->name = "error";
            vpush(ft->results, ((Field){.name = "n", .type = types[KINT]}));
            vpush(ft->results, ((Field){.name = "err", .type = errT}));
        }
    }
}
// ---- types

static Type *resolve(Checker *c, Type *t);

static void
resolveNamed(Checker *c, Type *t)
{
    if (t->state != typeDecl)
        return;
    t->state = typeOK;
    t->defined = true;
    Type *u = resolve(c, t->underlying);
    // A named type has its underlying type's kind and structure, and its own name and methods.
    Methods own = t->methods;
    t->kind = u->kind;
    t->elem = u->elem;
    t->key = u->key;
    t->bound = u->bound;
    t->fields = u->fields;
    t->results = u->results;
    t->variadic = u->variadic;
    t->underlying = under(u);
    if (u->kind == KINTER)
        t->methods = u->methods;
    else
        t->methods = own;
}

static Type *
resolve(Checker *c, Type *t)
{
    if (t == NULL)
        return NULL;
    if (t->state == typeRef) {
        Node *n = lookup(c, t->name);
        if (n == NULL || n->op != OTYPE)
            errorAt(file, t->pos, "undefined: %s", t->name);
        resolveNamed(c, n->type);
        return n->type;
    }
    if (t->state == typeDecl) {
        resolveNamed(c, t);
        return t;
    }
    t->elem = resolve(c, t->elem);
    t->key = resolve(c, t->key);
    if (t->kind == KSTRUCT || t->kind == KFUNC)
        for (int i = 0; i < t->fields.n; i++)
            t->fields.v[i].type = resolve(c, t->fields.v[i].type);
    for (int i = 0; i < t->results.n; i++)
        t->results.v[i].type = resolve(c, t->results.v[i].type);
    if (t->recv != NULL)
        t->recv->type = resolve(c, t->recv->type);
    if (t->kind == KINTER)
        for (int i = 0; i < t->methods.n; i++)
            t->methods.v[i].type = resolve(c, t->methods.v[i].type);
    return t;
}
// ---- assignability and implicit conversions

static Type *
defaultType(Type *t)
{
    switch (t->kind) {
    case KUNTYPEDINT:
        return types[KINT];
    case KUNTYPEDSTRING:
        return types[KSTRING];
    case KUNTYPEDBOOL:
        return types[KBOOL];
    }
    return t;
}

static bool
assignable(Type *src, Type *dst)
{
    if (identical(src, dst) || dst->kind == KBLANK)
        return true;
    if (dst->kind == KINTER)
        return true; // the subset has no method-set checks
    if (src->kind == KNIL)
        return dst->kind == KPTR || dst->kind == KSLICE || dst->kind == KMAP || dst->kind == KFUNC
               || dst->kind == KINTER;
    if (src->kind == KUNTYPEDINT)
        return dst->kind <= KFLOAT64 && dst->kind != KBOOL;
    if (src->kind == KUNTYPEDSTRING)
        return dst->kind == KSTRING;
    if (src->kind == KUNTYPEDBOOL)
        return dst->kind == KBOOL;
    // identical underlying types, one of them unnamed
    if ((src->name == NULL || dst->name == NULL) && src->kind == dst->kind && src->kind > KSTRING)
        return identical(under(src), under(dst)) || (src->name == NULL && dst->name != NULL) || dst->name == NULL;
    return false;
}

// As typecheck.assignconvfn: a value assigned to an interface is converted, implicitly, at c->basePos.
static Node *
assignConv(Checker *c, Node *n, Type *t, Pos where)
{
    if (t == NULL || t->kind == KBLANK)
        return n;
    if (!assignable(n->type, t))
        errorAt(file, where, "cannot use %s (of type %s) as %s value in assignment", nodeString(n),
                typeString(n->type), typeString(t));
    if (t->kind == KINTER && n->type->kind != KINTER && n->type->kind != KNIL) {
        Node *conv = newNode(OCONVIFACE, c->basePos);
        conv->x = n;
        conv->type = t;
        conv->implicit = true;
        if (isUntyped(n->type))
            n->type = defaultType(n->type);
        return conv;
    }
    if (isUntyped(n->type))
        n->type = t;
    return n;
}

// ir.HasUniquePos: a variable's name node is shared by all its uses, and so is a named constant
// (true, false): they do not move base.Pos; every other node, literals included, does.
static bool
hasUniquePos(Node *n)
{
    if (n->op == ONAME)
        return false;
    if ((n->op == OLITERAL || n->op == ONIL || n->op == OTYPE) && n->sym != NULL)
        return false;
    return true;
}
// ---- expressions

static void checkBlock(Checker *c, Node *b);
static void checkFuncBody(Checker *c, Func *fn);

static bool
isType(Node *n)
{
    return n->op == OTYPE;
}

// A name from an enclosing function, used in a closure at pos: each closure in between gets a closure
// variable for it (ir.NewClosureVar), placed at the first use.
static void
capture(Checker *c, Node *name, Pos pos)
{
    for (Func *f = c->fn; f != NULL && f != name->curfn; f = f->outer) {
        bool have = false;
        for (int i = 0; i < f->cvars.n; i++)
            have |= f->cvars.v[i]->canon == name;
        if (!have) {
            Node *cv = newName(name->sym, name->class, name->type, pos);
            cv->canon = name;
            cv->curfn = f;
            vpush(f->cvars, cv);
        }
    }
}

static Node *
checkIdent(Checker *c, Node *n)
{
    if (strcmp(n->sym, "_") == 0)
        errorAt(file, n->pos, "cannot use _ as value");
    Node *d = lookup(c, n->sym);
    if (d == NULL)
        errorAt(file, n->pos, "undefined: %s", n->sym);
    if (d->op == OTYPE) {
        resolveNamed(c, d->type);
        return d;
    }
    if (d->op == ONAME && d->curfn != NULL && d->curfn != c->fn && d->class != PFUNC)
        capture(c, d, n->pos);
    if (d->op == OLITERAL || d->op == ONIL) { // true, false, nil: a fresh node each time
        Node *l = newNode(d->op, n->pos);
        l->sym = d->op == ONIL ? NULL : d->sym; // nil is a node of its own; true and false are named constants
        l->sval = d->sval;
        l->type = d->type;
        return l;
    }
    return d;
}
static Node *
typeExpr(Checker *c, Node *n)
{
    if (n->op == OTYPEEXPR) {
        Node *t = newNode(OTYPE, n->pos);
        t->type = resolve(c, n->littype);
        return t;
    }
    Node *x = checkExpr(c, n);
    if (!isType(x))
        errorAt(file, n->pos, "%s is not a type", nodeString(x));
    return x;
}

static Node *
checkCompLit(Checker *c, Node *n, Type *t)
{
    if (t == NULL)
        errorAt(file, n->pos, "%s", "invalid composite literal type: missing type");
    Type *u = under(t);
    n->type = t;
    n->littype = t;
    switch (u->kind) {
    case KSTRUCT:
        n->op = OSTRUCTLIT;
        for (int i = 0; i < n->list.n; i++) {
            Node *e = n->list.v[i];
            int f = i;
            Node *v = e;
            if (e->op == OKEY) {
                if (e->x->op != OIDENT)
                    errorAt(file, e->pos, "%s", "invalid field name in struct literal");
                for (f = 0; f < u->fields.n && strcmp(u->fields.v[f].name, e->x->sym) != 0; f++)
                    ;
                if (f == u->fields.n)
                    errorAt(file, e->x->pos, "unknown field %s in struct literal", e->x->sym);
                v = e->y;
            } else if (f >= u->fields.n) {
                errorAt(file, e->pos, "%s", "too many values in struct literal");
            }
            Node *sk = newNode(OSTRUCTKEY, e->pos);
            sk->implicit = e->op != OKEY; // an unkeyed element
            sk->field = f;
            sk->sym = u->fields.v[f].name;
            Node *val = v->op == OCOMPLIT && v->x == NULL ? checkCompLit(c, v, u->fields.v[f].type) : checkExpr(c, v);
            sk->x = val;
            n->list.v[i] = sk;
        }
        {
            // transformCompLit: each element converted where ir.SetPos leaves base.Pos: at a key's
            // colon, at an unkeyed value unless it is a name; base.Pos is put back after.
            Pos lno = c->basePos;
            c->basePos = n->pos;
            for (int i = 0; i < n->list.n; i++) {
                Node *sk = n->list.v[i];
                if (sk->implicit ? hasUniquePos(sk->x) : true)
                    c->basePos = sk->implicit ? sk->x->pos : sk->pos;
                sk->x = assignConv(c, sk->x, u->fields.v[sk->field].type, sk->pos);
            }
            c->basePos = lno;
        }
        break;
    case KSLICE:
    case KARRAY:
    case KMAP:
        n->op = u->kind == KSLICE ? OSLICELIT : u->kind == KARRAY ? OARRAYLIT : OMAPLIT;
        for (int i = 0; i < n->list.n; i++) {
            Node *e = n->list.v[i];
            if (e->op == OKEY) {
                if (u->kind == KMAP)
                    e->x = e->x->op == OCOMPLIT && e->x->x == NULL ? checkCompLit(c, e->x, u->key) : checkExpr(c, e->x);
                else
                    e->x = checkExpr(c, e->x);
                e->y = e->y->op == OCOMPLIT && e->y->x == NULL ? checkCompLit(c, e->y, u->elem) : checkExpr(c, e->y);
            } else {
                if (u->kind == KMAP)
                    errorAt(file, e->pos, "%s", "missing key in map literal");
                n->list.v[i] = e->op == OCOMPLIT && e->x == NULL ? checkCompLit(c, e, u->elem) : checkExpr(c, e);
            }
        }
        Pos lno = c->basePos;
        c->basePos = n->pos;
        for (int i = 0; i < n->list.n; i++) {
            Node *e = n->list.v[i];
            if (hasUniquePos(e))
                c->basePos = e->pos; // a key's colon, or the value
            if (e->op == OKEY) {
                if (u->kind == KMAP)
                    e->x = assignConv(c, e->x, u->key, e->pos);
                e->y = assignConv(c, e->y, u->elem, e->pos);
            } else {
                n->list.v[i] = assignConv(c, e, u->elem, e->pos);
            }
        }
        c->basePos = lno;
        if (u->kind == KARRAY && u->bound < 0)
            u->bound = n->list.n;
        n->ival = n->list.n; // a slice literal's length
        break;
    default:
        errorAt(file, n->pos, "invalid composite literal type %s", typeString(t));
    }
    return n;
}
static Func *
methodOf(Type *t, const char *name, bool *ptrRecv)
{
    for (int i = 0; i < t->methods.n; i++)
        if (strcmp(t->methods.v[i].name, name) == 0) {
            *ptrRecv = t->methods.v[i].ptrRecv;
            return t->methods.v[i].fn;
        }
    return NULL;
}

static Node *
checkSelector(Checker *c, Node *n)
{
    if (n->x->op == OIDENT && strcmp(n->x->sym, "fmt") == 0 && lookup(c, "fmt") == NULL) {
        c->basePos = n->x->pos;
        for (int i = 0; i < 6; i++)
            if (strcmp(fmtFuncs[i]->name + 4, n->sym) == 0)
                return fmtFuncs[i]->nname;
        errorAt(file, n->pos, "fmt.%s: only fmt's Print, Println, Printf, Sprint, Sprintln and Sprintf are in the subset",
                n->sym);
    }
    n->xpos = n->x->pos;
    Node *x = checkExpr(c, n->x);
    Type *t = x->type;
    bool ptr = t->kind == KPTR;
    Type *st = ptr ? t->elem : t;
    // A method?
    bool ptrRecv = false;
    Func *m = st->name != NULL ? methodOf(st, n->sym, &ptrRecv) : NULL;
    if (m != NULL || (t->kind == KINTER && t->methods.n > 0)) {
        n->op = t->kind == KINTER ? ODOTINTER : ODOTMETH; // a method value: only called, below
        n->x = x;
        n->method = m;
        n->isddd = ptrRecv;
        if (t->kind == KINTER) {
            for (int i = 0; i < t->methods.n; i++)
                if (strcmp(t->methods.v[i].name, n->sym) == 0)
                    n->type = t->methods.v[i].type;
            if (n->type == NULL)
                errorAt(file, n->pos, "%s.%s undefined (type has no method)", nodeString(x), n->sym);
        } else {
            n->type = m->type;
        }
        return n;
    }
    Type *u = under(st);
    if (u->kind != KSTRUCT)
        errorAt(file, n->pos, "%s.%s undefined", nodeString(x), n->sym);
    for (int i = 0; i < u->fields.n; i++)
        if (strcmp(u->fields.v[i].name, n->sym) == 0) {
            n->op = ptr ? ODOTPTR : ODOT;
            n->x = x;
            n->field = i;
            n->type = u->fields.v[i].type;
            return n;
        }
    errorAt(file, n->pos, "%s.%s undefined (no such field)", nodeString(x), n->sym);
}
// Arguments against a signature's parameters, as typecheckaste: each converted where it is, or, for a
// name or a literal, where the call is; surplus arguments of a variadic function go into an implicit
// "... argument" slice literal (typecheck.FixVariadicCall).
static void
checkArgs(Checker *c, Node *call, Type *ft, int first)
{
    Nodes *args = &call->list;
    int np = ft->fields.n;
    if (call->isddd) {
        if (!ft->variadic || args->n - first != np)
            errorAt(file, call->pos, "%s", "invalid use of ... in call");
    } else if (ft->variadic ? args->n - first < np - 1 : args->n - first != np) {
        errorAt(file, call->pos, "%s in call", args->n - first < np ? "not enough arguments" : "too many arguments");
    }
    Pos lno = c->basePos;
    c->basePos = call->pos; // transformCall: ir.SetPos(call)
    for (int i = 0; i < np; i++) {
        Field *f = &ft->fields.v[i];
        if (f->ddd && !call->isddd) {
            Node *slice = newNode(OSLICELIT, call->pos);
            slice->implicit = true;
            slice->isddd = true;
            slice->type = f->type;
            slice->littype = f->type;
            for (int j = first + i; j < args->n; j++) {
                Node *a = args->v[j];
                if (hasUniquePos(a))
                    c->basePos = a->pos;
                vpush(slice->list, assignConv(c, a, f->type->elem, a->pos));
            }
            slice->ival = slice->list.n;
            args->n = first + i;
            vpush(*args, slice);
            call->isddd = true; // the call now passes a slice, as f(s...) does
            break;
        }
        Node *a = args->v[first + i];
        if (hasUniquePos(a))
            c->basePos = a->pos;
        args->v[first + i] = assignConv(c, a, f->type, a->pos);
    }
    c->basePos = lno;
}
static Node *
checkBuiltin(Checker *c, Node *n, int which)
{
    for (int i = 0; i < n->list.n; i++)
        if (which != BNEW && !(which == BMAKE && i == 0))
            n->list.v[i] = checkExpr(c, n->list.v[i]);
    Node *a0 = n->list.n > 0 ? n->list.v[0] : NULL;
    switch (which) {
    case BNEW: {
        if (n->list.n != 1)
            errorAt(file, n->pos, "%s", "new needs one argument");
        Node *t = typeExpr(c, a0);
        n->op = ONEW;
        n->littype = t->type;
        n->type = ptrTo(t->type);
        n->list.n = 0;
        return n;
    }
    case BMAKE: {
        Node *t = typeExpr(c, a0);
        Type *u = under(t->type);
        n->littype = t->type;
        n->type = t->type;
        if (u->kind == KSLICE) {
            if (n->list.n < 2 || n->list.n > 3)
                errorAt(file, n->pos, "%s", "make of a slice needs a length and at most a capacity");
            n->op = OMAKESLICE;
            n->x = n->list.v[1];
            n->y = n->list.n == 3 ? n->list.v[2] : NULL;
        } else if (u->kind == KMAP) {
            n->op = OMAKEMAP;
            n->x = n->list.n >= 2 ? n->list.v[1] : NULL;
        } else {
            errorAt(file, n->pos, "cannot make %s", typeString(t->type));
        }
        if (n->x != NULL && isUntyped(n->x->type))
            n->x->type = types[KINT];
        if (n->y != NULL && isUntyped(n->y->type))
            n->y->type = types[KINT];
        return n;
    }
    case BAPPEND: {
        if (a0 == NULL || under(a0->type)->kind != KSLICE)
            errorAt(file, n->pos, "%s", "first argument to append must be a slice");
        n->op = OAPPEND;
        n->type = a0->type;
        Type *ft = newType(KFUNC); // append(s S, x ...E) S
        vpush(ft->fields, ((Field){.type = a0->type}));
        vpush(ft->fields, ((Field){.type = sliceOf(under(a0->type)->elem), .ddd = true}));
        ft->variadic = true;
        if (n->isddd) { // append(s, t...)
            if (n->list.n != 2)
                errorAt(file, n->pos, "%s", "can only use ... with final argument");
            return n;
        }
        Pos lno = c->basePos;
        c->basePos = n->pos;
        for (int i = 1; i < n->list.n; i++) {
            if (hasUniquePos(n->list.v[i]))
                c->basePos = n->list.v[i]->pos;
            n->list.v[i] = assignConv(c, n->list.v[i], under(a0->type)->elem, n->list.v[i]->pos);
        }
        c->basePos = lno;
        return n;
    }
    case BLEN:
    case BCAP:
        n->op = which == BLEN ? OLEN : OCAP;
        n->x = a0;
        n->type = types[KINT];
        return n;
    case BCOPY:
        n->op = OCOPY;
        n->x = a0;
        n->y = n->list.v[1];
        n->type = types[KINT];
        return n;
    case BPANIC: // converted where base.Pos is left: at the argument's last operand
        n->op = OPANIC;
        n->x = assignConv(c, a0, types[KINTER], a0->pos);
        return n;
    default:
        n->op = OPRINTN;
        n->sym = which == BPRINT ? "print" : "println";
        for (int i = 0; i < n->list.n; i++)
            if (isUntyped(n->list.v[i]->type))
                n->list.v[i]->type = defaultType(n->list.v[i]->type);
        return n;
    }
}
static Node *
checkConversion(Checker *c, Node *n, Type *t)
{
    if (n->list.n != 1)
        errorAt(file, n->pos, "%s", "a conversion takes one argument");
    Node *x = checkExpr(c, n->list.v[0]);
    Type *u = under(t), *xu = under(x->type);
    n->type = t;
    n->littype = t;
    n->x = x;
    n->list.n = 0;
    if (u->kind == KSTRING && xu->kind == KSLICE && xu->elem->kind == KUINT8)
        n->op = OBYTES2STR;
    else if (u->kind == KSLICE && u->elem->kind == KUINT8 && (xu->kind == KSTRING || xu->kind == KUNTYPEDSTRING))
        n->op = OSTR2BYTES;
    else if (u->kind == KINTER && xu->kind != KINTER)
        n->op = OCONVIFACE;
    else if (identical(u, xu) || (isUntyped(x->type)))
        n->op = OCONVNOP;
    else
        n->op = OCONV;
    if (isUntyped(x->type))
        x->type = n->op == OCONVNOP ? t : defaultType(x->type);
    return n;
}

// Go's ir.StaticValue: a local variable assigned once, from a function literal, stands for it.
Node *
staticValue(Node *n)
{
    while (n->op == ONAME && n->class == PAUTO && n->defn != NULL && n->defn->op == OAS && n->defn->y != NULL
           && !n->reassigned)
        n = n->defn->y;
    return n;
}

static Node *
checkCall(Checker *c, Node *n)
{
    // The function, or a builtin, a type, a method.
    Node *fun = n->x;
    if (fun->op == OIDENT) {
        Node *d = lookup(c, fun->sym);
        if (d != NULL && d->op == ONAME && d->class == PNONE && d->ival >= BNEW) {
            c->basePos = fun->pos;
            return checkBuiltin(c, n, (int)d->ival);
        }
    }
    if (fun->op == OTYPEEXPR || (fun->op == OPAREN && fun->x->op == OTYPEEXPR))
        return checkConversion(c, n, typeExpr(c, fun->op == OPAREN ? fun->x : fun)->type);
    c->callee = true;
    Node *f = checkExpr(c, fun);
    c->callee = false;
    if (isType(f))
        return checkConversion(c, n, f->type);
    for (int i = 0; i < n->list.n; i++)
        n->list.v[i] = checkExpr(c, n->list.v[i]);
    if (f->op == ODOTMETH || f->op == ODOTINTER) {
        // x.m(args): typecheck.FixMethodCall makes it T.m(x, args); the receiver is taken by
        // address, or dereferenced, as the method wants.
        Node *recv = f->x;
        if (f->op == ODOTMETH) {
            bool ptrRecv = f->isddd;
            if (ptrRecv && recv->type->kind != KPTR) {
                Node *addr = newNode(OADDR, f->xpos);
                addr->x = recv;
                addr->type = ptrTo(recv->type);
                addr->implicit = true;
                recv = addr;
                if (recv->x->op == ONAME)
                    recv->x->reassigned = true; // address taken: no longer a static value
            } else if (!ptrRecv && recv->type->kind == KPTR) {
                Node *star = newNode(ODEREF, f->xpos);
                star->x = recv;
                star->type = recv->type->elem;
                star->implicit = true;
                recv = star;
            }
            Node *callee = f->method->nname;
            n->op = OCALLFUNC;
            n->x = callee;
            Nodes args = {0};
            vpush(args, recv);
            for (int i = 0; i < n->list.n; i++)
                vpush(args, n->list.v[i]);
            n->list = args;
            checkArgs(c, n, f->type, 1);
            n->type = f->type->results.n == 1 ? f->type->results.v[0].type : NULL;
            n->sym = f->sym;
            return n;
        }
        n->op = OCALLINTER;
        n->x = f; // the selector: its X is the receiver
        checkArgs(c, n, f->type, 0);
        n->type = f->type->results.n == 1 ? f->type->results.v[0].type : NULL;
        return n;
    }
    Type *ft = under(f->type);
    if (ft == NULL || ft->kind != KFUNC)
        errorAt(file, n->pos, "invalid operation: cannot call non-function %s", nodeString(f));
    n->op = OCALLFUNC;
    n->x = f;
    checkArgs(c, n, ft, 0);
    n->type = ft->results.n == 1 ? ft->results.v[0].type : NULL;
    if (ft->results.n > 1)
        n->type = ft; // a multi-value call: only on the right of an assignment
    return n;
}
static Node *
checkBinary(Checker *c, Node *n)
{
    Node *x = checkExpr(c, n->x), *y = checkExpr(c, n->y);
    Type *tx = x->type, *ty = y->type;
    if (isUntyped(tx) && !isUntyped(ty))
        x->type = tx = ty->kind == KINTER ? defaultType(tx) : ty;
    if (isUntyped(ty) && !isUntyped(tx))
        y->type = ty = tx->kind == KINTER ? defaultType(ty) : tx;
    n->x = x;
    n->y = y;
    switch (n->op) {
    case OEQ: case ONE: case OLT: case OLE: case OGT: case OGE:
        n->type = types[KUNTYPEDBOOL];
        if (isUntyped(tx) && isUntyped(ty))
            x->type = defaultType(tx), y->type = defaultType(ty);
        return n;
    case OANDAND: case OOROR:
        n->type = tx;
        return n;
    }
    n->type = tx;
    if (n->op == OADD && (under(tx)->kind == KSTRING || tx->kind == KUNTYPEDSTRING) && !(isUntyped(tx) && isUntyped(ty))) {
        // typecheck: string + string is OADDSTR, one node for a whole chain
        Node *add = newNode(OADDSTR, n->pos);
        add->type = tx;
        if (x->op == OADDSTR && !x->implicit)
            add->list = x->list;
        else
            vpush(add->list, x);
        vpush(add->list, y);
        add->sym = "+";
        return add;
    }
    return n;
}

static const char *
closureName(Func *outer)
{
    outer->nclosures++;
    if (outer->outer != NULL)
        return xprintf("%s.%d", outer->name, outer->nclosures);
    return xprintf("%s.func%d", outer->name, outer->nclosures);
}

Node *
checkExpr(Checker *c, Node *n)
{
    c->basePos = n->pos; // irgen's expr0
    switch (n->op) {
    case OIDENT:
        return checkIdent(c, n);
    case OLITERAL:
        return n;
    case OPAREN:
        return checkExpr(c, n->x);
    case OTYPEEXPR:
        return typeExpr(c, n);
    case OSELECT: {
        bool callee = c->callee;
        c->callee = false;
        Node *r = checkSelector(c, n);
        if ((r->op == ODOTMETH || r->op == ODOTINTER) && !callee)
            errorAt(file, n->pos, "%s", "a method value (a method not called at once): outside the supported subset");
        return r;
    }
    case OCALL: {
        Node *r = checkCall(c, n);
        c->basePos = r->pos;
        return r;
    }
    case OCOMPLIT:
        if (n->x == NULL)
            errorAt(file, n->pos, "%s", "invalid composite literal type: missing type");
        return checkCompLit(c, n, typeExpr(c, n->x)->type);
    case OADDR:
        if (n->x->op == OCOMPLIT) {
            n->op = OPTRLIT;
            n->x = checkExpr(c, n->x);
            n->type = ptrTo(n->x->type);
            return n;
        }
        n->x = checkExpr(c, n->x);
        switch (n->x->op) {
        case ONAME:
            if (n->x->class == PFUNC)
                errorAt(file, n->pos, "invalid operation: cannot take address of %s", nodeString(n->x));
            n->x->reassigned = true;
            break;
        case ODOT: case ODOTPTR: case OINDEX: case ODEREF:
            break;
        default:
            errorAt(file, n->pos, "invalid operation: cannot take address of %s", nodeString(n->x));
        }
        n->type = ptrTo(n->x->type);
        return n;
    case ODEREF:
        n->x = checkExpr(c, n->x);
        if (isType(n->x))
            errorAt(file, n->pos, "%s", "a pointer type in an expression: outside the supported subset");
        if (under(n->x->type)->kind != KPTR)
            errorAt(file, n->pos, "invalid operation: cannot indirect %s", nodeString(n->x));
        n->type = under(n->x->type)->elem;
        return n;
    case ONEG: case OPLUS: case ONOT: case OBITNOT:
        n->x = checkExpr(c, n->x);
        n->type = n->x->type;
        return n;
    case OINDEX: {
        n->xpos = n->x->pos;
        Node *x = checkExpr(c, n->x), *i = checkExpr(c, n->y);
        Type *u = under(x->type);
        if (u->kind == KPTR && under(u->elem)->kind == KARRAY) {
            Node *star = newNode(ODEREF, n->xpos);
            star->x = x;
            star->type = u->elem;
            star->implicit = true;
            x = star;
            u = under(u->elem);
        }
        n->x = x;
        n->y = i;
        if (u->kind == KMAP) {
            n->op = OINDEXMAP;
            n->type = u->elem;
            if (hasUniquePos(i))
                c->basePos = i->pos;
            n->y = assignConv(c, i, u->key, i->pos);
        } else if (u->kind == KSLICE || u->kind == KARRAY) {
            n->type = u->elem;
        } else if (u->kind == KSTRING) {
            n->type = types[KUINT8];
        } else {
            errorAt(file, n->pos, "invalid operation: cannot index %s", nodeString(x));
        }
        if (isUntyped(i->type))
            i->type = types[KINT];
        return n;
    }
    case OSLICE: {
        n->xpos = n->x->pos;
        Node *x = checkExpr(c, n->x);
        for (Node **e = &n->y; e <= &n->z; e++)
            if (*e != NULL)
                *e = checkExpr(c, *e);
        if (n->cond != NULL)
            n->cond = checkExpr(c, n->cond);
        Type *u = under(x->type);
        if (u->kind == KSTRING) {
            n->op = OSLICESTR;
            n->type = x->type;
        } else if (u->kind == KSLICE) {
            n->type = x->type;
        } else if (u->kind == KARRAY || (u->kind == KPTR && under(u->elem)->kind == KARRAY)) {
            n->op = OSLICEARR;
            if (u->kind == KARRAY) {
                Node *addr = newNode(OADDR, n->xpos);
                addr->x = x;
                addr->type = ptrTo(x->type);
                addr->implicit = true;
                if (x->op == ONAME)
                    x->reassigned = true;
                x = addr;
                u = under(x->type);
            }
            n->type = sliceOf(under(u->elem)->elem);
        } else {
            errorAt(file, n->pos, "cannot slice %s", nodeString(x));
        }
        n->x = x;
        return n;
    }
    case ODOTTYPE:
        n->x = checkExpr(c, n->x);
        n->type = resolve(c, n->littype);
        return n;
    case OCLOSURE: {
        Func *fn = n->fn;
        fn->outer = c->fn;
        fn->name = closureName(c->fn);
        fn->type = resolve(c, fn->type);
        checkFuncBody(c, fn);
        n->type = fn->type;
        return n;
    }
    default:
        if (n->op >= OADD && n->op <= OOROR)
            return checkBinary(c, n);
    }
    errorAt(file, n->pos, "%s", "expression outside the supported subset");
}
// ---- statements

static Node *blankNode;

static Node *
newLocal(Checker *c, Token *t, Type *type)
{
    Node *name = newName(t->text, PAUTO, type, t->pos);
    name->curfn = c->fn;
    if (strcmp(t->text, "_") == 0)
        return blankNode;
    vpush(c->fn->dcl, name);
    return name;
}

static void
addressable(Node *n)
{
    switch (n->op) {
    case ONAME:
        if (n->class != PFUNC)
            return;
        break;
    case ODOTPTR: case ODEREF: case OINDEXMAP:
        return;
    case ODOT:
        addressable(n->x);
        return;
    case OINDEX:
        if (under(n->x->type)->kind == KARRAY)
            addressable(n->x);
        return;
    }
    if (n == blankNode)
        return;
    errorAt(file, n->pos, "cannot assign to %s", nodeString(n));
}

static Node *
lhsExpr(Checker *c, Node *n)
{
    if (n->op == OIDENT && strcmp(n->sym, "_") == 0) {
        c->basePos = n->pos;
        return blankNode;
    }
    Node *x = checkExpr(c, n);
    addressable(x);
    if (x->op == ONAME)
        x->reassigned = true;
    return x;
}


// x = y, x, y = a, b, and := (def), as irgen builds them: right-hand sides first.
static Node *
checkAssign(Checker *c, Node *n, bool def)
{
    for (int i = 0; i < n->rlist.n; i++)
        n->rlist.v[i] = checkExpr(c, n->rlist.v[i]);
    Nodes lhs = {0};
    bool multi = n->rlist.n == 1 && n->rlist.v[0]->op == OCALLFUNC && n->rlist.v[0]->type != NULL
                 && n->rlist.v[0]->type->kind == KFUNC;
    Type *results = multi ? n->rlist.v[0]->type : NULL;
    if (n->rlist.n == 1 && n->rlist.v[0]->type == NULL)
        errorAt(file, n->rlist.v[0]->pos, "%s (no value) used as value", nodeString(n->rlist.v[0]));
    int want = multi ? results->results.n : n->rlist.n;
    if (n->list.n != want)
        errorAt(file, n->pos, "assignment mismatch: %s", xprintf("%d variables but %d values", n->list.n, want));
    bool anyNew = false;
    for (int i = 0; i < n->list.n; i++) {
        Node *l = n->list.v[i];
        Type *rt = multi ? results->results.v[i].type : n->rlist.v[i]->type;
        if (def) {
            if (l->op != OIDENT)
                errorAt(file, l->pos, "non-name %s on left side of :=", nodeString(l));
            Node *old = NULL;
            for (int k = 0; k < c->scope->names.n; k++)
                if (strcmp(c->scope->names.v[k]->sym, l->sym) == 0)
                    old = c->scope->names.v[k];
            if (old == NULL && strcmp(l->sym, "_") != 0) {
                Node *name = newLocal(c, &(Token){.text = (char *)l->sym, .pos = l->pos}, defaultType(rt));
                name->defn = n;
                vpush(lhs, name);
                anyNew = true;
                continue;
            }
            if (old != NULL)
                old->reassigned = true;
            vpush(lhs, old != NULL ? old : blankNode);
            continue;
        }
        vpush(lhs, lhsExpr(c, l));
    }
    if (def && !anyNew)
        errorAt(file, n->pos, "%s", "no new variables on left side of :=");
    n->list = lhs;
    n->def = def;
    if (!multi)
        for (int i = 0; i < n->rlist.n; i++) {
            Node *l = lhs.v[i];
            Type *lt = l == blankNode ? NULL : l->type;
            if (lt != NULL && !(def && l->defn == n))
                n->rlist.v[i] = assignConv(c, n->rlist.v[i], lt, n->pos);
            else if (isUntyped(n->rlist.v[i]->type))
                n->rlist.v[i]->type = defaultType(n->rlist.v[i]->type);
        }
    if (multi) {
        n->op = OAS2FUNC;
    } else if (n->list.n == 1) {
        n->op = OAS;
        n->x = n->list.v[0];
        n->y = n->rlist.v[0];
    } else {
        n->op = OAS2;
    }
    for (int i = 0; i < lhs.n; i++) // initDefn: the new names' ODCLs run first
        if (lhs.v[i] != blankNode && lhs.v[i]->defn == n) {
            Node *d = newNode(ODCL, lhs.v[i]->pos);
            d->x = lhs.v[i];
            vpush(n->init, d);
        }
    for (int i = 0; i < lhs.n; i++)
        if (lhs.v[i] != blankNode && lhs.v[i]->defn == n)
            declare(c->scope, lhs.v[i]);
    return n;
}
static void
checkVarDecl(Checker *c, Node *n, Nodes *out, int class)
{
    Type *t = n->littype != NULL ? resolve(c, n->littype) : NULL;
    for (int i = 0; i < n->rlist.n; i++)
        n->rlist.v[i] = checkExpr(c, n->rlist.v[i]);
    if (n->rlist.n != 0 && n->rlist.n != n->list.n)
        errorAt(file, n->pos, "assignment mismatch: %s", xprintf("%d variables but %d values", n->list.n, n->rlist.n));
    for (int i = 0; i < n->list.n; i++) {
        Token *tok = (Token *)(void *)n->list.v[i];
        Node *init = n->rlist.n ? n->rlist.v[i] : NULL;
        Type *vt = t != NULL ? t : defaultType(init->type);
        Node *name;
        if (class == PEXTERN) {
            name = newName(tok->text, PEXTERN, vt, tok->pos);
            if (init != NULL)
                errorAt(file, init->pos, "%s", "an initialized package-level variable: outside the supported subset");
            declare(c->scope, name);
            vpush(c->pkg->globals, name);
            continue;
        }
        name = newLocal(c, tok, vt);
        Node *as = newNode(OAS, name->pos);
        as->x = name;
        as->y = init != NULL && t != NULL ? assignConv(c, init, t, tok->pos) : init;
        if (init != NULL && isUntyped(init->type))
            init->type = vt;
        if (init != NULL)
            name->defn = as;
        Node *d = newNode(ODCL, name->pos);
        d->x = name;
        vpush(as->init, d);
        vpush(*out, as);
        if (name != blankNode)
            declare(c->scope, name);
    }
}

static void
checkBlock(Checker *c, Node *b)
{
    pushScope(c);
    Nodes list = {0};
    for (int i = 0; i < b->list.n; i++)
        checkStmt(c, b->list.v[i], &list);
    b->list = list;
    popScope(c);
}
void
checkStmt(Checker *c, Node *n, Nodes *out)
{
    switch (n->op) {
    case OBLOCK:
        checkBlock(c, n);
        break;
    case OVARDECL:
        checkVarDecl(c, n, out, PAUTO);
        return;
    case ODEFINE:
        n = checkAssign(c, n, true);
        break;
    case OAS:
        n = checkAssign(c, n, false);
        break;
    case OASOP: {
        n->y = checkExpr(c, n->y);
        n->x = lhsExpr(c, n->x);
        if (isUntyped(n->y->type))
            n->y->type = n->x->type;
        break;
    }
    case OINCDEC: {
        Node *x = lhsExpr(c, n->x);
        Node *one = newNode(OLITERAL, n->pos);
        one->sval = "1";
        one->ival = 1;
        one->type = x->type;
        n->op = OASOP;
        n->asop = strcmp(n->sym, "++") == 0 ? OADD : OSUB;
        n->sym = n->asop == OADD ? "+" : "-";
        n->x = x;
        n->y = one;
        break;
    }
    case OEXPRSTMT: {
        Node *x = checkExpr(c, n->x);
        if (x->op != OCALLFUNC && x->op != OCALLINTER && x->op != OAPPEND && x->op != OCOPY && x->op != OPANIC
            && x->op != OPRINTN)
            errorAt(file, n->pos, "%s (value) is not used", nodeString(x));
        if (x->op == OAPPEND)
            errorAt(file, n->pos, "%s (value of type) is not used", nodeString(x));
        n = x;
        break;
    }
    case ORETURN: {
        Fields *res = &c->fn->type->results;
        for (int i = 0; i < n->list.n; i++)
            n->list.v[i] = checkExpr(c, n->list.v[i]);
        if (n->list.n != 0 && n->list.n != res->n)
            errorAt(file, n->pos, "%s", n->list.n < res->n ? "not enough return values" : "too many return values");
        Pos lno = c->basePos;
        for (int i = 0; i < n->list.n; i++) {
            if (hasUniquePos(n->list.v[i]))
                c->basePos = n->list.v[i]->pos;
            n->list.v[i] = assignConv(c, n->list.v[i], res->v[i].type, n->list.v[i]->pos);
        }
        c->basePos = lno;
        break;
    }
    case OIF: {
        pushScope(c);
        if (n->z != NULL) {
            Nodes init = {0};
            checkStmt(c, n->z, &init);
            n->init = init;
            n->z = NULL;
        }
        n->cond = checkExpr(c, n->cond);
        checkBlock(c, n->x);
        if (n->y != NULL) {
            Nodes els = {0};
            checkStmt(c, n->y, &els);
            n->rlist = els;
        }
        popScope(c);
        break;
    }
    case OFOR: {
        pushScope(c);
        if (n->x != NULL) {
            Nodes init = {0};
            checkStmt(c, n->x, &init);
            n->init = init;
            n->x = NULL;
        }
        if (n->cond != NULL)
            n->cond = checkExpr(c, n->cond);
        if (n->z != NULL) {
            Nodes post = {0};
            checkStmt(c, n->z, &post);
            n->z = post.n ? post.v[0] : NULL;
        }
        c->loop++, c->loopOnly++;
        checkBlock(c, n->y);
        c->loop--, c->loopOnly--;
        popScope(c);
        break;
    }
    case ORANGE: {
        n->x = checkExpr(c, n->x);
        Type *u = under(n->x->type);
        Type *kt, *vt;
        if (u->kind == KPTR && under(u->elem)->kind == KARRAY)
            u = under(u->elem);
        switch (u->kind) {
        case KSLICE: case KARRAY:
            kt = types[KINT], vt = u->elem;
            break;
        case KSTRING:
            kt = types[KINT], vt = types[KINT32];
            break;
        case KMAP:
            kt = u->key, vt = u->elem;
            break;
        default:
            errorAt(file, n->x->pos, "cannot range over %s", nodeString(n->x));
        }
        pushScope(c);
        Node *key = NULL, *val = NULL;
        for (int i = 0; i < n->list.n && i < 2; i++) {
            Node *l = n->list.v[i];
            Node *v;
            if (n->implicit) {
                if (l->op != OIDENT)
                    errorAt(file, l->pos, "non-name %s on left side of :=", nodeString(l));
                v = newLocal(c, &(Token){.text = (char *)l->sym, .pos = l->pos}, i == 0 ? kt : vt);
                if (v != blankNode) {
                    v->defn = n;
                    Node *d = newNode(ODCL, v->pos);
                    d->x = v;
                    vpush(n->init, d);
                }
            } else {
                v = lhsExpr(c, l);
            }
            if (i == 0)
                key = v;
            else
                val = v;
        }
        if (n->implicit)
            for (int i = 0; i < n->init.n; i++)
                declare(c->scope, n->init.v[i]->x);
        n->key = key;
        n->value = val;
        c->loop++, c->loopOnly++;
        checkBlock(c, n->y);
        c->loop--, c->loopOnly--;
        popScope(c);
        break;
    }
    case OBREAK:
        if (c->loop == 0)
            errorAt(file, n->pos, "%s", "break is not in a loop or switch");
        break;
    case OCONTINUE:
        if (c->loopOnly == 0)
            errorAt(file, n->pos, "%s", "continue is not in a loop");
        break;
    case OSWITCH:
        checkSwitchStmt(c, n);
        break;
    default:
        errorAt(file, n->pos, "%s", "statement outside the supported subset");
    }
    vpush(*out, n);
}
// The tool's own switch: the parser refuses it first, so this is never reached.
__attribute__((weak)) void
checkSwitchStmt(Checker *c, Node *n)
{
    (void)c;
    errorAt(file, n->pos, "%s", "a switch statement: outside the supported subset of Go (see the chapter)");
}

// ---- functions and the package

static Node *
paramName(Checker *c, Func *fn, Field *f, int class, int index)
{
    const char *sym = f->name;
    if (sym == NULL && class == PPARAMOUT)
        sym = xprintf("~r%d", index);
    if (sym == NULL)
        return NULL;
    if (strcmp(sym, "_") == 0 && class == PPARAMOUT)
        sym = xprintf("~b%d", index);
    Node *n = newName(sym, class, f->type, f->pos);
    n->curfn = fn;
    f->nname = n;
    vpush(fn->dcl, n);
    if (strcmp(sym, "_") != 0)
        declare(c->scope, n);
    return n;
}

static void
checkFuncBody(Checker *c, Func *fn)
{
    Func *savedFn = c->fn;
    int savedLoop = c->loop, savedLoopOnly = c->loopOnly;
    c->fn = fn;
    c->loop = c->loopOnly = 0;
    pushScope(c);
    if (fn->type->recv != NULL)
        paramName(c, fn, fn->type->recv, PPARAM, 0);
    for (int i = 0; i < fn->type->fields.n; i++)
        paramName(c, fn, &fn->type->fields.v[i], PPARAM, i);
    for (int i = 0; i < fn->type->results.n; i++)
        paramName(c, fn, &fn->type->results.v[i], PPARAMOUT, i);
    checkBlock(c, fn->body);
    popScope(c);
    c->fn = savedFn;
    c->loop = savedLoop;
    c->loopOnly = savedLoopOnly;
}

void
checkPackage(Package *pkg)
{
    file = pkg->file;
    blankNode = newName("_", PNONE, newType(KBLANK), (Pos){0, 0});
    Checker c = {.pkg = pkg};
    static Scope pkgScope;
    pkgScope.outer = &universe;
    c.scope = &pkgScope;
    for (int i = 0; i < pkg->named.n; i++)
        declareType(&pkgScope, pkg->named.v[i]->name, pkg->named.v[i]);
    for (int i = 0; i < pkg->named.n; i++)
        resolveNamed(&c, pkg->named.v[i]);
    // Functions and methods: their names and signatures.
    for (int i = 0; i < pkg->funcs.n; i++) {
        Func *fn = pkg->funcs.v[i];
        fn->type = resolve(&c, fn->type);
        if (fn->type->recv != NULL) {
            Type *rt = fn->type->recv->type;
            bool ptr = rt->kind == KPTR && rt->name == NULL;
            Type *base = ptr ? rt->elem : rt;
            if (base->name == NULL || base->kind == KINTER || base->kind == KPTR)
                errorAt(file, fn->pos, "invalid receiver type %s", typeString(rt));
            vpush(base->methods, ((Method){.name = fn->name, .fn = fn, .type = fn->type, .ptrRecv = ptr}));
            fn->name = ptr ? xprintf("(*%s).%s", base->name, fn->name) : xprintf("%s.%s", base->name, fn->name);
        }
        fn->nname = newName(fn->name, PFUNC, fn->type, fn->pos);
        fn->nname->fn = fn;
        if (fn->type->recv == NULL) {
            fn->nname->sym = fn->name;
            declare(&pkgScope, fn->nname);
        }
    }
    Nodes none = {0};
    VEC(Node *) decls = {0};
    for (int i = 0; i < pkg->globals.n; i++)
        vpush(decls, pkg->globals.v[i]);
    pkg->globals.n = 0;
    for (int i = 0; i < decls.n; i++)
        checkVarDecl(&c, decls.v[i], &none, PEXTERN);
    for (int i = 0; i < pkg->funcs.n; i++)
        checkFuncBody(&c, pkg->funcs.v[i]);
}
