/*
 * parse_table.c - CREATE TABLE for the model parser (see parse_internal.h):
 * the statement itself, LIKE, the table's options (PostgreSQL's storage
 * parameters, which an index or a key takes too, and SQLite's STRICT and
 * WITHOUT ROWID) and partitioning (PARTITION BY, PARTITION OF).  The table
 * constraints are read in parse_constraint.c, the columns in
 * parse_column.c.
 */
#include "parse_internal.h"

#include "defaults.h"
#include "error.h"
#include "ident.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A storage parameter's value as PostgreSQL keeps it (see
 * dbt_storage_canon), from the current token on, in `out`. */
static int storage_value(struct parser *p, char *out, size_t size)
{
	const char *s = p->text + p->cur.tok.start;
	size_t n = p->cur.tok.len, i, k = 0;
	int neg = 0, rc;

	if (is(p, "-") || is(p, "+")) {
		neg = is(p, "-");
		if ((rc = next(p)) < 0)
			return rc;
		if (p->cur.tok.kind != DBT_TOK_NUMBER)
			return expected(p, "a number");
		s = p->text + p->cur.tok.start;
		n = p->cur.tok.len;
	}
	if (p->cur.tok.kind == DBT_TOK_STRING) {
		if (n < 2 || s[0] != '\'')
			return expected(p, "a plain 'string'");
		s++;
		n -= 2;
	} else if (p->cur.tok.kind != DBT_TOK_WORD && p->cur.tok.kind != DBT_TOK_NUMBER) {
		return expected(p, "a value");
	}
	/* An integer without leading zeros, as PostgreSQL prints it. */
	while (p->cur.tok.kind == DBT_TOK_NUMBER && n > 1 && s[0] == '0' && s[1] >= '0' &&
	       s[1] <= '9')
		s++, n--;
	if (neg)
		out[k++] = '-';
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (k + 1 >= size ||
		    !(isalnum(ch) || ch == '_' || ch == '.' || ch == '-' || ch == '+'))
			return fail_at(p, p->cur.tok.line, p->cur.tok.col,
				       "a storage parameter's value must be a number or a word");
		if (ch == '\'' && i + 1 < n)
			i++;
		out[k++] = p->cur.tok.kind == DBT_TOK_WORD ? (char)tolower(ch) : (char)ch;
	}
	out[k] = '\0';
	if (!k)
		return expected(p, "a value");
	return next(p);
}

/*
 * A storage parameter's name, from the current token, in `out`: every
 * parameter PostgreSQL knows is letters, digits and '_', so a name is a
 * word of those, folded, or a "quoted" name of those in lower case,
 * taken as it is; anything else is refused here rather than rendered as
 * a name no parameter has.
 */
static int storage_name(struct parser *p, char *out, size_t size)
{
	const char *s = p->text + p->cur.tok.start;
	size_t n = p->cur.tok.len, k;
	int quoted = p->cur.tok.kind == DBT_TOK_QUOTED;

	if (quoted && n >= 2 && s[0] == '"') {
		s++;
		n -= 2;
	} else if (p->cur.tok.kind != DBT_TOK_WORD) {
		return expected(p, "a storage parameter");
	}
	if (!n || n >= size)
		return expected(p, "a storage parameter");
	for (k = 0; k < n; k++) {
		unsigned char ch = (unsigned char)s[k];

		if (!(isalnum(ch) || ch == '_') || ch >= 0x80 || (quoted && isupper(ch)))
			return expected(p, "a storage parameter");
		out[k] = (char)tolower(ch);
	}
	out[k] = '\0';
	return 0;
}

