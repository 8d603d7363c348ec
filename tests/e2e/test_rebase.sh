#!/bin/bash
#
# test_rebase.sh - divergent heads and 'dbtool rebase', on one dialect.
# Two developers branch from one revision and one of them applies his:
# every command that needs the chain refuses, naming both heads and the
# rebase to run; rebase moves the other branch onto the applied head,
# rewriting only the '-- parent:' line of its first revision; upgrade
# applies it and check agrees, with every row kept.  Rebase refuses to
# move an applied revision, an unknown revision, onto a revision that is
# not a head, from below the fork, and without the database, each time
# changing nothing.  downgrade walks down below the fork along the
# applied branch, so a developer can back out his revision and move it.
# First revisions without a parent and three heads are rebased too.
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_rebase.sh sqlite|postgres|mariadb

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

# expect_only_parent_changed OLD_COPY FILE OLD_LINE NEW_LINE: FILE is the
# copy with that one header line replaced, byte for byte.
expect_only_parent_changed() {
	if sed "s/^$3\$/$4/" "$1" | cmp -s - "$2"; then
		pass "only the parent line of '$2' changed"
	else
		fail "'$2' should differ from its old bytes in the parent line only" \
			"$(diff "$1" "$2" | cat -A)"
	fi
}

rows() {
	sql_value "SELECT count(*) FROM $1"
}

expect_ok dbtool -q init
new_revision r0 "" "create t0" "CREATE TABLE t0 (id INTEGER PRIMARY KEY);
INSERT INTO t0 VALUES (1), (2);" "DROP TABLE t0;" >/dev/null
new_revision aa r0 "create ta" "CREATE TABLE ta (id INTEGER PRIMARY KEY);
INSERT INTO ta VALUES (1), (2), (3);" "DROP TABLE ta;" >/dev/null
printf 'CREATE TABLE t0 (id INTEGER PRIMARY KEY -- dbtool: no-autoincrement\n);\nCREATE TABLE ta (id INTEGER PRIMARY KEY -- dbtool: no-autoincrement\n);\nCREATE TABLE tb (id INTEGER PRIMARY KEY -- dbtool: no-autoincrement\n);\n' >schema.sql
expect_ok dbtool upgrade
expect_version aa

# --- the other developer's revision on the same parent: two heads
b=$(new_revision bb r0 "create tb" "CREATE TABLE tb (id INTEGER PRIMARY KEY);
INSERT INTO tb VALUES (7);" "DROP TABLE tb;")
HEADS="several heads: 'aa' ('$V/aa_x.sql') and 'bb' ('$V/bb_x.sql') part at 'r0' ('$V/r0_x.sql'); the chain must be one line: run 'dbtool rebase' to move the branch that the database has not applied onto the other head, or name the branch to move: 'dbtool rebase bb --onto aa' or 'dbtool rebase aa --onto bb'"
before=$(snapshot)
expect_fail 1 dbtool upgrade
expect_stderr_eq "dbtool: error: $HEADS"
expect_unchanged "$before"
# every command that needs the chain says the same
for cmd in "upgrade --sql" "migrate -m x" "revision -m x" "check" "history" "show bb" \
	"stamp head" "repair" "-v current"; do
	# shellcheck disable=SC2086
	expect_fail 1 dbtool $cmd
	expect_stderr_contains "$HEADS"
done
expect_unchanged "$before"
expect_ok dbtool heads
expect_stdout_eq "aa
bb"
expect_stderr_eq "dbtool: warning: $HEADS"

# --- refusals, each changing nothing
cp "$b" "$WORK/bb.before"
expect_fail 1 dbtool rebase aa
expect_error_line
expect_stderr_eq "dbtool: error: cannot rebase the branch of 'aa': revision 'aa' ('$V/aa_x.sql') is applied in the database, which is at 'aa'; rebase moves only revisions that were never applied: to move this branch, downgrade below it first ('dbtool downgrade r0'), or move the branch of 'bb' onto it instead ('dbtool rebase bb --onto aa')"
expect_unchanged "$before"
expect_fail 1 dbtool rebase --onto bb
expect_stderr_contains "revision 'aa' ('$V/aa_x.sql') is applied in the database"
expect_unchanged "$before"
expect_fail 1 dbtool rebase zz
expect_stderr_eq "dbtool: error: cannot rebase: no revision 'zz'"
expect_unchanged "$before"
expect_fail 1 dbtool rebase bb --onto zz
expect_stderr_eq "dbtool: error: cannot rebase: --onto: no revision 'zz'"
expect_fail 1 dbtool rebase bb --onto r0
expect_stderr_eq "dbtool: error: cannot rebase onto 'r0': it is not a head (other revisions follow it); the new parent must be a head: 'aa', 'bb'"
expect_unchanged "$before"
expect_fail 1 dbtool rebase r0
expect_stderr_eq "dbtool: error: cannot rebase: revision 'r0' is on the line of several heads (they part at 'r0', whose children are 'aa', 'bb'): name a revision above that point, or a head"
expect_fail 1 dbtool rebase bb --onto bb
expect_stderr_eq "dbtool: error: cannot rebase the branch of 'bb' onto its own head: name another head with --onto"
expect_unchanged "$before"
expect_fail 2 dbtool rebase bb aa
expect_fail 2 dbtool rebase --onto
# a database that cannot be reached proves nothing
expect_fail 1 dbtool --url "postgresql://nobody@127.0.0.1:1/nothing?connect_timeout=5" rebase
expect_error_line
expect_stderr_contains ": rebase reads the database to tell which revisions were applied, and moves nothing without it"
case "$DIALECT" in
sqlite)
	expect_fail 1 dbtool --url "sqlite:///$PROJECT/typo.db" rebase
	expect_stderr_contains "database file '$PROJECT/typo.db' does not exist"
	expect_stderr_contains "rebase reads the database"
	[ ! -e "$PROJECT/typo.db" ] && pass "rebase created no database file" ||
		fail "rebase created '$PROJECT/typo.db'"
	;;
