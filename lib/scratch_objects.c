/*
 * scratch_objects.c - dbt_scratch_objects (see scratch.h): the model's
 * statements (views, triggers, types, functions, grants ...) run in the
 * scratch database with the tables they name, and the objects reflected
 * from it given to the model.  Apart from scratch.c, which normalizes the
 * tables the differ found changed: the tables are chosen by the names the
 * statements' text holds, and every statement is built, in the order
 * scratch_order.c finds.
 */
#define _GNU_SOURCE /* qsort_r */

#include "scratch.h"
#include "scratch_int.h"

#include "role.h"

#include "error.h"
#include "ident.h"
#include "model.h"
#include "lex.h"
#include "render.h"
#include "scratch_order.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* How SQLite (any ASCII case) or PostgreSQL (exactly) tells names apart. */
static int name_cmp(const char *a, const char *b, int sqlite)
{
	return sqlite ? strcasecmp(a, b) : strcmp(a, b);
}

struct by_name {
	const dbt_schema *model;
	int sqlite;
};

static int cmp_table_at(const void *x, const void *y, void *arg)
{
	const struct by_name *o = arg;

	return name_cmp(o->model->tables[*(const size_t *)x]->name,
			o->model->tables[*(const size_t *)y]->name, o->sqlite);
}

/* Index of the model table that the database finds under `name`; -1 when
 * none.  `sorted` holds the tables' indexes in cmp_table_at's order. */
