# tangled from chapters/28-optimize.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
# usage: GODEBUG=allocfreetrace=1 build/rel/demo/lifetime 2>&1 | awk -f tangled/tools/lifetime.awk
BEGIN { RS = "" }
{ para[NR] = $0 }
/^lifetime: watching / { addr = $3 }
END {
    for (i = 1; i <= NR; i++)
        if (para[i] ~ /^lifetime: / || para[i] ~ /^tracegc\(\)/ ||
            index(para[i], "tracealloc(" addr ",") == 1 || index(para[i], "tracefree(" addr ",") == 1)
            printf "%s\n\n", para[i]
}
