/*
 * scratch_int.h - what scratch.c and scratch_conn.c share: the scratch
 * connection and how it was opened.  Internal to the library.
 */
#ifndef DBT_SCRATCH_INT_H
#define DBT_SCRATCH_INT_H

#include "buf.h"
#include "dialect.h"

#define SCRATCH_PREFIX "dbtool_scratch_"
#define SAVEPOINT "dbtool_scratch"

/* The scratch connection and how it was opened. */
struct scratch {
	dbt_conn *conn; /* the live connection or `own` */
	dbt_conn *own;	/* opened here: in memory or the dev_url; NULL otherwise */
	dbt_dialect_kind kind;
	int in_txn;    /* a transaction or savepoint to roll back */
	int savepoint; /* it is a savepoint of the caller's transaction */
	int drop_db;   /* MariaDB: `schema` is a database made here, to drop */
	int empty_dev; /* MariaDB: the dev_url database, to empty again */
	char schema[sizeof(SCRATCH_PREFIX) + 16]; /* PostgreSQL: the scratch schema;
						   * MariaDB: the scratch database */
	const char *live_schema;
	const char *model_path;
	char *errmsg; /* the first failure's message, kept over the rollback */
};

/* Opens the scratch: a connection, a transaction (or savepoint) that will
 * be rolled back, and on PostgreSQL the schema the objects go to. */
int start(struct scratch *s, dbt_conn *live);

/* Rolls back whatever the scratch did and closes what start() opened;
 * keeps the message of an earlier failure. */
void finish(struct scratch *s);

/* Runs one statement of no result on the scratch connection. */
int run(struct scratch *s, const dbt_buf *sql);

#endif
