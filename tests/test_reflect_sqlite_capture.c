/*
 * test_reflect_sqlite_capture.c - SQLite's reflection from the rows that
 * SQLite read of sqlite_schema when the connection was made
 * (sqlite_rows.h, a connection opened with the dialect's open_to_reflect):
 * the same schema, or the same error, as from the reflection's own query;
 * that query again whenever the schema may have changed since (another
 * connection's change, the connection's own, its memory released); the
 * capture's rows exactly those of the query, odd rows included; and the
 * triggers and views (read_kept) and dbtool's own tables (table_exists)
 * known from the same rows, without SQLite reading its schema again.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbtool.h"
#include "dialect.h"
#include "error.h"
#include "reflect_sqlite_int.h"
#include "render.h"
#include "schema.h"
#include "schema_dump.h"
#include "sqlite_rows.h"
#include "testutil.h"

static const struct dbt_dialect *const d = &dbt_dialect_sqlite;

/* A database file of its own per test. */
struct fixture {
	char dir[PATH_MAX];
	char path[PATH_MAX + 16];
	dbt_url url;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	assert_non_null(test_mkdtemp(f->dir, sizeof(f->dir), "capture"));
	snprintf(f->path, sizeof(f->path), "%s/app.db", f->dir);
	f->url.kind = DBT_DIALECT_SQLITE;
	f->url.database = f->path;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	test_rmtree(f->dir);
	free(f);
	return 0;
}

/* A connection to the fixture's file, opened to reflect (`capture`) or
 * not. */
static dbt_conn *open_db(struct fixture *f, int capture)
{
	dbt_conn *conn = NULL;

	if ((capture ? d->open_to_reflect(&conn, &f->url, 0) : d->open(&conn, &f->url, 0)) < 0)
		fail_msg("open failed: %s", dbt_error_last());
	assert_non_null(conn);
	return conn;
}

static void run_ddl(dbt_conn *conn, const char *ddl)
{
	if (d->exec_script(conn, ddl, "ddl.sql", 1) < 0)
		fail_msg("DDL failed: %s", dbt_error_last());
}

/* Creates the fixture's database with `ddl`. */
static void make_db(struct fixture *f, const char *ddl)
{
	dbt_conn *conn = open_db(f, 0);

	run_ddl(conn, ddl);
	d->close(conn);
}

/* A trace the caller sets after the opening: counts the reflection's
 * queries of sqlite_schema. */
static int count_schema_reads(unsigned type, void *ctx, void *stmt, void *x)
{
	const char *sql = sqlite3_sql(stmt);

	(void)x;
	if (type == SQLITE_TRACE_STMT && sql && strstr(sql, "FROM sqlite_schema m"))
		(*(int *)ctx)++;
	return 0;
}

/* dbt_sqlite_reflect's result and return code; `*reads` the queries of
 * sqlite_schema it made. */
static int reflect(dbt_schema **out, dbt_conn *conn, int *reads)
{
	sqlite3 *db = dbt_sqlite_handle(conn);
	int rc;

	*reads = 0;
	sqlite3_trace_v2(db, SQLITE_TRACE_STMT, count_schema_reads, reads);
	rc = dbt_sqlite_reflect(out, conn, NULL);
	sqlite3_trace_v2(db, 0, NULL, NULL);
	return rc;
}

static dbt_schema *reflect_ok(dbt_conn *conn, int *reads)
{
	dbt_schema *s = NULL;

	if (reflect(&s, conn, reads) < 0)
		fail_msg("reflection failed: %s", dbt_error_last());
	assert_non_null(s);
	return s;
}

static void assert_same_dumps(const dbt_schema *want, const dbt_schema *got)
{
	char *a = test_schema_dump(want, DBT_DUMP_NAMES),
	     *b = test_schema_dump(got, DBT_DUMP_NAMES);
	size_t i;

	assert_string_equal(b, a);
	free(a);
	free(b);
	assert_int_equal(got->nobjects, want->nobjects);
	for (i = 0; i < want->nobjects; i++) {
		assert_string_equal(got->objects[i]->name, want->objects[i]->name);
		assert_string_equal(got->objects[i]->definition, want->objects[i]->definition);
	}
}

