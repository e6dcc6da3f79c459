// tangled from chapters/10-gc.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Steps a small heap through a mark cycle, with a mutator and a write barrier;
// chapter 10 draws its figures and traces with it.  Usage: gcsim -h.
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    maxObjs = 16, // objects A to P
    nFields = 2,  // each with two pointer fields, l and r
    nGlobals = 2, // globals g1 and g2
    nStacks = 2,  // goroutines M1 and M2...
    nLocals = 3,  // ...each with three pointer slots on its stack: a, b and c
    nil = -1,
};
enum color { white, grey, black };
enum barrier { noBarrier, dijkstra, yuasa, hybrid, both, nBarriers };

typedef struct simWorld {
    int nobj;                    // objects 0 .. nobj-1 exist
    int field[maxObjs][nFields]; // each an object, or nil
    int global[nGlobals];
    int local[nStacks][nLocals];
    enum color color[maxObjs];
    bool globalsScanned;
    bool stackScanned[nStacks];  // a scanned stack is black, the others grey
    int grey[maxObjs];           // the grey objects, a stack
    int ngrey;
    enum barrier barrier;
    bool rescan;                 // mark termination rescans the stacks, world stopped
    bool stopped;                // the world is stopped (mark termination)
    int step;
    char note[256];              // what the current step did, for the trace
} simWorld;

static const char *const barrierNames[nBarriers] = {"none", "dijkstra", "yuasa", "hybrid", "both"};
static enum { traceAll, traceMutator, traceNone } traceLevel = traceAll;
static int dotStep = -2; // draw the heap after this step; -1: at the end; -2: never

static _Noreturn void
gcsimFatal(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "gcsim: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    exit(2);
}

static const char *
objName(int o)
{
    static const char names[] = "A\0B\0C\0D\0E\0F\0G\0H\0I\0J\0K\0L\0M\0N\0O\0P";
    return o == nil ? "nil" : &names[2 * o];
}

static void
addNote(simWorld *w, const char *fmt, ...)
{
    size_t n = strlen(w->note);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(w->note + n, sizeof w->note - n, fmt, ap);
    va_end(ap);
}
static void
simShade(simWorld *w, int o)
{
    if (o != nil && w->color[o] == white) {
        w->color[o] = grey;
        w->grey[w->ngrey++] = o;
    }
}

static void
shadeNoted(simWorld *w, const char *which, int o)
{
    if (o == nil)
        addNote(w, "shade %s nil", which);
    else if (w->color[o] == white)
        addNote(w, "shade %s %s, now grey", which, objName(o));
    else
        addNote(w, "shade %s %s, already %s", which, objName(o),
                w->color[o] == grey ? "grey" : "black");
    simShade(w, o);
}
static void
scanObject(simWorld *w, int o)
{
    int k = w->ngrey - 1;
    while (w->grey[k] != o)
        k--;
    memmove(&w->grey[k], &w->grey[k + 1], (size_t)(w->ngrey - k - 1) * sizeof w->grey[0]);
    w->ngrey--;
    w->color[o] = black;
    addNote(w, "%s black", objName(o));
    for (int f = 0; f < nFields; f++) {
        int p = w->field[o][f];
        if (p != nil && w->color[p] == white)
            addNote(w, ", %s grey", objName(p));
        simShade(w, p);
    }
}
static void
scanRoots(simWorld *w, const char *what, const int *slots, int n)
{
    addNote(w, "%s black", what);
    for (int i = 0; i < n; i++) {
        int p = slots[i];
        if (p != nil && w->color[p] == white)
            addNote(w, ", %s grey", objName(p));
        simShade(w, p);
    }
}

static void
scanGlobals(simWorld *w)
{
    w->globalsScanned = true;
    scanRoots(w, "globals", w->global, nGlobals);
}

