/*
 * schema.c - the metadata model (see schema.h): canonical types, building
 * and releasing a schema, lookups, and the normalisation that makes equal
 * schemas compare equal whichever source they came from: canonical
 * expression text, implied NOT NULL, redundant unique constraints, and the
 * names PostgreSQL gives to what the user left unnamed.
 */
#include "schema.h"

#include "error.h"
#include "ident.h"
#include "parse.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------------ types */

#define VARCHAR_MAX 10485760
#define NUMERIC_MAX 1000
#define TIME_PRECISION_MAX 6

enum params { P_NONE, P_LENGTH, P_NUMERIC, P_FLOAT, P_TIME };

struct type_name {
	const char *name;
	dbt_type_kind kind;
	enum params params;
	int serial;
};

/* Single-word names; DOUBLE [PRECISION], CHARACTER [VARYING] and the time
 * zone words are handled where they are parsed. */
static const struct type_name type_names[] = {
	{"bigint", DBT_TYPE_BIGINT, P_NONE, 0},
	{"bigserial", DBT_TYPE_BIGINT, P_NONE, 1},
	{"blob", DBT_TYPE_BLOB, P_NONE, 0},
	{"bool", DBT_TYPE_BOOLEAN, P_NONE, 0},
	{"boolean", DBT_TYPE_BOOLEAN, P_NONE, 0},
	{"bpchar", DBT_TYPE_CHAR, P_LENGTH, 0},
	{"bytea", DBT_TYPE_BLOB, P_NONE, 0},
	{"char", DBT_TYPE_CHAR, P_LENGTH, 0},
	{"character", DBT_TYPE_CHAR, P_LENGTH, 0},
	{"date", DBT_TYPE_DATE, P_NONE, 0},
	{"datetime", DBT_TYPE_TIMESTAMP, P_TIME, 0},
	{"dec", DBT_TYPE_NUMERIC, P_NUMERIC, 0},
	{"decimal", DBT_TYPE_NUMERIC, P_NUMERIC, 0},
	{"double", DBT_TYPE_DOUBLE, P_NONE, 0},
	{"float", DBT_TYPE_DOUBLE, P_FLOAT, 0},
	{"float4", DBT_TYPE_REAL, P_NONE, 0},
	{"float8", DBT_TYPE_DOUBLE, P_NONE, 0},
	{"int", DBT_TYPE_INTEGER, P_NONE, 0},
	{"int2", DBT_TYPE_SMALLINT, P_NONE, 0},
	{"int4", DBT_TYPE_INTEGER, P_NONE, 0},
	{"int8", DBT_TYPE_BIGINT, P_NONE, 0},
	{"integer", DBT_TYPE_INTEGER, P_NONE, 0},
	{"json", DBT_TYPE_JSON, P_NONE, 0},
	{"numeric", DBT_TYPE_NUMERIC, P_NUMERIC, 0},
	{"real", DBT_TYPE_REAL, P_NONE, 0},
	{"serial", DBT_TYPE_INTEGER, P_NONE, 1},
	{"serial2", DBT_TYPE_SMALLINT, P_NONE, 1},
	{"serial4", DBT_TYPE_INTEGER, P_NONE, 1},
	{"serial8", DBT_TYPE_BIGINT, P_NONE, 1},
	{"smallint", DBT_TYPE_SMALLINT, P_NONE, 0},
	{"smallserial", DBT_TYPE_SMALLINT, P_NONE, 1},
	{"text", DBT_TYPE_TEXT, P_NONE, 0},
	{"time", DBT_TYPE_TIME, P_TIME, 0},
	{"timestamp", DBT_TYPE_TIMESTAMP, P_TIME, 0},
	{"timestamptz", DBT_TYPE_TIMESTAMPTZ, P_TIME, 0},
	{"timetz", DBT_TYPE_TIMETZ, P_TIME, 0},
	{"uuid", DBT_TYPE_UUID, P_NONE, 0},
	{"varchar", DBT_TYPE_VARCHAR, P_LENGTH, 0},
};

static const char *const kind_names[] = {
	[DBT_TYPE_NONE] = "NONE",
	[DBT_TYPE_SMALLINT] = "SMALLINT",
	[DBT_TYPE_INTEGER] = "INTEGER",
	[DBT_TYPE_BIGINT] = "BIGINT",
	[DBT_TYPE_BOOLEAN] = "BOOLEAN",
	[DBT_TYPE_REAL] = "REAL",
	[DBT_TYPE_DOUBLE] = "DOUBLE PRECISION",
	[DBT_TYPE_NUMERIC] = "NUMERIC",
	[DBT_TYPE_VARCHAR] = "VARCHAR",
	[DBT_TYPE_CHAR] = "CHAR",
	[DBT_TYPE_TEXT] = "TEXT",
	[DBT_TYPE_DATE] = "DATE",
	[DBT_TYPE_TIME] = "TIME",
	[DBT_TYPE_TIMETZ] = "TIME",
	[DBT_TYPE_TIMESTAMP] = "TIMESTAMP",
	[DBT_TYPE_TIMESTAMPTZ] = "TIMESTAMP",
	[DBT_TYPE_BLOB] = "BLOB",
	[DBT_TYPE_JSON] = "JSON",
	[DBT_TYPE_UUID] = "UUID",
	[DBT_TYPE_OTHER] = "",
};

static int ascii_upper(int c)
{
	return c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c;
}

/* The type parser reads tokens one at a time through this. */
struct tparse {
	dbt_lexer lx;
	dbt_token tok;
	const char *text;
	size_t *errpos;
};

static int tnext(struct tparse *t)
{
	int rc = dbt_lex_next(&t->lx, &t->tok);

	if (rc < 0 && t->errpos)
		*t->errpos = t->tok.start;
	return rc;
}

static int tfail(struct tparse *t, const char *what)
{
	dbt_buf b = DBT_BUF_INIT;

	if (t->errpos)
		*t->errpos = t->tok.start;
	dbt_token_describe(&b, t->text, &t->tok);
	dbt_error_set(DBT_EPARSE, "expected %s, found %s", what, b.oom ? "?" : b.ptr);
	dbt_buf_release(&b);
	return DBT_EPARSE;
}

static int tis(struct tparse *t, const char *s)
{
	return dbt_token_is(t->text, &t->tok, s);
}

/* An unsigned integer token, capped just past any limit we check. */
static int tint(struct tparse *t, int *out)
{
	const char *s = t->text + t->tok.start;
	long v = 0;
	size_t i;

	if (t->tok.kind != DBT_TOK_NUMBER)
		return tfail(t, "an integer");
	for (i = 0; i < t->tok.len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return tfail(t, "an integer");
		v = v * 10 + (s[i] - '0');
		if (v > INT_MAX)
			v = INT_MAX;
	}
	*out = (int)v;
	return 0;
}

static int trange(struct tparse *t, const char *what, int v, int lo, int hi)
{
	if (v >= lo && v <= hi)
		return 0;
	if (t->errpos)
		*t->errpos = t->tok.start;
	return dbt_error_set(DBT_EPARSE, "%s %.*s must be between %d and %d", what, (int)t->tok.len,
			     t->text + t->tok.start, lo, hi);
}

/* "( n )" after a type name, when present; `*n` stays -1 otherwise. */
static int tparam(struct tparse *t, int *n, const char *what, int lo, int hi)
{
	int rc;

	if (!tis(t, "("))
		return 0;
	if ((rc = tnext(t)) < 0 || (rc = tint(t, n)) < 0 || (rc = trange(t, what, *n, lo, hi)) < 0)
		return rc;
	if ((rc = tnext(t)) < 0)
		return rc;
	if (!tis(t, ")"))
		return tfail(t, "')'");
	return tnext(t);
}

/* [WITH | WITHOUT] TIME ZONE after TIME and TIMESTAMP. */
static int ttimezone(struct tparse *t, dbt_type *ty)
{
	int with, rc;

	if (tis(t, "with"))
		with = 1;
	else if (tis(t, "without"))
		with = 0;
	else
		return 0;
	if ((rc = tnext(t)) < 0)
		return rc;
	if (!tis(t, "time"))
		return tfail(t, "TIME ZONE");
	if ((rc = tnext(t)) < 0)
		return rc;
	if (!tis(t, "zone"))
		return tfail(t, "ZONE");
	if (with)
		ty->kind = ty->kind == DBT_TYPE_TIME ? DBT_TYPE_TIMETZ : DBT_TYPE_TIMESTAMPTZ;
	return tnext(t);
}

static int tnumeric(struct tparse *t, dbt_type *ty)
{
	int rc;

	if (!tis(t, "("))
		return 0;
	if ((rc = tnext(t)) < 0 || (rc = tint(t, &ty->precision)) < 0 ||
	    (rc = trange(t, "NUMERIC precision", ty->precision, 1, NUMERIC_MAX)) < 0 ||
	    (rc = tnext(t)) < 0)
		return rc;
	ty->scale = 0;
	if (!tis(t, ",")) {
		if (!tis(t, ")"))
			return tfail(t, "',' or ')'");
		return tnext(t);
	}
	if ((rc = tnext(t)) < 0 || (rc = tint(t, &ty->scale)) < 0)
		return rc;
	if (ty->scale > ty->precision) {
		if (t->errpos)
			*t->errpos = t->tok.start;
		return dbt_error_set(DBT_EPARSE,
				     "NUMERIC scale %.*s must be between 0 and the precision %d",
				     (int)t->tok.len, t->text + t->tok.start, ty->precision);
	}
	if ((rc = tnext(t)) < 0)
		return rc;
	if (!tis(t, ")"))
		return tfail(t, "')'");
	return tnext(t);
}

