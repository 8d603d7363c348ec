#!/bin/bash
#
# test_messages.sh - what dbtool prints and what it leaves on disk, on one
# dialect: the server's DETAIL and HINT in a PostgreSQL error, control
# characters and bytes that are not UTF-8 never reaching the terminal or
# breaking JSON, UTF-8 letters kept in file names, no SQLite file made by
# a command other than upgrade, stamp and create-all, and the folder of
# `init` written to dbtool.ini so that it reads back the same.
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_messages.sh sqlite|postgres|mariadb

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_db "$1"
expect_ok dbtool -q init

# --- the server's DETAIL and HINT, on the error's one line
case "$DIALECT" in
postgres)
	new_revision d1 "" "dup" "CREATE TABLE dup (name TEXT CONSTRAINT dup_name UNIQUE);
INSERT INTO dup VALUES ('x');
INSERT INTO dup VALUES ('x');" "DROP TABLE dup;" >/dev/null
	expect_fail 1 dbtool upgrade
	expect_error_line
	expect_stderr_contains 'duplicate key value violates unique constraint "dup_name" (detail: Key (name)=(x) already exists.) (in: INSERT INTO dup'
	new_revision d1 "" "hint" "SELECT no_such_function(1);" "SELECT 1;" >/dev/null
	expect_fail 1 dbtool upgrade
	expect_error_line
	expect_stderr_contains "function no_such_function(integer) does not exist (hint: No function matches the given name and argument types."
	rm migrations/versions/d1_x.sql
	expect_version ""
	;;
mariadb)
	# MariaDB's errors have no DETAIL or HINT: the whole of the server's
	# message is on the error's one line.  Each revision fails at its first
	# statement, which changes nothing there (a later one would leave the
	# revision journaled halfway, which test_mariadb.sh covers).
	sql_value "CREATE TABLE dup (name VARCHAR(10), CONSTRAINT dup_name UNIQUE (name));
INSERT INTO dup VALUES ('x')" >/dev/null
	new_revision d1 "" "dup" "INSERT INTO dup VALUES ('x');" "DELETE FROM dup;" >/dev/null
	expect_fail 1 dbtool upgrade
	expect_error_line
	expect_stderr_contains "upgrade d1 failed at its first statement, so nothing of it was applied: the version stays at base: migrations/versions/d1_x.sql:7: Duplicate entry 'x' for key 'dup_name' (in: INSERT INTO dup VALUES ('x'))"
	new_revision d1 "" "hint" "SELECT no_such_function(1);" "SELECT 1;" >/dev/null
	expect_fail 1 dbtool upgrade
	expect_error_line
	expect_stderr_contains "migrations/versions/d1_x.sql:7: FUNCTION $MY_DATABASE.no_such_function does not exist (in: SELECT no_such_function(1))"
	rm migrations/versions/d1_x.sql
	expect_version ""
	expect_eq "$(sql_value "SELECT count(*) FROM dup")" 1 "the failed revision added no row"
	sql_value "DROP TABLE dup" >/dev/null
	;;
esac

# --- control characters from names and messages, and bytes that are not
# UTF-8: escaped on the terminal, valid in JSON
esc=$'\033'
printf 'CREATE TABLE "red%s[31mtable" (id INTEGER PRIMARY KEY);\n' "$esc" >schema.sql
expect_ok dbtool create-all
expect_stderr_not_contains "$esc"
expect_stderr_contains 'red\x1b[31mtable'
: >schema.sql
expect_fail 1 dbtool check
expect_stdout_contains '- table "red\x1b[31mtable"'
expect_stderr_not_contains "$esc"
expect_fail 1 dbtool check --format json
expect_json 'any("red\x1b[31mtable" in f["text"] for f in d["findings"])'
expect_ok dbtool drop-all --yes
expect_stderr_not_contains "$esc"
expect_stderr_contains 'drop table red\x1b[31mtable'

printf -- '-- id: l1\n-- parent:\n-- message: caf\xe9 cr\xe8me\n\n-- migrate:upgrade\n\n-- migrate:downgrade\n' \
	>migrations/versions/l1_x.sql
expect_ok dbtool history --format json
expect_json 'd["revisions"][0]["message"] == "caf\ufffd cr\ufffdme"'
expect_ok dbtool show l1 --format json
expect_json 'd["message"] == "caf\ufffd cr\ufffdme"'
expect_ok dbtool history
expect_stdout_eq '<base> -> l1 (head), caf\xe9 cr\xe8me'
rm migrations/versions/l1_x.sql

# --- file names keep UTF-8 letters
expect_ok dbtool revision -m "Add émojis to the Café" --rev-id u1
expect_stdout_eq "migrations/versions/u1_add_émojis_to_the_café.sql"
rm migrations/versions/u1_*.sql

# --- only upgrade, stamp and create-all create an SQLite database file
typo=$WORK/typo.db
new_revision m1 "" "one" "CREATE TABLE m1 (id INTEGER PRIMARY KEY);" "DROP TABLE m1;" >/dev/null
for cmd in "check" "migrate -m x" "downgrade base" "repair"; do
	# shellcheck disable=SC2086
	expect_fail 1 dbtool --url "sqlite:///$typo" $cmd
	expect_error_line
	expect_stderr_contains "database file '$typo' does not exist"
	expect_eq "$([ -e "$typo" ] || echo absent)" absent "dbtool $cmd creates no database file"
done
for cmd in "current" "drop-all --yes" "upgrade --sql"; do
	# shellcheck disable=SC2086
	expect_ok dbtool --url "sqlite:///$typo" $cmd
	expect_eq "$([ -e "$typo" ] || echo absent)" absent "dbtool $cmd creates no database file"
done
expect_ok dbtool --url "sqlite:///$typo" stamp head
expect_eq "$([ -e "$typo" ] && echo present)" present "stamp creates the database file"
rm -f "$typo" migrations/versions/m1_x.sql

# --- init: the folder reads back from dbtool.ini as written, or is refused
for dir in 'a${HOME}b' 'a$b$$c' 'mig;x' 'déjà vu'; do
	mkdir -p "$WORK/init" && cd "$WORK/init" || exit 1
	expect_ok dbtool -q init "$dir"
	expect_ok dbtool revision -m first --rev-id i1
	expect_stdout_eq "$dir/versions/i1_first.sql"
	expect_eq "$([ -f "$dir/versions/i1_first.sql" ] && echo yes)" yes "the revision of init '$dir' is in that folder"
	cd "$PROJECT" && rm -rf "$WORK/init"
done
for dir in 'mig ;x' 'mig	;x' ' lead' 'trail '; do
	mkdir -p "$WORK/init" && cd "$WORK/init" || exit 1
	expect_fail 1 dbtool init "$dir"
	expect_error_line
	expect_stderr_contains "dbtool.ini"
	expect_eq "$(ls -A)" "" "a refused init '$dir' creates nothing"
	cd "$PROJECT" && rm -rf "$WORK/init"
done

finish
