/*
 * parse.h - the model parser, which reads the declared model (the file that
 * `model =` names: CREATE TABLE and CREATE INDEX statements, the ALTER TABLE
 * and sequence statements of real schema files and dumps, and other DDL
 * kept verbatim) into a dbt_schema.  It reads the text through the
 * tokenizer of lex.h, which it includes for its callers.
 */
#ifndef DBT_PARSE_H
#define DBT_PARSE_H

#include <stddef.h>

#include "lex.h"
#include "schema.h"

/* ---------------------------------------------------------------- parser */

/*
 * Parses the model `text` (`len` bytes) into a new schema in `out`, which
 * the caller releases with dbt_schema_free().  `path` names the file in
 * messages.  The schema comes out normalised: see schema.h.
 *
 * Statements the schema does not hold field by field (views, functions,
 * triggers, comments, grants ...) are kept in schema->statements; session
 * settings (SET, set_config, psql meta-commands) and OWNER TO are skipped.
 *
 * DBT_EPARSE, with "path:line:column: ..." naming what was expected and
 * what was found, for anything the model does not support, a duplicate or
 * unknown name, or a contradiction (two primary keys, NULL and NOT NULL);
 * DBT_ERROR when out of memory.  `*out` is NULL after a failure.
 */
int dbt_parse_model(dbt_schema **out, const char *path, const char *text, size_t len);

/* Reads the file `path` and parses it as above; DBT_ENOTFOUND when it does
 * not exist. */
int dbt_parse_model_file(dbt_schema **out, const char *path);

/* The database compares names ignoring ASCII case (SQLite): a foreign
 * key, key, index or partition may name a table or column so, and takes
 * its declared spelling (spelling.h's dbt_schema_resolve_spelling). */
#define DBT_PARSE_NOCASE_NAMES 0x1

/* dbt_parse_model and dbt_parse_model_file with `flags` (DBT_PARSE_...). */
int dbt_parse_model_as(dbt_schema **out, const char *path, const char *text, size_t len,
		       unsigned flags);
int dbt_parse_model_file_as(dbt_schema **out, const char *path, unsigned flags);

#endif
