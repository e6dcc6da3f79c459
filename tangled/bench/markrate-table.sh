# tangled from chapters/82-pauses.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
# usage: sh tangled/bench/markrate-table.sh CSV   (prints the mark throughput table)
set -eu
csv=${1:?usage: markrate-table.sh CSV}
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
        r = $1 "," $2
        if (!(r in nrun)) { row[++nr] = r; prog[nr] = $1; procs[nr] = $2 }
        k = ++nrun[r]
        marked[r, k] = $4; assist[r, k] = $5; bg[r, k] = $6; idle[r, k] = $7; wall[r, k] = $8
        cpu[r, k] = $5 + $6 + $7
        rate[r, k] = cpu[r, k] > 0 ? $4 / (cpu[r, k] / 1000) : "-"
        wrate[r, k] = $8 > 0 ? $4 / ($8 / 1000) : "-"
        par[r, k] = $8 > 0 ? cpu[r, k] / $8 : "-"
    }
    END {
        print "forced cycles, medians over a run\047s cycles; P: GOMAXPROCS;"
        print "mark CPU = assist + background + idle; marked: the trace\047s marked heap, MiB"
        printf "%-7s %2s %6s %7s %7s %7s %8s %8s %9s %10s %6s\n", "program", "P", "marked",
            "assist", "backgr", "idle", "mark CPU", "mark", "MiB per", "MiB per", "CPU /"
        printf "%-7s %2s %6s %7s %7s %7s %8s %8s %9s %10s %6s\n", "", "", "MiB", "ms", "ms", "ms",
            "ms", "wall ms", "CPU-s", "wall-s", "wall"
        for (i = 1; i <= nr; i++) {
            r = row[i]
            mr[r] = median(rate, r)
            printf "%-7s %2s %6.0f %7.1f %7.1f %7.1f %8.1f %8.1f %9s %10s %6s\n", prog[i],
                procs[i], median(marked, r), median(assist, r), median(bg, r), median(idle, r),
                median(cpu, r), median(wall, r), fmt0(mr[r]), fmt0(median(wrate, r)),
                fmt2(median(par, r))
        }
        print ""
        for (i = 1; i <= nr; i++) {
            if (prog[i] != "gomm" || !(("go," procs[i]) in mr)) continue
            g = mr["go," procs[i]]
            printf "gomm / go, MiB per CPU-second, GOMAXPROCS=%s: %s\n", procs[i],
                (mr[row[i]] == "-" || g == "-" || g == 0) ? "-" : sprintf("%.2f", mr[row[i]] / g)
        }
    }
    function fmt2(m) { return m == "-" ? "-" : sprintf("%.2f", m) }'
