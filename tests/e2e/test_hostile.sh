#!/bin/bash
#
# test_hostile.sh - hostile names, on one dialect.  A model whose tables,
# columns, indexes and constraints are named with double quotes inside,
# semicolons, "--", "/*", spaces, UTF-8 (é, 中文, an emoji), reserved words
# (order, select, group, table, user), mixed case and a single quote, with
# defaults, CHECK constraints and a partial index holding string literals
# that contain "'", ";" and "--", goes through every path of dbtool:
# create-all, check, migrate to a changed model (a hostile column added,
# another dropped, hostile defaults changed, a hostile index added),
# upgrade, check, downgrade, check against the old model, the offline
# script of the same upgrade fed to sqlite3 / psql, and drop-all.
#
# Many of the names spell "DROP TABLE canary": if any name or literal were
# pasted into SQL unquoted, the table canary (and its row) would go, or an
# extra object would appear.  After every step the test compares the
# complete list of tables and indexes and reads the rows back.
#
# On MariaDB a name cannot hold a character outside the Basic Multilingual
# Plane (its identifiers are utf8mb3), so the names there hold a star
# (U+2605, three bytes) where the others hold the emoji; the string
# literals keep it.  MariaDB has no partial index: there "ix'partial" is a
# plain index, and the literals of the other defaults and checks stand
# for its WHERE; the text columns that indexes hold are VARCHAR there (a
# TEXT key needs a prefix length, which the model does not spell).  The test's own queries double-quote names, which
# MariaDB takes in ANSI_QUOTES mode (hsql).
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_hostile.sh sqlite|postgres|mariadb

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_db "$1"

# The emoji of the names, the partial index's WHERE, and the type of the
# text columns that indexes hold.
E='🎉'
PARTIAL=' WHERE "Name With Spaces" <> '"'a''b;c'"
KEYTEXT=TEXT
if [ "$DIALECT" = mariadb ]; then
	E='★'
	PARTIAL=
	KEYTEXT='VARCHAR(100)'
fi

# The hostile table; 42 bytes, so that PostgreSQL's names made from it
# (Tab..._pkey) stay under its 63-byte limit.
T='Tab"le; DROP TABLE canary; -- é中文'$E
TQ='"Tab""le; DROP TABLE canary; -- é中文'$E'"'

MODEL_V1='-- A model of hostile names.
CREATE TABLE canary (id INTEGER PRIMARY KEY, note TEXT NOT NULL);

CREATE TABLE "order" (
	"id" INTEGER PRIMARY KEY,
	"select" VARCHAR(60) NOT NULL DEFAULT '"'it''s; DROP TABLE canary; --'"',
	"group" TEXT CHECK ("group" <> '"'x''; DROP TABLE canary; --'"'),
	"a ""quoted"" col" INTEGER,
	"semi;colon" INTEGER DEFAULT 0,
	"dash--dash" '$KEYTEXT',
	"slash/*star" '$KEYTEXT',
	"café 中文 '$E'" TEXT DEFAULT '"'é; 中文 -- 🎉'"',
	"MixedCase" INTEGER,
	"it'"'"'s" TEXT,
	CONSTRAINT "uq ""order""; DROP TABLE canary; --" UNIQUE ("semi;colon"),
	CONSTRAINT "chk /* x */ 中文" CHECK ("MixedCase" >= 0)
);

CREATE TABLE "user" (
	"id" INTEGER PRIMARY KEY,
	"table" INTEGER NOT NULL REFERENCES "order" ("id") ON DELETE CASCADE,
	"Name With Spaces" VARCHAR(100) DEFAULT '"'--'"'
);

CREATE TABLE '"$TQ"' (
	"key" INTEGER PRIMARY KEY,
	"user" INTEGER REFERENCES "user" ("id"),
	"val'"'"'ue" VARCHAR(40) DEFAULT '"';'"',
	"Weird Col" '$KEYTEXT',
	"to drop""; --" TEXT
);

