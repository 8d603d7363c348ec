#!/bin/bash
#
# race.sh - concurrency, on one dialect, with the 30-revision chain of
# lib.sh:
#   - eight `dbtool upgrade` processes started together on a database at
#     base, many times over: every process exits 0 (or gives up with
#     "waited too long for the lock", counted, which 30 s should never
#     need), every revision is applied exactly once (the "log" table has
#     each revision's number once, and the processes together report 30
#     upgrades), and the database ends at head;
#   - four downgrades and four upgrades started together, to random
#     targets (base, head or a revision), from a random revision: every
#     process exits 0 or with a clear error (a target that the others
#     moved the database past, or the lock), the database is exactly at
#     the revision its version table names, and the steps the processes
#     report add up to the distance it moved;
#   - a migration lock held by another session (SQLite: BEGIN IMMEDIATE
#     in sqlite3; PostgreSQL: the advisory lock in psql; MariaDB: GET_LOCK
#     in the mariadb client) makes
#     `dbtool --lock-timeout 1 upgrade` (and downgrade) give up with
#     "waited too long for the lock", changing nothing (the time it took
#     is reported, not required).
#
# On MariaDB the runs share the GET_LOCK of the database, held for the
# whole run, and no run is cut short, so no revision stops halfway: the
# same assertions hold, and the journal must end empty (lib.sh's
# check_consistent).
#
# usage: bash tests/stress/race.sh sqlite|postgres|mariadb
#
# Environment: STRESS_TRIALS (upgrade trials, default 50), STRESS_MIXED
# (mixed trials, default 20), DBTOOL_STRESS_SCALE (multiplies both),
# STRESS_SEED (the random seed, printed at the start).

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_db "$1"
count_from STRESS_TRIALS 50
trials=$COUNT
count_from STRESS_MIXED 20
mixed=$COUNT
procs=8
t_start=$(now_ms)

stress_chain
echo "# race $DIALECT: seed $STRESS_SEED, scale $DBTOOL_STRESS_SCALE, $trials upgrade trials, $mixed mixed trials"

# start_procs: starts the commands of the array CMDS (one command line
# per element, words separated by spaces) at once; their pids in PIDS,
# their output in $WORK/p.N.out and $WORK/p.N.err.
start_procs() {
	local i
	PIDS=()
	rm -f "$WORK"/p.*
	for i in "${!CMDS[@]}"; do
		# shellcheck disable=SC2086 # a command line of plain words
		"$DBTOOL" --lock-timeout 30 ${CMDS[$i]} >"$WORK/p.$i.out" 2>"$WORK/p.$i.err" </dev/null &
		PIDS+=($!)
	done
}

# steps_reported VERB: how many steps the processes together report.
steps_reported() {
	cat "$WORK"/p.*.err | grep -c "^$1 "
}

# The error line of process i, without its step lines.
error_of() {
	grep -v -e '^upgrade ' -e '^downgrade ' -e '^dbtool: database ' "$WORK/p.$1.err"
}

# ------------------------------------------------ eight upgrades at once

upgrade_ok=0      # trials after which all was as it should be
processes=0       # processes started
lock_timeouts=0   # processes that gave up waiting for the lock
doubles=0         # revisions applied more than once
CMDS=()
for i in $(seq "$procs"); do
	CMDS+=(upgrade)
done
for trial in $(seq "$trials"); do
	[ "$FAILED" -lt "$MAX_FAILURES" ] || break
	what="upgrade trial $trial"
	start_procs
	processes=$((processes + procs))
	wait_all 120 "${PIDS[@]}"
	no_password_in "$what" "$WORK"/p.*
	if [ -n "$HUNG" ]; then
		fail "$what: processes still running after 120 s were killed:$HUNG"
	fi
	bad=
	for i in "${!PIDS[@]}"; do
		status=${STATUSES[${PIDS[$i]}]}
		if [ "$status" = 0 ] && [ ! -s "$WORK/p.$i.out" ]; then
			continue
		fi
		err=$(error_of "$i")
		if [ "$status" = 1 ] && [ "$(wc -l <<<"$err")" = 1 ] &&
			[[ $err == "dbtool: error: waited too long for the lock"* ]]; then
			lock_timeouts=$((lock_timeouts + 1))
			continue
		fi
		bad+="process $((i + 1)): exit status $status: $(cat "$WORK/p.$i.err" "$WORK/p.$i.out")"$'\n'
	done
	applied=$(steps_reported upgrade)
	if [ "$applied" -gt "$NREVS" ]; then
		doubles=$((doubles + applied - NREVS))
	fi
	if [ -n "$bad" ]; then
		fail "$what: each process should exit 0 and print nothing on stdout" "$bad"
	elif [ "$applied" != "$NREVS" ]; then
		fail "$what: the processes report $applied upgrades, not $NREVS" "$(cat "$WORK"/p.*.err)"
	elif check_consistent "$what"; then
		if [ "$POS" = "$NREVS" ]; then
			upgrade_ok=$((upgrade_ok + 1))
		else
			fail "$what: the database should be at head, not at position $POS"
		fi
	fi
	run_cmd dbtool -q downgrade base
	if [ "$STATUS" != 0 ]; then
		fail "$what: downgrade base afterwards: expected exit status 0" "$(show_output)"
		break
	fi
done
expect_eq "$upgrade_ok" "$trials" "$trials trials of $procs upgrades at once: each revision applied once, all processes exit 0, head reached"
expect_eq "$doubles" 0 "no revision was applied twice"
echo "# $lock_timeouts processes gave up waiting for the lock (allowed, but unexpected with 30 s)"
upgrade_ms=$(($(now_ms) - t_start))

