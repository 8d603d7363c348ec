/*
 * parse_column.c - a column definition for the model parser (see
 * parse_internal.h): its DEFAULT expression, its constraints (NOT NULL,
 * NULL, PRIMARY KEY, UNIQUE, CHECK, REFERENCES, COLLATE, GENERATED ...
 * AS IDENTITY or AS (expr)), and the rename hint "-- renamed from: OLD"
 * on the line before it.
 */
#define _GNU_SOURCE /* memrchr */
#include "parse_internal.h"

#include "error.h"
#include "ident.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The words DEFAULT may take alone; any other word is a column. */
static int default_word(const struct parser *p)
{
	static const char *const words[] = {"true",	    "false",
					    "null",	    "current_timestamp",
					    "current_date", "current_time",
					    "localtime",    "localtimestamp",
					    "current_user", "session_user"};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (is(p, words[i]))
			return 1;
	return 0;
}

/* The fields an interval type may carry: interval hour to minute. */
static int interval_field(const struct parser *p)
{
	static const char *const words[] = {"year",   "month",	"day", "hour",
					    "minute", "second", "to"};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (is(p, words[i]))
			return 1;
	return 0;
}

/* The elements of ARRAY[ ... ] after its '[', nested brackets included,
 * and the closing ']'; a parenthesis opened in it is closed before that
 * ']'. */
static int skip_array(struct parser *p)
{
	int depth = 1, parens = 0, rc;

	for (;;) {
		if (p->cur.tok.kind == DBT_TOK_END || is(p, ";"))
			return expected(p, "']'");
		if (is(p, "(")) {
			parens++;
		} else if (is(p, ")")) {
			if (--parens < 0)
				return expected(p, "']'");
		} else if (is(p, "[")) {
			depth++;
		} else if (is(p, "]")) {
			if (parens > 0)
				return expected(p, "')'");
			if (--depth == 0)
				return next(p);
		}
		if ((rc = next(p)) < 0)
			return rc;
	}
}

/* One operand of a default: signs, then a literal, a constant word, a
 * function call, CASE ... END or a parenthesised expression, then any
 * casts. */
static int parse_default_operand(struct parser *p)
{
	dbt_token la;
	size_t a, b;
	int rc;

	while (is(p, "-") || is(p, "+"))
		if ((rc = next(p)) < 0)
			return rc;
	if (p->cur.tok.kind == DBT_TOK_NUMBER || p->cur.tok.kind == DBT_TOK_STRING) {
		rc = next(p);
	} else if (is(p, "(")) {
		rc = parse_parens(p, &a, &b, 0);
	} else if (p->cur.tok.kind == DBT_TOK_WORD || p->cur.tok.kind == DBT_TOK_QUOTED) {
		peek(p, &la);
		if (p->cur.tok.kind == DBT_TOK_WORD && is(p, "case")) {
			/* CASE ... END, nested ones too; a parenthesis opened
			 * in it is closed before its END. */
			int depth = 0, parens = 0;

			do {
				if (p->cur.tok.kind == DBT_TOK_END || is(p, ";") ||
				    (parens == 0 && (is(p, ")") || is(p, ","))))
					return expected(p, "END");
				if (p->cur.tok.kind == DBT_TOK_WORD) {
					depth += is(p, "case") - is(p, "end");
					if (depth == 0 && parens > 0)
						return expected(p, "')'");
				} else
					parens += is(p, "(") - is(p, ")");
				if ((rc = next(p)) < 0)
					return rc;
			} while (depth > 0);
		} else if (p->cur.tok.kind == DBT_TOK_WORD && is(p, "array") &&
			   dbt_token_is(p->text, &la, "[")) {
			/* An array constructor: ARRAY[1, 2], ARRAY[]. */
			if ((rc = next(p)) < 0 || (rc = next(p)) < 0)
				return rc;
			rc = skip_array(p);
		} else if (dbt_token_is(p->text, &la, "(")) {
			int typed = literal_type(p->text, &p->cur.tok);

			if ((rc = next(p)) < 0)
				return rc;
			rc = parse_parens(p, &a, &b, 1);
			/* A typed literal with the type's modifiers:
			 * VARCHAR(10) 'x', NUMERIC(5, 2) '1.5'. */
			if (rc == 0 && typed && p->cur.tok.kind == DBT_TOK_STRING)
				rc = next(p);
		} else if (p->cur.tok.kind == DBT_TOK_WORD && default_word(p)) {
			rc = next(p);
		} else if (p->cur.tok.kind == DBT_TOK_WORD && literal_type(p->text, &p->cur.tok) &&
			   (la.kind == DBT_TOK_STRING || type_word_token(p->text, &la))) {
			/* A typed literal: TYPE [PRECISION | VARYING | WITH[OUT]
			 * TIME ZONE] [(modifiers)] 'text', INTERVAL 'text' [fields]. */
			int interval = is(p, "interval");

			while ((rc = next(p)) == 0 && p->cur.tok.kind != DBT_TOK_STRING) {
				if (is(p, "(")) {
					if ((rc = parse_parens(p, &a, &b, 1)) < 0)
						return rc;
					if (p->cur.tok.kind == DBT_TOK_STRING)
						break;
					return expected(p, "a string");
				}
				if (!type_word(p))
					return expected(p, "a string");
			}
			if (rc == 0)
				rc = next(p);
			/* Its fields: INTERVAL '1' DAY, '1.5' SECOND(3). */
			while (rc == 0 && interval && interval_field(p)) {
				if ((rc = next(p)) == 0 && is(p, "("))
					rc = parse_parens(p, &a, &b, 0);
			}
		} else {
			return expected(p, "a default value");
		}
	} else {
		return expected(p, "a default value");
	}
	/* Any type the database knows may be a cast's target: only its
	 * shape is read here, and the normaliser spells known types. */
	while (rc == 0 && is(p, "::")) {
		int interval;

		if ((rc = next(p)) < 0)
			return rc;
		/* pg_dump quotes type names that are keywords: ::"bit". */
		if (p->cur.tok.kind != DBT_TOK_WORD && p->cur.tok.kind != DBT_TOK_QUOTED)
			return expected(p, "a type");
		interval = is(p, "interval");
		rc = next(p);
		/* A type in a schema: public.mood. */
		while (rc == 0 && is(p, ".")) {
			if ((rc = next(p)) < 0)
				return rc;
			if (p->cur.tok.kind != DBT_TOK_WORD && p->cur.tok.kind != DBT_TOK_QUOTED)
				return expected(p, "a type");
			rc = next(p);
		}
		while (rc == 0 && (is(p, "(") || type_word(p) || (interval && interval_field(p)))) {
			if (is(p, "("))
				rc = parse_parens(p, &a, &b, 1);
			else
				rc = next(p);
		}
		/* An array type: text[], integer[3][]. */
		while (rc == 0 && is(p, "[")) {
			if ((rc = next(p)) < 0)
				return rc;
			if (p->cur.tok.kind == DBT_TOK_NUMBER && (rc = next(p)) < 0)
				return rc;
			if (!is(p, "]"))
				return expected(p, "']'");
			rc = next(p);
		}
	}
	return rc;
}