/* Tables of each kind, indexes, a view and triggers, with the tables that
 * are never reflected (SQLite's own, in any case, and dbtool's book, in
 * other cases) and those whose names are only near theirs. */
static const char varied[] =
	"CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);\n"
	"CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id)"
	" ON DELETE CASCADE, note VARCHAR(40) DEFAULT 'x', CHECK (length(note) < 40));\n"
	"CREATE INDEX ix_child_parent ON child (parent_id);\n"
	"CREATE UNIQUE INDEX ux_child_note ON child (note COLLATE NOCASE) WHERE note IS NOT NULL;\n"
	"CREATE TABLE kv (k TEXT PRIMARY KEY, v BLOB) WITHOUT ROWID;\n"
	"CREATE TABLE st (a INTEGER, b TEXT) STRICT;\n"
	"CREATE TABLE sqlitex (a INTEGER);\n"
	"CREATE TABLE \"Sqlite1_x\" (a INTEGER);\n"
	"CREATE TABLE dbtool_version (version_num VARCHAR(32) NOT NULL);\n"
	"CREATE TABLE \"Dbtool_History\" (id INTEGER);\n"
	"CREATE TABLE dbtool_versions (id INTEGER);\n"
	"CREATE TRIGGER tr_book AFTER INSERT ON \"Dbtool_History\" BEGIN SELECT 1; END;\n"
	"CREATE VIEW v_child AS SELECT id, note FROM child;\n"
	"CREATE TRIGGER tr_child AFTER INSERT ON child BEGIN"
	" UPDATE parent SET name = name WHERE id = new.parent_id; END;\n"
	"CREATE INDEX ix_kv_v ON kv (v);\n"
	"PRAGMA writable_schema = ON;\n"
	"CREATE TABLE \"SQLITE_x\" (a INTEGER);\n"
	"PRAGMA writable_schema = OFF;\n"
	"ANALYZE;\n";

/* ------------------------------------------------------------- tests */

static void test_reflects_from_the_capture_as_from_the_query(void **state)
{
	struct fixture *f = *state;
	dbt_conn *queried, *captured;
	dbt_schema *want, *got;
	int reads;

	make_db(f, varied);
	queried = open_db(f, 0);
	want = reflect_ok(queried, &reads);
	assert_int_equal(reads, 1);
	captured = open_db(f, 1);
	got = reflect_ok(captured, &reads);
	assert_int_equal(reads, 0);
	assert_same_dumps(want, got);
	assert_int_equal(got->ntables, 7);
	assert_int_equal(got->nobjects, 2);
	/* The capture is taken: the next reflection queries. */
	dbt_schema_free(got);
	got = reflect_ok(captured, &reads);
	assert_int_equal(reads, 1);
	assert_same_dumps(want, got);
	dbt_schema_free(want);
	dbt_schema_free(got);
	d->close(queried);
	d->close(captured);
}

/* `n` tables, each with an index and a foreign key. */
static void make_tables(struct fixture *f, int n, const char *more)
{
	dbt_buf b = DBT_BUF_INIT;
	int i;

	for (i = 0; i < n; i++)
		dbt_buf_printf(&b,
			       "CREATE TABLE t%03d (id INTEGER PRIMARY KEY, name TEXT NOT NULL,"
			       " up INTEGER REFERENCES t%03d (id));\n"
			       "CREATE INDEX ix_t%03d ON t%03d (name);\n",
			       i, i ? i - 1 : 0, i, i);
	dbt_buf_puts(&b, more);
	assert_false(b.oom);
	make_db(f, dbt_buf_str(&b));
	dbt_buf_release(&b);
}

/* From 64 tables on, the tables' SQL is parsed on two threads: the same
 * from the capture. */
