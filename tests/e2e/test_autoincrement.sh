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
# usage: DBTOOL=build/dbtool bash tests/e2e/test_autoincrement.sh sqlite|postgres|mariadb

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_db "$1"

expect_ok dbtool init

# id_and COLUMN: SQL for "id:COLUMN" (MariaDB's || is OR, not concatenation).
id_and() {
	if [ "$DIALECT" = mariadb ]; then
		echo "CONCAT(id, ':', $1)"
	else
		echo "id || ':' || $1"
	fi
}

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
expect_eq "$(sql_value "INSERT INTO users (name) VALUES ('ada'); INSERT INTO users (name) VALUES ('bob'); SELECT $(id_and name) FROM users ORDER BY id")" \
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
case "$DIALECT" in
postgres)
	run_cmd sql_value "INSERT INTO codes (label) VALUES ('no code')"
	expect_eq "$STATUS" 1 "codes (opted out) takes no row without a code on PostgreSQL"
	run_cmd sql_value "INSERT INTO profiles (bio) VALUES ('no user')"
	expect_eq "$STATUS" 1 "a key that is a foreign key is not auto-incremented"
	expect_eq "$(sql_value "SELECT column_name || ':' || is_identity FROM information_schema.columns WHERE table_name IN ('users', 'events', 'codes', 'legacy') AND column_name IN ('id', 'code') ORDER BY table_name")" \
		"code:NO
id:YES
id:NO
id:YES" "identity exactly where the rule applies"
	;;
mariadb)
	# MariaDB's strict mode refuses a NOT NULL column left without a value.
	run_cmd sql_value "INSERT INTO codes (label) VALUES ('no code')"
	expect_eq "$([ "$STATUS" != 0 ] && echo refused)" refused "codes (opted out) takes no row without a code on MariaDB"
	run_cmd sql_value "INSERT INTO profiles (bio) VALUES ('no user')"
	expect_eq "$([ "$STATUS" != 0 ] && echo refused)" refused "a key that is a foreign key is not auto-incremented"
	expect_eq "$(sql_value "SELECT CONCAT(table_name, '.', column_name, ':', column_type, ':', extra) FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name IN ('users', 'events', 'codes', 'legacy', 'profiles') AND column_key = 'PRI' ORDER BY table_name")" \
		"codes.code:int(11):
events.id:bigint(20):auto_increment
legacy.id:bigint(20):
profiles.user_id:int(11):
users.id:int(11):auto_increment" "AUTO_INCREMENT exactly where the rule applies"
	;;
*)
	expect_eq "$(sql_value "SELECT type FROM pragma_table_info('events') WHERE name = 'id'")" INTEGER \
		"a BIGINT key is the rowid alias (INTEGER) on SQLite"
	expect_eq "$(sql_value "SELECT type FROM pragma_table_info('legacy') WHERE name = 'id'")" BIGINT \
		"an opted-out BIGINT key stays BIGINT on SQLite"
	;;
esac

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

# Without the hint, legacy's key meets the rule; but an identity the rule
# gives leaves a key the database made without one as it is (on SQLite:
# a BIGINT key that is no rowid alias; on PostgreSQL and MariaDB: one
# without identity): nothing to do, so that existing databases keep
# agreeing with their models.  Asked for in words, the identity (MariaDB's
# AUTO_INCREMENT; on SQLite the rowid alias, a key of type INTEGER) is
# added.
sed -i 's/id BIGINT NOT NULL PRIMARY KEY -- dbtool: no-autoincrement/id BIGINT NOT NULL PRIMARY KEY/' schema.sql
expect_ok dbtool check
expect_ok dbtool migrate -m "nothing"
expect_stderr_contains "nothing to do"
if [ "$DIALECT" != sqlite ]; then
	sed -i 's/id BIGINT NOT NULL PRIMARY KEY$/id BIGINT NOT NULL PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY/' schema.sql
else
	sed -i 's/id BIGINT NOT NULL PRIMARY KEY$/id INTEGER NOT NULL PRIMARY KEY/' schema.sql
fi
# legacy gains auto-increment: its rows stay, the next id follows them.
migrate_up "legacy auto-increments"
expect_eq "$(sql_value "INSERT INTO legacy (v) VALUES ('c'); SELECT $(id_and v) FROM legacy ORDER BY id")" \
	"1:a
5:b
6:c" "legacy kept its rows and gives the next id"

# counters goes from SERIAL to an identity, and back.  (On PostgreSQL in
# words: the rule's own identity would leave the SERIAL as it is.)  On
# MariaDB both are the same AUTO_INCREMENT column: there is no revision to
# write either way, and the column keeps giving ids after its rows.
if [ "$DIALECT" = mariadb ]; then
	sed -i 's/id SERIAL PRIMARY KEY/id INTEGER PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY/' schema.sql
	expect_ok dbtool check
	expect_ok dbtool migrate -m "nothing"
	expect_stderr_contains "nothing to do"
	expect_eq "$(sql_value "INSERT INTO counters (n) VALUES (8); SELECT $(id_and n) FROM counters ORDER BY id")" \
		"1:7
2:8" "counters by identity: nothing to write, rows kept, next id given"
	sed -i 's/id INTEGER PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY,$/id SERIAL PRIMARY KEY,/' schema.sql
	expect_ok dbtool check
	expect_ok dbtool migrate -m "nothing"
	expect_stderr_contains "nothing to do"
	expect_eq "$(sql_value "INSERT INTO counters (n) VALUES (9); SELECT $(id_and n) FROM counters ORDER BY id")" \
		"1:7
2:8
3:9" "back to SERIAL: nothing to write, rows kept, next id given"
elif [ "$DIALECT" = postgres ]; then
	sed -i 's/id SERIAL PRIMARY KEY/id INTEGER PRIMARY KEY/' schema.sql
	expect_ok dbtool check
	sed -i 's/id INTEGER PRIMARY KEY,$/id INTEGER PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY,/' schema.sql
else
	sed -i 's/id SERIAL PRIMARY KEY/id INTEGER PRIMARY KEY/' schema.sql
fi
if [ "$DIALECT" != mariadb ]; then
	migrate_up "counters by identity"
	expect_eq "$(sql_value "INSERT INTO counters (n) VALUES (8); SELECT $(id_and n) FROM counters ORDER BY id")" \
		"1:7
2:8" "counters kept its rows and gives the next id"
	expect_ok dbtool downgrade -1
	expect_eq "$(sql_value "INSERT INTO counters (n) VALUES (9); SELECT $(id_and n) FROM counters ORDER BY id")" \
		"1:7
2:8
3:9" "back to SERIAL: rows kept, next id given"
	expect_ok dbtool upgrade
fi

# legacy loses auto-increment again: rows stay, a row needs its id.
sed -i 's/id \(BIGINT\|INTEGER\) NOT NULL PRIMARY KEY\( GENERATED BY DEFAULT AS IDENTITY\)\{0,1\}$/id BIGINT NOT NULL PRIMARY KEY -- dbtool: no-autoincrement/' schema.sql
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
