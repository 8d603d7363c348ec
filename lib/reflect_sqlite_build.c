/*
 * reflect_sqlite_build.c - SQLite's reflected schema built from the rows
 * of sqlite_schema (see reflect_sqlite.c): the rows sorted into tables,
 * their indexes, views and triggers, then each table built in one visit
 * (its columns, primary key, indexes, unique constraints, checks and
 * foreign keys) from what its stored SQL declares, with SQLite's rules
 * where its reading of that SQL is not the plain text.  Apart from the read
 * of the database and the entry: this file reads nothing but the rows and
 * the tables that reflect_sqlite_sql.c parsed of them (on two threads:
 * reflect_sqlite_preparse.c), and ends with the views and triggers
 * (reflect_sqlite_objects.c).
 */
#include "reflect_sqlite_int.h"

#include "error.h"
#include "ident.h"
#include "sqlite_rows.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---------------------------------------------------------------- names */

static int cmp_rtable(const void *a, const void *b)
{
	const struct rtable *x = *(struct rtable *const *)a, *y = *(struct rtable *const *)b;

	return dbt_name_casecmp(x->stored, y->stored);
}

/* The table SQLite would find under `name`; NULL when none. */
struct rtable *dbt_sqlite_find_table(const struct reflect *x, const char *name)
{
	size_t lo = 0, hi = x->ntabs;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = dbt_name_casecmp(name, x->sorted[mid]->stored);

