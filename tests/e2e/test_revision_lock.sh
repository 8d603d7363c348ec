#!/bin/bash
#
# test_revision_lock.sh - writing revision files: parallel 'dbtool revision'
# runs on one head give a linear chain (each exits 0, or fails with one
# error line and writes nothing), and leave no temporary file; temporary
# files of killed writers are removed, those of live processes kept;
# 'head', 'heads' and 'base' are refused as ids; an empty parent leaves no
# trailing blank.  Revision files need no database, so the SQLite run does
# the work and the PostgreSQL and MariaDB runs check that migrate refuses
# when the head moved.
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_revision_lock.sh sqlite|postgres|mariadb

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_db "$1"

V=migrations/versions
expect_ok dbtool -q init

# --- the header of a first revision: "-- parent:" and nothing after it
expect_ok dbtool revision -m first --rev-id r0
expect_eq "$(grep '^-- parent' $V/r0_first.sql)" "-- parent:" "an empty parent leaves no trailing blank"
expect_ok dbtool revision -m second --rev-id r1
expect_eq "$(grep '^-- parent' $V/r1_second.sql)" "-- parent: r0" "a parent is written after one blank"

# --- ids that name targets
for id in head heads base; do
	before=$(snapshot)
	expect_fail 1 dbtool revision -m x --rev-id "$id"
	expect_stderr_eq "dbtool: error: invalid revision id '$id': 'head', 'heads' and 'base' name targets, not revisions"
	expect_eq "$(snapshot)" "$before" "'revision --rev-id $id' writes nothing"
done
printf -- '-- id: head\n-- parent: r1\n\n-- migrate:upgrade\n\n-- migrate:downgrade\n' >$V/head_x.sql
expect_fail 1 dbtool heads
expect_stderr_eq "dbtool: error: $V/head_x.sql:1: invalid revision id 'head': 'head', 'heads' and 'base' name targets, not revisions"
printf -- '-- id: r2\n-- parent: base\n\n-- migrate:upgrade\n\n-- migrate:downgrade\n' >$V/head_x.sql
expect_fail 1 dbtool heads
expect_stderr_eq "dbtool: error: $V/head_x.sql:2: invalid parent id 'base': 'head', 'heads' and 'base' name targets, not revisions"
rm -f $V/head_x.sql

if [ "$DIALECT" = sqlite ]; then
	# --- parallel writers on one head: a chain, never a fork
	trials=20 writers=4 forks=0 bad_exits=0 leftovers=0
	for trial in $(seq "$trials"); do
		dir=$WORK/race$trial
		mkdir -p "$dir"
		cp -r migrations dbtool.ini "$dir"/
		pids=()
		for w in $(seq "$writers"); do
			(cd "$dir" && dbtool revision -m "t${trial}w$w" >"$dir/out$w" 2>"$dir/err$w"
			 echo $? >"$dir/status$w") &
			pids+=($!)
		done
		wait "${pids[@]}"
		written=$(ls "$dir/$V" | grep -c '\.sql$')
		ok=0
		for w in $(seq "$writers"); do
			s=$(cat "$dir/status$w")
			if [ "$s" = 0 ]; then
				ok=$((ok + 1))
			elif [ "$s" != 1 ] || [ "$(wc -l <"$dir/err$w")" != 1 ] ||
				! grep -q '^dbtool: error: ' "$dir/err$w"; then
				bad_exits=$((bad_exits + 1))
			fi
		done
		# The chain loads (one head, no branch) and has every file written.
		if ! (cd "$dir" && dbtool heads >"$dir/heads" 2>&1) ||
			[ "$(wc -l <"$dir/heads")" != 1 ] ||
			[ "$(cd "$dir" && dbtool history | wc -l)" != "$written" ] ||
			[ "$written" != $((2 + ok)) ]; then
			forks=$((forks + 1))
		fi
		if ls -a "$dir/$V" | grep -q '\.tmp-\|^\.dbtool\.lock$'; then
			leftovers=$((leftovers + 1))
		fi
	done
	expect_eq "$forks" 0 "$trials trials of $writers parallel 'dbtool revision': the chain stays linear"
	expect_eq "$bad_exits" 0 "every writer exited 0 or failed with one error line"
	expect_eq "$leftovers" 0 "no temporary file and no lock file is left behind"

	# --- temporary files of killed writers go, those of live ones stay
	sh -c 'exit 0' &
	dead=$!
	wait "$dead"
	sleep 30 &
	alive=$!
	touch "$V/x_old.sql.tmp-$dead" "$V/x_live.sql.tmp-$alive"
	expect_ok dbtool revision -m third --rev-id r2
	expect_eq "$(ls -a $V | grep '\.tmp-' | tr '\n' ' ')" "x_live.sql.tmp-$alive " \
		"the temporary file of a dead process is removed, of a live one kept"
	kill "$alive" 2>/dev/null
	wait "$alive" 2>/dev/null
	expect_ok dbtool heads
	expect_stdout_eq "r2"
	expect_eq "$(ls -a $V | grep -c '^\.dbtool\.lock$')" 0 "no lock file is left behind"
else
	# --- migrate made against one head refuses to write after another
	printf 'CREATE TABLE t (id INTEGER PRIMARY KEY);\n' >schema.sql
	expect_ok dbtool upgrade
	expect_version r1
	# Another writer holds the lock; migrate compares the model with the
	# database at head r1, then waits for the lock, and meanwhile r2 is
	# written after r1.
	exec 9>"$V/.dbtool.lock"
	flock 9
	# fd 9 is closed for migrate and the processes that start it, so that
	# only a process that opened the lock file itself holds it open.
	dbtool migrate -m "add t" >"$WORK/mig.out" 2>"$WORK/mig.err" </dev/null 9>&- &
	mig=$!
	# This run's lock file, by its full path: the runs of this test on the
	# other databases, which the suite starts beside it, have migrates of
	# their own waiting on theirs.
	lock="$(pwd -P)/$V/.dbtool.lock"
	waiting=
	for _ in $(seq 1200); do
		for p in $(pgrep -f 'migrate -m add t'); do
			[ "$p" = "$mig" ] && continue
			if ls -l "/proc/$p/fd" 2>/dev/null | grep -qF -- "-> $lock"; then
				waiting=$p
			fi
		done
		[ -n "$waiting" ] && break
		sleep 0.1
	done
	expect_eq "${waiting:+yes}" yes "migrate waits for the lock of the versions folder"
	printf -- '-- id: r2\n-- parent: r1\n\n-- migrate:upgrade\n\n-- migrate:downgrade\n' >"$V/r2_x.sql"
	flock -u 9
	exec 9>&-
	wait "$mig"
	expect_eq "$?" 1 "migrate refuses when the head moved while it waited"
	# The line naming the database is left out, as run_cmd leaves it out.
	expect_eq "$(grep -v '^dbtool: database ' "$WORK/mig.err")" "dbtool: error: the head of the chain is now r2, not r1: another revision was written meanwhile; upgrade the database and run again" \
		"migrate names the head it found"
	expect_eq "$(ls $V | tr '\n' ' ')" "r0_first.sql r1_second.sql r2_x.sql " "migrate wrote nothing"
fi

finish
