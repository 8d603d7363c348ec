#!/bin/bash
#
# test_failure.sh - revisions that fail, on one dialect: a failing upgrade
# is rolled back whole and reported with its revision, file:line and the
# database's message, while the revisions before it in the same run stay
# applied; fixing the file and running again works; a failing downgrade
# likewise; and revisions marked "-- transaction: false" run outside a
# transaction.
#
# On MariaDB, which commits each DDL statement at once, a failing revision
# cannot be rolled back: the statements before the failing one stay, the
# journal (dbtool_journal) says how far it got, 'current' refuses while it
# does, and the next run resumes the revision at the failing statement
# (the README's "Revisions on a database whose DDL commits at once").  The
# cases assert that instead where it differs.
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_failure.sh sqlite|postgres|mariadb

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_db "$1"

ms='\([0-9]+ ms\)'
case "$DIALECT" in
sqlite) no_table_msg="no such table: missing_table" ;;
postgres) no_table_msg='relation "missing_table" does not exist' ;;
mariadb) no_table_msg="Table '$MY_DATABASE.missing_table' doesn't exist" ;;
esac

# journal_row: the row of MariaDB's journal, "REVISION DIRECTION K".
journal_row() {
	sql_value "SELECT CONCAT_WS(' ', version_num, direction, statements) FROM dbtool_journal"
}

# The line of the first line of a file matching a fixed string.
line_of() {
	grep -nF -- "$2" "$1" | head -n1 | cut -d: -f1
}

expect_ok dbtool -q init
new_revision f001 "" "create t1" \
	"CREATE TABLE t1 (id INTEGER PRIMARY KEY, name TEXT);" \
	"DROP TABLE t1;" >/dev/null
new_revision f002 f001 "create t2" \
	"CREATE TABLE t2 (id INTEGER PRIMARY KEY);
INSERT INTO t2 (id) VALUES (1);" \
	"DROP TABLE t2;" >/dev/null
rev3=$(new_revision f003 f002 "create t3" \
	"CREATE TABLE t3 (id INTEGER PRIMARY KEY);

-- the next statement fails: there is no such table
INSERT INTO missing_table (id)
VALUES (1);" \
	"DROP TABLE t3;")
bad_line=$(line_of "$rev3" "INSERT INTO missing_table")

# --- a failing upgrade
expect_fail 1 dbtool upgrade
expect_stdout_eq ""
expect_stderr_match "^upgrade <base> -> f001, create t1 $ms
upgrade f001 -> f002, create t2 $ms
dbtool: error: "
expect_stderr_contains "f003"
expect_stderr_match "f003_x\.sql:$bad_line([^0-9]|$)"
expect_stderr_contains "$no_table_msg"
expect_eq "$(grep -c 'dbtool: error:' "$ERR")" 1 "one error is reported"
expect_version f002
expect_eq "$(sql_value "SELECT count(*) FROM t2")" 1 "revision 2's row stays"
case "$DIALECT" in
mariadb)
	# Its first statement committed, and stays; the journal says so, and
	# 'current' names both revisions rather than one.
	expect_stderr_contains "upgrade f003 stopped at its statement 2, after 1 committed"
	expect_tables "dbtool_version t1 t2 t3"
	expect_eq "$(journal_row)" "f003 upgrade 1" "the journal says f003's upgrade stopped after 1 statement"
	expect_fail 1 dbtool current
	expect_stderr_contains "the database is between revisions f002 and f003"
	;;
*)
	expect_tables "dbtool_version t1 t2"
	expect_ok dbtool current
	expect_stdout_eq "f002"
	;;
esac

# Running it again fails the same way and changes nothing (on MariaDB it
# resumes at the statement that failed, which fails again).
before=$(snapshot)
expect_fail 1 dbtool upgrade
case "$DIALECT" in
mariadb) expect_stderr_match "^resuming upgrade f003 at its statement 2 of 2
dbtool: error: .*f003" ;;
*) expect_stderr_match "^dbtool: error: .*f003" ;;
esac
expect_eq "$(snapshot)" "$before" "a second failing run changes nothing"

# --- fixing the file
write_revision "$rev3" \
	"CREATE TABLE t3 (id INTEGER PRIMARY KEY);
INSERT INTO t3 (id) VALUES (3);" \
	"DROP TABLE t3;
-- fails: there is no such table
DROP TABLE missing_table;"
expect_ok dbtool upgrade
case "$DIALECT" in
mariadb)
	# The fixed file's first statement is the one that ran: the upgrade
	# resumes after it.
	expect_stderr_match "^resuming upgrade f003 at its statement 2 of 2
upgrade f002 -> f003, create t3 $ms$"
	expect_eq "$(journal_row)" "" "the journal is empty once f003 is applied"
	;;
*) expect_stderr_match "^upgrade f002 -> f003, create t3 $ms$" ;;
esac
expect_version f003
expect_tables "dbtool_version t1 t2 t3"
expect_eq "$(sql_value "SELECT id FROM t3")" 3 "revision 3's row is there"

