#!/bin/bash
#
# test_offline.sh - the offline SQL of `upgrade --sql` and `downgrade --sql`,
# on one dialect.  A chain of six revisions (five written by hand, one of
# them marked '-- transaction: false', and one written by `dbtool migrate`
# from a model) is applied two ways side by side: database B only ever
# receives the scripts that --sql prints, fed to sqlite3 / psql, and
# database C is migrated by dbtool itself.  After every step the two must
# hold the same schema, the same rows and the same version: from base to
# head, head to base, head down by -2, up from a middle revision, down to a
# revision id, and up from a database that was only stamped.  --sql itself
# must change nothing, and its script must run each revision between BEGIN
# and COMMIT, except the non-transactional one, whose statements run
# outside any transaction.  On MariaDB, where DDL commits at once, no
# revision's statements run inside BEGIN and COMMIT: only its version rows
# do, after them; and the script keeps no journal (dbtool_journal, which
# the online run makes, is left out of the comparison).
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_offline.sh sqlite|postgres|mariadb

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_db "$1"

# ------------------------------------------------------------- databases

NEW_URL=

# new_database NAME: a fresh, empty database besides the one of setup_db;
# its URL goes to NEW_URL (not printed: a subshell would lose the list of
# PostgreSQL databases to drop at exit).
new_database() {
	local name re='^([A-Za-z0-9+.-]+://[^/?]*)(/[^?]*)?(\?.*)?$'
	case "$DIALECT" in
	sqlite)
		NEW_URL=sqlite:///$WORK/$1.db
		;;
	postgres)
		name=${PG_DATABASES[0]}_$1
		[[ $TEST_URL =~ $re ]] || {
			fail "cannot make a URL for database '$name' from the test URL"
			finish
		}
		NEW_URL=${BASH_REMATCH[1]}/$name${BASH_REMATCH[3]}
		if ! psql "$TEST_URL" -X -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE $name STRATEGY FILE_COPY" >"$ERR" 2>&1 </dev/null; then
			fail "cannot create database '$name' on the test cluster" "$(cat "$ERR")"
			finish
		fi
		PG_DATABASES+=("$name")
		;;
	mariadb)
		name=${MY_DATABASE}_$1
		NEW_URL=${TEST_URL/\/$MY_DATABASE\?//$name?}
		if ! my_sql "" "CREATE DATABASE \`$name\`" >"$ERR" 2>&1; then
			fail "cannot create database '$name' on the test server" "$(cat "$ERR")"
			finish
		fi
		MY_DATABASES+=("$name")
		;;
	esac
}

# sqlite_path URL: the file of an SQLite URL (sqlite:////abs/path.db).
sqlite_path() {
	printf '%s\n' "${1#sqlite:///}"
}

# sql_at URL QUERY: the query's result on that database (on SQLite,
# nothing when the file does not exist: sqlite3 would create it).
sql_at() {
	case "$DIALECT" in
	sqlite)
		[ -e "$(sqlite_path "$1")" ] || return 0
		sqlite3 -batch "$(sqlite_path "$1")" "$2" </dev/null
		;;
	postgres) psql "$1" -X -Atq -v ON_ERROR_STOP=1 -c "$2" </dev/null ;;
	mariadb) my_sql "$(my_database_of "$1")" "$2" ;;
	esac
}

# Columns of dbtool's own tables (other than the version table) that hold
# when or where something ran, which two runs cannot share.
VOLATILE_COLUMN='(_at|_by|time|date|when|duration|elapsed|_ms|host|pid|user)'

