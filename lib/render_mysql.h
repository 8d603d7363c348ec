/*
 * render_mysql.h - the MariaDB/MySQL entries of rendering (render.h,
 * dialect.h): every differ operation in MariaDB 10.11 / MySQL 8 syntax,
 * and the adaptation of a model to what MariaDB stores.  Each function
 * has the signature and the contract of its dbt_postgres_* twin in
 * dialect.h; the dialect table (dbt_dialect_mysql) points at them, and at
 * dbt_mysql_put_index_head for its put_index_head.
 *
 * What MariaDB cannot express (PostgreSQL's partitions and exclusion
 * constraints, SQLite's table options, deferrable foreign keys, partial
 * or expression indexes, TIME WITH TIME ZONE, ...) is DBT_ERROR, or
 * DBT_EPARSE at the model's place from dbt_mysql_adapt, in one line that
 * names the object.
 */
#ifndef DBT_RENDER_MYSQL_H
#define DBT_RENDER_MYSQL_H

#include "dialect.h"
#include "render.h"

int dbt_mysql_render_op(dbt_buf *out, const struct dbt_op *op);

/* inspect_mysql.c: the dialect's portable_types and model_spelling. */
void dbt_mysql_portable_types(struct dbt_schema *db);
int dbt_mysql_model_spelling(char **out, const struct dbt_type *type);
int dbt_mysql_render_ops(dbt_buf *out, const struct dbt_op *ops, size_t n,
			 const struct dbt_schema *target, const struct dbt_sql_objects *keep);

/*
 * Adapts a parsed model, in place, to what MariaDB 10.11 reports of it
 * once created (the database is the judge of equal): each declared type
 * becomes the type MariaDB's reflection reads (INTEGER: int(11), BOOLEAN:
 * tinyint(1), TIMESTAMP: datetime, TIMESTAMP WITH TIME ZONE: timestamp,
 * REAL: float, NUMERIC: decimal(10,0), JSON and JSONB: longtext with collation
 * utf8mb4_bin and the check json_valid() that MariaDB adds, named after
 * the column); BOOLEAN defaults TRUE and FALSE become 1 and 0, and
 * CURRENT_TIMESTAMP current_timestamp(); a SERIAL or identity column
 * becomes AUTO_INCREMENT; a foreign key whose columns lead no key or
 * index of its table gets the index MariaDB makes for it, named after
 * the foreign key (name_given 0); the actions RESTRICT and NO ACTION,
 * which InnoDB does alike and reports as its default RESTRICT, become
 * the default (DBT_FK_NO_ACTION), as the reflection reads them.  DBT_EPARSE at the place of what
 * MariaDB does not have, as dbt_schema_adapt.
 */
int dbt_mysql_adapt(struct dbt_schema *schema);

/* Why MariaDB/MySQL cannot have the index as the model declares it (a
 * partial index, an expression key, an operator class, NULLS FIRST/LAST,
 * another index method), in words that follow "it"; NULL when it can. */
const char *dbt_mysql_index_lacks(const struct dbt_index *ix);

/*
 * 1 when ops[i] adds or drops the index that MariaDB makes for a foreign
 * key (named after it, of exactly its columns: see dbt_mysql_adapt) and
 * another op of the list adds or drops that key (ADD_FK, CREATE_TABLE;
 * DROP_FK, DROP_TABLE): `check` and `migrate` describe the key alone.
 */
int dbt_mysql_op_implied(const struct dbt_op *ops, size_t n, size_t i);

/*
 * An expression of table `t` (a CHECK, a generation expression) as
 * MariaDB/MySQL reads it (render_mysql_expr.c): the table's columns and
 * "quoted" names through dbt_mysql_quote_ident, `a || b` as CONCAT(a, b);
 * the rest as written.  dbt_mysql_expr appends it to `out` and returns 0,
 * or -1 (and appends nothing) for a "||" among other operators, which it
 * does not rewrite, and for text that does not tokenize;
 * dbt_mysql_put_expr, the dialect's put_expr, appends `expr` as it is
 * then.  Names in backticks (MariaDB's own text) stay as they are.
 */
int dbt_mysql_expr(dbt_buf *out, const struct dbt_table *t, const char *expr);
void dbt_mysql_put_expr(dbt_buf *out, const struct dbt_table *t, const char *expr);

/* AUTO_INCREMENT: the column generates its values and is NOT NULL. */
int dbt_mysql_autoincrement(struct dbt_column *c);
int dbt_mysql_autoincrement_is(const struct dbt_column *c);

/* DROP TABLE of every table at once, foreign-key checks off around it
 * and then restored to what they were (MariaDB refuses to drop a table
 * that a table outside the statement's order still references). */
int dbt_mysql_drop_tables(dbt_buf *out, const dbt_table_name *tables, size_t n);

/* The column's type as MariaDB/MySQL spells it: a reflected or adapted
 * type's text, else the portable kind's MariaDB name (BOOLEAN:
 * TINYINT(1), REAL: FLOAT, NUMERIC: DECIMAL, ...). */
void dbt_mysql_put_column_type(dbt_buf *out, const struct dbt_column *c);
/* " AUTO_INCREMENT" for a column that generates its values. */
void dbt_mysql_put_column_identity(dbt_buf *out, const struct dbt_column *c);
/* What ends a column's definition after its default: " ON UPDATE x" and
 * " COMMENT 'text'" when it has them; 0. */
int dbt_mysql_put_column_end(dbt_buf *out, const struct dbt_table *t, const struct dbt_column *c,
			     int *pk_inline);
/* " COMMENT 'text'" of a table that has one, after CREATE TABLE's list. */
void dbt_mysql_put_table_options(dbt_buf *out, const struct dbt_table *t);
/* "(p)" of a time type's fractional-seconds precision, when it has one;
 * nothing otherwise (render_mysql.c, render_mysql_adapt.c). */
void dbt_mysql_put_fsp(dbt_buf *out, const struct dbt_type *t);
/* "CREATE [UNIQUE|FULLTEXT|SPATIAL] INDEX ". */
void dbt_mysql_put_index_head(dbt_buf *out, const struct dbt_index *index);

#endif