int word_operator(const struct parser *p)
{
	dbt_token la;

	if (p->cur.tok.kind != DBT_TOK_WORD)
		return 0;
	if (is(p, "is"))
		return 1;
	if (!is(p, "at"))
		return 0;
	peek(p, &la);
	return dbt_token_is(p->text, &la, "time") || dbt_token_is(p->text, &la, "local");
}

/*
 * The word operator at the current token (word_operator()): AT TIME ZONE,
 * AT LOCAL, IS [NOT] NULL | TRUE | FALSE | UNKNOWN | DISTINCT FROM, AND,
 * OR.  PostgreSQL's DEFAULT takes them only in parentheses; the model
 * takes them bare too, and the renderer writes such a default in
 * parentheses.  1 when one was read, with `*operand` set when an operand
 * follows it; 0 when the current token is none.
 */
static int default_word_operator(struct parser *p, int *operand)
{
	int rc;

	*operand = 1;
	if (p->cur.tok.kind == DBT_TOK_WORD && (is(p, "and") || is(p, "or")))
		return (rc = next(p)) < 0 ? rc : 1;
	if (!word_operator(p))
		return 0;
	if (is(p, "at")) {
		if ((rc = next(p)) < 0)
			return rc;
		if (is(p, "local")) {
			*operand = 0;
			return (rc = next(p)) < 0 ? rc : 1;
		}
		if ((rc = next(p)) < 0 || (rc = expect(p, "zone", "ZONE")) < 0)
			return rc;
		return 1;
	}
	if ((rc = next(p)) < 0 || (is(p, "not") && (rc = next(p)) < 0))
		return rc;
	if (is(p, "null") || is(p, "true") || is(p, "false") || is(p, "unknown")) {
		*operand = 0;
		return (rc = next(p)) < 0 ? rc : 1;
	}
	if ((rc = expect(p, "distinct", "NULL, TRUE, FALSE, UNKNOWN or DISTINCT FROM")) < 0 ||
	    (rc = expect(p, "from", "FROM")) < 0)
		return rc;
	return 1;
}

/* DEFAULT has been read: an operand, then any binary operators (word
 * operators too) and operands.  `*from`, `*to` receive its span. */
