/*
 * dialect.h - what a database must provide to dbtool: a const table of
 * function pointers per database (dialect_sqlite.c, dialect_postgres.c,
 * dialect_mysql.c), whose rendering entries live beside it
 * (render_sqlite.c, render_postgres.c, render_mysql.c), and whose
 * reflection (reflect_*.c) and scratch database (scratch_*.c) too.
 *
 * Adding a database means adding the files that fill this table and one
 * line in dialect.c; nothing above this layer knows which database it
 * talks to: it calls the table's entries and asks its capability flags
 * (DBT_CAP_*) instead of comparing the dialect's kind.  Every function
 * follows the library's error convention (0 or a negative DBT_E* code,
 * message in dbt_error_last()).
 */
#ifndef DBT_DIALECT_H
#define DBT_DIALECT_H

#include "buf.h"
#include "defaults.h"
#include "dbtool.h"
#include "sqlsplit.h"

struct dbt_batch_item;
struct dbt_column;
struct dbt_dialect;
struct dbt_index;
struct dbt_op;
struct dbt_schema;
struct dbt_sql_objects;
struct dbt_table;
struct dbt_type;
struct scratch;

/*
 * What a database can do, for the shared code to ask instead of naming
 * the database (the `caps` of struct dbt_dialect).
 */
#define DBT_CAP_TRANSACTIONAL_DDL \
	0x0001 /* CREATE, ALTER and DROP roll back
					  * with the transaction */
#define DBT_CAP_ALTER_COLUMN_TYPE \
	0x0002		       /* ALTER TABLE changes a column's
					  * type (and its nullability,
					  * default, keys) in place; without
					  * it the table is rebuilt */
#define DBT_CAP_SCHEMAS 0x0004 /* tables live in named schemas */
#define DBT_CAP_IDENTITY \
	0x0008 /* GENERATED ... AS IDENTITY and
					  * SERIAL columns; without it a key
					  * generates values as the rowid */
#define DBT_CAP_DEFAULT_CALL \
	0x0010 /* DEFAULT takes a function call
					  * without parentheses */
#define DBT_CAP_TRIGGER_BODY \
	0x0020 /* a trigger's body is statements
					  * between BEGIN and END, which the
					  * splitter hands out as pieces */
#define DBT_CAP_FK_FORWARD_REFS \
	0x0040 /* a foreign key may name a table
					  * that is created later */
#define DBT_CAP_ALTER_UNDER_OBJECTS \
	0x0080 /* refuses to change or drop a
					    * column that a view, trigger
					    * or policy uses: the differ
					    * drops them around the change */
#define DBT_CAP_FILE \
	0x0100 /* the database is the file the URL names,
			     * which opening it creates */
#define DBT_CAP_SAFE_FORMS \
	0x0200 /* changes have lock-friendly forms that
				   * run outside a transaction (CREATE
				   * INDEX CONCURRENTLY, NOT VALID then
				   * VALIDATE): migrate --safe moves them
				   * to a revision of their own */
#define DBT_CAP_BACKTICK_NAMES \
	0x0400 /* expressions quote names in backticks;
				       * elsewhere a model's `name` (which
				       * inspect wrote of such a database)
				       * becomes "name" */
#define DBT_CAP_ENUM_TYPES \
	0x1000 /* enums and domains are named types that
				   * columns use (the model's are made
				   * before its tables), and an enum
				   * takes new values in place (ALTER
				   * TYPE ... ADD VALUE) */
#define DBT_CAP_NOCASE_NAMES \
	0x0800 /* a table's name matches ignoring ASCII
				     * case */
#define DBT_CAP_NOCASE_COLUMNS \
	0x8000 /* the names of columns, indexes and constraints match
		* ignoring ASCII case */
#define DBT_CAP_RENAME_INDEX \
	0x10000 /* an index is renamed in place, which the
		 * differ then does for a model's rename hint */
#define DBT_CAP_VIEWS_AS_WRITTEN \
	0x2000 /* a view's SQL is kept and reflected as
				       * its author wrote it, not in the
				       * database's own normal form, so
				       * adopting may write it for another
				       * dialect as it is */
#define DBT_CAP_OTHER_OBJECTS \
	0x4000 /* besides tables, indexes, views and
				    * triggers, the database has other
				    * objects a model may declare
				    * (routines, sequences, grants,
				    * comments...), whose statements the
				    * scratch runs as written; without
				    * it, PostgreSQL's are refused by
				    * name */
#define DBT_CAP_ROLES \
	0x20000 /* the model may declare the cluster's
		* roles (CREATE ROLE, role.h) */