static void
scanStack(simWorld *w, int g)
{
    char what[32];
    snprintf(what, sizeof what, "stack M%d", g + 1);
    w->stackScanned[g] = true;
    scanRoots(w, what, w->local[g], nLocals);
}
static void
writePointer(simWorld *w, int g, int *slot, int ptr)
{
    switch (w->barrier) {
    case noBarrier:
        addNote(w, " no barrier");
        break;
    case dijkstra:
        addNote(w, " ");
        shadeNoted(w, "new", ptr);
        break;
    case yuasa:
        addNote(w, " ");
        shadeNoted(w, "old", *slot);
        break;
    case hybrid:
        addNote(w, " ");
        shadeNoted(w, "old", *slot);
        if (!w->stackScanned[g]) {
            addNote(w, "; stack M%d grey: ", g + 1);
            shadeNoted(w, "new", ptr);
        } else {
            addNote(w, "; stack M%d black: new not shaded", g + 1);
        }
        break;
    case both:
        addNote(w, " ");
        shadeNoted(w, "old", *slot);
        addNote(w, "; ");
        shadeNoted(w, "new", ptr);
        break;
    default:
        break;
    }
    *slot = ptr;
}
static void
computeReachable(const simWorld *w, bool reach[maxObjs])
{
    int work[maxObjs], n = 0;
    memset(reach, 0, maxObjs * sizeof reach[0]);
    for (int i = 0; i < nGlobals + nStacks * nLocals; i++) {
        int k = i - nGlobals;
        int o = i < nGlobals ? w->global[i] : w->local[k / nLocals][k % nLocals];
        if (o != nil && !reach[o]) {
            reach[o] = true;
            work[n++] = o;
        }
    }
    while (n > 0) {
        int o = work[--n];
        for (int f = 0; f < nFields; f++) {
            int p = w->field[o][f];
            if (p != nil && !reach[p]) {
                reach[p] = true;
                work[n++] = p;
            }
        }
    }
}

static int
lostObjects(const simWorld *w, char *buf, size_t size)
{
    bool reach[maxObjs];
    computeReachable(w, reach);
    int n = 0;
    buf[0] = 0;
    for (int o = 0; o < w->nobj; o++)
        if (reach[o] && w->color[o] == white) {
            size_t len = strlen(buf);
            snprintf(buf + len, size - len, "%s%s", n++ ? " " : "", objName(o));
        }
    return n;
}

static void
listObjects(const simWorld *w, const char *title, const bool *which)
{
    printf("  %-10s", title);
    for (int o = 0; o < w->nobj; o++)
        if (which[o])
            printf(" %s", objName(o));
    printf("\n");
}

static void
printVerdict(const simWorld *w)
{
    bool reach[maxObjs], isBlack[maxObjs], isWhite[maxObjs];
    char buf[3 * maxObjs];
    computeReachable(w, reach);
    for (int o = 0; o < w->nobj; o++) {
        isBlack[o] = w->color[o] == black;
        isWhite[o] = w->color[o] == white;
    }
    printf("end of marking after %d steps (barrier: %s%s)\n", w->step, barrierNames[w->barrier],
           w->rescan ? ", stacks rescanned" : "");
    listObjects(w, "black", isBlack);
    listObjects(w, "white", isWhite);
    listObjects(w, "reachable", reach);
    if (lostObjects(w, buf, sizeof buf) > 0)
        printf("  LOST       %s: reachable but white, the sweep would free them\n", buf);
    else
        printf("  lost       none\n");
}
static const char *
dotFill(enum color c)
{
    if (c == white)
        return "fillcolor=white";
    return c == grey ? "fillcolor=\"#a8a8a8\"" : "fillcolor=black, fontcolor=white";
}

static void
dotGraph(const simWorld *w, bool end)
{
    bool reach[maxObjs];
    computeReachable(w, reach);
    printf("digraph gc {\n  nodesep=0.3; ranksep=0.3;\n"
           "  node [fontname=\"Helvetica\", fontsize=11, style=filled];\n"
           "  edge [fontname=\"Helvetica\", fontsize=9, arrowsize=0.6];\n");
    printf("  globals [shape=record, %s, label=\"{globals|{<g1>g1|<g2>g2}}\"];\n",
           dotFill(w->globalsScanned ? black : grey));
    for (int g = 0; g < nStacks; g++)
        printf("  M%d [shape=record, %s, label=\"{stack M%d|{<a>a|<b>b|<c>c}}\"];\n", g + 1,
               dotFill(w->stackScanned[g] ? black : grey), g + 1);
    printf("  { rank=same; globals;");
    for (int g = 0; g < nStacks; g++)
        printf(" M%d;", g + 1);
    printf(" }\n");
    for (int o = 0; o < w->nobj; o++)
        printf("  %s [shape=circle, width=0.38, fixedsize=true, %s%s%s];\n", objName(o),
               dotFill(w->color[o]), reach[o] ? "" : ", style=\"filled,dashed\"",
               end && reach[o] && w->color[o] == white ? ", color=red, penwidth=2.5" : "");
    for (int i = 0; i < nGlobals; i++)
        if (w->global[i] != nil)
            printf("  globals:g%d -> %s;\n", i + 1, objName(w->global[i]));
    for (int g = 0; g < nStacks; g++)
        for (int i = 0; i < nLocals; i++)
            if (w->local[g][i] != nil)
                printf("  M%d:%c -> %s;\n", g + 1, 'a' + i, objName(w->local[g][i]));
    for (int o = 0; o < w->nobj; o++)
        for (int f = 0; f < nFields; f++)
            if (w->field[o][f] != nil)
                printf("  %s -> %s [label=\"%c\"];\n", objName(o), objName(w->field[o][f]),
                       "lr"[f]);
    printf("}\n");
}
static void
beginStep(simWorld *w)
{
    w->step++;
    w->note[0] = 0;
}

