#!/bin/bash
#
# test_migrate.sh - `dbtool migrate` end to end on one dialect: the
# change-pair corpus (tests/corpus/changes/, and the pairs of
# tests/corpus/pairs/ that hold data.sql) and the cases migrate must
# refuse.
#
# Each pair NNN_name/ holds a.sql (the model before), b.sql (the model
# after), data.sql (rows for the tables of a.sql) and optionally keep.sql
# (queries whose output must not change).  On an empty database and with no
# revision, for each pair:
#
#   model a: migrate, upgrade, check finds nothing; load data.sql
#   model b: migrate writes one revision (its path on stdout, each change
#            `check` finds on stderr, SQL and comment lines in both
#            sections, a warning for a drop), upgrade; then check finds
#            nothing and migrate has nothing to do
#   downgrade -1: with model a (and b's revision set aside, so that the
#            database is at head) check finds nothing
#   upgrade: with model b check finds nothing
#
# After each of the last three steps the rows must have survived: every
# table that a and b both have holds as many rows as data.sql loaded, and
# every column they both have holds the values loaded (when the pair has
# keep.sql, its queries must print what they printed before the change
# instead); and the database must be sound: on SQLite `PRAGMA
# integrity_check` says ok and `PRAGMA foreign_key_check` finds nothing,
# on PostgreSQL no constraint is left NOT VALID (MariaDB has no
# constraint that is not validated, and says nothing here).
#
# Then the refusals, each of which must exit 1, write no revision and
# leave the database as it was: a malformed or missing model, a NOT NULL
# column without a default added to a table that has rows, an unreachable
# database, a database not at head (at an older revision, at base); and a
# drop of a column, which migrate writes with a warning.
#
# The pairs are shared out among workers (run_cases in lib.sh), each with
# one project folder and one database, emptied between pairs without
# dbtool (a command less per pair: drop-all has tests of its own): the
# SQLite file is removed, and on PostgreSQL the last session that reads a
# pair's rows also drops the schema public and makes it again as a new
# database has it, on MariaDB the database itself (a case that fails is
# emptied by force_empty).
# Values in data.sql must not hold
# "|" or a line break (rows are compared as "|"-separated lines).
#
# tests/corpus_run (the meson tests migrate-sqlite and migrate-postgres)
# runs every pair in process with the same assertions; this script runs
# the real binary on a fixed sample of the pairs (in_sample in lib.sh:
# every 16th and the first of each tricky kind), and on all of them with
# DBTOOL_CORPUS_SAMPLE=all; the refusals always run here, and the corpus
# count is checked on the whole corpus.
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_migrate.sh sqlite|postgres|mariadb
# DBTOOL_MIGRATE_ONLY=REGEX runs only the pairs whose name matches REGEX
# (all of them, whatever the sample; and skips the refusals).

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CHANGES=$E2E_DIR/../corpus/changes
PAIRS=$E2E_DIR/../corpus/pairs
BAD_MODELS=$E2E_DIR/../corpus/bad
ONLY=${DBTOOL_MIGRATE_ONLY:-}

# The corpus must not shrink unnoticed.
MIN_PAIRS=85

setup_db "$1"

expect_ok dbtool init
VERSIONS=migrations/versions
mkdir -p "$WTMP/held"

# ------------------------------------------------------------- helpers

# The reason the current case failed; empty while it holds.  A case goes
# on while it holds, as
#   ok && { CONDITION || why "DETAIL"; }
# so that DETAIL, often long to build, is built only on a failure.
WHY=

ok() {
	[ -z "$WHY" ]
}

# why DETAIL: fails the current case with DETAIL (the first failure is
# the one reported).
why() {
	[ -n "$WHY" ] || WHY=$1
	return 1
}

# step STATUS WHAT CMD...: runs CMD; unless the case already failed, a
# status other than STATUS fails it, naming WHAT.
step() {
	local want=$1 what=$2
	shift 2
	ok || return 1
	run_cmd "$@"
	check_no_password
	[ "$STATUS" = "$want" ] ||
		why "$(printf '%s: %s exited %s, expected %s\n%s' "$what" "$LAST_CMD" "$STATUS" "$want" "$(show_output)")"
}

