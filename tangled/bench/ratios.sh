# tangled from chapters/80-bench.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
# usage: sh tangled/bench/ratios.sh CSV   (prints the tables of the chapter "Measuring the allocator")
set -eu
csv=${1:?usage: ratios.sh CSV}
sed -n 's/^# //p' "$csv"
echo
grep -v '^#' "$csv" | awk -F, '
    function table(fig,    i, r, k, v) {
        printf "%7s %6s", "threads", "size"
        for (i = 1; i <= na; i++) printf " %9s", alloc[i]
        printf "\n"
        for (r = 1; r <= nr; r++) {
            split(rows[r], k, ",")
            printf "%7s %6s", k[1], k[2]
            for (i = 1; i <= na; i++) {
                v = "-"
                if ((alloc[i], rows[r]) in fig && fig[alloc[i], rows[r]] != "")
                    v = sprintf("%.1f", fig[alloc[i], rows[r]])
                printf " %9s", v
            }
            printf "\n"
        }
    }
    $1 == "allocator" { next }
    {
        if (!($1 in seen)) { seen[$1] = 1; alloc[++na] = $1 }
        row = $2 "," $3
        if (!(row in seenrow)) { seenrow[row] = 1; rows[++nr] = row }
        ns[$1, row] = $4
        flt[$1, row] = $5
    }
    END {
        if (!("gomm" in seen)) { print "ratios.sh: no figures for gomm" > "/dev/stderr"; exit 1 }
        print "ns per allocation (with 2 threads: wall-clock time / allocations of one thread)"
        table(ns)
        print ""
        print "gomm / allocator (above 1: gomm is slower); target: gomm <= 1.5 x mimalloc for 16-512 B"
        printf "%7s %6s", "threads", "size"
        for (i = 1; i <= na; i++) if (alloc[i] != "gomm") printf " %9s", alloc[i]
        printf " %7s %7s %8s\n", "target", "floor", "fastpath"
        for (r = 1; r <= nr; r++) {
            split(rows[r], k, ",")
            printf "%7s %6s", k[1], k[2]
            hasg = ("gomm", rows[r]) in ns
            for (i = 1; i <= na; i++) {
                if (alloc[i] == "gomm") continue
                v = "-"
                if (hasg && (alloc[i], rows[r]) in ns && ns[alloc[i], rows[r]] > 0)
                    v = sprintf("%.2f", ns["gomm", rows[r]] / ns[alloc[i], rows[r]])
                printf " %9s", v
            }
            t = f = fp = ""
            if (k[2] + 0 >= 16 && k[2] + 0 <= 512 && ("mimalloc", rows[r]) in ns) {
                bound = 1.5 * ns["mimalloc", rows[r]]
                if (hasg) t = ns["gomm", rows[r]] <= bound ? "met" : "missed"
                if (("bump", rows[r]) in ns) f = ns["bump", rows[r]] <= bound ? "met" : "missed"
                if (("fastpath", rows[r]) in ns) fp = ns["fastpath", rows[r]] <= bound ? "met" : "missed"
            }
            printf " %7s %7s %8s\n", t, f, fp
        }
        print ""
        print "minor page faults per 1000 allocations (the whole process, during the best run)"
        table(flt)
    }'
