/*
 * parse_rename.c - ALTER TABLE ... RENAME and DROP COLUMN for the model
 * parser (see parse_internal.h): a table's or column's name changed
 * everywhere the model has used it so far (keys, foreign keys, indexes,
 * expressions, kept statements), or a column taken out when nothing but
 * a CHECK uses it.  Apart from parse_alter.c, which reads clauses: these
 * follow a name through the whole model.
 */
#include "parse_internal.h"

#include "error.h"

#include <stdlib.h>
#include <string.h>

/* Replaces the name `*slot` by a copy of `s`, and points the references
 * the parser still has to check (add_ref) at the copy. */
static int set_name(struct parser *p, char **slot, const char *s)
{
	char *copy = strdup(s);
	size_t i;

	if (!copy)
		return dbt_error_oom();
	for (i = 0; i < p->nrefs; i++) {
		if (p->refs[i].table == *slot)
			p->refs[i].table = copy;
		if (p->refs[i].column == *slot)
			p->refs[i].column = copy;
	}
	free(*slot);
	*slot = copy;
	return 0;
}

/* Sets the name in `*slot` to `to` where it is `from`. */
static int rename_in(struct parser *p, char **slot, const char *from, const char *to)
{
	return *slot && !strcmp(*slot, from) ? set_name(p, slot, to) : 0;
}

static int rename_all(struct parser *p, char **v, size_t n, const char *from, const char *to)
{
	size_t i;
	int rc;

	for (i = 0; i < n; i++)
		if ((rc = rename_in(p, &v[i], from, to)) < 0)
			return rc;
	return 0;
}

/*
 * Whether the expression `expr` names the column `column` (unqualified,
 * or after a qualifier, and not as a function), and with `to` the
 * expression with `to` in its place in `*out` (NULL when it does not name
 * it), as the databases rewrite a table's expressions on RENAME COLUMN.
 */
static int expr_name(char **out, int *names, const char *expr, const char *column, const char *to,
		     int qualifier);

static int expr_column(char **out, int *names, const char *expr, const char *column, const char *to)
{
	return expr_name(out, names, expr, column, to, 0);
}

/* expr_column(), for any name: with `qualifier`, also where it qualifies
 * another (a table's name in `t.c`). */
static int expr_name(char **out, int *names, const char *expr, const char *column, const char *to,
		     int qualifier)
{
	dbt_buf b = DBT_BUF_INIT;
	dbt_lexer lx;
	dbt_token tok;
	size_t done = 0;

	if (out)
		*out = NULL;
	*names = 0;
	if (!expr)
		return 0;
	dbt_lex_init(&lx, expr, strlen(expr));
	while (dbt_lex_next(&lx, &tok) == 0 && tok.kind != DBT_TOK_END) {
		dbt_lexer ahead = lx;
		dbt_token la;
		char *name;
		int same;

		if (tok.kind != DBT_TOK_WORD && tok.kind != DBT_TOK_QUOTED)
			continue;
		if (dbt_lex_next(&ahead, &la) == 0 &&
		    (dbt_token_is(expr, &la, "(") || (!qualifier && dbt_token_is(expr, &la, "."))))
			continue;
		if (!(name = dbt_token_name(expr, &tok))) {
			dbt_buf_release(&b);
			return dbt_error_oom();
		}
		same = !strcmp(name, column);
		free(name);
		if (!same)
			continue;
		*names = 1;
		if (to) {
			dbt_buf_put(&b, expr + done, tok.start - done);
			put_expr_name(&b, to);
			done = tok.start + tok.len;
		}
	}
	if (!to || !*names)
		return 0;
	dbt_buf_puts(&b, expr + done);
	if (b.oom || !(*out = dbt_buf_detach(&b))) {
		dbt_buf_release(&b);
		return dbt_error_oom();
	}
	return 0;
}

/* Replaces the column `from` by `to` in the expression `*slot`. */
static int rename_expr_in(char **slot, const char *from, const char *to)
{
	char *copy;
	int names, rc = expr_column(&copy, &names, *slot, from, to);

	if (rc < 0 || !names)
		return rc;
	free(*slot);
	*slot = copy;
	return 0;
}

/*
 * The statements kept as text so far (views, triggers, ...), with the
 * name `from` made `to`, as SQLite's ALTER TABLE ... RENAME rewrites
 * them: a table's name everywhere (`qualifier`), a column's only in the
 * statements that name its table `table`.
 */
