/*
 * reflect_postgres_keys.c - reading PostgreSQL's constraints (primary
 * keys, unique, foreign-key, check and exclusion constraints) and the
 * other indexes of the tables that reflect_postgres.c read: one catalog
 * query each for the whole schema, whose rows go to their tables by oid
 * (dbt_pg_table_at) as the server sends them (dbt_pg_rows), key columns
 * coming as text[] arrays.
 *
 * Apart from reflect_postgres.c because a table's keys and indexes are a
 * concern of their own, with their own queries and array reading; the
 * reflection (dbt_postgres_reflect) calls dbt_pg_read_constraints and
 * dbt_pg_read_indexes after the columns, in the same snapshot.
 */
#include "reflect_postgres_int.h"

#include "buf.h"
#include "error.h"
#include "ident.h"
#include "schema.h"

#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>

/* Key columns come as name arrays in key order.  Each name is one probe
 * of pg_attribute's (attrelid, attnum) index: a join would read every
 * column of the table for each key. */
/* clang-format off */
#define KEY_NAMES(keys, rel)                                                                   \
	"ARRAY(SELECT (SELECT a.attname FROM pg_catalog.pg_attribute a "                       \
	"WHERE a.attrelid = " rel " AND a.attnum = k.num) "                                    \
	"FROM pg_catalog.unnest(" keys ") WITH ORDINALITY k(num, ord) ORDER BY k.ord)"

/* The INCLUDE columns of the pg_index row `x`, as a name array; NULL,
 * read as none, when it has none, without a subquery. */
#define INDEX_INCLUDE(x)                                                                        \
	"CASE WHEN " x ".indnatts > " x ".indnkeyatts THEN "                                    \
	"ARRAY(SELECT a.attname FROM pg_catalog.generate_series(" x ".indnkeyatts, "            \
	x ".indnatts - 1) k JOIN pg_catalog.pg_attribute a ON a.attrelid = " x ".indrelid "     \
	"AND a.attnum = " x ".indkey[k] ORDER BY k) END"
/* Whether the unique pg_index row `x` is NULLS NOT DISTINCT: pg_index
 * has the column from PostgreSQL 15 on.  Before 15 its row as jsonb has
 * the key or not (NULL then); only a unique index can be, and only its
 * row is turned into jsonb.  From 15 on, the column itself: the jsonb of
 * every row cost a fifth of the constraints' query (bench/README.md). */
#define NULLS_NOT_DISTINCT_OLD(x)                                                              \
	"CASE WHEN " x ".indisunique THEN pg_catalog.to_jsonb(" x ") ->> 'indnullsnotdistinct' END"
#define NULLS_NOT_DISTINCT_15(x)                                                               \
	"CASE WHEN " x ".indisunique THEN " x ".indnullsnotdistinct::pg_catalog.text END"

/*
 * The constraints of the tables.  What a kind does not use is not
 * computed for it: key names for keys only, the referenced columns for
 * foreign keys only, the index of primary and unique keys only (a
 * foreign key's conindid is the referenced table's index).  The last
 * column is the referenced table's schema.  A partition's copies of its
 * parent's constraints are the parent's.  `nnd` and `delset` are the
 * server version's forms of NULLS NOT DISTINCT and confdelsetcols.
 */
#define CONSTRAINTS_SQL(nnd, delset) \
	"SELECT con.conrelid, con.conname, con.contype, " \
	"CASE WHEN con.contype IN ('p', 'u', 'f') THEN " \
	KEY_NAMES("con.conkey", "con.conrelid") " END, " \
	"f.relname, " \
	"CASE WHEN con.contype = 'f' THEN " KEY_NAMES("con.confkey", "con.confrelid") " END, " \
	"con.confdeltype, con.confupdtype, con.condeferrable, con.condeferred, " \
	"CASE WHEN con.contype = 'c' THEN pg_catalog.pg_get_expr(con.conbin, con.conrelid, true) " \
	"WHEN con.contype = 'x' THEN pg_catalog.pg_get_constraintdef(con.oid, true) END, " \
	"con.confmatchtype, " INDEX_INCLUDE("ci") ", " nnd ", " \
	"con.connoinherit, " \
	"CASE WHEN con.contype IN ('p', 'u') THEN (SELECT " STORAGE("kc") " " \
	"FROM pg_catalog.pg_class kc WHERE kc.oid = con.conindid) END, " \
	"CASE WHEN con.contype = 'f' THEN " delset " END, " \
	"(SELECT fn.nspname FROM pg_catalog.pg_namespace fn WHERE fn.oid = f.relnamespace) " \
	"FROM pg_catalog.pg_constraint con " \
	"LEFT JOIN pg_catalog.pg_class f ON f.oid = con.confrelid " \
	"LEFT JOIN pg_catalog.pg_index ci ON ci.indexrelid = con.conindid " \
	"AND con.contype IN ('p', 'u') " \
	"WHERE con.conrelid IN (" SCHEMA_TABLES ") AND con.contype IN ('p', 'u', 'f', 'c', 'x') " \
	"AND con.conparentid = 0 AND (con.conislocal OR NOT EXISTS (SELECT 1 " \
	"FROM pg_catalog.pg_class pc WHERE pc.oid = con.conrelid AND pc.relispartition)) " \
	"ORDER BY con.conrelid, con.oid"