# case_end DESCRIPTION: one check for the case; 0 when it passed.
case_end() {
	if ok; then
		pass "$1"
		return 0
	fi
	fail "$1" "$WHY"
	WHY=
	return 1
}

# slurp VAR FILE: the whole of FILE in VAR, without starting a process.
slurp() {
	IFS= read -r -d '' "$1" <"$2"
	return 0
}

# The revision files, one path per line, sorted.
revision_files() {
	find "$VERSIONS" -maxdepth 1 -type f -name '*.sql' | LC_ALL=C sort
}

# new_revisions BEFORE: the revision files that are not in the list BEFORE.
new_revisions() {
	LC_ALL=C comm -13 <(printf '%s\n' "$1") <(revision_files) | grep -v '^$'
}

# list_revisions: the revision files in the array REVS, without starting
# a process.
list_revisions() {
	local f
	REVS=()
	for f in "$VERSIONS"/*.sql; do
		[ -e "$f" ] && REVS+=("$f")
	done
	return 0
}

# revision_id FILE: the id in the header of a revision file.
revision_id() {
	sed -n 's/^-- id: *//p' "$1" | head -n1
}

# read_sections FILE: the upgrade and downgrade sections of a revision in
# UP and DOWN, each line ended by a newline; MARKERS counts the section
# marker lines.
read_sections() {
	local line where=
	UP='' DOWN='' MARKERS=0
	while IFS= read -r line || [ -n "$line" ]; do
		case "$line" in
		'-- migrate:upgrade') where=up MARKERS=$((MARKERS + 1)) ;;
		'-- migrate:downgrade') where=down MARKERS=$((MARKERS + 1)) ;;
		*)
			case "$where" in
			up) UP+=$line$'\n' ;;
			down) DOWN+=$line$'\n' ;;
			esac
			;;
		esac
	done <"$1"
}

# has_line TEXT PATTERN: a line of TEXT matches the glob PATTERN.
has_line() {
	local line
	while IFS= read -r line; do
		# shellcheck disable=SC2053
		[[ $line == $2 ]] && return 0
	done <<<"$1"
	return 1
}

# has_exact_line TEXT LINE: a line of TEXT is LINE.
has_exact_line() {
	local line
	while IFS= read -r line; do
		[[ $line == "$2" ]] && return 0
	done <<<"$1"
	return 1
}

