/*
 * reflect_sqlite_sql.c - the reader of the CREATE TABLE and CREATE INDEX
 * statements SQLite keeps as written, which is all that reflection reads
 * of a table or index (see reflect_sqlite.c): columns with their types as
 * SQLite keeps them, NOT NULL, defaults, quoted names, constraint names,
 * keys, CHECKs, DEFERRABLE, AUTOINCREMENT, COLLATE, generated columns,
 * table options, foreign keys and their actions, and the keys, collations
 * and WHERE clause of indexes.
 */
#include "reflect_sqlite_int.h"

#include "error.h"
#include "ident.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---------------------------------------------------------- stored SQL */

/* 1 when an array of a table's columns or an index's keys, grown only by
 * appending and to 8 then twice its count each time, is full at `n`
 * items: thousands of tables then cost a few reallocations each, not one
 * per item. */
static int full(size_t n)
{
	return n == 0 || (n >= 8 && !(n & (n - 1)));
}

/*
 * A reader of one stored CREATE statement is the shared token cursor with
 * SQLite's other identifier quotes on: [name] and `name` come out as
 * DBT_TOK_QUOTED tokens, `quote` telling which.
 */
int rd_init(dbt_cursor *r, const char *text, size_t len)
{
	dbt_cursor_init(r, text, len);
	r->sqlite_quotes = 1;
	return dbt_cursor_next(r);
}

/* Reads a name into `*folded` (lower-cased when it was not quoted, as the
 * model parser folds it) and, when `stored` is not NULL, into `*stored` as
 * SQLite keeps it.  SQLite also takes a 'string' as a name. */
int rd_name(dbt_cursor *r, char **folded, char **stored, const char *what)
{
	const char *s = r->text + r->tok.start;
	size_t n = r->tok.len, i, o = 0;
	char *v, q;
	int fold = 0;

	*folded = NULL;
	if (stored)
		*stored = NULL;
	if (r->tok.kind == DBT_TOK_WORD) {
		fold = 1;
		v = strndup(s, n);
	} else if (r->tok.kind == DBT_TOK_QUOTED ||
		   (r->tok.kind == DBT_TOK_STRING && s[0] == '\'')) {
		q = r->tok.kind == DBT_TOK_STRING ? '\'' : r->quote == '[' ? ']' : r->quote;
		v = malloc(n);
		for (i = 1; v && i + 1 < n; i++) {
			v[o++] = s[i];
			if (s[i] == q && q != ']')
				i++;
		}
		if (v)
			v[o] = '\0';
	} else {
		return dbt_cursor_expected(r, what);
	}
	if (!v)
		return dbt_error_oom();
	if (stored && !(*stored = strdup(v))) {
		free(v);
		return dbt_error_oom();
	}
	for (i = 0; fold && v[i]; i++)
		v[i] = (char)dbt_ascii_lower((unsigned char)v[i]);
	*folded = v;
	return dbt_cursor_next(r);
}

/* A balanced "( ... )"; `*from`, `*to` receive the span inside. */
static int rd_parens(dbt_cursor *r, size_t *from, size_t *to)
{
	int depth = 1, rc;

	if ((rc = dbt_cursor_expect(r, "(", "'('")) < 0)
		return rc;
	*from = r->tok.start;
	*to = *from;
	for (;;) {
		if (r->tok.kind == DBT_TOK_END)
			return dbt_cursor_expected(r, "')'");
		if (dbt_cursor_is(r, "("))
			depth++;
		else if (dbt_cursor_is(r, ")") && --depth == 0)
			break;
		if ((rc = dbt_cursor_next(r)) < 0)
			return rc;
		*to = r->prev_end;
	}
	return dbt_cursor_next(r);
}

/* [ON CONFLICT resolution] after a constraint, into `*out` (NONE
 * without one) unless `out` is NULL. */
static int rd_conflict(dbt_cursor *r, dbt_conflict *out)
{
	dbt_conflict c = DBT_CONFLICT_NONE;
	int rc;

	if (out)
		*out = DBT_CONFLICT_NONE;
	if (!dbt_cursor_is(r, "on"))
		return 0;
	if ((rc = dbt_cursor_next(r)) < 0 ||
	    (rc = dbt_cursor_expect(r, "conflict", "CONFLICT")) < 0)
		return rc;
	if (r->tok.kind == DBT_TOK_WORD)
		c = dbt_conflict_from_word(r->text + r->tok.start, r->tok.len);
	if (c == DBT_CONFLICT_NONE)
		return dbt_cursor_expected(r, "ROLLBACK, ABORT, FAIL, IGNORE or REPLACE");
	if (out)
		*out = c;
	return dbt_cursor_next(r);
}

