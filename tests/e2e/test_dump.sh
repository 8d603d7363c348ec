#!/bin/bash
#
# test_dump.sh - the database's own dump is a model: for every schema of
# the model corpus (tests/corpus/schemas), on one dialect, a database is
# made with `create-all`, dumped as people dump it (PostgreSQL:
# `pg_dump --schema-only`; SQLite: `sqlite3 .schema`; MariaDB:
# `mariadb-dump --no-data`, with and without --skip-comments), and the dump,
# unchanged, becomes the model: `check` must exit 0 and find nothing, and
# `migrate` must write no revision.  On SQLite, `sqlite3 .dump` is a model
# too (its PRAGMA, transaction and sqlite_sequence lines skipped), and the
# dump of a database with rows is refused at its first row.
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_dump.sh sqlite|postgres|mariadb
# DBTOOL_CORPUS_ONLY=REGEX runs only the schemas whose path matches REGEX
# (all of them, whatever the sample).
#
# tests/corpus_run (the meson tests dump-sqlite and dump-postgres) runs
# every schema with the same assertions, the dbtool work in process; this
# script runs the real binary on a fixed sample of them (in_sample in
# lib.sh: every 16th and the first of each tricky kind), and on all of them with
# DBTOOL_CORPUS_SAMPLE=all.  The corpus count is checked on the whole
# corpus.

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CORPUS=$E2E_DIR/../corpus
ONLY=${DBTOOL_CORPUS_ONLY:-}
MIN_SCHEMAS=85

setup_db "$1"

expect_ok dbtool init
expect_ok dbtool drop-all --yes

# dump FILE: the database's schema as its own tool prints it.
dump() {
	case "$DIALECT" in
	sqlite) sqlite3 "$DB_FILE" .schema >"$1" 2>"$ERR" ;;
	postgres) pg_dump --schema-only --dbname="$TEST_URL" >"$1" 2>"$ERR" ;;
	mariadb) my_dump "$MY_DATABASE" --no-data ${2:+"$2"} >"$1" 2>"$ERR" ;;
	esac
}

# Empties the database whatever state a case left it in.
force_empty() {
	case "$DIALECT" in
	sqlite) rm -f "$DB_FILE" ;;
	postgres) sql_value "DROP SCHEMA public CASCADE; CREATE SCHEMA public" >/dev/null 2>&1 ;;
	mariadb) my_sql "" "DROP DATABASE \`$MY_DATABASE\`; CREATE DATABASE \`$MY_DATABASE\`" >/dev/null 2>&1 ;;
	esac
}

