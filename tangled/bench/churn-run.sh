# tangled from chapters/82-pauses.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
# usage: sh tangled/bench/churn-run.sh MEASURE STEPS RUNS NAME=PROGRAM...   (from the top)
# Runs every PROGRAM (the churn benchmark) for STEPS steps, RUNS times round-robin, through
# MEASURE (tangled/bench/measure.c); checks that each run prints what the first program's
# first run printed, and prints CSV: program,run,wall_s,cpu_s,maxrss_mib,gc_cycles,
# pause_max_us,pause_p99_us,pause_p50_us,live_mib, after lines starting with # that name
# the machine.
set -eu
measure=${1:?usage: churn-run.sh MEASURE STEPS RUNS NAME=PROGRAM...}
steps=${2:?usage: churn-run.sh MEASURE STEPS RUNS NAME=PROGRAM...}
runs=${3:?usage: churn-run.sh MEASURE STEPS RUNS NAME=PROGRAM...}
shift 3
unset GOGC GOMEMLIMIT GOMAXPROCS GODEBUG GLIBC_TUNABLES MALLOC_CONF JE_MALLOC_CONF
for v in $(env | sed -n 's/^\(MALLOC_[A-Z_]*\|MIMALLOC_[A-Z_]*\|TCMALLOC_[A-Z_]*\|GC_[A-Z_]*\)=.*/\1/p'); do
    unset "$v"
done
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
echo "# machine: ${cpu:-unknown processor}, $(nproc) CPUs, Linux $(uname -r)"
version() { v=$(dpkg-query -W -f='${Version}\n' "$2" 2>/dev/null | head -n 1) || v=; echo "$1 ${v:-?}"; }
echo "# Debian packages: $(version glibc libc6), $(version mimalloc libmimalloc2.0),"
echo "#   $(version jemalloc libjemalloc2), $(version tcmalloc libtcmalloc-minimal4), $(version boehm libgc1), $(version go golang-1.19-go)"
echo "# churn, $steps steps; $runs run$([ "$runs" = 1 ] || echo s) of each program, round-robin"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
echo "program,run,wall_s,cpu_s,maxrss_mib,gc_cycles,pause_max_us,pause_p99_us,pause_p50_us,\
live_mib"
first=${1%%=*}
for run in $(seq 1 "$runs"); do
    for p in "$@"; do
        name=${p%%=*} prog=${p#*=}
        if ! m=$("$measure" "$tmp/out" "$tmp/err" "$prog" "$steps"); then
            echo "churn-run.sh: $name failed:" >&2; cat "$tmp/out" "$tmp/err" >&2; exit 1
        fi
        [ -f "$tmp/expected" ] || cp "$tmp/out" "$tmp/expected"
        if ! cmp -s "$tmp/out" "$tmp/expected"; then
            echo "churn-run.sh: $name printed something else than $first:" >&2
            diff "$tmp/expected" "$tmp/out" >&2 || true; exit 1
        fi
        gcs=$(sed -n 's/^gc cycles: //p' "$tmp/err")
        pmax=$(sed -n 's/^gc pauses: max_us=\([0-9]*\) .*/\1/p' "$tmp/err")
        p99=$(sed -n 's/^gc pauses: .* p99_us=\([0-9]*\) .*/\1/p' "$tmp/err")
        p50=$(sed -n 's/^gc pauses: .* p50_us=\([0-9]*\) .*/\1/p' "$tmp/err")
        gcs=${gcs:--} pauses=${pmax:--},${p99:--},${p50:--}
        live=$(sed -n 's/^live: .*(\([0-9.]*\) MiB)$/\1/p' "$tmp/out")
        echo "$name,$run,$m,$gcs,$pauses,${live:--}"
    done
done
