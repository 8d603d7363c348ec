#!/bin/bash
#
# test_single_transaction.sh - `upgrade --single-transaction` and
# `downgrade --single-transaction` (and `single_transaction = true` in
# dbtool.ini), on one dialect: the whole run commits or nothing of it
# stays, version and history included; a revision marked
# '-- transaction: false' in the plan is refused before anything runs;
# the steps are reported once the run committed; a bad config value is
# an error naming the file and line.  On MariaDB, where DDL commits at
# once, the option and the key are refused and change nothing.
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_single_transaction.sh sqlite|postgres|mariadb

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_db "$1"

expect_unchanged() {
	local after
	after=$(snapshot)
	if [ "$1" = "$after" ]; then
		pass "'$LAST_CMD' changed no file and nothing in the database"
	else
		fail "'$LAST_CMD' should change nothing" "$(diff <(printf '%s\n' "$1") <(printf '%s\n' "$after"))"
	fi
}

history_count() {
	if tables | grep -qx dbtool_version; then
		sql_value "SELECT count(*) FROM dbtool_history"
	else
		echo 0
	fi
}

expect_ok dbtool -q init
new_revision r1 "" "create a" "CREATE TABLE a (id INTEGER PRIMARY KEY);" "DROP TABLE a;" >/dev/null
new_revision r2 r1 "create b with rows" \
	"CREATE TABLE b (id INTEGER PRIMARY KEY, v INTEGER NOT NULL);
INSERT INTO b (id, v) VALUES (1, 10), (2, 20);" "DROP TABLE b;" >/dev/null
r3=$(new_revision r3 r2 "fails" "INSERT INTO b (id, v) VALUES (3, NULL);" "DELETE FROM b WHERE id = 3;")

# --- MariaDB commits each DDL statement at once, so no run can be one
# transaction there: the option and the config key are refused before
# anything runs, every time, and the cases below that need the run to
# commit or roll back as a whole cannot apply.  What does apply: the
# refusal changes nothing, a run without the option journals each
# revision as usual, a bad config value is named, and --sql refuses the
# option as a usage error.
if [ "$DIALECT" = mariadb ]; then
	refused="dbtool: error: --single-transaction cannot be kept on mysql, which commits each DDL statement at once: run without it (each revision is journaled statement by statement instead)"
	before=$(snapshot)
	expect_fail 1 dbtool upgrade --single-transaction
	expect_stderr_eq "$refused"
	expect_unchanged "$before"
	expect_fail 1 dbtool upgrade r1 --single-transaction
	expect_stderr_eq "$refused"
	expect_unchanged "$before"
	# Without it, r1 and r2 are applied and r3 fails at its first
	# statement, which leaves nothing of it.
	expect_fail 1 dbtool upgrade
	expect_stderr_contains "upgrade r3 failed at its first statement, so nothing of it was applied: the version stays at r2: $r3:7: "
	expect_version r2
	expect_eq "$(history_count)" 2 "the history records r1 and r2"
	before=$(snapshot)
	expect_fail 1 dbtool downgrade base --single-transaction
	expect_stderr_eq "$refused"
	expect_unchanged "$before"
	new_revision r4 r3 "outside" "CREATE TABLE c (id INTEGER PRIMARY KEY);" "DROP TABLE c;" \
		"-- transaction: false" >/dev/null
	write_revision "$r3" "INSERT INTO b (id, v) VALUES (3, 30);" "DELETE FROM b WHERE id = 3;"
	before=$(snapshot)
	expect_fail 1 dbtool upgrade --single-transaction
	expect_stderr_eq "$refused"
	expect_unchanged "$before"
	rm migrations/versions/r4_x.sql
	# The config key is refused the same way.
	printf 'single_transaction = true\n' >>dbtool.ini
	before=$(snapshot)
	expect_fail 1 dbtool upgrade
	expect_stderr_eq "$refused"
	expect_fail 1 dbtool downgrade -1
	expect_stderr_eq "$refused"
	expect_unchanged "$before"
	sed -i 's/^single_transaction = true$/single_transaction = maybe/' dbtool.ini
	line=$(grep -n '^single_transaction' dbtool.ini | cut -d: -f1)
	expect_fail 1 dbtool upgrade
	expect_stderr_eq "dbtool: error: dbtool.ini:$line: invalid single_transaction 'maybe': use true or false"
	expect_version r2
	sed -i 's/^single_transaction = maybe$/single_transaction = false/' dbtool.ini
	expect_ok dbtool upgrade
	expect_version r3
	expect_eq "$(sql_value 'SELECT count(*) FROM b')" 3 "b holds its three rows"
	expect_eq "$(history_count)" 3 "the history records the three revisions"
	expect_fail 2 dbtool upgrade --sql --single-transaction
	expect_stderr_contains "--single-transaction is for running revisions"
	finish
fi

