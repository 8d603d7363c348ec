#!/bin/bash
#
# test_rebuild_keep.sh - triggers and views survive a change of the table
# they belong to, on one dialect.  SQLite makes the change by rebuilding
# the table, which drops its triggers and cannot rename the new table
# while a view names the old one; dbtool drops and creates again the
# triggers on the table, the triggers and views that name it, and the
# views on those views.  After the upgrade, the downgrade and their
# offline replays, every trigger and view is there and works, and the
# rows are kept.  A change that drops a column a trigger uses is refused
# by migrate, naming both, and writes nothing.  PostgreSQL alters the
# table in place; the same steps must keep its triggers and views too, and
# so does MariaDB, which changes the column in place under them.
# The model declares the triggers and views, which dbtool manages (a
# view whose text differs, here by a trailing comment, is dropped and
# created again around the rebuild rather than kept by it).
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_rebuild_keep.sh sqlite|postgres|mariadb

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_db "$1"

# objects: the database's triggers and views, sorted, one per line.
objects() {
	case "$DIALECT" in
	sqlite) sql_value "SELECT type || ' ' || name FROM sqlite_master WHERE type IN ('trigger', 'view')" ;;
	postgres)
		sql_value "SELECT 'trigger ' || tgname FROM pg_trigger WHERE NOT tgisinternal
			UNION ALL SELECT 'view ' || viewname FROM pg_views WHERE schemaname = 'public'"
		;;
	mariadb)
		sql_value "SELECT CONCAT('trigger ', trigger_name) FROM information_schema.triggers WHERE trigger_schema = DATABASE()
			UNION ALL SELECT CONCAT('view ', table_name) FROM information_schema.views WHERE table_schema = DATABASE()"
		;;
	esac | LC_ALL=C sort
}

# What the trigger on log leaves: qty set on the item.  MariaDB refuses a
# trigger that changes the table of the statement that fired it (items,
# through the trigger on items), so there the trigger on log marks the
# log row itself, before it is written.
LOG_MARK=
[ "$1" = mariadb ] && LOG_MARK=" (logged)"

OBJECTS="trigger items_ins
trigger log_ins
view v2
view v_items"

# works WHEN N: the objects are all there, inserting an item fires both
# triggers (a log row, then qty set), and the views show the N items.
works() {
	local when=$1 n=$2
	expect_eq "$(objects)" "$OBJECTS" "$when: the triggers and views are all there"
	sql_value "INSERT INTO items (id, name) VALUES ($n, 'item$n')" >/dev/null
	expect_eq "$(sql_value "SELECT what FROM log WHERE item_id = $n")" "insert item$n$LOG_MARK" \
		"$when: a new item fires the trigger on items"
	if [ "$DIALECT" = mariadb ]; then
		expect_eq "$(sql_value "SELECT count(*) FROM log WHERE item_id = $n AND what LIKE '% (logged)'")" 1 \
			"$when: its log row fires the trigger on log, which marks it"
	else
		expect_eq "$(sql_value "SELECT qty FROM items WHERE id = $n")" 0 \
			"$when: its log row fires the trigger on log, which updates items"
	fi
	expect_eq "$(sql_value 'SELECT count(*) FROM v2')" "$n" "$when: the view on the view shows all $n items"
}

# feed FILE: an offline script to the database's own client.
feed() {
	LAST_CMD="feed $(basename "$1")"
	case "$DIALECT" in
	sqlite) sqlite3 -batch -bail "$DB_FILE" <"$1" >"$OUT" 2>"$ERR" ;;
	postgres) psql "$TEST_URL" -X -q -v ON_ERROR_STOP=1 -f "$1" >"$OUT" 2>"$ERR" </dev/null ;;
	mariadb) my_sql_raw "$MY_DATABASE" <"$1" >"$OUT" 2>"$ERR" ;;
	esac
	STATUS=$?
	if [ "$STATUS" = 0 ]; then
		pass "$(basename "$1") runs in the database's client"
	else
		fail "$(basename "$1") should run in the database's client" "$(show_output)"
	fi
}

expect_ok dbtool -q init
cat >schema.sql <<'EOF'
CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT, qty INTEGER, note TEXT);
CREATE TABLE log (id INTEGER PRIMARY KEY, item_id INTEGER, what TEXT);
EOF
expect_ok dbtool migrate -m tables
expect_ok dbtool upgrade

