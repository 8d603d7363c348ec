#!/bin/bash
#
# test_scratch.sh - the scratch database settles what the model means: a
# definition the database stores in its own words (BETWEEN as two
# comparisons, IN as = ANY, a literal with a cast, 1e3 as 1000) is equal to
# what the model wrote, so `check` passes and `migrate` has nothing to do
# right after `upgrade`.
#
# Each case starts from a table without the construct, with rows, then
# adds it to the model and runs: migrate (one revision) -> upgrade ->
# check exits 0 -> migrate writes nothing -> downgrade -1 -> upgrade ->
# check exits 0, the rows kept throughout.  Then the scratch database
# itself: dev_url / --dev-url (empty, not empty, another dialect), an
# error of the database on the model naming its place (on a table the
# model adds too, which is built there only to be refused), nothing left
# behind, and no scratch work when nothing differs.
#
# usage: DBTOOL=build/cmd/dbtool bash tests/e2e/test_scratch.sh sqlite|postgres|mariadb

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DIALECT_ARG=$1

rows() {
	sql_value "SELECT * FROM t ORDER BY id"
}

# drift_case NAME COLUMNS_BEFORE COLUMNS_AFTER EXTRA_AFTER INSERT_VALUES
# The table t (id INTEGER PRIMARY KEY, ...) with COLUMNS_BEFORE holds the
# row (1, INSERT_VALUES); the model then declares COLUMNS_AFTER and the
# statements EXTRA_AFTER.
drift_case() {
	local name=$1 before=$2 after=$3 extra=$4 values=$5 want n
	echo "# case $name"
	setup_db "$DIALECT_ARG"
	run_cmd dbtool init
	# The table before, from a revision written by hand (what migrate
	# writes from a model is the cases' subject, not this set-up), and
	# its row, inserted and read back in one session.
	new_revision a0 "" before "$(printf 'CREATE TABLE t (\n  id INTEGER PRIMARY KEY,\n  %s\n);' "$before")" \
		"DROP TABLE t;" >/dev/null
	run_cmd dbtool upgrade
	want=$(sql_value "INSERT INTO t VALUES (1, $values); SELECT * FROM t ORDER BY id")

	printf 'CREATE TABLE t (\n  id INTEGER PRIMARY KEY,\n  %s\n);\n%s\n' "$after" "$extra" >schema.sql
	expect_ok dbtool migrate -m after
	expect_eq "$(revisions)" 2 "$name: migrate writes one revision"
	expect_ok dbtool upgrade
	expect_ok dbtool check
	expect_stdout_eq ""
	n=$(revisions)
	expect_ok dbtool migrate -m again
	expect_stderr_contains "$NOTHING_TO_DO"
	expect_eq "$(revisions)" "$n" "$name: migrate after upgrade writes nothing"
	expect_eq "$(rows)" "$want" "$name: rows kept by the upgrade"
	expect_ok dbtool downgrade -1
	expect_eq "$(rows)" "$want" "$name: rows kept by the downgrade"
	expect_ok dbtool upgrade
	expect_ok dbtool check
	expect_eq "$(rows)" "$want" "$name: rows kept by the upgrade again"
}

# The constructs both databases have, several to a case (each case is a
# dozen commands): any one of them that drifts fails the case's check,
# whose output names it.
drift_case checks_and_defaults \
	"m INTEGER, s TEXT, s2 TEXT, a INTEGER, b INTEGER, ts TIMESTAMP, y INTEGER, r REAL, n NUMERIC(10,2)" \
	"m INTEGER CHECK (m BETWEEN 1 AND 5), s TEXT CHECK (s IN ('a')), s2 TEXT CHECK (s2 NOT IN ('a')),
  a INTEGER, b INTEGER, ts TIMESTAMP CHECK (ts > '2020-01-01'), y INTEGER CHECK (NOT (y = 2)),
  r REAL DEFAULT 1e3, n NUMERIC(10,2) DEFAULT 1.50, CHECK ((a, b) > (1, 2))" "" \
	"3, 'a', 'b', 2, 1, '2021-06-01 10:00:00', 3, 2.5, 4.25"
