/*
 * test_model_job.c - the model loaded on a second thread (model_job.h):
 * the result is what dbt_model_load() gives, on the thread that finishes
 * the job, errors and their messages included, of the file as it was
 * when the job or its preload started, while the calling thread
 * uses the connection; a cancelled job frees what it loaded; a model
 * command is run on the calling thread; a preload handed to the
 * connection is taken by the job for its file and kind of database; a
 * large model given back is freed on a thread of its own.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbtool.h"
#include "dialect.h"
#include "error.h"
#include "model.h"
#include "model_job.h"
#include "schema.h"
#include "schema_dump.h"
#include "testutil.h"

static const struct dbt_dialect *const d = &dbt_dialect_sqlite;

struct fixture {
	char dir[PATH_MAX];
	char path[PATH_MAX + 16];
	dbt_conn *conn;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	dbt_url url = {.kind = DBT_DIALECT_SQLITE};

	if (!f || !test_mkdtemp(f->dir, sizeof(f->dir), "model_job"))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/schema.sql", f->dir);
	if (d->open(&f->conn, &url, 0) < 0)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	dbt_conn_close(f->conn);
	test_rmtree(f->dir);
	free(f);
	return 0;
}

static const char model[] = "CREATE TABLE users (\n"
			    "    id INTEGER PRIMARY KEY,\n"
			    "    email VARCHAR(200) NOT NULL UNIQUE\n"
			    ");\n"
			    "CREATE TABLE orders (\n"
			    "    id SERIAL PRIMARY KEY,\n"
			    "    user_id INTEGER REFERENCES users (id),\n"
			    "    total NUMERIC(10, 2) DEFAULT 0 CHECK (total >= 0)\n"
			    ");\n"
			    "CREATE INDEX ix_orders_user ON orders (user_id);\n";

/* The job's schema is dbt_model_load()'s, while the calling thread
 * reflects the database on the same connection. */
static void test_job_loads_what_the_model_load_does(void **state)
{
	struct fixture *f = *state;
	dbt_schema *direct = NULL, *threaded = NULL, *db = NULL;
	dbt_model_job job;
	char *a, *b;
	int rc;

	test_write_file(f->path, model);
	assert_int_equal(d->exec_script(f->conn, "CREATE TABLE t (x INTEGER);", "ddl.sql", 1), 0);
	assert_int_equal(dbt_model_load(&direct, f->conn, f->path), 0);

	/* No assertion between start and finish: a failing one would leave
	 * the thread running on a job that is gone. */
	dbt_model_job_start(&job, f->conn, f->path);
	rc = dbt_model_reflect(&db, f->conn, NULL);
	assert_int_equal(dbt_model_job_finish(&threaded, &job), 0);
	assert_int_equal(rc, 0);
	assert_non_null(threaded);
	assert_int_equal(db->ntables, 1);

	a = test_schema_dump(direct, DBT_DUMP_NAMES);
	b = test_schema_dump(threaded, DBT_DUMP_NAMES);
	assert_string_equal(b, a);
	assert_non_null(strstr(a, "orders"));
	free(a);
	free(b);
	dbt_schema_free(direct);
	dbt_schema_free(threaded);
	dbt_schema_free(db);
}

/* A model that does not parse: the error code and its message, which
 * names the file, line and column, reach the thread that finishes. */
static void test_job_hands_over_the_model_error(void **state)
{
	struct fixture *f = *state;
	dbt_schema *s = (dbt_schema *)1;
	dbt_model_job job;
	char want[PATH_MAX + 64];

	test_write_file(f->path, "CREATE TABLE a (id INTEGER);\nCREATE TABLE b (id INTEGER,);\n");
	dbt_model_job_start(&job, f->conn, f->path);
	assert_int_equal(dbt_model_job_finish(&s, &job), DBT_EPARSE);
	assert_null(s);
	snprintf(want, sizeof(want), "%s:2:", f->path);
	assert_non_null(strstr(dbt_error_last(), want));

	snprintf(f->path, sizeof(f->path), "%s/missing.sql", f->dir);
	dbt_model_job_start(&job, f->conn, f->path);
	assert_true(dbt_model_job_finish(&s, &job) < 0);
	assert_null(s);
	assert_non_null(strstr(dbt_error_last(), "cannot open model file"));
}

/* The model file is read when the job (or the preload) starts, on the
 * starting thread: what the file holds afterwards is not what is
 * parsed. */
