// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Nodes as Go's compiler prints them in its diagnostics (cmd/compile/internal/ir/fmt.go).
#include "esc.h"

const char *srcFile;

static int
opPrec(int op)
{
    switch (op) {
    case OPLUS: case ONOT: case OBITNOT: case ONEG: case OADDR: case ODEREF:
        return 7;
    case OMUL: case ODIV: case OMOD: case OLSH: case ORSH: case OAND: case OANDNOT:
        return 6;
    case OADD: case OSUB: case OOR: case OXOR: case OADDSTR:
        return 5;
    case OEQ: case OLT: case OLE: case OGE: case OGT: case ONE:
        return 4;
    case OANDAND:
        return 2;
    case OOROR:
        return 1;
    case OAS: case OAS2: case OAS2FUNC: case OASOP: case OBLOCK: case OBREAK: case OCONTINUE: case ODCL:
    case OIF: case OFOR: case ORANGE: case ORETURN:
        return -1;
    }
    return 8;
}

static const char *
opName(int op)
{
    switch (op) {
    case OADD: case OADDSTR: return "+";
    case OSUB: case ONEG: return "-";
    case OMUL: case ODEREF: return "*";
    case ODIV: return "/";
    case OMOD: return "%";
    case OAND: case OADDR: return "&";
    case OOR: return "|";
    case OXOR: case OBITNOT: return "^";
    case OLSH: return "<<";
    case ORSH: return ">>";
    case OANDNOT: return "&^";
    case OEQ: return "==";
    case ONE: return "!=";
    case OLT: return "<";
    case OLE: return "<=";
    case OGT: return ">";
    case OGE: return ">=";
    case OANDAND: return "&&";
    case OOROR: return "||";
    case OPLUS: return "+";
    case ONOT: return "!";
    case ONEW: return "new";
    case OLEN: return "len";
    case OCAP: return "cap";
    case OAPPEND: return "append";
    case OCOPY: return "copy";
    case OPANIC: return "panic";
    }
    return "?";
}
typedef struct Buf {
    char *s;
    size_t n, cap;
} Buf;

static void
put(Buf *b, const char *s)
{
    size_t len = strlen(s);
    if (b->n + len + 1 > b->cap) {
        b->cap = (b->n + len + 1) * 2;
        b->s = xrealloc(b->s, b->cap);
    }
    memcpy(b->s + b->n, s, len + 1);
    b->n += len;
}

static void exprFmt(Buf *b, Node *n, int prec);
static void stmtFmt(Buf *b, Node *n);

static void
nodeFmt(Buf *b, Node *n)
{
    if (n == NULL) {
        put(b, "<nil>");
        return;
    }
    if (opPrec(n->op) < 0)
        stmtFmt(b, n);
    else
        exprFmt(b, n, 0);
}

static void
listFmt(Buf *b, Nodes *l)
{
    for (int i = 0; i < l->n; i++) {
        if (i > 0)
            put(b, ", ");
        nodeFmt(b, l->v[i]);
    }
}

