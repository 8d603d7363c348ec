/*
 * reflect_postgres.c - reads a live PostgreSQL schema into the Schema model
 * (schema.h), normalised as the model parser normalises a model, so that a
 * model applied to an empty database and reflected back compares equal.
 *
 * Four catalog queries read the whole schema whatever its size (tables,
 * columns, constraints, indexes), inside one read-only snapshot.  The
 * tables' query also takes a census of the other kinds of objects, and
 * the query of a kind the schema does not hold is not sent: a schema of
 * tables only costs those four and its transaction.  The rows of the
 * three that grow with the columns, keys and indexes are turned into the
 * schema as the server sends them, one at a time (dbt_pg_rows in
 * reflect_postgres_int.h): their whole results were the largest part of
 * the peak memory of `check` at 5,000 tables.  Types
 * go through dbt_type_from_postgres on format_type()'s text; a column whose
 * default is nextval() of a sequence it owns is SERIAL.
 *
 * Defaults, CHECK expressions, index keys and WHERE clauses are kept as
 * the server prints them, casts and parentheses included: they are valid
 * SQL that means what the database means, and a model that spells them
 * otherwise meets them in the scratch database (scratch.h), which builds
 * the model's table and reads it back through this same code.  Only a
 * default that is one literal cast to the column's own type is read as
 * the literal ('a'::character varying is 'a', '-1'::integer is -1), which
 * assignment to the column makes the same value, so that the commonest
 * defaults cost no scratch work.  Index access methods, operator classes
 * NULLS FIRST/LAST, INCLUDE columns and NULLS NOT DISTINCT are read.
 *
 * This file reads the tables and their columns and runs the reflection;
 * the constraints and indexes are read in reflect_postgres_keys.c, the
 * server's expressions normalised in reflect_postgres_expr.c (both
 * through reflect_postgres_int.h), and the objects held as definitions
 * by the readers of reflect_postgres_objects.h.
 */
#include "dialect.h"
#include "defaults.h"

#include "error.h"
#include "ident.h"
#include "reflect_postgres_int.h"
#include "reflect_postgres_objects.h"
#include "schema.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ============================================================= reflection */

/* The managed schema's oid, in a subquery that the server runs once. */
#define NSP_OID "(SELECT x.oid FROM pg_catalog.pg_namespace x WHERE x.nspname = $1)"

/* 1 when the relations `alias` of the managed schema that match `cond`
 * are not none. */
/* clang-format off */
#define ANY_REL(alias, cond)                                                               \
	"EXISTS (SELECT 1 FROM pg_catalog.pg_class " alias " WHERE " alias                 \
	".relnamespace = " NSP_OID " AND (" cond "))"
/* clang-format on */

/*
 * The census: for each reader of objects (reflect_postgres_objects.h) in
 * DBT_PG_* order, whether the database may hold anything its query
 * reads.  Each is a superset of what that query finds, so that a false
 * one is certain; a true one only costs the query.  Objects that a user
 * made have oids from 16384 (FirstNormalObjectId) on, which is what the
 * comments and the grants on other schemas need.  One EXISTS each, run
 * once for the whole result: cheap to plan and to run.
 */
