/*
 * reflect_postgres.c - reads a live PostgreSQL schema into the Schema model
 * (schema.h), normalised as the model parser normalises a model, so that a
 * model applied to an empty database and reflected back compares equal.
 *
 * Four catalog queries read the whole schema whatever its size (tables,
 * columns, constraints, indexes), inside one read-only snapshot.  Types
 * go through dbt_type_from_postgres on format_type()'s text; a column whose
 * default is nextval() of a sequence it owns is SERIAL.
 *
 * Defaults, CHECK expressions, index keys and WHERE clauses come back as
 * the server deparses them, with casts and parentheses of its own.  The
 * second half of this file parses that text into a small tree, undoes
 * what the server adds to the commonest forms, and prints it back with
 * only the parentheses that operator precedence needs;
 * dbt_schema_normalize_expr then gives it the canonical form that the
 * model's text gets too.  This only keeps a model that matches the
 * database from costing a scratch database (scratch.h), which settles
 * every other form by building the model's table and reading it back
 * through this same code.  What is undone:
 * - casts of literals: 'x'::text, 0::numeric, '2020-01-01'::date, and a
 *   number the server quotes ('-1'::integer, '5000000000'::bigint) is a
 *   number again;
 * - implicit widening casts of a column, a cast or COALESCE and its kin:
 *   VARCHAR or CHAR to text, a numeric type to a wider one;
 * - the cast of an ARRAY[...] of literals, and x = ANY (ARRAY[...]) and
 *   x <> ALL (ARRAY[...]) written back as x IN (...) and x NOT IN (...);
 * - parentheses that precedence makes redundant, such as the server's
 *   "(a + b) > 0".
 * Everything else (LIKE printed as ~~, BETWEEN as two comparisons, row
 * comparisons, typed literals, completed date and time literals, the
 * SQL-syntax calls such as TRIM and POSITION) is kept as printed, and the
 * scratch database decides.  Index access methods, operator classes,
 * INCLUDE columns and exclusion constraints are not part of the model and
 * are not read.
 */
#include "dialect.h"

#include "error.h"
#include "reflect_postgres_objects.h"
#include "parse.h"
#include "schema.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define VERSION_TABLE "dbtool_version"
#define HISTORY_TABLE "dbtool_history"

/* ============================================================ expressions */

/* Operator precedence, loosest first, as in PostgreSQL's grammar. */
enum prec {
	P_NONE = 0,
	P_OR,
	P_AND,
	P_NOT,
	P_IS,
	P_CMP,    /* < > = <= >= <> */
	P_LIKE,   /* IN */
	P_OP,     /* any other operator */
	P_ADD,    /* + - */
	P_MUL,    /* * / % */
	P_EXP,    /* ^ */
	P_AT,     /* AT TIME ZONE, COLLATE */
	P_UMINUS, /* unary + - */
	P_SUB,    /* [ ] */
	P_CAST,   /* :: */
	P_PRIMARY,
};

enum nkind {
	N_LEAF,      /* text */
	N_CAST,      /* kids[0]::text */
	N_PREFIX,    /* text kids[0] */
	N_INFIX,     /* kids[0] text kids[1] */
	N_POSTFIX,   /* kids[0] text: IS NULL, COLLATE "C" */
	N_CALL,      /* text(kids...) or text(raw) */
	N_ARRAY,     /* ARRAY[kids...] */
	N_CASE,      /* CASE, then each kid after its label, END */
	N_ANY,       /* text (kids[0]): ANY, ALL, SOME */
	N_IN,        /* kids[0] text (kids[1...]): IN, NOT IN */
	N_SUBSCRIPT, /* kids[0][kids[1]] */
};

enum leaf {
	L_NONE = 0,
	L_STRING,
	L_NUMBER,
	L_NULL,
	L_CONST, /* TRUE, FALSE, CURRENT_TIMESTAMP... */
	L_NAME,  /* an unqualified name */
	L_QNAME, /* a qualified name */
};

struct node {
	enum nkind kind;
	enum leaf leaf;
	int prec;
	char *text;
	char *raw;         /* N_CALL: the arguments as printed, when they did not parse */
	const char *label; /* in an N_CASE: the keyword printed before this kid */
	struct node **kids;
	size_t nkids;
	struct node *pool_next;
};

/* The parser over one expression's tokens; every node it makes is on
 * `pool`, released together. */
struct xp {
	const char *s;
	dbt_token *v; /* the tokens, then one DBT_TOK_END */
	size_t n;
	size_t pos;
	struct node *pool;
	int oom;
};

static struct node *parse_expr(struct xp *x, int min);

static const dbt_token *cur(const struct xp *x)
{
	return &x->v[x->pos];
}

static const dbt_token *ahead(const struct xp *x, size_t k)
{
	return x->pos + k < x->n ? &x->v[x->pos + k] : &x->v[x->n - 1];
}

static int is(const struct xp *x, const char *s)
{
	return cur(x)->kind != DBT_TOK_STRING && dbt_token_is(x->s, cur(x), s);
}

/* 1 when the token `k` ahead is a word or quoted name. */
static int ahead_name(const struct xp *x, size_t k)
{
	return ahead(x, k)->kind == DBT_TOK_WORD || ahead(x, k)->kind == DBT_TOK_QUOTED;
}

static int ahead_is(const struct xp *x, size_t k, const char *s)
{
	const dbt_token *t = ahead(x, k);

	return t->kind != DBT_TOK_STRING && dbt_token_is(x->s, t, s);
}

static struct node *new_node(struct xp *x, enum nkind kind, int prec)
{
	struct node *n = calloc(1, sizeof(*n));

	if (!n) {
		x->oom = 1;
		return NULL;
	}
	n->kind = kind;
	n->prec = prec;
	n->pool_next = x->pool;
	x->pool = n;
	return n;
}

static void free_pool(struct node *n)
{
	while (n) {
		struct node *next = n->pool_next;

		free(n->text);
		free(n->raw);
		free(n->kids);
		free(n);
		n = next;
	}
}

/* Replaces the node's text by `len` bytes of `s`; 0 when out of memory. */
static int set_text(struct xp *x, struct node *n, const char *s, size_t len)
{
	char *copy = strndup(s, len);

	if (!copy) {
		x->oom = 1;
		return 0;
	}
	free(n->text);
	n->text = copy;
	return 1;
}

static int add_kid(struct xp *x, struct node *n, struct node *kid)
{
	struct node **v;

	if (!kid)
		return 0;
	v = realloc(n->kids, (n->nkids + 1) * sizeof(*v));
	if (!v) {
		x->oom = 1;
		return 0;
	}
	n->kids = v;
	v[n->nkids++] = kid;
	return 1;
}

/* A node of one kid and a text, the commonest shape. */
static struct node *unary_node(struct xp *x, enum nkind kind, int prec, const char *text,
			       struct node *kid)
{
	struct node *n;

	if (!kid || !(n = new_node(x, kind, prec)))
		return NULL;
	if (!set_text(x, n, text, strlen(text)) || !add_kid(x, n, kid))
		return NULL;
	return n;
}

/* The end offset of the token before the current one. */
static size_t prev_end(const struct xp *x)
{
	const dbt_token *t = &x->v[x->pos - 1];

	return t->start + t->len;
}

/* The index of the token that closes the bracket at `open` ("(" or "["),
 * or 0 when none does. */
static size_t closing(const struct xp *x, size_t open)
{
	char o = x->s[x->v[open].start], c = o == '(' ? ')' : ']';
	size_t i;
	int depth = 0;

	for (i = open; i < x->n; i++) {
		const dbt_token *t = &x->v[i];

		if (t->kind != DBT_TOK_PUNCT)
			continue;
		if (x->s[t->start] == o)
			depth++;
		else if (x->s[t->start] == c && --depth == 0)
			return i;
	}
	return 0;
}

