#!/bin/sh
#
# rename-alloc.sh - makes the failalloc copy of the library archive: every
# object of ARCHIVE (a thin archive is fine) with its calls to malloc,
# calloc, realloc, strdup and strndup renamed to dbt_failalloc_*, packed
# into the regular archive OUT.  The library's sources stay as they are.
#
# usage: rename-alloc.sh OBJCOPY AR ARCHIVE OUT

set -eu
objcopy=$1 ar=$2 archive=$3 out=$4
tmp=$out.d
rm -rf "$tmp" "$out"
mkdir -p "$tmp"
for f in malloc calloc realloc strdup strndup; do
	echo "$f dbt_failalloc_$f"
done >"$tmp/syms"
i=0
"$ar" t "$archive" | while read -r member; do
	i=$((i + 1))
	"$objcopy" --redefine-syms="$tmp/syms" "$member" "$tmp/$i-$(basename "$member")"
done
"$ar" rcs "$out" "$tmp"/*.o
rm -rf "$tmp"