/*
 * `len` bytes of an expression with SQLite's [name] and `name` quotes
 * rewritten as "name", the only quotes the expression normaliser knows, in
 * `*out` (caller frees).  Text that does not tokenize is left as it is for
 * the normaliser to report.
 */
int std_quotes(char **out, const char *text, size_t len)
{
	dbt_cursor r;
	dbt_buf b = DBT_BUF_INIT;
	size_t at = 0, i;
	int rc;

	for (rc = rd_init(&r, text, len); rc == 0 && r.tok.kind != DBT_TOK_END;
	     rc = dbt_cursor_next(&r)) {
		const char *s = text + r.tok.start;

		if (r.tok.kind != DBT_TOK_QUOTED || r.quote == '"')
			continue;
		dbt_buf_put(&b, text + at, r.tok.start - at);
		dbt_buf_putc(&b, '"');
		for (i = 1; i + 1 < r.tok.len; i++) {
			if (s[i] == '"')
				dbt_buf_putc(&b, '"');
			dbt_buf_putc(&b, s[i]);
			if (r.quote == '`' && s[i] == '`')
				i++;
		}
		dbt_buf_putc(&b, '"');
		at = r.tok.start + r.tok.len;
	}
	if (rc < 0)
		dbt_error_clear();
	dbt_buf_put(&b, text + at, len - at);
	if (!(*out = dbt_buf_detach(&b)))
		return dbt_error_oom();
	return 0;
}

/* A CHECK on the expression at `from`..`to` of `text`. */
static int add_check(dbt_table *t, const char *name, const char *text, size_t from, size_t to)
{
	dbt_check *check;
	char *expr;
	int rc;

	if ((rc = std_quotes(&expr, text + from, to - from)) < 0)
		return rc;
	rc = dbt_table_add_check(&check, t, name, expr, strlen(expr));
	free(expr);
	return rc;
}

static int words_in(const dbt_cursor *r, const char *const *words, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (dbt_cursor_is(r, words[i]))
			return 1;
	return 0;
}

static int column_constraint_word(const dbt_cursor *r)
{
	static const char *const words[] = {"constraint", "primary",   "not",	  "null",
					    "unique",	  "check",     "default", "collate",
					    "references", "generated", "as"};

	return r->tok.kind == DBT_TOK_WORD && words_in(r, words, sizeof(words) / sizeof(words[0]));
}

static int table_constraint_word(const dbt_cursor *r)
{
	static const char *const words[] = {"constraint", "primary", "unique", "check", "foreign"};

	return r->tok.kind == DBT_TOK_WORD && words_in(r, words, sizeof(words) / sizeof(words[0]));
}

/* The declared column SQLite would match `name` (as written or folded)
 * with; NULL when none. */
static dbt_column *def_column(const struct tdef *d, const char *name)
{
	size_t i;

	for (i = 0; i < d->t->ncolumns; i++)
		if (!dbt_name_casecmp(d->t->columns[i]->name, name))
			return d->t->columns[i];
	return NULL;
}

/* An action after ON DELETE or ON UPDATE, into `*out`, past its last
 * word. */
static int rd_action(dbt_cursor *r, dbt_fk_action *out)
{
	int rc;

	if (dbt_cursor_is(r, "cascade")) {
		*out = DBT_FK_CASCADE;
	} else if (dbt_cursor_is(r, "restrict")) {
		*out = DBT_FK_RESTRICT;
	} else if (dbt_cursor_is(r, "set")) {
		if ((rc = dbt_cursor_next(r)) < 0)
			return rc;
		if (dbt_cursor_is(r, "null"))
			*out = DBT_FK_SET_NULL;
		else if (dbt_cursor_is(r, "default"))
			*out = DBT_FK_SET_DEFAULT;
		else
			return dbt_cursor_expected(r, "NULL or DEFAULT");
	} else if (dbt_cursor_is(r, "no")) {
		if ((rc = dbt_cursor_next(r)) < 0)
			return rc;
		if (!dbt_cursor_is(r, "action"))
			return dbt_cursor_expected(r, "ACTION");
		*out = DBT_FK_NO_ACTION;
	} else {
		return dbt_cursor_expected(r, "a foreign key action");
	}
	return dbt_cursor_next(r);
}

