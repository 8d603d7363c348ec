/*
 * schema.c - the metadata model (see schema.h): building and releasing a
 * schema, lookups, foreign-key actions by their words, and the
 * normalisation that makes equal schemas compare equal whichever source
 * they came from: implied NOT NULL and redundant unique constraints.
 * Types are type.c's, canonical expression text expr.c's, and the names
 * PostgreSQL gives to what the user left unnamed schema_name.c's.
 */
#include "schema.h"

#include "error.h"
#include "ident.h"
#include "buf.h"
#include "lex.h"
#include "role.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---------------------------------------------------------- construction */

/* Room for `n` elements of `size` bytes; NULL when out of memory. */
static void *resize(void *ptr, size_t n, size_t size)
{
	if (n > ((size_t)-1) / size)
		return NULL;
	return realloc(ptr, n * size);
}

/* Makes room for `n` items in the array `*pv`; 0 when out of memory
 * (the array is then as it was). */
static int resize_ok(void *pv, size_t n, size_t size)
{
	void *v = resize(*(void **)pv, n, size);

	if (!v)
		return 0;
	*(void **)pv = v;
	return 1;
}

/*
 * Room for item `n` of the array `*pv`, which holds `n` items: a schema's
 * tables and indexes, which grow only through here, by appending, and
 * shrink without a reallocation.  Their room is 8, then twice the count
 * each time it is full, so that a schema of thousands of tables is not
 * reallocated (and copied) once per table.  0 when out of memory (the
 * array is then as it was).
 */
static int room_for(void *pv, size_t n, size_t size)
{
	if (n != 0 && (n < 8 || (n & (n - 1))))
		return 1;
	return resize_ok(pv, n ? 2 * n : 8, size);
}

static int dup_name(char **out, const char *s)
{
	*out = NULL;
	if (!s)
		return 0;
	*out = strdup(s);
	return *out ? 0 : dbt_error_oom();
}

static int strv_push(char ***v, size_t *n, const char *s)
{
	char **nv;
	char *copy = strdup(s);

	if (!copy)
		return dbt_error_oom();
	nv = resize(*v, *n + 1, sizeof(*nv));
	if (!nv) {
		free(copy);
		return dbt_error_oom();
	}
	nv[(*n)++] = copy;
	*v = nv;
	return 0;
}

static void strv_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void column_free(dbt_column *c)
{
	if (!c)
		return;
	free(c->name);
	dbt_type_release(&c->type);
	if (c->rule_decl) {
		dbt_type_release(&c->rule_decl->type);
		free(c->rule_decl);
	}
	free(c->default_expr);
	free(c->collation);
	free(c->renamed_from);
	free(c->generated_expr);
	free(c->identity_options);
	free(c->places);
	free(c);
}

static void unique_free(dbt_unique *u)
{
	if (!u)
		return;
	free(u->name);
	strv_free(u->columns, u->ncolumns);
	strv_free(u->include, u->ninclude);
	strv_free(u->collations, u->collations ? u->ncolumns : 0);
	free(u->storage);
	free(u);
}

static void fk_free(dbt_fk *fk)
{
	if (!fk)
		return;
	free(fk->name);
	strv_free(fk->columns, fk->ncolumns);
	free(fk->ref_table);
	strv_free(fk->ref_columns, fk->nref_columns);
	strv_free(fk->set_columns, fk->nset_columns);
	free(fk);
}

static void check_free(dbt_check *c)
{
	if (!c)
		return;
	free(c->name);
	free(c->expr);
	free(c);
}

static void exclude_free(dbt_exclude *x)
{
	if (!x)
		return;
	free(x->name);
	free(x->def);
	free(x);
}

static void index_free(dbt_index *ix)
{
	size_t i;

	if (!ix)
		return;
	free(ix->name);
	free(ix->table);
	free(ix->renamed_from);
	for (i = 0; i < ix->nelems; i++) {
		free(ix->elems[i].column);
		free(ix->elems[i].expr);
		free(ix->elems[i].opclass);
	}
	free(ix->elems);
	free(ix->where);
	free(ix->method);
	strv_free(ix->include, ix->ninclude);
	free(ix->storage);
	free(ix);
}

static void table_free(dbt_table *t)
{
	size_t i;

	if (!t)
		return;
	free(t->name);
	for (i = 0; i < t->ncolumns; i++)
		column_free(t->columns[i]);
	free(t->columns);
	unique_free(t->pk);
	for (i = 0; i < t->nuniques; i++)
		unique_free(t->uniques[i]);
	free(t->uniques);
	for (i = 0; i < t->nfks; i++)
		fk_free(t->fks[i]);
	free(t->fks);
	for (i = 0; i < t->nchecks; i++)
		check_free(t->checks[i]);
	free(t->checks);
	for (i = 0; i < t->nexcludes; i++)
		exclude_free(t->excludes[i]);
	free(t->excludes);
	free(t->partition_by);
	free(t->partition_of);
	free(t->partition_bound);
	free(t->renamed_from);
	free(t->storage);
	free(t);
}

/* Appends the `n` pointers of `src` to the array `*dst` of `*ndst`,
 * which has room for them (resize_ok). */
static void append_ptrs(void *dst, size_t *ndst, void *const *src, size_t n, size_t size)
{
	if (n)
		memcpy((char *)*(void **)dst + *ndst * size, src, n * size);
	*ndst += n;
}

