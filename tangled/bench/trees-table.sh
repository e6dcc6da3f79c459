# tangled from chapters/81-binarytrees.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
# usage: sh tangled/bench/trees-table.sh CSV   (prints the table of the chapter on binary trees)
set -eu
csv=${1:?usage: trees-table.sh CSV}
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
        pmax[$1, k] = $7 == "" ? "-" : $7; p99[$1, k] = $8 == "" ? "-" : $8; p50[$1, k] = $9 == "" ? "-" : $9
        if ($6 != "-" && $6 + 0 > 256) over256 = 1
    }
    END {
        if (!("gomm" in nrun)) { print "trees-table.sh: no runs of gomm" > "/dev/stderr"; exit 1 }
        for (i = 1; i <= np; i++) {
            p = prog[i]
            mcpu[p] = median(cpu, p); mrss[p] = median(rss, p); mgc[p] = median(gcs, p)
            mpmax[p] = median(pmax, p); mp99[p] = median(p99, p); mp50[p] = median(p50, p)
            mwall[p] = median(wall, p)   # last, so that lo and hi are the wall times
            spread[p] = sprintf("%.3f-%.3f", lo[p], hi[p])
        }
        print "medians of the runs; the last three columns: gomm / program (above 1: gomm used more)"
        printf "%-9s %8s %13s %8s %9s %9s", "program", "wall s", "min-max", "CPU s", "RSS MiB", "GC cycles"
        printf "   %6s %6s %6s\n", "wall", "CPU", "RSS"
        for (i = 1; i <= np; i++) {
            p = prog[i]
            g = mgc[p] == "-" ? "-" : sprintf("%.0f", mgc[p])
            printf "%-9s %8.3f %13s %8.3f %9.1f %9s", p, mwall[p], spread[p], mcpu[p], mrss[p], g
            printf "   %6.2f %6.2f %6.2f\n",
                mwall["gomm"] / mwall[p], mcpu["gomm"] / mcpu[p], mrss["gomm"] / mrss[p]
        }
        print ""
        print "targets (from the medians above)"
        t = "not measured"
        if (("go" in nrun) && ("boehm" in nrun))
            t = (2 * mwall["gomm"] <= mwall["go"] && mwall["gomm"] < mwall["boehm"]) ? "met" : "missed"
        printf "  %-40s %s", "wall time at most half Go\047s, below Boehm\047s:", t
        if (t != "not measured")
            printf " (gomm %.3f s, go %.3f s, boehm %.3f s)",
                mwall["gomm"], mwall["go"], mwall["boehm"]
        printf "\n"
        t = "not measured"
        if ("go" in nrun)
            t = mrss["gomm"] <= mrss["go"] ? "met" : "missed"
        printf "  %-40s %s", "peak RSS no higher than Go\047s:", t
        if (t != "not measured")
            printf " (gomm %.1f MiB, go %.1f MiB)", mrss["gomm"], mrss["go"]
        printf "\n"
        print ""
        print "stop-the-world pauses of a GC cycle, us: medians over the runs of each run\047s largest,"
        print "99th-percentile and median pause (-: the program gives none)"
        printf "%-9s %9s %10s %10s %10s\n", "program", "GC cycles", "max pause", "p99 pause", "p50 pause"
        for (i = 1; i <= np; i++) {
            p = prog[i]
            printf "%-9s %9s %10s %10s %10s\n", p, fmt0(mgc[p]), fmt0(mpmax[p]), fmt0(mp99[p]), fmt0(mp50[p])
        }
        if (over256)
            print "(a run with more than 256 cycles: its figures cover its last 256 cycles)"
    }'
