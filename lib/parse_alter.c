/*
 * parse_alter.c - ALTER TABLE for the model parser (see parse_internal.h):
 * the statement and its actions, adding columns and constraints, ALTER
 * COLUMN, ATTACH PARTITION and ALTER INDEX ... ATTACH PARTITION, applied to
 * what the model declared before.  RENAME and DROP COLUMN are in
 * parse_rename.c, DROP CONSTRAINT (with DROP TABLE and DROP INDEX) in
 * parse_remove.c.
 */
#include "parse_internal.h"

#include <stdlib.h>
#include <string.h>

/* ALTER COLUMN c DROP (the current token) DEFAULT or NOT NULL: taken
 * from the column as the database takes it, refused when the column has
 * none, or when its NOT NULL comes with its key or identity. */
static int alter_column_drop(struct parser *p, struct coldef *d)
{
	dbt_column *c = d->c;
	int rc;

	if ((rc = next(p)) < 0)
		return rc;
	if (is(p, "default")) {
		if (!c->default_expr)
			return fail_at(p, d->line, d->col,
				       "cannot drop the default of column '%s' of table '%s': it "
				       "has none",
				       c->name, d->t->name);
		free(c->default_expr);
		c->default_expr = NULL;
		if (c->places)
			c->places->dq_default_line = c->places->dq_default_col = 0;
		c->dq_default_bare = 0;
		return next(p);
	}
	if (!is(p, "not"))
		return expected(p, "DEFAULT or NOT NULL");
	if ((rc = next(p)) < 0 || (rc = expect(p, "null", "NULL")) < 0)
		return rc;
	if (d->t->pk && in_list(d->t->pk->columns, d->t->pk->ncolumns, c->name))
		return fail_at(p, d->line, d->col,
			       "cannot drop NOT NULL of column '%s' of table '%s': it is in the "
			       "primary key",
			       c->name, d->t->name);
	if (c->identity != DBT_IDENTITY_NONE || c->autoincrement)
		return fail_at(p, d->line, d->col,
			       "cannot drop NOT NULL of column '%s' of table '%s': the database "
			       "generates its values",
			       c->name, d->t->name);
	if (!c->not_null)
		return fail_at(p, d->line, d->col,
			       "cannot drop NOT NULL of column '%s' of table '%s': it is not "
			       "NOT NULL",
			       c->name, d->t->name);
	c->not_null = 0;
	c->not_null_conflict = DBT_CONFLICT_NONE;
	return 0;
}

/*
 * ALTER COLUMN c [SET DATA] TYPE (the current token) type [COLLATE name]
 * [USING expression]: the column takes the type, and the collation
 * written or none, as PostgreSQL gives it the new type's default.  USING
 * says how the database converts the rows, which the model does not hold:
 * it is read and left.
 */
static int alter_column_type(struct parser *p, struct coldef *d)
{
	dbt_type type;
	int rc, serial = 0, depth = 0;

	if ((rc = next(p)) < 0)
		return rc;
	memset(&type, 0, sizeof(type));
	if ((rc = parse_type(p, &type, &serial)) < 0)
		return rc;
	if (serial) {
		dbt_type_release(&type);
		return fail_at(p, d->line, d->col,
			       "column '%s' of table '%s' cannot be made SERIAL by ALTER COLUMN "
			       "TYPE: declare it so, or add an identity",
			       d->c->name, d->t->name);
	}
	dbt_type_release(&d->c->type);
	d->c->type = type;
	free(d->c->collation);
	d->c->collation = NULL;
	if (is(p, "collate") && (rc = column_collate(p, d)) < 0)
		return rc;
	if (!is(p, "using"))
		return 0;
	for (rc = next(p); rc == 0 && p->cur.tok.kind != DBT_TOK_END; rc = next(p)) {
		if (is(p, "("))
			depth++;
		else if (is(p, ")") && depth-- == 0)
			break;
		else if (depth == 0 && (is(p, ",") || is(p, ";")))
			break;
	}
	return rc;
}

