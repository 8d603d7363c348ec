#!/bin/bash
#
# test_checksum.sh - the history table and revision checksums, on one
# dialect: upgrade records each applied revision's SHA-256 and time; an
# applied file edited afterwards stops upgrade and downgrade before they run
# anything and fails check, naming the file; 'dbtool repair' accepts the
# edit; a revision dropped from the chain, or a database at a revision no
# file defines, is a clear error that repair or stamp resolves; a database
# made before the history existed keeps working and is verified once
# repaired.  Commands that must refuse leave files and database unchanged.
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_checksum.sh sqlite|postgres|mariadb

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_db "$1"

V=migrations/versions

# history: "id checksum" per row, by id.
history() {
	case "$DIALECT" in
	mariadb) sql_value "SELECT CONCAT(version_num, ' ', checksum) FROM dbtool_history ORDER BY version_num" ;;
	*) sql_value "SELECT version_num || ' ' || checksum FROM dbtool_history ORDER BY version_num" ;;
	esac
}

# files_history ID...: what the history should hold for those revisions.
files_history() {
	local id
	for id in "$@"; do
		printf '%s %s\n' "$id" "$(sha256sum <"$V/${id}_x.sql" | cut -d' ' -f1)"
	done
}

expect_history() {
	expect_eq "$(history)" "$(files_history "$@")" "the history holds the checksums of: ${*:-nothing}"
}

# expect_unchanged BEFORE: the project and the database are as in BEFORE.
expect_unchanged() {
	local after
	after=$(snapshot)
	if [ "$1" = "$after" ]; then
		pass "'$LAST_CMD' changed no file and nothing in the database"
	else
		fail "'$LAST_CMD' should change nothing" "$(diff <(printf '%s\n' "$1") <(printf '%s\n' "$after"))"
	fi
}

changed() {
	echo "revision $1 ('$V/${1}_x.sql') has changed since it was applied: restore the file, or run 'dbtool repair $1' if the edit is intended"
}

expect_ok dbtool -q init
r1=$(new_revision 1a1a1a1a1a1a "" "create a" "CREATE TABLE a (id INTEGER PRIMARY KEY);" "DROP TABLE a;")
r2=$(new_revision 2b2b2b2b2b2b 1a1a1a1a1a1a "create b" "CREATE TABLE b (id INTEGER PRIMARY KEY);" "DROP TABLE b;")
r3=$(new_revision 3c3c3c3c3c3c 2b2b2b2b2b2b "create c" "CREATE TABLE c (id INTEGER PRIMARY KEY);" "DROP TABLE c;")
printf 'CREATE TABLE a (id INTEGER PRIMARY KEY);\nCREATE TABLE b (id INTEGER PRIMARY KEY);\nCREATE TABLE c (id INTEGER PRIMARY KEY);\n' >schema.sql

# --- upgrade records each revision
expect_ok dbtool upgrade
expect_history 1a1a1a1a1a1a 2b2b2b2b2b2b 3c3c3c3c3c3c
expect_eq "$(sql_value "SELECT count(*) FROM dbtool_history WHERE applied_at LIKE '____-__-__T__:__:__Z'")" 3 \
	"applied_at is UTC text, YYYY-MM-DDTHH:MM:SSZ"
expect_eq "$(sql_value "SELECT min(applied_at) FROM dbtool_history" | cut -c1-10)" "$(date -u +%Y-%m-%d)" \
	"applied_at is today (UTC)"
# The history table is dbtool's, like the version table: not the model's.
expect_ok dbtool check
expect_stdout_eq ""
expect_stderr_eq "model, revisions and database agree"
expect_ok dbtool migrate -m nothing
expect_stdout_eq ""
expect_eq "$(ls $V | wc -l)" 3 "migrate finds nothing to do: the history table is not part of the schema"

# --- an applied file edited: nothing runs, check names it
printf -- '-- a comment added after the fact\n' >>"$r1"
r4=$(new_revision 4d4d4d4d4d4d 3c3c3c3c3c3c "create d" "CREATE TABLE d (id INTEGER PRIMARY KEY);" "DROP TABLE d;")
printf 'CREATE TABLE d (id INTEGER PRIMARY KEY);\n' >>schema.sql
before=$(snapshot)
expect_fail 1 dbtool upgrade
expect_stderr_eq "dbtool: error: $(changed 1a1a1a1a1a1a)"
expect_unchanged "$before"
expect_fail 1 dbtool downgrade -1
expect_stderr_eq "dbtool: error: $(changed 1a1a1a1a1a1a)"
expect_unchanged "$before"
expect_fail 1 dbtool upgrade 3c3c
expect_stderr_eq "dbtool: error: $(changed 1a1a1a1a1a1a)"
# Not at head: check says so, and why an upgrade would refuse.
expect_fail 1 dbtool check
expect_stdout_eq "! $(changed 1a1a1a1a1a1a)"
expect_stderr_eq "dbtool: error: database is at 3c3c3c3c3c3c, not at head 4d4d4d4d4d4d: run 'dbtool upgrade' first"
expect_unchanged "$before"

