/*
 * reflect_postgres_views.c - Views and materialized views of a PostgreSQL schema, read as
 * definitions (see reflect_postgres_objects.h).
 */
#include "reflect_postgres_objects.h"

int dbt_pg_reflect_views(dbt_pg_objects *r)
{
	(void)r;
	return 0;
}