/* REFERENCES has been read. */
static int rd_references(dbt_cursor *r, dbt_fk *fk)
{
	char *name = NULL;
	int not_deferrable = 0, rc;

	if ((rc = rd_name(r, &fk->ref_table, NULL, "a table name")) < 0)
		return rc;
	if (dbt_cursor_is(r, "(")) {
		fk->ref_columns_given = 1;
		if ((rc = dbt_cursor_next(r)) < 0)
			return rc;
		for (;;) {
			if ((rc = rd_name(r, &name, NULL, "a column name")) < 0 ||
			    (rc = dbt_fk_add_ref_column(fk, name)) < 0)
				goto cleanup;
			free(name);
			name = NULL;
			if (dbt_cursor_is(r, ")"))
				break;
			if ((rc = dbt_cursor_expect(r, ",", "',' or ')'")) < 0)
				goto cleanup;
		}
		if ((rc = dbt_cursor_next(r)) < 0)
			goto cleanup;
	}
	for (;;) {
		if (dbt_cursor_is(r, "on")) {
			dbt_fk_action *action;

			if ((rc = dbt_cursor_next(r)) < 0)
				goto cleanup;
			if (!dbt_cursor_is(r, "delete") && !dbt_cursor_is(r, "update")) {
				rc = dbt_cursor_expected(r, "DELETE or UPDATE");
				goto cleanup;
			}
			action = dbt_cursor_is(r, "delete") ? &fk->on_delete : &fk->on_update;
			if ((rc = dbt_cursor_next(r)) < 0 || (rc = rd_action(r, action)) < 0)
				goto cleanup;
			/* The last ON DELETE or ON UPDATE holds, as in SQLite. */
			continue;
		} else if (dbt_cursor_is(r, "match")) {
			/* pragma_foreign_key_list says NONE whatever the SQL says. */
			if ((rc = dbt_cursor_next(r)) < 0)
				goto cleanup;
			fk->match = dbt_cursor_is(r, "full")	  ? DBT_FK_MATCH_FULL
				    : dbt_cursor_is(r, "partial") ? DBT_FK_MATCH_PARTIAL
								  : DBT_FK_MATCH_SIMPLE;
		} else if (dbt_cursor_is(r, "not")) {
			if ((rc = dbt_cursor_next(r)) < 0)
				goto cleanup;
			if (!dbt_cursor_is(r, "deferrable")) {
				rc = dbt_cursor_expected(r, "DEFERRABLE");
				goto cleanup;
			}
			not_deferrable = 1;
			fk->deferrable = 0;
			fk->initially_deferred = 0;
		} else if (dbt_cursor_is(r, "deferrable")) {
			fk->deferrable = 1;
		} else if (dbt_cursor_is(r, "initially")) {
			if ((rc = dbt_cursor_next(r)) < 0)
				goto cleanup;
			if (dbt_cursor_is(r, "deferred") && !not_deferrable) {
				fk->initially_deferred = 1;
				fk->deferrable = 1;
			} else if (!dbt_cursor_is(r, "deferred") &&
				   !dbt_cursor_is(r, "immediate")) {
				rc = dbt_cursor_expected(r, "DEFERRED or IMMEDIATE");
				goto cleanup;
			}
		} else {
			break;
		}
		if ((rc = dbt_cursor_next(r)) < 0)
			goto cleanup;
	}
	rc = 0;
cleanup:
	free(name);
	return rc;
}

/* "(col [COLLATE x] [ASC|DESC], ...)" of a primary key or unique
 * constraint, added to `key` by the names of the declared columns. */
static int rd_key_columns(dbt_cursor *r, const struct tdef *d, dbt_unique *key)
{
	char *name = NULL, *stored = NULL, *coll = NULL;
	const dbt_column *c;
	int rc;

	if ((rc = dbt_cursor_expect(r, "(", "'('")) < 0)
		return rc;
	for (;;) {
		if ((rc = rd_name(r, &name, &stored, "a column name")) < 0)
			goto cleanup;
		if (!(c = def_column(d, stored))) {
			rc = dbt_error_set(DBT_EPARSE, "unknown column '%s' in a key", stored);
			goto cleanup;
		}
		if (dbt_cursor_is(r, "collate") &&
		    ((rc = dbt_cursor_next(r)) < 0 ||
		     (rc = rd_name(r, &coll, NULL, "a collation name")) < 0))
			goto cleanup;
		if ((dbt_cursor_is(r, "asc") || dbt_cursor_is(r, "desc")) &&
		    (rc = dbt_cursor_next(r)) < 0)
			goto cleanup;
		/* A collation of the key's own is kept as written, as the
		 * model keeps it. */
		if ((rc = dbt_unique_add_column(key, c->name)) < 0 ||
		    (coll && (rc = dbt_unique_set_collation(key, key->ncolumns - 1, coll)) < 0))
			goto cleanup;
		free(name);
		free(stored);
		free(coll);
		name = stored = coll = NULL;
		if (dbt_cursor_is(r, ")"))
			break;
		if ((rc = dbt_cursor_expect(r, ",", "',' or ')'")) < 0)
			goto cleanup;
	}
	rc = dbt_cursor_next(r);
cleanup:
	free(name);
	free(stored);
	free(coll);
	return rc;
}