static const struct type_name *find_type_name(const char *s, size_t n)
{
	char word[16];
	size_t i, lo = 0, hi = sizeof(type_names) / sizeof(type_names[0]);

	if (n >= sizeof(word))
		return NULL;
	for (i = 0; i < n; i++)
		word[i] = (char)dbt_ascii_lower((unsigned char)s[i]);
	word[n] = '\0';
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(word, type_names[mid].name);

		if (c == 0)
			return &type_names[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

int dbt_type_parse(dbt_type *out, int *serial, const char *text, size_t len, size_t *errpos)
{
	struct tparse t;
	const struct type_name *tn;
	dbt_type ty = DBT_TYPE_INIT(DBT_TYPE_NONE);
	int p = -1, rc;

	memset(&t, 0, sizeof(t));
	t.text = text;
	t.errpos = errpos;
	dbt_lex_init(&t.lx, text, len);
	if ((rc = tnext(&t)) < 0)
		goto cleanup;
	tn = t.tok.kind == DBT_TOK_WORD ? find_type_name(text + t.tok.start, t.tok.len) : NULL;
	if (!tn) {
		rc = tfail(&t, "a type");
		goto cleanup;
	}
	ty.kind = tn->kind;
	if ((rc = tnext(&t)) < 0)
		goto cleanup;
	switch (tn->params) {
	case P_NONE:
		if (ty.kind == DBT_TYPE_DOUBLE && !strcmp(tn->name, "double") &&
		    tis(&t, "precision"))
			rc = tnext(&t);
		break;
	case P_LENGTH:
		if (ty.kind == DBT_TYPE_CHAR && strcmp(tn->name, "bpchar") && tis(&t, "varying")) {
			ty.kind = DBT_TYPE_VARCHAR;
			if ((rc = tnext(&t)) < 0)
				goto cleanup;
		}
		rc = tparam(&t, &ty.length,
			    ty.kind == DBT_TYPE_CHAR ? "CHAR length" : "VARCHAR length", 1,
			    VARCHAR_MAX);
		if (rc == 0 && ty.kind == DBT_TYPE_CHAR && ty.length < 0)
			ty.length = 1;
		break;
	case P_NUMERIC:
		rc = tnumeric(&t, &ty);
		break;
	case P_FLOAT:
		rc = tparam(&t, &p, "FLOAT precision", 1, 53);
		if (p >= 1 && p <= 24)
			ty.kind = DBT_TYPE_REAL;
		break;
	case P_TIME:
		rc = tparam(&t, &ty.precision,
			    ty.kind == DBT_TYPE_TIME || ty.kind == DBT_TYPE_TIMETZ
				    ? "TIME precision"
				    : "TIMESTAMP precision",
			    0, TIME_PRECISION_MAX);
		if (rc == 0 && (ty.kind == DBT_TYPE_TIME || ty.kind == DBT_TYPE_TIMESTAMP))
			rc = ttimezone(&t, &ty);
		break;
	}
	if (rc < 0)
		goto cleanup;
	if (t.tok.kind != DBT_TOK_END) {
		dbt_buf what = DBT_BUF_INIT;

		dbt_buf_puts(&what, "end of type '");
		dbt_type_format(&what, &ty);
		dbt_buf_putc(&what, '\'');
		rc = tfail(&t, what.oom ? "end of type" : what.ptr);
		dbt_buf_release(&what);
		goto cleanup;
	}
	*out = ty;
	if (serial)
		*serial = tn->serial;
	rc = 0;
cleanup:
	return rc;
}

/*
 * `name` and then the kind's numbers: (p,s), (n) or (p); the time types
 * end with `with_tz` or, when not NULL, `without_tz`.
 */
static void format_numbers(dbt_buf *out, const dbt_type *type, const char *name,
			   const char *with_tz, const char *without_tz)
{
	dbt_type_kind k = type->kind;

	dbt_buf_puts(out, name);
	switch (k) {
	case DBT_TYPE_NUMERIC:
		if (type->precision >= 0)
			dbt_buf_printf(out, "(%d,%d)", type->precision,
				       type->scale < 0 ? 0 : type->scale);
		break;
	case DBT_TYPE_VARCHAR:
	case DBT_TYPE_CHAR:
		if (type->length >= 0)
			dbt_buf_printf(out, "(%d)", type->length);
		break;
	case DBT_TYPE_TIME:
	case DBT_TYPE_TIMETZ:
	case DBT_TYPE_TIMESTAMP:
	case DBT_TYPE_TIMESTAMPTZ:
		if (type->precision >= 0)
			dbt_buf_printf(out, "(%d)", type->precision);
		if (k == DBT_TYPE_TIMETZ || k == DBT_TYPE_TIMESTAMPTZ)
			dbt_buf_puts(out, with_tz);
		else if (without_tz)
			dbt_buf_puts(out, without_tz);
		break;
	default:
		break;
	}
}

/* The canonical spelling of a kind and its numbers. */
static void format_kind(dbt_buf *out, const dbt_type *type)
{
	dbt_type k = *type;

	if ((size_t)k.kind >= sizeof(kind_names) / sizeof(kind_names[0]))
		k.kind = DBT_TYPE_NONE;
	format_numbers(out, &k, kind_names[k.kind], " WITH TIME ZONE", NULL);
}

void dbt_type_format(dbt_buf *out, const dbt_type *type)
{
	if (type->text)
		dbt_buf_puts(out, type->text);
	else
		format_kind(out, type);
}

/* What format_type() prints for a portable kind. */
static void format_postgres(dbt_buf *out, const dbt_type *type)
{
	static const char *const names[] = {
		[DBT_TYPE_SMALLINT] = "smallint",
		[DBT_TYPE_INTEGER] = "integer",
		[DBT_TYPE_BIGINT] = "bigint",
		[DBT_TYPE_BOOLEAN] = "boolean",
		[DBT_TYPE_REAL] = "real",
		[DBT_TYPE_DOUBLE] = "double precision",
		[DBT_TYPE_NUMERIC] = "numeric",
		[DBT_TYPE_VARCHAR] = "character varying",
		[DBT_TYPE_CHAR] = "character",
		[DBT_TYPE_TEXT] = "text",
		[DBT_TYPE_DATE] = "date",
		[DBT_TYPE_TIME] = "time",
		[DBT_TYPE_TIMETZ] = "time",
		[DBT_TYPE_TIMESTAMP] = "timestamp",
		[DBT_TYPE_TIMESTAMPTZ] = "timestamp",
		[DBT_TYPE_BLOB] = "bytea",
		[DBT_TYPE_JSON] = "json",
		[DBT_TYPE_UUID] = "uuid",
	};
	dbt_type_kind k = type->kind;

	if (!dbt_type_is_portable(k)) {
		format_kind(out, type);
		return;
	}
	format_numbers(out, type, names[k], " with time zone", " without time zone");
}

/* Tokens of a type's text, for the normal forms below. */
struct ttoks {
	dbt_token *v;
	size_t n;
};

static int ttoks_read(struct ttoks *out, const char *text, size_t len, size_t *errpos)
{
	dbt_lexer lx;
	dbt_token tok, *v;
	int rc;

	out->v = NULL;
	out->n = 0;
	dbt_lex_init(&lx, text, len);
	for (;;) {
		if ((rc = dbt_lex_next(&lx, &tok)) < 0) {
			if (errpos)
				*errpos = tok.start;
			free(out->v);
			out->v = NULL;
			return rc;
		}
		if (tok.kind == DBT_TOK_END)
			return 0;
		if (!(v = realloc(out->v, (out->n + 1) * sizeof(*v)))) {
			free(out->v);
			out->v = NULL;
			return dbt_error_oom();
		}
		out->v = v;
		v[out->n++] = tok;
	}
}

static int tok_is(const char *text, const dbt_token *t, const char *s)
{
	return dbt_token_is(text, t, s);
}

/* 1 when no blank goes between tokens `a` and `b` of a type's text. */
static int tight(const char *text, const dbt_token *before, const dbt_token *a, const dbt_token *b)
{
	if (tok_is(text, b, "(") || tok_is(text, b, ")") || tok_is(text, b, "[") ||
	    tok_is(text, b, "]") || tok_is(text, b, ",") || tok_is(text, b, "."))
		return 1;
	if (tok_is(text, a, "(") || tok_is(text, a, "[") || tok_is(text, a, ",") ||
	    tok_is(text, a, "."))
		return 1;
	/* A sign before a number: "(-3)", "(10,-2)". */
	return a->kind == DBT_TOK_OP && (tok_is(text, a, "-") || tok_is(text, a, "+")) &&
	       (!before || tok_is(text, before, "(") || tok_is(text, before, ","));
}

/* Appends tokens [from, to) with blanks normalised; unquoted words in
 * lower case when `lower`. */
static void put_tokens(dbt_buf *out, const char *text, const struct ttoks *tk, size_t from,
		       size_t to, int lower)
{
	size_t i, j;

	for (i = from; i < to; i++) {
		const dbt_token *t = &tk->v[i];

		if (i > from && !tight(text, i > from + 1 ? &tk->v[i - 2] : NULL, &tk->v[i - 1], t))
			dbt_buf_putc(out, ' ');
		if (lower && t->kind == DBT_TOK_WORD) {
			for (j = 0; j < t->len; j++)
				dbt_buf_putc(out, (char)dbt_ascii_lower(
							  (unsigned char)text[t->start + j]));
		} else {
			dbt_buf_put(out, text + t->start, t->len);
		}
	}
}

static int detach_into(char **out, dbt_buf *b)
{
	if (b->oom) {
		dbt_buf_release(b);
		return dbt_error_oom();
	}
	if (!b->ptr)
		dbt_buf_puts(b, "");
	*out = dbt_buf_detach(b);
	return *out ? 0 : dbt_error_oom();
}

int dbt_type_name_is_portable(const char *word, size_t len)
{
	return find_type_name(word, len) != NULL;
}

/* The end of a type's tokens before its array suffixes ("[]", "[3]",
 * ARRAY, ARRAY[3]), from token `from`; `*array` says whether it had any. */
static size_t strip_array(const char *text, const struct ttoks *tk, size_t from, int *array)
{
	size_t to = tk->n, end;

	*array = 0;
	while (to > from) {
		if (tok_is(text, &tk->v[to - 1], "]")) {
			for (end = to - 1; end > from && !tok_is(text, &tk->v[end], "["); end--)
				;
			if (end == from)
				break;
			to = end;
			if (to > from + 1 && tk->v[to - 1].kind == DBT_TOK_WORD &&
			    tok_is(text, &tk->v[to - 1], "array"))
				to--;
		} else if (to > from + 1 && tk->v[to - 1].kind == DBT_TOK_WORD &&
			   tok_is(text, &tk->v[to - 1], "array")) {
			to--;
		} else {
			break;
		}
		*array = 1;
	}
	return to;
}

int dbt_type_declare(dbt_type *out, int *serial, const char *text, size_t len, size_t *errpos)
{
	struct ttoks tk;
	dbt_buf b = DBT_BUF_INIT;
	dbt_type ty = DBT_TYPE_INIT(DBT_TYPE_OTHER);
	char *decl;
	size_t to;
	int rc, array, portable;

	*out = ty;
	if (serial)
		*serial = 0;
	if ((rc = ttoks_read(&tk, text, len, errpos)) < 0)
		return rc;
	put_tokens(&b, text, &tk, 0, tk.n, 0);
	to = strip_array(text, &tk, 0, &array);
	portable = tk.n > 0 && tk.v[0].kind == DBT_TOK_WORD &&
		   find_type_name(text + tk.v[0].start, tk.v[0].len) &&
		   /* SMALLINT UNSIGNED is a name SQLite takes as it is. */
		   !dbt_token_is(text, &tk.v[tk.n - 1], "unsigned");
	/* A type named by a portable type's name is that type, spelled as
	 * it is spelled: a fault in it is the model's. */
	rc = portable ? dbt_type_parse(&ty, serial, text, tk.v[to - 1].start + tk.v[to - 1].len,
				       errpos)
		      : 0;
	free(tk.v);
	if (rc < 0) {
		dbt_buf_release(&b);
		return rc;
	}
	if ((rc = detach_into(&decl, &b)) < 0)
		return rc;
	if (!portable || array) {
		ty = (dbt_type)DBT_TYPE_INIT(DBT_TYPE_OTHER);
		if (serial)
			*serial = 0;
	}
	ty.decl = decl;
	if (ty.kind == DBT_TYPE_OTHER && !(ty.text = strdup(decl))) {
		dbt_type_release(&ty);
		return dbt_error_oom();
	}
	*out = ty;
	return 0;
}

/* 1 when `s` is `canon` ignoring ASCII case. */
static int same_nocase(const char *s, const char *canon)
{
	return !dbt_name_casecmp(s, canon);
}

int dbt_type_from_sqlite(dbt_type *out, const char *decl)
{
	struct ttoks tk;
	dbt_buf b = DBT_BUF_INIT, canon = DBT_BUF_INIT;
	dbt_type ty = DBT_TYPE_INIT(DBT_TYPE_OTHER);
	char *text;
	int rc;

	*out = ty;
	if ((rc = ttoks_read(&tk, decl, strlen(decl), NULL)) < 0) {
		/* Text our tokenizer does not read is kept as it is; running
		 * out of memory is an error. */
		if (rc != DBT_EPARSE)
			return rc;
		dbt_error_clear();
		dbt_buf_puts(&b, decl);
	} else {
		/* SQLite takes a type written as one quoted name without its
		 * quotes. */
		if (tk.n == 1 && tk.v[0].kind == DBT_TOK_QUOTED) {
			char *name = dbt_token_name(decl, &tk.v[0]);

			if (name)
				dbt_buf_puts(&b, name);
			else
				b.oom = 1;
			free(name);
		} else {
			put_tokens(&b, decl, &tk, 0, tk.n, 0);
		}
		free(tk.v);
	}
	if ((rc = detach_into(&text, &b)) < 0)
		return rc;
	rc = *text ? dbt_type_parse(&ty, NULL, text, strlen(text), NULL) : DBT_EPARSE;
	if (rc == 0) {
		format_kind(&canon, &ty);
		if (canon.oom) {
			dbt_buf_release(&canon);
			free(text);
			return dbt_error_oom();
		}
		if (same_nocase(text, canon.ptr)) {
			free(text);
			text = NULL;
		}
		dbt_buf_release(&canon);
	} else if (rc != DBT_EPARSE) {
		free(text);
		return rc;
	} else {
		dbt_error_clear();
		ty.kind = DBT_TYPE_OTHER;
		ty.length = ty.precision = ty.scale = -1;
	}
	ty.text = text;
	*out = ty;
	return 0;
}

/* PostgreSQL's names for the aliases of its types that are no portable
 * type: the first word(s) as written, and what format_type() prints. */
static const struct {
	const char *name;
	const char *pg;
} pg_aliases[] = {
	{"varbit", "bit varying"},
	{"bool", "boolean"},
	{"timetz", "time with time zone"},
	{"int", "integer"},
	{"int2", "smallint"},
	{"int4", "integer"},
	{"int8", "bigint"},
	{"float4", "real"},
	{"float8", "double precision"},
	{"decimal", "numeric"},
	{"varchar", "character varying"},
	{"char", "character"},
	{"timestamptz", "timestamp with time zone"},
};

/* 1 when a quoted name reads the same bare: what format_type() leaves
 * unquoted.  The words of SQL's type syntax ("bit", "char", "time", ...)
 * are PostgreSQL keywords that it quotes when they name a type of their
 * own: "bit" is not bit, which means bit(1). */
static int bare_name(const char *s)
{
	static const char *const col_name_keywords[] = {
		"bigint",    "bit",  "boolean",	 "char",     "character", "dec",     "decimal",
		"float",     "int",  "integer",	 "interval", "national",  "nchar",   "numeric",
		"precision", "real", "smallint", "time",     "timestamp", "varchar",
	};
	size_t i;

	for (i = 0; i < sizeof(col_name_keywords) / sizeof(col_name_keywords[0]); i++)
		if (!strcmp(s, col_name_keywords[i]))
			return 0;

	if (!((*s >= 'a' && *s <= 'z') || *s == '_'))
		return 0;
	for (i = 1; s[i]; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_' ||
		      s[i] == '$'))
			return 0;
	return dbt_sql_keyword(s, i) != DBT_KW_RESERVED;
}

/* Appends tokens [from, to) of a non-portable type in format_type()'s
 * form: words in lower case, quoted names bare where they can be, the
 * aliases named as PostgreSQL names them, BIT alone as bit(1). */
static void put_postgres_other(dbt_buf *out, const char *text, const struct ttoks *tk, size_t from,
			       size_t to)
{
	size_t i, k;

	if (to - from == 1 && tk->v[from].kind == DBT_TOK_WORD &&
	    tok_is(text, &tk->v[from], "bit")) {
		dbt_buf_puts(out, "bit(1)");
		return;
	}
	if (to - from >= 1 && tk->v[from].kind == DBT_TOK_WORD) {
		for (k = 0; k < sizeof(pg_aliases) / sizeof(pg_aliases[0]); k++) {
			if (tok_is(text, &tk->v[from], pg_aliases[k].name)) {
				dbt_buf_puts(out, pg_aliases[k].pg);
				if (from + 1 < to &&
				    !tight(text, NULL, &tk->v[from], &tk->v[from + 1]))
					dbt_buf_putc(out, ' ');
				put_tokens(out, text, tk, from + 1, to, 1);
				return;
			}
		}
	}
	for (i = from; i < to; i++) {
		const dbt_token *t = &tk->v[i];
		char *name;

		if (t->kind != DBT_TOK_QUOTED) {
			if (i > from &&
			    !tight(text, i > from + 1 ? &tk->v[i - 2] : NULL, &tk->v[i - 1], t))
				dbt_buf_putc(out, ' ');
			put_tokens(out, text, tk, i, i + 1, 1);
			continue;
		}
		if (i > from && !tight(text, NULL, &tk->v[i - 1], t))
			dbt_buf_putc(out, ' ');
		name = dbt_token_name(text, t);
		if (!name)
			out->oom = 1;
		else if (bare_name(name))
			dbt_buf_puts(out, name);
		else
			dbt_buf_put(out, text + t->start, t->len);
		free(name);
	}
}

int dbt_type_from_postgres(dbt_type *out, const char *text)
{
	struct ttoks tk;
	dbt_buf b = DBT_BUF_INIT;
	dbt_type ty = DBT_TYPE_INIT(DBT_TYPE_OTHER);
	size_t from = 0, to;
	int rc, array = 0;

	*out = ty;
	if ((rc = ttoks_read(&tk, text, strlen(text), NULL)) < 0)
		return rc;
	/* A schema qualifier: pg_catalog's and public's types are named
	 * without one; another stays. */
	if (tk.n >= 3 && (tk.v[0].kind == DBT_TOK_WORD || tk.v[0].kind == DBT_TOK_QUOTED) &&
	    tok_is(text, &tk.v[1], ".")) {
		char *schema = dbt_token_name(text, &tk.v[0]);

		if (!schema) {
			free(tk.v);
			return dbt_error_oom();
		}
		if (strcmp(schema, "pg_catalog") && strcmp(schema, "public"))
			put_postgres_other(&b, text, &tk, 0, 2);
		free(schema);
		from = 2;
	}
	/* Array suffixes, "[]", "[3]" or ARRAY [n], however many: one array
	 * type. */
	to = strip_array(text, &tk, from, &array);
	rc = to > from && b.len == 0
		     ? dbt_type_parse(&ty, NULL, text + tk.v[from].start,
				      tk.v[to - 1].start + tk.v[to - 1].len - tk.v[from].start,
				      NULL)
		     : DBT_EPARSE;
	if (rc < 0 && rc != DBT_EPARSE) {
		free(tk.v);
		dbt_buf_release(&b);
		return rc;
	}
	if (rc == 0 && !(to - from == 1 && tok_is(text, &tk.v[from], "bpchar"))) {
		if (!array) {
			free(tk.v);
			*out = ty;
			return 0;
		}
		format_postgres(&b, &ty);
	} else {
		dbt_error_clear();
		put_postgres_other(&b, text, &tk, from, to);
	}
	if (array)
		dbt_buf_puts(&b, "[]");
	free(tk.v);
	ty.kind = DBT_TYPE_OTHER;
	ty.length = ty.precision = ty.scale = -1;
	if ((rc = detach_into(&ty.text, &b)) < 0)
		return rc;
	*out = ty;
	return 0;
}

int dbt_type_copy(dbt_type *out, const dbt_type *type)
{
	*out = *type;
	out->text = NULL;
	out->decl = NULL;
	if ((type->text && !(out->text = strdup(type->text))) ||
	    (type->decl && !(out->decl = strdup(type->decl)))) {
		dbt_type_release(out);
		return dbt_error_oom();
	}
	return 0;
}

void dbt_type_release(dbt_type *type)
{
	free(type->text);
	free(type->decl);
	type->text = NULL;
	type->decl = NULL;
}

/* Past a schema qualifier at the start of a type's text: `name.` or
 * `"name".`. */
static const char *skip_qualifier(const char *s)
{
	const char *p = s;

	if (*p == '"') {
		for (p++; *p; p++) {
			if (*p == '"' && p[1] == '"')
				p++;
			else if (*p == '"')
				break;
		}
		if (!*p)
			return s;
		p++;
	} else {
		while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		       (*p >= '0' && *p <= '9') || *p == '_' || *p == '$' ||
		       (unsigned char)*p >= 0x80)
			p++;
	}
	return p > s && *p == '.' ? p + 1 : s;
}

