/*
 * sqlite_rows.h - the rows of sqlite_schema that SQLite's reflection reads
 * (reflect_sqlite.c), and their capture from SQLite's own read of its
 * schema when a connection is made (dialect_sqlite.c).
 *
 * SQLite parses its whole schema when a connection first prepares a
 * statement, from the rows of one internal query of sqlite_schema that no
 * program sees, except through a trace: SQLITE_TRACE_ROW is called for
 * each of them.  The capture copies those of the rows that the reflection
 * would read, so that a reflection that follows the opening can take them
 * instead of reading the table again, when the database's schema version
 * says that the schema is still the one captured.  Not installed, not
 * part of the library's API.
 */
#ifndef DBT_SQLITE_ROWS_H
#define DBT_SQLITE_ROWS_H

#include <stddef.h>
#include <stdint.h>

/*
 * Rows of sqlite_schema, copied out of SQLite: each row is ROW_COLS
 * strings, NULL read as "", each with its NUL, one after another in the
 * order of ROW_* from at[row].p (column i > 0 starts at p + off[i - 1]).
 * The text is kept in blocks that are never moved, each twice the size of
 * the one before up to a limit, so that no row is copied twice.  Zeroed
 * (ROWS_INIT) is empty; rows_release() frees it.
 */
enum { ROW_NAME, ROW_SQL, ROW_TYPE, ROW_TBL, ROW_COLS };

struct row_at {
	const char *p;
	uint32_t off[ROW_COLS - 1];
};

struct rows_block;

struct rows {
	struct row_at *at;
	size_t n, cap;
	struct rows_block *block; /* the newest block of text; it holds the older */
	size_t used, size;	  /* of the newest block's text */
};

#define ROWS_INIT                      \
	{                              \
		NULL, 0, 0, NULL, 0, 0 \
	}

void rows_release(struct rows *r);

/* Appends a row of the ROW_COLS strings `v` of `len` bytes each (a NULL
 * is ""): 0, or -1 when out of memory (no error is set; `r` keeps its
 * rows before this one). */
int rows_add(struct rows *r, const char *const v[ROW_COLS], const size_t len[ROW_COLS]);

/* Column `i` (ROW_NAME ...) of row `row`. */
static inline const char *row_col(const struct rows *r, size_t row, int i)
{
	const struct row_at *a = &r->at[row];

	return i ? a->p + a->off[i - 1] : a->p;
}

/*
 * The capture of SQLite's own read of sqlite_schema.  Zeroed is ready:
 * dbt_sqlite_capture_trace() is the SQLITE_TRACE_ROW callback, with the
 * capture as its context, for the time SQLite may parse its schema.
 */
struct sqlite_capture {
	struct rows rows;  /* those the reflection reads, in rowid order */
	long long seen;	   /* rows of SQLite's query, read or not: more than
			      * sqlite_schema holds when SQLite parsed its
			      * schema more than once while armed */
	long long cookie;  /* the schema version they are of (set by the
			      * caller, from the same read transaction) */
	int failed;	   /* a row could not be copied: no capture */
	const void *known; /* the statement last found to be that query */
	/* Every trigger and view with SQL, whatever its name or table, in
	 * rowid order: what the dialect's read_kept reads. */
	struct rows kept;
	/* Which of dbtool's own tables (`own`, bit i for own[i]) are among
	 * the rows: type 'table' and the name, ASCII case ignored. */
	const char *const *own;
	size_t nown;
	unsigned own_found;
};

/*
 * The trace callback: copies each row of SQLite's query of the main
 * database's sqlite_schema that the reflection reads (any other
 * statement's rows are left alone): the condition of reflect_sqlite.c's
 * query in C.  Tables but SQLite's own (name LIKE 'sqlite\_%', ASCII case
 * ignored) and dbtool's version and history tables (ASCII case ignored,
 * as NOCASE does); views and triggers with SQL, by the same rule on their
 * name, but for those on dbtool's version and history tables; indexes
 * with SQL.  Every view and trigger with SQL goes to `kept` too, and the
 * tables named as `own` names them set their bits in `own_found`.  Out of
 * memory sets `failed` and stops copying, with no error.  Always
 * returns 0.
 */
int dbt_sqlite_capture_trace(unsigned type, void *ctx, void *stmt, void *x);

/* Frees `c` and its rows; NULL is accepted. */
void dbt_sqlite_capture_free(struct sqlite_capture *c);

#endif
