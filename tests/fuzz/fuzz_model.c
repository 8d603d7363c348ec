/*
 * fuzz_model.c - libFuzzer harness for the model parser (lib/parse.h).
 *
 * Every input is parsed as a model file.  A failure must be a parse error
 * (or out of memory) with a one-line message naming the file; a success
 * must give a schema that the differ finds equal to itself.  A parsed
 * model is then taken through what `create-all` does with it, for each
 * dialect: adapted and rendered as CREATE TABLE and CREATE INDEX
 * statements.  The SQL rendered for PostgreSQL is parsed back, which must
 * give the same schema, so that names with quotes, semicolons, comment
 * markers or UTF-8 in them cannot change the meaning of the SQL rendered
 * from them.  (The model parser reserves PostgreSQL's keywords; SQLite's
 * quoter rightly leaves some of them bare, so its SQL is rendered only.)
 */
#include "fuzz.h"

#include "buf.h"
#include "dbtool.h"
#include "diff.h"
#include "parse.h"
#include "render.h"
#include "schema.h"
#include "schema_dump.h"

#include <string.h>

#define MODEL_PATH "model.sql"
#define RENDERED_PATH "rendered.sql"

static const char *dialect_name(dbt_dialect_kind kind)
{
	return kind == DBT_DIALECT_SQLITE ? "sqlite" : "postgresql";
}

/* Fails with the first operation when `diff` is not empty. */
static void check_no_ops(const dbt_diff *diff, const char *what, const char *sql)
{
	dbt_buf line = DBT_BUF_INIT;

	if (diff->n == 0)
		return;
	dbt_op_describe(&line, &diff->ops[0]);
	FUZZ_CHECK(diff->n == 0, "%s: %zu differences, the first '%s'; the SQL was:\n%s", what,
		   diff->n, line.ptr ? line.ptr : "", sql ? sql : "");
	dbt_buf_release(&line);
}

/* The dump without names, which equal schemas share; caller frees. */
static char *dump(const dbt_schema *schema)
{
	dbt_buf b = DBT_BUF_INIT;

	dbt_schema_dump(&b, schema, 0);
	FUZZ_CHECK(!b.oom, "out of memory in dbt_schema_dump");
	return dbt_buf_detach(&b);
}

static void check_equal(const dbt_schema *a, const dbt_schema *b, dbt_dialect_kind kind,
			const char *what, const char *sql)
{
	dbt_diff diff = {NULL, 0};
	dbt_diff_opts o = {.fk_forward_refs = kind == DBT_DIALECT_SQLITE};
	char *da, *db;
	int rc;

	rc = dbt_diff_schemas(&diff, a, b, &o);
	FUZZ_CHECK(rc == 0, "dbt_diff_schemas failed (%d): %s", rc, dbt_error_last());
	check_no_ops(&diff, what, sql);
	dbt_diff_release(&diff);

	da = dump(a);
	db = dump(b);
	FUZZ_CHECK(!strcmp(da, db),
		   "%s: the differ finds no difference but the dumps differ:\n%s\n--\n%s", what, da,
		   db);
	free(da);
	free(db);
}

/* 1 when normalising the canonical text `expr` again gives it back. */
static int expr_stable(const char *expr)
{
	char *again = NULL;
	int same;

	if (!expr)
		return 1;
	if (dbt_schema_normalize_expr(&again, expr, strlen(expr)) < 0)
		return 0;
	same = !strcmp(again, expr);
	free(again);
	return same;
}

/*
 * 1 when every expression of `schema` is a fixed point of the normaliser.
 * Some text that no database would accept is not (". 5" after an operator
 * is written ".5", which reads back as a number), and then the SQL
 * rendered from the schema cannot parse back the same: that is no fault of
 * the renderer, so the round trip skips such a schema.
 */