static void test_reflects_many_tables_from_the_capture_as_from_the_query(void **state)
{
	struct fixture *f = *state;
	dbt_conn *queried, *captured;
	dbt_schema *want, *got;
	int reads;

	make_tables(f, 150, "");
	queried = open_db(f, 0);
	want = reflect_ok(queried, &reads);
	captured = open_db(f, 1);
	got = reflect_ok(captured, &reads);
	assert_int_equal(reads, 0);
	assert_int_equal(got->ntables, 150);
	assert_same_dumps(want, got);
	dbt_schema_free(want);
	dbt_schema_free(got);
	d->close(queried);
	d->close(captured);
}

/* With release_after_reflect (`check`), the calling thread releases
 * SQLite's parsed schema while the parse helper parses: the same schema
 * results, SQLite holds no parsed schema when the reflection returns, and
 * the connection works on. */
static void test_releases_the_schema_beside_the_helper(void **state)
{
	struct fixture *f = *state;
	dbt_conn *conn;
	dbt_schema *want, *got, *again;
	int reads;

	make_tables(f, 150, "");
	conn = open_db(f, 1);
	want = reflect_ok(conn, &reads);
	assert_true(test_sqlite_schema_bytes(conn) > 0);
	conn->release_after_reflect = 1;
	got = reflect_ok(conn, &reads);
	conn->release_after_reflect = 0;
	assert_int_equal(test_sqlite_schema_bytes(conn), 0);
	assert_same_dumps(want, got);
	run_ddl(conn, "CREATE TABLE late (a INTEGER);");
	again = reflect_ok(conn, &reads);
	assert_int_equal(again->ntables, 151);
	dbt_schema_free(want);
	dbt_schema_free(got);
	dbt_schema_free(again);
	d->close(conn);
}

/* A table that cannot be reflected, with the schema released while the
 * helper parses: the error as without the release. */
static void test_fails_while_the_schema_is_released_beside_the_helper(void **state)
{
	struct fixture *f = *state;
	dbt_conn *conn;
	dbt_schema *s = (dbt_schema *)1;
	int reads;

	make_tables(f, 150, "CREATE VIRTUAL TABLE docs USING fts5(body);\n");
	conn = open_db(f, 1);
	conn->release_after_reflect = 1;
	assert_int_equal(reflect(&s, conn, &reads), DBT_ERROR);
	conn->release_after_reflect = 0;
	assert_null(s);
	assert_int_equal(reads, 0);
	assert_non_null(strstr(dbt_error_last(), "'docs'"));
	assert_int_equal(test_sqlite_schema_bytes(conn), 0);
	run_ddl(conn, "CREATE TABLE late (a INTEGER);");
	d->close(conn);
}

/* What a schema cannot represent is the same error from the capture. */
static void test_refuses_a_virtual_table_from_the_capture_as_from_the_query(void **state)
{
	struct fixture *f = *state;
	dbt_conn *conn;
	dbt_schema *s = (dbt_schema *)1;
	char *want;
	int reads;

	make_db(f, "CREATE TABLE a (x INTEGER);\n"
		   "CREATE VIRTUAL TABLE docs USING fts5(body);\n");
	conn = open_db(f, 0);
	assert_int_equal(reflect(&s, conn, &reads), DBT_ERROR);
	assert_null(s);
	want = strdup(dbt_error_last());
	assert_non_null(want);
	assert_non_null(strstr(want, "'docs'"));
	d->close(conn);
	conn = open_db(f, 1);
	s = (dbt_schema *)1;
	assert_int_equal(reflect(&s, conn, &reads), DBT_ERROR);
	assert_null(s);
	assert_int_equal(reads, 0);
	assert_string_equal(dbt_error_last(), want);
	free(want);
	d->close(conn);
}

static void test_reflects_a_schema_another_connection_changed_since(void **state)
{
	struct fixture *f = *state;
	dbt_conn *conn, *other;
	dbt_schema *s;
	int reads;

	make_db(f, varied);
	conn = open_db(f, 1);
	other = open_db(f, 0);
	run_ddl(other, "CREATE TABLE late (a INTEGER); DROP TABLE sqlitex;");
	d->close(other);
	s = reflect_ok(conn, &reads);
	assert_int_equal(reads, 1);
	assert_non_null(dbt_schema_find_table(s, "late"));
	assert_null(dbt_schema_find_table(s, "sqlitex"));
	assert_int_equal(s->ntables, 7);
	dbt_schema_free(s);
	d->close(conn);
}

