// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Escape analysis: Go 1.19's cmd/compile/internal/escape (escape.go, graph.go, solve.go, leaks.go,
// expr.go, stmt.go, assign.go, call.go, utils.go) over this tool's IR.
#include "esc.h"

int flagM;
const char *flagDot; // -dot=FUNC: print FUNC's location graph for Graphviz instead

// ---- leaks.go: a parameter's tag

enum { numEscResults = 7 };

static int
leaks_get(const Leaks *l, int i)
{
    return (int)l->v[i] - 1;
}

static void
leaks_set(Leaks *l, int i, int derefs)
{
    int v = derefs + 1;
    if (v < 0) {
        fprintf(stderr, "escape: invalid derefs count: %d\n", derefs);
        exit(2);
    }
    l->v[i] = (uint8_t)(v > 255 ? 255 : v);
}

static void
leaks_add(Leaks *l, int i, int derefs)
{
    int old = leaks_get(l, i);
    if (old < 0 || derefs < old)
        leaks_set(l, i, derefs);
}

static bool
leaks_empty(const Leaks *l)
{
    for (int i = 0; i < 8; i++)
        if (l->v[i] != 0)
            return false;
    return true;
}

static void
leaks_optimize(Leaks *l)
{
    int x = leaks_get(l, 0);
    if (x >= 0)
        for (int i = 0; i < numEscResults; i++)
            if (leaks_get(l, 1 + i) >= x)
                leaks_set(l, 1 + i, -1);
}
// ---- graph.go: locations, edges and holes

typedef struct Note {
    struct Note *next;
    Node *where;
    const char *why;
} Note;

typedef struct Location Location;
typedef struct Edge {
    Location *src;
    int derefs; // >= -1
    Note *notes;
} Edge;

struct Location {
    Node *n;      // the variable or expression it stands for, if any
    Func *curfn;  // the enclosing function
    VEC(Edge) edges; // incoming
    int loopDepth;
    int resultIndex; // 1 + i for result i
    int derefs;   // during a walk
    uint32_t walkgen;
    Location *dst; // the path back to the walk's root, for -m=2
    int dstEdgeIdx;
    bool queued, escapes, transient;
    Leaks paramEsc;
    bool captured, reassigned, addrtaken;
};

typedef struct Hole {
    Location *dst;
    int derefs; // >= -1
    Note *notes;
    bool addrtaken;
} Hole;

typedef struct Closure {
    Hole k;
    Node *clo;
} Closure;

struct Batch {
    VEC(Location *) allLocs;
    VEC(Closure) closures;
    Location heapLoc, blankLoc;
};

static Hole
asHole(Location *l)
{
    return (Hole){.dst = l};
}

static bool
isName(Location *l, int class)
{
    return l->n != NULL && l->n->op == ONAME && l->n->class == class;
}

static void
leakTo(Location *l, Location *sink, int derefs)
{
    if (!sink->escapes && isName(sink, PPARAMOUT) && sink->curfn == l->curfn) {
        int ri = sink->resultIndex - 1;
        if (ri < numEscResults) {
            leaks_add(&l->paramEsc, 1 + ri, derefs);
            return;
        }
    }
    leaks_add(&l->paramEsc, 0, derefs);
}

static Hole
note(Hole k, Node *where, const char *why)
{
    if (flagM >= 2) {
        Note *n = xmalloc(sizeof *n);
        *n = (Note){k.notes, where, why};
        k.notes = n;
    }
    return k;
}

static Hole
shift(Hole k, int delta)
{
    k.derefs += delta;
    if (k.derefs < -1) {
        fprintf(stderr, "escape: derefs underflow: %d\n", k.derefs);
        exit(2);
    }
    k.addrtaken = delta < 0;
    return k;
}

static Hole
deref(Hole k, Node *where, const char *why)
{
    return note(shift(k, 1), where, why);
}

static Hole
addr(Hole k, Node *where, const char *why)
{
    return note(shift(k, -1), where, why);
}

static Hole
dotType(Hole k, Type *t, Node *where, const char *why)
{
    if (!isInterface(t) && !isDirectIface(t))
        k = shift(k, 1);
    return note(k, where, why);
}

static char *explainLoc(Batch *b, Location *l);
static void explainFlow(Batch *b, const char *pos, Location *dst, Location *src, int derefs, Note *notes);
static void
flow(Batch *b, Hole k, Location *src)
{
    if (k.addrtaken)
        src->addrtaken = true;
    Location *dst = k.dst;
    if (dst == &b->blankLoc)
        return;
    if (dst == src && k.derefs >= 0) // x = x, x = *x: nothing new
        return;
    if (dst->escapes && k.derefs < 0) { // the address of src goes to the heap
        if (flagM >= 2) {
            char *pos = posString(src->n->pos);
            printf("%s: %s escapes to heap:\n", pos, nodeString(src->n));
            explainFlow(b, pos, dst, src, k.derefs, k.notes);
        }
        src->escapes = true;
        return;
    }
    vpush(dst->edges, ((Edge){src, k.derefs, k.notes}));
}
static Hole
heapHole(Batch *b)
{
    return asHole(&b->heapLoc);
}

static Hole
discardHole(Batch *b)
{
    return asHole(&b->blankLoc);
}

