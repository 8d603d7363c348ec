#!/bin/bash
#
# test_embed.sh - embedding, on one dialect: the library and header that
# 'meson install' installs, found through pkg-config, build
# examples/embed.c; the program brings a project's database up to date at
# start-up, says so, does nothing the second time, and fails with the
# library's one-line message on a broken revision, leaving it rolled back
# (on MariaDB, where DDL commits at once, journaled and resumed by the next
# start once fixed).
# dbt_version() is the build's version.  A relative SQLite path in the
# config file is resolved by the library: the program opens the file that
# 'dbtool -c' opens, wherever it is started from.
#
# usage: DBTOOL=build/dbtool DBTOOL_BUILD_ROOT=build bash tests/e2e/test_embed.sh sqlite|postgres|mariadb

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_db "$1"

src=${DBTOOL_SOURCE_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
build=${DBTOOL_BUILD_ROOT:?}
dest=$WORK/destdir

# --- install into a folder of its own, build the example against it
if meson install -C "$build" --no-rebuild --quiet --destdir "$dest" >"$WORK/install.log" 2>&1; then
	pass "meson install into $dest"
else
	fail "meson install failed" "$(cat "$WORK/install.log")"
fi
pc=$(dirname "$(find "$dest" -name dbtool.pc | head -1)")
libdir=$(dirname "$(find "$dest" -name 'libdbtool.so' | head -1)")
sanitize=()
if [ -n "${DBTOOL_SANITIZE:-}" ] && [ "$DBTOOL_SANITIZE" != none ]; then
	sanitize=("-fsanitize=$DBTOOL_SANITIZE")
fi
if cc "$src/examples/embed.c" -o "$WORK/embed" -Wall -Wextra -Werror "${sanitize[@]}" \
	$(PKG_CONFIG_PATH=$pc PKG_CONFIG_SYSROOT_DIR=$dest pkg-config --cflags --libs dbtool) \
	>"$WORK/cc.log" 2>&1; then
	pass "examples/embed.c builds with pkg-config --cflags --libs dbtool"
else
	fail "examples/embed.c does not build" "$(cat "$WORK/cc.log")"
fi
embed() { LD_LIBRARY_PATH=$libdir "$WORK/embed" "$@"; }

expect_ok dbtool -q init
new_revision r1 "" "create users" "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);
INSERT INTO users (id, name) VALUES (1, 'ada');" "DROP TABLE users;" >/dev/null
new_revision r2 r1 "create posts" "CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id));" \
	"DROP TABLE posts;" >/dev/null

version=$(sed -n "s/^project('dbtool', 'c',//; s/^ *version: '\([^']*\)'.*/\1/p" "$src/meson.build")
expect_ok embed .
expect_stdout_contains "embed: libdbtool $version (built against $version)"
expect_stdout_contains "embed: applied r1 (create users)"
expect_stdout_contains "embed: applied r2 (create posts)"
expect_stdout_contains "embed: the database is at r2"
expect_version r2
expect_eq "$(sql_value "SELECT name FROM users WHERE id = 1")" ada "the revision's row is there"

# --- the second start finds nothing to do
expect_ok embed .
expect_stdout_contains "embed: the database is at r2"
if grep -q 'applied' "$OUT"; then
	fail "the second start applied something" "$(show_output)"
else
	pass "the second start applied nothing"
fi

# --- a broken revision: the library's message, nothing of it stays
new_revision r3 r2 "broken" "CREATE TABLE r3 (id INTEGER);
INSERT INTO nowhere VALUES (1);" "DROP TABLE r3;" >/dev/null
expect_fail 1 embed .
expect_stderr_contains "embed: migration failed: "
expect_stderr_contains "r3_x.sql"
expect_version r2
case "$DIALECT" in
mariadb)
	# MariaDB commits each DDL statement at once: the table stays, the
	# journal says how far r3 got, and the next start resumes it once
	# the failing statement is fixed (README, "Revisions on a database
	# whose DDL commits at once").
	expect_stderr_contains "upgrade r3 stopped at its statement 2, after 1 committed"
	expect_eq "$(tables | grep -c '^r3$')" 1 "the failed revision's first statement stayed committed"
	expect_eq "$(sql_value "SELECT version_num, statements FROM dbtool_journal")" "r3|1" \
		"the journal holds r3 with its one committed statement"
	sed -i 's/^INSERT INTO nowhere VALUES (1);$/INSERT INTO r3 VALUES (1);/' migrations/versions/r3_x.sql
	expect_ok embed .
	expect_stdout_contains "embed: the database is at r3"
	expect_version r3
	expect_eq "$(sql_value "SELECT COUNT(*) FROM r3") $(sql_value "SELECT COUNT(*) FROM dbtool_journal")" \
		"1 0" "the resumed revision ran its second statement only, and cleared the journal"
	;;
*)
	expect_eq "$(tables | grep -c '^r3$')" 0 "the failed revision's table was rolled back"
	;;
esac

# --- a relative SQLite path in dbtool.ini is relative to the file's folder,
# for the library as for the command: started from another folder, both
# open sub/rel.db (on either dialect's run: the path is SQLite's)
saved_url=$DATABASE_URL
unset DATABASE_URL
mkdir -p sub/versions elsewhere
printf '[dbtool]\nurl = sqlite:///rel.db\nscript_location = .\n' >sub/dbtool.ini
printf -- '-- id: e1\n-- parent:\n-- message: rel\n\n-- migrate:upgrade\n%s\n\n-- migrate:downgrade\n%s\n' \
	"CREATE TABLE rel (id INTEGER PRIMARY KEY);" "DROP TABLE rel;" >sub/versions/e1_rel.sql
cd elsewhere || exit 1
expect_ok embed ../sub
expect_stdout_contains "embed: the database is at e1"
expect_eq "$(ls)" "" "the program made no database file in the folder it started in"
expect_eq "$(sqlite3 ../sub/rel.db 'SELECT version_num FROM dbtool_version')" e1 \
	"the program upgraded sub/rel.db, the config file's relative path"
expect_ok dbtool -q -c ../sub/dbtool.ini current
expect_stdout_eq e1
expect_ok dbtool -q -c ../sub/dbtool.ini downgrade base
expect_ok embed ../sub
expect_stdout_contains "embed: applied e1 (rel)"
expect_eq "$(ls)" "" "the command and the program made no file in the folder they started in"
cd .. || exit 1
export DATABASE_URL=$saved_url

finish
