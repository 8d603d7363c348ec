#!/bin/bash
#
# test_badinput2.sh - more of the bad-input catalogue, on one dialect:
# database URLs, config files, models, revision headers and sections,
# targets, flags, servers that refuse, and read-only databases, each one
# not already in test_badinput.sh.  Every input must make dbtool exit 1 (2
# for a usage error) with exactly one line on stderr, "dbtool: error: ...",
# naming the place (file:line[:col], the option, the part of the URL) and
# what to do, print nothing on stdout, never print a password, and leave
# the project folder and the database exactly as they were.  The test ends
# by printing how many bad inputs it tried, with those of test_badinput.sh.
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_badinput2.sh sqlite|postgres|mariadb

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_db "$1"

NBAD=0

# db_snapshot: snapshot_db in SNAP_DB.  Read again only when a command
# has run since the last read (RUNS in lib.sh): the bad inputs follow one
# another, and the state a bad input left, read to check it, is the
# state the next one starts from, unless a command ran in between.  This
# halves the sessions that read the database.  SNAP_RUNS=-1 forgets it.
SNAP_DB=
SNAP_RUNS=-1
db_snapshot() {
	if [ "$SNAP_RUNS" != "$RUNS" ]; then
		SNAP_DB=$(snapshot_db)
		SNAP_RUNS=$RUNS
	fi
}

# snapshot_to VAR: what snapshot prints, in VAR.
snapshot_to() {
	local -n into=$1
	db_snapshot
	into=$(snapshot_files)$'\n'$SNAP_DB
}

# bad STATUS PLACE CMD...: one bad input.  CMD fails with STATUS and one
# error line that contains PLACE, prints nothing on stdout, and changes
# nothing.
bad() {
	local status=$1 place=$2 before
	shift 2
	NBAD=$((NBAD + 1))
	snapshot_to before
	expect_fail "$status" "$@"
	expect_error_line
	expect_stdout_eq ""
	expect_stderr_contains "$place"
	expect_unchanged "$before"
}

# expect_unchanged SNAPSHOT: the project and the database are as in
# SNAPSHOT.  When they are not, the difference is shown, and the files
# that appeared are removed and the database is taken back to its version,
# so that one failure does not spoil the checks after it.
expect_unchanged() {
	local before=$1 after version
	snapshot_to after
	if [ "$after" = "$before" ]; then
		pass "'$LAST_CMD' changes nothing"
		return
	fi
	fail "'$LAST_CMD' changes nothing" "$(diff <(printf '%s\n' "$before") <(printf '%s\n' "$after") | sed 's/^</before:/; s/^>/after: /')"
	LC_ALL=C comm -13 <(sed -n 's#^\./##p' <<<"$before" | LC_ALL=C sort) \
		<(cd "$PROJECT" && find . -type f | sed 's#^\./##' | LC_ALL=C sort) |
		while read -r f; do rm -f -- "$PROJECT/$f"; done
	SNAP_RUNS=-1
	version=$(sed -n 's/^version: //p' <<<"$before")
	if [ "$(db_version)" != "$version" ]; then
		"$DBTOOL" -q --url "$TEST_URL" downgrade "${version:-base}" >/dev/null 2>&1 </dev/null ||
			"$DBTOOL" -q --url "$TEST_URL" upgrade "${version:-base}" >/dev/null 2>&1 </dev/null
	fi
}

# put_file NAME TEXT: a revision file written by hand, header and all.
put_file() {
	printf '%s\n' "$2" >"migrations/versions/$1"
}

# put_model TEXT: the model file.
put_model() {
	printf '%s\n' "$1" >schema.sql
}

expect_ok dbtool -q init
new_revision ab1000 "" "create a" "CREATE TABLE a (id INTEGER PRIMARY KEY, name TEXT);" "DROP TABLE a;" >/dev/null
new_revision ab2000 ab1000 "create b" "CREATE TABLE b (id INTEGER PRIMARY KEY);" "DROP TABLE b;" >/dev/null
expect_ok dbtool upgrade ab1000
expect_version ab1000
sql_value "INSERT INTO a (id, name) VALUES (1, 'kept')" >/dev/null
# The database is at ab1000 with ab2000 pending, so every bad input below
# that got as far as running would change it.

