/*
 * test_dialect_mysql.c - the MariaDB/MySQL dialect table (dialect_mysql.c)
 * and the scratch database on MariaDB (scratch.h), against the throwaway
 * server scripts/test starts (DBTOOL_TEST_MYSQL_URL; the tests fail, never
 * skip, without it): the table's entries reached through the public
 * connection calls, statements reported one by one, the session reset
 * between revisions, the lock, and the scratch database made and dropped
 * whatever happens, or the dev_url database emptied again.
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
#include "error.h"
#include "mysql.h"
#include "schema.h"
#include "scratch.h"
#include "testutil_mysql.h"

struct fixture {
	char dbname[64];
	dbt_conn *conn;
	dbt_conn *other; /* a second session, closed by teardown */
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

	if (!f || test_mysql_db_create(f->dbname, sizeof(f->dbname), "dbt_dm", &f->conn) < 0) {
		if (f)
			dbt_conn_close(f->conn);
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

	dbt_conn_close(f->other);
	dbt_conn_close(f->conn);
	rc = test_mysql_db_drop(f->dbname);
	free(f);
	return rc;
}

static void ok(int rc)
{
	if (rc < 0)
		fail_msg("%s", dbt_error_last());
}

static void assert_value(dbt_conn *conn, const char *sql, const char *want)
{
	char *v = NULL;

	ok(conn->dialect->query_value(conn, sql, &v));
	if (!want)
		assert_null(v);
	else
		assert_string_equal(v ? v : "(null)", want);
	free(v);
}

/* The number of scratch databases on the server, as text. */
static void assert_no_scratch_database(void)
{
	assert_value(test_mysql_admin(),
		     "SELECT COUNT(*) FROM information_schema.schemata "
		     "WHERE schema_name LIKE 'dbtool\\_scratch\\_%'",
		     "0");
}

static void kind_mysql_is_the_dialect_table(void **state)
{
	struct fixture *f = *state;
	dbt_url url;

	assert_ptr_equal(dbt_dialect_for(DBT_DIALECT_MYSQL), &dbt_dialect_mysql);
	assert_ptr_equal(f->conn->dialect, &dbt_dialect_mysql);
	assert_string_equal(dbt_conn_dialect(f->conn), "mysql");
	/* DDL commits at once: the runner journals instead. */
	assert_int_equal(dbt_dialect_mysql.caps & DBT_CAP_TRANSACTIONAL_DDL, 0);
	assert_non_null(dbt_dialect_mysql.exec_script_each);
	/* Opened through the public call, as every command does. */
	ok(dbt_url_parse(&url, getenv("DBTOOL_TEST_MYSQL_URL")));
	free(url.database);
	url.database = strdup(f->dbname);
	ok(dbt_conn_open(&f->other, &url));
	dbt_url_release(&url);
	assert_ptr_equal(f->other->dialect, &dbt_dialect_mysql);
	assert_value(f->other, "SELECT DATABASE()", f->dbname);
}

static void table_exists_looks_in_the_database_asked(void **state)
{
	struct fixture *f = *state;
	const struct dbt_dialect *d = f->conn->dialect;
	int yes = -1;

	ok(d->table_exists(f->conn, NULL, "t", &yes));
	assert_int_equal(yes, 0);
	ok(d->exec(f->conn, "CREATE TABLE t (id INT)"));
	ok(d->table_exists(f->conn, NULL, "t", &yes));
	assert_int_equal(yes, 1);
	ok(d->table_exists(f->conn, f->dbname, "t", &yes));
	assert_int_equal(yes, 1);
	ok(d->table_exists(f->conn, "no_such_database", "t", &yes));
	assert_int_equal(yes, 0);
}

struct rows {
	char text[256];
	int n;
};

static int collect(void *arg, size_t ncolumns, const char *const *values)
{
	struct rows *r = arg;
	size_t i, len = strlen(r->text);

	for (i = 0; i < ncolumns; i++)
		len += (size_t)snprintf(r->text + len, sizeof(r->text) - len, "%s%s", i ? "," : "",
					values[i] ? values[i] : "NULL");
	snprintf(r->text + len, sizeof(r->text) - len, ";");
	return ++r->n == 2 ? -42 : 0;
}

static void query_rows_hands_each_row_and_stops_when_told(void **state)
{
	struct fixture *f = *state;
	struct rows r = {"", 0};

	ok(f->conn->dialect->exec_script(f->conn,
					 "CREATE TABLE t (a INT, b VARCHAR(5));\n"
					 "INSERT INTO t VALUES (1, 'x'), (2, NULL), (3, 'z');",
					 NULL, 1));
	assert_int_equal(f->conn->dialect->query_rows(f->conn, "SELECT a, b FROM t ORDER BY a",
						      collect, &r),
			 -42);
	assert_string_equal(r.text, "1,x;2,NULL;");
}

struct seen {
	char text[512];
	int stop_at;
};

