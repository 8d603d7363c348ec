/*
 * parse.c - the model parser (see parse.h): its state and messages, names,
 * column lists, types, statements kept as text, the statement dispatch and
 * the entry points.  The statements it parses field by field have files of
 * their own, parse_*.c, sharing parse_internal.h.
 *
 * The parser is recursive descent over the DDL subset that one model can
 * state for both SQLite and PostgreSQL: CREATE TABLE with column and table
 * constraints, and CREATE [UNIQUE] INDEX; ALTER TABLE adding constraints,
 * columns and defaults to a table declared before, and sequences owned by
 * a column, as pg_dump writes them.  Other DDL is kept as text with its
 * place, for the scratch database to build.  It stops at the first fault and
 * names its place as path:line:column.  Names that may refer to what is
 * declared later in the file (the table a foreign key references, the table
 * of an index, the columns of table constraints) are recorded with their
 * place as they are read and resolved once the whole file is read.
 */
#include "parse_internal.h"

#include "error.h"
#include "ident.h"
#include "fsutil.h"

#include <sqlite3.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int fail_at(struct parser *p, int line, int col, const char *fmt, ...)
{
	dbt_buf b = DBT_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	dbt_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (b.oom) {
		dbt_buf_release(&b);
		return dbt_error_oom();
	}
	dbt_error_set(DBT_EPARSE, "%s:%d:%d: %s", p->path, line, col, dbt_buf_str(&b));
	dbt_buf_release(&b);
	return DBT_EPARSE;
}

/* "expected WHAT, found TOKEN" at the current token. */
int expected(struct parser *p, const char *what)
{
	dbt_buf b = DBT_BUF_INIT;
	int rc;

	dbt_token_describe(&b, p->text, &p->cur.tok);
	if (b.oom)
		rc = dbt_error_oom();
	else
		rc = fail_at(p, p->cur.tok.line, p->cur.tok.col, "expected %s, found %s", what,
			     b.ptr);
	dbt_buf_release(&b);
	return rc;
}

int next(struct parser *p)
{
	size_t prev_end = p->cur.tok.start + p->cur.tok.len;
	int rc;

	for (;;) {
		rc = dbt_cursor_next(&p->cur);
		/* A psql meta-command such as pg_dump's "\restrict KEY" fills
		 * its line, between statements. */
		if (rc < 0 && p->stmt_start && p->cur.tok.col == 1 && p->cur.tok.start < p->len &&
		    p->text[p->cur.tok.start] == '\\') {
			while (p->cur.lx.pos < p->cur.lx.len && p->text[p->cur.lx.pos] != '\n')
				p->cur.lx.pos++;
			continue;
		}
		break;
	}
	p->cur.prev_end = prev_end;
	if (rc < 0)
		return dbt_error_prefix(rc, "%s:%d:%d", p->path, p->cur.tok.line, p->cur.tok.col);
	return 0;
}

/* The token after the current one; END when it would not tokenize (the
 * fault is reported when the parser gets there). */
void peek(const struct parser *p, dbt_token *out)
{
	dbt_cursor_peek(&p->cur, out);
}

/* Reads the word or punctuation `s`, else "expected WHAT". */
int expect(struct parser *p, const char *s, const char *what)
{
	if (!is(p, s))
		return expected(p, what);
	return next(p);
}

void name_release(struct name *n)
{
	free(n->s);
	n->s = NULL;
}

/* DBT_EPARSE at the current token when `name` (the `what` read there)
 * holds the byte that separates a schema from a name inside dbtool
 * (DBT_QUALIFIER): read back, it would name another schema. */
static int refuse_qualifier_byte(struct parser *p, const char *name, const char *what)
{
	if (!strchr(name, DBT_QUALIFIER))
		return 0;
	return fail_at(p, p->cur.tok.line, p->cur.tok.col, "%s holds the control character 0x1f",
		       what);
}

/*
 * A name quoted as SQLite also allows: [name], `name` (`` for a backtick)
 * or 'name'; it reads as "name" would.  The token is the opening
 * character; the lexer goes on after the closing one.
 */
static int parse_sqlite_quoted(struct parser *p, struct name *out, const char *what)
{
	const char *s = p->text;
	char close = s[p->cur.tok.start] == '[' ? ']' : s[p->cur.tok.start];
	size_t i = p->cur.tok.start + 1, o = 0;
	char *name = malloc(p->len - p->cur.tok.start + 1);
	dbt_token inner = p->cur.tok;
	int rc;

	if (!name)
		return dbt_error_oom();
	for (;; i++) {
		if (i >= p->len || s[i] == '\n') {
			free(name);
			return fail_at(p, p->cur.tok.line, p->cur.tok.col,
				       "unterminated quoted identifier");
		}
		if (s[i] == close) {
			if (close == ']' || i + 1 >= p->len || s[i + 1] != close)
				break;
			i++;
		}
		name[o++] = s[i];
	}
	name[o] = '\0';
	inner.start = p->cur.tok.start + 1;
	inner.len = i - inner.start;
	if (o == 0 || (rc = dbt_token_check_utf8(p->text, &inner)) < 0) {
		free(name);
		if (o == 0)
			return fail_at(p, p->cur.tok.line, p->cur.tok.col,
				       "empty quoted identifier");
		return dbt_error_prefix(rc, "%s:%d:%d", p->path, p->cur.tok.line, p->cur.tok.col);
	}
	if (o > DBT_NAME_MAX) {
		free(name);
		return fail_at(p, p->cur.tok.line, p->cur.tok.col,
			       "name '%.40s...' is longer than %d bytes", s + inner.start,
			       DBT_NAME_MAX);
	}
	if ((rc = refuse_qualifier_byte(p, name, what)) < 0) {
		free(name);
		return rc;
	}
	/* The lexer resumes after the closing character. */
	p->cur.lx.pos = i + 1;
	p->cur.tok.len = i + 1 - p->cur.tok.start;
	out->s = name;
	out->quoted = 1;
	if ((rc = next(p)) < 0)
		name_release(out);
	return rc;
}