static int parse_default(struct parser *p, size_t *from, size_t *to)
{
	int operand, rc;

	*from = p->cur.tok.start;
	if ((rc = parse_default_operand(p)) < 0)
		return rc;
	for (;;) {
		if (p->cur.tok.kind == DBT_TOK_OP && !is(p, "::")) {
			if ((rc = next(p)) < 0 || (rc = parse_default_operand(p)) < 0)
				return rc;
			continue;
		}
		if ((rc = default_word_operator(p, &operand)) < 0)
			return rc;
		if (rc == 0)
			break;
		if (operand && (rc = parse_default_operand(p)) < 0)
			return rc;
	}
	*to = p->cur.prev_end;
	return 0;
}

/* What generates the column's values so far, for messages; NULL if none. */
static const char *generator(const struct coldef *d)
{
	if (d->c->identity == DBT_IDENTITY_SERIAL)
		return "SERIAL";
	if (d->c->identity != DBT_IDENTITY_NONE)
		return "GENERATED AS IDENTITY";
	if (d->c->autoincrement)
		return "AUTOINCREMENT";
	if (d->has_default)
		return "DEFAULT";
	if (d->c->generated_expr)
		return "GENERATED";
	return NULL;
}

/* A column gets its values from one source at most. */
static int check_generator(struct parser *p, const struct coldef *d, const char *what, int line,
			   int col)
{
	const char *g = generator(d);

	if (!g)
		return 0;
	return fail_at(p, line, col, "column '%s' of table '%s' cannot have both %s and %s",
		       d->c->name, d->t->name, g, what);
}

static int fail_null(struct parser *p, const struct coldef *d)
{
	return fail_at(p, d->line, d->col,
		       "column '%s' of table '%s' is declared both NULL and NOT NULL", d->c->name,
		       d->t->name);
}

/* The type's canonical name, for messages. */
static const char *type_name(dbt_buf *b, const dbt_type *type)
{
	dbt_type_format(b, type);
	return b->oom ? "?" : b->ptr;
}

/* SQLite's ON CONFLICT after the column's NOT NULL, PRIMARY KEY or
 * UNIQUE, into `*out`; the column keeps where the first one stands. */
static int column_conflict(struct parser *p, struct coldef *d, dbt_conflict *out)
{
	int line = 0, col = 0, rc;

	if ((rc = parse_conflict(p, out, &line, &col)) < 0)
		return rc;
	if (*out != DBT_CONFLICT_NONE && !dbt_column_places_get(d->c)->conflict_line) {
		dbt_column_places *at;

		if ((rc = dbt_column_places_edit(&at, d->c)) < 0)
			return rc;
		at->conflict_line = line;
		at->conflict_col = col;
	}
	return 0;
}

int column_not_null(struct parser *p, struct coldef *d)
{
	int rc;

	if ((rc = next(p)) < 0 || (rc = expect(p, "null", "NULL")) < 0)
		return rc;
	if (d->said_null)
		return fail_null(p, d);
	d->said_not_null = 1;
	d->c->not_null = 1;
	return 0;
}

static int column_null(struct parser *p, struct coldef *d)
{
	if (d->said_not_null || d->in_pk || d->c->identity != DBT_IDENTITY_NONE)
		return fail_null(p, d);
	d->said_null = 1;
	return next(p);
}

/* PRIMARY KEY [AUTOINCREMENT] */
static int column_primary_key(struct parser *p, struct coldef *d)
{
	dbt_unique *pk;
	int rc;

	if (d->t->pk)
		return fail_two_pks(p, d->t, d->line, d->col);
	if (d->said_null)
		return fail_null(p, d);
	if ((rc = next(p)) < 0 || (rc = expect(p, "key", "KEY")) < 0 ||
	    (rc = dbt_table_set_pk(&pk, d->t, d->cname)) < 0 ||
	    (rc = dbt_unique_add_column(pk, d->c->name)) < 0)
		return rc;
	pk->line = d->line;
	pk->col = d->col;
	d->in_pk = 1;
	/* SQLite's PRIMARY KEY ASC is its PRIMARY KEY; PRIMARY KEY DESC is
	 * kept: an INTEGER PRIMARY KEY DESC is no rowid alias, as SQLite
	 * has it (which also takes no AUTOINCREMENT). */
	pk->column_desc = is(p, "desc");
	if ((is(p, "asc") || is(p, "desc")) && (rc = next(p)) < 0)
		return rc;
	if ((rc = parse_key_storage(p, pk)) < 0 ||
	    (rc = column_conflict(p, d, &pk->conflict)) < 0 || (rc = parse_key_deferral(p, pk)) < 0)
		return rc;
	if (!is(p, "autoincrement"))
		return 0;
	if (d->c->type.kind != DBT_TYPE_INTEGER || pk->column_desc)
		return fail_autoincrement(p, p->cur.tok.line, p->cur.tok.col);
	if ((rc = check_generator(p, d, "AUTOINCREMENT", p->cur.tok.line, p->cur.tok.col)) < 0)
		return rc;
	d->c->autoincrement = 1;
	return next(p);
}

