/*
 * parse_alter.c - ALTER TABLE for the model parser (see parse_internal.h):
 * adding columns and constraints, ALTER COLUMN, ATTACH PARTITION and
 * ALTER INDEX ... ATTACH PARTITION, RENAME and DROP COLUMN applied to what
 * the model declared before.
 */
#include "parse_internal.h"

#include "error.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int in_list(char **v, size_t n, const char *s);

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

/* ---------------------------------------- ALTER TABLE RENAME and DROP COLUMN */

/* Replaces the name `*slot` by a copy of `s`, and points the references
 * the parser still has to check (add_ref) at the copy. */
static int set_name(struct parser *p, char **slot, const char *s)
{
	char *copy = strdup(s);
	size_t i;

	if (!copy)
		return dbt_error_oom();
	for (i = 0; i < p->nrefs; i++) {
		if (p->refs[i].table == *slot)
			p->refs[i].table = copy;
		if (p->refs[i].column == *slot)
			p->refs[i].column = copy;
	}
	free(*slot);
	*slot = copy;
	return 0;
}

/* Sets the name in `*slot` to `to` where it is `from`. */
static int rename_in(struct parser *p, char **slot, const char *from, const char *to)
{
	return *slot && !strcmp(*slot, from) ? set_name(p, slot, to) : 0;
}

static int rename_all(struct parser *p, char **v, size_t n, const char *from, const char *to)
{
	size_t i;
	int rc;

	for (i = 0; i < n; i++)
		if ((rc = rename_in(p, &v[i], from, to)) < 0)
			return rc;
	return 0;
}

/*
 * Whether the expression `expr` names the column `column` (unqualified,
 * or after a qualifier, and not as a function), and with `to` the
 * expression with `to` in its place in `*out` (NULL when it does not name
 * it), as the databases rewrite a table's expressions on RENAME COLUMN.
 */
static int expr_name(char **out, int *names, const char *expr, const char *column, const char *to,
		     int qualifier);

static int expr_column(char **out, int *names, const char *expr, const char *column, const char *to)
{
	return expr_name(out, names, expr, column, to, 0);
}

/* expr_column(), for any name: with `qualifier`, also where it qualifies
 * another (a table's name in `t.c`). */
static int expr_name(char **out, int *names, const char *expr, const char *column, const char *to,
		     int qualifier)
{
	dbt_buf b = DBT_BUF_INIT;
	dbt_lexer lx;
	dbt_token tok;
	size_t done = 0;

	if (out)
		*out = NULL;
	*names = 0;
	if (!expr)
		return 0;
	dbt_lex_init(&lx, expr, strlen(expr));
	while (dbt_lex_next(&lx, &tok) == 0 && tok.kind != DBT_TOK_END) {
		dbt_lexer ahead = lx;
		dbt_token la;
		char *name;
		int same;

		if (tok.kind != DBT_TOK_WORD && tok.kind != DBT_TOK_QUOTED)
			continue;
		if (dbt_lex_next(&ahead, &la) == 0 &&
		    (dbt_token_is(expr, &la, "(") || (!qualifier && dbt_token_is(expr, &la, "."))))
			continue;
		if (!(name = dbt_token_name(expr, &tok))) {
			dbt_buf_release(&b);
			return dbt_error_oom();
		}
		same = !strcmp(name, column);
		free(name);
		if (!same)
			continue;
		*names = 1;
		if (to) {
			dbt_buf_put(&b, expr + done, tok.start - done);
			put_expr_name(&b, to);
			done = tok.start + tok.len;
		}
	}
	if (!to || !*names)
		return 0;
	dbt_buf_puts(&b, expr + done);
	if (b.oom || !(*out = dbt_buf_detach(&b))) {
		dbt_buf_release(&b);
		return dbt_error_oom();
	}
	return 0;
}

/* Replaces the column `from` by `to` in the expression `*slot`. */
static int rename_expr_in(char **slot, const char *from, const char *to)
{
	char *copy;
	int names, rc = expr_column(&copy, &names, *slot, from, to);

	if (rc < 0 || !names)
		return rc;
	free(*slot);
	*slot = copy;
	return 0;
}

