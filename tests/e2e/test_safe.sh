#!/bin/bash
#
# test_safe.sh - `migrate --safe` (and `safe = true` in dbtool.ini), on one
# dialect.  PostgreSQL: an index on an existing table is built
# CONCURRENTLY, foreign keys and checks are added NOT VALID and validated,
# SET NOT NULL is proven by a validated check, all in a second revision
# marked 'transaction: false' after the transactional one with the other
# changes; lint finds nothing in them that it finds in the same change
# written without --safe; upgrade, check and downgrade work, and a
# concurrent build that failed (leaving an INVALID index) succeeds when
# upgrade runs again.  SQLite and MariaDB: --safe writes the ordinary
# revision (neither has those forms: SQLite locks the whole database for
# any write, MariaDB has no NOT VALID or CONCURRENTLY, and its DDL commits
# at once anyway).
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_safe.sh sqlite|postgres|mariadb

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_db "$1"

pg() { [ "$DIALECT" = postgres ]; }

# file_has FILE TEXT / file_lacks FILE TEXT: TEXT (lines in a row, when
# it has several) is in FILE, or is not.
file_has() {
	if [[ $(cat "$1") == *"$2"* ]]; then
		pass "$(basename "$1") holds '$2'"
	else
		fail "$(basename "$1") should hold '$2'" "$(cat "$1")"
	fi
}
file_lacks() {
	if [[ $(cat "$1") != *"$2"* ]]; then
		pass "$(basename "$1") does not hold '$2'"
	else
		fail "$(basename "$1") should not hold '$2'" "$(cat "$1")"
	fi
}

# body FILE: the revision without its id, parent and created lines.
body() {
	grep -v -e '^-- id:' -e '^-- parent:' -e '^-- created:' "$1"
}

expect_ok dbtool -q init
cat >schema.sql <<'EOF'
CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE books (id INTEGER PRIMARY KEY, author_id INTEGER, title TEXT, pages INTEGER);
EOF
expect_ok dbtool migrate -m init --rev-id r0
expect_ok dbtool upgrade
sql_value "INSERT INTO authors (id, name) VALUES (1, 'Ann'), (2, 'Bo');
INSERT INTO books (id, author_id, title, pages) VALUES (1, 1, 'One', 10), (2, 2, 'Two', 20), (3, 2, 'Two', 30);" >/dev/null

# The change: a NOT NULL column, a foreign key, a check and a unique index
# on existing tables, and a new table with its index.
cat >schema.sql <<'EOF'
CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE books (
    id INTEGER PRIMARY KEY,
    author_id INTEGER REFERENCES authors (id),
    title TEXT,
    pages INTEGER CHECK (pages > 0)
);
CREATE UNIQUE INDEX books_title ON books (title);
CREATE TABLE shelves (id INTEGER PRIMARY KEY, label TEXT);
CREATE INDEX shelves_label ON shelves (label);
EOF

# --- bad input changes nothing
before=$(snapshot)
expect_fail 2 dbtool migrate -m x --safe --no-safe
expect_stderr_contains "--safe and --no-safe contradict each other"
echo "safe = maybe" >>dbtool.ini
expect_fail 1 dbtool migrate -m x
expect_stderr_contains "dbtool.ini:$(grep -c '' dbtool.ini): invalid safe 'maybe': use true or false"
sed -i '$d' dbtool.ini
expect_eq "$(snapshot)" "$before" "refused options write nothing"
if pg; then
	expect_fail 1 dbtool migrate -m x --safe --rev-id "$(printf 'a%.0s' {1..62})"
	expect_stderr_contains "leaves no room for"
	expect_eq "$(snapshot)" "$before" "an id too long for the second revision writes nothing"
fi

# --- without --safe: one revision, and lint warns about the locks
expect_ok dbtool migrate -m plain --rev-id plain --no-input
expect_stdout_eq "migrations/versions/plain_plain.sql"
plain=migrations/versions/plain_plain.sql
if pg; then
	expect_ok dbtool lint plain
	expect_stdout_contains "L005 set-not-null"
	expect_stdout_contains "L007 index-not-concurrent"
	expect_stdout_contains "L008 constraint-not-valid"
fi
body "$plain" >"$WORK/plain.body"
rm -f "$plain"

if ! pg; then
	# --- SQLite and MariaDB: --safe changes nothing, from the flag or
	# the config (the titles made unique first: there is no concurrent
	# build to fail and run again)
	sql_value "UPDATE books SET title = 'Three' WHERE id = 3" >/dev/null
	expect_ok dbtool migrate -m plain --rev-id plain --no-input --safe
	expect_stdout_eq "migrations/versions/plain_plain.sql"
	expect_eq "$(body "$plain")" "$(cat "$WORK/plain.body")" "--safe writes the ordinary revision on $DIALECT"
	rm -f "$plain"
	echo "safe = true" >>dbtool.ini
	expect_ok dbtool migrate -m plain --rev-id plain --no-input
	expect_eq "$(body "$plain")" "$(cat "$WORK/plain.body")" "safe = true writes the ordinary revision on $DIALECT"
	file_lacks "$plain" "transaction: false"
	expect_ok dbtool upgrade
	expect_version plain
	expect_ok dbtool check
	expect_ok dbtool downgrade -1
	expect_version r0
	expect_ok dbtool upgrade
	expect_ok dbtool check
	expect_ok dbtool downgrade r0
	rm -f "$plain"
	sed -i '$d' dbtool.ini

	# With a PostgreSQL section as well, that section takes the forms
	# and the SQLite (MariaDB) sections of the second revision say there
	# is nothing to do; on SQLite (MariaDB) both revisions run.
	echo "dialects = $(corpus_dialect), postgresql" >>dbtool.ini
	expect_ok dbtool --format json migrate -m both --rev-id both --no-input --safe
	expect_stdout_contains '{"path": "migrations/versions/both_both.sql", "next_path": "migrations/versions/both_safe_both_outside_a_transaction.sql", "changes": ['
	second=migrations/versions/both_safe_both_outside_a_transaction.sql
	file_has "$second" "-- transaction: false"
	file_has "$second" "-- nothing to do on $(corpus_dialect)"
	file_has "$second" "CREATE UNIQUE INDEX CONCURRENTLY books_title ON books (title);"
	expect_ok dbtool upgrade
	expect_version both_safe
	expect_ok dbtool check
	expect_ok dbtool downgrade r0
	expect_version r0
	expect_ok dbtool upgrade
	expect_ok dbtool check
	finish