/* 1 when `t` has a check constraint named `name`. */
static int has_check(const dbt_table *t, const char *name)
{
	size_t i;

	for (i = 0; t && name && i < t->nchecks; i++)
		if (t->checks[i]->name && !strcmp(t->checks[i]->name, name))
			return 1;
	return 0;
}

int dbt_table_take_contents(dbt_table *to, dbt_table *from, const dbt_table *parent)
{
	size_t i, kept = 0;

	/* Grow every array first, so that a failure moves nothing. */
	if (!resize_ok(&to->columns, to->ncolumns + from->ncolumns + 1, sizeof(*to->columns)) ||
	    !resize_ok(&to->uniques, to->nuniques + from->nuniques + 2, sizeof(*to->uniques)) ||
	    !resize_ok(&to->fks, to->nfks + from->nfks + 1, sizeof(*to->fks)) ||
	    !resize_ok(&to->checks, to->nchecks + from->nchecks + 1, sizeof(*to->checks)) ||
	    !resize_ok(&to->excludes, to->nexcludes + from->nexcludes + 1, sizeof(*to->excludes)))
		return dbt_error_oom();
	append_ptrs(&to->columns, &to->ncolumns, (void *const *)from->columns, from->ncolumns,
		    sizeof(*to->columns));
	if (from->pk)
		append_ptrs(&to->uniques, &to->nuniques, (void *const *)&from->pk, 1,
			    sizeof(*to->uniques));
	append_ptrs(&to->uniques, &to->nuniques, (void *const *)from->uniques, from->nuniques,
		    sizeof(*to->uniques));
	append_ptrs(&to->fks, &to->nfks, (void *const *)from->fks, from->nfks, sizeof(*to->fks));
	for (i = 0; i < from->nchecks; i++) {
		if (parent && !has_check(parent, from->checks[i]->name))
			from->checks[kept++] = from->checks[i];
		else
			to->checks[to->nchecks++] = from->checks[i];
	}
	append_ptrs(&to->excludes, &to->nexcludes, (void *const *)from->excludes, from->nexcludes,
		    sizeof(*to->excludes));
	from->ncolumns = from->nuniques = from->nfks = from->nexcludes = 0;
	from->nchecks = kept;
	from->pk = NULL;
	return 0;
}

int dbt_table_take_key(dbt_table *to, dbt_table *from, const dbt_unique *key)
{
	size_t i;

	for (i = 0; i < from->nuniques && from->uniques[i] != key; i++)
		;
	if (from->pk != key && i == from->nuniques)
		return 0;
	if (!resize_ok(&to->uniques, to->nuniques + 1, sizeof(*to->uniques)))
		return dbt_error_oom();
	to->uniques[to->nuniques++] = (dbt_unique *)key;
	if (from->pk == key) {
		from->pk = NULL;
		return 1;
	}
	memmove(from->uniques + i, from->uniques + i + 1,
		(from->nuniques - i - 1) * sizeof(*from->uniques));
	from->nuniques--;
	return 1;
}

int dbt_table_take_exclude(dbt_table *to, dbt_table *from, const dbt_exclude *x)
{
	size_t i;

	for (i = 0; i < from->nexcludes && from->excludes[i] != x; i++)
		;
	if (i == from->nexcludes)
		return 0;
	if (!resize_ok(&to->excludes, to->nexcludes + 1, sizeof(*to->excludes)))
		return dbt_error_oom();
	to->excludes[to->nexcludes++] = from->excludes[i];
	memmove(from->excludes + i, from->excludes + i + 1,
		(from->nexcludes - i - 1) * sizeof(*from->excludes));
	from->nexcludes--;
	return 1;
}

int dbt_schema_new(dbt_schema **out)
{
	*out = calloc(1, sizeof(**out));
	return *out ? 0 : dbt_error_oom();
}

static void statement_free(dbt_statement *st)
{
	if (!st)
		return;
	free(st->kind);
	free(st->name);
	free(st->sql);
	free(st);
}

static void object_free(dbt_object *obj)
{
	size_t i;

	if (!obj)
		return;
	free(obj->name);
	free(obj->table);
	free(obj->definition);
	free(obj->create_sql);
	free(obj->drop_sql);
	free(obj->replace_sql);
	for (i = 0; i < obj->ndeps; i++)
		free(obj->deps[i]);
	free(obj->deps);
	free(obj);
}

void dbt_schema_free(dbt_schema *schema)
{
	size_t i;

	if (!schema)
		return;
	for (i = 0; i < schema->nobjects; i++)
		object_free(schema->objects[i]);
	free(schema->objects);
	for (i = schema->nindexes; i-- > 0;)
		index_free(schema->indexes[i]);
	free(schema->indexes);
	for (i = schema->ntables; i-- > 0;)
		table_free(schema->tables[i]);
	free(schema->tables);
	for (i = 0; i < schema->nstatements; i++)
		statement_free(schema->statements[i]);
	free(schema->statements);
	for (i = 0; i < schema->nroles; i++)
		dbt_role_free(schema->roles[i]);
	free(schema->roles);
	dbt_table_map_release(&schema->table_map);
	free(schema);
}

int dbt_schema_take_index(dbt_schema *to, dbt_schema *from, const dbt_index *ix)
{
	size_t i;

	for (i = 0; i < from->nindexes && from->indexes[i] != ix; i++)
		;
	if (i == from->nindexes)
		return 0;
	if (!room_for(&to->indexes, to->nindexes, sizeof(*to->indexes)))
		return dbt_error_oom();
	to->indexes[to->nindexes++] = from->indexes[i];
	memmove(from->indexes + i, from->indexes + i + 1,
		(from->nindexes - i - 1) * sizeof(*from->indexes));
	from->nindexes--;
	return 1;
}