# Empties the database and the versions folder whatever state a failed
# case left them in, without dbtool, so that one failure does not spill
# into the next cases.
force_empty() {
	rm -f "$VERSIONS"/*.sql "$WTMP"/held/*.sql
	case "$DIALECT" in
	sqlite) rm -f "$DB_FILE" ;;
	postgres) sql_value "$WIPE_SQL" >/dev/null 2>&1 ;;
	mariadb) my_sql "" "$(my_wipe_sql)" >/dev/null 2>&1 ;;
	esac
}

# my_wipe_sql: the statements that empty the MariaDB database: the
# database dropped and made again.
my_wipe_sql() {
	printf 'DROP DATABASE `%s`; CREATE DATABASE `%s`; USE `%s`;\n' \
		"$MY_DATABASE" "$MY_DATABASE" "$MY_DATABASE"
}

selected() {
	[ -z "$ONLY" ] || [[ $1 =~ $ONLY ]]
}

# sql_script: runs the SQL of stdin on the test database, one output row a
# line, values separated by "|"; stops at the first error.
sql_script() {
	case "$DIALECT" in
	sqlite) sqlite3 -batch -bail -cmd '.timeout 10000' "$DB_FILE" ;;
	postgres) psql "$TEST_URL" -X -Atq -v ON_ERROR_STOP=1 ;;
	# (values tab-separated there, and the mariadb client in batch mode
	# stops at the first error; "quoted" names, as data.sql and keep.sql
	# write them, with ANSI_QUOTES, as tests/corpus_run reads them)
	mariadb)
		{
			echo "SET SESSION sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES');"
			cat
		} | my_sql_raw "$MY_DATABASE" | tr '\t' '|'
		;;
	esac
}

# dump_sql: the SQL that prints every user table of the database as a
# "t|NAME" line, a "h|COLUMN|COLUMN..." line of its columns in order and
# one "r|VALUE|..." line per row ("h|" and "r" for PostgreSQL's table of no
# columns); then what the database says of its own
# soundness: on SQLite the output of PRAGMA integrity_check ("ok") and of
# PRAGMA foreign_key_check (nothing), on PostgreSQL a line per constraint
# not validated (none).  The database lists its tables itself (SQLite in a
# session of its own, PostgreSQL with \gexec, which runs each value of a
# query's rows as a statement).
dump_sql() {
	case "$DIALECT" in
	sqlite)
		sqlite3 -batch -cmd '.timeout 10000' "$DB_FILE" <<'SQL'
SELECT 'SELECT ''t|'' || ' || quote(name) || ';' || char(10) ||
	'SELECT ''h|'' || group_concat(name, ''|'') FROM (SELECT name FROM pragma_table_info(' ||
	quote(name) || ') ORDER BY cid);' || char(10) ||
	'SELECT ''r'', * FROM "' || replace(name, '"', '""') || '";'
FROM sqlite_master
WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND name NOT IN ('dbtool_version', 'dbtool_history')
ORDER BY name;
SQL
		printf 'PRAGMA integrity_check;\nPRAGMA foreign_key_check;\n'
		;;
	postgres)
		cat <<'SQL'
SELECT format('SELECT %L', 't|' || c.relname),
	format('SELECT ''h|'' || coalesce(string_agg(attname, ''|'' ORDER BY attnum), '''') FROM pg_attribute WHERE attrelid = %s AND attnum > 0 AND NOT attisdropped', c.oid),
	format('SELECT ''r'', * FROM public.%I', c.relname)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname NOT IN ('dbtool_version', 'dbtool_history')
ORDER BY c.relname \gexec
SELECT 'constraint not validated: ' || conname FROM pg_constraint WHERE NOT convalidated;
SQL
		;;
	mariadb)
		# The statements per table, written by a session of their own
		# (no \gexec here): the tables are there before data.sql runs.
		my_sql_raw "$MY_DATABASE" "SELECT CONCAT('SELECT ''t|', REPLACE(table_name, '''', ''''''), ''';\n',
			'SELECT CONCAT(''h|'', GROUP_CONCAT(column_name ORDER BY ordinal_position SEPARATOR ''|'')) ',
			'FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ''',
			REPLACE(table_name, '''', ''''''), ''';\n',
			'SELECT ''r'', x.* FROM \`', REPLACE(table_name, '\`', '\`\`'), '\` x;')
			FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'
			AND table_name NOT IN ('dbtool_version', 'dbtool_history', 'dbtool_journal')
			ORDER BY BINARY table_name" </dev/null
		;;
	esac
}

# Drops every schema but public and the server's own (pairs 1000 and later
# make schemas of their own).
DROP_OTHER_SCHEMAS="DO \$\$ DECLARE s text; BEGIN
FOR s IN SELECT nspname FROM pg_namespace WHERE nspname !~ '^pg_'
AND nspname NOT IN ('public', 'information_schema') LOOP
EXECUTE format('DROP SCHEMA %I CASCADE', s); END LOOP; END \$\$;"

# What a sound database says of itself in a dump.
SOUND=
[ "$DIALECT" = sqlite ] && SOUND=ok$'\n'

# The statements that empty a PostgreSQL database: the other schemas a
# pair made dropped, and the schema public made again as a new database has
# it (owner, privileges and comment).
WIPE_SQL="SET client_min_messages = warning;
$DROP_OTHER_SCHEMAS
DROP SCHEMA public CASCADE;
CREATE SCHEMA public AUTHORIZATION pg_database_owner;
GRANT USAGE ON SCHEMA public TO PUBLIC;
COMMENT ON SCHEMA public IS 'standard public schema';"

# record_rows STAGE DESCRIPTION [DATA_SQL]: runs DATA_SQL (with foreign
# keys enforced: SQLite enforces them only when a connection asks), then
# writes the dump of the database in $CASE_DIR/STAGE.dump and the output of
# the pair's keep.sql queries in STAGE.keep, in one session; fails the case
# when anything fails or the database is not sound.  With WIPE=1 in its
# environment, on PostgreSQL the same session then empties the database
# (WIPE_SQL), for the worker's next pair.
record_rows() {
	local stage=$1 what=$2 data=${3:-} line into sound=
	ok || return 1
	if ! {
		if [ -n "$data" ]; then
			if [ "$DIALECT" = sqlite ]; then echo 'PRAGMA foreign_keys = ON;'; fi
			cat "$data"
			echo
		fi
		dump_sql
		echo "SELECT '=== keep';"
		if [ -e "$PAIR/keep.sql" ]; then
			sed -e '/^[[:space:]]*$/d' -e 's/;*[[:space:]]*$/;/' "$PAIR/keep.sql"
		fi
		if [ -n "${WIPE:-}" ]; then
			case "$DIALECT" in
			postgres) printf '%s\n' "$WIPE_SQL" ;;
			mariadb) my_wipe_sql ;;
			esac
		fi
	} | sql_script >"$WTMP/rows" 2>&1; then
		why "after $what the rows cannot be read${data:+ (or data.sql does not load)}:
$(cat "$WTMP/rows")"
		return 1
	fi
	into=dump
	while IFS= read -r line; do
		case "$into:$line" in
		'dump:=== keep') into=keep ;;
		dump:t\|* | dump:h\|* | dump:r\|* | dump:r) printf '%s\n' "$line" >&3 ;;
		dump:*) sound+=$line$'\n' ;;
		keep:*) printf '%s\n' "$line" >&4 ;;
		esac
	done <"$WTMP/rows" 3>"$CASE_DIR/$stage.dump" 4>"$CASE_DIR/$stage.keep"
	[ "$sound" = "$SOUND" ] || why "after $what the database is not sound (expected '${SOUND%$'\n'}'):
$sound"
}

# common_columns DUMP_A DUMP_B: "TABLE|COLUMN" for each column that both
# dumps have, in the order of DUMP_A.
common_columns() {
	awk '
		FNR == 1 { file++ }
		/^t\|/ { t = substr($0, 3); next }
		/^h\|/ {
			n = split(substr($0, 3), c, "|")
			for (i = 1; i <= n; i++) {
				if (file == 1)
					order[++k] = t "|" c[i]
				else
					both[t "|" c[i]] = 1
			}
		}
		END {
			for (i = 1; i <= k; i++)
				if (order[i] in both)
					print order[i]
		}
	' "$1" "$2"
}

# project COMMON DUMP [counts]: one "TABLE|N rows" line per table of
# COMMON (as common_columns prints it), then, unless "counts", the rows of
# DUMP's tables reduced to the columns of COMMON, one "TABLE|VALUE|..."
# line per row; sorted.  A column of COMMON that DUMP lacks shows as
# "<no COLUMN>".
project() {
	awk -F'|' -v counts="${3:-}" '
		FNR == NR {
			i = index($0, "|")
			t = substr($0, 1, i - 1)
			tabs[t] = 1
			nc[t]++
			cc[t, nc[t]] = substr($0, i + 1)
			next
		}
		/^t\|/ { t = substr($0, 3); n = (t in tabs) ? nc[t] : 0; next }
		/^h\|/ {
			split("", idx)
			for (i = 2; i <= NF; i++)
				idx[$i] = i
			for (j = 1; j <= n; j++)
				col[j] = (cc[t, j] in idx) ? idx[cc[t, j]] : 0
			next
		}
		/^r\|/ {
			if (!(t in tabs))
				next
			rows[t]++
			if (counts != "")
				next
			line = t
			for (j = 1; j <= n; j++)
				line = line "|" (col[j] ? $(col[j]) : "<no " cc[t, j] ">")
			print line
		}
		END {
			for (t in tabs)
				print t "|" (rows[t] + 0) " rows"
		}
	' "$1" "$2" | LC_ALL=C sort
}

# rows_survived STAGE DESCRIPTION: the rows now are the ones loaded, in
# the tables and columns that a and b both have (fixed from the dumps
# after data.sql and after the first upgrade to b), and keep.sql prints
# what it printed then.
rows_survived() {
	local stage=$1 what=$2 counts=
	ok || return 1
	record_rows "$stage" "$what" || return 1
	[ -e "$PAIR/keep.sql" ] && counts=counts
	if [ ! -e "$CASE_DIR/common" ]; then
		common_columns "$CASE_DIR/data.dump" "$CASE_DIR/$stage.dump" >"$CASE_DIR/common"
		project "$CASE_DIR/common" "$CASE_DIR/data.dump" $counts >"$CASE_DIR/data.rows"
	fi
	project "$CASE_DIR/common" "$CASE_DIR/$stage.dump" $counts >"$CASE_DIR/$stage.rows"
	cmp -s "$CASE_DIR/data.rows" "$CASE_DIR/$stage.rows" ||
		why "after $what the rows differ from the ones loaded, in the tables and columns both models have:
$(diff "$CASE_DIR/data.rows" "$CASE_DIR/$stage.rows")" || return 1
	cmp -s "$CASE_DIR/data.keep" "$CASE_DIR/$stage.keep" ||
		why "after $what keep.sql prints something else:
$(diff "$CASE_DIR/data.keep" "$CASE_DIR/$stage.keep")"
}

# model_agrees WHAT: check exits 0 and prints no finding.
model_agrees() {
	step 0 "check $1" dbtool check || return 1
	[ ! -s "$OUT" ] || why "check $1 printed findings:
$(show_output)"
}

# ------------------------------------------------------------ the pairs

# check_revision FILE FINDINGS: what migrate wrote and printed for the
# change from a to b, FINDINGS being what check found.
check_revision() {
	local rev=$1 findings=$2 stdout stderr line part text
	slurp stdout "$OUT"
	slurp stderr "$ERR"
	ok && { [ "$stdout" = "${stdout%%$'\n'*}"$'\n' ] && [ "${stdout%$'\n'}" -ef "$rev" ] ||
		why "migrate should print the path of '$rev' on stdout:
$(show_output)"; }
	while IFS= read -r line; do
		ok && { has_exact_line "$stderr" "$line" ||
			why "migrate should print the change '$line' on stderr:
$(show_output)"; }
	done <<<"${findings%$'\n'}"
	read_sections "$rev"
	ok && { [ "$MARKERS" = 2 ] || why "the revision should have the two section markers:
$(cat "$rev")"; }
	# Each section holds SQL and comment lines.
	for part in upgrade downgrade; do
		if [ $part = upgrade ]; then text=$UP; else text=$DOWN; fi
		ok && { has_line "$text" '-- ?*' && has_line "$text" '[A-Za-z]*' ||
			why "the $part section should hold SQL, with a comment line before each change:
$(cat "$rev")"; }
	done
	# Drops destroy data: a warning on stderr and in the file.  A change
	# that only adds warns of nothing, and its downgrade, which drops
	# what it added, is marked.
	if has_line "$findings" '- table *' || has_line "$findings" '- column *'; then
		ok && { has_line "$stderr" 'warning: ?*' && has_line "$UP" '-- WARNING: ?*' ||
			why "a drop should be printed as a warning and marked '-- WARNING:' in the upgrade:
$(show_output)
$(cat "$rev")"; }
	elif ! has_line "${findings%$'\n'}" '[!+]*'; then
		ok && { [[ $stderr != *warning* ]] && ! has_line "$UP" '-- WARNING*' ||
			why "a change that only adds should warn of nothing:
$(show_output)
$(cat "$rev")"; }
	fi
	if has_line "$findings" '+ table *' || has_line "$findings" '+ column *'; then
		ok && { has_line "$DOWN" '-- WARNING: ?*' ||
			why "the downgrade drops what the upgrade added: it should be marked '-- WARNING:':
$(cat "$rev")"; }
	fi
}

# run_pair: the pair $PAIR, as the header says; fails the case with the
# first thing that went wrong.
run_pair() {
	local rev_a='' rev_b='' findings='' stderr

	# An empty database (a worker's first pair has a new one; each pair
	# empties it at its end, or force_empty when the pair failed) and no
	# revision.
	rm -f "$VERSIONS"/*.sql ${DB_FILE:+"$DB_FILE"}

	# Model a, with its rows.
	cp "$PAIR/a.sql" schema.sql
	step 0 "migrate with model a" dbtool migrate -m a
	list_revisions
	ok && { [ "${#REVS[@]}" = 1 ] || why "migrate with model a should write one revision, wrote: ${REVS[*]}"; }
	rev_a=${REVS[0]:-}
	step 0 "upgrade to a" dbtool upgrade
	model_agrees "after the upgrade to a"
	record_rows data "data.sql" "$PAIR/data.sql"

	# The findings migrate must report: what check sees.
	cp "$PAIR/b.sql" schema.sql
	if step 1 "check with model b before migrate" dbtool check; then
		slurp findings "$OUT"
		[ -n "$findings" ] || why "check with model b found nothing:
$(show_output)"
	fi

	# Model b: one revision written and reported.
	step 0 "migrate with model b" dbtool migrate -m b
	list_revisions
	if ok; then
		if [ "${#REVS[@]}" = 2 ]; then
			rev_b=${REVS[0]}
			[ "$rev_b" != "$rev_a" ] || rev_b=${REVS[1]}
			check_revision "$rev_b" "$findings"
		else
			why "migrate with model b should write one revision, the folder holds: ${REVS[*]}
$(show_output)"
		fi
	fi
	step 0 "upgrade to b" dbtool upgrade
	model_agrees "after the upgrade to b"
	if step 0 "migrate again after the upgrade to b" dbtool migrate -m again; then
		list_revisions
		slurp stderr "$ERR"
		[ ! -s "$OUT" ] && [ "$stderr" = "$NOTHING_TO_DO"$'\n' ] && [ "${#REVS[@]}" = 2 ] ||
			why "migrate right after the upgrade should say '$NOTHING_TO_DO' and write nothing:
$(show_output)
revisions: ${REVS[*]}"
	fi
	rows_survived up "the upgrade to b"

	# Back to a: b's revision set aside so that the database is at head.
	step 0 "downgrade -1" dbtool downgrade -1
	rows_survived down "the downgrade to a"
	if ok; then
		cp "$PAIR/a.sql" schema.sql
		mv "$rev_b" "$WTMP/held/"
		model_agrees "with model a after the downgrade"
		mv "$WTMP/held/${rev_b##*/}" "$VERSIONS/"
	fi

	# And up to b once more; the rows read last, in the session that
	# empties the database for the next pair.
	step 0 "upgrade to b again" dbtool upgrade
	cp "$PAIR/b.sql" schema.sql
	model_agrees "after the second upgrade to b"
	WIPE=1 rows_survived up2 "the second upgrade to b"
}

