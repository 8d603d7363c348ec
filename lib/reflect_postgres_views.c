/*
 * reflect_postgres_views.c - views and materialized views of a PostgreSQL
 * schema, read as definitions (see reflect_postgres_objects.h), in one
 * catalog query.
 *
 * A view is what pg_get_viewdef(oid, true) prints, under the options it
 * was given (reloptions, sorted, the booleans security_barrier and
 * security_invoker as 'true' or left out when false, so that
 * security_barrier=on and security_barrier alone read alike), and the
 * names and types of its columns: the SELECT already names each column
 * as the view does (it writes "AS name" where the view renamed one), so
 * create_sql needs no column list, but the types can change under the
 * same text (a column of a table the view reads changed from integer to
 * bigint), and the view is then another object.
 *
 *   create_sql   CREATE VIEW name [WITH (opt='value', ...)] AS
 *                 SELECT ...;
 *   definition   create_sql, then a line "columns: name type, ..."
 *   drop_sql     DROP VIEW name;
 *   replace_sql  NULL
 *
 * replace_sql is NULL on purpose: CREATE OR REPLACE VIEW only works when
 * the new query keeps every column of the old one, with the same name and
 * type, in the same place (it may add columns at the end), and the
 * differ, which takes the new object's replace_sql without looking at the
 * old one, could not tell; a changed view is dropped and created again,
 * and what depends on it is the differ's to drop and re-create around it.
 *
 * A materialized view is read the same way; whether it holds data is
 * data, not definition, so create_sql always fills it (WITH DATA).  Its
 * indexes, which the table reflection leaves out, are part of it: their
 * CREATE INDEX statements (pg_get_indexdef, whose qualifier of the
 * matview, which the server always writes, is taken off) follow the
 * CREATE MATERIALIZED VIEW in create_sql and in the definition.
 *
 * deps are what the view's rewrite rule (and a matview's indexes) need
 * according to pg_depend: tables by name, views, materialized views,
 * sequences (or the table of the column that owns one), types, enums,
 * domains, functions and procedures of the schema as "kind name", and
 * objects of an extension as "extension name".
 */
#include "reflect_postgres_objects.h"

#include <string.h>

#include "buf.h"
#include "error.h"

/* True for an object that no extension owns. */
/* clang-format off */
#define NOT_IN_EXTENSION(classid, objid)                                                    \
	"NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x "                                \
	"WHERE x.classid = '" classid "'::pg_catalog.regclass AND x.objid = " objid " "     \
	"AND x.deptype = 'e')"
/* clang-format on */

/*
 * The CTEs `ns` (the schema's oid), `procs` (oid, prokind, the name of
 * each function and procedure: "add(a integer, b integer)"; not those
 * that another object makes and drops, such as a range type's
 * constructors, which depend on it internally) and `names`
 * (classid, objid, name): the name that deps give each object of the
 * schema that another can depend on, and "extension name" for the
 * members of an extension (but PostgreSQL's own, such as plpgsql, whose
 * schema is pg_catalog).  The same text is in reflect_postgres_routines.c.
 */