/* Texts equal ignoring case outside double quotes. */
static int same_text(const char *a, const char *b)
{
	int quoted = 0;

	a = skip_qualifier(a);
	b = skip_qualifier(b);
	for (; *a && *b; a++, b++) {
		if (*a == '"' && *b == '"')
			quoted = !quoted;
		if (quoted ? *a != *b
			   : dbt_ascii_lower((unsigned char)*a) !=
				     dbt_ascii_lower((unsigned char)*b))
			return 0;
	}
	return *a == *b;
}

int dbt_type_equal(const dbt_type *a, const dbt_type *b)
{
	if (a->kind != b->kind || a->length != b->length || a->precision != b->precision ||
	    a->scale != b->scale)
		return 0;
	if (!a->text || !b->text)
		return !a->text && !b->text;
	return same_text(a->text, b->text);
}

int dbt_type_is_text(dbt_type_kind kind)
{
	return kind == DBT_TYPE_VARCHAR || kind == DBT_TYPE_CHAR || kind == DBT_TYPE_TEXT;
}

int dbt_type_is_integer(dbt_type_kind kind)
{
	return kind == DBT_TYPE_SMALLINT || kind == DBT_TYPE_INTEGER || kind == DBT_TYPE_BIGINT;
}

int dbt_type_is_portable(dbt_type_kind kind)
{
	return kind > DBT_TYPE_NONE && kind < DBT_TYPE_OTHER;
}

