#!/bin/bash
#
# test_long_plan.sh - `upgrade --single-transaction` and `downgrade
# --single-transaction` of a plan longer than one round trip carries
# (PostgreSQL sends such a run's revisions several to a query string, 64
# at most; SQLite one statement at a time): a statement that fails
# anywhere in the plan, when it runs or when the server reads it, names
# its revision, file and line with the very message the revision gives
# when it runs on its own, and leaves nothing applied; a statement that
# does not end where the splitter ends it (an unterminated comment) does
# not swallow the revisions after it; the version and history rows are
# those of the revisions run.  On PostgreSQL also: a revision that changes
# how the server reads SQL (standard_conforming_strings) changes it for
# its own later statements and not for the next revision's; the output of
# a COPY does not upset which statement failed after it; a lock wait
# gives up after the timeout in effect for its revision.
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_long_plan.sh sqlite|postgres

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_db "$1"

expect_ok dbtool -q init
# r001 .. r150, each a table tNNN with one row.
prev=""
for i in $(seq -w 1 150); do
	new_revision "r$i" "$prev" "step $i" "CREATE TABLE t$i (id INTEGER PRIMARY KEY, v VARCHAR(20));
INSERT INTO t$i (id, v) VALUES (1, 'r$i');" "DROP TABLE t$i;" >/dev/null
	prev=r$i
done
# dbtool's tables, there from here on.
expect_ok dbtool upgrade r001
expect_ok dbtool downgrade base
file_of() { echo "migrations/versions/$1_x.sql"; }
# up_section ID SQL: the upgrade section of ID becomes SQL (its first
# statement on line 7).
up_section() {
	local f
	f=$(file_of "$1")
	SQL=$2 awk '
		/^-- migrate:upgrade/ { print; print ENVIRON["SQL"]; skip = 1; next }
		/^-- migrate:downgrade/ { print ""; skip = 0 }
		!skip' "$f" >"$f.new" && mv "$f.new" "$f"
}
# down_section ID SQL: the same for the downgrade section.
down_section() {
	local f
	f=$(file_of "$1")
	SQL=$2 awk '
		/^-- migrate:downgrade/ { print; print ENVIRON["SQL"]; skip = 1; next }
		!skip' "$f" >"$f.new" && mv "$f.new" "$f"
}
create_of() { echo "CREATE TABLE t$1 (id INTEGER PRIMARY KEY, v VARCHAR(20));"; }