/*
 * MariaDB/MySQL's AUTO_INCREMENT (as `inspect`, mariadb-dump and
 * SQLAlchemy's MySQL DDL write it): the database generates the column's
 * values, as SERIAL or an identity says elsewhere; MariaDB's adaptation
 * requires the column to lead a key.
 */
static int column_auto_increment(struct parser *p, struct coldef *d)
{
	int rc;

	if ((rc = check_generator(p, d, "AUTO_INCREMENT", d->line, d->col)) < 0)
		return rc;
	d->c->autoincrement = 1;
	return next(p);
}

static int column_unique(struct parser *p, struct coldef *d)
{
	dbt_unique *u;
	int rc;

	if ((rc = next(p)) < 0 || (rc = dbt_table_add_unique(&u, d->t, d->cname)) < 0 ||
	    (rc = dbt_unique_add_column(u, d->c->name)) < 0 ||
	    (rc = parse_nulls_distinct(p, &u->nulls_not_distinct, &u->pg_line, &u->pg_col)) < 0)
		return rc;
	u->line = d->line;
	u->col = d->col;
	if ((rc = parse_key_storage(p, u)) < 0 || (rc = column_conflict(p, d, &u->conflict)) < 0)
		return rc;
	return parse_key_deferral(p, u);
}

static int column_check(struct parser *p, struct coldef *d)
{
	dbt_token la;
	int rc = next(p);

	if (rc < 0 || (rc = parse_check(p, d->t, d->cname, d->line, d->col)) < 0)
		return rc;
	peek(p, &la);
	if (is(p, "on") && dbt_token_is(p->text, &la, "conflict"))
		return fail_at(p, p->cur.tok.line, p->cur.tok.col,
			       "ON CONFLICT after the CHECK of column '%s' of table '%s', which "
			       "SQLite does not take: write the CHECK as a table constraint",
			       d->c->name, d->t->name);
	return 0;
}

static int column_references(struct parser *p, struct coldef *d)
{
	dbt_fk *fk;
	int rc;

	if ((rc = next(p)) < 0 || (rc = dbt_table_add_fk(&fk, d->t, d->cname, NULL)) < 0 ||
	    (rc = dbt_fk_add_column(fk, d->c->name)) < 0)
		return rc;
	fk->line = d->line;
	fk->col = d->col;
	return parse_references(p, fk);
}

/*
 * Drops, in place, the managed schema's qualifier of a cast's type in a
 * default ("'red'::public.color" is "'red'::color"), which the database
 * prints without it: the scratch database then casts to the model's own
 * type, not to the live one of that name.
 */
static void unqualify_casts(char *text)
{
	dbt_lexer lx;
	dbt_token t, prev, dot;
	size_t len = strlen(text);
	int have_prev = 0;

	dbt_lex_init(&lx, text, len);
	while (dbt_lex_next(&lx, &t) == 0 && t.kind != DBT_TOK_END) {
		dbt_lexer la = lx;
		char *name;
		int drop = 0;

		if (have_prev && dbt_token_is(text, &prev, "::") &&
		    (t.kind == DBT_TOK_WORD || t.kind == DBT_TOK_QUOTED) &&
		    dbt_lex_next(&la, &dot) == 0 && dbt_token_is(text, &dot, ".") &&
		    (name = dbt_token_name(text, &t))) {
			drop = !strcmp(name, DEFAULT_SCHEMA);
			free(name);
		}
		if (drop) {
			size_t cut = dot.start + dot.len - t.start;

			memmove(text + t.start, text + t.start + cut, len - t.start - cut + 1);
			len -= cut;
			dbt_lex_init(&lx, text, len);
			have_prev = 0;
			continue;
		}
		prev = t;
		have_prev = 1;
	}
}

/* Whether the quoted name at the current token is all of the default, as
 * SQLite reads DEFAULT "word" (a call "f"(...), a qualified name or an
 * expression goes on as a default expression). */
static int dq_default(const struct parser *p)
{
	dbt_token la;

	peek(p, &la);
	return la.kind != DBT_TOK_OP && !dbt_token_is(p->text, &la, "(") &&
	       !dbt_token_is(p->text, &la, ".") && !dbt_token_is(p->text, &la, "::") &&
	       !dbt_token_is(p->text, &la, "[");
}

/*
 * Whether the current token is a bare word that SQLite takes as the
 * string of its letters after DEFAULT (its grammar's `DEFAULT id`): a
 * word that is not a value of its own (NULL, TRUE, CURRENT_TIMESTAMP ...:
 * default_word), not reserved, not a typed literal's type (DATE '...')
 * and alone, followed by a constraint, ',' or ')'.
 */