# --- a failure in the last revision leaves nothing of the first two
expect_fail 1 dbtool upgrade --single-transaction
expect_stderr_match "^dbtool: error: nothing was applied \(--single-transaction\), the version stays at base: upgrade r3 failed and was rolled back: migrations/versions/r3_x\.sql:7: "
expect_eq "$(tables | grep -v '^dbtool_' | tr '\n' ' ')" "" "no table of r1 or r2 stays"
expect_eq "$(db_version)" "" "the version stays at base"
expect_eq "$(history_count)" 0 "no history row stays"

# --- the same plan without the option keeps r1 and r2, as before
expect_fail 1 dbtool upgrade
expect_version r2
expect_ok dbtool downgrade base
expect_version ""

# --- fixed, the whole run commits and reports each step
write_revision "$r3" "INSERT INTO b (id, v) VALUES (3, 30);" "DELETE FROM b WHERE id = 3;"
expect_ok dbtool upgrade --single-transaction
expect_stderr_contains "upgrade r2 -> r3, fails"
expect_version r3
expect_eq "$(sql_value 'SELECT count(*) FROM b')" 3 "b holds its three rows"
expect_eq "$(history_count)" 3 "the history records the three revisions"

# --- a downgrade that fails half-way reverts nothing: r1 cannot drop a
# table that a row of another table refers to
sql_value "INSERT INTO a (id) VALUES (1)" >/dev/null
sql_value "CREATE TABLE ext (a_id INTEGER REFERENCES a (id)); INSERT INTO ext (a_id) VALUES (1)" >/dev/null
before=$(snapshot_db)
expect_fail 1 dbtool downgrade base --single-transaction
expect_stderr_match "^dbtool: error: nothing was applied \(--single-transaction\), the version stays at r3: "
expect_eq "$(snapshot_db)" "$before" "the database is as it was: r3 and r2 are not reverted"
expect_eq "$(history_count)" 3 "the history still records the three revisions"
sql_value "DROP TABLE ext" >/dev/null

# --- a revision outside a transaction in the plan is refused up front
expect_ok dbtool downgrade r1 --single-transaction
expect_version r1
expect_eq "$(history_count)" 1 "the history keeps r1 only"
new_revision r4 r3 "outside" "CREATE TABLE c (id INTEGER PRIMARY KEY);" "DROP TABLE c;" \
	"-- transaction: false" >/dev/null
before=$(snapshot)
expect_fail 1 dbtool upgrade --single-transaction
expect_stderr_eq "dbtool: error: migrations/versions/r4_x.sql: revision r4 is marked '-- transaction: false', so it cannot run in one transaction with the others: run without --single-transaction"
expect_unchanged "$before"
rm migrations/versions/r4_x.sql

# --- the config key does the same; a bad value names the file and line
printf 'single_transaction = true\n' >>dbtool.ini
write_revision "$r3" "INSERT INTO b (id, v) VALUES (3, NULL);" "DELETE FROM b WHERE id = 3;"
expect_fail 1 dbtool upgrade
expect_stderr_match "^dbtool: error: nothing was applied \(--single-transaction\), the version stays at r1: "
expect_version r1
expect_eq "$(tables | grep -v '^dbtool_' | tr '\n' ' ')" "a " "only r1's table is there"
sed -i 's/^single_transaction = true$/single_transaction = maybe/' dbtool.ini
line=$(grep -n '^single_transaction' dbtool.ini | cut -d: -f1)
expect_fail 1 dbtool upgrade
expect_stderr_eq "dbtool: error: dbtool.ini:$line: invalid single_transaction 'maybe': use true or false"
expect_version r1
sed -i 's/^single_transaction = maybe$/single_transaction = false/' dbtool.ini
expect_fail 1 dbtool upgrade
expect_version r2

# --- the version and the history rows a run writes with its COMMIT are
# those its steps would write one by one: from a revision above base and
# back, from base, and back to base
history_rows() {
	sql_value "SELECT version_num || ' ' || checksum FROM dbtool_history ORDER BY version_num"
}
files_history() {
	local id
	for id in "$@"; do
		printf '%s %s\n' "$id" "$(sha256sum <"migrations/versions/${id}_x.sql" | cut -d' ' -f1)"
	done
}
write_revision "$r3" "INSERT INTO b (id, v) VALUES (3, 30);" "DELETE FROM b WHERE id = 3;"
expect_ok dbtool downgrade r1
expect_ok dbtool upgrade --single-transaction
expect_version r3
expect_eq "$(history_rows)" "$(files_history r1 r2 r3)" "the history holds r1, r2 and r3 with their checksums"
expect_ok dbtool downgrade r1 --single-transaction
expect_version r1
expect_eq "$(history_rows)" "$(files_history r1)" "the history holds r1 alone"
expect_ok dbtool downgrade base --single-transaction
expect_version ""
expect_eq "$(history_count)" 0 "no history row stays at base"
expect_ok dbtool upgrade r2 --single-transaction
expect_version r2
expect_eq "$(history_rows)" "$(files_history r1 r2)" "the history holds r1 and r2 with their checksums"

# --- it cannot be combined with --sql
expect_fail 2 dbtool upgrade --sql --single-transaction
expect_stderr_contains "--single-transaction is for running revisions"

finish
