/*
 * diff_rename.c - the renames the model's hints ask for ("renamed from"):
 * which of them apply to the database, and the database's schema as the
 * renames leave it, on which the differ computes every other op.
 */
#include "diff_int.h"

#include "ident.h"
#include "lex.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- renames */

static int renames_push(struct renames *r, const dbt_table *to, const dbt_column *to_col,
			const dbt_table *from, const dbt_column *from_col)
{
	struct rename *v = realloc(r->v, (r->n + 1) * sizeof(*v));

	if (!v)
		return dbt_error_oom();
	r->v = v;
	v[r->n].to = to;
	v[r->n].to_col = to_col;
	v[r->n].from = from;
	v[r->n].from_col = from_col;
	r->n++;
	return 0;
}

/* 1 when a column of `t` has a rename hint. */
static int has_column_hint(const dbt_table *t)
{
	size_t k;

	for (k = 0; k < t->ncolumns; k++)
		if (t->columns[k]->renamed_from)
			return 1;
	return 0;
}

/*
 * Table renames first, in the model's order, then column renames: both
 * found in one walk of the model's tables (a table's column renames need
 * its own rename alone), and the database's table looked up only for a
 * table with a hint.
 */
int dbt_diff_find_renames(struct renames *r, const dbt_schema *from, const dbt_schema *to)
{
	struct renames cols = {NULL, 0};
	size_t i, k;
	int rc = 0;

	for (i = 0; i < to->ntables && rc == 0; i++) {
		const dbt_table *t = to->tables[i], *old = NULL, *ft;

		if (t->renamed_from && (old = dbt_schema_find_table(from, t->renamed_from)) &&
		    dbt_schema_find_table(from, t->name))
			old = NULL;
		if (old && (rc = renames_push(r, t, NULL, old, NULL)) < 0)
			break;
		if (!has_column_hint(t))
			continue;
		ft = old ? old : dbt_schema_find_table(from, t->name);
		for (k = 0; ft && k < t->ncolumns && rc == 0; k++) {
			const dbt_column *c = t->columns[k], *oc;

			if (c->renamed_from && (oc = dbt_table_find_column(ft, c->renamed_from)) &&
			    !dbt_table_find_column(ft, c->name))
				rc = renames_push(&cols, t, c, ft, oc);
		}
	}
	for (k = 0; k < cols.n && rc == 0; k++)
		rc = renames_push(r, cols.v[k].to, cols.v[k].to_col, cols.v[k].from,
				  cols.v[k].from_col);
	free(cols.v);
	return rc;
}

/* The new name of the database's table `table`. */
static const char *new_table_name(const struct renames *r, const char *table)
{
	size_t i;

	for (i = 0; table && i < r->n; i++)
		if (!r->v[i].to_col && !strcmp(r->v[i].from->name, table))
			return r->v[i].to->name;
	return table;
}

/* The new name of column `column` of the database's table `table`. */
static const char *new_column_name(const struct renames *r, const char *table, const char *column)
{
	size_t i;

	for (i = 0; table && column && i < r->n; i++)
		if (r->v[i].to_col && !strcmp(r->v[i].from->name, table) &&
		    !strcmp(r->v[i].from_col->name, column))
			return r->v[i].to_col->name;
	return column;
}

/* 1 when a hint renames table `table` of the database or one of its
 * columns. */
static int renames_touch(const struct renames *r, const char *table)
{
	size_t i;

	for (i = 0; table && i < r->n; i++)
		if (!strcmp(r->v[i].from->name, table))
			return 1;
	return 0;
}

/*
 * A copy of the expression `expr` (NULL gives NULL) of the database's
 * table `table` with the renamed columns' new names: each unqualified
 * name that is no function's, as the database itself rewrites it.
 * NULL in `*out` and DBT_ERROR when out of memory.
 */