/* PRIMARY KEY, UNIQUE, CHECK or FOREIGN KEY, maybe after CONSTRAINT. */
static int rd_table_constraint(dbt_cursor *r, struct tdef *d)
{
	char *cname = NULL, *name = NULL, *stored = NULL;
	dbt_unique *key;
	dbt_fk *fk;
	size_t from, to;
	int rc;

	if (dbt_cursor_is(r, "constraint")) {
		if ((rc = dbt_cursor_next(r)) < 0 ||
		    (rc = rd_name(r, &cname, NULL, "a constraint name")) < 0)
			goto cleanup;
	}
	if (dbt_cursor_is(r, "primary")) {
		if ((rc = dbt_cursor_next(r)) < 0 ||
		    (rc = dbt_cursor_expect(r, "key", "KEY")) < 0 ||
		    (rc = dbt_table_set_pk(&key, d->t, cname)) < 0 ||
		    (rc = rd_key_columns(r, d, key)) < 0)
			goto cleanup;
		rc = rd_conflict(r, &key->conflict);
	} else if (dbt_cursor_is(r, "unique")) {
		if ((rc = dbt_cursor_next(r)) < 0 ||
		    (rc = dbt_table_add_unique(&key, d->t, cname)) < 0 ||
		    (rc = rd_key_columns(r, d, key)) < 0)
			goto cleanup;
		rc = rd_conflict(r, &key->conflict);
	} else if (dbt_cursor_is(r, "check")) {
		if ((rc = dbt_cursor_next(r)) < 0 || (rc = rd_parens(r, &from, &to)) < 0 ||
		    (rc = add_check(d->t, cname, r->text, from, to)) < 0)
			goto cleanup;
		rc = rd_conflict(r, &d->t->checks[d->t->nchecks - 1]->conflict);
	} else if (dbt_cursor_is(r, "foreign")) {
		const dbt_column *c;

		if ((rc = dbt_cursor_next(r)) < 0 ||
		    (rc = dbt_cursor_expect(r, "key", "KEY")) < 0 ||
		    (rc = dbt_table_add_fk(&fk, d->t, cname, NULL)) < 0 ||
		    (rc = dbt_cursor_expect(r, "(", "'('")) < 0)
			goto cleanup;
		for (;;) {
			if ((rc = rd_name(r, &name, &stored, "a column name")) < 0)
				goto cleanup;
			if (!(c = def_column(d, stored))) {
				rc = dbt_error_set(DBT_EPARSE,
						   "unknown column '%s' in a foreign key", stored);
				goto cleanup;
			}
			if ((rc = dbt_fk_add_column(fk, c->name)) < 0)
				goto cleanup;
			free(name);
			free(stored);
			name = stored = NULL;
			if (dbt_cursor_is(r, ")"))
				break;
			if ((rc = dbt_cursor_expect(r, ",", "',' or ')'")) < 0)
				goto cleanup;
		}
		if ((rc = dbt_cursor_next(r)) < 0 ||
		    (rc = dbt_cursor_expect(r, "references", "REFERENCES")) < 0)
			goto cleanup;
		rc = rd_references(r, fk);
	} else {
		rc = dbt_cursor_expected(r, "PRIMARY KEY, UNIQUE, CHECK or FOREIGN KEY");
	}
cleanup:
	free(cname);
	free(name);
	free(stored);
	return rc;
}

/* `from`..`to` of `text` without the white space around it (SQLite's
 * sqlite3DbSpanDup), in `*out`. */
static void span_trim(struct span *out, const char *text, size_t from, size_t to)
{
	while (from < to && strchr(" \t\n\r\f", text[from]))
		from++;
	while (to > from && strchr(" \t\n\r\f", text[to - 1]))
		to--;
	out->at = text + from;
	out->len = to - from;
}