/*
 * The row callback of query_rows(): `values[i]` is column i of the row
 * as text, NULL for SQL NULL; valid until the callback returns.  A
 * negative return stops the query and becomes its result.
 */
typedef int (*dbt_row_fn)(void *arg, size_t ncolumns, const char *const *values);

/*
 * The callback of exec_script_each(): statement number `n` (1 for the
 * first) of the script, `len` bytes at `stmt`, starting on file line
 * `line`, has just succeeded.  A negative return stops the script and
 * becomes its result.
 */
typedef int (*dbt_stmt_fn)(void *arg, size_t n, const char *stmt, size_t len, int line);

/* A table to drop, in `schema` (NULL: unqualified). */
typedef struct dbt_table_name {
	const char *schema;
	const char *name;
} dbt_table_name;

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
	char **roles; /* the names and globs of the roles dbtool manages
		       * besides the model's (dbt_conn_set_roles, role.h) */
	size_t nroles;
	/* PostgreSQL: reflection reads the tables of the other schemas too
	 * (dbt_model_reflect_all, dbt_model_scope), not only the managed
	 * schema's; 0 by default. */
	int all_schemas;
	/* The caller needs nothing of the connection's cache after the next
	 * reflection (`check`): the reflection releases it (the dialect's
	 * release_memory) as soon as its queries are read, before it builds
	 * the schema; 0 by default. */
	int release_after_reflect;
	/* The model being loaded ahead (dbt_conn_set_model_preload): taken
	 * by the next comparison with its path, freed by dbt_conn_close. */
	struct dbt_model_preload *preload;
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
	const char *name; /* "sqlite", "postgresql", "mysql" */
	dbt_dialect_kind kind;
	/* The database's name in messages ("SQLite", "PostgreSQL",
	 * "MariaDB/MySQL"), and with its article ("an SQLite"). */
	const char *title;
	const char *a_title;
	/* The URL of an empty database of this kind that lives in memory and
	 * needs no server ("sqlite://"), for a scratch database nobody
	 * named; NULL when there is none. */
	const char *memory_url;

	/* Connects; DBT_ECONNECT naming the database (never the password).
	 * `readonly`: the caller only reads; SQLite then never creates the
	 * file (a missing one reads as an empty database). */
	int (*open)(dbt_conn **out, const dbt_url *url, int readonly);
	/* open, for a connection whose first use is a reflection of the whole
	 * database (dbt_conn_open_to_compare): SQLite keeps what it reads of
	 * its schema as it connects for that reflection.  NULL: open. */
	int (*open_to_reflect)(dbt_conn **out, const dbt_url *url, int readonly);
	void (*close)(dbt_conn *conn);

	/*
	 * Runs every statement of `sql` in order, in whatever transaction is
	 * open.  On failure stops at the failing statement and sets
	 * "FILE:LINE: DATABASE MESSAGE (in: STATEMENT START)", where LINE is
	 * `first_line` plus the statement's line offset inside `sql`.
	 */
	int (*exec_script)(dbt_conn *conn, const char *sql, const char *file, int first_line);

	/*
	 * The same, calling `done` after each statement that succeeded, for
	 * a database whose DDL commits at once (no
	 * DBT_CAP_TRANSACTIONAL_DDL): the runner journals each statement of a
	 * revision as it commits.  NULL for a database with transactional DDL.
	 */
	int (*exec_script_each)(dbt_conn *conn, const char *sql, const char *file, int first_line,
				dbt_stmt_fn done, void *arg);

	/*
	 * exec_script_each() that runs only the statements after the first
	 * `skip`: those are handed to `done` too, split as they would run but
	 * not run (with `skip` SIZE_MAX, the script is only split).  A
	 * revision that stopped halfway resumes with it.  NULL for a database
	 * with transactional DDL.
	 */
	int (*exec_script_from)(dbt_conn *conn, const char *sql, const char *file, int first_line,
				size_t skip, dbt_stmt_fn done, void *arg);

	/* Hands each statement of a script to `fn`, in order, split as the
	 * database reads it (sqlsplit.h, sqlsplit_mysql.h; where
	 * DBT_CAP_TRIGGER_BODY, a trigger's body comes in pieces); returns
	 * 0, or what `fn` returned to stop.  Cannot fail otherwise. */
	int (*split_script)(const char *sql, dbt_split_fn fn, void *arg);
	/* 1 when a statement whose first two words are `w1` and `w2`
	 * (lowercased) ends, opens or splits a transaction (txcontrol.h;
	 * dbt_txcontrol_words() holds the words every database has). */
	int (*is_tx_control)(const char *w1, const char *w2);

	/* Runs one statement that returns no rows. */
	int (*exec)(dbt_conn *conn, const char *sql);

	/* Runs a query and hands back the first column of its first row
	 * (`*out` NULL when there is no row or the value is NULL); caller frees. */
	int (*query_value)(dbt_conn *conn, const char *sql, char **out);

	/* Runs a query and hands each row, in order, to `fn` (see
	 * dbt_row_fn); a failing `fn` stops it with its return value. */
	int (*query_rows)(dbt_conn *conn, const char *sql, dbt_row_fn fn, void *arg);

	/* Transaction control.  SQLite's begin takes the write lock at once
	 * (BEGIN IMMEDIATE) and returns DBT_ELOCKED when the busy timeout
	 * runs out. */
	int (*begin)(dbt_conn *conn);
	int (*commit)(dbt_conn *conn);
	int (*rollback)(dbt_conn *conn);

	/* Runs the statements of `sql` (the runner's bookkeeping, separated
	 * by ';', or "") and commits, in one round trip; fails as
	 * exec_script() or commit() would, and the caller rolls back.  NULL:
	 * the runner calls exec_script() and commit(). */
	int (*commit_with)(dbt_conn *conn, const char *sql);

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

	/* Runs the revisions' scripts v[0 .. n - 1] (batch.h) one after the
	 * other in the open transaction, each as reset_session() (when its
	 * `reset` is set), set_lock_timeout() (when its lock_timeout_ms >= 0)
	 * and exec_script() would, in as few round trips as it can.  On
	 * failure the transaction is failed, the error is the one
	 * exec_script() would set, and `*failed` is the index of the item
	 * it came from.  NULL: the runner makes those calls one by one. */
	int (*exec_batch)(dbt_conn *conn, const struct dbt_batch_item *v, size_t n, size_t *failed);

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

	/* Frees what the connection keeps in memory and reads again when a
	 * statement needs it (SQLite: its parsed schema and its page cache),
	 * for a caller that has what it needs from the database and is about
	 * to use much memory of its own.  Outside a transaction; does nothing
	 * inside one.  Nothing changes in the database, and the connection
	 * works on as before.  NULL when the dialect keeps nothing worth it. */
	void (*release_memory)(dbt_conn *conn);

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
	 * NULL when there is nothing to do.  Where DDL is not transactional
	 * (no DBT_CAP_TRANSACTIONAL_DDL) no section runs inside the BEGIN:
	 * only the version and history rows do, after it, and
	 * `script_start` (which may also hold comments) says so.
	 */
	const char *script_start;
	const char *script_before_begin;
	const char *script_before_commit;
	const char *script_after_commit;

	/* DBT_CAP_* flags. */
	unsigned caps;
	/* The schema an unqualified name means when none is configured
	 * ("public"); a dialect without schemas names its one database
	 * ("main"), as `exclude =` patterns qualify names. */
	const char *default_schema;
	/* A query that returns a row when the database holds anything of its
	 * own (a table, a routine...): a scratch database must be empty. */
	const char *any_object_sql;
	/* A query whose value is 1 when the server compares table names
	 * ignoring case, which a setting decides (MariaDB's
	 * lower_case_table_names); NULL where DBT_CAP_NOCASE_NAMES or its
	 * absence says it for good. */
	const char *nocase_tables_sql;
	/*
	 * The scratch database in which the model is built and read back in
	 * the database's normal form (scratch.h, scratch_int.h).
	 * scratch_open(): `s->conn` is `live` on entry; sets it to where the
	 * model is built, the live connection or one it opened into `s->own`
	 * (a dev_url database through dbt_scratch_open_dev(), one in memory,
	 * one of its own), opens what will take the model's objects back (a
	 * transaction or savepoint, a schema or database of its own, named in
	 * `s->schema`), and keeps in `s` what scratch_close() undoes.
	 * scratch_close() rolls back, drops or empties all that, also after a
	 * failed scratch_open(); its own failures are ignored.  The caller
	 * closes `s->own`.
	 */
	int (*scratch_open)(struct scratch *s, dbt_conn *live);
	void (*scratch_close)(struct scratch *s);
	/* A statement run in a scratch database before the model's objects
	 * are built in it; NULL when there is none. */
	const char *scratch_objects_start;
	/* An SQL expression of the current UTC time as text,
	 * "YYYY-MM-DDTHH:MM:SSZ", computed by the database when it runs. */
	const char *now_sql;
	/* How a statement starts that inserts a row or, when the table
	 * holds one with the same primary key, replaces it ("INSERT OR
	 * REPLACE INTO"); NULL where the runner deletes such a row before it
	 * inserts one. */
	const char *insert_or_replace;
	/* What follows the closing parenthesis of the CREATE TABLE of
	 * dbtool's version and history tables ("" for nothing). */
	const char *book_table_options;

	/*
	 * Rendering (render.h): render.c writes what every dialect writes
	 * alike and asks the entries below for the rest.
	 *
	 * render_op(): the SQL of one differ operation, as dbt_render_op();
	 * render_ops(): of a list, as dbt_render_ops_keep() (a dialect that
	 * rebuilds no tables ignores `keep`).  Those two take back whatever
	 * an entry that failed left in `out`.
	 */
	int (*render_op)(dbt_buf *out, const struct dbt_op *op);
	int (*render_ops)(dbt_buf *out, const struct dbt_op *ops, size_t n,
			  const struct dbt_schema *target, const struct dbt_sql_objects *keep);
	/* `dbtool inspect`: portable_types() writes each type of a reflected
	 * schema that is the database's spelling of a portable type as that
	 * type (text NULL); model_spelling() sets `*out` (caller frees) to
	 * the spelling the model gives `type` where the database prints it
	 * in words a model reads as another type, NULL to keep its text.
	 * NULL: the reflection's types read as they are. */
	void (*portable_types)(struct dbt_schema *db);
	int (*model_spelling)(char **out, const struct dbt_type *type);
	/* Adapts a parsed model in place, as dbt_schema_adapt(). */
	int (*adapt)(struct dbt_schema *schema);
	/* 1 when the database does ops[i] of the list itself, as part of
	 * another op of it (MariaDB makes the index of a foreign key with the
	 * key, and the key's drop or its table's leaves it to go with them):
	 * the op is no finding of its own, and its SQL is the renderer's
	 * business.  NULL when the database does no op by itself. */
	int (*op_implied)(const struct dbt_op *ops, size_t n, size_t i);
	/* Makes column `c` generate its values, as the auto-increment rule
	 * asks (dbt_schema_autoincrement): 0, or an error when out of memory;
	 * autoincrement_is(): 1 when it is already what autoincrement() makes
	 * of it. */
	int (*autoincrement)(struct dbt_column *c);
	int (*autoincrement_is)(const struct dbt_column *c);
	/* The statements that drop `tables` at once, in that order, whatever
	 * foreign keys run between them (cycles included), each name
	 * qualified with its schema. */
	int (*drop_tables)(dbt_buf *out, const dbt_table_name *tables, size_t n);
	/* A column's type in its definition (PostgreSQL spells a SERIAL
	 * column's so). */
	void (*put_column_type)(dbt_buf *out, const struct dbt_column *c);
	/* What follows a column's generation expression (an identity); NULL
	 * when nothing does. */
	void (*put_column_identity)(dbt_buf *out, const struct dbt_column *c);
	/* What ends a column's definition after its default: SQLite's inline
	 * primary key with AUTOINCREMENT, which sets `*pk_inline`; an error
	 * for a column the dialect cannot define.  NULL when nothing does. */
	int (*put_column_end)(dbt_buf *out, const struct dbt_table *t, const struct dbt_column *c,
			      int *pk_inline);
	/* The table options after CREATE TABLE's list (STRICT, WITHOUT
	 * ROWID); NULL for a dialect that has none, where a table with
	 * options is an error. */
	void (*put_table_options)(dbt_buf *out, const struct dbt_table *t);
	/* What CREATE INDEX writes before the index's name, its method
	 * included (MariaDB's "CREATE FULLTEXT INDEX "); NULL for "CREATE
	 * [UNIQUE] INDEX " and the method after USING. */
	void (*put_index_head)(dbt_buf *out, const struct dbt_index *index);
	/* A CHECK's or a generation expression of table `t` as the dialect
	 * reads it (MariaDB: its columns quoted, || as CONCAT); NULL: as
	 * written. */
	void (*put_expr)(dbt_buf *out, const struct dbt_table *t, const char *expr);
	/* The collations written bare (else quoted as an identifier), each
	 * in its spelling, matched ignoring ASCII case; NULL-terminated, or
	 * NULL for none. */
	const char *const *bare_collations;
};

