/*
 * reflect_postgres_types.c - Schemas, extensions, enums, other types, domains and sequences of a PostgreSQL schema, read as
 * definitions (see reflect_postgres_objects.h).
 */
#include "reflect_postgres_objects.h"

int dbt_pg_reflect_types(dbt_pg_objects *r)
{
	(void)r;
	return 0;
}
