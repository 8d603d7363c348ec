/*
 * parse_hint.c - the hints the model gives in comments, for the model
 * parser (see parse_internal.h): "-- renamed from: OLD" on the line before
 * a table or column, sqldef's "@renamed from=OLD" before a declaration or
 * on its own line, and "-- dbtool: no-autoincrement" after a column.  Apart
 * from the statements' parsers: these read the model's bytes around a
 * declaration, where the lexer skips comments.
 */
#define _GNU_SOURCE /* memrchr */
#include "parse_internal.h"

#include "error.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Skips "word" (any ASCII case) at `*at` within `end`: 1 when it is there. */
static int skip_word(const char *text, size_t *at, size_t end, const char *word)
{
	size_t n = strlen(word);

	if (end - *at < n || strncasecmp(text + *at, word, n))
		return 0;
	*at += n;
	return 1;
}

/* The line and column of byte `off` of the model, for an error or a
 * hint's place. */
static void place_of(const struct parser *p, size_t off, int *line, int *col)
{
	const char *s;

	for (*line = 1, s = p->text; s < p->text + off; s++)
		*line += *s == '\n';
	for (*col = 1, s = p->text + off; s > p->text && s[-1] != '\n'; s--)
		*col += (*(s - 1) & 0xc0) != 0x80;
}

/*
 * The rename hint of sqldef, "@renamed from=OLD", as the text `text + at`
 * .. `text + end` of a comment (without its -- or its slash-stars): 1 and OLD
 * (folded unless quoted, caller frees) in `*out` with its place; 0 when
 * the comment is something else.  A comment that starts "@renamed" but
 * does not name one table, column or index is an error at its place.
 */
static int at_renamed(struct parser *p, size_t at, size_t end, char **out, int *line, int *col)
{
	const char *text = p->text;
	size_t name_at;
	dbt_lexer lx;
	dbt_token tok, after;

	while (at < end && is_blank(text[at]))
		at++;
	/* "@renamed_by ..." is another note. */
	if (!skip_word(text, &at, end, "@renamed") ||
	    (at < end && (isalnum((unsigned char)text[at]) || text[at] == '_')))
		return 0;
	place_of(p, at, line, col);
	while (at < end && is_blank(text[at]))
		at++;
	if (skip_word(text, &at, end, "from")) {
		while (at < end && is_blank(text[at]))
			at++;
		if (skip_word(text, &at, end, "=")) {
			while (at < end && is_blank(text[at]))
				at++;
			name_at = at;
			place_of(p, name_at, line, col);
			dbt_lex_init(&lx, text + name_at, end - name_at);
			if (dbt_lex_next(&lx, &tok) == 0 &&
			    (tok.kind == DBT_TOK_WORD || tok.kind == DBT_TOK_QUOTED) &&
			    dbt_lex_next(&lx, &after) == 0 && after.kind == DBT_TOK_END) {
				*out = dbt_token_name(text + name_at, &tok);
				return *out ? 1 : dbt_error_oom();
			}
		}
	}
	return fail_at(p, *line, *col,
		       "expected one table, column or index name after '@renamed from='");
}

/* Whether "--" or a slash-star starts at the model's byte `i`. */
static int comment_starts(const struct parser *p, size_t i)
{
	return i + 1 < p->len && ((p->text[i] == '-' && p->text[i + 1] == '-') ||
				  (p->text[i] == '/' && p->text[i + 1] == '*'));
}

/* The first byte in `from` .. `to` - 1 where "--" or a slash-star
 * starts, or `to`: memchr finds the candidates, which are rare. */
static size_t first_comment(const struct parser *p, size_t from, size_t to)
{
	const char *t = p->text, *dash = NULL, *slash = NULL;
	size_t i = from;

	while (i < to) {
		if (!dash || dash < t + i)
			dash = memchr(t + i, '-', to - i);
		if (!slash || slash < t + i)
			slash = memchr(t + i, '/', to - i);
		if (!dash && !slash)
			return to;
		i = (size_t)((!slash || (dash && dash < slash) ? dash : slash) - t);
		if (comment_starts(p, i))
			return i;
		i++;
	}
	return to;
}

/*
 * The first byte at or after `from` where "--" or a slash-star starts
 * (inside a string too: a place to look at, not a comment for sure), or
 * the model's length.  Each column asks about its own line and the one
 * before, so the answer is kept in the parser and widened back and
 * forth: the model is passed over about once, not once per column.
 */
