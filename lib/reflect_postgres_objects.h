/*
 * reflect_postgres_objects.h - reading PostgreSQL's objects that the
 * schema holds as definitions (dbt_object, schema.h): one reader per
 * group of kinds, each in its own file, all called by
 * dbt_postgres_reflect after the tables.
 *
 * Each reader appends to r->schema the objects of its kinds that belong
 * to the schema r->nspname (or, for schemas, extensions, comments and
 * grants, that concern it), in the order of their kind and then of their
 * name, with every field filled as schema.h says: `definition` is built
 * from the server's own normal form (pg_get_viewdef, pg_get_functiondef,
 * pg_get_triggerdef, format_type, pg_get_constraintdef, pg_enum,
 * obj_description, aclexplode ...), so that the same object built from
 * the model in the scratch database reads the same; the managed schema's
 * names are written unqualified (r->nspname stands for it: the scratch
 * database is reflected under its own random name and must read like the
 * live one); names are quoted as SQL needs them (format('%I')); `deps`
 * lists what pg_depend says the object needs (tables by name, objects as
 * "kind name").  Objects that belong to an extension (pg_depend 'e'), to
 * the system, or to dbtool's version and history tables are left out.
 *
 * Readers run inside the snapshot transaction of dbt_postgres_reflect,
 * with search_path set to r->nspname then pg_catalog.  They return 0,
 * or DBT_EDB with "cannot reflect schema 'S': MESSAGE" (dbt_pg_objects_query
 * sets it), or DBT_ERROR when out of memory.
 */
#ifndef DBT_REFLECT_POSTGRES_OBJECTS_H
#define DBT_REFLECT_POSTGRES_OBJECTS_H

#include <libpq-fe.h>

#include "dialect.h"
#include "schema.h"

/*
 * Kinds of objects, for what one query before the readers found absent
 * (dbt_postgres_reflect): a reader skips the query of an absent kind,
 * which would find nothing.  A kind is marked absent only when the
 * database certainly has nothing that its query could read; 0, the
 * default, runs every query.
 */
enum {
	DBT_PG_TYPES = 1 << 0,	  /* other schemas, extensions, types,
				   * domains, sequences no column owns */
	DBT_PG_ROUTINES = 1 << 1, /* functions, procedures, triggers */
	DBT_PG_VIEWS = 1 << 2,	  /* views, materialized views */
	DBT_PG_RLS = 1 << 3,	  /* row level security switched on */
	DBT_PG_POLICIES = 1 << 4,
	DBT_PG_COMMENTS = 1 << 5,
	DBT_PG_GRANTS = 1 << 6,
	DBT_PG_STATISTICS = 1 << 7, /* extended statistics (CREATE STATISTICS) */
	DBT_PG_COLLATIONS = 1 << 8  /* CREATE COLLATION */
};

typedef struct dbt_pg_objects {
	dbt_conn *conn;
	PGconn *pg;
	const char *nspname; /* the schema reflected */
	dbt_schema *schema;  /* where the objects go */
	unsigned absent;     /* DBT_PG_* kinds known to be absent */
} dbt_pg_objects;

/* Runs a catalog query whose $1 is r->nspname; `*out` is the caller's to
 * PQclear.  DBT_EDB with the reflection's message on failure. */
int dbt_pg_objects_query(PGresult **out, dbt_pg_objects *r, const char *sql);

/* The value at (row, col), NULL when SQL NULL. */
const char *dbt_pg_objects_value(const PGresult *res, int row, int col);

/* Views and materialized views (reflect_postgres_views.c). */
int dbt_pg_reflect_views(dbt_pg_objects *r);

/* The extended statistics (CREATE STATISTICS) of the managed schema, as
 * objects on their tables; nothing when the census found none. */
int dbt_pg_reflect_statistics(dbt_pg_objects *r);

/* The collations (CREATE COLLATION) of the managed schema, as objects
 * that columns may use; nothing when the census found none. */
int dbt_pg_reflect_collations(dbt_pg_objects *r);

/* Functions, procedures and triggers (reflect_postgres_routines.c). */
int dbt_pg_reflect_routines(dbt_pg_objects *r);

/* Schemas, extensions, enums, other types, domains and sequences that
 * no column owns (reflect_postgres_types.c). */
int dbt_pg_reflect_types(dbt_pg_objects *r);

/* Row level security, policies, comments and grants
 * (reflect_postgres_acl.c). */
int dbt_pg_reflect_acl(dbt_pg_objects *r);

/*
 * Appends to `out` the statements "ALTER TYPE name ADD VALUE 'x' [BEFORE
 * 'y' | AFTER 'y'];" (one a line) that turn the enum `old` into `new`
 * (two enum objects of one name, as dbt_pg_reflect_types reads them), or
 * nothing when their labels are the same.  DBT_ENOTFOUND, with a message,
 * when that is not possible: the old labels are not all among the new
 * ones in the same order (PostgreSQL can only add labels), or either
 * definition is not an enum's; DBT_ERROR when out of memory.  Before
 * PostgreSQL 12 ADD VALUE cannot run inside a transaction block, and on
 * any version a value added in a transaction cannot be used before it
 * commits.
 */
int dbt_pg_enum_add_values(dbt_buf *out, const dbt_object *old, const dbt_object *new);

/*
 * Appends to `out` the statements that turn the enum or domain of `to`'s
 * name into `to` while columns use it, where ALTER TYPE ... ADD VALUE
 * cannot (an enum's label removed, renamed or moved; a domain changed):
 * the type renamed to NAME_old, `to` created (its create_sql), each column
 * of a table of `tables` whose type is NAME (or an array of it) given the
 * new type USING col::text::NAME (its default dropped before and set
 * again after, for an enum when its label is still there, or each label
 * of an array column's array literal), and NAME_old
 * dropped.  A row holding a label that `to` lacks, or a value its checks
 * refuse, makes the ALTER TABLE fail with PostgreSQL's message.
 * DBT_ENOTFOUND when `to` is neither an enum with labels nor a domain;
 * DBT_ERROR when out of memory.
 */
int dbt_pg_type_recreate(dbt_buf *out, const dbt_object *to, const dbt_schema *tables);

/*
 * Appends to `out` a query that returns a value of column `c` of table
 * `t` (of the enum of `to`'s name, or an array of it) that the enum `to`
 * lacks, or no row: a row that makes the type made again fail.  1 when
 * it wrote one; 0, `out` unchanged, when the column does not use that
 * enum or `to` is no enum; DBT_ERROR when out of memory.
 */
int dbt_pg_enum_lost_value_sql(dbt_buf *out, const dbt_object *to, const dbt_table *t,
			       const dbt_column *c);

/*
 * 1 when a column of `model` of the enum `new` (or an array of it) has a
 * default that is a label `old` lacks: one that ADD VALUE would add in the
 * same transaction, where PostgreSQL refuses to use it ("unsafe use of new
 * value"); 0 when none does; DBT_ERROR when out of memory.
 */
int dbt_pg_enum_default_uses_added(const dbt_object *old, const dbt_object *new,
				   const dbt_schema *model);

#endif
