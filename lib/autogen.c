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
 *
 * With several dialects (dbtool.ini's `dialects`), the ops diffed on the
 * connected database are rendered once more for each other dialect, in a
 * section labelled with it.  The upgrade's side of each op (the model's
 * tables, columns, constraints and indexes) is taken from the model as
 * adapted to that dialect, found by name, so that the section leads to
 * exactly what that dialect's own model is; the database's side is the
 * connected database's schema translated to that dialect
 * (dbt_schema_translate).  Names agree across dialects because both
 * sides name unnamed constraints and indexes as PostgreSQL would.
 *
 * A revision whose mysql section pairs up statement by statement, each
 * downgrade statement undoing the upgrade statement at the mirrored place
 * (journal_inverse.h), says "-- journal: inverse", so that a downgrade
 * can undo its upgrade where MariaDB stopped it halfway.
 */
#include "dbtool.h"

#include "revision.h"
#include "buf.h"
#include "dialect.h"
#include "diff.h"
#include "error.h"
#include "findings.h"
#include "journal_inverse.h"
#include "model.h"
#include "model_job.h"
#include "parse.h"
#include "project.h"
#include "rename.h"
#include "reflect_postgres_objects.h"
#include "render.h"
#include "role.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The DBT_CAP_* flags of the database of `kind`, for the sections
 * written for it. */
static unsigned caps_of(dbt_dialect_kind kind)
{
	const struct dbt_dialect *d = dbt_dialect_for(kind);

	return d ? d->caps : 0;
}

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
 * An enum made again (a value removed, renamed or moved): a column of the
 * database that holds a value the new type lacks makes the upgrade fail,
 * rows untouched, with PostgreSQL's message; `migrate` says so first,
 * with the way out.
 */
static int check_enum_values(dbt_autogen *out, dbt_conn *conn, const dbt_object *to,
			     const dbt_schema *db)
{
	dbt_buf sql = DBT_BUF_INIT, msg = DBT_BUF_INIT;
	size_t i, k;
	int rc = 0;

	for (i = 0; i < db->ntables && rc == 0; i++) {
		const dbt_table *t = db->tables[i];

		for (k = 0; k < t->ncolumns && rc == 0; k++) {
			char *v = NULL;

			dbt_buf_clear(&sql);
			if ((rc = dbt_pg_enum_lost_value_sql(&sql, to, t, t->columns[k])) <= 0 ||
			    (rc = conn->dialect->query_value(conn, dbt_buf_str(&sql), &v)) < 0 ||
			    !v)
				continue;
			dbt_buf_clear(&msg);
			dbt_buf_printf(
				&msg,
				"column %s.%s holds '%s', which type %s no longer has: the "
				"upgrade fails until such rows change (an UPDATE before this "
				"change in the revision; for a renamed value, ALTER TYPE ... "
				"RENAME VALUE instead of the type made again)",
				t->name, t->columns[k]->name, v, to->name);
			free(v);
			rc = msg.oom ? dbt_error_oom()
				     : dbt_findings_add(&out->warnings, DBT_FINDING_WILL_FAIL,
							dbt_buf_str(&msg));
		}
	}
	dbt_buf_release(&sql);
	dbt_buf_release(&msg);
	return rc < 0 ? rc : 0;
}

/*
 * Looks at the rows the changes would meet (in the database, before the
 * diff's renames): refuses to add a NOT NULL
 * column without a default to a table that has rows, and warns about a
 * column made NOT NULL that holds NULLs, and about a column of an enum
 * made again that holds a value the new one lacks.
 */
