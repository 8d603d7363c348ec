/*
 * testutil.h - what the unit tests (tests/test_*.c) share: temporary
 * folders, files written and read, SQLite connections, assertions on the
 * library's last error message (testutil.c), and the scratch PostgreSQL
 * databases of the tests that need a server (testutil_pg.c, the suite
 * 'pg').
 *
 * Include it after <cmocka.h>: the assert_* helpers fail the running test
 * with cmocka's fail_msg(), naming what was wanted and what was found.
 * The test_* functions return 0 or -1 (a NULL pointer) instead, so that
 * setup and teardown functions can use them; they say who frees what.
 */
#ifndef DBT_TESTS_TESTUTIL_H
#define DBT_TESTS_TESTUTIL_H

#include <stddef.h>

#include "dialect.h"
#include "schema.h"

/* ------------------------------------------------------ files, folders */

/*
 * Makes "<TMPDIR or /tmp>/dbt-NAME-XXXXXX" into buf (of size bytes) and
 * returns buf, or NULL when it does not fit or mkdtemp fails.  Following
 * TMPDIR lets the allocation-failure runner give each of its runs a
 * folder of its own, which it removes afterwards whatever the run left
 * behind (a failed assertion skips a test's own clean-up).
 */
char *test_mkdtemp(char *buf, size_t size, const char *name);

/* Removes `path` and, for a folder, everything in it (symbolic links are
 * removed, never followed).  Returns 0, or -1 when something could not be
 * removed. */
int test_rmtree(const char *path);

/* Writes `text` to `path` (made or emptied); fails the test when it
 * cannot. */
void test_write_file(const char *path, const char *text);

/* The whole content of `path`, NUL-terminated, which the caller frees;
 * NULL when it cannot be read. */
char *test_read_file(const char *path);

/* The file `path` holds exactly `want` / holds `part` / does not hold
 * `part`; each fails the test when the file cannot be read. */
void assert_file_equal(const char *path, const char *want);
void assert_file_contains(const char *path, const char *part);
void assert_file_lacks(const char *path, const char *part);

/* ------------------------------------------------------------- errors */

/* The library's last error message (dbt_error_last()) holds `part`. */
void assert_error_contains(const char *part);

/* ------------------------------------------------------------ schemas */

/* dbt_schema_dump() of `s` with `flags` (DBT_DUMP_*), as a string the
 * caller frees ("" for an empty schema); fails the test when out of
 * memory. */
char *test_schema_dump(const dbt_schema *s, int flags);

/* ------------------------------------------------------------- SQLite */

/* Opens a SQLite connection to the database file `path`, or to an
 * in-memory database when `path` is NULL, as dbt_dialect_sqlite.open()
 * does with no options; returns what it returns (*out is the caller's to
 * close with dbt_dialect_sqlite.close()). */
int test_sqlite_open(dbt_conn **out, const char *path);

/* The memory SQLite holds for the SQLite connection `conn`'s parsed
 * schema: 0 once released, until a statement has SQLite read it again. */
int test_sqlite_schema_bytes(dbt_conn *conn);

/* ------------------------------------------------ PostgreSQL (suite pg) */

/*
 * The tests of the suite 'pg' need a PostgreSQL superuser connection,
 * whose URL they read from DBTOOL_TEST_PG_URL (scripts/test starts a
 * throwaway cluster and sets it); they fail, never skip, without it.
 *
 * Each test has a scratch database of its own.  Making one takes the
 * server a good part of a second under load, so it is made one test
 * ahead, on a connection of its own, and dropped on another: the server
 * does both while the tests run.  A test file calls test_pg_start() in
 * its group setup, test_pg_take() in each test's setup,
 * test_pg_drop() in each test's teardown and test_pg_stop() in its group
 * teardown.  Each returns 0, or -1 after printing why (print_error).
 */

/* Opens a connection to the database of the URL `text`; the caller
 * closes *out with dbt_dialect_postgres.close(). */
int test_pg_open(dbt_conn **out, const char *text);

/* Reads DBTOOL_TEST_PG_URL, opens the two connections that make and drop
 * the scratch databases, and starts making the first one, named
 * "PREFIX_<pid>_<n>" (PREFIX of at most 23 bytes). */
int test_pg_start(const char *prefix);

/* The scratch database made for this test: its name into dbname (of
 * size bytes) and a connection to it into *conn (closed by the caller
 * before test_pg_drop()); starts making the next one. */
int test_pg_take(char *dbname, size_t size, dbt_conn **conn);

/* The n of the scratch database test_pg_take() gave last (a number that
 * other per-test names can share). */
int test_pg_taken(void);

/* Drops the scratch database `dbname` (sent, not waited for). */
int test_pg_drop(const char *dbname);

/* Waits for what the two connections were doing, drops the database
 * made ahead, and closes them. */
int test_pg_stop(void);

#endif