/* DEFAULT has been read: a parenthesised expression or one signed
 * literal or word, whose text goes into `*out` as SQLite keeps it for
 * pragma_table_xinfo's dflt_value (inside the parentheses; the sign and
 * its literal; the literal or word as written). */
static int rd_default(dbt_cursor *r, struct span *out)
{
	size_t from, to;
	int rc;

	if (dbt_cursor_is(r, "(")) {
		if ((rc = rd_parens(r, &from, &to)) < 0)
			return rc;
		span_trim(out, r->text, from, to);
		return 0;
	}
	from = r->tok.start;
	if ((dbt_cursor_is(r, "-") || dbt_cursor_is(r, "+")) && (rc = dbt_cursor_next(r)) < 0)
		return rc;
	if (r->tok.kind == DBT_TOK_END || r->tok.kind == DBT_TOK_PUNCT || r->tok.kind == DBT_TOK_OP)
		return dbt_cursor_expected(r, "a default value");
	if ((rc = dbt_cursor_next(r)) < 0)
		return rc;
	span_trim(out, r->text, from, r->prev_end);
	return 0;
}

/* The declared type `from`..`to` of `text` as SQLite keeps it
 * (sqlite3AddColumn): a type of three characters or more that is one
 * quoted token loses its quotes, and ANY, BLOB, INT, INTEGER, REAL and
 * TEXT, in any case, are kept in upper case.  `at` NULL for none. */
static void column_type(struct span *out, const char *text, size_t from, size_t to)
{
	static const char *const std[] = {"ANY", "BLOB", "INT", "INTEGER", "REAL", "TEXT"};
	size_t n = to - from, i;

	out->at = NULL;
	out->len = 0;
	if (n >= 3 && strchr("\"'`[", text[from])) {
		for (i = from + 1; i < to - 1 && !strchr("\"'`[", text[i]); i++)
			;
		if (i == to - 1) {
			from++;
			to--;
			n -= 2;
		}
	}
	for (i = 0; i < sizeof(std) / sizeof(std[0]); i++)
		if (n == strlen(std[i]) && !strncasecmp(text + from, std[i], n)) {
			out->at = std[i];
			out->len = n;
			return;
		}
	if (n) {
		out->at = text + from;
		out->len = n;
	}
}

