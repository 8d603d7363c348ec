/*
 * inspect.c - the live database as a model file (`dbtool inspect`), and
 * adopting a database that already has a schema (`dbtool init
 * --from-database`): the model file, a baseline revision, and a stamp.
 *
 * Nothing here writes SQL of its own: the differ turns an empty schema
 * into the reflected one, which orders tables, indexes and objects by
 * their dependencies, and the renderer writes each operation as a
 * revision would, with every name quoted by the dialect's quoter.  So
 * what `inspect` prints is what `migrate` would write to create the
 * database from nothing, and reading it back as the model finds nothing
 * to change.  With several dialects (`dialects =`), the baseline gets a
 * section for each, the model read back and adapted to that dialect as
 * `migrate` adapts it.
 */
#include "inspect.h"
#include "role.h"

#include "revision.h"
#include "dialect.h"
#include "diff.h"
#include "error.h"
#include "exclude.h"
#include "fsutil.h"
#include "model.h"
#include "parse.h"
#include "project.h"
#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The differ's operations from nothing to `schema`; `*empty` is the
 * empty schema they start from, which the caller frees after `out`. */
static int from_nothing(dbt_diff *out, dbt_schema **empty, dbt_dialect_kind kind,
			const dbt_schema *schema)
{
	dbt_diff_opts o = {0};
	int rc;

	out->ops = NULL;
	out->n = 0;
	if ((rc = dbt_schema_new(empty)) < 0)
		return rc;
	/* As dbt_model_diff_opts: SQLite takes a foreign key to a table made
	 * later, so it needs no ALTER TABLE for a cycle (and has none). */
	o.fk_forward_refs = (dbt_dialect_for(kind)->caps & DBT_CAP_FK_FORWARD_REFS) != 0;
	return dbt_diff_schemas(out, *empty, schema, &o);
}

static int inspect_render(dbt_buf *out, dbt_dialect_kind kind, const dbt_schema *schema);

int dbt_inspect_render(dbt_buf *out, dbt_dialect_kind kind, const dbt_schema *schema)
{
	const struct dbt_dialect *d = dbt_dialect_for(kind);
	dbt_column **cols = NULL;
	char **spelled = NULL, **own = NULL;
	size_t n = 0, t, c;
	int rc = 0;

	if (!d || !d->model_spelling)
		return inspect_render(out, kind, schema);
	for (t = 0; t < schema->ntables; t++)
		n += schema->tables[t]->ncolumns;
	if (n && (!(cols = calloc(n, sizeof(*cols))) || !(spelled = calloc(n, sizeof(*spelled))) ||
		  !(own = calloc(n, sizeof(*own))))) {
		free(cols);
		free(spelled);
		return dbt_error_oom();
	}
	n = 0;
	for (t = 0; t < schema->ntables; t++)
		for (c = 0; c < schema->tables[t]->ncolumns; c++)
			cols[n++] = schema->tables[t]->columns[c];
	for (t = 0; t < n && rc == 0; t++)
		rc = d->model_spelling(&spelled[t], &cols[t]->type);
	/* Rendering reads a column's text as it is: the model's spellings
	 * go in for it, and the schema's own texts back after it. */
	for (t = 0; rc == 0 && t < n; t++)
		if (spelled[t]) {
			own[t] = cols[t]->type.text;
			cols[t]->type.text = spelled[t];
		}
	if (rc == 0)
		rc = inspect_render(out, kind, schema);
	for (t = 0; t < n; t++) {
		if (spelled[t] && cols[t]->type.text == spelled[t])
			cols[t]->type.text = own[t];
		free(spelled[t]);
	}
	free(own);
	free(spelled);
	free(cols);
	return rc;
}

static int inspect_render(dbt_buf *out, dbt_dialect_kind kind, const dbt_schema *schema)
{
	dbt_schema *empty = NULL;
	dbt_diff diff = {NULL, 0};
	size_t i;
	int rc;

	dbt_buf_comment(out, "The schema of %s database, as 'dbtool inspect' read it.",
			dbt_dialect_for(kind)->a_title);
	dbt_buf_comment(out,
			"This is a dbtool model: 'dbtool check' compares it with the database.");
	if ((rc = from_nothing(&diff, &empty, kind, schema)) < 0)
		goto cleanup;
	for (i = 0; i < diff.n && rc == 0; i++) {
		dbt_buf_putc(out, '\n');
		rc = dbt_render_op(out, kind, &diff.ops[i]);
	}
	/* An object's SQL may end without a line break. */
	if (rc == 0 && out->len && out->ptr[out->len - 1] != '\n')
		dbt_buf_putc(out, '\n');
	if (rc == 0 && out->oom)
		rc = dbt_error_oom();
cleanup:
	dbt_diff_release(&diff);
	dbt_schema_free(empty);
	return rc;
}

