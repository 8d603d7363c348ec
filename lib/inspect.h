/*
 * inspect.h - the live database written out as a model file (`dbtool
 * inspect`), and the baseline revision that creates and drops that schema
 * (`dbtool init --from-database`).
 *
 * Both are the differ's operations from an empty schema to the reflected
 * one, rendered for the database: tables with their constraints (referenced
 * tables first, a foreign-key cycle closed by ALTER TABLE ... ADD after
 * both tables), their indexes, and the objects held as definitions in
 * creation order.  The public entry points are in dbtool.h.
 */
#ifndef DBT_INSPECT_H
#define DBT_INSPECT_H

#include "buf.h"
#include "dbtool.h"
#include "schema.h"

/*
 * Appends to `out` the model file of `schema`, as read from a database of
 * dialect `kind`: a comment header, then one statement per operation,
 * separated by blank lines.  The same schema gives the same text.
 * DBT_ERROR when out of memory; a render error as dbt_render_op's.
 */
int dbt_inspect_render(dbt_buf *out, dbt_dialect_kind kind, const dbt_schema *schema);

/*
 * The sections of a baseline revision for `schema`: `up` creates it in an
 * empty database, `down` drops it again (the inverse operations in reverse
 * order), each statement preceded by a comment saying what it does, as
 * `migrate` writes them.  Appends to both buffers.
 */
int dbt_inspect_baseline(dbt_buf *up, dbt_buf *down, dbt_dialect_kind kind,
			 const dbt_schema *schema);

#endif
