/*
 * test_render_mysql_server.c - what lib/render_mysql.c renders, run on the
 * real MariaDB server of the test run (DBTOOL_TEST_MYSQL_URL; suite
 * 'mariadb', failing, never skipping, without it), with the database as
 * the judge of equal: each model, adapted to MariaDB, is created from
 * nothing by the rendered ops and reflected back (lib/reflect_mysql.c),
 * and the differ must find nothing between the reflection and the model;
 * each pair of models is then changed from the first to the second by
 * the rendered ALTERs, and back again by the rendered inverse ops, and
 * each time the reflection must equal the model it went to.
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
#include "diff.h"
#include "error.h"
#include "mysql.h"
#include "parse.h"
#include "render_int.h"
#include "render_mysql.h"
#include "schema.h"
#include "testutil_mysql.h"

struct fixture {
	char dbname[64];
	dbt_conn *conn;
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

	if (!f || test_mysql_db_create(f->dbname, sizeof(f->dbname), "dbt_rdmy", &f->conn) < 0) {
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

	dbt_mysql_close(f->conn);
	rc = test_mysql_db_drop(f->dbname);
	free(f);
	return rc;
}

/* The model, parsed and adapted to MariaDB, with the auto-increment rule
 * applied as dbt_schema_autoincrement does. */
static dbt_schema *model(const char *text)
{
	dbt_schema *s = NULL;
	size_t i, k;

	if (dbt_parse_model(&s, "schema.sql", text, strlen(text)) < 0)
		fail_msg("cannot parse model: %s", dbt_error_last());
	if (dbt_mysql_adapt(s) < 0)
		fail_msg("cannot adapt model: %s", dbt_error_last());
	for (i = 0; i < s->ntables; i++)
		for (k = 0; k < s->tables[i]->ncolumns; k++) {
			dbt_column *c = s->tables[i]->columns[k];

			if (dbt_render_autoincrement_rule_applies(s->tables[i], c) &&
			    !c->no_autoincrement)
				dbt_mysql_autoincrement(c);
		}
	return s;
}

static dbt_schema *reflect(struct fixture *f)
{
	dbt_schema *s = NULL;

	if (dbt_mysql_reflect(&s, f->conn, NULL) < 0)
		fail_msg("cannot reflect: %s", dbt_error_last());
	return s;
}

static void diff(dbt_diff *out, const dbt_schema *from, const dbt_schema *to)
{
	dbt_diff_opts opts = {0};

	if (dbt_diff_schemas(out, from, to, &opts) < 0)
		fail_msg("cannot diff: %s", dbt_error_last());
}

/* Fails listing the differ's lines when `from` is not `to`. */
static void assert_same(const dbt_schema *from, const dbt_schema *to, const char *what)
{
	dbt_buf lines = DBT_BUF_INIT;
	dbt_diff d;
	size_t i;

	diff(&d, from, to);
	for (i = 0; i < d.n; i++) {
		dbt_op_describe(&lines, &d.ops[i]);
		dbt_buf_putc(&lines, '\n');
	}
	dbt_diff_release(&d);
	if (lines.len)
		fail_msg("%s: the reflection differs from the model:\n%s", what,
			 dbt_buf_str(&lines));
	dbt_buf_release(&lines);
}

/* Renders `ops` and runs them on the test's database. */
static void run(struct fixture *f, const dbt_op *ops, size_t n, const dbt_schema *target)
{
	dbt_buf sql = DBT_BUF_INIT;

	if (dbt_mysql_render_ops(&sql, ops, n, target, NULL) < 0)
		fail_msg("cannot render: %s", dbt_error_last());
	if (dbt_mysql_exec_script(f->conn, dbt_buf_str(&sql), "rendered.sql", 1) < 0)
		fail_msg("%s\nin:\n%s", dbt_error_last(), dbt_buf_str(&sql));
	dbt_buf_release(&sql);
}

/* Creates the model from nothing; returns its reflection, which equals it. */
static dbt_schema *create(struct fixture *f, const dbt_schema *m)
{
	dbt_schema *empty = NULL, *got;
	dbt_diff d;

	assert_int_equal(dbt_schema_new(&empty), 0);
	diff(&d, empty, m);
	assert_true(d.n > 0);
	run(f, d.ops, d.n, m);
	dbt_diff_release(&d);
	dbt_schema_free(empty);
	got = reflect(f);
	assert_same(got, m, "created");
	return got;
}

