# lib.sh - helpers for the end-to-end tests, sourced by each tests/e2e/test_*.sh.
#
# A test script takes the dialect to run against (sqlite or postgres), calls
# setup_db to get a fresh project folder and a fresh database, runs the real
# dbtool binary ($DBTOOL) through the assertions below, and ends with finish,
# which prints "N passed, N failed" and exits 1 when anything failed.
#
# Every assertion is one counted check and prints "ok N - ..." or
# "not ok N - ..." with what was expected and what came out.  The output of
# the last command run by expect_ok / expect_fail / run_cmd is kept in the
# files $OUT and $ERR (outside the project folder) for the expect_std*
# assertions that follow.  In PostgreSQL runs, each command's output is also
# checked for the cluster's password, which must never be printed.
#
# DBTOOL_E2E_VERBOSE=1 prints every command's output, DBTOOL_E2E_KEEP=1
# keeps the temporary folder.

set -uo pipefail

E2E_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
: "${DBTOOL_SOURCE_ROOT:=$(cd "$E2E_DIR/../.." && pwd)}"
: "${DBTOOL:=$DBTOOL_SOURCE_ROOT/build/cmd/dbtool}"
case "$DBTOOL" in
/*) ;;
*) DBTOOL=$PWD/$DBTOOL ;;
esac
export DBTOOL DBTOOL_SOURCE_ROOT

# Nothing from the caller's environment may steer dbtool.
unset DATABASE_URL

# Debian's psql and pg_dump are a Perl wrapper (pg_wrapper) that picks a
# version and then runs it: some 50 ms of processor time per call, which
# the PostgreSQL runs pay thousands of times.  They call the programs of
# the highest installed version directly: the one the wrapper picks, and
# the one whose server scripts/pg-cluster runs.
if [ -n "${DBTOOL_TEST_PG_URL:-}" ] &&
	PG_BINDIR=$("$DBTOOL_SOURCE_ROOT/scripts/pg-cluster" bindir 2>/dev/null); then
	PATH=$PG_BINDIR:$PATH
fi

PASSED=0
FAILED=0
CHECKS=0
FINISHED=0
WORK=
PROJECT=
DIALECT=
DB_FILE=
TEST_URL=
STATUS=0
LAST_CMD=
PG_PASSWORD=
PG_PASSWORD_RAW=
PG_DATABASES=()
CLEANUP_HOOKS=()
MY_DATABASES=()
MY_SOCKET=
MY_USER=
MY_DATABASE=
MY_NEW_URL=
MY_NEW_DATABASE=
# How many commands run_cmd and sql_value have run in this shell (not in
# a subshell of it): a test that keeps what it read of the database can
# tell that no command has run since.
RUNS=0

# A dbtool command that hangs is caught by meson's timeout of the whole
# test.  DBTOOL_E2E_TIMEOUT=SECONDS kills each command after that long
# instead (through timeout(1): one more process for every command).
dbtool() {
	if [ -n "${DBTOOL_E2E_TIMEOUT:-}" ]; then
		timeout -k 5 "$DBTOOL_E2E_TIMEOUT" "$DBTOOL" "$@"
	else
		"$DBTOOL" "$@"
	fi
}

# ------------------------------------------------------------------ output

# Redacts the password of any URL in a command line before it is printed.
redact() {
	redact_to REDACTED "$@"
	printf '%s\n' "$REDACTED"
}

# redact_to VAR TEXT...: the same into the variable VAR, without printing
# (so that no command substitution, a fork, is needed: this runs for every
# command a test runs).
redact_to() {
	local -n into=$1
	shift
	local s="$*" out='' re='^([^:/@ ]*:)[^@/ ]*@'
	while [[ $s == *://* ]]; do
		out+=${s%%://*}://
		s=${s#*://}
		if [[ $s =~ $re ]]; then
			out+=${BASH_REMATCH[1]}'***@'
			s=${s:${#BASH_REMATCH[0]}}
		fi
	done
	into=$out$s
}

describe() {
	describe_to DESCRIBED "$@"
	printf '%s\n' "$DESCRIBED"
}

# describe_to VAR CMD...: what describe prints, into the variable VAR.
describe_to() {
	local -n to=$1
	shift
	local arg out=
	for arg in "$@"; do
		case "$arg" in
		*[[:space:]\'\"\$\\]* | '') out+=" '${arg//\'/\'\\\'\'}'" ;;
		*) out+=" $arg" ;;
		esac
	done
	redact_to to "${out# }"
}

pass() {
	CHECKS=$((CHECKS + 1))
	PASSED=$((PASSED + 1))
	echo "ok $CHECKS - $1"
}

# fail DESCRIPTION [DETAIL...]: the details are printed indented below it.
fail() {
	local line
	CHECKS=$((CHECKS + 1))
	FAILED=$((FAILED + 1))
	echo "not ok $CHECKS - $1"
	shift
	for line in "$@"; do
		printf '%s\n' "$line" | sed 's/^/#   /'
	done
}

show_output() {
	printf 'exit status %s\n' "$STATUS"
	printf 'stdout:\n'
	sed 's/^/  | /' "$OUT"
	printf 'stderr:\n'
	sed 's/^/  | /' "$ERR"
}

# --------------------------------------------------------------- set-up

# my_sql DATABASE SQL: runs SQL with the mariadb client on the test server
# (DATABASE "" for none), as the test URL's user; rows tab-separated,
# without column names.  The password goes through the environment, never
# the command line.  The client speaks utf8mb4, as dbtool does (the
# client's own default cannot carry characters outside the BMP).
my_sql() {
	MYSQL_PWD=$PG_PASSWORD mariadb --no-defaults --default-character-set=utf8mb4 \
		--socket="$MY_SOCKET" -u "$MY_USER" -N -B -e "$2" ${1:+"$1"} </dev/null
}

# my_sql_raw DATABASE [SQL]: like my_sql, values printed as they are
# (not escaped: a backslash stays one), the SQL read from standard input
# when not given.
my_sql_raw() {
	MYSQL_PWD=$PG_PASSWORD mariadb --no-defaults --default-character-set=utf8mb4 \
		--socket="$MY_SOCKET" -u "$MY_USER" -N -B --raw ${2:+-e "$2"} ${1:+"$1"}
}

# my_dump DATABASE [OPTION...]: mariadb-dump of that database on the test
# server, as the test URL's user (the password through the environment).
my_dump() {
	local db=$1
	shift
	MYSQL_PWD=$PG_PASSWORD mariadb-dump --no-defaults --socket="$MY_SOCKET" -u "$MY_USER" \
		"$@" "$db" </dev/null
}

# my_db_state DATABASE: a MariaDB database's schema as mariadb-dump
# writes it (less the tables' AUTO_INCREMENT counters, which inserts move
# alike in two databases that hold the same rows), then every table's
# rows in a fixed order: to compare two databases.  dbtool_history
# without its times; dbtool_journal, which only dbtool's own runs keep
# (never an offline script), left out.  Two sessions for the rows: the
# first writes one query per table, the second runs them.
my_db_state() {
	local db=$1
	my_dump "$db" --no-data --compact --skip-comments --ignore-table="$db.dbtool_journal" |
		sed 's/ AUTO_INCREMENT=[0-9]*//'
	my_sql_raw "$db" "SELECT CONCAT('SELECT ''rows of ', t, ':'';\nSELECT ', cols,
		' FROM \`', t, '\` ORDER BY ', cols, ';') FROM (
		SELECT c.table_name AS t, GROUP_CONCAT(CONCAT('\`', c.column_name, '\`') ORDER BY c.ordinal_position) AS cols
		FROM information_schema.columns c JOIN information_schema.tables USING (table_schema, table_name)
		WHERE c.table_schema = DATABASE() AND table_type = 'BASE TABLE' AND c.table_name <> 'dbtool_journal'
		  AND (c.table_name <> 'dbtool_history' OR c.column_name IN ('version_num', 'checksum'))
		GROUP BY c.table_name) x ORDER BY BINARY t" </dev/null | my_sql_raw "$db"
}

