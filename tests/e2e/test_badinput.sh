#!/bin/bash
#
# test_badinput.sh - bad input of every kind, on one dialect: malformed and
# unusable database URLs, broken revision files and chains, targets that
# name nothing, broken config files.  Each must fail with exit status 1 and
# one clear "dbtool: error:" line, never print a password, and leave the
# project folder and the database exactly as they were.
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_badinput.sh sqlite|postgres|mariadb

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_db "$1"

# bad_input TEXT CMD...: CMD fails with status 1 and one error line that
# contains TEXT, and changes nothing.
bad_input() {
	local text=$1 before
	shift
	before=$(snapshot)
	expect_fail 1 "$@"
	expect_error_line
	expect_stderr_contains "$text"
	expect_eq "$(snapshot)" "$before" "'$LAST_CMD' changes nothing"
}

# A revision file written by hand, header and all.
put_file() {
	printf '%s\n' "$2" >"migrations/versions/$1"
}

expect_ok dbtool -q init
new_revision ab1000 "" "create a" "CREATE TABLE a (id INTEGER PRIMARY KEY);" "DROP TABLE a;" >/dev/null
new_revision ab2000 ab1000 "create b" "CREATE TABLE b (id INTEGER PRIMARY KEY);" "DROP TABLE b;" >/dev/null
expect_ok dbtool upgrade ab1000
expect_version ab1000

# --- database URLs
bad_input "dbtool: error:" dbtool --url "not a url" upgrade
expect_stderr_match "[Uu][Rr][Ll]"
bad_input "dbtool: error:" dbtool --url "postgresql://bob:Sekr3t%zzPw@localhost/app" upgrade
expect_stderr_not_contains "Sekr3t"
bad_input "mysql" dbtool --url "mysql://bob:Sekr3tPw@localhost/app" upgrade
expect_stderr_not_contains "Sekr3tPw"
mkdir "$WORK/nosock"
bad_input "nosock" dbtool --url "postgresql://dbtool:Sekr3tPw@/postgres?host=$WORK/nosock&port=54329" upgrade
expect_stderr_not_contains "Sekr3tPw"
bad_input "nosock" dbtool --url "postgresql://dbtool:Sekr3tPw@/postgres?host=$WORK/nosock&port=54329" current
bad_input "dbtool: error:" dbtool --url "postgresql://dbtool:Sekr3tPw@127.0.0.1:1/postgres?connect_timeout=3" upgrade
expect_stderr_not_contains "Sekr3tPw"
bad_input "nodir" dbtool --url "sqlite:///$WORK/nodir/app.db" upgrade
expect_eq "$([ -e "$WORK/nodir" ] || echo absent)" absent "no folder was made for the SQLite file"
DATABASE_URL="mysql://bob:Sekr3tPw@localhost/app" bad_input "mysql" dbtool current
expect_stderr_not_contains "Sekr3tPw"

if [ "$DIALECT" = postgres ]; then
	# The test cluster's URL with another password, then another database.
	wrong_url=$(sed -E 's#^([^:]+://[^:@/]*:)[^@/]*@#\1Wr0ngPassw0rd@#' <<<"$TEST_URL")
	bad_input "password authentication failed" dbtool --url "$wrong_url" upgrade
	expect_stderr_not_contains "Wr0ngPassw0rd"
	DATABASE_URL=$wrong_url bad_input "password authentication failed" dbtool current
	expect_stderr_not_contains "Wr0ngPassw0rd"
	# check and migrate parse the model while they connect: when both
	# fail, the connection's error is the one reported.
	cp schema.sql "$WORK/schema.sql.kept"
	printf 'CREATE TABLE broken (id INTEGER,);\n' >schema.sql
	bad_input "password authentication failed" dbtool --url "$wrong_url" check
	expect_stderr_not_contains "broken"
	bad_input "password authentication failed" dbtool --url "$wrong_url" migrate -m x
	expect_stderr_not_contains "schema.sql"
	cp "$WORK/schema.sql.kept" schema.sql
	missing_url=$(sed -E 's#^([^:]+://[^/?]*)/[^?]*#\1/no_such_database_e2e#' <<<"$TEST_URL")
	bad_input "no_such_database_e2e" dbtool --url "$missing_url" upgrade
fi
if [ "$DIALECT" = mariadb ]; then
	# The same on MariaDB, whose words for them are its own.
	wrong_url=$(sed -E 's#^([^:]+://[^:@/]*:)[^@/]*@#\1Wr0ngPassw0rd@#' <<<"$TEST_URL")
	bad_input "Access denied for user '$MY_USER'" dbtool --url "$wrong_url" upgrade
	expect_stderr_not_contains "Wr0ngPassw0rd"
	DATABASE_URL=$wrong_url bad_input "Access denied for user '$MY_USER'" dbtool current
	expect_stderr_not_contains "Wr0ngPassw0rd"
	missing_url=$(sed -E 's#^([^:]+://[^/?]*)/[^?]*#\1/no_such_database_e2e#' <<<"$TEST_URL")
	bad_input "Unknown database 'no_such_database_e2e'" dbtool --url "$missing_url" upgrade