/* clang-format off */
#define DEP_NAMES                                                                           \
	"ns AS (SELECT n.oid FROM pg_catalog.pg_namespace n WHERE n.nspname = $1), "        \
	"rels (oid, name) AS (SELECT c.oid, CASE c.relkind "                               \
	"WHEN 'v' THEN pg_catalog.concat('view ', pg_catalog.quote_ident(c.relname)) "     \
	"WHEN 'm' THEN pg_catalog.concat('materialized view ', "                           \
	"pg_catalog.quote_ident(c.relname)) "                                              \
	"WHEN 'c' THEN pg_catalog.concat('type ', pg_catalog.quote_ident(c.relname)) "     \
	"WHEN 'S' THEN COALESCE((SELECT t.relname::pg_catalog.text "                       \
	"FROM pg_catalog.pg_depend od JOIN pg_catalog.pg_class t ON t.oid = od.refobjid "   \
	"WHERE od.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND od.objid = c.oid " \
	"AND od.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass "                 \
	"AND od.refobjsubid > 0 AND od.deptype IN ('a', 'i') LIMIT 1), "                   \
	"pg_catalog.concat('sequence ', pg_catalog.quote_ident(c.relname))) "              \
	"ELSE c.relname::pg_catalog.text END "                                             \
	"FROM pg_catalog.pg_class c WHERE c.relnamespace = (SELECT oid FROM ns) "          \
	"AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'c') AND NOT c.relispartition "        \
	"AND " NOT_IN_EXTENSION("pg_catalog.pg_class", "c.oid") "), "                      \
	"types (oid, name) AS (SELECT t.oid, CASE WHEN b.typrelid <> 0 THEN r.name "       \
	"ELSE pg_catalog.concat(CASE b.typtype WHEN 'e' THEN 'enum ' WHEN 'd' THEN 'domain ' " \
	"ELSE 'type ' END, pg_catalog.quote_ident(b.typname)) END "                        \
	"FROM pg_catalog.pg_type t JOIN pg_catalog.pg_type b ON b.oid = CASE "             \
	"WHEN t.typelem <> 0 AND EXISTS (SELECT 1 FROM pg_catalog.pg_type e "              \
	"WHERE e.oid = t.typelem AND e.typarray = t.oid) THEN t.typelem ELSE t.oid END "   \
	"LEFT JOIN rels r ON r.oid = b.typrelid "                                          \
	"WHERE t.typnamespace = (SELECT oid FROM ns) AND (b.typrelid = 0 OR r.oid IS NOT NULL) " \
	"AND " NOT_IN_EXTENSION("pg_catalog.pg_type", "b.oid") "), "                       \
	"procs (oid, kind, name) AS (SELECT p.oid, p.prokind, pg_catalog.concat("          \
	"pg_catalog.quote_ident(p.proname), '(', "                                         \
	"pg_catalog.pg_get_function_identity_arguments(p.oid), ')') "                      \
	"FROM pg_catalog.pg_proc p WHERE p.pronamespace = (SELECT oid FROM ns) "           \
	"AND p.prokind IN ('f', 'p') AND " NOT_IN_EXTENSION("pg_catalog.pg_proc", "p.oid") " " \
	"AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x "                            \
	"WHERE x.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND x.objid = p.oid "  \
	"AND x.deptype = 'i')), "                                                          \
	"names (classid, objid, name) AS ("                                                \
	"SELECT x.classid, x.objid, pg_catalog.concat('extension ', "                      \
	"pg_catalog.quote_ident(e.extname)) "                                              \
	"FROM pg_catalog.pg_depend x JOIN pg_catalog.pg_extension e ON e.oid = x.refobjid " \
	"WHERE x.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass "             \
	"AND x.deptype = 'e' AND x.classid IN ('pg_catalog.pg_class'::pg_catalog.regclass, " \
	"'pg_catalog.pg_type'::pg_catalog.regclass, 'pg_catalog.pg_proc'::pg_catalog.regclass) " \
	"AND e.extnamespace <> 'pg_catalog'::pg_catalog.regnamespace "                     \
	"UNION ALL SELECT 'pg_catalog.pg_type'::pg_catalog.regclass, t.typarray, "         \
	"pg_catalog.concat('extension ', pg_catalog.quote_ident(e.extname)) "              \
	"FROM pg_catalog.pg_depend x JOIN pg_catalog.pg_extension e ON e.oid = x.refobjid " \
	"JOIN pg_catalog.pg_type t ON t.oid = x.objid "                                    \
	"WHERE x.classid = 'pg_catalog.pg_type'::pg_catalog.regclass "                     \
	"AND x.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass "               \
	"AND x.deptype = 'e' AND t.typarray <> 0 "                                         \
	"AND e.extnamespace <> 'pg_catalog'::pg_catalog.regnamespace "                     \
	"UNION ALL SELECT 'pg_catalog.pg_class'::pg_catalog.regclass, oid, name FROM rels " \
	"UNION ALL SELECT 'pg_catalog.pg_type'::pg_catalog.regclass, oid, name FROM types " \
	"UNION ALL SELECT 'pg_catalog.pg_proc'::pg_catalog.regclass, oid, pg_catalog.concat(" \
	"CASE kind WHEN 'p' THEN 'procedure ' ELSE 'function ' END, name) FROM procs)"
/* clang-format on */

/*
 * One row per view and dependency (a row with a NULL dependency for a
 * view without any): oid, relkind, name, pg_get_viewdef, options,
 * columns, index statements, dependency; views first, then materialized
 * views, each by name.
 */
