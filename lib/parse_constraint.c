/*
 * parse_constraint.c - constraints for the model parser (see
 * parse_internal.h): a table constraint (PRIMARY KEY, UNIQUE, FOREIGN KEY
 * with its actions and deferral, CHECK, EXCLUDE), the clauses a column's
 * constraints read with the same functions (REFERENCES, a key's NULLS NOT
 * DISTINCT, INCLUDE and deferral, SQLite's ON CONFLICT), and the check that
 * a table's constraint names differ.  Apart from parse_table.c, which reads
 * the statement around them: CREATE TABLE, ALTER TABLE ... ADD and a
 * column's definition all read them.
 */
#include "parse_internal.h"

#include "error.h"

#include <stdlib.h>
#include <string.h>

static int parse_action(struct parser *p, dbt_fk_action *out)
{
	size_t from = p->cur.tok.start;
	int no = is(p, "no"), rc;

	if (no || is(p, "set")) {
		if ((rc = next(p)) < 0)
			return rc;
		if (dbt_fk_action_parse(out, p->text + from,
					p->cur.tok.start + p->cur.tok.len - from) < 0)
			return expected(p, no ? "ACTION" : "NULL or DEFAULT");
	} else if (dbt_fk_action_parse(out, p->text + from, p->cur.tok.len) < 0) {
		return expected(p, "CASCADE, RESTRICT, SET NULL, SET DEFAULT or NO ACTION");
	}
	return next(p);
}

static int add_fk_set_column(void *obj, const char *column)
{
	return dbt_fk_add_set_column(obj, column);
}

/* What the clauses after REFERENCES t (...) have said so far. */
struct fk_clauses {
	int seen_delete;
	int seen_update;
	int not_deferrable;
};

/* ON DELETE action | ON UPDATE action */
static int fk_on(struct parser *p, dbt_fk *fk, struct fk_clauses *cl)
{
	dbt_fk_action *action;
	int *seen, rc;

	if ((rc = next(p)) < 0)
		return rc;
	if (is(p, "delete")) {
		seen = &cl->seen_delete;
		action = &fk->on_delete;
	} else if (is(p, "update")) {
		seen = &cl->seen_update;
		action = &fk->on_update;
	} else {
		return expected(p, "DELETE or UPDATE");
	}
	if (*seen)
		return fail_at(p, p->cur.tok.line, p->cur.tok.col, "ON %s is given twice",
			       action == &fk->on_delete ? "DELETE" : "UPDATE");
	*seen = 1;
	if ((rc = next(p)) < 0 || (rc = parse_action(p, action)) < 0)
		return rc;
	/* PostgreSQL 15: ON DELETE SET NULL (a, ...) sets only those. */
	if (action == &fk->on_delete &&
	    (fk->on_delete == DBT_FK_SET_NULL || fk->on_delete == DBT_FK_SET_DEFAULT) &&
	    is(p, "(")) {
		fk->set_line = p->cur.tok.line;
		fk->set_col = p->cur.tok.col;
		return parse_column_list(p, fk, add_fk_set_column, &fk->set_columns,
					 &fk->nset_columns, NULL, "ON DELETE SET");
	}
	return 0;
}

/* INITIALLY DEFERRED | INITIALLY IMMEDIATE; DEFERRED implies DEFERRABLE. */
static int fk_initially(struct parser *p, dbt_fk *fk, const struct fk_clauses *cl)
{
	int rc;

	if ((rc = next(p)) < 0)
		return rc;
	if (is(p, "deferred")) {
		if (cl->not_deferrable)
			return fail_at(p, p->cur.tok.line, p->cur.tok.col,
				       "a foreign key declared INITIALLY DEFERRED must be "
				       "DEFERRABLE");
		fk->initially_deferred = 1;
		fk->deferrable = 1;
	} else if (!is(p, "immediate")) {
		return expected(p, "DEFERRED or IMMEDIATE");
	}
	return next(p);
}

