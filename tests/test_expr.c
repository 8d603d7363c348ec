/*
 * test_expr.c - what PostgreSQL's constraint and index names take from an
 * expression (expr.h): an expression key's name, the one column of a
 * CHECK, the columns of an exclusion constraint; and the canonical text
 * of partition clauses.  The normaliser's own cases are in test_schema.c.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "expr.h"
#include "schema.h"

static void assert_colname(const char *expr, const char *want)
{
	char *got = dbt_expr_colname(expr);

	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void key_of_one_call_is_named_after_the_function(void **state)
{
	(void)state;
	assert_colname("lower(email)", "lower");
	assert_colname("LOWER(email)", "lower");
	assert_colname("coalesce(a, b)", "coalesce");
	assert_colname("f(g(x))", "f");
}

static void other_keys_are_named_expr(void **state)
{
	(void)state;
	assert_colname("a + b", "expr");
	assert_colname("lower(a) || b", "expr");
	assert_colname("(lower(a))", "expr");
	assert_colname("\"Lower\"(a)", "expr");
	assert_colname("'unterminated", "expr");
	assert_colname("", "expr");
}

/* A table t(price, qty, "Mixed") for the CHECK cases. */
static dbt_table *check_table(dbt_schema **s)
{
	static const dbt_type int_type = DBT_TYPE_INIT(DBT_TYPE_INTEGER);
	static const char *const cols[] = {"price", "qty", "Mixed"};
	dbt_table *t;
	dbt_column *c;
	size_t i;

	assert_int_equal(dbt_schema_new(s), 0);
	assert_int_equal(dbt_schema_add_table(&t, *s, "t", 0), 0);
	for (i = 0; i < 3; i++)
		assert_int_equal(dbt_table_add_column(&c, t, cols[i], 0, &int_type), 0);
	return t;
}

static void check_on_one_column_names_that_column(void **state)
{
	dbt_schema *s;
	dbt_table *t = check_table(&s);
	const char *got;

	(void)state;
	got = dbt_expr_check_column(t, "price > 0");
	assert_ptr_equal(got, t->columns[0]->name);
	assert_string_equal(dbt_expr_check_column(t, "price > 0 AND price < 100"), "price");
	assert_string_equal(dbt_expr_check_column(t, "length(qty::text) > 0"), "qty");
	assert_string_equal(dbt_expr_check_column(t, "\"Mixed\" IS NOT NULL"), "Mixed");
	assert_string_equal(dbt_expr_check_column(t, "\"price\" > nothing"), "price");
	dbt_schema_free(s);
}

static void check_on_other_than_one_column_names_none(void **state)
{
	dbt_schema *s;
	dbt_table *t = check_table(&s);

	(void)state;
	assert_null(dbt_expr_check_column(t, "price > qty"));
	assert_null(dbt_expr_check_column(t, "1 > 0"));
	assert_null(dbt_expr_check_column(t, "price(1) > 0")); /* a call, not the column */
	assert_null(dbt_expr_check_column(t, "x.price > 0"));  /* after a dot */
	assert_null(dbt_expr_check_column(t, "1::price > 0")); /* a type */
	assert_null(dbt_expr_check_column(t, "mixed > 0"));    /* "Mixed" is quoted */
	assert_null(dbt_expr_check_column(t, "price > 'unterminated"));
	dbt_schema_free(s);
}

static void assert_excl(const char *def, const char *want)
{
	char *got = (char *)"untouched";

	assert_int_equal(dbt_expr_exclude_columns(&got, def), 0);
	if (want) {
		assert_non_null(got);
		assert_string_equal(got, want);
	} else {
		assert_null(got);
	}
	free(got);
}

static void exclusion_names_join_its_element_columns(void **state)
{
	(void)state;
	assert_excl("USING gist (room WITH =, during WITH &&)", "room_during");
	assert_excl("USING gist (room WITH =, (lower(x)) WITH =, during WITH &&)", "room_during");
	assert_excl("USING gist (\"Room\" WITH =) WHERE (x > 0)", "Room");
	assert_excl("USING gist ((lower(x)) WITH =)", NULL);
	assert_excl("USING gist (room WITH =", "room");
	assert_excl("USING gist ('unterminated", NULL);
	assert_excl("", NULL);
}