/* Words that continue a type name after its first word. */
static int type_word(const struct xp *x)
{
	static const char *const words[] = {"precision", "varying", "with",
					    "without",   "time",    "zone"};
	size_t i;

	if (cur(x)->kind != DBT_TOK_WORD)
		return 0;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (is(x, words[i]))
			return 1;
	return 0;
}

/* The type after "::", as format_type() prints it: "character
 * varying(10)", "double precision", "text[]", "public.mood". */
static struct node *parse_cast(struct xp *x, struct node *operand)
{
	size_t from = cur(x)->start, close;
	struct node *n;

	if (cur(x)->kind != DBT_TOK_WORD && cur(x)->kind != DBT_TOK_QUOTED)
		return NULL;
	x->pos++;
	if (is(x, ".") && ahead_name(x, 1))
		x->pos += 2;
	for (;;) {
		if (type_word(x)) {
			x->pos++;
		} else if (is(x, "(") || is(x, "[")) {
			if (!(close = closing(x, x->pos)))
				return NULL;
			x->pos = close + 1;
		} else {
			break;
		}
	}
	if (!(n = new_node(x, N_CAST, P_CAST)) ||
	    !set_text(x, n, x->s + from, prev_end(x) - from) || !add_kid(x, n, operand))
		return NULL;
	return n;
}

/* Comma-separated expressions up to `close` (")" or "]"), added as kids. */
static int parse_list(struct xp *x, struct node *n, const char *close)
{
	if (is(x, close)) {
		x->pos++;
		return 1;
	}
	for (;;) {
		if (!add_kid(x, n, parse_expr(x, P_OR)))
			return 0;
		if (is(x, ",")) {
			x->pos++;
			continue;
		}
		if (!is(x, close))
			return 0;
		x->pos++;
		return 1;
	}
}

/* NAME( has been read up to the "(": the arguments, or when they are
 * not plain expressions (EXTRACT(year FROM d), count(*)) their text. */
static struct node *parse_call(struct xp *x, const char *name, size_t len)
{
	size_t open = x->pos, close;
	struct node *n = new_node(x, N_CALL, P_PRIMARY);

	if (!n || !set_text(x, n, name, len))
		return NULL;
	x->pos++;
	if (parse_list(x, n, ")"))
		return n;
	if (x->oom || !(close = closing(x, open)))
		return NULL;
	n->nkids = 0;
	if (close > open + 1) {
		size_t from = x->v[open + 1].start;

		if (!(n->raw = strndup(x->s + from, x->v[close].start - from))) {
			x->oom = 1;
			return NULL;
		}
	}
	x->pos = close + 1;
	return n;
}

static struct node *parse_case(struct xp *x)
{
	struct node *n = new_node(x, N_CASE, P_PRIMARY), *k;

	if (!n)
		return NULL;
	x->pos++;
	if (!is(x, "when")) {
		if (!add_kid(x, n, k = parse_expr(x, P_OR)))
			return NULL;
		k->label = "";
	}
	while (is(x, "when")) {
		x->pos++;
		if (!add_kid(x, n, k = parse_expr(x, P_OR)))
			return NULL;
		k->label = "WHEN";
		if (!is(x, "then"))
			return NULL;
		x->pos++;
		if (!add_kid(x, n, k = parse_expr(x, P_OR)))
			return NULL;
		k->label = "THEN";
	}
	if (is(x, "else")) {
		x->pos++;
		if (!add_kid(x, n, k = parse_expr(x, P_OR)))
			return NULL;
		k->label = "ELSE";
	}
	if (!is(x, "end"))
		return NULL;
	x->pos++;
	return n;
}

/* Keywords that stand for a value without parentheses. */
static int constant_word(const struct xp *x)
{
	static const char *const words[] = {
		"true", "false", "current_date", "current_time", "current_timestamp", "localtime",
		"localtimestamp", "current_user", "current_role", "current_catalog",
		"current_schema", "session_user", "system_user", "user"};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (is(x, words[i]))
			return 1;
	return 0;
}

static struct node *leaf(struct xp *x, enum leaf kind, int prec, size_t from, size_t to)
{
	struct node *n = new_node(x, N_LEAF, prec);

	if (!n || !set_text(x, n, x->s + from, to - from))
		return NULL;
	n->leaf = kind;
	return n;
}

static struct node *parse_primary(struct xp *x)
{
	const dbt_token *t = cur(x);
	struct node *n;
	size_t from = t->start;

	switch (t->kind) {
	case DBT_TOK_NUMBER:
		x->pos++;
		return leaf(x, L_NUMBER, P_PRIMARY, from, prev_end(x));
	case DBT_TOK_STRING:
		x->pos++;
		return leaf(x, L_STRING, P_PRIMARY, from, prev_end(x));
	case DBT_TOK_PUNCT:
		if (!is(x, "("))
			return NULL;
		x->pos++;
		n = parse_expr(x, P_OR);
		if (!n || !is(x, ")"))
			return NULL;
		x->pos++;
		return n;
	case DBT_TOK_WORD:
		if (is(x, "case"))
			return parse_case(x);
		if (is(x, "array") && ahead_is(x, 1, "[")) {
			if (!(n = new_node(x, N_ARRAY, P_PRIMARY)))
				return NULL;
			x->pos += 2;
			return parse_list(x, n, "]") ? n : NULL;
		}
		if ((is(x, "any") || is(x, "all") || is(x, "some")) && ahead_is(x, 1, "(")) {
			const char *word = is(x, "all") ? "ALL" : is(x, "any") ? "ANY" : "SOME";

			x->pos += 2;
			n = parse_expr(x, P_OR);
			if (!n || !is(x, ")"))
				return NULL;
			x->pos++;
			return unary_node(x, N_ANY, P_PRIMARY, word, n);
		}
		if (is(x, "null")) {
			x->pos++;
			return leaf(x, L_NULL, P_PRIMARY, from, prev_end(x));
		}
		if (constant_word(x) && !ahead_is(x, 1, "(")) {
			x->pos++;
			return leaf(x, L_CONST, P_PRIMARY, from, prev_end(x));
		}
		/* Any other word that is no reserved keyword is a name. */
		if (dbt_sql_keyword(x->s + t->start, t->len) == DBT_KW_RESERVED &&
		    !constant_word(x))
			return NULL;
		/* fall through */
	case DBT_TOK_QUOTED: {
		enum leaf kind = L_NAME;

		x->pos++;
		while (is(x, ".") && ahead_name(x, 1)) {
			x->pos += 2;
			kind = L_QNAME;
		}
		if (is(x, "("))
			return parse_call(x, x->s + from, prev_end(x) - from);
		return leaf(x, kind, P_PRIMARY, from, prev_end(x));
	}
	default:
		return NULL;
	}
}

/* A prefix operator and its operand, or a primary with its casts and
 * subscripts. */
static struct node *parse_unary(struct xp *x)
{
	struct node *n, *k;

