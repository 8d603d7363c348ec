/*
 * test_dialect_sqlite.c - the SQLite dialect through its function table,
 * against in-memory and temporary-file databases: opening, scripts and
 * their error positions, single statements and queries, transactions,
 * the write lock between two connections, table lookup, quoting, and the
 * statement count.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dbtool.h"
#include "dialect.h"
#include "error.h"
#include "testutil.h"

#include <sqlite3.h>

static const struct dbt_dialect *const d = &dbt_dialect_sqlite;

struct fixture {
	char dir[64];
	char path[128];
	dbt_conn *conn; /* on an in-memory database */
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	if (!test_mkdtemp(f->dir, sizeof(f->dir), "sqlite"))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/app.db", f->dir);
	if (test_sqlite_open(&f->conn, NULL) < 0)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	d->close(f->conn);
	unlink(f->path);
	rmdir(f->dir);
	free(f);
	return 0;
}

static dbt_conn *open_file(struct fixture *f)
{
	dbt_conn *conn = NULL;

	assert_int_equal(test_sqlite_open(&conn, f->path), 0);
	assert_non_null(conn);
	return conn;
}

/* The value of a query that must succeed, "(null)" for SQL NULL. */
static void assert_value(dbt_conn *conn, const char *sql, const char *want)
{
	char *v = NULL;

	assert_int_equal(d->query_value(conn, sql, &v), 0);
	assert_string_equal(v ? v : "(null)", want);
	free(v);
}

static int exists(dbt_conn *conn, const char *name)
{
	int yes = -1;

	assert_int_equal(d->table_exists(conn, NULL, name, &yes), 0);
	return yes;
}

static char *quoted(void (*quote)(dbt_buf *, const char *), const char *s)
{
	dbt_buf b = DBT_BUF_INIT;

	quote(&b, s);
	return dbt_buf_detach(&b);
}

/* ------------------------------------------------------------- opening */

static void opens_in_memory_database_when_url_has_none(void **state)
{
	struct fixture *f = *state;

	assert_ptr_equal(f->conn->dialect, &dbt_dialect_sqlite);
	assert_string_equal(dbt_conn_dialect(f->conn), "sqlite");
	assert_value(f->conn, "PRAGMA database_list", "0");
	assert_value(f->conn, "SELECT file FROM pragma_database_list WHERE name = 'main'", "");
}

static void opens_file_database_creating_it(void **state)
{
	struct fixture *f = *state;
	dbt_conn *conn;

	assert_int_equal(access(f->path, F_OK), -1);
	conn = open_file(f);
	assert_int_equal(d->exec(conn, "CREATE TABLE t (x INTEGER)"), 0);
	d->close(conn);
	assert_int_equal(access(f->path, F_OK), 0);

	conn = open_file(f);
	assert_int_equal(exists(conn, "t"), 1);
	d->close(conn);
}

static void open_in_missing_folder_fails(void **state)
{
	dbt_url url = {.kind = DBT_DIALECT_SQLITE, .database = "/nonexistent-dbt/sub/app.db"};
	dbt_conn *conn = (dbt_conn *)state;

	assert_int_equal(d->open(&conn, &url, 0), DBT_ECONNECT);
	assert_null(conn);
	assert_string_equal(dbt_error_last(),
			    "cannot open sqlite database '/nonexistent-dbt/sub/app.db': "
			    "unable to open database file");
}

static void open_file_that_is_no_database_fails(void **state)
{
	struct fixture *f = *state;
	dbt_url url = {.kind = DBT_DIALECT_SQLITE, .database = f->path};
	dbt_conn *conn = (dbt_conn *)state;
	char junk[4096];
	FILE *fp;
	char want[256];

	memset(junk, 'x', sizeof(junk));
	fp = fopen(f->path, "w");
	assert_non_null(fp);
	assert_int_equal(fwrite(junk, 1, sizeof(junk), fp), sizeof(junk));
	fclose(fp);

	assert_int_equal(d->open(&conn, &url, 0), DBT_ECONNECT);
	assert_null(conn);
	snprintf(want, sizeof(want), "cannot open sqlite database '%s': file is not a database",
		 f->path);
	assert_string_equal(dbt_error_last(), want);
}

/* Tables a and b, b referring to a: a row of b with no row of a is
 * refused. */
static void assert_orphan_refused(struct fixture *f)
{
	assert_int_equal(d->exec_script(f->conn,
					"CREATE TABLE a (id INTEGER PRIMARY KEY);\n"
					"CREATE TABLE b (a_id INTEGER REFERENCES a (id));\n",
					"fk.sql", 1),
			 0);
	assert_int_equal(d->exec(f->conn, "INSERT INTO b VALUES (7)"), DBT_EDB);
}

static void foreign_keys_are_enforced(void **state)
{
	struct fixture *f = *state;

	assert_value(f->conn, "PRAGMA foreign_keys", "1");
	assert_orphan_refused(f);
	assert_string_equal(dbt_error_last(),
			    "FOREIGN KEY constraint failed (in: INSERT INTO b VALUES (7))");
}

/* ------------------------------------------------------------- scripts */

/* Inside dbtool's transactions foreign keys are off (checked at COMMIT);
 * after a COMMIT and after a ROLLBACK they are enforced again. */
static void foreign_keys_are_off_inside_a_transaction_and_on_after_it(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(d->begin(f->conn), 0);
	assert_value(f->conn, "PRAGMA foreign_keys", "0");
	assert_int_equal(d->commit(f->conn), 0);
	assert_value(f->conn, "PRAGMA foreign_keys", "1");
	assert_int_equal(d->begin(f->conn), 0);
	assert_value(f->conn, "PRAGMA foreign_keys", "0");
	assert_int_equal(d->rollback(f->conn), 0);
	assert_value(f->conn, "PRAGMA foreign_keys", "1");
	assert_orphan_refused(f);
}

