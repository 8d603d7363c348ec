/*
 * expr.c - canonical SQL expressions (see expr.h): the one normal form in
 * which defaults, CHECK, index and WHERE expressions and partition clauses
 * compare equal whichever source spelled them, and the readings of an
 * expression that name what PostgreSQL names after it.
 */
#include "expr.h"

#include "error.h"
#include "ident.h"
#include "lex.h"
#include "schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int ascii_upper(int c)
{
	return c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c;
}

/* Room for `n` elements of `size` bytes; NULL when out of memory. */
static void *resize(void *ptr, size_t n, size_t size)
{
	if (n > ((size_t)-1) / size)
		return NULL;
	return realloc(ptr, n * size);
}

struct toks {
	dbt_token *v;
	size_t n;
};

static void put_excerpt(dbt_buf *b, const char *s, size_t len)
{
	size_t i, n = len > 40 ? 40 : len;

	for (i = 0; i < n; i++)
		dbt_buf_putc(b, s[i] == '\n' || s[i] == '\t' || s[i] == '\r' ? ' ' : s[i]);
	if (n < len)
		dbt_buf_puts(b, "...");
}

static int expr_error(const char *expr, size_t len, const char *why)
{
	dbt_buf b = DBT_BUF_INIT;

	put_excerpt(&b, expr, len);
	dbt_error_set(DBT_EPARSE, "invalid expression '%s': %s", b.oom ? "" : dbt_buf_str(&b), why);
	dbt_buf_release(&b);
	return DBT_EPARSE;
}

/*
 * MariaDB/MySQL's `name` (a doubled backtick standing for one), which the
 * lexer reads as an operator: the token becomes a quoted name, the lexer
 * moved past it.  0 when the token is no such name or is one; DBT_EPARSE
 * for a name left open.  MariaDB prints its CHECK clauses, defaults and
 * generated expressions so, and `inspect` and mariadb-dump pass them on.
 */
static int backquoted(dbt_lexer *lx, dbt_token *tok, const char *expr, size_t len)
{
	size_t i = tok->start + 1;

	if (tok->kind != DBT_TOK_OP || expr[tok->start] != '`')
		return 0;
	for (;; i++) {
		if (i >= len)
			return dbt_error_set(DBT_EPARSE, "unterminated quoted identifier");
		if (expr[i] != '`')
			continue;
		if (i + 1 < len && expr[i + 1] == '`') {
			i++;
			continue;
		}
		break;
	}
	tok->kind = DBT_TOK_QUOTED;
	tok->len = i + 1 - tok->start;
	lx->pos = i + 1;
	return 0;
}

static int tokenize(struct toks *out, const char *expr, size_t len)
{
	dbt_lexer lx;
	dbt_token tok, *v;
	int rc;

	out->v = NULL;
	out->n = 0;
	dbt_lex_init(&lx, expr, len);
	for (;;) {
		if ((rc = dbt_lex_next(&lx, &tok)) < 0 ||
		    (rc = backquoted(&lx, &tok, expr, len)) < 0) {
			char why[256];

			snprintf(why, sizeof(why), "%s", dbt_error_last());
			free(out->v);
			out->v = NULL;
			out->n = 0;
			return expr_error(expr, len, why);
		}
		if (tok.kind == DBT_TOK_END)
			return 0;
		/* MariaDB's and MySQL's `name`, as their reflection gives an
		 * expression: one token, kept as it is written. */
		if (tok.kind == DBT_TOK_OP && expr[tok.start] == '`') {
			size_t i = tok.start + 1;

			while (i < len && (expr[i] != '`' || (i + 1 < len && expr[i + 1] == '`')))
				i += expr[i] == '`' ? 2 : 1;
			if (i < len) {
				tok.len = i + 1 - tok.start;
				lx.pos = i + 1;
			}
		}
		/* Room for 8 tokens, then twice the count each time it is
		 * full: the array grows here alone. */
		if (out->n == 0 || (out->n >= 8 && !(out->n & (out->n - 1)))) {
			v = resize(out->v, out->n ? 2 * out->n : 8, sizeof(*v));
			if (!v) {
				free(out->v);
				out->v = NULL;
				out->n = 0;
				return dbt_error_oom();
			}
			out->v = v;
		}
		out->v[out->n++] = tok;
	}
}

static int is_punct(const char *text, const dbt_token *t, char c)
{
	return t->kind == DBT_TOK_PUNCT && text[t->start] == c;
}