static void test_job_reads_the_file_when_it_starts(void **state)
{
	struct fixture *f = *state;
	dbt_schema *direct = NULL, *threaded = NULL;
	dbt_model_preload *pre;
	dbt_model_job job;
	char *a, *b;
	int rc;

	test_write_file(f->path, model);
	assert_int_equal(dbt_model_load(&direct, f->conn, f->path), 0);
	a = test_schema_dump(direct, DBT_DUMP_NAMES);

	dbt_model_job_start(&job, f->conn, f->path);
	test_write_file(f->path, "CREATE TABLE b (id INTEGER,);\n");
	rc = dbt_model_job_finish(&threaded, &job);
	assert_int_equal(rc, 0);
	b = test_schema_dump(threaded, DBT_DUMP_NAMES);
	assert_string_equal(b, a);
	free(b);
	dbt_schema_free(threaded);
	threaded = NULL;

	test_write_file(f->path, model);
	pre = dbt_model_preload_start(DBT_DIALECT_SQLITE, f->path);
	assert_non_null(pre);
	test_write_file(f->path, "CREATE TABLE b (id INTEGER,);\n");
	dbt_conn_set_model_preload(f->conn, pre);
	dbt_model_job_start(&job, f->conn, f->path);
	rc = dbt_model_job_finish(&threaded, &job);
	assert_int_equal(rc, 0);
	b = test_schema_dump(threaded, DBT_DUMP_NAMES);
	assert_string_equal(b, a);
	free(a);
	free(b);
	dbt_schema_free(direct);
	dbt_schema_free(threaded);
}

/* A cancelled job waits for its thread and frees its schema (the
 * sanitizer build finds a leak otherwise); the error of the caller's
 * own failure stays the message. */
static void test_cancelled_job_frees_its_schema(void **state)
{
	struct fixture *f = *state;
	dbt_model_job job;

	test_write_file(f->path, model);
	dbt_model_job_start(&job, f->conn, f->path);
	dbt_error_set(DBT_EDB, "the database failed");
	dbt_model_job_cancel(&job);
	assert_null(job.run);
	assert_string_equal(dbt_error_last(), "the database failed");
}

/* A job or preload dropped after the caller failed keeps the caller's
 * message, even when the model did not parse either (the database's
 * error is the one reported). */
static void test_cancelled_failing_load_keeps_the_callers_error(void **state)
{
	struct fixture *f = *state;
	dbt_model_job job;

	test_write_file(f->path, "CREATE TABLE b (id INTEGER,);\n");
	dbt_model_job_start(&job, f->conn, f->path);
	dbt_error_set(DBT_EDB, "the database failed");
	dbt_model_job_cancel(&job);
	assert_string_equal(dbt_error_last(), "the database failed");

	dbt_conn_set_model_preload(f->conn, dbt_model_preload_start(DBT_DIALECT_SQLITE, f->path));
	assert_non_null(f->conn->preload);
	dbt_error_set(DBT_ECONNECT, "cannot connect");
	dbt_conn_set_model_preload(f->conn, NULL);
	assert_string_equal(dbt_error_last(), "cannot connect");
	dbt_model_preload_free(dbt_model_preload_start(DBT_DIALECT_SQLITE, f->path));
	assert_string_equal(dbt_error_last(), "cannot connect");
}

/* model_command: the command runs on the calling thread, in finish. */
static void test_model_command_runs_on_the_calling_thread(void **state)
{
	struct fixture *f = *state;
	dbt_schema *s = NULL;
	dbt_model_job job;

	assert_int_equal(dbt_model_set_command("printf 'CREATE TABLE made (id INTEGER);'", f->dir),
			 0);
	dbt_model_job_start(&job, f->conn, "model_command");
	assert_null(job.run);
	/* Nothing is preloaded either: the command runs when asked. */
	assert_null(dbt_model_preload_start(DBT_DIALECT_SQLITE, "model_command"));
	assert_int_equal(dbt_model_job_finish(&s, &job), 0);
	assert_non_null(s);
	assert_int_equal(s->ntables, 1);
	assert_string_equal(s->tables[0]->name, "made");
	dbt_schema_free(s);
	assert_int_equal(dbt_model_set_command(NULL, NULL), 0);
}

/* A model file larger than DBT_MODEL_JOB_MAX is loaded in finish, after
 * the caller's reflection, which it reuses the memory of. */