static void test_reflects_a_schema_the_connection_changed_since(void **state)
{
	struct fixture *f = *state;
	dbt_conn *conn;
	dbt_schema *s;
	int reads;

	make_db(f, varied);
	conn = open_db(f, 1);
	run_ddl(conn, "CREATE TABLE late (a INTEGER);");
	s = reflect_ok(conn, &reads);
	assert_int_equal(reads, 1);
	assert_non_null(dbt_schema_find_table(s, "late"));
	assert_int_equal(s->ntables, 8);
	dbt_schema_free(s);
	d->close(conn);
}

/* Inside the caller's transaction, the transaction's own change is seen. */
static void test_reflects_a_change_of_the_open_transaction(void **state)
{
	struct fixture *f = *state;
	dbt_conn *conn;
	dbt_schema *s;
	int reads;

	make_db(f, varied);
	conn = open_db(f, 1);
	assert_int_equal(d->begin(conn), 0);
	run_ddl(conn, "CREATE TABLE late (a INTEGER);");
	s = reflect_ok(conn, &reads);
	assert_int_equal(reads, 1);
	assert_non_null(dbt_schema_find_table(s, "late"));
	dbt_schema_free(s);
	assert_int_equal(d->rollback(conn), 0);
	d->close(conn);
}

/* The connection's memory released (what `check` has the reflection do)
 * frees the capture with SQLite's parsed schema. */
static void test_releases_the_capture_with_the_connection_memory(void **state)
{
	struct fixture *f = *state;
	dbt_conn *conn;
	dbt_schema *want, *got;
	int reads;

	make_db(f, varied);
	conn = open_db(f, 1);
	d->release_memory(conn);
	assert_null(dbt_sqlite_take_capture(conn));
	got = reflect_ok(conn, &reads);
	assert_int_equal(reads, 1);
	d->close(conn);
	conn = open_db(f, 0);
	want = reflect_ok(conn, &reads);
	assert_same_dumps(want, got);
	dbt_schema_free(want);
	dbt_schema_free(got);
	d->close(conn);
}

/* Only a connection opened to reflect keeps a capture; one that is not
 * taken is freed with the connection (the sanitizer build finds a leak
 * otherwise). */
static void test_captures_only_when_opened_to_reflect(void **state)
{
	struct fixture *f = *state;
	struct sqlite_capture *cap;
	dbt_conn *conn;

	make_db(f, varied);
	conn = open_db(f, 0);
	assert_null(dbt_sqlite_take_capture(conn));
	d->close(conn);
	conn = open_db(f, 1);
	cap = dbt_sqlite_take_capture(conn);
	assert_non_null(cap);
	assert_int_equal(cap->seen, dbt_sqlite_schema_rows(conn));
	assert_null(dbt_sqlite_take_capture(conn));
	dbt_sqlite_capture_free(cap);
	d->close(conn);
	conn = open_db(f, 1);
	d->close(conn);
}

/* A database file that does not exist yet, opened to read: nothing to
 * capture but an empty schema, which reflects empty. */
static void test_reflects_an_empty_database_from_the_capture(void **state)
{
	struct fixture *f = *state;
	dbt_conn *conn = NULL;
	dbt_schema *s;
	int reads;

	assert_int_equal(d->open_to_reflect(&conn, &f->url, 1), 0);
	s = reflect_ok(conn, &reads);
	assert_int_equal(reads, 0);
	assert_int_equal(s->ntables, 0);
	dbt_schema_free(s);
	d->close(conn);
}

