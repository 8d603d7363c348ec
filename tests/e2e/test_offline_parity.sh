#!/bin/bash
#
# test_offline_parity.sh - the offline script does what the online run
# does, on one dialect:
# - `upgrade --sql`, `downgrade --sql` and `migrate` verify the applied
#   revisions' checksums first and refuse, as `upgrade` does, while one of
#   them was edited;
# - a section that ends in a comment (even one whose last character is
#   ';') or without its final ';' still ends in a terminator;
# - a control character in a header value is refused with file:line;
# - the script replayed by the database's client leaves the schema, rows
#   and version that the online run leaves;
# - SQLite: a table rebuild replayed with foreign keys on does not
#   cascade to the child rows, and a foreign-key violation stops the
#   script under `sqlite3 -bail` with the revision rolled back;
# - MariaDB: no section runs between BEGIN and COMMIT (DDL commits at
#   once), only the version rows after it; a failing statement stops the
#   mariadb client with the statements before it committed and the
#   version where the revision started, as the script's comment says.
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_offline_parity.sh sqlite|postgres|mariadb

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_db "$1"

# feed FILE: an offline script to the database's own client, stopping at
# the first error (SQLite: with foreign keys on, as an application has
# them).  Exit status in $STATUS, output in $OUT / $ERR.
feed() {
	LAST_CMD="feed $(basename "$1")"
	case "$DIALECT" in
	sqlite) sqlite3 -batch -bail -cmd 'PRAGMA foreign_keys = ON' "$DB_FILE" <"$1" >"$OUT" 2>"$ERR" ;;
	postgres) psql "$TEST_URL" -X -q -v ON_ERROR_STOP=1 -f "$1" >"$OUT" 2>"$ERR" </dev/null ;;
	# (the mariadb client in batch mode stops at the first error)
	mariadb) my_sql_raw "$MY_DATABASE" <"$1" >"$OUT" 2>"$ERR" ;;
	esac
	STATUS=$?
}

expect_feed_ok() {
	feed "$1"
	if [ "$STATUS" = 0 ]; then
		pass "$(basename "$1") runs in the database's client"
	else
		fail "$(basename "$1") should run in the database's client" "$(show_output)"
	fi
}

# script ARGS...: `dbtool ARGS... --sql` into $WORK/<n>.sql, whose path
# goes to SCRIPT.
NSCRIPT=0
script() {
	NSCRIPT=$((NSCRIPT + 1))
	SCRIPT=$WORK/script$NSCRIPT.sql
	expect_ok dbtool "$@" --sql
	cp "$OUT" "$SCRIPT"
}

expect_ok dbtool -q init
V=migrations/versions

# ------------------------------------------- sections that end oddly

# A section ending in a comment whose last character is ';', one without
# its final ';', one ending in a block comment.
new_revision p01 "" "comment last" \
	"CREATE TABLE t1 (id INTEGER PRIMARY KEY, v INTEGER)
-- the table is made;" \
	"DROP TABLE t1
-- gone;" >/dev/null
new_revision p02 p01 "no final semicolon" \
	"INSERT INTO t1 (id, v) VALUES (1, 10);
INSERT INTO t1 (id, v) VALUES (2, 20)" \
	"DELETE FROM t1 WHERE id IN (1, 2)
/* rows gone; */" >/dev/null
new_revision p03 p02 "block comment last" \
	"CREATE TABLE t2 (id INTEGER PRIMARY KEY)
/* t2; */" \
	"DROP TABLE t2;
-- ;" >/dev/null

# parity_snapshot: snapshot_db, less MariaDB's journal table, which the
# online run makes and the offline script does not (the script keeps no
# journal: the client's stop at the first error stands for it).
parity_snapshot() {
	snapshot_db | sed -e '/^journal: /d' -e 's/ dbtool_journal\(\.PRIMARY\)\{0,1\}//g'
}