/* The index of the ')' that closes the '(' at `open`, or `n` when none. */
static size_t matching(const char *text, const struct toks *tk, size_t open, size_t n)
{
	size_t i;
	int depth = 0;

	for (i = open; i < n; i++) {
		if (is_punct(text, &tk->v[i], '('))
			depth++;
		else if (is_punct(text, &tk->v[i], ')') && --depth == 0)
			return i;
	}
	return n;
}

/* Whether every ')' of the tokens closes a '(' and every '(' is closed:
 * what the model's parser checks, and what SQLite's [name] made "name"
 * could undo when the brackets held a parenthesis ([a (b]). */
static int balanced(const char *text, const struct toks *tk)
{
	size_t i;
	long depth = 0;

	for (i = 0; i < tk->n; i++) {
		if (is_punct(text, &tk->v[i], '('))
			depth++;
		else if (is_punct(text, &tk->v[i], ')') && --depth < 0)
			return 0;
	}
	return depth == 0;
}

/* How many tokens from `i` make a type name; 0 when the first is no word. */
static size_t type_span(const char *text, const struct toks *tk, size_t i, size_t n)
{
	size_t j = i + 1;

	if (i >= n || tk->v[i].kind != DBT_TOK_WORD)
		return 0;
	while (j < n) {
		if (is_punct(text, &tk->v[j], '(')) {
			size_t close = matching(text, tk, j, n);

			if (close == n)
				break;
			j = close + 1;
		} else if (tk->v[j].kind == DBT_TOK_WORD &&
			   dbt_type_word_continues(text + tk->v[j].start, tk->v[j].len)) {
			j++;
		} else {
			break;
		}
	}
	return j - i;
}

/* A keyword that takes its argument list without a space: CAST(x AS t). */
static int call_keyword(const char *s, size_t n)
{
	static const char *const words[] = {"cast",	    "coalesce",
					    "current_time", "current_timestamp",
					    "greatest",	    "least",
					    "localtime",    "localtimestamp",
					    "nullif"};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strlen(words[i]) == n && !strncasecmp(words[i], s, n))
			return 1;
	return 0;
}

/* A keyword that ends an operand, after which a sign is binary. */
static int operand_keyword(const char *s, size_t n)
{
	static const char *const words[] = {"current_catalog", "current_date", "current_role",
					    "current_schema",  "current_user", "end",
					    "false",	       "null",	       "session_user",
					    "system_user",     "true",	       "user"};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strlen(words[i]) == n && !strncasecmp(words[i], s, n))
			return 1;
	return 0;
}

/* What the previous token lets the next one do. */
enum prev {
	PV_START,   /* nothing yet */
	PV_TIGHT,   /* ( [ . or ::: no space after */
	PV_SIGN,    /* a unary sign: no space after, but before an operator,
		     * lest "- -1" read back as a comment or "-@" as one operator */
	PV_CALL,    /* a name or call keyword: "(" follows without a space */
	PV_OPERAND, /* a value: a sign after it is binary */
	PV_OPER,    /* an operator, comma or keyword: a sign after it is unary */
};

/* Appends a quoted identifier's canonical form: bare when PostgreSQL
 * would not quote it. */
static void put_quoted(dbt_buf *b, const char *text, const dbt_token *t)
{
	char *name = dbt_token_name(text, t);
	size_t i;
	int bare;

	if (!name) {
		b->oom = 1;
		return;
	}
	bare = name[0] && !(name[0] >= '0' && name[0] <= '9');
	for (i = 0; bare && name[i]; i++)
		bare = (name[i] >= 'a' && name[i] <= 'z') || (name[i] >= '0' && name[i] <= '9') ||
		       name[i] == '_';
	if (bare && dbt_sql_keyword(name, i) == DBT_KW_NONE)
		dbt_buf_puts(b, name);
	else
		dbt_buf_put(b, text + t->start, t->len);
	free(name);
}

/* Whether a [ or ` after the token `prev` (NULL at the start) opens one of
 * SQLite's quoted names: where an operand or a name begins, after '(',
 * ',', '.' (main.[t]), an operator or a keyword that one follows.  After a name, a ')' or
 * a type (x[1], ARRAY[1], text[]) a '[' is PostgreSQL's subscript. */
