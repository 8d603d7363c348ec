/*
 * render_mysql.c - the MariaDB/MySQL entries of rendering: not written
 * yet.  Each entry that can fail does, with one line saying so; the
 * others write nothing.
 */
#include "render_mysql.h"

#include "error.h"

static int not_yet(void)
{
	return dbt_error_set(DBT_ERROR, "rendering for MariaDB/MySQL is not written yet");
}

int dbt_mysql_render_op(dbt_buf *out, const struct dbt_op *op)
{
	(void)out;
	(void)op;
	return not_yet();
}

int dbt_mysql_render_ops(dbt_buf *out, const struct dbt_op *ops, size_t n,
			 const struct dbt_schema *target, const struct dbt_sql_objects *keep)
{
	(void)out;
	(void)ops;
	(void)n;
	(void)target;
	(void)keep;
	return not_yet();
}

int dbt_mysql_adapt(struct dbt_schema *schema)
{
	(void)schema;
	return not_yet();
}

void dbt_mysql_autoincrement(struct dbt_column *c)
{
	(void)c;
}

int dbt_mysql_autoincrement_is(const struct dbt_column *c)
{
	(void)c;
	return 0;
}

int dbt_mysql_drop_tables(dbt_buf *out, const dbt_table_name *tables, size_t n)
{
	(void)out;
	(void)tables;
	(void)n;
	return not_yet();
}

void dbt_mysql_put_column_type(dbt_buf *out, const struct dbt_column *c)
{
	(void)out;
	(void)c;
}

void dbt_mysql_put_column_identity(dbt_buf *out, const struct dbt_column *c)
{
	(void)out;
	(void)c;
}