void dbt_schema_remove_statement(dbt_schema *schema, dbt_statement *st)
{
	size_t i;

	for (i = 0; i < schema->nstatements; i++) {
		if (schema->statements[i] == st) {
			memmove(schema->statements + i, schema->statements + i + 1,
				(schema->nstatements - i - 1) * sizeof(*schema->statements));
			schema->nstatements--;
			statement_free(st);
			return;
		}
	}
}

static const char *const object_kind_names[DBT_OBJ_NKINDS] = {
	[DBT_OBJ_SCHEMA] = "schema",
	[DBT_OBJ_EXTENSION] = "extension",
	[DBT_OBJ_ENUM] = "enum",
	[DBT_OBJ_TYPE] = "type",
	[DBT_OBJ_DOMAIN] = "domain",
	[DBT_OBJ_SEQUENCE] = "sequence",
	[DBT_OBJ_COLLATION] = "collation",
	[DBT_OBJ_FUNCTION] = "function",
	[DBT_OBJ_PROCEDURE] = "procedure",
	[DBT_OBJ_VIEW] = "view",
	[DBT_OBJ_MATVIEW] = "materialized view",
	[DBT_OBJ_STATISTICS] = "statistics",
	[DBT_OBJ_TRIGGER] = "trigger",
	[DBT_OBJ_RLS] = "row level security",
	[DBT_OBJ_POLICY] = "policy",
	[DBT_OBJ_COMMENT] = "comment",
	[DBT_OBJ_GRANT] = "grant",
	[DBT_OBJ_ROLE] = "role",
};

const char *dbt_object_kind_name(dbt_object_kind kind)
{
	return (unsigned)kind < DBT_OBJ_NKINDS ? object_kind_names[kind] : "object";
}

/* ON DELETE and ON UPDATE actions: their SQL words, and the letter that
 * pg_constraint stores for each. */
static const struct {
	const char *name;
	char pg;
} fk_actions[] = {
	[DBT_FK_NO_ACTION] = {"NO ACTION", 'a'},     [DBT_FK_RESTRICT] = {"RESTRICT", 'r'},
	[DBT_FK_CASCADE] = {"CASCADE", 'c'},	     [DBT_FK_SET_NULL] = {"SET NULL", 'n'},
	[DBT_FK_SET_DEFAULT] = {"SET DEFAULT", 'd'},
};

#define NFK_ACTIONS (sizeof(fk_actions) / sizeof(fk_actions[0]))

static const char *const conflicts[] = {NULL, "ROLLBACK", "ABORT", "FAIL", "IGNORE", "REPLACE"};

const char *dbt_conflict_name(dbt_conflict conflict)
{
	return (unsigned)conflict < sizeof(conflicts) / sizeof(conflicts[0]) ? conflicts[conflict]
									     : NULL;
}

dbt_conflict dbt_conflict_from_word(const char *text, size_t len)
{
	size_t i;

	for (i = 1; i < sizeof(conflicts) / sizeof(conflicts[0]); i++)
		if (strlen(conflicts[i]) == len && !strncasecmp(text, conflicts[i], len))
			return (dbt_conflict)i;
	return DBT_CONFLICT_NONE;
}

const char *dbt_fk_action_name(dbt_fk_action action)
{
	return (unsigned)action < NFK_ACTIONS ? fk_actions[action].name : NULL;
}

/* 1 when token `t` is the word `w` (`n` bytes) in any case. */
static int word_is(const char *text, const dbt_token *t, const char *w, size_t n)
{
	return t->kind == DBT_TOK_WORD && t->len == n && !strncasecmp(text + t->start, w, n);
}

int dbt_fk_action_parse(dbt_fk_action *out, const char *text, size_t len)
{
	dbt_token w[3];
	dbt_lexer lx;
	size_t n = 0, i;
	int rc = 0;

	dbt_lex_init(&lx, text, len);
	while (n < 3 && (rc = dbt_lex_next(&lx, &w[n])) == 0 && w[n].kind != DBT_TOK_END)
		n++;
	for (i = 0; rc == 0 && i < NFK_ACTIONS; i++) {
		const char *name = fk_actions[i].name, *blank = strchr(name, ' ');

		if (n == 1 ? !blank && word_is(text, &w[0], name, strlen(name))
			   : n == 2 && blank &&
				     word_is(text, &w[0], name, (size_t)(blank - name)) &&
				     word_is(text, &w[1], blank + 1, strlen(blank + 1))) {
			*out = (dbt_fk_action)i;
			return 0;
		}
	}
	return dbt_error_set(DBT_EPARSE, "unknown foreign key action '%.*s'",
			     len > 40 ? 40 : (int)len, text);
}

dbt_fk_action dbt_fk_action_from_postgres(const char *code)
{
	size_t i;

	for (i = 0; code && *code && i < NFK_ACTIONS; i++)
		if (fk_actions[i].pg == *code)
			return (dbt_fk_action)i;
	return DBT_FK_NO_ACTION;
}

static char *dup_or_null(const char *s, int *oom)
{
	char *copy;

	if (!s)
		return NULL;
	copy = strdup(s);
	if (!copy)
		*oom = 1;
	return copy;
}

