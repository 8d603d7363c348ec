/*
 * parse_index.c - CREATE [UNIQUE] INDEX for the model parser (see
 * parse_internal.h): index elements (columns or expressions, with their
 * collation and ordering) and the partial index's WHERE.
 */
#include "parse_internal.h"

#include "ident.h"

#include "error.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The column an index key "(name)" names, when it is just a name: 1 and
 * the name in `out` (caller frees), else 0. */
static int plain_name(const char *expr, char **out)
{
	dbt_lexer lx;
	dbt_token a, b;

	*out = NULL;
	dbt_lex_init(&lx, expr, strlen(expr));
	if (dbt_lex_next(&lx, &a) < 0 || dbt_lex_next(&lx, &b) < 0 || b.kind != DBT_TOK_END)
		return 0;
	if (a.kind != DBT_TOK_QUOTED &&
	    (a.kind != DBT_TOK_WORD || dbt_sql_keyword(expr + a.start, a.len)))
		return 0;
	*out = dbt_token_name(expr, &a);
	return *out ? 1 : dbt_error_oom();
}

/* One key of an index: a column, a function call or "(expression)". */
/* A name as an expression needs it: bare when that reads back the same. */
void put_expr_name(dbt_buf *b, const char *name)
{
	const char *s;
	int bare = (name[0] >= 'a' && name[0] <= 'z') || name[0] == '_';

	for (s = name; bare && *s; s++)
		bare = (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_';
	if (bare && dbt_sql_keyword(name, strlen(name)) != DBT_KW_RESERVED) {
		dbt_buf_puts(b, name);
		return;
	}
	dbt_buf_putc(b, '"');
	for (s = name; *s; s++) {
		if (*s == '"')
			dbt_buf_putc(b, '"');
		dbt_buf_putc(b, *s);
	}
	dbt_buf_putc(b, '"');
}

/* Keeps the name `*slot` until the end of the parse, for a ref that points
 * at it, and empties the slot. */
static int keep_name(struct parser *p, char **slot)
{
	char **v;

	if (!*slot)
		return 0;
	if (!(v = realloc(p->kept, (p->nkept + 1) * sizeof(*v))))
		return dbt_error_oom();
	p->kept = v;
	v[p->nkept++] = *slot;
	*slot = NULL;
	return 0;
}

/* dbt_schema_normalize_expr() of an index key read at `line`, `col`: its
 * error (a quoted name the key's text leaves empty or open) named with
 * the key's place, as the parser's own are. */
static int normalize_key(struct parser *p, char **out, const char *text, size_t len, int line,
			 int col)
{
	int rc = dbt_schema_normalize_expr(out, text, len);

	if (rc == DBT_EPARSE)
		return dbt_error_prefix(rc, "%s:%d:%d", p->path, line, col);
	return rc;
}

/*
 * An index key that goes on after its column or call with an operator
 * (the current token), as SQLite takes it without parentheses:
 * `ON t (a + b)`, `(lower(a) || b)`, and as the model takes PostgreSQL's
 * word operators too: `(created_at AT TIME ZONE 'utc')`.  The key, from
 * `from`, becomes the expression up to the ',' or ')' that ends it, or its
 * COLLATE, ASC, DESC or NULLS.
 */
static int index_bare_expr(struct parser *p, dbt_index *ix, size_t from, int line, int col)
{
	dbt_index_elem *e = &ix->elems[ix->nelems - 1];
	char *typed = NULL, *expr = NULL;
	int depth = 0, rc;

	if (e->column && (rc = add_ref(p, ix->table, e->column, line, col)) < 0)
		return rc;
	for (;;) {
		/* As in parse_parens: an operator with nothing after it
		 * ("ON t ((a * 2) + DESC)") is refused at its place. */
		int after_op;

		if (p->cur.tok.kind == DBT_TOK_END || is(p, ";"))
			return expected(p, "')'");
		if (depth == 0 && (is(p, ",") || is(p, ")") || is(p, "collate") || is(p, "asc") ||
				   is(p, "desc") || is(p, "nulls")))
			break;
		if (is(p, "("))
			depth++;
		else if (is(p, ")"))
			depth--;
		after_op = p->cur.tok.kind == DBT_TOK_OP && !is(p, "*");
		if ((rc = next(p)) < 0)
			return rc;
		if (after_op && (is(p, ")") || is(p, ",") ||
				 (depth == 0 && (is(p, "collate") || is(p, "asc") ||
						 is(p, "desc") || is(p, "nulls")))))
			return expected(p, "an operand");
	}
	if ((rc = typed_literals(&typed, p->text + from, p->cur.prev_end - from)) < 0 ||
	    (rc = normalize_key(p, &expr, typed, strlen(typed), line, col)) < 0 ||
	    (rc = keep_name(p, &e->column)) < 0)
		goto cleanup;
	free(e->expr);
	e->expr = expr;
	expr = NULL;
cleanup:
	free(typed);
	free(expr);
	return rc;
}

/*
 * COLLATE after an index key (the current token): the key becomes the
 * expression "key COLLATE name", as the database keeps a key with a
 * collation of its own (SQLite's `name COLLATE NOCASE`, PostgreSQL's
 * `name COLLATE "C"`).  The key's column must exist all the same.
 */
static int index_collate(struct parser *p, dbt_index *ix, int line, int col)
{
	dbt_index_elem *e = &ix->elems[ix->nelems - 1];
	struct name coll = {NULL, 0, 0, 0};
	dbt_buf b = DBT_BUF_INIT;
	char *expr;
	size_t from;
	int rc;

	if ((rc = next(p)) < 0)
		return rc;
	if ((rc = parse_collation_name(p, &coll, &from)) < 0)
		goto cleanup;
	if (e->column) {
		if ((rc = add_ref(p, ix->table, e->column, line, col)) < 0)
			goto cleanup;
		put_expr_name(&b, e->column);
	} else {
		dbt_buf_puts(&b, e->expr);
	}
	dbt_buf_puts(&b, " COLLATE ");
	dbt_buf_put(&b, p->text + from, p->cur.prev_end - from);
	if (b.oom) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	if ((rc = normalize_key(p, &expr, b.ptr, b.len, line, col)) < 0)
		goto cleanup;
	/* The column's name stays until the end, for the ref to it. */
	if ((rc = keep_name(p, &e->column)) < 0) {
		free(expr);
		goto cleanup;
	}
	free(e->expr);
	e->expr = expr;
	rc = 0;
cleanup:
	name_release(&coll);
	dbt_buf_release(&b);
	return rc;
}

/*
 * The prefix length of MariaDB/MySQL's key part `name(10)` (as inspect and
 * mariadb-dump print it) when the tokens from the current one are a name,
 * '(', a number and ')'; 0 when they are not (a call, which a number alone
 * would make a constant, no index).
 */
static int key_prefix(const struct parser *p)
{
	dbt_lexer lx = p->cur.lx;
	dbt_token t[3];
	int i;

	if (p->cur.tok.kind != DBT_TOK_WORD && p->cur.tok.kind != DBT_TOK_QUOTED)
		return 0;
	for (i = 0; i < 3; i++)
		if (dbt_lex_next(&lx, &t[i]) < 0)
			return 0;
	if (!dbt_token_is(p->text, &t[0], "(") || t[1].kind != DBT_TOK_NUMBER ||
	    !dbt_token_is(p->text, &t[2], ")"))
		return 0;
	return atoi(p->text + t[1].start);
}

int parse_index_elem(struct parser *p, dbt_index *ix)
{
	struct name n = {NULL, 0, 0, 0};
	int line = p->cur.tok.line, col = p->cur.tok.col, rc;
	char *canon = NULL, *column = NULL, *typed = NULL;
	size_t from, len, a, b, from_elem = p->cur.tok.start;
	dbt_token la;

	peek(p, &la);
	if (key_prefix(p) > 0) {
		int prefix = key_prefix(p), i;

		if ((rc = parse_name(p, &n, "a column name")) < 0 ||
		    (rc = dbt_index_add_column(ix, n.s, 0)) < 0)
			goto cleanup;
		ix->elems[ix->nelems - 1].prefix = prefix;
		for (i = 0; i < 3; i++)
			if ((rc = next(p)) < 0)
				goto cleanup;
	} else if (is(p, "(") ||
		   ((p->cur.tok.kind == DBT_TOK_WORD || p->cur.tok.kind == DBT_TOK_QUOTED) &&
		    dbt_token_is(p->text, &la, "("))) {
		int call = !is(p, "(");

		from = p->cur.tok.start;
		if (call && (rc = next(p)) < 0)
			goto cleanup;
		if ((rc = parse_parens(p, &a, &b, call)) < 0)
			goto cleanup;
		if ((rc = typed_literals(&typed, p->text + from, p->cur.prev_end - from)) < 0)
			goto cleanup;
		len = strlen(typed);
		if ((rc = normalize_key(p, &canon, typed, len, line, col)) < 0)
			goto cleanup;
		rc = call ? 0 : plain_name(canon, &column);
		if (rc < 0)
			goto cleanup;
		if (column)
			rc = dbt_index_add_column(ix, column, 0);
		else if ((rc = dbt_index_add_expr(ix, canon, strlen(canon), 0)) == DBT_EPARSE)
			/* The index's own normalization of the key, at its
			 * place too: text the key's normalization left that
			 * does not read again (a comment holding bytes of no
			 * UTF-8 character in brackets after a [name]). */
			rc = dbt_error_prefix(rc, "%s:%d:%d", p->path, line, col);
		if (rc < 0)
			goto cleanup;
	} else {
		if ((rc = parse_name(p, &n, "a column name or expression")) < 0 ||
		    (rc = dbt_index_add_column(ix, n.s, 0)) < 0)
			goto cleanup;
	}
	if ((p->cur.tok.kind == DBT_TOK_OP || word_operator(p)) &&
	    (rc = index_bare_expr(p, ix, from_elem, line, col)) < 0)
		goto cleanup;
	if (is(p, "collate") && (rc = index_collate(p, ix, line, col)) < 0)
		goto cleanup;
	if (ix->elems[ix->nelems - 1].column &&
	    (rc = add_ref(p, ix->table, ix->elems[ix->nelems - 1].column, line, col)) < 0)
		goto cleanup;
	/* An operator class (text_pattern_ops, pg_catalog.varchar_ops). */
	if ((p->cur.tok.kind == DBT_TOK_WORD && !is(p, "asc") && !is(p, "desc") &&
	     !is(p, "nulls") && !is(p, "collate")) ||
	    p->cur.tok.kind == DBT_TOK_QUOTED) {
		struct name oc = {NULL, 0, 0, 0};

		if ((rc = parse_name(p, &oc, "an operator class")) < 0)
			goto cleanup;
		if (is(p, ".")) {
			name_release(&oc);
			if ((rc = next(p)) < 0 ||
			    (rc = parse_name(p, &oc, "an operator class")) < 0)
				goto cleanup;
		}
		ix->elems[ix->nelems - 1].opclass = oc.s;
	}
	if (is(p, "asc") || is(p, "desc")) {
		ix->elems[ix->nelems - 1].desc = is(p, "desc");
		if ((rc = next(p)) < 0)
			goto cleanup;
	}
	if (is(p, "nulls")) {
		dbt_index_elem *e = &ix->elems[ix->nelems - 1];

		if ((rc = next(p)) < 0)
			goto cleanup;
		if (!is(p, "first") && !is(p, "last")) {
			rc = expected(p, "FIRST or LAST");
			goto cleanup;
		}
		/* Only the order the direction does not give by itself is
		 * held: NULLs sort last ascending, first descending. */
		e->nulls = is(p, "first") ? (e->desc ? 0 : DBT_NULLS_FIRST)
					  : (e->desc ? DBT_NULLS_LAST : 0);
		if ((rc = next(p)) < 0)
			goto cleanup;
	}
	rc = 0;
cleanup:
	name_release(&n);
	free(canon);
	free(column);
	free(typed);
	return rc;
}

int parse_index_elems(struct parser *p, dbt_index *ix)
{
	int rc;

	if ((rc = expect(p, "(", "'('")) < 0)
		return rc;
	for (;;) {
		if ((rc = parse_index_elem(p, ix)) < 0)
			return rc;
		if (is(p, ")"))
			break;
		if ((rc = expect(p, ",", "',' or ')'")) < 0)
			return rc;
	}
	return next(p);
}

/* 1 when the model declared the materialized view `name` before. */
static int declared_matview(const struct parser *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->schema->nstatements; i++) {
		const dbt_statement *st = p->schema->statements[i];

		if (st->name && !strcmp(st->kind, "materialized view") && !strcmp(st->name, name))
			return 1;
	}
	return 0;
}

