/*
 * parse_resolve.c - what the model parser checks once the whole file is
 * read (see parse_internal.h): the references to tables and columns
 * declared later, foreign keys against their referenced keys, clashing
 * relation names, SERIAL columns made of a sequence and a nextval()
 * default, and the rename hints.
 */
#include "parse_internal.h"
#include "spelling.h"

#include "error.h"
#include "ident.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------ resolution */

static int put_columns(dbt_buf *b, char **v, size_t n)
{
	size_t i;

	dbt_buf_putc(b, '(');
	for (i = 0; i < n; i++)
		dbt_buf_printf(b, "%s%s", i ? ", " : "", v[i]);
	dbt_buf_putc(b, ')');
	return b->oom ? dbt_error_oom() : 0;
}

static int same_set(char **a, size_t na, char **b, size_t nb)
{
	size_t i, j;

	if (na != nb)
		return 0;
	for (i = 0; i < na; i++) {
		for (j = 0; j < nb && strcmp(a[i], b[j]); j++)
			;
		if (j == nb)
			return 0;
	}
	return 1;
}

/* 1 when key `k` of `t` compares each column by the column's own
 * collation, as SQLite wants of a key that a foreign key references
 * (else: "foreign key mismatch"); a key column's COLLATE may say another. */
static int own_collations(const dbt_table *t, const dbt_unique *k)
{
	size_t i;

	for (i = 0; i < k->ncolumns; i++) {
		const char *coll = dbt_unique_collation(k, i);
		const dbt_column *c = dbt_table_find_column(t, k->columns[i]);

		if (coll && dbt_name_casecmp(coll, c && c->collation ? c->collation : "binary"))
			return 0;
	}
	return 1;
}

/* 1 when the columns are the primary key, a unique constraint or the
 * keys of a full unique index of the table: what a foreign key needs;
 * 2 when they are only a key that compares a column by a collation other
 * than its own. */
static int is_key(const dbt_schema *s, const dbt_table *t, char **cols, size_t n)
{
	size_t i, j;
	int other = 0;

	if (t->pk && same_set(cols, n, t->pk->columns, t->pk->ncolumns)) {
		if (own_collations(t, t->pk))
			return 1;
		other = 1;
	}
	for (i = 0; i < t->nuniques; i++) {
		if (same_set(cols, n, t->uniques[i]->columns, t->uniques[i]->ncolumns)) {
			if (own_collations(t, t->uniques[i]))
				return 1;
			other = 1;
		}
	}
	for (i = 0; i < s->nindexes; i++) {
		const dbt_index *ix = s->indexes[i];

		if (!ix->unique || ix->where || ix->nelems != n || strcmp(ix->table, t->name))
			continue;
		for (j = 0; j < n && ix->elems[j].column; j++)
			;
		if (j < n)
			continue;
		for (j = 0; j < n; j++) {
			size_t k;

			for (k = 0; k < n && strcmp(ix->elems[k].column, cols[j]); k++)
				;
			if (k == n)
				break;
		}
		if (j == n)
			return 1;
	}
	return other ? 2 : 0;
}

static int resolve_fk(struct parser *p, dbt_fk *fk)
{
	dbt_table *ref = dbt_schema_find_table(p->schema, fk->ref_table);
	dbt_buf b = DBT_BUF_INIT;
	size_t i;
	int rc = 0, key;

	if (!fk->ref_columns_given) {
		if (!ref->pk)
			return fail_at(p, fk->ref_line, fk->ref_col,
				       "foreign key references table '%s', which has no primary "
				       "key",
				       ref->name);
		for (i = 0; i < ref->pk->ncolumns; i++)
			if ((rc = dbt_fk_add_ref_column(fk, ref->pk->columns[i])) < 0)
				return rc;
	}
	if (fk->nref_columns != fk->ncolumns)
		return fail_at(p, fk->ref_line, fk->ref_col,
			       "foreign key has %zu column%s but references %zu", fk->ncolumns,
			       fk->ncolumns == 1 ? "" : "s", fk->nref_columns);
	if ((key = is_key(p->schema, ref, fk->ref_columns, fk->nref_columns)) == 1)
		return 0;
	if ((rc = put_columns(&b, fk->ref_columns, fk->nref_columns)) == 0 && key == 2)
		rc = fail_at(p, fk->ref_line, fk->ref_col,
			     "foreign key references columns %s of table '%s', whose key compares "
			     "them by another collation than their own, which SQLite refuses",
			     b.ptr, ref->name);
	else if (rc == 0)
		rc = fail_at(p, fk->ref_line, fk->ref_col,
			     "foreign key references columns %s of table '%s', which are not its "
			     "primary key or unique",
			     b.ptr, ref->name);
	dbt_buf_release(&b);
	return rc;
}

