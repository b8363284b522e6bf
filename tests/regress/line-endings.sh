#!/usr/bin/env bash
# Line endings (issue 14 item 6, issue 16 item 13): every golden case, converted to lone-CR
# and to CRLF line endings (input and expected alike), must give its expected output in
# that style, through apply and through `poolfix diff | git apply`, and a second run must
# change nothing. Lone CRs used to misparse (the TypeScript grammar ends lines at LF only), so
# a `take` landed inside a `//` comment and every run added another.
source "$(dirname "$0")/lib.sh"

# convert STYLE FILE: the file with every line ending (LF, CRLF or lone CR) made STYLE's.
convert() {
  local text
  text=$(sed 's/\r$//' "$2" | tr '\r' '\n')
  case $1 in
    cr) printf '%s\n' "$text" | tr '\n' '\r' ;;
    crlf) printf '%s\n' "$text" | sed 's/$/\r/' ;;
  esac
}

cases=0
for case_dir in "$root"/golden/*/*/; do
  input=$(cd "$case_dir" && ls input.* 2>/dev/null | head -n 1)
  [ -n "$input" ] || continue
  ext=${input#input.} name=$(basename "$(dirname "$case_dir")")/$(basename "$case_dir")
  # A trailing newline is part of the case: keep its absence.
  [ -n "$(tail -c 1 "$case_dir/$input")" ] && continue
  target=$input
  [ -f "$case_dir/path" ] && target=$(head -n 1 "$case_dir/path")
  args=()
  [ -f "$case_dir/args" ] && mapfile -t args < <(grep -v '^[[:space:]]*$' "$case_dir/args")
  cases=$((cases + 1))
  for style in cr crlf; do
    for how in apply patch; do
      project "$style-$how" && cp -R "$case_dir/." "$dir/"
      rm -f "$dir"/expected.* "$dir"/input.* "$dir/args" "$dir/path" "$dir/reason"
      mkdir -p "$(dirname "$dir/$target")"
      convert "$style" "$case_dir/$input" > "$dir/$target"
      convert "$style" "$case_dir/expected.$ext" > "$work/expected"
      if [ "$how" = apply ]; then
        run 0 "$poolfix" apply --quiet --allow-dirty "${args[@]}" .
      else
        run 0 "$poolfix" diff --quiet "${args[@]}" .
        if [ -n "$out" ]; then
          printf '%s\n' "$out" > "$work/patch"
          (cd "$dir" && git init -q && git apply --whitespace=nowarn "$work/patch") || fail "$name ($style): git apply rejects the diff"
        fi
      fi
      cmp -s "$dir/$target" "$work/expected" || fail "$name ($style, $how): output differs from expected.$ext in that style"
    done
    run 0 "$poolfix" diff --quiet "${args[@]}" .
    [ -z "$out" ] || fail "$name ($style): a second run changes the file again"
  done
done
[ "$cases" -gt 100 ] || fail "only $cases golden cases were converted"
finish
