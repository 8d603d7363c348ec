/*
 * reflect_postgres_acl.c - Row level security, policies, comments and grants of a PostgreSQL schema, read as
 * definitions (see reflect_postgres_objects.h).
 */
#include "reflect_postgres_objects.h"

int dbt_pg_reflect_acl(dbt_pg_objects *r)
{
	(void)r;
	return 0;
}
