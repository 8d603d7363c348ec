/*
 * diff_survey.c - the differ's survey (diff.c): the tables of both
 * schemas merged into one list of pairs sorted by name, and the one visit
 * of each pair in both schemas (survey_pair) that matches its
 * constraints and columns and notes which of diff.c's passes that emit
 * ops have work for it; then the schemas' indexes matched by definition.
 *
 * Constraints and indexes are matched by definition in two passes: first
 * pairs whose names agree too, then the rest by definition alone where
 * the model left the name to the database.  Each pair is read once,
 * while its tables are in the processor's caches: at 5,000 tables the
 * schemas no longer fit in the caches, and a pass that read every table
 * again would go to memory again.
 *
 * A second diff of the same schemas with the memo of the first
 * (diff.h's dbt_diff_memo) takes from it the tables' order, the pairs
 * of unchanged tables found equal (take_equal) and the indexes' matching
 * on them, and surveys and matches the changed tables alone.
 *
 * Apart from diff.c because it is a phase of its own: it reads the two
 * schemas and writes only the state (diff_int.h) that the ordering and
 * the emitting passes read afterwards.
 */
#include "diff_int.h"
#include "error.h"
#include "ident.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- helpers */

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
int dbt_diff_same_set(char *const *a, size_t na, char *const *b, size_t nb)
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

/* The keys' columns (the same list) have the same collations of their
 * own, as written. */
static int same_collations(const dbt_unique *a, const dbt_unique *b)
{
	size_t i;

	for (i = 0; i < a->ncolumns; i++) {
		const char *x = dbt_unique_collation(a, i), *y = dbt_unique_collation(b, i);

		if (!x != !y || (x && dbt_name_casecmp(x, y)))
			return 0;
	}
	return 1;
}

