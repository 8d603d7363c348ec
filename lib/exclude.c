/*
 * exclude.c - the names and globs of `exclude =` (exclude.h): parsing the
 * list, matching a name, and taking what matches out of a schema.
 */
#include "exclude.h"

#include "buf.h"
#include "dbtool.h"
#include "dialect.h"
#include "error.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

void dbt_exclude_free(char **patterns, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(patterns[i]);
	free(patterns);
}

int dbt_exclude_parse(char ***out, size_t *n, const char *value)
{
	return dbt_exclude_parse_key(out, n, value, "exclude");
}

int dbt_exclude_parse_key(char ***out, size_t *n, const char *value, const char *key)
{
	char **v = NULL, **grown;
	const char *s = value, *end;
	size_t count = 0, len;

	*out = NULL;
	*n = 0;
	while (*s && is_blank(*s))
		s++;
	if (!*s)
		return 0;
	for (;;) {
		while (is_blank(*s))
			s++;
		end = strchr(s, ',');
		len = end ? (size_t)(end - s) : strlen(s);
		while (len && is_blank(s[len - 1]))
			len--;
		if (!len) {
			dbt_exclude_free(v, count);
			return dbt_error_set(DBT_EPARSE, "pattern %zu of %s is empty", count + 1,
					     key);
		}
		grown = realloc(v, (count + 1) * sizeof(*v));
		if (!grown || !(grown[count] = strndup(s, len))) {
			dbt_exclude_free(grown ? grown : v, count);
			return dbt_error_oom();
		}
		v = grown;
		count++;
		if (!end)
			break;
		s = end + 1;
	}
	*out = v;
	*n = count;
	return 0;
}

int dbt_exclude_match(char *const *patterns, size_t n, const char *qualifier, const char *name)
{
	size_t i, qlen = qualifier ? strlen(qualifier) : 0, len = strlen(name);
	char small[256], *qualified = small;
	int hit = 0;

	for (i = 0; i < n && !hit; i++)
		hit = fnmatch(patterns[i], name, 0) == 0;
	if (hit || !qualifier)
		return hit;
	if (qlen + len + 2 > sizeof(small) && !(qualified = malloc(qlen + len + 2)))
		return dbt_error_oom();
	memcpy(qualified, qualifier, qlen);
	qualified[qlen] = '.';
	memcpy(qualified + qlen + 1, name, len + 1);
	for (i = 0; i < n && !hit; i++)
		hit = fnmatch(patterns[i], qualified, 0) == 0;
	if (qualified != small)
		free(qualified);
	return hit;
}

/*
 * The name of `o` that the patterns are matched against, in `out`: its
 * name up to the arguments of a function or the " ON table" of a trigger
 * or policy, without the double quotes of a quoted name.  0 for the
 * kinds whose name says what they are on rather than what they are
 * (comments, grants, row level security): those go with their table or
 * the object they depend on.
 */
static int object_base_name(dbt_buf *out, const dbt_object *o)
{
	const char *s = o->name;

	if (o->kind == DBT_OBJ_COMMENT || o->kind == DBT_OBJ_GRANT || o->kind == DBT_OBJ_RLS)
		return 0;
	if (*s == '"') {
		for (s++; *s; s++) {
			if (*s == '"' && s[1] != '"')
				break;
			if (*s == '"')
				s++;
			dbt_buf_putc(out, *s);
		}
	} else {
		dbt_buf_put(out, s, strcspn(s, "( "));
	}
	return !out->oom;
}

/* The names that excluded objects leave behind, for the dependencies of
 * what is left: plain table names and "kind name" of objects. */
struct gone {
	char **v;
	size_t n;
	int oom;
};

static void gone_add(struct gone *g, const char *a, const char *b)
{
	char **v;
	size_t la = strlen(a);
	char *s;

	if (g->oom)
		return;
	v = realloc(g->v, (g->n + 1) * sizeof(*v));
	s = malloc(la + (b ? strlen(b) + 1 : 0) + 1);
	if (v)
		g->v = v;
	if (!v || !s) {
		free(s);
		g->oom = 1;
		return;
	}
	memcpy(s, a, la + 1);
	if (b) {
		s[la] = ' ';
		strcpy(s + la + 1, b);
	}
	g->v[g->n++] = s;
}

