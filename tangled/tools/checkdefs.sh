# tangled from chapters/90-building.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
# usage: sh tangled/tools/checkdefs.sh   (run from the top of the tree)
set -eu
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
sed -n 's/^@ %def //p' chapters/*.nw | tr ' ' '\n' | grep -v '^$' | LC_ALL=C sort -u > "$tmp/defs"
find tangled -name '*.[ch]' | LC_ALL=C sort | while IFS= read -r f; do
    grep -E '^[A-Za-z_][A-Za-z0-9_]*\(' "$f" | grep -v -E '^(if|for|while|switch|return|sizeof|__attribute__|__asm__|_Static_assert)\(' |
        sed 's/(.*//'
    sed -n -E 's/^static inline [^(]*[ *]([A-Za-z_][A-Za-z0-9_]*)\(.*/\1/p' "$f"
    grep -E '^[A-Za-z_].*;[[:space:]]*(//.*)?$' "$f" |
        grep -v -E '^(typedef|extern|(struct|union) [A-Za-z_0-9]+( \{.*\})?;|enum|union|#)' | grep -v -E '\)[[:space:]]*;' |
        sed -E 's/ __attribute__\(\([^)]*\)\)//; s/[[:space:]]*(=|\[).*//; s/;.*//; s/.*[ *]//'

done | LC_ALL=C sort -u > "$tmp/names"
missing=$(LC_ALL=C comm -23 "$tmp/names" "$tmp/defs")
echo "checkdefs: $(wc -l < "$tmp/names") functions and globals"
if [ -n "$missing" ]; then
    echo "checkdefs: defined in tangled/ but without @ %def in any chapter:"
    echo "$missing" | sed 's/^/    /'
    exit 1
fi