mkdir "$WORK/nosock" "$WORK/cfg"

# ------------------------------------------------------------ URLs

bad 1 "url" dbtool --url "" upgrade
bad 1 "dialect://" dbtool --url "sqlite:/app.db" upgrade
bad 1 "database path" dbtool --url "sqlite:///ap%zzp.db" upgrade
bad 1 "port" dbtool --url "postgresql://bob:Sekr3tPw@localhost:70000/app" upgrade
expect_stderr_contains "65535"
expect_stderr_not_contains "Sekr3tPw"
bad 1 "port" dbtool --url "postgresql://bob:Sekr3tPw@localhost:5x32/app" upgrade
expect_stderr_not_contains "Sekr3tPw"
bad 1 "'sqlite3'" dbtool --url "sqlite3:///app.db" upgrade
expect_stderr_contains "expected sqlite, postgresql, mysql or mariadb"
bad 1 "']'" dbtool --url "postgresql://bob:Sekr3tPw@[::1/app" upgrade
expect_stderr_not_contains "Sekr3tPw"
bad 1 "IPv6" dbtool --url "postgresql://bob:Sekr3tPw@[::1]x/app" upgrade
expect_stderr_not_contains "Sekr3tPw"
bad 1 "driver" dbtool --url "postgresql+://bob@localhost/app" upgrade
bad 1 "'sslmode'" dbtool --url "postgresql://bob@localhost/app?sslmode" upgrade
expect_stderr_contains "key=value"
bad 1 "sqlite:///" dbtool --url "sqlite://localhost/app.db" upgrade
bad 1 "nosuchparam" dbtool --url "postgresql://bob:Sekr3tPw@/app?host=$WORK/nosock&nosuchparam=1" upgrade
expect_stderr_not_contains "Sekr3tPw"
expect_stderr_not_contains "localhost:5432"
# An SQLite URL's query parameters: a misspelt one must not be ignored, and
# mode=ro must not write.
if [ "$DIALECT" = sqlite ]; then
	bad 1 "'mdoe'" dbtool --url "sqlite:///$DB_FILE?mdoe=ro" upgrade
	bad 1 "$DB_FILE" dbtool --url "sqlite:///$DB_FILE?mode=ro" upgrade
	expect_stderr_match "read-?only"
fi

# ------------------------------------------------------------ config files

cfg=$WORK/cfg
printf '[dbtool]\nurl = %s\nscript_location = %s/migrations\nmodel = %s/schema.sql\n[tool.other]\nanything = at all\n' \
	"$TEST_URL" "$PROJECT" "$PROJECT" >"$cfg/other_section.ini"
expect_ok dbtool -c "$cfg/other_section.ini" current
expect_stdout_eq "ab1000"

