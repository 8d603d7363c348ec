#!/bin/bash
#
# test_sqlite_declared.sh - SQLite's keys and indexes as declared (issue
# 8): a database made by hand with sqlite3, whose `.schema` output is the
# model unchanged, agrees with it (`check` exits 0, `migrate` writes
# nothing), and the same model carries an empty database through
# migrate, upgrade, check, downgrade -1 and upgrade, rows kept.  The forms:
# `id INT PRIMARY KEY` and `id BIGINT PRIMARY KEY`, which the
# auto-increment rule makes the rowid alias when dbtool makes the table
# but which agree as SQLite made them by hand; `INTEGER PRIMARY KEY
# DESC`, which is no rowid alias (while `PRIMARY KEY (id DESC)` is one);
# keys and indexes whose columns have a collation of their own.
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_sqlite_declared.sh sqlite

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [ "${1:-}" != sqlite ]; then
	echo "Bail out! test_sqlite_declared.sh runs on sqlite"
	exit 1
fi

# The tables, as a user writes them for sqlite3.
HAND_SQL="CREATE TABLE accounts (id INT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE events (id BIGINT PRIMARY KEY, at DATETIME, account INT REFERENCES accounts (id));
CREATE TABLE tickets (id INTEGER PRIMARY KEY DESC, title TEXT);
CREATE TABLE seats (id INTEGER, row_no INT, PRIMARY KEY (id DESC));
CREATE TABLE people (id INTEGER PRIMARY KEY, email TEXT, nick TEXT, code TEXT,
  UNIQUE (email COLLATE NOCASE), UNIQUE (nick COLLATE NOCASE DESC), UNIQUE (code, nick COLLATE RTRIM));
CREATE TABLE tags (name TEXT, lang TEXT COLLATE NOCASE, PRIMARY KEY (name COLLATE NOCASE, lang));
CREATE INDEX ix_people_nick ON people (nick COLLATE NOCASE);
CREATE INDEX ix_tags_lang ON tags (lang COLLATE NOCASE DESC, name);
CREATE INDEX ix_tags_name ON tags (name COLLATE BINARY, lang COLLATE NOCASE);"

ROWS_SQL="INSERT INTO accounts (id, name) VALUES (1, 'ada'), (2, 'bob');
INSERT INTO events (id, at, account) VALUES (10, '2026-01-01', 1);
INSERT INTO tickets (id, title) VALUES (5, 'five'), (NULL, 'no id');
INSERT INTO seats (row_no) VALUES (3);
INSERT INTO people (email, nick, code) VALUES ('A@x.org', 'Al', 'c1');
INSERT INTO tags (name, lang) VALUES ('Red', 'en');"

ROWS_QUERY="SELECT group_concat(v, ';') FROM (
  SELECT 'a' || id || name AS v FROM accounts
  UNION ALL SELECT 'e' || id || at || account FROM events
  UNION ALL SELECT 't' || ifnull(id, 'null') || title FROM tickets
  UNION ALL SELECT 's' || id || row_no FROM seats
  UNION ALL SELECT 'p' || id || email || nick || code FROM people
  UNION ALL SELECT 'g' || name || lang FROM tags ORDER BY 1)"

# ------------------------------------------------ a database made by hand

setup_db sqlite
expect_ok dbtool init
sqlite3 "$DB_FILE" "$HAND_SQL"
sqlite3 "$DB_FILE" "$ROWS_SQL"
sqlite3 "$DB_FILE" .schema >schema.sql
agrees "the .schema of a database made by hand"

expect_eq "$(sql_value "SELECT group_concat(name || ':' || type || ':' || \"notnull\", ' ') FROM pragma_table_info('accounts')")" \
	"id:INT:0 name:TEXT:1" "accounts.id is INT as made by hand, no rowid alias"
expect_eq "$(sql_value "SELECT count(*) FROM tickets WHERE id IS NULL")" 1 \
	"tickets.id INTEGER PRIMARY KEY DESC is no rowid alias: it holds NULL"

# What the model says beyond the declared type still counts.
sed -i 's/^CREATE TABLE accounts (id INT PRIMARY KEY,/CREATE TABLE accounts (id INT PRIMARY KEY NOT NULL,/' schema.sql
expect_fail 1 dbtool check
expect_stdout_eq "~ column accounts.id INT -> INTEGER
~ column accounts.id NULL -> NOT NULL"
sqlite3 "$DB_FILE" .schema >schema.sql
sed -i 's/UNIQUE (email COLLATE NOCASE)/UNIQUE (email)/' schema.sql
expect_fail 1 dbtool check
expect_stdout_eq "- unique people (email COLLATE nocase)
+ unique people (email)"
sed -i 's/^CREATE TABLE tickets (id INTEGER PRIMARY KEY DESC,/CREATE TABLE tickets (id INTEGER PRIMARY KEY,/' schema.sql
expect_fail 1 dbtool check
expect_stdout_contains "- primary key tickets (id) DESC"

