/*
 * scratch.c - builds the model's changed tables in a scratch database of
 * the live database's dialect and reads them back, so that the differ
 * compares the database's normal form with the database's normal form
 * (see scratch.h).  Only the tables the differ found different are
 * built: a model that matches the database costs no scratch work.
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

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Index into `model->tables` of the table `name`; -1 when absent.  Through
 * the schema's table map: adopt() asks it for each of the model's indexes. */
static long table_index(const dbt_schema *model, const char *name)
{
	return dbt_schema_table_pos(model, name);
}

static const char *op_table(const dbt_op *op)
{
	if (op->kind == DBT_OP_ADD_INDEX || op->kind == DBT_OP_DROP_INDEX)
		return op->index->table;
	return op->table ? op->table->name : NULL;
}

/*
 * Marks in `want` (one byte per model table) 2 for each table the diff
 * touches that the database has too, and 1 for each table their foreign
 * keys reference that is not marked yet.  Returns the number of 2s.
 */
static size_t choose(char *want, const dbt_schema *model, const dbt_diff *diff,
		     const dbt_schema *db)
{
	size_t i, k, n = 0;

	for (i = 0; i < diff->n; i++) {
		const char *name = op_table(&diff->ops[i]);
		long t = name ? table_index(model, name) : -1;

		/* A table that the differ renames is in the database under
		 * its old name. */
		if (t < 0 || want[t] == 2 ||
		    (!dbt_schema_find_table(db, name) &&
		     !(model->tables[t]->renamed_from &&
		       dbt_schema_find_table(db, model->tables[t]->renamed_from))))
			continue;
		want[t] = 2;
		n++;
	}
	for (i = 0; i < model->ntables; i++) {
		if (want[i] != 2)
			continue;
		for (k = 0; k < model->tables[i]->nfks; k++) {
			long r = table_index(model, model->tables[i]->fks[k]->ref_table);

			if (r >= 0 && !want[r])
				want[r] = 1;
		}
	}
	/* A partition is made in its parent, and that in its own parent. */
	for (k = 1; k;) {
		k = 0;
		for (i = 0; i < model->ntables; i++) {
			long r;

			if (!want[i] || !model->tables[i]->partition_of)
				continue;
			r = table_index(model, model->tables[i]->partition_of);
			if (r >= 0 && !want[r]) {
				want[r] = 1;
				k = 1;
			}
		}
	}
	return n;
}

/* "MODEL:LINE:COL: " in front of the database's message. */
static int model_error(const struct scratch *s, int rc, int line, int col)
{
	if (line > 0)
		return dbt_error_prefix(rc, "%s:%d:%d", s->model_path, line, col);
	return dbt_error_prefix(rc, "%s", s->model_path);
}

/* On PostgreSQL the tables are made before any foreign key between them,
 * so that neither order nor cycles matter; SQLite takes forward names. */
static int skip_fk(const dbt_fk *fk, void *arg)
{
	const dbt_table *t = arg;

	return strcmp(fk->ref_table, t->name) != 0;
}

static int scratch_sql(dbt_buf *out, const struct scratch *s, const dbt_statement *st);
static int scratch_rendered(dbt_buf *sql, const struct scratch *s);

/* CREATE INDEX for the scratch database, as a revision writes it: an index
 * the database cannot have (MariaDB's partial and expression indexes) is
 * refused in the renderer's words rather than the database's. */
static int render_index(dbt_buf *out, const struct scratch *s, const dbt_index *ix)
{
	dbt_index flat;
	dbt_op op;
	size_t n;
	int rc;

	memset(&op, 0, sizeof(op));
	op.kind = DBT_OP_ADD_INDEX;
	op.index = ix;
	if (!dbt_ident_is_qualified(ix->name))
		return dbt_render_op(out, s->kind, &op);
	/* The index of a table held flat is flat too, beside those of the
	 * managed schema's tables: CREATE INDEX writes the name after its
	 * first qualifier, here SCHEMA.NAME, which scratch_rendered makes
	 * the one name SCHEMA\x1fNAME. */
	flat = *ix;
	n = (size_t)(dbt_ident_base(ix->name) - ix->name);
	if (!(flat.name = malloc(n + strlen(ix->name) + 1)))
		return dbt_error_oom();
	memcpy(flat.name, ix->name, n);
	strcpy(flat.name + n, ix->name);
	op.index = &flat;
	rc = dbt_render_op(out, s->kind, &op);
	free(flat.name);
	return rc;
}

