#!/bin/bash
#
# resume.sh - the per-statement resume on MariaDB: dbtool upgrade of a
# chain of multi-statement revisions killed with SIGKILL at a random
# moment, then dbtool upgrade run again until it reaches head.  MariaDB
# commits each DDL statement at once, so a revision runs statement by
# statement under a journal row that counts the statements done, and an
# upgrade after a kill resumes the revision that stopped after them.
#
# Every statement of the chain inserts one row (revision, statement) into
# the table "ledger", which has no key that would hide a row inserted
# twice.  After each trial the database must be at head with every
# statement applied exactly once: one row per (revision, statement), and
# no other.  Where the kills land depends on the machine's pace, so the
# test reports how many cut a revision in the middle, and requires only
# the outcome.
#
# usage: bash tests/stress/resume.sh mariadb
#
# Environment: STRESS_TRIALS (default 100), DBTOOL_STRESS_SCALE (multiplies
# it), STRESS_SEED (the random seed, printed at the start).

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_db "${1:-mariadb}"
count_from STRESS_TRIALS 100
trials_wanted=$COUNT
NR=8 # revisions
NS=5 # statements in each

expect_ok dbtool -q init
# The URL is the environment's: the template's sqlite url stays unused.
sed -i '/^url *=/d' dbtool.ini
sql_value "CREATE TABLE ledger (rev INT NOT NULL, stmt INT NOT NULL)"
parent=
for ((k = 1; k <= NR; k++)); do
	id=$(printf 'r%02d' "$k")
	up=
	down=
	for ((j = 1; j <= NS; j++)); do
		up+="INSERT INTO ledger (rev, stmt) VALUES ($k, $j);"$'\n'
		down="DELETE FROM ledger WHERE rev = $k AND stmt = $j;"$'\n'$down
	done
	new_revision "$id" "$parent" "step $k" "$up" "$down" "-- journal: inverse" >/dev/null
	parent=$id
done
HEAD=$parent
echo "# resume $DIALECT: seed $STRESS_SEED, scale $DBTOOL_STRESS_SCALE, $trials_wanted trials"

# ledger_ok WHAT: passes when the ledger holds each (revision, statement)
# of the chain exactly once, the version is head and the journal empty.
ledger_ok() {
	local rows distinct dups version journal
	rows=$(sql_value "SELECT count(*) FROM ledger")
	distinct=$(sql_value "SELECT count(*) FROM (SELECT DISTINCT rev, stmt FROM ledger WHERE rev BETWEEN 1 AND $NR AND stmt BETWEEN 1 AND $NS) d")
	dups=$(sql_value "SELECT count(*) FROM (SELECT rev, stmt FROM ledger GROUP BY rev, stmt HAVING count(*) > 1) d")
	version=$(db_version)
	journal=$(sql_value "SELECT count(*) FROM dbtool_journal")
	if [ "$rows" = $((NR * NS)) ] && [ "$distinct" = $((NR * NS)) ] && [ "$dups" = 0 ] &&
		[ "$version" = "$HEAD" ] && [ "$journal" = 0 ]; then
		return 0
	fi
	fail "$1: every statement should be applied exactly once, at head" \
		"ledger rows $rows (of them distinct $distinct, statements applied twice $dups), expected $((NR * NS))" \
		"version '$version', expected '$HEAD'; journal rows $journal"
	return 1
}

# The time of a whole upgrade, base to head, the window the kills are
# drawn from.
measure_ms dbtool -q upgrade
window_ms=$MS
ledger_ok "the first upgrade" && pass "an upgrade without a kill applies every statement once"
echo "# an upgrade base->head takes ${window_ms} ms"

BG_OUT=$WORK/bg.out
BG_ERR=$WORK/bg.err
kills=0   # trials whose upgrade the kill ended
midway=0  # kills that left a revision part-way (a journal row)
resumed=0 # upgrades after a kill that said they resumed a revision
good=0    # trials that ended with every statement applied exactly once
trial=0
# The measured time is that of one moment on a machine that may be busy:
# the window the kill times are drawn from shrinks (in percent of the
# measured time) after a run that finished first and grows after a kill,
# so that most runs are cut short whatever the machine's pace.
stretch=100
while [ "$trial" -lt "$trials_wanted" ] && [ "$FAILED" -lt "$MAX_FAILURES" ]; do
	trial=$((trial + 1))
	# Back to base: the ledger empty, the version and journal cleared.
	sql_value "DELETE FROM ledger"
	run_cmd dbtool -q stamp base
	if [ "$STATUS" != 0 ]; then
		fail "trial $trial: the stamp back to base should succeed" "$(show_output)"
		continue
	fi
	rand_below $((window_ms * stretch / 100 + 1))
	delay=$R
	what="trial $trial, killed after $delay ms"
	{
		run_bg "$DBTOOL" --lock-timeout 30 upgrade
		sleep_ms "$delay"
		kill -9 "$BG_PID"
		wait_all 60 "$BG_PID"
	} 2>/dev/null
	status=${STATUSES[$BG_PID]}
	no_password_in "$what" "$BG_OUT" "$BG_ERR"
	if [ "$status" = 137 ]; then
		kills=$((kills + 1))
		[ "$stretch" -ge 150 ] || stretch=$((stretch + 2))
	elif [ "$status" = 0 ]; then
		stretch=$((stretch * 9 / 10))
		[ "$stretch" -ge 10 ] || stretch=10
	elif [ "$status" != 0 ]; then
		fail "$what: exited with status $status before the kill" "$(cat "$BG_ERR")"
	fi
	n=$(sql_value "SELECT count(*) FROM dbtool_journal WHERE statements > 0" 2>/dev/null)
	[ "${n:-0}" -gt 0 ] && midway=$((midway + 1))
	# Upgrade again until head: one run must do (nothing kills it).
	run_cmd dbtool --lock-timeout 30 upgrade
	if [ "$STATUS" != 0 ]; then
		fail "$what: the upgrade after the kill should reach head" "$(show_output)"
		continue
	fi
	grep -q "resuming upgrade" "$ERR" && resumed=$((resumed + 1))
	ledger_ok "$what" && good=$((good + 1))
	if [ $((trial % 25)) = 0 ]; then
		echo "# $trial trials: $kills killed, $midway mid-revision, $resumed resumed, $good exactly once"
	fi
done

echo "# $trial trials: $kills killed, $midway mid-revision, $resumed resumed, $good exactly once"
if [ "$good" = "$trials_wanted" ]; then
	pass "$trials_wanted trials, each resumed to head with every statement applied exactly once"
else
	fail "$good of $trials_wanted trials ended with every statement applied exactly once"
fi
finish