/* One clause after the referenced columns; 1 when there is none. */
static int fk_clause(struct parser *p, dbt_fk *fk, struct fk_clauses *cl)
{
	dbt_token la;
	int rc;

	if (is(p, "on"))
		return fk_on(p, fk, cl);
	if (is(p, "deferrable")) {
		fk->deferrable = 1;
		return next(p);
	}
	if (is(p, "initially"))
		return fk_initially(p, fk, cl);
	if (is(p, "match")) {
		if ((rc = next(p)) < 0)
			return rc;
		if (is(p, "full"))
			fk->match = DBT_FK_MATCH_FULL;
		else if (is(p, "partial"))
			fk->match = DBT_FK_MATCH_PARTIAL;
		else if (is(p, "simple"))
			fk->match = DBT_FK_MATCH_SIMPLE;
		else
			return expected(p, "FULL, PARTIAL or SIMPLE");
		return next(p);
	}
	/* NOT may begin the column's NOT NULL instead. */
	peek(p, &la);
	if (is(p, "not") && dbt_token_is(p->text, &la, "deferrable")) {
		cl->not_deferrable = 1;
		if ((rc = next(p)) < 0)
			return rc;
		return next(p);
	}
	return 1;
}

/* REFERENCES has been read: the table, its columns, the actions. */
int parse_references(struct parser *p, dbt_fk *fk)
{
	struct fk_clauses cl = {0, 0, 0};
	struct name n = {NULL, 0, 0, 0};
	int rc;

	if ((rc = parse_object_name(p, &n, "a table name")) < 0)
		return rc;
	fk->ref_table = n.s;
	fk->ref_line = n.line;
	fk->ref_col = n.col;
	if ((rc = add_ref(p, fk->ref_table, NULL, n.line, n.col)) < 0)
		return rc;
	if (is(p, "(")) {
		fk->ref_columns_given = 1;
		if ((rc = parse_column_list(p, fk, add_fk_ref_column, &fk->ref_columns,
					    &fk->nref_columns, fk->ref_table, "a foreign key")) < 0)
			return rc;
	}
	while ((rc = fk_clause(p, fk, &cl)) == 0) {
		if (cl.not_deferrable && fk->deferrable)
			return fail_at(p, fk->line, fk->col,
				       "a foreign key cannot be both DEFERRABLE and NOT "
				       "DEFERRABLE");
	}
	return rc < 0 ? rc : 0;
}

/* CHECK has been read. */
int parse_check(struct parser *p, dbt_table *t, const char *name, int line, int col)
{
	char *text;
	dbt_check *c;
	size_t from, to;
	int rc;

	if ((rc = parse_parens(p, &from, &to, 0)) < 0)
		return rc;
	if ((rc = typed_literals(&text, p->text + from, to - from)) < 0)
		return rc;
	rc = dbt_table_add_check(&c, t, name, text, strlen(text));
	free(text);
	if (rc < 0)
		return rc == DBT_EPARSE ? fail_at(p, line, col, "%s", dbt_error_last()) : rc;
	c->line = line;
	c->col = col;
	/* PostgreSQL's NO INHERIT: the constraint stays on this table. */
	if (is(p, "no")) {
		c->no_inherit_line = p->cur.tok.line;
		c->no_inherit_col = p->cur.tok.col;
		if ((rc = next(p)) < 0 || (rc = expect(p, "inherit", "INHERIT")) < 0)
			return rc;
		c->no_inherit = 1;
	}
	return 0;
}

/* Past a parenthesized run, from its '(' to the matching ')'. */
static int skip_parens(struct parser *p)
{
	int depth = 0, rc;

	do {
		if (p->cur.tok.kind == DBT_TOK_END || is(p, ";"))
			return expected(p, "')'");
		if (is(p, "("))
			depth++;
		else if (is(p, ")"))
			depth--;
		if ((rc = next(p)) < 0)
			return rc;
	} while (depth > 0);
	return 0;
}

static int is_name_token(const struct parser *p)
{
	return p->cur.tok.kind == DBT_TOK_WORD || p->cur.tok.kind == DBT_TOK_QUOTED;
}

/* A name, maybe qualified (a.b), then maybe a parenthesized run. */
static int exclude_name(struct parser *p, const char *what)
{
	int rc;

	if (!is_name_token(p))
		return expected(p, what);
	if ((rc = next(p)) < 0)
		return rc;
	while (is(p, ".")) {
		if ((rc = next(p)) < 0)
			return rc;
		if (!is_name_token(p))
			return expected(p, "a name after '.'");
		if ((rc = next(p)) < 0)
			return rc;
	}
	return is(p, "(") ? skip_parens(p) : 0;
}

