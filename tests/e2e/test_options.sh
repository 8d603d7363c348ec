#!/bin/bash
#
# test_options.sh - every global option works before and after the command
# (-c/--config, -u/--url, -q/--quiet, -v/--verbose, --format,
# --lock-timeout, -h/--help, --version), and the config file's ${VAR} is
# expanded only in the values a command uses.
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_options.sh sqlite|postgres|mariadb

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_db "$1"

expect_ok dbtool -q init
r1=$(new_revision r1 "" "first" "CREATE TABLE t1 (id INTEGER PRIMARY KEY);" "DROP TABLE t1;")
r2=$(new_revision r2 r1 "second" "CREATE TABLE t2 (id INTEGER PRIMARY KEY);" "DROP TABLE t2;")

# --- -h/--help and --version, on either side
for pos in before after; do
	if [ $pos = before ]; then
		expect_ok dbtool --version current
	else
		expect_ok dbtool current --version
	fi
	expect_stdout_eq "dbtool 0.1.0"
	expect_stderr_eq ""
done
expect_ok dbtool --help current
expect_stdout_match "^usage: dbtool \[OPTIONS\] COMMAND"
expect_ok dbtool current --help
expect_stdout_match "^usage: dbtool current"

# --- -q/--quiet and -v/--verbose
expect_ok dbtool -q upgrade +1
expect_stderr_eq ""
expect_version r1
expect_ok dbtool upgrade -q
expect_stderr_eq ""
expect_version r2
expect_ok dbtool --quiet downgrade base
expect_stderr_eq ""
expect_ok dbtool downgrade base --quiet
expect_stderr_eq ""
expect_ok dbtool upgrade
expect_stderr_contains "upgrade r1 -> r2, second"
expect_ok dbtool -v current
expect_stdout_eq "r2 (head), second"
expect_ok dbtool current -v
expect_stdout_eq "r2 (head), second"
expect_ok dbtool current --verbose
expect_stdout_eq "r2 (head), second"

# --- --format, with a value as the next argument or after "="
for args in "--format json heads" "heads --format json" "--format=json heads" "heads --format=json"; do
	# shellcheck disable=SC2086
	expect_ok dbtool $args
	expect_json 'd == {"heads": ["r2"]}'
done
expect_ok dbtool current --format json
expect_json 'd == {"current": "r2"}'
expect_ok dbtool --format json current --format text
expect_stdout_eq "r2"

# --- -c/--config: another project
other=$WORK/other
mkdir -p "$other"
printf '[dbtool]\nscript_location = mig\n' >"$other/dbtool.ini"
(cd "$other" && dbtool -q init mig)
printf -- '-- id: o1\n-- parent:\n-- message: other\n\n-- migrate:upgrade\n\n-- migrate:downgrade\n' \
	>"$other/mig/versions/o1_x.sql"
for args in "-c $other/dbtool.ini heads" "heads -c $other/dbtool.ini" \
	"--config $other/dbtool.ini heads" "heads --config=$other/dbtool.ini"; do
	# shellcheck disable=SC2086
	expect_ok dbtool $args
	expect_stdout_eq "o1"
done

# --- -u/--url: over DATABASE_URL, which names a database that must stay
# untouched (and uncreated)
decoy=$WORK/decoy.db
export DATABASE_URL=sqlite:///$decoy
expect_ok dbtool -u "$TEST_URL" downgrade -1
expect_version r1
expect_ok dbtool upgrade -u "$TEST_URL"
expect_version r2
expect_ok dbtool downgrade base --url "$TEST_URL"
expect_version ""
expect_ok dbtool stamp r1 --url="$TEST_URL"
expect_version r1
expect_ok dbtool -q stamp base -u "$TEST_URL"
expect_ok dbtool -q upgrade -u "$TEST_URL"
expect_ok dbtool current --url "$TEST_URL"
expect_stdout_eq "r2"
expect_eq "$([ -e "$decoy" ] || echo absent)" absent "the database of DATABASE_URL is never touched"
export DATABASE_URL=$TEST_URL

# --- --lock-timeout: while another session holds the migration lock, a
# command with --lock-timeout 1 gives up; one that ignored the option would
# still be waiting (the default is 60 s) when the lock is released below.
lock_fifo=$WORK/lock.fifo
mkfifo "$lock_fifo"
holder=
# MariaDB's migration lock is GET_LOCK('dbtool:<database>').
lock_name="dbtool:${MY_DATABASE:-}"
lock_is_held() {
	case "$DIALECT" in
	sqlite) ! sqlite3 -batch "$DB_FILE" "BEGIN IMMEDIATE; ROLLBACK;" >/dev/null 2>&1 </dev/null ;;
	postgres)
		[ "$(sql_value "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")" = 1 ]
		;;
	mariadb) [ "$(sql_value "SELECT IS_USED_LOCK('$lock_name') IS NOT NULL")" = 1 ] ;;
	esac
}
hold_lock() {
	case "$DIALECT" in
	sqlite) sqlite3 -batch "$DB_FILE" <"$lock_fifo" >"$WORK/holder.log" 2>&1 & ;;
	postgres) psql "$TEST_URL" -X -q <"$lock_fifo" >"$WORK/holder.log" 2>&1 & ;;
	mariadb) my_sql_raw "" <"$lock_fifo" >"$WORK/holder.log" 2>&1 & ;;
	esac
	holder=$!
	exec 7>"$lock_fifo"
	case "$DIALECT" in
	sqlite) echo "BEGIN IMMEDIATE;" >&7 ;;
	postgres) echo "SELECT pg_advisory_lock(hashtextextended('dbtool_version', 0));" >&7 ;;
	mariadb) echo "SELECT GET_LOCK('$lock_name', 10);" >&7 ;;
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
	mariadb) printf 'SELECT RELEASE_LOCK(%s);\n' "'$lock_name'" >&7 ;;
	esac
	exec 7>&-
	wait "$holder"
	holder=
}

