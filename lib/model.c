/*
 * model.c - the declared model against the live database: compare them
 * (`dbtool check`), create what the database lacks (`create-all`), drop
 * everything (`drop-all`).  The parser, reflection, differ and renderer do
 * the work; this file strings them together inside one transaction.
 */
#include "dbtool.h"

#include "buf.h"
#include "defaults.h"
#include "dialect.h"
#include "diff.h"
#include "error.h"
#include "exclude.h"
#include "findings.h"
#include "fsutil.h"
#include "model.h"
#include "model_job.h"
#include "parse.h"
#include "reflect_postgres_objects.h"
#include "render.h"
#include "role.h"
#include "schema.h"
#include "scratch.h"
#include "spelling.h"

#include <stdlib.h>
#include <string.h>

/*
 * The one filter of `exclude =` (exclude.h), applied to each schema as
 * soon as it is read: the live database's reflection, the parsed model,
 * and the model's objects as the scratch database made them.  So nothing
 * after it (differ, create-all, drop-all, inspect) sees what it excludes,
 * on either side.  Fails only when out of memory.
 */
static int exclude(dbt_schema *s, const dbt_conn *conn, const char *schema_name)
{
	const char *qualifier = (conn->dialect->caps & DBT_CAP_SCHEMAS) && schema_name
					? schema_name
					: conn->dialect->default_schema;

	return dbt_exclude_filter(s, conn->exclude, conn->nexclude, qualifier);
}

/* exclude() on a schema just read: freed, and `*s` NULL, on failure. */
static int exclude_read(dbt_schema **s, const dbt_conn *conn, const char *schema_name)
{
	int rc = exclude(*s, conn, schema_name);

	if (rc < 0) {
		dbt_schema_free(*s);
		*s = NULL;
	}
	return rc;
}

int dbt_model_load(dbt_schema **out, dbt_conn *conn, const char *path)
{
	int rc = dbt_model_load_for(out, conn->dialect, path);

	return rc < 0 ? rc : dbt_model_exclude(out, conn);
}

int dbt_model_exclude(dbt_schema **s, const dbt_conn *conn)
{
	return exclude_read(s, conn, NULL);
}

static unsigned parse_flags(const struct dbt_dialect *dialect)
{
	return dialect->caps & DBT_CAP_NOCASE_NAMES ? DBT_PARSE_NOCASE_NAMES : 0;
}

/* The model just parsed (`rc` the parse's), adapted to the dialect's
 * database; `*out` freed and NULL on failure. */
static int adapt_parsed(dbt_schema **out, const struct dbt_dialect *dialect, const char *path,
			int rc)
{
	if (rc < 0)
		return rc == DBT_ENOTFOUND
			       ? dbt_error_set(rc, "cannot open model file '%s': no such file",
					       path)
			       : rc;
	rc = dbt_schema_adapt(*out, dialect->kind);
	if (rc == 0)
		rc = dbt_schema_autoincrement(*out, dialect->kind);
	if (rc < 0) {
		/* The message starts with "line:column:" and lacks the path. */
		char *msg = strdup(dbt_error_last());

		dbt_error_set(rc, "%s:%s", path, msg ? msg : "out of memory");
		free(msg);
		dbt_schema_free(*out);
		*out = NULL;
		return rc;
	}
	if ((*out)->nroles && !(dialect->caps & DBT_CAP_ROLES)) {
		const dbt_role *r = (*out)->roles[0];

		rc = dbt_error_set(DBT_EPARSE,
				   "%s:%d:%d: CREATE ROLE is PostgreSQL's: a model used with %s "
				   "cannot hold roles%s",
				   path, r->line, r->col, dialect->title,
				   dialect->kind == DBT_DIALECT_MYSQL
					   ? " (MariaDB's users and roles are not managed by "
					     "dbtool)"
					   : "");
		dbt_schema_free(*out);
		*out = NULL;
		return rc;
	}
	return 0;
}