# my_database_of URL: the database a MariaDB URL of the test server names.
my_database_of() {
	local re='^[^/]*//[^/]*/([^?]*)'
	[[ $1 =~ $re ]] && urldecode "${BASH_REMATCH[1]}"
}

# Percent-decodes a URL component.
urldecode() {
	printf '%b' "${1//%/\\x}"
}

# own_pg_cluster PORT: this script gets a PostgreSQL cluster of its own
# (scripts/pg-cluster, in a folder of its own; PORT only names the
# socket), which DBTOOL_TEST_PG_URL then names; it is stopped and removed
# when the script ends.  For a test that crashes or restarts its server,
# so that it can run beside the others.  Call it before setup_db.
own_pg_cluster() {
	local port=$1 dir cluster=$DBTOOL_SOURCE_ROOT/scripts/pg-cluster
	dir=$(mktemp -d "${TMPDIR:-/tmp}/dbtool-own-pg.XXXXXX") || exit 1
	OWN_PG_DIR=$dir
	OWN_PG_PORT=$port
	CLEANUP_HOOKS+=(own_pg_cluster_stop)
	if ! PG_CLUSTER_PORT=$port "$cluster" start "$dir" >"$dir.log" 2>&1; then
		echo "Bail out! cannot start a PostgreSQL cluster of its own in '$dir': $(tail -n 5 "$dir.log" | tr '\n' ' ')"
		own_pg_cluster_stop
		exit 1
	fi
	rm -f "$dir.log"
	DBTOOL_TEST_PG_URL=$(PG_CLUSTER_PORT=$port "$cluster" url "$dir") || exit 1
	export DBTOOL_TEST_PG_URL
}

own_pg_cluster_stop() {
	[ -n "${OWN_PG_DIR:-}" ] || return 0
	PG_CLUSTER_PORT=$OWN_PG_PORT "$DBTOOL_SOURCE_ROOT/scripts/pg-cluster" stop "$OWN_PG_DIR" >/dev/null 2>&1
	rm -rf -- "$OWN_PG_DIR" "$OWN_PG_DIR.log"
	OWN_PG_DIR=
}

# setup_db DIALECT: a fresh project folder (the current folder from then on)
# and a fresh database, whose URL is exported as DATABASE_URL and kept in
# TEST_URL.  SQLite: app.db in the project folder.  PostgreSQL: a new
# database on the cluster of $DBTOOL_TEST_PG_URL, dropped at exit.
# MariaDB ("mariadb"): a new database on the server of
# $DBTOOL_TEST_MYSQL_URL (scripts/mariadb-cluster), dropped at exit.
setup_db() {
	DIALECT=$1
	if [ ! -x "$DBTOOL" ]; then
		echo "Bail out! no dbtool binary at '$DBTOOL' (set DBTOOL)"
		exit 1
	fi
	if [ -z "$WORK" ]; then
		WORK=$(mktemp -d "${TMPDIR:-/tmp}/dbtool-e2e.XXXXXX") || exit 1
		WTMP=$WORK
		OUT=$WORK/stdout
		ERR=$WORK/stderr
		: >"$OUT"
		: >"$ERR"
		trap e2e_cleanup EXIT
	fi
	PROJECT=$(mktemp -d "$WORK/project.XXXX") || exit 1
	cd "$PROJECT" || exit 1
	case "$DIALECT" in
	sqlite)
		DB_FILE=$PROJECT/app.db
		TEST_URL=sqlite:///$DB_FILE
		;;
	postgres)
		if [ -z "${DBTOOL_TEST_PG_URL:-}" ]; then
			fail "DBTOOL_TEST_PG_URL is not set: run the tests with scripts/test, which starts a throwaway PostgreSQL"
			finish
		fi
		local name base re='^([A-Za-z0-9+.-]+://[^/?]*)(/[^?]*)?(\?.*)?$'
		name=dbtool_e2e_$(basename "$PROJECT" | tr -dc 'a-zA-Z0-9' | tr 'A-Z' 'a-z')_$$
		base=$DBTOOL_TEST_PG_URL
		if ! [[ $base =~ $re ]]; then
			fail "DBTOOL_TEST_PG_URL is not a URL I can add a database name to"
			finish
		fi
		TEST_URL=${BASH_REMATCH[1]}/$name${BASH_REMATCH[3]}
		if [[ $base =~ ^[^:]+://[^:@/]*:([^@/]*)@ ]]; then
			PG_PASSWORD_RAW=${BASH_REMATCH[1]}
			PG_PASSWORD=$(urldecode "$PG_PASSWORD_RAW")
		fi
		if ! psql "$base" -X -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE $name STRATEGY FILE_COPY" >"$ERR" 2>&1 </dev/null; then
			fail "cannot create database '$name' on the test cluster" "$(cat "$ERR")"
			finish
		fi
		PG_DATABASES+=("$name")
		;;
	mariadb)
		my_new_database "dbtool_e2e_$(basename "$PROJECT" | tr -dc 'a-zA-Z0-9' | tr 'A-Z' 'a-z')_$$"
		TEST_URL=$MY_NEW_URL
		MY_DATABASE=$MY_NEW_DATABASE
		;;
	*)
		echo "Bail out! unknown dialect '$DIALECT' (expected sqlite, postgres or mariadb)"
		exit 1
		;;
	esac
	export DATABASE_URL=$TEST_URL
}

