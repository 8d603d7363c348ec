/*
 * sqlsplit.h - splitting a SQL script into statements without a round
 * trip to the server, for databases whose client library runs one
 * statement at a time with a precise error position (PostgreSQL).
 *
 * A semicolon ends a statement unless it is inside a string ('...',
 * E'...' with backslash escapes), a quoted identifier ("..."), a
 * dollar-quoted body ($$...$$, $tag$...$tag$), a -- line comment or a
 * block comment (slash-star, nested as PostgreSQL nests them).
 */
#ifndef DBT_SQLSPLIT_H
#define DBT_SQLSPLIT_H

#include <stddef.h>

typedef struct dbt_sqlstmt {
	size_t start; /* offset of the statement's first significant byte */
	size_t len;   /* its length, without the ending ';' or trailing blanks */
	int line;     /* 0-based line of `start` inside the script */
} dbt_sqlstmt;

/*
 * Finds the next statement at or after `*pos` in `sql`.  Returns 1 and
 * fills `out` and advances `*pos` past it; returns 0 when only blanks and
 * comments are left.  `*line` carries the line count between calls (start
 * it at 0 with `*pos` = 0; later calls take `*pos` as the previous call
 * left it).  An unterminated string or comment ends the statement at the
 * end of the script (the server then reports it).  A call reads only as
 * far as the statement it returns, so splitting a whole script is linear
 * in its size.
 */
int dbt_sql_next(dbt_sqlstmt *out, const char *sql, size_t *pos, int *line);

/* The callback of a split: statement `st` of `sql`.  A non-zero return
 * stops the split and becomes its result. */
typedef int (*dbt_split_fn)(void *arg, const char *sql, const dbt_sqlstmt *st);

/* Hands each statement of `sql`, as dbt_sql_next() finds them, to `fn`
 * in order (a dialect's split_script, dialect.h).  Returns 0, or what
 * `fn` returned to stop.  Cannot fail otherwise. */
int dbt_sql_split(const char *sql, dbt_split_fn fn, void *arg);

#endif