# expect_same_failure ID LINE: the plan from base fails at ID, in the
# middle of what one round trip carries, and changes nothing; its message
# names ID's file and LINE and is the one ID gives when it runs alone
# (the revisions below it applied, then ID alone, then back to base).
expect_same_failure() {
	local id=$1 line=$2 before single alone below
	below=$(printf 'r%03d' $((10#${id#r} - 1)))
	before=$(snapshot_db)
	expect_fail 1 dbtool upgrade --single-transaction
	expect_error_line
	expect_stderr_match "^dbtool: error: nothing was applied \(--single-transaction\), the version stays at base: upgrade $id failed and was rolled back: migrations/versions/${id}_x\.sql:$line: "
	output_text single "$ERR"
	expect_eq "$(snapshot_db)" "$before" "the failure at $id leaves nothing of the revisions before it"
	expect_ok dbtool upgrade "$below" --single-transaction
	expect_fail 1 dbtool upgrade "$id"
	output_text alone "$ERR"
	expect_eq "${single#*the version stays at base: }" "${alone#dbtool: error: }" \
		"$id fails with the message it gives when it runs alone"
	expect_ok dbtool downgrade base --single-transaction
	expect_version ""
	expect_eq "$(snapshot_db)" "$before" "back at base"
}

# --- a statement that fails when it runs: a duplicate key in r100
up_section r100 "$(create_of 100)
INSERT INTO t100 (id, v) VALUES (1, 'a');
INSERT INTO t100 (id, v) VALUES (1, 'b');"
expect_same_failure r100 9
up_section r100 "$(create_of 100)"

# --- a statement the server cannot read: a syntax error in r120, which
# the server finds before it runs anything sent with it
up_section r120 "$(create_of 120)
INSERT INTO t120 (id, v) VALUES (1, 'a');
CREAT TABLE oops (id INTEGER);"
expect_same_failure r120 9
up_section r120 "$(create_of 120)"

if [ "$DIALECT" = postgres ]; then
	# --- an unterminated comment at the end of r130 is reported as such
	# (SQLite takes it for a comment), and does not run on into r131,
	# whose -- comment holds a */ that would close it, and leave valid SQL
	# after it: r131's own statements would be skipped without a word
	up_section r130 "$(create_of 130)
INSERT INTO t130 (id, v) VALUES (1, 'a');
/* a note left open"
	up_section r131 "$(create_of 131)
INSERT INTO t131 (id, v) SELECT 1 -- */ SELECT 2
, 'r131';"
	expect_same_failure r130 9
	up_section r130 "$(create_of 130)"

	# --- the output of a COPY, then a failure two statements later
	up_section r140 "$(create_of 140)
COPY (SELECT 1) TO STDOUT;
SELECT 1 / 0;"
	expect_same_failure r140 9
	up_section r140 "$(create_of 140)"
fi

# --- the whole plan, then back to base, in one transaction each
history_rows() {
	sql_value "SELECT version_num || ' ' || checksum FROM dbtool_history ORDER BY version_num"
}
files_history() {
	local f id
	for f in migrations/versions/*_x.sql; do
		id=${f#migrations/versions/}
		printf '%s %s\n' "${id%_x.sql}" "$(sha256sum <"$f" | cut -d' ' -f1)"
	done
}
expect_ok dbtool upgrade --single-transaction
expect_stderr_contains "upgrade r063 -> r064, step 064"
expect_stderr_contains "upgrade r064 -> r065, step 065"
expect_stderr_contains "upgrade r149 -> r150, step 150"
expect_version r150
expect_eq "$(history_rows)" "$(files_history)" "the history holds the 150 revisions with their checksums"
expect_eq "$(sql_value "SELECT v FROM t001") $(sql_value "SELECT v FROM t150")" "r001 r150" \
	"the first and the last revision ran"
expect_eq "$(tables | grep -c '^t')" 150 "150 tables"
expect_ok dbtool downgrade base --single-transaction
expect_stderr_contains "downgrade r001 -> <base>, step 001"
expect_version ""
expect_eq "$(tables | grep -c '^t')" 0 "no table left"
expect_eq "$(sql_value "SELECT count(*) FROM dbtool_history")" 0 "no history row left"

if [ "$DIALECT" = postgres ]; then
	# --- standard_conforming_strings off in r090 holds for its own later
	# statement ('\\' is one backslash there), not for r091's (two)
	up_section r090 "$(create_of 090)
SET standard_conforming_strings = off;
INSERT INTO t090 (id, v) VALUES (1, 'a\\\\b');"
	up_section r091 "$(create_of 091)
INSERT INTO t091 (id, v) VALUES (1, 'c\\\\d');"
	# --- and a search_path that r092 sets holds for its own table, not
	# for r093's
	up_section r092 "CREATE SCHEMA other;
SET search_path = other;
$(create_of 092)"
	down_section r092 "DROP TABLE other.t092;
DROP SCHEMA other;"
	expect_ok dbtool upgrade r095 --single-transaction
	expect_eq "$(sql_value "SELECT v FROM t090")" 'a\b' "r090's string read with its own setting"
	expect_eq "$(sql_value "SELECT v FROM t091")" 'c\\d' "r091's string read with the session's default"
	expect_eq "$(sql_value "SELECT schemaname || '.' || tablename FROM pg_tables WHERE tablename IN ('t092', 't093') ORDER BY 1")" \
		"other.t092
public.t093" "r092's table in its schema, r093's in public"
	expect_ok dbtool downgrade base --single-transaction
	up_section r092 "$(create_of 092)"
	down_section r092 "DROP TABLE t092;"

	# --- a lock wait in the middle of the plan gives up after the
	# statement lock timeout, or after its revision's own
	up_section r110 "$(create_of 110)
ALTER TABLE t001 ADD COLUMN x INTEGER;"
	expect_ok dbtool upgrade r001
	psql "$TEST_URL" -X -q >/dev/null 2>&1 <<<"BEGIN; LOCK TABLE t001 IN ACCESS SHARE MODE; SELECT pg_sleep(600);" &
	holder=$!
	held=0
	for _ in $(seq 600); do
		if [ "$(sql_value "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 't001' AND l.granted AND l.pid <> pg_backend_pid()")" != 0 ]; then
			held=1
			break
		fi
		sleep 0.1
	done
	expect_eq "$held" 1 "another session holds a lock on t001"
	expect_fail 1 dbtool --statement-lock-timeout 2 upgrade --single-transaction
	expect_stderr_contains "upgrade r110 failed and was rolled back: $(file_of r110):8: gave up waiting for a lock on table t001 after 2s (the statement lock timeout)"
	expect_version r001
	sed -i 's/^-- created: .*/&\n-- lock_timeout: 1/' "$(file_of r110)"
	expect_fail 1 dbtool --statement-lock-timeout 0 upgrade --single-transaction
	expect_stderr_contains "upgrade r110 failed and was rolled back: $(file_of r110):9: gave up waiting for a lock on table t001 after 1s"
	expect_version r001
	expect_eq "$(tables | grep -c '^t')" 1 "only r001's table"
	sql_value "SELECT pg_terminate_backend(l.pid) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 't001' AND l.granted AND l.pid <> pg_backend_pid()" >/dev/null
	wait "$holder" 2>/dev/null
	expect_ok dbtool upgrade --single-transaction
	expect_version r150
fi

# --- a revision missing below the current one, then the rest of the plan,
# in one transaction (upgrade --apply-missing)
expect_ok dbtool downgrade base --single-transaction
expect_ok dbtool upgrade r002 --single-transaction
new_revision m01 r001 "missing" "CREATE TABLE m01 (id INTEGER PRIMARY KEY);" "DROP TABLE m01;" >/dev/null
sed -i 's/^-- parent: r001$/-- parent: m01/' "$(file_of r002)"
expect_ok dbtool repair r002
expect_ok dbtool upgrade --apply-missing --single-transaction
expect_stderr_contains "upgrade m01 (missing below r002), missing"
expect_stderr_contains "upgrade r149 -> r150, step 150"
expect_version r150
expect_eq "$(tables | grep -c '^[tm]')" 151 "r001 .. r150 and m01"
expect_eq "$(history_rows)" "$(files_history)" "the history holds m01 and the 150 revisions with their checksums"

finish