static void assert_canon(int (*fn)(char **, const char *, size_t), const char *text,
			 const char *want)
{
	char *got = NULL;

	assert_int_equal(fn(&got, text, strlen(text)), 0);
	assert_string_equal(got, want);
	free(got);
}

static void partition_clauses_are_canonical(void **state)
{
	(void)state;
	assert_canon(dbt_partition_key_canon, "range ( LogDate )", "RANGE (logdate)");
	assert_canon(dbt_partition_key_canon, "hash(id)", "HASH (id)");
	assert_canon(dbt_partition_bound_canon, "for values in ('a','b')",
		     "FOR VALUES IN ('a', 'b')");
	assert_canon(dbt_partition_bound_canon, "for values from ( 1 ) to (10)",
		     "FOR VALUES FROM (1) TO (10)");
	assert_canon(dbt_partition_bound_canon, "default", "DEFAULT");
}

static void malformed_partition_clauses_are_errors(void **state)
{
	char *got = (char *)"untouched";

	(void)state;
	assert_int_equal(dbt_partition_key_canon(&got, "range (", 7), DBT_EPARSE);
	assert_null(got);
	assert_int_equal(dbt_partition_key_canon(&got, "sorted (a)", 10), DBT_EPARSE);
	assert_string_equal(dbt_error_last(),
			    "invalid partition key 'sorted (a)': expected RANGE, LIST or HASH and "
			    "the key in parentheses");
	assert_int_equal(dbt_partition_bound_canon(&got, "for values in ()", 16), DBT_EPARSE);
	assert_int_equal(dbt_partition_bound_canon(&got, "for values in (", 15), DBT_EPARSE);
	assert_string_equal(dbt_error_last(),
			    "invalid partition bound 'for values in (': expected FOR VALUES ... or "
			    "DEFAULT");
	assert_int_equal(dbt_partition_bound_canon(&got, "", 0), DBT_EPARSE);
	assert_null(got);
}

/* SQLite's [name] and `name` become "name" where a name begins, but an
 * empty pair names nothing and is left as it is (it was made "", which
 * no tokenizer reads). */
static void empty_brackets_are_no_name(void **state)
{
	(void)state;
	assert_canon(dbt_schema_normalize_expr, "a or[]", "a OR[]");
	assert_canon(dbt_schema_normalize_expr, "a OR[]", "a OR[]");
	assert_canon(dbt_schema_normalize_expr, "a or [b]", "a OR b");
}

/* A number after a '.' keeps its space: "x.2" reads as x and .2. */
static void a_number_after_a_dot_keeps_its_space(void **state)
{
	(void)state;
	assert_canon(dbt_schema_normalize_expr, "modulus. 2", "modulus. 2");
	assert_canon(dbt_schema_normalize_expr, "modulus .2", "modulus .2");
	assert_canon(dbt_schema_normalize_expr, "t.a + 1.5", "t.a + 1.5");
	assert_canon(dbt_partition_bound_canon, "for values with (MODULUS. 2, REMAINDER 1)",
		     "FOR VALUES WITH (modulus. 2, remainder 1)");
}

/* A '.' after a number keeps the space before it: "1.n" reads as the
 * number 1. and the name n (found by fuzz_model). */
static void a_dot_after_a_number_keeps_its_space(void **state)
{
	(void)state;
	assert_canon(dbt_schema_normalize_expr, "1 .N", "1 .n");
	assert_canon(dbt_schema_normalize_expr, "1 .n", "1 .n");
	assert_canon(dbt_schema_normalize_expr, "1.5 .n", "1.5 .n");
	assert_canon(dbt_schema_normalize_expr, "t.a + 1.5", "t.a + 1.5");
	assert_canon(dbt_schema_normalize_expr, "(t).a", "(t).a");
}

/* A '::' after a ':' keeps the space before it: ":::m" reads as '::'
 * and ':'. */
