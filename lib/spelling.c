/*
 * spelling.c - the model takes the database's spelling of the names that
 * the database cannot tell apart from the model's (spelling.h).
 */
#include "spelling.h"

#include "error.h"
#include "ident.h"
#include "nameset.h"

#include <stdlib.h>
#include <string.h>

/* Replaces `*field` by a copy of `name`. */
static int set_name(char **field, const char *name)
{
	char *copy = strdup(name);

	if (!copy)
		return dbt_error_oom();
	free(*field);
	*field = copy;
	return 0;
}

/* Gives each of `v[0 .. n - 1]` that is `old` the name `name`. */
static int respell_all(char **v, size_t n, const char *old, const char *name)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < n && rc == 0; i++)
		if (v[i] && !strcmp(v[i], old))
			rc = set_name(&v[i], name);
	return rc;
}

static int respell_one(char **field, const char *old, const char *name)
{
	return *field && !strcmp(*field, old) ? set_name(field, name) : 0;
}

/* The model's table `old` is `name` now: so are its references. */
static int respell_table_refs(dbt_schema *m, const char *old, const char *name)
{
	size_t i, j;
	int rc = 0;

	for (i = 0; i < m->ntables && rc == 0; i++) {
		dbt_table *t = m->tables[i];

		rc = respell_one(&t->partition_of, old, name);
		for (j = 0; j < t->nfks && rc == 0; j++)
			rc = respell_one(&t->fks[j]->ref_table, old, name);
	}
	for (i = 0; i < m->nindexes && rc == 0; i++)
		rc = respell_one(&m->indexes[i]->table, old, name);
	for (i = 0; i < m->nobjects && rc == 0; i++) {
		rc = respell_one(&m->objects[i]->table, old, name);
		if (rc == 0)
			rc = respell_all(m->objects[i]->deps, m->objects[i]->ndeps, old, name);
	}
	return rc;
}

static int respell_key(dbt_unique *k, const char *old, const char *name)
{
	int rc = respell_all(k->columns, k->ncolumns, old, name);

	return rc < 0 ? rc : respell_all(k->include, k->ninclude, old, name);
}

/* The column `old` of the model's table `t` is `name` now: so are the
 * keys, foreign keys and index columns that name it. */
static int respell_column_refs(dbt_schema *m, dbt_table *t, const char *old, const char *name)
{
	size_t i, j;
	int rc = t->pk ? respell_key(t->pk, old, name) : 0;

	for (i = 0; i < t->nuniques && rc == 0; i++)
		rc = respell_key(t->uniques[i], old, name);
	for (i = 0; i < t->nfks && rc == 0; i++) {
		rc = respell_all(t->fks[i]->columns, t->fks[i]->ncolumns, old, name);
		if (rc == 0)
			rc = respell_all(t->fks[i]->set_columns, t->fks[i]->nset_columns, old,
					 name);
	}
	for (i = 0; i < m->ntables && rc == 0; i++)
		for (j = 0; j < m->tables[i]->nfks && rc == 0; j++) {
			dbt_fk *fk = m->tables[i]->fks[j];

			if (!strcmp(fk->ref_table, t->name))
				rc = respell_all(fk->ref_columns, fk->nref_columns, old, name);
		}
	for (i = 0; i < m->nindexes && rc == 0; i++) {
		dbt_index *ix = m->indexes[i];

		if (strcmp(ix->table, t->name))
			continue;
		for (j = 0; j < ix->nelems && rc == 0; j++)
			rc = respell_one(&ix->elems[j].column, old, name);
		if (rc == 0)
			rc = respell_all(ix->include, ix->ninclude, old, name);
	}
	return rc;
}

/* The table of `db` whose name matches `name` ignoring ASCII case (the
 * exact one first); NULL when none. */
static const dbt_table *db_table(const dbt_schema *db, const char *name)
{
	const dbt_table *t = dbt_schema_find_table(db, name);
	size_t i;

	for (i = 0; !t && i < db->ntables; i++)
		if (!dbt_name_casecmp(db->tables[i]->name, name))
			t = db->tables[i];
	return t;
}

static const dbt_column *db_column(const dbt_table *t, const char *name)
{
	const dbt_column *c = dbt_table_find_column(t, name);
	size_t i;

	for (i = 0; !c && i < t->ncolumns; i++)
		if (!dbt_name_casecmp(t->columns[i]->name, name))
			c = t->columns[i];
	return c;
}

/* 1 when the constraint names `a` and `b` (either NULL) differ in ASCII
 * case only. */