static int opens_sqlite_name(const char *text, const dbt_token *prev)
{
	static const char *const words[] = {"and",    "or",    "not",	 "when",    "then",
					    "else",   "case",  "is",	 "between", "like",
					    "ilike",  "glob",  "regexp", "match",   "escape",
					    "select", "where", "on",	 "by",	    "distinct",
					    "from",   "join",  "table",	 "into",    "update",
					    "to"};
	size_t i;

	if (!prev)
		return 1;
	if (prev->kind == DBT_TOK_PUNCT)
		return text[prev->start] == '(' || text[prev->start] == ',' ||
		       text[prev->start] == '.';
	if (prev->kind == DBT_TOK_OP)
		return !dbt_token_is(text, prev, "::");
	if (prev->kind != DBT_TOK_WORD)
		return 0;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (dbt_token_is(text, prev, words[i]))
			return 1;
	return 0;
}

void dbt_expr_put_std_name(dbt_buf *out, const char *tok, size_t len, char quote)
{
	size_t i;

	dbt_buf_putc(out, '"');
	for (i = 1; i + 1 < len; i++) {
		if (tok[i] == '"')
			dbt_buf_putc(out, '"');
		dbt_buf_putc(out, tok[i]);
		if (quote == '`' && tok[i] == '`')
			i++;
	}
	dbt_buf_putc(out, '"');
}

/* 1 when the `len` bytes at `s` hold an odd number of backticks. */
static int unpaired_backtick(const char *s, size_t len)
{
	size_t i;
	int odd = 0;

	for (i = 0; i < len; i++)
		odd ^= s[i] == '`';
	return odd;
}

/*
 * dbt_expr_std_quotes(); with `strict`, a [name] or `name` read whole
 * that holds what no name may (bytes of no UTF-8 character) is an error
 * (DBT_EPARSE) instead of text left as it is, and so is a [name] holding
 * an unpaired backtick, which the model's parser, reading '[' as a
 * bracket, took as the start of a `name` that goes on past the ']'.  Read as tokens, its '['
 * would be a bracket and a "--" in it a comment, which the normal form
 * drops: read again, that form would hold a name made of the rest.
 */
static int std_quotes(char **out, const char *expr, size_t len, int strict)
{
	dbt_cursor c;
	dbt_token prev;
	dbt_buf b = DBT_BUF_INIT;
	size_t at = 0, i;
	int have_prev = 0, any = 0, depth = 0, rc;

	*out = NULL;
	if (!memchr(expr, '[', len) && !memchr(expr, '`', len))
		return 0;
	dbt_cursor_init(&c, expr, len);
	c.sqlite_quotes = 1;
	for (rc = dbt_cursor_next(&c); rc == 0 && c.tok.kind != DBT_TOK_END;
	     rc = dbt_cursor_next(&c)) {
		const char *s = expr + c.tok.start;

		if (c.tok.kind == DBT_TOK_QUOTED && c.quote == '[' &&
		    (depth > 0 || !opens_sqlite_name(expr, have_prev ? &prev : NULL))) {
			/* A subscript or an array's brackets, nested ones
			 * in it ([[1, 2], [3]]) included. */
			for (i = 0; i < c.tok.len; i++)
				depth += s[i] == '[' ? 1 : s[i] == ']' ? -1 : 0;
		} else if (c.tok.kind == DBT_TOK_PUNCT && s[0] == ']') {
			depth -= depth > 0;
		} else if (c.tok.kind == DBT_TOK_QUOTED && c.quote != '"' && c.tok.len > 2 &&
			   (c.quote == '[' || opens_sqlite_name(expr, have_prev ? &prev : NULL))) {
			/* (An empty [] or `` names nothing: left as it is.) */
			if (strict && c.quote == '[' && unpaired_backtick(s, c.tok.len)) {
				dbt_buf_release(&b);
				return expr_error(expr, len,
						  "a [name] holds an unpaired backtick, which "
						  "the model reads as opening a `name`");
			}
			dbt_buf_put(&b, expr + at, c.tok.start - at);
			dbt_expr_put_std_name(&b, s, c.tok.len, c.quote);
			at = c.tok.start + c.tok.len;
			any = 1;
		}
		prev = c.tok;
		have_prev = 1;
	}
	if (strict && rc < 0 && c.tok.kind == DBT_TOK_QUOTED && c.quote != '"' &&
	    expr[c.tok.start] == c.quote && (c.quote != '[' || depth == 0) &&
	    opens_sqlite_name(expr, have_prev ? &prev : NULL)) {
		char why[256];

		snprintf(why, sizeof(why), "%s", dbt_error_last());
		dbt_buf_release(&b);
		return expr_error(expr, len, why);
	}
	if (rc < 0 || !any) {
		if (rc < 0)
			dbt_error_clear();
		dbt_buf_release(&b);
		return 0;
	}
	dbt_buf_put(&b, expr + at, len - at);
	if (!(*out = dbt_buf_detach(&b)))
		return dbt_error_oom();
	return 0;
}

