/*
 * test_sqlsplit.c - splitting scripts into statements: every lexical form
 * that may hide a semicolon (strings, E'' escapes, quoted identifiers,
 * dollar quotes, comments, parentheses, BEGIN ATOMIC bodies), statement
 * boundaries, line numbers, empty statements and unterminated input.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dbtool.h"
#include "sqlsplit.h"
#include "testutil.h"

#define MAX_STMTS 8

struct split {
	size_t n;
	char *text[MAX_STMTS];
	int line[MAX_STMTS];
	size_t end_pos; /* *pos after the last call */
	int end_line;	/* *line after the last call */
};

/* Splits the whole script, keeping each statement's text and line. */
static void split(struct split *out, const char *sql)
{
	dbt_sqlstmt st;
	size_t pos = 0;
	int line = 0;

	memset(out, 0, sizeof(*out));
	while (dbt_sql_next(&st, sql, &pos, &line)) {
		assert_true(out->n < MAX_STMTS);
		assert_true(st.start + st.len <= strlen(sql));
		assert_true(st.len > 0);
		out->text[out->n] = strndup(sql + st.start, st.len);
		assert_non_null(out->text[out->n]);
		out->line[out->n] = st.line;
		out->n++;
	}
	out->end_pos = pos;
	out->end_line = line;
}

static void release(struct split *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->text[i]);
}

static void splits_simple_statements(void **state)
{
	struct split s;

	(void)state;
	split(&s, "CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\n");
	assert_int_equal(s.n, 2);
	assert_string_equal(s.text[0], "CREATE TABLE a (id int)");
	assert_string_equal(s.text[1], "INSERT INTO a VALUES (1)");
	release(&s);
}

static void last_statement_needs_no_semicolon(void **state)
{
	struct split s;

	(void)state;
	split(&s, "SELECT 1;\nSELECT 2  \n\n");
	assert_int_equal(s.n, 2);
	assert_string_equal(s.text[1], "SELECT 2");
	release(&s);
}

static void empty_script_has_no_statement(void **state)
{
	struct split s;

	(void)state;
	split(&s, "");
	assert_int_equal(s.n, 0);
	assert_int_equal(s.end_pos, 0);
	split(&s, "  \n\t\n");
	assert_int_equal(s.n, 0);
	assert_int_equal(s.end_pos, 5);
	assert_int_equal(s.end_line, 2);
}

static void only_comments_is_no_statement(void **state)
{
	struct split s;

	(void)state;
	split(&s, "-- nothing; here\n/* nor; here */\n-- last");
	assert_int_equal(s.n, 0);
	assert_int_equal(s.end_line, 2);
}

static void empty_statements_are_skipped(void **state)
{
	struct split s;

	(void)state;
	split(&s, ";;SELECT 1;; ;\n;SELECT 2;;");
	assert_int_equal(s.n, 2);
	assert_string_equal(s.text[0], "SELECT 1");
	assert_string_equal(s.text[1], "SELECT 2");
	assert_int_equal(s.line[1], 1);
	release(&s);
}

static void trailing_blanks_are_not_part_of_statement(void **state)
{
	struct split s;

	(void)state;
	split(&s, "SELECT 1 \t\r\n ;");
	assert_int_equal(s.n, 1);
	assert_string_equal(s.text[0], "SELECT 1");
	release(&s);
}

static void leading_comments_are_skipped(void **state)
{
	struct split s;

	(void)state;
	split(&s, "-- first; comment\n/* block; */ -- more\n  SELECT 1;");
	assert_int_equal(s.n, 1);
	assert_string_equal(s.text[0], "SELECT 1");
	assert_int_equal(s.line[0], 2);
	release(&s);
}

static void trailing_comments_are_not_part_of_statement(void **state)
{
	struct split s;

	(void)state;
	split(&s, "SELECT 1 -- the answer\n;SELECT 2 /* two */ ;");
	assert_int_equal(s.n, 2);
	assert_string_equal(s.text[0], "SELECT 1");
	assert_string_equal(s.text[1], "SELECT 2");
	release(&s);
}

static void comments_inside_statement_are_kept(void **state)
{
	struct split s;

	(void)state;
	split(&s, "SELECT /* a; */ 1 -- b;\n + 2;");
	assert_int_equal(s.n, 1);
	assert_string_equal(s.text[0], "SELECT /* a; */ 1 -- b;\n + 2");
	release(&s);
}