# The triggers and views are made in the database, outside dbtool, and the
# model declares the same: the model holds them as the database does.
case "$DIALECT" in
sqlite)
	OBJECTS_SQL="CREATE TRIGGER items_ins AFTER INSERT ON items BEGIN
	  INSERT INTO log (id, item_id, what) VALUES (NEW.id, NEW.id, 'insert ' || NEW.name); END;
	CREATE VIEW v_items AS SELECT id, name FROM items -- a comment at the end
	;
	CREATE VIEW v2 AS SELECT * FROM v_items;
	CREATE TRIGGER log_ins AFTER INSERT ON log BEGIN
	  UPDATE items SET qty = coalesce(qty, 0) WHERE id = NEW.item_id; END;"
	;;
postgres)
	OBJECTS_SQL="CREATE FUNCTION items_ins() RETURNS trigger LANGUAGE plpgsql AS \$\$
	  BEGIN INSERT INTO log (id, item_id, what) VALUES (NEW.id, NEW.id, 'insert ' || NEW.name); RETURN NEW; END \$\$;
	CREATE TRIGGER items_ins AFTER INSERT ON items FOR EACH ROW EXECUTE FUNCTION items_ins();
	CREATE VIEW v_items AS SELECT id, name FROM items;
	CREATE VIEW v2 AS SELECT * FROM v_items;
	CREATE FUNCTION log_ins() RETURNS trigger LANGUAGE plpgsql AS \$\$
	  BEGIN UPDATE items SET qty = coalesce(qty, 0) WHERE id = NEW.item_id; RETURN NEW; END \$\$;
	CREATE TRIGGER log_ins AFTER INSERT ON log FOR EACH ROW EXECUTE FUNCTION log_ins();"
	;;
mariadb)
	OBJECTS_SQL="CREATE TRIGGER items_ins AFTER INSERT ON items FOR EACH ROW
	  INSERT INTO log (id, item_id, what) VALUES (NEW.id, NEW.id, CONCAT('insert ', NEW.name));
	CREATE VIEW v_items AS SELECT id, name FROM items;
	CREATE VIEW v2 AS SELECT * FROM v_items;
	CREATE TRIGGER log_ins BEFORE INSERT ON log FOR EACH ROW SET NEW.what = CONCAT(NEW.what, ' (logged)');"
	;;
esac
sql_value "$OBJECTS_SQL" >/dev/null
printf '%s\n' "$OBJECTS_SQL" >>schema.sql
works "before any change" 1

# A change SQLite can make only by rebuilding items: name made NOT NULL.
sed -i "s/name TEXT,/name TEXT NOT NULL DEFAULT '',/" schema.sql
expect_ok dbtool migrate -m "name not null"
REV=$(cat "$OUT")
if [ "$DIALECT" = sqlite ]; then
	if grep -q '^ALTER TABLE _dbtool_new_items RENAME TO items;' "$REV"; then
		pass "the revision rebuilds items"
	else
		fail "the revision should rebuild items" "$(cat "$REV")"
	fi
fi
expect_ok dbtool upgrade
works "after the upgrade" 2
expect_eq "$(sql_value 'SELECT count(*) FROM log')" 2 "the log keeps its rows"
expect_ok dbtool check
expect_ok dbtool downgrade -1
works "after the downgrade" 3
expect_ok dbtool upgrade
works "after the upgrade again" 4

# The same offline.
expect_ok dbtool downgrade -1 --sql
cp "$OUT" "$WORK/down.sql"
feed "$WORK/down.sql"
works "after the offline downgrade" 5
expect_ok dbtool upgrade --sql
cp "$OUT" "$WORK/up.sql"
feed "$WORK/up.sql"
works "after the offline upgrade" 6

# A change that drops the column qty, which the trigger on log uses.
if [ "$DIALECT" = sqlite ]; then
	sed -i "s/qty INTEGER, note TEXT/note TEXT NOT NULL DEFAULT ''/" schema.sql
	BEFORE=$(snapshot)
	expect_fail 1 dbtool migrate -m "drop qty"
	expect_stderr_contains "cannot rebuild table 'items': trigger 'log_ins' uses column 'qty', which the change drops"
	expect_error_line
	expect_eq "$(snapshot)" "$BEFORE" "the refused migrate writes nothing and changes nothing"
fi

finish
