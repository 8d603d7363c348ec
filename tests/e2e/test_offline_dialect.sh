#!/bin/bash
#
# test_offline_dialect.sh - `upgrade --sql [FROM:]TO --dialect D` and
# `downgrade --sql FROM:TO --dialect D`, on one dialect:
# - they connect to no database: the URL names a server that does not
#   exist (a closed port; an SQLite file in a folder that does not exist,
#   or one that is no database), or there is no URL at all, and the script
#   comes out all the same, with nothing on stderr;
# - the script starts from base, or from FROM;
# - replayed with the database's own client (psql -v ON_ERROR_STOP=1,
#   sqlite3 -bail, mariadb) on an empty database, it gives what an online
#   upgrade gives: the same schema (pg_dump -s, .schema, mariadb-dump
#   --no-data, less the journal table of MariaDB's online run), the same
#   version row and
#   the same history rows but for their times; the same for FROM:TO up
#   from a middle revision and for a downgrade;
# - bad ranges and dialects are errors that change nothing.
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_offline_dialect.sh sqlite|postgres|mariadb

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_db "$1"

case "$DIALECT" in
sqlite) D=sqlite ;;
postgres) D=postgresql ;;
mariadb) D=mysql ;;
esac

# ------------------------------------------------------------- databases

NEW_URL=

# new_database NAME: a fresh, empty database besides the one of setup_db;
# its URL goes to NEW_URL.
new_database() {
	local name re='^([A-Za-z0-9+.-]+://[^/?]*)(/[^?]*)?(\?.*)?$'
	case "$DIALECT" in
	sqlite)
		NEW_URL=sqlite:///$WORK/$1.db
		;;
	postgres)
		name=${PG_DATABASES[0]}_$1
		[[ $TEST_URL =~ $re ]] || {
			fail "cannot make a URL for database '$name' from the test URL"
			finish
		}
		NEW_URL=${BASH_REMATCH[1]}/$name${BASH_REMATCH[3]}
		if ! psql "$TEST_URL" -X -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE $name STRATEGY FILE_COPY" >"$ERR" 2>&1 </dev/null; then
			fail "cannot create database '$name' on the test cluster" "$(cat "$ERR")"
			finish
		fi
		PG_DATABASES+=("$name")
		;;
	mariadb)
		name=${MY_DATABASE}_$1
		NEW_URL=${TEST_URL/\/$MY_DATABASE\?//$name?}
		if ! my_sql "" "CREATE DATABASE \`$name\`" >"$ERR" 2>&1; then
			fail "cannot create database '$name' on the test server" "$(cat "$ERR")"
			finish
		fi
		MY_DATABASES+=("$name")
		;;
	esac
}

# sql_at URL QUERY: the query's result on that database.
sql_at() {
	case "$DIALECT" in
	sqlite) sqlite3 -batch "${1#sqlite:///}" "$2" </dev/null ;;
	postgres) psql "$1" -X -Atq -v ON_ERROR_STOP=1 -c "$2" </dev/null ;;
	mariadb) my_sql "$(my_database_of "$1")" "$2" ;;
	esac
}

# state URL: the schema as the database's own dump tool prints it, the
# version row, and the history rows without their times.
state() {
	case "$DIALECT" in
	sqlite) sqlite3 -batch "${1#sqlite:///}" .schema </dev/null ;;
	postgres)
		pg_dump "$1" --schema-only --no-owner --no-privileges </dev/null |
			grep -vE '^(--|SET |SELECT pg_catalog\.set_config|\\(un)?restrict )' | grep -v '^$'
		;;
	mariadb)
		# (the journal is the online run's alone: the script keeps none)
		my_dump "$(my_database_of "$1")" --no-data --compact --skip-comments \
			--ignore-table="$(my_database_of "$1").dbtool_journal" |
			sed 's/ AUTO_INCREMENT=[0-9]*//'
		;;
	esac
	echo "version: $(sql_at "$1" 'SELECT version_num FROM dbtool_version')"
	echo "history:"
	sql_at "$1" 'SELECT version_num, checksum FROM dbtool_history ORDER BY version_num'
	echo "rows of t1: $(sql_at "$1" 'SELECT count(*) FROM t1' 2>&1)"
}

# feed URL FILE: the script to the database's own client, stopping at the
# first error.
feed() {
	local what
	what="$(basename "$2") fed to $(case $DIALECT in postgres) echo psql ;; *) echo "$DIALECT" ;; esac)"
	case "$DIALECT" in
	sqlite) sqlite3 -batch -bail "${1#sqlite:///}" <"$2" >"$OUT" 2>"$ERR" ;;
	postgres)
		PGOPTIONS='-c client_min_messages=warning' \
			psql "$1" -X -q -v ON_ERROR_STOP=1 -f "$2" >"$OUT" 2>"$ERR" </dev/null
		;;
	# (in batch mode the mariadb client stops at the first error)
	mariadb) my_sql_raw "$(my_database_of "$1")" <"$2" >"$OUT" 2>"$ERR" ;;
	esac
	STATUS=$?
	if [ "$STATUS" = 0 ] && [ ! -s "$ERR" ]; then
		pass "$what runs without an error"
	else
		fail "$what should run without an error" "$(show_output)"
	fi
}