/*
 * The statements kept as text so far (views, triggers, ...), with the
 * name `from` made `to`, as SQLite's ALTER TABLE ... RENAME rewrites
 * them: a table's name everywhere (`qualifier`), a column's only in the
 * statements that name its table `table`.
 */
static int rename_in_statements(struct parser *p, const char *table, const char *from,
				const char *to, int qualifier)
{
	dbt_schema *s = p->schema;
	size_t i;
	int names, rc;

	for (i = 0; i < s->nstatements; i++) {
		dbt_statement *st = s->statements[i];
		char *sql;

		if (table) {
			if ((rc = expr_name(NULL, &names, st->sql, table, NULL, 1)) < 0)
				return rc;
			if (!names)
				continue;
		}
		if ((rc = expr_name(&sql, &names, st->sql, from, to, qualifier)) < 0)
			return rc;
		if (names) {
			free(st->sql);
			st->sql = sql;
		}
	}
	return 0;
}

/* ALTER TABLE t RENAME TO u: the table, and every name of it in the model
 * so far (foreign keys, indexes, partitions, owned sequences); a database
 * that has t and not u gets t renamed, as with the hint "-- renamed from: t". */
static int rename_table(struct parser *p, dbt_table *t, const struct name *to)
{
	dbt_schema *s = p->schema;
	char *from;
	size_t i, j;
	int rc = 0;

	if (dbt_schema_find_table(s, to->s))
		return fail_at(p, to->line, to->col, "there is already a table named '%s'", to->s);
	if (!(from = strdup(t->name)))
		return dbt_error_oom();
	if (!t->renamed_from) {
		if (!(t->renamed_from = strdup(from))) {
			rc = dbt_error_oom();
			goto cleanup;
		}
		t->renamed_line = to->line;
		t->renamed_col = to->col;
	}
	if ((rc = set_name(p, &t->name, to->s)) < 0)
		goto cleanup;
	dbt_schema_tables_changed(s);
	t->quoted = to->quoted;
	for (i = 0; i < s->ntables; i++) {
		dbt_table *o = s->tables[i];

		if ((rc = rename_in(p, &o->partition_of, from, to->s)) < 0)
			goto cleanup;
		for (j = 0; j < o->nfks; j++)
			if ((rc = rename_in(p, &o->fks[j]->ref_table, from, to->s)) < 0)
				goto cleanup;
	}
	for (i = 0; i < s->nindexes; i++)
		if ((rc = rename_in(p, &s->indexes[i]->table, from, to->s)) < 0)
			goto cleanup;
	for (i = 0; i < p->nseqs; i++)
		if ((rc = rename_in(p, &p->seqs[i].owner_table, from, to->s)) < 0)
			goto cleanup;
	rc = rename_in_statements(p, NULL, from, to->s, 1);
cleanup:
	free(from);
	return rc;
}

/* ALTER TABLE t RENAME [COLUMN] a TO b: the column, and every name of it
 * in the model so far: keys, foreign keys (the table's own and those that
 * reference it), indexes, CHECK and generated expressions; a database
 * table that has a and not b gets a renamed, as with the column hint. */