fi

# --- PostgreSQL: two revisions, the second outside a transaction
expect_ok dbtool migrate -m guard --rev-id s1 --no-input --safe
expect_stdout_eq "migrations/versions/s1_guard.sql
migrations/versions/s1_safe_guard_outside_a_transaction.sql"
first=migrations/versions/s1_guard.sql
second=migrations/versions/s1_safe_guard_outside_a_transaction.sql
file_lacks "$first" "CONCURRENTLY"
file_lacks "$first" "transaction: false"
file_lacks "$first" "books"
file_lacks "$first" "authors"
file_has "$first" "CREATE INDEX shelves_label ON shelves (label);"
file_has "$second" "-- parent: s1"
file_has "$second" "-- transaction: false"
file_has "$second" "DROP INDEX CONCURRENTLY IF EXISTS books_title;
CREATE UNIQUE INDEX CONCURRENTLY books_title ON books (title);"
file_has "$second" "ADD CONSTRAINT books_author_id_fkey FOREIGN KEY (author_id) REFERENCES authors (id) NOT VALID;"
file_has "$second" "ALTER TABLE books VALIDATE CONSTRAINT books_author_id_fkey;"
file_has "$second" "ADD CONSTRAINT books_pages_check CHECK (pages > 0) NOT VALID;"
file_has "$second" "ALTER TABLE authors ADD CONSTRAINT dbtool_not_null_name CHECK (name IS NOT NULL) NOT VALID;
ALTER TABLE authors VALIDATE CONSTRAINT dbtool_not_null_name;
ALTER TABLE authors ALTER COLUMN name SET NOT NULL;
ALTER TABLE authors DROP CONSTRAINT dbtool_not_null_name;"
file_has "$second" "ALTER TABLE authors ALTER COLUMN name DROP NOT NULL;"

# lint: nothing of what --safe is about, and no error
for id in s1 s1_safe; do
	expect_ok dbtool lint "$id"
	for code in L005 L007 L008 L009; do
		expect_stderr_not_contains "$code "
	done
	expect_stderr_not_contains ": error: "
done

# A concurrent build that fails leaves an INVALID index; once the data is
# fixed, upgrade runs the second revision again from its start.
expect_fail 1 dbtool upgrade
expect_stderr_contains "s1_safe"
expect_version s1
expect_eq "$(sql_value "SELECT indisvalid FROM pg_index WHERE indexrelid = 'books_title'::regclass")" "f" \
	"the failed build left an INVALID index"
sql_value "UPDATE books SET title = 'Three' WHERE id = 3" >/dev/null
expect_ok dbtool upgrade
expect_version s1_safe
expect_eq "$(sql_value "SELECT indisvalid FROM pg_index WHERE indexrelid = 'books_title'::regclass")" "t" \
	"the index is valid after the second run"
expect_eq "$(sql_value "SELECT count(*) FROM pg_constraint WHERE NOT convalidated OR conname LIKE 'dbtool_not_null_%'")" "0" \
	"every constraint is validated and the temporary check is gone"
expect_eq "$(sql_value "SELECT attnotnull FROM pg_attribute WHERE attrelid = 'authors'::regclass AND attname = 'name'")" "t" \
	"authors.name is NOT NULL"
expect_ok dbtool check

# Downgrade one, then both; up again
expect_ok dbtool downgrade -1
expect_version s1
expect_eq "$(indexes)" "shelves_label" "the downgrade dropped the concurrent index"
expect_eq "$(sql_value "SELECT count(*) FROM pg_constraint WHERE conrelid IN ('books'::regclass, 'authors'::regclass) AND contype IN ('f', 'c')")" "0" \
	"the downgrade dropped the foreign key and the check"
expect_ok dbtool downgrade r0
expect_version r0
expect_ok dbtool upgrade
expect_version s1_safe
expect_ok dbtool check

# --- only lock-friendly changes: one revision, outside a transaction
# (safe = true in the config)
echo "safe = true" >>dbtool.ini
sed -i 's/^CREATE TABLE shelves .*/&\nCREATE INDEX authors_name ON authors (name);/' schema.sql
expect_ok dbtool migrate -m by_name --rev-id s2 --no-input
expect_stdout_eq "migrations/versions/s2_by_name.sql"
file_has migrations/versions/s2_by_name.sql "-- transaction: false"
file_has migrations/versions/s2_by_name.sql "CREATE INDEX CONCURRENTLY authors_name ON authors (name);"
expect_ok dbtool lint s2
expect_stderr_not_contains "L007 "
expect_ok dbtool upgrade
expect_ok dbtool check
expect_ok dbtool downgrade -1
expect_ok dbtool upgrade
expect_ok dbtool check

# --no-safe wins over the config
sed -i '/^CREATE INDEX authors_name/d' schema.sql
expect_ok dbtool migrate -m unindex --rev-id s3 --no-input --no-safe
expect_stdout_eq "migrations/versions/s3_unindex.sql"

finish