static Location *
oldLoc(Node *n)
{
    if (n->canon != NULL)
        n = n->canon;
    if (n->opt == NULL) {
        fprintf(stderr, "escape: %s has no location\n", n->sym);
        exit(2);
    }
    return n->opt;
}

static Location *
newLoc(Escape *e, Node *n, bool transient)
{
    Location *loc = xmalloc(sizeof *loc);
    *loc = (Location){.n = n, .curfn = e->curfn, .loopDepth = e->loopDepth, .transient = transient};
    vpush(e->b->allLocs, loc);
    if (n != NULL && n->op == ONAME) {
        if (n->opt != NULL) {
            fprintf(stderr, "escape: %s already has a location\n", n->sym);
            exit(2);
        }
        n->opt = loc;
    }
    return loc;
}

static Hole
teeHole(Escape *e, Hole *ks, int nks)
{
    if (nks == 0)
        return discardHole(e->b);
    if (nks == 1)
        return ks[0];
    // A temporary: what flows into it reaches every hole.
    Location *loc = newLoc(e, NULL, true);
    for (int i = 0; i < nks; i++) {
        if (ks[i].derefs < 0) {
            fprintf(stderr, "escape: teeHole: negative derefs\n");
            exit(2);
        }
        flow(e->b, ks[i], loc);
    }
    return asHole(loc);
}
// ---- expr.go

static void expr(Escape *e, Hole k, Node *n);
static void call(Escape *e, Hole *ks, int nks, Node *c);
static void walkFunc(Batch *b, Func *fn);
static Hole addrOf(Escape *e, Node *n);

void
discard(Escape *e, Node *n)
{
    expr(e, discardHole(e->b), n);
}

static Hole
spill(Escape *e, Hole k, Node *n)
{
    Location *loc = newLoc(e, n, true);
    flow(e->b, addr(k, n, "spill"), loc);
    return asHole(loc);
}

static void
assignHeap(Escape *e, Node *src, const char *why, Node *where)
{
    expr(e, note(heapHole(e->b), where, why), src);
}

static void
exprSkipInit(Escape *e, Hole k, Node *n)
{
    if (n == NULL)
        return;
    if (k.derefs >= 0 && n->type != NULL && !isUntyped(n->type) && !hasPointers(n->type))
        k.dst = &e->b->blankLoc;
    switch (n->op) {
    case OLITERAL: case ONIL: case OTYPE:
        break;
    case ONAME:
        if (n->class == PFUNC || n->class == PEXTERN || n->class == PNONE)
            return;
        flow(e->b, k, oldLoc(n));
        break;
    case OPLUS: case ONEG: case OBITNOT: case ONOT:
        discard(e, n->x);
        break;
    case OADD: case OSUB: case OOR: case OXOR: case OMUL: case ODIV: case OMOD: case OLSH: case ORSH: case OAND:
    case OANDNOT: case OEQ: case ONE: case OLT: case OLE: case OGT: case OGE: case OANDAND: case OOROR:
        discard(e, n->x);
        discard(e, n->y);
        break;
    case OADDR:
        expr(e, addr(k, n, "address-of"), n->x);
        break;
    case ODEREF:
        expr(e, deref(k, n, "indirection"), n->x);
        break;
    case ODOT:
        expr(e, note(k, n, "dot"), n->x);
        break;
    case ODOTPTR:
        expr(e, deref(k, n, "dot of pointer"), n->x);
        break;
    case ODOTTYPE:
        expr(e, dotType(k, n->type, n, "dot"), n->x);
        break;
    case OINDEX:
        if (under(n->x->type)->kind == KARRAY)
            expr(e, note(k, n, "fixed-array-index-of"), n->x);
        else // the slice's or string's element: a dereference
            expr(e, deref(k, n, "dot of pointer"), n->x);
        discard(e, n->y);
        break;
    case OINDEXMAP:
        discard(e, n->x);
        discard(e, n->y);
        break;
    case OSLICE: case OSLICEARR: case OSLICESTR:
        expr(e, note(k, n, "slice"), n->x);
        discard(e, n->y);
        discard(e, n->z);
        discard(e, n->cond);
        break;
    case OCONV: case OCONVNOP:
        expr(e, k, n->x);
        break;
    case OCONVIFACE:
        if (!isInterface(n->x->type) && !isDirectIface(n->x->type))
            k = spill(e, k, n);
        expr(e, note(k, n, "interface-converted"), n->x);
        break;
    case OCALLFUNC: case OCALLINTER: case OLEN: case OCAP: case OAPPEND: case OCOPY:
        call(e, &k, 1, n);
        break;
    case ONEW:
        spill(e, k, n);
        break;
    case OMAKESLICE:
        spill(e, k, n);
        discard(e, n->x);
        discard(e, n->y);
        break;
    case OMAKEMAP:
        spill(e, k, n);
        discard(e, n->x);
        break;
    case OPTRLIT:
        expr(e, spill(e, k, n), n->x);
        break;
    case OARRAYLIT:
        for (int i = 0; i < n->list.n; i++) {
            Node *elt = n->list.v[i];
            if (elt->op == OKEY)
                elt = elt->y;
            expr(e, note(k, n, "array literal element"), elt);
        }
        break;
    case OSLICELIT:
        k = spill(e, k, n);
        for (int i = 0; i < n->list.n; i++) {
            Node *elt = n->list.v[i];
            if (elt->op == OKEY)
                elt = elt->y;
            expr(e, note(k, n, "slice-literal-element"), elt);
        }
        break;
    case OSTRUCTLIT:
        for (int i = 0; i < n->list.n; i++)
            expr(e, note(k, n, "struct literal element"), n->list.v[i]->x);
        break;
    case OMAPLIT:
        spill(e, k, n);
        for (int i = 0; i < n->list.n; i++) {
            assignHeap(e, n->list.v[i]->x, "map literal key", n);
            assignHeap(e, n->list.v[i]->y, "map literal value", n);
        }
        break;
    case OCLOSURE: {
        k = spill(e, k, n);
        vpush(e->b->closures, ((Closure){k, n}));
        Func *fn = n->fn;
        for (int i = 0; i < fn->cvars.n; i++) {
            Location *loc = oldLoc(fn->cvars.v[i]);
            if (!loc->captured) {
                loc->captured = true;
                // Assignments before the first capture, at the same loop depth, do not count.
                if (loc->loopDepth == e->loopDepth)
                    loc->reassigned = false;
            }
        }
        for (int i = 0; i < fn->dcl.n; i++)
            if (fn->dcl.v[i]->opt == NULL) {
                Escape ce = {e->b, fn, 1};
                newLoc(&ce, fn->dcl.v[i], false);
            }
        walkFunc(e->b, fn);
        break;
    }
    case OBYTES2STR: case OSTR2BYTES:
        spill(e, k, n);
        discard(e, n->x);
        break;
    case OADDSTR:
        spill(e, k, n);
        for (int i = 0; i < n->list.n; i++)
            discard(e, n->list.v[i]);
        break;
    default:
        fprintf(stderr, "escape: unexpected expr: %s\n", nodeString(n));
        exit(2);
    }
}