	if (cur(x)->kind == DBT_TOK_WORD && is(x, "not")) {
		x->pos++;
		return unary_node(x, N_PREFIX, P_NOT, "NOT", parse_expr(x, P_NOT));
	}
	if (cur(x)->kind == DBT_TOK_OP && (is(x, "-") || is(x, "+"))) {
		const char *op = is(x, "-") ? "-" : "+";

		x->pos++;
		if (!(k = parse_expr(x, P_UMINUS)))
			return NULL;
		/* A negative number is one value, as the model's "-1" is. */
		if (op[0] == '-' && k->kind == N_LEAF && k->leaf == L_NUMBER && k->text[0] != '-') {
			size_t len = strlen(k->text);
			char *s = malloc(len + 2);

			if (!s) {
				x->oom = 1;
				return NULL;
			}
			s[0] = '-';
			memcpy(s + 1, k->text, len + 1);
			free(k->text);
			k->text = s;
			k->prec = P_UMINUS;
			return k;
		}
		return unary_node(x, N_PREFIX, P_UMINUS, op, k);
	}
	n = parse_primary(x);
	while (n) {
		if (is(x, "::")) {
			x->pos++;
			n = parse_cast(x, n);
		} else if (is(x, "[")) {
			struct node *s = new_node(x, N_SUBSCRIPT, P_SUB);

			x->pos++;
			if (!s || !add_kid(x, s, n) || !add_kid(x, s, parse_expr(x, P_OR)) ||
			    !is(x, "]"))
				return NULL;
			x->pos++;
			n = s;
		} else {
			break;
		}
	}
	return n;
}

enum form { F_INFIX, F_POSTFIX, F_COLLATE };

/* What follows an operand, when it is an operator this parser knows. */
struct op {
	enum form form;
	int prec;
	size_t ntoks;
	char text[32];
};

static int op_words(struct op *op, enum form form, int prec, size_t ntoks, const char *text)
{
	op->form = form;
	op->prec = prec;
	op->ntoks = ntoks;
	snprintf(op->text, sizeof(op->text), "%s", text);
	return 1;
}

/* IS has been seen: IS [NOT] NULL/TRUE/FALSE/UNKNOWN/DISTINCT FROM. */
static int is_op(const struct xp *x, struct op *op)
{
	static const char *const tests[] = {"null", "true", "false", "unknown"};
	size_t k = 1, i;
	int negated = ahead_is(x, 1, "not");
	char text[32];

	if (negated)
		k++;
	for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		if (!ahead_is(x, k, tests[i]))
			continue;
		snprintf(text, sizeof(text), "IS %s%s", negated ? "NOT " : "", tests[i]);
		for (i = 0; text[i]; i++)
			if (text[i] >= 'a' && text[i] <= 'z')
				text[i] -= 'a' - 'A';
		return op_words(op, F_POSTFIX, P_IS, k + 1, text);
	}
	if (ahead_is(x, k, "distinct") && ahead_is(x, k + 1, "from"))
		return op_words(op, F_INFIX, P_IS, k + 2,
				negated ? "IS NOT DISTINCT FROM" : "IS DISTINCT FROM");
	return 0;
}

static int find_op(const struct xp *x, struct op *op)
{
	const dbt_token *t = cur(x);
	const char *s = x->s + t->start;

	if (t->kind == DBT_TOK_WORD) {
		if (is(x, "and"))
			return op_words(op, F_INFIX, P_AND, 1, "AND");
		if (is(x, "or"))
			return op_words(op, F_INFIX, P_OR, 1, "OR");
		if (is(x, "is"))
			return is_op(x, op);
		if (is(x, "isnull"))
			return op_words(op, F_POSTFIX, P_IS, 1, "IS NULL");
		if (is(x, "notnull"))
			return op_words(op, F_POSTFIX, P_IS, 1, "IS NOT NULL");
		if (is(x, "at") && ahead_is(x, 1, "time") && ahead_is(x, 2, "zone"))
			return op_words(op, F_INFIX, P_AT, 3, "AT TIME ZONE");
		if (is(x, "collate"))
			return op_words(op, F_COLLATE, P_AT, 1, "COLLATE");
		return 0;
	}
	if (t->kind != DBT_TOK_OP || t->len >= sizeof(op->text) || is(x, "::"))
		return 0;
	op_words(op, F_INFIX, P_OP, 1, "");
	memcpy(op->text, s, t->len);
	op->text[t->len] = '\0';
	if (!strcmp(op->text, "=") || !strcmp(op->text, "<") || !strcmp(op->text, ">") ||
	    !strcmp(op->text, "<=") || !strcmp(op->text, ">=") || !strcmp(op->text, "<>") ||
	    !strcmp(op->text, "!="))
		op->prec = P_CMP;
	else if (!strcmp(op->text, "+") || !strcmp(op->text, "-"))
		op->prec = P_ADD;
	else if (!strcmp(op->text, "*") || !strcmp(op->text, "/") || !strcmp(op->text, "%"))
		op->prec = P_MUL;
	else if (!strcmp(op->text, "^"))
		op->prec = P_EXP;
	return 1;
}

/* COLLATE has been read: the collation's name, kept as printed. */
static struct node *parse_collate(struct xp *x, struct node *operand)
{
	size_t from = cur(x)->start, len;
	struct node *n;

	if (cur(x)->kind != DBT_TOK_WORD && cur(x)->kind != DBT_TOK_QUOTED)
		return NULL;
	x->pos++;
	while (is(x, ".") && ahead_name(x, 1))
		x->pos += 2;
	len = prev_end(x) - from;
	if (!(n = new_node(x, N_POSTFIX, P_AT)) || !add_kid(x, n, operand))
		return NULL;
	if (!(n->text = malloc(len + 9))) {
		x->oom = 1;
		return NULL;
	}
	memcpy(n->text, "COLLATE ", 8);
	memcpy(n->text + 8, x->s + from, len);
	n->text[len + 8] = '\0';
	return n;
}

/* Precedence climbing: an operand, then operators binding at least as
 * tightly as `min`, each with its right operand. */
static struct node *parse_expr(struct xp *x, int min)
{
	struct node *left = parse_unary(x), *n;
	struct op op;

	while (left && find_op(x, &op) && op.prec >= min) {
		x->pos += op.ntoks;
		switch (op.form) {
		case F_POSTFIX:
			n = unary_node(x, N_POSTFIX, op.prec, op.text, left);
			break;
		case F_COLLATE:
			n = parse_collate(x, left);
			break;
		default:
			n = unary_node(x, N_INFIX, op.prec, op.text, left);
			if (n && !add_kid(x, n, parse_expr(x, op.prec + 1)))
				n = NULL;
			break;
		}
		left = n;
	}
	return left;
}

/* --------------------------------------------------------- undoing casts */

static int ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* The column an unqualified name leaf names in `t`, if any. */
static const dbt_column *leaf_column(const struct node *n, const dbt_table *t)
{
	const dbt_column *c;
	size_t len, i, o = 0;
	char *name;

	if (!t || n->kind != N_LEAF || n->leaf != L_NAME)
		return NULL;
	len = strlen(n->text);
	if (!(name = malloc(len + 1)))
		return NULL;
	if (n->text[0] == '"') {
		for (i = 1; i + 1 < len; i++) {
			name[o++] = n->text[i];
			if (n->text[i] == '"')
				i++;
		}
	} else {
		for (i = 0; i < len; i++)
			name[o++] = (char)ascii_lower((unsigned char)n->text[i]);
	}
	name[o] = '\0';
	c = dbt_table_find_column(t, name);
	free(name);
	return c;
}

/* The rank of a numeric type in the order of PostgreSQL's implicit
 * casts; 0 for other types. */
static int numeric_rank(dbt_type_kind kind)
{
	switch (kind) {
	case DBT_TYPE_SMALLINT:
		return 1;
	case DBT_TYPE_INTEGER:
		return 2;
	case DBT_TYPE_BIGINT:
		return 3;
	case DBT_TYPE_NUMERIC:
		return 4;
	case DBT_TYPE_REAL:
		return 5;
	case DBT_TYPE_DOUBLE:
		return 6;
	default:
		return 0;
	}
}