static void semicolon_in_string_does_not_split(void **state)
{
	struct split s;

	(void)state;
	split(&s, "INSERT INTO t VALUES ('a;b');SELECT 2;");
	assert_int_equal(s.n, 2);
	assert_string_equal(s.text[0], "INSERT INTO t VALUES ('a;b')");
	release(&s);
}

static void doubled_quote_stays_in_string(void **state)
{
	struct split s;

	(void)state;
	split(&s, "SELECT 'it''s; fine', '';SELECT 2;");
	assert_int_equal(s.n, 2);
	assert_string_equal(s.text[0], "SELECT 'it''s; fine', ''");
	release(&s);
}

static void backslash_does_not_escape_in_plain_string(void **state)
{
	struct split s;

	(void)state;
	/* standard_conforming_strings: '\' is a one-byte string. */
	split(&s, "SELECT '\\';SELECT 2;");
	assert_int_equal(s.n, 2);
	assert_string_equal(s.text[0], "SELECT '\\'");
	release(&s);
}

static void escape_string_backslash_quote(void **state)
{
	struct split s;

	(void)state;
	split(&s, "SELECT E'\\';x';SELECT e'\\\\';SELECT 3;");
	assert_int_equal(s.n, 3);
	assert_string_equal(s.text[0], "SELECT E'\\';x'");
	assert_string_equal(s.text[1], "SELECT e'\\\\'");
	assert_string_equal(s.text[2], "SELECT 3");
	release(&s);
}

static void escape_string_doubled_quote(void **state)
{
	struct split s;

	(void)state;
	split(&s, "SELECT E'a'';b';SELECT 2;");
	assert_int_equal(s.n, 2);
	assert_string_equal(s.text[0], "SELECT E'a'';b'");
	release(&s);
}

static void identifier_ending_in_e_is_not_escape_string(void **state)
{
	struct split s;

	(void)state;
	/* "some" followed by a string is not E'': the backslash ends nothing. */
	split(&s, "SELECT some'\\';SELECT 2;");
	assert_int_equal(s.n, 2);
	assert_string_equal(s.text[0], "SELECT some'\\'");
	release(&s);
}

static void quoted_identifier_hides_semicolon(void **state)
{
	struct split s;

	(void)state;
	split(&s, "CREATE TABLE \"a;\"\"b\" (x int);SELECT 2;");
	assert_int_equal(s.n, 2);
	assert_string_equal(s.text[0], "CREATE TABLE \"a;\"\"b\" (x int)");
	release(&s);
}

static void dollar_quote_without_tag(void **state)
{
	struct split s;

	(void)state;
	split(&s, "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;SELECT 2;");
	assert_int_equal(s.n, 2);
	assert_string_equal(s.text[0],
			    "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql");
	release(&s);
}

static void dollar_quote_with_tag(void **state)
{
	struct split s;

	(void)state;
	split(&s, "DO $body$ BEGIN PERFORM 1; RAISE NOTICE $$x;$$; END $body$;SELECT 2;");
	assert_int_equal(s.n, 2);
	assert_string_equal(s.text[0],
			    "DO $body$ BEGIN PERFORM 1; RAISE NOTICE $$x;$$; END $body$");
	release(&s);
}

static void dollar_quote_closes_only_on_same_tag(void **state)
{
	struct split s;

	(void)state;
	split(&s, "SELECT $a$ $b$; $$; $a$;SELECT 2;");
	assert_int_equal(s.n, 2);
	assert_string_equal(s.text[0], "SELECT $a$ $b$; $$; $a$");
	release(&s);
}

static void dollar_digit_is_a_parameter(void **state)
{
	struct split s;

	(void)state;
	/* $1 is no quote, so the ; after it ends the statement. */
	split(&s, "PREPARE p AS SELECT $1;SELECT $2;");
	assert_int_equal(s.n, 2);
	assert_string_equal(s.text[0], "PREPARE p AS SELECT $1");
	assert_string_equal(s.text[1], "SELECT $2");
	release(&s);
}

static void dollar_inside_identifier_is_no_quote(void **state)
{
	struct split s;

	(void)state;
	split(&s, "SELECT a$b$ FROM t;SELECT 2;");
	assert_int_equal(s.n, 2);
	assert_string_equal(s.text[0], "SELECT a$b$ FROM t");
	release(&s);
}

static void line_comment_hides_semicolon(void **state)
{
	struct split s;

	(void)state;
	split(&s, "SELECT 1 -- not; the end\n + 1;SELECT 2;");
	assert_int_equal(s.n, 2);
	assert_string_equal(s.text[0], "SELECT 1 -- not; the end\n + 1");
	release(&s);
}