/*
 * PostgreSQL's SET STATISTICS n (-1, the default, is none) or SET STORAGE
 * PLAIN|EXTERNAL|EXTENDED|MAIN|DEFAULT of a column, SET read.  A storage
 * the column's type has anyway is none: the scratch database and the
 * reflection settle that.
 */
static int alter_column_storage(struct parser *p, dbt_column *c)
{
	dbt_column_places *at;
	int line = p->cur.tok.line, col = p->cur.tok.col, stats = is(p, "statistics"), neg = 0, rc;

	if ((rc = next(p)) < 0)
		return rc;
	if (stats) {
		long v = 0;
		size_t i;

		if (is(p, "-")) {
			neg = 1;
			if ((rc = next(p)) < 0)
				return rc;
		}
		if (p->cur.tok.kind != DBT_TOK_NUMBER)
			return expected(p, "an integer");
		for (i = 0; i < p->cur.tok.len && v <= 10000; i++) {
			char ch = p->text[p->cur.tok.start + i];

			if (ch < '0' || ch > '9')
				return expected(p, "an integer");
			v = v * 10 + (ch - '0');
		}
		if (neg ? v != 1 : v > 10000)
			return fail_at(p, p->cur.tok.line, p->cur.tok.col,
				       "statistics target must be between -1 and 10000");
		c->has_statistics = !neg;
		c->statistics = neg ? 0 : (int)v;
	} else if (is(p, "plain")) {
		c->storage = 'p';
	} else if (is(p, "external")) {
		c->storage = 'e';
	} else if (is(p, "extended")) {
		c->storage = 'x';
	} else if (is(p, "main")) {
		c->storage = 'm';
	} else if (is(p, "default")) {
		c->storage = 0;
	} else {
		return expected(p, "PLAIN, EXTERNAL, EXTENDED, MAIN or DEFAULT");
	}
	if ((rc = dbt_column_places_edit(&at, c)) < 0)
		return rc;
	at->pg_set_line = line;
	at->pg_set_col = col;
	return next(p);
}

/* ALTER [COLUMN] has been read in ALTER TABLE: SET DEFAULT, SET NOT NULL,
 * DROP DEFAULT, DROP NOT NULL, ADD GENERATED ... AS IDENTITY or [SET DATA]
 * TYPE. */
static int alter_column(struct parser *p, dbt_table *t)
{
	struct name n = {NULL, 0, 0, 0};
	struct coldef d;
	int rc;

	memset(&d, 0, sizeof(d));
	d.t = t;
	if (is(p, "column") && (rc = next(p)) < 0)
		return rc;
	if ((rc = parse_name(p, &n, "a column name")) < 0)
		return rc;
	d.c = dbt_table_find_column(t, n.s);
	if (!d.c) {
		rc = fail_at(p, n.line, n.col, "unknown column '%s' in table '%s'", n.s, t->name);
		goto cleanup;
	}
	d.line = p->cur.tok.line;
	d.col = p->cur.tok.col;
	d.has_default = d.c->default_expr != NULL;
	if (is(p, "set")) {
		if ((rc = next(p)) < 0)
			goto cleanup;
		if (is(p, "default"))
			rc = column_default(p, &d);
		else if (is(p, "not"))
			rc = column_not_null(p, &d);
		else if (is(p, "data") && (rc = next(p)) == 0)
			rc = is(p, "type") ? alter_column_type(p, &d) : expected(p, "TYPE");
		else if (is(p, "statistics") || is(p, "storage"))
			rc = alter_column_storage(p, d.c);
		else if (rc == 0)
			rc = expected(p, "DEFAULT, NOT NULL, DATA TYPE, STATISTICS or STORAGE");
	} else if (is(p, "add")) {
		if ((rc = next(p)) < 0)
			goto cleanup;
		if (!is(p, "generated")) {
			rc = expected(p, "GENERATED");
			goto cleanup;
		}
		rc = column_generated(p, &d);
	} else if (is(p, "drop")) {
		rc = alter_column_drop(p, &d);
	} else if (is(p, "type")) {
		rc = alter_column_type(p, &d);
	} else {
		rc = expected(p, "SET DEFAULT, SET NOT NULL, DROP DEFAULT, DROP NOT NULL, ADD "
				 "GENERATED or TYPE");
	}
cleanup:
	name_release(&n);
	return rc;
}