static int rename_in_statements(struct parser *p, const char *table, const char *from,
				const char *to, int qualifier)
{
	dbt_schema *s = p->schema;
	size_t i;
	int names, rc;

	for (i = 0; i < s->nstatements; i++) {
		dbt_statement *st = s->statements[i];
		char *sql;

		if (table) {
			if ((rc = expr_name(NULL, &names, st->sql, table, NULL, 1)) < 0)
				return rc;
			if (!names)
				continue;
		}
		if ((rc = expr_name(&sql, &names, st->sql, from, to, qualifier)) < 0)
			return rc;
		if (names) {
			free(st->sql);
			st->sql = sql;
		}
	}
	return 0;
}

/* ALTER TABLE t RENAME TO u: the table, and every name of it in the model
 * so far (foreign keys, indexes, partitions, owned sequences); a database
 * that has t and not u gets t renamed, as with the hint "-- renamed from: t". */
static int rename_table(struct parser *p, dbt_table *t, const struct name *to)
{
	dbt_schema *s = p->schema;
	char *from;
	size_t i, j;
	int rc = 0;

	if (dbt_schema_find_table(s, to->s))
		return fail_at(p, to->line, to->col, "there is already a table named '%s'", to->s);
	if (!(from = strdup(t->name)))
		return dbt_error_oom();
	if (!t->renamed_from) {
		if (!(t->renamed_from = strdup(from))) {
			rc = dbt_error_oom();
			goto cleanup;
		}
		t->renamed_line = to->line;
		t->renamed_col = to->col;
	}
	if ((rc = set_name(p, &t->name, to->s)) < 0)
		goto cleanup;
	dbt_schema_tables_changed(s);
	t->quoted = to->quoted;
	for (i = 0; i < s->ntables; i++) {
		dbt_table *o = s->tables[i];

		if ((rc = rename_in(p, &o->partition_of, from, to->s)) < 0)
			goto cleanup;
		for (j = 0; j < o->nfks; j++)
			if ((rc = rename_in(p, &o->fks[j]->ref_table, from, to->s)) < 0)
				goto cleanup;
	}
	for (i = 0; i < s->nindexes; i++)
		if ((rc = rename_in(p, &s->indexes[i]->table, from, to->s)) < 0)
			goto cleanup;
	for (i = 0; i < p->nseqs; i++)
		if ((rc = rename_in(p, &p->seqs[i].owner_table, from, to->s)) < 0)
			goto cleanup;
	rc = rename_in_statements(p, NULL, from, to->s, 1);
cleanup:
	free(from);
	return rc;
}

/* ALTER TABLE t RENAME [COLUMN] a TO b: the column, and every name of it
 * in the model so far: keys, foreign keys (the table's own and those that
 * reference it), indexes, CHECK and generated expressions; a database
 * table that has a and not b gets a renamed, as with the column hint. */
