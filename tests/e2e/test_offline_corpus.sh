#!/bin/bash
#
# test_offline_corpus.sh - the revisions that `migrate` writes for the
# model corpus, replayed offline, give what the online run gives, on one
# dialect.  Database A is migrated through the pairs of tests/corpus/pairs
# (model a.sql, then b.sql: one revision each), by `migrate` and
# `upgrade`, then through the hand-written revisions of
# tests/corpus/revisions (sections that end in a comment whose last
# character is ';' or without their final ';', rows, a child table that
# cascades).  Database B receives only the scripts of `upgrade --sql` and
# `downgrade --sql`, fed to sqlite3 / psql / mariadb: the whole chain up, down to
# its middle, down to base and up again.  After each step A, brought to
# the same revision by `upgrade` / `downgrade`, and B must hold the same
# schema, the same rows (the version and history tables' included, less
# the time of application) and the same version (on MariaDB less
# dbtool_journal, which the scripts do not keep).
#
# The chain takes a fixed sample of the pairs (in_sample in lib.sh: every
# 16th and the first of each tricky kind), all of them with DBTOOL_CORPUS_SAMPLE=all; the
# hand-written revisions always run, and the corpus count is checked on
# the whole corpus.  In the default run every pair is still met in
# process by tests/corpus_run (the meson tests corpus-sqlite and
# corpus-postgres: check prints exactly the difference of a and b, both
# ways); the online chain and the offline replay of every pair's revision
# run here with DBTOOL_CORPUS_SAMPLE=all.
#
# DBTOOL_CORPUS_ONLY=REGEX takes only the pairs whose path matches REGEX
# (all of them, whatever the sample).
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_offline_corpus.sh sqlite|postgres|mariadb

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CORPUS=$E2E_DIR/../corpus
MIN_PAIRS=65
ONLY=${DBTOOL_CORPUS_ONLY:-}

setup_db "$1"
A=$TEST_URL

# A second database, B.
case "$DIALECT" in
sqlite) B=sqlite:///$WORK/b.db ;;
postgres)
	name=${PG_DATABASES[0]}_b
	re='^([A-Za-z0-9+.-]+://[^/?]*)(/[^?]*)?(\?.*)?$'
	[[ $TEST_URL =~ $re ]] || {
		fail "cannot make a URL for a second database from the test URL"
		finish
	}
	B=${BASH_REMATCH[1]}/$name${BASH_REMATCH[3]}
	if ! psql "$TEST_URL" -X -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE $name STRATEGY FILE_COPY" >"$ERR" 2>&1 </dev/null; then
		fail "cannot create a second database" "$(cat "$ERR")"
		finish
	fi
	PG_DATABASES+=("$name")
	;;
mariadb)
	my_new_database "${MY_DATABASE}_b"
	B=$MY_NEW_URL
	;;
esac

# state URL: the schema, then every table's rows, in a fixed order.
state() {
	local url=$1 f
	case "$DIALECT" in
	sqlite)
		f=${url#sqlite:///}
		[ -e "$f" ] || return 0
		sqlite3 -batch "$f" "SELECT type || ' ' || name || ': ' || ifnull(sql, '') FROM sqlite_master ORDER BY type, name" </dev/null
		sqlite3 -batch "$f" "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name" </dev/null |
			while read -r t; do
				echo "rows of $t:"
				if [ "$t" = dbtool_history ]; then
					sqlite3 -batch -cmd '.mode quote' "$f" "SELECT version_num, checksum FROM dbtool_history ORDER BY 1" </dev/null
				else
					sqlite3 -batch -cmd '.mode quote' "$f" "SELECT * FROM \"$t\" ORDER BY 1" </dev/null
				fi
			done
		;;
	postgres)
		pg_dump "$url" --schema-only --no-owner --no-privileges </dev/null |
			grep -vE '^(--|SET |SELECT pg_catalog\.set_config|\\(un)?restrict )' | grep -v '^$'
		psql "$url" -X -Atq -v ON_ERROR_STOP=1 </dev/null -c "
			SELECT 'rows of ' || table_name || ': ' || coalesce((xpath('/row/j/text()', query_to_xml(
				format('SELECT json_agg(x ORDER BY x::text) AS j FROM (SELECT %s FROM public.%I) x',
					CASE WHEN table_name = 'dbtool_history' THEN 'version_num, checksum' ELSE '*' END, table_name),
				false, true, '')))[1]::text, '[]')
			FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
			ORDER BY table_name COLLATE \"C\""
		;;
	mariadb) my_db_state "$(my_database_of "$url")" ;;
	esac
}