/* A column definition: name, type, column constraints. */
static int rd_column(dbt_cursor *r, struct tdef *d)
{
	static const dbt_type none = DBT_TYPE_INIT(DBT_TYPE_NONE);
	char *name = NULL, *stored = NULL, *cname = NULL;
	struct tcol *v;
	dbt_cursor at = *r; /* the name, read again for a message */
	dbt_type ty;
	dbt_column *c;
	dbt_unique *key;
	dbt_fk *fk;
	dbt_conflict conflict;
	size_t from, to, tfrom, tto;
	int rc;

	if ((rc = rd_name(r, &name, NULL, "a column name")) < 0)
		goto cleanup;
	if (def_column(d, name)) {
		free(name);
		name = NULL;
		/* The message names it as SQLite keeps it. */
		if ((rc = rd_name(&at, &name, &stored, "a column name")) == 0)
			rc = dbt_error_set(DBT_EPARSE, "duplicate column '%s'", stored);
		goto cleanup;
	}
	ty = none;
	if ((rc = dbt_table_add_column_take(&c, d->t, &name, dbt_ident_needs_quotes(name), &ty)) <
	    0)
		goto cleanup;
	if (full(d->ncols)) {
		if (!(v = realloc(d->cols, (d->ncols ? 2 * d->ncols : 8) * sizeof(*v)))) {
			rc = dbt_error_oom();
			goto cleanup;
		}
		d->cols = v;
	}
	memset(&d->cols[d->ncols++], 0, sizeof(*d->cols));
	/* The type: any words and parenthesised numbers up to a constraint. */
	tfrom = tto = r->tok.start;
	while ((r->tok.kind == DBT_TOK_WORD && !column_constraint_word(r)) ||
	       r->tok.kind == DBT_TOK_QUOTED || r->tok.kind == DBT_TOK_STRING ||
	       dbt_cursor_is(r, "(")) {
		if (dbt_cursor_is(r, "("))
			rc = rd_parens(r, &from, &to);
		else
			rc = dbt_cursor_next(r);
		if (rc < 0)
			goto cleanup;
		tto = r->prev_end;
	}
	column_type(&d->cols[d->ncols - 1].decl, r->text, tfrom, tto);
	for (;;) {
		if (dbt_cursor_is(r, "constraint")) {
			free(cname);
			cname = NULL;
			if ((rc = dbt_cursor_next(r)) < 0 ||
			    (rc = rd_name(r, &cname, NULL, "a constraint name")) < 0)
				goto cleanup;
			continue;
		}
		if (dbt_cursor_is(r, "primary")) {
			if ((rc = dbt_cursor_next(r)) < 0 ||
			    (rc = dbt_cursor_expect(r, "key", "KEY")) < 0)
				goto cleanup;
			/* "INTEGER PRIMARY KEY DESC" is no rowid alias, which
			 * decides whether the key has an index. */
			if (dbt_cursor_is(r, "desc"))
				d->pk_desc = 1;
			if ((dbt_cursor_is(r, "asc") || dbt_cursor_is(r, "desc")) &&
			    (rc = dbt_cursor_next(r)) < 0)
				goto cleanup;
			if ((rc = rd_conflict(r, &conflict)) < 0 ||
			    (rc = dbt_table_set_pk(&key, d->t, cname)) < 0 ||
			    (rc = dbt_unique_add_column(key, c->name)) < 0)
				goto cleanup;
			key->conflict = conflict;
			if (dbt_cursor_is(r, "autoincrement")) {
				c->autoincrement = 1;
				rc = dbt_cursor_next(r);
			}
		} else if (dbt_cursor_is(r, "not")) {
			if ((rc = dbt_cursor_next(r)) < 0 ||
			    (rc = dbt_cursor_expect(r, "null", "NULL")) < 0)
				goto cleanup;
			dbt_conflict conflict = DBT_CONFLICT_NONE;

			c->not_null = 1;
			rc = rd_conflict(r, &conflict);
			c->not_null_conflict = conflict;
		} else if (dbt_cursor_is(r, "null")) {
			if ((rc = dbt_cursor_next(r)) < 0)
				goto cleanup;
			rc = rd_conflict(r, NULL);
		} else if (dbt_cursor_is(r, "unique")) {
			if ((rc = dbt_cursor_next(r)) < 0 || (rc = rd_conflict(r, &conflict)) < 0 ||
			    (rc = dbt_table_add_unique(&key, d->t, cname)) < 0)
				goto cleanup;
			key->conflict = conflict;
			rc = dbt_unique_add_column(key, c->name);
		} else if (dbt_cursor_is(r, "check")) {
			if ((rc = dbt_cursor_next(r)) < 0 || (rc = rd_parens(r, &from, &to)) < 0 ||
			    (rc = add_check(d->t, cname, r->text, from, to)) < 0)
				goto cleanup;
			rc = rd_conflict(r, &d->t->checks[d->t->nchecks - 1]->conflict);
		} else if (dbt_cursor_is(r, "default")) {
			if ((rc = dbt_cursor_next(r)) < 0)
				goto cleanup;
			rc = rd_default(r, &d->cols[d->ncols - 1].dflt);
		} else if (dbt_cursor_is(r, "collate")) {
			char *coll = NULL;

			if ((rc = dbt_cursor_next(r)) < 0 ||
			    (rc = rd_name(r, &coll, NULL, "a collation name")) < 0)
				goto cleanup;
			rc = dbt_column_set_collation(c, coll);
			free(coll);
		} else if (dbt_cursor_is(r, "references")) {
			if ((rc = dbt_cursor_next(r)) < 0 ||
			    (rc = dbt_table_add_fk(&fk, d->t, cname, NULL)) < 0 ||
			    (rc = dbt_fk_add_column(fk, c->name)) < 0)
				goto cleanup;
			rc = rd_references(r, fk);
		} else if (dbt_cursor_is(r, "generated") || dbt_cursor_is(r, "as")) {
			/* The expression as written, VIRTUAL unless STORED. */
			char *expr = NULL;

			if (dbt_cursor_is(r, "generated") &&
			    ((rc = dbt_cursor_next(r)) < 0 ||
			     (rc = dbt_cursor_expect(r, "always", "ALWAYS")) < 0))
				goto cleanup;
			if ((rc = dbt_cursor_expect(r, "as", "AS")) < 0 ||
			    (rc = rd_parens(r, &from, &to)) < 0 ||
			    (rc = std_quotes(&expr, r->text + from, to - from)) < 0)
				goto cleanup;
			rc = dbt_column_set_generated(c, expr, strlen(expr), 0);
			free(expr);
			if (rc < 0)
				goto cleanup;
			c->generated_stored = dbt_cursor_is(r, "stored");
			if (dbt_cursor_is(r, "stored") || dbt_cursor_is(r, "virtual"))
				rc = dbt_cursor_next(r);
		} else {
			break;
		}
		if (rc < 0)
			goto cleanup;
		free(cname);
		cname = NULL;
	}
	if (!dbt_cursor_is(r, ",") && !dbt_cursor_is(r, ")"))
		rc = dbt_cursor_expected(r, "a column constraint, ',' or ')'");
cleanup:
	free(name);
	free(stored);
	free(cname);
	return rc;
}