/* The reflection's query, as reflect_sqlite.c runs it. */
static const char reflection_query[] =
	"SELECT m.name, m.sql, m.type, m.tbl_name FROM sqlite_schema m WHERE (m.type = 'table' "
	"AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND m.name COLLATE NOCASE NOT IN "
	"('dbtool_version', 'dbtool_history')) OR (m.type IN ('view', 'trigger') AND m.sql IS "
	"NOT NULL AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND m.tbl_name COLLATE NOCASE NOT "
	"IN ('dbtool_version', 'dbtool_history')) OR (m.type = 'index' AND m.sql IS NOT NULL) "
	"ORDER BY m.rowid";

/* Asserts that the capture of a connection to the fixture's file holds
 * the query's rows, in its order: `n` of them. */
static void assert_captures_the_query(struct fixture *f, size_t n)
{
	struct sqlite_capture *cap;
	sqlite3_stmt *st = NULL;
	dbt_conn *conn = open_db(f, 1);
	size_t row = 0;
	int i;

	cap = dbt_sqlite_take_capture(conn);
	assert_non_null(cap);
	assert_int_equal(sqlite3_prepare_v2(dbt_sqlite_handle(conn), reflection_query, -1, &st,
					    NULL),
			 SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		assert_true(row < cap->rows.n);
		for (i = 0; i < ROW_COLS; i++) {
			const char *v = (const char *)sqlite3_column_text(st, i);

			assert_string_equal(row_col(&cap->rows, row, i), v ? v : "");
		}
		row++;
	}
	sqlite3_finalize(st);
	assert_int_equal(row, n);
	assert_int_equal(cap->rows.n, row);
	dbt_sqlite_capture_free(cap);
	d->close(conn);
}

/* The capture's rows are the query's, in its order, rows that no tool
 * would make (written into sqlite_schema itself) included; the rows of
 * SQLite's other query as it reads its schema (sqlite_stat1's) are not
 * taken for them. */
static void test_captures_the_rows_the_query_reads(void **state)
{
	struct fixture *f = *state;

	make_db(f,
		"CREATE TABLE t (a INTEGER UNIQUE);\n"
		"CREATE TABLE \"DBTOOL_VERSION\" (v TEXT);\n"
		"CREATE TRIGGER tr_book AFTER INSERT ON \"DBTOOL_VERSION\" BEGIN SELECT 1; END;\n"
		"PRAGMA writable_schema = ON;\n"
		"CREATE TABLE \"SQLITE_y\" (a INTEGER);\n"
		"INSERT INTO sqlite_schema VALUES ('view', 'SQLite_v', 'SQLite_v', 0,"
		" 'CREATE VIEW \"SQLite_v\" AS SELECT 1');\n"
		"INSERT INTO sqlite_schema VALUES ('view', 'v_ok', 'v_ok', 0,"
		" 'CREATE VIEW v_ok AS SELECT 2');\n"
		"PRAGMA writable_schema = OFF;\n"
		"CREATE INDEX ix_t ON t (a);\n"
		"ANALYZE;\n");
	assert_captures_the_query(f, 3); /* t, v_ok, ix_t */
}

/* Rows whose type, name or table SQLite takes, when it reads its schema,
 * for those of their SQL with ASCII case ignored, written in another case
 * or as a BLOB: taken as the query takes them (a BLOB is no text for =,
 * IN and NOT IN, and is its text for LIKE), as are the names near those
 * of dbtool's tables.  Of SQLite's own indexes it reads only the name:
 * one with a NULL type is not taken, one whose SQL is '' (not NULL) is,
 * with its NULL table as "". */