static void exec_script_runs_every_statement(void **state)
{
	struct fixture *f = *state;
	const char *sql = "-- a comment; with a semicolon\n"
			  "CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT);\n"
			  "/* block; comment */\n"
			  "INSERT INTO t (s) VALUES ('a;b');;\n"
			  "CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n"
			  "  INSERT INTO t (s) SELECT 'copy' WHERE NEW.s <> 'copy';\n"
			  "END;\n"
			  "INSERT INTO t (s) VALUES ('c')\n";

	assert_int_equal(d->exec_script(f->conn, sql, "up.sql", 1), 0);
	assert_value(f->conn, "SELECT group_concat(s, '|') FROM (SELECT s FROM t ORDER BY id)",
		     "a;b|c|copy");
}

/* Collects the rows query_rows() hands over as "a:b|c:-|" (NULL as "-"). */
struct rows_seen {
	char text[256];
	size_t calls;
	size_t ncolumns;
	size_t fail_at; /* the call that fails, 0: none */
};

static int see_row(void *arg, size_t ncolumns, const char *const *values)
{
	struct rows_seen *r = arg;
	size_t i, len;

	r->calls++;
	r->ncolumns = ncolumns;
	if (r->fail_at && r->calls == r->fail_at)
		return dbt_error_set(DBT_ERROR, "stop at row %zu", r->calls);
	for (i = 0; i < ncolumns; i++) {
		len = strlen(r->text);
		snprintf(r->text + len, sizeof(r->text) - len, "%s%s", i ? ":" : "",
			 values[i] ? values[i] : "-");
	}
	len = strlen(r->text);
	snprintf(r->text + len, sizeof(r->text) - len, "|");
	return 0;
}

static void query_rows_hands_each_row_in_order_with_nulls(void **state)
{
	struct fixture *f = *state;
	struct rows_seen r;

	memset(&r, 0, sizeof(r));
	assert_int_equal(d->exec_script(f->conn,
					"CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT);\n"
					"INSERT INTO t (s) VALUES ('a'), (NULL), ('c d');\n",
					"x.sql", 1),
			 0);
	assert_int_equal(d->query_rows(f->conn, "SELECT id, s FROM t ORDER BY id DESC", see_row,
				       &r),
			 0);
	assert_int_equal(r.calls, 3);
	assert_int_equal(r.ncolumns, 2);
	assert_string_equal(r.text, "3:c d|2:-|1:a|");
}

static void query_rows_without_rows_never_calls_back(void **state)
{
	struct fixture *f = *state;
	struct rows_seen r;

	memset(&r, 0, sizeof(r));
	assert_int_equal(d->query_rows(f->conn, "SELECT 1 WHERE 0", see_row, &r), 0);
	assert_int_equal(r.calls, 0);
}

static void query_rows_stops_at_a_failing_callback(void **state)
{
	struct fixture *f = *state;
	struct rows_seen r;

	memset(&r, 0, sizeof(r));
	r.fail_at = 2;
	assert_int_equal(d->query_rows(f->conn, "SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3",
				       see_row, &r),
			 DBT_ERROR);
	assert_int_equal(r.calls, 2);
	assert_string_equal(dbt_error_last(), "stop at row 2");
}

static void query_rows_reports_a_failing_query(void **state)
{
	struct fixture *f = *state;
	struct rows_seen r;

	memset(&r, 0, sizeof(r));
	assert_true(d->query_rows(f->conn, "SELECT * FROM missing", see_row, &r) < 0);
	assert_int_equal(r.calls, 0);
	assert_non_null(strstr(dbt_error_last(), "no such table: missing"));
}

static void end_locked_commits_what_begin_locked_began(void **state)
{
	struct fixture *f = *state;
	int found = 0;

	assert_int_equal(dbt_conn_begin_locked(f->conn, 0), 0);
	assert_int_equal(d->exec(f->conn, "CREATE TABLE kept (id INTEGER)"), 0);
	assert_int_equal(dbt_conn_end_locked(f->conn, 0), 0);
	assert_int_equal(d->table_exists(f->conn, NULL, "kept", &found), 0);
	assert_int_equal(found, 1);
}

static void end_locked_rolls_back_after_a_failure(void **state)
{
	struct fixture *f = *state;
	int found = 1;

	assert_int_equal(dbt_conn_begin_locked(f->conn, 0), 0);
	assert_int_equal(d->exec(f->conn, "CREATE TABLE gone (id INTEGER)"), 0);
	assert_int_equal(dbt_conn_end_locked(f->conn, DBT_EPARSE), DBT_EPARSE);
	assert_int_equal(d->table_exists(f->conn, NULL, "gone", &found), 0);
	assert_int_equal(found, 0);
	/* Nothing is held: the next transaction begins. */
	assert_int_equal(dbt_conn_begin_locked(f->conn, 0), 0);
	assert_int_equal(dbt_conn_end_locked(f->conn, 0), 0);
}

static void exec_script_of_only_comments_runs_nothing(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(d->exec_script(f->conn, "-- nothing\n/* at all; */\n ;\n", "x.sql", 1), 0);
	assert_int_equal(f->conn->nqueries, 0);
	assert_int_equal(d->exec_script(f->conn, "", "x.sql", 1), 0);
	assert_int_equal(f->conn->nqueries, 0);
}

static void exec_script_error_names_file_line_and_statement(void **state)
{
	struct fixture *f = *state;
	const char *sql = "CREATE TABLE a (id INTEGER);\n"
			  "\n"
			  "-- the next one fails\n"
			  "INSERT INTO nope\n"
			  "  VALUES (1);\n"
			  "CREATE TABLE never (id INTEGER);\n";

	assert_int_equal(d->exec_script(f->conn, sql, "versions/x.sql", 10), DBT_EDB);
	assert_string_equal(dbt_error_last(), "versions/x.sql:13: no such table: nope (in: INSERT "
					      "INTO nope VALUES (1))");
	assert_int_equal(exists(f->conn, "a"), 1);
	assert_int_equal(exists(f->conn, "never"), 0);
}