/* PostgreSQL 15's confdelsetcols, the columns of ON DELETE SET NULL (...)
 * as names: before 15 read through the row as jsonb, so that older
 * servers, which lack the column, read none. */
#define DELETE_SET_COLUMNS_OLD \
	"ARRAY(SELECT a.attname " \
	"FROM pg_catalog.jsonb_array_elements_text(CASE WHEN pg_catalog.jsonb_typeof(" \
	"pg_catalog.to_jsonb(con) -> 'confdelsetcols') = 'array' " \
	"THEN pg_catalog.to_jsonb(con) -> 'confdelsetcols' ELSE '[]' END) " \
	"WITH ORDINALITY k(num, ord) JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid " \
	"AND a.attnum = k.num::pg_catalog.int2 ORDER BY k.ord)"
#define DELETE_SET_COLUMNS_15 \
	"ARRAY(SELECT a.attname FROM pg_catalog.unnest(con.confdelsetcols) " \
	"WITH ORDINALITY k(num, ord) JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid " \
	"AND a.attnum = k.num ORDER BY k.ord)"

static const char constraints_sql_old[] =
	CONSTRAINTS_SQL(NULLS_NOT_DISTINCT_OLD("ci"), DELETE_SET_COLUMNS_OLD);
static const char constraints_sql_15[] =
	CONSTRAINTS_SQL(NULLS_NOT_DISTINCT_15("ci"), DELETE_SET_COLUMNS_15);

/* clang-format on */

/* Each key as one string: 'A' or 'D' (DESC), then 'C' and a column name
 * or 'E' and an expression.  The indexes behind primary key, unique and
 * exclusion constraints belong to those constraints.  NULLS FIRST
 * ascending, NULLS LAST descending: what is not the direction's own order
 * ('F', 'L').  The keys of the database are one hashed look-up, not a
 * probe of pg_constraint per index.  A partition's index attached to its
 * parent's index is the parent's.  `nnd` as for CONSTRAINTS_SQL. */
/* clang-format off */
#define INDEXES_SQL(nnd) \
	"SELECT i.indrelid, ic.relname, i.indisunique, " \
	"ARRAY(SELECT CASE WHEN i.indoption[k] & 1 <> 0 THEN 'D' ELSE 'A' END || " \
	"CASE WHEN i.indkey[k] <> 0 THEN 'C' || a.attname " \
	"ELSE 'E' || pg_catalog.pg_get_indexdef(i.indexrelid, k + 1, true) END " \
	"FROM pg_catalog.generate_series(0, i.indnkeyatts - 1) k " \
	"LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k] " \
	"ORDER BY k), " \
	"pg_catalog.pg_get_expr(i.indpred, i.indrelid, true), " \
	"ARRAY(SELECT CASE WHEN opc.opcdefault THEN '' ELSE opc.opcname END " \
	"FROM pg_catalog.generate_series(0, i.indnkeyatts - 1) k " \
	"JOIN pg_catalog.pg_opclass opc ON opc.oid = i.indclass[k] ORDER BY k), " \
	"NULLIF(am.amname, 'btree'), " \
	"ARRAY(SELECT CASE i.indoption[k] & 3 WHEN 2 THEN 'F' WHEN 1 THEN 'L' ELSE '' END " \
	"FROM pg_catalog.generate_series(0, i.indnkeyatts - 1) k ORDER BY k), " \
	INDEX_INCLUDE("i") ", " nnd ", " STORAGE("ic") " " \
	"FROM pg_catalog.pg_index i " \
	"JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid " \
	"JOIN pg_catalog.pg_am am ON am.oid = ic.relam " \
	"WHERE i.indrelid IN (" SCHEMA_TABLES ") " \
	"AND (i.indexrelid, i.indrelid) NOT IN (SELECT con.conindid, con.conrelid " \
	"FROM pg_catalog.pg_constraint con WHERE con.contype IN ('p', 'u', 'x')) " \
	"AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits inh " \
	"WHERE inh.inhrelid = i.indexrelid) " \
	"ORDER BY i.indrelid, i.indexrelid"