extern const struct dbt_dialect dbt_dialect_sqlite;

/* The reflection of each dialect (reflect_sqlite.c, reflect_postgres.c). */
int dbt_sqlite_reflect(struct dbt_schema **out, dbt_conn *conn, const char *schema_name);
int dbt_postgres_reflect(struct dbt_schema **out, dbt_conn *conn, const char *schema_name);

/* The scratch entries of each dialect (scratch_sqlite.c,
 * scratch_postgres.c, scratch_mysql.c). */
int dbt_sqlite_scratch_open(struct scratch *s, dbt_conn *live);
void dbt_sqlite_scratch_close(struct scratch *s);
int dbt_postgres_scratch_open(struct scratch *s, dbt_conn *live);
void dbt_postgres_scratch_close(struct scratch *s);
int dbt_mysql_scratch_open(struct scratch *s, dbt_conn *live);
void dbt_mysql_scratch_close(struct scratch *s);

/* The native handles, for code beside the dialects that needs them. */
struct sqlite3;
struct pg_conn;
struct sqlite3 *dbt_sqlite_handle(dbt_conn *conn);
/* The rows sqlite_schema had when the SQLite connection was opened: a
 * hint of the schema's size, which later changes do not update. */
long long dbt_sqlite_schema_rows(dbt_conn *conn);
/* The capture of SQLite's own read of sqlite_schema when the connection
 * was opened to reflect (sqlite_rows.h), which the caller then owns
 * (dbt_sqlite_capture_free); NULL when there is none: not opened so, not
 * captured, taken already, or released with the connection's memory. */
