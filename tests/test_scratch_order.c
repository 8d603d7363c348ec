/*
 * test_scratch_order.c - the order in which the scratch database builds
 * the model's objects (lib/scratch_order.h): each after the objects its
 * text names, declaration order otherwise and within a cycle, names
 * compared as the database compares them, nothing named from inside a
 * string.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "scratch_order.h"

/* The order of `items` as a string of their names' first letters, or of
 * '-' for an item without a name. */
static void expect_order(const dbt_build_item *items, size_t n, int nocase, const char *want)
{
	size_t out[16], i;
	char got[17];

	assert_true(n < 16);
	assert_int_equal(dbt_build_order(out, items, n, nocase), 0);
	for (i = 0; i < n; i++)
		got[i] = items[out[i]].name ? items[out[i]].name[0] : '-';
	got[n] = '\0';
	assert_string_equal(got, want);
}

static void test_buildable_declaration_order_is_kept(void **state)
{
	const dbt_build_item items[] = {
		{"mood", "CREATE TYPE mood AS ENUM ('a', 'b')"},
		{"t", "CREATE TABLE t (id int, m mood)"},
		{"v", "CREATE VIEW v AS SELECT id FROM t"},
		{"x", "CREATE TABLE x (id int)"},
	};

	(void)state;
	expect_order(items, 4, 0, "mtvx");
}

static void test_view_declared_before_its_table_comes_after_it(void **state)
{
	const dbt_build_item items[] = {
		{"v", "CREATE VIEW v AS SELECT id, flag FROM t WHERE flag"},
		{"a", "CREATE TABLE a (id int)"},
		{"t", "CREATE TABLE t (id int, flag boolean NOT NULL DEFAULT false)"},
		{NULL, "COMMENT ON VIEW v IS 'flagged rows'"},
	};

	(void)state;
	expect_order(items, 4, 0, "atv-");
}

static void test_views_on_views_declared_backwards_come_forwards(void **state)
{
	const dbt_build_item items[] = {
		{"c", "CREATE VIEW c AS SELECT * FROM b"},
		{"b", "CREATE VIEW b AS SELECT * FROM a"},
		{"a", "CREATE VIEW a AS SELECT * FROM public.t"},
		{"t", "CREATE TABLE t (id int)"},
	};

	(void)state;
	expect_order(items, 4, 0, "tabc");
}

static void test_name_inside_a_string_is_no_dependency(void **state)
{
	const dbt_build_item items[] = {
		{"f",
		 "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT count(*) FROM t $$"},
		{"t", "CREATE TABLE t (id int DEFAULT f())"},
	};

	(void)state;
	expect_order(items, 2, 0, "ft");
}

static void test_trigger_comes_after_its_table_and_function(void **state)
{
	const dbt_build_item items[] = {
		{"g", "CREATE TRIGGER g BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()"},
		{"t", "CREATE TABLE t (id int)"},
		{"f", "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; "
		      "END'"},
	};

	(void)state;
	expect_order(items, 3, 0, "tfg");
}

static void test_a_name_is_its_first_items(void **state)
{
	/* The second definition replaces the first and comes after it. */
	const dbt_build_item items[] = {
		{"v", "CREATE OR REPLACE VIEW v AS SELECT 1 AS one"},
		{"v", "CREATE OR REPLACE VIEW v AS SELECT 1 AS one, 2 AS two"},
	};
	size_t out[2];

	(void)state;
	assert_int_equal(dbt_build_order(out, items, 2, 0), 0);
	assert_int_equal(out[0], 0);
	assert_int_equal(out[1], 1);
}

static void test_names_compare_as_the_database_compares_them(void **state)
{
	const dbt_build_item items[] = {
		{"v", "CREATE VIEW v AS SELECT * FROM \"T\""},
		{"t", "CREATE TABLE t (id int)"},
	};
	const dbt_build_item sqlite[] = {
		{"v", "CREATE VIEW v AS SELECT * FROM \"Items\""},
		{"items", "CREATE TABLE items (id int)"},
	};

	(void)state;
	/* PostgreSQL: "T" is not t. */
	expect_order(items, 2, 0, "vt");
	/* SQLite: any ASCII case. */
	expect_order(sqlite, 2, 1, "iv");
	expect_order(sqlite, 2, 0, "vi");
}

static void test_cycle_keeps_declaration_order(void **state)
{
	const dbt_build_item items[] = {
		{"z", "CREATE TABLE z (id int)"},
		{"a", "CREATE FUNCTION a() RETURNS SETOF b BEGIN ATOMIC SELECT * FROM b; END"},
		{"b", "CREATE VIEW b AS SELECT * FROM z WHERE a() IS NOT NULL"},
		{"c", "CREATE VIEW c AS SELECT * FROM b"},
	};

	(void)state;
	expect_order(items, 4, 0, "zabc");
}

static void test_nothing_to_order(void **state)
{
	size_t out[1];

	(void)state;
	assert_int_equal(dbt_build_order(out, NULL, 0, 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buildable_declaration_order_is_kept),
		cmocka_unit_test(test_view_declared_before_its_table_comes_after_it),
		cmocka_unit_test(test_views_on_views_declared_backwards_come_forwards),
		cmocka_unit_test(test_name_inside_a_string_is_no_dependency),
		cmocka_unit_test(test_trigger_comes_after_its_table_and_function),
		cmocka_unit_test(test_a_name_is_its_first_items),
		cmocka_unit_test(test_names_compare_as_the_database_compares_them),
		cmocka_unit_test(test_cycle_keeps_declaration_order),
		cmocka_unit_test(test_nothing_to_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
