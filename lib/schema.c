/*
 * schema.c - the metadata model (see schema.h): building and releasing a
 * schema, its tables with their columns and constraints, and its indexes;
 * lookups, and foreign-key actions by their words.  The schema's other
 * objects and the model's statements are schema_object.c's; the
 * normalisation that makes equal schemas compare equal whichever source
 * they came from (implied NOT NULL, redundant unique constraints, the
 * canonical text of identity and storage options) schema_normalize.c's.
 * Types are type.c's, canonical expression text expr.c's, and the names
 * PostgreSQL gives to what the user left unnamed schema_name.c's.
 */
#include "schema.h"
#include "schema_int.h"

#include "error.h"
#include "lex.h"
#include "role.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---------------------------------------------------------- construction */

/* Room for `n` elements of `size` bytes; NULL when out of memory. */
void *dbt_schema_resize(void *ptr, size_t n, size_t size)
{
	if (n > ((size_t)-1) / size)
		return NULL;
	return realloc(ptr, n * size);
}

/* Makes room for `n` items in the array `*pv`; 0 when out of memory
 * (the array is then as it was). */
static int resize_ok(void *pv, size_t n, size_t size)
{
	void *v = dbt_schema_resize(*(void **)pv, n, size);

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
	nv = dbt_schema_resize(*v, *n + 1, sizeof(*nv));
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
	if (c->mysql) {
		free(c->mysql->comment);
		free(c->mysql->on_update);
		free(c->mysql);
	}
	free(c);
}

void dbt_schema_unique_free(dbt_unique *u)
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
	dbt_schema_unique_free(t->pk);
	for (i = 0; i < t->nuniques; i++)
		dbt_schema_unique_free(t->uniques[i]);
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
	free(t->comment);
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

void dbt_schema_free(dbt_schema *schema)
{
	size_t i;

	if (!schema)
		return;
	for (i = 0; i < schema->nobjects; i++)
		dbt_schema_object_free(schema->objects[i]);
	free(schema->objects);
	for (i = schema->nindexes; i-- > 0;)
		index_free(schema->indexes[i]);
	free(schema->indexes);
	for (i = schema->ntables; i-- > 0;)
		table_free(schema->tables[i]);
	free(schema->tables);
	for (i = 0; i < schema->nstatements; i++)
		dbt_schema_statement_free(schema->statements[i]);
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
	v = dbt_schema_resize(table->columns, table->ncolumns + 1, sizeof(*v));
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
	if (!c || !(v = dbt_schema_resize(table->columns, table->ncolumns + 1, sizeof(*v)))) {
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
	v = dbt_schema_resize(table->uniques, table->nuniques + 1, sizeof(*v));
	if (!v) {
		dbt_schema_unique_free(u);
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
	v = dbt_schema_resize(table->fks, table->nfks + 1, sizeof(*v));
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
	v = dbt_schema_resize(table->checks, table->nchecks + 1, sizeof(*v));
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
	v = dbt_schema_resize(table->excludes, table->nexcludes + 1, sizeof(*v));
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
		if (!(v = dbt_schema_resize(key->collations, key->ncolumns + 1, sizeof(*v))))
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

int dbt_column_mysql_edit(dbt_column_mysql **out, dbt_column *column)
{
	*out = NULL;
	if (!column->mysql && !(column->mysql = calloc(1, sizeof(*column->mysql))))
		return dbt_error_oom();
	*out = column->mysql;
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
	dbt_index_elem *v = dbt_schema_resize(index->elems, index->nelems + 1, sizeof(*v));

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
	dbt_schema_unique_free(table->pk);
	table->pk = NULL;
}

void dbt_table_remove_unique(dbt_table *table, size_t i)
{
	dbt_schema_unique_free(table->uniques[i]);
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
