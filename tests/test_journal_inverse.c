/*
 * test_journal_inverse.c - when `migrate` may mark a MariaDB/MySQL
 * revision "-- journal: inverse" (lib/journal_inverse.c): the sections,
 * split as the runner splits them, must pair up change by change, the
 * downgrade undoing the upgrade in reverse order; a change of several
 * statements, one that loses data, or sections that do not mirror each
 * other cost the header.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "error.h"
#include "journal_inverse.h"
#include "parse.h"
#include "render_int.h"
#include "render_mysql.h"
#include "schema.h"

/* Parsed and adapted to MariaDB, with the auto-increment rule. */
static dbt_schema *model(const char *text)
{
	dbt_schema *s = NULL;
	size_t i, k;

	if (dbt_parse_model(&s, "schema.sql", text, strlen(text)) < 0)
		fail_msg("cannot parse model: %s", dbt_error_last());
	if (dbt_mysql_adapt(s) < 0)
		fail_msg("cannot adapt model: %s", dbt_error_last());
	for (i = 0; i < s->ntables; i++)
		for (k = 0; k < s->tables[i]->ncolumns; k++)
			if (dbt_render_autoincrement_rule_applies(s->tables[i],
								  s->tables[i]->columns[k]))
				dbt_mysql_autoincrement(s->tables[i]->columns[k]);
	return s;
}

/*
 * The decision for the revision from `from` to `to`, as migrate renders
 * it; with `edit_down`, the downgrade is that text instead.  `*why` gets
 * the reason (a static string) or NULL.
 */
static int decide(const char *from, const char *to, const char *edit_down, const char **why)
{
	dbt_schema *a = model(from), *b = model(to);
	dbt_buf up = DBT_BUF_INIT, down = DBT_BUF_INIT;
	dbt_op *inv;
	dbt_diff d;
	size_t i;
	int rc;

	assert_int_equal(dbt_diff_schemas(&d, a, b, NULL), 0);
	inv = calloc(d.n ? d.n : 1, sizeof(*inv));
	assert_non_null(inv);
	for (i = 0; i < d.n; i++)
		dbt_op_inverse(&inv[i], &d.ops[d.n - 1 - i]);
	if (dbt_mysql_render_ops(&up, d.ops, d.n, b, NULL) < 0 ||
	    dbt_mysql_render_ops(&down, inv, d.n, a, NULL) < 0)
		fail_msg("rendering failed: %s", dbt_error_last());
	rc = dbt_journal_inverse_pairs(why, dbt_buf_str(&up),
				       edit_down ? edit_down : dbt_buf_str(&down), d.ops, inv, d.n);
	free(inv);
	dbt_buf_release(&up);
	dbt_buf_release(&down);
	dbt_diff_release(&d);
	dbt_schema_free(a);
	dbt_schema_free(b);
	return rc;
}

static const char users[] = "CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(40), "
			    "email TEXT);\n";

static void one_statement_changes_pair_up(void **state)
{
	const char *why = "unset";

	(void)state;
	assert_int_equal(decide(users,
				"CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(40), "
				"email TEXT, nick VARCHAR(20), CONSTRAINT nick_short CHECK "
				"(length(nick) < 20));\n"
				"CREATE INDEX users_name ON users (name);\n"
				"CREATE TABLE tags (id INTEGER PRIMARY KEY, label TEXT);\n",
				NULL, &why),
			 1);
	assert_null(why);
}

static void a_widened_column_pairs_up(void **state)
{
	const char *why = "unset";

	(void)state;
	assert_int_equal(decide(users,
				"CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(80), "
				"email TEXT);\n",
				NULL, &why),
			 1);
	assert_null(why);
}

static void changes_of_one_column_in_one_modify_pair_up(void **state)
{
	const char *why = "unset";

	(void)state;
	/* Type and default of `name`: one MODIFY COLUMN each way. */
	assert_int_equal(decide(users,
				"CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(80) "
				"DEFAULT 'x', email TEXT);\n",
				NULL, &why),
			 1);
	assert_null(why);
}