int dbt_schema_add_object(dbt_object **out, dbt_schema *schema, dbt_object_kind kind,
			  const char *name, const char *table, const char *definition,
			  const char *create_sql, const char *drop_sql, const char *replace_sql)
{
	dbt_object **v, *obj = calloc(1, sizeof(*obj));
	int oom = 0;

	*out = NULL;
	if (!obj)
		return dbt_error_oom();
	obj->kind = kind;
	obj->name = dup_or_null(name, &oom);
	obj->table = dup_or_null(table, &oom);
	obj->definition = dup_or_null(definition ? definition : "", &oom);
	obj->create_sql = dup_or_null(create_sql ? create_sql : "", &oom);
	obj->drop_sql = dup_or_null(drop_sql ? drop_sql : "", &oom);
	obj->replace_sql = dup_or_null(replace_sql, &oom);
	v = oom ? NULL : resize(schema->objects, schema->nobjects + 1, sizeof(*v));
	if (v)
		schema->objects = v;
	if (oom || !v || !obj->name) {
		object_free(obj);
		return dbt_error_oom();
	}
	v[schema->nobjects++] = obj;
	*out = obj;
	return 0;
}

int dbt_object_add_dep(dbt_object *obj, const char *dep)
{
	char **v, *copy;
	size_t i;

	for (i = 0; i < obj->ndeps; i++)
		if (!strcmp(obj->deps[i], dep))
			return 0;
	copy = strdup(dep);
	v = copy ? resize(obj->deps, obj->ndeps + 1, sizeof(*v)) : NULL;
	if (!v) {
		free(copy);
		return dbt_error_oom();
	}
	obj->deps = v;
	v[obj->ndeps++] = copy;
	return 0;
}

int dbt_object_add_schema_dep(dbt_object *obj)
{
	size_t n = dbt_ident_sql_qualifier(obj->name);
	dbt_buf dep = DBT_BUF_INIT;
	int rc;

	if (!n)
		return 0;
	dbt_buf_puts(&dep, "schema ");
	dbt_buf_put(&dep, obj->name, n);
	rc = dep.oom ? dbt_error_oom() : dbt_object_add_dep(obj, dbt_buf_str(&dep));
	dbt_buf_release(&dep);
	return rc;
}

void dbt_schema_remove_object(dbt_schema *schema, dbt_object *obj)
{
	size_t i;

	for (i = 0; i < schema->nobjects; i++) {
		if (schema->objects[i] == obj) {
			memmove(schema->objects + i, schema->objects + i + 1,
				(schema->nobjects - i - 1) * sizeof(*schema->objects));
			schema->nobjects--;
			object_free(obj);
			return;
		}
	}
}

void dbt_schema_remove_table(dbt_schema *schema, dbt_table *table)
{
	size_t i;

	for (i = 0; i < schema->ntables; i++) {
		if (schema->tables[i] == table) {
			memmove(schema->tables + i, schema->tables + i + 1,
				(schema->ntables - i - 1) * sizeof(*schema->tables));
			schema->ntables--;
			table_free(table);
			dbt_schema_tables_changed(schema);
			return;
		}
	}
}

void dbt_schema_remove_index(dbt_schema *schema, dbt_index *index)
{
	size_t i;

	for (i = 0; i < schema->nindexes; i++) {
		if (schema->indexes[i] == index) {
			memmove(schema->indexes + i, schema->indexes + i + 1,
				(schema->nindexes - i - 1) * sizeof(*schema->indexes));
			schema->nindexes--;
			index_free(index);
			return;
		}
	}
}

dbt_object *dbt_schema_find_object(const dbt_schema *schema, dbt_object_kind kind, const char *name)
{
	size_t i;

	for (i = 0; i < schema->nobjects; i++)
		if (schema->objects[i]->kind == kind && !strcmp(schema->objects[i]->name, name))
			return schema->objects[i];
	return NULL;
}

int dbt_schema_add_statement(dbt_statement **out, dbt_schema *schema, const char *kind,
			     const char *name, const char *sql, size_t len)
{
	dbt_statement **v, *st = calloc(1, sizeof(*st));

	*out = NULL;
	if (!st)
		return dbt_error_oom();
	st->kind = strdup(kind);
	st->name = name ? strdup(name) : NULL;
	st->sql = malloc(len + 1);
	v = resize(schema->statements, schema->nstatements + 1, sizeof(*v));
	if (v)
		schema->statements = v;
	if (!st->kind || (name && !st->name) || !st->sql || !v) {
		statement_free(st);
		return dbt_error_oom();
	}
	memcpy(st->sql, sql, len);
	st->sql[len] = '\0';
	v[schema->nstatements++] = st;
	*out = st;
	return 0;
}

int dbt_schema_add_table(dbt_table **out, dbt_schema *schema, const char *name, int quoted)
{
	dbt_table **v, *t = calloc(1, sizeof(*t));
	int rc = DBT_ERROR;

	*out = NULL;
	if (!t || dup_name(&t->name, name) < 0)
		goto cleanup;
	t->quoted = quoted;
	if (!room_for(&schema->tables, schema->ntables, sizeof(*schema->tables)))
		goto cleanup;
	v = schema->tables;
	if (schema->table_map.n == schema->ntables &&
	    dbt_table_map_reserve(&schema->table_map, v, schema->ntables + 1) < 0)
		goto cleanup;
	v[schema->ntables++] = t;
	if (schema->table_map.n == schema->ntables - 1)
		dbt_table_map_add(&schema->table_map, v);
	*out = t;
	t = NULL;
	rc = 0;
cleanup:
	table_free(t);
	return rc < 0 ? dbt_error_oom() : 0;
}