static int rename_column(struct parser *p, dbt_table *t, const struct name *from,
			 const struct name *to)
{
	dbt_schema *s = p->schema;
	dbt_column *c = dbt_table_find_column(t, from->s);
	size_t i, j;
	int rc;

	if (!c)
		return fail_at(p, from->line, from->col, "unknown column '%s' in table '%s'",
			       from->s, t->name);
	if (dbt_table_find_column(t, to->s))
		return fail_at(p, to->line, to->col, "duplicate column '%s' in table '%s'", to->s,
			       t->name);
	/* The database's column of the old name is this one: the statement
	 * says so as the hint "-- renamed from:" does. */
	if (!c->renamed_from) {
		dbt_column_places *at;

		if ((rc = dbt_column_places_edit(&at, c)) < 0)
			return rc;
		if (!(c->renamed_from = strdup(from->s)))
			return dbt_error_oom();
		at->renamed_line = from->line;
		at->renamed_col = from->col;
	}
	if ((rc = set_name(p, &c->name, to->s)) < 0)
		return rc;
	c->quoted = to->quoted;
	if (t->pk && ((rc = rename_all(p, t->pk->columns, t->pk->ncolumns, from->s, to->s)) < 0 ||
		      (rc = rename_all(p, t->pk->include, t->pk->ninclude, from->s, to->s)) < 0))
		return rc;
	for (i = 0; i < t->nuniques; i++)
		if ((rc = rename_all(p, t->uniques[i]->columns, t->uniques[i]->ncolumns, from->s,
				     to->s)) < 0 ||
		    (rc = rename_all(p, t->uniques[i]->include, t->uniques[i]->ninclude, from->s,
				     to->s)) < 0)
			return rc;
	for (i = 0; i < t->nchecks; i++)
		if ((rc = rename_expr_in(&t->checks[i]->expr, from->s, to->s)) < 0)
			return rc;
	for (i = 0; i < t->ncolumns; i++)
		if ((rc = rename_expr_in(&t->columns[i]->generated_expr, from->s, to->s)) < 0)
			return rc;
	for (i = 0; i < t->nfks; i++)
		if ((rc = rename_all(p, t->fks[i]->columns, t->fks[i]->ncolumns, from->s, to->s)) <
			    0 ||
		    (rc = rename_all(p, t->fks[i]->set_columns, t->fks[i]->nset_columns, from->s,
				     to->s)) < 0)
			return rc;
	for (i = 0; i < s->ntables; i++)
		for (j = 0; j < s->tables[i]->nfks; j++) {
			dbt_fk *fk = s->tables[i]->fks[j];

			if (fk->ref_table && !strcmp(fk->ref_table, t->name) &&
			    (rc = rename_all(p, fk->ref_columns, fk->nref_columns, from->s,
					     to->s)) < 0)
				return rc;
		}
	for (i = 0; i < s->nindexes; i++) {
		dbt_index *ix = s->indexes[i];

		if (!ix->table || strcmp(ix->table, t->name))
			continue;
		for (j = 0; j < ix->nelems; j++)
			if ((rc = rename_in(p, &ix->elems[j].column, from->s, to->s)) < 0 ||
			    (rc = rename_expr_in(&ix->elems[j].expr, from->s, to->s)) < 0)
				return rc;
		if ((rc = rename_all(p, ix->include, ix->ninclude, from->s, to->s)) < 0)
			return rc;
		if ((rc = rename_expr_in(&ix->where, from->s, to->s)) < 0)
			return rc;
	}
	for (i = 0; i < p->nseqs; i++)
		if (p->seqs[i].owner_table && !strcmp(p->seqs[i].owner_table, t->name) &&
		    (rc = rename_in(p, &p->seqs[i].owner_column, from->s, to->s)) < 0)
			return rc;
	return rename_in_statements(p, t->name, from->s, to->s, 0);
}

static int in_list(char **v, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(v[i], s))
			return 1;
	return 0;
}

/* Whether index `ix` names column `c`, in a key or its WHERE. */
static int index_uses(int *out, const dbt_index *ix, const char *c)
{
	size_t j;
	int rc;

	*out = in_list(ix->include, ix->ninclude, c);
	for (j = 0; j < ix->nelems && !*out; j++) {
		if (ix->elems[j].column && !strcmp(ix->elems[j].column, c))
			*out = 1;
		else if ((rc = expr_column(NULL, out, ix->elems[j].expr, c, NULL)) < 0)
			return rc;
	}
	return *out ? 0 : expr_column(NULL, out, ix->where, c, NULL);
}

/* What of the model so far uses column `c` of table `t` so that dropping
 * it needs more than the column (a key, a foreign key, an index, another
 * generated column), put in `what`; nothing put when nothing does. */
