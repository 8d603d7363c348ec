/*
 * test_reflect_mysql.c - reading a MariaDB database into the Schema model
 * (lib/reflect_mysql.c), against the throwaway server scripts/test starts
 * (DBTOOL_TEST_MYSQL_URL; the tests fail, never skip, without it): each
 * part of a table as the server declares it, views, triggers and routines
 * as objects, and a fixed number of queries whatever the number of tables.
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

#include "dialect.h"
#include "mysql.h"
#include "testutil_mysql.h"
#include "schema.h"

struct fixture {
	char dbname[64];
	dbt_conn *conn;
	dbt_schema *schema;
};

static int group_setup(void **state)
{
	(void)state;
	return test_mysql_require_url();
}

static int group_teardown(void **state)
{
	(void)state;
	test_mysql_admin_close();
	return 0;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (!f || test_mysql_db_create(f->dbname, sizeof(f->dbname), "dbt_rmy", &f->conn) < 0) {
		if (f)
			dbt_mysql_close(f->conn);
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	int rc;

	dbt_schema_free(f->schema);
	dbt_mysql_close(f->conn);
	rc = test_mysql_db_drop(f->dbname);
	free(f);
	return rc;
}

/* Runs `sql` in the test's database and reflects it into f->schema. */
static void reflect(struct fixture *f, const char *sql)
{
	if (dbt_mysql_exec_script(f->conn, sql, "fixture.sql", 1) < 0)
		fail_msg("%s", dbt_error_last());
	dbt_schema_free(f->schema);
	f->schema = NULL;
	if (dbt_mysql_reflect(&f->schema, f->conn, NULL) < 0)
		fail_msg("%s", dbt_error_last());
}

static dbt_table *table(struct fixture *f, const char *name)
{
	dbt_table *t = dbt_schema_find_table(f->schema, name);

	if (!t)
		fail_msg("no table '%s'", name);
	return t;
}

static dbt_column *column(dbt_table *t, const char *name)
{
	dbt_column *c = dbt_table_find_column(t, name);

	if (!c)
		fail_msg("no column '%s.%s'", t->name, name);
	return c;
}

static void assert_type(const dbt_column *c, dbt_type_kind kind, const char *text)
{
	assert_int_equal(c->type.kind, kind);
	if (text)
		assert_string_equal(c->type.text ? c->type.text : "(null)", text);
	else
		assert_null(c->type.text);
}

static void assert_str(const char *got, const char *want)
{
	if (!want)
		assert_null(got);
	else
		assert_string_equal(got ? got : "(null)", want);
}

static void columns_in_order_with_types_as_declared(void **state)
{
	struct fixture *f = *state;
	dbt_table *t;

	reflect(f, "CREATE TABLE t (\n"
		   "  id INT NOT NULL,\n"
		   "  big BIGINT UNSIGNED,\n"
		   "  name VARCHAR(50) NOT NULL,\n"
		   "  code CHAR(3),\n"
		   "  body TEXT,\n"
		   "  price DECIMAL(10,2),\n"
		   "  at DATETIME(3),\n"
		   "  mood ENUM('happy','sad'),\n"
		   "  flag TINYINT(1)\n"
		   ")");
	assert_int_equal(f->schema->ntables, 1);
	t = table(f, "t");
	assert_int_equal(t->ncolumns, 9);
	assert_string_equal(t->columns[0]->name, "id");
	assert_string_equal(t->columns[8]->name, "flag");
	assert_type(column(t, "id"), DBT_TYPE_INTEGER, "int(11)");
	assert_type(column(t, "big"), DBT_TYPE_BIGINT, "bigint(20) unsigned");
	assert_type(column(t, "name"), DBT_TYPE_VARCHAR, NULL);
	assert_int_equal(column(t, "name")->type.length, 50);
	assert_type(column(t, "code"), DBT_TYPE_CHAR, NULL);
	assert_int_equal(column(t, "code")->type.length, 3);
	assert_type(column(t, "body"), DBT_TYPE_TEXT, NULL);
	assert_type(column(t, "price"), DBT_TYPE_NUMERIC, "decimal(10,2)");
	assert_int_equal(column(t, "price")->type.precision, 10);
	assert_int_equal(column(t, "price")->type.scale, 2);
	assert_type(column(t, "at"), DBT_TYPE_TIMESTAMP, "datetime(3)");
	assert_int_equal(column(t, "at")->type.precision, 3);
	assert_type(column(t, "mood"), DBT_TYPE_OTHER, "enum('happy','sad')");
	assert_type(column(t, "flag"), DBT_TYPE_OTHER, "tinyint(1)");
	assert_true(column(t, "id")->not_null);
	assert_true(column(t, "name")->not_null);
	assert_false(column(t, "big")->not_null);
}