# ------------------------------------ downgrades racing upgrades at once

# pick_target VERB: sets PICK to a random target for a downgrade (or an
# upgrade): base (head) half of the time, else a revision's id.
pick_target() {
	rand_below 2
	if [ "$R" = 0 ]; then
		PICK=$([ "$1" = downgrade ] && echo base || echo head)
	else
		rand_below "$NREVS"
		PICK=$(rev_id $((R + 1)))
	fi
}

mixed_ok=0
mixed_errors=0    # processes that ended with an allowed error
for trial in $(seq "$mixed"); do
	[ "$FAILED" -lt "$MAX_FAILURES" ] || break
	check_consistent "before mixed trial $trial" || break
	rand_below $((NREVS + 1))
	from=$R
	STATUS=0
	if [ "$from" -gt "$POS" ]; then
		run_cmd dbtool -q upgrade "$(rev_id "$from")"
	elif [ "$from" -lt "$POS" ]; then
		run_cmd dbtool -q downgrade "$([ "$from" = 0 ] && echo base || rev_id "$from")"
	fi
	if [ "$STATUS" != 0 ]; then
		fail "before mixed trial $trial: $LAST_CMD: expected exit status 0" "$(show_output)"
		break
	fi
	CMDS=()
	for i in $(seq $((procs / 2))); do
		pick_target downgrade
		CMDS+=("downgrade $PICK")
		pick_target upgrade
		CMDS+=("upgrade $PICK")
	done
	what="mixed trial $trial from position $from: ${CMDS[*]}"
	start_procs
	processes=$((processes + procs))
	wait_all 120 "${PIDS[@]}"
	no_password_in "$what" "$WORK"/p.*
	if [ -n "$HUNG" ]; then
		fail "$what: processes still running after 120 s were killed:$HUNG"
	fi
	bad=
	for i in "${!PIDS[@]}"; do
		status=${STATUSES[${PIDS[$i]}]}
		if [ "$status" = 0 ] && [ ! -s "$WORK/p.$i.out" ]; then
			continue
		fi
		err=$(error_of "$i")
		if [ "$status" = 1 ] && [ "$(wc -l <<<"$err")" = 1 ] &&
			[[ $err =~ ^dbtool:\ error:\ (waited\ too\ long\ for\ the\ lock|target\ \'[a-z0-9]+\'\ is\ (above|below)\ the\ current\ revision) ]]; then
			mixed_errors=$((mixed_errors + 1))
			continue
		fi
		bad+="process $((i + 1)) (${CMDS[$i]}): exit status $status: $(cat "$WORK/p.$i.err" "$WORK/p.$i.out")"$'\n'
	done
	if [ -n "$bad" ]; then
		fail "$what: each process should exit 0 or with a clear error" "$bad"
		continue
	fi
	check_consistent "$what" || continue
	moved=$(($(steps_reported upgrade) - $(steps_reported downgrade)))
	if [ "$moved" = $((POS - from)) ]; then
		mixed_ok=$((mixed_ok + 1))
	else
		fail "$what: the reported steps add up to $moved, but the database moved from $from to $POS" \
			"$(cat "$WORK"/p.*.err)"
	fi
done
expect_eq "$mixed_ok" "$mixed" "$mixed trials of 4 downgrades racing 4 upgrades: every process exits 0 or with a clear error, the database is consistent"
echo "# $mixed_errors processes of the mixed trials ended with an allowed error (a target passed by the others, or the lock)"
mixed_ms=$(($(now_ms) - t_start - upgrade_ms))

# ------------------------------------------------------ a lock held long

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

# Holds the migration lock from the database's own shell, fed through a
# fifo so that the test decides when it lets go.
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

# The database as fingerprint sees it (the lock holder's session
# allowed), and for SQLite the file's bytes.
db_state() {
	OTHER_SESSIONS=1 fingerprint || return 1
	[ "$DIALECT" != sqlite ] || sha256sum <"$DB_FILE"
}

# From s05, so that both an upgrade and a downgrade have work to do.
expect_ok dbtool -q --lock-timeout 30 downgrade base
expect_ok dbtool -q --lock-timeout 30 upgrade s05
if hold_lock; then
	pass "another session holds the migration lock"
else
	fail "another session should hold the migration lock" "$(cat "$WORK/holder.log")"
	finish
fi
if ! before=$(db_state); then
	fail "cannot read the database while the lock is held" "$before"
	finish
fi
for cmd in "upgrade" "downgrade base"; do
	t0=$(now_ms)
	# shellcheck disable=SC2086 # a command line of plain words
	expect_fail 1 dbtool --lock-timeout 1 $cmd
	elapsed=$(($(now_ms) - t0))
	expect_stderr_contains "dbtool: error: waited too long for the lock"
	expect_error_line
	# How long it took is the machine's pace: reported, not required.
	echo "# '$cmd' gave up after $elapsed ms"
	after=$(db_state) || after="cannot read the database: $after"
	expect_eq "$after" "$before" "'$cmd' that gave up changed nothing"
done
release_lock
expect_ok dbtool -q --lock-timeout 30 upgrade
check_consistent "upgrade once the lock is free" && expect_eq "$POS" "$NREVS" "once the lock is free, upgrade reaches head"

echo "# $((upgrade_ms / 1000)) s for the upgrade trials, $((mixed_ms / 1000)) s for the mixed trials, $((($(now_ms) - t_start) / 1000)) s in all"
echo "race $DIALECT: $upgrade_ok upgrade trials, $((trials * procs)) processes, $doubles double applications; $mixed_ok mixed trials consistent"
finish
