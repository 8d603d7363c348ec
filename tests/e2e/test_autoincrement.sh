#!/bin/bash
#
# test_autoincrement.sh - the auto-increment rule on one dialect: a sole
# INTEGER or BIGINT primary key without a default gets its values from the
# database (`INSERT INTO users (name)` works after `upgrade`), `check`
# exits 0 and `migrate` writes nothing right after, for tables with and
# without the rule; the hint `-- dbtool: no-autoincrement` opts a column
# out; and a column that gains or loses auto-increment, or goes from
# SERIAL to identity and back, keeps its rows, and the next row gets an id
# after the largest one.
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_autoincrement.sh sqlite|postgres

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_db "$1"

expect_ok dbtool init

# migrate_up MESSAGE: a revision from the model, applied; then the
# database and the model agree and there is nothing more to write.
migrate_up() {
	expect_ok dbtool migrate -m "$1"
	expect_ok dbtool upgrade
	expect_ok dbtool check
	expect_ok dbtool migrate -m "nothing"
	expect_stderr_contains "nothing to do"
}

cat >schema.sql <<'EOF'
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL
);
CREATE TABLE events (
    id BIGINT PRIMARY KEY,
    what TEXT
);
CREATE TABLE codes (
    code INTEGER NOT NULL PRIMARY KEY, -- dbtool: no-autoincrement
    label TEXT
);
CREATE TABLE tags (
    name VARCHAR(20) PRIMARY KEY
);
CREATE TABLE profiles (
    user_id INTEGER PRIMARY KEY REFERENCES users (id),
    bio TEXT
);
CREATE TABLE legacy (
    id BIGINT NOT NULL PRIMARY KEY -- dbtool: no-autoincrement
    , v TEXT
);
CREATE TABLE counters (
    id SERIAL PRIMARY KEY,
    n INTEGER
);
EOF
migrate_up "create"
expect_eq "$(sql_value "INSERT INTO users (name) VALUES ('ada'); INSERT INTO users (name) VALUES ('bob'); SELECT id || ':' || name FROM users ORDER BY id")" \
	"1:ada
2:bob" "INSERT INTO users (name) gives ids"
expect_eq "$(sql_value "INSERT INTO events (what) VALUES ('x'); SELECT id FROM events")" 1 \
	"a BIGINT key gets ids too"
expect_eq "$(sql_value "INSERT INTO counters (n) VALUES (7); SELECT id FROM counters")" 1 \
	"SERIAL still gets ids"

# Opted out, a key without a value is refused (NOT NULL); with one it is kept.
run_cmd sql_value "INSERT INTO legacy (v) VALUES ('no id')"
expect_eq "$([ "$STATUS" != 0 ] && echo refused)" refused "legacy (opted out) takes no row without an id"
expect_eq "$(sql_value "INSERT INTO legacy (id, v) VALUES (1, 'a'); INSERT INTO legacy (id, v) VALUES (5, 'b'); SELECT count(*) FROM legacy")" \
	2 "legacy takes rows with ids"
if [ "$DIALECT" = postgres ]; then
	run_cmd sql_value "INSERT INTO codes (label) VALUES ('no code')"
	expect_eq "$STATUS" 1 "codes (opted out) takes no row without a code on PostgreSQL"
	run_cmd sql_value "INSERT INTO profiles (bio) VALUES ('no user')"
	expect_eq "$STATUS" 1 "a key that is a foreign key is not auto-incremented"
	expect_eq "$(sql_value "SELECT column_name || ':' || is_identity FROM information_schema.columns WHERE table_name IN ('users', 'events', 'codes', 'legacy') AND column_name IN ('id', 'code') ORDER BY table_name")" \
		"code:NO
id:YES
id:NO
id:YES" "identity exactly where the rule applies"
else
	expect_eq "$(sql_value "SELECT type FROM pragma_table_info('events') WHERE name = 'id'")" INTEGER \
		"a BIGINT key is the rowid alias (INTEGER) on SQLite"
	expect_eq "$(sql_value "SELECT type FROM pragma_table_info('legacy') WHERE name = 'id'")" BIGINT \
		"an opted-out BIGINT key stays BIGINT on SQLite"
fi

# The hint where the rule does not apply is an error at its place.
cp schema.sql "$WTMP/schema.sql"
sed -i 's/name VARCHAR(20) PRIMARY KEY/name VARCHAR(20) PRIMARY KEY -- dbtool: no-autoincrement/' schema.sql
expect_fail 1 dbtool check
expect_error_line
expect_stderr_contains "schema.sql:14:5: column 'tags.name' has the hint '-- dbtool: no-autoincrement'"
cp "$WTMP/schema.sql" schema.sql
sed -i 's/name TEXT NOT NULL/name TEXT NOT NULL -- dbtool: no-autoincremnet/' schema.sql
expect_fail 1 dbtool check
expect_error_line
expect_stderr_contains "schema.sql:3:24: unknown hint '-- dbtool: no-autoincremnet' for column 'name'"
cp "$WTMP/schema.sql" schema.sql

# legacy gains auto-increment: its rows stay, the next id follows them.
sed -i 's/id BIGINT NOT NULL PRIMARY KEY -- dbtool: no-autoincrement/id BIGINT NOT NULL PRIMARY KEY/' schema.sql
migrate_up "legacy auto-increments"
expect_eq "$(sql_value "INSERT INTO legacy (v) VALUES ('c'); SELECT id || ':' || v FROM legacy ORDER BY id")" \
	"1:a
5:b
6:c" "legacy kept its rows and gives the next id"

# counters goes from SERIAL to the rule's identity, and back.
sed -i 's/id SERIAL PRIMARY KEY/id INTEGER PRIMARY KEY/' schema.sql
migrate_up "counters by identity"
expect_eq "$(sql_value "INSERT INTO counters (n) VALUES (8); SELECT id || ':' || n FROM counters ORDER BY id")" \
	"1:7
2:8" "counters kept its rows and gives the next id"
expect_ok dbtool downgrade -1
expect_eq "$(sql_value "INSERT INTO counters (n) VALUES (9); SELECT id || ':' || n FROM counters ORDER BY id")" \
	"1:7
2:8
3:9" "back to SERIAL: rows kept, next id given"
expect_ok dbtool upgrade

# legacy loses auto-increment again: rows stay, a row needs its id.
sed -i 's/id BIGINT NOT NULL PRIMARY KEY/id BIGINT NOT NULL PRIMARY KEY -- dbtool: no-autoincrement/' schema.sql
migrate_up "legacy by hand"
expect_eq "$(sql_value "SELECT count(*) FROM legacy")" 3 "legacy kept its rows"
run_cmd sql_value "INSERT INTO legacy (v) VALUES ('d')"
expect_eq "$([ "$STATUS" != 0 ] && echo refused)" refused "legacy takes no row without an id again"

# Down to base and up again, rows of the first revision aside.
expect_ok dbtool downgrade base
expect_ok dbtool upgrade
expect_ok dbtool check
expect_eq "$(sql_value "INSERT INTO users (name) VALUES ('cy'); SELECT id FROM users")" 1 \
	"after base and back, users gives ids"

finish
