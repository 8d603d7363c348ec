/*
 * schema_int.h - what the schema's files (schema.c, schema_object.c,
 * schema_normalize.c) share and nothing else includes: the growing of an
 * array and the freeing of the parts that one file makes and another
 * frees.  Internal to the library.
 */
#ifndef DBT_SCHEMA_INT_H
#define DBT_SCHEMA_INT_H

#include "schema.h"

#include <stddef.h>

/* schema.c's: the array `ptr` (may be NULL) reallocated to room for `n`
 * elements of `size` bytes; NULL, `ptr` then untouched, when out of
 * memory or when the size overflows. */
void *dbt_schema_resize(void *ptr, size_t n, size_t size);

/* schema.c's: frees the key `u` (NULL: nothing) and all it holds. */
void dbt_schema_unique_free(dbt_unique *u);

/* schema_object.c's, for dbt_schema_free(): frees the statement `st`
 * (NULL: nothing) and its text. */
void dbt_schema_statement_free(dbt_statement *st);

/* schema_object.c's, for dbt_schema_free(): frees the object `obj` (NULL:
 * nothing), its SQL and its dependencies. */
void dbt_schema_object_free(dbt_object *obj);

#endif
