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
 * Each pair of tables in both schemas is read once (survey_pair), while
 * its tables are in the processor's caches: its constraints and columns
 * are matched and compared there, and the pair notes which of the passes
 * that emit ops (whose order is the ops' order) have work for it.  Those
 * passes read only the pair array for the others: at 5,000 tables the
 * schemas no longer fit in the caches, and a pass that read every table
 * again would go to memory again.
 *
 * Tables that are created (or dropped) together are ordered by their
 * foreign keys, pg_dump style: a topological sort that takes the first
 * table by name whenever several are free.  Where the dialect cannot name
 * a table that does not exist yet, the tables of a foreign-key cycle get
 * `fks_deferred` and their foreign keys become separate ADD_FK (or, for
 * drops, DROP_FK) ops; so do those of a table whose foreign key needs a key
 * of an existing table that this same diff adds (or drops).
 *
 * The sorts themselves are sort.c's; the objects held as definitions are
 * planned in diff_objects.c, the model's rename hints applied in
 * diff_rename.c, and what an op means on its own (inverse, description,
 * data loss) is op.c's.
 */
#include "diff.h"

#include "diff_int.h"
#include "error.h"
#include "ident.h"
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
	       same_set(a->set_columns, a->nset_columns, b->set_columns, b->nset_columns);
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
 * index.
 */
static int match_indexes_by_table(char *am, dbt_index *const *av, size_t na, char *bm,
				  dbt_index *const *bv, size_t nb, const dbt_schema *from)
{
	size_t nt = from->ntables, *start = calloc(nt + 1, sizeof(*start));
	size_t *order = malloc((na ? na : 1) * sizeof(*order));
	long *apos = malloc((na ? na : 1) * sizeof(*apos));
	long *bpos = malloc((nb ? nb : 1) * sizeof(*bpos));
	size_t i, j, k;
	int pass, rc = 0;

	if (!start || !order || !apos || !bpos) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	for (i = 0; i < na; i++) {
		apos[i] = av[i]->table ? dbt_schema_table_pos(from, av[i]->table) : -1;
		if (apos[i] < 0) {
			rc = 1;
			goto cleanup;
		}
		start[apos[i] + 1]++;
	}
	for (k = 0; k < nt; k++)
		start[k + 1] += start[k];
	for (i = 0; i < na; i++)
		order[start[apos[i]]++] = i;
	/* start[t] is now where table t's group ends, the next one's start. */
	for (j = 0; j < nb; j++)
		bpos[j] = bv[j]->table ? dbt_schema_table_pos(from, bv[j]->table) : -1;
	for (pass = 2; pass >= 1; pass--) {
		for (j = 0; j < nb; j++) {
			if (bm[j] || bpos[j] < 0)
				continue;
			for (k = bpos[j] ? start[bpos[j] - 1] : 0; !bm[j] && k < start[bpos[j]];
			     k++)
				if (!am[order[k]] && cmp_index(av, order[k], bv, j) >= pass)
					am[order[k]] = bm[j] = 1;
		}
	}
cleanup:
	free(start);
	free(order);
	free(apos);
	free(bpos);
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
			 size_t nb, const dbt_schema *from)
{
	struct ixref *v;
	size_t i, j, k;
	int pass, rc = match_indexes_by_table(am, av, na, bm, bv, nb, from);

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

/* Where the match flags of a pair in both schemas are (survey_pair):
 * 1 where the object has a match on the other side. */
struct matched {
	char *a_uq, *b_uq, *a_fk, *b_fk, *a_ck, *b_ck, *a_ex, *b_ex;
};

static struct matched matched_of(const struct state *st, const struct pair *p)
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
 * into the model's `c` (of the same name), into `kinds` (room for 5);
 * returns how many.
 */
static size_t column_changes(dbt_op_kind *kinds, const dbt_column *oc, const dbt_column *c)
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
	if (!streq_null(oc->default_expr, c->default_expr) && !(implicit && oc->autoincrement))
		kinds[nk++] = DBT_OP_ALTER_DEFAULT;
	if (identity_changes && oc->identity == DBT_IDENTITY_NONE)
		kinds[nk++] = DBT_OP_ALTER_IDENTITY;
	if (generated_changes && !oc->generated_expr)
		kinds[nk++] = DBT_OP_ALTER_GENERATED;
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
	dbt_op_kind kinds[5];

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
		if (column_changes(kinds, oc, c))
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
	m = matched_of(st, p);

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

/* A table and the head of its name (name_head), to sort by name. */
struct tkey {
	uint64_t head;
	const char *name;
	const dbt_table *t;
};

static int cmp_tkey(const void *x, const void *y)
{
	const struct tkey *a = x, *b = y;

	return cmp_headed(a->head, a->name, b->head, b->name);
}

/* The tables of `s` in `v`, sorted by name. */
static void sort_by_name(struct tkey *v, const dbt_schema *s)
{
	size_t k;

	for (k = 0; k < s->ntables; k++) {
		v[k].t = s->tables[k];
		v[k].name = v[k].t->name;
		v[k].head = name_head(v[k].name);
	}
	qsort(v, s->ntables, sizeof(*v), cmp_tkey);
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

/* Builds the name-sorted pairs and matches everything that can match,
 * visiting each pair's tables once (survey_pair). */
static int build_pairs(struct state *st)
{
	struct tkey *a = NULL, *b = NULL;
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
	sort_by_name(a, st->from);
	sort_by_name(b, st->to);

	while (i < na || j < nb) {
		struct pair *p = &st->pairs[st->npairs++];
		int c = i == na	  ? 1
			: j == nb ? -1
				  : cmp_headed(a[i].head, a[i].name, b[j].head, b[j].name);

		if (c <= 0)
			p->a = a[i++].t;
		if (c >= 0)
			p->b = b[j++].t;
		p->name = p->a ? p->a->name : p->b->name;
		p->flags = p->map = NONE;
		if (p->a && p->b && (rc = survey_pair(st, p)) < 0)
			goto cleanup;
	}
	mark_recreated(st);
	if ((rc = match_indexes(st->a_ix, st->from->indexes, st->from->nindexes, st->b_ix,
				st->to->indexes, st->to->nindexes, st->from)) < 0)
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
	free(a);
	free(b);
	return rc;
}

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
	if (!created) {
		struct matched m = matched_of(st, p);

		uqm = dropping ? m.a_uq : m.b_uq;
	}
	if (t->pk && same_set(t->pk->columns, t->pk->ncolumns, fk->ref_columns, fk->nref_columns)) {
		if (created || p->pk_matched)
			return 0;
		found = 1;
	}
	for (i = 0; i < t->nuniques; i++) {
		const dbt_unique *u = t->uniques[i];

		if (!same_set(u->columns, u->ncolumns, fk->ref_columns, fk->nref_columns))
			continue;
		if (created || uqm[i])
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
			fm = matched_of(st, p).a_fk;
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
		m = matched_of(st, p);
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
		m = matched_of(st, p);
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
		m = matched_of(st, p);
		for (k = 0; k < p->b->nuniques; k++)
			if (!m.b_uq[k] && (op = emit(o, DBT_OP_ADD_UNIQUE, p->b, p->a)))
				op->key = p->b->uniques[k];
	}
	for (i = 0; i < st->npairs; i++) {
		const struct pair *p = &st->pairs[i];
		struct matched m;

		if (!BOTH(p) || !(p->work & WORK_ADD_CHECK))
			continue;
		m = matched_of(st, p);
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
			fm = matched_of(st, p).b_fk;
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
			dbt_op_kind kinds[5];
			size_t nk, m;

			if (map[k] == NONE)
				continue;
			oc = p->a->columns[map[k]];
			nk = column_changes(kinds, oc, c);
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
	if ((rc = dbt_diff_find_renames(&ren, from, to)) < 0)
		goto cleanup;
	if (ren.n) {
		if ((rc = dbt_diff_renamed_schema(&renamed, from, &ren)) < 0)
			goto cleanup;
		st.from = renamed;
		emit_renames(&o, &ren, renamed);
	}
	if ((rc = build_pairs(&st)) < 0 || (rc = sort_tables(&drops, &ndrops, &st, 1)) < 0 ||
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