static void test_captures_odd_rows_as_the_query_reads_them(void **state)
{
	struct fixture *f = *state;

	make_db(f, "CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT UNIQUE);\n"
		   "CREATE INDEX ix_t ON t (b);\n"
		   "CREATE TABLE t2 (a TEXT UNIQUE, b TEXT UNIQUE);\n"
		   "CREATE TABLE \"Dbtool_Versio\" (a INTEGER);\n"
		   "CREATE TABLE dbtool_historyy (a INTEGER);\n"
		   "CREATE TABLE dbtool_version (a INTEGER);\n"
		   "CREATE TABLE dbtool_history (a INTEGER);\n"
		   "CREATE TABLE tb (a INTEGER);\n"
		   "CREATE TABLE tu (a INTEGER);\n"
		   "CREATE VIEW \"sqlite\" AS SELECT 0;\n"
		   "CREATE TRIGGER tr_blob AFTER INSERT ON dbtool_history BEGIN SELECT 1; END;\n"
		   "CREATE TRIGGER tr_text AFTER DELETE ON dbtool_history BEGIN SELECT 1; END;\n"
		   "PRAGMA writable_schema = ON;\n"
		   "UPDATE sqlite_schema SET name = CAST(name AS BLOB),"
		   " tbl_name = CAST(tbl_name AS BLOB) WHERE name = 'dbtool_version';\n"
		   "UPDATE sqlite_schema SET type = CAST(type AS BLOB) WHERE name = 'tb';\n"
		   "UPDATE sqlite_schema SET type = 'TABLE' WHERE name = 'tu';\n"
		   "UPDATE sqlite_schema SET tbl_name = CAST(tbl_name AS BLOB)"
		   " WHERE name = 'tr_blob';\n"
		   "UPDATE sqlite_schema SET type = NULL WHERE name = 'sqlite_autoindex_t2_1';\n"
		   "UPDATE sqlite_schema SET tbl_name = NULL, sql = ''"
		   " WHERE name = 'sqlite_autoindex_t2_2';\n"
		   "PRAGMA writable_schema = OFF;\n");
	/* t, ix_t, t2, sqlite_autoindex_t2_2, Dbtool_Versio, dbtool_historyy,
	 * dbtool_version, sqlite, tr_blob */
	assert_captures_the_query(f, 9);
}

/* Rows enough to fill several of the blocks the text is kept in, and a
 * row longer than the largest block: the query's rows. */
static void test_captures_many_and_long_rows_as_the_query_reads_them(void **state)
{
	struct fixture *f = *state;
	dbt_buf more = DBT_BUF_INIT;
	size_t i;

	dbt_buf_puts(&more, "CREATE TABLE big (a TEXT DEFAULT '");
	for (i = 0; i < 600 * 1024; i++)
		dbt_buf_putc(&more, (char)('a' + i % 26));
	dbt_buf_puts(&more, "');\n");
	assert_false(more.oom);
	make_tables(f, 700, dbt_buf_str(&more));
	dbt_buf_release(&more);
	assert_captures_the_query(f, 1401);
}

/* Tables that cannot be reflected, among many (parsed on two threads):
 * the error is the first's in creation order, as from the query. */
static void test_names_the_first_table_that_does_not_read_from_the_capture(void **state)
{
	struct fixture *f = *state;
	dbt_conn *conn;
	dbt_schema *s = (dbt_schema *)1;
	char *msg;
	int reads;

	/* What SQLite reads (it parses the schema as the connection is made)
	 * and the reflection refuses. */
	make_tables(f, 100,
		    "CREATE TABLE bad_a (a INTEGER REFERENCES gone_a);\n"
		    "CREATE TABLE bad_b (a INTEGER REFERENCES gone_b);\n");
	conn = open_db(f, 0);
	assert_true(reflect(&s, conn, &reads) < 0);
	assert_non_null(msg = strdup(dbt_error_last()));
	assert_non_null(strstr(msg, "'bad_a'"));
	d->close(conn);
	conn = open_db(f, 1);
	s = (dbt_schema *)1;
	assert_true(reflect(&s, conn, &reads) < 0);
	assert_null(s);
	assert_int_equal(reads, 0);
	assert_string_equal(dbt_error_last(), msg);
	free(msg);
	d->close(conn);
}

/* The captured rows parsed on the calling thread alone (SIZE_MAX): the
 * same schema. */
