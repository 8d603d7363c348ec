/*
 * test_nameset.c - the set of names compared exactly: adds, lookups,
 * growth past its first room, names that differ in case only.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nameset.h"

static void empty_set_has_nothing(void **state)
{
	dbt_nameset set = {NULL, 0, 0};

	(void)state;
	assert_false(dbt_nameset_has(&set, "users"));
	assert_false(dbt_nameset_has(&set, ""));
	dbt_nameset_release(&set);
}

static void names_are_compared_exactly(void **state)
{
	dbt_nameset set = {NULL, 0, 0};

	(void)state;
	assert_int_equal(dbt_nameset_add(&set, "users_pkey"), 0);
	assert_int_equal(dbt_nameset_add(&set, "Users_pkey"), 0);
	assert_int_equal(dbt_nameset_add(&set, NULL), 0);
	assert_int_equal(set.n, 2);
	assert_true(dbt_nameset_has(&set, "users_pkey"));
	assert_true(dbt_nameset_has(&set, "Users_pkey"));
	assert_false(dbt_nameset_has(&set, "USERS_PKEY"));
	assert_false(dbt_nameset_has(&set, "users_pke"));
	dbt_nameset_release(&set);
	assert_null(set.slots);
	assert_int_equal(set.n, 0);
}

/* A name already there is not added twice; the set keeps the first
 * pointer. */
static void a_name_is_added_once(void **state)
{
	dbt_nameset set = {NULL, 0, 0};
	char again[] = "orders";

	(void)state;
	assert_int_equal(dbt_nameset_add(&set, "orders"), 0);
	assert_int_equal(dbt_nameset_add(&set, again), 0);
	assert_int_equal(set.n, 1);
	dbt_nameset_release(&set);
}

/* Thousands of names: the set grows, reserved ahead or one add at a time,
 * and finds every one of them and none other. */
static void grows_and_finds_every_name(void **state)
{
	enum { N = 5000 };
	static char names[N][16];
	dbt_nameset added = {NULL, 0, 0}, reserved = {NULL, 0, 0};
	char other[16];
	size_t i;

	(void)state;
	assert_int_equal(dbt_nameset_reserve(&reserved, N), 0);
	assert_true(reserved.cap >= 2 * N);
	for (i = 0; i < N; i++) {
		snprintf(names[i], sizeof(names[i]), "t%zu_pkey", i);
		assert_int_equal(dbt_nameset_add(&added, names[i]), 0);
		assert_int_equal(dbt_nameset_add(&reserved, names[i]), 0);
	}
	assert_int_equal(added.n, N);
	assert_int_equal(reserved.n, N);
	assert_true(added.cap >= 2 * N);
	for (i = 0; i < N; i++) {
		assert_true(dbt_nameset_has(&added, names[i]));
		assert_true(dbt_nameset_has(&reserved, names[i]));
		snprintf(other, sizeof(other), "t%zu_key", i);
		assert_false(dbt_nameset_has(&added, other));
	}
	dbt_nameset_release(&added);
	dbt_nameset_release(&reserved);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(empty_set_has_nothing),
		cmocka_unit_test(names_are_compared_exactly),
		cmocka_unit_test(a_name_is_added_once),
		cmocka_unit_test(grows_and_finds_every_name),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
