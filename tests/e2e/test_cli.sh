#!/bin/bash
#
# test_cli.sh - the command-line surface, on one dialect: help and version,
# usage errors (exit status 2), init and its refusal of a non-empty folder,
# revision --rev-id, quiet and verbose output, a config file in another
# folder with a relative script_location, and where the URL comes from
# (--url over DATABASE_URL over the config file).
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_cli.sh sqlite|postgres|mariadb

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_db "$1"

commands="init revision upgrade downgrade current heads history show stamp"

# Runs a command without DATABASE_URL in its environment.
without_env() {
	(
		unset DATABASE_URL
		"$@"
	)
}

# --- help and version
expect_ok dbtool --help
expect_stdout_match "^usage: dbtool "
for c in $commands; do
	expect_stdout_match "
  $c +[a-z]"
done
expect_stderr_eq ""
# Every command the help lists, besides the ones above, documents itself.
listed=$(sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z_-]*\) .*/\1/p' "$OUT")
expect_eq "$(printf '%s\n' $commands | grep -cxF -f <(printf '%s\n' $listed))" 9 \
	"the help lists the $(wc -w <<<"$commands") commands"
for c in $listed; do
	case " $commands " in
	*" $c "*) ;;
	*) commands+=" $c" ;;
	esac
done
expect_ok dbtool -h
expect_stdout_match "^usage: dbtool "
for c in $commands; do
	expect_ok dbtool "$c" --help
	expect_stdout_match "^usage: dbtool $c"
	expect_stderr_eq ""
	expect_ok dbtool "$c" -h
	expect_stdout_match "^usage: dbtool $c"
done
expect_ok dbtool --version
expect_stdout_eq "dbtool 0.1.0"
expect_eq "$(ls -A)" "" "help and version write no file"

# --- usage errors: exit status 2, one error line
usage_error() {
	expect_fail 2 "$@"
	expect_error_line
	expect_stdout_eq ""
}
expect_fail 2 dbtool
expect_stdout_eq ""
expect_stderr_contains "usage: dbtool"
usage_error dbtool frobnicate
expect_stderr_contains "'frobnicate'"
usage_error dbtool --frobnicate current
expect_stderr_contains "'--frobnicate'"
usage_error dbtool current --frobnicate
expect_stderr_contains "'--frobnicate'"
usage_error dbtool upgrade -Z
expect_stderr_contains "'-Z'"
usage_error dbtool -c
usage_error dbtool current --url
usage_error dbtool revision
usage_error dbtool revision -m
usage_error dbtool downgrade
usage_error dbtool show
usage_error dbtool stamp
usage_error dbtool current extra
expect_stderr_contains "'extra'"
usage_error dbtool --format xml current
expect_stderr_contains "'xml'"
usage_error dbtool --lock-timeout soon upgrade
expect_stderr_contains "'soon'"
expect_eq "$(ls -A)" "" "usage errors write no file"

# --- init
expect_ok dbtool init
expect_stdout_eq ""
expect_stderr_contains "migrations/versions"
ini_sum=$(sha256sum dbtool.ini)
expect_fail 1 dbtool init
expect_stderr_eq "dbtool: error: folder 'migrations' exists and is not empty"
mkdir full
touch full/keep
expect_fail 1 dbtool init full
expect_stderr_eq "dbtool: error: folder 'full' exists and is not empty"
expect_eq "$(ls -A full)" "keep" "init leaves a refused folder alone"
mkdir empty
expect_ok dbtool init empty
expect_eq "$([ -d empty/versions ] && [ -f empty/script.sql.tmpl ] && echo yes)" yes "init fills an existing empty folder"
expect_eq "$(sha256sum dbtool.ini)" "$ini_sum" "init keeps an existing dbtool.ini"
expect_ok dbtool -q init quiet
expect_stderr_eq ""
expect_stdout_eq ""
expect_eq "$([ -d quiet/versions ] && echo yes)" yes "init -q works quietly"
rm -rf empty quiet full
# A project cloned without its migrations folder: init makes the folder and
# the model file that its dbtool.ini names, and then the chain works there.
mkdir cloned
printf '[dbtool]\nurl = sqlite:///app.db\nscript_location = db/migrations\nmodel = db/model.sql\n' >cloned/dbtool.ini
(cd cloned && dbtool init)
expect_eq "$(cd cloned && find . -path ./dbtool.ini -prune -o -print | sort | tr '\n' ' ')" \
	". ./db ./db/migrations ./db/migrations/script.sql.tmpl ./db/migrations/versions ./db/model.sql " \
	"init makes the folder and model file dbtool.ini names"
(cd cloned && dbtool -q revision -m first)
expect_eq "$(cd cloned && ls db/migrations/versions | grep -c _first.sql)" 1 "the revision goes where dbtool.ini says"
rm -rf cloned

