#!/bin/bash
#
# crash.sh - crash safety, on one dialect: dbtool upgrade (or downgrade)
# killed with SIGKILL at random moments while it runs a 30-revision chain.
# After every kill the database must be exactly at the revision its
# version table names (schema, indexes, columns and rows: see lib.sh), and
# every so often an upgrade run to completion must reach head.  On
# PostgreSQL the server is also restarted in immediate mode (a crash: no
# checkpoint, sessions cut off) while dbtool runs; dbtool must then fail
# with a connection error, the database must be consistent after crash
# recovery, and upgrading again must complete.
#
# On MariaDB, which commits each DDL statement at once, a kill can leave a
# revision halfway, which dbtool's journal records (see the README's
# "Revisions on a database whose DDL commits at once"): the version, the
# history and the journal must then agree with the statements that ran
# (lib.sh's check_consistent), the next run goes on in the journal's
# direction and says that it resumes the revision, an upgrade refuses to
# undo a downgrade that stopped halfway (the chain's revisions do not say
# '-- journal: inverse'), or one stopped while its first statement ran,
# until 'dbtool downgrade -1' has finished it, takes one stopped before
# its first statement started for not started, and
# every upgrade to completion reaches head with every statement applied
# exactly once.  The server is not crashed there: the kills already leave
# revisions halfway, which is what the journal is for.
#
# Each kill is sent at a time drawn uniformly from the measured duration of
# the run it is aimed at, so kills fall before, between and inside the
# revisions' transactions.  Where a kill or a server crash lands depends on
# the machine's pace, so the test asserts only what it checked (after every
# run, killed or not, the database is consistent; every run to completion
# reaches its target) and reports how many runs a kill cut short, how many
# it left part-way (some revisions done, the target not reached) and how
# many server crashes cut a running dbtool off.
#
# usage: bash tests/stress/crash.sh sqlite|postgres|mariadb
#
# Environment: STRESS_KILLS (runs with a kill aimed at them, default 200),
# STRESS_RESTARTS (runs with a PostgreSQL server crash aimed at them,
# default 20), DBTOOL_STRESS_SCALE (multiplies both), STRESS_SEED (the
# random seed, printed at the start).

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# The server crashes below must not cut off the other tests' sessions:
# this test has a cluster of its own, and runs beside the others.
[ "$1" = postgres ] && own_pg_cluster 54339
setup_db "$1"
count_from STRESS_KILLS 200
kills_wanted=$COUNT
count_from STRESS_RESTARTS 20
restarts_wanted=$COUNT
complete_every=10
t_start=$(now_ms)

stress_chain
echo "# crash $DIALECT: seed $STRESS_SEED, scale $DBTOOL_STRESS_SCALE, $kills_wanted runs to kill"

# ---------------------------------------------------------------- timing

# The fixed cost of a run (start, connect, load the chain) and the cost of
# one revision each way, from the fastest of two runs.
measure_ms dbtool -q current
start_ms=$MS
measure_ms dbtool -q current
[ "$MS" -lt "$start_ms" ] && start_ms=$MS
up_ms=
down_ms=
for _ in 1 2; do
	measure_ms dbtool -q upgrade
	[ -z "$up_ms" ] || [ "$MS" -lt "$up_ms" ] && up_ms=$MS
	measure_ms dbtool -q downgrade base
	[ -z "$down_ms" ] || [ "$MS" -lt "$down_ms" ] && down_ms=$MS
done
# Per revision, in microseconds, at least 100.
per_up_us=$(((up_ms - start_ms) * 1000 / NREVS))
per_down_us=$(((down_ms - start_ms) * 1000 / NREVS))
[ "$per_up_us" -ge 100 ] || per_up_us=100
[ "$per_down_us" -ge 100 ] || per_down_us=100
echo "# a run starts in ${start_ms} ms; upgrade base->head ${up_ms} ms, downgrade head->base ${down_ms} ms"

if check_consistent "after the timing runs" && [ "$POS" = 0 ]; then
	pass "the timing runs leave the database at base"
else
	fail "the timing runs should leave the database at base"
	finish
fi

# ------------------------------------------------------- kills (SIGKILL)