/* A table, column, index, constraint or collation name; `out` holds
 * nothing to free after a failure.  With `strict`, no reserved word of
 * PostgreSQL is a name, even one SQLite takes. */
int parse_name_as(struct parser *p, struct name *out, const char *what, int strict)
{
	const char *s = p->text + p->cur.tok.start;
	int rc;

	out->s = NULL;
	out->line = p->cur.tok.line;
	out->col = p->cur.tok.col;
	out->quoted = p->cur.tok.kind == DBT_TOK_QUOTED;
	if (is(p, "[") || (p->cur.tok.kind == DBT_TOK_OP && s[0] == '`') ||
	    (p->cur.tok.kind == DBT_TOK_STRING && s[0] == '\''))
		return parse_sqlite_quoted(p, out, what);
	if (p->cur.tok.kind != DBT_TOK_WORD && p->cur.tok.kind != DBT_TOK_QUOTED)
		return expected(p, what);
	/* A word PostgreSQL reserves but SQLite does not (USER) is a name
	 * to SQLite, which writes it bare; rendered, it is always quoted. */
	if (p->cur.tok.kind == DBT_TOK_WORD &&
	    (strict || sqlite3_keyword_check(s, (int)p->cur.tok.len)) &&
	    dbt_sql_keyword(s, p->cur.tok.len) == DBT_KW_RESERVED)
		return fail_at(p, p->cur.tok.line, p->cur.tok.col,
			       "expected %s, found reserved word '%.*s'", what, (int)p->cur.tok.len,
			       s);
	out->s = dbt_token_name(p->text, &p->cur.tok);
	if (!out->s)
		return dbt_error_oom();
	/* MariaDB's ``, which the cursor reads whole: as "" is, refused. */
	if (!out->s[0]) {
		name_release(out);
		return fail_at(p, p->cur.tok.line, p->cur.tok.col, "empty quoted identifier");
	}
	if ((rc = refuse_qualifier_byte(p, out->s, what)) < 0) {
		name_release(out);
		return rc;
	}
	if (strlen(out->s) > DBT_NAME_MAX) {
		size_t cut = 40;

		while (((unsigned char)out->s[cut] & 0xC0) == 0x80)
			cut--;
		rc = fail_at(p, p->cur.tok.line, p->cur.tok.col,
			     "name '%.*s...' is longer than %d bytes", (int)cut, out->s,
			     DBT_NAME_MAX);
		name_release(out);
		return rc;
	}
	if ((rc = next(p)) < 0)
		name_release(out);
	return rc;
}

int parse_name(struct parser *p, struct name *out, const char *what)
{
	return parse_name_as(p, out, what, 0);
}

/* A table, index or sequence name, maybe qualified.  The default schema's
 * qualifier (public.users, as pg_dump writes it) and SQLite's main are
 * dropped; another schema's is kept in the name, SCHEMA DBT_QUALIFIER
 * NAME (ident.h), whose place is the qualifier's.  Only PostgreSQL has
 * such schemas: the other dialects refuse the name at that place
 * (dbt_schema_adapt). */
int parse_object_name(struct parser *p, struct name *out, const char *what)
{
	struct name q;
	char *joined;
	size_t n;
	int rc = parse_name(p, out, what);

	if (rc < 0 || !is(p, "."))
		return rc;
	q = *out;
	out->s = NULL;
	if ((rc = next(p)) < 0 || (rc = parse_name(p, out, what)) < 0) {
		name_release(&q);
		return rc;
	}
	if (!strcmp(q.s, DEFAULT_SCHEMA) || !strcmp(q.s, "main")) {
		name_release(&q);
		return 0;
	}
	n = strlen(q.s);
	if (!(joined = malloc(n + strlen(out->s) + 2))) {
		name_release(&q);
		name_release(out);
		return dbt_error_oom();
	}
	memcpy(joined, q.s, n);
	joined[n] = DBT_QUALIFIER;
	strcpy(joined + n + 1, out->s);
	free(out->s);
	out->s = joined;
	out->line = q.line;
	out->col = q.col;
	name_release(&q);
	return 0;
}

/* As parse_object_name, for an object that must be the managed schema's
 * (a sequence, a statement kept as text): another schema's qualifier is
 * an error at its place. */
int parse_managed_name(struct parser *p, struct name *out, const char *what)
{
	const char *sep;
	int rc = parse_object_name(p, out, what);

	if (rc < 0 || !(sep = strchr(out->s, DBT_QUALIFIER)))
		return rc;
	rc = fail_at(p, out->line, out->col,
		     "schema '%.*s' is not supported here (of schemas other than the managed "
		     "one the model holds tables, indexes, enums, domains and policies)",
		     (int)(sep - out->s), out->s);
	name_release(out);
	return rc;
}

/* A collation's name, maybe qualified by pg_catalog (as pg_dump writes
 * `COLLATE pg_catalog."C"`) or by the default schema: the qualifier is
 * dropped, as the database reads the name back without it.  `*start`
 * (when not NULL) is where the name itself begins in the text. */