/* clang-format off */
#define CENSUS                                                                                 \
	/* other schemas, extensions, types, domains, sequences no column owns */              \
	"EXISTS (SELECT 1 FROM pg_catalog.pg_namespace s WHERE s.nspname !~ '^pg_' "           \
	"AND s.nspname NOT IN ('information_schema', 'public') AND s.nspname <> $1 "            \
	"AND pg_catalog.left(s.nspname, 15) <> 'dbtool_scratch_') "                             \
	"OR EXISTS (SELECT 1 FROM pg_catalog.pg_extension e WHERE e.extname <> 'plpgsql') "     \
	"OR EXISTS (SELECT 1 FROM pg_catalog.pg_type t WHERE t.typnamespace = " NSP_OID " "     \
	"AND t.typtype IN ('e', 'd', 'r')) "                                                    \
	"OR " ANY_REL("s", "s.relkind = 'c' OR s.relkind = 'S' AND NOT EXISTS (SELECT 1 "      \
		      "FROM pg_catalog.pg_depend d "                                            \
		      "WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass "            \
		      "AND d.objid = s.oid "                                                     \
		      "AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass "           \
		      "AND d.refobjsubid <> 0 AND d.deptype IN ('a', 'i'))") ", "               \
	/* functions, procedures, triggers */                                                  \
	"EXISTS (SELECT 1 FROM pg_catalog.pg_proc p WHERE p.pronamespace = " NSP_OID ") "      \
	"OR " ANY_REL("s", "EXISTS (SELECT 1 FROM pg_catalog.pg_trigger g "                    \
		      "WHERE g.tgrelid = s.oid AND NOT g.tgisinternal)") ", "                  \
	/* views */                                                                            \
	ANY_REL("s", "s.relkind IN ('v', 'm')") ", "                                          \
	/* row level security */                                                               \
	ANY_REL("s", "s.relrowsecurity OR s.relforcerowsecurity") ", "                        \
	/* policies */                                                                         \
	ANY_REL("s", "EXISTS (SELECT 1 FROM pg_catalog.pg_policy p WHERE p.polrelid = s.oid)") \
	", "                                                                                   \
	/* comments */                                                                         \
	"EXISTS (SELECT 1 FROM pg_catalog.pg_description d WHERE d.objoid >= 16384), "          \
	/* grants */                                                                           \
	ANY_REL("s", "s.relacl IS NOT NULL OR EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a " \
		     "WHERE a.attrelid = s.oid AND a.attacl IS NOT NULL)")                       \
	" OR EXISTS (SELECT 1 FROM pg_catalog.pg_proc p WHERE p.pronamespace = " NSP_OID " "   \
	"AND p.proacl IS NOT NULL) "                                                            \
	"OR EXISTS (SELECT 1 FROM pg_catalog.pg_type t WHERE t.typnamespace = " NSP_OID " "     \
	"AND t.typacl IS NOT NULL) "                                                            \
	"OR EXISTS (SELECT 1 FROM pg_catalog.pg_namespace s WHERE s.oid >= 16384 "              \
	"AND s.nspacl IS NOT NULL), "                                                           \
	/* extended statistics */                                                              \
	"EXISTS (SELECT 1 FROM pg_catalog.pg_statistic_ext x WHERE x.stxnamespace = " NSP_OID "), " \
	/* collations */                                                                       \
	"EXISTS (SELECT 1 FROM pg_catalog.pg_collation o WHERE o.collnamespace = " NSP_OID ")"
/* clang-format on */

/* The first column of the census in tables_sql, and how many there are. */
#define CENSUS_COL 5
#define CENSUS_N 9
/* Whether the table is UNLOGGED, after the census. */
#define UNLOGGED_COL (CENSUS_COL + CENSUS_N)
/* Its storage parameters, after that. */
#define STORAGE_COL (UNLOGGED_COL + 1)

/* No row when the schema does not exist; one row of NULLs but for the
 * census when it is empty.  The census is the same on every row. */
static const char tables_sql[] =
	"SELECT c.oid, c.relname, "
	"CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END, "
	"(SELECT p.relname FROM pg_catalog.pg_inherits i "
	"JOIN pg_catalog.pg_class p ON p.oid = i.inhparent "
	"WHERE c.relispartition AND i.inhrelid = c.oid), "
	"CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid, true) "
	"END, " CENSUS ", c.relpersistence = 'u', " STORAGE(
		"c") " "
		     "FROM pg_catalog.pg_namespace n "
		     "LEFT JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid "
		     "AND c.oid IN (" SCHEMA_TABLES ") "
		     "WHERE n.nspname = $1 ORDER BY c.oid";

/* A SERIAL column is one whose default is nextval() of a sequence that
 * the column owns (the 'a' dependency that SERIAL and OWNED BY make).
 * Indexes depend on their columns the same way: only sequences are
 * looked at, so that the server does not print the name of each index
 * to compare it with the defaults. */
/* The relation a default is printed in the context of: none (0) but for
 * a generated column's expression.  A default never names a column
 * (PostgreSQL refuses one that does), and printing an expression in a
 * table's context opens the table, which builds its whole relation cache
 * entry and takes a lock until the reflection ends: at 5,000 tables that
 * was two fifths of this query (bench/README.md). */
#define DEFAULT_REL "CASE WHEN a.attgenerated = '' THEN 0 ELSE d.adrelid END"

