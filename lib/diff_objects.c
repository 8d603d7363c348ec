/*
 * diff_objects.c - the differ's plan for the objects held as definitions
 * (views, functions, triggers, types ...; diff.h describes the order):
 * matched by kind and name, ordered by their dependencies (sort.h), and
 * dropped and created again around the table ops that need it.
 */
#define _GNU_SOURCE /* qsort_r */

#include "diff_int.h"

#include "sort.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- objects */

/*
 * The objects of one side (schema), with what the plan needs to know of
 * them: their place in (kind, name) order, their "kind name" keys, the
 * objects of the same side each depends on and those that depend on each
 * (deps resolved by key), and whether each depends on a table.
 */
struct oside {
	dbt_object *const *v;
	size_t n;
	size_t *rank;	     /* object -> place in (kind, name) order */
	size_t *byrank;	     /* place -> object */
	char **keys;	     /* object -> "kind name" */
	size_t *bykey;	     /* objects sorted by key */
	size_t *doff, *dep;  /* what object i depends on: dep[doff[i]] .. dep[doff[i + 1] - 1] */
	size_t *roff, *rdep; /* what depends on object i, likewise */
	char *tabdep;	     /* depends on a table */
};

static void oside_release(struct oside *s)
{
	size_t i;

	for (i = 0; s->keys && i < s->n; i++)
		free(s->keys[i]);
	free(s->keys);
	free(s->rank);
	free(s->byrank);
	free(s->bykey);
	free(s->doff);
	free(s->dep);
	free(s->roff);
	free(s->rdep);
	free(s->tabdep);
}

/* The place of `kind` in creation order: roles, which any object may
 * name (a grant, a policy), first, then the kinds in their order. */
static int kind_rank(dbt_object_kind kind)
{
	return kind == DBT_OBJ_ROLE ? -1 : (int)kind;
}

static int cmp_rank(const void *x, const void *y, void *arg)
{
	const struct oside *s = arg;
	const dbt_object *a = s->v[*(const size_t *)x], *b = s->v[*(const size_t *)y];

	if (a->kind != b->kind)
		return kind_rank(a->kind) < kind_rank(b->kind) ? -1 : 1;
	return strcmp(a->name, b->name);
}

static int cmp_key(const void *x, const void *y, void *arg)
{
	const struct oside *s = arg;

	return strcmp(s->keys[*(const size_t *)x], s->keys[*(const size_t *)y]);
}