int parse_collation_name(struct parser *p, struct name *out, size_t *start)
{
	size_t from = p->cur.tok.start;
	int rc = parse_name(p, out, "a collation name");

	if (rc < 0 || !is(p, ".")) {
		if (start)
			*start = from;
		return rc;
	}
	if (strcmp(out->s, "pg_catalog") && strcmp(out->s, DEFAULT_SCHEMA)) {
		rc = fail_at(p, out->line, out->col,
			     "collation schema '%s' is not supported (a collation is named "
			     "alone, or in '%s' or pg_catalog)",
			     out->s, DEFAULT_SCHEMA);
		name_release(out);
		return rc;
	}
	name_release(out);
	if ((rc = next(p)) < 0)
		return rc;
	if (start)
		*start = p->cur.tok.start;
	return parse_name(p, out, "a collation name");
}

int add_ref(struct parser *p, const char *table, const char *column, int line, int col)
{
	struct ref *v = p->refs;

	/* By doubling: a model holds thousands of references. */
	if (p->nrefs == p->cap_refs) {
		size_t cap = p->cap_refs ? 2 * p->cap_refs : 16;

		if (!(v = realloc(p->refs, cap * sizeof(*v))))
			return dbt_error_oom();
		p->refs = v;
		p->cap_refs = cap;
	}
	v[p->nrefs].table = table;
	v[p->nrefs].column = column;
	v[p->nrefs].line = line;
	v[p->nrefs].col = col;
	p->nrefs++;
	return 0;
}

/* " (first declared on line N)", noting when the names differ in case
 * only, which SQLite does not tell apart. */
void put_first(dbt_buf *b, const char *name, const char *first, int line)
{
	if (strcmp(name, first))
		dbt_buf_printf(b,
			       " (first declared on line %d as '%s', and SQLite ignores case in "
			       "names)",
			       line, first);
	else
		dbt_buf_printf(b, " (first declared on line %d)", line);
}

int fail_duplicate(struct parser *p, const struct name *n, const char *what, const char *first,
		   int first_line)
{
	dbt_buf b = DBT_BUF_INIT;
	int rc;

	put_first(&b, n->s, first, first_line);
	rc = b.oom ? dbt_error_oom()
		   : fail_at(p, n->line, n->col, "duplicate %s '%s'%s", what, n->s, b.ptr);
	dbt_buf_release(&b);
	return rc;
}

/* A parenthesised list of column names, each appended by `add` to the
 * list `*stored` (`*nstored` long) of `obj`; `table` is where they must
 * exist (NULL when they need no check), `what` names the list in messages.
 * With `autoinc`, a list of one column may end in AUTOINCREMENT, as
 * SQLite takes it in PRIMARY KEY ("id" AUTOINCREMENT): its token in
 * `*autoinc`, else an END token. */
int parse_column_list_as(struct parser *p, void *obj, add_column_fn add, char ***stored,
			 size_t *nstored, const char *table, const char *what, dbt_token *autoinc)
{
	struct name n = {NULL, 0, 0, 0};
	size_t i;
	int rc;

	if ((rc = expect(p, "(", "'('")) < 0)
		return rc;
	for (;;) {
		if ((rc = parse_name(p, &n, "a column name")) < 0)
			goto cleanup;
		for (i = 0; i < *nstored; i++) {
			if (!strcmp((*stored)[i], n.s)) {
				rc = fail_at(p, n.line, n.col, "column '%s' appears twice in %s",
					     n.s, what);
				goto cleanup;
			}
		}
		if ((rc = add(obj, n.s)) < 0)
			goto cleanup;
		if (table && (rc = add_ref(p, table, (*stored)[*nstored - 1], n.line, n.col)) < 0)
			goto cleanup;
		name_release(&n);
		/* SQLite's key columns may carry a collation of their own,
		 * which the key compares the column's values by. */
		if (add == add_unique_column && is(p, "collate")) {
			if ((rc = next(p)) < 0 || (rc = parse_collation_name(p, &n, NULL)) < 0 ||
			    (rc = dbt_unique_set_collation(obj, *nstored - 1, n.s)) < 0)
				goto cleanup;
			name_release(&n);
		}
		/* SQLite's key columns may carry an order, which its key's
		 * index keeps and nothing else (no rowid alias changes with
		 * it, as it does on a column's PRIMARY KEY DESC): read as
		 * the reflection reads it, without it. */
		if (add == add_unique_column && (is(p, "asc") || is(p, "desc")) &&
		    (rc = next(p)) < 0)
			goto cleanup;
		if (autoinc && *nstored == 1 && is(p, "autoincrement")) {
			*autoinc = p->cur.tok;
			if ((rc = next(p)) < 0)
				goto cleanup;
			if (!is(p, ")")) {
				rc = expected(p, "')'");
				goto cleanup;
			}
		}
		if (is(p, ")"))
			break;
		if ((rc = expect(p, ",", "',' or ')'")) < 0)
			goto cleanup;
	}
	rc = next(p);
cleanup:
	name_release(&n);
	return rc;
}

int parse_column_list(struct parser *p, void *obj, add_column_fn add, char ***stored,
		      size_t *nstored, const char *table, const char *what)
{
	return parse_column_list_as(p, obj, add, stored, nstored, table, what, NULL);
}

int add_unique_column(void *obj, const char *column)
{
	return dbt_unique_add_column(obj, column);
}

int add_fk_column(void *obj, const char *column)
{
	return dbt_fk_add_column(obj, column);
}

int add_fk_ref_column(void *obj, const char *column)
{
	return dbt_fk_add_ref_column(obj, column);
}

/* A balanced "( ... )"; `*from`, `*to` receive the span inside, which
 * may be empty only for the arguments of a call. */
