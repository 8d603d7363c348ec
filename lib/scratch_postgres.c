/*
 * scratch_postgres.c - PostgreSQL's scratch database (the scratch_open
 * and scratch_close entries of dialect_postgres.c, scratch_int.h): a
 * schema of a random name, made in a transaction (or, inside the
 * caller's, a savepoint) that is rolled back, so that nothing of it is
 * ever committed; on the live connection, or on the dev_url database.
 */
#include "scratch_int.h"

#include "error.h"

#include <libpq-fe.h>

int dbt_postgres_scratch_open(struct scratch *s, dbt_conn *live)
{
	const struct dbt_dialect *d;
	dbt_buf sql = DBT_BUF_INIT;
	int rc;

	if (live->dev_url && (rc = dbt_scratch_open_dev(s, live)) < 0)
		return rc;
	d = s->conn->dialect;

	/* Inside the caller's transaction, a savepoint. */
	s->savepoint = PQtransactionStatus(dbt_postgres_handle(s->conn)) != PQTRANS_IDLE;
	if ((rc = d->exec(s->conn, s->savepoint ? "SAVEPOINT " SAVEPOINT : "BEGIN")) < 0)
		return rc;
	s->in_txn = 1;
	dbt_scratch_new_name(s);
	dbt_buf_puts(&sql, "CREATE SCHEMA ");
	d->quote_ident(&sql, s->schema);
	if ((rc = dbt_scratch_run(s, &sql)) < 0) {
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
	rc = dbt_scratch_run(s, &sql);
cleanup:
	dbt_buf_release(&sql);
	return rc;
}

void dbt_postgres_scratch_close(struct scratch *s)
{
	const struct dbt_dialect *d = s->conn->dialect;

	if (!s->in_txn)
		return;
	if (!s->savepoint)
		d->rollback(s->conn);
	else if (d->exec(s->conn, "ROLLBACK TO SAVEPOINT " SAVEPOINT) == 0)
		d->exec(s->conn, "RELEASE SAVEPOINT " SAVEPOINT);
	s->in_txn = 0;
}
