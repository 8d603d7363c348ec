/*
 * diff.h - the differ: a pure function from two Schemas (what the database
 * has, what the model declares) to the ordered list of operations that
 * turn the first into the second.  Each operation knows its inverse, so a
 * downgrade is the reversed list of inverses.
 *
 * Operations (op.h: what each one is, its inverse, its description) point
 * into the two schemas they were computed from, which must outlive the
 * dbt_diff.  Nothing here does I/O or knows a dialect's SQL; rendering is
 * render.h's.
 */
#ifndef DBT_DIFF_H
#define DBT_DIFF_H

#include "buf.h"
#include "dbtool.h"
#include "op.h"
#include "schema.h"

typedef struct dbt_diff {
	dbt_op *ops;
	size_t n;
} dbt_diff;

typedef struct dbt_diff_opts {
	/* The dialect can create a table whose foreign key names a table that
	 * does not exist yet (SQLite): then cycles need no separate ADD_FK. */
	int fk_forward_refs;
	/* The database refuses to change a column's type or drop a column
	 * while a view, materialized view, trigger or policy depends on its
	 * table (PostgreSQL): those objects are dropped before the table's
	 * changes and created again after them.  SQLite's table rebuild keeps
	 * them itself (render.h). */
	int objects_around_alters;
	/* The database renames an index in place (PostgreSQL, MariaDB): a
	 * model index with a rename hint whose old name the database has,
	 * under the same definition (and the new name not), is renamed
	 * (RENAME_INDEX); otherwise the old index is dropped and the new one
	 * made. */
	int rename_indexes;
	/* A second diff of the same two schemas after the caller changed a
	 * few tables of `to` (the model's, normalized: model.c) need not
	 * compare again the pairs of tables that the first found equal and
	 * that nobody touched since.  When `record` is not NULL, the diff
	 * fills it (dbt_diff_memo).  When `reuse` is not NULL, it is a memo
	 * that an earlier diff recorded, and the caller vouches that `from`
	 * is the schema it was recorded with, unchanged since, and that `to`
	 * holds the same tables in the same places, unchanged since but for
	 * those marked 1 in `changed` (to->ntables bytes, by place in `to`; a
	 * table respelt or replaced since is changed, and keeps its name),
	 * and the same number of indexes, each in its place on a table of
	 * the same name, unchanged but for those of the changed tables.  The
	 * ops are exactly those of the same diff without `reuse`; only the
	 * work is less.  `record` and `reuse` are two memos, or NULL. */
	struct dbt_diff_memo *record;
	const struct dbt_diff_memo *reuse;
	const unsigned char *changed;
} dbt_diff_opts;

/*
 * What one diff keeps for a second of the same schemas (dbt_diff_opts'
 * record and reuse): the order of each schema's tables by name (positions
 * in `from`, then in `to`), which the second diff checks and keeps when
 * it still holds; by place in `to`, the pairs of tables that the survey
 * found equal (nothing to change in place), which it takes as equal
 * without reading them again; and, when every index of `from` is on one
 * of its tables, the place in `from` of each index's table (the indexes
 * of `from`, then of `to`) and whether the index found a match, which it
 * takes again for the indexes of the tables not changed (an index
 * matches one of its own table alone).  Nothing is kept when the diff
 * renames a table or a column (the renamed `from` differs from `from`):
 * the memo is then empty (na = nb = 0, NULL arrays) and a diff that
 * reuses it does the whole work.  Zero it before the first diff
 * (DBT_DIFF_MEMO_INIT); released by dbt_diff_memo_release().
 */
typedef struct dbt_diff_memo {
	size_t na, nb;
	size_t *order;	      /* na + nb positions */
	unsigned char *pairs; /* nb bytes: DBT_DIFF_MEMO_* */
	size_t nix_a, nix_b;  /* the indexes of `from` and `to` */
	long *ix_pos;	      /* nix_a + nix_b places in `from`, -1 for none;
			       * NULL when not kept */
	char *ix_matched;     /* nix_a + nix_b: 1 where matched */
} dbt_diff_memo;

#define DBT_DIFF_MEMO_INIT                         \
	{                                          \
		0, 0, NULL, NULL, 0, 0, NULL, NULL \
	}
