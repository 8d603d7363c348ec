/*
 * schema_dump.h - a deterministic text listing of a whole Schema, one line
 * per object, for tests and for debugging normalisation: two schemas that
 * the differ finds equal dump to the same text when names are left out.
 */
#ifndef DBT_SCHEMA_DUMP_H
#define DBT_SCHEMA_DUMP_H

#include "buf.h"
#include "schema.h"

#define DBT_DUMP_NAMES 1 /* include constraint and index names */

/*
 * Appends the listing: tables by name, each with its columns in order, then
 * its primary key, unique constraints, foreign keys and checks (each kind
 * sorted by its definition), then the indexes sorted by table and
 * definition.  Without DBT_DUMP_NAMES, generated and given names alike are
 * left out, so that only what the schema does is compared.
 */
void dbt_schema_dump(dbt_buf *out, const dbt_schema *schema, int flags);

#endif
