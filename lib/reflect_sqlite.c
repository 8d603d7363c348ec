/*
 * reflect_sqlite.c - reading a live SQLite database into a normalised
 * Schema (dialect.h's reflect slot for SQLite).
 *
 * Two catalog queries cover the whole database, whatever the number of
 * tables: the tables, views and triggers with their stored SQL, and the
 * indexes with their stored CREATE INDEX text.  They run in one read
 * transaction when none is open, so they see one state of the database.
 *
 * No pragma is read.  SQLite runs a table-valued pragma (table_xinfo,
 * index_list, index_xinfo, foreign_key_list) once per table or index it is
 * joined to, each an internal statement of its own, which cost several
 * times what reading sqlite_schema does; and what those pragmas report is
 * SQLite's own reading of the stored SQL, which is its schema: SQLite
 * keeps each CREATE statement as written (and rewrites it on ALTER TABLE)
 * and parses it again whenever it loads the schema.  So everything is read
 * from that SQL, with SQLite's rules where its reading is not the plain
 * text: a declared type as SQLite keeps it (column_type in
 * reflect_sqlite_sql.c), a default's text as pragma_table_xinfo gives it,
 * which primary key is the rowid alias (rowid_alias), which UNIQUE
 * constraints get an index of their own (add_uniques: an autoindex has no
 * SQL, its keys are those of its constraint), the NOT NULL that WITHOUT
 * ROWID and STRICT put on key columns, the last of repeated foreign-key
 * actions, and which index keys are columns (key_column).  Unquoted names
 * are folded to lower case, as the model parser folds them.  The reader of
 * that SQL accepts all of SQLite's table syntax, not only the model's
 * (WITHOUT ROWID, STRICT, ON CONFLICT, [bracket] and `backtick` quotes,
 * any type name), so that tables made by other tools reflect too.
 *
 * The declared type is the column's type, as SQLite keeps it
 * (dbt_type_from_sqlite): "INT", "DATETIME", "NVARCHAR(40)", "STRING" or
 * none at all, each its own type.  A primary-key column is NOT NULL only
 * when declared so, or when it is the rowid alias (INTEGER PRIMARY KEY),
 * which is all SQLite enforces (a STRICT or WITHOUT ROWID table's key is
 * NOT NULL).  A generated column is VIRTUAL unless declared STORED; the
 * table options STRICT and WITHOUT ROWID come from the stored SQL too
 * (PRAGMA table_list has them only from SQLite 3.37 on).  What the Schema cannot represent is an
 * error naming the table: virtual tables, and keys of constraints with a
 * collation of their own (an index's such key is the expression
 * "key COLLATE name").  sqlite_* tables and the version
 * table are never reflected.
 *
 * Views and triggers come with the tables' query and become objects held
 * as definitions (schema.h): the definition is the CREATE statement as
 * SQLite keeps it (as written, from its name on), and the dependencies are
 * the tables and views that the statement names, found by its tokens.
 * Triggers on dbtool's own tables and SQLite's internal objects are left
 * out.
 *
 * Parsing the stored CREATE TABLE statements is most of reflection's
 * work, and each table's is independent of the others': from THREADS_MIN
 * tables on, they are parsed on the calling thread and one helper
 * (dbt_sqlite_preparse_tables) before the schema is built; the building stays on the
 * calling thread, in creation order, as below THREADS_MIN.
 *
 * This file holds the read of the database and the entry: the read
 * transaction, the rows of sqlite_schema (captured as the connection was
 * made, or queried), and the release of what SQLite keeps.  The phases
 * that follow, which read nothing but those rows, each have a file of
 * their own: reflect_sqlite_preparse.c (the parse on two threads),
 * reflect_sqlite_build.c (the tables with their keys, indexes and foreign
 * keys, where rowid_alias, add_uniques and key_column are) and
 * reflect_sqlite_objects.c (views and triggers); reflect_sqlite_sql.c
 * reads the stored SQL, and reflect_sqlite_int.h holds what they share.
 */
#include "reflect_sqlite_int.h"

#include "defaults.h"
#include "error.h"
#include "sqlite_rows.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The tables that are reflected, as a condition on sqlite_schema `m`: not
 * SQLite's own, nor dbtool's version and history tables. */
/* clang-format off */
#define USER_TABLES                                                                        \
	"m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND m.name "         \
	"COLLATE NOCASE NOT IN ('" DBT_VERSION_TABLE "', '" DBT_HISTORY_TABLE "')"