int dbt_inspect_baseline(dbt_buf *up, dbt_buf *down, dbt_dialect_kind kind,
			 const dbt_schema *schema)
{
	dbt_schema *empty = NULL;
	dbt_diff diff = {NULL, 0};
	dbt_op *inverse = NULL;
	size_t i;
	int rc;

	if ((rc = from_nothing(&diff, &empty, kind, schema)) < 0)
		goto cleanup;
	if (diff.n && !(inverse = malloc(diff.n * sizeof(*inverse)))) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	for (i = 0; i < diff.n; i++)
		dbt_op_inverse(&inverse[i], &diff.ops[diff.n - 1 - i]);
	if ((rc = dbt_render_ops(up, kind, diff.ops, diff.n, schema)) < 0 ||
	    (rc = dbt_render_ops(down, kind, inverse, diff.n, empty)) < 0)
		goto cleanup;
	if (up->oom || down->oom)
		rc = dbt_error_oom();
cleanup:
	free(inverse);
	dbt_diff_release(&diff);
	dbt_schema_free(empty);
	return rc;
}

/*
 * The reflection is whole but for what `exclude =` left out: a foreign key
 * to an excluded table would make a model that names a table it does not
 * declare, which the parser refuses.  Say so now, and what to do.
 */
static int refs_declared(const dbt_schema *db, const dbt_conn *conn, const char *schema_name)
{
	const struct dbt_dialect *d = conn->dialect;
	const char *qualifier =
		(d->caps & DBT_CAP_SCHEMAS) && schema_name ? schema_name : d->default_schema;
	size_t i, k;
	int hit;

	for (i = 0; i < db->ntables; i++) {
		const dbt_table *t = db->tables[i];

		for (k = 0; k < t->nfks; k++) {
			if (dbt_schema_find_table(db, t->fks[k]->ref_table))
				continue;
			hit = dbt_exclude_match(conn->exclude, conn->nexclude, qualifier,
						t->fks[k]->ref_table);
			if (hit < 0)
				return hit;
			if (hit)
				return dbt_error_set(
					DBT_ERROR,
					"table '%s' has a foreign key to the excluded table "
					"'%s': exclude '%s' too, or stop excluding '%s'",
					t->name, t->fks[k]->ref_table, t->name,
					t->fks[k]->ref_table);
		}
	}
	return 0;
}

/* The database's schema for a model: reflected, and checked. */
/* A key that the auto-increment rule would change if the model named it
 * plainly (a PostgreSQL integer key without identity, a SQLite one that is
 * no rowid alias) gets the hint that keeps it as it is. */
static void hint_plain_keys(dbt_schema *db, dbt_dialect_kind kind)
{
	size_t i, k;

	for (i = 0; i < db->ntables; i++)
		for (k = 0; k < db->tables[i]->ncolumns; k++)
			if (dbt_autoincrement_would_change(db->tables[i], db->tables[i]->columns[k],
							   kind))
				db->tables[i]->columns[k]->no_autoincrement = 1;
}

static int read_db(dbt_schema **out, dbt_conn *conn, const char *schema_name)
{
	int rc = dbt_model_reflect_all(out, conn, schema_name);

	if (rc == 0 && conn->dialect->portable_types)
		conn->dialect->portable_types(*out);
	if (rc == 0)
		hint_plain_keys(*out, conn->dialect->kind);
	/* The roles dbtool manages besides the model's: those roles = names. */
	if (rc == 0 && (rc = dbt_pg_roles_reflect(*out, conn)) < 0) {
		dbt_schema_free(*out);
		*out = NULL;
	}

	if (rc == 0 && (rc = refs_declared(*out, conn, schema_name)) < 0) {
		dbt_schema_free(*out);
		*out = NULL;
	}
	return rc;
}