static void defaults_auto_increment_generated_and_collation(void **state)
{
	struct fixture *f = *state;
	dbt_table *t;
	dbt_column *c;

	reflect(f, "CREATE TABLE t (\n"
		   "  id INT AUTO_INCREMENT PRIMARY KEY,\n"
		   "  n INT DEFAULT 0,\n"
		   "  neg INT DEFAULT -1,\n"
		   "  s VARCHAR(10) DEFAULT 'it''s',\n"
		   "  e VARCHAR(10) DEFAULT '',\n"
		   "  nul VARCHAR(10) DEFAULT NULL,\n"
		   "  created TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"
		   "  twice INT AS (n * 2) VIRTUAL,\n"
		   "  thrice INT AS (n * 3) STORED,\n"
		   "  bin VARCHAR(10) COLLATE utf8mb4_bin\n"
		   ") DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci");
	t = table(f, "t");
	c = column(t, "id");
	assert_true(c->autoincrement);
	assert_int_equal(c->identity, DBT_IDENTITY_NONE);
	assert_true(c->not_null);
	assert_null(c->default_expr);
	assert_false(column(t, "n")->autoincrement);
	assert_str(column(t, "n")->default_expr, "0");
	assert_str(column(t, "neg")->default_expr, "-1");
	assert_str(column(t, "s")->default_expr, "'it''s'");
	assert_str(column(t, "e")->default_expr, "''");
	assert_null(column(t, "nul")->default_expr);
	assert_str(column(t, "created")->default_expr, "current_timestamp()");
	c = column(t, "twice");
	assert_str(c->generated_expr, "`n` * 2");
	assert_false(c->generated_stored);
	assert_null(c->default_expr);
	c = column(t, "thrice");
	assert_str(c->generated_expr, "`n` * 3");
	assert_true(c->generated_stored);
	assert_str(column(t, "bin")->collation, "utf8mb4_bin");
	assert_null(column(t, "s")->collation);
}

/* MariaDB prints a TEXT column's default with its expression printer,
 * 'it\'s', where a VARCHAR's is 'it''s': one spelling for both, so that
 * a column changed between the two keeps a default equal to itself. */
static void a_quote_in_a_text_default_reads_as_in_a_varchar_one(void **state)
{
	struct fixture *f = *state;
	dbt_table *t;

	reflect(f, "CREATE TABLE t (\n"
		   "  v VARCHAR(10) DEFAULT 'it''s',\n"
		   "  x TEXT DEFAULT 'it''s',\n"
		   "  y TEXT DEFAULT 'a\\\\b''',\n"
		   "  z TEXT DEFAULT '''',\n"
		   "  e TEXT DEFAULT ''\n"
		   ")");
	t = table(f, "t");
	assert_str(column(t, "v")->default_expr, "'it''s'");
	assert_str(column(t, "x")->default_expr, "'it''s'");
	assert_str(column(t, "y")->default_expr, "'a\\\\b'''");
	assert_str(column(t, "z")->default_expr, "''''");
	assert_str(column(t, "e")->default_expr, "''");
}

/* A column's COMMENT and ON UPDATE, and a table's COMMENT, as MariaDB
 * keeps them: the text unescaped, ON UPDATE in its lower-case call form;
 * '' is none. */
static void comments_and_on_update(void **state)
{
	struct fixture *f = *state;
	dbt_table *t;

	reflect(f, "CREATE TABLE t (\n"
		   "  a TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,\n"
		   "  b DATETIME(3) NULL ON UPDATE NOW(3) COMMENT 'it''s a \\\\ b',\n"
		   "  c INT COMMENT '',\n"
		   "  d INT\n"
		   ") COMMENT 'the table';\n"
		   "CREATE TABLE u (a INT) COMMENT ''");
	t = table(f, "t");
	assert_str(t->comment, "the table");
	assert_str(dbt_column_on_update(column(t, "a")), "current_timestamp()");
	assert_null(dbt_column_comment(column(t, "a")));
	assert_str(dbt_column_on_update(column(t, "b")), "current_timestamp(3)");
	assert_str(dbt_column_comment(column(t, "b")), "it's a \\ b");
	assert_null(column(t, "c")->mysql);
	assert_null(column(t, "d")->mysql);
	assert_null(table(f, "u")->comment);
}

