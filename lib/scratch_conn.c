/*
 * scratch_conn.c - the scratch database of scratch.c, opened and closed:
 * a dev_url database that must be empty, an SQLite database in memory, a
 * schema of its own in a transaction (PostgreSQL), or a database of its
 * own (MariaDB/MySQL, whose DDL no transaction takes back); and what
 * closing it rolls back, drops or empties.
 */
#include "scratch_int.h"

#include "error.h"
#include "mysql.h"

#include <fcntl.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* 16 hex digits of randomness for the scratch schema's name. */
static void random_hex(char *out)
{
	unsigned char bytes[8];
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	size_t i;

	if (fd < 0 || read(fd, bytes, sizeof(bytes)) != (ssize_t)sizeof(bytes)) {
		unsigned long v = (unsigned long)time(NULL) ^ ((unsigned long)getpid() << 16) ^
				  (unsigned long)clock();

		for (i = 0; i < sizeof(bytes);
		     i++, v = v * 6364136223846793005UL + 1442695040888963407UL)
			bytes[i] = (unsigned char)(v >> 56);
	}
	if (fd >= 0)
		close(fd);
	for (i = 0; i < sizeof(bytes); i++)
		sprintf(out + 2 * i, "%02x", bytes[i]);
}

/* Fails unless the dev_url database holds nothing of its own. */
static int require_empty(struct scratch *s, const char *redacted)
{
	char *v = NULL;
	int rc = s->conn->dialect->query_value(s->conn, s->conn->dialect->any_object_sql, &v);

	if (rc == 0 && v)
		rc = dbt_error_set(DBT_EEXISTS,
				   "the scratch database '%s' (dev_url) is not empty: it must be "
				   "an "
				   "empty database that dbtool may use to normalize the model",
				   redacted);
	free(v);
	return rc;
}

/* Opens the dev_url database, which must be of the live database's
 * dialect and empty. */
static int open_dev(struct scratch *s, const dbt_conn *live)
{
	dbt_url url;
	char *redacted = NULL;
	int rc;

	if ((rc = dbt_url_parse(&url, live->dev_url)) < 0)
		return dbt_error_prefix(rc, "dev_url");
	if (!(redacted = dbt_url_redact(&url))) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	if (url.kind != live->dialect->kind) {
		rc = dbt_error_set(DBT_ERROR,
				   "the scratch database '%s' (dev_url) is not a %s database like "
				   "the one migrated",
				   redacted, live->dialect->name);
		goto cleanup;
	}
	if ((rc = dbt_conn_open(&s->own, &url)) < 0) {
		dbt_error_prefix(rc, "cannot open the scratch database (dev_url)");
		goto cleanup;
	}
	s->conn = s->own;
	rc = require_empty(s, redacted);
cleanup:
	free(redacted);
	dbt_url_release(&url);
	return rc;
}

/* Runs one statement of no result on the scratch connection. */
int run(struct scratch *s, const dbt_buf *sql)
{
	if (sql->oom)
		return dbt_error_oom();
	return s->conn->dialect->exec(s->conn, dbt_buf_str(sql));
}

/*
 * MariaDB/MySQL, whose DDL no transaction takes back: the dev_url
 * database, emptied again by finish(); or a database of a random name
 * made on the live server through a connection of its own (so that the
 * live session and its transaction are left alone), which finish()
 * drops.
 */
static int start_mysql(struct scratch *s, dbt_conn *live)
{
	dbt_buf sql = DBT_BUF_INIT;
	int rc;

	if (live->dev_url) {
		if ((rc = open_dev(s, live)) == 0)
			s->empty_dev = 1;
		return rc;
	}
	if ((rc = dbt_mysql_open_like(&s->own, live, NULL)) < 0)
		return dbt_error_prefix(rc, "cannot open the connection to the scratch database");
	s->conn = s->own;
	memcpy(s->schema, SCRATCH_PREFIX, sizeof(SCRATCH_PREFIX) - 1);
	random_hex(s->schema + sizeof(SCRATCH_PREFIX) - 1);
	dbt_buf_puts(&sql, "CREATE DATABASE ");
	dbt_mysql_quote_ident(&sql, s->schema);
	if ((rc = run(s, &sql)) < 0) {
		dbt_error_prefix(
			rc,
			"cannot create the scratch database '%s' that normalizes the model "
			"(grant the user CREATE and DROP on databases named "
			"dbtool_scratch_%%, or name an empty scratch database with dev_url in "
			"dbtool.ini or --dev-url)",
			s->schema);
		goto cleanup;
	}
	s->drop_db = 1;
	dbt_buf_clear(&sql);
	dbt_buf_puts(&sql, "USE ");
	dbt_mysql_quote_ident(&sql, s->schema);
	rc = run(s, &sql);
cleanup:
	dbt_buf_release(&sql);
	return rc;
}

/* Collects the rows' first two columns as "DROP <kind> <name>" statements,
 * kind first (TABLE or VIEW, PROCEDURE, FUNCTION ...), name second. */