static void
endStep(simWorld *w, const char *actor, const char *op)
{
    bool mutator = actor[0] == 'M';
    if (traceLevel == traceAll || (traceLevel == traceMutator && mutator))
        printf("%3d  %-9s  %-12s %s\n", w->step, actor, op, w->note);
    if (w->step == dotStep) {
        dotGraph(w, false);
        exit(0);
    }
}

static bool
collectorStep(simWorld *w)
{
    char op[32];
    beginStep(w);
    if (!w->globalsScanned) {
        scanGlobals(w);
        snprintf(op, sizeof op, "scan globals");
    } else {
        int g = 0;
        while (g < nStacks && w->stackScanned[g])
            g++;
        if (g < nStacks) {
            scanStack(w, g);
            snprintf(op, sizeof op, "scan M%d", g + 1);
        } else if (w->ngrey > 0) {
            int o = w->grey[w->ngrey - 1];
            scanObject(w, o);
            snprintf(op, sizeof op, "scan %s", objName(o));
        } else {
            w->step--;
            return false;
        }
    }
    endStep(w, w->stopped ? "STW" : "collector", op);
    return true;
}

static void
finishMark(simWorld *w)
{
    while (collectorStep(w))
        ;
    if (w->rescan) {
        w->stopped = true;
        for (int g = 0; g < nStacks; g++) {
            char op[32];
            beginStep(w);
            scanStack(w, g);
            snprintf(op, sizeof op, "rescan M%d", g + 1);
            endStep(w, "STW", op);
        }
        while (collectorStep(w))
            ;
    }
}
typedef struct simScenario {
    const char *name;
    const char *what;
    int nobj;
    const char *heap; // the pointers at the start: "g1=A A.l=B M1.a=A ..."
    const char *run;  // the steps, separated by ';'
} simScenario;

#define theHeap "g1=A A.l=B B.l=C B.r=D C.l=E D.l=F D.r=G H.l=I J.l=K K.l=J M1.a=A M2.a=H"
static const simScenario simScenarios[] = {
    {"example", "a black object gets the only pointer to a white one", 12, theHeap,
     "scan globals; scan M1; scan A; M1: b = A.l; M1: c = B.l; M1: A.r = c; M1: B.l = nil; "
     "M1: c = nil"},
    {"blackstack", "a scanned stack keeps the only pointer to a white object", 12, theHeap,
     "scan globals; scan M1; scan A; M1: b = A.l; M1: c = B.l; M1: B.l = nil"},
    {"greystack", "an unscanned stack hands its only pointer to a black object", 12, theHeap,
     "scan globals; scan M1; scan A; M2: b = g1; M2: A.r = a; M2: a = nil"},
};
enum { nScenarios = sizeof simScenarios / sizeof simScenarios[0] };
static char *
trimSpace(char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\n')
        s++;
    char *e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n'))
        *--e = 0;
    return s;
}

static int
objectNamed(const simWorld *w, const char *s)
{
    if (s[0] >= 'A' && s[0] < 'A' + w->nobj && s[1] == 0)
        return s[0] - 'A';
    gcsimFatal("no object %s (the objects are A to %c)", s, 'A' + w->nobj - 1);
}

// May goroutine g touch object o?  Only through a pointer in its stack slots or in a global.
static bool
goroutineHolds(const simWorld *w, int g, int o)
{
    for (int i = 0; i < nLocals; i++)
        if (w->local[g][i] == o)
            return true;
    for (int i = 0; i < nGlobals; i++)
        if (w->global[i] == o)
            return true;
    return false;
}