int parse_storage(struct parser *p, char **out, int *line, int *col)
{
	int l = p->cur.tok.line, c = p->cur.tok.col, rc;
	char **items = NULL, **v;
	size_t n = 0, i;
	dbt_token la;

	if (!is(p, "with"))
		return 0;
	peek(p, &la);
	if (!dbt_token_is(p->text, &la, "("))
		return 0;
	if ((rc = next(p)) < 0)
		return rc;
	do {
		char name[64], value[64], item[132];

		if ((rc = next(p)) < 0)
			goto cleanup;
		if ((rc = storage_name(p, name, sizeof(name))) < 0)
			goto cleanup;
		if ((rc = next(p)) < 0)
			goto cleanup;
		if (is(p, ".")) {
			rc = fail_at(p, p->cur.tok.line, p->cur.tok.col,
				     "storage parameters of the TOAST table ('%s.') are not "
				     "managed",
				     name);
			goto cleanup;
		}
		strcpy(value, "true");
		if (is(p, "=") &&
		    ((rc = next(p)) < 0 || (rc = storage_value(p, value, sizeof(value))) < 0))
			goto cleanup;
		snprintf(item, sizeof(item), "%s=%s", name, value);
		if (!(v = realloc(items, (n + 1) * sizeof(*v))) || !(v[n] = strdup(item))) {
			if (v)
				items = v;
			rc = dbt_error_oom();
			goto cleanup;
		}
		items = v;
		n++;
	} while (is(p, ","));
	if ((rc = expect(p, ")", "',' or ')'")) < 0 || (rc = dbt_storage_canon(out, items, n)) < 0)
		goto cleanup;
	*line = l;
	*col = c;
cleanup:
	for (i = 0; i < n; i++)
		free(items[i]);
	free(items);
	return rc;
}

int parse_key_storage(struct parser *p, dbt_unique *k)
{
	int line = 0, col = 0, rc;

	if ((rc = skip_mysql_index_type(p)) < 0 ||
	    (rc = parse_storage(p, &k->storage, &line, &col)) < 0)
		return rc;
	if (line && !k->pg_line) {
		k->pg_line = line;
		k->pg_col = col;
	}
	return 0;
}

int dbtool_own_table(const char *name)
{
	return !strcmp(name, DBT_VERSION_TABLE) || !strcmp(name, DBT_HISTORY_TABLE) ||
	       !strcmp(name, DBT_JOURNAL_TABLE);
}

/* Reads up to the statement's end: a ';' outside parentheses and
 * outside BEGIN ... END and CASE ... END (trigger and function bodies). */
int skip_statement(struct parser *p)
{
	int depth = 0, block = 0, rc;

	while (p->cur.tok.kind != DBT_TOK_END) {
		if (is(p, ";") && depth == 0 && block == 0)
			break;
		if (is(p, "("))
			depth++;
		else if (is(p, ")") && depth > 0)
			depth--;
		else if (is(p, "begin") || is(p, "case"))
			block++;
		else if (is(p, "end") && block > 0)
			block--;
		if ((rc = next(p)) < 0)
			return rc;
	}
	return 0;
}

/* Where the comments on CREATE TABLE's own line end, the current token
 * being the '(' after the name: the end of the line of the '(', or where
 * the first column starts on it. */
static size_t table_line_end(const struct parser *p)
{
	size_t end = line_end(p, p->cur.tok.start);
	dbt_token la;

	if (!is(p, "("))
		return p->cur.tok.start;
	peek(p, &la);
	return la.start < end ? la.start : end;
}

/* SQLite's table options after CREATE TABLE's ')': STRICT and WITHOUT
 * ROWID, separated by commas, each at most once.  PostgreSQL has neither
 * (dbt_schema_adapt refuses them there, naming the place). */
