/*
 * exclude.h - `exclude =` in dbtool.ini: names and globs of tables and
 * other objects that dbtool never touches (another tool's version table,
 * PostGIS's spatial_ref_sys, scratch tables).
 *
 * The filter is applied to each schema as soon as it is read (the live
 * database's reflection, the parsed model, the model's objects as the
 * scratch database made them), so that every command that sets the model
 * against the database sees neither side of an excluded object.
 */
#ifndef DBT_EXCLUDE_H
#define DBT_EXCLUDE_H

#include <stddef.h>

#include "schema.h"

/*
 * 1 when `name` matches one of the `n` patterns, each an fnmatch(3) glob
 * (`*`, `?`, `[...]`; no flags: case counts, as names are stored folded),
 * or when `qualifier` is not NULL and "qualifier.name" matches one; 0
 * when none matches; DBT_ERROR when out of memory.
 */
int dbt_exclude_match(char *const *patterns, size_t n, const char *qualifier, const char *name);

/*
 * Splits the value of `exclude =` ("alembic_version, spatial_ref_sys,
 * tmp_*") at commas, dropping the blanks around each pattern, into a new
 * array of `*n` strings (`*out`, caller frees with dbt_exclude_free).  An
 * empty value gives none.  DBT_EPARSE, with a message that names the
 * pattern's position ("pattern 2 is empty"), for an empty pattern
 * between commas; DBT_ERROR when out of memory.  `*out` holds nothing
 * after a failure.
 */
int dbt_exclude_parse(char ***out, size_t *n, const char *value);

/* The same for the key `key` (the message's "pattern 2 of KEY is empty"):
 * `roles =` takes the same patterns. */
int dbt_exclude_parse_key(char ***out, size_t *n, const char *value, const char *key);

void dbt_exclude_free(char **patterns, size_t n);

/* Replaces the `*n` patterns at `*list` (freed) by copies of the `n` at
 * `patterns`: 0, or DBT_ERROR when out of memory (`*list` unchanged). */
int dbt_exclude_set(char ***list, size_t *n, char *const *patterns, size_t count);

/*
 * Removes from `schema`, and frees, what the patterns exclude:
 * - each table whose name matches (or "qualifier.name"), with the indexes
 *   on it, and each partition of an excluded table;
 * - each index whose name matches;
 * - each object whose name matches: a view's, sequence's, type's ...
 *   name, a function's name without its arguments, a trigger's or
 *   policy's name without "ON table" (a name in double quotes is matched
 *   without them);
 * - each object on an excluded table (trigger, policy, row level
 *   security, a comment or grant on the table or a column), and each
 *   object that depends on an excluded table or object, through its
 *   dependencies;
 * - each model statement (schema->statements) whose name matches.
 * Does nothing when `n` is 0.  DBT_ERROR when out of memory (the schema
 * may then be partly filtered: the caller drops it).
 */
int dbt_exclude_filter(dbt_schema *schema, char *const *patterns, size_t n, const char *qualifier);

#endif