/* ---------------------------------------------------------- construction */

/* Room for `n` elements of `size` bytes; NULL when out of memory. */
static void *resize(void *ptr, size_t n, size_t size)
{
	if (n > ((size_t)-1) / size)
		return NULL;
	return realloc(ptr, n * size);
}

/* Makes room for `n` items in the array `*pv`; 0 when out of memory
 * (the array is then as it was). */
static int resize_ok(void *pv, size_t n, size_t size)
{
	void *v = resize(*(void **)pv, n, size);

	if (!v)
		return 0;
	*(void **)pv = v;
	return 1;
}

static int dup_name(char **out, const char *s)
{
	*out = NULL;
	if (!s)
		return 0;
	*out = strdup(s);
	return *out ? 0 : dbt_error_oom();
}

static int strv_push(char ***v, size_t *n, const char *s)
{
	char **nv;
	char *copy = strdup(s);

	if (!copy)
		return dbt_error_oom();
	nv = resize(*v, *n + 1, sizeof(*nv));
	if (!nv) {
		free(copy);
		return dbt_error_oom();
	}
	nv[(*n)++] = copy;
	*v = nv;
	return 0;
}

static void strv_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void column_free(dbt_column *c)
{
	if (!c)
		return;
	free(c->name);
	dbt_type_release(&c->type);
	free(c->default_expr);
	free(c->collation);
	free(c->renamed_from);
	free(c->generated_expr);
	free(c);
}

static void unique_free(dbt_unique *u)
{
	if (!u)
		return;
	free(u->name);
	strv_free(u->columns, u->ncolumns);
	free(u);
}

static void fk_free(dbt_fk *fk)
{
	if (!fk)
		return;
	free(fk->name);
	strv_free(fk->columns, fk->ncolumns);
	free(fk->ref_table);
	strv_free(fk->ref_columns, fk->nref_columns);
	free(fk);
}

static void check_free(dbt_check *c)
{
	if (!c)
		return;
	free(c->name);
	free(c->expr);
	free(c);
}

static void exclude_free(dbt_exclude *x)
{
	if (!x)
		return;
	free(x->name);
	free(x->def);
	free(x);
}

static void index_free(dbt_index *ix)
{
	size_t i;

	if (!ix)
		return;
	free(ix->name);
	free(ix->table);
	for (i = 0; i < ix->nelems; i++) {
		free(ix->elems[i].column);
		free(ix->elems[i].expr);
		free(ix->elems[i].opclass);
	}
	free(ix->elems);
	free(ix->where);
	free(ix->method);
	free(ix);
}

static void table_free(dbt_table *t)
{
	size_t i;

	if (!t)
		return;
	free(t->name);
	for (i = 0; i < t->ncolumns; i++)
		column_free(t->columns[i]);
	free(t->columns);
	unique_free(t->pk);
	for (i = 0; i < t->nuniques; i++)
		unique_free(t->uniques[i]);
	free(t->uniques);
	for (i = 0; i < t->nfks; i++)
		fk_free(t->fks[i]);
	free(t->fks);
	for (i = 0; i < t->nchecks; i++)
		check_free(t->checks[i]);
	free(t->checks);
	for (i = 0; i < t->nexcludes; i++)
		exclude_free(t->excludes[i]);
	free(t->excludes);
	free(t->partition_by);
	free(t->partition_of);
	free(t->partition_bound);
	free(t->renamed_from);
	free(t);
}

/* Appends the `n` pointers of `src` to the array `*dst` of `*ndst`,
 * which has room for them (resize_ok). */