static int column_use(dbt_buf *what, const struct parser *p, const dbt_table *t, const char *c)
{
	const dbt_schema *s = p->schema;
	size_t i, j;
	int names, rc;

	if (t->pk && (in_list(t->pk->columns, t->pk->ncolumns, c) ||
		      in_list(t->pk->include, t->pk->ninclude, c))) {
		dbt_buf_puts(what, "the primary key");
		return 0;
	}
	for (i = 0; i < t->nuniques; i++)
		if (in_list(t->uniques[i]->columns, t->uniques[i]->ncolumns, c) ||
		    in_list(t->uniques[i]->include, t->uniques[i]->ninclude, c)) {
			dbt_buf_puts(what, "a UNIQUE constraint");
			return 0;
		}
	for (i = 0; i < t->nfks; i++)
		if (in_list(t->fks[i]->columns, t->fks[i]->ncolumns, c)) {
			dbt_buf_puts(what, "a foreign key");
			return 0;
		}
	for (i = 0; i < s->ntables; i++)
		for (j = 0; j < s->tables[i]->nfks; j++) {
			const dbt_fk *fk = s->tables[i]->fks[j];

			if (fk->ref_table && !strcmp(fk->ref_table, t->name) &&
			    in_list(fk->ref_columns, fk->nref_columns, c)) {
				dbt_buf_printf(what, "a foreign key of table '%s'",
					       s->tables[i]->name);
				return 0;
			}
		}
	for (i = 0; i < s->nindexes; i++) {
		const dbt_index *ix = s->indexes[i];

		if (!ix->table || strcmp(ix->table, t->name))
			continue;
		if ((rc = index_uses(&names, ix, c)) < 0)
			return rc;
		if (names) {
			if (ix->name)
				dbt_buf_printf(what, "index '%s'", ix->name);
			else
				dbt_buf_puts(what, "an index");
			return 0;
		}
	}
	for (i = 0; i < t->ncolumns; i++) {
		if ((rc = expr_column(NULL, &names, t->columns[i]->generated_expr, c, NULL)) < 0)
			return rc;
		if (names && strcmp(t->columns[i]->name, c)) {
			dbt_buf_printf(what, "generated column '%s'", t->columns[i]->name);
			return 0;
		}
	}
	return 0;
}

/* ALTER TABLE t DROP [COLUMN] [IF EXISTS] c: the column and the CHECK
 * constraints that name it, as the databases drop them with it; a column
 * a key, foreign key, index or generated column uses is refused, as
 * SQLite refuses it. */
static int drop_column(struct parser *p, dbt_table *t, const struct name *n, int if_exists)
{
	dbt_buf what = DBT_BUF_INIT;
	size_t i, k;
	int names, rc;

	for (i = 0; i < t->ncolumns; i++)
		if (!strcmp(t->columns[i]->name, n->s))
			break;
	if (i == t->ncolumns)
		return if_exists ? 0
				 : fail_at(p, n->line, n->col, "unknown column '%s' in table '%s'",
					   n->s, t->name);
	if ((rc = column_use(&what, p, t, n->s)) < 0)
		return rc;
	if (what.oom)
		rc = dbt_error_oom();
	else if (what.len)
		rc = fail_at(p, n->line, n->col,
			     "cannot drop column '%s' of table '%s': %s uses it; drop or change "
			     "that first",
			     n->s, t->name, dbt_buf_str(&what));
	dbt_buf_release(&what);
	if (rc < 0)
		return rc;
	/* Its last column too, as PostgreSQL drops it; SQLite and MariaDB
	 * refuse the table of no columns in their adapt. */
	for (k = 0; k < t->nchecks;) {
		if ((rc = expr_column(NULL, &names, t->checks[k]->expr, n->s, NULL)) < 0)
			return rc;
		if (names)
			dbt_table_remove_check(t, k);
		else
			k++;
	}
	dbt_table_remove_column(t, i);
	return 0;
}

/* ALTER TABLE t RENAME (the current token): TO a new table name, or
 * [COLUMN] a TO b. */
static int alter_rename(struct parser *p, dbt_table *t)
{
	struct name a = {NULL, 0, 0, 0}, b = {NULL, 0, 0, 0};
	int rc;

	if ((rc = next(p)) < 0)
		return rc;
	if (is(p, "to")) {
		if ((rc = next(p)) < 0 || (rc = parse_object_name(p, &a, "a table name")) < 0)
			goto cleanup;
		rc = rename_table(p, t, &a);
		goto cleanup;
	}
	if (is(p, "column") && (rc = next(p)) < 0)
		goto cleanup;
	if ((rc = parse_name(p, &a, "a column name")) < 0 || (rc = expect(p, "to", "TO")) < 0 ||
	    (rc = parse_name(p, &b, "a column name")) < 0)
		goto cleanup;
	rc = rename_column(p, t, &a, &b);
cleanup:
	name_release(&a);
	name_release(&b);
	return rc;
}