static int rename_expr(char **out, const char *expr, const struct renames *r, const char *table)
{
	dbt_buf b = DBT_BUF_INIT;
	dbt_lexer lx;
	dbt_token tok, prev;
	size_t done = 0;

	*out = NULL;
	if (!expr)
		return 0;
	memset(&prev, 0, sizeof(prev));
	dbt_lex_init(&lx, expr, strlen(expr));
	while (dbt_lex_next(&lx, &tok) == 0 && tok.kind != DBT_TOK_END) {
		if ((tok.kind == DBT_TOK_WORD || tok.kind == DBT_TOK_QUOTED) &&
		    !(prev.len && dbt_token_is(expr, &prev, "."))) {
			dbt_lexer ahead = lx;
			dbt_token next;
			char *name;
			const char *nn;

			if (dbt_lex_next(&ahead, &next) == 0 && dbt_token_is(expr, &next, "("))
				goto keep;
			if (!(name = dbt_token_name(expr, &tok))) {
				dbt_buf_release(&b);
				return dbt_error_oom();
			}
			nn = new_column_name(r, table, name);
			if (nn != name) {
				dbt_buf_put(&b, expr + done, tok.start - done);
				dbt_ident_describe(&b, nn);
				done = tok.start + tok.len;
			}
			free(name);
		}
	keep:
		prev = tok;
	}
	dbt_buf_puts(&b, expr + done);
	if (b.oom || !(*out = dbt_buf_detach(&b))) {
		dbt_buf_release(&b);
		return dbt_error_oom();
	}
	return 0;
}

/* Replaces `*field` by `expr` renamed as rename_expr does. */
static int set_renamed(char **field, const char *expr, const struct renames *r, const char *table)
{
	char *copy;
	int rc = rename_expr(&copy, expr, r, table);

	if (rc < 0)
		return rc;
	free(*field);
	*field = copy;
	return 0;
}

static int copy_key(dbt_unique *k, const dbt_unique *o, const struct renames *r, const char *table)
{
	size_t i;
	int rc = 0;

	k->name_given = o->name_given;
	k->line = o->line;
	k->col = o->col;
	k->nulls_not_distinct = o->nulls_not_distinct;
	k->deferrable = o->deferrable;
	k->initially_deferred = o->initially_deferred;
	if (o->storage && !(k->storage = strdup(o->storage)))
		return dbt_error_oom();
	k->conflict = o->conflict;
	k->column_desc = o->column_desc;
	for (i = 0; i < o->ncolumns && rc == 0; i++)
		rc = dbt_unique_add_column(k, new_column_name(r, table, o->columns[i]));
	for (i = 0; i < o->ncolumns && rc == 0; i++)
		if (dbt_unique_collation(o, i))
			rc = dbt_unique_set_collation(k, i, dbt_unique_collation(o, i));
	for (i = 0; i < o->ninclude && rc == 0; i++)
		rc = dbt_unique_add_include(k, new_column_name(r, table, o->include[i]));
	return rc;
}

/* Gives `c` the places of `oc` that a renamed copy keeps: where its
 * generated expression, its ON CONFLICT and its DEFAULT "word" stand;
 * no places when `oc` has none of them. */
static int copy_places(dbt_column *c, const dbt_column *oc)
{
	const dbt_column_places *o = dbt_column_places_get(oc);
	dbt_column_places *at;
	int rc;

	if (!o->generated_line && !o->generated_col && !o->conflict_line && !o->conflict_col &&
	    !o->dq_default_line && !o->dq_default_col)
		return 0;
	if ((rc = dbt_column_places_edit(&at, c)) < 0)
		return rc;
	at->generated_line = o->generated_line;
	at->generated_col = o->generated_col;
	at->conflict_line = o->conflict_line;
	at->conflict_col = o->conflict_col;
	at->dq_default_line = o->dq_default_line;
	at->dq_default_col = o->dq_default_col;
	return 0;
}

/* Column `o`'s MariaDB COMMENT and ON UPDATE, to `c`. */
static int copy_mysql(dbt_column *c, const dbt_column *o)
{
	dbt_column_mysql *m;
	int rc;

	if (!o->mysql)
		return 0;
	if ((rc = dbt_column_mysql_edit(&m, c)) < 0)
		return rc;
	if ((o->mysql->comment && !(m->comment = strdup(o->mysql->comment))) ||
	    (o->mysql->on_update && !(m->on_update = strdup(o->mysql->on_update))))
		return dbt_error_oom();
	return 0;
}