static int case_only(const char *a, const char *b)
{
	return a && b && strcmp(a, b) && !dbt_name_casecmp(a, b);
}

/* The model table `t`'s constraints named as `dt`'s ignoring case take
 * their spelling (those without a name are none, and `dt`'s are not read
 * for them). */
static int respell_constraints(dbt_table *t, const dbt_table *dt)
{
	size_t i, j;
	int rc = 0;

	if (t->pk && dt->pk && case_only(t->pk->name, dt->pk->name))
		rc = set_name(&t->pk->name, dt->pk->name);
	for (i = 0; i < t->nuniques && rc == 0; i++)
		for (j = 0; t->uniques[i]->name && j < dt->nuniques; j++)
			if (case_only(t->uniques[i]->name, dt->uniques[j]->name))
				rc = set_name(&t->uniques[i]->name, dt->uniques[j]->name);
	for (i = 0; i < t->nfks && rc == 0; i++)
		for (j = 0; t->fks[i]->name && j < dt->nfks; j++)
			if (case_only(t->fks[i]->name, dt->fks[j]->name))
				rc = set_name(&t->fks[i]->name, dt->fks[j]->name);
	for (i = 0; i < t->nchecks && rc == 0; i++)
		for (j = 0; t->checks[i]->name && j < dt->nchecks; j++)
			if (case_only(t->checks[i]->name, dt->checks[j]->name))
				rc = set_name(&t->checks[i]->name, dt->checks[j]->name);
	return rc;
}

/* The model table `t`'s columns take the spelling of `dt`'s; `*renamed`
 * is set to 1 when one takes another name. */
static int respell_columns(dbt_schema *m, dbt_table *t, const dbt_table *dt, int *renamed)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < t->ncolumns && rc == 0; i++) {
		dbt_column *c = t->columns[i];
		const dbt_column *dc;
		char *old;

		if (c->renamed_from) {
			const dbt_column *from = db_column(dt, c->renamed_from);

			if (from && (rc = set_name(&c->renamed_from, from->name)) < 0)
				break;
		}
		/* A column mostly has the database's column's place: that one
		 * is looked at first, and has the model's spelling when its
		 * name is the same (names are unique in a table). */
		if (i < dt->ncolumns && !strcmp(dt->columns[i]->name, c->name))
			continue;
		dc = db_column(dt, c->name);
		if (!dc || !strcmp(dc->name, c->name) || dbt_table_find_column(t, dc->name))
			continue;
		if (!(old = strdup(c->name)))
			return dbt_error_oom();
		if ((rc = set_name(&c->name, dc->name)) == 0)
			rc = respell_column_refs(m, t, old, dc->name);
		c->quoted = dc->quoted;
		*renamed = 1;
		free(old);
	}
	return rc;
}

/* The model's table `t` takes the spelling of the database's; its table
 * of the same name, exactly, after it into `*out` (NULL when none). */
static int respell_table(const dbt_table **out, dbt_schema *m, dbt_table *t, const dbt_schema *db)
{
	const dbt_table *dt = db_table(db, t->name), *from;
	char *old;
	int rc = 0;

	*out = NULL;
	if (t->renamed_from && (from = db_table(db, t->renamed_from)) &&
	    (rc = set_name(&t->renamed_from, from->name)) < 0)
		return rc;
	if (!dt)
		return 0;
	if (!strcmp(dt->name, t->name)) {
		*out = dt;
		return 0;
	}
	if (dbt_schema_find_table(m, dt->name))
		return 0;
	if (!(old = strdup(t->name)))
		return dbt_error_oom();
	if ((rc = set_name(&t->name, dt->name)) == 0)
		rc = respell_table_refs(m, old, dt->name);
	t->quoted = dt->quoted;
	/* The map finds tables by name: it must see the new one before the
	 * next lookup. */
	dbt_schema_tables_changed(m);
	free(old);
	*out = rc == 0 ? dt : NULL;
	return rc;
}

/* Compares object names ignoring ASCII case and double quotes: `"V"` and
 * `v`, `trg ON "Users"` and `trg ON users`. */
static int object_names_match(const char *a, const char *b)
{
	for (;;) {
		while (*a == '"')
			a++;
		while (*b == '"')
			b++;
		if (dbt_ascii_lower((unsigned char)*a) != dbt_ascii_lower((unsigned char)*b))
			return 0;
		if (!*a)
			return 1;
		a++;
		b++;
	}
}