/* Whether DROP (the current token) drops a constraint. */
static int drop_constraint_follows(const struct parser *p)
{
	dbt_token la;

	peek(p, &la);
	return dbt_token_is(p->text, &la, "constraint");
}

/* ALTER TABLE t DROP has been read, and CONSTRAINT does not follow. */
static int alter_drop(struct parser *p, dbt_table *t)
{
	struct name n = {NULL, 0, 0, 0};
	int if_exists = 0, rc;

	if (is(p, "column") && (rc = next(p)) < 0)
		return rc;
	if (is(p, "if")) {
		dbt_token la;

		peek(p, &la);
		if (dbt_token_is(p->text, &la, "exists")) {
			if_exists = 1;
			if ((rc = next(p)) < 0 || (rc = next(p)) < 0)
				return rc;
		}
	}
	if ((rc = parse_name(p, &n, "a column name")) < 0)
		goto cleanup;
	if ((is(p, "restrict") || is(p, "cascade")) && (rc = next(p)) < 0)
		goto cleanup;
	rc = drop_column(p, t, &n, if_exists);
cleanup:
	name_release(&n);
	return rc;
}

/* Forgets the names still to be checked (struct ref) that point at `s`,
 * a string of an object leaving the model. */
void forget_ref(struct parser *p, const char *s)
{
	size_t i, k = 0;

	if (!s)
		return;
	for (i = 0; i < p->nrefs; i++)
		if (p->refs[i].table != s && p->refs[i].column != s)
			p->refs[k++] = p->refs[i];
	p->nrefs = k;
}

static void forget_refs(struct parser *p, char *const *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		forget_ref(p, v[i]);
}

static void forget_fk(struct parser *p, const dbt_fk *fk)
{
	forget_ref(p, fk->ref_table);
	forget_refs(p, fk->columns, fk->ncolumns);
	forget_refs(p, fk->ref_columns, fk->nref_columns);
}

static void forget_index(struct parser *p, const dbt_index *ix)
{
	size_t j;

	forget_ref(p, ix->table);
	for (j = 0; j < ix->nelems; j++)
		forget_ref(p, ix->elems[j].column);
}

/* A foreign key of the model, other than `t`'s own to itself, that
 * references the key `k` of `t` (or `t` at all when `k` is NULL); NULL
 * when none does. */
static const dbt_table *key_referenced(const struct parser *p, const dbt_table *t,
				       const dbt_unique *k)
{
	const dbt_schema *s = p->schema;
	size_t i, j, m;

	for (i = 0; i < s->ntables; i++)
		for (j = 0; j < s->tables[i]->nfks; j++) {
			const dbt_fk *fk = s->tables[i]->fks[j];

			if (!fk->ref_table || strcmp(fk->ref_table, t->name))
				continue;
			if (!k) {
				if (s->tables[i] != t)
					return s->tables[i];
				continue;
			}
			/* No columns written: the primary key. */
			if (!fk->nref_columns && k == t->pk)
				return s->tables[i];
			if (fk->nref_columns != k->ncolumns)
				continue;
			for (m = 0; m < k->ncolumns &&
				    in_list(k->columns, k->ncolumns, fk->ref_columns[m]);
			     m++)
				;
			if (m == k->ncolumns)
				return s->tables[i];
		}
	return NULL;
}

static int same_name(const char *a, const char *b)
{
	return a && !strcmp(a, b);
}

/* Removes the constraint named `name` from `t`; 1 when it has none of
 * that name. */