static const char columns_sql[] =
	"SELECT a.attrelid, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), "
	"a.attnotnull, a.attidentity, a.attgenerated, "
	"pg_catalog.pg_get_expr(d.adbin, " DEFAULT_REL ", true), "
	"CASE WHEN a.attcollation <> t.typcollation THEN co.collname END, "
	"EXISTS (SELECT 1 FROM pg_catalog.pg_depend dep "
	"JOIN pg_catalog.pg_class sq ON sq.oid = dep.objid AND sq.relkind = 'S' "
	"WHERE dep.classid = 'pg_catalog.pg_class'::pg_catalog.regclass "
	"AND dep.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass "
	"AND dep.refobjid = a.attrelid AND dep.refobjsubid = a.attnum AND dep.deptype = 'a' "
	"AND pg_catalog.pg_get_expr(d.adbin, " DEFAULT_REL ") = "
	"pg_catalog.format('nextval(%L::regclass)', dep.objid::pg_catalog.regclass)), "
	/* An identity's sequence (its 'i' dependency): start, increment,
	 * min, max, cache, cycle. */
	"(SELECT pg_catalog.concat_ws(' ', s.seqstart, s.seqincrement, s.seqmin, s.seqmax, "
	"s.seqcache, s.seqcycle::pg_catalog.int4) "
	"FROM pg_catalog.pg_depend dep "
	"JOIN pg_catalog.pg_sequence s ON s.seqrelid = dep.objid "
	"WHERE a.attidentity <> '' "
	"AND dep.classid = 'pg_catalog.pg_class'::pg_catalog.regclass "
	"AND dep.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass "
	"AND dep.refobjid = a.attrelid AND dep.refobjsubid = a.attnum AND dep.deptype = 'i'), "
	/* SET STATISTICS: -1 (NULL from PostgreSQL 17) is the default. */
	"CASE WHEN a.attstattarget >= 0 THEN a.attstattarget END, "
	"CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage END, t.typstorage "
	"FROM pg_catalog.pg_attribute a "
	"JOIN pg_catalog.pg_type t ON t.oid = a.atttypid "
	"LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
	"LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation "
	"WHERE a.attrelid IN (" SCHEMA_TABLES " AND NOT c.relispartition) "
	"AND a.attnum > 0 AND NOT a.attisdropped "
	"ORDER BY a.attrelid, a.attnum";

/* Sets the failure of a statement: "cannot reflect schema 'S': MESSAGE". */
static int db_error(const struct reflect *r, const PGresult *res)
{
	const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;

	if (!msg || !*msg)
		msg = PQerrorMessage(r->pg);
	if (!*msg)
		msg = "unknown error";
	return dbt_error_set(DBT_EDB, "cannot reflect schema '%s': %.*s", r->nspname,
			     (int)strcspn(msg, "\r\n"), msg);
}

/* Runs a statement of no parameter (transaction control). */
static int command(struct reflect *r, const char *sql)
{
	PGresult *res;
	int rc = 0;

	r->conn->nqueries++;
	res = PQexec(r->pg, sql);
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		rc = db_error(r, res);
	PQclear(res);
	return rc;
}

/* Runs one catalog query on the schema's name; `*out` is the caller's. */
int dbt_pg_query(PGresult **out, struct reflect *r, const char *sql)
{
	const char *params[1] = {r->nspname};
	PGresult *res;

	*out = NULL;
	r->conn->nqueries++;
	res = PQexecParams(r->pg, sql, 1, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		int rc = db_error(r, res);

		PQclear(res);
		return rc;
	}
	*out = res;
	return 0;
}

int dbt_pg_rows_start(struct dbt_pg_rows *it, struct reflect *r, const char *sql)
{
	const char *params[1] = {r->nspname};

	it->r = r;
	it->res = NULL;
	it->row = 0;
	it->sent = 0;
	r->conn->nqueries++;
	if (!PQsendQueryParams(r->pg, sql, 1, NULL, params, NULL, NULL, 0))
		return db_error(r, NULL);
	it->sent = 1;
	/* Should the mode not be set, the rows come as one result, which
	 * dbt_pg_rows_next() reads as well. */
	PQsetSingleRowMode(r->pg);
	return 0;
}