static const char views_sql[] =
	"WITH " DEP_NAMES ", "
	"objs AS (SELECT c.oid, c.relkind, pg_catalog.quote_ident(c.relname) AS name, "
	"pg_catalog.pg_get_viewdef(c.oid, true) AS def, "
	"(SELECT pg_catalog.string_agg(pg_catalog.concat(pg_catalog.quote_ident(o.name), '=', "
	"pg_catalog.quote_literal(o.value)), ', ' ORDER BY o.name COLLATE pg_catalog.\"C\") "
	"FROM (SELECT option_name AS name, CASE WHEN option_name IN "
	"('security_barrier', 'security_invoker') THEN CASE WHEN option_value::pg_catalog.bool "
	"THEN 'true' END ELSE option_value END AS value "
	"FROM pg_catalog.pg_options_to_table(c.reloptions)) o WHERE o.value IS NOT NULL) AS opts, "
	"(SELECT pg_catalog.string_agg(pg_catalog.concat(pg_catalog.quote_ident(a.attname), ' ', "
	"pg_catalog.format_type(a.atttypid, a.atttypmod)), ', ' ORDER BY a.attnum) "
	"FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 "
	"AND NOT a.attisdropped) AS cols, "
	"(SELECT pg_catalog.string_agg(pg_catalog.concat(CASE "
	"WHEN pg_catalog.starts_with(d.def, d.prefix) "
	"THEN pg_catalog.concat(d.head, pg_catalog.substr(d.def, pg_catalog.length(d.prefix) + 1)) "
	"ELSE d.def END, ';'), E'\\n' ORDER BY d.name COLLATE pg_catalog.\"C\") "
	"FROM (SELECT ic.relname AS name, pg_catalog.pg_get_indexdef(i.indexrelid) AS def, "
	"pg_catalog.concat('CREATE ', CASE WHEN i.indisunique THEN 'UNIQUE ' END, 'INDEX ', "
	"pg_catalog.quote_ident(ic.relname), ' ON ') AS head, "
	"pg_catalog.concat('CREATE ', CASE WHEN i.indisunique THEN 'UNIQUE ' END, 'INDEX ', "
	"pg_catalog.quote_ident(ic.relname), ' ON ', pg_catalog.quote_ident($1), '.') AS prefix "
	"FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid "
	"WHERE i.indrelid = c.oid) d) AS indexes "
	"FROM pg_catalog.pg_class c WHERE c.relnamespace = (SELECT oid FROM ns) "
	"AND c.relkind IN ('v', 'm') AND " NOT_IN_EXTENSION(
		"pg_catalog.pg_class",
		"c.oid") "), "
			 "dependers (obj, classid, objid) AS ("
			 "SELECT r.ev_class, 'pg_catalog.pg_rewrite'::pg_catalog.regclass, r.oid "
			 "FROM pg_catalog.pg_rewrite r WHERE r.ev_class IN (SELECT oid FROM objs) "
			 "UNION ALL SELECT i.indrelid, 'pg_catalog.pg_class'::pg_catalog.regclass, "
			 "i.indexrelid "
			 "FROM pg_catalog.pg_index i WHERE i.indrelid IN (SELECT oid FROM objs)), "
			 "deps (obj, name) AS (SELECT DISTINCT dr.obj, nm.name FROM dependers dr "
			 "JOIN pg_catalog.pg_depend d ON d.classid = dr.classid AND d.objid = "
			 "dr.objid "
			 "JOIN names nm ON nm.classid = d.refclassid AND nm.objid = d.refobjid "
			 "WHERE d.deptype IN ('n', 'a') AND NOT (d.refclassid = "
			 "'pg_catalog.pg_class'::pg_catalog.regclass AND d.refobjid = dr.obj)) "
			 "SELECT o.oid, o.relkind, o.name, o.def, o.opts, o.cols, o.indexes, "
			 "deps.name "
			 "FROM objs o LEFT JOIN deps ON deps.obj = o.oid "
			 "ORDER BY o.relkind DESC, o.name COLLATE pg_catalog.\"C\", o.oid, "
			 "deps.name COLLATE pg_catalog.\"C\"";

/*
 * A view of a VALUES list prints as a SELECT from "(VALUES ...)"; made
 * again from that text, the list is a subquery, which prints as "(
 * VALUES ...)": one view, two texts.  The definition takes the first.
 */
