/*
 * test_ident.c - names and quoting (lib/ident.h): ASCII-only case folding
 * and comparison, when a name may be written bare, and the quoting of
 * identifiers and string literals, embedded quotes doubled.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "ident.h"

/* What `put` appends to an empty buffer; the caller frees. */
static char *put(void (*fn)(dbt_buf *, const char *), const char *name)
{
	dbt_buf b = DBT_BUF_INIT;

	fn(&b, name);
	assert_false(b.oom);
	return dbt_buf_detach(&b);
}

static void assert_put(void (*fn)(dbt_buf *, const char *), const char *name, const char *want)
{
	char *got = put(fn, name);

	assert_string_equal(got, want);
	free(got);
}

static void test_ascii_lower_folds_only_ascii_capitals(void **state)
{
	(void)state;
	assert_int_equal(dbt_ascii_lower('A'), 'a');
	assert_int_equal(dbt_ascii_lower('Z'), 'z');
	assert_int_equal(dbt_ascii_lower('a'), 'a');
	assert_int_equal(dbt_ascii_lower('_'), '_');
	assert_int_equal(dbt_ascii_lower('@'), '@');
	assert_int_equal(dbt_ascii_lower('['), '[');
	assert_int_equal(dbt_ascii_lower(0xc3), 0xc3); /* a UTF-8 lead byte */
}

static void test_name_casecmp_ignores_ascii_case_only(void **state)
{
	(void)state;
	assert_int_equal(dbt_name_casecmp("Users", "uSERS"), 0);
	assert_int_equal(dbt_name_casecmp("", ""), 0);
	assert_int_not_equal(dbt_name_casecmp("\xc3\x89t\xc3\xa9", "\xc3\xa9t\xc3\xa9"), 0);
	assert_int_not_equal(dbt_name_casecmp("user", "users"), 0);
	assert_int_not_equal(dbt_name_casecmp("users", "user"), 0);
}

static void test_name_casecmp_orders_by_lowered_bytes(void **state)
{
	(void)state;
	assert_true(dbt_name_casecmp("Apple", "banana") < 0);
	assert_true(dbt_name_casecmp("banana", "APPLE") > 0);
	assert_true(dbt_name_casecmp("ab", "AbC") < 0);
	/* '_' (0x5f) lies between 'B' and 'b': lowered, it comes first. */
	assert_true(dbt_name_casecmp("a_", "aB") < 0);
}

static void test_plain_names_are_lower_case_words(void **state)
{
	(void)state;
	assert_true(dbt_ident_is_plain("users"));
	assert_true(dbt_ident_is_plain("_x1"));
	assert_false(dbt_ident_is_plain(""));
	assert_false(dbt_ident_is_plain("1x"));
	assert_false(dbt_ident_is_plain("Users"));
	assert_false(dbt_ident_is_plain("user name"));
	assert_false(dbt_ident_is_plain("a$b"));
	assert_false(dbt_ident_is_plain("caf\xc3\xa9"));
}

static void test_reserved_words_and_odd_shapes_need_quotes(void **state)
{
	(void)state;
	assert_false(dbt_ident_needs_quotes("users"));
	assert_false(dbt_ident_needs_quotes("name")); /* a keyword, not reserved */
	assert_true(dbt_ident_needs_quotes("select"));
	assert_true(dbt_ident_needs_quotes("order"));
	assert_true(dbt_ident_needs_quotes("Users"));
	assert_true(dbt_ident_needs_quotes(""));
	assert_true(dbt_ident_needs_quotes("2fa"));
}

/* SQLite's own tables are skipped by the model's parser when bare: a
 * table of that name elsewhere is written quoted, to read back. */
static void test_sqlite_own_table_names_need_quotes(void **state)
{
	(void)state;
	assert_true(dbt_ident_needs_quotes("sqlite_sequence"));
	assert_true(dbt_ident_needs_quotes("sqlite_stat"));
	assert_true(dbt_ident_needs_quotes("sqlite_stat1"));
	assert_false(dbt_ident_needs_quotes("sqlite_master_copy"));
	assert_false(dbt_ident_needs_quotes("my_sqlite_stat"));
	assert_put(dbt_ident_put, "sqlite_stat4", "\"sqlite_stat4\"");
}