# db_state URL: the database's whole schema, then every table's rows in a
# fixed order, to compare two databases.
db_state() {
	local url=$1 t cols order
	case "$DIALECT" in
	sqlite)
		sql_at "$url" "SELECT type || ' ' || name || ' on ' || tbl_name || ': ' || ifnull(sql, '') FROM sqlite_master ORDER BY type, name"
		# Three sessions, not several processes per table: the second
		# writes one query per table (its columns in order, less the
		# volatile ones of dbtool's own tables), the third runs them.
		[ -e "$(sqlite_path "$url")" ] || return 0
		local volatile=${VOLATILE_COLUMN//[()]/} cond='' w
		for w in ${volatile//|/ }; do
			cond+="${cond:+ OR }instr(lower(p.name), '$w') > 0"
		done
		sqlite3 -batch "$(sqlite_path "$url")" "WITH cols AS (
			SELECT m.name AS t, p.name AS c, '\"' || replace(p.name, '\"', '\"\"') || '\"' AS q,
				row_number() OVER (PARTITION BY m.name ORDER BY p.cid) AS k
			FROM sqlite_master m JOIN pragma_table_info(m.name) p
			WHERE m.type = 'table' AND substr(m.name, 1, 7) <> 'sqlite_'
			  AND NOT (substr(m.name, 1, 7) = 'dbtool_' AND m.name <> 'dbtool_version' AND ($cond))
			ORDER BY m.name, p.cid)
			SELECT 'SELECT ' || quote('rows of ' || t || ' (' || group_concat(q, ',') || '):') || ';' || char(10) ||
				'SELECT ' || group_concat(q, ',') || ' FROM \"' || replace(t, '\"', '\"\"') || '\" ORDER BY ' ||
				group_concat(k, ',') || ';'
			FROM cols GROUP BY t ORDER BY t" </dev/null |
			sqlite3 -batch -cmd '.mode quote' "$(sqlite_path "$url")"
		;;
	postgres)
		# Two sessions, not one per table: this runs some thirty times.
		pg_dump "$url" --schema-only --no-owner --no-privileges </dev/null |
			grep -vE '^(--|SET |SELECT pg_catalog\.set_config|\\(un)?restrict )' | grep -v '^$'
		sql_at "$url" "WITH cols AS (
			SELECT c.table_name AS t, string_agg(quote_ident(c.column_name), ', ' ORDER BY c.ordinal_position) AS cols
			FROM information_schema.columns c JOIN information_schema.tables USING (table_schema, table_name)
			WHERE c.table_schema = 'public' AND table_type = 'BASE TABLE'
			  AND (c.table_name NOT LIKE 'dbtool\_%' OR c.table_name = 'dbtool_version' OR c.column_name !~* '$VOLATILE_COLUMN')
			GROUP BY c.table_name)
			SELECT 'rows of ' || t || ' (' || cols || '): ' || coalesce((xpath('/row/j/text()', query_to_xml(
				format('SELECT json_agg(x ORDER BY x::text) AS j FROM (SELECT %s FROM public.%I) x', cols, t),
				false, true, '')))[1]::text, '[]')
			FROM cols ORDER BY t COLLATE \"C\""
		;;
	mariadb)
		# The schema as mariadb-dump writes it (less the tables'
		# AUTO_INCREMENT counters, which a table's inserts move
		# alike), then the rows: two sessions, the first writing one
		# query per table, the second running them.  The journal is
		# the online run's alone.
		local db
		db=$(my_database_of "$url")
		my_dump "$db" --no-data --compact --skip-comments --ignore-table="$db.dbtool_journal" |
			sed 's/ AUTO_INCREMENT=[0-9]*//'
		my_sql_raw "$db" "SELECT CONCAT('SELECT ''rows of ', t, ' (', cols, '):'';\nSELECT ', cols,
			' FROM \`', t, '\` ORDER BY ', cols, ';') FROM (
			SELECT c.table_name AS t, GROUP_CONCAT(CONCAT('\`', c.column_name, '\`') ORDER BY c.ordinal_position) AS cols
			FROM information_schema.columns c JOIN information_schema.tables USING (table_schema, table_name)
			WHERE c.table_schema = DATABASE() AND table_type = 'BASE TABLE' AND c.table_name <> 'dbtool_journal'
			  AND (c.table_name NOT LIKE 'dbtool\\_%' OR c.table_name = 'dbtool_version'
			       OR NOT c.column_name REGEXP '$VOLATILE_COLUMN')
			GROUP BY c.table_name) x ORDER BY BINARY t" </dev/null | my_sql_raw "$db"
		;;
	esac
}