printf '[dbtool]\nurl = %s\nscript_location\n' "$TEST_URL" >"$cfg/no_equals.ini"
bad 1 "no_equals.ini:3" dbtool -c "$cfg/no_equals.ini" current
expect_stderr_contains "key = value"
printf '[dbtool]\nurl = %s\nscript_location = %s/migrations\nurl = sqlite:///other.db\n' "$TEST_URL" "$PROJECT" >"$cfg/dup.ini"
bad 1 "dup.ini:4" dbtool -c "$cfg/dup.ini" upgrade
expect_stderr_contains "'url'"
printf '[dbtool]\nscript_location = %s/migrations\nurl = sqlite:///${DBTOOL_E2E_HOME\n' "$PROJECT" >"$cfg/open_brace.ini"
bad 1 "open_brace.ini:3" dbtool -c "$cfg/open_brace.ini" upgrade
expect_stderr_contains "'}'"
printf '[dbtool]\nscript_location = %s/migrations\nurl = ${}\n' "$PROJECT" >"$cfg/empty_var.ini"
bad 1 "empty_var.ini:3" dbtool -c "$cfg/empty_var.ini" upgrade
bad 1 "is a directory" dbtool -c "$cfg" upgrade
expect_stderr_contains "'$cfg'"
bad 1 "cannot open config file ''" dbtool -c "" upgrade
printf '[dbtool\nurl = %s\n' "$TEST_URL" >"$cfg/open_section.ini"
bad 1 "open_section.ini:1" dbtool -c "$cfg/open_section.ini" upgrade
printf '\xff\xfe[\x00d\x00b\x00]\x00\n' >"$cfg/binary.ini"
bad 1 "binary.ini:1" dbtool -c "$cfg/binary.ini" upgrade
printf '[dbtool]\nurl = %s\nscript_location = %s/nowhere\n' "$TEST_URL" "$PROJECT" >"$cfg/no_versions.ini"
bad 1 "nowhere/versions" dbtool -c "$cfg/no_versions.ini" upgrade
expect_eq "$([ -e "$PROJECT/nowhere" ] || echo absent)" absent "no versions folder was made"
# A malformed url in the file: the file and line are the place to fix.
printf '[dbtool]\nscript_location = %s/migrations\nurl = postgres//bob:Sekr3tPw@localhost/app\n' "$PROJECT" >"$cfg/bad_url.ini"
unset DATABASE_URL
bad 1 "bad_url.ini: url:" dbtool -c "$cfg/bad_url.ini" upgrade
expect_stderr_not_contains "Sekr3tPw"
# A key before any section is not silently dropped.
printf 'url = %s\n[dbtool]\nscript_location = %s/migrations\n' "$TEST_URL" "$PROJECT" >"$cfg/no_section.ini"
bad 1 "no_section.ini:1" dbtool -c "$cfg/no_section.ini" upgrade
# An empty url: the message names the file that sets it.
printf '[dbtool]\nurl =\nscript_location = %s/migrations\n' "$PROJECT" >"$cfg/empty_url.ini"
bad 1 "empty_url.ini" dbtool -c "$cfg/empty_url.ini" upgrade
export DATABASE_URL=$TEST_URL

# ------------------------------------------------------- revision files

put_file zz11_x.sql "-- parent: ab2000
-- message: no id
-- created: 2026-01-02T03:04:05Z

-- migrate:upgrade
CREATE TABLE z (id INTEGER);

-- migrate:downgrade
DROP TABLE z;"
bad 1 "zz11_x.sql:1" dbtool upgrade
expect_stderr_contains "'id'"
rm migrations/versions/zz11_x.sql

put_file zz12_x.sql "-- id: Bad-Id!
-- parent: ab2000
-- message: bad id

-- migrate:upgrade
CREATE TABLE z (id INTEGER);

-- migrate:downgrade
DROP TABLE z;"
bad 1 "zz12_x.sql:1" dbtool upgrade
expect_stderr_contains "'Bad-Id!'"
rm migrations/versions/zz12_x.sql

put_file zz13_x.sql "-- id:
-- parent: ab2000
-- message: empty id

-- migrate:upgrade
-- migrate:downgrade"
bad 1 "zz13_x.sql:1" dbtool upgrade
rm migrations/versions/zz13_x.sql

put_file zz14_x.sql "-- id: zz14
-- parent: ab2000
-- message: transaction maybe
-- transaction: maybe

-- migrate:upgrade
CREATE TABLE z (id INTEGER);

-- migrate:downgrade
DROP TABLE z;"
bad 1 "zz14_x.sql:4" dbtool upgrade
expect_stderr_contains "'maybe'"
expect_stderr_contains "true or false"
rm migrations/versions/zz14_x.sql

put_file zz15_x.sql "-- id: zz15
-- parent: ab2000
-- parent: ab1000
-- message: two parents

-- migrate:upgrade
CREATE TABLE z (id INTEGER);

-- migrate:downgrade
DROP TABLE z;"
bad 1 "zz15_x.sql:3" dbtool upgrade
expect_stderr_contains "'parent'"
rm migrations/versions/zz15_x.sql

put_file zz16_x.sql "-- ID: zz16
-- parent: ab2000
-- message: upper-case key

-- migrate:upgrade
-- migrate:downgrade"
bad 1 "zz16_x.sql:1" dbtool upgrade
expect_stderr_contains "'ID'"
rm migrations/versions/zz16_x.sql

put_file zz17_x.sql "-- id: zz17
-- parent: ab2000
-- message: the upgrade marker twice

-- migrate:upgrade
CREATE TABLE z (id INTEGER);
-- migrate:upgrade
CREATE TABLE y (id INTEGER);

