#!/bin/bash
#
# test_dotenv.sh - ./.env and mistyped commands, on one dialect: DATABASE_URL
# (and ${VAR}s of dbtool.ini) come from ./.env when the environment lacks
# them, never overriding it; --url still wins; a malformed .env is an error
# naming its line and changes nothing; an unknown command or option names
# the closest one.
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_dotenv.sh sqlite|postgres|mariadb

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_db "$1"

expect_ok dbtool -q init
new_revision r1 "" "create a" "CREATE TABLE a (id INTEGER PRIMARY KEY);" "DROP TABLE a;" >/dev/null

# --- DATABASE_URL from .env, when the environment has none
url=$DATABASE_URL
unset DATABASE_URL
printf '# the database\nexport DATABASE_URL="%s" # quoted\n' "$url" >.env
expect_ok dbtool upgrade
expect_stderr_contains "upgrade <base> -> r1, create a"
export DATABASE_URL=$url
expect_version r1

# --- the environment wins over .env
printf 'DATABASE_URL=sqlite:///%s/elsewhere.db\n' "$WORK" >.env
expect_ok dbtool current
expect_stdout_eq r1
[ ! -e "$WORK/elsewhere.db" ] && pass "the .env URL was not used" || fail "the .env URL was used"

# --- a ${VAR} of dbtool.ini from .env
unset DATABASE_URL
sed -i 's|^url = .*|url = ${APP_DB_URL}|' dbtool.ini
printf 'APP_DB_URL=%s\n' "$url" >.env
expect_ok dbtool current
expect_stdout_eq r1
# --url wins over both
expect_ok dbtool --url "sqlite:///$WORK/other.db" current
expect_stdout_eq ""

# --- a malformed .env is an error naming the line, and changes nothing
printf 'APP_DB_URL=%s\nthis is not a pair\n' "$url" >.env
before=$(snapshot)
expect_fail 1 dbtool upgrade
expect_error_line
expect_stderr_contains "dbtool: error: .env:2: expected KEY=VALUE"
expect_eq "$(snapshot)" "$before" "the failed command changed nothing"
rm .env
export DATABASE_URL=$url

# --- did you mean
expect_fail 2 dbtool upgarde
expect_error_line
expect_stderr_contains "dbtool: error: unknown command 'upgarde'; did you mean 'upgrade'? (see 'dbtool --help')"
expect_fail 2 dbtool histroy
expect_error_line
expect_stderr_contains "dbtool: error: unknown command 'histroy'; did you mean 'history'? (see 'dbtool --help')"
expect_fail 2 dbtool frobnicate
expect_error_line
expect_stderr_contains "dbtool: error: unknown command 'frobnicate' (see 'dbtool --help')"
expect_fail 2 dbtool current --verbos
expect_error_line
expect_stderr_contains "dbtool: error: unknown option '--verbos'; did you mean '--verbose'? (see 'dbtool current --help')"
expect_fail 2 dbtool history --rev-rnge=r1:r1
expect_error_line
expect_stderr_contains "dbtool: error: unknown option '--rev-rnge=r1:r1'; did you mean '--rev-range'? (see 'dbtool history --help')"
expect_fail 2 dbtool --confg x current
expect_error_line
expect_stderr_contains "dbtool: error: unknown option '--confg'; did you mean '--config'? (see 'dbtool --help')"
expect_fail 2 dbtool "upgr$(printf '\033')ade"
expect_error_line
expect_stderr_contains 'dbtool: error: unknown command '"'"'upgr\x1bade'"'"'; did you mean '"'"'upgrade'"'"'? (see '"'"'dbtool --help'"'"')'

finish
