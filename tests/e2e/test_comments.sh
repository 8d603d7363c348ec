#!/bin/bash
#
# test_comments.sh - names that try to leave the comments dbtool writes
# into SQL, on one dialect.  A generator makes tables, columns, indexes and
# constraints whose names hold a line break or a character that may pass
# for one (\n, \r, \v, \f, NEL, U+2028, U+2029, ESC, other control
# characters) or SQL punctuation ("*/", "--", a quote, ";") around
# "DROP TABLE users;" / "DELETE FROM users;".  `migrate` then drops,
# adds and changes all of them (the revision's comments, WARNING and NOTE
# lines name each one), and the revision is applied, reverted and
# replayed offline.  The table users and its rows must survive every step,
# and no comment line of the revision or of the offline scripts may hold a
# control character or a line separator.
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_comments.sh sqlite|postgres|mariadb

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_db "$1"

# ------------------------------------------------------------ generator

SEPS=($'\n' $'\r' $'\v' $'\f' $'\xc2\x85' $'\xe2\x80\xa8' $'\xe2\x80\xa9' $'\x1b' $'\x01'
	$'\x7f' '*/' '--' "'" ';')

# hostile PREFIX SEP PAYLOAD: a quoted identifier "PREFIX<SEP>PAYLOAD<SEP>--"
# (double quotes doubled), short enough for PostgreSQL's 63 bytes.
hostile() {
	local name="$1$2$3$2--"
	printf '"%s"' "${name//\"/\"\"}"
}

# model VERSION: the model; version 1 declares, for each separator, a
# table with a hostile column, check, unique constraint and index, and a
# second hostile table; version 2 drops the second table, the column, the
# unique constraint and the index, changes the check, and adds another
# column and another index.
model() {
	local v=$1 i sep t d c k u x a y
	echo 'CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);'
	for i in "${!SEPS[@]}"; do
		sep=${SEPS[$i]}
		t=$(hostile "t$i" "$sep" 'DROP TABLE users;')
		d=$(hostile "d$i" "$sep" 'DROP TABLE users;')
		c=$(hostile "c$i" "$sep" 'DELETE FROM users;')
		k=$(hostile "k$i" "$sep" 'DELETE FROM users;')
		u=$(hostile "u$i" "$sep" 'DELETE FROM users;')
		x=$(hostile "x$i" "$sep" 'DELETE FROM users;')
		a=$(hostile "a$i" "$sep" 'DELETE FROM users;')
		y=$(hostile "y$i" "$sep" 'DELETE FROM users;')
		if [ "$v" = 1 ]; then
			printf 'CREATE TABLE %s (id INTEGER PRIMARY KEY, %s TEXT, n INTEGER,\n' "$t" "$c"
			printf '\tCONSTRAINT %s CHECK (n > 0), CONSTRAINT %s UNIQUE (n));\n' "$k" "$u"
			printf 'CREATE INDEX %s ON %s (%s);\n' "$x" "$t" "$c"
			printf 'CREATE TABLE %s (id INTEGER PRIMARY KEY, %s TEXT);\n' "$d" "$c"
		else
			printf 'CREATE TABLE %s (id INTEGER PRIMARY KEY, n INTEGER, %s TEXT,\n' "$t" "$a"
			printf '\tCONSTRAINT %s CHECK (n > 1));\n' "$k"
			printf 'CREATE INDEX %s ON %s (%s);\n' "$y" "$t" "$a"
		fi
	done
}

# users_intact WHEN: the table users is there with its three rows.
users_intact() {
	expect_eq "$(sql_value 'SELECT count(*) FROM users')" 3 "$1: table users keeps its 3 rows"
}

# clean_comments FILE WHAT: no line of FILE that starts a comment holds a
# control character (but the tab) or a line separator.  The lines that
# names split over are in quoted identifiers, not in comments: each of
# them follows a line that is not a comment.
clean_comments() {
	local bad
	bad=$(LC_ALL=C grep -naP '^--.*([\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xa8\xa9])' "$1")
	expect_eq "$bad" "" "$2: no comment line holds a control character or a line separator"
}

# comment_lines FILE: the number of comment lines that start with
# "-- <WORD>" for each of NOTE, WARNING, and a "-" or "+" op line.
count_lines() {
	LC_ALL=C grep -caE "$2" "$1"
}

# feed FILE: an offline script to the database's own client, stopping at
# the first error.
feed() {
	case "$DIALECT" in
	sqlite) run_cmd sqlite3 -batch -bail "$DB_FILE" <"$1" ;;
	postgres) run_cmd psql "$TEST_URL" -X -q -v ON_ERROR_STOP=1 -f "$1" ;;
	mariadb) run_cmd my_sql_raw "$MY_DATABASE" <"$1" ;;
	esac
	if [ "$STATUS" = 0 ]; then
		pass "$(basename "$1") runs in the database's client"
	else
		fail "$(basename "$1") should run in the database's client" "$(show_output)"
	fi
}

# run_cmd with stdin from a file.
run_cmd() {
	LAST_CMD=$(describe "$@")
	"$@" >"$OUT" 2>"$ERR"
	STATUS=$?
}

# ------------------------------------------------------------------ run

expect_ok dbtool -q init </dev/null
echo 'CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);' >schema.sql
expect_ok dbtool migrate -m users </dev/null
expect_ok dbtool upgrade </dev/null
sql_value "INSERT INTO users (id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c')" >/dev/null
users_intact "at the start"

model 1 >schema.sql
expect_ok dbtool migrate -m "hostile names" </dev/null
REV1=$(cat "$OUT")
clean_comments "$REV1" "the revision that creates the hostile names"
expect_ok dbtool upgrade </dev/null
users_intact "after the upgrade that creates them"

model 2 >schema.sql
expect_ok dbtool migrate -m "hostile changes" </dev/null
REV2=$(cat "$OUT")
[ -f "$REV2" ] || {
	fail "migrate should print the path of the revision it wrote" "$(show_output)"
	finish
}
clean_comments "$REV2" "the revision that drops, adds and changes them"
n=${#SEPS[@]}
expect_eq "$(count_lines "$REV2" '^-- NOTE: cannot restore')" "$((2 * n))" \
	"the downgrade has a NOTE line for each table and column dropped"
if [ "$(count_lines "$REV2" '^-- WARNING: ')" -ge "$((2 * n))" ]; then
	pass "the upgrade has WARNING lines for what it drops"
else
	fail "the upgrade should have WARNING lines for what it drops" "$(cat "$REV2")"
fi

expect_ok dbtool upgrade </dev/null
users_intact "after the upgrade that drops and changes them"
expect_ok dbtool check </dev/null
expect_ok dbtool downgrade -1 </dev/null
users_intact "after the downgrade"
expect_ok dbtool upgrade </dev/null
users_intact "after the upgrade again"

# The same revision, offline.
expect_ok dbtool downgrade -1 --sql </dev/null
cp "$OUT" "$WORK/down.sql"
clean_comments "$WORK/down.sql" "downgrade --sql"
feed "$WORK/down.sql"
users_intact "after the offline downgrade"
expect_ok dbtool current </dev/null
expect_stdout_contains "$(basename "$REV1" | cut -d_ -f1)"
expect_ok dbtool upgrade --sql </dev/null
cp "$OUT" "$WORK/up.sql"
clean_comments "$WORK/up.sql" "upgrade --sql"
feed "$WORK/up.sql"
users_intact "after the offline upgrade"
expect_ok dbtool check </dev/null

finish