-- migrate:downgrade
DROP TABLE z;"
bad 1 "zz17_x.sql:7" dbtool upgrade
rm migrations/versions/zz17_x.sql

put_file zz18_x.sql "-- id: zz18
-- parent: ab2000
-- message: downgrade first

-- migrate:downgrade
DROP TABLE z;

-- migrate:upgrade
CREATE TABLE z (id INTEGER);"
bad 1 "zz18_x.sql:5" dbtool upgrade
rm migrations/versions/zz18_x.sql

put_file zz19_x.sql "-- id: zz19
-- parent: ab2000
-- message: no downgrade marker

-- migrate:upgrade
CREATE TABLE z (id INTEGER);"
bad 1 "zz19_x.sql" dbtool upgrade
expect_stderr_contains "downgrade"
rm migrations/versions/zz19_x.sql

put_file zz20_x.sql "-- id: zz20
-- parent: ab2000
-- message: unknown marker

-- migrate:upgrade
CREATE TABLE z (id INTEGER);
-- migrate:downgrade
DROP TABLE z;
-- migrate:sideways
SELECT 1;"
bad 1 "zz20_x.sql:9" dbtool upgrade
expect_stderr_contains "sideways"
rm migrations/versions/zz20_x.sql

put_file zz21_x.sql "-- id zz21
-- parent: ab2000
-- message: a colon missing

-- migrate:upgrade
-- migrate:downgrade"
bad 1 "zz21_x.sql:" dbtool upgrade
expect_stderr_contains "header"
rm migrations/versions/zz21_x.sql

: >migrations/versions/zz22_x.sql
bad 1 "zz22_x.sql:1" dbtool upgrade
rm migrations/versions/zz22_x.sql

printf '\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01' >migrations/versions/zz23_x.sql
bad 1 "zz23_x.sql" dbtool history
rm migrations/versions/zz23_x.sql

new_revision zz24 zz24 "its own parent" "" "" >/dev/null
bad 1 "zz24" dbtool upgrade
expect_stderr_match "[Cc]ycle"
rm migrations/versions/zz24_x.sql