/* The model file, parsed and adapted to the dialect's database. */
int dbt_model_load_for(dbt_schema **out, const struct dbt_dialect *dialect, const char *path)
{
	unsigned flags = parse_flags(dialect);
	int rc;

	if (dbt_model_command_set()) {
		/* The command's output stands in for the file; `path` is the
		 * name its errors carry ("model_command"). */
		char *text = NULL;
		size_t len = 0;

		*out = NULL;
		if ((rc = dbt_model_command_run(&text, &len, dialect->kind)) < 0)
			return rc;
		rc = dbt_parse_model_as(out, path, text, len, flags);
		free(text);
	} else {
		rc = dbt_parse_model_file_as(out, path, flags);
	}
	return adapt_parsed(out, dialect, path, rc);
}

int dbt_model_read(char **out, size_t *len, const char *path)
{
	int rc = dbt_fs_read(out, len, path);

	return rc == DBT_ENOTFOUND
		       ? dbt_error_set(rc, "cannot open model file '%s': no such file", path)
		       : rc;
}

int dbt_model_load_text(dbt_schema **out, const struct dbt_dialect *dialect, const char *path,
			const char *text, size_t len)
{
	*out = NULL;
	return adapt_parsed(out, dialect, path,
			    dbt_parse_model_as(out, path, text, len, parse_flags(dialect)));
}

int dbt_model_reflect(dbt_schema **out, dbt_conn *conn, const char *schema_name)
{
	int rc;

	*out = NULL;
	if (!conn->dialect->reflect)
		return dbt_error_set(DBT_ERROR,
				     "reading the schema of a %s database is not supported",
				     conn->dialect->name);
	/* A schema names a namespace only where the dialect has them: the
	 * configuration's default ("public") means nothing elsewhere. */
	if ((rc = conn->dialect->reflect(out, conn,
					 conn->dialect->caps & DBT_CAP_SCHEMAS ? schema_name
									       : NULL)) < 0)
		return rc;
	return exclude_read(out, conn, schema_name);
}

/* Which names of the model take the database's spelling (spelling.h). */
static int spelling_flags(unsigned *out, dbt_conn *conn)
{
	const struct dbt_dialect *d = conn->dialect;
	unsigned flags = 0;
	char *v = NULL;
	int rc;

	if (d->caps & DBT_CAP_NOCASE_COLUMNS)
		flags |= DBT_SPELL_COLUMNS | DBT_SPELL_INDEXES;
	/* SQLite tells no table apart by case; MariaDB's setting says. */
	if (d->caps & DBT_CAP_NOCASE_NAMES) {
		flags |= DBT_SPELL_TABLES;
	} else if (d->nocase_tables_sql) {
		if ((rc = d->query_value(conn, d->nocase_tables_sql, &v)) < 0)
			return rc;
		if (v && !strcmp(v, "1"))
			flags |= DBT_SPELL_TABLES;
		free(v);
	}
	*out = flags;
	return 0;
}

int dbt_model_take_spelling(dbt_schema *model, const dbt_schema *db, dbt_conn *conn)
{
	unsigned flags;
	int rc = spelling_flags(&flags, conn);

	if (rc < 0)
		return rc;
	return flags ? dbt_schema_take_spelling(model, db, flags) : 0;
}

/* dbt_model_take_spelling() again, when only the tables marked in
 * `replaced` changed since (dbt_schema_take_spelling_again). */
static int take_spelling_again(dbt_schema *model, const dbt_schema *db, dbt_conn *conn,
			       const unsigned char *replaced, int *renamed)
{
	unsigned flags;
	int rc = spelling_flags(&flags, conn);

	*renamed = 0;
	if (rc < 0)
		return rc;
	return flags ? dbt_schema_take_spelling_again(model, db, flags, replaced, renamed) : 0;
}