static int copy_table(dbt_schema *s, const dbt_table *o, const struct renames *r)
{
	const char *tn = o->name;
	dbt_table *t;
	dbt_unique *k;
	size_t i, j;
	int rc;

	if ((rc = dbt_schema_add_table(&t, s, new_table_name(r, tn), o->quoted)) < 0)
		return rc;
	t->line = o->line;
	t->col = o->col;
	t->strict = o->strict;
	t->without_rowid = o->without_rowid;
	t->strict_line = o->strict_line;
	t->strict_col = o->strict_col;
	t->wr_line = o->wr_line;
	t->wr_col = o->wr_col;
	t->unlogged = o->unlogged;
	if ((o->storage && !(t->storage = strdup(o->storage))) ||
	    (o->partition_by && !(t->partition_by = strdup(o->partition_by))) ||
	    (o->partition_of && !(t->partition_of = strdup(new_table_name(r, o->partition_of)))) ||
	    (o->partition_bound && !(t->partition_bound = strdup(o->partition_bound))) ||
	    (o->comment && !(t->comment = strdup(o->comment))))
		return dbt_error_oom();
	t->comment_line = o->comment_line;
	t->comment_col = o->comment_col;
	for (i = 0; i < o->ncolumns; i++) {
		const dbt_column *oc = o->columns[i];
		dbt_column *c;

		if ((rc = dbt_table_add_column(&c, t, new_column_name(r, tn, oc->name), oc->quoted,
					       &oc->type)) < 0)
			return rc;
		c->not_null = oc->not_null;
		c->implied_not_null = oc->implied_not_null;
		c->autoincrement = oc->autoincrement;
		c->identity = oc->identity;
		c->line = oc->line;
		c->col = oc->col;
		c->generated_stored = oc->generated_stored;
		c->not_null_conflict = oc->not_null_conflict;
		c->has_statistics = oc->has_statistics;
		c->statistics = oc->statistics;
		c->storage = oc->storage;
		c->type_storage = oc->type_storage;
		c->dq_default_bare = oc->dq_default_bare;
		if ((rc = copy_places(c, oc)) < 0 || (rc = copy_mysql(c, oc)) < 0)
			return rc;
		if ((oc->collation && !(c->collation = strdup(oc->collation))) ||
		    (oc->identity_options &&
		     !(c->identity_options = strdup(oc->identity_options))) ||
		    (rc = set_renamed(&c->default_expr, oc->default_expr, r, tn)) < 0 ||
		    (rc = set_renamed(&c->generated_expr, oc->generated_expr, r, tn)) < 0)
			return rc < 0 ? rc : dbt_error_oom();
	}
	if (o->pk && ((rc = dbt_table_set_pk(&k, t, o->pk->name)) < 0 ||
		      (rc = copy_key(k, o->pk, r, tn)) < 0))
		return rc;
	for (i = 0; i < o->nuniques; i++)
		if ((rc = dbt_table_add_unique(&k, t, o->uniques[i]->name)) < 0 ||
		    (rc = copy_key(k, o->uniques[i], r, tn)) < 0)
			return rc;
	for (i = 0; i < o->nfks; i++) {
		const dbt_fk *of = o->fks[i];
		dbt_fk *f;

		if ((rc = dbt_table_add_fk(&f, t, of->name, new_table_name(r, of->ref_table))) < 0)
			return rc;
		for (j = 0; j < of->ncolumns && rc == 0; j++)
			rc = dbt_fk_add_column(f, new_column_name(r, tn, of->columns[j]));
		for (j = 0; j < of->nref_columns && rc == 0; j++)
			rc = dbt_fk_add_ref_column(f, new_column_name(r, of->ref_table,
								      of->ref_columns[j]));
		for (j = 0; j < of->nset_columns && rc == 0; j++)
			rc = dbt_fk_add_set_column(f, new_column_name(r, tn, of->set_columns[j]));
		if (rc < 0)
			return rc;
		f->name_given = of->name_given;
		f->ref_columns_given = of->ref_columns_given;
		f->on_delete = of->on_delete;
		f->on_update = of->on_update;
		f->deferrable = of->deferrable;
		f->initially_deferred = of->initially_deferred;
		f->line = of->line;
		f->col = of->col;
		f->ref_line = of->ref_line;
		f->ref_col = of->ref_col;
		f->match = of->match;
	}
	for (i = 0; i < o->nchecks; i++) {
		const dbt_check *oc = o->checks[i];
		dbt_check *c;

		if ((rc = dbt_table_add_check(&c, t, oc->name, "1", 1)) < 0 ||
		    (rc = set_renamed(&c->expr, oc->expr, r, tn)) < 0)
			return rc;
		c->name_given = oc->name_given;
		c->line = oc->line;
		c->col = oc->col;
		c->conflict = oc->conflict;
		c->no_inherit = oc->no_inherit;
	}
	for (i = 0; i < o->nexcludes; i++) {
		const dbt_exclude *ox = o->excludes[i];
		dbt_exclude *x;

		if ((rc = dbt_table_add_exclude(&x, t, ox->name, "1", 1)) < 0 ||
		    (rc = set_renamed(&x->def, ox->def, r, tn)) < 0)
			return rc;
		x->name_given = ox->name_given;
		x->line = ox->line;
		x->col = ox->col;
	}
	return 0;
}