static int *
slotNamed(simWorld *w, int g, const char *s, char *kind)
{
    if (g == nil && s[0] == 'M' && s[1] >= '1' && s[1] < '1' + nStacks && s[2] == '.') {
        g = s[1] - '1';
        s += 3;
    }
    if (g != nil && s[0] >= 'a' && s[0] < 'a' + nLocals && s[1] == 0) {
        *kind = 'l';
        return &w->local[g][s[0] - 'a'];
    }
    if (s[0] == 'g' && s[1] >= '1' && s[1] < '1' + nGlobals && s[2] == 0) {
        *kind = 'g';
        return &w->global[s[1] - '1'];
    }
    if (s[0] >= 'A' && s[0] <= 'Z' && s[1] == '.' && (s[2] == 'l' || s[2] == 'r') && s[3] == 0) {
        char name[2] = {s[0], 0};
        int o = objectNamed(w, name);
        if (g != nil && !goroutineHolds(w, g, o))
            gcsimFatal("M%d cannot reach %s: it holds no pointer to it", g + 1, name);
        *kind = 'f';
        return &w->field[o][s[2] == 'r'];
    }
    gcsimFatal("no slot %s", s);
}

static void
setupHeap(simWorld *w, const simScenario *sc)
{
    char buf[512], *save = NULL;
    memset(w->field, 0xff, sizeof w->field); // all nil
    memset(w->global, 0xff, sizeof w->global);
    memset(w->local, 0xff, sizeof w->local);
    if (sc->nobj < 1 || sc->nobj > maxObjs)
        gcsimFatal("between 1 and %d objects", maxObjs);
    w->nobj = sc->nobj;
    snprintf(buf, sizeof buf, "%s", sc->heap);
    for (char *t = strtok_r(buf, " ", &save); t != NULL; t = strtok_r(NULL, " ", &save)) {
        char *eq = strchr(t, '=');
        char kind;
        if (eq == NULL)
            gcsimFatal("%s: not slot=object", t);
        *eq = 0;
        *slotNamed(w, nil, t, &kind) = objectNamed(w, eq + 1);
    }
    beginStep(w);
    w->step = 0;
    addNote(w, "every object white, no root scanned, barrier %s", barrierNames[w->barrier]);
    endStep(w, "setup", "");
}

static void
mutatorStep(simWorld *w, int g, char *lhs, char *rhs)
{
    char kl, kr = 0;
    int *dst = slotNamed(w, g, lhs, &kl);
    int val;
    if (strcmp(rhs, "nil") == 0) {
        val = nil;
    } else if (strcmp(rhs, "new") == 0) {
        if (kl != 'l')
            gcsimFatal("new goes into a stack slot");
        if (w->nobj == maxObjs)
            gcsimFatal("too many objects");
        val = w->nobj++;
        w->color[val] = black; // allocated black, as Go does while it marks
        addNote(w, "new object %s, allocated black", objName(val));
    } else {
        val = *slotNamed(w, g, rhs, &kr);
    }
    if (kl == 'l') {
        if (kr == 'f' || kr == 'g')
            addNote(w, "loads %s: no barrier on reads", objName(val));
        else if (strcmp(rhs, "new") != 0)
            addNote(w, "%s into a stack slot: no barrier", objName(val));
        *dst = val;
    } else {
        if (kr == 'f' || kr == 'g')
            gcsimFatal("%s = %s: load the pointer into a stack slot first", lhs, rhs);
        addNote(w, "stores %s:", objName(val));
        writePointer(w, g, dst, val);
    }
}

static void
executeStep(simWorld *w, char *stmt)
{
    char op[64], actor[8];
    stmt = trimSpace(stmt);
    if (*stmt == 0)
        return;
    if (strcmp(stmt, "step") == 0) {
        if (!collectorStep(w))
            gcsimFatal("step: the collector has nothing left to do");
        return;
    }
    beginStep(w);
    if (strncmp(stmt, "scan ", 5) == 0) {
        char *what = trimSpace(stmt + 5);
        if (strcmp(what, "globals") == 0) {
            scanGlobals(w);
        } else if (what[0] == 'M' && what[1] >= '1' && what[1] < '1' + nStacks && what[2] == 0) {
            scanStack(w, what[1] - '1');
        } else {
            int o = objectNamed(w, what);
            if (w->color[o] != grey)
                gcsimFatal("scan %s: only a grey object can be scanned", what);
            scanObject(w, o);
        }
        snprintf(op, sizeof op, "scan %s", what);
        endStep(w, "collector", op);
        return;
    }
    if (stmt[0] == 'M' && stmt[1] >= '1' && stmt[1] < '1' + nStacks && stmt[2] == ':') {
        char *eq = strchr(stmt, '=');
        if (eq == NULL)
            gcsimFatal("%s: not M1: slot = value", stmt);
        *eq = 0;
        char *lhs = trimSpace(stmt + 3), *rhs = trimSpace(eq + 1);
        snprintf(op, sizeof op, "%s = %s", lhs, rhs);
        snprintf(actor, sizeof actor, "M%c", stmt[1]);
        mutatorStep(w, stmt[1] - '1', lhs, rhs);
        endStep(w, actor, op);
        return;
    }
    gcsimFatal("%s: not a step (scan globals, scan M1, scan A, step, M1: a = A.l, ...)", stmt);
}