static void
exprFmt(Buf *b, Node *n, int prec)
{
    for (;;) { // implicit nodes print as their operand
        if ((n->op == OADDR || n->op == ODEREF || n->op == OCONV || n->op == OCONVNOP || n->op == OCONVIFACE)
            && n->implicit) {
            n = n->x;
            continue;
        }
        break;
    }
    int nprec = opPrec(n->op);
    if (prec > nprec) {
        put(b, "(");
        exprFmt(b, n, 0);
        put(b, ")");
        return;
    }
    switch (n->op) {
    case ONIL:
        put(b, "nil");
        return;
    case OLITERAL: // a constant prints as written (irgen keeps it as a RawOrigExpr)
        put(b, n->sym != NULL ? n->sym : n->sval);
        return;
    case ONAME:
        put(b, n->sym[0] == '~' && n->sym[1] == 'b' ? "_" : n->sym);
        return;
    case OTYPE:
        put(b, typeString(n->type));
        return;
    case OCLOSURE:
        put(b, "func literal");
        return;
    case OPTRLIT:
        put(b, "&");
        exprFmt(b, n->x, 0);
        return;
    case OSTRUCTLIT: case OARRAYLIT: case OSLICELIT: case OMAPLIT:
        if (n->implicit && n->isddd) {
            put(b, "... argument");
            return;
        }
        put(b, xprintf("%s{%s}", typeString(n->type), n->list.n ? "..." : ""));
        return;
    case OKEY:
        exprFmt(b, n->x, 0);
        put(b, ":");
        exprFmt(b, n->y, 0);
        return;
    case OSTRUCTKEY:
        put(b, xprintf("%s:", n->sym));
        exprFmt(b, n->x, 0);
        return;
    case ODOT: case ODOTPTR: case ODOTMETH: case ODOTINTER:
        exprFmt(b, n->x, nprec);
        put(b, xprintf(".%s", n->sym));
        return;
    case ODOTTYPE:
        exprFmt(b, n->x, nprec);
        put(b, xprintf(".(%s)", typeString(n->type)));
        return;
    case OINDEX: case OINDEXMAP:
        exprFmt(b, n->x, nprec);
        put(b, "[");
        exprFmt(b, n->y, 0);
        put(b, "]");
        return;
    case OSLICE: case OSLICESTR: case OSLICEARR:
        exprFmt(b, n->x, nprec);
        put(b, "[");
        if (n->y != NULL)
            exprFmt(b, n->y, 0);
        put(b, ":");
        if (n->z != NULL)
            exprFmt(b, n->z, 0);
        if (n->cond != NULL) {
            put(b, ":");
            exprFmt(b, n->cond, 0);
        }
        put(b, "]");
        return;
    case OCOPY:
        put(b, "copy(");
        exprFmt(b, n->x, 0);
        put(b, ", ");
        exprFmt(b, n->y, 0);
        put(b, ")");
        return;
    case OCONV: case OCONVIFACE: case OCONVNOP: case OBYTES2STR: case OSTR2BYTES:
        put(b, n->type->name == NULL ? xprintf("(%s)", typeString(n->type)) : typeString(n->type));
        put(b, "(");
        exprFmt(b, n->x, 0);
        put(b, ")");
        return;
    case OLEN: case OCAP: case OPANIC:
        put(b, xprintf("%s(", opName(n->op)));
        exprFmt(b, n->x, 0);
        put(b, ")");
        return;
    case ONEW:
        put(b, xprintf("new(%s)", typeString(n->littype)));
        return;
    case OAPPEND: case OPRINTN:
        put(b, n->op == OAPPEND ? "append(" : xprintf("%s(", n->sym));
        listFmt(b, &n->list);
        put(b, n->isddd ? "...)" : ")");
        return;
    case OCALLFUNC: case OCALLINTER:
        exprFmt(b, n->x, nprec);
        put(b, "(");
        listFmt(b, &n->list);
        put(b, n->isddd ? "...)" : ")");
        return;
    case OMAKESLICE: case OMAKEMAP:
        if (n->y != NULL)
            put(b, xprintf("make(%s, %s, %s)", typeString(n->type), nodeString(n->x), nodeString(n->y)));
        else if (n->x != NULL && (n->op == OMAKESLICE || !isUntyped(n->x->type)))
            put(b, xprintf("make(%s, %s)", typeString(n->type), nodeString(n->x)));
        else
            put(b, xprintf("make(%s)", typeString(n->type)));
        return;
    case OPLUS: case ONEG: case OBITNOT: case ONOT: case OADDR:
        put(b, opName(n->op));
        if (n->x != NULL && n->x->op == n->op)
            put(b, " ");
        exprFmt(b, n->x, nprec + 1);
        return;
    case ODEREF:
        put(b, "*");
        exprFmt(b, n->x, nprec + 1);
        return;
    case OADDSTR:
        for (int i = 0; i < n->list.n; i++) {
            if (i > 0)
                put(b, " + ");
            exprFmt(b, n->list.v[i], nprec);
        }
        return;
    }
    if (n->op >= OADD && n->op <= OOROR) {
        exprFmt(b, n->x, nprec);
        put(b, xprintf(" %s ", opName(n->op)));
        exprFmt(b, n->y, nprec + 1);
        return;
    }
    put(b, xprintf("<node %d>", n->op));
}
static void
stmtFmt(Buf *b, Node *n)
{
    switch (n->op) {
    case ODCL:
        put(b, xprintf("var %s %s", n->x->sym, typeString(n->x->type)));
        return;
    case OAS:
        nodeFmt(b, n->x);
        put(b, n->def ? " := " : " = ");
        nodeFmt(b, n->y);
        return;
    case OASOP:
        nodeFmt(b, n->x);
        put(b, xprintf(" %s= ", opName(n->asop)));
        nodeFmt(b, n->y);
        return;
    case OAS2: case OAS2FUNC:
        listFmt(b, &n->list);
        put(b, n->def ? " := " : " = ");
        listFmt(b, &n->rlist);
        return;
    case ORETURN:
        put(b, "return ");
        listFmt(b, &n->list);
        return;
    case OFOR:
        put(b, "for loop");
        return;
    case ORANGE:
        put(b, "for loop");
        return;
    }
    put(b, xprintf("<stmt %d>", n->op));
}

char *
nodeString(Node *n)
{
    Buf b = {0};
    put(&b, "");
    nodeFmt(&b, n);
    return b.s;
}

char *
posString(Pos pos)
{
    return xprintf("%s:%d:%d", srcFile, pos.line, pos.col);
}
