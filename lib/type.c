/*
 * type.c - column types (see type.h): the one table of type words, the
 * portable type parser, and each database's normal form of a type, so that
 * a type declared in a model and the same type reflected from a database
 * compare equal.
 */
#include "type.h"

#include "error.h"
#include "ident.h"
#include "lex.h"

#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define VARCHAR_MAX 10485760
#define NUMERIC_MAX 1000
#define TIME_PRECISION_MAX 6

enum params { P_NONE, P_LENGTH, P_NUMERIC, P_FLOAT, P_TIME };

/* What a word of the type syntax is besides a type's name. */
enum {
	W_COLNAME = 1,	 /* a keyword of PostgreSQL's type syntax, which
			  * format_type() quotes when it names a type of
			  * its own */
	W_CONTINUES = 2, /* after a type name's first word, still part of it */
	W_LITERAL = 4,	 /* may start a typed literal: DATE '2020-01-01' */
};

/*
 * The one list of the words of SQL's type syntax, sorted by name:
 * - kind, params, serial: the portable type that the word names alone
 *   (DOUBLE [PRECISION], CHARACTER [VARYING] and the time zone words are
 *   handled where they are parsed); kind NONE for a word that names none;
 * - pg: what format_type() prints for the word, when PostgreSQL names the
 *   type otherwise (its aliases; "varbit" is "bit varying");
 * - flags: W_* above.
 */
struct type_word {
	const char *name;
	dbt_type_kind kind;
	enum params params;
	int serial;
	const char *pg;
	int flags;
};

