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
# usage: DBTOOL=build/dbtool bash tests/e2e/test_reparent.sh sqlite|postgres|mariadb

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

# --- a failing missing revision is rolled back and the version stays (on
# MariaDB it stops halfway and 'upgrade --apply-missing' resumes it)
sql_value "DELETE FROM dbtool_history WHERE version_num = 'bb'" >/dev/null
write_revision "$V/bb_x.sql" "CREATE TABLE tb2 (id INTEGER PRIMARY KEY);
INSERT INTO no_such_table VALUES (1);" "DROP TABLE tb2;"
before=$(snapshot)
expect_fail 1 dbtool upgrade --apply-missing
case "$DIALECT" in
mariadb)
	# DDL commits at once: bb's first statement stays, the journal says
	# so, and only 'upgrade --apply-missing' resumes it; the version
	# never moves.
	expect_stderr_contains "upgrade bb stopped at its statement 2, after 1 committed (mysql commits each DDL statement at once): bb, a revision missing below cc, is applied halfway; fix the cause and run 'dbtool upgrade --apply-missing' to resume at statement 2, or finish it by hand and run 'dbtool stamp cc': $V/bb_x.sql:8: "
	expect_eq "$(history_ids)" "aa cc r0" "bb still has no history row"
	expect_version cc
	expect_fail 1 dbtool current
	expect_stderr_contains "the database is at cc, but the upgrade of bb, a revision missing below it, stopped after 1 of its statements ($V/bb_x.sql:8: "
	stopped=$(snapshot)
	for cmd in "upgrade" "downgrade -1"; do
		# shellcheck disable=SC2086
		expect_fail 1 dbtool $cmd
		expect_stderr_eq "dbtool: error: the upgrade of bb, a revision missing below cc, stopped halfway: resume it with 'dbtool upgrade --apply-missing', or finish it by hand and run 'dbtool stamp cc'"
		expect_unchanged "$stopped"
	done
	write_revision "$V/bb_x.sql" "CREATE TABLE tb2 (id INTEGER PRIMARY KEY);
INSERT INTO tb2 VALUES (1);" "DROP TABLE tb2;"
	expect_ok dbtool upgrade --apply-missing
	expect_stderr_match "^resuming upgrade bb at its statement 2 of 2
upgrade bb \(missing below cc\), create tb \([0-9]+ ms\)$"
	expect_version cc
	expect_eq "$(history_ids)" "aa bb cc r0" "the history records bb"
	expect_eq "$(sql_value "SELECT count(*) FROM tb2")" 1 "bb's second statement ran once"
	# Back to where the other databases are after the rollback: bb
	# applied by other means than dbtool, without tb2.
	sql_value "DELETE FROM dbtool_history WHERE version_num = 'bb'; DROP TABLE tb2" >/dev/null
	;;
*)
	expect_stderr_contains "upgrade bb failed and was rolled back: $V/bb_x.sql:8: "
	expect_unchanged "$before"
	expect_eq "$(history_ids)" "aa cc r0" "bb still has no history row"
	;;
esac

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
