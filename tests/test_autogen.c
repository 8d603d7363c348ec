/*
 * test_autogen.c - dbt_autogenerate (`migrate`) on a SQLite file database
 * and what it leaves of the connection: with nothing to do, it writes
 * nothing and releases SQLite's parsed schema, and the connection works on
 * (a query, an upgrade, another migrate); with changes, the checks against
 * the rows still run (a NOT NULL column without a default refused on a
 * table with rows, NULLs in a column made NOT NULL warned of), SQLite
 * reading its schema again for them; changes that need no such check
 * leave SQLite's schema released after the reflection.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "dbtool.h"
#include "dialect.h"
#include "testutil.h"

struct fixture {
	char dir[PATH_MAX];
	char versions[PATH_MAX + 16];
	char db[PATH_MAX + 16];
	char model[PATH_MAX + 16];
	dbt_url url;
	dbt_conn *conn;
};

/* The database's tables, as the model first declares them. */
static const char tables[] =
	"CREATE TABLE a (id INTEGER PRIMARY KEY, name TEXT UNIQUE, note TEXT);\n"
	"CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a (id));\n"
	"CREATE INDEX ix_b ON b (a_id);\n";

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	dbt_conn *conn = NULL;
	char sql[PATH_MAX + 512];
	int rc;

	if (!f || !test_mkdtemp(f->dir, sizeof(f->dir), "autogen"))
		return -1;
	snprintf(f->versions, sizeof(f->versions), "%s/versions", f->dir);
	snprintf(f->db, sizeof(f->db), "%s/app.db", f->dir);
	snprintf(f->model, sizeof(f->model), "%s/schema.sql", f->dir);
	if (mkdir(f->versions, 0755) < 0)
		return -1;
	test_write_file(f->model, tables);
	snprintf(sql, sizeof(sql), "%s/script.sql.tmpl", f->dir);
	test_write_file(sql, "-- id: ${id}\n-- parent: ${parent}\n-- message: ${message}\n"
			     "-- created: ${created}\n\n-- migrate:upgrade\n${upgrade}\n\n"
			     "-- migrate:downgrade\n${downgrade}\n");
	f->url.kind = DBT_DIALECT_SQLITE;
	f->url.database = f->db;
	snprintf(sql, sizeof(sql), "%sINSERT INTO a VALUES (1, 'x', NULL);\n", tables);
	if (dbt_conn_open(&conn, &f->url) < 0)
		return -1;
	rc = conn->dialect->exec_script(conn, sql, "setup.sql", 1);
	dbt_conn_close(conn);
	/* As `migrate` opens it: SQLite reads its schema as it connects. */
	if (rc < 0 || dbt_conn_open_to_compare(&f->conn, &f->url, 0) < 0)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	dbt_conn_close(f->conn);
	if (test_rmtree(f->dir) < 0)
		return -1;
	free(f);
	return 0;
}

static void assert_value(dbt_conn *conn, const char *sql, const char *want)
{
	char *v = NULL;

	assert_int_equal(conn->dialect->query_value(conn, sql, &v), 0);
	assert_non_null(v);
	assert_string_equal(v, want);
	free(v);
}

static dbt_chain load(struct fixture *f)
{
	dbt_chain chain;

	assert_int_equal(dbt_chain_load(&chain, f->versions, 0), 0);
	return chain;
}

/* The number of files in the versions folder. */
static int revision_files(struct fixture *f)
{
	DIR *dir = opendir(f->versions);
	struct dirent *e;
	int n = 0;

	assert_non_null(dir);
	while ((e = readdir(dir)))
		n += e->d_name[0] != '.';
	closedir(dir);
	return n;
}

static int migrate(struct fixture *f, dbt_autogen *ag)
{
	dbt_chain chain = load(f);
	int rc = dbt_autogenerate(ag, f->conn, &chain, f->dir, f->model, NULL, "change", NULL);

	dbt_chain_release(&chain);
	return rc;
}

/* 1 when one of `f`'s texts holds `part`. */
static int findings_hold(const dbt_findings *f, const char *part)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (strstr(f->v[i].text, part))
			return 1;
	return 0;
}

static void nothing_to_do_releases_the_schema_and_the_connection_works_on(void **state)
{
	struct fixture *f = *state;
	dbt_autogen ag;
	dbt_chain chain;
	char *id = NULL, path[PATH_MAX + 32];
	FILE *fp;

	assert_true(test_sqlite_schema_bytes(f->conn) > 0);
	assert_int_equal(migrate(f, &ag), 0);
	assert_null(ag.path);
	assert_int_equal(ag.changes.n, 0);
	assert_int_equal(revision_files(f), 0);
	dbt_autogen_release(&ag);
	assert_int_equal(test_sqlite_schema_bytes(f->conn), 0);

	/* The next statement has SQLite read its schema again. */
	assert_value(f->conn, "SELECT name FROM a WHERE id = 1", "x");
	assert_true(test_sqlite_schema_bytes(f->conn) > 0);

	/* An upgrade on the same connection. */
	snprintf(path, sizeof(path), "%s/aaa_age.sql", f->versions);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("-- id: aaa\n-- parent:\n-- message: age\n-- created: 2026-11-23T00:00:00Z\n\n"
	      "-- migrate:upgrade\nALTER TABLE a ADD COLUMN age INTEGER;\n"
	      "INSERT INTO b VALUES (1, 1);\n\n"
	      "-- migrate:downgrade\nDELETE FROM b;\nALTER TABLE a DROP COLUMN age;\n",
	      fp);
	fclose(fp);
	chain = load(f);
	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "head", NULL), 0);
	dbt_chain_release(&chain);
	assert_int_equal(dbt_conn_current(&id, f->conn), 0);
	assert_string_equal(id, "aaa");
	free(id);
	assert_value(f->conn, "SELECT count(*) FROM b", "1");

	/* And another migrate, which finds the upgraded schema and again
	 * nothing to do once the model has the new column. */
	test_write_file(f->model,
			"CREATE TABLE a (id INTEGER PRIMARY KEY, name TEXT UNIQUE, note TEXT, "
			"age INTEGER);\n"
			"CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a "
			"(id));\n"
			"CREATE INDEX ix_b ON b (a_id);\n");
	assert_int_equal(migrate(f, &ag), 0);
	assert_null(ag.path);
	assert_int_equal(ag.changes.n, 0);
	dbt_autogen_release(&ag);
	assert_int_equal(revision_files(f), 1);
	assert_value(f->conn, "SELECT count(*) FROM a WHERE age IS NULL", "1");
}

