/*
 * schema_object.c - the objects that a schema holds as the database's own
 * definition rather than field by field (views, triggers, types,
 * functions, grants ...; see schema.h), and the model's statements, kept
 * verbatim, that make them: adding, finding, removing and freeing them,
 * and the names of the objects' kinds.  Apart from schema.c, whose tables
 * and indexes are held field by field.
 */
#include "schema.h"
#include "schema_int.h"

#include "buf.h"
#include "error.h"
#include "ident.h"

#include <stdlib.h>
#include <string.h>

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

void dbt_schema_statement_free(dbt_statement *st)
{
	if (!st)
		return;
	free(st->kind);
	free(st->name);
	free(st->sql);
	free(st);
}

void dbt_schema_object_free(dbt_object *obj)
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

void dbt_schema_remove_statement(dbt_schema *schema, dbt_statement *st)
{
	size_t i;

	for (i = 0; i < schema->nstatements; i++) {
		if (schema->statements[i] == st) {
			memmove(schema->statements + i, schema->statements + i + 1,
				(schema->nstatements - i - 1) * sizeof(*schema->statements));
			schema->nstatements--;
			dbt_schema_statement_free(st);
			return;
		}
	}
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
	v = oom ? NULL : dbt_schema_resize(schema->objects, schema->nobjects + 1, sizeof(*v));
	if (v)
		schema->objects = v;
	if (oom || !v || !obj->name) {
		dbt_schema_object_free(obj);
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
	v = copy ? dbt_schema_resize(obj->deps, obj->ndeps + 1, sizeof(*v)) : NULL;
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
			dbt_schema_object_free(obj);
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
	v = dbt_schema_resize(schema->statements, schema->nstatements + 1, sizeof(*v));
	if (v)
		schema->statements = v;
	if (!st->kind || (name && !st->name) || !st->sql || !v) {
		dbt_schema_statement_free(st);
		return dbt_error_oom();
	}
	memcpy(st->sql, sql, len);
	st->sql[len] = '\0';
	v[schema->nstatements++] = st;
	*out = st;
	return 0;
}