# MariaDB has neither partial nor expression indexes: the scratch database
# never meets them, and the model that declares one is refused at its
# place, in one line, writing nothing.
if [ "$DIALECT_ARG" = mariadb ]; then
	echo "# case index_where"
	setup_db "$DIALECT_ARG"
	run_cmd dbtool init
	new_revision a0 "" before "CREATE TABLE t (id INTEGER PRIMARY KEY, m INTEGER, c TEXT);" "DROP TABLE t;" >/dev/null
	expect_ok dbtool upgrade
	printf 'CREATE TABLE t (\n  id INTEGER PRIMARY KEY,\n  m INTEGER,\n  c TEXT\n);\nCREATE INDEX t_m ON t (m) WHERE m BETWEEN 1 AND 5;\n' >schema.sql
	expect_fail 1 dbtool migrate -m after
	expect_error_line
	expect_stderr_contains "schema.sql:6:"
	expect_stderr_contains "schema.sql:6:14: cannot make index 't_m' on table 't' on MariaDB/MySQL: it has no partial indexes (WHERE)"
	expect_eq "$(revisions)" 1 "index_where: a partial index writes no revision on MariaDB"
	printf 'CREATE TABLE t (\n  id INTEGER PRIMARY KEY,\n  m INTEGER,\n  c TEXT\n);\nCREATE INDEX t_c ON t ((COALESCE(c, %s)));\n' "''" >schema.sql
	expect_fail 1 dbtool check
	expect_error_line
	expect_stderr_contains "schema.sql:6:"
	expect_stderr_contains "schema.sql:6:14: cannot make index 't_c' on table 't' on MariaDB/MySQL: dbtool does not render its expression keys"
else
drift_case index_where \
	"m INTEGER, s TEXT, s2 TEXT, ts TIMESTAMP, y INTEGER, a INTEGER, b INTEGER, c TEXT" \
	"m INTEGER, s TEXT, s2 TEXT, ts TIMESTAMP, y INTEGER, a INTEGER, b INTEGER, c TEXT" \
	"CREATE INDEX t_m ON t (m) WHERE m BETWEEN 1 AND 5;
CREATE INDEX t_s ON t (s) WHERE s IN ('a');
CREATE INDEX t_s2 ON t (s2) WHERE s2 NOT IN ('a');
CREATE INDEX t_ts ON t (ts) WHERE ts > '2020-01-01';
CREATE INDEX t_y ON t (y) WHERE NOT (y = 2);
CREATE INDEX t_ab ON t (a) WHERE (a, b) > (1, 2);
CREATE INDEX t_c ON t ((COALESCE(c, '')));" \
	"3, 'a', 'b', '2021-06-01 10:00:00', 3, 2, 1, 'x'"
fi

# A unique index on a TEXT column is, on MariaDB, a unique hash key of the
# column in ascending order, which reads as a unique constraint: the
# model's descending index is that constraint, not an index to add again.
if [ "$DIALECT_ARG" = mariadb ]; then
	drift_case unique_index_made_a_hash_key "m INTEGER, c TEXT, d VARCHAR(10)" \
		"m INTEGER, c TEXT, d VARCHAR(10)" \
		"CREATE UNIQUE INDEX t_c ON t (c DESC);
CREATE UNIQUE INDEX t_d ON t (d DESC);" \
		"3, 'a', 'b'"
fi

# PostgreSQL's casts, typed literals and AT TIME ZONE.
if [ "$DIALECT_ARG" = postgres ]; then
	drift_case casts_and_typed_literals "t TIME, x NUMERIC, created_at TIMESTAMP" \
		"t TIME CHECK (t >= '10:00'::TIME), x NUMERIC CHECK (x = numeric '1'),
  created_at TIMESTAMP CHECK (created_at AT TIME ZONE 'UTC' < now())" \
		"CREATE INDEX t_t ON t (t) WHERE t >= '10:00'::TIME;
CREATE INDEX t_x ON t (x) WHERE x = numeric '1';" \
		"'11:00', 1, '2020-01-01 00:00:00'"
fi

# ------------------------------------------------------ the scratch itself

echo "# the scratch database"
setup_db "$DIALECT_ARG"
run_cmd dbtool init
printf 'CREATE TABLE t (\n  id INTEGER PRIMARY KEY,\n  m INTEGER\n);\n' >schema.sql
run_cmd dbtool migrate -m t
run_cmd dbtool upgrade
LIVE_URL=$TEST_URL

# A database error on a model object names the object's place.
printf 'CREATE TABLE t (\n  id INTEGER PRIMARY KEY,\n  m INTEGER,\n  CONSTRAINT m_known CHECK (no_such_function(m) > 0)\n);\n' >schema.sql
expect_fail 1 dbtool check
expect_error_line
expect_stderr_match "^dbtool: error: .*schema\.sql:1:14: .*no_such_function"
expect_fail 1 dbtool migrate -m bad
expect_eq "$(revisions)" 1 "a model the scratch database rejects writes no revision"

