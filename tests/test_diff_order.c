/*
 * test_diff_order.c - the differ's whole op sequence on schemas where
 * several tables change in several ways at once, with unchanged tables
 * between them: each kind of op comes in its pass, the passes in their
 * order, tables in name order within a pass and columns in declaration
 * order within a table.  A pass skipped, run twice or moved, or a table
 * visited out of order, changes the sequence.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "parse.h"

static dbt_schema *model(const char *text)
{
	dbt_schema *s = NULL;

	if (dbt_parse_model(&s, "model.sql", text, strlen(text)) < 0)
		fail_msg("model does not parse: %s", dbt_error_last());
	return s;
}

/* One line per op: its kind, its table and, when it has one, the column
 * (the new one, else the old one) or the index it acts on. */
static char *sequence(const dbt_diff *d)
{
	dbt_buf b = DBT_BUF_INIT;
	size_t i;

	for (i = 0; i < d->n; i++) {
		const dbt_op *op = &d->ops[i];
		const dbt_column *c = op->column ? op->column : op->old_column;

		dbt_buf_printf(&b, "%s %s", dbt_op_kind_name(op->kind),
			       op->table ? op->table->name : "-");
		if (c)
			dbt_buf_printf(&b, ".%s", c->name);
		if (op->index && op->index->name)
			dbt_buf_printf(&b, " %s", op->index->name);
		dbt_buf_putc(&b, '\n');
	}
	dbt_buf_puts(&b, "");
	assert_false(b.oom);
	return dbt_buf_detach(&b);
}

static void expect_sequence(const char *from, const char *to, const char *expected)
{
	dbt_schema *a = model(from), *b = model(to);
	dbt_diff d;
	char *text;

	assert_int_equal(dbt_diff_schemas(&d, a, b, NULL), 0);
	text = sequence(&d);
	assert_string_equal(text, expected);
	free(text);
	dbt_diff_release(&d);
	dbt_schema_free(a);
	dbt_schema_free(b);
}

/* The database's tables, declared out of name order. */
static const char from_schema[] =
	"create TABLE c_two (id INT PRIMARY KEY, y INT, z TEXT DEFAULT 'a',"
	" old_col TEXT, g INT GENERATED ALWAYS AS (y + 1) VIRTUAL, w TEXT,"
	" UNIQUE (w), CHECK (y > 0));\n"
	"create TABLE b_same (id INT PRIMARY KEY, v TEXT NOT NULL DEFAULT 'v');\n"
	"create TABLE a_one (id INT PRIMARY KEY, x INT, gone INT, n INT,"
	" parent INT REFERENCES b_same (id));\n"
	"create TABLE d_same (id INT PRIMARY KEY, q TEXT, r INT NOT NULL);\n"
	"create TABLE e_three (k INT, s TEXT, t INT DEFAULT 1, drop_me TEXT, u INT NOT NULL);\n"
	"create TABLE f_same (id INT PRIMARY KEY);\n"
	"create TABLE g_gone (id INT PRIMARY KEY);\n"
	"create INDEX ix_a_x ON a_one (x);\n"
	"create INDEX ix_d_q ON d_same (q);\n"
	"create INDEX ix_e_s ON e_three (s);\n";

/* The model: a_one, c_two and e_three change columns, options and
 * constraints; b_same, d_same and f_same do not; g_gone goes and h_new
 * comes. */
static const char to_schema[] =
	"create TABLE e_three (k INT PRIMARY KEY, s TEXT NOT NULL, t INT DEFAULT 2,"
	" u INT, v_added TEXT, CHECK (k > 0)) WITHOUT ROWID;\n"
	"create TABLE d_same (id INT PRIMARY KEY, q TEXT, r INT NOT NULL);\n"
	"create TABLE a_one (id INT PRIMARY KEY, x TEXT, n INT NOT NULL, added TEXT,"
	" parent INT, also_added INT DEFAULT 0) WITHOUT ROWID;\n"
	"create TABLE b_same (id INT PRIMARY KEY, v TEXT NOT NULL DEFAULT 'v');\n"
	"create TABLE c_two (id INT PRIMARY KEY, new_col INT, y BIGINT NOT NULL,"
	" z TEXT DEFAULT 'b', w TEXT REFERENCES a_one (x), UNIQUE (y));\n"
	"create TABLE f_same (id INT PRIMARY KEY);\n"
	"create TABLE h_new (id INT PRIMARY KEY, c INT REFERENCES c_two (id));\n"
	"create INDEX ix_d_q ON d_same (q);\n"
	"create UNIQUE INDEX ux_a_x ON a_one (x);\n"
	"create INDEX ix_e_t ON e_three (t);\n"
	"create INDEX ix_c_z ON c_two (z);\n";