static int gone_has(const struct gone *g, const char *name)
{
	size_t i;

	for (i = 0; name && i < g->n; i++)
		if (!strcmp(g->v[i], name))
			return 1;
	return 0;
}

static void gone_release(struct gone *g)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		free(g->v[i]);
	free(g->v);
}

/* 1 when `o` is on, or depends on, something that is gone. */
static int object_follows(const dbt_object *o, const struct gone *g)
{
	size_t i;

	if (gone_has(g, o->table))
		return 1;
	for (i = 0; i < o->ndeps; i++)
		if (gone_has(g, o->deps[i]))
			return 1;
	return 0;
}

/* 1 when `name` matches, 0 when not, DBT_ERROR when out of memory. */
#define MATCH(name) dbt_exclude_match(patterns, n, qualifier, (name))

int dbt_exclude_filter(dbt_schema *schema, char *const *patterns, size_t n, const char *qualifier)
{
	struct gone g = {NULL, 0, 0};
	dbt_buf base = DBT_BUF_INIT;
	size_t i, before;
	int more, hit = 0;

	if (!n)
		return 0;
	/* Tables, then the partitions of the excluded ones (a partition may
	 * come before its parent in the list, and have partitions itself). */
	for (i = 0; i < schema->ntables && hit >= 0; i++) {
		dbt_table *t = schema->tables[i];

		if ((hit = MATCH(t->name)) > 0) {
			gone_add(&g, t->name, NULL);
			dbt_schema_remove_table(schema, t);
			i--;
		}
	}
	do {
		more = 0;
		for (i = 0; i < schema->ntables && hit >= 0; i++) {
			dbt_table *t = schema->tables[i];

			if (t->partition_of && gone_has(&g, t->partition_of)) {
				gone_add(&g, t->name, NULL);
				dbt_schema_remove_table(schema, t);
				i--;
				more = 1;
			}
		}
	} while (more && !g.oom);
	for (i = 0; i < schema->nindexes && hit >= 0; i++) {
		dbt_index *ix = schema->indexes[i];

		if (gone_has(&g, ix->table) || (hit = MATCH(ix->name)) > 0) {
			dbt_schema_remove_index(schema, ix);
			i--;
		}
	}
	for (i = 0; i < schema->nstatements && hit >= 0; i++) {
		dbt_statement *st = schema->statements[i];

		if (st->name && (hit = MATCH(st->name)) > 0) {
			dbt_schema_remove_statement(schema, st);
			i--;
		}
	}
	/* Objects by name, then what stands on or depends on what is gone,
	 * until nothing more goes. */
	for (i = 0; i < schema->nobjects && hit >= 0; i++) {
		dbt_object *o = schema->objects[i];

		dbt_buf_clear(&base);
		if (object_base_name(&base, o) && (hit = MATCH(dbt_buf_str(&base))) > 0) {
			gone_add(&g, dbt_object_kind_name(o->kind), o->name);
			dbt_schema_remove_object(schema, o);
			i--;
		}
	}
	do {
		before = schema->nobjects;
		for (i = 0; i < schema->nobjects && !g.oom; i++) {
			dbt_object *o = schema->objects[i];

			if (object_follows(o, &g)) {
				gone_add(&g, dbt_object_kind_name(o->kind), o->name);
				dbt_schema_remove_object(schema, o);
				i--;
			}
		}
	} while (schema->nobjects != before && !g.oom && hit >= 0);
	if (base.oom || g.oom)
		hit = dbt_error_oom();
	dbt_buf_release(&base);
	gone_release(&g);
	return hit < 0 ? hit : 0;
}

#undef MATCH

int dbt_exclude_set(char ***list, size_t *n, char *const *patterns, size_t count)
{
	char **copy = NULL;
	size_t i;

	if (count && !(copy = calloc(count, sizeof(*copy))))
		return dbt_error_oom();
	for (i = 0; i < count; i++) {
		if (!(copy[i] = strdup(patterns[i]))) {
			dbt_exclude_free(copy, i);
			return dbt_error_oom();
		}
	}
	dbt_exclude_free(*list, *n);
	*list = copy;
	*n = count;
	return 0;
}

int dbt_conn_set_exclude(dbt_conn *conn, char *const *patterns, size_t n)
{
	return dbt_exclude_set(&conn->exclude, &conn->nexclude, patterns, n);
}