static void nested_block_comments(void **state)
{
	struct split s;

	(void)state;
	split(&s, "SELECT 1 /* a /* b; */ still; comment */ + 1;SELECT 2;");
	assert_int_equal(s.n, 2);
	assert_string_equal(s.text[0], "SELECT 1 /* a /* b; */ still; comment */ + 1");
	release(&s);
}

static void semicolon_in_parentheses_does_not_split(void **state)
{
	struct split s;

	(void)state;
	split(&s, "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); "
		  "INSERT INTO b VALUES (2));SELECT 2;");
	assert_int_equal(s.n, 2);
	assert_string_equal(s.text[0], "CREATE RULE r AS ON INSERT TO t DO ALSO "
				       "(INSERT INTO a VALUES (1); INSERT INTO b VALUES (2))");
	release(&s);
}

static void begin_atomic_body_does_not_split(void **state)
{
	struct split s;

	(void)state;
	split(&s,
	      "CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql\n"
	      "BEGIN ATOMIC\n  SELECT CASE WHEN true THEN 1 END;\n  SELECT 2;\nEND;\nSELECT 3;");
	assert_int_equal(s.n, 2);
	assert_string_equal(s.text[0],
			    "CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql\n"
			    "BEGIN ATOMIC\n  SELECT CASE WHEN true THEN 1 END;\n  SELECT 2;\nEND");
	assert_string_equal(s.text[1], "SELECT 3");
	assert_int_equal(s.line[1], 5);
	release(&s);
}

static void begin_outside_routine_splits(void **state)
{
	struct split s;

	(void)state;
	split(&s, "BEGIN;CREATE TABLE begin_end (x int);COMMIT;");
	assert_int_equal(s.n, 3);
	assert_string_equal(s.text[0], "BEGIN");
	assert_string_equal(s.text[1], "CREATE TABLE begin_end (x int)");
	assert_string_equal(s.text[2], "COMMIT");
	release(&s);
}

static void line_numbers_count_every_newline(void **state)
{
	struct split s;

	(void)state;
	split(&s, "\n\nSELECT 'a\nb';\n-- c\n/* d\n */ SELECT $$\n$$;\nSELECT E'\\\n';\n\n  "
		  "SELECT\n4;");
	assert_int_equal(s.n, 4);
	assert_int_equal(s.line[0], 2);
	assert_int_equal(s.line[1], 6);
	assert_int_equal(s.line[2], 8);
	assert_int_equal(s.line[3], 11);
	assert_int_equal(s.end_line, 12);
	release(&s);
}

static void resumes_from_given_position(void **state)
{
	const char *sql = "SELECT 1;\nSELECT 2;";
	dbt_sqlstmt st;
	size_t pos = 0;
	int line = 0;

	(void)state;
	assert_int_equal(dbt_sql_next(&st, sql, &pos, &line), 1);
	assert_int_equal(st.start, 0);
	assert_int_equal(st.len, 8);
	assert_int_equal(pos, 9);
	assert_int_equal(line, 0);
	assert_int_equal(dbt_sql_next(&st, sql, &pos, &line), 1);
	assert_int_equal(st.start, 10);
	assert_int_equal(st.len, 8);
	assert_int_equal(st.line, 1);
	assert_int_equal(pos, strlen(sql));
	assert_int_equal(dbt_sql_next(&st, sql, &pos, &line), 0);
	assert_int_equal(pos, strlen(sql));
}

/*
 * A revision file of 650,000 statements (about 30 MB), written here and
 * read back as a revision, splits into exactly that many statements, each
 * on its own line.  Splitting is linear in the size of the script: were
 * each statement to cost a pass over the rest of the script, this would not
 * finish within the test's time limit.
 */