static int respell_objects(dbt_schema *m, const dbt_schema *db)
{
	size_t i, j;
	int rc = 0;

	for (i = 0; i < m->nobjects && rc == 0; i++) {
		dbt_object *o = m->objects[i];

		for (j = 0; j < db->nobjects; j++) {
			const dbt_object *d = db->objects[j];

			if (d->kind == o->kind && strcmp(d->name, o->name) &&
			    object_names_match(d->name, o->name)) {
				rc = set_name(&o->name, d->name);
				break;
			}
		}
	}
	return rc;
}

/* The database's index names, exactly, in a set (nameset.h), so that
 * finding whether the model's index names are there is one probe each,
 * whatever the order of either schema's indexes. */
static int ixnames_init(dbt_nameset *set, const dbt_schema *db)
{
	size_t i;
	int rc;

	if ((rc = dbt_nameset_reserve(set, db->nindexes)) < 0)
		return rc;
	for (i = 0; i < db->nindexes; i++)
		if ((rc = dbt_nameset_add(set, db->indexes[i]->name)) < 0)
			return rc;
	return 0;
}

static int respell_indexes(dbt_schema *m, const dbt_schema *db)
{
	dbt_nameset names = {NULL, 0, 0};
	size_t i, j;
	int rc;

	if (!m->nindexes)
		return 0;
	if ((rc = ixnames_init(&names, db)) < 0) {
		dbt_nameset_release(&names);
		return rc;
	}
	for (i = 0; i < m->nindexes && rc == 0; i++) {
		dbt_index *ix = m->indexes[i];

		if (!ix->name || dbt_nameset_has(&names, ix->name))
			continue;
		for (j = 0; j < db->nindexes; j++) {
			const dbt_index *dx = db->indexes[j];

			if (case_only(ix->name, dx->name) && !strcmp(ix->table, dx->table) &&
			    !dbt_schema_find_index(m, dx->name)) {
				rc = set_name(&ix->name, dx->name);
				ix->quoted = dx->quoted;
				break;
			}
		}
	}
	dbt_nameset_release(&names);
	return rc;
}

/* The model's table `t` takes the database's spelling of its name, then
 * of its columns and constraints; `*renamed` is set to 1 when a column
 * takes another name. */
static int spell_table(dbt_schema *model, dbt_table *t, const dbt_schema *db, unsigned flags,
		       int *renamed)
{
	const dbt_table *dt;
	int rc = 0;

	if (flags & DBT_SPELL_TABLES) {
		if ((rc = respell_table(&dt, model, t, db)) < 0)
			return rc;
	} else {
		dt = dbt_schema_find_table(db, t->name);
	}
	if (!(flags & (DBT_SPELL_COLUMNS | DBT_SPELL_INDEXES)))
		return 0;
	if (!dt && t->renamed_from)
		dt = dbt_schema_find_table(db, t->renamed_from);
	if (dt && (flags & DBT_SPELL_COLUMNS))
		rc = respell_columns(model, t, dt, renamed);
	if (dt && rc == 0 && (flags & DBT_SPELL_INDEXES))
		rc = respell_constraints(t, dt);
	return rc;
}

/* What follows the walk of the tables: the objects' and indexes' names. */
static int spell_the_rest(dbt_schema *model, const dbt_schema *db, unsigned flags)
{
	int rc = 0;

	if (flags & DBT_SPELL_TABLES)
		rc = respell_objects(model, db);
	if (rc == 0 && (flags & DBT_SPELL_INDEXES))
		rc = respell_indexes(model, db);
	return rc;
}

/*
 * One walk of the model's tables: each takes the database's spelling of
 * its name, then of its columns and constraints, while both tables are in
 * the processor's caches.  A table's columns and constraints need only
 * its own new name (the references to it in other tables are respelled
 * with it), so this is what all the table renames first, then all the
 * columns, gave.
 */
int dbt_schema_take_spelling(dbt_schema *model, const dbt_schema *db, unsigned flags)
{
	size_t i;
	int rc = 0, renamed = 0;

	for (i = 0; i < model->ntables && rc == 0; i++)
		rc = spell_table(model, model->tables[i], db, flags, &renamed);
	return rc < 0 ? rc : spell_the_rest(model, db, flags);
}

/* 1 when the model's table `t` would take the name of the database's
 * (respell_table). */
static int takes_table_name(const dbt_schema *model, const dbt_table *t, const dbt_schema *db)
{
	const dbt_table *dt = db_table(db, t->name);

	return dt && strcmp(dt->name, t->name) && !dbt_schema_find_table(model, dt->name);
}

