/*
 * render_adapt.c - a model made to fit one dialect (render.h): the
 * adaptation of a parsed model to what the dialect stores
 * (dbt_schema_adapt), a reflected schema translated from one dialect to
 * another (dbt_schema_translate), and the refusal of SQLite's ON CONFLICT
 * where a dialect has none.  The auto-increment rule that both end with
 * stays in render.c, beside the column rendering it shares.
 */
#include "render.h"

#include "dialect.h"
#include "error.h"
#include "expr.h"
#include "ident.h"
#include "lex.h"
#include "render_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int unsupported_kind(void)
{
	return dbt_error_set(DBT_ERROR, "unsupported database kind");
}

/*
 * `*expr` with each MariaDB `name` written as the "name" the other
 * databases read: a model that `dbtool inspect` wrote of a MariaDB
 * database holds its expressions in MariaDB's words.  A name is what the
 * lexer reads as one (a token that begins with the backtick), so a
 * PostgreSQL operator with a backtick in it (||`) stays an operator, and
 * strings and "names" are passed by whole.  An expression the lexer cannot
 * read is left as it is: the parser read it, so it holds no name left open.
 */
static int unbacktick(char **expr)
{
	dbt_buf b = DBT_BUF_INIT;
	dbt_cursor c;
	size_t at = 0;
	int rc, any = 0;

	if (!*expr || !strchr(*expr, '`'))
		return 0;
	dbt_cursor_init(&c, *expr, strlen(*expr));
	c.backquotes = 1;
	for (rc = dbt_cursor_next(&c); rc == 0 && c.tok.kind != DBT_TOK_END;
	     rc = dbt_cursor_next(&c)) {
		const char *s = *expr + c.tok.start;

		/* An empty `` names nothing (the normalizer leaves it as it
		 * is, as it may be a PostgreSQL operator): made "", it would
		 * be an empty name, which no database reads. */
		if (c.tok.kind != DBT_TOK_QUOTED || c.quote != '`' || c.tok.len <= 2)
			continue;
		dbt_buf_put(&b, *expr + at, c.tok.start - at);
		dbt_expr_put_std_name(&b, s, c.tok.len, '`');
		at = c.tok.start + c.tok.len;
		any = 1;
	}
	if (rc < 0 || !any) {
		if (rc < 0)
			dbt_error_clear();
		dbt_buf_release(&b);
		return 0;
	}
	dbt_buf_puts(&b, *expr + at);
	if (b.oom) {
		dbt_buf_release(&b);
		return dbt_error_oom();
	}
	free(*expr);
	*expr = dbt_buf_detach(&b);
	return *expr ? 0 : dbt_error_oom();
}

/* Every expression of `schema` through unbacktick(). */
static int unbacktick_schema(dbt_schema *schema)
{
	size_t i, k;
	int rc = 0;

	for (i = 0; i < schema->ntables && rc == 0; i++) {
		dbt_table *t = schema->tables[i];

		for (k = 0; k < t->ncolumns && rc == 0; k++)
			if ((rc = unbacktick(&t->columns[k]->default_expr)) == 0)
				rc = unbacktick(&t->columns[k]->generated_expr);
		for (k = 0; k < t->nchecks && rc == 0; k++)
			rc = unbacktick(&t->checks[k]->expr);
	}
	for (i = 0; i < schema->nindexes && rc == 0; i++) {
		dbt_index *ix = schema->indexes[i];

		for (k = 0; k < ix->nelems && rc == 0; k++)
			rc = unbacktick(&ix->elems[k].expr);
		if (rc == 0)
			rc = unbacktick(&ix->where);
	}
	return rc;
}

/* The first place where `name` (of what the model writes at `line`,
 * `col`) names another schema: DBT_EPARSE "LINE:COL: schema 'S' is not
 * supported ...", on a database without schemas; 0 otherwise. */
static int refuse_qualifier(const char *name, int line, int col)
{
	const char *sep = name ? strchr(name, DBT_QUALIFIER) : NULL;

	if (!sep)
		return 0;
	return dbt_error_set(DBT_EPARSE,
			     "%d:%d: schema '%.*s' is not supported (the model holds the objects "
			     "of schema 'public')",
			     line, col, (int)(sep - name), name);
}

