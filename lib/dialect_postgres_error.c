/*
 * dialect_postgres_error.c - the PostgreSQL server's failures as dbtool's
 * one-line messages: the server's first line, its detail and hint, where
 * in which file the statement was, and for a lock timeout, the table the
 * statement waited for.
 */
#include "dialect_postgres_int.h"

#include "error.h"

#include <stdio.h>
#include <string.h>

/* The length of the first line of `msg`. */
int dbt_postgres_first_line_len(const char *msg)
{
	size_t n = strcspn(msg, "\r\n");

	return n > 4000 ? 4000 : (int)n;
}

/* The message of a failed result or connection, without its severity
 * prefix and without the context lines that follow the first. */
static const char *result_message(const PGresult *res, PGconn *pg)
{
	const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;

	if (msg && *msg)
		return msg;
	msg = res ? PQresultErrorMessage(res) : "";
	if (!*msg)
		msg = PQerrorMessage(pg);
	if (strncmp(msg, "ERROR:  ", 8) == 0 || strncmp(msg, "FATAL:  ", 8) == 0)
		msg += 8;
	return *msg ? msg : "unknown error";
}

static int is_word_char(char c, int first)
{
	return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '_' || (unsigned char)c >= 0x80 ||
	       (!first && (c == '$' || (c >= '0' && c <= '9')));
}

/* The next token of a statement at `*p` (before `end`), comments and
 * blanks skipped: a word, a quoted identifier or one other byte.  Sets
 * `*len` to 0 at the end. */
static const char *next_token(const char **p, const char *end, size_t *len)
{
	const char *s = *p, *t;

	for (;;) {
		while (s < end && strchr(" \t\r\n\f\v", *s))
			s++;
		if (end - s >= 2 && s[0] == '-' && s[1] == '-') {
			while (s < end && *s != '\n')
				s++;
		} else if (end - s >= 2 && s[0] == '/' && s[1] == '*') {
			for (s += 2; s < end && !(end - s >= 2 && s[0] == '*' && s[1] == '/'); s++)
				;
			s = s < end ? s + 2 : end;
		} else {
			break;
		}
	}
	t = s;
	if (s < end && *s == '"') {
		for (s++; s < end; s++)
			if (*s == '"' && !(end - s >= 2 && s[1] == '"'))
				break;
			else if (*s == '"')
				s++;
		s = s < end ? s + 1 : end;
	} else if (s < end && is_word_char(*s, 1)) {
		while (s < end && is_word_char(*s, 0))
			s++;
	} else if (s < end) {
		s++;
	}
	*len = (size_t)(s - t);
	*p = s;
	return t;
}

static int token_is(const char *t, size_t len, const char *word)
{
	return len == strlen(word) && strncasecmp(t, word, len) == 0;
}

/*
 * The table a statement locks first, as written in it ("users",
 * "app.users", "\"Odd\""), for the statements that migrations wait on:
 * ALTER TABLE, DROP TABLE, CREATE INDEX ... ON, LOCK, TRUNCATE, INSERT
 * INTO, UPDATE, DELETE FROM.  Nothing is appended for other statements.
 */