static int bare_default(const struct parser *p)
{
	dbt_token la;

	if (p->cur.tok.kind != DBT_TOK_WORD || default_word(p) ||
	    dbt_sql_keyword(p->text + p->cur.tok.start, p->cur.tok.len) == DBT_KW_RESERVED)
		return 0;
	peek(p, &la);
	if (la.kind == DBT_TOK_STRING || la.kind == DBT_TOK_NUMBER || la.kind == DBT_TOK_QUOTED ||
	    (literal_type(p->text, &p->cur.tok) && type_word_token(p->text, &la)))
		return 0;
	return dq_default(p);
}

/* The quoted name (or bare word, as written) at the current token as a
 * string literal, in `*out` (caller frees). */
static int dq_string(char **out, const struct parser *p)
{
	dbt_buf b = DBT_BUF_INIT;
	char *word = p->cur.tok.kind == DBT_TOK_WORD
			     ? strndup(p->text + p->cur.tok.start, p->cur.tok.len)
			     : dbt_token_name(p->text, &p->cur.tok);

	*out = NULL;
	if (!word)
		return dbt_error_oom();
	dbt_literal_quote(&b, word);
	free(word);
	if (!(*out = dbt_buf_detach(&b)))
		return dbt_error_oom();
	return 0;
}

int column_default(struct parser *p, struct coldef *d)
{
	dbt_column_places *at;
	char *text = NULL;
	size_t from, to;
	int line, col, rc;

	if (d->has_default)
		return fail_at(p, d->line, d->col,
			       "column '%s' of table '%s' has more than one default", d->c->name,
			       d->t->name);
	if ((rc = check_generator(p, d, "DEFAULT", d->line, d->col)) < 0 || (rc = next(p)) < 0)
		return rc;
	line = p->cur.tok.line;
	col = p->cur.tok.col;
	if (is(p, "[") || (p->cur.tok.kind == DBT_TOK_OP && p->text[p->cur.tok.start] == '`')) {
		/* DEFAULT [word] and DEFAULT `word`, as SQLite also quotes a
		 * name: the string 'word' too. */
		struct name n = {NULL, 0, 0, 0};
		dbt_buf b = DBT_BUF_INIT;

		if ((rc = dbt_column_places_edit(&at, d->c)) < 0)
			return rc;
		at->dq_default_line = p->cur.tok.line;
		at->dq_default_col = p->cur.tok.col;
		if ((rc = parse_name(p, &n, "a default value")) < 0)
			return rc;
		dbt_literal_quote(&b, n.s);
		name_release(&n);
		if (!(text = dbt_buf_detach(&b)))
			return dbt_error_oom();
	} else if ((p->cur.tok.kind == DBT_TOK_QUOTED && dq_default(p)) || bare_default(p)) {
		/* SQLite takes DEFAULT "word" and DEFAULT word as the string
		 * 'word', and so does the model; PostgreSQL refuses them
		 * (dbt_schema_adapt). */
		if ((rc = dbt_column_places_edit(&at, d->c)) < 0)
			return rc;
		at->dq_default_line = p->cur.tok.line;
		at->dq_default_col = p->cur.tok.col;
		d->c->dq_default_bare = p->cur.tok.kind == DBT_TOK_WORD;
		if ((rc = dq_string(&text, p)) < 0 || (rc = next(p)) < 0) {
			free(text);
			return rc;
		}
	} else {
		if ((rc = parse_default(p, &from, &to)) < 0 ||
		    (rc = typed_literals(&text, p->text + from, to - from)) < 0)
			return rc;
		unqualify_casts(text);
	}
	rc = dbt_column_set_default(d->c, text, strlen(text));
	free(text);
	if (rc < 0)
		return rc == DBT_EPARSE ? fail_at(p, line, col, "%s", dbt_error_last()) : rc;
	d->has_default = 1;
	return 0;
}

int column_collate(struct parser *p, struct coldef *d)
{
	struct name coll = {NULL, 0, 0, 0};
	dbt_buf b = DBT_BUF_INIT;
	int rc;

	if (d->c->collation) {
		rc = fail_at(p, d->line, d->col,
			     "column '%s' of table '%s' has more than one collation", d->c->name,
			     d->t->name);
	} else if (dbt_type_is_portable(d->c->type.kind) && !dbt_type_is_text(d->c->type.kind)) {
		rc = fail_at(p, d->line, d->col, "column '%s' of type %s cannot have a collation",
			     d->c->name, type_name(&b, &d->c->type));
	} else if ((rc = next(p)) == 0 && (rc = parse_collation_name(p, &coll, NULL)) == 0) {
		rc = dbt_column_set_collation(d->c, coll.s);
	}
	name_release(&coll);
	dbt_buf_release(&b);
	return rc;
}

