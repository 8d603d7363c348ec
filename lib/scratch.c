/*
 * scratch.c - dbt_scratch_normalize (see scratch.h): builds the model's
 * changed tables in a scratch database of the live database's dialect and
 * reads them back, so that the differ compares the database's normal form
 * with the database's normal form.  Only the tables the differ found
 * different are built: a model that matches the database costs no scratch
 * work.  The model's statements are built by scratch_objects.c; the SQL
 * the scratch runs and the names of what it reflects back are respelled
 * by scratch_names.c; scratch_conn.c opens and closes the scratch.
 */
#include "scratch.h"
#include "scratch_int.h"

#include "error.h"
#include "model.h"
#include "lex.h"
#include "render.h"

#include <stdlib.h>
#include <string.h>

/* Index into `model->tables` of the table `name`; -1 when absent.  Through
 * the schema's table map: adopt() asks it for each of the model's indexes. */
long dbt_scratch_table_index(const dbt_schema *model, const char *name)
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
 * touches that the database has too, 3 for each table the diff creates
 * (built, so that the model's errors that only the database sees are
 * found before a revision is written, but not adopted), and 1 for each
 * table their foreign keys reference that is not marked yet.  Returns
 * the number of 2s and 3s; `*nadopt` is the number of 2s.
 */
static size_t choose(char *want, const dbt_schema *model, const dbt_diff *diff,
		     const dbt_schema *db, size_t *nadopt)
{
	size_t i, k, n = 0;

	for (i = 0; i < diff->n; i++) {
		const char *name = op_table(&diff->ops[i]);
		long t = name ? dbt_scratch_table_index(model, name) : -1;

		if (t < 0 || want[t] >= 2)
			continue;
		/* A table that the differ renames is in the database under
		 * its old name. */
		if (dbt_schema_find_table(db, name) ||
		    (model->tables[t]->renamed_from &&
		     dbt_schema_find_table(db, model->tables[t]->renamed_from))) {
			want[t] = 2;
			(*nadopt)++;
		} else {
			want[t] = 3;
		}
		n++;
	}
	for (i = 0; i < model->ntables; i++) {
		if (want[i] < 2)
			continue;
		for (k = 0; k < model->tables[i]->nfks; k++) {
			long r =
				dbt_scratch_table_index(model, model->tables[i]->fks[k]->ref_table);

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
			r = dbt_scratch_table_index(model, model->tables[i]->partition_of);
			if (r >= 0 && !want[r]) {
				want[r] = 1;
				k = 1;
			}
		}
	}
	return n;
}

/* "MODEL:LINE:COL: " in front of the database's message. */
int dbt_scratch_model_error(const struct scratch *s, int rc, int line, int col)
{
	if (line > 0)
		return dbt_error_prefix(rc, "%s:%d:%d", s->model_path, line, col);
	return dbt_error_prefix(rc, "%s", s->model_path);
}

/* On PostgreSQL and MariaDB the tables, and their indexes, are made
 * before any foreign key, so that neither order nor cycles matter, nor a
 * key that rests on a unique index (a table's reference to itself too);
 * SQLite takes forward names. */
int dbt_scratch_skip_fk(const dbt_fk *fk, void *arg)
{
	(void)fk;
	(void)arg;
	return 1;
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
		t = dbt_scratch_table_index(model, name);
		free(name);
		if (t >= 0 && want[t])
			return 1;
	}
	return 0;
}

/*
 * The prerequisites of phase 0 (before the tables), or of phase 1 (after
 * them): the routines whose signatures name a table built.  Where columns
 * use named types (DBT_CAP_ENUM_TYPES, PostgreSQL): the model's types,
 * domains, sequences, functions ... in the order it declares them, before
 * its tables, so that a table uses the model's enum (not the live one of
 * the same name, which may differ) and one the live database lacks.  A
 * function's body is not checked (the dialect's scratch_objects_start):
 * it may name a table that is not built.
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
		if ((rc = dbt_scratch_sql(&sql, s, st)) == 0 && (rc = dbt_scratch_run(s, &sql)) < 0)
			dbt_scratch_model_error(s, rc, st->line, st->col);
	}
	dbt_buf_release(&sql);
	return rc;
}

/* Builds the tables marked in `want`, the indexes of those marked 2 or 3
 * (and the unique ones of the others) and the foreign keys of those marked
 * 2 or 3. */
static int build(struct scratch *s, const dbt_schema *model, const char *want)
{
	/* Columns may use the model's named types (PostgreSQL). */
	int types = (s->conn->dialect->caps & DBT_CAP_ENUM_TYPES) != 0;
	/* Foreign keys after the tables where a table cannot name one made
	 * later (PostgreSQL, MariaDB). */
	int late = !(s->conn->dialect->caps & DBT_CAP_FK_FORWARD_REFS);
	dbt_buf sql = DBT_BUF_INIT;
	char *built = calloc(model->ntables ? model->ntables : 1, 1);
	size_t i, pass;
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
			parent = t->partition_of ? dbt_scratch_table_index(model, t->partition_of)
						 : -1;
			if (parent >= 0 && !built[parent] && pass < model->ntables)
				continue;
			built[i] = 1;
			progress = 1;
			dbt_buf_clear(&sql);
			if ((rc = dbt_render_create_table(&sql, s->kind, t,
							  late ? dbt_scratch_skip_fk : NULL,
							  (void *)t)) == 0 &&
			    (rc = dbt_scratch_rendered(&sql, s)) == 0 &&
			    (rc = dbt_scratch_run(s, &sql)) < 0)
				dbt_scratch_model_error(s, rc, t->line, t->col);
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
		long t = dbt_scratch_table_index(model, ix->table);

		if (t < 0 || !want[t] || (want[t] < 2 && !ix->unique))
			continue;
		dbt_buf_clear(&sql);
		if ((rc = dbt_scratch_render_index(&sql, s, ix)) < 0 ||
		    (rc = dbt_scratch_rendered(&sql, s)) < 0 || (rc = dbt_scratch_run(s, &sql)) < 0)
			dbt_scratch_model_error(s, rc, ix->line, ix->col);
	}
	if (late && rc == 0)
		rc = dbt_scratch_add_skipped_fks(s, model, want, 2, &sql);
	dbt_buf_release(&sql);
	return rc;
}

