/*
 * rename.h - renames that the model does not hint: when the differ's ops
 * look like one (a table loses one column and gains one of a compatible
 * type; a table is dropped and one with the same columns created),
 * migrate asks the question the connection carries
 * (dbt_conn_set_rename_question) or, without one, warns how to hint it.
 */
#ifndef DBT_RENAME_H
#define DBT_RENAME_H

#include "dbtool.h"
#include "dialect.h"
#include "diff.h"
#include "schema.h"

/*
 * Looks in `diff` (from `db` to `model`, as dbt_model_diff computed it)
 * for the drops and adds that may be renames.  Each one that the question
 * answers with 1 becomes a rename hint in `model` (as the model file would
 * have said it), and `diff` is then computed again, settled by the scratch
 * database as dbt_model_diff settles it; each other one adds a warning of
 * kind "maybe_rename" to `warnings`: "column users.a dropped and users.b
 * added: if this is a rename, add '-- renamed from: a' before b in the
 * model".  Returns 0, or a negative DBT_E* code as dbt_model_diff's;
 * `diff` is empty after a failure.
 */
int dbt_rename_guess(dbt_diff *diff, dbt_findings *warnings, dbt_conn *conn, const dbt_schema *db,
		     dbt_schema *model, const char *model_path, const char *schema_name);

#endif
