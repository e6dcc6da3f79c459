# tangled from chapters/90-building.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
# usage: sh tangled/tools/checkcites.sh [files...]   (run from the top of the tree; by default
# the chapters and the exercise statements, which the book weaves with them)
set -eu
goroot=${GOROOT:-$(go env GOROOT 2>/dev/null || echo /usr/lib/go-1.19)}
[ -d "$goroot/src/runtime" ] || { echo "checkcites: no Go source at $goroot/src" >&2; exit 2; }
[ $# -gt 0 ] || set -- chapters/*.nw exercises/*/statement.tex
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
sed 's/\\_/_/g' "$@" |
    grep -o -E '([a-z0-9_]+/)*[a-z0-9_]+\.go:[A-Za-z_][A-Za-z0-9_]*' |
    LC_ALL=C sort -u > "$tmp/cites"
bad=0; n=0
while IFS=: read -r file name; do
    n=$((n + 1))
    case $file in */*) path=$goroot/src/$file ;; *) path=$goroot/src/runtime/$file ;; esac
    if [ ! -f "$path" ]; then
        echo "checkcites: $file:$name: no file $path"; bad=$((bad + 1)); continue
    fi
    if ! awk -v want="$name" '
        /^func / {
            s = substr($0, 6)
            if (s ~ /^\(/) sub(/^\([^)]*\) */, "", s)
            sub(/[[(].*/, "", s)
            if (s == want) found = 1
        }
        /^(type|var|const) [A-Za-z_]/ { s = $2; sub(/[[(].*/, "", s); if (s == want) found = 1 }
        /^(type|var|const) \($/ { group = 1; next }
        group && /^\)/ { group = 0 }
        group && /^\t[A-Za-z_]/ { s = $1; sub(/,$/, "", s); if (s == want) found = 1 }
        END { exit !found }' "$path"; then
        echo "checkcites: $file:$name: not declared in $path"; bad=$((bad + 1))
    fi

done < "$tmp/cites"
echo "checkcites: $n citations, $bad unresolved"
[ "$bad" -eq 0 ]
