#!/bin/bash
#
# test_model.sh - the declared model end to end on one dialect: the four
# seed models (users/characters, authors/books, orders/items,
# books/publishers) created with `create-all`, found equal by `check`,
# holding rows as their foreign keys say, and dropped by `drop-all`; then
# create-all run twice and on a database that lacks only an index, a
# foreign-key cycle, `check` refusing a database that is not at head,
# `check` and `create-all` on a malformed or missing model, and
# `check --format json`.
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_model.sh sqlite|postgres|mariadb

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CORPUS=$E2E_DIR/../corpus/schemas

setup_db "$1"

expect_ok dbtool init

# use_model FILE: makes the corpus model FILE the project's model.
use_model() {
	cp "$CORPUS/$1" schema.sql
}

# sql_fk SQL: runs SQL with foreign keys enforced (SQLite enforces them
# only when a connection asks); exit status of the client.
sql_fk() {
	case "$DIALECT" in
	sqlite) sql_value "PRAGMA foreign_keys = ON; $1" ;;
	postgres | mariadb) sql_value "$1" ;;
	esac
}

# expect_sql_ok SQL / expect_sql_fails SQL DESCRIPTION
expect_sql_ok() {
	local out
	if out=$(sql_fk "$1" 2>&1); then
		pass "runs: $1"
	else
		fail "should run: $1" "$out"
	fi
}

expect_sql_fails() {
	local out
	if out=$(sql_fk "$1" 2>&1); then
		fail "$2: should fail: $1" "$out"
	else
		pass "$2: $1 fails"
	fi
}

# expect_model_agrees: check exits 0 and prints no finding.
expect_model_agrees() {
	expect_ok dbtool check
	expect_stdout_eq ""
}

# expect_empty_db: no table left, the version table included.
expect_empty_db() {
	expect_tables ""
}

# --------------------------------------------- users and characters (FK)

use_model 001_users_characters.sql
expect_ok dbtool create-all
expect_stdout_eq ""
expect_stderr_eq "create table users
create table characters
create index ix_characters_user_id"
expect_tables "characters users"
expect_eq "$(indexes | grep -c '^ix_characters_user_id$')" 1 "create-all created the model's index"
expect_model_agrees

expect_sql_ok "INSERT INTO users (id, name, email) VALUES (1, 'ann', 'ann@example.com')"
expect_sql_ok "INSERT INTO characters (id, user_id, name) VALUES (1, 1, 'hero')"
expect_eq "$(sql_value "SELECT level FROM characters WHERE id = 1")" 1 "the column default applies"
expect_sql_fails "INSERT INTO characters (id, user_id, name) VALUES (2, 99, 'ghost')" "a character of no user"
expect_sql_fails "INSERT INTO users (id, name, email) VALUES (2, 'bob', 'ann@example.com')" "a second user with the same email"
expect_sql_fails "INSERT INTO users (id, name, email) VALUES (3, NULL, 'c@example.com')" "a user without a name"
expect_sql_fails "DELETE FROM users WHERE id = 1" "deleting a user who has characters"

# create-all again: nothing to create, nothing changed.
before=$(snapshot_db)
expect_ok dbtool create-all
expect_stderr_not_contains "create "
expect_eq "$(snapshot_db)" "$before" "a second create-all changes nothing"
expect_model_agrees

# An existing table that lacks the model's index: create-all adds just it.
# MariaDB refuses to drop the index that the foreign key on user_id rests
# on, so there the missing index is one the model adds.
if [ "$DIALECT" = mariadb ]; then
	expect_sql_fails "DROP INDEX ix_characters_user_id ON characters" "dropping the index a foreign key needs"
	expect_model_agrees
	printf 'CREATE INDEX ix_users_name ON users (name);\n' >>schema.sql
	expect_fail 1 dbtool check
	expect_stdout_eq "+ index ix_users_name ON users (name)"
	expect_ok dbtool create-all
	expect_stderr_eq "create index ix_users_name"
	expect_model_agrees
	use_model 001_users_characters.sql
	sql_value "DROP INDEX ix_users_name ON users" >/dev/null
	expect_eq "$(snapshot_db)" "$before" "create-all added the index and kept the rows"
else
	sql_value "DROP INDEX ix_characters_user_id" >/dev/null
	expect_fail 1 dbtool check
	expect_stdout_eq "+ index ix_characters_user_id ON characters (user_id)"
	expect_ok dbtool create-all
	expect_stderr_eq "create index ix_characters_user_id"
	expect_eq "$(snapshot_db)" "$before" "create-all restored the index and kept the rows"
fi
expect_model_agrees

