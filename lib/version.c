/*
 * version.c - the version of the library that is running, which meson
 * gives at build time (DBT_LIB_VERSION), as opposed to DBT_VERSION_STRING,
 * the version of the header a program was compiled against.
 */
#include "dbtool.h"

#ifndef DBT_LIB_VERSION
#error "DBT_LIB_VERSION must come from the build (lib/meson.build)"
#endif

const char *dbt_version(void)
{
	return DBT_LIB_VERSION;
}
