#!/bin/bash
#
# test_pg_schemas.sh - a PostgreSQL database whose tables live in several
# schemas:
# - `inspect` writes the tables of every other schema qualified ("app".
#   "users"), with the CREATE SCHEMA statements first, and `check` of that
#   output exits 0 and `migrate` writes nothing;
# - a model that names a schema compares it, one that does not leaves its
#   tables alone; a table of the same name in two schemas is two tables;
# - `check --roundtrip` carries such a chain up, down and up again on an
#   empty database and leaves it empty;
# - `drop-all` drops the managed schema's tables and leaves the other
#   schemas' tables and rows (a foreign key from one of those into the
#   managed schema stops it, nothing dropped);
# - an enum of another schema is inspected, compared and changed qualified,
#   beside one of the same name in public;
# - a qualifier other than the managed schema's is refused at its place on
#   SQLite, as before.
#
# usage: DBTOOL=build/cmd/dbtool bash tests/e2e/test_pg_schemas.sh postgres

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# run_sql SQL: runs a script on the test database with psql.
run_sql() {
	psql "$TEST_URL" -X -q -v ON_ERROR_STOP=1 >"$OUT" 2>"$ERR" <<<"$1"
	STATUS=$?
	[ "$STATUS" = 0 ] || fail "the hand-made schema does not apply" "$(show_output)"
}

# every_table: schema.table of each user table, sorted.
every_table() {
	sql_value "SELECT schemaname || '.' || tablename FROM pg_tables
		WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
		AND tablename NOT IN ('dbtool_version', 'dbtool_history')" | LC_ALL=C sort
}

# ------------------------------------------------ inspect, then check

setup_db postgres
expect_ok dbtool init
run_sql 'CREATE SCHEMA app;
CREATE SCHEMA "Reports";
CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE app.users (id integer PRIMARY KEY, owner integer REFERENCES public.users (id),
  amount integer CHECK (amount BETWEEN 0 AND 10));
CREATE INDEX users_owner ON app.users (owner);
CREATE TABLE "Reports"."Daily" (day date PRIMARY KEY, user_id integer REFERENCES app.users (id));
INSERT INTO users VALUES (1, '"'"'ann'"'"');
INSERT INTO app.users VALUES (7, 1, 3);'
expect_ok dbtool inspect
expect_stdout_contains 'CREATE SCHEMA "Reports";'
expect_stdout_contains 'CREATE SCHEMA app;'
expect_stdout_contains 'CREATE TABLE "app"."users" ('
expect_stdout_contains 'REFERENCES users (id)'
expect_stdout_contains 'CREATE TABLE "Reports"."Daily" ('
expect_stdout_contains 'REFERENCES "app"."users" (id)'
expect_stdout_contains 'CREATE INDEX users_owner ON "app"."users" (owner);'
cp "$OUT" schema.sql
expect_ok dbtool check
expect_stdout_eq ""
expect_stderr_contains "model, revisions and database agree"
expect_ok dbtool migrate -m nothing
expect_stderr_contains "$NOTHING_TO_DO"
expect_eq "$(revisions)" 0 "migrate with the inspected model writes nothing"

# ------------------------------------------------ which schemas are compared

# The model names app but creates no schema: "Reports" is left alone.
cat >schema.sql <<'SQL'
CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE app.users (id integer PRIMARY KEY, owner integer REFERENCES users (id),
  amount integer CHECK (amount >= 0 AND amount <= 10), note text);
CREATE INDEX users_owner ON app.users (owner);
SQL
expect_fail 1 dbtool check
expect_stdout_eq '+ column "app"."users".note TEXT NULL'
expect_ok dbtool migrate -m note
expect_eq "$(revisions)" 1 "migrate writes one revision"
expect_eq "$(grep -c Reports migrations/versions/*_note.sql)" 0 "the revision leaves the schema the model does not name"
expect_ok dbtool upgrade
expect_ok dbtool check
expect_stdout_eq ""
expect_eq "$(sql_value 'SELECT id, owner, amount FROM app.users')" "7|1|3" "the rows of the other schema are kept"
expect_ok dbtool downgrade -1
expect_eq "$(sql_value "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'app' AND column_name = 'note'")" 0 "downgrade drops the column again"
expect_ok dbtool upgrade

# ------------------------------------------------ drop-all