static void exec_script_syntax_error_excerpt_stops_at_statement_end(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(d->exec_script(f->conn,
					"SELECT 1;\nCREAT TABLE x (id INTEGER);\nSELECT 2;",
					"s.sql", 1),
			 DBT_EDB);
	assert_string_equal(dbt_error_last(), "s.sql:2: near \"CREAT\": syntax error (in: CREAT "
					      "TABLE x (id INTEGER))");
}

static void exec_script_error_while_stepping(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(d->exec_script(f->conn,
					"CREATE TABLE u (id INTEGER PRIMARY KEY);\n"
					"INSERT INTO u VALUES (1); INSERT INTO u VALUES (1);\n",
					"u.sql", 5),
			 DBT_EDB);
	assert_string_equal(dbt_error_last(), "u.sql:6: UNIQUE constraint failed: u.id (in: INSERT "
					      "INTO u VALUES (1))");
}

static void exec_script_cuts_long_statement_in_message(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(d->exec_script(f->conn,
					"INSERT INTO missing_table (first_column, second_column, "
					"third_column)\n    VALUES (1, 2, 3)",
					"long.sql", 1),
			 DBT_EDB);
	assert_string_equal(dbt_error_last(),
			    "long.sql:1: no such table: missing_table (in: INSERT INTO "
			    "missing_table (first_column, second_column, thir...)");
}

static void failed_script_in_rolled_back_transaction_leaves_nothing(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(d->exec(f->conn, "CREATE TABLE keep (x INTEGER)"), 0);
	assert_int_equal(d->begin(f->conn), 0);
	assert_int_equal(d->exec_script(f->conn,
					"CREATE TABLE gone (x INTEGER);\n"
					"INSERT INTO keep VALUES (1);\n"
					"INSERT INTO nope VALUES (1);\n",
					"r.sql", 1),
			 DBT_EDB);
	assert_string_equal(dbt_error_last(),
			    "r.sql:3: no such table: nope (in: INSERT INTO nope VALUES (1))");
	assert_int_equal(d->rollback(f->conn), 0);
	assert_int_equal(exists(f->conn, "gone"), 0);
	assert_value(f->conn, "SELECT count(*) FROM keep", "0");
}

/* ----------------------------------------------------- single statements */

static void exec_error_has_no_position(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(d->exec(f->conn, "DROP TABLE nope"), DBT_EDB);
	assert_string_equal(dbt_error_last(), "no such table: nope (in: DROP TABLE nope)");
}

static void query_value_returns_first_column_of_first_row(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(d->exec_script(f->conn,
					"CREATE TABLE v (a TEXT, b TEXT);\n"
					"INSERT INTO v VALUES ('one', 'x'), ('two', 'y');",
					"v.sql", 1),
			 0);
	assert_value(f->conn, "SELECT a, b FROM v ORDER BY a DESC", "two");
	assert_value(f->conn, "SELECT 42", "42");
	assert_value(f->conn, "SELECT ''", "");
}

static void query_value_is_null_without_row_or_value(void **state)
{
	struct fixture *f = *state;
	char *v = (char *)state;

	assert_int_equal(d->query_value(f->conn, "SELECT 1 WHERE 0", &v), 0);
	assert_null(v);
	v = (char *)state;
	assert_int_equal(d->query_value(f->conn, "SELECT NULL", &v), 0);
	assert_null(v);
}

static void query_value_error(void **state)
{
	struct fixture *f = *state;
	char *v = (char *)state;

	assert_int_equal(d->query_value(f->conn, "SELECT x FROM nope", &v), DBT_EDB);
	assert_null(v);
	assert_string_equal(dbt_error_last(), "no such table: nope (in: SELECT x FROM nope)");
	assert_int_equal(d->query_value(f->conn, "SELECT abs('a', 'b')", &v), DBT_EDB);
	assert_string_equal(dbt_error_last(), "wrong number of arguments to function abs() (in: "
					      "SELECT abs('a', 'b'))");
}

/* --------------------------------------------------------- transactions */

static void commit_keeps_changes(void **state)
{
	struct fixture *f = *state;
	dbt_conn *conn = open_file(f), *other = open_file(f);

	assert_int_equal(d->begin(conn), 0);
	assert_int_equal(d->exec(conn, "CREATE TABLE c (x INTEGER)"), 0);
	assert_int_equal(d->commit(conn), 0);
	assert_int_equal(exists(other, "c"), 1);
	d->close(other);
	d->close(conn);
}

static void rollback_discards_changes(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(d->begin(f->conn), 0);
	assert_int_equal(d->exec(f->conn, "CREATE TABLE r (x INTEGER)"), 0);
	assert_int_equal(exists(f->conn, "r"), 1);
	assert_int_equal(d->rollback(f->conn), 0);
	assert_int_equal(exists(f->conn, "r"), 0);
}

static void rollback_without_transaction_is_harmless(void **state)
{
	struct fixture *f = *state;
	unsigned long before = f->conn->nqueries;

	assert_int_equal(d->rollback(f->conn), 0);
	assert_int_equal(f->conn->nqueries, before);
	assert_int_equal(d->begin(f->conn), 0);
	assert_int_equal(d->commit(f->conn), 0);
	assert_int_equal(d->rollback(f->conn), 0);
}

static void commit_without_transaction_fails(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(d->commit(f->conn), DBT_EDB);
	assert_string_equal(dbt_error_last(),
			    "cannot commit - no transaction is active (in: COMMIT)");
}

static void begin_waits_for_other_writer_then_fails_locked(void **state)
{
	struct fixture *f = *state;
	dbt_conn *first = open_file(f), *second = open_file(f);
	char want[256];

	assert_int_equal(d->begin(first), 0);
	assert_int_equal(d->lock(second, 100), 0);
	assert_int_equal(d->begin(second), DBT_ELOCKED);
	snprintf(want, sizeof(want),
		 "waited too long for the lock (0.1s): another process is writing to '%s'",
		 f->path);
	assert_string_equal(dbt_error_last(), want);
	/* Reading is still possible meanwhile. */
	assert_int_equal(exists(second, "anything"), 0);

	assert_int_equal(d->commit(first), 0);
	assert_int_equal(d->begin(second), 0);
	assert_int_equal(d->rollback(second), 0);
	assert_int_equal(d->unlock(second), 0);
	d->close(second);
	d->close(first);
}

