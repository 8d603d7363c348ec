/*
 * testutil_mysql.h - what the MariaDB/MySQL tests (suite 'mariadb') share:
 * the test server's URL, which scripts/test sets, and connections to it.
 */
#ifndef DBT_TESTUTIL_MYSQL_H
#define DBT_TESTUTIL_MYSQL_H

#include "dialect.h"

/* 0 when DBTOOL_TEST_MYSQL_URL is set; else -1, saying how to set it. */
int test_mysql_require_url(void);

/* Connects to the test server's database `db` (NULL: the URL's own);
 * 0 or -1, the reason printed. */
int test_mysql_connect(dbt_conn **out, const char *db);

#endif
