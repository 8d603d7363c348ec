/*
 * render_mysql.h - the MariaDB/MySQL entries of rendering (render.h,
 * dialect.h), with the signatures and contracts of the PostgreSQL ones
 * (dbt_postgres_render_op, ...).
 */
#ifndef DBT_RENDER_MYSQL_H
#define DBT_RENDER_MYSQL_H

#include "dialect.h"

int dbt_mysql_render_op(dbt_buf *out, const struct dbt_op *op);
int dbt_mysql_render_ops(dbt_buf *out, const struct dbt_op *ops, size_t n,
			 const struct dbt_schema *target, const struct dbt_sql_objects *keep);
int dbt_mysql_adapt(struct dbt_schema *schema);
void dbt_mysql_autoincrement(struct dbt_column *c);
int dbt_mysql_autoincrement_is(const struct dbt_column *c);
int dbt_mysql_drop_tables(dbt_buf *out, const dbt_table_name *tables, size_t n);
void dbt_mysql_put_column_type(dbt_buf *out, const struct dbt_column *c);
void dbt_mysql_put_column_identity(dbt_buf *out, const struct dbt_column *c);

#endif