static void assert_creates(struct fixture *f, const char *text)
{
	dbt_schema *m = model(text);

	dbt_schema_free(create(f, m));
	dbt_schema_free(m);
}

/* From `from` to `to` by the rendered ops, and back by their inverses. */
static void assert_changes(struct fixture *f, const char *from_text, const char *to_text)
{
	dbt_schema *from = model(from_text), *to = model(to_text), *live, *got;
	dbt_op *inv;
	dbt_diff d;
	size_t i;

	live = create(f, from);
	diff(&d, live, to);
	assert_true(d.n > 0);
	run(f, d.ops, d.n, to);
	got = reflect(f);
	assert_same(got, to, "upgraded");
	dbt_schema_free(got);
	/* The downgrade: the inverses in reverse order, towards what the
	 * database had, through the diff's renames. */
	inv = calloc(d.n, sizeof(*inv));
	assert_non_null(inv);
	for (i = 0; i < d.n; i++)
		dbt_op_inverse(&inv[i], &d.ops[d.n - 1 - i]);
	run(f, inv, d.n, live);
	got = reflect(f);
	assert_same(got, from, "downgraded");
	dbt_schema_free(got);
	free(inv);
	dbt_diff_release(&d);
	dbt_schema_free(live);
	dbt_schema_free(from);
	dbt_schema_free(to);
}

/* ------------------------------------------------------------- models */

static void portable_types_read_back_as_adapted(void **state)
{
	assert_creates(*state, "CREATE TABLE t (\n"
			       "  id INTEGER PRIMARY KEY,\n"
			       "  s SMALLINT NOT NULL DEFAULT 0,\n"
			       "  b BIGINT,\n"
			       "  flag BOOLEAN NOT NULL DEFAULT TRUE,\n"
			       "  off BOOLEAN DEFAULT FALSE,\n"
			       "  r REAL,\n"
			       "  d DOUBLE PRECISION,\n"
			       "  price NUMERIC(10,2),\n"
			       "  whole NUMERIC,\n"
			       "  v VARCHAR(50) DEFAULT 'it''s',\n"
			       "  code CHAR(3),\n"
			       "  body TEXT,\n"
			       "  day DATE,\n"
			       "  at TIME,\n"
			       "  stamp TIMESTAMP,\n"
			       "  fine TIMESTAMP(3),\n"
			       "  zoned TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,\n"
			       "  raw BLOB,\n"
			       "  doc JSON,\n"
			       "  uid UUID\n"
			       ");\n");
}

static void mysql_types_read_back_as_adapted(void **state)
{
	assert_creates(*state, "CREATE TABLE t (\n"
			       "  id BIGINT PRIMARY KEY,\n"
			       "  small TINYINT,\n"
			       "  medium MEDIUMINT UNSIGNED,\n"
			       "  count INT UNSIGNED NOT NULL,\n"
			       "  at DATETIME(6),\n"
			       "  big LONGTEXT,\n"
			       "  mood ENUM('Happy', 'sad')\n"
			       ");\n");
}

static void keys_indexes_and_foreign_keys_read_back(void **state)
{
	assert_creates(*state,
		       "CREATE TABLE authors (\n"
		       "  id BIGINT PRIMARY KEY,\n"
		       "  name VARCHAR(100) NOT NULL UNIQUE,\n"
		       "  email VARCHAR(200),\n"
		       "  CONSTRAINT uq_email UNIQUE (email)\n"
		       ");\n"
		       "CREATE TABLE books (\n"
		       "  id INTEGER NOT NULL,\n"
		       "  edition INTEGER NOT NULL,\n"
		       "  author_id BIGINT REFERENCES authors (id) ON DELETE CASCADE,\n"
		       "  editor_id BIGINT,\n"
		       "  title VARCHAR(200) NOT NULL,\n"
		       "  isbn CHAR(13),\n"
		       "  PRIMARY KEY (id, edition),\n"
		       "  CONSTRAINT fk_editor FOREIGN KEY (editor_id) REFERENCES authors (id)\n"
		       ");\n"
		       "CREATE INDEX ix_books_editor ON books (editor_id, title);\n"
		       "CREATE INDEX ix_books_title ON books (title DESC);\n"
		       "CREATE UNIQUE INDEX ux_books_isbn ON books (isbn);\n");
}

