#!/bin/bash
#
# test_orm.sh - models from SQLAlchemy, on one dialect: model_command runs
# contrib/sqlalchemy/dbtool_sqlalchemy.py on a Flask-SQLAlchemy app
# (tests/e2e/orm/shop: users and characters, authors and books, orders and
# items through an association table); migrate, upgrade, check agree and a
# second migrate finds nothing; a changed model class gives a revision with
# exactly that change, and rows survive it.  A failing model_command and
# model with model_command are errors that change nothing.
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_orm.sh sqlite|postgres|mariadb

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_db "$1"

# Debian's python, whose packages python3-sqlalchemy and
# python3-flask-sqlalchemy provide the modules (scripts/deps).
PY=/usr/bin/python3
if ! $PY -c 'import sqlalchemy, flask_sqlalchemy' 2>/dev/null; then
	fail "python3-sqlalchemy and python3-flask-sqlalchemy are not installed (scripts/deps)"
	finish
fi

expect_ok dbtool -q init
cp -r "$E2E_DIR/orm/shop" shop
cp "$DBTOOL_SOURCE_ROOT/contrib/sqlalchemy/dbtool_sqlalchemy.py" .
rm -f schema.sql
sed -i "s|^model = .*|model_command = $PY dbtool_sqlalchemy.py shop.models:db|" dbtool.ini
grep -q '^model_command' dbtool.ini && pass "dbtool.ini names the model command" ||
	fail "dbtool.ini names the model command" "$(cat dbtool.ini)"

