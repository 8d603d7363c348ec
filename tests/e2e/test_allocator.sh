#!/bin/bash
#
# test_allocator.sh - the dbtool binary runs on mimalloc (the meson option
# `allocator`, default mimalloc; registered only in the builds where it is
# in effect, not the sanitizer ones), and libdbtool.so stays
# allocator-neutral:
#   - the binary has a DT_NEEDED entry for libmimalloc, before libc's, so
#     that the loader finds mimalloc's malloc first; libdbtool.so has none;
#   - at run time (LD_DEBUG=bindings) every malloc, calloc, realloc and
#     free that the loader binds goes to libmimalloc, none to libc: the
#     binary's own, libc's and SQLite's, and on PostgreSQL and MariaDB
#     those of the client library that dbtool opens with dlopen() on the
#     first connection;
#   - mimalloc itself starts in the process (MIMALLOC_VERBOSE=1 makes it
#     print its options).
#
# usage: DBTOOL=build/cmd/dbtool bash tests/e2e/test_allocator.sh sqlite|postgres|mariadb

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_db "$1"

# --- DT_NEEDED: libmimalloc in the binary, before libc; not in the library
needed=$(readelf -d "$DBTOOL" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')
case " $needed" in
*" libmimalloc.so."*" libc.so."*) pass "dbtool needs libmimalloc before libc ($needed)" ;;
*) fail "dbtool does not need libmimalloc before libc" "NEEDED: $needed" ;;
esac
lib=$(dirname "$DBTOOL")/../lib/libdbtool.so
if [ -e "$lib" ]; then
	lib_needed=$(readelf -d "$lib" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')
	if [ -n "$lib_needed" ] && [[ $lib_needed != *mimalloc* ]]; then
		pass "libdbtool.so leaves the allocator to the program ($lib_needed)"
	else
		fail "libdbtool.so needs an allocator of its own" "NEEDED: $lib_needed"
	fi
else
	fail "no libdbtool.so beside the binary at '$lib'"
fi

# --- mimalloc starts in the process
expect_ok env MIMALLOC_VERBOSE=1 "$DBTOOL" --version
expect_stdout_match "^dbtool [0-9]"
expect_stderr_contains "mimalloc: "

# bindings NAME LIBS CMD...: runs dbtool CMD with the loader's bindings
# written to $WORK/NAME.PID (LD_DEBUG_OUTPUT, so that the command's own
# output is left as it is), then checks where the allocation functions
# went.  Each file in LIBS (the start of its name: "dbtool",
# "libsqlite3.so.") must have had its malloc bound to libmimalloc.
bindings() {
	local name=$1 libs=$2 log lines bad lib line found
	shift 2
	rm -f "$WORK/$name".*
	expect_ok env LD_DEBUG=bindings LD_DEBUG_OUTPUT="$WORK/$name" "$DBTOOL" "$@"
	log=$(cat "$WORK/$name".* 2>/dev/null)
	lines=$(grep -E "normal symbol \`(malloc|calloc|realloc|free)'" <<<"$log")
	if [ -z "$lines" ]; then
		fail "dbtool $*: the loader bound no allocation function (LD_DEBUG=bindings)" "$(head -5 <<<"$log")"
		return
	fi
	bad=$(grep -v ' to [^ ]*/libmimalloc\.so\.[^ ]* ' <<<"$lines")
	if [ -z "$bad" ]; then
		pass "dbtool $*: all $(wc -l <<<"$lines") bindings of malloc, calloc, realloc and free go to libmimalloc"
	else
		fail "dbtool $*: allocation functions bound elsewhere than libmimalloc" "$bad"
	fi
	for lib in $libs; do
		found=0
		while IFS= read -r line; do
			if [[ $line == *"binding file "*/"$lib"*" to "*/libmimalloc.so.*"normal symbol \`malloc'"* ]]; then
				found=1
				break
			fi
		done <<<"$lines"
		if [ "$found" = 1 ]; then
			pass "dbtool $*: ${lib%.so.}'s malloc is mimalloc's"
		else
			fail "dbtool $*: ${lib%.so.}'s malloc is not bound to libmimalloc" \
				"$(grep -F "/$lib" <<<"$lines" | head -5)"
		fi
	done
}

bindings version "dbtool libc.so." --version

expect_ok dbtool -q init
new_revision r1 "" "create a" "CREATE TABLE a (id INTEGER PRIMARY KEY, name TEXT);" "DROP TABLE a;" >/dev/null
case "$DIALECT" in
sqlite) client=libsqlite3.so. ;;
postgres) client=libpq.so. ;;
mariadb) client=libmariadb.so. ;;
esac
bindings upgrade "$client" upgrade
expect_version r1
bindings downgrade "$client" downgrade base
expect_version ""

finish
