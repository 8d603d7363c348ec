/*
 * render.h - turning a Schema's objects and the differ's operations into
 * SQL for one dialect, and adapting a parsed model to what that dialect
 * can store.
 *
 * Identifiers are always quoted through the dialect's quoter (bare only
 * when that is safe); literals were already canonical SQL text in the
 * Schema.  Every function appends complete statements, each ended by
 * ";\n", and returns 0, or a negative DBT_E* code with a message.
 */
#ifndef DBT_RENDER_H
#define DBT_RENDER_H

#include "buf.h"
#include "dbtool.h"
#include "diff.h"
#include "schema.h"

/*
 * Adapts a parsed model, in place, to what dialect `kind` stores, so that
 * rendering it, applying it and reflecting it back gives an equal Schema:
 * - SQLite: a SERIAL or identity column becomes an AUTOINCREMENT one,
 *   which SQLite allows only on the sole primary-key column, of type
 *   INTEGER (BIGINT/SMALLINT become INTEGER there); elsewhere it is an
 *   error naming the column and its place in the model.
 *   A WITHOUT ROWID table needs a primary key and takes no AUTOINCREMENT;
 *   a STRICT table's columns have one of the types INT, INTEGER, REAL,
 *   TEXT, BLOB and ANY (as adapted); each refusal in SQLite's words.
 * - PostgreSQL: an AUTOINCREMENT column (identity NONE) becomes SERIAL.
 * - Both: the auto-increment rule.  A table's sole primary-key column of
 *   type INTEGER or BIGINT without a default, generation, identity or
 *   foreign key generates its values: on PostgreSQL it becomes GENERATED
 *   BY DEFAULT AS IDENTITY, on SQLite the rowid alias (type INTEGER, a
 *   BIGINT one too).  Not for WITHOUT ROWID tables, partitioned tables
 *   and partitions.  A column with `no_autoincrement` keeps out of it;
 *   that hint on a column the rule does not apply to is an error naming
 *   the column.
 *   SQLite's table options STRICT and WITHOUT ROWID and VIRTUAL generated
 *   columns are errors naming their place.
 * - Both: a generated column in the primary key is an error.
 *
 * DBT_EPARSE, with "LINE:COL: column 'items.n' is SERIAL, but SQLite
 * generates values only for an INTEGER PRIMARY KEY column": the Schema
 * does not know the model's path, so callers put "PATH:" (no space) in
 * front.  The schema may be partly adapted after a failure.
 */
int dbt_schema_adapt(dbt_schema *schema, dbt_dialect_kind kind);

/*
 * Makes a schema reflected from dialect `from` read, in place, as dialect
 * `to` stores it, for rendering the same ops on a database they were not
 * diffed on: each column's type is declared as `from` spells it and
 * adapted to `to` (dbt_schema_adapt, with its refusals: a column without
 * a type, STRICT, ... for PostgreSQL); the sole key that generates its
 * values on `from` follows the auto-increment rule on `to`, and any other
 * identity becomes SQLite's AUTOINCREMENT where SQLite has one (the sole
 * INTEGER key column) and is dropped elsewhere.  What the model said and
 * the database does not keep (the no-autoincrement hint, SERIAL rather
 * than identity) is not known here.  Does nothing when `from` is `to`.
 */
int dbt_schema_translate(dbt_schema *schema, dbt_dialect_kind from, dbt_dialect_kind to);

/*
 * CREATE TABLE for `table`, with its columns, primary key, unique, check,
 * exclusion and foreign-key constraints inline, each constraint with its
 * name (CONSTRAINT name ...); for a partition "CREATE TABLE t PARTITION
 * OF parent [(constraints)] bound", and "PARTITION BY key" at the end of
 * a partitioned table's.  Foreign keys for which `skip_fk(fk, arg)`
 * returns 1 are left out (they close a cycle and are added later); it
 * may be NULL.
 */
int dbt_render_create_table(dbt_buf *out, dbt_dialect_kind kind, const dbt_table *table,
			    int (*skip_fk)(const dbt_fk *fk, void *arg), void *arg);

/* CREATE [UNIQUE] INDEX name ON table (...) [WHERE ...]. */
int dbt_render_create_index(dbt_buf *out, dbt_dialect_kind kind, const dbt_index *index);

/* DROP TABLE / DROP INDEX. */
int dbt_render_drop_table(dbt_buf *out, dbt_dialect_kind kind, const char *table);
int dbt_render_drop_index(dbt_buf *out, dbt_dialect_kind kind, const dbt_index *index);