static const struct type_word type_words[] = {
	{"bigint", DBT_TYPE_BIGINT, P_NONE, 0, NULL, W_COLNAME | W_LITERAL},
	{"bigserial", DBT_TYPE_BIGINT, P_NONE, 1, NULL, 0},
	{"bit", DBT_TYPE_NONE, P_NONE, 0, NULL, W_COLNAME | W_LITERAL},
	{"blob", DBT_TYPE_BLOB, P_NONE, 0, NULL, 0},
	{"bool", DBT_TYPE_BOOLEAN, P_NONE, 0, "boolean", W_LITERAL},
	{"boolean", DBT_TYPE_BOOLEAN, P_NONE, 0, NULL, W_COLNAME | W_LITERAL},
	{"bpchar", DBT_TYPE_CHAR, P_LENGTH, 0, NULL, W_LITERAL},
	{"bytea", DBT_TYPE_BLOB, P_NONE, 0, NULL, W_LITERAL},
	{"char", DBT_TYPE_CHAR, P_LENGTH, 0, "character", W_COLNAME | W_LITERAL},
	{"character", DBT_TYPE_CHAR, P_LENGTH, 0, NULL, W_COLNAME | W_LITERAL},
	{"cidr", DBT_TYPE_NONE, P_NONE, 0, NULL, W_LITERAL},
	{"date", DBT_TYPE_DATE, P_NONE, 0, NULL, W_LITERAL},
	{"datetime", DBT_TYPE_TIMESTAMP, P_TIME, 0, NULL, 0},
	{"dec", DBT_TYPE_NUMERIC, P_NUMERIC, 0, NULL, W_COLNAME | W_LITERAL},
	{"decimal", DBT_TYPE_NUMERIC, P_NUMERIC, 0, "numeric", W_COLNAME | W_LITERAL},
	{"double", DBT_TYPE_DOUBLE, P_NONE, 0, NULL, W_LITERAL},
	{"float", DBT_TYPE_DOUBLE, P_FLOAT, 0, NULL, W_COLNAME | W_LITERAL},
	{"float4", DBT_TYPE_REAL, P_NONE, 0, "real", W_LITERAL},
	{"float8", DBT_TYPE_DOUBLE, P_NONE, 0, "double precision", W_LITERAL},
	{"inet", DBT_TYPE_NONE, P_NONE, 0, NULL, W_LITERAL},
	{"int", DBT_TYPE_INTEGER, P_NONE, 0, "integer", W_COLNAME | W_LITERAL},
	{"int2", DBT_TYPE_SMALLINT, P_NONE, 0, "smallint", W_LITERAL},
	{"int4", DBT_TYPE_INTEGER, P_NONE, 0, "integer", W_LITERAL},
	{"int8", DBT_TYPE_BIGINT, P_NONE, 0, "bigint", W_LITERAL},
	{"integer", DBT_TYPE_INTEGER, P_NONE, 0, NULL, W_COLNAME | W_LITERAL},
	{"interval", DBT_TYPE_NONE, P_NONE, 0, NULL, W_COLNAME | W_LITERAL},
	{"json", DBT_TYPE_JSON, P_NONE, 0, NULL, W_LITERAL},
	{"jsonb", DBT_TYPE_NONE, P_NONE, 0, NULL, W_LITERAL},
	{"macaddr", DBT_TYPE_NONE, P_NONE, 0, NULL, W_LITERAL},
	{"money", DBT_TYPE_NONE, P_NONE, 0, NULL, W_LITERAL},
	{"national", DBT_TYPE_NONE, P_NONE, 0, NULL, W_COLNAME},
	{"nchar", DBT_TYPE_NONE, P_NONE, 0, NULL, W_COLNAME},
	{"numeric", DBT_TYPE_NUMERIC, P_NUMERIC, 0, NULL, W_COLNAME | W_LITERAL},
	{"precision", DBT_TYPE_NONE, P_NONE, 0, NULL, W_COLNAME | W_CONTINUES},
	{"real", DBT_TYPE_REAL, P_NONE, 0, NULL, W_COLNAME | W_LITERAL},
	{"serial", DBT_TYPE_INTEGER, P_NONE, 1, NULL, 0},
	{"serial2", DBT_TYPE_SMALLINT, P_NONE, 1, NULL, 0},
	{"serial4", DBT_TYPE_INTEGER, P_NONE, 1, NULL, 0},
	{"serial8", DBT_TYPE_BIGINT, P_NONE, 1, NULL, 0},
	{"smallint", DBT_TYPE_SMALLINT, P_NONE, 0, NULL, W_COLNAME | W_LITERAL},
	{"smallserial", DBT_TYPE_SMALLINT, P_NONE, 1, NULL, 0},
	{"text", DBT_TYPE_TEXT, P_NONE, 0, NULL, W_LITERAL},
	{"time", DBT_TYPE_TIME, P_TIME, 0, NULL, W_COLNAME | W_CONTINUES | W_LITERAL},
	{"timestamp", DBT_TYPE_TIMESTAMP, P_TIME, 0, NULL, W_COLNAME | W_LITERAL},
	{"timestamptz", DBT_TYPE_TIMESTAMPTZ, P_TIME, 0, "timestamp with time zone", W_LITERAL},
	{"timetz", DBT_TYPE_TIMETZ, P_TIME, 0, "time with time zone", W_LITERAL},
	{"uuid", DBT_TYPE_UUID, P_NONE, 0, NULL, W_LITERAL},
	{"varbit", DBT_TYPE_NONE, P_NONE, 0, "bit varying", W_LITERAL},
	{"varchar", DBT_TYPE_VARCHAR, P_LENGTH, 0, "character varying", W_COLNAME | W_LITERAL},
	{"varying", DBT_TYPE_NONE, P_NONE, 0, NULL, W_CONTINUES},
	{"with", DBT_TYPE_NONE, P_NONE, 0, NULL, W_CONTINUES},
	{"without", DBT_TYPE_NONE, P_NONE, 0, NULL, W_CONTINUES},
	{"xml", DBT_TYPE_NONE, P_NONE, 0, NULL, W_LITERAL},
	{"zone", DBT_TYPE_NONE, P_NONE, 0, NULL, W_CONTINUES},
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

/* The type parser reads tokens one at a time through this. */
struct tparse {
	dbt_cursor c;
	size_t *errpos;
};

static int tnext(struct tparse *t)
{
	int rc = dbt_cursor_next(&t->c);

	if (rc < 0 && t->errpos)
		*t->errpos = t->c.tok.start;
	return rc;
}

static int tfail(struct tparse *t, const char *what)
{
	dbt_buf b = DBT_BUF_INIT;

	if (t->errpos)
		*t->errpos = t->c.tok.start;
	dbt_token_describe(&b, t->c.text, &t->c.tok);
	dbt_error_set(DBT_EPARSE, "expected %s, found %s", what, b.oom ? "?" : b.ptr);
	dbt_buf_release(&b);
	return DBT_EPARSE;
}

static int tis(struct tparse *t, const char *s)
{
	return dbt_cursor_is(&t->c, s);
}

/* An unsigned integer token, capped just past any limit we check. */
static int tint(struct tparse *t, int *out)
{
	const char *s = t->c.text + t->c.tok.start;
	long v = 0;
	size_t i;

	if (t->c.tok.kind != DBT_TOK_NUMBER)
		return tfail(t, "an integer");
	for (i = 0; i < t->c.tok.len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return tfail(t, "an integer");
		v = v * 10 + (s[i] - '0');
		if (v > INT_MAX)
			v = INT_MAX;
	}
	*out = (int)v;
	return 0;
}

/* The number as written (the token, after a '-' that tnumeric read
 * before it when `v` is negative), so that a huge one is not shown
 * clamped. */
static int trange(struct tparse *t, const char *what, int v, int lo, int hi)
{
	if (v >= lo && v <= hi)
		return 0;
	if (t->errpos)
		*t->errpos = t->c.tok.start;
	return dbt_error_set(DBT_EPARSE, "%s %s%.*s must be between %d and %d", what,
			     v < 0 ? "-" : "", (int)t->c.tok.len, t->c.text + t->c.tok.start, lo,
			     hi);
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
	int neg = 0, rc;

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
	if ((rc = tnext(t)) < 0)
		return rc;
	/* PostgreSQL 15 takes a negative scale, and one above the precision
	 * (NUMERIC(5,-2) rounds to hundreds, NUMERIC(3,5) holds 0.00123). */
	if (tis(t, "-") || tis(t, "+")) {
		neg = tis(t, "-");
		if ((rc = tnext(t)) < 0)
			return rc;
	}
	if ((rc = tint(t, &ty->scale)) < 0)
		return rc;
	if (neg)
		ty->scale = -ty->scale;
	if ((rc = trange(t, "NUMERIC scale", ty->scale, -NUMERIC_MAX, NUMERIC_MAX)) < 0 ||
	    (rc = tnext(t)) < 0)
		return rc;
	if (!tis(t, ")"))
		return tfail(t, "')'");
	return tnext(t);
}

/* The word `s` (`n` bytes, any case) in type_words; NULL when absent. */
/* `s` (`n` bytes, any ASCII case, no NUL) equal to the lower-case
 * `name`, folded a byte at a time: no copy of `s` first. */
static int word_is(const char *s, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (dbt_ascii_lower((unsigned char)s[i]) != (unsigned char)name[i])
			return 0;
	return name[n] == '\0';
}

/* The type words by a hash of their bytes (open addressing), as lex.c
 * finds keywords: the parsers ask about a word or two of every column's
 * type.  Made once, on first use, and only read after. */
#define NTYPE_WORDS (sizeof(type_words) / sizeof(type_words[0]))
#define TW_SLOTS 256			/* a power of two, at least twice NTYPE_WORDS */
static unsigned char tw_slot[TW_SLOTS]; /* 1 + the word's place, 0 for none */
static pthread_once_t tw_once = PTHREAD_ONCE_INIT;

/* FNV-1a of `n` bytes folded to lower case. */
static unsigned tw_hash(const char *s, size_t n)
{
	unsigned h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned)dbt_ascii_lower((unsigned char)s[i])) * 16777619u;
	return h;
}

