/*
 * reflect_postgres_objects.c - what the readers of PostgreSQL's objects
 * share (see reflect_postgres_objects.h).
 */
#include "reflect_postgres_objects.h"

#include <string.h>

#include "error.h"

int dbt_pg_objects_query(PGresult **out, dbt_pg_objects *r, const char *sql)
{
	const char *params[1] = {r->nspname};
	const char *msg;
	PGresult *res;
	int rc;

	*out = NULL;
	r->conn->nqueries++;
	res = PQexecParams(r->pg, sql, 1, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) == PGRES_TUPLES_OK) {
		*out = res;
		return 0;
	}
	msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	if (!msg || !*msg)
		msg = PQerrorMessage(r->pg);
	if (!*msg)
		msg = "unknown error";
	rc = dbt_error_set(DBT_EDB, "cannot reflect schema '%s': %.*s", r->nspname,
			   (int)strcspn(msg, "\r\n"), msg);
	PQclear(res);
	return rc;
}

const char *dbt_pg_objects_value(const PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) ? NULL : PQgetvalue(res, row, col);
}
