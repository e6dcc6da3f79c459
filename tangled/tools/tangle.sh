# tangled from chapters/90-building.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
# usage: sh tangled/tools/tangle.sh [-L] OUTDIR   (run from the top of the tree)
set -eu
lineflag=
if [ "${1:-}" = -L ]; then lineflag=-L; shift; fi
out=${1:?usage: tangle.sh [-L] OUTDIR}
chapters=$(ls chapters/*.nw | LC_ALL=C sort)
header() {
    text="tangled from $2 by notangle; do not edit: edit the chapter, then run 'make tangle'"
    case $1 in
    *.c|*.h|*.go) printf '// %s\n' "$text" ;;
    *) printf '# %s\n' "$text" ;;
    esac
}
roots=$(noroots $chapters | sed -n 's/^<<\(tangled\/.*\)>>$/\1/p' | LC_ALL=C sort -u)
printf '%s\n' "$roots" | while IFS= read -r root; do
    file=$out/${root#tangled/}
    chapter=$(grep -l -x -F "<<$root>>=" $chapters | head -n 1)
    mkdir -p "$(dirname "$file")"
    case $file in
    *.c|*.h) flags="$lineflag" ;;
    *.go) flags=-t8 ;;
    *) flags= ;;
    esac
    { header "$file" "$chapter"; notangle $flags -R"$root" $chapters; } > "$file.new"
    if cmp -s "$file.new" "$file"; then rm -f "$file.new"; else mv "$file.new" "$file"; fi
done
find "$out" -type f | LC_ALL=C sort | while IFS= read -r f; do
    head -n 1 "$f" | grep -q "^[/#]* *tangled from chapters/.* by notangle" || continue
    printf '%s\n' "$roots" | grep -qxF "tangled/${f#"$out"/}" && continue
    rm -f "$f"
    echo "tangle.sh: removed $f: no chapter makes it any more"
done
