/*
 * scratch_int.h - what scratch.c, scratch_objects.c, scratch_names.c,
 * scratch_conn.c and the dialects' scratch entries (scratch_sqlite.c,
 * scratch_postgres.c, scratch_mysql.c) share: the scratch connection and
 * how it was opened, the building of the model's tables that both
 * scratch.c and scratch_objects.c do, and the respelling of names between
 * the model and the scratch.  Internal to the library.
 */
#ifndef DBT_SCRATCH_INT_H
#define DBT_SCRATCH_INT_H

#include "buf.h"
#include "dialect.h"
#include "schema.h"

#define SCRATCH_PREFIX "dbtool_scratch_"
#define SAVEPOINT "dbtool_scratch"

/* The scratch connection and how it was opened.  The fields from
 * `in_txn` to `schema` are the dialect's scratch_open() and
 * scratch_close() to set and read. */
struct scratch {
	dbt_conn *conn; /* the live connection or `own` */
	dbt_conn *own;	/* opened by scratch_open: in memory, the dev_url or a
			 * connection of its own; NULL otherwise */
	dbt_dialect_kind kind;
	int in_txn;    /* a transaction or savepoint to roll back */
	int savepoint; /* it is a savepoint of the caller's transaction */
	int drop_db;   /* `schema` is a database made here, to drop */
	int empty_dev; /* the dev_url database, to empty again */
	char schema[sizeof(SCRATCH_PREFIX) + 16]; /* the scratch schema (or
						   * database) the objects go
						   * to; "" for the
						   * connection's own */
	const char *live_schema;
	const char *model_path;
	/* The model whose tables of other schemas (ident.h's DBT_QUALIFIER)
	 * the scratch holds flat: "SCHEMA\x1fNAME" in its own schema; NULL
	 * when none. */
	const dbt_schema *model;
	char *errmsg; /* the first failure's message, kept over the rollback */
};

/* Opens the scratch with the live dialect's scratch_open(): a
 * connection, a transaction (or savepoint) that will be rolled back, and
 * where the dialect needs one the schema or database the objects go to.
 * After a failure, dbt_scratch_abandon() closes what was opened. */
int dbt_scratch_start(struct scratch *s, dbt_conn *live);

/* Rolls back whatever the scratch did (the dialect's scratch_close())
 * and closes what dbt_scratch_start() opened. */
void dbt_scratch_finish(struct scratch *s);

/* dbt_scratch_finish() after a failure: returns `rc`, the failure's
 * message kept whatever the closing says. */
int dbt_scratch_abandon(struct scratch *s, int rc);

/* Runs one statement of no result on the scratch connection; the
 * out-of-memory failure when building `sql` ran out of memory. */
int dbt_scratch_run(struct scratch *s, const dbt_buf *sql);

/* For the dialects' scratch_open(): opens the dev_url database into
 * `s->own` and `s->conn`, which must be of the live database's dialect
 * and empty; DBT_EEXISTS when it is not empty. */
int dbt_scratch_open_dev(struct scratch *s, const dbt_conn *live);

/* For the dialects' scratch_open(): a new random name for the scratch
 * schema or database, SCRATCH_PREFIX and 16 hex digits, in `s->schema`. */
void dbt_scratch_new_name(struct scratch *s);

/* ---- scratch.c's, which scratch_objects.c builds with too */

/* The position in `model->tables` of the table `name`; -1 when the model
 * has none.  Through the schema's table map, so that a lookup per index
 * stays cheap. */
long dbt_scratch_table_index(const dbt_schema *model, const char *name);

/* Puts "MODEL:LINE:COL" ("MODEL" when `line` is 0) in front of the
 * current message, naming the place of the model that failed; returns
 * `rc`. */
int dbt_scratch_model_error(const struct scratch *s, int rc, int line, int col);

/* For dbt_render_create_table(): 1 for each foreign key of the table
 * `arg` (a dbt_table), which a database whose tables cannot name one made
 * later gets once all its tables and indexes are made (a key to the table
 * itself too: it may rest on a unique index made after the table). */
int dbt_scratch_skip_fk(const dbt_fk *fk, void *arg);

/* Adds, by ALTER TABLE, the foreign keys that dbt_scratch_skip_fk() left
 * out of the CREATE TABLE of each model table whose `want` byte is `min`
 * or more (one byte per model table), when the table they reference is
 * wanted too; `sql` is the caller's buffer, used as scratch space.  0, or
 * the first error, named with the key's place in the model. */
int dbt_scratch_add_skipped_fks(struct scratch *s, const dbt_schema *model, const char *want,
				int min, dbt_buf *sql);

/* ---- scratch_names.c's: the model's names as the scratch holds them,
 * and back */

/* CREATE INDEX of the model's `ix` as the scratch database makes it, into
 * `out`: the index of a table held flat has a flat name too.  0, the
 * renderer's error (an index the database cannot have), or DBT_ERROR when
 * out of memory. */
int dbt_scratch_render_index(dbt_buf *out, const struct scratch *s, const dbt_index *ix);

/* The SQL of the model's statement `st` as the scratch database runs it,
 * into `out` (cleared first): the managed schema's qualifier names the
 * scratch schema, a name of another schema that the model holds tables
 * of is held flat, and CREATE EXTENSION or SCHEMA gets IF NOT EXISTS.  0,
 * or DBT_ERROR when out of memory. */
int dbt_scratch_sql(dbt_buf *out, const struct scratch *s, const dbt_statement *st);

/* The table or index the renderer wrote into `sql`, respelled in place as
 * dbt_scratch_sql() respells a statement.  0, or DBT_ERROR when out of memory
 * (also when `sql` ran out of it). */
int dbt_scratch_rendered(dbt_buf *sql, const struct scratch *s);

/* In `*str` (NULL: nothing to do), the scratch schema's qualifier dropped
 * and its name elsewhere made the managed schema's.  0; DBT_ERROR when out
 * of memory, `*str` then unchanged. */
int dbt_scratch_unscratch(char **str, const struct scratch *s);

/* In `*str` (NULL: nothing to do), each flat name of the scratch made the
 * qualified name it stands for; as dbt_scratch_unscratch() otherwise. */
int dbt_scratch_unflatten(char **str, const struct scratch *s);

/* In `*str`, a domain's definition or SQL (NULL: nothing to do), each
 * CONSTRAINT's flat name made the name alone; as dbt_scratch_unscratch() otherwise. */
int dbt_scratch_unflatten_constraints(char **str, const struct scratch *s);

#endif