# A table of another schema that references one of the managed schema
# stops it: PostgreSQL's message, nothing dropped.
expect_fail 1 dbtool drop-all --yes
expect_stderr_contains 'constraint users_owner_fkey on table app.users depends on table users'
expect_eq "$(every_table | tr '\n' ' ')" 'Reports.Daily app.users public.users ' "a failed drop-all drops nothing"
run_sql 'ALTER TABLE app.users DROP CONSTRAINT users_owner_fkey;'
expect_ok dbtool drop-all --yes
expect_eq "$(every_table | tr '\n' ' ')" 'Reports.Daily app.users ' "drop-all drops the managed schema's tables only"
expect_eq "$(sql_value 'SELECT count(*) FROM app.users')" 1 "drop-all leaves the other schemas' rows"

# ------------------------------------------------ check --roundtrip

# The chain of a model with tables in another schema, up, down and up
# again on an empty database, which it leaves empty: that schema too.
setup_db postgres
expect_ok dbtool init
cat >schema.sql <<'SQL'
CREATE SCHEMA app;
CREATE TABLE users (id integer PRIMARY KEY);
CREATE TABLE app.users (id integer PRIMARY KEY, owner integer REFERENCES users (id));
SQL
expect_ok dbtool migrate -m first
expect_ok dbtool upgrade
printf 'CREATE INDEX users_owner ON app.users (owner);\n' >>schema.sql
expect_ok dbtool migrate -m index
expect_ok dbtool upgrade
url_re='^([A-Za-z0-9+.-]+://[^/?]*)(/[^?]*)?(\?.*)?$'
[[ $TEST_URL =~ $url_re ]] || fail "the test URL has no database name to change"
scratch_name=${BASH_REMATCH[2]#/}_rt
scratch_url=${BASH_REMATCH[1]}/$scratch_name${BASH_REMATCH[3]}
psql "$DBTOOL_TEST_PG_URL" -X -q -c "CREATE DATABASE $scratch_name" >/dev/null 2>&1 </dev/null
PG_DATABASES+=("$scratch_name")
expect_ok dbtool check --roundtrip --scratch-url "$scratch_url"
expect_stderr_contains "the head equals the model"
expect_eq "$(psql "$scratch_url" -X -At -c "SELECT count(*) FROM pg_namespace WHERE nspname = 'app'" </dev/null)" 0 "the round trip leaves no schema behind"

# ------------------------------------------------ enums of other schemas

# An enum of another schema, used by a table there and one of public:
# inspect writes it qualified, and a value added to it is an ADD VALUE on
# that schema's enum that the downgrade takes back, rows kept.
setup_db postgres
expect_ok dbtool init
run_sql 'CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('"'"'calm'"'"', '"'"'glad'"'"');
CREATE TYPE mood AS ENUM ('"'"'calm'"'"');
CREATE TABLE app.people (id integer PRIMARY KEY, mood app.mood NOT NULL DEFAULT '"'"'calm'"'"');
CREATE TABLE notes (id integer PRIMARY KEY, mood app.mood);
INSERT INTO app.people VALUES (1, '"'"'glad'"'"');
INSERT INTO notes VALUES (1, '"'"'calm'"'"');'
expect_ok dbtool inspect
expect_stdout_contains "CREATE TYPE app.mood AS ENUM ('calm', 'glad');"
expect_stdout_contains "CREATE TYPE mood AS ENUM ('calm');"
expect_stdout_contains 'mood app.mood NOT NULL DEFAULT '"'"'calm'"'"
cp "$OUT" schema.sql
expect_ok dbtool check
expect_stdout_eq ""
sed -i "s/ENUM ('calm', 'glad')/ENUM ('calm', 'glad', 'sad')/" schema.sql
expect_fail 1 dbtool check
expect_stdout_contains 'app.mood'
expect_ok dbtool migrate -m sad
expect_eq "$(grep -c "ALTER TYPE app.mood ADD VALUE" migrations/versions/*_sad.sql)" 1 "the value is added to the other schema's enum"
expect_ok dbtool upgrade
expect_ok dbtool check
expect_stdout_eq ""
expect_eq "$(sql_value "SELECT count(*) FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = 'mood' AND t.typnamespace = 'public'::regnamespace")" 1 "public's enum of the same name is left as it is"
expect_ok dbtool downgrade -1
expect_eq "$(sql_value "SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = 'app.mood'::regtype")" "calm,glad" "downgrade takes the value back"
expect_eq "$(sql_value 'SELECT p.mood, n.mood FROM app.people p, notes n')" "glad|calm" "the rows are kept"

# ------------------------------------------------ SQLite refuses other schemas

setup_db sqlite
expect_ok dbtool init
printf 'CREATE TABLE main.t (id INTEGER);\nCREATE TABLE app.users (id INTEGER);\n' >schema.sql
expect_fail 1 dbtool create-all
expect_stderr_contains "dbtool: error: schema.sql:2:14: schema 'app' is not supported (the model holds the objects of schema 'public')"

finish
