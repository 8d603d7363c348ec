#!/bin/bash
#
# test_lint.sh - `dbtool lint`, on one dialect: every rule fires on the
# statement it is about, at its file line and column, and stays silent on
# the safe form of the same change; the PostgreSQL rules only where the
# database is PostgreSQL (silent on SQLite and MariaDB, where the general
# rules still fire); lint:ignore with its reason; text, JSON and
# SARIF output; the exit status follows the error-level findings; a name
# with control characters reaches the terminal escaped.
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_lint.sh sqlite|postgres|mariadb

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_db "$1"

expect_ok dbtool -q init

# The chain: r00 creates the tables, every other revision is one case.
PREV=
rev() {
	local id=$1 up=$2 down=$3
	shift 3
	new_revision "$id" "$PREV" "$id" "$up" "$down" "$@" >/dev/null
	PREV=$id
}

rev r00 "CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(100), age INTEGER);
CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER);
CREATE TABLE big (id INTEGER PRIMARY KEY, v INTEGER);
INSERT INTO big (id, v) VALUES (1, 1), (2, 2), (3, 3), (4, 4), (5, 5), (6, 6), (7, 7);
CREATE TABLE small (id INTEGER PRIMARY KEY, v INTEGER);
INSERT INTO small (id, v) VALUES (1, 1), (2, 2);" \
	"DROP TABLE small; DROP TABLE big; DROP TABLE orders; DROP TABLE users;"
expect_ok dbtool -q upgrade r00

# lint_fires ID CODE LEVEL LINE:COL: `lint ID` reports CODE there.
lint_fires() {
	local id=$1 code=$2 level=$3 at=$4
	if [ "$level" = error ]; then
		expect_fail 1 dbtool lint "$id"
	else
		expect_ok dbtool lint "$id"
	fi
	expect_stdout_contains "migrations/versions/${id}_x.sql:$at: $level: $code "
}

# lint_silent ID CODE: `lint ID` does not report CODE.
lint_silent() {
	run_cmd dbtool lint "$1"
	if grep -q ": $2 " "$OUT"; then
		fail "lint $1 should not report $2" "$(show_output)"
	else
		pass "lint $1 does not report $2"
	fi
}

# The PostgreSQL rules judge PostgreSQL's locks; MariaDB locks otherwise
# (online ALTER, no NOT VALID or CONCURRENTLY), so there, as on SQLite,
# they stay silent.
pg() { [ "$DIALECT" = postgres ]; }

# --- L001 drop-table
rev d1 "DROP TABLE orders;" "CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER);"
rev d2 "CREATE TABLE scratch (id INTEGER);
DROP TABLE scratch;" "SELECT 1;"
lint_fires d1 L001 error 7:12
lint_silent d2 L001

# --- L002 drop-column
rev c1 "ALTER TABLE users DROP COLUMN age;" "ALTER TABLE users ADD COLUMN age INTEGER;"
rev c2 "ALTER TABLE users DROP CONSTRAINT users_age_check;" "SELECT 1;"
lint_fires c1 L002 error 7:19
lint_silent c2 L002

# --- L003 narrowing-type, judged against the downgrade's type
rev n1 "ALTER TABLE users ALTER COLUMN name TYPE VARCHAR(20);" \
	"ALTER TABLE users ALTER COLUMN name TYPE VARCHAR(100);"
rev n2 "ALTER TABLE users ALTER COLUMN name TYPE VARCHAR(200);" \
	"ALTER TABLE users ALTER COLUMN name TYPE VARCHAR(100);"
rev n3 "ALTER TABLE users ALTER COLUMN age TYPE SMALLINT;" \
	"ALTER TABLE users ALTER COLUMN age TYPE INTEGER;"
lint_fires n1 L003 error 7:19
expect_stdout_contains "from varchar(100) to varchar(20)"
lint_silent n2 L003
lint_fires n3 L003 error 7:19
# MariaDB's revisions change a column with MODIFY COLUMN, which restates it.
if [ "$DIALECT" = mariadb ]; then
	rev n4 "ALTER TABLE users MODIFY COLUMN name VARCHAR(20) NOT NULL;" \
		"ALTER TABLE users MODIFY COLUMN name VARCHAR(100) NOT NULL;"
	lint_fires n4 L003 error 7:19
	expect_stdout_contains "from varchar(100) to varchar(20)"
fi

