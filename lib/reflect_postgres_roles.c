/*
 * reflect_postgres_roles.c - the roles dbtool manages (role.h), read
 * from the cluster and set beside the model's: one query of pg_roles
 * (which every role may read; its password column is always hidden),
 * the model's VALID UNTIL read by the database, the role objects of both
 * sides, and the refusals that keep dbtool's own role usable.  Also the
 * scratch database's bare roles, `roles =` (dbt_conn_set_roles) and
 * migrate's warning about passwords.
 */
#include "dbtool.h"

#include "dialect.h"
#include "diff.h"
#include "error.h"
#include "exclude.h"
#include "findings.h"
#include "role.h"

#include <stdlib.h>
#include <string.h>

/* VALID UNTIL as the definition holds it: NULL for none or infinity,
 * else the instant in UTC, whole seconds without a fraction. */
/* clang-format off */
#define VALID_UNTIL(x)                                                                      \
	"CASE WHEN " x " IS NULL OR " x " = 'infinity' THEN NULL ELSE "                     \
	"pg_catalog.rtrim(pg_catalog.rtrim(pg_catalog.to_char(" x " AT TIME ZONE 'UTC', "   \
	"'YYYY-MM-DD HH24:MI:SS.US'), '0'), '.') || '+00' END"
/* clang-format on */

static const char roles_sql[] =
	"SELECT r.rolname, r.rolsuper, r.rolcreatedb, r.rolcreaterole, r.rolinherit, "
	"r.rolcanlogin, r.rolreplication, r.rolbypassrls, r.rolconnlimit, " VALID_UNTIL(
		"r.rolvaliduntil") ", r.rolname = session_user OR r.rolname = current_user "
				   "FROM pg_catalog.pg_roles r WHERE r.rolname !~ '^pg_' ORDER BY "
				   "1";

int dbt_conn_set_roles(dbt_conn *conn, char *const *patterns, size_t n)
{
	return dbt_exclude_set(&conn->roles, &conn->nroles, patterns, n);
}

/* The cluster's roles, as read. */
struct live {
	dbt_schema *s; /* its roles */
	char *self;    /* the role dbtool is connected as */
};

static int live_row(void *arg, size_t n, const char *const *v)
{
	static const unsigned bits[] = {DBT_ROLE_SUPERUSER, DBT_ROLE_CREATEDB, DBT_ROLE_CREATEROLE,
					DBT_ROLE_INHERIT,   DBT_ROLE_LOGIN,    DBT_ROLE_REPLICATION,
					DBT_ROLE_BYPASSRLS};
	struct live *l = arg;
	dbt_role *r;
	size_t i;
	int rc;

	if (n < 11 || !v[0])
		return 0;
	if ((rc = dbt_schema_add_role(&r, l->s, v[0])) < 0)
		return rc;
	r->set = DBT_ROLE_ALL;
	for (i = 0; i < 7; i++)
		if (v[1 + i] && v[1 + i][0] == 't')
			r->flags |= bits[i];
	r->conn_limit = v[8] ? atoi(v[8]) : -1;
	if (v[9] && !(r->valid_until = strdup(v[9])))
		return dbt_error_oom();
	if (v[10] && v[10][0] == 't' && !l->self && !(l->self = strdup(v[0])))
		return dbt_error_oom();
	return 0;
}

/* The model's VALID UNTIL of `r`, read by the database into the form
 * of the definition. */
static int normalize_valid_until(dbt_role *r, dbt_conn *conn, const char *model_path)
{
	const struct dbt_dialect *d = conn->dialect;
	dbt_buf sql = DBT_BUF_INIT;
	char *v = NULL;
	int rc;

	if (!r->valid_until)
		return 0;
	/* The same expression as the cluster's roles are read with. */
	dbt_buf_puts(&sql, "SELECT " VALID_UNTIL("v.t") " FROM (SELECT ");
	d->quote_literal(&sql, r->valid_until);
	dbt_buf_puts(&sql, "::pg_catalog.timestamptz AS t) v");
	if (sql.oom) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	if ((rc = d->query_value(conn, dbt_buf_str(&sql), &v)) < 0) {
		/* The database's refusal is the model's error, at its place. */
		if (rc == DBT_EDB)
			rc = DBT_EPARSE;
		rc = dbt_error_prefix(rc, "%s:%d:%d: VALID UNTIL of role '%s'", model_path, r->line,
				      r->col, r->name);
		goto cleanup;
	}
	free(r->valid_until);
	r->valid_until = v;
cleanup:
	dbt_buf_release(&sql);
	return rc;
}

/* Sets the replace_sql of `o` to ALTER ROLE `r` WITH the attributes
 * `mask`. */
static int set_replace(dbt_object *o, const struct dbt_dialect *d, const dbt_role *r, unsigned mask)
{
	dbt_buf b = DBT_BUF_INIT;

	dbt_role_alter_sql(&b, d, r, mask);
	if (b.oom)
		return dbt_error_oom();
	free(o->replace_sql);
	o->replace_sql = dbt_buf_detach(&b);
	return o->replace_sql ? 0 : dbt_error_oom();
}

