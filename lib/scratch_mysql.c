/*
 * scratch_mysql.c - MariaDB/MySQL's scratch database (the scratch_open
 * and scratch_close entries of dialect_mysql.c, scratch_int.h).  No
 * transaction takes DDL back there, so the scratch is a database of its
 * own: the dev_url database, emptied again on closing; or a database of
 * a random name made on the live server through a connection of its own
 * (so that the live session and its transaction are left alone), which
 * closing drops.
 */
#include "scratch_int.h"

#include "error.h"
#include "mysql.h"

int dbt_mysql_scratch_open(struct scratch *s, dbt_conn *live)
{
	dbt_buf sql = DBT_BUF_INIT;
	int rc;

	if (live->dev_url) {
		if ((rc = dbt_scratch_open_dev(s, live)) == 0)
			s->empty_dev = 1;
		return rc;
	}
	if ((rc = dbt_mysql_open_like(&s->own, live, NULL)) < 0)
		return dbt_error_prefix(rc, "cannot open the connection to the scratch database");
	s->conn = s->own;
	dbt_scratch_new_name(s);
	dbt_buf_puts(&sql, "CREATE DATABASE ");
	dbt_mysql_quote_ident(&sql, s->schema);
	if ((rc = dbt_scratch_run(s, &sql)) < 0) {
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
	rc = dbt_scratch_run(s, &sql);
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

void dbt_mysql_scratch_close(struct scratch *s)
{
	dbt_buf sql = DBT_BUF_INIT;

	if (s->empty_dev) {
		empty_dev(s);
	} else if (s->drop_db) {
		dbt_buf_puts(&sql, "DROP DATABASE IF EXISTS ");
		dbt_mysql_quote_ident(&sql, s->schema);
		dbt_scratch_run(s, &sql);
	}
	dbt_buf_release(&sql);
	s->drop_db = s->empty_dev = 0;
}