/* clang-format on */

/*
 * The one query of reflection: the tables, views and triggers, and the
 * indexes made by CREATE INDEX, with their SQL, in the order they were
 * made (the order of the scan: SQLite sorts nothing and keeps no copy of
 * the rows for a sort; read_tables takes the tables first, read_indexes
 * the indexes).  SQLite's own indexes for UNIQUE and PRIMARY KEY
 * constraints have no SQL: their keys are the constraints' in the
 * tables' SQL.
 */
static const char schema_sql[] =
	"SELECT m.name, m.sql, m.type, m.tbl_name FROM sqlite_schema m WHERE (" USER_TABLES
	") OR (m.type IN ('view', 'trigger') AND m.sql IS NOT NULL"
	" AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
	" AND m.tbl_name COLLATE NOCASE NOT IN ('" DBT_VERSION_TABLE "', '" DBT_HISTORY_TABLE "'))"
	" OR (m.type = 'index' AND m.sql IS NOT NULL) ORDER BY m.rowid";

/* ------------------------------------------------------------- catalog */

static int db_fail(struct reflect *x)
{
	if (sqlite3_errcode(x->db) == SQLITE_NOMEM)
		return dbt_error_oom();
	return dbt_error_set(DBT_EDB, "cannot read the database schema: %s", sqlite3_errmsg(x->db));
}

static int prepare(struct reflect *x, sqlite3_stmt **out, const char *sql)
{
	x->conn->nqueries++;
	if (sqlite3_prepare_v2(x->db, sql, -1, out, NULL) != SQLITE_OK)
		return db_fail(x);
	return 0;
}

/* A text column, "" for NULL; NULL only when out of memory. */
static const char *text_col(sqlite3_stmt *st, int i)
{
	const char *v = (const char *)sqlite3_column_text(st, i);

	if (!v && sqlite3_column_type(st, i) == SQLITE_NULL)
		return "";
	return v;
}

/*
 * The rows of the query of sqlite_schema (struct rows, sqlite_rows.h),
 * copied out of SQLite: it is read whole before any row is parsed, so
 * that what SQLite keeps for it (its parsed schema, its cache) can be
 * released first (dbt_conn.release_after_reflect).
 */
static int fetch(struct reflect *x, struct rows *out, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int step, rc, i;

	if ((rc = prepare(x, &st, sql)) < 0)
		return rc;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *v[ROW_COLS];
		size_t len[ROW_COLS];

		for (i = 0; i < ROW_COLS; i++) {
			if (!(v[i] = text_col(st, i))) {
				rc = dbt_error_oom();
				goto cleanup;
			}
			len[i] = (size_t)sqlite3_column_bytes(st, i);
		}
		if (rows_add(out, v, len) < 0) {
			rc = dbt_error_oom();
			goto cleanup;
		}
	}
	if (step != SQLITE_DONE)
		rc = db_fail(x);
cleanup:
	sqlite3_finalize(st);
	return rc;
}

/* --------------------------------------------------------------- entry */

static void reflect_release(struct reflect *x)
{
	size_t i;

	for (i = 0; i < x->ntabs; i++)
		tdef_release(&x->tabs[i].def);
	free(x->tabs);
	free(x->names);
	free(x->ix_row);
	free(x->idx_of);
	free(x->ix_at);
	free(x->targets);
	free(x->pkpos);
	free(x->fault.msg);
	for (i = 0; i < x->npre; i++)
		tdef_release(&x->pre[i]);
	free(x->pre);
	free(x->sorted);
	for (i = 0; i < x->nobjs; i++) {
		free(x->objs[i].name);
		free(x->objs[i].table);
		free(x->objs[i].sql);
	}
	free(x->objs);
	dbt_schema_free(x->scratch);
	dbt_schema_free(x->helper_scratch);
	dbt_type_memo_release(&x->types);
	dbt_buf_release(&x->str);
}

