// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The scanner: Go's tokens, with automatic semicolons (a stand-in for cmd/compile/internal/syntax).
#include "esc.h"

static const char *const keywords[] = {
    "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for", "func", "go",
    "goto", "if", "import", "interface", "map", "package", "range", "return", "select", "struct", "switch",
    "type", "var", NULL};

// The operators, longest first, so that the first match is the longest.
static const char *const operators[] = {
    "<<=", // (one shift operator per line: a line with both is a chunk reference to noweb)
    ">>=",
    "&^=", "...", "&&", "||", "<-", "++", "--", "==", "!=", "<=", ">=", ":=", "+=", "-=", "*=", "/=", "%=",
    "&=",  "|=",  "^=",
    "<<",
    ">>",
    "&^", "+", "-", "*", "/", "%", "&", "|", "^", "<", ">", "=", "!", "(", ")", "[", "]", "{", "}", ",", ";",
    ".", ":", "~", NULL};

static void
addToken(Scanner *s, int kind, const char *text, size_t len, Pos pos)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 256;
        s->toks = xrealloc(s->toks, s->cap * sizeof *s->toks);
    }
    Token *t = &s->toks[s->n++];
    t->kind = kind;
    t->text = xstrndup(text, len);
    t->pos = pos;
}

// After these, a newline ends the statement (the Go specification's rule).
static bool
endsStatement(const Token *t)
{
    switch (t->kind) {
    case TIDENT:
    case TINT:
    case TSTRING:
        return true;
    case TKEYWORD:
        return strcmp(t->text, "break") == 0 || strcmp(t->text, "continue") == 0
               || strcmp(t->text, "fallthrough") == 0 || strcmp(t->text, "return") == 0;
    case TOP:
        return strcmp(t->text, "++") == 0 || strcmp(t->text, "--") == 0 || strcmp(t->text, ")") == 0
               || strcmp(t->text, "]") == 0 || strcmp(t->text, "}") == 0;
    }
    return false;
}

static void
newline(Scanner *s, Pos pos)
{
    if (s->n > 0 && endsStatement(&s->toks[s->n - 1]))
        addToken(s, TOP, ";", 1, pos); // an automatic semicolon: its text is ";" and its pos the newline's
}
void
scan(Scanner *s, const char *file, const char *src)
{
    s->file = file;
    int line = 1, col = 1;
    const char *p = src;
    while (*p) {
        Pos pos = {line, col};
        if (*p == '\n') {
            newline(s, pos);
            p++, line++, col = 1;
            continue;
        }
        if (*p == ' ' || *p == '\t' || *p == '\r') {
            p++, col++;
            continue;
        }
        if (p[0] == '/' && p[1] == '/') {
            while (*p && *p != '\n')
                p++, col++;
            continue;
        }
        if (p[0] == '/' && p[1] == '*') {
            bool nl = false;
            Pos at = pos;
            p += 2, col += 2;
            while (*p && !(p[0] == '*' && p[1] == '/')) {
                if (*p == '\n')
                    nl = true, at = (Pos){line, col}, line++, col = 1;
                else
                    col++;
                p++;
            }
            if (!*p)
                errorAt(file, pos, "comment not terminated");
            p += 2, col += 2;
            if (nl)
                newline(s, at);
            continue;
        }
        if (isalpha((unsigned char)*p) || *p == '_') {
            const char *b = p;
            while (isalnum((unsigned char)*p) || *p == '_')
                p++;
            int kind = TIDENT;
            for (int i = 0; keywords[i]; i++)
                if ((size_t)(p - b) == strlen(keywords[i]) && strncmp(b, keywords[i], (size_t)(p - b)) == 0)
                    kind = TKEYWORD;
            addToken(s, kind, b, (size_t)(p - b), pos);
            col += (int)(p - b);
            continue;
        }
        if (isdigit((unsigned char)*p)) {
            const char *b = p;
            if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
                p += 2;
            while (isalnum((unsigned char)*p) || *p == '_')
                p++;
            if (*p == '.' || *p == 'e')
                errorAt(file, pos, "floating-point constants are outside the supported subset");
            addToken(s, TINT, b, (size_t)(p - b), pos);
            col += (int)(p - b);
            continue;
        }
        if (*p == '"' || *p == '`') {
            char q = *p;
            const char *b = p++;
            while (*p && *p != q) {
                if (*p == '\\' && q == '"' && p[1])
                    p++;
                if (*p == '\n')
                    errorAt(file, pos, "newline in string");
                p++;
            }
            if (!*p)
                errorAt(file, pos, "string not terminated");
            p++;
            addToken(s, TSTRING, b, (size_t)(p - b), pos);
            col += (int)(p - b);
            continue;
        }
        if (*p == '\'')
            errorAt(file, pos, "rune literals are outside the supported subset");
        int k;
        for (k = 0; operators[k]; k++)
            if (strncmp(p, operators[k], strlen(operators[k])) == 0)
                break;
        if (!operators[k])
            errorAt(file, pos, "unexpected character %c", *p);
        size_t len = strlen(operators[k]);
        addToken(s, TOP, p, len, pos);
        p += len, col += (int)len;
    }
    newline(s, (Pos){line, col});
    addToken(s, TEOF, "", 0, (Pos){line, col});
}