static int cmp_unique(const void *av, size_t i, const void *bv, size_t j)
{
	const dbt_unique *a = ((dbt_unique *const *)av)[i];
	const dbt_unique *b = ((dbt_unique *const *)bv)[j];

	if (!same_list(a->columns, a->ncolumns, b->columns, b->ncolumns) ||
	    !same_list(a->include, a->ninclude, b->include, b->ninclude) ||
	    !a->nulls_not_distinct != !b->nulls_not_distinct || a->conflict != b->conflict ||
	    !a->deferrable != !b->deferrable || !a->initially_deferred != !b->initially_deferred ||
	    !streq_null(a->storage, b->storage) || !a->column_desc != !b->column_desc ||
	    !same_collations(a, b))
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
	       a->match == b->match &&
	       dbt_diff_same_set(a->set_columns, a->nset_columns, b->set_columns, b->nset_columns);
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

	if (!streq_null(a->expr, b->expr) || a->conflict != b->conflict ||
	    !a->no_inherit != !b->no_inherit)
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
	    !streq_null(a->where, b->where) || !streq_null(a->method, b->method) ||
	    !same_list(a->include, a->ninclude, b->include, b->ninclude) ||
	    !a->nulls_not_distinct != !b->nulls_not_distinct || !streq_null(a->storage, b->storage))
		return 0;
	for (i = 0; i < a->nelems; i++) {
		const dbt_index_elem *x = &a->elems[i], *y = &b->elems[i];

		if (!streq_null(x->column, y->column) || !streq_null(x->expr, y->expr) ||
		    !x->desc != !y->desc || !streq_null(x->opclass, y->opclass) ||
		    x->nulls != y->nulls || x->prefix != y->prefix)
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

/* strcmp, NULL before any name. */
static int cmp_null_str(const char *a, const char *b)
{
	if (!a || !b)
		return !b - !a;
	return strcmp(a, b);
}

/* The first 8 bytes of `s` (NUL after its end), most significant first,
 * so that heads compare as strcmp does the names; 0 for NULL.  Sorts and
 * searches compare heads and read the names only when the heads agree:
 * the tables and their names, all over memory, are not read again for
 * every comparison. */
static uint64_t name_head(const char *s)
{
	uint64_t h = 0;
	int i;

	for (i = 0; s && i < 8 && s[i]; i++)
		h |= (uint64_t)(unsigned char)s[i] << (56 - 8 * i);
	return h;
}

/* cmp_null_str of `a` and `b`, whose heads are `ha` and `hb`. */
static int cmp_headed(uint64_t ha, const char *a, uint64_t hb, const char *b)
{
	if (ha != hb)
		return ha < hb ? -1 : 1;
	return cmp_null_str(a, b);
}

/* An index's table and position, to sort an index array by table. */
struct ixref {
	uint64_t head;
	const char *table;
	size_t pos;
};

static int cmp_ixref(const void *x, const void *y)
{
	const struct ixref *a = x, *b = y;
	int c = cmp_headed(a->head, a->table, b->head, b->table);

	return c ? c : (a->pos < b->pos ? -1 : a->pos > b->pos);
}

/*
 * match_indexes() by the tables' positions in `from`, when every index of
 * `av` is on a table of `from` (0; else 1, and nothing is marked): the
 * indexes of `av` grouped by table in one counting pass, each index of
 * `bv` compared with its table's group alone, in the order match() would
 * compare them.  No sort: a name is looked up in the table map once per
 * index.  What one group matches depends on its indexes alone: with a
 * memo (st->reuse, `dirty` not NULL), the positions are the memo's and
 * only the groups of the tables marked in `dirty` (by place in `from`)
 * are matched again, the others' flags being the memo's; st->record
 * keeps the positions and the flags.
 */
static int match_indexes_by_table(char *am, dbt_index *const *av, size_t na, char *bm,
				  dbt_index *const *bv, size_t nb, const dbt_schema *from,
				  struct state *st, const char *dirty)
{
	const dbt_diff_memo *re = dirty ? st->reuse : NULL;
	size_t nt = from->ntables, *start = calloc(nt + 1, sizeof(*start));
	size_t *order = malloc((na ? na : 1) * sizeof(*order));
	long *pos = NULL;
	const long *apos, *bpos;
	size_t i, j, k;
	int pass, rc = 0;

	if (!re)
		pos = malloc((na + nb ? na + nb : 1) * sizeof(*pos));
	if (!start || !order || (!re && !pos)) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	apos = re ? re->ix_pos : pos;
	bpos = apos + na;
	for (i = 0; !re && i < na; i++) {
		pos[i] = av[i]->table ? dbt_schema_table_pos(from, av[i]->table) : -1;
		if (pos[i] < 0) {
			rc = 1;
			goto cleanup;
		}
	}
	for (i = 0; i < na; i++)
		start[apos[i] + 1]++;
	for (k = 0; k < nt; k++)
		start[k + 1] += start[k];
	for (i = 0; i < na; i++)
		order[start[apos[i]]++] = i;
	/* start[t] is now where table t's group ends, the next one's start. */
	for (j = 0; !re && j < nb; j++)
		pos[na + j] = bv[j]->table ? dbt_schema_table_pos(from, bv[j]->table) : -1;
	if (re) {
		for (i = 0; i < na; i++)
			am[i] = dirty[apos[i]] ? 0 : re->ix_matched[i];
		for (j = 0; j < nb; j++)
			bm[j] = bpos[j] >= 0 && dirty[bpos[j]] ? 0 : re->ix_matched[na + j];
	}
	for (pass = 2; pass >= 1; pass--) {
		for (j = 0; j < nb; j++) {
			if (bm[j] || bpos[j] < 0 || (re && !dirty[bpos[j]]))
				continue;
			for (k = bpos[j] ? start[bpos[j] - 1] : 0; !bm[j] && k < start[bpos[j]];
			     k++)
				if (!am[order[k]] && cmp_index(av, order[k], bv, j) >= pass)
					am[order[k]] = bm[j] = 1;
		}
	}
	if (st->record) {
		dbt_diff_memo *m = st->record;

		if (!(m->ix_matched = malloc(na + nb ? na + nb : 1))) {
			rc = dbt_error_oom();
			goto cleanup;
		}
		memcpy(m->ix_matched, am, na);
		memcpy(m->ix_matched + na, bm, nb);
		if (re && (pos = malloc((na + nb ? na + nb : 1) * sizeof(*pos))))
			memcpy(pos, re->ix_pos, (na + nb) * sizeof(*pos));
		if (re && !pos) {
			rc = dbt_error_oom();
			goto cleanup;
		}
		m->ix_pos = pos;
		pos = NULL;
		m->nix_a = na;
		m->nix_b = nb;
	}
cleanup:
	free(start);
	free(order);
	free(pos);
	return rc;
}

/*
 * match() for the schemas' indexes, which only match an index of the same
 * table (index_same): each index of `bv` is compared with those of `av` on
 * its table alone, in the order match() would compare them.  The same
 * pairs come out, without comparing every index with every other.
 * `from` holds `av`: when every index of `av` is on one of its tables, the
 * groups are made by table position (match_indexes_by_table); else `av`
 * is sorted by table name.
 */
static int match_indexes(char *am, dbt_index *const *av, size_t na, char *bm, dbt_index *const *bv,
			 size_t nb, const dbt_schema *from, struct state *st, const char *dirty)
{
	struct ixref *v;
	size_t i, j, k;
	int pass, rc = match_indexes_by_table(am, av, na, bm, bv, nb, from, st, dirty);

	if (rc <= 0)
		return rc;
	if (!(v = malloc((na ? na : 1) * sizeof(*v))))
		return dbt_error_oom();
	for (i = 0; i < na; i++)
		v[i] = (struct ixref){name_head(av[i]->table), av[i]->table, i};
	qsort(v, na, sizeof(*v), cmp_ixref);
	for (pass = 2; pass >= 1; pass--) {
		for (j = 0; j < nb; j++) {
			const char *t = bv[j]->table;
			uint64_t h = name_head(t);
			size_t lo = 0, hi = na;

			/* The first of `v` whose table is not below t. */
			while (lo < hi) {
				size_t mid = (lo + hi) / 2;

				if (cmp_headed(v[mid].head, v[mid].table, h, t) < 0)
					lo = mid + 1;
				else
					hi = mid;
			}
			for (k = lo;
			     !bm[j] && k < na && v[k].head == h && streq_null(v[k].table, t); k++)
				if (!am[v[k].pos] && cmp_index(av, v[k].pos, bv, j) >= pass)
					am[v[k].pos] = bm[j] = 1;
		}
	}
	free(v);
	return 0;
}

struct matched dbt_diff_matched_of(const struct state *st, const struct pair *p)
{
	struct matched m;

	m.a_uq = st->flags + p->flags;
	m.b_uq = m.a_uq + p->a->nuniques;
	m.a_fk = m.b_uq + p->b->nuniques;
	m.b_fk = m.a_fk + p->a->nfks;
	m.a_ck = m.b_fk + p->b->nfks;
	m.b_ck = m.a_ck + p->a->nchecks;
	m.a_ex = m.b_ck + p->b->nchecks;
	m.b_ex = m.a_ex + p->a->nexcludes;
	return m;
}

/* The capacity, at least `need`, that an array of `cap` elements grows
 * to. */
static size_t grown(size_t cap, size_t need)
{
	if (!cap)
		cap = 64;
	while (cap < need)
		cap *= 2;
	return cap;
}

/* 1 when one of `v[0 .. n - 1]` is 0: an object without a match. */
static int some_unmatched(const char *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!v[i])
			return 1;
	return 0;
}