/* Runs a statement of the read transaction. */
static int run(struct reflect *x, const char *sql)
{
	x->conn->nqueries++;
	if (sqlite3_exec(x->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(x);
	return 0;
}

/* PRAGMA schema_version: the schema cookie of the file, as of the read
 * transaction. */
static int schema_version(struct reflect *x, long long *out)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if ((rc = prepare(x, &st, "PRAGMA schema_version")) < 0)
		return rc;
	if (sqlite3_step(st) == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else
		rc = db_fail(x);
	sqlite3_finalize(st);
	return rc;
}

/* The connection's cache_size into `*old` (never 0: SQLite keeps at
 * least a few pages), then a cache of 256 KiB. */
static int small_cache(struct reflect *x, long long *old)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if ((rc = prepare(x, &st, "PRAGMA cache_size")) < 0)
		return rc;
	if (sqlite3_step(st) != SQLITE_ROW) {
		rc = db_fail(x);
		sqlite3_finalize(st);
		return rc;
	}
	*old = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (!*old)
		return 0;
	return run(x, "PRAGMA cache_size = -256");
}

static int restore_cache(struct reflect *x, long long size)
{
	char sql[64];

	snprintf(sql, sizeof(sql), "PRAGMA cache_size = %lld", size);
	return run(x, sql);
}

int dbt_sqlite_reflect(struct dbt_schema **out, dbt_conn *conn, const char *schema_name)
{
	(void)schema_name;
	return dbt_sqlite_reflect_threads(out, conn, THREADS_MIN);
}

int dbt_sqlite_reflect_threads(struct dbt_schema **out, dbt_conn *conn, size_t threads_min)
{
	struct rows rows = ROWS_INIT;
	struct parser helper = {0};
	struct reflect x;
	struct sqlite_capture *cap = dbt_sqlite_take_capture(conn);
	dbt_conn *release = NULL;
	long long cache_size = 0, version = 0;
	int own_txn = 0, rc;

	*out = NULL;
	memset(&x, 0, sizeof(x));
	x.conn = conn;
	x.db = dbt_sqlite_handle(conn);
	if ((rc = dbt_schema_new(&x.out)) < 0 || (rc = dbt_schema_new(&x.scratch)) < 0)
		goto cleanup;
	if (sqlite3_get_autocommit(x.db)) {
		if ((rc = run(&x, "BEGIN")) < 0)
			goto cleanup;
		own_txn = 1;
	}
	if (dbt_sqlite_schema_rows(conn) >= (long long)threads_min)
		dbt_sqlite_helper_start(&x, &helper);
	/* The rows SQLite read of sqlite_schema when the connection was made
	 * are this transaction's while the schema version is the one they
	 * were read at: every change of schema, by any connection (this one
	 * included) and VACUUM, changes it.  (A row of sqlite_schema written
	 * under PRAGMA writable_schema does not, and SQLite's own parsed
	 * schema does not see it either.) */
	if (cap && (rc = schema_version(&x, &version)) < 0)
		goto cleanup;
	if (cap && version == cap->cookie) {
		rows = cap->rows;
		memset(&cap->rows, 0, sizeof(cap->rows));
	} else {
		/* The query reads the whole of sqlite_schema once, so a cache
		 * saves it no read: a small one keeps the peak of memory down,
		 * and the connection's own size is set again before anything
		 * else reads. */
		if (own_txn && (rc = small_cache(&x, &cache_size)) < 0)
			goto cleanup;
		/* The query is read whole before anything is parsed; nothing
		 * after it reads the database. */
		if ((rc = fetch(&x, &rows, schema_sql)) < 0)
			goto cleanup;
	}
	dbt_sqlite_capture_free(cap);
	cap = NULL;
	if (own_txn) {
		own_txn = 0;
		if ((rc = run(&x, "COMMIT")) < 0)
			goto cleanup;
		/* Before the release: the pragma reads the schema again. */
		if (cache_size && (rc = restore_cache(&x, cache_size)) < 0)
			goto cleanup;
		cache_size = 0;
		if (conn->release_after_reflect && conn->dialect->release_memory)
			release = conn;
	}
	dbt_sqlite_preparse_tables(&x, &rows, threads_min, &helper, release);
	if ((rc = dbt_sqlite_build_schema(&x, &rows)) < 0)
		goto cleanup;
	*out = x.out;
	x.out = NULL;
	rc = 0;
cleanup:
	/* A failure before the parse: the waiting helper has nothing to do. */
	if (helper.started) {
		dbt_sqlite_helper_go(&helper, NULL);
		dbt_sqlite_helper_join(&helper);
	}
	if (own_txn && !sqlite3_get_autocommit(x.db)) {
		x.conn->nqueries++;
		sqlite3_exec(x.db, "ROLLBACK", NULL, NULL, NULL);
	}
	if (cache_size)
		restore_cache(&x, cache_size);
	dbt_schema_free(x.out);
	reflect_release(&x);
	rows_release(&rows);
	dbt_sqlite_capture_free(cap);
	return rc;
}