/* Primary key (0) or unique constraint (1...) `j` of a table. */
static const dbt_unique *key_at(const dbt_table *t, size_t j)
{
	return j == 0 ? t->pk : t->uniques[j - 1];
}

/* 1 when the names `a` and `b` are of one schema (ident.h's
 * DBT_QUALIFIER, none for the managed schema). */
static int same_schema(const char *a, const char *b)
{
	size_t n = (size_t)(dbt_ident_base(a) - a);

	return n == (size_t)(dbt_ident_base(b) - b) && !strncmp(a, b, n);
}

/*
 * Tables, indexes, primary keys and unique constraints share one name
 * space in each schema (a key is an index), where PostgreSQL tells names that differ in
 * case apart ("Users_pkey" and users_pkey); SQLite does not, for tables
 * and indexes: dbt_schema_adapt refuses those there.  Reports `name`, declared by `self` at
 * line:col in the schema of the name `like`, when a table or a user-named
 * key of the first `ntables` tables of that schema holds it already.
 */
static int name_clash(struct parser *p, const char *name, const char *like, const void *self,
		      size_t ntables, int line, int col)
{
	const dbt_schema *s = p->schema;
	size_t i, j;

	for (i = 0; i < s->ntables; i++)
		if (same_schema(s->tables[i]->name, like) &&
		    !strcmp(dbt_ident_base(s->tables[i]->name), name))
			return fail_at(p, line, col,
				       "name '%s' is already used by table '%s' on line %d", name,
				       s->tables[i]->name, s->tables[i]->line);
	for (i = 0; i < ntables; i++) {
		const dbt_table *t = s->tables[i];

		if (!same_schema(t->name, like))
			continue;
		for (j = 0; j <= t->nuniques; j++) {
			const dbt_unique *k = key_at(t, j);

			if (!k || k == self || !k->name_given || strcmp(k->name, name))
				continue;
			return fail_at(p, line, col,
				       "name '%s' is already used by %s of table '%s' on line %d",
				       name, j == 0 ? "the primary key" : "a unique constraint",
				       t->name, k->line);
		}
	}
	return 0;
}

/* A name of that name space: a table's (HELD_TABLE), an index's
 * (HELD_INDEX), or a key's (the index of its table). */
struct held_name {
	const char *name;
	size_t owner;
};

#define HELD_TABLE ((size_t)-1)
#define HELD_INDEX ((size_t)-2)

static int cmp_held_name(const void *a, const void *b)
{
	return strcmp(((const struct held_name *)a)->name, ((const struct held_name *)b)->name);
}

/*
 * 1 when check_relation_names() may find a clash: two of the names it
 * compares are equal, other than two tables' (not compared there) or two
 * keys' of one table (check_constraint_names compares those); 0 when it
 * cannot.  One sort, so that a model without a clash is not compared name
 * against name, which grows with the square of the number of tables.
 * DBT_ERROR when out of memory.
 */