static void keys_and_indexes_with_prefix_lengths(void **state)
{
	struct fixture *f = *state;
	dbt_table *t;
	dbt_index *ix;
	size_t i;

	reflect(f, "CREATE TABLE t (\n"
		   "  a INT NOT NULL, b INT NOT NULL, c VARCHAR(100), d TEXT, e INT,\n"
		   "  PRIMARY KEY (b, a),\n"
		   "  CONSTRAINT uq_c_e UNIQUE (c, e),\n"
		   "  UNIQUE KEY uq_d (d(20)),\n"
		   "  KEY ix_c (c(10), e DESC),\n"
		   "  FULLTEXT KEY ft_d (d)\n"
		   ") ENGINE=InnoDB;\n"
		   "CREATE INDEX ix_e ON t (e);\n");
	t = table(f, "t");
	assert_non_null(t->pk);
	assert_int_equal(t->pk->ncolumns, 2);
	assert_string_equal(t->pk->columns[0], "b");
	assert_string_equal(t->pk->columns[1], "a");
	assert_int_equal(t->nuniques, 1);
	assert_string_equal(t->uniques[0]->name, "uq_c_e");
	assert_int_equal(t->uniques[0]->ncolumns, 2);
	assert_string_equal(t->uniques[0]->columns[1], "e");
	assert_int_equal(f->schema->nindexes, 4);
	for (i = 0; i < f->schema->nindexes; i++)
		assert_string_equal(f->schema->indexes[i]->table, "t");
	ix = dbt_schema_find_index(f->schema, "uq_d");
	assert_non_null(ix);
	assert_true(ix->unique);
	assert_int_equal(ix->nelems, 1);
	assert_string_equal(ix->elems[0].column, "d");
	assert_int_equal(ix->elems[0].prefix, 20);
	ix = dbt_schema_find_index(f->schema, "ix_c");
	assert_non_null(ix);
	assert_false(ix->unique);
	assert_int_equal(ix->nelems, 2);
	assert_int_equal(ix->elems[0].prefix, 10);
	assert_false(ix->elems[0].desc);
	assert_string_equal(ix->elems[1].column, "e");
	assert_int_equal(ix->elems[1].prefix, 0);
	assert_true(ix->elems[1].desc);
	ix = dbt_schema_find_index(f->schema, "ft_d");
	assert_non_null(ix);
	assert_str(ix->method, "fulltext");
	ix = dbt_schema_find_index(f->schema, "ix_e");
	assert_non_null(ix);
	assert_null(ix->method);
	assert_int_equal(ix->nelems, 1);
}

static void foreign_keys_with_actions(void **state)
{
	struct fixture *f = *state;
	dbt_table *t;
	dbt_fk *fk;

	reflect(f, "CREATE TABLE p (a INT, b INT, PRIMARY KEY (a, b)) ENGINE=InnoDB;\n"
		   "CREATE TABLE u (id INT PRIMARY KEY) ENGINE=InnoDB;\n"
		   "CREATE TABLE c (\n"
		   "  id INT PRIMARY KEY, x INT, y INT, owner INT,\n"
		   "  CONSTRAINT fk_p FOREIGN KEY (y, x) REFERENCES p (a, b)\n"
		   "    ON DELETE CASCADE ON UPDATE SET NULL,\n"
		   "  CONSTRAINT fk_u FOREIGN KEY (owner) REFERENCES u (id)\n"
		   ") ENGINE=InnoDB;\n");
	t = table(f, "c");
	assert_int_equal(t->nfks, 2);
	fk = t->fks[0];
	assert_string_equal(fk->name, "fk_p");
	assert_string_equal(fk->ref_table, "p");
	assert_int_equal(fk->ncolumns, 2);
	assert_string_equal(fk->columns[0], "y");
	assert_string_equal(fk->columns[1], "x");
	assert_int_equal(fk->nref_columns, 2);
	assert_string_equal(fk->ref_columns[0], "a");
	assert_string_equal(fk->ref_columns[1], "b");
	assert_int_equal(fk->on_delete, DBT_FK_CASCADE);
	assert_int_equal(fk->on_update, DBT_FK_SET_NULL);
	fk = t->fks[1];
	assert_string_equal(fk->name, "fk_u");
	assert_string_equal(fk->ref_table, "u");
	assert_int_equal(fk->on_delete, DBT_FK_NO_ACTION);
	assert_int_equal(fk->on_update, DBT_FK_NO_ACTION);
	assert_int_equal(table(f, "p")->nfks, 0);
}