static void
expr(Escape *e, Hole k, Node *n)
{
    if (n == NULL)
        return;
    stmts(e, &n->init);
    exprSkipInit(e, k, n);
}
// ---- stmt.go

static void stmt(Escape *e, Node *n);

void
stmts(Escape *e, Nodes *l)
{
    for (int i = 0; i < l->n; i++)
        stmt(e, l->v[i]);
}

void
block(Escape *e, Nodes *l)
{
    int old = e->loopDepth;
    stmts(e, l);
    e->loopDepth = old;
}

static Hole
dcl(Escape *e, Node *n)
{
    Location *loc = oldLoc(n);
    loc->loopDepth = e->loopDepth;
    return asHole(loc);
}

static void assignList(Escape *e, Nodes *dsts, Nodes *srcs, const char *why, Node *where);
static void reassigned(Escape *e, Hole *ks, int nks, Node *where);

static void
stmt(Escape *e, Node *n)
{
    if (n == NULL)
        return;
    stmts(e, &n->init);
    switch (n->op) {
    case OBREAK: case OCONTINUE: case OEMPTY:
        break;
    case OBLOCK:
        stmts(e, &n->list);
        break;
    case ODCL:
        if (n->x->sym[0] != '_' || n->x->sym[1] != 0)
            dcl(e, n->x);
        break;
    case OIF:
        discard(e, n->cond);
        block(e, &n->x->list);
        block(e, &n->rlist);
        break;
    case OFOR:
        e->loopDepth++;
        discard(e, n->cond);
        stmt(e, n->z);
        block(e, &n->y->list);
        e->loopDepth--;
        break;
    case ORANGE: {
        // The ranged value is computed once, before the loop.
        Location *tmp = newLoc(e, NULL, false);
        expr(e, asHole(tmp), n->x);
        e->loopDepth++;
        Hole ks[2] = {addrOf(e, n->key), addrOf(e, n->value)};
        if (under(n->x->type)->kind == KARRAY)
            flow(e->b, note(ks[1], n, "range"), tmp);
        else
            flow(e->b, deref(ks[1], n, "range-deref"), tmp);
        reassigned(e, ks, 2, n);
        block(e, &n->y->list);
        e->loopDepth--;
        break;
    }
    case OAS: {
        Nodes d = {0}, s = {0};
        vpush(d, n->x);
        vpush(s, n->y);
        assignList(e, &d, &s, "assign", n);
        break;
    }
    case OASOP: {
        Nodes d = {0}, s = {0};
        vpush(d, n->x);
        vpush(s, n->y);
        assignList(e, &d, &s, "assign", n);
        break;
    }
    case OAS2:
        assignList(e, &n->list, &n->rlist, "assign-pair", n);
        break;
    case OAS2FUNC: {
        stmts(e, &n->rlist.v[0]->init);
        VEC(Hole) ks = {0};
        for (int i = 0; i < n->list.n; i++)
            vpush(ks, addrOf(e, n->list.v[i]));
        call(e, ks.v, ks.n, n->rlist.v[0]);
        reassigned(e, ks.v, ks.n, n);
        break;
    }
    case ORETURN: {
        Fields *results = &e->curfn->type->results;
        Nodes dsts = {0};
        for (int i = 0; i < results->n; i++)
            vpush(dsts, results->v[i].nname);
        assignList(e, &dsts, &n->list, "return", n);
        break;
    }
    case OCALLFUNC: case OCALLINTER: case OCOPY: case OPANIC: case OPRINTN:
        call(e, NULL, 0, n);
        break;
    case OSWITCH:
        escapeSwitchStmt(e, n);
        break;
    default:
        fprintf(stderr, "escape: unexpected stmt: %s\n", nodeString(n));
        exit(2);
    }
}
// The tool's own switch: never reached, since the parser refuses it.
__attribute__((weak)) void
escapeSwitchStmt(Escape *e, Node *n)
{
    (void)e;
    fprintf(stderr, "escape: unexpected stmt: %s\n", nodeString(n));
    exit(2);
}