void dbt_model_diff_opts(dbt_diff_opts *o, const dbt_conn *conn)
{
	/* SQLite checks foreign keys when rows change, not when tables are
	 * made, so a table may name one that does not exist yet. */
	o->fk_forward_refs = (conn->dialect->caps & DBT_CAP_FK_FORWARD_REFS) != 0;
	/* PostgreSQL refuses to change a column's type, or drop it, under a
	 * view, trigger or policy; SQLite's rebuild keeps them itself. */
	o->objects_around_alters = (conn->dialect->caps & DBT_CAP_ALTER_UNDER_OBJECTS) != 0;
	/* SQLite cannot rename an index: it is dropped and made again. */
	o->rename_indexes = (conn->dialect->caps & DBT_CAP_RENAME_INDEX) != 0;
	o->record = NULL;
	o->reuse = NULL;
	o->changed = NULL;
}

/* 1 when the model declares an object of the statement kind `kind`. */
static int model_declares(const dbt_schema *model, const char *kind)
{
	size_t i;

	for (i = 0; i < model->nstatements; i++)
		if (!strcmp(model->statements[i]->kind, kind))
			return 1;
	return 0;
}

/* Removes " WITH SCHEMA <suffix>" from the end of `*str` (before a final
 * ';' when `semicolon`), when it is there. */
static void strip_with_schema(char *str, const char *suffix, int semicolon)
{
	size_t n = str ? strlen(str) : 0, m = strlen(suffix);
	size_t end = semicolon && n && str[n - 1] == ';' ? n - 1 : n;

	if (end >= m && !strncmp(str + end - m, suffix, m)) {
		memmove(str + end - m, str + end, n - end + 1);
	}
}

/*
 * Schemas and extensions belong to the whole database, not to the managed
 * schema.  A model that declares none of a kind leaves the database's as
 * they are (they are copied into the model); one that declares some
 * manages them all.  The scratch database, on the live server, also sees
 * the managed schema itself as "another schema", and an extension that
 * the live database keeps in the managed schema as one "WITH SCHEMA" it:
 * both are read as the live database reads them.
 */
static int adopt_database_objects(dbt_schema *model, const dbt_schema *db, dbt_conn *conn,
				  const char *schema_name)
{
	static const struct {
		dbt_object_kind kind;
		const char *statement;
	} kinds[] = {{DBT_OBJ_SCHEMA, "schema"}, {DBT_OBJ_EXTENSION, "extension"}};
	dbt_buf live = DBT_BUF_INIT, suffix = DBT_BUF_INIT;
	size_t i, k, j;
	int rc = 0;

	conn->dialect->quote_ident(&live, schema_name ? schema_name : "public");
	dbt_buf_puts(&suffix, " WITH SCHEMA ");
	dbt_buf_puts(&suffix, dbt_buf_str(&live));
	if (live.oom || suffix.oom) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	for (i = 0; i < model->nobjects; i++) {
		dbt_object *o = model->objects[i];

		if (o->kind == DBT_OBJ_SCHEMA && !strcmp(o->name, dbt_buf_str(&live))) {
			dbt_schema_remove_object(model, o);
			i--;
		} else if (o->kind == DBT_OBJ_EXTENSION) {
			strip_with_schema(o->definition, dbt_buf_str(&suffix), 0);
			strip_with_schema(o->create_sql, dbt_buf_str(&suffix), 1);
		}
	}
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]) && rc == 0; k++) {
		if (model_declares(model, kinds[k].statement))
			continue;
		for (i = 0; i < model->nobjects; i++) {
			if (model->objects[i]->kind == kinds[k].kind) {
				dbt_schema_remove_object(model, model->objects[i]);
				i--;
			}
		}
		for (i = 0; i < db->nobjects && rc == 0; i++) {
			const dbt_object *o = db->objects[i];
			dbt_object *copy;

			if (o->kind != kinds[k].kind)
				continue;
			rc = dbt_schema_add_object(&copy, model, o->kind, o->name, o->table,
						   o->definition, o->create_sql, o->drop_sql,
						   o->replace_sql);
			for (j = 0; j < o->ndeps && rc == 0; j++)
				rc = dbt_object_add_dep(copy, o->deps[j]);
		}
	}
cleanup:
	dbt_buf_release(&live);
	dbt_buf_release(&suffix);
	return rc;
}