static void test_large_model_loads_on_the_calling_thread(void **state)
{
	struct fixture *f = *state;
	static const char line[] = "-- a comment that makes the model file larger than the bound\n";
	size_t len = strlen(model), n = DBT_MODEL_JOB_MAX / (sizeof(line) - 1) + 1, i;
	char *text = malloc(len + n * (sizeof(line) - 1) + 1), *at;
	dbt_schema *s = NULL;
	dbt_model_job job;
	int threaded;

	assert_non_null(text);
	memcpy(text, model, len);
	for (i = 0, at = text + len; i < n; i++, at += sizeof(line) - 1)
		memcpy(at, line, sizeof(line) - 1);
	*at = '\0';
	test_write_file(f->path, text);
	free(text);
	assert_null(dbt_model_preload_start(DBT_DIALECT_SQLITE, f->path));
	dbt_model_job_start(&job, f->conn, f->path);
	threaded = job.run != NULL;
	assert_int_equal(dbt_model_job_finish(&s, &job), 0);
	assert_false(threaded);
	assert_int_equal(s->ntables, 2);
	dbt_schema_free(s);

	test_write_file(f->path, model);
	dbt_model_job_start(&job, f->conn, f->path);
	threaded = job.run != NULL;
	assert_int_equal(dbt_model_job_finish(&s, &job), 0);
	assert_true(threaded);
	assert_int_equal(s->ntables, 2);
	dbt_schema_free(s);
}

/* A preload handed to the connection is what the next job for the same
 * file takes: the same schema as dbt_model_load(), the connection's
 * exclude patterns applied when it is taken (they were set after the
 * preload began), and the connection holds it no more. */
static void test_job_takes_the_connections_preload(void **state)
{
	struct fixture *f = *state;
	char *const exclude[] = {"orders"};
	dbt_schema *direct = NULL, *taken = NULL;
	dbt_model_preload *pre;
	dbt_model_job job;
	char *a, *b;

	test_write_file(f->path, model);
	pre = dbt_model_preload_start(DBT_DIALECT_SQLITE, f->path);
	assert_non_null(pre);
	dbt_conn_set_model_preload(f->conn, pre);
	assert_ptr_equal(f->conn->preload, pre);
	assert_int_equal(dbt_conn_set_exclude(f->conn, exclude, 1), 0);
	assert_int_equal(dbt_model_load(&direct, f->conn, f->path), 0);

	dbt_model_job_start(&job, f->conn, f->path);
	assert_null(f->conn->preload);
	assert_ptr_equal(job.run, &pre->run);
	assert_int_equal(dbt_model_job_finish(&taken, &job), 0);
	assert_non_null(taken);
	assert_int_equal(taken->ntables, 1);
	a = test_schema_dump(direct, DBT_DUMP_NAMES);
	b = test_schema_dump(taken, DBT_DUMP_NAMES);
	assert_string_equal(b, a);
	free(a);
	free(b);
	dbt_schema_free(direct);
	dbt_schema_free(taken);
	assert_int_equal(dbt_conn_set_exclude(f->conn, NULL, 0), 0);
}

/* The preload's parse error is the job's, with its message. */
static void test_preload_hands_over_the_model_error(void **state)
{
	struct fixture *f = *state;
	dbt_schema *s = (dbt_schema *)1;
	dbt_model_job job;
	char want[PATH_MAX + 64];

	test_write_file(f->path, "CREATE TABLE a (id INTEGER);\nCREATE TABLE b (id INTEGER,);\n");
	dbt_conn_set_model_preload(f->conn, dbt_model_preload_start(DBT_DIALECT_SQLITE, f->path));
	assert_non_null(f->conn->preload);
	dbt_model_job_start(&job, f->conn, f->path);
	assert_null(f->conn->preload);
	assert_int_equal(dbt_model_job_finish(&s, &job), DBT_EPARSE);
	assert_null(s);
	snprintf(want, sizeof(want), "%s:2:", f->path);
	assert_non_null(strstr(dbt_error_last(), want));
}

/* A preload of another file or another kind of database is not taken:
 * the job loads its own file; the connection frees the other one when it
 * closes, or at once when it is of no use to it (the sanitizer build
 * finds a leak otherwise).  A missing file starts nothing. */
