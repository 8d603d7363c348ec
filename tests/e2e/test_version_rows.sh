#!/bin/bash
#
# test_version_rows.sh - the version table and COMMIT, on one dialect: a
# version table with several rows is an error that names them and that
# 'dbtool stamp' resolves, as its message says; a failure at COMMIT names
# the revision and leaves the database at the revision before it (on
# MariaDB, which has no deferred keys, the failing statement does); on
# SQLite, rows without their parent that predate a transaction stop
# neither stamp nor a revision that adds none, while a revision that adds
# one is refused, named.
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_version_rows.sh sqlite|postgres|mariadb

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_db "$1"

V=migrations/versions

expect_unchanged() {
	local after
	after=$(snapshot)
	if [ "$1" = "$after" ]; then
		pass "'$LAST_CMD' changed no file and nothing in the database"
	else
		fail "'$LAST_CMD' should change nothing" "$(diff <(printf '%s\n' "$1") <(printf '%s\n' "$after"))"
	fi
}

expect_ok dbtool -q init
# MariaDB has no deferred foreign keys: its key is checked at each
# statement.
case "$DIALECT" in
mariadb) deferred= ;;
*) deferred=" DEFERRABLE INITIALLY DEFERRED" ;;
esac
new_revision r0 "" "parents and children" \
	"CREATE TABLE p (id INTEGER PRIMARY KEY);
CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p (id)$deferred);" \
	"DROP TABLE c;
DROP TABLE p;" >/dev/null
new_revision r1 r0 "create t1" "CREATE TABLE t1 (id INTEGER PRIMARY KEY);" "DROP TABLE t1;" >/dev/null
new_revision r2 r1 "an orphan" "INSERT INTO c (id, p_id) VALUES (5, 99);" "DELETE FROM c WHERE id = 5;" >/dev/null
expect_ok dbtool upgrade r1

# --- several rows in the version table
sql_value "INSERT INTO dbtool_version (version_num) VALUES ('r0')" >/dev/null
several="table 'dbtool_version' holds several rows (r0, r1); dbtool keeps exactly one: run 'dbtool stamp REV' with the revision the database is at"
before=$(snapshot)
expect_fail 1 dbtool current
expect_stderr_eq "dbtool: error: $several"
expect_fail 1 dbtool upgrade
expect_stderr_eq "dbtool: error: $several"
expect_unchanged "$before"
expect_fail 1 dbtool stamp -1
expect_stderr_eq "dbtool: error: $several"
expect_unchanged "$before"
expect_ok dbtool stamp r1
expect_version r1
expect_ok dbtool current
expect_stdout_eq "r1"

# --- a failure at COMMIT names the revision, and nothing of it stays
before=$(snapshot)
expect_fail 1 dbtool upgrade
case "$DIALECT" in
mariadb)
	# Nothing fails at COMMIT there: the orphan is refused by its own
	# statement, the revision's first, which leaves nothing of it either.
	expect_stderr_match "^dbtool: error: upgrade r2 failed at its first statement, so nothing of it was applied: the version stays at r1: $V/r2_x\.sql:7: Cannot add or update a child row: a foreign key constraint fails "
	;;
*) expect_stderr_match "^dbtool: error: upgrade r2 failed at commit and was rolled back: " ;;
esac
expect_unchanged "$before"
expect_version r1

if [ "$DIALECT" = sqlite ]; then
	# --- a row without its parent from before stops nothing it did not cause
	sql_value "INSERT INTO c (id, p_id) VALUES (1, 42)" >/dev/null
	expect_ok dbtool stamp base
	expect_version ""
	expect_ok dbtool stamp r1
	new_revision r3 r2 "create t3" "CREATE TABLE t3 (id INTEGER PRIMARY KEY);" "DROP TABLE t3;" >/dev/null
	write_revision "$V/r2_x.sql" "CREATE TABLE t2 (id INTEGER PRIMARY KEY);" "DROP TABLE t2;"
	expect_ok dbtool upgrade
	expect_version r3
	expect_ok dbtool downgrade r1
	# ... but one more is refused, named
	write_revision "$V/r2_x.sql" "INSERT INTO c (id, p_id) VALUES (5, 99);" "DELETE FROM c WHERE id = 5;"
	before=$(snapshot)
	expect_fail 1 dbtool upgrade
	expect_stderr_eq "dbtool: error: upgrade r2 failed at commit and was rolled back: foreign key violation: 2 rows of table 'c' reference rows of 'p' that do not exist, 1 more than when the transaction began (row 1 is one of them)"
	expect_unchanged "$before"
	sql_value "DELETE FROM c" >/dev/null
	expect_fail 1 dbtool upgrade
	expect_stderr_eq "dbtool: error: upgrade r2 failed at commit and was rolled back: foreign key violation: row 5 of table 'c' references a row of 'p' that does not exist"
	expect_version r1
fi

finish