/* The generation expression: "AS" has been read, '(' is next; then
 * STORED or VIRTUAL (VIRTUAL when neither is written, as SQLite reads it;
 * PostgreSQL wants STORED: see dbt_schema_adapt). */
static int column_generated_expr(struct parser *p, struct coldef *d, int line, int col)
{
	dbt_column_places *at;
	char *text;
	size_t from, to;
	int stored = 0, rc;

	if (d->c->generated_expr)
		return fail_at(p, line, col, "column '%s' of table '%s' is generated twice",
			       d->c->name, d->t->name);
	if ((rc = check_generator(p, d, "GENERATED", line, col)) < 0 ||
	    (rc = parse_parens(p, &from, &to, 0)) < 0 ||
	    (rc = typed_literals(&text, p->text + from, to - from)) < 0)
		return rc;
	if (is(p, "stored") || is(p, "virtual")) {
		stored = is(p, "stored");
		if ((rc = next(p)) < 0) {
			free(text);
			return rc;
		}
	}
	rc = dbt_column_set_generated(d->c, text, strlen(text), stored);
	free(text);
	if (rc < 0)
		return rc == DBT_EPARSE ? fail_at(p, line, col, "%s", dbt_error_last()) : rc;
	if ((rc = dbt_column_places_edit(&at, d->c)) < 0)
		return rc;
	at->generated_line = line;
	at->generated_col = col;
	return 0;
}

/* AS (expr) [STORED | VIRTUAL], SQLite's short form. */
static int column_as(struct parser *p, struct coldef *d)
{
	int rc = next(p);

	return rc < 0 ? rc : column_generated_expr(p, d, d->line, d->col);
}

/* A signed whole number of an identity option, in `*out`. */
static int seq_number(struct parser *p, long long *out)
{
	char buf[32], *end;
	int neg = 0, rc;

	if (p->cur.tok.kind == DBT_TOK_OP && (is(p, "-") || is(p, "+"))) {
		neg = is(p, "-");
		if ((rc = next(p)) < 0)
			return rc;
	}
	if (p->cur.tok.kind != DBT_TOK_NUMBER || p->cur.tok.len >= sizeof(buf) - 1)
		return expected(p, "a whole number");
	buf[0] = '-';
	memcpy(buf + 1, p->text + p->cur.tok.start, p->cur.tok.len);
	buf[p->cur.tok.len + 1] = '\0';
	errno = 0;
	*out = strtoll(neg ? buf : buf + 1, &end, 10);
	if (errno || *end)
		return expected(p, "a whole number");
	return next(p);
}

/* The integer type words of AS in an identity's options. */
static dbt_type_kind seq_type_word(const struct parser *p)
{
	if (is(p, "smallint") || is(p, "int2"))
		return DBT_TYPE_SMALLINT;
	if (is(p, "integer") || is(p, "int") || is(p, "int4"))
		return DBT_TYPE_INTEGER;
	if (is(p, "bigint") || is(p, "int8"))
		return DBT_TYPE_BIGINT;
	return DBT_TYPE_OTHER;
}

/* One option of an identity's sequence; `seq` notes it. */
static int seq_option(struct parser *p, dbt_column *c, struct dbt_identity_seq *seq)
{
	int rc;

	if (is(p, "sequence")) {
		struct name n = {NULL, 0, 0, 0};

		if ((rc = next(p)) < 0 || (rc = expect(p, "name", "NAME")) < 0 ||
		    (rc = parse_managed_name(p, &n, "a sequence name")) < 0)
			return rc;
		name_release(&n);
		return 0;
	}
	if (is(p, "as")) {
		if ((rc = next(p)) < 0)
			return rc;
		if (seq_type_word(p) != c->type.kind)
			return fail_at(p, p->cur.tok.line, p->cur.tok.col,
				       "the sequence of identity column '%s' must have the "
				       "column's type",
				       c->name);
		return next(p);
	}
	if (is(p, "start") || is(p, "increment")) {
		int start = is(p, "start");

		if ((rc = next(p)) < 0 || ((is(p, start ? "with" : "by")) && (rc = next(p)) < 0))
			return rc;
		*(start ? &seq->has_start : &seq->has_increment) = 1;
		return seq_number(p, start ? &seq->start : &seq->increment);
	}
	if (is(p, "minvalue") || is(p, "maxvalue") || is(p, "cache")) {
		int which = is(p, "minvalue") ? 0 : is(p, "maxvalue") ? 1 : 2;

		if ((rc = next(p)) < 0)
			return rc;
		*(which == 0   ? &seq->has_minvalue
		  : which == 1 ? &seq->has_maxvalue
			       : &seq->has_cache) = 1;
		return seq_number(p, which == 0	  ? &seq->minvalue
				     : which == 1 ? &seq->maxvalue
						  : &seq->cache);
	}
	if (is(p, "cycle")) {
		seq->cycle = 1;
		return next(p);
	}
	if (is(p, "no")) {
		if ((rc = next(p)) < 0)
			return rc;
		if (is(p, "minvalue"))
			seq->has_minvalue = 0;
		else if (is(p, "maxvalue"))
			seq->has_maxvalue = 0;
		else if (is(p, "cycle"))
			seq->cycle = 0;
		else
			return expected(p, "MINVALUE, MAXVALUE or CYCLE");
		return next(p);
	}
	return expected(p, "a sequence option or ')'");
}

