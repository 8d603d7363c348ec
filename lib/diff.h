/*
 * diff.h - the differ: a pure function from two Schemas (what the database
 * has, what the model declares) to the ordered list of operations that
 * turn the first into the second.  Each operation knows its inverse, so a
 * downgrade is the reversed list of inverses.
 *
 * Operations point into the two schemas they were computed from, which
 * must outlive the dbt_diff.  Nothing here does I/O or knows a dialect's
 * SQL; rendering is render.h's.
 */
#ifndef DBT_DIFF_H
#define DBT_DIFF_H

#include "buf.h"
#include "dbtool.h"
#include "schema.h"

typedef enum dbt_op_kind {
	DBT_OP_CREATE_TABLE,	/* table (from `to`), without the fks listed in
				* separate DBT_OP_ADD_FK ops (see fks_deferred) */
	DBT_OP_DROP_TABLE,	/* table (from `from`) */
	DBT_OP_ALTER_OPTIONS,	/* old_table -> table: SQLite's STRICT, WITHOUT ROWID */
	DBT_OP_ADD_COLUMN,	/* table, column (new) */
	DBT_OP_DROP_COLUMN,	/* table, old_column */
	DBT_OP_ALTER_TYPE,	/* table, old_column -> column: type or collation */
	DBT_OP_ALTER_NULL,	/* table, old_column -> column: nullability */
	DBT_OP_ALTER_DEFAULT,	/* table, old_column -> column: default */
	DBT_OP_ALTER_IDENTITY,	/* table, old_column -> column: autoincrement / identity */
	DBT_OP_ALTER_GENERATED, /* table, old_column -> column: generation expression
				 * or STORED/VIRTUAL, or becoming or ceasing to be
				 * a generated column */
	DBT_OP_ADD_PK,		/* table, key */
	DBT_OP_DROP_PK,		/* table, key */
	DBT_OP_ADD_UNIQUE,	/* table, key */
	DBT_OP_DROP_UNIQUE,	/* table, key */
	DBT_OP_ADD_FK,		/* table, fk */
	DBT_OP_DROP_FK,		/* table, fk */
	DBT_OP_ADD_CHECK,	/* table, check */
	DBT_OP_DROP_CHECK,	/* table, check */
	DBT_OP_ADD_INDEX,	/* index (its table by name in index->table) */
	DBT_OP_DROP_INDEX,	/* index */
	DBT_OP_CREATE_OBJECT,	/* object (from `to`): its create_sql */
	DBT_OP_DROP_OBJECT,	/* old_object (from `from`): its drop_sql */
	DBT_OP_REPLACE_OBJECT,	/* old_object -> object, in place: the replace_sql
				* of `object` */
	DBT_OP_ADD_EXCLUDE,	/* table, exclude */
	DBT_OP_DROP_EXCLUDE,	/* table, exclude */
	DBT_OP_ALTER_PARTITION, /* table (the partition in `to`), old_table: a
				 * partition of the same parent whose bound
				 * changes: detached, then attached again */
	DBT_OP_RENAME_TABLE,	/* old_table (its old name) -> table (its new
				* name): a model's "renamed from" hint */
	DBT_OP_RENAME_COLUMN,	/* table (by its new name, both old_table and
				* table), old_column -> column */
} dbt_op_kind;

typedef struct dbt_op {
	dbt_op_kind kind;
	const dbt_table *table;	      /* the table the op acts on, as in the schema
				       * the object comes from: `to` for create/add,
				       * `from` for drop; for alters the `to` table */
	const dbt_table *old_table;   /* for ops on an existing table: the `from`
				       * table (NULL for create table) */
	const dbt_column *column;     /* the new column (add, alter) */
	const dbt_column *old_column; /* the old column (drop, alter) */
	const dbt_unique *key;	      /* pk or unique */
	const dbt_fk *fk;
	const dbt_check *check;
	const dbt_index *index;
	const dbt_object *object;     /* the new object (create, replace) */
	const dbt_object *old_object; /* the old object (drop, replace) */
	const dbt_exclude *exclude;
	int fks_deferred; /* CREATE_TABLE of a table in a foreign-key
				       * cycle: the rendered CREATE TABLE leaves out
				       * every fk of the table except self-references,
				       * and the differ emits one ADD_FK op for each of
				       * them after all CREATE_TABLE ops */
} dbt_op;

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
} dbt_diff_opts;

/*
 * Computes the operations that turn `from` (the database) into `to` (the
 * model), ordered so that each can run after the ones before it:
 *   drop fks, drop indexes, drop checks/uniques/pks, drop tables (tables
 *   referencing others first), create tables (referenced tables first; a
 *   foreign-key cycle broken by ADD_FK ops after both tables), table
 *   options, add/alter/drop columns (generated ones dropped first, since
 *   their expressions may use the others), add pks/uniques/checks, add
 *   fks, add indexes.
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

void dbt_diff_release(dbt_diff *diff);

/* The operation that undoes `op`: create <-> drop, add <-> drop, and an
 * alter or a replace with old and new swapped. */
void dbt_op_inverse(dbt_op *out, const dbt_op *op);

/* A stable lower-case name of the kind: "create_table", "add_column", ... */
const char *dbt_op_kind_name(dbt_op_kind kind);

/*
 * One readable line (no newline) describing `op`, as `dbtool check`
 * prints it:
 *   + table users                      - table users
 *   + column users.age INTEGER NULL    - column users.age
 *   ~ column users.name VARCHAR(30) -> VARCHAR(50)
 *   ~ column users.name NULL -> NOT NULL
 *   ~ column users.name DEFAULT 'a' -> no default
 *   ~ column t.c GENERATED ALWAYS AS (a + b) STORED -> not generated
 *   ~ table t no table options -> STRICT, WITHOUT ROWID
 *   + index ix_users_email ON users (email)      - index ix_old
 *   + unique users (email)             + primary key users (id)
 *   + foreign key books (author_id) -> authors (id) ON DELETE CASCADE
 *   + check users (age >= 0)
 *   + view active_users                - trigger trg ON orders
 *   ~ function add(integer, integer)
 * (objects by dbt_object_kind_name and their name, which is already
 * written as SQL needs it).
 */
void dbt_op_describe(dbt_buf *out, const dbt_op *op);

/*
 * 1 when running `op` loses data, with `*why` set to a short phrase for a
 * warning ("drops table users and its rows", "drops column users.age and
 * its values", "narrows users.name from VARCHAR(50) to VARCHAR(30)"),
 * caller frees; 0 (and `*why` NULL) otherwise.  Type changes that keep
 * every value (VARCHAR(n) to a longer VARCHAR or TEXT, SMALLINT to INTEGER
 * to BIGINT, REAL to DOUBLE PRECISION, NUMERIC to a wider NUMERIC) do not
 * destroy; every other type change does.
 *
 * No object op destroys rows: a view, function, trigger, policy, comment
 * or grant holds none (the downgrade creates it again from its
 * definition); a materialized view's rows are computed from tables and
 * come back with it; a sequence's counter is not a row; an enum, domain
 * or type that a column uses cannot be dropped while the column is there,
 * and dropping the column is the op that warns.
 */
int dbt_op_destroys(const dbt_op *op, char **why);

#endif