static void tw_index(void)
{
	size_t i;

	_Static_assert(TW_SLOTS >= 2 * NTYPE_WORDS && NTYPE_WORDS < 255,
		       "the type word hash is too small");
	for (i = 0; i < NTYPE_WORDS; i++) {
		unsigned h =
			tw_hash(type_words[i].name, strlen(type_words[i].name)) & (TW_SLOTS - 1);

		while (tw_slot[h])
			h = (h + 1) & (TW_SLOTS - 1);
		tw_slot[h] = (unsigned char)(i + 1);
	}
}

static const struct type_word *find_word(const char *s, size_t n)
{
	size_t i;
	unsigned h;

	if (n >= 16)
		return NULL;
	/* A NUL would end the word early, as the copy it was once made into
	 * did. */
	for (i = 0; i < n; i++)
		if (!s[i]) {
			n = i;
			break;
		}
	if (pthread_once(&tw_once, tw_index) != 0) {
		for (i = 0; i < NTYPE_WORDS; i++)
			if (word_is(s, n, type_words[i].name))
				return &type_words[i];
		return NULL;
	}
	for (h = tw_hash(s, n) & (TW_SLOTS - 1); tw_slot[h]; h = (h + 1) & (TW_SLOTS - 1))
		if (word_is(s, n, type_words[tw_slot[h] - 1].name))
			return &type_words[tw_slot[h] - 1];
	return NULL;
}