/*
 * The options of an identity's sequence in parentheses after AS IDENTITY
 * (CREATE TABLE, ALTER COLUMN ... ADD GENERATED), if any: kept in the
 * column as dbt_identity_options_canon gives them.
 */
int parse_identity_options(struct parser *p, dbt_column *c)
{
	struct dbt_identity_seq seq;
	dbt_column_places *at;
	int line = p->cur.tok.line, col = p->cur.tok.col, rc;

	if (!is(p, "("))
		return 0;
	memset(&seq, 0, sizeof(seq));
	if ((rc = next(p)) < 0)
		return rc;
	while (!is(p, ")"))
		if ((rc = seq_option(p, c, &seq)) < 0)
			return rc;
	free(c->identity_options);
	c->identity_options = NULL;
	if ((rc = dbt_identity_options_canon(&c->identity_options, &c->type, &seq)) < 0)
		return rc == DBT_EPARSE ? fail_at(p, line, col, "%s", dbt_error_last()) : rc;
	if ((rc = dbt_column_places_edit(&at, c)) < 0)
		return rc;
	at->identity_options_line = line;
	at->identity_options_col = col;
	return next(p);
}

/* GENERATED { ALWAYS | BY DEFAULT } AS IDENTITY, or
 * GENERATED ALWAYS AS (expr) [STORED | VIRTUAL] */
int column_generated(struct parser *p, struct coldef *d)
{
	dbt_buf b = DBT_BUF_INIT;
	dbt_identity kind;
	int rc;

	if ((rc = next(p)) < 0)
		goto cleanup;
	if (is(p, "always")) {
		kind = DBT_IDENTITY_ALWAYS;
	} else if (is(p, "by")) {
		if ((rc = next(p)) < 0)
			goto cleanup;
		if (!is(p, "default")) {
			rc = expected(p, "DEFAULT");
			goto cleanup;
		}
		kind = DBT_IDENTITY_BY_DEFAULT;
	} else {
		rc = expected(p, "ALWAYS or BY DEFAULT");
		goto cleanup;
	}
	if ((rc = next(p)) < 0 || (rc = expect(p, "as", "AS")) < 0)
		goto cleanup;
	if (kind == DBT_IDENTITY_ALWAYS && is(p, "(")) {
		rc = column_generated_expr(p, d, d->line, d->col);
		goto cleanup;
	}
	if (!is(p, "identity")) {
		rc = expected(p, kind == DBT_IDENTITY_ALWAYS ? "IDENTITY or '('" : "IDENTITY");
		goto cleanup;
	}
	if (!dbt_type_is_integer(d->c->type.kind)) {
		rc = fail_at(p, d->line, d->col,
			     "identity column '%s' must be SMALLINT, INTEGER or BIGINT, not %s",
			     d->c->name, type_name(&b, &d->c->type));
		goto cleanup;
	}
	if (d->said_null) {
		rc = fail_null(p, d);
		goto cleanup;
	}
	if ((rc = check_generator(p, d, "GENERATED AS IDENTITY", d->line, d->col)) < 0)
		goto cleanup;
	d->c->identity = kind;
	d->c->autoincrement = 1;
	d->c->not_null = 1;
	if ((rc = next(p)) < 0)
		goto cleanup;
	rc = parse_identity_options(p, d->c);
cleanup:
	dbt_buf_release(&b);
	return rc;
}