static int rename_column(struct parser *p, dbt_table *t, const struct name *from,
			 const struct name *to)
{
	dbt_schema *s = p->schema;
	dbt_column *c = dbt_table_find_column(t, from->s);
	size_t i, j;
	int rc;

	if (!c)
		return fail_at(p, from->line, from->col, "unknown column '%s' in table '%s'",
			       from->s, t->name);
	if (dbt_table_find_column(t, to->s))
		return fail_at(p, to->line, to->col, "duplicate column '%s' in table '%s'", to->s,
			       t->name);
	/* The database's column of the old name is this one: the statement
	 * says so as the hint "-- renamed from:" does. */
	if (!c->renamed_from) {
		dbt_column_places *at;

		if ((rc = dbt_column_places_edit(&at, c)) < 0)
			return rc;
		if (!(c->renamed_from = strdup(from->s)))
			return dbt_error_oom();
		at->renamed_line = from->line;
		at->renamed_col = from->col;
	}
	if ((rc = set_name(p, &c->name, to->s)) < 0)
		return rc;
	c->quoted = to->quoted;
	if (t->pk && ((rc = rename_all(p, t->pk->columns, t->pk->ncolumns, from->s, to->s)) < 0 ||
		      (rc = rename_all(p, t->pk->include, t->pk->ninclude, from->s, to->s)) < 0))
		return rc;
	for (i = 0; i < t->nuniques; i++)
		if ((rc = rename_all(p, t->uniques[i]->columns, t->uniques[i]->ncolumns, from->s,
				     to->s)) < 0 ||
		    (rc = rename_all(p, t->uniques[i]->include, t->uniques[i]->ninclude, from->s,
				     to->s)) < 0)
			return rc;
	for (i = 0; i < t->nchecks; i++)
		if ((rc = rename_expr_in(&t->checks[i]->expr, from->s, to->s)) < 0)
			return rc;
	for (i = 0; i < t->ncolumns; i++)
		if ((rc = rename_expr_in(&t->columns[i]->generated_expr, from->s, to->s)) < 0)
			return rc;
	for (i = 0; i < t->nfks; i++)
		if ((rc = rename_all(p, t->fks[i]->columns, t->fks[i]->ncolumns, from->s, to->s)) <
			    0 ||
		    (rc = rename_all(p, t->fks[i]->set_columns, t->fks[i]->nset_columns, from->s,
				     to->s)) < 0)
			return rc;
	for (i = 0; i < s->ntables; i++)
		for (j = 0; j < s->tables[i]->nfks; j++) {
			dbt_fk *fk = s->tables[i]->fks[j];

			if (fk->ref_table && !strcmp(fk->ref_table, t->name) &&
			    (rc = rename_all(p, fk->ref_columns, fk->nref_columns, from->s,
					     to->s)) < 0)
				return rc;
		}
	for (i = 0; i < s->nindexes; i++) {
		dbt_index *ix = s->indexes[i];

		if (!ix->table || strcmp(ix->table, t->name))
			continue;
		for (j = 0; j < ix->nelems; j++)
			if ((rc = rename_in(p, &ix->elems[j].column, from->s, to->s)) < 0 ||
			    (rc = rename_expr_in(&ix->elems[j].expr, from->s, to->s)) < 0)
				return rc;
		if ((rc = rename_all(p, ix->include, ix->ninclude, from->s, to->s)) < 0)
			return rc;
		if ((rc = rename_expr_in(&ix->where, from->s, to->s)) < 0)
			return rc;
	}
	for (i = 0; i < p->nseqs; i++)
		if (p->seqs[i].owner_table && !strcmp(p->seqs[i].owner_table, t->name) &&
		    (rc = rename_in(p, &p->seqs[i].owner_column, from->s, to->s)) < 0)
			return rc;
	return rename_in_statements(p, t->name, from->s, to->s, 0);
}

int in_list(char **v, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(v[i], s))
			return 1;
	return 0;
}

/* Whether index `ix` names column `c`, in a key or its WHERE. */
static int index_uses(int *out, const dbt_index *ix, const char *c)
{
	size_t j;
	int rc;

	*out = in_list(ix->include, ix->ninclude, c);
	for (j = 0; j < ix->nelems && !*out; j++) {
		if (ix->elems[j].column && !strcmp(ix->elems[j].column, c))
			*out = 1;
		else if ((rc = expr_column(NULL, out, ix->elems[j].expr, c, NULL)) < 0)
			return rc;
	}
	return *out ? 0 : expr_column(NULL, out, ix->where, c, NULL);
}

/* What of the model so far uses column `c` of table `t` so that dropping
 * it needs more than the column (a key, a foreign key, an index, another
 * generated column), put in `what`; nothing put when nothing does. */
static int column_use(dbt_buf *what, const struct parser *p, const dbt_table *t, const char *c)
{
	const dbt_schema *s = p->schema;
	size_t i, j;
	int names, rc;

	if (t->pk && (in_list(t->pk->columns, t->pk->ncolumns, c) ||
		      in_list(t->pk->include, t->pk->ninclude, c))) {
		dbt_buf_puts(what, "the primary key");
		return 0;
	}
	for (i = 0; i < t->nuniques; i++)
		if (in_list(t->uniques[i]->columns, t->uniques[i]->ncolumns, c) ||
		    in_list(t->uniques[i]->include, t->uniques[i]->ninclude, c)) {
			dbt_buf_puts(what, "a UNIQUE constraint");
			return 0;
		}
	for (i = 0; i < t->nfks; i++)
		if (in_list(t->fks[i]->columns, t->fks[i]->ncolumns, c)) {
			dbt_buf_puts(what, "a foreign key");
			return 0;
		}
	for (i = 0; i < s->ntables; i++)
		for (j = 0; j < s->tables[i]->nfks; j++) {
			const dbt_fk *fk = s->tables[i]->fks[j];

			if (fk->ref_table && !strcmp(fk->ref_table, t->name) &&
			    in_list(fk->ref_columns, fk->nref_columns, c)) {
				dbt_buf_printf(what, "a foreign key of table '%s'",
					       s->tables[i]->name);
				return 0;
			}
		}
	for (i = 0; i < s->nindexes; i++) {
		const dbt_index *ix = s->indexes[i];

		if (!ix->table || strcmp(ix->table, t->name))
			continue;
		if ((rc = index_uses(&names, ix, c)) < 0)
			return rc;
		if (names) {
			if (ix->name)
				dbt_buf_printf(what, "index '%s'", ix->name);
			else
				dbt_buf_puts(what, "an index");
			return 0;
		}
	}
	for (i = 0; i < t->ncolumns; i++) {
		if ((rc = expr_column(NULL, &names, t->columns[i]->generated_expr, c, NULL)) < 0)
			return rc;
		if (names && strcmp(t->columns[i]->name, c)) {
			dbt_buf_printf(what, "generated column '%s'", t->columns[i]->name);
			return 0;
		}
	}
	return 0;
}