# "N of M" only when some failed.
of() {
	[ "$1" = "$2" ] && printf '%s' "$1" || printf '%s of %s' "$1" "$2"
}

# A worker's project: what the pairs start from.
pair_setup() {
	mkdir -p "$WTMP/held"
	run_cmd dbtool init
	[ "$STATUS" = 0 ] || fail "dbtool init for the pairs" "$(show_output)"
}

# pair_case PAIR: one pair, one check.
pair_case() {
	PAIR=$1
	local name=${PAIR##*/} folder=${PAIR%/*}
	CASE_DIR=$WORK/case.$name
	mkdir -p "$CASE_DIR"
	run_pair
	case_end "${folder##*/}/$name: migrate, upgrade, downgrade -1, upgrade keep the model and the rows" ||
		force_empty
}

# npairs counts the corpus; pairs holds the sample (in_sample in lib.sh)
# that runs here.  Each pair lives once: the pairs of pairs/ that hold
# rows (data.sql) are change pairs too, taken before those of changes/.
pairs=()
npairs=0
for PAIR in "$PAIRS"/*/ "$CHANGES"/*/; do
	PAIR=${PAIR%/}
	[ "${PAIR%/*}" = "$PAIRS" ] && ! [ -e "$PAIR/data.sql" ] && continue
	selected "${PAIR##*/}" && for_this_dialect "$PAIR/a.sql" || continue
	# (a pair listed in the dialect's .todo for migrate fails because of
	# dbtool: tests/corpus_run follows it, the sample leaves it out)
	{ [ -n "$ONLY" ] || { in_sample $npairs "${PAIR##*/}" &&
		! on_todo migrate "${PAIR#"${PAIR%/*/*}"/}"; }; } && pairs+=("$PAIR")
	npairs=$((npairs + 1))
done
run_cases pair_setup pair_case "${pairs[@]}"
pairs_ok=$CASES_PASSED

if [ -n "$ONLY" ]; then
	echo "# change pairs: $(of $pairs_ok ${#pairs[@]}) round-trips passed"
	finish
fi

expect_eq "$([ "$npairs" -ge $MIN_PAIRS ] && echo yes)" yes \
	"the corpus holds at least $MIN_PAIRS change pairs ($npairs)"

# ------------------------------------------------------------ refusals

expect_ok dbtool drop-all --yes
force_empty

USERS_MODEL='CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	name VARCHAR(30) NOT NULL,
	email VARCHAR(120)
);'

# expect_nothing_written BEFORE_FILES BEFORE_DB: no new revision and the
# database as it was.
expect_nothing_written() {
	expect_eq "$(new_revisions "$1")" "" "'$LAST_CMD' wrote no revision"
	expect_eq "$(snapshot_db)" "$2" "'$LAST_CMD' left the database as it was"
}

# The first revision, with rows.
printf '%s\n' "$USERS_MODEL" >schema.sql
expect_ok dbtool migrate -m "Add users!"
expect_stdout_match '^migrations/versions/[0-9a-f]{12}_add_users\.sql$|/migrations/versions/[0-9a-f]{12}_add_users\.sql$'
expect_stderr_contains "+ table users"
expect_stderr_not_contains "warning"
rev1=$(revision_files)
id1=$(revision_id "$rev1")
expect_eq "$(grep -c . <<<"$rev1")" 1 "migrate wrote one revision"
expect_eq "$(sed -n 's/^-- message: *//p' "$rev1")" "Add users!" "the revision's header holds the message"
expect_ok dbtool upgrade
expect_version "$id1"
sql_value "INSERT INTO users (id, name, email) VALUES (1, 'ann', 'ann@example.com')" >/dev/null
sql_value "INSERT INTO users (id, name, email) VALUES (2, 'bob', NULL)" >/dev/null

# Nothing to do: said, not written; revision --autogenerate alike.
files=$(revision_files)
db=$(snapshot_db)
expect_ok dbtool migrate -m same
expect_stderr_eq "$NOTHING_TO_DO"
expect_stdout_eq ""
expect_nothing_written "$files" "$db"
expect_ok dbtool revision --autogenerate -m same
expect_stderr_eq "$NOTHING_TO_DO"
expect_stdout_eq ""
expect_nothing_written "$files" "$db"

# A malformed model: its place and what is wrong, nothing written.
for bad in 001_unknown_type 002_missing_comma; do
	cp "$BAD_MODELS/$bad.sql" schema.sql
	expect_fail 1 dbtool migrate -m broken
	expect_stderr_eq "dbtool: error: $(cat "$BAD_MODELS/$bad.expected")"
	expect_stdout_eq ""
	expect_nothing_written "$files" "$db"
done

# A model that is missing altogether.
rm schema.sql
expect_fail 1 dbtool migrate -m missing
expect_error_line
expect_stderr_contains "schema.sql"
expect_nothing_written "$files" "$db"

# A NOT NULL column without a default, on a table that has rows: refused,
# with how to fix the model.
printf '%s\n' "${USERS_MODEL/email VARCHAR(120)/email VARCHAR(120),
	level INTEGER NOT NULL}" >schema.sql
expect_fail 1 dbtool migrate -m "add level"
expect_error_line
expect_stderr_match '^dbtool: error: cannot add NOT NULL column'
expect_stderr_match 'users'
expect_stderr_match 'level'
expect_stderr_match '[Dd][Ee][Ff][Aa][Uu][Ll][Tt]'
expect_stdout_eq ""
expect_nothing_written "$files" "$db"
expect_fail 1 dbtool revision --autogenerate -m "add level"
expect_stderr_match '^dbtool: error: cannot add NOT NULL column'
expect_nothing_written "$files" "$db"

# An unreachable database: an error, nothing written, no file created.
printf '%s\n' "$USERS_MODEL
CREATE INDEX ix_users_email ON users (email);" >schema.sql
case "$DIALECT" in
sqlite) unreachable="sqlite:///$WORK/no/such/folder/app.db" ;;
postgres) unreachable="postgresql://dbtool:Sekr3tPw@/postgres?host=$WORK/nosock&port=54329" ;;
mariadb) unreachable="mysql://dbtool:Sekr3tPw@/nope?unix_socket=$WORK/nosock" ;;
esac
expect_fail 1 dbtool --url "$unreachable" migrate -m unreachable
expect_error_line
expect_stdout_eq ""
expect_nothing_written "$files" "$db"
expect_eq "$([ -e "$WORK/no" ] && echo created || echo absent)" absent "migrate created no folder for the unreachable database"

