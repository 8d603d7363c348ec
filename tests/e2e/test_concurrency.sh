#!/bin/bash
#
# test_concurrency.sh - several dbtool processes at once, on one dialect:
# eight upgrades started together apply each revision exactly once and all
# succeed; and while something else holds the migration lock, an upgrade
# waits for it, or gives up after --lock-timeout without changing anything.
#
# The lock is BEGIN IMMEDIATE's on SQLite, an advisory lock on PostgreSQL
# and GET_LOCK on MariaDB (held by the session for the whole run).
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_concurrency.sh sqlite|postgres|mariadb

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_db "$1"

procs=8
trials=3

expect_ok dbtool -q init
new_revision c001 "" "log 1" \
	"CREATE TABLE log (n INTEGER NOT NULL);
INSERT INTO log (n) VALUES (1);" \
	"DROP TABLE log;" >/dev/null
for n in 2 3 4 5; do
	new_revision "c00$n" "c00$((n - 1))" "log $n" \
		"INSERT INTO log (n) VALUES ($n);" \
		"DELETE FROM log WHERE n = $n;" >/dev/null
done

# --- eight upgrades at once
for trial in $(seq "$trials"); do
	case "$trial" in
	1) what="on a fresh database" ;;
	2) what="after a downgrade to base" ;;
	*) what="with the version table dropped" ;;
	esac
	rm -f "$WORK"/c.*
	pids=()
	for i in $(seq "$procs"); do
		(
			dbtool upgrade >"$WORK/c.$i.out" 2>"$WORK/c.$i.err" </dev/null
			echo $? >"$WORK/c.$i.rc"
		) &
		pids+=($!)
	done
	wait "${pids[@]}"

	bad=
	for i in $(seq "$procs"); do
		rc=$(cat "$WORK/c.$i.rc" 2>/dev/null)
		if [ "$rc" != 0 ]; then
			bad+="process $i: exit status ${rc:-?}: $(cat "$WORK/c.$i.err")"$'\n'
		fi
	done
	if [ -z "$bad" ]; then
		pass "trial $trial ($what): $procs concurrent upgrades all exit 0"
	else
		fail "trial $trial ($what): $procs concurrent upgrades should all exit 0" "$bad"
	fi
	expect_eq "$(sql_value "SELECT n FROM log ORDER BY n" | tr '\n' ' ')" "1 2 3 4 5 " \
		"trial $trial: the log table has each revision's row exactly once"
	expect_eq "$(cat "$WORK"/c.*.err | grep -c '^upgrade ')" 5 \
		"trial $trial: the processes together report 5 upgrades"
	expect_eq "$(cat "$WORK"/c.*.out)" "" "trial $trial: nothing on stdout"
	expect_version c005

	expect_ok dbtool -q downgrade base
	expect_tables "dbtool_version"
	if [ "$trial" = 2 ]; then
		sql_value "DROP TABLE dbtool_version" >/dev/null
	fi
done

# --- the lock, held by another session
lock_fifo=$WORK/lock.fifo
mkfifo "$lock_fifo"
holder=

lock_is_held() {
	case "$DIALECT" in
	sqlite)
		! sqlite3 -batch "$DB_FILE" "BEGIN IMMEDIATE; ROLLBACK;" >/dev/null 2>&1 </dev/null
		;;
	postgres)
		[ "$(sql_value "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")" = 1 ]
		;;
	mariadb)
		[ "$(sql_value "SELECT IS_USED_LOCK('dbtool:$MY_DATABASE') IS NOT NULL")" = 1 ]
		;;
	esac
}

# Holds the migration lock from a session of the database's own shell,
# fed through a fifo so that the test decides when it ends.
hold_lock() {
	case "$DIALECT" in
	sqlite) sqlite3 -batch "$DB_FILE" <"$lock_fifo" >"$WORK/holder.log" 2>&1 & ;;
	postgres) psql "$TEST_URL" -X -q <"$lock_fifo" >"$WORK/holder.log" 2>&1 & ;;
	mariadb) my_sql_raw "$MY_DATABASE" <"$lock_fifo" >"$WORK/holder.log" 2>&1 & ;;
	esac
	holder=$!
	exec 7>"$lock_fifo"
	case "$DIALECT" in
	sqlite) echo "BEGIN IMMEDIATE;" >&7 ;;
	postgres) echo "SELECT pg_advisory_lock(hashtextextended('dbtool_version', 0));" >&7 ;;
	mariadb) echo "SELECT GET_LOCK('dbtool:$MY_DATABASE', 10);" >&7 ;;
	esac
	for _ in $(seq 100); do
		lock_is_held && return 0
		sleep 0.1
	done
	return 1
}

release_lock() {
	case "$DIALECT" in
	sqlite) printf 'ROLLBACK;\n.quit\n' >&7 ;;
	postgres) printf '\\q\n' >&7 ;;
	mariadb) printf 'SELECT RELEASE_LOCK(%s);\n' "'dbtool:$MY_DATABASE'" >&7 ;;
	esac
	exec 7>&-
	wait "$holder"
	holder=
}

now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

if hold_lock; then
	pass "another session holds the lock"
else
	fail "another session should hold the lock" "$(cat "$WORK/holder.log")"
fi

# Giving up after --lock-timeout, changing nothing.
before=$(snapshot)
t0=$(now_ms)
expect_fail 1 dbtool --lock-timeout 1 upgrade
elapsed=$(($(now_ms) - t0))
expect_stderr_contains "dbtool: error: waited too long for the lock"
expect_error_line
# How long it waited is the machine's pace: reported, not required.
echo "# the upgrade gave up after $elapsed ms"
expect_eq "$(snapshot)" "$before" "the upgrade that timed out changed nothing"

# Waiting for the lock, then running.
(
	exec 7>&-
	dbtool --lock-timeout 30 upgrade >"$WORK/w.out" 2>"$WORK/w.err" </dev/null
	echo $? >"$WORK/w.rc"
) &
waiter=$!
sleep 1.5
expect_eq "$(kill -0 "$waiter" 2>/dev/null && echo waiting)" waiting "an upgrade with a longer timeout waits for the lock"
expect_eq "$(snapshot)" "$before" "while it waits, nothing changes"
release_lock
wait "$waiter"
expect_eq "$(cat "$WORK/w.rc")" 0 "once the lock is free, the waiting upgrade succeeds"
expect_eq "$(grep -c '^upgrade ' "$WORK/w.err")" 5 "it applies the 5 revisions"
expect_version c005
expect_eq "$(sql_value "SELECT count(*) FROM log")" 5 "the log table has 5 rows"

# The same for a downgrade.
if hold_lock; then
	pass "another session holds the lock again"
else
	fail "another session should hold the lock again" "$(cat "$WORK/holder.log")"
fi
before=$(snapshot)
expect_fail 1 dbtool --lock-timeout 1 downgrade base
expect_stderr_contains "waited too long for the lock"
expect_eq "$(snapshot)" "$before" "the downgrade that timed out changed nothing"
release_lock
expect_ok dbtool --lock-timeout 5 downgrade base
expect_tables "dbtool_version"

finish