static int check_data(dbt_autogen *out, dbt_conn *conn, const dbt_diff *diff, const dbt_schema *db)
{
	const struct dbt_dialect *d = conn->dialect;
	dbt_buf sql = DBT_BUF_INIT, msg = DBT_BUF_INIT;
	size_t i;
	int rc = 0, yes;

	for (i = 0; i < diff->n && rc == 0; i++) {
		const dbt_op *op = &diff->ops[i];
		const dbt_column *c = op->column;

		if (op->kind == DBT_OP_ADD_COLUMN && c->not_null && !c->default_expr &&
		    !c->generated_expr && !c->autoincrement && c->identity == DBT_IDENTITY_NONE) {
			dbt_buf_puts(&sql, "SELECT 1 FROM ");
			d->quote_ident(&sql, dbt_diff_name_before(diff, op->table->name, NULL));
			dbt_buf_puts(&sql, " LIMIT 1");
			if ((rc = has_row(conn, &sql, &yes)) == 0 && yes)
				rc = dbt_error_set(DBT_ERROR,
						   "cannot add NOT NULL column '%s.%s' without a "
						   "default: table '%s' "
						   "has rows, which would get no value; in the "
						   "model, give the column "
						   "a DEFAULT, or add it without NOT NULL, fill "
						   "it, then make it NOT NULL "
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
				dbt_buf_printf(
					&msg,
					"column %s.%s holds NULLs: the upgrade fails until they "
					"are filled (an UPDATE before this change in the revision)",
					op->table->name, c->name);
				rc = msg.oom ? dbt_error_oom()
					     : dbt_findings_add(&out->warnings,
								DBT_FINDING_WILL_FAIL,
								dbt_buf_str(&msg));
			}
		} else if (op->kind == DBT_OP_REPLACE_OBJECT && op->object->replace_rewrites &&
			   (conn->dialect->caps & DBT_CAP_ENUM_TYPES)) {
			rc = check_enum_values(out, conn, op->object, db);
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
		rc = why ? dbt_findings_add(&out->warnings, DBT_FINDING_DESTROYS, why)
			 : dbt_error_oom();
		if (why)
			dbt_buf_comment(notes, "NOTE: cannot restore what the upgrade lost: it %s",
					why);
		free(why);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/*
 * Whether the MariaDB/MySQL sections rendered at `up_at` in `up` and at
 * `down_at` in `down` from `ops` and their inverses `inv` pair up
 * statement by statement: 1 in `*inverse`, or 0 and a comment saying why
 * put before what was rendered in `down`, for the person who reads the
 * file (the runner then refuses to undo a partial upgrade, as the README
 * says).
 */
static int mark_inverse(int *inverse, const dbt_buf *up, size_t up_at, dbt_buf *down,
			size_t down_at, const dbt_op *ops, const dbt_op *inv, size_t n)
{
	dbt_buf rest = DBT_BUF_INIT;
	const char *why = NULL;
	int rc;

	if (up->oom || down->oom)
		return dbt_error_oom();
	rc = dbt_journal_inverse_pairs(&why, dbt_buf_str(up) + up_at, dbt_buf_str(down) + down_at,
				       ops, inv, n);
	if (rc < 0)
		return rc;
	*inverse = rc;
	if (rc || !why)
		return 0;
	dbt_buf_puts(&rest, dbt_buf_str(down) + down_at);
	if (down->ptr) {
		down->len = down_at;
		down->ptr[down_at] = '\0';
	}
	dbt_buf_comment(down,
			"no '-- journal: inverse' header: %s, so 'dbtool downgrade' cannot undo "
			"an upgrade of this revision that stopped halfway",
			why);
	dbt_buf_puts(down, dbt_buf_str(&rest));
	rc = rest.oom || down->oom ? dbt_error_oom() : 0;
	dbt_buf_release(&rest);
	return rc;
}

/* 1 for an op on an object held as a definition. */
static int object_op(const dbt_op *op)
{
	return op->kind == DBT_OP_CREATE_OBJECT || op->kind == DBT_OP_DROP_OBJECT ||
	       op->kind == DBT_OP_REPLACE_OBJECT;
}

/*
 * An enum or domain made again with the columns that use it goes before
 * the table ops of the upgrade, which may use its new values; reversed,
 * the downgrade would make the old one after them, too late for the
 * default it sets back to an old value.  There too it goes before the
 * first table op, after the objects dropped around them.
 */
static void types_before_tables(dbt_op *ops, size_t n)
{
	size_t i, j;
	dbt_op keep;

	for (i = 0; i < n; i++) {
		if (ops[i].kind != DBT_OP_REPLACE_OBJECT || !ops[i].object ||
		    !ops[i].object->replace_rewrites)
			continue;
		for (j = 0; j < i && object_op(&ops[j]); j++)
			;
		if (j == i)
			continue;
		keep = ops[i];
		memmove(ops + j + 1, ops + j, (i - j) * sizeof(*ops));
		ops[j] = keep;
	}
}

/*
 * The sections of dialect `kind` for the upgrade list `ops`: `up` and
 * `down` for the revision that runs in a transaction; with `forms`
 * (migrate --safe) on PostgreSQL, the ops whose form is not plain go to
 * `sup` and `sdown` instead, for the revision outside a transaction.  On
 * SQLite `forms` changes nothing: `sup` and `sdown` then say so.
 * On MariaDB/MySQL, `*inverse` (when not NULL) says whether `up` and
 * `down` pair up statement by statement (journal_inverse.h); when they
 * do not, a comment at the top of `down` says why.  The other dialects
 * leave `*inverse` as it is.
 */
static int render_sections(dbt_buf *up, dbt_buf *down, dbt_buf *sup, dbt_buf *sdown,
			   dbt_dialect_kind kind, const dbt_op *ops, size_t n,
			   const dbt_safe_form *forms, const dbt_schema *up_target,
			   const dbt_schema *down_target, const dbt_sql_objects *kept, int *inverse)
{
	dbt_op *plain = malloc((n ? n : 1) * sizeof(*plain));
	dbt_op *inv = malloc((n ? n : 1) * sizeof(*inv));
	dbt_op *moved = malloc((n ? n : 1) * sizeof(*moved));
	dbt_safe_form *mforms = malloc((n ? n : 1) * sizeof(*mforms));
	unsigned caps = caps_of(kind);
	int split = forms && (caps & DBT_CAP_SAFE_FORMS);
	size_t i, np = 0, nm = 0, up_at = up->len, down_at = down->len;
	int rc = 0;

	/* Only a journaled section (where DDL commits at once) decides: the
	 * others leave it as it is. */
	if (inverse && !(caps & DBT_CAP_TRANSACTIONAL_DDL))
		*inverse = 0;
	if (!plain || !inv || !moved || !mforms) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	for (i = 0; i < n; i++) {
		if (split && forms[i] != DBT_SAFE_PLAIN) {
			moved[nm] = ops[i];
			mforms[nm++] = forms[i];
		} else {
			plain[np++] = ops[i];
		}
	}
	for (i = 0; i < np; i++)
		dbt_op_inverse(&inv[i], &plain[np - 1 - i]);
	types_before_tables(inv, np);
	if ((rc = dbt_render_ops_keep(up, kind, plain, np, up_target, kept)) < 0 ||
	    (rc = dbt_render_ops_keep(down, kind, inv, np, down_target, kept)) < 0)
		goto cleanup;
	if (inverse && !(caps & DBT_CAP_TRANSACTIONAL_DDL) &&
	    (rc = mark_inverse(inverse, up, up_at, down, down_at, plain, inv, np)) < 0)
		goto cleanup;
	if (nm) {
		if ((rc = dbt_render_safe_ops(sup, moved, mforms, nm, 1)) == 0)
			rc = dbt_render_safe_ops(sdown, moved, mforms, nm, 0);
	} else if (forms) {
		dbt_buf_comment(sup,
				"nothing to do on %s: the lock-friendly forms are PostgreSQL's; "
				"the revision before this one makes every change",
				dbt_dialect_label(kind));
		dbt_buf_comment(sdown, "nothing to do on %s", dbt_dialect_label(kind));
	}
cleanup:
	free(plain);
	free(inv);
	free(moved);
	free(mforms);
	return rc;
}

/* ------------------------------------------------- the other dialects */

/* Where an op's pointers lead in the model adapted to another dialect. */
struct remap {
	const dbt_schema *from; /* the model the ops were diffed with */
	const dbt_schema *to;	/* the same model, adapted to the other dialect */
	dbt_dialect_kind kind;
	int missing;		 /* set when something has no counterpart */
	const char *what, *name; /* the first such, for the message */
};

/* 1 when `t` is one of the model's tables (not the database's). */
static int in_model(const struct remap *m, const dbt_table *t)
{
	return t && dbt_schema_find_table(m->from, t->name) == t;
}

static const dbt_table *map_table(struct remap *m, const dbt_table *t)
{
	const dbt_table *r;

	if (!in_model(m, t))
		return t;
	if (!(r = dbt_schema_find_table(m->to, t->name)) && !m->missing++) {
		m->what = "table";
		m->name = t->name;
	}
	return r;
}

/* The model table of the op that holds `p` among its parts (`which`: 0
 * columns, 1 keys, 2 fks, 3 checks, 4 excludes); NULL when it is the
 * database's. */
static const dbt_table *owner(const struct remap *m, const dbt_op *op, const void *p, int which)
{
	const dbt_table *cand[2] = {op->table, op->old_table};
	size_t i, k;

	for (i = 0; i < 2; i++) {
		const dbt_table *t = cand[i];

		if (!in_model(m, t))
			continue;
		if (which == 1 && t->pk == p)
			return t;
		for (k = 0; which == 0 && k < t->ncolumns; k++)
			if (t->columns[k] == p)
				return t;
		for (k = 0; which == 1 && k < t->nuniques; k++)
			if (t->uniques[k] == p)
				return t;
		for (k = 0; which == 2 && k < t->nfks; k++)
			if (t->fks[k] == p)
				return t;
		for (k = 0; which == 3 && k < t->nchecks; k++)
			if (t->checks[k] == p)
				return t;
		for (k = 0; which == 4 && k < t->nexcludes; k++)
			if (t->excludes[k] == p)
				return t;
	}
	return NULL;
}

static void lost(struct remap *m, const void *found, const char *what, const char *name)
{
	if (!found && !m->missing++) {
		m->what = what;
		m->name = name;
	}
}

/* 1 when `ix` is named after a foreign key of its table in `s`: the index
 * that MariaDB makes for the key, which its adaptation of a model adds. */
static int made_for_fk(const dbt_schema *s, const dbt_index *ix)
{
	const dbt_table *t = dbt_schema_find_table(s, ix->table);
	size_t k;

	for (k = 0; t && k < t->nfks; k++)
		if (t->fks[k]->name && !strcmp(t->fks[k]->name, ix->name))
			return 1;
	return 0;
}

/* `op` with its model parts taken from the other dialect's model: 1, or 0
 * when the other dialect has nothing to do for it. */
static int remap_op(dbt_op *out, struct remap *m, const dbt_op *op)
{
	const dbt_table *t, *mt;
	const dbt_index *ix;
	size_t k;

	*out = *op;
	/* MariaDB's comments and ON UPDATE have no counterpart in another
	 * dialect's section, whose model holds neither: an op that changes
	 * only them is MariaDB's alone. */
	if (m->kind != DBT_DIALECT_MYSQL &&
	    (op->kind == DBT_OP_ALTER_COMMENT ||
	     (op->kind == DBT_OP_ALTER_DEFAULT && op->column && op->old_column &&
	      !op->column->default_expr == !op->old_column->default_expr &&
	      (!op->column->default_expr ||
	       !strcmp(op->column->default_expr, op->old_column->default_expr)))))
		return 0;
	if (op->column && (t = owner(m, op, op->column, 0))) {
		mt = dbt_schema_find_table(m->to, t->name);
		out->column = mt ? dbt_table_find_column(mt, op->column->name) : NULL;
		lost(m, out->column, "column", op->column->name);
	}
	if (op->old_column && (t = owner(m, op, op->old_column, 0))) {
		mt = dbt_schema_find_table(m->to, t->name);
		out->old_column = mt ? dbt_table_find_column(mt, op->old_column->name) : NULL;
		lost(m, out->old_column, "column", op->old_column->name);
	}
	if (op->key && (t = owner(m, op, op->key, 1))) {
		mt = dbt_schema_find_table(m->to, t->name);
		out->key = NULL;
		if (mt && t->pk == op->key)
			out->key = mt->pk;
		for (k = 0; mt && !out->key && k < mt->nuniques; k++)
			if (!strcmp(mt->uniques[k]->name, op->key->name))
				out->key = mt->uniques[k];
		if (!out->key &&
		    (op->kind == DBT_OP_ADD_UNIQUE || op->kind == DBT_OP_DROP_UNIQUE) &&
		    (ix = dbt_schema_find_index(m->to, op->key->name)) && ix->unique) {
			/* MariaDB reads a unique index of whole columns as a
			 * unique constraint: the other dialect's model may
			 * hold it as the index it was written as. */
			out->kind = op->kind == DBT_OP_ADD_UNIQUE ? DBT_OP_ADD_INDEX
								  : DBT_OP_DROP_INDEX;
			out->index = ix;
		} else {
			lost(m, out->key, "constraint", op->key->name);
		}
	}
	if (op->fk && (t = owner(m, op, op->fk, 2))) {
		mt = dbt_schema_find_table(m->to, t->name);
		out->fk = NULL;
		for (k = 0; mt && k < mt->nfks; k++)
			if (!strcmp(mt->fks[k]->name, op->fk->name))
				out->fk = mt->fks[k];
		lost(m, out->fk, "foreign key", op->fk->name);
	}
	if (op->check && (t = owner(m, op, op->check, 3))) {
		mt = dbt_schema_find_table(m->to, t->name);
		out->check = NULL;
		for (k = 0; mt && k < mt->nchecks; k++)
			if (!strcmp(mt->checks[k]->name, op->check->name))
				out->check = mt->checks[k];
		lost(m, out->check, "check", op->check->name);
	}
	if (op->exclude && (t = owner(m, op, op->exclude, 4))) {
		mt = dbt_schema_find_table(m->to, t->name);
		out->exclude = NULL;
		for (k = 0; mt && k < mt->nexcludes; k++)
			if (!strcmp(mt->excludes[k]->name, op->exclude->name))
				out->exclude = mt->excludes[k];
		lost(m, out->exclude, "constraint", op->exclude->name);
	}
	if (op->index && dbt_schema_find_index(m->from, op->index->name) == op->index) {
		out->index = dbt_schema_find_index(m->to, op->index->name);
		mt = out->index ? NULL : dbt_schema_find_table(m->to, op->index->table);
		for (k = 0; mt && op->index->unique && k < mt->nuniques; k++)
			if (!strcmp(mt->uniques[k]->name, op->index->name) &&
			    (op->kind == DBT_OP_ADD_INDEX || op->kind == DBT_OP_DROP_INDEX)) {
				/* The same the other way round. */
				out->kind = op->kind == DBT_OP_ADD_INDEX ? DBT_OP_ADD_UNIQUE
									 : DBT_OP_DROP_UNIQUE;
				out->key = mt->uniques[k];
				out->index = NULL;
				break;
			}
		if (!out->key && !out->index && made_for_fk(m->from, op->index)) {
			/* The index MariaDB makes for a foreign key: the
			 * other dialect's model has none, and needs none. */
			return 0;
		} else if (!out->key) {
			lost(m, out->index, "index", op->index->name);
		}
	}
	out->table = map_table(m, op->table);
	out->old_table = map_table(m, op->old_table);
	return 1;
}

/* The model file, parsed and adapted to dialect `kind`. */
static int load_model_for(dbt_schema **out, const char *path, dbt_dialect_kind kind)
{
	int rc = dbt_parse_model_file(out, path);

	if (rc < 0)
		return rc;
	if ((rc = dbt_schema_adapt(*out, kind)) < 0 ||
	    (rc = dbt_schema_autoincrement(*out, kind)) < 0) {
		char *msg = strdup(dbt_error_last());

		dbt_error_set(rc, "%s:%s", path, msg ? msg : "out of memory");
		free(msg);
		dbt_schema_free(*out);
		*out = NULL;
	}
	return rc;
}

/*
 * The upgrade and downgrade of `diff` (from `db` to `model`, diffed on the
 * connection's dialect) for dialect `kind`.  `db` is translated to that
 * dialect in place; `*dialect_db` says which dialect it reads as now.
 * `*inverse` as render_sections() sets it.
 */
static int render_for(dbt_buf *up, dbt_buf *down, dbt_buf *sup, dbt_buf *sdown,
		      dbt_dialect_kind kind, const dbt_diff *diff, const dbt_safe_form *forms,
		      const dbt_schema *model, dbt_schema *db, dbt_dialect_kind *dialect_db,
		      const char *model_path, int *inverse)
{
	dbt_schema *other = NULL;
	dbt_op *ops = NULL;
	dbt_safe_form *mforms = NULL;
	struct remap m;
	size_t i, n = 0;
	int rc, changed = 0;

	if ((rc = load_model_for(&other, model_path, kind)) < 0)
		goto cleanup;
	if ((rc = dbt_schema_translate(db, *dialect_db, kind)) < 0) {
		dbt_error_prefix(rc, "cannot write the %s sections from the database's schema",
				 dbt_dialect_label(kind));
		goto cleanup;
	}
	*dialect_db = kind;
	ops = malloc((diff->n ? diff->n : 1) * sizeof(*ops));
	if (forms)
		mforms = malloc((diff->n ? diff->n : 1) * sizeof(*mforms));
	if (!ops || (forms && !mforms)) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	memset(&m, 0, sizeof(m));
	m.from = model;
	m.to = other;
	m.kind = kind;
	for (i = 0; i < diff->n; i++) {
		if (!remap_op(&ops[n], &m, &diff->ops[i]))
			continue;
		if (forms)
			/* An op that changed kind (a unique constraint of
			 * MariaDB's that is an index on PostgreSQL) is judged
			 * again below, as what it is now. */
			mforms[n] = ops[n].kind != diff->ops[i].kind ? DBT_SAFE_PLAIN : forms[i];
		changed |= ops[n].kind != diff->ops[i].kind;
		n++;
	}
	for (i = 0; forms && changed && (caps_of(kind) & DBT_CAP_SAFE_FORMS) && i < n; i++)
		if (ops[i].kind == DBT_OP_ADD_INDEX && mforms[i] == DBT_SAFE_PLAIN)
			mforms[i] = dbt_render_safe_form(ops, n, i, other);
	if (m.missing) {
		rc = dbt_error_set(DBT_ERROR,
				   "cannot write the %s sections: the model adapted to %s has no "
				   "%s "
				   "'%s' that the change needs",
				   dbt_dialect_label(kind), dbt_dialect_label(kind), m.what,
				   m.name);
		goto cleanup;
	}
	if ((rc = render_sections(up, down, sup, sdown, kind, ops, n, mforms, other, db, NULL,
				  inverse)) < 0)
		dbt_error_prefix(rc, "cannot write the %s sections", dbt_dialect_label(kind));
cleanup:
	free(mforms);
	free(ops);
	dbt_schema_free(other);
	return rc;
}

int dbt_autogenerate(dbt_autogen *out, dbt_conn *conn, const dbt_chain *chain,
		     const char *script_location, const char *model_path, const char *schema_name,
		     const char *message, const char *rev_id)
{
	return dbt_autogenerate_opts(out, conn, chain, script_location, model_path, schema_name,
				     message, rev_id, NULL);
}

int dbt_autogenerate_dialects(dbt_autogen *out, dbt_conn *conn, const dbt_chain *chain,
			      const char *script_location, const char *model_path,
			      const char *schema_name, const char *message, const char *rev_id,
			      const dbt_dialect_kind *dialects, size_t ndialects)
{
	dbt_autogen_opts opts = DBT_AUTOGEN_OPTS_INIT;

	opts.dialects = dialects;
	opts.ndialects = ndialects;
	return dbt_autogenerate_opts(out, conn, chain, script_location, model_path, schema_name,
				     message, rev_id, &opts);
}

/*
 * With --safe, the form of each op of `diff` (NULL in `*out` when no op
 * takes a lock-friendly form, or no section's database has them).
 */
static int safe_forms(dbt_safe_form **out, size_t *nsafe, const dbt_diff *diff,
		      const dbt_schema *model, dbt_dialect_kind kind,
		      const dbt_dialect_kind *dialects, size_t ndialects)
{
	size_t i, k;
	int safe = ndialects ? 0 : (caps_of(kind) & DBT_CAP_SAFE_FORMS) != 0;

	*out = NULL;
	*nsafe = 0;
	for (k = 0; k < ndialects; k++)
		safe |= (caps_of(dialects[k]) & DBT_CAP_SAFE_FORMS) != 0;
	if (!safe)
		return 0;
	if (!(*out = malloc(diff->n * sizeof(**out))))
		return dbt_error_oom();
	for (i = 0; i < diff->n; i++) {
		(*out)[i] = dbt_render_safe_form(diff->ops, diff->n, i, model);
		*nsafe += (*out)[i] != DBT_SAFE_PLAIN;
	}
	if (!*nsafe) {
		free(*out);
		*out = NULL;
	}
	return 0;
}

/*
 * Writes the revision (or, with `forms`, the two revisions) of the
 * sections in `up` ... (per dialect when `nsecs` > 1).  A second revision
 * that cannot be written takes the first one along.  `inverse` marks the
 * first revision "-- journal: inverse"; the second one (PostgreSQL's
 * lock-friendly forms, nothing to run on MariaDB/MySQL) never is.
 */
static int write_revisions(dbt_autogen *out, const char *script_location, const char *message,
			   const char *rev_id, const char *head, struct dbt_dialect_sql *secs,
			   struct dbt_dialect_sql *safe_secs, size_t nsecs, int need_first,
			   int need_second, int inverse)
{
	dbt_buf second_id = DBT_BUF_INIT, second_msg = DBT_BUF_INIT;
	char first_id[13];
	char **second_path = need_first ? &out->next_path : &out->path;
	int multi = nsecs > 1, rc = 0;

	if (need_first && need_second && rev_id) {
		/* Refused before anything is written. */
		dbt_buf_printf(&second_id, "%s_safe", rev_id);
		if (second_id.oom) {
			rc = dbt_error_oom();
			goto cleanup;
		}
		if (dbt_revision_id_valid(rev_id) &&
		    !dbt_revision_id_valid(dbt_buf_str(&second_id))) {
			rc = dbt_error_set(DBT_ERROR,
					   "revision id '%s' leaves no room for '%s', the id of "
					   "the "
					   "second revision that --safe writes: use a shorter id",
					   rev_id, dbt_buf_str(&second_id));
			goto cleanup;
		}
	}
	if (need_first) {
		if (need_second && !rev_id) {
			dbt_revision_new_id(first_id);
			rev_id = first_id;
		}
		rc = dbt_project_new_revision_hdr(&out->path, script_location, message, rev_id,
						  secs[0].upgrade, secs[0].downgrade,
						  multi ? secs : NULL, multi ? nsecs : 0, head, 1,
						  inverse);
		if (rc < 0 || !need_second)
			goto cleanup;
		/* The second revision follows the first. */
		head = rev_id;
		dbt_buf_printf(&second_msg, "%s (outside a transaction)", message ? message : "");
		if (second_id.oom || second_msg.oom) {
			rc = dbt_error_oom();
			goto cleanup;
		}
		rev_id = second_id.len ? dbt_buf_str(&second_id) : NULL;
		message = dbt_buf_str(&second_msg);
	}
	rc = dbt_project_new_revision_tx(second_path, script_location, message, rev_id,
					 safe_secs[0].upgrade, safe_secs[0].downgrade,
					 multi ? safe_secs : NULL, multi ? nsecs : 0, head, 0);
cleanup:
	if (rc < 0 && out->path && need_first && need_second) {
		/* Half of the change would be written: none of it is. */
		remove(out->path);
		free(out->path);
		out->path = NULL;
	}
	dbt_buf_release(&second_id);
	dbt_buf_release(&second_msg);
	return rc;
}

int dbt_autogenerate_opts(dbt_autogen *out, dbt_conn *conn, const dbt_chain *chain,
			  const char *script_location, const char *model_path,
			  const char *schema_name, const char *message, const char *rev_id,
			  const dbt_autogen_opts *opts)
{
	const dbt_dialect_kind *dialects = opts ? opts->dialects : NULL;
	size_t ndialects = opts ? opts->ndialects : 0;
	dbt_schema *model = NULL, *db = NULL;
	dbt_model_job job;
	dbt_diff diff = {NULL, 0};
	dbt_safe_form *forms = NULL;
	dbt_buf up = DBT_BUF_INIT, down = DBT_BUF_INIT;
	dbt_buf sup = DBT_BUF_INIT, sdown = DBT_BUF_INIT;
	dbt_sql_objects kept = {NULL, 0};
	dbt_dialect_kind kind = conn->dialect->kind, dialect_db = kind;
	struct dbt_dialect_sql secs[DBT_DIALECT_MAX], safe_secs[DBT_DIALECT_MAX];
	dbt_buf more_up[DBT_DIALECT_MAX], more_down[DBT_DIALECT_MAX];
	dbt_buf more_sup[DBT_DIALECT_MAX], more_sdown[DBT_DIALECT_MAX];
	size_t k, nsecs = 0, nsafe = 0;
	/* The mysql section's downgrade undoes its upgrade statement by
	 * statement (only MariaDB/MySQL reads the header: it concerns the
	 * mysql section, the one that runs there). */
	int rc, need_first, inverse = 0;

	memset(out, 0, sizeof(*out));
	for (k = 0; k < DBT_DIALECT_MAX; k++) {
		more_up[k] = (dbt_buf)DBT_BUF_INIT;
		more_down[k] = (dbt_buf)DBT_BUF_INIT;
		more_sup[k] = (dbt_buf)DBT_BUF_INIT;
		more_sdown[k] = (dbt_buf)DBT_BUF_INIT;
	}
	if (opts && opts->version != DBT_AUTOGEN_OPTS_VERSION)
		return dbt_error_set(DBT_ERROR, "unknown version %u of the autogenerate options",
				     opts->version);
	if ((rc = dbt_dialects_require(kind, dialects, ndialects,
				       "migrate compares the model with that database")) < 0)
		return rc;
	/* A new revision on top of an edited applied one would describe a
	 * database that the chain no longer does. */
	if ((rc = dbt_run_require_head(conn, chain)) < 0 ||
	    (rc = dbt_run_require_verified(conn, chain)) < 0)
		return rc;
	/* The model is parsed on a second thread while this one reads the
	 * database (model_job.h); when both fail, the database's error is
	 * the one reported, as by check. */
	dbt_model_job_start(&job, conn, model_path);
	/* What the connection keeps (SQLite's parsed schema, as large as the
	 * reflection) is released as soon as the reflection's queries are
	 * read, as by check: what follows reads the database only for the
	 * checks of the rows that some changes need (check_data), when
	 * SQLite reads its schema again, and the triggers and views that
	 * table rebuilds keep, which SQLite's dialect has from the opening
	 * (read_kept). */
	conn->release_after_reflect = 1;
	rc = dbt_model_reflect_all(&db, conn, schema_name);
	conn->release_after_reflect = 0;
	if (rc < 0) {
		dbt_model_job_cancel(&job);
		goto cleanup;
	}
	if ((rc = dbt_model_job_finish(&model, &job)) < 0)
		goto cleanup;
	if ((rc = dbt_model_diff(&diff, conn, db, model, model_path, schema_name)) < 0 ||
	    (diff.n && (rc = dbt_rename_guess(&diff, &out->warnings, conn, db, model, model_path,
					      schema_name)) < 0))
		goto cleanup;
	if (diff.n == 0)
		goto cleanup;

	if ((rc = dbt_findings_add_ops(&out->changes, conn->dialect, diff.ops, diff.n)) < 0)
		goto cleanup;
	if ((rc = check_data(out, conn, &diff, db)) < 0 ||
	    (rc = dbt_roles_warn_passwords(&out->warnings, model, &diff)) < 0 ||
	    (rc = collect_destroys(out, &diff, &down)) < 0)
		goto cleanup;
	if (opts && opts->safe &&
	    (rc = safe_forms(&forms, &nsafe, &diff, model, kind, dialects, ndialects)) < 0)
		goto cleanup;

	/* Table rebuilds keep the database's triggers and views, but for
	 * those the differ drops itself before the table ops (and creates
	 * again after them): the others are the same for the upgrade and the
	 * downgrade. */
	if (conn->dialect->read_kept && (rc = conn->dialect->read_kept(&kept, conn)) < 0)
		goto cleanup;
	dbt_sql_objects_forget(&kept, diff.ops, diff.n);
	/* The inverse ops before the inverse renames act on the renamed
	 * database schema. */
	if ((rc = render_sections(&up, &down, &sup, &sdown, kind, diff.ops, diff.n, forms, model,
				  dbt_diff_renamed(&diff) ? dbt_diff_renamed(&diff) : db, &kept,
				  &inverse)) < 0)
		goto cleanup;
	if (up.oom || down.oom || sup.oom || sdown.oom) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	/* One section per listed dialect, in the order listed. */
	for (k = 0; k < (ndialects > 1 ? ndialects : 1); k++) {
		dbt_dialect_kind dk = ndialects > 1 ? dialects[k] : kind;

		secs[nsecs].kind = safe_secs[nsecs].kind = dk;
		if (dk == kind) {
			secs[nsecs].upgrade = dbt_buf_str(&up);
			secs[nsecs].downgrade = dbt_buf_str(&down);
			safe_secs[nsecs].upgrade = dbt_buf_str(&sup);
			safe_secs[nsecs].downgrade = dbt_buf_str(&sdown);
		} else {
			if ((rc = render_for(&more_up[k], &more_down[k], &more_sup[k],
					     &more_sdown[k], dk, &diff, forms, model, db,
					     &dialect_db, model_path, &inverse)) < 0)
				goto cleanup;
			if (more_up[k].oom || more_down[k].oom || more_sup[k].oom ||
			    more_sdown[k].oom) {
				rc = dbt_error_oom();
				goto cleanup;
			}
			secs[nsecs].upgrade = dbt_buf_str(&more_up[k]);
			secs[nsecs].downgrade = dbt_buf_str(&more_down[k]);
			safe_secs[nsecs].upgrade = dbt_buf_str(&more_sup[k]);
			safe_secs[nsecs].downgrade = dbt_buf_str(&more_sdown[k]);
		}
		nsecs++;
	}
	/* The first revision is left out when every change takes a
	 * lock-friendly form and every section's database has them. */
	need_first = !forms || nsafe < diff.n;
	for (k = 0; k < nsecs; k++)
		need_first |= !(caps_of(secs[k].kind) & DBT_CAP_SAFE_FORMS);
	/* Nothing reads the model again: a large one is freed on a thread
	 * of its own while the files are written (model_job.h). */
	dbt_model_job_give_back(&job, model);
	model = NULL;
	rc = write_revisions(out, script_location, message, rev_id,
			     chain->n ? chain->revs[chain->n - 1]->id : NULL, secs, safe_secs,
			     nsecs, need_first, forms != NULL, inverse);
cleanup:
	for (k = 0; k < DBT_DIALECT_MAX; k++) {
		dbt_buf_release(&more_up[k]);
		dbt_buf_release(&more_down[k]);
		dbt_buf_release(&more_sup[k]);
		dbt_buf_release(&more_sdown[k]);
	}
	dbt_sql_objects_release(&kept);
	free(forms);
	dbt_buf_release(&up);
	dbt_buf_release(&down);
	dbt_buf_release(&sup);
	dbt_buf_release(&sdown);
	/* A large model is freed on a thread of its own while this one
	 * frees the rest (model_job.h). */
	dbt_model_job_give_back(&job, model);
	dbt_diff_release(&diff);
	dbt_schema_free(db);
	dbt_model_job_end(&job);
	return rc;
}

void dbt_autogen_release(dbt_autogen *autogen)
{
	free(autogen->path);
	autogen->path = NULL;
	free(autogen->next_path);
	autogen->next_path = NULL;
	dbt_findings_release(&autogen->changes);
	dbt_findings_release(&autogen->warnings);
}