int dbt_pg_rows_next(struct dbt_pg_rows *it)
{
	PGresult *res;
	int rc;

	if (it->res && ++it->row < PQntuples(it->res))
		return 1;
	PQclear(it->res);
	it->res = NULL;
	while (it->sent) {
		if (!(res = PQgetResult(it->r->pg))) {
			it->sent = 0;
			break;
		}
		switch (PQresultStatus(res)) {
		case PGRES_SINGLE_TUPLE:
		case PGRES_TUPLES_OK:
			/* The end of the rows is a result of none; NULL follows. */
			if (PQntuples(res) > 0) {
				it->res = res;
				it->row = 0;
				return 1;
			}
			PQclear(res);
			break;
		default:
			rc = db_error(it->r, res);
			PQclear(res);
			dbt_pg_rows_end(it);
			return rc;
		}
	}
	return 0;
}

void dbt_pg_rows_end(struct dbt_pg_rows *it)
{
	PGresult *res;

	PQclear(it->res);
	it->res = NULL;
	while (it->sent && (res = PQgetResult(it->r->pg)))
		PQclear(res);
	it->sent = 0;
}

static int cmp_rtable(const void *a, const void *b)
{
	unsigned long x = ((const struct rtable *)a)->oid, y = ((const struct rtable *)b)->oid;

	return x < y ? -1 : x > y;
}

/* The table of the oid in column `col`; NULL when it is none of ours. */
dbt_table *dbt_pg_table_at(const struct reflect *r, const PGresult *res, int row, int col)
{
	struct rtable key, *found;
	const char *v = value(res, row, col);

	if (!v || !r->ntables)
		return NULL;
	key.oid = strtoul(v, NULL, 10);
	found = bsearch(&key, r->tables, r->ntables, sizeof(key), cmp_rtable);
	return found ? found->table : NULL;
}

/* The partition key, parent and bound of `t`, each NULL when none. */
static int read_partitioning(dbt_table *t, const char *key, const char *parent, const char *bound)
{
	int rc = 0;

	if (key && (rc = dbt_partition_key_canon(&t->partition_by, key, strlen(key))) < 0)
		return dbt_error_prefix(rc, "cannot reflect the partition key of table '%s'",
					t->name);
	if (parent && !(t->partition_of = strdup(parent)))
		return dbt_error_oom();
	if (bound &&
	    (rc = dbt_partition_bound_canon(&t->partition_bound, bound, strlen(bound))) < 0)
		return dbt_error_prefix(rc, "cannot reflect the partition bound of table '%s'",
					t->name);
	return 0;
}

/* `name` of the schema read, as the schema holds it: qualified when that
 * is not the managed schema, in `*out` (freed at the next call, and by
 * dbt_pg_qualified(out, NULL, NULL)). */
int dbt_pg_qualified(char **out, const struct reflect *r, const char *name)
{
	size_t n;

	free(*out);
	*out = NULL;
	if (!r)
		return 0;
	if (!strcmp(r->nspname, r->managed)) {
		*out = strdup(name);
	} else if ((*out = malloc(strlen(r->nspname) + strlen(name) + 2))) {
		n = strlen(r->nspname);
		memcpy(*out, r->nspname, n);
		(*out)[n] = DBT_QUALIFIER;
		strcpy(*out + n + 1, name);
	}
	return *out ? 0 : dbt_error_oom();
}

static int read_tables(struct reflect *r)
{
	PGresult *res;
	char *q = NULL;
	int rc, i, rows;

	if ((rc = dbt_pg_query(&res, r, tables_sql)) < 0)
		return rc;
	rows = PQntuples(res);
	if (rows == 0) {
		rc = dbt_error_set(DBT_ENOTFOUND, "cannot reflect schema '%s': no such schema",
				   r->nspname);
		goto cleanup;
	}
	r->tables = calloc((size_t)rows, sizeof(*r->tables));
	if (!r->tables) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	for (i = 0; i < rows; i++) {
		const char *oid = value(res, i, 0), *name = value(res, i, 1);
		dbt_table *t;

		if (!oid || !name)
			continue;
		if ((rc = dbt_pg_qualified(&q, r, name)) < 0 ||
		    (rc = dbt_schema_add_table(&t, r->schema, q, dbt_ident_needs_quotes(name))) <
			    0 ||
		    (rc = read_partitioning(t, value(res, i, 2), value(res, i, 3),
					    value(res, i, 4))) < 0 ||
		    (t->partition_of && (rc = dbt_ident_qualify_like(&t->partition_of, q)) < 0))
			goto cleanup;
		t->unlogged = flag(res, i, UNLOGGED_COL);
		if (value(res, i, STORAGE_COL) &&
		    !(t->storage = strdup(value(res, i, STORAGE_COL)))) {
			rc = dbt_error_oom();
			goto cleanup;
		}
		r->tables[r->ntables].oid = strtoul(oid, NULL, 10);
		r->tables[r->ntables++].table = t;
	}
	for (i = 0; i < CENSUS_N; i++)
		if (value(res, 0, CENSUS_COL + i) && !flag(res, 0, CENSUS_COL + i))
			r->absent |= 1u << i;
	qsort(r->tables, r->ntables, sizeof(*r->tables), cmp_rtable);
cleanup:
	dbt_pg_qualified(&q, NULL, NULL);
	PQclear(res);
	return rc;
}

