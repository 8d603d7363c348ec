#!/bin/bash
#
# test_reparent.sh - a revision re-parented below the database's current
# one, on one dialect.  Two revisions on one parent are a branch; moving
# the applied one onto the other, as the message says, leaves the other
# below the current revision but never applied.  The history shows it:
# upgrade, downgrade and current refuse naming it, check reports it,
# repair without a revision does not vouch for it, and
# 'upgrade --apply-missing' applies it (and what lies above the current
# revision), in chain order.  Revisions below the lowest one the history
# records are taken for revisions applied before the history existed and
# keep working.
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_reparent.sh sqlite|postgres

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

history_ids() {
	sql_value "SELECT version_num FROM dbtool_history ORDER BY version_num" | tr '\n' ' ' | sed 's/ $//'
}

unapplied() { # ID CURRENT
	echo "revision $1 ('$V/${1}_x.sql') lies below the current revision $2 but was never applied (the history has no row for it): apply it with 'dbtool upgrade --apply-missing', or run 'dbtool repair $1' if it was applied by other means"
}

expect_ok dbtool -q init
new_revision r0 "" "create t0" "CREATE TABLE t0 (id INTEGER PRIMARY KEY);" "DROP TABLE t0;" >/dev/null
a=$(new_revision aa r0 "create ta" "CREATE TABLE ta (id INTEGER PRIMARY KEY);" "DROP TABLE ta;")
printf 'CREATE TABLE t0 (id INTEGER PRIMARY KEY);\nCREATE TABLE ta (id INTEGER PRIMARY KEY);\nCREATE TABLE tb (id INTEGER PRIMARY KEY);\n' >schema.sql
expect_ok dbtool upgrade
expect_version aa

# --- the branch, and the re-parenting its message suggests
new_revision bb r0 "create tb" "CREATE TABLE tb (id INTEGER PRIMARY KEY);" "DROP TABLE tb;" >/dev/null
expect_fail 1 dbtool upgrade
expect_stderr_contains "several heads: 'aa' ("
sed -i 's/^-- parent: r0$/-- parent: bb/' "$a"
expect_fail 1 dbtool upgrade
expect_stderr_eq "dbtool: error: $(unapplied bb aa) (and 1 more: 'dbtool check' lists them all)"
expect_ok dbtool repair aa
expect_stdout_eq "repair aa: checksum updated"

# --- every command that needs the position refuses, naming bb
before=$(snapshot)
expect_fail 1 dbtool upgrade
expect_stderr_eq "dbtool: error: $(unapplied bb aa)"
expect_unchanged "$before"
expect_fail 1 dbtool upgrade head
expect_stderr_eq "dbtool: error: $(unapplied bb aa)"
expect_fail 1 dbtool downgrade base
expect_stderr_eq "dbtool: error: $(unapplied bb aa)"
expect_unchanged "$before"
expect_fail 1 dbtool current
expect_stderr_eq "dbtool: error: $(unapplied bb aa)"
expect_stdout_eq ""
expect_fail 1 dbtool check
expect_stdout_contains "! $(unapplied bb aa)"
expect_stderr_not_contains "applied before dbtool kept a history"
expect_fail 1 dbtool --format json check
expect_json 'd["ok"] is False and d["findings"][0]["kind"] == "unapplied_revision"'
# repair of every revision does not vouch for one that never ran
expect_ok dbtool repair
expect_stdout_eq ""
expect_eq "$(history_ids)" "aa r0" "repair left bb without a history row"
expect_fail 2 dbtool upgrade --apply-missing --sql
expect_stderr_contains "--apply-missing needs the database's history"
expect_unchanged "$before"

# --- upgrade --apply-missing applies it, then what lies above
new_revision cc aa "create tc" "CREATE TABLE tc (id INTEGER PRIMARY KEY);" "DROP TABLE tc;" >/dev/null
printf 'CREATE TABLE tc (id INTEGER PRIMARY KEY);\n' >>schema.sql
expect_ok dbtool upgrade --apply-missing
expect_stderr_match "^upgrade bb \(missing below aa\), create tb \([0-9]+ ms\)
upgrade aa -> cc, create tc \([0-9]+ ms\)$"
expect_version cc
expect_tables "dbtool_version t0 ta tb tc"
expect_eq "$(history_ids)" "aa bb cc r0" "the history records bb"
expect_ok dbtool current
expect_stdout_eq "cc"
expect_ok dbtool check
expect_ok dbtool upgrade --apply-missing
expect_stderr_eq "already at head: nothing to upgrade"
# and the chain runs down and up again in its order
expect_ok dbtool downgrade base
expect_tables "dbtool_version"
expect_ok dbtool upgrade
expect_stderr_match "^upgrade <base> -> r0, create t0 \([0-9]+ ms\)
upgrade r0 -> bb, create tb \([0-9]+ ms\)
upgrade bb -> aa, create ta \([0-9]+ ms\)
upgrade aa -> cc, create tc \([0-9]+ ms\)$"

# --- a failing missing revision is rolled back and the version stays
sql_value "DELETE FROM dbtool_history WHERE version_num = 'bb'" >/dev/null
write_revision "$V/bb_x.sql" "CREATE TABLE tb2 (id INTEGER PRIMARY KEY);
INSERT INTO no_such_table VALUES (1);" "DROP TABLE tb2;"
before=$(snapshot)
expect_fail 1 dbtool upgrade --apply-missing
expect_stderr_contains "upgrade bb failed and was rolled back: $V/bb_x.sql:8: "
expect_unchanged "$before"
expect_eq "$(history_ids)" "aa cc r0" "bb still has no history row"

# --- 'repair bb' vouches for it when it was applied by other means
expect_ok dbtool repair bb
expect_stdout_eq "repair bb: checksum recorded"
expect_ok dbtool current
expect_stdout_eq "cc"

# --- revisions below the lowest recorded one predate the history
sql_value "DELETE FROM dbtool_history WHERE version_num IN ('r0', 'bb')" >/dev/null
expect_ok dbtool current
expect_stdout_eq "cc"
expect_ok dbtool check
expect_stderr_contains "note: 2 applied revisions have no recorded checksum"
new_revision dd cc "create td" "CREATE TABLE td (id INTEGER PRIMARY KEY);" "DROP TABLE td;" >/dev/null
printf 'CREATE TABLE td (id INTEGER PRIMARY KEY);\n' >>schema.sql
expect_ok dbtool upgrade
expect_version dd
expect_eq "$(history_ids)" "aa cc dd" "the older revisions stay without rows"
# a database made before the history existed: no rows at all
sql_value "DELETE FROM dbtool_history" >/dev/null
expect_ok dbtool current
expect_stdout_eq "dd"
expect_ok dbtool upgrade
expect_ok dbtool check

finish
