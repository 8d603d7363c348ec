#!/bin/bash
#
# test_output.sh - what upgrade, downgrade and migrate print, on one
# dialect:
# - every command that connects names its database on stderr, first, with
#   the password as ***, and -q silences it; no command prints the
#   password anywhere;
# - `-v` prints each statement of a revision with its time, shortened and
#   with control characters escaped;
# - on a terminal a progress line "[k/n] id message" is rewritten in place
#   and cleared; not when stderr is no terminal, nor with -q;
# - `--format json`: one JSON object on stdout for upgrade and downgrade
#   (the database, from, to, the revisions run with id, message and ms, and
#   the error when one failed) and for migrate (the file written or null,
#   the changes);
# - `upgrade` at head says "already at head".
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_output.sh sqlite|postgres|mariadb

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_db "$1"

# A password that must never be printed, in a URL no server answers.
SECRET=S3cretXyz9
NOWHERE="postgresql://app:$SECRET@127.0.0.1:1/app?connect_timeout=5"

# expect_secret_hidden: the last command printed neither SECRET nor (on
# PostgreSQL) the test cluster's password, on stdout, stderr or in the
# database line.
expect_secret_hidden() {
	if grep -qF "$SECRET" "$OUT" "$ERR" || [[ $DB_LINE == *"$SECRET"* ]]; then
		fail "$LAST_CMD prints the password" "$DB_LINE" "$(show_output)"
	else
		pass "$LAST_CMD does not print the password"
	fi
}

# expect_db_line: the last command named the test database first on
# stderr, its password (if any) as ***.
expect_db_line() {
	local want
	case "$DIALECT" in
	sqlite) want="dbtool: database $TEST_URL" ;;
	postgres | mariadb) want="dbtool: database $(redact "$TEST_URL")" ;;
	esac
	expect_eq "$DB_LINE" "$want" "'$LAST_CMD' names its database first on stderr"
}

# on_tty CMD...: runs the command with stderr (and stdout) on a terminal
# (script(1)); what the terminal received goes to $OUT.
on_tty() {
	local cmd='' arg
	for arg in "$@"; do
		cmd+=" $(printf '%q' "$arg")"
	done
	LAST_CMD="$* (on a terminal)"
	script -qec "${cmd# }" /dev/null >"$OUT" 2>"$ERR" </dev/null
	STATUS=$?
}

expect_ok dbtool -q init
new_revision p01 "" "first \"quoted\" \\ one" \
	"CREATE TABLE t1 (id INTEGER PRIMARY KEY, name VARCHAR(20) NOT NULL);
CREATE INDEX ix_t1_name ON t1 (name);" \
	"DROP TABLE t1;" >/dev/null
new_revision p02 p01 "second" \
	"INSERT INTO t1 (id, name) VALUES (1, 'a$(printf '\033')[31mred');
INSERT INTO t1 (id, name) VALUES (2, 'b'), (3, 'c'), (4, 'd'), (5, 'e'), (6, 'f'), (7, 'g'), (8, 'h'), (9, 'i'), (10, 'j'), (11, 'k');" \
	"DELETE FROM t1;" >/dev/null
new_revision p03 p02 "third" \
	"CREATE TABLE t2 (id INTEGER PRIMARY KEY);" \
	"DROP TABLE t2;" >/dev/null

# ------------------------------------------------------ the database line

expect_ok dbtool current
expect_db_line
expect_stdout_eq ""
expect_stderr_eq ""
expect_ok dbtool -q current
expect_eq "$DB_LINE" "" "-q silences the database line"
expect_stderr_eq ""
# Commands that connect nowhere say nothing of a database.
expect_ok dbtool history
expect_eq "$DB_LINE" "" "history, which connects to nothing, names no database"

# The password never shows, not even when the connection fails.
expect_fail 1 dbtool -u "$NOWHERE" current
expect_secret_hidden
expect_error_line
expect_stderr_contains "127.0.0.1:1"
expect_fail 1 dbtool -u "$NOWHERE" upgrade
expect_secret_hidden
expect_ok dbtool -u "$NOWHERE" upgrade --sql --dialect postgresql
expect_secret_hidden
# undo_p04: MariaDB commits each DDL statement at once, so the failed p04
# leaves its CREATE TABLE t4 and a journal row: undone by hand and stamped
# back at p03, the way out the error names.  Elsewhere the failure rolled
# everything back.
undo_p04() {
	if [ "$DIALECT" = mariadb ]; then
		sql_value "DROP TABLE t4" >/dev/null
		expect_ok dbtool stamp p03
	fi
}