/* One exclusion element: a column, a function call or an expression in
 * parentheses, maybe COLLATE, an operator class, ASC/DESC and NULLS
 * FIRST/LAST, then WITH and its operator (or OPERATOR(schema.op)). */
static int exclude_element(struct parser *p)
{
	int rc;

	if (is(p, "(")) {
		if ((rc = skip_parens(p)) < 0)
			return rc;
	} else if ((rc = exclude_name(p, "a column or an expression in parentheses")) < 0) {
		return rc;
	}
	if (is(p, "collate")) {
		if ((rc = next(p)) < 0 || (rc = exclude_name(p, "a collation")) < 0)
			return rc;
	}
	if (is_name_token(p) && !is(p, "asc") && !is(p, "desc") && !is(p, "nulls") &&
	    !is(p, "with")) {
		if ((rc = exclude_name(p, "an operator class")) < 0)
			return rc;
	}
	if (is(p, "asc") || is(p, "desc")) {
		if ((rc = next(p)) < 0)
			return rc;
	}
	if (is(p, "nulls")) {
		if ((rc = next(p)) < 0)
			return rc;
		if (!is(p, "first") && !is(p, "last"))
			return expected(p, "FIRST or LAST");
		if ((rc = next(p)) < 0)
			return rc;
	}
	if (!is(p, "with"))
		return expected(p, "WITH and an operator");
	if ((rc = next(p)) < 0)
		return rc;
	if (is(p, "operator")) {
		if ((rc = next(p)) < 0)
			return rc;
		if (!is(p, "("))
			return expected(p, "'('");
		return skip_parens(p);
	}
	if (p->cur.tok.kind != DBT_TOK_OP)
		return expected(p, "an operator");
	while (p->cur.tok.kind == DBT_TOK_OP)
		if ((rc = next(p)) < 0)
			return rc;
	return 0;
}

/* The parenthesized element list of EXCLUDE, from its '(' to its ')'. */
static int exclude_elements(struct parser *p)
{
	int rc;

	if (!is(p, "("))
		return expected(p, "'('");
	do {
		if ((rc = next(p)) < 0 || (rc = exclude_element(p)) < 0)
			return rc;
	} while (is(p, ","));
	if (!is(p, ")"))
		return expected(p, "',' or ')'");
	return next(p);
}

/* EXCLUDE has been read: its method, its elements (read one by one), and what
 * follows them up to a ',' or ')' of the table's list, kept as written. */
static int parse_exclude(struct parser *p, dbt_table *t, const char *name, int line, int col)
{
	dbt_exclude *x;
	char *text;
	size_t from = p->cur.tok.start;
	int depth = 0, btree = is(p, "("), rc;

	if (!is(p, "using") && !is(p, "("))
		return expected(p, "USING or '('");
	if (is(p, "using")) {
		/* USING method (elements): the index method is one name. */
		if ((rc = next(p)) < 0)
			return rc;
		if (p->cur.tok.kind != DBT_TOK_WORD && p->cur.tok.kind != DBT_TOK_QUOTED)
			return expected(p, "an index method");
		if ((rc = next(p)) < 0)
			return rc;
		if (!is(p, "("))
			return expected(p, "'('");
	}
	if ((rc = exclude_elements(p)) < 0)
		return rc;
	/* What may follow the list (INCLUDE, WITH, USING INDEX TABLESPACE,
	 * WHERE (...), DEFERRABLE) is kept as written. */
	while (p->cur.tok.kind != DBT_TOK_END && !is(p, ";") &&
	       !(depth == 0 && (is(p, ",") || is(p, ")")))) {
		if (is(p, "("))
			depth++;
		else if (is(p, ")"))
			depth--;
		if ((rc = next(p)) < 0)
			return rc;
	}
	if (depth > 0)
		return expected(p, "')'");
	if ((rc = typed_literals(&text, p->text + from, p->cur.prev_end - from)) < 0)
		return rc;
	/* Without USING, the method is B-tree, which PostgreSQL names (and
	 * which keeps the definition from starting with a parenthesis that
	 * the normaliser would take as the whole expression's). */
	if (btree) {
		dbt_buf b = DBT_BUF_INIT;

		dbt_buf_printf(&b, "USING btree %s", text);
		free(text);
		if (!(text = dbt_buf_detach(&b)))
			return dbt_error_oom();
	}
	rc = dbt_table_add_exclude(&x, t, name, text, strlen(text));
	free(text);
	if (rc < 0)
		return rc == DBT_EPARSE ? fail_at(p, line, col, "%s", dbt_error_last()) : rc;
	x->line = line;
	x->col = col;
	return 0;
}

