/*
 * parse_remove.c - objects leaving the model, for the model parser (see
 * parse_internal.h): DROP TABLE, DROP INDEX and ALTER TABLE ... DROP
 * CONSTRAINT, refused while a foreign key needs what goes, with the names
 * still to be checked (struct ref) that point into it forgotten.  What
 * DROP TABLE takes along besides (kept statements, owned sequences, views)
 * is parse_drop.c's.
 */
#include "parse_internal.h"

#include "error.h"

#include <stdlib.h>
#include <string.h>

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
int alter_drop_constraint(struct parser *p, dbt_table *t)
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
