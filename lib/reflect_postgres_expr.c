/*
 * reflect_postgres_expr.c - the expressions that PostgreSQL prints
 * (defaults, generated columns, CHECK constraints, index keys and WHERE
 * clauses), as the reflection keeps them: as printed, casts and
 * parentheses included, but for the two spellings of one array that the
 * server prints (hoist_array_casts) and a default that is one literal
 * cast to its column's own type, which is the literal alone
 * (dbt_pg_plain_default).
 *
 * Apart from reflect_postgres.c because it reads no catalog: it works on
 * the text alone, with the SQL tokenizer (lex.h), for the readers of
 * columns (reflect_postgres.c) and of constraints and indexes
 * (reflect_postgres_keys.c).
 */
#include "reflect_postgres_int.h"

#include "buf.h"
#include "error.h"
#include "lex.h"
#include "schema.h"

#include <stdlib.h>
#include <string.h>

/* The element [a, b) of an ARRAY[...] when it ends in a second cast
 * ('x'::character varying::text): the index of that last "::", else 0. */
static size_t outer_cast(const char *text, const dbt_token *v, size_t a, size_t b)
{
	size_t k, last = 0, casts = 0;
	int depth = 0;

	for (k = a; k < b; k++) {
		if (dbt_token_is(text, &v[k], "(") || dbt_token_is(text, &v[k], "["))
			depth++;
		else if (dbt_token_is(text, &v[k], ")") || dbt_token_is(text, &v[k], "]"))
			depth--;
		else if (depth == 0 && dbt_token_is(text, &v[k], "::")) {
			last = k;
			casts++;
		}
	}
	if (casts < 2 || last + 1 >= b)
		return 0;
	for (k = last + 1; k < b; k++)
		if (v[k].kind != DBT_TOK_WORD)
			return 0;
	return last;
}

/*
 * The server prints an IN list over a VARCHAR column two ways: as the
 * constraint was made, ARRAY['a'::character varying, ...]::text[], and,
 * when made from pg_dump's text, ARRAY['a'::character varying::text, ...].
 * Both are the same array: the second is written as the first, the
 * cast that every element ends in moved onto the array, so that a dump
 * of the database reads back equal.  In `out`, caller frees.
 */
static int hoist_array_casts(char **out, const char *text)
{
	dbt_lexer lx;
	dbt_token tok, *v = NULL, *grown;
	dbt_buf b = DBT_BUF_INIT;
	size_t n = 0, i, copied = 0;

	*out = NULL;
	dbt_lex_init(&lx, text, strlen(text));
	for (;;) {
		if (dbt_lex_next(&lx, &tok) < 0) {
			dbt_error_clear();
			n = 0;
			break;
		}
		if (tok.kind == DBT_TOK_END)
			break;
		if (!(grown = realloc(v, (n + 1) * sizeof(*v)))) {
			free(v);
			return dbt_error_oom();
		}
		v = grown;
		v[n++] = tok;
	}
	for (i = 0; i + 2 < n; i++) {
		size_t j, a, k, cast, sfrom = 0, slen = 0, nel = 0;
		int depth = 0, ok = 1;

		if (!dbt_token_is(text, &v[i], "array") || !dbt_token_is(text, &v[i + 1], "["))
			continue;
		for (j = i + 1; j < n; j++) {
			if (dbt_token_is(text, &v[j], "[") || dbt_token_is(text, &v[j], "("))
				depth++;
			else if ((dbt_token_is(text, &v[j], "]") ||
				  dbt_token_is(text, &v[j], ")")) &&
				 --depth == 0)
				break;
		}
		if (j >= n || j == i + 2)
			continue;
		/* Every element, split at the top level's commas, must end in
		 * the same second cast. */
		for (a = k = i + 2, depth = 0; ok && k <= j; k++) {
			if (k < j) {
				if (dbt_token_is(text, &v[k], "(") ||
				    dbt_token_is(text, &v[k], "["))
					depth++;
				else if (dbt_token_is(text, &v[k], ")") ||
					 dbt_token_is(text, &v[k], "]"))
					depth--;
				if (depth != 0 || !dbt_token_is(text, &v[k], ","))
					continue;
			}
			cast = k > a ? outer_cast(text, v, a, k) : 0;
			if (!cast) {
				ok = 0;
				break;
			}
			if (nel++ == 0) {
				sfrom = v[cast + 1].start;
				slen = v[k - 1].start + v[k - 1].len - sfrom;
			} else if (v[k - 1].start + v[k - 1].len - v[cast + 1].start != slen ||
				   strncmp(text + v[cast + 1].start, text + sfrom, slen)) {
				ok = 0;
			}
			a = k + 1;
		}
		if (!ok)
			continue;
		/* ARRAY[ then each element without its last cast, then ]::T[]. */
		dbt_buf_put(&b, text + copied, v[i + 1].start + 1 - copied);
		for (a = k = i + 2, depth = 0, nel = 0; k <= j; k++) {
			if (k < j) {
				if (dbt_token_is(text, &v[k], "(") ||
				    dbt_token_is(text, &v[k], "["))
					depth++;
				else if (dbt_token_is(text, &v[k], ")") ||
					 dbt_token_is(text, &v[k], "]"))
					depth--;
				if (depth != 0 || !dbt_token_is(text, &v[k], ","))
					continue;
			}
			cast = outer_cast(text, v, a, k);
			if (nel++)
				dbt_buf_puts(&b, ", ");
			dbt_buf_put(&b, text + v[a].start, v[cast].start - v[a].start);
			a = k + 1;
		}
		dbt_buf_puts(&b, "]::");
		dbt_buf_put(&b, text + sfrom, slen);
		dbt_buf_puts(&b, "[]");
		copied = v[j].start + v[j].len;
		i = j;
	}
	free(v);
	dbt_buf_puts(&b, text + copied);
	if (b.oom) {
		dbt_buf_release(&b);
		return dbt_error_oom();
	}
	*out = dbt_buf_detach(&b);
	return *out ? 0 : dbt_error_oom();
}