#define DBT_DIFF_MEMO_EQUAL 0x1	    /* in both schemas, nothing to change */
#define DBT_DIFF_MEMO_PK 0x2	    /* ... with a primary key on both sides */
#define DBT_DIFF_MEMO_PARTITION 0x4 /* ... a partition of another table */

void dbt_diff_memo_release(dbt_diff_memo *memo);

/*
 * Computes the operations that turn `from` (the database) into `to` (the
 * model), ordered so that each can run after the ones before it:
 *   drop fks, drop indexes, drop checks/uniques/pks, drop tables (tables
 *   referencing others first), create tables (referenced tables first; a
 *   foreign-key cycle broken by ADD_FK ops after both tables), table
 *   options, add/alter/drop columns (generated ones dropped first, since
 *   their expressions may use the others), add pks/uniques/checks, add
 *   indexes, add fks (which may rest on a unique index the diff adds; a
 *   table created with an fk on such an index of another new table gets
 *   its fks as separate ADD_FK ops).
 * Within a kind, tables in name order and objects in declaration order.
 *
 * Objects held as definitions (schema.h's dbt_object) are matched by kind
 * and name and compared by `definition`, byte for byte: only in `to`,
 * CREATE_OBJECT; only in `from`, DROP_OBJECT; different, REPLACE_OBJECT
 * when both sides have a replace_sql (so that the inverse is in place
 * too), else a DROP_OBJECT and a CREATE_OBJECT.  An object that depends
 * (through `deps`, transitively) on one that is dropped is dropped before
 * it and, when `to` has it, created again after it, even when unchanged;
 * so are, with opts->objects_around_alters, the views, materialized
 * views, triggers and policies on a table whose column changes type or is
 * dropped.  Around the table operations:
 *   1. drops, dependents first (the reverse of the creation order);
 *   2. creates and replaces of the objects that tables may use (kinds
 *      before views: types, domains, sequences, functions ...) that
 *      depend on no table, in creation order;
 *   3. the table operations above;
 *   4. drops of objects of those kinds that depend on no table and that
 *      `to` lacks (a column that used them is gone by then);
 *   5. the other creates and replaces, in creation order.
 * Creation order: kind (dbt_object_kind), then dependencies first, then
 * name.
 * A table whose partitioning changes (PARTITION BY, or whether and of
 * which table it is a partition) is dropped and created again, and so
 * are the partitions of such a table: PostgreSQL cannot change that in
 * place.  Partitions are created after their parent and dropped before
 * it; a partition whose bound alone changes gets ALTER_PARTITION.
 *
 * Matching: tables and columns by name.  Constraints and indexes by what
 * they do (columns, referenced table and columns, actions, expression,
 * uniqueness, WHERE); their names are compared only when the model (`to`)
 * gave them (name_given), and a different name then is a drop and an add.
 * `opts` may be NULL.  DBT_ERROR only when out of memory; `out` is empty
 * (n = 0) when the schemas are equal.
 */
int dbt_diff_schemas(dbt_diff *out, const dbt_schema *from, const dbt_schema *to,
		     const dbt_diff_opts *opts);

/*
 * `from` as the diff's renames leave it, which the other ops act on (their
 * `old_table`s and the like point into it), owned by the diff; NULL when
 * the diff renames nothing.  The ops that undo the diff lead back through
 * it: a renderer that wants the schema the inverse ops lead to gets it
 * here for the ops before the inverse renames.
 */
const dbt_schema *dbt_diff_renamed(const dbt_diff *diff);

/*
 * The name that the database has before the diff's renames for the table
 * `table` (named as after them) or, when `column` is not NULL, for that
 * column of it: the old name when the diff renames it, else the name
 * itself.  For looking at the database before the ops run.
 */
const char *dbt_diff_name_before(const dbt_diff *diff, const char *table, const char *column);

/*
 * SQLite: 1 when the database's column `db` is the key the model declared
 * as `model`, which the auto-increment rule made the INTEGER rowid alias
 * (dbt_column.rule_decl): of the declared type and NOT NULL, which is no
 * alias.  Such a key agrees with the model; the rule decides how a table
 * is made, not how an existing one must change.
 */
int dbt_diff_column_as_declared(const dbt_column *db, const dbt_column *model);

void dbt_diff_release(dbt_diff *diff);

#endif
