/*
 * op.h - one operation of the differ (diff.h) and what can be said of it
 * alone: its inverse, a stable name of its kind, the line `dbtool check`
 * prints for it, and whether running it loses data.
 *
 * An op points into the schemas the differ computed it from and owns
 * nothing; none of these functions allocates except dbt_op_destroys()'s
 * `why` and the dbt_buf dbt_op_describe() appends to.
 */
#ifndef DBT_OP_H
#define DBT_OP_H

#include "buf.h"
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
	DBT_OP_RENAME_INDEX,	/* old_index (from `from`) -> index (from
				* `to`), of the same definition: a model's
				* "renamed from" hint on the index */
	DBT_OP_ALTER_COMMENT,	/* MariaDB/MySQL: table, old_column -> column:
				* the column's COMMENT; with no column, the
				* table's (old_table -> table) */
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
	const dbt_index *old_index;   /* the old index (rename) */
	const dbt_object *object;     /* the new object (create, replace) */
	const dbt_object *old_object; /* the old object (drop, replace) */
	const dbt_exclude *exclude;
	int fks_deferred; /* CREATE_TABLE of a table in a foreign-key
				       * cycle: the rendered CREATE TABLE leaves out
				       * every fk of the table except self-references,
				       * and the differ emits one ADD_FK op for each of
				       * them after all CREATE_TABLE ops; 2: the
				       * self-references too (one rests on a unique
				       * index that an ADD_INDEX makes) */
} dbt_op;

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
