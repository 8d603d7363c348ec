#!/bin/bash
#
# test_roles.sh - PostgreSQL roles in the model, on one dialect.  On
# PostgreSQL: roles that the model declares (CREATE ROLE, CREATE USER,
# ALTER ROLE) go through migrate, upgrade, check, migrate again (nothing),
# downgrade -1 and upgrade, with a GRANT to a role that the same revision
# creates; their attributes change and change back; a role the cluster has
# and the model does not declare is left alone unless `roles =` names it;
# a password is warned about; the role dbtool connects as is never made
# NOLOGIN.  Roles belong to the whole cluster, so every name here carries
# this run's process id, and every such role is dropped at the end.  On
# SQLite and MariaDB, a model with CREATE ROLE is refused at its place.
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_roles.sh sqlite|postgres|mariadb

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_db "$1"
run_cmd dbtool init

if [ "$DIALECT" != postgres ]; then
	printf '%s\n' 'CREATE TABLE t (id INTEGER PRIMARY KEY);' '' \
		'CREATE ROLE app_reader LOGIN;' >schema.sql
	expect_fail 1 dbtool migrate -m roles
	expect_error_line
	expect_stderr_contains "schema.sql:3:1: CREATE ROLE is PostgreSQL's"
	if [ "$DIALECT" = mariadb ]; then
		expect_stderr_contains "MariaDB's users and roles are not managed by dbtool"
	fi
	expect_eq "$(revisions)" 0 "a refused model writes no revision"
	finish
fi

P=dbtool_e2e_r$$_
APP=${P}app
READER=${P}reader
OTHER=${P}other

drop_test_roles() {
	psql "$DBTOOL_TEST_PG_URL" -X -Atq -c "SELECT quote_ident(rolname) FROM pg_roles WHERE rolname LIKE '${P//_/\\_}%'" </dev/null 2>/dev/null |
		while read -r r; do
			psql "$DBTOOL_TEST_PG_URL" -X -q -c "DROP ROLE IF EXISTS $r" </dev/null >/dev/null 2>&1
		done
}
CLEANUP_HOOKS+=(drop_test_roles)

# role NAME: the role's attributes as pg_roles holds them, or nothing.
role() {
	sql_value "SELECT rolcanlogin, rolcreatedb, rolinherit, rolconnlimit,
		to_char(rolvaliduntil AT TIME ZONE 'UTC', 'YYYY-MM-DD')
		FROM pg_roles WHERE rolname = '$1'"
}

# An unmanaged role of the cluster, which nothing below may touch.
sql_value "CREATE ROLE $OTHER NOLOGIN CONNECTION LIMIT 3" >/dev/null

echo "# roles created with the revision that grants to them"
cat >schema.sql <<EOF
CREATE TABLE t (id INTEGER PRIMARY KEY, note TEXT);
CREATE ROLE $APP WITH LOGIN CONNECTION LIMIT 5 VALID UNTIL '2030-01-01 00:00:00+00';
CREATE USER "$READER" NOINHERIT;
GRANT SELECT ON t TO $READER;
EOF
expect_ok dbtool migrate -m roles
expect_ok dbtool upgrade
expect_eq "$(role "$APP")" "t|f|t|5|2030-01-01" "the role is created with its attributes"
expect_eq "$(role "$READER")" "t|f|f|-1|" "CREATE USER makes a LOGIN role"
expect_eq "$(sql_value "SELECT has_table_privilege('$READER', 't', 'SELECT')")" t \
	"the grant to the role the same revision created"
agrees "roles again"
sql_value "INSERT INTO t VALUES (1, 'kept')" >/dev/null
expect_ok dbtool downgrade -1
expect_eq "$(role "$APP")$(role "$READER")" "" "the downgrade drops the roles the upgrade created"
expect_eq "$(role "$OTHER")" "f|f|t|3|" "an unmanaged role is left alone"
expect_ok dbtool upgrade
agrees "roles after downgrade and upgrade"

