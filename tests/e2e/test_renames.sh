#!/bin/bash
#
# test_renames.sh - renames keep data, on one dialect.  The model says
# "-- renamed from: OLD" on the line before a table or a column; migrate
# then renames (ALTER TABLE ... RENAME TO / RENAME COLUMN) instead of
# dropping and adding, also when the renamed column changes type and the
# renamed table has other changes, with an index, a unique constraint, a
# check, foreign keys in and out and a view attached.  Upgrade and downgrade keep
# the rows; check exits 0 after each (the hint, still in the model, is
# then inert) and migrate writes nothing more.  A hint whose old name the
# database lacks is ignored; one whose old name the model still declares
# is an error naming the model's line and writes nothing; create-all
# refuses a table the model renames.  A drop and an
# add that look like a rename bring a question on a terminal, whose answer
# decides, and a warning elsewhere and with --no-input.  sqldef's form of
# the hint ("@renamed from=OLD" in either comment style, trailing or on
# the line before) renames tables, columns and an index (in place on
# PostgreSQL and MariaDB, dropped and made on SQLite), rows kept.
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_renames.sh sqlite|postgres|mariadb

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_db "$1"

expect_ok dbtool init

MODEL_A='CREATE TABLE users (
    id SERIAL PRIMARY KEY,
    name VARCHAR(50) NOT NULL,
    email VARCHAR(100) UNIQUE,
    age INTEGER CHECK (age >= 0)
);
CREATE INDEX ix_users_name ON users (name);
CREATE TABLE posts (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    title TEXT
);
CREATE INDEX ix_posts_user ON posts (user_id);
CREATE TABLE likes (
    post_id INTEGER NOT NULL REFERENCES posts (id),
    n INTEGER
);
CREATE VIEW adults AS SELECT id, name FROM users WHERE age >= 18;'

# users becomes people, its name becomes full_name and longer, its age
# becomes years (the check follows); posts.user_id becomes author_id,
# which references people; likes gains a column.
MODEL_B='-- renamed from: users
CREATE TABLE people (
    id SERIAL PRIMARY KEY,
    -- renamed from: name
    full_name VARCHAR(80) NOT NULL,
    email VARCHAR(100) UNIQUE,
    -- renamed from: age
    years INTEGER CHECK (years >= 0)
);
CREATE INDEX ix_users_name ON people (full_name);
CREATE TABLE posts (
    id INTEGER PRIMARY KEY,
    -- renamed from: user_id
    author_id INTEGER NOT NULL REFERENCES people (id),
    title TEXT
);
CREATE INDEX ix_posts_user ON posts (author_id);
CREATE TABLE likes (
    post_id INTEGER NOT NULL REFERENCES posts (id),
    n INTEGER,
    -- renamed from: nothing_like_it
    note TEXT
);
CREATE VIEW adults AS SELECT id, full_name FROM people WHERE years >= 18;'

revisions() {
	ls migrations/versions | wc -l | tr -d ' '
}

printf '%s\n' "$MODEL_A" >schema.sql
expect_ok dbtool migrate -m init
expect_ok dbtool upgrade
sql_value "INSERT INTO users (id, name, email, age) VALUES (1, 'ann', 'ann@example.org', 30), (2, 'bob', NULL, 41);
	INSERT INTO posts (id, user_id, title) VALUES (10, 1, 'hello'), (11, 2, 'again');
	INSERT INTO likes (post_id, n) VALUES (10, 5)" >/dev/null

printf '%s\n' "$MODEL_B" >schema.sql
# create-all neither renames (a migration's work) nor creates the renamed
# table beside the old one: it refuses, naming both, and changes nothing.
BEFORE=$(snapshot)
expect_fail 1 dbtool create-all
expect_error_line
expect_stderr_contains "table 'people' is declared renamed from 'users', which the database has: 'dbtool migrate' writes the rename; create-all only creates"
expect_eq "$(snapshot)" "$BEFORE" "create-all with a rename to make changes nothing"
expect_fail 1 dbtool check
expect_stdout_contains "~ table people renamed from users"
expect_stdout_contains "~ column people.full_name renamed from name"
expect_stdout_contains "~ column posts.author_id renamed from user_id"

