/*
 * autogen.c - `dbtool migrate`: the next revision, written from the
 * difference between the model and the database.
 *
 * The upgrade is the differ's ops rendered for the database; the downgrade
 * is their inverses in reverse order, rendered against the database's
 * current schema.  Before anything is written, the changes are checked
 * against the data the database holds now, so that a revision which can
 * only fail (a NOT NULL column without a default added to a table with
 * rows) is refused with a way out instead of being written.
 */
#include "dbtool.h"

#include "buf.h"
#include "dialect.h"
#include "diff.h"
#include "error.h"
#include "model.h"
#include "project.h"
#include "rename.h"
#include "render.h"

#include <stdlib.h>
#include <string.h>

/* 1 in `*out` when `sql` returns a row. */
static int has_row(dbt_conn *conn, dbt_buf *sql, int *out)
{
	char *v = NULL;
	int rc;

	if (sql->oom)
		return dbt_error_oom();
	rc = conn->dialect->query_value(conn, dbt_buf_str(sql), &v);
	*out = rc == 0 && v != NULL;
	free(v);
	dbt_buf_clear(sql);
	return rc;
}

/*
 * Looks at the rows the changes would meet (in the database, before the
 * diff's renames): refuses to add a NOT NULL
 * column without a default to a table that has rows, and warns about a
 * column made NOT NULL that holds NULLs.
 */
static int check_data(dbt_autogen *out, dbt_conn *conn, const dbt_diff *diff)
{
	const struct dbt_dialect *d = conn->dialect;
	dbt_buf sql = DBT_BUF_INIT, msg = DBT_BUF_INIT;
	size_t i;
	int rc = 0, yes;

	for (i = 0; i < diff->n && rc == 0; i++) {
		const dbt_op *op = &diff->ops[i];
		const dbt_column *c = op->column;

		if (op->kind == DBT_OP_ADD_COLUMN && c->not_null && !c->default_expr &&
		    !c->generated_expr && !c->autoincrement &&
		    c->identity == DBT_IDENTITY_NONE) {
			dbt_buf_puts(&sql, "SELECT 1 FROM ");
			d->quote_ident(&sql, dbt_diff_name_before(diff, op->table->name, NULL));
			dbt_buf_puts(&sql, " LIMIT 1");
			if ((rc = has_row(conn, &sql, &yes)) == 0 && yes)
				rc = dbt_error_set(
					DBT_ERROR,
					"cannot add NOT NULL column '%s.%s' without a default: table '%s' "
					"has rows, which would get no value; in the model, give the column "
					"a DEFAULT, or add it without NOT NULL, fill it, then make it NOT NULL "
					"in a later revision",
					op->table->name, c->name, op->table->name);
		} else if (op->kind == DBT_OP_ALTER_NULL && c->not_null) {
			dbt_buf_puts(&sql, "SELECT 1 FROM ");
			d->quote_ident(&sql, dbt_diff_name_before(diff, op->table->name, NULL));
			dbt_buf_puts(&sql, " WHERE ");
			d->quote_ident(&sql, dbt_diff_name_before(diff, op->table->name, c->name));
			dbt_buf_puts(&sql, " IS NULL LIMIT 1");
			if ((rc = has_row(conn, &sql, &yes)) == 0 && yes) {
				dbt_buf_clear(&msg);
				dbt_buf_printf(&msg,
					       "column %s.%s holds NULLs: the upgrade fails until they "
					       "are filled (an UPDATE before this change in the revision)",
					       op->table->name, c->name);
				rc = msg.oom ? dbt_error_oom()
					     : dbt_findings_add(&out->warnings, "will_fail",
								dbt_buf_str(&msg));
			}
		}
	}
	dbt_buf_release(&sql);
	dbt_buf_release(&msg);
	return rc;
}

/* The warnings for ops that lose data; they also go, as NOTE comments, at
 * the top of the downgrade, which cannot bring that data back. */