int dbt_scratch_add_skipped_fks(struct scratch *s, const dbt_schema *model, const char *want,
				int min, dbt_buf *sql)
{
	size_t i, k;
	int rc = 0;

	for (i = 0; i < model->ntables && rc == 0; i++) {
		const dbt_table *t = model->tables[i];

		for (k = 0; want[i] >= min && k < t->nfks && rc == 0; k++) {
			const dbt_fk *fk = t->fks[k];
			dbt_op op;
			long r = dbt_scratch_table_index(model, fk->ref_table);

			if (!dbt_scratch_skip_fk(fk, (void *)t) || r < 0 || !want[r])
				continue;
			memset(&op, 0, sizeof(op));
			op.kind = DBT_OP_ADD_FK;
			op.table = t;
			op.fk = fk;
			dbt_buf_clear(sql);
			if ((rc = dbt_render_op(sql, s->kind, &op)) == 0 &&
			    (rc = dbt_scratch_rendered(sql, s)) == 0 &&
			    (rc = dbt_scratch_run(s, sql)) < 0)
				dbt_scratch_model_error(s, rc, fk->line, fk->col);
		}
	}
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
 * The model's index `ix`, which the reflected `scratch` lacks: when its
 * table there has a unique constraint of its name, the database made the
 * index that constraint (MariaDB: a unique index on a TEXT column,
 * descending or not, is a unique hash key on whole columns in ascending
 * order, which reads as a constraint).  The constraint takes the index's
 * place and whether the model named it, and the index goes: 1.  0 when
 * there is no such constraint.
 */
static int became_unique(dbt_schema *model, const dbt_schema *scratch, dbt_index *ix)
{
	long t = dbt_scratch_table_index(scratch, ix->table);
	dbt_unique *u = t >= 0 ? find_unique(scratch->tables[t], ix->name) : NULL;

	if (!u || !ix->unique)
		return 0;
	u->name_given = ix->name_given;
	u->line = ix->line;
	u->col = ix->col;
	dbt_schema_remove_index(model, ix);
	return 1;
}

/*
 * Swaps each table marked 2, and each of its indexes, between `model` and
 * the reflected `scratch`, which then owns the parsed objects.  An index
 * the reflection has as a unique constraint goes (became_unique); any
 * other object the reflection lacks stays as parsed.  Marks 1 in
 * `replaced` (when not NULL) the places of the tables swapped.
 */
static void adopt(dbt_schema *model, dbt_schema *scratch, const char *want, unsigned char *replaced)
{
	size_t i, k;

	for (i = 0; i < model->nindexes; i++) {
		dbt_index *ix = model->indexes[i], *r;
		long t = dbt_scratch_table_index(model, ix->table);

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
		if (k == scratch->nindexes && became_unique(model, scratch, ix))
			i--;
	}
	for (i = 0; i < model->ntables; i++) {
		dbt_table *t = model->tables[i];
		long r;

		if (want[i] != 2 || (r = dbt_scratch_table_index(scratch, t->name)) < 0)
			continue;
		adopt_table(scratch->tables[r], t);
		model->tables[i] = scratch->tables[r];
		scratch->tables[r] = t;
		if (replaced)
			replaced[i] = 1;
	}
}

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

			if ((rc = dbt_scratch_unflatten(&c->type.text, s)) == 0 &&
			    (rc = dbt_scratch_unflatten(&c->default_expr, s)) == 0)
				rc = dbt_scratch_unflatten(&c->generated_expr, s);
		}
		for (k = 0; k < t->nchecks && rc == 0; k++)
			rc = dbt_scratch_unflatten(&t->checks[k]->expr, s);
	}
	return rc;
}

int dbt_scratch_normalize(dbt_schema *model, const dbt_diff *diff, dbt_conn *conn,
			  const dbt_schema *db, const char *model_path, const char *schema_name,
			  unsigned char *replaced)
{
	struct scratch s;
	dbt_schema *reflected = NULL;
	char *want;
	size_t nadopt = 0;
	int rc;

	if (diff->n == 0 || model->ntables == 0)
		return 0;
	if (!(want = calloc(model->ntables, 1)))
		return dbt_error_oom();
	if (choose(want, model, diff, db, &nadopt) == 0) {
		free(want);
		return 0;
	}
	memset(&s, 0, sizeof(s));
	s.kind = conn->dialect->kind;
	s.live_schema = schema_name;
	s.model_path = model_path;
	s.model = model;
	/* With nothing to adopt, the tables are built only to be refused or
	 * not: nothing is reflected. */
	if ((rc = dbt_scratch_start(&s, conn)) < 0 || (rc = build(&s, model, want)) < 0 ||
	    (nadopt &&
	     (rc = dbt_model_reflect(&reflected, s.conn, s.schema[0] ? s.schema : NULL)) < 0)) {
		dbt_scratch_abandon(&s, rc);
		goto cleanup;
	}
	dbt_scratch_finish(&s);
	if (nadopt && (rc = unflatten_types(reflected, &s)) == 0)
		adopt(model, reflected, want, replaced);
cleanup:
	dbt_schema_free(reflected);
	free(want);
	return rc;
}
