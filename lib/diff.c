/*
 * diff.c - the differ (diff.h): compares the Schema a database has with the
 * Schema the model declares and lists, in an order that can be executed,
 * the operations that turn one into the other.
 *
 * Tables of both schemas are merged into one list of pairs sorted by name,
 * so that lookups are binary searches and "tables in name order" is the
 * list's order.
 *
 * Each pair of tables in both schemas is read once (survey_pair, in
 * diff_survey.c with the pairing and the matching), while its tables are
 * in the processor's caches: its constraints and columns are matched and
 * compared there, and the pair notes which of the passes that emit ops
 * (whose order is the ops' order) have work for it.  Those passes read
 * only the pair array for the others: at 5,000 tables the schemas no
 * longer fit in the caches, and a pass that read every table again would
 * go to memory again.
 *
 * Tables that are created (or dropped) together are ordered by their
 * foreign keys, pg_dump style: a topological sort that takes the first
 * table by name whenever several are free.  Where the dialect cannot name
 * a table that does not exist yet, the tables of a foreign-key cycle get
 * `fks_deferred` and their foreign keys become separate ADD_FK (or, for
 * drops, DROP_FK) ops; so do those of a table whose foreign key needs a key
 * of an existing table that this same diff adds (or drops).
 *
 * The pairs are built and matched in diff_survey.c; what is left here is
 * their order and the passes that emit the ops.  The sorts themselves are
 * sort.c's; the objects held as definitions are planned in
 * diff_objects.c, the model's rename hints applied in diff_rename.c, and
 * what an op means on its own (inverse, description, data loss) is op.c's.
 */
#include "diff.h"

#include "diff_int.h"
#include "error.h"
#include "sort.h"

#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* What a dbt_diff's ops array is allocated behind: the schema `from`
 * with the renames applied (NULL when there are none), which the ops
 * after the renames point into. */
union diff_head {
	dbt_schema *renamed;
	max_align_t align;
};

/* --------------------------------------------------------------- order */

static int is_self(const dbt_fk *fk, const dbt_table *t)
{
	return streq_null(fk->ref_table, t->name);
}

/*
 * 1 when `fk`, of a table created in `to` (or dropped from `from` when
 * `dropping`), references an existing table through a key that this diff
 * adds (or drops): the key is not there when the table is created (or is
 * gone before the table is dropped), so the fk must be a separate op.
 * Likewise when it references a table created with it through a unique
 * index alone, which an ADD_INDEX after the CREATE TABLEs makes.
 */
