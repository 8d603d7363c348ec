/*
 * rename.c - the renames that the differ cannot tell from a drop and an
 * add (rename.h).  The differ never guesses: a rename comes from a hint
 * in the model or from the user's answer here.
 */
#include "rename.h"

#include "buf.h"
#include "error.h"
#include "findings.h"
#include "model.h"
#include "scratch.h"

#include <stdlib.h>
#include <string.h>

/* A new column may take the old one's values: the same type, or one that
 * keeps every value (the differ's judgement of the type change). */
static int compatible(const dbt_column *old, const dbt_column *c)
{
	dbt_op op;

	if (dbt_type_equal(&old->type, &c->type))
		return 1;
	memset(&op, 0, sizeof(op));
	op.kind = DBT_OP_ALTER_TYPE;
	op.old_column = old;
	op.column = c;
	return dbt_op_destroys(&op, NULL) == 0;
}

/* The same columns, in the same order, of the same types. */
static int same_columns(const dbt_table *a, const dbt_table *b)
{
	size_t i;

	if (a->ncolumns != b->ncolumns)
		return 0;
	for (i = 0; i < a->ncolumns; i++)
		if (strcmp(a->columns[i]->name, b->columns[i]->name) ||
		    !dbt_type_equal(&a->columns[i]->type, &b->columns[i]->type))
			return 0;
	return 1;
}

static size_t count_ops(const dbt_diff *diff, dbt_op_kind kind, const char *table)
{
	size_t i, n = 0;

	for (i = 0; i < diff->n; i++)
		if (diff->ops[i].kind == kind &&
		    (!table || !strcmp(diff->ops[i].table->name, table)))
			n++;
	return n;
}

/* The one op of `kind` on `table`, which count_ops found. */
static const dbt_op *the_op(const dbt_diff *diff, dbt_op_kind kind, const char *table)
{
	size_t i;

	for (i = 0; i < diff->n; i++)
		if (diff->ops[i].kind == kind && !strcmp(diff->ops[i].table->name, table))
			return &diff->ops[i];
	return NULL;
}

/* A table that the diff drops (`kind` DROP_TABLE) or creates, whose
 * columns only one table of the other side's has. */
static const dbt_table *only_match(const dbt_diff *diff, dbt_op_kind kind, const dbt_table *t)
{
	const dbt_table *found = NULL;
	size_t i;

	for (i = 0; i < diff->n; i++) {
		if (diff->ops[i].kind != kind || !same_columns(diff->ops[i].table, t))
			continue;
		if (found)
			return NULL;
		found = diff->ops[i].table;
	}
	return found;
}

static int set_hint(char **field, const char *old)
{
	char *copy = strdup(old);

	if (!copy)
		return dbt_error_oom();
	free(*field);
	*field = copy;
	return 0;
}

static int warn(dbt_findings *warnings, dbt_buf *msg)
{
	if (msg->oom)
		return dbt_error_oom();
	return dbt_findings_add(warnings, DBT_FINDING_MAYBE_RENAME, dbt_buf_str(msg));
}

/* Asks about, or warns of, each likely rename; `*accepted` counts the
 * hints set in the model. */
static int guess(const dbt_diff *diff, dbt_findings *warnings, dbt_conn *conn, dbt_schema *model,
		 size_t *accepted)
{
	dbt_buf msg = DBT_BUF_INIT;
	size_t i;
	int rc = 0;

	for (i = 0; i < diff->n && rc == 0; i++) {
		const dbt_op *op = &diff->ops[i], *drop;
		const dbt_table *old;
		dbt_table *mt;
		dbt_column *mc;

		dbt_buf_clear(&msg);
		if (op->kind == DBT_OP_ADD_COLUMN) {
			const char *t = op->table->name;

			if (count_ops(diff, DBT_OP_ADD_COLUMN, t) != 1 ||
			    count_ops(diff, DBT_OP_DROP_COLUMN, t) != 1 ||
			    !(drop = the_op(diff, DBT_OP_DROP_COLUMN, t)) ||
			    !compatible(drop->old_column, op->column) ||
			    !(mt = dbt_schema_find_table(model, t)) ||
			    !(mc = dbt_table_find_column(mt, op->column->name)))
				continue;
			if (conn->rename_question &&
			    conn->rename_question(t, drop->old_column->name, op->column->name,
						  conn->rename_question_arg) == 1) {
				if ((rc = set_hint(&mc->renamed_from, drop->old_column->name)) == 0)
					++*accepted;
				continue;
			}
			dbt_buf_printf(&msg,
				       "column %s.%s dropped and %s.%s added: if this is a rename, "
				       "add '-- renamed from: %s' before %s in the model",
				       t, drop->old_column->name, t, op->column->name,
				       drop->old_column->name, op->column->name);
			rc = warn(warnings, &msg);
		} else if (op->kind == DBT_OP_CREATE_TABLE) {
			if (!(old = only_match(diff, DBT_OP_DROP_TABLE, op->table)) ||
			    only_match(diff, DBT_OP_CREATE_TABLE, old) != op->table ||
			    !(mt = dbt_schema_find_table(model, op->table->name)))
				continue;
			if (conn->rename_question &&
			    conn->rename_question(NULL, old->name, op->table->name,
						  conn->rename_question_arg) == 1) {
				if ((rc = set_hint(&mt->renamed_from, old->name)) == 0)
					++*accepted;
				continue;
			}
			dbt_buf_printf(
				&msg,
				"table %s dropped and table %s created: if this is a rename, "
				"add '-- renamed from: %s' before CREATE TABLE %s in the model",
				old->name, op->table->name, old->name, op->table->name);
			rc = warn(warnings, &msg);
		}
	}
	dbt_buf_release(&msg);
	return rc;
}

int dbt_rename_guess(dbt_diff *diff, dbt_findings *warnings, dbt_conn *conn, const dbt_schema *db,
		     dbt_schema *model, const char *model_path, const char *schema_name)
{
	dbt_diff_opts o;
	size_t accepted = 0;
	int rc;

	if ((rc = guess(diff, warnings, conn, model, &accepted)) < 0 || !accepted)
		return rc;
	/* The answers are hints now: diff again, as dbt_model_diff does. */
	dbt_diff_release(diff);
	dbt_model_diff_opts(&o, conn);
	if ((rc = dbt_model_take_spelling(model, db, conn)) < 0 ||
	    (rc = dbt_diff_schemas(diff, db, model, &o)) < 0 || diff->n == 0)
		return rc;
	rc = dbt_scratch_normalize(model, diff, conn, db, model_path, schema_name, NULL);
	dbt_diff_release(diff);
	if (rc < 0)
		return rc;
	return dbt_diff_schemas(diff, db, model, &o);
}
