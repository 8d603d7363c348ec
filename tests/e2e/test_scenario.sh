#!/bin/bash
#
# test_scenario.sh - the day of a dbtool user, end to end, on one dialect:
# init, three revisions written by hand (a table; a second table with a
# foreign key and rows; an index), inspecting the chain, upgrade, downgrade
# by one and to base, a relative upgrade, and stamp.
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_scenario.sh sqlite|postgres|mariadb

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_db "$1"

# The index of revision 3.  MariaDB indexes a foreign key's columns itself
# (b's index a_id) and gives that index up for one that starts with the
# same column, after which the new one cannot be dropped: there the index
# is on b's note (a prefix of it, as a TEXT column needs), and a_id is
# among the indexes throughout.  Its DROP INDEX names the table.
case "$DIALECT" in
mariadb)
	idx=b_note_idx idx_up="CREATE INDEX b_note_idx ON b (note(20));" idx_down="DROP INDEX b_note_idx ON b;"
	fk_idx=a_id
	;;
*)
	idx=b_a_id_idx idx_up="CREATE INDEX b_a_id_idx ON b (a_id);" idx_down="DROP INDEX b_a_id_idx;"
	fk_idx=
	;;
esac
# indexes_are EXPECTED DESCRIPTION: the indexes, MariaDB's own for the
# foreign key included, are EXPECTED (blank-separated, sorted).
indexes_are() {
	expect_eq "$(indexes | tr '\n' ' ' | sed 's/ $//')" "$(printf '%s\n' $fk_idx $1 | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')" "$2"
}

ms='\([0-9]+ ms\)'

# --- init
expect_ok dbtool init
expect_stderr_contains "migrations/versions"
expect_stderr_contains "migrations/script.sql.tmpl"
expect_stderr_contains "dbtool.ini"
expect_stderr_contains "schema.sql"
expect_stdout_eq ""
expect_eq "$([ -d migrations/versions ] && [ -f migrations/script.sql.tmpl ] && [ -f dbtool.ini ] && [ -f schema.sql ] && echo yes)" \
	yes "init lays down migrations/versions, migrations/script.sql.tmpl, dbtool.ini, schema.sql"
expect_eq "$(grep -cE '^url *= *sqlite:///app\.db *$|^script_location *= *migrations *$|^model *= *schema\.sql *$' dbtool.ini)" \
	3 "dbtool.ini sets url, script_location and model to their defaults"
expect_eq "$(ls migrations/versions | wc -l)" 0 "versions/ starts empty"

# --- an empty database
expect_ok dbtool current
expect_stdout_eq ""
expect_ok dbtool --format json current
expect_json 'd == {"current": None}'
expect_ok dbtool heads
expect_stdout_eq ""
expect_ok dbtool history
expect_stdout_eq ""

# --- three revisions
expect_ok dbtool revision -m "create a"
expect_stdout_match '^migrations/versions/[0-9a-f]{12}_create_a\.sql$'
rev1=$(cat "$OUT")
id1=$(sed -n 's/^-- id: //p' "$rev1")
expect_eq "$(basename "$rev1")" "${id1}_create_a.sql" "the file is named after the id in its header"
expect_eq "$(grep -c '^-- parent: *$' "$rev1")" 1 "the first revision has an empty parent"
expect_eq "$(grep -c '^-- message: create a$' "$rev1")" 1 "the header carries the message"
expect_eq "$(grep -cE '^-- created: [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$' "$rev1")" 1 \
	"the header carries the creation time in UTC"
expect_eq "$(grep -cxE -- '-- migrate:(upgrade|downgrade)' "$rev1")" 2 "the file has both section markers"
write_revision "$rev1" \
	"CREATE TABLE a (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL);" \
	"DROP TABLE a;"

expect_ok dbtool revision -m "create b"
expect_stdout_match '^migrations/versions/[0-9a-f]{12}_create_b\.sql$'
rev2=$(cat "$OUT")
id2=$(sed -n 's/^-- id: //p' "$rev2")
expect_eq "$(sed -n 's/^-- parent: //p' "$rev2")" "$id1" "the second revision's parent is the first"
write_revision "$rev2" \
	"CREATE TABLE b (
	id INTEGER PRIMARY KEY,
	a_id INTEGER NOT NULL REFERENCES a (id),
	note TEXT
);
INSERT INTO a (id, name) VALUES (1, 'one'), (2, 'two');
-- a semicolon and a comment marker inside strings are data
INSERT INTO b (id, a_id, note) VALUES (10, 1, 'x;y'), (11, 2, '-- not a comment');" \
	"DROP TABLE b;
DELETE FROM a;"

expect_ok dbtool revision -m "index b"
rev3=$(cat "$OUT")
id3=$(sed -n 's/^-- id: //p' "$rev3")
expect_eq "$(sed -n 's/^-- parent: //p' "$rev3")" "$id2" "the third revision's parent is the second"
write_revision "$rev3" "$idx_up" "$idx_down"
expect_eq "$(printf '%s\n' "$id1" "$id2" "$id3" | sort -u | wc -l)" 3 "the three ids differ"

