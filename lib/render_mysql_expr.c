/*
 * render_mysql_expr.c - a model's expressions (CHECK constraints,
 * generation expressions) as MariaDB/MySQL must read them
 * (render_mysql.h): a column of the table is written through the one
 * quoter, dbt_mysql_quote_ident, so that a column named after one of
 * MariaDB's reserved words (condition, range, ...) is in backticks, as is
 * a "quoted" name, which MariaDB would read as a string; and the string
 * concatenation `a || b || c`, which MariaDB reads as OR, is written
 * CONCAT(a, b, c).  Everything else is copied as written, and so is
 * MariaDB's own text of an expression (reflected), its names in
 * backticks already.
 */
#include "render_mysql.h"

#include "error.h"
#include "lex.h"
#include "mysql.h"

#include <stdlib.h>
#include <string.h>

/* The tokens of one expression, and the text they are in. */
struct toks {
	const char *text;
	dbt_token *v;
	size_t n;
};

/* Splits `text` into tokens; 0, or -1 when it does not tokenize (a
 * reflected expression with MariaDB's backticks) or out of memory. */
static int tokenize(struct toks *out, const char *text)
{
	dbt_lexer lx;
	dbt_token tok, *v;
	size_t cap = 0;

	out->text = text;
	out->v = NULL;
	out->n = 0;
	dbt_lex_init(&lx, text, strlen(text));
	for (;;) {
		if (dbt_lex_next(&lx, &tok) < 0)
			goto fail;
		if (tok.kind == DBT_TOK_END)
			return 0;
		if (out->n == cap) {
			cap = cap ? cap * 2 : 16;
			if (!(v = realloc(out->v, cap * sizeof(*v))))
				goto fail;
			out->v = v;
		}
		out->v[out->n++] = tok;
	}
fail:
	free(out->v);
	out->v = NULL;
	return -1;
}

static int is(const struct toks *tk, size_t i, const char *s)
{
	return i < tk->n && dbt_token_is(tk->text, &tk->v[i], s);
}

/* The index of the ")" or "]" that closes the bracket at `i`; tk->n when
 * there is none. */
static size_t closing(const struct toks *tk, size_t i)
{
	int depth = 0;

	for (; i < tk->n; i++) {
		if (is(tk, i, "(") || is(tk, i, "["))
			depth++;
		else if ((is(tk, i, ")") || is(tk, i, "]")) && --depth == 0)
			return i;
	}
	return tk->n;
}

/* The column of `t` that the word or quoted name at `i` stands for, or
 * NULL: not after a "." (a qualified name's last part), not before a "("
 * (a function). */
static const char *column_at(const struct toks *tk, const dbt_table *t, size_t i)
{
	const dbt_token *tok = &tk->v[i];
	char *name;
	size_t k;

	if ((tok->kind != DBT_TOK_WORD && tok->kind != DBT_TOK_QUOTED) || !t ||
	    (i > 0 && is(tk, i - 1, ".")) || is(tk, i + 1, "("))
		return NULL;
	if (!(name = dbt_token_name(tk->text, tok)))
		return NULL;
	for (k = 0; k < t->ncolumns && strcmp(t->columns[k]->name, name); k++)
		;
	free(name);
	return k < t->ncolumns ? t->columns[k]->name : NULL;
}

static int put_list(dbt_buf *out, const struct toks *tk, const dbt_table *t, size_t from,
		    size_t to);

/* 1 when tokens [from, to) hold a "||" outside brackets. */
static int has_concat(const struct toks *tk, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++) {
		if (is(tk, i, "(") || is(tk, i, "["))
			i = closing(tk, i);
		else if (is(tk, i, "||"))
			return 1;
	}
	return 0;
}

/* Tokens [from, to), which hold no "," or "||" outside brackets, as
 * written but for the table's columns, quoted names and what the brackets
 * hold (put_list); the blanks between tokens kept. */