static int may_clash(const dbt_schema *s)
{
	struct held_name *v;
	size_t n = s->ntables + s->nindexes, i, j, k;
	int found = 0;

	for (i = 0; i < s->ntables; i++)
		n += s->tables[i]->nuniques + 1;
	if (!(v = malloc((n ? n : 1) * sizeof(*v))))
		return dbt_error_oom();
	n = 0;
	for (i = 0; i < s->ntables; i++) {
		const dbt_table *t = s->tables[i];

		/* Names of several schemas: a clash here is only possible. */
		v[n].name = dbt_ident_base(t->name);
		v[n++].owner = HELD_TABLE;
		for (j = 0; j <= t->nuniques; j++) {
			const dbt_unique *k = key_at(t, j);

			if (k && k->name_given) {
				v[n].name = k->name;
				v[n++].owner = i;
			}
		}
	}
	for (i = 0; i < s->nindexes; i++) {
		if (s->indexes[i]->name_given) {
			v[n].name = dbt_ident_base(s->indexes[i]->name);
			v[n++].owner = HELD_INDEX;
		}
	}
	qsort(v, n, sizeof(*v), cmp_held_name);
	for (i = 0; i < n && !found; i = j) {
		for (j = i + 1; j < n && !strcmp(v[i].name, v[j].name); j++)
			;
		for (k = i + 1; k < j && !found; k++)
			found = v[k].owner != v[i].owner || v[i].owner == HELD_INDEX;
	}
	free(v);
	return found;
}

static int check_relation_names(struct parser *p)
{
	const dbt_schema *s = p->schema;
	size_t i, j;
	int rc;

	/* Name by name only where a clash is to be reported, in the order
	 * and with the words it always was. */
	if ((rc = may_clash(s)) <= 0)
		return rc;
	/* Keys of one table were checked against each other with its other
	 * constraints (check_constraint_names). */
	for (i = 0; i < s->ntables; i++) {
		const dbt_table *t = s->tables[i];

		for (j = 0; j <= t->nuniques; j++) {
			const dbt_unique *k = key_at(t, j);

			if (k && k->name_given &&
			    (rc = name_clash(p, k->name, t->name, k, i, k->line, k->col)) < 0)
				return rc;
		}
	}
	for (i = 0; i < s->nindexes; i++) {
		const dbt_index *ix = s->indexes[i];

		if (!ix->name_given)
			continue;
		if ((rc = name_clash(p, dbt_ident_base(ix->name), ix->name, ix, s->ntables,
				     ix->line, ix->col)) < 0)
			return rc;
		for (j = 0; j < i; j++)
			if (s->indexes[j]->name_given && !strcmp(s->indexes[j]->name, ix->name))
				return fail_at(p, ix->line, ix->col,
					       "duplicate index '%s' (first declared on line %d)",
					       ix->name, s->indexes[j]->line);
	}
	return 0;
}

/* The sequence a default nextval('name'::regclass) or nextval('name')
 * takes its values from: 1 and its name in `out` (caller frees), else 0. */
static int nextval_of(const char *expr, char **out)
{
	dbt_lexer lx;
	dbt_token t[7];
	size_t n = 0, i, o = 0;
	char *name;

	*out = NULL;
	dbt_lex_init(&lx, expr, strlen(expr));
	do {
		if (n == 7 || dbt_lex_next(&lx, &t[n]) < 0)
			return 0;
	} while (t[n++].kind != DBT_TOK_END);
	if (!(n == 5 || (n == 7 && dbt_token_is(expr, &t[3], "::") &&
			 dbt_token_is(expr, &t[4], "regclass"))) ||
	    !dbt_token_is(expr, &t[0], "nextval") || !dbt_token_is(expr, &t[1], "(") ||
	    t[2].kind != DBT_TOK_STRING || expr[t[2].start] != '\'' ||
	    !dbt_token_is(expr, &t[n - 2], ")"))
		return 0;
	/* The string's text, '' made ', is a (maybe qualified) name. */
	name = malloc(t[2].len);
	if (!name)
		return dbt_error_oom();
	for (i = t[2].start + 1; i + 1 < t[2].start + t[2].len; i++) {
		name[o++] = expr[i];
		if (expr[i] == '\'')
			i++;
	}
	name[o] = '\0';
	*out = name;
	return 1;
}

/* The sequence name `text` names: "public.x", "x" or "\"X\"" as
 * regclass reads it; NULL when it is not one name of the default
 * schema.  Caller frees. */
