#!/bin/bash
#
# test_txcontrol.sh - transaction control inside a revision, on one
# dialect: BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK, ABORT,
# SAVEPOINT, RELEASE and PREPARE TRANSACTION in a revision that runs in a
# transaction are refused with file:line before anything runs, for
# upgrade, downgrade and --sql, and leave the database and its version
# unchanged; the same words inside strings, comments, quoted names,
# dollar quotes, routine bodies (BEGIN ATOMIC) and SQLite trigger bodies
# are not statements and pass; '-- transaction: false' opts out.
# MariaDB commits each DDL statement at once, so dbtool journals every
# revision there, each statement committing with its count in the
# journal: transaction control would break that, and is refused in every
# revision, '-- transaction: false' or not.  Its own quoting (backticks,
# backslash escapes, # comments) and bodies (DELIMITER, BEGIN NOT ATOMIC)
# are no statements either.
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_txcontrol.sh sqlite|postgres|mariadb

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_db "$1"

V=migrations/versions

# expect_unchanged BEFORE: the project and the database are as in BEFORE.
expect_unchanged() {
	local after
	after=$(snapshot)
	if [ "$1" = "$after" ]; then
		pass "'$LAST_CMD' changed no file and nothing in the database"
	else
		fail "'$LAST_CMD' should change nothing" "$(diff <(printf '%s\n' "$1") <(printf '%s\n' "$after"))"
	fi
}

refusal() { # FILE LINE STATEMENT SECTION ID
	case "$DIALECT" in
	mariadb) echo "dbtool: error: $1:$2: '$3' in the $4 of revision $5 would end or split the transactions in which dbtool commits each statement of the revision with its count in the journal (mysql commits each DDL statement at once, so every revision is journaled, '-- transaction: false' too): remove it" ;;
	*) echo "dbtool: error: $1:$2: '$3' in the $4 of revision $5 would end or split the transaction that dbtool runs the revision in: remove it, or add '-- transaction: false' to the header to run the revision outside a transaction" ;;
	esac
}

expect_ok dbtool -q init
new_revision a001 "" "base table" "CREATE TABLE t0 (id INTEGER PRIMARY KEY);" "DROP TABLE t0;" >/dev/null

# --- a refused statement stops the run before the revision below it runs
# The upgrade SQL starts on line 7 (see new_revision): the statement is on 8.
bad=$(new_revision b002 a001 "commits halfway" \
	"CREATE TABLE t1 (id INTEGER PRIMARY KEY);
COMMIT;
CREATE TABLE t2 (id INTEGER PRIMARY KEY);" "DROP TABLE t2;
DROP TABLE t1;")
expect_ok dbtool stamp base # the database exists, at base
before=$(snapshot)
expect_fail 1 dbtool upgrade
expect_stderr_eq "$(refusal "$bad" 8 COMMIT upgrade b002)"
expect_unchanged "$before"
expect_fail 1 dbtool upgrade --sql
expect_stderr_eq "$(refusal "$bad" 8 COMMIT upgrade b002)"
expect_stdout_eq ""
expect_ok dbtool upgrade a001
expect_version a001

# --- every form, alone between two statements, on the pending revision
forms=(
	"BEGIN" "begin" "BEGIN TRANSACTION" "BEGIN WORK" "BEGIN DEFERRED TRANSACTION"
	"BEGIN IMMEDIATE" "begin exclusive transaction" "START TRANSACTION"
	"START TRANSACTION ISOLATION LEVEL SERIALIZABLE" "COMMIT" "commit" "COMMIT TRANSACTION"
	"COMMIT WORK" "COMMIT PREPARED 'x'" "END" "END TRANSACTION" "end" "ROLLBACK"
	"ROLLBACK TRANSACTION" "ROLLBACK TO SAVEPOINT s1" "ROLLBACK TO s1" "ROLLBACK PREPARED 'x'"
	"ABORT" "SAVEPOINT s1" "RELEASE s1" "RELEASE SAVEPOINT s1" "PREPARE TRANSACTION 'x'"
	"prepare transaction 'x'"
)
for form in "${forms[@]}"; do
	write_revision "$bad" "CREATE TABLE t1 (id INTEGER PRIMARY KEY);
  /* leading comment */ $form ;
CREATE TABLE t2 (id INTEGER PRIMARY KEY);" "DROP TABLE t2;
DROP TABLE t1;"
	before=$(snapshot)
	expect_fail 1 dbtool upgrade
	expect_stderr_eq "$(refusal "$bad" 8 "$form" upgrade b002)"
	expect_unchanged "$before"
	expect_fail 1 dbtool upgrade --sql
	expect_stderr_contains "$bad:8: "
done
expect_version a001
expect_tables "dbtool_version t0"

# PREPARE of a statement is no transaction control (SQLite has none).
case "$DIALECT" in
postgres)
	write_revision "$bad" "CREATE TABLE t1 (id INTEGER PRIMARY KEY);