# feed FILE: an offline script into B, stopping at the first error.
feed() {
	LAST_CMD="feed $(basename "$1")"
	case "$DIALECT" in
	sqlite) sqlite3 -batch -bail "${B#sqlite:///}" <"$1" >"$OUT" 2>"$ERR" ;;
	postgres)
		PGOPTIONS='-c client_min_messages=warning' \
			psql "$B" -X -q -v ON_ERROR_STOP=1 -f "$1" >"$OUT" 2>"$ERR" </dev/null
		;;
	# (in batch mode the mariadb client stops at the first error)
	mariadb) my_sql_raw "$(my_database_of "$B")" <"$1" >"$OUT" 2>"$ERR" ;;
	esac
	STATUS=$?
	if [ "$STATUS" = 0 ] && [ ! -s "$ERR" ]; then
		pass "$(basename "$1") runs in the database's client"
	else
		fail "$(basename "$1") should run in the database's client" "$(show_output)"
	fi
}

# offline NAME ARGS...: `dbtool -u B ARGS... --sql` fed to B.
offline() {
	local name=$1
	shift
	expect_ok dbtool -u "$B" "$@" --sql
	cp "$OUT" "$WORK/$name.sql"
	feed "$WORK/$name.sql"
}

# same WHEN: A and B hold the same schema, rows and version.
same() {
	local a b
	a=$(state "$A")
	b=$(state "$B")
	if [ "$a" = "$b" ]; then
		pass "$1: the database fed the scripts equals the one dbtool migrated"
	else
		fail "$1: the database fed the scripts should equal the one dbtool migrated" \
			"$(diff <(printf '%s\n' "$b") <(printf '%s\n' "$a") | sed 's/^</script:/; s/^>/dbtool:/' | head -40)"
	fi
}

# ------------------------------------------------------- the chain on A

expect_ok dbtool -q init
npairs=0
nchain=0
bad=
for dir in "$CORPUS"/pairs/*/; do
	[ -z "$ONLY" ] || [[ $dir =~ $ONLY ]] || continue
	for_this_dialect "$dir/a.sql" || continue
	npairs=$((npairs + 1))
	[ -n "$ONLY" ] || in_sample $((npairs - 1)) "$(basename "$dir")" || continue
	# A pair that fails online on this dialect because of dbtool (listed
	# in its .todo, followed by tests/corpus_run) stays out of the chain.
	if [ -z "$ONLY" ] && on_todo migrate "pairs/$(basename "$dir")"; then
		continue
	fi
	nchain=$((nchain + 1))
	for side in a b; do
		cp "$dir/$side.sql" schema.sql
		run_cmd dbtool -q migrate -m "$(basename "$dir") $side"
		if [ "$STATUS" != 0 ]; then
			bad+="migrate $(basename "$dir") $side: $(cat "$ERR")"$'\n'
			continue
		fi
		run_cmd dbtool -q upgrade
		[ "$STATUS" = 0 ] || bad+="upgrade $(basename "$dir") $side: $(cat "$ERR")"$'\n'
	done
done
expect_eq "$bad" "" "every pair of the chain ($nchain of $npairs) migrates and upgrades online"
if [ -n "$ONLY" ]; then
	:
elif [ "$npairs" -ge "$MIN_PAIRS" ]; then
	pass "the corpus holds $npairs pairs (at least $MIN_PAIRS)"
else
	fail "the corpus should hold at least $MIN_PAIRS pairs, not $npairs"
fi
# Then the hand-written revisions of tests/corpus/revisions, on top of
# the head (their first one's parent is "corpus_head").
HEAD=$(sql_value "SELECT version_num FROM dbtool_version")
for f in "$CORPUS"/revisions/*.sql; do
	sed "s/^-- parent: corpus_head\$/-- parent: $HEAD/" "$f" >"migrations/versions/$(basename "$f")"
done
expect_ok dbtool upgrade
expect_eq "$(sql_value 'SELECT count(*) FROM corpus_tags')" 3 "the hand-written revisions ran online"
NREV=$(find migrations/versions -name '*.sql' | wc -l)
HEAD=$(sql_value "SELECT version_num FROM dbtool_version")
MID=$((NREV / 2))

# ------------------------------------------------- replayed offline on B

offline up_all upgrade
same "the whole chain up ($NREV revisions)"
expect_ok dbtool downgrade "-$MID"
offline down_mid downgrade "-$MID"
same "down by $MID"
expect_ok dbtool downgrade base
offline down_base downgrade base
same "down to base"
expect_ok dbtool upgrade "+$MID"
offline up_mid upgrade "+$MID"
same "up by $MID from base"
expect_ok dbtool upgrade
offline up_rest upgrade
same "up to head again"
expect_eq "$(sql_value "SELECT version_num FROM dbtool_version")" "$HEAD" "A is at the head"

finish