# tables_at URL: the tables of that database, sorted.
tables_at() {
	case "$DIALECT" in
	sqlite) sql_at "$1" "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'" ;;
	postgres) sql_at "$1" "SELECT tablename FROM pg_tables WHERE schemaname = 'public'" ;;
	mariadb) sql_at "$1" "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name <> 'dbtool_journal'" ;;
	esac | LC_ALL=C sort
}

# version_at URL: the version that database is at (nothing at base).
version_at() {
	if tables_at "$1" | grep -qx dbtool_version; then
		sql_at "$1" "SELECT version_num FROM dbtool_version"
	fi
}

# bytes_of URL: for SQLite the checksum of the file (or "absent"); for
# PostgreSQL nothing more than db_state can see.
bytes_of() {
	local f
	[ "$DIALECT" = sqlite ] || return 0
	f=$(sqlite_path "$1")
	if [ -e "$f" ]; then
		sha256sum <"$f"
	else
		echo absent
	fi
}

# apply_script URL FILE: feeds an offline script to the database's own
# client, stopping at the first error, as a user would.
apply_script() {
	local url=$1 file=$2 what
	what="$(basename "$file") fed to $(case $DIALECT in postgres) echo psql ;; *) echo "$DIALECT" ;; esac)"
	case "$DIALECT" in
	sqlite) sqlite3 -batch -bail "$(sqlite_path "$url")" <"$file" >"$OUT" 2>"$ERR" ;;
	postgres)
		PGOPTIONS='-c client_min_messages=warning' \
			psql "$url" -X -q -v ON_ERROR_STOP=1 -f "$file" >"$OUT" 2>"$ERR" </dev/null
		;;
	# (in batch mode the mariadb client stops at the first error)
	mariadb) my_sql_raw "$(my_database_of "$url")" <"$file" >"$OUT" 2>"$ERR" ;;
	esac
	STATUS=$?
	if [ "$STATUS" = 0 ] && [ ! -s "$ERR" ]; then
		pass "$what runs without an error"
	else
		fail "$what should run without an error" "$(show_output)"
	fi
}

# tree: every file of the project folder with its checksum, and every
# path in it.  (The snapshot of lib.sh would create a missing SQLite file
# when it reads the database.)
tree() {
	(cd "$PROJECT" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum)
	(cd "$PROJECT" && find . -print | LC_ALL=C sort)
}

# offline URL FILE ARGS...: `dbtool -u URL ARGS...` (an --sql command) into
# FILE; it must exit 0 and leave the database and the project folder
# exactly as they were.
offline() {
	local url=$1 file=$2 before_state before_bytes before_tree
	shift 2
	before_state=$(db_state "$url")
	before_bytes=$(bytes_of "$url")
	before_tree=$(tree)
	expect_ok dbtool -u "$url" "$@"
	cp "$OUT" "$file"
	expect_stdout_match '^-- dbtool (upgrade|downgrade), '
	expect_same "$before_tree" "$(tree)" "'$LAST_CMD' leaves the project folder as it was"
	expect_same "$before_state" "$(db_state "$url")" "'$LAST_CMD' leaves the database's schema, rows and version as they were"
	if [ "$DIALECT" = sqlite ]; then
		expect_eq "$(bytes_of "$url")" "$before_bytes" "'$LAST_CMD' leaves the database file byte for byte as it was (or absent)"
	fi
}

# expect_same BEFORE AFTER DESCRIPTION: equal texts, else their diff.
expect_same() {
	if [ "$1" = "$2" ]; then
		pass "$3"
	else
		fail "$3" "$(diff <(printf '%s\n' "$1") <(printf '%s\n' "$2") | sed 's/^</before:/; s/^>/after: /')"
	fi
}