/*
 * The expression `text` as the server printed it; in `out`, caller frees.
 * It is kept as printed, casts and parentheses included: it is valid SQL
 * that means what the database means (a cast of a literal may decide an
 * operator, ARRAY[]::text[] its type), and the model's text meets it in
 * the scratch database, which prints it the same way.  DBT_ERROR only
 * when out of memory.
 */
int dbt_pg_server_expr(char **out, const char *text, const dbt_table *t)
{
	(void)t;
	return hoist_array_casts(out, text);
}

/* 1 when the string literal's text ('-1.5') is a number. */
static int numeric_string(const char *s, size_t len)
{
	size_t i = 1, digits = 0;

	if (len < 3 || s[0] != '\'' || s[len - 1] != '\'')
		return 0;
	if (s[i] == '-')
		i++;
	for (; i < len - 1 && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (i < len - 1 && s[i] == '.')
		for (i++; i < len - 1 && s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
	return digits && i == len - 1;
}

/*
 * The server prints a literal default cast to the column's type
 * ('a'::character varying, '-1'::integer, '2020-01-01'::date): the
 * literal alone says the same, since assigning it to the column casts it
 * to that type, and it is what a model writes.  Any other default is
 * kept as printed (a cast inside an expression may choose an operator,
 * ARRAY[]::text[] gives the array its type).  In `out`, caller frees.
 */
int dbt_pg_plain_default(char **out, const char *text, const dbt_column *c)
{
	dbt_lexer lx;
	dbt_token lit, op;
	dbt_type ty;
	int same, number, rc;

	*out = NULL;
	dbt_lex_init(&lx, text, strlen(text));
	if (dbt_lex_next(&lx, &lit) < 0 || dbt_lex_next(&lx, &op) < 0 ||
	    !((lit.kind == DBT_TOK_STRING && text[lit.start] == '\'') ||
	      lit.kind == DBT_TOK_NUMBER) ||
	    !dbt_token_is(text, &op, "::")) {
		dbt_error_clear();
		return dbt_pg_server_expr(out, text, NULL);
	}
	if ((rc = dbt_type_from_postgres(&ty, text + op.start + op.len)) < 0) {
		if (rc != DBT_EPARSE)
			return rc;
		dbt_error_clear();
		return dbt_pg_server_expr(out, text, NULL);
	}
	same = (ty.kind == c->type.kind &&
		(ty.kind != DBT_TYPE_OTHER ||
		 (ty.text && c->type.text && dbt_type_equal(&ty, &c->type)))) ||
	       /* character(n) prints its literal defaults cast to bpchar */
	       (c->type.kind == DBT_TYPE_CHAR && ty.kind == DBT_TYPE_OTHER && ty.text &&
		!strcmp(ty.text, "bpchar"));
	dbt_type_release(&ty);
	if (!same)
		return dbt_pg_server_expr(out, text, NULL);
	/* '-1'::integer: a number the server quotes is a number again. */
	number = lit.kind == DBT_TOK_STRING && numeric_string(text + lit.start, lit.len) &&
		 (dbt_type_is_integer(c->type.kind) || c->type.kind == DBT_TYPE_NUMERIC ||
		  c->type.kind == DBT_TYPE_REAL || c->type.kind == DBT_TYPE_DOUBLE);
	*out = number ? strndup(text + lit.start + 1, lit.len - 2)
		      : strndup(text + lit.start, lit.len);
	return *out ? 0 : dbt_error_oom();
}