static void
runScenario(simWorld *w, const simScenario *sc)
{
    char buf[1024], *save = NULL;
    setupHeap(w, sc);
    snprintf(buf, sizeof buf, "%s", sc->run);
    for (char *t = strtok_r(buf, ";", &save); t != NULL; t = strtok_r(NULL, ";", &save))
        executeStep(w, t);
    finishMark(w);
}
static void
lostTable(void)
{
    static const struct {
        const char *title;
        enum barrier b;
        bool rescan;
    } cols[] = {
        {"none", noBarrier, false}, {"Dijkstra", dijkstra, false},
        {"Dijkstra+rescan", dijkstra, true}, {"Yuasa", yuasa, false},
        {"hybrid", hybrid, false}, {"both", both, false},
    };
    enum { ncols = sizeof cols / sizeof cols[0] };
    printf("lost objects  ");
    for (int c = 0; c < ncols; c++)
        printf("%-*s", c == ncols - 1 ? 0 : c == 2 ? 17 : 10, cols[c].title);
    printf("\n");
    traceLevel = traceNone;
    for (int s = 0; s < nScenarios; s++) {
        printf("%-14s", simScenarios[s].name);
        for (int c = 0; c < ncols; c++) {
            simWorld w = {.barrier = cols[c].b, .rescan = cols[c].rescan};
            char buf[3 * maxObjs];
            runScenario(&w, &simScenarios[s]);
            const char *cell = lostObjects(&w, buf, sizeof buf) ? buf : "-";
            printf("%-*s", c == ncols - 1 ? 0 : c == 2 ? 17 : 10, cell);
        }
        printf("\n");
    }
}
int
main(int argc, char **argv)
{
    simWorld w = {.barrier = noBarrier};
    simScenario custom = {"custom", "given on the command line", 12, "", ""};
    const simScenario *sc = &simScenarios[0];
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool hasArg = i + 1 < argc;
        if (strcmp(a, "-b") == 0 && hasArg) {
            int b = 0;
            while (b < nBarriers && strcmp(argv[i + 1], barrierNames[b]) != 0)
                b++;
            if (b == nBarriers)
                gcsimFatal("no barrier %s (none, dijkstra, yuasa, hybrid, both)", argv[i + 1]);
            w.barrier = (enum barrier)b;
            i++;
        } else if (strcmp(a, "-rescan") == 0) {
            w.rescan = true;
        } else if (strcmp(a, "-q") == 0) {
            traceLevel = traceMutator;
        } else if (strcmp(a, "-dot") == 0 && hasArg) {
            dotStep = strcmp(argv[++i], "end") == 0 ? -1 : atoi(argv[i]);
            traceLevel = traceNone;
        } else if (strcmp(a, "-heap") == 0 && hasArg) {
            custom.heap = argv[++i];
            sc = &custom;
        } else if (strcmp(a, "-objects") == 0 && hasArg) {
            custom.nobj = atoi(argv[++i]);
        } else if (strcmp(a, "-run") == 0 && hasArg) {
            custom.run = argv[++i];
            sc = &custom;
        } else if (strcmp(a, "-table") == 0) {
            lostTable();
            return 0;
        } else if (strcmp(a, "-list") == 0) {
            for (int s = 0; s < nScenarios; s++)
                printf("%-11s %s\n  heap: %s\n  run:  %s\n", simScenarios[s].name,
                       simScenarios[s].what, simScenarios[s].heap, simScenarios[s].run);
            return 0;
        } else if (a[0] != '-') {
            int s = 0;
            while (s < nScenarios && strcmp(a, simScenarios[s].name) != 0)
                s++;
            if (s == nScenarios)
                gcsimFatal("no scenario %s (-list lists them)", a);
            sc = &simScenarios[s];
        } else {
            gcsimFatal("usage: gcsim [-b none|dijkstra|yuasa|hybrid|both] [-rescan] [-q]\n"
                       "             [-dot STEP|end] [SCENARIO | -heap 'g1=A A.l=B ...'\n"
                       "             -objects N -run 'scan globals; M1: a = g1; ...']\n"
                       "       gcsim -table | -list");
        }
    }
    if (traceLevel != traceNone)
        printf("scenario %s: %s\n", sc->name, sc->what);
    runScenario(&w, sc);
    if (dotStep == -1)
        dotGraph(&w, true);
    else if (traceLevel != traceNone)
        printVerdict(&w);
    return 0;
}
