// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// escape: a C mirror of Go 1.19's escape analysis (cmd/compile/internal/escape), for a subset of Go.
#ifndef ESC_H
#define ESC_H
#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Pos {
    int line, col;
} Pos;
// ---- util.c
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrndup(const char *s, size_t n);
char *xprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void errorAt(const char *file, Pos pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
#define VEC(T) struct { T *v; int n, cap; }
#define vpush(vec, x)                                                              \
    do {                                                                           \
        if ((vec).n == (vec).cap) {                                                \
            (vec).cap = (vec).cap ? 2 * (vec).cap : 8;                             \
            (vec).v = xrealloc((vec).v, (size_t)(vec).cap * sizeof *(vec).v);      \
        }                                                                          \
        (vec).v[(vec).n++] = (x);                                                  \
    } while (0)

// ---- lex.c
enum { TEOF, TIDENT, TINT, TSTRING, TKEYWORD, TOP };
typedef struct Token {
    int kind;
    char *text;
    Pos pos;
} Token;
typedef struct Scanner {
    const char *file;
    Token *toks;
    int n, cap;
} Scanner;
void scan(Scanner *s, const char *file, const char *src);
// ---- types.c
typedef struct Type Type;
typedef struct Node Node;
typedef struct Func Func;
typedef VEC(Node *) Nodes;

enum Kind {
    KBOOL, KINT, KINT8, KINT16, KINT32, KINT64, KUINT, KUINT8, KUINT16, KUINT32, KUINT64, KUINTPTR, KFLOAT64,
    KSTRING, KPTR, KSLICE, KARRAY, KMAP, KCHAN, KSTRUCT, KINTER, KFUNC, KNIL, KUNTYPEDINT, KUNTYPEDSTRING,
    KUNTYPEDBOOL, KBLANK
};
typedef struct Field {
    const char *name; // NULL: unnamed (a parameter or result)
    Type *type;
    Pos pos;
    bool ddd;   // a variadic parameter
    Node *nname; // a parameter's or result's name in the function's body
    int64_t offset;
} Field;
typedef VEC(Field) Fields;
typedef struct Method {
    const char *name;
    Func *fn;       // NULL for an interface's method
    Type *type;     // the signature, without receiver
    bool ptrRecv;   // declared on *T
} Method;
typedef VEC(Method) Methods;
struct Type {
    int kind;
    const char *name; // a named type's name (package-qualified for fmt's), else NULL
    Type *elem, *key; // pointer, slice, array, map, chan: element; map: key
    int64_t bound;    // array length
    Fields fields; // struct fields; a function's parameters
    Fields results;
    Field *recv;
    Methods methods;
    bool variadic;
    int64_t size, align; // -1 until computed
    Type *underlying;    // a named type's underlying type (itself for unnamed types)
    Pos pos;             // where a named type is declared, or a name refers to a type
    int state;           // typeRef: a name the checker resolves; typeDecl: a declaration not yet resolved
    bool defined;        // declared by the program (type T ...): identical only to itself
};
enum { typeOK, typeRef, typeDecl };
extern Type *types[KBLANK + 1];
Type *newType(int kind);
Type *ptrTo(Type *t);
Type *sliceOf(Type *t);
int64_t typeSize(Type *t);
int64_t typeAlign(Type *t);
bool hasPointers(Type *t);
bool isDirectIface(Type *t);
bool isInterface(Type *t);
bool isUntyped(Type *t);
bool identical(Type *a, Type *b);
Type *under(Type *t);
char *typeString(Type *t);
// ---- the IR (a small cmd/compile/internal/ir)
enum Op {
    OXXX,
    // expressions of the syntax, before checking
    OIDENT, OCALL, OCOMPLIT, OSELECT, OPAREN, OTYPEEXPR,
    // expressions of the IR
    ONAME, OLITERAL, ONIL, OTYPE, OADDR, ODEREF, ODOT, ODOTPTR, OINDEX, OINDEXMAP, OSLICE, OSLICEARR, OSLICESTR,
    OCALLFUNC, OCALLMETH, OCALLINTER, ONEW, OMAKESLICE, OMAKEMAP, OAPPEND, OLEN, OCAP, OCOPY, OPANIC, OPRINTN,
    OCONV, OCONVNOP, OCONVIFACE, OBYTES2STR, OSTR2BYTES, OPTRLIT, OSTRUCTLIT, OSLICELIT, OARRAYLIT, OMAPLIT,
    OKEY, OSTRUCTKEY, OCLOSURE, OADDSTR, ODOTTYPE, ODOTMETH, ODOTINTER,
    OADD, OSUB, OMUL, ODIV, OMOD, OAND, OOR, OXOR, OLSH, ORSH, OANDNOT, OEQ, ONE, OLT, OLE, OGT, OGE, OANDAND,
    OOROR, ONEG, OPLUS, ONOT, OBITNOT,
    // statements
    OBLOCK, ODCL, OAS, OAS2, OAS2FUNC, OAS2MAPR, OASOP, OIF, OFOR, ORANGE, ORETURN, OBREAK, OCONTINUE, OSWITCH, OCASE,
    OVARDECL, ODEFINE, OINCDEC, OEXPRSTMT, OEMPTY,
};
enum Class { PNONE, PEXTERN, PAUTO, PPARAM, PPARAMOUT, PFUNC };
struct Node {
    int op;
    Pos pos;
    Type *type;
    Node *x, *y, *z; // operands: X, Y (index, value), Z (slice max / for post)
    Nodes list;      // call arguments, literal elements, block statements, left-hand sides
    Nodes rlist;     // right-hand sides; else branch
    Node *cond;
    const char *sym; // a name's, a field's or an operator's text
    int64_t ival;    // an integer literal's value
    const char *sval; // a literal's source text
    bool implicit;   // inserted by the checker (a conversion, a dereference, a "..." slice)
    bool isddd;      // a call with "...", an implicit "..." argument slice
    int asop;        // OASOP: the operator
    Type *littype;   // a composite literal's or conversion's type expression
    // ONAME
    int class;
    Func *curfn;   // the function it belongs to
    Node *defn;    // the statement that defined it with :=, or the range
    void *opt;     // its location (escape analysis)
    bool byval;    // a closure captures it by value
    Func *fn;      // PFUNC: the function; OCLOSURE: the closure's function
    int field;     // ODOT, ODOTPTR: field index
    Func *method;  // a method call's or method value's function
    Nodes init;    // statements run first: a statement's ODCLs, an if's or for's init
    bool reassigned; // ONAME: assigned after its definition, or its address taken (not a static value)
    bool def;      // OAS, OAS2: a := definition
    Node *key, *value; // ORANGE's iteration variables (either may be NULL)
    Node *canon;   // a closure variable: the variable it captures (ir.Name.Canonical)
    Pos xpos;      // where operand X is written: implicit nodes made around X go there
};
// A parameter's tag (leaks.go): [0] the derefs with which it leaks to the heap, [1+i] to result i; +1, 0 = none.
typedef struct Leaks {
    uint8_t v[8];
} Leaks;
struct Func {
    const char *name;  // Go's symbol name: f, T.m, (*T).m, f.func1
    Node *nname;       // the ONAME (PFUNC)
    Type *type;        // the signature
    Nodes dcl;         // parameters, results, locals, in Go's order
    Nodes cvars;       // a closure's closure variables: one per captured variable, at its first use
    Node *body;        // OBLOCK
    Func *outer;       // the enclosing function of a closure
    Node *clo;         // the OCLOSURE expression of a closure
    int nclosures;     // closures numbered so far (f.func1, f.func2, ...)
    bool closureCalled;
    int esc;           // escFuncUnknown ... escFuncTagged
    VEC(Leaks) tags;   // parameter tags, once analyzed (receiver, then parameters)
    bool external;     // fmt's: tags from a table
    Pos pos;
};
typedef struct Package {
    const char *file;
    VEC(Func *) funcs;   // in source order; methods included
    VEC(Node *) globals;
    VEC(Type *) named;
} Package;

Node *newNode(int op, Pos pos);
Node *newName(const char *sym, int class, Type *t, Pos pos);

// ---- parse.c, check.c
typedef struct Parser {
    Scanner *s;
    int i;       // the next token
    int exprLev; // < 0: in a control clause, where T{ is not a composite literal
    Package *pkg;
    Func *fn;    // the function being parsed
} Parser;
typedef struct Scope Scope;
typedef struct Checker {
    Package *pkg;
    Scope *scope;
    Func *fn;     // the function being checked
    Pos basePos;  // irgen's base.Pos: where an implicit conversion is placed
    int loop;     // inside a for (or a switch): break is allowed; continue needs a for
    int loopOnly; // inside a for: continue is allowed
    bool callee;  // the expression being checked is called: a method is allowed
} Checker;
typedef struct Batch Batch;
typedef struct Escape {
    Batch *b;
    Func *curfn;
    int loopDepth;
} Escape;
void parseFile(Package *pkg, Scanner *s);
void initUniverse(void);
void checkPackage(Package *pkg);
Node *staticValue(Node *n);

// ---- fmt.c: nodes as Go's %v prints them
char *nodeString(Node *n);
char *posString(Pos pos);
extern const char *srcFile;

// ---- the extension interface: what a construct added to the tool (lab 26-extend) may use
Token *peek(Parser *p);
bool is(Parser *p, const char *text);
Token *next(Parser *p);
bool got(Parser *p, const char *text);
Token *want(Parser *p, const char *text);
_Noreturn void unsupported(Parser *p, Pos pos, const char *what);
Node *parseExpr(Parser *p);
Node *parseSimpleStmt(Parser *p, bool rangeOK);
Node *parseStmt(Parser *p);
Node *checkExpr(Checker *c, Node *n);
void checkStmt(Checker *c, Node *n, Nodes *out);
void pushScope(Checker *c);
void popScope(Checker *c);
void discard(Escape *e, Node *n);
void stmts(Escape *e, Nodes *l);
void block(Escape *e, Nodes *l);
// The hooks for a switch statement; the tool's own refuse it as outside the subset.
Node *parseSwitchStmt(Parser *p);
void checkSwitchStmt(Checker *c, Node *n);
void escapeSwitchStmt(Escape *e, Node *n);

// ---- escape.c
extern int flagM; // -m level
extern const char *flagDot;
void escapeFuncs(Package *pkg);
#endif
