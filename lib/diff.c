/*
 * diff.c - the differ (diff.h): compares the Schema a database has with the
 * Schema the model declares and lists, in an order that can be executed,
 * the operations that turn one into the other.
 *
 * Tables of both schemas are merged into one list of pairs sorted by name,
 * so that lookups are binary searches and "tables in name order" is the
 * list's order.  Constraints and indexes are matched by definition in two
 * passes: first pairs whose names agree too, then the rest by definition
 * alone where the model left the name to the database.
 *
 * Tables that are created (or dropped) together are ordered by their
 * foreign keys, pg_dump style: a topological sort that takes the first
 * table by name whenever several are free.  Where the dialect cannot name
 * a table that does not exist yet, the tables of a foreign-key cycle get
 * `fks_deferred` and their foreign keys become separate ADD_FK (or, for
 * drops, DROP_FK) ops; so do those of a table whose foreign key needs a key
 * of an existing table that this same diff adds (or drops).
 */
#define _GNU_SOURCE /* qsort_r */

#include "diff.h"

#include "error.h"
#include "ident.h"
#include "parse.h"
#include "sort.h"

#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NONE SIZE_MAX

/* A table name with the table it names in each schema (either may be
 * NULL), and what was matched between the two. */
struct pair {
	const char *name;
	const dbt_table *a; /* in `from` */
	const dbt_table *b; /* in `to` */
	char *flags;	    /* one allocation for the six arrays below */
	char *a_uq, *b_uq;  /* 1 where the unique constraint has a match */
	char *a_fk, *b_fk;
	char *a_ck, *b_ck;
	char *a_ex, *b_ex;
	int pk_matched;
	int deferred; /* created or dropped with its fks as separate ops */
	int recreate; /* in both, but dropped and created again */
};

/* The table is in both schemas and changes in place. */
#define BOTH(p) ((p)->a && (p)->b && !(p)->recreate)
/* The table is dropped (from `from`) or created (in `to`). */
#define DROPPED(p) ((p)->a && (!(p)->b || (p)->recreate))
#define CREATED(p) ((p)->b && (!(p)->a || (p)->recreate))

struct state {
	const dbt_schema *from, *to;
	int forward_refs;
	struct pair *pairs; /* sorted by name */
	size_t npairs;
	char *a_ix, *b_ix; /* 1 where the index has a match */
};

struct ops {
	dbt_op *v;
	size_t n, cap;
	int oom;
};

/* What a dbt_diff's ops array is allocated behind: the schema `from`
 * with the renames applied (NULL when there are none), which the ops
 * after the renames point into. */
union diff_head {
	dbt_schema *renamed;
	max_align_t align;
};

/* ------------------------------------------------------------- helpers */

static int streq_null(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return !strcmp(a, b);
}

static int same_list(char *const *a, size_t na, char *const *b, size_t nb)
{
	size_t i;

	if (na != nb)
		return 0;
	for (i = 0; i < na; i++)
		if (strcmp(a[i], b[i]))
			return 0;
	return 1;
}

/* The same columns in any order (a key backs a foreign key whatever the
 * order of its columns). */
static int same_set(char *const *a, size_t na, char *const *b, size_t nb)
{
	size_t i, j;

	if (na != nb)
		return 0;
	for (i = 0; i < na; i++) {
		for (j = 0; j < nb && strcmp(a[i], b[j]); j++)
			;
		if (j == nb)
			return 0;
	}
	return 1;
}

static struct pair *find_pair(const struct state *st, const char *name)
{
	size_t lo = 0, hi = st->npairs;

	if (!name)
		return NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(st->pairs[mid].name, name);

