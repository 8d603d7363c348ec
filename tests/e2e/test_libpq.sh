#!/bin/bash
#
# test_libpq.sh - libpq is loaded only for a PostgreSQL URL, on one dialect:
# neither the dbtool binary nor libdbtool.so needs libpq.so (no DT_NEEDED
# entry), so SQLite runs and `--version` work where libpq cannot be loaded
# (DBTOOL_LIBPQ naming a file that does not exist); a PostgreSQL URL then
# fails with one line naming the library, changing nothing, and works when
# libpq loads.
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_libpq.sh sqlite|postgres

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_db "$1"

missing=$WORK/no-such-folder/libpq.so.5

# --- no libpq among the shared libraries the loader opens at start-up
for f in "$DBTOOL" "$(dirname "$DBTOOL")/../lib/libdbtool.so"; do
	[ -e "$f" ] || continue
	needed=$(readelf -d "$f" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')
	if [ -n "$needed" ] && ! grep -q libpq <<<"$needed"; then
		pass "$(basename "$f") does not need libpq ($needed)"
	else
		fail "$(basename "$f") needs libpq at start-up" "NEEDED: $needed"
	fi
done

expect_ok env DBTOOL_LIBPQ="$missing" "$DBTOOL" --version
expect_stdout_match "^dbtool [0-9]"

expect_ok dbtool -q init
new_revision r1 "" "create a" "CREATE TABLE a (id INTEGER PRIMARY KEY);" "DROP TABLE a;" >/dev/null

if [ "$DIALECT" = sqlite ]; then
	# --- SQLite needs no libpq: upgrade, current and downgrade work
	expect_ok env DBTOOL_LIBPQ="$missing" "$DBTOOL" upgrade
	expect_version r1
	expect_ok env DBTOOL_LIBPQ="$missing" "$DBTOOL" current
	expect_stdout_match "^r1"
	expect_ok env DBTOOL_LIBPQ="$missing" "$DBTOOL" downgrade base
	expect_version ""
else
	# --- a PostgreSQL URL without libpq: one line naming it, nothing done
	before=$(snapshot)
	expect_fail 1 env DBTOOL_LIBPQ="$missing" "$DBTOOL" upgrade
	expect_error_line
	expect_stderr_eq "dbtool: error: cannot load the postgresql client library '$missing', which postgresql urls need: $missing: cannot open shared object file: No such file or directory"
	expect_eq "$(snapshot)" "$before" "nothing changed in the project or the database"
	# --- and with libpq, the same command works
	expect_ok dbtool upgrade
	expect_version r1
fi

finish