/* 1 for a statement that makes what a table's column or default may use:
 * CREATE TYPE, DOMAIN, SEQUENCE, FUNCTION, COLLATION, EXTENSION, SCHEMA. */
static int table_prerequisite(const dbt_statement *st)
{
	static const char *const kinds[] = {"schema",	"extension", "type",	 "domain",
					    "sequence", "function",  "collation"};
	dbt_lexer lx;
	dbt_token tok;
	size_t i;

	dbt_lex_init(&lx, st->sql, strlen(st->sql));
	if (dbt_lex_next(&lx, &tok) < 0 || !dbt_token_is(st->sql, &tok, "create"))
		return 0;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(st->kind, kinds[i]))
			return 1;
	return 0;
}

/*
 * Where columns use named types (DBT_CAP_ENUM_TYPES, PostgreSQL): the
 * model's types, domains, sequences, functions ... in the order it
 * declares them, before its tables, so that a table uses the model's enum
 * (not the live one of the same name, which may differ) and one the live
 * database lacks.  A function's body is not checked (the dialect's
 * scratch_objects_start): it may name a table that is not built.
 */
/*
 * 1 when the routine of `st` names a table that `want` builds in its
 * signature, before its body (a parameter or result of the table's row
 * type, `f(s public.shops)`): it can only be made once the table is.
 * 0 otherwise, and for other statements; DBT_ERROR when out of memory.
 */
static int signature_names_table(const dbt_statement *st, const dbt_schema *model, const char *want)
{
	dbt_lexer lx;
	dbt_token tok;
	char *name;
	long t;

	if (strcmp(st->kind, "function") != 0 && strcmp(st->kind, "procedure") != 0)
		return 0;
	dbt_lex_init(&lx, st->sql, strlen(st->sql));
	while (dbt_lex_next(&lx, &tok) == 0 && tok.kind != DBT_TOK_END) {
		if (tok.kind == DBT_TOK_STRING)
			break;
		if (tok.kind != DBT_TOK_WORD && tok.kind != DBT_TOK_QUOTED)
			continue;
		if (tok.kind == DBT_TOK_WORD &&
		    (dbt_token_is(st->sql, &tok, "as") || dbt_token_is(st->sql, &tok, "begin") ||
		     dbt_token_is(st->sql, &tok, "return")))
			break;
		if (!(name = dbt_token_name(st->sql, &tok)))
			return dbt_error_oom();
		t = table_index(model, name);
		free(name);
		if (t >= 0 && want[t])
			return 1;
	}
	return 0;
}

/*
 * The prerequisites of phase 0 (before the tables), or of phase 1 (after
 * them): the routines whose signatures name a table built.
 */
static int build_prerequisites(struct scratch *s, const dbt_schema *model, const char *want,
			       int phase)
{
	dbt_buf sql = DBT_BUF_INIT;
	size_t i;
	int rc = 0, first = 1;

	for (i = 0; i < model->nstatements && rc == 0; i++) {
		const dbt_statement *st = model->statements[i];

		if (!table_prerequisite(st))
			continue;
		if ((rc = signature_names_table(st, model, want)) < 0)
			break;
		if (rc != phase) {
			rc = 0;
			continue;
		}
		rc = 0;
		if (first && s->conn->dialect->scratch_objects_start) {
			first = 0;
			dbt_buf_puts(&sql, s->conn->dialect->scratch_objects_start);
			if ((rc = dbt_scratch_run(s, &sql)) < 0)
				break;
		}
		if ((rc = scratch_sql(&sql, s, st)) == 0 && (rc = dbt_scratch_run(s, &sql)) < 0)
			model_error(s, rc, st->line, st->col);
	}
	dbt_buf_release(&sql);
	return rc;
}

/* Builds the tables marked in `want`, the indexes of those marked 2 (and
 * the unique ones of the others) and the foreign keys of those marked 2. */