# A second revision not applied: the database is not at head.
expect_ok dbtool migrate -m "index email"
rev2=$(new_revisions "$files")
id2=$(revision_id "$rev2")
expect_eq "$(grep -c . <<<"$rev2")" 1 "migrate wrote the second revision"
expect_eq "$(sed -n 's/^-- parent: *//p' "$rev2")" "$id1" "the second revision's parent is the first"
printf '%s\n' "$USERS_MODEL
CREATE INDEX ix_users_email ON users (email);
CREATE INDEX ix_users_name ON users (name);" >schema.sql
files=$(revision_files)
expect_fail 1 dbtool migrate -m "index name"
expect_stderr_eq "dbtool: error: database is at $id1, not at head $id2: run 'dbtool upgrade' first"
expect_stdout_eq ""
expect_nothing_written "$files" "$db"

# At base: the same refusal.
expect_ok dbtool downgrade base
db=$(snapshot_db)
expect_fail 1 dbtool migrate -m "index name"
expect_stderr_eq "dbtool: error: database is at base, not at head $id2: run 'dbtool upgrade' first"
expect_nothing_written "$files" "$db"

# At head again, with rows: the NOT NULL column is refused there, and
# allowed once the table is empty.
expect_ok dbtool upgrade
expect_version "$id2"
sql_value "INSERT INTO users (id, name, email) VALUES (1, 'ann', 'ann@example.com')" >/dev/null
db=$(snapshot_db)
printf '%s\n' "${USERS_MODEL/email VARCHAR(120)/email VARCHAR(120),
	level INTEGER NOT NULL}