static void splits_650000_statement_file(void **state)
{
	enum { NSTMTS = 650000 };
	char dir[4096], path[4200], want[80];
	dbt_revision rev;
	dbt_sqlstmt st;
	size_t pos = 0, n = 0;
	int line = 0, i, last_line = -1;
	FILE *f;

	(void)state;
	assert_non_null(test_mkdtemp(dir, sizeof(dir), "sqlsplit"));
	snprintf(path, sizeof(path), "%s/big.sql", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("-- id: big\n-- parent:\n-- message: many rows\n\n-- migrate:upgrade\n", f);
	for (i = 0; i < NSTMTS; i++)
		fprintf(f, "INSERT INTO t (id, s) VALUES (%d, 'row; %d');\n", i, i);
	fputs("\n-- migrate:downgrade\nDELETE FROM t;\n", f);
	assert_int_equal(fclose(f), 0);

	assert_int_equal(dbt_revision_load(&rev, path), 0);
	while (dbt_sql_next(&st, rev.upgrade, &pos, &line)) {
		if (n == NSTMTS - 1) {
			snprintf(want, sizeof(want), "INSERT INTO t (id, s) VALUES (%d, 'row; %d')",
				 NSTMTS - 1, NSTMTS - 1);
			assert_int_equal(st.len, strlen(want));
			assert_memory_equal(rev.upgrade + st.start, want, st.len);
		}
		assert_int_equal(st.line, last_line + 1);
		last_line = st.line;
		n++;
	}
	assert_int_equal(n, NSTMTS);
	dbt_revision_release(&rev);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(dir), 0);
}

static void unterminated_string_runs_to_end(void **state)
{
	struct split s;

	(void)state;
	split(&s, "SELECT 1;\nSELECT 'oops;\nSELECT 3;\n");
	assert_int_equal(s.n, 2);
	assert_string_equal(s.text[1], "SELECT 'oops;\nSELECT 3;\n");
	assert_int_equal(s.line[1], 1);
	assert_int_equal(s.end_line, 3);
	release(&s);
}

static void unterminated_identifier_and_dollar_quote_run_to_end(void **state)
{
	struct split s;

	(void)state;
	split(&s, "SELECT \"x; SELECT 2;");
	assert_int_equal(s.n, 1);
	assert_string_equal(s.text[0], "SELECT \"x; SELECT 2;");
	release(&s);
	split(&s, "SELECT $q$ x; SELECT 2;");
	assert_int_equal(s.n, 1);
	assert_string_equal(s.text[0], "SELECT $q$ x; SELECT 2;");
	release(&s);
}

static void unterminated_comment_is_kept_for_server(void **state)
{
	struct split s;

	(void)state;
	split(&s, "SELECT 1 /* open; SELECT 2;");
	assert_int_equal(s.n, 1);
	assert_string_equal(s.text[0], "SELECT 1 /* open; SELECT 2;");
	release(&s);
	split(&s, "SELECT 1;\n/* open /* nested */ SELECT 2;");
	assert_int_equal(s.n, 2);
	assert_string_equal(s.text[1], "/* open /* nested */ SELECT 2;");
	assert_int_equal(s.line[1], 1);
	release(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(splits_simple_statements),
		cmocka_unit_test(last_statement_needs_no_semicolon),
		cmocka_unit_test(empty_script_has_no_statement),
		cmocka_unit_test(only_comments_is_no_statement),
		cmocka_unit_test(empty_statements_are_skipped),
		cmocka_unit_test(trailing_blanks_are_not_part_of_statement),
		cmocka_unit_test(leading_comments_are_skipped),
		cmocka_unit_test(trailing_comments_are_not_part_of_statement),
		cmocka_unit_test(comments_inside_statement_are_kept),
		cmocka_unit_test(semicolon_in_string_does_not_split),
		cmocka_unit_test(doubled_quote_stays_in_string),
		cmocka_unit_test(backslash_does_not_escape_in_plain_string),
		cmocka_unit_test(escape_string_backslash_quote),
		cmocka_unit_test(escape_string_doubled_quote),
		cmocka_unit_test(identifier_ending_in_e_is_not_escape_string),
		cmocka_unit_test(quoted_identifier_hides_semicolon),
		cmocka_unit_test(dollar_quote_without_tag),
		cmocka_unit_test(dollar_quote_with_tag),
		cmocka_unit_test(dollar_quote_closes_only_on_same_tag),
		cmocka_unit_test(dollar_digit_is_a_parameter),
		cmocka_unit_test(dollar_inside_identifier_is_no_quote),
		cmocka_unit_test(line_comment_hides_semicolon),
		cmocka_unit_test(nested_block_comments),
		cmocka_unit_test(semicolon_in_parentheses_does_not_split),
		cmocka_unit_test(begin_atomic_body_does_not_split),
		cmocka_unit_test(begin_outside_routine_splits),
		cmocka_unit_test(line_numbers_count_every_newline),
		cmocka_unit_test(resumes_from_given_position),
		cmocka_unit_test(splits_650000_statement_file),
		cmocka_unit_test(unterminated_string_runs_to_end),
		cmocka_unit_test(unterminated_identifier_and_dollar_quote_run_to_end),
		cmocka_unit_test(unterminated_comment_is_kept_for_server),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