struct sqlite_capture *dbt_sqlite_take_capture(dbt_conn *conn);
struct pg_conn *dbt_postgres_handle(dbt_conn *conn);
extern const struct dbt_dialect dbt_dialect_postgres;
extern const struct dbt_dialect dbt_dialect_mysql;

/* The rendering entries of each dialect (render_sqlite.c, render_postgres.c). */
int dbt_sqlite_render_op(dbt_buf *out, const struct dbt_op *op);
int dbt_sqlite_render_ops(dbt_buf *out, const struct dbt_op *ops, size_t n,
			  const struct dbt_schema *target, const struct dbt_sql_objects *keep);
int dbt_sqlite_adapt(struct dbt_schema *schema);
int dbt_sqlite_autoincrement(struct dbt_column *c);
int dbt_sqlite_autoincrement_is(const struct dbt_column *c);
int dbt_sqlite_drop_tables(dbt_buf *out, const dbt_table_name *tables, size_t n);
void dbt_sqlite_put_column_type(dbt_buf *out, const struct dbt_column *c);
int dbt_sqlite_put_column_end(dbt_buf *out, const struct dbt_table *t, const struct dbt_column *c,
			      int *pk_inline);
void dbt_sqlite_put_table_options(dbt_buf *out, const struct dbt_table *t);
extern const char *const dbt_sqlite_bare_collations[];