# my_new_database NAME: a new database NAME on the MariaDB server of
# $DBTOOL_TEST_MYSQL_URL, dropped at exit; its URL in MY_NEW_URL, its name
# in MY_NEW_DATABASE.  Sets MY_USER, MY_SOCKET and the password that
# my_sql uses.  (For a script that needs a MariaDB database beside its
# own of another dialect; setup_db mariadb calls it.)
my_new_database() {
	local name=$1 re='^([A-Za-z0-9+.-]+://)([^:@/]*):([^@/]*)@([^/?]*)/[^?]*\?(.*)$'
	if [ -z "${DBTOOL_TEST_MYSQL_URL:-}" ]; then
		fail "DBTOOL_TEST_MYSQL_URL is not set: run the tests with scripts/test, which starts a throwaway MariaDB"
		finish
	fi
	if ! [[ $DBTOOL_TEST_MYSQL_URL =~ $re ]] || [[ ${BASH_REMATCH[5]} != unix_socket=* ]]; then
		fail "DBTOOL_TEST_MYSQL_URL is not a mysql://user:password@host/db?unix_socket=... URL"
		finish
	fi
	MY_NEW_URL=${BASH_REMATCH[1]}${BASH_REMATCH[2]}:${BASH_REMATCH[3]}@${BASH_REMATCH[4]}/$name?${BASH_REMATCH[5]}
	MY_USER=$(urldecode "${BASH_REMATCH[2]}")
	PG_PASSWORD_RAW=${BASH_REMATCH[3]}
	PG_PASSWORD=$(urldecode "$PG_PASSWORD_RAW")
	MY_SOCKET=$(urldecode "${BASH_REMATCH[5]#unix_socket=}")
	MY_SOCKET=${MY_SOCKET%%&*}
	if ! my_sql "" "CREATE DATABASE \`$name\`" >"$ERR" 2>&1; then
		fail "cannot create database '$name' on the test server" "$(cat "$ERR")"
		finish
	fi
	MY_DATABASES+=("$name")
	MY_NEW_DATABASE=$name
}

e2e_cleanup() {
	local status=$? name
	# Background helpers this script started (lock holders).
	for name in $(jobs -p); do
		kill "$name" 2>/dev/null
	done
	wait 2>/dev/null
	cd /
	for name in "${PG_DATABASES[@]}"; do
		psql "$DBTOOL_TEST_PG_URL" -X -q -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null 2>&1 </dev/null
	done
	for name in "${MY_DATABASES[@]}"; do
		my_sql "" "DROP DATABASE IF EXISTS \`$name\`" >/dev/null 2>&1
	done
	# What the script asked to run last (own_pg_cluster's stop).
	for name in "${CLEANUP_HOOKS[@]}"; do
		$name
	done
	if [ -n "$WORK" ] && [ -z "${DBTOOL_E2E_KEEP:-}" ]; then
		rm -rf -- "$WORK"
	fi
	if [ "$FINISHED" = 0 ]; then
		echo "Bail out! the test script ended before its end (status $status)"
		exit 1
	fi
}

# finish: the summary of this test file; exits 1 if any check failed.
finish() {
	FINISHED=1
	echo "$PASSED passed, $FAILED failed"
	if [ "$FAILED" != 0 ] || [ "$PASSED" = 0 ]; then
		exit 1
	fi
	exit 0
}

# ------------------------------------------------------------- commands

# run_cmd CMD...: runs it (stdin empty), output in $OUT / $ERR, exit
# status in $STATUS; not a check of its own.
run_cmd() {
	RUNS=$((RUNS + 1))
	describe_to LAST_CMD "$@"
	"$@" >"$OUT" 2>"$ERR" </dev/null
	STATUS=$?
	set_aside_database_line
}