/* Sets `*sql` to a copy of `text`. */
static int set_sql(char **sql, const char *text)
{
	char *copy = strdup(text);

	if (!copy)
		return dbt_error_oom();
	free(*sql);
	*sql = copy;
	return 0;
}

/*
 * An enum of the model that has every value of the database's, in the same
 * order, and more: PostgreSQL adds the values in place (ALTER TYPE ... ADD
 * VALUE IF NOT EXISTS), so the columns that use the type keep it.  It
 * cannot remove a value, so the way back makes the type again without
 * them, as for a value removed: the downgrade leaves the database as the
 * model before, and a row that holds an added value stops it with
 * PostgreSQL's message rather than losing the value.  Other changes of an
 * enum (a value removed, renamed or moved), and an addition whose value a
 * column's default takes (which PostgreSQL refuses before the addition
 * commits), make the type again and give its columns the new one
 * (dbt_pg_type_recreate), each way.  So does a changed domain that a
 * column uses, which DROP DOMAIN would refuse.
 */
/* 1 when a column of `schema` has the type `name` or an array of it. */
static int column_uses(const dbt_schema *schema, const char *name)
{
	size_t i, k, n = strlen(name);

	for (i = 0; i < schema->ntables; i++)
		for (k = 0; k < schema->tables[i]->ncolumns; k++) {
			const char *t = schema->tables[i]->columns[k]->type.text;

			if (t && !strncmp(t, name, n) && (!t[n] || !strcmp(t + n, "[]")))
				return 1;
		}
	return 0;
}

static int enum_additions(dbt_schema *model, const dbt_schema *db)
{
	dbt_buf add = DBT_BUF_INIT, sql = DBT_BUF_INIT, back = DBT_BUF_INIT;
	const char *p, *hit;
	size_t i;
	int rc = 0;

	for (i = 0; i < model->nobjects && rc == 0; i++) {
		dbt_object *o = model->objects[i], *live;

		if ((o->kind != DBT_OBJ_ENUM && o->kind != DBT_OBJ_DOMAIN) ||
		    !(live = dbt_schema_find_object(db, o->kind, o->name)) ||
		    !strcmp(live->definition, o->definition) ||
		    (o->kind == DBT_OBJ_DOMAIN && !column_uses(db, o->name)))
			continue;
		dbt_buf_clear(&add);
		rc = o->kind == DBT_OBJ_DOMAIN ? DBT_ENOTFOUND
					       : dbt_pg_enum_add_values(&add, live, o);
		if (rc == 0 && (rc = dbt_pg_enum_default_uses_added(live, o, model)) == 1)
			rc = DBT_ENOTFOUND;
		if (rc == DBT_ENOTFOUND) {
			dbt_buf_clear(&sql);
			dbt_buf_clear(&back);
			if ((rc = dbt_pg_type_recreate(&sql, o, db)) < 0 ||
			    (rc = dbt_pg_type_recreate(&back, live, model)) < 0 ||
			    (rc = set_sql(&o->replace_sql, dbt_buf_str(&sql))) < 0 ||
			    (rc = set_sql(&live->replace_sql, dbt_buf_str(&back))) < 0)
				break;
			o->replace_rewrites = live->replace_rewrites = 1;
			continue;
		}
		if (rc < 0 || add.oom || !add.len)
			break;
		dbt_buf_clear(&sql);
		for (p = dbt_buf_str(&add); (hit = strstr(p, " ADD VALUE ")); p = hit + 11) {
			dbt_buf_put(&sql, p, (size_t)(hit - p));
			dbt_buf_puts(&sql, " ADD VALUE IF NOT EXISTS ");
		}
		dbt_buf_puts(&sql, p);
		dbt_buf_clear(&back);
		if (sql.oom || (rc = dbt_pg_type_recreate(&back, live, model)) < 0) {
			rc = rc < 0 ? rc : dbt_error_oom();
			break;
		}
		if ((rc = set_sql(&o->replace_sql, dbt_buf_str(&sql))) == 0)
			rc = set_sql(&live->replace_sql, dbt_buf_str(&back));
		/* The way back makes the type again: what blocks that on the
		 * tables that use it goes and comes back, both ways. */
		o->replace_rewrites = live->replace_rewrites = 1;
	}
	dbt_buf_release(&add);
	dbt_buf_release(&sql);
	dbt_buf_release(&back);
	return rc == DBT_ENOTFOUND ? 0 : rc;
}