static void unspace_values(dbt_buf *def)
{
	static const char spaced[] = "( VALUES ";
	char *p, *s = def->oom ? NULL : def->ptr;

	while (s && (p = strstr(s, spaced))) {
		memmove(p + 1, p + 2, strlen(p + 2) + 1);
		def->len--;
		s = p + 1;
	}
}

/* Adds the view of `row` of `res`. */
static int add_view(dbt_object **out, dbt_pg_objects *r, const PGresult *res, int row)
{
	int matview = *dbt_pg_objects_value(res, row, 1) == 'm';
	const char *name = dbt_pg_objects_value(res, row, 2);
	const char *def = dbt_pg_objects_value(res, row, 3);
	const char *opts = dbt_pg_objects_value(res, row, 4);
	const char *cols = dbt_pg_objects_value(res, row, 5);
	const char *indexes = dbt_pg_objects_value(res, row, 6);
	const char *what = matview ? "MATERIALIZED VIEW" : "VIEW";
	dbt_buf create = DBT_BUF_INIT, definition = DBT_BUF_INIT, drop = DBT_BUF_INIT;
	size_t len;
	int rc;

	/* pg_get_viewdef ends the SELECT with ';': the WITH DATA of a
	 * materialized view goes before it. */
	len = def ? strlen(def) : 0;
	while (len > 0 && (def[len - 1] == ';' || def[len - 1] == '\n' || def[len - 1] == ' '))
		len--;
	dbt_buf_printf(&create, "CREATE %s %s", what, name);
	if (opts)
		dbt_buf_printf(&create, " WITH (%s)", opts);
	dbt_buf_printf(&create, " AS\n%.*s", (int)len, def ? def : "");
	if (matview)
		dbt_buf_puts(&create, "\n  WITH DATA");
	dbt_buf_puts(&create, ";");
	if (indexes)
		dbt_buf_printf(&create, "\n%s", indexes);
	dbt_buf_printf(&definition, "%s\ncolumns: %s", dbt_buf_str(&create), cols ? cols : "");
	unspace_values(&definition);
	dbt_buf_printf(&drop, "DROP %s %s;", what, name);
	if (create.oom || definition.oom || drop.oom)
		rc = dbt_error_oom();
	else
		rc = dbt_schema_add_object(out, r->schema, matview ? DBT_OBJ_MATVIEW : DBT_OBJ_VIEW,
					   name, NULL, definition.ptr, create.ptr, drop.ptr, NULL);
	dbt_buf_release(&create);
	dbt_buf_release(&definition);
	dbt_buf_release(&drop);
	return rc;
}

/* The managed schema's extended statistics, as pg_get_statisticsobjdef
 * prints them after the object's own name, which it always qualifies
 * (the relation's name is unqualified, search_path pointing there), with
 * the relation they are on. */
static const char statistics_sql[] =
	"SELECT pg_catalog.quote_ident(x.stxname), c.relname, "
	"pg_catalog.substr(pg_catalog.pg_get_statisticsobjdef(x.oid), "
	"pg_catalog.length('CREATE STATISTICS ' || pg_catalog.quote_ident(n.nspname) || '.' || "
	"pg_catalog.quote_ident(x.stxname)) + 1) "
	"FROM pg_catalog.pg_statistic_ext x "
	"JOIN pg_catalog.pg_namespace n ON n.oid = x.stxnamespace "
	"JOIN pg_catalog.pg_class c ON c.oid = x.stxrelid "
	"WHERE n.nspname = $1 ORDER BY x.stxname";

int dbt_pg_reflect_statistics(dbt_pg_objects *r)
{
	dbt_buf create = DBT_BUF_INIT, drop = DBT_BUF_INIT;
	dbt_object *obj;
	PGresult *res;
	int rc = 0, row;

	if (r->absent & DBT_PG_STATISTICS)
		return 0;
	if ((rc = dbt_pg_objects_query(&res, r, statistics_sql)) < 0)
		return rc;
	for (row = 0; row < PQntuples(res) && rc == 0; row++) {
		const char *name = PQgetvalue(res, row, 0), *table = PQgetvalue(res, row, 1);
		const char *def = PQgetvalue(res, row, 2);

		dbt_buf_clear(&create);
		dbt_buf_clear(&drop);
		dbt_buf_printf(&create, "CREATE STATISTICS %s%s;", name, def);
		dbt_buf_printf(&drop, "DROP STATISTICS %s;", name);
		if (create.oom || drop.oom)
			rc = dbt_error_oom();
		else if ((rc = dbt_schema_add_object(&obj, r->schema, DBT_OBJ_STATISTICS, name,
						     table, def, dbt_buf_str(&create),
						     dbt_buf_str(&drop), NULL)) == 0)
			rc = dbt_object_add_dep(obj, table);
	}
	PQclear(res);
	dbt_buf_release(&create);
	dbt_buf_release(&drop);
	return rc;
}

