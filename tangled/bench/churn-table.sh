# tangled from chapters/82-pauses.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
# usage: sh tangled/bench/churn-table.sh CSV   (prints the churn table of the collector's chapter)
set -eu
csv=${1:?usage: churn-table.sh CSV}
sed -n 's/^# //p' "$csv"
echo
grep -v '^#' "$csv" | awk -F, '
    function median(fig, p,    n, i, j, v, t) {
        n = nrun[p]
        for (i = 1; i <= n; i++) {
            if (fig[p, i] == "-") return "-"
            v[i] = fig[p, i] + 0
            for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
        }
        lo[p] = v[1]; hi[p] = v[n]
        return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
    }
    function fmt0(m) { return m == "-" ? "-" : sprintf("%.0f", m) }
    $1 == "program" { next }
    {
        if (!($1 in nrun)) prog[++np] = $1
        k = ++nrun[$1]
        wall[$1, k] = $3; cpu[$1, k] = $4; rss[$1, k] = $5; gcs[$1, k] = $6
        pmax[$1, k] = $7; p99[$1, k] = $8; p50[$1, k] = $9; live[$1, k] = $10
        if ($7 != "-" && (!($1 in worst) || $7 + 0 > worst[$1])) worst[$1] = $7 + 0
        if ($6 != "-" && $6 + 0 > 256) over256 = 1
    }
    END {
        print "medians of the runs; pauses: the stop-the-world time of a GC cycle, in us"
        printf "%-7s %7s %7s %8s %8s %6s %9s %9s %9s %9s\n", "program", "wall s", "CPU s",
            "RSS MiB", "live MiB", "cycles", "max pause", "p99 pause", "p50 pause", "worst max"
        for (i = 1; i <= np; i++) {
            p = prog[i]
            printf "%-7s %7.2f %7.2f %8.1f %8s %6s %9s %9s %9s %9s\n", p, median(wall, p),
                median(cpu, p), median(rss, p), live[p, 1], fmt0(median(gcs, p)),
                fmt0(median(pmax, p)), fmt0(median(p99, p)), fmt0(median(p50, p)),
                (p in worst) ? worst[p] : "-"
        }
        if (over256)
            print "(a run with more than 256 cycles: its pause figures cover its last 256 cycles)"
    }'