int parse_parens(struct parser *p, size_t *from, size_t *to, int call)
{
	int depth = 1, rc;

	if ((rc = expect(p, "(", "'('")) < 0)
		return rc;
	if (is(p, ")") && !call)
		return expected(p, "an expression");
	*from = p->cur.tok.start;
	for (;;) {
		/* Not a full expression grammar, but an operator with nothing
		 * after it ("CHECK (id >)") is caught here, at its place, rather
		 * than by the database when the table is made. */
		int after_op = 0;

		if (p->cur.tok.kind == DBT_TOK_END || is(p, ";"))
			return expected(p, "')'");
		if (is(p, "("))
			depth++;
		else if (is(p, ")") && --depth == 0)
			break;
		/* (a backtick closes MariaDB's `name`: no operator) */
		after_op = p->cur.tok.kind == DBT_TOK_OP && !is(p, "*") &&
			   p->text[p->cur.tok.start] != '`';
		if ((rc = next(p)) < 0)
			return rc;
		if (after_op && (is(p, ")") || is(p, ",")))
			return expected(p, "an operand");
	}
	*to = *from < p->cur.tok.start ? p->cur.prev_end : *from;
	return next(p);
}

/* Words that, after a type name's first word, still belong to it. */
int type_word(const struct parser *p)
{
	return type_word_token(p->text, &p->cur.tok);
}

/* 1 when the token is one of the words type_word() takes. */
int type_word_token(const char *text, const dbt_token *t)
{
	return t->kind == DBT_TOK_WORD && dbt_type_word_continues(text + t->start, t->len);
}

/* Words that start a column constraint, or one of MariaDB's attributes
 * (COMMENT, AUTO_INCREMENT, CHARACTER SET: CHARACTER alone goes on a
 * SQLite type such as VARYING CHARACTER), and so end the type before
 * them. */
static int constraint_word(const struct parser *p)
{
	static const char *const words[] = {"constraint", "not",
					    "null",	  "primary",
					    "unique",	  "check",
					    "references", "default",
					    "collate",	  "generated",
					    "as",	  "autoincrement",
					    "comment",	  "auto_increment"};
	dbt_token la;
	size_t i;

	if (p->cur.tok.kind != DBT_TOK_WORD)
		return 0;
	if (is(p, "character")) {
		peek(p, &la);
		return dbt_token_is(p->text, &la, "set");
	}
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (is(p, words[i]))
			return 1;
	return 0;
}

/* The line and column of the byte at `off`. */
static void position_at(const struct parser *p, size_t off, int *line, int *col)
{
	dbt_lex_place(p->text, p->len, off, line, col);
}

/* Array brackets after a type: "[]", "[3]". */
static int skip_brackets(struct parser *p)
{
	int rc;

	while (!is(p, "]")) {
		if (p->cur.tok.kind == DBT_TOK_END || is(p, ";") || is(p, "(") || is(p, ")"))
			return expected(p, "']'");
		if ((rc = next(p)) < 0)
			return rc;
	}
	return next(p);
}

/* MariaDB's `name` in the type's text from `from` to `to` (in its
 * parentheses or brackets, its words being checked as they are read):
 * refused at its place, as in the type's name, since the type's text is
 * read again without such names. */
static int refuse_backquoted(struct parser *p, size_t from, size_t to)
{
	dbt_cursor c;
	int line, col;

	dbt_cursor_init(&c, p->text + from, to - from);
	c.backquotes = 1;
	while (dbt_cursor_next(&c) == 0 && c.tok.kind != DBT_TOK_END) {
		if (c.tok.kind == DBT_TOK_QUOTED && c.quote == '`') {
			position_at(p, from + c.tok.start, &line, &col);
			return fail_at(p, line, col,
				       "a name in a type is written bare or in double quotes, not "
				       "in backticks");
		}
	}
	return 0;
}

/*
 * A type as declared, handed to dbt_type_declare.  A portable type's name
 * takes the words that belong to it ("double precision", "with time
 * zone"), its parameters and array brackets; any other type name is the
 * words, quoted names, dots, brackets and parenthesised parameters up to
 * the first column constraint, ',' or ')', as SQLite reads it (none at
 * all is a column without a type).
 */
