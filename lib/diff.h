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
	DBT_OP_CREATE_TABLE,   /* table (from `to`), without the fks listed in
				* separate DBT_OP_ADD_FK ops (see fks_deferred) */
	DBT_OP_DROP_TABLE,     /* table (from `from`) */
	DBT_OP_ADD_COLUMN,     /* table, column (new) */
	DBT_OP_DROP_COLUMN,    /* table, old_column */
	DBT_OP_ALTER_TYPE,     /* table, old_column -> column: type or collation */
	DBT_OP_ALTER_NULL,     /* table, old_column -> column: nullability */
	DBT_OP_ALTER_DEFAULT,  /* table, old_column -> column: default */
	DBT_OP_ALTER_IDENTITY, /* table, old_column -> column: autoincrement / identity */
	DBT_OP_ADD_PK,         /* table, key */
	DBT_OP_DROP_PK,        /* table, key */
	DBT_OP_ADD_UNIQUE,     /* table, key */
	DBT_OP_DROP_UNIQUE,    /* table, key */
	DBT_OP_ADD_FK,         /* table, fk */
	DBT_OP_DROP_FK,        /* table, fk */
	DBT_OP_ADD_CHECK,      /* table, check */
	DBT_OP_DROP_CHECK,     /* table, check */
	DBT_OP_ADD_INDEX,      /* index (its table by name in index->table) */
	DBT_OP_DROP_INDEX,     /* index */
	DBT_OP_ADD_EXCLUDE,    /* table, exclude */
	DBT_OP_DROP_EXCLUDE,   /* table, exclude */
	DBT_OP_ALTER_PARTITION, /* table (the partition in `to`), old_table: a
				 * partition of the same parent whose bound
				 * changes: detached, then attached again */
} dbt_op_kind;

typedef struct dbt_op {
	dbt_op_kind kind;
	const dbt_table *table;       /* the table the op acts on, as in the schema
				       * the object comes from: `to` for create/add,
				       * `from` for drop; for alters the `to` table */
	const dbt_table *old_table;   /* for ops on an existing table: the `from`
				       * table (NULL for create table) */
	const dbt_column *column;     /* the new column (add, alter) */
	const dbt_column *old_column; /* the old column (drop, alter) */
	const dbt_unique *key;        /* pk or unique */
	const dbt_fk *fk;
	const dbt_check *check;
	const dbt_index *index;
	const dbt_exclude *exclude;
	int fks_deferred;             /* CREATE_TABLE of a table in a foreign-key
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
} dbt_diff_opts;

/*
 * Computes the operations that turn `from` (the database) into `to` (the
 * model), ordered so that each can run after the ones before it:
 *   drop fks, drop indexes, drop checks/uniques/pks, drop tables (tables
 *   referencing others first), create tables (referenced tables first; a
 *   foreign-key cycle broken by ADD_FK ops after both tables), add/alter
 *   /drop columns, add pks/uniques/checks, add fks, add indexes.
 * Within a kind, tables in name order and objects in declaration order.
 *
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

void dbt_diff_release(dbt_diff *diff);

/* The operation that undoes `op`: create <-> drop, add <-> drop, and an
 * alter with old and new swapped. */
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
 *   + index ix_users_email ON users (email)      - index ix_old
 *   + unique users (email)             + primary key users (id)
 *   + foreign key books (author_id) -> authors (id) ON DELETE CASCADE
 *   + check users (age >= 0)
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
 */
int dbt_op_destroys(const dbt_op *op, char **why);

#endif