static int collect_destroys(dbt_autogen *out, const dbt_diff *diff, dbt_buf *notes)
{
	size_t i;

	for (i = 0; i < diff->n; i++) {
		char *why = NULL;
		int rc;

		if (!dbt_op_destroys(&diff->ops[i], &why))
			continue;
		rc = why ? dbt_findings_add(&out->warnings, "destroys", why) : dbt_error_oom();
		if (why)
			dbt_buf_comment(notes, "NOTE: cannot restore what the upgrade lost: it %s", why);
		free(why);
		if (rc < 0)
			return rc;
	}
	return 0;
}

int dbt_autogenerate(dbt_autogen *out, dbt_conn *conn, const dbt_chain *chain,
		     const char *script_location, const char *model_path,
		     const char *schema_name, const char *message, const char *rev_id)
{
	dbt_schema *model = NULL, *db = NULL;
	dbt_diff diff = {NULL, 0};
	dbt_op *inverse = NULL;
	dbt_buf up = DBT_BUF_INIT, down = DBT_BUF_INIT, line = DBT_BUF_INIT;
	dbt_sql_objects kept = {NULL, 0};
	dbt_dialect_kind kind = conn->dialect->kind;
	size_t i;
	int rc;

	memset(out, 0, sizeof(*out));
	/* A new revision on top of an edited applied one would describe a
	 * database that the chain no longer does. */
	if ((rc = dbt_run_require_head(conn, chain)) < 0 ||
	    (rc = dbt_run_require_verified(conn, chain)) < 0)
		return rc;
	if ((rc = dbt_model_load(&model, conn, model_path)) < 0 ||
	    (rc = dbt_model_reflect(&db, conn, schema_name)) < 0)
		goto cleanup;
	if ((rc = dbt_model_diff(&diff, conn, db, model, model_path, schema_name)) < 0 ||
	    (diff.n && (rc = dbt_rename_guess(&diff, &out->warnings, conn, db, model, model_path,
					       schema_name)) < 0) ||
	    diff.n == 0)
		goto cleanup;

	for (i = 0; i < diff.n; i++) {
		dbt_buf_clear(&line);
		dbt_op_describe(&line, &diff.ops[i]);
		if (line.oom) {
			rc = dbt_error_oom();
			goto cleanup;
		}
		if ((rc = dbt_findings_add(&out->changes, dbt_op_kind_name(diff.ops[i].kind),
					   dbt_buf_str(&line))) < 0)
			goto cleanup;
	}
	if ((rc = check_data(out, conn, &diff)) < 0 || (rc = collect_destroys(out, &diff, &down)) < 0)
		goto cleanup;

	inverse = malloc(diff.n * sizeof(*inverse));
	if (!inverse) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	for (i = 0; i < diff.n; i++)
		dbt_op_inverse(&inverse[i], &diff.ops[diff.n - 1 - i]);
	/* Table rebuilds keep the database's triggers and views, but for
	 * those the differ drops itself before the table ops (and creates
	 * again after them): the others are the same for the upgrade and the
	 * downgrade. */
	if (conn->dialect->read_kept && (rc = conn->dialect->read_kept(&kept, conn)) < 0)
		goto cleanup;
	dbt_sql_objects_forget(&kept, diff.ops, diff.n);
	/* The inverse ops before the inverse renames act on the renamed
	 * database schema. */
	if ((rc = dbt_render_ops_keep(&up, kind, diff.ops, diff.n, model, &kept)) < 0 ||
	    (rc = dbt_render_ops_keep(&down, kind, inverse, diff.n,
				      dbt_diff_renamed(&diff) ? dbt_diff_renamed(&diff) : db,
				      &kept)) < 0)
		goto cleanup;
	if (up.oom || down.oom) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	rc = dbt_project_new_revision_at(&out->path, script_location, message, rev_id,
					 dbt_buf_str(&up), dbt_buf_str(&down),
					 chain->n ? chain->revs[chain->n - 1]->id : NULL);
cleanup:
	dbt_sql_objects_release(&kept);
	free(inverse);
	dbt_buf_release(&up);
	dbt_buf_release(&down);
	dbt_buf_release(&line);
	dbt_diff_release(&diff);
	dbt_schema_free(db);
	dbt_schema_free(model);
	return rc;
}

void dbt_autogen_release(dbt_autogen *autogen)
{
	free(autogen->path);
	autogen->path = NULL;
	dbt_findings_release(&autogen->changes);
	dbt_findings_release(&autogen->warnings);
}