mariadb)
	# A database name with a typo on a server that answers.
	expect_fail 1 dbtool --url "${TEST_URL/\/$MY_DATABASE\?//${MY_DATABASE}_typo?}" rebase
	expect_stderr_contains "Unknown database '${MY_DATABASE}_typo'"
	expect_stderr_contains "rebase reads the database"
	;;
esac
expect_unchanged "$before"
# a revision the history records is applied, wherever the version is
sql_value "INSERT INTO dbtool_history (version_num, checksum, applied_at) VALUES ('bb', 'x', 'y')" >/dev/null
before_hist=$(snapshot)
expect_fail 1 dbtool rebase
expect_stderr_contains "cannot rebase the branch of 'bb': revision 'bb' ('$V/bb_x.sql') is recorded as applied in the database's history"
expect_unchanged "$before_hist"
sql_value "DELETE FROM dbtool_history WHERE version_num = 'bb'" >/dev/null
cmp -s "$b" "$WORK/bb.before" && pass "the refusals left bb's bytes as they were" ||
	fail "a refusal changed '$b'"

# --- rebase moves the unapplied branch onto the applied head
expect_ok dbtool rebase
expect_stdout_eq "rebase bb: parent r0 -> aa (1 revision, head bb)"
expect_only_parent_changed "$WORK/bb.before" "$b" "-- parent: r0" "-- parent: aa"
expect_ok dbtool heads
expect_stdout_eq "bb"
expect_stderr_eq ""
expect_ok dbtool rebase
expect_stderr_eq "nothing to rebase: the chain has one head, bb"
expect_ok dbtool upgrade
expect_stderr_match "^upgrade aa -> bb, create tb \([0-9]+ ms\)$"
expect_version bb
expect_ok dbtool check
expect_eq "$(rows t0) $(rows ta) $(rows tb)" "2 3 1" "every row kept"
# and migrate writes the next revision on the rebased chain
printf 'CREATE TABLE tc (id INTEGER PRIMARY KEY -- dbtool: no-autoincrement\n);\n' >>schema.sql
expect_ok dbtool migrate -m "create tc"
c=$(cat "$OUT")
expect_eq "$(sed -n 2p "$c")" "-- parent: bb" "migrate's revision follows the rebased head"
expect_ok dbtool upgrade
expect_ok dbtool check

