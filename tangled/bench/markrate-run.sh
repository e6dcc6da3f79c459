# tangled from chapters/82-pauses.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
# usage: sh tangled/bench/markrate-run.sh MIB CYCLES NAME=PROGRAM...   (from the top of the tree)
# Runs every PROGRAM (the mark-throughput benchmark) on MIB MiB with CYCLES forced collections,
# with GODEBUG=gctrace=1, under GOMAXPROCS=1 and then 2; checks that each run prints what the
# first printed, and prints CSV, one row per forced cycle, from its trace line:
# program,gomaxprocs,cycle,marked_mib,assist_ms,background_ms,idle_ms,mark_wall_ms,
# after lines starting with # that name the machine.
set -eu
mib=${1:?usage: markrate-run.sh MIB CYCLES NAME=PROGRAM...}
cycles=${2:?usage: markrate-run.sh MIB CYCLES NAME=PROGRAM...}
shift 2
unset GOGC GOMEMLIMIT GOMAXPROCS GODEBUG GLIBC_TUNABLES MALLOC_CONF JE_MALLOC_CONF
for v in $(env | sed -n 's/^\(MALLOC_[A-Z_]*\|MIMALLOC_[A-Z_]*\|TCMALLOC_[A-Z_]*\|GC_[A-Z_]*\)=.*/\1/p'); do
    unset "$v"
done
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
echo "# machine: ${cpu:-unknown processor}, $(nproc) CPUs, Linux $(uname -r)"
version() { v=$(dpkg-query -W -f='${Version}\n' "$2" 2>/dev/null | head -n 1) || v=; echo "$1 ${v:-?}"; }
echo "# Debian packages: $(version glibc libc6), $(version mimalloc libmimalloc2.0),"
echo "#   $(version jemalloc libjemalloc2), $(version tcmalloc libtcmalloc-minimal4), $(version boehm libgc1), $(version go golang-1.19-go)"
echo "# mark throughput: $mib MiB of 16-byte objects in 4096 linked lists;" \
    "$cycles forced cycles a run"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
echo "program,gomaxprocs,cycle,marked_mib,assist_ms,background_ms,idle_ms,mark_wall_ms"
for procs in 1 2; do
    for p in "$@"; do
        name=${p%%=*} prog=${p#*=}
        if ! GOMAXPROCS=$procs GODEBUG=gctrace=1 "$prog" "$mib" "$cycles" \
            > "$tmp/out" 2> "$tmp/err"; then
            echo "markrate-run.sh: $name failed:" >&2; cat "$tmp/out" "$tmp/err" >&2; exit 1
        fi
        [ -f "$tmp/expected" ] || cp "$tmp/out" "$tmp/expected"
        if ! cmp -s "$tmp/out" "$tmp/expected"; then
            echo "markrate-run.sh: $name printed something else:" >&2
            diff "$tmp/expected" "$tmp/out" >&2 || true; exit 1
        fi
        awk -v name="$name" -v procs="$procs" -v want="$cycles" '
            /^gc [0-9]+ @.* \(forced\)$/ {
                if ($7 != "clock," || $10 != "cpu," || $12 != "MB,") {
                    print "markrate-run.sh: a trace line not in Go\047s format: " $0 > "/dev/stderr"; exit 1
                }
                split($5, clock, "+"); split($8, cpu, "+"); split(cpu[2], mark, "/"); split($11, heap, "->")
                printf "%s,%s,%s,%s,%s,%s,%s,%s\n", name, procs, $2, heap[3], mark[1], mark[2], mark[3],
                    clock[2]
                n++
            }
            END {
                if (n != want) {
                    printf "markrate-run.sh: %s printed %d forced cycles, not %d\n", name, n, want > "/dev/stderr"
                    exit 1
                }
            }' "$tmp/err"
    done
done