# inspect still writes the hint that keeps a plain key as it is, and its
# model agrees too.
expect_ok dbtool inspect
expect_stdout_contains "id INT, -- dbtool: no-autoincrement"
cp "$OUT" schema.sql
agrees "the model inspect writes"

# A change that rebuilds such a table keeps its key as it is, no rowid
# alias: a row without an id stays so, through the downgrade too.
sqlite3 "$DB_FILE" .schema >schema.sql
sed -i "s/^CREATE TABLE accounts (id INT PRIMARY KEY, name TEXT NOT NULL);/CREATE TABLE accounts (id INT PRIMARY KEY, name TEXT NOT NULL CHECK (name <> ''));/" schema.sql
sql_value "INSERT INTO accounts (id, name) VALUES (NULL, 'nobody')" >/dev/null
expect_ok dbtool migrate -m "accounts check"
expect_stderr_contains "+ check accounts (name <> '')"
expect_ok dbtool upgrade
agrees "after the rebuild"
expect_eq "$(sql_value "SELECT type || ':' || (SELECT count(*) FROM accounts WHERE id IS NULL) FROM pragma_table_info('accounts') WHERE name = 'id'")" \
	"INT:1" "the rebuilt accounts keeps its INT key and the row without an id"
expect_ok dbtool downgrade -1
expect_eq "$(sql_value "SELECT type || ':' || (SELECT count(*) FROM accounts WHERE id IS NULL) FROM pragma_table_info('accounts') WHERE name = 'id'")" \
	"INT:1" "the downgrade keeps them too"

# ------------------------------------------- the same model, from nothing

setup_db sqlite
expect_ok dbtool init
sqlite3 "$WORK/hand.db" "$HAND_SQL"
sqlite3 "$WORK/hand.db" .schema >schema.sql
expect_ok dbtool migrate -m "create"
expect_ok dbtool upgrade
agrees "after upgrade"
expect_eq "$(sql_value "SELECT type FROM pragma_table_info('accounts') WHERE name = 'id'")" INTEGER \
	"accounts.id INT PRIMARY KEY is the rowid alias when dbtool makes the table"
expect_eq "$(sql_value "SELECT sql LIKE '%PRIMARY KEY DESC%' FROM sqlite_master WHERE name = 'tickets'")" 1 \
	"tickets keeps its PRIMARY KEY DESC"
expect_eq "$(sql_value "SELECT count(*) FROM sqlite_master WHERE name = 'people' AND sql LIKE '%UNIQUE (email COLLATE NOCASE)%'")" 1 \
	"people's unique key keeps its collation"
sql_value "INSERT INTO accounts (id, name) VALUES (1, 'ada'), (2, 'bob');
INSERT INTO events (id, at, account) VALUES (10, '2026-01-01', 1);
INSERT INTO tickets (id, title) VALUES (5, 'five'), (NULL, 'no id');
INSERT INTO seats (row_no) VALUES (3);
INSERT INTO people (email, nick, code) VALUES ('A@x.org', 'Al', 'c1');
INSERT INTO tags (name, lang) VALUES ('Red', 'en');" >/dev/null
expect_eq "$(sql_value "INSERT OR IGNORE INTO people (email) VALUES ('a@X.ORG'); SELECT count(*) FROM people")" 1 \
	"the key's NOCASE refuses an email that differs only in case"
rows=$(sql_value "$ROWS_QUERY")
expect_eq "$rows" "a1ada;a2bob;e102026-01-011;gReden;p1A@x.orgAlc1;s13;t5five;tnullno id" \
	"the rows are in"

# A change to the table with PRIMARY KEY DESC rebuilds it, rows kept;
# downgrade and upgrade keep them too.
sed -i 's/^CREATE TABLE tickets (id INTEGER PRIMARY KEY DESC, title TEXT)/CREATE TABLE tickets (id INTEGER PRIMARY KEY DESC, title TEXT, note TEXT)/' schema.sql
expect_ok dbtool migrate -m "ticket notes"
expect_ok dbtool upgrade
agrees "after the second upgrade"
expect_eq "$(sql_value "$ROWS_QUERY")" "$rows" "the rows are kept by the upgrade"
expect_ok dbtool downgrade -1
expect_eq "$(sql_value "$ROWS_QUERY")" "$rows" "the rows are kept by the downgrade"
expect_ok dbtool upgrade
agrees "after upgrading again"
expect_eq "$(sql_value "$ROWS_QUERY")" "$rows" "the rows are kept by the upgrade again"
expect_eq "$(sql_value "PRAGMA integrity_check")" ok "the database is sound"

finish
