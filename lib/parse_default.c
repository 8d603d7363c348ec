/*
 * parse_default.c - a column's DEFAULT for the model parser (see
 * parse_internal.h): how far its expression goes (an operand grammar, as
 * the next constraint ends it with no parentheses around it), SQLite's
 * DEFAULT "word", word, [word] and `word` read as the string 'word', and
 * the managed schema's name dropped from its casts.  Apart from
 * parse_column.c, whose constraints are read by their first word: a
 * default is read by its expression's shape, which ALTER COLUMN ... SET
 * DEFAULT reads too.
 */
#include "parse_internal.h"

#include "error.h"
#include "ident.h"

#include <stdlib.h>
#include <string.h>

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
 * ']'.  An operator with nothing after it before a ',' or ')' is an
 * error at its place, as parse_parens() has it: the default is rendered
 * in parentheses, which must read back. */
static int skip_array(struct parser *p)
{
	int depth = 1, parens = 0, after_op = 0, rc;

	for (;;) {
		if (p->cur.tok.kind == DBT_TOK_END || is(p, ";"))
			return expected(p, "']'");
		if (after_op && (is(p, ")") || is(p, ",")))
			return expected(p, "an operand");
		/* (a backtick closes MariaDB's `name`: no operator) */
		after_op = p->cur.tok.kind == DBT_TOK_OP && !is(p, "*") &&
			   p->text[p->cur.tok.start] != '`';
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
