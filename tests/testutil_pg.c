/*
 * testutil_pg.c - the scratch PostgreSQL databases of the unit tests of
 * the suite 'pg' (testutil.h): one per test, made one test ahead on a
 * connection of its own and dropped on another.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dbtool.h"
#include "dialect.h"
#include "testutil.h"

static const struct dbt_dialect *const pg = &dbt_dialect_postgres;

static dbt_conn *creator, *dropper;
static char prefix[24];
static char next_db[64]; /* being made for the next test */
static int ndbs, taken;

int test_pg_open(dbt_conn **out, const char *text)
{
	dbt_url url;
	int rc;

	if (dbt_url_parse(&url, text) < 0) {
		print_error("DBTOOL_TEST_PG_URL: %s\n", dbt_error_last());
		return -1;
	}
	rc = pg->open(out, &url, 0);
	dbt_url_release(&url);
	if (rc < 0)
		print_error("%s\n", dbt_error_last());
	return rc < 0 ? -1 : 0;
}

/* Sends "VERB DATABASE name..." without waiting for it. */
static int send_db(dbt_conn *conn, const char *verb, const char *name, const char *options)
{
	char sql[160];

	snprintf(sql, sizeof(sql), "%s DATABASE %s%s", verb, name, options);
	if (!PQsendQuery(dbt_postgres_handle(conn), sql)) {
		print_error("%s: %s", sql, PQerrorMessage(dbt_postgres_handle(conn)));
		return -1;
	}
	return 0;
}

/* Waits for what was sent on `conn`, if anything; -1 when it failed. */
static int wait_db(dbt_conn *conn)
{
	PGresult *res;
	int rc = 0;

	while ((res = PQgetResult(dbt_postgres_handle(conn))) != NULL) {
		if (PQresultStatus(res) != PGRES_COMMAND_OK) {
			print_error("%s", PQresultErrorMessage(res));
			rc = -1;
		}
		PQclear(res);
	}
	return rc;
}

static int create_next(void)
{
	snprintf(next_db, sizeof(next_db), "%s_%ld_%d", prefix, (long)getpid(), ++ndbs);
	return send_db(creator, "CREATE", next_db, "");
}

int test_pg_start(const char *name_prefix)
{
	const char *text = getenv("DBTOOL_TEST_PG_URL");

	if (!text || !*text) {
		print_error("DBTOOL_TEST_PG_URL is not set: run the tests with scripts/test, "
			    "which starts a throwaway PostgreSQL, or start one with "
			    "scripts/pg-cluster and export its URL\n");
		return -1;
	}
	snprintf(prefix, sizeof(prefix), "%s", name_prefix);
	if (test_pg_open(&creator, text) < 0 || test_pg_open(&dropper, text) < 0)
		return -1;
	return create_next();
}

int test_pg_stop(void)
{
	int rc = 0;

	if (creator && dropper) {
		rc = wait_db(creator);
		if (wait_db(dropper) < 0 ||
		    send_db(dropper, "DROP", next_db, " WITH (FORCE)") < 0 || wait_db(dropper) < 0)
			rc = -1;
	}
	pg->close(creator);
	pg->close(dropper);
	creator = dropper = NULL;
	return rc;
}

int test_pg_take(char *dbname, size_t size, dbt_conn **conn)
{
	dbt_url url;
	int rc;

	if (wait_db(creator) < 0)
		return -1;
	snprintf(dbname, size, "%s", next_db);
	taken = ndbs;
	if (create_next() < 0 || dbt_url_parse(&url, getenv("DBTOOL_TEST_PG_URL")) < 0)
		return -1;
	free(url.database);
	url.database = strdup(dbname);
	rc = url.database ? pg->open(conn, &url, 0) : -1;
	dbt_url_release(&url);
	if (rc < 0) {
		print_error("%s\n", dbt_error_last());
		return -1;
	}
	return 0;
}

int test_pg_taken(void)
{
	return taken;
}

int test_pg_drop(const char *dbname)
{
	int rc = wait_db(dropper);

	if (send_db(dropper, "DROP", dbname, " WITH (FORCE)") < 0)
		rc = -1;
	return rc;
}