# --- L004 type-change-rewrite (PostgreSQL), not on a new table
rev t1 "ALTER TABLE users ALTER COLUMN age TYPE BIGINT;" "ALTER TABLE users ALTER COLUMN age TYPE INTEGER;"
rev t2 "CREATE TABLE fresh (a INTEGER);
ALTER TABLE fresh ALTER COLUMN a TYPE BIGINT;" "DROP TABLE fresh;"
if pg; then lint_fires t1 L004 warning 7:19; else lint_silent t1 L004; fi
lint_silent t2 L004

# --- L005 set-not-null (PostgreSQL), silent after a validated check
rev s1 "ALTER TABLE users ALTER COLUMN name SET NOT NULL;" "ALTER TABLE users ALTER COLUMN name DROP NOT NULL;"
rev s2 "ALTER TABLE users ADD CONSTRAINT name_nn CHECK (name IS NOT NULL) NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT name_nn;
ALTER TABLE users ALTER COLUMN name SET NOT NULL;
ALTER TABLE users DROP CONSTRAINT name_nn;" "ALTER TABLE users ALTER COLUMN name DROP NOT NULL;"
if pg; then lint_fires s1 L005 warning 7:19; else lint_silent s1 L005; fi
lint_silent s2 L005
lint_silent s2 L008

# --- L006 volatile-default (PostgreSQL); a stable default is fine
rev v1 "ALTER TABLE users ADD COLUMN token TEXT DEFAULT gen_random_uuid();" "ALTER TABLE users DROP COLUMN token;"
rev v2 "ALTER TABLE users ADD COLUMN seen TIMESTAMP DEFAULT now();" "ALTER TABLE users DROP COLUMN seen;"
rev v3 "ALTER TABLE users ADD COLUMN n BIGSERIAL;" "ALTER TABLE users DROP COLUMN n;"
if pg; then
	lint_fires v1 L006 warning 7:19
	expect_stdout_contains "with gen_random_uuid()"
	lint_fires v3 L006 warning 7:19
else
	lint_silent v1 L006
fi
lint_silent v2 L006

# --- L007 index-not-concurrent (PostgreSQL)
rev i1 "CREATE INDEX users_name ON users (name);" "DROP INDEX users_name;"
rev i2 "CREATE INDEX CONCURRENTLY users_age ON users (age);" "DROP INDEX users_age;" \
	"-- transaction: false"
rev i3 "CREATE TABLE tags (id INTEGER, label TEXT);
CREATE UNIQUE INDEX tags_label ON tags (label);" "DROP TABLE tags;"
if pg; then lint_fires i1 L007 warning 7:1; else lint_silent i1 L007; fi
lint_silent i2 L007
lint_silent i2 L009
lint_silent i3 L007

# --- L008 constraint-not-valid (PostgreSQL)
rev f1 "ALTER TABLE orders ADD CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES users (id);" \
	"ALTER TABLE orders DROP CONSTRAINT orders_user;"
rev f2 "ALTER TABLE orders ADD CONSTRAINT orders_user2 FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_user2;" "ALTER TABLE orders DROP CONSTRAINT orders_user2;"
rev f3 "ALTER TABLE users ADD CHECK (age >= 0);" "SELECT 1;"
if pg; then
	lint_fires f1 L008 warning 7:20
	lint_fires f3 L008 warning 7:19
else
	lint_silent f1 L008
fi
lint_silent f2 L008

# --- L009 concurrently-in-transaction (PostgreSQL), an error
rev x1 "CREATE INDEX CONCURRENTLY users_id2 ON users (id);" "DROP INDEX users_id2;"
if pg; then lint_fires x1 L009 error 7:14; else lint_silent x1 L009; fi

# --- L010 missing-downgrade
rev m1 "CREATE TABLE m1 (id INTEGER);" "-- nothing"
lint_fires m1 L010 warning 9:1
lint_silent d2 L010

# --- L011 rename, not of what this revision created
rev e1 "ALTER TABLE users RENAME COLUMN name TO full_name;" "ALTER TABLE users RENAME COLUMN full_name TO name;"
rev e2 "ALTER TABLE orders RENAME TO purchases;" "ALTER TABLE purchases RENAME TO orders;"
rev e3 "CREATE TABLE e3 (a INTEGER);
ALTER TABLE e3 RENAME COLUMN a TO b;" "DROP TABLE e3;"
lint_fires e1 L011 warning 7:19
expect_stdout_contains "renames column 'users.name' to 'full_name'"
lint_fires e2 L011 warning 7:20
lint_silent e3 L011