# same_state WHAT: B (scripts) and C (dbtool) hold the same schema, rows
# and version.
same_state() {
	local b c
	b=$(db_state "$B")
	c=$(db_state "$C")
	if [ "$b" = "$c" ]; then
		pass "$1: the database fed the script equals the one dbtool migrated"
	else
		fail "$1: the database fed the script should equal the one dbtool migrated" \
			"$(diff <(printf '%s\n' "$b") <(printf '%s\n' "$c") | sed 's/^</script:/; s/^>/dbtool:/')"
	fi
}

# ---------------------------------------------------- transaction shape

# shape FILE: one line per revision in the script, "FROM -> TO: SHAPE",
# where SHAPE spells its lines that are not comments: B for "BEGIN;", C
# for "COMMIT;", s for a run of other lines.  SQLite's switching of
# foreign keys around each transaction (test_offline_parity.sh) is left
# out.
shape() {
	awk '
	function flush() { if (label != "") print label ": " s }
	/^-- (upgrade|downgrade) .* -> / {
		flush()
		label = $0
		sub(/^-- (upgrade|downgrade) /, "", label)
		sub(/, .*/, "", label)
		s = ""
		next
	}
	label == "" { next }
	/^[ \t]*$/ || /^[ \t]*--/ { next }
	/^PRAGMA foreign_keys = (ON|OFF);$/ { next }
	/^BEGIN;$/ { s = s "B"; next }
	/^COMMIT;$/ { s = s "C"; next }
	{ if (substr(s, length(s)) != "s") s = s "s" }
	END { flush() }
	' "$1"
}

# outside_tx FILE PATTERN: "yes" when every line matching PATTERN is
# outside BEGIN; ... COMMIT;, "no" when one is inside, "none" without one.
outside_tx() {
	awk -v pat="$2" '
	/^BEGIN;$/ { tx = 1; next }
	/^COMMIT;$/ { tx = 0; next }
	$0 ~ pat { seen = 1; if (tx) inside = 1 }
	END { print seen ? (inside ? "no" : "yes") : "none" }
	' "$1"
}

# expect_shape FILE EXPECTED: the shape of the script, one revision per
# line; the non-transactional revision is checked on its own.  EXPECTED
# spells a transactional revision "BsC"; on MariaDB, where DDL commits at
# once, every revision has the shape of a non-transactional one, "sBsC".
expect_shape() {
	local want=$2
	if [ "$DIALECT" = mariadb ]; then
		want=${want//: BsC/: sBsC}
		expect_eq "$(shape "$1")" "$want" "$(basename "$1"): no revision's statements run between BEGIN and COMMIT (DDL commits at once), only its version rows after them"
		return
	fi
	expect_eq "$(shape "$1")" "$want" "$(basename "$1"): each revision runs between BEGIN and COMMIT, but $NOTX (transaction: false) runs its statements outside"
}

# ------------------------------------------------------------- revisions

expect_ok dbtool -q init

TITLE_TYPE=TEXT
AUTHOR_INDEX="author_id, title"
case "$DIALECT" in
sqlite)
	NOTX_UP="CREATE INDEX ix_books_title ON books (title);
VACUUM;"
	NOTX_DOWN="DROP INDEX ix_books_title;
VACUUM;"
	NOTX_PATTERN='^(CREATE INDEX ix_books_title|DROP INDEX ix_books_title|VACUUM)'
	TRIGGER_UP="CREATE TRIGGER books_trim AFTER INSERT ON books BEGIN UPDATE books SET title = trim(title) WHERE id = NEW.id; END;"
	TRIGGER_DOWN="DROP TRIGGER books_trim;"
	;;
postgres)
	NOTX_UP="CREATE INDEX CONCURRENTLY ix_books_title ON books (title);
CREATE INDEX CONCURRENTLY ix_books_author ON books (author_id, title);"
	NOTX_DOWN="DROP INDEX CONCURRENTLY ix_books_author;
DROP INDEX CONCURRENTLY ix_books_title;"
	NOTX_PATTERN='INDEX CONCURRENTLY'
	TRIGGER_UP='CREATE FUNCTION trim_title() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.title := trim(NEW.title); RETURN NEW; END; $$;