static int parse_table_options(struct parser *p, dbt_table *t)
{
	int rc, line, col;

	if (!is(p, "strict") && !is(p, "without"))
		return 0;
	for (;;) {
		line = p->cur.tok.line;
		col = p->cur.tok.col;
		if (is(p, "strict")) {
			if (t->strict)
				return fail_at(p, line, col, "table '%s' is STRICT twice", t->name);
			t->strict = 1;
			t->strict_line = line;
			t->strict_col = col;
		} else if (is(p, "without")) {
			if ((rc = next(p)) < 0)
				return rc;
			if (!is(p, "rowid"))
				return expected(p, "ROWID");
			if (t->without_rowid)
				return fail_at(p, line, col, "table '%s' is WITHOUT ROWID twice",
					       t->name);
			t->without_rowid = 1;
			t->wr_line = line;
			t->wr_col = col;
		} else {
			return expected(p, "STRICT or WITHOUT ROWID");
		}
		if ((rc = next(p)) < 0)
			return rc;
		if (!is(p, ","))
			return 0;
		if ((rc = next(p)) < 0)
			return rc;
	}
}

/*
 * The text from the current token up to the statement's end, or up to a
 * word `stop` outside parentheses (NULL: none), through `canon`
 * (dbt_partition_key_canon or _bound_canon) into `*out`; `what` names it
 * in errors.
 */
static int partition_clause(struct parser *p, char **out, const char *stop,
			    int (*canon)(char **, const char *, size_t), const char *what)
{
	size_t from = p->cur.tok.start;
	int line = p->cur.tok.line, col = p->cur.tok.col, depth = 0, rc;

	while (p->cur.tok.kind != DBT_TOK_END && !is(p, ";") && !(depth == 0 && is(p, ")")) &&
	       !(depth == 0 && stop && is(p, stop))) {
		if (is(p, "("))
			depth++;
		else if (is(p, ")"))
			depth--;
		if ((rc = next(p)) < 0)
			return rc;
	}
	if (p->cur.prev_end <= from || p->cur.tok.start == from)
		return expected(p, what);
	free(*out);
	*out = NULL;
	if ((rc = canon(out, p->text + from, p->cur.prev_end - from)) == DBT_EPARSE)
		return fail_at(p, line, col, "%s", dbt_error_last());
	return rc;
}

/* PARTITION BY has been read, after a table's definition. */
static int partition_by(struct parser *p, dbt_table *t)
{
	return partition_clause(p, &t->partition_by, NULL, dbt_partition_key_canon,
				"RANGE, LIST or HASH and the partition key");
}

/* The bound of a partition: FOR VALUES ... or DEFAULT. */
int partition_bound(struct parser *p, dbt_table *t)
{
	if (!is(p, "for") && !is(p, "default"))
		return expected(p, "FOR VALUES or DEFAULT");
	return partition_clause(p, &t->partition_bound, "partition", dbt_partition_bound_canon,
				"FOR VALUES or DEFAULT");
}

/* The table that holds what the model leaves out (ATTACH PARTITION). */
int discard_table(struct parser *p, dbt_table **out)
{
	int rc;

	if (!p->discard && (rc = dbt_schema_new(&p->discard)) < 0)
		return rc;
	if (p->discard->ntables) {
		*out = p->discard->tables[0];
		return 0;
	}
	return dbt_schema_add_table(out, p->discard, "", 0);
}

/* Makes `t` a partition of `parent`: what `t` declared of columns and
 * constraints so far is the parent's (pg_dump repeats them before
 * ATTACH PARTITION), and leaves the model; but for the checks that the
 * parent has none of by name, which are the partition's own. */
int make_partition(struct parser *p, dbt_table *t, const char *parent)
{
	const dbt_table *pt = dbt_schema_find_table(p->schema, parent);
	dbt_table *d;
	int rc;

	if (t->partition_of)
		return fail_at(p, p->cur.tok.line, p->cur.tok.col,
			       "table '%s' is already a partition of '%s'", t->name,
			       t->partition_of);
	if ((rc = discard_table(p, &d)) < 0 || (rc = dbt_table_take_contents(d, t, pt)) < 0)
		return rc;
	t->partition_of = strdup(parent);
	return t->partition_of ? 0 : dbt_error_oom();
}