/* ALTER TABLE t DROP [COLUMN] [IF EXISTS] c: the column and the CHECK
 * constraints that name it, as the databases drop them with it; a column
 * a key, foreign key, index or generated column uses is refused, as
 * SQLite refuses it. */
static int drop_column(struct parser *p, dbt_table *t, const struct name *n, int if_exists)
{
	dbt_buf what = DBT_BUF_INIT;
	size_t i, k;
	int names, rc;

	for (i = 0; i < t->ncolumns; i++)
		if (!strcmp(t->columns[i]->name, n->s))
			break;
	if (i == t->ncolumns)
		return if_exists ? 0
				 : fail_at(p, n->line, n->col, "unknown column '%s' in table '%s'",
					   n->s, t->name);
	if ((rc = column_use(&what, p, t, n->s)) < 0)
		return rc;
	if (what.oom)
		rc = dbt_error_oom();
	else if (what.len)
		rc = fail_at(p, n->line, n->col,
			     "cannot drop column '%s' of table '%s': %s uses it; drop or change "
			     "that first",
			     n->s, t->name, dbt_buf_str(&what));
	dbt_buf_release(&what);
	if (rc < 0)
		return rc;
	/* Its last column too, as PostgreSQL drops it; SQLite and MariaDB
	 * refuse the table of no columns in their adapt. */
	for (k = 0; k < t->nchecks;) {
		if ((rc = expr_column(NULL, &names, t->checks[k]->expr, n->s, NULL)) < 0)
			return rc;
		if (names)
			dbt_table_remove_check(t, k);
		else
			k++;
	}
	dbt_table_remove_column(t, i);
	return 0;
}

/* ALTER TABLE t RENAME (the current token): TO a new table name, or
 * [COLUMN] a TO b. */
int alter_rename(struct parser *p, dbt_table *t)
{
	struct name a = {NULL, 0, 0, 0}, b = {NULL, 0, 0, 0};
	int rc;

	if ((rc = next(p)) < 0)
		return rc;
	if (is(p, "to")) {
		if ((rc = next(p)) < 0 || (rc = parse_object_name(p, &a, "a table name")) < 0)
			goto cleanup;
		rc = rename_table(p, t, &a);
		goto cleanup;
	}
	if (is(p, "column") && (rc = next(p)) < 0)
		goto cleanup;
	if ((rc = parse_name(p, &a, "a column name")) < 0 || (rc = expect(p, "to", "TO")) < 0 ||
	    (rc = parse_name(p, &b, "a column name")) < 0)
		goto cleanup;
	rc = rename_column(p, t, &a, &b);
cleanup:
	name_release(&a);
	name_release(&b);
	return rc;
}

/* ALTER TABLE t DROP has been read, and CONSTRAINT does not follow. */
int alter_drop(struct parser *p, dbt_table *t)
{
	struct name n = {NULL, 0, 0, 0};
	int if_exists = 0, rc;

	if (is(p, "column") && (rc = next(p)) < 0)
		return rc;
	if (is(p, "if")) {
		dbt_token la;

		peek(p, &la);
		if (dbt_token_is(p->text, &la, "exists")) {
			if_exists = 1;
			if ((rc = next(p)) < 0 || (rc = next(p)) < 0)
				return rc;
		}
	}
	if ((rc = parse_name(p, &n, "a column name")) < 0)
		goto cleanup;
	if ((is(p, "restrict") || is(p, "cascade")) && (rc = next(p)) < 0)
		goto cleanup;
	rc = drop_column(p, t, &n, if_exists);
cleanup:
	name_release(&n);
	return rc;
}