/* Sets the default from the server's text, normalised. */
static int set_default(dbt_table *t, dbt_column *c, const char *text)
{
	char *expr;
	int rc;

	if ((rc = dbt_pg_plain_default(&expr, text, c)) < 0)
		return rc;
	rc = dbt_column_set_default(c, expr, strlen(expr));
	free(expr);
	if (rc == DBT_EPARSE)
		return dbt_error_prefix(rc, "cannot reflect the default of column '%s.%s'", t->name,
					c->name);
	return rc;
}

/* Makes the column generated from the server's text, normalised. */
static int set_generated(dbt_table *t, dbt_column *c, const char *text, int stored)
{
	char *expr;
	int rc;

	if ((rc = dbt_pg_server_expr(&expr, text, t)) < 0)
		return rc;
	rc = dbt_column_set_generated(c, expr, strlen(expr), stored);
	free(expr);
	if (rc == DBT_EPARSE)
		return dbt_error_prefix(rc,
					"cannot reflect the generation expression of column "
					"'%s.%s'",
					t->name, c->name);
	return rc;
}

/* An identity's options from columns_sql's "start increment min max
 * cache cycle". */
static int identity_options(dbt_column *c, const char *text)
{
	struct dbt_identity_seq seq;
	int cycle = 0, rc;

	memset(&seq, 0, sizeof(seq));
	if (sscanf(text, "%lld %lld %lld %lld %lld %d", &seq.start, &seq.increment, &seq.minvalue,
		   &seq.maxvalue, &seq.cache, &cycle) != 6)
		return dbt_error_set(DBT_ERROR, "cannot read the identity options of column '%s'",
				     c->name);
	seq.cycle = cycle;
	seq.has_start = seq.has_increment = seq.has_minvalue = seq.has_maxvalue = seq.has_cache = 1;
	if ((rc = dbt_identity_options_canon(&c->identity_options, &c->type, &seq)) < 0)
		return dbt_error_prefix(rc, "cannot reflect the identity options of column '%s'",
					c->name);
	return 0;
}