/* PostgreSQL changes neither a table's partition key nor whether and of
 * which table it is a partition in place. */
static int partitioning_changes(const dbt_table *a, const dbt_table *b)
{
	return !streq_null(a->partition_by, b->partition_by) ||
	       !streq_null(a->partition_of, b->partition_of);
}

static int same_type(const dbt_column *a, const dbt_column *b)
{
	return dbt_type_equal(&a->type, &b->type) && streq_null(a->collation, b->collation);
}

/* A key made elsewhere (by hand, by another tool) as `id INT PRIMARY
 * KEY` is no alias, and agrees all the same, as PostgreSQL's key without
 * identity does (identity_implicit). */
int dbt_diff_column_as_declared(const dbt_column *a, const dbt_column *b)
{
	return b->rule_decl && dbt_type_equal(&a->type, &b->rule_decl->type) &&
	       streq_null(a->collation, b->collation) && !a->not_null == !b->rule_decl->not_null &&
	       (!a->not_null || a->not_null_conflict == b->not_null_conflict);
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

/* 1 when the column `oc` of the database and `c` of the model differ in
 * PostgreSQL's SET STATISTICS or SET STORAGE, which ALTER_OPTIONS changes
 * with the table's options. */
static int column_settings_differ(const dbt_column *oc, const dbt_column *c)
{
	return !oc->has_statistics != !c->has_statistics ||
	       (c->has_statistics && oc->statistics != c->statistics) || oc->storage != c->storage;
}

/*
 * The ops, in the order they run, that turn the database's column `oc`
 * into the model's `c` (of the same name), into `kinds` (room for 6);
 * returns how many.  MariaDB's ON UPDATE is part of the default, and its
 * COMMENT is an op of its own.
 */
size_t dbt_diff_column_changes(dbt_op_kind *kinds, const dbt_column *oc, const dbt_column *c)
{
	int identity_changes, generated_changes, implicit, declared;
	size_t nk = 0;

	/* Likewise a column stops being generated (or changes its
	 * expression) first, so that its other changes apply to what it
	 * becomes, and becomes generated last. */
	generated_changes = generation_changes(oc, c);
	if (generated_changes && oc->generated_expr)
		kinds[nk++] = DBT_OP_ALTER_GENERATED;
	/* A column stops being an identity before its other changes and
	 * becomes one after them: PostgreSQL refuses DROP NOT NULL or a
	 * default on an identity column. */
	/* An identity the auto-increment rule gave the model (not its
	 * words) leaves alone how the database's column makes its values: a
	 * key made without identity, or as SERIAL, stays as it is. */
	implicit = c->identity_implicit && !oc->generated_expr;
	identity_changes = !implicit && (!oc->autoincrement != !c->autoincrement ||
					 oc->identity != c->identity ||
					 !streq_null(oc->identity_options, c->identity_options));
	if (identity_changes && oc->identity != DBT_IDENTITY_NONE)
		kinds[nk++] = DBT_OP_ALTER_IDENTITY;
	declared = dbt_diff_column_as_declared(oc, c);
	if (!same_type(oc, c) && !declared)
		kinds[nk++] = DBT_OP_ALTER_TYPE;
	if ((!oc->not_null != !c->not_null ||
	     (c->not_null && oc->not_null_conflict != c->not_null_conflict)) &&
	    !declared)
		kinds[nk++] = DBT_OP_ALTER_NULL;
	if ((!streq_null(oc->default_expr, c->default_expr) && !(implicit && oc->autoincrement)) ||
	    !streq_null(dbt_column_on_update(oc), dbt_column_on_update(c)))
		kinds[nk++] = DBT_OP_ALTER_DEFAULT;
	if (identity_changes && oc->identity == DBT_IDENTITY_NONE)
		kinds[nk++] = DBT_OP_ALTER_IDENTITY;
	if (generated_changes && !oc->generated_expr)
		kinds[nk++] = DBT_OP_ALTER_GENERATED;
	if (!streq_null(dbt_column_comment(oc), dbt_column_comment(c)))
		kinds[nk++] = DBT_OP_ALTER_COMMENT;
	return nk;
}

/* The position in `t` of its column `name`, looked for at `hint` first
 * (a column mostly keeps its place); NONE when there is none.  Names are
 * unique in a table (the parser and the databases refuse duplicates), so
 * this is dbt_table_find_column's column. */
static size_t column_pos(const dbt_table *t, const char *name, size_t hint)
{
	size_t i;

	if (hint < t->ncolumns && !strcmp(t->columns[hint]->name, name))
		return hint;
	/* The first byte settles most comparisons. */
	for (i = 0; i < t->ncolumns; i++)
		if (t->columns[i]->name[0] == name[0] && !strcmp(t->columns[i]->name, name))
			return i;
	return NONE;
}

/* Matches the columns of the pair `p` into `map` (struct pair) and notes
 * in p->work what changes. */
static void survey_columns(struct pair *p, size_t *map)
{
	const dbt_table *a = p->a, *b = p->b;
	size_t na = a->ncolumns, nb = b->ncolumns, j, k;
	dbt_op_kind kinds[6];

	for (j = 0; j < na; j++)
		map[nb + j] = NONE;
	for (k = 0; k < nb; k++) {
		const dbt_column *c = b->columns[k], *oc;

		j = column_pos(a, c->name, k);
		map[k] = j;
		if (j == NONE) {
			p->work |= WORK_ADD_COLUMN;
			continue;
		}
		map[nb + j] = k;
		oc = a->columns[j];
		if (column_settings_differ(oc, c))
			p->work |= WORK_OPTIONS;
		if (dbt_diff_column_changes(kinds, oc, c))
			p->work |= WORK_ALTER;
	}
	for (j = 0; j < na; j++)
		if (map[nb + j] == NONE)
			p->work |= WORK_DROP_COLUMN;
}

/*
 * The one visit of a pair of tables in both schemas, while they are in
 * the processor's caches: matches their constraints (into state.flags)
 * and columns (into state.map, kept when a column changes), compares
 * what both have, and notes in p->work which of the passes that emit ops
 * have something to do for the pair.  A pair whose partitioning changes
 * is recreated, and matches nothing.
 */
static int survey_pair(struct state *st, struct pair *p)
{
	const dbt_table *a = p->a, *b = p->b;
	size_t n = a->nuniques + b->nuniques + a->nfks + b->nfks + a->nchecks + b->nchecks +
		   a->nexcludes + b->nexcludes;
	size_t nmap = a->ncolumns + b->ncolumns;
	struct matched m;
	char am = 0, bm = 0;

	if (a->partition_of)
		p->work |= WORK_PARTITION;
	if (partitioning_changes(a, b)) {
		p->recreate = 1;
		return 0;
	}
	if (!st->flags || st->nflags + n > st->capflags) {
		size_t cap = grown(st->capflags, st->nflags + n);
		char *v = realloc(st->flags, cap);

		if (!v)
			return dbt_error_oom();
		st->flags = v;
		st->capflags = cap;
	}
	/* Allocated even for tables without columns: survey_columns takes
	 * a pointer into it. */
	if (!st->map || st->nmap + nmap > st->capmap) {
		size_t cap = grown(st->capmap, st->nmap + nmap);
		size_t *v = realloc(st->map, cap * sizeof(*v));

		if (!v)
			return dbt_error_oom();
		st->map = v;
		st->capmap = cap;
	}
	p->flags = st->nflags;
	memset(st->flags + st->nflags, 0, n);
	st->nflags += n;
	m = dbt_diff_matched_of(st, p);

	match(&am, &a->pk, a->pk ? 1 : 0, &bm, &b->pk, b->pk ? 1 : 0, cmp_unique);
	p->pk_matched = am;
	match(m.a_uq, a->uniques, a->nuniques, m.b_uq, b->uniques, b->nuniques, cmp_unique);
	match(m.a_fk, a->fks, a->nfks, m.b_fk, b->fks, b->nfks, cmp_fk);
	match(m.a_ck, a->checks, a->nchecks, m.b_ck, b->checks, b->nchecks, cmp_check);
	match(m.a_ex, a->excludes, a->nexcludes, m.b_ex, b->excludes, b->nexcludes, cmp_exclude);
	if (a->pk && !am)
		p->work |= WORK_DROP_PK;
	if (b->pk && !am)
		p->work |= WORK_ADD_PK;
	if (some_unmatched(m.a_uq, a->nuniques))
		p->work |= WORK_DROP_UNIQUE;
	if (some_unmatched(m.b_uq, b->nuniques))
		p->work |= WORK_ADD_UNIQUE;
	if (some_unmatched(m.a_fk, a->nfks))
		p->work |= WORK_DROP_FK;
	if (some_unmatched(m.b_fk, b->nfks))
		p->work |= WORK_ADD_FK;
	if (some_unmatched(m.a_ck, a->nchecks) || some_unmatched(m.a_ex, a->nexcludes))
		p->work |= WORK_DROP_CHECK;
	if (some_unmatched(m.b_ck, b->nchecks) || some_unmatched(m.b_ex, b->nexcludes))
		p->work |= WORK_ADD_CHECK;

	if (!streq_null(a->partition_bound, b->partition_bound))
		p->work |= WORK_BOUND;
	if (!a->strict != !b->strict || !a->without_rowid != !b->without_rowid ||
	    !a->unlogged != !b->unlogged || !streq_null(a->storage, b->storage))
		p->work |= WORK_OPTIONS;
	if (!streq_null(a->comment, b->comment))
		p->work |= WORK_COMMENT;
	survey_columns(p, st->map + st->nmap);
	p->map = NONE;
	if (p->work & (WORK_ADD_COLUMN | WORK_ALTER | WORK_DROP_COLUMN)) {
		p->map = st->nmap;
		st->nmap += nmap;
	}
	return 0;
}

/* Marks for recreation the partitions (on either side) of every table
 * recreated or dropped, which PostgreSQL drops along with it (survey_pair
 * marked those whose own partitioning changes), and counts them all. */
static void mark_recreated(struct state *st)
{
	size_t i;
	int more = 1;

	while (more) {
		more = 0;
		for (i = 0; i < st->npairs; i++) {
			struct pair *p = &st->pairs[i], *parent;

			if (!(p->work & WORK_PARTITION) || !BOTH(p))
				continue;
			parent = find_pair(st, p->a->partition_of);
			if (parent && DROPPED(parent)) {
				p->recreate = 1;
				more = 1;
			}
		}
	}
	st->nrecreate = 0;
	for (i = 0; i < st->npairs; i++)
		st->nrecreate += st->pairs[i].recreate;
}

/* A table's place in its schema, its name and the head of its name
 * (name_head), to sort by name. */
struct tkey {
	uint64_t head;
	const char *name;
	size_t pos;
};

static int cmp_tkey(const void *x, const void *y)
{
	const struct tkey *a = x, *b = y;

	return cmp_headed(a->head, a->name, b->head, b->name);
}

static void tkey_set(struct tkey *v, const dbt_schema *s, size_t pos)
{
	v->name = s->tables[pos]->name;
	v->head = name_head(v->name);
	v->pos = pos;
}

/* The tables of `s` in `v`, sorted by name.  `order` (NULL for none) is
 * the order an earlier diff found (dbt_diff_memo): kept when the names
 * are still in ascending order in it, which, names being unique in a
 * schema, is the order the sort gives. */
static void sort_by_name(struct tkey *v, const dbt_schema *s, const size_t *order)
{
	size_t k;

	if (order) {
		for (k = 0; k < s->ntables; k++) {
			tkey_set(&v[k], s, order[k]);
			if (k && cmp_tkey(&v[k - 1], &v[k]) >= 0)
				break;
		}
		if (k == s->ntables)
			return;
	}
	for (k = 0; k < s->ntables; k++)
		tkey_set(&v[k], s, k);
	qsort(v, s->ntables, sizeof(*v), cmp_tkey);
}

/* What the memo keeps of the surveyed pair `p` (dbt_diff_memo): 0 unless
 * it has nothing to change in place. */
static unsigned char memo_bits(const struct pair *p)
{
	if (p->recreate || (p->work & ~(unsigned)WORK_PARTITION))
		return 0;
	return DBT_DIFF_MEMO_EQUAL | (p->pk_matched ? DBT_DIFF_MEMO_PK : 0) |
	       (p->work & WORK_PARTITION ? DBT_DIFF_MEMO_PARTITION : 0);
}

/* The pair `p`, which an earlier diff found equal (`bits`, memo_bits),
 * as survey_pair would leave it: every constraint matched (p->flags
 * NONE says so without flags), no column map, nothing to change. */
static void take_equal(struct pair *p, unsigned char bits)
{
	p->work = bits & DBT_DIFF_MEMO_PARTITION ? WORK_PARTITION : 0;
	p->pk_matched = (bits & DBT_DIFF_MEMO_PK) != 0;
	p->flags = NONE;
	p->map = NONE;
}

/* Starts the memo st->record with the tables' order in `a` and `b`. */
static int memo_start(struct state *st, const struct tkey *a, const struct tkey *b)
{
	dbt_diff_memo *m = st->record;
	size_t na = st->from->ntables, nb = st->to->ntables, k;

	m->order = malloc((na + nb ? na + nb : 1) * sizeof(*m->order));
	m->pairs = calloc(nb ? nb : 1, 1);
	if (!m->order || !m->pairs) {
		dbt_diff_memo_release(m);
		return dbt_error_oom();
	}
	m->na = na;
	m->nb = nb;
	for (k = 0; k < na; k++)
		m->order[k] = a[k].pos;
	for (k = 0; k < nb; k++)
		m->order[na + k] = b[k].pos;
	return 0;
}

void dbt_diff_memo_release(dbt_diff_memo *memo)
{
	if (!memo)
		return;
	free(memo->order);
	free(memo->pairs);
	free(memo->ix_pos);
	free(memo->ix_matched);
	*memo = (dbt_diff_memo)DBT_DIFF_MEMO_INIT;
}

/*
 * Matches the model's indexes that a hint renames from an unmatched index
 * of the database of the same definition, on a table that is not made
 * again, while the database lacks the new name: they become renames.
 */
static int match_index_renames(struct state *st)
{
	size_t i, j;

	if (!st->rename_indexes)
		return 0;
	for (j = 0; j < st->to->nindexes; j++) {
		const dbt_index *b = st->to->indexes[j];
		const struct pair *p;

		if (st->b_ix[j] || !b->renamed_from || !b->name ||
		    dbt_schema_find_index(st->from, b->name))
			continue;
		p = find_pair(st, b->table);
		if (p && p->recreate)
			continue;
		for (i = 0; i < st->from->nindexes; i++) {
			const dbt_index *a = st->from->indexes[i];

			if (st->a_ix[i] || !a->name || strcmp(a->name, b->renamed_from) ||
			    !index_same(a, b))
				continue;
			if (!st->ix_renames &&
			    !(st->ix_renames = malloc(2 * st->to->nindexes * sizeof(size_t))))
				return dbt_error_oom();
			st->ix_renames[2 * st->nix_renames] = i;
			st->ix_renames[2 * st->nix_renames + 1] = j;
			st->nix_renames++;
			st->a_ix[i] = st->b_ix[j] = 1;
			break;
		}
	}
	return 0;
}

/* Builds the name-sorted pairs and matches everything that can match,
 * visiting each pair's tables once (survey_pair). */
int dbt_diff_build_pairs(struct state *st)
{
	struct tkey *a = NULL, *b = NULL;
	size_t na = st->from->ntables, nb = st->to->ntables, i = 0, j = 0, k;
	/* With a memo whose index matching fits: 1 for each table of `from`
	 * whose model table changed, whose indexes are matched again. */
	char *dirty = NULL;
	int rc = DBT_ERROR;

	a = malloc((na ? na : 1) * sizeof(*a));
	b = malloc((nb ? nb : 1) * sizeof(*b));
	st->pairs = calloc(na + nb ? na + nb : 1, sizeof(*st->pairs));
	st->a_ix = calloc(st->from->nindexes ? st->from->nindexes : 1, 1);
	st->b_ix = calloc(st->to->nindexes ? st->to->nindexes : 1, 1);
	if (st->reuse && st->reuse->ix_pos && st->reuse->nix_a == st->from->nindexes &&
	    st->reuse->nix_b == st->to->nindexes && !(dirty = calloc(na ? na : 1, 1))) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	if (!a || !b || !st->pairs || !st->a_ix || !st->b_ix) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	sort_by_name(a, st->from, st->reuse ? st->reuse->order : NULL);
	sort_by_name(b, st->to, st->reuse ? st->reuse->order + na : NULL);
	if (st->record && (rc = memo_start(st, a, b)) < 0)
		goto cleanup;

	while (i < na || j < nb) {
		struct pair *p = &st->pairs[st->npairs++];
		int c = i == na	  ? 1
			: j == nb ? -1
				  : cmp_headed(a[i].head, a[i].name, b[j].head, b[j].name);
		size_t pos = NONE, apos = NONE;

		if (c <= 0) {
			apos = a[i].pos;
			p->a = st->from->tables[a[i++].pos];
		}
		if (c >= 0) {
			pos = b[j].pos;
			p->b = st->to->tables[b[j++].pos];
		}
		p->name = p->a ? p->a->name : p->b->name;
		p->flags = p->map = NONE;
		if (!p->a || !p->b)
			continue;
		if (dirty)
			dirty[apos] = st->changed[pos];
		/* A pair that an earlier diff found equal, and that nobody
		 * touched since, is equal: its tables are not read again. */
		if (st->reuse && !st->changed[pos] && (st->reuse->pairs[pos] & DBT_DIFF_MEMO_EQUAL))
			take_equal(p, st->reuse->pairs[pos]);
		else if ((rc = survey_pair(st, p)) < 0)
			goto cleanup;
		if (st->record)
			st->record->pairs[pos] = memo_bits(p);
	}
	mark_recreated(st);
	if ((rc = match_indexes(st->a_ix, st->from->indexes, st->from->nindexes, st->b_ix,
				st->to->indexes, st->to->nindexes, st->from, st, dirty)) < 0)
		goto cleanup;
	/* A recreated table's indexes go with it and come back with it. */
	for (k = 0; st->nrecreate && k < st->from->nindexes; k++) {
		const struct pair *p = find_pair(st, st->from->indexes[k]->table);

		if (p && p->recreate)
			st->a_ix[k] = 0;
	}
	for (k = 0; st->nrecreate && k < st->to->nindexes; k++) {
		const struct pair *p = find_pair(st, st->to->indexes[k]->table);

		if (p && p->recreate)
			st->b_ix[k] = 0;
	}
	rc = match_index_renames(st);
cleanup:
	free(dirty);
	free(a);
	free(b);
	return rc;
}