# expect_same A B DESCRIPTION: equal texts, else their diff.
expect_same() {
	if [ "$1" = "$2" ]; then
		pass "$3"
	else
		fail "$3" "$(diff <(printf '%s\n' "$1") <(printf '%s\n' "$2"))"
	fi
}

# ------------------------------------------------------------- the chain

expect_ok dbtool -q init
new_revision p01 "" "first" \
	"CREATE TABLE t1 (id INTEGER PRIMARY KEY, name VARCHAR(20) NOT NULL);
CREATE INDEX ix_t1_name ON t1 (name);" \
	"DROP TABLE t1;" >/dev/null
new_revision p02 p01 "second" \
	"INSERT INTO t1 (id, name) VALUES (1, 'a'), (2, 'b');
CREATE TABLE t2 (id INTEGER PRIMARY KEY, t1_id INTEGER REFERENCES t1 (id));" \
	"DROP TABLE t2;
DELETE FROM t1;" >/dev/null
new_revision p03 p02 "third" \
	"ALTER TABLE t1 ADD COLUMN age INTEGER;" \
	"ALTER TABLE t1 DROP COLUMN age;" >/dev/null

# ------------------------------------------- no connection is attempted

# URLs that no connection can be made to.
mkdir -p "$WORK/notadb"
printf 'this is no database\n' >"$WORK/notadb/app.db"
case "$DIALECT" in
sqlite)
	NOWHERE=("sqlite:///$WORK/notadb/app.db" "sqlite:///$WORK/no/such/folder/app.db")
	;;
postgres)
	NOWHERE=("postgresql://app:S3cretXyz@127.0.0.1:1/nope?connect_timeout=5"
		"postgresql://app@${WORK//\//%2F}%2Fno%2Fsocket/nope")
	;;
mariadb)
	NOWHERE=("mysql://app:S3cretXyz@127.0.0.1:1/nope?connect_timeout=5"
		"mysql://app@/nope?unix_socket=$WORK/no/socket")
	;;
esac

# Connecting there fails: online --sql says so.  (An SQLite file that
# does not exist reads as an empty database, so only the one that is no
# database shows it.)
expect_fail 1 dbtool -u "${NOWHERE[0]}" upgrade --sql
expect_error_line

BEFORE=$(snapshot)
for url in "${NOWHERE[@]}"; do
	expect_ok dbtool -u "$url" upgrade --sql --dialect "$D"
	expect_stderr_eq ""
	expect_eq "$(head -n 1 "$OUT")" "-- dbtool upgrade, $D, from <base> to p03" "the script for $D starts at base"
	expect_stderr_not_contains "S3cretXyz"
	cp "$OUT" "$WORK/base-head.sql"
done
expect_eq "$(snapshot)" "$BEFORE" "offline scripts change nothing"
if [ "$DIALECT" = sqlite ]; then
	expect_eq "$(ls "$WORK/no" 2>&1)" "ls: cannot access '$WORK/no': No such file or directory" "no folder was made for the SQLite URL"
fi

# No URL at all: not on the command line, not in the environment, not in
# the config file.
grep -v '^url' dbtool.ini >nourl.ini
expect_ok env -u DATABASE_URL "$DBTOOL" -c nourl.ini upgrade --sql --dialect "$D"
expect_stderr_eq ""
cmp -s "$OUT" "$WORK/base-head.sql" && pass "without a URL the script is the same" ||
	fail "without a URL the script should be the same" "$(diff "$WORK/base-head.sql" "$OUT")"
expect_fail 1 env -u DATABASE_URL "$DBTOOL" -c nourl.ini upgrade --sql p01:head
expect_error_line
expect_stderr_contains "--dialect"

# postgres is postgresql, mariadb is mysql.
case "$D" in
postgresql) alias=postgres ;;
mysql) alias=mariadb ;;
*) alias= ;;
esac
if [ -n "$alias" ]; then
	expect_ok dbtool upgrade --sql --dialect "$alias"
	cmp -s "$OUT" "$WORK/base-head.sql" && pass "--dialect $alias gives the $D script" ||
		fail "--dialect $alias should give the $D script" "$(diff "$WORK/base-head.sql" "$OUT")"
fi

# --------------------------------------------- parity with an online run