// ---- assign.go

static Hole
addrOf(Escape *e, Node *n)
{
    if (n == NULL || (n->op == ONAME && n->class == PNONE))
        return discardHole(e->b);
    Hole k = heapHole(e->b);
    switch (n->op) {
    case ONAME:
        if (n->class == PEXTERN)
            break;
        k = asHole(oldLoc(n));
        break;
    case ODOT:
        k = addrOf(e, n->x);
        break;
    case OINDEX:
        discard(e, n->y);
        if (under(n->x->type)->kind == KARRAY)
            k = addrOf(e, n->x);
        else
            discard(e, n->x);
        break;
    case ODEREF: case ODOTPTR:
        discard(e, n);
        break;
    case OINDEXMAP:
        discard(e, n->x);
        assignHeap(e, n->y, "key of map put", n);
        break;
    default:
        fprintf(stderr, "escape: unexpected addr: %s\n", nodeString(n));
        exit(2);
    }
    return k;
}

static bool sameSafeExpr(Node *l, Node *r);
static bool
mayAffectMemory(Node *n)
{
    switch (n->op) {
    case ONAME: case OLITERAL: case ONIL:
        return false;
    case OADD: case OSUB: case OOR: case OXOR: case OMUL: case OLSH: case ORSH: case OAND: case OANDNOT: case ODIV:
    case OMOD:
        return mayAffectMemory(n->x) || mayAffectMemory(n->y);
    case OINDEX:
        return mayAffectMemory(n->x) || mayAffectMemory(n->y);
    case OCONVNOP: case OCONV: case OLEN: case OCAP: case ONOT: case OBITNOT: case OPLUS: case ONEG: case ODOT:
    case ODOTPTR: case ODEREF:
        return mayAffectMemory(n->x);
    }
    return true;
}

// ir.SameSafeExpr: two expressions that evaluate to the same thing, with no side effects.
static bool
sameSafeExpr(Node *l, Node *r)
{
    if (l->op != r->op || !identical(l->type, r->type))
        return false;
    switch (l->op) {
    case ONAME:
        return l == r;
    case ODOT: case ODOTPTR:
        return strcmp(l->sym, r->sym) == 0 && sameSafeExpr(l->x, r->x);
    case ODEREF: case OCONVNOP: case OCONV:
        return sameSafeExpr(l->x, r->x);
    case OINDEX: case OINDEXMAP:
        return sameSafeExpr(l->x, r->x) && sameSafeExpr(l->y, r->y);
    case OADD: case OSUB: case OOR: case OXOR: case OMUL: case OLSH: case ORSH: case OAND: case OANDNOT: case ODIV:
    case OMOD:
        return sameSafeExpr(l->x, r->x) && sameSafeExpr(l->y, r->y);
    case OLITERAL:
        return l->sval != NULL && r->sval != NULL && strcmp(l->sval, r->sval) == 0;
    case ONIL:
        return true;
    }
    return false;
}

// utils.go: isSelfAssign, for the cases of the subset (x.f = x.g, a[i] = a[j]).
static bool
isSelfAssign(Node *dst, Node *src)
{
    if (dst == NULL || src == NULL || dst->op != src->op)
        return false;
    switch (dst->op) {
    case ODOT: case ODOTPTR:
        return sameSafeExpr(dst->x, src->x);
    case OINDEX:
        if (mayAffectMemory(dst->y) || mayAffectMemory(src->y))
            return false;
        return sameSafeExpr(dst->x, src->x);
    }
    return false;
}
static void
assignList(Escape *e, Nodes *dsts, Nodes *srcs, const char *why, Node *where)
{
    VEC(Hole) ks = {0};
    for (int i = 0; i < dsts->n; i++)
        vpush(ks, addrOf(e, dsts->v[i]));
    for (int i = 0; i < ks.n; i++) {
        Hole k = ks.v[i];
        Node *src = i < srcs->n ? srcs->v[i] : NULL;
        Node *dst = dsts->v[i];
        if (dst != NULL && src != NULL && isSelfAssign(dst, src)) {
            if (flagM != 0)
                printf("%s: %s ignoring self-assignment in %s\n", posString(where->pos), e->curfn->name,
                       nodeString(where));
            k = discardHole(e->b);
        }
        expr(e, note(k, where, why), src);
    }
    reassigned(e, ks.v, ks.n, where);
}

// Marks the locations that ks assign to as reassigned, except a variable's own definition.
static void
reassigned(Escape *e, Hole *ks, int nks, Node *where)
{
    (void)e;
    if (where->op == OAS && where->y == NULL && where->x->op == ONAME && where->x->defn == NULL)
        return; // var x T: its zero initialization
    for (int i = 0; i < nks; i++) {
        Location *loc = ks[i].dst;
        if (loc->n != NULL && loc->n->op == ONAME && loc->n->defn == where && where->op != ORANGE)
            continue;
        loc->reassigned = true;
    }
}
// ---- call.go