static void a_dropped_index_and_check_pair_up(void **state)
{
	const char *why = "unset";

	(void)state;
	assert_int_equal(decide("CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(40), "
				"CONSTRAINT name_short CHECK (length(name) < 30));\n"
				"CREATE INDEX users_name ON users (name);\n",
				"CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(40));\n",
				NULL, &why),
			 1);
	assert_null(why);
}

static void a_table_created_with_an_index_does_not_pair_up(void **state)
{
	const char *why = NULL;

	(void)state;
	/* The downgrade drops the index with its table: one statement
	 * for two changes. */
	assert_int_equal(decide(users,
				"CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(40), "
				"email TEXT);\n"
				"CREATE TABLE tags (id INTEGER PRIMARY KEY, label VARCHAR(20));\n"
				"CREATE INDEX tags_label ON tags (label);\n",
				NULL, &why),
			 0);
	assert_string_equal(why, "the sections hold more or fewer statements than the changes");
}

static void a_dropped_column_does_not_pair_up(void **state)
{
	const char *why = NULL;

	(void)state;
	assert_int_equal(decide(users,
				"CREATE TABLE users (id INTEGER PRIMARY KEY, name "
				"VARCHAR(40));\n",
				NULL, &why),
			 0);
	assert_string_equal(why, "a change loses data that its inverse cannot bring back");
}

static void a_narrowed_column_does_not_pair_up(void **state)
{
	const char *why = NULL;

	(void)state;
	assert_int_equal(decide(users,
				"CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(10), "
				"email TEXT);\n",
				NULL, &why),
			 0);
	assert_string_equal(why, "a change loses data that its inverse cannot bring back");
}

static void filling_nulls_before_not_null_does_not_pair_up(void **state)
{
	const char *why = NULL;

	(void)state;
	/* An UPDATE, then the MODIFY: two statements for one change. */
	assert_int_equal(decide(users,
				"CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT "
				"NULL DEFAULT 'x', email TEXT);\n",
				NULL, &why),
			 0);
	assert_string_equal(why, "the sections hold more or fewer statements than the changes");
}

static void a_downgrade_in_upgrade_order_does_not_pair_up(void **state)
{
	const char *why = NULL;

	(void)state;
	assert_int_equal(decide(users,
				"CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(40), "
				"email TEXT, nick VARCHAR(20));\n"
				"CREATE INDEX users_name ON users (name);\n",
				"ALTER TABLE `users` DROP COLUMN `nick`;\n"
				"DROP INDEX `users_name` ON `users`;\n",
				&why),
			 0);
	assert_string_equal(why, "the downgrade does not undo the upgrade in reverse order");
}

static void a_downgrade_statement_edited_does_not_pair_up(void **state)
{
	const char *why = NULL;

	(void)state;
	assert_int_equal(decide(users,
				"CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(40), "
				"email TEXT, nick VARCHAR(20));\n",
				"-- a comment counts for nothing\n"
				"ALTER TABLE `users` DROP COLUMN `nick`; ALTER TABLE `users` DROP "
				"COLUMN `email`;\n",
				&why),
			 0);
	assert_string_equal(why, "the sections hold more or fewer statements than the changes");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(one_statement_changes_pair_up),
		cmocka_unit_test(a_widened_column_pairs_up),
		cmocka_unit_test(changes_of_one_column_in_one_modify_pair_up),
		cmocka_unit_test(a_dropped_index_and_check_pair_up),
		cmocka_unit_test(a_table_created_with_an_index_does_not_pair_up),
		cmocka_unit_test(a_dropped_column_does_not_pair_up),
		cmocka_unit_test(a_narrowed_column_does_not_pair_up),
		cmocka_unit_test(filling_nulls_before_not_null_does_not_pair_up),
		cmocka_unit_test(a_downgrade_in_upgrade_order_does_not_pair_up),
		cmocka_unit_test(a_downgrade_statement_edited_does_not_pair_up),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
