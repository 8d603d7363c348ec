#!/bin/bash
#
# test_objects.sh - objects held as definitions (views, triggers, functions,
# types, comments, grants, policies ...) make the round trip: the model
# declares them, the scratch database builds them and the database's own
# reading of them is compared with the live database's.
#
# Each case starts from the model BEFORE (applied, then rows inserted),
# then declares AFTER and runs: migrate (one revision) -> upgrade -> check
# exits 0 -> migrate writes nothing -> downgrade -1 -> upgrade -> check
# exits 0, the rows kept throughout; then PROBE, a query, must print WANT
# (the objects work).  Then a statement the database rejects is an error
# at its place in the model, and create-all / drop-all handle objects.
#
# usage: DBTOOL=build/cmd/dbtool bash tests/e2e/test_objects.sh sqlite|postgres|mariadb

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DIALECT_ARG=$1

rows() {
	sql_value "SELECT id, total FROM orders ORDER BY id"
}

TABLES="CREATE TABLE orders (id INTEGER PRIMARY KEY, total INTEGER NOT NULL, status TEXT);
CREATE TABLE audit (id INTEGER PRIMARY KEY, order_id INTEGER, what TEXT);"
ROWS_SQL="INSERT INTO orders (id, total, status) VALUES (1, 150, 'paid'), (2, 50, NULL)"

# object_case NAME: uses BEFORE, AFTER, PROBE, WANT.
object_case() {
	local name=$1 want n
	echo "# case $name"
	setup_db "$DIALECT_ARG"
	run_cmd dbtool init
	printf '%s\n' "$BEFORE" >schema.sql
	expect_ok dbtool migrate -m before
	expect_ok dbtool upgrade
	expect_ok dbtool check
	sql_value "$ROWS_SQL" >/dev/null
	want=$(rows)

	printf '%s\n' "$AFTER" >schema.sql
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
	if [ -n "$PROBE" ]; then
		expect_eq "$(sql_value "$PROBE")" "$WANT" "$name: the objects work"
	fi
}

# ------------------------------------------------------- both databases

case "$DIALECT_ARG" in
sqlite)
	TRIGGER="CREATE TRIGGER orders_audit AFTER INSERT ON orders BEGIN
  INSERT INTO audit (order_id, what) VALUES (NEW.id, 'insert'); END;"
	;;
postgres)
	TRIGGER="CREATE FUNCTION orders_audit() RETURNS trigger LANGUAGE plpgsql AS \$\$
BEGIN
  INSERT INTO audit (id, order_id, what) VALUES (NEW.id, NEW.id, 'insert');
  RETURN NEW;
END
\$\$;
CREATE TRIGGER orders_audit AFTER INSERT ON orders FOR EACH ROW EXECUTE FUNCTION orders_audit();"
	;;
mariadb)
	# (audit.id is AUTO_INCREMENT there, the sole INTEGER key)
	TRIGGER="CREATE TRIGGER orders_audit AFTER INSERT ON orders FOR EACH ROW
  INSERT INTO audit (order_id, what) VALUES (NEW.id, 'insert');"
	;;
esac
# Objects added, several to a case (each case is a dozen commands).
BEFORE=$TABLES
AFTER="$TABLES
CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100;
CREATE VIEW big_ids AS SELECT id FROM big_orders;
$TRIGGER"
PROBE="SELECT id FROM big_orders; SELECT count(*) FROM big_ids;
INSERT INTO orders (id, total) VALUES (7, 1); SELECT what FROM audit WHERE order_id = 7"
WANT="1
1
insert"
object_case view_view_on_view_and_trigger

# The table under a view and a trigger changes: SQLite rebuilds it (a NOT
# NULL column with a default), PostgreSQL changes a column's type, which it
# allows only once the view is gone; MariaDB changes it under them.
BEFORE="$TABLES
CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100;
$TRIGGER"
AFTER="CREATE TABLE orders (id INTEGER PRIMARY KEY, total BIGINT NOT NULL, status TEXT NOT NULL DEFAULT 'new', note TEXT);
CREATE TABLE audit (id INTEGER PRIMARY KEY, order_id INTEGER, what TEXT);
CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100;
$TRIGGER"
PROBE="INSERT INTO orders (id, total) VALUES (8, 500); SELECT count(*) FROM big_orders; SELECT what FROM audit WHERE order_id = 8"
WANT="2
insert"
object_case table_change_under_view_and_trigger

BEFORE="$TABLES
CREATE VIEW big_orders AS SELECT id FROM orders WHERE total > 100;
CREATE VIEW big_ids AS SELECT id FROM big_orders;"
AFTER="$TABLES
CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 10;
CREATE VIEW big_ids AS SELECT id FROM big_orders;"
PROBE="SELECT count(*) FROM big_ids"
WANT=2
object_case view_changed