# So does one on a table the model adds: the database refuses it when the
# revision is written, not when it is applied.
printf 'CREATE TABLE t (\n  id INTEGER PRIMARY KEY,\n  m INTEGER\n);\nCREATE TABLE n (\n  id INTEGER PRIMARY KEY,\n  k INTEGER,\n  CONSTRAINT k_known CHECK (no_such_function(k) > 0)\n);\n' >schema.sql
expect_fail 1 dbtool check
expect_error_line
expect_stderr_match "^dbtool: error: .*schema\.sql:5:14: .*no_such_function"
expect_fail 1 dbtool migrate -m bad_new_table
expect_error_line
expect_stderr_match "^dbtool: error: .*schema\.sql:5:14: .*no_such_function"
expect_eq "$(revisions)" 1 "a new table the scratch database rejects writes no revision"
if [ "$DIALECT_ARG" = mariadb ]; then
	# A key MariaDB cannot make (a TEXT column without a prefix length).
	printf 'CREATE TABLE t (\n  id INTEGER PRIMARY KEY,\n  m INTEGER\n);\nCREATE TABLE n (\n  id INTEGER PRIMARY KEY,\n  k TEXT\n);\nCREATE INDEX n_k ON n (k, id);\n' >schema.sql
	expect_fail 1 dbtool migrate -m long_key
	expect_error_line
	expect_stderr_match "^dbtool: error: .*schema\.sql:9:14: .*too long"
	expect_eq "$(revisions)" 1 "an index MariaDB refuses on a new table writes no revision"
fi

if [ "$DIALECT_ARG" = mariadb ]; then
	# The scratch database never outlives the command.
	printf 'CREATE TABLE t (\n  id INTEGER PRIMARY KEY,\n  m INTEGER CHECK (m BETWEEN 1 AND 5)\n);\n' >schema.sql
	expect_fail 1 dbtool check
	expect_eq "$(my_sql "" "SELECT count(*) FROM information_schema.schemata WHERE schema_name LIKE 'dbtool\\_scratch\\_%'")" 0 \
		"no scratch database is left behind"
fi

if [ "$DIALECT_ARG" = postgres ]; then
	# The scratch schema never outlives the command.
	printf 'CREATE TABLE t (\n  id INTEGER PRIMARY KEY,\n  m INTEGER CHECK (m BETWEEN 1 AND 5)\n);\n' >schema.sql
	expect_fail 1 dbtool check
	expect_eq "$(sql_value "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'dbtool_scratch_%'")" 0 \
		"no scratch schema is left behind"
fi