# --- downgrade below the fork, then move one's own revision
head=$(db_version)
new_revision mine "$head" "create tm" "CREATE TABLE tm (id INTEGER PRIMARY KEY);" "DROP TABLE tm;" >/dev/null
expect_ok dbtool upgrade
theirs=$(new_revision theirs "$head" "create tt" "CREATE TABLE tt (id INTEGER PRIMARY KEY);" "DROP TABLE tt;")
printf 'CREATE TABLE tm (id INTEGER PRIMARY KEY -- dbtool: no-autoincrement\n);\nCREATE TABLE tt (id INTEGER PRIMARY KEY -- dbtool: no-autoincrement\n);\n' >>schema.sql
expect_fail 1 dbtool upgrade
expect_stderr_contains "'dbtool rebase theirs --onto mine'"
before=$(snapshot)
expect_fail 1 dbtool downgrade theirs
expect_stderr_eq "dbtool: error: revision 'theirs' lies on another branch than mine: the chain has several heads, and only the revisions from base to mine are targets here"
expect_unchanged "$before"
expect_ok dbtool downgrade -1 --sql
expect_stdout_contains "DROP TABLE tm;"
expect_unchanged "$before"
expect_ok dbtool downgrade -1
expect_stderr_match "^downgrade mine -> $head, create tm \([0-9]+ ms\)$"
expect_version "$head"
expect_eq "$(table_exists tm && echo yes || echo no)" "no" "downgrade reverted mine"
before=$(snapshot)
expect_fail 1 dbtool rebase
expect_stderr_eq "dbtool: error: cannot rebase: neither branch is applied in the database (it is at $head, below the point where the heads part), so which one to move is yours to say: 'dbtool rebase theirs --onto mine' or 'dbtool rebase mine --onto theirs'"
expect_unchanged "$before"
expect_ok dbtool rebase mine
expect_stdout_eq "rebase mine: parent $head -> theirs (1 revision, head mine)"
expect_ok dbtool upgrade
expect_stderr_match "^upgrade $head -> theirs, create tt \([0-9]+ ms\)
upgrade theirs -> mine, create tm \([0-9]+ ms\)$"
expect_ok dbtool check
expect_eq "$(rows t0) $(rows ta) $(rows tb)" "2 3 1" "every row kept"
expect_ok dbtool downgrade base
expect_ok dbtool upgrade
expect_version mine

# --- first revisions without a parent, three heads, CRLF line endings
setup_db "$DIALECT"
expect_ok dbtool -q init
# rebase refuses an SQLite file that does not exist (a typo in the path
# must not pass for a database that applied nothing): make an empty one
if [ "$DIALECT" = sqlite ]; then
	sqlite3 "$DB_FILE" "CREATE TABLE scratch (x); DROP TABLE scratch;"
fi
new_revision x1 "" "create tx" "CREATE TABLE tx (id INTEGER PRIMARY KEY);" "DROP TABLE tx;" >/dev/null
y=$(new_revision y1 "" "create ty" "CREATE TABLE ty (id INTEGER PRIMARY KEY);" "DROP TABLE ty;")
sed -i 's/$/\r/' "$y"
new_revision z1 "" "create tz" "CREATE TABLE tz (id INTEGER PRIMARY KEY);" "DROP TABLE tz;" >/dev/null
printf 'CREATE TABLE tx (id INTEGER PRIMARY KEY -- dbtool: no-autoincrement\n);\nCREATE TABLE ty (id INTEGER PRIMARY KEY -- dbtool: no-autoincrement\n);\nCREATE TABLE tz (id INTEGER PRIMARY KEY -- dbtool: no-autoincrement\n);\n' >schema.sql
expect_fail 1 dbtool upgrade
expect_stderr_eq "dbtool: error: several heads: 'x1' ('$V/x1_x.sql'), 'y1' ('$V/y1_x.sql'), 'z1' ('$V/z1_x.sql'); the chain must be one line: move one branch at a time onto another head, starting with 'dbtool rebase y1 --onto x1' (the chain has several first revisions, with an empty parent: 'x1' ('$V/x1_x.sql'), 'y1' ('$V/y1_x.sql'), 'z1' ('$V/z1_x.sql'))"
before=$(snapshot)
expect_fail 1 dbtool rebase
expect_stderr_eq "dbtool: error: cannot rebase: the chain has several heads ('x1', 'y1', 'z1'): rebase moves one branch at a time: name it and its new parent, as 'dbtool rebase REV --onto HEAD'"
expect_fail 1 dbtool rebase y1
expect_stderr_eq "dbtool: error: cannot rebase 'y1': the chain has more than two heads: name the new parent with --onto, one of 'x1', 'z1'"
expect_fail 1 dbtool rebase --onto x1
expect_stderr_eq "dbtool: error: cannot rebase onto 'x1': the chain has more than two heads: name the branch to move, one of 'y1', 'z1'"
expect_unchanged "$before"
cp "$y" "$WORK/y1.before"
expect_ok dbtool rebase y1 --onto x1
expect_stdout_eq "rebase y1: parent <base> -> x1 (1 revision, head y1)"
expect_only_parent_changed "$WORK/y1.before" "$y" "-- parent:\r" "-- parent: x1\r"
expect_fail 1 dbtool upgrade
expect_stderr_contains "several heads: 'y1' ('$V/y1_x.sql') and 'z1' ('$V/z1_x.sql') part at base;"
expect_ok dbtool rebase z
expect_stdout_eq "rebase z1: parent <base> -> y1 (1 revision, head z1)"
expect_ok dbtool upgrade
expect_version z1
expect_ok dbtool check

finish