# Every dbtool command that connects first says on stderr which database it
# works on: "dbtool: database URL", the password shown as ***.  That line
# says where, not what happened, so it is set aside from $ERR into
# $DB_LINE, and the assertions on stderr see what the command had to say.
# check_no_password still looks at it; test_output.sh checks it.
DB_LINE=
set_aside_database_line() {
	local text='' first
	DB_LINE=
	IFS= read -r -d '' text <"$ERR"
	first=${text%%$'\n'*}
	if [[ $first == "dbtool: database "?*://* && $text == *$'\n'* ]]; then
		DB_LINE=$first
		printf '%s' "${text#*$'\n'}" >"$ERR"
	fi
}

# A failed check when the test cluster's password shows in the last output,
# as it is or as written in the URL.
check_no_password() {
	local out err
	[ -n "$PG_PASSWORD" ] || return 0
	# In the shell itself, without a grep: this runs for every command of
	# a PostgreSQL run.  (read stops at a NUL byte, which no output of
	# dbtool holds; the password holds no line break.)
	IFS= read -r -d '' out <"$OUT"
	IFS= read -r -d '' err <"$ERR"
	if [[ $out == *"$PG_PASSWORD"* || $err == *"$PG_PASSWORD"* ||
		$DB_LINE == *"$PG_PASSWORD"* ]] ||
		{ [ -n "$PG_PASSWORD_RAW" ] &&
			[[ $out == *"$PG_PASSWORD_RAW"* || $err == *"$PG_PASSWORD_RAW"* ||
				$DB_LINE == *"$PG_PASSWORD_RAW"* ]]; }; then
		fail "$LAST_CMD: prints the database password" "$DB_LINE" "$(show_output)"
	fi
}

# expect_ok CMD...: exit status 0.
expect_ok() {
	run_cmd "$@"
	check_no_password
	if [ "$STATUS" = 0 ]; then
		pass "$LAST_CMD"
		if [ -n "${DBTOOL_E2E_VERBOSE:-}" ]; then
			show_output | sed 's/^/#   /'
		fi
	else
		fail "$LAST_CMD: expected exit status 0" "$(show_output)"
	fi
}

# expect_fail STATUS CMD...: exactly that (non-zero) exit status.
expect_fail() {
	local want=$1
	shift
	run_cmd "$@"
	check_no_password
	if [ "$STATUS" = "$want" ]; then
		pass "$LAST_CMD fails with status $want"
		if [ -n "${DBTOOL_E2E_VERBOSE:-}" ]; then
			show_output | sed 's/^/#   /'
		fi
	else
		fail "$LAST_CMD: expected exit status $want" "$(show_output)"
	fi
}

# slurp_output VAR FILE: the whole of FILE (the output of the last
# command) in VAR, in the shell, without starting a process: the
# assertions below run for every command of every test.  Returns 1 when
# FILE holds a NUL byte, where the shell's read stops: the caller then
# asks grep or cmp, as for a pattern that holds a line break.
slurp_output() {
	local -n into=$1
	into=
	! IFS= read -r -d '' into <"$2"
}

# contains FILE TEXT: a line of FILE contains TEXT (grep -qF).
contains() {
	local LC_ALL=C text
	if [[ $2 != *$'\n'* ]] && slurp_output text "$1"; then
		# (grep finds nothing in an empty file, even an empty TEXT)
		[[ -n $text && $text == *"$2"* ]]
	else
		grep -qF -- "$2" "$1"
	fi
}

# is_exactly FILE TEXT: FILE holds exactly TEXT and a newline.
is_exactly() {
	local LC_ALL=C text
	if slurp_output text "$1"; then
		[[ $text == "$2"$'\n' ]]
	else
		cmp -s "$1" <(printf '%s\n' "$2")
	fi
}

expect_stderr_contains() {
	if contains "$ERR" "$1"; then
		pass "stderr of '$LAST_CMD' contains '$1'"
	else
		fail "stderr of '$LAST_CMD' should contain '$1'" "$(show_output)"
	fi
}

expect_stdout_contains() {
	if contains "$OUT" "$1"; then
		pass "stdout of '$LAST_CMD' contains '$1'"
	else
		fail "stdout of '$LAST_CMD' should contain '$1'" "$(show_output)"
	fi
}

expect_stderr_not_contains() {
	if ! contains "$ERR" "$1" && ! contains "$OUT" "$1"; then
		pass "output of '$LAST_CMD' does not contain '$1'"
	else
		fail "output of '$LAST_CMD' should not contain '$1'" "$(show_output)"
	fi
}

# expect_stdout_eq TEXT: stdout is exactly TEXT and a newline, or nothing
# at all when TEXT is empty.
expect_stdout_eq() {
	if [ -z "$1" ]; then
		if [ ! -s "$OUT" ]; then
			pass "stdout of '$LAST_CMD' is empty"
		else
			fail "stdout of '$LAST_CMD' should be empty" "$(show_output)"
		fi
	elif is_exactly "$OUT" "$1"; then
		pass "stdout of '$LAST_CMD' is '${1//$'\n'/\\n}'"
	else
		fail "stdout of '$LAST_CMD' should be exactly:" "$1" "$(show_output)"
	fi
}

# expect_stderr_eq TEXT: the same for stderr.
expect_stderr_eq() {
	if [ -z "$1" ]; then
		if [ ! -s "$ERR" ]; then
			pass "stderr of '$LAST_CMD' is empty"
		else
			fail "stderr of '$LAST_CMD' should be empty" "$(show_output)"
		fi
	elif is_exactly "$ERR" "$1"; then
		pass "stderr of '$LAST_CMD' is '${1//$'\n'/\\n}'"
	else
		fail "stderr of '$LAST_CMD' should be exactly:" "$1" "$(show_output)"
	fi
}

# output_text VAR FILE: what $(cat FILE) gives, in VAR (without a
# process unless FILE holds a NUL byte): trailing line breaks dropped.
output_text() {
	local -n text_of=$1
	if slurp_output text_of "$2"; then
		text_of=${text_of%"${text_of##*[!$'\n']}"}
	else
		text_of=$(cat "$2")
	fi
}

# expect_stdout_match ERE / expect_stderr_match ERE: the whole output,
# lines joined by "\n", matches the extended regular expression.
expect_stdout_match() {
	local text
	output_text text "$OUT"
	if [[ $text =~ $1 ]]; then
		pass "stdout of '$LAST_CMD' matches /$1/"
	else
		fail "stdout of '$LAST_CMD' should match /$1/" "$(show_output)"
	fi
}

expect_stderr_match() {
	local text
	output_text text "$ERR"
	if [[ $text =~ $1 ]]; then
		pass "stderr of '$LAST_CMD' matches /$1/"
	else
		fail "stderr of '$LAST_CMD' should match /$1/" "$(show_output)"
	fi
}

# is_error_line FILE: FILE holds one line break and a line that begins
# with "dbtool: error: " and something (wc -l and grep, in the shell).
is_error_line() {
	local LC_ALL=C text first rest
	if slurp_output text "$1"; then
		[[ $text == *$'\n'* ]] || return 1
		first=${text%%$'\n'*} rest=${text#*$'\n'}
		[[ $rest != *$'\n'* ]] || return 1
		[[ $first == 'dbtool: error: '?* || $rest == 'dbtool: error: '?* ]]
	else
		[ "$(wc -l <"$1")" = 1 ] && grep -q '^dbtool: error: .' "$1"
	fi
}

# expect_error_line: stderr is one line, "dbtool: error: ..." (usage errors
# may add nothing else either).
expect_error_line() {
	if is_error_line "$ERR"; then
		pass "stderr of '$LAST_CMD' is one 'dbtool: error:' line"
	else
		fail "stderr of '$LAST_CMD' should be one line 'dbtool: error: ...'" "$(show_output)"
	fi
}

# expect_eq ACTUAL EXPECTED DESCRIPTION
expect_eq() {
	if [ "$1" = "$2" ]; then
		pass "$3"
	else
		fail "$3" "expected: '${2//$'\n'/\\n}'" "actual:   '${1//$'\n'/\\n}'"
	fi
}

# expect_json PYTHON_EXPR: stdout is one JSON document and the expression,
# evaluated with the document as `d`, is true.  Without python3 only the
# shape is checked.
expect_json() {
	local expr=$1 msg
	if command -v python3 >/dev/null 2>&1; then
		if msg=$(python3 -c '
import json, sys
try:
    d = json.load(open(sys.argv[1]))
except ValueError as e:
    print("not JSON: %s" % e)
    sys.exit(1)
ok = eval(sys.argv[2])
if not ok:
    print("false for: %r" % (d,))
sys.exit(0 if ok else 1)
' "$OUT" "$expr" 2>&1); then
			pass "stdout of '$LAST_CMD' is JSON with $expr"
		else
			fail "stdout of '$LAST_CMD' should be JSON with $expr" "$msg" "$(show_output)"
		fi
	elif grep -q '^{.*}$' "$OUT"; then
		pass "stdout of '$LAST_CMD' looks like a JSON object (no python3 to check $expr)"
	else
		fail "stdout of '$LAST_CMD' should be a JSON object" "$(show_output)"
	fi
}

# ------------------------------------------------------------- database

# sql_value QUERY: the query's result on the test database (values
# separated by "|", NULL as nothing, one row per line).
sql_value() {
	RUNS=$((RUNS + 1))
	case "$DIALECT" in
	sqlite)
		# Looking must not create the file: a missing database reads as
		# an empty one.
		if [ -e "$DB_FILE" ]; then
			sqlite3 -batch -cmd '.timeout 10000' "$DB_FILE" "$1" </dev/null
		else
			sqlite3 -batch :memory: "$1" </dev/null
		fi
		;;
	postgres) psql "$TEST_URL" -X -Atq -v ON_ERROR_STOP=1 -c "$1" </dev/null ;;
	mariadb)
		# As the other two print them: "|" between values, NULL empty.
		my_sql "$MY_DATABASE" "$1" |
			awk -F '\t' -v OFS='|' '{ for (i = 1; i <= NF; i++) if ($i == "NULL") $i = ""; $1 = $1; print }'
		return "${PIPESTATUS[0]}"
		;;
	esac
}

# tables: the database's tables (not its views), sorted, one per line.  dbtool's history
# table is left out: it comes and goes with the version table, which
# stands for both here (test_checksum.sh looks at it on its own); so is
# MariaDB's journal table (test_mariadb.sh looks at its rows).
tables() {
	case "$DIALECT" in
	sqlite) sql_value "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'dbtool_history'" ;;
	postgres) sql_value "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'dbtool_history'" ;;
	mariadb) sql_value "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type <> 'VIEW' AND table_name NOT IN ('dbtool_history', 'dbtool_journal')" ;;
	esac | LC_ALL=C sort
}