size_t next_comment(struct parser *p, size_t from)
{
	size_t i;

	if (p->comment_known && from >= p->comment_from && from <= p->comment_at)
		return p->comment_at;
	if (p->comment_known && from < p->comment_from) {
		i = first_comment(p, from, p->comment_from);
		if (i < p->comment_from)
			p->comment_at = i;
		p->comment_from = from;
		return p->comment_at;
	}
	p->comment_known = 1;
	p->comment_from = from;
	p->comment_at = first_comment(p, from, p->len);
	return p->comment_at;
}

/*
 * The first comment in the model's bytes `from` .. `to` (strings and
 * quoted names skipped) that is sqldef's rename hint, as at_renamed()
 * reads it; a comment that starts there may end after `to`.
 */
static int find_at_renamed(struct parser *p, size_t from, size_t to, char **out, int *line,
			   int *col)
{
	const char *t = p->text;
	size_t i = from, e;
	int rc;

	if (next_comment(p, from) >= to)
		return 0;
	while (i < to) {
		char c = t[i];

		if (c == '\'' || c == '"' || c == '`' || c == '[') {
			char close = c == '[' ? ']' : c;

			for (i++; i < to && t[i] != close; i++)
				;
			i++;
		} else if (c == '-' && i + 1 < p->len && t[i + 1] == '-') {
			for (e = i + 2; e < p->len && t[e] != '\n'; e++)
				;
			if ((rc = at_renamed(p, i + 2, e, out, line, col)) != 0)
				return rc;
			i = e;
		} else if (c == '/' && i + 1 < p->len && t[i + 1] == '*') {
			for (e = i + 2; e + 1 < p->len && !(t[e] == '*' && t[e + 1] == '/'); e++)
				;
			if ((rc = at_renamed(p, i + 2, e + 1 < p->len ? e : p->len, out, line,
					     col)) != 0)
				return rc;
			i = e + 2;
		} else {
			i++;
		}
	}
	return 0;
}

/*
 * The hint "-- renamed from: OLD" on the line before the one where the
 * token at byte `off`, on line `tok_line`, stands first: 1 and OLD (folded unless quoted, caller
 * frees) in `*out` with its place; 0 when that line is no such hint.  A
 * line that starts the hint but does not name one table or column is an
 * error at its place.
 */
static int rename_hint(struct parser *p, size_t off, int tok_line, char **out, int *line, int *col)
{
	const char *text = p->text, *nl;
	size_t start = off, prev, at, name_at;
	dbt_lexer lx;
	dbt_token tok;
	int rc;

	*out = NULL;
	/* The hint is for the definition that starts its line (after blanks
	 * or a comma), not for one that follows another on it. */
	while (start > 0 && text[start - 1] != '\n') {
		if (!is_blank(text[start - 1]) && text[start - 1] != ',')
			return 0;
		start--;
	}
	if (start == 0)
		return 0;
	nl = start > 1 ? memrchr(text, '\n', start - 1) : NULL;
	prev = nl ? (size_t)(nl - text) + 1 : 0;
	/* Both forms of the hint start with a comment on that line. */
	if (next_comment(p, prev) + 1 >= start - 1)
		return 0;
	at = prev;
	while (at < start - 1 && is_blank(text[at]))
		at++;
	/* sqldef's "-- @renamed from=OLD" or its slash-star form, alone on
	 * the line. */
	if (text[at] == '/' && at + 1 < start - 1 && text[at + 1] == '*') {
		size_t e = start - 1;

		while (e > at && is_blank(text[e - 1]))
			e--;
		if (e < at + 4 || text[e - 2] != '*' || text[e - 1] != '/')
			return 0;
		return at_renamed(p, at + 2, e - 2, out, line, col);
	}
	if (!skip_word(text, &at, start - 1, "--"))
		return 0;
	while (at < start - 1 && is_blank(text[at]))
		at++;
	if (text[at] == '@')
		return at_renamed(p, at, start - 1, out, line, col);
	if (!skip_word(text, &at, start - 1, "renamed"))
		return 0;
	while (at < start - 1 && is_blank(text[at]))
		at++;
	if (!skip_word(text, &at, start - 1, "from"))
		return 0;
	while (at < start - 1 && is_blank(text[at]))
		at++;
	if (!skip_word(text, &at, start - 1, ":"))
		return 0;
	while (at < start - 1 && is_blank(text[at]))
		at++;
	name_at = at;
	*line = tok_line - 1;
	*col = (int)(name_at - prev) + 1;
	dbt_lex_init(&lx, text + name_at, start - 1 - name_at);
	rc = dbt_lex_next(&lx, &tok);
	if (rc == 0 && (tok.kind == DBT_TOK_WORD || tok.kind == DBT_TOK_QUOTED)) {
		dbt_token end;

		if (dbt_lex_next(&lx, &end) == 0 && end.kind == DBT_TOK_END) {
			*out = dbt_token_name(text + name_at, &tok);
			return *out ? 1 : dbt_error_oom();
		}
	}
	return fail_at(p, *line, *col,
		       "expected one table or column name after '-- renamed from:'");
}