# The online run, on the database of setup_db.
expect_ok dbtool upgrade
ONLINE_HEAD=$(state "$TEST_URL")
expect_eq "$(sql_at "$TEST_URL" 'SELECT version_num FROM dbtool_version')" p03 "the online upgrade reached p03"

new_database offline_head
OFF=$NEW_URL
feed "$OFF" "$WORK/base-head.sql"
expect_same "$(state "$OFF")" "$ONLINE_HEAD" "the offline script from base gives the online upgrade's schema, version and history"

# FROM:TO, from a middle revision: a database upgraded online to p01, then
# the script p01:head.
new_database offline_mid
MID=$NEW_URL
expect_ok dbtool -u "$MID" upgrade p01
expect_ok dbtool -u "${NOWHERE[0]}" upgrade --sql p01:head --dialect "$D"
expect_eq "$(head -n 1 "$OUT")" "-- dbtool upgrade, $D, from p01 to p03" "the script starts at FROM"
expect_stdout_not_contains() {
	if ! grep -qF -- "$1" "$OUT"; then
		pass "stdout of '$LAST_CMD' does not contain '$1'"
	else
		fail "stdout of '$LAST_CMD' should not contain '$1'" "$(show_output)"
	fi
}
expect_stdout_not_contains "CREATE INDEX ix_t1_name"
cp "$OUT" "$WORK/p01-head.sql"
feed "$MID" "$WORK/p01-head.sql"
expect_same "$(state "$MID")" "$ONLINE_HEAD" "the script p01:head on a database at p01 gives the online upgrade's state"

# A relative TO counts from FROM.
expect_ok dbtool -u "${NOWHERE[0]}" upgrade --sql p01:+1 --dialect "$D"
expect_eq "$(head -n 1 "$OUT")" "-- dbtool upgrade, $D, from p01 to p02" "+1 counts from FROM"

# Downgrade head:p01 on the offline copy, against the online downgrade.
expect_ok dbtool -u "${NOWHERE[0]}" downgrade --sql head:p01 --dialect "$D"
expect_eq "$(head -n 1 "$OUT")" "-- dbtool downgrade, $D, from p03 to p01" "the downgrade script runs from FROM to TO"
cp "$OUT" "$WORK/head-p01.sql"
feed "$OFF" "$WORK/head-p01.sql"
expect_ok dbtool downgrade p01
expect_same "$(state "$OFF")" "$(state "$TEST_URL")" "the offline downgrade gives the online downgrade's schema, version and history"
expect_eq "$(sql_at "$OFF" 'SELECT version_num FROM dbtool_version')" p01 "the offline copy is at p01"

# An SQLite script can be had from any project: it runs in sqlite3.
expect_ok dbtool -u "${NOWHERE[0]}" upgrade --sql base:head --dialect sqlite
cp "$OUT" "$WORK/sqlite.sql"
if sqlite3 -batch -bail "$WORK/from-script.db" <"$WORK/sqlite.sql" >"$OUT" 2>"$ERR" &&
	[ "$(sqlite3 -batch "$WORK/from-script.db" 'SELECT version_num FROM dbtool_version')" = p03 ]; then
	pass "the SQLite script, made without SQLite, brings a new SQLite database to p03"
else
	fail "the SQLite script should bring a new SQLite database to p03" "$(show_output)"
fi

# ------------------------------------------------------------ bad input

BEFORE=$(snapshot)
expect_fail 1 dbtool -u "${NOWHERE[0]}" downgrade --sql head --dialect "$D"
expect_stderr_eq "dbtool: error: an offline downgrade needs the revision to start from: FROM:TO, not 'head'"
expect_fail 1 dbtool -u "${NOWHERE[0]}" upgrade --sql nope:head --dialect "$D"
expect_stderr_eq "dbtool: error: the start of the range 'nope:head': no revision 'nope'"
expect_fail 1 dbtool -u "${NOWHERE[0]}" upgrade --sql :head --dialect "$D"
expect_stderr_eq "dbtool: error: malformed range ':head': expected [FROM:]TO, such as base:head"
expect_fail 1 dbtool -u "${NOWHERE[0]}" upgrade --sql p03:p01 --dialect "$D"
expect_error_line
expect_stderr_contains "use 'dbtool downgrade'"
expect_fail 2 dbtool upgrade --sql --dialect oracle
expect_stderr_eq "dbtool: error: unknown dialect 'oracle' (expected sqlite, postgresql, postgres, mysql or mariadb) (see 'dbtool upgrade --help')"
expect_fail 2 dbtool upgrade --dialect "$D"
expect_stderr_eq "dbtool: error: --dialect is for --sql: the script of a dialect (see 'dbtool upgrade --help')"
expect_fail 2 dbtool upgrade p01:head
expect_error_line
expect_stdout_eq ""
expect_eq "$(snapshot)" "$BEFORE" "the refused commands change nothing"

finish