/* The kind of the type a cast names; NONE for types the model lacks. */
static dbt_type_kind cast_kind(const char *type)
{
	dbt_type ty;

	if (dbt_type_parse(&ty, NULL, type, strlen(type), NULL) < 0) {
		dbt_error_clear();
		return DBT_TYPE_NONE;
	}
	return ty.kind;
}

/* 1 when a string literal's text ('-1.5') is a number. */
static int numeric_string(const char *s)
{
	size_t i = 1, digits = 0;

	if (s[0] != '\'')
		return 0;
	if (s[i] == '-')
		i++;
	for (; s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (s[i] == '.')
		for (i++; s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
	if (!digits)
		return 0;
	if (s[i] == 'e' || s[i] == 'E') {
		i++;
		if (s[i] == '-' || s[i] == '+')
			i++;
		if (!(s[i] >= '0' && s[i] <= '9'))
			return 0;
		while (s[i] >= '0' && s[i] <= '9')
			i++;
	}
	return s[i] == '\'' && s[i + 1] == '\0';
}

static int is_literal(const struct node *n)
{
	return n->kind == N_LEAF &&
	       (n->leaf == L_STRING || n->leaf == L_NUMBER || n->leaf == L_NULL);
}

static int is_call(const struct node *n, const char *name)
{
	return n->kind == N_CALL && !n->raw && !strcasecmp(n->text, name);
}

/* The type of an expression where it is plain: a column's, a cast's, and
 * that of the functions whose type is their arguments'; NONE otherwise. */
static dbt_type_kind type_of(const struct node *n, const dbt_table *t)
{
	const dbt_column *c;
	dbt_type_kind kind;
	size_t i;

	if ((c = leaf_column(n, t)))
		return c->type.kind;
	if (n->kind == N_CAST)
		return cast_kind(n->text);
	if (is_call(n, "coalesce") || is_call(n, "nullif") || is_call(n, "greatest") ||
	    is_call(n, "least")) {
		for (i = 0; i < n->nkids; i++)
			if ((kind = type_of(n->kids[i], t)) != DBT_TYPE_NONE)
				return kind;
	}
	return DBT_TYPE_NONE;
}

/* 1 when PostgreSQL casts `from` to `to` implicitly to make operands
 * meet: VARCHAR and CHAR to TEXT, a numeric type to a wider one. */
static int widens(dbt_type_kind from, dbt_type_kind to)
{
	if (to == DBT_TYPE_TEXT)
		return from == DBT_TYPE_VARCHAR || from == DBT_TYPE_CHAR;
	return numeric_rank(from) && numeric_rank(to) > numeric_rank(from);
}

static struct node *undo_cast(struct xp *x, struct node *n, const dbt_table *t)
{
	struct node *k = n->kids[0];
	size_t i;

	if (is_literal(k)) {
		if (k->leaf == L_STRING && numeric_string(k->text) &&
		    numeric_rank(cast_kind(n->text))) {
			size_t len = strlen(k->text);

			if (!set_text(x, k, k->text + 1, len - 2))
				return n;
			k->leaf = L_NUMBER;
			k->prec = k->text[0] == '-' ? P_UMINUS : P_PRIMARY;
		}
		return k;
	}
	if (widens(type_of(k, t), cast_kind(n->text)))
		return k;
	if (k->kind == N_ARRAY) {
		for (i = 0; i < k->nkids; i++)
			if (!is_literal(k->kids[i]))
				return n;
		return k;
	}
	return n;
}

static struct node *undo_operator(struct xp *x, struct node *n)
{
	struct node *r = n->kids[1], *array, **kids;
	int in;

	if (r->kind != N_ANY || r->kids[0]->kind != N_ARRAY || r->kids[0]->nkids == 0)
		return n;
	if (!strcmp(n->text, "=") && strcmp(r->text, "ALL"))
		in = 1;
	else if (!strcmp(n->text, "<>") && !strcmp(r->text, "ALL"))
		in = 0;
	else
		return n;
	array = r->kids[0];
	kids = malloc((array->nkids + 1) * sizeof(*kids));
	if (!kids || !set_text(x, n, in ? "IN" : "NOT IN", in ? 2 : 6)) {
		free(kids);
		x->oom = 1;
		return n;
	}
	kids[0] = n->kids[0];
	memcpy(kids + 1, array->kids, array->nkids * sizeof(*kids));
	free(n->kids);
	n->kids = kids;
	n->nkids = array->nkids + 1;
	n->kind = N_IN;
	n->prec = P_LIKE;
	return n;
}

/* Undoes, bottom up, what the server adds to an expression on `t`. */
static struct node *undo(struct xp *x, struct node *n, const dbt_table *t)
{
	size_t i;

	for (i = 0; i < n->nkids; i++) {
		struct node *k = undo(x, n->kids[i], t);

		/* A part of a CASE keeps its keyword when a cast goes. */
		k->label = n->kids[i]->label;
		n->kids[i] = k;
	}
	if (n->kind == N_CAST)
		return undo_cast(x, n, t);
	if (n->kind == N_INFIX)
		return undo_operator(x, n);
	return n;
}

/* ---------------------------------------------------------------- printing */

static void print_node(dbt_buf *b, const struct node *n);

static void print_kid(dbt_buf *b, const struct node *k, int parens)
{
	if (parens)
		dbt_buf_putc(b, '(');
	print_node(b, k);
	if (parens)
		dbt_buf_putc(b, ')');
}

static void print_list(dbt_buf *b, struct node *const *kids, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i)
			dbt_buf_puts(b, ", ");
		print_node(b, kids[i]);
	}
}

/* Whether the left operand of an infix or postfix operator needs
 * parentheses: when it binds less tightly, or as tightly with an
 * operator that does not associate (a = b = c is no expression). */
static int left_parens(const struct node *n)
{
	int k = n->kids[0]->prec, p = n->prec;

	return k < p || (k == p && (p == P_IS || p == P_CMP || p == P_LIKE));
}

/* Prints with only the parentheses that precedence needs; the spacing
 * is left to dbt_schema_normalize_expr. */
static void print_node(dbt_buf *b, const struct node *n)
{
	size_t i;

	switch (n->kind) {
	case N_LEAF:
		dbt_buf_puts(b, n->text);
		break;
	case N_CAST:
		print_kid(b, n->kids[0], n->kids[0]->prec < P_CAST);
		dbt_buf_printf(b, "::%s", n->text);
		break;
	case N_SUBSCRIPT:
		/* Only a name takes a subscript without parentheses. */
		print_kid(b, n->kids[0],
			  !(n->kids[0]->kind == N_LEAF &&
			    (n->kids[0]->leaf == L_NAME || n->kids[0]->leaf == L_QNAME)));
		dbt_buf_putc(b, '[');
		print_node(b, n->kids[1]);
		dbt_buf_putc(b, ']');
		break;
	case N_PREFIX:
		/* The space keeps "- -1" from reading as a comment. */
		dbt_buf_printf(b, "%s ", n->text);
		print_kid(b, n->kids[0], n->kids[0]->prec < n->prec);
		break;
	case N_INFIX:
		print_kid(b, n->kids[0], left_parens(n));
		dbt_buf_printf(b, " %s ", n->text);
		print_kid(b, n->kids[1], n->kids[1]->prec <= n->prec);
		break;
	case N_POSTFIX:
		print_kid(b, n->kids[0], left_parens(n));
		dbt_buf_printf(b, " %s", n->text);
		break;
	case N_CALL:
		dbt_buf_printf(b, "%s(", n->text);
		if (n->raw)
			dbt_buf_puts(b, n->raw);
		else
			print_list(b, n->kids, n->nkids);
		dbt_buf_putc(b, ')');
		break;
	case N_ARRAY:
		dbt_buf_puts(b, "ARRAY[");
		print_list(b, n->kids, n->nkids);
		dbt_buf_putc(b, ']');
		break;
	case N_CASE:
		dbt_buf_puts(b, "CASE");
		for (i = 0; i < n->nkids; i++) {
			const char *label = n->kids[i]->label;

			dbt_buf_printf(b, "%s%s ", *label ? " " : "", label);
			print_node(b, n->kids[i]);
		}
		dbt_buf_puts(b, " END");
		break;
	case N_ANY:
		dbt_buf_printf(b, "%s (", n->text);
		print_node(b, n->kids[0]);
		dbt_buf_putc(b, ')');
		break;
	case N_IN:
		print_kid(b, n->kids[0], n->kids[0]->prec <= P_LIKE);
		dbt_buf_printf(b, " %s (", n->text);
		print_list(b, n->kids + 1, n->nkids - 1);
		dbt_buf_putc(b, ')');
		break;
	}
}