static void test_preload_of_something_else_is_not_taken(void **state)
{
	struct fixture *f = *state;
	char other[PATH_MAX + 16];
	dbt_schema *s = NULL;
	dbt_model_job job;

	test_write_file(f->path, model);
	snprintf(other, sizeof(other), "%s/other.sql", f->dir);
	test_write_file(other, "CREATE TABLE other (id INTEGER);\n");

	dbt_conn_set_model_preload(f->conn, dbt_model_preload_start(DBT_DIALECT_POSTGRES, f->path));
	assert_null(f->conn->preload);

	dbt_conn_set_model_preload(f->conn, dbt_model_preload_start(DBT_DIALECT_SQLITE, other));
	assert_non_null(f->conn->preload);
	dbt_model_job_start(&job, f->conn, f->path);
	assert_ptr_equal(job.run, &job.own);
	assert_non_null(f->conn->preload);
	assert_int_equal(dbt_model_job_finish(&s, &job), 0);
	assert_int_equal(s->ntables, 2);
	dbt_schema_free(s);

	snprintf(other, sizeof(other), "%s/missing.sql", f->dir);
	assert_null(dbt_model_preload_start(DBT_DIALECT_SQLITE, other));
	dbt_model_preload_free(NULL);
	/* The one left is the connection's to free. */
	dbt_conn_close(f->conn);
	f->conn = NULL;
}

/* A model of `n` tables at `path`; the last one does not parse when
 * `broken`. */
static void write_tables(const char *path, size_t n, int broken)
{
	dbt_buf b = DBT_BUF_INIT;
	size_t i;

	for (i = 0; i < n; i++)
		dbt_buf_printf(&b, "CREATE TABLE t%zu (id INTEGER PRIMARY KEY, name TEXT%s);\n", i,
			       broken && i + 1 == n ? "," : "");
	assert_false(b.oom);
	test_write_file(path, dbt_buf_str(&b));
	dbt_buf_release(&b);
}

/* A model of DBT_MODEL_JOB_FREE_MIN tables given back is freed on a
 * thread, which end() joins; a second give_back() frees what it is
 * given here (the sanitizer build finds a schema leaked, or freed twice,
 * otherwise). */
static void test_large_model_is_freed_on_a_thread(void **state)
{
	struct fixture *f = *state;
	dbt_schema *s = NULL, *other = NULL;
	dbt_model_job job;

	write_tables(f->path, DBT_MODEL_JOB_FREE_MIN, 0);
	assert_int_equal(dbt_model_load(&other, f->conn, f->path), 0);
	dbt_model_job_start(&job, f->conn, f->path);
	assert_int_equal(dbt_model_job_finish(&s, &job), 0);
	assert_int_equal(s->ntables, DBT_MODEL_JOB_FREE_MIN);
	dbt_model_job_give_back(&job, s);
	assert_true(job.freeing);
	dbt_model_job_give_back(&job, other);
	dbt_model_job_end(&job);
	assert_false(job.freeing);
}

/* One table fewer: give_back() frees the model on the calling thread. */
static void test_smaller_model_is_freed_by_the_caller(void **state)
{
	struct fixture *f = *state;
	dbt_schema *s = NULL;
	dbt_model_job job;

	write_tables(f->path, DBT_MODEL_JOB_FREE_MIN - 1, 0);
	dbt_model_job_start(&job, f->conn, f->path);
	assert_int_equal(dbt_model_job_finish(&s, &job), 0);
	assert_int_equal(s->ntables, DBT_MODEL_JOB_FREE_MIN - 1);
	dbt_model_job_give_back(&job, s);
	assert_false(job.freeing);
	dbt_model_job_end(&job);
}

/* The caller keeps the model (and frees it itself): give_back(NULL), or
 * end() alone, starts nothing. */
static void test_model_kept_by_the_caller_is_its_own(void **state)
{
	struct fixture *f = *state;
	dbt_schema *s = NULL, *t = NULL;
	dbt_model_job job;

	write_tables(f->path, DBT_MODEL_JOB_FREE_MIN, 0);
	dbt_model_job_start(&job, f->conn, f->path);
	assert_int_equal(dbt_model_job_finish(&s, &job), 0);
	dbt_model_job_give_back(&job, NULL);
	assert_false(job.freeing);
	dbt_model_job_end(&job);

	dbt_model_job_start(&job, f->conn, f->path);
	assert_int_equal(dbt_model_job_finish(&t, &job), 0);
	dbt_model_job_end(&job);
	assert_false(job.freeing);
	/* Both are whole, and the caller's to free. */
	assert_int_equal(s->ntables, DBT_MODEL_JOB_FREE_MIN);
	assert_int_equal(t->ntables, DBT_MODEL_JOB_FREE_MIN);
	dbt_schema_free(s);
	dbt_schema_free(t);
}

/* A large model's job cancelled frees what it loaded, and one that failed
 * to load hands nothing back: give_back() and end() after either start
 * no thread. */