/*
 * The second round of dbt_model_diff(), after the first diff found
 * changes: the tables it names are replaced by the scratch database's
 * (dbt_scratch_normalize), and the model is respelled and diffed again.
 * Only the replaced tables are new: the respelling and the diff look
 * again at them alone (`memo`, the first diff's, dbt_diff_memo), unless
 * a replaced table's name or a column's took another spelling, which
 * may reach the references of other tables: then the diff is whole.
 * The ops are those of a whole second round either way.
 */
static int diff_again(dbt_diff *out, dbt_conn *conn, dbt_schema *db, dbt_schema *model,
		      const char *model_path, const char *schema_name, dbt_diff_opts *o,
		      const dbt_diff_memo *memo)
{
	size_t n = model->ntables, nindexes = model->nindexes;
	unsigned char *replaced = calloc(n ? n : 1, 1);
	int rc, renamed = 0;

	if (!replaced) {
		dbt_diff_release(out);
		return dbt_error_oom();
	}
	rc = dbt_scratch_normalize(model, out, conn, db, model_path, schema_name, replaced);
	dbt_diff_release(out);
	if (rc < 0 || (rc = take_spelling_again(model, db, conn, replaced, &renamed)) < 0)
		goto cleanup;
	o->record = NULL;
	/* An index the database made a unique constraint left the model
	 * (scratch.h): the memo's indexes no longer stand in their places. */
	if (!renamed && model->nindexes == nindexes) {
		o->reuse = memo;
		o->changed = replaced;
	}
	rc = dbt_diff_schemas(out, db, model, o);
	o->reuse = NULL;
	o->changed = NULL;
cleanup:
	free(replaced);
	return rc;
}

int dbt_model_diff(dbt_diff *out, dbt_conn *conn, dbt_schema *db, dbt_schema *model,
		   const char *model_path, const char *schema_name)
{
	dbt_diff_memo memo = DBT_DIFF_MEMO_INIT;
	dbt_diff_opts o;
	int rc;

	if ((rc = dbt_model_scope(model, db, conn, schema_name)) < 0)
		return rc;
	dbt_model_diff_opts(&o, conn);
	/* The model's views, functions, triggers ... are what the scratch
	 * database makes of its statements. */
	if ((rc = dbt_scratch_objects(model, conn, model_path, schema_name)) < 0 ||
	    (rc = exclude(model, conn, schema_name)) < 0 ||
	    (rc = adopt_database_objects(model, db, conn, schema_name)) < 0 ||
	    ((conn->dialect->caps & DBT_CAP_ENUM_TYPES) && (rc = enum_additions(model, db)) < 0) ||
	    (rc = dbt_pg_roles_prepare(db, model, conn, model_path)) < 0)
		return rc;
	o.record = &memo;
	if ((rc = dbt_model_take_spelling(model, db, conn)) == 0 &&
	    (rc = dbt_diff_schemas(out, db, model, &o)) == 0 && out->n)
		rc = diff_again(out, conn, db, model, model_path, schema_name, &o, &memo);
	dbt_diff_memo_release(&memo);
	return rc;
}