static int fk_waits(const struct state *st, const dbt_fk *fk, int dropping)
{
	const struct pair *p = find_pair(st, fk->ref_table);
	const dbt_schema *s = dropping ? st->from : st->to;
	const char *ixm = dropping ? st->a_ix : st->b_ix;
	const dbt_table *t;
	const char *uqm;
	int found = 0, created = !dropping && p && CREATED(p);
	size_t i, k;

	if (!p || (!BOTH(p) && !created))
		return 0;
	t = dropping ? p->a : p->b;
	uqm = NULL;
	/* A pair taken as equal from a memo (take_equal) has no flags: its
	 * keys all match. */
	if (!created && p->flags != NONE) {
		struct matched m = dbt_diff_matched_of(st, p);

		uqm = dropping ? m.a_uq : m.b_uq;
	}
	if (t->pk &&
	    dbt_diff_same_set(t->pk->columns, t->pk->ncolumns, fk->ref_columns, fk->nref_columns)) {
		if (created || p->pk_matched)
			return 0;
		found = 1;
	}
	for (i = 0; i < t->nuniques; i++) {
		const dbt_unique *u = t->uniques[i];

		if (!dbt_diff_same_set(u->columns, u->ncolumns, fk->ref_columns, fk->nref_columns))
			continue;
		if (created || !uqm || uqm[i])
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
			/* A self-reference on a unique index of the new table
			 * waits for the index too. */
			for (k = 0; p->deferred && k < t->nfks; k++)
				if (is_self(t->fks[k], t) && fk_waits(st, t->fks[k], dropping))
					p->deferred = 2;
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

static void emit_index_renames(struct ops *o, const struct state *st)
{
	size_t k;

	for (k = 0; k < st->nix_renames; k++) {
		const dbt_index *a = st->from->indexes[st->ix_renames[2 * k]];
		const dbt_index *b = st->to->indexes[st->ix_renames[2 * k + 1]];
		const struct pair *p = find_pair(st, b->table);
		dbt_op *op = emit(o, DBT_OP_RENAME_INDEX, p ? p->b : NULL, p ? p->a : NULL);

		if (op) {
			op->index = b;
			op->old_index = a;
		}
	}
}

static void emit_fk_drops(struct ops *o, const struct state *st)
{
	size_t i, k;

	for (i = 0; i < st->npairs; i++) {
		const struct pair *p = &st->pairs[i];
		const dbt_table *a = p->a;

		const char *fm = NULL;

		if (!a || (BOTH(p) ? !(p->work & WORK_DROP_FK) : !p->deferred))
			continue;
		if (BOTH(p))
			fm = dbt_diff_matched_of(st, p).a_fk;
		for (k = 0; k < a->nfks; k++) {
			dbt_op *op;

			if (fm ? fm[k] : is_self(a->fks[k], a))
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
/* The indexes that `dropping` drops, or adds: all of them when `unique`
 * is -1, else only those whose uniqueness is `unique` (0 or 1). */
static int emit_indexes(struct ops *o, const struct state *st, int dropping, int unique)
{
	const dbt_schema *s = dropping ? st->from : st->to;
	const char *m = dropping ? st->a_ix : st->b_ix;
	struct ixpos *v = malloc((s->nindexes ? s->nindexes : 1) * sizeof(*v));
	size_t i, n = 0;

	if (!v)
		return dbt_error_oom();
	for (i = 0; i < s->nindexes; i++) {
		if (m[i] || (unique >= 0 && !s->indexes[i]->unique != !unique))
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
		struct matched m;

		if (!BOTH(p) || !(p->work & WORK_DROP_CHECK))
			continue;
		m = dbt_diff_matched_of(st, p);
		for (k = 0; k < p->a->nchecks; k++)
			if (!m.a_ck[k] && (op = emit(o, DBT_OP_DROP_CHECK, p->a, p->a)))
				op->check = p->a->checks[k];
		for (k = 0; k < p->a->nexcludes; k++)
			if (!m.a_ex[k] && (op = emit(o, DBT_OP_DROP_EXCLUDE, p->a, p->a)))
				op->exclude = p->a->excludes[k];
	}
	for (i = 0; i < st->npairs; i++) {
		const struct pair *p = &st->pairs[i];
		struct matched m;

		if (!BOTH(p) || !(p->work & WORK_DROP_UNIQUE))
			continue;
		m = dbt_diff_matched_of(st, p);
		for (k = 0; k < p->a->nuniques; k++)
			if (!m.a_uq[k] && (op = emit(o, DBT_OP_DROP_UNIQUE, p->a, p->a)))
				op->key = p->a->uniques[k];
	}
	for (i = 0; i < st->npairs; i++) {
		const struct pair *p = &st->pairs[i];

		if (BOTH(p) && (p->work & WORK_DROP_PK) &&
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

		if (BOTH(p) && (p->work & WORK_ADD_PK) && (op = emit(o, DBT_OP_ADD_PK, p->b, p->a)))
			op->key = p->b->pk;
	}
	for (i = 0; i < st->npairs; i++) {
		const struct pair *p = &st->pairs[i];
		struct matched m;

		if (!BOTH(p) || !(p->work & WORK_ADD_UNIQUE))
			continue;
		m = dbt_diff_matched_of(st, p);
		for (k = 0; k < p->b->nuniques; k++)
			if (!m.b_uq[k] && (op = emit(o, DBT_OP_ADD_UNIQUE, p->b, p->a)))
				op->key = p->b->uniques[k];
	}
	for (i = 0; i < st->npairs; i++) {
		const struct pair *p = &st->pairs[i];
		struct matched m;

		if (!BOTH(p) || !(p->work & WORK_ADD_CHECK))
			continue;
		m = dbt_diff_matched_of(st, p);
		for (k = 0; k < p->b->nchecks; k++)
			if (!m.b_ck[k] && (op = emit(o, DBT_OP_ADD_CHECK, p->b, p->a)))
				op->check = p->b->checks[k];
		for (k = 0; k < p->b->nexcludes; k++)
			if (!m.b_ex[k] && (op = emit(o, DBT_OP_ADD_EXCLUDE, p->b, p->a)))
				op->exclude = p->b->excludes[k];
	}
}

static void emit_fk_adds(struct ops *o, const struct state *st)
{
	size_t i, k;

	for (i = 0; i < st->npairs; i++) {
		const struct pair *p = &st->pairs[i];
		const dbt_table *b = p->b;

		const char *fm = NULL;

		if (!b || (BOTH(p) ? !(p->work & WORK_ADD_FK) : !p->deferred))
			continue;
		if (BOTH(p))
			fm = dbt_diff_matched_of(st, p).b_fk;
		for (k = 0; k < b->nfks; k++) {
			dbt_op *op;

			if (fm ? fm[k] : p->deferred < 2 && is_self(b->fks[k], b))
				continue;
			if ((op = emit(o, DBT_OP_ADD_FK, b, BOTH(p) ? p->a : NULL)))
				op->fk = b->fks[k];
		}
	}
}

/* The column ops of the pairs, from the column maps of survey_pair:
 * the pairs with nothing to change are not read. */
static void emit_columns(struct ops *o, const struct state *st)
{
	size_t i, k, pass;
	dbt_op *op;

	for (i = 0; i < st->npairs; i++) {
		const struct pair *p = &st->pairs[i];

		if (BOTH(p) && (p->work & WORK_OPTIONS))
			emit(o, DBT_OP_ALTER_OPTIONS, p->b, p->a);
		if (BOTH(p) && (p->work & WORK_COMMENT))
			emit(o, DBT_OP_ALTER_COMMENT, p->b, p->a);
	}
	for (i = 0; i < st->npairs; i++) {
		const struct pair *p = &st->pairs[i];
		const size_t *map;

		if (!BOTH(p) || !(p->work & WORK_ADD_COLUMN))
			continue;
		map = st->map + p->map;
		for (k = 0; k < p->b->ncolumns; k++)
			if (map[k] == NONE && (op = emit(o, DBT_OP_ADD_COLUMN, p->b, p->a)))
				op->column = p->b->columns[k];
	}
	for (i = 0; i < st->npairs; i++) {
		const struct pair *p = &st->pairs[i];
		const size_t *map;

		if (!BOTH(p) || !(p->work & WORK_ALTER))
			continue;
		map = st->map + p->map;
		for (k = 0; k < p->b->ncolumns; k++) {
			const dbt_column *c = p->b->columns[k], *oc;
			dbt_op_kind kinds[6];
			size_t nk, m;

			if (map[k] == NONE)
				continue;
			oc = p->a->columns[map[k]];
			nk = dbt_diff_column_changes(kinds, oc, c);
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
		const size_t *dropped;

		if (!BOTH(p) || !(p->work & WORK_DROP_COLUMN))
			continue;
		/* Each column of `a`'s place in `b`, after `b`'s in `a`. */
		dropped = st->map + p->map + p->b->ncolumns;
		for (pass = 0; pass < 2; pass++)
			for (k = 0; k < p->a->ncolumns; k++)
				if ((p->a->columns[k]->generated_expr == NULL) == (int)pass &&
				    dropped[k] == NONE &&
				    (op = emit(o, DBT_OP_DROP_COLUMN, p->a, p->a)))
					op->old_column = p->a->columns[k];
	}
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
	st.rename_indexes = opts ? opts->rename_indexes : 0;
	if (opts && opts->record)
		dbt_diff_memo_release(opts->record);
	if ((rc = dbt_diff_find_renames(&ren, from, to)) < 0)
		goto cleanup;
	/* The memo holds what a diff without renames found: with them, the
	 * pairs are of the renamed `from`, and the work is done whole. */
	if (opts && !ren.n) {
		const dbt_diff_memo *m = opts->reuse;

		st.record = opts->record;
		if (m && m->order && opts->changed && m->na == from->ntables &&
		    m->nb == to->ntables) {
			st.reuse = m;
			st.changed = opts->changed;
		}
	}
	if (ren.n) {
		if ((rc = dbt_diff_renamed_schema(&renamed, from, &ren)) < 0)
			goto cleanup;
		st.from = renamed;
		emit_renames(&o, &ren, renamed);
	}
	if ((rc = dbt_diff_build_pairs(&st)) < 0 ||
	    (rc = sort_tables(&drops, &ndrops, &st, 1)) < 0 ||
	    (rc = sort_tables(&creates, &ncreates, &st, 0)) < 0)
		goto cleanup;

	emit_index_renames(&o, &st);
	emit_fk_drops(&o, &st);
	if ((rc = emit_indexes(&o, &st, 1, -1)) < 0)
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

		if (BOTH(p) && (p->work & WORK_BOUND))
			emit(&o, DBT_OP_ALTER_PARTITION, p->b, p->a);
	}
	emit_columns(&o, &st);
	emit_key_adds(&o, &st);
	/* A foreign key may rest on a unique index that the diff adds: those
	 * come first, and the downgrade, reversed, drops the key before the
	 * index.  Other indexes follow the keys, as MariaDB makes the index a
	 * foreign key needs with the key itself. */
	if ((rc = emit_indexes(&o, &st, 0, 1)) < 0)
		goto cleanup;
	emit_fk_adds(&o, &st);
	if ((rc = emit_indexes(&o, &st, 0, 0)) < 0)
		goto cleanup;
	if (o.oom) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	if (from->nobjects || to->nobjects) {
		if ((rc = dbt_diff_plan_objects(&g, &st, &o,
						opts ? opts->objects_around_alters : 0)) < 0)
			goto cleanup;
		dbt_diff_append_ops(&all, &g.early_drops);
		dbt_diff_append_ops(&all, &g.early_creates);
		dbt_diff_append_ops(&all, &o);
		dbt_diff_append_ops(&all, &g.late_drops);
		dbt_diff_append_ops(&all, &g.late_creates);
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
	dbt_diff_objops_release(&g);
	free(all.v);
	free(o.v);
	free(drops);
	free(creates);
	free(st.flags);
	free(st.map);
	free(st.pairs);
	free(st.a_ix);
	free(st.b_ix);
	free(st.ix_renames);
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