static int exprs_stable(const dbt_schema *schema)
{
	size_t i, k;

	for (i = 0; i < schema->ntables; i++) {
		const dbt_table *t = schema->tables[i];

		for (k = 0; k < t->ncolumns; k++)
			if (!expr_stable(t->columns[k]->default_expr))
				return 0;
		for (k = 0; k < t->nchecks; k++)
			if (!expr_stable(t->checks[k]->expr))
				return 0;
	}
	for (i = 0; i < schema->nindexes; i++) {
		const dbt_index *x = schema->indexes[i];

		if (!expr_stable(x->where))
			return 0;
		for (k = 0; k < x->nelems; k++)
			if (!expr_stable(x->elems[k].expr))
				return 0;
	}
	return 1;
}

/* CREATE TABLE for every table, foreign keys inline, then CREATE INDEX
 * for every index. */
static char *render(const dbt_schema *schema, dbt_dialect_kind kind)
{
	dbt_buf b = DBT_BUF_INIT;
	size_t i;
	int rc;

	for (i = 0; i < schema->ntables; i++) {
		rc = dbt_render_create_table(&b, kind, schema->tables[i], NULL, NULL);
		FUZZ_CHECK(rc == 0, "rendering table '%s' for %s failed (%d): %s",
			   schema->tables[i]->name, dialect_name(kind), rc, dbt_error_last());
	}
	for (i = 0; i < schema->nindexes; i++) {
		rc = dbt_render_create_index(&b, kind, schema->indexes[i]);
		FUZZ_CHECK(rc == 0, "rendering index '%s' for %s failed (%d): %s",
			   schema->indexes[i]->name, dialect_name(kind), rc, dbt_error_last());
	}
	FUZZ_CHECK(!b.oom, "out of memory while rendering");
	return dbt_buf_detach(&b);
}

/* Adapts a fresh parse of the model to `kind` and renders it; for
 * PostgreSQL, parses the SQL back and compares. */
static void round_trip(const char *text, size_t len, dbt_dialect_kind kind)
{
	dbt_schema *model = NULL, *back = NULL;
	char *sql = NULL;
	int rc;

	rc = dbt_parse_model(&model, MODEL_PATH, text, len);
	FUZZ_CHECK(rc == 0, "a second parse of the same model failed (%d): %s", rc,
		   dbt_error_last());
	rc = dbt_schema_adapt(model, kind);
	if (rc < 0) {
		/* The model uses what this dialect cannot store. */
		FUZZ_CHECK(rc == DBT_EPARSE || rc == DBT_ERROR, "dbt_schema_adapt returned %d", rc);
		fuzz_check_message(rc, NULL);
		goto cleanup;
	}
	sql = render(model, kind);
	if (kind != DBT_DIALECT_POSTGRES || !exprs_stable(model))
		goto cleanup;
	rc = dbt_parse_model(&back, RENDERED_PATH, sql, strlen(sql));
	FUZZ_CHECK(rc == 0, "the SQL rendered for %s does not parse back: %s\n%s",
		   dialect_name(kind), dbt_error_last(), sql);
	rc = dbt_schema_adapt(back, kind);
	FUZZ_CHECK(rc == 0, "the SQL rendered for %s does not adapt back: %s\n%s",
		   dialect_name(kind), dbt_error_last(), sql);
	check_equal(model, back, kind, "round trip through the SQL rendered for postgresql", sql);
cleanup:
	free(sql);
	dbt_schema_free(back);
	dbt_schema_free(model);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	dbt_schema *model = NULL;
	int rc;

	rc = dbt_parse_model(&model, MODEL_PATH, text, size);
	if (rc < 0) {
		FUZZ_CHECK(rc == DBT_EPARSE || rc == DBT_ERROR, "dbt_parse_model returned %d", rc);
		FUZZ_CHECK(!model, "the schema is set after a failure");
		fuzz_check_message(rc, MODEL_PATH ":");
		return 0;
	}
	FUZZ_CHECK(rc == 0 && model, "dbt_parse_model returned %d and no schema", rc);
	check_equal(model, model, DBT_DIALECT_POSTGRES, "the model against itself", NULL);
	dbt_schema_free(model);

	round_trip(text, size, DBT_DIALECT_SQLITE);
	round_trip(text, size, DBT_DIALECT_POSTGRES);
	return 0;
}
