/*
 * dialect.h - what a database must provide to dbtool: a const table of
 * function pointers per database (dialect_sqlite.c, dialect_postgres.c).
 *
 * Adding a database means adding one file that fills this table and one
 * line in dialect.c; nothing above this layer knows which database it
 * talks to.  Every function follows the library's error convention
 * (0 or a negative DBT_E* code, message in dbt_error_last()).
 */
#ifndef DBT_DIALECT_H
#define DBT_DIALECT_H

#include "buf.h"
#include "dbtool.h"

struct dbt_dialect;
struct dbt_schema;
struct dbt_sql_objects;

/* Every dialect's connection struct starts with this one. */
struct dbt_conn {
	const struct dbt_dialect *dialect;
	unsigned long nqueries; /* statements sent, for tests that count them */
	char *version_schema;	/* NULL: "public"; freed by dbt_conn_close */
	int lock_timeout_ms;	/* the statement lock timeout: 0 the default,
				 * DBT_STATEMENT_LOCK_TIMEOUT_MS; < 0 no limit */
	char *dev_url;		/* the scratch database's URL (dbt_conn_set_dev_url);
				 * NULL for the default scratch */
	char **exclude;		/* the names and globs dbtool never touches
				 * (dbt_conn_set_exclude, exclude.h) */
	size_t nexclude;
	dbt_rename_question rename_question; /* dbt_conn_set_rename_question;
					      * NULL: never ask */
	void *rename_question_arg;
};

/* The schema of the version and history tables: NULL for a dialect
 * without schemas (SQLite), else conn->version_schema or "public". */
const char *dbt_conn_version_schema(const dbt_conn *conn);

/* The statement lock timeout in milliseconds, 0 for no limit. */
int dbt_conn_lock_timeout(const dbt_conn *conn);

struct dbt_dialect {
	const char *name; /* "sqlite", "postgresql" */
	dbt_dialect_kind kind;

	/* Connects; DBT_ECONNECT naming the database (never the password).
	 * `readonly`: the caller only reads; SQLite then never creates the
	 * file (a missing one reads as an empty database). */
	int (*open)(dbt_conn **out, const dbt_url *url, int readonly);
	void (*close)(dbt_conn *conn);

	/*
	 * Runs every statement of `sql` in order, in whatever transaction is
	 * open.  On failure stops at the failing statement and sets
	 * "FILE:LINE: DATABASE MESSAGE (in: STATEMENT START)", where LINE is
	 * `first_line` plus the statement's line offset inside `sql`.
	 */
	int (*exec_script)(dbt_conn *conn, const char *sql, const char *file, int first_line);

	/* Runs one statement that returns no rows. */
	int (*exec)(dbt_conn *conn, const char *sql);

	/* Runs a query and hands back the first column of its first row
	 * (`*out` NULL when there is no row or the value is NULL); caller frees. */
	int (*query_value)(dbt_conn *conn, const char *sql, char **out);

	/* Transaction control.  SQLite's begin takes the write lock at once
	 * (BEGIN IMMEDIATE) and returns DBT_ELOCKED when the busy timeout
	 * runs out. */
	int (*begin)(dbt_conn *conn);
	int (*commit)(dbt_conn *conn);
	int (*rollback)(dbt_conn *conn);

	/* In a transaction begin() opened: 1 when another connection may have
	 * committed since this connection's previous transaction (or there
	 * was none), so that what that one read may be stale; else 0.  NULL
	 * when lock() keeps every other migration out for the whole run
	 * (PostgreSQL's advisory lock), so that what one transaction of a
	 * run read holds in the next. */
	int (*written_by_others)(dbt_conn *conn);

	/* The migration lock, held across a whole run: a PostgreSQL advisory
	 * lock; for SQLite, sets the busy timeout that begin() waits for.
	 * DBT_ELOCKED when not had within `timeout_ms`.  Once it is held,
	 * statements wait for locks at most the connection's statement lock
	 * timeout (dbt_conn_lock_timeout), until unlock(). */
	int (*lock)(dbt_conn *conn, int timeout_ms);
	int (*unlock)(dbt_conn *conn);

	/* How long each following statement waits for a lock, in ms (0: no
	 * limit), until reset_session().  A statement that runs out of time
	 * fails with DBT_ELOCKED.  SQLite: does nothing. */
	int (*set_lock_timeout)(dbt_conn *conn, int ms);

	/* Undoes whatever the statements run so far set in the session
	 * (PostgreSQL: RESET ALL, RESET ROLE), then applies dbtool's own
	 * settings again, the statement lock timeout among them.  Runs
	 * outside a transaction.  SQLite: does nothing. */
	int (*reset_session)(dbt_conn *conn);

	/* 1 in `*out` when the table `schema`.`name` exists; `schema` NULL:
	 * the one an unqualified name finds (search_path).  SQLite ignores
	 * `schema`. */
	int (*table_exists)(dbt_conn *conn, const char *schema, const char *name, int *out);

	/*
	 * Reads the live schema into a new, normalised Schema (schema.h) that
	 * the caller frees with dbt_schema_free(): every table of the
	 * managed schema (`schema_name`, NULL for "public"; SQLite ignores it)
	 * except the version table, with a fixed number of queries whatever
	 * the number of tables.  NULL until the dialect implements it.
	 */
	int (*reflect)(struct dbt_schema **out, dbt_conn *conn, const char *schema_name);

	/* Quoting for rendering SQL: an identifier (bare only when it is
	 * [a-z_][a-z0-9_]* and not a keyword) and a string literal. */
	void (*quote_ident)(dbt_buf *out, const char *name);
	void (*quote_literal)(dbt_buf *out, const char *value);
	/*
	 * The triggers and views that a table rebuild must keep (render.h),
	 * in their order of creation; NULL for a database that rebuilds no
	 * tables.  The caller releases `out` with dbt_sql_objects_release(),
	 * also after a failure.
	 */
	int (*read_kept)(struct dbt_sql_objects *out, dbt_conn *conn);
	/*
	 * Offline scripts (dbt_run_script) do in SQL what begin() and commit()
	 * do around each revision online: statements, each ending in ";\n",
	 * put once at the start of the script (`script_start`), before each
	 * BEGIN (`script_before_begin`), before each COMMIT
	 * (`script_before_commit`, which must make the transaction fail when
	 * commit() would refuse it) and after it (`script_after_commit`).
	 * NULL when there is nothing to do.
	 */
	const char *script_start;
	const char *script_before_begin;
	const char *script_before_commit;
	const char *script_after_commit;
};

extern const struct dbt_dialect dbt_dialect_sqlite;

/* The reflection of each dialect (reflect_sqlite.c, reflect_postgres.c). */
int dbt_sqlite_reflect(struct dbt_schema **out, dbt_conn *conn, const char *schema_name);
int dbt_postgres_reflect(struct dbt_schema **out, dbt_conn *conn, const char *schema_name);

/* The native handles, for code beside the dialects that needs them. */
struct sqlite3;
struct pg_conn;
struct sqlite3 *dbt_sqlite_handle(dbt_conn *conn);
struct pg_conn *dbt_postgres_handle(dbt_conn *conn);
extern const struct dbt_dialect dbt_dialect_postgres;

/* The dialect for a URL kind; NULL for an unknown kind. */
const struct dbt_dialect *dbt_dialect_for(dbt_dialect_kind kind);

/* A one-line, at most `max`-byte excerpt of a statement for messages:
 * whitespace runs folded to one space, "..." when cut. */
void dbt_dialect_excerpt(dbt_buf *out, const char *stmt, size_t len, size_t max);

#endif
