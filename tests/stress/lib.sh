# lib.sh - helpers for the stress tests (crash.sh, race.sh), sourced after
# the end-to-end helpers of tests/e2e/lib.sh, whose set-up, assertions and
# summary they share.
#
# Both tests run one chain of 30 hand-written revisions (stress_chain) and
# judge the database by one measure (check_consistent): its reflected
# schema and data must be exactly those that revisions 1..v leave, where v
# is the revision the version table names.  Revision k creates table tKK
# with an index and a few rows (a few hundred for every fifth), adds a
# column to the table before it when k is a multiple of 6, and records k in
# the table "log", which revision 1 creates; nothing has a unique
# constraint that would hide a revision applied twice, so such a revision
# would show as a duplicate in "log".
#
# Counts scale with DBTOOL_STRESS_SCALE (default 1; e.g. 0.5 halves every
# count, for a slow sanitizer build); STRESS_SEED fixes the random choices.

. "$(dirname "${BASH_SOURCE[0]}")/../e2e/lib.sh"

NREVS=30
: "${DBTOOL_STRESS_SCALE:=1}"
: "${STRESS_SEED:=$(((${EPOCHREALTIME/./} / 1000) % 1000000))}"
RANDOM=$STRESS_SEED

# A failing stress run stops after this many inconsistencies: the first
# ones say all there is to say.
MAX_FAILURES=10

# scaled COUNT: COUNT times DBTOOL_STRESS_SCALE, at least 1.
scaled() {
	awk -v n="$1" -v s="$DBTOOL_STRESS_SCALE" 'BEGIN {
		if (s !~ /^[0-9]*\.?[0-9]+$/) { print "bad"; exit }
		v = int(n * s + 0.5); print (v < 1 ? 1 : v) }'
}

# count_from VAR DEFAULT: sets COUNT to the count the environment variable
# VAR sets, or DEFAULT, either scaled.  Ends the test on a value that is
# not a number.
count_from() {
	local v=${!1:-$2}
	if ! [[ $v =~ ^[0-9]+$ ]]; then
		fail "$1 must be a whole number, not '$v'"
		finish
	fi
	COUNT=$(scaled "$v")
	if [ "$COUNT" = bad ]; then
		fail "DBTOOL_STRESS_SCALE must be a positive number, not '$DBTOOL_STRESS_SCALE'"
		finish
	fi
}

now_ms() {
	local t=${EPOCHREALTIME/./}
	echo $((t / 1000))
}

# sleep_ms N: sleeps N milliseconds.
sleep_ms() {
	sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"
}

# rand_below N: sets R to a random number from 0 to N-1 (N up to 2^30).
# (Not a function to call in $(...): a subshell's draws are lost to the
# sequence that STRESS_SEED fixes.)
rand_below() {
	R=$((((RANDOM << 15) | RANDOM) % $1))
}

# --------------------------------------------------------------- the chain

rev_id() {
	printf 's%02d' "$1"
}

table_of() {
	printf 't%02d' "$1"
}

# The rows revision k inserts into its table.
rows_of() {
	if [ $(($1 % 5)) = 0 ]; then
		echo 300
	else
		echo $((1 + $1 % 3))
	fi
}

# True when revision k adds a column to the table of revision k-1.
adds_column() {
	[ $(($1 % 6)) = 0 ]
}