/* PARTITION OF has been read: parent [(constraints)] bound [PARTITION BY ...]. */
static int parse_partition_of(struct parser *p, dbt_table *t)
{
	struct name pn = {NULL, 0, 0, 0};
	int rc;

	if ((rc = parse_object_name(p, &pn, "a table name")) < 0)
		return rc;
	if ((rc = make_partition(p, t, pn.s)) < 0 ||
	    (rc = add_ref(p, t->partition_of, NULL, pn.line, pn.col)) < 0)
		goto cleanup;
	if (is(p, "(")) {
		/* A partition's own constraints; its columns are the parent's. */
		if ((rc = next(p)) < 0)
			goto cleanup;
		for (;;) {
			if (!is_table_constraint(p)) {
				rc = expected(p, "a constraint (a partition's columns are its "
						 "parent's)");
				goto cleanup;
			}
			if ((rc = parse_table_constraint(p, t)) < 0)
				goto cleanup;
			if (is(p, ")"))
				break;
			if ((rc = expect(p, ",", "',' or ')'")) < 0)
				goto cleanup;
		}
		if ((rc = next(p)) < 0 || (rc = check_constraint_names(p, t)) < 0)
			goto cleanup;
	}
	if ((rc = partition_bound(p, t)) < 0)
		goto cleanup;
	if (is(p, "partition")) {
		if ((rc = next(p)) < 0 || (rc = expect(p, "by", "BY")) < 0 ||
		    (rc = partition_by(p, t)) < 0)
			goto cleanup;
	}
	rc = parse_storage(p, &t->storage, &t->storage_line, &t->storage_col);
cleanup:
	name_release(&pn);
	return rc;
}

/* What LIKE copies besides the columns, their types, NOT NULL and
 * collations. */
#define LIKE_DEFAULTS 0x01
#define LIKE_CONSTRAINTS 0x02
#define LIKE_GENERATED 0x04
#define LIKE_IDENTITY 0x08
#define LIKE_INDEXES 0x10
#define LIKE_ALL 0xff

/* The option word of INCLUDING or EXCLUDING: its bit, 0 for what the
 * model does not hold (COMMENTS, COMPRESSION, STATISTICS, STORAGE); -1
 * for no option. */
static int like_option(const struct parser *p)
{
	static const struct {
		const char *word;
		int bit;
	} words[] = {
		{"all", LIKE_ALL},
		{"defaults", LIKE_DEFAULTS},
		{"constraints", LIKE_CONSTRAINTS},
		{"generated", LIKE_GENERATED},
		{"identity", LIKE_IDENTITY},
		{"indexes", LIKE_INDEXES},
		{"comments", 0},
		{"compression", 0},
		{"statistics", 0},
		{"storage", 0},
	};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (is(p, words[i].word))
			return words[i].bit;
	return -1;
}

static int in_key(const dbt_unique *k, const char *column)
{
	size_t i;

	for (i = 0; i < k->ncolumns; i++)
		if (!strcmp(k->columns[i], column))
			return 1;
	return 0;
}

/* A copy of the column `o` of the source table in `t`, as LIKE makes it
 * with the options `opts`. */
