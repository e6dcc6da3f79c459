# tangled from chapters/90-building.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
# usage: sh tangled/tools/checkoutline.sh [outline.zh.md]   (run from the top of the tree)
set -eu
if grep -n -E '\\planned\{|\{---\}' chapters/92-outline-map.nw; then
    echo "checkoutline: rows of the outline map above are planned, or lack code or an exercise"
    exit 1
fi
outline=${1:-../shared/outline.zh.md}
if [ ! -f "$outline" ]; then echo "checkoutline: SKIPPED: no $outline"; exit 0; fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
sed -n 's/^[[:space:]]*- //p' "$outline" |
    sed -E 's/\[([^]]*)\]\([^)]*\)/\1/g; s/[`*]//g; s/[[:space:]]//g' | LC_ALL=C sort -u > "$tmp/outline"
sed -n 's/^\\outlineitem{\(.*\)}%$/\1/p' chapters/*.nw |
    sed -E 's/\\texttt\{([^}]*)\}/\1/g; s/\\_/_/g; s/[[:space:]]//g' |
    LC_ALL=C sort -u > "$tmp/map"
missing=$(LC_ALL=C comm -23 "$tmp/outline" "$tmp/map")
extra=$(LC_ALL=C comm -13 "$tmp/outline" "$tmp/map")
echo "checkoutline: $(wc -l < "$tmp/outline") outline bullets, $(wc -l < "$tmp/map") map entries"
[ -z "$missing" ] || { echo "checkoutline: bullets missing from the outline map:"; echo "$missing"; }
[ -z "$extra" ] || { echo "checkoutline: map entries that are not outline bullets:"; echo "$extra"; }
[ -z "$missing$extra" ]

