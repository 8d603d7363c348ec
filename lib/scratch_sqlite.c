/*
 * scratch_sqlite.c - SQLite's scratch database (the scratch_open and
 * scratch_close entries of dialect_sqlite.c, scratch_int.h): a new
 * database in memory, which nothing else sees and closing it discards;
 * or the dev_url database, in a transaction that is rolled back.
 */
#include "scratch_int.h"

#include <string.h>

int dbt_sqlite_scratch_open(struct scratch *s, dbt_conn *live)
{
	const struct dbt_dialect *d;
	int rc;

	if (live->dev_url) {
		if ((rc = dbt_scratch_open_dev(s, live)) < 0)
			return rc;
	} else {
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
	if ((rc = d->begin(s->conn)) == 0)
		s->in_txn = 1;
	return rc;
}

void dbt_sqlite_scratch_close(struct scratch *s)
{
	if (s->in_txn) {
		s->conn->dialect->rollback(s->conn);
		s->in_txn = 0;
	}
}
