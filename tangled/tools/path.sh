# tangled from chapters/84-path.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
# usage: sh tangled/tools/path.sh beginner|intermediate|advanced   (after make build)
#        sh tangled/tools/path.sh --check     every program and file the steps name exists
set -eu
B=${B:-build}
GOENV="GOCACHE=$PWD/$B/go/cache GOPATH=$PWD/$B/go/path GO111MODULE=off GOFLAGS= GOTOOLCHAIN=local"
mkdir -p "$B/path"
# step STAGE TITLE FILES COMMAND LOOK-FOR: FILES are what the command needs.
step() {
    stage=$1 title=$2 files=$3 cmd=$4 look=$5
    if [ "$mode" = --check ]; then
        for f in $files; do
            [ -e "$f" ] || { echo "path.sh: $stage, \"$title\": no $f"; bad=1; }
        done
        return 0
    fi
    [ "$mode" = "$stage" ] || return 0
    printf '\n== %s\n$ %s\nLook for: %s\n\n' "$title" "$cmd" "$look"
    sh -c "$cmd" || echo "(the command failed: is the build done? run make build)"
}
run() {
step beginner "Heap and stack" "tangled/go/escape1/escape1.go" \
    "cd tangled/go/escape1 && env $GOENV go build -gcflags=-m -o /dev/null escape1.go" \
    "'moved to heap' and 'escapes to heap', and the values with no line: they stay in the frame"
step beginner "Escape analysis, by its reasons" "$B/rel/tools/escape tangled/go/escape/12-closure-ref.go" \
    "$B/rel/tools/escape -m=2 tangled/go/escape/12-closure-ref.go" \
    "the 'flow:' chains that end at the heap; compare with go build -gcflags=-m=2"
step beginner "What escaping costs" "$B/rel/demo/escapebench" \
    "$B/rel/demo/escapebench" \
    "B/op, allocs/op and cycles: the heap versions pay, the stack version does not"
step beginner "Profiles" "$B/rel/demo/heapdemo" \
    "$B/rel/demo/heapdemo $B/path/heap.pb.gz >/dev/null && go tool pprof -top -sample_index=inuse_space $B/path/heap.pb.gz | head -12" \
    "inuse_space (who holds memory now) against alloc_space (who allocated it)"
step beginner "Who keeps it alive" "$B/rel/demo/threaddemo" \
    "$B/rel/demo/threaddemo | head -40" \
    "the blocked threads, and where they wait"
step intermediate "Reading gctrace" "$B/rel/demo/binarytrees" \
    "GODEBUG=gctrace=1 $B/rel/demo/binarytrees 16 2>&1 >/dev/null | head -8" \
    "the three heap sizes, the goal (live heap grown by GOGC percent), the CPU share"
step intermediate "Reading the pacer" "$B/rel/demo/binarytrees" \
    "GODEBUG=gcpacertrace=1 $B/rel/demo/binarytrees 16 2>&1 >/dev/null | head -8" \
    "the assist ratio, and the scan work expected against the work found"
step intermediate "The functions behind the lines" "$B/rel/demo/tracedemo" \
    "$B/rel/demo/tracedemo $B/path/trace.out >/dev/null && go tool trace -d $B/path/trace.out | grep -c GC" \
    "the cycle's events; then open the trace with: go tool trace $B/path/trace.out"
step intermediate "Tuning" "$B/rel/demo/optbench $B/rel/demo/pooltraps" \
    "$B/rel/demo/optbench -test.benchtime=100ms -test.benchmem && $B/rel/demo/pooltraps" \
    "allocs/op for each strategy, and each pool trap with its fix"
step advanced "Address space and the kernel" "$B/rel/demo/memstates" \
    "$B/rel/demo/memstates" \
    "the resident set after each transition"
step advanced "Giving memory back" "$B/rel/demo/fragment" \
    "$B/rel/demo/fragment" \
    "HeapInuse that does not fall when seven objects in eight die"
step advanced "Other collectors" "tangled/bench/collectors-run.sh $B/bench/collectors-boehm $B/bench/collectors-gomm $B/bench/collectors-go" \
    "sh tangled/bench/collectors-run.sh pause 8 32 -- boehm=$B/bench/collectors-boehm gomm=$B/bench/collectors-gomm go=$B/bench/collectors-go" \
    "which stopped times grow with the live heap (Boehm's) and which stay far below the wall time (Go's, gomm's)"
}
mode=${1:?usage: path.sh beginner|intermediate|advanced|--check}
bad=0
case $mode in
beginner|intermediate|advanced|--check) run ;;
*) echo "path.sh: no stage $mode (beginner, intermediate, advanced)"; exit 2 ;;
esac
if [ "$mode" = --check ]; then
    [ $bad = 0 ] && echo "path.sh: every program and file of the path exists"
    exit $bad
fi
