/*
 * test_txcontrol.c - finding transaction-control statements in a revision
 * section: every form is found with its line, the same words inside
 * strings, quoted names, comments, dollar quotes, routine bodies and SQLite
 * trigger bodies are not, nor on MariaDB/MySQL those in backticks, strings
 * with backslash escapes, # comments, bodies between DELIMITER lines and
 * BEGIN NOT ATOMIC blocks.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "dialect.h"
#include "txcontrol.h"

/* The statement found in `sql` ("" when none) and its 0-based line. */
static const char *found(const char *sql, dbt_dialect_kind kind, int *line)
{
	static char text[256];
	dbt_sqlstmt st;

	text[0] = '\0';
	*line = -1;
	if (dbt_txcontrol_find(&st, sql, dbt_dialect_for(kind))) {
		snprintf(text, sizeof(text), "%.*s", (int)st.len, sql + st.start);
		*line = st.line;
	}
	return text;
}

static void finds_every_form_on_both_dialects(void **state)
{
	static const char *const forms[] = {
		"BEGIN",
		"begin transaction",
		"BEGIN WORK",
		"BEGIN IMMEDIATE TRANSACTION",
		"START TRANSACTION READ WRITE",
		"COMMIT",
		"COMMIT PREPARED 'x'",
		"END",
		"end transaction",
		"ROLLBACK",
		"ROLLBACK TO SAVEPOINT s",
		"ABORT",
		"SAVEPOINT s",
		"RELEASE s",
		"RELEASE SAVEPOINT s",
		"PREPARE TRANSACTION 'x'",
	};
	char sql[256];
	size_t i;
	int line, kind;

	(void)state;
	for (kind = DBT_DIALECT_SQLITE; kind <= DBT_DIALECT_MYSQL; kind++) {
		for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
			snprintf(sql, sizeof(sql),
				 "CREATE TABLE a (id int);\n-- note\n  %s;\nSELECT 1;", forms[i]);
			assert_string_equal(found(sql, (dbt_dialect_kind)kind, &line), forms[i]);
			assert_int_equal(line, 2);
		}
	}
}

static void words_inside_literals_and_comments_are_not_statements(void **state)
{
	const char *sql = "INSERT INTO t VALUES ('COMMIT; ROLLBACK;');\n"
			  "-- COMMIT;\n"
			  "/* BEGIN; */\n"
			  "CREATE TABLE \"begin\" (\"end\" int);\n"
			  "PREPARE q (int) AS SELECT $1;\n"
			  "SELECT $$ COMMIT; $$;\n";
	int line;

	(void)state;
	assert_string_equal(found(sql, DBT_DIALECT_POSTGRES, &line), "");
	assert_string_equal(found(sql, DBT_DIALECT_SQLITE, &line), "");
}

static void routine_body_is_not_refused_on_postgres(void **state)
{
	const char *sql = "CREATE FUNCTION f() RETURNS int LANGUAGE sql\n"
			  "BEGIN ATOMIC\n"
			  "  SELECT 1;\n"
			  "END;\n"
			  "DO $$ BEGIN PERFORM 1; END $$;\n"
			  "ROLLBACK;\n";
	int line;

	(void)state;
	assert_string_equal(found(sql, DBT_DIALECT_POSTGRES, &line), "ROLLBACK");
	assert_int_equal(line, 5);
}

static void trigger_body_is_not_refused_on_sqlite(void **state)
{
	const char *sql = "CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n"
			  "  UPDATE t SET n = CASE WHEN new.n > 0 THEN 1 ELSE 2 END;\n"
			  "  DELETE FROM u;\n"
			  "END;\n"
			  "create temp trigger tr2 after delete on t begin\n"
			  "  select 1;\n"
			  "end;\n"
			  "END;\n";
	int line;

	(void)state;
	assert_string_equal(found(sql, DBT_DIALECT_SQLITE, &line), "END");
	assert_int_equal(line, 7);
}

static void mysql_quoting_hides_the_words(void **state)
{
	const char *sql = "INSERT INTO t VALUES ('it\\'s; COMMIT; \\\\');\n"
			  "INSERT INTO t VALUES (\"x\\\"; ROLLBACK;\");\n"
			  "# COMMIT;\n"
			  "CREATE TABLE `a;begin` (`end;commit` int);\n"
			  "SELECT 1;\n";
	int line;

	(void)state;
	assert_string_equal(found(sql, DBT_DIALECT_MYSQL, &line), "");
}

static void delimiter_bodies_are_not_refused_on_mysql(void **state)
{
	const char *sql = "DELIMITER //\n"
			  "CREATE TRIGGER tr AFTER INSERT ON t FOR EACH ROW\n"
			  "BEGIN\n"
			  "  INSERT INTO log VALUES (1);\n"
			  "END//\n"
			  "BEGIN NOT ATOMIC\n"
			  "  SELECT 1;\n"
			  "END//\n"
			  "DELIMITER ;\n"
			  "XA START 'x';\n";
	int line;

	(void)state;
	assert_string_equal(found(sql, DBT_DIALECT_MYSQL, &line), "XA START 'x'");
	assert_int_equal(line, 9);
}

static void compound_body_between_delimiters_is_not_refused_on_mariadb(void **state)
{
	const char *sql = "CREATE TABLE t (n INT);\n"
			  "DELIMITER //\n"
			  "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN\n"
			  "  SET NEW.n = 1;\n"
			  "END//\n"
			  "DELIMITER ;\n"
			  "COMMIT;\n";
	int line;

	(void)state;
	assert_string_equal(found(sql, DBT_DIALECT_MYSQL, &line), "COMMIT");
	assert_int_equal(line, 6);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(finds_every_form_on_both_dialects),
		cmocka_unit_test(words_inside_literals_and_comments_are_not_statements),
		cmocka_unit_test(routine_body_is_not_refused_on_postgres),
		cmocka_unit_test(trigger_body_is_not_refused_on_sqlite),
		cmocka_unit_test(mysql_quoting_hides_the_words),
		cmocka_unit_test(delimiter_bodies_are_not_refused_on_mysql),
		cmocka_unit_test(compound_body_between_delimiters_is_not_refused_on_mariadb),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