static int add_index_include(void *obj, const char *column)
{
	return dbt_index_add_include(obj, column);
}

/* CREATE [UNIQUE] INDEX has been read, the statement began at `first`:
 * [CONCURRENTLY | ASYNC] [IF NOT EXISTS] [name] [USING BTREE | HASH] ON
 * table [USING method] (keys) [USING BTREE | HASH] [INCLUDE (columns)]
 * [NULLS [NOT] DISTINCT] [WHERE ...]. */
int parse_index(struct parser *p, const dbt_token *first, int unique)
{
	struct name n = {NULL, 0, 0, 0}, tn = {NULL, 0, 0, 0};
	dbt_index *ix;
	dbt_token how = {0};
	size_t name_end, on;
	int line, col, rc;

	/* How the index is built, not what it is: the model's index is
	 * compared and made as a plain one (see README, "The declared
	 * model").  Aurora DSQL's ASYNC says the same; followed by ON, it is
	 * the index's name. */
	if (is(p, "concurrently") || is(p, "async")) {
		dbt_token la;

		peek(p, &la);
		if (is(p, "concurrently") || !dbt_token_is(p->text, &la, "on")) {
			how = p->cur.tok;
			if ((rc = next(p)) < 0)
				goto cleanup;
		}
	}
	if (is(p, "if")) {
		if ((rc = next(p)) < 0 || (rc = expect(p, "not", "NOT")) < 0 ||
		    (rc = expect(p, "exists", "EXISTS")) < 0)
			goto cleanup;
	}
	line = p->cur.tok.line;
	col = p->cur.tok.col;
	if (!is(p, "on") && (rc = parse_name_as(p, &n, "an index name or ON", 1)) < 0)
		goto cleanup;
	/* SQLite qualifies the index's name, not its table's: main.ix. */
	if (n.s && is(p, ".") && !strcmp(n.s, "main")) {
		name_release(&n);
		if ((rc = next(p)) < 0 || (rc = parse_name_as(p, &n, "an index name", 1)) < 0)
			goto cleanup;
		line = n.line;
		col = n.col;
	}
	name_end = p->cur.prev_end;
	/* MariaDB's USING BTREE | HASH before ON or after the keys (not
	 * PostgreSQL's USING method after the table): read and not kept, as
	 * in a key of CREATE TABLE. */
	if ((rc = skip_mysql_index_type(p)) < 0)
		goto cleanup;
	on = p->cur.tok.start;
	if ((rc = expect(p, "on", "ON")) < 0)
		goto cleanup;
	/* ON ONLY: pg_dump's index of a partitioned table, which its
	 * partitions' indexes are attached to. */
	if (is(p, "only") && (rc = next(p)) < 0)
		goto cleanup;
	if ((rc = parse_object_name(p, &tn, "a table name")) < 0)
		goto cleanup;
	/* An index of a materialized view is part of it, as the database
	 * reads it: kept as text, for the scratch database to build. */
	if (declared_matview(p, tn.s)) {
		dbt_statement *st;

		if ((rc = keep_statement(p, first, "index", n.s, &st)) < 0)
			goto cleanup;
		/* Made in a transaction, as any statement of a revision. */
		if (how.len)
			memset(st->sql + (how.start - first->start), ' ', how.len);
		goto cleanup;
	}
	/* An index belongs to its table's schema, which names it there. */
	if (n.s && (rc = dbt_ident_qualify_like(&n.s, tn.s)) < 0)
		goto cleanup;
	if ((rc = dbt_schema_add_index(&ix, p->schema, n.s, n.quoted, tn.s, unique)) < 0)
		goto cleanup;
	ix->line = line;
	ix->col = col;
	ix->table_line = tn.line;
	ix->table_col = tn.col;
	if (n.s && ((rc = take_hint(p, p->stmt_off, p->stmt_line, &ix->renamed_from,
				    &ix->renamed_line, &ix->renamed_col)) < 0 ||
		    (rc = take_trailing_hint(p, name_end, on, &ix->renamed_from, &ix->renamed_line,
					     &ix->renamed_col)) < 0))
		goto cleanup;
	if ((rc = add_ref(p, ix->table, NULL, tn.line, tn.col)) < 0)
		goto cleanup;
	if (is(p, "using")) {
		/* The access method, folded like a name; B-tree, the default,
		 * is held as none, as PostgreSQL's reflection gives it. */
		struct name m = {NULL, 0, 0, 0};

		if ((rc = next(p)) < 0 || (rc = parse_name(p, &m, "an index method")) < 0)
			goto cleanup;
		if (strcmp(m.s, "btree"))
			ix->method = m.s;
		else
			name_release(&m);
	}
	if ((rc = parse_index_elems(p, ix)) < 0 || (rc = skip_mysql_index_type(p)) < 0)
		goto cleanup;
	if (is(p, "include")) {
		ix->pg_line = p->cur.tok.line;
		ix->pg_col = p->cur.tok.col;
		if ((rc = next(p)) < 0 ||
		    (rc = parse_column_list(p, ix, add_index_include, &ix->include, &ix->ninclude,
					    ix->table, "INCLUDE")) < 0)
			goto cleanup;
	}
	if (is(p, "nulls")) {
		int l = 0, c = 0;

		if (!unique) {
			rc = fail_at(p, p->cur.tok.line, p->cur.tok.col,
				     "NULLS NOT DISTINCT is only allowed on a unique index");
			goto cleanup;
		}
		if ((rc = parse_nulls_distinct(p, &ix->nulls_not_distinct, &l, &c)) < 0)
			goto cleanup;
		if (l && !ix->pg_line) {
			ix->pg_line = l;
			ix->pg_col = c;
		}
	}
	if ((rc = parse_storage(p, &ix->storage, &ix->storage_line, &ix->storage_col)) < 0)
		goto cleanup;
	if (ix->storage_line && !ix->pg_line) {
		ix->pg_line = ix->storage_line;
		ix->pg_col = ix->storage_col;
	}
	if (is(p, "where")) {
		size_t from;
		int depth = 0, wline, wcol;
		char *typed;

		if ((rc = next(p)) < 0)
			goto cleanup;
		if (p->cur.tok.kind == DBT_TOK_END || is(p, ";") || is(p, ")")) {
			rc = expected(p, "an expression");
			goto cleanup;
		}
		from = p->cur.tok.start;
		wline = p->cur.tok.line;
		wcol = p->cur.tok.col;
		while (p->cur.tok.kind != DBT_TOK_END && !is(p, ";") &&
		       !(depth == 0 && is(p, ")"))) {
			if (is(p, "("))
				depth++;
			else if (is(p, ")"))
				depth--;
			if ((rc = next(p)) < 0)
				goto cleanup;
		}
		if (depth > 0) {
			rc = expected(p, "')'");
			goto cleanup;
		}
		if ((rc = typed_literals(&typed, p->text + from, p->cur.prev_end - from)) < 0)
			goto cleanup;
		rc = dbt_index_set_where(ix, typed, strlen(typed));
		free(typed);
		/* The predicate's own error, at its place. */
		if (rc == DBT_EPARSE)
			rc = fail_at(p, wline, wcol, "%s", dbt_error_last());
		if (rc < 0)
			goto cleanup;
	}
	rc = 0;
cleanup:
	name_release(&n);
	name_release(&tn);
	return rc;
}