# chain_statements K: the statements of revision K, one per element in
# the order they run, in UP and DOWN, and what each does to the facts
# (see apply_effect) in UP_FX and DOWN_FX.  On MariaDB, which commits a
# DDL statement before dbtool counts it in its journal, a kill in that
# instant (or while the server still runs the statement) leaves the count
# one short, and resuming runs the statement again, as the README says:
# there the DDL is written so that it can run twice (IF [NOT] EXISTS),
# which a revision for MariaDB should be; the rows and the "log" still
# show any statement applied twice.
chain_statements() {
	local k=$1 t prev r ine= iex= values=
	t=$(table_of "$k")
	prev=$(table_of $((k - 1)))
	UP=() UP_FX=() DOWN=() DOWN_FX=()
	if [ "$DIALECT" = mariadb ]; then
		ine=" IF NOT EXISTS"
		iex=" IF EXISTS"
	fi
	if [ "$k" = 1 ]; then
		UP+=("CREATE TABLE$ine log (n INTEGER NOT NULL);")
		UP_FX+=("ddl table log n")
	fi
	UP+=("CREATE TABLE$ine $t (id INTEGER PRIMARY KEY, rev INTEGER NOT NULL, v VARCHAR(40));")
	UP_FX+=("ddl table $t id rev v")
	UP+=("CREATE INDEX$ine ${t}_v ON $t (v);")
	UP_FX+=("ddl index $t ${t}_v")
	if [ $((k % 5)) = 0 ]; then
		# MariaDB: the CTE after INSERT, and CONCAT (|| is OR there).
		if [ "$DIALECT" = mariadb ]; then
			UP+=("INSERT INTO $t (id, rev, v) WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < $(rows_of "$k"))"$'\n'"SELECT i, $k, CONCAT('row ', i) FROM c;")
		else
			UP+=("WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < $(rows_of "$k"))"$'\n'"INSERT INTO $t (id, rev, v) SELECT i, $k, 'row ' || i FROM c;")
		fi
		UP_FX+=("dml rows $t $(rows_of "$k")")
	elif [ $((k % 2)) = 0 ]; then
		for r in $(seq "$(rows_of "$k")"); do
			UP+=("INSERT INTO $t (id, rev, v) VALUES ($r, $k, 'row $r');")
			UP_FX+=("dml rows $t 1")
		done
	else
		for r in $(seq "$(rows_of "$k")"); do
			values+="$([ "$r" = 1 ] || echo ,) ($r, $k, 'row $r')"
		done
		UP+=("INSERT INTO $t (id, rev, v) VALUES$values;")
		UP_FX+=("dml rows $t $(rows_of "$k")")
	fi
	if adds_column "$k"; then
		UP+=("ALTER TABLE $prev ADD COLUMN$ine note_$k VARCHAR(20);" "UPDATE $prev SET note_$k = 'set by $k';")
		UP_FX+=("ddl column $prev note_$k" "dml none")
		DOWN+=("ALTER TABLE $prev DROP COLUMN$iex note_$k;")
		DOWN_FX+=("ddl dropcolumn $prev note_$k")
	fi
	UP+=("INSERT INTO log (n) VALUES ($k);")
	UP_FX+=("dml log $k")
	DOWN+=("DROP TABLE$iex $t;")
	DOWN_FX+=("ddl droptable $t")
	if [ "$k" = 1 ]; then
		DOWN+=("DROP TABLE$iex log;")
		DOWN_FX+=("ddl droptable log")
	else
		DOWN=("DELETE FROM log WHERE n = $k;" "${DOWN[@]}")
		DOWN_FX=("dml unlog $k" "${DOWN_FX[@]}")
	fi
}

# stress_chain: initialises the project in the current folder and writes
# the 30 revision files.
stress_chain() {
	local k parent up down
	run_cmd dbtool -q init
	if [ "$STATUS" != 0 ]; then
		fail "dbtool init" "$(show_output)"
		finish
	fi
	# The URL is the environment's: the template's sqlite url stays unused.
	[ "$DIALECT" != mariadb ] || sed -i '/^url *=/d' dbtool.ini
	for k in $(seq "$NREVS"); do
		chain_statements "$k"
		up=$(printf '%s\n' "${UP[@]}")
		down=$(printf '%s\n' "${DOWN[@]}")
		parent=
		[ "$k" = 1 ] || parent=$(rev_id $((k - 1)))
		new_revision "$(rev_id "$k")" "$parent" "stress $k" "$up" "$down" >/dev/null
	done
}

# The facts of the simulated database that expected_fingerprint builds:
# the columns, indexes and row count of each table, and the numbers in
# "log".
declare -A ST_COLS ST_IDX ST_ROWS
ST_LOG=

# apply_effect KIND WHAT ARGS...: what one statement does to the facts.
apply_effect() {
	case "$1 $2" in
	"ddl table") [ -n "${ST_COLS[$3]+x}" ] || { ST_COLS[$3]=" ${*:4} "; ST_IDX[$3]=; ST_ROWS[$3]=0; } ;;
	"ddl index") ST_IDX[$3]=$4 ;;
	"ddl column") [[ ${ST_COLS[$3]} == *" $4 "* ]] || ST_COLS[$3]+="$4 " ;;
	"ddl dropcolumn") ST_COLS[$3]=${ST_COLS[$3]/" $4 "/ } ;;
	"ddl droptable") unset "ST_COLS[$3]" "ST_IDX[$3]" "ST_ROWS[$3]" ;;
	"dml rows") ST_ROWS[$3]=$((ST_ROWS[$3] + $4)) ;;
	"dml log")
		ST_LOG+=" $3"
		ST_ROWS[log]=$((ST_ROWS[log] + 1))
		;;
	"dml unlog")
		ST_LOG=${ST_LOG/" $3"/}
		ST_ROWS[log]=$((ST_ROWS[log] - 1))
		;;
	"dml none") ;;
	*) echo "apply_effect: unknown effect '$*'" >&2 ;;
	esac
}