static int build(struct scratch *s, const dbt_schema *model, const char *want)
{
	/* Columns may use the model's named types (PostgreSQL). */
	int types = (s->conn->dialect->caps & DBT_CAP_ENUM_TYPES) != 0;
	/* Foreign keys after the tables where a table cannot name one made
	 * later (PostgreSQL, MariaDB). */
	int late = !(s->conn->dialect->caps & DBT_CAP_FK_FORWARD_REFS);
	dbt_buf sql = DBT_BUF_INIT;
	char *built = calloc(model->ntables ? model->ntables : 1, 1);
	size_t i, k, pass;
	int rc = built ? 0 : dbt_error_oom();

	if (rc == 0 && types)
		rc = build_prerequisites(s, model, want, 0);

	/* Partitions after the tables they are partitions of. */
	for (pass = 0; pass <= model->ntables && rc == 0; pass++) {
		int progress = 0;

		for (i = 0; i < model->ntables && rc == 0; i++) {
			const dbt_table *t = model->tables[i];
			long parent;

			if (!want[i] || built[i])
				continue;
			parent = t->partition_of ? table_index(model, t->partition_of) : -1;
			if (parent >= 0 && !built[parent] && pass < model->ntables)
				continue;
			built[i] = 1;
			progress = 1;
			dbt_buf_clear(&sql);
			if ((rc = dbt_render_create_table(&sql, s->kind, t, late ? skip_fk : NULL,
							  (void *)t)) == 0 &&
			    (rc = scratch_rendered(&sql, s)) == 0 &&
			    (rc = dbt_scratch_run(s, &sql)) < 0)
				model_error(s, rc, t->line, t->col);
		}
		/* A pass that builds nothing leaves the passes after it nothing
		 * to build but the last, which builds what is left whatever its
		 * parent: on to that one (thousands of tables made this loop
		 * quadratic). */
		if (!progress && pass + 1 < model->ntables)
			pass = model->ntables - 1;
	}
	free(built);
	if (rc == 0 && types)
		rc = build_prerequisites(s, model, want, 1);
	/* The indexes before the foreign keys, which may rest on a unique
	 * one: those of the tables marked 2, and the unique ones of the
	 * tables only referenced. */
	for (i = 0; i < model->nindexes && rc == 0; i++) {
		const dbt_index *ix = model->indexes[i];
		long t = table_index(model, ix->table);

		if (t < 0 || !want[t] || (want[t] != 2 && !ix->unique))
			continue;
		dbt_buf_clear(&sql);
		if ((rc = render_index(&sql, s, ix)) < 0 || (rc = scratch_rendered(&sql, s)) < 0 ||
		    (rc = dbt_scratch_run(s, &sql)) < 0)
			model_error(s, rc, ix->line, ix->col);
	}
	for (i = 0; late && i < model->ntables && rc == 0; i++) {
		const dbt_table *t = model->tables[i];

		for (k = 0; want[i] == 2 && k < t->nfks && rc == 0; k++) {
			const dbt_fk *fk = t->fks[k];
			dbt_op op;
			long r = table_index(model, fk->ref_table);

			if (!skip_fk(fk, (void *)t) || r < 0 || !want[r])
				continue;
			memset(&op, 0, sizeof(op));
			op.kind = DBT_OP_ADD_FK;
			op.table = t;
			op.fk = fk;
			dbt_buf_clear(&sql);
			if ((rc = dbt_render_op(&sql, s->kind, &op)) == 0 &&
			    (rc = scratch_rendered(&sql, s)) == 0 &&
			    (rc = dbt_scratch_run(s, &sql)) < 0)
				model_error(s, rc, fk->line, fk->col);
		}
	}
	dbt_buf_release(&sql);
	return rc;
}

/* ---------------------------------------------------------- adopting */

static dbt_unique *find_unique(const dbt_table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->nuniques; i++)
		if (!strcmp(t->uniques[i]->name, name))
			return t->uniques[i];
	return NULL;
}

static dbt_fk *find_fk(const dbt_table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->nfks; i++)
		if (!strcmp(t->fks[i]->name, name))
			return t->fks[i];
	return NULL;
}

static dbt_exclude *find_exclude(const dbt_table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->nexcludes; i++)
		if (!strcmp(t->excludes[i]->name, name))
			return t->excludes[i];
	return NULL;
}

static dbt_check *find_check(const dbt_table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->nchecks; i++)
		if (!strcmp(t->checks[i]->name, name))
			return t->checks[i];
	return NULL;
}

/*
 * Moves where the rename hint of the model's column `from` stands to the
 * reflected column `to`, and only that: `from`'s places go to `to`
 * (which has none, being reflected) rather than a copy, so that nothing
 * here can run out of memory.
 */
static void adopt_renamed_place(dbt_column *to, dbt_column *from)
{
	dbt_column_places *at = from->places;

	from->places = NULL;
	if (to->places) {
		to->places->renamed_line = at ? at->renamed_line : 0;
		to->places->renamed_col = at ? at->renamed_col : 0;
	} else if (at && (at->renamed_line || at->renamed_col)) {
		*at = (dbt_column_places){.renamed_line = at->renamed_line,
					  .renamed_col = at->renamed_col};
		to->places = at;
		return;
	}
	free(at);
}