# --- migrate, upgrade, check, and nothing more to migrate
expect_ok dbtool migrate -m "shop"
rev1=$(ls migrations/versions/*.sql)
for t in users characters authors books orders items order_items; do
	grep -q "CREATE TABLE.*$t\b" "$rev1" && pass "the first revision creates $t" ||
		fail "the first revision creates $t" "$(cat "$rev1")"
done
expect_ok dbtool upgrade
expect_tables "authors books characters dbtool_version items order_items orders users"
expect_ok dbtool check
expect_ok dbtool migrate -m "again"
expect_eq "$(ls migrations/versions | wc -l)" 1 "a second migrate writes nothing"

# rows before the change
expect_ok sql_value "INSERT INTO users (id, name, active) VALUES (1, 'ann', TRUE)"
expect_ok sql_value "INSERT INTO characters (id, user_id, name) VALUES (1, 1, 'hero')"
expect_ok sql_value "INSERT INTO authors (id, name) VALUES (1, 'le guin')"
expect_ok sql_value "INSERT INTO books (id, title, author_id) VALUES (1, 'earthsea', 1)"

# --- a new column and a new index in the model classes
sed -i 's/^\( *\)#v2: /\1/' shop/models.py
expect_ok dbtool migrate -m "nickname and index"
rev2=$(ls -t migrations/versions/*.sql | head -1)
expect_eq "$(ls migrations/versions | wc -l)" 2 "the change makes one revision"
up=$(sed -n '/^-- migrate:upgrade/,/^-- migrate:downgrade/p' "$rev2")
grep -qi "nickname" <<<"$up" && pass "the revision adds users.nickname" ||
	fail "the revision adds users.nickname" "$(cat "$rev2")"
grep -qi "CREATE INDEX.*ix_characters_name" <<<"$up" && pass "the revision creates ix_characters_name" ||
	fail "the revision creates ix_characters_name" "$(cat "$rev2")"
for t in authors books orders items order_items; do
	! grep -qiE "(TABLE|ON) \"?$t\b" <<<"$up" && pass "the revision leaves $t alone" ||
		fail "the revision leaves $t alone" "$(cat "$rev2")"
done
expect_ok dbtool upgrade
expect_ok dbtool check
expect_eq "$(indexes | grep -c '^ix_characters_name$')" 1 "the index exists"
expect_eq "$(sql_value "SELECT name FROM users WHERE id = 1")" ann "users' rows survive"
expect_eq "$(sql_value "SELECT name FROM characters WHERE id = 1")" hero "characters' rows survive"
expect_eq "$(sql_value "SELECT title FROM books WHERE id = 1")" earthsea "books' rows survive"
expect_ok dbtool migrate -m "again"
expect_eq "$(ls migrations/versions | wc -l)" 2 "migrate after the upgrade writes nothing"

# --- the command runs in the config file's folder with DBTOOL_DIALECT set
mkdir sub
cp dbtool.ini sub/dbtool.ini
sed -i "s|^model_command = .*|model_command = echo \"CREATE TABLE seen_\$DBTOOL_DIALECT (id INTEGER PRIMARY KEY);\"; pwd >where|" sub/dbtool.ini
sed -i "s|^script_location = .*|script_location = $PROJECT/migrations|" sub/dbtool.ini
expect_fail 1 dbtool -c sub/dbtool.ini check
case $DIALECT in
sqlite) expect_stdout_contains "seen_sqlite" ;;
postgres) expect_stdout_contains "seen_postgresql" ;;
mariadb) expect_stdout_contains "seen_mysql" ;;
esac
expect_eq "$(cat sub/where 2>/dev/null)" "$PROJECT/sub" "the command ran in the config file's folder"

# --- a failing model_command: its stderr and exit status, nothing written
cp dbtool.ini good.ini
sed -i "s|^model_command = .*|model_command = echo 'CREATE TABLE nope (id INTEGER);'; printf 'models are broken\\\\nsecond line\\\\n' >\&2; exit 3|" dbtool.ini
before=$(snapshot)
expect_fail 1 dbtool migrate -m "broken"
expect_error_line
expect_stderr_contains "dbtool: error: model_command failed with exit status 3: models are broken"
expect_stderr_not_contains "second line"
expect_eq "$(snapshot)" "$before" "the failed model_command changed nothing"
expect_fail 1 dbtool check
expect_stderr_contains "model_command failed with exit status 3"

# a command killed by a signal ($$ in dbtool.ini is one $), and a message with
# control characters, which become spaces
sed -i "s|^model_command = .*|model_command = printf '\\\\033[31mred\\\\033[0m alert\\\\n' >\&2; kill -9 \$\$\$\$|" dbtool.ini
before=$(snapshot)
expect_fail 1 dbtool migrate -m "killed"
expect_error_line
expect_stderr_contains "dbtool: error: model_command was killed by signal 9: "
expect_stderr_contains "red"
expect_stderr_not_contains $'\033'
expect_eq "$(snapshot)" "$before" "the killed model_command changed nothing"

# the SQLAlchemy module's own failure: a module that does not exist
cp good.ini dbtool.ini
sed -i 's|shop.models:db|shop.nosuch:db|' dbtool.ini
expect_fail 1 dbtool check
expect_error_line
expect_stderr_contains "dbtool: error: model_command failed with exit status 1: dbtool_sqlalchemy: cannot import shop.nosuch: ModuleNotFoundError"

# --- an error in the produced SQL names model_command:LINE:COL
sed -i "s|^model_command = .*|model_command = printf 'CREATE TABLE ok (id INTEGER);\\\\nCREATE TABLE bad (id INTEGER,);\\\\n'|" dbtool.ini
before=$(snapshot)
expect_fail 1 dbtool migrate -m "bad sql"
expect_error_line
expect_stderr_match '^dbtool: error: model_command:2:[0-9]+: '
expect_eq "$(snapshot)" "$before" "the bad model changed nothing"

# --- model and model_command together
cp good.ini dbtool.ini
printf 'model = schema.sql\n' >>dbtool.ini
before=$(snapshot)
expect_fail 1 dbtool migrate -m "both"
expect_error_line
expect_stderr_match "^dbtool: error: dbtool.ini:[0-9]+: 'model' and 'model_command' \(line [0-9]+\) are both set: keep one$"
expect_eq "$(snapshot)" "$before" "model with model_command changed nothing"

finish