static void changes_are_checked_against_the_rows(void **state)
{
	struct fixture *f = *state;
	dbt_autogen ag;

	/* A NOT NULL column without a default on a table with rows: refused,
	 * nothing written. */
	test_write_file(f->model,
			"CREATE TABLE a (id INTEGER PRIMARY KEY, name TEXT UNIQUE, note TEXT, "
			"flag INTEGER NOT NULL);\n"
			"CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a "
			"(id));\n"
			"CREATE INDEX ix_b ON b (a_id);\n");
	assert_true(migrate(f, &ag) < 0);
	assert_error_contains("cannot add NOT NULL column 'a.flag' without a default: table 'a' "
			      "has rows");
	assert_null(ag.path);
	dbt_autogen_release(&ag);
	assert_int_equal(revision_files(f), 0);
	/* SQLite's schema was kept for the queries after the diff. */
	assert_true(test_sqlite_schema_bytes(f->conn) > 0);

	/* A column made NOT NULL that holds NULLs: written, with a warning. */
	test_write_file(f->model,
			"CREATE TABLE a (id INTEGER PRIMARY KEY, name TEXT UNIQUE, note TEXT NOT "
			"NULL);\n"
			"CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a "
			"(id));\n"
			"CREATE INDEX ix_b ON b (a_id);\n");
	assert_int_equal(migrate(f, &ag), 0);
	assert_non_null(ag.path);
	assert_true(ag.changes.n > 0);
	assert_true(findings_hold(&ag.warnings, "column a.note holds NULLs"));
	dbt_autogen_release(&ag);
	assert_int_equal(revision_files(f), 1);
	assert_true(test_sqlite_schema_bytes(f->conn) > 0);
	assert_value(f->conn, "SELECT count(*) FROM a WHERE note IS NULL", "1");
}

/* The text of the file at `path`; the caller frees it. */
static char *slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *text;
	long n;

	assert_non_null(fp);
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	n = ftell(fp);
	assert_true(n >= 0);
	rewind(fp);
	text = calloc(1, (size_t)n + 1);
	assert_non_null(text);
	assert_int_equal(fread(text, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	return text;
}

/*
 * Changes that need no check of the rows: SQLite's schema is released
 * after the reflection's read and not read again, the trigger that the
 * rebuild of its table keeps comes from the rows read at the opening, and
 * the revision, applied on the same connection, keeps it.
 */
static void changes_without_row_checks_read_the_schema_once(void **state)
{
	struct fixture *f = *state;
	dbt_autogen ag;
	dbt_chain chain;
	dbt_conn *conn = NULL;
	char *text;

	/* A trigger on a, made before `migrate` opens the database. */
	dbt_conn_close(f->conn);
	f->conn = NULL;
	assert_int_equal(dbt_conn_open(&conn, &f->url), 0);
	assert_int_equal(conn->dialect->exec_script(conn,
						    "CREATE TRIGGER tr_a AFTER INSERT ON a BEGIN "
						    "INSERT INTO b (a_id) VALUES (new.id); END;\n",
						    "trigger.sql", 1),
			 0);
	dbt_conn_close(conn);
	assert_int_equal(dbt_conn_open_to_compare(&f->conn, &f->url, 0), 0);

	/* note's type changed (a rebuild of a on SQLite), a table and an
	 * index added. */
	test_write_file(f->model,
			"CREATE TABLE a (id INTEGER PRIMARY KEY, name TEXT UNIQUE, note "
			"INTEGER);\n"
			"CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a "
			"(id));\n"
			"CREATE INDEX ix_b ON b (a_id);\n"
			"CREATE TABLE c (id INTEGER PRIMARY KEY, label TEXT);\n"
			"CREATE TRIGGER tr_a AFTER INSERT ON a BEGIN "
			"INSERT INTO b (a_id) VALUES (new.id); END;\n");
	assert_int_equal(migrate(f, &ag), 0);
	assert_non_null(ag.path);
	assert_int_equal(test_sqlite_schema_bytes(f->conn), 0);
	text = slurp(ag.path);
	assert_non_null(strstr(text, "CREATE TRIGGER tr_a"));
	free(text);
	dbt_autogen_release(&ag);

	chain = load(f);
	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "head", NULL), 0);
	dbt_chain_release(&chain);
	assert_value(f->conn, "SELECT count(*) FROM sqlite_schema WHERE name = 'tr_a'", "1");
	assert_value(f->conn, "SELECT typeof(note) FROM a WHERE id = 1", "null");
	assert_value(f->conn, "SELECT count(*) FROM c", "0");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			nothing_to_do_releases_the_schema_and_the_connection_works_on, setup,
			teardown),
		cmocka_unit_test_setup_teardown(changes_are_checked_against_the_rows, setup,
						teardown),
		cmocka_unit_test_setup_teardown(changes_without_row_checks_read_the_schema_once,
						setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