/* One column constraint at the current token; 1 when there is none. */
static int parse_column_constraint(struct parser *p, struct coldef *d)
{
	struct name cn = {NULL, 0, 0, 0};
	int rc;

	d->line = p->cur.tok.line;
	d->col = p->cur.tok.col;
	d->cname = NULL;
	if (is(p, "constraint")) {
		if ((rc = next(p)) < 0 || (rc = parse_name(p, &cn, "a constraint name")) < 0)
			goto cleanup;
		/* A name before NOT NULL, NULL, DEFAULT or COLLATE, which SQLite
		 * takes, names nothing either database keeps. */
		if (!is(p, "primary") && !is(p, "unique") && !is(p, "check") &&
		    !is(p, "references") && !is(p, "not") && !is(p, "null") && !is(p, "default") &&
		    !is(p, "collate")) {
			rc = expected(p,
				      "PRIMARY KEY, UNIQUE, CHECK, REFERENCES, NOT NULL, DEFAULT "
				      "or COLLATE");
			goto cleanup;
		}
		d->cname = cn.s;
	}
	if (is(p, "not")) {
		if ((rc = column_not_null(p, d)) == 0)
			rc = column_conflict(p, d, &d->c->not_null_conflict);
	} else if (is(p, "null")) {
		/* SQLite takes NULL ON CONFLICT ... too, which does nothing. */
		dbt_conflict ignored;

		if ((rc = column_null(p, d)) == 0)
			rc = column_conflict(p, d, &ignored);
	} else if (is(p, "primary"))
		rc = column_primary_key(p, d);
	else if (is(p, "autoincrement"))
		rc = fail_autoincrement(p, d->line, d->col);
	else if (is(p, "auto_increment"))
		rc = column_auto_increment(p, d);
	else if (is(p, "unique"))
		rc = column_unique(p, d);
	else if (is(p, "check"))
		rc = column_check(p, d);
	else if (is(p, "references"))
		rc = column_references(p, d);
	else if (is(p, "default"))
		rc = column_default(p, d);
	else if (is(p, "collate"))
		rc = column_collate(p, d);
	else if (is(p, "generated"))
		rc = column_generated(p, d);
	else if (is(p, "as"))
		rc = column_as(p, d);
	else
		rc = parse_mysql_column_attr(p, d);
cleanup:
	name_release(&cn);
	d->cname = NULL;
	return rc;
}

/* ------------------------------------------------------------ rename hints */

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
static size_t column_line_end(const struct parser *p)
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
static int column_hint(struct parser *p, dbt_column *c)
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

/* A column definition: name, type, column constraints; in ALTER TABLE's
 * ADD COLUMN (`alter`), it ends at ',' or ';'. */
int parse_column(struct parser *p, dbt_table *t, int alter)
{
	struct name n = {NULL, 0, 0, 0};
	struct coldef d;
	dbt_type type;
	size_t i, name_off, name_end;
	int serial, renamed_line = 0, renamed_col = 0, rc;

	memset(&d, 0, sizeof(d));
	d.t = t;
	name_off = p->cur.tok.start;
	if ((rc = parse_name(p, &n, "a column name or table constraint")) < 0)
		goto cleanup;
	name_end = p->cur.prev_end;
	for (i = 0; i < t->ncolumns; i++) {
		const dbt_column *o = t->columns[i];

		if (!strcmp(o->name, n.s)) {
			dbt_buf b = DBT_BUF_INIT;

			put_first(&b, n.s, o->name, o->line);
			rc = b.oom ? dbt_error_oom()
				   : fail_at(p, n.line, n.col,
					     "duplicate column '%s' in table '%s'%s", n.s, t->name,
					     b.ptr);
			dbt_buf_release(&b);
			goto cleanup;
		}
	}
	if ((rc = parse_type(p, &type, &serial)) < 0)
		goto cleanup;
	rc = dbt_table_add_column_take(&d.c, t, &n.s, n.quoted, &type);
	dbt_type_release(&type);
	if (rc < 0)
		goto cleanup;
	d.c->line = n.line;
	d.c->col = n.col;
	if ((rc = take_hint(p, name_off, n.line, &d.c->renamed_from, &renamed_line, &renamed_col)) <
	    0)
		goto cleanup;
	if (serial) {
		d.c->not_null = 1;
		d.c->autoincrement = 1;
		d.c->identity = DBT_IDENTITY_SERIAL;
	}
	while ((rc = parse_column_constraint(p, &d)) == 0)
		;
	/* The hint on the column's own line is in a comment, which
	 * column_line_end() (a look at the token after a comma) is not needed
	 * to rule out. */
	if (rc < 0 || (rc = column_hint(p, d.c)) < 0 ||
	    (next_comment(p, name_end) < line_end(p, p->cur.prev_end) &&
	     (rc = take_trailing_hint(p, name_end, column_line_end(p), &d.c->renamed_from,
				      &renamed_line, &renamed_col)) < 0))
		goto cleanup;
	if (renamed_line) {
		dbt_column_places *at;

		if ((rc = dbt_column_places_edit(&at, d.c)) < 0)
			goto cleanup;
		at->renamed_line = renamed_line;
		at->renamed_col = renamed_col;
	}
	if (alter)
		rc = is(p, ",") || is(p, ";") || p->cur.tok.kind == DBT_TOK_END
			     ? 0
			     : expected(p, "a column constraint, ',' or ';'");
	else
		rc = is(p, ",") || is(p, ")") ? 0 : expected(p, "a column constraint, ',' or ')'");
cleanup:
	name_release(&n);
	return rc;
}
