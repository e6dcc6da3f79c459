// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The parser: the documented subset of Go into syntax nodes (a stand-in for cmd/compile/internal/syntax).
#include "esc.h"


Token *
peek(Parser *p)
{
    return &p->s->toks[p->i];
}

bool
is(Parser *p, const char *text)
{
    Token *t = peek(p);
    return (t->kind == TOP || t->kind == TKEYWORD) && strcmp(t->text, text) == 0;
}

static _Noreturn void
syntaxError(Parser *p, const char *what)
{
    Token *t = peek(p);
    const char *near = t->kind == TEOF ? "EOF" : t->text[0] == ';' && t->text[1] == 0 ? "newline or ;" : t->text;
    errorAt(p->s->file, t->pos, "syntax error: unexpected %s, expecting %s", near, what);
}

Token *
next(Parser *p)
{
    Token *t = peek(p);
    if (t->kind != TEOF)
        p->i++;
    return t;
}

bool
got(Parser *p, const char *text)
{
    if (!is(p, text))
        return false;
    next(p);
    return true;
}

Token *
want(Parser *p, const char *text)
{
    if (!is(p, text))
        syntaxError(p, text);
    return next(p);
}

static Token *
wantIdent(Parser *p)
{
    if (peek(p)->kind != TIDENT)
        syntaxError(p, "name");
    return next(p);
}

_Noreturn void
unsupported(Parser *p, Pos pos, const char *what)
{
    errorAt(p->s->file, pos, "%s: outside the supported subset of Go (see the chapter)", what);
}
// ---- types

static Type *parseType(Parser *p);
static void parseSignature(Parser *p, Type *ft);

static Type *
forwardRef(const char *name, Pos pos)
{
    Type *t = newType(KBLANK); // resolved by the checker
    t->name = name;
    t->pos = pos;
    t->state = typeRef;
    return t;
}

static Type *
parseType(Parser *p)
{
    Token *t = peek(p);
    if (t->kind == TIDENT) {
        next(p);
        if (is(p, "."))
            unsupported(p, t->pos, "a qualified type");
        return forwardRef(t->text, t->pos);
    }
    if (got(p, "*"))
        return ptrTo(parseType(p));
    if (got(p, "(")) {
        Type *r = parseType(p);
        want(p, ")");
        return r;
    }
    if (got(p, "[")) {
        if (got(p, "]"))
            return sliceOf(parseType(p));
        Token *n = peek(p);
        if (n->kind != TINT)
            unsupported(p, n->pos, "an array length that is not an integer literal");
        next(p);
        int64_t len = strtoll(n->text, NULL, 0);
        if (got(p, "<<")) { // [20 << 20]byte, the chapter's large array
            Token *sh = peek(p);
            if (sh->kind != TINT)
                unsupported(p, sh->pos, "an array length expression");
            next(p);
            len <<= strtoll(sh->text, NULL, 0);
        }
        want(p, "]");
        Type *a = newType(KARRAY);
        a->bound = len;
        a->elem = parseType(p);
        return a;
    }
    if (got(p, "map")) {
        Type *m = newType(KMAP);
        want(p, "[");
        m->key = parseType(p);
        want(p, "]");
        m->elem = parseType(p);
        return m;
    }
    if (got(p, "struct")) {
        Type *st = newType(KSTRUCT);
        want(p, "{");
        while (!is(p, "}")) {
            VEC(Token *) names = {0};
            do
                vpush(names, wantIdent(p));
            while (got(p, ","));
            Type *ft = parseType(p);
            for (int i = 0; i < names.n; i++)
                vpush(st->fields, ((Field){.name = names.v[i]->text, .type = ft, .pos = names.v[i]->pos}));
            if (!is(p, "}"))
                want(p, ";");
        }
        want(p, "}");
        return st;
    }
    if (got(p, "interface")) {
        Type *it = newType(KINTER);
        want(p, "{");
        while (!is(p, "}")) {
            Token *m = wantIdent(p);
            Type *sig = newType(KFUNC);
            parseSignature(p, sig);
            vpush(it->methods, ((Method){.name = m->text, .type = sig}));
            if (!is(p, "}"))
                want(p, ";");
        }
        want(p, "}");
        return it;
    }
    if (got(p, "func")) {
        Type *ft = newType(KFUNC);
        parseSignature(p, ft);
        return ft;
    }
    if (is(p, "chan"))
        unsupported(p, t->pos, "a channel type");
    syntaxError(p, "type");
}
// A parameter list: "a, b int, c string", or types alone: "int, string".
static void
parseParams(Parser *p, Type *ft, bool results)
{
    want(p, "(");
    VEC(Token *) names = {0};
    VEC(Type *) types_ = {0};
    bool named = false;
    while (!is(p, ")")) {
        // Either "name Type", "name ...Type", or "Type".
        Token *t = peek(p);
        Type *ty = NULL;
        bool ddd = false;
        if (t->kind == TIDENT) {
            next(p);
            if (is(p, ",") || is(p, ")")) {
                vpush(names, t);
                vpush(types_, NULL); // a name alone: its type follows, or it is a type itself
            } else {
                ddd = got(p, "...");
                ty = parseType(p);
                named = true;
                vpush(names, t);
                vpush(types_, ty);
                if (ddd) {
                    types_.v[types_.n - 1] = sliceOf(ty);
                    ft->variadic = true;
                }
            }
        } else {
            if (got(p, "..."))
                ft->variadic = true, ddd = true;
            ty = parseType(p);
            vpush(names, (Token *)NULL);
            vpush(types_, ddd ? sliceOf(ty) : ty);
        }
        if (!is(p, ")"))
            want(p, ",");
    }
    want(p, ")");
    Fields *dst = results ? &ft->results : &ft->fields;
    if (named) {
        // Each name's type is the next type given.
        Type *cur = NULL;
        for (int i = names.n - 1; i >= 0; i--) {
            if (types_.v[i] != NULL)
                cur = types_.v[i];
            if (names.v[i] == NULL || cur == NULL)
                errorAt(p->s->file, peek(p)->pos, "syntax error: mixed named and unnamed parameters");
            types_.v[i] = cur;
        }
        for (int i = 0; i < names.n; i++)
            vpush(*dst, ((Field){.name = names.v[i]->text, .type = types_.v[i], .pos = names.v[i]->pos,
                                 .ddd = ft->variadic && !results && i == names.n - 1}));
    } else {
        for (int i = 0; i < names.n; i++) {
            Type *ty = types_.v[i] != NULL ? types_.v[i] : forwardRef(names.v[i]->text, names.v[i]->pos);
            Pos pos = names.v[i] != NULL ? names.v[i]->pos : peek(p)->pos;
            vpush(*dst, ((Field){.name = NULL, .type = ty, .pos = pos,
                                 .ddd = ft->variadic && !results && i == names.n - 1}));
        }
    }
}