BEFORE="$TABLES
CREATE VIEW big_orders AS SELECT id FROM orders WHERE total > 100;"
AFTER=$TABLES
PROBE="SELECT count(*) FROM orders"
WANT=2
object_case view_dropped

# ------------------------------------------------------- PostgreSQL's kinds

if [ "$DIALECT_ARG" = postgres ]; then
	# Objects added, several to a case.
	BEFORE=$TABLES
	AFTER="CREATE EXTENSION IF NOT EXISTS citext;
CREATE SCHEMA reporting;
$TABLES
CREATE TABLE customers (id INTEGER PRIMARY KEY, email citext UNIQUE);
CREATE FUNCTION add(a integer, b integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT a + b';
CREATE VIEW totals AS SELECT id, add(total, 1) AS plus_one FROM orders;
CREATE PROCEDURE close_order(oid integer) LANGUAGE sql AS \$\$ UPDATE orders SET status = 'closed' WHERE id = oid \$\$;
COMMENT ON TABLE orders IS 'what customers bought';
COMMENT ON COLUMN orders.total IS 'in cents';
GRANT SELECT ON orders TO PUBLIC;
ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
CREATE POLICY paid_only ON orders FOR SELECT USING (status = 'paid');
CREATE MATERIALIZED VIEW order_count AS SELECT count(*) AS n FROM orders;
CREATE VIEW public.paid AS SELECT id FROM public.orders WHERE status = 'paid';"
	# (the view paid is qualified by the managed schema, as pg_dump writes)
	PROBE="SELECT plus_one FROM totals WHERE id = 2;
SELECT obj_description('orders'::regclass, 'pg_class') || ' / ' || col_description('orders'::regclass, 2) || ' / ' || has_table_privilege('public', 'orders', 'SELECT');
SELECT relrowsecurity FROM pg_class WHERE relname = 'orders'; SELECT polname FROM pg_policy;
INSERT INTO customers VALUES (1, 'A@x.org'); SELECT count(*) FROM customers WHERE email = 'a@X.org';
REFRESH MATERIALIZED VIEW order_count; SELECT n FROM order_count;
SELECT count(*) FROM pg_namespace WHERE nspname = 'reporting';
SELECT id FROM paid;
CALL close_order(2); SELECT status FROM orders WHERE id = 2"
	WANT="51
what customers bought / in cents / true
t
paid_only
1
2
1
1
closed"
	object_case function_procedure_comments_grants_policy_extension_matview_schema

	BEFORE="$TABLES
CREATE FUNCTION add(a integer, b integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT a + b';"
	AFTER="$TABLES
CREATE FUNCTION add(a integer, b integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT a + b + 0';"
	PROBE="SELECT add(2, 3)"
	WANT=5
	object_case function_changed

	BEFORE=$TABLES
	AFTER="CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
CREATE SEQUENCE ticket_seq START 100;
$TABLES
CREATE TABLE feedback (id INTEGER PRIMARY KEY, m mood NOT NULL, score positive, ticket INTEGER DEFAULT nextval('ticket_seq'));"
	PROBE="INSERT INTO feedback (id, m, score) VALUES (1, 'happy', 3); SELECT m || ' ' || score || ' ' || ticket FROM feedback"
	WANT="happy 3 100"
	object_case enum_domain_sequence

	BEFORE="CREATE TYPE mood AS ENUM ('sad', 'ok');
$TABLES
CREATE TABLE feedback (id INTEGER PRIMARY KEY, m mood);"
	AFTER="CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
$TABLES
CREATE TABLE feedback (id INTEGER PRIMARY KEY, m mood);"
	PROBE="SELECT array_length(enum_range(NULL::mood), 1)"
	WANT=3
	object_case enum_value_added

	BEFORE="CREATE TYPE mood AS ENUM ('sad', 'meh', 'ok', 'happy');
$TABLES
CREATE TABLE feedback (id INTEGER PRIMARY KEY, m mood DEFAULT 'ok');
CREATE VIEW happy_feedback AS SELECT id FROM feedback WHERE m = 'happy';"
	AFTER="CREATE TYPE mood AS ENUM ('happy', 'ok', 'sad');
$TABLES
CREATE TABLE feedback (id INTEGER PRIMARY KEY, m mood DEFAULT 'ok');
CREATE VIEW happy_feedback AS SELECT id FROM feedback WHERE m = 'happy';"
	ROWS_SQL="INSERT INTO orders (id, total, status) VALUES (1, 150, 'paid'), (2, 50, NULL);
INSERT INTO feedback (id, m) VALUES (1, 'sad'), (2, 'happy'), (3, DEFAULT)"
	PROBE="SELECT string_agg(m::text, ',' ORDER BY m) FROM feedback; SELECT id FROM happy_feedback"
	WANT="happy,ok,sad
2"
	object_case enum_value_removed_and_values_reordered

	# A row holds the value that the upgrade removes: the upgrade fails
	# with the database's message, and nothing changes.
	echo "# an enum value removed that a row holds"
	ROWS_SQL="INSERT INTO orders (id, total, status) VALUES (1, 150, 'paid'), (2, 50, NULL)"
	setup_db "$DIALECT_ARG"
	run_cmd dbtool init
	printf '%s\n' "$BEFORE" >schema.sql
	expect_ok dbtool migrate -m before
	expect_ok dbtool upgrade
	sql_value "INSERT INTO feedback (id, m) VALUES (1, 'meh'), (2, 'happy')" >/dev/null
	printf '%s\n' "$AFTER" >schema.sql
	expect_ok dbtool migrate -m after
	BEFORE_SNAPSHOT=$(snapshot)
	expect_fail 1 dbtool upgrade
	expect_stderr_contains 'invalid input value for enum mood: "meh"'
	expect_error_line
	expect_eq "$(snapshot)" "$BEFORE_SNAPSHOT" "the failed upgrade changes nothing"
	expect_eq "$(sql_value "SELECT string_agg(m::text, ',' ORDER BY id) FROM feedback")" "meh,happy" \
		"the rows keep their values"
	expect_eq "$(sql_value "SELECT array_length(enum_range(NULL::mood), 1)")" 4 "the type keeps its values"

	BEFORE="$TABLES
COMMENT ON TABLE orders IS 'old words';"
	AFTER="$TABLES
COMMENT ON TABLE orders IS 'new words';"
	PROBE="SELECT obj_description('orders'::regclass, 'pg_class')"
	WANT="new words"
	object_case comment_changed

fi

# ---------------------------------------------------------- MariaDB's kinds

# MariaDB has functions and procedures (no overloading: a routine is its
# name), with bodies of one statement here, as a model writes them without
# DELIMITER lines.  It has no types, domains, extensions, schemas in
# PostgreSQL's sense, policies or comments as objects; its sequences are
# tables of a kind of their own, which reflection does not read yet.
if [ "$DIALECT_ARG" = mariadb ]; then
	BEFORE=$TABLES
	AFTER="$TABLES
CREATE FUNCTION add_one(a INTEGER) RETURNS INTEGER DETERMINISTIC RETURN a + 1;
CREATE VIEW totals AS SELECT id, add_one(total) AS plus_one FROM orders;
CREATE PROCEDURE close_order(oid INTEGER) MODIFIES SQL DATA UPDATE orders SET status = 'closed' WHERE id = oid;"
	PROBE="SELECT plus_one FROM totals WHERE id = 2; CALL close_order(2); SELECT status FROM orders WHERE id = 2"
	WANT="51
closed"
	object_case function_procedure_and_a_view_using_one

	BEFORE="$TABLES
CREATE FUNCTION add_one(a INTEGER) RETURNS INTEGER DETERMINISTIC RETURN a + 1;"
	AFTER="$TABLES
CREATE FUNCTION add_one(a INTEGER) RETURNS INTEGER DETERMINISTIC RETURN a + 1 + 0;"
	PROBE="SELECT add_one(4)"
	WANT=5
	object_case function_changed
fi

# ------------------------------------------------------------- errors

echo "# a statement the database rejects"
setup_db "$DIALECT_ARG"
run_cmd dbtool init
printf '%s\n' "$TABLES" >schema.sql
expect_ok dbtool migrate -m tables
expect_ok dbtool upgrade
printf '%s\n\n  CREATE VIEW broken AS SELEC id FROM orders;\n' "$TABLES" >schema.sql
BEFORE_SNAPSHOT=$(snapshot)
expect_fail 1 dbtool migrate -m broken
expect_stderr_match '^dbtool: error: .*schema\.sql:4:3: .*'
expect_error_line
expect_eq "$(snapshot)" "$BEFORE_SNAPSHOT" "the refused migrate writes nothing and changes nothing"
expect_fail 1 dbtool check
expect_stderr_match '^dbtool: error: .*schema\.sql:4:3: .*'

# ----------------------------------------------------- create-all, drop-all

echo "# create-all and drop-all"
setup_db "$DIALECT_ARG"
run_cmd dbtool init
printf '%s\n%s\n%s\n' "$TABLES" "CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100;" \
	"$TRIGGER" >schema.sql
expect_ok dbtool create-all
expect_stderr_contains "create view big_orders"
expect_stderr_contains "create trigger orders_audit ON orders"
sql_value "INSERT INTO orders (id, total) VALUES (3, 300)" >/dev/null
expect_eq "$(sql_value "SELECT what FROM audit WHERE order_id = 3")" insert "create-all made the trigger"
expect_eq "$(sql_value "SELECT id FROM big_orders")" 3 "create-all made the view"
expect_ok dbtool create-all
expect_stderr_not_contains "create view"
expect_ok dbtool drop-all --yes
expect_stderr_contains "drop view big_orders"
expect_stderr_contains "drop trigger orders_audit ON orders"
expect_eq "$(tables)" "" "drop-all leaves no table"

finish