static void lock_timeout_is_waited_for(void **state)
{
	struct fixture *f = *state;
	dbt_conn *first = open_file(f), *second = open_file(f);
	struct timespec t0, t1;
	double ms;

	assert_int_equal(d->begin(first), 0);
	assert_int_equal(d->lock(second, 300), 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(d->begin(second), DBT_ELOCKED);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (double)(t1.tv_sec - t0.tv_sec) * 1000.0 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	assert_true(ms >= 250.0);
	assert_true(ms < 5000.0);
	assert_int_equal(d->rollback(first), 0);
	d->close(second);
	d->close(first);
}

/* --------------------------------------------------------------- tables */

static void table_exists_finds_tables_only(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(d->exec_script(f->conn,
					"CREATE TABLE present (x INTEGER);\n"
					"CREATE INDEX ix_present ON present (x);\n"
					"CREATE VIEW view_present AS SELECT 1;\n",
					"t.sql", 1),
			 0);
	assert_int_equal(exists(f->conn, "present"), 1);
	assert_int_equal(exists(f->conn, "PRESENT"), 1);
	assert_int_equal(exists(f->conn, "absent"), 0);
	assert_int_equal(exists(f->conn, "ix_present"), 0);
	assert_int_equal(exists(f->conn, "view_present"), 0);
}

static void table_exists_takes_name_as_value(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(d->exec(f->conn, "CREATE TABLE \"it's\" (x INTEGER)"), 0);
	assert_int_equal(exists(f->conn, "it's"), 1);
	assert_int_equal(exists(f->conn, "x' OR '1' = '1"), 0);
}

/* dbtool's own tables are read in one scan and the answer kept: what
 * another connection makes or drops since, and what a rolled-back
 * transaction made, must still be seen as they are now. */
static void table_exists_sees_own_tables_change(void **state)
{
	struct fixture *f = *state;
	dbt_conn *first = open_file(f), *second = open_file(f);

	assert_int_equal(exists(first, "dbtool_version"), 0);
	assert_int_equal(exists(first, "dbtool_history"), 0);
	assert_int_equal(d->exec(second, "CREATE TABLE dbtool_version (v TEXT)"), 0);
	assert_int_equal(exists(first, "dbtool_version"), 1);
	assert_int_equal(exists(first, "dbtool_history"), 0);
	assert_int_equal(d->exec(second, "CREATE TABLE DBTOOL_HISTORY (v TEXT)"), 0);
	assert_int_equal(exists(first, "dbtool_history"), 1);

	assert_int_equal(d->begin(first), 0);
	assert_int_equal(d->exec(first, "CREATE TABLE dbtool_journal (v TEXT)"), 0);
	assert_int_equal(exists(first, "dbtool_journal"), 1);
	assert_int_equal(d->rollback(first), 0);
	/* The schema version after the rollback is that of before it: the
	 * next change gives again the version the rolled-back one had. */
	assert_int_equal(d->exec(first, "CREATE TABLE other (v TEXT)"), 0);
	assert_int_equal(exists(first, "dbtool_journal"), 0);

	assert_int_equal(d->exec(second, "DROP TABLE dbtool_version"), 0);
	assert_int_equal(exists(first, "dbtool_version"), 0);
	assert_int_equal(exists(first, "dbtool_history"), 1);
	d->close(second);
	d->close(first);
}

/* Once SQLite is in use (the fixture's connection), the process-wide
 * settings are refused and left as they were: the memory statistics still
 * count. */
static void global_init_after_sqlite_is_in_use_changes_nothing(void **state)
{
	(void)state;
	assert_int_equal(dbt_global_init(), DBT_ERROR);
	assert_string_equal(dbt_error_last(),
			    "cannot change SQLite's settings: it is in use already");
	assert_true(sqlite3_memory_used() > 0);
}

/* -------------------------------------------------------------- quoting */

static void quote_ident_leaves_plain_names_bare(void **state)
{
	char *s;

	(void)state;
	s = quoted(d->quote_ident, "users");
	assert_string_equal(s, "users");
	free(s);
	s = quoted(d->quote_ident, "_user_2");
	assert_string_equal(s, "_user_2");
	free(s);
}

static void quote_ident_quotes_keywords(void **state)
{
	const char *kw[] = {"select", "table", "order", "group", "index", "key", "values"};
	char want[32];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(kw) / sizeof(kw[0]); i++) {
		char *s = quoted(d->quote_ident, kw[i]);

		snprintf(want, sizeof(want), "\"%s\"", kw[i]);
		assert_string_equal(s, want);
		free(s);
	}
}

static void quote_ident_quotes_other_names(void **state)
{
	const char *in[] = {"Users", "user name", "2fa", "café", "a-b", ""};
	const char *out[] = {"\"Users\"", "\"user name\"", "\"2fa\"",
			     "\"café\"",  "\"a-b\"",	   "\"\""};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		char *s = quoted(d->quote_ident, in[i]);

		assert_string_equal(s, out[i]);
		free(s);
	}
}

static void quote_ident_doubles_quotes(void **state)
{
	char *s;

	(void)state;
	s = quoted(d->quote_ident, "say \"hi\"");
	assert_string_equal(s, "\"say \"\"hi\"\"\"");
	free(s);
}