expect_ok dbtool -q downgrade base
if hold_lock; then
	pass "another session holds the lock"
else
	fail "another session should hold the lock" "$(cat "$WORK/holder.log")"
fi
n=0
for args in "--lock-timeout 1 upgrade" "upgrade --lock-timeout 1" "upgrade --lock-timeout=1" \
	"--lock-timeout 1 stamp head" "stamp head --lock-timeout 1" "stamp --lock-timeout=1 head"; do
	n=$((n + 1))
	(
		# shellcheck disable=SC2086
		dbtool $args >"$WORK/lt.$n.out" 2>"$WORK/lt.$n.err" </dev/null
		echo $? >"$WORK/lt.$n.rc"
	) &
	waiter=$!
	# Bounded by the e2e timeout of each command; the option's 1 s is
	# what makes it return while the lock is still held.
	for _ in $(seq 300); do
		kill -0 "$waiter" 2>/dev/null || break
		sleep 0.1
	done
	expect_eq "$(kill -0 "$waiter" 2>/dev/null && echo waiting || echo done)" done \
		"dbtool $args gives up while the lock is still held"
	wait "$waiter"
	expect_eq "$(cat "$WORK/lt.$n.rc")" 1 "dbtool $args fails"
	expect_eq "$(grep -c '^dbtool: error: waited too long for the lock' "$WORK/lt.$n.err")" 1 \
		"dbtool $args says it waited too long for the lock"
done
release_lock
expect_version ""

# --- ${VAR} in dbtool.ini: only a value that is used may fail
unset DBTOOL_E2E_NO_PASS DBTOOL_E2E_NO_DIR DBTOOL_E2E_NO_SCHEMA
lazy=$WORK/lazy.ini
printf '[dbtool]\nurl = postgresql://u:${DBTOOL_E2E_NO_PASS}@h/d\nscript_location = %s/migrations\nmodel = ${DBTOOL_E2E_NO_DIR}/schema.sql\n' \
	"$PROJECT" >"$lazy"
expect_ok dbtool -c "$lazy" upgrade
expect_version r2
expect_ok dbtool -c "$lazy" current
expect_stdout_eq "r2"
expect_ok dbtool -c "$lazy" --url "$TEST_URL" downgrade base
expect_version ""
expect_ok dbtool -c "$lazy" heads
expect_stdout_eq "r2"
before=$(snapshot)
expect_fail 1 dbtool -c "$lazy" check
expect_stderr_eq "dbtool: error: $lazy:4: environment variable 'DBTOOL_E2E_NO_DIR' is not set"
expect_fail 1 dbtool -c "$lazy" migrate -m x
expect_stderr_eq "dbtool: error: $lazy:4: environment variable 'DBTOOL_E2E_NO_DIR' is not set"
expect_fail 1 dbtool -c "$lazy" create-all
expect_stderr_eq "dbtool: error: $lazy:4: environment variable 'DBTOOL_E2E_NO_DIR' is not set"
unset DATABASE_URL
expect_fail 1 dbtool -c "$lazy" current
expect_stderr_eq "dbtool: error: $lazy:2: environment variable 'DBTOOL_E2E_NO_PASS' is not set"
export DATABASE_URL=$TEST_URL
expect_eq "$(snapshot)" "$before" "the refused commands change nothing"
printf '[dbtool]\nscript_location = ${DBTOOL_E2E_NO_DIR}/migrations\nschema = ${DBTOOL_E2E_NO_SCHEMA}\n' >"$lazy"
expect_ok dbtool -c "$lazy" current
expect_fail 1 dbtool -c "$lazy" heads
expect_stderr_eq "dbtool: error: $lazy:2: environment variable 'DBTOOL_E2E_NO_DIR' is not set"
expect_fail 1 dbtool -c "$lazy" revision -m x
expect_stderr_eq "dbtool: error: $lazy:2: environment variable 'DBTOOL_E2E_NO_DIR' is not set"
expect_fail 1 dbtool -c "$lazy" drop-all --yes
expect_stderr_eq "dbtool: error: $lazy:3: environment variable 'DBTOOL_E2E_NO_SCHEMA' is not set"
expect_version ""

finish
