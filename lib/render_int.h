/*
 * render_int.h - what render.c shares with the dialects' renderers
 * (render_sqlite.c, render_postgres.c, and the next dialect's): the
 * pieces of SQL that every dialect writes alike, each name through the
 * dialect's quoter, and the small predicates on ops and schemas they
 * need.  Internal to the library, like every lib/ header but dbtool.h.
 *
 * Functions that write append to `out` and leave a failure to the
 * buffer's sticky out-of-memory flag, which dbt_render_finish() turns
 * into DBT_ENOMEM; those that return int return 0 or a negative DBT_E*
 * code with a message.
 */
#ifndef DBT_RENDER_INT_H
#define DBT_RENDER_INT_H

#include "buf.h"
#include "diff.h"
#include "schema.h"

struct dbt_dialect;

/* ------------------------------------------------------------ names */

/* strcmp ignoring ASCII case, as SQLite compares names. */
int dbt_render_ascii_casecmp(const char *a, const char *b);
/* 1 when `name` is one of `names`. */
int dbt_render_in_list(char *const *names, size_t n, const char *name);
/* 1 when both are set and equal. */
int dbt_render_same_name(const char *a, const char *b);
/* 1 when the expression names the column `name` (bare or quoted,
 * ignoring ASCII case). */
int dbt_render_expr_mentions(const char *expr, const char *name);
/* 1 when the index uses the column, as a key, in an expression or in
 * its WHERE. */
int dbt_render_index_uses(const dbt_index *ix, const char *column);
/* The name of the table an op changes: an index op's is the table the
 * index is on; NULL for an op on no table. */
const char *dbt_render_op_table(const dbt_op *op);

/* ---------------------------------------------------------- columns */

/* The SERIAL spelling for an integer kind. */
const char *dbt_render_serial_name(dbt_type_kind kind);
/* What generates a column's values, as the model spells it. */
const char *dbt_render_generator_name(const dbt_column *c);
/* The table's sole primary-key column; NULL when there is none. */
const dbt_column *dbt_render_sole_pk_column(const dbt_table *t);

/* What a default expression is, for the places SQL takes one bare. */
enum dbt_default_kind {
	DBT_DEFAULT_CONSTANT, /* a number, string, TRUE, FALSE or NULL */
	DBT_DEFAULT_CURRENT,  /* CURRENT_DATE, CURRENT_TIME, CURRENT_TIMESTAMP */
	DBT_DEFAULT_CALL,     /* f(...) with a name that is no keyword */
	DBT_DEFAULT_OTHER,
};
enum dbt_default_kind dbt_render_classify_default(const char *expr);

/* " COLLATE name" */
void dbt_render_collation(dbt_buf *out, const struct dbt_dialect *d, const char *name);
/* "DEFAULT expr", in parentheses where the dialect needs them. */
void dbt_render_default(dbt_buf *out, const struct dbt_dialect *d, const char *expr);
/* A default as a value in an expression: one that is not a literal goes
 * in parentheses. */
void dbt_render_default_value(dbt_buf *out, const char *expr);
/* A column's definition as CREATE TABLE and ADD COLUMN write it;
 * `*pk_inline` (may be NULL) set when it carries the primary key. */
int dbt_render_column(dbt_buf *out, const struct dbt_dialect *d, const dbt_table *t,
		      const dbt_column *c, int *pk_inline);

/* ------------------------------------------------------ constraints */

/* " ON CONFLICT resolution" (SQLite's); nothing for DBT_CONFLICT_NONE. */
void dbt_render_conflict(dbt_buf *out, dbt_conflict conflict);

/* "CONSTRAINT name PRIMARY KEY (a, b)" (`what`), and UNIQUE likewise. */
void dbt_render_key(dbt_buf *out, const struct dbt_dialect *d, const char *what,
		    const dbt_unique *key);
void dbt_render_fk(dbt_buf *out, const struct dbt_dialect *d, const dbt_fk *fk);
void dbt_render_check(dbt_buf *out, const struct dbt_dialect *d, const dbt_table *t,
		      const dbt_check *check);
void dbt_render_exclude(dbt_buf *out, const struct dbt_dialect *d, const dbt_exclude *x);

/* ------------------------------------------------------- statements */

/* 0, or DBT_ENOMEM when `out` ran out of memory. */
int dbt_render_finish(dbt_buf *out);
/* CREATE TABLE for `table` under the name `name` (a table rebuild creates
 * the new definition beside the old table); as dbt_render_create_table. */
int dbt_render_create_table_as(dbt_buf *out, const struct dbt_dialect *d, const dbt_table *table,
			       const char *name, int (*skip_fk)(const dbt_fk *fk, void *arg),
			       void *arg);
