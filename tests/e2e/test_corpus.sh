#!/bin/bash
#
# test_corpus.sh - the declared-model corpus (tests/corpus/), end to end, on
# one dialect:
#
# - schemas/*.sql: each model is created with `create-all` in an empty
#   database, then `check` must find nothing (the reflected schema equals
#   the parsed one); `drop-all --yes` must leave no table at all, after
#   which `check` lists every model table as "+ table".
# - pairs/*/: a database is created from a.sql and `check` runs with model
#   b.sql: it must exit 1 and print exactly `expected` (or
#   expected.<dialect> when the output differs by dialect); the other way
#   round (database from b.sql, model a.sql) it must print exactly
#   `reverse` (or reverse.<dialect>), or at least something when the pair
#   has no such file.
# - bad/*.sql: `check` and `create-all` must both exit 1 with exactly
#   "dbtool: error: " and the line of the matching .expected file (or
#   .expected.<dialect>), and leave the database as it was.
#
# Each case is one check; a failing case shows the step that failed and the
# command's output.  The cases are shared out among workers (run_cases in
# lib.sh), each with one project folder and one database: `drop-all --yes`
# empties the database between cases.
#
# tests/corpus_run (the meson tests corpus-sqlite and corpus-postgres)
# runs every case of the corpus in process with the same assertions; this
# script runs the real binary on a fixed sample of them (in_sample in
# lib.sh: every 16th case of each kind and the first of each tricky kind), and on all of
# them with DBTOOL_CORPUS_SAMPLE=all.  The corpus counts are checked on
# the whole corpus.
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_corpus.sh sqlite|postgres
# DBTOOL_CORPUS_ONLY=REGEX runs only the cases whose path matches REGEX
# (all of them, whatever the sample).

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CORPUS=$E2E_DIR/../corpus
ONLY=${DBTOOL_CORPUS_ONLY:-}

# The corpus must not shrink unnoticed.
MIN_SCHEMAS=85
MIN_PAIRS=65
MIN_BAD=32

setup_db "$1"

expect_ok dbtool init
expect_ok dbtool drop-all --yes
expect_tables ""

# ------------------------------------------------------------- helpers

# The reason the current case failed; empty while it holds.
WHY=

# step STATUS WHAT CMD...: runs CMD; unless the case already failed, a
# status other than STATUS fails it, naming WHAT.
step() {
	local want=$1 what=$2
	shift 2
	[ -z "$WHY" ] || return 1
	run_cmd "$@"
	check_no_password
	if [ "$STATUS" != "$want" ]; then
		WHY=$(printf '%s: %s exited %s, expected %s\n%s' "$what" "$LAST_CMD" "$STATUS" "$want" "$(show_output)")
		return 1
	fi
	return 0
}

# A condition of the case is written
#   ok && { CONDITION || why "DETAIL"; }
# so that DETAIL, often long to build (show_output), is built only on a
# failure: ok is true while the case holds, why fails it with DETAIL.
ok() {
	[ -z "$WHY" ]
}

why() {
	[ -n "$WHY" ] || WHY=$1
	return 1
}

# case_end DESCRIPTION: one check for the case; 0 when it passed.
case_end() {
	if [ -z "$WHY" ]; then
		pass "$1"
		return 0
	fi
	fail "$1" "$WHY"
	WHY=
	return 1
}

# The database's tables, the version table left out.
user_tables() {
	tables | grep -vx dbtool_version
}

