/*
 * findings.h - building the lists of findings (dbtool.h's dbt_findings)
 * that check, migrate, repair and the roundtrip hand back.  Below the
 * runner and the model alike: anything may report findings without
 * depending on the module that reads the model.
 */
#ifndef DBT_FINDINGS_H
#define DBT_FINDINGS_H

#include "dbtool.h"
#include "op.h"

/*
 * Appends a finding of `kind` with a copy of `text` to `f` (zeroed by the
 * caller, released with dbt_findings_release()).  0, or DBT_ERROR when out
 * of memory, with `f` as it was.
 */
int dbt_findings_add(dbt_findings *f, dbt_finding_kind kind, const char *text);

/* The finding kind of a difference that `kind` would remove. */
dbt_finding_kind dbt_finding_kind_of_op(dbt_op_kind kind);

struct dbt_dialect;

/*
 * Appends one finding per op of the list (dbt_op_describe's line), but
 * none for an op that `dialect` does itself as part of another
 * (its op_implied).  0, or DBT_ERROR when out of memory, with the
 * findings added so far left in `f`.
 */
int dbt_findings_add_ops(dbt_findings *f, const struct dbt_dialect *dialect, const dbt_op *ops,
			 size_t n);

#endif