int parse_type(struct parser *p, dbt_type *out, int *serial)
{
	size_t from = p->cur.tok.start, to = p->cur.tok.start, errpos = 0, a, b;
	int rc, line, col, portable, zone_next = 0, name_before = 0, dot_before = 0, dots = 0;

	portable = p->cur.tok.kind == DBT_TOK_WORD &&
		   dbt_type_name_is_portable(p->text + p->cur.tok.start, p->cur.tok.len);
	/* A type starts with its name: "(200)" right after a column's name
	 * is no type either database reads. */
	if (is(p, "(") || is(p, "["))
		return expected(p, "a type name");
	if (portable) {
		if ((rc = next(p)) < 0)
			return rc;
		to = p->cur.prev_end;
	}
	for (;;) {
		if (is(p, "(")) {
			if ((rc = parse_parens(p, &a, &b, 1)) < 0)
				return rc;
		} else if (is(p, "[")) {
			if ((rc = next(p)) < 0 || (rc = skip_brackets(p)) < 0)
				return rc;
		} else if (portable ? type_word(p) || is(p, "array") ||
					      (zone_next && p->cur.tok.kind == DBT_TOK_WORD) ||
					      /* SMALLINT UNSIGNED, as MySQL's
					      * habits leave it in SQLite files;
					      * ZEROFILL, as mariadb-dump prints
					      * it after them. */
					      is(p, "unsigned") || is(p, "zerofill")
				    : (p->cur.tok.kind == DBT_TOK_WORD && !constraint_word(p)) ||
					      p->cur.tok.kind == DBT_TOK_QUOTED || is(p, ".")) {
			/* The type is kept as written, and only double quotes
			 * mean a name to every database. */
			if (p->cur.tok.kind == DBT_TOK_QUOTED && p->cur.quote != '"')
				return fail_at(p, p->cur.tok.line, p->cur.tok.col,
					       "a type name is written bare or in double quotes, "
					       "not in %s",
					       p->cur.quote == '`' ? "backticks" : "brackets");
			/* A '.' stands between two names (schema.type), the
			 * second no word that begins a column constraint:
			 * what PostgreSQL's form of the type drops with
			 * public. must leave a type behind. */
			if (is(p, ".") && !name_before)
				return expected(p, "a type name");
			/* schema.type, not database.schema.type: the schema
			 * public. drops would leave another behind. */
			if (is(p, ".") && dots++)
				return fail_at(p, p->cur.tok.line, p->cur.tok.col,
					       "a type's name is TYPE or SCHEMA.TYPE, with one '.' "
					       "at most");
			/* After WITH or WITHOUT the next word belongs to the type,
			 * so that a misspelt TIME ZONE is reported as such. */
			zone_next = portable && (is(p, "with") || is(p, "without"));
			dot_before = is(p, ".");
			name_before = !dot_before;
			if ((rc = next(p)) < 0)
				return rc;
			if (dot_before &&
			    !(p->cur.tok.kind == DBT_TOK_WORD && !constraint_word(p)) &&
			    p->cur.tok.kind != DBT_TOK_QUOTED)
				return expected(p, "a type name");
			to = p->cur.prev_end;
			continue;
		} else {
			break;
		}
		name_before = dot_before = 0;
		to = p->cur.prev_end;
	}
	if ((rc = refuse_backquoted(p, from, to)) < 0)
		return rc;
	rc = dbt_type_declare_memo(out, serial, p->text + from, to - from, &errpos, &p->types);
	if (rc < 0) {
		position_at(p, from + errpos, &line, &col);
		return dbt_error_prefix(rc, "%s:%d:%d", p->path, line, col);
	}
	return 0;
}

static void put_upper(dbt_buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		dbt_buf_putc(b, s[i] >= 'a' && s[i] <= 'z' ? s[i] - ('a' - 'A') : s[i]);
}

/* Names an unsupported statement by its leading words, upper-case: the
 * word `first`, and the current token too when it is a word after it. */
static int unsupported(struct parser *p, const dbt_token *first)
{
	dbt_buf b = DBT_BUF_INIT;
	int rc;

	put_upper(&b, p->text + first->start, first->len);
	if (first != &p->cur.tok && p->cur.tok.kind == DBT_TOK_WORD) {
		dbt_buf_putc(&b, ' ');
		put_upper(&b, p->text + p->cur.tok.start, p->cur.tok.len);
	}
	rc = b.oom ? dbt_error_oom()
		   : fail_at(p, first->line, first->col,
			     "unsupported statement '%s' (the model holds CREATE TABLE and CREATE "
			     "INDEX)",
			     b.ptr);
	dbt_buf_release(&b);
	return rc;
}

/* ------------------------------------------------- statements kept as text */

/* Keeps the statement that began at `first` and ends at the next ';' as
 * one of kind `kind` named `name` (NULL when none). */
int keep_statement(struct parser *p, const dbt_token *first, const char *kind, const char *name,
		   dbt_statement **out)
{
	dbt_statement *st;
	int rc;

	if ((rc = skip_statement(p)) < 0)
		return rc;
	if ((rc = dbt_schema_add_statement(&st, p->schema, kind, name, p->text + first->start,
					   p->cur.prev_end - first->start)) < 0)
		return rc;
	st->line = first->line;
	st->col = first->col;
	if (out)
		*out = st;
	return 0;
}

/* Keeps the statement begun at `first`, whose object name (maybe
 * qualified, maybe with a signature after it) is the current token. */
/* 1 when AS ENUM follows: the type named before is an enum. */
static int is_enum(const struct parser *p)
{
	dbt_token la;

	if (!is(p, "as"))
		return 0;
	peek(p, &la);
	return dbt_token_is(p->text, &la, "enum");
}

static int keep_named(struct parser *p, const dbt_token *first, const char *kind)
{
	struct name n = {NULL, 0, 0, 0};
	dbt_cursor save;
	int rc;

	if (is(p, "if")) {
		if ((rc = next(p)) < 0 || (is(p, "not") && (rc = next(p)) < 0) ||
		    (rc = expect(p, "exists", "EXISTS")) < 0)
			return rc;
	}
	save = p->cur;
	/* An enum or a domain may be another schema's, which the scratch
	 * builds flat (scratch.h); the other kinds are the managed
	 * schema's. */
	if ((rc = strcmp(kind, "type") && strcmp(kind, "domain")
			  ? parse_managed_name(p, &n, "a name")
			  : parse_object_name(p, &n, "a name")) < 0)
		return rc;
	if (strchr(n.s, DBT_QUALIFIER) && !strcmp(kind, "type") && !is_enum(p)) {
		name_release(&n);
		p->cur = save;
		return parse_managed_name(p, &n, "a name");
	}
	rc = keep_statement(p, first, kind, n.s, NULL);
	name_release(&n);
	return rc;
}

/* The kinds of CREATE statement kept as text: the words after CREATE
 * [OR REPLACE] [TEMP] and the kind they make. */