/*
 * Gives the reflected table `to` what the model's `from` knows and the
 * database does not: where each object is declared, whether the model
 * named it (the scratch database was given every name, the model's or the
 * one dbtool chose, so names match), and the rename hints, which move
 * from `from` to `to`.
 */
static void adopt_table(dbt_table *to, dbt_table *from)
{
	size_t i;

	to->quoted = from->quoted;
	to->line = from->line;
	to->col = from->col;
	to->renamed_from = from->renamed_from;
	to->renamed_line = from->renamed_line;
	to->renamed_col = from->renamed_col;
	from->renamed_from = NULL;
	for (i = 0; i < from->ncolumns; i++) {
		dbt_column *c = dbt_table_find_column(to, from->columns[i]->name);

		if (c) {
			c->quoted = from->columns[i]->quoted;
			c->line = from->columns[i]->line;
			c->col = from->columns[i]->col;
			c->identity_implicit = from->columns[i]->identity_implicit;
			/* The declared type of a key the rule made the rowid
			 * alias (see dbt_sqlite_autoincrement). */
			if (c->rule_decl) {
				dbt_type_release(&c->rule_decl->type);
				free(c->rule_decl);
			}
			c->rule_decl = from->columns[i]->rule_decl;
			from->columns[i]->rule_decl = NULL;
			c->renamed_from = from->columns[i]->renamed_from;
			from->columns[i]->renamed_from = NULL;
			adopt_renamed_place(c, from->columns[i]);
		}
	}
	if (from->pk && to->pk) {
		to->pk->name_given = from->pk->name_given;
		to->pk->line = from->pk->line;
		to->pk->col = from->pk->col;
	}
	for (i = 0; i < from->nuniques; i++) {
		dbt_unique *u = find_unique(to, from->uniques[i]->name);

		if (u) {
			u->name_given = from->uniques[i]->name_given;
			u->line = from->uniques[i]->line;
			u->col = from->uniques[i]->col;
		}
	}
	for (i = 0; i < from->nfks; i++) {
		const dbt_fk *m = from->fks[i];
		dbt_fk *fk = find_fk(to, m->name);

		if (fk) {
			fk->name_given = m->name_given;
			fk->ref_columns_given = m->ref_columns_given;
			fk->line = m->line;
			fk->col = m->col;
			fk->ref_line = m->ref_line;
			fk->ref_col = m->ref_col;
		}
	}
	for (i = 0; i < from->nchecks; i++) {
		dbt_check *c = find_check(to, from->checks[i]->name);

		if (c) {
			c->name_given = from->checks[i]->name_given;
			c->line = from->checks[i]->line;
			c->col = from->checks[i]->col;
		}
	}
	for (i = 0; i < from->nexcludes; i++) {
		dbt_exclude *x = find_exclude(to, from->excludes[i]->name);

		if (x) {
			x->name_given = from->excludes[i]->name_given;
			x->line = from->excludes[i]->line;
			x->col = from->excludes[i]->col;
		}
	}
}

/*
 * Swaps each table marked 2, and each of its indexes, between `model` and
 * the reflected `scratch`, which then owns the parsed objects.  An object
 * the reflection lacks stays as parsed.
 */
static void adopt(dbt_schema *model, dbt_schema *scratch, const char *want)
{
	size_t i, k;

	for (i = 0; i < model->nindexes; i++) {
		dbt_index *ix = model->indexes[i], *r;
		long t = table_index(model, ix->table);

		if (t < 0 || want[t] != 2)
			continue;
		for (k = 0; k < scratch->nindexes; k++) {
			r = scratch->indexes[k];
			if (strcmp(r->name, ix->name) || strcmp(r->table, ix->table))
				continue;
			r->quoted = ix->quoted;
			r->name_given = ix->name_given;
			r->line = ix->line;
			r->col = ix->col;
			r->table_line = ix->table_line;
			r->table_col = ix->table_col;
			free(r->renamed_from);
			r->renamed_from = ix->renamed_from;
			ix->renamed_from = NULL;
			r->renamed_line = ix->renamed_line;
			r->renamed_col = ix->renamed_col;
			scratch->indexes[k] = ix;
			model->indexes[i] = r;
			break;
		}
	}
	for (i = 0; i < model->ntables; i++) {
		dbt_table *t = model->tables[i];
		long r;

		if (want[i] != 2 || (r = table_index(scratch, t->name)) < 0)
			continue;
		adopt_table(scratch->tables[r], t);
		model->tables[i] = scratch->tables[r];
		scratch->tables[r] = t;
	}
}