# dump_case FILE: one corpus schema, one check.  The schemas are shared
# out among workers (run_cases in lib.sh), each with one project folder
# and one database, which every case leaves empty.
dump_case() {
	local f=$1 name why comments
	name=schemas/$(basename "$f")
	why=
	cp "$f" schema.sql
	run_cmd dbtool create-all
	[ "$STATUS" = 0 ] || why="create-all of the corpus model failed: $(show_output)"
	# On MariaDB, every other schema is dumped without comments, as
	# mariadb-dump --skip-comments writes it, the others with them.
	comments=
	[ "$DIALECT" != mariadb ] || [ $((${#name} % 2)) = 0 ] || comments=--skip-comments
	if [ -z "$why" ] && ! dump "$WTMP/dump.sql" $comments; then
		why="the dump failed: $(cat "$ERR")"
	fi
	if [ -z "$why" ] && [ "$DIALECT" = mariadb ] && grep -q '^/\*!50001 CREATE' "$WTMP/dump.sql"; then
		# mariadb-dump's views are refused at their place (README, "The
		# declared model"), never dropped silently.
		cp "$WTMP/dump.sql" schema.sql
		run_cmd dbtool check
		if [ "$STATUS" != 1 ] || ! grep -q "schema.sql:[0-9]*:1: a view or trigger as mariadb-dump writes it" "$ERR"; then
			why="check with a dump that holds a view should refuse the view at its place: $(show_output)"
		fi
		rm -f migrations/versions/*
		force_empty
		if [ -z "$why" ]; then
			pass "$name: its dump's view is refused at its place"
		else
			fail "$name: its dump's view is refused at its place" "$why"
		fi
		return
	fi
	if [ -z "$why" ]; then
		cp "$WTMP/dump.sql" schema.sql
		run_cmd dbtool check
		check_no_password
		if [ "$STATUS" != 0 ] || [ -s "$OUT" ]; then
			why="check with the dump as the model should exit 0 and find nothing: $(show_output)
the dump:
$(cat "$WTMP/dump.sql")"
		fi
	fi
	if [ -z "$why" ]; then
		run_cmd dbtool migrate -m dump
		if [ "$STATUS" != 0 ] || [ -n "$(ls migrations/versions)" ]; then
			why="migrate with the dump as the model should write nothing: $(show_output)"
		fi
	fi
	rm -f migrations/versions/*
	force_empty
	if [ -z "$why" ]; then
		pass "$name: its dump is a model that check and migrate find equal to the database"
	else
		fail "$name: its dump is a model that check and migrate find equal to the database" "$why"
	fi
}

dump_setup() {
	run_cmd dbtool init
	[ "$STATUS" = 0 ] || fail "dbtool init for the dumps" "$(show_output)"
}

# n counts the corpus; files holds the sample (in_sample in lib.sh) that
# runs here.
files=()
n=0
for f in "$CORPUS"/schemas/*.sql; do
	[ -z "$ONLY" ] || [[ $f =~ $ONLY ]] || continue
	for_this_dialect "$f" || continue
	{ [ -n "$ONLY" ] || in_sample $n "${f##*/}"; } && files+=("$f")
	n=$((n + 1))
done
run_cases dump_setup dump_case "${files[@]}"
ok=$CASES_PASSED

if [ -z "$ONLY" ]; then
	expect_eq "$([ "$n" -ge $MIN_SCHEMAS ] && echo yes)" yes "at least $MIN_SCHEMAS corpus schemas were dumped ($n)"
fi
echo "# dumps: $ok of the ${#files[@]} of the sample read back as equal models"

# sqlite3's .dump as a model: its PRAGMA, its transaction and its lines on
# the AUTOINCREMENT counters (sqlite_sequence) are skipped; rows are
# refused where the first one starts, the database left as it was.
if [ "$DIALECT" = sqlite ] && [ -z "$ONLY" ]; then
	src=$PWD/dump-source.db
	rm -f "$src"
	sqlite3 "$src" "CREATE TABLE notes (id INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL);
		CREATE INDEX notes_body ON notes (body);
		CREATE VIEW long_notes AS SELECT id FROM notes WHERE length(body) > 3;
		CREATE TRIGGER notes_trimmed AFTER INSERT ON notes BEGIN
			UPDATE notes SET body = trim(body) WHERE id = new.id;
		END;"
	sqlite3 "$src" .dump >schema.sql
	expect_eq "$(head -2 schema.sql | tr '\n' ' ')" "PRAGMA foreign_keys=OFF; BEGIN TRANSACTION; " \
		"sqlite3's .dump opens with a PRAGMA and a transaction"
	expect_ok dbtool migrate -m from-dump
	expect_ok dbtool upgrade
	expect_ok dbtool check
	expect_tables "dbtool_version notes"
	sqlite3 "$src" "INSERT INTO notes (body) VALUES ('first'), ('semi; colon')"
	sqlite3 "$src" .dump >schema.sql
	line=$(grep -n '^INSERT INTO' schema.sql | head -1 | cut -d: -f1)
	expect_fail 1 dbtool check
	expect_stderr_eq "dbtool: error: schema.sql:$line:1: INSERT changes rows, which a model does not hold (it declares the schema): take the rows out, or dump the schema alone (sqlite3's .schema, pg_dump --schema-only)"
	grep -v '^INSERT INTO notes' schema.sql >schema.sql.new && mv schema.sql.new schema.sql
	expect_eq "$(grep -c sqlite_sequence schema.sql)" 2 \
		"the dump of rows under AUTOINCREMENT empties and fills sqlite_sequence"
	expect_ok dbtool check
	rm -f "$src" migrations/versions/*
	force_empty
fi

finish