static void test_quote_doubles_embedded_double_quotes(void **state)
{
	(void)state;
	assert_put(dbt_ident_quote, "users", "\"users\"");
	assert_put(dbt_ident_quote, "say \"hi\"", "\"say \"\"hi\"\"\"");
	assert_put(dbt_ident_quote, "", "\"\"");
	assert_put(dbt_ident_quote, "it's", "\"it's\"");
}

static void test_put_writes_bare_only_what_reads_back_as_itself(void **state)
{
	(void)state;
	assert_put(dbt_ident_put, "users", "users");
	assert_put(dbt_ident_put, "Users", "\"Users\"");
	assert_put(dbt_ident_put, "select", "\"select\"");
	assert_put(dbt_ident_put, "a\"b", "\"a\"\"b\"");
}

static void test_describe_allows_dollar_and_names_null(void **state)
{
	(void)state;
	assert_put(dbt_ident_describe, "a$b", "a$b");
	assert_put(dbt_ident_describe, "$a", "\"$a\"");
	assert_put(dbt_ident_describe, "users", "users");
	assert_put(dbt_ident_describe, "table", "\"table\"");
	assert_put(dbt_ident_describe, "Mixed Case", "\"Mixed Case\"");
	assert_put(dbt_ident_describe, NULL, "?");
}

static void test_qualified_names_are_written_schema_dot_name_quoted(void **state)
{
	char *name = strdup("users");

	(void)state;
	assert_put(dbt_ident_quote, "test\x1fusers", "\"test\".\"users\"");
	assert_put(dbt_ident_put, "test\x1fusers", "\"test\".\"users\"");
	assert_put(dbt_ident_describe, "My\"Schema\x1fT", "\"My\"\"Schema\".\"T\"");
	assert_string_equal(dbt_ident_base("test\x1fusers"), "users");
	assert_string_equal(dbt_ident_base("users"), "users");
	assert_true(dbt_ident_is_qualified("a\037b"));
	assert_false(dbt_ident_is_qualified("a.b"));
	/* An index takes its table's schema. */
	assert_int_equal(dbt_ident_qualify_like(&name, "users"), 0);
	assert_string_equal(name, "users");
	assert_int_equal(dbt_ident_qualify_like(&name, "test\x1fitems"), 0);
	assert_string_equal(name, "test\x1fusers");
	free(name);
}

static void test_sql_qualifier_is_the_part_before_a_dot_outside_quotes(void **state)
{
	(void)state;
	assert_int_equal(dbt_ident_sql_qualifier("mood"), 0);
	assert_int_equal(dbt_ident_sql_qualifier("\"a.b\""), 0);
	assert_int_equal(dbt_ident_sql_qualifier("app.mood"), 3);
	assert_int_equal(dbt_ident_sql_qualifier("\"My.\"\"S\".\"x.y\""), 8);
}

static void test_literal_doubles_single_quotes_and_keeps_backslashes(void **state)
{
	(void)state;
	assert_put(dbt_literal_quote, "abc", "'abc'");
	assert_put(dbt_literal_quote, "it's", "'it''s'");
	assert_put(dbt_literal_quote, "a\\'b", "'a\\''b'");
	assert_put(dbt_literal_quote, "", "''");
	assert_put(dbt_literal_quote, "say \"x\"", "'say \"x\"'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ascii_lower_folds_only_ascii_capitals),
		cmocka_unit_test(test_qualified_names_are_written_schema_dot_name_quoted),
		cmocka_unit_test(test_sql_qualifier_is_the_part_before_a_dot_outside_quotes),
		cmocka_unit_test(test_name_casecmp_ignores_ascii_case_only),
		cmocka_unit_test(test_name_casecmp_orders_by_lowered_bytes),
		cmocka_unit_test(test_plain_names_are_lower_case_words),
		cmocka_unit_test(test_reserved_words_and_odd_shapes_need_quotes),
		cmocka_unit_test(test_sqlite_own_table_names_need_quotes),
		cmocka_unit_test(test_quote_doubles_embedded_double_quotes),
		cmocka_unit_test(test_put_writes_bare_only_what_reads_back_as_itself),
		cmocka_unit_test(test_describe_allows_dollar_and_names_null),
		cmocka_unit_test(test_literal_doubles_single_quotes_and_keeps_backslashes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