CREATE INDEX "ix ""order""; DROP TABLE canary; --" ON "order" ("dash--dash", "slash/*star");
CREATE UNIQUE INDEX "ix_中文_'$E'" ON "user" ("Name With Spaces");
CREATE INDEX "ix'"'"'partial" ON "user" ("table")'$PARTIAL';
CREATE INDEX "ix /* Tab */" ON '"$TQ"' ("val'"'"'ue", "Weird Col");'

# Version 2: in "order", "it's" dropped, "new; col -- x" added, the
# default of "select" changed; in the hostile table, "to drop"; --" dropped,
# "añadido; --" added with an index, the default of "val'ue" changed.
MODEL_V2=${MODEL_V1//"	\"it's\" TEXT,"/"	\"new; col -- x\" VARCHAR(20) DEFAULT 'a;b -- c',"}
MODEL_V2=${MODEL_V2//"DEFAULT 'it''s; DROP TABLE canary; --'"/"DEFAULT 'changed''; DROP TABLE canary; --'"}
MODEL_V2=${MODEL_V2//"	\"to drop\"\"; --\" TEXT"/"	\"añadido; --\" INTEGER NOT NULL DEFAULT 7"}
MODEL_V2=${MODEL_V2//"\"val'ue\" VARCHAR(40) DEFAULT ';'"/"\"val'ue\" VARCHAR(40) DEFAULT '''; DROP TABLE canary; --'"}
MODEL_V2+="
CREATE INDEX \"ix new; --\" ON $TQ (\"añadido; --\");"

expect_eq "$(diff <(printf '%s\n' "$MODEL_V1") <(printf '%s\n' "$MODEL_V2") | grep -c '^>')" 5 \
	"the second model changes five lines of the first"

# ------------------------------------------------------------- helpers

TABLES_V1=$(printf '%s\n' canary order user "$T" | LC_ALL=C sort)
INDEXES_V1=$(printf '%s\n' 'ix "order"; DROP TABLE canary; --' 'ix /* Tab */' "ix'partial" "ix_中文_$E" | LC_ALL=C sort)
INDEXES_V2=$(printf '%s\n' "$INDEXES_V1" 'ix new; --' | LC_ALL=C sort)

# PostgreSQL lists the index behind a UNIQUE constraint among the indexes;
# so does MariaDB, and the index it makes for the foreign key of the
# hostile table, named after the key ("user"."table" leads "ix'partial",
# which serves its key).
case "$DIALECT" in
postgres)
	INDEXES_V1=$(printf '%s\n' "$INDEXES_V1" 'uq "order"; DROP TABLE canary; --' | LC_ALL=C sort)
	INDEXES_V2=$(printf '%s\n' "$INDEXES_V2" 'uq "order"; DROP TABLE canary; --' | LC_ALL=C sort)
	;;
mariadb)
	INDEXES_V1=$(printf '%s\n' "$INDEXES_V1" 'uq "order"; DROP TABLE canary; --' "${T}_user_fkey" | LC_ALL=C sort)
	INDEXES_V2=$(printf '%s\n' "$INDEXES_V2" 'uq "order"; DROP TABLE canary; --' "${T}_user_fkey" | LC_ALL=C sort)
	;;
esac

# hsql QUERY: sql_value for the queries below, which double-quote names:
# on MariaDB in ANSI_QUOTES mode, the columns joined by "|" and NULL
# printed as nothing, as sqlite3 and psql print them.
hsql() {
	if [ "$DIALECT" != mariadb ]; then
		sql_value "$1"
		return
	fi
	sql_value "SET SESSION sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES'); $1" |
		awk -F '\t' -v OFS='|' '{ for (i = 1; i <= NF; i++) if ($i == "NULL") $i = ""; $1 = $1; print }'
}

# expect_objects TABLES INDEXES WHAT [CANARY_ROW]: exactly these tables
# (besides dbtool's own) and indexes, one per line, and the canary's row.
expect_objects() {
	expect_eq "$(tables | grep -v '^dbtool_')" "$1" "$3: the tables are exactly those of the model"
	expect_eq "$(indexes | grep -v '^sqlite_autoindex_')" "$2" "$3: the indexes are exactly those of the model"
	expect_eq "$(hsql "SELECT id, note FROM canary")" "${4-1|alive}" "$3: the canary's row is ${4-there}"
}

# The rows of every table, in a fixed order, columns by name.
read_order() {
	hsql "SELECT \"id\", \"select\", \"group\", \"a \"\"quoted\"\" col\", \"semi;colon\", \"dash--dash\", \"slash/*star\", \"café 中文 $E\", \"MixedCase\" FROM \"order\" ORDER BY \"id\""
}
read_user() {
	hsql "SELECT \"id\", \"table\", \"Name With Spaces\" FROM \"user\" ORDER BY \"id\""
}
read_hostile() {
	hsql "SELECT \"key\", \"user\", \"val'ue\", \"Weird Col\" FROM $TQ ORDER BY \"key\""
}

ROW_ORDER="1|v'; DROP TABLE \"user\"; --|g; --|7|8|--x|/*y|中文🎉 é|3"
ROW_ORDER_DEFAULTS="2|it's; DROP TABLE canary; --||||||é; 中文 -- 🎉|"
ROW_USER="1|1|n;--/* 'q'"
ROW_HOSTILE="1|1|'; --|w\"c"
ROW_HOSTILE_DEFAULTS="2||;|"

# ---------------------------------------------------------- create-all

expect_ok dbtool -q init
printf '%s\n' "$MODEL_V1" >schema.sql
cp schema.sql "$WORK/model_v1.sql"
expect_ok dbtool create-all
expect_objects "$TABLES_V1" "$INDEXES_V1" "after create-all" ""
expect_ok dbtool check
expect_stdout_eq ""

# Rows, every value written as a literal that holds a quote, a semicolon
# or a comment marker; the second rows take the defaults.
expect_eq "$(hsql "INSERT INTO canary (id, note) VALUES (1, 'alive');
INSERT INTO \"order\" (\"id\", \"select\", \"group\", \"a \"\"quoted\"\" col\", \"semi;colon\", \"dash--dash\", \"slash/*star\", \"café 中文 $E\", \"MixedCase\", \"it's\")
	VALUES (1, 'v''; DROP TABLE \"user\"; --', 'g; --', 7, 8, '--x', '/*y', '中文🎉 é', 3, 'q''t');
INSERT INTO \"order\" (\"id\", \"semi;colon\") VALUES (2, NULL);
INSERT INTO \"user\" (\"id\", \"table\", \"Name With Spaces\") VALUES (1, 1, 'n;--/* ''q''');
INSERT INTO $TQ (\"key\", \"user\", \"val'ue\", \"Weird Col\", \"to drop\"\"; --\") VALUES (1, 1, '''; --', 'w\"c', 'gone');
INSERT INTO $TQ (\"key\") VALUES (2);" 2>&1)" "" "rows go into every hostile table"
expect_eq "$(read_order)" "$ROW_ORDER
$ROW_ORDER_DEFAULTS" "the rows of \"order\" read back as written, hostile defaults included"
expect_eq "$(read_user)" "$ROW_USER" "the row of \"user\" reads back as written"
expect_eq "$(read_hostile)" "$ROW_HOSTILE
$ROW_HOSTILE_DEFAULTS" "the rows of the hostile table read back as written"
expect_eq "$(hsql "SELECT \"it's\" FROM \"order\" WHERE \"id\" = 1")" "q't" "the column \"it's\" holds its value"

# The CHECK constraints hold: their literals were not cut short.
expect_eq "$(hsql "INSERT INTO \"order\" (\"id\", \"group\") VALUES (3, 'x''; DROP TABLE canary; --')" >/dev/null 2>&1 && echo accepted || echo refused)" \
	refused "the CHECK on \"group\" refuses its hostile literal"
expect_eq "$(hsql "INSERT INTO \"order\" (\"id\", \"MixedCase\") VALUES (3, -1)" >/dev/null 2>&1 && echo accepted || echo refused)" \
	refused "the named CHECK on \"MixedCase\" refuses a negative value"
expect_objects "$TABLES_V1" "$INDEXES_V1" "after the rows"

# ------------------------------------------------- migrate, upgrade, check

printf '%s\n' "$MODEL_V2" >schema.sql
MESSAGE="hostile; DROP TABLE canary; -- it's \"quoted\" 中文 🎉"
expect_ok dbtool migrate -m "$MESSAGE"
rev=$(cat "$OUT")
expect_stdout_match '^migrations/versions/[0-9a-f]{12}_[a-z0-9_]*\.sql$'
expect_eq "$([ -f "$rev" ] && echo written)" written "migrate wrote the revision it names"
id=$(sed -n 's/^-- id: //p' "$rev")
expect_eq "$(grep -cxF -- "-- message: $MESSAGE" "$rev")" 1 "the revision's header holds the hostile message as it is"
expect_ok dbtool history
expect_stdout_contains "$MESSAGE"
expect_objects "$TABLES_V1" "$INDEXES_V1" "after migrate, which changes nothing"

expect_ok dbtool upgrade
expect_version "$id"
expect_ok dbtool check
expect_stdout_eq ""
expect_objects "$TABLES_V1" "$INDEXES_V2" "after the upgrade"
expect_eq "$(read_order)" "$ROW_ORDER
$ROW_ORDER_DEFAULTS" "the upgrade keeps the rows of \"order\""
expect_eq "$(read_user)" "$ROW_USER" "the upgrade keeps the row of \"user\" (no cascade fired)"
expect_eq "$(read_hostile)" "$ROW_HOSTILE
$ROW_HOSTILE_DEFAULTS" "the upgrade keeps the rows of the hostile table"
expect_eq "$(hsql "SELECT \"new; col -- x\" FROM \"order\" ORDER BY \"id\"")" "a;b -- c
a;b -- c" "the added hostile column holds its default in the old rows"
expect_eq "$(hsql "SELECT \"añadido; --\" FROM $TQ ORDER BY \"key\"")" "7
7" "the added NOT NULL column holds its default in the old rows"
hsql "INSERT INTO \"order\" (\"id\") VALUES (4); INSERT INTO $TQ (\"key\") VALUES (4)" >/dev/null
expect_eq "$(hsql "SELECT \"select\" FROM \"order\" WHERE \"id\" = 4")" "changed'; DROP TABLE canary; --" \
	"the changed hostile default applies to a new row"