static int unflatten(char **str, const struct scratch *s);

/* The reflected scratch's columns and checks named the types of other
 * schemas that it held flat (an enum of another schema): they get their
 * qualified names back, as the live database reads them. */
static int unflatten_types(dbt_schema *reflected, const struct scratch *s)
{
	size_t i, k;
	int rc = 0;

	for (i = 0; i < reflected->ntables && rc == 0; i++) {
		dbt_table *t = reflected->tables[i];

		for (k = 0; k < t->ncolumns && rc == 0; k++) {
			dbt_column *c = t->columns[k];

			if ((rc = unflatten(&c->type.text, s)) == 0 &&
			    (rc = unflatten(&c->default_expr, s)) == 0)
				rc = unflatten(&c->generated_expr, s);
		}
		for (k = 0; k < t->nchecks && rc == 0; k++)
			rc = unflatten(&t->checks[k]->expr, s);
	}
	return rc;
}

int dbt_scratch_normalize(dbt_schema *model, const dbt_diff *diff, dbt_conn *conn,
			  const dbt_schema *db, const char *model_path, const char *schema_name)
{
	struct scratch s;
	dbt_schema *reflected = NULL;
	char *want;
	int rc;

	if (diff->n == 0 || model->ntables == 0)
		return 0;
	if (!(want = calloc(model->ntables, 1)))
		return dbt_error_oom();
	if (choose(want, model, diff, db) == 0) {
		free(want);
		return 0;
	}
	memset(&s, 0, sizeof(s));
	s.kind = conn->dialect->kind;
	s.live_schema = schema_name;
	s.model_path = model_path;
	s.model = model;
	if ((rc = dbt_scratch_start(&s, conn)) < 0 || (rc = build(&s, model, want)) < 0 ||
	    (rc = dbt_model_reflect(&reflected, s.conn, s.schema[0] ? s.schema : NULL)) < 0) {
		char *msg = strdup(dbt_error_last());

		dbt_scratch_finish(&s);
		if (msg)
			dbt_error_set(rc, "%s", msg);
		free(msg);
		goto cleanup;
	}
	dbt_scratch_finish(&s);
	if ((rc = unflatten_types(reflected, &s)) == 0)
		adopt(model, reflected, want);
cleanup:
	dbt_schema_free(reflected);
	free(want);
	return rc;
}

/* ------------------------------------------------------------ objects */

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

/* 1 when one of the model's tables, enums or domains is in schema
 * `name`. */
static int model_has_schema(const dbt_schema *model, const char *name)
{
	size_t i, n = strlen(name);

	for (i = 0; model && i < model->ntables; i++) {
		const char *t = model->tables[i]->name;

		if (!strncmp(t, name, n) && t[n] == DBT_QUALIFIER)
			return 1;
	}
	/* An enum or domain of that schema, which the scratch builds flat
	 * too. */
	for (i = 0; model && i < model->nstatements; i++) {
		const dbt_statement *st = model->statements[i];

		if (st->name && (!strcmp(st->kind, "type") || !strcmp(st->kind, "domain")) &&
		    !strncmp(st->name, name, n) && st->name[n] == DBT_QUALIFIER)
			return 1;
	}
	return 0;
}

/* `schema`, DBT_QUALIFIER, `name` as one quoted identifier. */
static void put_flat(dbt_buf *out, const char *schema, const char *name)
{
	const char *p;

	dbt_ident_quote(out, schema);
	out->len--; /* its closing quote */
	dbt_buf_putc(out, DBT_QUALIFIER);
	for (p = name; *p; p++) {
		if (*p == '"')
			dbt_buf_putc(out, '"');
		dbt_buf_putc(out, *p);
	}
	dbt_buf_putc(out, '"');
}

/*
 * At `schema` '.' in `sql` (`qualifier` is the schema's token, `lx` just
 * past the '.'): when the model holds tables of that schema, the scratch
 * holds them flat, in its own schema (scratch_int.h), and the qualified
 * name becomes that one name.  1 when it did so (`lx`, `*copied` past the
 * name), 0 when it left the text, DBT_ERROR when out of memory.
 */