CREATE INDEX ix_users_email ON users (email);" >schema.sql
expect_fail 1 dbtool migrate -m "add level"
expect_stderr_match '^dbtool: error: cannot add NOT NULL column'
expect_nothing_written "$files" "$db"
sql_value "DELETE FROM users" >/dev/null
expect_ok dbtool migrate -m "add level"
# (INTEGER as the database has it: MariaDB's is int(11))
case "$DIALECT" in
mariadb) expect_stderr_contains "+ column users.level int(11) NOT NULL" ;;
*) expect_stderr_contains "+ column users.level INTEGER NOT NULL" ;;
esac
rev3=$(new_revisions "$files")
expect_eq "$(grep -c . <<<"$rev3")" 1 "migrate wrote the NOT NULL column for an empty table"
expect_ok dbtool upgrade
expect_ok dbtool check
expect_stdout_eq ""
sql_value "INSERT INTO users (id, name, email, level) VALUES (1, 'ann', 'ann@example.com', 5)" >/dev/null

# Dropping a column: written, with a warning on stderr and in the file.
printf '%s\n' "CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	name VARCHAR(30) NOT NULL,
	level INTEGER NOT NULL
);" >schema.sql
files=$(revision_files)
expect_ok dbtool revision --autogenerate -m "drop email"
expect_stderr_contains "- column users.email"
expect_stderr_contains "- index ix_users_email"
expect_eq "$(grep -c '^warning: .*users\.email' "$ERR")" 1 "a warning names the dropped column users.email"
rev4=$(new_revisions "$files")
expect_eq "$(grep -c . <<<"$rev4")" 1 "revision --autogenerate wrote the drop"
read_sections "$rev4"
expect_eq "$(grep -c '^-- WARNING: .*users\.email' <<<"$UP")" 1 \
	"the upgrade marks the drop of users.email with '-- WARNING:'"
expect_eq "$(grep '^-- ' <<<"$DOWN" | grep -v -e '^-- [-+~] ' -e '^-- WARNING:' | grep -c 'users\.email')" 1 \
	"the downgrade says in a comment that it cannot restore the values of users.email"
expect_ok dbtool upgrade
expect_eq "$(sql_value "SELECT id, name, level FROM users" | tr '\t' '|')" "1|ann|5" "the other columns kept their values"
expect_ok dbtool check
expect_stdout_eq ""
expect_ok dbtool downgrade -1
# (the mariadb client separates values with tabs and prints NULL so)
expect_eq "$(sql_value "SELECT id, name, email, level FROM users" | tr '\t' '|' | sed 's/|NULL|/||/')" "1|ann||5" \
	"the downgrade brings the column back, empty"

echo "# change pairs: $(of $pairs_ok ${#pairs[@]}) round-trips of the sample passed"

finish
