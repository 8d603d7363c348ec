/*
 * render_sqlite_adapt.c - the adaptation of a model to what SQLite stores
 * (the dialect's adapt and autoincrement entries, dialect.h): declared
 * types as SQLite reads them, the rowid alias of the auto-increment rule,
 * STRICT and WITHOUT ROWID as SQLite checks them, and the names SQLite
 * takes as one because it ignores ASCII case.  render_sqlite.c renders.
 */
#include "dialect.h"
#include "error.h"
#include "ident.h"
#include "render.h"
#include "render_int.h"
#include "render_sqlite.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The model's declared type, in the form dialect `kind` stores: a column
 * of a reflected or hand-built schema has no declaration and stays. */
static int adapt_type(dbt_column *c, dbt_type_memo *memo)
{
	dbt_type ty;
	int rc;

	if (!c->type.decl)
		return 0;
	if ((rc = dbt_type_from_sqlite_memo(&ty, c->type.decl, memo)) < 0)
		return rc;
	/* PostgreSQL's BYTEA is SQLite's BLOB: the same values, where the
	 * name BYTEA would give the column SQLite's NUMERIC affinity. */
	if (ty.kind == DBT_TYPE_BLOB && ty.text) {
		free(ty.text);
		ty.text = NULL;
	}
	ty.decl = c->type.decl;
	c->type.decl = NULL;
	dbt_type_release(&c->type);
	c->type = ty;
	return 0;
}

/* The types a STRICT table takes, as SQLite names them. */
static int sqlite_strict_type(const char *text)
{
	static const char *const types[] = {"INT", "INTEGER", "REAL", "TEXT", "BLOB", "ANY"};
	size_t i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (!dbt_render_ascii_casecmp(text, types[i]))
			return 1;
	return 0;
}

/* What SQLite refuses of a STRICT or WITHOUT ROWID table, with its own
 * words, at the model's place; the types once adapted. */
static int sqlite_table_options(const dbt_table *t)
{
	dbt_buf ty = DBT_BUF_INIT;
	char at[32];
	size_t i;
	int rc = 0;

	if (t->without_rowid && !t->pk) {
		dbt_render_place(at, sizeof(at), t->wr_line, t->wr_col);
		return dbt_error_set(DBT_EPARSE, "%sPRIMARY KEY missing on table %s", at, t->name);
	}
	/* Nothing below applies to other tables: no place to print. */
	if (!t->without_rowid && !t->strict)
		return 0;
	for (i = 0; i < t->ncolumns && rc == 0; i++) {
		const dbt_column *c = t->columns[i];

		dbt_render_place(at, sizeof(at), c->line, c->col);
		if (t->without_rowid && c->autoincrement) {
			rc = dbt_error_set(DBT_EPARSE,
					   "%sAUTOINCREMENT not allowed on WITHOUT ROWID tables "
					   "(column "
					   "'%s.%s')",
					   at, t->name, c->name);
			break;
		}
		if (!t->strict)
			continue;
		/* The type as adapted: what CREATE TABLE will say. */
		dbt_buf_clear(&ty);
		if (!c->type.text || *c->type.text)
			dbt_type_format(&ty, &c->type);
		if (ty.oom) {
			rc = dbt_error_oom();
		} else if (!ty.len) {
			rc = dbt_error_set(DBT_EPARSE, "%smissing datatype for %s.%s", at, t->name,
					   c->name);
		} else if (!sqlite_strict_type(dbt_buf_str(&ty))) {
			rc = dbt_error_set(DBT_EPARSE,
					   "%sunknown datatype for %s.%s: \"%s\" (a STRICT table "
					   "takes "
					   "INT, INTEGER, REAL, TEXT, BLOB or ANY)",
					   at, t->name, c->name, dbt_buf_str(&ty));
		}
	}
	dbt_buf_release(&ty);
	return rc;
}

/* SQLite: the rowid alias, whose type must be spelled INTEGER (a BIGINT
 * key becomes INTEGER, which SQLite stores in 64 bits all the same).  The
 * declared type and NOT NULL stay in rule_decl, for the
 * differ: a key made elsewhere with that type agrees with the model. */
int dbt_sqlite_autoincrement(dbt_column *c)
{
	if (!c->type.text && c->type.kind == DBT_TYPE_INTEGER && c->type.length < 0 &&
	    c->type.precision < 0 && c->type.scale < 0) {
		/* INTEGER already: the alias as declared. */
		c->not_null = 1;
		return 0;
	}
	if (!c->rule_decl && !(c->rule_decl = calloc(1, sizeof(*c->rule_decl))))
		return dbt_error_oom();
	dbt_type_release(&c->rule_decl->type);
	c->rule_decl->type = c->type;
	c->rule_decl->type.decl = NULL;
	c->rule_decl->not_null = c->not_null;
	c->type.kind = DBT_TYPE_INTEGER;
	c->type.length = c->type.precision = c->type.scale = -1;
	c->type.text = NULL;
	c->not_null = 1;
	return 0;
}