static int note(void *arg, size_t n, const char *stmt, size_t len, int line)
{
	struct seen *s = arg;
	size_t at = strlen(s->text);

	snprintf(s->text + at, sizeof(s->text) - at, "%zu@%d:%.*s|", n, line, (int)len, stmt);
	return (int)n == s->stop_at ? dbt_error_set(DBT_ERROR, "stopped") : 0;
}

static void script_each_reports_every_statement_that_committed(void **state)
{
	struct fixture *f = *state;
	const struct dbt_dialect *d = f->conn->dialect;
	struct seen s = {"", 0};

	ok(d->exec_script_each(f->conn,
			       "CREATE TABLE a (id INT);\n\n"
			       "INSERT INTO a VALUES (1);\n"
			       "DELIMITER //\n"
			       "CREATE TRIGGER tr BEFORE INSERT ON a FOR EACH ROW BEGIN\n"
			       "  SET NEW.id = NEW.id + 1;\nEND//\n"
			       "DELIMITER ;\n",
			       "r.sql", 10, note, &s));
	assert_string_equal(s.text, "1@10:CREATE TABLE a (id INT)|2@12:INSERT INTO a VALUES (1)|"
				    "3@14:CREATE TRIGGER tr BEFORE INSERT ON a FOR EACH ROW BEGIN\n"
				    "  SET NEW.id = NEW.id + 1;\nEND|");
	/* A failing statement is not reported; the callback's failure stops
	 * the script. */
	memset(&s, 0, sizeof(s));
	assert_int_equal(d->exec_script_each(f->conn, "INSERT INTO a VALUES (2);\nBAD;\nSELECT 1;",
					     "r.sql", 1, note, &s),
			 DBT_EDB);
	assert_string_equal(s.text, "1@1:INSERT INTO a VALUES (2)|");
	assert_non_null(strstr(dbt_error_last(), "r.sql:2: "));
	memset(&s, 0, sizeof(s));
	s.stop_at = 1;
	assert_int_equal(d->exec_script_each(f->conn, "INSERT INTO a VALUES (3);\nSELECT 1;",
					     "r.sql", 1, note, &s),
			 DBT_ERROR);
	assert_string_equal(s.text, "1@1:INSERT INTO a VALUES (3)|");
}

static void reset_session_undoes_what_a_revision_set(void **state)
{
	struct fixture *f = *state;
	const struct dbt_dialect *d = f->conn->dialect;

	ok(d->exec_script(f->conn,
			  "USE mysql;\nSET SESSION foreign_key_checks = 0;\n"
			  "SET SESSION sql_mode = 'ANSI_QUOTES';",
			  NULL, 1));
	assert_value(f->conn, "SELECT DATABASE()", "mysql");
	ok(d->reset_session(f->conn));
	assert_value(f->conn, "SELECT DATABASE()", f->dbname);
	assert_value(f->conn, "SELECT @@SESSION.foreign_key_checks", "1");
	assert_value(f->conn, "SELECT @@SESSION.sql_mode = @@GLOBAL.sql_mode", "1");
	assert_value(f->conn, "SELECT @@SESSION.autocommit", "1");
}

static void lock_keeps_a_second_session_out_until_unlocked(void **state)
{
	struct fixture *f = *state;
	const struct dbt_dialect *d = f->conn->dialect;

	assert_int_equal(test_mysql_connect(&f->other, f->dbname), 0);
	ok(d->lock(f->conn, 1000));
	assert_int_equal(d->lock(f->other, 0), DBT_ELOCKED);
	assert_non_null(strstr(dbt_error_last(), f->dbname));
	/* Held across transactions. */
	ok(d->begin(f->conn));
	ok(d->commit(f->conn));
	assert_int_equal(d->lock(f->other, 0), DBT_ELOCKED);
	ok(d->unlock(f->conn));
	ok(d->lock(f->other, 0));
	ok(d->unlock(f->other));
}

/* A model of statements alone: the scratch runs them as written. */
static dbt_schema *statements_model(const char *const *sql, size_t n)
{
	dbt_schema *m = NULL;
	dbt_statement *st;
	size_t i;

	ok(dbt_schema_new(&m));
	for (i = 0; i < n; i++) {
		ok(dbt_schema_add_statement(&st, m, "view", "v", sql[i], strlen(sql[i])));
		st->line = (int)i + 3;
		st->col = 1;
	}
	return m;
}

static void scratch_database_is_made_and_dropped(void **state)
{
	static const char *const good[] = {"CREATE TABLE s (id INT)",
					   "CREATE VIEW v AS SELECT id FROM s"};
	static const char *const bad[] = {"CREATE TABLE s (id INT)",
					  "CREATE VIEW v AS SELECT nope FROM s"};
	struct fixture *f = *state;
	dbt_schema *m = statements_model(good, 2);
	int yes = -1;

	ok(dbt_scratch_objects(m, f->conn, "schema.sql", NULL));
	dbt_schema_free(m);
	assert_no_scratch_database();
	/* Nothing reached the live database. */
	ok(f->conn->dialect->table_exists(f->conn, NULL, "s", &yes));
	assert_int_equal(yes, 0);

	m = statements_model(bad, 2);
	assert_int_equal(dbt_scratch_objects(m, f->conn, "schema.sql", NULL), DBT_EDB);
	assert_non_null(strstr(dbt_error_last(), "schema.sql:4:1: "));
	assert_non_null(strstr(dbt_error_last(), "nope"));
	dbt_schema_free(m);
	assert_no_scratch_database();
}