int dbt_postgres_render_op(dbt_buf *out, const struct dbt_op *op);
int dbt_postgres_render_ops(dbt_buf *out, const struct dbt_op *ops, size_t n,
			    const struct dbt_schema *target, const struct dbt_sql_objects *keep);
int dbt_postgres_adapt(struct dbt_schema *schema);
int dbt_postgres_autoincrement(struct dbt_column *c);
int dbt_postgres_autoincrement_is(const struct dbt_column *c);
int dbt_postgres_drop_tables(dbt_buf *out, const dbt_table_name *tables, size_t n);
void dbt_postgres_put_column_type(dbt_buf *out, const struct dbt_column *c);
void dbt_postgres_put_column_identity(dbt_buf *out, const struct dbt_column *c);

/*
 * Takes the migration lock (waiting `lock_timeout_ms`, <= 0: the
 * default DBT_LOCK_TIMEOUT_MS) and opens a transaction, for a change
 * that must happen whole under the lock; dbt_conn_end_locked() ends
 * both.  On failure nothing is held.
 */
int dbt_conn_begin_locked(dbt_conn *conn, int lock_timeout_ms);

/*
 * Ends what dbt_conn_begin_locked() began: commits when `rc` is 0, rolls
 * back when it is not or when the commit fails, and releases the lock.
 * Returns `rc`, or the commit's failure.
 */
int dbt_conn_end_locked(dbt_conn *conn, int rc);

/* The dialect for a URL kind; NULL for an unknown kind. */
const struct dbt_dialect *dbt_dialect_for(dbt_dialect_kind kind);

/* A one-line, at most `max`-byte excerpt of a statement for messages:
 * whitespace runs folded to one space, "..." when cut. */
void dbt_dialect_excerpt(dbt_buf *out, const char *stmt, size_t len, size_t max);

/* Appends " (in: <excerpt of the statement>)", the statement's place in
 * every dialect's error messages. */
void dbt_dialect_put_in(dbt_buf *out, const char *stmt, size_t len);

/* Sets the error `code` with the message `msg` holds (out of memory when
 * building it ran out), releases `msg` and returns the error's code. */
int dbt_dialect_fail_with(dbt_buf *msg, int code);

#endif