static int copy_index(dbt_schema *s, const dbt_index *o, const struct renames *r)
{
	dbt_index *ix;
	size_t i;
	int rc;

	if ((rc = dbt_schema_add_index(&ix, s, o->name, o->quoted, new_table_name(r, o->table),
				       o->unique)) < 0)
		return rc;
	ix->name_given = o->name_given;
	ix->line = o->line;
	ix->col = o->col;
	ix->table_line = o->table_line;
	ix->table_col = o->table_col;
	for (i = 0; i < o->nelems; i++) {
		const dbt_index_elem *e = &o->elems[i];

		if (e->column)
			rc = dbt_index_add_column(ix, new_column_name(r, o->table, e->column),
						  e->desc);
		else if ((rc = dbt_index_add_expr(ix, "1", 1, e->desc)) == 0)
			rc = set_renamed(&ix->elems[i].expr, e->expr, r, o->table);
		if (rc < 0)
			return rc;
		if (e->opclass && !(ix->elems[i].opclass = strdup(e->opclass)))
			return dbt_error_oom();
		ix->elems[i].nulls = e->nulls;
		ix->elems[i].prefix = e->prefix;
	}
	ix->nulls_not_distinct = o->nulls_not_distinct;
	ix->storage_line = o->storage_line;
	ix->storage_col = o->storage_col;
	ix->pg_line = o->pg_line;
	ix->pg_col = o->pg_col;
	if ((o->storage && !(ix->storage = strdup(o->storage))) ||
	    (o->method && !(ix->method = strdup(o->method))))
		return dbt_error_oom();
	for (i = 0; i < o->ninclude; i++)
		if ((rc = dbt_index_add_include(ix, new_column_name(r, o->table, o->include[i]))) <
		    0)
			return rc;
	return set_renamed(&ix->where, o->where, r, o->table);
}

/*
 * An object keeps its definition, which still names the old names: it
 * differs from the model's, so it is dropped before the renames and
 * created after them.  Never replaced in place: on the way back, a
 * replacement with the old definition would run before the old names are
 * back.
 */
static int copy_object(dbt_schema *s, const dbt_object *o, const struct renames *r)
{
	dbt_object *obj;
	size_t i;
	int touched = renames_touch(r, o->table), rc;

	for (i = 0; i < o->ndeps; i++)
		touched |= renames_touch(r, o->deps[i]);
	if ((rc = dbt_schema_add_object(&obj, s, o->kind, o->name, new_table_name(r, o->table),
					o->definition, o->create_sql, o->drop_sql,
					touched ? NULL : o->replace_sql)) < 0)
		return rc;
	obj->line = o->line;
	obj->col = o->col;
	obj->replace_rewrites = o->replace_rewrites;
	for (i = 0; i < o->ndeps && rc == 0; i++)
		rc = dbt_object_add_dep(obj, new_table_name(r, o->deps[i]));
	return rc;
}

/* `from` as it is after the renames: the schema that the other ops of
 * the diff act on. */
int dbt_diff_renamed_schema(dbt_schema **out, const dbt_schema *from, const struct renames *r)
{
	dbt_schema *s;
	size_t i;
	int rc;

	if ((rc = dbt_schema_new(&s)) < 0)
		return rc;
	for (i = 0; i < from->ntables && rc == 0; i++)
		rc = copy_table(s, from->tables[i], r);
	for (i = 0; i < from->nindexes && rc == 0; i++)
		rc = copy_index(s, from->indexes[i], r);
	for (i = 0; i < from->nobjects && rc == 0; i++)
		rc = copy_object(s, from->objects[i], r);
	if (rc < 0) {
		dbt_schema_free(s);
		return rc;
	}
	*out = s;
	return 0;
}