static void locked_table(dbt_buf *out, const char *stmt, size_t n)
{
	const char *p = stmt, *end = stmt + n, *t, *name;
	size_t len;
	int depth = 0;

	t = next_token(&p, end, &len);
	if (token_is(t, len, "alter") || token_is(t, len, "drop")) {
		if (!token_is(next_token(&p, end, &len), len, "table"))
			return;
	} else if (token_is(t, len, "create")) {
		/* CREATE [UNIQUE] INDEX ... ON [ONLY] table, outside parentheses. */
		t = next_token(&p, end, &len);
		if (token_is(t, len, "unique"))
			t = next_token(&p, end, &len);
		if (!token_is(t, len, "index"))
			return;
		while ((t = next_token(&p, end, &len)),
		       len && !(depth == 0 && token_is(t, len, "on")))
			depth += *t == '(' ? 1 : *t == ')' ? -1 : 0;
		if (!len)
			return;
	} else if (token_is(t, len, "insert") || token_is(t, len, "delete")) {
		const char *want = token_is(t, len, "insert") ? "into" : "from";

		if (!token_is(next_token(&p, end, &len), len, want))
			return;
	} else if (token_is(t, len, "lock") || token_is(t, len, "truncate")) {
		const char *save = p;

		if (!token_is(next_token(&p, end, &len), len, "table"))
			p = save;
	} else if (!token_is(t, len, "update")) {
		return;
	}
	/* [IF EXISTS] [ONLY] name[.name...] */
	name = next_token(&p, end, &len);
	if (token_is(name, len, "if")) {
		next_token(&p, end, &len);
		name = next_token(&p, end, &len);
	}
	if (token_is(name, len, "only"))
		name = next_token(&p, end, &len);
	if (!len || !(*name == '"' || is_word_char(*name, 1)))
		return;
	t = name;
	while (p < end && *p == '.' && (next_token(&p, end, &len), 1) &&
	       (t = next_token(&p, end, &len), len))
		;
	dbt_buf_put(out, name, (size_t)(t + len - name));
}

/*
 * A statement of a script that waited longer than the lock_timeout dbtool
 * set: says which table (when the statement tells), how long, and that it
 * may be run again.  DBT_ELOCKED.
 */
static int lock_timeout_error(struct postgres_conn *c, const char *file, int line, const char *stmt,
			      size_t len)
{
	dbt_buf b = DBT_BUF_INIT, table = DBT_BUF_INIT;

	locked_table(&table, stmt, len);
	dbt_buf_printf(&b,
		       "%s:%d: gave up waiting for a lock%s%s after %gs (the statement lock "
		       "timeout): another session holds it; retry when that session is done, or "
		       "allow "
		       "more time with statement_lock_timeout or the revision's '-- lock_timeout:' "
		       "header",
		       file, line, table.len ? " on table " : "", table.len ? table.ptr : "",
		       c->lock_ms / 1000.0);
	dbt_dialect_put_in(&b, stmt, len);
	b.oom |= table.oom;
	dbt_buf_release(&table);
	return dbt_dialect_fail_with(&b, DBT_ELOCKED);
}

/* Appends the server's DETAIL and HINT, which often say which row or
 * what to do ("Key (name)=(x) already exists."), as " (detail: ...)" and
 * " (hint: ...)"; the error module makes their line breaks spaces. */
static void put_detail(dbt_buf *b, const PGresult *res)
{
	static const struct {
		int field;
		const char *label;
	} parts[] = {{PG_DIAG_MESSAGE_DETAIL, "detail"}, {PG_DIAG_MESSAGE_HINT, "hint"}};
	size_t i;

	for (i = 0; res && i < sizeof(parts) / sizeof(parts[0]); i++) {
		const char *v = PQresultErrorField(res, parts[i].field);

		if (v && *v)
			dbt_buf_printf(b, " (%s: %.*s)", parts[i].label,
				       (int)(strlen(v) > 1000 ? 1000 : strlen(v)), v);
	}
}

/* Sets "[FILE:LINE: ]<server message>[ (detail: ...)][ (hint: ...)]
 * (in: <statement start>)"; `file` NULL leaves out the position. */
int dbt_postgres_db_error(struct postgres_conn *c, const PGresult *res, const char *file, int line,
			  const char *stmt, size_t len)
{
	const char *msg = result_message(res, c->pg);
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	dbt_buf b = DBT_BUF_INIT;

	if (file && c->lock_ms > 0 && state && strcmp(state, SQLSTATE_LOCK_NOT_AVAILABLE) == 0)
		return lock_timeout_error(c, file, line, stmt, len);
	if (file)
		dbt_buf_printf(&b, "%s:%d: ", file, line);
	dbt_buf_printf(&b, "%.*s", dbt_postgres_first_line_len(msg), msg);
	put_detail(&b, res);
	dbt_dialect_put_in(&b, stmt, len);
	return dbt_dialect_fail_with(&b, DBT_EDB);
}
