/*
 * model_scope.c - which PostgreSQL schemas the model and the database are
 * compared in: the managed schema (`schema =`), every schema the model
 * names (a table or index qualified by it, a foreign key's table) or
 * creates (CREATE SCHEMA), and, when the model creates schemas, every
 * other schema of the database, whose tables then go with it.  The
 * tables of the other schemas are held under qualified names (ident.h's
 * DBT_QUALIFIER); a schema that is not compared keeps its tables
 * untouched, as everything outside the managed schema was before.
 */
#include "dialect.h"
#include "error.h"
#include "ident.h"
#include "lex.h"
#include "model.h"
#include "schema.h"

#include <stdlib.h>
#include <string.h>

int dbt_model_reflect_all(dbt_schema **out, dbt_conn *conn, const char *schema_name)
{
	int was = conn->all_schemas, rc;

	conn->all_schemas = 1;
	rc = dbt_model_reflect(out, conn, schema_name);
	conn->all_schemas = was;
	return rc;
}

/* Drops, in place, the qualifier of `name` when it is `managed`'s. */
static void unqualify(char *name, const char *managed)
{
	size_t n = strlen(managed);

	if (name && !strncmp(name, managed, n) && name[n] == DBT_QUALIFIER)
		memmove(name, name + n + 1, strlen(name + n + 1) + 1);
}

/* The schemas a model names or creates, each once. */
struct schemas {
	char **v;
	size_t n;
};

static int schemas_has(const struct schemas *s, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strlen(s->v[i]) == len && !strncmp(s->v[i], name, len))
			return 1;
	return 0;
}

/* Adds the schema of `name` (its qualifier; none when unqualified). */
static int schemas_add(struct schemas *s, const char *name, int whole)
{
	const char *sep = name ? strchr(name, DBT_QUALIFIER) : NULL;
	size_t len = whole && name ? strlen(name) : sep ? (size_t)(sep - name) : 0;
	char **v;

	if ((!whole && !sep) || !name || schemas_has(s, name, len))
		return 0;
	if (!(v = realloc(s->v, (s->n + 1) * sizeof(*v))))
		return dbt_error_oom();
	s->v = v;
	if (!(v[s->n] = strndup(name, len)))
		return dbt_error_oom();
	s->n++;
	return 0;
}

static void schemas_release(struct schemas *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
}

/* 1 when `name` is qualified by a schema that is not in `s`. */
static int outside(const struct schemas *s, const char *name)
{
	const char *sep = strchr(name, DBT_QUALIFIER);

	return sep && !schemas_has(s, name, (size_t)(sep - name));
}

/* 1 when `name`, written as SQL (an enum's: s.name, "s".name), is
 * qualified by a schema that is not in `s`; DBT_ERROR when out of
 * memory. */
static int outside_sql(const struct schemas *s, const char *name)
{
	size_t n = dbt_ident_sql_qualifier(name);
	dbt_lexer lx;
	dbt_token tok;
	char *schema;
	int rc;

	if (!n)
		return 0;
	dbt_lex_init(&lx, name, n);
	if (dbt_lex_next(&lx, &tok) != 0)
		return 0;
	if (!(schema = dbt_token_name(name, &tok)))
		return dbt_error_oom();
	rc = !schemas_has(s, schema, strlen(schema));
	free(schema);
	return rc;
}

int dbt_model_scope(dbt_schema *model, dbt_schema *db, const dbt_conn *conn,
		    const char *schema_name)
{
	const char *managed = schema_name ? schema_name : "public";
	struct schemas s = {NULL, 0};
	int creates = 0, rc = 0;
	size_t i, k;

	if (!(conn->dialect->caps & DBT_CAP_SCHEMAS))
		return 0;
	/* The managed schema named by its name is the managed schema. */
	for (i = 0; i < model->ntables; i++) {
		dbt_table *t = model->tables[i];

		unqualify(t->name, managed);
		for (k = 0; k < t->nfks; k++)
			unqualify(t->fks[k]->ref_table, managed);
	}
	for (i = 0; i < model->nindexes; i++) {
		unqualify(model->indexes[i]->name, managed);
		unqualify(model->indexes[i]->table, managed);
	}
	dbt_schema_tables_changed(model);
	for (i = 0; i < model->ntables && rc == 0; i++) {
		const dbt_table *t = model->tables[i];

		rc = schemas_add(&s, t->name, 0);
		for (k = 0; k < t->nfks && rc == 0; k++)
			rc = schemas_add(&s, t->fks[k]->ref_table, 0);
	}
	for (i = 0; i < model->nindexes && rc == 0; i++)
		rc = schemas_add(&s, model->indexes[i]->table, 0);
	for (i = 0; i < model->nstatements && rc == 0; i++) {
		const dbt_statement *st = model->statements[i];

		if (!strcmp(st->kind, "schema") && st->name) {
			creates = 1;
			rc = schemas_add(&s, st->name, 1);
		} else if ((!strcmp(st->kind, "type") || !strcmp(st->kind, "domain")) && st->name) {
			rc = schemas_add(&s, st->name, 0);
		}
	}
	/* A model that creates schemas manages them all: the tables of one
	 * it no longer has are dropped with it. */
	if (rc < 0 || creates)
		goto cleanup;
	for (i = 0; i < db->nindexes; i++)
		if (outside(&s, db->indexes[i]->table))
			dbt_schema_remove_index(db, db->indexes[i--]);
	for (i = 0; i < db->ntables; i++)
		if (outside(&s, db->tables[i]->name))
			dbt_schema_remove_table(db, db->tables[i--]);
	for (i = 0; i < db->nobjects; i++) {
		if (db->objects[i]->table && outside(&s, db->objects[i]->table)) {
			dbt_schema_remove_object(db, db->objects[i--]);
			continue;
		}
		if (db->objects[i]->kind != DBT_OBJ_ENUM && db->objects[i]->kind != DBT_OBJ_DOMAIN)
			continue;
		if ((rc = outside_sql(&s, db->objects[i]->name)) < 0)
			break;
		if (rc) {
			rc = 0;
			dbt_schema_remove_object(db, db->objects[i--]);
		}
	}
cleanup:
	schemas_release(&s);
	return rc;
}
