/*
 * reflect_postgres_routines.c - Functions, procedures and triggers of a PostgreSQL schema, read as
 * definitions (see reflect_postgres_objects.h).
 */
#include "reflect_postgres_objects.h"

int dbt_pg_reflect_routines(dbt_pg_objects *r)
{
	(void)r;
	return 0;
}