static void check_constraints(void **state)
{
	struct fixture *f = *state;
	dbt_table *t;

	reflect(f, "CREATE TABLE t (\n"
		   "  a INT CHECK (a > 0),\n"
		   "  b INT,\n"
		   "  CONSTRAINT b_small CHECK (b < 10 AND b <> a)\n"
		   ");\n"
		   "CREATE TABLE other (z INT, CONSTRAINT b_small CHECK (z = 1));\n");
	t = table(f, "t");
	assert_int_equal(t->nchecks, 2);
	assert_string_equal(t->checks[0]->name, "a");
	assert_string_equal(t->checks[0]->expr, "`a` > 0");
	assert_string_equal(t->checks[1]->name, "b_small");
	assert_string_equal(t->checks[1]->expr, "`b` < 10 and `b` <> `a`");
	assert_int_equal(table(f, "other")->nchecks, 1);
	assert_string_equal(table(f, "other")->checks[0]->expr, "`z` = 1");
}

/* The object of `kind` named `name` in f->schema; fails without one. */
static const dbt_object *object(struct fixture *f, dbt_object_kind kind, const char *name)
{
	const dbt_object *o = dbt_schema_find_object(f->schema, kind, name);

	if (!o)
		fail_msg("no %s '%s'", dbt_object_kind_name(kind), name);
	return o;
}

static void views_triggers_and_routines_are_objects(void **state)
{
	struct fixture *f = *state;
	const dbt_object *o;

	reflect(f, "CREATE TABLE t (id INT PRIMARY KEY, n INT);\n"
		   "CREATE VIEW big AS SELECT id FROM t WHERE n > 1;\n"
		   "CREATE VIEW `Big Ids` AS SELECT id FROM big WITH CHECK OPTION;\n"
		   "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.n = 1;\n"
		   "DELIMITER //\n"
		   "CREATE PROCEDURE p(IN x INT) BEGIN SELECT x; SELECT 2; END//\n"
		   "DELIMITER ;\n"
		   "CREATE FUNCTION f(a INT) RETURNS INT DETERMINISTIC COMMENT 'one more' "
		   "RETURN a + 1;\n");
	assert_int_equal(f->schema->nobjects, 5);
	/* the database's own name is taken out of a view's definition */
	o = object(f, DBT_OBJ_VIEW, "big");
	assert_string_equal(o->definition, "VIEW big AS select `t`.`id` AS `id` from `t` where "
					   "`t`.`n` > 1");
	assert_string_equal(o->create_sql, "CREATE VIEW big AS select `t`.`id` AS `id` from `t` "
					   "where `t`.`n` > 1;");
	assert_string_equal(o->drop_sql, "DROP VIEW big;");
	assert_int_equal(o->ndeps, 1);
	assert_string_equal(o->deps[0], "t");
	o = object(f, DBT_OBJ_VIEW, "`Big Ids`");
	assert_string_equal(o->create_sql, "CREATE VIEW `Big Ids` AS select `big`.`id` AS `id` "
					   "from `big` WITH CASCADED CHECK OPTION;");
	assert_int_equal(o->ndeps, 1);
	assert_string_equal(o->deps[0], "view big");
	o = object(f, DBT_OBJ_TRIGGER, "tr ON t");
	assert_string_equal(o->table, "t");
	assert_string_equal(o->create_sql,
			    "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.n = 1;");
	assert_string_equal(o->drop_sql, "DROP TRIGGER tr;");
	/* a body of several statements between DELIMITER lines */
	o = object(f, DBT_OBJ_PROCEDURE, "p");
	assert_string_equal(o->create_sql, "DELIMITER //\n"
					   "CREATE PROCEDURE p(IN x int(11)) BEGIN SELECT x; "
					   "SELECT 2; END//\n"
					   "DELIMITER ;");
	o = object(f, DBT_OBJ_FUNCTION, "f");
	assert_string_equal(o->create_sql, "CREATE FUNCTION f(a int(11)) RETURNS int(11) "
					   "DETERMINISTIC COMMENT 'one more' RETURN a + 1;");
	assert_string_equal(o->drop_sql, "DROP FUNCTION f;");
}