int dbt_inspect(char **out, dbt_conn *conn, const char *schema_name)
{
	dbt_schema *db = NULL;
	dbt_buf text = DBT_BUF_INIT;
	int rc;

	*out = NULL;
	if ((rc = read_db(&db, conn, schema_name)) < 0 ||
	    (rc = dbt_inspect_render(&text, conn->dialect->kind, db)) < 0)
		goto cleanup;
	if (!(*out = dbt_buf_detach(&text)))
		rc = dbt_error_oom();
cleanup:
	dbt_buf_release(&text);
	dbt_schema_free(db);
	return rc;
}

/* ----------------------------------------------------------------- adopt */

/*
 * The upgrade section for a dialect whose empty database can live in
 * memory (SQLite's `memory_url`) is run on such a new database before it
 * is written: the model that adopting a PostgreSQL database writes holds
 * the server's normal form of each expression, which SQLite may not read
 * (a cast written `0::numeric`, `= ANY (ARRAY[...])`), and that would
 * only show when the chain first runs on SQLite.  The error names the
 * statement, and its line in the section.
 */
static int try_in_memory(const dbt_buf *up, const struct dbt_dialect *d, dbt_dialect_kind from)
{
	dbt_url memory;
	dbt_conn *conn = NULL;
	char *msg = NULL;
	char file[64];
	int rc;

	if ((rc = dbt_url_parse(&memory, d->memory_url)) < 0)
		return rc;
	rc = dbt_conn_open(&conn, &memory);
	dbt_url_release(&memory);
	if (rc < 0)
		return rc;
	snprintf(file, sizeof(file), "%s upgrade section", d->name);
	rc = conn->dialect->exec_script(conn, dbt_buf_str(up), file, 1);
	if (rc < 0) {
		msg = strdup(dbt_error_last());
		rc = dbt_error_set(
			rc,
			"cannot write the %s sections of the baseline revision: %s "
			"cannot read the model it would write: %s; adopt the database with "
			"only %s in dialects, or change that in the database to SQL that "
			"both read",
			dbt_dialect_label(d->kind), d->title, msg ? msg : "out of memory",
			dbt_dialect_label(from));
	}
	free(msg);
	dbt_conn_close(conn);
	return rc;
}

/*
 * The baseline's sections for dialect `kind`, listed in `dialects =` beside
 * `from`, the connected database's: the model file as adopting writes it
 * (`model`), read back and adapted to `kind` as `migrate` adapts the model
 * for another dialect's sections, so that the chain leads an empty
 * database of that dialect to exactly what the model is there.  A view of
 * a database that keeps the view's SQL as its author wrote it
 * (DBT_CAP_VIEWS_AS_WRITTEN: SQLite) is written as
 * it is, as `migrate` writes a view for every dialect; any other object (a
 * PostgreSQL view, which the server prints in its own SQL, casts and all;
 * a function, a trigger, a type, a comment, ...) is SQL of `from` that is
 * not translated, so it is refused by name, and so is what
 * dbt_schema_adapt refuses for `kind` (with its place in the model).
 */
