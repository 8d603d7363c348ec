/*
 * test_sqlite_memory.c - SQLite's memory methods of dbt_global_init
 * (lib/sqlite_memory.c): blocks keep their size and contents, an array of
 * SQLite's limit grows when SQLite replaces it by another at once, and
 * SQLite's hash tables of a schema's names take the room (as many buckets
 * as half the names at least, where SQLite's build alone stops at 64),
 * while other blocks of the same size stay the system's malloc.
 * main() installs the methods before SQLite is first used.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "dbtool.h"
#include "sqlite_memory.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A bucket of SQLite's hash tables: a count and a pointer. */
#define BUCKET (2 * sizeof(void *))

static size_t limit;

static void plain_blocks_keep_their_size_and_contents(void **state)
{
	char *p, *q;

	(void)state;
	p = sqlite3_malloc(13);
	assert_non_null(p);
	assert_int_equal(sqlite3_msize(p), 16);
	memcpy(p, "thirteen byte", 13);
	q = sqlite3_realloc(p, 100);
	assert_non_null(q);
	assert_int_equal(sqlite3_msize(q), 104);
	assert_memory_equal(q, "thirteen byte", 13);
	memset(q, 'x', 104);
	sqlite3_free(q);
	assert_int_equal(dbt_sqlite_memory_arrays(), 0);
}

/* An allocation as SQLite makes a hash table's array. */
static char *benign_malloc(size_t n)
{
	char *p;

	dbt_sqlite_memory_benign_begin();
	p = sqlite3_malloc((int)n);
	dbt_sqlite_memory_benign_end();
	return p;
}

/* The steps of SQLite's growing a hash table (its rehash): a new array,
 * then the old one freed, then the new one cleared to the size it has. */
static char *grow(char *old, size_t want)
{
	char *p = benign_malloc(want);

	assert_non_null(p);
	sqlite3_free(old);
	memset(p, 0, sqlite3_msize(p));
	return p;
}

static void an_array_at_the_limit_grows_as_sqlite_grows_it(void **state)
{
	char *small, *p, *other;

	(void)state;
	(void)dbt_sqlite_memory_largest();
	small = sqlite3_malloc((int)(limit / 2));
	assert_non_null(small);
	/* Replacing an array below the limit: twice the limit, so that
	 * SQLite will ask again. */
	p = grow(small, limit);
	assert_int_equal(sqlite3_msize(p), 2 * limit);
	assert_int_equal(dbt_sqlite_memory_arrays(), 1);
	/* Replacing an array of the limit's kind: four times its size. */
	p = grow(p, limit);
	assert_int_equal(sqlite3_msize(p), 8 * limit);
	assert_int_equal(dbt_sqlite_memory_arrays(), 1);
	assert_int_equal(dbt_sqlite_memory_largest(), 8 * limit);
	/* Another allocation between the new array and the free: no growth. */
	other = benign_malloc(limit);
	assert_non_null(other);
	assert_int_equal(sqlite3_msize(other), 2 * limit);
	small = sqlite3_malloc(8);
	sqlite3_free(p);
	assert_int_equal(sqlite3_msize(other), 2 * limit);
	sqlite3_free(small);
	sqlite3_free(other);
	assert_int_equal(dbt_sqlite_memory_arrays(), 0);
}

static void growth_stops_at_the_room(void **state)
{
	char *p;

	(void)state;
	dbt_sqlite_memory_set_room(4 * limit);
	p = grow(NULL, limit);
	assert_int_equal(sqlite3_msize(p), 2 * limit);
	p = grow(p, limit);
	assert_int_equal(sqlite3_msize(p), 4 * limit);
	p = grow(p, limit);
	assert_int_equal(sqlite3_msize(p), 4 * limit);
	sqlite3_free(p);
	dbt_sqlite_memory_set_room((size_t)64 << 20);
	assert_int_equal(dbt_sqlite_memory_arrays(), 0);
}

/* Room the system cannot reserve: the array is SQLite's own, at the
 * limit. */
static void an_array_without_room_is_served_by_malloc(void **state)
{
	char *p;

	(void)state;
	dbt_sqlite_memory_set_room((size_t)1 << 62);
	p = grow(NULL, limit);
	assert_int_equal(sqlite3_msize(p), limit);
	assert_int_equal(dbt_sqlite_memory_arrays(), 0);
	p = grow(p, limit);
	assert_int_equal(sqlite3_msize(p), limit);
	sqlite3_free(p);
	dbt_sqlite_memory_set_room(limit);
	p = grow(NULL, limit);
	assert_int_equal(sqlite3_msize(p), limit);
	sqlite3_free(p);
	dbt_sqlite_memory_set_room((size_t)64 << 20);
}

static void an_array_reallocated_keeps_its_contents(void **state)
{
	char *p, *q;
	size_t i;

	(void)state;
	p = benign_malloc(limit);
	assert_non_null(p);
	assert_int_equal(dbt_sqlite_memory_arrays(), 1);
	for (i = 0; i < limit; i++)
		p[i] = (char)(i % 251);
	q = sqlite3_realloc(p, (int)(3 * limit));
	assert_non_null(q);
	assert_int_equal(dbt_sqlite_memory_arrays(), 0);
	assert_int_equal(sqlite3_msize(q), 3 * limit);
	for (i = 0; i < limit; i++)
		assert_int_equal(q[i], (char)(i % 251));
	sqlite3_free(q);
}

