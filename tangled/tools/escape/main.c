// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// escape FILE.go: the -m lines Go 1.19's compiler prints for FILE.go with -gcflags='-m -l'.
#include "esc.h"

static char *
readFile(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        perror(path);
        exit(2);
    }
    size_t cap = 1 << 16, n = 0;
    char *s = xmalloc(cap);
    size_t r;
    while ((r = fread(s + n, 1, cap - n - 1, f)) > 0) {
        n += r;
        if (n + 1 == cap)
            s = xrealloc(s, cap *= 2);
    }
    s[n] = 0;
    fclose(f);
    return s;
}

int
main(int argc, char **argv)
{
    const char *path = NULL;
    flagM = 1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-m") == 0)
            flagM = 1;
        else if (strncmp(argv[i], "-m=", 3) == 0)
            flagM = atoi(argv[i] + 3);
        else if (strncmp(argv[i], "-dot=", 5) == 0)
            flagDot = argv[i] + 5, flagM = 0;
        else if (argv[i][0] == '-') {
            fprintf(stderr, "usage: escape [-m|-m=N|-dot=FUNC] FILE.go\n");
            return 2;
        } else
            path = argv[i];
    }
    if (path == NULL) {
        fprintf(stderr, "usage: escape [-m|-m=N|-dot=FUNC] FILE.go\n");
        return 2;
    }
    srcFile = path;
    initUniverse();
    Scanner s = {0};
    scan(&s, path, readFile(path));
    Package pkg = {.file = path};
    parseFile(&pkg, &s);
    checkPackage(&pkg);
    escapeFuncs(&pkg);
    return 0;
}
