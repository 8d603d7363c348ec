/*
 * sqlite_rows.c - the rows of sqlite_schema that SQLite's reflection
 * reads, and their capture from SQLite's own read of its schema
 * (sqlite_rows.h).
 */
#include "sqlite_rows.h"

#include "defaults.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

/*
 * The query SQLite runs to parse the schema of the database "main"
 * (sqlite3InitOne in SQLite's prepare.c), and its columns.  SQLite keeps
 * no text of the statements it prepares while it reads its schema
 * (sqlite3_sql() is NULL for them, in 3.40 at least), so the query is
 * known by its columns, which no other query SQLite runs then has (the
 * one that reads sqlite_stat1 has three); a SQLite that keeps the text
 * must have kept this one.  The temp database's schema is not read while
 * the connection is made (it has no file yet), nor is an attached
 * database's.  A SQLite whose query reads otherwise has nothing captured,
 * and the reflection reads sqlite_schema itself.
 */
static const char schema_read[] = "SELECT*FROM\"main\".sqlite_master ORDER BY rowid";

enum { READ_TYPE, READ_NAME, READ_TBL, READ_ROOTPAGE, READ_SQL, READ_COLS };

static const char *const read_cols[READ_COLS] = {"type", "name", "tbl_name", "rootpage", "sql"};

/* Whether `st` is SQLite's read of the main database's schema.  The
 * columns' names are compared once per statement (`c->known`): a
 * statement of another query that SQLite made at the same address, once
 * that one was finalized, would need five columns too. */
static int is_schema_read(struct sqlite_capture *c, sqlite3_stmt *st)
{
	const char *sql = sqlite3_sql(st), *name;
	int i;

	if ((sql && strcmp(sql, schema_read) != 0) || sqlite3_column_count(st) != READ_COLS)
		return 0;
	if (c->known == st)
		return 1;
	for (i = 0; i < READ_COLS; i++)
		if (!(name = sqlite3_column_name(st, i)) || strcmp(name, read_cols[i]) != 0)
			return 0;
	c->known = st;
	return 1;
}

void rows_release(struct rows *r)
{
	dbt_buf_release(&r->text);
	free(r->at);
}

int rows_add(struct rows *r, const char *const v[ROW_COLS], const size_t len[ROW_COLS])
{
	int i;

	if (r->n == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 64, (*at)[ROW_COLS];

		if (!(at = realloc(r->at, cap * sizeof(*at))))
			return -1;
		r->at = at;
		r->cap = cap;
	}
	/* Each string with its terminating NUL, which SQLite's text has. */
	for (i = 0; i < ROW_COLS; i++) {
		r->at[r->n][i] = r->text.len;
		dbt_buf_put(&r->text, v[i] ? v[i] : "", v[i] ? len[i] + 1 : 1);
	}
	if (r->text.oom)
		return -1;
	r->n++;
	return 0;
}

/* name NOT LIKE 'sqlite\_%' ESCAPE '\' (NULL: the condition is NULL). */
static int not_internal(const char *name)
{
	return name && sqlite3_strnicmp(name, "sqlite_", 7) != 0;
}

/* name COLLATE NOCASE NOT IN (the version table, the history table). */
static int not_book(const char *name)
{
	return name && sqlite3_stricmp(name, DBT_VERSION_TABLE) != 0 &&
	       sqlite3_stricmp(name, DBT_HISTORY_TABLE) != 0;
}

int rows_reflected(const char *type, const char *name, const char *tbl_name, int has_sql)
{
	if (!type)
		return 0;
	if (!strcmp(type, "table"))
		return not_internal(name) && not_book(name);
	if (!strcmp(type, "view") || !strcmp(type, "trigger"))
		return has_sql && not_internal(name) && not_book(tbl_name);
	return has_sql && !strcmp(type, "index");
}

/* Column `i` of the row as text, its length in `*len`; NULL for SQL's
 * NULL (`*null` set) or when out of memory. */
static const char *col(sqlite3_stmt *st, int i, size_t *len, int *null)
{
	const char *v = (const char *)sqlite3_column_text(st, i);

	*null = !v && sqlite3_column_type(st, i) == SQLITE_NULL;
	*len = v ? (size_t)sqlite3_column_bytes(st, i) : 0;
	return v;
}

int dbt_sqlite_capture_trace(unsigned type, void *ctx, void *stmt, void *x)
{
	struct sqlite_capture *c = ctx;
	sqlite3_stmt *st = stmt;
	const char *v[ROW_COLS];
	size_t len[ROW_COLS];
	int null[ROW_COLS];

	(void)x;
	if (type != SQLITE_TRACE_ROW || c->failed || !is_schema_read(c, st))
		return 0;
	c->seen++;
	v[ROW_TYPE] = col(st, READ_TYPE, &len[ROW_TYPE], &null[ROW_TYPE]);
	v[ROW_NAME] = col(st, READ_NAME, &len[ROW_NAME], &null[ROW_NAME]);
	v[ROW_TBL] = col(st, READ_TBL, &len[ROW_TBL], &null[ROW_TBL]);
	v[ROW_SQL] = col(st, READ_SQL, &len[ROW_SQL], &null[ROW_SQL]);
	/* A value SQLite could not give as text: no capture. */
	if ((!v[ROW_TYPE] && !null[ROW_TYPE]) || (!v[ROW_NAME] && !null[ROW_NAME]) ||
	    (!v[ROW_TBL] && !null[ROW_TBL]) || (!v[ROW_SQL] && !null[ROW_SQL])) {
		c->failed = 1;
		return 0;
	}
	if (rows_reflected(v[ROW_TYPE], v[ROW_NAME], v[ROW_TBL], v[ROW_SQL] != NULL) &&
	    rows_add(&c->rows, v, len) < 0)
		c->failed = 1;
	return 0;
}

void dbt_sqlite_capture_free(struct sqlite_capture *c)
{
	if (!c)
		return;
	rows_release(&c->rows);
	free(c);
}