expect_ok dbtool migrate -m rename
REV=$(cat "$OUT")
expect_eq "$(revisions)" 2 "migrate writes one revision"
expect_eq "$(grep -c '^ALTER TABLE users RENAME TO people;' "$REV")" 1 "the upgrade renames the table"
expect_eq "$(grep -c 'RENAME COLUMN name TO full_name;' "$REV")" 1 "the upgrade renames the column"
expect_eq "$(grep -c 'RENAME COLUMN user_id TO author_id;' "$REV")" 1 "and the referencing column"
expect_eq "$(grep -c '^ALTER TABLE people RENAME TO users;' "$REV")" 1 "the downgrade renames the table back"
expect_eq "$(grep -c 'RENAME COLUMN full_name TO name;' "$REV")" 1 "and the column"
expect_eq "$(grep -ciE 'DROP (TABLE|COLUMN) ("?)(users|name|age|user_id)' "$REV")" 0 \
	"nothing renamed is dropped"
expect_stderr_not_contains "drops"

expect_ok dbtool upgrade
expect_eq "$(sql_value 'SELECT id, full_name, email, years FROM people ORDER BY id')" \
	"1|ann|ann@example.org|30
2|bob||41" "upgrade keeps the renamed table's rows"
expect_eq "$(sql_value 'SELECT id, author_id, title FROM posts ORDER BY id')" \
	"10|1|hello
11|2|again" "and the renamed column's values"
expect_eq "$(sql_value 'SELECT post_id, n, note FROM likes')" "10|5|" "the hint with an absent old name adds the column"
expect_eq "$(sql_value 'SELECT id, full_name FROM adults ORDER BY id')" "1|ann
2|bob" "the view on the renamed table shows its rows"
expect_ok dbtool check
expect_ok dbtool migrate -m again
expect_stderr_contains "nothing to do"
expect_eq "$(revisions)" 2 "migrate writes nothing after the renames"

# refused SQL WHY: the database refuses the statement.
refused() {
	local pragma=
	[ "$DIALECT" = sqlite ] && pragma='PRAGMA foreign_keys = ON; '
	if sql_value "$pragma$1" >/dev/null 2>&1; then
		fail "$2" "the database accepted: $1"
	else
		pass "$2"
	fi
}

# The constraints still work under the new names.
refused "INSERT INTO posts (id, author_id) VALUES (12, 99)" "the renamed foreign key still holds"
refused "INSERT INTO people (id, full_name, years) VALUES (3, 'cy', -1)" "the check follows the renamed column"
refused "INSERT INTO people (id, full_name, email) VALUES (3, 'cy', 'ann@example.org')" \
	"the unique constraint holds on the renamed table"
if [ "$DIALECT" = postgres ]; then
	# The rows above gave their ids: the sequence, found through the
	# renamed table, starts after them.
	expect_ok sql_value "SELECT setval(pg_get_serial_sequence('people', 'id'), 2)"
	expect_ok sql_value "INSERT INTO people (full_name) VALUES ('dee')"
	expect_eq "$(sql_value "SELECT count(*) FROM people WHERE full_name = 'dee' AND id IS NOT NULL")" 1 \
		"the renamed table's serial column still numbers rows"
	sql_value "DELETE FROM people WHERE full_name = 'dee'" >/dev/null
fi

expect_ok dbtool downgrade -1
expect_eq "$(sql_value 'SELECT id, name, email, age FROM users ORDER BY id')" \
	"1|ann|ann@example.org|30
2|bob||41" "downgrade renames back and keeps the rows"
expect_eq "$(sql_value 'SELECT id, user_id, title FROM posts ORDER BY id')" \
	"10|1|hello
11|2|again" "and the values of the column renamed back"
expect_eq "$(sql_value 'SELECT id, name FROM adults ORDER BY id')" "1|ann
2|bob" "the view is back on the old names"
mv "$REV" "$WORK/rename.sql"
printf '%s\n' "$MODEL_A" >schema.sql
expect_ok dbtool check
mv "$WORK/rename.sql" "$REV"
printf '%s\n' "$MODEL_B" >schema.sql
expect_ok dbtool upgrade
expect_ok dbtool check
expect_eq "$(sql_value 'SELECT count(*) FROM people')" 2 "upgrading again keeps the rows"

# Renames the model does not hint.  likes.note becomes remark: on a
# terminal (script(1) gives dbtool one) migrate asks, and the answer
# decides; elsewhere, and with --no-input, it warns instead.