static void test_large_model_cancelled_or_failed(void **state)
{
	struct fixture *f = *state;
	dbt_schema *s = (dbt_schema *)1;
	dbt_model_job job;

	write_tables(f->path, DBT_MODEL_JOB_FREE_MIN, 0);
	dbt_model_job_start(&job, f->conn, f->path);
	dbt_error_set(DBT_EDB, "the database failed");
	dbt_model_job_cancel(&job);
	dbt_model_job_give_back(&job, NULL);
	dbt_model_job_end(&job);
	assert_null(job.run);
	assert_false(job.freeing);
	assert_string_equal(dbt_error_last(), "the database failed");

	write_tables(f->path, DBT_MODEL_JOB_FREE_MIN + 1, 1);
	dbt_model_job_start(&job, f->conn, f->path);
	assert_int_equal(dbt_model_job_finish(&s, &job), DBT_EPARSE);
	assert_null(s);
	dbt_model_job_give_back(&job, s);
	assert_false(job.freeing);
	dbt_model_job_end(&job);
}

/* A large model loaded on the calling thread (a model command) is freed
 * on a thread too. */
static void test_model_loaded_here_is_freed_on_a_thread(void **state)
{
	struct fixture *f = *state;
	char cmd[PATH_MAX + 32];
	dbt_schema *s = NULL;
	dbt_model_job job;

	write_tables(f->path, DBT_MODEL_JOB_FREE_MIN, 0);
	snprintf(cmd, sizeof(cmd), "cat '%s'", f->path);
	assert_int_equal(dbt_model_set_command(cmd, f->dir), 0);
	dbt_model_job_start(&job, f->conn, "model_command");
	assert_null(job.run);
	assert_int_equal(dbt_model_job_finish(&s, &job), 0);
	assert_int_equal(dbt_model_set_command(NULL, NULL), 0);
	assert_int_equal(s->ntables, DBT_MODEL_JOB_FREE_MIN);
	dbt_model_job_give_back(&job, s);
	assert_true(job.freeing);
	dbt_model_job_end(&job);
	assert_false(job.freeing);
}

/* dbt_model_compare() with a model of DBT_MODEL_JOB_FREE_MIN tables: its
 * findings are made before the model goes to the thread that frees it,
 * and read whole after. */
static void test_compare_of_a_large_model(void **state)
{
	struct fixture *f = *state;
	dbt_buf sql = DBT_BUF_INIT;
	dbt_findings found = {NULL, 0};
	size_t i;

	write_tables(f->path, DBT_MODEL_JOB_FREE_MIN, 0);
	for (i = 1; i < DBT_MODEL_JOB_FREE_MIN; i++)
		dbt_buf_printf(&sql, "CREATE TABLE t%zu (id INTEGER PRIMARY KEY, name TEXT);\n", i);
	assert_false(sql.oom);
	assert_int_equal(d->exec_script(f->conn, dbt_buf_str(&sql), "ddl.sql", 1), 0);
	dbt_buf_release(&sql);
	assert_int_equal(dbt_model_compare(&found, f->conn, f->path, NULL), 0);
	assert_int_equal(found.n, 1);
	assert_non_null(strstr(found.v[0].text, "t0"));
	dbt_findings_release(&found);

	assert_int_equal(d->exec_script(f->conn,
					"CREATE TABLE t0 (id INTEGER PRIMARY KEY, name TEXT);",
					"ddl.sql", 1),
			 0);
	assert_int_equal(dbt_model_compare(&found, f->conn, f->path, NULL), 0);
	assert_int_equal(found.n, 0);
	dbt_findings_release(&found);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_job_loads_what_the_model_load_does),
		T(test_job_hands_over_the_model_error),
		T(test_job_reads_the_file_when_it_starts),
		T(test_cancelled_job_frees_its_schema),
		T(test_cancelled_failing_load_keeps_the_callers_error),
		T(test_model_command_runs_on_the_calling_thread),
		T(test_large_model_loads_on_the_calling_thread),
		T(test_job_takes_the_connections_preload),
		T(test_preload_hands_over_the_model_error),
		T(test_preload_of_something_else_is_not_taken),
		T(test_large_model_is_freed_on_a_thread),
		T(test_smaller_model_is_freed_by_the_caller),
		T(test_model_kept_by_the_caller_is_its_own),
		T(test_large_model_cancelled_or_failed),
		T(test_model_loaded_here_is_freed_on_a_thread),
		T(test_compare_of_a_large_model),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