static int flatten(dbt_buf *out, const struct scratch *s, const char *sql, dbt_lexer *lx,
		   const dbt_token *qualifier, const char *schema, size_t *copied)
{
	dbt_lexer la = *lx;
	dbt_token tok;
	char *name;

	if (!model_has_schema(s->model, schema) || dbt_lex_next(&la, &tok) != 0 ||
	    (tok.kind != DBT_TOK_WORD && tok.kind != DBT_TOK_QUOTED))
		return 0;
	if (!(name = dbt_token_name(sql, &tok)))
		return dbt_error_oom();
	dbt_buf_put(out, sql + *copied, qualifier->start - *copied);
	put_flat(out, schema, name);
	free(name);
	*copied = tok.start + tok.len;
	*lx = la;
	return out->oom ? dbt_error_oom() : 1;
}

/*
 * The statement as the scratch database runs it.  PostgreSQL: the
 * managed schema's qualifier (public.users, as pg_dump writes it) names
 * the scratch schema instead, token by token; CREATE EXTENSION and CREATE
 * SCHEMA, which concern the whole database, get IF NOT EXISTS, so that
 * one that the live database has does not fail (everything is rolled
 * back).  SQLite runs it as written.
 */
static int scratch_text(dbt_buf *out, const struct scratch *s, const char *sql)
{
	const char *live = s->live_schema ? s->live_schema : "public";
	const struct dbt_dialect *d = s->conn->dialect;
	dbt_lexer lx;
	dbt_token tok, first, second, last;
	size_t copied = 0;
	int ntok = 0;

	dbt_buf_clear(out);
	/* Only where tables live in schemas is the scratch a schema. */
	if (!(d->caps & DBT_CAP_SCHEMAS)) {
		dbt_buf_puts(out, sql);
		return out->oom ? dbt_error_oom() : 0;
	}
	memset(&first, 0, sizeof(first));
	second = last = first;
	dbt_lex_init(&lx, sql, strlen(sql));
	while (dbt_lex_next(&lx, &tok) == 0 && tok.kind != DBT_TOK_END) {
		if (++ntok == 1)
			first = tok;
		else if (ntok == 2)
			second = tok;
		if (ntok == 3 && dbt_token_is(sql, &first, "create") &&
		    (dbt_token_is(sql, &second, "extension") ||
		     dbt_token_is(sql, &second, "schema")) &&
		    !dbt_token_is(sql, &tok, "if")) {
			dbt_buf_put(out, sql + copied, tok.start - copied);
			dbt_buf_puts(out, "IF NOT EXISTS ");
			copied = tok.start;
		}
		if (dbt_token_is(sql, &tok, ".") && ntok > 1 && last.start >= copied &&
		    (last.kind == DBT_TOK_WORD || last.kind == DBT_TOK_QUOTED)) {
			char *name = dbt_token_name(sql, &last);
			int rc;

			if (!name)
				return dbt_error_oom();
			if (!strcmp(name, live)) {
				dbt_buf_put(out, sql + copied, last.start - copied);
				d->quote_ident(out, s->schema);
				copied = last.start + last.len;
			} else if ((rc = flatten(out, s, sql, &lx, &last, name, &copied)) != 0) {
				free(name);
				if (rc < 0)
					return rc;
				continue;
			}
			free(name);
		}
		last = tok;
	}
	dbt_buf_puts(out, sql + copied);
	return out->oom ? dbt_error_oom() : 0;
}

static int scratch_sql(dbt_buf *out, const struct scratch *s, const dbt_statement *st)
{
	return scratch_text(out, s, st->sql);
}

/* A table or index rendered from the model, in `sql`, as the scratch
 * database runs it: its expressions may name the managed schema's types
 * and functions by qualifier too ('a'::public.mood, as pg_dump writes a
 * CHECK), which are the scratch schema's own there, as its columns'. */