/* PostgreSQL's options of a key, which SQLite's keys do not have. */
static int sqlite_refuse_key(const dbt_table *t, const dbt_unique *k)
{
	const char *what;

	if (!k || (!k->ninclude && !k->nulls_not_distinct && !k->deferrable && !k->storage))
		return 0;
	what = k->ninclude	       ? "INCLUDE columns"
	       : k->nulls_not_distinct ? "NULLS NOT DISTINCT"
	       : k->storage	       ? "storage parameters (WITH (...))"
				       : "DEFERRABLE";
	return dbt_error_set(DBT_EPARSE,
			     "%d:%d: a key of table '%s' has %s, which SQLite does not have",
			     k->pg_line, k->pg_col, t->name, what);
}

static int adapt_sqlite(dbt_table *t, dbt_type_memo *memo)
{
	size_t i;
	int rc;

	if ((rc = dbt_render_generated_pk(t)) < 0 ||
	    (rc = dbt_render_refuse_mysql_forms(t, "SQLite", "an SQL comment can say it")) < 0)
		return rc;
	if (t->partition_by || t->partition_of)
		return dbt_error_set(DBT_EPARSE,
				     "%d:%d: table '%s' is %s, which SQLite does not support",
				     t->line, t->col, t->name,
				     t->partition_of ? "a partition (PARTITION OF)"
						     : "partitioned (PARTITION BY)");
	if (t->nexcludes)
		return dbt_error_set(DBT_EPARSE,
				     "%d:%d: table '%s' has an exclusion constraint (EXCLUDE), "
				     "which "
				     "SQLite does not support",
				     t->excludes[0]->line, t->excludes[0]->col, t->name);
	if (t->ncolumns == 0)
		return dbt_error_set(DBT_EPARSE,
				     "%d:%d: table '%s' has no columns, which SQLite does not "
				     "allow",
				     t->line, t->col, t->name);
	if (t->like_line)
		return dbt_error_set(DBT_EPARSE,
				     "%d:%d: table '%s' copies another table with LIKE, which "
				     "SQLite "
				     "does not have",
				     t->like_line, t->like_col, t->name);
	if (t->unlogged)
		return dbt_error_set(DBT_EPARSE,
				     "%d:%d: table '%s' is UNLOGGED, which SQLite does not support",
				     t->unlogged_line, t->unlogged_col, t->name);
	if (t->storage)
		return dbt_error_set(DBT_EPARSE,
				     "%d:%d: table '%s' has storage parameters (WITH (...)), which "
				     "SQLite does not have",
				     t->storage_line, t->storage_col, t->name);
	if ((rc = sqlite_refuse_key(t, t->pk)) < 0)
		return rc;
	for (i = 0; i < t->nuniques; i++)
		if ((rc = sqlite_refuse_key(t, t->uniques[i])) < 0)
			return rc;
	for (i = 0; i < t->ncolumns; i++)
		if (t->columns[i]->has_statistics || t->columns[i]->storage)
			return dbt_error_set(
				DBT_EPARSE,
				"%d:%d: column '%s.%s' has SET %s, which SQLite does not "
				"have",
				dbt_column_places_get(t->columns[i])->pg_set_line,
				dbt_column_places_get(t->columns[i])->pg_set_col, t->name,
				t->columns[i]->name,
				t->columns[i]->has_statistics ? "STATISTICS" : "STORAGE");
	for (i = 0; i < t->nfks; i++)
		if (t->fks[i]->nset_columns)
			return dbt_error_set(
				DBT_EPARSE,
				"%d:%d: foreign key '%s' of table '%s' sets only some of "
				"its columns (ON DELETE SET ... (columns)), which SQLite "
				"does not have",
				t->fks[i]->set_line, t->fks[i]->set_col, t->fks[i]->name, t->name);
	for (i = 0; i < t->nchecks; i++)
		if (t->checks[i]->no_inherit)
			return dbt_error_set(DBT_EPARSE,
					     "%d:%d: a CHECK of table '%s' is NO INHERIT, which "
					     "SQLite does not have",
					     t->checks[i]->no_inherit_line,
					     t->checks[i]->no_inherit_col, t->name);
	for (i = 0; i < t->ncolumns; i++)
		if (t->columns[i]->identity_options)
			return dbt_error_set(DBT_EPARSE,
					     "%d:%d: column '%s.%s' has identity sequence options, "
					     "which SQLite does not have",
					     dbt_column_places_get(t->columns[i])
						     ->identity_options_line,
					     dbt_column_places_get(t->columns[i])
						     ->identity_options_col,
					     t->name, t->columns[i]->name);

	for (i = 0; i < t->ncolumns; i++)
		if ((rc = adapt_type(t->columns[i], memo)) < 0)
			return rc;
	for (i = 0; i < t->ncolumns; i++) {
		dbt_column *c = t->columns[i];

		if (!c->autoincrement)
			continue;
		if (dbt_render_sole_pk_column(t) != c || !dbt_type_is_integer(c->type.kind))
			return sqlite_autoinc_error(t, c);
		/* Only a column spelled INTEGER is the rowid alias that
		 * AUTOINCREMENT needs. */
		c->identity = DBT_IDENTITY_NONE;
		c->type.kind = DBT_TYPE_INTEGER;
		c->type.length = c->type.precision = c->type.scale = -1;
		free(c->type.text);
		c->type.text = NULL;
		c->not_null = 1;
	}
	if ((rc = sqlite_table_options(t)) < 0)
		return rc;
	dbt_table_sqlite_pk_nulls(t);
	return 0;
}