int dbt_expr_std_quotes(char **out, const char *expr, size_t len)
{
	return std_quotes(out, expr, len, 0);
}

int dbt_schema_normalize_expr(char **out, const char *expr, size_t len)
{
	struct toks tk = {NULL, 0};
	dbt_buf b = DBT_BUF_INIT;
	enum prev prev = PV_START;
	size_t first = 0, n, i, j;
	char *std = NULL;
	int rc;

	*out = NULL;
	if ((rc = std_quotes(&std, expr, len, 1)) < 0)
		return rc;
	if (std) {
		expr = std;
		len = strlen(std);
	}
	if ((rc = tokenize(&tk, expr, len)) < 0)
		goto cleanup;
	if (!balanced(expr, &tk)) {
		rc = expr_error(expr, len, "unbalanced parentheses");
		goto cleanup;
	}
	n = tk.n;
	while (n - first >= 2 && is_punct(expr, &tk.v[first], '(') &&
	       matching(expr, &tk, first, n) == n - 1) {
		first++;
		n--;
	}
	if (first >= n) {
		rc = expr_error(expr, len, "no expression");
		goto cleanup;
	}
	for (i = first; i < n; i++) {
		const dbt_token *t = &tk.v[i];
		const char *s = expr + t->start;
		int tight_before = is_punct(expr, t, ')') || is_punct(expr, t, ']') ||
				   is_punct(expr, t, ',') || is_punct(expr, t, '.') ||
				   is_punct(expr, t, '[') || dbt_token_is(expr, t, "::");
		dbt_keyword kw = DBT_KW_NONE;

		if (is_punct(expr, t, '('))
			tight_before = prev == PV_CALL;
		if (prev == PV_SIGN)
			tight_before = t->kind != DBT_TOK_OP;
		if (prev != PV_START && prev != PV_TIGHT && !tight_before)
			dbt_buf_putc(&b, ' ');
		else if (t->kind == DBT_TOK_NUMBER && i > first &&
			 is_punct(expr, &tk.v[i - 1], '.'))
			/* "x. 2" made "x.2" would read back as x and .2 */
			dbt_buf_putc(&b, ' ');
		else if (is_punct(expr, t, '.') && i > first && tk.v[i - 1].kind == DBT_TOK_NUMBER)
			/* "1 .n" made "1.n" would read back as 1. and n */
			dbt_buf_putc(&b, ' ');
		else if (dbt_token_is(expr, t, "::") && i > first &&
			 dbt_token_is(expr, &tk.v[i - 1], ":"))
			/* ": ::m" made ":::m" would read back as :: and : */
			dbt_buf_putc(&b, ' ');
		switch (t->kind) {
		case DBT_TOK_WORD:
			kw = dbt_sql_keyword(s, t->len);
			for (j = 0; j < t->len; j++)
				dbt_buf_putc(&b, (char)(kw ? ascii_upper((unsigned char)s[j])
							   : dbt_ascii_lower((unsigned char)s[j])));
			if (!kw || call_keyword(s, t->len))
				prev = PV_CALL;
			else if (operand_keyword(s, t->len))
				prev = PV_OPERAND;
			else
				prev = PV_OPER;
			break;
		case DBT_TOK_QUOTED:
			/* A quoted type name is not the keyword's type:
			 * ::"bit" keeps the string's length where ::bit is
			 * bit(1), and "char" is one byte, not char(1). */
			if (i > first && dbt_token_is(expr, &tk.v[i - 1], "::"))
				dbt_buf_put(&b, s, t->len);
			else
				put_quoted(&b, expr, t);
			prev = PV_CALL;
			break;
		case DBT_TOK_STRING:
			if (s[0] != '\'' && s[0] != '$') {
				dbt_buf_putc(&b, (char)ascii_upper((unsigned char)s[0]));
				dbt_buf_put(&b, s + 1, t->len - 1);
			} else {
				dbt_buf_put(&b, s, t->len);
			}
			prev = PV_OPERAND;
			break;
		case DBT_TOK_NUMBER:
			dbt_buf_put(&b, s, t->len);
			prev = PV_OPERAND;
			break;
		case DBT_TOK_OP:
			dbt_buf_put(&b, s, t->len);
			if (s[0] == '`' && t->len > 1)
				prev = PV_CALL; /* a `name` (tokenize) */
			else if (t->len == 2 && s[0] == ':' && s[1] == ':')
				prev = PV_TIGHT;
			else if (t->len == 1 && (s[0] == '-' || s[0] == '+') &&
				 (prev == PV_START || prev == PV_OPER || prev == PV_TIGHT ||
				  prev == PV_SIGN))
				prev = PV_SIGN;
			else
				prev = PV_OPER;
			break;
		default:
			dbt_buf_putc(&b, s[0]);
			if (s[0] == '(' || s[0] == '[' || s[0] == '.')
				prev = PV_TIGHT;
			else if (s[0] == ',')
				prev = PV_OPER;
			else
				prev = PV_OPERAND;
			break;
		}
		/* A type after :: or AS is spelled canonically when it is one. */
		if (dbt_token_is(expr, t, "::") ||
		    (t->kind == DBT_TOK_WORD && dbt_token_is(expr, t, "as"))) {
			size_t span = type_span(expr, &tk, i + 1, n);
			dbt_type ty;

			if (span) {
				const dbt_token *last = &tk.v[i + span];
				size_t from = tk.v[i + 1].start;

				if (dbt_type_parse(&ty, NULL, expr + from,
						   last->start + last->len - from, NULL) == 0) {
					if (prev != PV_TIGHT && prev != PV_SIGN)
						dbt_buf_putc(&b, ' ');
					dbt_type_format(&b, &ty);
					prev = PV_OPERAND;
					i += span;
				}
			}
		}
	}
	if (b.oom) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	/* Kept by the schema: a default or CHECK of each of thousands of
	 * columns and tables, most a few bytes long. */
	*out = dbt_buf_detach_fit(&b);
	rc = *out ? 0 : dbt_error_oom();
cleanup:
	free(tk.v);
	free(std);
	dbt_buf_release(&b);
	return rc;
}