/* A request of the limit that is not a hash table's (an in-memory
 * journal's chunks are 1,024 bytes) is the system's malloc, at its size. */
static void other_blocks_of_the_limit_are_plain(void **state)
{
	sqlite3 *db = NULL;
	char *p;

	(void)state;
	p = sqlite3_malloc((int)limit);
	assert_non_null(p);
	assert_int_equal(sqlite3_msize(p), limit);
	assert_int_equal(dbt_sqlite_memory_arrays(), 0);
	sqlite3_free(p);

	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(
		sqlite3_exec(db,
			     "CREATE TABLE t(a, b);"
			     "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
			     "WHERE i < 2000) INSERT INTO t SELECT i, zeroblob(500) FROM n;"
			     "BEGIN; UPDATE t SET b = zeroblob(600);",
			     NULL, NULL, NULL),
		SQLITE_OK);
	assert_int_equal(dbt_sqlite_memory_arrays(), 0);
	assert_int_equal(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

/* `n` tables and an index of each, in one transaction: SQLITE_OK or
 * SQLite's error (no assertion: the threads' test runs it off the main
 * thread). */
static int make_schema(sqlite3 *db, int n)
{
	int i, rc = sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);

	for (i = 0; rc == SQLITE_OK && i < n; i++) {
		char sql[128];

		snprintf(sql, sizeof(sql), "CREATE TABLE t%d(a, b); CREATE INDEX t%d_a ON t%d(a)",
			 i, i, i);
		rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	}
	return rc == SQLITE_OK ? sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) : rc;
}

static long long one_number(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long long v;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* A schema of 3,000 tables and 3,000 indexes, made and then read again
 * when the file is opened: SQLite's tables of names grow past the 64
 * buckets of its limit, to at least a bucket for two names, and the
 * names are all found.  Closing the connection gives all the room back. */
static void a_schemas_tables_of_names_grow(void **state)
{
	char path[] = "/tmp/dbtool-sqlite-memory-XXXXXX";
	sqlite3 *db = NULL;
	int fd = mkstemp(path);
	size_t grown;

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	(void)dbt_sqlite_memory_largest();
	assert_int_equal(make_schema(db, 3000), SQLITE_OK);
	grown = dbt_sqlite_memory_largest();
	assert_true(grown >= 3000 / 2 * BUCKET);
	assert_true(dbt_sqlite_memory_arrays() >= 2);
	sqlite3_close(db);
	assert_int_equal(dbt_sqlite_memory_arrays(), 0);

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(one_number(db, "SELECT count(*) FROM sqlite_schema"), 6000);
	assert_true(dbt_sqlite_memory_largest() >= 3000 / 2 * BUCKET);
	assert_int_equal(one_number(db, "SELECT count(*) FROM t2999 INDEXED BY t2999_a"), 0);
	assert_int_equal(one_number(db, "SELECT count(*) FROM pragma_index_list('t1500')"), 1);
	sqlite3_close(db);
	assert_int_equal(dbt_sqlite_memory_arrays(), 0);
	unlink(path);
}

/* The number of rows in sqlite_schema after make_schema, into *arg; -1
 * on an error. */
static void *schema_in_memory(void *arg)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	long long *out = arg;

	*out = -1;
	if (sqlite3_open(":memory:", &db) == SQLITE_OK && make_schema(db, 1500) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_schema", -1, &st, NULL) ==
		    SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return NULL;
}

/* Two threads growing tables of names at once each keep their own. */
static void threads_grow_their_own_tables(void **state)
{
	pthread_t a, b;
	long long na = 0, nb = 0;

	(void)state;
	assert_int_equal(pthread_create(&a, NULL, schema_in_memory, &na), 0);
	assert_int_equal(pthread_create(&b, NULL, schema_in_memory, &nb), 0);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	assert_int_equal(na, 3000);
	assert_int_equal(nb, 3000);
	assert_true(dbt_sqlite_memory_largest() >= 1500 / 2 * BUCKET);
	assert_int_equal(dbt_sqlite_memory_arrays(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_blocks_keep_their_size_and_contents),
		cmocka_unit_test(an_array_at_the_limit_grows_as_sqlite_grows_it),
		cmocka_unit_test(growth_stops_at_the_room),
		cmocka_unit_test(an_array_without_room_is_served_by_malloc),
		cmocka_unit_test(an_array_reallocated_keeps_its_contents),
		cmocka_unit_test(other_blocks_of_the_limit_are_plain),
		cmocka_unit_test(a_schemas_tables_of_names_grow),
		cmocka_unit_test(threads_grow_their_own_tables),
	};

	if (dbt_global_init() < 0 || !(limit = dbt_sqlite_memory_limit())) {
		fprintf(stderr,
			"test_sqlite_memory: SQLite's memory methods are not installed: %s\n",
			dbt_error_last());
		return 1;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