static void append_ptrs(void *dst, size_t *ndst, void *const *src, size_t n, size_t size)
{
	if (n)
		memcpy((char *)*(void **)dst + *ndst * size, src, n * size);
	*ndst += n;
}

/* 1 when `t` has a check constraint named `name`. */
static int has_check(const dbt_table *t, const char *name)
{
	size_t i;

	for (i = 0; t && name && i < t->nchecks; i++)
		if (t->checks[i]->name && !strcmp(t->checks[i]->name, name))
			return 1;
	return 0;
}

int dbt_table_take_contents(dbt_table *to, dbt_table *from, const dbt_table *parent)
{
	size_t i, kept = 0;

	/* Grow every array first, so that a failure moves nothing. */
	if (!resize_ok(&to->columns, to->ncolumns + from->ncolumns + 1, sizeof(*to->columns)) ||
	    !resize_ok(&to->uniques, to->nuniques + from->nuniques + 2, sizeof(*to->uniques)) ||
	    !resize_ok(&to->fks, to->nfks + from->nfks + 1, sizeof(*to->fks)) ||
	    !resize_ok(&to->checks, to->nchecks + from->nchecks + 1, sizeof(*to->checks)) ||
	    !resize_ok(&to->excludes, to->nexcludes + from->nexcludes + 1, sizeof(*to->excludes)))
		return dbt_error_oom();
	append_ptrs(&to->columns, &to->ncolumns, (void *const *)from->columns, from->ncolumns,
		    sizeof(*to->columns));
	if (from->pk)
		append_ptrs(&to->uniques, &to->nuniques, (void *const *)&from->pk, 1,
			    sizeof(*to->uniques));
	append_ptrs(&to->uniques, &to->nuniques, (void *const *)from->uniques, from->nuniques,
		    sizeof(*to->uniques));
	append_ptrs(&to->fks, &to->nfks, (void *const *)from->fks, from->nfks, sizeof(*to->fks));
	for (i = 0; i < from->nchecks; i++) {
		if (parent && !has_check(parent, from->checks[i]->name))
			from->checks[kept++] = from->checks[i];
		else
			to->checks[to->nchecks++] = from->checks[i];
	}
	append_ptrs(&to->excludes, &to->nexcludes, (void *const *)from->excludes, from->nexcludes,
		    sizeof(*to->excludes));
	from->ncolumns = from->nuniques = from->nfks = from->nexcludes = 0;
	from->nchecks = kept;
	from->pk = NULL;
	return 0;
}

int dbt_table_take_key(dbt_table *to, dbt_table *from, const dbt_unique *key)
{
	size_t i;

	for (i = 0; i < from->nuniques && from->uniques[i] != key; i++)
		;
	if (from->pk != key && i == from->nuniques)
		return 0;
	if (!resize_ok(&to->uniques, to->nuniques + 1, sizeof(*to->uniques)))
		return dbt_error_oom();
	to->uniques[to->nuniques++] = (dbt_unique *)key;
	if (from->pk == key) {
		from->pk = NULL;
		return 1;
	}
	memmove(from->uniques + i, from->uniques + i + 1,
		(from->nuniques - i - 1) * sizeof(*from->uniques));
	from->nuniques--;
	return 1;
}

int dbt_table_take_exclude(dbt_table *to, dbt_table *from, const dbt_exclude *x)
{
	size_t i;

	for (i = 0; i < from->nexcludes && from->excludes[i] != x; i++)
		;
	if (i == from->nexcludes)
		return 0;
	if (!resize_ok(&to->excludes, to->nexcludes + 1, sizeof(*to->excludes)))
		return dbt_error_oom();
	to->excludes[to->nexcludes++] = from->excludes[i];
	memmove(from->excludes + i, from->excludes + i + 1,
		(from->nexcludes - i - 1) * sizeof(*from->excludes));
	from->nexcludes--;
	return 1;
}

int dbt_schema_new(dbt_schema **out)
{
	*out = calloc(1, sizeof(**out));
	return *out ? 0 : dbt_error_oom();
}

static void statement_free(dbt_statement *st)
{
	if (!st)
		return;
	free(st->kind);
	free(st->name);
	free(st->sql);
	free(st);
}

static void object_free(dbt_object *obj)
{
	size_t i;

	if (!obj)
		return;
	free(obj->name);
	free(obj->table);
	free(obj->definition);
	free(obj->create_sql);
	free(obj->drop_sql);
	free(obj->replace_sql);
	for (i = 0; i < obj->ndeps; i++)
		free(obj->deps[i]);
	free(obj->deps);
	free(obj);
}

void dbt_schema_free(dbt_schema *schema)
{
	size_t i;

	if (!schema)
		return;
	for (i = 0; i < schema->nobjects; i++)
		object_free(schema->objects[i]);
	free(schema->objects);
	for (i = 0; i < schema->ntables; i++)
		table_free(schema->tables[i]);
	free(schema->tables);
	for (i = 0; i < schema->nindexes; i++)
		index_free(schema->indexes[i]);
	free(schema->indexes);
	for (i = 0; i < schema->nstatements; i++)
		statement_free(schema->statements[i]);
	free(schema->statements);
	free(schema);
}

int dbt_schema_take_index(dbt_schema *to, dbt_schema *from, const dbt_index *ix)
{
	size_t i;

	for (i = 0; i < from->nindexes && from->indexes[i] != ix; i++)
		;
	if (i == from->nindexes)
		return 0;
	if (!resize_ok(&to->indexes, to->nindexes + 1, sizeof(*to->indexes)))
		return dbt_error_oom();
	to->indexes[to->nindexes++] = from->indexes[i];
	memmove(from->indexes + i, from->indexes + i + 1,
		(from->nindexes - i - 1) * sizeof(*from->indexes));
	from->nindexes--;
	return 1;
}

void dbt_schema_remove_statement(dbt_schema *schema, dbt_statement *st)
{
	size_t i;

	for (i = 0; i < schema->nstatements; i++) {
		if (schema->statements[i] == st) {
			memmove(schema->statements + i, schema->statements + i + 1,
				(schema->nstatements - i - 1) * sizeof(*schema->statements));
			schema->nstatements--;
			statement_free(st);
			return;
		}
	}
}

static const char *const object_kind_names[DBT_OBJ_NKINDS] = {
	[DBT_OBJ_SCHEMA] = "schema",	 [DBT_OBJ_EXTENSION] = "extension",
	[DBT_OBJ_ENUM] = "enum",	 [DBT_OBJ_TYPE] = "type",
	[DBT_OBJ_DOMAIN] = "domain",	 [DBT_OBJ_SEQUENCE] = "sequence",
	[DBT_OBJ_FUNCTION] = "function", [DBT_OBJ_PROCEDURE] = "procedure",
	[DBT_OBJ_VIEW] = "view",	 [DBT_OBJ_MATVIEW] = "materialized view",
	[DBT_OBJ_TRIGGER] = "trigger",	 [DBT_OBJ_RLS] = "row level security",
	[DBT_OBJ_POLICY] = "policy",	 [DBT_OBJ_COMMENT] = "comment",
	[DBT_OBJ_GRANT] = "grant",
};

const char *dbt_object_kind_name(dbt_object_kind kind)
{
	return (unsigned)kind < DBT_OBJ_NKINDS ? object_kind_names[kind] : "object";
}

static char *dup_or_null(const char *s, int *oom)
{
	char *copy;

	if (!s)
		return NULL;
	copy = strdup(s);
	if (!copy)
		*oom = 1;
	return copy;
}

int dbt_schema_add_object(dbt_object **out, dbt_schema *schema, dbt_object_kind kind,
			  const char *name, const char *table, const char *definition,
			  const char *create_sql, const char *drop_sql, const char *replace_sql)
{
	dbt_object **v, *obj = calloc(1, sizeof(*obj));
	int oom = 0;

	*out = NULL;
	if (!obj)
		return dbt_error_oom();
	obj->kind = kind;
	obj->name = dup_or_null(name, &oom);
	obj->table = dup_or_null(table, &oom);
	obj->definition = dup_or_null(definition ? definition : "", &oom);
	obj->create_sql = dup_or_null(create_sql ? create_sql : "", &oom);
	obj->drop_sql = dup_or_null(drop_sql ? drop_sql : "", &oom);
	obj->replace_sql = dup_or_null(replace_sql, &oom);
	v = oom ? NULL : resize(schema->objects, schema->nobjects + 1, sizeof(*v));
	if (v)
		schema->objects = v;
	if (oom || !v || !obj->name) {
		object_free(obj);
		return dbt_error_oom();
	}
	v[schema->nobjects++] = obj;
	*out = obj;
	return 0;
}

int dbt_object_add_dep(dbt_object *obj, const char *dep)
{
	char **v, *copy;
	size_t i;

	for (i = 0; i < obj->ndeps; i++)
		if (!strcmp(obj->deps[i], dep))
			return 0;
	copy = strdup(dep);
	v = copy ? resize(obj->deps, obj->ndeps + 1, sizeof(*v)) : NULL;
	if (!v) {
		free(copy);
		return dbt_error_oom();
	}
	obj->deps = v;
	v[obj->ndeps++] = copy;
	return 0;
}