static int like_column(struct parser *p, dbt_table *t, const dbt_table *src, const dbt_column *o,
		       int opts, int line, int col)
{
	dbt_column_places *at;
	dbt_column *c;
	size_t i;
	int rc;

	for (i = 0; i < t->ncolumns; i++)
		if (!strcmp(t->columns[i]->name, o->name))
			return fail_at(p, line, col,
				       "duplicate column '%s' in table '%s' (LIKE '%s')", o->name,
				       t->name, src->name);
	if ((opts & LIKE_DEFAULTS) && o->identity == DBT_IDENTITY_SERIAL)
		return fail_at(p, line, col,
			       "LIKE '%s' INCLUDING DEFAULTS would share the sequence of SERIAL "
			       "column '%s': declare the column instead",
			       src->name, o->name);
	if ((rc = dbt_table_add_column(&c, t, o->name, o->quoted, &o->type)) < 0)
		return rc;
	c->line = line;
	c->col = col;
	/* NOT NULL comes along always; the primary key's own too. */
	c->not_null = o->not_null || (src->pk && in_key(src->pk, o->name));
	if (o->collation && (rc = dbt_column_set_collation(c, o->collation)) < 0)
		return rc;
	if ((opts & LIKE_DEFAULTS) && o->default_expr &&
	    !(c->default_expr = strdup(o->default_expr)))
		return dbt_error_oom();
	if ((opts & LIKE_GENERATED) && o->generated_expr) {
		if (!(c->generated_expr = strdup(o->generated_expr)))
			return dbt_error_oom();
		c->generated_stored = o->generated_stored;
		if ((rc = dbt_column_places_edit(&at, c)) < 0)
			return rc;
		at->generated_line = line;
		at->generated_col = col;
	}
	if ((opts & LIKE_IDENTITY) &&
	    (o->identity == DBT_IDENTITY_ALWAYS || o->identity == DBT_IDENTITY_BY_DEFAULT)) {
		c->identity = o->identity;
		c->autoincrement = 1;
		c->not_null = 1;
		if (o->identity_options && !(c->identity_options = strdup(o->identity_options)))
			return dbt_error_oom();
		if ((rc = dbt_column_places_edit(&at, c)) < 0)
			return rc;
		at->identity_options_line = line;
		at->identity_options_col = col;
	}
	return 0;
}

/* A copy of key `o` in `key`, unnamed: LIKE names it as PostgreSQL names
 * a key the user left unnamed. */
static int like_key(dbt_unique *key, const dbt_unique *o, int line, int col)
{
	size_t i;
	int rc = 0;

	key->line = line;
	key->col = col;
	key->nulls_not_distinct = o->nulls_not_distinct;
	key->deferrable = o->deferrable;
	key->initially_deferred = o->initially_deferred;
	key->pg_line = o->pg_line ? line : 0;
	key->pg_col = o->pg_line ? col : 0;
	for (i = 0; i < o->ncolumns && rc == 0; i++)
		rc = dbt_unique_add_column(key, o->columns[i]);
	for (i = 0; i < o->ninclude && rc == 0; i++)
		rc = dbt_unique_add_include(key, o->include[i]);
	return rc;
}

/* A copy of index `o` of the source table on `t`, unnamed. */
static int like_index(struct parser *p, dbt_table *t, const dbt_index *o, int line, int col)
{
	dbt_index *ix;
	size_t i;
	int rc;

	if ((rc = dbt_schema_add_index(&ix, p->schema, NULL, 0, t->name, o->unique)) < 0)
		return rc;
	ix->line = ix->table_line = line;
	ix->col = ix->table_col = col;
	ix->nulls_not_distinct = o->nulls_not_distinct;
	ix->pg_line = o->pg_line ? line : 0;
	ix->pg_col = o->pg_line ? col : 0;
	if (o->method && !(ix->method = strdup(o->method)))
		return dbt_error_oom();
	for (i = 0; i < o->nelems; i++) {
		const dbt_index_elem *e = &o->elems[i];

		if ((rc = e->column
				  ? dbt_index_add_column(ix, e->column, e->desc)
				  : dbt_index_add_expr(ix, e->expr, strlen(e->expr), e->desc)) < 0)
			return rc == DBT_EPARSE
				       ? dbt_error_prefix(rc, "%s:%d:%d", p->path, line, col)
				       : rc;
		ix->elems[i].nulls = e->nulls;
		ix->elems[i].prefix = e->prefix;
		if (e->opclass && !(ix->elems[i].opclass = strdup(e->opclass)))
			return dbt_error_oom();
	}
	for (i = 0; i < o->ninclude; i++)
		if ((rc = dbt_index_add_include(ix, o->include[i])) < 0)
			return rc;
	if (o->where && (rc = dbt_index_set_where(ix, o->where, strlen(o->where))) < 0)
		return rc;
	return 0;
}

