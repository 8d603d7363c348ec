/*
 * dialect_postgres_int.h - what the PostgreSQL dialect's files share
 * (dialect_postgres.c, the connection and its statements;
 * dialect_postgres_error.c, the server's failures as dbtool's messages).
 * Not installed, not part of the library's API.
 */
#ifndef DBT_DIALECT_POSTGRES_INT_H
#define DBT_DIALECT_POSTGRES_INT_H

#include "buf.h"
#include "dialect.h"

#include <libpq-fe.h>
#include <stddef.h>

/* SQLSTATE lock_not_available, raised when lock_timeout runs out. */
#define SQLSTATE_LOCK_NOT_AVAILABLE "55P03"

struct postgres_conn {
	dbt_conn base;
	PGconn *pg;
	int readonly;	   /* opened to read only */
	int lock_ms;	   /* the lock_timeout dbtool set last, 0 for none */
	dbt_buf pending;   /* the resets and settings of a reset_session() in a
			  * transaction, sent ahead of the next statement in
			  * its query string (send_query) */
	int fresh;	   /* commit_with() reset the session after its COMMIT
			  * and nothing was sent since: reset_session() has
			  * nothing to do */
	int own_options;   /* dbtool's settings are in the connection's
			  * options (own_options()), which RESET ALL returns
			  * to: a reset need not set them again */
	int reset_lock_ms; /* the lock_timeout RESET ALL returns to: the
			    * one in the connection's options, or -1 when
			    * dbtool did not put one there */
	int lexed;	   /* exec_batch() left a statement that may change
			    * how the server reads a query string before the
			    * next reset (batch.h) */
};

/* The length of the first line of `msg` (at most 4,000 bytes). */
int dbt_postgres_first_line_len(const char *msg);

/* Sets "[FILE:LINE: ]<server message>[ (detail: ...)][ (hint: ...)]
 * (in: <statement start>)" for the failed result `res` (NULL: the
 * connection's failure) of statement `stmt` (`len` bytes); `file` NULL
 * leaves out the position.  A lock timeout of a revision's statement says
 * which table it waited for and how long.  DBT_EDB, or DBT_ECONNECT when
 * the connection is gone. */
int dbt_postgres_db_error(struct postgres_conn *c, const PGresult *res, const char *file, int line,
			  const char *stmt, size_t len);

#endif