/*
 * The SQL of one differ operation.  CREATE_TABLE leaves out the fks that
 * later ADD_FK ops add when op->fks_deferred is set.  For operations that
 * SQLite's ALTER TABLE cannot do alone, DBT_ERROR naming the change:
 * those are rendered as table rebuilds by dbt_render_ops().
 */
int dbt_render_op(dbt_buf *out, dbt_dialect_kind kind, const dbt_op *op);

/*
 * The SQL of a list of ops, as a revision's section: each op preceded by a
 * comment line "-- <describe line>", and an op that destroys data (see
 * dbt_op_destroys) by "-- WARNING: <why>".  `target` is the schema the ops
 * lead to (the model for an upgrade, the database's schema for the
 * downgrade built from inverses).
 *
 * SQLite: the ops its ALTER TABLE cannot do (type, nullability, default,
 * identity, generation, table option, key, unique, fk and check changes;
 * an ADD or DROP COLUMN that SQLite refuses) are grouped per table into
 * one table rebuild, emitted at
 * the place of the table's first such op, as SQLite's documentation
 * prescribes: CREATE TABLE "_dbtool_new_<t>" with the target's definition
 * of the table, INSERT INTO it SELECT the columns both definitions have
 * FROM the old table (less the generated columns, which SQLite computes),
 * DROP TABLE the old one, ALTER TABLE ... RENAME TO
 * <t>, then CREATE INDEX for every index `target` has on the table; the
 * table's other ops are then left out, except its DROP INDEX ops, which run
 * before the rebuild (a rebuild never comes before the list's last DROP
 * INDEX or DROP TABLE, whose names its CREATE INDEX may reuse).
 *
 * PostgreSQL: an ALTER_GENERATED that drops and adds the column again is
 * followed by the target's indexes, unique and check constraints that use
 * the column (DROP COLUMN took them along), unless the list adds them.
 *
 * On both databases a CREATE TABLE in the list also creates the indexes
 * `target` has on the new table that no ADD_INDEX op of the list creates
 * (the inverse of a DROP TABLE, which took its indexes along).  Foreign keys
 * must be off while this runs: the SQLite dialect's begin() turns them off
 * for the transaction and its commit() runs PRAGMA foreign_key_check.
 */
int dbt_render_ops(dbt_buf *out, dbt_dialect_kind kind, const dbt_op *ops, size_t n,
		   const dbt_schema *target);

/*
 * A trigger or a view of the live database, as SQLite's sqlite_schema
 * holds it.  The schema model has no triggers or views, but a SQLite table
 * rebuild must not lose them: DROP TABLE takes the table's triggers
 * along, and ALTER TABLE ... RENAME fails while a view or trigger names a
 * table that is missing.
 */
typedef struct dbt_sql_object {
	char *type;  /* "trigger" or "view" */
	char *name;
	char *table; /* the table a trigger is on; a view's own name */
	char *sql;   /* its CREATE statement, without a final ';' */
} dbt_sql_object;

/* The triggers and views of a database, in the order they were created;
 * the list owns every string. */
typedef struct dbt_sql_objects {
	dbt_sql_object *v;
	size_t n;
} dbt_sql_objects;

void dbt_sql_objects_release(dbt_sql_objects *objects);

/*
 * Leaves out of `keep` the triggers and views that a DROP_OBJECT op of
 * `ops` drops: the differ drops objects before any table op, so a table
 * rebuild no longer finds them, and creates them again (when the target
 * has them) after every table op.  What is left is the same for a list
 * and for its inverse, whose table ops meet the same objects.  An entry
 * matches an op's object by kind and by its SQL, which is the object's
 * definition on SQLite.
 */
void dbt_sql_objects_forget(dbt_sql_objects *keep, const dbt_op *ops, size_t n);

/*
 * dbt_render_ops, keeping `keep` (may be NULL) across SQLite table
 * rebuilds: each rebuild first drops the triggers and views that are on
 * the table or name it (and the views and triggers that name those
 * views), and after the rename creates them again with their SQL as
 * read, in their order of creation.  DBT_ERROR, naming the trigger or
 * view and the column, when one of them names a column that the rebuild
 * drops: it could not be created again.  PostgreSQL ignores `keep`.
 */
int dbt_render_ops_keep(dbt_buf *out, dbt_dialect_kind kind, const dbt_op *ops, size_t n,
			const dbt_schema *target, const dbt_sql_objects *keep);

#endif