# expected_fingerprint V [REV DIRECTION K]: what check_consistent must
# find at position V, one fact per line, sorted; with REV, also the first
# K statements of the upgrade (DIRECTION "upgrade", REV = V + 1) or the
# downgrade (REV = V) of revision REV, which stopped there (MariaDB's
# journal).  On MariaDB the facts include the history (the revisions up
# to V) and the journal's row, as "journal REV DIRECTION FROM K" (FROM
# "-" for base).
expected_fingerprint() {
	local v=$1 rev=${2:-} dir=${3:-} n=${4:-0} k j t c history=
	ST_COLS=() ST_IDX=() ST_ROWS=() ST_LOG=
	for k in $(seq "$v"); do
		chain_statements "$k"
		for j in "${UP_FX[@]}"; do
			# shellcheck disable=SC2086 # words of an effect
			apply_effect $j
		done
		history+=" $(rev_id "$k")"
	done
	if [ -n "$rev" ]; then
		chain_statements "$rev"
		if [ "$dir" = upgrade ]; then
			for ((j = 0; j < n; j++)); do
				# shellcheck disable=SC2086 # words of an effect
				apply_effect ${UP_FX[j]}
			done
		else
			for ((j = 0; j < n; j++)); do
				# shellcheck disable=SC2086 # words of an effect
				apply_effect ${DOWN_FX[j]}
			done
		fi
	fi
	{
		for t in "${!ST_COLS[@]}"; do
			echo "table $t"
			for c in ${ST_COLS[$t]}; do
				echo "column $t.$c"
			done
			[ -z "${ST_IDX[$t]}" ] || echo "index ${ST_IDX[$t]}"
			echo "rows $t ${ST_ROWS[$t]}"
			[ "$t" != log ] || echo "log ${ST_LOG# }"
		done
		if [ "$v" -gt 0 ]; then
			echo "version $(rev_id "$v")"
		else
			echo "version "
		fi
		if [ "$DIALECT" = mariadb ]; then
			echo "history${history:- }"
			if [ -n "$rev" ]; then
				echo "journal $(rev_id "$rev") $dir $([ "$v" -gt 0 ] && rev_id "$v" || echo -) $n"
			fi
		fi
	} | LC_ALL=C sort
}

# The facts of a PostgreSQL database in one session (a connection costs
# more than all the queries): "idle N" (the other sessions connected to
# the database), then the facts as fingerprint prints them.  Tables of
# dbtool itself (dbtool_version, and any other dbtool_* table) are left out.
PG_FACTS="
SELECT 'idle ' || count(*) FROM pg_stat_activity
 WHERE datname = current_database() AND pid <> pg_backend_pid();
SELECT 'table ' || tablename FROM pg_tables
 WHERE schemaname = 'public' AND tablename NOT LIKE 'dbtool\\_%';
SELECT 'index ' || indexname FROM pg_indexes
 WHERE schemaname = 'public' AND tablename NOT LIKE 'dbtool\\_%' AND indexname NOT LIKE '%\\_pkey';
SELECT 'column ' || table_name || '.' || column_name FROM information_schema.columns
 WHERE table_schema = 'public' AND table_name NOT LIKE 'dbtool\\_%';
SELECT format('SELECT %L || count(*) FROM public.%I', 'rows ' || tablename || ' ', tablename)
 FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'dbtool\\_%' \\gexec
SELECT 'SELECT ''log '' || coalesce(string_agg(n::text, '' '' ORDER BY n), '''') FROM public.log'
 WHERE to_regclass('public.log') IS NOT NULL \\gexec
SELECT 'SELECT ''version '' || coalesce(string_agg(version_num, '',''), '''') FROM public.dbtool_version'
 WHERE to_regclass('public.dbtool_version') IS NOT NULL \\gexec
SELECT 'version ' WHERE to_regclass('public.dbtool_version') IS NULL;
"

# The same for SQLite, in two steps: the schema (and "meta T" for each
# table of dbtool itself), then the data of the tables it found.
SQLITE_SCHEMA="
SELECT 'table ' || name FROM sqlite_master
 WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE 'dbtool\\_%' ESCAPE '\\'