static long find_sorted(const dbt_schema *model, const size_t *sorted, const char *name, int sqlite)
{
	size_t lo = 0, hi = model->ntables;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = name_cmp(model->tables[sorted[mid]]->name, name, sqlite);

		if (!c)
			return (long)sorted[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* Index into `model->tables` of the table of the model's index `name`
 * (a COMMENT ON INDEX names it), or of the SERIAL or identity column
 * whose sequence PostgreSQL names `name` (TABLE_COLUMN_seq, which a
 * COMMENT ON SEQUENCE or a GRANT names); -1 when none. */
static long index_table(const dbt_schema *model, const size_t *sorted, const char *name, int sqlite)
{
	size_t i, k, n = strlen(name);

	for (i = 0; i < model->nindexes; i++)
		if (!name_cmp(model->indexes[i]->name, name, sqlite))
			return find_sorted(model, sorted, model->indexes[i]->table, sqlite);
	if (sqlite || n < 4 || strcmp(name + n - 4, "_seq") != 0)
		return -1;
	for (i = 0; i < model->ntables; i++) {
		const dbt_table *t = model->tables[i];
		size_t lt = strlen(t->name);

		if (lt + 1 >= n || strncmp(name, t->name, lt) != 0 || name[lt] != '_')
			continue;
		for (k = 0; k < t->ncolumns; k++) {
			const dbt_column *c = t->columns[k];

			if (c->identity != DBT_IDENTITY_NONE && strlen(c->name) == n - lt - 5 &&
			    !strncmp(name + lt + 1, c->name, n - lt - 5))
				return (long)i;
		}
	}
	return -1;
}

/*
 * When the name `*name` (a token of `sql`) is followed by '.' and a name,
 * makes `*name` the qualified name the two stand for (ident.h's
 * DBT_QUALIFIER), as the model holds a table of another schema (the
 * second name is read on its own next).  0, or DBT_ERROR when out of memory (`*name` freed).
 */
static int qualified_name(char **name, const char *sql, const dbt_lexer *lx)
{
	dbt_lexer la = *lx;
	dbt_token dot, tok;
	char *second, *joined;
	size_t n;

	if (dbt_lex_next(&la, &dot) != 0 || !dbt_token_is(sql, &dot, ".") ||
	    dbt_lex_next(&la, &tok) != 0 ||
	    (tok.kind != DBT_TOK_WORD && tok.kind != DBT_TOK_QUOTED))
		return 0;
	if (!(second = dbt_token_name(sql, &tok))) {
		free(*name);
		*name = NULL;
		return dbt_error_oom();
	}
	n = strlen(*name);
	joined = malloc(n + strlen(second) + 2);
	if (joined) {
		memcpy(joined, *name, n);
		joined[n] = DBT_QUALIFIER;
		strcpy(joined + n + 1, second);
	}
	free(second);
	free(*name);
	*name = joined;
	return joined ? 0 : dbt_error_oom();
}

/*
 * Marks in `want` the model tables that the statements name (a word or
 * quoted identifier token that is a table's name, or the name of one of
 * its indexes), then those their foreign keys reference, transitively.
 */
static int tables_needed(char *want, const dbt_schema *model, int sqlite)
{
	size_t *sorted = malloc((model->ntables ? model->ntables : 1) * sizeof(*sorted));
	size_t *stack = malloc((model->ntables ? model->ntables : 1) * sizeof(*stack));
	struct by_name order = {model, sqlite};
	size_t i, k, n = 0;
	int rc = 0;

	if (!sorted || !stack) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	for (i = 0; i < model->ntables; i++)
		sorted[i] = i;
	qsort_r(sorted, model->ntables, sizeof(*sorted), cmp_table_at, &order);
	for (i = 0; i < model->nstatements; i++) {
		const char *sql = model->statements[i]->sql;
		dbt_lexer lx;
		dbt_token tok;

		dbt_lex_init(&lx, sql, strlen(sql));
		while (dbt_lex_next(&lx, &tok) == 0 && tok.kind != DBT_TOK_END) {
			char *name;
			long t;

			if (tok.kind != DBT_TOK_WORD && tok.kind != DBT_TOK_QUOTED)
				continue;
			if (!(name = dbt_token_name(sql, &tok))) {
				rc = dbt_error_oom();
				goto cleanup;
			}
			t = find_sorted(model, sorted, name, sqlite);
			if (t < 0)
				t = index_table(model, sorted, name, sqlite);
			/* A table of another schema, by its qualified name. */
			if (t < 0) {
				if ((rc = qualified_name(&name, sql, &lx)) < 0)
					goto cleanup;
				t = find_sorted(model, sorted, name, sqlite);
			}
			free(name);
			if (t >= 0 && !want[t]) {
				want[t] = 1;
				stack[n++] = (size_t)t;
			}
		}
	}
	while (n) {
		const dbt_table *t = model->tables[stack[--n]];

		for (k = 0; k < t->nfks; k++) {
			long r = find_sorted(model, sorted, t->fks[k]->ref_table, sqlite);

			if (r >= 0 && !want[r]) {
				want[r] = 1;
				stack[n++] = (size_t)r;
			}
		}
	}
cleanup:
	free(sorted);
	free(stack);
	return rc;
}

/*
 * A model statement of a kind that only PostgreSQL has, on a database
 * without such objects (no DBT_CAP_OTHER_OBJECTS: SQLite): an
 * error, DBT_EPARSE, saying so in one line, rather than SQLite's syntax
 * error; the caller puts the statement's place in front.  A model shared
 * by both databases keeps such statements out of the file it gives
 * SQLite (see the README).  0 for every other statement.
 */
static int sqlite_lacks(const struct scratch *s, const dbt_statement *st)
{
	static const struct {
		const char *kind, *what;
	} pg_only[] = {
		{"extension", "CREATE EXTENSION"},
		{"type", "CREATE TYPE"},
		{"domain", "CREATE DOMAIN"},
		{"schema", "CREATE SCHEMA"},
		{"sequence", "a sequence"},
		{"function", "CREATE FUNCTION"},
		{"procedure", "CREATE PROCEDURE"},
		{"aggregate", "CREATE AGGREGATE"},
		{"materialized view", "CREATE MATERIALIZED VIEW"},
		{"event trigger", "CREATE EVENT TRIGGER"},
		{"policy", "CREATE POLICY"},
		{"rule", "CREATE RULE"},
		{"collation", "CREATE COLLATION"},
		{"statistics", "CREATE STATISTICS"},
		{"comment", "COMMENT ON"},
		{"grant", "GRANT"},
		{"revoke", "REVOKE"},
		{"alter table", "this ALTER TABLE action"},
		{"alter", "this ALTER statement"},
	};
	size_t i;

	if (s->conn->dialect->caps & DBT_CAP_OTHER_OBJECTS)
		return 0;
	for (i = 0; i < sizeof(pg_only) / sizeof(pg_only[0]); i++)
		if (!strcmp(st->kind, pg_only[i].kind))
			return dbt_error_set(DBT_EPARSE,
					     "%s is PostgreSQL's, which %s does not have: a "
					     "model used with %s cannot hold it",
					     pg_only[i].what, s->conn->dialect->title,
					     s->conn->dialect->title);
	return 0;
}

/* Where a table or statement of the model starts, to build them in the
 * order they are declared. */
struct item {
	int line, col;
	const dbt_table *table; /* or */
	const dbt_index *index; /* or */
	const dbt_statement *st;
};

/* Declaration order; at one place (an index the adaptation made, which
 * takes its table's), the table first. */
static int cmp_item(const void *x, const void *y)
{
	const struct item *a = x, *b = y;

	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return !a->table - !b->table;
}

/* 1 when the statement makes an object that others may name (CREATE
 * ...), not one that only acts on one (COMMENT ON, GRANT, ALTER). */
static int statement_creates(const dbt_statement *st)
{
	dbt_lexer lx;
	dbt_token tok;

	dbt_lex_init(&lx, st->sql, strlen(st->sql));
	return st->name && dbt_lex_next(&lx, &tok) == 0 && dbt_token_is(st->sql, &tok, "create");
}

/* The SQL of item `it` as the scratch database runs it, into `out`; an
 * error names the item's place. */
static int item_sql(dbt_buf *out, const struct scratch *s, const struct item *it)
{
	int late = !(s->conn->dialect->caps & DBT_CAP_FK_FORWARD_REFS);
	int rc;

	dbt_buf_clear(out);
	if (it->table) {
		if ((rc = dbt_render_create_table(out, s->kind, it->table,
						  late ? dbt_scratch_skip_fk : NULL,
						  (void *)it->table)) == 0)
			rc = dbt_scratch_rendered(out, s);
	} else if (it->index) {
		if ((rc = dbt_scratch_render_index(out, s, it->index)) == 0)
			rc = dbt_scratch_rendered(out, s);
	} else if ((rc = sqlite_lacks(s, it->st)) == 0) {
		rc = dbt_scratch_sql(out, s, it->st);
	}
	if (rc < 0)
		dbt_scratch_model_error(s, rc, it->line, it->col);
	return rc;
}

/*
 * Builds the model's statements, and the tables marked in `want` with
 * their indexes, each after what its text names (scratch_order.h), else
 * in declaration order; PostgreSQL gets the foreign keys between those
 * tables at the end (a table may name one declared after it).
 */
static int build_objects(struct scratch *s, const dbt_schema *model, const char *want)
{
	const char *objects_start = s->conn->dialect->scratch_objects_start;
	int late = !(s->conn->dialect->caps & DBT_CAP_FK_FORWARD_REFS);
	size_t cap = model->ntables + model->nindexes + model->nstatements + 1;
	struct item *items = calloc(cap, sizeof(*items));
	dbt_build_item *build = calloc(cap, sizeof(*build));
	char **text = calloc(cap, sizeof(*text));
	size_t *order = calloc(cap, sizeof(*order));
	dbt_buf sql = DBT_BUF_INIT;
	size_t i, n = 0;
	int rc = 0;

	if (!items || !build || !text || !order) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	for (i = 0; i < model->ntables; i++) {
		if (!want[i])
			continue;
		items[n].line = model->tables[i]->line;
		items[n].col = model->tables[i]->col;
		items[n++].table = model->tables[i];
	}
	/* The indexes of those tables, which a statement may name (COMMENT
	 * ON INDEX). */
	for (i = 0; i < model->nindexes; i++) {
		long t = dbt_scratch_table_index(model, model->indexes[i]->table);

		if (t < 0 || !want[t])
			continue;
		items[n].line = model->indexes[i]->line;
		items[n].col = model->indexes[i]->col;
		/* An index of no place of its own, which the adaptation made
		 * (MariaDB's of a foreign key), comes with its table. */
		if (!items[n].line) {
			items[n].line = model->tables[t]->line;
			items[n].col = model->tables[t]->col;
		}
		items[n++].index = model->indexes[i];
	}
	for (i = 0; i < model->nstatements; i++) {
		items[n].line = model->statements[i]->line;
		items[n].col = model->statements[i]->col;
		items[n++].st = model->statements[i];
	}
	qsort(items, n, sizeof(*items), cmp_item);
	for (i = 0; i < n && rc == 0; i++) {
		if ((rc = item_sql(&sql, s, &items[i])) < 0)
			break;
		if (!(text[i] = dbt_buf_detach(&sql))) {
			rc = dbt_error_oom();
			break;
		}
		build[i].sql = text[i];
		build[i].name = items[i].table			 ? items[i].table->name
				: items[i].index		 ? items[i].index->name
				: statement_creates(items[i].st) ? items[i].st->name
								 : NULL;
	}
	if (rc < 0 ||
	    (rc = dbt_build_order(order, build, n,
				  (s->conn->dialect->caps & DBT_CAP_NOCASE_NAMES) != 0)) < 0)
		goto cleanup;
	if (objects_start) {
		dbt_buf_puts(&sql, objects_start);
		rc = dbt_scratch_run(s, &sql);
	}
	/* The model's roles, which its grants and policies may name. */
	for (i = 0; i < model->nroles && rc == 0 && (s->conn->dialect->caps & DBT_CAP_ROLES); i++)
		if ((rc = dbt_pg_role_scratch(s->conn, model->roles[i])) < 0)
			dbt_scratch_model_error(s, rc, model->roles[i]->line, model->roles[i]->col);
	for (i = 0; i < n && rc == 0; i++) {
		const struct item *it = &items[order[i]];

		dbt_buf_clear(&sql);
		dbt_buf_puts(&sql, text[order[i]]);
		if ((rc = dbt_scratch_run(s, &sql)) < 0)
			dbt_scratch_model_error(s, rc, it->line, it->col);
	}
	if (late && rc == 0)
		rc = dbt_scratch_add_skipped_fks(s, model, want, 1, &sql);
cleanup:
	dbt_buf_release(&sql);
	for (i = 0; text && i < n; i++)
		free(text[i]);
	free(text);
	free(build);
	free(order);
	free(items);
	return rc;
}

/*
 * The error for an object on a table of another schema than the managed
 * one (a trigger, comment ...; not row level security or a policy, which
 * reflection reads there too), whose reflection reads the managed
 * schema's only: at the first statement of its kind that names
 * it.
 */
static int on_other_schema(const dbt_schema *model, const dbt_object *o, const struct scratch *s)
{
	const char *sep = strchr(o->table, DBT_QUALIFIER), *kind = dbt_object_kind_name(o->kind);
	/* The flat name may be quoted: the schema's name starts after it. */
	const char *from = o->table[0] == '"' ? o->table + 1 : o->table;
	int line = 0, col = 0;
	size_t k;

	for (k = 0; k < model->nstatements; k++) {
		const dbt_statement *st = model->statements[k];
		size_t n = st->name ? strlen(st->name) : 0;

		if (st->name && !strcmp(st->kind, kind) && !strncmp(o->name, st->name, n) &&
		    (!o->name[n] || o->name[n] == ' ')) {
			line = st->line;
			col = st->col;
			break;
		}
	}
	dbt_error_set(DBT_EPARSE,
		      "%s on a table of schema '%.*s' is not supported (of schemas other than "
		      "the managed one the model holds tables, indexes, enums, domains and "
		      "policies)",
		      kind, (int)(sep - from), from);
	return dbt_scratch_model_error(s, DBT_EPARSE, line, col);
}

/* Gives the model the objects reflected from the scratch: names of the
 * scratch schema back to the managed one's, places from the statements
 * (the first statement of the object's kind and name, when one is). */
static int adopt_objects(dbt_schema *model, dbt_schema *reflected, const struct scratch *s)
{
	size_t i, k;
	int rc = 0;

	for (i = 0; i < reflected->nobjects && rc == 0; i++) {
		dbt_object *o = reflected->objects[i];

		if (s->schema[0]) {
			if ((rc = dbt_scratch_unscratch(&o->name, s)) < 0 ||
			    (rc = dbt_scratch_unscratch(&o->table, s)) < 0 ||
			    (rc = dbt_scratch_unscratch(&o->definition, s)) < 0 ||
			    (rc = dbt_scratch_unscratch(&o->create_sql, s)) < 0 ||
			    (rc = dbt_scratch_unscratch(&o->drop_sql, s)) < 0 ||
			    (rc = dbt_scratch_unscratch(&o->replace_sql, s)) < 0)
				break;
			for (k = 0; k < o->ndeps && rc == 0; k++)
				rc = dbt_scratch_unscratch(&o->deps[k], s);
		}
		if (rc == 0 && o->table && strchr(o->table, DBT_QUALIFIER) &&
		    o->kind != DBT_OBJ_POLICY && o->kind != DBT_OBJ_RLS) {
			rc = on_other_schema(model, o, s);
			break;
		}
		if (rc == 0 && s->model && o->kind == DBT_OBJ_DOMAIN &&
		    ((rc = dbt_scratch_unflatten_constraints(&o->definition, s)) < 0 ||
		     (rc = dbt_scratch_unflatten_constraints(&o->create_sql, s)) < 0 ||
		     (rc = dbt_scratch_unflatten_constraints(&o->drop_sql, s)) < 0))
			break;
		if (rc == 0 && s->model) {
			if ((rc = dbt_scratch_unflatten(&o->name, s)) < 0 ||
			    (rc = dbt_scratch_unflatten(&o->table, s)) < 0 ||
			    (rc = dbt_scratch_unflatten(&o->definition, s)) < 0 ||
			    (rc = dbt_scratch_unflatten(&o->create_sql, s)) < 0 ||
			    (rc = dbt_scratch_unflatten(&o->drop_sql, s)) < 0 ||
			    (rc = dbt_scratch_unflatten(&o->replace_sql, s)) < 0 ||
			    ((o->kind == DBT_OBJ_ENUM || o->kind == DBT_OBJ_DOMAIN) &&
			     (rc = dbt_object_add_schema_dep(o)) < 0))
				break;
		}
		for (k = 0; k < model->nstatements; k++) {
			const dbt_statement *st = model->statements[k];
			size_t n = st->name ? strlen(st->name) : 0;

			if (st->name && !strcmp(st->kind, dbt_object_kind_name(o->kind)) &&
			    !strncmp(o->name, st->name, n) && (!o->name[n] || o->name[n] == '(')) {
				o->line = st->line;
				o->col = st->col;
				break;
			}
		}
	}
	if (rc < 0)
		return rc;
	for (i = 0; i < model->nobjects; i++)
		dbt_schema_remove_object(model, model->objects[i--]);
	free(model->objects);
	model->objects = reflected->objects;
	model->nobjects = reflected->nobjects;
	reflected->objects = NULL;
	reflected->nobjects = 0;
	return 0;
}

int dbt_scratch_objects(dbt_schema *model, dbt_conn *conn, const char *model_path,
			const char *schema_name)
{
	struct scratch s;
	dbt_schema *reflected = NULL;
	char *want = NULL;
	int rc;

	if (model->nstatements == 0)
		return 0;
	if (!(want = calloc(model->ntables ? model->ntables : 1, 1)))
		return dbt_error_oom();
	memset(&s, 0, sizeof(s));
	s.kind = conn->dialect->kind;
	s.live_schema = schema_name;
	s.model_path = model_path;
	s.model = model;
	if ((rc = tables_needed(want, model, (conn->dialect->caps & DBT_CAP_NOCASE_NAMES) != 0)) <
	    0)
		goto cleanup;
	if ((rc = dbt_scratch_start(&s, conn)) < 0 || (rc = build_objects(&s, model, want)) < 0 ||
	    (rc = dbt_model_reflect(&reflected, s.conn, s.schema[0] ? s.schema : NULL)) < 0) {
		dbt_scratch_abandon(&s, rc);
		goto cleanup;
	}
	dbt_scratch_finish(&s);
	rc = adopt_objects(model, reflected, &s);
cleanup:
	dbt_schema_free(reflected);
	free(want);
	return rc;
}