static const struct {
	const char *w1, *w2, *kind;
} kept_kinds[] = {
	{"view", NULL, "view"},
	{"recursive", "view", "view"},
	{"materialized", "view", "materialized view"},
	{"function", NULL, "function"},
	{"procedure", NULL, "procedure"},
	{"aggregate", NULL, "aggregate"},
	{"trigger", NULL, "trigger"},
	{"constraint", "trigger", "trigger"},
	{"event", "trigger", "event trigger"},
	{"type", NULL, "type"},
	{"domain", NULL, "domain"},
	{"extension", NULL, "extension"},
	{"schema", NULL, "schema"},
	{"policy", NULL, "policy"},
	{"rule", NULL, "rule"},
	{"collation", NULL, "collation"},
	{"statistics", NULL, "statistics"},
	{"virtual", "table", "virtual table"},
};

/* ALTER of another kind of object (view, function, type ...): OWNER TO
 * is ignored, anything else kept as text. */
static int parse_alter_other(struct parser *p, const dbt_token *first)
{
	dbt_cursor save = p->cur;
	dbt_token la;
	int owner = 0, rc;

	if (p->cur.tok.kind != DBT_TOK_WORD)
		return expected(p, "what to alter");
	while (p->cur.tok.kind != DBT_TOK_END && !is(p, ";")) {
		peek(p, &la);
		if (is(p, "owner") && dbt_token_is(p->text, &la, "to"))
			owner = 1;
		if ((rc = next(p)) < 0)
			return rc;
	}
	if (owner)
		return 0;
	p->cur = save;
	return keep_statement(p, first, "alter", NULL, NULL);
}

/* SELECT pg_catalog.set_config(...), which pg_dump writes to empty the
 * search path: a setting of the session, not part of the model. */
static int is_set_config(const struct parser *p)
{
	dbt_lexer lx = p->cur.lx;
	dbt_token a, b, c;

	if (dbt_lex_next(&lx, &a) < 0)
		return 0;
	if (dbt_token_is(p->text, &a, "pg_catalog")) {
		if (dbt_lex_next(&lx, &b) < 0 || !dbt_token_is(p->text, &b, ".") ||
		    dbt_lex_next(&lx, &a) < 0)
			return 0;
	}
	if (!dbt_token_is(p->text, &a, "set_config") || dbt_lex_next(&lx, &c) < 0)
		return 0;
	return dbt_token_is(p->text, &c, "(");
}

/* ROLE, or USER but for USER MAPPING: PostgreSQL's roles (parse_role.c). */
static int is_role_word(const struct parser *p)
{
	dbt_token la;

	peek(p, &la);
	return is(p, "role") || (is(p, "user") && !dbt_token_is(p->text, &la, "mapping"));
}

/* CREATE has been read, and what follows is not TABLE or INDEX. */
static int parse_create_other(struct parser *p, const dbt_token *first)
{
	dbt_token la;
	size_t i;
	int rc;

	if (is(p, "or")) {
		if ((rc = next(p)) < 0 || (rc = expect(p, "replace", "REPLACE")) < 0)
			return rc;
	}
	peek(p, &la);
	if ((is(p, "temp") || is(p, "temporary")) && !dbt_token_is(p->text, &la, "table") &&
	    (rc = next(p)) < 0)
		return rc;
	if (is(p, "sequence"))
		return (rc = next(p)) < 0 ? rc : parse_sequence(p, first);
	if (is_role_word(p)) {
		int user = is(p, "user");

		return (rc = next(p)) < 0 ? rc : parse_role(p, first, 0, user);
	}
	peek(p, &la);
	for (i = 0; i < sizeof(kept_kinds) / sizeof(kept_kinds[0]); i++) {
		if (!is(p, kept_kinds[i].w1))
			continue;
		if (kept_kinds[i].w2 && !dbt_token_is(p->text, &la, kept_kinds[i].w2))
			continue;
		if ((rc = next(p)) < 0 || (kept_kinds[i].w2 && (rc = next(p)) < 0))
			return rc;
		return keep_named(p, first, kept_kinds[i].kind);
	}
	if (p->cur.tok.kind != DBT_TOK_WORD)
		return expected(p, "TABLE, INDEX or UNIQUE INDEX");
	return unsupported(p, first);
}

/* COMMENT ON kind name IS ...: kept, named by what it comments on. */
static int parse_comment(struct parser *p, const dbt_token *first)
{
	size_t from;
	char *name;
	int rc;

	if ((rc = expect(p, "on", "ON")) < 0)
		return rc;
	if (p->cur.tok.kind != DBT_TOK_WORD)
		return expected(p, "what the comment is on");
	if ((rc = next(p)) < 0)
		return rc;
	if (is(p, "view") && (rc = next(p)) < 0) /* MATERIALIZED VIEW */
		return rc;
	from = p->cur.tok.start;
	while (p->cur.tok.kind != DBT_TOK_END && !is(p, ";") && !is(p, "is"))
		if ((rc = next(p)) < 0)
			return rc;
	if (!is(p, "is"))
		return expected(p, "IS");
	name = strndup(p->text + from, p->cur.prev_end > from ? p->cur.prev_end - from : 0);
	if (!name)
		return dbt_error_oom();
	rc = keep_statement(p, first, "comment", name, NULL);
	free(name);
	return rc;
}

/* Whether DROP (the current token) drops a table or an index. */
static int drop_of_model(const struct parser *p)
{
	dbt_token la;

	peek(p, &la);
	return dbt_token_is(p->text, &la, "table") || dbt_token_is(p->text, &la, "index");
}

/* BEGIN [DEFERRED | IMMEDIATE | EXCLUSIVE] [TRANSACTION], COMMIT, END
 * and START TRANSACTION: a dump's transaction, which means nothing in a
 * model (migrate and create-all run in transactions of their own). */