/* 1 when the names are equal ignoring ASCII case, as SQLite compares. */
static int same_sqlite_name(const char *a, const char *b)
{
	return !dbt_name_casecmp(a, b);
}

static int cmp_table_case(const void *a, const void *b)
{
	dbt_table *const *x = *(dbt_table *const *const *)a;
	dbt_table *const *y = *(dbt_table *const *const *)b;
	int c = dbt_name_casecmp((*x)->name, (*y)->name);

	/* Pointers into one array: their order is the declaration order. */
	return c ? c : (x < y ? -1 : x > y);
}

static int cmp_index_case(const void *a, const void *b)
{
	dbt_index *const *x = *(dbt_index *const *const *)a;
	dbt_index *const *y = *(dbt_index *const *const *)b;
	int c = dbt_name_casecmp((*x)->name, (*y)->name);

	return c ? c : (x < y ? -1 : x > y);
}

/* The earliest table (in declaration order) named `name` ignoring case, in
 * `byname` (the schema's tables sorted by cmp_table_case); NULL for none. */
static const dbt_table *table_named(const dbt_schema *schema, dbt_table *const **byname,
				    const char *name)
{
	size_t lo = 0, hi = schema->ntables, mid;

	if (schema->ntables == 1)
		return same_sqlite_name(schema->tables[0]->name, name) ? schema->tables[0] : NULL;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (dbt_name_casecmp((*byname[mid])->name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return byname && lo < schema->ntables && same_sqlite_name((*byname[lo])->name, name)
		       ? *byname[lo]
		       : NULL;
}

/*
 * Indexes share the tables' name space on SQLite: the first named index
 * (in declaration order) whose name is a table's, or an earlier named
 * index's, ignoring case, is an error at its place.
 */
static int index_case_clash(const dbt_schema *schema, dbt_table *const **byname)
{
	dbt_index *const **ixs = NULL;
	size_t i, j, n = 0, bad = SIZE_MAX, earlier = 0;
	const dbt_index *ix;
	const dbt_table *t;
	int rc = 0;

	if (!schema->nindexes)
		return 0;
	if (!(ixs = malloc(schema->nindexes * sizeof(*ixs))))
		return dbt_error_oom();
	for (i = 0; i < schema->nindexes; i++)
		if (schema->indexes[i]->name_given)
			ixs[n++] = &schema->indexes[i];
	qsort(ixs, n, sizeof(*ixs), cmp_index_case);
	/* In a run of equal names the first is the earliest declared. */
	for (i = 1, j = 0; i < n; i++) {
		if (dbt_name_casecmp((*ixs[j])->name, (*ixs[i])->name))
			j = i;
		else if ((size_t)(ixs[i] - schema->indexes) < bad) {
			bad = (size_t)(ixs[i] - schema->indexes);
			earlier = (size_t)(ixs[j] - schema->indexes);
		}
	}
	free(ixs);
	for (i = 0; i < schema->nindexes && i <= bad; i++) {
		ix = schema->indexes[i];
		if (ix->name_given && schema->ntables &&
		    (t = table_named(schema, byname, ix->name)))
			return dbt_error_set(DBT_EPARSE,
					     "%d:%d: name '%s' is already used by table '%s' on "
					     "line "
					     "%d (SQLite ignores case in names)",
					     ix->line, ix->col, ix->name, t->name, t->line);
	}
	if (bad != SIZE_MAX) {
		ix = schema->indexes[bad];
		rc = dbt_error_set(DBT_EPARSE,
				   "%d:%d: duplicate index '%s' (first declared on line %d as "
				   "'%s', "
				   "and SQLite ignores case in names)",
				   ix->line, ix->col, ix->name, schema->indexes[earlier]->line,
				   schema->indexes[earlier]->name);
	}
	return rc;
}

/*
 * PostgreSQL keeps "Users" and users apart, SQLite does not: two tables,
 * two columns of a table, two indexes or an index and a table whose names
 * differ only in case are one name there, reported at the later one's
 * place.  Tables and indexes are compared in name order (sorting pointers
 * to the arrays' slots), not each with every other: `first[i]` is the
 * earliest table whose name is table i's.
 */
static int sqlite_case_clash(const dbt_schema *schema)
{
	dbt_table *const **byname = NULL;
	size_t i, j, k, *first = NULL;
	int rc = 0;

	if (schema->ntables > 1) {
		byname = malloc(schema->ntables * sizeof(*byname));
		first = malloc(schema->ntables * sizeof(*first));
		if (!byname || !first) {
			rc = dbt_error_oom();
			goto cleanup;
		}
		for (i = 0; i < schema->ntables; i++) {
			byname[i] = &schema->tables[i];
			first[i] = i;
		}
		qsort(byname, schema->ntables, sizeof(*byname), cmp_table_case);
		for (i = 1, j = 0; i < schema->ntables; i++) {
			if (dbt_name_casecmp((*byname[j])->name, (*byname[i])->name))
				j = i;
			else
				first[byname[i] - schema->tables] =
					(size_t)(byname[j] - schema->tables);
		}
	}
	for (i = 0; i < schema->ntables; i++) {
		const dbt_table *t = schema->tables[i];

		if (first && first[i] != i) {
			const dbt_table *o = schema->tables[first[i]];

			rc = dbt_error_set(DBT_EPARSE,
					   "%d:%d: duplicate table '%s' (first declared on line %d "
					   "as '%s', and SQLite ignores case in names)",
					   t->line, t->col, t->name, o->line, o->name);
			goto cleanup;
		}
		for (j = 0; j < t->ncolumns; j++)
			for (k = 0; k < j; k++)
				if (same_sqlite_name(t->columns[k]->name, t->columns[j]->name)) {
					rc = dbt_error_set(
						DBT_EPARSE,
						"%d:%d: duplicate column '%s' in table '%s' (first "
						"declared on line %d as '%s', and SQLite ignores "
						"case in names)",
						t->columns[j]->line, t->columns[j]->col,
						t->columns[j]->name, t->name, t->columns[k]->line,
						t->columns[k]->name);
					goto cleanup;
				}
	}
	rc = index_case_clash(schema, byname);
cleanup:
	free(byname);
	free(first);
	return rc;
}

int dbt_sqlite_adapt(dbt_schema *schema)
{
	dbt_type_memo memo = DBT_TYPE_MEMO_INIT;
	size_t i;
	int rc;

	if ((rc = sqlite_case_clash(schema)) < 0)
		return rc;
	for (i = 0; i < schema->nindexes; i++) {
		const dbt_index *ix = schema->indexes[i];
		size_t j;

		if (ix->method)
			return dbt_error_set(DBT_EPARSE,
					     "%d:%d: index '%s' uses the index method '%s', which "
					     "SQLite does not have",
					     ix->line, ix->col, ix->name, ix->method);
		if (ix->ninclude || ix->nulls_not_distinct || ix->storage)
			return dbt_error_set(DBT_EPARSE,
					     "%d:%d: index '%s' has %s, which SQLite does not have",
					     ix->pg_line, ix->pg_col, ix->name,
					     ix->ninclude ? "INCLUDE columns"
					     : ix->nulls_not_distinct
						     ? "NULLS NOT DISTINCT"
						     : "storage parameters (WITH (...))");
		for (j = 0; j < ix->nelems; j++) {
			if (ix->elems[j].opclass)
				return dbt_error_set(DBT_EPARSE,
						     "%d:%d: index '%s' uses the operator class "
						     "'%s', which SQLite does not have",
						     ix->line, ix->col, ix->name,
						     ix->elems[j].opclass);
			if (ix->elems[j].nulls)
				return dbt_error_set(DBT_EPARSE,
						     "%d:%d: index '%s' orders NULLs %s, which "
						     "SQLite's indexes cannot",
						     ix->line, ix->col, ix->name,
						     ix->elems[j].nulls == DBT_NULLS_FIRST
							     ? "first"
							     : "last");
		}
	}
	for (i = 0; i < schema->ntables && rc == 0; i++)
		rc = adapt_sqlite(schema->tables[i], &memo);
	dbt_type_memo_release(&memo);
	return rc;
}

/* The rowid alias is the key spelled exactly INTEGER. */
int dbt_sqlite_autoincrement_is(const dbt_column *c)
{
	return c->type.kind == DBT_TYPE_INTEGER && !c->type.text;
}