/*
 * A clause of words outside parentheses and parenthesised lists: each
 * word, which must be one of `words`, in upper case; each list's content
 * canonical.  "for values from ( 1 ) to (10)" is "FOR VALUES FROM (1) TO
 * (10)".
 */
/* "invalid NOUN 'TEXT...': WHY" */
static int clause_error(const char *text, size_t len, const char *noun, const char *why)
{
	dbt_buf b = DBT_BUF_INIT;

	put_excerpt(&b, text, len);
	dbt_error_set(DBT_EPARSE, "invalid %s '%s': %s", noun, b.oom ? "" : dbt_buf_str(&b), why);
	dbt_buf_release(&b);
	return DBT_EPARSE;
}

static int canon_clause(char **out, const char *text, size_t len, const char *const *words,
			size_t nwords, const char *noun, const char *what)
{
	struct toks tk = {NULL, 0};
	dbt_buf b = DBT_BUF_INIT;
	size_t i, k, close;
	char *inner = NULL;
	int rc;

	*out = NULL;
	if ((rc = tokenize(&tk, text, len)) < 0)
		goto cleanup;
	if (tk.n == 0) {
		rc = clause_error(text, len, noun, what);
		goto cleanup;
	}
	for (i = 0; i < tk.n; i = close + 1) {
		const dbt_token *t = &tk.v[i];

		close = i;
		if (i > 0)
			dbt_buf_putc(&b, ' ');
		if (is_punct(text, t, '(')) {
			close = matching(text, &tk, i, tk.n);
			if (close == tk.n || close == i + 1) {
				rc = clause_error(text, len, noun, what);
				goto cleanup;
			}
			if ((rc = dbt_schema_normalize_expr(&inner, text + tk.v[i + 1].start,
							    tk.v[close].start -
								    tk.v[i + 1].start)) < 0)
				goto cleanup;
			dbt_buf_printf(&b, "(%s)", inner);
			free(inner);
			inner = NULL;
			continue;
		}
		for (k = 0;
		     k < nwords && !(t->kind == DBT_TOK_WORD && dbt_token_is(text, t, words[k]));
		     k++)
			;
		if (k == nwords) {
			rc = clause_error(text, len, noun, what);
			goto cleanup;
		}
		for (k = 0; k < t->len; k++) {
			char c = text[t->start + k];

			dbt_buf_putc(&b, c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c);
		}
	}
	if (b.oom) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	*out = dbt_buf_detach(&b);
	rc = *out ? 0 : dbt_error_oom();
cleanup:
	free(inner);
	free(tk.v);
	dbt_buf_release(&b);
	return rc;
}