/* A model for a database without schemas names none but its own. */
static int refuse_schemas(const dbt_schema *schema)
{
	size_t i, k;
	int rc = 0;

	for (i = 0; i < schema->ntables && rc == 0; i++) {
		const dbt_table *t = schema->tables[i];

		rc = refuse_qualifier(t->name, t->line, t->col);
		for (k = 0; k < t->nfks && rc == 0; k++)
			rc = refuse_qualifier(t->fks[k]->ref_table, t->fks[k]->ref_line,
					      t->fks[k]->ref_col);
	}
	for (i = 0; i < schema->nindexes && rc == 0; i++)
		rc = refuse_qualifier(schema->indexes[i]->table, schema->indexes[i]->table_line,
				      schema->indexes[i]->table_col);
	return rc;
}

int dbt_schema_adapt(dbt_schema *schema, dbt_dialect_kind kind)
{
	const struct dbt_dialect *d = dbt_dialect_for(kind);
	int rc;

	if (!d)
		return unsupported_kind();
	if (!(d->caps & DBT_CAP_BACKTICK_NAMES) && (rc = unbacktick_schema(schema)) < 0)
		return rc;
	if (!(d->caps & DBT_CAP_SCHEMAS) && (rc = refuse_schemas(schema)) < 0)
		return rc;
	return d->adapt(schema);
}

/* ----------------------------------------------------------- translating */

/*
 * A reflected column made to read as a model's declaration of what it is
 * on dialect `from`, for dbt_schema_adapt to give dialect `to` its form:
 * the type as the source database spells it, and what generates values
 * as the auto-increment rule would have it.
 */
static int declare_reflected(dbt_table *t, dbt_column *c, const struct dbt_dialect *from)
{
	dbt_buf b = DBT_BUF_INIT;

	if (!c->type.decl) {
		if (!c->type.text || *c->type.text)
			dbt_type_format(&b, &c->type);
		if (b.oom || !(c->type.decl = strdup(dbt_buf_str(&b)))) {
			dbt_buf_release(&b);
			return dbt_error_oom();
		}
		dbt_buf_release(&b);
	}
	if (!(from->caps & DBT_CAP_IDENTITY)) {
		/* The rowid alias, AUTOINCREMENT or not, is the rule's. */
		c->autoincrement = 0;
		c->identity = DBT_IDENTITY_NONE;
	} else if (c->identity != DBT_IDENTITY_NONE) {
		dbt_identity was = c->identity;

		c->identity = DBT_IDENTITY_NONE;
		c->autoincrement = 0;
		/* BY DEFAULT on the sole key is what the rule makes; any other
		 * generator becomes SQLite's AUTOINCREMENT where SQLite has one. */
		if (!(was == DBT_IDENTITY_BY_DEFAULT &&
		      dbt_render_autoincrement_rule_applies(t, c)) &&
		    dbt_render_sole_pk_column(t) == c && dbt_type_is_integer(c->type.kind))
			c->autoincrement = 1;
	}
	return 0;
}

int dbt_schema_translate(dbt_schema *schema, dbt_dialect_kind from, dbt_dialect_kind to)
{
	const struct dbt_dialect *d = dbt_dialect_for(from);
	size_t i, k;
	int rc;

	if (!d || !dbt_dialect_for(to))
		return unsupported_kind();
	if (from == to)
		return 0;
	for (i = 0; i < schema->ntables; i++) {
		dbt_table *t = schema->tables[i];

		/* MariaDB's comments and ON UPDATE, which the other
		 * dialects' models cannot hold either. */
		free(t->comment);
		t->comment = NULL;
		for (k = 0; k < t->ncolumns; k++) {
			dbt_column *c = t->columns[k];

			if (c->mysql) {
				free(c->mysql->comment);
				free(c->mysql->on_update);
				free(c->mysql);
				c->mysql = NULL;
			}
			if ((rc = declare_reflected(t, c, d)) < 0)
				return rc;
		}
	}
	if ((rc = dbt_schema_adapt(schema, to)) < 0)
		return rc;
	return dbt_schema_autoincrement(schema, to);
}

static int conflict_fail(const dbt_table *t, const char *what, int line, int col,
			 const char *dialect)
{
	char at[32];

	dbt_render_place(at, sizeof(at), line, col);
	return dbt_error_set(DBT_EPARSE,
			     "%s%s of table '%s' has ON CONFLICT, a clause of SQLite's that "
			     "%s does not have",
			     at, what, t->name, dialect);
}

