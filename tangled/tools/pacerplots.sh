# tangled from chapters/20-tuning.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
# usage: sh tangled/tools/pacerplots.sh DEMO OUTDIR: the CSV files of chapter 20's figures.
set -eu
demo=$1 out=$2
mkdir -p "$out"
# gctrace lines -> t (s), heap at the end of the mark (MB), goal (MB)
tocsv() {
    awk 'BEGIN { print "t,heap,goal" }
         /^gc [0-9]+ @/ { t = $3; sub(/^@/, "", t); sub(/s$/, "", t)
                          for (i = 1; i <= NF; i++) if ($i ~ /->.*->/) { split($i, h, "->"); heap = h[2] }
                          for (i = 1; i <= NF; i++) if ($i == "goal,") goal = $(i - 2)
                          print t "," heap "," goal }'
}
for g in 50 200; do
    GOGC=$g GODEBUG=gctrace=1 "$demo" churn 2>&1 >/dev/null | tocsv > "$out/heap-gogc$g.csv"
done
echo "limit,gccpu" > "$out/limit-cpu.csv"
for l in 16 24 32 40 48 56 64 96 128; do
    pct=$(GOMEMLIMIT=${l}MiB GODEBUG=gctrace=1 "$demo" spiral 2>&1 >/dev/null | awk '/^gc / { p = $4 } END { sub(/%:/, "", p); print p }')
    echo "$l,$pct" >> "$out/limit-cpu.csv"
done
"$demo" rss > "$out/rss-on.csv"
"$demo" rss-off > "$out/rss-off.csv"