# on_terminal ANSWER ARGS...: dbtool ARGS on a terminal, ANSWER typed in;
# output (the terminal's, both streams) in $OUT, without colour (NO_COLOR),
# so that the text reads as it does elsewhere.
on_terminal() {
	local answer=$1
	shift
	LAST_CMD="dbtool $* (on a terminal, answering '$answer')"
	printf '%s\n' "$answer" | NO_COLOR=1 timeout -k 5 "${DBTOOL_E2E_TIMEOUT:-120}" \
		script -qec "$(printf '%q ' "$DBTOOL" "$@")" /dev/null >"$OUT" 2>"$ERR"
	STATUS=$?
}

# latest: the newest revision file, which a test then removes.
latest() {
	ls -t migrations/versions/*.sql | head -1
}

printf '%s\n' "$MODEL_B" | sed 's/^    note TEXT$/    remark TEXT/' >schema.sql
WARNING="column likes.note dropped and likes.remark added: if this is a rename, add '-- renamed from: note' before remark in the model"
expect_ok dbtool migrate -m not_asked
expect_stderr_contains "warning: $WARNING"
expect_stderr_not_contains "[y/N]"
expect_eq "$(grep -c 'DROP COLUMN note;' "$(latest)")" 1 "off a terminal, the unhinted rename is a drop and an add"
rm -f "$(latest)"

on_terminal y migrate -m no_input --no-input
expect_eq "$STATUS" 0 "migrate --no-input on a terminal succeeds"
expect_stdout_contains "warning: $WARNING"
expect_stderr_not_contains "[y/N]"
expect_eq "$(grep -c 'RENAME COLUMN' "$(latest)")" 0 "--no-input never asks, even on a terminal"
rm -f "$(latest)"

on_terminal n migrate -m answered_no
expect_stdout_contains "rename column likes.note → remark? [y/N]"
expect_eq "$(grep -c 'DROP COLUMN note;' "$(latest)")" 1 "answering N gives a drop and an add"
rm -f "$(latest)"

on_terminal y revision --autogenerate -m answered_yes
expect_stdout_contains "rename column likes.note → remark? [y/N]"
expect_eq "$(grep -c 'RENAME COLUMN note TO remark;' "$(latest)")" 1 "answering y gives a rename"
expect_eq "$(grep -c 'DROP COLUMN' "$(latest)")" 0 "and no drop"
expect_ok dbtool upgrade
expect_eq "$(sql_value 'SELECT post_id, n FROM likes')" "10|5" "the answered rename keeps the rows"
expect_ok dbtool check
expect_ok dbtool migrate -m after_answer
expect_stderr_contains "nothing to do"

# A table dropped and one with the same columns created.
printf '%s\n' "$MODEL_B" | sed -e 's/^    note TEXT$/    remark TEXT/' -e 's/^CREATE TABLE likes (/CREATE TABLE favs (/' >schema.sql
on_terminal y migrate -m table_answered_yes
expect_stdout_contains "rename table likes → favs? [y/N]"
expect_eq "$(grep -c 'ALTER TABLE likes RENAME TO favs;' "$(latest)")" 1 "answering y renames the table"
expect_ok dbtool upgrade
expect_eq "$(sql_value 'SELECT post_id, n FROM favs')" "10|5" "the renamed table keeps its rows"
expect_ok dbtool check
expect_ok dbtool downgrade -1
expect_eq "$(sql_value 'SELECT post_id, n FROM likes')" "10|5" "and gets them back under the old name"
expect_ok dbtool upgrade
printf '%s\n' "$MODEL_B" >schema.sql

# A hint whose old name the model still declares: an error at its line.
printf '%s\n%s\n' "$MODEL_B" 'CREATE TABLE users (id INTEGER PRIMARY KEY);' >schema.sql
BEFORE=$(snapshot)
expect_fail 1 dbtool migrate -m bad
expect_error_line
expect_stderr_contains "schema.sql:1:18: table 'people' is renamed from 'users', which the model still declares at line 25"
expect_eq "$(snapshot)" "$BEFORE" "the refused hint changes nothing"
printf '%s\n' "$MODEL_B" | sed 's/    email VARCHAR(100) UNIQUE,/    email VARCHAR(100) UNIQUE,\n    name TEXT,/' >schema.sql
expect_fail 1 dbtool check
expect_stderr_contains "schema.sql:4:22: column 'people.full_name' is renamed from 'name', which the model still declares at line 7"

# sqldef's form of the hint, "@renamed from=OLD", in either comment style,
# on the declaration's own line or alone on the line before, for a table
# (a quoted old name too), columns (one of them changing type) and an
# index: renames that keep the rows both ways.
printf '%s\n' "$MODEL_B" >schema.sql
OLD_TABLES='CREATE TABLE user_accounts (
    id INTEGER PRIMARY KEY,
    username VARCHAR(40),
    score INTEGER
);
CREATE INDEX old_idx ON user_accounts (score);
CREATE TABLE "old things" (id INTEGER PRIMARY KEY, label TEXT);'
NEW_TABLES='CREATE TABLE members ( -- @renamed from=user_accounts
    id INTEGER PRIMARY KEY,
    user_name VARCHAR(80), -- @renamed from=username
    points BIGINT /* @renamed from=score */
);
CREATE INDEX new_idx /* @renamed from=old_idx */ ON members (points);
/* @renamed from="old things" */
CREATE TABLE things (
    id INTEGER PRIMARY KEY,
    -- @renamed from=label
    title TEXT
);'
printf '%s\n%s\n' "$MODEL_B" "$OLD_TABLES" >schema.sql
expect_ok dbtool migrate -m old_tables
expect_ok dbtool upgrade
Q_THINGS='"old things"'
[ "$DIALECT" = mariadb ] && Q_THINGS='`old things`'
sql_value "INSERT INTO user_accounts (id, username, score) VALUES (1, 'ann', 7), (2, 'bob', 9);
	INSERT INTO $Q_THINGS (id, label) VALUES (5, 'lamp')" >/dev/null