/* Reads `x->s` into a tree in `*out`, NULL when the text holds what the
 * parser does not follow; DBT_ERROR only when out of memory. */
static int parse_tree(struct node **out, struct xp *x)
{
	dbt_lexer lx;
	dbt_token tok, *v;
	struct node *n;

	*out = NULL;
	dbt_lex_init(&lx, x->s, strlen(x->s));
	do {
		if (dbt_lex_next(&lx, &tok) < 0) {
			dbt_error_clear();
			return 0;
		}
		if (!(v = realloc(x->v, (x->n + 1) * sizeof(*v))))
			return dbt_error_oom();
		x->v = v;
		x->v[x->n++] = tok;
	} while (tok.kind != DBT_TOK_END);
	n = parse_expr(x, P_OR);
	if (x->oom)
		return dbt_error_oom();
	if (n && cur(x)->kind == DBT_TOK_END)
		*out = n;
	return 0;
}

/*
 * The expression `text`, as the server printed it for table `t` (NULL
 * when it names no columns), with what the server added undone; in `out`,
 * caller frees.  Text the parser above does not follow is handed back as
 * it is, for dbt_schema_normalize_expr to canonicalise.  DBT_ERROR only
 * when out of memory.
 */
static int server_expr(char **out, const char *text, const dbt_table *t)
{
	struct xp x;
	struct node *n;
	dbt_buf b = DBT_BUF_INIT;
	int rc;

	*out = NULL;
	memset(&x, 0, sizeof(x));
	x.s = text;
	if ((rc = parse_tree(&n, &x)) < 0)
		goto cleanup;
	if (n) {
		n = undo(&x, n, t);
		if (x.oom) {
			rc = dbt_error_oom();
			goto cleanup;
		}
		print_node(&b, n);
		*out = dbt_buf_detach(&b);
	} else {
		*out = strdup(text);
	}
	if (!*out)
		rc = dbt_error_oom();
cleanup:
	dbt_buf_release(&b);
	free_pool(x.pool);
	free(x.v);
	return rc;
}

/* Replaces the canonical text `*expr` with the same text after
 * server_expr, canonical again. */
static int model_expr(char **expr, const dbt_table *t)
{
	char *undone = NULL, *canon = NULL;
	int rc;

	if (!*expr)
		return 0;
	if ((rc = server_expr(&undone, *expr, t)) < 0)
		return rc;
	rc = dbt_schema_normalize_expr(&canon, undone, strlen(undone));
	free(undone);
	if (rc < 0)
		return rc;
	free(*expr);
	*expr = canon;
	return 0;
}

int dbt_postgres_model_exprs(dbt_schema *schema)
{
	size_t i, j;
	int rc;

	for (i = 0; i < schema->ntables; i++) {
		dbt_table *t = schema->tables[i];

		for (j = 0; j < t->ncolumns; j++) {
			dbt_column *c = t->columns[j];

			if ((rc = model_expr(&c->default_expr, t)) < 0 ||
			    (rc = model_expr(&c->generated_expr, t)) < 0)
				return rc;
			/* A cast NULL ('NULL::text') undone is no default. */
			if (c->default_expr && !strcmp(c->default_expr, "NULL")) {
				free(c->default_expr);
				c->default_expr = NULL;
			}
		}
		for (j = 0; j < t->nchecks; j++)
			if ((rc = model_expr(&t->checks[j]->expr, t)) < 0)
				return rc;
	}
	for (i = 0; i < schema->nindexes; i++) {
		dbt_index *ix = schema->indexes[i];
		const dbt_table *t = dbt_schema_find_table(schema, ix->table);

		for (j = 0; j < ix->nelems; j++)
			if ((rc = model_expr(&ix->elems[j].expr, t)) < 0)
				return rc;
		if ((rc = model_expr(&ix->where, t)) < 0)
			return rc;
	}
	return 0;
}

/* ============================================================= reflection */

/* The tables of the schema `$1`, partitions too, dbtool's version and
 * history tables left out. */
#define SCHEMA_TABLES                                                                      \
	"SELECT c.oid FROM pg_catalog.pg_class c "                                         \
	"JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "                        \
	"WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') "                                \
	"AND c.relname NOT IN ('" VERSION_TABLE "', '" HISTORY_TABLE "')"

/* No row when the schema does not exist; one row of NULLs when it is
 * empty. */
static const char tables_sql[] =
	"SELECT c.oid, c.relname, "
	"CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END, "
	"(SELECT p.relname FROM pg_catalog.pg_inherits i "
	"JOIN pg_catalog.pg_class p ON p.oid = i.inhparent "
	"WHERE c.relispartition AND i.inhrelid = c.oid), "
	"CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid, true) END "
	"FROM pg_catalog.pg_namespace n "
	"LEFT JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid "
	"AND c.oid IN (" SCHEMA_TABLES ") "
	"WHERE n.nspname = $1 ORDER BY c.oid";

/* A SERIAL column is one whose default is nextval() of a sequence that
 * the column owns (the 'a' dependency that SERIAL and OWNED BY make). */
static const char columns_sql[] =
	"SELECT a.attrelid, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), "
	"a.attnotnull, a.attidentity, a.attgenerated, "
	"pg_catalog.pg_get_expr(d.adbin, d.adrelid, true), "
	"CASE WHEN a.attcollation <> t.typcollation THEN co.collname END, "
	"EXISTS (SELECT 1 FROM pg_catalog.pg_depend dep "
	"WHERE dep.classid = 'pg_catalog.pg_class'::pg_catalog.regclass "
	"AND dep.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass "
	"AND dep.refobjid = a.attrelid AND dep.refobjsubid = a.attnum AND dep.deptype = 'a' "
	"AND pg_catalog.pg_get_expr(d.adbin, d.adrelid) = "
	"pg_catalog.format('nextval(%L::regclass)', dep.objid::pg_catalog.regclass)) "
	"FROM pg_catalog.pg_attribute a "
	"JOIN pg_catalog.pg_type t ON t.oid = a.atttypid "
	"LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
	"LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation "
	"WHERE a.attrelid IN (" SCHEMA_TABLES " AND NOT c.relispartition) "
	"AND a.attnum > 0 AND NOT a.attisdropped "
	"ORDER BY a.attrelid, a.attnum";

/* Key columns come as name arrays in key order. */
#define KEY_NAMES(keys, rel)                                                                   \
	"ARRAY(SELECT a.attname FROM pg_catalog.unnest(" keys ") WITH ORDINALITY k(num, ord) " \
	"JOIN pg_catalog.pg_attribute a ON a.attrelid = " rel " AND a.attnum = k.num "         \
	"ORDER BY k.ord)"