/*
 * NULLS [NOT] DISTINCT of a unique constraint or index (PostgreSQL 15):
 * `*out` 1 for NOT DISTINCT, with its place in `*line`, `*col`; nothing
 * read when the current token is not NULLS.
 */
int parse_nulls_distinct(struct parser *p, int *out, int *line, int *col)
{
	int l = p->cur.tok.line, c = p->cur.tok.col, not = 0, rc;

	if (!is(p, "nulls"))
		return 0;
	if ((rc = next(p)) < 0)
		return rc;
	if (is(p, "not")) {
		not = 1;
		if ((rc = next(p)) < 0)
			return rc;
	}
	if ((rc = expect(p, "distinct", not ? "DISTINCT" : "NOT or DISTINCT")) < 0)
		return rc;
	*out = not ;
	if (not ) {
		*line = l;
		*col = c;
	}
	return 0;
}

static int add_key_include(void *obj, const char *column)
{
	return dbt_unique_add_include(obj, column);
}

/* What may follow a primary key's or unique constraint's columns:
 * INCLUDE (columns), PostgreSQL's non-key columns of its index. */
int parse_key_include(struct parser *p, dbt_unique *k, const char *table)
{
	int line = p->cur.tok.line, col = p->cur.tok.col, rc;

	if (!is(p, "include"))
		return 0;
	if ((rc = next(p)) < 0 || (rc = parse_column_list(p, k, add_key_include, &k->include,
							  &k->ninclude, table, "INCLUDE")) < 0)
		return rc;
	if (!k->pg_line) {
		k->pg_line = line;
		k->pg_col = col;
	}
	return 0;
}

/*
 * [NOT] DEFERRABLE and INITIALLY DEFERRED | IMMEDIATE after a primary key
 * or unique constraint (PostgreSQL), in any order, as for a foreign key:
 * INITIALLY DEFERRED implies DEFERRABLE.  The first of them is the key's
 * place for the dialects that refuse it (pg_line) unless INCLUDE or NULLS
 * NOT DISTINCT came first.
 */
int parse_key_deferral(struct parser *p, dbt_unique *k)
{
	int line = p->cur.tok.line, col = p->cur.tok.col, not_deferrable = 0, rc;
	dbt_token la;

	for (;;) {
		if (is(p, "deferrable")) {
			k->deferrable = 1;
		} else if (is(p, "not") &&
			   (peek(p, &la), dbt_token_is(p->text, &la, "deferrable"))) {
			not_deferrable = 1;
			if ((rc = next(p)) < 0)
				return rc;
		} else if (is(p, "initially")) {
			if ((rc = next(p)) < 0)
				return rc;
			if (is(p, "deferred")) {
				k->initially_deferred = 1;
				k->deferrable = 1;
			} else if (!is(p, "immediate")) {
				return expected(p, "DEFERRED or IMMEDIATE");
			}
		} else {
			break;
		}
		if ((rc = next(p)) < 0)
			return rc;
	}
	if (not_deferrable && k->deferrable)
		return fail_at(p, line, col,
			       "a key cannot be both NOT DEFERRABLE and DEFERRABLE (or INITIALLY "
			       "DEFERRED)");
	if (k->deferrable && !k->pg_line) {
		k->pg_line = line;
		k->pg_col = col;
	}
	return 0;
}

/*
 * NOT VALID after a table CHECK constraint: PostgreSQL ignores it in
 * CREATE TABLE, where the constraint is made valid; in the model's ALTER
 * TABLE ... ADD CONSTRAINT it means the same (see README.md: whether the
 * live constraint is validated is not part of the model).
 */
