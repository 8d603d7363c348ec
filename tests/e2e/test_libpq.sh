#!/bin/bash
#
# test_libpq.sh - libpq is loaded only for a PostgreSQL URL, and libmariadb
# only for a MariaDB/MySQL one, on one dialect: neither the dbtool binary nor
# libdbtool.so needs libpq.so or libmariadb.so (no DT_NEEDED entry: both are
# opened with dlopen() on the first connection that needs them), so SQLite
# runs and `--version` work where neither can be loaded (DBTOOL_LIBPQ and
# DBTOOL_LIBMARIADB naming a file that does not exist); a PostgreSQL or
# MariaDB URL then fails with one line naming its library, changing
# nothing, and works when that library loads, whether the other one can
# be loaded or not.
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_libpq.sh sqlite|postgres|mariadb

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_db "$1"

missing=$WORK/no-such-folder/libpq.so.5
missing_my=$WORK/no-such-folder/libmariadb.so.3

# --- no libpq nor libmariadb among the shared libraries the loader opens
# at start-up
for f in "$DBTOOL" "$(dirname "$DBTOOL")/../lib/libdbtool.so"; do
	[ -e "$f" ] || continue
	needed=$(readelf -d "$f" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')
	if [ -n "$needed" ] && ! grep -q 'libpq\|libmariadb\|libmysql' <<<"$needed"; then
		pass "$(basename "$f") needs neither libpq nor libmariadb ($needed)"
	else
		fail "$(basename "$f") needs libpq or libmariadb at start-up" "NEEDED: $needed"
	fi
done

expect_ok env DBTOOL_LIBPQ="$missing" DBTOOL_LIBMARIADB="$missing_my" "$DBTOOL" --version
expect_stdout_match "^dbtool [0-9]"

expect_ok dbtool -q init
new_revision r1 "" "create a" "CREATE TABLE a (id INTEGER PRIMARY KEY);" "DROP TABLE a;" >/dev/null

case "$DIALECT" in
sqlite)
	# --- SQLite needs neither: upgrade, current and downgrade work
	none=(env DBTOOL_LIBPQ="$missing" DBTOOL_LIBMARIADB="$missing_my" "$DBTOOL")
	expect_ok "${none[@]}" upgrade
	expect_version r1
	expect_ok "${none[@]}" current
	expect_stdout_match "^r1"
	expect_ok "${none[@]}" downgrade base
	expect_version ""
	;;
postgres)
	# --- a PostgreSQL URL without libpq: one line naming it, nothing done
	before=$(snapshot)
	expect_fail 1 env DBTOOL_LIBPQ="$missing" "$DBTOOL" upgrade
	expect_error_line
	expect_stderr_eq "dbtool: error: cannot load the postgresql client library '$missing', which postgresql urls need: $missing: cannot open shared object file: No such file or directory"
	expect_eq "$(snapshot)" "$before" "nothing changed in the project or the database"
	# --- and with libpq, the same command works, without libmariadb
	expect_ok env DBTOOL_LIBMARIADB="$missing_my" "$DBTOOL" upgrade
	expect_version r1
	;;
mariadb)
	# --- a MariaDB URL without libmariadb: one line naming it, nothing done
	before=$(snapshot)
	expect_fail 1 env DBTOOL_LIBMARIADB="$missing_my" "$DBTOOL" upgrade
	expect_error_line
	expect_stderr_eq "dbtool: error: cannot load the mariadb client library '$missing_my', which mariadb and mysql urls need: $missing_my: cannot open shared object file: No such file or directory"
	expect_eq "$(snapshot)" "$before" "nothing changed in the project or the database"
	# --- and with libmariadb, the same command works, without libpq
	expect_ok env DBTOOL_LIBPQ="$missing" "$DBTOOL" upgrade
	expect_version r1
	expect_ok env DBTOOL_LIBPQ="$missing" "$DBTOOL" downgrade base
	expect_version ""
	;;
esac

finish