/* Reads the stored CREATE TABLE `sql` into a new table of `scratch`. */
int read_table_sql(struct tdef *d, dbt_schema *scratch, const char *sql)
{
	dbt_cursor r;
	char *name = NULL;
	int constraints = 0, rc;

	if ((rc = rd_init(&r, sql, strlen(sql))) < 0 ||
	    (rc = dbt_cursor_expect(&r, "create", "CREATE")) < 0)
		goto cleanup;
	if ((dbt_cursor_is(&r, "temp") || dbt_cursor_is(&r, "temporary")) &&
	    (rc = dbt_cursor_next(&r)) < 0)
		goto cleanup;
	if ((rc = dbt_cursor_expect(&r, "table", "TABLE")) < 0)
		goto cleanup;
	if (dbt_cursor_is(&r, "if")) {
		if ((rc = dbt_cursor_next(&r)) < 0 ||
		    (rc = dbt_cursor_expect(&r, "not", "NOT")) < 0 ||
		    (rc = dbt_cursor_expect(&r, "exists", "EXISTS")) < 0)
			goto cleanup;
	}
	if ((rc = rd_name(&r, &name, NULL, "a table name")) < 0)
		goto cleanup;
	if (dbt_cursor_is(&r, ".")) {
		free(name);
		name = NULL;
		if ((rc = dbt_cursor_next(&r)) < 0 ||
		    (rc = rd_name(&r, &name, NULL, "a table name")) < 0)
			goto cleanup;
	}
	if ((rc = dbt_schema_add_table(&d->t, scratch, name, dbt_ident_needs_quotes(name))) < 0 ||
	    (rc = dbt_cursor_expect(&r, "(", "'('")) < 0)
		goto cleanup;
	for (;;) {
		if (table_constraint_word(&r)) {
			constraints = 1;
			rc = rd_table_constraint(&r, d);
		} else if (!constraints) {
			rc = rd_column(&r, d);
		} else {
			rc = dbt_cursor_expected(&r, "a table constraint");
		}
		if (rc < 0)
			goto cleanup;
		if (dbt_cursor_is(&r, ")"))
			break;
		/* SQLite lets table constraints go without a comma between. */
		if (constraints && table_constraint_word(&r))
			continue;
		if ((rc = dbt_cursor_expect(&r, ",", "',' or ')'")) < 0)
			goto cleanup;
	}
	if ((rc = dbt_cursor_next(&r)) < 0)
		goto cleanup;
	/* Table options: WITHOUT ROWID, STRICT. */
	while (r.tok.kind != DBT_TOK_END) {
		if (!dbt_cursor_is(&r, "without") && !dbt_cursor_is(&r, "rowid") &&
		    !dbt_cursor_is(&r, "strict") && !dbt_cursor_is(&r, ",") &&
		    !dbt_cursor_is(&r, ";")) {
			rc = dbt_cursor_expected(&r, "WITHOUT ROWID, STRICT or the end");
			goto cleanup;
		}
		if (dbt_cursor_is(&r, "rowid"))
			d->without_rowid = 1;
		if (dbt_cursor_is(&r, "strict"))
			d->strict = 1;
		if ((rc = dbt_cursor_next(&r)) < 0)
			goto cleanup;
	}
	rc = 0;
cleanup:
	free(name);
	return rc;
}

void tdef_release(struct tdef *d)
{
	free(d->cols);
	memset(d, 0, sizeof(*d));
}

void idef_release(struct idef *d)
{
	size_t i;

	free(d->name);
	for (i = 0; i < d->nelems; i++)
		free(d->elems[i].coll);
	free(d->elems);
	memset(d, 0, sizeof(*d));
}