UNION ALL SELECT 'meta ' || name FROM sqlite_master
 WHERE type = 'table' AND name LIKE 'dbtool\\_%' ESCAPE '\\'
UNION ALL SELECT 'index ' || name FROM sqlite_master
 WHERE type = 'index' AND sql IS NOT NULL AND tbl_name NOT LIKE 'dbtool\\_%' ESCAPE '\\'
UNION ALL SELECT 'column ' || m.name || '.' || p.name FROM sqlite_master AS m, pragma_table_info(m.name) AS p
 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND m.name NOT LIKE 'dbtool\\_%' ESCAPE '\\';"

sqlite_facts() {
	local schema line script=
	schema=$(sqlite3 -batch -cmd '.timeout 10000' "$DB_FILE" "$SQLITE_SCHEMA" </dev/null 2>&1) || {
		printf 'reading the schema failed: %s\n' "$schema"
		return 1
	}
	while read -r line; do
		case "$line" in
		"table log")
			script+="SELECT 'rows log ' || count(*) FROM log;"$'\n'
			script+="SELECT 'log ' || coalesce(group_concat(n, ' '), '') FROM (SELECT n FROM log ORDER BY n);"$'\n'
			;;
		"table "*) script+="SELECT 'rows ${line#table } ' || count(*) FROM \"${line#table }\";"$'\n' ;;
		"meta dbtool_version")
			script+="SELECT 'version ' || coalesce(group_concat(version_num, ','), '') FROM dbtool_version;"$'\n'
			;;
		esac
	done <<<"$schema"
	[[ $schema == *"meta dbtool_version"* ]] || script+="SELECT 'version ';"
	printf '%s\n' "$schema" | grep -v '^meta '
	sqlite3 -batch -cmd '.timeout 10000' "$DB_FILE" "$script" </dev/null 2>&1 || {
		printf 'reading the data failed (above)\n'
		return 1
	}
}

# The same for MariaDB, in one session: "idle N" (the other sessions on
# the database: a killed dbtool's lasts until the statement it sent has
# run), the schema, then the rows, the log, the version, the history and
# each row of dbtool_journal ("journal REV DIRECTION FROM K", FROM "-"
# for base) through one statement put together from the tables found.
read -r -d '' MY_FACTS <<'SQL'
SET SESSION group_concat_max_len = 1048576;
SELECT CONCAT('idle ', COUNT(*)) FROM information_schema.processlist
 WHERE db = DATABASE() AND id <> CONNECTION_ID();
SELECT CONCAT('table ', table_name) FROM information_schema.tables
 WHERE table_schema = DATABASE() AND table_name NOT LIKE 'dbtool\_%';
SELECT DISTINCT CONCAT('index ', index_name) FROM information_schema.statistics
 WHERE table_schema = DATABASE() AND table_name NOT LIKE 'dbtool\_%' AND index_name <> 'PRIMARY';
SELECT CONCAT('column ', table_name, '.', column_name) FROM information_schema.columns
 WHERE table_schema = DATABASE() AND table_name NOT LIKE 'dbtool\_%';
SELECT CONCAT_WS(' UNION ALL ',
 (SELECT GROUP_CONCAT(CONCAT('SELECT CONCAT(''rows ', table_name, ' '', COUNT(*)) FROM `', table_name, '`')
   SEPARATOR ' UNION ALL ') FROM information_schema.tables
  WHERE table_schema = DATABASE() AND table_name NOT LIKE 'dbtool\_%'),
 (SELECT 'SELECT CONCAT(''log '', COALESCE(GROUP_CONCAT(n ORDER BY n SEPARATOR '' ''), '''')) FROM log'
  FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'log'),
 IF(EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'dbtool_version'),
  'SELECT CONCAT(''version '', COALESCE(GROUP_CONCAT(version_num SEPARATOR '',''), '''')) FROM dbtool_version',
  'SELECT ''version '''),
 IF(EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'dbtool_history'),
  'SELECT CONCAT(''history '', COALESCE(GROUP_CONCAT(version_num ORDER BY version_num SEPARATOR '' ''), '''')) FROM dbtool_history',
  'SELECT ''history '''),
 (SELECT 'SELECT CONCAT_WS('' '', ''journal'', version_num, direction, COALESCE(from_num, ''-''), statements) FROM dbtool_journal'
  FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'dbtool_journal')) INTO @facts;
PREPARE facts FROM @facts;
EXECUTE facts;
DEALLOCATE PREPARE facts;
SQL

