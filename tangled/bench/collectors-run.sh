# tangled from chapters/83-collectors.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
# usage: sh tangled/bench/collectors-run.sh pause MIB... -- NAME=PROGRAM...
#        sh tangled/bench/collectors-run.sh young OLDMIB STEPS -- NAME=PROGRAM[:ARG]...
# (from the top of the tree) Runs the programs of the chapter "Other languages' collectors"
# and prints a table of their CSV rows; PROGRAM:ARG passes ARG after the others.
set -eu
mode=${1:?usage: collectors-run.sh pause|young ARGS... -- NAME=PROGRAM...}
shift
args=
while [ $# -gt 0 ] && [ "$1" != -- ]; do args="$args $1"; shift; done
[ $# -gt 1 ] || { echo "collectors-run.sh: no programs" >&2; exit 2; }
shift
unset GOGC GOMEMLIMIT GOMAXPROCS GODEBUG GLIBC_TUNABLES MALLOC_CONF JE_MALLOC_CONF
for v in $(env | sed -n 's/^\(MALLOC_[A-Z_]*\|MIMALLOC_[A-Z_]*\|TCMALLOC_[A-Z_]*\|GC_[A-Z_]*\)=.*/\1/p'); do
    unset "$v"
done
{
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
echo "# machine: ${cpu:-unknown processor}, $(nproc) CPUs, Linux $(uname -r)"
version() { v=$(dpkg-query -W -f='${Version}\n' "$2" 2>/dev/null | head -n 1) || v=; echo "$1 ${v:-?}"; }
echo "# Debian packages: $(version glibc libc6), $(version mimalloc libmimalloc2.0),"
echo "#   $(version jemalloc libjemalloc2), $(version tcmalloc libtcmalloc-minimal4), $(version boehm libgc1), $(version go golang-1.19-go)"
} | sed 's/^# //'
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for p in "$@"; do
    name=${p%%=*} prog=${p#*=} extra=
    case $prog in *:*) extra=${prog#*:} prog=${prog%%:*} ;; esac
    # shellcheck disable=SC2086
    if ! "$prog" "$mode" $args $extra > "$tmp/out" 2> "$tmp/err"; then
        echo "collectors-run.sh: $name failed:" >&2; cat "$tmp/out" "$tmp/err" >&2; exit 1
    fi
    sed "s/^[^,]*,/$name,/" "$tmp/out" >> "$tmp/csv"
    cat "$tmp/err" >> "$tmp/notes"
done
cat "$tmp/notes"
if [ "$mode" = pause ]; then
    echo "forced full collections, 3 at each heap size; medians of the 3, ms: wall = the"
    echo "collection call; stopped = the world-stopped time the runtime reports for it"
    awk -F, '
        function median(a, q, z,   m, i, j, t, w) {
            m = n[q, z]
            for (i = 1; i <= m; i++) w[i] = a[q, z, i]
            for (i = 2; i <= m; i++)
                for (j = i; j > 1 && w[j - 1] > w[j]; j--) {
                    t = w[j]; w[j] = w[j - 1]; w[j - 1] = t
                }
            return w[int((m + 1) / 2)]
        }
        {
            if (!($1 in seen)) { seen[$1] = 1; prog[++np] = $1 }
            if (!($2 in sz)) { sz[$2] = 1; size[++ns] = $2 }
            slot[$1] = $3
            k = ++n[$1, $2]; wall[$1, $2, k] = $5 / 1000; stop[$1, $2, k] = $6 / 1000
        }
        END {
            printf "%-8s", "live MiB"
            for (p = 1; p <= np; p++) printf " %19s", prog[p] " (" slot[prog[p]] " B)"
            printf "\n%-8s", ""
            for (p = 1; p <= np; p++) printf " %9s %9s", "wall", "stopped"
            printf "\n"
            for (s = 1; s <= ns; s++) {
                printf "%-8s", size[s]
                for (p = 1; p <= np; p++)
                    printf " %9.1f %9.2f", median(wall, prog[p], size[s]), median(stop, prog[p], size[s])
                printf "\n"
            }
            printf "(B: the bytes of the slot a 16-byte object takes)\n"
        }' "$tmp/csv"
else
    set -- $args
    echo "$1 MiB of old 16-byte objects, then $2 steps of a young list of 64 objects"
    echo "stops: of the world (Boehm: each stop; Go, gomm: each cycle's, both stops added);"
    echo "step: the time of one step, as the program saw it"
    awk -F, '
        BEGIN {
            printf "%-17s %6s %7s %9s %8s %8s %9s %8s\n", "", "", "", "stopped", "stopped",
                "stopped", "longest", "steps"
            printf "%-17s %6s %7s %9s %8s %8s %9s %8s\n", "program", "stops", "wall s", "total ms",
                "max ms", "p50 ms", "step ms", ">= 1 ms"
        }
        { printf "%-17s %6s %7.2f %9.1f %8.1f %8.1f %9.1f %8s\n", $1, $4, $5, $6, $7, $8, $9, $10 }
    ' "$tmp/csv"
fi
