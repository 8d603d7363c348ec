#!/bin/bash
#
# test_session.sh - what a session carries, on one dialect: the version and
# history tables stay in their schema (version_schema) whatever search_path
# a revision sets, and nothing a revision sets reaches the next one; the
# user's connection options (URL options=, PGOPTIONS) reach the read-only
# commands too, and are what each revision starts from (a service's
# options as well), with dbtool's own settings winning over them; drop-all and create-all work on the schema they reflect
# even when another schema comes first on search_path; and a statement
# that waits for a lock gives up after the statement lock timeout (flag,
# config key or revision header), naming the revision, the statement and
# the table, with nothing recorded.  On SQLite the settings are accepted
# and checked, and the lock timeout does not apply.  On MariaDB, which
# has no schemas, no search_path and no session options in its URL, a
# revision's sql_mode, checks, time zone and autocommit reach neither the
# next revision nor the bookkeeping, version_schema changes nothing, a
# revision's USE stops the run (the journal is not found in the other
# database) until the revision names that database instead, and the lock
# timeout gives up as on PostgreSQL, in the server's words.
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_session.sh sqlite|postgres|mariadb

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_db "$1"

expect_ok dbtool -q init

# -------------------------------------------------------- both dialects

# The settings are checked where they are written.
expect_fail 2 dbtool --statement-lock-timeout soon current
expect_stderr_contains "--statement-lock-timeout needs a number of seconds from 0 (no limit) to 86400, not 'soon'"
expect_fail 2 dbtool current --statement-lock-timeout -3
expect_stderr_contains "not '-3'"

cp dbtool.ini dbtool.ini.orig
printf 'statement_lock_timeout = 1.5\n' >>dbtool.ini
expect_fail 1 dbtool current
expect_stderr_contains "dbtool.ini:$(wc -l <dbtool.ini): invalid statement_lock_timeout '1.5': use a number of seconds from 0 (no limit) to 86400"
expect_error_line
cp dbtool.ini.orig dbtool.ini

bad=$(new_revision s001 "" "bad timeout" "CREATE TABLE s1 (id INTEGER);" "DROP TABLE s1;" \
	"-- lock_timeout: 2s")
expect_fail 1 dbtool upgrade
expect_stderr_contains "$bad:5: invalid value '2s' for header key 'lock_timeout': use a number of seconds from 0 (no limit) to 86400"
expect_tables ""
rm -f "$bad"

# A revision may set its own timeout; with a valid one it runs as usual.
new_revision s001 "" "timeout header" "CREATE TABLE s1 (id INTEGER);" "DROP TABLE s1;" \
	"-- lock_timeout: 3" >/dev/null
printf 'statement_lock_timeout = 0\nversion_schema = public\n' >>dbtool.ini
expect_ok dbtool --statement-lock-timeout 2 upgrade
expect_version s001
expect_ok dbtool show s001
expect_ok dbtool downgrade base
cp dbtool.ini.orig dbtool.ini
rm -f migrations/versions/s001_x.sql

if [ "$DIALECT" = sqlite ]; then
	finish
fi

# --------------------------------------------------------------- MariaDB

# MariaDB has no schemas and no search_path: what a revision can change in
# its session is the database (USE), sql_mode, foreign_key_checks,
# unique_checks, time_zone, autocommit and its user variables.  None of it
# may reach dbtool's bookkeeping, nor the session settings the next
# revision.  The PostgreSQL cases of a version table found elsewhere on
# search_path, of connection options (options=, PGOPTIONS) and of a schema
# named after the role have no counterpart: the version table is always
# the one in the URL's database, as below.
if [ "$DIALECT" = mariadb ]; then
	# The server's defaults, as a new session has them.
	defaults=$(sql_value "SELECT CONCAT_WS('|', @@session.sql_mode, @@session.foreign_key_checks, @@session.unique_checks, @@session.time_zone, @@session.autocommit, DATABASE())")
	seen_sql="SELECT CONCAT_WS('|', @@session.sql_mode, @@session.foreign_key_checks, @@session.unique_checks, @@session.time_zone, @@session.autocommit, DATABASE()) AS s"
	sets="SET SESSION sql_mode = 'ANSI_QUOTES,NO_BACKSLASH_ESCAPES,PIPES_AS_CONCAT', foreign_key_checks = 0, unique_checks = 0, time_zone = '+05:00', autocommit = 0;