static bool inMutualBatch(Func *fn);

static Hole
tagHole(Escape *e, Hole *ks, int nks, Func *fn, Field *param, int index)
{
    if (fn == NULL)
        return heapHole(e->b);
    if (inMutualBatch(fn))
        return addrOf(e, param->nname);
    // A function already analyzed: its tags say where each argument goes.
    VEC(Hole) tagKs = {0};
    Leaks esc = index < fn->tags.n ? fn->tags.v[index] : (Leaks){{1}};
    int x = leaks_get(&esc, 0);
    if (x >= 0)
        vpush(tagKs, shift(heapHole(e->b), x));
    if (ks != NULL)
        for (int i = 0; i < numEscResults && i < nks; i++) {
            int r = leaks_get(&esc, 1 + i);
            if (r >= 0)
                vpush(tagKs, shift(ks[i], r));
        }
    return teeHole(e, tagKs.v, tagKs.n);
}

static void
argument(Escape *e, Hole k, Node *c, Node *arg)
{
    expr(e, note(k, c, "call parameter"), arg);
}

static void
call(Escape *e, Hole *ks, int nks, Node *c)
{
    switch (c->op) {
    case OCALLFUNC: case OCALLINTER: {
        Func *fn = NULL;
        Type *fntype;
        if (c->op == OCALLFUNC) {
            if (c->x->op == OCLOSURE)
                c->x->fn->closureCalled = true;
            Node *v = staticValue(c->x);
            if (v->op == ONAME && v->class == PFUNC)
                fn = v->fn;
            else if (v->op == OCLOSURE)
                fn = v->fn;
            fntype = under(c->x->type);
            if (fn != NULL)
                fntype = fn->type;
        } else {
            fntype = c->x->type; // the interface method's signature
        }
        if (ks != NULL && fn != NULL && inMutualBatch(fn))
            for (int i = 0; i < fn->type->results.n; i++)
                expr(e, ks[i], fn->type->results.v[i].nname);
        int a = 0;
        if (c->op == OCALLFUNC) {
            argument(e, discardHole(e->b), c, c->x);
        } else {
            // OCALLINTER: the receiver, then the parameters, to the heap.
            argument(e, heapHole(e->b), c, c->x->x);
        }
        int index = 0;
        if (c->op == OCALLFUNC && fntype->recv != NULL) {
            argument(e, tagHole(e, ks, nks, fn, fntype->recv, index), c, c->list.v[a]);
            a++, index++;
        }
        for (int i = 0; i < fntype->fields.n; i++, a++, index++)
            argument(e, tagHole(e, ks, nks, fn, &fntype->fields.v[i], index), c, c->list.v[a]);
        break;
    }
    case OAPPEND: {
        Node **args = c->list.v;
        Hole appendeeK = ks[0];
        if (hasPointers(under(args[0]->type)->elem)) {
            Hole two[2] = {appendeeK, deref(heapHole(e->b), c, "appendee slice")};
            appendeeK = teeHole(e, two, 2);
        }
        argument(e, appendeeK, c, args[0]);
        if (c->isddd) {
            Hole appendedK = discardHole(e->b);
            if (under(args[1]->type)->kind == KSLICE && hasPointers(under(args[1]->type)->elem))
                appendedK = deref(heapHole(e->b), c, "appended slice...");
            argument(e, appendedK, c, args[1]);
        } else {
            for (int i = 1; i < c->list.n; i++)
                argument(e, heapHole(e->b), c, args[i]);
        }
        break;
    }
    case OCOPY: {
        argument(e, discardHole(e->b), c, c->x);
        Hole copiedK = discardHole(e->b);
        if (under(c->y->type)->kind == KSLICE && hasPointers(under(c->y->type)->elem))
            copiedK = deref(heapHole(e->b), c, "copied slice");
        argument(e, copiedK, c, c->y);
        break;
    }
    case OPANIC:
        argument(e, heapHole(e->b), c, c->x);
        break;
    case OPRINTN:
        for (int i = 0; i < c->list.n; i++)
            argument(e, discardHole(e->b), c, c->list.v[i]);
        break;
    case OLEN: case OCAP:
        argument(e, discardHole(e->b), c, c->x);
        break;
    default:
        fprintf(stderr, "escape: unexpected call: %s\n", nodeString(c));
        exit(2);
    }
}
// ---- solve.go

static bool
containsClosure(Func *f, Func *c)
{
    if (f == c)
        return false;
    size_t fl = strlen(f->name), cl = strlen(c->name);
    return cl > fl && strncmp(c->name, f->name, fl) == 0 && c->name[fl] == '.';
}

// Whether l outlives other: values flowing from other to l need other on the heap.
static bool
outlives(Location *l, Location *other)
{
    if (l->escapes)
        return true;
    if (isName(l, PPARAMOUT)) {
        // A closure called at once, inside its function: its results die before that
        // function's variables do.
        if (containsClosure(other->curfn, l->curfn) && l->curfn->closureCalled)
            return false;
        return true;
    }
    if (l->curfn == other->curfn && l->loopDepth < other->loopDepth)
        return true;
    if (containsClosure(l->curfn, other->curfn))
        return true;
    return false;
}