# A name as `check` prints it, unquoted: "a ""b""" becomes a "b".
unquote() {
	local s=$1
	if [[ $s == \"*\" ]]; then
		s=${s:1:${#s}-2}
		s=${s//\"\"/\"}
	fi
	printf '%s\n' "$s"
}

# The file holding what is expected for this dialect: FILE.<dialect> when
# it exists, else FILE.
for_dialect() {
	if [ -e "$1.$(corpus_dialect)" ]; then
		printf '%s\n' "$1.$(corpus_dialect)"
	else
		printf '%s\n' "$1"
	fi
}

# create_all WHAT: create-all of a pair's model, in the database that
# drop-all emptied, so that it must create every table; its output says
# so without a query of the database.
create_all() {
	if step 0 "create-all of $1" dbtool create-all; then
		grep -q '^create table ' "$ERR" || why "create-all of $1 created no table:
$(show_output)"
	fi
}

# Empties the database between the steps of a pair (the schema cases
# check that drop-all leaves nothing); a failure here fails the case.
empty_db() {
	step 0 "drop-all" dbtool drop-all --yes
}

# Empties the database whatever state a failed case left it in, without
# dbtool, so that one failure does not spill into the next cases.
force_empty() {
	[ -n "$(tables)" ] || return 0
	case "$DIALECT" in
	sqlite) rm -f "$DB_FILE" ;;
	postgres) sql_value "DROP SCHEMA public CASCADE; CREATE SCHEMA public" >/dev/null 2>&1 ;;
	mariadb) sql_value "DROP DATABASE \`$MY_DATABASE\`; CREATE DATABASE \`$MY_DATABASE\`" >/dev/null 2>&1 ;;
	esac
}

selected() {
	[ -z "$ONLY" ] || [[ $1 =~ $ONLY ]]
}

# ------------------------------------------------------------- schemas

# schema_case FILE: one model of schemas/, one check.
schema_case() {
	local f=$1 name created left listed others
	name=schemas/${f##*/}
	cp "$f" schema.sql

	step 0 "create-all" dbtool create-all
	created=$(user_tables)
	ok && { [ -n "$created" ] || why "create-all created no table"; }
	# The round trip: what was created is what the model says.
	if step 0 "check after create-all" dbtool check; then
		[ ! -s "$OUT" ] || why "check after create-all printed findings:
$(show_output)"
	fi
	if step 0 "drop-all" dbtool drop-all --yes; then
		left=$(tables)
		[ -z "$left" ] || why "drop-all left tables: $(echo $left)"
	fi
	# Now the model is all missing: one "+ table" per table, and only
	# findings of what is missing besides (the model's indexes, the
	# foreign keys of a cycle, added after both tables, its sequences,
	# functions, grants and other objects): nothing changed or extra.
	if step 1 "check after drop-all" dbtool check; then
		listed=$(sed -n 's/^+ table //p' "$OUT" | while IFS= read -r t; do unquote "$t"; done | LC_ALL=C sort)
		others=$(grep -v '^+ [a-z]' "$OUT")
		{ [ "$listed" = "$created" ] && [ -z "$others" ]; } ||
			why \
			"check after drop-all should list the tables '$(echo $created)' and their indexes:
$(show_output)"
	fi
	case_end "$name: create-all, check finds nothing, drop-all leaves nothing" || force_empty
}

# --------------------------------------------------------------- pairs

# pair_case FOLDER: one pair of pairs/, one check.
pair_case() {
	local d=$1 name expected reverse
	name=pairs/${d##*/}
	expected=$(for_dialect "$d/expected")

	# Database from a, model b: exactly the expected findings.
	cp "$d/a.sql" schema.sql
	create_all "a.sql"
	cp "$d/b.sql" schema.sql
	if step 1 "check of b.sql against a.sql" dbtool check; then
		cmp -s "$OUT" "$expected" || why "check of b.sql against a.sql should print exactly:
$(cat "$expected")
$(show_output)"
	fi
	empty_db

	# The other way round: the reverse difference (exactly `reverse`
	# when the pair has one, else anything).
	create_all "b.sql"
	cp "$d/a.sql" schema.sql
	if step 1 "check of a.sql against b.sql" dbtool check; then
		if [ -e "$d/reverse" ]; then
			reverse=$(for_dialect "$d/reverse")
			cmp -s "$OUT" "$reverse" || why "check of a.sql against b.sql should print exactly:
$(cat "$reverse")
$(show_output)"
		else
			[ -s "$OUT" ] || why "check of a.sql against b.sql printed no finding:
$(show_output)"
		fi
	fi
	empty_db
	case_end "$name: check prints exactly the difference, both ways" || force_empty
}

# The schemas and the pairs, shared out among workers whose databases
# start empty.
corpus_setup() {
	run_cmd dbtool init
	[ "$STATUS" = 0 ] || fail "dbtool init for the corpus" "$(show_output)"
}

corpus_case() {
	case "$1" in
	*/schemas/*) schema_case "$1" ;;
	*) pair_case "$1" ;;
	esac
}

# nschemas, npairs and nbad count the corpus; the arrays hold the sample
# (in_sample in lib.sh) that runs here.
schemas=()
nschemas=0
for f in "$CORPUS"/schemas/*.sql; do
	selected "$f" && for_this_dialect "$f" || continue
	# A case of the dialect's todo list is tests/corpus_run's to follow.
	{ [ -n "$ONLY" ] || { in_sample $nschemas "${f##*/}" && ! on_todo corpus "schemas/${f##*/}"; }; } &&
		schemas+=("$f")
	nschemas=$((nschemas + 1))
done
pairs=()
npairs=0
for d in "$CORPUS"/pairs/*/; do
	d=${d%/}
	selected "$d" && for_this_dialect "$d/a.sql" || continue
	{ [ -n "$ONLY" ] || { in_sample $npairs "${d##*/}" && ! on_todo corpus "pairs/${d##*/}"; }; } &&
		pairs+=("$d")
	npairs=$((npairs + 1))
done
run_cases corpus_setup corpus_case "${schemas[@]}" "${pairs[@]}"
schemas_and_pairs_ok=$CASES_PASSED


# ---------------------------------------------------------- bad models

# A database with tables and rows, which no bad model may touch: each
# worker makes one (bad_setup).

# Every object of that database and its row counts, in one query (the
# snapshot of lib.sh takes several, too slow to run for every case).
fingerprint() {
	case "$DIALECT" in
	sqlite) sql_value "SELECT (SELECT group_concat(x, ' ') FROM (SELECT type || ':' || name AS x FROM sqlite_master ORDER BY 1)), (SELECT count(*) FROM users), (SELECT count(*) FROM characters)" ;;
	postgres) sql_value "SELECT (SELECT string_agg(c.relkind::text || ':' || c.relname, ' ' ORDER BY c.relkind, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'), (SELECT count(*) FROM users), (SELECT count(*) FROM characters)" ;;
	mariadb) sql_value "SELECT CONCAT_WS(' ', (SELECT GROUP_CONCAT(CONCAT(table_type, ':', table_name) ORDER BY table_type, table_name SEPARATOR ' ') FROM information_schema.tables WHERE table_schema = DATABASE()), (SELECT GROUP_CONCAT(CONCAT(table_name, '.', index_name, '.', column_name) ORDER BY 1 SEPARATOR ' ') FROM information_schema.statistics WHERE table_schema = DATABASE())), (SELECT count(*) FROM users), (SELECT count(*) FROM characters)" | tr '\t' '|' ;;
	esac
}
bad_setup() {
	corpus_setup
	cp "$CORPUS/schemas/001_users_characters.sql" schema.sql
	run_cmd dbtool create-all
	[ "$STATUS" = 0 ] || fail "create-all of the database for the bad models" "$(show_output)"
	sql_value "INSERT INTO users (id, name, email) VALUES (1, 'ann', 'ann@example.com')" >/dev/null
	before=$(fingerprint)
	[ "$(printf '%s\n' "$before" | cut -d'|' -f2-)" = "1|0" ] ||
		fail "the database for the bad models should hold tables and a row" "$before"
}

# bad_case FILE: one bad model, one check.
bad_case() {
	local f=$1 name expected want after command
	name=bad/${f##*/}
	expected=$(for_dialect "${f%.sql}.expected")
	want="dbtool: error: $(cat "$expected")"
	cp "$f" schema.sql

	for command in check create-all; do
		if step 1 "$command" dbtool "$command"; then
			{ cmp -s "$ERR" <(printf '%s\n' "$want") && [ ! -s "$OUT" ]; } ||
				why \
				"$command should print exactly '$want' on stderr and nothing on stdout:
$(show_output)"
		fi
	done
	after=$(fingerprint)
	ok && { [ "$after" = "$before" ] || why "the database changed:
before:
$before
after:
$after"; }
	case_end "$name: check and create-all reject it with its place, database untouched"
}

bads=()
nbad=0
for f in "$CORPUS"/bad/*.sql; do
	# A model only one database refuses has only .expected.<dialect>.
	selected "$f" && for_this_dialect "$f" &&
		{ [ -e "${f%.sql}.expected" ] || [ -e "${f%.sql}.expected.$(corpus_dialect)" ]; } || continue
	{ [ -n "$ONLY" ] || in_sample $nbad "${f##*/}"; } && bads+=("$f")
	nbad=$((nbad + 1))
done
run_cases bad_setup bad_case "${bads[@]}"
bad_ok=$CASES_PASSED

# -------------------------------------------------------------- totals

if [ -z "$ONLY" ]; then
	expect_eq "$([ "$nschemas" -ge $MIN_SCHEMAS ] && [ "$npairs" -ge $MIN_PAIRS ] && [ "$nbad" -ge $MIN_BAD ] && echo yes)" yes \
		"the corpus holds at least $MIN_SCHEMAS schemas ($nschemas), $MIN_PAIRS pairs ($npairs) and $MIN_BAD bad models ($nbad)"
fi

# "N of M" only when some case failed.
of() {
	[ "$1" = "$2" ] && printf '%s' "$1" || printf '%s of %s' "$1" "$2"
}
echo "# schemas and pairs: $(of $schemas_and_pairs_ok $((${#schemas[@]} + ${#pairs[@]}))) of the sample passed; bad models: $(of $bad_ok ${#bads[@]}) of the sample rejected"

finish