static void test_reflects_many_tables_from_the_capture_on_one_thread(void **state)
{
	struct fixture *f = *state;
	dbt_conn *conn;
	dbt_schema *want, *got = NULL;
	int reads;

	make_tables(f, 150, "");
	conn = open_db(f, 0);
	want = reflect_ok(conn, &reads);
	d->close(conn);
	conn = open_db(f, 1);
	if (dbt_sqlite_reflect_threads(&got, conn, SIZE_MAX) < 0)
		fail_msg("reflection failed: %s", dbt_error_last());
	assert_same_dumps(want, got);
	dbt_schema_free(want);
	dbt_schema_free(got);
	d->close(conn);
}

/* ------------------------------------------------ triggers, views, own */

/* Asserts that `got` and `want` hold the same objects in the same order. */
static void assert_same_objects(const dbt_sql_objects *want, const dbt_sql_objects *got)
{
	size_t i;

	assert_int_equal(got->n, want->n);
	for (i = 0; i < want->n; i++) {
		assert_string_equal(got->v[i].type, want->v[i].type);
		assert_string_equal(got->v[i].name, want->v[i].name);
		assert_string_equal(got->v[i].table, want->v[i].table);
		assert_string_equal(got->v[i].sql, want->v[i].sql);
	}
}

static dbt_sql_objects read_kept_ok(dbt_conn *conn)
{
	dbt_sql_objects kept = {NULL, 0};

	if (d->read_kept(&kept, conn) < 0)
		fail_msg("read_kept failed: %s", dbt_error_last());
	return kept;
}

/*
 * The triggers and views that table rebuilds keep come from the rows
 * captured at the opening, SQLite's parsed schema released, without
 * SQLite reading it again: every one with SQL, in creation order, those
 * the reflection leaves out (on dbtool's tables, named sqlite_..., with a
 * BLOB table) included, each SQL without its final ';' and blanks, as the
 * query reads them.
 */
static void test_keeps_the_triggers_and_views_the_query_reads(void **state)
{
	struct fixture *f = *state;
	dbt_sql_objects want, got;
	dbt_conn *conn;

	make_db(f,
		"CREATE TABLE t (a INTEGER, b TEXT);\n"
		"CREATE TABLE dbtool_version (v TEXT);\n"
		"CREATE VIEW v1 AS SELECT a FROM t;\n"
		"CREATE TRIGGER tr_book AFTER INSERT ON \"DBTOOL_VERSION\" BEGIN SELECT 1; END;\n"
		"CREATE INDEX ix_t ON t (a);\n"
		"CREATE TRIGGER tr_t AFTER UPDATE ON t BEGIN UPDATE t SET b = 'x;'; END;\n"
		"PRAGMA writable_schema = ON;\n"
		"INSERT INTO sqlite_schema VALUES ('view', 'SQLite_v', 'SQLite_v', 0,"
		" 'CREATE VIEW \"SQLite_v\" AS SELECT 1 ; ' || char(10));\n"
		"INSERT INTO sqlite_schema VALUES (CAST('view' AS BLOB), 'v_blob', 'v_blob', 0,"
		" 'CREATE VIEW v_blob AS SELECT 3');\n"
		"UPDATE sqlite_schema SET tbl_name = CAST(tbl_name AS BLOB) WHERE name = 'tr_t';\n"
		"PRAGMA writable_schema = OFF;\n");
	conn = open_db(f, 0);
	want = read_kept_ok(conn);
	d->close(conn);
	assert_int_equal(want.n, 4); /* v1, tr_book, tr_t, SQLite_v */
	assert_string_equal(want.v[3].sql, "CREATE VIEW \"SQLite_v\" AS SELECT 1");

	conn = open_db(f, 1);
	d->release_memory(conn);
	assert_int_equal(test_sqlite_schema_bytes(conn), 0);
	got = read_kept_ok(conn);
	assert_same_objects(&want, &got);
	assert_int_equal(test_sqlite_schema_bytes(conn), 0);
	dbt_sql_objects_release(&got);
	dbt_sql_objects_release(&want);
	d->close(conn);
}

/* A trigger another connection made (or dropped) after the opening is
 * seen (or not), as the query sees it; so is one this connection made. */