static int rd_index_elem(dbt_cursor *r, struct idef *d)
{
	struct ielem e = {r->tok.start, r->tok.start, 0, 0, 0, NULL}, *v;
	int depth = 0, rc;

	for (;;) {
		if (r->tok.kind == DBT_TOK_END)
			return dbt_cursor_expected(r, "')'");
		if (depth == 0 && (dbt_cursor_is(r, ",") || dbt_cursor_is(r, ")") ||
				   dbt_cursor_is(r, "collate") || dbt_cursor_is(r, "asc") ||
				   dbt_cursor_is(r, "desc")))
			break;
		if (dbt_cursor_is(r, "("))
			depth++;
		else if (dbt_cursor_is(r, ")"))
			depth--;
		if ((rc = dbt_cursor_next(r)) < 0)
			return rc;
		e.to = r->prev_end;
	}
	if (e.to == e.from)
		return dbt_cursor_expected(r, "a column or expression");
	if (dbt_cursor_is(r, "collate")) {
		e.collate = 1;
		if ((rc = dbt_cursor_next(r)) < 0 ||
		    (rc = rd_name(r, &e.coll, NULL, "a collation name")) < 0)
			goto fail;
	}
	e.cto = e.collate ? r->prev_end : e.to;
	if (dbt_cursor_is(r, "desc"))
		e.desc = 1;
	if ((dbt_cursor_is(r, "asc") || dbt_cursor_is(r, "desc")) && (rc = dbt_cursor_next(r)) < 0)
		goto fail;
	if (full(d->nelems)) {
		if (!(v = realloc(d->elems, (d->nelems ? 2 * d->nelems : 8) * sizeof(*v)))) {
			rc = dbt_error_oom();
			goto fail;
		}
		d->elems = v;
	}
	d->elems[d->nelems++] = e;
	return 0;
fail:
	free(e.coll);
	return rc;
}

/* Reads a stored CREATE INDEX. */
int read_index_sql(struct idef *d, const char *sql)
{
	dbt_cursor rd, *r = &rd;
	char *skip = NULL;
	int rc;

	memset(d, 0, sizeof(*d));
	if ((rc = rd_init(r, sql, strlen(sql))) < 0 ||
	    (rc = dbt_cursor_expect(r, "create", "CREATE")) < 0)
		goto cleanup;
	if (dbt_cursor_is(r, "unique")) {
		d->unique = 1;
		if ((rc = dbt_cursor_next(r)) < 0)
			goto cleanup;
	}
	if ((rc = dbt_cursor_expect(r, "index", "INDEX")) < 0)
		goto cleanup;
	if (dbt_cursor_is(r, "if")) {
		if ((rc = dbt_cursor_next(r)) < 0 ||
		    (rc = dbt_cursor_expect(r, "not", "NOT")) < 0 ||
		    (rc = dbt_cursor_expect(r, "exists", "EXISTS")) < 0)
			goto cleanup;
	}
	if ((rc = rd_name(r, &d->name, NULL, "an index name")) < 0)
		goto cleanup;
	if (dbt_cursor_is(r, ".")) {
		free(d->name);
		d->name = NULL;
		if ((rc = dbt_cursor_next(r)) < 0 ||
		    (rc = rd_name(r, &d->name, NULL, "an index name")) < 0)
			goto cleanup;
	}
	if ((rc = dbt_cursor_expect(r, "on", "ON")) < 0 ||
	    (rc = rd_name(r, &skip, NULL, "a table name")) < 0 ||
	    (rc = dbt_cursor_expect(r, "(", "'('")) < 0)
		goto cleanup;
	for (;;) {
		if ((rc = rd_index_elem(r, d)) < 0)
			goto cleanup;
		if (dbt_cursor_is(r, ")"))
			break;
		if ((rc = dbt_cursor_expect(r, ",", "',' or ')'")) < 0)
			goto cleanup;
	}
	if ((rc = dbt_cursor_next(r)) < 0)
		goto cleanup;
	if (dbt_cursor_is(r, "where")) {
		if ((rc = dbt_cursor_next(r)) < 0)
			goto cleanup;
		d->has_where = 1;
		d->where_from = d->where_to = r->tok.start;
		while (r->tok.kind != DBT_TOK_END && !dbt_cursor_is(r, ";")) {
			if ((rc = dbt_cursor_next(r)) < 0)
				goto cleanup;
			d->where_to = r->prev_end;
		}
		if (d->where_to == d->where_from) {
			rc = dbt_cursor_expected(r, "an expression");
			goto cleanup;
		}
	}
	if (r->tok.kind != DBT_TOK_END && !dbt_cursor_is(r, ";"))
		rc = dbt_cursor_expected(r, "WHERE or the end");
cleanup:
	free(skip);
	return rc;
}