static const char indexes_sql_old[] = INDEXES_SQL(NULLS_NOT_DISTINCT_OLD("i"));
static const char indexes_sql_15[] = INDEXES_SQL(NULLS_NOT_DISTINCT_15("i"));
/* clang-format on */

static void strv_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}

/* One element of a text[] at `*p`, quoted or not, into `b`; moves `*p`
 * past it.  0 when the element is malformed. */
static int array_element(dbt_buf *b, const char **p)
{
	const char *s = *p;

	dbt_buf_clear(b);
	dbt_buf_puts(b, "");
	if (*s == '"') {
		for (s++; *s && *s != '"'; s++) {
			if (*s == '\\' && s[1])
				s++;
			dbt_buf_putc(b, *s);
		}
		if (*s++ != '"')
			return 0;
	} else {
		while (*s && *s != ',' && *s != '}')
			dbt_buf_putc(b, *s++);
	}
	if (*s == ',' && s[1] != '}')
		s++;
	else if (*s != '}')
		return 0;
	*p = s;
	return 1;
}

static int array_error(const char *s)
{
	return dbt_error_set(DBT_ERROR, "cannot read the array '%.40s' the server sent", s);
}

/* The elements of a one-dimensional text[] in the server's output format:
 * {a,"b c","d\"e"}. */
static int split_array(char ***out, size_t *n, const char *s)
{
	dbt_buf b = DBT_BUF_INIT;
	char **v = NULL, **nv;
	const char *p = s + 1;
	size_t count = 0;
	int rc = 0;

	*out = NULL;
	*n = 0;
	if (*s != '{') {
		rc = array_error(s);
		goto cleanup;
	}
	while (*p != '}') {
		if (!array_element(&b, &p)) {
			rc = array_error(s);
			goto cleanup;
		}
		if (b.oom || !(nv = realloc(v, (count + 1) * sizeof(*v)))) {
			rc = dbt_error_oom();
			goto cleanup;
		}
		v = nv;
		if (!(v[count] = strdup(b.ptr))) {
			rc = dbt_error_oom();
			goto cleanup;
		}
		count++;
	}
	*out = v;
	*n = count;
	v = NULL;
cleanup:
	strv_free(v, count);
	dbt_buf_release(&b);
	return rc;
}

/* The columns of a key, from a name array. */
static int add_names(void *obj, int (*add)(void *, const char *), const char *array)
{
	char **v;
	size_t n, i;
	int rc;

	if ((rc = split_array(&v, &n, array ? array : "{}")) < 0)
		return rc;
	for (i = 0; i < n && rc == 0; i++)
		rc = add(obj, v[i]);
	strv_free(v, n);
	return rc;
}

static int add_unique_column(void *obj, const char *column)
{
	return dbt_unique_add_column(obj, column);
}

static int add_unique_include(void *obj, const char *column)
{
	return dbt_unique_add_include(obj, column);
}

static int add_index_include(void *obj, const char *column)
{
	return dbt_index_add_include(obj, column);
}

static int add_fk_column(void *obj, const char *column)
{
	return dbt_fk_add_column(obj, column);
}

static int add_fk_ref_column(void *obj, const char *column)
{
	return dbt_fk_add_ref_column(obj, column);
}

static int add_fk_set_column(void *obj, const char *column)
{
	return dbt_fk_add_set_column(obj, column);
}