/* The managed schema's collations as CREATE COLLATION's options: the
 * provider's own ones (read from the row as JSON, since the columns that
 * hold an ICU locale differ between PostgreSQL 15, 16 and 17). */
static const char collations_sql[] =
	"SELECT pg_catalog.quote_ident(o.collname), "
	"'(provider = ' || CASE o.collprovider WHEN 'i' THEN 'icu' WHEN 'b' THEN 'builtin' "
	"ELSE 'libc' END || "
	"CASE WHEN o.collprovider = 'c' THEN ', lc_collate = ' || "
	"pg_catalog.quote_literal(o.collcollate) || ', lc_ctype = ' || "
	"pg_catalog.quote_literal(o.collctype) "
	"ELSE ', locale = ' || pg_catalog.quote_literal(COALESCE("
	"pg_catalog.to_jsonb(o) ->> 'colllocale', pg_catalog.to_jsonb(o) ->> 'colliculocale', "
	"o.collcollate)) END || "
	"COALESCE(', rules = ' || pg_catalog.quote_literal(pg_catalog.to_jsonb(o) ->> "
	"'collicurules'), '') || "
	"CASE WHEN o.collisdeterministic THEN '' ELSE ', deterministic = false' END || ')' "
	"FROM pg_catalog.pg_collation o "
	"WHERE o.collnamespace = (SELECT n.oid FROM pg_catalog.pg_namespace n "
	"WHERE n.nspname = $1) ORDER BY o.collname";

int dbt_pg_reflect_collations(dbt_pg_objects *r)
{
	dbt_buf create = DBT_BUF_INIT, drop = DBT_BUF_INIT;
	dbt_object *obj;
	PGresult *res;
	int rc = 0, row;

	if (r->absent & DBT_PG_COLLATIONS)
		return 0;
	if ((rc = dbt_pg_objects_query(&res, r, collations_sql)) < 0)
		return rc;
	for (row = 0; row < PQntuples(res) && rc == 0; row++) {
		const char *name = PQgetvalue(res, row, 0), *def = PQgetvalue(res, row, 1);

		dbt_buf_clear(&create);
		dbt_buf_clear(&drop);
		dbt_buf_printf(&create, "CREATE COLLATION %s %s;", name, def);
		dbt_buf_printf(&drop, "DROP COLLATION %s;", name);
		if (create.oom || drop.oom)
			rc = dbt_error_oom();
		else
			rc = dbt_schema_add_object(&obj, r->schema, DBT_OBJ_COLLATION, name, NULL,
						   def, dbt_buf_str(&create), dbt_buf_str(&drop),
						   NULL);
	}
	PQclear(res);
	dbt_buf_release(&create);
	dbt_buf_release(&drop);
	return rc;
}

int dbt_pg_reflect_views(dbt_pg_objects *r)
{
	PGresult *res;
	dbt_object *obj = NULL;
	const char *oid, *dep, *last_oid = NULL;
	int rc, row;

	if (r->absent & DBT_PG_VIEWS)
		return 0;
	if ((rc = dbt_pg_objects_query(&res, r, views_sql)) < 0)
		return rc;
	for (row = 0; row < PQntuples(res); row++) {
		oid = dbt_pg_objects_value(res, row, 0);
		if (!last_oid || strcmp(oid, last_oid) != 0) {
			if ((rc = add_view(&obj, r, res, row)) < 0)
				goto cleanup;
			last_oid = oid;
		}
		dep = dbt_pg_objects_value(res, row, 7);
		if (dep && (rc = dbt_object_add_dep(obj, dep)) < 0)
			goto cleanup;
	}
	rc = 0;
cleanup:
	PQclear(res);
	return rc;
}
