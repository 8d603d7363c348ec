/*
 * test_inspect.c - the model file `dbtool inspect` prints and the baseline
 * revision of `init --from-database`, from a schema (no database needed):
 * the order (referenced tables first, a foreign-key cycle closed after
 * both tables on PostgreSQL, indexes after the tables), names quoted where
 * SQL needs it, and the baseline's downgrade dropping in reverse.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "dbtool.h"
#include "inspect.h"
#include "parse.h"
#include "render.h"
#include "schema.h"

static dbt_schema *parse(const char *model, dbt_dialect_kind kind)
{
	dbt_schema *s = NULL;

	if (dbt_parse_model(&s, "schema.sql", model, strlen(model)) < 0)
		fail_msg("model does not parse: %s", dbt_error_last());
	if (dbt_schema_adapt(s, kind) < 0)
		fail_msg("model does not adapt: %s", dbt_error_last());
	return s;
}

static const char cycle[] =
	"CREATE TABLE \"B b\" (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a (id));\n"
	"CREATE TABLE a (id INTEGER PRIMARY KEY, b_id INTEGER REFERENCES \"B b\" (id),\n"
	"  \"select\" TEXT NOT NULL);\n"
	"CREATE INDEX a_select ON a (\"select\");\n";

static void postgres_cycle_is_closed_after_both_tables(void **state)
{
	dbt_schema *s = parse(cycle, DBT_DIALECT_POSTGRES);
	dbt_buf out = DBT_BUF_INIT;

	(void)state;
	assert_int_equal(dbt_inspect_render(&out, DBT_DIALECT_POSTGRES, s), 0);
	assert_string_equal(dbt_buf_str(&out),
			    "-- The schema of a PostgreSQL database, as 'dbtool inspect' read it.\n"
			    "-- This is a dbtool model: 'dbtool check' compares it with the "
			    "database.\n"
			    "\n"
			    "CREATE TABLE \"B b\" (\n"
			    "    id INTEGER NOT NULL,\n"
			    "    a_id INTEGER,\n"
			    "    CONSTRAINT \"B b_pkey\" PRIMARY KEY (id)\n"
			    ");\n"
			    "\n"
			    "CREATE TABLE a (\n"
			    "    id INTEGER NOT NULL,\n"
			    "    b_id INTEGER,\n"
			    "    \"select\" TEXT NOT NULL,\n"
			    "    CONSTRAINT a_pkey PRIMARY KEY (id)\n"
			    ");\n"
			    "\n"
			    "ALTER TABLE \"B b\" ADD CONSTRAINT \"B b_a_id_fkey\" FOREIGN KEY "
			    "(a_id) REFERENCES a (id);\n"
			    "\n"
			    "ALTER TABLE a ADD CONSTRAINT a_b_id_fkey FOREIGN KEY (b_id) "
			    "REFERENCES \"B b\" (id);\n"
			    "\n"
			    "CREATE INDEX a_select ON a (\"select\");\n");
	dbt_buf_release(&out);
	dbt_schema_free(s);
}

static void printed_model_parses_back_to_the_same_text(void **state)
{
	dbt_dialect_kind kinds[] = {DBT_DIALECT_SQLITE, DBT_DIALECT_POSTGRES};
	size_t k;

	(void)state;
	for (k = 0; k < 2; k++) {
		dbt_schema *s = parse(cycle, kinds[k]), *again;
		dbt_buf first = DBT_BUF_INIT, second = DBT_BUF_INIT;

		assert_int_equal(dbt_inspect_render(&first, kinds[k], s), 0);
		again = parse(dbt_buf_str(&first), kinds[k]);
		assert_int_equal(dbt_inspect_render(&second, kinds[k], again), 0);
		assert_string_equal(dbt_buf_str(&second), dbt_buf_str(&first));
		dbt_buf_release(&first);
		dbt_buf_release(&second);
		dbt_schema_free(again);
		dbt_schema_free(s);
	}
}

static void baseline_downgrade_drops_in_reverse(void **state)
{
	dbt_schema *s =
		parse("CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
		      "CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p (id));\n",
		      DBT_DIALECT_SQLITE);
	dbt_buf up = DBT_BUF_INIT, down = DBT_BUF_INIT;
	const char *text, *c, *p;

	(void)state;
	assert_int_equal(dbt_inspect_baseline(&up, &down, DBT_DIALECT_SQLITE, s), 0);
	text = dbt_buf_str(&up);
	assert_non_null(p = strstr(text, "CREATE TABLE p ("));
	assert_non_null(c = strstr(text, "CREATE TABLE c ("));
	assert_true(p < c);
	text = dbt_buf_str(&down);
	assert_non_null(c = strstr(text, "DROP TABLE c;"));
	assert_non_null(p = strstr(text, "DROP TABLE p;"));
	assert_true(c < p);
	assert_null(strstr(text, "CREATE"));
	dbt_buf_release(&up);
	dbt_buf_release(&down);
	dbt_schema_free(s);
}

static void empty_schema_prints_the_header_only(void **state)
{
	dbt_schema *s = NULL;
	dbt_buf out = DBT_BUF_INIT;

	(void)state;
	assert_int_equal(dbt_schema_new(&s), 0);
	assert_int_equal(dbt_inspect_render(&out, DBT_DIALECT_SQLITE, s), 0);
	assert_string_equal(dbt_buf_str(&out),
			    "-- The schema of an SQLite database, as 'dbtool inspect' read it.\n"
			    "-- This is a dbtool model: 'dbtool check' compares it with the "
			    "database.\n");
	dbt_buf_release(&out);
	dbt_schema_free(s);
}

/* MariaDB's float and timestamp are printed as the model reads them back
 * (REAL, TIMESTAMP WITH TIME ZONE), not in words a model reads as other
 * types (FLOAT is DOUBLE PRECISION, TIMESTAMP is datetime); the schema
 * keeps its own spellings. */