/* ATTACH has been seen: ATTACH PARTITION name bound. */
static int attach_partition(struct parser *p, dbt_table *parent)
{
	struct name n = {NULL, 0, 0, 0};
	dbt_table *t;
	int rc;

	if ((rc = next(p)) < 0 || (rc = next(p)) < 0 ||
	    (rc = parse_object_name(p, &n, "a table name")) < 0)
		return rc;
	t = dbt_schema_find_table(p->schema, n.s);
	if (!t) {
		rc = fail_at(p, n.line, n.col,
			     "unknown table '%s' (ATTACH PARTITION must follow its CREATE TABLE)",
			     n.s);
		goto cleanup;
	}
	if ((rc = make_partition(p, t, parent->name)) < 0)
		goto cleanup;
	rc = partition_bound(p, t);
cleanup:
	name_release(&n);
	return rc;
}

/* ALTER INDEX has been read, and ATTACH PARTITION follows the name of a
 * partitioned table's index: the partition's index (or key) named next
 * becomes part of it, and leaves the model. */
int attach_index(struct parser *p)
{
	struct name n = {NULL, 0, 0, 0};
	dbt_table *d;
	size_t i;
	int rc;

	if ((rc = expect(p, "attach", "ATTACH")) < 0 ||
	    (rc = expect(p, "partition", "PARTITION")) < 0 ||
	    (rc = parse_object_name(p, &n, "an index name")) < 0)
		return rc;
	if ((rc = discard_table(p, &d)) < 0)
		goto cleanup;
	rc = 0;
	for (i = 0; i < p->schema->nindexes && rc == 0; i++)
		if (!strcmp(p->schema->indexes[i]->name, n.s))
			rc = dbt_schema_take_index(p->discard, p->schema, p->schema->indexes[i]);
	for (i = 0; i < p->schema->ntables && rc == 0; i++) {
		dbt_table *t = p->schema->tables[i];
		size_t k;

		if (t->pk && !strcmp(t->pk->name, n.s))
			rc = dbt_table_take_key(d, t, t->pk);
		for (k = 0; k < t->nuniques && rc == 0; k++)
			if (!strcmp(t->uniques[k]->name, n.s))
				rc = dbt_table_take_key(d, t, t->uniques[k]);
		for (k = 0; k < t->nexcludes && rc == 0; k++)
			if (!strcmp(t->excludes[k]->name, n.s))
				rc = dbt_table_take_exclude(d, t, t->excludes[k]);
	}
	if (rc == 0)
		rc = fail_at(p, n.line, n.col,
			     "unknown index '%s' (ALTER INDEX must follow its CREATE INDEX or ADD "
			     "CONSTRAINT)",
			     n.s);
	else if (rc > 0)
		rc = 0;
cleanup:
	name_release(&n);
	return rc;
}

/* 1 when [IF EXISTS] name ATTACH PARTITION follows (the current token
 * is INDEX). */
int is_attach_index(const struct parser *p)
{
	dbt_lexer lx = p->cur.lx;
	dbt_token a, b;
	int k;

	if (dbt_lex_next(&lx, &a) < 0)
		return 0;
	for (k = 0; k < 6; k++) {
		if (dbt_token_is(p->text, &a, "attach"))
			return dbt_lex_next(&lx, &b) == 0 && dbt_token_is(p->text, &b, "partition");
		if (a.kind == DBT_TOK_END || dbt_token_is(p->text, &a, ";") ||
		    dbt_lex_next(&lx, &a) < 0)
			return 0;
	}
	return 0;
}