# pick_run CUR: chooses what the next run does from position CUR: sets OP
# (upgrade or downgrade), TARGET (its argument), GOAL (the position it
# aims at) and WINDOW_MS (how long it should take).
pick_run() {
	local cur=$1 r jrev jdir
	rand_below 10
	r=$R
	if [ "$cur" -lt 0 ]; then
		cur=$NREVS
	fi
	if [ -n "$JOURNAL" ]; then
		# MariaDB, a revision stopped halfway: on in its direction, to
		# or past it (the other way would need '-- journal: inverse').
		read -r jrev jdir _ <<<"$JOURNAL"
		OP=$jdir
		if [ "$jdir" = upgrade ]; then
			rand_below $((NREVS - jrev + 1))
			GOAL=$((jrev + R))
			TARGET=$([ "$GOAL" = "$NREVS" ] && echo head || rev_id "$GOAL")
			WINDOW_MS=$((start_ms + (GOAL - cur) * per_up_us / 1000))
		else
			rand_below "$jrev"
			GOAL=$R
			TARGET=$([ "$GOAL" = 0 ] && echo base || rev_id "$GOAL")
			WINDOW_MS=$((start_ms + (cur - GOAL) * per_down_us / 1000))
		fi
		return
	fi
	if [ "$cur" = 0 ] || { [ "$cur" -lt "$NREVS" ] && [ "$r" -lt 7 ]; }; then
		OP=upgrade
		rand_below 4
		if [ "$R" = 0 ] && [ "$cur" -lt $((NREVS - 1)) ]; then
			rand_below $((NREVS - cur))
			GOAL=$((cur + 1 + R))
			TARGET=$(rev_id "$GOAL")
		else
			GOAL=$NREVS
			TARGET="head"
		fi
		WINDOW_MS=$((start_ms + (GOAL - cur) * per_up_us / 1000))
	else
		OP=downgrade
		rand_below "$cur"
		GOAL=$R
		if [ "$GOAL" = 0 ]; then
			TARGET=base
		else
			TARGET=$(rev_id "$GOAL")
		fi
		WINDOW_MS=$((start_ms + (cur - GOAL) * per_down_us / 1000))
	fi
}

# expect_resumed WHAT JOURNAL FILE STATUS: a run started while the
# journal held JOURNAL ("REV DIRECTION K", a revision stopped halfway)
# says in FILE that it resumes the revision at its statement K + 1 (after
# its last one when K is all of them); one that a kill cut short may not
# have got that far.
expect_resumed() {
	local jrev jdir k n line
	read -r jrev jdir k _ <<<"$2"
	chain_statements "$jrev"
	n=$([ "$jdir" = upgrade ] && echo "${#UP[@]}" || echo "${#DOWN[@]}")
	if [ "$k" -lt "$n" ]; then
		line="resuming $jdir $(rev_id "$jrev") at its statement $((k + 1)) of $n"
	else
		line="resuming $jdir $(rev_id "$jrev") after its last statement ($n of $n ran)"
	fi
	if grep -qxF -- "$line" "$3"; then
		resumed=$((resumed + 1))
	elif [ "$4" = 0 ]; then
		fail "$1: should say '$line'" "$(cat "$3")"
	fi
}

