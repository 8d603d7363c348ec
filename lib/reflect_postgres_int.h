/*
 * reflect_postgres_int.h - what the files of PostgreSQL's reflection of
 * the tables share and nothing else includes: reflect_postgres.c (the
 * tables, their columns, and dbt_postgres_reflect, which reads them in one
 * snapshot), reflect_postgres_keys.c (their constraints and indexes) and
 * reflect_postgres_expr.c (the expressions the server prints, as the
 * model keeps them).  The objects held as definitions have their own
 * header, reflect_postgres_objects.h.
 */
#ifndef DBT_REFLECT_POSTGRES_INT_H
#define DBT_REFLECT_POSTGRES_INT_H

#include <libpq-fe.h>

#include "defaults.h"
#include "dialect.h"
#include "schema.h"

/* The tables of the schema `$1`, partitions too, dbtool's version and
 * history tables left out. */
/* clang-format off */
#define SCHEMA_TABLES                                                                      \
	"SELECT c.oid FROM pg_catalog.pg_class c "                                         \
	"JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "                        \
	"WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') "                                \
	"AND c.relname NOT IN ('" DBT_VERSION_TABLE "', '" DBT_HISTORY_TABLE "')"
/* clang-format on */

/* A relation's storage parameters as dbt_storage_canon gives them: the
 * items of pg_class.reloptions, sorted, joined by ", "; NULL for none. */
#define STORAGE(x)                                                         \
	"(SELECT pg_catalog.string_agg(o, ', ' ORDER BY o COLLATE \"C\") " \
	"FROM pg_catalog.unnest(" x ".reloptions) o)"

/* A table read, and its oid, for dbt_pg_table_at(). */
struct rtable {
	unsigned long oid;
	dbt_table *table;
};

/* One schema's reading: what the readers of its tables share. */
struct reflect {
	dbt_conn *conn;
	PGconn *pg;
	const char *nspname; /* the schema read */
	const char *managed; /* the managed schema: the others' names are
			      * qualified (ident.h's DBT_QUALIFIER) */
	dbt_schema *schema;
	struct rtable *tables; /* sorted by oid */
	size_t ntables;
	unsigned absent;     /* DBT_PG_* kinds the census found absent */
	int own_transaction; /* the reflection's own snapshot transaction */
};

/* reflect_postgres.c: runs one catalog query on the schema's name ($1); `*out` is the
 * caller's to PQclear.  DBT_EDB with "cannot reflect schema 'S': MESSAGE"
 * on failure, `*out` NULL then. */
int dbt_pg_query(PGresult **out, struct reflect *r, const char *sql);

/*
 * reflect_postgres.c: one catalog query on the schema's name ($1) whose
 * rows are read one at a time, as the server sends them (libpq's
 * single-row mode), for the queries whose rows grow with the tables
 * (columns, constraints, indexes): only the current row is held, never
 * the whole result, which at 5,000 tables was the largest part of the
 * peak memory of `check` (bench/README.md), and the rows are turned into
 * the schema while the server still sends the next ones.  It is one
 * query and one round trip, as dbt_pg_query().
 *
 * dbt_pg_rows_start() sends the query: 0, or DBT_EDB as dbt_pg_query().
 * dbt_pg_rows_next() moves to the next row: 1 when there is one (at
 * it->row of it->res, which the next call frees), 0 after the last, or
 * DBT_EDB with "cannot reflect schema 'S': MESSAGE" when the query
 * failed, which it may do after some rows.  dbt_pg_rows_end() frees the
 * row and reads whatever the server still sends, so that the connection
 * takes the next statement; it must follow start() on every path, a
 * failed start() or an early stop included.
 */
struct dbt_pg_rows {
	struct reflect *r;
	PGresult *res; /* the current row's result, NULL before the first */
	int row;       /* the current row of `res` */
	int sent;      /* results of the query remain to be read */
};

int dbt_pg_rows_start(struct dbt_pg_rows *it, struct reflect *r, const char *sql);
int dbt_pg_rows_next(struct dbt_pg_rows *it);
void dbt_pg_rows_end(struct dbt_pg_rows *it);

/* The value at (row, col), NULL when SQL NULL. */
static inline const char *value(const PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) ? NULL : PQgetvalue(res, row, col);
}

/* 1 when the boolean at (row, col) is true. */
static inline int flag(const PGresult *res, int row, int col)
{
	const char *v = value(res, row, col);

	return v && v[0] == 't';
}

/* reflect_postgres.c: the table of the oid in column `col` (r->tables); NULL when it is none
 * of ours. */
dbt_table *dbt_pg_table_at(const struct reflect *r, const PGresult *res, int row, int col);

/* reflect_postgres.c: `name` of the schema read, as the schema holds it: qualified when that
 * is not the managed schema, in `*out` (freed at the next call, and by
 * dbt_pg_qualified(out, NULL, NULL)).  0 or DBT_ERROR (out of memory). */
int dbt_pg_qualified(char **out, const struct reflect *r, const char *name);

/* reflect_postgres_keys.c: dbt_pg_read_constraints reads the primary keys,
 * unique, foreign-key, check and exclusion constraints of r->tables into
 * their tables, dbt_pg_read_indexes the other indexes (those no constraint
 * makes) into r->schema.  0, DBT_EDB (dbt_pg_query()), DBT_EPARSE with the
 * object named, or DBT_ERROR. */
int dbt_pg_read_constraints(struct reflect *r);
int dbt_pg_read_indexes(struct reflect *r);

/* reflect_postgres_expr.c: the expression `text` as the server printed it
 * (a CHECK, a generated column, an index key or WHERE), as the model
 * keeps it; in `out`, caller frees.  `t` is the expression's table.
 * DBT_ERROR only when out of memory. */
int dbt_pg_server_expr(char **out, const char *text, const dbt_table *t);

/* reflect_postgres_expr.c: the default `text` as the server printed it
 * for the column `c`: a literal cast to the column's own type is the
 * literal alone, anything else dbt_pg_server_expr().  In `out`, caller frees.
 * 0 or DBT_ERROR (out of memory). */
int dbt_pg_plain_default(char **out, const char *text, const dbt_column *c);

#endif
