// Lab 26-extend: a solution.  An expression switch, with or without a tag and an init statement,
// as the compiler's escape analysis sees it (cmd/compile/internal/escape/stmt.go, OSWITCH): the tag
// and the case values are only compared, so they are discarded; each case's body is a block.
#ifdef ESC_TOOL
#include "esc.h"

// switch [init;] [tag] { case e1, e2: stmts... default: stmts... }
//   n->init: the init statement; n->x: the tag (NULL: true); n->list: the OCASE nodes, each with
//   its values in list (none for default) and its statements in rlist.
Node *
parseSwitchStmt(Parser *p)
{
    Node *n = newNode(OSWITCH, want(p, "switch")->pos);
    int lev = p->exprLev;
    p->exprLev = -1; // "switch x {": the brace is the switch's
    if (!is(p, "{")) {
        Node *s = is(p, ";") ? NULL : parseSimpleStmt(p, false);
        if (got(p, ";")) {
            if (s != NULL)
                vpush(n->init, s);
            s = is(p, "{") ? NULL : parseSimpleStmt(p, false);
        }
        if (s != NULL && s->op != OEXPRSTMT)
            unsupported(p, s->pos, "a type switch, or a switch on a statement");
        n->x = s != NULL ? s->x : NULL;
    }
    p->exprLev = lev;
    want(p, "{");
    while (!is(p, "}")) {
        Node *cas = newNode(OCASE, peek(p)->pos);
        if (!got(p, "default")) {
            want(p, "case");
            do
                vpush(cas->list, parseExpr(p));
            while (got(p, ","));
        }
        want(p, ":");
        while (!is(p, "case") && !is(p, "default") && !is(p, "}")) {
            if (got(p, ";"))
                continue;
            vpush(cas->rlist, parseStmt(p));
            if (!is(p, "case") && !is(p, "default") && !is(p, "}"))
                want(p, ";");
        }
        vpush(n->list, cas);
    }
    want(p, "}");
    return n;
}

void
checkSwitchStmt(Checker *c, Node *n)
{
    pushScope(c);
    Nodes init = {0};
    for (int i = 0; i < n->init.n; i++)
        checkStmt(c, n->init.v[i], &init);
    n->init = init;
    if (n->x != NULL)
        n->x = checkExpr(c, n->x);
    c->loop++; // break leaves the switch
    for (int i = 0; i < n->list.n; i++) {
        Node *cas = n->list.v[i];
        for (int k = 0; k < cas->list.n; k++)
            cas->list.v[k] = checkExpr(c, cas->list.v[k]);
        pushScope(c);
        Nodes body = {0};
        for (int k = 0; k < cas->rlist.n; k++)
            checkStmt(c, cas->rlist.v[k], &body);
        cas->rlist = body;
        popScope(c);
    }
    c->loop--;
    popScope(c);
}

void
escapeSwitchStmt(Escape *e, Node *n)
{
    discard(e, n->x);
    for (int i = 0; i < n->list.n; i++) {
        Node *cas = n->list.v[i];
        for (int k = 0; k < cas->list.n; k++)
            discard(e, cas->list.v[k]);
        block(e, &cas->rlist);
    }
}
#endif