# indexes: the database's indexes on user tables, sorted, one per line
# (SQLite's automatic ones and primary keys left out).
indexes() {
	case "$DIALECT" in
	sqlite) sql_value "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL" ;;
	postgres) sql_value "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT LIKE '%_pkey' AND indexname NOT LIKE '%_pkc'" ;;
	mariadb) sql_value "SELECT DISTINCT index_name FROM information_schema.statistics WHERE table_schema = DATABASE() AND index_name <> 'PRIMARY'" ;;
	esac | LC_ALL=C sort
}

# table_rows [TABLE...]: the rows of those tables (default: every table
# that tables lists, dbtool's version table left out), each table as a
# line "rows of NAME:" and then its rows as sql_value prints them, in byte
# order: to compare what the tables hold before and after a change.
table_rows() {
	local t q
	local -a names=("$@")
	[ "$#" -gt 0 ] || mapfile -t names < <(tables | grep -vx dbtool_version)
	for t in "${names[@]}"; do
		[ -n "$t" ] || continue
		case "$DIALECT" in
		mariadb) q="\`${t//\`/\`\`}\`" ;;
		*) q="\"${t//\"/\"\"}\"" ;;
		esac
		printf 'rows of %s:\n' "$t"
		sql_value "SELECT * FROM $q" | LC_ALL=C sort
	done
}

table_exists() {
	tables | grep -qx -- "$1"
}

