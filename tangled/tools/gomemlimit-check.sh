# tangled from chapters/16-mgcpacer.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
# usage: sh tangled/tools/gomemlimit-check.sh GO_PROGRAM GOMM_PROGRAM
# Runs both programs under each GOMEMLIMIT value below and compares standard
# output, the first two lines of standard error, and the exit status.
set -u
go=$1 gomm=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
bad=0 n=0
for v in unset "" off 0 1 -0 - 4096 123B 1KiB 64MiB 3GiB 2TiB 8388607TiB 8388608TiB \
    9223372036854775807 9223372036854775808 -1 +1 1G 1GB 1K 1kiB 1PiB B KiB 1.5GiB " 1" "1 " Off; do
    for prog in go gomm; do
        eval "bin=\$$prog"
        if [ "$v" = unset ]; then
            env -u GOMEMLIMIT "$bin" > "$tmp/$prog.out" 2> "$tmp/$prog.err"
        else
            GOMEMLIMIT="$v" "$bin" > "$tmp/$prog.out" 2> "$tmp/$prog.err"
        fi
        echo "exit $?" >> "$tmp/$prog.out"
        head -n 2 "$tmp/$prog.err" >> "$tmp/$prog.out"
    done
    n=$((n + 1))
    if ! cmp -s "$tmp/go.out" "$tmp/gomm.out"; then
        bad=$((bad + 1))
        echo "gomemlimit-check: GOMEMLIMIT='$v': Go and gomm differ:"
        diff "$tmp/go.out" "$tmp/gomm.out" | sed 's/^/    /'
    fi
done
[ $bad -eq 0 ] || exit 1
echo "check-gomemlimit: GOMEMLIMIT read as Go 1.19 reads it ($n values, malformed ones included)"
