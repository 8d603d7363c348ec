/*
 * testutil.c - the helpers of testutil.h that need no server: temporary
 * folders, files, SQLite connections and error assertions.
 */
#define _XOPEN_SOURCE 700
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ftw.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbtool.h"
#include "schema_dump.h"
#include "testutil.h"

char *test_mkdtemp(char *buf, size_t size, const char *name)
{
	const char *tmp = getenv("TMPDIR");
	int n = snprintf(buf, size, "%s/dbt-%s-XXXXXX", tmp && *tmp ? tmp : "/tmp", name);

	if (n < 0 || (size_t)n >= size)
		return NULL;
	return mkdtemp(buf);
}

static int remove_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	return remove(path) < 0 ? -1 : 0;
}

int test_rmtree(const char *path)
{
	return nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS) == 0 ? 0 : -1;
}

void test_write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	if (!fp)
		fail_msg("cannot write '%s'", path);
	assert_int_equal(fputs(text, fp) >= 0, 1);
	assert_int_equal(fclose(fp), 0);
}

char *test_read_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *text = NULL, *more;
	size_t len = 0, cap = 0, n;

	if (!fp)
		return NULL;
	do {
		if (cap - len < 4096) {
			cap = cap ? cap * 2 : 8192;
			more = realloc(text, cap);
			if (!more) {
				free(text);
				fclose(fp);
				return NULL;
			}
			text = more;
		}
		n = fread(text + len, 1, cap - len - 1, fp);
		len += n;
	} while (n > 0);
	text[len] = '\0';
	if (ferror(fp)) {
		free(text);
		text = NULL;
	}
	fclose(fp);
	return text;
}

/* The content of `path`, or the test fails. */
static char *read_ok(const char *path)
{
	char *text = test_read_file(path);

	if (!text)
		fail_msg("cannot read '%s'", path);
	return text;
}

void assert_file_equal(const char *path, const char *want)
{
	char *text = read_ok(path);

	assert_string_equal(text, want);
	free(text);
}

void assert_file_contains(const char *path, const char *part)
{
	char *text = read_ok(path);
	int found = strstr(text, part) != NULL;

	if (!found)
		print_error("'%s' holds:\n%s\n", path, text);
	free(text);
	if (!found)
		fail_msg("'%s' should hold '%s'", path, part);
}

void assert_file_lacks(const char *path, const char *part)
{
	char *text = read_ok(path);
	int found = strstr(text, part) != NULL;

	if (found)
		print_error("'%s' holds:\n%s\n", path, text);
	free(text);
	if (found)
		fail_msg("'%s' should not hold '%s'", path, part);
}

void assert_error_contains(const char *part)
{
	const char *msg = dbt_error_last();

	if (!msg || !strstr(msg, part))
		fail_msg("the error '%s' should hold '%s'", msg ? msg : "(none)", part);
}

int test_sqlite_open(dbt_conn **out, const char *path)
{
	dbt_url url = {.kind = DBT_DIALECT_SQLITE, .database = (char *)path};

	return dbt_dialect_sqlite.open(out, &url, 0);
}

char *test_schema_dump(const dbt_schema *s, int flags)
{
	dbt_buf b = DBT_BUF_INIT;
	char *text;

	dbt_schema_dump(&b, s, flags);
	assert_false(b.oom);
	text = b.ptr ? dbt_buf_detach(&b) : strdup("");
	assert_non_null(text);
	return text;
}

int test_sqlite_schema_bytes(dbt_conn *conn)
{
	int now = 0, high = 0;

	assert_int_equal(sqlite3_db_status(dbt_sqlite_handle(conn), SQLITE_DBSTATUS_SCHEMA_USED,
					   &now, &high, 0),
			 SQLITE_OK);
	return now;
}
