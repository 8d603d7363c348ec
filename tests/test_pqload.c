/*
 * test_pqload.c - libpq is opened only when a PostgreSQL connection is
 * first made (pqload.c): working on SQLite leaves it unloaded, and the
 * first attempt to connect to PostgreSQL opens it, whatever the outcome
 * of the connection.  No server is needed: the PostgreSQL connection is
 * made to a socket folder that does not exist.
 */
#define _GNU_SOURCE /* dl_iterate_phdr */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <link.h>
#include <stdlib.h>
#include <string.h>

#include "dbtool.h"
#include "pqload.h"

static int found_libpq(struct dl_phdr_info *info, size_t size, void *data)
{
	(void)size;
	(void)data;
	return info->dlpi_name && strstr(info->dlpi_name, "/libpq.so") != NULL;
}

/* libpq is among the process's loaded objects. */
static int libpq_loaded(void)
{
	return dl_iterate_phdr(found_libpq, NULL) != 0;
}

/* One test, in this order: what SQLite leaves unloaded, PostgreSQL loads. */
static void sqlite_leaves_libpq_unloaded_and_postgres_loads_it(void **state)
{
	dbt_url url;
	dbt_conn *conn = NULL;
	char *current = NULL;

	(void)state;
	assert_false(libpq_loaded());

	assert_int_equal(dbt_url_parse(&url, "sqlite://"), 0);
	assert_int_equal(dbt_conn_open(&conn, &url), 0);
	assert_int_equal(dbt_conn_current(&current, conn), 0);
	assert_null(current);
	dbt_conn_close(conn);
	dbt_url_release(&url);
	assert_false(libpq_loaded());

	/* A server that is not there: the connection fails, but only after
	 * libpq was opened to try it. */
	assert_int_equal(dbt_url_parse(&url, "postgresql://u:p@/db?host=/nonexistent/dbtool-test"), 0);
	conn = NULL;
	assert_int_equal(dbt_conn_open(&conn, &url), DBT_ECONNECT);
	assert_null(conn);
	assert_non_null(strstr(dbt_error_last(), "cannot connect to postgresql database 'db'"));
	dbt_url_release(&url);
	assert_true(libpq_loaded());

	/* Opened once, it stays open. */
	assert_int_equal(dbt_pq_load(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sqlite_leaves_libpq_unloaded_and_postgres_loads_it),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