/* CREATE INDEX for `index`, as dbt_render_create_index, through `d`. */
int dbt_render_index(dbt_buf *out, const struct dbt_dialect *d, const dbt_index *index);
/* "ALTER TABLE t ", "ALTER TABLE t ALTER COLUMN c ", and
 * "ALTER TABLE t DROP CONSTRAINT name;\n". */
void dbt_render_alter_table(dbt_buf *out, const struct dbt_dialect *d, const dbt_table *t);
/*
 * The items of the storage parameters `storage` (as dbt_storage_canon
 * gives them) as "name='value', ...", names quoted as identifiers and
 * values as literals; with `only_not_in`, only the items that it lacks or
 * holds with another value; with `names_only`, the names alone (for
 * RESET).  Nothing for none.
 */
/*
 * PostgreSQL's ALTER TABLE ... ALTER COLUMN ... SET STATISTICS and SET
 * STORAGE statements that take column `c` of table `t` from `old`'s
 * settings (NULL: the defaults) to its own; nothing when they agree.  -1
 * when the type's storage to go back to is not known.
 */
int dbt_render_column_settings(dbt_buf *out, const struct dbt_dialect *d, const dbt_table *t,
			       const dbt_column *c, const dbt_column *old);
void dbt_render_storage_items(dbt_buf *out, const struct dbt_dialect *d, const char *storage,
			      const char *only_not_in, int names_only);
void dbt_render_alter_column(dbt_buf *out, const struct dbt_dialect *d, const dbt_op *op);
void dbt_render_drop_constraint(dbt_buf *out, const struct dbt_dialect *d, const dbt_table *t,
				const char *name);
/* The statements every dialect writes alike (objects, CREATE and DROP
 * TABLE and INDEX, ADD and DROP COLUMN, renames); 1, writing nothing,
 * when `op` is not one of them. */
int dbt_render_common(dbt_buf *out, const struct dbt_dialect *d, const dbt_op *op);

/* ------------------------------------------------------------ lists */

/* "-- <prefix><the differ's line for op>" */
int dbt_render_comment_op(dbt_buf *out, const char *prefix, const dbt_op *op);
/* "-- WARNING: <why>" when the op destroys data. */
int dbt_render_comment_warning(dbt_buf *out, const dbt_op *op);
/* The indexes `target` has on a table that the list creates and that no
 * ADD_INDEX op of the list creates; with `sql` 0, only their comment
 * lines. */
int dbt_render_created_table_indexes(dbt_buf *out, const struct dbt_dialect *d, const dbt_op *ops,
				     size_t n, const dbt_schema *target, const char *table,
				     int sql);
/* dbt_render_created_table_indexes, less the indexes for which
 * `skip(ix, arg)` returns 1 (a statement of the list creates them). */
int dbt_render_created_table_indexes_but(dbt_buf *out, const struct dbt_dialect *d,
					 const dbt_op *ops, size_t n, const dbt_schema *target,
					 const char *table, int sql,
					 int (*skip)(const dbt_index *ix, void *arg), void *arg);
/* "UPDATE t SET c = <default> WHERE c IS NULL;" for an op that makes
 * column c NOT NULL and that has a default. */
void dbt_render_fill_nulls(dbt_buf *out, const struct dbt_dialect *d, const dbt_op *op);
/* A blank line before every block of a list but the first. */
void dbt_render_next_block(dbt_buf *out, int *nblocks);

/* --------------------------------------------------------- adapting */

/* "LINE:COL: " of a place in the model, "" for none. */
void dbt_render_place(char *at, size_t size, int line, int col);

/* 0, or DBT_EPARSE at its place when table `t` of the model has SQLite's
 * ON CONFLICT clause on a column, key or check, a column's PRIMARY KEY
 * DESC or a key column's COLLATE, which `dialect` (its name in the
 * message) does not have. */
int dbt_render_refuse_conflict(const dbt_table *t, const char *dialect);

/* 0, or DBT_EPARSE at its place when table `t` of the model has a
 * comment or a column's COMMENT or ON UPDATE as MariaDB writes them
 * (dbt_column_mysql), which `dialect` does not have; `instead` (or NULL)
 * ends the message with what it has in their place. */
int dbt_render_refuse_mysql_forms(const dbt_table *t, const char *dialect, const char *instead);

/* ALTER TABLE ... ADD of the key, foreign key or check of `op`
 * (DBT_OP_ADD_PK, _UNIQUE, _FK or _CHECK), without the terminator. */
void dbt_render_add_constraint(dbt_buf *out, const struct dbt_dialect *d, const dbt_op *op);
/* A generated column in the primary key: DBT_EPARSE at its place. */
int dbt_render_generated_pk(const dbt_table *t);
/* 1 when the auto-increment rule (dbt_schema_autoincrement) applies to
 * column `c` of `t`. */
int dbt_render_autoincrement_rule_applies(const dbt_table *t, const dbt_column *c);

#endif
