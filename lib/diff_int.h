/*
 * diff_int.h - what the differ's files (diff.c, diff_survey.c,
 * diff_objects.c, diff_rename.c) share and nothing else includes: the
 * pairing of the two schemas' tables, the growing list of ops, and the
 * entry points of the survey, of the object planning and of the renames.
 */
#ifndef DBT_DIFF_INT_H
#define DBT_DIFF_INT_H

#include "diff.h"
#include "error.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NONE SIZE_MAX

/*
 * What a pair of tables has to change in place, found by the one visit of
 * both tables (diff_survey.c's survey_pair): each pass after it looks at a pair
 * only when its bit is set, so that with nothing to change no pass touches
 * a table again.
 */
enum {
	WORK_OPTIONS = 1 << 0,	  /* ALTER_OPTIONS */
	WORK_BOUND = 1 << 1,	  /* ALTER_PARTITION */
	WORK_ADD_COLUMN = 1 << 2, /* a column only `b` has */
	WORK_ALTER = 1 << 3,	  /* a column both have that changes */
	WORK_DROP_COLUMN = 1 << 4,
	WORK_DROP_FK = 1 << 5,	  /* a constraint of `a` without a match */
	WORK_DROP_CHECK = 1 << 6, /* a check or an exclusion */
	WORK_DROP_UNIQUE = 1 << 7,
	WORK_DROP_PK = 1 << 8,
	WORK_ADD_FK = 1 << 9, /* a constraint of `b` without a match */
	WORK_ADD_CHECK = 1 << 10,
	WORK_ADD_UNIQUE = 1 << 11,
	WORK_ADD_PK = 1 << 12,
	WORK_PARTITION = 1 << 13, /* `a` is a partition (mark_recreated) */
	WORK_COMMENT = 1 << 14	  /* the table's ALTER_COMMENT (MariaDB) */
};

/* A table name with the table it names in each schema (either may be
 * NULL), and what was matched between the two.  The pairs are walked
 * pass after pass: the struct stays small, and what is matched lives in
 * the state's arrays, at `flags` and `map`. */
struct pair {
	const char *name;
	const dbt_table *a; /* in `from` */
	const dbt_table *b; /* in `to` */
	size_t flags;	    /* where its match flags start in state.flags
			     * (struct matched says which is which) */
	size_t map;	    /* where its column map starts in state.map (the
			     * position in `a` of each column of `b`, then in
			     * `b` of each column of `a`, NONE for none); NONE
			     * when no column is added, altered or dropped */
	unsigned work;	    /* WORK_* */
	unsigned char pk_matched;
	unsigned char deferred; /* created or dropped with its fks as separate
				 * ops; 2: its self-references too (created
				 * only) */
	unsigned char recreate; /* in both, but dropped and created again */
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
	size_t nrecreate; /* pairs with `recreate` */
	char *flags;	  /* the pairs' match flags, 1 where matched */
	size_t nflags, capflags;
	size_t *map; /* the pairs' column maps */
	size_t nmap, capmap;
	char *a_ix, *b_ix; /* 1 where the index has a match */
	int rename_indexes;
	size_t *ix_renames; /* pairs of positions (in `from`, in `to`) of the
			     * indexes that a hint renames */
	size_t nix_renames;
	dbt_diff_memo *record;	    /* dbt_diff_opts': NULL when a diff renames */
	const dbt_diff_memo *reuse; /* ... and when the memo does not fit */
	const unsigned char *changed;
};

struct ops {
	dbt_op *v;
	size_t n, cap;
	int oom;
};

static inline int streq_null(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return !strcmp(a, b);
}

static inline struct pair *find_pair(const struct state *st, const char *name)
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

static inline dbt_op *emit(struct ops *o, dbt_op_kind kind, const dbt_table *table,
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

/* -------------------------------------------------------------- survey */

/* Where the match flags of a pair in both schemas are (survey_pair):
 * 1 where the object has a match on the other side. */
struct matched {
	char *a_uq, *b_uq, *a_fk, *b_fk, *a_ck, *b_ck, *a_ex, *b_ex;
};

/* The flags of the pair `p`, in both schemas and surveyed, in `st`. */
struct matched dbt_diff_matched_of(const struct state *st, const struct pair *p);

/*
 * Builds st->pairs from st->from and st->to (sorted by name), surveys
 * each pair in both schemas (its flags, column map and `work`), marks the
 * pairs recreated, and matches the indexes into st->a_ix and st->b_ix and
 * the renamed ones into st->ix_renames.  What it allocates is in `st`,
 * freed by the caller whatever the result.  0 or DBT_ERROR.
 */
int dbt_diff_build_pairs(struct state *st);

/* 1 when `a` and `b` hold the same names in any order (a key backs a
 * foreign key whatever the order of its columns). */
int dbt_diff_same_set(char *const *a, size_t na, char *const *b, size_t nb);

/* The ops, in the order they run, that turn the database's column `oc`
 * into the model's `c` (of the same name), into `kinds` (room for 5);
 * returns how many. */
size_t dbt_diff_column_changes(dbt_op_kind *kinds, const dbt_column *oc, const dbt_column *c);

/* ------------------------------------------------------------- objects */

/* The object ops, in the five groups dbt_diff_schemas names. */
struct objops {
	struct ops early_drops, early_creates, late_drops, late_creates;
};

void dbt_diff_objops_release(struct objops *g);

/*
 * Plans the object ops between `st->from` and `st->to` into `g` (zeroed by
 * the caller, released with dbt_diff_objops_release() whatever the
 * result); `tables` are the table ops already computed (for
 * `around_alters`, dbt_diff_opts' objects_around_alters).  0 or DBT_ERROR.
 */
int dbt_diff_plan_objects(struct objops *g, const struct state *st, const struct ops *tables,
			  int around_alters);

/* Appends a copy of `src`'s ops to `dst` (sticky oom as emit()). */
void dbt_diff_append_ops(struct ops *dst, const struct ops *src);

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

/* The renames of `to`'s hints that apply to `from` (r zeroed by the
 * caller, r->v freed by it): table renames first, in the model's order,
 * then column renames.  0 or DBT_ERROR. */
int dbt_diff_find_renames(struct renames *r, const dbt_schema *from, const dbt_schema *to);

/* `from` as it is after the renames `r` (caller frees): the schema that
 * the other ops of the diff act on.  0 or DBT_ERROR. */
int dbt_diff_renamed_schema(dbt_schema **out, const dbt_schema *from, const struct renames *r);

#endif