echo "# attributes changed, in CREATE ROLE and by ALTER ROLE"
sql_value "INSERT INTO t VALUES (1, 'kept')" >/dev/null
cat >schema.sql <<EOF
CREATE TABLE t (id INTEGER PRIMARY KEY, note TEXT);
CREATE ROLE $APP WITH NOLOGIN CONNECTION LIMIT 10 VALID UNTIL '2031-06-30 00:00:00+00';
ALTER ROLE $APP CREATEDB;
CREATE USER "$READER" NOINHERIT;
GRANT SELECT ON t TO $READER;
EOF
expect_fail 1 dbtool check
expect_stdout_contains "~ role $APP"
expect_ok dbtool migrate -m attributes
expect_ok dbtool upgrade
expect_eq "$(role "$APP")" "f|t|t|10|2031-06-30" "the role's attributes are altered"
agrees "attributes again"
expect_ok dbtool downgrade -1
expect_eq "$(role "$APP")" "t|f|t|5|2030-01-01" "the downgrade restores the attributes"
expect_ok dbtool upgrade
expect_eq "$(sql_value "SELECT note FROM t")" kept "rows kept"
agrees "attributes after downgrade and upgrade"

echo "# a role the model no longer declares stays, unless roles = names it"
cat >schema.sql <<EOF
CREATE TABLE t (id INTEGER PRIMARY KEY, note TEXT);
CREATE ROLE $APP WITH NOLOGIN CONNECTION LIMIT 10 VALID UNTIL '2031-06-30 00:00:00+00' CREATEDB;
EOF
expect_ok dbtool migrate -m "reader left out"
expect_ok dbtool upgrade
expect_eq "$(role "$READER")" "t|f|f|-1|" "a role the model leaves out is not dropped"
expect_eq "$(sql_value "SELECT has_table_privilege('$READER', 't', 'SELECT')")" f \
	"its grant is revoked"
agrees "unmanaged reader"
printf 'roles = %s*\n' "${P}rea" >>dbtool.ini
expect_fail 1 dbtool check
expect_stdout_contains "- role $READER"
expect_ok dbtool inspect
expect_stdout_contains "CREATE ROLE $READER NOINHERIT LOGIN;"
expect_eq "$(grep -c "$APP" "$OUT")" 0 "inspect prints only the roles that roles = names"
expect_ok dbtool migrate -m "reader dropped"
expect_ok dbtool upgrade
expect_eq "$(role "$READER")" "" "a role that roles = names and the model leaves out is dropped"
expect_eq "$(role "$OTHER")" "f|f|t|3|" "an unmanaged role is still left alone"
agrees "reader dropped"
expect_ok dbtool downgrade -1
expect_eq "$(role "$READER")" "t|f|f|-1|" "the downgrade creates the dropped role again"
expect_ok dbtool upgrade

echo "# a password is set, never compared, and warned about"
cat >schema.sql <<EOF
CREATE TABLE t (id INTEGER PRIMARY KEY, note TEXT);
CREATE ROLE $APP WITH NOLOGIN CONNECTION LIMIT 10 VALID UNTIL '2031-06-30 00:00:00+00' CREATEDB;
CREATE ROLE ${P}secret LOGIN PASSWORD 'it''s secret';
EOF
expect_ok dbtool migrate -m secret
expect_stderr_contains "the model holds its password"
expect_ok dbtool upgrade
agrees "password"

echo "# the role dbtool connects as keeps LOGIN"
ME=$(sql_value "SELECT current_user")
n=$(revisions)
printf 'CREATE ROLE "%s" NOLOGIN SUPERUSER CREATEDB CREATEROLE REPLICATION BYPASSRLS;\n' "$ME" >>schema.sql
expect_fail 1 dbtool migrate -m nologin
expect_stderr_contains "role '$ME' is the role dbtool connects as: dbtool never takes LOGIN from it"
expect_eq "$(revisions)" "$n" "no revision written"

echo "# model errors at their place"
printf '%s\n' "CREATE ROLE ${P}x IN ROLE $APP;" >schema.sql
expect_fail 1 dbtool migrate -m membership
expect_stderr_contains "schema.sql:1:"
expect_stderr_contains "role memberships"
printf '%s\n' "CREATE ROLE ${P}x;" "CREATE ROLE ${P}x LOGIN;" >schema.sql
expect_fail 1 dbtool migrate -m twice
expect_stderr_contains "schema.sql:2:13: role '${P}x' is declared twice"
printf '%s\n' "CREATE ROLE ${P}x VALID UNTIL 'someday';" >schema.sql
expect_fail 1 dbtool migrate -m bad
expect_stderr_contains "schema.sql:1:1: VALID UNTIL of role '${P}x'"

finish