# --- revision --rev-id
expect_ok dbtool revision -m "first one" --rev-id first_1
expect_stdout_eq "migrations/versions/first_1_first_one.sql"
rev1=$(cat "$OUT")
expect_eq "$(sed -n 's/^-- id: //p' "$rev1")" first_1 "the header carries the given id"
expect_fail 1 dbtool revision -m "again" --rev-id first_1
expect_error_line
expect_stderr_contains "first_1"
expect_fail 1 dbtool revision -m "bad id" --rev-id Bad-Id
expect_error_line
expect_stderr_contains "Bad-Id"
expect_eq "$(ls migrations/versions)" "first_1_first_one.sql" "refused revisions write no file"
expect_ok dbtool revision -m "second one"
rev2=$(cat "$OUT")
id2=$(sed -n 's/^-- id: //p' "$rev2")
expect_eq "$(sed -n 's/^-- parent: //p' "$rev2")" first_1 "a new revision follows the head"
write_revision "$rev1" "CREATE TABLE t_one (id INTEGER PRIMARY KEY);" "DROP TABLE t_one;"
write_revision "$rev2" "CREATE TABLE t_two (id INTEGER PRIMARY KEY);" "DROP TABLE t_two;"

# --- offline mode: the SQL, not run
expect_ok dbtool current
before=$(snapshot)
expect_ok dbtool upgrade --sql
expect_stdout_contains "CREATE TABLE t_one (id INTEGER PRIMARY KEY);"
expect_stdout_contains "CREATE TABLE t_two (id INTEGER PRIMARY KEY);"
expect_stdout_contains "first_1"
expect_eq "$(snapshot)" "$before" "upgrade --sql changes nothing"

# --- quiet and verbose
expect_ok dbtool -q upgrade
expect_stdout_eq ""
expect_stderr_eq ""
expect_version "$id2"
expect_ok dbtool downgrade base -q
expect_stderr_eq ""
expect_version ""
expect_ok dbtool upgrade --quiet +1
expect_stderr_eq ""
expect_version first_1
expect_fail 1 dbtool -q upgrade nosuchrev
expect_error_line
expect_ok dbtool -q upgrade
expect_stderr_eq ""
expect_ok dbtool -q stamp head
expect_stderr_eq ""
expect_ok dbtool -q current
expect_stdout_eq "$id2"
expect_ok dbtool -v current
expect_stdout_eq "$id2 (head), second one"
expect_ok dbtool --verbose upgrade
expect_stdout_eq ""
expect_stderr_eq "already at head: nothing to upgrade"
expect_ok dbtool -q downgrade first_1
expect_ok dbtool upgrade first_1
expect_stderr_eq "already at first_1: nothing to upgrade"
expect_ok dbtool -q downgrade base
expect_tables "dbtool_version"
expect_ok dbtool downgrade base
expect_stderr_eq "already at base: nothing to downgrade"

# --- a config file in another folder
conf=$WORK/elsewhere/conf
mkdir -p "$conf"
printf '[dbtool]\nurl = sqlite:///conf.db\nscript_location = mig\nmodel = schema.sql\n' >"$conf/dbtool.ini"
(cd "$conf" && dbtool -q init mig)
expect_eq "$([ -f "$conf/mig/script.sql.tmpl" ] && echo yes)" yes "the other project's migrations folder exists"
rel_conf=../elsewhere/conf/dbtool.ini
expect_ok dbtool -c "$rel_conf" revision -m elsewhere --rev-id else_1
expect_stdout_match "mig/versions/else_1_elsewhere\.sql$"
expect_eq "$([ -f "$conf/mig/versions/else_1_elsewhere.sql" ] && echo yes)" yes \
	"the revision is written under the config file's folder"
expect_eq "$(ls migrations/versions | wc -l)" 2 "and not in ./migrations"
write_revision "$conf/mig/versions/else_1_elsewhere.sql" \
	"CREATE TABLE t_else (id INTEGER PRIMARY KEY);" "DROP TABLE t_else;"
expect_ok dbtool heads -c "$rel_conf"
expect_stdout_eq "else_1"
expect_ok dbtool --config="$conf/dbtool.ini" history
expect_stdout_eq "<base> -> else_1 (head), elsewhere"

# Where the URL comes from: the config file ...
expect_ok without_env dbtool -c "$rel_conf" upgrade
expect_eq "$(sqlite3 "$conf/conf.db" "SELECT version_num FROM dbtool_version")" else_1 \
	"without --url and DATABASE_URL, the config's URL is used, relative to its folder"
expect_eq "$([ -e conf.db ] || echo absent)" absent "no database is made in the current folder"
# ... DATABASE_URL over the config file ...
expect_ok dbtool -c "$rel_conf" current
expect_stdout_eq ""
expect_ok dbtool -c "$rel_conf" upgrade
expect_stderr_match "^upgrade <base> -> else_1, elsewhere"
expect_eq "$(tables | grep -c '^t_else$')" 1 "DATABASE_URL wins over the config's URL"
expect_eq "$(db_version)" else_1 "the test database is now at else_1"
# ... and --url over DATABASE_URL.
cli_db=$WORK/cli.db
expect_ok dbtool -c "$rel_conf" --url "sqlite:///$cli_db" upgrade
expect_eq "$(sqlite3 "$cli_db" "SELECT version_num FROM dbtool_version")" else_1 "--url wins over DATABASE_URL"
expect_ok dbtool -c "$rel_conf" -u "sqlite:///$cli_db" downgrade base
expect_eq "$(sqlite3 "$cli_db" "SELECT count(*) FROM dbtool_version")" 0 "-u is --url"
expect_ok dbtool current --url="sqlite:///$cli_db" -c "$rel_conf"
expect_stdout_eq ""
expect_eq "$(db_version)" else_1 "the database of DATABASE_URL was left alone"
expect_eq "$(sqlite3 "$conf/conf.db" "SELECT version_num FROM dbtool_version")" else_1 \
	"the config's database was left alone"

finish
