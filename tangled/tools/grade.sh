# tangled from chapters/90-building.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
# usage: sh tangled/tools/grade.sh [--check] [EXERCISE...]   (run from the top of the tree)
# Environment: CC, CFLAGS, LIB (the library archive), B (the build directory).
set -eu
check=0
if [ "${1:-}" = --check ]; then check=1; shift; fi
: "${CC:=gcc}" "${B:=build}" "${LIB:=$B/rel/libgomm.a}"
: "${CFLAGS:=-std=gnu11 -O1 -g -Wall -Wextra -Werror -pthread}"
[ $# -gt 0 ] || set -- $(cd exercises && ls -d [0-9]*/ | tr -d /)
mkdir -p "$B/grade"
gradeone() {
    bin=$B/grade/$1-$2
    echo "== $1 ($2)"
    if $CC $CFLAGS -Itangled/include -Itangled/src -I$B/gen -Itangled/tools -Iexercises/$1 -Iexercises/$1/$2 \
        exercises/$1/$2/*.c exercises/$1/test.c tangled/tools/grade.c "$LIB" -lcunit -o "$bin"; then
        "$bin" "$1" "$B/grade/$1-$2.json"
    fi
}
fail=0
for tree in $( [ $check = 1 ] && echo "starter solution" || echo work ); do
    got=0; total=0; json="$B/grade/summary-$tree.json"
    printf '{"tree": "%s", "exercises": [' "$tree" > "$json"; sep=
    for ex in "$@"; do
        dir=exercises/$ex
        if [ "$tree" = work ] && [ ! -d "$dir/work" ]; then cp -r "$dir/starter" "$dir/work"; fi
        gradeone "$ex" "$tree" > "$B/grade/$ex-$tree.out" 2>&1 || true
        cat "$B/grade/$ex-$tree.out"
        line=$(sed -n 's/.*Score: \([0-9]*\/[0-9]*\)$/\1/p' "$B/grade/$ex-$tree.out" | tail -n 1)
        s=${line%/*}; t=${line#*/}
        if [ -z "$line" ]; then s=0; t=$(grep -o '"\[[0-9]*\]' "$dir/test.c" | tr -dc '0-9\n' | awk '{n += $1} END {print n + 0}'); echo "$ex: Score: 0/$t (did not build)"; fi
        got=$((got + s)); total=$((total + t))
        printf '%s\n  {"exercise": "%s", "score": %d, "total": %d}' "$sep" "$ex" "$s" "$t" >> "$json"; sep=,
        if [ $check = 1 ] && [ "$tree" = starter ] && [ "$s" -ne 0 ]; then
            echo "grade: FAIL: $ex's starter scores $s/$t: a test it passes cannot be shown to fail"; fail=1
        fi
        if [ $check = 1 ] && [ "$tree" = solution ] && [ "$s" -ne "$t" ]; then
            echo "grade: FAIL: $ex's reference solution scores $s/$t"; fail=1
        fi
    done
    printf '],\n "score": %d, "total": %d}\n' "$got" "$total" >> "$json"
    echo "Total ($tree): Score: $got/$total"
done
[ $fail = 0 ]