static void foreign_key_cycle_reads_back(void **state)
{
	assert_creates(*state, "CREATE TABLE a (id INTEGER PRIMARY KEY, b_id INTEGER,\n"
			       "  CONSTRAINT a_b FOREIGN KEY (b_id) REFERENCES b (id));\n"
			       "CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER,\n"
			       "  CONSTRAINT b_a FOREIGN KEY (a_id) REFERENCES a (id));\n");
}

static void hostile_names_read_back(void **state)
{
	assert_creates(*state, "CREATE TABLE \"we`ird\" (\n"
			       "  \"co`l\" INTEGER PRIMARY KEY,\n"
			       "  \"Mixed Case\" TEXT,\n"
			       "  \"select\" VARCHAR(10),\n"
			       "  \"j`son\" JSON\n"
			       ");\n"
			       "CREATE INDEX \"i`x\" ON \"we`ird\" (\"select\");\n");
}

/*
 * What MariaDB itself wrote, reflected, dropped (all tables at once, the
 * foreign-key cycle included) and created again from the reflection's
 * rendering: the second reflection equals the first, MariaDB's own
 * spellings (prefixes, FULLTEXT, UNSIGNED, ENUM, its defaults, generated
 * and CHECK expressions in backticks) included.
 */
static void a_reflected_schema_is_created_again_alike(void **state)
{
	struct fixture *f = *state;
	dbt_schema *first, *empty = NULL, *again;
	dbt_table_name *names;
	dbt_buf sql = DBT_BUF_INIT;
	dbt_diff d;
	size_t i;

	if (dbt_mysql_exec_script(
		    f->conn,
		    "CREATE TABLE p (id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,\n"
		    "  body TEXT, title VARCHAR(200) NOT NULL DEFAULT 'untitled',\n"
		    "  mood ENUM('Happy','sad') DEFAULT 'sad',\n"
		    "  at TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP,\n"
		    "  n INT DEFAULT 3, twice INT AS (n * 2) VIRTUAL,\n"
		    "  kept INT GENERATED ALWAYS AS (n + 1) STORED,\n"
		    "  c_id INT,\n"
		    "  CONSTRAINT ck_n CHECK (n >= 0),\n"
		    "  KEY ix_title (title(20), n DESC),\n"
		    "  FULLTEXT KEY ft_body (body),\n"
		    "  UNIQUE KEY ux_title (title(50)));\n"
		    "CREATE TABLE c (id INT PRIMARY KEY, p_id INT UNSIGNED,\n"
		    "  CONSTRAINT c_p FOREIGN KEY (p_id) REFERENCES p (id) ON UPDATE CASCADE);\n"
		    "ALTER TABLE p ADD CONSTRAINT p_c FOREIGN KEY (c_id) REFERENCES c (id);\n",
		    "fixture.sql", 1) < 0)
		fail_msg("%s", dbt_error_last());
	first = reflect(f);
	names = calloc(first->ntables, sizeof(*names));
	assert_non_null(names);
	for (i = 0; i < first->ntables; i++)
		names[i].name = first->tables[i]->name;
	assert_int_equal(dbt_mysql_drop_tables(&sql, names, first->ntables), 0);
	if (dbt_mysql_exec_script(f->conn, dbt_buf_str(&sql), "drop.sql", 1) < 0)
		fail_msg("%s\nin:\n%s", dbt_error_last(), dbt_buf_str(&sql));
	dbt_buf_release(&sql);
	free(names);
	again = reflect(f);
	assert_int_equal(again->ntables, 0);
	dbt_schema_free(again);

	assert_int_equal(dbt_schema_new(&empty), 0);
	diff(&d, empty, first);
	run(f, d.ops, d.n, first);
	dbt_diff_release(&d);
	again = reflect(f);
	assert_same(again, first, "created again");
	dbt_schema_free(again);
	dbt_schema_free(empty);
	dbt_schema_free(first);
}

