/*
 * sqlite_rows.c - the rows of sqlite_schema that SQLite's reflection
 * reads, and their capture from SQLite's own read of its schema
 * (sqlite_rows.h).
 */
#include "sqlite_rows.h"

#include "defaults.h"
#include "ident.h"

#include <sqlite3.h>
#include <stdint.h>
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

/* The text of rows: blocks of BLOCK_MIN bytes, then twice the size of
 * the one before up to BLOCK_MAX (a row longer than that has a block of
 * its own size). */
struct rows_block {
	struct rows_block *older;
	char text[];
};

enum { BLOCK_MIN = 16 * 1024, BLOCK_MAX = 512 * 1024, AT_MIN = 1024 };

void rows_release(struct rows *r)
{
	struct rows_block *b = r->block, *older;

	for (; b; b = older) {
		older = b->older;
		free(b);
	}
	free(r->at);
}

/* Room for `need` bytes of text in the newest block, or NULL. */
static char *text_room(struct rows *r, size_t need)
{
	struct rows_block *b;
	size_t size;

	if (r->size - r->used < need) {
		size = !r->block ? BLOCK_MIN : r->size < BLOCK_MAX ? 2 * r->size : BLOCK_MAX;
		if (size < need)
			size = need;
		if (size > SIZE_MAX - sizeof(*b) || !(b = malloc(sizeof(*b) + size)))
			return NULL;
		b->older = r->block;
		r->block = b;
		r->used = 0;
		r->size = size;
	}
	r->used += need;
	return r->block->text + r->used - need;
}

int rows_add(struct rows *r, const char *const v[ROW_COLS], const size_t len[ROW_COLS])
{
	size_t n[ROW_COLS];
	uint64_t need = 0;
	struct row_at *at;
	char *p;
	int i;

	/* Each string with its terminating NUL, which SQLite's text has; a
	 * row is under 4 GiB (SQLite's strings are under 2). */
	for (i = 0; i < ROW_COLS; i++) {
		if (v[i] && len[i] >= UINT32_MAX)
			return -1;
		need += n[i] = v[i] ? len[i] + 1 : 1;
	}
	if (need > UINT32_MAX)
		return -1;
	if (r->n == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : AT_MIN;

		if (!(at = realloc(r->at, cap * sizeof(*at))))
			return -1;
		r->at = at;
		r->cap = cap;
	}
	if (!(p = text_room(r, (size_t)need)))
		return -1;
	at = &r->at[r->n++];
	at->p = p;
	memcpy(p, v[0] ? v[0] : "", n[0]);
	for (i = 1; i < ROW_COLS; i++) {
		p += n[i - 1];
		at->off[i - 1] = (uint32_t)(p - at->p);
		memcpy(p, v[i] ? v[i] : "", n[i]);
	}
	return 0;
}

/* A column of SQLite's row: its type (SQLITE_NULL ...), and its text `s`
 * of `len` bytes, NULL for SQL's NULL. */
struct col {
	int type;
	const char *s;
	size_t len;
};

/*
 * Column `i` of the row into `out`: 0, or -1 when SQLite could not give
 * it as text (out of memory).  One call into SQLite's API for the column
 * (sqlite3_column_* each take the statement's column again), then its
 * value's type, text and length: the value sqlite3_column_value() gives
 * is an unprotected one, which only the thread that holds the connection
 * may read, as the trace's thread does.  The type is asked first: a
 * BLOB's reads as a text's once its text was asked for.
 */
static inline int col(struct col *out, sqlite3_stmt *st, int i)
{
	sqlite3_value *v = sqlite3_column_value(st, i);

	out->s = NULL;
	out->len = 0;
	if ((out->type = sqlite3_value_type(v)) == SQLITE_NULL)
		return 0;
	if (!(out->s = (const char *)sqlite3_value_text(v)))
		return -1;
	out->len = (size_t)sqlite3_value_bytes(v);
	return 0;
}

/* ASCII case ignored, as NOCASE and LIKE do: whether the `n` bytes of `s`
 * are `lower`'s (`lower` in lower case). */
static inline int ascii_ieq(const char *s, const char *lower, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (dbt_ascii_lower((unsigned char)s[i]) != lower[i])
			return 0;
	return 1;
}

/* name NOT LIKE 'sqlite\_%' ESCAPE '\' (LIKE reads a BLOB as its text). */
static inline int not_internal(const struct col *name)
{
	return name->s && !(name->len >= 7 && ascii_ieq(name->s, "sqlite_", 7));
}

/* name COLLATE NOCASE NOT IN (the version table, the history table): a
 * BLOB equals no text. */