static int scratch_rendered(dbt_buf *sql, const struct scratch *s)
{
	char *copy;
	int rc;

	if (!(s->conn->dialect->caps & DBT_CAP_SCHEMAS) || sql->oom)
		return sql->oom ? dbt_error_oom() : 0;
	if (!(copy = strdup(dbt_buf_str(sql))))
		return dbt_error_oom();
	rc = scratch_text(sql, s, copy);
	free(copy);
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
		if ((rc = dbt_render_create_table(out, s->kind, it->table, late ? skip_fk : NULL,
						  (void *)it->table)) == 0)
			rc = scratch_rendered(out, s);
	} else if (it->index) {
		if ((rc = render_index(out, s, it->index)) == 0)
			rc = scratch_rendered(out, s);
	} else if ((rc = sqlite_lacks(s, it->st)) == 0) {
		rc = scratch_sql(out, s, it->st);
	}
	if (rc < 0)
		model_error(s, rc, it->line, it->col);
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
	size_t i, k, n = 0;
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
		long t = table_index(model, model->indexes[i]->table);

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
			model_error(s, rc, model->roles[i]->line, model->roles[i]->col);
	for (i = 0; i < n && rc == 0; i++) {
		const struct item *it = &items[order[i]];

		dbt_buf_clear(&sql);
		dbt_buf_puts(&sql, text[order[i]]);
		if ((rc = dbt_scratch_run(s, &sql)) < 0)
			model_error(s, rc, it->line, it->col);
	}
	for (i = 0; late && i < model->ntables && rc == 0; i++) {
		const dbt_table *t = model->tables[i];

		for (k = 0; want[i] && k < t->nfks && rc == 0; k++) {
			const dbt_fk *fk = t->fks[k];
			dbt_op op;
			long r = table_index(model, fk->ref_table);

			if (!skip_fk(fk, (void *)t) || r < 0 || !want[r])
				continue;
			memset(&op, 0, sizeof(op));
			op.kind = DBT_OP_ADD_FK;
			op.table = t;
			op.fk = fk;
			dbt_buf_clear(&sql);
			if ((rc = dbt_render_op(&sql, s->kind, &op)) == 0 &&
			    (rc = scratch_rendered(&sql, s)) == 0 &&
			    (rc = dbt_scratch_run(s, &sql)) < 0)
				model_error(s, rc, fk->line, fk->col);
		}
	}
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

/* `*str` replaced by the text of `b` (released either way); DBT_ERROR
 * when `b` or a buffer it was made with (`oom`) ran out of memory, `*str`
 * then unchanged. */
static int take_text(char **str, dbt_buf *b, int oom)
{
	char *text;

	if (b->oom || oom) {
		dbt_buf_release(b);
		return dbt_error_oom();
	}
	if (!(text = dbt_buf_detach(b)))
		return dbt_error_oom();
	free(*str);
	*str = text;
	return 0;
}

/* Replaces, in `*str`, the scratch schema's qualifier by nothing and its
 * name elsewhere by the managed schema's (quoted as SQL needs; on
 * MariaDB/MySQL, whose scratch is a database, a name in backticks, and
 * an unqualified mention is left as it is).  The scratch's connection may
 * be closed by now: the dialect is the scratch's kind's. */
static int unscratch(char **str, const struct scratch *s)
{
	const struct dbt_dialect *d = dbt_dialect_for(s->kind);
	const char *live = s->live_schema ? s->live_schema : "public";
	char q;
	size_t len = strlen(s->schema);
	dbt_buf b = DBT_BUF_INIT;
	const char *p, *hit;

	if (!*str || !d || !(hit = strstr(*str, s->schema)))
		return 0;
	q = (d->caps & DBT_CAP_BACKTICK_NAMES) ? '`' : '"';
	for (p = *str; (hit = strstr(p, s->schema)); p = hit + len) {
		int quoted = hit > p && hit[-1] == q && hit[len] == q;

		/* Without schemas, the scratch is a database: only its
		 * qualifier goes. */
		if (!(d->caps & DBT_CAP_SCHEMAS) && hit[len + quoted] != '.') {
			dbt_buf_put(&b, p, (size_t)(hit - p) + len);
			continue;
		}
		dbt_buf_put(&b, p, (size_t)(hit - p) - (quoted ? 1 : 0));
		if (quoted)
			hit++;
		if (hit[len] == '.')
			hit++;
		else
			d->quote_ident(&b, live);
	}
	dbt_buf_puts(&b, p);
	return take_text(str, &b, 0);
}

/*
 * Replaces, in `*str`, each flat name of the scratch (put_flat:
 * "SCHEMA\x1fNAME" in double quotes) by the qualified name it stands for,
 * each part quoted as PostgreSQL prints it.
 */