void dbt_schema_remove_object(dbt_schema *schema, dbt_object *obj)
{
	size_t i;

	for (i = 0; i < schema->nobjects; i++) {
		if (schema->objects[i] == obj) {
			memmove(schema->objects + i, schema->objects + i + 1,
				(schema->nobjects - i - 1) * sizeof(*schema->objects));
			schema->nobjects--;
			object_free(obj);
			return;
		}
	}
}

void dbt_schema_remove_table(dbt_schema *schema, dbt_table *table)
{
	size_t i;

	for (i = 0; i < schema->ntables; i++) {
		if (schema->tables[i] == table) {
			memmove(schema->tables + i, schema->tables + i + 1,
				(schema->ntables - i - 1) * sizeof(*schema->tables));
			schema->ntables--;
			table_free(table);
			return;
		}
	}
}

void dbt_schema_remove_index(dbt_schema *schema, dbt_index *index)
{
	size_t i;

	for (i = 0; i < schema->nindexes; i++) {
		if (schema->indexes[i] == index) {
			memmove(schema->indexes + i, schema->indexes + i + 1,
				(schema->nindexes - i - 1) * sizeof(*schema->indexes));
			schema->nindexes--;
			index_free(index);
			return;
		}
	}
}

dbt_object *dbt_schema_find_object(const dbt_schema *schema, dbt_object_kind kind, const char *name)
{
	size_t i;

	for (i = 0; i < schema->nobjects; i++)
		if (schema->objects[i]->kind == kind && !strcmp(schema->objects[i]->name, name))
			return schema->objects[i];
	return NULL;
}

int dbt_schema_add_statement(dbt_statement **out, dbt_schema *schema, const char *kind,
			     const char *name, const char *sql, size_t len)
{
	dbt_statement **v, *st = calloc(1, sizeof(*st));

	*out = NULL;
	if (!st)
		return dbt_error_oom();
	st->kind = strdup(kind);
	st->name = name ? strdup(name) : NULL;
	st->sql = malloc(len + 1);
	v = resize(schema->statements, schema->nstatements + 1, sizeof(*v));
	if (v)
		schema->statements = v;
	if (!st->kind || (name && !st->name) || !st->sql || !v) {
		statement_free(st);
		return dbt_error_oom();
	}
	memcpy(st->sql, sql, len);
	st->sql[len] = '\0';
	v[schema->nstatements++] = st;
	*out = st;
	return 0;
}

int dbt_schema_add_table(dbt_table **out, dbt_schema *schema, const char *name, int quoted)
{
	dbt_table **v, *t = calloc(1, sizeof(*t));
	int rc = DBT_ERROR;

	*out = NULL;
	if (!t || dup_name(&t->name, name) < 0)
		goto cleanup;
	t->quoted = quoted;
	v = resize(schema->tables, schema->ntables + 1, sizeof(*v));
	if (!v)
		goto cleanup;
	schema->tables = v;
	v[schema->ntables++] = t;
	*out = t;
	t = NULL;
	rc = 0;
cleanup:
	table_free(t);
	return rc < 0 ? dbt_error_oom() : 0;
}

int dbt_schema_add_index(dbt_index **out, dbt_schema *schema, const char *name, int quoted,
			 const char *table, int unique)
{
	dbt_index **v, *ix = calloc(1, sizeof(*ix));
	int rc = DBT_ERROR;

	*out = NULL;
	if (!ix || dup_name(&ix->name, name) < 0 || dup_name(&ix->table, table) < 0)
		goto cleanup;
	ix->quoted = quoted;
	ix->name_given = name != NULL;
	ix->unique = unique;
	v = resize(schema->indexes, schema->nindexes + 1, sizeof(*v));
	if (!v)
		goto cleanup;
	schema->indexes = v;
	v[schema->nindexes++] = ix;
	*out = ix;
	ix = NULL;
	rc = 0;
cleanup:
	index_free(ix);
	return rc < 0 ? dbt_error_oom() : 0;
}

int dbt_table_add_column(dbt_column **out, dbt_table *table, const char *name, int quoted,
			 const dbt_type *type)
{
	dbt_column **v, *c = calloc(1, sizeof(*c));

	*out = NULL;
	if (!c || dup_name(&c->name, name) < 0)
		goto fail;
	c->quoted = quoted;
	if (dbt_type_copy(&c->type, type) < 0)
		goto fail;
	v = resize(table->columns, table->ncolumns + 1, sizeof(*v));
	if (!v)
		goto fail;
	table->columns = v;
	v[table->ncolumns++] = c;
	*out = c;
	return 0;
fail:
	column_free(c);
	return dbt_error_oom();
}

static dbt_unique *unique_new(const char *name)
{
	dbt_unique *u = calloc(1, sizeof(*u));

	if (!u || dup_name(&u->name, name) < 0) {
		free(u);
		return NULL;
	}
	u->name_given = name != NULL;
	return u;
}

int dbt_table_set_pk(dbt_unique **out, dbt_table *table, const char *name)
{
	*out = NULL;
	if (table->pk)
		return dbt_error_set(DBT_EEXISTS, "table '%s' has a primary key already",
				     table->name);
	table->pk = unique_new(name);
	if (!table->pk)
		return dbt_error_oom();
	*out = table->pk;
	return 0;
}

int dbt_table_add_unique(dbt_unique **out, dbt_table *table, const char *name)
{
	dbt_unique **v, *u = unique_new(name);

	*out = NULL;
	if (!u)
		return dbt_error_oom();
	v = resize(table->uniques, table->nuniques + 1, sizeof(*v));
	if (!v) {
		unique_free(u);
		return dbt_error_oom();
	}
	table->uniques = v;
	v[table->nuniques++] = u;
	*out = u;
	return 0;
}

int dbt_table_add_fk(dbt_fk **out, dbt_table *table, const char *name, const char *ref_table)
{
	dbt_fk **v, *fk = calloc(1, sizeof(*fk));

	*out = NULL;
	if (!fk || dup_name(&fk->name, name) < 0 || dup_name(&fk->ref_table, ref_table) < 0)
		goto fail;
	fk->name_given = name != NULL;
	v = resize(table->fks, table->nfks + 1, sizeof(*v));
	if (!v)
		goto fail;
	table->fks = v;
	v[table->nfks++] = fk;
	*out = fk;
	return 0;
fail:
	fk_free(fk);
	return dbt_error_oom();
}

int dbt_table_add_check(dbt_check **out, dbt_table *table, const char *name, const char *expr,
			size_t len)
{
	dbt_check **v, *c = calloc(1, sizeof(*c));
	int rc = DBT_ERROR;

	*out = NULL;
	if (!c || dup_name(&c->name, name) < 0) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	c->name_given = name != NULL;
	if ((rc = dbt_schema_normalize_expr(&c->expr, expr, len)) < 0)
		goto cleanup;
	v = resize(table->checks, table->nchecks + 1, sizeof(*v));
	if (!v) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	table->checks = v;
	v[table->nchecks++] = c;
	*out = c;
	c = NULL;
	rc = 0;
cleanup:
	check_free(c);
	return rc;
}

int dbt_table_add_exclude(dbt_exclude **out, dbt_table *table, const char *name, const char *def,
			  size_t len)
{
	dbt_exclude **v, *x = calloc(1, sizeof(*x));
	int rc = DBT_ERROR;

	*out = NULL;
	if (!x || dup_name(&x->name, name) < 0) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	x->name_given = name != NULL;
	if ((rc = dbt_schema_normalize_expr(&x->def, def, len)) < 0)
		goto cleanup;
	v = resize(table->excludes, table->nexcludes + 1, sizeof(*v));
	if (!v) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	table->excludes = v;
	v[table->nexcludes++] = x;
	*out = x;
	x = NULL;
	rc = 0;
cleanup:
	exclude_free(x);
	return rc;
}

int dbt_unique_add_column(dbt_unique *key, const char *column)
{
	return strv_push(&key->columns, &key->ncolumns, column);
}

int dbt_fk_add_column(dbt_fk *fk, const char *column)
{
	return strv_push(&fk->columns, &fk->ncolumns, column);
}

int dbt_fk_add_ref_column(dbt_fk *fk, const char *column)
{
	return strv_push(&fk->ref_columns, &fk->nref_columns, column);
}

/* 1 when the canonical expression is the NULL literal, maybe cast. */
static int is_null_literal(const char *expr)
{
	return !strcmp(expr, "NULL") || !strncmp(expr, "NULL::", 6);
}

int dbt_column_set_default(dbt_column *column, const char *expr, size_t len)
{
	char *text;
	int rc;

	if ((rc = dbt_schema_normalize_expr(&text, expr, len)) < 0)
		return rc;
	free(column->default_expr);
	column->default_expr = NULL;
	if (is_null_literal(text))
		free(text);
	else
		column->default_expr = text;
	return 0;
}