static int add_check(dbt_table *t, const char *name, const char *text, int no_inherit)
{
	dbt_check *check;
	char *expr;
	int rc;

	if ((rc = dbt_pg_server_expr(&expr, text, t)) < 0)
		return rc;
	rc = dbt_table_add_check(&check, t, name, expr, strlen(expr));
	free(expr);
	if (rc == 0)
		check->no_inherit = no_inherit;
	if (rc == DBT_EPARSE)
		return dbt_error_prefix(rc, "cannot reflect check constraint '%s' of table '%s'",
					name, t->name);
	return rc;
}

/* An exclusion constraint from pg_get_constraintdef: "EXCLUDE ...". */
static int add_exclude(dbt_table *t, const char *name, const char *def)
{
	dbt_exclude *x;
	int rc;

	if (!strncmp(def, "EXCLUDE ", 8))
		def += 8;
	rc = dbt_table_add_exclude(&x, t, name, def, strlen(def));
	if (rc == DBT_EPARSE)
		return dbt_error_prefix(rc,
					"cannot reflect exclusion constraint '%s' of table '%s'",
					name, t->name);
	return rc;
}

/* The table `name` of schema `nsp` that a foreign key references, as the
 * schema holds it (dbt_pg_qualified() of that schema), in `*out`, freed as
 * there. */
static int fk_table(char **out, const struct reflect *r, const char *name, const char *nsp)
{
	struct reflect in = *r;

	if (!name) {
		dbt_pg_qualified(out, NULL, NULL);
		return 0;
	}
	if (nsp)
		in.nspname = nsp;
	return dbt_pg_qualified(out, &in, name);
}

int dbt_pg_read_constraints(struct reflect *r)
{
	struct dbt_pg_rows it;
	char *ref = NULL;
	int rc;

	if ((rc = dbt_pg_rows_start(&it, r,
				    PQserverVersion(r->pg) >= 150000 ? constraints_sql_15
								     : constraints_sql_old)) < 0)
		goto cleanup;
	while ((rc = dbt_pg_rows_next(&it)) > 0) {
		const PGresult *res = it.res;
		int i = it.row;
		dbt_table *t = dbt_pg_table_at(r, res, i, 0);
		const char *name = value(res, i, 1), *type = value(res, i, 2);
		dbt_unique *key;
		dbt_fk *fk;

		if (!t || !name || !type)
			continue;
		switch (*type) {
		case 'p':
		case 'u':
			if ((rc = *type == 'p' ? dbt_table_set_pk(&key, t, name)
					       : dbt_table_add_unique(&key, t, name)) == 0 &&
			    (rc = add_names(key, add_unique_column, value(res, i, 3))) == 0)
				rc = add_names(key, add_unique_include, value(res, i, 12));
			if (rc == 0) {
				key->nulls_not_distinct =
					value(res, i, 13) && !strcmp(value(res, i, 13), "true");
				key->deferrable = flag(res, i, 8);
				key->initially_deferred = flag(res, i, 9);
				if (value(res, i, 15) &&
				    !(key->storage = strdup(value(res, i, 15))))
					rc = dbt_error_oom();
			}
			break;
		case 'f':
			if ((rc = fk_table(&ref, r, value(res, i, 4), value(res, i, 17))) < 0 ||
			    (rc = dbt_table_add_fk(&fk, t, name, ref)) < 0 ||
			    (rc = add_names(fk, add_fk_column, value(res, i, 3))) < 0 ||
			    (rc = add_names(fk, add_fk_ref_column, value(res, i, 5))) < 0)
				break;
			fk->ref_columns_given = 1;
			fk->on_delete = dbt_fk_action_from_postgres(value(res, i, 6));
			fk->on_update = dbt_fk_action_from_postgres(value(res, i, 7));
			fk->deferrable = flag(res, i, 8);
			fk->initially_deferred = flag(res, i, 9);
			if ((rc = add_names(fk, add_fk_set_column, value(res, i, 16))) < 0)
				break;
			if (value(res, i, 11) && *value(res, i, 11) == 'f')
				fk->match = DBT_FK_MATCH_FULL;
			else if (value(res, i, 11) && *value(res, i, 11) == 'p')
				fk->match = DBT_FK_MATCH_PARTIAL;
			break;
		case 'x':
			rc = add_exclude(t, name, value(res, i, 10) ? value(res, i, 10) : "");
			break;
		default:
			rc = add_check(t, name, value(res, i, 10) ? value(res, i, 10) : "",
				       flag(res, i, 14));
			break;
		}
		if (rc < 0)
			goto cleanup;
	}
cleanup:
	dbt_pg_qualified(&ref, NULL, NULL);
	dbt_pg_rows_end(&it);
	return rc;
}

