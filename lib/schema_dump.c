/*
 * schema_dump.c - the deterministic listing of a Schema (schema_dump.h).
 */
#include "schema_dump.h"

#include <stdlib.h>
#include <string.h>

static void put_list(dbt_buf *b, char **v, size_t n)
{
	size_t i;

	dbt_buf_putc(b, '(');
	for (i = 0; i < n; i++)
		dbt_buf_printf(b, "%s%s", i ? ", " : "", v[i]);
	dbt_buf_putc(b, ')');
}

static void put_name(dbt_buf *b, const char *name, int flags)
{
	if ((flags & DBT_DUMP_NAMES) && name)
		dbt_buf_printf(b, " %s", name);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Each object of a kind is rendered to its own line, then the lines are
 * sorted, so that declaration order does not matter. */
struct lines {
	char **v;
	size_t n;
};

static void lines_add(struct lines *l, dbt_buf *line)
{
	char **v = realloc(l->v, (l->n + 1) * sizeof(*v));
	char *s = dbt_buf_detach(line);

	if (!v || !s) {
		free(s);
		if (v)
			l->v = v;
		return;
	}
	l->v = v;
	l->v[l->n++] = s;
}

static void lines_flush(dbt_buf *out, struct lines *l)
{
	size_t i;

	if (l->n)
		qsort(l->v, l->n, sizeof(*l->v), cmp_str);
	for (i = 0; i < l->n; i++) {
		dbt_buf_puts(out, l->v[i]);
		free(l->v[i]);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* PostgreSQL's INCLUDE columns and NULLS NOT DISTINCT of a key or index. */
static void put_key_options(dbt_buf *b, char **include, size_t ninclude, int nulls_not_distinct)
{
	if (ninclude) {
		dbt_buf_puts(b, " include ");
		put_list(b, include, ninclude);
	}
	if (nulls_not_distinct)
		dbt_buf_puts(b, " nulls not distinct");
}

/* PostgreSQL's deferral of a primary key or unique constraint, and the
 * storage parameters of its index. */
static void put_key_deferral(dbt_buf *b, const dbt_unique *k)
{
	if (k->storage)
		dbt_buf_printf(b, " with (%s)", k->storage);
	if (k->deferrable)
		dbt_buf_printf(b, " deferrable initially %s",
			       k->initially_deferred ? "deferred" : "immediate");
}

/* SQLite's collations of a key's columns, and a column's PRIMARY KEY
 * DESC, which is no rowid alias. */
static void put_key_sqlite(dbt_buf *b, const dbt_unique *k)
{
	size_t i;

	for (i = 0; i < k->ncolumns; i++)
		if (dbt_unique_collation(k, i))
			dbt_buf_printf(b, " %s collate %s", k->columns[i],
				       dbt_unique_collation(k, i));
	if (k->column_desc)
		dbt_buf_puts(b, " column desc");
}

static void dump_column(dbt_buf *b, const dbt_column *c)
{
	static const char *const ident[] = {"", " serial", " identity always",
					    " identity by default"};

	dbt_buf_printf(b, "  column %s ", c->name);
	dbt_type_format(b, &c->type);
	dbt_buf_puts(b, c->not_null ? " NOT NULL" : " NULL");
	if (c->default_expr)
		dbt_buf_printf(b, " DEFAULT %s", c->default_expr);
	if (c->autoincrement)
		dbt_buf_puts(b, " autoincrement");
	dbt_buf_puts(b, ident[c->identity]);
	if (c->has_statistics)
		dbt_buf_printf(b, " statistics %d", c->statistics);
	if (c->storage)
		dbt_buf_printf(b, " storage %c", c->storage);
	if (c->identity_options)
		dbt_buf_printf(b, " (%s)", c->identity_options);
	if (c->collation)
		dbt_buf_printf(b, " COLLATE %s", c->collation);
	if (c->generated_expr)
		dbt_buf_printf(b, " GENERATED ALWAYS AS (%s) %s", c->generated_expr,
			       c->generated_stored ? "STORED" : "VIRTUAL");
	if (dbt_column_on_update(c))
		dbt_buf_printf(b, " ON UPDATE %s", dbt_column_on_update(c));
	if (dbt_column_comment(c))
		dbt_buf_printf(b, " COMMENT %s", dbt_column_comment(c));
	dbt_buf_putc(b, '\n');
}

static void dump_table(dbt_buf *out, const dbt_table *t, int flags)
{
	struct lines l = {NULL, 0};
	dbt_buf b = DBT_BUF_INIT;
	size_t i;

	dbt_buf_printf(out, "table %s%s%s%s\n", t->name, t->strict ? " STRICT" : "",
		       t->without_rowid ? " WITHOUT ROWID" : "", t->unlogged ? " UNLOGGED" : "");
	if (t->partition_of)
		dbt_buf_printf(out, "  partition of %s %s\n", t->partition_of,
			       t->partition_bound ? t->partition_bound : "?");
	if (t->partition_by)
		dbt_buf_printf(out, "  partition by %s\n", t->partition_by);
	if (t->storage)
		dbt_buf_printf(out, "  with (%s)\n", t->storage);
	if (t->comment)
		dbt_buf_printf(out, "  comment %s\n", t->comment);
	for (i = 0; i < t->ncolumns; i++)
		dump_column(out, t->columns[i]);
	if (t->pk) {
		dbt_buf_puts(out, "  primary key");
		put_name(out, t->pk->name, flags);
		dbt_buf_putc(out, ' ');
		put_list(out, t->pk->columns, t->pk->ncolumns);
		put_key_options(out, t->pk->include, t->pk->ninclude, t->pk->nulls_not_distinct);
		put_key_deferral(out, t->pk);
		put_key_sqlite(out, t->pk);
		dbt_buf_putc(out, '\n');
	}
	for (i = 0; i < t->nuniques; i++) {
		dbt_buf_puts(&b, "  unique ");
		put_list(&b, t->uniques[i]->columns, t->uniques[i]->ncolumns);
		put_key_options(&b, t->uniques[i]->include, t->uniques[i]->ninclude,
				t->uniques[i]->nulls_not_distinct);
		put_key_deferral(&b, t->uniques[i]);
		put_key_sqlite(&b, t->uniques[i]);
		put_name(&b, t->uniques[i]->name, flags);
		dbt_buf_putc(&b, '\n');
		lines_add(&l, &b);
	}
	for (i = 0; i < t->nfks; i++) {
		const dbt_fk *fk = t->fks[i];

		dbt_buf_puts(&b, "  foreign key ");
		put_list(&b, fk->columns, fk->ncolumns);
		dbt_buf_printf(&b, " -> %s ", fk->ref_table);
		put_list(&b, fk->ref_columns, fk->nref_columns);
		dbt_buf_printf(&b, " on delete %s on update %s", dbt_fk_action_name(fk->on_delete),
			       dbt_fk_action_name(fk->on_update));
		if (fk->nset_columns) {
			dbt_buf_puts(&b, " setting ");
			put_list(&b, fk->set_columns, fk->nset_columns);
		}
		if (fk->match != DBT_FK_MATCH_SIMPLE)
			dbt_buf_puts(&b, fk->match == DBT_FK_MATCH_FULL ? " match full"
									: " match partial");
		if (fk->deferrable)
			dbt_buf_printf(&b, " deferrable initially %s",
				       fk->initially_deferred ? "deferred" : "immediate");
		put_name(&b, fk->name, flags);
		dbt_buf_putc(&b, '\n');
		lines_add(&l, &b);
	}
	for (i = 0; i < t->nchecks; i++) {
		dbt_buf_printf(&b, "  check (%s)%s", t->checks[i]->expr,
			       t->checks[i]->no_inherit ? " no inherit" : "");
		put_name(&b, t->checks[i]->name, flags);
		dbt_buf_putc(&b, '\n');
		lines_add(&l, &b);
	}
	for (i = 0; i < t->nexcludes; i++) {
		dbt_buf_printf(&b, "  exclude %s", t->excludes[i]->def);
		put_name(&b, t->excludes[i]->name, flags);
		dbt_buf_putc(&b, '\n');
		lines_add(&l, &b);
	}
	lines_flush(out, &l);
	dbt_buf_release(&b);
}

static int cmp_table(const void *a, const void *b)
{
	return strcmp((*(dbt_table *const *)a)->name, (*(dbt_table *const *)b)->name);
}

void dbt_schema_dump(dbt_buf *out, const dbt_schema *schema, int flags)
{
	struct lines l = {NULL, 0};
	dbt_buf b = DBT_BUF_INIT;
	dbt_table **tables;
	size_t i, j;

	tables = malloc((schema->ntables ? schema->ntables : 1) * sizeof(*tables));
	if (!tables) {
		out->oom = 1;
		return;
	}
	if (schema->ntables)
		memcpy(tables, schema->tables, schema->ntables * sizeof(*tables));
	qsort(tables, schema->ntables, sizeof(*tables), cmp_table);
	for (i = 0; i < schema->ntables; i++)
		dump_table(out, tables[i], flags);
	free(tables);

	for (i = 0; i < schema->nindexes; i++) {
		const dbt_index *ix = schema->indexes[i];

		dbt_buf_printf(&b, "index on %s%s%s%s (", ix->table, ix->unique ? " unique" : "",
			       ix->method ? " using " : "", ix->method ? ix->method : "");
		for (j = 0; j < ix->nelems; j++) {
			const dbt_index_elem *e = &ix->elems[j];

			if (j)
				dbt_buf_puts(&b, ", ");
			if (e->column)
				dbt_buf_puts(&b, e->column);
			else
				dbt_buf_printf(&b, "(%s)", e->expr);
			if (e->opclass)
				dbt_buf_printf(&b, " %s", e->opclass);
			if (e->desc)
				dbt_buf_puts(&b, " DESC");
			if (e->nulls)
				dbt_buf_puts(&b, e->nulls == DBT_NULLS_FIRST ? " NULLS FIRST"
									     : " NULLS LAST");
		}
		dbt_buf_putc(&b, ')');
		put_key_options(&b, ix->include, ix->ninclude, ix->nulls_not_distinct);
		if (ix->storage)
			dbt_buf_printf(&b, " with (%s)", ix->storage);
		if (ix->where)
			dbt_buf_printf(&b, " WHERE %s", ix->where);
		put_name(&b, ix->name, flags);
		dbt_buf_putc(&b, '\n');
		lines_add(&l, &b);
	}
	lines_flush(out, &l);
	dbt_buf_release(&b);
}