static void
parseSignature(Parser *p, Type *ft)
{
    parseParams(p, ft, false);
    if (is(p, "("))
        parseParams(p, ft, true);
    else if (!is(p, "{") && !is(p, ";") && !is(p, ")") && !is(p, ",") && !is(p, "]") && !is(p, "}")
             && !is(p, "="))
        vpush(ft->results, ((Field){.type = parseType(p), .pos = peek(p)->pos}));
}
// ---- expressions

static Node *parseBlock(Parser *p);

static Node *
parseFuncLit(Parser *p, Pos pos)
{
    Func *fn = xmalloc(sizeof *fn);
    *fn = (Func){.type = newType(KFUNC), .outer = p->fn, .pos = pos};
    parseSignature(p, fn->type);
    Func *saved = p->fn;
    p->fn = fn;
    int lev = p->exprLev;
    p->exprLev = 0;
    fn->body = parseBlock(p);
    p->exprLev = lev;
    p->fn = saved;
    Node *n = newNode(OCLOSURE, pos);
    n->fn = fn;
    fn->clo = n;
    return n;
}

// Elements of a composite literal: "e", or "k: e".
static Node *
parseCompLit(Parser *p, Node *typ)
{
    Node *n = newNode(OCOMPLIT, want(p, "{")->pos);
    n->x = typ;
    p->exprLev++;
    while (!is(p, "}")) {
        Node *e = is(p, "{") ? parseCompLit(p, NULL) : parseExpr(p);
        if (is(p, ":")) {
            Node *kv = newNode(OKEY, next(p)->pos);
            kv->x = e;
            kv->y = is(p, "{") ? parseCompLit(p, NULL) : parseExpr(p);
            e = kv;
        }
        vpush(n->list, e);
        if (!is(p, "}"))
            want(p, ",");
    }
    p->exprLev--;
    want(p, "}");
    return n;
}

static bool
startsType(Parser *p)
{
    return is(p, "[") || is(p, "map") || is(p, "struct") || is(p, "interface");
}