static void quoted_identifiers_name_the_same_table(void **state)
{
	struct fixture *f = *state;
	const char *names[] = {"order", "Mixed Case", "quo\"te", "plain"};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		dbt_buf sql = DBT_BUF_INIT;

		dbt_buf_puts(&sql, "CREATE TABLE ");
		d->quote_ident(&sql, names[i]);
		dbt_buf_puts(&sql, " (x INTEGER)");
		assert_int_equal(d->exec(f->conn, dbt_buf_str(&sql)), 0);
		dbt_buf_release(&sql);
		assert_int_equal(exists(f->conn, names[i]), 1);
	}
}

static void quote_literal_doubles_quotes(void **state)
{
	struct fixture *f = *state;
	const char *in[] = {"plain", "it's", "''", "back\\slash", ""};
	const char *out[] = {"'plain'", "'it''s'", "''''''", "'back\\slash'", "''"};
	size_t i;

	for (i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		char *s = quoted(d->quote_literal, in[i]);
		dbt_buf sql = DBT_BUF_INIT;

		assert_string_equal(s, out[i]);
		/* And the database reads back the very value. */
		dbt_buf_printf(&sql, "SELECT %s", s);
		assert_value(f->conn, dbt_buf_str(&sql), in[i]);
		dbt_buf_release(&sql);
		free(s);
	}
}

/* --------------------------------------------------------------- counts */

static void nqueries_counts_statements_sent(void **state)
{
	struct fixture *f = *state;
	char *v = NULL;
	int yes;

	assert_int_equal(f->conn->nqueries, 0);
	assert_int_equal(d->exec_script(f->conn,
					"-- comment\nCREATE TABLE n (x INTEGER);;\n"
					"INSERT INTO n VALUES (1);\n/* trailing */",
					"n.sql", 1),
			 0);
	assert_int_equal(f->conn->nqueries, 2);
	assert_int_equal(d->begin(f->conn), 0);
	assert_int_equal(d->exec(f->conn, "INSERT INTO n VALUES (2)"), 0);
	assert_int_equal(d->commit(f->conn), 0);
	/* begin: BEGIN, data version, foreign-key count (the first
	 * transaction); commit: the tables with foreign keys, COMMIT (foreign
	 * keys are turned off and on without a statement). */
	assert_int_equal(f->conn->nqueries, 8);
	assert_int_equal(d->query_value(f->conn, "SELECT count(*) FROM n", &v), 0);
	free(v);
	assert_int_equal(d->table_exists(f->conn, NULL, "n", &yes), 0);
	assert_int_equal(f->conn->nqueries, 10);
	/* A failing statement was sent too; the ones after it were not. */
	assert_int_equal(d->exec_script(f->conn, "INSERT INTO n VALUES ('a', 'b');\nSELECT 1;",
					"n.sql", 1),
			 DBT_EDB);
	assert_int_equal(f->conn->nqueries, 11);
}

/* ------------------------------------------------------------- memory */

/* A file database with tables and an index, and a connection to it whose
 * opening read its schema. */
static dbt_conn *open_with_tables(struct fixture *f)
{
	dbt_conn *conn = open_file(f);

	assert_int_equal(d->exec_script(conn,
					"CREATE TABLE a (id INTEGER PRIMARY KEY, name TEXT "
					"UNIQUE);\n"
					"CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER "
					"REFERENCES a (id));\n"
					"CREATE INDEX ix_b ON b (a_id);\n"
					"INSERT INTO a VALUES (1, 'x');\n",
					"t.sql", 1),
			 0);
	d->close(conn);
	conn = open_file(f);
	assert_true(test_sqlite_schema_bytes(conn) > 0);
	return conn;
}

static void release_memory_frees_the_schema_which_is_read_again(void **state)
{
	struct fixture *f = *state;
	dbt_conn *conn = open_with_tables(f);

	d->release_memory(conn);
	assert_int_equal(test_sqlite_schema_bytes(conn), 0);
	/* The next statement reads it again and works as before. */
	assert_value(conn, "SELECT name FROM a WHERE id = 1", "x");
	assert_true(test_sqlite_schema_bytes(conn) > 0);
	assert_int_equal(d->begin(conn), 0);
	assert_int_equal(d->exec(conn, "INSERT INTO b VALUES (1, 1)"), 0);
	assert_int_equal(d->commit(conn), 0);
	assert_value(conn, "SELECT count(*) FROM b", "1");
	d->close(conn);
}

static void release_memory_inside_a_transaction_does_nothing(void **state)
{
	struct fixture *f = *state;
	dbt_conn *conn = open_with_tables(f);
	int before;

	assert_int_equal(d->begin(conn), 0);
	assert_int_equal(d->exec(conn, "INSERT INTO a VALUES (2, 'y')"), 0);
	before = test_sqlite_schema_bytes(conn);
	d->release_memory(conn);
	assert_int_equal(test_sqlite_schema_bytes(conn), before);
	assert_int_equal(d->commit(conn), 0);
	assert_value(conn, "SELECT count(*) FROM a", "2");
	d->close(conn);
}

/*
 * `check` compares the model with the database: once the database is
 * reflected, SQLite's copy of its schema is released before the model is
 * parsed, so that the two are not held at once (bench/README.md).
 */
static void model_compare_leaves_the_schema_released(void **state)
{
	struct fixture *f = *state;
	dbt_conn *conn = open_with_tables(f);
	dbt_findings out = {NULL, 0};
	char model[160];

	snprintf(model, sizeof(model), "%s/schema.sql", f->dir);
	test_write_file(model,
			"CREATE TABLE a (id INTEGER PRIMARY KEY, name TEXT UNIQUE);\n"
			"CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a (id));\n"
			"CREATE INDEX ix_b ON b (a_id);\n");
	assert_int_equal(dbt_model_compare(&out, conn, model, NULL), 0);
	assert_int_equal(out.n, 0);
	assert_int_equal(test_sqlite_schema_bytes(conn), 0);
	dbt_findings_release(&out);
	/* A model that differs is still told apart. */
	test_write_file(model, "CREATE TABLE a (id INTEGER PRIMARY KEY, name TEXT UNIQUE);\n");
	assert_int_equal(dbt_model_compare(&out, conn, model, NULL), 0);
	assert_true(out.n > 0);
	dbt_findings_release(&out);
	unlink(model);
	d->close(conn);
}

