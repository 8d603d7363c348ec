/*
 * version.c - the version of the library that is running, as opposed to
 * DBT_VERSION_STRING, the version of the header a program was compiled
 * against.  Both come from the project version in meson.build, through the
 * generated dbtool_version.h.
 */
#include "dbtool.h"

const char *dbt_version(void)
{
	return DBT_VERSION_STRING;
}