int dbt_model_compare(dbt_findings *out, dbt_conn *conn, const char *model_path,
		      const char *schema_name)
{
	dbt_schema *model = NULL, *db = NULL;
	dbt_diff diff = {NULL, 0};
	dbt_model_job job;
	int rc;

	out->v = NULL;
	out->n = 0;
	/* The model is parsed on a second thread while this one reads the
	 * database (model_job.h).  What the reflection's queries needed and
	 * the connection keeps (SQLite's parsed schema, as large as the
	 * reflection) is released as soon as they are read, before the
	 * reflection builds its schema (bench/README.md).  When both fail,
	 * the database's error is the one reported. */
	dbt_model_job_start(&job, conn, model_path);
	conn->release_after_reflect = 1;
	rc = dbt_model_reflect_all(&db, conn, schema_name);
	conn->release_after_reflect = 0;
	if (rc < 0) {
		dbt_model_job_cancel(&job);
		goto cleanup;
	}
	if ((rc = dbt_model_job_finish(&model, &job)) < 0)
		goto cleanup;
	if ((rc = dbt_model_diff(&diff, conn, db, model, model_path, schema_name)) < 0)
		goto cleanup;
	if ((rc = dbt_findings_add_ops(out, conn->dialect, diff.ops, diff.n)) < 0)
		dbt_findings_release(out);
cleanup:
	/* A large model is freed on a thread of its own while this one
	 * frees the rest (model_job.h). */
	dbt_model_job_give_back(&job, model);
	dbt_diff_release(&diff);
	dbt_schema_free(db);
	dbt_model_job_end(&job);
	return rc;
}

/*
 * Makes the unqualified names of create-all's statements mean the schema
 * it reflected, for the rest of the transaction: that schema first on
 * search_path, the rest kept for the types and functions the model uses.
 * Otherwise a schema before it on the path (such as one named after the
 * role, which "$user" puts first) would receive the tables.
 */
static int address_schema(dbt_conn *conn, const char *schema)
{
	dbt_buf ident = DBT_BUF_INIT, sql = DBT_BUF_INIT;
	int rc;

	if (!(conn->dialect->caps & DBT_CAP_SCHEMAS))
		return 0;
	conn->dialect->quote_ident(&ident, schema ? schema : conn->dialect->default_schema);
	dbt_buf_puts(&sql, "SELECT pg_catalog.set_config('search_path', ");
	conn->dialect->quote_literal(&sql, ident.oom ? "" : ident.ptr);
	dbt_buf_puts(&sql, " || ', ' || pg_catalog.current_setting('search_path'), true)");
	rc = ident.oom || sql.oom ? dbt_error_oom() : conn->dialect->exec(conn, sql.ptr);
	dbt_buf_release(&ident);
	dbt_buf_release(&sql);
	return rc;
}

/* Runs rendered SQL; `what` names the object in an error. */
static int run(dbt_conn *conn, dbt_buf *sql, const char *what)
{
	int rc;

	if (sql->oom)
		return dbt_error_oom();
	rc = conn->dialect->exec_script(conn, dbt_buf_str(sql), what, 1);
	dbt_buf_clear(sql);
	return rc;
}

static int keep_for_create_all(const dbt_op *op, const dbt_schema *db)
{
	switch (op->kind) {
	case DBT_OP_CREATE_TABLE:
	case DBT_OP_ADD_INDEX:
		return 1;
	case DBT_OP_CREATE_OBJECT:
		/* Only what the database lacks: one it has in another form
		 * stays as it is. */
		return !dbt_schema_find_object(db, op->object->kind, op->object->name);
	case DBT_OP_ADD_FK:
		/* Only the fks that a new table's CREATE TABLE left out. */
		return op->old_table == NULL;
	default:
		return 0;
	}
}