/* SQLite's forms of keys: a column's PRIMARY KEY DESC (no rowid alias
 * there) and a key column's collation of its own. */
static int refuse_key_forms(const dbt_table *t, const char *dialect)
{
	char at[32];
	size_t i, k;

	if (t->pk && t->pk->column_desc) {
		dbt_render_place(at, sizeof(at), t->pk->line, t->pk->col);
		return dbt_error_set(DBT_EPARSE,
				     "%scolumn '%s.%s' is PRIMARY KEY DESC, a form of SQLite's "
				     "that "
				     "%s does not have",
				     at, t->name, t->pk->columns[0], dialect);
	}
	for (i = 0; i <= t->nuniques; i++) {
		const dbt_unique *u = i < t->nuniques ? t->uniques[i] : t->pk;

		for (k = 0; u && k < u->ncolumns; k++) {
			if (!dbt_unique_collation(u, k))
				continue;
			dbt_render_place(at, sizeof(at), u->line, u->col);
			return dbt_error_set(DBT_EPARSE,
					     "%sa key of table '%s' gives column '%s' a collation "
					     "of its own, which %s's keys do not take",
					     at, t->name, u->columns[k], dialect);
		}
	}
	return 0;
}

int dbt_render_refuse_mysql_forms(const dbt_table *t, const char *dialect, const char *instead)
{
	char at[32];
	size_t i;

	for (i = 0; i < t->ncolumns; i++) {
		const dbt_column *c = t->columns[i];

		if (!c->mysql)
			continue;
		dbt_render_place(at, sizeof(at), dbt_column_places_get(c)->mysql_line,
				 dbt_column_places_get(c)->mysql_col);
		if (c->mysql->on_update)
			return dbt_error_set(DBT_EPARSE,
					     "%scolumn '%s.%s' has %sON UPDATE, which %s does not "
					     "have (a trigger can set the column instead)",
					     at, t->name, c->name,
					     c->mysql->comment ? "a COMMENT and " : "", dialect);
		if (c->mysql->comment)
			return dbt_error_set(DBT_EPARSE,
					     "%scolumn '%s.%s' has a COMMENT, which %s does not "
					     "have%s%s",
					     at, t->name, c->name, dialect, instead ? ": " : "",
					     instead ? instead : "");
	}
	if (t->comment_line || t->comment) {
		dbt_render_place(at, sizeof(at), t->comment_line, t->comment_col);
		return dbt_error_set(DBT_EPARSE,
				     "%stable '%s' has the table option COMMENT, which %s does not "
				     "have%s%s",
				     at, t->name, dialect, instead ? ": " : "",
				     instead ? instead : "");
	}
	return 0;
}

int dbt_render_refuse_conflict(const dbt_table *t, const char *dialect)
{
	char at[32];
	size_t i;
	int rc;

	for (i = 0; i < t->ncolumns; i++) {
		const dbt_column *c = t->columns[i];

		if (dbt_column_places_get(c)->conflict_line > 0 ||
		    c->not_null_conflict != DBT_CONFLICT_NONE) {
			dbt_render_place(at, sizeof(at), dbt_column_places_get(c)->conflict_line,
					 dbt_column_places_get(c)->conflict_col);
			return dbt_error_set(DBT_EPARSE,
					     "%scolumn '%s.%s' has ON CONFLICT, a clause of "
					     "SQLite's that %s does not have",
					     at, t->name, c->name, dialect);
		}
	}
	if (t->pk && t->pk->conflict != DBT_CONFLICT_NONE)
		return conflict_fail(t, "the primary key", t->pk->line, t->pk->col, dialect);
	if ((rc = refuse_key_forms(t, dialect)) < 0)
		return rc;
	for (i = 0; i < t->nuniques; i++)
		if (t->uniques[i]->conflict != DBT_CONFLICT_NONE)
			return conflict_fail(t, "a UNIQUE constraint", t->uniques[i]->line,
					     t->uniques[i]->col, dialect);
	for (i = 0; i < t->nchecks; i++)
		if (t->checks[i]->conflict != DBT_CONFLICT_NONE)
			return conflict_fail(t, "a CHECK constraint", t->checks[i]->line,
					     t->checks[i]->col, dialect);
	return 0;
}