static int is_transaction_control(const struct parser *p)
{
	dbt_token la;

	if (is(p, "begin") || is(p, "commit") || is(p, "end"))
		return 1;
	if (!is(p, "start"))
		return 0;
	peek(p, &la);
	return dbt_token_is(p->text, &la, "transaction");
}

/* Skips such a statement to its ';', which skip_statement would not find:
 * it takes BEGIN and END for a block's. */
static int skip_transaction_control(struct parser *p)
{
	int rc;

	while (p->cur.tok.kind != DBT_TOK_END && !is(p, ";"))
		if ((rc = next(p)) < 0)
			return rc;
	return 0;
}

/*
 * 1 when the row statement at the current token (INSERT [OR ...] INTO,
 * REPLACE INTO, UPDATE [OR ...], DELETE FROM) is on sqlite_sequence,
 * SQLite's own table of AUTOINCREMENT counters, which .dump empties and
 * fills whenever it exists: the database keeps it, never the model.
 */
static int on_sqlite_sequence(const struct parser *p)
{
	dbt_lexer lx = p->cur.lx;
	dbt_token t;
	int i;

	for (i = 0; i < 4; i++) {
		if (dbt_lex_next(&lx, &t) < 0 || t.kind != DBT_TOK_WORD)
			return 0;
		if (dbt_token_is(p->text, &t, "sqlite_sequence"))
			return 1;
		if (!dbt_token_is(p->text, &t, "or") && !dbt_token_is(p->text, &t, "into") &&
		    !dbt_token_is(p->text, &t, "from") && !dbt_token_is(p->text, &t, "replace") &&
		    !dbt_token_is(p->text, &t, "ignore") && !dbt_token_is(p->text, &t, "abort") &&
		    !dbt_token_is(p->text, &t, "fail") && !dbt_token_is(p->text, &t, "rollback"))
			return 0;
	}
	return 0;
}

/* INSERT, REPLACE, UPDATE, DELETE: rows, which sqlite3's .dump writes
 * between its CREATE statements.  The model declares the schema alone:
 * its rows are refused where they start, rather than dropped unseen. */
static int rows_refused(struct parser *p, const dbt_token *first)
{
	dbt_buf b = DBT_BUF_INIT;
	int rc;

	put_upper(&b, p->text + first->start, first->len);
	rc = b.oom ? dbt_error_oom()
		   : fail_at(p, first->line, first->col,
			     "%s changes rows, which a model does not hold (it declares the "
			     "schema): take the rows out, or dump the schema alone (sqlite3's "
			     ".schema, pg_dump --schema-only)",
			     b.ptr);
	dbt_buf_release(&b);
	return rc;
}

/*
 * sqldef's rename hint on the line where CREATE INDEX ends, after it
 * ("CREATE INDEX b ON t (x); -- @renamed from=a"), up to where the next
 * statement starts on that line; the hint between the index's name and
 * ON is parse_index's.
 */
static int index_line_hint(struct parser *p, dbt_index *ix)
{
	size_t end = line_end(p, p->cur.prev_end);
	dbt_token la;

	if (!ix->name_given)
		return 0;
	if (is(p, ";")) {
		peek(p, &la);
		if (la.kind != DBT_TOK_END && la.start < end)
			end = la.start;
	} else if (p->cur.tok.kind != DBT_TOK_END && p->cur.tok.start < end) {
		end = p->cur.tok.start;
	}
	return take_trailing_hint(p, p->cur.prev_end, end, &ix->renamed_from, &ix->renamed_line,
				  &ix->renamed_col);
}