# --- inspecting the chain
expect_ok dbtool heads
expect_stdout_eq "$id3"
expect_ok dbtool --format json heads
expect_json "d == {\"heads\": [\"$id3\"]}"
expect_ok dbtool history
expect_stdout_eq "$id2 -> $id3 (head), index b
$id1 -> $id2, create b
<base> -> $id1, create a"
expect_ok dbtool history --format json
expect_json "[r[\"id\"] for r in d[\"revisions\"]] == [\"$id3\", \"$id2\", \"$id1\"]"
expect_json "[r[\"head\"] for r in d[\"revisions\"]] == [True, False, False]"
expect_json "[r[\"parent\"] for r in d[\"revisions\"]] == [\"$id2\", \"$id1\", None]"
expect_json "[r[\"message\"] for r in d[\"revisions\"]] == [\"index b\", \"create b\", \"create a\"]"
expect_json "all(r[\"path\"].endswith(\"versions/\" + r[\"id\"] + \"_\" + r[\"message\"].replace(\" \", \"_\") + \".sql\") and len(r[\"created\"]) == 20 for r in d[\"revisions\"])"

expect_ok dbtool show "$id2"
expect_stdout_contains "id: $id2"
expect_stdout_contains "parent: $id1"
expect_stdout_contains "message: create b"
expect_stdout_contains "transaction: true"
expect_stdout_contains "INSERT INTO b (id, a_id, note) VALUES (10, 1, 'x;y'), (11, 2, '-- not a comment');"
expect_stdout_contains "DELETE FROM a;"
expect_stdout_match "(^|
)id: $id2
parent: $id1
message: create b
created: [0-9T:Z-]{20}
transaction: true
path: (\./)?migrations/versions/${id2}_create_b\.sql
"
expect_ok dbtool show "${id3:0:8}"
expect_stdout_contains "id: $id3"
expect_stdout_contains "$idx_up"
expect_ok dbtool --format json show "$id3"
expect_json "d[\"id\"] == \"$id3\" and d[\"parent\"] == \"$id2\" and d[\"message\"] == \"index b\" and d[\"head\"] is True and d[\"transaction\"] is True"
expect_json "\"CREATE INDEX $idx\" in d[\"upgrade\"] and \"DROP INDEX $idx\" in d[\"downgrade\"] and d[\"path\"].endswith(\"${id3}_index_b.sql\") and len(d[\"created\"]) == 20"

# --- upgrade to head
expect_ok dbtool upgrade
expect_stdout_eq ""
expect_stderr_match "^upgrade <base> -> $id1, create a $ms
upgrade $id1 -> $id2, create b $ms
upgrade $id2 -> $id3, index b $ms$"
expect_tables "a b dbtool_version"
indexes_are "$idx" "the index of revision 3 exists"
expect_eq "$(sql_value "SELECT count(*) FROM a")|$(sql_value "SELECT note FROM b ORDER BY id" | tr '\n' ',')" \
	"2|x;y,-- not a comment," "the rows of revision 2 are there, strings intact"
expect_version "$id3"
expect_ok dbtool current
expect_stdout_eq "$id3"
expect_ok dbtool current --format json
expect_json "d == {\"current\": \"$id3\"}"

# Nothing left to do.
expect_ok dbtool upgrade
expect_stdout_eq ""
expect_version "$id3"

# --- downgrade by one, then to base
expect_ok dbtool downgrade -1
expect_stdout_eq ""
expect_stderr_match "^downgrade $id3 -> $id2, index b $ms$"
indexes_are "" "revision 3's index is gone"
expect_tables "a b dbtool_version"
expect_ok dbtool current
expect_stdout_eq "$id2"

expect_ok dbtool downgrade base
expect_stderr_match "^downgrade $id2 -> $id1, create b $ms
downgrade $id1 -> <base>, create a $ms$"
expect_tables "dbtool_version"
expect_eq "$(sql_value "SELECT count(*) FROM dbtool_version")" 0 "at base the version table has no row"
expect_ok dbtool current
expect_stdout_eq ""
expect_ok dbtool current --format json
expect_json 'd == {"current": None}'

# --- a relative upgrade
expect_ok dbtool upgrade +2
expect_stderr_match "^upgrade <base> -> $id1, create a $ms
upgrade $id1 -> $id2, create b $ms$"
expect_ok dbtool current
expect_stdout_eq "$id2"
expect_tables "a b dbtool_version"
indexes_are "" "upgrade +2 stops before revision 3"

# --- stamp records a revision without running it
before=$(snapshot_db | grep -v '^version:')
expect_ok dbtool stamp head
expect_stdout_eq ""
expect_stderr_eq "stamp $id2 -> $id3"
expect_ok dbtool current
expect_stdout_eq "$id3"
expect_eq "$(snapshot_db | grep -v '^version:')" "$before" "stamp leaves tables, indexes and rows as they were"
expect_eq "$(sql_value "SELECT count(*) FROM dbtool_version")" 1 "the version table holds one row"

expect_ok dbtool stamp base
expect_stderr_eq "stamp $id3 -> <base>"
expect_version ""
expect_ok dbtool stamp "${id2:0:6}"
expect_stderr_eq "stamp <base> -> $id2"
expect_version "$id2"

# --- upgrade to an id given by prefix
expect_ok dbtool upgrade "${id3:0:7}"
expect_stderr_match "^upgrade $id2 -> $id3, index b $ms$"
expect_version "$id3"
indexes_are "$idx" "the index is back"

finish