# A model difference: one finding, in text and JSON.
cat >>schema.sql <<'EOF'
CREATE TABLE guilds (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL);
EOF
sed -i 's/^\tlevel INTEGER NOT NULL DEFAULT 1$/\tlevel INTEGER NOT NULL DEFAULT 1,\n\tage INTEGER/' schema.sql
# (MariaDB's INTEGER is int(11), as it reports it: the model is adapted)
age_type=INTEGER
[ "$DIALECT" = mariadb ] && age_type="int(11)"
expect_fail 1 dbtool check
expect_stdout_eq "+ table guilds
+ column characters.age $age_type NULL"
expect_fail 1 dbtool check --format json
expect_json 'd == {"ok": False, "findings": [{"kind": "create_table", "text": "+ table guilds"}, {"kind": "add_column", "text": "+ column characters.age '"$age_type"' NULL"}]}'
expect_fail 1 dbtool --format json check
expect_json 'd["ok"] is False and len(d["findings"]) == 2'
use_model 001_users_characters.sql
expect_ok dbtool check --format json
expect_json 'd == {"ok": True, "findings": []}'

# drop-all: everything goes, dependents first.
expect_ok dbtool drop-all --yes
expect_stdout_eq ""
expect_stderr_eq "drop table characters
drop table users"
expect_empty_db
expect_fail 1 dbtool check
expect_stdout_eq "+ table users
+ table characters
+ index ix_characters_user_id ON characters (user_id)"
expect_empty_db

# ------------------------------- authors and books (ON DELETE CASCADE)

use_model 002_authors_books.sql
expect_ok dbtool create-all
expect_stderr_eq "create table authors
create table books
create index ix_books_author_id"
expect_model_agrees
expect_sql_ok "INSERT INTO authors (id, name) VALUES (1, 'Le Guin'), (2, 'Borges')"
expect_sql_ok "INSERT INTO books (id, author_id, title) VALUES (1, 1, 'The Dispossessed'), (2, 1, 'Lavinia'), (3, 2, 'Ficciones')"
expect_sql_fails "INSERT INTO books (id, author_id, title) VALUES (4, 3, 'Nobody''s')" "a book of no author"
expect_sql_ok "DELETE FROM authors WHERE id = 1"
expect_eq "$(sql_value "SELECT count(*) FROM books")" 1 "deleting an author deletes their books (ON DELETE CASCADE)"
expect_model_agrees
expect_ok dbtool drop-all --yes
expect_stderr_eq "drop table books
drop table authors"
expect_empty_db

# ------------------------- orders and items (many to many, composite key)

use_model 003_orders_items.sql
expect_ok dbtool create-all
# MariaDB makes an index for the foreign key on item_id, which leads no
# key of order_items (README "MariaDB/MySQL"): create-all names it.
fk_index=
[ "$DIALECT" = mariadb ] && fk_index='
create index order_items_item_id_fkey'
expect_stderr_match '^create table (items|orders)
create table (items|orders)
create table order_items'"$fk_index"'$'
expect_model_agrees
expect_sql_ok "INSERT INTO orders (id) VALUES (1), (2)"
expect_eq "$(sql_value "SELECT count(*) FROM orders WHERE placed_at IS NOT NULL")" 2 "placed_at defaults to the current time"
expect_sql_ok "INSERT INTO items (id, name, price) VALUES (1, 'pen', 1.50), (2, 'ink', 4.25)"
expect_sql_ok "INSERT INTO order_items (order_id, item_id) VALUES (1, 1), (1, 2), (2, 1)"
expect_eq "$(sql_value "SELECT sum(quantity) FROM order_items")" 3 "quantity defaults to 1"
expect_sql_fails "INSERT INTO order_items (order_id, item_id, quantity) VALUES (1, 1, 5)" "the same item twice in an order (composite primary key)"
expect_sql_fails "INSERT INTO order_items (order_id, item_id) VALUES (3, 1)" "an item of no order"
expect_sql_fails "INSERT INTO order_items (order_id, item_id) VALUES (2, 9)" "an order of no item"
expect_sql_fails "DELETE FROM items WHERE id = 1" "deleting an ordered item"
expect_sql_ok "DELETE FROM orders WHERE id = 1"
expect_eq "$(sql_value "SELECT count(*) FROM order_items")" 1 "deleting an order deletes its lines (ON DELETE CASCADE)"
expect_model_agrees
expect_ok dbtool drop-all --yes
expect_stderr_match '^drop table order_items
drop table (items|orders)
drop table (items|orders)$'
expect_empty_db

# ---------------------- books and publishers (many to many, both cascade)