static int remove_constraint(struct parser *p, dbt_table *t, const struct name *n)
{
	const dbt_table *user;
	size_t i;

	if (t->pk && same_name(t->pk->name, n->s)) {
		if ((user = key_referenced(p, t, t->pk)))
			return fail_at(p, n->line, n->col,
				       "cannot drop constraint '%s' of table '%s': a foreign key "
				       "of table '%s' uses it",
				       n->s, t->name, user->name);
		/* PostgreSQL keeps the key's columns NOT NULL. */
		for (i = 0; i < t->pk->ncolumns; i++) {
			dbt_column *c = dbt_table_find_column(t, t->pk->columns[i]);

			if (c)
				c->not_null = 1;
		}
		forget_refs(p, t->pk->columns, t->pk->ncolumns);
		dbt_table_remove_pk(t);
		return 0;
	}
	for (i = 0; i < t->nuniques; i++)
		if (same_name(t->uniques[i]->name, n->s)) {
			if ((user = key_referenced(p, t, t->uniques[i])))
				return fail_at(p, n->line, n->col,
					       "cannot drop constraint '%s' of table '%s': a "
					       "foreign key of table '%s' uses it",
					       n->s, t->name, user->name);
			forget_refs(p, t->uniques[i]->columns, t->uniques[i]->ncolumns);
			dbt_table_remove_unique(t, i);
			return 0;
		}
	for (i = 0; i < t->nfks; i++)
		if (same_name(t->fks[i]->name, n->s)) {
			forget_fk(p, t->fks[i]);
			dbt_table_remove_fk(t, i);
			return 0;
		}
	for (i = 0; i < t->nchecks; i++)
		if (same_name(t->checks[i]->name, n->s)) {
			dbt_table_remove_check(t, i);
			return 0;
		}
	for (i = 0; i < t->nexcludes; i++)
		if (same_name(t->excludes[i]->name, n->s)) {
			dbt_table_remove_exclude(t, i);
			return 0;
		}
	return 1;
}

/* ALTER TABLE t DROP CONSTRAINT [IF EXISTS] name [RESTRICT | CASCADE]:
 * the constraint leaves the model.  A name the model did not give is
 * the one the database would have given (dbt_schema_name_auto), as
 * the constraints so far stand. */
static int alter_drop_constraint(struct parser *p, dbt_table *t)
{
	struct name n = {NULL, 0, 0, 0};
	int if_exists = 0, rc;

	if ((rc = next(p)) < 0 || (rc = next(p)) < 0)
		return rc;
	if (is(p, "if")) {
		if ((rc = next(p)) < 0 || (rc = expect(p, "exists", "EXISTS")) < 0)
			return rc;
		if_exists = 1;
	}
	if ((rc = parse_name(p, &n, "a constraint name")) < 0)
		return rc;
	if ((is(p, "restrict") || is(p, "cascade")) && (rc = next(p)) < 0)
		goto cleanup;
	rc = remove_constraint(p, t, &n);
	if (rc == 1 && (rc = dbt_schema_name_auto(p->schema)) == 0)
		rc = remove_constraint(p, t, &n);
	if (rc == 1)
		rc = if_exists ? 0
			       : fail_at(p, n.line, n.col, "unknown constraint '%s' in table '%s'",
					 n.s, t->name);
cleanup:
	name_release(&n);
	return rc;
}

/* DROP TABLE has been read: [IF EXISTS] name [, ...] [CASCADE | RESTRICT].
 * Each table leaves the model with its indexes and what drop_dependents
 * takes along; one that another table's foreign key references only with
 * CASCADE, which drops that key. */
