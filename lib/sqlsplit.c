/*
 * sqlsplit.c - splitting a SQL script into statements by PostgreSQL's
 * lexical rules (see sqlsplit.h), so that each statement can be sent on
 * its own and a failure pinned to its line.
 *
 * Beyond strings, quoted identifiers, dollar quotes and comments, the
 * splitter follows psql in two more places where a semicolon does not end
 * a statement: inside parentheses (CREATE RULE ... DO (a; b)) and inside
 * the BEGIN ... END body of CREATE [OR REPLACE] FUNCTION / PROCEDURE
 * written in the SQL-standard form (BEGIN ATOMIC).  Trailing blanks and
 * complete trailing comments are not part of a statement; an unterminated
 * string or comment is, so that the server reports it.
 */
#include "sqlsplit.h"

#include <string.h>

/* The scanner reads up to the script's terminating NUL and never asks
 * for its length: a script is split by calling dbt_sql_next once per
 * statement, so measuring the rest of it on each call would make the
 * whole split quadratic in the script's size. */
struct scan {
	const char *s;
	size_t i;
	int line;
};

/* What the statement's first words say about BEGIN ... END. */
enum routine {
	R_START,     /* nothing seen yet */
	R_CREATE,    /* CREATE */
	R_CREATE_OR, /* CREATE OR */
	R_REPLACE,   /* CREATE OR REPLACE */
	R_YES,	     /* CREATE [OR REPLACE] FUNCTION | PROCEDURE */
	R_NO,	     /* anything else */
};

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int is_ident_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	       (unsigned char)c >= 0x80;
}

static int is_ident_char(char c)
{
	return is_ident_start(c) || (c >= '0' && c <= '9') || c == '$';
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* `off` bytes ahead, where the bytes before it are not the end: the
 * NUL stops every comparison with a character that is not NUL. */
static int at(const struct scan *sc, size_t off, char c)
{
	return sc->s[sc->i + off] == c;
}

static int more(const struct scan *sc)
{
	return sc->s[sc->i] != '\0';
}

static void advance(struct scan *sc)
{
	if (sc->s[sc->i] == '\n')
		sc->line++;
	sc->i++;
}

/* At "--": moves to the end of the line (the newline stays). */
static void skip_line_comment(struct scan *sc)
{
	while (more(sc) && sc->s[sc->i] != '\n')
		sc->i++;
}

/* At slash-star: moves past the matching star-slash, counting nesting.
 * Returns 0 when the script ends first. */
static int skip_block_comment(struct scan *sc)
{
	int depth = 0;

	while (more(sc)) {
		if (at(sc, 0, '/') && at(sc, 1, '*')) {
			depth++;
			sc->i += 2;
		} else if (at(sc, 0, '*') && at(sc, 1, '/')) {
			sc->i += 2;
			if (--depth == 0)
				return 1;
		} else {
			advance(sc);
		}
	}
	return 0;
}

/* At an opening quote: moves past the closing one, a doubled quote
 * standing for itself and, when `backslash` is set, a backslash escaping
 * the next byte. */
static void skip_quoted(struct scan *sc, char quote, int backslash)
{
	sc->i++;
	while (more(sc)) {
		char c = sc->s[sc->i];

		if (backslash && c == '\\' && sc->s[sc->i + 1] != '\0') {
			sc->i++;
			advance(sc);
		} else if (c == quote) {
			sc->i++;
			if (!at(sc, 0, quote))
				return;
			sc->i++;
		} else {
			advance(sc);
		}
	}
}

/* The length of the dollar-quote opener ($$ or $tag$) at the current
 * position, 0 when there is none. */
static size_t dollar_tag(const struct scan *sc)
{
	size_t j = sc->i + 1;

	if (is_ident_start(sc->s[j])) {
		while (is_ident_char(sc->s[j]) && sc->s[j] != '$')
			j++;
	}
	if (sc->s[j] == '$')
		return j + 1 - sc->i;
	return 0;
}

/* At a dollar-quote opener of `taglen` bytes: moves past the same tag
 * closing it, or to the end of the script. */
static void skip_dollar_quoted(struct scan *sc, size_t taglen)
{
	const char *tag = sc->s + sc->i;

	sc->i += taglen;
	while (more(sc)) {
		/* strncmp stops at the script's end, where the tag differs. */
		if (sc->s[sc->i] == '$' && strncmp(sc->s + sc->i, tag, taglen) == 0) {
			sc->i += taglen;
			return;
		}
		advance(sc);
	}
}

static int word_is(const char *w, size_t len, const char *kw)
{
	size_t k;

	if (strlen(kw) != len)
		return 0;
	for (k = 0; k < len; k++) {
		char c = w[k];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != kw[k])
			return 0;
	}
	return 1;
}