expect_eq "$(hsql "SELECT \"val'ue\" FROM $TQ WHERE \"key\" = 4")" "'; DROP TABLE canary; --" \
	"the changed default of \"val'ue\" applies to a new row"
hsql "DELETE FROM \"order\" WHERE \"id\" = 4; DELETE FROM $TQ WHERE \"key\" = 4" >/dev/null

# ----------------------------------------------- downgrade, the old model

expect_ok dbtool downgrade base
expect_version ""
# check wants the database at the head of the chain: without the revision,
# base is the head and check compares the old model with the database.
mv "$rev" "$WORK/"
cp "$WORK/model_v1.sql" schema.sql
expect_ok dbtool check
expect_stdout_eq ""
mv "$WORK/$(basename "$rev")" "$rev"
expect_objects "$TABLES_V1" "$INDEXES_V1" "after the downgrade"
expect_eq "$(read_order)" "$ROW_ORDER
$ROW_ORDER_DEFAULTS" "the downgrade keeps the rows of \"order\""
expect_eq "$(read_user)" "$ROW_USER" "the downgrade keeps the row of \"user\""
expect_eq "$(read_hostile)" "$ROW_HOSTILE
$ROW_HOSTILE_DEFAULTS" "the downgrade keeps the rows of the hostile table"
expect_eq "$(hsql "SELECT count(*) FROM \"order\" WHERE \"it's\" IS NULL")" 2 \
	"the column dropped by the upgrade is back, empty"
