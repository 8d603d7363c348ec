#!/bin/bash
#
# test_exports.sh - libdbtool.so exports exactly the functions that the
# public header dbtool.h declares: no internal function leaks out (the
# library is built with -fvisibility=hidden and dbtool.h marks its API
# DBT_EXTERN), and none of the header's functions is missing.
#
# usage: test_exports.sh LIBDBTOOL.SO INCLUDE_DIR... -- CC [CC_ARGS...]
# (meson runs it as the test 'exports'; the include folders hold dbtool.h
# and the generated dbtool_version.h)

set -euo pipefail

so=$1
shift
incs=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do
	incs+=("-I$1")
	shift
done
shift
[ $# -gt 0 ] || { echo "usage: test_exports.sh LIB INCLUDE_DIR... -- CC" >&2; exit 2; }
header=
for dir in "${incs[@]}"; do
	[ -f "${dir#-I}/dbtool.h" ] && header=${dir#-I}/dbtool.h && break
done
[ -n "$header" ] || { echo "test_exports: no dbtool.h in the include folders" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Every function the header declares: the names followed by "(" once the
# preprocessor has removed the comments.  (A pointer to a function, as in
# typedef void (*dbt_step_fn)(...), is followed by ")".)
"$@" -E -P "${incs[@]}" -x c "$header" >"$tmp/header.i"
grep -oE '\bdbt_[A-Za-z0-9_]+[[:space:]]*\(' "$tmp/header.i" | sed 's/[[:space:]]*($//' |
	sort -u >"$tmp/declared"
# Every symbol the shared library defines in its dynamic symbol table.
nm -D --defined-only "$so" | awk 'NF >= 3 && $2 != "A" { sub(/@.*/, "", $3); print $3 }' |
	sort -u >"$tmp/exported"

declared=$(wc -l <"$tmp/declared")
exported=$(wc -l <"$tmp/exported")
if [ "$declared" -lt 10 ]; then
	echo "FAIL: found only $declared function declarations in $header"
	exit 1
fi
extra=$(comm -13 "$tmp/declared" "$tmp/exported")
missing=$(comm -23 "$tmp/declared" "$tmp/exported")
status=0
if [ -n "$extra" ]; then
	echo "FAIL: $so exports $(echo "$extra" | wc -l) symbols that dbtool.h does not declare:"
	echo "$extra" | sed 's/^/  /'
	status=1
fi
if [ -n "$missing" ]; then
	echo "FAIL: dbtool.h declares $(echo "$missing" | wc -l) functions that $so does not" \
		"export (declared without DBT_EXTERN?):"
	echo "$missing" | sed 's/^/  /'
	status=1
fi
if [ "$status" = 0 ]; then
	echo "ok: $so exports the $exported functions that dbtool.h declares, and nothing else"
fi
exit "$status"