int dbt_model_create_all(dbt_conn *conn, const char *model_path, const char *schema_name,
			 int lock_timeout_ms, dbt_object_fn on_object, void *arg)
{
	dbt_schema *model = NULL, *db = NULL;
	dbt_diff diff = {NULL, 0};
	dbt_diff_opts o;
	dbt_buf sql = DBT_BUF_INIT;
	size_t i;
	int rc;

	if ((rc = dbt_model_load(&model, conn, model_path)) < 0)
		return rc;
	if ((rc = dbt_scratch_objects(model, conn, model_path, schema_name)) < 0 ||
	    (rc = exclude(model, conn, schema_name)) < 0 ||
	    (rc = dbt_conn_begin_locked(conn, lock_timeout_ms)) < 0)
		goto cleanup;
	if ((rc = dbt_model_reflect_all(&db, conn, schema_name)) < 0 ||
	    (rc = dbt_model_scope(model, db, conn, schema_name)) < 0 ||
	    (rc = dbt_pg_roles_prepare(db, model, conn, model_path)) < 0 ||
	    (rc = address_schema(conn, schema_name)) < 0)
		goto done;
	dbt_model_diff_opts(&o, conn);
	if ((rc = dbt_model_take_spelling(model, db, conn)) < 0 ||
	    (rc = dbt_diff_schemas(&diff, db, model, &o)) < 0)
		goto done;
	/* A table the model says was renamed from one the database has is
	 * neither created beside it nor renamed: renaming is a migration's
	 * work, and a new empty table next to the old one's rows is not what
	 * the model means. */
	for (i = 0; i < diff.n && rc == 0; i++)
		if (diff.ops[i].kind == DBT_OP_RENAME_TABLE)
			rc = dbt_error_set(DBT_ERROR,
					   "table '%s' is declared renamed from '%s', which the "
					   "database has: 'dbtool migrate' writes the rename; "
					   "create-all only creates",
					   diff.ops[i].table->name, diff.ops[i].old_table->name);
	/* Every statement is written before any runs: what the dialect
	 * cannot express is refused with nothing created, also where DDL
	 * commits at once (MariaDB). */
	for (i = 0; i < diff.n && rc == 0; i++) {
		const dbt_op *op = &diff.ops[i];

		if (keep_for_create_all(op, db))
			rc = dbt_render_op(&sql, conn->dialect->kind, op);
	}
	if (rc == 0 && (sql.len || sql.oom))
		rc = run(conn, &sql, "create-all");
done:
	rc = dbt_conn_end_locked(conn, rc);
	/* Reported once committed: after a failure nothing was created. */
	for (i = 0; rc == 0 && on_object && i < diff.n; i++) {
		const dbt_op *op = &diff.ops[i];

		if (!keep_for_create_all(op, db) || op->kind == DBT_OP_ADD_FK)
			continue;
		if (op->kind == DBT_OP_CREATE_OBJECT)
			on_object("create", dbt_object_kind_name(op->object->kind),
				  op->object->name, arg);
		else
			on_object("create", op->kind == DBT_OP_ADD_INDEX ? "index" : "table",
				  op->kind == DBT_OP_ADD_INDEX ? op->index->name : op->table->name,
				  arg);
	}
cleanup:
	dbt_buf_release(&sql);
	dbt_diff_release(&diff);
	dbt_schema_free(db);
	dbt_schema_free(model);
	return rc;
}