/* The object of `s` whose key is `key`; NONE when none. */
static size_t oside_find(const struct oside *s, const char *key)
{
	size_t lo = 0, hi = s->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(s->keys[s->bykey[mid]], key);

		if (!c)
			return s->bykey[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NONE;
}

static int oside_build(struct oside *s, const dbt_schema *schema, const struct state *st)
{
	size_t i, k, m, nd = 0;

	memset(s, 0, sizeof(*s));
	s->v = schema->objects;
	s->n = schema->nobjects;
	m = s->n ? s->n : 1;
	s->rank = malloc(m * sizeof(*s->rank));
	s->byrank = malloc(m * sizeof(*s->byrank));
	s->keys = calloc(m, sizeof(*s->keys));
	s->bykey = malloc(m * sizeof(*s->bykey));
	s->doff = calloc(m + 1, sizeof(*s->doff));
	s->roff = calloc(m + 1, sizeof(*s->roff));
	s->tabdep = calloc(m, 1);
	if (!s->rank || !s->byrank || !s->keys || !s->bykey || !s->doff || !s->roff || !s->tabdep)
		return dbt_error_oom();
	for (i = 0; i < s->n; i++) {
		const char *kind = dbt_object_kind_name(s->v[i]->kind);
		size_t lk = strlen(kind), ln = strlen(s->v[i]->name);

		if (!(s->keys[i] = malloc(lk + ln + 2)))
			return dbt_error_oom();
		memcpy(s->keys[i], kind, lk);
		s->keys[i][lk] = ' ';
		memcpy(s->keys[i] + lk + 1, s->v[i]->name, ln + 1);
		s->byrank[i] = s->bykey[i] = i;
		nd += s->v[i]->ndeps;
	}
	qsort_r(s->byrank, s->n, sizeof(*s->byrank), cmp_rank, s);
	qsort_r(s->bykey, s->n, sizeof(*s->bykey), cmp_key, s);
	for (i = 0; i < s->n; i++)
		s->rank[s->byrank[i]] = i;
	s->dep = malloc((nd ? nd : 1) * sizeof(*s->dep));
	s->rdep = malloc((nd ? nd : 1) * sizeof(*s->rdep));
	if (!s->dep || !s->rdep)
		return dbt_error_oom();
	nd = 0;
	for (i = 0; i < s->n; i++) {
		const dbt_object *obj = s->v[i];

		s->doff[i] = nd;
		for (k = 0; k < obj->ndeps; k++) {
			size_t j = oside_find(s, obj->deps[k]);

			if (j == NONE) {
				if (find_pair(st, obj->deps[k]))
					s->tabdep[i] = 1;
			} else if (j != i) {
				s->dep[nd++] = j;
				s->roff[j + 1]++;
			}
		}
	}
	s->doff[s->n] = nd;
	for (i = 0; i < s->n; i++)
		s->roff[i + 1] += s->roff[i];
	for (i = 0; i < s->n; i++)
		for (k = s->doff[i]; k < s->doff[i + 1]; k++)
			s->rdep[s->roff[s->dep[k]]++] = i;
	for (i = s->n; i > 0; i--)
		s->roff[i] = s->roff[i - 1];
	s->roff[0] = 0;
	return 0;
}

/*
 * The objects of `s` marked in `in`, in creation order (into `out`, their
 * number into `*nout`): what an object depends on first, else by kind and
 * name; a cycle, which the database would not allow, is entered at its
 * first object by kind and name.
 */
static int oside_order(size_t *out, size_t *nout, const struct oside *s, const char *in)
{
	dbt_deps d = {s->n, s->rank, s->byrank, s->doff, s->dep, s->roff, s->rdep};

	return dbt_deps_order(out, nout, &d, in);
}

/* 1 for the kinds that a column may use, created before the tables and
 * dropped after them when they depend on no table. */
static int table_uses_kind(dbt_object_kind kind)
{
	return kind < DBT_OBJ_FUNCTION || kind == DBT_OBJ_ROLE;
}

/* 1 when `expr` calls the routine named `name` (`len` bytes, as written
 * before its parameter list): the name as a whole word, then "(". */
static int calls(const char *expr, const char *name, size_t len)
{
	const char *p, *q;

	for (p = expr; *p; p++) {
		if (strncmp(p, name, len) != 0)
			continue;
		if (p > expr &&
		    (isalnum((unsigned char)p[-1]) || p[-1] == '_' || p[-1] == '.' || p[-1] == '"'))
			continue;
		for (q = p + len; *q == ' '; q++)
			;
		if (*q == '(')
			return 1;
	}
	return 0;
}

/*
 * 1 when a function of `schema` is called by a table's expressions there:
 * a column's default or generation, a CHECK, an index key or predicate.
 * Such a function goes before the table ops that make them, as the kinds
 * tables use do, and is dropped after those that drop them (PostgreSQL
 * refuses to drop a function a constraint calls).  Other functions come
 * after the tables, since PostgreSQL checks a SQL function's body, which
 * may read them, when it is made.
 */
static int tables_call(const dbt_object *fn, const dbt_schema *schema)
{
	const char *name = fn->name;
	size_t len = strcspn(name, "("), i, k;

	if (fn->kind != DBT_OBJ_FUNCTION || !len)
		return 0;
	for (i = 0; i < schema->ntables; i++) {
		const dbt_table *t = schema->tables[i];

		for (k = 0; k < t->ncolumns; k++) {
			const dbt_column *c = t->columns[k];
			char *d = c->default_expr, *g = c->generated_expr;

			if ((d && calls(d, name, len)) || (g && calls(g, name, len)))
				return 1;
		}
		for (k = 0; k < t->nchecks; k++)
			if (calls(t->checks[k]->expr, name, len))
				return 1;
	}
	for (i = 0; i < schema->nindexes; i++) {
		const dbt_index *ix = schema->indexes[i];

		if (ix->where && calls(ix->where, name, len))
			return 1;
		for (k = 0; k < ix->nelems; k++)
			if (ix->elems[k].expr && calls(ix->elems[k].expr, name, len))
				return 1;
	}
	return 0;
}

/* 1 for the kinds PostgreSQL will not leave in place while a column of
 * their table changes type or is dropped. */
static int blocks_alter(dbt_object_kind kind)
{
	return kind == DBT_OBJ_VIEW || kind == DBT_OBJ_MATVIEW || kind == DBT_OBJ_TRIGGER ||
	       kind == DBT_OBJ_POLICY || kind == DBT_OBJ_STATISTICS;
}

static int object_on(const dbt_object *obj, const char *table)
{
	size_t k;

	if (obj->table && !strcmp(obj->table, table))
		return 1;
	for (k = 0; k < obj->ndeps; k++)
		if (!strcmp(obj->deps[k], table))
			return 1;
	return 0;
}

/* The length of line `n` (0 first) of `text`, which `*line` is set to;
 * 0 when there is no such line. */
static size_t nth_line(const char **line, const char *text, int n)
{
	const char *p = text, *end;

	for (; n > 0 && p; n--)
		if ((p = strchr(p, '\n')))
			p++;
	*line = p;
	if (!p)
		return 0;
	end = strchr(p, '\n');
	return end ? (size_t)(end - p) : strlen(p);
}

/*
 * 1 when a routine's definition changes what CREATE OR REPLACE cannot:
 * its arguments as the header line prints them (a parameter's default
 * taken away, an OUT parameter) or, for a function, its RETURNS line.
 * Such a routine is dropped and created again.
 */
static int routine_signature_changes(const dbt_object *a, const dbt_object *b)
{
	const char *la, *lb;
	size_t na, nb;
	int n;

	/* pg_get_functiondef's form: the header, then one clause a line. */
	if (a->kind != b->kind || (a->kind != DBT_OBJ_FUNCTION && a->kind != DBT_OBJ_PROCEDURE) ||
	    !a->definition || !b->definition || !strchr(a->definition, '\n') ||
	    !strchr(b->definition, '\n'))
		return 0;
	for (n = 0; n < 2; n++) {
		na = nth_line(&la, a->definition, n);
		nb = nth_line(&lb, b->definition, n);
		if (n == 1 &&
		    (!la || !lb || strncmp(la, " RETURNS ", 9) || strncmp(lb, " RETURNS ", 9)))
			break;
		if (na != nb || (na && memcmp(la, lb, na)))
			return 1;
	}
	return 0;
}

/* 1 when `obj` is on a table of `schema` that has a column of the type
 * `type` (or an array of it). */
static int on_table_using(const dbt_object *obj, const dbt_schema *schema, const char *type)
{
	size_t i, k, n = strlen(type);

	for (i = 0; i < schema->ntables; i++) {
		const dbt_table *t = schema->tables[i];

		if (!object_on(obj, t->name))
			continue;
		for (k = 0; k < t->ncolumns; k++) {
			const char *ct = t->columns[k]->type.text;

			if (ct && !strncmp(ct, type, n) && (!ct[n] || !strcmp(ct + n, "[]")))
				return 1;
		}
	}
	return 0;
}

void dbt_diff_objops_release(struct objops *g)
{
	free(g->early_drops.v);
	free(g->early_creates.v);
	free(g->late_drops.v);
	free(g->late_creates.v);
}

/*
 * Plans the object ops between `st->from` and `st->to`; `tables` are the
 * table ops already computed (for opts->objects_around_alters).
 */
int dbt_diff_plan_objects(struct objops *g, const struct state *st, const struct ops *tables,
			  int around_alters)
{
	struct oside a, b;
	size_t *amatch = NULL, *bmatch = NULL, *queue = NULL, *order = NULL;
	char *drop = NULL, *create = NULL, *replace = NULL, *late = NULL, *in = NULL;
	size_t i, k, nq = 0, norder, na = st->from->nobjects, nb = st->to->nobjects;
	int rc;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	if ((rc = oside_build(&a, st->from, st)) < 0 || (rc = oside_build(&b, st->to, st)) < 0)
		goto cleanup;
	amatch = malloc((na ? na : 1) * sizeof(*amatch));
	bmatch = malloc((nb ? nb : 1) * sizeof(*bmatch));
	queue = malloc((na ? na : 1) * sizeof(*queue));
	order = malloc((na > nb ? na + 1 : nb + 1) * sizeof(*order));
	drop = calloc(na ? na : 1, 1);
	create = calloc(nb ? nb : 1, 1);
	replace = calloc(nb ? nb : 1, 1);
	late = calloc(na > nb ? na + 1 : nb + 1, 1);
	in = calloc(na > nb ? na + 1 : nb + 1, 1);
	if (!amatch || !bmatch || !queue || !order || !drop || !create || !replace || !late ||
	    !in) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	for (i = 0; i < nb; i++)
		bmatch[i] = oside_find(&a, b.keys[i]);
	for (i = 0; i < na; i++)
		amatch[i] = oside_find(&b, a.keys[i]);

	/* What differs. */
	for (i = 0; i < nb; i++) {
		const dbt_object *nw = b.v[i], *old;

		if (bmatch[i] == NONE) {
			create[i] = 1;
			continue;
		}
		old = a.v[bmatch[i]];
		if (streq_null(old->definition, nw->definition))
			continue;
		if (old->replace_sql && nw->replace_sql && !routine_signature_changes(old, nw)) {
			replace[i] = 1;
		} else {
			create[i] = 1;
			drop[bmatch[i]] = 1;
		}
	}
	for (i = 0; i < na; i++)
		if (amatch[i] == NONE)
			drop[i] = 1;
	if (around_alters) {
		for (k = 0; k < tables->n; k++) {
			const dbt_op *op = &tables->v[k];

			if (op->kind != DBT_OP_ALTER_TYPE && op->kind != DBT_OP_DROP_COLUMN)
				continue;
			for (i = 0; i < na; i++)
				if (!drop[i] && blocks_alter(a.v[i]->kind) &&
				    object_on(a.v[i], op->table->name))
					drop[i] = 1;
		}
	}

	/* An object made again with the columns that use it (an enum) gives
	 * them a new type: what blocks that on their tables goes likewise. */
	for (k = 0; around_alters && k < nb; k++) {
		if (!replace[k] || !b.v[k]->replace_rewrites)
			continue;
		for (i = 0; i < na; i++)
			if (!drop[i] && blocks_alter(a.v[i]->kind) &&
			    on_table_using(a.v[i], st->from, b.v[k]->name))
				drop[i] = 1;
	}

	/* A grant replaced revokes all first, which takes the grants that
	 * depend on it (its table's columns'): they go and come back. */
	for (i = 0; i < nb; i++) {
		size_t u = bmatch[i];

		if (!replace[i] || b.v[i]->kind != DBT_OBJ_GRANT || u == NONE)
			continue;
		for (k = a.roff[u]; k < a.roff[u + 1]; k++)
			drop[a.rdep[k]] = 1;
	}

	/* What depends on a dropped object goes too, and comes back. */
	for (i = 0; i < na; i++)
		if (drop[i])
			queue[nq++] = i;
	while (nq) {
		size_t u = queue[--nq];

		if (amatch[u] != NONE) {
			replace[amatch[u]] = 0;
			create[amatch[u]] = 1;
		}
		for (k = a.roff[u]; k < a.roff[u + 1]; k++) {
			size_t v = a.rdep[k];

			if (!drop[v]) {
				drop[v] = 1;
				queue[nq++] = v;
			}
		}
	}

	/* Drops: dependents first.  One of a kind that tables use, that
	 * depends on no table, and that `to` lacks waits for the table ops,
	 * unless something it depends on is dropped before them. */
	if ((rc = oside_order(order, &norder, &a, drop)) < 0)
		goto cleanup;
	for (k = 0; k < norder; k++) {
		size_t u = order[k], j;

		late[u] = (table_uses_kind(a.v[u]->kind) || tables_call(a.v[u], st->from)) &&
			  !a.tabdep[u] && amatch[u] == NONE;
		for (j = a.doff[u]; late[u] && j < a.doff[u + 1]; j++)
			if (drop[a.dep[j]] && !late[a.dep[j]])
				late[u] = 0;
	}
	for (k = norder; k-- > 0;) {
		size_t u = order[k];
		dbt_op *op = emit(late[u] ? &g->late_drops : &g->early_drops, DBT_OP_DROP_OBJECT,
				  NULL, NULL);

		if (op)
			op->old_object = a.v[u];
	}

	/* Creates and replaces: what they depend on first.  One of a kind
	 * that tables use goes before the table ops when it depends on no
	 * table and on nothing created after them. */
	for (i = 0; i < nb; i++)
		in[i] = create[i] || replace[i];
	if ((rc = oside_order(order, &norder, &b, in)) < 0)
		goto cleanup;
	memset(late, 0, nb);
	for (k = 0; k < norder; k++) {
		size_t u = order[k], j;
		dbt_op *op;

		late[u] = (!table_uses_kind(b.v[u]->kind) && !tables_call(b.v[u], st->to)) ||
			  b.tabdep[u];
		for (j = b.doff[u]; !late[u] && j < b.doff[u + 1]; j++)
			if (in[b.dep[j]] && late[b.dep[j]])
				late[u] = 1;
		op = emit(late[u] ? &g->late_creates : &g->early_creates,
			  replace[u] ? DBT_OP_REPLACE_OBJECT : DBT_OP_CREATE_OBJECT, NULL, NULL);
		if (op) {
			op->object = b.v[u];
			op->old_object = replace[u] ? a.v[bmatch[u]] : NULL;
		}
	}
	rc = 0;
cleanup:
	oside_release(&a);
	oside_release(&b);
	free(amatch);
	free(bmatch);
	free(queue);
	free(order);
	free(drop);
	free(create);
	free(replace);
	free(late);
	free(in);
	return rc;
}

/* Appends the ops of `src` to `dst`. */
void dbt_diff_append_ops(struct ops *dst, const struct ops *src)
{
	size_t i;

	if (src->oom)
		dst->oom = 1;
	for (i = 0; i < src->n; i++) {
		dbt_op *op = emit(dst, src->v[i].kind, NULL, NULL);

		if (op)
			*op = src->v[i];
	}
}