static int read_columns(struct reflect *r)
{
	/* Thousands of columns, a few distinct types. */
	dbt_type_memo types = DBT_TYPE_MEMO_INIT;
	struct dbt_pg_rows it;
	int rc;

	if ((rc = dbt_pg_rows_start(&it, r, columns_sql)) < 0)
		goto cleanup;
	while ((rc = dbt_pg_rows_next(&it)) > 0) {
		const PGresult *res = it.res;
		int i = it.row;
		dbt_table *t = dbt_pg_table_at(r, res, i, 0);
		const char *name = value(res, i, 1), *type = value(res, i, 2);
		const char *identity = value(res, i, 4), *generated = value(res, i, 5);
		const char *dflt = value(res, i, 6), *collation = value(res, i, 7);
		dbt_column *c;
		dbt_type ty;

		if (!t || !name || !type)
			continue;
		if ((rc = dbt_type_from_postgres_memo(&ty, type, &types)) < 0) {
			rc = dbt_error_prefix(rc, "cannot reflect column '%s.%s'", t->name, name);
			goto cleanup;
		}
		rc = dbt_table_add_column(&c, t, name, dbt_ident_needs_quotes(name), &ty);
		dbt_type_release(&ty);
		if (rc < 0)
			goto cleanup;
		c->not_null = flag(res, i, 3);
		if (identity && (*identity == 'a' || *identity == 'd')) {
			c->identity =
				*identity == 'a' ? DBT_IDENTITY_ALWAYS : DBT_IDENTITY_BY_DEFAULT;
			c->autoincrement = 1;
			c->not_null = 1;
			if (value(res, i, 9) && (rc = identity_options(c, value(res, i, 9))) < 0)
				goto cleanup;
		} else if (flag(res, i, 8)) {
			c->identity = DBT_IDENTITY_SERIAL;
			c->autoincrement = 1;
			c->not_null = 1;
		} else if (generated && *generated) {
			/* pg_attrdef holds a generated column's expression;
			 * PostgreSQL has STORED ('s') ones only, until 18's
			 * VIRTUAL ('v'). */
			if (dflt && (rc = set_generated(t, c, dflt, *generated == 's')) < 0)
				goto cleanup;
		} else if (dflt && (rc = set_default(t, c, dflt)) < 0) {
			goto cleanup;
		}
		if (collation && (rc = dbt_column_set_collation(c, collation)) < 0)
			goto cleanup;
		if (value(res, i, 10)) {
			c->has_statistics = 1;
			c->statistics = atoi(value(res, i, 10));
		}
		c->storage = value(res, i, 11) ? value(res, i, 11)[0] : 0;
		c->type_storage = value(res, i, 12) ? value(res, i, 12)[0] : 0;
	}
cleanup:
	dbt_pg_rows_end(&it);
	dbt_type_memo_release(&types);
	return rc;
}

/* Every DBT_PG_* kind. */
#define ALL_KINDS ((1u << CENSUS_N) - 1)

/* Kind order, then the bytes of the names (schema.h). */
static int cmp_object(const void *a, const void *b)
{
	const dbt_object *x = *(dbt_object *const *)a, *y = *(dbt_object *const *)b;

	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return strcmp(x->name, y->name);
}

/*
 * The objects held as definitions, read with search_path set to the
 * schema (so that the server leaves its names unqualified) for this
 * transaction only, and then set back to what it was.
 */
static int read_objects(struct reflect *r)
{
	dbt_pg_objects o = {r->conn, r->pg, r->nspname, r->schema, r->absent};
	PGresult *res;
	char *saved = NULL;
	const char *params[1];
	int rc, rc2;

	/* Nothing to read: no query at all. */
	if ((r->absent & ALL_KINDS) == ALL_KINDS)
		return 0;
	/* In the reflection's own transaction, the setting ends with it. */
	if ((rc = dbt_pg_query(&res, r,
			       r->own_transaction
				       ? "SELECT pg_catalog.set_config('search_path', "
					 "pg_catalog.quote_ident($1) || ', pg_catalog', true)"
				       : "SELECT pg_catalog.current_setting('search_path'), "
					 "pg_catalog.set_config('search_path', "
					 "pg_catalog.quote_ident($1) || ', pg_catalog', true)")) <
	    0)
		return rc;
	if (!r->own_transaction && !(saved = strdup(PQgetvalue(res, 0, 0)))) {
		PQclear(res);
		return dbt_error_oom();
	}
	PQclear(res);
	if ((rc = dbt_pg_reflect_types(&o)) == 0 && (rc = dbt_pg_reflect_routines(&o)) == 0 &&
	    (rc = dbt_pg_reflect_views(&o)) == 0 && (rc = dbt_pg_reflect_statistics(&o)) == 0 &&
	    (rc = dbt_pg_reflect_collations(&o)) == 0)
		rc = dbt_pg_reflect_acl(&o);
	if (rc == 0 && r->schema->nobjects > 1)
		qsort(r->schema->objects, r->schema->nobjects, sizeof(*r->schema->objects),
		      cmp_object);
	if (!saved)
		return rc;
	params[0] = saved;
	r->conn->nqueries++;
	res = PQexecParams(r->pg, "SELECT pg_catalog.set_config('search_path', $1, true)", 1, NULL,
			   params, NULL, NULL, 0);
	rc2 = PQresultStatus(res) == PGRES_TUPLES_OK ? 0 : db_error(r, res);
	PQclear(res);
	free(saved);
	return rc < 0 ? rc : rc2;
}