static void names_keep_their_case_and_version_tables_are_left_out(void **state)
{
	struct fixture *f = *state;

	reflect(f, "CREATE TABLE `Order Items` (`Id` INT PRIMARY KEY);\n"
		   "CREATE TABLE dbtool_version (version_num VARCHAR(64));\n"
		   "CREATE TABLE dbtool_history (id INT);\n"
		   "CREATE VIEW v AS SELECT 1 AS one;\n");
	assert_int_equal(f->schema->ntables, 1);
	assert_string_equal(f->schema->tables[0]->name, "Order Items");
	assert_true(f->schema->tables[0]->quoted);
	assert_string_equal(f->schema->tables[0]->columns[0]->name, "Id");
	assert_true(f->schema->tables[0]->columns[0]->quoted);
}

/* MariaDB's system-versioned tables are tables too (TABLE_TYPE 'SYSTEM
 * VERSIONED'). */
static void system_versioned_table_is_a_table(void **state)
{
	struct fixture *f = *state;
	dbt_table *t;

	reflect(f, "CREATE TABLE h (id INT PRIMARY KEY, v INT) WITH SYSTEM VERSIONING;\n");
	assert_int_equal(f->schema->ntables, 1);
	t = table(f, "h");
	assert_non_null(t->pk);
	assert_non_null(dbt_table_find_column(t, "v"));
}

static void another_database_by_name(void **state)
{
	struct fixture *f = *state;
	dbt_schema *s = NULL;

	reflect(f, "CREATE TABLE here (id INT);\n");
	assert_int_equal(dbt_mysql_reflect(&s, test_mysql_admin(), f->dbname), 0);
	assert_int_equal(s->ntables, 1);
	assert_string_equal(s->tables[0]->name, "here");
	dbt_schema_free(s);
}

/* The queries of one reflection of the test's database. */
static unsigned long queries_for(struct fixture *f)
{
	unsigned long before = f->conn->nqueries;
	dbt_schema *s = NULL;

	if (dbt_mysql_reflect(&s, f->conn, NULL) < 0)
		fail_msg("%s", dbt_error_last());
	dbt_schema_free(s);
	return f->conn->nqueries - before;
}

static void query_count_does_not_grow_with_the_schema(void **state)
{
	struct fixture *f = *state;
	unsigned long one, many;
	dbt_buf sql = DBT_BUF_INIT;
	int i;

	reflect(f, "CREATE TABLE t0 (id INT PRIMARY KEY, v INT CHECK (v > 0), "
		   "w VARCHAR(20), UNIQUE KEY (w), KEY (v));\n");
	one = queries_for(f);
	for (i = 1; i <= 30; i++)
		dbt_buf_printf(&sql,
			       "CREATE TABLE t%d (id INT PRIMARY KEY, v INT CHECK (v > 0), "
			       "w VARCHAR(20), p INT, UNIQUE KEY (w), KEY (v), "
			       "FOREIGN KEY (p) REFERENCES t%d (id)) ENGINE=InnoDB;\n",
			       i, i - 1);
	assert_false(sql.oom);
	reflect(f, sql.ptr);
	dbt_buf_release(&sql);
	assert_int_equal(f->schema->ntables, 31);
	assert_int_equal(table(f, "t30")->nfks, 1);
	many = queries_for(f);
	assert_int_equal(many, one);
	/* the session's database, the server's version, five queries for the
	 * tables and four for the views, triggers and routines */
	assert_int_equal(one, 11);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(columns_in_order_with_types_as_declared),
		T(defaults_auto_increment_generated_and_collation),
		T(a_quote_in_a_text_default_reads_as_in_a_varchar_one),
		T(comments_and_on_update),
		T(keys_and_indexes_with_prefix_lengths),
		T(foreign_keys_with_actions),
		T(check_constraints),
		T(views_triggers_and_routines_are_objects),
		T(names_keep_their_case_and_version_tables_are_left_out),
		T(system_versioned_table_is_a_table),
		T(another_database_by_name),
		T(query_count_does_not_grow_with_the_schema),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