int dbt_schema_add_index(dbt_index **out, dbt_schema *schema, const char *name, int quoted,
			 const char *table, int unique)
{
	dbt_index **v, *ix = calloc(1, sizeof(*ix));
	int rc = DBT_ERROR;

	*out = NULL;
	if (!ix || dup_name(&ix->name, name) < 0 || dup_name(&ix->table, table) < 0)
		goto cleanup;
	ix->quoted = quoted;
	ix->name_given = name != NULL;
	ix->unique = unique;
	if (!room_for(&schema->indexes, schema->nindexes, sizeof(*schema->indexes)))
		goto cleanup;
	v = schema->indexes;
	v[schema->nindexes++] = ix;
	*out = ix;
	ix = NULL;
	rc = 0;
cleanup:
	index_free(ix);
	return rc < 0 ? dbt_error_oom() : 0;
}

int dbt_table_add_column(dbt_column **out, dbt_table *table, const char *name, int quoted,
			 const dbt_type *type)
{
	dbt_column **v, *c = calloc(1, sizeof(*c));

	*out = NULL;
	if (!c || dup_name(&c->name, name) < 0)
		goto fail;
	c->quoted = quoted;
	if (dbt_type_copy(&c->type, type) < 0)
		goto fail;
	v = resize(table->columns, table->ncolumns + 1, sizeof(*v));
	if (!v)
		goto fail;
	table->columns = v;
	v[table->ncolumns++] = c;
	*out = c;
	return 0;
fail:
	column_free(c);
	return dbt_error_oom();
}

int dbt_table_add_column_take(dbt_column **out, dbt_table *table, char **name, int quoted,
			      dbt_type *type)
{
	dbt_column **v, *c = calloc(1, sizeof(*c));

	*out = NULL;
	if (!c || !(v = resize(table->columns, table->ncolumns + 1, sizeof(*v)))) {
		free(c);
		return dbt_error_oom();
	}
	table->columns = v;
	c->name = *name;
	*name = NULL;
	c->quoted = quoted;
	c->type = *type;
	type->text = type->decl = NULL;
	v[table->ncolumns++] = c;
	*out = c;
	return 0;
}

static dbt_unique *unique_new(const char *name)
{
	dbt_unique *u = calloc(1, sizeof(*u));

	if (!u || dup_name(&u->name, name) < 0) {
		free(u);
		return NULL;
	}
	u->name_given = name != NULL;
	return u;
}

int dbt_table_set_pk(dbt_unique **out, dbt_table *table, const char *name)
{
	*out = NULL;
	if (table->pk)
		return dbt_error_set(DBT_EEXISTS, "table '%s' has a primary key already",
				     table->name);
	table->pk = unique_new(name);
	if (!table->pk)
		return dbt_error_oom();
	*out = table->pk;
	return 0;
}

int dbt_table_add_unique(dbt_unique **out, dbt_table *table, const char *name)
{
	dbt_unique **v, *u = unique_new(name);

	*out = NULL;
	if (!u)
		return dbt_error_oom();
	v = resize(table->uniques, table->nuniques + 1, sizeof(*v));
	if (!v) {
		unique_free(u);
		return dbt_error_oom();
	}
	table->uniques = v;
	v[table->nuniques++] = u;
	*out = u;
	return 0;
}

int dbt_table_add_fk(dbt_fk **out, dbt_table *table, const char *name, const char *ref_table)
{
	dbt_fk **v, *fk = calloc(1, sizeof(*fk));

	*out = NULL;
	if (!fk || dup_name(&fk->name, name) < 0 || dup_name(&fk->ref_table, ref_table) < 0)
		goto fail;
	fk->name_given = name != NULL;
	v = resize(table->fks, table->nfks + 1, sizeof(*v));
	if (!v)
		goto fail;
	table->fks = v;
	v[table->nfks++] = fk;
	*out = fk;
	return 0;
fail:
	fk_free(fk);
	return dbt_error_oom();
}

int dbt_table_add_check(dbt_check **out, dbt_table *table, const char *name, const char *expr,
			size_t len)
{
	dbt_check **v, *c = calloc(1, sizeof(*c));
	int rc = DBT_ERROR;

	*out = NULL;
	if (!c || dup_name(&c->name, name) < 0) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	c->name_given = name != NULL;
	if ((rc = dbt_schema_normalize_expr(&c->expr, expr, len)) < 0)
		goto cleanup;
	v = resize(table->checks, table->nchecks + 1, sizeof(*v));
	if (!v) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	table->checks = v;
	v[table->nchecks++] = c;
	*out = c;
	c = NULL;
	rc = 0;
cleanup:
	check_free(c);
	return rc;
}

int dbt_table_add_exclude(dbt_exclude **out, dbt_table *table, const char *name, const char *def,
			  size_t len)
{
	dbt_exclude **v, *x = calloc(1, sizeof(*x));
	int rc = DBT_ERROR;

	*out = NULL;
	if (!x || dup_name(&x->name, name) < 0) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	x->name_given = name != NULL;
	if ((rc = dbt_schema_normalize_expr(&x->def, def, len)) < 0)
		goto cleanup;
	v = resize(table->excludes, table->nexcludes + 1, sizeof(*v));
	if (!v) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	table->excludes = v;
	v[table->nexcludes++] = x;
	*out = x;
	x = NULL;
	rc = 0;
cleanup:
	exclude_free(x);
	return rc;
}