/*
 * Why the walk may skip the tables not marked: each step of the walk
 * (spell_table) is idempotent.  A name that is the database's exactly
 * stays (db_table and db_column look for the exact name first); a name
 * kept because the model already has the database's spelling for
 * another table or column keeps being kept, since such a spelling never
 * changes again; a constraint takes the spelling of the last of the
 * database's that match it ignoring case, whatever its own.  A step
 * reads its table's names and the model's table names alone, and the
 * marked tables' steps change neither the unmarked tables' names nor the
 * model's table names, unless a marked table takes another name: then
 * the whole walk is done.  The objects and indexes are respelled whole.
 */
int dbt_schema_take_spelling_again(dbt_schema *model, const dbt_schema *db, unsigned flags,
				   const unsigned char *tables, int *renamed)
{
	size_t i;
	int rc = 0;

	*renamed = 0;
	for (i = 0; (flags & DBT_SPELL_TABLES) && i < model->ntables; i++)
		if (tables[i] && takes_table_name(model, model->tables[i], db)) {
			*renamed = 1;
			return dbt_schema_take_spelling(model, db, flags);
		}
	for (i = 0; i < model->ntables && rc == 0; i++)
		if (tables[i])
			rc = spell_table(model, model->tables[i], db, flags, renamed);
	return rc < 0 ? rc : spell_the_rest(model, db, flags);
}

/* The table of `s` that `name` means ignoring ASCII case when no table
 * is `name` exactly; NULL when there is none or it is `name` itself. */
static const dbt_table *other_spelling(const dbt_schema *s, const char *name)
{
	return !name || dbt_schema_find_table(s, name) ? NULL : db_table(s, name);
}

/* Gives each of `v[0 .. n - 1]` that names no column of `t` exactly the
 * spelling of the column it names ignoring ASCII case. */
static int resolve_columns(char **v, size_t n, const dbt_table *t)
{
	size_t i;
	int rc = 0;

	for (i = 0; t && i < n && rc == 0; i++) {
		const dbt_column *c;

		if (v[i] && !dbt_table_find_column(t, v[i]) && (c = db_column(t, v[i])))
			rc = set_name(&v[i], c->name);
	}
	return rc;
}

static int resolve_table(char **field, const dbt_schema *s)
{
	const dbt_table *t = other_spelling(s, *field);

	return t ? set_name(field, t->name) : 0;
}

static int resolve_key(dbt_unique *k, const dbt_table *t)
{
	int rc = resolve_columns(k->columns, k->ncolumns, t);

	return rc < 0 ? rc : resolve_columns(k->include, k->ninclude, t);
}

int dbt_schema_resolve_spelling(dbt_schema *s)
{
	size_t i, j;
	int rc = 0;

	for (i = 0; i < s->ntables && rc == 0; i++) {
		dbt_table *t = s->tables[i];

		rc = resolve_table(&t->partition_of, s);
		if (rc == 0 && t->pk)
			rc = resolve_key(t->pk, t);
		for (j = 0; j < t->nuniques && rc == 0; j++)
			rc = resolve_key(t->uniques[j], t);
		for (j = 0; j < t->nfks && rc == 0; j++) {
			dbt_fk *fk = t->fks[j];

			if ((rc = resolve_table(&fk->ref_table, s)) == 0 &&
			    (rc = resolve_columns(fk->columns, fk->ncolumns, t)) == 0 &&
			    (rc = resolve_columns(fk->set_columns, fk->nset_columns, t)) == 0)
				rc = resolve_columns(fk->ref_columns, fk->nref_columns,
						     dbt_schema_find_table(s, fk->ref_table));
		}
	}
	for (i = 0; i < s->nindexes && rc == 0; i++) {
		dbt_index *ix = s->indexes[i];
		const dbt_table *t;

		if ((rc = resolve_table(&ix->table, s)) < 0)
			break;
		t = dbt_schema_find_table(s, ix->table);
		for (j = 0; t && j < ix->nelems && rc == 0; j++)
			if (ix->elems[j].column)
				rc = resolve_columns(&ix->elems[j].column, 1, t);
		if (rc == 0)
			rc = resolve_columns(ix->include, ix->ninclude, t);
	}
	return rc;
}

const dbt_table *dbt_schema_find_table_nocase(const dbt_schema *s, const char *name)
{
	return db_table(s, name);
}

const dbt_column *dbt_table_find_column_nocase(const dbt_table *t, const char *name)
{
	return db_column(t, name);
}