# A second edit: the message counts the others, check lists them all.
cp "$r2" "$WORK/r2.saved"
printf -- '-- another\n' >>"$r2"
expect_fail 1 dbtool upgrade
expect_stderr_eq "dbtool: error: $(changed 1a1a1a1a1a1a) (and 1 more: 'dbtool check' lists them all)"
cp "$WORK/r2.saved" "$r2"

# --- repair accepts the edit
expect_ok dbtool repair 1a1a
expect_stdout_eq "repair 1a1a1a1a1a1a: checksum updated"
expect_history 1a1a1a1a1a1a 2b2b2b2b2b2b 3c3c3c3c3c3c
expect_ok dbtool upgrade
expect_version 4d4d4d4d4d4d
expect_history 1a1a1a1a1a1a 2b2b2b2b2b2b 3c3c3c3c3c3c 4d4d4d4d4d4d
expect_ok dbtool check
expect_stdout_eq ""
expect_ok dbtool repair
expect_stdout_eq ""
expect_stderr_eq "nothing to repair: the history matches the revision files"
expect_ok dbtool repair 4d4d4d4d4d4d
expect_stdout_eq "repair 4d4d4d4d4d4d: checksum unchanged"

# At head: check fails on an edited file alone, in text and JSON.
printf '\n' >>"$r4"
expect_fail 1 dbtool check
expect_stdout_eq "! $(changed 4d4d4d4d4d4d)"
expect_fail 1 dbtool --format json check
expect_json 'd["ok"] is False and [f["kind"] for f in d["findings"]] == ["changed_revision"] and d["findings"][0]["text"].startswith("! revision 4d4d4d4d4d4d (")'
expect_fail 1 dbtool upgrade
expect_stderr_eq "dbtool: error: $(changed 4d4d4d4d4d4d)"
expect_ok dbtool -q repair
expect_stdout_eq "repair 4d4d4d4d4d4d: checksum updated"
expect_ok dbtool check

# --- repair's refusals
before=$(snapshot)
expect_fail 1 dbtool repair nope
expect_stderr_eq "dbtool: error: cannot repair 'nope': no revision file defines it and the history table has no row for it"
expect_fail 2 dbtool repair 1a1a 2b2b
expect_error_line
expect_ok dbtool repair --help
expect_stdout_contains "usage: dbtool repair [REV]"
expect_unchanged "$before"
expect_ok dbtool downgrade -1
expect_history 1a1a1a1a1a1a 2b2b2b2b2b2b 3c3c3c3c3c3c
expect_fail 1 dbtool repair 4d4d
expect_stderr_eq "dbtool: error: cannot repair 4d4d4d4d4d4d: it is not applied (the database is at 3c3c3c3c3c3c)"
expect_ok dbtool upgrade

# --- a revision taken out of the chain
# 3c3c is removed and 4d4d now follows 2b2b: the database has both applied.
rm "$r3"
sed -i 's/^-- parent: 3c3c3c3c3c3c$/-- parent: 2b2b2b2b2b2b/' "$r4"
before=$(snapshot)
expect_fail 1 dbtool upgrade
expect_stderr_eq "dbtool: error: $(changed 4d4d4d4d4d4d) (and 1 more: 'dbtool check' lists them all)"
expect_fail 1 dbtool check
expect_stdout_eq "! $(changed 4d4d4d4d4d4d)
! revision 3c3c3c3c3c3c was applied but no revision file defines it anymore: restore the file, or run 'dbtool repair 3c3c3c3c3c3c' to forget it"
expect_unchanged "$before"
expect_ok dbtool repair 3c3c3c3c3c3c
expect_stdout_eq "repair 3c3c3c3c3c3c: forgotten"
expect_ok dbtool repair
expect_stdout_eq "repair 4d4d4d4d4d4d: checksum updated"
expect_history 1a1a1a1a1a1a 2b2b2b2b2b2b 4d4d4d4d4d4d
printf 'CREATE TABLE a (id INTEGER PRIMARY KEY);\nCREATE TABLE b (id INTEGER PRIMARY KEY);\nCREATE TABLE d (id INTEGER PRIMARY KEY);\n' >schema.sql
expect_ok dbtool upgrade
# The database still has c, which no revision made anymore.
expect_fail 1 dbtool check
expect_stdout_eq "- table c"
sql_value "DROP TABLE c" >/dev/null
expect_ok dbtool check