static int put_plain(dbt_buf *out, const struct toks *tk, const dbt_table *t, size_t from,
		     size_t to)
{
	const dbt_token *v = tk->v;
	const char *col, *text = tk->text;
	size_t i, end;
	int rc;

	for (i = from; i < to; i++) {
		if (i > from)
			dbt_buf_put(out, text + v[i - 1].start + v[i - 1].len,
				    v[i].start - (v[i - 1].start + v[i - 1].len));
		if (is(tk, i, "(") || is(tk, i, "[")) {
			if ((end = closing(tk, i)) >= to)
				return -1;
			dbt_buf_put(out, text + v[i].start, v[i].len);
			if (end > i + 1) {
				dbt_buf_put(out, text + v[i].start + v[i].len,
					    v[i + 1].start - (v[i].start + v[i].len));
				if ((rc = put_list(out, tk, t, i + 1, end)) < 0)
					return rc;
				dbt_buf_put(out, text + v[end - 1].start + v[end - 1].len,
					    v[end].start - (v[end - 1].start + v[end - 1].len));
			}
			dbt_buf_put(out, text + v[end].start, v[end].len);
			i = end;
		} else if ((col = column_at(tk, t, i))) {
			dbt_mysql_quote_ident(out, col);
		} else if (v[i].kind == DBT_TOK_QUOTED) {
			char *name = dbt_token_name(text, &v[i]);

			if (!name)
				return -1;
			dbt_mysql_quote_ident(out, name);
			free(name);
		} else {
			dbt_buf_put(out, text + v[i].start, v[i].len);
		}
	}
	return 0;
}

/* Tokens [from, to) with no "," outside brackets: "a || b || c", whose
 * operands hold no operator outside brackets, as CONCAT(a, b, c); -1 for
 * a "||" among other operators, whose order dbtool does not work out. */
static int put_part(dbt_buf *out, const struct toks *tk, const dbt_table *t, size_t from, size_t to)
{
	size_t i, start = from;
	int rc;

	if (!has_concat(tk, from, to))
		return put_plain(out, tk, t, from, to);
	for (i = from; i < to; i++) {
		const dbt_token *tok = &tk->v[i];

		if (is(tk, i, "(") || is(tk, i, "["))
			i = closing(tk, i);
		else if ((tok->kind == DBT_TOK_OP && !is(tk, i, "||")) ||
			 (tok->kind == DBT_TOK_WORD &&
			  dbt_sql_keyword(tk->text + tok->start, tok->len) != DBT_KW_NONE &&
			  !is(tk, i + 1, "(")))
			return -1;
	}
	dbt_buf_puts(out, "CONCAT(");
	for (i = from; i <= to; i++) {
		if (i < to && (is(tk, i, "(") || is(tk, i, "["))) {
			i = closing(tk, i);
			continue;
		}
		if (i < to && !is(tk, i, "||"))
			continue;
		if (i == start)
			return -1; /* an operand of nothing */
		if (start > from)
			dbt_buf_puts(out, ", ");
		if ((rc = put_plain(out, tk, t, start, i)) < 0)
			return rc;
		start = i + 1;
	}
	dbt_buf_putc(out, ')');
	return 0;
}

/* Tokens [from, to): the parts between the "," outside brackets, each by
 * put_part, the commas and blanks kept. */
static int put_list(dbt_buf *out, const struct toks *tk, const dbt_table *t, size_t from, size_t to)
{
	const dbt_token *v = tk->v;
	size_t i, start = from;
	int rc;

	for (i = from; i <= to; i++) {
		if (i < to && (is(tk, i, "(") || is(tk, i, "["))) {
			if ((i = closing(tk, i)) >= to)
				return -1;
			continue;
		}
		if (i < to && !is(tk, i, ","))
			continue;
		if (i > start && (rc = put_part(out, tk, t, start, i)) < 0)
			return rc;
		if (i < to) {
			if (i > start)
				dbt_buf_put(out, tk->text + v[i - 1].start + v[i - 1].len,
					    v[i].start - (v[i - 1].start + v[i - 1].len));
			dbt_buf_putc(out, ',');
			if (i + 1 < to)
				dbt_buf_put(out, tk->text + v[i].start + 1,
					    v[i + 1].start - (v[i].start + 1));
		}
		start = i + 1;
	}
	return 0;
}

int dbt_mysql_expr(dbt_buf *out, const dbt_table *t, const char *expr)
{
	struct toks tk;
	dbt_buf b = DBT_BUF_INIT;
	int rc;

	/* MariaDB's text, quoted as it reads it. */
	if (strchr(expr, '`')) {
		dbt_buf_puts(out, expr);
		return 0;
	}
	if (tokenize(&tk, expr) < 0)
		return -1;
	rc = put_list(&b, &tk, t, 0, tk.n);
	free(tk.v);
	if (rc == 0 && b.oom)
		rc = -1;
	if (rc == 0)
		dbt_buf_puts(out, dbt_buf_str(&b));
	dbt_buf_release(&b);
	return rc;
}

void dbt_mysql_put_expr(dbt_buf *out, const dbt_table *t, const char *expr)
{
	if (dbt_mysql_expr(out, t, expr) < 0)
		dbt_buf_puts(out, expr);
}