/* Gives `*name`, `*line` and `*col` the rename hint before the token at
 * `off` on line `tok_line`, when there is one. */
int take_hint(struct parser *p, size_t off, int tok_line, char **name, int *line, int *col)
{
	char *old = NULL;
	int l = 0, c = 0, rc = rename_hint(p, off, tok_line, &old, &l, &c);

	if (rc <= 0)
		return rc;
	free(*name);
	*name = old;
	*line = l;
	*col = c;
	return 0;
}

/* Gives `*name`, `*line` and `*col` sqldef's rename hint in a comment in
 * the model's bytes `from` .. `to`, when there is one: the form that
 * stands on the declaration's own line. */
int take_trailing_hint(struct parser *p, size_t from, size_t to, char **name, int *line, int *col)
{
	char *old = NULL;
	int l = 0, c = 0, rc = find_at_renamed(p, from, to, &old, &l, &c);

	if (rc <= 0)
		return rc;
	free(*name);
	*name = old;
	*line = l;
	*col = c;
	return 0;
}

/* The end of the line that the model's byte `off` is on. */
size_t line_end(const struct parser *p, size_t off)
{
	while (off < p->len && p->text[off] != '\n')
		off++;
	return off;
}

/*
 * Where the comments on a column's own line end: the end of the line its
 * definition ends on, or where the next definition starts on that line
 * (after the ','), or the ')' that closes the table there.
 */
size_t column_line_end(const struct parser *p)
{
	size_t end = line_end(p, p->cur.prev_end);
	dbt_token la;

	if (p->cur.tok.start < end && !is(p, ","))
		return p->cur.tok.start;
	if (is(p, ",")) {
		peek(p, &la);
		if (la.start < end)
			return la.start;
	}
	return end;
}

/*
 * The hint "-- dbtool: no-autoincrement" in a comment after the column's
 * definition, on the line where it ends (before or after its ','): the
 * column keeps out of the auto-increment rule (render.h).  Any other
 * "-- dbtool:" hint there is an error at its place, so that a misspelt
 * one is not silently ignored.
 */
int column_hint(struct parser *p, dbt_column *c)
{
	static const char prefix[] = "dbtool:", hint[] = "no-autoincrement";
	const char *s = p->text + p->cur.prev_end, *end = p->text + p->len, *e, *start;
	size_t n;
	int line, col;

	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	if (s < end && *s == ',' && p->cur.tok.start == (size_t)(s - p->text))
		for (s++; s < end && (*s == ' ' || *s == '\t');)
			s++;
	if (end - s < 2 || s[0] != '-' || s[1] != '-')
		return 0;
	start = s;
	for (s += 2; s < end && (*s == ' ' || *s == '\t'); s++)
		;
	for (e = s; e < end && *e != '\n'; e++)
		;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	n = sizeof(prefix) - 1;
	if ((size_t)(e - s) < n || memcmp(s, prefix, n))
		return 0;
	for (s += n; s < e && (*s == ' ' || *s == '\t'); s++)
		;
	if ((size_t)(e - s) == sizeof(hint) - 1 && !memcmp(s, hint, sizeof(hint) - 1)) {
		c->no_autoincrement = 1;
		return 0;
	}
	/* Only an error needs the place. */
	for (line = 1, s = p->text; s < start; s++)
		line += *s == '\n';
	for (col = 1, s = start; s > p->text && s[-1] != '\n'; s--)
		col += (*(s - 1) & 0xc0) != 0x80;
	return fail_at(p, line, col,
		       "unknown hint '%.*s' for column '%s': the column hint is "
		       "'-- dbtool: no-autoincrement'",
		       (int)(e - start), start, c->name);
}