/* The word `s` when it names a portable type alone; NULL otherwise. */
static const struct type_word *find_type_name(const char *s, size_t n)
{
	const struct type_word *w = find_word(s, n);

	return w && w->kind != DBT_TYPE_NONE ? w : NULL;
}

int dbt_type_parse(dbt_type *out, int *serial, const char *text, size_t len, size_t *errpos)
{
	struct tparse t;
	const struct type_word *tn;
	dbt_type ty = DBT_TYPE_INIT(DBT_TYPE_NONE);
	int p = -1, rc;

	memset(&t, 0, sizeof(t));
	t.errpos = errpos;
	dbt_cursor_init(&t.c, text, len);
	if ((rc = tnext(&t)) < 0)
		goto cleanup;
	tn = t.c.tok.kind == DBT_TOK_WORD ? find_type_name(text + t.c.tok.start, t.c.tok.len)
					  : NULL;
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
	if (t.c.tok.kind != DBT_TOK_END) {
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
		/* With a precision, the scale is what was given, negative too
		 * (PostgreSQL 15). */
		if (type->precision >= 0)
			dbt_buf_printf(out, "(%d,%d)", type->precision, type->scale);
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
	/* A sign before a number: "(-3)", "(10,-2)"; not before an
	 * operator, lest "(- -1)" read back as "(" and a comment. */
	return a->kind == DBT_TOK_OP && (tok_is(text, a, "-") || tok_is(text, a, "+")) &&
	       b->kind != DBT_TOK_OP &&
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

int dbt_type_word_continues(const char *word, size_t len)
{
	const struct type_word *w = find_word(word, len);

	return w && (w->flags & W_CONTINUES);
}

int dbt_type_word_starts_literal(const char *word, size_t len)
{
	const struct type_word *w = find_word(word, len);

	return w && (w->flags & W_LITERAL);
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

/*
 * 1 when the tokens are an integer type's name with MariaDB/MySQL's
 * display width, "int(11)" (then UNSIGNED, ZEROFILL or nothing), as
 * MariaDB prints its integer types: a name taken as written, whose
 * meaning is the server's, as "smallint unsigned" is.
 */
static int display_width(const char *text, const struct ttoks *tk)
{
	const struct type_word *w;

	return tk->n >= 4 && tk->v[0].kind == DBT_TOK_WORD &&
	       (w = find_type_name(text + tk->v[0].start, tk->v[0].len)) &&
	       dbt_type_is_integer(w->kind) && dbt_token_is(text, &tk->v[1], "(") &&
	       tk->v[2].kind == DBT_TOK_NUMBER && dbt_token_is(text, &tk->v[3], ")");
}

/*
 * 1 when the tokens are a floating-point type's name with MariaDB/MySQL's
 * digits and decimals, "double(10,2)", "float(7,3)" (then UNSIGNED,
 * ZEROFILL or nothing), as MariaDB prints them: a name taken as written,
 * as an integer's display width is.
 */
static int float_digits(const char *text, const struct ttoks *tk)
{
	const struct type_word *w;

	return tk->n >= 6 && tk->v[0].kind == DBT_TOK_WORD &&
	       (w = find_type_name(text + tk->v[0].start, tk->v[0].len)) &&
	       (w->kind == DBT_TYPE_DOUBLE || w->kind == DBT_TYPE_REAL) &&
	       dbt_token_is(text, &tk->v[1], "(") && tk->v[2].kind == DBT_TOK_NUMBER &&
	       dbt_token_is(text, &tk->v[3], ",") && tk->v[4].kind == DBT_TOK_NUMBER &&
	       dbt_token_is(text, &tk->v[5], ")");
}

/* 1 when the tokens name a portable type, as dbt_type_declare reads them. */
static int names_portable(const char *text, const struct ttoks *tk)
{
	return tk->n > 0 && tk->v[0].kind == DBT_TOK_WORD &&
	       find_type_name(text + tk->v[0].start, tk->v[0].len) &&
	       /* SMALLINT UNSIGNED is a name SQLite takes as it is, and
		* so is MariaDB's INT ZEROFILL. */
	       !dbt_token_is(text, &tk->v[tk->n - 1], "unsigned") &&
	       !dbt_token_is(text, &tk->v[tk->n - 1], "zerofill") && !display_width(text, tk) &&
	       !float_digits(text, tk);
}

/* 2 when the tokens start with public's or pg_catalog's qualifier, which
 * PostgreSQL's form of the type drops (dbt_type_from_postgres), else 0. */
static size_t dropped_qualifier(const char *text, const struct ttoks *tk)
{
	char *schema;
	int dropped;

	if (tk->n < 3 || (tk->v[0].kind != DBT_TOK_WORD && tk->v[0].kind != DBT_TOK_QUOTED) ||
	    !tok_is(text, &tk->v[1], "."))
		return 0;
	if (!(schema = dbt_token_name(text, &tk->v[0])))
		return 0;
	dropped = !strcmp(schema, "pg_catalog") || !strcmp(schema, "public");
	free(schema);
	return dropped ? 2 : 0;
}

int dbt_type_declare(dbt_type *out, int *serial, const char *text, size_t len, size_t *errpos)
{
	struct ttoks tk, rest = {NULL, 0};
	dbt_buf b = DBT_BUF_INIT;
	dbt_type ty = DBT_TYPE_INIT(DBT_TYPE_OTHER), unqualified;
	char *decl;
	size_t to, q;
	int rc, array, portable;

	*out = ty;
	if (serial)
		*serial = 0;
	if ((rc = ttoks_read(&tk, text, len, errpos)) < 0)
		return rc;
	put_tokens(&b, text, &tk, 0, tk.n, 0);
	to = strip_array(text, &tk, 0, &array);
	portable = names_portable(text, &tk);
	/* A type named by a portable type's name is that type, spelled as
	 * it is spelled: a fault in it is the model's. */
	rc = portable ? dbt_type_parse(&ty, serial, text, tk.v[to - 1].start + tk.v[to - 1].len,
				       errpos)
		      : 0;
	/* So is a portable type's name after public. or pg_catalog.: the
	 * type is written without them for PostgreSQL, where a fault in it
	 * would make the name read back as the portable type and the rest
	 * as what follows the type. */
	q = rc == 0 && !portable ? dropped_qualifier(text, &tk) : 0;
	if (q) {
		rest.v = tk.v + q;
		rest.n = tk.n - q;
	}
	if (q && names_portable(text, &rest)) {
		size_t from = rest.v[0].start, pos = 0;

		to = strip_array(text, &tk, q, &array);
		rc = dbt_type_parse(&unqualified, NULL, text + from,
				    tk.v[to - 1].start + tk.v[to - 1].len - from, &pos);
		if (rc == 0)
			dbt_type_release(&unqualified);
		else if (errpos)
			*errpos = from + pos;
	}
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

/* A copy of `from` whose strings are the copy's own. */
static int type_copy(dbt_type *out, const dbt_type *from)
{
	*out = *from;
	out->text = from->text ? strdup(from->text) : NULL;
	out->decl = from->decl ? strdup(from->decl) : NULL;
	if ((from->text && !out->text) || (from->decl && !out->decl)) {
		dbt_type_release(out);
		return dbt_error_oom();
	}
	return 0;
}

/* The memo's next free entry; once full, the oldest, emptied. */
static size_t memo_slot(dbt_type_memo *memo)
{
	size_t i;

	if (memo->n < DBT_TYPE_MEMO_SIZE)
		return memo->n++;
	i = memo->next;
	memo->next = (memo->next + 1) % DBT_TYPE_MEMO_SIZE;
	free(memo->e[i].decl);
	dbt_type_release(&memo->e[i].type);
	return i;
}

/* from(out, decl), remembered in `memo` by the text of `decl`; a failure
 * is not remembered. */
static int memo_by_text(dbt_type *out, const char *decl, dbt_type_memo *memo,
			int (*from)(dbt_type *, const char *))
{
	dbt_type ty;
	size_t i;
	char *key;
	int rc;

	for (i = 0; i < memo->n; i++)
		if (!strcmp(memo->e[i].decl, decl))
			return type_copy(out, &memo->e[i].type);
	if ((rc = from(out, decl)) < 0)
		return rc;
	if (!(key = strdup(decl)) || type_copy(&ty, out) < 0) {
		free(key);
		dbt_type_release(out);
		return dbt_error_oom();
	}
	i = memo_slot(memo);
	memo->e[i].decl = key;
	memo->e[i].type = ty;
	return 0;
}

int dbt_type_from_sqlite_memo(dbt_type *out, const char *decl, dbt_type_memo *memo)
{
	return memo_by_text(out, decl, memo, dbt_type_from_sqlite);
}

int dbt_type_from_postgres_memo(dbt_type *out, const char *text, dbt_type_memo *memo)
{
	return memo_by_text(out, text, memo, dbt_type_from_postgres);
}

int dbt_type_declare_memo(dbt_type *out, int *serial, const char *text, size_t len, size_t *errpos,
			  dbt_type_memo *memo)
{
	dbt_type ty;
	size_t i;
	char *key;
	int rc, ser = 0;

	for (i = 0; i < memo->n; i++) {
		if (memo->e[i].len == len && !memcmp(memo->e[i].decl, text, len)) {
			if (serial)
				*serial = memo->e[i].serial;
			return type_copy(out, &memo->e[i].type);
		}
	}
	rc = dbt_type_declare(out, &ser, text, len, errpos);
	if (serial)
		*serial = ser;
	if (rc < 0)
		return rc;
	if (!(key = malloc(len + 1)) || type_copy(&ty, out) < 0) {
		free(key);
		dbt_type_release(out);
		return dbt_error_oom();
	}
	memcpy(key, text, len);
	key[len] = '\0';
	i = memo_slot(memo);
	memo->e[i].decl = key;
	memo->e[i].len = len;
	memo->e[i].serial = ser;
	memo->e[i].type = ty;
	return 0;
}

void dbt_type_memo_release(dbt_type_memo *memo)
{
	size_t i;

	for (i = 0; i < memo->n; i++) {
		free(memo->e[i].decl);
		dbt_type_release(&memo->e[i].type);
	}
	memo->n = memo->next = 0;
}

/* 1 when a quoted name reads the same bare: what format_type() leaves
 * unquoted.  The words of SQL's type syntax ("bit", "char", "time", ...)
 * are PostgreSQL keywords that it quotes when they name a type of their
 * own: "bit" is not bit, which means bit(1). */
static int bare_name(const char *s)
{
	const struct type_word *w = find_word(s, strlen(s));
	size_t i;

	if (w && (w->flags & W_COLNAME) && !strcmp(s, w->name))
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
	const struct type_word *w;
	size_t i;

	if (to - from == 1 && tk->v[from].kind == DBT_TOK_WORD &&
	    tok_is(text, &tk->v[from], "bit")) {
		dbt_buf_puts(out, "bit(1)");
		return;
	}
	if (to - from >= 1 && tk->v[from].kind == DBT_TOK_WORD &&
	    (w = find_word(text + tk->v[from].start, tk->v[from].len)) && w->pg) {
		dbt_buf_puts(out, w->pg);
		if (from + 1 < to && !tight(text, NULL, &tk->v[from], &tk->v[from + 1]))
			dbt_buf_putc(out, ' ');
		put_tokens(out, text, tk, from + 1, to, 1);
		return;
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
		/* The same rule as for the other tokens: a quoted name
		 * written bare must be spaced as the bare word reads again. */
		if (i > from && !tight(text, i > from + 1 ? &tk->v[i - 2] : NULL, &tk->v[i - 1], t))
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