int dbt_column_set_generated(dbt_column *column, const char *expr, size_t len, int stored)
{
	char *text;
	int rc;

	if ((rc = dbt_schema_normalize_expr(&text, expr, len)) < 0)
		return rc;
	free(column->generated_expr);
	column->generated_expr = text;
	column->generated_stored = stored != 0;
	return 0;
}

int dbt_column_set_collation(dbt_column *column, const char *collation)
{
	char *copy = strdup(collation);

	if (!copy)
		return dbt_error_oom();
	free(column->collation);
	column->collation = copy;
	return 0;
}

static int index_push(dbt_index *index, char *column, char *expr, int desc)
{
	dbt_index_elem *v = resize(index->elems, index->nelems + 1, sizeof(*v));

	if (!v) {
		free(column);
		free(expr);
		return dbt_error_oom();
	}
	index->elems = v;
	v[index->nelems].column = column;
	v[index->nelems].expr = expr;
	v[index->nelems].desc = desc;
	v[index->nelems].opclass = NULL;
	v[index->nelems].nulls = 0;
	index->nelems++;
	return 0;
}

int dbt_index_add_column(dbt_index *index, const char *column, int desc)
{
	char *copy = strdup(column);

	if (!copy)
		return dbt_error_oom();
	return index_push(index, copy, NULL, desc);
}

int dbt_index_add_expr(dbt_index *index, const char *expr, size_t len, int desc)
{
	char *text;
	int rc;

	if ((rc = dbt_schema_normalize_expr(&text, expr, len)) < 0)
		return rc;
	return index_push(index, NULL, text, desc);
}

int dbt_index_set_where(dbt_index *index, const char *expr, size_t len)
{
	char *text;
	int rc;

	if ((rc = dbt_schema_normalize_expr(&text, expr, len)) < 0)
		return rc;
	free(index->where);
	index->where = text;
	return 0;
}

/* --------------------------------------------------------------- lookups */

dbt_table *dbt_schema_find_table(const dbt_schema *schema, const char *name)
{
	size_t i;

	for (i = 0; i < schema->ntables; i++)
		if (!strcmp(schema->tables[i]->name, name))
			return schema->tables[i];
	return NULL;
}

dbt_index *dbt_schema_find_index(const dbt_schema *schema, const char *name)
{
	size_t i;

	for (i = 0; i < schema->nindexes; i++)
		if (schema->indexes[i]->name && !strcmp(schema->indexes[i]->name, name))
			return schema->indexes[i];
	return NULL;
}

dbt_column *dbt_table_find_column(const dbt_table *table, const char *name)
{
	size_t i;

	for (i = 0; i < table->ncolumns; i++)
		if (!strcmp(table->columns[i]->name, name))
			return table->columns[i];
	return NULL;
}

void dbt_table_remove_column(dbt_table *table, size_t i)
{
	column_free(table->columns[i]);
	memmove(table->columns + i, table->columns + i + 1,
		(table->ncolumns - i - 1) * sizeof(*table->columns));
	table->ncolumns--;
}

void dbt_table_remove_check(dbt_table *table, size_t i)
{
	check_free(table->checks[i]);
	memmove(table->checks + i, table->checks + i + 1,
		(table->nchecks - i - 1) * sizeof(*table->checks));
	table->nchecks--;
}

/* ------------------------------------------------- canonical expressions */

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