# Sections that the database refuses: the revision is rolled back, the
# error is one line that names the file and line.
#
# bad_revision PLACE TEXT: the pending revision zz25, whose first statement
# (CREATE TABLE z) runs and whose second the database refuses, fails
# 'dbtool upgrade' at PLACE, saying TEXT.  MariaDB, which commits DDL at once, cannot
# roll it back: its CREATE TABLE stays and the journal's row says so
# (the README's "Revisions on a database whose DDL commits at once");
# undone by hand as the message says (DROP TABLE z, then 'dbtool stamp
# ab2000'), the project and the database must then be as before.
bad_revision() {
	local before
	if [ "$DIALECT" != mariadb ]; then
		bad 1 "$1" dbtool upgrade
		expect_stderr_contains "$2"
		return
	fi
	NBAD=$((NBAD + 1))
	snapshot_to before
	expect_fail 1 dbtool upgrade
	expect_error_line
	expect_stdout_eq ""
	expect_stderr_contains "$1"
	expect_stderr_contains "$2"
	expect_stderr_contains "upgrade zz25 stopped at its statement 2, after 1 committed"
	expect_eq "$(sql_value "SELECT CONCAT_WS(' ', version_num, direction, statements) FROM dbtool_journal")" \
		"zz25 upgrade 1" "the journal says that zz25 stopped after its first statement"
	expect_tables "a b dbtool_version z"
	sql_value "DROP TABLE z"
	expect_ok dbtool stamp ab2000
	expect_unchanged "$before"
}
new_revision zz25 ab2000 "a typo in the SQL" "CREATE TABLE z (id INTEGER);
CREAT TABLE y (id INTEGER);" "DROP TABLE z;" >/dev/null
expect_ok dbtool upgrade ab2000
expect_version ab2000
bad_revision "zz25_x.sql:8" "CREAT"
new_revision zz25 ab2000 "an unterminated string" "CREATE TABLE z (id INTEGER);
INSERT INTO z (id) VALUES ('oops);" "DROP TABLE z;" >/dev/null
bad_revision "zz25_x.sql:8" "'oops"
rm migrations/versions/zz25_x.sql
expect_ok dbtool downgrade ab1000
expect_version ab1000

# A revision file with CRLF line ends is fine.
printf -- '-- id: crlf1\r\n-- parent: ab2000\r\n-- message: crlf\r\n\r\n-- migrate:upgrade\r\nCREATE TABLE crlf (id INTEGER);\r\n\r\n-- migrate:downgrade\r\nDROP TABLE crlf;\r\n' \
	>migrations/versions/crlf1_x.sql
expect_ok dbtool history
expect_stdout_contains "crlf1"
rm migrations/versions/crlf1_x.sql

# ------------------------------------------------------------ targets

bad 1 "'-1'" dbtool upgrade -1
expect_stderr_contains "dbtool downgrade"
bad 1 "'+1'" dbtool downgrade +1
expect_stderr_contains "dbtool upgrade"
bad 1 "'head'" dbtool downgrade head
expect_stderr_contains "dbtool upgrade"
bad 1 "''" dbtool upgrade ""
bad 1 "'+x'" dbtool upgrade +x
bad 1 "'+99999999999999999999'" dbtool upgrade +99999999999999999999
bad 1 "'nosuch'" dbtool history -r nosuch:ab2000
bad 2 "A:B" dbtool history -r ab1000
bad 2 "'-x'" dbtool upgrade -x
bad 2 "'extra'" dbtool upgrade head extra
bad 1 "'ab'" dbtool stamp ab
expect_stderr_contains "ab2000"

# +0 and -0 name the current revision: nothing to do, not an error.
before=$(snapshot)
expect_ok dbtool upgrade +0
expect_ok dbtool downgrade -0
expect_eq "$(snapshot)" "$before" "'upgrade +0' and 'downgrade -0' change nothing"

# ------------------------------------------------------------ flags

bad 2 "'--sq'" dbtool upgrade --sq
bad 2 "'-m'" dbtool migrate -m
bad 2 "'--sql'" dbtool downgrade --sql=yes base
bad 2 "--format" dbtool current --format
bad 2 "--lock-timeout" dbtool --lock-timeout 0 upgrade
expect_stderr_contains "'0'"
bad 2 "--lock-timeout" dbtool --lock-timeout -1 upgrade
bad 2 "--lock-timeout" dbtool --lock-timeout 99999999999999999999 upgrade
bad 2 "-m" dbtool revision -m ""
bad 2 "-m" dbtool revision -m "   "

# ------------------------------------------------------------ models

expect_ok dbtool upgrade
expect_version ab2000
model_ok='CREATE TABLE a (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE b (id INTEGER PRIMARY KEY);'
put_model "$model_ok"
expect_ok dbtool check

# bad_model COMMAND PLACE MODEL: the model fails COMMAND at PLACE.
bad_model() {
	put_model "$3"
	case "$1" in
	migrate) bad 1 "$2" dbtool migrate -m "from a bad model" ;;
	*) bad 1 "$2" dbtool "$1" ;;
	esac
}
bad_model check "schema.sql:4:1" "$model_ok
CREATE TABLE t (id INTEGER PRIMARY KEY"
bad_model create-all "schema.sql:3:14" "$model_ok
CREATE TABLE (id INTEGER);"
bad_model migrate "schema.sql:3:28" "$model_ok
CREATE TABLE t (id INTEGER,);"
bad_model check "schema.sql:3:28" "$model_ok
CREATE TABLE t (id VARCHAR(abc));"
bad_model create-all "schema.sql:3:35" "$model_ok
CREATE TABLE t (id INTEGER DEFAULT);"
bad_model migrate "schema.sql:3:38" "$model_ok
CREATE TABLE t (id INTEGER REFERENCES);"
bad_model check "schema.sql:3:1" "$model_ok
DROP VIEW a;"
bad_model check "schema.sql:3:12" "$model_ok
DROP TABLE nope;"
bad_model create-all "schema.sql:3:29" "$model_ok
CREATE TABLE t (id INTEGER) extra;"
bad_model migrate "schema.sql:3:1" "$model_ok
CREATE TEMP TABLE t (id INTEGER);"
bad_model check "schema.sql:3:33" "$model_ok
CREATE TABLE t (id TEXT DEFAULT \$\$abc);"
bad_model create-all "schema.sql:3:30" "$model_ok
CREATE TABLE t (id NUMERIC(5,1001));"
bad_model migrate "schema.sql:3:15" "$model_ok
CREATE UNIQUE TABLE t (id INTEGER);"
bad_model check "schema.sql:3:78" "$model_ok
CREATE TABLE t (id INTEGER PRIMARY KEY, x INTEGER REFERENCES t (id) ON DELETE);"
bad_model create-all "schema.sql:3:41" "$model_ok
CREATE TABLE t (id INTEGER DEFAULT (1 + );"
# A CHECK whose expression is cut short: the model's line is the place,
# not the SQL that dbtool made from it.
bad_model create-all "schema.sql:3" "$model_ok
CREATE TABLE t (id INTEGER CHECK (id >));"
printf '%s\nCREATE TABLE t (id\0 INTEGER);\n' "$model_ok" >schema.sql
NBAD=$((NBAD + 1))
before=$(snapshot)
expect_fail 1 dbtool migrate -m nul
expect_error_line
expect_stderr_contains "schema.sql:3:19"
expect_unchanged "$before"
put_model "$model_ok"
expect_ok dbtool downgrade ab1000

# ------------------------------------------------- servers and databases

# with_param URL KEY=VALUE: the URL with one more query parameter.
with_param() {
	case "$1" in
	*\?*) printf '%s&%s\n' "$1" "$2" ;;
	*) printf '%s?%s\n' "$1" "$2" ;;
	esac
}