int dbt_unique_add_column(dbt_unique *key, const char *column)
{
	char **v;

	/* The collations, when there are any, keep one slot per column. */
	if (key->collations) {
		if (!(v = resize(key->collations, key->ncolumns + 1, sizeof(*v))))
			return dbt_error_oom();
		key->collations = v;
		v[key->ncolumns] = NULL;
	}
	return strv_push(&key->columns, &key->ncolumns, column);
}

int dbt_unique_set_collation(dbt_unique *key, size_t i, const char *collation)
{
	char *copy;

	if (i >= key->ncolumns)
		return dbt_error_set(DBT_ERROR, "key column %zu out of range", i);
	/* One slot per column, from the first collation on (see
	 * dbt_unique_add_column). */
	if (!key->collations && !(key->collations = calloc(key->ncolumns, sizeof(char *))))
		return dbt_error_oom();
	if (!(copy = strdup(collation)))
		return dbt_error_oom();
	free(key->collations[i]);
	key->collations[i] = copy;
	return 0;
}

const char *dbt_unique_collation(const dbt_unique *key, size_t i)
{
	return key->collations && i < key->ncolumns ? key->collations[i] : NULL;
}

int dbt_unique_add_include(dbt_unique *key, const char *column)
{
	return strv_push(&key->include, &key->ninclude, column);
}

int dbt_index_add_include(dbt_index *index, const char *column)
{
	return strv_push(&index->include, &index->ninclude, column);
}

int dbt_fk_add_column(dbt_fk *fk, const char *column)
{
	return strv_push(&fk->columns, &fk->ncolumns, column);
}

int dbt_fk_add_ref_column(dbt_fk *fk, const char *column)
{
	return strv_push(&fk->ref_columns, &fk->nref_columns, column);
}

int dbt_fk_add_set_column(dbt_fk *fk, const char *column)
{
	return strv_push(&fk->set_columns, &fk->nset_columns, column);
}

/* 1 when the canonical expression is the NULL literal, maybe cast. */
static int is_null_literal(const char *expr)
{
	return !strcmp(expr, "NULL") || !strncmp(expr, "NULL::", 6);
}

int dbt_column_set_default(dbt_column *column, const char *expr, size_t len)
{
	char *text;
	int rc;

	if ((rc = dbt_schema_normalize_expr(&text, expr, len)) < 0)
		return rc;
	free(column->default_expr);
	column->default_expr = NULL;
	if (is_null_literal(text))
		free(text);
	else
		column->default_expr = text;
	return 0;
}

int dbt_column_set_generated(dbt_column *column, const char *expr, size_t len, int stored)
{
	char *text;
	int rc;

	if ((rc = dbt_schema_normalize_expr(&text, expr, len)) < 0)
		return rc;
	free(column->generated_expr);
	column->generated_expr = text;
	column->generated_stored = stored != 0;
	return 0;
}

/*
 * 128 bytes is the allocator's size class below 192: a schema of 5,000
 * tables holds 40,000 columns and check holds two schemas, so a column
 * past 128 bytes costs 5 MB of peak memory there (issue 11's bound).
 */
_Static_assert(sizeof(dbt_column) <= 128, "dbt_column outgrows the 128-byte size class");

static const dbt_column_places no_places;

const dbt_column_places *dbt_column_places_get(const dbt_column *column)
{
	return column->places ? column->places : &no_places;
}

int dbt_column_places_edit(dbt_column_places **out, dbt_column *column)
{
	*out = NULL;
	if (!column->places && !(column->places = calloc(1, sizeof(*column->places))))
		return dbt_error_oom();
	*out = column->places;
	return 0;
}

int dbt_column_set_collation(dbt_column *column, const char *collation)
{
	char *copy = strdup(collation);

	if (!copy)
		return dbt_error_oom();
	free(column->collation);
	column->collation = copy;
	return 0;
}

static int index_push(dbt_index *index, char *column, char *expr, int desc)
{
	dbt_index_elem *v = resize(index->elems, index->nelems + 1, sizeof(*v));

	if (!v) {
		free(column);
		free(expr);
		return dbt_error_oom();
	}
	index->elems = v;
	v[index->nelems].column = column;
	v[index->nelems].expr = expr;
	v[index->nelems].desc = desc;
	v[index->nelems].opclass = NULL;
	v[index->nelems].nulls = 0;
	v[index->nelems].prefix = 0;
	index->nelems++;
	return 0;
}

int dbt_index_add_column(dbt_index *index, const char *column, int desc)
{
	char *copy = strdup(column);

	if (!copy)
		return dbt_error_oom();
	return index_push(index, copy, NULL, desc);
}

int dbt_index_add_expr(dbt_index *index, const char *expr, size_t len, int desc)
{
	char *text;
	int rc;

	if ((rc = dbt_schema_normalize_expr(&text, expr, len)) < 0)
		return rc;
	return index_push(index, NULL, text, desc);
}

int dbt_index_set_where(dbt_index *index, const char *expr, size_t len)
{
	char *text;
	int rc;

	if ((rc = dbt_schema_normalize_expr(&text, expr, len)) < 0)
		return rc;
	free(index->where);
	index->where = text;
	return 0;
}

/* --------------------------------------------------------------- lookups */

void dbt_schema_tables_changed(dbt_schema *schema)
{
	dbt_table_map_rebuild(&schema->table_map, schema->tables, schema->ntables);
}

long dbt_schema_table_pos(const dbt_schema *schema, const char *name)
{
	size_t i;

	if (schema->table_map.slots && schema->table_map.n == schema->ntables)
		return dbt_table_map_find(&schema->table_map, schema->tables, name);
	for (i = 0; i < schema->ntables; i++)
		if (!strcmp(schema->tables[i]->name, name))
			return (long)i;
	return -1;
}

