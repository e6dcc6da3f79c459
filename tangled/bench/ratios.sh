# tangled from chapters/80-bench.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
# usage: sh tangled/bench/ratios.sh CSV   (prints the tables of the chapter "Measuring the allocator")
set -eu
csv=${1:?usage: ratios.sh CSV}
sed -n 's/^# //p' "$csv"
echo
grep -v '^#' "$csv" | awk -F, '
    $1 == "allocator" { next }
    {
        if (!($1 in seen)) { seen[$1] = 1; alloc[++na] = $1 }
        row = $2 "," $3
        if (!(row in seenrow)) { seenrow[row] = 1; rows[++nr] = row }
        ns[$1, row] = $4
    }
    END {
        if (!("gomm" in seen)) { print "ratios.sh: no figures for gomm" > "/dev/stderr"; exit 1 }
        print "ns per allocation (with 2 threads: wall-clock time / allocations of one thread)"
        printf "%7s %6s", "threads", "size"
        for (i = 1; i <= na; i++) printf " %9s", alloc[i]
        printf "\n"
        for (r = 1; r <= nr; r++) {
            split(rows[r], k, ",")
            printf "%7s %6s", k[1], k[2]
            for (i = 1; i <= na; i++) {
                v = "-"
                if ((alloc[i], rows[r]) in ns) v = sprintf("%.1f", ns[alloc[i], rows[r]])
                printf " %9s", v
            }
            printf "\n"
        }
        print ""
        print "gomm / allocator (above 1: gomm is slower); target: gomm <= 1.5 x mimalloc for 16-512 B"
        printf "%7s %6s", "threads", "size"
        for (i = 1; i <= na; i++) if (alloc[i] != "gomm") printf " %9s", alloc[i]
        printf " %7s\n", "target"
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
            t = ""
            if (hasg && k[2] + 0 >= 16 && k[2] + 0 <= 512 && ("mimalloc", rows[r]) in ns)
                t = ns["gomm", rows[r]] <= 1.5 * ns["mimalloc", rows[r]] ? "met" : "missed"
            printf " %7s\n", t
        }
    }'