int skip_not_valid(struct parser *p)
{
	dbt_token la;
	int rc;

	peek(p, &la);
	if (!is(p, "not") || !dbt_token_is(p->text, &la, "valid"))
		return 0;
	if ((rc = next(p)) < 0)
		return rc;
	return next(p);
}

int parse_conflict(struct parser *p, dbt_conflict *out, int *line, int *col)
{
	dbt_token la;
	int rc;

	*out = DBT_CONFLICT_NONE;
	if (!is(p, "on"))
		return 0;
	peek(p, &la);
	if (!dbt_token_is(p->text, &la, "conflict"))
		return 0;
	*line = p->cur.tok.line;
	*col = p->cur.tok.col;
	if ((rc = next(p)) < 0 || (rc = next(p)) < 0)
		return rc;
	if (p->cur.tok.kind == DBT_TOK_WORD)
		*out = dbt_conflict_from_word(p->text + p->cur.tok.start, p->cur.tok.len);
	if (*out == DBT_CONFLICT_NONE)
		return expected(p, "ROLLBACK, ABORT, FAIL, IGNORE or REPLACE");
	return next(p);
}

int fail_autoincrement(struct parser *p, int line, int col)
{
	return fail_at(p, line, col, "AUTOINCREMENT is only allowed on an INTEGER PRIMARY KEY");
}

int fail_two_pks(struct parser *p, const dbt_table *t, int line, int col)
{
	return fail_at(p, line, col, "table '%s' has more than one primary key", t->name);
}

/* PRIMARY KEY (...), UNIQUE (...), FOREIGN KEY (...) REFERENCES ... or
 * CHECK (...), maybe after CONSTRAINT name. */
int parse_table_constraint(struct parser *p, dbt_table *t)
{
	struct name cn = {NULL, 0, 0, 0};
	int line = p->cur.tok.line, col = p->cur.tok.col, cl, cc, rc;

	if (is(p, "constraint")) {
		if ((rc = next(p)) < 0 || (rc = parse_name(p, &cn, "a constraint name")) < 0)
			goto cleanup;
	}
	if (is(p, "primary")) {
		dbt_unique *pk;
		dbt_token autoinc;
		dbt_column *c;

		if (t->pk) {
			rc = fail_two_pks(p, t, line, col);
			goto cleanup;
		}
		if ((rc = next(p)) < 0 || (rc = expect(p, "key", "KEY")) < 0 ||
		    (rc = dbt_table_set_pk(&pk, t, cn.s)) < 0)
			goto cleanup;
		pk->line = line;
		pk->col = col;
		autoinc.kind = DBT_TOK_END;
		rc = parse_column_list_as(p, pk, add_unique_column, &pk->columns, &pk->ncolumns,
					  t->name, "a primary key", &autoinc);
		if (rc == 0 && (rc = parse_key_include(p, pk, t->name)) == 0 &&
		    (rc = parse_key_storage(p, pk)) == 0)
			rc = parse_key_deferral(p, pk);
		if (rc < 0 || (rc = parse_conflict(p, &pk->conflict, &cl, &cc)) < 0 ||
		    autoinc.kind == DBT_TOK_END)
			goto cleanup;
		/* PRIMARY KEY ("id" AUTOINCREMENT) is "id" INTEGER PRIMARY KEY
		 * AUTOINCREMENT; the column is declared before it. */
		c = dbt_table_find_column(t, pk->columns[0]);
		if (!c || c->type.kind != DBT_TYPE_INTEGER || c->identity != DBT_IDENTITY_NONE ||
		    c->default_expr || c->generated_expr) {
			rc = fail_autoincrement(p, autoinc.line, autoinc.col);
			goto cleanup;
		}
		c->autoincrement = 1;
	} else if (is(p, "unique")) {
		dbt_unique *u;

		if ((rc = next(p)) < 0)
			goto cleanup;
		/* MariaDB's UNIQUE KEY name (...), as mariadb-dump writes it. */
		if (is(p, "key") || is(p, "index")) {
			rc = parse_mysql_key(p, t, cn.s, 1);
			goto cleanup;
		}
		if ((rc = dbt_table_add_unique(&u, t, cn.s)) < 0)
			goto cleanup;
		u->line = line;
		u->col = col;
		if ((rc = parse_nulls_distinct(p, &u->nulls_not_distinct, &u->pg_line,
					       &u->pg_col)) < 0 ||
		    (rc = parse_column_list(p, u, add_unique_column, &u->columns, &u->ncolumns,
					    t->name, "a unique constraint")) < 0 ||
		    (rc = parse_key_include(p, u, t->name)) < 0 ||
		    (rc = parse_key_storage(p, u)) < 0 || (rc = parse_key_deferral(p, u)) < 0)
			goto cleanup;
		rc = parse_conflict(p, &u->conflict, &cl, &cc);
	} else if (is(p, "foreign")) {
		dbt_fk *fk;

		if ((rc = next(p)) < 0 || (rc = expect(p, "key", "KEY")) < 0 ||
		    (rc = dbt_table_add_fk(&fk, t, cn.s, NULL)) < 0)
			goto cleanup;
		fk->line = line;
		fk->col = col;
		if ((rc = parse_column_list(p, fk, add_fk_column, &fk->columns, &fk->ncolumns,
					    t->name, "a foreign key")) < 0 ||
		    (rc = expect(p, "references", "REFERENCES")) < 0 ||
		    (rc = parse_references(p, fk)) < 0)
			goto cleanup;
		rc = skip_not_valid(p);
	} else if (is(p, "check")) {
		if ((rc = next(p)) < 0 || (rc = parse_check(p, t, cn.s, line, col)) < 0)
			goto cleanup;
		if ((rc = parse_conflict(p, &t->checks[t->nchecks - 1]->conflict, &cl, &cc)) < 0)
			goto cleanup;
		rc = skip_not_valid(p);
	} else if (is(p, "exclude")) {
		if ((rc = next(p)) < 0)
			goto cleanup;
		rc = parse_exclude(p, t, cn.s, line, col);
	} else {
		rc = expected(p, "PRIMARY KEY, UNIQUE, FOREIGN KEY or CHECK");
	}
cleanup:
	name_release(&cn);
	return rc;
}