static Node *
parseOperand(Parser *p)
{
    Token *t = peek(p);
    switch (t->kind) {
    case TIDENT: {
        next(p);
        Node *n = newNode(OIDENT, t->pos);
        n->sym = t->text;
        return n;
    }
    case TINT: {
        next(p);
        Node *n = newNode(OLITERAL, t->pos);
        n->sval = t->text;
        n->ival = strtoll(t->text, NULL, 0);
        n->type = types[KUNTYPEDINT];
        return n;
    }
    case TSTRING: {
        next(p);
        Node *n = newNode(OLITERAL, t->pos);
        n->sval = t->text;
        n->type = types[KUNTYPEDSTRING];
        return n;
    }
    }
    if (is(p, "(")) {
        Pos pos = next(p)->pos;
        p->exprLev++;
        Node *x = parseExpr(p);
        p->exprLev--;
        want(p, ")");
        Node *n = newNode(OPAREN, pos);
        n->x = x;
        return n;
    }
    if (is(p, "func")) {
        Pos pos = next(p)->pos;
        return parseFuncLit(p, pos);
    }
    if (startsType(p)) {
        Node *n = newNode(OTYPEEXPR, t->pos);
        n->littype = parseType(p);
        return n;
    }
    if (is(p, "chan") || is(p, "<-"))
        unsupported(p, t->pos, "channels");
    syntaxError(p, "expression");
}
static Node *
parsePrimary(Parser *p)
{
    Node *x = parseOperand(p);
    for (;;) {
        Token *t = peek(p);
        if (got(p, ".")) {
            if (is(p, "(")) {
                Node *n = newNode(ODOTTYPE, t->pos);
                next(p);
                n->x = x;
                n->littype = parseType(p);
                want(p, ")");
                x = n;
                continue;
            }
            Token *sel = wantIdent(p);
            Node *n = newNode(OSELECT, t->pos);
            n->x = x;
            n->sym = sel->text;
            x = n;
        } else if (got(p, "[")) {
            p->exprLev++;
            Node *lo = is(p, ":") ? NULL : parseExpr(p);
            if (got(p, ":")) {
                Node *n = newNode(OSLICE, t->pos);
                n->x = x;
                n->y = lo;
                n->z = is(p, "]") || is(p, ":") ? NULL : parseExpr(p);
                if (got(p, ":"))
                    n->cond = parseExpr(p); // max
                p->exprLev--;
                want(p, "]");
                x = n;
            } else {
                p->exprLev--;
                want(p, "]");
                Node *n = newNode(OINDEX, t->pos);
                n->x = x;
                n->y = lo;
                x = n;
            }
        } else if (got(p, "(")) {
            Node *n = newNode(OCALL, t->pos);
            n->x = x;
            p->exprLev++;
            while (!is(p, ")")) {
                vpush(n->list, parseExpr(p));
                if (got(p, "...")) {
                    n->isddd = true;
                    got(p, ",");
                    break;
                }
                if (!is(p, ")"))
                    want(p, ",");
            }
            p->exprLev--;
            want(p, ")");
            x = n;
        } else if (is(p, "{") && (x->op == OTYPEEXPR || ((x->op == OIDENT || x->op == OSELECT) && p->exprLev >= 0))) {
            x = parseCompLit(p, x);
        } else {
            return x;
        }
    }
}
static Node *
parseUnary(Parser *p)
{
    Token *t = peek(p);
    static const struct {
        const char *text;
        int op;
    } unary[] = {{"&", OADDR}, {"*", ODEREF}, {"-", ONEG}, {"+", OPLUS}, {"!", ONOT}, {"^", OBITNOT}};
    for (size_t i = 0; i < sizeof unary / sizeof unary[0]; i++)
        if (is(p, unary[i].text)) {
            next(p);
            Node *n = newNode(unary[i].op, t->pos);
            n->x = parseUnary(p);
            return n;
        }
    return parsePrimary(p);
}

static const struct {
    const char *text;
    int op, prec;
} binaryOps[] = {
    {"||", OOROR, 1}, {"&&", OANDAND, 2}, {"==", OEQ, 3}, {"!=", ONE, 3},   {"<", OLT, 3},    {"<=", OLE, 3},
    {">", OGT, 3},    {">=", OGE, 3},     {"+", OADD, 4}, {"-", OSUB, 4},   {"|", OOR, 4},    {"^", OXOR, 4},
    {"*", OMUL, 5},   {"/", ODIV, 5},     {"%", OMOD, 5}, {"<<", OLSH, 5},
    {">>", ORSH, 5},  {"&", OAND, 5},     {"&^", OANDNOT, 5},
};