static void explainPath(Batch *b, Location *root, Location *src);

typedef VEC(Location *) LocStack;

static void
enqueue(LocStack *todo, Location *loc)
{
    if (!loc->queued) {
        vpush(*todo, loc);
        loc->queued = true;
    }
}
static void
walkOne(Batch *b, Location *root, uint32_t walkgen, LocStack *queue)
{
    root->walkgen = walkgen;
    root->derefs = 0;
    root->dst = NULL;
    LocStack todo = {0}; // LIFO
    vpush(todo, root);
    while (todo.n > 0) {
        Location *l = todo.v[--todo.n];
        int derefs = l->derefs;
        bool addressOf = derefs < 0;
        if (addressOf) {
            // root receives l's address: from l on, count dereferences from zero.
            derefs = 0;
            // Its address reaches a location that lives on: l itself is no longer transient.
            if (!root->transient && l->transient) {
                l->transient = false;
                enqueue(queue, l);
            }
        }
        if (outlives(root, l)) {
            if (isName(l, PPARAM)) {
                if (flagM >= 2 && !l->escapes) {
                    printf("%s: parameter %s leaks to %s with derefs=%d:\n", posString(l->n->pos), nodeString(l->n),
                           explainLoc(b, root), derefs);
                    explainPath(b, root, l);
                }
                leakTo(l, root, derefs);
            }
            if (addressOf && !l->escapes) {
                if (flagM >= 2) {
                    printf("%s: %s escapes to heap:\n", posString(l->n->pos), nodeString(l->n));
                    explainPath(b, root, l);
                }
                l->escapes = true;
                enqueue(queue, l);
                continue;
            }
        }
        for (int i = 0; i < l->edges.n; i++) {
            Edge *edge = &l->edges.v[i];
            if (edge->src->escapes)
                continue;
            int d = derefs + edge->derefs;
            if (edge->src->walkgen != walkgen || edge->src->derefs > d) {
                edge->src->walkgen = walkgen;
                edge->src->derefs = d;
                edge->src->dst = l;
                edge->src->dstEdgeIdx = i;
                vpush(todo, edge->src);
            }
        }
    }
}

static void
walkAll(Batch *b)
{
    LocStack todo = {0};
    for (int i = 0; i < b->allLocs.n; i++)
        enqueue(&todo, b->allLocs.v[i]);
    enqueue(&todo, &b->heapLoc);
    uint32_t walkgen = 0;
    while (todo.n > 0) {
        Location *root = todo.v[--todo.n];
        root->queued = false;
        walkgen++;
        walkOne(b, root, walkgen, &todo);
    }
}
// How explainFlow writes derefs: & for -1, else that many *s.
static char *
derefsString(int derefs)
{
    if (derefs < 0)
        return "&";
    char *s = xmalloc((size_t)derefs + 1);
    memset(s, '*', (size_t)derefs);
    return s;
}

static char *
explainLoc(Batch *b, Location *l)
{
    if (l == &b->heapLoc)
        return "{heap}";
    if (l->n == NULL)
        return "{temp}";
    if (l->n->op == ONAME)
        return nodeString(l->n);
    return xprintf("{storage for %s}", nodeString(l->n));
}

static void
explainFlow(Batch *b, const char *pos, Location *dst, Location *src, int derefs, Note *notes)
{
    printf("%s:   flow: %s = %s%s:\n", pos, explainLoc(b, dst), derefsString(derefs), explainLoc(b, src));
    for (Note *nt = notes; nt != NULL; nt = nt->next)
        printf("%s:     from %s (%s) at %s\n", pos, nodeString(nt->where), nt->why, posString(nt->where->pos));
}

static void
explainPath(Batch *b, Location *root, Location *src)
{
    char *pos = posString(src->n->pos);
    VEC(Location *) visited = {0};
    for (;;) {
        bool seen = false;
        for (int i = 0; i < visited.n; i++)
            seen |= visited.v[i] == src;
        if (seen) {
            printf("%s:   warning: truncated explanation due to assignment cycle; see golang.org/issue/35518\n", pos);
            break;
        }
        vpush(visited, src);
        Location *dst = src->dst;
        Edge *edge = &dst->edges.v[src->dstEdgeIdx];
        explainFlow(b, pos, dst, src, edge->derefs, edge->notes);
        if (dst == root)
            break;
        src = dst;
    }
}
// ---- escape.go

enum { escFuncUnknown, escFuncPlanned, escFuncStarted, escFuncTagged };

static bool
inMutualBatch(Func *fn)
{
    return !fn->external && fn->esc < escFuncTagged;
}

static void
walkFunc(Batch *b, Func *fn)
{
    Escape e = {b, fn, 1};
    fn->esc = escFuncStarted;
    stmts(&e, &fn->body->list);
}