# fingerprint: the database's facts, sorted, as expected_fingerprint
# lists them.  On PostgreSQL and MariaDB it first waits (up to 30 s)
# until no other session than the OTHER_SESSIONS expected ones is
# connected to the test database, so that the session of a killed dbtool
# has ended (rolled back, or on MariaDB finished the DDL statement it
# sent) and let go of the lock.  Fails, with the reason on stdout, when the database
# cannot be read.
OTHER_SESSIONS=0
fingerprint() {
	local facts i
	if [ "$DIALECT" = sqlite ]; then
		facts=$(sqlite_facts) || {
			printf '%s\n' "$facts"
			return 1
		}
	else
		for i in $(seq 300); do
			if [ "$DIALECT" = mariadb ]; then
				facts=$(my_sql "$MY_DATABASE" "$MY_FACTS" 2>&1)
			else
				facts=$(psql "$TEST_URL" -X -Atq -v ON_ERROR_STOP=1 -f - <<<"$PG_FACTS" 2>&1)
			fi || {
				printf 'reading the database failed: %s\n' "$facts"
				return 1
			}
			[ "$(sed -n 's/^idle //p' <<<"$facts")" -le "$OTHER_SESSIONS" ] && break
			if [ "$i" = 300 ]; then
				printf 'the database still has other sessions after 30 s\n'
				return 1
			fi
			sleep 0.1
		done
		facts=$(grep -v '^idle ' <<<"$facts")
	fi
	printf '%s\n' "$facts" | grep -v '^$' | LC_ALL=C sort
}

