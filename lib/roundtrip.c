/*
 * roundtrip.c - `dbtool check --roundtrip`: every revision applied up,
 * down and up again on a scratch database, with the schema after each
 * step compared to the one it must equal.
 *
 * What it catches: a downgrade that does not restore the previous schema
 * (a forgotten DROP INDEX, a column put back with another type), an
 * upgrade that cannot run twice from base, and a head that is not the
 * model.  The comparisons use the differ, so each finding says what
 * differs, in the same words as `check`.
 */
#include "dbtool.h"

#include "buf.h"
#include "defaults.h"
#include "dialect.h"
#include "diff.h"
#include "error.h"
#include "findings.h"
#include "model.h"
#include "schema.h"

#include <stdlib.h>
#include <string.h>

/* Adds one finding per difference between `actual` and `expected`, each
 * prefixed with `what`; sets `*differs`. */
static int compare(dbt_findings *out, dbt_conn *conn, const dbt_schema *actual,
		   const dbt_schema *expected, dbt_finding_kind kind, const char *what,
		   int *differs)
{
	dbt_diff diff = {NULL, 0};
	dbt_diff_opts o;
	dbt_buf line = DBT_BUF_INIT;
	size_t i;
	int rc;

	dbt_model_diff_opts(&o, conn);
	*differs = 0;
	if ((rc = dbt_diff_schemas(&diff, actual, expected, &o)) < 0)
		return rc;
	for (i = 0; i < diff.n && rc == 0; i++) {
		dbt_buf_clear(&line);
		dbt_buf_printf(&line, "%s: ", what);
		dbt_op_describe(&line, &diff.ops[i]);
		rc = line.oom ? dbt_error_oom() : dbt_findings_add(out, kind, dbt_buf_str(&line));
	}
	*differs = diff.n > 0;
	dbt_buf_release(&line);
	dbt_diff_release(&diff);
	return rc;
}

static int require_empty(dbt_conn *conn, const char *schema_name)
{
	dbt_schema *s = NULL;
	int version = 0, history = 0, rc = dbt_model_reflect_all(&s, conn, schema_name);

	if (rc == 0)
		rc = conn->dialect->table_exists(conn, dbt_conn_version_schema(conn),
						 DBT_VERSION_TABLE, &version);
	if (rc == 0)
		rc = conn->dialect->table_exists(conn, dbt_conn_version_schema(conn),
						 DBT_HISTORY_TABLE, &history);
	version = version || history;
	if (rc == 0 && (s->ntables || version))
		rc = dbt_error_set(DBT_EEXISTS,
				   "the scratch database is not empty (it has %zu table%s%s): give "
				   "an "
				   "empty one, since the round trip drops and recreates everything",
				   s->ntables + (size_t)version,
				   s->ntables + (size_t)version == 1 ? "" : "s",
				   version ? ", the version table among them" : "");
	dbt_schema_free(s);
	return rc;
}