static int parse_statement(struct parser *p)
{
	dbt_token first = p->cur.tok;
	int rc;

	p->stmt_off = first.start;
	p->stmt_line = first.line;
	if (p->cur.tok.kind != DBT_TOK_WORD)
		return expected(p, "CREATE TABLE or CREATE INDEX");
	/* The session settings at the head of a pg_dump, and those of
	 * sqlite3's .dump (PRAGMA foreign_keys=OFF) with the transaction it
	 * wraps its statements in. */
	if (is(p, "set") || (is(p, "select") && is_set_config(p)) || is(p, "pragma"))
		return skip_statement(p);
	if (is_transaction_control(p))
		return skip_transaction_control(p);
	if (is(p, "insert") || is(p, "replace") || is(p, "update") || is(p, "delete"))
		return on_sqlite_sequence(p) ? skip_transaction_control(p)
					     : rows_refused(p, &first);
	/* mariadb-dump's LOCK TABLES ... WRITE and UNLOCK TABLES around a
	 * table's rows (TABLES: MariaDB's word alone). */
	if (is(p, "lock") || is(p, "unlock")) {
		dbt_token la;

		peek(p, &la);
		if (dbt_token_is(p->text, &la, "tables"))
			return skip_statement(p);
	}
	/* The client's DELIMITER ;; that mariadb-dump writes around its
	 * triggers. */
	if (is(p, "delimiter"))
		return fail_at(
			p, first.line, first.col,
			"DELIMITER, which mariadb-dump writes around triggers, is not read in "
			"a model: declare each trigger as a CREATE TRIGGER statement instead "
			"(dump with --skip-triggers)");
	if (is(p, "alter")) {
		if ((rc = next(p)) < 0)
			return rc;
		if (is(p, "table"))
			return (rc = next(p)) < 0 ? rc : parse_alter_table(p, &first);
		if (is(p, "sequence"))
			return (rc = next(p)) < 0 ? rc : parse_alter_sequence(p, &first);
		if (is_role_word(p))
			return (rc = next(p)) < 0 ? rc : parse_role(p, &first, 1, 0);
		if (is(p, "index") && is_attach_index(p)) {
			struct name n = {NULL, 0, 0, 0};

			if ((rc = next(p)) < 0 ||
			    (is(p, "if") &&
			     ((rc = next(p)) < 0 || (rc = expect(p, "exists", "EXISTS")) < 0)) ||
			    (rc = parse_object_name(p, &n, "an index name")) < 0)
				return rc;
			name_release(&n);
			return attach_index(p);
		}
		return parse_alter_other(p, &first);
	}
	if (is(p, "comment"))
		return (rc = next(p)) < 0 ? rc : parse_comment(p, &first);
	if (is(p, "drop") && drop_of_model(p))
		return (rc = next(p)) < 0 ? rc : parse_drop(p, &first);
	if (is(p, "grant") || is(p, "revoke"))
		return keep_statement(p, &first, is(p, "grant") ? "grant" : "revoke", NULL, NULL);
	if (!is(p, "create"))
		return unsupported(p, &p->cur.tok);
	if ((rc = next(p)) < 0)
		return rc;
	if (is(p, "table"))
		return (rc = next(p)) < 0 ? rc : parse_table(p);
	if (is(p, "unlogged")) {
		int line = p->cur.tok.line, col = p->cur.tok.col;
		size_t n = p->schema->ntables;

		if ((rc = next(p)) < 0 || (rc = expect(p, "table", "TABLE")) < 0 ||
		    (rc = parse_table(p)) < 0)
			return rc;
		/* A table SQLite keeps for itself is skipped: none added. */
		if (p->schema->ntables > n) {
			dbt_table *t = p->schema->tables[p->schema->ntables - 1];

			t->unlogged = 1;
			t->unlogged_line = line;
			t->unlogged_col = col;
		}
		return 0;
	}
	if (is(p, "index") || is(p, "unique")) {
		size_t n = p->schema->nindexes;
		int unique = is(p, "unique");

		if ((rc = next(p)) < 0 || (unique && (rc = expect(p, "index", "INDEX")) < 0) ||
		    (rc = parse_index(p, &first, unique)) < 0)
			return rc;
		return p->schema->nindexes > n ? index_line_hint(p, p->schema->indexes[n]) : 0;
	}
	/* MariaDB's and MySQL's FULLTEXT and SPATIAL indexes, as `dbtool
	 * inspect` prints them: the word is the index's method, as their
	 * reflection holds it. */
	if (is(p, "fulltext") || is(p, "spatial")) {
		const char *method = is(p, "fulltext") ? "fulltext" : "spatial";
		size_t n = p->schema->nindexes;

		if ((rc = next(p)) < 0 || (rc = expect(p, "index", "INDEX")) < 0 ||
		    (rc = parse_index(p, &first, 0)) < 0)
			return rc;
		if (p->schema->nindexes > n) {
			dbt_index *ix = p->schema->indexes[p->schema->nindexes - 1];

			free(ix->method);
			if (!(ix->method = strdup(method)))
				return dbt_error_oom();
		}
		return 0;
	}
	return parse_create_other(p, &first);
}

int dbt_parse_model(dbt_schema **out, const char *path, const char *text, size_t len)
{
	return dbt_parse_model_as(out, path, text, len, 0);
}

int dbt_parse_model_as(dbt_schema **out, const char *path, const char *text, size_t len,
		       unsigned flags)
{
	struct parser p;
	size_t i;
	int rc;

	*out = NULL;
	memset(&p, 0, sizeof(p));
	p.nocase = (flags & DBT_PARSE_NOCASE_NAMES) != 0;
	p.path = path;
	p.text = text;
	p.len = len;
	dbt_cursor_init(&p.cur, text, len);
	/* MariaDB's `name`, in names and expressions alike. */
	p.cur.backquotes = 1;
	/* mariadb-dump's views and triggers, which MariaDB runs from its
	 * conditional comments, are refused rather than skipped. */
	p.cur.lx.mysql_create = 1;
	if ((rc = dbt_schema_new(&p.schema)) < 0)
		goto cleanup;
	p.stmt_start = 1;
	if ((rc = next(&p)) < 0)
		goto cleanup;
	p.stmt_start = 0;
	while (p.cur.tok.kind != DBT_TOK_END) {
		if (is(&p, ";")) {
			p.stmt_start = 1;
			rc = next(&p);
			p.stmt_start = 0;
			if (rc < 0)
				goto cleanup;
			continue;
		}
		if ((rc = parse_statement(&p)) < 0)
			goto cleanup;
		if (p.cur.tok.kind != DBT_TOK_END && !is(&p, ";")) {
			rc = expected(&p, "';'");
			goto cleanup;
		}
	}
	if ((rc = resolve(&p)) < 0)
		goto cleanup;
	*out = p.schema;
	p.schema = NULL;
cleanup:
	dbt_schema_free(p.schema);
	dbt_schema_free(p.discard);
	free(p.refs);
	for (i = 0; i < p.nkept; i++)
		free(p.kept[i]);
	free(p.kept);
	for (i = 0; i < p.nseqs; i++) {
		free(p.seqs[i].name);
		free(p.seqs[i].owner_table);
		free(p.seqs[i].owner_column);
	}
	free(p.seqs);
	dbt_type_memo_release(&p.types);
	return rc;
}

int dbt_parse_model_file(dbt_schema **out, const char *path)
{
	return dbt_parse_model_file_as(out, path, 0);
}

int dbt_parse_model_file_as(dbt_schema **out, const char *path, unsigned flags)
{
	char *text = NULL;
	size_t len = 0;
	int rc;

	*out = NULL;
	if ((rc = dbt_fs_read(&text, &len, path)) < 0)
		return rc;
	rc = dbt_parse_model_as(out, path, text, len, flags);
	free(text);
	return rc;
}