if [ "$DIALECT_ARG" = postgres ]; then
	# A role that may not create schemas is told to name a dev_url, and
	# works with one.
	role=dbtool_noschema_$$
	live_db=${PG_DATABASES[${#PG_DATABASES[@]}-1]}
	role_url=$(sed -E "s#://[^@/]*@#://$role:Pw$$@#" <<<"$TEST_URL")
	sql_value "CREATE ROLE $role LOGIN PASSWORD 'Pw$$'; GRANT SELECT ON ALL TABLES IN SCHEMA public TO $role" >/dev/null
	printf 'CREATE TABLE t (\n  id INTEGER PRIMARY KEY,\n  m INTEGER CHECK (m BETWEEN 1 AND 5)\n);\n' >schema.sql
	expect_fail 1 dbtool --url "$role_url" check
	expect_error_line
	expect_stderr_contains "cannot create the scratch schema that normalizes the model (name an empty scratch database with dev_url in dbtool.ini or --dev-url)"
	setup_db postgres
	dev_db=${PG_DATABASES[${#PG_DATABASES[@]}-1]}
	role_dev_url=$(sed -E "s#://[^@/]*@#://$role:Pw$$@#" <<<"$TEST_URL")
	sql_value "GRANT CREATE ON DATABASE $dev_db TO $role" >/dev/null
	cd "$OLDPWD" || exit 1
	export DATABASE_URL=$LIVE_URL
	TEST_URL=$LIVE_URL
	n=$(revisions)
	expect_ok dbtool --url "$role_url" --dev-url "$role_dev_url" migrate -m between_by_role
	expect_eq "$(revisions)" $((n + 1)) "migrate with the role's dev_url writes one revision"
	expect_ok dbtool upgrade
	expect_ok dbtool --url "$role_url" --dev-url "$role_dev_url" check
	expect_stdout_eq ""
	for db in "$live_db" "$dev_db"; do
		psql "${TEST_URL/\/$live_db/\/$db}" -X -q -c "DROP OWNED BY $role" >/dev/null 2>&1 </dev/null
	done
	psql "$TEST_URL" -X -q -c "DROP ROLE $role" >/dev/null 2>&1 </dev/null
fi

# dev_url: an empty database of the same dialect does the work.
printf 'CREATE TABLE t (\n  id INTEGER PRIMARY KEY,\n  m INTEGER CHECK (m BETWEEN 1 AND 5)\n);\n' >schema.sql
setup_db "$DIALECT_ARG"
DEV_URL=$TEST_URL
DEV_FILE=$DB_FILE
DEV_DATABASE=${MY_DATABASE:-}
cd "$OLDPWD" || exit 1
export DATABASE_URL=$LIVE_URL
TEST_URL=$LIVE_URL
[ "$DIALECT_ARG" = sqlite ] && sqlite3 "$DEV_FILE" 'VACUUM' </dev/null
expect_ok dbtool --dev-url "$DEV_URL" migrate -m between
expect_ok dbtool upgrade
expect_ok dbtool --dev-url "$DEV_URL" check
expect_stdout_eq ""
printf '[dbtool]\ndev_url = %s\n' "$DEV_URL" >dbtool.ini
expect_ok dbtool check
expect_stdout_eq ""

# ... and nothing of it stays there.
case "$DIALECT_ARG" in
sqlite) left=$(sqlite3 "$DEV_FILE" "SELECT count(*) FROM sqlite_master" </dev/null) ;;
postgres) left=$(psql "$DEV_URL" -X -Atq -c "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'" </dev/null) ;;
mariadb) left=$(my_sql "$DEV_DATABASE" "SELECT (SELECT count(*) FROM information_schema.tables WHERE table_schema = DATABASE()) + (SELECT count(*) FROM information_schema.routines WHERE routine_schema = DATABASE())") ;;
esac
expect_eq "$left" 0 "the dev_url database is left empty"

# A dev_url database that holds anything is refused, before any change.
case "$DIALECT_ARG" in
sqlite) sqlite3 "$DEV_FILE" "CREATE TABLE mine (x INTEGER)" </dev/null ;;
postgres) psql "$DEV_URL" -X -q -c "CREATE TABLE mine (x INTEGER)" </dev/null ;;
mariadb) my_sql "$DEV_DATABASE" "CREATE TABLE mine (x INTEGER)" ;;
esac
printf 'CREATE TABLE t (\n  id INTEGER PRIMARY KEY,\n  m INTEGER CHECK (m BETWEEN 1 AND 6)\n);\n' >schema.sql
expect_fail 1 dbtool check
expect_error_line
expect_stderr_contains "(dev_url) is not empty"
n=$(revisions)
expect_fail 1 dbtool migrate -m six
expect_eq "$(revisions)" "$n" "a non-empty dev_url database writes no revision"

# A check that finds nothing to compare does no scratch work: the
# refused dev_url is not even opened.
printf 'CREATE TABLE t (\n  id INTEGER PRIMARY KEY,\n  m INTEGER\n);\nCREATE TABLE u (\n  id INTEGER PRIMARY KEY\n);\n' >schema.sql
printf '[dbtool]\n' >dbtool.ini
expect_ok dbtool migrate -m plain
expect_ok dbtool upgrade
printf '[dbtool]\ndev_url = %s\n' "$DEV_URL" >dbtool.ini
expect_ok dbtool check
expect_stdout_eq ""

# A dev_url of another dialect is refused.
case "$DIALECT_ARG" in
sqlite) other="postgresql://nobody@/nodb?host=$WORK/nosock" ;;
postgres | mariadb) other="sqlite:///$WORK/other.db" ;;
esac
printf 'CREATE TABLE t (\n  id INTEGER PRIMARY KEY,\n  m INTEGER CHECK (m > 0)\n);\nCREATE TABLE u (\n  id INTEGER PRIMARY KEY\n);\n' >schema.sql
expect_fail 1 dbtool --dev-url "$other" check
expect_error_line
expect_stderr_contains "like the one migrated"

finish