use_model 004_books_publishers.sql
expect_ok dbtool create-all
fk_index=
[ "$DIALECT" = mariadb ] && fk_index='
create index book_publishers_publisher_id_fkey'
expect_stderr_match '^create table (books|publishers)
create table (books|publishers)
create table book_publishers'"$fk_index"'$'
expect_model_agrees
expect_sql_ok "INSERT INTO publishers (id, name) VALUES (1, 'Gollancz'), (2, 'Ace')"
expect_sql_ok "INSERT INTO books (id, title) VALUES (1, 'The Left Hand of Darkness'), (2, 'Dune')"
expect_sql_ok "INSERT INTO book_publishers (book_id, publisher_id) VALUES (1, 1), (1, 2), (2, 2)"
expect_sql_fails "INSERT INTO publishers (id, name) VALUES (3, 'Ace')" "a second publisher of the same name"
expect_sql_fails "INSERT INTO book_publishers (book_id, publisher_id) VALUES (1, 1)" "the same pair twice"
expect_sql_fails "INSERT INTO book_publishers (book_id, publisher_id) VALUES (3, 1)" "a pair of no book"
expect_sql_ok "DELETE FROM publishers WHERE id = 2"
expect_eq "$(sql_value "SELECT count(*) FROM book_publishers")" 1 "deleting a publisher deletes its pairs"
expect_sql_ok "DELETE FROM books WHERE id = 1"
expect_eq "$(sql_value "SELECT count(*) FROM book_publishers")" 0 "deleting a book deletes its pairs"
expect_model_agrees
expect_ok dbtool drop-all --yes
expect_empty_db

# ------------------------------------------------- a foreign-key cycle

use_model 065_fk_cycle.sql
expect_ok dbtool create-all
expect_tables "athletes clubs"
expect_model_agrees
expect_sql_ok "INSERT INTO clubs (id, name) VALUES (1, 'Rovers')"
expect_sql_ok "INSERT INTO athletes (id, club_id, name) VALUES (1, 1, 'Ada')"
expect_sql_ok "UPDATE clubs SET captain_id = 1 WHERE id = 1"
expect_sql_fails "UPDATE clubs SET captain_id = 7 WHERE id = 1" "a captain who is no athlete"
expect_ok dbtool drop-all --yes
expect_empty_db

# ------------------------------------- the database must be at head

use_model 001_users_characters.sql
expect_ok dbtool create-all
rev1=$(new_revision 1a1a1a1a1a1a "" "add extra" \
	"CREATE TABLE extra (id INTEGER PRIMARY KEY);" "DROP TABLE extra;")
# Its tables are there already: an upgrade would create them again.
expect_fail 1 dbtool check
expect_stdout_eq ""
expect_stderr_eq "dbtool: error: database is at base, not at head 1a1a1a1a1a1a: its schema already matches the model (as after 'dbtool create-all'): run 'dbtool stamp head'"
expect_fail 1 dbtool check --format json
expect_json 'd == {"ok": False, "findings": [{"kind": "not_at_head", "text": "database is at base, not at head 1a1a1a1a1a1a: its schema already matches the model (as after '"'"'dbtool create-all'"'"'): run '"'"'dbtool stamp head'"'"'"}]}'
expect_stderr_eq ""
# A model the database does not match: the upgrade is the way.
cp schema.sql schema.sql.saved
printf 'CREATE TABLE more_of_it (id INTEGER PRIMARY KEY);\n' >>schema.sql
expect_fail 1 dbtool check
expect_stderr_eq "dbtool: error: database is at base, not at head 1a1a1a1a1a1a: run 'dbtool upgrade' first"
expect_fail 1 dbtool check --format json
expect_json 'd["ok"] is False and d["findings"][-1]["kind"] == "not_at_head" and "dbtool upgrade" in d["findings"][-1]["text"]'
mv schema.sql.saved schema.sql

expect_ok dbtool upgrade
expect_tables "characters dbtool_version extra users"
# The version table is never part of the reflected schema.
expect_fail 1 dbtool check
expect_stdout_eq "- table extra"
# The revision wrote a plain key: the model keeps it out of the
# auto-increment rule, which would make it an identity on PostgreSQL.
printf 'CREATE TABLE extra (id INTEGER PRIMARY KEY -- dbtool: no-autoincrement\n);\n' >>schema.sql
expect_model_agrees

new_revision 2b2b2b2b2b2b 1a1a1a1a1a1a "more" "SELECT 1;" "SELECT 1;" >/dev/null
expect_fail 1 dbtool check
expect_stderr_eq "dbtool: error: database is at 1a1a1a1a1a1a, not at head 2b2b2b2b2b2b: run 'dbtool upgrade' first"
expect_ok dbtool upgrade
expect_model_agrees