# --- the database's own revision has no file
mv "$r4" "$WORK/r4.saved"
before=$(snapshot)
undefined="database is at 4d4d4d4d4d4d, which no revision file defines: restore the file, or 'dbtool stamp' the database to a known revision"
expect_fail 1 dbtool upgrade
expect_stderr_eq "dbtool: error: $undefined"
expect_fail 1 dbtool downgrade base
expect_stderr_eq "dbtool: error: $undefined"
expect_fail 1 dbtool check
expect_stderr_eq "dbtool: error: $undefined"
expect_fail 1 dbtool repair
expect_stderr_eq "dbtool: error: $undefined"
expect_unchanged "$before"
# stamp is the way back to a known revision
expect_ok dbtool stamp 2b2b
expect_stderr_eq "stamp 4d4d4d4d4d4d -> 2b2b2b2b2b2b"
expect_version 2b2b2b2b2b2b
expect_history 1a1a1a1a1a1a 2b2b2b2b2b2b
mv "$WORK/r4.saved" "$r4"
expect_ok dbtool stamp head
expect_history 1a1a1a1a1a1a 2b2b2b2b2b2b 4d4d4d4d4d4d
expect_ok dbtool check

# --- a database made before the history existed
sql_value "DROP TABLE dbtool_history" >/dev/null
printf -- '-- edited while nothing was recorded\n' >>"$r2"
expect_ok dbtool upgrade
expect_ok dbtool check
expect_stdout_eq ""
expect_stderr_eq "model, revisions and database agree
note: 3 applied revisions have no recorded checksum (applied before dbtool kept a history): 'dbtool repair' records them"
expect_ok dbtool downgrade -1
expect_version 2b2b2b2b2b2b
expect_eq "$(history)" "" "a downgrade of an old database leaves the history empty"
expect_ok dbtool upgrade
expect_history 4d4d4d4d4d4d
expect_ok dbtool repair
expect_stdout_eq "repair 1a1a1a1a1a1a: checksum recorded
repair 2b2b2b2b2b2b: checksum recorded"
expect_history 1a1a1a1a1a1a 2b2b2b2b2b2b 4d4d4d4d4d4d
expect_ok dbtool check
expect_stderr_eq "model, revisions and database agree"

# --- downgrade removes rows; base clears the history
expect_ok dbtool downgrade 1a1a
expect_history 1a1a1a1a1a1a
expect_ok dbtool downgrade base
expect_eq "$(history)" "" "at base the history is empty"
expect_ok dbtool upgrade
expect_history 1a1a1a1a1a1a 2b2b2b2b2b2b 4d4d4d4d4d4d

# --- repair waits for the lock like any migration
lock_fifo=$WORK/lock.fifo
mkfifo "$lock_fifo"
# MariaDB's migration lock is GET_LOCK('dbtool:<database>').
lock_name="dbtool:${MY_DATABASE:-}"
case "$DIALECT" in
sqlite) sqlite3 -batch "$DB_FILE" <"$lock_fifo" >"$WORK/holder.log" 2>&1 & ;;
postgres) psql "$TEST_URL" -X -q <"$lock_fifo" >"$WORK/holder.log" 2>&1 & ;;
mariadb) my_sql_raw "" <"$lock_fifo" >"$WORK/holder.log" 2>&1 & ;;
esac
holder=$!
exec 7>"$lock_fifo"
case "$DIALECT" in
sqlite) echo "BEGIN IMMEDIATE;" >&7 ;;
postgres) echo "SELECT pg_advisory_lock(hashtextextended('dbtool_version', 0));" >&7 ;;
mariadb) echo "SELECT GET_LOCK('$lock_name', 10);" >&7 ;;
esac
# The holder's shell may start slowly on a busy machine: wait until it
# holds the lock rather than for a fixed time.
held=
for _ in $(seq 300); do
	case "$DIALECT" in
	sqlite) sqlite3 -batch "$DB_FILE" "BEGIN IMMEDIATE; ROLLBACK;" >/dev/null 2>&1 </dev/null || held=yes ;;
	postgres) [ "$(sql_value "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")" = 1 ] && held=yes ;;
	mariadb) [ "$(sql_value "SELECT IS_USED_LOCK('$lock_name') IS NOT NULL")" = 1 ] && held=yes ;;
	esac
	[ -n "$held" ] && break
	sleep 0.1
done
expect_eq "$held" yes "another session holds the migration lock"
printf '\n' >>"$r1"
before=$(snapshot)
expect_fail 1 dbtool --lock-timeout 1 repair
expect_stderr_contains "waited too long for the lock"
expect_error_line
case "$DIALECT" in
sqlite) printf 'ROLLBACK;\n.quit\n' >&7 ;;
postgres) printf '\\q\n' >&7 ;;
mariadb) printf 'SELECT RELEASE_LOCK(%s);\n' "'$lock_name'" >&7 ;;
esac
exec 7>&-
wait "$holder"
expect_unchanged "$before"
expect_ok dbtool repair
expect_stdout_eq "repair 1a1a1a1a1a1a: checksum updated"

finish