/* ------------------------------------------- foreign keys at commit */

/* How many foreign-key checks ran: over the whole database, and over one
 * table. */
struct fk_checks {
	int whole, one;
};

static int count_fk_checks(unsigned type, void *arg, void *p, void *x)
{
	struct fk_checks *n = arg;
	const char *sql = x;

	(void)type;
	(void)p;
	if (!strcmp(sql, "PRAGMA foreign_key_check"))
		n->whole++;
	else if (!strncmp(sql, "PRAGMA foreign_key_check(", 25))
		n->one++;
	return 0;
}

static void trace_fk_checks(dbt_conn *conn, struct fk_checks *n)
{
	memset(n, 0, sizeof(*n));
	sqlite3_trace_v2(dbt_sqlite_handle(conn), SQLITE_TRACE_STMT, count_fk_checks, n);
}

/* A parent p with row 1, a child c with a row on it, an unrelated u. */
static void fk_tables_with_rows(dbt_conn *conn)
{
	assert_int_equal(d->begin(conn), 0);
	assert_int_equal(d->exec_script(conn,
					"CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
					"CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER "
					"REFERENCES p (id));\n"
					"CREATE TABLE u (x INTEGER);\n"
					"INSERT INTO p VALUES (1);\nINSERT INTO c VALUES (1, 1);\n",
					"fk.sql", 1),
			 0);
	assert_int_equal(d->commit(conn), 0);
}

/* The counts a transaction ends with are those the next one starts from,
 * and a transaction is checked on the tables it touched: writing a table
 * that has no foreign key and that no foreign key references checks no
 * rows at all. */
static void commit_checks_only_the_tables_a_transaction_touched(void **state)
{
	struct fixture *f = *state;
	struct fk_checks n;

	fk_tables_with_rows(f->conn);
	trace_fk_checks(f->conn, &n);
	assert_int_equal(d->begin(f->conn), 0);
	assert_int_equal(d->exec(f->conn, "INSERT INTO u VALUES (5)"), 0);
	assert_int_equal(d->commit(f->conn), 0);
	assert_int_equal(n.whole, 0);
	assert_int_equal(n.one, 0);
	/* Writing the child checks the child, and only it. */
	assert_int_equal(d->begin(f->conn), 0);
	assert_int_equal(d->exec(f->conn, "INSERT INTO c VALUES (2, 1)"), 0);
	assert_int_equal(d->commit(f->conn), 0);
	assert_int_equal(n.whole, 0);
	assert_int_equal(n.one, 1);
}

/* Deleting a parent's row, dropping the parent, or writing the child
 * through a trigger on another table leaves rows without their parent:
 * refused, although the child was not written by name. */
static void rows_left_without_parent_by_any_route_are_refused(void **state)
{
	static const char *const routes[] = {
		"DELETE FROM p",
		"DROP TABLE p",
		"CREATE TRIGGER tr AFTER INSERT ON u BEGIN INSERT INTO c VALUES (9, 42); END;\n"
		"INSERT INTO u VALUES (1)",
		"CREATE TABLE p2 (id INTEGER PRIMARY KEY);\nDROP TABLE p;\n"
		"ALTER TABLE p2 RENAME TO p",
	};
	struct fixture *f = *state;
	size_t i;

	fk_tables_with_rows(f->conn);
	for (i = 0; i < sizeof(routes) / sizeof(*routes); i++) {
		assert_int_equal(d->begin(f->conn), 0);
		assert_int_equal(d->exec_script(f->conn, routes[i], "r.sql", 1), 0);
		assert_int_equal(d->commit(f->conn), DBT_EDB);
		assert_error_contains("foreign key violation: row ");
		assert_error_contains(" of table 'c' references a row of 'p'");
		assert_int_equal(d->rollback(f->conn), 0);
		assert_value(f->conn, "SELECT count(*) FROM p", "1");
	}
	/* And a sound transaction after those still commits. */
	assert_int_equal(d->begin(f->conn), 0);
	assert_int_equal(d->exec(f->conn, "INSERT INTO c VALUES (3, 1)"), 0);
	assert_int_equal(d->commit(f->conn), 0);
}

/* A transaction that writes several tables with foreign keys has each of
 * them checked (with one statement, bound to each table in turn): a row
 * without its parent in any of them is refused, naming its table. */
static void every_touched_table_is_checked(void **state)
{
	static const char *const writes[][2] = {
		{"INSERT INTO c VALUES (5, 1);\nINSERT INTO c2 VALUES (5, 42)", "'c2'"},
		{"INSERT INTO c VALUES (5, 42);\nINSERT INTO c2 VALUES (5, 1)", "'c'"},
	};
	struct fixture *f = *state;
	struct fk_checks n;
	size_t i;

	fk_tables_with_rows(f->conn);
	assert_int_equal(d->begin(f->conn), 0);
	assert_int_equal(d->exec(f->conn, "CREATE TABLE c2 (id INTEGER PRIMARY KEY, p_id INTEGER "
					  "REFERENCES p (id))"),
			 0);
	assert_int_equal(d->commit(f->conn), 0);
	for (i = 0; i < sizeof(writes) / sizeof(*writes); i++) {
		trace_fk_checks(f->conn, &n);
		assert_int_equal(d->begin(f->conn), 0);
		assert_int_equal(d->exec_script(f->conn, writes[i][0], "w.sql", 1), 0);
		assert_int_equal(d->commit(f->conn), DBT_EDB);
		assert_error_contains(writes[i][1]);
		assert_int_equal(n.whole, 0);
		assert_int_equal(n.one, 2);
		assert_int_equal(d->rollback(f->conn), 0);
	}
	assert_int_equal(d->begin(f->conn), 0);
	assert_int_equal(d->exec_script(f->conn,
					"INSERT INTO c VALUES (5, 1);\nINSERT INTO c2 VALUES (5, "
					"1)",
					"w.sql", 1),
			 0);
	assert_int_equal(d->commit(f->conn), 0);
	assert_value(f->conn, "SELECT count(*) FROM c2", "1");
}