printf '%s\n%s\n' "$MODEL_B" "$NEW_TABLES" >schema.sql
expect_ok dbtool migrate -m sqldef_hints
REV=$(cat "$OUT")
expect_eq "$(grep -c '^ALTER TABLE user_accounts RENAME TO members;' "$REV")" 1 "the upgrade renames the hinted table"
expect_eq "$(grep -c 'RENAME TO things;' "$REV")" 1 "and the one whose old name is quoted"
expect_eq "$(grep -c 'RENAME COLUMN username TO user_name;' "$REV")" 1 "and the column hinted on its own line"
expect_eq "$(grep -c 'RENAME COLUMN score TO points;' "$REV")" 1 "and the one whose type changes"
expect_eq "$(grep -c 'RENAME COLUMN label TO title;' "$REV")" 1 "and the one hinted on the line before"
case "$DIALECT" in
postgres) expect_eq "$(grep -c '^ALTER INDEX old_idx RENAME TO new_idx;' "$REV")" 1 "PostgreSQL renames the index" ;;
mariadb) expect_eq "$(grep -c '^ALTER TABLE members RENAME INDEX old_idx TO new_idx;' "$REV")" 1 "MariaDB renames the index" ;;
sqlite) expect_eq "$(grep -c '^DROP INDEX old_idx;' "$REV")" 1 "SQLite drops the index to make it under its new name" ;;
esac
expect_eq "$(grep -ciE 'DROP (TABLE|COLUMN) ["`]?(user_accounts|username|score|label|old things)' "$REV")" 0 \
	"nothing renamed is dropped"
expect_ok dbtool upgrade
expect_eq "$(sql_value 'SELECT id, user_name, points FROM members ORDER BY id')" "1|ann|7
2|bob|9" "the hinted renames keep the rows"
expect_eq "$(sql_value 'SELECT id, title FROM things')" "5|lamp" "and those of the table with a quoted old name"
expect_ok dbtool check
expect_ok dbtool migrate -m after_sqldef_hints
expect_stderr_contains "nothing to do"
expect_ok dbtool downgrade -1
expect_eq "$(sql_value 'SELECT id, username, score FROM user_accounts ORDER BY id')" "1|ann|7
2|bob|9" "the downgrade renames back and keeps the rows"
expect_eq "$(sql_value "SELECT id, label FROM $Q_THINGS")" "5|lamp" "in the quoted table too"
expect_ok dbtool upgrade
expect_ok dbtool check

# sqldef's hint naming a column the model still declares: an error at the
# hint.
printf '%s\n%s\n' "$MODEL_B" "$NEW_TABLES" | sed '/^CREATE TABLE members/{n;s/,$/, username TEXT,/}' >schema.sql
BEFORE=$(snapshot)
expect_fail 1 dbtool migrate -m bad_sqldef_hint
expect_error_line
expect_stderr_contains "schema.sql:27:45: column 'members.user_name' is renamed from 'username', which the model still declares at line 26"
expect_eq "$(snapshot)" "$BEFORE" "the refused hint changes nothing"
printf '%s\n%s\n' "$MODEL_B" "$NEW_TABLES" >schema.sql

finish