CREATE TRIGGER books_trim BEFORE INSERT ON books FOR EACH ROW EXECUTE FUNCTION trim_title();'
	TRIGGER_DOWN="DROP TRIGGER books_trim ON books;
DROP FUNCTION trim_title();"
	;;
mariadb)
	# MariaDB's online index builds stand for PostgreSQL's CONCURRENTLY
	# (they run outside any transaction there too, as every statement
	# of a revision does); a TEXT column takes no key without a prefix
	# length, so the title is a VARCHAR.  The second index does not
	# start with author_id: it would take over from the index of the
	# foreign key on it, which MariaDB then drops, and the downgrade
	# could not drop it while the key needs it.
	TITLE_TYPE="VARCHAR(200)"
	AUTHOR_INDEX="title, author_id"
	NOTX_UP="CREATE INDEX ix_books_title ON books (title) ALGORITHM=INPLACE LOCK=NONE;
CREATE INDEX ix_books_author ON books ($AUTHOR_INDEX) ALGORITHM=INPLACE LOCK=NONE;"
	NOTX_DOWN="DROP INDEX ix_books_author ON books;
DROP INDEX ix_books_title ON books;"
	NOTX_PATTERN='INDEX ix_books_(title|author)'
	TRIGGER_UP="CREATE TRIGGER books_trim BEFORE INSERT ON books FOR EACH ROW SET NEW.title = TRIM(NEW.title);"
	TRIGGER_DOWN="DROP TRIGGER books_trim;"
	;;
esac
NOTX=off03

new_revision off01 "" "authors" \
	"CREATE TABLE authors (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL);
/* a comment; with a semicolon */
INSERT INTO authors (id, name) VALUES (1, 'Ann; -- not a comment'), (2, 'Bob''s /* not either */');" \
	"DROP TABLE authors;" >/dev/null
new_revision off02 off01 "books" \
	"CREATE TABLE books (
	id INTEGER PRIMARY KEY,
	author_id INTEGER NOT NULL REFERENCES authors (id),
	title $TITLE_TYPE NOT NULL
);
INSERT INTO books (id, author_id, title) VALUES (1, 1, 'First'), (2, 2, 'Second; part');" \
	"DROP TABLE books;" >/dev/null
new_revision off03 off02 "indexes outside a transaction" "$NOTX_UP" "$NOTX_DOWN" \
	"-- transaction: false" >/dev/null
new_revision off04 off03 "born and a trigger" \
	"ALTER TABLE authors ADD COLUMN born INTEGER;
UPDATE authors SET born = 1900 WHERE id = 1;
$TRIGGER_UP" \
	"$TRIGGER_DOWN
ALTER TABLE authors DROP COLUMN born;" >/dev/null

# The fifth revision comes from the model: a database G at off04 and a
# model that widens a column (a table rebuild on SQLite) and adds a table.
cat >schema.sql <<EOF
CREATE TABLE authors (
	id INTEGER PRIMARY KEY,
	name VARCHAR(200) NOT NULL,
	born INTEGER
);
CREATE TABLE books (
	id INTEGER PRIMARY KEY,
	author_id INTEGER NOT NULL REFERENCES authors (id),
	title $TITLE_TYPE NOT NULL
);
CREATE INDEX ix_books_title ON books (title);
CREATE TABLE reviews (
	id INTEGER PRIMARY KEY,
	book_id INTEGER NOT NULL REFERENCES books (id) ON DELETE CASCADE,
	body TEXT DEFAULT 'none; really -- no',
	stars INTEGER NOT NULL DEFAULT 3 CHECK (stars >= 1 AND stars <= 5)
);
CREATE INDEX ix_reviews_book ON reviews (book_id);
EOF
if [ "$DIALECT" != sqlite ]; then
	printf 'CREATE INDEX ix_books_author ON books (%s);\n' "$AUTHOR_INDEX" >>schema.sql