static int not_book(const struct col *name)
{
	static const char version[] = DBT_VERSION_TABLE, history[] = DBT_HISTORY_TABLE;

	if (!name->s)
		return 0;
	return name->type == SQLITE_BLOB ||
	       (!(name->len == sizeof(version) - 1 && ascii_ieq(name->s, version, name->len)) &&
		!(name->len == sizeof(history) - 1 && ascii_ieq(name->s, history, name->len)));
}

/* The kinds of rows the reflection reads, by their type: type = 'table'
 * ..., which a BLOB of the same bytes is not. */
enum { KIND_NONE, KIND_TABLE, KIND_INDEX, KIND_VIEW_OR_TRIGGER };

static inline int row_kind(const struct col *type)
{
	if (type->type != SQLITE_TEXT)
		return KIND_NONE;
	switch (type->len) {
	case 4:
		return !memcmp(type->s, "view", 4) ? KIND_VIEW_OR_TRIGGER : KIND_NONE;
	case 5:
		return !memcmp(type->s, "table", 5)   ? KIND_TABLE
		       : !memcmp(type->s, "index", 5) ? KIND_INDEX
						      : KIND_NONE;
	case 7:
		return !memcmp(type->s, "trigger", 7) ? KIND_VIEW_OR_TRIGGER : KIND_NONE;
	default:
		return KIND_NONE;
	}
}

/* Sets the bit of each of `c->own` that `name` (a table's) is: NOCASE
 * equality, which a BLOB has with no text. */
static void note_own(struct sqlite_capture *c, const struct col *name)
{
	size_t i;

	if (name->type != SQLITE_TEXT)
		return;
	for (i = 0; i < c->nown; i++)
		if (strlen(c->own[i]) == name->len && ascii_ieq(name->s, c->own[i], name->len))
			c->own_found |= 1u << i;
}

/* The four columns into `v` and `len` (ROW_*). */
static void put_cols(const char *v[ROW_COLS], size_t len[ROW_COLS], const struct col *name,
		     const struct col *sql, const struct col *type, const struct col *tbl)
{
	v[ROW_NAME] = name->s;
	len[ROW_NAME] = name->len;
	v[ROW_SQL] = sql->s;
	len[ROW_SQL] = sql->len;
	v[ROW_TYPE] = type->s;
	len[ROW_TYPE] = type->len;
	v[ROW_TBL] = tbl->s;
	len[ROW_TBL] = tbl->len;
}

/*
 * Copies the row where it belongs: 0, or -1 when SQLite could not give a
 * column as text or a copy failed.  The cheap tests come first: SQLite's
 * own indexes (an index with no SQL, one in three rows of a schema of
 * tables with a primary key or a unique constraint) are known from their
 * type and whether they have SQL alone.
 */
static int capture_row(struct sqlite_capture *c, sqlite3_stmt *st)
{
	struct col type, name, tbl, sql;
	const char *v[ROW_COLS];
	size_t len[ROW_COLS];
	int kind;

	if (col(&type, st, READ_TYPE) < 0)
		return -1;
	if ((kind = row_kind(&type)) == KIND_NONE)
		return 0;
	if (col(&sql, st, READ_SQL) < 0)
		return -1;
	if (kind != KIND_TABLE && !sql.s)
		return 0;
	if (col(&name, st, READ_NAME) < 0)
		return -1;
	if (kind == KIND_TABLE)
		note_own(c, &name);
	if (kind == KIND_VIEW_OR_TRIGGER) {
		if (col(&tbl, st, READ_TBL) < 0)
			return -1;
		put_cols(v, len, &name, &sql, &type, &tbl);
		if (rows_add(&c->kept, v, len) < 0)
			return -1;
		if (!not_internal(&name) || !not_book(&tbl))
			return 0;
		return rows_add(&c->rows, v, len);
	}
	if (kind != KIND_INDEX && !not_internal(&name))
		return 0;
	if (kind == KIND_TABLE && !not_book(&name))
		return 0;
	if (col(&tbl, st, READ_TBL) < 0)
		return -1;
	put_cols(v, len, &name, &sql, &type, &tbl);
	return rows_add(&c->rows, v, len);
}

int dbt_sqlite_capture_trace(unsigned type, void *ctx, void *stmt, void *x)
{
	struct sqlite_capture *c = ctx;
	sqlite3_stmt *st = stmt;

	(void)x;
	if (type != SQLITE_TRACE_ROW || c->failed || !is_schema_read(c, st))
		return 0;
	c->seen++;
	/* A value SQLite could not give as text, or a row not copied: no
	 * capture. */
	if (capture_row(c, st) < 0)
		c->failed = 1;
	return 0;
}

void dbt_sqlite_capture_free(struct sqlite_capture *c)
{
	if (!c)
		return;
	rows_release(&c->rows);
	rows_release(&c->kept);
	free(c);
}