PREPARE ins (int) AS INSERT INTO t1 VALUES (\$1);
EXECUTE ins(1);
DEALLOCATE ins;" "DROP TABLE t1;"
	;;
mariadb)
	write_revision "$bad" "CREATE TABLE t1 (id INTEGER PRIMARY KEY);
PREPARE ins FROM 'INSERT INTO t1 VALUES (?)';
SET @one = 1;
EXECUTE ins USING @one;
DEALLOCATE PREPARE ins;" "DROP TABLE t1;"
	;;
esac
if [ "$DIALECT" != sqlite ]; then
	expect_ok dbtool upgrade
	expect_version b002
	expect_eq "$(sql_value "SELECT count(*) FROM t1")" 1 "the prepared statement ran"
	expect_ok dbtool downgrade a001
fi

# --- the words inside strings, comments and quoted names are no statements
case "$DIALECT" in
mariadb)
	# Names in backticks; a backslash escapes a quote in a string; # starts
	# a comment.
	write_revision "$bad" "CREATE TABLE t1 (id INTEGER PRIMARY KEY, note TEXT);
INSERT INTO t1 (id, note) VALUES (1, 'COMMIT;
ROLLBACK;');
INSERT INTO t1 (id, note) VALUES (2, 'it\\'s; COMMIT; \"x;');
-- ROLLBACK;
# COMMIT;
/* COMMIT;
END; */
CREATE TABLE \`begin\` (\`end;commit\` INTEGER);
INSERT INTO \`begin\` (\`end;commit\`) VALUES (1);" "DROP TABLE \`begin\`;
DROP TABLE t1;"
	note() { my_sql_raw "$MY_DATABASE" "SELECT note FROM t1 WHERE id = $1"; }
	;;
*)
	write_revision "$bad" "CREATE TABLE t1 (id INTEGER PRIMARY KEY, note TEXT);
INSERT INTO t1 (id, note) VALUES (1, 'COMMIT;
ROLLBACK;');
-- ROLLBACK;
/* COMMIT;
END; */
CREATE TABLE \"begin\" (\"end\" INTEGER);
INSERT INTO \"begin\" (\"end\") VALUES (1);" "DROP TABLE \"begin\";
DROP TABLE t1;"
	note() { sql_value "SELECT note FROM t1 WHERE id = $1"; }
	;;
esac
expect_ok dbtool upgrade
expect_version b002
expect_eq "$(note 1)" "COMMIT;
ROLLBACK;" "the string with COMMIT in it was inserted as it is"
if [ "$DIALECT" = mariadb ]; then
	expect_eq "$(note 2)" "it's; COMMIT; \"x;" "the string with an escaped quote was inserted as it is"
fi
expect_ok dbtool downgrade a001
expect_version a001

# --- bodies with BEGIN ... END are not refused
case "$DIALECT" in
sqlite)
	write_revision "$bad" "CREATE TABLE t1 (id INTEGER PRIMARY KEY, n INTEGER);
CREATE TABLE log (msg TEXT);
CREATE TRIGGER t1_log AFTER INSERT ON t1
WHEN new.n IS NOT NULL
BEGIN
  INSERT INTO log (msg) VALUES (CASE WHEN new.n > 0 THEN 'positive' ELSE 'other' END);
  UPDATE t1 SET n = n + 1 WHERE id = new.id;
END;
CREATE TEMPORARY TRIGGER IF NOT EXISTS t1_tmp AFTER DELETE ON t1 BEGIN
  DELETE FROM log;
END;
INSERT INTO t1 (id, n) VALUES (1, 5);" "DROP TABLE log;
DROP TABLE t1;"
	;;
postgres)
	write_revision "$bad" "CREATE TABLE t1 (id INTEGER PRIMARY KEY, n INTEGER);
CREATE TABLE log (msg TEXT);
CREATE FUNCTION t1_log() RETURNS trigger LANGUAGE plpgsql AS \$\$
BEGIN
  INSERT INTO log (msg) VALUES (CASE WHEN NEW.n > 0 THEN 'positive' ELSE 'other' END);
  RETURN NEW;
END;
\$\$;
CREATE TRIGGER t1_log AFTER INSERT ON t1 FOR EACH ROW EXECUTE FUNCTION t1_log();
CREATE FUNCTION twice(x integer) RETURNS integer LANGUAGE sql
BEGIN ATOMIC
  SELECT x * 2;
END;
DO \$\$ BEGIN PERFORM 1; END \$\$;
INSERT INTO t1 (id, n) VALUES (1, twice(3));" "DROP TABLE log;
DROP TABLE t1;
DROP FUNCTION twice(integer);
DROP FUNCTION t1_log();"
	;;
mariadb)
	# Bodies between DELIMITER lines, as in the mariadb client; BEGIN NOT
	# ATOMIC is a compound statement, not a transaction.
	write_revision "$bad" "CREATE TABLE t1 (id INTEGER PRIMARY KEY, n INTEGER);
CREATE TABLE log (msg TEXT);
DELIMITER //
CREATE TRIGGER t1_log AFTER INSERT ON t1 FOR EACH ROW
BEGIN
  INSERT INTO log (msg) VALUES (CASE WHEN NEW.n > 0 THEN 'positive' ELSE 'other' END);
END//
CREATE FUNCTION twice(x INTEGER) RETURNS INTEGER DETERMINISTIC
BEGIN
  RETURN x * 2;
END//
BEGIN NOT ATOMIC
  DECLARE y INTEGER DEFAULT 1;
  SET y = y + 1;
END//
DELIMITER ;
INSERT INTO t1 (id, n) VALUES (1, twice(3));" "DROP TABLE log;
DROP TABLE t1;
DROP FUNCTION twice;"
	;;
esac
expect_ok dbtool upgrade
expect_version b002
expect_eq "$(sql_value "SELECT msg FROM log")" "positive" "the trigger ran"
expect_ok dbtool downgrade a001
expect_ok dbtool upgrade --sql
case "$DIALECT" in
mariadb) expect_stdout_contains "END//" ;;
*) expect_stdout_contains "END;" ;;
esac
expect_ok dbtool upgrade
expect_ok dbtool downgrade a001
expect_tables "dbtool_version t0"

# --- downgrade: a refused statement in the downgrade section
write_revision "$bad" "CREATE TABLE t1 (id INTEGER PRIMARY KEY);" "DROP TABLE t1;
ROLLBACK;"
expect_ok dbtool upgrade
expect_version b002
before=$(snapshot)
expect_fail 1 dbtool downgrade base
expect_stderr_eq "$(refusal "$bad" 11 ROLLBACK downgrade b002)"
expect_unchanged "$before"
expect_fail 1 dbtool downgrade -1 --sql
expect_stderr_eq "$(refusal "$bad" 11 ROLLBACK downgrade b002)"
expect_version b002
expect_tables "dbtool_version t0 t1"

# --- '-- transaction: false' runs its own transactions
cat >"$bad" <<'SQL'
-- id: b002
-- parent: a001
-- message: by hand
-- transaction: false

-- migrate:upgrade
BEGIN;
CREATE TABLE t1 (id INTEGER PRIMARY KEY);
INSERT INTO t1 (id) VALUES (1);
COMMIT;

-- migrate:downgrade
BEGIN;
DROP TABLE t1;
COMMIT;
SQL
expect_ok dbtool repair b002
if [ "$DIALECT" = mariadb ]; then
	# Journaled all the same: its BEGIN would hold each statement's count
	# in the journal uncommitted, and its COMMIT commit it before the
	# statement is done; refused before anything runs, as above.
	before=$(snapshot)
	expect_fail 1 dbtool downgrade a001
	expect_stderr_eq "$(refusal "$bad" 13 BEGIN downgrade b002)"
	expect_unchanged "$before"
	expect_fail 1 dbtool downgrade a001 --sql
	expect_stderr_eq "$(refusal "$bad" 13 BEGIN downgrade b002)"
	expect_stdout_eq ""
	# Without them, the revision runs, each statement on its own.
	sed -i '/^BEGIN;$/d; /^COMMIT;$/d' "$bad"
	expect_ok dbtool repair b002
fi
expect_ok dbtool downgrade a001
expect_tables "dbtool_version t0"
expect_ok dbtool upgrade
expect_version b002
expect_eq "$(sql_value "SELECT count(*) FROM t1")" 1 "the revision's own transaction committed"

finish
