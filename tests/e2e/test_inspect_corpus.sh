#!/bin/bash
#
# test_inspect_corpus.sh - `inspect` over the model corpus: for every
# schema of tests/corpus/schemas, on one dialect, a database is made with
# `create-all`, `inspect` prints it, and what it printed, as the model,
# must make `check` exit 0 and find nothing.
#
# usage: DBTOOL=build/cmd/dbtool bash tests/e2e/test_inspect_corpus.sh sqlite|postgres|mariadb
# DBTOOL_CORPUS_ONLY=REGEX runs only the schemas whose path matches REGEX
# (all of them, whatever the sample).
#
# tests/corpus_run (the meson tests inspect_corpus-sqlite and
# inspect_corpus-postgres) runs every schema with the same assertions, in
# process; this script runs the real binary on a fixed sample of them
# (in_sample in lib.sh: every 16th and the first of each tricky kind), and on all of
# them with DBTOOL_CORPUS_SAMPLE=all.  The corpus count is checked on the whole
# corpus.

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CORPUS=$E2E_DIR/../corpus
ONLY=${DBTOOL_CORPUS_ONLY:-}
MIN_SCHEMAS=85

setup_db "$1"

# Empties the database whatever state a case left it in.
force_empty() {
	case "$DIALECT" in
	sqlite) rm -f "$DB_FILE" ;;
	postgres) sql_value "DROP SCHEMA public CASCADE; CREATE SCHEMA public" >/dev/null 2>&1 ;;
	mariadb) my_sql "" "DROP DATABASE \`$MY_DATABASE\`; CREATE DATABASE \`$MY_DATABASE\`" >/dev/null 2>&1 ;;
	esac
}

# inspect_case FILE: one corpus schema, one check (run_cases in lib.sh).
inspect_case() {
	local f=$1 name why=
	name=schemas/$(basename "$f")
	cp "$f" schema.sql
	run_cmd dbtool create-all
	[ "$STATUS" = 0 ] || why="create-all of the corpus model failed: $(show_output)"
	if [ -z "$why" ]; then
		run_cmd dbtool inspect
		check_no_password
		[ "$STATUS" = 0 ] || why="inspect failed: $(show_output)"
	fi
	if [ -z "$why" ]; then
		cp "$OUT" "$WTMP/inspected.sql"
		cp "$WTMP/inspected.sql" schema.sql
		run_cmd dbtool check
		check_no_password
		if [ "$STATUS" != 0 ] || [ -s "$OUT" ]; then
			why="check with the inspected model should exit 0 and find nothing: $(show_output)
what inspect printed:
$(cat "$WTMP/inspected.sql")"
		fi
	fi
	force_empty
	if [ -z "$why" ]; then
		pass "$name: what inspect prints is a model that check finds equal to the database"
	else
		fail "$name: what inspect prints is a model that check finds equal to the database" "$why"
	fi
}

inspect_setup() {
	run_cmd dbtool init
	[ "$STATUS" = 0 ] || fail "dbtool init for the corpus" "$(show_output)"
}

# n counts the corpus; files holds the sample (in_sample in lib.sh) that
# runs here.
files=()
n=0
for f in "$CORPUS"/schemas/*.sql; do
	[ -z "$ONLY" ] || [[ $f =~ $ONLY ]] || continue
	for_this_dialect "$f" || continue
	# (a schema tests/corpus_run's corpus mode cannot create on this
	# dialect, listed in its .todo, is left out of the sample too)
	{ [ -n "$ONLY" ] || { in_sample $n "${f##*/}" && ! on_todo corpus "schemas/${f##*/}"; }; } &&
		files+=("$f")
	n=$((n + 1))
done
run_cases inspect_setup inspect_case "${files[@]}"
ok=$CASES_PASSED

if [ -z "$ONLY" ]; then
	expect_eq "$([ "$n" -ge $MIN_SCHEMAS ] && echo yes)" yes "at least $MIN_SCHEMAS corpus schemas were inspected ($n)"
fi
echo "# inspect: $ok of the ${#files[@]} of the sample read back as equal models"

finish
