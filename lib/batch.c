/*
 * batch.c - revisions' statements grouped into query strings (batch.h):
 * the grouping and its two reasons to end a string early.  Sending and
 * the reading of the answers are the dialect's (dialect_postgres.c).
 */
#include "batch.h"

#include "error.h"
#include "sqlsplit.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

void dbt_batch_init(struct dbt_batch *b, int solo, int lexed)
{
	memset(b, 0, sizeof(*b));
	b->solo = solo;
	b->lexed = lexed;
}

void dbt_batch_release(struct dbt_batch *b)
{
	size_t i;

	for (i = 0; i < b->ngroups; i++)
		dbt_buf_release(&b->groups[i].text);
	free(b->groups);
	free(b->stmts);
	b->groups = NULL;
	b->stmts = NULL;
	b->ngroups = b->nstmts = 0;
	b->closed = 0;
}

void dbt_batch_cut(struct dbt_batch *b)
{
	b->closed = 1;
}

/* 1 when the statement (`n` bytes at `s`) may change how the server
 * decodes or lexes the rest of its query string (batch.h): it names
 * standard_conforming_strings, backslash_quote or client_encoding, or
 * holds "names" (SET NAMES), in any case.  Any mention counts, in a
 * comment or a string too: a false alarm costs round trips only.  One
 * pass over the statement, looking closer at the words' first letters. */
static int changes_reading(const char *s, size_t n)
{
	static const char *const words[] = {"standard_conforming_strings", "backslash_quote",
					    "client_encoding", "names"};
	size_t i, w, len;

	for (i = 0; i < n; i++) {
		switch (s[i] | 0x20) {
		case 's':
			w = 0;
			break;
		case 'b':
			w = 1;
			break;
		case 'c':
			w = 2;
			break;
		case 'n':
			w = 3;
			break;
		default:
			continue;
		}
		len = strlen(words[w]);
		if (n - i >= len && strncasecmp(s + i, words[w], len) == 0)
			return 1;
	}
	return 0;
}

/* The group the next statement goes in, a new one when the last is
 * closed; NULL when out of memory. */
static struct dbt_batch_group *open_group(struct dbt_batch *b)
{
	struct dbt_batch_group *g;

	if (b->ngroups && !b->closed)
		return &b->groups[b->ngroups - 1];
	g = realloc(b->groups, (b->ngroups + 1) * sizeof(*g));
	if (!g)
		return NULL;
	b->groups = g;
	g = &b->groups[b->ngroups++];
	memset(g, 0, sizeof(*g));
	g->first = b->nstmts;
	b->closed = 0;
	return g;
}

/* Appends one statement (`len` bytes at `s`) to the batch; `ended`: the
 * splitter ended it at a ';' of its script (another statement followed),
 * so it ends at the one added here as well. */
static int add_stmt(struct dbt_batch *b, const char *s, size_t len, const char *file, int line,
		    size_t item, int lock_ms, int ended)
{
	struct dbt_batch_group *g;
	struct dbt_batch_stmt *st;
	dbt_sqlstmt again;
	size_t pos, off;
	/* Lexed: each statement in a string of its own.  Solo: a revision's
	 * statement ends its string, which dbtool's own before it (the
	 * reset) may share, as when each statement went on its own. */
	int l = 0, fresh = b->lexed, ends = b->lexed || (b->solo && file);

	if (!(b->nstmts & (b->nstmts + 1))) {
		/* Doubling: at 0, 1, 3, 7, ... statements. */
		st = realloc(b->stmts, (2 * b->nstmts + 1) * sizeof(*st));
		if (!st)
			return -1;
		b->stmts = st;
	}
	if (fresh && b->ngroups && b->groups[b->ngroups - 1].n)
		dbt_batch_cut(b);
	if (!(g = open_group(b)))
		return -1;
	off = g->text.len;
	dbt_buf_put(&g->text, s, len);
	/* A line of its own: a statement may end in a -- comment. */
	dbt_buf_puts(&g->text, "\n;\n");
	if (g->text.oom)
		return -1;
	/* The splitter must end the statement at the ';' just added, as the
	 * server will; otherwise it reads on into the statements after it
	 * (an unterminated quote or comment), and it goes alone, as it would
	 * in a string of its own. */
	pos = off;
	if (!ended && (!dbt_sql_next(&again, g->text.ptr, &pos, &l) || again.start != off ||
		       again.len != len)) {
		if (g->n) {
			/* Out of this string, into one of its own. */
			g->text.len = off;
			g->text.ptr[off] = '\0';
			dbt_batch_cut(b);
			return add_stmt(b, s, len, file, line, item, lock_ms, ended);
		}
		ends = 1;
	}
	st = &b->stmts[b->nstmts++];
	st->group = b->ngroups - 1;
	st->off = off;
	st->len = len;
	st->file = file;
	st->line = line;
	st->item = item;
	st->lock_ms = lock_ms;
	g->n++;
	if (file && changes_reading(s, len))
		b->lexed = ends = 1;
	if (ends)
		dbt_batch_cut(b);
	return 0;
}

/* What follows statements that reset the session (DBT_BATCH_RESETS in
 * `flags`): the settings are the session's again, and a string begun
 * one statement at a time ends. */
static void after_add(struct dbt_batch *b, int flags)
{
	if ((flags & DBT_BATCH_RESETS) && b->lexed) {
		b->lexed = 0;
		dbt_batch_cut(b);
	}
}

int dbt_batch_add(struct dbt_batch *b, const char *sql, const char *file, int first_line,
		  size_t item, int lock_ms, int flags)
{
	dbt_sqlstmt st, next;
	size_t pos = 0;
	int line = 0, more;

	if (b->oom)
		return dbt_error_oom();
	more = dbt_sql_next(&next, sql, &pos, &line);
	while (more) {
		st = next;
		more = dbt_sql_next(&next, sql, &pos, &line);
		if (add_stmt(b, sql + st.start, st.len, file, first_line + st.line, item, lock_ms,
			     more) < 0) {
			b->oom = 1;
			return dbt_error_oom();
		}
	}
	after_add(b, flags);
	return 0;
}

int dbt_batch_add_own(struct dbt_batch *b, const char *text, const dbt_sqlstmt *v, size_t n,
		      size_t item, int lock_ms, int flags)
{
	size_t i;

	if (b->oom)
		return dbt_error_oom();
	for (i = 0; i < n; i++) {
		if (add_stmt(b, text + v[i].start, v[i].len, NULL, 0, item, lock_ms, 1) < 0) {
			b->oom = 1;
			return dbt_error_oom();
		}
	}
	after_add(b, flags);
	return 0;
}