int dbt_pg_roles_reflect(dbt_schema *db, dbt_conn *conn)
{
	struct live l = {NULL, NULL};
	dbt_object *o;
	size_t i;
	int rc;

	if (!(conn->dialect->caps & DBT_CAP_ROLES) || conn->nroles == 0)
		return 0;
	if ((rc = dbt_schema_new(&l.s)) < 0)
		return rc;
	rc = conn->dialect->query_rows(conn, roles_sql, live_row, &l);
	for (i = 0; i < l.s->nroles && rc == 0; i++) {
		const dbt_role *lr = l.s->roles[i];

		if ((rc = dbt_exclude_match(conn->roles, conn->nroles, NULL, lr->name)) > 0)
			rc = dbt_role_add_object(&o, db, conn->dialect, lr, DBT_ROLE_ALL);
	}
	dbt_schema_free(l.s);
	free(l.self);
	return rc;
}

int dbt_pg_roles_prepare(dbt_schema *db, dbt_schema *model, dbt_conn *conn, const char *model_path)
{
	const struct dbt_dialect *d = conn->dialect;
	struct live l = {NULL, NULL};
	size_t i;
	int rc;

	if (!(d->caps & DBT_CAP_ROLES) || (model->nroles == 0 && conn->nroles == 0))
		return 0;
	if ((rc = dbt_schema_new(&l.s)) < 0)
		return rc;
	if ((rc = d->query_rows(conn, roles_sql, live_row, &l)) < 0)
		goto cleanup;
	for (i = 0; i < model->nroles && rc == 0; i++)
		rc = normalize_valid_until(model->roles[i], conn, model_path);
	for (i = 0; i < l.s->nroles && rc == 0; i++) {
		const dbt_role *lr = l.s->roles[i];
		const dbt_role *mr = dbt_schema_find_role(model, lr->name);
		int self = l.self && !strcmp(lr->name, l.self);
		dbt_object *o;

		if (!mr) {
			if ((rc = dbt_exclude_match(conn->roles, conn->nroles, NULL, lr->name)) <=
			    0)
				continue;
			if (self) {
				rc = dbt_error_set(
					DBT_ERROR,
					"role '%s' is the role dbtool connects as, which "
					"'roles =' names and the model does not declare: "
					"dbtool never drops it (declare it in the model, "
					"or leave it out of 'roles =')",
					lr->name);
				break;
			}
			rc = dbt_role_add_object(&o, db, d, lr, DBT_ROLE_ALL);
			continue;
		}
		if (self && (mr->set & DBT_ROLE_LOGIN) && !(mr->flags & DBT_ROLE_LOGIN) &&
		    (lr->flags & DBT_ROLE_LOGIN)) {
			rc = dbt_error_set(DBT_ERROR,
					   "%s:%d:%d: role '%s' is the role dbtool connects as: "
					   "dbtool never takes LOGIN from it",
					   model_path, mr->line, mr->col, lr->name);
			break;
		}
		rc = dbt_role_add_object(&o, db, d, lr, mr->set);
	}
	for (i = 0; i < model->nroles && rc == 0; i++) {
		const dbt_role *mr = model->roles[i];
		const dbt_role *lr = dbt_schema_find_role(l.s, mr->name);
		dbt_object *o, *live;
		unsigned diff;

		if ((rc = dbt_role_add_object(&o, model, d, mr, mr->set)) < 0)
			break;
		o->line = mr->line;
		o->col = mr->col;
		if (!lr)
			continue;
		diff = dbt_role_differs(mr, lr, mr->set);
		if (!diff || !(live = dbt_schema_find_object(db, DBT_OBJ_ROLE, o->name)))
			continue;
		if ((rc = set_replace(o, d, mr, diff)) == 0)
			rc = set_replace(live, d, lr, diff);
	}
cleanup:
	dbt_schema_free(l.s);
	free(l.self);
	return rc;
}

int dbt_pg_role_scratch(dbt_conn *conn, const dbt_role *r)
{
	const struct dbt_dialect *d = conn->dialect;
	dbt_buf sql = DBT_BUF_INIT;
	char *v = NULL;
	int rc;

	dbt_buf_puts(&sql, "SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = ");
	d->quote_literal(&sql, r->name);
	if (sql.oom) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	if ((rc = d->query_value(conn, dbt_buf_str(&sql), &v)) < 0 || v)
		goto cleanup;
	dbt_buf_clear(&sql);
	dbt_buf_puts(&sql, "CREATE ROLE ");
	d->quote_ident(&sql, r->name);
	rc = sql.oom ? dbt_error_oom() : d->exec(conn, dbt_buf_str(&sql));
cleanup:
	free(v);
	dbt_buf_release(&sql);
	return rc;
}

int dbt_roles_warn_passwords(dbt_findings *out, const dbt_schema *model, const dbt_diff *diff)
{
	dbt_buf msg = DBT_BUF_INIT;
	size_t i, k;
	int rc = 0;

	for (i = 0; i < diff->n && rc == 0; i++) {
		const dbt_op *op = &diff->ops[i];

		if (op->kind != DBT_OP_CREATE_OBJECT || op->object->kind != DBT_OBJ_ROLE)
			continue;
		for (k = 0; k < model->nroles; k++) {
			const dbt_role *r = model->roles[k];

			if (!r->password || op->object->line != r->line ||
			    op->object->col != r->col)
				continue;
			dbt_buf_clear(&msg);
			dbt_buf_printf(&msg,
				       "role %s: the model holds its password, which the revision "
				       "file now holds in clear text (keep such a file out of "
				       "version control, or set the password outside dbtool)",
				       op->object->name);
			rc = msg.oom ? dbt_error_oom()
				     : dbt_findings_add(out, DBT_FINDING_SECRET, dbt_buf_str(&msg));
		}
	}
	dbt_buf_release(&msg);
	return rc;
}