script upgrade
expect_feed_ok "$SCRIPT"
OFFLINE=$(parity_snapshot)
expect_version p03
expect_eq "$(sql_value 'SELECT v FROM t1 ORDER BY id' | tr '\n' ' ')" "10 20 " "the offline upgrade made t1 with its two rows"
expect_tables "dbtool_version t1 t2"
script downgrade base
expect_feed_ok "$SCRIPT"
expect_version ""
expect_tables "dbtool_version"
expect_ok dbtool upgrade
expect_version p03
expect_eq "$(sql_value 'SELECT v FROM t1 ORDER BY id' | tr '\n' ' ')" "10 20 " "the online upgrade made the same rows"
expect_eq "$(parity_snapshot)" "$OFFLINE" "the online upgrade left the tables, indexes, rows and version the script left"

# ------------------------------------- control characters in headers

new_revision p04 p03 $'carriage\rDROP TABLE t1;' "SELECT 1;" "SELECT 1;" >/dev/null
BEFORE=$(snapshot_db)
expect_fail 1 dbtool upgrade --sql
expect_stderr_contains "$V/p04_x.sql:3: control character U+000D in the value of header key 'message'"
expect_error_line
expect_stdout_eq ""
expect_fail 1 dbtool upgrade
expect_stderr_contains "$V/p04_x.sql:3: control character U+000D"
expect_eq "$(snapshot_db)" "$BEFORE" "a header with a control character changes nothing"
rm -f "$V/p04_x.sql"

# ------------------------------------------ checksums verified first

cp "$V/p03_x.sql" "$WORK/p03.orig"
printf -- '-- an edit after it was applied\n' >>"$V/p03_x.sql"
CHANGED="revision p03 ('$V/p03_x.sql') has changed since it was applied"
BEFORE=$(snapshot)
expect_fail 1 dbtool downgrade -1
expect_stderr_contains "$CHANGED"
expect_fail 1 dbtool downgrade -1 --sql
expect_stderr_contains "$CHANGED"
expect_error_line
expect_stdout_eq ""
expect_fail 1 dbtool downgrade base --sql
expect_stderr_contains "$CHANGED"
expect_fail 1 dbtool upgrade --sql
expect_stderr_contains "$CHANGED"
# migrate must not put a revision on top of it.
printf 'CREATE TABLE t1 (id INTEGER PRIMARY KEY, v INTEGER);\nCREATE TABLE t2 (id INTEGER PRIMARY KEY);\nCREATE TABLE t3 (id INTEGER PRIMARY KEY);\n' >schema.sql
BEFORE=$(snapshot)
expect_fail 1 dbtool migrate -m "on an edited revision"
expect_stderr_contains "$CHANGED"
expect_error_line
expect_eq "$(snapshot)" "$BEFORE" "migrate on an edited applied revision writes nothing"
cp "$WORK/p03.orig" "$V/p03_x.sql"
expect_ok dbtool migrate -m "t3"
expect_ok dbtool upgrade
expect_tables "dbtool_version t1 t2 t3"

# -------------------------------------- foreign keys around a rebuild

case "$DIALECT" in
sqlite)
	# A parent with children that cascade, rebuilt by a revision
	# (a column made NOT NULL), replayed with foreign keys on.
	cat >schema.sql <<'EOF'
CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent (id) ON DELETE CASCADE);
EOF
	expect_ok dbtool migrate -m "parent and child"
	expect_ok dbtool upgrade
	sql_value "INSERT INTO parent VALUES (1, 'a'), (2, 'b'); INSERT INTO child VALUES (1, 1), (2, 1), (3, 2)"
	sed -i 's/name TEXT)/name TEXT NOT NULL DEFAULT '"''"')/' schema.sql
	expect_ok dbtool migrate -m "parent name not null"
	REBUILD=$(cat "$OUT")
	if grep -q '^ALTER TABLE _dbtool_new_parent RENAME TO parent;' "$REBUILD"; then
		pass "the revision rebuilds the parent table"
	else
		fail "the revision should rebuild the parent table" "$(cat "$REBUILD")"
	fi
	script upgrade
	for stmt in 'PRAGMA foreign_keys = OFF;' 'PRAGMA foreign_key_check;' 'PRAGMA foreign_keys = ON;'; do
		expect_eq "$(grep -cxF "$stmt" "$SCRIPT")" 1 "the script has '$stmt' around the transaction"
	done
	expect_eq "$(grep -xE 'PRAGMA foreign_keys = OFF;|BEGIN;|PRAGMA foreign_key_check;|COMMIT;|PRAGMA foreign_keys = ON;' "$SCRIPT" | tr '\n' ' ')" \
		"PRAGMA foreign_keys = OFF; BEGIN; PRAGMA foreign_key_check; COMMIT; PRAGMA foreign_keys = ON; " \
		"foreign keys go off before BEGIN, are checked before COMMIT and go on after it"
	expect_feed_ok "$SCRIPT"
	expect_eq "$(sql_value 'SELECT count(*) FROM child')" 3 "the offline rebuild of the parent keeps the 3 child rows"
	expect_eq "$(sql_value 'SELECT count(*) FROM parent')" 2 "and the 2 parent rows"
	expect_eq "$(sql_value 'PRAGMA foreign_keys')" 0 "(sqlite3 alone starts with foreign keys off: the test turns them on)"

	# A revision that leaves a child without its parent: the online run
	# refuses it, and the script stops, rolled back.
	LAST_ID=$(basename "$(sql_value 'SELECT version_num FROM dbtool_version')")
	new_revision p09 "$LAST_ID" "orphan" "DELETE FROM parent WHERE id = 2;" "INSERT INTO parent VALUES (2, 'b');" >/dev/null
	script upgrade
	BEFORE=$(snapshot_db)
	feed "$SCRIPT"
	expect_eq "$STATUS" 1 "a foreign-key violation stops the script under sqlite3 -bail"
	expect_stderr_contains "foreign key violation"
	expect_eq "$(snapshot_db)" "$BEFORE" "and the revision is rolled back"
	expect_fail 1 dbtool upgrade
	expect_stderr_contains "foreign key violation"
	expect_eq "$(snapshot_db)" "$BEFORE" "the online run refuses it the same way"
	;;
postgres)
	script upgrade
	expect_eq "$(grep -c PRAGMA "$SCRIPT")" 0 "a PostgreSQL script has no PRAGMA"
	;;
mariadb)
	# DDL commits at once here: the script says so, runs a revision's
	# statements outside any transaction, and records the version in
	# one after the last of them.
	LAST_ID=$(db_version)
	new_revision p09 "$LAST_ID" "two tables, a typo between" \
		"CREATE TABLE t4 (id INTEGER PRIMARY KEY);
INSERT INTO nowhere VALUES (1);
CREATE TABLE t5 (id INTEGER PRIMARY KEY);" "DROP TABLE t5;
DROP TABLE t4;" >/dev/null
	script upgrade
	expect_eq "$(grep -c PRAGMA "$SCRIPT")" 0 "a MariaDB script has no PRAGMA"
	expect_stdout_contains "-- MariaDB/MySQL commit each DDL statement at once, so no revision below runs in one"
	expect_eq "$(grep -E '^(BEGIN|COMMIT|CREATE TABLE t|INSERT INTO (nowhere|dbtool_version))' "$SCRIPT" | tr '\n' ' ')" \
		"CREATE TABLE t4 (id INTEGER PRIMARY KEY); INSERT INTO nowhere VALUES (1); CREATE TABLE t5 (id INTEGER PRIMARY KEY); BEGIN; INSERT INTO dbtool_version (version_num) VALUES ('p09'); COMMIT; " \
		"the revision's statements run before BEGIN, the version row between BEGIN and COMMIT"
	feed "$SCRIPT"
	expect_eq "$STATUS" 1 "the failing statement stops the mariadb client"
	expect_stderr_contains "nowhere' doesn't exist"
	expect_eq "$(tables | grep '^t[45]$')" t4 "the statement before it stays committed, the one after it never ran"
	expect_version "$LAST_ID"
	# The way out the script's comment gives: undo by hand (here, with
	# the revision fixed, and the script run again).
	sql_value "DROP TABLE t4"
	sed -i 's/^INSERT INTO nowhere VALUES (1);$/INSERT INTO t4 VALUES (1);/' "$V/p09_x.sql"
	script upgrade
	expect_feed_ok "$SCRIPT"
	expect_version p09
	OFFLINE=$(parity_snapshot)
	expect_ok dbtool downgrade -1
	expect_ok dbtool upgrade
	expect_eq "$(parity_snapshot)" "$OFFLINE" "online, the fixed revision leaves what the script left"
	;;
esac

finish