static int baseline_for(dbt_buf *up, dbt_buf *down, dbt_dialect_kind kind, dbt_dialect_kind from,
			const char *model_path, const dbt_buf *model, const dbt_schema *db)
{
	dbt_schema *other = NULL, *empty = NULL;
	dbt_diff diff = {NULL, 0};
	dbt_op *ops = NULL, *inv = NULL;
	char *msg = NULL;
	size_t i, n, nviews = 0;
	int rc;

	for (i = 0; i < db->nobjects; i++) {
		const dbt_object *o = db->objects[i];

		if (o->kind == DBT_OBJ_VIEW &&
		    (dbt_dialect_for(from)->caps & DBT_CAP_VIEWS_AS_WRITTEN)) {
			nviews++;
			continue;
		}
		return dbt_error_set(DBT_ERROR,
				     "cannot write the %s sections of the baseline revision: the "
				     "database's %s '%s' is written in %s's SQL, which is not "
				     "translated for %s; adopt the database with only %s in "
				     "dialects, or drop the %s first",
				     dbt_dialect_label(kind), dbt_object_kind_name(o->kind),
				     o->name, dbt_dialect_label(from), dbt_dialect_label(kind),
				     dbt_dialect_label(from), dbt_object_kind_name(o->kind));
	}
	if ((rc = dbt_parse_model(&other, model_path, dbt_buf_str(model), model->len)) < 0)
		goto cleanup;
	if ((rc = dbt_schema_adapt(other, kind)) < 0 ||
	    (rc = dbt_schema_autoincrement(other, kind)) < 0) {
		/* The message starts with the place in the model: LINE:COL. */
		msg = strdup(dbt_error_last());
		rc = dbt_error_set(rc,
				   "cannot write the %s sections of the baseline revision: in the "
				   "model it would write to '%s', %s; adopt the database with only "
				   "%s "
				   "in dialects",
				   dbt_dialect_label(kind), model_path, msg ? msg : "out of memory",
				   dbt_dialect_label(from));
		goto cleanup;
	}
	if ((rc = from_nothing(&diff, &empty, kind, other)) < 0)
		goto cleanup;
	n = diff.n + nviews;
	if (n && (!(ops = malloc(n * sizeof(*ops))) || !(inv = malloc(n * sizeof(*inv))))) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	for (i = 0; i < diff.n; i++)
		ops[i] = diff.ops[i];
	/* The views after every table and index, in their order of creation. */
	for (i = 0, n = diff.n; i < db->nobjects; i++) {
		memset(&ops[n], 0, sizeof(ops[n]));
		ops[n].kind = DBT_OP_CREATE_OBJECT;
		ops[n++].object = db->objects[i];
	}
	for (i = 0; i < n; i++)
		dbt_op_inverse(&inv[i], &ops[n - 1 - i]);
	if ((rc = dbt_render_ops(up, kind, ops, n, other)) < 0 ||
	    (rc = dbt_render_ops(down, kind, inv, n, empty)) < 0)
		goto cleanup;
	if (up->oom || down->oom)
		rc = dbt_error_oom();
	else if (dbt_dialect_for(kind)->memory_url)
		rc = try_in_memory(up, dbt_dialect_for(kind), from);
cleanup:
	free(msg);
	free(ops);
	free(inv);
	dbt_diff_release(&diff);
	dbt_schema_free(empty);
	dbt_schema_free(other);
	return rc;
}

/* 1 when the file at `path` holds nothing but blanks (or does not exist). */
static int blank_file(const char *path, char **text, size_t *len, int *exists)
{
	size_t i;
	int rc = dbt_fs_read(text, len, path);

	*exists = rc == 0;
	if (rc == DBT_ENOTFOUND)
		return 1;
	if (rc < 0)
		return rc;
	for (i = 0; i < *len; i++)
		if (!strchr(" \t\r\n\f\v", (*text)[i]))
			return 0;
	return 1;
}

/* Removes what dbt_project_init() listed in `created` (one path a line,
 * folders ending in '/'), the last first. */
static void remove_created(char *created)
{
	char *end = created ? created + strlen(created) : NULL, *line;

	while (end && end > created) {
		*--end = '\0'; /* the newline after the last path */
		line = strrchr(created, '\n');
		line = line ? line + 1 : created;
		if (*line && line[strlen(line) - 1] == '/')
			rmdir(line);
		else if (*line)
			unlink(line);
		end = line;
	}
}

int dbt_inspect_adopt(char **created, char **rev_id, dbt_conn *conn, const char *dir,
		      const char *model_path, const char *schema_name, const dbt_run_opts *opts)
{
	return dbt_inspect_adopt_dialects(created, rev_id, conn, dir, model_path, schema_name, opts,
					  NULL, 0);
}