static Node *
parseBinary(Parser *p, int prec)
{
    Node *x = parseUnary(p);
    for (;;) {
        int k = -1;
        for (size_t i = 0; i < sizeof binaryOps / sizeof binaryOps[0]; i++)
            if (is(p, binaryOps[i].text) && binaryOps[i].prec > prec)
                k = (int)i;
        if (k < 0)
            return x;
        Node *n = newNode(binaryOps[k].op, next(p)->pos);
        n->sym = binaryOps[k].text;
        n->x = x;
        n->y = parseBinary(p, binaryOps[k].prec);
        x = n;
    }
}

Node *
parseExpr(Parser *p)
{
    return parseBinary(p, 0);
}
// ---- statements


static Node *
parseBlock(Parser *p)
{
    Node *b = newNode(OBLOCK, want(p, "{")->pos);
    while (!is(p, "}")) {
        if (got(p, ";"))
            continue;
        vpush(b->list, parseStmt(p));
        if (!is(p, "}"))
            want(p, ";");
    }
    want(p, "}");
    return b;
}

static void
parseExprList(Parser *p, Nodes *list)
{
    do
        vpush(*list, parseExpr(p));
    while (got(p, ","));
}

// A simple statement: an expression, x++, assignments, :=, and (in a for header) range clauses.
Node *
parseSimpleStmt(Parser *p, bool rangeOK)
{
    Pos start = peek(p)->pos;
    if (rangeOK && is(p, "range")) {
        Node *n = newNode(ORANGE, next(p)->pos);
        n->x = parseExpr(p);
        return n;
    }
    Nodes lhs = {0};
    parseExprList(p, &lhs);
    Token *t = peek(p);
    if (is(p, "++") || is(p, "--")) {
        next(p);
        Node *n = newNode(OINCDEC, t->pos);
        n->x = lhs.v[0];
        n->sym = t->text;
        return n;
    }
    if (is(p, "=") || is(p, ":=")) {
        bool define = is(p, ":=");
        next(p);
        if (rangeOK && is(p, "range")) {
            Node *n = newNode(ORANGE, next(p)->pos);
            n->list = lhs;
            n->x = parseExpr(p);
            n->implicit = define; // for k, v := range
            return n;
        }
        Node *n = newNode(define ? ODEFINE : OAS, t->pos);
        n->list = lhs;
        parseExprList(p, &n->rlist);
        return n;
    }
    for (size_t i = 0; i < sizeof binaryOps / sizeof binaryOps[0]; i++) {
        size_t len = strlen(binaryOps[i].text);
        if (t->kind == TOP && strncmp(t->text, binaryOps[i].text, len) == 0 && strcmp(t->text + len, "=") == 0) {
            next(p);
            Node *n = newNode(OASOP, t->pos);
            n->asop = binaryOps[i].op;
            n->sym = binaryOps[i].text;
            n->x = lhs.v[0];
            n->y = parseExpr(p);
            return n;
        }
    }
    if (lhs.n != 1)
        syntaxError(p, ":= or = or comma");
    Node *n = newNode(OEXPRSTMT, start);
    n->x = lhs.v[0];
    return n;
}
static Node *
parseVarDecl(Parser *p, Pos pos)
{
    Node *n = newNode(OVARDECL, pos);
    do
        vpush(n->list, (Node *)(void *)wantIdent(p)); // names, as tokens; the checker makes them names
    while (got(p, ","));
    if (!is(p, "="))
        n->littype = parseType(p);
    if (got(p, "="))
        parseExprList(p, &n->rlist);
    return n;
}