hsql "INSERT INTO \"order\" (\"id\") VALUES (4)" >/dev/null
expect_eq "$(hsql "SELECT \"select\" FROM \"order\" WHERE \"id\" = 4")" "it's; DROP TABLE canary; --" \
	"the old hostile default is back"
hsql "DELETE FROM \"order\" WHERE \"id\" = 4" >/dev/null

# ------------------------------------------- the same upgrade, offline

expect_ok dbtool upgrade --sql
cp "$OUT" "$WORK/upgrade.sql"
expect_stdout_contains "$MESSAGE"
case "$DIALECT" in
sqlite) sqlite3 -batch -bail "$DB_FILE" <"$WORK/upgrade.sql" >"$OUT" 2>"$ERR" ;;
postgres) psql "$TEST_URL" -X -q -v ON_ERROR_STOP=1 -f "$WORK/upgrade.sql" >"$OUT" 2>"$ERR" </dev/null ;;
mariadb) my_sql_raw "$MY_DATABASE" <"$WORK/upgrade.sql" >"$OUT" 2>"$ERR" ;;
esac
STATUS=$?
expect_eq "$STATUS" 0 "the offline script of the hostile revision runs in ${DIALECT/postgres/psql}"
expect_version "$id"
printf '%s\n' "$MODEL_V2" >schema.sql
expect_ok dbtool check
expect_stdout_eq ""
expect_objects "$TABLES_V1" "$INDEXES_V2" "after the offline script"
expect_eq "$(read_user)" "$ROW_USER" "the offline script keeps the row of \"user\""
expect_eq "$(read_hostile)" "$ROW_HOSTILE
$ROW_HOSTILE_DEFAULTS" "the offline script keeps the rows of the hostile table"

# ------------------------------------------------------------- drop-all

expect_ok dbtool drop-all --yes
expect_eq "$(tables)" "" "drop-all drops every hostile table"
expect_ok dbtool create-all
expect_objects "$TABLES_V1" "$INDEXES_V2" "the second model, made by create-all from nothing" ""
expect_ok dbtool stamp head
expect_version "$id"
expect_ok dbtool check
expect_stdout_eq ""

finish
