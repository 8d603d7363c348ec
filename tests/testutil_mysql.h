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

/*
 * A fresh database on the test server, named PREFIX_<pid>_<n> into
 * `name` (`size` bytes), made through an administrative connection kept
 * for the test program, and a connection to it in `*conn`; 0 or -1, the
 * reason printed.  test_mysql_db_drop() drops it; test_mysql_admin_close()
 * closes the administrative connection (a group teardown).
 */
int test_mysql_db_create(char *name, size_t size, const char *prefix, dbt_conn **conn);
int test_mysql_db_drop(const char *name);
void test_mysql_admin_close(void);

/* The administrative connection (on the URL's own database), opened by
 * the first test_mysql_db_create(). */
dbt_conn *test_mysql_admin(void);

#endif