static int drop_tables(struct parser *p)
{
	struct name n = {NULL, 0, 0, 0};
	dbt_table **v = NULL;
	int *lines = NULL, *cols = NULL, if_exists = 0, cascade = 0, rc;
	size_t nv = 0, i, j, k;

	if (is(p, "if")) {
		if ((rc = next(p)) < 0 || (rc = expect(p, "exists", "EXISTS")) < 0)
			return rc;
		if_exists = 1;
	}
	for (;;) {
		dbt_table *t, **nvv;
		int *nl, *nc;

		if ((rc = parse_object_name(p, &n, "a table name")) < 0)
			goto cleanup;
		t = dbt_schema_find_table(p->schema, n.s);
		if (!t && !if_exists) {
			rc = fail_at(p, n.line, n.col,
				     "unknown table '%s' (DROP TABLE must follow its CREATE TABLE)",
				     n.s);
			goto cleanup;
		}
		if (t) {
			if ((nvv = realloc(v, (nv + 1) * sizeof(*v))))
				v = nvv;
			if ((nl = realloc(lines, (nv + 1) * sizeof(*lines))))
				lines = nl;
			if ((nc = realloc(cols, (nv + 1) * sizeof(*cols))))
				cols = nc;
			if (!nvv || !nl || !nc) {
				rc = dbt_error_oom();
				goto cleanup;
			}
			v[nv] = t;
			lines[nv] = n.line;
			cols[nv++] = n.col;
		}
		name_release(&n);
		if (!is(p, ","))
			break;
		if ((rc = next(p)) < 0)
			goto cleanup;
	}
	if (is(p, "cascade"))
		cascade = 1;
	if ((is(p, "restrict") || is(p, "cascade")) && (rc = next(p)) < 0)
		goto cleanup;
	for (i = 0; i < nv; i++) {
		dbt_table *t = v[i];
		const dbt_table *user;

		while ((user = key_referenced(p, t, NULL))) {
			dbt_table *u = (dbt_table *)user;

			if (!cascade) {
				for (k = 0; k < nv && v[k] != user; k++)
					;
				if (k == nv) {
					rc = fail_at(p, lines[i], cols[i],
						     "cannot drop table '%s': a foreign key of "
						     "table '%s' references it",
						     t->name, user->name);
					goto cleanup;
				}
			}
			for (j = 0; j < u->nfks; j++)
				if (u->fks[j]->ref_table && !strcmp(u->fks[j]->ref_table, t->name))
					break;
			forget_fk(p, u->fks[j]);
			dbt_table_remove_fk(u, j);
		}
	}
	if ((rc = drop_dependents(p, v, lines, cols, nv, cascade)) < 0)
		goto cleanup;
	for (i = 0; i < nv; i++) {
		dbt_table *t = v[i];

		for (j = 0; j < p->schema->nindexes;) {
			dbt_index *ix = p->schema->indexes[j];

			if (ix->table && !strcmp(ix->table, t->name)) {
				forget_index(p, ix);
				dbt_schema_remove_index(p->schema, ix);
			} else {
				j++;
			}
		}
		forget_ref(p, t->name);
		for (j = 0; j < t->ncolumns; j++)
			forget_ref(p, t->columns[j]->name);
		if (t->pk)
			forget_refs(p, t->pk->columns, t->pk->ncolumns);
		for (j = 0; j < t->nuniques; j++)
			forget_refs(p, t->uniques[j]->columns, t->uniques[j]->ncolumns);
		for (j = 0; j < t->nfks; j++)
			forget_fk(p, t->fks[j]);
		dbt_schema_remove_table(p->schema, t);
	}
	rc = 0;
cleanup:
	name_release(&n);
	free(v);
	free(lines);
	free(cols);
	return rc;
}

/* DROP INDEX has been read: [CONCURRENTLY] [IF EXISTS] name [, ...]
 * [CASCADE | RESTRICT]; each index leaves the model. */
static int drop_indexes(struct parser *p)
{
	struct name n = {NULL, 0, 0, 0};
	int if_exists = 0, rc;

	if (is(p, "concurrently") && (rc = next(p)) < 0)
		return rc;
	if (is(p, "if")) {
		if ((rc = next(p)) < 0 || (rc = expect(p, "exists", "EXISTS")) < 0)
			return rc;
		if_exists = 1;
	}
	for (;;) {
		dbt_index *ix;

		if ((rc = parse_object_name(p, &n, "an index name")) < 0)
			return rc;
		ix = dbt_schema_find_index(p->schema, n.s);
		if (!ix && !if_exists) {
			rc = fail_at(p, n.line, n.col,
				     "unknown index '%s' (DROP INDEX must follow its CREATE INDEX)",
				     n.s);
			name_release(&n);
			return rc;
		}
		name_release(&n);
		if (ix) {
			forget_index(p, ix);
			dbt_schema_remove_index(p->schema, ix);
		}
		if (!is(p, ","))
			break;
		if ((rc = next(p)) < 0)
			return rc;
	}
	if ((is(p, "restrict") || is(p, "cascade")) && (rc = next(p)) < 0)
		return rc;
	return 0;
}

int parse_drop(struct parser *p, const dbt_token *first)
{
	int rc;

	(void)first;
	if (is(p, "table"))
		return (rc = next(p)) < 0 ? rc : drop_tables(p);
	if (is(p, "index"))
		return (rc = next(p)) < 0 ? rc : drop_indexes(p);
	return expected(p, "TABLE or INDEX");
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
