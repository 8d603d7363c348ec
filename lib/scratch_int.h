/*
 * scratch_int.h - what scratch.c, scratch_conn.c and the dialects'
 * scratch entries (scratch_sqlite.c, scratch_postgres.c, scratch_mysql.c)
 * share: the scratch connection and how it was opened.  Internal to the
 * library.
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
 * After a failure, dbt_scratch_finish() closes what was opened. */
int dbt_scratch_start(struct scratch *s, dbt_conn *live);

/* Rolls back whatever the scratch did (the dialect's scratch_close())
 * and closes what dbt_scratch_start() opened; keeps the message of an
 * earlier failure. */
void dbt_scratch_finish(struct scratch *s);

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

#endif