dbt_table *dbt_schema_find_table(const dbt_schema *schema, const char *name)
{
	long pos = dbt_schema_table_pos(schema, name);

	return pos < 0 ? NULL : schema->tables[pos];
}

dbt_index *dbt_schema_find_index(const dbt_schema *schema, const char *name)
{
	size_t i;

	for (i = 0; i < schema->nindexes; i++)
		if (schema->indexes[i]->name && !strcmp(schema->indexes[i]->name, name))
			return schema->indexes[i];
	return NULL;
}

dbt_column *dbt_table_find_column(const dbt_table *table, const char *name)
{
	size_t i;

	/* The first byte settles most comparisons: the differ and the
	 * parser look every column of every table up by name. */
	for (i = 0; i < table->ncolumns; i++)
		if (table->columns[i]->name[0] == name[0] && !strcmp(table->columns[i]->name, name))
			return table->columns[i];
	return NULL;
}

void dbt_table_remove_column(dbt_table *table, size_t i)
{
	column_free(table->columns[i]);
	memmove(table->columns + i, table->columns + i + 1,
		(table->ncolumns - i - 1) * sizeof(*table->columns));
	table->ncolumns--;
}

void dbt_table_remove_check(dbt_table *table, size_t i)
{
	check_free(table->checks[i]);
	memmove(table->checks + i, table->checks + i + 1,
		(table->nchecks - i - 1) * sizeof(*table->checks));
	table->nchecks--;
}

void dbt_table_remove_pk(dbt_table *table)
{
	unique_free(table->pk);
	table->pk = NULL;
}

void dbt_table_remove_unique(dbt_table *table, size_t i)
{
	unique_free(table->uniques[i]);
	memmove(table->uniques + i, table->uniques + i + 1,
		(table->nuniques - i - 1) * sizeof(*table->uniques));
	table->nuniques--;
}

void dbt_table_remove_fk(dbt_table *table, size_t i)
{
	fk_free(table->fks[i]);
	memmove(table->fks + i, table->fks + i + 1, (table->nfks - i - 1) * sizeof(*table->fks));
	table->nfks--;
}

void dbt_table_remove_exclude(dbt_table *table, size_t i)
{
	exclude_free(table->excludes[i]);
	memmove(table->excludes + i, table->excludes + i + 1,
		(table->nexcludes - i - 1) * sizeof(*table->excludes));
	table->nexcludes--;
}

/* ---------------------------------------------------------- normalising */

static int same_columns(char **a, size_t na, char **b, size_t nb)
{
	size_t i;

	if (na != nb)
		return 0;
	for (i = 0; i < na; i++)
		if (strcmp(a[i], b[i]))
			return 0;
	return 1;
}

int dbt_table_is_rowid_alias(const dbt_table *table, const dbt_column *c)
{
	return !table->without_rowid && table->pk && table->pk->ncolumns == 1 &&
	       !table->pk->column_desc && c && !strcmp(table->pk->columns[0], c->name) &&
	       c->type.kind == DBT_TYPE_INTEGER && !c->type.text && c->type.length < 0 &&
	       c->type.precision < 0 && c->type.scale < 0;
}

void dbt_table_sqlite_pk_nulls(dbt_table *table)
{
	size_t i;

	if (table->strict || table->without_rowid)
		return;
	for (i = 0; i < table->ncolumns; i++) {
		dbt_column *c = table->columns[i];

		if (dbt_table_is_rowid_alias(table, c)) {
			if (!c->not_null)
				c->not_null = c->implied_not_null = 1;
		} else if (c->implied_not_null) {
			c->not_null = c->implied_not_null = 0;
		}
	}
}

/* Two keys that PostgreSQL makes one index of: the same columns, the
 * same INCLUDE columns, NULLS [NOT] DISTINCT and deferral. */
static int same_key(const dbt_unique *a, const dbt_unique *b)
{
	size_t i;

	if (!same_columns(a->columns, a->ncolumns, b->columns, b->ncolumns) ||
	    a->ninclude != b->ninclude || !a->nulls_not_distinct != !b->nulls_not_distinct ||
	    !a->deferrable != !b->deferrable || !a->initially_deferred != !b->initially_deferred)
		return 0;
	/* SQLite: a key with other collations is another index. */
	for (i = 0; i < a->ncolumns; i++) {
		const char *x = dbt_unique_collation(a, i), *y = dbt_unique_collation(b, i);

		if (!x != !y || (x && dbt_name_casecmp(x, y)))
			return 0;
	}
	for (i = 0; i < a->ninclude; i++)
		if (strcmp(a->include[i], b->include[i]))
			return 0;
	return 1;
}

void dbt_table_normalize(dbt_table *table)
{
	size_t i, j, k;

	if (table->pk) {
		for (i = 0; i < table->pk->ncolumns; i++) {
			dbt_column *c = dbt_table_find_column(table, table->pk->columns[i]);

			if (c && !c->not_null)
				c->not_null = c->implied_not_null = 1;
		}
	}
	for (i = 0, k = 0; i < table->nuniques; i++) {
		dbt_unique *u = table->uniques[i], *kept = NULL;

		if (table->pk && same_key(u, table->pk))
			kept = table->pk;
		for (j = 0; !kept && j < k; j++)
			if (same_key(u, table->uniques[j]))
				kept = table->uniques[j];
		if (!kept) {
			table->uniques[k++] = u;
			continue;
		}
		if (!kept->name_given && u->name_given) {
			free(kept->name);
			kept->name = u->name;
			kept->name_given = 1;
			u->name = NULL;
		}
		unique_free(u);
	}
	table->nuniques = k;
}