/*
 * LIKE has been read in CREATE TABLE: LIKE source [{INCLUDING | EXCLUDING}
 * option ...].  The source's columns (types, NOT NULL, collations) join
 * `t` where LIKE stands, and per the options its defaults, generation
 * expressions, identities, CHECK constraints (named as in the source) and
 * its primary key, unique and exclusion constraints and indexes (named as
 * PostgreSQL names them on `t`); never its foreign keys.  The source is a
 * table the model declared before.
 */
static int parse_like(struct parser *p, dbt_table *t)
{
	struct name n = {NULL, 0, 0, 0};
	const dbt_table *src;
	int line = p->cur.tok.line, col = p->cur.tok.col, opts = 0, bit, rc;
	size_t i, nindexes;

	if ((rc = next(p)) < 0 || (rc = parse_object_name(p, &n, "a table name")) < 0)
		return rc;
	src = dbt_schema_find_table(p->schema, n.s);
	if (!src || src == t) {
		rc = fail_at(p, n.line, n.col,
			     "unknown table '%s' (LIKE must follow the source's CREATE TABLE)",
			     n.s);
		goto cleanup;
	}
	while (is(p, "including") || is(p, "excluding")) {
		int including = is(p, "including");

		if ((rc = next(p)) < 0)
			goto cleanup;
		if ((bit = like_option(p)) < 0) {
			rc = expected(p, "ALL, COMMENTS, COMPRESSION, CONSTRAINTS, DEFAULTS, "
					 "GENERATED, IDENTITY, INDEXES, STATISTICS or STORAGE");
			goto cleanup;
		}
		opts = including ? opts | bit : opts & ~bit;
		if ((rc = next(p)) < 0)
			goto cleanup;
	}
	if (!t->like_line) {
		t->like_line = line;
		t->like_col = col;
	}
	for (i = 0; i < src->ncolumns; i++)
		if ((rc = like_column(p, t, src, src->columns[i], opts, line, col)) < 0)
			goto cleanup;
	for (i = 0; (opts & LIKE_CONSTRAINTS) && i < src->nchecks; i++) {
		const dbt_check *o = src->checks[i];
		dbt_check *c;

		if ((rc = dbt_table_add_check(&c, t, o->name, o->expr, strlen(o->expr))) < 0)
			goto cleanup;
		c->name_given = o->name_given;
		c->no_inherit = o->no_inherit;
		c->no_inherit_line = o->no_inherit ? line : 0;
		c->no_inherit_col = o->no_inherit ? col : 0;
		c->line = line;
		c->col = col;
	}
	if (!(opts & LIKE_INDEXES))
		goto cleanup;
	if (src->pk) {
		dbt_unique *pk;

		if (t->pk) {
			rc = fail_two_pks(p, t, line, col);
			goto cleanup;
		}
		if ((rc = dbt_table_set_pk(&pk, t, NULL)) < 0 ||
		    (rc = like_key(pk, src->pk, line, col)) < 0)
			goto cleanup;
	}
	for (i = 0; i < src->nuniques; i++) {
		dbt_unique *u;

		if ((rc = dbt_table_add_unique(&u, t, NULL)) < 0 ||
		    (rc = like_key(u, src->uniques[i], line, col)) < 0)
			goto cleanup;
	}
	for (i = 0; i < src->nexcludes; i++) {
		const char *def = src->excludes[i]->def;
		dbt_exclude *x;

		if ((rc = dbt_table_add_exclude(&x, t, NULL, def, strlen(def))) < 0)
			goto cleanup;
		x->line = line;
		x->col = col;
	}
	/* The source's indexes so far; those the copies add come after. */
	nindexes = p->schema->nindexes;
	for (i = 0; i < nindexes; i++) {
		const dbt_index *o = p->schema->indexes[i];

		if (!strcmp(o->table, src->name) && (rc = like_index(p, t, o, line, col)) < 0)
			goto cleanup;
	}
cleanup:
	name_release(&n);
	return rc;
}