# --- a failing downgrade
bad_line=$(line_of "$rev3" "DROP TABLE missing_table")
expect_fail 1 dbtool downgrade -1
expect_stdout_eq ""
expect_stderr_match "^dbtool: error: "
expect_stderr_contains "f003"
expect_stderr_match "f003_x\.sql:$bad_line([^0-9]|$)"
expect_stderr_contains "missing_table"
expect_version f003
case "$DIALECT" in
mariadb)
	# DROP TABLE t3 committed before the failing statement.
	expect_stderr_contains "downgrade f003 stopped at its statement 2, after 1 committed"
	expect_tables "dbtool_version t1 t2"
	expect_eq "$(journal_row)" "f003 downgrade 1" "the journal says f003's downgrade stopped after 1 statement"
	;;
*)
	expect_tables "dbtool_version t1 t2 t3"
	expect_eq "$(sql_value "SELECT id FROM t3")" 3 "the failed downgrade's DROP TABLE t3 was rolled back"
	;;
esac

write_revision "$rev3" \
	"CREATE TABLE t3 (id INTEGER PRIMARY KEY);
INSERT INTO t3 (id) VALUES (3);" \
	"DROP TABLE t3;"
case "$DIALECT" in
mariadb)
	# A downgrade that stopped halfway resumes with the file as fixed:
	# its statements that ran are compared one by one, not its
	# checksum, and none is left to run here.
	expect_ok dbtool downgrade -1
	expect_stderr_match "^resuming downgrade f003 after its last statement \\(1 of 1 ran\\)
downgrade f003 -> f002, create t3 $ms$"
	expect_eq "$(journal_row)" "" "the journal is empty once f003 is undone"
	;;
*)
	# The file of an applied revision changed: downgrade refuses until
	# repair accepts the edit.
	expect_fail 1 dbtool downgrade -1
	expect_stderr_contains "revision f003 ('migrations/versions/f003_x.sql') has changed since it was applied"
	expect_ok dbtool repair f003
	expect_ok dbtool downgrade -1
	expect_stderr_match "^downgrade f003 -> f002, create t3 $ms$"
	;;
esac
expect_version f002
expect_tables "dbtool_version t1 t2"
expect_ok dbtool upgrade
expect_version f003

# --- a revision that runs outside a transaction
case "$DIALECT" in
postgres)
	# CREATE INDEX CONCURRENTLY fails inside a transaction block.
	up4="CREATE INDEX CONCURRENTLY t1_id_idx ON t1 (id);
CREATE INDEX CONCURRENTLY t2_id_idx ON t2 (id);"
	down4="DROP INDEX CONCURRENTLY t2_id_idx;
DROP INDEX CONCURRENTLY t1_id_idx;"
	;;
sqlite)
	# VACUUM fails inside a transaction.
	up4="CREATE INDEX IF NOT EXISTS t1_id_idx ON t1 (id);
CREATE INDEX IF NOT EXISTS t2_id_idx ON t2 (id);
VACUUM;"
	down4="DROP INDEX IF EXISTS t2_id_idx;
DROP INDEX IF EXISTS t1_id_idx;
VACUUM;"
	;;
mariadb)
	# Every revision runs statement by statement there, the header
	# changes nothing; the online forms of CREATE INDEX (as
	# CONCURRENTLY on PostgreSQL).
	up4="CREATE INDEX t1_id_idx ON t1 (id) ALGORITHM=INPLACE LOCK=NONE;
CREATE INDEX t2_id_idx ON t2 (id) ALGORITHM=INPLACE LOCK=NONE;"
	down4="DROP INDEX t2_id_idx ON t2;
DROP INDEX t1_id_idx ON t1;"
	;;
esac
new_revision f004 f003 "index without transaction" "$up4" "$down4" "-- transaction: false" >/dev/null
expect_ok dbtool show f004
expect_stdout_contains "transaction: false"
expect_ok dbtool upgrade
expect_stderr_match "^upgrade f003 -> f004, index without transaction $ms$"
expect_version f004
expect_eq "$(indexes | tr '\n' ' ')" "t1_id_idx t2_id_idx " "the non-transactional revision made both indexes"
expect_ok dbtool downgrade -1
expect_version f003
expect_eq "$(indexes)" "" "its downgrade dropped them"
expect_ok dbtool upgrade
expect_version f004

# A non-transactional revision failing part-way keeps the statements before
# the failing one, and the version stays at the previous revision.
rev5=$(new_revision f005 f004 "half done" \
	"CREATE TABLE t5 (id INTEGER);
INSERT INTO missing_table (id) VALUES (5);" \
	"DROP TABLE t5;" "-- transaction: false")
bad_line=$(line_of "$rev5" "INSERT INTO missing_table")
expect_fail 1 dbtool upgrade
expect_stderr_match "^dbtool: error: "
expect_stderr_contains "f005"
expect_stderr_match "f005_x\.sql:$bad_line([^0-9]|$)"
expect_stderr_contains "$no_table_msg"
expect_stderr_not_contains "rolled back"
expect_version f004
expect_tables "dbtool_version t1 t2 t3 t5"

finish