static const char constraints_sql[] =
	"SELECT con.conrelid, con.conname, con.contype, "
	KEY_NAMES("con.conkey", "con.conrelid") ", "
	"f.relname, " KEY_NAMES("con.confkey", "con.confrelid") ", "
	"con.confdeltype, con.confupdtype, con.condeferrable, con.condeferred, "
	"CASE WHEN con.contype = 'c' "
	"THEN pg_catalog.pg_get_expr(con.conbin, con.conrelid, true) "
	"WHEN con.contype = 'x' THEN pg_catalog.pg_get_constraintdef(con.oid, true) END, "
	"con.confmatchtype "
	"FROM pg_catalog.pg_constraint con "
	"LEFT JOIN pg_catalog.pg_class f ON f.oid = con.confrelid "
	"WHERE con.conrelid IN (" SCHEMA_TABLES ") AND con.contype IN ('p', 'u', 'f', 'c', 'x') "
	/* A partition's copies of its parent's constraints are the parent's. */
	"AND con.conparentid = 0 AND (con.conislocal OR NOT EXISTS (SELECT 1 "
	"FROM pg_catalog.pg_class pc WHERE pc.oid = con.conrelid AND pc.relispartition)) "
	"ORDER BY con.conrelid, con.oid";

/* Each key as one string: 'A' or 'D' (DESC), then 'C' and a column name
 * or 'E' and an expression.  The indexes behind primary key, unique and
 * exclusion constraints belong to those constraints. */
static const char indexes_sql[] =
	"SELECT i.indrelid, ic.relname, i.indisunique, "
	"ARRAY(SELECT CASE WHEN i.indoption[k] & 1 <> 0 THEN 'D' ELSE 'A' END || "
	"CASE WHEN i.indkey[k] <> 0 THEN 'C' || a.attname "
	"ELSE 'E' || pg_catalog.pg_get_indexdef(i.indexrelid, k + 1, true) END "
	"FROM pg_catalog.generate_series(0, i.indnkeyatts - 1) k "
	"LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k] "
	"ORDER BY k), "
	"pg_catalog.pg_get_expr(i.indpred, i.indrelid, true), "
	"ARRAY(SELECT CASE WHEN opc.opcdefault THEN '' ELSE opc.opcname END "
	"FROM pg_catalog.generate_series(0, i.indnkeyatts - 1) k "
	"JOIN pg_catalog.pg_opclass opc ON opc.oid = i.indclass[k] ORDER BY k) "
	"FROM pg_catalog.pg_index i "
	"JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid "
	"WHERE i.indrelid IN (" SCHEMA_TABLES ") "
	"AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con "
	"WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid "
	"AND con.contype IN ('p', 'u', 'x')) "
	/* A partition's index attached to its parent's index is the parent's. */
	"AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits inh "
	"WHERE inh.inhrelid = i.indexrelid) "
	"ORDER BY i.indrelid, i.indexrelid";

struct rtable {
	unsigned long oid;
	dbt_table *table;
};

struct reflect {
	dbt_conn *conn;
	PGconn *pg;
	const char *nspname;
	dbt_schema *schema;
	struct rtable *tables; /* sorted by oid */
	size_t ntables;
};

/* Sets the failure of a statement: "cannot reflect schema 'S': MESSAGE". */
static int db_error(const struct reflect *r, const PGresult *res)
{
	const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;

	if (!msg || !*msg)
		msg = PQerrorMessage(r->pg);
	if (!*msg)
		msg = "unknown error";
	return dbt_error_set(DBT_EDB, "cannot reflect schema '%s': %.*s", r->nspname,
			     (int)strcspn(msg, "\r\n"), msg);
}

/* Runs a statement of no parameter (transaction control). */
static int command(struct reflect *r, const char *sql)
{
	PGresult *res;
	int rc = 0;

	r->conn->nqueries++;
	res = PQexec(r->pg, sql);
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		rc = db_error(r, res);
	PQclear(res);
	return rc;
}

/* Runs one catalog query on the schema's name; `*out` is the caller's. */
static int query(PGresult **out, struct reflect *r, const char *sql)
{
	const char *params[1] = {r->nspname};
	PGresult *res;

	*out = NULL;
	r->conn->nqueries++;
	res = PQexecParams(r->pg, sql, 1, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		int rc = db_error(r, res);

		PQclear(res);
		return rc;
	}
	*out = res;
	return 0;
}

static const char *value(const PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) ? NULL : PQgetvalue(res, row, col);
}

static int flag(const PGresult *res, int row, int col)
{
	const char *v = value(res, row, col);

	return v && v[0] == 't';
}

static int cmp_rtable(const void *a, const void *b)
{
	unsigned long x = ((const struct rtable *)a)->oid, y = ((const struct rtable *)b)->oid;

	return x < y ? -1 : x > y;
}

/* The table of the oid in column `col`; NULL when it is none of ours. */
static dbt_table *table_at(const struct reflect *r, const PGresult *res, int row, int col)
{
	struct rtable key, *found;
	const char *v = value(res, row, col);

	if (!v || !r->ntables)
		return NULL;
	key.oid = strtoul(v, NULL, 10);
	found = bsearch(&key, r->tables, r->ntables, sizeof(key), cmp_rtable);
	return found ? found->table : NULL;
}

/* 1 when the name is not stored as written unquoted: anything but
 * [a-z_][a-z0-9_]* that is no reserved keyword. */
static int needs_quotes(const char *name)
{
	const char *p;

	if (!((*name >= 'a' && *name <= 'z') || *name == '_'))
		return 1;
	for (p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
			return 1;
	return dbt_sql_keyword(name, strlen(name)) == DBT_KW_RESERVED;
}

static void strv_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}

/* One element of a text[] at `*p`, quoted or not, into `b`; moves `*p`
 * past it.  0 when the element is malformed. */
static int array_element(dbt_buf *b, const char **p)
{
	const char *s = *p;

	dbt_buf_clear(b);
	dbt_buf_puts(b, "");
	if (*s == '"') {
		for (s++; *s && *s != '"'; s++) {
			if (*s == '\\' && s[1])
				s++;
			dbt_buf_putc(b, *s);
		}
		if (*s++ != '"')
			return 0;
	} else {
		while (*s && *s != ',' && *s != '}')
			dbt_buf_putc(b, *s++);
	}
	if (*s == ',' && s[1] != '}')
		s++;
	else if (*s != '}')
		return 0;
	*p = s;
	return 1;
}

static int array_error(const char *s)
{
	return dbt_error_set(DBT_ERROR, "cannot read the array '%.40s' the server sent", s);
}

/* The elements of a one-dimensional text[] in the server's output format:
 * {a,"b c","d\"e"}. */
static int split_array(char ***out, size_t *n, const char *s)
{
	dbt_buf b = DBT_BUF_INIT;
	char **v = NULL, **nv;
	const char *p = s + 1;
	size_t count = 0;
	int rc = 0;

	*out = NULL;
	*n = 0;
	if (*s != '{') {
		rc = array_error(s);
		goto cleanup;
	}
	while (*p != '}') {
		if (!array_element(&b, &p)) {
			rc = array_error(s);
			goto cleanup;
		}
		if (b.oom || !(nv = realloc(v, (count + 1) * sizeof(*v)))) {
			rc = dbt_error_oom();
			goto cleanup;
		}
		v = nv;
		if (!(v[count] = strdup(b.ptr))) {
			rc = dbt_error_oom();
			goto cleanup;
		}
		count++;
	}
	*out = v;
	*n = count;
	v = NULL;
cleanup:
	strv_free(v, count);
	dbt_buf_release(&b);
	return rc;
}