static void test_reads_the_triggers_and_views_as_changed_since(void **state)
{
	struct fixture *f = *state;
	dbt_sql_objects got;
	dbt_conn *conn, *other;

	make_db(f, "CREATE TABLE t (a INTEGER);\n"
		   "CREATE TRIGGER tr_1 AFTER INSERT ON t BEGIN SELECT 1; END;\n");
	conn = open_db(f, 1);
	other = open_db(f, 0);
	run_ddl(other, "CREATE TRIGGER tr_2 AFTER DELETE ON t BEGIN SELECT 2; END;\n"
		       "DROP TRIGGER tr_1;\n");
	d->close(other);
	got = read_kept_ok(conn);
	assert_int_equal(got.n, 1);
	assert_string_equal(got.v[0].name, "tr_2");
	dbt_sql_objects_release(&got);
	run_ddl(conn, "CREATE VIEW v AS SELECT a FROM t;\n");
	got = read_kept_ok(conn);
	assert_int_equal(got.n, 2);
	assert_string_equal(got.v[1].name, "v");
	dbt_sql_objects_release(&got);
	d->close(conn);
}

static int exists(dbt_conn *conn, const char *name)
{
	int out = -1;

	if (d->table_exists(conn, NULL, name, &out) < 0)
		fail_msg("table_exists failed: %s", dbt_error_last());
	return out;
}

/* Which of dbtool's own tables exist is known from the opening's rows,
 * SQLite's schema released, without SQLite reading it again (a table of
 * another case counts, as NOCASE has it; a BLOB name does not); one
 * another connection made since is seen. */
static void test_knows_dbtools_own_tables_from_the_capture(void **state)
{
	struct fixture *f = *state;
	dbt_conn *conn, *other;

	make_db(f, "CREATE TABLE t (a INTEGER);\n"
		   "CREATE TABLE \"DBTool_Version\" (v TEXT);\n"
		   "CREATE TABLE dbtool_journal (v TEXT);\n"
		   "PRAGMA writable_schema = ON;\n"
		   "UPDATE sqlite_schema SET name = CAST(name AS BLOB) WHERE name = "
		   "'dbtool_journal';\n"
		   "PRAGMA writable_schema = OFF;\n");
	conn = open_db(f, 1);
	d->release_memory(conn);
	assert_int_equal(exists(conn, "dbtool_version"), 1);
	assert_int_equal(exists(conn, "dbtool_history"), 0);
	assert_int_equal(exists(conn, "dbtool_journal"), 0);
	assert_int_equal(test_sqlite_schema_bytes(conn), 0);
	other = open_db(f, 0);
	run_ddl(other, "CREATE TABLE dbtool_history (v TEXT);\n");
	d->close(other);
	assert_int_equal(exists(conn, "dbtool_history"), 1);
	d->close(conn);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_reflects_from_the_capture_as_from_the_query),
		T(test_reflects_many_tables_from_the_capture_as_from_the_query),
		T(test_refuses_a_virtual_table_from_the_capture_as_from_the_query),
		T(test_releases_the_schema_beside_the_helper),
		T(test_fails_while_the_schema_is_released_beside_the_helper),
		T(test_names_the_first_table_that_does_not_read_from_the_capture),
		T(test_reflects_many_tables_from_the_capture_on_one_thread),
		T(test_reflects_a_schema_another_connection_changed_since),
		T(test_reflects_a_schema_the_connection_changed_since),
		T(test_reflects_a_change_of_the_open_transaction),
		T(test_releases_the_capture_with_the_connection_memory),
		T(test_captures_only_when_opened_to_reflect),
		T(test_reflects_an_empty_database_from_the_capture),
		T(test_captures_the_rows_the_query_reads),
		T(test_captures_odd_rows_as_the_query_reads_them),
		T(test_captures_many_and_long_rows_as_the_query_reads_them),
		T(test_keeps_the_triggers_and_views_the_query_reads),
		T(test_reads_the_triggers_and_views_as_changed_since),
		T(test_knows_dbtools_own_tables_from_the_capture),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