/* Runs `sql` in a transaction of its own that must commit. */
static void commit_script(dbt_conn *conn, const char *sql)
{
	assert_int_equal(d->begin(conn), 0);
	assert_int_equal(d->exec_script(conn, sql, "t.sql", 1), 0);
	assert_int_equal(d->commit(conn), 0);
}

/* Runs `sql` in a transaction of its own that the check at COMMIT must
 * refuse with a message that holds `want`; rolls it back. */
static void refused_script(dbt_conn *conn, const char *sql, const char *want)
{
	assert_int_equal(d->begin(conn), 0);
	assert_int_equal(d->exec_script(conn, sql, "t.sql", 1), 0);
	assert_int_equal(d->commit(conn), DBT_EDB);
	assert_error_contains(want);
	assert_int_equal(d->rollback(conn), 0);
}

/* What a transaction did to the schema holds for the next one's check:
 * a foreign key that a table gained (created, or by ALTER TABLE ... ADD
 * COLUMN), and one that names its parent by a new name since the parent
 * was renamed (alone, or swapped with a new table of its old name). */
static void the_foreign_keys_a_transaction_made_are_checked_in_the_next(void **state)
{
	static const char *const cases[][3] = {
		{"CREATE TABLE c3 (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p (id));\n"
		 "INSERT INTO c3 VALUES (1, 1)",
		 "DELETE FROM c;\nDELETE FROM p", "of table 'c3' references a row of 'p'"},
		{"ALTER TABLE u ADD COLUMN p_id INTEGER REFERENCES p (id);\n"
		 "INSERT INTO u VALUES (1, 1)",
		 "DELETE FROM c;\nDELETE FROM p", "of table 'u' references a row of 'p'"},
		{"ALTER TABLE p RENAME TO q", "DELETE FROM q",
		 "of table 'c' references a row of 'q'"},
		{"ALTER TABLE p RENAME TO q;\nCREATE TABLE p (id INTEGER PRIMARY KEY)",
		 "DELETE FROM q", "of table 'c' references a row of 'q'"},
	};
	struct fixture *f = *state;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		dbt_conn *conn = open_file(f);

		fk_tables_with_rows(conn);
		/* A transaction that checks p's children first. */
		commit_script(conn, "INSERT INTO p VALUES (2)");
		commit_script(conn, cases[i][0]);
		refused_script(conn, cases[i][1], cases[i][2]);
		commit_script(conn, "DROP TABLE IF EXISTS c;\nDROP TABLE IF EXISTS c3;\n"
				    "DROP TABLE IF EXISTS u;\nDROP TABLE IF EXISTS q;\n"
				    "DROP TABLE IF EXISTS p");
		d->close(conn);
	}
}

/* A table with a foreign key that another connection made between two
 * transactions of this one is checked as this one's own would be. */
static void a_foreign_key_another_connection_made_is_checked(void **state)
{
	struct fixture *f = *state;
	dbt_conn *a = open_file(f), *b = open_file(f);

	fk_tables_with_rows(a);
	commit_script(a, "INSERT INTO p VALUES (2)");
	commit_script(b, "CREATE TABLE c4 (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p "
			 "(id));\nINSERT INTO c4 VALUES (1, 2)");
	refused_script(a, "DELETE FROM p WHERE id = 2", "of table 'c4' references a row of 'p'");
	commit_script(a, "DELETE FROM c4;\nDELETE FROM p WHERE id = 2");
	d->close(a);
	d->close(b);
}

/* Dropping the unique index that a foreign key's parent key needs makes
 * the key unusable: refused at commit, as when the whole database was
 * checked, although no row changed. */
static void dropping_the_index_of_a_parent_key_is_refused(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(d->begin(f->conn), 0);
	assert_int_equal(d->exec_script(f->conn,
					"CREATE TABLE p (id INTEGER PRIMARY KEY, code TEXT);\n"
					"CREATE UNIQUE INDEX ux_p_code ON p (code);\n"
					"CREATE TABLE c (id INTEGER PRIMARY KEY, code TEXT "
					"REFERENCES p (code));\n"
					"INSERT INTO p VALUES (1, 'a');\nINSERT INTO c VALUES (1, "
					"'a');\n",
					"fk.sql", 1),
			 0);
	assert_int_equal(d->commit(f->conn), 0);
	assert_int_equal(d->begin(f->conn), 0);
	assert_int_equal(d->exec(f->conn, "DROP INDEX ux_p_code"), 0);
	assert_int_equal(d->commit(f->conn), DBT_EDB);
	assert_error_contains("foreign key mismatch");
	assert_int_equal(d->rollback(f->conn), 0);
	assert_value(f->conn, "SELECT count(*) FROM sqlite_schema WHERE name = 'ux_p_code'", "1");
}

/* Rows left without their parent by another connection, or by this one
 * outside a transaction, between two transactions are not the next
 * transaction's doing: it commits, and is still refused when it adds
 * one. */