# complete_upgrade WHAT: a check that 'dbtool upgrade', run to
# completion, reaches head.  On MariaDB a revision that stopped halfway
# is first taken care of as the README says: an upgrade that stopped is
# resumed by the upgrade itself; a downgrade that stopped after some of
# its statements makes the upgrade refuse, changing nothing (the chain's
# revisions do not say '-- journal: inverse'), and 'dbtool downgrade -1'
# finishes it, to the revision's parent.  So does a downgrade stopped
# while the server ran its first statement, when that is DDL (the
# journal marks it as started): its effect is unknown, and the upgrade
# refuses to take the revision for not started.  One stopped before its
# first statement started is taken for not started: the upgrade goes on
# from the version.
complete_upgrade() {
	local what=$1 journal before after jrev jdir k running refusal
	if [ "$DIALECT" != mariadb ]; then
		run_cmd dbtool -q --lock-timeout 30 upgrade
	else
		check_consistent "$what: before it" || return 1
		journal=$JOURNAL
		read -r jrev jdir k running <<<"$journal"
		if [ "$running" = "$((k + 1))" ]; then
			refusal="whether that took effect is unknown (mysql commits each DDL statement at once); finish the downgrade with 'dbtool downgrade -1'"
		else
			refusal="its header does not say '-- journal: inverse'"
		fi
		if [ "$jdir" = downgrade ] && { [ "$k" -gt 0 ] || [ "$running" != 0 ]; }; then
			before=$(fingerprint)
			run_cmd dbtool --lock-timeout 30 upgrade
			after=$(fingerprint)
			if [ "$STATUS" = 1 ] && is_error_line "$ERR" && contains "$ERR" "$refusal" &&
				contains "$ERR" "'dbtool downgrade" && [ "$after" = "$before" ]; then
				refused=$((refused + 1))
			else
				fail "$what: upgrade should refuse to undo the downgrade of $(rev_id "$jrev") halfway, changing nothing" \
					"$(show_output)" "$(diff <(printf '%s\n' "$before") <(printf '%s\n' "$after"))"
				return 1
			fi
		fi
		if [ "$jdir" = downgrade ] && [ "$k" = 0 ] && [ "$running" = 0 ]; then
			journal=
		elif [ "$jdir" = downgrade ]; then
			run_cmd dbtool --lock-timeout 30 downgrade -1
			expect_resumed "$what: downgrade -1" "$journal" "$ERR" "$STATUS"
			if [ "$STATUS" != 0 ]; then
				fail "$what: downgrade -1 should finish the downgrade that stopped" "$(show_output)"
				return 1
			fi
			check_consistent "$what: downgrade -1 finishing the downgrade of $(rev_id "$jrev")" || return 1
			if [ "$POS" != $((jrev - 1)) ] || [ -n "$JOURNAL" ]; then
				fail "$what: downgrade -1 should reach position $((jrev - 1)) with no journal row, is at $POS ($JOURNAL)"
				return 1
			fi
			journal=
		fi
		run_cmd dbtool --lock-timeout 30 upgrade
		[ -z "$journal" ] || expect_resumed "$what" "$journal" "$ERR" "$STATUS"
	fi
	if [ "$STATUS" != 0 ]; then
		fail "$what: expected exit status 0" "$(show_output)"
		return 1
	fi
	check_consistent "$what: upgrade to completion" || return 1
	if [ "$POS" != "$NREVS" ]; then
		fail "$what: should reach head, is at position $POS"
		return 1
	fi
}

