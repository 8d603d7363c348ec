/*
 * reflect_sqlite_objects.c - SQLite's views and triggers as objects of the
 * reflected schema, held as definitions (schema.h): each one's name, its
 * CREATE and DROP statements, and the tables and views that its statement
 * names.  Apart from the tables' build (reflect_sqlite_build.c) because they
 * are another kind of object, kept as SQLite keeps their SQL instead of
 * read into a structure, and made once every table is built, since their
 * dependencies name the tables as the schema spells them.
 */
#include "reflect_sqlite_int.h"

#include "error.h"
#include "ident.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------ views, triggers */

/* An object's name as its kind's objects are told apart: SQLite's name in
 * lower case (SQLite ignores ASCII case), quoted where SQL needs it. */
static void put_object_name(dbt_buf *out, const struct dbt_dialect *d, const char *stored)
{
	char *low = strdup(stored);
	size_t i;

	if (!low) {
		out->oom = 1;
		return;
	}
	for (i = 0; low[i]; i++)
		low[i] = (char)dbt_ascii_lower((unsigned char)low[i]);
	d->quote_ident(out, low);
	free(low);
}

/* The view among `x->objs` that SQLite finds under `name`; NULL when none. */
static const struct robj *find_view(const struct reflect *x, const char *name)
{
	size_t i;

	for (i = 0; i < x->nobjs; i++)
		if (!x->objs[i].trigger && !dbt_name_casecmp(x->objs[i].name, name))
			return &x->objs[i];
	return NULL;
}

/* Adds to `obj` the tables and views that `o`'s statement names. */
static int object_deps(struct reflect *x, dbt_object *obj, const struct robj *o,
		       const struct dbt_dialect *d)
{
	dbt_cursor r;
	dbt_buf dep = DBT_BUF_INIT;
	int rc = 0, stop = 0;

	if (o->trigger) {
		const struct rtable *rt = dbt_sqlite_find_table(x, o->table);

		if ((rc = dbt_object_add_dep(obj, rt ? rt->t->name : o->table)) < 0)
			return rc;
	}
	/* A statement the tokenizer cannot read to its end keeps the
	 * dependencies found before the fault. */
	if (rd_init(&r, o->sql, strlen(o->sql)) < 0)
		return 0;
	while (r.tok.kind != DBT_TOK_END && rc == 0) {
		char *folded = NULL, *stored = NULL;
		const struct rtable *rt;
		const struct robj *v;

		if (r.tok.kind != DBT_TOK_WORD && r.tok.kind != DBT_TOK_QUOTED) {
			if (dbt_cursor_next(&r) < 0)
				break;
			continue;
		}
		if ((rc = rd_name(&r, &folded, &stored, "a name")) < 0) {
			/* The name was read, the token after it was not. */
			stop = rc == DBT_EPARSE && folded;
			if (!stop) {
				free(folded);
				free(stored);
				rc = rc == DBT_EPARSE ? 0 : rc;
				break;
			}
			rc = 0;
		}
		if ((rt = dbt_sqlite_find_table(x, stored))) {
			rc = dbt_object_add_dep(obj, rt->t->name);
		} else if ((v = find_view(x, stored)) && v != o &&
			   dbt_name_casecmp(o->name, stored)) {
			dbt_buf_clear(&dep);
			dbt_buf_puts(&dep, "view ");
			put_object_name(&dep, d, v->name);
			rc = dep.oom ? dbt_error_oom() : dbt_object_add_dep(obj, dbt_buf_str(&dep));
		}
		free(folded);
		free(stored);
		if (stop)
			break;
	}
	dbt_buf_release(&dep);
	return rc;
}

/* The views and triggers as objects: definition, the stored SQL; create,
 * that statement ended; drop, DROP VIEW or DROP TRIGGER of its name. */
int dbt_sqlite_read_objects(struct reflect *x)
{
	const struct dbt_dialect *d = dbt_dialect_for(DBT_DIALECT_SQLITE);
	dbt_buf name = DBT_BUF_INIT, create = DBT_BUF_INIT, drop = DBT_BUF_INIT;
	size_t i;
	int rc = 0;

	for (i = 0; i < x->nobjs && rc == 0; i++) {
		const struct robj *o = &x->objs[i];
		const struct rtable *rt = o->trigger ? dbt_sqlite_find_table(x, o->table) : NULL;
		const char *table = rt ? rt->t->name : o->table;
		const char *last = strrchr(o->sql, '\n');
		dbt_object *obj;

		dbt_buf_clear(&name);
		dbt_buf_clear(&create);
		dbt_buf_clear(&drop);
		put_object_name(&name, d, o->name);
		if (o->trigger) {
			dbt_buf_puts(&name, " ON ");
			d->quote_ident(&name, table);
		}
		/* SQLite keeps a trailing comment: the ';' then goes on a line
		 * of its own. */
		dbt_buf_puts(&create, o->sql);
		dbt_buf_puts(&create, strstr(last ? last : o->sql, "--") ? "\n;" : ";");
		dbt_buf_puts(&drop, o->trigger ? "DROP TRIGGER " : "DROP VIEW ");
		d->quote_ident(&drop, o->name);
		dbt_buf_putc(&drop, ';');
		if (name.oom || create.oom || drop.oom) {
			rc = dbt_error_oom();
			break;
		}
		if ((rc = dbt_schema_add_object(&obj, x->out,
						o->trigger ? DBT_OBJ_TRIGGER : DBT_OBJ_VIEW,
						dbt_buf_str(&name), o->trigger ? table : NULL,
						o->sql, dbt_buf_str(&create), dbt_buf_str(&drop),
						NULL)) < 0)
			break;
		rc = object_deps(x, obj, o, d);
	}
	dbt_buf_release(&name);
	dbt_buf_release(&create);
	dbt_buf_release(&drop);
	return rc;
}