/* The partition key, parent and bound of `t`, each NULL when none. */
static int read_partitioning(dbt_table *t, const char *key, const char *parent,
			     const char *bound)
{
	int rc = 0;

	if (key && (rc = dbt_partition_key_canon(&t->partition_by, key, strlen(key))) < 0)
		return dbt_error_prefix(rc, "cannot reflect the partition key of table '%s'",
					t->name);
	if (parent && !(t->partition_of = strdup(parent)))
		return dbt_error_oom();
	if (bound && (rc = dbt_partition_bound_canon(&t->partition_bound, bound, strlen(bound))) < 0)
		return dbt_error_prefix(rc, "cannot reflect the partition bound of table '%s'",
					t->name);
	return 0;
}

static int read_tables(struct reflect *r)
{
	PGresult *res;
	int rc, i, rows;

	if ((rc = query(&res, r, tables_sql)) < 0)
		return rc;
	rows = PQntuples(res);
	if (rows == 0) {
		rc = dbt_error_set(DBT_ENOTFOUND, "cannot reflect schema '%s': no such schema",
				   r->nspname);
		goto cleanup;
	}
	r->tables = calloc((size_t)rows, sizeof(*r->tables));
	if (!r->tables) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	for (i = 0; i < rows; i++) {
		const char *oid = value(res, i, 0), *name = value(res, i, 1);
		dbt_table *t;

		if (!oid || !name)
			continue;
		if ((rc = dbt_schema_add_table(&t, r->schema, name, needs_quotes(name))) < 0 ||
		    (rc = read_partitioning(t, value(res, i, 2), value(res, i, 3),
					    value(res, i, 4))) < 0)
			goto cleanup;
		r->tables[r->ntables].oid = strtoul(oid, NULL, 10);
		r->tables[r->ntables++].table = t;
	}
	qsort(r->tables, r->ntables, sizeof(*r->tables), cmp_rtable);
cleanup:
	PQclear(res);
	return rc;
}

/* Sets the default from the server's text, normalised. */
static int set_default(dbt_table *t, dbt_column *c, const char *text)
{
	char *expr;
	int rc;

	if ((rc = server_expr(&expr, text, t)) < 0)
		return rc;
	rc = dbt_column_set_default(c, expr, strlen(expr));
	free(expr);
	if (rc == DBT_EPARSE)
		return dbt_error_prefix(rc, "cannot reflect the default of column '%s.%s'", t->name,
					c->name);
	return rc;
}

/* Makes the column generated from the server's text, normalised. */
static int set_generated(dbt_table *t, dbt_column *c, const char *text, int stored)
{
	char *expr;
	int rc;

	if ((rc = server_expr(&expr, text, t)) < 0)
		return rc;
	rc = dbt_column_set_generated(c, expr, strlen(expr), stored);
	free(expr);
	if (rc == DBT_EPARSE)
		return dbt_error_prefix(rc, "cannot reflect the generation expression of column "
					    "'%s.%s'",
					t->name, c->name);
	return rc;
}

static int read_columns(struct reflect *r)
{
	PGresult *res;
	int rc, i;

	if ((rc = query(&res, r, columns_sql)) < 0)
		return rc;
	for (i = 0; i < PQntuples(res); i++) {
		dbt_table *t = table_at(r, res, i, 0);
		const char *name = value(res, i, 1), *type = value(res, i, 2);
		const char *identity = value(res, i, 4), *generated = value(res, i, 5);
		const char *dflt = value(res, i, 6), *collation = value(res, i, 7);
		dbt_column *c;
		dbt_type ty;

		if (!t || !name || !type)
			continue;
		if ((rc = dbt_type_from_postgres(&ty, type)) < 0) {
			rc = dbt_error_prefix(rc, "cannot reflect column '%s.%s'", t->name, name);
			goto cleanup;
		}
		rc = dbt_table_add_column(&c, t, name, needs_quotes(name), &ty);
		dbt_type_release(&ty);
		if (rc < 0)
			goto cleanup;
		c->not_null = flag(res, i, 3);
		if (identity && (*identity == 'a' || *identity == 'd')) {
			c->identity = *identity == 'a' ? DBT_IDENTITY_ALWAYS
						       : DBT_IDENTITY_BY_DEFAULT;
			c->autoincrement = 1;
			c->not_null = 1;
		} else if (flag(res, i, 8)) {
			c->identity = DBT_IDENTITY_SERIAL;
			c->autoincrement = 1;
			c->not_null = 1;
		} else if (generated && *generated) {
			/* pg_attrdef holds a generated column's expression;
			 * PostgreSQL has STORED ('s') ones only, until 18's
			 * VIRTUAL ('v'). */
			if (dflt && (rc = set_generated(t, c, dflt, *generated == 's')) < 0)
				goto cleanup;
		} else if (dflt && (rc = set_default(t, c, dflt)) < 0) {
			goto cleanup;
		}
		if (collation && (rc = dbt_column_set_collation(c, collation)) < 0)
			goto cleanup;
	}
	rc = 0;
cleanup:
	PQclear(res);
	return rc;
}

static dbt_fk_action fk_action(const char *v)
{
	switch (v ? *v : 'a') {
	case 'r':
		return DBT_FK_RESTRICT;
	case 'c':
		return DBT_FK_CASCADE;
	case 'n':
		return DBT_FK_SET_NULL;
	case 'd':
		return DBT_FK_SET_DEFAULT;
	default:
		return DBT_FK_NO_ACTION;
	}
}

/* The columns of a key, from a name array. */
static int add_names(void *obj, int (*add)(void *, const char *), const char *array)
{
	char **v;
	size_t n, i;
	int rc;

	if ((rc = split_array(&v, &n, array ? array : "{}")) < 0)
		return rc;
	for (i = 0; i < n && rc == 0; i++)
		rc = add(obj, v[i]);
	strv_free(v, n);
	return rc;
}

static int add_unique_column(void *obj, const char *column)
{
	return dbt_unique_add_column(obj, column);
}

static int add_fk_column(void *obj, const char *column)
{
	return dbt_fk_add_column(obj, column);
}

static int add_fk_ref_column(void *obj, const char *column)
{
	return dbt_fk_add_ref_column(obj, column);
}

static int add_check(dbt_table *t, const char *name, const char *text)
{
	dbt_check *check;
	char *expr;
	int rc;

	if ((rc = server_expr(&expr, text, t)) < 0)
		return rc;
	rc = dbt_table_add_check(&check, t, name, expr, strlen(expr));
	free(expr);
	if (rc == DBT_EPARSE)
		return dbt_error_prefix(rc, "cannot reflect check constraint '%s' of table '%s'",
					name, t->name);
	return rc;
}

/* An exclusion constraint from pg_get_constraintdef: "EXCLUDE ...". */
static int add_exclude(dbt_table *t, const char *name, const char *def)
{
	dbt_exclude *x;
	int rc;

	if (!strncmp(def, "EXCLUDE ", 8))
		def += 8;
	rc = dbt_table_add_exclude(&x, t, name, def, strlen(def));
	if (rc == DBT_EPARSE)
		return dbt_error_prefix(rc, "cannot reflect exclusion constraint '%s' of table '%s'",
					name, t->name);
	return rc;
}