/* The schemas besides the managed one ($1) whose tables are read with
 * it: a user's, not public (the managed schema's name in a model), not a
 * scratch schema, not an extension's. */
static const char other_schemas_sql[] =
	"SELECT n.nspname FROM pg_catalog.pg_namespace n "
	"WHERE n.nspname !~ '^pg_' AND n.nspname NOT IN ('information_schema', 'public') "
	"AND n.nspname <> $1 AND pg_catalog.left(n.nspname, 15) <> 'dbtool_scratch_' "
	"AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d "
	"WHERE d.classid = 'pg_catalog.pg_namespace'::pg_catalog.regclass "
	"AND d.objid = n.oid AND d.deptype = 'e') "
	"ORDER BY n.nspname COLLATE \"C\"";

/*
 * The tables, with their columns, constraints and indexes, of every other
 * schema (other_schemas_sql), named with their schema (ident.h's
 * DBT_QUALIFIER), into r->schema.  Their objects (views, types, ...) are
 * read here (read_other_types and the policies' reader take enums,
 * domains and policies of other schemas; views are the managed schema's).
 */
static int read_other_schemas(struct reflect *r)
{
	PGresult *res;
	int rc, i;

	if ((rc = dbt_pg_query(&res, r, other_schemas_sql)) < 0)
		return rc;
	for (i = 0; i < PQntuples(res) && rc == 0; i++) {
		struct reflect o = *r;

		o.nspname = PQgetvalue(res, i, 0);
		o.tables = NULL;
		o.ntables = 0;
		if ((rc = read_tables(&o)) == 0 && o.ntables && (rc = read_columns(&o)) == 0 &&
		    (rc = dbt_pg_read_constraints(&o)) == 0)
			rc = dbt_pg_read_indexes(&o);
		free(o.tables);
	}
	PQclear(res);
	return rc;
}

int dbt_postgres_reflect(struct dbt_schema **out, dbt_conn *conn, const char *schema_name)
{
	struct reflect r;
	int rc, own_transaction = 0;
	size_t i;

	*out = NULL;
	memset(&r, 0, sizeof(r));
	r.conn = conn;
	r.pg = dbt_postgres_handle(conn);
	r.nspname = schema_name ? schema_name : "public";
	r.managed = r.nspname;
	if ((rc = dbt_schema_new(&r.schema)) < 0)
		goto cleanup;
	/* The four queries read one snapshot, unless the caller's
	 * transaction already decides what they see. */
	if (PQtransactionStatus(r.pg) == PQTRANS_IDLE) {
		/* Without JIT compilation (PostgreSQL 11 on): past some
		 * thousand tables the planner's costs of these queries cross
		 * jit_above_cost, and compiling their expressions took longer
		 * than running them (31 ms of the constraints' 317 ms at 5,000
		 * tables; bench/README.md).  In the reflection's own
		 * transaction, which the setting ends with. */
		if ((rc = command(&r,
				  PQserverVersion(r.pg) >= 110000
					  ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; "
					    "SET LOCAL jit = off"
					  : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")) < 0)
			goto cleanup;
		own_transaction = 1;
	}
	r.own_transaction = own_transaction;
	/* Columns, constraints and indexes belong to tables: a schema of
	 * none has none to read. */
	if ((rc = read_tables(&r)) < 0 ||
	    (r.ntables && ((rc = read_columns(&r)) < 0 || (rc = dbt_pg_read_constraints(&r)) < 0 ||
			   (rc = dbt_pg_read_indexes(&r)) < 0)) ||
	    (conn->all_schemas && !(r.absent & DBT_PG_TYPES) &&
	     (rc = read_other_schemas(&r)) < 0) ||
	    (rc = read_objects(&r)) < 0)
		goto cleanup;
	for (i = 0; i < r.schema->ntables; i++)
		dbt_table_normalize(r.schema->tables[i]);
	if (own_transaction) {
		own_transaction = 0;
		if ((rc = command(&r, "COMMIT")) < 0)
			goto cleanup;
	}
	*out = r.schema;
	r.schema = NULL;
cleanup:
	if (own_transaction) {
		/* Keep the first failure's message. */
		conn->nqueries++;
		PQclear(PQexec(r.pg, "ROLLBACK"));
	}
	dbt_schema_free(r.schema);
	free(r.tables);
	return rc;
}