static int drop_row(void *arg, size_t ncolumns, const char *const *values)
{
	dbt_buf *sql = arg;

	if (ncolumns < 2 || !values[0] || !values[1])
		return 0;
	dbt_buf_printf(sql, "DROP %s IF EXISTS ", values[0]);
	dbt_mysql_quote_ident(sql, values[1]);
	dbt_buf_puts(sql, ";\n");
	return sql->oom ? dbt_error_oom() : 0;
}

/* Drops whatever the scratch made in the dev_url database, which was
 * empty: its views, tables and routines. */
static void empty_dev(struct scratch *s)
{
	dbt_buf sql = DBT_BUF_INIT;
	const struct dbt_dialect *d = s->conn->dialect;

	dbt_buf_puts(&sql, "SET SESSION foreign_key_checks = 0;\n");
	if (d->query_rows(s->conn,
			  "SELECT IF(table_type = 'VIEW', 'VIEW', 'TABLE'), table_name "
			  "FROM information_schema.tables WHERE table_schema = DATABASE() "
			  "UNION ALL SELECT routine_type, routine_name FROM "
			  "information_schema.routines WHERE routine_schema = DATABASE()",
			  drop_row, &sql) == 0 &&
	    !sql.oom)
		d->exec_script(s->conn, sql.ptr, "scratch database", 1);
	dbt_buf_release(&sql);
}

/*
 * Opens the scratch: a connection, a transaction (or savepoint) that will
 * be rolled back, and on PostgreSQL the schema the objects go to.
 */
int start(struct scratch *s, dbt_conn *live)
{
	const struct dbt_dialect *d;
	dbt_buf sql = DBT_BUF_INIT;
	int rc;

	s->conn = live;
	if (s->kind == DBT_DIALECT_MYSQL)
		return start_mysql(s, live);
	if (live->dev_url) {
		if ((rc = open_dev(s, live)) < 0)
			return rc;
	} else if (s->kind == DBT_DIALECT_SQLITE) {
		dbt_url memory;

		memset(&memory, 0, sizeof(memory));
		memory.kind = DBT_DIALECT_SQLITE;
		if ((rc = dbt_conn_open(&s->own, &memory)) < 0)
			return rc;
		s->conn = s->own;
		/* Nothing to keep apart from: no transaction needed. */
		return 0;
	}
	d = s->conn->dialect;
	if (s->kind == DBT_DIALECT_SQLITE) {
		if ((rc = d->begin(s->conn)) == 0)
			s->in_txn = 1;
		return rc;
	}

	/* PostgreSQL: inside the caller's transaction, a savepoint. */
	s->savepoint = PQtransactionStatus(dbt_postgres_handle(s->conn)) != PQTRANS_IDLE;
	if ((rc = d->exec(s->conn, s->savepoint ? "SAVEPOINT " SAVEPOINT : "BEGIN")) < 0)
		return rc;
	s->in_txn = 1;
	memcpy(s->schema, SCRATCH_PREFIX, sizeof(SCRATCH_PREFIX) - 1);
	random_hex(s->schema + sizeof(SCRATCH_PREFIX) - 1);
	dbt_buf_puts(&sql, "CREATE SCHEMA ");
	d->quote_ident(&sql, s->schema);
	if ((rc = run(s, &sql)) < 0) {
		dbt_error_prefix(rc,
				 "cannot create the scratch schema that normalizes the model (name "
				 "an "
				 "empty scratch database with dev_url in dbtool.ini or --dev-url)");
		goto cleanup;
	}
	/* Names the model leaves unqualified land in the scratch schema; types
	 * and functions of the managed schema stay visible. */
	dbt_buf_clear(&sql);
	dbt_buf_puts(&sql, "SET LOCAL search_path TO ");
	d->quote_ident(&sql, s->schema);
	if (!s->own) {
		dbt_buf_puts(&sql, ", ");
		d->quote_ident(&sql, s->live_schema ? s->live_schema : "public");
	}
	rc = run(s, &sql);
cleanup:
	dbt_buf_release(&sql);
	return rc;
}

/* Rolls back whatever the scratch did and closes what start() opened;
 * keeps the message of an earlier failure. */
void finish(struct scratch *s)
{
	const struct dbt_dialect *d = s->conn ? s->conn->dialect : NULL;

	if (s->drop_db || s->empty_dev) {
		/* Whatever failed before keeps its message. */
		char *msg = strdup(dbt_error_last());
		dbt_buf sql = DBT_BUF_INIT;

		if (s->empty_dev) {
			empty_dev(s);
		} else {
			dbt_buf_puts(&sql, "DROP DATABASE IF EXISTS ");
			dbt_mysql_quote_ident(&sql, s->schema);
			run(s, &sql);
		}
		dbt_buf_release(&sql);
		if (msg)
			dbt_error_set(DBT_ERROR, "%s", msg);
		free(msg);
		s->drop_db = s->empty_dev = 0;
	}
	if (s->in_txn) {
		if (!s->savepoint)
			d->rollback(s->conn);
		else if (d->exec(s->conn, "ROLLBACK TO SAVEPOINT " SAVEPOINT) == 0)
			d->exec(s->conn, "RELEASE SAVEPOINT " SAVEPOINT);
		s->in_txn = 0;
	}
	dbt_conn_close(s->own);
	s->own = NULL;
}