int dbt_roundtrip(dbt_findings *out, dbt_conn *scratch, const dbt_chain *chain,
		  const char *model_path, const char *schema_name, const dbt_run_opts *opts)
{
	dbt_schema **after = NULL, *now = NULL, *model = NULL;
	dbt_diff diff = {NULL, 0};
	dbt_buf what = DBT_BUF_INIT;
	size_t k;
	int rc, differs, was_empty = 0;

	out->v = NULL;
	out->n = 0;
	if ((rc = dbt_model_load(&model, scratch, model_path)) < 0 ||
	    (rc = require_empty(scratch, schema_name)) < 0)
		goto cleanup;
	was_empty = 1;
	after = calloc(chain->n + 1, sizeof(*after));
	if (!after) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	/* after[k]: the schema once revisions 1..k are applied. */
	if ((rc = dbt_model_reflect_all(&after[0], scratch, schema_name)) < 0)
		goto cleanup;
	for (k = 1; k <= chain->n; k++) {
		if ((rc = dbt_run_upgrade(scratch, chain, chain->revs[k - 1]->id, opts)) < 0 ||
		    (rc = dbt_model_reflect_all(&after[k], scratch, schema_name)) < 0)
			goto cleanup;
	}
	for (k = chain->n; k >= 1; k--) {
		const dbt_revision *rev = chain->revs[k - 1];

		if ((rc = dbt_run_downgrade(scratch, chain, "-1", opts)) < 0 ||
		    (rc = dbt_model_reflect_all(&now, scratch, schema_name)) < 0)
			goto cleanup;
		dbt_buf_clear(&what);
		dbt_buf_printf(&what, "downgrade %s does not restore the schema of %s", rev->id,
			       rev->down ? rev->down->id : "base");
		if (what.oom) {
			rc = dbt_error_oom();
			goto cleanup;
		}
		rc = compare(out, scratch, now, after[k - 1], DBT_FINDING_DOWNGRADE_DIFFERS,
			     dbt_buf_str(&what), &differs);
		dbt_schema_free(now);
		now = NULL;
		if (rc < 0)
			goto cleanup;
		/* Going further down over what this downgrade left behind would
		 * only fail on it. */
		if (differs)
			break;
	}
	/* Upgrading again over what a bad downgrade left behind would only
	 * fail on it: those findings say enough. */
	for (k = 1; out->n == 0 && k <= chain->n; k++) {
		if ((rc = dbt_run_upgrade(scratch, chain, "+1", opts)) < 0 ||
		    (rc = dbt_model_reflect_all(&now, scratch, schema_name)) < 0)
			goto cleanup;
		dbt_buf_clear(&what);
		dbt_buf_printf(&what, "upgrade %s run again gives another schema",
			       chain->revs[k - 1]->id);
		rc = what.oom ? dbt_error_oom()
			      : compare(out, scratch, now, after[k], DBT_FINDING_UPGRADE_DIFFERS,
					dbt_buf_str(&what), &differs);
		dbt_schema_free(now);
		now = NULL;
		if (rc < 0)
			goto cleanup;
	}
	/* The model in the database's normal form where the differ alone
	 * cannot tell. */
	if ((rc = dbt_model_diff(&diff, scratch, after[chain->n], model, model_path, schema_name)) <
	    0)
		goto cleanup;
	dbt_diff_release(&diff);
	rc = compare(out, scratch, after[chain->n], model, DBT_FINDING_HEAD_DIFFERS,
		     "the head revision's schema differs from the model", &differs);
cleanup:
	/* The scratch database was empty: leave it so, for the next run,
	 * whatever happened (the first failure's message is the one kept). */
	if (was_empty) {
		char *msg = rc < 0 ? strdup(dbt_error_last()) : NULL;
		int drc;

		/* The chain's own way back first: it also drops the tables
		 * and schemas it made outside the managed schema, which
		 * drop-all leaves.  What it cannot undo, drop-all drops. */
		if (chain->n)
			(void)dbt_run_downgrade(scratch, chain, "base", opts);
		drc = dbt_model_drop_all(scratch, schema_name, opts ? opts->lock_timeout_ms : 0,
					 NULL, NULL);

		if (rc == 0)
			rc = drc;
		else if (msg)
			dbt_error_set(rc, "%s", msg);
		free(msg);
	}
	if (after)
		for (k = 0; k <= chain->n; k++)
			dbt_schema_free(after[k]);
	free(after);
	dbt_schema_free(now);
	dbt_schema_free(model);
	dbt_buf_release(&what);
	if (rc < 0)
		dbt_findings_release(out);
	return rc;
}

int dbt_roundtrip_scratch_url(const char **out, dbt_dialect_kind kind)
{
	const struct dbt_dialect *d = dbt_dialect_for(kind);

	*out = d ? d->memory_url : NULL;
	if (*out)
		return 0;
	return dbt_error_set(DBT_ENOTFOUND,
			     "--roundtrip on %s needs an empty database to work in: give it with "
			     "--scratch-url URL",
			     d ? d->title : "this database");
}