static void rows_left_between_transactions_are_counted_at_begin(void **state)
{
	struct fixture *f = *state;
	dbt_conn *a = open_file(f), *b = open_file(f);

	fk_tables_with_rows(a);
	assert_int_equal(d->exec_script(b,
					"PRAGMA foreign_keys = OFF;\nINSERT INTO c VALUES (7, "
					"70);\n"
					"PRAGMA foreign_keys = ON;\n",
					"b.sql", 1),
			 0);
	assert_int_equal(d->begin(a), 0);
	assert_int_equal(d->exec(a, "INSERT INTO c VALUES (2, 1)"), 0);
	assert_int_equal(d->commit(a), 0);
	assert_int_equal(d->exec_script(a,
					"PRAGMA foreign_keys = OFF;\nINSERT INTO c VALUES (8, "
					"80);\n"
					"PRAGMA foreign_keys = ON;\n",
					"a.sql", 1),
			 0);
	assert_int_equal(d->begin(a), 0);
	assert_int_equal(d->exec(a, "INSERT INTO c VALUES (3, 1)"), 0);
	assert_int_equal(d->commit(a), 0);
	assert_int_equal(d->begin(a), 0);
	assert_int_equal(d->exec(a, "INSERT INTO c VALUES (4, 99)"), 0);
	assert_int_equal(d->commit(a), DBT_EDB);
	assert_error_contains("3 rows of table 'c' reference rows of 'p' that "
			      "do not exist, 1 more than when the transaction began");
	assert_int_equal(d->rollback(a), 0);
	d->close(a);
	d->close(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(opens_in_memory_database_when_url_has_none, setup,
						teardown),
		cmocka_unit_test_setup_teardown(opens_file_database_creating_it, setup, teardown),
		cmocka_unit_test_setup_teardown(open_in_missing_folder_fails, setup, teardown),
		cmocka_unit_test_setup_teardown(open_file_that_is_no_database_fails, setup,
						teardown),
		cmocka_unit_test_setup_teardown(foreign_keys_are_enforced, setup, teardown),
		cmocka_unit_test_setup_teardown(
			foreign_keys_are_off_inside_a_transaction_and_on_after_it, setup, teardown),
		cmocka_unit_test_setup_teardown(commit_checks_only_the_tables_a_transaction_touched,
						setup, teardown),
		cmocka_unit_test_setup_teardown(every_touched_table_is_checked, setup, teardown),
		cmocka_unit_test_setup_teardown(rows_left_without_parent_by_any_route_are_refused,
						setup, teardown),
		cmocka_unit_test_setup_teardown(rows_left_between_transactions_are_counted_at_begin,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			the_foreign_keys_a_transaction_made_are_checked_in_the_next, setup,
			teardown),
		cmocka_unit_test_setup_teardown(a_foreign_key_another_connection_made_is_checked,
						setup, teardown),
		cmocka_unit_test_setup_teardown(dropping_the_index_of_a_parent_key_is_refused,
						setup, teardown),
		cmocka_unit_test_setup_teardown(exec_script_runs_every_statement, setup, teardown),
		cmocka_unit_test_setup_teardown(exec_script_of_only_comments_runs_nothing, setup,
						teardown),
		cmocka_unit_test_setup_teardown(exec_script_error_names_file_line_and_statement,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			exec_script_syntax_error_excerpt_stops_at_statement_end, setup, teardown),
		cmocka_unit_test_setup_teardown(exec_script_error_while_stepping, setup, teardown),
		cmocka_unit_test_setup_teardown(exec_script_cuts_long_statement_in_message, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			failed_script_in_rolled_back_transaction_leaves_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(exec_error_has_no_position, setup, teardown),
		cmocka_unit_test_setup_teardown(query_value_returns_first_column_of_first_row,
						setup, teardown),
		cmocka_unit_test_setup_teardown(query_value_is_null_without_row_or_value, setup,
						teardown),
		cmocka_unit_test_setup_teardown(query_value_error, setup, teardown),
		cmocka_unit_test_setup_teardown(commit_keeps_changes, setup, teardown),
		cmocka_unit_test_setup_teardown(rollback_discards_changes, setup, teardown),
		cmocka_unit_test_setup_teardown(rollback_without_transaction_is_harmless, setup,
						teardown),
		cmocka_unit_test_setup_teardown(commit_without_transaction_fails, setup, teardown),
		cmocka_unit_test_setup_teardown(begin_waits_for_other_writer_then_fails_locked,
						setup, teardown),
		cmocka_unit_test_setup_teardown(lock_timeout_is_waited_for, setup, teardown),
		cmocka_unit_test_setup_teardown(table_exists_finds_tables_only, setup, teardown),
		cmocka_unit_test_setup_teardown(table_exists_takes_name_as_value, setup, teardown),
		cmocka_unit_test_setup_teardown(table_exists_sees_own_tables_change, setup,
						teardown),
		cmocka_unit_test_setup_teardown(global_init_after_sqlite_is_in_use_changes_nothing,
						setup, teardown),
		cmocka_unit_test_setup_teardown(quote_ident_leaves_plain_names_bare, setup,
						teardown),
		cmocka_unit_test_setup_teardown(quote_ident_quotes_keywords, setup, teardown),
		cmocka_unit_test_setup_teardown(quote_ident_quotes_other_names, setup, teardown),
		cmocka_unit_test_setup_teardown(quote_ident_doubles_quotes, setup, teardown),
		cmocka_unit_test_setup_teardown(quoted_identifiers_name_the_same_table, setup,
						teardown),
		cmocka_unit_test_setup_teardown(quote_literal_doubles_quotes, setup, teardown),
		cmocka_unit_test_setup_teardown(nqueries_counts_statements_sent, setup, teardown),
		cmocka_unit_test_setup_teardown(release_memory_frees_the_schema_which_is_read_again,
						setup, teardown),
		cmocka_unit_test_setup_teardown(release_memory_inside_a_transaction_does_nothing,
						setup, teardown),
		cmocka_unit_test_setup_teardown(model_compare_leaves_the_schema_released, setup,
						teardown),
		cmocka_unit_test_setup_teardown(query_rows_hands_each_row_in_order_with_nulls,
						setup, teardown),
		cmocka_unit_test_setup_teardown(query_rows_without_rows_never_calls_back, setup,
						teardown),
		cmocka_unit_test_setup_teardown(query_rows_stops_at_a_failing_callback, setup,
						teardown),
		cmocka_unit_test_setup_teardown(query_rows_reports_a_failing_query, setup,
						teardown),
		cmocka_unit_test_setup_teardown(end_locked_commits_what_begin_locked_began, setup,
						teardown),
		cmocka_unit_test_setup_teardown(end_locked_rolls_back_after_a_failure, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