/* CREATE TABLE has been read. */
int parse_table(struct parser *p)
{
	struct name n = {NULL, 0, 0, 0};
	const dbt_table *o;
	dbt_table *t;
	int rc;

	if (is(p, "if")) {
		if ((rc = next(p)) < 0 || (rc = expect(p, "not", "NOT")) < 0 ||
		    (rc = expect(p, "exists", "EXISTS")) < 0)
			goto cleanup;
	}
	if ((rc = parse_object_name(p, &n, "a table name")) < 0)
		goto cleanup;
	/* SQLite's own tables, which `sqlite3 .schema` lists, bare. */
	if ((!n.quoted && dbt_ident_sqlite_internal(n.s)) || dbtool_own_table(n.s)) {
		rc = skip_statement(p);
		goto cleanup;
	}
	/* Exact: PostgreSQL keeps "Users" and users apart; on SQLite,
	 * dbt_schema_adapt refuses names that differ in case only. */
	if ((o = dbt_schema_find_table(p->schema, n.s))) {
		rc = fail_duplicate(p, &n, "table", o->name, o->line);
		goto cleanup;
	}
	if ((rc = dbt_schema_add_table(&t, p->schema, n.s, n.quoted)) < 0)
		goto cleanup;
	t->line = n.line;
	t->col = n.col;
	if ((rc = take_hint(p, p->stmt_off, p->stmt_line, &t->renamed_from, &t->renamed_line,
			    &t->renamed_col)) < 0 ||
	    (rc = take_trailing_hint(p, p->cur.prev_end, table_line_end(p), &t->renamed_from,
				     &t->renamed_line, &t->renamed_col)) < 0)
		goto cleanup;
	if (is(p, "partition")) {
		if ((rc = next(p)) < 0 || (rc = expect(p, "of", "OF")) < 0)
			goto cleanup;
		rc = parse_partition_of(p, t);
		goto cleanup;
	}
	if ((rc = expect(p, "(", "'('")) < 0)
		goto cleanup;
	/* PostgreSQL's table of no columns, "CREATE TABLE t ()": SQLite and
	 * MariaDB refuse it in their adapt, at the table's name. */
	while (!is(p, ")")) {
		if (is_mysql_key_line(p))
			rc = parse_mysql_key(p, t, NULL, 0);
		else if (is_table_constraint(p))
			rc = parse_table_constraint(p, t);
		else if (is(p, "like"))
			rc = parse_like(p, t);
		else
			rc = parse_column(p, t, 0);
		if (rc < 0)
			goto cleanup;
		if (is(p, ")"))
			break;
		if ((rc = expect(p, ",", "',' or ')'")) < 0)
			goto cleanup;
		/* "(a INT,)": the comma promises another column. */
		if (is(p, ")")) {
			rc = expected(p, "a column name or table constraint");
			goto cleanup;
		}
	}
	if ((rc = check_constraint_names(p, t)) < 0 || (rc = next(p)) < 0)
		goto cleanup;
	if (is(p, "partition")) {
		if ((rc = next(p)) < 0 || (rc = expect(p, "by", "BY")) < 0)
			goto cleanup;
		if ((rc = partition_by(p, t)) < 0)
			goto cleanup;
	}
	if ((rc = parse_storage(p, &t->storage, &t->storage_line, &t->storage_col)) < 0 ||
	    (rc = parse_mysql_table_options(p, t)) < 0)
		goto cleanup;
	rc = parse_table_options(p, t);
cleanup:
	name_release(&n);
	return rc;
}