BG_OUT=$WORK/bg.out
BG_ERR=$WORK/bg.err
kills=0         # runs that SIGKILL ended
consistent=0    # runs after which the database was consistent
completion_runs=0 # upgrades run to completion between kills
partway=0       # kills after which some revisions were done, not all
in_tx=0         # SQLite: kills that left a hot journal (inside a transaction)
finished=0      # runs that ended before the kill reached them
midway=0        # MariaDB: kills that left a revision halfway (a journal row)
marked=0        # ... while a DDL statement ran (the journal marks it started)
resumed=0       # MariaDB: runs that said they resumed such a revision
refused=0       # MariaDB: upgrades that refused to undo a downgrade halfway
completions=0   # upgrades run to completion after kills
attempts=0
# The measured times are those of one moment on a machine that may be
# busy: the window the kill times are drawn from shrinks (in percent of
# the measured time) after a run that finished first and grows after a
# kill, so that most runs are cut short whatever the machine's pace.
stretch=100
POS=0
while [ "$attempts" -lt "$kills_wanted" ] && [ "$FAILED" -lt "$MAX_FAILURES" ]; do
	attempts=$((attempts + 1))
	cur=$POS
	journal=$JOURNAL
	pick_run "$cur"
	rand_below $((WINDOW_MS * stretch / 100 + 1))
	delay=$R
	what="$OP $TARGET from position $cur, killed after $delay ms"
	# The shell's own "Killed" notice goes nowhere.
	{
		run_bg "$DBTOOL" --lock-timeout 30 "$OP" "$TARGET"
		sleep_ms "$delay"
		kill -9 "$BG_PID"
		wait_all 60 "$BG_PID"
	} 2>/dev/null
	status=${STATUSES[$BG_PID]}
	no_password_in "$what" "$BG_OUT" "$BG_ERR"
	if [ "$status" = 0 ]; then
		finished=$((finished + 1))
		stretch=$((stretch * 9 / 10))
		[ "$stretch" -ge 20 ] || stretch=20
	elif [ "$status" = 137 ]; then
		kills=$((kills + 1))
		[ "$stretch" -ge 150 ] || stretch=$((stretch + 2))
		if [ "$DIALECT" = sqlite ] && [ -s "$DB_FILE-journal" ]; then
			in_tx=$((in_tx + 1))
		fi
	else
		fail "$what: exited with status $status before the kill" "$(cat "$BG_ERR")"
	fi
	[ -z "$journal" ] || expect_resumed "$what" "$journal" "$BG_ERR" "$status"
	if check_consistent "$what"; then
		consistent=$((consistent + 1))
		if [ "$status" = 137 ] && { [ -n "$JOURNAL" ] || { [ "$POS" != "$cur" ] && [ "$POS" != "$GOAL" ]; }; }; then
			partway=$((partway + 1))
		fi
		[ -z "$JOURNAL" ] || midway=$((midway + 1))
		[ -z "$JOURNAL" ] || [ "${JOURNAL##* }" = 0 ] || marked=$((marked + 1))
	fi
	if [ $((attempts % complete_every)) = 0 ]; then
		completion_runs=$((completion_runs + 1))
		if complete_upgrade "upgrade after $attempts runs"; then
			completions=$((completions + 1))
		fi
	fi
	if [ $((attempts % 50)) = 0 ]; then
		echo "# $attempts runs: $kills killed ($partway part-way, $consistent consistent), $finished finished first"
	fi
done

# How many runs the kills cut short is up to the machine's pace: it is
# reported, not required.
echo "# $attempts runs with a kill aimed at them: $kills killed ($partway part-way), $finished finished first"
[ "$DIALECT" != mariadb ] ||
	echo "# mariadb: $midway kills left a revision halfway ($marked during a DDL statement), $resumed runs resumed one, $refused upgrades refused to undo a downgrade halfway"
expect_eq "$consistent" "$attempts" "the database was consistent after each of the $attempts runs ($kills killed by SIGKILL)"
expect_eq "$completions" "$completion_runs" "every upgrade run to completion between kills reached head"

# Whatever the last kill left, upgrading completes.
complete_upgrade "the final upgrade" && pass "the final upgrade reaches head"

summary="crash $DIALECT: $attempts runs, $kills killed, $consistent consistent"
detail="$partway part-way"
[ "$DIALECT" = sqlite ] && detail+=", $in_tx inside a transaction"
[ "$DIALECT" = mariadb ] && detail+=", $midway mid-revision ($marked in DDL), $resumed resumed, $refused undo refused"
detail+=", $finished runs finished before the kill"

# ------------------------------------------- PostgreSQL: server crashes