/* ------------------------------------------------- identity sequences */

static void type_range(const dbt_type *type, long long *lo, long long *hi)
{
	*lo = LLONG_MIN;
	*hi = LLONG_MAX;
	if (type->kind == DBT_TYPE_SMALLINT) {
		*lo = -32768;
		*hi = 32767;
	} else if (type->kind == DBT_TYPE_INTEGER) {
		*lo = -2147483647LL - 1;
		*hi = 2147483647LL;
	}
}

int dbt_identity_options_canon(char **out, const dbt_type *type, const struct dbt_identity_seq *seq)
{
	long long lo, hi, inc, min, max, start, cache;
	dbt_buf b = DBT_BUF_INIT;
	int oom;

	*out = NULL;
	type_range(type, &lo, &hi);
	inc = seq->has_increment ? seq->increment : 1;
	min = seq->has_minvalue ? seq->minvalue : inc > 0 ? 1 : lo;
	max = seq->has_maxvalue ? seq->maxvalue : inc > 0 ? hi : -1;
	start = seq->has_start ? seq->start : inc > 0 ? min : max;
	cache = seq->has_cache ? seq->cache : 1;
	if (inc == 0)
		return dbt_error_set(DBT_EPARSE, "INCREMENT must not be zero");
	if (min < lo || max > hi)
		return dbt_error_set(DBT_EPARSE, "MINVALUE or MAXVALUE is out of range for the "
						 "column's type");
	if (min >= max)
		return dbt_error_set(DBT_EPARSE,
				     "MINVALUE (%lld) must be less than MAXVALUE (%lld)", min, max);
	if (start < min || start > max)
		return dbt_error_set(DBT_EPARSE,
				     "START value (%lld) cannot be outside MINVALUE and MAXVALUE",
				     start);
	if (cache < 1)
		return dbt_error_set(DBT_EPARSE, "CACHE (%lld) must be greater than zero", cache);
	if (start != (inc > 0 ? min : max))
		dbt_buf_printf(&b, " START WITH %lld", start);
	if (inc != 1)
		dbt_buf_printf(&b, " INCREMENT BY %lld", inc);
	if (min != (inc > 0 ? 1 : lo))
		dbt_buf_printf(&b, " MINVALUE %lld", min);
	if (max != (inc > 0 ? hi : -1))
		dbt_buf_printf(&b, " MAXVALUE %lld", max);
	if (cache != 1)
		dbt_buf_printf(&b, " CACHE %lld", cache);
	if (seq->cycle)
		dbt_buf_puts(&b, " CYCLE");
	oom = b.oom || (b.len && !(*out = strdup(b.ptr + 1)));
	dbt_buf_release(&b);
	return oom ? dbt_error_oom() : 0;
}

void dbt_identity_options_values(struct dbt_identity_seq *out, const dbt_type *type,
				 const char *canon)
{
	static const char *const words[] = {"START WITH ", "INCREMENT BY ", "MINVALUE ",
					    "MAXVALUE ", "CACHE "};
	const char *p = canon ? canon : "";
	long long lo, hi, v[5] = {0, 1, 0, 0, 1};
	int given[5] = {0, 0, 0, 0, 0};
	size_t i, n;

	memset(out, 0, sizeof(*out));
	while (*p) {
		for (i = 0; i < 5; i++) {
			n = strlen(words[i]);
			if (!strncmp(p, words[i], n)) {
				v[i] = strtoll(p + n, (char **)&p, 10);
				given[i] = 1;
				break;
			}
		}
		if (i == 5) {
			if (!strncmp(p, "CYCLE", 5))
				out->cycle = 1;
			p += strcspn(p, " ");
		}
		p += strspn(p, " ");
	}
	type_range(type, &lo, &hi);
	out->increment = v[1];
	out->minvalue = given[2] ? v[2] : v[1] > 0 ? 1 : lo;
	out->maxvalue = given[3] ? v[3] : v[1] > 0 ? hi : -1;
	out->start = given[0] ? v[0] : v[1] > 0 ? out->minvalue : out->maxvalue;
	out->cache = v[4];
	out->has_start = out->has_increment = out->has_minvalue = out->has_maxvalue =
		out->has_cache = 1;
}

static int cmp_item(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int dbt_storage_canon(char **out, char **items, size_t n)
{
	dbt_buf b = DBT_BUF_INIT;
	size_t i;

	*out = NULL;
	if (!n)
		return 0;
	qsort(items, n, sizeof(*items), cmp_item);
	for (i = 0; i < n; i++)
		dbt_buf_printf(&b, "%s%s", i ? ", " : "", items[i]);
	*out = dbt_buf_detach(&b);
	return *out ? 0 : dbt_error_oom();
}

int dbt_storage_get(const char *storage, const char *name, char *out, size_t size)
{
	size_t len = strlen(name);
	const char *at = storage;

	while (at && *at) {
		const char *end = strstr(at, ", ");
		size_t n = end ? (size_t)(end - at) : strlen(at);

		if (n > len && !strncmp(at, name, len) && at[len] == '=') {
			snprintf(out, size, "%.*s", (int)(n - len - 1), at + len + 1);
			return 1;
		}
		at = end ? end + 2 : NULL;
	}
	return 0;
}