static void scratch_without_create_rights_names_dev_url(void **state)
{
	static const char *const good[] = {"CREATE TABLE s (id INT)"};
	struct fixture *f = *state;
	dbt_schema *m = statements_model(good, 1);
	dbt_conn *weak = NULL;
	dbt_url url;
	char sql[256];

	snprintf(sql, sizeof(sql),
		 "CREATE USER IF NOT EXISTS 'dbt_weak'@'localhost' IDENTIFIED BY 'Weak9pw';\n"
		 "GRANT ALL PRIVILEGES ON %s.* TO 'dbt_weak'@'localhost';",
		 f->dbname);
	ok(dbt_mysql_exec_script(test_mysql_admin(), sql, NULL, 1));
	ok(dbt_url_parse(&url, getenv("DBTOOL_TEST_MYSQL_URL")));
	free(url.user);
	free(url.password);
	free(url.database);
	url.user = strdup("dbt_weak");
	url.password = strdup("Weak9pw");
	url.database = strdup(f->dbname);
	ok(dbt_conn_open(&weak, &url));
	dbt_url_release(&url);

	assert_int_equal(dbt_scratch_objects(m, weak, "schema.sql", NULL), DBT_EDB);
	assert_non_null(strstr(dbt_error_last(), "cannot create the scratch database"));
	assert_non_null(strstr(dbt_error_last(), "dev_url"));
	assert_null(strchr(dbt_error_last(), '\n'));
	assert_null(strstr(dbt_error_last(), "Weak9pw"));
	dbt_conn_close(weak);
	dbt_schema_free(m);
	ok(dbt_mysql_exec(test_mysql_admin(), "DROP USER 'dbt_weak'@'localhost'"));
	assert_no_scratch_database();
}

static void scratch_dev_url_database_is_emptied_again(void **state)
{
	static const char *const good[] =
		{"CREATE TABLE s (id INT PRIMARY KEY)",
		 "CREATE TABLE c (id INT, FOREIGN KEY (id) REFERENCES s (id))",
		 "CREATE VIEW v AS SELECT id FROM s"};
	struct fixture *f = *state;
	dbt_schema *m = statements_model(good, 3);
	char *text;
	char dev[80];

	snprintf(dev, sizeof(dev), "%s_dev", f->dbname);
	{
		char sql[128];

		snprintf(sql, sizeof(sql), "CREATE DATABASE %s", dev);
		ok(dbt_mysql_exec(test_mysql_admin(), sql));
	}
	/* The test URL with the dev database's name in place of its own. */
	{
		const char *full = getenv("DBTOOL_TEST_MYSQL_URL");
		const char *slash = strchr(strstr(full, "://") + 3, '/');
		const char *q = strchr(slash, '?');
		char buf[512];

		snprintf(buf, sizeof(buf), "%.*s/%s%s", (int)(slash - full), full, dev, q ? q : "");
		text = strdup(buf);
	}
	ok(dbt_conn_set_dev_url(f->conn, text));
	ok(dbt_scratch_objects(m, f->conn, "schema.sql", NULL));
	{
		char sql[256];

		snprintf(sql, sizeof(sql),
			 "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '%s'",
			 dev);
		assert_value(test_mysql_admin(), sql, "0");
		/* It must be empty to begin with. */
		snprintf(sql, sizeof(sql), "CREATE TABLE %s.x (id INT)", dev);
		ok(dbt_mysql_exec(test_mysql_admin(), sql));
		assert_int_equal(dbt_scratch_objects(m, f->conn, "schema.sql", NULL), DBT_EEXISTS);
		assert_non_null(strstr(dbt_error_last(), "is not empty"));
		snprintf(sql, sizeof(sql), "DROP DATABASE %s", dev);
		ok(dbt_mysql_exec(test_mysql_admin(), sql));
	}
	assert_no_scratch_database();
	free(text);
	dbt_schema_free(m);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(kind_mysql_is_the_dialect_table),
		T(table_exists_looks_in_the_database_asked),
		T(query_rows_hands_each_row_and_stops_when_told),
		T(script_each_reports_every_statement_that_committed),
		T(reset_session_undoes_what_a_revision_set),
		T(lock_keeps_a_second_session_out_until_unlocked),
		T(scratch_database_is_made_and_dropped),
		T(scratch_without_create_rights_names_dev_url),
		T(scratch_dev_url_database_is_emptied_again),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