fi
# The model holds off04's trigger too: dbtool manages the triggers the
# model declares and drops the others.
printf '%s\n' "$TRIGGER_UP" >>schema.sql
new_database gen
G=$NEW_URL
expect_ok dbtool -u "$G" upgrade
expect_eq "$(version_at "$G")" off04 "the database for migrate is at off04"
expect_ok dbtool -u "$G" migrate -m "reviews; and wider names"
off05=$(sed -n 's/^-- id: //p' "$(cat "$OUT")")
expect_eq "$(grep -c . <<<"$off05")" 1 "migrate wrote the fifth revision"
expect_eq "$(sed -n 's/^-- parent: //p' "$(cat "$OUT")")" off04 "the fifth revision follows off04"

new_revision off06 "$off05" "rows" \
	"INSERT INTO reviews (id, book_id, body) VALUES (1, 1, 'great; -- really');
INSERT INTO reviews (id, book_id, body, stars) VALUES (2, 2, 'it''s /* fine */', 5);
INSERT INTO books (id, author_id, title) VALUES (3, 2, '  padded  ');" \
	"DELETE FROM books WHERE id = 3;
DELETE FROM reviews WHERE id IN (1, 2);" >/dev/null
expect_ok dbtool -u "$G" upgrade
expect_eq "$(version_at "$G")" off06 "the whole chain applies with dbtool"
expect_eq "$(sql_at "$G" "SELECT title FROM books WHERE id = 3")" padded "the trigger of off04 ran"

A=$TEST_URL
new_database script
B=$NEW_URL
new_database real
C=$NEW_URL
S=$WORK/scripts
mkdir -p "$S"

UP_ALL="<base> -> off01: BsC
off01 -> off02: BsC
off02 -> off03: sBsC
off03 -> off04: BsC
off04 -> $off05: BsC
$off05 -> off06: BsC"

# --- base to head: A is the fresh database of setup_db, with no file yet
# on SQLite; --sql must not create it.
offline "$A" "$S/up.sql" upgrade --sql
expect_stdout_contains "from <base> to off06"
expect_shape "$S/up.sql" "$UP_ALL"
expect_eq "$(outside_tx "$S/up.sql" "$NOTX_PATTERN")" yes "the statements of $NOTX are outside BEGIN/COMMIT in up.sql"
expect_eq "$(grep -c '^-- upgrade ' "$S/up.sql")" 6 "up.sql upgrades six revisions"
expect_eq "$(grep -ciE 'dbtool_version' "$S/up.sql" | awk '$1 >= 7 { print "yes" }')" yes \
	"up.sql creates the version table and sets it after every revision"
apply_script "$B" "$S/up.sql"
expect_ok dbtool -u "$C" upgrade
same_state "upgrade from base to head"
expect_eq "$(version_at "$B")" off06 "the script leaves the version at off06"
expect_eq "$(sql_at "$B" "SELECT title FROM books WHERE id = 3")" padded "the script created the trigger before the rows that need it"
expect_eq "$(tables_at "$A")" "" "the database --sql ran against still has no table"

# --- head to base
offline "$C" "$S/down.sql" downgrade --sql base
expect_stdout_contains "from off06 to <base>"
expect_shape "$S/down.sql" "off06 -> $off05: BsC
$off05 -> off04: BsC
off04 -> off03: BsC
off03 -> off02: sBsC
off02 -> off01: BsC
off01 -> <base>: BsC"
expect_eq "$(outside_tx "$S/down.sql" "$NOTX_PATTERN")" yes "the statements of $NOTX are outside BEGIN/COMMIT in down.sql"
apply_script "$B" "$S/down.sql"
expect_ok dbtool -u "$C" downgrade base
same_state "downgrade from head to base"
expect_eq "$(version_at "$B")" "" "the downgrade script leaves no version"
expect_eq "$(tables_at "$B" | grep -vx 'dbtool_.*')" "" "the downgrade script leaves no table of the chain"

