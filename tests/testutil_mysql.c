/*
 * testutil_mysql.c - the MariaDB/MySQL tests' shared helpers (see
 * testutil_mysql.h).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "mysql.h"
#include "testutil_mysql.h"

int test_mysql_require_url(void)
{
	const char *text = getenv("DBTOOL_TEST_MYSQL_URL");

	if (!text || !*text) {
		print_error("DBTOOL_TEST_MYSQL_URL is not set: run the tests with scripts/test, "
			    "which starts a throwaway MariaDB, or start one with "
			    "scripts/mariadb-cluster and export its URL\n");
		return -1;
	}
	return 0;
}

int test_mysql_connect(dbt_conn **out, const char *db)
{
	dbt_url url;
	int rc;

	if (dbt_url_parse_mysql(&url, getenv("DBTOOL_TEST_MYSQL_URL")) < 0) {
		print_error("DBTOOL_TEST_MYSQL_URL: %s\n", dbt_error_last());
		return -1;
	}
	if (db) {
		free(url.database);
		url.database = strdup(db);
	}
	rc = url.database ? dbt_mysql_open(out, &url, 0) : -1;
	dbt_url_release(&url);
	if (rc < 0)
		print_error("%s\n", dbt_error_last());
	return rc < 0 ? -1 : 0;
}

static dbt_conn *admin; /* on the URL's own database: makes the others */
static int ndbs;

int test_mysql_db_create(char *name, size_t size, const char *prefix, dbt_conn **conn)
{
	char sql[160];

	*conn = NULL;
	if (!admin && test_mysql_connect(&admin, NULL) < 0)
		return -1;
	snprintf(name, size, "%s_%ld_%d", prefix, (long)getpid(), ++ndbs);
	snprintf(sql, sizeof(sql), "CREATE DATABASE %s", name);
	if (dbt_mysql_exec(admin, sql) < 0) {
		print_error("%s\n", dbt_error_last());
		return -1;
	}
	return test_mysql_connect(conn, name);
}

int test_mysql_db_drop(const char *name)
{
	char sql[160];

	snprintf(sql, sizeof(sql), "DROP DATABASE %s", name);
	if (!admin || dbt_mysql_exec(admin, sql) < 0) {
		print_error("cannot drop database %s: %s\n", name, dbt_error_last());
		return -1;
	}
	return 0;
}

void test_mysql_admin_close(void)
{
	dbt_mysql_close(admin);
	admin = NULL;
}

dbt_conn *test_mysql_admin(void)
{
	return admin;
}