static void test_every_pass_in_order_across_tables(void **state)
{
	(void)state;
	expect_sequence(from_schema, to_schema,
			/* fk drops, index drops, key drops (checks, uniques,
			 * pks), table drops, creates */
			"drop_foreign_key a_one\n"
			"drop_index a_one ix_a_x\n"
			"drop_index e_three ix_e_s\n"
			"drop_check c_two\n"
			"drop_unique c_two\n"
			"drop_table g_gone\n"
			"create_table h_new\n"
			/* options, adds, alters, drops (generated first) */
			"alter_options a_one\n"
			"alter_options e_three\n"
			"add_column a_one.added\n"
			"add_column a_one.also_added\n"
			"add_column c_two.new_col\n"
			"add_column e_three.v_added\n"
			"alter_type a_one.x\n"
			"alter_null a_one.n\n"
			"alter_type c_two.y\n"
			"alter_null c_two.y\n"
			"alter_default c_two.z\n"
			"alter_null e_three.k\n"
			"alter_null e_three.s\n"
			"alter_default e_three.t\n"
			"alter_null e_three.u\n"
			"drop_column a_one.gone\n"
			"drop_column c_two.g\n"
			"drop_column c_two.old_col\n"
			"drop_column e_three.drop_me\n"
			/* key adds (pks, uniques, checks), unique indexes, fk
			 * adds, indexes */
			"add_primary_key e_three\n"
			"add_unique c_two\n"
			"add_check e_three\n"
			"add_index a_one ux_a_x\n"
			"add_foreign_key c_two\n"
			"add_index c_two ix_c_z\n"
			"add_index e_three ix_e_t\n");
}

/* The same changes the other way: the passes' order does not depend on
 * which side has more. */
static void test_every_pass_in_order_back(void **state)
{
	(void)state;
	expect_sequence(to_schema, from_schema,
			"drop_foreign_key c_two\n"
			"drop_index a_one ux_a_x\n"
			"drop_index c_two ix_c_z\n"
			"drop_index e_three ix_e_t\n"
			"drop_check e_three\n"
			"drop_unique c_two\n"
			"drop_primary_key e_three\n"
			"drop_table h_new\n"
			"create_table g_gone\n"
			"alter_options a_one\n"
			"alter_options e_three\n"
			"add_column a_one.gone\n"
			"add_column c_two.old_col\n"
			"add_column c_two.g\n"
			"add_column e_three.drop_me\n"
			"alter_type a_one.x\n"
			"alter_null a_one.n\n"
			"alter_type c_two.y\n"
			"alter_null c_two.y\n"
			"alter_default c_two.z\n"
			"alter_null e_three.k\n"
			"alter_null e_three.s\n"
			"alter_default e_three.t\n"
			"alter_null e_three.u\n"
			"drop_column a_one.added\n"
			"drop_column a_one.also_added\n"
			"drop_column c_two.new_col\n"
			"drop_column e_three.v_added\n"
			"add_unique c_two\n"
			"add_check c_two\n"
			"add_foreign_key a_one\n"
			"add_index a_one ix_a_x\n"
			"add_index e_three ix_e_s\n");
}

/* Unchanged tables, however many, give nothing. */
static void test_unchanged_tables_give_nothing(void **state)
{
	(void)state;
	expect_sequence(from_schema, from_schema, "");
	expect_sequence(to_schema, to_schema, "");
}

/* An index on `table`, column `column`, added to `s` as a schema built
 * by other means than the parser may hold it. */
static void add_index(dbt_schema *s, const char *name, const char *table, const char *column)
{
	dbt_index *ix;

	assert_int_equal(dbt_schema_add_index(&ix, s, name, 0, table, 0), 0);
	assert_int_equal(dbt_index_add_column(ix, column, 0), 0);
}

/* Indexes are matched by their table's name even where the schema has no
 * such table: those on tables of the schema as ever, each only with an
 * index of its own table. */
static void test_indexes_on_a_table_the_schema_lacks_match_by_name(void **state)
{
	dbt_schema *a = model("CREATE TABLE t (a INT, b INT);\n"
			      "CREATE INDEX ix ON t (a);\n"
			      "CREATE INDEX iy ON t (b);\n"),
		   *b = model("CREATE TABLE t (a INT, b INT);\n"
			      "CREATE INDEX ix ON t (a);\n"
			      "CREATE INDEX iz ON t (b, a);\n");
	dbt_diff d;
	char *text;

	(void)state;
	add_index(a, "ox", "elsewhere", "a");
	add_index(a, "oy", "elsewhere", "b");
	add_index(b, "ox", "elsewhere", "a");
	add_index(b, "ow", "other", "a");
	assert_int_equal(dbt_diff_schemas(&d, a, b, NULL), 0);
	text = sequence(&d);
	assert_string_equal(text, "drop_index - oy\n"
				  "drop_index t iy\n"
				  "add_index - ow\n"
				  "add_index t iz\n");
	free(text);
	dbt_diff_release(&d);
	dbt_schema_free(a);
	dbt_schema_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_pass_in_order_across_tables),
		cmocka_unit_test(test_every_pass_in_order_back),
		cmocka_unit_test(test_unchanged_tables_give_nothing),
		cmocka_unit_test(test_indexes_on_a_table_the_schema_lacks_match_by_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