int dbt_inspect_adopt_dialects(char **created, char **rev_id, dbt_conn *conn, const char *dir,
			       const char *model_path, const char *schema_name,
			       const dbt_run_opts *opts, const dbt_dialect_kind *dialects,
			       size_t ndialects)
{
	dbt_schema *db = NULL;
	dbt_buf model = DBT_BUF_INIT, up = DBT_BUF_INIT, down = DBT_BUF_INIT;
	dbt_buf list = DBT_BUF_INIT;
	dbt_buf more_up[DBT_DIALECT_MAX], more_down[DBT_DIALECT_MAX];
	struct dbt_dialect_sql secs[DBT_DIALECT_MAX];
	dbt_dialect_kind kind = conn->dialect->kind;
	dbt_chain chain;
	char *old = NULL, *made = NULL, *rev_path = NULL, *current = NULL, *versions = NULL;
	size_t old_len = 0, k;
	int rc, model_existed = 0, model_written = 0, chain_loaded = 0, dir_existed = 1;

	if (created)
		*created = NULL;
	if (rev_id)
		*rev_id = NULL;
	memset(&chain, 0, sizeof(chain));
	for (k = 0; k < DBT_DIALECT_MAX; k++) {
		more_up[k] = (dbt_buf)DBT_BUF_INIT;
		more_down[k] = (dbt_buf)DBT_BUF_INIT;
	}
	if ((rc = dbt_dialects_require(kind, dialects, ndialects,
				       "the baseline is read from that database")) < 0)
		return rc;
	/* Every refusal comes before anything is written. */
	if ((rc = blank_file(model_path, &old, &old_len, &model_existed)) < 0)
		goto cleanup;
	if (rc == 0) {
		rc = dbt_error_set(DBT_EEXISTS,
				   "model file '%s' exists and is not empty: 'init "
				   "--from-database' "
				   "writes the model from the database; move the file away first",
				   model_path);
		goto cleanup;
	}
	if ((rc = dbt_conn_current(&current, conn)) < 0)
		goto cleanup;
	if (current) {
		rc = dbt_error_set(DBT_EEXISTS,
				   "the database is already at revision %s: it is managed by a "
				   "revision chain, not one to adopt",
				   current);
		goto cleanup;
	}
	if ((rc = read_db(&db, conn, schema_name)) < 0 ||
	    (rc = dbt_inspect_render(&model, conn->dialect->kind, db)) < 0 ||
	    (rc = dbt_inspect_baseline(&up, &down, conn->dialect->kind, db)) < 0)
		goto cleanup;
	/* Each other listed dialect's sections, in the order listed. */
	for (k = 0; ndialects > 1 && k < ndialects; k++) {
		secs[k].kind = dialects[k];
		if (dialects[k] == kind) {
			secs[k].upgrade = dbt_buf_str(&up);
			secs[k].downgrade = dbt_buf_str(&down);
			continue;
		}
		if ((rc = baseline_for(&more_up[k], &more_down[k], dialects[k], kind, model_path,
				       &model, db)) < 0)
			goto cleanup;
		secs[k].upgrade = dbt_buf_str(&more_up[k]);
		secs[k].downgrade = dbt_buf_str(&more_down[k]);
	}
	dir_existed = dbt_fs_exists(dir);
	if ((rc = dbt_project_init(dir, &made)) < 0)
		goto cleanup;
	dbt_buf_puts(&list, made);
	/* The template's empty model, when init just made it (at the default
	 * path), is replaced; it is in the list already. */
	if (model_existed || !dbt_fs_exists(model_path))
		dbt_buf_printf(&list, "%s\n", model_path);
	model_written = 1;
	if ((rc = dbt_fs_write_atomic(model_path, model.ptr, model.len, 0)) < 0)
		goto undo;
	rc = ndialects > 1 ? dbt_project_new_revision_dialects(&rev_path, dir, "baseline", NULL,
							       secs, ndialects, NULL)
			   : dbt_project_new_revision(&rev_path, dir, "baseline", NULL,
						      dbt_buf_str(&up), dbt_buf_str(&down));
	if (rc < 0)
		goto undo;
	dbt_buf_printf(&list, "%s\n", rev_path);
	if (!(versions = dbt_fs_join(dir, "versions"))) {
		rc = dbt_error_oom();
		goto undo;
	}
	if ((rc = dbt_chain_load(&chain, versions, 0)) < 0)
		goto undo;
	chain_loaded = 1;
	if ((rc = dbt_run_stamp(conn, &chain, "head", opts)) < 0)
		goto undo;
	if (list.oom) {
		rc = dbt_error_oom();
		goto cleanup; /* stamped: the files stay, as they now describe it */
	}
	if (rev_id && !(*rev_id = strdup(chain.revs[chain.n - 1]->id))) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	if (created)
		*created = dbt_buf_detach(&list);
	goto cleanup;
undo:
	if (rev_path)
		unlink(rev_path);
	if (model_written) {
		if (model_existed)
			dbt_fs_write_atomic(model_path, old ? old : "", old_len, 0);
		else
			unlink(model_path);
	}
	remove_created(made);
	if (!dir_existed)
		rmdir(dir);
cleanup:
	if (chain_loaded)
		dbt_chain_release(&chain);
	free(versions);
	free(rev_path);
	free(made);
	free(current);
	free(old);
	dbt_buf_release(&list);
	dbt_buf_release(&model);
	dbt_buf_release(&up);
	dbt_buf_release(&down);
	for (k = 0; k < DBT_DIALECT_MAX; k++) {
		dbt_buf_release(&more_up[k]);
		dbt_buf_release(&more_down[k]);
	}
	dbt_schema_free(db);
	return rc;
}