/* One key of an index, as INDEXES_SQL spells it. */
static int add_index_key(dbt_index *ix, const dbt_table *t, const char *key)
{
	char *expr;
	int desc = key[0] == 'D', rc;

	if (key[0] == '\0' || key[1] == '\0')
		return dbt_error_set(DBT_ERROR, "cannot read a key of index '%s'", ix->name);
	if (key[1] == 'C')
		return dbt_index_add_column(ix, key + 2, desc);
	if ((rc = dbt_pg_server_expr(&expr, key + 2, t)) < 0)
		return rc;
	rc = dbt_index_add_expr(ix, expr, strlen(expr), desc);
	free(expr);
	return rc;
}

static int read_index(dbt_schema *schema, dbt_table *t, const PGresult *res, int row)
{
	const char *name = value(res, row, 1), *where = value(res, row, 4);
	dbt_index *ix;
	char **keys = NULL, *expr = NULL;
	size_t nkeys = 0, i;
	int rc;

	if (!name)
		return 0;
	if ((rc = dbt_schema_add_index(&ix, schema, name, dbt_ident_needs_quotes(name), t->name,
				       flag(res, row, 2))) < 0 ||
	    (rc = dbt_ident_qualify_like(&ix->name, t->name)) < 0 ||
	    (rc = split_array(&keys, &nkeys, value(res, row, 3) ? value(res, row, 3) : "{}")) < 0)
		goto cleanup;
	for (i = 0; i < nkeys && rc == 0; i++)
		rc = add_index_key(ix, t, keys[i]);
	strv_free(keys, nkeys);
	keys = NULL;
	nkeys = 0;
	/* The operator class of each key, '' for its type's default. */
	if (rc == 0 && value(res, row, 5))
		rc = split_array(&keys, &nkeys, value(res, row, 5));
	for (i = 0; i < nkeys && i < ix->nelems && rc == 0; i++)
		if (keys[i][0] && !(ix->elems[i].opclass = strdup(keys[i])))
			rc = dbt_error_oom();
	strv_free(keys, nkeys);
	keys = NULL;
	nkeys = 0;
	if (rc == 0 && value(res, row, 7))
		rc = split_array(&keys, &nkeys, value(res, row, 7));
	for (i = 0; i < nkeys && i < ix->nelems && rc == 0; i++)
		ix->elems[i].nulls = keys[i][0] == 'F'	 ? DBT_NULLS_FIRST
				     : keys[i][0] == 'L' ? DBT_NULLS_LAST
							 : 0;
	if (rc == 0 && value(res, row, 6) && !(ix->method = strdup(value(res, row, 6))))
		rc = dbt_error_oom();
	if (rc == 0)
		rc = add_names(ix, add_index_include, value(res, row, 8));
	ix->nulls_not_distinct = value(res, row, 9) && !strcmp(value(res, row, 9), "true");
	if (rc == 0 && value(res, row, 10) && !(ix->storage = strdup(value(res, row, 10))))
		rc = dbt_error_oom();
	if (rc == 0 && where && (rc = dbt_pg_server_expr(&expr, where, t)) == 0)
		rc = dbt_index_set_where(ix, expr, strlen(expr));
	if (rc == DBT_EPARSE)
		dbt_error_prefix(rc, "cannot reflect index '%s'", name);
cleanup:
	strv_free(keys, nkeys);
	free(expr);
	return rc;
}

int dbt_pg_read_indexes(struct reflect *r)
{
	struct dbt_pg_rows it;
	int rc;

	if ((rc = dbt_pg_rows_start(&it, r,
				    PQserverVersion(r->pg) >= 150000 ? indexes_sql_15
								     : indexes_sql_old)) < 0)
		goto cleanup;
	while ((rc = dbt_pg_rows_next(&it)) > 0) {
		dbt_table *t = dbt_pg_table_at(r, it.res, it.row, 0);

		if (t && (rc = read_index(r->schema, t, it.res, it.row)) < 0)
			break;
	}
cleanup:
	dbt_pg_rows_end(&it);
	return rc;
}
