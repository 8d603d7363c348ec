#!/bin/bash
#
# test_roundtrip.sh - `dbtool check --roundtrip`, on one dialect: a chain
# whose revisions go up, down and up again cleanly passes; a downgrade that
# leaves something behind, or a head that differs from the model, is a
# finding naming the revision; a scratch database that is not empty is
# refused; the project's own database is never touched.
#
# usage: DBTOOL=build/cmd/dbtool bash tests/e2e/test_roundtrip.sh sqlite|postgres|mariadb

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# PostgreSQL and MariaDB need a scratch database of their own: the first
# one made here.
scratch=()
if [ "$1" != sqlite ]; then
	setup_db "$1"
	scratch=(--scratch-url "$TEST_URL")
	SCRATCH_URL=$TEST_URL
	SCRATCH_DATABASE=${MY_DATABASE:-}
fi
setup_db "$1"

expect_ok dbtool -q init
cat >schema.sql <<'SQL'
CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(30) NOT NULL);
SQL
expect_ok dbtool -q migrate -m "users"
expect_ok dbtool -q upgrade
cat >schema.sql <<'SQL'
CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL, age INTEGER);
CREATE INDEX ix_users_age ON users (age);
CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id) ON DELETE CASCADE);
SQL
expect_ok dbtool -q migrate -m "posts and ages"
second=$(cat "$OUT")
before=$(snapshot)

expect_ok dbtool check --roundtrip "${scratch[@]}"
expect_stdout_eq ""
expect_stderr_contains "round trip: 2 revisions up, down and up again; the head equals the model"
expect_eq "$(snapshot)" "$before" "the project's database is untouched"

# A downgrade that forgets to drop a table leaves it behind.
sed -i 's/^DROP TABLE posts;$/SELECT 1;/' "$second"
expect_fail 1 dbtool -q check --roundtrip "${scratch[@]}"
id=$(sed -n 's/^-- id: //p' "$second")
expect_stdout_contains "downgrade $id does not restore the schema of"
expect_stdout_contains "- table posts"
sed -i 's/^SELECT 1;$/DROP TABLE posts;/' "$second"

# The head must be the model.
echo "CREATE TABLE extra (id INTEGER PRIMARY KEY);" >>schema.sql
expect_fail 1 dbtool -q check --roundtrip "${scratch[@]}"
expect_stdout_eq "the head revision's schema differs from the model: + table extra"
expect_fail 1 dbtool -q --format json check --roundtrip "${scratch[@]}"
expect_json 'd["ok"] is False and d["findings"][0]["kind"] == "head_differs"'
sed -i '/^CREATE TABLE extra/d' schema.sql

# A scratch database that is not empty is refused, and left as it was.
case "$1" in
postgres)
	psql "$SCRATCH_URL" -X -q -c "CREATE TABLE keep_me (id INTEGER)" >/dev/null
	expect_fail 1 dbtool check --roundtrip "${scratch[@]}"
	expect_stderr_contains "the scratch database is not empty"
	expect_eq "$(psql "$SCRATCH_URL" -X -Atq -c "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")" \
		"keep_me" "the scratch table is still there"
	# And PostgreSQL projects must name one.
	expect_fail 1 dbtool check --roundtrip
	expect_stderr_contains "--roundtrip on PostgreSQL needs an empty database to work in: give it with --scratch-url URL"
	;;
mariadb)
	my_sql "$SCRATCH_DATABASE" "CREATE TABLE keep_me (id INTEGER)"
	expect_fail 1 dbtool check --roundtrip "${scratch[@]}"
	expect_stderr_contains "the scratch database is not empty"
	expect_eq "$(my_sql "$SCRATCH_DATABASE" "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()")" \
		"keep_me" "the scratch table is still there"
	# MariaDB projects must name one too.
	expect_fail 1 dbtool check --roundtrip
	expect_stderr_contains "--roundtrip on MariaDB/MySQL needs an empty database to work in: give it with --scratch-url URL"
	;;
*)
	sqlite3 "$WORK/scratch.db" "CREATE TABLE keep_me (id INTEGER)"
	expect_fail 1 dbtool check --roundtrip --scratch-url "sqlite:///$WORK/scratch.db"
	expect_stderr_contains "the scratch database is not empty"
	expect_eq "$(sqlite3 "$WORK/scratch.db" .tables)" "keep_me" "the scratch table is still there"
	;;
esac
expect_fail 2 dbtool check --scratch-url sqlite://
expect_eq "$(snapshot)" "$before" "the project's database is still untouched"

finish