static int unflatten(char **str, const struct scratch *s)
{
	const struct dbt_dialect *d = dbt_dialect_for(s->kind);
	dbt_buf b = DBT_BUF_INIT, part = DBT_BUF_INIT;
	const char *p, *sep, *open, *close;

	if (!*str || !d || !strchr(*str, DBT_QUALIFIER))
		return 0;
	for (p = *str; (sep = strchr(p, DBT_QUALIFIER)); p = close + 1) {
		/* The quotes around it: the name holds no other. */
		for (open = sep; open > p && open[-1] != '"'; open--)
			;
		for (close = sep; *close && *close != '"'; close++)
			;
		if (open == p || !*close) {
			dbt_buf_put(&b, p, (size_t)(sep - p) + 1);
			close = sep;
			continue;
		}
		dbt_buf_put(&b, p, (size_t)(open - 1 - p));
		dbt_buf_clear(&part);
		dbt_buf_put(&part, open, (size_t)(sep - open));
		d->quote_ident(&b, dbt_buf_str(&part));
		dbt_buf_putc(&b, '.');
		dbt_buf_clear(&part);
		dbt_buf_put(&part, sep + 1, (size_t)(close - sep - 1));
		d->quote_ident(&b, dbt_buf_str(&part));
	}
	dbt_buf_puts(&b, p);
	dbt_buf_release(&part);
	return take_text(str, &b, part.oom);
}

/*
 * Replaces, in `*str` (a domain's definition or statements), each
 * "CONSTRAINT <flat name>" by the name alone: PostgreSQL names a check
 * it was not given a name for after its domain, which the scratch holds
 * flat ("S\x1fD_check"), and after the domain's own name in its schema
 * (D_check).
 */
static int unflatten_constraints(char **str, const struct scratch *s)
{
	const struct dbt_dialect *d = dbt_dialect_for(s->kind);
	static const char word[] = "CONSTRAINT \"";
	dbt_buf b = DBT_BUF_INIT, part = DBT_BUF_INIT;
	const char *p, *hit, *sep, *close;

	if (!*str || !d || !strchr(*str, DBT_QUALIFIER))
		return 0;
	for (p = *str; (hit = strstr(p, word)); p = close + 1) {
		const char *open = hit + sizeof(word) - 1;

		for (close = open; *close && *close != '"'; close++)
			;
		sep = memchr(open, DBT_QUALIFIER, (size_t)(close - open));
		if (!*close || !sep) {
			dbt_buf_put(&b, p, (size_t)(open - p));
			close = open - 1;
			continue;
		}
		dbt_buf_put(&b, p, (size_t)(open - 1 - p));
		dbt_buf_clear(&part);
		dbt_buf_put(&part, sep + 1, (size_t)(close - sep - 1));
		d->quote_ident(&b, dbt_buf_str(&part));
	}
	dbt_buf_puts(&b, p);
	dbt_buf_release(&part);
	return take_text(str, &b, part.oom);
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
	return model_error(s, DBT_EPARSE, line, col);
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
			if ((rc = unscratch(&o->name, s)) < 0 ||
			    (rc = unscratch(&o->table, s)) < 0 ||
			    (rc = unscratch(&o->definition, s)) < 0 ||
			    (rc = unscratch(&o->create_sql, s)) < 0 ||
			    (rc = unscratch(&o->drop_sql, s)) < 0 ||
			    (rc = unscratch(&o->replace_sql, s)) < 0)
				break;
			for (k = 0; k < o->ndeps && rc == 0; k++)
				rc = unscratch(&o->deps[k], s);
		}
		if (rc == 0 && o->table && strchr(o->table, DBT_QUALIFIER) &&
		    o->kind != DBT_OBJ_POLICY && o->kind != DBT_OBJ_RLS) {
			rc = on_other_schema(model, o, s);
			break;
		}
		if (rc == 0 && s->model && o->kind == DBT_OBJ_DOMAIN &&
		    ((rc = unflatten_constraints(&o->definition, s)) < 0 ||
		     (rc = unflatten_constraints(&o->create_sql, s)) < 0 ||
		     (rc = unflatten_constraints(&o->drop_sql, s)) < 0))
			break;
		if (rc == 0 && s->model) {
			if ((rc = unflatten(&o->name, s)) < 0 ||
			    (rc = unflatten(&o->table, s)) < 0 ||
			    (rc = unflatten(&o->definition, s)) < 0 ||
			    (rc = unflatten(&o->create_sql, s)) < 0 ||
			    (rc = unflatten(&o->drop_sql, s)) < 0 ||
			    (rc = unflatten(&o->replace_sql, s)) < 0 ||
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
		char *msg = strdup(dbt_error_last());

		dbt_scratch_finish(&s);
		if (msg)
			dbt_error_set(rc, "%s", msg);
		free(msg);
		goto cleanup;
	}
	dbt_scratch_finish(&s);
	rc = adopt_objects(model, reflected, &s);
cleanup:
	dbt_schema_free(reflected);
	free(want);
	return rc;
}