# check_consistent WHAT: one check that the database is exactly at the
# revision its version table names (see the top of this file); silent
# when it is.  Sets POS to that revision's position, or -1 when the check
# failed.  On MariaDB the history must hold the revisions up to POS, and
# a row of dbtool_journal (a revision that stopped halfway) must agree
# with the version: its upgrade (REV = POS + 1) or downgrade (REV = POS)
# from that version, after its first K statements, or K + 1 when the
# next one is DDL, which commits before dbtool counts it (see
# chain_statements).  The journal's mark of the statement that had
# started (column running) must then say K + 1: the statement's effect is
# unknown to dbtool.  With K applied, it may say K + 1 only when the next
# statement is DDL (the server commits the mark before it runs one; a DML
# statement rolls back with it).  Then JOURNAL holds "REV DIRECTION K R"
# (the revision's position; R the mark, 0 for none), else it is empty.
JOURNAL=
check_consistent() {
	local what=$1 fp version want err journal rev dir k n try fx running
	POS=-1
	JOURNAL=
	if ! fp=$(fingerprint); then
		fail "$what: cannot read the database" "$fp"
		return 1
	fi
	version=$(sed -n 's/^version //p' <<<"$fp")
	if [ -z "$version" ]; then
		POS=0
	elif [[ $version =~ ^s([0-9][0-9])$ ]] && [ $((10#${BASH_REMATCH[1]})) -ge 1 ] &&
		[ $((10#${BASH_REMATCH[1]})) -le "$NREVS" ]; then
		POS=$((10#${BASH_REMATCH[1]}))
	else
		fail "$what: the version table holds '$version', which is no revision of the chain"
		return 1
	fi
	journal=$(sed -n 's/^journal //p' <<<"$fp")
	if [ -z "$journal" ]; then
		want=$(expected_fingerprint "$POS")
		[ "$fp" != "$want" ] || return 0
	elif [[ $journal =~ ^s([0-9][0-9])\ (upgrade|downgrade)\ [^\ ]+\ ([0-9]+)$ ]]; then
		rev=$((10#${BASH_REMATCH[1]})) dir=${BASH_REMATCH[2]} k=${BASH_REMATCH[3]}
		chain_statements "$rev"
		if [ "$dir" = upgrade ]; then
			n=${#UP[@]} fx=${UP_FX[k]:-}
			[ "$rev" = $((POS + 1)) ] || rev=-1
		else
			n=${#DOWN[@]} fx=${DOWN_FX[k]:-}
			[ "$rev" = "$POS" ] || rev=-1
		fi
		if [ "$rev" = -1 ] || [ "$k" -gt "$n" ]; then
			fail "$what: the journal's row '$journal' does not go with the version '${version:-base}'"
			POS=-1
			return 1
		fi
		running=$(sql_value "SELECT COALESCE(running, 0) FROM dbtool_journal")
		for try in "$k" $((k + 1)); do
			[ "$try" = "$k" ] || [[ $fx == ddl* ]] || break
			want=$(expected_fingerprint "$POS" "$rev" "$dir" "$try")
			# (the journal's count is the one it holds)
			want=$(sed "s/^journal \(.*\) $try\$/journal \1 $k/" <<<"$want")
			[ "$fp" = "$want" ] || continue
			if [ "$running" != 0 ] && { [ "$running" != $((k + 1)) ] || [[ $fx != ddl* ]]; }; then
				fail "$what: the journal of '$journal' marks statement $running as started, which it cannot be (statement $((k + 1)) is '${fx:-none}')"
			elif [ "$try" != "$k" ] && [ "$running" = 0 ]; then
				fail "$what: the $dir of $(rev_id "$rev") applied its statement $try, which the journal neither counts nor marks as started" "$(last_run_said)"
			else
				JOURNAL="$rev $dir $k $running"
				return 0
			fi
			POS=-1
			return 1
		done
		# The difference from the state that the count says.
		want=$(expected_fingerprint "$POS" "$rev" "$dir" "$k")
		version="${version:-base}, the $dir of $(rev_id "$rev") stopped after $k of $n statements"
	else
		fail "$what: the journal should hold one row of the chain, not '${journal//$'\n'/; }'"
		POS=-1
		return 1
	fi
	err=$(diff <(printf '%s\n' "$want") <(printf '%s\n' "$fp") | grep '^[<>]' |
		sed 's/^< /expected but missing: /; s/^> /found but unexpected: /')
	fail "$what: the database is not exactly at revision '${version:-base}'" "$err" "$(last_run_said)"
	POS=-1
	return 1
}

# last_run_said: for a failed check, what the run before it wrote on
# stderr (BG_ERR, when the script has one) and, on MariaDB, the journal's
# and the history's rows, to tell how it got there.
last_run_said() {
	if [ -n "${BG_ERR:-}" ] && [ -s "$BG_ERR" ]; then
		printf 'the run before the check wrote:\n'
		sed 's/^/  /' "$BG_ERR"
	fi
	if [ "$DIALECT" = mariadb ]; then
		printf 'dbtool_journal: %s\n' "$(sql_value "SELECT * FROM dbtool_journal" 2>&1 | tr '\n' ';')"
		printf 'dbtool_history: %s\n' "$(sql_value "SELECT version_num FROM dbtool_history ORDER BY 1" 2>&1 | tr '\n' ' ')"
	fi
}

# no_password_in WHAT FILE...: a failed check when the test cluster's
# password shows in the files (the output of background processes, which
# run_cmd does not see).
no_password_in() {
	local what=$1
	shift
	[ -n "$PG_PASSWORD" ] || return 0
	if grep -qF -e "$PG_PASSWORD" -e "$PG_PASSWORD_RAW" "$@"; then
		fail "$what: the output shows the database password" "$(cat "$@")"
	fi
}

# run_bg CMD...: starts CMD in the background with empty stdin; its pid in
# BG_PID.  The output goes to the files named by BG_OUT and BG_ERR.
run_bg() {
	"$@" >"$BG_OUT" 2>"$BG_ERR" </dev/null &
	BG_PID=$!
}

# wait_all SECONDS PID...: waits for the processes; any still running
# after SECONDS is killed and named in HUNG.  Exit statuses go to
# STATUSES[pid] (137 for a process killed by SIGKILL).
declare -A STATUSES
HUNG=
wait_all() {
	local deadline=$(($(now_ms) + $1 * 1000)) pid running
	shift
	HUNG=
	while :; do
		running=0
		for pid in "$@"; do
			# The shell reaps its children as they end, so a
			# process that answers is still running.
			if kill -0 "$pid" 2>/dev/null; then
				running=1
				break
			fi
		done
		[ "$running" = 0 ] && break
		if [ "$(now_ms)" -gt "$deadline" ]; then
			for pid in "$@"; do
				if kill -0 "$pid" 2>/dev/null; then
					HUNG+=" $pid"
					kill -9 "$pid" 2>/dev/null
				fi
			done
			break
		fi
		sleep 0.01
	done
	for pid in "$@"; do
		wait "$pid" 2>/dev/null
		STATUSES[$pid]=$?
	done
}

# measure_ms CMD...: runs CMD, which must succeed (else the test ends),
# and sets MS to the time it took in milliseconds.
measure_ms() {
	local t0
	t0=$(now_ms)
	run_cmd "$@"
	MS=$(($(now_ms) - t0))
	if [ "$STATUS" != 0 ]; then
		fail "$LAST_CMD: expected exit status 0 while measuring" "$(show_output)"
		finish
	fi
}