fi

# --- broken revision files
put_file zz01_x.sql "-- id: zz01
-- parent: ab2000
-- mesage: a typo in a key
-- created: 2026-01-02T03:04:05Z

-- migrate:upgrade
CREATE TABLE z (id INTEGER);

-- migrate:downgrade
DROP TABLE z;"
bad_input "zz01_x.sql:3" dbtool upgrade
expect_stderr_contains "mesage"
bad_input "zz01_x.sql:3" dbtool history
rm migrations/versions/zz01_x.sql

put_file zz02_x.sql "-- id: zz02
-- parent: ab2000
-- message: no upgrade marker
-- created: 2026-01-02T03:04:05Z

-- migrate:downgrade
DROP TABLE z;"
bad_input "zz02_x.sql" dbtool upgrade
expect_stderr_contains "upgrade"
rm migrations/versions/zz02_x.sql

put_file zz03_x.sql "-- id: zz03
-- parent: ab2000
-- message: SQL before the upgrade marker

CREATE TABLE z (id INTEGER);

-- migrate:upgrade
-- migrate:downgrade"
bad_input "zz03_x.sql:5" dbtool upgrade
rm migrations/versions/zz03_x.sql

cp migrations/versions/ab2000_x.sql migrations/versions/ab2000_copy.sql
bad_input "ab2000_x.sql" dbtool upgrade
expect_stderr_contains "ab2000_copy.sql"
rm migrations/versions/ab2000_copy.sql

new_revision zz04 nosuchparent "orphan" "" "" >/dev/null
bad_input "nosuchparent" dbtool upgrade
expect_stderr_contains "zz04"
rm migrations/versions/zz04_x.sql

new_revision cy01 cy02 "cycle one" "" "" >/dev/null
new_revision cy02 cy01 "cycle two" "" "" >/dev/null
bad_input "cy01" dbtool upgrade
expect_stderr_contains "cy02"
expect_stderr_match "[Cc]ycle"
rm migrations/versions/cy0[12]_x.sql

new_revision hh01 ab1000 "a second head" "CREATE TABLE h (id INTEGER);" "DROP TABLE h;" >/dev/null
bad_input "hh01" dbtool upgrade
expect_stderr_contains "ab2000"
bad_input "hh01" dbtool revision -m "after two heads"
expect_ok dbtool heads
expect_eq "$(LC_ALL=C sort "$OUT" | tr '\n' ' ')" "ab2000 hh01 " "heads lists both heads of a broken chain"
expect_stderr_contains "hh01"
rm migrations/versions/hh01_x.sql

# --- targets
bad_input "nosuchrev" dbtool upgrade nosuchrev
bad_input "nosuchrev" dbtool stamp nosuchrev
bad_input "nosuchrev" dbtool show nosuchrev
bad_input "ab1000" dbtool upgrade ab
expect_stderr_contains "ab2000"
bad_input "+9" dbtool upgrade +9
bad_input "-5" dbtool downgrade -5
bad_input "ab2000" dbtool downgrade ab2000
bad_input "base" dbtool upgrade base

# --- config files
mkdir "$WORK/cfg"
printf '[dbtool]\nurl = sqlite:///app.db\nscript_locaton = migrations\n' >"$WORK/cfg/unknown.ini"
bad_input "unknown.ini:3" dbtool -c "$WORK/cfg/unknown.ini" upgrade
expect_stderr_contains "script_locaton"
printf '[dbtool]\nscript_location = %s/migrations\nurl = ${DBTOOL_E2E_UNSET_VAR}\n' "$PROJECT" >"$WORK/cfg/unset.ini"
unset DBTOOL_E2E_UNSET_VAR
# An unset variable fails only a command that uses the value: here the
# config's url, with no --url and no DATABASE_URL to take its place.
saved_url=$DATABASE_URL
unset DATABASE_URL
bad_input "unset.ini:3" dbtool -c "$WORK/cfg/unset.ini" current
expect_stderr_contains "DBTOOL_E2E_UNSET_VAR"
export DATABASE_URL=$saved_url
bad_input "missing.ini" dbtool -c "$WORK/cfg/missing.ini" upgrade

# After all that, the database still works as before.
expect_ok dbtool current
expect_stdout_eq "ab1000"
expect_ok dbtool upgrade
expect_version ab2000

finish