# --- base to head again (the script of a fresh database works on one that
# went down to base), then down by -2
apply_script "$B" "$S/up.sql"
expect_ok dbtool -u "$C" upgrade
same_state "upgrade from base to head, a second time"
offline "$C" "$S/down2.sql" downgrade --sql -2
expect_shape "$S/down2.sql" "off06 -> $off05: BsC
$off05 -> off04: BsC"
apply_script "$B" "$S/down2.sql"
expect_ok dbtool -u "$C" downgrade -2
same_state "downgrade -2 from head"
expect_eq "$(version_at "$B")" off04 "the -2 script leaves the version at off04"

# --- up from a middle revision
offline "$C" "$S/up_mid.sql" upgrade --sql
expect_stdout_contains "from off04 to off06"
expect_shape "$S/up_mid.sql" "off04 -> $off05: BsC
$off05 -> off06: BsC"
apply_script "$B" "$S/up_mid.sql"
expect_ok dbtool -u "$C" upgrade
same_state "upgrade from off04 to head"

# --- down to a revision id, through the non-transactional revision
offline "$C" "$S/down_id.sql" downgrade --sql off02
expect_shape "$S/down_id.sql" "off06 -> $off05: BsC
$off05 -> off04: BsC
off04 -> off03: BsC
off03 -> off02: sBsC"
expect_eq "$(outside_tx "$S/down_id.sql" "$NOTX_PATTERN")" yes "the statements of $NOTX are outside BEGIN/COMMIT in down_id.sql"
apply_script "$B" "$S/down_id.sql"
expect_ok dbtool -u "$C" downgrade off02
same_state "downgrade from head to off02"
expect_eq "$(version_at "$B")" off02 "the script leaves the version at off02"

# --- up from a database that was only stamped: A has no table of the
# chain, but its version says off02, so its script starts there, exactly
# like the one of C, which really is at off02.
expect_ok dbtool -u "$A" stamp off02
offline "$A" "$S/up_stamped.sql" upgrade --sql
expect_stdout_contains "from off02 to off06"
expect_shape "$S/up_stamped.sql" "off02 -> off03: sBsC
off03 -> off04: BsC
off04 -> $off05: BsC
$off05 -> off06: BsC"
expect_eq "$(grep -c "INSERT INTO authors" "$S/up_stamped.sql")" 0 "the script of a stamped database leaves out the revisions up to the stamp"
offline "$C" "$S/up_from_c.sql" upgrade --sql
expect_eq "$(cat "$S/up_stamped.sql")" "$(cat "$S/up_from_c.sql")" \
	"the script depends on the version alone: stamped or migrated, the same"
apply_script "$B" "$S/up_stamped.sql"
expect_ok dbtool -u "$C" upgrade
same_state "upgrade of a stamped database from off02 to head"
expect_eq "$(version_at "$B")" off06 "the script leaves the version at off06"
expect_eq "$(version_at "$A")" off02 "the stamped database is still at off02"

# --- a target: up to a revision id, from base
new_database partial
P=$NEW_URL
offline "$P" "$S/up_to.sql" upgrade --sql off03
expect_stdout_contains "from <base> to off03"
expect_shape "$S/up_to.sql" "<base> -> off01: BsC
off01 -> off02: BsC
off02 -> off03: sBsC"
apply_script "$P" "$S/up_to.sql"
expect_eq "$(version_at "$P")" off03 "the script up to off03 leaves the version at off03"
expect_ok dbtool -u "$P" current
expect_stdout_eq "off03"
expect_fail 1 dbtool -u "$P" upgrade --sql off01
expect_error_line
expect_stdout_eq ""

# And dbtool, on the database the scripts made, finds it where it should.
expect_ok dbtool -u "$B" current
expect_stdout_eq "off06"
expect_ok dbtool -u "$B" check
expect_ok dbtool -u "$B" downgrade base
expect_eq "$(tables_at "$B" | grep -vx 'dbtool_.*')" "" "dbtool takes the scripted database back to base"

finish