		if (c == 0)
			return x->sorted[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* The column of `rt` that SQLite would find under `stored`; NULL when
 * none. */
static dbt_column *find_column(const struct rtable *rt, const char *stored)
{
	size_t i;

	/* A column's name is as SQLite keeps it, or that folded to lower
	 * case, which SQLite's comparison ignoring ASCII case does not tell
	 * apart. */
	for (i = 0; i < rt->t->ncolumns; i++)
		if (!dbt_name_casecmp(rt->t->columns[i]->name, stored))
			return rt->t->columns[i];
	return NULL;
}

static int table_fail(const char *table, int rc)
{
	return dbt_error_prefix(rc, "cannot reflect table '%s'", table);
}

static int add_robj(struct reflect *x, int trigger, const char *name, const char *tbl,
		    const char *sql)
{
	struct robj *v = realloc(x->objs, (x->nobjs + 1) * sizeof(*v)), *o;

	if (!v)
		return dbt_error_oom();
	x->objs = v;
	o = &v[x->nobjs];
	o->trigger = trigger;
	o->name = strdup(name);
	o->table = strdup(tbl);
	o->sql = strdup(sql);
	x->nobjs++;
	if (!o->name || !o->table || !o->sql)
		return dbt_error_oom();
	return 0;
}

/* ------------------------------------------------------------- tables */

/*
 * The build that follows the parse takes the tables one at a time, in
 * creation order, and does all of a table's work while its parse is in the
 * processor's caches: its columns and primary key, its indexes, its unique
 * constraints, checks and foreign keys.  It was a pass over all the tables
 * for each of those, and from some thousands of tables on each pass found
 * them in memory again.  Only what needs another table waits for a pass of
 * its own: a foreign key that names a table made after its own.
 *
 * The errors are those of the passes as they were: the first failing table
 * of the tables' pass (a virtual table, SQL that does not read), else the
 * first of the columns' pass, else the first failing CREATE INDEX in
 * creation order, else the unique constraints', else the foreign keys'.
 * Each step of the build has its place in that order (enum step, and the
 * table's position, or the index's row); once a step has failed, only the
 * steps before it in that order run, and one of those that fails takes its
 * place.  A step needs only steps before it, so whatever runs has what it
 * needs.
 */
enum step { STEP_TABLE, STEP_COLUMNS, STEP_INDEX, STEP_UNIQUES, STEP_FKS, STEP_NONE };

/* Whether the step `step` at `at` comes before the failed one, if any. */
static int may_run(const struct reflect *x, enum step step, size_t at)
{
	return (int)step < x->fault.step || ((int)step == x->fault.step && at < x->fault.at);
}

/* Keeps the failure `rc` of the step `step` at `at`, which comes before
 * any kept (may_run), with its message. */
static void fail_step(struct reflect *x, enum step step, size_t at, int rc)
{
	free(x->fault.msg);
	x->fault.step = (int)step;
	x->fault.at = at;
	x->fault.rc = rc;
	x->fault.msg = strdup(dbt_error_last());
}

/* The failure kept, as the build's error. */
static int fault_error(const struct reflect *x)
{
	if (!x->fault.msg)
		return dbt_error_oom();
	return dbt_error_set(x->fault.rc, "%s", x->fault.msg);
}

/* The kinds of rows of the query, by its column m.type. */
enum { KIND_TABLE, KIND_INDEX, KIND_VIEW, KIND_TRIGGER, KIND_OTHER };

static unsigned char row_kind(const char *type)
{
	static const char *const kinds[] = {"table", "index", "view", "trigger"};
	unsigned char k;

	for (k = 0; k < KIND_OTHER && strcmp(type, kinds[k]); k++)
		;
	return k;
}

/*
 * The query's views and triggers, then its tables, in creation order,
 * not yet built, with their CREATE INDEX rows: the lookup of tables by
 * name needs every table's name from the start, and an index is built
 * with its table.
 */

static int read_tables(struct reflect *x, const struct rows *rows)
{
	dbt_buf names = DBT_BUF_INIT;
	size_t i, row, n = 0, nix = 0, *at = NULL, *tab = NULL;
	unsigned char *kind = malloc(rows->n ? rows->n : 1);
	int trigger, rc = 0;

	if (!kind)
		return dbt_error_oom();
	/* Each row's kind, read once. */
	for (row = 0; row < rows->n; row++) {
		kind[row] = row_kind(row_col(rows, row, ROW_TYPE));
		n += kind[row] == KIND_TABLE;
		nix += kind[row] == KIND_INDEX;
	}
	/* The views, then the triggers. */
	for (trigger = 0; trigger < 2; trigger++)
		for (row = 0; row < rows->n; row++)
			if (kind[row] == (trigger ? KIND_TRIGGER : KIND_VIEW) &&
			    (rc = add_robj(x, trigger, row_col(rows, row, ROW_NAME),
					   row_col(rows, row, ROW_TBL),
					   row_col(rows, row, ROW_SQL))) < 0)
				goto cleanup;
	if (!(x->tabs = calloc(n ? n : 1, sizeof(*x->tabs))) ||
	    !(x->sorted = malloc((n ? n : 1) * sizeof(*x->sorted))) ||
	    !(at = malloc((n ? n : 1) * sizeof(*at))) ||
	    !(tab = malloc((nix ? nix : 1) * sizeof(*tab))) ||
	    !(x->ix_row = malloc((nix ? nix : 1) * sizeof(*x->ix_row))) ||
	    !(x->idx_of = malloc((nix ? nix : 1) * sizeof(*x->idx_of))) ||
	    !(x->ix_at = malloc((nix ? nix : 1) * sizeof(*x->ix_at)))) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	for (row = 0; row < rows->n; row++) {
		if (kind[row] != KIND_TABLE)
			continue;
		x->tabs[x->ntabs].row = row;
		at[x->ntabs++] = names.len;
		dbt_buf_puts(&names, row_col(rows, row, ROW_NAME));
		dbt_buf_putc(&names, '\0');
	}
	if (names.oom || !(x->names = dbt_buf_detach(&names))) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	for (i = 0; i < x->ntabs; i++) {
		x->tabs[i].stored = x->names + at[i];
		x->sorted[i] = &x->tabs[i];
	}
	qsort(x->sorted, x->ntabs, sizeof(*x->sorted), cmp_rtable);
	/* The indexes of each table, in creation order: counted, then placed. */
	for (row = 0, nix = 0; row < rows->n; row++) {
		struct rtable *rt;

		if (kind[row] == KIND_INDEX &&
		    (rt = dbt_sqlite_find_table(x, row_col(rows, row, ROW_TBL)))) {
			tab[nix] = (size_t)(rt - x->tabs);
			x->ix_row[nix++] = row;
			rt->nidx++;
		}
	}
	for (i = 0, n = 0; i < x->ntabs; i++) {
		x->tabs[i].idx_at = n;
		n += x->tabs[i].nidx;
	}
	for (i = 0; i < nix; i++)
		x->idx_of[x->tabs[tab[i]].idx_at++] = i;
	for (i = 0; i < x->ntabs; i++)
		x->tabs[i].idx_at -= x->tabs[i].nidx;
cleanup:
	dbt_buf_release(&names);
	free(kind);
	free(at);
	free(tab);
	return rc;
}

/* Table `i`'s stored SQL (taken from x->pre where dbt_sqlite_preparse_tables read
 * it, else read here) and its table in the result. */
static int read_table(struct reflect *x, const struct rows *rows, size_t i)
{
	struct rtable *rt = &x->tabs[i];
	const char *sql = row_col(rows, rt->row, ROW_SQL);
	int rc;

	if (!strncasecmp(sql, "CREATE VIRTUAL", 14))
		return dbt_error_set(DBT_ERROR,
				     "cannot reflect table '%s': it is a virtual table, "
				     "which a schema cannot represent",
				     rt->stored);
	if (i < x->npre && x->pre[i].t) {
		rt->def = x->pre[i];
		memset(&x->pre[i], 0, sizeof(x->pre[i]));
	} else if ((rc = read_table_sql(&rt->def, x->scratch, sql)) < 0) {
		return table_fail(rt->stored, rc);
	}
	if ((rc = dbt_schema_add_table(&rt->t, x->out, rt->def.t->name, rt->def.t->quoted)) < 0)
		return rc;
	rt->t->strict = rt->def.strict;
	rt->t->without_rowid = rt->def.without_rowid;
	return 0;
}

/* Whether rt's primary key is the rowid alias, which has no index: one
 * column declared INTEGER in a rowid table, not "INTEGER PRIMARY KEY
 * DESC" (SQLite's rule in sqlite3AddPrimaryKey; rt->integer_pk says
 * whether a key column is declared INTEGER). */
static int rowid_alias(const struct rtable *rt)
{
	return rt->t->pk && rt->t->pk->ncolumns == 1 && rt->integer_pk && !rt->def.without_rowid &&
	       !rt->def.pk_desc;
}

/* The primary key from the columns' places in it (`pkpos`), named as
 * declared or by a named unique constraint on the same columns (as
 * dbt_table_normalize moves the name of a unique constraint it drops). */
static int make_pk(struct rtable *rt, const int *pkpos)
{
	const dbt_table *def = rt->def.t;
	const char *name = def->pk && def->pk->name_given ? def->pk->name : NULL;
	dbt_unique *pk;
	size_t i, j, n = 0;
	int pos, rc;

	for (i = 0; i < rt->t->ncolumns; i++)
		n += pkpos[i] > 0;
	if (n == 0)
		return 0;
	if ((rc = dbt_table_set_pk(&pk, rt->t, NULL)) < 0)
		return rc;
	for (pos = 1; (size_t)pos <= n; pos++) {
		for (i = 0; i < rt->t->ncolumns && pkpos[i] != pos; i++)
			;
		if (i == rt->t->ncolumns)
			return dbt_error_set(DBT_ERROR,
					     "cannot reflect table '%s': its primary key has a gap",
					     rt->t->name);
		if ((rc = dbt_unique_add_column(pk, rt->t->columns[i]->name)) < 0)
			return rc;
	}
	for (i = 0; !name && i < def->nuniques; i++) {
		const dbt_unique *u = def->uniques[i];

		if (!u->name_given || u->ncolumns != pk->ncolumns)
			continue;
		for (j = 0; j < n && !strcmp(u->columns[j], pk->columns[j]); j++)
			;
		if (j == n)
			name = u->name;
	}
	if (name && !(pk->name = strdup(name)))
		return dbt_error_oom();
	pk->name_given = name != NULL;
	if (def->pk) {
		pk->conflict = def->pk->conflict;
		pk->column_desc = rt->def.pk_desc;
		/* pkpos follows the declared key's order. */
		for (i = 0; i < n && i < def->pk->ncolumns; i++)
			if (dbt_unique_collation(def->pk, i) &&
			    (rc = dbt_unique_set_collation(pk, i,
							   dbt_unique_collation(def->pk, i))) < 0)
				return rc;
	}
	return 0;
}

/* Whether `dflt` is one bare word that SQLite takes as the string of its
 * letters (its grammar's `DEFAULT id`): not a value of its own (NULL,
 * TRUE, CURRENT_TIMESTAMP ...), which the model also keeps as words. */
static int bare_word_default(const char *dflt)
{
	static const char *const values[] = {"true",	     "false",
					     "null",	     "current_timestamp",
					     "current_date", "current_time",
					     "localtime",    "localtimestamp",
					     "current_user", "session_user"};
	dbt_lexer lx;
	dbt_token t, end;
	size_t i;

	dbt_lex_init(&lx, dflt, strlen(dflt));
	if (dbt_lex_next(&lx, &t) < 0 || t.kind != DBT_TOK_WORD || dbt_lex_next(&lx, &end) < 0 ||
	    end.kind != DBT_TOK_END)
		return 0;
	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++)
		if (dbt_token_is(dflt, &t, values[i]))
			return 0;
	return 1;
}

/* SQLite takes DEFAULT "word" (or [word], `word`, or a bare word) as the
 * string 'word': that literal in `*out` (caller frees) when `dflt` is one
 * quoted name or bare word, NULL otherwise. */
static int quoted_default(char **out, const char *dflt)
{
	dbt_buf b = DBT_BUF_INIT;
	dbt_cursor r;
	char *word = NULL;
	int rc;

	*out = NULL;
	if (bare_word_default(dflt)) {
		dbt_literal_quote(&b, dflt);
		if (!(*out = dbt_buf_detach(&b)))
			return dbt_error_oom();
		return 0;
	}
	if (rd_init(&r, dflt, strlen(dflt)) < 0 || r.tok.kind != DBT_TOK_QUOTED) {
		dbt_error_clear();
		return 0;
	}
	if (rd_name(&r, &word, NULL, "a name") < 0) {
		dbt_error_clear();
		return 0;
	}
	rc = 0;
	if (r.tok.kind == DBT_TOK_END) {
		dbt_literal_quote(&b, word);
		if (!(*out = dbt_buf_detach(&b)))
			rc = dbt_error_oom();
	}
	free(word);
	return rc;
}

/* `s` as a string in x->str, until the next call ("" for none); NULL
 * when out of memory. */
static const char *span_str(struct reflect *x, struct span s)
{
	dbt_buf_clear(&x->str);
	dbt_buf_put(&x->str, s.at ? s.at : "", s.len);
	return x->str.oom ? NULL : dbt_buf_str(&x->str);
}

/* Column `cid` of rt's stored SQL, as SQLite reads it: the declared
 * type, NOT NULL, the default's text and the generated expression as
 * written, the place in the primary key as declared.  The column is the
 * one the stored SQL's reader made (read_columns moves them to the
 * reflected table): its name, NOT NULL, AUTOINCREMENT, collation and
 * generated expression are as read, its type and default are set here. */
static int add_column(struct reflect *x, struct rtable *rt, size_t cid)
{
	const struct tcol *tc = &rt->def.cols[cid];
	const dbt_table *def = rt->def.t;
	const char *decl, *dflt;
	char *expr;
	dbt_column *c = rt->t->columns[cid];
	dbt_type type;
	size_t k;
	int rc;

	if (!(decl = span_str(x, tc->decl)))
		return dbt_error_oom();
	if ((rc = dbt_type_from_sqlite_memo(&type, decl, &x->types)) < 0)
		return rc;
	dbt_type_release(&c->type);
	c->type = type;
	x->pkpos[cid] = 0;
	for (k = 0; def->pk && k < def->pk->ncolumns; k++)
		if (!strcmp(def->pk->columns[k], c->name))
			x->pkpos[cid] = (int)k + 1;
	if (x->pkpos[cid] > 0 && !strcasecmp(decl, "INTEGER"))
		rt->integer_pk = 1;
	if (tc->dflt.at) {
		if (!(dflt = span_str(x, tc->dflt)))
			return dbt_error_oom();
		if ((rc = quoted_default(&expr, dflt)) < 0)
			return rc;
		if (!expr && (rc = std_quotes(&expr, dflt, strlen(dflt))) < 0)
			return rc;
		rc = dbt_column_set_default(c, expr, strlen(expr));
		free(expr);
		if (rc < 0)
			return dbt_error_prefix(rc,
						"cannot reflect the default of column '%s' of "
						"table '%s'",
						c->name, rt->t->name);
	}
	return 0;
}

/* rt's columns, from its stored SQL, then its primary key.  A primary
 * key's columns are NOT NULL in a WITHOUT ROWID table, and in a STRICT one
 * but for the rowid alias, as SQLite makes them. */
static int read_columns(struct reflect *x, struct rtable *rt)
{
	size_t j;
	int rc;

	/* The stored SQL's columns become the reflected table's, moved
	 * rather than copied: the reader made them, the keys, foreign keys
	 * and checks of rt->def refer to them by name alone. */
	free(rt->t->columns);
	rt->t->columns = rt->def.t->columns;
	rt->t->ncolumns = rt->def.t->ncolumns;
	rt->def.t->columns = NULL;
	rt->def.t->ncolumns = 0;
	/* One array of places in the key for every table in turn. */
	if (rt->t->ncolumns > x->npkpos) {
		int *v = realloc(x->pkpos, rt->t->ncolumns * sizeof(*v));

		if (!v)
			return dbt_error_oom();
		x->pkpos = v;
		x->npkpos = rt->t->ncolumns;
	}
	if (rt->t->ncolumns)
		memset(x->pkpos, 0, rt->t->ncolumns * sizeof(*x->pkpos));
	for (j = 0; j < rt->def.ncols && j < rt->t->ncolumns; j++)
		if ((rc = add_column(x, rt, j)) < 0)
			return rc;
	/* The stored SQL's types and defaults are read here alone: freed
	 * once read. */
	free(rt->def.cols);
	rt->def.cols = NULL;
	rt->def.ncols = 0;
	if ((rc = make_pk(rt, x->pkpos)) < 0)
		return rc;
	for (j = 0; rt->t->pk && (rt->def.without_rowid || rt->def.strict) && j < rt->t->ncolumns;
	     j++)
		if (x->pkpos[j] > 0 && (rt->def.without_rowid || !rowid_alias(rt)))
			rt->t->columns[j]->not_null = 1;
	return 0;
}

/* 0 when both collations (NULL: none) are one, as strcmp. */
static int collation_cmp(const char *a, const char *b)
{
	if (!a || !b)
		return !a != !b;
	return dbt_name_casecmp(a, b);
}

static int same_columns(const dbt_unique *a, const dbt_unique *b)
{
	size_t i;

	if (a->ncolumns != b->ncolumns)
		return 0;
	/* SQLite's keys with other collations are other indexes. */
	for (i = 0; i < a->ncolumns && !strcmp(a->columns[i], b->columns[i]) &&
		    !collation_cmp(dbt_unique_collation(a, i), dbt_unique_collation(b, i));
	     i++)
		;
	return i == a->ncolumns;
}

/*
 * The unique constraints, from the stored SQL alone.  SQLite makes an
 * index (sqlite_autoindex_*, which has no SQL of its own) for each
 * UNIQUE, except one on the same columns as the primary key's index or
 * an earlier UNIQUE's: those are the same index.  Each is named as the
 * first named constraint declared on its columns, with the first one's
 * ON CONFLICT, as SQLite keeps it.
 */
static int add_uniques(struct rtable *rt)
{
	const dbt_table *def = rt->def.t;
	size_t i, j;
	int rc;

	for (i = 0; i < def->nuniques; i++) {
		const dbt_unique *d = def->uniques[i];
		const char *name = NULL;
		dbt_unique *u;

		if (rt->t->pk && !rowid_alias(rt) && same_columns(d, rt->t->pk))
			continue;
		for (j = 0; j < i && !same_columns(d, def->uniques[j]); j++)
			;
		if (j < i)
			continue;
		if ((rc = dbt_table_add_unique(&u, rt->t, NULL)) < 0)
			return rc;
		for (j = 0; j < d->ncolumns; j++)
			if ((rc = dbt_unique_add_column(u, d->columns[j])) < 0 ||
			    (dbt_unique_collation(d, j) &&
			     (rc = dbt_unique_set_collation(u, j, dbt_unique_collation(d, j))) < 0))
				return rc;
		u->conflict = d->conflict;
		for (j = i; !name && j < def->nuniques; j++)
			if (def->uniques[j]->name_given && same_columns(d, def->uniques[j]))
				name = def->uniques[j]->name;
		if (name && !(u->name = strdup(name)))
			return dbt_error_oom();
		u->name_given = name != NULL;
	}
	return 0;
}

/* The column that a key of a stored CREATE INDEX names, as SQLite
 * resolves it, into `*out`: a name, maybe in parentheses, of a column of
 * rt; NULL for an expression.  `*rowid` is set when the name is the
 * rowid's.  Fails only when memory runs out. */
static int key_column(const struct rtable *rt, const char *text, size_t len, int *rowid,
		      const dbt_column **out)
{
	dbt_cursor r;
	char *folded = NULL, *stored = NULL;
	const dbt_column *c;
	int open = 0, dq, rc = 0;

	*rowid = 0;
	*out = NULL;
	if (rd_init(&r, text, len) < 0)
		goto expression;
	for (; dbt_cursor_is(&r, "("); open++)
		if (dbt_cursor_next(&r) < 0)
			goto expression;
	if (r.tok.kind != DBT_TOK_WORD && r.tok.kind != DBT_TOK_QUOTED &&
	    !(r.tok.kind == DBT_TOK_STRING && r.text[r.tok.start] == '\''))
		goto expression;
	dq = r.tok.kind == DBT_TOK_QUOTED && r.quote == '"';
	/* A name token read into a string: only memory can fail here. */
	if ((rc = rd_name(&r, &folded, &stored, "a name")) < 0)
		goto cleanup;
	for (; open > 0 && dbt_cursor_is(&r, ")"); open--)
		if (dbt_cursor_next(&r) < 0)
			goto expression;
	if (open || r.tok.kind != DBT_TOK_END)
		goto expression;
	c = find_column(rt, stored);
	/* A "name" that is no column is a string (SQLite's double-quoted
	 * string literals). */
	if (!c && !dq)
		*rowid = !strcasecmp(stored, "rowid") || !strcasecmp(stored, "oid") ||
			 !strcasecmp(stored, "_rowid_");
	*out = c;
expression:
	/* What the tokenizer could not read is an expression's, not an error. */
	dbt_error_clear();
cleanup:
	free(folded);
	free(stored);
	return rc;
}

/* An index made by CREATE INDEX, from its stored SQL: a key that is a
 * column without COLLATE is that column; any other is an expression (a
 * column with a COLLATE written, even the column's own collation, is
 * the expression "key COLLATE name", as the model holds it). */
static int add_index(struct reflect *x, struct rtable *rt, const char *iname, const char *sql)
{
	struct idef d;
	dbt_index *ix;
	char *expr = NULL;
	size_t i;
	int rc;

	if ((rc = read_index_sql(&d, sql)) < 0)
		goto fail;
	if ((rc = dbt_schema_add_index(&ix, x->out, d.name, dbt_ident_needs_quotes(d.name),
				       rt->t->name, d.unique)) < 0)
		goto cleanup;
	for (i = 0; i < d.nelems; i++) {
		const struct ielem *e = &d.elems[i];
		const dbt_column *c;
		int rowid;

		if ((rc = key_column(rt, sql + e->from, e->to - e->from, &rowid, &c)) < 0)
			goto fail;
		if (rowid) {
			rc = dbt_error_set(DBT_ERROR,
					   "its key %zu is the rowid, which a schema cannot "
					   "represent",
					   i + 1);
			goto fail;
		}
		if (c && !e->collate) {
			rc = dbt_index_add_column(ix, c->name, e->desc);
		} else {
			free(expr);
			if ((rc = std_quotes(&expr, sql + e->from, e->cto - e->from)) < 0)
				goto cleanup;
			rc = dbt_index_add_expr(ix, expr, strlen(expr), e->desc);
		}
		if (rc < 0)
			goto fail;
	}
	if (d.has_where) {
		free(expr);
		if ((rc = std_quotes(&expr, sql + d.where_from, d.where_to - d.where_from)) < 0)
			goto cleanup;
		if ((rc = dbt_index_set_where(ix, expr, strlen(expr))) < 0)
			goto fail;
	}
	rc = 0;
	goto cleanup;
fail:
	rc = dbt_error_prefix(rc, "cannot reflect index '%s' of table '%s'", iname, rt->t->name);
cleanup:
	free(expr);
	idef_release(&d);
	return rc;
}

/* rt's indexes made by CREATE INDEX, in the order they were made, each
 * read from its stored SQL.  An index that fails is kept (fail_step), and
 * the indexes made after it are left. */
static void read_indexes(struct reflect *x, const struct rows *rows, struct rtable *rt)
{
	size_t j;
	int rc;

	for (j = rt->idx_at; j < rt->idx_at + rt->nidx; j++) {
		size_t k = x->idx_of[j], row = x->ix_row[k];

		if (!may_run(x, STEP_INDEX, row))
			return;
		if ((rc = add_index(x, rt, row_col(rows, row, ROW_NAME),
				    row_col(rows, row, ROW_SQL))) < 0) {
			fail_step(x, STEP_INDEX, row, rc);
			return;
		}
		x->ix_at[x->out->nindexes - 1] = k;
	}
}

/* The result's indexes in the order they were made, as the query has
 * them, when every table's were added with it: x->ix_at is then a
 * permutation, followed cycle by cycle. */
static void order_indexes(struct reflect *x)
{
	dbt_index **v = x->out->indexes, *ix;
	size_t *at = x->ix_at, i, k;

	for (i = 0; i < x->out->nindexes; i++) {
		while ((k = at[i]) != i) {
			ix = v[k];
			v[k] = v[i];
			v[i] = ix;
			at[i] = at[k];
			at[k] = k;
		}
	}
}

/*
 * One foreign key of rt's stored SQL (to `target`, the table SQLite
 * finds under its name; NULL when none), which says all that
 * pragma_foreign_key_list would: columns, referenced table and columns,
 * and actions (the last ON DELETE and ON UPDATE, as SQLite keeps them).
 * A referenced column is as its table spells it, or as the constraint
 * spells it when that table or column is missing; without referenced
 * columns, those of the referenced table's primary key.
 */
static int add_fk(struct rtable *rt, const dbt_fk *dfk, const struct rtable *target)
{
	const dbt_column *c;
	dbt_fk *fk;
	size_t i;
	int rc;

	if ((rc = dbt_table_add_fk(&fk, rt->t, dfk->name_given ? dfk->name : NULL,
				   target ? target->t->name : dfk->ref_table)) < 0)
		return rc;
	fk->deferrable = dfk->deferrable;
	fk->initially_deferred = dfk->initially_deferred;
	fk->match = dfk->match;
	fk->on_update = dfk->on_update;
	fk->on_delete = dfk->on_delete;
	fk->ref_columns_given = dfk->ref_columns_given;
	for (i = 0; i < dfk->ncolumns; i++)
		if ((rc = dbt_fk_add_column(fk, dfk->columns[i])) < 0)
			return rc;
	if (!fk->ref_columns_given) {
		if (!target || !target->t->pk)
			return dbt_error_set(DBT_ERROR,
					     "cannot reflect table '%s': a foreign key references "
					     "table '%s', which %s",
					     rt->t->name, dfk->ref_table,
					     target ? "has no primary key" : "does not exist");
		for (i = 0; i < target->t->pk->ncolumns; i++)
			if ((rc = dbt_fk_add_ref_column(fk, target->t->pk->columns[i])) < 0)
				return rc;
		return 0;
	}
	for (i = 0; i < dfk->nref_columns; i++) {
		const char *ref = dfk->ref_columns[i];

		if (target && (c = find_column(target, ref)))
			ref = c->name;
		if ((rc = dbt_fk_add_ref_column(fk, ref)) < 0)
			return rc;
	}
	return 0;
}

/* The tables that rt's foreign keys name, in x->targets (NULL for a name
 * of no table); `*wait` is set when one is built after rt: the foreign
 * key needs its key and columns. */
static int find_targets(struct reflect *x, const struct rtable *rt, int *wait)
{
	size_t j, n = rt->def.t->nfks;

	*wait = 0;
	if (n > x->ntargets) {
		const struct rtable **v = realloc(x->targets, n * sizeof(*v));

		if (!v)
			return dbt_error_oom();
		x->targets = v;
		x->ntargets = n;
	}
	for (j = 0; j < n; j++) {
		x->targets[j] = dbt_sqlite_find_table(x, rt->def.t->fks[j]->ref_table);
		if (x->targets[j] && x->targets[j] > rt)
			*wait = 1;
	}
	return 0;
}

/* rt's foreign keys, from its stored SQL (no query of their own), to the
 * tables find_targets found. */
static int read_fks(struct reflect *x, struct rtable *rt)
{
	size_t j;
	int rc;

	for (j = 0; j < rt->def.t->nfks; j++)
		if ((rc = add_fk(rt, rt->def.t->fks[j], x->targets[j])) < 0)
			return rc;
	return 0;
}

/* ------------------------------------------------------------ the build */

/* The keys and foreign keys that rt's stored SQL declares, once its table
 * is built: freed while they are in the caches rather than with the
 * scratch schema at the end, when they no longer are. */
static void release_def(struct rtable *rt)
{
	dbt_table *d = rt->def.t;

	dbt_table_remove_pk(d);
	while (d->nuniques)
		dbt_table_remove_unique(d, d->nuniques - 1);
	while (d->nfks)
		dbt_table_remove_fk(d, d->nfks - 1);
}

/*
 * Table `i`, all that needs no later table: its columns and key, its
 * indexes, unique constraints and checks, its foreign keys unless one
 * waits (rt->fks_wait); a step that fails is kept (fail_step).  `*unnamed`
 * is set when the table has something dbt_schema_name_auto names.
 */
static void build_table(struct reflect *x, const struct rows *rows, size_t i, int *unnamed)
{
	struct rtable *rt = &x->tabs[i];
	int rc;

	if (!may_run(x, STEP_TABLE, i))
		return;
	if ((rc = read_table(x, rows, i)) < 0) {
		fail_step(x, STEP_TABLE, i, rc);
		return;
	}
	if (!may_run(x, STEP_COLUMNS, i))
		return;
	if ((rc = read_columns(x, rt)) < 0) {
		fail_step(x, STEP_COLUMNS, i, rc);
		return;
	}
	read_indexes(x, rows, rt);
	if (!may_run(x, STEP_UNIQUES, i))
		return;
	if ((rc = add_uniques(rt)) < 0) {
		fail_step(x, STEP_UNIQUES, i, rc);
		return;
	}
	/* The checks are read from the stored SQL alone: move them. */
	rt->t->checks = rt->def.t->checks;
	rt->t->nchecks = rt->def.t->nchecks;
	rt->def.t->checks = NULL;
	rt->def.t->nchecks = 0;
	dbt_table_normalize(rt->t);
	/* A STRICT or WITHOUT ROWID table's key is NOT NULL; another table's
	 * only where SQLite enforces it. */
	dbt_table_sqlite_pk_nulls(rt->t);
	if (!may_run(x, STEP_FKS, i))
		return;
	if ((rc = find_targets(x, rt, &rt->fks_wait)) == 0 && rt->fks_wait)
		return;
	if (rc < 0 || (rc = read_fks(x, rt)) < 0) {
		fail_step(x, STEP_FKS, i, rc);
		return;
	}
	*unnamed |= dbt_table_lacks_name(rt->t);
	release_def(rt);
}

/*
 * The schema, from the parsed rows (`rows`, released once read): the
 * tables one at a time (build_table), then the foreign keys that waited
 * for a later table, the names PostgreSQL would give (only when something
 * has none), the views and triggers.
 */
int dbt_sqlite_build_schema(struct reflect *x, struct rows *rows)
{
	size_t i;
	int unnamed = 0, wait, rc;

	x->fault.step = STEP_NONE;
	if ((rc = read_tables(x, rows)) < 0)
		return rc;
	for (i = 0; i < x->ntabs && may_run(x, STEP_TABLE, i); i++)
		build_table(x, rows, i, &unnamed);
	/* The rows are all read, and every tdef of x->pre taken but where a
	 * failure left it. */
	rows_release(rows);
	memset(rows, 0, sizeof(*rows));
	for (i = 0; i < x->npre; i++)
		tdef_release(&x->pre[i]);
	free(x->pre);
	x->pre = NULL;
	x->npre = 0;
	for (i = 0; i < x->ntabs && may_run(x, STEP_FKS, i); i++) {
		struct rtable *rt = &x->tabs[i];

		if (!rt->fks_wait)
			continue;
		if ((rc = find_targets(x, rt, &wait)) < 0 || (rc = read_fks(x, rt)) < 0) {
			fail_step(x, STEP_FKS, i, rc);
			continue;
		}
		unnamed |= dbt_table_lacks_name(rt->t);
		release_def(rt);
	}
	if (x->fault.step != STEP_NONE)
		return fault_error(x);
	order_indexes(x);
	for (i = 0; i < x->out->nindexes; i++)
		unnamed |= !x->out->indexes[i]->name;
	if (unnamed && (rc = dbt_schema_name_auto(x->out)) < 0)
		return rc;
	return dbt_sqlite_read_objects(x);
}