static void
initFunc(Batch *b, Func *fn)
{
    Escape e = {b, fn, 1};
    fn->esc = escFuncPlanned;
    for (int i = 0; i < fn->dcl.n; i++)
        newLoc(&e, fn->dcl.v[i], false);
    for (int i = 0; i < fn->type->results.n; i++)
        oldLoc(fn->type->results.v[i].nname)->resultIndex = 1 + i;
}
static void
flowClosure(Batch *b, Hole k, Node *clo)
{
    Func *fn = clo->fn;
    for (int i = 0; i < fn->cvars.n; i++) {
        Node *cv = fn->cvars.v[i], *n = cv->canon;
        Location *loc = oldLoc(cv);
        if (!loc->captured) {
            fprintf(stderr, "escape: closure variable never captured: %s\n", n->sym);
            exit(2);
        }
        // By value if nothing assigns it or takes its address, and it fits 128 bytes.
        n->byval = !loc->addrtaken && !loc->reassigned && typeSize(n->type) <= 128;
        if (flagM > 1)
            printf("%s: %s capturing by %s: %s (addr=%s assign=%s width=%lld)\n", posString(n->pos), n->curfn->name,
                   n->byval ? "value" : "ref", n->sym, loc->addrtaken ? "true" : "false",
                   loc->reassigned ? "true" : "false", (long long)typeSize(n->type));
        Hole kk = k;
        if (!n->byval)
            kk = addr(kk, cv, "reference");
        flow(b, note(kk, cv, "captured by a closure"), loc);
    }
}
// utils.go: HeapAllocReason, why a value must be on the heap whatever flows to it.
static const char *
heapAllocReason(Node *n)
{
    enum { maxStackVarSize = 10 * 1024 * 1024, maxImplicitStackVarSize = 64 * 1024 };
    if (n == NULL || n->type == NULL)
        return NULL;
    if (n->op == ONAME && (n->class == PPARAM || n->class == PPARAMOUT))
        return NULL;
    if (typeSize(n->type) > maxStackVarSize)
        return "too large for stack";
    if ((n->op == ONEW || n->op == OPTRLIT) && typeSize(n->type->elem) > maxImplicitStackVarSize)
        return "too large for stack";
    if (n->op == OMAKESLICE) {
        Node *r = n->y != NULL ? n->y : n->x;
        if (r->op != OLITERAL || r->ival < 0 || r->sym != NULL)
            return "non-constant size";
        int64_t es = typeSize(under(n->type)->elem);
        if (es != 0 && r->ival > maxImplicitStackVarSize / es)
            return "too large for stack";
    }
    return NULL;
}
static const char *
paramName(Field *f, int narg)
{
    return f->name != NULL ? f->name : xprintf("arg#%d", narg);
}

static Leaks
paramTag(Batch *b, Func *fn, int narg, Field *f)
{
    (void)b;
    Leaks none = {{0}};
    if (!hasPointers(f->type)) // a value without pointers has nothing to leak
        return none;
    if (f->name == NULL || strcmp(f->name, "_") == 0)
        return none; // an unnamed parameter is never used
    Location *loc = oldLoc(f->nname);
    Leaks esc = loc->paramEsc;
    leaks_optimize(&esc);
    if (flagM != 0 && !loc->escapes) {
        const char *name = paramName(f, narg);
        if (leaks_empty(&esc))
            printf("%s: %s does not escape\n", posString(f->pos), name);
        int x = leaks_get(&esc, 0);
        if (x >= 0) {
            if (x == 0)
                printf("%s: leaking param: %s\n", posString(f->pos), name);
            else
                printf("%s: leaking param content: %s\n", posString(f->pos), name);
        }
        for (int i = 0; i < numEscResults; i++) {
            int r = leaks_get(&esc, 1 + i);
            if (r >= 0)
                printf("%s: leaking param: %s to result %s level=%d\n", posString(f->pos), name,
                       fn->type->results.v[i].nname->sym, r);
        }
    }
    return esc;
}
static void
finish(Batch *b, Func **fns, int nfns)
{
    for (int i = 0; i < nfns; i++) {
        Func *fn = fns[i];
        fn->esc = escFuncTagged;
        int narg = 0;
        fn->tags.n = 0;
        if (fn->type->recv != NULL)
            vpush(fn->tags, paramTag(b, fn, ++narg, fn->type->recv));
        for (int k = 0; k < fn->type->fields.n; k++)
            vpush(fn->tags, paramTag(b, fn, ++narg, &fn->type->fields.v[k]));
    }
    for (int i = 0; i < b->allLocs.n; i++) {
        Location *loc = b->allLocs.v[i];
        Node *n = loc->n;
        if (n == NULL)
            continue;
        if (n->op == ONAME)
            n->opt = NULL;
        if (loc->escapes) {
            if (flagM != 0) {
                if (n->op == ONAME)
                    printf("%s: moved to heap: %s\n", posString(n->pos), nodeString(n));
                else
                    printf("%s: %s escapes to heap\n", posString(n->pos), nodeString(n));
            }
        } else if (flagM != 0 && n->op != ONAME) {
            printf("%s: %s does not escape\n", posString(n->pos), nodeString(n));
        }
    }
}
// The location graph in Graphviz's language: a node per location (heap allocated ones filled), an
// edge per assignment, from source to destination, labelled with its derefs as explainFlow writes them.
static void
printDot(Batch *b)
{
    printf("digraph escape {\n  rankdir=LR;\n  node [shape=box, fontname=\"Courier\", fontsize=10];\n"
           "  edge [fontname=\"Courier\", fontsize=10];\n");
    printf("  L0 [label=\"{heap}\", style=filled, fillcolor=gray80];\n");
    for (int i = 0; i < b->allLocs.n; i++) {
        Location *l = b->allLocs.v[i];
        if (l->n == NULL && l->edges.n == 0)
            continue;
        char *label = explainLoc(b, l);
        if (l->n != NULL && l->n->op == ONAME)
            label = xprintf("%s (%s)", label, l->curfn->name); // which function's: closures have their own ~r0
        printf("  L%d [label=\"", i + 1);
        for (char *p = label; *p; p++)
            printf(*p == '"' ? "\\\"" : "%c", *p);
        printf("\"%s];\n", l->escapes ? ", style=filled, fillcolor=gray80" : "");
    }
    for (int i = -1; i < b->allLocs.n; i++) {
        Location *dst = i < 0 ? &b->heapLoc : b->allLocs.v[i];
        for (int k = 0; k < dst->edges.n; k++) {
            Edge *ed = &dst->edges.v[k];
            int src = 0;
            for (int j = 0; j < b->allLocs.n; j++)
                if (b->allLocs.v[j] == ed->src)
                    src = j + 1;
            printf("  L%d -> L%d [label=\"%s\"];\n", src, i + 1, derefsString(ed->derefs));
        }
    }
    printf("}\n");
}
// Batch: the escape analysis of a set of mutually recursive functions and their closures.
static void
batch(Func **fns, int nfns)
{
    Batch b = {0};
    b.heapLoc.escapes = true;
    for (int i = 0; i < nfns; i++)
        initFunc(&b, fns[i]);
    for (int i = 0; i < nfns; i++)
        if (fns[i]->outer == NULL)
            walkFunc(&b, fns[i]);
    // Every body is walked: whether a captured variable is assigned again, or has its address
    // taken, is known now, and with it how each closure captures it.
    for (int i = 0; i < b.closures.n; i++)
        flowClosure(&b, b.closures.v[i].k, b.closures.v[i].clo);
    b.closures.n = 0;
    for (int i = 0; i < b.allLocs.n; i++) {
        Location *loc = b.allLocs.v[i];
        const char *why = heapAllocReason(loc->n);
        if (why != NULL)
            flow(&b, addr(heapHole(&b), loc->n, why), loc);
    }
    walkAll(&b);
    if (flagDot != NULL)
        for (int i = 0; i < nfns; i++)
            if (strcmp(fns[i]->name, flagDot) == 0)
                printDot(&b);
    finish(&b, fns, nfns);
}
// ---- ir/scc.go: functions bottom-up, callees first, mutually recursive ones together