		if (!c)
			return &st->pairs[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static dbt_op *emit(struct ops *o, dbt_op_kind kind, const dbt_table *table,
		    const dbt_table *old_table)
{
	dbt_op *op;

	if (o->oom)
		return NULL;
	if (o->n == o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 16;
		dbt_op *v = realloc(o->v, cap * sizeof(*v));

		if (!v) {
			o->oom = 1;
			return NULL;
		}
		o->v = v;
		o->cap = cap;
	}
	op = &o->v[o->n++];
	memset(op, 0, sizeof(*op));
	op->kind = kind;
	op->table = table;
	op->old_table = old_table;
	return op;
}

/* ------------------------------------------------------------ matching */

/*
 * How object i of `av` compares with object j of `bv` (arrays of pointers
 * to one kind of object): 0 no match, 1 the same definition, 2 the same
 * definition and name.  A model object whose name was given matches only
 * with its name.
 */
typedef int (*cmp_fn)(const void *av, size_t i, const void *bv, size_t j);

static int names_match(const char *a, const char *b, int given)
{
	if (a && b && !strcmp(a, b))
		return 2;
	return given ? 0 : 1;
}

static int cmp_unique(const void *av, size_t i, const void *bv, size_t j)
{
	const dbt_unique *a = ((dbt_unique *const *)av)[i];
	const dbt_unique *b = ((dbt_unique *const *)bv)[j];

	if (!same_list(a->columns, a->ncolumns, b->columns, b->ncolumns))
		return 0;
	return names_match(a->name, b->name, b->name_given);
}

static int fk_same(const dbt_fk *a, const dbt_fk *b)
{
	return same_list(a->columns, a->ncolumns, b->columns, b->ncolumns) &&
	       streq_null(a->ref_table, b->ref_table) &&
	       same_list(a->ref_columns, a->nref_columns, b->ref_columns, b->nref_columns) &&
	       a->on_delete == b->on_delete && a->on_update == b->on_update &&
	       a->deferrable == b->deferrable && a->initially_deferred == b->initially_deferred &&
	       a->match == b->match;
}

static int cmp_fk(const void *av, size_t i, const void *bv, size_t j)
{
	const dbt_fk *a = ((dbt_fk *const *)av)[i];
	const dbt_fk *b = ((dbt_fk *const *)bv)[j];

	if (!fk_same(a, b))
		return 0;
	return names_match(a->name, b->name, b->name_given);
}

static int cmp_check(const void *av, size_t i, const void *bv, size_t j)
{
	const dbt_check *a = ((dbt_check *const *)av)[i];
	const dbt_check *b = ((dbt_check *const *)bv)[j];

	if (!streq_null(a->expr, b->expr))
		return 0;
	return names_match(a->name, b->name, b->name_given);
}

static int cmp_exclude(const void *av, size_t i, const void *bv, size_t j)
{
	const dbt_exclude *a = ((dbt_exclude *const *)av)[i];
	const dbt_exclude *b = ((dbt_exclude *const *)bv)[j];

	if (!streq_null(a->def, b->def))
		return 0;
	return names_match(a->name, b->name, b->name_given);
}

static int index_same(const dbt_index *a, const dbt_index *b)
{
	size_t i;

	if (!streq_null(a->table, b->table) || !a->unique != !b->unique || a->nelems != b->nelems ||
	    !streq_null(a->where, b->where) || !streq_null(a->method, b->method))
		return 0;
	for (i = 0; i < a->nelems; i++) {
		const dbt_index_elem *x = &a->elems[i], *y = &b->elems[i];

		if (!streq_null(x->column, y->column) || !streq_null(x->expr, y->expr) ||
		    !x->desc != !y->desc || !streq_null(x->opclass, y->opclass) ||
		    x->nulls != y->nulls)
			return 0;
	}
	return 1;
}

static int cmp_index(const void *av, size_t i, const void *bv, size_t j)
{
	const dbt_index *a = ((dbt_index *const *)av)[i];
	const dbt_index *b = ((dbt_index *const *)bv)[j];

	if (!index_same(a, b))
		return 0;
	return names_match(a->name, b->name, b->name_given);
}

/* Marks in `am` and `bm` the objects that have a match on the other side,
 * each matched at most once, objects with equal names first. */
static void match(char *am, const void *av, size_t na, char *bm, const void *bv, size_t nb,
		  cmp_fn cmp)
{
	size_t i, j;
	int pass;

	for (pass = 2; pass >= 1; pass--)
		for (j = 0; j < nb; j++)
			for (i = 0; !bm[j] && i < na; i++)
				if (!am[i] && cmp(av, i, bv, j) >= pass)
					am[i] = bm[j] = 1;
}

static int match_pair(struct pair *p)
{
	const dbt_table *a = p->a, *b = p->b;
	char am = 0, bm = 0;
	size_t n;

	n = a->nuniques + b->nuniques + a->nfks + b->nfks + a->nchecks + b->nchecks + a->nexcludes +
	    b->nexcludes;
	p->flags = calloc(n ? n : 1, 1);
	if (!p->flags)
		return dbt_error_oom();
	p->a_uq = p->flags;
	p->b_uq = p->a_uq + a->nuniques;
	p->a_fk = p->b_uq + b->nuniques;
	p->b_fk = p->a_fk + a->nfks;
	p->a_ck = p->b_fk + b->nfks;
	p->b_ck = p->a_ck + a->nchecks;
	p->a_ex = p->b_ck + b->nchecks;
	p->b_ex = p->a_ex + a->nexcludes;

	match(&am, &a->pk, a->pk ? 1 : 0, &bm, &b->pk, b->pk ? 1 : 0, cmp_unique);
	p->pk_matched = am;
	match(p->a_uq, a->uniques, a->nuniques, p->b_uq, b->uniques, b->nuniques, cmp_unique);
	match(p->a_fk, a->fks, a->nfks, p->b_fk, b->fks, b->nfks, cmp_fk);
	match(p->a_ck, a->checks, a->nchecks, p->b_ck, b->checks, b->nchecks, cmp_check);
	match(p->a_ex, a->excludes, a->nexcludes, p->b_ex, b->excludes, b->nexcludes, cmp_exclude);
	return 0;
}

/* PostgreSQL changes neither a table's partition key nor whether and of
 * which table it is a partition in place. */
static int partitioning_changes(const dbt_table *a, const dbt_table *b)
{
	return !streq_null(a->partition_by, b->partition_by) ||
	       !streq_null(a->partition_of, b->partition_of);
}

/* Marks for recreation the pairs whose partitioning changes, and the
 * partitions (on either side) of every table recreated or dropped, which
 * PostgreSQL drops along with it. */
static void mark_recreated(struct state *st)
{
	size_t i;
	int more = 1;

	for (i = 0; i < st->npairs; i++) {
		struct pair *p = &st->pairs[i];

		if (p->a && p->b && partitioning_changes(p->a, p->b))
			p->recreate = 1;
	}
	while (more) {
		more = 0;
		for (i = 0; i < st->npairs; i++) {
			struct pair *p = &st->pairs[i], *parent;

			if (!BOTH(p) || !p->a->partition_of)
				continue;
			parent = find_pair(st, p->a->partition_of);
			if (parent && DROPPED(parent)) {
				p->recreate = 1;
				more = 1;
			}
		}
	}
}

static int cmp_table_ptr(const void *x, const void *y)
{
	return strcmp((*(dbt_table *const *)x)->name, (*(dbt_table *const *)y)->name);
}

/* Builds the name-sorted pairs and matches everything that can match. */
static int build_pairs(struct state *st)
{
	const dbt_table **a = NULL, **b = NULL;
	size_t na = st->from->ntables, nb = st->to->ntables, i = 0, j = 0, k;
	int rc = DBT_ERROR;

	a = malloc((na ? na : 1) * sizeof(*a));
	b = malloc((nb ? nb : 1) * sizeof(*b));
	st->pairs = calloc(na + nb ? na + nb : 1, sizeof(*st->pairs));
	st->a_ix = calloc(st->from->nindexes ? st->from->nindexes : 1, 1);
	st->b_ix = calloc(st->to->nindexes ? st->to->nindexes : 1, 1);
	if (!a || !b || !st->pairs || !st->a_ix || !st->b_ix) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	for (k = 0; k < na; k++)
		a[k] = st->from->tables[k];
	for (k = 0; k < nb; k++)
		b[k] = st->to->tables[k];
	qsort(a, na, sizeof(*a), cmp_table_ptr);
	qsort(b, nb, sizeof(*b), cmp_table_ptr);

	while (i < na || j < nb) {
		struct pair *p = &st->pairs[st->npairs++];
		int c = i == na ? 1 : j == nb ? -1 : strcmp(a[i]->name, b[j]->name);

		if (c <= 0)
			p->a = a[i++];
		if (c >= 0)
			p->b = b[j++];
		p->name = p->a ? p->a->name : p->b->name;
	}
	mark_recreated(st);
	for (k = 0; k < st->npairs; k++)
		if (BOTH(&st->pairs[k]) && (rc = match_pair(&st->pairs[k])) < 0)
			goto cleanup;
	match(st->a_ix, st->from->indexes, st->from->nindexes, st->b_ix, st->to->indexes,
	      st->to->nindexes, cmp_index);
	/* A recreated table's indexes go with it and come back with it. */
	for (k = 0; k < st->from->nindexes; k++) {
		const struct pair *p = find_pair(st, st->from->indexes[k]->table);

		if (p && p->recreate)
			st->a_ix[k] = 0;
	}
	for (k = 0; k < st->to->nindexes; k++) {
		const struct pair *p = find_pair(st, st->to->indexes[k]->table);

		if (p && p->recreate)
			st->b_ix[k] = 0;
	}
	rc = 0;
cleanup:
	free(a);
	free(b);
	return rc;
}

/* --------------------------------------------------------------- order */

/*
 * 1 when `fk`, of a table created in `to` (or dropped from `from` when
 * `dropping`), references an existing table through a key that this diff
 * adds (or drops): the key is not there when the table is created (or is
 * gone before the table is dropped), so the fk must be a separate op.
 */
static int fk_waits(const struct state *st, const dbt_fk *fk, int dropping)
{
	const struct pair *p = find_pair(st, fk->ref_table);
	const dbt_schema *s = dropping ? st->from : st->to;
	const char *ixm = dropping ? st->a_ix : st->b_ix;
	const dbt_table *t;
	const char *uqm;
	int found = 0;
	size_t i, k;

	if (!p || !BOTH(p))
		return 0;
	t = dropping ? p->a : p->b;
	uqm = dropping ? p->a_uq : p->b_uq;
	if (t->pk && same_set(t->pk->columns, t->pk->ncolumns, fk->ref_columns, fk->nref_columns)) {
		if (p->pk_matched)
			return 0;
		found = 1;
	}
	for (i = 0; i < t->nuniques; i++) {
		const dbt_unique *u = t->uniques[i];

		if (!same_set(u->columns, u->ncolumns, fk->ref_columns, fk->nref_columns))
			continue;
		if (uqm[i])
			return 0;
		found = 1;
	}
	for (i = 0; i < s->nindexes; i++) {
		const dbt_index *ix = s->indexes[i];

		if (!ix->unique || ix->where || ix->nelems != fk->nref_columns ||
		    !streq_null(ix->table, t->name))
			continue;
		for (k = 0; k < ix->nelems; k++) {
			size_t m;

			if (!ix->elems[k].column)
				break;
			for (m = 0; m < fk->nref_columns; m++)
				if (!strcmp(ix->elems[k].column, fk->ref_columns[m]))
					break;
			if (m == fk->nref_columns)
				break;
		}
		if (k < ix->nelems)
			continue;
		if (ixm[i])
			return 0;
		found = 1;
	}
	return found;
}

/*
 * The order in which to create the tables only `to` has, or with
 * `dropping`, to drop the tables only `from` has; sets `deferred` on the
 * pairs whose fks become separate ops.  `out` receives pair numbers.
 */
static int sort_tables(size_t **out, size_t *nout, struct state *st, int dropping)
{
	dbt_graph g;
	size_t *pair = NULL, *node = NULL; /* node -> pair number, in name order; pair
					   * number -> node, NONE for other pairs */
	char *skip = NULL;
	size_t i, k;
	int rc;

	memset(&g, 0, sizeof(g));
	*out = NULL;
	*nout = 0;
	pair = malloc((st->npairs ? st->npairs : 1) * sizeof(*pair));
	node = malloc((st->npairs ? st->npairs : 1) * sizeof(*node));
	if (!pair || !node) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	for (i = 0; i < st->npairs; i++) {
		const struct pair *p = &st->pairs[i];

		node[i] = NONE;
		if (dropping ? DROPPED(p) : CREATED(p)) {
			node[i] = g.n;
			pair[g.n++] = i;
		}
	}
	for (i = 0; i < g.n; i++) {
		const struct pair *p = &st->pairs[pair[i]];
		const dbt_table *t = dropping ? p->a : p->b;

		for (k = 0; k < t->nfks; k++) {
			const struct pair *r = find_pair(st, t->fks[k]->ref_table);
			size_t j = r ? node[r - st->pairs] : NONE;

			if (j == NONE || j == i)
				continue;
			/* Referenced tables are created first, dropped last. */
			if ((rc = dropping ? dbt_graph_edge(&g, i, j, i)
					   : dbt_graph_edge(&g, j, i, i)) < 0)
				goto cleanup;
		}
		/* So is the partitioned table of a partition. */
		if (t->partition_of) {
			const struct pair *r = find_pair(st, t->partition_of);
			size_t j = r ? node[r - st->pairs] : NONE;

			if (j != NONE && j != i &&
			    (rc = dropping ? dbt_graph_edge(&g, i, j, i)
					   : dbt_graph_edge(&g, j, i, i)) < 0)
				goto cleanup;
		}
	}
	if ((rc = dbt_graph_link(&g, NULL)) < 0 || (rc = dbt_graph_cycles(&g)) < 0)
		goto cleanup;

	if (!st->forward_refs) {
		skip = calloc(g.n ? g.n : 1, 1);
		if (!skip) {
			rc = dbt_error_oom();
			goto cleanup;
		}
		for (i = 0; i < g.n; i++) {
			struct pair *p = &st->pairs[pair[i]];
			const dbt_table *t = dropping ? p->a : p->b;

			skip[i] = g.cyclic[i];
			for (k = 0; !skip[i] && k < t->nfks; k++)
				skip[i] = fk_waits(st, t->fks[k], dropping);
			p->deferred = skip[i];
		}
		if ((rc = dbt_graph_link(&g, skip)) < 0)
			goto cleanup;
	}

	*out = malloc((g.n ? g.n : 1) * sizeof(**out));
	if (!*out) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	if ((rc = dbt_graph_order(*out, &g)) < 0) {
		free(*out);
		*out = NULL;
		goto cleanup;
	}
	for (i = 0; i < g.n; i++)
		(*out)[i] = pair[(*out)[i]];
	*nout = g.n;
	rc = 0;
cleanup:
	free(skip);
	free(pair);
	free(node);
	dbt_graph_release(&g);
	return rc;
}

/* ------------------------------------------------------------ emitting */

static int is_self(const dbt_fk *fk, const dbt_table *t)
{
	return streq_null(fk->ref_table, t->name);
}

static void emit_fk_drops(struct ops *o, const struct state *st)
{
	size_t i, k;

	for (i = 0; i < st->npairs; i++) {
		const struct pair *p = &st->pairs[i];
		const dbt_table *a = p->a;

		if (!a || (!BOTH(p) && !p->deferred))
			continue;
		for (k = 0; k < a->nfks; k++) {
			dbt_op *op;

			if (BOTH(p) ? p->a_fk[k] : is_self(a->fks[k], a))
				continue;
			if ((op = emit(o, DBT_OP_DROP_FK, a, a)))
				op->fk = a->fks[k];
		}
	}
}

struct ixpos {
	const char *table;
	size_t pos;
};

static int cmp_ixpos(const void *x, const void *y)
{
	const struct ixpos *a = x, *b = y;
	int c = strcmp(a->table ? a->table : "", b->table ? b->table : "");

	if (c)
		return c;
	return a->pos < b->pos ? -1 : a->pos > b->pos;
}

/* The indexes of `s` without a match, by table name, then in declaration
 * order; those on tables that are dropped (from) are left out. */
static int emit_indexes(struct ops *o, const struct state *st, int dropping)
{
	const dbt_schema *s = dropping ? st->from : st->to;
	const char *m = dropping ? st->a_ix : st->b_ix;
	struct ixpos *v = malloc((s->nindexes ? s->nindexes : 1) * sizeof(*v));
	size_t i, n = 0;

	if (!v)
		return dbt_error_oom();
	for (i = 0; i < s->nindexes; i++) {
		if (m[i])
			continue;
		v[n].table = s->indexes[i]->table;
		v[n++].pos = i;
	}
	qsort(v, n, sizeof(*v), cmp_ixpos);
	for (i = 0; i < n; i++) {
		const struct pair *p = find_pair(st, v[i].table);
		const dbt_index *ix = s->indexes[v[i].pos];
		dbt_op *op;

		if (dropping) {
			if (p && DROPPED(p))
				continue;
			op = emit(o, DBT_OP_DROP_INDEX, p ? p->a : NULL, p ? p->a : NULL);
		} else {
			op = emit(o, DBT_OP_ADD_INDEX, p ? p->b : NULL, p ? p->a : NULL);
		}
		if (op)
			op->index = ix;
	}
	free(v);
	return 0;
}

static void emit_key_drops(struct ops *o, const struct state *st)
{
	size_t i, k;
	dbt_op *op;

	for (i = 0; i < st->npairs; i++) {
		const struct pair *p = &st->pairs[i];

		if (!BOTH(p))
			continue;
		for (k = 0; k < p->a->nchecks; k++)
			if (!p->a_ck[k] && (op = emit(o, DBT_OP_DROP_CHECK, p->a, p->a)))
				op->check = p->a->checks[k];
		for (k = 0; k < p->a->nexcludes; k++)
			if (!p->a_ex[k] && (op = emit(o, DBT_OP_DROP_EXCLUDE, p->a, p->a)))
				op->exclude = p->a->excludes[k];
	}
	for (i = 0; i < st->npairs; i++) {
		const struct pair *p = &st->pairs[i];

		if (!BOTH(p))
			continue;
		for (k = 0; k < p->a->nuniques; k++)
			if (!p->a_uq[k] && (op = emit(o, DBT_OP_DROP_UNIQUE, p->a, p->a)))
				op->key = p->a->uniques[k];
	}
	for (i = 0; i < st->npairs; i++) {
		const struct pair *p = &st->pairs[i];

		if (BOTH(p) && p->a->pk && !p->pk_matched &&
		    (op = emit(o, DBT_OP_DROP_PK, p->a, p->a)))
			op->key = p->a->pk;
	}
}

static void emit_key_adds(struct ops *o, const struct state *st)
{
	size_t i, k;
	dbt_op *op;

	for (i = 0; i < st->npairs; i++) {
		const struct pair *p = &st->pairs[i];

		if (BOTH(p) && p->b->pk && !p->pk_matched &&
		    (op = emit(o, DBT_OP_ADD_PK, p->b, p->a)))
			op->key = p->b->pk;
	}
	for (i = 0; i < st->npairs; i++) {
		const struct pair *p = &st->pairs[i];

		if (!BOTH(p))
			continue;
		for (k = 0; k < p->b->nuniques; k++)
			if (!p->b_uq[k] && (op = emit(o, DBT_OP_ADD_UNIQUE, p->b, p->a)))
				op->key = p->b->uniques[k];
	}
	for (i = 0; i < st->npairs; i++) {
		const struct pair *p = &st->pairs[i];

		if (!BOTH(p))
			continue;
		for (k = 0; k < p->b->nchecks; k++)
			if (!p->b_ck[k] && (op = emit(o, DBT_OP_ADD_CHECK, p->b, p->a)))
				op->check = p->b->checks[k];
		for (k = 0; k < p->b->nexcludes; k++)
			if (!p->b_ex[k] && (op = emit(o, DBT_OP_ADD_EXCLUDE, p->b, p->a)))
				op->exclude = p->b->excludes[k];
	}
}

static void emit_fk_adds(struct ops *o, const struct state *st)
{
	size_t i, k;

	for (i = 0; i < st->npairs; i++) {
		const struct pair *p = &st->pairs[i];
		const dbt_table *b = p->b;

		if (!b || (!BOTH(p) && !p->deferred))
			continue;
		for (k = 0; k < b->nfks; k++) {
			dbt_op *op;

			if (BOTH(p) ? p->b_fk[k] : is_self(b->fks[k], b))
				continue;
			if ((op = emit(o, DBT_OP_ADD_FK, b, BOTH(p) ? p->a : NULL)))
				op->fk = b->fks[k];
		}
	}
}

static int same_type(const dbt_column *a, const dbt_column *b)
{
	return dbt_type_equal(&a->type, &b->type) && streq_null(a->collation, b->collation);
}

/* 1 when the column's generation differs: expression, STORED/VIRTUAL,
 * or whether it is generated at all. */
static int generation_changes(const dbt_column *a, const dbt_column *b)
{
	if (!a->generated_expr || !b->generated_expr)
		return !a->generated_expr != !b->generated_expr;
	return strcmp(a->generated_expr, b->generated_expr) != 0 ||
	       !a->generated_stored != !b->generated_stored;
}

static void emit_columns(struct ops *o, const struct state *st)
{
	size_t i, k, pass;
	dbt_op *op;

	for (i = 0; i < st->npairs; i++) {
		const struct pair *p = &st->pairs[i];

		if (BOTH(p) && (!p->a->strict != !p->b->strict ||
				!p->a->without_rowid != !p->b->without_rowid))
			emit(o, DBT_OP_ALTER_OPTIONS, p->b, p->a);
	}
	for (i = 0; i < st->npairs; i++) {
		const struct pair *p = &st->pairs[i];

		if (!BOTH(p))
			continue;
		for (k = 0; k < p->b->ncolumns; k++)
			if (!dbt_table_find_column(p->a, p->b->columns[k]->name) &&
			    (op = emit(o, DBT_OP_ADD_COLUMN, p->b, p->a)))
				op->column = p->b->columns[k];
	}
	for (i = 0; i < st->npairs; i++) {
		const struct pair *p = &st->pairs[i];

		if (!BOTH(p))
			continue;
		for (k = 0; k < p->b->ncolumns; k++) {
			const dbt_column *c = p->b->columns[k];
			const dbt_column *oc = dbt_table_find_column(p->a, c->name);
			dbt_op_kind kinds[5];
			size_t nk = 0, m;

			int identity_changes, generated_changes, implicit;

			if (!oc)
				continue;
			/* Likewise a column stops being generated (or changes its
			 * expression) first, so that its other changes apply to
			 * what it becomes, and becomes generated last. */
			generated_changes = generation_changes(oc, c);
			if (generated_changes && oc->generated_expr)
				kinds[nk++] = DBT_OP_ALTER_GENERATED;
			/* A column stops being an identity before its other changes
			 * and becomes one after them: PostgreSQL refuses DROP NOT NULL
			 * or a default on an identity column. */
			/* An identity the auto-increment rule gave the model (not
			 * its words) leaves alone how the database's column makes
			 * its values: a key made without identity, or as SERIAL,
			 * stays as it is. */
			implicit = c->identity_implicit && !oc->generated_expr;
			identity_changes = !implicit && (!oc->autoincrement != !c->autoincrement ||
							 oc->identity != c->identity);
			if (identity_changes && oc->identity != DBT_IDENTITY_NONE)
				kinds[nk++] = DBT_OP_ALTER_IDENTITY;
			if (!same_type(oc, c))
				kinds[nk++] = DBT_OP_ALTER_TYPE;
			if (!oc->not_null != !c->not_null)
				kinds[nk++] = DBT_OP_ALTER_NULL;
			if (!streq_null(oc->default_expr, c->default_expr) &&
			    !(implicit && oc->autoincrement))
				kinds[nk++] = DBT_OP_ALTER_DEFAULT;
			if (identity_changes && oc->identity == DBT_IDENTITY_NONE)
				kinds[nk++] = DBT_OP_ALTER_IDENTITY;
			if (generated_changes && !oc->generated_expr)
				kinds[nk++] = DBT_OP_ALTER_GENERATED;
			for (m = 0; m < nk; m++) {
				if ((op = emit(o, kinds[m], p->b, p->a))) {
					op->column = c;
					op->old_column = oc;
				}
			}
		}
	}
	/* Generated columns go first: their expressions may use the others. */
	for (i = 0; i < st->npairs; i++) {
		const struct pair *p = &st->pairs[i];

		if (!BOTH(p))
			continue;
		for (pass = 0; pass < 2; pass++)
			for (k = 0; k < p->a->ncolumns; k++)
				if ((p->a->columns[k]->generated_expr == NULL) == (int)pass &&
				    !dbt_table_find_column(p->b, p->a->columns[k]->name) &&
				    (op = emit(o, DBT_OP_DROP_COLUMN, p->a, p->a)))
					op->old_column = p->a->columns[k];
	}
}

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

static int cmp_rank(const void *x, const void *y, void *arg)
{
	const struct oside *s = arg;
	const dbt_object *a = s->v[*(const size_t *)x], *b = s->v[*(const size_t *)y];

	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
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
	return kind < DBT_OBJ_FUNCTION;
}

/* 1 for the kinds PostgreSQL will not leave in place while a column of
 * their table changes type or is dropped. */
static int blocks_alter(dbt_object_kind kind)
{
	return kind == DBT_OBJ_VIEW || kind == DBT_OBJ_MATVIEW || kind == DBT_OBJ_TRIGGER ||
	       kind == DBT_OBJ_POLICY;
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

/* The object ops, in the five groups dbt_diff_schemas names. */
struct objops {
	struct ops early_drops, early_creates, late_drops, late_creates;
};

static void objops_release(struct objops *g)
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
static int plan_objects(struct objops *g, const struct state *st, const struct ops *tables,
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

		late[u] = table_uses_kind(a.v[u]->kind) && !a.tabdep[u] && amatch[u] == NONE;
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

		late[u] = !table_uses_kind(b.v[u]->kind) || b.tabdep[u];
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
static void append_ops(struct ops *dst, const struct ops *src)
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

/* ------------------------------------------------------------- renames */

/*
 * The renames that the model's hints ask for and that apply: a table
 * whose old name the database has, and whose new name it lacks; a column
 * likewise in its table's database version.  Anything else about a hint
 * leaves it inert (the rename was applied, or there is nothing to rename).
 */
struct rename {
	const dbt_table *to;	    /* the model's table */
	const dbt_column *to_col;   /* the model's column; NULL for a table rename */
	const dbt_table *from;	    /* the database's table, under its old name */
	const dbt_column *from_col; /* the database's column */
};

struct renames {
	struct rename *v;
	size_t n;
};

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

/* Table renames first, in the model's order, then column renames. */
static int find_renames(struct renames *r, const dbt_schema *from, const dbt_schema *to)
{
	size_t i, k;
	int rc;

	for (i = 0; i < to->ntables; i++) {
		const dbt_table *t = to->tables[i], *old;

		if (t->renamed_from && (old = dbt_schema_find_table(from, t->renamed_from)) &&
		    !dbt_schema_find_table(from, t->name) &&
		    (rc = renames_push(r, t, NULL, old, NULL)) < 0)
			return rc;
	}
	for (i = 0; i < to->ntables; i++) {
		const dbt_table *t = to->tables[i], *ft = dbt_schema_find_table(from, t->name);

		for (k = 0; k < r->n; k++)
			if (r->v[k].to == t)
				ft = r->v[k].from;
		if (!ft)
			continue;
		for (k = 0; k < t->ncolumns; k++) {
			const dbt_column *c = t->columns[k], *oc;

			if (c->renamed_from && (oc = dbt_table_find_column(ft, c->renamed_from)) &&
			    !dbt_table_find_column(ft, c->name) &&
			    (rc = renames_push(r, t, c, ft, oc)) < 0)
				return rc;
		}
	}
	return 0;
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
	for (i = 0; i < o->ncolumns && rc == 0; i++)
		rc = dbt_unique_add_column(k, new_column_name(r, table, o->columns[i]));
	return rc;
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
	if ((o->partition_by && !(t->partition_by = strdup(o->partition_by))) ||
	    (o->partition_of && !(t->partition_of = strdup(new_table_name(r, o->partition_of)))) ||
	    (o->partition_bound && !(t->partition_bound = strdup(o->partition_bound))))
		return dbt_error_oom();
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
		c->generated_line = oc->generated_line;
		c->generated_col = oc->generated_col;
		if ((oc->collation && !(c->collation = strdup(oc->collation))) ||
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
	}
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
static int renamed_schema(dbt_schema **out, const dbt_schema *from, const struct renames *r)
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

/* The rename ops, tables first; each names the renamed schema's table
 * too (`old_table` of a column rename, where the table has its new name). */
static void emit_renames(struct ops *o, const struct renames *r, const dbt_schema *renamed)
{
	size_t i;
	dbt_op *op;

	for (i = 0; i < r->n; i++) {
		const struct rename *x = &r->v[i];

		if (x->to_col) {
			if ((op = emit(o, DBT_OP_RENAME_COLUMN, x->to,
				       dbt_schema_find_table(renamed, x->to->name)))) {
				op->column = x->to_col;
				op->old_column = x->from_col;
			}
		} else {
			emit(o, DBT_OP_RENAME_TABLE, x->to, x->from);
		}
	}
}

int dbt_diff_schemas(dbt_diff *out, const dbt_schema *from, const dbt_schema *to,
		     const dbt_diff_opts *opts)
{
	struct state st;
	struct ops o = {NULL, 0, 0, 0}, all = {NULL, 0, 0, 0};
	struct renames ren = {NULL, 0};
	dbt_schema *renamed = NULL;
	union diff_head *head;
	struct objops g;
	size_t *drops = NULL, *creates = NULL, ndrops = 0, ncreates = 0, i;
	int rc;

	memset(&g, 0, sizeof(g));
	out->ops = NULL;
	out->n = 0;
	memset(&st, 0, sizeof(st));
	st.from = from;
	st.to = to;
	st.forward_refs = opts ? opts->fk_forward_refs : 0;
	if ((rc = find_renames(&ren, from, to)) < 0)
		goto cleanup;
	if (ren.n) {
		if ((rc = renamed_schema(&renamed, from, &ren)) < 0)
			goto cleanup;
		st.from = renamed;
		emit_renames(&o, &ren, renamed);
	}
	if ((rc = build_pairs(&st)) < 0 || (rc = sort_tables(&drops, &ndrops, &st, 1)) < 0 ||
	    (rc = sort_tables(&creates, &ncreates, &st, 0)) < 0)
		goto cleanup;

	emit_fk_drops(&o, &st);
	if ((rc = emit_indexes(&o, &st, 1)) < 0)
		goto cleanup;
	emit_key_drops(&o, &st);
	for (i = 0; i < ndrops; i++) {
		const struct pair *p = &st.pairs[drops[i]];
		dbt_op *op = emit(&o, DBT_OP_DROP_TABLE, p->a, NULL);

		if (op)
			op->fks_deferred = p->deferred;
	}
	for (i = 0; i < ncreates; i++) {
		const struct pair *p = &st.pairs[creates[i]];
		dbt_op *op = emit(&o, DBT_OP_CREATE_TABLE, p->b, NULL);

		if (op)
			op->fks_deferred = p->deferred;
	}
	for (i = 0; i < st.npairs; i++) {
		const struct pair *p = &st.pairs[i];

		if (BOTH(p) && !streq_null(p->a->partition_bound, p->b->partition_bound))
			emit(&o, DBT_OP_ALTER_PARTITION, p->b, p->a);
	}
	emit_columns(&o, &st);
	emit_key_adds(&o, &st);
	emit_fk_adds(&o, &st);
	if ((rc = emit_indexes(&o, &st, 0)) < 0)
		goto cleanup;
	if (o.oom) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	if (from->nobjects || to->nobjects) {
		if ((rc = plan_objects(&g, &st, &o, opts ? opts->objects_around_alters : 0)) < 0)
			goto cleanup;
		append_ops(&all, &g.early_drops);
		append_ops(&all, &g.early_creates);
		append_ops(&all, &o);
		append_ops(&all, &g.late_drops);
		append_ops(&all, &g.late_creates);
		if (all.oom) {
			rc = dbt_error_oom();
			goto cleanup;
		}
		free(o.v);
		o = all;
		all.v = NULL;
	}
	if (o.n) {
		/* The ops point into the renamed schema: it goes with them. */
		head = malloc(sizeof(*head) + o.n * sizeof(*o.v));
		if (!head) {
			rc = dbt_error_oom();
			goto cleanup;
		}
		head->renamed = renamed;
		renamed = NULL;
		out->ops = (dbt_op *)(head + 1);
		memcpy(out->ops, o.v, o.n * sizeof(*o.v));
		out->n = o.n;
	}
	rc = 0;
cleanup:
	dbt_schema_free(renamed);
	free(ren.v);
	objops_release(&g);
	free(all.v);
	free(o.v);
	free(drops);
	free(creates);
	for (i = 0; i < st.npairs; i++)
		free(st.pairs[i].flags);
	free(st.pairs);
	free(st.a_ix);
	free(st.b_ix);
	return rc;
}

void dbt_diff_release(dbt_diff *diff)
{
	if (!diff)
		return;
	if (diff->ops) {
		union diff_head *head = (union diff_head *)diff->ops - 1;

		dbt_schema_free(head->renamed);
		free(head);
	}
	diff->ops = NULL;
	diff->n = 0;
}

const dbt_schema *dbt_diff_renamed(const dbt_diff *diff)
{
	if (!diff->ops)
		return NULL;
	return ((const union diff_head *)diff->ops - 1)->renamed;
}

const char *dbt_diff_name_before(const dbt_diff *diff, const char *table, const char *column)
{
	size_t i;

	for (i = 0; i < diff->n; i++) {
		const dbt_op *op = &diff->ops[i];

		if ((op->kind != DBT_OP_RENAME_TABLE && op->kind != DBT_OP_RENAME_COLUMN) ||
		    strcmp(op->table->name, table) != 0)
			continue;
		if (!column && op->kind == DBT_OP_RENAME_TABLE)
			return op->old_table->name;
		if (column && op->kind == DBT_OP_RENAME_COLUMN && !strcmp(op->column->name, column))
			return op->old_column->name;
	}
	return column ? column : table;
}