/* Whether DROP (the current token) drops a constraint. */
static int drop_constraint_follows(const struct parser *p)
{
	dbt_token la;

	peek(p, &la);
	return dbt_token_is(p->text, &la, "constraint");
}

/* ALTER TABLE actions dbtool keeps as text. */
static int kept_alter_action(const struct parser *p)
{
	return is(p, "enable") || is(p, "disable") || is(p, "force") || is(p, "cluster") ||
	       is(p, "replica") || is(p, "attach") || is(p, "inherit");
}

/* ALTER TABLE has been read: ADD [CONSTRAINT] ..., ADD [COLUMN] ...,
 * ALTER [COLUMN] ..., DROP [COLUMN] ..., RENAME ..., OWNER TO (ignored),
 * after the table's CREATE TABLE. */
int parse_alter_table(struct parser *p, const dbt_token *first)
{
	struct name n = {NULL, 0, 0, 0};
	dbt_table *t;
	int rc;

	if (is(p, "if")) {
		if ((rc = next(p)) < 0 || (rc = expect(p, "exists", "EXISTS")) < 0)
			return rc;
	}
	if (is(p, "only") && (rc = next(p)) < 0)
		return rc;
	if ((rc = parse_object_name(p, &n, "a table name")) < 0)
		return rc;
	if (is(p, "*") && (rc = next(p)) < 0)
		goto cleanup;
	/* pg_dump writes ALTER TABLE seq OWNER TO for sequences too. */
	if (is(p, "owner")) {
		rc = skip_owner(p);
		goto cleanup;
	}
	t = dbt_schema_find_table(p->schema, n.s);
	if (!t && dbtool_own_table(n.s)) {
		rc = skip_statement(p);
		goto cleanup;
	}
	if (!t) {
		rc = fail_at(p, n.line, n.col,
			     "unknown table '%s' (ALTER TABLE must follow its CREATE TABLE)", n.s);
		goto cleanup;
	}
	if (is(p, "attach")) {
		dbt_token la;

		peek(p, &la);
		if (dbt_token_is(p->text, &la, "partition")) {
			rc = attach_partition(p, t);
			goto cleanup;
		}
	}
	if (kept_alter_action(p)) {
		rc = keep_statement(p, first, "alter table", t->name, NULL);
		goto cleanup;
	}
	for (;;) {
		if (is(p, "add")) {
			if ((rc = next(p)) < 0)
				goto cleanup;
			if (is_table_constraint(p)) {
				if ((rc = parse_table_constraint(p, t)) < 0 ||
				    (rc = check_constraint_names(p, t)) < 0)
					goto cleanup;
			} else {
				if (is(p, "column") && (rc = next(p)) < 0)
					goto cleanup;
				if ((rc = parse_column(p, t, 1)) < 0)
					goto cleanup;
			}
		} else if (is(p, "alter")) {
			if ((rc = next(p)) < 0 || (rc = alter_column(p, t)) < 0)
				goto cleanup;
		} else if (is(p, "owner")) {
			if ((rc = skip_owner(p)) < 0)
				goto cleanup;
		} else if (is(p, "rename")) {
			if ((rc = alter_rename(p, t)) < 0)
				goto cleanup;
		} else if (is(p, "drop") && drop_constraint_follows(p)) {
			if ((rc = alter_drop_constraint(p, t)) < 0)
				goto cleanup;
		} else if (is(p, "drop")) {
			if ((rc = next(p)) < 0 || (rc = alter_drop(p, t)) < 0)
				goto cleanup;
		} else {
			rc = expected(p, "ADD, ALTER COLUMN, DROP, RENAME or OWNER TO");
			goto cleanup;
		}
		if (!is(p, ","))
			break;
		if ((rc = next(p)) < 0)
			goto cleanup;
	}
	rc = 0;
cleanup:
	name_release(&n);
	return rc;
}