int is_table_constraint(const struct parser *p)
{
	return is(p, "constraint") || is(p, "primary") || is(p, "unique") || is(p, "foreign") ||
	       is(p, "check") || is(p, "exclude");
}

/* User-given constraint names must differ within a table. */
int check_constraint_names(struct parser *p, const dbt_table *t)
{
	struct seen {
		const char *name;
		int line, col;
	} * v;
	size_t n = 0, i, j;
	int rc = 0;

	v = calloc(1 + t->nuniques + t->nfks + t->nchecks + t->nexcludes, sizeof(*v));
	if (!v)
		return dbt_error_oom();
	if (t->pk && t->pk->name_given)
		v[n++] = (struct seen){t->pk->name, t->pk->line, t->pk->col};
	for (i = 0; i < t->nuniques; i++)
		if (t->uniques[i]->name_given)
			v[n++] = (struct seen){t->uniques[i]->name, t->uniques[i]->line,
					       t->uniques[i]->col};
	for (i = 0; i < t->nfks; i++)
		if (t->fks[i]->name_given)
			v[n++] = (struct seen){t->fks[i]->name, t->fks[i]->line, t->fks[i]->col};
	for (i = 0; i < t->nchecks; i++)
		if (t->checks[i]->name_given)
			v[n++] = (struct seen){t->checks[i]->name, t->checks[i]->line,
					       t->checks[i]->col};
	for (i = 0; i < t->nexcludes; i++)
		if (t->excludes[i]->name_given)
			v[n++] = (struct seen){t->excludes[i]->name, t->excludes[i]->line,
					       t->excludes[i]->col};
	/* Report the one declared last of the first clashing pair. */
	for (i = 0; i < n && rc == 0; i++) {
		for (j = 0; j < n; j++) {
			if (j == i || strcmp(v[i].name, v[j].name))
				continue;
			if (v[j].line > v[i].line ||
			    (v[j].line == v[i].line && v[j].col > v[i].col))
				continue;
			rc = fail_at(p, v[i].line, v[i].col,
				     "duplicate constraint '%s' in table '%s'", v[i].name, t->name);
			break;
		}
	}
	free(v);
	return rc;
}