if [ "$DIALECT" != sqlite ]; then
	# The server's password: in the line, as ***.
	expect_ok dbtool current
	if [[ $DB_LINE == *":***@"* ]]; then
		pass "the database line shows the password as ***"
	else
		fail "the database line should show the password as ***" "$DB_LINE"
	fi
fi

# ----------------------------------------------------------------- -v

expect_ok dbtool -v upgrade p02
expect_db_line
expect_stderr_match "^  [0-9]+\.[0-9] ms  CREATE TABLE t1 \(id INTEGER PRIMARY KEY, name VARCHAR\(20\) NOT NULL\)
  [0-9]+\.[0-9] ms  CREATE INDEX ix_t1_name ON t1 \(name\)
upgrade <base> -> p01, first \"quoted\" \\\\ one \([0-9]+ ms\)
  [0-9]+\.[0-9] ms  INSERT INTO t1 \(id, name\) VALUES \(1, 'a\\\\x1b\[31mred'\)
  [0-9]+\.[0-9] ms  INSERT INTO t1 \(id, name\) VALUES \(2, 'b'\), \(3, 'c'\), \(4, 'd'\), \(5, 'e'\), \(6, 'f'\), \(7, 'g'\), \(8, 'h'\.\.\.
upgrade p01 -> p02, second \([0-9]+ ms\)$"
if grep -q $'\033' "$ERR"; then
	fail "-v should escape the control character of a statement" "$(show_output)"
else
	pass "-v escapes the control character of a statement (no raw ESC)"
fi
expect_eq "$(sql_value 'SELECT count(*) FROM t1')" 11 "the statements ran one by one, all of them"
expect_ok dbtool -v downgrade base
expect_stderr_contains " ms  DELETE FROM t1"
expect_stderr_contains " ms  DROP TABLE t1"
# Without -v, one line per revision.
expect_ok dbtool upgrade p01
expect_stderr_match "^upgrade <base> -> p01, first \"quoted\" \\\\ one \([0-9]+ ms\)$"
expect_ok dbtool downgrade base
# In one transaction too: the statements as they run, the steps after the
# commit.  (MariaDB refuses --single-transaction: its DDL commits at once.)
if [ "$DIALECT" = mariadb ]; then
	expect_fail 1 dbtool -v upgrade p01 --single-transaction
	expect_error_line
	expect_stderr_contains "--single-transaction cannot be kept on mysql, which commits each DDL statement at once"
	expect_version ""
else
	expect_ok dbtool -v upgrade p01 --single-transaction
	expect_stderr_match "^  [0-9]+\.[0-9] ms  CREATE TABLE t1 .*
  [0-9]+\.[0-9] ms  CREATE INDEX ix_t1_name ON t1 \(name\)
upgrade <base> -> p01, first .*$"
	expect_ok dbtool downgrade base
fi

# A failing statement under -v: the same error as without it.
new_revision p04 p03 "fails" "CREATE TABLE t4 (id INTEGER PRIMARY KEY);
INSERT INTO nope VALUES (1);" "DROP TABLE t4;" >/dev/null
expect_fail 1 dbtool upgrade
WITHOUT=$(grep '^dbtool: error' "$ERR")
undo_p04
expect_ok dbtool downgrade base
expect_fail 1 dbtool -v upgrade
expect_eq "$(grep '^dbtool: error' "$ERR")" "$WITHOUT" "-v fails with the error a plain upgrade gives"
expect_stderr_contains "migrations/versions/p04_x.sql:8:"
expect_version p03
undo_p04
expect_ok dbtool downgrade base
rm -f migrations/versions/p04_x.sql

# ------------------------------------------------------------ progress

on_tty "$DBTOOL" upgrade p03
expect_eq "$STATUS" 0 "upgrade on a terminal succeeds"
TTY=$(cat -v "$OUT")
for want in '[1/3] p01 first "quoted" \ one^M^[[K' '[2/3] p02 second^M^[[K' '[3/3] p03 third^M^[[K'; do
	if [[ $TTY == *"$want"* ]]; then
		pass "the terminal shows the progress line '${want%%^M*}', then clears it"
	else
		fail "the terminal should show the progress line '${want%%^M*}' and clear it" "$TTY"
	fi
done
expect_eq "${TTY##*^[[K}" "upgrade p02 -> p03, third (${TTY##*third (}" "after the last progress line is cleared, the terminal shows the last step"
expect_version p03
on_tty "$DBTOOL" downgrade base -q
expect_eq "$(cat -v "$OUT")" "" "-q on a terminal: no progress line"
on_tty "$DBTOOL" -v upgrade p01
TTY=$(cat -v "$OUT")
if [[ $TTY == *'[1/1] p01 first "quoted" \ one^M^[[K  '*' ms  CREATE TABLE t1'* ]]; then
	pass "-v on a terminal clears the progress line before each statement"
else
	fail "-v on a terminal should clear the progress line before each statement" "$TTY"
fi
# Not on a terminal: logs stay clean.
expect_ok dbtool upgrade p03
expect_stderr_not_contains "[1/"
if grep -q $'\r' "$ERR"; then
	fail "stderr that is no terminal should hold no carriage return" "$(show_output)"
else
	pass "stderr that is no terminal holds no carriage return"
fi

# ----------------------------------------------------------------- JSON

expect_ok dbtool downgrade base
expect_ok dbtool --format json upgrade p02
expect_json "d['database'] == '$(redact "$TEST_URL")' and d['from'] is None and d['to'] == 'p02' and [r['id'] for r in d['revisions']] == ['p01', 'p02'] and d['revisions'][0]['message'] == 'first \"quoted\" \\\\ one' and all(isinstance(r['ms'], (int, float)) for r in d['revisions']) and 'error' not in d"
expect_secret_hidden
expect_ok dbtool upgrade --format json
expect_json "d['from'] == 'p02' and d['to'] == 'p03' and [r['id'] for r in d['revisions']] == ['p03']"
expect_ok dbtool upgrade --format json
expect_json "d['from'] == 'p03' and d['to'] == 'p03' and d['revisions'] == []"
expect_stderr_eq "already at head: nothing to upgrade"
expect_ok dbtool --format json downgrade p01
expect_json "d['from'] == 'p03' and d['to'] == 'p01' and [r['id'] for r in d['revisions']] == ['p03', 'p02']"
# A failure: the revisions run before it, and the error.
new_revision p04 p03 "fails" "CREATE TABLE t4 (id INTEGER PRIMARY KEY);
INSERT INTO nope VALUES (1);" "DROP TABLE t4;" >/dev/null
expect_fail 1 dbtool --format json upgrade
if [ "$DIALECT" = mariadb ]; then
	expect_json "d['from'] == 'p01' and d['to'] == 'p03' and [r['id'] for r in d['revisions']] == ['p02', 'p03'] and 'upgrade p04 stopped at its statement 2, after 1 committed' in d['error']"
	expect_stderr_contains "dbtool: error: upgrade p04 stopped at its statement 2, after 1 committed"
else
	expect_json "d['from'] == 'p01' and d['to'] == 'p03' and [r['id'] for r in d['revisions']] == ['p02', 'p03'] and 'upgrade p04 failed' in d['error']"
	expect_stderr_contains "dbtool: error: upgrade p04 failed"
fi
undo_p04
rm -f migrations/versions/p04_x.sql
expect_fail 2 dbtool --format json upgrade --sql
expect_error_line

# migrate: the file and its changes, or null.
# (the revisions made t1 and t2 by hand, their keys without identity)
cat >schema.sql <<'EOF'
CREATE TABLE t1 (id INTEGER PRIMARY KEY, -- dbtool: no-autoincrement
  name VARCHAR(20) NOT NULL);
CREATE INDEX ix_t1_name ON t1 (name);
CREATE TABLE t2 (id INTEGER PRIMARY KEY -- dbtool: no-autoincrement
);
EOF
expect_ok dbtool --format json migrate -m "nothing"
expect_json "d['path'] is None and d['changes'] == []"
expect_stderr_contains "nothing to do"
cat >>schema.sql <<'EOF'
CREATE TABLE t3 (id INTEGER PRIMARY KEY, note TEXT);
EOF
expect_ok dbtool migrate --format json -m "t3"
expect_json "d['path'].startswith('migrations/versions/') and d['path'].endswith('_t3.sql') and d['changes'] == ['+ table t3'] and d['warnings'] == []"
NEW=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["path"])' "$OUT")
expect_eq "$(test -f "$NEW" && echo yes)" yes "the file migrate names in JSON exists"
expect_secret_hidden

finish