int dbt_model_drop_all(dbt_conn *conn, const char *schema_name, int lock_timeout_ms,
		       dbt_object_fn on_object, void *arg)
{
	const struct dbt_dialect *d = conn->dialect;
	/* Every name is qualified with the schema it was found in: an
	 * unqualified one could find a table of the same name in a schema
	 * before it on search_path. */
	const char *schema = !(d->caps & DBT_CAP_SCHEMAS) ? NULL
			     : schema_name		  ? schema_name
							  : d->default_schema;
	const char *vschema = dbt_conn_version_schema(conn);
	dbt_schema *db = NULL, *empty = NULL;
	dbt_diff diff = {NULL, 0};
	dbt_diff_opts o;
	dbt_buf sql = DBT_BUF_INIT;
	dbt_table_name *tables = NULL;
	size_t i, ndropped = 0, nbefore = 0;
	int rc, has_version = 0, has_history = 0, has_journal = 0;

	if ((rc = dbt_schema_new(&empty)) < 0)
		return rc;
	if ((rc = dbt_conn_begin_locked(conn, lock_timeout_ms)) < 0)
		goto cleanup;
	if ((rc = dbt_model_reflect(&db, conn, schema_name)) < 0 ||
	    (rc = d->table_exists(conn, vschema, DBT_VERSION_TABLE, &has_version)) < 0 ||
	    (rc = d->table_exists(conn, vschema, DBT_HISTORY_TABLE, &has_history)) < 0 ||
	    (!(d->caps & DBT_CAP_TRANSACTIONAL_DDL) &&
	     (rc = d->table_exists(conn, vschema, DBT_JOURNAL_TABLE, &has_journal)) < 0))
		goto done;
	/* Schemas and extensions, and the comments and grants on schemas,
	 * belong to the whole database: drop-all leaves them. */
	for (i = 0; i < db->nobjects; i++) {
		const dbt_object *ob = db->objects[i];

		if (ob->kind == DBT_OBJ_SCHEMA || ob->kind == DBT_OBJ_EXTENSION ||
		    ((ob->kind == DBT_OBJ_COMMENT || ob->kind == DBT_OBJ_GRANT) &&
		     !strncmp(ob->name, "SCHEMA ", 7)))
			dbt_schema_remove_object(db, db->objects[i--]);
	}
	dbt_model_diff_opts(&o, conn);
	if ((rc = dbt_diff_schemas(&diff, db, empty, &o)) < 0)
		goto done;
	/* The objects go first, dependents first, but for the types that
	 * tables use, which the differ drops after the tables; their SQL names
	 * them unqualified. */
	while (nbefore < diff.n && diff.ops[nbefore].kind == DBT_OP_DROP_OBJECT)
		nbefore++;
	if (db->nobjects && (rc = address_schema(conn, schema_name)) < 0)
		goto done;
	for (i = 0; i < nbefore && rc == 0; i++)
		if ((rc = dbt_render_op(&sql, d->kind, &diff.ops[i])) == 0)
			rc = run(conn, &sql, "drop-all");
	if (rc < 0)
		goto done;
	/* Every table at once, dependents first as the differ ordered them;
	 * the history table goes with the version table it belongs to. */
	if (!(tables = calloc(diff.n + 3, sizeof(*tables)))) {
		rc = dbt_error_oom();
		goto done;
	}
	for (i = 0; i < diff.n; i++)
		if (diff.ops[i].kind == DBT_OP_DROP_TABLE)
			tables[ndropped++] = (dbt_table_name){schema, diff.ops[i].table->name};
	if (has_journal)
		tables[ndropped++] = (dbt_table_name){vschema, DBT_JOURNAL_TABLE};
	if (has_history)
		tables[ndropped++] = (dbt_table_name){vschema, DBT_HISTORY_TABLE};
	if (has_version)
		tables[ndropped++] = (dbt_table_name){vschema, DBT_VERSION_TABLE};
	if ((rc = d->drop_tables(&sql, tables, ndropped)) < 0)
		goto done;
	if (sql.len)
		rc = run(conn, &sql, "drop-all");
	for (i = nbefore; i < diff.n && rc == 0; i++)
		if (diff.ops[i].kind == DBT_OP_DROP_OBJECT &&
		    (rc = dbt_render_op(&sql, d->kind, &diff.ops[i])) == 0)
			rc = run(conn, &sql, "drop-all");
done:
	rc = dbt_conn_end_locked(conn, rc);
	for (i = 0; rc == 0 && on_object && i < diff.n; i++) {
		if (diff.ops[i].kind == DBT_OP_DROP_TABLE)
			on_object("drop", "table", diff.ops[i].table->name, arg);
		else if (diff.ops[i].kind == DBT_OP_DROP_OBJECT)
			on_object("drop", dbt_object_kind_name(diff.ops[i].old_object->kind),
				  diff.ops[i].old_object->name, arg);
	}
	if (rc == 0 && has_journal && on_object)
		on_object("drop", "table", DBT_JOURNAL_TABLE, arg);
	if (rc == 0 && has_history && on_object)
		on_object("drop", "table", DBT_HISTORY_TABLE, arg);
	if (rc == 0 && has_version && on_object)
		on_object("drop", "table", DBT_VERSION_TABLE, arg);
cleanup:
	free(tables);
	dbt_buf_release(&sql);
	dbt_diff_release(&diff);
	dbt_schema_free(db);
	dbt_schema_free(empty);
	return rc;
}