case "$DIALECT" in
postgres)
	# The test cluster's URL with other parts.
	re='^([^:]+://)([^:@/]*):([^@/]*)@([^?]*)(\?.*)?$'
	[[ $TEST_URL =~ $re ]] || fail "the test URL has no user and password"
	scheme=${BASH_REMATCH[1]} user=${BASH_REMATCH[2]} hostdb=${BASH_REMATCH[4]} query=${BASH_REMATCH[5]}
	bad 1 "nosuchuser" dbtool --url "${scheme}nosuchuser:$PG_PASSWORD_RAW@$hostdb$query" upgrade
	expect_stderr_contains "password authentication failed"
	bad 1 "no password" dbtool --url "$scheme$user@$hostdb$query" upgrade
	bad 1 "password authentication failed" dbtool --url "$(with_param "$scheme$user@$hostdb$query" password=zzSecret9)" upgrade
	expect_stderr_not_contains "zzSecret9"
	bad 1 "sslmode" dbtool --url "$(with_param "$TEST_URL" sslmode=bogus)" upgrade
	bad 1 "connect_timeout" dbtool --url "$(with_param "$TEST_URL" connect_timeout=soon)" current
	# A server that only allows reading: the statement and what it needs.
	bad 1 "read-only" dbtool --url "$(with_param "$TEST_URL" options=-c%20default_transaction_read_only%3Don)" upgrade
	;;
mariadb)
	# The test server's URL with other parts, and MariaDB's words.
	re='^([^:]+://)([^:@/]*):([^@/]*)@([^?]*)(\?.*)?$'
	[[ $TEST_URL =~ $re ]] || fail "the test URL has no user and password"
	scheme=${BASH_REMATCH[1]} user=${BASH_REMATCH[2]} hostdb=${BASH_REMATCH[4]} query=${BASH_REMATCH[5]}
	bad 1 "Access denied for user 'nosuchuser'" dbtool --url "${scheme}nosuchuser:$PG_PASSWORD_RAW@$hostdb$query" upgrade
	bad 1 "(using password: NO)" dbtool --url "$scheme$user@$hostdb$query" upgrade
	expect_stderr_contains "Access denied for user '$MY_USER'"
	bad 1 "'sslmode'" dbtool --url "$(with_param "$TEST_URL" sslmode=bogus)" upgrade
	expect_stderr_contains "unknown query parameter"
	bad 1 "connect_timeout" dbtool --url "$(with_param "$TEST_URL" connect_timeout=soon)" current
	bad 1 "character set bogus" dbtool --url "$(with_param "$TEST_URL" charset=bogus)" upgrade
	# A user that may only read: the statement and what it needs.
	ro_user=dbtool_ro_$$
	if my_sql "" "CREATE USER '$ro_user'@'localhost' IDENTIFIED BY 'Ro5ecret';