# db_version: the version table's rows (nothing when the table is absent).
# On PostgreSQL in one session (psql's \if) instead of two.
db_version() {
	if [ "$DIALECT" = postgres ]; then
		RUNS=$((RUNS + 1))
		psql "$TEST_URL" -X -Atq -v ON_ERROR_STOP=1 <<'SQL'
SELECT EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = 'dbtool_version') AS has_version \gset
\if :has_version
SELECT version_num FROM dbtool_version;
\endif
SQL
		return
	fi
	if table_exists dbtool_version; then
		sql_value "SELECT version_num FROM dbtool_version"
	fi
}

expect_version() {
	expect_eq "$(db_version)" "$1" "version table holds '${1:-<no row>}'"
}

expect_tables() {
	expect_eq "$(tables | tr '\n' ' ' | sed 's/ $//')" "$1" "tables are '$1'"
}

# snapshot: every file of the project folder with its checksum, then the
# database's tables, indexes, version and row counts, to compare before
# and after a command that must change nothing.
snapshot() {
	snapshot_files
	snapshot_db
}

# snapshot_files: the project folder's part of the snapshot alone: the
# checksum of every regular file, then every path ("." and folders
# included), each as "./PATH", in byte order.  The shell lists the folder
# itself (globstar, in the C locale: the order of `find | LC_ALL=C sort`)
# and one sha256sum reads the files: this runs twice for each command
# that must change nothing.
snapshot_files() {
	(
		LC_ALL=C
		shopt -s globstar dotglob nullglob
		shopt -u failglob
		cd "$PROJECT" || exit 1
		local p files=() all=(.)
		for p in **; do
			all+=("./$p")
			[ -f "$p" ] && [ ! -L "$p" ] && files+=("./$p")
		done
		[ "${#files[@]}" = 0 ] || sha256sum -- "${files[@]}"
		printf '%s\n' "${all[@]}"
	)
}

# snapshot_db: the database part of the snapshot alone (dbtool's history
# table left out, as in tables).
snapshot_db() {
	if [ "$DIALECT" = postgres ]; then
		# One session instead of one per query: this runs twice per check.
		psql "$TEST_URL" -X -Atq -v ON_ERROR_STOP=1 </dev/null \
			-c "SELECT 'table ' || tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'dbtool_history' ORDER BY 1" \
			-c "SELECT 'index ' || indexname FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1" \
			-c "SELECT 'rows of ' || table_name || ': ' || (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM public.%I', table_name), false, true, '')))[1]::text FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'dbtool_history' ORDER BY 1" \
			-c "SELECT 'version: ' || CASE WHEN to_regclass('public.dbtool_version') IS NULL THEN '' ELSE array_to_string(xpath('//version_num/text()', query_to_xml('SELECT version_num FROM public.dbtool_version', false, false, ''))::text[], ',') END"
		return
	fi
	if [ "$DIALECT" = mariadb ]; then
		# Two sessions, as on SQLite: the first writes the statements
		# (row counts need a statement per table), the second runs them.
		# Index names are per table here, so each is "table.index".
		RUNS=$((RUNS + 1))
		my_sql_raw "$MY_DATABASE" "$MARIADB_SNAPSHOT" </dev/null | my_sql_raw "$MY_DATABASE"
		return
	fi
	# SQLite: two sessions, the second running the row counts the first
	# writes.  A missing file is an empty database (and stays missing).
	if [ ! -e "$DB_FILE" ]; then
		printf 'tables: \nindexes: \nversion: \n'
		return
	fi
	sqlite3 -batch -cmd '.timeout 10000' "$DB_FILE" </dev/null "$SQLITE_SNAPSHOT" |
		sqlite3 -batch -cmd '.timeout 10000' "$DB_FILE"
}