static void a_cast_after_a_colon_keeps_its_space(void **state)
{
	(void)state;
	assert_canon(dbt_schema_normalize_expr, ": \v::m", ": ::m");
	assert_canon(dbt_schema_normalize_expr, ": ::m", ": ::m");
	assert_canon(dbt_schema_normalize_expr, "a :: int", "a::INTEGER");
}

/* Parentheses that balance only while a [name] is read as brackets (as
 * the model's parser reads them) do not once it is "name": an error, not
 * an expression that no parser reads back. */
static void parentheses_must_balance_once_names_are_read(void **state)
{
	char *got = NULL;

	(void)state;
	assert_int_equal(dbt_schema_normalize_expr(&got, "([x (y] + 1))", 13), DBT_EPARSE);
	assert_null(got);
	assert_non_null(strstr(dbt_error_last(), "unbalanced parentheses"));
	assert_int_equal(dbt_schema_normalize_expr(&got, "a)", 2), DBT_EPARSE);
	assert_canon(dbt_schema_normalize_expr, "([x (y] + 1)", "\"x (y\" + 1");
}

/* A [name] holding bytes of no UTF-8 character is an error: read as
 * tokens, its "--" began a comment that the normal form dropped, and the
 * rest read again as a name ("[(]" from "([--\xd5\n(]))").  A subscript
 * holding such a comment is no name and keeps its reading. */
static void a_name_in_brackets_of_invalid_utf8_is_an_error(void **state)
{
	static const char key[] = "([--\xd5\n(]))";
	char *got = NULL;

	(void)state;
	assert_int_equal(dbt_schema_normalize_expr(&got, key, strlen(key)), DBT_EPARSE);
	assert_null(got);
	assert_non_null(strstr(dbt_error_last(), "invalid UTF-8"));
	assert_int_equal(dbt_schema_normalize_expr(&got, "a > `x --\xd5\n(`", 13), DBT_EPARSE);
	assert_canon(dbt_schema_normalize_expr, "b[1 --\xd5\n]", "b[1]");
	/* The rewriting alone leaves such text as it is. */
	assert_int_equal(dbt_expr_std_quotes(&got, key, strlen(key)), 0);
	assert_null(got);
}

/* A [name] with an unpaired backtick is an error: the model's parser,
 * reading '[' as a bracket, read a `name` from the backtick on, past
 * the ']', and the ';' after it was inside that name; made "`", it ended
 * the statement.  Paired backticks are part of the name. */
static void a_name_in_brackets_with_an_unpaired_backtick_is_an_error(void **state)
{
	char *got = NULL;

	(void)state;
	assert_int_equal(dbt_schema_normalize_expr(&got, "[`];-`", 6), DBT_EPARSE);
	assert_null(got);
	assert_non_null(strstr(dbt_error_last(), "unpaired backtick"));
	assert_canon(dbt_schema_normalize_expr, "[a`b`c] > 0", "\"a`b`c\" > 0");
	assert_canon(dbt_schema_normalize_expr, "`a]` > 0", "\"a]\" > 0");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(key_of_one_call_is_named_after_the_function),
		cmocka_unit_test(other_keys_are_named_expr),
		cmocka_unit_test(check_on_one_column_names_that_column),
		cmocka_unit_test(check_on_other_than_one_column_names_none),
		cmocka_unit_test(exclusion_names_join_its_element_columns),
		cmocka_unit_test(partition_clauses_are_canonical),
		cmocka_unit_test(malformed_partition_clauses_are_errors),
		cmocka_unit_test(empty_brackets_are_no_name),
		cmocka_unit_test(parentheses_must_balance_once_names_are_read),
		cmocka_unit_test(a_number_after_a_dot_keeps_its_space),
		cmocka_unit_test(a_dot_after_a_number_keeps_its_space),
		cmocka_unit_test(a_cast_after_a_colon_keeps_its_space),
		cmocka_unit_test(a_name_in_brackets_of_invalid_utf8_is_an_error),
		cmocka_unit_test(a_name_in_brackets_with_an_unpaired_backtick_is_an_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