int dbt_partition_key_canon(char **out, const char *text, size_t len)
{
	static const char *const words[] = {"range", "list", "hash"};

	return canon_clause(out, text, len, words, sizeof(words) / sizeof(words[0]),
			    "partition key",
			    "expected RANGE, LIST or HASH and the key in parentheses");
}

int dbt_partition_bound_canon(char **out, const char *text, size_t len)
{
	static const char *const words[] = {"for", "values", "in", "from", "to", "with", "default"};

	return canon_clause(out, text, len, words, sizeof(words) / sizeof(words[0]),
			    "partition bound", "expected FOR VALUES ... or DEFAULT");
}

/* ------------------------------------------------ names from expressions */

char *dbt_expr_colname(const char *expr)
{
	struct toks tk;
	char *name = NULL;
	size_t i;

	if (tokenize(&tk, expr, strlen(expr)) < 0) {
		dbt_error_clear();
		return strdup("expr");
	}
	if (tk.n >= 3 && tk.v[0].kind == DBT_TOK_WORD && is_punct(expr, &tk.v[1], '(') &&
	    matching(expr, &tk, 1, tk.n) == tk.n - 1) {
		name = strndup(expr + tk.v[0].start, tk.v[0].len);
		for (i = 0; name && name[i]; i++)
			name[i] = (char)dbt_ascii_lower((unsigned char)name[i]);
	} else {
		name = strdup("expr");
	}
	free(tk.v);
	return name;
}

const char *dbt_expr_check_column(const struct dbt_table *t, const char *expr)
{
	struct toks tk;
	const char *found = NULL;
	char *name = NULL;
	size_t i;

	if (tokenize(&tk, expr, strlen(expr)) < 0)
		return NULL;
	for (i = 0; i < tk.n; i++) {
		const dbt_token *k = &tk.v[i];
		const dbt_column *c;

		if (k->kind != DBT_TOK_WORD && k->kind != DBT_TOK_QUOTED)
			continue;
		if (k->kind == DBT_TOK_WORD && dbt_sql_keyword(expr + k->start, k->len))
			continue;
		if (i + 1 < tk.n && is_punct(expr, &tk.v[i + 1], '('))
			continue;
		if (i > 0 &&
		    (is_punct(expr, &tk.v[i - 1], '.') || dbt_token_is(expr, &tk.v[i - 1], "::")))
			continue;
		name = dbt_token_name(expr, k);
		if (!name)
			break;
		c = dbt_table_find_column(t, name);
		free(name);
		name = NULL;
		if (!c)
			continue;
		if (found && found != c->name) {
			found = NULL;
			break;
		}
		found = c->name;
	}
	free(tk.v);
	return found;
}

int dbt_expr_exclude_columns(char **out, const char *def)
{
	struct toks tk;
	dbt_buf b = DBT_BUF_INIT;
	size_t i, open;
	int depth = 0, rc;

	*out = NULL;
	if ((rc = tokenize(&tk, def, strlen(def))) < 0)
		return rc == DBT_EPARSE ? 0 : rc; /* what does not tokenize names nothing */
	for (open = 0; open < tk.n && !is_punct(def, &tk.v[open], '('); open++)
		;
	for (i = open + 1; i + 1 < tk.n; i++) {
		const dbt_token *k = &tk.v[i];

		if (is_punct(def, k, '('))
			depth++;
		else if (is_punct(def, k, ')') && depth-- == 0)
			break;
		if (depth == 0 && (i == open + 1 || is_punct(def, &tk.v[i - 1], ',')) &&
		    (k->kind == DBT_TOK_WORD || k->kind == DBT_TOK_QUOTED) &&
		    dbt_token_is(def, &tk.v[i + 1], "with")) {
			char *name = dbt_token_name(def, k);

			if (!name) {
				b.oom = 1;
				break;
			}
			if (b.len)
				dbt_buf_putc(&b, '_');
			dbt_buf_puts(&b, name);
			free(name);
		}
	}
	free(tk.v);
	if (b.oom) {
		dbt_buf_release(&b);
		return dbt_error_oom();
	}
	if (b.len)
		*out = dbt_buf_detach(&b);
	dbt_buf_release(&b);
	return 0;
}
