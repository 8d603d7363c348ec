/*
 * parse_literal.c - typed literals (DATE '2020-01-01', INTERVAL '1' DAY)
 * in the expressions the model keeps as text, for the model parser (see
 * parse_internal.h): which words begin one, and the rewrite of each into
 * the cast PostgreSQL makes of it and prints back.  Apart from the
 * statements' parsers, as DEFAULT, CHECK, EXCLUDE, generated columns and
 * index expressions all pass their text through it.
 */
#include "parse_internal.h"

#include "error.h"

/* Type names that may begin a typed literal such as DATE '2020-01-01'. */
int literal_type(const char *text, const dbt_token *t)
{
	return t->kind == DBT_TOK_WORD && dbt_type_word_starts_literal(text + t->start, t->len);
}

/* Whether the token is a field word of an interval: DAY, HOUR TO MINUTE. */
static int interval_field_token(const char *text, const dbt_token *t)
{
	static const char *const words[] = {"year",   "month",	"day", "hour",
					    "minute", "second", "to"};
	size_t i;

	for (i = 0; t->kind == DBT_TOK_WORD && i < sizeof(words) / sizeof(words[0]); i++)
		if (dbt_token_is(text, t, words[i]))
			return 1;
	return 0;
}

/*
 * The end of the fields after an interval literal's string, which the
 * lexer `la` stands before (INTERVAL '1' DAY, '1:30' HOUR TO MINUTE,
 * '1.5' SECOND(3)); `from` when there are none.  `la` is left after them.
 */
static size_t interval_fields(const char *text, dbt_lexer *la, size_t from)
{
	dbt_lexer at = *la;
	dbt_token v;
	size_t end = from;

	while (dbt_lex_next(&at, &v) == 0) {
		if (interval_field_token(text, &v)) {
			end = v.start + v.len;
		} else if (end > from && dbt_token_is(text, &v, "(")) {
			if (dbt_lex_next(&at, &v) < 0 || v.kind != DBT_TOK_NUMBER ||
			    dbt_lex_next(&at, &v) < 0 || !dbt_token_is(text, &v, ")"))
				break;
			end = v.start + v.len;
		} else {
			break;
		}
		*la = at;
	}
	return end;
}

/* The next token of `la` in `u`, as dbt_cursor_next() reads it. */
static int step(dbt_cursor *la, dbt_token *u)
{
	int rc = dbt_cursor_next(la);

	*u = la->tok;
	return rc;
}

/*
 * The expression `text` (`len` bytes) with each typed literal TYPE 'str'
 * written as the cast 'str'::TYPE, which is what PostgreSQL makes of it
 * and prints back (INTERVAL 'str' DAY as 'str'::INTERVAL DAY); in `out`,
 * caller frees.  Text that does not tokenize is copied as it is, for the
 * normaliser to report.
 */
int typed_literals(char **out, const char *text, size_t len)
{
	dbt_buf b = DBT_BUF_INIT;
	dbt_cursor cur;
	dbt_token t, u;
	size_t copied = 0;
	int after_type = 0, after_cast = 0;

	*out = NULL;
	/* MariaDB's `name` read whole, as the model's parser reads it, here
	 * and in a type's modifiers: the lexer alone stopped inside one
	 * (`it's`), and a typed literal after it stayed as written until its
	 * "name" was read again. */
	dbt_cursor_init(&cur, text, len);
	cur.backquotes = 1;
	while (dbt_cursor_next(&cur) == 0 && cur.tok.kind != DBT_TOK_END) {
		dbt_cursor la = cur;
		size_t type_end = cur.tok.start + cur.tok.len;
		int type_before = after_type, cast_before = after_cast;

		t = cur.tok;
		after_cast = dbt_token_is(text, &t, "::");
		after_type = t.kind == DBT_TOK_WORD && literal_type(text, &t);
		if (!after_type)
			continue;
		/* Right after another such word (BYTEA DATE '...', which no
		 * database reads) it is left as written: rewritten, the word
		 * before would begin a typed literal of its own the next time
		 * the text is read, and the model would not read back.  After
		 * '::' the word is a cast's type, which the rewrite itself
		 * writes: x::TEXT '' (no database reads it either) made
		 * x::''::TEXT the next time. */
		if (type_before || cast_before)
			continue;
		if (step(&la, &u) < 0)
			break;
		/* The type's other words: DOUBLE PRECISION, CHARACTER VARYING,
		 * BIT VARYING; TIME and TIMESTAMP take WITH or WITHOUT TIME
		 * ZONE (never TIME ZONE alone: AT TIME ZONE 'utc'). */
		if (dbt_token_is(text, &u, "precision") || dbt_token_is(text, &u, "varying")) {
			type_end = u.start + u.len;
			if (step(&la, &u) < 0)
				break;
		} else if (dbt_token_is(text, &u, "with") || dbt_token_is(text, &u, "without")) {
			if (step(&la, &u) < 0 || !dbt_token_is(text, &u, "time") ||
			    step(&la, &u) < 0 || !dbt_token_is(text, &u, "zone"))
				continue;
			type_end = u.start + u.len;
			if (step(&la, &u) < 0)
				break;
		}
		/* Its modifiers: VARCHAR(10) 'x', NUMERIC(5, 2) '1.5'. */
		if (dbt_token_is(text, &u, "(")) {
			int depth = 1;

			while (depth > 0 && step(&la, &u) == 0 && u.kind != DBT_TOK_END)
				depth += dbt_token_is(text, &u, "(") - dbt_token_is(text, &u, ")");
			if (depth > 0)
				continue;
			type_end = u.start + u.len;
			if (step(&la, &u) < 0)
				break;
		}
		if (u.kind != DBT_TOK_STRING || text[u.start] != '\'')
			continue;
		dbt_buf_put(&b, text + copied, t.start - copied);
		dbt_buf_put(&b, text + u.start, u.len);
		dbt_buf_puts(&b, "::");
		dbt_buf_put(&b, text + t.start, type_end - t.start);
		copied = u.start + u.len;
		if (dbt_token_is(text, &t, "interval")) {
			dbt_lexer fl = la.lx;
			size_t end = interval_fields(text, &fl, copied);

			if (end > copied) {
				dbt_buf_put(&b, text + copied, end - copied);
				copied = end;
				la.lx = fl;
			}
		}
		cur = la;
		/* the last token read is the string's (or a field) */
		after_type = after_cast = 0;
	}
	dbt_buf_put(&b, text + copied, len - copied);
	*out = dbt_buf_detach(&b);
	return *out ? 0 : dbt_error_oom();
}