static void mariadb_types_print_as_the_model_reads_them(void **state)
{
	dbt_schema *s = parse("CREATE TABLE t (id INTEGER PRIMARY KEY, r REAL NOT NULL,\n"
			      "  ts TIMESTAMP WITH TIME ZONE, d DOUBLE PRECISION);",
			      DBT_DIALECT_MYSQL);
	dbt_schema *again;
	dbt_buf out = DBT_BUF_INIT;
	const dbt_table *t = s->tables[0], *u;
	char *r_text = t->columns[1]->type.text, *ts_text = t->columns[2]->type.text;
	size_t i;

	(void)state;
	assert_int_equal(dbt_inspect_render(&out, DBT_DIALECT_MYSQL, s), 0);
	assert_non_null(strstr(dbt_buf_str(&out), "    r REAL NOT NULL,\n"));
	assert_non_null(strstr(dbt_buf_str(&out), "    ts TIMESTAMP WITH TIME ZONE,\n"));
	assert_ptr_equal(t->columns[1]->type.text, r_text);
	assert_ptr_equal(t->columns[2]->type.text, ts_text);
	again = parse(dbt_buf_str(&out), DBT_DIALECT_MYSQL);
	u = again->tables[0];
	for (i = 0; i < t->ncolumns; i++) {
		assert_int_equal(u->columns[i]->type.kind, t->columns[i]->type.kind);
		if (t->columns[i]->type.text)
			assert_string_equal(u->columns[i]->type.text, t->columns[i]->type.text);
		else
			assert_null(u->columns[i]->type.text);
	}
	dbt_buf_release(&out);
	dbt_schema_free(again);
	dbt_schema_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(postgres_cycle_is_closed_after_both_tables),
		cmocka_unit_test(printed_model_parses_back_to_the_same_text),
		cmocka_unit_test(baseline_downgrade_drops_in_reverse),
		cmocka_unit_test(empty_schema_prints_the_header_only),
		cmocka_unit_test(mariadb_types_print_as_the_model_reads_them),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
