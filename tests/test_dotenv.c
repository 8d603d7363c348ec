/*
 * test_dotenv.c - reading .env files: bare, single- and double-quoted
 * values, export, comments, never overriding the environment, nothing set
 * from a malformed file, and the exact "path:line: ..." messages.
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
#include "testutil.h"

static char path[64];

static int write_env(const char *text)
{
	snprintf(path, sizeof(path), "/tmp/dbtool-dotenv-%ld", (long)getpid());
	test_write_file(path, text);
	return 0;
}

static void reads_the_forms_dbmate_and_flask_write(void **state)
{
	(void)state;
	unsetenv("DT_A");
	unsetenv("DT_B");
	unsetenv("DT_C");
	unsetenv("DT_D");
	unsetenv("DT_E");
	unsetenv("DT_F");
	write_env("# a comment\n\n"
		  "DT_A=sqlite:///app.db\n"
		  "export DT_B = 'post#gres ${X}'  # trailing comment\n"
		  "DT_C=\"two\\nlines \\\"q\\\"\"\r\n"
		  "  DT_D=bare value # comment\n"
		  "DT_E=a#b\n"
		  "DT_F=\n");
	assert_int_equal(dbt_env_load(path), 0);
	assert_string_equal(getenv("DT_A"), "sqlite:///app.db");
	assert_string_equal(getenv("DT_B"), "post#gres ${X}");
	assert_string_equal(getenv("DT_C"), "two\nlines \"q\"");
	assert_string_equal(getenv("DT_D"), "bare value");
	assert_string_equal(getenv("DT_E"), "a#b");
	assert_string_equal(getenv("DT_F"), "");
	unlink(path);
}

static void never_overrides_the_environment(void **state)
{
	(void)state;
	setenv("DT_KEEP", "from the environment", 1);
	unsetenv("DT_NEW");
	write_env("DT_KEEP=from the file\nDT_NEW=new\n");
	assert_int_equal(dbt_env_load(path), 0);
	assert_string_equal(getenv("DT_KEEP"), "from the environment");
	assert_string_equal(getenv("DT_NEW"), "new");
	unlink(path);
}

static void absent_file_is_no_error(void **state)
{
	(void)state;
	assert_int_equal(dbt_env_load("/nonexistent/dbtool/.env"), 0);
}

static void expect_error(const char *text, const char *message)
{
	char want[256];

	unsetenv("DT_FIRST");
	write_env(text);
	assert_int_equal(dbt_env_load(path), DBT_EPARSE);
	snprintf(want, sizeof(want), "%s:%s", path, message);
	assert_string_equal(dbt_error_last(), want);
	/* nothing was set, not even the good lines before the fault */
	assert_null(getenv("DT_FIRST"));
	unlink(path);
}

static void malformed_lines_are_errors_that_set_nothing(void **state)
{
	(void)state;
	expect_error("DT_FIRST=1\nNOT A PAIR\n", "2: expected KEY=VALUE");
	expect_error("DT_FIRST=1\n\n1X=2\n", "3: expected KEY=VALUE");
	expect_error("DT_FIRST=1\nDT_X='open\n", "2: unterminated quoted value");
	expect_error("DT_FIRST=1\nDT_X=\"a\" b\n", "2: text after the closing quote");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_the_forms_dbmate_and_flask_write),
		cmocka_unit_test(never_overrides_the_environment),
		cmocka_unit_test(absent_file_is_no_error),
		cmocka_unit_test(malformed_lines_are_errors_that_set_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