static char *regclass_name(const char *text)
{
	dbt_lexer lx;
	dbt_token a, b, c;

	dbt_lex_init(&lx, text, strlen(text));
	if (dbt_lex_next(&lx, &a) < 0 || dbt_lex_next(&lx, &b) < 0)
		return NULL;
	if (dbt_token_is(text, &b, ".")) {
		char *schema = dbt_token_name(text, &a);
		int ok = schema && !strcmp(schema, DEFAULT_SCHEMA);

		free(schema);
		if (!ok || dbt_lex_next(&lx, &a) < 0 || dbt_lex_next(&lx, &c) < 0 ||
		    c.kind != DBT_TOK_END)
			return NULL;
	} else if (b.kind != DBT_TOK_END) {
		return NULL;
	}
	if (a.kind != DBT_TOK_WORD && a.kind != DBT_TOK_QUOTED)
		return NULL;
	return dbt_token_name(text, &a);
}

/*
 * The default nextval('public.s') names the sequence as the database does
 * not print it: the managed schema is on the search path, so it prints
 * nextval('s'::regclass).  Rewrites the default to that form, the name as
 * written after the qualifier.  0, or DBT_ERROR when out of memory.
 */
static int unqualify_nextval(dbt_column *c, const char *text)
{
	dbt_lexer lx;
	dbt_token a, dot;
	dbt_buf b = DBT_BUF_INIT;
	const char *p;

	dbt_lex_init(&lx, text, strlen(text));
	if (dbt_lex_next(&lx, &a) < 0 || dbt_lex_next(&lx, &dot) < 0 ||
	    !dbt_token_is(text, &dot, "."))
		return 0;
	dbt_buf_puts(&b, "nextval('");
	for (p = text + dot.start + dot.len; *p; p++) {
		if (*p == '\'')
			dbt_buf_putc(&b, '\'');
		dbt_buf_putc(&b, *p);
	}
	dbt_buf_puts(&b, "'::regclass)");
	if (b.oom) {
		dbt_buf_release(&b);
		return dbt_error_oom();
	}
	free(c->default_expr);
	c->default_expr = dbt_buf_detach(&b);
	return c->default_expr ? 0 : dbt_error_oom();
}

/* A column whose default takes nextval() of a plain sequence owned by it
 * is SERIAL, as pg_dump writes SERIAL columns; the sequence's statement
 * is then part of the column. */
static int resolve_serial(struct parser *p, dbt_table *t, dbt_column *c)
{
	char *text = NULL, *name = NULL;
	struct seq *sq;
	int rc;

	if (!c->default_expr || !dbt_type_is_integer(c->type.kind))
		return 0;
	if ((rc = nextval_of(c->default_expr, &text)) <= 0)
		return rc;
	rc = 0;
	name = regclass_name(text);
	sq = name ? find_seq(p, name) : NULL;
	if (sq && sq->plain && sq->owned && sq->st && !strcmp(sq->owner_table, t->name) &&
	    !strcmp(sq->owner_column, c->name)) {
		free(c->default_expr);
		c->default_expr = NULL;
		c->identity = DBT_IDENTITY_SERIAL;
		c->autoincrement = 1;
		c->not_null = 1;
		dbt_schema_remove_statement(p->schema, sq->st);
		sq->st = NULL;
	} else if (name) {
		rc = unqualify_nextval(c, text);
	}
	free(text);
	free(name);
	return rc;
}

/*
 * A rename hint names what the database has under the old name: the model
 * declaring the old name too would be both kept and renamed; two hints
 * with one old name would both take it.
 */