if [ "$DIALECT" = postgres ] && [ "$FAILED" -lt "$MAX_FAILURES" ]; then
	pg_cluster=$DBTOOL_SOURCE_ROOT/scripts/pg-cluster
	cluster_dir=
	if [[ $DBTOOL_TEST_PG_URL =~ [?\&]host=([^\&]*) ]]; then
		cluster_dir=$(urldecode "${BASH_REMATCH[1]}")
	fi
	if [ -z "$cluster_dir" ] || [ ! -e "$cluster_dir/.dbtool-pg-cluster" ]; then
		fail "the server of DBTOOL_TEST_PG_URL was not started by scripts/pg-cluster, so it cannot be restarted: run the tests with scripts/test"
		finish
	fi

	crashes=0    # server crashes that cut a running dbtool off
	crashes_partway=0 # of those, the ones after some revisions were done
	survived=0   # rounds after which all was well
	missed=0     # restarts that came after dbtool had finished
	rounds=0
	while [ "$rounds" -lt "$restarts_wanted" ] && [ "$FAILED" -lt "$MAX_FAILURES" ]; do
		rounds=$((rounds + 1))
		# Alternately an upgrade from base and a downgrade from head:
		# the previous round, run to completion, left the database
		# at the other end.
		if [ "$POS" = 0 ]; then
			OP=upgrade
			TARGET="head"
			per_us=$per_up_us
			ahead=$NREVS
		else
			OP=downgrade
			TARGET=base
			per_us=$per_down_us
			ahead=$((POS < 0 ? NREVS : POS))
		fi
		# The crash comes once dbtool has reported a random number of
		# revisions done (0: as it starts), and a random part of one
		# revision's time later, so that it lands inside a revision
		# as often as between two.  pg_ctl takes a while to deliver
		# it, so the last quarter of the run is left out.
		rand_below $((ahead * 3 / 4 + 1))
		steps=$R
		rand_below $((per_us / 1000 + 1))
		extra=$R
		what="$OP $TARGET, server crashed after $steps revisions and $extra ms"
		run_bg "$DBTOOL" --lock-timeout 30 "$OP" "$TARGET"
		deadline=$(($(now_ms) + 10000))
		while [ "$steps" -gt 0 ] && kill -0 "$BG_PID" 2>/dev/null && [ "$(now_ms)" -lt "$deadline" ]; do
			mapfile -t lines <"$BG_ERR"
			# (the first line says which database; the steps follow)
			[[ ${lines[0]:-} == "dbtool: database "* ]] && lines=("${lines[@]:1}")
			[ "${#lines[@]}" -ge "$steps" ] && break
			sleep 0.002
		done
		sleep_ms "$extra"
		if ! "$pg_cluster" restart-immediate "$cluster_dir" >"$WORK/restart.log" 2>&1; then
			fail "$what: the server did not restart" "$(cat "$WORK/restart.log")"
			finish
		fi
		wait_all 60 "$BG_PID"
		status=${STATUSES[$BG_PID]}
		no_password_in "$what" "$BG_OUT" "$BG_ERR"
		if [ -n "$HUNG" ]; then
			fail "$what: dbtool was still running 60 s after the crash" "$(cat "$BG_ERR")"
			continue
		fi
		if [ "$status" = 0 ]; then
			missed=$((missed + 1))
		else
			crashes=$((crashes + 1))
			err=$(grep -v -e '^upgrade ' -e '^downgrade ' -e '^dbtool: database ' "$BG_ERR")
			if [ "$status" != 1 ] || [ "$(wc -l <<<"$err")" != 1 ] ||
				! [[ $err =~ ^dbtool:\ error:\ .*(connection|connect|server|shut).* ]]; then
				fail "$what: dbtool should exit 1 with one line naming the lost connection" \
					"exit status $status" "$(cat "$BG_ERR")"
			elif [ "$crashes" -le 3 ]; then
				echo "# $what: $err"
			fi
			grep -q -e '^upgrade ' -e '^downgrade ' "$BG_ERR" && crashes_partway=$((crashes_partway + 1))
		fi
		check_consistent "$what after crash recovery" || continue
		run_cmd dbtool -q --lock-timeout 30 "$OP" "$TARGET"
		if [ "$STATUS" != 0 ]; then
			fail "$what: running '$OP $TARGET' again should complete" "$(show_output)"
			continue
		fi
		want=$([ "$OP" = upgrade ] && echo "$NREVS" || echo 0)
		if check_consistent "$OP $TARGET again after the crash" && [ "$POS" = "$want" ]; then
			survived=$((survived + 1))
		elif [ "$POS" != -1 ]; then
			fail "$what: running '$OP $TARGET' again should reach position $want, not $POS"
		fi
	done
	# How many crashes cut dbtool off mid-run is up to the machine's
	# pace: it is reported, not required.
	echo "# $rounds server crashes: $crashes cut a running dbtool off, $missed came after it had finished"
	expect_eq "$survived" "$rounds" "after each of the $rounds server crashes the database was consistent and the run completed when run again"
	summary+=", $survived of $rounds server crashes survived ($crashes mid-run)"
	detail+="; $crashes_partway server crashes came after some revisions were done"
fi

echo "# $detail; $(($(now_ms) - t_start)) ms in all"
echo "$summary"
finish