static int read_constraints(struct reflect *r)
{
	PGresult *res;
	int rc, i;

	if ((rc = query(&res, r, constraints_sql)) < 0)
		return rc;
	for (i = 0; i < PQntuples(res); i++) {
		dbt_table *t = table_at(r, res, i, 0);
		const char *name = value(res, i, 1), *type = value(res, i, 2);
		dbt_unique *key;
		dbt_fk *fk;

		if (!t || !name || !type)
			continue;
		switch (*type) {
		case 'p':
			if ((rc = dbt_table_set_pk(&key, t, name)) == 0)
				rc = add_names(key, add_unique_column, value(res, i, 3));
			break;
		case 'u':
			if ((rc = dbt_table_add_unique(&key, t, name)) == 0)
				rc = add_names(key, add_unique_column, value(res, i, 3));
			break;
		case 'f':
			if ((rc = dbt_table_add_fk(&fk, t, name, value(res, i, 4))) < 0 ||
			    (rc = add_names(fk, add_fk_column, value(res, i, 3))) < 0 ||
			    (rc = add_names(fk, add_fk_ref_column, value(res, i, 5))) < 0)
				break;
			fk->ref_columns_given = 1;
			fk->on_delete = fk_action(value(res, i, 6));
			fk->on_update = fk_action(value(res, i, 7));
			fk->deferrable = flag(res, i, 8);
			fk->initially_deferred = flag(res, i, 9);
			if (value(res, i, 11) && *value(res, i, 11) == 'f')
				fk->match = DBT_FK_MATCH_FULL;
			else if (value(res, i, 11) && *value(res, i, 11) == 'p')
				fk->match = DBT_FK_MATCH_PARTIAL;
			break;
		case 'x':
			rc = add_exclude(t, name, value(res, i, 10) ? value(res, i, 10) : "");
			break;
		default:
			rc = add_check(t, name, value(res, i, 10) ? value(res, i, 10) : "");
			break;
		}
		if (rc < 0)
			goto cleanup;
	}
cleanup:
	PQclear(res);
	return rc;
}

/* One key of an index, as indexes_sql spells it. */
static int add_index_key(dbt_index *ix, const dbt_table *t, const char *key)
{
	char *expr;
	int desc = key[0] == 'D', rc;

	if (key[0] == '\0' || key[1] == '\0')
		return dbt_error_set(DBT_ERROR, "cannot read a key of index '%s'", ix->name);
	if (key[1] == 'C')
		return dbt_index_add_column(ix, key + 2, desc);
	if ((rc = server_expr(&expr, key + 2, t)) < 0)
		return rc;
	rc = dbt_index_add_expr(ix, expr, strlen(expr), desc);
	free(expr);
	return rc;
}

static int read_index(dbt_schema *schema, dbt_table *t, const PGresult *res, int row)
{
	const char *name = value(res, row, 1), *where = value(res, row, 4);
	dbt_index *ix;
	char **keys = NULL, *expr = NULL;
	size_t nkeys = 0, i;
	int rc;

	if (!name)
		return 0;
	if ((rc = dbt_schema_add_index(&ix, schema, name, needs_quotes(name), t->name,
				       flag(res, row, 2))) < 0 ||
	    (rc = split_array(&keys, &nkeys, value(res, row, 3) ? value(res, row, 3) : "{}")) < 0)
		goto cleanup;
	for (i = 0; i < nkeys && rc == 0; i++)
		rc = add_index_key(ix, t, keys[i]);
	strv_free(keys, nkeys);
	keys = NULL;
	nkeys = 0;
	/* The operator class of each key, '' for its type's default. */
	if (rc == 0 && value(res, row, 5))
		rc = split_array(&keys, &nkeys, value(res, row, 5));
	for (i = 0; i < nkeys && i < ix->nelems && rc == 0; i++)
		if (keys[i][0] && !(ix->elems[i].opclass = strdup(keys[i])))
			rc = dbt_error_oom();
	if (rc == 0 && where && (rc = server_expr(&expr, where, t)) == 0)
		rc = dbt_index_set_where(ix, expr, strlen(expr));
	if (rc == DBT_EPARSE)
		dbt_error_prefix(rc, "cannot reflect index '%s'", name);
cleanup:
	strv_free(keys, nkeys);
	free(expr);
	return rc;
}

static int read_indexes(struct reflect *r)
{
	PGresult *res;
	int rc, i;

	if ((rc = query(&res, r, indexes_sql)) < 0)
		return rc;
	for (i = 0; i < PQntuples(res) && rc == 0; i++) {
		dbt_table *t = table_at(r, res, i, 0);

		if (t)
			rc = read_index(r->schema, t, res, i);
	}
	PQclear(res);
	return rc;
}

/* Kind order, then the bytes of the names (schema.h). */
static int cmp_object(const void *a, const void *b)
{
	const dbt_object *x = *(dbt_object *const *)a, *y = *(dbt_object *const *)b;

	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return strcmp(x->name, y->name);
}

/*
 * The objects held as definitions, read with search_path set to the
 * schema (so that the server leaves its names unqualified) for this
 * transaction only, and then set back to what it was.
 */
static int read_objects(struct reflect *r)
{
	dbt_pg_objects o = {r->conn, r->pg, r->nspname, r->schema};
	PGresult *res;
	char *saved;
	const char *params[1];
	int rc, rc2;

	if ((rc = query(&res, r,
			"SELECT pg_catalog.current_setting('search_path'), "
			"pg_catalog.set_config('search_path', "
			"pg_catalog.quote_ident($1) || ', pg_catalog', true)")) < 0)
		return rc;
	saved = strdup(PQgetvalue(res, 0, 0));
	PQclear(res);
	if (!saved)
		return dbt_error_oom();
	if ((rc = dbt_pg_reflect_types(&o)) == 0 && (rc = dbt_pg_reflect_routines(&o)) == 0 &&
	    (rc = dbt_pg_reflect_views(&o)) == 0)
		rc = dbt_pg_reflect_acl(&o);
	if (rc == 0 && r->schema->nobjects > 1)
		qsort(r->schema->objects, r->schema->nobjects, sizeof(*r->schema->objects),
		      cmp_object);
	params[0] = saved;
	r->conn->nqueries++;
	res = PQexecParams(r->pg, "SELECT pg_catalog.set_config('search_path', $1, true)", 1, NULL,
			   params, NULL, NULL, 0);
	rc2 = PQresultStatus(res) == PGRES_TUPLES_OK ? 0 : db_error(r, res);
	PQclear(res);
	free(saved);
	return rc < 0 ? rc : rc2;
}

int dbt_postgres_reflect(struct dbt_schema **out, dbt_conn *conn, const char *schema_name)
{
	struct reflect r;
	int rc, own_transaction = 0;
	size_t i;

	*out = NULL;
	memset(&r, 0, sizeof(r));
	r.conn = conn;
	r.pg = dbt_postgres_handle(conn);
	r.nspname = schema_name ? schema_name : "public";
	if ((rc = dbt_schema_new(&r.schema)) < 0)
		goto cleanup;
	/* The four queries read one snapshot, unless the caller's
	 * transaction already decides what they see. */
	if (PQtransactionStatus(r.pg) == PQTRANS_IDLE) {
		if ((rc = command(&r, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")) < 0)
			goto cleanup;
		own_transaction = 1;
	}
	if ((rc = read_tables(&r)) < 0 || (rc = read_columns(&r)) < 0 ||
	    (rc = read_constraints(&r)) < 0 || (rc = read_indexes(&r)) < 0 ||
	    (rc = read_objects(&r)) < 0)
		goto cleanup;
	for (i = 0; i < r.schema->ntables; i++)
		dbt_table_normalize(r.schema->tables[i]);
	if (own_transaction) {
		own_transaction = 0;
		if ((rc = command(&r, "COMMIT")) < 0)
			goto cleanup;
	}
	*out = r.schema;
	r.schema = NULL;
cleanup:
	if (own_transaction) {
		/* Keep the first failure's message. */
		conn->nqueries++;
		PQclear(PQexec(r.pg, "ROLLBACK"));
	}
	dbt_schema_free(r.schema);
	free(r.tables);
	return rc;
}