/* Follows the statement's first words to learn whether it creates a
 * routine, whose BEGIN ... END body may hold semicolons. */
static enum routine next_routine_state(enum routine r, const char *w, size_t len)
{
	int routine = word_is(w, len, "function") || word_is(w, len, "procedure");

	switch (r) {
	case R_START:
		return word_is(w, len, "create") ? R_CREATE : R_NO;
	case R_CREATE:
		if (routine)
			return R_YES;
		return word_is(w, len, "or") ? R_CREATE_OR : R_NO;
	case R_CREATE_OR:
		return word_is(w, len, "replace") ? R_REPLACE : R_NO;
	case R_REPLACE:
		return routine ? R_YES : R_NO;
	default:
		return r;
	}
}

/* Skips blanks, comments and empty statements.  Returns 0 when a
 * statement starts at the current position, -1 at the end. */
static int skip_to_statement(struct scan *sc)
{
	while (more(sc)) {
		char c = sc->s[sc->i];

		if (is_space(c) || c == ';') {
			advance(sc);
		} else if (c == '-' && at(sc, 1, '-')) {
			skip_line_comment(sc);
		} else if (c == '/' && at(sc, 1, '*')) {
			struct scan save = *sc;

			if (!skip_block_comment(sc)) {
				/* Left for the server to report. */
				*sc = save;
				return 0;
			}
		} else {
			return 0;
		}
	}
	return -1;
}

int dbt_sql_next(dbt_sqlstmt *out, const char *sql, size_t *pos, int *line)
{
	struct scan sc = {sql, *pos, *line};
	enum routine routine = R_START;
	int parens = 0, blocks = 0;
	size_t end;

	if (skip_to_statement(&sc) < 0) {
		*pos = sc.i;
		*line = sc.line;
		return 0;
	}
	out->start = sc.i;
	out->line = sc.line;
	end = sc.i;

	while (more(&sc)) {
		char c = sc.s[sc.i];
		size_t taglen;
		int word = 0;

		if (is_space(c)) {
			advance(&sc);
			continue;
		}
		if (c == '-' && at(&sc, 1, '-')) {
			skip_line_comment(&sc);
			continue;
		}
		if (c == '/' && at(&sc, 1, '*')) {
			if (!skip_block_comment(&sc))
				end = sc.i;
			continue;
		}
		if (c == ';' && parens == 0 && blocks == 0) {
			sc.i++;
			break;
		}

		if (c == '\'') {
			skip_quoted(&sc, '\'', 0);
		} else if (c == '"') {
			skip_quoted(&sc, '"', 0);
		} else if (c == '$' && is_digit(sc.s[sc.i + 1])) {
			/* A parameter such as $1, not a quote. */
			sc.i++;
			while (is_digit(sc.s[sc.i]))
				sc.i++;
		} else if (c == '$' && (taglen = dollar_tag(&sc)) > 0) {
			skip_dollar_quoted(&sc, taglen);
		} else if (is_ident_start(c)) {
			size_t w = sc.i, len;

			while (is_ident_char(sc.s[sc.i]))
				sc.i++;
			len = sc.i - w;
			if (len == 1 && (c == 'E' || c == 'e') && at(&sc, 0, '\'')) {
				skip_quoted(&sc, '\'', 1);
			} else {
				word = 1;
				routine = next_routine_state(routine, sc.s + w, len);
				if (routine == R_YES && parens == 0) {
					if (word_is(sc.s + w, len, "begin"))
						blocks++;
					else if (word_is(sc.s + w, len, "case") && blocks > 0)
						blocks++;
					else if (word_is(sc.s + w, len, "end") && blocks > 0)
						blocks--;
				}
			}
		} else if (is_digit(c)) {
			/* A number, letters included so that 1e5 is not taken
			 * for an E'' string. */
			while (is_ident_char(sc.s[sc.i]) || sc.s[sc.i] == '.')
				sc.i++;
		} else {
			if (c == '(')
				parens++;
			else if (c == ')' && parens > 0)
				parens--;
			sc.i++;
		}
		/* Every branch above consumed a significant token; only
		 * words may come before FUNCTION or PROCEDURE. */
		if (!word && routine != R_YES)
			routine = R_NO;
		end = sc.i;
	}

	out->len = end - out->start;
	*pos = sc.i;
	*line = sc.line;
	return 1;
}

int dbt_sql_split(const char *sql, dbt_split_fn fn, void *arg)
{
	dbt_sqlstmt st;
	size_t pos = 0;
	int line = 0, rc;

	while (dbt_sql_next(&st, sql, &pos, &line))
		if ((rc = fn(arg, sql, &st)) != 0)
			return rc;
	return 0;
}