static int tokenize(struct toks *out, const char *expr, size_t len)
{
	dbt_lexer lx;
	dbt_token tok, *v;
	int rc;

	out->v = NULL;
	out->n = 0;
	dbt_lex_init(&lx, expr, len);
	for (;;) {
		if ((rc = dbt_lex_next(&lx, &tok)) < 0) {
			char why[256];

			snprintf(why, sizeof(why), "%s", dbt_error_last());
			return expr_error(expr, len, why);
		}
		if (tok.kind == DBT_TOK_END)
			return 0;
		v = resize(out->v, out->n + 1, sizeof(*v));
		if (!v)
			return dbt_error_oom();
		out->v = v;
		v[out->n++] = tok;
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

/* Words that, after a type name's first word, still belong to it. */
static int type_word(const char *text, const dbt_token *t)
{
	static const char *const words[] = {"precision", "varying", "with",
					    "without",	 "time",    "zone"};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (dbt_token_is(text, t, words[i]))
			return 1;
	return 0;
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
		} else if (tk->v[j].kind == DBT_TOK_WORD && type_word(text, &tk->v[j])) {
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

int dbt_schema_normalize_expr(char **out, const char *expr, size_t len)
{
	struct toks tk = {NULL, 0};
	dbt_buf b = DBT_BUF_INIT;
	enum prev prev = PV_START;
	size_t first = 0, n, i, j;
	int rc;

	*out = NULL;
	if ((rc = tokenize(&tk, expr, len)) < 0)
		goto cleanup;
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
			if (t->len == 2 && s[0] == ':' && s[1] == ':')
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
	*out = dbt_buf_detach(&b);
	rc = *out ? 0 : dbt_error_oom();
cleanup:
	free(tk.v);
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

/* ---------------------------------------------------------- normalising */

static int same_columns(char **a, size_t na, char **b, size_t nb)
{
	size_t i;

	if (na != nb)
		return 0;
	for (i = 0; i < na; i++)
		if (strcmp(a[i], b[i]))
			return 0;
	return 1;
}

int dbt_table_is_rowid_alias(const dbt_table *table, const dbt_column *c)
{
	return !table->without_rowid && table->pk && table->pk->ncolumns == 1 && c &&
	       !strcmp(table->pk->columns[0], c->name) && c->type.kind == DBT_TYPE_INTEGER &&
	       !c->type.text && c->type.length < 0 && c->type.precision < 0 && c->type.scale < 0;
}

void dbt_table_sqlite_pk_nulls(dbt_table *table)
{
	size_t i;

	if (table->strict || table->without_rowid)
		return;
	for (i = 0; i < table->ncolumns; i++) {
		dbt_column *c = table->columns[i];

		if (dbt_table_is_rowid_alias(table, c)) {
			if (!c->not_null)
				c->not_null = c->implied_not_null = 1;
		} else if (c->implied_not_null) {
			c->not_null = c->implied_not_null = 0;
		}
	}
}

void dbt_table_normalize(dbt_table *table)
{
	size_t i, j, k;

	if (table->pk) {
		for (i = 0; i < table->pk->ncolumns; i++) {
			dbt_column *c = dbt_table_find_column(table, table->pk->columns[i]);

			if (c && !c->not_null)
				c->not_null = c->implied_not_null = 1;
		}
	}
	for (i = 0, k = 0; i < table->nuniques; i++) {
		dbt_unique *u = table->uniques[i], *kept = NULL;

		if (table->pk &&
		    same_columns(u->columns, u->ncolumns, table->pk->columns, table->pk->ncolumns))
			kept = table->pk;
		for (j = 0; !kept && j < k; j++)
			if (same_columns(u->columns, u->ncolumns, table->uniques[j]->columns,
					 table->uniques[j]->ncolumns))
				kept = table->uniques[j];
		if (!kept) {
			table->uniques[k++] = u;
			continue;
		}
		if (!kept->name_given && u->name_given) {
			free(kept->name);
			kept->name = u->name;
			kept->name_given = 1;
			u->name = NULL;
		}
		unique_free(u);
	}
	table->nuniques = k;
}

enum space { SPACE_RELATION, SPACE_CONSTRAINT };

/*
 * The names taken in one name space, ignoring ASCII case: an open-
 * addressing hash set of pointers to names the schema owns, so that
 * naming every constraint of a large schema stays linear.
 */
struct nameset {
	const char **slots;
	size_t cap; /* a power of two, at least twice the count */
	size_t n;
};

static size_t name_hash(const char *name)
{
	size_t h = 14695981039346656037ULL & (size_t)-1;

	for (; *name; name++)
		h = (h ^ (size_t)dbt_ascii_lower((unsigned char)*name)) *
		    (1099511628211ULL & (size_t)-1);
	return h;
}

static int nameset_has(const struct nameset *set, const char *name)
{
	size_t i;

	if (!set->cap)
		return 0;
	for (i = name_hash(name) & (set->cap - 1); set->slots[i]; i = (i + 1) & (set->cap - 1))
		if (!dbt_name_casecmp(set->slots[i], name))
			return 1;
	return 0;
}

static int nameset_add(struct nameset *set, const char *name)
{
	size_t i;

	if (!name || nameset_has(set, name))
		return 0;
	if (2 * (set->n + 1) > set->cap) {
		struct nameset grown = {NULL, set->cap ? set->cap * 2 : 64, 0};

		grown.slots = calloc(grown.cap, sizeof(*grown.slots));
		if (!grown.slots)
			return dbt_error_oom();
		for (i = 0; i < set->cap; i++)
			if (set->slots[i])
				nameset_add(&grown, set->slots[i]);
		free(set->slots);
		*set = grown;
	}
	for (i = name_hash(name) & (set->cap - 1); set->slots[i]; i = (i + 1) & (set->cap - 1))
		;
	set->slots[i] = name;
	set->n++;
	return 0;
}

/* The names taken in each space: tables, keys and indexes share the
 * relation space; keys, foreign keys and checks the constraint space. */
struct names {
	struct nameset space[2];
};

/* Records `name`, the name of a constraint or index, in its spaces. */
static int names_add(struct names *nm, int relation, int constraint, const char *name)
{
	int rc = 0;

	if (relation)
		rc = nameset_add(&nm->space[SPACE_RELATION], name);
	if (rc == 0 && constraint)
		rc = nameset_add(&nm->space[SPACE_CONSTRAINT], name);
	return rc;
}

static int names_init(struct names *nm, const dbt_schema *schema)
{
	size_t i, j;
	int rc = 0;

	memset(nm, 0, sizeof(*nm));
	for (i = 0; i < schema->ntables && rc == 0; i++) {
		const dbt_table *t = schema->tables[i];

		rc = names_add(nm, 1, 0, t->name);
		if (rc == 0 && t->pk)
			rc = names_add(nm, 1, 1, t->pk->name);
		for (j = 0; j < t->nuniques && rc == 0; j++)
			rc = names_add(nm, 1, 1, t->uniques[j]->name);
		for (j = 0; j < t->nfks && rc == 0; j++)
			rc = names_add(nm, 0, 1, t->fks[j]->name);
		for (j = 0; j < t->nchecks && rc == 0; j++)
			rc = names_add(nm, 0, 1, t->checks[j]->name);
		for (j = 0; j < t->nexcludes && rc == 0; j++)
			rc = names_add(nm, 1, 1, t->excludes[j]->name);
	}
	for (i = 0; i < schema->nindexes && rc == 0; i++)
		rc = names_add(nm, 1, 0, schema->indexes[i]->name);
	return rc;
}

static void names_release(struct names *nm)
{
	free(nm->space[0].slots);
	free(nm->space[1].slots);
}

/* The length, at most `n`, that does not split a UTF-8 character of `s`. */
static size_t clip_utf8(const char *s, size_t n)
{
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

/* PostgreSQL's makeObjectName: "name1_name2_label" cut to 63 bytes by
 * shortening the longer of the two names first. */
static char *object_name(const char *name1, const char *name2, const char *label)
{
	size_t n1 = strlen(name1), n2 = name2 ? strlen(name2) : 0;
	size_t avail = DBT_NAME_MAX - strlen(label) - 1 - (name2 ? 1 : 0);
	dbt_buf b = DBT_BUF_INIT;

	while (n1 + n2 > avail) {
		if (n1 > n2)
			n1--;
		else
			n2--;
	}
	n1 = clip_utf8(name1, n1);
	dbt_buf_put(&b, name1, n1);
	if (name2) {
		dbt_buf_putc(&b, '_');
		dbt_buf_put(&b, name2, clip_utf8(name2, n2));
	}
	dbt_buf_putc(&b, '_');
	dbt_buf_puts(&b, label);
	return dbt_buf_detach(&b);
}

/*
 * A free name "name1_name2_label", then "..._label1", "..._label2"...,
 * free in `space`; it is then recorded as taken in the spaces that
 * `relation` and `constraint` say (a key's name takes both).
 */
static int choose_name(char **out, struct names *nm, enum space space, int relation, int constraint,
		       const char *name1, const char *name2, const char *label)
{
	char modlabel[32];
	int pass, rc;

	snprintf(modlabel, sizeof(modlabel), "%s", label);
	for (pass = 1;; pass++) {
		char *name = object_name(name1, name2, modlabel);

		if (!name)
			return dbt_error_oom();
		if (!nameset_has(&nm->space[space], name)) {
			if ((rc = names_add(nm, relation, constraint, name)) < 0) {
				free(name);
				return rc;
			}
			*out = name;
			return 0;
		}
		free(name);
		snprintf(modlabel, sizeof(modlabel), "%s%d", label, pass);
	}
}

/* PostgreSQL's ChooseIndexNameAddition: names joined with '_', stopping
 * once past 63 bytes. */
static char *join_names(char **names, size_t n)
{
	dbt_buf b = DBT_BUF_INIT;
	size_t i;

	for (i = 0; i < n && b.len <= DBT_NAME_MAX; i++) {
		if (i)
			dbt_buf_putc(&b, '_');
		dbt_buf_puts(&b, names[i]);
	}
	return dbt_buf_detach(&b);
}

/* The name PostgreSQL gives an expression key: the function's when the
 * expression is one call, else "expr". */
static char *expr_colname(const char *expr)
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

/* The key names of an index, made unique within it as PostgreSQL's
 * ChooseIndexColumnNames does: "expr", "expr1", "expr2"... */
static int index_colnames(char ***out, const dbt_index *ix)
{
	char **v = calloc(ix->nelems ? ix->nelems : 1, sizeof(*v));
	size_t i, j;
	int k, rc = DBT_ERROR;

	*out = NULL;
	if (!v)
		return dbt_error_oom();
	for (i = 0; i < ix->nelems; i++) {
		const dbt_index_elem *e = &ix->elems[i];
		char *orig = e->column ? strdup(e->column) : expr_colname(e->expr);

		if (!orig)
			goto cleanup;
		v[i] = orig;
		for (k = 1;; k++) {
			dbt_buf b = DBT_BUF_INIT;
			char num[16];

			for (j = 0; j < i && strcmp(v[j], v[i]); j++)
				;
			if (j == i)
				break;
			snprintf(num, sizeof(num), "%d", k);
			dbt_buf_put(&b, orig,
				    clip_utf8(orig, strlen(orig) > DBT_NAME_MAX - strlen(num)
							    ? DBT_NAME_MAX - strlen(num)
							    : strlen(orig)));
			dbt_buf_puts(&b, num);
			if (v[i] != orig)
				free(v[i]);
			v[i] = dbt_buf_detach(&b);
			if (!v[i]) {
				v[i] = orig;
				goto cleanup;
			}
		}
		if (v[i] != orig)
			free(orig);
	}
	*out = v;
	v = NULL;
	rc = 0;
cleanup:
	if (v)
		strv_free(v, ix->nelems);
	return rc < 0 ? dbt_error_oom() : 0;
}

/* The one column of the table that a CHECK expression uses, if exactly
 * one; PostgreSQL names the constraint after it. */
static const char *check_column(const dbt_table *t, const char *expr)
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

/*
 * The names PostgreSQL joins into an exclusion constraint's name: the
 * column of each element "column WITH operator" of the definition, in
 * order (an expression adds none); NULL in `out` when there is none.
 */
static int exclude_columns(char **out, const char *def)
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

int dbt_schema_name_auto(dbt_schema *schema)
{
	char *add = NULL, **cols = NULL;
	dbt_index *ix = NULL;
	struct names nm;
	size_t i, j;
	int rc = names_init(&nm, schema);

	for (i = 0; i < schema->ntables && rc == 0; i++) {
		dbt_table *t = schema->tables[i];

		if (t->pk && !t->pk->name)
			rc = choose_name(&t->pk->name, &nm, SPACE_RELATION, 1, 1, t->name, NULL,
					 "pkey");
		for (j = 0; j < t->nuniques && rc == 0; j++) {
			dbt_unique *u = t->uniques[j];

			if (u->name)
				continue;
			if (!(add = join_names(u->columns, u->ncolumns)))
				rc = dbt_error_oom();
			else
				rc = choose_name(&u->name, &nm, SPACE_RELATION, 1, 1, t->name, add,
						 "key");
			free(add);
			add = NULL;
		}
		for (j = 0; j < t->nchecks && rc == 0; j++) {
			dbt_check *c = t->checks[j];

			if (!c->name)
				rc = choose_name(&c->name, &nm, SPACE_CONSTRAINT, 0, 1, t->name,
						 check_column(t, c->expr), "check");
		}
		for (j = 0; j < t->nexcludes && rc == 0; j++) {
			dbt_exclude *x = t->excludes[j];

			if (x->name)
				continue;
			if ((rc = exclude_columns(&add, x->def)) == 0)
				rc = choose_name(&x->name, &nm, SPACE_RELATION, 1, 1, t->name, add,
						 "excl");
			free(add);
			add = NULL;
		}
		for (j = 0; j < t->nfks && rc == 0; j++) {
			dbt_fk *fk = t->fks[j];

			if (fk->name)
				continue;
			if (!(add = join_names(fk->columns, fk->ncolumns)))
				rc = dbt_error_oom();
			else
				rc = choose_name(&fk->name, &nm, SPACE_CONSTRAINT, 0, 1, t->name,
						 add, "fkey");
			free(add);
			add = NULL;
		}
	}
	for (i = 0; i < schema->nindexes && rc == 0; i++) {
		ix = schema->indexes[i];
		if (ix->name)
			continue;
		if ((rc = index_colnames(&cols, ix)) < 0)
			break;
		if (!(add = join_names(cols, ix->nelems)))
			rc = dbt_error_oom();
		else
			rc = choose_name(&ix->name, &nm, SPACE_RELATION, 1, 0, ix->table, add,
					 "idx");
		strv_free(cols, ix->nelems);
		cols = NULL;
		free(add);
		add = NULL;
	}
	names_release(&nm);
	return rc;
}