Node *
parseStmt(Parser *p)
{
    Token *t = peek(p);
    if (is(p, "{"))
        return parseBlock(p);
    if (got(p, "var")) {
        if (is(p, "("))
            unsupported(p, t->pos, "a grouped var declaration inside a function");
        return parseVarDecl(p, t->pos);
    }
    if (got(p, "return")) {
        Node *n = newNode(ORETURN, t->pos);
        if (!is(p, ";") && !is(p, "}"))
            parseExprList(p, &n->list);
        return n;
    }
    if (got(p, "break"))
        return newNode(OBREAK, t->pos);
    if (got(p, "continue"))
        return newNode(OCONTINUE, t->pos);
    if (got(p, "if")) {
        Node *n = newNode(OIF, t->pos);
        int lev = p->exprLev;
        p->exprLev = -1;
        Node *s = parseSimpleStmt(p, false);
        if (got(p, ";")) {
            n->z = s; // the init statement, made n->init by the checker
            Node *c = parseSimpleStmt(p, false);
            n->cond = c->op == OEXPRSTMT ? c->x : c;
        } else {
            n->cond = s->op == OEXPRSTMT ? s->x : s;
        }
        p->exprLev = lev;
        n->x = parseBlock(p);
        if (got(p, "else"))
            n->y = is(p, "if") ? parseStmt(p) : parseBlock(p);
        return n;
    }
    if (got(p, "for")) {
        Node *n = newNode(OFOR, t->pos);
        int lev = p->exprLev;
        p->exprLev = -1;
        if (!is(p, "{")) {
            Node *init = is(p, ";") ? NULL : parseSimpleStmt(p, true);
            if (init != NULL && init->op == ORANGE) {
                p->exprLev = lev;
                init->y = parseBlock(p);
                return init;
            }
            if (got(p, ";")) {
                n->z = NULL;
                n->x = init; // init
                if (!is(p, ";")) {
                    Node *c = parseSimpleStmt(p, false);
                    n->cond = c->x;
                }
                want(p, ";");
                if (!is(p, "{"))
                    n->z = parseSimpleStmt(p, false); // post
            } else {
                n->cond = init->x;
            }
        }
        p->exprLev = lev;
        n->y = parseBlock(p);
        return n;
    }
    if (is(p, "switch"))
        return parseSwitchStmt(p);
    if (is(p, "go") || is(p, "defer") || is(p, "select") || is(p, "goto")
        || is(p, "fallthrough") || is(p, "const") || is(p, "type"))
        unsupported(p, t->pos, xprintf("a %s statement", t->text));
    return parseSimpleStmt(p, false);
}
// The tool's own switch: refused.  Lab 26-extend replaces it (a weak definition gives way to another).
__attribute__((weak)) Node *
parseSwitchStmt(Parser *p)
{
    unsupported(p, peek(p)->pos, "a switch statement");
}

// ---- declarations

static void
parseFuncDecl(Parser *p, Pos pos)
{
    Func *fn = xmalloc(sizeof *fn);
    *fn = (Func){.type = newType(KFUNC), .pos = pos};
    if (is(p, "(")) { // a method: its receiver
        Type *rt = newType(KFUNC);
        parseParams(p, rt, false);
        if (rt->fields.n != 1)
            errorAt(p->s->file, pos, "method has multiple receivers");
        fn->type->recv = xmalloc(sizeof(Field));
        *fn->type->recv = rt->fields.v[0];
    }
    Token *name = wantIdent(p);
    fn->pos = name->pos;
    fn->name = name->text;
    parseSignature(p, fn->type);
    if (!is(p, "{"))
        unsupported(p, name->pos, "a function without a body");
    p->fn = fn;
    fn->body = parseBlock(p);
    p->fn = NULL;
    vpush(p->pkg->funcs, fn);
}

void
parseFile(Package *pkg, Scanner *s)
{
    Parser p = {.s = s, .pkg = pkg};
    want(&p, "package");
    wantIdent(&p);
    want(&p, ";");
    while (is(&p, "import")) {
        next(&p);
        bool group = got(&p, "(");
        do {
            if (group && is(&p, ")"))
                break;
            Token *path = peek(&p);
            if (path->kind != TSTRING)
                syntaxError(&p, "import path");
            next(&p);
            if (strcmp(path->text, "\"fmt\"") != 0)
                errorAt(s->file, path->pos, "import %s: only \"fmt\" is in the supported subset", path->text);
            if (group)
                want(&p, ";");
        } while (group);
        if (group)
            want(&p, ")");
        want(&p, ";");
    }
    while (peek(&p)->kind != TEOF) {
        Token *t = next(&p);
        if (t->kind == TKEYWORD && strcmp(t->text, "func") == 0) {
            parseFuncDecl(&p, t->pos);
        } else if (t->kind == TKEYWORD && strcmp(t->text, "type") == 0) {
            Token *name = wantIdent(&p);
            Type *ty = newType(KBLANK);
            ty->name = name->text;
            ty->underlying = parseType(&p); // resolved by the checker
            ty->pos = name->pos;
            ty->state = typeDecl;
            vpush(pkg->named, ty);
        } else if (t->kind == TKEYWORD && strcmp(t->text, "var") == 0) {
            Node *d = parseVarDecl(&p, t->pos);
            vpush(pkg->globals, d);
        } else {
            errorAt(s->file, t->pos, "syntax error: non-declaration statement outside function body");
        }
        if (peek(&p)->kind != TEOF)
            want(&p, ";");
    }
}