typedef struct Visitor {
    uint32_t visitgen;
    VEC(Func *) stack;
    VEC(Func *) seen;
    VEC(uint32_t) ids;
} Visitor;

static uint32_t *
nodeID(Visitor *v, Func *fn)
{
    for (int i = 0; i < v->seen.n; i++)
        if (v->seen.v[i] == fn)
            return &v->ids.v[i];
    vpush(v->seen, fn);
    vpush(v->ids, 0);
    return &v->ids.v[v->ids.n - 1];
}

static uint32_t visit(Visitor *v, Func *fn);

static void
visitNode(Visitor *v, Node *n, uint32_t *min)
{
    if (n == NULL)
        return;
    if (n->op == ONAME && n->class == PFUNC && n->fn != NULL && !n->fn->external) {
        uint32_t m = visit(v, n->fn);
        if (m < *min)
            *min = m;
        return;
    }
    if (n->op == ONAME)
        return;
    if (n->op == OCLOSURE) {
        uint32_t m = visit(v, n->fn);
        if (m < *min)
            *min = m;
        return;
    }
    for (int i = 0; i < n->init.n; i++)
        visitNode(v, n->init.v[i], min);
    visitNode(v, n->x, min);
    visitNode(v, n->y, min);
    visitNode(v, n->z, min);
    visitNode(v, n->cond, min);
    visitNode(v, n->key, min);
    visitNode(v, n->value, min);
    for (int i = 0; i < n->list.n; i++)
        visitNode(v, n->list.v[i], min);
    for (int i = 0; i < n->rlist.n; i++)
        visitNode(v, n->rlist.v[i], min);
}

static uint32_t
visit(Visitor *v, Func *fn)
{
    uint32_t *idp = nodeID(v, fn);
    if (*idp > 0)
        return *idp;
    v->visitgen++;
    uint32_t id = v->visitgen;
    *nodeID(v, fn) = id;
    v->visitgen++;
    uint32_t min = v->visitgen;
    vpush(v->stack, fn);
    visitNode(v, fn->body, &min);
    if ((min == id || min == id + 1) && fn->outer == NULL) {
        // fn is the first of its component on the stack: analyze the component.
        int i;
        for (i = v->stack.n - 1; i >= 0; i--) {
            *nodeID(v, v->stack.v[i]) = UINT32_MAX;
            if (v->stack.v[i] == fn)
                break;
        }
        Func **block = &v->stack.v[i];
        int n = v->stack.n - i;
        Func **copy = xmalloc((size_t)n * sizeof *copy);
        memcpy(copy, block, (size_t)n * sizeof *copy);
        v->stack.n = i;
        batch(copy, n);
    }
    return min;
}

void
escapeFuncs(Package *pkg)
{
    Visitor v = {0};
    for (int i = 0; i < pkg->funcs.n; i++)
        visit(&v, pkg->funcs.v[i]);
}
