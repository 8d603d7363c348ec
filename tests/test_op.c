/*
 * test_op.c - one operation on its own (lib/op.h) and the findings made
 * of operations (lib/findings.h): every kind has a stable name and an
 * inverse that undoes it twice over, a description names what it acts on
 * as SQL would write it, only ops that lose data say so, and a finding's
 * kind prints as the name its op kind has.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "findings.h"
#include "op.h"
#include "parse.h"

#define NKINDS (DBT_OP_ALTER_COMMENT + 1)

static dbt_schema *model(const char *text)
{
	dbt_schema *s = NULL;

	if (dbt_parse_model(&s, "model.sql", text, strlen(text)) < 0)
		fail_msg("model does not parse: %s", dbt_error_last());
	return s;
}

static char *describe(const dbt_op *op)
{
	dbt_buf b = DBT_BUF_INIT;

	dbt_op_describe(&b, op);
	assert_false(b.oom);
	dbt_buf_puts(&b, "");
	return dbt_buf_detach(&b);
}

static void test_every_kind_has_its_own_name(void **state)
{
	int i, j;

	(void)state;
	for (i = 0; i < NKINDS; i++) {
		const char *n = dbt_op_kind_name((dbt_op_kind)i);

		assert_string_not_equal(n, "unknown");
		for (j = 0; j < i; j++)
			assert_string_not_equal(n, dbt_op_kind_name((dbt_op_kind)j));
	}
	assert_string_equal(dbt_op_kind_name(DBT_OP_ADD_PK), "add_primary_key");
	assert_string_equal(dbt_op_kind_name((dbt_op_kind)NKINDS), "unknown");
}

static void test_inverse_twice_is_the_op_itself(void **state)
{
	dbt_table t1, t2;
	dbt_column c1, c2;
	dbt_object o1, o2;
	int k;

	(void)state;
	for (k = 0; k < NKINDS; k++) {
		dbt_op op, inv, back;

		memset(&op, 0, sizeof(op));
		op.kind = (dbt_op_kind)k;
		op.table = &t1;
		op.old_table = &t2;
		op.column = &c1;
		op.old_column = &c2;
		op.object = &o1;
		op.old_object = &o2;
		dbt_op_inverse(&inv, &op);
		dbt_op_inverse(&back, &inv);
		assert_int_equal(back.kind, op.kind);
		assert_ptr_equal(back.table, op.table);
		assert_ptr_equal(back.old_table, op.old_table);
		assert_ptr_equal(back.column, op.column);
		assert_ptr_equal(back.old_column, op.old_column);
		assert_ptr_equal(back.object, op.object);
		assert_ptr_equal(back.old_object, op.old_object);
	}
}

static void test_inverse_of_an_alter_swaps_old_and_new(void **state)
{
	dbt_table t1, t2;
	dbt_column c1, c2;
	dbt_op op = {.kind = DBT_OP_ALTER_TYPE}, inv;

	(void)state;
	op.table = &t1;
	op.old_table = &t2;
	op.column = &c1;
	op.old_column = &c2;
	dbt_op_inverse(&inv, &op);
	assert_int_equal(inv.kind, DBT_OP_ALTER_TYPE);
	assert_ptr_equal(inv.table, &t2);
	assert_ptr_equal(inv.old_table, &t1);
	assert_ptr_equal(inv.column, &c2);
	assert_ptr_equal(inv.old_column, &c1);
}

static void test_describe_quotes_names_that_need_it(void **state)
{
	dbt_schema *s = model("CREATE TABLE \"Order\" (\"select\" TEXT, a$b INTEGER NOT NULL);");
	dbt_table *t = dbt_schema_find_table(s, "Order");
	dbt_op op = {.kind = DBT_OP_ADD_COLUMN};
	char *got;

	(void)state;
	assert_non_null(t);
	op.table = t;
	op.column = t->columns[0];
	got = describe(&op);
	assert_string_equal(got, "+ column \"Order\".\"select\" TEXT NULL");
	free(got);
	op.column = t->columns[1];
	got = describe(&op);
	assert_string_equal(got, "+ column \"Order\".a$b INTEGER NOT NULL");
	free(got);
	op.kind = DBT_OP_DROP_TABLE;
	op.column = NULL;
	got = describe(&op);
	assert_string_equal(got, "- table \"Order\"");
	free(got);
	dbt_schema_free(s);
}

static void test_only_ops_that_lose_data_destroy(void **state)
{
	dbt_schema *s = model("CREATE TABLE users (id INTEGER, age INTEGER);");
	dbt_table *t = dbt_schema_find_table(s, "users");
	dbt_op op = {.kind = DBT_OP_DROP_TABLE};
	char *why = (char *)"unset";

	(void)state;
	op.table = t;
	assert_int_equal(dbt_op_destroys(&op, &why), 1);
	assert_string_equal(why, "drops table users and its rows");
	free(why);
	op.kind = DBT_OP_DROP_COLUMN;
	op.old_column = t->columns[1];
	assert_int_equal(dbt_op_destroys(&op, &why), 1);
	assert_string_equal(why, "drops column users.age and its values");
	free(why);
	op.kind = DBT_OP_ADD_COLUMN;
	op.column = t->columns[1];
	op.old_column = NULL;
	why = (char *)"unset";
	assert_int_equal(dbt_op_destroys(&op, &why), 0);
	assert_null(why);
	dbt_schema_free(s);
}

static void test_finding_kinds_of_ops_print_as_the_op_kinds(void **state)
{
	int k;

	(void)state;
	for (k = 0; k < NKINDS; k++)
		assert_string_equal(dbt_finding_kind_name(dbt_finding_kind_of_op((dbt_op_kind)k)),
				    dbt_op_kind_name((dbt_op_kind)k));
	assert_string_equal(dbt_finding_kind_name(DBT_FINDING_NOT_AT_HEAD), "not_at_head");
	assert_string_equal(dbt_finding_kind_name(DBT_FINDING_CHECKSUM_RECORDED),
			    "checksum recorded");
	assert_string_equal(dbt_finding_kind_name(DBT_FINDING_HEAD_DIFFERS), "head_differs");
	assert_string_equal(dbt_finding_kind_name(DBT_FINDING_SECRET), "secret");
	assert_string_equal(dbt_finding_kind_name(DBT_FINDING_RENAME_INDEX), "rename_index");
	assert_string_equal(dbt_finding_kind_name(DBT_FINDING_ALTER_COMMENT), "alter_comment");
	assert_string_equal(dbt_finding_kind_name(
				    (dbt_finding_kind)(DBT_FINDING_ALTER_COMMENT + 1)),
			    "unknown");
	assert_string_equal(dbt_finding_kind_name((dbt_finding_kind)-1), "unknown");
}

static void test_findings_keep_a_copy_of_the_text(void **state)
{
	dbt_findings f = {NULL, 0};
	char text[] = "+ table users";

	(void)state;
	assert_int_equal(dbt_findings_add(&f, DBT_FINDING_CREATE_TABLE, text), 0);
	text[0] = '-';
	assert_int_equal(dbt_findings_add(&f, DBT_FINDING_FORGOTTEN, "abc"), 0);
	assert_int_equal(f.n, 2);
	assert_int_equal(f.v[0].kind, DBT_FINDING_CREATE_TABLE);
	assert_string_equal(f.v[0].text, "+ table users");
	assert_int_equal(f.v[1].kind, DBT_FINDING_FORGOTTEN);
	assert_string_equal(f.v[1].text, "abc");
	dbt_findings_release(&f);
	assert_null(f.v);
	assert_int_equal(f.n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_kind_has_its_own_name),
		cmocka_unit_test(test_inverse_twice_is_the_op_itself),
		cmocka_unit_test(test_inverse_of_an_alter_swaps_old_and_new),
		cmocka_unit_test(test_describe_quotes_names_that_need_it),
		cmocka_unit_test(test_only_ops_that_lose_data_destroy),
		cmocka_unit_test(test_finding_kinds_of_ops_print_as_the_op_kinds),
		cmocka_unit_test(test_findings_keep_a_copy_of_the_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