static int check_renames(struct parser *p)
{
	const dbt_schema *s = p->schema;
	size_t i, j, k;

	for (i = 0; i < s->ntables; i++) {
		const dbt_table *t = s->tables[i], *o;

		if (t->renamed_from) {
			if ((o = dbt_schema_find_table(s, t->renamed_from)))
				return fail_at(p, t->renamed_line, t->renamed_col,
					       "table '%s' is renamed from '%s', which the model "
					       "still declares at line %d",
					       t->name, t->renamed_from, o->line);
			for (k = 0; k < i; k++)
				if (s->tables[k]->renamed_from &&
				    !strcmp(s->tables[k]->renamed_from, t->renamed_from))
					return fail_at(p, t->renamed_line, t->renamed_col,
						       "tables '%s' and '%s' are both renamed from "
						       "'%s'",
						       s->tables[k]->name, t->name,
						       t->renamed_from);
		}
		for (j = 0; j < t->ncolumns; j++) {
			const dbt_column *c = t->columns[j], *oc;

			if (!c->renamed_from)
				continue;
			if ((oc = dbt_table_find_column(t, c->renamed_from)))
				return fail_at(p, dbt_column_places_get(c)->renamed_line,
					       dbt_column_places_get(c)->renamed_col,
					       "column '%s.%s' is renamed from '%s', which the "
					       "model still declares at line %d",
					       t->name, c->name, c->renamed_from, oc->line);
			for (k = 0; k < j; k++)
				if (t->columns[k]->renamed_from &&
				    !strcmp(t->columns[k]->renamed_from, c->renamed_from))
					return fail_at(p, dbt_column_places_get(c)->renamed_line,
						       dbt_column_places_get(c)->renamed_col,
						       "columns '%s.%s' and '%s.%s' are both "
						       "renamed "
						       "from '%s'",
						       t->name, t->columns[k]->name, t->name,
						       c->name, c->renamed_from);
		}
	}
	for (i = 0; i < s->nindexes; i++) {
		const dbt_index *ix = s->indexes[i], *o;

		if (!ix->renamed_from)
			continue;
		if ((o = dbt_schema_find_index(s, ix->renamed_from)))
			return fail_at(p, ix->renamed_line, ix->renamed_col,
				       "index '%s' is renamed from '%s', which the model still "
				       "declares at line %d",
				       ix->name, ix->renamed_from, o->line);
		for (k = 0; k < i; k++)
			if (s->indexes[k]->renamed_from &&
			    !strcmp(s->indexes[k]->renamed_from, ix->renamed_from))
				return fail_at(p, ix->renamed_line, ix->renamed_col,
					       "indexes '%s' and '%s' are both renamed from '%s'",
					       s->indexes[k]->name, ix->name, ix->renamed_from);
	}
	return 0;
}

int resolve(struct parser *p)
{
	dbt_schema *s = p->schema;
	size_t i, j;
	int rc;

	for (i = 0; i < p->nrefs; i++) {
		const struct ref *r = &p->refs[i];
		const dbt_table *t = p->nocase ? dbt_schema_find_table_nocase(s, r->table)
					       : dbt_schema_find_table(s, r->table);

		if (!t && !r->column)
			return fail_at(p, r->line, r->col, "unknown table '%s'", r->table);
		if (t && r->column && !t->partition_of &&
		    !(p->nocase ? dbt_table_find_column_nocase(t, r->column)
				: dbt_table_find_column(t, r->column)))
			return fail_at(p, r->line, r->col, "unknown column '%s' in table '%s'",
				       r->column, r->table);
	}
	/* The refs point at the names respelt here: they are done with. */
	if (p->nocase && (rc = dbt_schema_resolve_spelling(s)) < 0)
		return rc;
	for (i = 0; i < s->ntables; i++)
		for (j = 0; j < s->tables[i]->nfks; j++)
			if ((rc = resolve_fk(p, s->tables[i]->fks[j])) < 0)
				return rc;
	if ((rc = check_relation_names(p)) < 0 || (rc = check_renames(p)) < 0)
		return rc;
	for (i = 0; i < s->ntables; i++)
		for (j = 0; j < s->tables[i]->ncolumns; j++)
			if ((rc = resolve_serial(p, s->tables[i], s->tables[i]->columns[j])) < 0)
				return rc;
	for (i = 0; i < s->ntables; i++)
		dbt_table_normalize(s->tables[i]);
	return dbt_schema_name_auto(s);
}