# --- L012 sqlite-rebuild: from the live database's row count
rev b1 'CREATE TABLE "_dbtool_new_big" (id INTEGER PRIMARY KEY, v INTEGER NOT NULL);
INSERT INTO "_dbtool_new_big" (id, v) SELECT id, v FROM big;
DROP TABLE big;
ALTER TABLE "_dbtool_new_big" RENAME TO big;' "SELECT 1;"
rev b2 'CREATE TABLE "_dbtool_new_small" (id INTEGER PRIMARY KEY, v INTEGER NOT NULL);
INSERT INTO "_dbtool_new_small" (id, v) SELECT id, v FROM small;
DROP TABLE small;
ALTER TABLE "_dbtool_new_small" RENAME TO small;' "SELECT 1;"
if [ "$DIALECT" = sqlite ]; then
	expect_ok dbtool lint b1 --rebuild-rows 5
	expect_stdout_contains "migrations/versions/b1_x.sql:7:1: warning: L012 sqlite-rebuild: rebuilds table 'big', which holds more than 5 rows"
	expect_ok dbtool lint b2 --rebuild-rows 5
	lint_silent b2 L012
	expect_ok dbtool lint b1
	lint_silent b1 L012
else
	expect_ok dbtool lint b1 --rebuild-rows 5
	lint_silent b1 L012
fi
lint_silent b1 L001
lint_silent b1 L011

# --- lint:ignore: with a reason it suppresses, without one it is an error
rev g1 "-- lint:ignore L001 the table was emptied in the previous release
DROP TABLE small;" "SELECT 1;"
rev g2 "-- lint:ignore drop-table,L002
DROP TABLE small;" "SELECT 1;"
rev g3 "-- lint:ignore L999 no such rule
DROP TABLE small;" "SELECT 1;"
rev g4 "-- lint:ignore L002 only the column rule
DROP TABLE small;" "SELECT 1;"
expect_ok dbtool lint g1
lint_silent g1 L001
expect_stderr_contains "0 error(s), 0 warning(s), 1 suppressed"
expect_fail 1 dbtool lint g2
expect_error_line
expect_stderr_contains "dbtool: error: migrations/versions/g2_x.sql:7: lint:ignore needs a reason after the rule"
expect_fail 1 dbtool lint g3
expect_error_line
expect_stderr_contains "dbtool: error: migrations/versions/g3_x.sql:7: lint:ignore names no rule 'L999' (see 'dbtool lint --rules')"
lint_fires g4 L001 error 8:12

# --- ranges, formats and the exit status
expect_fail 1 dbtool lint d1:c2
expect_stdout_contains "d1_x.sql:7:12: error: L001"
expect_stdout_contains "c1_x.sql:7:19: error: L002"
expect_stderr_contains "lint: 4 revision(s), 2 error(s)"
expect_ok dbtool lint e1:e3
expect_fail 1 dbtool lint --format json d1
expect_json "d['errors'] == 1 and d['findings'][0]['rule'] == 'L001' and d['findings'][0]['line'] == 7 and d['findings'][0]['revision'] == 'd1'"
expect_fail 1 dbtool --format json lint d1
expect_json "d['findings'][0]['name'] == 'drop-table'"
expect_fail 1 dbtool lint --format sarif d1
expect_json "d['version'] == '2.1.0' and d['runs'][0]['results'][0]['ruleId'] == 'L001' and d['runs'][0]['results'][0]['level'] == 'error' and d['runs'][0]['results'][0]['locations'][0]['physicalLocation']['region']['startLine'] == 7 and len(d['runs'][0]['tool']['driver']['rules']) == 12"
expect_ok dbtool lint --rules
expect_stdout_contains "L007 index-not-concurrent (warning, PostgreSQL)"
expect_ok dbtool lint --rules --format json
expect_json "len(d['rules']) == 12 and all(r['fix'] for r in d['rules'])"
expect_fail 2 dbtool lint --format xml
expect_fail 1 dbtool lint nosuchrev

# --- a hostile name reaches the terminal escaped
rev h1 "DROP TABLE \"evil$(printf '\033')[31m\";" "SELECT 1;"
expect_fail 1 dbtool lint h1
expect_stdout_contains 'evil\x1b[31m'
if grep -q "$(printf '\033')" "$OUT"; then
	fail "lint printed a raw escape character" "$(show_output)"
else
	pass "lint printed no raw escape character"
fi

# --- lint changes nothing and needs no database for its text rules
before=$(snapshot)
expect_fail 1 dbtool lint
expect_eq "$(snapshot)" "$before" "lint changed nothing"

finish