GRANT SELECT ON \`$MY_DATABASE\`.* TO '$ro_user'@'localhost'" >"$ERR" 2>&1; then
		bad 1 "command denied to user '$ro_user'" dbtool --url "$scheme$ro_user:Ro5ecret@$hostdb$query" upgrade
		expect_stderr_not_contains "Ro5ecret"
	else
		fail "cannot create user $ro_user" "$(cat "$ERR")"
	fi
	my_sql "" "DROP USER '$ro_user'@'localhost'" >/dev/null 2>&1
	;;
sqlite)
	printf 'not a database, only text\n' >"$PROJECT/notes.db"
	bad 1 "notes.db" dbtool --url "sqlite:///$PROJECT/notes.db" upgrade
	expect_stderr_contains "not a database"
	bad 1 "'$PROJECT/migrations'" dbtool --url "sqlite:///$PROJECT/migrations" upgrade
	rm "$PROJECT/notes.db"

	# A database file that cannot be written: chmod 444 is enough for a
	# user, not for root, which runs dbtool as "nobody" for this (and lets
	# it through the temporary folder to the read-only one).
	ro=$WORK/readonly
	mkdir "$ro"
	if [ "$(id -u)" = 0 ]; then
		chmod 711 "$WORK"
	fi
	cp "$DB_FILE" "$ro/app.db"
	cp -r migrations "$ro/"
	printf '[dbtool]\nurl = sqlite:///app.db\nscript_location = migrations\n' >"$ro/dbtool.ini"
	chmod -R a+rX "$ro"
	chmod 444 "$ro/app.db"
	chmod 555 "$ro"
	as=()
	if [ "$(id -u)" = 0 ]; then
		if runuser -u nobody -- "$DBTOOL" --version >/dev/null 2>&1; then
			as=(runuser -u nobody --)
		elif setpriv --reuid=65534 --regid=65534 --clear-groups "$DBTOOL" --version >/dev/null 2>&1; then
			as=(setpriv --reuid=65534 --regid=65534 --clear-groups)
		else
			fail "as root, cannot run dbtool as 'nobody' (runuser or setpriv) to test a read-only database"
		fi
	fi
	ro_sum=$(sha256sum <"$ro/app.db")
	NBAD=$((NBAD + 1))
	before=$(snapshot)
	# From the folder of the database: the project's own is not for nobody.
	cd "$ro" || exit 1
	run_cmd "${as[@]}" "$DBTOOL" --url "sqlite:///$ro/app.db" upgrade
	cd "$PROJECT" || exit 1
	expect_eq "$STATUS" 1 "upgrade of a read-only database file exits 1"
	expect_error_line
	expect_stdout_eq ""
	expect_stderr_contains "$ro/app.db"
	expect_stderr_match "read-?only"
	expect_eq "$(sha256sum <"$ro/app.db")" "$ro_sum" "the read-only database file is unchanged"
	expect_eq "$(ls -A "$ro" | tr '\n' ' ')" "app.db dbtool.ini migrations " "no journal or other file appeared beside it"
	expect_unchanged "$before"
	chmod 755 "$ro"
	chmod 644 "$ro/app.db"
	rm -rf -- "$ro"
	;;
esac

# After all that, the database is where it was, with its row.
expect_ok dbtool current
expect_stdout_eq "ab1000"
expect_eq "$(sql_value "SELECT name FROM a")" kept "the row of table a is still there"
expect_ok dbtool upgrade
expect_version ab2000

# The count, with the inputs of test_badinput.sh that run on this dialect.
old=$(awk -v dialect="$DIALECT" '
	/^if \[ "\$DIALECT" = [a-z]+ \]/ { only = $5 }
	/^fi/ { only = "" }
	/^[ \t]*(DATABASE_URL=[^ ]+ )?bad_input / { if (only == "" || only == dialect) n++ }
	END { print n + 0 }' "$E2E_DIR/test_badinput.sh")
echo "# bad inputs on $DIALECT: $NBAD in test_badinput2.sh + $old in test_badinput.sh = $((NBAD + old))"

finish
