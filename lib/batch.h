/*
 * batch.h - revisions' statements sent to the server several to a query
 * string, with what each statement belongs to, so that a failure still
 * names its revision, file and line (PostgreSQL's simple query protocol:
 * the server runs a string's statements in order, answers each, and
 * stops at the first that fails).
 *
 * A batch is a list of statements, each with the file and line it came
 * from (none for dbtool's own), the item (revision) it belongs to and the
 * lock_timeout in effect when it runs, grouped into query strings.  A
 * string ends early where joining would change what the server reads:
 *
 * - after a statement the splitter (sqlsplit.h) cannot close with a ';'
 *   of its own (an unterminated string, comment or dollar quote, an
 *   unbalanced parenthesis), which then goes on its own, as it would
 *   alone, instead of swallowing the statements after it;
 * - after a statement that may change how the server reads the rest of
 *   the string before it runs (the server decodes a whole string with
 *   the client encoding, and lexes it under standard_conforming_strings
 *   and backslash_quote, before it runs the first statement): it names
 *   one of those settings or SET NAMES.  Every statement after it goes in
 *   a string of its own up to and including the next reset of the
 *   session (DBT_BATCH_RESETS), which returns those settings to the
 *   session's defaults.
 *
 * Builds text only; the dialect sends it (dialect_postgres.c).  Owns its
 * strings; dbt_batch_release() frees them.
 */
#ifndef DBT_BATCH_H
#define DBT_BATCH_H

#include "buf.h"
#include "sqlsplit.h"

#include <stddef.h>

/* One revision's script for the dialect's exec_batch (dialect.h). */
struct dbt_batch_item {
	const char *sql;     /* the section to run */
	const char *file;    /* its file, for messages */
	int first_line;	     /* the file line of the section's first line */
	int lock_timeout_ms; /* >= 0: set lock_timeout to it first */
	int reset;	     /* reset the session first (reset_session) */
};

/* One statement of a batch. */
struct dbt_batch_stmt {
	size_t group;	  /* the query string it is in */
	size_t off, len;  /* where it is in that string's text */
	const char *file; /* NULL: one of dbtool's own */
	int line;	  /* its line in `file` */
	size_t item;	  /* the item it belongs to */
	int lock_ms;	  /* the lock_timeout in effect when it runs */
};

/* One query string: statements first .. first + n - 1. */
struct dbt_batch_group {
	dbt_buf text;
	size_t first, n;
};

struct dbt_batch {
	struct dbt_batch_stmt *stmts;
	size_t nstmts;
	struct dbt_batch_group *groups;
	size_t ngroups;
	int solo;   /* one statement of a revision per string */
	int lexed;  /* a statement may have changed how the server reads what
		     * follows it: strings of one statement until the next
		     * reset */
	int closed; /* the last group takes no more statements */
	int oom;
};

/* dbt_batch_add(): the statements return the session to its defaults. */
#define DBT_BATCH_RESETS 1

/* An empty batch; `solo`: one statement of a revision per string, with
 * dbtool's own before it (a server that runs a string under one
 * statement_timeout); `lexed`: as a previous batch on the same connection
 * left it (see dbt_batch.lexed). */
void dbt_batch_init(struct dbt_batch *b, int solo, int lexed);

/* Appends the statements of `sql`, split by sqlsplit.h, to the batch:
 * they come from `file` (NULL: dbtool's own) from line `first_line` on,
 * belong to item `item` and run under lock_timeout `lock_ms`.  `flags`:
 * 0 or DBT_BATCH_RESETS.  Returns 0, or DBT_ERROR when out of memory
 * (the batch is then only good for release). */
int dbt_batch_add(struct dbt_batch *b, const char *sql, const char *file, int first_line,
		  size_t item, int lock_ms, int flags);

/* The same for `n` statements of dbtool's own, split beforehand: v[i] is
 * a statement of `text` (its ';' not included), each known to end at a
 * ';' after it.  For a reset sent before every revision, split once. */
int dbt_batch_add_own(struct dbt_batch *b, const char *text, const dbt_sqlstmt *v, size_t n,
		      size_t item, int lock_ms, int flags);

/* Ends the current query string: the next statement starts another. */
void dbt_batch_cut(struct dbt_batch *b);

/* Frees what the batch holds; it is empty again. */
void dbt_batch_release(struct dbt_batch *b);

#endif