/* -------------------------------------------------------------- pairs */

static void columns_change_in_place_and_back(void **state)
{
	assert_changes(*state,
		       "CREATE TABLE t (id INTEGER PRIMARY KEY, name VARCHAR(50),\n"
		       "  score INTEGER DEFAULT 1, gone TEXT, note VARCHAR(20) NOT NULL);\n",
		       "CREATE TABLE t (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL DEFAULT "
		       "'x',\n"
		       "  score BIGINT DEFAULT 2, note VARCHAR(20), added BOOLEAN DEFAULT "
		       "TRUE);\n");
}

static void keys_and_indexes_change_and_back(void **state)
{
	assert_changes(*state,
		       "CREATE TABLE p (id INTEGER PRIMARY KEY, code VARCHAR(10));\n"
		       "CREATE TABLE c (id INTEGER NOT NULL, pid INTEGER, k VARCHAR(10),\n"
		       "  CONSTRAINT uq_k UNIQUE (k));\n"
		       "CREATE INDEX ix_c_k ON c (k, id);\n",
		       "CREATE TABLE p (id INTEGER PRIMARY KEY, code VARCHAR(10) UNIQUE);\n"
		       "CREATE TABLE c (id INTEGER NOT NULL PRIMARY KEY, pid INTEGER,\n"
		       "  k VARCHAR(10),\n"
		       "  CONSTRAINT fk_c_p FOREIGN KEY (pid) REFERENCES p (id) ON DELETE SET "
		       "NULL);\n"
		       "CREATE INDEX ix_c_id ON c (id DESC);\n");
}

static void tables_and_columns_renamed_and_back(void **state)
{
	assert_changes(*state, "CREATE TABLE users (id INTEGER PRIMARY KEY, mail VARCHAR(50));\n",
		       "-- renamed from: users\n"
		       "CREATE TABLE people (id INTEGER PRIMARY KEY,\n"
		       "  -- renamed from: mail\n"
		       "  email VARCHAR(50));\n");
}

static void autoincrement_comes_and_goes(void **state)
{
	assert_changes(*state,
		       "CREATE TABLE t (id INTEGER PRIMARY KEY, -- dbtool: no-autoincrement\n"
		       "  v INTEGER);\n",
		       "CREATE TABLE t (id SERIAL PRIMARY KEY, v INTEGER);\n");
}

static void tables_come_and_go_with_their_indexes(void **state)
{
	assert_changes(*state,
		       "CREATE TABLE keep (id INTEGER PRIMARY KEY);\n"
		       "CREATE TABLE old (id INTEGER PRIMARY KEY, keep_id INTEGER REFERENCES keep "
		       "(id), v VARCHAR(10));\n"
		       "CREATE INDEX ix_old_v ON old (v);\n",
		       "CREATE TABLE keep (id INTEGER PRIMARY KEY, doc JSON);\n");
}

/* A foreign key always has an index: the one that takes over from the
 * dropped one is created first, both ways. */
static void the_index_of_a_foreign_key_changes_and_back(void **state)
{
	assert_changes(*state,
		       "CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
		       "CREATE TABLE c (id INTEGER PRIMARY KEY, pid INTEGER,\n"
		       "  CONSTRAINT fk_c_p FOREIGN KEY (pid) REFERENCES p (id));\n"
		       "CREATE INDEX ix_c_pid ON c (pid, id);\n",
		       "CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
		       "CREATE TABLE c (id INTEGER PRIMARY KEY, pid INTEGER,\n"
		       "  CONSTRAINT fk_c_p FOREIGN KEY (pid) REFERENCES p (id));\n");
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(portable_types_read_back_as_adapted),
		T(mysql_types_read_back_as_adapted),
		T(keys_indexes_and_foreign_keys_read_back),
		T(foreign_key_cycle_reads_back),
		T(hostile_names_read_back),
		T(a_reflected_schema_is_created_again_alike),
		T(columns_change_in_place_and_back),
		T(keys_and_indexes_change_and_back),
		T(tables_and_columns_renamed_and_back),
		T(autoincrement_comes_and_goes),
		T(tables_come_and_go_with_their_indexes),
		T(the_index_of_a_foreign_key_changes_and_back),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
