# tangled from chapters/80-bench.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
# usage: sh tangled/bench/run.sh BINDIR ALLOCATOR...   (run from the top of the tree)
# Runs BINDIR/alloc-ALLOCATOR for each allocator, 1 and 2 threads and each size, one after
# another, and prints CSV: allocator,threads,size,ns_per_alloc,faults_per_1000, after
# lines starting with # that name the machine.
set -eu
dir=${1:?usage: run.sh BINDIR ALLOCATOR...}; shift
runs=5 maxallocs=2000000 maxbytes=268435456
unset GOGC GOMEMLIMIT GOMAXPROCS GODEBUG GLIBC_TUNABLES MALLOC_CONF JE_MALLOC_CONF
for v in $(env | sed -n 's/^\(MALLOC_[A-Z_]*\|MIMALLOC_[A-Z_]*\|TCMALLOC_[A-Z_]*\|GC_[A-Z_]*\)=.*/\1/p'); do
    unset "$v"
done
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
echo "# machine: ${cpu:-unknown processor}, $(nproc) CPUs, Linux $(uname -r)"
version() { v=$(dpkg-query -W -f='${Version}\n' "$2" 2>/dev/null | head -n 1) || v=; echo "$1 ${v:-?}"; }
echo "# Debian packages: $(version glibc libc6), $(version mimalloc libmimalloc2.0),"
echo "#   $(version jemalloc libjemalloc2), $(version tcmalloc libtcmalloc-minimal4), $(version boehm libgc1), $(version go golang-1.19-go)"
echo "# per thread and run: min($maxallocs, $((maxbytes >> 20)) MiB / size) allocations; best of $runs runs"
echo "allocator,threads,size,ns_per_alloc,faults_per_1000"
for alloc in "$@"; do
    for threads in 1 2; do
        for size in 16 64 512 4096 65536; do
            allocs=$((maxbytes / size))
            [ "$allocs" -le "$maxallocs" ] || allocs=$maxallocs
            allocs=$((allocs / 1000 * 1000))
            "$dir/alloc-$alloc" "$threads" "$size" "$allocs" "$runs"
        done
    done
done