SET @dbtool_note = 'set by a revision';"
	new_revision m001 "" "session settings" "$sets" "$sets" >/dev/null
	new_revision m002 m001 "what the next one sees" "CREATE TABLE seen AS $seen_sql;" "DROP TABLE seen;" >/dev/null
	# The same from a revision marked '-- transaction: false', which is
	# journaled all the same there.
	new_revision m003 m002 "session settings, no transaction" "$sets" "$sets" \
		"-- transaction: false" >/dev/null
	new_revision m004 m003 "what the next one sees" "CREATE TABLE seen2 AS $seen_sql;" "DROP TABLE seen2;" >/dev/null
	expect_ok dbtool upgrade
	expect_eq "$(grep -c 'upgrade ' "$ERR")" 4 "each revision is applied once"
	expect_ok dbtool current
	expect_stdout_eq m004
	expect_version m004
	expect_eq "$(sql_value "SELECT s FROM seen")" "$defaults" "the next revision runs with the server's sql_mode, checks, time zone and autocommit, in the URL's database"
	expect_eq "$(sql_value "SELECT s FROM seen2")" "$defaults" "the same after a revision outside a transaction"
	expect_eq "$(sql_value "SELECT GROUP_CONCAT(version_num ORDER BY version_num) FROM dbtool_history WHERE checksum REGEXP '^[0-9a-f]{64}\$' AND applied_at LIKE '____-__-__T__:__:__Z'")" \
		"m001,m002,m003,m004" "the history has each revision once, with its checksum and time"
	expect_eq "$(sql_value "SELECT COUNT(*) FROM dbtool_journal")" 0 "the journal is empty"
	expect_ok dbtool downgrade base
	expect_version ""
	expect_eq "$(sql_value "SELECT COUNT(*) FROM dbtool_history")" 0 "the downgrade empties the history"
	expect_tables "dbtool_version"
	rm -f migrations/versions/m00*_x.sql

	# version_schema does not apply: the tables stay in the URL's database.
	printf 'version_schema = meta\n' >>dbtool.ini
	new_revision v001 "" "one table" "CREATE TABLE v1 (id INTEGER);" "DROP TABLE v1;" >/dev/null
	expect_ok dbtool upgrade
	expect_version v001
	expect_ok dbtool downgrade base
	cp dbtool.ini.orig dbtool.ini
	rm -f migrations/versions/v001_x.sql

	# A revision that switches databases with USE: the journal, named
	# without its database, is not found after it, so the run stops
	# there, saying so; nothing reaches the other database, and once the
	# revision names it instead, upgrade resumes it.
	other=${MY_DATABASE}_other
	sql_value "CREATE DATABASE \`$other\`" >/dev/null
	MY_DATABASES+=("$other")
	use=$(new_revision u001 "" "use" "CREATE TABLE u1 (id INTEGER);
USE \`$other\`;
CREATE TABLE u2 (id INTEGER);" "DROP TABLE u1;")
	expect_fail 1 dbtool upgrade
	expect_error_line
	expect_stderr_contains "upgrade u001 stopped at its statement 2, after 1 committed (mysql commits each DDL statement at once): "
	expect_stderr_contains "$use:8: 'USE \`$other\`' switched the session to another database, where the journal table dbtool_journal is not: a revision must not USE another database; qualify the names it uses instead"
	expect_version ""
	expect_tables "dbtool_version u1"
	expect_eq "$(my_sql "$other" "SHOW TABLES")" "" "nothing is made in the other database"
	expect_fail 1 dbtool current
	expect_stderr_contains "the database is between revisions base and u001: the upgrade u001 stopped after 1 of its statements"
	write_revision "$use" "CREATE TABLE u1 (id INTEGER);
CREATE TABLE \`$other\`.u2 (id INTEGER);" "DROP TABLE \`$other\`.u2;
DROP TABLE u1;"
	expect_ok dbtool upgrade
	expect_stderr_contains "resuming upgrade u001 at its statement 2 of 2"
	expect_version u001
	expect_eq "$(my_sql "$other" "SHOW TABLES")" "u2" "the revision made u2 in the database it names"
	expect_ok dbtool downgrade base
	expect_tables "dbtool_version"
	expect_eq "$(my_sql "$other" "SHOW TABLES")" "" "and its downgrade dropped it"
	rm -f "$use"

	# A statement waits for a lock at most the statement lock timeout:
	# another session keeps a transaction open that read busy, whose
	# metadata lock an ALTER TABLE waits for.
	new_revision k001 "" "busy table" "CREATE TABLE busy (id INTEGER);" "DROP TABLE busy;" >/dev/null
	rev2=$(new_revision k002 k001 "alter busy" "ALTER TABLE busy ADD COLUMN x INTEGER;" "ALTER TABLE busy DROP COLUMN x;")
	expect_ok dbtool upgrade k001
	holder_fifo=$WORK/holder.fifo
	mkfifo "$holder_fifo"
	MYSQL_PWD=$PG_PASSWORD mariadb --no-defaults --socket="$MY_SOCKET" -u "$MY_USER" -N -B -n "$MY_DATABASE" \
		<"$holder_fifo" >"$WORK/holder.log" 2>&1 &
	holder=$!
	exec 7>"$holder_fifo"
	echo "START TRANSACTION; SELECT COUNT(*) FROM busy; SELECT 'held';" >&7
	for _ in $(seq 300); do
		grep -qx held "$WORK/holder.log" && break
		sleep 0.1
	done
	expect_eq "$(grep -cx held "$WORK/holder.log")" 1 "another session holds a lock on busy"
	expect_lock_failure() { # LINE SECONDS
		expect_stderr_contains "upgrade k002 failed at its first statement, so nothing of it was applied: the version stays at k001: $rev2:$1: Lock wait timeout exceeded; try restarting transaction: gave up waiting for a lock after $2s (the statement lock timeout): another session holds it; retry when that session is done (in: ALTER TABLE busy ADD COLUMN x INTEGER)"
		expect_error_line
		expect_version k001
		expect_eq "$(sql_value "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'busy' AND column_name = 'x'")" 0 "busy has no column x"
		expect_eq "$(sql_value "SELECT GROUP_CONCAT(version_num) FROM dbtool_history")" k001 "nothing is recorded for k002"
	}
	expect_fail 1 dbtool --statement-lock-timeout 1 upgrade
	expect_lock_failure 7 1
	printf 'statement_lock_timeout = 2\n' >>dbtool.ini
	expect_fail 1 dbtool upgrade
	expect_lock_failure 7 2
	cp dbtool.ini.orig dbtool.ini
	expect_fail 1 dbtool upgrade
	expect_lock_failure 7 5
	sed -i 's/^-- created: .*/&\n-- lock_timeout: 1/' "$rev2"
	expect_fail 1 dbtool --statement-lock-timeout 0 upgrade
	expect_lock_failure 8 1
	echo "COMMIT;" >&7
	exec 7>&-
	wait "$holder"
	expect_ok dbtool upgrade
	expect_version k002
	expect_eq "$(sql_value "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'busy' AND column_name = 'x'")" 1 "once the lock is free, the retry adds x"
	finish
fi

# ------------------------------------------------------------ PostgreSQL

role=$(sql_value "SELECT current_user")
# The number of version tables in the database, and their schemas.
version_tables() {
	sql_value "SELECT string_agg(n.nspname, ',' ORDER BY n.nspname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = 'dbtool_version'"
}
# table_schema NAME: the schemas that hold a table of that name.
table_schemas() {
	sql_value "SELECT coalesce(string_agg(schemaname, ',' ORDER BY schemaname), '') FROM pg_tables WHERE tablename = '$1'"
}

# A revision that changes search_path: the version stays where it is, the
# next revision runs once, in the default schema.
sql_value "CREATE SCHEMA other" >/dev/null
new_revision p001 "" "search path" "SET search_path TO other;" "SET search_path TO other;" >/dev/null
new_revision p002 p001 "create t2" "CREATE TABLE t2 (id INTEGER);" "DROP TABLE t2;" >/dev/null
expect_ok dbtool upgrade
expect_stderr_contains "upgrade <base> -> p001"
expect_stderr_contains "upgrade p001 -> p002"
expect_eq "$(grep -c 'upgrade ' "$ERR")" 2 "each revision is applied once"
expect_ok dbtool current
expect_stdout_eq p002
expect_eq "$(version_tables)" public "one version table, in public"
expect_eq "$(table_schemas t2)" public "t2 is created in public, not in the schema p001 set"
expect_ok dbtool upgrade --sql
expect_stdout_contains "from p002 to p002"

# The same from a revision outside a transaction.
new_revision p003 p002 "search path, no transaction" "SET search_path TO other, public;" \
	"SET search_path TO other, public;" \
	"-- transaction: false" >/dev/null
new_revision p004 p003 "create t4" "CREATE TABLE t4 (id INTEGER);" "DROP TABLE t4;" >/dev/null
expect_ok dbtool upgrade
expect_eq "$(grep -c 'upgrade ' "$ERR")" 2 "each revision is applied once"
expect_ok dbtool current
expect_stdout_eq p004
expect_eq "$(version_tables)" public "one version table, in public"
expect_eq "$(table_schemas t4)" public "t4 is created in public"
expect_eq "$(sql_value "SELECT string_agg(version_num, ',' ORDER BY version_num) FROM public.dbtool_history")" \
	"p001,p002,p003,p004" "the history has each revision once"
expect_ok dbtool downgrade base
expect_version ""
expect_eq "$(table_schemas t2)$(table_schemas t4)" "" "the downgrade drops t2 and t4"
expect_eq "$(version_tables)" public "still one version table"

# version_schema puts both tables elsewhere.
sql_value "DROP TABLE public.dbtool_version, public.dbtool_history; CREATE SCHEMA meta" >/dev/null
printf 'version_schema = meta\n' >>dbtool.ini
expect_ok dbtool upgrade p002
expect_eq "$(version_tables)" meta "the version table is in meta"
expect_eq "$(table_schemas dbtool_history)" meta "the history table is in meta"
expect_ok dbtool current
expect_stdout_eq p002
expect_ok dbtool upgrade --sql
expect_stdout_contains 'INSERT INTO meta.dbtool_version (version_num) VALUES ('"'"'p004'"'"')'
expect_ok dbtool downgrade base
cp dbtool.ini.orig dbtool.ini
printf 'version_schema = missing\n' >>dbtool.ini
before=$(snapshot_db)
expect_fail 1 dbtool upgrade
expect_stderr_contains 'schema "missing" does not exist'
expect_eq "$(snapshot_db)" "$before" "a missing version schema changes nothing"
cp dbtool.ini.orig dbtool.ini
sql_value "DROP TABLE meta.dbtool_version, meta.dbtool_history" >/dev/null

# Connection options reach the read-only commands: a version table that
# the user's search_path finds outside version_schema is refused, never
# taken for an empty database.
sql_value "CREATE SCHEMA app; CREATE TABLE app.dbtool_version (version_num VARCHAR(64) NOT NULL PRIMARY KEY); INSERT INTO app.dbtool_version VALUES ('p002')" >/dev/null
opts_url="$TEST_URL&options=-c%20search_path%3Dapp"
[[ $TEST_URL == *\?* ]] || opts_url="$TEST_URL?options=-c%20search_path%3Dapp"
for how in url env; do
	if [ "$how" = url ]; then
		run() { dbtool --url "$opts_url" "$@"; }
	else
		run() { PGOPTIONS="-c search_path=app" dbtool "$@"; }
	fi
	expect_fail 1 run current
	expect_stderr_contains "the version table is not in schema 'public' but in 'app': set version_schema = app in dbtool.ini"
	expect_error_line
	expect_fail 1 run upgrade --sql
	expect_stderr_contains "the version table is not in schema 'public' but in 'app'"
	expect_stdout_eq ""
	printf 'version_schema = app\n' >>dbtool.ini
	expect_ok run current
	expect_stdout_eq p002
	expect_ok run upgrade --sql
	expect_stdout_contains "from p002 to p004"
	expect_stdout_contains "INSERT INTO app.dbtool_version (version_num) VALUES ('p004')"
	cp dbtool.ini.orig dbtool.ini
done
sql_value "DROP SCHEMA app CASCADE" >/dev/null 2>&1
expect_tables ""

# A schema named after the role comes first on search_path ("$user"):
# drop-all drops public's tables and leaves that schema's alone, and
# create-all creates in public.
sql_value "CREATE TABLE public.users (id INTEGER PRIMARY KEY);
CREATE TABLE public.orders (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES public.users (id));
CREATE SCHEMA \"$role\";
CREATE TABLE \"$role\".users (id INTEGER, keep TEXT);
CREATE TABLE \"$role\".notes (x INTEGER);
INSERT INTO \"$role\".users VALUES (1, 'kept')" >/dev/null
expect_ok dbtool upgrade p001
expect_eq "$(version_tables)" public "the version table is in public, not in the role's schema"
expect_ok dbtool drop-all --yes
expect_stderr_contains "drop table users"
expect_stderr_contains "drop table dbtool_version"
expect_eq "$(sql_value "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'")" "" \
	"drop-all drops every table of public"
expect_eq "$(sql_value "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = '$role'")" "notes,users" \
	"drop-all leaves the role's schema alone"
expect_eq "$(sql_value "SELECT keep FROM \"$role\".users")" kept "the role's users keeps its rows"
printf 'CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);\nCREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id));\nCREATE INDEX ix_orders_user ON orders (user_id);\n' >schema.sql
expect_ok dbtool create-all
expect_eq "$(sql_value "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'")" "orders,users" \
	"create-all creates the model's tables in public"
expect_eq "$(sql_value "SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_schema = '$role' AND table_name = 'users'")" "id,keep" \
	"the role's users is unchanged"
expect_eq "$(sql_value "SELECT confrelid::regclass::text FROM pg_constraint WHERE conrelid = 'public.orders'::regclass AND contype = 'f'")" "public.users" \
	"the foreign key of public.orders references public.users"
expect_ok dbtool create-all
expect_ok dbtool drop-all --yes
sql_value "DROP SCHEMA \"$role\" CASCADE" >/dev/null 2>&1
expect_tables ""
: >schema.sql

# A statement waits for a lock at most the statement lock timeout.
rm -f migrations/versions/*.sql
new_revision k001 "" "busy table" "CREATE TABLE busy (id INTEGER);" "DROP TABLE busy;" >/dev/null
rev2=$(new_revision k002 k001 "alter busy" "ALTER TABLE busy ADD COLUMN x INTEGER;" "ALTER TABLE busy DROP COLUMN x;")
expect_ok dbtool upgrade k001

# A reader holds the table until it is killed.
psql "$TEST_URL" -X -q >/dev/null 2>&1 <<<"BEGIN; LOCK TABLE busy IN ACCESS SHARE MODE; SELECT pg_sleep(600);" &
holder=$!
held=0
for _ in $(seq 600); do
	if [ "$(sql_value "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'busy' AND l.granted")" != 0 ]; then
		held=1
		break
	fi
	sleep 0.1
done
expect_eq "$held" 1 "another session holds a lock on busy"

expect_lock_failure() {
	expect_stderr_contains "upgrade k002 failed and was rolled back: $rev2:7: gave up waiting for a lock on table busy after $1s (the statement lock timeout): another session holds it"
	expect_stderr_contains "retry when that session is done"
	expect_stderr_contains "(in: ALTER TABLE busy ADD COLUMN x INTEGER)"
	expect_error_line
	expect_version k001
	expect_eq "$(sql_value "SELECT count(*) FROM information_schema.columns WHERE table_name = 'busy' AND column_name = 'x'")" 0 "busy has no column x"
	expect_eq "$(sql_value "SELECT string_agg(version_num, ',') FROM public.dbtool_history")" k001 "nothing is recorded for k002"
}
expect_fail 1 dbtool --statement-lock-timeout 1 upgrade
expect_lock_failure 1
printf 'statement_lock_timeout = 2\n' >>dbtool.ini
expect_fail 1 dbtool upgrade
expect_lock_failure 2
cp dbtool.ini.orig dbtool.ini
expect_fail 1 dbtool upgrade
expect_lock_failure 5
sed -i 's/^-- created: .*/&\n-- lock_timeout: 1/' "$rev2"
expect_fail 1 dbtool --statement-lock-timeout 0 upgrade
expect_stderr_contains "upgrade k002 failed and was rolled back: $rev2:8: gave up waiting for a lock on table busy after 1s"
expect_version k001

# The server notices a client gone only when pg_sleep ends: end the
# session itself.
sql_value "SELECT pg_terminate_backend(l.pid) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'busy' AND l.granted" >/dev/null
wait "$holder" 2>/dev/null
expect_ok dbtool upgrade
expect_version k002
expect_eq "$(sql_value "SELECT count(*) FROM information_schema.columns WHERE table_name = 'busy' AND column_name = 'x'")" 1 "once the lock is free, the retry adds x"

# The session is reset between two revisions in a transaction of its own,
# before the next one's BEGIN (it goes with the previous COMMIT): a
# revision that makes the session's transactions read-only or
# serializable leaves the next one's transaction as dbtool opens it.
rm -f migrations/versions/*.sql
sql_value "DROP TABLE busy, public.dbtool_version, public.dbtool_history" >/dev/null
new_revision d001 "" "read only by default" "SET default_transaction_read_only = on;
SET default_transaction_isolation = 'serializable';" "SET default_transaction_read_only = on;" >/dev/null
new_revision d002 d001 "writes" "CREATE TABLE d2 AS SELECT current_setting('transaction_read_only') AS ro, current_setting('transaction_isolation') AS iso;" \
	"DROP TABLE d2;" >/dev/null
expect_ok dbtool upgrade
expect_version d002
expect_eq "$(sql_value "SELECT ro || ' ' || iso FROM d2")" "off read committed" \
	"d002 ran in a read-write, read-committed transaction"
expect_ok dbtool downgrade base
expect_version ""

# The user's connection options (URL options=, PGOPTIONS, or a service's
# options) are the session's defaults, which the reset before each
# revision returns to whatever a revision set; dbtool's own settings (the
# statement lock timeout, client messages) are set after them and win.
# Per revision and in one transaction alike.
rm -f migrations/versions/*.sql
sql_value "DROP TABLE d2" >/dev/null
new_revision o001 "" "sets what the options set" "SET statement_timeout = '77s';
SET work_mem = '7MB';
SET lock_timeout = '9s';
SET client_min_messages = notice;" "SET statement_timeout = '77s';" >/dev/null
new_revision o002 o001 "records the settings" "CREATE TABLE o2 AS SELECT current_setting('statement_timeout') AS st, current_setting('work_mem') AS wm, current_setting('lock_timeout') AS lt, current_setting('client_min_messages') AS cmm;" \
	"DROP TABLE o2;" >/dev/null
user_opts="-c statement_timeout=42s -c work_mem=5MB -c lock_timeout=1s -c client_min_messages=debug1"
opts_url="$TEST_URL&options=${user_opts// /%20}"
[[ $TEST_URL == *\?* ]] || opts_url="$TEST_URL?options=${user_opts// /%20}"
opts_url=${opts_url//=42s/%3D42s}
opts_url=${opts_url//=5MB/%3D5MB}
opts_url=${opts_url//=1s/%3D1s}
opts_url=${opts_url//=debug1/%3Ddebug1}
printf '[dbtool_opts]\noptions=%s\n' "$user_opts" >"$WORK/pg_service.conf"
svc_url="$TEST_URL&service=dbtool_opts"
[[ $TEST_URL == *\?* ]] || svc_url="$TEST_URL?service=dbtool_opts"
for how in url env service; do
	case "$how" in
	url) run() { dbtool --url "$opts_url" "$@"; } ;;
	env) run() { PGOPTIONS="$user_opts" dbtool "$@"; } ;;
	service) run() { PGSERVICEFILE="$WORK/pg_service.conf" dbtool --url "$svc_url" "$@"; } ;;
	esac
	for single in "" --single-transaction; do
		expect_ok run upgrade $single
		expect_version o002
		expect_eq "$(sql_value "SELECT st || ' ' || wm || ' ' || lt || ' ' || cmm FROM o2")" "42s 5MB 5s warning" \
			"o002 ran with the $how options and dbtool's settings, not what o001 set ($single)"
		expect_ok run downgrade base $single
		expect_version ""
	done
	expect_ok run --statement-lock-timeout 3 upgrade
	expect_eq "$(sql_value "SELECT lt FROM o2")" "3s" "a statement lock timeout of 3 s wins over the $how options"
	expect_ok run --statement-lock-timeout 0 downgrade base
	expect_ok run --statement-lock-timeout 0 upgrade --single-transaction
	expect_eq "$(sql_value "SELECT lt FROM o2")" "0" "no statement lock timeout: none, whatever the $how options say"
	expect_ok run downgrade base
done

finish