# The statements that print the SQLite part of snapshot_db, as lines of
# the form "tables: a b ", "indexes: ...", "version: ...", "rows of T: N"
# (tables and indexes in byte order, dbtool's history table left out).
SQLITE_SNAPSHOT="
SELECT 'SELECT ''tables: ' || coalesce(group_concat(name || ' ', ''), '') || ''';' FROM
 (SELECT replace(name, '''', '''''') AS name FROM sqlite_master
  WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'dbtool_history' ORDER BY 1);
SELECT 'SELECT ''indexes: ' || coalesce(group_concat(name || ' ', ''), '') || ''';' FROM
 (SELECT replace(name, '''', '''''') AS name FROM sqlite_master
  WHERE type = 'index' AND sql IS NOT NULL ORDER BY 1);
SELECT CASE WHEN count(*) > 0
 THEN 'SELECT ''version: '' || coalesce(group_concat(version_num, char(10)), '''') FROM dbtool_version;'
 ELSE 'SELECT ''version: '';' END
 FROM sqlite_master WHERE type = 'table' AND name = 'dbtool_version';
SELECT 'SELECT ''rows of ' || replace(name, '''', '''''') || ': '' || count(*) FROM \"' ||
 replace(name, '\"', '\"\"') || '\";' FROM sqlite_master
 WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'dbtool_history' ORDER BY name;"

# The same for MariaDB: lines "tables: ...", "indexes: ...", "version: ...",
# "journal: N" (the rows of dbtool_journal, when it exists) and "rows of T:
# N".  Names are compared in byte order; quotes and backslashes in them
# are doubled for the string literals and backticks for the identifiers.
MARIADB_SNAPSHOT="
SELECT CONCAT('SELECT ''tables: ', COALESCE(GROUP_CONCAT(REPLACE(REPLACE(table_name, '\\\\', '\\\\\\\\'), '''', '''''')
 ORDER BY BINARY table_name SEPARATOR ' '), ''), ''';') FROM information_schema.tables
 WHERE table_schema = DATABASE() AND table_name <> 'dbtool_history';
SELECT CONCAT('SELECT ''indexes: ', COALESCE(GROUP_CONCAT(DISTINCT REPLACE(REPLACE(CONCAT(table_name, '.', index_name), '\\\\', '\\\\\\\\'), '''', '''''')
 ORDER BY BINARY CONCAT(table_name, '.', index_name) SEPARATOR ' '), ''), ''';') FROM information_schema.statistics
 WHERE table_schema = DATABASE() AND table_name <> 'dbtool_history';
SELECT IF(COUNT(*) > 0,
 'SELECT CONCAT(''version: '', COALESCE(GROUP_CONCAT(version_num SEPARATOR '',''), '''')) FROM dbtool_version;',
 'SELECT ''version: '';') FROM information_schema.tables
 WHERE table_schema = DATABASE() AND table_name = 'dbtool_version';
SELECT CONCAT('SELECT CONCAT(''journal: '', COUNT(*)) FROM dbtool_journal;') FROM information_schema.tables
 WHERE table_schema = DATABASE() AND table_name = 'dbtool_journal';
SELECT CONCAT('SELECT CONCAT(''rows of ', REPLACE(REPLACE(table_name, '\\\\', '\\\\\\\\'), '''', ''''''), ': '', COUNT(*)) FROM \`',
 REPLACE(table_name, '\`', '\`\`'), '\`;') FROM information_schema.tables
 WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'
 AND table_name NOT IN ('dbtool_history', 'dbtool_journal') ORDER BY BINARY table_name;"

# ------------------------------------------------------------- revisions

# write_revision FILE UPGRADE_SQL DOWNGRADE_SQL: replaces a revision file's
# sections, keeping its header (everything before "-- migrate:upgrade").
write_revision() {
	local file=$1 tmp
	tmp=$WORK/revision.tmp
	sed '/^-- migrate:upgrade/,$d' "$file" >"$tmp"
	printf -- '-- migrate:upgrade\n%s\n\n-- migrate:downgrade\n%s\n' "$2" "$3" >>"$tmp"
	cat "$tmp" >"$file"
}

# What migrate prints when the database already matches the model.
NOTHING_TO_DO="dbtool: nothing to do: the database matches the model"

# revisions: how many revision files the project holds.
revisions() {
	local f n=0
	for f in migrations/versions/*.sql; do
		[ -e "$f" ] && n=$((n + 1))
	done
	echo "$n"
}

# agrees WHAT: the database already agrees with the model: check exits 0
# with nothing on stdout, and migrate writes no revision.
agrees() {
	local before
	before=$(revisions)
	expect_ok dbtool check
	expect_stdout_eq ""
	expect_ok dbtool migrate -m "$1"
	expect_stderr_contains "$NOTHING_TO_DO"
	expect_eq "$(revisions)" "$before" "$1: migrate writes no revision"
}

# new_revision ID PARENT MESSAGE UPGRADE_SQL DOWNGRADE_SQL [HEADER_LINE...]:
# writes a whole revision file by hand as migrations/versions/ID_x.sql and
# prints its path.  The header is 4 lines (id, parent, message, created),
# then the extra header lines, a blank line and "-- migrate:upgrade", so the
# upgrade SQL starts on line 7 + the number of extra header lines.
new_revision() {
	local id=$1 parent=$2 message=$3 up=$4 down=$5 file line
	shift 5
	file=migrations/versions/${id}_x.sql
	{
		printf -- '-- id: %s\n-- parent:%s\n-- message: %s\n' "$id" "${parent:+ $parent}" "$message"
		printf -- '-- created: 2026-01-02T03:04:05Z\n'
		for line in "$@"; do
			printf '%s\n' "$line"
		done
		printf -- '\n-- migrate:upgrade\n%s\n\n-- migrate:downgrade\n%s\n' "$up" "$down"
	} >"$file"
	printf '%s\n' "$file"
}

# ------------------------------------------------------------ parallel cases

# Workers that run_cases starts (DBTOOL_E2E_JOBS, default 3): a corpus of
# independent cases is shared out among them, each with a project folder
# and a database of its own, so that the cases of one test file keep both
# cores busy, and the PostgreSQL server busy while a client starts.
: "${DBTOOL_E2E_JOBS:=3}"

# The folder for a worker's scratch files ($WORK itself outside run_cases).
WTMP=

# run_cases SETUP CASE ITEM...: runs "CASE ITEM" for every ITEM, shared out
# among DBTOOL_E2E_JOBS workers; each worker first runs SETUP in its fresh
# project folder (the current folder) and database (setup_db's TEST_URL,
# DB_FILE, DATABASE_URL).  A case reports with pass and fail as usual; the
# reports are then replayed in the order of the items, so the output does
# not depend on which worker ran what.  Sets CASES_PASSED to the number of
# passed checks.  Afterwards the caller is back in its own project folder
# and database.
run_cases() {
	local setup=$1 case=$2 jobs=$DBTOOL_E2E_JOBS w i f line desc detail
	local my_project=$PROJECT my_url=$TEST_URL my_db=$DB_FILE my_mydb=${MY_DATABASE:-}
	local -a w_project w_url w_db w_mydb pids
	shift 2
	local -a items=("$@")
	[ "$jobs" -ge 1 ] 2>/dev/null || jobs=1
	[ "${#items[@]}" -ge "$jobs" ] || jobs=${#items[@]}
	[ "$jobs" -ge 1 ] || jobs=1
	for ((w = 0; w < jobs; w++)); do
		setup_db "$DIALECT"
		w_project[w]=$PROJECT w_url[w]=$TEST_URL w_db[w]=$DB_FILE w_mydb[w]=${MY_DATABASE:-}
	done
	PROJECT=$my_project TEST_URL=$my_url DB_FILE=$my_db MY_DATABASE=$my_mydb
	export DATABASE_URL=$TEST_URL
	cd "$PROJECT" || exit 1
	rm -rf "$WORK/results"
	mkdir -p "$WORK/results"
	pids=()
	for ((w = 0; w < jobs; w++)); do
		(
			PROJECT=${w_project[w]} TEST_URL=${w_url[w]} DB_FILE=${w_db[w]}
			MY_DATABASE=${w_mydb[w]}
			export DATABASE_URL=$TEST_URL
			cd "$PROJECT" || exit 1
			WTMP=$WORK/worker.$w
			mkdir -p "$WTMP"
			OUT=$WTMP/stdout ERR=$WTMP/stderr
			: >"$OUT"
			: >"$ERR"
			CASE_INDEX=setup SEQ=0
			# Each report in a file of its own, named so that they
			# sort by item, then in the order they were made.
			# (printf -v: no subshell for every report.)
			pass() {
				local f
				SEQ=$((SEQ + 1))
				printf -v f '%s/results/%s.%04d' "$WORK" "$CASE_INDEX" "$SEQ"
				printf 'ok\t%s\n' "$1" >"$f"
			}
			fail() {
				local d=$1 f
				shift
				SEQ=$((SEQ + 1))
				printf -v f '%s/results/%s.%04d' "$WORK" "$CASE_INDEX" "$SEQ"
				{
					printf 'not ok\t%s\n' "$d"
					printf '%s\n' "$@"
				} >"$f"
			}
			"$setup"
			for ((i = w; i < ${#items[@]}; i += jobs)); do
				printf -v CASE_INDEX '%06d' "$i"
				SEQ=0
				"$case" "${items[i]}"
			done
			: >"$WTMP/done"
			# What a worker leaves on stdout (diagnostics) goes out
			# with the replay.
		) >"$WORK/worker.$w.log" 2>&1 &
		pids+=($!)
	done
	for w in "${pids[@]}"; do
		wait "$w"
	done
	CASES_PASSED=0
	for f in "$WORK"/results/*; do
		[ -e "$f" ] || continue
		IFS= read -r line <"$f"
		desc=${line#*$'\t'}
		if [ "${line%%$'\t'*}" = ok ]; then
			pass "$desc"
			CASES_PASSED=$((CASES_PASSED + 1))
		else
			detail=$(tail -n +2 "$f")
			fail "$desc" "$detail"
		fi
	done
	for ((w = 0; w < jobs; w++)); do
		if [ -s "$WORK/worker.$w.log" ]; then
			sed 's/^/# /' "$WORK/worker.$w.log"
		fi
		[ -e "$WORK/worker.$w/done" ] ||
			fail "worker $w ended before its last case" "$(cat "$WORK/worker.$w.log")"
	done
	# Every case reports at least once: none is lost with a worker.
	for ((i = 0; i < ${#items[@]}; i++)); do
		f=$(printf '%06d' "$i")
		compgen -G "$WORK/results/$f.*" >/dev/null ||
			fail "the case '${items[i]}' reported nothing"
	done
}

# corpus_dialect: the dialect's name as the corpus files write it (their
# `-- dialect:` headers, expected.<name>): mysql for MariaDB.
corpus_dialect() {
	case $DIALECT in
	mariadb) echo mysql ;;
	*) echo "$DIALECT" ;;
	esac
}

# names_dialect LIST: 0 when the blank-separated LIST, up to a '(' that
# opens a reason, names this dialect (corpus_dialect).
names_dialect() {
	local name want
	want=$(corpus_dialect)
	for name in ${1%%(*}; do
		[ "$name" = "$want" ] && return 0
	done
	return 1
}

# on_todo MODE NAME: 0 when the corpus case NAME (schemas/NNN_name.sql,
# pairs/NNN_name, changes/NNN_name) is listed for MODE (corpus or migrate)
# in the dialect's tests/corpus/<dialect>.todo: it fails there because of
# dbtool, and tests/corpus_run follows it; the scripts' samples leave it
# out.
on_todo() {
	local f
	f=$E2E_DIR/../corpus/$(corpus_dialect).todo
	[ -e "$f" ] && grep -qF "$1 $2 " "$f"
}

# for_this_dialect FILE: 0 unless the file's first line keeps it from
# this dialect ("-- dialect: NAME..." or "-- only: NAME..." list those it
# runs on, "-- not-dialect: NAME... (reason)" those it does not): a
# construct of the corpus that not every database has.
for_this_dialect() {
	local first
	IFS= read -r first <"$1" || true
	case $first in
	"-- dialect: "*) names_dialect "${first#-- dialect: }" ;;
	"-- only: "*) names_dialect "${first#-- only: }" ;;
	"-- not-dialect: "*) ! names_dialect "${first#-- not-dialect: }" ;;
	*) return 0 ;;
	esac
}

# The corpus-wide scripts (test_corpus.sh, test_migrate.sh, test_dump.sh,
# test_inspect_corpus.sh) run the real binary on a fixed sample of their
# cases, so that it still meets each kind of case, while tests/corpus_run
# runs every case in process.  in_sample INDEX NAME: 0 when the case at
# INDEX (from 0, in sorted order among the cases of its kind for this
# dialect) is in the sample: every DBTOOL_CORPUS_SAMPLE-th case (default
# 16) and the first case of each tricky kind, a word of SAMPLE_TRICKY its
# NAME holds (the kinds met start again at INDEX 0);
# DBTOOL_CORPUS_SAMPLE=all takes them all.  The scripts take every case
# their DBTOOL_*_ONLY filter selects.
SAMPLE_TRICKY='embedded_quote|utf8|reserved|cycle|generated|strict|partition|pg_dump'
declare -A TRICKY_MET=()
in_sample() {
	local every=${DBTOOL_CORPUS_SAMPLE:-16} kind
	[ "$every" = all ] && return 0
	if ! [[ $every =~ ^[1-9][0-9]*$ ]]; then
		echo "Bail out! DBTOOL_CORPUS_SAMPLE must be 'all' or a positive number, not '$every'"
		exit 1
	fi
	[ "$1" = 0 ] && TRICKY_MET=()
	[ $(($1 % every)) = 0 ] && return 0
	for kind in ${SAMPLE_TRICKY//|/ }; do
		if [[ $2 == *"$kind"* && -z ${TRICKY_MET[$kind]:-} ]]; then
			TRICKY_MET[$kind]=1
			return 0
		fi
	done
	return 1
}