# drop-all takes the history and version tables too, last, and says so.
# (MariaDB's journal of statements goes with them)
journal=
[ "$DIALECT" = mariadb ] && journal='drop table dbtool_journal
'
expect_ok dbtool drop-all --yes
expect_stderr_match '^drop table (characters|extra)
(drop table (characters|extra|users)
){2}'"$journal"'drop table dbtool_history
drop table dbtool_version$'
expect_empty_db
expect_ok dbtool current
expect_stdout_eq ""
rm -f migrations/versions/*.sql

# ------------------------------------------------- malformed models

use_model 001_users_characters.sql
expect_ok dbtool create-all
expect_sql_ok "INSERT INTO users (id, name, email) VALUES (1, 'ann', 'ann@example.com')"
before=$(snapshot_db)

cat >schema.sql <<'EOF'
CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	name VARCHAR(50) NOT NULL
	email VARCHAR(120)
);
EOF
expect_fail 1 dbtool check
expect_stdout_eq ""
expect_stderr_eq "dbtool: error: schema.sql:4:2: expected a column constraint, ',' or ')', found 'email'"
expect_fail 1 dbtool create-all
expect_stderr_eq "dbtool: error: schema.sql:4:2: expected a column constraint, ',' or ')', found 'email'"
expect_eq "$(snapshot_db)" "$before" "a malformed model leaves the database as it was"

# A model that parses but that the database refuses half-way (an index
# on a function it does not know): create-all runs in one transaction, so
# the table created before the failure is gone too.  MariaDB, whose DDL
# commits at once, has no expression index: create-all writes every
# statement before it runs any, so that refusal creates nothing either.
cat >schema.sql <<'EOF'
CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL, email VARCHAR(120) NOT NULL UNIQUE);
CREATE TABLE characters (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users (id), name VARCHAR(50) NOT NULL, level INTEGER NOT NULL DEFAULT 1);
CREATE INDEX ix_characters_user_id ON characters (user_id);
CREATE TABLE pets (id INTEGER PRIMARY KEY, name TEXT);
CREATE INDEX ix_pets_name ON pets (no_such_function(name));
EOF
expect_fail 1 dbtool create-all
if [ "$DIALECT" = mariadb ]; then
	expect_error_line
	expect_stderr_contains "schema.sql:5:14: cannot make index 'ix_pets_name' on table 'pets' on MariaDB/MySQL: dbtool does not render its expression keys"
else
	expect_stderr_match '(^|
)dbtool: error: [^
]*no_such_function[^
]*$'
fi
expect_eq "$(snapshot_db)" "$before" "create-all that fails half-way creates nothing"

# The model file named in dbtool.ini does not exist.
rm schema.sql
expect_fail 1 dbtool check
expect_stderr_eq "dbtool: error: cannot open model file 'schema.sql': no such file"
expect_fail 1 dbtool create-all
expect_error_line
expect_eq "$(snapshot_db)" "$before" "a missing model leaves the database as it was"

# ------------------------------------- PostgreSQL's own forms, as it makes them

# A model of UNLOGGED tables, INCLUDE, NULLS NOT DISTINCT, NOT VALID,
# identity options and LIKE, run as it is by the database: the model
# means what the database made of it, and check finds nothing.
if [ "$DIALECT" = postgres ]; then
	expect_ok dbtool drop-all --yes
	for model in 402_pg_unlogged_include_nulls_not_distinct_not_valid_identity_options.sql \
		403_pg_create_table_like.sql; do
		use_model "$model"
		if sql_value "$(cat schema.sql)" >/dev/null; then
			pass "$model runs on the database"
		else
			fail "$model runs on the database"
		fi
		expect_ok dbtool check
		expect_stdout_eq ""
		expect_ok dbtool drop-all --yes
	done
fi

# ------------------------------------------------- drop-all and the terminal

# Without a terminal drop-all does not ask (the tests pass --yes anyway).
expect_ok dbtool drop-all
expect_empty_db

# On a terminal it asks, and anything but yes drops nothing.
if command -v script >/dev/null 2>&1; then
	use_model 002_authors_books.sql
	expect_ok dbtool create-all
	printf -v cmdline '%q ' "$DBTOOL" drop-all
	run_cmd bash -c "printf 'n\n' | script -qec '$cmdline' /dev/null"
	expect_eq "$STATUS" 1 "drop-all on a terminal answered 'n' exits 1"
	expect_stdout_contains "[y/N]"
	expect_stdout_contains "nothing dropped"
	expect_tables "authors books"
	run_cmd bash -c "printf 'y\n' | script -qec '$cmdline' /dev/null"
	expect_eq "$STATUS" 0 "drop-all on a terminal answered 'y' exits 0"
	expect_empty_db
fi

finish
